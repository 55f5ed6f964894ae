"""Facts stated in case files reach the engine: mutations of the flagship, through the CLI.

Issue 9's mutations, on copies of ``examples/l4-5-revision.yaml``, through
``toulmin assess`` on the edited case file and through the API: every motor grade set
to 5/5 and every trend to improving makes the decompression criterion not-met (with the
trends kept, the ungraded progressive atrophy leaves it insufficient); a six-week
criterion with no therapy
duration recorded is insufficient (and met once the duration is written). Also the
case file's criteria-set reference (``criteria_set``) and the new fields: documented
absence, dates, measures, side, patient.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import toulmin
from toulmin.cli import main
from toulmin.graph.authoring.casefile import load_case, parse_case
from toulmin.graph.criteria.adapter import criteria_set_name, facts_for
from toulmin.graph.criteria.values import Duration

FLAGSHIP = Path(__file__).resolve().parents[3] / "examples" / "l4-5-revision.yaml"

SIX_WEEKS = """toulmin-criteria: 1
id: six-weeks
version: "1"
title: Six weeks of physical therapy before revision decompression (test set)
illustrative: true
criteria:
  - id: crit-six-weeks
    ref: SW-1
    applies: {service: {code: "63042"}}
    condition:
      finding:
        of: {kind: treatment-trial, treatment: physical-therapy}
        with: {outcome: failed, duration: {at_least: {weeks: 6}}}
"""

#: A criterion of the case file itself, with the threshold the set computes.
SIX_WEEKS_CRITERION = """criteria:
  - id: crit-six-weeks
    source: payer-criteria
    text: At least six weeks of failed physical therapy.
    min_weeks: 6
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def results_of(out: str) -> dict[tuple[str, str], str]:
    data = json.loads(out)
    return {(r["criterion"], r["service"]): r["result"] for r in data["results"]}


def flagship_copy(tmp_path: Path, edit: str = "", name: str = "case.yaml") -> Path:
    """A copy of the flagship, with ``edit`` appended at the top level when given."""
    text = FLAGSHIP.read_text(encoding="utf-8")
    path = tmp_path / name
    path.write_text(text + edit, encoding="utf-8")
    return path


def with_six_weeks(tmp_path: Path, *, duration: bool = False) -> tuple[Path, Path]:
    """The flagship naming the six-weeks set, with the case criterion; the set's folder."""
    sets = tmp_path / "sets"
    sets.mkdir()
    (sets / "six-weeks.yaml").write_text(SIX_WEEKS, encoding="utf-8")
    text = FLAGSHIP.read_text(encoding="utf-8")
    text = text.replace("criteria:\n", SIX_WEEKS_CRITERION, 1)
    if duration:  # the therapy's duration, as a reviewer would add it from therapy notes
        text = text.replace(
            "    treatment: physical-therapy\n    outcome: failed\n",
            "    treatment: physical-therapy\n    outcome: failed\n    duration_weeks: 8\n",
            1,
        )
    text += "criteria_set: {id: six-weeks, version: '1'}\n"
    path = tmp_path / "six-weeks-case.yaml"
    path.write_text(text, encoding="utf-8")
    return path, sets


# --- the mutations of the issue ----------------------------------------------------------


def _mutated(tmp_path: Path, name: str, *edits: tuple[str, str]) -> tuple[Path, int]:
    text, total = FLAGSHIP.read_text(encoding="utf-8"), 0
    for pattern, value in edits:
        text, n = re.subn(pattern, value, text)
        total += n
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, total


GRADES_5 = (r"(?m)^(\s+grade:) .*$", r"\1 5/5")
TRENDS_IMPROVING = (r"(?m)^(\s+trend:) progressive$", r"\1 improving")


def test_every_grade_at_5_of_5_and_improving_makes_decompression_not_met(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "assess", str(FLAGSHIP), "--json")
    assert code == 0
    assert results_of(out)[("crit-decompression", "svc-63042")] == "met"
    path, n = _mutated(tmp_path, "strong.yaml", GRADES_5, TRENDS_IMPROVING)
    assert n == 3 + 5, "the flagship grades three muscles; five findings are progressive"
    code, out, _ = run(capsys, "assess", str(path), "--json")
    assert code == 0
    got = results_of(out)
    assert got[("crit-decompression", "svc-63042")] == "not-met"
    assert got[("crit-radicular-pain-weakness", "svc-63042")] == "not-met"
    [api] = [
        r
        for r in toulmin.assess(path)
        if r.criterion == "crit-decompression" and r.service == "svc-63042"
    ]
    assert api.value.value == "not-met"
    assert api.failed == ("crit-radicular-pain-weakness",)
    assert {"f-ehl-weakness", "f-quadriceps-weakness", "f-gastrocsoleus-weakness"} <= set(
        api.findings
    )


