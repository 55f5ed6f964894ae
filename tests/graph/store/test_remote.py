"""Remote stores: the same load/list/stats/remove/export against real SPARQL servers.

An Oxigraph server (the ``oxigraph`` package) and Virtuoso (Debian's
``virtuoso-opensource``, installed by ``make virtuoso``) are started on 127.0.0.1 on
free ports, once for this module, and stopped at the end.
"""

from __future__ import annotations

import dataclasses
import http.server
import io
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from tests.helpers.paths import ROOT
from toulmin.errors import MissingToolError, QueryError, StoreError
from toulmin.graph.authoring.casefile import load_case
from toulmin.graph.rdf.compile import compile_determination, to_dataset
from toulmin.graph.rdf.iris import graph_iri
from toulmin.graph.store import servers
from toulmin.graph.store.admin import export, list_determinations, remove, stats
from toulmin.graph.store.load import load
from toulmin.graph.store.remote import RemoteTarget
from toulmin.graph.store.servers import Server, start_oxigraph, start_virtuoso
from toulmin.ontology.namespace import DATA

FLAGSHIP = ROOT / "examples" / "l4-5-revision.yaml"


def flagship_copies(ids: list[str]) -> list[Graph]:
    det = load_case(FLAGSHIP)
    return [compile_determination(dataclasses.replace(det, id=i)) for i in ids]


def write_nquads(path: Path, graphs: list[Graph]) -> Path:
    path.write_text(to_dataset(graphs).serialize(format="nquads"), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph") / "store", timeout=30)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def virtuoso_server(
    tmp_path_factory: pytest.TempPathFactory, need_tool: Callable[[str, str], str]
) -> Iterator[Server]:
    need_tool("virtuoso-t", servers.VIRTUOSO_HINT)
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"), timeout=120)
    yield server
    server.stop()


def _clear(target: RemoteTarget) -> None:
    for info in list_determinations(target):
        remove([info.id], target)


# -- Oxigraph server ----------------------------------------------------------------------
@pytest.mark.server
def test_remote_target_binds_values_safely(oxigraph_server: Server) -> None:
    target = RemoteTarget(oxigraph_server.query_url)
    assert target.update_endpoint == oxigraph_server.update_url
    nasty = 'it\'s } ; DROP ALL ; { "quoted" \\ \n'
    target.update(
        "INSERT DATA { GRAPH <urn:toulmin:test> { <urn:s> <urn:p> "
        + Literal(nasty).n3()
        + ' , 7 , "x"@en } }'
    )
    query = "SELECT ?s ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert target.select(query, {"o": Literal(nasty)}).rows == [(URIRef("urn:s"), Literal(nasty))]
    assert target.select(query, {"o": Literal("x", lang="en")}).rows[0][1] == Literal(
        "x", lang="en"
    )
    assert target.select(query, {"o": Literal(7)}).rows[0][1] == Literal(7)
    assert target.ask("ASK WHERE { GRAPH ?g { ?s ?p ?o } }", {"o": Literal(7)})
    assert not target.ask("ASK WHERE { GRAPH ?g { ?s ?p ?o } }", {"o": Literal(8)})
    with pytest.raises(QueryError, match="expected a SELECT"):
        target.select("ASK {}")
    with pytest.raises(StoreError, match="HTTP 400"):
        target.select("SELECT nonsense")
    target.update("DROP SILENT GRAPH <urn:toulmin:test>")


@pytest.mark.server
def test_load_list_stats_remove_export_over_the_protocol(
    oxigraph_server: Server, tmp_path: Path
) -> None:
    target = RemoteTarget(oxigraph_server.query_url)
    _clear(target)
    graphs = flagship_copies(["e-1", "e-2", "e-3"])
    nq = write_nquads(tmp_path / "three.nq", graphs)
    bad = tmp_path / "bad.nq"
    bad.write_text("<urn:a> <urn:b> .\n")
    report = load([nq, FLAGSHIP, bad], target, progress=False)
    assert (report.loaded, report.replaced, report.failed) == (4, 0, 1)
    assert report.problems[0].line == 1
    again = load([nq], target, progress=False)
    assert (again.loaded, again.replaced) == (0, 3)
    assert [i.id for i in list_determinations(target)] == ["e-1", "e-2", "e-3", "l4-5-revision"]
    info = stats(target)
    size = len(graphs[0])
    assert (info.determinations, info.graphs, info.size_bytes) == (4, 4, None)
    assert info.quads == 3 * size + len(compile_determination(load_case(FLAGSHIP)))
    assert remove(["e-2", "missing"], target) == (["e-2"], ["missing"])
    out = io.BytesIO()
    assert export(target, out, format="nquads", ids=["e-1"]) == size
    store = ox.Store()
    store.load(out.getvalue(), format=ox.RdfFormat.N_QUADS)
    assert [g.value for g in store.named_graphs()] == [str(graph_iri("e-1"))]
    whole = io.BytesIO()
    assert export(target, whole, format="trig") == info.quads - size
    _clear(target)


