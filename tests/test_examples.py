"""Every example in examples/ builds, checks clean (SHACL and OWL), and every script runs."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pytest

from tests.helpers.paths import EXAMPLES
from toulmin.cli import main
from toulmin.graph.authoring.casefile import load_case
from toulmin.graph.rdf.check import check_determination

CASES = sorted(EXAMPLES.glob("*.yaml"))
SCRIPTS = sorted(EXAMPLES.glob("*.py"))


def test_there_are_examples_of_every_outcome() -> None:
    outcomes = {load_case(path).outcome for path in CASES}
    assert {"approved", "denied", "partially-approved", "pended"} <= outcomes
    illustrative = [load_case(p) for p in CASES if p.name != "l4-5-revision.yaml"]
    assert len(illustrative) >= 3
    assert all(d.illustrative and d.title.startswith("Illustrative:") for d in illustrative)


@pytest.mark.java
@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in CASES])
def test_example_checks_clean(case: Path, need_tool) -> None:  # type: ignore[no-untyped-def]
    need_tool("java", "make java (apt-get install -y default-jre-headless)")
    report = check_determination(load_case(case), owl=True)
    assert report.violations == []
    assert report.consistent is True, report.lines()


def test_cli_check_reports_and_exits_1_on_violations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (EXAMPLES / "l4-5-revision.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "uncited.yaml"
    broken.write_text(
        text.replace("    cite: [aans, record]\n", "    cite: []\n", 1), encoding="utf-8"
    )
    assert main(["check", "--no-owl", str(broken)]) == 1
    out = capsys.readouterr().out
    assert "c-22849" in out
    assert "citation" in out.lower()
    assert main(["check", "--no-owl", str(EXAMPLES / "l4-5-revision.yaml")]) == 0


def test_cli_check_bad_input_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("toulmin: 2\n", encoding="utf-8")
    assert main(["check", "--no-owl", str(bad)]) == 2


def test_cli_trace_marks_attacks_and_answers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["trace", str(EXAMPLES / "l4-5-revision.yaml"), "--width", "200"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("CONCLUSION c-main:")
    assert "ATTACKED (rebut x-mild-vs-63042) by CLAIM c-mild-not-necessary" in out
    assert "ANSWERED (undercut x-imaging-answer) by CLAIM c-imaging-answer" in out
    assert "ANSWERED (undercut x-scoliosis-answer) by ASSESSMENT a-scoliosis-not-applicable" in out
    assert "ANSWERED (undercut x-ambulatory-answer-surgeon) by CLAIM c-surgeon-judgement" in out
    assert "cites payer-criteria: MCG criteria" in out
    assert '"Procedure is indicated for Neurologic complication"' in out


def test_cli_trace_from_a_claim_and_unknown_claim(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["trace", str(EXAMPLES / "l4-5-revision.yaml"), "--claim", "c-inpatient"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("CONCLUSION c-inpatient:")
    assert "c-22850" not in out
    assert main(["trace", str(EXAMPLES / "l4-5-revision.yaml"), "--claim", "nope"]) == 2
    assert "unknown claim 'nope'" in capsys.readouterr().err


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_example_script_runs(script: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", [str(script)])
    runpy.run_path(str(script), run_name="__main__")
