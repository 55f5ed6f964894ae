"""Typed RDF values: grades and severities as ordered concepts, durations, codes as IRIs.

The compiler writes a typed form beside the plain value of a motor grade, a severity (a
concept already), a trial's duration and a procedure or diagnosis code
(graph/rdf/vocabulary.py, ``Typed``). These tests check that the ontology declares them,
that the order of the concepts is the engine's order, and that a SPARQL query over the
compiled flagship (with the ontology, which holds the ranks) compares them as values.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef

from toulmin.graph.authoring.casefile import load_case, parse_case
from toulmin.graph.criteria.values import CODE_SYSTEMS, SEVERITIES, MotorGrade, severity_rank
from toulmin.graph.rdf.compile import compile_determination
from toulmin.graph.rdf.decompile import decompile
from toulmin.graph.rdf.serialize import serialize
from toulmin.graph.rdf.vocabulary import (
    LAYOUT,
    MOTOR_GRADES,
    Term,
    duration_literal,
    terms_of,
)
from toulmin.graph.rdf.vocabulary import (
    SEVERITIES as SEVERITY_TERMS,
)
from toulmin.ontology.namespace import TLM
from toulmin.ontology.validate import load_ontology

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
TYPED = [(cls, t) for cls in LAYOUT for t in terms_of(cls) if t.typed is not None]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def test_grades_durations_and_codes_have_a_typed_form() -> None:
    assert {t.field for _, t in TYPED} == {"grade", "duration_weeks", "code", "icd10"}


@pytest.mark.parametrize(("cls", "term"), TYPED, ids=[f"{c.__name__}.{t.field}" for c, t in TYPED])
def test_each_typed_form_is_declared_with_its_range(onto: Graph, cls: type, term: Term) -> None:
    assert term.typed is not None
    (declared,) = onto.objects(term.typed.prop, RDFS.range)
    assert declared == term.typed.range, (cls, term.field)
    kind = OWL.DatatypeProperty if term.typed.kind == "duration" else OWL.ObjectProperty
    assert (term.typed.prop, RDF.type, kind) in onto


def test_motor_grade_ranks_are_the_engines_order(onto: Graph) -> None:
    ranks = {g: int(onto.value(iri, TLM.rank)) for g, iri in MOTOR_GRADES.items()}
    for grade, rank in ranks.items():
        parsed = MotorGrade.parse(grade)
        assert parsed is not None, grade
        assert parsed.key == rank, grade
        assert str(onto.value(MOTOR_GRADES[grade], RDFS.label)) == grade
    assert sorted(ranks, key=ranks.get) == sorted(ranks, key=MotorGrade.parse)  # type: ignore[arg-type]
    assert len(set(ranks.values())) == len(ranks) == 16


def test_severity_ranks_are_the_engines_order(onto: Graph) -> None:
    for word in SEVERITIES:
        assert int(onto.value(SEVERITY_TERMS[word], TLM.rank)) == severity_rank(word)
    assert onto.value(TLM.UnknownSeverity, TLM.rank) is None  # not on the scale


@pytest.fixture(scope="module")
def flagship_graph(onto: Graph) -> Graph:
    g = Graph()
    for triple in compile_determination(load_case(EXAMPLES / "l4-5-revision.yaml")):
        g.add(triple)
    for triple in onto:
        g.add(triple)
    return g


def test_grades_compare_by_rank_in_sparql(flagship_graph: Graph) -> None:
    rows = flagship_graph.query(
        """SELECT ?id WHERE {
             ?f tlm:reports/tlm:motorGradeValue/tlm:rank ?rank ; tlm:localId ?id .
             tlm:MotorGrade4 tlm:rank ?four .
             FILTER (?rank < ?four) }""",
        initNs={"tlm": TLM._NS},
    )
    # 3+/5 and 4-/5 are below 4/5; 4+/5 is not
    assert sorted(str(r[0]) for r in rows) == ["f-ehl-weakness", "f-gastrocsoleus-weakness"]


def test_codes_are_iris_in_their_code_systems(flagship_graph: Graph) -> None:
    cpt = URIRef(CODE_SYSTEMS["CPT"])
    rows = flagship_graph.query(
        """SELECT ?code ?literal WHERE {
             ?s a tlm:RequestedService ; tlm:coded ?code ; tlm:procedureCode ?literal .
             ?code tlm:inCodeSystem ?system }""",
        initBindings={"system": cpt},
        initNs={"tlm": TLM._NS},
    )
    got = {(str(r[0]), str(r[1])) for r in rows}
    assert got == {(f"{cpt}/{c}", c) for c in ("22850", "63042", "22849")}
    icd = URIRef(CODE_SYSTEMS["ICD-10-CM"] + "/M41")
    assert (icd, TLM.inCodeSystem, URIRef(CODE_SYSTEMS["ICD-10-CM"])) in flagship_graph


CASE = """toulmin: 1
id: durations
title: Durations
decision: {outcome: approved, main_claim: c}
sources: [{id: rec, kind: clinical-document, title: Record}]
services: [{id: s, code: "22612", system: local-codes, decision: approved, claim: c}]
statements: [{id: c, kind: conclusion, text: Necessary., cite: rec}]
findings:
  - {id: f-pt, kind: treatment-trial, text: PT 8 weeks., duration_weeks: 8, cite: rec}
  - {id: f-meds, kind: treatment-trial, text: NSAIDs 4.5 weeks., duration_weeks: 4.5, cite: rec}
  - {id: f-brace, kind: treatment-trial, text: Brace., cite: rec}
  - {id: f-odd, kind: exam, text: Grade 5+/5 as written., grade: 5+/5, cite: rec}
"""


def test_durations_compare_as_durations_in_the_store() -> None:
    """Oxigraph (the store) compares xsd:dayTimeDuration values; rdflib's SPARQL does not."""
    det = parse_case(CASE)
    g = compile_determination(det)
    store = pyoxigraph.Store()
    store.load(serialize([g], "nquads").encode(), format=pyoxigraph.RdfFormat.N_QUADS)
    rows = store.query(
        """PREFIX tlm: <https://w3id.org/toulmin/ontology#>
           PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
           SELECT ?id WHERE { GRAPH ?g { ?f tlm:reports/tlm:duration ?d ; tlm:localId ?id } .
                              FILTER (?d >= "P42D"^^xsd:dayTimeDuration) }"""
    )
    assert [row["id"].value for row in rows] == ["f-pt"]
    assert duration_literal(4.5) == Literal("P31DT12H", datatype=XSD.dayTimeDuration)
    assert str(duration_literal(6)) == "P42D"
    assert decompile(g) == det.normalized()  # the typed forms are never read back


def test_values_without_a_typed_form_keep_only_the_plain_one() -> None:
    g = compile_determination(parse_case(CASE))
    assert not list(g.objects(None, TLM.coded))  # a code system with no IRI
    assert not list(g.objects(None, TLM.motorGradeValue))  # 5+/5 is off the scale
    assert Literal("5+/5") in set(g.objects(None, TLM.motorGrade))
