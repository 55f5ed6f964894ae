"""The store: determinations as named graphs in Oxigraph or behind a SPARQL endpoint.

One determination is one named graph ``d:{det}/graph`` plus, when something computed
it, its derived graph ``d:{det}/derived`` (docs/rdf-model.md). The embedded default
is an Oxigraph store (pyoxigraph, RocksDB) in a directory; the same commands work on
any SPARQL 1.1 Query/Update endpoint through :class:`~toulmin.graph.store.remote.RemoteTarget`.

Loading (:func:`load`) takes case files (``.yaml``/``.yml``), Turtle (``.ttl``),
N-Triples (``.nt``), N-Quads (``.nq``), TriG (``.trig``), or folders of them (walked
recursively, in sorted order), and guarantees:

* **replace, never merge**: a determination's graphs are dropped and written again in
  one transaction (one SPARQL Update request ``DROP SILENT GRAPH ... ; INSERT DATA
  {...}``; pyoxigraph applies an update all or nothing), so loading the same files
  twice gives the same store, and a reader never sees half a determination;
* **no half-written determination after an interruption**: a crash or kill during a
  transaction leaves the previous version complete; see the bulk path below;
* **bad files are skipped, not fatal**: each problem is reported with file, line and
  reason, the good files load, and :attr:`LoadReport.exit_code` is 1.

Several determinations may share one transaction (batches of up to
``batch_quads`` quads): atomicity per determination still holds, and it is several
times faster than one commit per determination. If a batch fails, its
determinations are written one by one so that only the bad one is reported.

The bulk path (``bulk=True``, or automatically for a large load into an empty store)
streams new determinations, as one N-Quads stream, through Oxigraph's own bulk
loader (:meth:`pyoxigraph.Store.bulk_load`), which writes index files directly
instead of going through transactions: several times faster, but not atomic.
toulmin keeps it per-determination safe with a journal (``toulmin-bulk-journal.txt``
in the store directory) that lists each determination *before* its quads are handed
to the bulk loader; only determinations that were not in the store go that way
(replacements are deferred to transactions). If a bulk load is interrupted, the next
writable :func:`open_store` drops every journalled graph -- all of them were new, so
this restores the store as it was before the load -- and a read-only open refuses
the store until then. ``optimize()`` runs after a bulk load.

Case files are read in worker processes (:func:`prepare_file`): validated, compiled
and evaluated without an rdflib store (:mod:`toulmin.graph.rdf.triples`), and written as
N-Triples by Oxigraph's serialiser, which checks every term; the writer only joins
the text it receives.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> tmp = tempfile.TemporaryDirectory()
>>> folder = Path(tmp.name)
>>> _ = (folder / "tiny.yaml").write_text('''
... toulmin: 1
... id: tiny
... title: A tiny determination
... decision: {outcome: approved, main_claim: c}
... sources: [{id: rec, kind: clinical-document, title: Record}]
... services: [{id: s, code: "22850", decision: approved, claim: c}]
... statements: [{id: c, kind: conclusion, text: Necessary., cite: rec}]
... ''')
>>> report = load([folder], folder / "store", progress=False)
>>> report.loaded, report.replaced, report.failed
(1, 0, 0)
>>> load([folder], folder / "store", progress=False).replaced
1
>>> [d.id for d in list_determinations(open_target(store=folder / "store"))]
['tiny']
>>> tmp.cleanup()
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import re
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from multiprocessing import get_context
from pathlib import Path
from typing import IO, Any, Protocol, cast

import pyoxigraph as ox
from rdflib import URIRef

from toulmin.errors import (
    BadInputError,
    CaseFileError,
    ConfigurationError,
    Problem,
    StoreError,
    ToulminError,
)
from toulmin.graph.authoring.model import Determination
from toulmin.graph.rdf.iris import derived_graph_iri, graph_iri
from toulmin.graph.rdf.triples import TripleSource, ntriples
from toulmin.graph.store.remote import RemoteTarget
from toulmin.graph.store.targets import MemoryTarget, OxigraphTarget, SparqlTarget
from toulmin.ontology.namespace import DATA, TLM

__all__ = [
    "BULK_MIN_FILES",
    "INPUT_FORMATS",
    "JOURNAL_NAME",
    "DeterminationInfo",
    "ExtraGraphs",
    "LoadReport",
    "StoreStats",
    "Unit",
    "discover",
    "export",
    "list_determinations",
    "load",
    "open_store",
    "open_target",
    "prepare_file",
    "recover",
    "remove",
    "replace_request",
    "stats",
]

#: A hook that adds graphs to a determination read from a case file (e.g. its derived
#: graph): called with the parsed determination and its compiled asserted triples, it
#: returns named graphs (:class:`rdflib.Graph` or
#: :class:`~toulmin.graph.rdf.triples.NamedTriples`).
ExtraGraphs = Callable[[Determination, TripleSource], Iterable[TripleSource]]

#: File suffix -> input kind: ``"case"`` or a pyoxigraph RDF format.
INPUT_FORMATS: dict[str, str | ox.RdfFormat] = {
    ".yaml": "case",
    ".yml": "case",
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
}

#: The journal of an unfinished bulk load, inside the store directory.
JOURNAL_NAME = "toulmin-bulk-journal.txt"

#: With ``bulk=None``, the bulk path is taken for at least this many files into an empty store.
BULK_MIN_FILES = 200

#: Quads per ``Store.bulk_load`` call (bounds the bulk loader's memory).
_BULK_CALL_QUADS = 250_000
#: ``Store.bulk_load`` calls at once: one parses while another builds and ingests its files.
_BULK_THREADS = 2
#: The bulk loader need not check IRIs again: the workers had pyoxigraph check every one.
_BULK_LENIENT = True

#: A worker's first-generation collection threshold (CPython's default: 700).
_WORKER_GC_THRESHOLD = 10_000
#: Files per process-pool task and the least number of files worth a pool.
_CHUNK = 4
_POOL_MIN_FILES = 24
#: Files read ahead of the writer: enough (about 20 MB of N-Triples) that the workers keep
#: reading while the writer is busy with a batch, few enough to bound the memory.
_IN_FLIGHT_FILES = 512

_DET_GRAPH = re.compile("^" + re.escape(str(DATA)) + r"(?P<det>.+)/(?P<kind>graph|derived)$")
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


# ---------------------------------------------------------------------------------
# Units of loading
# ---------------------------------------------------------------------------------
@dataclass
class Unit:
    """The graphs that are replaced together: one determination (or one other graph).

    Parameters
    ----------
    key : str
        The determination id, or the IRI of a graph that belongs to no determination.
    determination : str or None
        The determination id (``None`` for another graph).
    file : str
        The file it was read from.
    graphs : dict
        Graph IRI -> its triples as N-Triples text (what is written).
    drop : tuple of str
        Graph IRIs dropped first: the graphs written and, when the asserted graph is
        among them, the derived graph (computed results of an older version are stale).
    """

    key: str
    determination: str | None
    file: str
    graphs: dict[str, str]
    drop: tuple[str, ...]

    @cached_property
    def quads(self) -> int:
        """How many quads are written (one N-Triples line each)."""
        return sum(text.count("\n") for text in self.graphs.values())


@dataclass
class _Prepared:
    file: str
    units: list[Unit] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """The input files under ``paths``: files as given, folders walked recursively.

    Inside a folder, files with a suffix of :data:`INPUT_FORMATS` are taken, in sorted
    order; hidden files and folders (``.name``) are skipped. A file given by name must
    have one of those suffixes.

    Returns
    -------
    files : list of Path
    problems : list of Problem
        Paths that do not exist or that cannot be loaded.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in INPUT_FORMATS
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            files.extend(found)
        elif path.is_file():
            if path.suffix.lower() in INPUT_FORMATS:
                files.append(path)
            else:
                kinds = ", ".join(INPUT_FORMATS)
                problems.append(Problem(str(path), None, "", f"not a file to load (use {kinds})"))
        else:
            problems.append(Problem(str(path), None, "", "no such file or folder"))
    return list(dict.fromkeys(files)), problems


