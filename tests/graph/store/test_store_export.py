"""``toulmin store export``: Oxigraph's own dump when the whole store is to be written.

The dump writes the same set of quads the quad-by-quad export writes; a store holding
anything but determinations' graphs is still exported graph by graph (only those).
"""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest

from toulmin.graph.store.admin import export
from toulmin.graph.store.disk import open_store
from toulmin.graph.store.load import load
from toulmin.ontology.namespace import DATA

EXAMPLES = sorted((Path(__file__).resolve().parents[3] / "examples").glob("*.yaml"))


def quads_in(data: bytes, fmt: ox.RdfFormat) -> set[ox.Quad]:
    return set(ox.parse(data, format=fmt))


def toulmin_quads(store: ox.Store) -> set[ox.Quad]:
    return {
        q
        for q in store.quads_for_pattern(None, None, None, None)
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(str(DATA))
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    folder = tmp_path_factory.mktemp("export") / "s"
    load(list(EXAMPLES), folder, progress=False)
    return open_store(folder)


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_the_dump_writes_every_quad_of_the_store(store: ox.Store, fmt: str) -> None:
    out = io.BytesIO()
    count = export(store, out, format=fmt)
    parsed = ox.RdfFormat.N_QUADS if fmt == "nquads" else ox.RdfFormat.TRIG
    written = quads_in(out.getvalue(), parsed)
    assert written == toulmin_quads(store) == set(store)
    assert count == len(written) > 1000
    # the same set as the determinations exported one by one
    ids = sorted(
        g.value.removeprefix(str(DATA)).removesuffix("/graph")
        for g in store.named_graphs()
        if isinstance(g, ox.NamedNode) and g.value.endswith("/graph")
    )
    assert len(ids) == len(EXAMPLES)
    one_by_one = io.BytesIO()
    assert export(store, one_by_one, format=fmt, ids=ids) == count
    assert quads_in(one_by_one.getvalue(), parsed) == written


def test_a_foreign_graph_is_left_out(tmp_path: Path) -> None:
    store = ox.Store(str(tmp_path / "s"))
    det = ox.NamedNode(f"{DATA}x")
    mine = ox.Quad(ox.NamedNode(f"{DATA}x/a"), ox.NamedNode(f"{DATA}p"), ox.Literal("a"), det)
    other = ox.NamedNode("https://example.org/not-toulmin")
    foreign = ox.Quad(other, other, ox.Literal("x"), other)
    for quad in (mine, foreign, ox.Quad(other, other, ox.Literal("in the default graph"))):
        store.add(quad)
    out = io.BytesIO()
    assert export(store, out) == 1
    assert quads_in(out.getvalue(), ox.RdfFormat.N_QUADS) == {mine}
