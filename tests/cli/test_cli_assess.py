"""``toulmin assess`` through the CLI entry point, and ``toulmin.assess``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import toulmin
from tests.helpers.criteria_examples import DISAGREEMENTS
from tests.helpers.paths import EXAMPLES
from toulmin.cli import main
from toulmin.config import Config, criteria_search_dirs, load_config
from toulmin.graph.authoring.casefile import load_case
from toulmin.graph.criteria.library import shipped_library

CASES = sorted(EXAMPLES.glob("*.yaml"))


MINIMAL = """toulmin-criteria: 1
id: {ident}
version: "{version}"
title: A set for tests
criteria:
  - id: pt-6w
    ref: T-1
    condition:
      finding:
        of: {{kind: treatment-trial, treatment: physical-therapy}}
        with: {{duration: {{at_least: {{weeks: {weeks}}}}}}}
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_assess_json_gives_each_examples_assessments(
    capsys: pytest.CaptureFixture[str], path: Path
) -> None:
    code, out, _ = run(capsys, "assess", str(path), "--json", "--all")
    assert code == 0
    data = json.loads(out)
    det = load_case(path)
    assert data["determination"] == det.id
    assert data["criteria_set"] == "toulmin-illustrative-examples@illustrative-2025.1"
    got = {(r["criterion"], r["service"]): r["result"] for r in data["results"]}
    asserted: dict[tuple[str, str], set[str]] = {}
    for a in det.assessments:
        if (det.id, a.criterion, a.service) not in DISAGREEMENTS:
            asserted.setdefault((a.criterion, a.service), set()).add(a.result)
    checked = 0
    for key, values in asserted.items():
        if key in got:  # a setting criterion is reported for the first line
            assert {got[key]} == values, f"{key}: {got[key]}, the example says {values}"
            checked += 1
    assert checked > 0
    # every deciding finding carries the citations the case file gives it
    cites = {f.id: [str(c) for c in f.cite] for f in det.findings}
    for r in data["results"]:
        assert r["citations"] == {f: cites[f] for f in r["findings"]}


def test_assess_table_lists_lines_references_results_and_citations(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = EXAMPLES / "l4-5-fusion-pended-pt.yaml"
    code, out, _ = run(capsys, "assess", str(path), "--width", "200")
    assert code == 0
    row = next(line for line in out.splitlines() if " lf-1-3 " in line)
    assert "1 svc-22612" in row
    assert "LF-1.3" in row
    assert "insufficient" in row
    assert "f-pt-unconfirmed (question#related question 1, record#document index)" in row
    assert "not-applicable" not in out  # only the applicable criteria without --all
    assert "not-applicable" in run(capsys, "assess", str(path), "--all", "--width", "200")[1]


def test_assess_shows_the_setting(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "assess", str(EXAMPLES / "l4-5-fusion-inpatient-denied.yaml"), "--json"
    )
    assert code == 0
    setting = [r for r in json.loads(out)["results"] if r["subject"] == "setting"]
    assert {r["criterion"] for r in setting} >= {"ip-spine-1", "ip-spine-1-3"}
    assert all(r["line"] == "setting" for r in setting)


def test_assess_several_cases_gives_a_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", *map(str, CASES[:2]), "--json")
    assert code == 0
    assert [d["case"] for d in json.loads(out)] == [str(p) for p in CASES[:2]]


def test_bad_criteria_files_exit_2_with_every_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a.yaml").write_text(
        MINIMAL.format(ident="a", version="1", weeks=6).replace(
            "ref: T-1", "ref: T-1\n    bogus: 1"
        )
    )
    (tmp_path / "b.yaml").write_text(
        MINIMAL.format(ident="b", version="1", weeks=6).replace("weeks: 6", "weeks: six")
    )
    code, _, err = run(
        capsys, "assess", str(CASES[0]), "--criteria", "a", "--criteria-dir", str(tmp_path)
    )
    assert code == 2
    assert f"{tmp_path / 'a.yaml'}:8: /criteria/0" in err
    assert "bogus" in err
    assert f"{tmp_path / 'b.yaml'}:" in err
    assert "/criteria/0/condition" in err


def test_a_case_of_another_set_must_name_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    case = tmp_path / "other.yaml"
    text = (EXAMPLES / "l4-5-fusion-pended-pt.yaml").read_text()
    case.write_text(text.replace("LF-1.3", "LF-9.3"))  # a reference the set does not have
    code, _, err = run(capsys, "assess", str(case))
    assert code == 2
    assert "--criteria" in err
    assert "toulmin-illustrative-examples" in err
    (tmp_path / "sets").mkdir()
    (tmp_path / "sets" / "t.yaml").write_text(MINIMAL.format(ident="t", version="1", weeks=6))
    code, out, _ = run(
        capsys,
        "assess",
        str(case),
        "--criteria",
        "t@1",
        "--criteria-dir",
        str(tmp_path / "sets"),
        "--json",
    )
    assert code == 0
    assert [r["criterion"] for r in json.loads(out)["results"]] == ["pt-6w"]


def test_unknown_set_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "assess", str(CASES[0]), "--criteria", "no-such-set")
    assert code == 2
    assert "no criteria set 'no-such-set'" in err


def test_the_criteria_dir_comes_before_the_environment_and_the_config(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders = {}
    for name, weeks in (("cli", 1), ("env", 2), ("toml", 3)):
        folders[name] = tmp_path / name
        folders[name].mkdir()
        (folders[name] / "t.yaml").write_text(MINIMAL.format(ident="t", version="1", weeks=weeks))
    project = tmp_path / "project"
    project.mkdir()
    (project / "toulmin.toml").write_text(f'criteria_path = ["{folders["toml"]}"]\n')
    monkeypatch.chdir(project)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home"))
    case = str(EXAMPLES / "l4-5-fusion-pended-pt.yaml")
    monkeypatch.delenv("TOULMIN_CRITERIA_PATH", raising=False)
    cs = toulmin.api.criteria_set_for(case, "t")
    assert cs.file is not None
    assert Path(cs.file).parent == folders["toml"]
    monkeypatch.setenv("TOULMIN_CRITERIA_PATH", str(folders["env"]))
    cs = toulmin.api.criteria_set_for(case, "t")
    assert cs.file is not None
    assert Path(cs.file).parent == folders["env"]
    cs = toulmin.api.criteria_set_for(case, "t", criteria_dirs=[folders["cli"]])
    assert cs.file is not None
    assert Path(cs.file).parent == folders["cli"]


def test_criteria_path_in_the_config_is_relative_to_its_file(tmp_path: Path) -> None:
    (tmp_path / "toulmin.toml").write_text('criteria_path = "policies"\n')
    cfg = load_config(cwd=tmp_path, home=tmp_path / "nohome", environ={})
    assert cfg.criteria_path == (tmp_path / "policies",)
    dirs = criteria_search_dirs(["x"], cfg, {"TOULMIN_CRITERIA_PATH": "y"})
    assert dirs == [Path("x"), Path("y"), tmp_path / "policies"]
    assert criteria_search_dirs((), Config(), {}) == []
    assert shipped_library().is_dir()


def test_toulmin_assess_is_the_api_function() -> None:
    results = toulmin.assess(str(EXAMPLES / "l4-5-fusion-pended-pt.yaml"))
    lf1 = next(r for r in results if r.criterion == "lf-1")
    assert lf1.value.value == "insufficient"
    assert lf1.missing == ("LF-1.3",)
    assert lf1.criteria_set == "toulmin-illustrative-examples@illustrative-2025.1"
