"""Where SPARQL runs: the one interface that queries, the store and the endpoint share.

A :class:`SparqlTarget` answers SELECT and ASK queries with parameters bound as
values, never pasted into the query text: :func:`bind_values` adds a ``VALUES``
block, built from RDF terms serialised (and escaped) by rdflib, as the first
element of the query's top-level ``WHERE`` group, so the values are bound before
anything else is evaluated, for every engine alike (Oxigraph's own substitutions
only apply to projected variables).
:class:`MemoryTarget` is the in-process target: an in-memory Oxigraph store
filled from rdflib graphs (one named graph per determination).

Examples
--------
>>> from rdflib import Graph, Literal, URIRef
>>> g = Graph(identifier=URIRef("urn:g"))
>>> _ = g.add((URIRef("urn:s"), URIRef("urn:p"), Literal("it's } ; DROP ALL ; {")))
>>> target = MemoryTarget.from_graphs([g])
>>> q = "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?text } }"
>>> target.select(q, {"text": Literal("it's } ; DROP ALL ; {")}).rows
[(rdflib.term.URIRef('urn:s'),)]
>>> target.select(q, {"text": Literal("other")}).rows
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from toulmin.errors import QueryError

__all__ = [
    "MemoryTarget",
    "OxigraphTarget",
    "QueryResult",
    "SparqlTarget",
    "bind_values",
    "from_oxigraph",
    "graph_to_quads",
    "to_oxigraph",
]

Term = URIRef | Literal | BNode


@dataclass
class QueryResult:
    """Rows of a SELECT query: column names and rdflib terms (``None`` when unbound)."""

    columns: list[str]
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)


@runtime_checkable
class SparqlTarget(Protocol):
    """Something that answers SPARQL with bound parameters."""

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        """Run a SELECT query with ``bindings`` (variable name -> term) substituted."""
        ...

    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool:
        """Run an ASK query with ``bindings`` substituted."""
        ...


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert an rdflib term to its pyoxigraph equivalent.

    >>> to_oxigraph(Literal(3))
    <Literal value=3 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"cannot use {term!r} as a SPARQL value")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def from_oxigraph(term: object) -> Term | None:
    """Convert a pyoxigraph term back to rdflib (``None`` stays ``None``)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
    raise QueryError(f"unsupported term in a result: {term!r}")


def graph_to_quads(graph: Graph) -> Iterable[ox.Quad]:
    """The triples of a named rdflib graph as pyoxigraph quads in that graph."""
    name = ox.NamedNode(str(graph.identifier))
    for s, p, o in graph:
        yield ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name)  # type: ignore[arg-type]


_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _where_brace(query: str) -> int:
    """Index of the ``{`` that opens the top-level WHERE group (strings, IRIs, comments skipped)."""
    i, n, seen_where = 0, len(query), False
    while i < n:
        ch = query[i]
        if ch == "#":
            end = query.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if ch in "\"'":
            long = query.startswith(ch * 3, i)
            quote = ch * 3 if long else ch
            j = i + len(quote)
            while j < n and not query.startswith(quote, j):
                j += 2 if query[j] == "\\" else 1
            i = j + len(quote)
            continue
        if ch == "<" and re.match(r"<[^<>\"{}|^`\\\s]*>", query[i:]):
            i = query.index(">", i) + 1
            continue
        if query[i : i + 5].upper() == "WHERE" and not (
            i and (query[i - 1].isalnum() or query[i - 1] in "_?$")
        ):
            seen_where = True
            i += 5
            continue
        if ch == "{" and seen_where:
            return i
        i += 1
    raise QueryError("a query with parameters needs a WHERE { ... } clause to bind them in")


def bind_values(query: str, bindings: Mapping[str, Term] | None) -> str:
    r"""Bind parameters with a ``VALUES`` block at the start of the WHERE group.

    Each value is an RDF term written by rdflib's ``n3()``, which escapes quotes,
    backslashes and newlines, so a value is always matched as a value.

    >>> print(bind_values('SELECT ?s WHERE { ?s ?p ?o }', {"o": Literal('a"} ; DROP ALL ; {')}))
    SELECT ?s WHERE { VALUES (?o) { ("a\"} ; DROP ALL ; {") }  ?s ?p ?o }
    >>> bind_values('SELECT ?s WHERE { ?s ?p ?o }', {})
    'SELECT ?s WHERE { ?s ?p ?o }'
    """
    if not bindings:
        return query
    names = sorted(bindings)
    for name in names:
        if not _NAME.match(name):
            raise QueryError(f"'{name}' is not a SPARQL variable name")
    at = _where_brace(query) + 1
    row = " ".join(bindings[name].n3() for name in names)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }} "
    return query[:at] + block + query[at:]


class OxigraphTarget:
    """A :class:`SparqlTarget` over a pyoxigraph :class:`~pyoxigraph.Store`."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        """See :meth:`SparqlTarget.select`."""
        try:
            solutions = self.store.query(bind_values(query, bindings))
        except SyntaxError as err:
            raise QueryError(f"the query is not valid SPARQL: {err}") from None
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        columns = [v.value for v in solutions.variables]
        rows = [tuple(from_oxigraph(sol[c]) for c in columns) for sol in solutions]
        return QueryResult(columns, rows)

    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool:
        """See :meth:`SparqlTarget.ask`."""
        try:
            answer = self.store.query(bind_values(query, bindings))
        except SyntaxError as err:
            raise QueryError(f"the query is not valid SPARQL: {err}") from None
        if not isinstance(answer, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(answer)


class MemoryTarget(OxigraphTarget):
    """An in-memory Oxigraph store, e.g. for running auditor queries on case files."""

    @classmethod
    def from_graphs(cls, graphs: Iterable[Graph]) -> MemoryTarget:
        """A store holding each rdflib graph as the named graph of its identifier."""
        store = ox.Store()
        for graph in graphs:
            store.extend(graph_to_quads(graph))
        return cls(store)
