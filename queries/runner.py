"""Run catalogue queries on a :class:`~toulmin.graph.store.targets.SparqlTarget`.

Parameters arrive as text (``--param min_weeks=4``), are checked against the
query's header (name, type, choices), converted to RDF terms and passed to the
target as *bindings*: the target adds them as a ``VALUES`` block built from
escaped terms, so a value is always matched as a value, never read as SPARQL.

A query that reads summary facts (header ``summaries:``) runs as written when
every determination in the target has a summary (:func:`has_summaries`), and
otherwise as its reference twin ``NAME.full.rq``, which gives the same rows from
the asserted graph alone (slower on a large store).

Exit codes (:func:`exit_code`): a query of severity ``error`` that returns rows
makes ``toulmin query`` exit 1, like a linter, so it can gate a pipeline ("do
not send a determination that fails an error check"); warnings and info exit 0.
``fail_on`` moves the bar (``warning``: warnings fail too; ``never``).

Examples
--------
>>> from toulmin.queries.catalogue import get_query
>>> q = get_query("short-conservative-care")
>>> bindings(q, {"min_weeks": "4"})["min_weeks"]
rdflib.term.Literal('4', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
>>> bindings(q, {"min_weeks": "four"})  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
toulmin.errors.QueryError: parameter 'min_weeks' of short-conservative-care: 'four' is not a decimal
>>> exit_code(get_query("uncited-statements"), 3), exit_code(q, 3)
(1, 0)
"""

from __future__ import annotations

import csv
import io
import json
import re
import weakref
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TextIO

from rdflib import XSD, Literal, URIRef

from toulmin.errors import QueryError
from toulmin.graph.store.targets import QueryResult, SparqlTarget, Term
from toulmin.ontology.namespace import DATA, TOULMIN_NS
from toulmin.queries.catalogue import NamedQuery, Param

__all__ = [
    "FAIL_ON",
    "FORMATS",
    "bindings",
    "catalogue_text",
    "convert",
    "exit_code",
    "format_result",
    "has_summaries",
    "parse_params",
    "run_ad_hoc",
    "run_query",
    "term_text",
]

#: Output formats of :func:`format_result`.
FORMATS: tuple[str, ...] = ("table", "csv", "json")
#: Values of ``--fail-on``: the least severity whose rows make the exit code 1.
FAIL_ON: tuple[str, ...] = ("error", "warning", "info", "never")

_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*$")
_LOCAL_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")


def convert(param: Param, value: Any, query: str = "query") -> Term:
    r"""Convert a parameter value (text from the command line, or a header default).

    Raises
    ------
    QueryError
        When the value does not fit the parameter's type or choices.

    Examples
    --------
    >>> convert(Param("n", "integer", "d"), "12")
    rdflib.term.Literal('12', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    >>> convert(Param("d", "determination", "d"), "l4-5-revision")
    rdflib.term.URIRef('https://w3id.org/toulmin/d/l4-5-revision')
    >>> convert(Param("s", "string", "d"), 'a"} ; DROP ALL ; {').n3()
    '"a\\"} ; DROP ALL ; {"'
    """
    text = value if isinstance(value, str) else _yaml_text(value)
    if param.choices and text not in param.choices:
        what = f"one of {', '.join(param.choices)}"
    else:
        converter = _CONVERTERS.get(param.type)
        if converter is None:  # pragma: no cover - the catalogue checks the types
            raise QueryError(f"{query}: unknown parameter type {param.type!r}")
        try:
            return converter(text)
        except _Unfit as unfit:
            what = str(unfit)
    raise QueryError(f"parameter '{param.name}' of {query}: {text!r} is not {what}")


class _Unfit(Exception):
    """A text that does not fit its parameter's type; the message says what it should be."""


def _integer(text: str) -> Term:
    if not re.fullmatch(r"[+-]?\d+", text.strip()):
        raise _Unfit("an integer")
    return Literal(int(text), datatype=XSD.integer)


def _decimal(text: str) -> Term:
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        raise _Unfit("a decimal") from None
    if not number.is_finite():
        raise _Unfit("a finite decimal")
    return Literal(format(number, "f"), datatype=XSD.decimal)


def _boolean(text: str) -> Term:
    low = text.strip().lower()
    if low not in _TRUE | _FALSE:
        raise _Unfit("a boolean (true/false)")
    return Literal(low in _TRUE)


def _datetime(text: str) -> Term:
    if not _DATETIME.match(text.strip()):
        raise _Unfit("an ISO 8601 date-time such as 2025-11-20T09:30:00Z")
    try:
        datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise _Unfit("a valid date-time") from None
    return Literal(text.strip(), datatype=XSD.dateTime)


def _iri(text: str) -> Term:
    if not _IRI.match(text):
        raise _Unfit("an absolute IRI (scheme:..., without spaces, quotes, <>, {} or |)")
    return URIRef(text)


def _determination(text: str) -> Term:
    if _LOCAL_ID.match(text) and ":" not in text:
        return URIRef(f"{DATA}{text}")
    if _IRI.match(text):
        return URIRef(text)
    raise _Unfit("a determination id (letters, digits, '_', '.', '-') or an IRI")


