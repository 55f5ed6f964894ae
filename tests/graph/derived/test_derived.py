"""Evaluation results in the derived named graph, and SPARQL over asserted + derived."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rdflib import RDF, Literal
from rdflib.compare import isomorphic

from toulmin.graph.argument.evaluate import evaluate
from toulmin.graph.authoring.casefile import load_case
from toulmin.graph.authoring.model import Determination
from toulmin.graph.derived.evaluation import (
    MAIN_CLAIM_NOT_IN,
    derived_graph,
    evaluation_iri,
    read_labels,
)
from toulmin.graph.rdf.compile import compile_determination
from toulmin.graph.rdf.iris import derived_graph_iri, determination_iri, graph_iri, node_iri
from toulmin.graph.store.targets import MemoryTarget
from toulmin.ontology.namespace import TLM


@pytest.fixture(scope="module")
def flagship(flagship_path: Path) -> Determination:
    return load_case(flagship_path)


def without_answer(det: Determination) -> Determination:
    return replace(
        det,
        id="l4-5-revision-no-imaging-answer",
        conflicts=tuple(c for c in det.conflicts if c.id != "x-imaging-answer"),
    )


def test_derived_graph_pattern(flagship: Determination) -> None:
    ev = evaluate(flagship)
    g = derived_graph(ev)
    det = flagship.id
    assert g.identifier == derived_graph_iri(det) != graph_iri(det)
    e = evaluation_iri(det)
    assert (e, RDF.type, TLM.Evaluation) in g
    assert (e, TLM.evaluates, determination_iri(det)) in g
    assert (e, TLM.semanticsUsed, Literal("grounded")) in g
    assert (e, TLM.proofStandard, None) not in g  # an evaluation is not a determination
    ps = g.value(determination_iri(det), TLM.proofStandard)
    assert ps == node_iri(det, "proof-standard")  # the compiler's IRI for the setting
    assert (ps, TLM.standardUsed, TLM.Preponderance) in g
    assert g.value(ps, TLM.alpha).toPython() == 0
    assert g.value(ps, TLM.beta).toPython() == 0
    assert (node_iri(det, "c-main"), TLM.acceptability, TLM.In) in g
    assert (node_iri(det, "c-mild-not-necessary"), TLM.acceptability, TLM.Out) in g
    assert (node_iri(det, "x-imaging-answer"), TLM.acceptability, TLM.In) in g
    assert (node_iri(det, "c-main"), TLM.proofStandardMet, Literal(True)) in g
    text = str(g.value(node_iri(det, "c-mild-not-necessary"), TLM.explanation))
    assert "x-imaging-answer" in text
    assert "c-imaging-answer" in text
    assert (e, TLM.evaluatedAt, None) not in g
    assert read_labels(g, det) == dict(ev.labels)


def test_asserted_graph_is_not_touched(flagship: Determination) -> None:
    asserted = compile_determination(flagship)
    before = len(asserted)
    derived = derived_graph(evaluate(flagship))
    assert len(asserted) == before
    shared = set(asserted) & set(derived)
    # only the proof-standard setting is restated (same IRI, same values)
    assert {p for _, p, _ in shared} <= {TLM.proofStandard, TLM.standardUsed, RDF.type}
    assert (None, TLM.acceptability, None) not in asserted


def test_deterministic_unless_a_timestamp_is_asked(flagship: Determination) -> None:
    a = derived_graph(evaluate(flagship))
    b = derived_graph(evaluate(flagship))
    assert isomorphic(a, b)
    assert sorted(a.serialize(format="nt").splitlines()) == sorted(
        b.serialize(format="nt").splitlines()
    )
    when = datetime(2025, 11, 21, 10, 0, tzinfo=UTC)
    stamped = derived_graph(evaluate(flagship), timestamp=when)
    value = stamped.value(evaluation_iri(flagship.id), TLM.evaluatedAt)
    assert value is not None
    assert str(value).startswith("2025-11-21T10:00:00")


def test_sparql_finds_determinations_whose_main_claim_is_not_in(flagship: Determination) -> None:
    broken = without_answer(flagship)
    graphs = []
    for det in (flagship, broken):
        graphs.append(compile_determination(det))
        graphs.append(derived_graph(evaluate(det)))
    target = MemoryTarget.from_graphs(graphs)
    result = target.select(MAIN_CLAIM_NOT_IN)
    assert result.columns == ["determination", "claim", "label", "semantics"]
    assert [(r[0], r[1], r[2]) for r in result.rows] == [
        (determination_iri(broken.id), node_iri(broken.id, "c-main"), TLM.Out)
    ]
    # a hand-written query over the named graphs agrees, with a bound parameter
    ask = """
    PREFIX tlm: <https://w3id.org/toulmin/ontology#>
    ASK WHERE { GRAPH ?g { ?claim tlm:acceptability tlm:In } }
    """
    assert target.ask(ask, {"claim": node_iri(flagship.id, "c-main")})
    assert not target.ask(ask, {"claim": node_iri(broken.id, "c-main")})


def test_multi_labelling_semantics_are_recorded(flagship: Determination) -> None:
    ev = evaluate(flagship, semantics="preferred")
    g = derived_graph(ev)
    e = evaluation_iri(flagship.id)
    assert (e, TLM.semanticsUsed, Literal("preferred")) in g
    assert "skeptical" in str(g.value(e, TLM.explanation))
    assert read_labels(g, flagship.id)["c-main"] == "in"


def test_settings_agree_with_the_asserted_graph() -> None:
    """Functional properties get the same values in asserted and derived graphs."""
    from toulmin.graph.authoring.casefile import parse_case

    det = parse_case(
        """
toulmin: 1
id: ps
title: Standards
decision:
  outcome: approved
  main_claim: c
  proof_standard: {standard: clear-and-convincing, alpha: 0.7}
sources: [{id: rec, kind: clinical-document, title: Record}]
services: [{id: s, code: "22850", decision: approved, claim: c}]
statements:
  - {id: c, kind: conclusion, text: C., cite: rec, proof_standard: beyond-reasonable-doubt}
  - {id: k, kind: claim, text: K., cite: rec}
"""
    )
    asserted = compile_determination(det)
    derived = derived_graph(evaluate(det))
    functional = (TLM.proofStandard, TLM.standardUsed, TLM.alpha, TLM.beta, TLM.gamma)
    union = asserted + derived
    for s in set(union.subjects()):
        for p in functional:
            assert len(set(union.objects(s, p))) <= 1, (s, p)
    top = node_iri("ps", "proof-standard")
    assert str(derived.value(top, TLM.alpha)) == "0.7"
    assert str(derived.value(top, TLM.beta)) == "0.3"
    own = node_iri("ps", "c", "proof-standard")
    assert (own, TLM.standardUsed, TLM.BeyondReasonableDoubt) in derived
    assert str(derived.value(own, TLM.gamma)) == "0.2"
    assert (node_iri("ps", "k"), TLM.proofStandard, None) not in derived


@pytest.mark.java
def test_asserted_plus_derived_is_owl_consistent(flagship: Determination, need_tool) -> None:  # type: ignore[no-untyped-def]
    """HermiT: the derived layer respects the ontology (domains, disjointness, functionality)."""
    need_tool("java", "install a Java runtime (make installs one)")
    from toulmin.ontology.reasoning import check_consistency

    graph = compile_determination(flagship) + derived_graph(
        evaluate(flagship, semantics="preferred"), timestamp="now"
    )
    report = check_consistency(graph)
    assert report.consistent, report.explanation
