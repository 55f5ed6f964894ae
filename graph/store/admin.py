"""Inspecting and maintaining a store: stats, the list of determinations, remove, export.

Owns :func:`stats` (:class:`StoreStats`), :func:`list_determinations`
(:class:`DeterminationInfo`), :func:`remove` and :func:`export`, on an Oxigraph store
or a SPARQL endpoint, and their text for people. Imports
:mod:`~toulmin.graph.store.targets`, :mod:`~toulmin.graph.store.remote` and the
layers below the store; nothing of loading.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import URIRef

from toulmin.errors import BadInputError
from toulmin.graph.authoring.lexical import ID
from toulmin.graph.rdf.formats import by_name, by_suffix
from toulmin.graph.rdf.iris import derived_graph_iri, graph_iri
from toulmin.graph.store.remote import RemoteTarget
from toulmin.graph.store.targets import OxigraphTarget, SparqlTarget
from toulmin.ontology.namespace import DATA, TLM

__all__ = [
    "EXPORT_FORMATS",
    "DeterminationInfo",
    "StoreStats",
    "check_ids",
    "export",
    "export_format",
    "list_determinations",
    "listing_text",
    "missing_ids",
    "remove",
    "stats",
]


@dataclass(frozen=True)
class StoreStats:
    """What a store holds.

    Attributes
    ----------
    determinations : int
        Determinations (``tlm:Determination`` nodes in toulmin graphs).
    derived : int
        Derived graphs (``d:{det}/derived``).
    graphs : int
        Named graphs under the toulmin data namespace.
    quads : int
        Quads in those graphs.
    size_bytes : int or None
        Size of the store directory (``None`` for an endpoint).
    location : str
        The directory or the endpoint URL.
    """

    determinations: int
    derived: int
    graphs: int
    quads: int
    size_bytes: int | None
    location: str

    def text(self) -> str:
        """The counts as aligned lines for people.

        >>> print(StoreStats(2, 2, 4, 1234, None, "store/").text())
        location        store/
        determinations  2
        derived graphs  2
        graphs          4
        quads           1,234
        size on disk    -
        """
        size = "-" if self.size_bytes is None else f"{self.size_bytes / 1e6:,.1f} MB"
        return (
            f"location        {self.location}\n"
            f"determinations  {self.determinations:,}\n"
            f"derived graphs  {self.derived:,}\n"
            f"graphs          {self.graphs:,}\n"
            f"quads           {self.quads:,}\n"
            f"size on disk    {size}"
        )


@dataclass(frozen=True)
class DeterminationInfo:
    """One determination in a store: id, title and outcome (local name, e.g. ``Approved``)."""

    id: str
    title: str | None
    outcome: str | None
    graph: str


_IN_DATA = f'FILTER(STRSTARTS(STR(?g), "{DATA}"))'


def _count(target: SparqlTarget, query: str) -> int:
    rows = target.select(query).rows
    value = rows[0][0] if rows and rows[0] else None
    return int(value.toPython()) if value is not None else 0


def stats(target: SparqlTarget, store_dir: Path | None = None) -> StoreStats:
    """Count determinations, derived graphs, graphs and quads (and the size on disk).

    Parameters
    ----------
    target : SparqlTarget
        From :func:`~toulmin.graph.store.open.open_target` (a store or an endpoint).
    store_dir : Path, optional
        The store directory, for the size on disk.
    """
    tlm = str(TLM)
    dets = _count(
        target,
        f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ GRAPH ?g {{ ?d a <{tlm}Determination> }} "
        f"{_IN_DATA} }}",
    )
    graphs = target.select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_IN_DATA} }}")
    names = [str(row[0]) for row in graphs.rows]
    quads = _count(
        target, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_IN_DATA} }}"
    )
    size = None
    if store_dir is not None:
        size = sum(p.stat().st_size for p in Path(store_dir).rglob("*") if p.is_file())
    location = str(store_dir) if store_dir is not None else str(getattr(target, "endpoint", ""))
    derived = sum(1 for n in names if n.endswith("/derived"))
    return StoreStats(dets, derived, len(names), quads, size, location)


def list_determinations(target: SparqlTarget) -> list[DeterminationInfo]:
    """Every determination with its title and outcome, sorted by id."""
    tlm = str(TLM)
    result = target.select(
        f"""SELECT ?d ?g ?title ?outcome WHERE {{
            GRAPH ?g {{
                ?d a <{tlm}Determination> .
                OPTIONAL {{ ?d <{tlm}title> ?title }}
                OPTIONAL {{ ?d <{tlm}outcome> ?outcome }}
            }}
            {_IN_DATA}
        }} ORDER BY ?d"""
    )
    found: dict[str, DeterminationInfo] = {}
    for d, g, title, outcome in result.rows:
        det = str(d)[len(str(DATA)) :] if str(d).startswith(str(DATA)) else str(d)
        if det in found:
            continue
        out = str(outcome).rsplit("#", 1)[-1] if outcome is not None else None
        found[det] = DeterminationInfo(det, None if title is None else str(title), out, str(g))
    return sorted(found.values(), key=lambda info: info.id)


def listing_text(infos: Sequence[DeterminationInfo]) -> str:
    """One line per determination: id, outcome and title, in aligned columns.

    >>> print(listing_text([DeterminationInfo("a-1", "A title", "Approved", "g")]))
    a-1  Approved           A title
    """
    width = max((len(i.id) for i in infos), default=2)
    return "\n".join(
        f"{info.id:<{width}}  {info.outcome or '-':<17}  {info.title or ''}" for info in infos
    )


def _exists(target: SparqlTarget, det: str) -> bool:
    return target.ask(
        "ASK WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { GRAPH ?h { ?s ?p ?o } } }",
        {"g": graph_iri(det), "h": derived_graph_iri(det)},
    )


def check_ids(ids: Iterable[str]) -> None:
    """Refuse what cannot be a determination id (ids become IRIs; docs/case-format.md).

    >>> check_ids(["l4-5-revision"])
    >>> check_ids(["x> } ; DROP ALL ; #"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    toulmin.errors.BadInputError: not a determination id: 'x> } ; DROP ALL ; #' (an id is ...)
    """
    bad = [i for i in ids if not ID.fullmatch(i)]
    if bad:
        raise BadInputError(
            f"not a determination id: {', '.join(map(repr, bad))} "
            "(an id is a letter, then letters, digits, '_', '.', '-')"
        )


def missing_ids(ids: Iterable[str], store: ox.Store | RemoteTarget) -> list[str]:
    """The ids (checked with :func:`check_ids`) of which ``store`` holds no graph."""
    ids = list(dict.fromkeys(ids))
    check_ids(ids)
    target: SparqlTarget = store if isinstance(store, RemoteTarget) else OxigraphTarget(store)
    return [det for det in ids if not _exists(target, det)]


def remove(ids: Sequence[str], store: ox.Store | RemoteTarget) -> tuple[list[str], list[str]]:
    """Drop determinations (asserted and derived graphs) in one transaction.

    Returns
    -------
    removed, missing : list of str
        The ids that were dropped, and those that were not in the store.
    """
    check_ids(ids)
    target: SparqlTarget = store if isinstance(store, RemoteTarget) else OxigraphTarget(store)
    removed = [det for det in dict.fromkeys(ids) if _exists(target, det)]
    missing = [det for det in dict.fromkeys(ids) if det not in removed]
    if removed:
        request = " ;\n".join(
            f"DROP SILENT GRAPH <{g}>"
            for det in removed
            for g in (graph_iri(det), derived_graph_iri(det))
        )
        if isinstance(store, RemoteTarget):
            store.update(request)
        else:
            store.update(request)
            store.flush()
    return removed, missing


#: The formats :func:`export` writes (names in :data:`~toulmin.graph.rdf.formats.FORMATS`).
EXPORT_FORMATS: tuple[str, ...] = ("nquads", "trig")


def export_format(path: Path | None, format: str | None = None) -> str:
    """The format to export in: ``format`` if given, else by the output file's suffix.

    >>> export_format(Path("all.trig")), export_format(Path("all.nq")), export_format(None)
    ('trig', 'nquads', 'nquads')
    """
    if format is not None:
        return format
    chosen = by_suffix(path) if path is not None else None
    return chosen.name if chosen is not None and chosen.name in EXPORT_FORMATS else "nquads"


def export(
    store: ox.Store | RemoteTarget,
    output: IO[bytes],
    *,
    format: str = "nquads",
    ids: Sequence[str] = (),
) -> int:
    """Write determinations' graphs as N-Quads or TriG.

    Parameters
    ----------
    store : pyoxigraph.Store or RemoteTarget
    output : binary file
    format : {"nquads", "trig"}
    ids : sequence of str
        Determinations to export (default: every toulmin graph).

    Returns
    -------
    int
        Quads written.
    """
    fmt = by_name(format, EXPORT_FORMATS).oxigraph
    assert fmt is not None  # every export format is one the store writes
    prefixes = {"tlm": str(TLM), "d": str(DATA)} if fmt == ox.RdfFormat.TRIG else None
    if not ids and isinstance(store, ox.Store) and _only_toulmin_graphs(store):
        # everything in the store is to be written: Oxigraph's own dump, no quad in Python
        with contextlib.suppress(BrokenPipeError):
            store.dump(output, fmt, prefixes=prefixes)
        return len(store)
    if ids:
        check_ids(ids)
        names = [str(g) for det in ids for g in (graph_iri(det), derived_graph_iri(det))]
    elif isinstance(store, RemoteTarget):
        rows = store.select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_IN_DATA} }}")
        names = sorted(str(row[0]) for row in rows.rows)
    else:
        names = sorted(
            g.value
            for g in store.named_graphs()
            if isinstance(g, ox.NamedNode) and g.value.startswith(str(DATA))
        )
    counter = [0]

    def quads() -> Iterator[ox.Quad]:
        for name in names:
            node = ox.NamedNode(name)
            if isinstance(store, RemoteTarget):
                text = store.construct(
                    "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(name)}
                )
                triples: Iterable[Any] = (
                    q.triple for q in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)
                )
            else:
                triples = (q.triple for q in store.quads_for_pattern(None, None, None, node))
            for t in triples:
                counter[0] += 1
                yield ox.Quad(t.subject, t.predicate, t.object, node)

    with contextlib.suppress(BrokenPipeError):
        ox.serialize(quads(), output, fmt, prefixes=prefixes)
    return counter[0]


def _only_toulmin_graphs(store: ox.Store) -> bool:
    """Whether every quad of the store is in a determination's (asserted or derived) graph."""
    if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        return False
    return all(
        isinstance(g, ox.NamedNode) and g.value.startswith(str(DATA)) for g in store.named_graphs()
    )