def _check_iri(value: str, file: str) -> str:
    try:
        ox.NamedNode(value)
    except ValueError as err:
        raise BadInputError(f"{file}: invalid graph name <{value}>: {err}") from None
    return value


def _case_units(path: Path, extra_graphs: ExtraGraphs | None) -> list[Unit]:
    from toulmin.graph.authoring.casefile import load_case
    from toulmin.graph.rdf.compile import compile_triples

    det = load_case(path)
    asserted = compile_triples(det)
    graphs = {str(asserted.identifier): ntriples(asserted)}
    if extra_graphs is not None:
        for extra in extra_graphs(det, asserted):
            name = _check_iri(str(extra.identifier), str(path))
            text = ntriples(extra)
            graphs[name] = graphs.get(name, "") + text
    drop = {str(graph_iri(det.id)), str(derived_graph_iri(det.id)), *graphs}
    return [Unit(det.id, det.id, str(path), graphs, tuple(sorted(drop)))]


def _rdf_units(path: Path, fmt: ox.RdfFormat) -> list[Unit]:
    file = str(path)
    groups: dict[str, list[ox.Triple]] = {}
    default: list[ox.Triple] = []
    for quad in ox.parse(path=path, format=fmt, rename_blank_nodes=True):
        name = quad.graph_name
        if isinstance(name, ox.DefaultGraph):
            default.append(quad.triple)
        elif isinstance(name, ox.NamedNode):
            groups.setdefault(name.value, []).append(quad.triple)
        else:
            raise BadInputError(f"{file}: a graph named by a blank node cannot be stored")
    if default:
        dets = {
            t.subject.value[len(str(DATA)) :]
            for t in default
            if t.predicate.value == _RDF_TYPE
            and t.object == ox.NamedNode(str(TLM.Determination))
            and isinstance(t.subject, ox.NamedNode)
            and t.subject.value.startswith(str(DATA))
        }
        if len(dets) != 1:
            found = "no" if not dets else f"{len(dets)}"
            raise BadInputError(
                f"{file}: triples outside a named graph are stored as a determination's graph, "
                f"so they must describe exactly one tlm:Determination (found {found}); "
                "use N-Quads or TriG with named graphs d:{id}/graph for several"
            )
        groups.setdefault(str(graph_iri(dets.pop())), []).extend(default)
    by_key: dict[str, tuple[str | None, dict[str, str]]] = {}
    for name, triples in groups.items():
        match = _DET_GRAPH.match(name)
        key, det = (match["det"], match["det"]) if match else (name, None)
        text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        by_key.setdefault(key, (det, {}))[1][name] = (text or b"").decode("utf-8")
    units = []
    for key, (det, graphs) in by_key.items():
        drop = set(graphs)
        if det is not None and str(graph_iri(det)) in graphs:
            drop.add(str(derived_graph_iri(det)))
        units.append(Unit(key, det, file, graphs, tuple(sorted(drop))))
    return units


