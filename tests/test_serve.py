"""``toulmin serve``: a store over the SPARQL 1.1 Protocol, read-only unless asked."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from toulmin.graph.store.load import load
from toulmin.graph.store.servers import free_port

ROOT = Path(__file__).resolve().parent.parent
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
        with pytest.raises(Exception) as refused:
            updater.query()
        assert "403" in str(refused.value) or "read-only" in str(refused.value)
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