#: Parameter type -> the function turning a value's text into its term.
_CONVERTERS: dict[str, Callable[[str], Term]] = {
    "string": Literal,
    "integer": _integer,
    "decimal": _decimal,
    "boolean": _boolean,
    "datetime": _datetime,
    "iri": _iri,
    "determination": _determination,
}


def _yaml_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def bindings(query: NamedQuery, given: Mapping[str, Any] | None = None) -> dict[str, Term]:
    """Every parameter of ``query`` as a term: the given value, else the default.

    Raises
    ------
    QueryError
        For an unknown parameter, a missing required one, or a value of the wrong type.
    """
    given = dict(given or {})
    for name in given:
        query.param(name)  # raises for an unknown name
    out: dict[str, Term] = {}
    for p in query.params:
        if p.name in given:
            out[p.name] = convert(p, given[p.name], query.name)
        elif p.required:
            raise QueryError(
                f"query '{query.name}' needs --param {p.name}=... ({p.type}: {p.description})"
            )
        else:
            out[p.name] = convert(p, p.default, query.name)
    return out


_COUNT_DETERMINATIONS = """
PREFIX tlm: <https://w3id.org/toulmin/ontology#>
SELECT (COUNT(?determination) AS ?n) WHERE { GRAPH ?g { ?determination a tlm:Determination } }
"""
_COUNT_SUMMARISED = """
PREFIX tlm: <https://w3id.org/toulmin/ontology#>
SELECT (COUNT(DISTINCT ?determination) AS ?n) WHERE { GRAPH ?g { ?s tlm:summaryOf ?determination } }
"""
#: target -> its answer; weak keys, so a freed target's answer dies with it (an id() key
#: could be reused by the next target object and give it another store's answer)
_SUMMARY_CACHE: weakref.WeakKeyDictionary[SparqlTarget, bool] = weakref.WeakKeyDictionary()


def _count(target: SparqlTarget, query: str) -> int:
    rows = target.select(query).rows
    value = rows[0][0] if rows and rows[0] else None
    return int(value) if value is not None else 0


def has_summaries(target: SparqlTarget, *, cache: bool = True) -> bool:
    """Whether the determinations in ``target`` have their summary facts.

    Two counts (determinations, and determinations with a summary) rather than a
    check of each determination: on 100,000 determinations that is 50 ms, not 0.5 s.
    A summary left behind by a removed determination could hide a missing one;
    :func:`toulmin.graph.store.load.load` replaces a determination's derived graph
    together with its asserted graph, so a store it wrote has none. The answer is
    cached per target object; pass ``cache=False`` after loading more data.
    """
    if cache and target in _SUMMARY_CACHE:
        return _SUMMARY_CACHE[target]
    determinations = _count(target, _COUNT_DETERMINATIONS)
    answer = determinations > 0 and _count(target, _COUNT_SUMMARISED) >= determinations
    if cache:
        _SUMMARY_CACHE[target] = answer
    return answer


def run_query(
    target: SparqlTarget,
    query: NamedQuery,
    params: Mapping[str, Any] | None = None,
    *,
    full: bool | None = None,
) -> QueryResult:
    """Run a catalogue query with bound parameters.

    Parameters
    ----------
    target : SparqlTarget
        A store, an endpoint, or case files loaded in memory.
    query : NamedQuery
        From :func:`~toulmin.queries.catalogue.get_query` or ``load_query``.
    params : mapping
        Parameter values by name, as text or Python values; defaults fill the rest.
    full : bool or None
        ``True`` runs the reference twin (no summary facts needed), ``False`` the
        named query as written; ``None`` (default) chooses by :func:`has_summaries`.

    Returns
    -------
    QueryResult
        Columns named as the header declares, rows of rdflib terms.
    """
    values = bindings(query, params)
    chosen = query
    if query.full is not None:
        use_full = full if full is not None else not has_summaries(target)
        if use_full:
            chosen = query.full
    elif full and query.summaries:  # pragma: no cover - catalogue validation prevents it
        raise QueryError(f"query '{query.name}' has no reference version")
    result = target.select(chosen.text, values)
    if list(result.columns) != list(query.columns):
        raise QueryError(
            f"{query.path.name}: returned columns {result.columns}, the header declares "
            f"{list(query.columns)}"
        )
    return result


def parse_params(items: Sequence[str]) -> dict[str, str]:
    """``NAME=VALUE`` texts (``--param``) as a mapping; the last value of a name wins.

    >>> parse_params(["source=aans", "min_weeks=6", "source=nass"])
    {'source': 'nass', 'min_weeks': '6'}
    >>> parse_params(["weeks"])
    Traceback (most recent call last):
    toulmin.errors.QueryError: --param takes NAME=VALUE, got 'weeks'
    """
    params: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise QueryError(f"--param takes NAME=VALUE, got {item!r}")
        params[name.strip()] = value
    return params


