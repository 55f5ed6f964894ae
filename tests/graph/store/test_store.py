"""The embedded store: loading, replacing, atomicity, the bulk path, open_target."""

from __future__ import annotations

import dataclasses
import gc
import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from tests.helpers.paths import ROOT
from toulmin.config import resolve_target
from toulmin.errors import CaseFileError, ConfigurationError, StoreError
from toulmin.graph.authoring.casefile import load_case
from toulmin.graph.rdf.compile import compile_determination, to_dataset
from toulmin.graph.rdf.iris import derived_graph_iri, graph_iri
from toulmin.graph.store.admin import export, list_determinations, remove, stats
from toulmin.graph.store.disk import open_store
from toulmin.graph.store.inputs import discover
from toulmin.graph.store.journal import JOURNAL_NAME, journalled_graphs
from toulmin.graph.store.load import load
from toulmin.graph.store.open import open_target
from toulmin.graph.store.targets import MemoryTarget, OxigraphTarget
from toulmin.ontology.namespace import TLM

FLAGSHIP = ROOT / "examples" / "l4-5-revision.yaml"


# -- test data -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def flagship_graph() -> Graph:
    return compile_determination(load_case(FLAGSHIP))


def case_copies(
    folder: Path, n: int, *, prefix: str = "det", title: str | None = None
) -> list[Path]:
    """``n`` copies of the flagship case file, each with its own id (and title)."""
    text = FLAGSHIP.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        body = text.replace("\nid: l4-5-revision\n", f"\nid: {prefix}-{i:03d}\n", 1)
        if title is not None:
            body = body.replace("\ntitle: ", f"\ntitle: {title} ", 1)
        path = folder / f"{prefix}-{i:03d}.yaml"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


def graphs_of(ids: list[str], title: str | None = None) -> list[Graph]:
    """Compiled graphs of flagship copies with these ids (dataclasses.replace)."""
    det = load_case(FLAGSHIP)
    out = []
    for ident in ids:
        changed = dataclasses.replace(det, id=ident, title=title or det.title)
        out.append(compile_determination(changed))
    return out


def write_nquads(path: Path, graphs: list[Graph]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_dataset(graphs).serialize(format="nquads"), encoding="utf-8")
    return path


def store_graph(store: ox.Store, name: str) -> Graph:
    """A named graph of the store as an rdflib graph."""
    data = ox.serialize(
        (q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name))),
        format=ox.RdfFormat.N_TRIPLES,
    )
    g = Graph()
    g.parse(data=(data or b"").decode(), format="nt")
    return g


def graph_count(store: ox.Store, name: str) -> int:
    return sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(name)))


def titles(store: ox.Store) -> dict[str, str]:
    return {i.id: i.title or "" for i in list_determinations(OxigraphTarget(store))}


