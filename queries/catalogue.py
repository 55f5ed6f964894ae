"""The auditor query catalogue: ``queries/*.rq`` files with a machine-readable header.

Each query file starts with ``#+`` lines; with the ``#+`` (and one space) removed
they form a YAML document, in the spirit of grlc's decorators::

    #+ title: Statements without a citation
    #+ description: >-
    #+   Every statement must trace to a source ...
    #+ severity: error                     # error | warning | info
    #+ columns: [determination, statement, text]
    #+ params:
    #+   - name: min_weeks
    #+     type: decimal                   # see PARAM_TYPES
    #+     default: 6
    #+     description: ...
    #+ motivation: the rule or standard that motivates the query
    #+ summaries: [tlm:uncitedStatementCount]   # optional: summary facts it reads

A parameter ``name`` is the SPARQL variable ``?name``; the runner binds it (never
pastes it). A query that reads summary facts (``summaries:``) has a reference
version that computes the same rows from the asserted graph alone; the runner
falls back to it on a store without summaries. It is generated from the audit
rules that state those facts (:mod:`toulmin.queries.reference`), or, for facts no
rule states, written by hand as ``NAME.full.rq`` (no header).

``python -m toulmin.queries.catalogue --markdown`` prints ``docs/queries.md``;
``--reference NAME`` prints a query's reference version;
``--check`` validates every query (header keys, parameter types, declared columns
equal to the SELECT projection, parameters used in the query).

Examples
--------
>>> cat = catalogue()
>>> cat["uncited-statements"].severity
'error'
>>> [p.name for p in cat["short-conservative-care"].params]
['min_weeks']
>>> validate(cat["uncited-statements"])
[]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from toulmin.errors import QueryError
from toulmin.queries.reference import reference_text

__all__ = [
    "PARAM_TYPES",
    "SEVERITIES",
    "NamedQuery",
    "Param",
    "catalogue",
    "get_query",
    "load_query",
    "main",
    "markdown",
    "parse_header",
    "projection",
    "queries_dir",
    "validate",
]

#: Parameter types: how a value given on the command line becomes an RDF term.
PARAM_TYPES: dict[str, str] = {
    "string": "a plain literal, matched exactly",
    "integer": "an xsd:integer",
    "decimal": "an xsd:decimal",
    "boolean": "true/false (also yes/no, 1/0)",
    "datetime": "an xsd:dateTime, ISO 8601 (2025-11-20T09:30:00Z)",
    "iri": "an absolute IRI",
    "determination": "a determination: its id in the case file (l4-5-revision) or its IRI",
}
#: Severities, from most to least serious.
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")

_REQUIRED_KEYS = ("title", "description", "severity", "columns", "motivation")
_KNOWN_KEYS = frozenset({*_REQUIRED_KEYS, "params", "summaries", "tags"})
_PARAM_KEYS = frozenset({"name", "type", "default", "description", "choices"})
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Param:
    """A query parameter: the variable ``?name``, its type and its default.

    ``required`` is true when the header gives no default.
    """

    name: str
    type: str
    description: str
    default: Any = None
    required: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class NamedQuery:
    """One query of the catalogue, with its header and its text."""

    name: str
    path: Path
    title: str
    description: str
    severity: str
    columns: tuple[str, ...]
    motivation: str
    text: str
    params: tuple[Param, ...] = ()
    summaries: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    full: NamedQuery | None = field(default=None, compare=False, repr=False)

    def param(self, name: str) -> Param:
        """The parameter called ``name``.

        Raises
        ------
        QueryError
            When the query has no such parameter (the message lists those it has).
        """
        for p in self.params:
            if p.name == name:
                return p
        have = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"query '{self.name}' has no parameter '{name}' (its parameters: {have})")


def queries_dir() -> Path:
    """The folder that holds the packaged ``*.rq`` files."""
    return Path(__file__).resolve().parent


def parse_header(text: str, where: str = "<query>") -> dict[str, Any]:
    r"""The YAML document formed by the leading ``#+`` lines of a query.

    Leading blank lines are skipped; the header ends at the first other line.

    >>> parse_header("#+ title: T\n#+ columns: [a, b]\nSELECT ?a ?b WHERE {}")
    {'title': 'T', 'columns': ['a', 'b']}
    >>> parse_header("SELECT * WHERE {}")
    {}
    """
    lines: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not lines and not stripped:
            continue
        if not stripped.startswith("#+"):
            break
        body = stripped[2:]
        lines.append(body[1:] if body.startswith(" ") else body)
    if not lines:
        return {}
    try:
        data = yaml.safe_load("\n".join(lines))
    except yaml.YAMLError as err:
        raise QueryError(f"{where}: the #+ header is not valid YAML: {err}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise QueryError(f"{where}: the #+ header must be a mapping (title: ..., columns: ...)")
    return data


def _params(raw: Any, where: str) -> tuple[Param, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise QueryError(
            f"{where}: 'params' must be a list of {{name, type, default, description}}"
        )
    out = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            raise QueryError(f"{where}: params[{i}] must be a mapping")
        unknown = set(item) - _PARAM_KEYS
        if unknown:
            raise QueryError(f"{where}: params[{i}]: unknown key(s) {sorted(unknown)}")
        name, ptype = item.get("name"), item.get("type")
        if not isinstance(name, str) or not _NAME.match(name):
            raise QueryError(f"{where}: params[{i}]: 'name' must be a SPARQL variable name")
        if ptype not in PARAM_TYPES:
            raise QueryError(
                f"{where}: parameter '{name}': type {ptype!r} is not one of "
                + ", ".join(PARAM_TYPES)
            )
        if not item.get("description"):
            raise QueryError(f"{where}: parameter '{name}' needs a description")
        choices = tuple(str(c) for c in item.get("choices", ()))
        out.append(
            Param(
                name=name,
                type=ptype,
                description=str(item["description"]).strip(),
                default=item.get("default"),
                required="default" not in item,
                choices=choices,
            )
        )
    return tuple(out)


def load_query(path: str | Path, *, header_required: bool = True) -> NamedQuery:
    """Read one ``.rq`` file and its header.

    Parameters
    ----------
    path : path
        The query file; its name without ``.rq`` is the query name.
    header_required : bool
        When false (ad hoc ``--sparql FILE``), a file without a header is accepted;
        its columns are then taken from the SELECT projection.

    Raises
    ------
    QueryError
        When the file cannot be read or its header is incomplete or malformed.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise QueryError(f"{path}: cannot read the query: {err}") from None
    where = str(path)
    header = parse_header(text, where)
    name = path.name.removesuffix(".rq")
    if not header and not header_required:
        cols = tuple(projection(text, where))
        return NamedQuery(name, path, name, "ad hoc query", "info", cols, "ad hoc", text)
    missing = [k for k in _REQUIRED_KEYS if k not in header]
    if missing:
        raise QueryError(f"{where}: the #+ header is missing {', '.join(missing)}")
    unknown = set(header) - _KNOWN_KEYS
    if unknown:
        raise QueryError(
            f"{where}: unknown header key(s) {sorted(unknown)} (known: {sorted(_KNOWN_KEYS)})"
        )
    if header["severity"] not in SEVERITIES:
        raise QueryError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
    columns = header["columns"]
    if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
        raise QueryError(f"{where}: columns must be a list of names")
    return NamedQuery(
        name=name,
        path=path,
        title=str(header["title"]).strip(),
        description=" ".join(str(header["description"]).split()),
        severity=header["severity"],
        columns=tuple(columns),
        motivation=" ".join(str(header["motivation"]).split()),
        text=text,
        params=_params(header.get("params"), where),
        summaries=tuple(header.get("summaries") or ()),
        tags=tuple(header.get("tags") or ()),
    )


