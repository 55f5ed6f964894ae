"""``toulmin serve``: a store over the SPARQL 1.1 Protocol, read-only unless asked."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from tests.helpers.paths import ROOT
from toulmin.graph.store.load import load
from toulmin.graph.store.servers import free_port

FLAGSHIP = ROOT / "examples" / "l4-5-revision.yaml"


def _wait_until_up(url: str, process: subprocess.Popen[str], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"toulmin serve exited: {process.communicate()[1]}")
        try:
            with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise AssertionError("toulmin serve did not answer in time")


@contextlib.contextmanager
def _serve(store: Path, *extra: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "toulmin.cli",
            "serve",
            "--store",
            str(store),
            "--port",
            str(port),
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base + "/query", process)
        yield base, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("served") / "store"
    report = load([FLAGSHIP], folder, progress=False)
    assert report.loaded == 1
    return folder


@pytest.mark.server
def test_serve_read_only_answers_queries_and_refuses_updates(store_dir: Path) -> None:
    with _serve(store_dir) as (base, process):
        client = SPARQLWrapper(base + "/query", updateEndpoint=base + "/update")
        client.setReturnFormat(JSON)
        client.setQuery(
            "PREFIX tlm: <https://w3id.org/toulmin/ontology#> "
            "SELECT ?title WHERE { GRAPH ?g { ?d a tlm:Determination ; tlm:title ?title } }"
        )
        rows = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index,call-overload]
        assert [r["title"]["value"][:4] for r in rows] == ["L4-5"]
        with urllib.request.urlopen(base + "/", timeout=5) as page:  # the query page
            assert page.status == 200
        updater = SPARQLWrapper(base + "/query", updateEndpoint=base + "/update")
        updater.setMethod(POST)
        updater.setQuery("INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }")
        with pytest.raises(Exception, match=r"403|read-only"):
            updater.query()
        # stopping toulmin serve stops the Oxigraph server too
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
        with pytest.raises((urllib.error.URLError, OSError)):
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=2)


@pytest.mark.server
def test_serve_writable_accepts_updates(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    load([FLAGSHIP], folder, progress=False)
    with _serve(folder, "--writable") as (base, _):
        updater = SPARQLWrapper(base + "/query", updateEndpoint=base + "/update")
        updater.setMethod(POST)
        updater.setQuery("INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }")
        updater.query()
        client = SPARQLWrapper(base + "/query")
        client.setReturnFormat(JSON)
        client.setQuery("ASK WHERE { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }")
        assert client.queryAndConvert()["boolean"] is True  # type: ignore[index,call-overload]


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    from toulmin.cli import main

    assert main(["serve", "--store", str(tmp_path / "none"), "--port", str(free_port())]) == 2


def _children(pid: int) -> set[int]:
    """The live processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _port_free(port: int) -> bool:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # SO_REUSEADDR: connections in TIME_WAIT do not count, a listening socket does
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@pytest.mark.server
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_serve_stops_its_server_on_each_signal(store_dir: Path, signum: int) -> None:
    with _serve(store_dir) as (base, process):
        port = int(base.rsplit(":", 1)[1])
        children = _children(process.pid)
        assert children, "toulmin serve started no child process"
        process.send_signal(signum)
        assert process.wait(timeout=30) == 0
        deadline = time.monotonic() + 30  # a bound on waiting, not a timed assertion
        while time.monotonic() < deadline and (
            any(_alive(pid) for pid in children) or not _port_free(port)
        ):
            time.sleep(0.1)
        assert not [pid for pid in children if _alive(pid)], "a child outlived toulmin serve"
        assert _port_free(port)


def test_serve_passes_a_query_timeout(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from toulmin.cli import main

    seen: dict[str, object] = {}

    def fake_start(location: Path, **options: object) -> object:
        seen.update(options)
        raise KeyboardInterrupt  # as if stopped while starting

    monkeypatch.setattr("toulmin.graph.store.servers.start_oxigraph", fake_start)
    args = ["serve", "--store", str(store_dir), "--port", str(free_port())]
    assert main([*args, "--query-timeout", "7.5"]) == 0
    assert seen["query_timeout"] == 7.5
    assert main(args) == 0
    assert seen["query_timeout"] == 60.0
    assert main([*args, "--query-timeout", "0"]) == 0
    assert seen["query_timeout"] is None


def _post(url: str, data: bytes, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


_FORM = {"Content-Type": "application/x-www-form-urlencoded"}
_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _count(base: str) -> int:
    url = base + "/query?" + urllib.parse.urlencode({"query": _COUNT})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return int(json.loads(response.read())["results"]["bindings"][0]["n"]["value"])


@pytest.mark.server
def test_serve_writable_refuses_a_cross_origin_form_post(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    load([FLAGSHIP], folder, progress=False)
    with _serve(folder, "--writable") as (base, _):
        before = _count(base)
        assert before > 0
        drop = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
        for headers in (
            {"Origin": "http://evil.example"},
            {"Origin": "null"},
            {"Sec-Fetch-Site": "cross-site"},
        ):
            status, text = _post(base + "/update", drop, {**_FORM, **headers})
            assert status == 403, text
            assert "another origin" in text
        assert _count(base) == before
        # the same request from the server's own page (same origin) goes through
        status, _ = _post(base + "/update", drop, {**_FORM, "Origin": base})
        assert status in (200, 204)
        assert _count(base) == 0


@pytest.mark.server
def test_serve_writable_with_a_token_needs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "store"
    load([FLAGSHIP], folder, progress=False)
    monkeypatch.setenv("TOULMIN_SERVE_TOKEN", "s3cret")
    insert = urllib.parse.urlencode(
        {"update": "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"}
    ).encode()
    with _serve(folder, "--writable") as (base, _):
        status, text = _post(base + "/update", insert, _FORM)
        assert status == 403
        assert "Bearer" in text
        status, _ = _post(base + "/update", insert, {**_FORM, "Authorization": "Bearer wrong"})
        assert status == 403
        status, _ = _post(base + "/update", insert, {**_FORM, "Authorization": "Bearer s3cret"})
        assert status in (200, 204)


@pytest.mark.server
def test_serve_refuses_service_unless_allowed(store_dir: Path) -> None:
    federated = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    with _serve(store_dir) as (base, _):
        url = base + "/query?" + urllib.parse.urlencode({"query": federated})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url, timeout=30)
        assert refused.value.code == 403
        assert "SERVICE" in refused.value.read().decode()
        status, text = _post(
            base + "/query", federated.encode(), {"Content-Type": "application/sparql-query"}
        )
        assert status == 403
        assert "--allow-service" in text
        assert _count(base) > 0  # other queries still run
    with _serve(store_dir, "--allow-service") as (base, _):
        status, text = _post(
            base + "/query", federated.encode(), {"Content-Type": "application/sparql-query"}
        )
        assert "--allow-service" not in text  # reached Oxigraph (which fails to connect)


@pytest.mark.server
def test_serve_refuses_an_oversized_body(store_dir: Path) -> None:
    from toulmin.graph.store.gateway import DEFAULT_MAX_BODY

    with _serve(store_dir) as (base, _):
        big = b"query=" + b"x" * (DEFAULT_MAX_BODY + 1)
        try:
            status, text = _post(base + "/query", big, _FORM)
        except (ConnectionError, urllib.error.URLError):  # closed before the body was read
            return
        assert status == 413
        assert "over" in text
