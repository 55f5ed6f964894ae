"""Acceptability labels: hand-checked structures for each attack kind, proof standards,
semantics, the flagship example, and properties against the abstract-framework engine."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.helpers import argument_strategies as strategies
from toulmin.errors import BadInputError
from toulmin.graph.argument.dung import circuit_framework, circuit_labellings
from toulmin.graph.argument.evaluate import evaluate
from toulmin.graph.argument.gates import Structure
from toulmin.graph.argument.index import argument_index
from toulmin.graph.argument.standards import (
    STANDARD_DEFAULTS,
    describe,
    resolve_standard,
    why_not,
)
from toulmin.graph.authoring.casefile import load_case, parse_case
from toulmin.graph.authoring.model import Determination, ProofStandard

HEAD = """
toulmin: 1
id: hand
title: Hand-checked
decision: {outcome: approved, main_claim: c%s}
sources: [{id: rec, kind: clinical-document, title: Record}]
services: [{id: s, code: "22850", decision: approved, claim: c}]
"""


def case(body: str, standard: str = "") -> Determination:
    ps = f", proof_standard: {standard}" if standard else ""
    return parse_case(HEAD % ps + body)


# --- attack kinds ------------------------------------------------------------------------

TWO_SUPPORTS = """
findings:
  - {id: f1, kind: exam, text: EHL 3+/5., cite: rec}
  - {id: f2, kind: exam, text: Atrophy., cite: rec}
statements:
  - {id: c, kind: conclusion, text: Necessary., cite: rec}
  - {id: u, kind: claim, text: The exam is old., cite: rec}
inferences:
  - {id: i1, premises: [f1], conclusion: c}
  - {id: i2, premises: [f2], conclusion: c}
conflicts:
  - {id: x, kind: undercut, attacker: u, target: i1}
"""


def test_undercut_defeats_its_inference_only() -> None:
    ev = evaluate(case(TWO_SUPPORTS))
    assert ev.labels["i1"] == "out"  # the undercut inference
    assert ev.labels["f1"] == "in"  # its premise is untouched
    assert ev.labels["i2"] == "in"
    assert ev.labels["c"] == "in"  # the other independent support stands
    assert ev.labels["x"] == "in"
    reason = ev.reason("c")
    assert reason.code == "supported"
    assert reason.supports == ("i2",)
    assert [a.status for a in reason.attacks] == ["lost-support"]


def test_undercut_of_the_only_support_takes_the_conclusion_out() -> None:
    body = TWO_SUPPORTS.replace("  - {id: i2, premises: [f2], conclusion: c}\n", "")
    ev = evaluate(case(body))
    assert ev.labels["c"] == "out"
    assert ev.reason("c").code == "defeated"
    assert [(a.conflict, a.attacker) for a in ev.reason("c").defeaters] == [("x", "u")]


def test_two_undercuts_on_two_supports_take_it_out() -> None:
    body = TWO_SUPPORTS + "  - {id: y, kind: undercut, attacker: u, target: i2}\n"
    assert evaluate(case(body)).labels["c"] == "out"


def test_reinstatement_by_answering_the_attacker() -> None:
    body = TWO_SUPPORTS.replace(
        "  - {id: u, kind: claim, text: The exam is old., cite: rec}",
        "  - {id: u, kind: claim, text: The exam is old., cite: rec}\n"
        "  - {id: r, kind: claim, text: It is from this month., cite: rec}",
    ).replace("  - {id: i2, premises: [f2], conclusion: c}\n", "")
    body += "  - {id: y, kind: rebut, attacker: r, target: u}\n"
    ev = evaluate(case(body))
    assert (ev.labels["u"], ev.labels["x"], ev.labels["i1"], ev.labels["c"]) == (
        "out",
        "out",
        "in",
        "in",
    )
    att = ev.reason("i1").attacks[0]
    assert att.status == "answered"
    assert att.by == ("y",)
    assert att.by_attackers == ("r",)


UNDERMINE = """
findings:
  - {id: f, kind: exam, text: EHL 3+/5., cite: rec}
statements:
  - {id: c, kind: conclusion, text: Necessary., cite: rec}
  - {id: m, kind: claim, text: The grade was misread., cite: rec}
inferences:
  - {id: i, premises: [f], conclusion: c}
conflicts:
  - {id: x, kind: undermine, attacker: m, target: f}