@cache
def _catalogue(folder: str) -> dict[str, NamedQuery]:
    base = Path(folder)
    found: dict[str, NamedQuery] = {}
    for path in sorted(base.glob("*.rq")):
        if path.name.endswith(".full.rq"):
            continue
        found[path.name.removesuffix(".rq")] = load_query(path)
    for name, main in list(found.items()):
        path = base / f"{name}.full.rq"
        if path.exists():
            if parse_header(path.read_text(encoding="utf-8"), str(path)):
                raise QueryError(
                    f"{path}: a reference query (.full.rq) takes its header from {name}.rq"
                )
            text: str | None = path.read_text(encoding="utf-8")
        else:
            text = reference_text(main.text, name)
        if text is None:
            continue
        full = NamedQuery(
            name=f"{name} (full)",
            path=path,
            title=main.title,
            description=main.description,
            severity=main.severity,
            columns=main.columns,
            motivation=main.motivation,
            text=text,
            params=main.params,
        )
        found[name] = NamedQuery(**{**main.__dict__, "full": full})
    for path in sorted(base.glob("*.full.rq")):
        if path.name.removesuffix(".full.rq") not in found:
            name = path.name.removesuffix(".full.rq")
            raise QueryError(f"{path}: a reference query needs its named query {name}.rq")
    return found


