"""The criteria engine on small hand-made facts: each kind of condition, its boundaries,
and what a result carries (the deciding findings, the failed and missing parts)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from tests.helpers import criteria as helpers
from toulmin.graph.criteria.assess import Result, assess_facts
from toulmin.graph.criteria.facts import Facts, FindingFact, PatientFacts, ServiceFact
from toulmin.graph.criteria.model import CriteriaSet
from toulmin.graph.criteria.truth import Truth
from toulmin.graph.criteria.values import Duration

SERVICE, facts, one_set, outcome, results, value = (
    helpers.SERVICE,
    helpers.facts,
    helpers.one_set,
    helpers.outcome,
    helpers.results,
    helpers.value,
)

MET, NOT_MET, INSUFFICIENT, NA = (
    Truth.MET,
    Truth.NOT_MET,
    Truth.INSUFFICIENT,
    Truth.NOT_APPLICABLE,
)


def pt(ident: str = "f-pt", weeks: float | None = None, **fields: object) -> FindingFact:
    duration = None if weeks is None else Duration.of_weeks(weeks)
    base: dict[str, object] = {"treatment": "physical-therapy", "outcome": "failed"}
    base.update(fields)
    return FindingFact(ident, "treatment-trial", duration=duration, **base)  # type: ignore[arg-type]


SIX_WEEKS_PT = """
finding:
  of: {kind: treatment-trial, treatment: physical-therapy}
  with: {duration: {at_least: {weeks: 6}}}
"""


# --- presence, absence, missing -------------------------------------------------------


def test_a_documented_absence_is_not_the_same_as_no_finding() -> None:
    present = FindingFact("f-scoliosis", "diagnosis", icd10="M41.26")
    absent = FindingFact("f-no-scoliosis", "diagnosis", present=False, icd10="M41.26")
    exists = "finding: {of: {kind: diagnosis, icd10: [M41.26]}}"
    assert value(exists, facts()) is INSUFFICIENT
    assert value(exists, facts(absent)) is NOT_MET
    assert value(exists, facts(present)) is MET
    says_absent = "absent: {of: {kind: diagnosis, icd10: [M41.26]}}"
    assert value(says_absent, facts()) is INSUFFICIENT
    assert value(says_absent, facts(absent)) is MET
    assert value(says_absent, facts(present)) is NOT_MET
    assert outcome(says_absent, facts(absent)).findings == ("f-no-scoliosis",)


def test_a_relevant_finding_with_an_unknown_value_leaves_it_insufficient() -> None:
    mild = FindingFact("f-ct", "imaging", level="L4-5", severity="mild")
    unknown = FindingFact("f-mri", "imaging", level="L4-5", severity="unknown")
    cond = "finding: {of: {kind: imaging, level: {matches: service}}, with: {severity: {at_least: moderate}}}"  # noqa: E501
    assert value(cond, facts(mild)) is NOT_MET
    out = outcome(cond, facts(mild, unknown))
    assert out.value is INSUFFICIENT
    assert out.findings == ("f-mri",)
    assert out.missing == ("/c",)
    elsewhere = FindingFact("f-l2", "imaging", level="L2-3", severity="severe")
    assert value(cond, facts(elsewhere)) is INSUFFICIENT  # nothing at this level


# --- durations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weeks", "expected"), [(6, MET), (6.0, MET), (5.9, NOT_MET), (12, MET), (None, INSUFFICIENT)]
)
def test_exactly_six_weeks_meets_at_least_six_weeks(weeks: float | None, expected: Truth) -> None:
    assert value(SIX_WEEKS_PT, facts(pt(weeks=weeks))) is expected


def test_six_weeks_must_be_one_trial_but_a_total_may_add_trials() -> None:
    two = facts(pt("a", 3), pt("b", 3))
    assert value(SIX_WEEKS_PT, two) is NOT_MET  # neither trial lasted six consecutive weeks
    total = "total_duration: {of: {treatment: physical-therapy}, at_least: {weeks: 6}}"
    assert value(total, two) is MET
    assert value(total, facts(pt("a", 3), pt("b", None))) is INSUFFICIENT


@pytest.mark.parametrize(("weeks", "expected"), [(26, NOT_MET), (26.08, NOT_MET), (26.1, MET)])
def test_more_than_six_months(weeks: float, expected: Truth) -> None:
    # six months are 182.62 days: 26.08 weeks (182.56 days) are not more, 26.1 weeks are
    cond = "total_duration: {of: {kind: treatment-trial}, above: {months: 6}}"
    assert value(cond, facts(pt(weeks=weeks))) is expected


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (date(2025, 12, 2), MET),  # three calendar months to 2026-03-02, though only 90 days
        (date(2025, 12, 3), NOT_MET),  # a day short
        (date(2025, 12, 8), NOT_MET),  # twelve weeks are not three months
    ],
)
def test_a_dated_course_is_measured_in_calendar_months(start: date, expected: Truth) -> None:
    end = date(2026, 3, 2)
    course = replace(pt(), start=start, date=end, duration=Duration.of_days((end - start).days))
    cond = "finding: {of: {kind: treatment-trial}, with: {duration: {at_least: {months: 3}}}}"
    assert value(cond, facts(course)) is expected
    above = "finding: {of: {kind: treatment-trial}, with: {duration: {above: {months: 3}}}}"
    assert value(above, facts(course)) is NOT_MET
    # an undated duration keeps the exact comparison: 90 days are less than 3 mean months
    undated = replace(course, start=None, date=None)
    assert value(cond, facts(undated)) is NOT_MET


def test_exactly_six_months_is_not_more_than_six_months() -> None:
    six_months = replace(pt(), duration=Duration.parse({"months": 6}))
    assert (
        value(
            "total_duration: {of: {kind: treatment-trial}, above: {months: 6}}", facts(six_months)
        )
        is NOT_MET
    )
    assert (
        value(
            "total_duration: {of: {kind: treatment-trial}, at_least: {months: 6}}",
            facts(six_months),
        )
        is MET
    )


def test_a_look_back_window_counts_only_findings_dated_inside_it() -> None:
    cond = """
