"""The examples' criteria, computed: the engine against each example's own assessments.

``toulmin-illustrative-examples`` (the shipped library) re-expresses the criteria of the
five case files in ``examples/`` as conditions over structured facts. For every
assessment an example asserts, the engine's result for the same criterion and service
line (or the setting) must equal it, unless the assessment is listed in DISAGREEMENTS
with the reason. Each disagreement is then checked to be what the reason says: the
engine gives the stated result. The facts that decide the examples are stated in the
case files (documented absences with ``present: false``, a surgical plan); the last tests
check that each one is what decides, by reading the example without it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.helpers.criteria_examples import DISAGREEMENTS
from tests.helpers.paths import EXAMPLES
from toulmin.graph.authoring.casefile import load_case
from toulmin.graph.authoring.model import Determination
from toulmin.graph.criteria.adapter import facts_for, with_facts
from toulmin.graph.criteria.assess import Result, assess, assess_facts
from toulmin.graph.criteria.conditions import Context, evaluate
from toulmin.graph.criteria.facts import FindingFact
from toulmin.graph.criteria.library import find_criteria_set
from toulmin.graph.criteria.model import CriteriaSet
from toulmin.graph.criteria.truth import Truth

CASES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture(scope="module")
def library_set() -> CriteriaSet:
    return find_criteria_set("toulmin-illustrative-examples")


def result_for(results: list[Result], criterion: str, service: str) -> Result:
    for r in results:
        if r.criterion == criterion and (r.service == service):
            return r
    raise AssertionError(f"no result for {criterion} on {service}")


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_the_engine_computes_each_examples_assessments(
    path: Path, library_set: CriteriaSet
) -> None:
    det = load_case(path)
    results = assess(det, library_set)
    asserted: dict[tuple[str, str], set[str]] = {}
    for a in det.assessments:
        asserted.setdefault((a.criterion, a.service), set()).add(a.result)
    assert asserted, "every example asserts assessments"
    for (criterion, service), values in asserted.items():
        got = result_for(results, criterion, service).value.value
        known = DISAGREEMENTS.get((det.id, criterion, service))
        if known is None:
            assert values == {got}, f"{criterion} on {service}: engine {got}, example {values}"
        else:
            assert got == known.engine, f"{criterion} on {service}: the disagreement changed"
    listed = {(c, s) for (case, c, s) in DISAGREEMENTS if case == det.id}
    assert listed <= set(asserted), "a listed disagreement names no assessment"


def test_every_example_criterion_is_in_the_set(library_set: CriteriaSet) -> None:
    for path in CASES:
        det = load_case(path)
        for c in det.criteria:
            if c.id == "crit-ambulatory-setting":
                continue  # no assessment and no condition to compute: the seed only names it
            node = library_set.node(c.id)
            assert node is not None, f"{det.id}: {c.id}"
            assert node.ref == c.ref


def test_the_engine_names_what_decided_each_example(library_set: CriteriaSet) -> None:
    det = load_case(EXAMPLES / "l4-5-fusion-pended-pt.yaml")
    results = assess(det, library_set)
    lf1 = result_for(results, "lf-1", "svc-22612")
    assert lf1.missing == ("LF-1.3",)
    assert lf1.findings == ("f-pt-unconfirmed",)
    lf13 = result_for(results, "lf-1-3", "svc-22612")
    assert lf13.missing_at == ("/criteria/5/parts/2/condition",)
    tlif = load_case(EXAMPLES / "l3-l5-tlif-denied.yaml")
    lf43x = result_for(assess(tlif, library_set), "lf-4-3-x", "svc-22633")
    assert lf43x.findings == ("f-surgeon-letter",)
    assert not lf43x.failed


# --- each disagreement is what its reason says; the facts the case files state decide ---------


def _replace_finding(det: Determination, ident: str, **changes: object) -> Determination:
    findings = tuple(
        dataclasses.replace(f, **changes) if f.id == ident else f  # type: ignore[arg-type]
        for f in det.findings
    )
    return dataclasses.replace(det, findings=findings)


def test_the_inpatient_negatives_are_documented_absences_that_decide_the_setting(
    library_set: CriteriaSet,
) -> None:
    det = load_case(EXAMPLES / "l4-5-fusion-inpatient-denied.yaml")
    results = assess(det, library_set)
    top = result_for(results, "ip-spine-1", "svc-22558")
    assert top.subject == "setting"
    assert top.value is Truth.NOT_MET
    assert set(top.findings) >= {
        "f-single-primary",
        "f-no-comorbidity",
        "f-no-inpatient-indication",
        "f-strength",
    }
    # the same findings read as present (what the model said before it could say absent)
    for ident, criterion in (
        ("f-single-primary", "ip-spine-1-1"),
        ("f-no-comorbidity", "ip-spine-1-2"),
        ("f-no-inpatient-indication", "ip-spine-1-4"),
    ):
        present = assess(_replace_finding(det, ident, present=None), library_set)
        assert result_for(present, criterion, "svc-22558").value is not Truth.NOT_MET, ident


def test_the_surgeons_plan_meets_the_exception_the_reviewer_left_unassessed(
    library_set: CriteriaSet,
) -> None:
    det = load_case(EXAMPLES / "l3-l5-tlif-denied.yaml")
    lf43 = result_for(assess(det, library_set), "lf-4-3", "svc-22633")
    assert lf43.value is Truth.MET
    assert lf43.waived_by == ("LF-4.3-E",)
    assert lf43.findings == ("f-surgeon-letter",)
    # as free text (kind other) the plan is not seen: the exception is insufficient
    unread = _replace_finding(det, "f-surgeon-letter", kind="other", procedure=None, level=None)
    results = assess(unread, library_set)
    assert result_for(results, "lf-4-3", "svc-22633").value is Truth.INSUFFICIENT
    # documented absent, the plan denies the fusion as the example does
    absent_plan = with_facts(
        facts_for(unread, "svc-22633"), absent("f-plan*", "surgical-plan", procedure="facetectomy")
    )
    node = library_set.node("lf-4")
    assert node is not None
    assert result_for(assess_facts([absent_plan], library_set), "lf-4", "svc-22633").value is (
        Truth.NOT_MET
    )


def absent(ident: str, kind: str, **fields: str) -> FindingFact:
    return FindingFact(ident, kind, present=False, **fields)  # type: ignore[arg-type]


def test_the_stenosis_criterion_without_its_applicability_is_insufficient(
    library_set: CriteriaSet,
) -> None:
    det = load_case(EXAMPLES / "l4-5-revision.yaml")
    node = library_set.node("crit-stenosis-severity")
    assert node is not None
    assert node.condition is not None
    out = evaluate(node.condition, facts_for(det, "svc-63042"), Context())
    assert out.value is Truth.INSUFFICIENT
    assert out.findings == ("f-mri-artifact",)
    scoliosis = library_set.node("crit-scoliosis-instrumentation")
    assert scoliosis is not None
    assert scoliosis.condition is not None
    ctx = Context({vs.id: vs for vs in library_set.value_sets})
    out = evaluate(scoliosis.condition, facts_for(det, "svc-22849"), ctx)
    assert out.value is Truth.NOT_MET
    assert out.findings == ("f-no-scoliosis",)
    unread = _replace_finding(det, "f-no-scoliosis", kind="other", present=None, icd10=None)
    assert (
        evaluate(scoliosis.condition, facts_for(unread, "svc-22849"), ctx).value
        is Truth.INSUFFICIENT
    )