@pytest.mark.server
def test_replacement_over_the_protocol_is_one_request(
    oxigraph_server: Server, tmp_path: Path
) -> None:
    target = RemoteTarget(oxigraph_server.query_url)
    sent: list[str] = []
    real = target.update

    def spy(request: str) -> None:
        sent.append(request)
        real(request)

    target.update = spy  # type: ignore[method-assign]
    (one,) = flagship_copies(["one-request"])
    load([write_nquads(tmp_path / "one.nq", [one])], target, progress=False)
    load([write_nquads(tmp_path / "one.nq", [one])], target, progress=False)
    assert len(sent) == 2
    assert sent[1].startswith(f"DROP SILENT GRAPH <{DATA}one-request/derived> ;")
    count = target.select(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph_iri("one-request")}
    )
    assert int(count.rows[0][0].toPython()) == len(one)  # type: ignore[union-attr]
    remove(["one-request"], target)


@pytest.mark.server
def test_one_request_is_one_transaction_on_oxigraph(oxigraph_server: Server) -> None:
    target = RemoteTarget(oxigraph_server.query_url)
    target.update('INSERT DATA { GRAPH <urn:toulmin:keep> { <urn:a> <urn:b> "old" } }')
    with pytest.raises(StoreError):  # the last operation fails when it runs
        target.update(
            "DROP SILENT GRAPH <urn:toulmin:keep> ; "
            'INSERT DATA { GRAPH <urn:toulmin:keep> { <urn:a> <urn:b> "new" } } ; '
            "LOAD <http://127.0.0.1:1/nothing.ttl> INTO GRAPH <urn:toulmin:other>"
        )
    rows = target.select("SELECT ?o WHERE { GRAPH <urn:toulmin:keep> { ?s ?p ?o } }").rows
    assert rows == [(Literal("old"),)]
    target.update("DROP SILENT GRAPH <urn:toulmin:keep>")


# -- result integrity, with a fake endpoint -------------------------------------------------
class _FakeEndpoint(http.server.BaseHTTPRequestHandler):
    headers_to_send: ClassVar[dict[str, str]] = {}
    status = 200

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        body = json.dumps(
            {
                "head": {"vars": ["s"]},
                "results": {"bindings": [{"s": {"type": "uri", "value": "urn:a"}}]},
            }
        ).encode()
        self.send_response(self.status)
        self.send_header("Content-Type", "application/sparql-results+json")
        for key, value in self.headers_to_send.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.parametrize(
    ("headers", "status", "message"),
    [
        ({"X-SPARQL-MaxRows": "10000"}, 200, "cut the result at 10000 rows"),
        (
            {"X-SQL-State": "S1TAT", "X-SQL-Message": "RC...: Returning incomplete results"},
            200,
            "partial",
        ),
        ({}, 206, "partial"),
    ],
)
def test_cut_or_partial_results_are_errors(
    headers: dict[str, str], status: int, message: str
) -> None:
    handler = type("Handler", (_FakeEndpoint,), {"headers_to_send": headers, "status": status})
    httpd = http.server.HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        target = RemoteTarget(f"http://127.0.0.1:{httpd.server_address[1]}/sparql", timeout=10)
        with pytest.raises(StoreError, match=message):
            target.select("SELECT ?s WHERE { ?s ?p ?o }")
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_unreachable_endpoint_and_missing_virtuoso(monkeypatch: pytest.MonkeyPatch) -> None:
    port = servers.free_port()
    with pytest.raises(StoreError, match="cannot reach"):
        RemoteTarget(f"http://127.0.0.1:{port}/query", timeout=5).ask("ASK {}")
    with pytest.raises(StoreError, match="not an http"):
        RemoteTarget("ftp://example.org/sparql")
    monkeypatch.setattr(servers.shutil, "which", lambda name: None)
    monkeypatch.setattr(servers.os, "access", lambda path, mode: False)
    with pytest.raises(MissingToolError, match="make virtuoso"):
        servers.virtuoso_command()


# -- Virtuoso ------------------------------------------------------------------------------------
@pytest.mark.server
def test_virtuoso_load_replace_and_a_select_beyond_10000_rows(
    virtuoso_server: Server, tmp_path: Path
) -> None:
    target = RemoteTarget(virtuoso_server.query_url, timeout=120)
    ids = [f"v-{i:02d}" for i in range(12)]
    graphs = flagship_copies(ids)
    expected = sum(len(g) for g in graphs)
    assert expected > 10_000
    nq = write_nquads(tmp_path / "twelve.nq", graphs)
    first = load([nq], target, progress=False)
    assert (first.loaded, first.failed) == (12, 0), first.problems
    second = load([nq], target, progress=False)  # idempotent: replaced, not merged
    assert (second.loaded, second.replaced, second.failed) == (0, 12, 0)
    rows = target.select(
        "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{DATA}v-")) }}'
    ).rows
    assert len(rows) == expected  # complete: not cut at Debian's default 10,000
    assert len({r[0] for r in rows}) == 12
    assert [i.id for i in list_determinations(target)] == ids
    assert [i.outcome for i in list_determinations(target)][:1] == ["Approved"]
    info = stats(target)
    assert (info.determinations, info.quads) == (12, expected)
    out = io.BytesIO()
    assert export(target, out, ids=["v-03"]) == len(graphs[3])
    removed, _ = remove(ids, target)
    assert removed == ids
    assert stats(target).quads == 0
