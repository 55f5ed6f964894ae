"""The ontology (ontology/toulmin.ttl): coverage of the vocabulary, OWL 2 DL hygiene,
alignments as documented in docs/rdf-model.md, and the generated reference page."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, PROV, SKOS

from toulmin.graph.rdf.vocabulary import MOTOR_GRADES
from toulmin.ontology import docs
from toulmin.ontology.namespace import AIF, OA, SCHEMA, TLM, TOULMIN_NS
from toulmin.ontology.validate import ONTOLOGY_PATH, SHAPES_PATH, load_ontology

VANN = "http://purl.org/vocab/vann/"
ECO = "http://purl.obolibrary.org/obo/ECO_"
ONTOLOGY = URIRef("https://w3id.org/toulmin/ontology")
TERMS = sorted(TLM.__annotations__)
DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def _tlm_iris(graph: Graph) -> set[URIRef]:
    return {
        term
        for triple in graph
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(TOULMIN_NS)
    }


@pytest.mark.parametrize("name", TERMS)
def test_every_vocabulary_term_is_declared_labelled_and_defined(onto: Graph, name: str) -> None:
    term = TLM[name]
    kinds = set(onto.objects(term, RDF.type)) & set(DECLARATIONS)
    assert kinds, f"tlm:{name} is not declared as a class, property or named individual"
    labels = list(onto.objects(term, RDFS.label))
    definitions = list(onto.objects(term, SKOS.definition))
    assert len(labels) == 1, f"tlm:{name}: one rdfs:label"
    assert str(labels[0]).strip(), f"tlm:{name}: one rdfs:label"
    assert len(definitions) == 1, f"tlm:{name}: definition"
    assert len(str(definitions[0])) > 15, f"tlm:{name}: definition"


def test_ontology_uses_no_term_missing_from_the_namespace(onto: Graph) -> None:
    known = {TLM[name] for name in TERMS}
    assert _tlm_iris(onto) - known == set()


def test_shapes_use_no_term_missing_from_the_namespace() -> None:
    shapes = Graph().parse(SHAPES_PATH, format="turtle")
    known = {TLM[name] for name in TERMS}
    assert _tlm_iris(shapes) - known == set()


def test_header(onto: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in onto
    assert onto.value(ONTOLOGY, OWL.versionInfo) is not None
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.license):
        assert onto.value(ONTOLOGY, prop) is not None, prop
    assert onto.value(ONTOLOGY, URIRef(VANN + "preferredNamespacePrefix")) == Literal("tlm")
    assert (None, OWL.imports, None) not in onto  # self-contained: no network


def test_no_property_is_both_object_and_datatype(onto: Graph) -> None:
    obj = set(onto.subjects(RDF.type, OWL.ObjectProperty))
    data = set(onto.subjects(RDF.type, OWL.DatatypeProperty))
    annotation = set(onto.subjects(RDF.type, OWL.AnnotationProperty))
    assert obj & data == set()
    assert (obj | data) & annotation == set()


def test_every_property_used_in_axioms_or_data_is_typed(onto: Graph) -> None:
    """OWL 2 DL needs every entity declared; external ones are declared in the file."""
    builtin = (str(RDF), str(RDFS), str(OWL), str(XSD))
    declared = (
        set(onto.subjects(RDF.type, OWL.ObjectProperty))
        | set(onto.subjects(RDF.type, OWL.DatatypeProperty))
        | set(onto.subjects(RDF.type, OWL.AnnotationProperty))
    )
    used = {p for p in onto.predicates() if not str(p).startswith(builtin)}
    used |= set(onto.objects(None, OWL.onProperty)) | set(onto.objects(None, RDFS.subPropertyOf))
    assert used - declared == set()


def test_every_class_named_in_an_axiom_is_declared(onto: Graph) -> None:
    classes = set(onto.subjects(RDF.type, OWL.Class))
    named: set[URIRef] = set()
    for prop in (RDFS.subClassOf, OWL.allValuesFrom, OWL.disjointWith):
        named |= {o for o in onto.objects(None, prop) if isinstance(o, URIRef)}
    datatype_props = set(onto.subjects(RDF.type, OWL.DatatypeProperty))
    named |= {o for o in onto.objects(None, RDFS.domain) if isinstance(o, URIRef)}
    for p, o in onto.subject_objects(RDFS.range):
        if isinstance(o, URIRef) and p in datatype_props:
            assert str(o).startswith((str(XSD), str(RDF))), (p, o)
        elif isinstance(o, URIRef):
            named.add(o)
    for head in onto.objects(None, OWL.unionOf):
        named |= {o for o in Collection(onto, head) if isinstance(o, URIRef)}
    for node in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        named |= set(Collection(onto, onto.value(node, OWL.members)))
    assert {c for c in named if isinstance(c, URIRef)} - classes == set()


def test_individuals_are_typed_and_enumerated(onto: Graph) -> None:
    enumerations = {
        TLM.Outcome: {TLM.Approved, TLM.Denied, TLM.PartiallyApproved, TLM.Pended},
        TLM.AssessmentResult: {TLM.Met, TLM.NotMet, TLM.NotApplicable, TLM.Insufficient},
        TLM.Setting: {TLM.Inpatient, TLM.Outpatient, TLM.Ambulatory},
        TLM.Urgency: {TLM.Urgent, TLM.Expedited, TLM.Standard, TLM.Retrospective},
        TLM.Side: {TLM.Left, TLM.Right, TLM.Bilateral},
        TLM.Severity: {TLM.NoSeverity, TLM.Mild, TLM.Moderate, TLM.Severe, TLM.UnknownSeverity},
        TLM.NicotineStatus: {TLM.NeverNicotine, TLM.FormerNicotine, TLM.CurrentNicotine},
        TLM.MotorGrade: set(MOTOR_GRADES.values()),
        TLM.ProofStandard: {
            TLM.ScintillaOfEvidence,
            TLM.Preponderance,
            TLM.ClearAndConvincing,
            TLM.BeyondReasonableDoubt,
        },
        TLM.Combination: {TLM.AllOf, TLM.AnyOf, TLM.AtLeast},
        TLM.Label: {TLM.In, TLM.Out, TLM.Undecided},
    }
    different = [
        set(Collection(onto, onto.value(node, OWL.distinctMembers)))
        for node in onto.subjects(RDF.type, OWL.AllDifferent)
    ]
    for cls, members in enumerations.items():
        [equivalent] = list(onto.objects(cls, OWL.equivalentClass))
        assert set(Collection(onto, onto.value(equivalent, OWL.oneOf))) == members, cls
        assert members in different, f"{cls}: members not declared all different"
        for member in members:
            assert (member, RDF.type, OWL.NamedIndividual) in onto
            assert (member, RDF.type, cls) in onto
    individuals = set(onto.subjects(RDF.type, OWL.NamedIndividual))
    assert individuals == set().union(*enumerations.values())


def test_functional_where_a_thing_has_exactly_one_value(onto: Graph) -> None:
    functional = set(onto.subjects(RDF.type, OWL.FunctionalProperty))
    for prop in (
        TLM.outcome,
        TLM.conclusion,
        TLM.assessmentResult,
        TLM.attacker,
        TLM.target,
        TLM.assesses,
        TLM.forService,
        TLM.mainClaim,
        TLM.citedSource,
        TLM.standardUsed,
        TLM.weight,
        TLM.localId,
    ):
        assert prop in functional, prop
    for prop in (TLM.premise, TLM.citation, TLM.decision, TLM.appliedCriterion, TLM.requests):
        assert prop not in functional, prop


def _disjoint_pairs(onto: Graph) -> set[frozenset[URIRef]]:
    pairs = set()
    for node in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(onto, onto.value(node, OWL.members)))
        pairs |= {frozenset((a, b)) for a in members for b in members if a != b}
    for head in onto.objects(None, OWL.disjointUnionOf):
        members = list(Collection(onto, head))
        pairs |= {frozenset((a, b)) for a in members for b in members if a != b}
    return pairs


def test_disjointness(onto: Graph) -> None:
    pairs = _disjoint_pairs(onto)
    expected = [
        (TLM.Conclusion, TLM.FindingStatement),
        (TLM.Claim, TLM.GuidelineStatement),
        (TLM.Rebuttal, TLM.Undercut),
        (TLM.Undercut, TLM.Undermining),
        (TLM.CriteriaSet, TLM.ClinicalDocument),
        (TLM.Guideline, TLM.Study),
        (TLM.ExamFinding, TLM.ImagingFinding),
        (TLM.Statement, TLM.Inference),
        (TLM.Statement, TLM.Source),
        (TLM.Outcome, TLM.AssessmentResult),
        (TLM.Determination, TLM.ServiceDecision),
    ]
    for a, b in expected:
        assert frozenset((a, b)) in pairs, (a, b)
    assert onto.value(TLM.Conflict, OWL.disjointUnionOf) is not None


def test_alignments_are_exactly_those_documented(onto: Graph) -> None:
    expected = {
        (TLM.Statement, RDFS.subClassOf, AIF["I-node"]),
        (TLM.Inference, RDFS.subClassOf, AIF["RA-node"]),
        (TLM.Conflict, RDFS.subClassOf, AIF["CA-node"]),
        (TLM.Preference, RDFS.subClassOf, AIF["PA-node"]),
        (TLM.citation, RDFS.subPropertyOf, PROV.wasDerivedFrom),
        (TLM.citedSource, RDFS.subPropertyOf, PROV.wasDerivedFrom),
        (TLM.Source, RDFS.subClassOf, PROV.Entity),
        (TLM.Citation, RDFS.subClassOf, PROV.Entity),
        (TLM.Reviewer, RDFS.subClassOf, PROV.Agent),
        (TLM.reviewer, RDFS.subPropertyOf, PROV.wasAttributedTo),
        (TLM.Citation, RDFS.subClassOf, OA.SpecificResource),
        (TLM.citedSource, RDFS.subPropertyOf, OA.hasSource),
        (TLM.Guideline, RDFS.subClassOf, SCHEMA.MedicalGuideline),
        (TLM.Citation, RDFS.subClassOf, URIRef(ECO + "0000000")),
    }
    external = tuple(
        str(ns) for ns in (AIF._NS, PROV, OA._NS, SCHEMA._NS, "http://purl.obolibrary.org/obo/")
    )
    actual = {
        (s, p, o)
        for p in (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass)
        for s, o in onto.subject_objects(p)
        if str(s).startswith(TOULMIN_NS) and isinstance(o, URIRef) and str(o).startswith(external)
    }
    assert actual == expected
    for term in (AIF["I-node"], PROV.Entity, OA.TextQuoteSelector, SCHEMA.MedicalGuideline):
        assert (term, RDF.type, OWL.Class) in onto
    for prop in (OA.hasSelector, OA.hasSource, PROV.wasDerivedFrom):
        assert (prop, RDF.type, OWL.ObjectProperty) in onto
    assert (OA.exact, RDF.type, OWL.DatatypeProperty) in onto
    for prop in (DCTERMS.title, DCTERMS.publisher, DCTERMS.date, DCTERMS.identifier):
        assert (prop, RDF.type, OWL.AnnotationProperty) in onto


def test_only_checked_eco_terms(onto: Graph) -> None:
    """ECO IDs used, each checked against ECO itself (no invented identifiers)."""
    used = {
        str(term)
        for triple in onto
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(ECO)
    }
    assert used == {
        ECO + "0000000",  # evidence
        ECO + "0000033",  # author statement supported by traceable reference
        ECO + "0000304",  # ... used in manual assertion
        ECO + "0006016",  # author statement from published clinical study
    }


def test_no_blank_node_is_left_dangling(onto: Graph) -> None:
    for node in {s for s in onto.subjects() if isinstance(s, BNode)}:
        assert (None, None, node) in onto or (node, RDF.type, None) in onto, node


def test_reference_page_is_up_to_date() -> None:
    assert docs.DEFAULT_OUTPUT.is_file(), "run: python -m toulmin.ontology.docs"
    assert docs.main(["--check"]) == 0, "run: python -m toulmin.ontology.docs, then commit"


def test_reference_check_detects_drift(tmp_path: Path) -> None:
    stale = tmp_path / "index.html"
    stale.write_text("<html>old</html>\n", encoding="utf-8")
    assert docs.main(["--check", "--output", str(stale)]) == 1
    assert docs.main(["--check", "--output", str(tmp_path / "missing.html")]) == 1
    assert ONTOLOGY_PATH.is_file()
