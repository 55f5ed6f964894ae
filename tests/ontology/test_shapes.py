"""SHACL shapes (ontology/shapes.ttl) through toulmin.ontology.validate.

The hand-written fixture tests/fixtures/rdf/valid-min.ttl conforms with zero results.
Every reporting shape has at least one failing case below: a minimal edit of the valid
graph, and the result must come from that shape, on the edited node, with the shape's
message (and nowhere else for that shape).
"""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, SH

from tests.helpers.shape_cases import BASE, CASES, DET, FIXTURE, Case, edited, n
from toulmin.errors import ValidationFailed
from toulmin.ontology.namespace import TLM
from toulmin.ontology.validate import (
    SHAPES_NS,
    Violation,
    load_shapes,
    require_valid,
    shacl_violations,
)


@pytest.fixture(scope="module")
def valid() -> Graph:
    return Graph().parse(FIXTURE, format="turtle")


def test_valid_fixture_has_no_results_at_all(valid: Graph) -> None:
    assert shacl_violations(valid) == []


def test_cases_cover_every_reporting_shape() -> None:
    """Adding a shape without a failing case here fails this test."""
    shapes = load_shapes()
    reporting = set()
    for shape in shapes.subjects(SH.message, None):
        if isinstance(shape, URIRef):
            reporting.add(str(shape).removeprefix(SHAPES_NS))
    tested = {case.shape for case in CASES}
    assert reporting - tested == set()
    assert tested - reporting == set()


def test_every_reporting_shape_is_named_and_says_what_to_fix() -> None:
    shapes = load_shapes()
    for shape in shapes.subjects(SH.message, None):
        assert isinstance(shape, URIRef), (
            f"blank shape with a message: {shapes.value(shape, SH.message)}"
        )
        message = str(shapes.value(shape, SH.message))
        assert len(message) > 30, shape
        assert message.endswith("."), shape
    # a property shape reached through sh:property must be named, or its reports would
    # carry an unstable blank-node id
    for parent, child in shapes.subject_objects(SH.property):
        if shapes.value(child, SH.message) is not None:
            assert isinstance(child, URIRef), parent


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_shape_fires_on_the_edited_node(valid: Graph, case: Case) -> None:
    results = shacl_violations(edited(valid, case))
    shape = SHAPES_NS + case.shape
    expected_message = str(load_shapes().value(URIRef(shape), SH.message))
    hits = [v for v in results if v.shape == shape]
    assert hits, f"{case.shape} did not fire; got {[str(v) for v in results]}"
    assert {v.focus for v in hits} == {str(case.focus)}
    for v in hits:
        assert v.message == expected_message
        assert case.keyword in v.message
        assert v.severity == case.severity


def test_violation_fields_for_a_property_result(valid: Graph) -> None:
    g = edited(valid, CASES[0])  # c-main without citation
    [v] = shacl_violations(g)
    assert v == Violation(
        focus=str(n("c-main")),
        local_id="c-main",
        shape=SHAPES_NS + "Statement-citation",
        constraint="sh:MinCountConstraintComponent",
        path="tlm:citation",
        message=v.message,
        severity="Violation",
        value=None,
    )
    assert v.shape_name == "Statement-citation"
    assert str(v).startswith("Violation: c-main (https://w3id.org/toulmin/d/valid-min/c-main):")


def test_paths_are_rendered_compactly(valid: Graph) -> None:
    by_id = {case.id: case for case in CASES}
    [decision] = [
        v
        for v in shacl_violations(edited(valid, by_id["service-without-decision"]))
        if v.shape_name == "RequestedService-decision"
    ]
    assert decision.path == "^tlm:forService"
    [record] = shacl_violations(edited(valid, by_id["finding-not-from-record"]))
    assert record.path == "tlm:citation/tlm:citedSource"
    dates = [
        v
        for v in shacl_violations(edited(valid, by_id["determination-date-as-string"]))
        if v.shape_name == "Determination-dates"
    ]
    assert [v.path for v in dates] == ["(tlm:requestReceived|tlm:decidedAt)"]
    assert dates[0].value == "21 November 2025"


def test_results_are_sorted_and_repeatable(valid: Graph) -> None:
    g = edited(
        valid,
        Case(
            "many",
            DET,
            "",
            "",
            remove=(
                (n("c-main"), TLM.citation, None),
                (n("c-mild"), TLM.citation, None),
                (n("study"), DCTERMS.title, None),
            ),
        ),
    )
    first = shacl_violations(g)
    assert [v.local_id for v in first] == ["c-main", "c-mild", "study"]
    assert shacl_violations(g) == first


def test_dataset_is_checked_as_a_whole(valid: Graph) -> None:
    ds = Dataset()
    named = ds.graph(URIRef(BASE + "graph"))
    for triple in valid:
        named.add(triple)
    named.remove((n("c-main"), TLM.citation, None))
    assert [v.local_id for v in shacl_violations(ds)] == ["c-main"]


def test_require_valid_raises_with_every_violation(valid: Graph) -> None:
    assert require_valid(valid) == []
    g = edited(valid, CASES[0])
    with pytest.raises(ValidationFailed) as caught:
        require_valid(g)
    assert caught.value.exit_code == 1
    assert "c-main" in str(caught.value)
    assert "Statement-citation" in str(caught.value)


def test_warnings_fail_only_when_asked(valid: Graph) -> None:
    by_id = {case.id: case for case in CASES}
    g = edited(valid, by_id["finding-not-from-record"])
    [warning] = require_valid(g)
    assert warning.severity == "Warning"
    with pytest.raises(ValidationFailed):
        require_valid(g, allow_warnings=False)
