"""The vocabulary table: which model field is which RDF property, as data (docs/rdf-model.md).

One :class:`Term` per model field that becomes one property: the field, the property
(a term of :mod:`toulmin.ontology.namespace`), the kind of value (text, string,
decimal, integer, boolean, date-time, a concept IRI from a closed list, or a reference
to another node by local id), the range the ontology declares for the property, the
cardinality, and which node of the element carries it. :data:`LAYOUT` lists, per model
class, its terms in the order the compiler writes them, with the names of the few
*structural* steps (:data:`SLOTS`) that are code rather than table: the node's types,
citations, proof standards, the sub-nodes a finding or a service decision opens.
:data:`STRUCTURAL` names the model fields those steps handle, so that every model
field is accounted for exactly once (``tests/graph/rdf/test_vocabulary.py``).

Both directions read this table: :mod:`toulmin.graph.rdf.compile` writes each term,
:mod:`toulmin.graph.rdf.decompile` reads each term back. The closed lists (outcomes,
settings, labels, ...) and the literal forms (:func:`decimal_literal`) live here too,
once, for every module that writes or reads them.

Some terms also carry a **typed form** (:class:`Typed`), written beside the plain value
for queries that compare values rather than strings, and never read back (the plain value
is the one the model holds): a motor grade as an individual of tlm:MotorGrade and a
severity as one of tlm:Severity, both ordered by ``tlm:rank`` in the ontology; a duration
as an ``xsd:dayTimeDuration`` (:func:`duration_literal`); a procedure or diagnosis code as
an IRI in its code system (:func:`code_iri`), typed tlm:Code, with ``tlm:inCodeSystem``.

Imports :mod:`toulmin.graph.authoring.model`, :mod:`toulmin.ontology` and the code system
IRIs of :mod:`toulmin.graph.criteria.values`.

Examples
--------
>>> [t.field for t in terms_of(ProofStandard)]
['standard', 'alpha', 'beta', 'gamma']
>>> term = term_of(Finding, "grade")
>>> term.prop, term.kind, term.node
(rdflib.term.URIRef('https://w3id.org/toulmin/ontology#motorGrade'), 'string', 'finding')
>>> decimal_literal(0.1)
rdflib.term.Literal('0.1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from decimal import Decimal
from typing import Literal as TypingLiteral

from rdflib import RDF, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS

from toulmin.graph.authoring.model import (
    Agent,
    Assessment,
    Citation,
    Conflict,
    Criterion,
    Determination,
    Finding,
    Inference,
    Measure,
    Patient,
    Preference,
    ProofStandard,
    Service,
    SettingDecision,
    Source,
    Statement,
)
from toulmin.graph.criteria.values import CODE_SYSTEMS
from toulmin.ontology.namespace import AIF, TLM

__all__ = [
    "ASSESSMENT_RESULTS",
    "COMBINATIONS",
    "CONFLICT_CLASSES",
    "FINDING_CLASSES",
    "LABEL_TERMS",
    "LAYOUT",
    "MOTOR_GRADES",
    "NICOTINE",
    "OUTCOMES",
    "PROOF_STANDARDS",
    "SETTINGS",
    "SEVERITIES",
    "SIDES",
    "SLOTS",
    "SOURCE_CLASSES",
    "STATEMENT_CLASSES",
    "STRUCTURAL",
    "URGENCIES",
    "Term",
    "Typed",
    "code_iri",
    "datetime_literal",
    "decimal_literal",
    "duration_literal",
    "term_of",
    "terms_of",
    "typed_value",
]

# --- closed lists: case-file word -> the ontology's individual or class -------------------
SOURCE_CLASSES: dict[str, URIRef] = {
    "criteria-set": TLM.CriteriaSet,
    "guideline": TLM.Guideline,
    "study": TLM.Study,
    "clinical-document": TLM.ClinicalDocument,
}
FINDING_CLASSES: dict[str, URIRef] = {
    "symptom": TLM.Symptom,
    "exam": TLM.ExamFinding,
    "imaging": TLM.ImagingFinding,
    "treatment-trial": TLM.TreatmentTrial,
    "surgical-history": TLM.SurgicalHistory,
    "diagnosis": TLM.Diagnosis,
    "comorbidity": TLM.Comorbidity,
    "surgical-plan": TLM.SurgicalPlan,
    "inpatient-indication": TLM.InpatientIndication,
    "other": TLM.ClinicalFinding,
}
STATEMENT_CLASSES: dict[str, URIRef] = {
    "conclusion": TLM.Conclusion,
    "claim": TLM.Claim,
    "guideline": TLM.GuidelineStatement,
}
CONFLICT_CLASSES: dict[str, URIRef] = {
    "rebut": TLM.Rebuttal,
    "undercut": TLM.Undercut,
    "undermine": TLM.Undermining,
}
OUTCOMES: dict[str, URIRef] = {
    "approved": TLM.Approved,
    "denied": TLM.Denied,
    "partially-approved": TLM.PartiallyApproved,
    "pended": TLM.Pended,
}
ASSESSMENT_RESULTS: dict[str, URIRef] = {
    "met": TLM.Met,
    "not-met": TLM.NotMet,
    "not-applicable": TLM.NotApplicable,
    "insufficient": TLM.Insufficient,
}
SETTINGS: dict[str, URIRef] = {
    "inpatient": TLM.Inpatient,
    "outpatient": TLM.Outpatient,
    "ambulatory": TLM.Ambulatory,
}
URGENCIES: dict[str, URIRef] = {
    "urgent": TLM.Urgent,
    "expedited": TLM.Expedited,
    "standard": TLM.Standard,
    "retrospective": TLM.Retrospective,
}
NICOTINE: dict[str, URIRef] = {
    "never": TLM.NeverNicotine,
    "former": TLM.FormerNicotine,
    "current": TLM.CurrentNicotine,
}
SIDES: dict[str, URIRef] = {"left": TLM.Left, "right": TLM.Right, "bilateral": TLM.Bilateral}
SEVERITIES: dict[str, URIRef] = {
    "none": TLM.NoSeverity,
    "mild": TLM.Mild,
    "moderate": TLM.Moderate,
    "severe": TLM.Severe,
    "unknown": TLM.UnknownSeverity,
}
#: MRC motor grade -> its individual of tlm:MotorGrade, weakest first: the position is the
#: grade's ``tlm:rank`` (``0/5`` is 0, ``4-/5`` 11, ``5/5`` 15). ``0-/5`` and ``5+/5``, which
#: the case schema's pattern admits, are off the scale and get no typed value.
MOTOR_GRADES: dict[str, URIRef] = {
    "0/5": TLM.MotorGrade0,
    "0+/5": TLM.MotorGrade0Plus,
    "1-/5": TLM.MotorGrade1Minus,
    "1/5": TLM.MotorGrade1,
    "1+/5": TLM.MotorGrade1Plus,
    "2-/5": TLM.MotorGrade2Minus,
    "2/5": TLM.MotorGrade2,
    "2+/5": TLM.MotorGrade2Plus,
    "3-/5": TLM.MotorGrade3Minus,
    "3/5": TLM.MotorGrade3,
    "3+/5": TLM.MotorGrade3Plus,
    "4-/5": TLM.MotorGrade4Minus,
    "4/5": TLM.MotorGrade4,
    "4+/5": TLM.MotorGrade4Plus,
    "5-/5": TLM.MotorGrade5Minus,
    "5/5": TLM.MotorGrade5,
}
PROOF_STANDARDS: dict[str, URIRef] = {
    "scintilla": TLM.ScintillaOfEvidence,
    "preponderance": TLM.Preponderance,
    "clear-and-convincing": TLM.ClearAndConvincing,
    "beyond-reasonable-doubt": TLM.BeyondReasonableDoubt,
}
COMBINATIONS: dict[str, URIRef] = {"all": TLM.AllOf, "any": TLM.AnyOf, "at-least": TLM.AtLeast}
#: Evaluation label -> its individual (written to the derived graph).
LABEL_TERMS: dict[str, URIRef] = {"in": TLM.In, "out": TLM.Out, "undecided": TLM.Undecided}


# --- literal forms -----------------------------------------------------------------------
def decimal_literal(value: float) -> Literal:
    """An exact xsd:decimal for a float: ``float(result) == value`` always holds.

    The one lexical form of every decimal toulmin writes, asserted or derived, so that
    the same value is the same literal in both graphs.

    >>> str(decimal_literal(6)), float(decimal_literal(1e-7)) == 1e-7
    ('6.0', True)
    """
    text = format(Decimal(repr(float(value))), "f")
    return Literal(text, datatype=XSD.decimal)


def datetime_literal(value: str) -> Literal:
    """An xsd:dateTime, or an xsd:date when ``value`` has no time part.

    >>> datetime_literal("2025-11-20").datatype == XSD.date
    True
    """
    datatype = XSD.dateTime if "T" in value else XSD.date
    return Literal(value, datatype=datatype)


def duration_literal(weeks: float) -> Literal:
    """A number of weeks as an ``xsd:dayTimeDuration``, which SPARQL compares as a duration.

    Days, then hours, minutes and seconds for a fraction of a day, to the microsecond;
    ``tlm:durationWeeks`` keeps the exact number.

    >>> str(duration_literal(8)), str(duration_literal(6.5)), str(duration_literal(0))
    ('P56D', 'P45DT12H', 'P0D')
    >>> str(duration_literal(0.1))
    'PT16H48M'
    """
    seconds = Decimal(repr(float(weeks))) * 7 * 86400
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    time = "".join(
        f"{part}{unit}"
        for part, unit in (
            (int(hours), "H"),
            (int(minutes), "M"),
            (format(secs.normalize(), "f"), "S"),
        )
        if Decimal(part) != 0
    )
    text = "P" + (f"{int(days)}D" if days or not time else "") + (f"T{time}" if time else "")
    return Literal(text, datatype=XSD.dayTimeDuration)


def code_iri(system: str, code: str) -> URIRef | None:
    """The IRI of ``code`` in its code system, or ``None`` for a system that has no IRI.

    The system's IRI (by name, as in :data:`~toulmin.graph.criteria.values.CODE_SYSTEMS`,
    or already an IRI), ``/``, the code.

    >>> code_iri("CPT", "22612")
    rdflib.term.URIRef('http://www.ama-assn.org/go/cpt/22612')
    >>> code_iri("ICD-10-CM", "M48.062")
    rdflib.term.URIRef('http://hl7.org/fhir/sid/icd-10-cm/M48.062')
    >>> code_iri("local codes", "X1") is None
    True
    """
    base = CODE_SYSTEMS.get(system, system)
    if not base.startswith(("http://", "https://")) or not code.replace(".", "").isalnum():
        return None
    return URIRef(f"{base.rstrip('/')}/{code}")


@dataclass(frozen=True)
class Typed:
    """The typed form of a term's value, written beside it (and never read back).

    ``kind`` is ``concept`` (an individual of ``range`` from ``concepts``), ``duration``
    (weeks as an ``xsd:dayTimeDuration``) or ``code`` (an IRI in the code system named by
    the item's field ``system_field``, or by ``system``).
    """

    prop: URIRef
    kind: TypingLiteral["concept", "duration", "code"]
    range: URIRef
    concepts: Mapping[str, URIRef] | None = None
    system: str | None = None
    system_field: str | None = None


def typed_value(typed: Typed, value: object, item: object) -> URIRef | Literal | None:
    """The typed form of ``value`` (a field of ``item``), or ``None`` when it has none.

    >>> typed_value(term_of(Finding, "grade").typed, "4-/5", None)
    rdflib.term.URIRef('https://w3id.org/toulmin/ontology#MotorGrade4Minus')
    """
    if value is None:
        return None
    if typed.kind == "concept":
        return (typed.concepts or {}).get(str(value))
    if typed.kind == "duration":
        return duration_literal(float(value))  # type: ignore[arg-type]
    system = typed.system or str(getattr(item, typed.system_field or "", None) or "")
    return code_iri(system, str(value))


# --- the table ------------------------------------------------------------------------------
#: What a term's value is in RDF: ``text`` (human-readable, range rdf:PlainLiteral) and
#: ``string`` (a code or name, range xsd:string) are both plain literals; ``concept`` is
#: one individual of a closed list; ``ref`` is another node of the determination.
Kind = TypingLiteral[
    "text", "string", "decimal", "integer", "boolean", "datetime", "concept", "ref"
]
#: ``1``: always there; ``?``: optional; ``*``: a tuple, each item one triple.
Cardinality = TypingLiteral["1", "?", "*"]

_LITERAL_RANGES: dict[str, URIRef] = {
    "text": RDF.PlainLiteral,
    "string": XSD.string,
    "decimal": XSD.decimal,
    "integer": XSD.integer,
    "boolean": XSD.boolean,
    "datetime": XSD.dateTime,
}


@dataclass(frozen=True)
class Term:
    """One model field written as one RDF property.

    Attributes
    ----------
    field : str
        The model attribute (case-file key with ``_`` for ``-``).
    prop : URIRef
        The property.
    kind : Kind
        What the value is in RDF.
    range : tuple of URIRef
        The ``rdfs:range`` the ontology declares (a union lists its members; a
        restricted datatype names the datatype it restricts).
    card : Cardinality
        ``1``, ``?`` or ``*``.
    node : str
        Which node of the element carries it: ``""`` its own node, else the sub-node a
        structural step opened (``"finding"``: the clinical finding a finding statement
        reports; ``"decision"``: a service line's decision).
    concepts : mapping of str to URIRef, optional
        For a ``concept``: case-file word -> individual.
    typed : Typed, optional
        The typed form written beside the value (grade, duration, code).
    """

    field: str
    prop: URIRef
    kind: Kind
    range: tuple[URIRef, ...]
    card: Cardinality = "?"
    node: str = ""
    concepts: Mapping[str, URIRef] | None = None
    typed: Typed | None = None
    inverse: Mapping[URIRef, str] = dataclass_field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        inverse = {v: k for k, v in (self.concepts or {}).items()}
        object.__setattr__(self, "inverse", inverse)


def _lit(
    kind: Kind,
    name: str,
    prop: URIRef,
    card: Cardinality = "?",
    *,
    node: str = "",
    range_: URIRef | None = None,
) -> Term:
    return Term(name, prop, kind, (range_ or _LITERAL_RANGES[kind],), card, node)


def text(name: str, prop: URIRef, card: Cardinality = "?", *, node: str = "") -> Term:
    """Human-readable words (a plain literal; range rdf:PlainLiteral)."""
    return _lit("text", name, prop, card, node=node)


def string(name: str, prop: URIRef, card: Cardinality = "?", *, node: str = "") -> Term:
    """A code, name or other token (a plain literal; range xsd:string)."""
    return _lit("string", name, prop, card, node=node)


def decimal(name: str, prop: URIRef, card: Cardinality = "?", *, node: str = "") -> Term:
    """A number written with :func:`decimal_literal` (range xsd:decimal or a restriction of it)."""
    return _lit("decimal", name, prop, card, node=node)


def integer(name: str, prop: URIRef, range_: URIRef = XSD.integer) -> Term:
    """A whole number (an xsd:integer literal; the range may be a subtype)."""
    return _lit("integer", name, prop, range_=range_)


def concept(
    name: str,
    prop: URIRef,
    scheme: URIRef,
    concepts: Mapping[str, URIRef],
    card: Cardinality = "?",
    *,
    node: str = "",
) -> Term:
    """One individual of the class ``scheme``, from the closed list ``concepts``."""
    return Term(name, prop, "concept", (scheme,), card, node, concepts)


def ref(name: str, prop: URIRef, *classes: URIRef, card: Cardinality = "?", node: str = "") -> Term:
    """Another node of the determination, by local id (range: the union of ``classes``)."""
    return Term(name, prop, "ref", classes, card, node)


def _typed(term: Term, typed: Typed) -> Term:
    """``term`` with a typed form."""
    return replace(term, typed=typed)


#: Structural steps in a layout, each handled in code by the compiler (and the reader):
#: step name -> what it writes.
SLOTS: dict[str, str] = {
    "case": "the determination's case node (tlm:aboutCase, a tlm:Case)",
    "requests": "the case requests this service (tlm:requests)",
    "decision": "opens a service line's decision node d:{det}/{id}/decision",
    "finding": "opens the clinical finding d:{det}/{id}/finding (tlm:reports, its class)",
    "cite": "the citations (tlm:citation, each a tlm:Citation node)",
    "quote": "a citation's quoted span (oa:hasSelector, an oa:TextQuoteSelector)",
    "proof-standard": "the proof-standard setting (tlm:proofStandard)",
    "patient": "the patient's facts, on the case node (its Patient terms)",
    "measures": "a finding's measurements: d:{det}/{id}/finding/measure/{name}, each a "
    "tlm:Measurement (tlm:measurement)",
}

Step = Term | str

_STATEMENT_TEXT: tuple[Term, ...] = (
    text("text", TLM.text, "1"),
    text("plain", TLM.plainText),
    decimal("weight", TLM.weight),
)

#: Per model class: its terms and structural steps, in the order the compiler writes them.
LAYOUT: dict[type, tuple[Step, ...]] = {
    Determination: (
        text("title", TLM.title, "1"),
        text("question", TLM.question),
        text("summary", TLM.plainText),
        _lit("boolean", "illustrative", TLM.illustrative, "1"),
        concept("outcome", TLM.outcome, TLM.Outcome, OUTCOMES, "1"),
        ref("main_claim", TLM.mainClaim, TLM.Conclusion, card="1"),
        string("criteria_set", TLM.criteriaSetId),
        string("criteria_set_version", TLM.criteriaSetVersion),
        "case",
        "patient",
        _lit("datetime", "received", TLM.requestReceived),
        _lit("datetime", "decided", TLM.decidedAt),
        concept("urgency", TLM.urgency, TLM.Urgency, URGENCIES),
        concept("requested_setting", TLM.setting, TLM.Setting, SETTINGS),
        ref("reviewer", TLM.reviewer, TLM.Reviewer),
        ref("policy", TLM.policyApplied, TLM.Source, card="*"),
        "proof-standard",
    ),
    Patient: (
        integer("age", TLM.patientAge, XSD.nonNegativeInteger),
        concept("nicotine", TLM.nicotineStatus, TLM.NicotineStatus, NICOTINE),
        _lit("datetime", "nicotine_as_of", TLM.nicotineStatusDate),
        _lit("datetime", "nicotine_quit", TLM.nicotineQuitDate),
    ),
    ProofStandard: (
        concept("standard", TLM.standardUsed, TLM.ProofStandard, PROOF_STANDARDS, "1"),
        decimal("alpha", TLM.alpha),
        decimal("beta", TLM.beta),
        decimal("gamma", TLM.gamma),
    ),
    Agent: (
        string("name", TLM.agentName),
        string("role", TLM.agentRole),
        string("specialty", TLM.specialty),
    ),
    Service: (
        "requests",
        _typed(
            string("code", TLM.procedureCode, "1"),
            Typed(TLM.coded, "code", TLM.Code, system_field="system"),
        ),
        string("system", TLM.codeSystem),
        text("description", TLM.codeDescription),
        integer("line", TLM.lineNumber, XSD.positiveInteger),
        string("level", TLM.spinalLevel),
        concept("setting", TLM.setting, TLM.Setting, SETTINGS),
        string("specialty", TLM.serviceSpecialty),
        concept("side", TLM.side, TLM.Side, SIDES),
        text("procedure", TLM.serviceProcedure),
        "decision",
        concept("decision", TLM.outcome, TLM.Outcome, OUTCOMES, "1", node="decision"),
        ref("claim", TLM.decisionClaim, TLM.Statement, node="decision"),
        ref("criteria", TLM.appliedCriterion, TLM.Criterion, card="*", node="decision"),
        text("reason", TLM.decisionReason, node="decision"),
        text("missing_documentation", TLM.missingDocumentation, node="decision"),
    ),
    SettingDecision: (
        concept("requested", TLM.setting, TLM.Setting, SETTINGS, "1"),
        concept("decision", TLM.outcome, TLM.Outcome, OUTCOMES, "1"),
        ref("claim", TLM.decisionClaim, TLM.Statement),
        ref("criteria", TLM.appliedCriterion, TLM.Criterion, card="*"),
        text("reason", TLM.decisionReason),
    ),
    Source: (
        text("title", DCTERMS.title, "1"),
        text("publisher", DCTERMS.publisher),
        string("version", TLM.version),
        string("date", DCTERMS.date),
        string("identifier", DCTERMS.identifier),
        text("note", TLM.sourceNote),
        string("unknown", TLM.unknownField, "*"),
    ),
    Criterion: (
        text("text", TLM.criterionText, "1"),
        ref("source", TLM.definedIn, TLM.Source, card="1"),
        string("ref", TLM.criterionId),
        string("version", TLM.version),
        string("applies_to", TLM.appliesToCode, "*"),
        concept("combine", TLM.combination, TLM.Combination, COMBINATIONS),
        integer("at_least", TLM.atLeast, XSD.positiveInteger),
        ref("parts", TLM.subCriterion, TLM.Criterion, card="*"),
        ref("exceptions", TLM.exception, TLM.Criterion, card="*"),
        decimal("min_weeks", TLM.minimumWeeks),
        string("min_grade", TLM.minimumGrade),
    ),
    Finding: (
        *_STATEMENT_TEXT,
        "cite",
        "finding",
        text("body_site", TLM.bodySite, node="finding"),
        string("muscle", TLM.muscle, node="finding"),
        _typed(
            string("grade", TLM.motorGrade, node="finding"),
            Typed(TLM.motorGradeValue, "concept", TLM.MotorGrade, MOTOR_GRADES),
        ),
        string("trend", TLM.trend, node="finding"),
        string("modality", TLM.modality, node="finding"),
        string("level", TLM.spinalLevel, node="finding"),
        text("limitation", TLM.limitation, node="finding"),
        string("treatment", TLM.treatmentKind, node="finding"),
        string("agent", TLM.agent, node="finding"),
        string("outcome", TLM.treatmentOutcome, node="finding"),
        string("procedure", TLM.procedureName, node="finding"),
        _typed(
            string("icd10", TLM.icd10Code, node="finding"),
            Typed(TLM.coded, "code", TLM.Code, system="ICD-10-CM"),
        ),
        concept("side", TLM.side, TLM.Side, SIDES, node="finding"),
        concept("severity", TLM.severity, TLM.Severity, SEVERITIES, node="finding"),
        _typed(
            decimal("duration_weeks", TLM.durationWeeks, node="finding"),
            Typed(TLM.duration, "duration", XSD.dayTimeDuration),
        ),
        string("root", TLM.nerveRoot, node="finding"),
        _lit("boolean", "present", TLM.present, node="finding"),
        _lit("datetime", "date", TLM.findingDate, node="finding"),
        _lit("datetime", "start", TLM.startDate, node="finding"),
        "measures",
    ),
    Measure: (
        string("name", TLM.measureName, "1"),
        decimal("value", TLM.measureValue, "1"),
    ),
    Statement: (*_STATEMENT_TEXT, "cite", "proof-standard"),
    Assessment: (
        *_STATEMENT_TEXT,
        "cite",
        ref("criterion", TLM.assesses, TLM.Criterion, card="1"),
        ref("service", TLM.forService, TLM.RequestedService, card="1"),
        concept("result", TLM.assessmentResult, TLM.AssessmentResult, ASSESSMENT_RESULTS, "1"),
    ),
    Inference: (
        ref("premises", TLM.premise, TLM.Statement, card="*"),
        ref("conclusion", TLM.conclusion, TLM.Statement, card="1"),
        string("scheme", TLM.scheme),
        text("warrant", TLM.warrant),
        decimal("weight", TLM.weight),
    ),
    Conflict: (
        ref("attacker", TLM.attacker, TLM.Statement, card="1"),
        ref("target", TLM.target, TLM.Statement, TLM.Inference, card="1"),
    ),
    Preference: (
        ref("preferred", TLM.preferredElement, AIF.Node, card="1"),
        ref("over", TLM.dispreferredElement, AIF.Node, card="1"),
    ),
    Citation: (
        ref("source", TLM.citedSource, TLM.Source, card="1"),
        string("locator", TLM.locator),
        "quote",
    ),
}

#: Per model class: the fields written by code (a node's id and types, nested elements).
STRUCTURAL: dict[type, frozenset[str]] = {
    Determination: frozenset(
        {
            "id",  # tlm:localId of d:{det}
            "proof_standard",  # "proof-standard" step
            "patient",  # "patient" step
            "agents",
            "sources",
            "criteria",
            "services",
            "setting",
            "findings",
            "statements",
            "assessments",
            "inferences",
            "conflicts",
            "preferences",
            "extra",  # case-file keys toulmin does not model: not compiled
        }
    ),
    ProofStandard: frozenset(),
    Patient: frozenset(),
    Measure: frozenset(),
    Agent: frozenset({"id"}),  # its class: tlm:Reviewer for the reviewer, else prov:Agent
    Service: frozenset({"id"}),
    SettingDecision: frozenset(),
    Source: frozenset({"id", "kind"}),  # kind: SOURCE_CLASSES
    Criterion: frozenset({"id"}),
    Finding: frozenset({"id", "kind", "cite", "measures"}),  # kind: FINDING_CLASSES
    Statement: frozenset({"id", "kind", "cite", "proof_standard"}),  # kind: STATEMENT_CLASSES
    Assessment: frozenset({"id", "cite"}),
    Inference: frozenset({"id"}),
    Conflict: frozenset({"id", "kind"}),  # kind: CONFLICT_CLASSES
    Preference: frozenset({"id"}),
    Citation: frozenset({"quote"}),  # "quote" step
}

_TERMS: dict[type, tuple[Term, ...]] = {
    cls: tuple(step for step in steps if isinstance(step, Term)) for cls, steps in LAYOUT.items()
}


def terms_of(cls: type) -> tuple[Term, ...]:
    """The terms of a model class, in the order the compiler writes them."""
    return _TERMS[cls]


def term_of(cls: type, name: str) -> Term:
    """The term of field ``name`` of model class ``cls``.

    Raises
    ------
    KeyError
        When the field is not in the table (it is structural, or not a field).
    """
    for term in _TERMS[cls]:
        if term.field == name:
            return term
    raise KeyError(f"{cls.__name__}.{name} is not in the vocabulary table")
