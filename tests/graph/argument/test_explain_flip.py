"""Explanations (why a label) and flip sets (what would change it)."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.helpers import argument_strategies as strategies
from toulmin.errors import BadInputError
from toulmin.graph.argument.evaluate import evaluate
from toulmin.graph.argument.explain import (
    Explanation,
    explain,
    explanation_text,
    render_explanation,
)
from toulmin.graph.argument.flip import flip
from toulmin.graph.authoring.casefile import load_case, parse_case
from toulmin.graph.authoring.model import Determination


@pytest.fixture(scope="module")
def flagship(flagship_path: Path) -> Determination:
    return load_case(flagship_path)


def without(det: Determination, conflict: str) -> Determination:
    return replace(det, conflicts=tuple(c for c in det.conflicts if c.id != conflict))


# --- explanations -----------------------------------------------------------------------


def test_in_claim_is_explained_down_to_citations(flagship: Determination) -> None:
    ev = evaluate(flagship)
    tree = explain(ev, "c-main", sources={s.id: s.title for s in flagship.sources})
    nodes = tree.walk()
    assert tree.label == "in"
    assert tree.role == "root"
    # every branch ends in a citation, a node unfolded elsewhere, or an answered attack's end
    for node in nodes:
        if not node.children and not node.repeated:
            assert node.kind == "citation", node
    supported = [n for n in nodes if n.kind == "statement" and not n.repeated]
    assert {n.node for n in supported} >= {
        "c-22850",
        "c-63042",
        "c-22849",
        "c-inpatient",
        "f-ehl-weakness",
    }
    assert all(n.label == "in" for n in nodes if n.role in ("supported by", "premise"))
    # each counter-argument appears as an answered attack, with its answer
    answered = {n.node for n in nodes if n.role == "answered"}
    assert {"x-mild-vs-63042", "x-no-scoliosis-vs-22849", "x-ambulatory-vs-inpatient"} <= answered
    defeats = {(n.node, n.children[0].node) for n in nodes if n.role == "defeated by"}
    assert ("x-imaging-answer", "c-imaging-answer") in defeats
    assert ("x-scoliosis-answer", "a-scoliosis-not-applicable") in defeats
    cites = [n for n in nodes if n.kind == "citation"]
    assert any("American Association of Neurological Surgeons" in n.title for n in cites)
    assert any('"EHL 3+/5"' in n.title for n in cites)
    json.dumps(tree.to_dict())  # JSON-ready


def test_out_counter_argument_names_its_answer(flagship: Determination) -> None:
    ev = evaluate(flagship)
    tree = explain(ev, "c-mild-not-necessary")
    assert tree.label == "out"
    assert [(c.role, c.node) for c in tree.children] == [("failed support", "i-mild-not-necessary")]
    cut = tree.children[0].children
    assert [(c.role, c.node, c.label) for c in cut] == [("defeated by", "x-imaging-answer", "in")]
    attacker = cut[0].children[0]
    assert (attacker.role, attacker.node, attacker.label) == ("attacker", "c-imaging-answer", "in")
    text = render_explanation(tree, width=200)
    assert "x-imaging-answer" in text
    assert "c-imaging-answer" in text
    assert text.splitlines()[0].startswith("OUT claim c-mild-not-necessary")
    plain = explanation_text(tree)
    assert (
        "why: out: its only support i-mild-not-necessary is undercut by c-imaging-answer" in plain
    )


def test_out_for_a_missing_premise(flagship: Determination) -> None:
    ev = evaluate(without(flagship, "x-imaging-answer"))
    tree = explain(ev, "c-main")
    assert tree.label == "out"
    inference = tree.children[0]
    assert (inference.node, inference.label) == ("i-main", "out")
    missing = {c.node for c in inference.children if c.role == "missing premise"}
    assert missing == {"c-63042", "c-22849"}
    c63042 = next(c for c in inference.children if c.node == "c-63042")
    assert [(c.role, c.node) for c in c63042.children] == [("defeated by", "x-mild-vs-63042")]


def test_undecided_shows_the_cycle() -> None:
    det = parse_case(
        """
toulmin: 1
id: cyc
title: Cycle
decision: {outcome: approved, main_claim: c}
sources: [{id: rec, kind: clinical-document, title: Record}]
services: [{id: s, code: "22850", decision: approved, claim: c}]
statements:
  - {id: c, kind: conclusion, text: C., cite: rec}
  - {id: a, kind: claim, text: A., cite: rec}
  - {id: b, kind: claim, text: B., cite: rec}
