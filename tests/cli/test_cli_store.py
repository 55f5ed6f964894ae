"""``toulmin load`` and ``toulmin store ...`` from the command line: output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.helpers.paths import ROOT
from toulmin.cli import main
from toulmin.graph.store.servers import start_oxigraph

FLAGSHIP = ROOT / "examples" / "l4-5-revision.yaml"


@pytest.fixture(autouse=True)
def _no_user_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each test sees only the config it writes."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    for name in ("TOULMIN_STORE", "TOULMIN_ENDPOINT", "TOULMIN_UPDATE_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def _copy(folder: Path, ident: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = FLAGSHIP.read_text(encoding="utf-8").replace(
        "\nid: l4-5-revision\n", f"\nid: {ident}\n", 1
    )
    path = folder / f"{ident}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_reports_bad_files_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _copy(tmp_path / "in", "c-1")
    (tmp_path / "in" / "bad.yaml").write_text("toulmin: 1\nid: bad\n")
    code = main(["load", "--store", "s", "--no-derived", "--no-progress", "in"])
    err = capsys.readouterr().err
    assert code == 1
    assert "bad.yaml:1: missing required key 'decision'" in err
    assert "loaded 1, replaced 0, failed 1" in err
    assert main(["load", "--store", "s", "--no-derived", str(tmp_path / "in" / "c-1.yaml")]) == 0
    assert "loaded 0, replaced 1, failed 0" in capsys.readouterr().err


def test_store_stats_list_remove_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _copy(tmp_path / "in", "c-1")
    _copy(tmp_path / "in", "c-2")
    assert main(["load", "--store", "s", "--no-derived", "in"]) == 0
    capsys.readouterr()
    assert main(["store", "stats", "--store", "s", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert (stats["determinations"], stats["derived"], stats["graphs"]) == (2, 0, 2)
    assert stats["size_bytes"] > 0
    assert main(["store", "stats", "--store", "s"]) == 0
    assert "determinations  2" in capsys.readouterr().out
    assert main(["store", "list", "--store", "s"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[:2] for line in lines] == [["c-1", "Approved"], ["c-2", "Approved"]]
    assert main(["store", "list", "--store", "s", "--json"]) == 0
    assert [d["id"] for d in json.loads(capsys.readouterr().out)] == ["c-1", "c-2"]
    assert main(["store", "export", "--store", "s", "-o", "out/all.trig"]) == 0
    back = ox.Store()
    back.load(path=str(tmp_path / "out" / "all.trig"))
    assert len(list(back.named_graphs())) == 2
    assert len(back) == stats["quads"]
    assert main(["store", "export", "--store", "s", "c-2"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == stats["quads"] // 2
    assert "/c-1/" not in out
    assert main(["store", "remove", "--store", "s", "c-1", "nope"]) == 1
    assert "not in the store: nope" in capsys.readouterr().err
    assert main(["store", "remove", "--store", "s", "c-2"]) == 0
    assert main(["store", "recover", "--store", "s"]) == 0
    assert "nothing to recover" in capsys.readouterr().err


def test_load_stores_the_derived_graph_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    try:
        import toulmin.graph.derived.summaries  # noqa: F401
    except ImportError:  # the evaluator's hook is not there: nothing derived to store
        expected = 0
    else:
        expected = 1
    assert main(["load", "--store", "s", str(FLAGSHIP)]) == 0
    assert main(["store", "stats", "--store", "s", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["derived"] == expected


def test_the_store_comes_from_the_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["store", "list"]) == 2
    assert "no store given" in capsys.readouterr().err
    (tmp_path / "toulmin.toml").write_text('store = "var/corpus"\n')
    assert main(["load", "--no-derived", str(FLAGSHIP)]) == 0
    assert (tmp_path / "var" / "corpus" / "CURRENT").exists()
    capsys.readouterr()
    assert main(["store", "list"]) == 0
    assert capsys.readouterr().out.startswith("l4-5-revision")
    monkeypatch.setenv("TOULMIN_STORE", str(tmp_path / "elsewhere"))
    assert main(["store", "list"]) == 2  # the environment wins: there is no store there
    assert "there is no store in" in capsys.readouterr().err
    (tmp_path / "toulmin.toml").write_text("store = [1\n")
    assert main(["store", "list"]) == 2
    assert "not valid TOML" in capsys.readouterr().err


def test_store_and_endpoint_together_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as stop:
        main(["store", "list", "--store", "s", "--endpoint", "http://127.0.0.1:9/query"])
    assert stop.value.code == 2


@pytest.mark.server
def test_load_and_list_through_an_endpoint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with start_oxigraph(None) as server:
        url = server.query_url
        assert main(["load", "--endpoint", url, "--no-derived", str(FLAGSHIP)]) == 0
        assert main(["store", "list", "--endpoint", url]) == 0
        assert capsys.readouterr().out.startswith("l4-5-revision")
        assert main(["store", "stats", "--endpoint", url, "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["size_bytes"] is None
        assert main(["store", "remove", "--endpoint", url, "l4-5-revision"]) == 0