def catalogue(folder: str | Path | None = None) -> dict[str, NamedQuery]:
    """Every named query, by name (the packaged folder by default)."""
    return dict(_catalogue(str(Path(folder) if folder else queries_dir())))


def get_query(name: str) -> NamedQuery:
    """The named query ``name``.

    Raises
    ------
    QueryError
        When there is no such query; the message lists the names.
    """
    cat = catalogue()
    if name not in cat:
        raise QueryError(f"no query named '{name}'; the catalogue has: {', '.join(sorted(cat))}")
    return cat[name]


def projection(text: str, where: str = "<query>") -> list[str]:
    """The projected variable names of a SELECT query, in order (parsed by rdflib).

    >>> projection("SELECT ?a (COUNT(?b) AS ?n) WHERE { ?a ?p ?b } GROUP BY ?a")
    ['a', 'n']
    """
    names = _projection(text)
    if isinstance(names, str):
        raise QueryError(f"{where}: {names}")
    return list(names)


@cache
def _projection(text: str) -> tuple[str, ...] | str:
    """Projected names, or the reason there are none (cached: rdflib's parser is slow)."""
    from rdflib.plugins.sparql import prepareQuery

    try:
        query = prepareQuery(text)
    except Exception as err:  # pyparsing raises various errors
        return f"not valid SPARQL: {err}"
    pv = query.algebra.get("PV")
    if not pv:
        return "not a SELECT query with an explicit projection"
    return tuple(str(v) for v in pv)