conflicts:
  - {id: x1, kind: rebut, attacker: a, target: b}
  - {id: x2, kind: rebut, attacker: b, target: c}
  - {id: x3, kind: rebut, attacker: c, target: a}
"""
    )
    tree = explain(evaluate(det), "c")
    assert tree.label == "undecided"
    assert [c.role for c in tree.children] == ["cycle"] * len(tree.children)
    assert {c.node for c in tree.children} == {"a", "b", "x1", "x2", "x3"}
    assert "odd cycle" in render_explanation(tree)


def test_depth_limit_and_unknown_node(flagship: Determination) -> None:
    ev = evaluate(flagship)
    shallow = explain(ev, "c-main", depth=1)
    assert all(not c.children for c in shallow.children)
    with pytest.raises(BadInputError, match=r"unknown node 'c-mian'.*did you mean c-main"):
        explain(ev, "c-mian")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.determinations(max_statements=6))
def test_every_label_has_an_explanation(det: Determination) -> None:
    ev = evaluate(det)
    for node in ev.labels:
        tree = explain(ev, node)
        assert tree.label == ev.labels[node]
        assert tree.reason is not None
        assert tree.reason.text.startswith(tree.label)
        for child in tree.walk():
            if child.kind != "citation":
                assert child.label == ev.labels[child.node]
                if child.role in ("supported by", "premise"):
                    assert child.label == "in"
                if child.role == "defeated by":
                    assert child.label == "in"


# --- flip ---------------------------------------------------------------------------------


def test_flip_lists_the_imaging_answer(flagship: Determination) -> None:
    result = flip(flagship)
    assert result.claim == "c-main"
    assert result.label == "in"
    assert result.mode == "defeat"
    assert result.method == "exhaustive"
    assert result.exact_up_to == 3
    sizes = [s.size for s in result.sets]
    assert sizes == sorted(sizes)
    singles = {s.ids[0]: s for s in result.sets if s.size == 1}
    answer = singles["x-imaging-answer"]
    lever = answer.levers[0]
    assert (lever.kind, lever.attacker, lever.target) == (
        "answer",
        "c-imaging-answer",
        "i-mild-not-necessary",
    )
    assert answer.label == "out"
    assert answer.exact
    changed = {n: after for n, _, after in answer.changed}
    assert changed["c-mild-not-necessary"] == "in"
    assert changed["c-main"] != "in"
    assert "x-scoliosis-answer" in singles
    assert "record" in singles
    # C is answered twice: withdrawing one answer is not enough, both together are
    assert "x-ambulatory-answer-primary" not in singles
    assert ("x-ambulatory-answer-primary", "x-ambulatory-answer-surgeon") in [
        s.ids for s in result.sets
    ]
    # the three independent answers to A must all go: a set of three premises
    assert (
        "c-clinical-outweighs-imaging",
        "f-mri-artifact",
        "g-stenosis-criteria-primary-only",
    ) in [s.ids for s in result.sets]


def test_flip_sets_really_flip_and_are_minimal(flagship: Determination) -> None:
    result = flip(flagship, "c-63042", max_size=2)
    assert result.sets
    for fs in result.sets:
        assert _flips(flagship, "c-63042", fs.levers)
        for smaller in itertools.combinations(fs.levers, fs.size - 1):
            assert not _flips(flagship, "c-63042", smaller)


def _flips(det: Determination, claim: str, levers) -> bool:  # type: ignore[no-untyped-def]
    """Apply levers to a copy of the case file and re-evaluate from scratch."""
    from toulmin.graph.authoring.model import Citation

    gone_conflicts = {lv.id for lv in levers if lv.kind in ("answer", "attack")}
    premises = {lv.id for lv in levers if lv.kind == "premise"}
    sources = {lv.id for lv in levers if lv.kind == "source"}
    conflicts = [c for c in det.conflicts if c.id not in gone_conflicts]
    statements = list(det.statements)
    # defeat a premise / discredit a source: an unanswerable, decisive undermining
    defeated = set(premises)
    for s in det.all_statements():
        if s.cite and {c.source for c in s.cite} <= sources:
            defeated.add(s.id)
    supported = {i.conclusion for i in det.inferences}
    for n, sid in enumerate(sorted(defeated - supported)):
        statements.append(
            replace(
                det.statements[0],
                id=f"zz-{n}",
                kind="claim",
                cite=(Citation("record"),),
                weight=None,
                proof_standard=None,
            )
        )
        conflicts.append(
            replace(det.conflicts[0], id=f"zz-x-{n}", kind="rebut", attacker=f"zz-{n}", target=sid)
        )
    copy = replace(det, statements=tuple(statements), conflicts=tuple(conflicts))
    before = evaluate(det).labels[claim] == "in"
    after = evaluate(copy).labels[claim] == "in"
    return before != after


def test_flip_of_a_claim_that_is_not_in_lists_the_unanswered_attacks(
    flagship: Determination,
) -> None:
    result = flip(without(flagship, "x-imaging-answer"))
    assert result.mode == "rescue"
    assert result.label == "out"
    assert [s.ids for s in result.sets] == [("x-mild-vs-22849", "x-mild-vs-63042")]
    assert result.sets[0].label == "in"
    assert {lv.kind for lv in result.candidates} <= {"attack", "uncited-premise"}


def test_flip_of_the_denied_example(examples_dir: Path) -> None:
    path = examples_dir / "l3-l5-tlif-denied.yaml"
    if not path.exists():
        pytest.skip("the denied example is not in this tree")
    result = flip(load_case(path))
    assert result.mode == "rescue"
    assert ("x-iatrogenic",) in [s.ids for s in result.sets]


def test_flip_beyond_the_budget_is_flagged_approximate(flagship: Determination) -> None:
    result = flip(flagship, max_size=4, budget=200)
    assert result.method == "exhaustive+beam"
    assert result.exact_up_to == 1
    assert "APPROXIMATE" in result.note
    late = [s for s in result.sets if s.size > 1]
    assert late
    assert not any(s.exact for s in late)
    assert all(s.exact for s in result.sets if s.size <= 1)
    data = result.to_dict()
    assert data["exact_up_to"] == 1
    assert data["method"] == "exhaustive+beam"


def test_independent_reasons_for_the_setting_are_convergent(flagship: Determination) -> None:
    """The three reasons for the inpatient stay are three inferences, not one linked one.

    With one linked inference, defeating the dural-tear history alone (a premise of the
    revision-risk reason only) flipped the whole decision: wrong advice to an appeals
    team. Now one reason's defeat leaves the other two carrying the setting.
    """
    singles = {s.ids for s in flip(flagship).sets if s.size == 1}
    assert ("f-dural-tear-history",) not in singles
    assert ("g-reoperation-rates",) not in singles
    assert ("reoperation-study",) not in singles
    setting = flip(flagship, "c-inpatient", max_size=3)
    # only discrediting the whole record (which every reason cites) flips it alone
    assert {s.ids for s in setting.sets if s.size == 1} == {("record",)}
    supports = [i for i in flagship.inferences if i.conclusion == "c-inpatient"]
    assert len(supports) == 3
    assert all(len(i.premises) == 1 for i in supports)


def test_flip_errors(flagship: Determination) -> None:
    with pytest.raises(BadInputError, match="unknown node"):
        flip(flagship, "nope")
    with pytest.raises(BadInputError, match="not a statement"):
        flip(flagship, "i-main")
    with pytest.raises(BadInputError, match="grounded"):
        flip(evaluate(flagship, semantics="preferred"))
    with pytest.raises(BadInputError, match="at least 1"):
        flip(flagship, max_size=0)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.determinations(max_statements=6, cited_only=True))
def test_flip_sets_are_minimal_property(det: Determination) -> None:
    ev = evaluate(det)
    result = flip(ev, max_size=2)
    st = ev.structure
    claim_gate = st.s_gate[result.claim]
    base_in = ev.labels[result.claim] == "in"
    index = {(lv.kind, lv.id): k for k, lv in enumerate(result.candidates)}
    from toulmin.graph.argument.flip import _Search

    search = _Search(ev, result.claim)
    for fs in result.sets:
        chosen = frozenset(index[(lv.kind, lv.id)] for lv in fs.levers)
        lab = search.run(chosen)
        assert (lab[claim_gate] == 1) != base_in
        for sub in itertools.combinations(sorted(chosen), len(chosen) - 1):
            if sub:
                assert (search.run(frozenset(sub))[claim_gate] == 1) == base_in
    assert isinstance(explain(ev, result.claim), Explanation)