"""


def test_undermining_a_premise_takes_its_inference_and_conclusion_out() -> None:
    ev = evaluate(case(UNDERMINE))
    assert (ev.labels["f"], ev.labels["i"], ev.labels["c"], ev.labels["x"]) == (
        "out",
        "out",
        "out",
        "in",
    )
    assert ev.reason("i").missing == ("f",)
    assert ev.reason("i").code == "premise-out"
    assert ev.reason("c").missing == ("f",)
    assert "undermine" in ev.reason("f").text


REBUT = """
findings:
  - {id: f, kind: exam, text: EHL 3+/5., cite: rec}
  - {id: g, kind: imaging, text: Mild stenosis., cite: rec}
statements:
  - {id: c, kind: conclusion, text: Necessary., cite: rec%s}
  - {id: k, kind: claim, text: Not necessary., cite: rec}
inferences:
  - {id: i, premises: [f], conclusion: c, weight: %s}
  - {id: j, premises: [g], conclusion: k, weight: %s}
conflicts:
  - {id: x, kind: rebut, attacker: k, target: c}
"""


def rebut(pro: float, con: float, standard: str = "") -> Determination:
    ps = f", proof_standard: {standard}" if standard else ""
    return case(REBUT % (ps, pro, con))


@pytest.mark.parametrize(
    ("standard", "label"),
    [
        ("scintilla", "in"),  # one applicable pro argument suffices; con is not weighed
        ("preponderance", "out"),  # pro must exceed con: 1 > 1 is false
        ("clear-and-convincing", "out"),  # pro - con > beta fails
        ("beyond-reasonable-doubt", "out"),
    ],
)
def test_rebut_between_equal_weights_under_each_standard(standard: str, label: str) -> None:
    ev = evaluate(rebut(1.0, 1.0, standard))
    assert ev.labels["c"] == label
    assert ev.labels["k"] == "in"  # conflicts are directed: c does not attack k back
    assert ev.standards["c"].standard == standard
    assert ev.labels["x"] == ("out" if label == "in" else "in")


@pytest.mark.parametrize(
    ("pro", "con", "standard", "label"),
    [
        (0.9, 0.5, "preponderance", "in"),
        (0.5, 0.9, "preponderance", "out"),
        (0.9, 0.5, "clear-and-convincing", "in"),  # 0.9 > 0.5 and 0.4 > 0.3
        (0.8, 0.5, "clear-and-convincing", "out"),  # 0.3 is not > 0.3 (exact decimals)
        (0.4, 0.0, "clear-and-convincing", "out"),  # 0.4 is not > alpha 0.5
        (0.9, 0.3, "beyond-reasonable-doubt", "out"),  # con 0.3 is not < gamma 0.2
        (1.0, 0.1, "beyond-reasonable-doubt", "in"),
        (0.1, 1.0, "scintilla", "in"),
    ],
)
def test_weighted_rebut(pro: float, con: float, standard: str, label: str) -> None:
    assert evaluate(rebut(pro, con, standard)).labels["c"] == label


def test_thresholds_from_the_case_file_override_the_defaults() -> None:
    det = rebut(0.8, 0.5, "{standard: clear-and-convincing, beta: 0.2}")
    ev = evaluate(det)
    assert ev.standards["c"] == ProofStandard("clear-and-convincing", 0.5, 0.2, None)
    assert ev.labels["c"] == "in"
    # the determination-level standard applies where a statement has none
    det = case(REBUT % ("", 1.0, 1.0), standard="scintilla")
    assert evaluate(det).standards["c"].standard == "scintilla"
    assert evaluate(det).labels["c"] == "in"


def test_standard_helpers() -> None:
    assert resolve_standard(None) == STANDARD_DEFAULTS["preponderance"]
    with pytest.raises(BadInputError, match="unknown proof standard"):
        resolve_standard({"standard": "hunch"})
    brd = STANDARD_DEFAULTS["beyond-reasonable-doubt"]
    assert "gamma 0.2" in describe(brd)
    assert "gamma" in why_not(brd, 1.0, 0.3)
    assert "beta" in why_not(brd, 1.0, 0.5)


def test_preferences_decide_before_weights() -> None:
    # the attacker is weaker, but preferred: it wins
    det = rebut(0.9, 0.5)
    det = replace(det, preferences=(parse_pref("j", "i"),))
    assert evaluate(det).labels["c"] == "out"
    # the attacker is stronger, but the target is preferred: the rebuttal does not count
    det = replace(rebut(0.5, 0.9), preferences=(parse_pref("c", "k"),))
    ev = evaluate(det)
    assert ev.labels["c"] == "in"
    assert ev.labels["x"] == "out"
    assert ev.reason("x").code == "ineffective"


def parse_pref(hi: str, lo: str):  # type: ignore[no-untyped-def]
    from toulmin.graph.authoring.model import Preference

    return Preference(f"p-{hi}-{lo}", hi, lo)


# --- cycles and semantics ---------------------------------------------------------------

CYCLE = """
statements:
  - {id: c, kind: conclusion, text: C., cite: rec}
  - {id: a, kind: claim, text: A., cite: rec}
  - {id: b, kind: claim, text: B., cite: rec}