def prepare_file(path: Path, extra_graphs: ExtraGraphs | None = None) -> _Prepared:
    """Read one input file into units; every problem is caught and reported, never raised.

    Runs in worker processes during :func:`load`, so it must not touch the store.
    """
    file = str(path)
    kind = INPUT_FORMATS.get(path.suffix.lower())
    try:
        if kind == "case":
            return _Prepared(file, _case_units(path, extra_graphs))
        if isinstance(kind, ox.RdfFormat):
            return _Prepared(file, _rdf_units(path, kind))
        return _Prepared(file, problems=[Problem(file, None, "", "unknown file type")])
    except CaseFileError as err:
        return _Prepared(file, problems=list(err.problems))
    except SyntaxError as err:
        reason = str(err.msg or err)
        return _Prepared(file, problems=[Problem(file, err.lineno, "", f"not valid RDF: {reason}")])
    except ToulminError as err:
        message = str(err).removeprefix(f"{file}: ")
        return _Prepared(file, problems=[Problem(file, None, "", message)])
    except Exception as err:  # a hook or a parser failed: report the file, keep loading
        return _Prepared(file, problems=[Problem(file, None, "", f"{type(err).__name__}: {err}")])


def replace_request(units: Sequence[Unit]) -> str:
    """The one SPARQL Update request that replaces ``units`` (all or nothing).

    >>> u = Unit("x", "x", "x.ttl", {"urn:g": "<urn:s> <urn:p> <urn:o> .\\n"}, ("urn:g",))
    >>> print(replace_request([u]))
    DROP SILENT GRAPH <urn:g> ;
    INSERT DATA {
    GRAPH <urn:g> {
    <urn:s> <urn:p> <urn:o> .
    }
    }
    """
    drops = " ;\n".join(f"DROP SILENT GRAPH <{g}>" for u in units for g in u.drop)
    body = "".join(f"GRAPH <{g}> {{\n{text}}}\n" for u in units for g, text in u.graphs.items())
    return f"{drops} ;\nINSERT DATA {{\n{body}}}"


# ---------------------------------------------------------------------------------
# Opening
# ---------------------------------------------------------------------------------
def _journal(path: Path) -> Path:
    return path / JOURNAL_NAME


