"""The argument index: every relation it reports is one the model states, and back.

The index replaces the support and attack maps each consumer built for itself; these
tests check it against the model directly (every inference, conflict and citation is
found from both ends). (The audit summaries no longer walk the model: their rules read the
compiled triples, graph/derived/rules.py.)
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings

from tests.helpers import argument_strategies as strategies
from tests.helpers.paths import ROOT
from toulmin.graph.argument.index import ArgumentIndex, argument_index
from toulmin.graph.authoring.casefile import load_case
from toulmin.graph.authoring.model import Determination


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.determinations(max_statements=7))
def test_every_relation_is_found_from_both_ends(det: Determination) -> None:
    index = argument_index(det)
    for inf in det.inferences:
        assert inf in index.supports_of(inf.conclusion)
        for p in inf.premises:
            assert inf in index.premise_of(p)
            assert p in index.premises(inf.conclusion)
    for con in det.conflicts:
        assert con in index.attacks_on(con.target)
        assert con in index.attacks_by(con.attacker)
        assert con.attacker in index.attackers
    # nothing is reported that the model does not state
    assert sum(len(index.supports_of(n)) for n in index.kinds) == len(det.inferences)
    assert sum(len(index.attacks_on(n)) for n in index.kinds) == len(det.conflicts)
    for s in det.all_statements():
        assert index.citations(s.id) == s.cite
        assert index.kind_of(s.id) == "statement"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.determinations(max_statements=7))
def test_answers_are_the_attacks_on_the_attacker_and_its_inferences(det: Determination) -> None:
    index = argument_index(det)
    for con in det.conflicts:
        supports = {i.id for i in det.inferences if i.conclusion == con.attacker}
        expected = {x.id for x in det.conflicts if x.target in supports | {con.attacker}}
        assert {x.id for x in index.answers(con.id)} == expected
        deep = set(index.support_trace(con.attacker))
        deep_supports = {i.id for i in det.inferences if i.conclusion in deep}
        assert {x.id for x in index.answers(con.id, through_premises=True)} == {
            x.id for x in det.conflicts if x.target in deep | deep_supports
        }


def test_the_index_is_built_once_per_determination() -> None:
    det = load_case(ROOT / "examples" / "l4-5-revision.yaml")
    first = argument_index(det)
    assert argument_index(det) is first
    assert argument_index(replace(det)) is first  # an equal value shares the index
    other = replace(det, conflicts=det.conflicts[1:])
    assert argument_index(other) is not first
    assert len(argument_index(other).conflicts) == len(det.conflicts) - 1


def test_an_unhashable_determination_still_gets_an_index() -> None:
    det = load_case(ROOT / "examples" / "l4-5-revision.yaml")
    odd = replace(det, policy=["a", "b"])  # type: ignore[arg-type]
    index = argument_index(odd)
    assert isinstance(index, ArgumentIndex)
    assert index.premises(det.main_claim) == argument_index(det).premises(det.main_claim)