finding:
  of: {kind: imaging, level: {matches: service}}
  with: {severity: {at_least: moderate}}
  within: {months: 12}
"""
    recent = FindingFact("f1", "imaging", level="L4-5", severity="severe", date=date(2025, 1, 5))
    old = replace(recent, id="f0", date=date(2023, 1, 5))
    undated = replace(recent, id="fx", date=None)
    assert value(cond, facts(recent)) is MET
    assert value(cond, facts(old)) is INSUFFICIENT  # the only study is too old to count
    assert value(cond, facts(undated)) is INSUFFICIENT
    assert value(cond, facts(recent, request_date=None)) is INSUFFICIENT


# --- grades, waivers, exceptions ------------------------------------------------------

WAIVED = """
- id: conservative
  ref: C.1
  text: Six weeks of failed physical therapy, unless a severe or progressive motor deficit.
  condition:
    finding:
      of: {kind: treatment-trial, treatment: physical-therapy}
      with: {outcome: failed, duration: {at_least: {weeks: 6}}}
  exceptions:
    - id: motor-waiver
      ref: C.1-W
      text: Motor strength 0-3/5, or a progressive deficit.
      condition:
        any:
          - finding: {of: {kind: exam}, with: {grade: {at_most: "3/5"}}}
          - finding: {of: {kind: exam}, with: {grade: {below: "5/5"}, trend: progressive}}