def open_store(path: str | Path, *, read_only: bool = False, create: bool = True) -> ox.Store:
    """Open (or create) the Oxigraph store in ``path``.

    A writable open recovers from an interrupted bulk load first (see :func:`recover`).

    Parameters
    ----------
    path : Path
        The store directory.
    read_only : bool
        Open a read-only view (several processes may read; none may write meanwhile).
    create : bool
        Create the directory when missing (only for a writable open).

    Raises
    ------
    StoreError
        The directory is not a store, is locked by another process (a running
        ``toulmin serve --writable`` or load), or holds an unfinished bulk load
        (read-only open).
    """
    path = Path(path)
    if (read_only or not create) and not (path / "CURRENT").is_file():
        raise StoreError(
            f"there is no store in {path}: load one with `toulmin load --store {path} FILES`"
        )
    if read_only and _journal(path).exists():
        raise StoreError(
            f"the store in {path} holds an interrupted bulk load; open it for writing once "
            f"(`toulmin store recover --store {path}`) to drop the partial determinations"
        )
    if not read_only:
        path.mkdir(parents=True, exist_ok=True)
    try:
        store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as err:
        text = str(err)
        if "lock" in text.lower():
            raise StoreError(
                f"the store in {path} is in use by another process (a `toulmin serve "
                "--writable` or a load?): stop it, or query the server with --endpoint"
            ) from None
        raise StoreError(f"cannot open the store in {path}: {text}") from None
    if not read_only:
        recover(store, path)
    return store


def recover(store: ox.Store, path: str | Path) -> int:
    """Undo an interrupted bulk load: drop every graph in its journal, then delete it.

    Returns
    -------
    int
        How many determinations (or graphs) were dropped; 0 when there was no journal.
    """
    journal = _journal(Path(path))
    if not journal.exists():
        return 0
    names = sorted({line.strip() for line in journal.read_text().splitlines() if line.strip()})
    for start in range(0, len(names), 500):
        chunk = names[start : start + 500]
        store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in chunk))
    store.flush()
    journal.unlink()
    keys = {(m["det"] if (m := _DET_GRAPH.match(g)) else g) for g in names}
    print(
        f"toulmin: recovered {path} from an interrupted bulk load: "
        f"dropped {len(keys)} partial determination(s)",
        file=sys.stderr,
    )
    return len(keys)


def open_target(
    store: Path | None = None,
    endpoint: str | None = None,
    cases: Sequence[Path] = (),
    *,
    update_endpoint: str | None = None,
    extra_graphs: ExtraGraphs | None = None,
) -> SparqlTarget:
    """Where to run SPARQL: a disk store, a remote endpoint, or case files in memory.

    Exactly one of ``store``, ``endpoint`` and ``cases`` is used. The configured
    default (:func:`toulmin.config.resolve_target`) is the caller's to resolve.

    Parameters
    ----------
    store : Path, optional
        An Oxigraph store directory, opened read-only (so it can be queried while
        ``toulmin serve`` serves it).
    endpoint : str, optional
        A SPARQL 1.1 query URL (:class:`~toulmin.graph.store.remote.RemoteTarget`).
    cases : sequence of Path
        Case files, RDF files or folders of them, loaded into an in-memory store
        (one named graph per determination).
    update_endpoint : str, optional
        For ``endpoint``: the update URL when it is not the default.
    extra_graphs : callable, optional
        For ``cases``: the hook that adds derived graphs (see :data:`ExtraGraphs`).

    Returns
    -------
    SparqlTarget
        :class:`~toulmin.graph.store.targets.OxigraphTarget`, :class:`RemoteTarget`
        or :class:`~toulmin.graph.store.targets.MemoryTarget`.

    Raises
    ------
    ConfigurationError
        None or more than one of them is given (exit code 2).
    CaseFileError
        A case file has problems (all are listed).
    StoreError
        The store cannot be opened.

    Examples
    --------
    >>> open_target(store=Path("s"), endpoint="http://127.0.0.1:7878/query")
    ...                                  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    toulmin.errors.ConfigurationError: give only one of ... (got --store, --endpoint)
    """
    given = [
        name
        for name, value in (("--store", store), ("--endpoint", endpoint), ("case files", cases))
        if value
    ]
    if len(given) > 1:
        raise ConfigurationError(
            f"give only one of --store DIR, --endpoint URL or case files (got {', '.join(given)})"
        )
    if store is not None:
        return OxigraphTarget(open_store(store, read_only=True))
    if endpoint is not None:
        return RemoteTarget(endpoint, update_endpoint=update_endpoint)
    if cases:
        return _memory_target(cases, extra_graphs)
    raise ConfigurationError("no store to use: give --store DIR, --endpoint URL or case files")


def _memory_target(cases: Sequence[Path], extra_graphs: ExtraGraphs | None) -> MemoryTarget:
    store = ox.Store()
    report = load(cases, store, extra_graphs=extra_graphs, progress=False)
    if report.problems:
        raise CaseFileError(report.problems)
    return MemoryTarget(store)


