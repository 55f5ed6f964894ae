"""Compile a :class:`~toulmin.graph.authoring.model.Determination` to RDF (docs/rdf-model.md).

Compiling is deterministic: the same determination gives the same triples, with
IRIs derived from the determination id and the local ids. The result is one named
graph per determination; :func:`to_dataset` wraps it for N-Quads / TriG / stores.

Examples
--------
>>> from toulmin.graph.authoring.casefile import parse_case
>>> det = parse_case('''
... toulmin: 1
... id: tiny
... title: Tiny
... decision: {outcome: approved, main_claim: c}
... sources: [{id: rec, kind: clinical-document, title: Record}]
... services: [{id: s, code: "22850", decision: approved, claim: c}]
... statements: [{id: c, kind: conclusion, text: Necessary., cite: "rec#p. 2"}]
... ''')
>>> g = compile_determination(det)
>>> g.identifier
rdflib.term.URIRef('https://w3id.org/toulmin/d/tiny/graph')
>>> (node_iri("tiny", "c"), TLM.citation, citation_iri("tiny", "c", 0)) in g
True
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from rdflib import RDF, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from toulmin.graph.authoring.model import (
    Citation,
    Determination,
    Finding,
    ProofStandard,
    Statement,
)
from toulmin.graph.rdf.iris import (
    citation_iri,
    determination_iri,
    graph_iri,
    node_iri,
)
from toulmin.graph.rdf.triples import NamedTriples, plain_literal
from toulmin.ontology.namespace import OA, TLM

__all__ = [
    "ASSESSMENT_RESULTS",
    "CONFLICT_CLASSES",
    "FINDING_CLASSES",
    "OUTCOMES",
    "PROOF_STANDARDS",
    "SETTINGS",
    "SEVERITIES",
    "SIDES",
    "SOURCE_CLASSES",
    "STATEMENT_CLASSES",
    "URGENCIES",
    "compile_determination",
    "compile_triples",
    "to_dataset",
]

SOURCE_CLASSES = {
    "criteria-set": TLM.CriteriaSet,
    "guideline": TLM.Guideline,
    "study": TLM.Study,
    "clinical-document": TLM.ClinicalDocument,
}
FINDING_CLASSES = {
    "symptom": TLM.Symptom,
    "exam": TLM.ExamFinding,
    "imaging": TLM.ImagingFinding,
    "treatment-trial": TLM.TreatmentTrial,
    "surgical-history": TLM.SurgicalHistory,
    "diagnosis": TLM.Diagnosis,
    "other": TLM.ClinicalFinding,
}
STATEMENT_CLASSES = {
    "conclusion": TLM.Conclusion,
    "claim": TLM.Claim,
    "guideline": TLM.GuidelineStatement,
}
CONFLICT_CLASSES = {
    "rebut": TLM.Rebuttal,
    "undercut": TLM.Undercut,
    "undermine": TLM.Undermining,
}
OUTCOMES = {
    "approved": TLM.Approved,
    "denied": TLM.Denied,
    "partially-approved": TLM.PartiallyApproved,
    "pended": TLM.Pended,
}
ASSESSMENT_RESULTS = {
    "met": TLM.Met,
    "not-met": TLM.NotMet,
    "not-applicable": TLM.NotApplicable,
    "insufficient": TLM.Insufficient,
}
SETTINGS = {"inpatient": TLM.Inpatient, "outpatient": TLM.Outpatient, "ambulatory": TLM.Ambulatory}
URGENCIES = {
    "urgent": TLM.Urgent,
    "expedited": TLM.Expedited,
    "standard": TLM.Standard,
    "retrospective": TLM.Retrospective,
}
SIDES = {"left": TLM.Left, "right": TLM.Right, "bilateral": TLM.Bilateral}
SEVERITIES = {
    "none": TLM.NoSeverity,
    "mild": TLM.Mild,
    "moderate": TLM.Moderate,
    "severe": TLM.Severe,
    "unknown": TLM.UnknownSeverity,
}
PROOF_STANDARDS = {
    "scintilla": TLM.ScintillaOfEvidence,
    "preponderance": TLM.Preponderance,
    "clear-and-convincing": TLM.ClearAndConvincing,
    "beyond-reasonable-doubt": TLM.BeyondReasonableDoubt,
}
COMBINATIONS = {"all": TLM.AllOf, "any": TLM.AnyOf, "at-least": TLM.AtLeast}

#: Structured finding fields that are plain literals, with their property.
FINDING_LITERALS: dict[str, URIRef] = {
    "body_site": TLM.bodySite,
    "muscle": TLM.muscle,
    "grade": TLM.motorGrade,
    "trend": TLM.trend,
    "modality": TLM.modality,
    "level": TLM.spinalLevel,
    "limitation": TLM.limitation,
    "treatment": TLM.treatmentKind,
    "agent": TLM.agent,
    "outcome": TLM.treatmentOutcome,
    "procedure": TLM.procedureName,
    "icd10": TLM.icd10Code,
}
#: Source metadata fields and their Dublin Core / toulmin property.
SOURCE_FIELDS: dict[str, URIRef] = {
    "title": DCTERMS.title,
    "publisher": DCTERMS.publisher,
    "version": TLM.version,
    "date": DCTERMS.date,
    "identifier": DCTERMS.identifier,
    "note": TLM.sourceNote,
}


def _datetime(value: str) -> Literal:
    datatype = XSD.dateTime if "T" in value else XSD.date
    return Literal(value, datatype=datatype)


def _decimal(value: float) -> Literal:
    """An exact xsd:decimal for a float: ``float(result) == value`` always holds."""
    text = format(Decimal(repr(float(value))), "f")
    return Literal(text, datatype=XSD.decimal)


class _Writer:
    """Adds the triples of one determination to one graph."""

    def __init__(self, det: Determination) -> None:
        self.det = det
        self.g = NamedTriples(graph_iri(det.id))
        self.d = determination_iri(det.id)

    # helpers
    def iri(self, *parts: str | int) -> URIRef:
        return node_iri(self.det.id, *parts)

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | str | None) -> None:
        if o is None:
            return
        if type(o) is str:
            self.g.add((s, p, plain_literal(o)))
        else:
            self.g.add((s, p, o if isinstance(o, URIRef | Literal) else Literal(o)))

    def node(self, local: str, *classes: URIRef) -> URIRef:
        s = self.iri(local)
        for cls in classes:
            self.g.add((s, RDF.type, cls))
        self.g.add((s, TLM.localId, plain_literal(local)))
        self.g.add((s, TLM.inDetermination, self.d))
        return s

    def each(self, s: URIRef, p: URIRef, ids: Iterable[str]) -> None:
        for ident in ids:
            self.g.add((s, p, self.iri(ident)))

    def proof_standard(self, s: URIRef, ps: ProofStandard | None, *parts: str) -> None:
        if ps is None:
            return
        node = self.iri(*parts, "proof-standard")
        self.add(s, TLM.proofStandard, node)
        self.add(node, RDF.type, TLM.ProofStandardSetting)
        self.add(node, TLM.standardUsed, PROOF_STANDARDS[ps.standard])
        for name in ("alpha", "beta", "gamma"):
            value = getattr(ps, name)
            if value is not None:
                self.add(node, TLM[name], _decimal(value))

    def citations(self, local: str, s: URIRef, cites: tuple[Citation, ...]) -> None:
        for n, cite in enumerate(cites):
            c = citation_iri(self.det.id, local, n)
            self.add(s, TLM.citation, c)
            self.add(c, RDF.type, TLM.Citation)
            self.add(c, TLM.citedSource, self.iri(cite.source))
            self.add(c, TLM.locator, cite.locator)
            if cite.quote is not None:
                q = self.iri(local, "cite", n, "quote")
                self.add(c, OA.hasSelector, q)
                self.add(q, RDF.type, OA.TextQuoteSelector)
                self.add(q, OA.exact, cite.quote)

    def statement_common(self, item: Finding | Statement, s: URIRef) -> None:
        self.add(s, TLM.text, item.text)
        self.add(s, TLM.plainText, item.plain)
        if item.weight is not None:
            self.add(s, TLM.weight, _decimal(item.weight))
        self.citations(item.id, s, item.cite)

    # layers
    def determination(self) -> None:
        det, d = self.det, self.d
        self.add(d, RDF.type, TLM.Determination)
        self.add(d, TLM.localId, det.id)
        self.add(d, TLM.title, det.title)
        self.add(d, TLM.question, det.question)
        self.add(d, TLM.plainText, det.summary)
        self.add(d, TLM.illustrative, Literal(det.illustrative))
        self.add(d, TLM.outcome, OUTCOMES[det.outcome])
        self.add(d, TLM.mainClaim, self.iri(det.main_claim))
        case = self.iri("case")
        self.add(d, TLM.aboutCase, case)
        self.add(case, RDF.type, TLM.Case)
        self.add(case, TLM.inDetermination, d)
        if det.received:
            self.add(d, TLM.requestReceived, _datetime(det.received))
        if det.decided:
            self.add(d, TLM.decidedAt, _datetime(det.decided))
        if det.urgency:
            self.add(d, TLM.urgency, URGENCIES[det.urgency])
        if det.requested_setting:
            self.add(d, TLM.setting, SETTINGS[det.requested_setting])
        if det.reviewer:
            self.add(d, TLM.reviewer, self.iri(det.reviewer))
        self.each(d, TLM.policyApplied, det.policy)
        self.proof_standard(d, det.proof_standard)
        for agent in det.agents:
            is_reviewer = agent.role == "reviewer" or agent.id == det.reviewer
            a = self.node(agent.id, TLM.Reviewer if is_reviewer else PROV.Agent)
            self.add(a, TLM.agentName, agent.name)
            self.add(a, TLM.agentRole, agent.role)
            self.add(a, TLM.specialty, agent.specialty)
        for service in det.services:
            s = self.node(service.id, TLM.RequestedService)
            self.add(case, TLM.requests, s)
            self.add(s, TLM.procedureCode, service.code)
            self.add(s, TLM.codeSystem, service.system)
            self.add(s, TLM.codeDescription, service.description)
            if service.line is not None:
                self.add(s, TLM.lineNumber, Literal(service.line))
            self.add(s, TLM.spinalLevel, service.level)
            if service.setting:
                self.add(s, TLM.setting, SETTINGS[service.setting])
            self.add(s, TLM.serviceSpecialty, service.specialty)
            dec = self.iri(service.id, "decision")
            self.add(d, TLM.decision, dec)
            self.add(dec, RDF.type, TLM.ServiceDecision)
            self.add(dec, TLM.inDetermination, d)
            self.add(dec, TLM.forService, s)
            self.add(dec, TLM.outcome, OUTCOMES[service.decision])
            if service.claim:
                self.add(dec, TLM.decisionClaim, self.iri(service.claim))
            self.each(dec, TLM.appliedCriterion, service.criteria)
            self.add(dec, TLM.decisionReason, service.reason)
            self.add(dec, TLM.missingDocumentation, service.missing_documentation)
        if det.setting:
            st = det.setting
            dec = self.iri("setting", "decision")
            self.add(d, TLM.decision, dec)
            self.add(dec, RDF.type, TLM.ServiceDecision)
            self.add(dec, RDF.type, TLM.SettingDecision)
            self.add(dec, TLM.inDetermination, d)
            self.add(dec, TLM.setting, SETTINGS[st.requested])
            self.add(dec, TLM.outcome, OUTCOMES[st.decision])
            if st.claim:
                self.add(dec, TLM.decisionClaim, self.iri(st.claim))
            self.each(dec, TLM.appliedCriterion, st.criteria)
            self.add(dec, TLM.decisionReason, st.reason)

    def evidence(self) -> None:
        for source in self.det.sources:
            s = self.node(source.id, SOURCE_CLASSES[source.kind])
            for name, prop in SOURCE_FIELDS.items():
                self.add(s, prop, getattr(source, name))
            for name in source.unknown:
                self.add(s, TLM.unknownField, name)
        for crit in self.det.criteria:
            c = self.node(crit.id, TLM.Criterion)
            self.add(c, TLM.criterionText, crit.text)
            self.add(c, TLM.definedIn, self.iri(crit.source))
            self.add(c, TLM.criterionId, crit.ref)
            self.add(c, TLM.version, crit.version)
            for code in crit.applies_to:
                self.add(c, TLM.appliesToCode, code)
            if crit.combine:
                self.add(c, TLM.combination, COMBINATIONS[crit.combine])
            if crit.at_least is not None:
                self.add(c, TLM.atLeast, Literal(crit.at_least))
            self.each(c, TLM.subCriterion, crit.parts)
            self.each(c, TLM.exception, crit.exceptions)
            if crit.min_weeks is not None:
                self.add(c, TLM.minimumWeeks, _decimal(crit.min_weeks))
            self.add(c, TLM.minimumGrade, crit.min_grade)

    def arguments(self) -> None:
        det = self.det
        for f in det.findings:
            s = self.node(f.id, TLM.FindingStatement)
            self.statement_common(f, s)
            clinical = self.iri(f.id, "finding")
            self.add(s, TLM.reports, clinical)
            self.add(clinical, RDF.type, FINDING_CLASSES[f.kind])
            for name, prop in FINDING_LITERALS.items():
                self.add(clinical, prop, getattr(f, name))
            if f.side:
                self.add(clinical, TLM.side, SIDES[f.side])
            if f.severity:
                self.add(clinical, TLM.severity, SEVERITIES[f.severity])
            if f.duration_weeks is not None:
                self.add(clinical, TLM.durationWeeks, _decimal(f.duration_weeks))
        for st in det.statements:
            s = self.node(st.id, STATEMENT_CLASSES[st.kind])
            self.statement_common(st, s)
            self.proof_standard(s, st.proof_standard, st.id)
        for a in det.assessments:
            s = self.node(a.id, TLM.CriterionAssessment)
            self.add(s, TLM.text, a.text)
            self.add(s, TLM.plainText, a.plain)
            if a.weight is not None:
                self.add(s, TLM.weight, _decimal(a.weight))
            self.citations(a.id, s, a.cite)
            self.add(s, TLM.assesses, self.iri(a.criterion))
            self.add(s, TLM.forService, self.iri(a.service))
            self.add(s, TLM.assessmentResult, ASSESSMENT_RESULTS[a.result])
        for inf in det.inferences:
            s = self.node(inf.id, TLM.Inference)
            self.each(s, TLM.premise, inf.premises)
            self.add(s, TLM.conclusion, self.iri(inf.conclusion))
            self.add(s, TLM.scheme, inf.scheme)
            self.add(s, TLM.warrant, inf.warrant)
            if inf.weight is not None:
                self.add(s, TLM.weight, _decimal(inf.weight))
        for con in det.conflicts:
            s = self.node(con.id, TLM.Conflict, CONFLICT_CLASSES[con.kind])
            self.add(s, TLM.attacker, self.iri(con.attacker))
            self.add(s, TLM.target, self.iri(con.target))
        for pref in det.preferences:
            s = self.node(pref.id, TLM.Preference)
            self.add(s, TLM.preferredElement, self.iri(pref.preferred))
            self.add(s, TLM.dispreferredElement, self.iri(pref.over))


def compile_triples(det: Determination) -> NamedTriples:
    """The triples of one determination's named graph ``d:{det}/graph``, without rdflib's store.

    What the loader uses (see :mod:`toulmin.graph.rdf.triples`);
    :func:`compile_determination` gives the same triples as an :class:`rdflib.Graph`.
    """
    writer = _Writer(det)
    writer.determination()
    writer.evidence()
    writer.arguments()
    return writer.g


def compile_determination(det: Determination) -> Graph:
    """The named graph of one determination (identifier ``d:{det}/graph``)."""
    g = Graph(identifier=graph_iri(det.id))
    g.bind("tlm", TLM._NS)
    g.bind("oa", OA._NS)
    g.bind("dcterms", DCTERMS)
    g.bind("d", f"https://w3id.org/toulmin/d/{det.id}/")
    return compile_triples(det).to_graph(into=g)


def to_dataset(graphs: Iterable[Graph]) -> Dataset:
    """Put named graphs into one :class:`rdflib.Dataset` (for N-Quads, TriG, JSON-LD)."""
    ds = Dataset()
    for g in graphs:
        for prefix, ns in g.namespaces():
            ds.bind(prefix, ns, override=False)
        target = ds.graph(g.identifier)
        for triple in g:
            target.add(triple)
    return ds