conflicts:
  - {id: x1, kind: rebut, attacker: a, target: b}
  - {id: x2, kind: rebut, attacker: b, target: c}
  - {id: x3, kind: rebut, attacker: c, target: a}
"""


def test_odd_cycle_is_undecided_under_grounded_and_has_no_stable_labelling() -> None:
    ev = evaluate(case(CYCLE))
    assert {ev.labels[n] for n in ("a", "b", "c", "x1", "x2", "x3")} == {"undecided"}
    reason = ev.reason("c")
    assert reason.code == "cycle"
    assert reason.cycle[0] == reason.cycle[-1] == "c"
    assert {"a", "b", "x1", "x2", "x3"} <= set(reason.cycle)
    assert "odd cycle with 3 attacks" in reason.text
    preferred = evaluate(case(CYCLE), semantics="preferred")
    assert preferred.labels["c"] == "undecided"
    assert len(preferred.labellings) == 1
    stable = evaluate(case(CYCLE), semantics="stable")
    assert stable.labellings == ()
    assert stable.labels["c"] == "undecided"
    assert "no stable labelling" in stable.note


def test_even_cycle_two_preferred_labellings_skeptically_undecided() -> None:
    body = """
statements:
  - {id: c, kind: conclusion, text: C., cite: rec}
  - {id: k, kind: claim, text: K., cite: rec}
conflicts:
  - {id: x, kind: rebut, attacker: k, target: c}
  - {id: y, kind: rebut, attacker: c, target: k}
"""
    grounded = evaluate(case(body))
    assert grounded.labels["c"] == grounded.labels["k"] == "undecided"
    assert "even cycle" in grounded.reason("c").text
    for semantics in ("preferred", "stable"):
        ev = evaluate(case(body), semantics=semantics)
        assert ev.extensions() == (("c",), ("k",))
        assert ev.labels["c"] == "undecided"
        assert ev.reason("c").code == "unresolved"
        assert "credulously accepted" in ev.reason("c").text
    complete = evaluate(case(body), semantics="complete")
    assert len(complete.labellings) == 3


def test_uncited_leaf_policies() -> None:
    body = """
statements:
  - {id: c, kind: conclusion, text: C., cite: rec}
  - {id: p, kind: claim, text: P., cite: []}
inferences:
  - {id: i, premises: [p], conclusion: c}