def test_grades_at_5_of_5_leave_the_ungraded_progressive_exam_open(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Every grade 5/5, trends kept: the progressive atrophy (f-peroneal-atrophy, an exam
    with no grade) might still be a weakness below 5/5, so the engine does not decide."""
    path, n = _mutated(tmp_path, "graded.yaml", GRADES_5)
    assert n == 3
    code, out, _ = run(capsys, "assess", str(path), "--json")
    assert code == 0
    assert results_of(out)[("crit-decompression", "svc-63042")] == "insufficient"
    [api] = [
        r
        for r in toulmin.assess(path)
        if r.criterion == "crit-radicular-pain-weakness" and r.service == "svc-63042"
    ]
    assert "f-peroneal-atrophy" in api.findings
    assert api.missing


def test_six_weeks_with_no_duration_recorded_is_insufficient(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path, sets = with_six_weeks(tmp_path)
    code, out, _ = run(capsys, "assess", str(path), "--criteria-dir", str(sets), "--json")
    assert code == 0
    assert json.loads(out)["criteria_set"] == "six-weeks@1"  # the set the case names
    assert results_of(out) == {("crit-six-weeks", "svc-63042"): "insufficient"}
    [api] = [r for r in toulmin.assess(path, criteria_dirs=[sets]) if r.service == "svc-63042"]
    assert api.value.value == "insufficient"
    assert api.findings == ("f-failed-physical-therapy",)
    assert api.missing_at == ("/criteria/0/condition",)


def test_six_weeks_with_the_duration_recorded_is_met(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path, sets = with_six_weeks(tmp_path, duration=True)
    code, out, _ = run(capsys, "assess", str(path), "--criteria-dir", str(sets), "--json")
    assert code == 0
    assert results_of(out) == {("crit-six-weeks", "svc-63042"): "met"}


# --- the criteria-set reference --------------------------------------------------------------


def test_criteria_option_overrides_the_cases_reference(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path, sets = with_six_weeks(tmp_path)
    code, out, _ = run(
        capsys,
        "assess",
        str(path),
        "--criteria-dir",
        str(sets),
        "--criteria",
        "toulmin-illustrative-examples",
        "--json",
    )
    assert code == 0
    assert json.loads(out)["criteria_set"] == "toulmin-illustrative-examples@illustrative-2025.1"


def test_a_referenced_set_not_on_the_path_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = flagship_copy(tmp_path, "criteria_set: {id: nowhere-to-be-found, version: '3'}\n")
    code, _, err = run(capsys, "assess", str(path))
    assert code == 2
    assert "nowhere-to-be-found@3" in err
    assert "Traceback" not in err


def test_without_a_reference_the_illustrative_fallback_stays(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "assess", str(FLAGSHIP), "--json")
    assert code == 0
    assert json.loads(out)["criteria_set"] == "toulmin-illustrative-examples@illustrative-2025.1"


def test_the_reference_is_read_with_and_without_a_version(tmp_path: Path) -> None:
    det = load_case(flagship_copy(tmp_path, "criteria_set: {id: payer-fusion}\n"))
    assert criteria_set_name(det) == "payer-fusion"
    det = load_case(flagship_copy(tmp_path, "criteria_set: {id: p, version: '2.1'}\n", "b.yaml"))
    assert (det.criteria_set, det.criteria_set_version) == ("p", "2.1")


# --- the new fields reach the facts view -----------------------------------------------------

TINY = """toulmin: 1
id: tiny
title: Tiny
request: {received: "2026-03-02T10:00:00Z"}
patient: {age: 61, nicotine: former, nicotine_as_of: "2026-02-01", nicotine_quit: "2025-06-01"}
decision: {outcome: approved, main_claim: c}
sources: [{id: rec, kind: clinical-document, title: Record}]
services:
  - {id: s, code: "63030", decision: approved, claim: c, level: L4-5, side: left,
     procedure: microdiscectomy}
statements: [{id: c, kind: conclusion, text: Necessary., cite: rec}]
findings:
  - id: f-pt
    kind: treatment-trial
    text: PT from 2025-12-02 to 2026-03-02, no relief.
    treatment: physical-therapy
    outcome: failed
    start: "2025-12-02"
    date: "2026-03-02"
    cite: rec
  - id: f-no-scoliosis
    kind: diagnosis
    text: No scoliosis.
    present: false
    icd10: M41
    cite: rec
  - id: f-xr
    kind: imaging
    text: Standing radiographs; Cobb angle 12 degrees.
    modality: X-ray
    measures: {cobb_angle_degrees: 12}
    cite: rec
  - id: f-ehl
    kind: exam
    text: Left EHL 4/5 (L5).
    root: L5
    grade: 4/5
    side: left
    cite: rec
"""


def test_the_new_fields_reach_the_facts_view() -> None:
    from datetime import date

    facts = facts_for(parse_case(TINY), "s")
    assert (facts.service.side, facts.service.procedure) == ("left", "microdiscectomy")
    p = facts.patient
    assert (p.age, p.nicotine, p.nicotine_as_of, p.nicotine_quit) == (
        61,
        "former",
        date(2026, 2, 1),
        date(2025, 6, 1),
    )
    by_id = {f.id: f for f in facts.findings}
    assert (by_id["f-pt"].start, by_id["f-pt"].date) == (date(2025, 12, 2), date(2026, 3, 2))
    assert by_id["f-no-scoliosis"].present is False
    assert by_id["f-ehl"].present is True
    assert by_id["f-xr"].get("measure:cobb_angle_degrees") == 12.0
    assert by_id["f-ehl"].root == "L5"
    assert by_id["f-pt"].duration is None
    assert Duration.of_weeks(1) < Duration.of_weeks(2)


CONDITIONS = """toulmin-criteria: 1
id: tiny-set
version: "1"
title: Conditions over every new field (test set)
illustrative: true
value_sets:
  scoliosis: {system: ICD-10-CM, prefixes: [M41]}
criteria:
  - {id: three-months, condition: {finding: {of: {kind: treatment-trial},
                                            with: {duration: {at_least: {months: 3}}}}}}
  - {id: in-window, condition: {finding: {of: {kind: treatment-trial}, within: {months: 6}}}}
  - {id: scoliosis, condition: {finding: {of: {kind: diagnosis,
                                                  icd10: {value_set: scoliosis}}}}}
  - {id: cobb, condition: {finding: {of: {kind: imaging},
                                     with: {measure: {cobb_angle_degrees: {above: 10}}}}}}
  - {id: l5-weak, condition: {finding: {of: {kind: exam, root: L5},
                                        with: {grade: {at_most: "4/5"}, side: {matches: service}}}}}
  - {id: technique, condition: {service: {procedure: microdiscectomy}}}
  - {id: adult, condition: {age: {at_least: 18}}}
  - {id: nicotine-free, condition: {nicotine: {free_for: {months: 6},
                                               documented_within: {months: 3}}}}
"""


@pytest.mark.parametrize(
    ("criterion", "expected"),
    [
        ("three-months", "met"),  # by the calendar, from start to date
        ("in-window", "met"),
        ("scoliosis", "not-met"),  # documented absent
        ("cobb", "met"),
        ("l5-weak", "met"),
        ("technique", "met"),
        ("adult", "met"),
        ("nicotine-free", "met"),
    ],
)
def test_conditions_on_the_new_fields_compute_from_the_case_file(
    tmp_path: Path, criterion: str, expected: str
) -> None:
    sets = tmp_path / "sets"
    sets.mkdir()
    (sets / "tiny-set.yaml").write_text(CONDITIONS, encoding="utf-8")
    case = tmp_path / "tiny.yaml"
    case.write_text(TINY + "criteria_set: {id: tiny-set}\n", encoding="utf-8")
    results = {r.criterion: r.value.value for r in toulmin.assess(case, criteria_dirs=[sets])}
    assert results[criterion] == expected


def test_the_map_tooltip_shows_a_documented_absence_and_the_new_fields() -> None:
    from toulmin.viz.map import argument_map

    amap = argument_map(load_case(FLAGSHIP))
    node = amap.node("f-no-scoliosis")
    assert node is not None
    assert ("Documented", "absent") in node.facts
    assert ("ICD-10-CM", "M41") in node.facts
    tiny = argument_map(parse_case(TINY))
    xr, ehl, pt = (tiny.node(i) for i in ("f-xr", "f-ehl", "f-pt"))
    assert xr is not None
    assert ("cobb_angle_degrees", "12") in xr.facts
    assert ehl is not None
    assert ("Nerve root", "L5") in ehl.facts
    assert pt is not None
    assert ("Start", "2025-12-02") in pt.facts
    assert ("Documented", "absent") not in ehl.facts
