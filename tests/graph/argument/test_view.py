"""The networkx view of the argument layer, and the round trip RDF -> view -> RDF."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from rdflib.compare import isomorphic, to_isomorphic

from tests.helpers import argument_strategies as strategies
from toulmin.errors import BadInputError
from toulmin.graph.argument.view import (
    EDGE_ROLES,
    NODE_KINDS,
    argument_layer,
    argument_triples,
    argument_view,
    view_to_layer,
    view_to_rdf,
)
from toulmin.graph.authoring.casefile import load_case
from toulmin.graph.rdf.compile import compile_determination
from toulmin.ontology.namespace import TLM


@pytest.fixture(scope="module")
def flagship(flagship_path: Path):  # type: ignore[no-untyped-def]
    det = load_case(flagship_path)
    return det, compile_determination(det)


def test_flagship_view_has_every_aif_node_and_edge(flagship) -> None:  # type: ignore[no-untyped-def]
    det, rdf = flagship
    view = argument_view(rdf)
    kinds = nx.get_node_attributes(view, "kind")
    assert set(kinds.values()) <= set(NODE_KINDS)
    assert sorted(n for n, k in kinds.items() if k == "statement") == sorted(
        s.id for s in det.all_statements()
    )
    assert sorted(n for n, k in kinds.items() if k == "inference") == sorted(
        i.id for i in det.inferences
    )
    assert sorted(n for n, k in kinds.items() if k == "conflict") == sorted(
        c.id for c in det.conflicts
    )
    n_edges = sum(len(i.premises) + 1 for i in det.inferences) + 2 * len(det.conflicts)
    assert view.number_of_edges() == n_edges
    assert {r for _, _, r in view.edges(data="role")} <= set(EDGE_ROLES)
    # AIF direction: premise -> RA -> conclusion; attacker -> CA -> target
    assert view.edges["f-ehl-weakness", "i-progressive-deficit"]["role"] == "premise"
    assert view.edges["i-main", "c-main"]["role"] == "conclusion"
    assert view.edges["c-imaging-answer", "x-imaging-answer"]["role"] == "attacker"
    assert view.edges["x-imaging-answer", "i-mild-not-necessary"]["role"] == "target"
    assert view.nodes["x-imaging-answer"]["conflict_kind"] == "undercut"
    assert view.nodes["f-ehl-weakness"]["details"]["grade"] == "3+/5"
    assert view.nodes["f-ehl-weakness"]["cite"][0] == {
        "source": "record",
        "locator": "surgeon's notes",
        "quote": "EHL 3+/5",
    }
    assert view.nodes["a-stenosis-not-met"]["result"] == "not-met"
    assert view.graph["main_claim"] == "c-main"
    assert view.graph["claims"]["svc-63042"] == "c-63042"
    assert view.graph["claims"]["setting"] == "c-inpatient"
    assert view.graph["proof_standard"]["standard"] == "preponderance"


def test_flagship_round_trip_is_lossless(flagship) -> None:  # type: ignore[no-untyped-def]
    det, rdf = flagship
    view = argument_view(rdf)
    back = view_to_rdf(view)
    assert isomorphic(back, argument_triples(rdf, det.id))
    assert view_to_layer(view) == argument_layer(det)
    # the view from the model and the view from RDF are the same graph
    other = argument_view(det)
    assert nx.utils.graphs_equal(view, other)


def test_argument_triples_select_only_the_argument_layer(flagship) -> None:  # type: ignore[no-untyped-def]
    det, rdf = flagship
    layer = argument_triples(rdf, det.id)
    subjects = {str(s) for s in layer.subjects()}
    assert not any(
        s.endswith(("/case", "/decision", "/payer-criteria", "/record")) for s in subjects
    )
    assert any(s.endswith("/f-ehl-weakness/finding") for s in subjects)  # owned clinical finding
    assert any("/cite/0" in s for s in subjects)
    assert (None, TLM.mainClaim, None) not in layer


def test_view_errors_are_clear(flagship) -> None:  # type: ignore[no-untyped-def]
    _, rdf = flagship
    view = argument_view(rdf)
    broken = view.copy()
    broken.remove_edge("i-main", "c-main")
    with pytest.raises(BadInputError, match=r"i-main.*conclusion"):
        view_to_layer(broken)
    odd = view.copy()
    odd.add_node("zz", kind="gadget")
    with pytest.raises(BadInputError, match="zz"):
        view_to_layer(odd)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.determinations())
def test_round_trip_property(det) -> None:  # type: ignore[no-untyped-def]
    """RDF -> networkx -> RDF keeps every argument-layer triple; model -> view -> model too."""
    rdf = compile_determination(det)
    view = argument_view(rdf)
    back = view_to_rdf(view)
    expected = argument_triples(rdf, det.id)
    assert to_isomorphic(back) == to_isomorphic(expected)
    assert view_to_layer(view) == argument_layer(det)
    # and a second trip changes nothing
    assert to_isomorphic(view_to_rdf(argument_view(det))) == to_isomorphic(back)