"""
    ev = evaluate(case(body))
    assert ev.labels["p"] == ev.labels["c"] == "undecided"
    assert ev.reason("p").code == "uncited"
    assert "uncited" in ev.reason("p").flags
    assert "no citation" in ev.reason("c").text
    assert evaluate(case(body), uncited="out").labels["c"] == "out"
    assert evaluate(case(body), uncited="assumed").labels["c"] == "in"
    with pytest.raises(BadInputError, match="uncited"):
        evaluate(case(body), uncited="maybe")


def test_bad_semantics_and_unknown_node_are_clear_errors() -> None:
    det = case(TWO_SUPPORTS)
    with pytest.raises(BadInputError, match=r"unknown semantics 'admissible'.*grounded"):
        evaluate(det, semantics="admissible")
    ev = evaluate(det)
    with pytest.raises(BadInputError, match=r"unknown node 'c2'.*did you mean c"):
        ev.label("c2")


# --- the flagship -------------------------------------------------------------------------

COUNTERS = {
    "c-mild-not-necessary": ("x-imaging-answer", "c-imaging-answer"),
    "c-no-scoliosis-not-necessary": ("x-scoliosis-answer", "a-scoliosis-not-applicable"),
    "c-ambulatory-suffices": ("x-ambulatory-answer-primary", "c-ambulatory-for-primary"),
}


@pytest.fixture(scope="module")
def flagship(flagship_path: Path) -> Determination:
    return load_case(flagship_path)


def test_flagship_labels(flagship: Determination) -> None:
    ev = evaluate(flagship)
    assert ev.semantics == "grounded"
    for claim in ("c-main", "c-22850", "c-63042", "c-22849", "c-inpatient"):
        assert ev.labels[claim] == "in", ev.reason(claim).text
    for counter, (conflict, answer) in COUNTERS.items():
        assert ev.labels[counter] == "out"
        reason = ev.reason(counter)
        assert conflict in reason.text
        assert answer in reason.text
        assert (conflict, answer) in [(a.conflict, a.attacker) for a in reason.defeaters]
    # the answers are recorded on the conclusions too
    answered = {a.conflict: a for a in ev.reason("c-63042").answered}
    assert answered["x-mild-vs-63042"].by == ("x-imaging-answer",)
    assert answered["x-mild-vs-63042"].by_attackers == ("c-imaging-answer",)
    assert dict(ev.claims)["setting"] == "c-inpatient"


def test_flagship_without_the_imaging_answer(flagship: Determination) -> None:
    copy = replace(
        flagship, conflicts=tuple(c for c in flagship.conflicts if c.id != "x-imaging-answer")
    )
    ev = evaluate(copy)
    assert ev.labels["c-mild-not-necessary"] == "in"
    for claim in ("c-63042", "c-22849", "c-main"):
        assert ev.labels[claim] != "in", claim
    assert ev.labels["c-22850"] == ev.labels["c-inpatient"] == "in"
    assert "x-mild-vs-63042" in ev.reason("c-63042").text


@pytest.mark.parametrize("semantics", ["complete", "preferred", "stable"])
def test_flagship_other_semantics_agree(flagship: Determination, semantics: str) -> None:
    grounded = evaluate(flagship)
    ev = evaluate(flagship, semantics=semantics)
    assert len(ev.labellings) == 1  # no cycle: one complete labelling, and it is stable
    assert ev.labels == grounded.labels
    assert ev.to_dict()["extensions"][0] == list(ev.extensions()[0])


def test_evaluation_is_deterministic(flagship: Determination) -> None:
    assert evaluate(flagship).to_dict() == evaluate(flagship).to_dict()


def test_examples_match_what_their_headers_say(examples_dir: Path) -> None:
    expected = {
        "l3-l5-tlif-denied.yaml": "out",  # an unanswered undercut on the denial
        "l4-5-fusion-inpatient-denied.yaml": "in",
        "l4-5-fusion-pended-pt.yaml": "in",
    }
    for name, label in expected.items():
        path = examples_dir / name
        if path.exists():
            assert evaluate(load_case(path)).main_label == label, name


# --- properties ---------------------------------------------------------------------------


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.determinations(max_statements=6))
def test_grounded_agrees_with_the_dung_translation(det: Determination) -> None:
    """The linear-time propagation and the abstract engine's grounded labelling agree,
    the result is a fixpoint, and every complete labelling extends it."""
    from toulmin.graph.af import semantics as afs

    st = Structure(argument_index(det))
    mine = st.grounded()
    af = circuit_framework(st)
    theirs = [int(v) for v in afs.grounded_labelling(af)[: len(mine)]]
    assert mine == theirs
    assert st.is_fixpoint(mine)
    for lab in circuit_labellings(st, "complete"):
        assert st.is_fixpoint(lab)
        assert all(g == 0 or g == v for g, v in zip(mine, lab, strict=True))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.determinations(max_statements=6))
def test_labels_and_reasons_are_consistent(det: Determination) -> None:
    ev = evaluate(det)
    assert set(ev.labels) == set(ev.reasons)
    for node, reason in ev.reasons.items():
        assert reason.label == ev.labels[node]
        assert reason.text.startswith(reason.label)
        if ev.kinds[node] == "statement" and reason.label == "out":
            assert reason.code in ("defeated", "unsupported", "uncited")
        if reason.label == "undecided":
            assert reason.code in ("cycle", "uncited")
            assert reason.cycle
    # an inference is in exactly when its premises are in and no undercut holds
    st = ev.structure
    for i in st.inferences:
        expected = all(ev.labels[p] == "in" for p in st.premises[i]) and all(
            ev.labels[st.attacker[x]] == "out" for x in st.attacks_on[i]
        )
        assert (ev.labels[i] == "in") == expected
    # a statement with supports is in only if one of them is
    for s in st.statements:
        if st.supporters[s] and ev.labels[s] == "in":
            assert any(ev.labels[i] == "in" for i in st.supporters[s])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.determinations(max_statements=5))
def test_preferred_and_stable_refine_grounded(det: Determination) -> None:
    grounded = evaluate(det)
    preferred = evaluate(det, semantics="preferred")
    stable = evaluate(det, semantics="stable")
    assert preferred.labellings  # always at least one preferred labelling
    for node, label in grounded.labels.items():
        if label != "undecided":
            assert preferred.labels[node] == label
            if stable.labellings:
                assert stable.labels[node] == label
    pref_sets = {tuple(sorted(lab.items())) for lab in preferred.labellings}
    for lab in stable.labellings:
        assert tuple(sorted(lab.items())) in pref_sets
        assert "undecided" not in {v for k, v in lab.items() if stable.kinds[k] != "conflict"}