"""


@pytest.mark.parametrize(
    ("grade", "trend", "expected"),
    [
        ("3/5", "stable", MET),  # the boundary of 0-3/5
        ("3-/5", "stable", MET),
        ("3+/5", "stable", NOT_MET),  # 3+/5 is above 3/5
        ("3+/5", "progressive", MET),
        ("5/5", "progressive", NOT_MET),
    ],
)
def test_a_motor_deficit_waives_the_conservative_care_duration(
    grade: str, trend: str, expected: Truth
) -> None:
    cs = one_set(WAIVED)
    exam = FindingFact("f-ehl", "exam", muscle="EHL", grade=grade, trend=trend)
    got = results(cs, facts(pt(weeks=2), exam))
    assert got["conservative"].value is expected
    if expected is MET:
        assert got["conservative"].waived_by == ("C.1-W",)
        assert got["conservative"].findings == ("f-ehl",)
    else:
        assert got["conservative"].failed == ("C.1",)


def test_an_unassessable_exception_leaves_an_unmet_criterion_insufficient() -> None:
    cs = one_set(WAIVED)
    got = results(cs, facts(pt(weeks=2)))  # no exam at all
    assert got["conservative"].value is INSUFFICIENT
    assert got["conservative"].missing == ("C.1-W",)


def test_an_exclusion_makes_a_met_criterion_not_met() -> None:
    cs = one_set("""
- id: fusion
  ref: F
  text: Fusion after six weeks of therapy, unless there is an active infection.
  condition:
    finding: {of: {treatment: physical-therapy}, with: {duration: {at_least: {weeks: 6}}}}
  exclusions:
    - id: infection
      ref: F-X
      text: Active infection at the site.
      condition: {finding: {of: {kind: infection}}}
""")
    infection = FindingFact("f-inf", "infection")
    assert results(cs, facts(pt(weeks=8)))["fusion"].value is INSUFFICIENT  # infection unknown
    no_infection = FindingFact("f-noinf", "infection", present=False)
    assert results(cs, facts(pt(weeks=8), no_infection))["fusion"].value is MET
    got = results(cs, facts(pt(weeks=8), infection))["fusion"]
    assert got.value is NOT_MET
    assert got.excluded_by == ("F-X",)
    assert got.findings == ("f-inf",)


# --- sides, levels, codes -------------------------------------------------------------


def test_side_matching_the_requested_service() -> None:
    cond = "finding: {of: {kind: exam, side: {matches: service}}, with: {grade: {below: '5/5'}}}"
    right = FindingFact("f-r", "exam", side="right", grade="4/5")
    left = FindingFact("f-l", "exam", side="left", grade="4/5")
    both = FindingFact("f-b", "exam", side="bilateral", grade="4/5")
    assert value(cond, facts(right)) is MET
    assert value(cond, facts(both)) is MET
    assert value(cond, facts(left)) is INSUFFICIENT  # a left-sided exam says nothing here
    unsided = replace(SERVICE, side=None)
    assert value(cond, facts(right, service=unsided, request=(unsided,))) is INSUFFICIENT


def test_at_most_n_levels() -> None:
    cond = "service: {levels: {at_most: 2}}"
    for level, expected in [
        ("L4-5", MET),
        ("L3-L5", MET),
        ("L3-S1", NOT_MET),
        (None, INSUFFICIENT),
    ]:
        svc = replace(SERVICE, level=level)
        assert value(cond, facts(service=svc, request=(svc,))) is expected, level


def test_code_membership_checks_the_code_system() -> None:
    cs = one_set(
        """
- id: fusion-codes
  text: A lumbar fusion code.
  condition: {service: {code: {value_set: fusion}}}
- id: lumbar-dx
  text: A lumbar stenosis diagnosis.
  condition: {finding: {of: {kind: diagnosis}, with: {icd10: {value_set: lumbar-stenosis}}}}