def run_ad_hoc(
    target: SparqlTarget, query: NamedQuery, params: Mapping[str, str], *, full: bool | None = None
) -> QueryResult:
    """Run a query file given by the user (``--sparql``), with or without a header.

    With parameters declared in its header it runs as :func:`run_query`; without, each
    given value is bound to the variable of its name as a plain literal.
    """
    if query.params:
        return run_query(target, query, params, full=full)
    return target.select(query.text, {k: Literal(v) for k, v in params.items()})


def catalogue_text() -> str:
    """The catalogue for people: name, severity and title, then the parameters.

    >>> "citing-source" in catalogue_text()
    True
    """
    from toulmin.queries.catalogue import catalogue

    lines = []
    for query in sorted(catalogue().values(), key=lambda q: q.name):
        shown = ", ".join(
            f"{p.name}:{p.type}" + ("" if p.required else f"={p.default}") for p in query.params
        )
        lines.append(f"{query.name:26} {query.severity:8} {query.title}")
        if shown:
            lines.append(f"{'':26} {'':8} params: {shown}")
    return "\n".join(lines)


def exit_code(query: NamedQuery, rows: int, fail_on: str = "error") -> int:
    """1 when ``rows`` results of ``query`` count as findings at ``fail_on``, else 0.

    >>> from toulmin.queries.catalogue import get_query
    >>> q = get_query("unanswered-attacks")
    >>> exit_code(q, 2), exit_code(q, 2, "warning")
    (0, 1)
    """
    if fail_on not in FAIL_ON:
        raise QueryError(f"--fail-on must be one of {', '.join(FAIL_ON)}")
    if fail_on == "never" or rows == 0:
        return 0
    from toulmin.queries.catalogue import SEVERITIES

    return 1 if SEVERITIES.index(query.severity) <= SEVERITIES.index(fail_on) else 0


# --- output ----------------------------------------------------------------------------


def term_text(term: Term | None, *, short: bool = False) -> str:
    """A result cell as text: IRIs in full (or short), literals by value.

    Short, a determination or one of its nodes (an IRI under ``d:``) reads as its
    local form and an ontology term as its local name; other IRIs stay in full.

    >>> term_text(URIRef("https://w3id.org/toulmin/d/l4-5-revision/f-ehl"), short=True)
    'l4-5-revision/f-ehl'
    >>> from toulmin.ontology.namespace import TLM
    >>> term_text(TLM.Approved, short=True), term_text(TLM.Approved)
    ('Approved', 'https://w3id.org/toulmin/ontology#Approved')
    >>> term_text(URIRef("urn:x"), short=True), term_text(None)
    ('urn:x', '')
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        if short:
            for ns in (str(DATA), TOULMIN_NS):
                if text.startswith(ns) and len(text) > len(ns):
                    return text[len(ns) :]
        return text
    return str(term)


def _json_value(term: Term | None) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool | int | str):
            return value
        if isinstance(value, Decimal | float):
            number = float(value)
            return int(number) if number.is_integer() and term.datatype != XSD.double else number
        return str(term)
    return str(term)


def format_result(
    result: QueryResult,
    fmt: str = "table",
    out: TextIO | None = None,
    *,
    title: str | None = None,
    full_iris: bool = False,
) -> str:
    """Write ``result`` as a rich table, CSV or JSON; return the text written.

    JSON is ``{"columns": [...], "rows": [{column: value}, ...]}`` with numbers and
    booleans as JSON values, IRIs in full as strings and unbound cells as ``null``.
    The table and CSV show IRIs short (:func:`term_text`), or in full with ``full_iris``.

    >>> r = QueryResult(["a", "n"], [(URIRef("https://w3id.org/toulmin/d/x"), Literal(2))])
    >>> print(format_result(r, "csv"), end="")
    a,n
    x,2
    >>> print(format_result(r, "csv", full_iris=True), end="")
    a,n
    https://w3id.org/toulmin/d/x,2
    >>> format_result(r, "json")
    '{"columns": ["a", "n"], "rows": [{"a": "https://w3id.org/toulmin/d/x", "n": 2}]}'
    """
    if fmt not in FORMATS:
        raise QueryError(f"--format must be one of {', '.join(FORMATS)}")
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(result.columns)
        for row in result.rows:
            writer.writerow([term_text(t, short=not full_iris) for t in row])
        text = buf.getvalue()
    elif fmt == "json":
        rows = [
            dict(zip(result.columns, map(_json_value, row), strict=True)) for row in result.rows
        ]
        text = json.dumps({"columns": list(result.columns), "rows": rows}, ensure_ascii=False)
    else:
        text = _table(result, title, full_iris)
    if out is not None:
        out.write(text if text.endswith("\n") else text + "\n")
    return text


def _table(result: QueryResult, title: str | None, full_iris: bool) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, expand=False)
    for column in result.columns:
        table.add_column(column, overflow="fold")
    for row in result.rows:
        table.add_row(*(term_text(t, short=not full_iris) for t in row))
    buf = io.StringIO()
    console = Console(file=buf, width=160, force_terminal=False, color_system=None)
    console.print(table)
    console.print(f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}")
    return buf.getvalue()