# ---------------------------------------------------------------------------------
# Writers: local store and remote endpoint
# ---------------------------------------------------------------------------------
class _Writer(Protocol):
    batch_quads: int

    def exists(self, unit: Unit) -> bool: ...

    def write(self, units: Sequence[Unit]) -> None: ...


class _LocalWriter:
    """Transactions on a pyoxigraph store (one update request per batch).

    The store is flushed every ``flush_quads`` quads: RocksDB otherwise keeps its
    write buffers (one per index) growing to well over a GB on a long load; flushing
    keeps the loader near 300 MB at no cost in speed.
    """

    def __init__(
        self, store: ox.Store, batch_quads: int = 20_000, flush_quads: int = 250_000
    ) -> None:
        self.store = store
        self.batch_quads = batch_quads
        self.flush_quads = flush_quads
        self._unflushed = 0

    def exists(self, unit: Unit) -> bool:
        return any(self.store.contains_named_graph(ox.NamedNode(g)) for g in unit.drop)

    def _execute(self, request: str) -> None:
        self.store.update(request)

    def write(self, units: Sequence[Unit]) -> None:
        try:
            self._execute(replace_request(units))
            self._unflushed += sum(u.quads for u in units)
            if self._unflushed >= self.flush_quads:
                self.store.flush()
                self._unflushed = 0
        except SyntaxError as err:
            raise StoreError(f"the store refused the data: {err.msg or err}") from None
        except OSError as err:
            raise StoreError(f"the store failed to write: {err}") from None