def _variables(text: str) -> set[str]:
    body = re.sub(r"(?m)#.*$", "", text)
    return set(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", body))


def validate(query: NamedQuery) -> list[str]:
    """Problems with a query: its columns against its projection, its parameters.

    Returns an empty list for a good query. The reference twin (``.full.rq``) is
    checked against the same header.
    """
    problems: list[str] = []
    for q in (query, query.full) if query.full else (query,):
        try:
            cols = projection(q.text, str(q.path))
        except QueryError as err:
            problems.append(str(err))
            continue
        if tuple(cols) != query.columns:
            problems.append(
                f"{q.path.name}: declared columns {list(query.columns)} "
                f"but the query projects {cols}"
            )
        used = _variables(q.text)
        for p in query.params:
            if p.name not in used:
                problems.append(f"{q.path.name}: parameter '{p.name}' is not used as ?{p.name}")
            if p.name in cols:
                problems.append(f"{q.path.name}: parameter '{p.name}' must not be a result column")
    for p in query.params:
        if p.choices and not p.required and str(p.default) not in p.choices:
            problems.append(f"{query.path.name}: default of '{p.name}' is not one of its choices")
    if query.summaries and query.full is None:
        problems.append(
            f"{query.path.name}: reads summaries, but no audit rule states them "
            f"and there is no hand-written {query.name}.full.rq"
        )
    return problems


# --- documentation ---------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(queries: Iterable[NamedQuery] | None = None) -> str:
    """The query catalogue as Markdown (``docs/queries.md``), generated from the headers."""
    qs = sorted(queries if queries is not None else catalogue().values(), key=lambda q: q.name)
    out = [
        "# Auditor query catalogue",
        "",
        "<!-- Generated by `python -m toulmin.queries.catalogue --markdown` from the #+ headers",
        "     of queries/*.rq; do not edit by hand (a test checks that it is current). -->",
        "",
        "Run a query with `toulmin query NAME [--param k=v ...] [--store DIR | --endpoint URL |",
        "CASE ...] [--format table|csv|json]`; list them with `toulmin query --list`.",
        "Parameters are bound as RDF terms, never pasted into the query text.",
        "Exit code: 1 when a query of severity `error` returns rows (`--fail-on` changes this),",
        "0 otherwise, 2 for a bad name, parameter or target.",
        "In `table` and `csv` output a determination or one of its nodes (an IRI under",
        "`https://w3id.org/toulmin/d/`) reads as its local form (`l4-5-revision`,",
        "`l4-5-revision/f-ehl`) and an ontology term as its local name (`Approved`);",
        "`--full-iris` prints them in full, and `json` always does.",
        "",
        "Queries that read summary facts (computed per determination at load time into its",
        "derived graph by the audit rules of `graph/derived/summaries.py`) have a reference",
        "version that computes the same rows from the asserted graphs alone: the query with its",
        "summary reads replaced by the rules that state them, written as SPARQL",
        "(`python -m toulmin.queries.catalogue --reference NAME` prints it). The runner uses it",
        "on a store without summaries, and the tests check that both agree.",
        "",
        "## How the queries are written (so that they stay fast at 100,000 determinations)",
        "",
        "Measured on Oxigraph 0.5 (docs/benchmarks.md); plain SPARQL 1.1, so they run unchanged",
        "on Virtuoso and rdflib:",
        "",
        "- A corpus-wide defect check reads the determinations' summary links first and looks",
        "  only at the nodes they name; a property-path check costs a millisecond or more per",
        "  node, too much for a whole corpus.",
        "- `GRAPH` blocks hold required triple patterns only. Each `OPTIONAL` is at the top level",
        "  and holds one triple pattern whose subject is already bound; a chain of optional",
        "  values goes through an always-bound anchor, `BIND (COALESCE(?x, <urn:toulmin:none>)",
        "  AS ?anchor)`. (An `OPTIONAL` with two patterns, a path sequence, an unbound subject or",
        "  inside a `GRAPH` block is evaluated over the whole store.)",
        "- A check on a constant (`rdf:type tlm:Conclusion`) is written `?x rdf:type ?c FILTER",
        "  (?c = tlm:Conclusion)` when it must not be where the engine starts.",
        "- Corpus-wide aggregations read each property as its own sub-select and join the lists",
        "  on the named graph (one determination), instead of one lookup per row and property.",
        '- "What points at this node" is a required alternative path from the node',
        "  (`?src ^tlm:citedSource|tlm:inDetermination ?x`), so that a node nothing points at",
        "  still gives a row.",
        "",
        "On Virtuoso 7.2.5 every named query returns the same rows as on Oxigraph except `trace`,",
        "whose rows vary from run to run there (a Virtuoso defect); the reference versions use",
        "property paths and date arithmetic that Virtuoso evaluates differently or rejects.",
        "",
        "| query | severity | what it finds |",
        "|---|---|---|",
    ]
    for q in qs:
        out.append(f"| [`{q.name}`](#{q.name}) | {q.severity} | {_md_cell(q.title)} |")
    for q in qs:
        out += [
            "",
            f"## {q.name}",
            "",
            f"**{q.title}** (severity: {q.severity})",
            "",
            q.description,
            "",
        ]
        out.append(f"*Motivation.* {q.motivation}")
        out += ["", f"*Columns:* {', '.join(f'`{c}`' for c in q.columns)}", ""]
        if q.params:
            out += ["| parameter | type | default | description |", "|---|---|---|---|"]
            for p in q.params:
                default = "(required)" if p.required else f"`{p.default}`"
                desc = p.description + (f" One of: {', '.join(p.choices)}." if p.choices else "")
                out.append(f"| `{p.name}` | {p.type} | {default} | {_md_cell(desc)} |")
            out.append("")
        else:
            out += ["*Parameters:* none", ""]
        if q.summaries and q.full is not None:
            where = (
                f"`queries/{q.name}.full.rq`"
                if q.full.path.exists()
                else f"generated from the audit rules (`--reference {q.name}`)"
            )
            out.append(
                f"*Reads summary facts* {', '.join(f'`{s}`' for s in q.summaries)}; reference "
                f"version without them: {where} (used automatically on a store without "
                "summaries)."
            )
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m toulmin.queries.catalogue [--markdown | --check | --reference NAME]``."""
    parser = argparse.ArgumentParser(prog="python -m toulmin.queries.catalogue")
    parser.add_argument("--markdown", action="store_true", help="print docs/queries.md")
    parser.add_argument("--check", action="store_true", help="validate every query")
    parser.add_argument("--reference", metavar="NAME", help="print a query's reference version")
    args = parser.parse_args(argv)
    cat = catalogue()
    if args.markdown:
        sys.stdout.write(markdown(cat.values()))
        return 0
    if args.reference:
        full = get_query(args.reference).full
        if full is None:
            print(
                f"query '{args.reference}' reads no summary facts: it is its own reference",
                file=sys.stderr,
            )
            return 2
        sys.stdout.write(full.text)
        return 0
    problems = [p for q in cat.values() for p in validate(q)]
    for p in problems:
        print(p, file=sys.stderr)
    if not args.check:
        for q in sorted(cat.values(), key=lambda q: q.name):
            print(f"{q.name:28} {q.severity:8} {q.title}")
    return 1 if problems else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
