"""Loading: files and folders into a store or an endpoint, as :func:`load` does it.

One determination is one named graph ``d:{det}/graph`` plus, when something computed
it, its derived graph ``d:{det}/derived`` (docs/rdf-model.md). The embedded default
is an Oxigraph store (pyoxigraph, RocksDB) in a directory; the same commands work on
any SPARQL 1.1 Query/Update endpoint through :class:`~toulmin.graph.store.remote.RemoteTarget`.

Owns :func:`load`, the choice between the bulk and the transactional path, and the
store it opens for a directory. Imports every other loading module of the store
(inputs, journal, disk, writers, pool, report, transactions, bulk) and the remote
target; the admin and open modules sit above it.

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
  reason, the good files load, and :attr:`LoadReport.exit_code` is 1;
* **one file per determination**: the same determination in two files of one load is
  an error naming both files (exit code 2; the first file's version is loaded), unless
  ``replace=True`` (``toulmin load --replace``), which loads the later file over it
  with a warning.

Several determinations may share one transaction (batches of up to
``batch_quads`` quads): atomicity per determination still holds, and it is several
times faster than one commit per determination. If a batch fails, its
determinations are written one by one so that only the bad one is reported.

The bulk path (``bulk=True``, or automatically for a large load into an empty store)
streams new determinations, as N-Quads, through Oxigraph's own bulk loader
(:meth:`pyoxigraph.Store.bulk_load`; :mod:`~toulmin.graph.store.bulk`), which writes
index files directly instead of going through transactions: several times faster,
but not atomic.
toulmin keeps it per-determination safe with a journal (``toulmin-bulk-journal.txt``
in the store directory) that lists each determination *before* its quads are handed
to the bulk loader, with the number of its ``bulk_load`` call, and each call once it
has returned; only determinations that were not in the store go that way
(replacements are deferred to transactions). If a bulk load is interrupted, the next
writable :func:`~toulmin.graph.store.disk.open_store` keeps the determinations of the
calls that returned (whole) and drops every graph of the others -- all of them were
new -- and a read-only open refuses the store until then. Loading the same files
again resumes: a determination the interrupted load kept is skipped when the store
holds exactly what it would write (:attr:`LoadReport.resumed`), the rest is loaded,
on the bulk path when there are many. ``optimize()`` runs after a bulk load.

Case files are read in worker processes (:mod:`~toulmin.graph.store.pool` running
:func:`~toulmin.graph.store.inputs.prepare_file`): validated, compiled
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
>>> [g.value for g in open_store(folder / "store", read_only=True).named_graphs()]
['https://w3id.org/toulmin/d/tiny/graph']
>>> tmp.cleanup()
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from toulmin.graph.store.bulk import load_bulk
from toulmin.graph.store.disk import open_store
from toulmin.graph.store.inputs import ExtraGraphs, Prepared, Unit, discover
from toulmin.graph.store.journal import clear_kept, kept
from toulmin.graph.store.pool import Pool
from toulmin.graph.store.remote import RemoteTarget
from toulmin.graph.store.report import LoadReport, Progress
from toulmin.graph.store.transactions import load_transactions
from toulmin.graph.store.writers import LocalWriter, RemoteWriter, Writer

__all__ = ["BULK_MIN_FILES", "load"]

#: With ``bulk=None``, the bulk path is taken for at least this many files into an empty store.
BULK_MIN_FILES = 200


def load(
    paths: Iterable[str | Path],
    store: str | Path | ox.Store | RemoteTarget,
    *,
    extra_graphs: ExtraGraphs | None = None,
    progress: bool | None = None,
    bulk: bool | None = None,
    jobs: int | None = None,
    batch_quads: int = 20_000,
    replace: bool = False,
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
        graph (see :data:`~toulmin.graph.store.inputs.ExtraGraphs`). With ``jobs > 1``
        it must be picklable (a module-level function); otherwise files are read in
        this process.
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
    replace : bool
        When two files of this load hold the same determination (or graph), load the
        later one over the earlier, with a warning in ``LoadReport.warnings``. By
        default that is an error naming both files (``LoadReport.problems``, exit code
        2) and only the first file's version is loaded.

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
    pool = Pool(jobs, len(files), extra_graphs)
    try:
        _load(files, store, pool, report, extra_graphs, progress, bulk, batch_quads, replace)
    finally:
        pool.close()
    report.seconds = time.perf_counter() - started
    return report


def _load(
    files: list[Path],
    store: str | Path | ox.Store | RemoteTarget,
    pool: Pool,
    report: LoadReport,
    extra_graphs: ExtraGraphs | None,
    progress: bool | None,
    bulk: bool | None,
    batch_quads: int,
    replace: bool,
) -> None:
    owned: ox.Store | None = None
    store_dir: Path | None = None
    if isinstance(store, str | Path):
        store_dir = Path(store)
        owned = open_store(store_dir)
        target: ox.Store | RemoteTarget = owned
    else:
        target = store
    writer: Writer
    resume: set[str] = set()
    if isinstance(target, RemoteTarget):
        writer = RemoteWriter(target)
        use_bulk = False
    else:
        writer = LocalWriter(target, batch_quads)
        empty = next(iter(target.named_graphs()), None) is None
        resume = kept(store_dir) if store_dir is not None else set()
        # automatically only into an empty store directory (the journal lives there), or
        # one that an interrupted bulk load left: the re-run goes on as it would have
        auto = (empty or bool(resume)) and store_dir is not None and len(files) >= BULK_MIN_FILES
        use_bulk = bool(bulk) if bulk is not None else auto
    show = progress if progress is not None else (sys.stderr.isatty() and len(files) > 20)
    bar = Progress(len(files), show)
    try:
        stream: Iterable[Prepared] = pool.stream(files, extra_graphs)
        if resume and isinstance(target, ox.Store):
            stream = _resumed(stream, target, resume, report)
        if use_bulk and isinstance(target, ox.Store):
            report.bulk = True
            load_bulk(stream, target, writer, report, bar, store_dir, replace=replace)
        else:
            load_transactions(stream, writer, report, bar, replace=replace)
        if store_dir is not None:
            clear_kept(store_dir)  # complete: nothing is left to resume
    finally:
        bar.close()
        if owned is not None:
            owned.flush()
            del owned


def _canonical(text: str) -> list[str]:
    """N-Triples lines as the store gives them back (Oxigraph canonicalises literals)."""
    memory = ox.Store()
    memory.load(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    data = ox.serialize((q.triple for q in memory), format=ox.RdfFormat.N_TRIPLES) or b""
    return sorted(data.decode("utf-8").splitlines())


def _stored_as(store: ox.Store, unit: Unit) -> bool:
    """Whether ``store`` holds exactly the graphs ``unit`` would write (and no other of it)."""
    for name in unit.drop:
        quads = store.quads_for_pattern(None, None, None, ox.NamedNode(name))
        data = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES) or b""
        if sorted(data.decode("utf-8").splitlines()) != _canonical(unit.graphs.get(name, "")):
            return False
    return True


def _resumed(
    stream: Iterable[Prepared], store: ox.Store, keys: set[str], report: LoadReport
) -> Iterator[Prepared]:
    """``stream`` without the units an interrupted bulk load already stored whole.

    ``keys`` are the determinations it left (:func:`~toulmin.graph.store.journal.kept`);
    one is skipped only when the store holds exactly what it would write now, so a file
    changed since is loaded again.
    """
    for prepared in stream:
        units = [u for u in prepared.units if not (u.key in keys and _stored_as(store, u))]
        report.resumed += len(prepared.units) - len(units)
        yield Prepared(prepared.file, units, prepared.problems)
