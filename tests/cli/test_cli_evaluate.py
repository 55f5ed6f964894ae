"""``toulmin evaluate | explain | flip`` through the CLI entry point."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Graph

from toulmin.cli import main
from toulmin.graph.authoring.casefile import load_case
from toulmin.graph.derived.evaluation import read_labels
from toulmin.graph.rdf.compile import compile_determination
from toulmin.graph.rdf.serialize import serialize


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_evaluate_text(capsys: pytest.CaptureFixture[str], flagship_path: Path) -> None:
    code, out, _ = run(capsys, "evaluate", str(flagship_path))
    assert code == 0
    assert "main claim c-main: IN" in out
    assert "svc-63042 -> c-63042: IN" in out
    assert "c-mild-not-necessary" in out
    assert "x-imaging-answer" in out
    # deterministic output
    assert run(capsys, "evaluate", str(flagship_path))[1] == out


def test_evaluate_json(capsys: pytest.CaptureFixture[str], flagship_path: Path) -> None:
    code, out, _ = run(capsys, "evaluate", str(flagship_path), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["semantics"] == "grounded"
    assert data["main_claim"] == {"id": "c-main", "label": "in"}
    assert data["proof_standard"] == {
        "standard": "preponderance",
        "alpha": 0.0,
        "beta": 0.0,
        "gamma": None,
    }
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels["c-mild-not-necessary"] == "out"
    for claim in data["claims"]:
        assert claim["label"] == "in"


def test_evaluate_preferred_lists_labellings(
    capsys: pytest.CaptureFixture[str], flagship_path: Path
) -> None:
    code, out, _ = run(capsys, "evaluate", str(flagship_path), "--semantics", "preferred", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["semantics"] == "preferred"
    assert data["labels_are"] == "skeptical over all labellings"
    assert len(data["extensions"]) == len(data["labellings"]) == 1
    code, out, _ = run(capsys, "evaluate", str(flagship_path), "--semantics", "PR")
    assert code == 0
    assert "labelling 1: in = {" in out


def test_evaluate_rdf(
    capsys: pytest.CaptureFixture[str], flagship_path: Path, tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "evaluate", str(flagship_path), "--rdf", "turtle")
    assert code == 0
    g = Graph().parse(data=out, format="turtle")
    assert read_labels(g, "l4-5-revision")["c-main"] == "in"
    assert "evaluatedAt" not in out
    target = tmp_path / "derived.trig"
    code, _, err = run(
        capsys, "evaluate", str(flagship_path), "--rdf", "trig", "--timestamp", "-o", str(target)
    )
    assert code == 0
    assert "wrote" in err
    assert "evaluatedAt" in target.read_text()


def test_evaluate_rdf_input_and_strict(
    capsys: pytest.CaptureFixture[str], flagship_path: Path, tmp_path: Path
) -> None:
    det = load_case(flagship_path)
    broken = replace(det, conflicts=tuple(c for c in det.conflicts if c.id != "x-imaging-answer"))
    path = tmp_path / "broken.ttl"
    path.write_text(serialize([compile_determination(broken)], "turtle"), encoding="utf-8")
    code, out, _ = run(capsys, "evaluate", str(path))
    assert code == 0
    assert "main claim c-main: OUT" in out
    assert run(capsys, "evaluate", str(path), "--strict")[0] == 1
    assert run(capsys, "evaluate", str(flagship_path), "--strict")[0] == 0
    # several determinations in one file: name one
    both = tmp_path / "both.nq"
    both.write_text(
        serialize(
            [compile_determination(det), compile_determination(replace(broken, id="b"))], "nquads"
        ),
        encoding="utf-8",
    )
    code, _, err = run(capsys, "evaluate", str(both))
    assert code == 2
    assert "--det" in err
    code, out, _ = run(capsys, "evaluate", str(both), "--det", "b", "--json")
    assert code == 0
    assert json.loads(out)["main_claim"]["label"] == "out"


def test_explain(capsys: pytest.CaptureFixture[str], flagship_path: Path) -> None:
    code, out, _ = run(
        capsys, "explain", str(flagship_path), "c-mild-not-necessary", "--width", "200"
    )
    assert code == 0
    assert out.startswith("OUT claim c-mild-not-necessary")
    assert (
        "defeated by: IN undercut x-imaging-answer: c-imaging-answer -> i-mild-not-necessary" in out
    )
    code, out, _ = run(capsys, "explain", str(flagship_path), "c-main", "--json", "--depth", "2")
    data = json.loads(out)
    assert code == 0
    assert data["label"] == "in"
    assert data["explanation"]["node"] == "c-main"


def test_flip(capsys: pytest.CaptureFixture[str], flagship_path: Path) -> None:
    code, out, _ = run(capsys, "flip", str(flagship_path))
    assert code == 0
    assert "claim c-main is IN" in out
    assert "withdraw answer x-imaging-answer (undercut by c-imaging-answer" in out
    code, out, _ = run(
        capsys, "flip", str(flagship_path), "--claim", "c-inpatient", "--json", "--max-size", "2"
    )
    data = json.loads(out)
    assert code == 0
    assert data["claim"] == "c-inpatient"
    assert data["exact_up_to"] == 2
    assert ["x-ambulatory-answer-primary", "x-ambulatory-answer-surgeon"] in [
        [lv["id"] for lv in s["levers"]] for s in data["sets"]
    ]


@pytest.mark.parametrize(
    "argv",
    [
        ("explain", "{case}", "c-nope"),
        ("flip", "{case}", "--claim", "c-nope"),
        ("evaluate", "{case}", "--semantics", "ideal"),
        ("explain", "{case}", "c-main", "--semantics", "semi-stable"),
        ("evaluate", "{case}", "--uncited", "maybe"),
        ("evaluate", "missing.yaml"),
    ],
)
def test_bad_input_exits_2(
    capsys: pytest.CaptureFixture[str], flagship_path: Path, argv: tuple[str, ...]
) -> None:
    code, out, err = run(capsys, *(a.format(case=flagship_path) for a in argv))
    assert code == 2
    assert out == ""
    assert "error" in err
    assert "unknown" in err or "cannot read" in err
