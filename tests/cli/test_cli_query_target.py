"""``toulmin query`` runs on one target: case files, a store or an endpoint.

Case files given with ``--store`` or ``--endpoint`` used to run on the case files and
ignore the option without a word; the combination is now a usage error (exit 2) that
says which to drop.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toulmin.cli import main
from toulmin.commands.query import open_query_target
from toulmin.errors import QueryError

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "examples" / "l4-5-revision.yaml"
OTHER = ROOT / "examples" / "l3-l5-tlif-denied.yaml"


def test_case_files_with_a_store_are_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    code = main(["query", "uncited-statements", str(CASE), "--store", str(store)])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert "give case files or --store, not both" in err
    assert f"drop --store to query the case files ({CASE})" in err
    assert "or drop the case files to query the store" in err
    assert not store.exists()  # refused before anything was opened


def test_case_files_with_an_endpoint_are_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    cases = [str(CASE)] * 4
    argv = ["query", "--endpoint", "http://127.0.0.1:9/sparql", "uncited-statements", *cases]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "give case files or --endpoint, not both: drop --endpoint" in err
    assert f"({CASE}, {CASE}, {CASE}, ...), or drop the case files to query the endpoint" in err


def test_an_ad_hoc_query_with_case_files_and_a_store_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1\n", encoding="utf-8")
    # with --sparql the first positional is a case file, too
    assert main(["query", "--sparql", str(rq), str(CASE), "--store", str(tmp_path / "s")]) == 2
    assert "drop --store" in capsys.readouterr().err


def test_the_library_function_refuses_the_combination(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="not both"):
        open_query_target(store=tmp_path / "s", cases=[CASE])
    with pytest.raises(QueryError, match="drop --endpoint"):
        open_query_target(endpoint="http://127.0.0.1:9/sparql", cases=(CASE,))


def test_each_target_alone_still_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    assert main(["load", str(OTHER), "--store", str(store)]) == 0
    capsys.readouterr()
    argv = ["query", "outcomes-by-code", "-f", "json"]
    assert main([*argv, "--store", str(store)]) == 0
    from_store = json.loads(capsys.readouterr().out)
    assert main([*argv, str(CASE)]) == 0
    from_case = json.loads(capsys.readouterr().out)
    assert from_store != from_case  # each ran on the target it was given
    assert from_store["rows"]
    assert from_case["rows"]