# -- discovery -------------------------------------------------------------------------
def test_discover_walks_folders_sorted_and_reports_unknown(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.ttl").write_text("")
    (tmp_path / "a.yaml").write_text("")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.nq").write_text("")
    (tmp_path / "notes.txt").write_text("")
    files, problems = discover([tmp_path, tmp_path / "notes.txt", tmp_path / "missing.nq"])
    assert files == [tmp_path / "a.yaml", tmp_path / "b" / "z.ttl"]
    assert [(p.file.rsplit("/", 1)[-1], p.message.split(" (")[0]) for p in problems] == [
        ("notes.txt", "not a file to load"),
        ("missing.nq", "no such file or folder"),
    ]


# -- loading -----------------------------------------------------------------------------
def test_load_case_files_then_reload_is_idempotent(tmp_path: Path, flagship_graph: Graph) -> None:
    case_copies(tmp_path / "cases", 3)
    store_dir = tmp_path / "store"
    first = load([tmp_path / "cases"], store_dir, progress=False)
    assert (first.loaded, first.replaced, first.failed, first.exit_code) == (3, 0, 0, 0)
    assert first.quads == 3 * len(flagship_graph)
    store = open_store(store_dir)
    before = sorted(str(q) for q in store)
    del store
    second = load([tmp_path / "cases"], store_dir, progress=False)
    assert (second.loaded, second.replaced, second.failed) == (0, 3, 0)
    store = open_store(store_dir)
    assert sorted(str(q) for q in store) == before
    expected = graphs_of(["det-001"])[0]
    assert isomorphic(store_graph(store, str(graph_iri("det-001"))), expected)
    assert {i.id for i in list_determinations(OxigraphTarget(store))} == {
        "det-000",
        "det-001",
        "det-002",
    }


def test_bad_files_are_reported_and_skipped(tmp_path: Path) -> None:
    case_copies(tmp_path / "in", 2)
    bad = tmp_path / "in" / "broken.yaml"
    bad.write_text("toulmin: 1\nid: broken\ntitle: [unclosed\n")
    ttl = tmp_path / "in" / "bad.ttl"
    ttl.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b .\n")
    report = load([tmp_path / "in"], tmp_path / "store", progress=False)
    assert (report.loaded, report.failed, report.exit_code) == (2, 2, 1)
    where = {(Path(p.file).name, p.line) for p in report.problems}
    assert ("bad.ttl", 3) in where
    assert any(name == "broken.yaml" and line is not None for name, line in where)
    assert "failed 2" in report.summary()


def test_rdf_inputs_turtle_nquads_trig(tmp_path: Path) -> None:
    one, two, three = graphs_of(["ttl-1", "nq-1", "nq-2"])
    ttl = tmp_path / "one.ttl"
    ttl.write_text(one.serialize(format="turtle"))
    write_nquads(tmp_path / "two.nq", [two, three])
    derived = Graph(identifier=derived_graph_iri("nq-1"))
    derived.add((URIRef("urn:x"), TLM.title, Literal("computed")))
    other = Graph(identifier=URIRef("urn:toulmin:test:other"))
    other.add((URIRef("urn:x"), URIRef("urn:p"), Literal(1)))
    (tmp_path / "extra.trig").write_text(to_dataset([derived, other]).serialize(format="trig"))
    report = load(
        [ttl, tmp_path / "two.nq", tmp_path / "extra.trig"], tmp_path / "s", progress=False
    )
    # nq-1's derived graph comes in a second file: an update of a determination just loaded
    assert (report.loaded, report.replaced, report.failed) == (4, 1, 0), report.problems
    store = open_store(tmp_path / "s")
    assert isomorphic(store_graph(store, str(graph_iri("ttl-1"))), one)
    assert isomorphic(store_graph(store, str(graph_iri("nq-2"))), three)
    assert graph_count(store, str(derived_graph_iri("nq-1"))) == 1
    assert graph_count(store, "urn:toulmin:test:other") == 1


def test_turtle_without_exactly_one_determination_is_refused(tmp_path: Path) -> None:
    ttl = tmp_path / "loose.ttl"
    ttl.write_text("<urn:a> <urn:b> <urn:c> .\n")
    report = load([ttl], tmp_path / "s", progress=False)
    assert report.failed == 1
    assert "exactly one tlm:Determination" in report.problems[0].message


def test_replacing_the_asserted_graph_drops_a_stale_derived_graph(tmp_path: Path) -> None:
    (g,) = graphs_of(["d1"])
    derived = Graph(identifier=derived_graph_iri("d1"))
    derived.add((URIRef("urn:x"), TLM.title, Literal("old label")))
    write_nquads(tmp_path / "both.nq", [g, derived])
    load([tmp_path / "both.nq"], tmp_path / "s", progress=False)
    # a new derived graph alone replaces only the derived graph
    newer = Graph(identifier=derived_graph_iri("d1"))
    newer.add((URIRef("urn:x"), TLM.title, Literal("new label")))
    newer.add((URIRef("urn:y"), TLM.title, Literal("new label")))
    report = load([write_nquads(tmp_path / "derived.nq", [newer])], tmp_path / "s", progress=False)
    assert report.replaced == 1
    store = open_store(tmp_path / "s")
    assert graph_count(store, str(derived_graph_iri("d1"))) == 2
    assert graph_count(store, str(graph_iri("d1"))) == len(g)
    del store
    # the asserted graph alone replaces the determination: the derived graph is stale
    load([write_nquads(tmp_path / "asserted.nq", [g])], tmp_path / "s", progress=False)
    store = open_store(tmp_path / "s")
    assert graph_count(store, str(derived_graph_iri("d1"))) == 0
    assert graph_count(store, str(graph_iri("d1"))) == len(g)


def _summary_hook(det, asserted):  # type: ignore[no-untyped-def]
    g = Graph(identifier=derived_graph_iri(det.id))
    g.add((URIRef(f"urn:summary:{det.id}"), TLM.title, Literal(f"{len(asserted)} triples")))
    return [g]


def test_extra_graphs_hook_adds_the_derived_graph(tmp_path: Path) -> None:
    case_copies(tmp_path / "c", 2)
    report = load([tmp_path / "c"], tmp_path / "s", extra_graphs=_summary_hook, progress=False)
    assert report.loaded == 2
    assert report.failed == 0
    store = open_store(tmp_path / "s")
    assert graph_count(store, str(derived_graph_iri("det-000"))) == 1
    info = stats(OxigraphTarget(store), tmp_path / "s")
    assert (info.determinations, info.derived, info.graphs) == (2, 2, 4)
    assert info.size_bytes
    assert info.size_bytes > 0


def test_same_determination_twice_in_one_load_last_wins_with_replace(tmp_path: Path) -> None:
    (old,) = graphs_of(["twice"], title="first version")
    (new,) = graphs_of(["twice"], title="second version")
    a = write_nquads(tmp_path / "a.nq", [old])
    b = write_nquads(tmp_path / "b.nq", [new])
    report = load([a, b], tmp_path / "s", progress=False, replace=True)
    assert (report.loaded, report.replaced, report.exit_code) == (1, 1, 0)
    assert titles(open_store(tmp_path / "s")) == {"twice": "second version"}


def _pid_hook(det, asserted):  # type: ignore[no-untyped-def]
    g = Graph(identifier=derived_graph_iri(det.id))
    g.add((URIRef(f"urn:read-by:{det.id}"), TLM.title, Literal(str(os.getpid()))))
    return [g]


def test_parallel_reading_gives_the_same_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import toulmin.graph.store.pool as pool_module

    monkeypatch.setattr(pool_module, "POOL_MIN_FILES", 2)
    paths = case_copies(tmp_path / "c", 6)
    serial = load(paths, tmp_path / "s1", jobs=1, progress=False)
    parallel = load(paths, tmp_path / "s2", jobs=2, progress=False, extra_graphs=_pid_hook)
    assert serial.loaded == parallel.loaded == 6
    s1, s2 = open_store(tmp_path / "s1"), open_store(tmp_path / "s2")
    assert len(s2) == len(s1) + 6  # one triple each from the hook
    readers = {
        q.object.value
        for q in s2.quads_for_pattern(None, ox.NamedNode(str(TLM.title)), None)
        if q.subject.value.startswith("urn:read-by:")
    }
    assert readers
    assert str(os.getpid()) not in readers


def test_progress_bar_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case_copies(tmp_path / "c", 2)
    load([tmp_path / "c"], tmp_path / "s", progress=True)
    assert "2/2" in capsys.readouterr().err


# -- atomicity -----------------------------------------------------------------------------
def _failing_hook(det, asserted):  # type: ignore[no-untyped-def]
    if det.id == "det-001":
        g = Graph(identifier=derived_graph_iri(det.id))
        g.add((URIRef("urn:a"), URIRef("urn:b"), Literal("half")))

        def broken():  # type: ignore[no-untyped-def]
            yield g
            raise RuntimeError("the evaluator crashed half-way")

        return broken()
    return []


def _bad_iri_hook(det, asserted):  # type: ignore[no-untyped-def]
    g = Graph(identifier=derived_graph_iri(det.id))
    obj = URIRef("urn:has space") if det.id == "det-001" else URIRef("urn:fine")
    g.add((URIRef("urn:s"), URIRef("urn:p"), obj))
    return [g]


@pytest.mark.parametrize("hook", [_failing_hook, _bad_iri_hook])
def test_a_failure_mid_determination_keeps_the_old_version(tmp_path: Path, hook) -> None:  # type: ignore[no-untyped-def]
    case_copies(tmp_path / "v1", 3, title="v1")
    load([tmp_path / "v1"], tmp_path / "s", progress=False)
    size = graph_count(open_store(tmp_path / "s"), str(graph_iri("det-001")))
    case_copies(tmp_path / "v2", 3, title="v2")
    report = load([tmp_path / "v2"], tmp_path / "s", extra_graphs=hook, progress=False)
    assert report.failed == 1
    assert report.replaced == 2
    assert Path(report.problems[0].file).name == "det-001.yaml"
    store = open_store(tmp_path / "s")
    assert titles(store)["det-001"].startswith("v1 ")
    assert titles(store)["det-000"].startswith("v2 ")
    assert graph_count(store, str(graph_iri("det-001"))) == size
    assert graph_count(store, str(derived_graph_iri("det-001"))) == 0


KILL_SCRIPT = textwrap.dedent(
    """
    import signal, sys
    from pathlib import Path
    from toulmin.graph.store.load import load
    from toulmin.graph.store.writers import LocalWriter

    calls = 0
    real = LocalWriter._execute

    def execute(self, request):
        global calls
        calls += 1
        if calls == int(sys.argv[3]):
            # SIGALRM's default action ends the process at once, from the kernel,
            # while pyoxigraph is inside the update (no Python code runs any more)
            signal.setitimer(signal.ITIMER_REAL, float(sys.argv[4]))
        return real(self, request)

    LocalWriter._execute = execute
    load([Path(sys.argv[1])], Path(sys.argv[2]), jobs=1, progress=False, batch_quads=1)
    print("finished")
    """
)


def test_a_killed_load_leaves_every_determination_complete(tmp_path: Path) -> None:
    originals = graphs_of([f"k-{i}" for i in range(8)], title="old")
    write_nquads(tmp_path / "v1" / "all.nq", originals)
    load([tmp_path / "v1"], tmp_path / "s", progress=False)
    newer = graphs_of([f"k-{i}" for i in range(8)], title="new")
    for g in newer:  # the new version also has one more triple
        g.add((URIRef("urn:x"), URIRef("urn:new"), Literal(str(g.identifier))))
    write_nquads(tmp_path / "v2" / "all.nq", newer)
    script = tmp_path / "kill.py"
    script.write_text(KILL_SCRIPT)
    for attempt, delay in enumerate(("0.000001", "0.002", "0.006")):
        done = subprocess.run(
            [sys.executable, str(script), str(tmp_path / "v2"), str(tmp_path / "s"), "4", delay],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert done.returncode != 0, (attempt, done.stderr)
        assert "finished" not in done.stdout, (attempt, done.stderr)
        store = open_store(tmp_path / "s")
        seen = titles(store)
        assert set(seen) == {f"k-{i}" for i in range(8)}
        for det, title in seen.items():
            count = graph_count(store, str(graph_iri(det)))
            if title.startswith("new"):
                assert count == len(originals[0]) + 1, (det, count)
            else:
                assert title.startswith("old"), (det, count)
                assert count == len(originals[0]), (det, count)
        assert sum(t.startswith("new") for t in seen.values()) >= 3  # three commits went in
        del store
        if attempt < 2:
            load([tmp_path / "v1"], tmp_path / "s", progress=False)  # back to the old version


BULK_KILL_SCRIPT = textwrap.dedent(
    """
    import signal, sys
    from pathlib import Path
    from toulmin.graph.store.bulk import BulkFeed
    from toulmin.graph.store.load import load

    real = BulkFeed._next
    calls = 0

    def next_unit(self):
        global calls
        calls += 1
        if calls == 5:  # four determinations are on their way to the bulk loader
            signal.setitimer(signal.ITIMER_REAL, 0.001)
            while True:
                pass
        return real(self)

    BulkFeed._next = next_unit
    load([Path(sys.argv[1])], Path(sys.argv[2]), jobs=1, bulk=True, progress=False)
    """
)


@pytest.mark.parametrize(("call_quads", "threads"), [(250_000, 1), (1, 1), (1, 2), (250_000, 2)])
def test_bulk_load_and_recovery_after_an_interruption(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call_quads: int, threads: int
) -> None:
    import toulmin.graph.store.bulk as bulk_module

    calls: list[int] = []
    real = ox.Store.bulk_load

    def bulk_load(self, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(self, **kwargs)

    monkeypatch.setattr(bulk_module, "BULK_CALL_QUADS", call_quads)
    monkeypatch.setattr(bulk_module, "BULK_THREADS", threads)
    monkeypatch.setattr(ox.Store, "bulk_load", bulk_load)
    graphs = graphs_of([f"b-{i}" for i in range(6)])
    folder = tmp_path / "in"
    for g in graphs:
        write_nquads(folder / f"{g.identifier.split('/')[-2]}.nq", [g])
    # an uninterrupted bulk load equals a transactional one, in one call or one per determination
    bulk = load([folder], tmp_path / "bulk", bulk=True, progress=False)
    # one call per determination with a one-quad budget, never an empty call
    assert (len(calls) == 6) if call_quads == 1 else (1 <= len(calls) <= threads)
    plain = load([folder], tmp_path / "plain", bulk=False, progress=False)
    assert bulk.bulk
    assert not plain.bulk
    assert bulk.loaded == plain.loaded == 6
    assert bulk.quads == plain.quads == sum(len(g) for g in graphs)
    out_bulk, out_plain = io.BytesIO(), io.BytesIO()
    export(open_store(tmp_path / "bulk"), out_bulk)
    export(open_store(tmp_path / "plain"), out_plain)
    assert sorted(out_bulk.getvalue().splitlines()) == sorted(out_plain.getvalue().splitlines())
    assert not (tmp_path / "bulk" / JOURNAL_NAME).exists()
    # interrupted: the journal lists what was on its way; reading is refused until recovery
    (one,) = graphs_of(["kept"])
    load([write_nquads(tmp_path / "kept.nq", [one])], tmp_path / "s", progress=False)
    script = tmp_path / "bulk_kill.py"
    script.write_text(BULK_KILL_SCRIPT)
    done = subprocess.run(
        [sys.executable, str(script), str(folder), str(tmp_path / "s")],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode != 0
    assert (tmp_path / "s" / JOURNAL_NAME).exists()
    with pytest.raises(StoreError, match="interrupted bulk load"):
        open_target(store=tmp_path / "s")
    journalled = journalled_graphs(tmp_path / "s")
    assert journalled == {
        str(iri(f"b-{i}")) for i in range(4) for iri in (graph_iri, derived_graph_iri)
    }
    peek = ox.Store.read_only(str(tmp_path / "s"))  # what the killed load left behind
    left = {g.value for g in peek.named_graphs()} - {str(graph_iri("kept"))}
    assert left <= journalled  # whatever reached the disk is listed in the journal
    del peek
    store = open_store(tmp_path / "s")  # a writable open recovers
    assert not (tmp_path / "s" / JOURNAL_NAME).exists()
    assert set(titles(store)) == {"kept"}
    assert graph_count(store, str(graph_iri("kept"))) == len(one)


def test_a_failed_bulk_call_stops_the_others_and_is_recovered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The third ``bulk_load`` call fails: the other thread stops, and recovery drops all.

    The order is fixed, not left to timing: the calls are counted under a lock (two threads
    could otherwise both count past the failing one), and a call that starts after the
    failing one waits until the failing thread has returned, so at most one call runs
    after the failure however the threads are scheduled.
    """
    import threading
    from concurrent.futures import ThreadPoolExecutor

    import toulmin.graph.store.bulk as bulk_module

    monkeypatch.setattr(bulk_module, "BULK_CALL_QUADS", 1)  # a call per determination
    monkeypatch.setattr(bulk_module, "BULK_THREADS", 2)
    mine = threading.local()
    failed_returned = threading.Event()
    count = threading.Lock()

    class Watched(ThreadPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
            def run():  # type: ignore[no-untyped-def]
                mine.failed = False
                try:
                    return fn(*args, **kwargs)
                finally:
                    if mine.failed:
                        failed_returned.set()

            return super().submit(run)

    real = ox.Store.bulk_load
    calls: list[int] = []

    def bulk_load(self, **kwargs):  # type: ignore[no-untyped-def]
        with count:
            calls.append(1)
            number = len(calls)
        if number == 3:
            mine.failed = True
            kwargs["input"].read(1 << 20)  # it had read its determination, then the disk failed
            raise OSError("No space left on device")
        if number > 3:  # started after the failure: runs once the failing thread is done
            assert failed_returned.wait(60)
        return real(self, **kwargs)

    monkeypatch.setattr(bulk_module, "ThreadPoolExecutor", Watched)
    monkeypatch.setattr(ox.Store, "bulk_load", bulk_load)
    folder = tmp_path / "in"
    for g in graphs_of([f"f-{i}" for i in range(40)]):
        write_nquads(folder / f"{g.identifier.split('/')[-2]}.nq", [g])
    with pytest.raises(
        StoreError, match=r"No space left on device.*dropped when the store is next"
    ):
        load([folder], tmp_path / "s", bulk=True, progress=False, jobs=1)
    assert len(calls) <= 4  # the other thread finished the call it had begun, then stopped
    assert (tmp_path / "s" / JOURNAL_NAME).exists()
    monkeypatch.setattr(ox.Store, "bulk_load", real)
    gc.collect()  # the exception's frames held the store (and its lock)
    store = open_store(tmp_path / "s")
    # recovery kept the determinations of the calls that returned, whole, and dropped the rest
    kept = set(titles(store))
    assert len(kept) == len(calls) - 1
    for det in kept:
        assert graph_count(store, str(graph_iri(det))) == len(graphs_of([det])[0])
    del store
    report = load([folder], tmp_path / "s", progress=False)
    assert report.loaded == 40 - len(kept)
    assert report.resumed == len(kept)
    assert len(titles(open_store(tmp_path / "s"))) == 40


def test_a_failure_in_the_second_call_stops_the_first_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The call waited on last fails while the first is still running: the first stops.

    The order is fixed, not left to timing: each submitted call knows its index; the
    first one holds its first ``bulk_load`` until the second has failed and returned.
    """
    import threading
    from concurrent.futures import ThreadPoolExecutor

    import toulmin.graph.store.bulk as bulk_module

    monkeypatch.setattr(bulk_module, "BULK_CALL_QUADS", 1)  # a call per determination
    monkeypatch.setattr(bulk_module, "BULK_THREADS", 2)
    which = threading.local()
    second_done = threading.Event()

    class Numbered(ThreadPoolExecutor):
        submitted = 0

        def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
            index, Numbered.submitted = Numbered.submitted, Numbered.submitted + 1

            def run():  # type: ignore[no-untyped-def]
                which.index = index
                try:
                    return fn(*args, **kwargs)
                finally:
                    if index == 1:
                        second_done.set()

            return super().submit(run)

    real = ox.Store.bulk_load
    calls: list[int] = []

    def bulk_load(self, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(which.index)
        if which.index == 1:
            kwargs["input"].read(1 << 20)
            raise OSError("No space left on device")
        if calls.count(0) == 1:  # the first call waits until the second has failed
            assert second_done.wait(60)
        return real(self, **kwargs)

    monkeypatch.setattr(bulk_module, "ThreadPoolExecutor", Numbered)
    monkeypatch.setattr(ox.Store, "bulk_load", bulk_load)
    folder = tmp_path / "in"
    for g in graphs_of([f"f-{i}" for i in range(40)]):
        write_nquads(folder / f"{g.identifier.split('/')[-2]}.nq", [g])
    with pytest.raises(StoreError, match="No space left on device"):
        load([folder], tmp_path / "s", bulk=True, progress=False, jobs=1)
    assert sorted(calls) == [0, 1]  # the first call finished its determination and stopped
    journalled = journalled_graphs(tmp_path / "s")
    assert len(journalled) == 2 * 2  # two determinations started, each graph and derived


# -- maintenance -----------------------------------------------------------------------------
def test_remove_and_export(tmp_path: Path) -> None:
    graphs = graphs_of(["r-1", "r-2", "r-3"])
    load([write_nquads(tmp_path / "in.nq", graphs)], tmp_path / "s", progress=False)
    store = open_store(tmp_path / "s")
    removed, missing = remove(["r-2", "nope"], store)
    assert (removed, missing) == (["r-2"], ["nope"])
    assert set(titles(store)) == {"r-1", "r-3"}
    out = io.BytesIO()
    assert export(store, out, format="trig", ids=["r-3"]) == len(graphs[2])
    back = ox.Store()
    back.load(out.getvalue(), format=ox.RdfFormat.TRIG)
    assert [g.value for g in back.named_graphs()] == [str(graph_iri("r-3"))]
    out = io.BytesIO()
    assert export(store, out) == len(graphs[0]) + len(graphs[2])


# -- open_target -------------------------------------------------------------------------------
def test_open_target_kinds_and_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TOULMIN_STORE", raising=False)
    monkeypatch.delenv("TOULMIN_ENDPOINT", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    with pytest.raises(ConfigurationError, match="only one of"):
        open_target(store=tmp_path, cases=[FLAGSHIP])
    with pytest.raises(ConfigurationError, match="no store to use"):
        open_target()
    with pytest.raises(StoreError, match="there is no store"):
        open_target(store=tmp_path / "nothing")
    memory = open_target(cases=[FLAGSHIP])
    assert isinstance(memory, MemoryTarget)
    assert memory.ask("ASK WHERE { GRAPH ?g { ?d a ?t } }", {"t": TLM.Determination})
    bad = tmp_path / "bad.yaml"
    bad.write_text("toulmin: 1\nid: x\n")
    with pytest.raises(CaseFileError, match=r"bad\.yaml:1"):
        open_target(cases=[FLAGSHIP, bad])
    # the configured default, resolved by the caller: toulmin.toml, the environment over it
    load([FLAGSHIP], tmp_path / "var" / "store", progress=False)
    (tmp_path / "toulmin.toml").write_text('store = "var/store"\n')
    where = resolve_target()
    target = open_target(store=where.store, endpoint=where.endpoint)
    assert isinstance(target, OxigraphTarget)
    assert [i.id for i in list_determinations(target)] == ["l4-5-revision"]
    monkeypatch.setenv("TOULMIN_ENDPOINT", "http://127.0.0.1:9/query")
    with pytest.raises(ConfigurationError, match="both a store and an endpoint"):
        resolve_target()
    assert resolve_target(need_store=True).store == tmp_path / "var" / "store"


def test_open_target_reads_while_a_writer_holds_the_store(tmp_path: Path) -> None:
    load([FLAGSHIP], tmp_path / "s", progress=False)
    writer = open_store(tmp_path / "s")
    with pytest.raises(StoreError, match="in use by another process"):
        open_store(tmp_path / "s")
    reader = open_target(store=tmp_path / "s")
    assert [i.id for i in list_determinations(reader)] == ["l4-5-revision"]
    del writer


def test_recovery_drops_what_an_interrupted_bulk_load_wrote(tmp_path: Path) -> None:
    """Graphs that reached the disk before the interruption go; the others stay."""
    graphs = graphs_of([f"r-{i}" for i in range(4)])
    load([write_nquads(tmp_path / "all.nq", graphs)], tmp_path / "s", progress=False)
    # as a bulk load killed after writing r-2 and r-3 leaves the store
    (tmp_path / "s" / JOURNAL_NAME).write_text(
        "".join(f"{iri(f'r-{i}')}\n" for i in (2, 3) for iri in (graph_iri, derived_graph_iri))
    )
    with pytest.raises(StoreError, match="interrupted bulk load"):
        open_target(store=tmp_path / "s")
    store = open_store(tmp_path / "s")
    assert set(titles(store)) == {"r-0", "r-1"}
    assert graph_count(store, str(graph_iri("r-0"))) == len(graphs[0])
    assert not (tmp_path / "s" / JOURNAL_NAME).exists()
