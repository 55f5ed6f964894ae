"""An interrupted bulk load keeps what it had ingested whole, and a re-run goes on (issue 15).

Fault injection: :data:`toulmin.graph.store.bulk.AFTER_CALL` raises after a number of
``bulk_load`` calls, as a crash would interrupt the load there. Then the store is
opened as the docs say (a writable open recovers), every named graph is compared
with a clean load of the same files, and the same files are loaded again.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pyoxigraph as ox
import pytest

import toulmin.graph.store.bulk as bulk_module
from toulmin.errors import StoreError
from toulmin.graph.store.disk import open_store
from toulmin.graph.store.journal import JOURNAL_NAME, KEPT_NAME, kept
from toulmin.graph.store.load import load

ROOT = Path(__file__).resolve().parents[3]
FLAGSHIP = ROOT / "examples" / "l4-5-revision.yaml"
N = 12


class Crash(RuntimeError):
    """The injected fault."""


def corpus(folder: Path) -> list[Path]:
    text = FLAGSHIP.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(N):
        path = folder / f"r-{i:02d}.yaml"
        path.write_text(text.replace("\nid: l4-5-revision\n", f"\nid: r-{i:02d}\n", 1))
        paths.append(path)
    return paths


def graphs(store_dir: Path) -> dict[str, list[str]]:
    """Every named graph of the store as sorted N-Triples lines."""
    store = open_store(store_dir, read_only=True)
    out: dict[str, list[str]] = {}
    for name in store.named_graphs():
        assert isinstance(name, ox.NamedNode)
        quads = store.quads_for_pattern(None, None, None, name)
        data = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES) or b""
        out[name.value] = sorted(data.decode("utf-8").splitlines())
    del store
    return out


@pytest.fixture
def clean(tmp_path: Path) -> tuple[list[Path], dict[str, list[str]]]:
    files = corpus(tmp_path / "in")
    load(files, tmp_path / "clean", bulk=False, progress=False, jobs=1)
    return files, graphs(tmp_path / "clean")


def crash_after(calls: int, monkeypatch: pytest.MonkeyPatch) -> None:
    def hook(number: int) -> None:
        if number + 1 >= calls:
            raise Crash(f"injected after {calls} bulk_load calls")

    monkeypatch.setattr(bulk_module, "AFTER_CALL", hook)


@pytest.mark.parametrize("threads", [1, 2])
def test_an_interrupted_bulk_load_keeps_whole_determinations_and_resumes(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    clean: tuple[list[Path], dict[str, list[str]]],
    threads: int,
) -> None:
    files, expected = clean
    store_dir = tmp_path / "s"
    monkeypatch.setattr(bulk_module, "BULK_CALL_QUADS", 1)  # one determination per call
    monkeypatch.setattr(bulk_module, "BULK_THREADS", threads)
    crash_after(5, monkeypatch)
    with pytest.raises(Crash):
        load(files, store_dir, bulk=True, progress=False, jobs=1)
    gc.collect()  # the exception's frames held the store (and its lock)
    assert (store_dir / JOURNAL_NAME).exists()
    with pytest.raises(StoreError, match="interrupted bulk load"):
        open_store(store_dir, read_only=True)
    open_store(store_dir).flush()  # a writable open recovers
    assert not (store_dir / JOURNAL_NAME).exists()
    left = graphs(store_dir)
    dets = {name.split("/")[-2] for name in left}
    assert kept(store_dir) == dets
    # at least the five calls that returned; with two threads the other may have finished its own
    assert 5 <= len(dets) <= 5 + (threads - 1)
    for name, lines in left.items():  # whole determinations only, each as a clean load has it
        assert lines == expected[name], name
    assert len(left) == 2 * len(dets) or all(n.endswith("/graph") for n in left)

    monkeypatch.setattr(bulk_module, "AFTER_CALL", None)
    report = load(files, store_dir, bulk=True, progress=False, jobs=1)
    assert report.resumed == len(dets)
    assert report.loaded == N - len(dets)
    assert report.exit_code == 0
    assert "kept from the interrupted load" in report.summary()
    assert graphs(store_dir) == expected
    assert not (store_dir / KEPT_NAME).exists()


def test_a_file_changed_since_the_interruption_is_loaded_again(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    clean: tuple[list[Path], dict[str, list[str]]],
) -> None:
    files, _ = clean
    store_dir = tmp_path / "s"
    monkeypatch.setattr(bulk_module, "BULK_CALL_QUADS", 1)
    monkeypatch.setattr(bulk_module, "BULK_THREADS", 1)
    crash_after(3, monkeypatch)
    with pytest.raises(Crash):
        load(files, store_dir, bulk=True, progress=False, jobs=1)
    gc.collect()
    open_store(store_dir).flush()
    assert kept(store_dir) == {"r-00", "r-01", "r-02"}
    text = files[1].read_text(encoding="utf-8")
    files[1].write_text(text.replace("\ntitle: ", "\ntitle: Changed. ", 1), encoding="utf-8")
    monkeypatch.setattr(bulk_module, "AFTER_CALL", None)
    report = load(files, store_dir, progress=False, jobs=1)  # on the transaction path
    assert (report.resumed, report.loaded, report.replaced) == (2, N - 3, 1)
    title = next(
        q.object.value
        for q in open_store(store_dir, read_only=True).quads_for_pattern(
            ox.NamedNode("https://w3id.org/toulmin/d/r-01"),
            ox.NamedNode("https://w3id.org/toulmin/ontology#title"),
            None,
        )
    )
    assert title.startswith("Changed.")


def test_an_interruption_in_the_first_call_keeps_nothing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    clean: tuple[list[Path], dict[str, list[str]]],
) -> None:
    files, expected = clean
    store_dir = tmp_path / "s"
    real = ox.Store.bulk_load

    def failing(self, **kwargs):  # type: ignore[no-untyped-def]
        kwargs["input"].read(1 << 16)  # part of the call was read, then the process "died"
        raise Crash("injected inside the first call")

    monkeypatch.setattr(ox.Store, "bulk_load", failing)
    with pytest.raises(Crash):
        load(files, store_dir, bulk=True, progress=False, jobs=1)
    monkeypatch.setattr(ox.Store, "bulk_load", real)
    gc.collect()
    open_store(store_dir).flush()
    assert graphs(store_dir) == {}
    assert kept(store_dir) == set()
    report = load(files, store_dir, bulk=True, progress=False, jobs=1)
    assert report.resumed == 0
    assert report.loaded == N
    assert graphs(store_dir) == expected
