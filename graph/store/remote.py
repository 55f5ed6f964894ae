"""A SPARQL 1.1 endpoint over HTTP as a :class:`~toulmin.graph.store.targets.SparqlTarget`.

:class:`RemoteTarget` speaks the SPARQL 1.1 Protocol to any server (Oxigraph server,
Virtuoso, Jena Fuseki, GraphDB, Amazon Neptune): queries and updates are sent with
``POST`` as HTML-form parameters (so long queries are never cut by URL limits),
SELECT/ASK results come back as SPARQL JSON and are turned into rdflib terms, and
CONSTRUCT results as N-Triples. Only the standard library is used (``urllib``).

A result that the server cut short is an error, never a silent partial answer:
Virtuoso's "anytime" answers (``X-SQL-State: S1TAT`` or HTTP 206) and answers cut at
its ``ResultSetMaxRows`` (``X-SPARQL-MaxRows``) raise :class:`~toulmin.errors.StoreError`
with the setting to change.

Examples
--------
>>> target = RemoteTarget("http://127.0.0.1:7878/query")
>>> target.update_endpoint
'http://127.0.0.1:7878/update'
>>> RemoteTarget("http://127.0.0.1:8890/sparql").update_endpoint
'http://127.0.0.1:8890/sparql'
>>> rows = parse_select_json({"head": {"vars": ["s", "n"]}, "results": {"bindings": [
...     {"s": {"type": "uri", "value": "urn:a"},
...      "n": {"type": "typed-literal", "value": "3",
...            "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}})
>>> rows.columns, rows.rows[0][1].toPython()
(['s', 'n'], 3)
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from typing import Any

from rdflib import BNode, Literal, URIRef

from toulmin.errors import QueryError, StoreError
from toulmin.graph.store.targets import QueryResult, Term, bind_values

__all__ = [
    "RemoteTarget",
    "basic_auth_header",
    "default_update_endpoint",
    "parse_select_json",
    "term_from_json",
]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"


def default_update_endpoint(endpoint: str) -> str:
    """The update URL that servers use beside a query URL.

    Oxigraph and Fuseki answer queries at ``.../query`` and updates at
    ``.../update``; Virtuoso, GraphDB (``.../statements``, give it explicitly) and
    Neptune use one URL for both, so any other URL is returned unchanged.

    >>> default_update_endpoint("http://localhost:3030/ds/query")
    'http://localhost:3030/ds/update'
    >>> default_update_endpoint("https://db.example.org:8182/sparql")
    'https://db.example.org:8182/sparql'
    """
    parts = urllib.parse.urlsplit(endpoint)
    if parts.path.endswith("/query"):
        path = parts.path[: -len("query")] + "update"
        return urllib.parse.urlunsplit(parts._replace(path=path))
    return endpoint


def term_from_json(value: Mapping[str, Any]) -> Term:
    """One RDF term of SPARQL 1.1 JSON results as an rdflib term.

    Virtuoso's ``typed-literal`` is read as a literal; ``xsd:string`` literals
    become plain literals, as in :func:`~toulmin.graph.store.targets.from_oxigraph`.

    >>> term_from_json({"type": "literal", "value": "Hallo", "xml:lang": "de"})
    rdflib.term.Literal('Hallo', lang='de')
    >>> term_from_json({"type": "bnode", "value": "b0"})
    rdflib.term.BNode('b0')
    """
    kind = value.get("type")
    text = value.get("value", "")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        lang = value.get("xml:lang") or value.get("lang")
        if lang:
            return Literal(text, lang=lang)
        datatype = value.get("datatype")
        if datatype in (None, _XSD_STRING, _RDF_LANG_STRING):
            return Literal(text)
        return Literal(text, datatype=URIRef(datatype))
    raise StoreError(f"the endpoint returned a term of unknown type {kind!r}: {value!r}")


def parse_select_json(doc: Mapping[str, Any]) -> QueryResult:
    """Turn a SPARQL 1.1 JSON SELECT result into a :class:`QueryResult`."""
    try:
        columns = list(doc["head"]["vars"])
        bindings = doc["results"]["bindings"]
    except (KeyError, TypeError):
        raise StoreError("the endpoint's answer is not a SPARQL JSON SELECT result") from None
    rows = [tuple(term_from_json(b[c]) if c in b else None for c in columns) for b in bindings]
    return QueryResult(columns, rows)


class RemoteTarget:
    """A SPARQL 1.1 Query/Update endpoint reached over HTTP.

    Parameters
    ----------
    endpoint : str
        The query URL (``http://127.0.0.1:7878/query`` for Oxigraph,
        ``http://host:8890/sparql`` for Virtuoso, ``http://host:3030/ds/query`` for Fuseki).
    update_endpoint : str, optional
        The update URL; default from :func:`default_update_endpoint`.
    timeout : float
        Seconds to wait for an answer before giving up (default 300).
    user, password : str, optional
        Credentials, sent as HTTP Basic or Digest authentication as the server asks.
    headers : mapping, optional
        Extra HTTP headers (for example a bearer token for a managed service).

    Examples
    --------
    >>> RemoteTarget("http://127.0.0.1:1/query", timeout=2).ask("ASK {}")
    Traceback (most recent call last):
    ...
    toulmin.errors.StoreError: cannot reach the SPARQL endpoint http://127.0.0.1:1/query: ...
    """

    def __init__(
        self,
        endpoint: str,
        *,
        update_endpoint: str | None = None,
        timeout: float = 300.0,
        user: str | None = None,
        password: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        scheme = urllib.parse.urlsplit(endpoint).scheme
        if scheme not in ("http", "https"):
            raise StoreError(f"'{endpoint}' is not an http(s) URL of a SPARQL endpoint")
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint or default_update_endpoint(endpoint)
        self.timeout = timeout
        self.headers = dict(headers or {})
        handlers: list[urllib.request.BaseHandler] = []
        if user is not None:
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in {self.endpoint, self.update_endpoint}:
                manager.add_password(None, url, user, password or "")
            handlers += [
                urllib.request.HTTPBasicAuthHandler(manager),
                urllib.request.HTTPDigestAuthHandler(manager),
            ]
        self._opener = urllib.request.build_opener(*handlers)

    def __repr__(self) -> str:
        return f"RemoteTarget({self.endpoint!r})"

    # -- HTTP --------------------------------------------------------------------
    def _post(self, url: str, form: Mapping[str, str], accept: str) -> tuple[bytes, Any]:
        data = urllib.parse.urlencode(form).encode("utf-8")
        request = urllib.request.Request(url, data=data, method="POST")
        request.add_header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        request.add_header("Accept", accept)
        for key, value in self.headers.items():
            request.add_header(key, value)
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                body = response.read()
                headers = response.headers
                status = response.status
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", "replace").strip()
            raise StoreError(
                f"the SPARQL endpoint {url} answered HTTP {err.code} {err.reason}: {detail[:800]}"
            ) from None
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise StoreError(f"cannot reach the SPARQL endpoint {url}: {reason}") from None
        self._check_complete(url, status, headers)
        return body, headers

    @staticmethod
    def _check_complete(url: str, status: int, headers: Any) -> None:
        state = headers.get("X-SQL-State", "")
        if status == 206 or "S1TAT" in state:
            raise StoreError(
                f"the SPARQL endpoint {url} returned a partial result (it hit its time limit: "
                f"{headers.get('X-SQL-Message', state or 'HTTP 206')}); on Virtuoso set "
                "[SPARQL] MaxQueryExecutionTime = 0 so that a query either completes or fails"
            )
        max_rows = headers.get("X-SPARQL-MaxRows")
        if max_rows:
            raise StoreError(
                f"the SPARQL endpoint {url} cut the result at {max_rows} rows; on Virtuoso "
                "raise [SPARQL] ResultSetMaxRows above the largest result you need"
            )

    def _query(self, query: str, bindings: Mapping[str, Term] | None, accept: str) -> bytes:
        body, _ = self._post(self.endpoint, {"query": bind_values(query, bindings)}, accept)
        return body

    # -- SparqlTarget --------------------------------------------------------------
    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        """See :meth:`SparqlTarget.select`."""
        doc = self._json(self._query(query, bindings, _JSON))
        if "boolean" in doc:
            raise QueryError("expected a SELECT query")
        return parse_select_json(doc)

    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool:
        """See :meth:`SparqlTarget.ask`."""
        doc = self._json(self._query(query, bindings, _JSON))
        if "boolean" not in doc:
            raise QueryError("expected an ASK query")
        return bool(doc["boolean"])

    # -- beyond the protocol's read side --------------------------------------------
    def construct(self, query: str, bindings: Mapping[str, Term] | None = None) -> bytes:
        """Run a CONSTRUCT (or DESCRIBE) query; the answer as N-Triples bytes."""
        return self._query(query, bindings, _NTRIPLES)

    def update(self, request: str) -> None:
        """Send one SPARQL 1.1 Update request (one transaction on most servers)."""
        self._post(self.update_endpoint, {"update": request}, "*/*")

    def _json(self, body: bytes) -> dict[str, Any]:
        try:
            doc = json.loads(body)
        except ValueError:
            start = body[:200].decode("utf-8", "replace")
            raise StoreError(
                f"the SPARQL endpoint {self.endpoint} did not answer with SPARQL JSON: {start!r}"
            ) from None
        if not isinstance(doc, dict):
            raise StoreError(f"the SPARQL endpoint {self.endpoint} answered {type(doc).__name__}")
        return doc


def basic_auth_header(user: str, password: str) -> dict[str, str]:
    """An ``Authorization`` header for HTTP Basic authentication (sent up front).

    >>> basic_auth_header("dba", "dba")
    {'Authorization': 'Basic ZGJhOmRiYQ=='}
    """
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return {"Authorization": f"Basic {token}"}