""",
        value_sets="""value_sets:
  fusion: {system: CPT, codes: ["22612", "22630"]}
  lumbar-stenosis: {system: http://hl7.org/fhir/sid/icd-10-cm, prefixes: [M48.06]}
""",
    )
    lumbar = FindingFact("f-dx", "diagnosis", icd10="M48.062")
    cervical = FindingFact("f-dx", "diagnosis", icd10="M48.02")
    got = results(cs, facts(lumbar))
    assert got["fusion-codes"].value is MET
    assert got["lumbar-dx"].value is MET
    assert results(cs, facts(cervical))["lumbar-dx"].value is NOT_MET
    hcpcs = ServiceFact("svc", "22612", system="HCPCS", level="L4-5")
    assert results(cs, facts(service=hcpcs, request=(hcpcs,)))["fusion-codes"].value is NOT_MET


# --- counts, age, nicotine ------------------------------------------------------------

TWO_KINDS = """
count: {of: {kind: treatment-trial}, with: {outcome: failed}, distinct: treatment, at_least: 2}
"""


def test_at_least_two_distinct_kinds_of_conservative_treatment() -> None:
    meds = FindingFact("f-med", "treatment-trial", treatment="medication", outcome="failed")
    assert value(TWO_KINDS, facts(pt(), meds)) is MET
    assert value(TWO_KINDS, facts(pt("a"), pt("b"))) is NOT_MET  # one kind, twice
    unknown = FindingFact("f-x", "treatment-trial", outcome="failed")
    assert value(TWO_KINDS, facts(pt(), unknown)) is INSUFFICIENT
    assert value(TWO_KINDS, facts()) is INSUFFICIENT


@pytest.mark.parametrize(("age", "expected"), [(17, NOT_MET), (18, MET), (None, INSUFFICIENT)])
def test_age(age: int | None, expected: Truth) -> None:
    assert value("age: {at_least: 18}", facts(patient=PatientFacts(age=age))) is expected


@pytest.mark.parametrize(
    ("patient", "expected"),
    [
        (PatientFacts(nicotine="never"), MET),
        (PatientFacts(nicotine="current"), NOT_MET),
        (PatientFacts(nicotine="former", nicotine_quit=date(2025, 3, 1)), MET),
        (PatientFacts(nicotine="former", nicotine_quit=date(2025, 4, 20)), MET),  # 6 weeks
        (PatientFacts(nicotine="former", nicotine_quit=date(2025, 4, 21)), NOT_MET),
        (PatientFacts(nicotine="former"), INSUFFICIENT),
        (PatientFacts(), INSUFFICIENT),
    ],
)
def test_nicotine_free_for_six_weeks(patient: PatientFacts, expected: Truth) -> None:
    # the request date is 2025-06-01; six weeks before it is 2025-04-20
    assert value("nicotine: {free_for: {weeks: 6}}", facts(patient=patient)) is expected


def test_a_nicotine_status_must_be_recent_enough() -> None:
    cond = "nicotine: {status: [never, former], documented_within: {days: 30}}"
    fresh = PatientFacts(nicotine="never", nicotine_as_of=date(2025, 5, 20))
    stale = PatientFacts(nicotine="never", nicotine_as_of=date(2024, 5, 20))
    assert value(cond, facts(patient=fresh)) is MET
    assert value(cond, facts(patient=stale)) is INSUFFICIENT


# --- trees, applicability, references, results ----------------------------------------

TREE = """
- id: lf
  ref: LF
  text: All of LF.1 to LF.3, for a primary fusion.
  applies:
    not:
      finding: {of: {kind: surgical-history, procedure: {known: true}, level: {matches: service}}}
  combine: all
  parts:
    - id: lf-1
      ref: LF.1
      text: Imaging at the level.
      condition:
        finding:
          of: {kind: imaging, level: {matches: service}}
          with: {severity: {at_least: moderate}}
    - id: lf-2
      ref: LF.2
      text: Six weeks of therapy.
      condition:
        finding: {of: {treatment: physical-therapy}, with: {duration: {at_least: {weeks: 6}}}}
    - id: lf-3
      ref: LF.3
      text: Adults only.
      condition: {age: {at_least: 18}}
"""


def test_an_all_of_with_one_part_not_met_is_not_met_whatever_else_is_missing() -> None:
    cs = one_set(TREE)
    mild = FindingFact("f-ct", "imaging", level="L4-5", severity="mild")
    none_before = FindingFact("f-hx", "surgical-history", level="L4-5", present=False)
    got = results(cs, facts(mild, none_before))  # no therapy, no age
    top = got["lf"]
    assert top.value is NOT_MET
    assert top.failed == ("LF.1",)
    assert top.missing == ("LF.2", "LF.3")
    assert top.findings == ("f-ct",)
    assert top.failed_at == ("/criteria/0/parts/0/condition",)
    assert got["lf-2"].value is INSUFFICIENT
    assert got["lf-3"].value is INSUFFICIENT


def test_a_criterion_for_primary_surgery_does_not_apply_to_a_revision() -> None:
    cs = one_set(TREE)
    prior = FindingFact("f-hx", "surgical-history", procedure="fusion", level="L4-5")
    got = results(cs, facts(prior))
    assert got["lf"].value is NA
    assert got["lf"].findings == ("f-hx",)
    assert "lf-1" not in got  # the parts of a criterion that does not apply are not assessed
    unknown = results(cs, facts(pt(weeks=8)))["lf"]  # whether it is a revision is unknown
    assert unknown.value is INSUFFICIENT
    assert "LF" in unknown.missing


def test_a_criterion_can_rest_on_another_criterion_for_another_line() -> None:
    cs = one_set("""
- id: primary
  ref: P
  text: Six weeks of therapy.
  applies: {service: {code: "22633"}}
  condition:
    finding: {of: {treatment: physical-therapy}, with: {duration: {at_least: {weeks: 6}}}}
- id: nav
  ref: NAV
  text: Navigation with a primary procedure that meets P.
  applies: {service: {code: "61783"}}
  condition: {criterion: {id: primary, on: {code: ["22633"]}}}
""")
    fusion = ServiceFact("s1", "22633", level="L4-5")
    nav = ServiceFact("s2", "61783", level="L4-5")
    lines = (fusion, nav)

    def both(*found: FindingFact) -> list[object]:
        a = facts(*found, service=fusion, request=lines)
        b = facts(*found, service=nav, request=lines)
        return [r.value for r in results_of(cs, a, b) if r.criterion == "nav" and r.service == "s2"]

    assert both(pt(weeks=8)) == [MET]
    assert both(pt(weeks=2)) == [NOT_MET]
    assert both() == [INSUFFICIENT]


def results_of(cs: CriteriaSet, *lines: Facts) -> list[Result]:
    return assess_facts(list(lines), cs)


def test_results_are_plain_json() -> None:
    cs = one_set(TREE)
    got = results(cs, facts(pt(weeks=8)))
    data = json.loads(json.dumps([r.to_dict() for r in got.values()]))
    assert {d["criterion"] for d in data} == {"lf", "lf-1", "lf-2", "lf-3"}
    lf2 = next(d for d in data if d["criterion"] == "lf-2")
    assert lf2["result"] == "met"
    assert lf2["findings"] == ["f-pt"]
    assert lf2["ref"] == "LF.2"


def test_numeric_measurements_with_their_unit() -> None:
    cond = "finding: {of: {kind: imaging}, with: {measure: {cobb_angle_degrees: {above: 40}}}}"

    def cobb(angle: float) -> FindingFact:
        return FindingFact("f-xr", "imaging", measures=(("cobb_angle_degrees", angle),))

    assert value(cond, facts(cobb(41.0))) is MET
    assert value(cond, facts(cobb(40.0))) is NOT_MET  # "greater than 40 degrees"
    assert value(cond, facts(FindingFact("f-xr", "imaging"))) is INSUFFICIENT
    cs = one_set(f"- id: m\n  text: Cobb above 40.\n  condition: {{{cond}}}\n")
    again = helpers.parse_criteria_set(helpers.dump_criteria_set(cs), "again.yaml")
    assert again == cs


def test_a_line_that_may_be_the_one_referred_to_leaves_the_reference_insufficient() -> None:
    cs = one_set("""
- id: primary
  ref: P
  text: Adults.
  applies: {service: {code: "63047"}}
  condition: {age: {at_least: 18}}
- id: revision
  ref: R
  text: Completes the decompression of an adjacent level that meets P.
  applies: {service: {code: "63042"}}
  condition: {criterion: {id: primary, on: {level: {adjacent_to: service}}}}
""")
    adult = PatientFacts(age=60)
    revision = ServiceFact("s2", "63042", level="L4-5")

    def revision_result(primary_level: str | None) -> Truth:
        primary = ServiceFact("s1", "63047", level=primary_level)
        lines = (primary, revision)
        got = results_of(
            cs,
            facts(service=primary, request=lines, patient=adult),
            facts(service=revision, request=lines, patient=adult),
        )
        return next(r.value for r in got if (r.criterion, r.service) == ("revision", "s2"))

    assert revision_result("L3-4") is MET
    assert revision_result("L1-2") is NOT_MET  # not adjacent: no such line
    assert revision_result(None) is INSUFFICIENT  # its level is unknown


# --- calendar windows, dated courses, roots, techniques ---------------------------------

COURSE = """
finding:
  of: {kind: treatment-trial}
  with: {outcome: failed, duration: {at_least: {weeks: 6}}}
  within: {months: 6}
"""


def course(start: date, end: date, ident: str = "f-course") -> FindingFact:
    return FindingFact(ident, "treatment-trial", outcome="failed", start=start, date=end)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 1, 5), date(2026, 2, 16), MET),  # 42 days: exactly six weeks
        (date(2026, 1, 5), date(2026, 2, 15), NOT_MET),  # 41 days
        (date(2025, 7, 1), date(2025, 10, 1), NOT_MET),  # 92 days, 29 of them in the window
        (date(2025, 7, 1), date(2025, 10, 14), MET),  # 42 days in the window
        # a course that ended the day before the window is not one in the window: none is
        # documented there, which leaves it open rather than not met
        (date(2025, 3, 1), date(2025, 9, 1), INSUFFICIENT),
    ],
)
def test_six_consecutive_weeks_in_the_last_six_calendar_months(
    start: date, end: date, expected: Truth
) -> None:
    # request 2026-03-02: the window starts on 2025-09-02, the same day six months earlier
    found = facts(course(start, end), request_date=date(2026, 3, 2))
    assert value(COURSE, found) is expected


def test_a_window_of_calendar_months_keeps_to_the_month_end() -> None:
    cond = "finding: {of: {kind: imaging}, within: {months: 1}}"
    study = FindingFact("f-mri", "imaging", date=date(2025, 2, 28))
    assert value(cond, facts(study, request_date=date(2025, 3, 31))) is MET
    earlier = replace(study, date=date(2025, 2, 27))
    assert value(cond, facts(earlier, request_date=date(2025, 3, 31))) is INSUFFICIENT


#: the root in ``of``: an exam of another root says nothing about these roots (open)
ROOTS_OPEN = """
any:
  - finding: {of: {kind: exam, root: [L5, S1]}, with: {grade: {at_most: "2/5"}, trend: progressive}}
  - finding: {of: {kind: exam, root: [L3, L4]}, with: {grade: {at_most: "3/5"}, trend: progressive}}
"""
#: the root in ``with``: the documented motor exam is the whole exam (closed)
ROOTS_CLOSED = ROOTS_OPEN.replace(
    "of: {kind: exam, root:", "of: {kind: exam}, with: {root:"
).replace("}, with: {grade", ", grade")


@pytest.mark.parametrize(
    ("root", "grade", "open_", "closed"),
    [
        ("L5", "2/5", MET, MET),
        ("S1", "0/5", MET, MET),
        ("L4", "3/5", MET, MET),
        ("L5", "3/5", INSUFFICIENT, NOT_MET),  # L5 fails its arm; L3/L4 are not examined
        ("L4", "3+/5", INSUFFICIENT, NOT_MET),
        ("L2", "1/5", INSUFFICIENT, NOT_MET),  # a root neither arm grades
    ],
)
def test_motor_grades_by_nerve_root_read_open_or_closed(
    root: str, grade: str, open_: Truth, closed: Truth
) -> None:
    exam = FindingFact("f-motor", "exam", root=root, grade=grade, trend="progressive")
    assert value(ROOTS_OPEN, facts(exam)) is open_
    assert value(ROOTS_CLOSED, facts(exam)) is closed


def test_an_excluded_technique() -> None:
    cond = (
        "service: {procedure: {in: [percutaneous discectomy, radiofrequency disc decompression]}}"
    )
    for procedure, expected in [("percutaneous discectomy", MET), ("microdiscectomy", NOT_MET),
                                (None, INSUFFICIENT)]:  # fmt: skip
        svc = replace(SERVICE, procedure=procedure)
        assert value(cond, facts(service=svc, request=(svc,))) is expected