class _RemoteWriter:
    """One SPARQL Update request per determination against an endpoint."""

    batch_quads = 0

    def __init__(self, target: RemoteTarget) -> None:
        self.target = target
        rows = target.select(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a ?type } "
            f'FILTER(STRSTARTS(STR(?g), "{DATA}")) }}',
            {"type": TLM.Determination},
        ).rows
        self.known = {str(row[0]) for row in rows}

    def exists(self, unit: Unit) -> bool:
        if any(g in self.known for g in unit.drop):
            return True
        if unit.determination is not None:
            return False
        return self.target.ask("ASK WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(unit.key)})

    def write(self, units: Sequence[Unit]) -> None:
        for unit in units:
            self.target.update(replace_request([unit]))
            self.known.update(unit.graphs)


# ---------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------
@dataclass
class LoadReport:
    """What :func:`load` did.

    Attributes
    ----------
    loaded : int
        Determinations (and other graphs) that were not in the store before.
    replaced : int
        Determinations (and other graphs) whose old version was replaced.
    failed : int
        Input files that could not be loaded (see ``problems``).
    quads : int
        Quads written.
    seconds : float
        Wall-clock time.
    files : int
        Input files read.
    bulk : bool
        Whether the bulk path was used.
    recovered : int
        Partial determinations dropped from an earlier interrupted bulk load.
    problems : list of Problem
        One or more per failed file: file, line (when known) and reason.
    """

    loaded: int = 0
    replaced: int = 0
    failed: int = 0
    quads: int = 0
    seconds: float = 0.0
    files: int = 0
    bulk: bool = False
    recovered: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when every file loaded, 1 when some failed."""
        return 1 if self.failed else 0

    def summary(self) -> str:
        """One line for people.

        >>> LoadReport(loaded=3, replaced=1, failed=1, quads=3744, seconds=2.5).summary()
        'loaded 3, replaced 1, failed 1, 3,744 quads in 2.5 s (1.6 determinations/s)'
        """
        rate = (self.loaded + self.replaced) / self.seconds if self.seconds else 0.0
        bulk = ", bulk" if self.bulk else ""
        return (
            f"loaded {self.loaded}, replaced {self.replaced}, failed {self.failed}, "
            f"{self.quads:,} quads in {self.seconds:.1f} s ({rate:.1f} determinations/s{bulk})"
        )


def _picklable(value: object) -> bool:
    try:
        pickle.dumps(value)
    except Exception:
        return False
    return True


class _Pool:
    """Worker processes that read and compile files, started before the store is opened.

    The ``fork`` start method is used (no re-import of the caller's ``__main__``, so
    scripts need no ``if __name__ == "__main__"`` guard); starting the workers before
    RocksDB starts its threads keeps the fork clean.
    """

    def __init__(self, jobs: int, files: int, extra_graphs: ExtraGraphs | None) -> None:
        self.executor: ProcessPoolExecutor | None = None
        self.jobs = jobs
        if jobs > 1 and files >= _POOL_MIN_FILES and _picklable(extra_graphs):
            self.executor = ProcessPoolExecutor(
                max_workers=jobs, mp_context=get_context("fork"), initializer=_worker_start
            )
            warm = [self.executor.submit(os.getpid) for _ in range(jobs)]
            for future in warm:
                future.result()

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)

    def stream(
        self, files: Sequence[Path], extra_graphs: ExtraGraphs | None
    ) -> Iterator[_Prepared]:
        """Prepared files in input order, with a bounded number of chunks in flight."""
        if self.executor is None:
            for path in files:
                yield prepare_file(path, extra_graphs)
            return
        pool = self.executor
        chunks = iter([files[i : i + _CHUNK] for i in range(0, len(files), _CHUNK)])
        pending: deque[Future[list[_Prepared]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_prepare_chunk, chunk, extra_graphs))
            if len(pending) * _CHUNK >= _IN_FLIGHT_FILES:
                break
        while pending:
            done = pending.popleft().result()
            for chunk in chunks:
                pending.append(pool.submit(_prepare_chunk, chunk, extra_graphs))
                break
            yield from done


def _worker_start() -> None:
    """Tune a worker's garbage collector for reading many files.

    Reading a case file allocates tens of thousands of short-lived objects, and with
    CPython's default thresholds the cyclic collector ran so often that it took an
    eighth of a worker's time (2.40 ms -> 2.05 ms per synthetic file without it).
    What the worker inherited from the parent is frozen (never scanned again) and
    collections come ten times less often; cycles are still collected.
    """
    gc.freeze()
    gc.set_threshold(_WORKER_GC_THRESHOLD, 20, 100)


def _prepare_chunk(paths: Sequence[Path], extra_graphs: ExtraGraphs | None) -> list[_Prepared]:
    return [prepare_file(p, extra_graphs) for p in paths]


class _Progress:
    """A rich progress bar on stderr, or nothing."""

    def __init__(self, total: int, show: bool) -> None:
        self.bar: Any = None
        if show:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                TextColumn("loading"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("files"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            self.task = self.bar.add_task("load", total=total)
            self.bar.start()

    def advance(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.advance(self.task, n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def load(
    paths: Iterable[str | Path],
    store: str | Path | ox.Store | RemoteTarget,
    *,
    extra_graphs: ExtraGraphs | None = None,
    progress: bool | None = None,
    bulk: bool | None = None,
    jobs: int | None = None,
    batch_quads: int = 20_000,
) -> LoadReport:
    """Load case files and RDF files into a store, one transaction per determination.

    Parameters
    ----------
    paths : iterable of path
        Files (``.yaml``, ``.yml``, ``.ttl``, ``.nt``, ``.nq``, ``.trig``) or folders.
    store : Path, pyoxigraph.Store or RemoteTarget
        A store directory (created when missing), an open store, or an endpoint.
    extra_graphs : callable, optional
        Adds graphs to each determination read from a case file, such as its derived
        graph (see :data:`ExtraGraphs`). With ``jobs > 1`` it must be picklable (a
        module-level function); otherwise files are read in this process.
    progress : bool, optional
        Show a progress bar on stderr; by default only when stderr is a terminal
        and there are more than 20 files.
    bulk : bool, optional
        Use the bulk path for determinations that are not in the store yet (local
        stores only). By default it is used when ``store`` is an empty store
        directory and there are at least :data:`BULK_MIN_FILES` files.
    jobs : int, optional
        Processes that read and compile files (default: the number of CPUs, at most 4).
    batch_quads : int
        Determinations are committed together up to this many quads per transaction.

    Returns
    -------
    LoadReport
        Counts, problems and ``exit_code`` (1 when a file failed).
    """
    started = time.perf_counter()
    files, problems = discover(paths)
    report = LoadReport(files=len(files), problems=problems, failed=len(problems))
    if jobs is None:
        jobs = min(os.cpu_count() or 1, 4)
    pool = _Pool(jobs, len(files), extra_graphs)
    try:
        _load(files, store, pool, report, extra_graphs, progress, bulk, batch_quads)
    finally:
        pool.close()
    report.seconds = time.perf_counter() - started
    return report


def _load(
    files: list[Path],
    store: str | Path | ox.Store | RemoteTarget,
    pool: _Pool,
    report: LoadReport,
    extra_graphs: ExtraGraphs | None,
    progress: bool | None,
    bulk: bool | None,
    batch_quads: int,
) -> None:
    owned: ox.Store | None = None
    store_dir: Path | None = None
    if isinstance(store, str | Path):
        store_dir = Path(store)
        owned = open_store(store_dir)
        target: ox.Store | RemoteTarget = owned
    else:
        target = store
    writer: _Writer
    if isinstance(target, RemoteTarget):
        writer = _RemoteWriter(target)
        use_bulk = False
    else:
        writer = _LocalWriter(target, batch_quads)
        empty = next(iter(target.named_graphs()), None) is None
        # automatically only into an empty store directory (the journal lives there)
        auto = empty and store_dir is not None and len(files) >= BULK_MIN_FILES
        use_bulk = bool(bulk) if bulk is not None else auto
    show = progress if progress is not None else (sys.stderr.isatty() and len(files) > 20)
    bar = _Progress(len(files), show)
    try:
        stream = pool.stream(files, extra_graphs)
        if use_bulk and isinstance(target, ox.Store):
            report.bulk = True
            _load_bulk(stream, target, writer, report, bar, store_dir)
        else:
            _load_transactions(stream, writer, report, bar)
    finally:
        bar.close()
        if owned is not None:
            owned.flush()
            del owned


def _record(prepared: _Prepared, report: LoadReport) -> None:
    if prepared.problems:
        report.failed += 1
        report.problems.extend(prepared.problems)


def _load_transactions(
    stream: Iterable[_Prepared], writer: _Writer, report: LoadReport, bar: _Progress
) -> None:
    batch: list[tuple[Unit, bool]] = []
    size = 0
    seen: set[str] = set()

    def flush() -> None:
        nonlocal batch, size
        if not batch:
            return
        try:
            writer.write([u for u, _ in batch])
            done = batch
        except StoreError:
            done = []
            for unit, existed in batch:  # find the bad one; the others still load
                try:
                    writer.write([unit])
                    done.append((unit, existed))
                except StoreError as err:
                    report.failed += 1
                    report.problems.append(Problem(unit.file, None, "", str(err)))
        for unit, existed in done:
            report.quads += unit.quads
            if existed:
                report.replaced += 1
            else:
                report.loaded += 1
        batch, size = [], 0

    for prepared in stream:
        _record(prepared, report)
        for unit in prepared.units:
            if unit.key in seen:  # the same determination twice in one load: the last wins
                flush()
            existed = unit.key in seen or writer.exists(unit)
            seen.add(unit.key)
            batch.append((unit, existed))
            size += unit.quads
            if size >= writer.batch_quads:
                flush()
        bar.advance()
    flush()


class _BulkFeed:
    """The new determinations of a load, as N-Quads, for concurrent ``Store.bulk_load`` calls.

    Each call reads one :class:`_BulkCall` stream; :data:`_BULK_THREADS` calls run at
    once, so that while Oxigraph builds and ingests the index files of one call (it
    releases the GIL), the next call is already parsing. Each determination is listed
    in the journal (and the journal flushed) before the first byte of it is handed out,
    so a crash at any point leaves only journalled graphs behind (see :func:`recover`).
    Determinations already in the store, or met twice, are set aside for transactions.

    A call ends after the determination that takes it past ``call_quads`` quads.
    Oxigraph's bulk loader holds about 1.3 KB per quad of its call in memory, so
    bounded calls bound the loader's memory.
    """

    def __init__(
        self,
        stream: Iterable[_Prepared],
        existing: set[str],
        report: LoadReport,
        bar: _Progress,
        journal: IO[str] | None,
        call_quads: int = 250_000,
    ) -> None:
        self.units = self._units(stream, report, bar)
        self.existing = existing
        self.report = report
        self.journal = journal
        self.deferred: list[_Prepared] = []
        self.seen: set[str] = set()
        self.call_quads = call_quads
        self.lock = threading.Lock()
        self.exhausted = False
        self.aborted = False

    @staticmethod
    def _units(stream: Iterable[_Prepared], report: LoadReport, bar: _Progress) -> Iterator[Unit]:
        for prepared in stream:
            _record(prepared, report)
            yield from prepared.units
            bar.advance()

    def _next(self) -> tuple[bytes, int] | None:
        """The next new determination as N-Quads and its quad count; ``None`` at the end."""
        for unit in self.units:
            if unit.key in self.seen or any(g in self.existing for g in unit.drop):
                self.deferred.append(_Prepared(unit.file, [unit]))
                continue
            self.seen.add(unit.key)
            if self.journal is not None:  # listed before any of its quads is written
                self.journal.write("".join(f"{g}\n" for g in unit.drop))
                self.journal.flush()
            self.report.loaded += 1
            self.report.quads += unit.quads
            # N-Triples lines end in " .\n" and a newline inside a literal is escaped,
            # so naming the graph before each " .\n" turns the text into N-Quads
            text = "".join(text.replace(" .\n", f" <{g}> .\n") for g, text in unit.graphs.items())
            return text.encode("utf-8"), unit.quads
        self.exhausted = True
        return None

    def take(self) -> tuple[bytes, int] | None:
        """:meth:`_next` for one call at a time; ``None`` once exhausted or aborted."""
        with self.lock:
            if self.exhausted or self.aborted:
                return None
            return self._next()

    def call(self) -> _BulkCall | None:
        """A stream for the next ``bulk_load`` call, or ``None`` when nothing is left."""
        first = self.take()
        return None if first is None else _BulkCall(self, first)


class _BulkCall:
    """The N-Quads stream of one ``bulk_load`` call (Oxigraph reads it with ``read(size)``)."""

    def __init__(self, feed: _BulkFeed, first: tuple[bytes, int]) -> None:
        self.feed = feed
        self.buffer, self.quads = first
        self.offset = 0

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes of N-Quads (all buffered ones if ``size < 0``); b"" at the end."""
        while self.offset >= len(self.buffer):
            if self.quads >= self.feed.call_quads:
                return b""
            chunk = self.feed.take()
            if chunk is None:
                return b""
            (self.buffer, quads), self.offset = chunk, 0
            self.quads += quads
        if size < 0:
            size = len(self.buffer) - self.offset
        out = self.buffer[self.offset : self.offset + size]
        self.offset += len(out)
        return out


def _load_bulk(
    stream: Iterable[_Prepared],
    store: ox.Store,
    writer: _Writer,
    report: LoadReport,
    bar: _Progress,
    store_dir: Path | None,
) -> None:
    """New determinations through ``Store.bulk_load``; the others in transactions.

    Oxigraph's bulk loader reads the new determinations as N-Quads streams
    (:class:`_BulkCall`) of about :data:`_BULK_CALL_QUADS` quads each, in
    :data:`_BULK_THREADS` calls at once, and builds its index files from them;
    ``optimize()`` merges the files at the end. The input is valid by construction
    (every term was built, and so checked, by pyoxigraph in the worker that read the
    file), so a file's problems never reach the bulk loader.
    """
    existing = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    journal: IO[str] | None = None
    if store_dir is not None:
        journal = _journal(store_dir).open("a", encoding="utf-8")
    feed = _BulkFeed(stream, existing, report, bar, journal, _BULK_CALL_QUADS)

    def calls() -> None:
        while (call := feed.call()) is not None:
            store.bulk_load(
                input=cast(IO[bytes], call), format=ox.RdfFormat.N_QUADS, lenient=_BULK_LENIENT
            )

    try:
        with ThreadPoolExecutor(_BULK_THREADS, thread_name_prefix="toulmin-bulk") as threads:
            running = [threads.submit(calls) for _ in range(_BULK_THREADS)]
            try:
                for done in running:
                    done.result()
            except BaseException:  # one call failed, or Ctrl-C: the others stop reading
                feed.aborted = True
                raise
        store.flush()
        store.optimize()
    except (OSError, SyntaxError) as err:
        raise StoreError(
            f"the bulk load failed: {err}; the determinations it had started are dropped "
            f"when the store is next opened for writing"
        ) from None
    finally:
        if journal is not None:
            journal.close()
    if store_dir is not None:
        _journal(store_dir).unlink(missing_ok=True)
    if feed.deferred:
        _load_transactions(feed.deferred, writer, report, _Progress(0, False))


# ---------------------------------------------------------------------------------
# Inspecting and maintaining
# ---------------------------------------------------------------------------------
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
        From :func:`open_target` (a store or an endpoint).
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


def _exists(target: SparqlTarget, det: str) -> bool:
    return target.ask(
        "ASK WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { GRAPH ?h { ?s ?p ?o } } }",
        {"g": graph_iri(det), "h": derived_graph_iri(det)},
    )


def remove(ids: Sequence[str], store: ox.Store | RemoteTarget) -> tuple[list[str], list[str]]:
    """Drop determinations (asserted and derived graphs) in one transaction.

    Returns
    -------
    removed, missing : list of str
        The ids that were dropped, and those that were not in the store.
    """
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


_EXPORT_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}


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
    if format not in _EXPORT_FORMATS:
        raise BadInputError(f"unknown export format '{format}' (use nquads or trig)")
    fmt = _EXPORT_FORMATS[format]
    if ids:
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

    prefixes = {"tlm": str(TLM), "d": str(DATA)} if fmt == ox.RdfFormat.TRIG else None
    with contextlib.suppress(BrokenPipeError):
        ox.serialize(quads(), output, fmt, prefixes=prefixes)
    return counter[0]
