"""The laws of the three-valued logic, checked with generated values, conditions and facts.

Truth order: not-met < insufficient < met. Information order: insufficient below both
met and not-met. What is checked:

1. The connectives are strong Kleene: an all-of is the minimum of its parts in the truth
   order (never more met than its weakest part), an any-of the maximum (never less met
   than its strongest), at-least-n lies between them, negation is De Morgan dual, and a
   not-applicable part is left out.
2. The connectives are monotone in the information order: when an insufficient part
   becomes met or not-met, a result that was already decided stays as it was.
3. Monotone in the data, precisely: for a *positive* condition (built with all, any,
   at-least from the atoms finding, count, total_duration, service, age and nicotine; no
   ``not`` and no ``absent``), adding findings (present or documented absent) to the
   facts never turns met into anything else. Met is witnessed by findings, and added
   findings take no witness away. It does not hold through ``not`` or ``absent``
   (counterexamples below), and not-met is not stable for any condition: a later
   finding can meet what the earlier ones did not.
4. Refining unknown patient facts (age, nicotine status) to known values never changes
   a decided result, for every condition, ``not`` included.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from toulmin.graph.criteria.conditions import (
    AbsentCondition,
    AgeCondition,
    AllOf,
    AnyOf,
    AtLeast,
    Condition,
    Context,
    CountCondition,
    FieldTest,
    FindingCondition,
    NicotineCondition,
    Not,
    ServiceCondition,
    TotalDurationCondition,
    evaluate,
)
from toulmin.graph.criteria.facts import Facts, FindingFact, PatientFacts, ServiceFact
from toulmin.graph.criteria.model import CriteriaSet, CriterionNode
from toulmin.graph.criteria.reader import dump_criteria_set, parse_criteria_set
from toulmin.graph.criteria.truth import Truth, all_of, any_of, at_least, negate
from toulmin.graph.criteria.values import Duration, MotorGrade

MET, NOT_MET, INSUFFICIENT, NA = (
    Truth.MET,
    Truth.NOT_MET,
    Truth.INSUFFICIENT,
    Truth.NOT_APPLICABLE,
)

truths = st.sampled_from([MET, NOT_MET, INSUFFICIENT])
truth_lists = st.lists(truths, min_size=1, max_size=6)


# --- 1. the connectives ----------------------------------------------------------------


@given(truth_lists)
def test_all_of_is_never_more_met_than_its_weakest_part(values: list[Truth]) -> None:
    assert all_of(values).rank == min(v.rank for v in values)


@given(truth_lists)
def test_any_of_is_never_less_met_than_its_strongest_part(values: list[Truth]) -> None:
    assert any_of(values).rank == max(v.rank for v in values)


@given(truth_lists, st.data())
def test_at_least_lies_between_all_and_any(values: list[Truth], data: st.DataObject) -> None:
    n = data.draw(st.integers(1, len(values)))
    assert all_of(values).rank <= at_least(n, values).rank <= any_of(values).rank
    assert at_least(1, values) == any_of(values)
    assert at_least(len(values), values) == all_of(values)


@given(truth_lists)
def test_de_morgan(values: list[Truth]) -> None:
    assert negate(all_of(values)) == any_of([negate(v) for v in values])
    assert negate(any_of(values)) == all_of([negate(v) for v in values])
    assert all(negate(negate(v)) == v for v in values)


@given(truth_lists, st.integers(0, 3))
def test_a_part_that_does_not_apply_is_left_out(values: list[Truth], extra: int) -> None:
    padded = values + [NA] * extra
    assert all_of(padded) == all_of(values)
    assert any_of(padded) == any_of(values)
    assert all_of([NA] * (extra + 1)) is NA


def test_one_not_met_part_decides_an_all_of_whatever_is_missing() -> None:
    assert all_of([MET, INSUFFICIENT, NOT_MET, INSUFFICIENT]) is NOT_MET
    assert any_of([NOT_MET, INSUFFICIENT, MET]) is MET


# --- 2. information order ---------------------------------------------------------------


@given(truth_lists, st.data())
def test_connectives_keep_a_decided_result_when_missing_parts_arrive(
    values: list[Truth], data: st.DataObject
) -> None:
    refined = [
        data.draw(st.sampled_from([MET, NOT_MET])) if v is INSUFFICIENT else v for v in values
    ]
    n = data.draw(st.integers(1, len(values)))
    for combine in (all_of, any_of, lambda vs: at_least(n, vs), lambda vs: negate(vs[0])):
        before, after = combine(values), combine(refined)
        if before.decided:
            assert after == before


# --- generated conditions and facts -----------------------------------------------------

KINDS = ["exam", "imaging", "treatment-trial", "diagnosis"]
SERVICE = ServiceFact("svc", "22612", level="L4-5", side="right")
GRADES = ["2/5", "3/5", "3+/5", "4-/5", "4/5", "4+/5", "5/5"]


def _maybe(*values: object) -> st.SearchStrategy[object]:
    """One of the values, or (less often) nothing."""
    return st.sampled_from([None, *values])


@st.composite
def findings(draw: st.DrawFn, ident: str, kind: str | None = None) -> FindingFact:
    """A finding with the fields its kind has (each sometimes missing)."""
    kind = kind or draw(st.sampled_from(KINDS))
    fields: dict[str, object] = {"level": draw(_maybe("L4-5", "L3-4", "L3-L5"))}
    if kind == "exam":
        fields["grade"] = draw(_maybe(*GRADES))
        fields["trend"] = draw(_maybe("progressive", "stable", "unknown"))
    elif kind == "imaging":
        fields["severity"] = draw(_maybe("none", "mild", "moderate", "severe", "unknown"))
    elif kind == "treatment-trial":
        weeks = draw(_maybe(2, 5.9, 6, 8, 12))
        fields["duration"] = None if weeks is None else Duration.of_weeks(weeks)  # type: ignore[arg-type]
        fields["treatment"] = draw(_maybe("physical-therapy", "medication", "bracing"))
        fields["outcome"] = draw(_maybe("failed", "successful", "unknown"))
    present = draw(st.sampled_from([True, True, False]))
    return FindingFact(ident, kind, present=present, **fields)  # type: ignore[arg-type]


@st.composite
def finding_lists(draw: st.DrawFn, prefix: str = "f") -> tuple[FindingFact, ...]:
    n = draw(st.integers(0, 5))
    return tuple(draw(findings(f"{prefix}{i}")) for i in range(n))


#: the tests that make sense on each kind of finding
KIND_TESTS: dict[str, list[FieldTest]] = {
    "exam": [
        FieldTest("grade", "at_most", MotorGrade(3)),
        FieldTest("grade", "below", MotorGrade(5)),
        FieldTest("trend", "eq", "progressive"),
    ],
    "imaging": [
        FieldTest("severity", "at_least", "moderate"),
        FieldTest("level", "matches", "service"),
    ],
    "treatment-trial": [
        FieldTest("outcome", "eq", "failed"),
        FieldTest("duration", "at_least", Duration.of_weeks(6)),
        FieldTest("treatment", "in", ("physical-therapy", "bracing")),
    ],
    "diagnosis": [FieldTest("level", "matches", "service")],
}


def _tests(draw: st.DrawFn, kind: str, least: int = 0) -> tuple[FieldTest, ...]:
    options = KIND_TESTS[kind]
    return tuple(
        draw(st.lists(st.sampled_from(options), min_size=least, max_size=2, unique_by=repr))
    )


@st.composite
def positive_atoms(draw: st.DrawFn) -> Condition:
    kind = draw(st.sampled_from(KINDS))
    of = (FieldTest("kind", "eq", kind),)
    which = draw(st.integers(0, 5))
    if which == 0:
        return FindingCondition(of, _tests(draw, kind, least=1))
    if which == 1:
        return CountCondition(of, "treatment", draw(st.integers(1, 3)), _tests(draw, kind))
    if which == 2:
        return TotalDurationCondition(
            of, "at_least", Duration.of_weeks(draw(st.sampled_from([6, 12])))
        )
    if which == 3:
        return ServiceCondition((FieldTest("levels", "at_most", draw(st.integers(1, 2))),))
    if which == 4:
        return AgeCondition((FieldTest("age", "at_least", draw(st.sampled_from([18, 65]))),))
    return NicotineCondition(free_for=Duration.of_weeks(6))


@st.composite
def negative_atoms(draw: st.DrawFn) -> Condition:
    of = (FieldTest("kind", "eq", draw(st.sampled_from(KINDS))),)
    return AbsentCondition(of) if draw(st.booleans()) else Not(draw(positive_atoms()))


def trees(atoms: st.SearchStrategy[Condition]) -> st.SearchStrategy[Condition]:
    def extend(children: st.SearchStrategy[Condition]) -> st.SearchStrategy[Condition]:
        parts = st.lists(children, min_size=1, max_size=4).map(tuple)
        return st.one_of(
            parts.map(AllOf),
            parts.map(AnyOf),
            parts.flatmap(lambda ps: st.integers(1, len(ps)).map(lambda n: AtLeast(n, ps))),
        )

    return st.recursive(atoms, extend, max_leaves=8)


positive_trees = trees(positive_atoms())
any_trees = trees(st.one_of(positive_atoms(), negative_atoms()))
patients = st.builds(
    PatientFacts,
    age=st.none() | st.integers(10, 90),
    nicotine=st.none() | st.sampled_from(["never", "former", "current"]),
    nicotine_quit=st.none() | st.sampled_from([date(2025, 1, 1), date(2025, 5, 20)]),
)


def facts_of(found: tuple[FindingFact, ...], patient: PatientFacts | None = None) -> Facts:
    return Facts(
        SERVICE,
        found,
        (SERVICE,),
        date(2025, 6, 1),
        patient=patient or PatientFacts(),
    )


def val(cond: Condition, facts: Facts) -> Truth:
    return evaluate(cond, facts, Context()).value


@settings(max_examples=150, deadline=None)
@given(
    st.lists(trees(st.one_of(positive_atoms(), negative_atoms())), min_size=1, max_size=4),
    finding_lists(),
    patients,
)
def test_evaluated_all_of_and_any_of_bound_their_parts(
    parts: list[Condition], found: tuple[FindingFact, ...], patient: PatientFacts
) -> None:
    facts = facts_of(found, patient)
    ranks = [val(p, facts).rank for p in parts]
    assert val(AllOf(tuple(parts)), facts).rank == min(ranks)
    assert val(AnyOf(tuple(parts)), facts).rank == max(ranks)


# --- 3. monotone in the data -------------------------------------------------------------


@settings(max_examples=250, deadline=None)
@given(
    st.one_of(positive_atoms(), positive_trees),
    finding_lists("f"),
    finding_lists("g"),
    patients,
    st.data(),
)
def test_adding_findings_never_takes_met_away_from_a_positive_condition(
    cond: Condition,
    found: tuple[FindingFact, ...],
    more: tuple[FindingFact, ...],
    patient: PatientFacts,
    data: st.DataObject,
) -> None:
    # one present finding of each kind, so that conditions are often met to begin with
    found += tuple(replace(data.draw(findings(f"k-{k}", k)), present=True) for k in KINDS)
    # besides unrelated findings, add findings of the same kind and level as the first
    # ones with other values: the likeliest to contradict what met the condition
    rivals = tuple(
        replace(data.draw(findings(f"{f.id}-rival", f.kind)), level=f.level) for f in found
    )
    before = val(cond, facts_of(found, patient))
    after = val(cond, facts_of(found + more + rivals, patient))
    if before is MET:
        assert after is MET


def test_not_and_absent_are_where_monotonicity_stops() -> None:
    exam = (FieldTest("kind", "eq", "exam"),)
    weak = FindingFact("f-weak", "exam", grade="3/5")
    normal = FindingFact("f-normal", "exam", present=False)
    deficit = FindingCondition(exam, (FieldTest("grade", "below", MotorGrade(5)),))
    assert val(Not(deficit), facts_of((FindingFact("f-5", "exam", grade="5/5"),))) is MET
    assert val(Not(deficit), facts_of((FindingFact("f-5", "exam", grade="5/5"), weak))) is NOT_MET
    assert val(AbsentCondition(exam), facts_of((normal,))) is MET
    assert val(AbsentCondition(exam), facts_of((normal, weak))) is NOT_MET


def test_not_met_is_not_stable_when_findings_arrive() -> None:
    six = FindingCondition(
        (FieldTest("treatment", "eq", "physical-therapy"),),
        (FieldTest("duration", "at_least", Duration.of_weeks(6)),),
    )
    short = FindingFact(
        "f-a", "treatment-trial", treatment="physical-therapy", duration=Duration.of_weeks(3)
    )
    long = replace(short, id="f-b", duration=Duration.of_weeks(8))
    assert val(six, facts_of((short,))) is NOT_MET
    assert val(six, facts_of((short, long))) is MET


# --- 4. refining unknown patient facts ------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(any_trees, finding_lists(), st.data())
def test_knowing_more_about_the_patient_never_changes_a_decided_result(
    cond: Condition, found: tuple[FindingFact, ...], data: st.DataObject
) -> None:
    before = val(cond, facts_of(found))  # age and nicotine unknown
    patient = data.draw(patients)
    after = val(cond, facts_of(found, patient))
    if before.decided:
        assert after == before


# --- round trips of generated conditions ----------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(any_trees, any_trees)
def test_generated_conditions_survive_dump_and_load(cond: Condition, applies: Condition) -> None:
    node = CriterionNode("c", text="Generated.", ref="G.1", applies=applies, condition=cond)
    cs = CriteriaSet("generated", "1", "Generated", criteria=(node,))
    again = parse_criteria_set(dump_criteria_set(cs), "generated.yaml")
    assert again == cs
    assert again.criteria[0].condition == cond
    assert again.criteria[0].applies == applies
