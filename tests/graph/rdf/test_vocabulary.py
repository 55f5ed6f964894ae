"""The vocabulary table (graph/rdf/vocabulary.py) against the ontology and the model.

Every term's property is declared in ontology/toulmin.ttl with the range the table
says; every field of every model class is either a term or named as structural, so a
field added to the model and forgotten in the table fails here.
"""

from __future__ import annotations

import dataclasses
import inspect

import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, URIRef
from rdflib.collection import Collection

from toulmin.graph.authoring import model
from toulmin.graph.rdf.vocabulary import LAYOUT, SLOTS, STRUCTURAL, Term, terms_of
from toulmin.ontology.namespace import TOULMIN_NS
from toulmin.ontology.validate import load_ontology

TERMS = [(cls, term) for cls in LAYOUT for term in terms_of(cls)]
IDS = [f"{cls.__name__}.{term.field}" for cls, term in TERMS]
LITERAL_KINDS = {"text", "string", "decimal", "integer", "boolean", "datetime"}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def _range(onto: Graph, node: URIRef | BNode) -> set[URIRef]:
    """A declared range as a set of IRIs: a union's members, a restriction's datatype."""
    if isinstance(node, URIRef):
        return {node}
    members = onto.value(node, OWL.unionOf)
    if members is not None:
        return {m for m in Collection(onto, members) if isinstance(m, URIRef)}
    restricted = onto.value(node, OWL.onDatatype)
    assert isinstance(restricted, URIRef), f"cannot read the range {node}"
    return {restricted}


@pytest.mark.parametrize(("cls", "term"), TERMS, ids=IDS)
def test_every_term_is_declared_with_its_range(onto: Graph, cls: type, term: Term) -> None:
    declared = set(onto.objects(term.prop, RDF.type))
    if not str(term.prop).startswith(TOULMIN_NS) and OWL.AnnotationProperty in declared:
        # Dublin Core metadata: an annotation property carries a literal, and has no range
        assert term.kind in ("text", "string"), term
        return
    expected = OWL.DatatypeProperty if term.kind in LITERAL_KINDS else OWL.ObjectProperty
    assert expected in declared, f"{term.prop} is not declared an {expected} in toulmin.ttl"
    ranges = list(onto.objects(term.prop, RDFS.range))
    assert len(ranges) == 1, f"{term.prop}: one rdfs:range, found {ranges}"
    assert _range(onto, ranges[0]) == set(term.range), (
        f"{cls.__name__}.{term.field}: the table says range {term.range}, "
        f"toulmin.ttl says {_range(onto, ranges[0])}"
    )


@pytest.mark.parametrize(("cls", "term"), TERMS, ids=IDS)
def test_cardinality_agrees_with_the_ontology(onto: Graph, cls: type, term: Term) -> None:
    functional = (term.prop, RDF.type, OWL.FunctionalProperty) in onto
    if term.card == "*":
        assert not functional, f"{cls.__name__}.{term.field} holds many, {term.prop} is functional"
    default = {f.name: f.default for f in dataclasses.fields(cls)}[term.field]
    if term.card == "1":  # always written: required, or with a default that is a value
        assert default is not None, f"{cls.__name__}.{term.field} may be None: card '?'"
    if term.card == "*":
        assert default == () or default is dataclasses.MISSING, term


@pytest.mark.parametrize(("cls", "term"), [t for t in TERMS if t[1].kind == "concept"])
def test_concepts_are_individuals_of_the_range(onto: Graph, cls: type, term: Term) -> None:
    assert term.concepts, term
    (scheme,) = term.range
    for word, iri in term.concepts.items():
        assert (iri, RDF.type, scheme) in onto, f"{cls.__name__}.{term.field}: {word} -> {iri}"


def test_every_model_class_has_a_layout() -> None:
    classes = {
        obj
        for name in model.__all__
        if inspect.isclass(obj := getattr(model, name)) and dataclasses.is_dataclass(obj)
    }
    assert classes == set(LAYOUT) == set(STRUCTURAL)


@pytest.mark.parametrize("cls", list(LAYOUT), ids=lambda c: c.__name__)
def test_every_model_field_is_in_the_table_or_structural(cls: type) -> None:
    names = [f.name for f in dataclasses.fields(cls)]
    table = [term.field for term in terms_of(cls)]
    assert len(table) == len(set(table)), f"{cls.__name__}: a field is in the table twice"
    assert not set(table) & STRUCTURAL[cls], f"{cls.__name__}: in the table and structural"
    missing = set(names) - set(table) - STRUCTURAL[cls]
    assert not missing, (
        f"{cls.__name__}: {sorted(missing)} neither in the vocabulary table "
        "(graph/rdf/vocabulary.py LAYOUT) nor listed in STRUCTURAL"
    )
    assert set(table) | STRUCTURAL[cls] <= set(names), f"{cls.__name__}: not a field"


@pytest.mark.parametrize("cls", list(LAYOUT), ids=lambda c: c.__name__)
def test_layout_steps_are_known_and_sub_nodes_are_opened_first(cls: type) -> None:
    opened = {""}
    for step in LAYOUT[cls]:
        if isinstance(step, str):
            assert step in SLOTS, f"{cls.__name__}: unknown structural step {step!r}"
            opened.add(step)
        else:
            assert step.node in opened, f"{cls.__name__}.{step.field}: node {step.node!r}"
