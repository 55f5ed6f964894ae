"""The SHACL shape cases: the valid fixture and one failing edit per reporting shape.

tests/ontology/test_shapes.py checks each edit fires its shape; tests/ontology/test_owl_fast.py
and tests/ontology/test_shacl_mix.py reuse the same graphs.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from tests.helpers.paths import FIXTURES
from toulmin.ontology.namespace import OA, TLM

__all__ = ["BASE", "CASES", "DET", "FIXTURE", "Case", "edited", "n"]

FIXTURE = FIXTURES / "rdf" / "valid-min.ttl"
DET = URIRef("https://w3id.org/toulmin/d/valid-min")
BASE = "https://w3id.org/toulmin/d/valid-min/"


def n(local: str) -> URIRef:
    """IRI of a node of the fixture (``n("c-main")``)."""
    return URIRef(BASE + local)


Triple = tuple[URIRef, URIRef, URIRef | Literal | None]


@dataclass(frozen=True)
class Case:
    """One failing edit: remove triples (None is a wildcard), add triples, expect a result."""

    id: str
    focus: URIRef
    shape: str
    keyword: str  # a word the message must contain
    remove: tuple[Triple, ...] = ()
    add: tuple[Triple, ...] = ()
    severity: str = "Violation"


def edited(valid: Graph, case: Case) -> Graph:
    g = Graph()
    for triple in valid:
        g.add(triple)
    for s, p, o in case.remove:
        g.remove((s, p, o))
    for s, p, o in case.add:
        assert o is not None
        g.add((s, p, o))
    return g


DEC = XSD.decimal
# fmt: off
CASES = [
    # --- argument layer ---
    Case("statement-uncited", n("c-main"), "Statement-citation", "citation",
         remove=((n("c-main"), TLM.citation, None),)),
    Case("statement-cites-source-directly", n("c-main"), "Statement-citation-class", "Citation",
         add=((n("c-main"), TLM.citation, n("record")),)),
    Case("statement-without-text", n("c-mild"), "Statement-text", "tlm:text",
         remove=((n("c-mild"), TLM.text, None),)),
    Case("statement-two-texts", n("c-mild"), "Statement-text", "exactly one",
         add=((n("c-mild"), TLM.text, Literal("Another wording.")),)),
    Case("finding-reports-nothing", n("f-pt"), "FindingStatement-reports", "clinical finding",
         remove=((n("f-pt"), TLM.reports, None),)),
    Case("finding-not-from-record", n("f-pt"), "FindingStatement-record", "clinical document",
         remove=((n("f-pt/cite/0"), TLM.citedSource, None),),
         add=((n("f-pt/cite/0"), TLM.citedSource, n("criteria")),), severity="Warning"),
    Case("inference-without-premise", n("i-main"), "Inference-premise", "premise",
         remove=((n("i-main"), TLM.premise, None),)),
    Case("inference-premise-not-statement", n("i-main"), "Inference-premise-class", "statement",
         add=((n("i-main"), TLM.premise, n("svc-63042")),)),
    Case("inference-two-conclusions", n("i-mild"), "Inference-conclusion", "exactly one",
         add=((n("i-mild"), TLM.conclusion, n("c-artifact")),)),
    Case("inference-without-conclusion", n("i-mild"), "Inference-conclusion", "conclusion",
         remove=((n("i-mild"), TLM.conclusion, None),)),
    Case("inference-concludes-criterion", n("i-mild"), "Inference-conclusion-class", "statement",
         remove=((n("i-mild"), TLM.conclusion, None),),
         add=((n("i-mild"), TLM.conclusion, n("crit-weakness")),)),
    Case("inference-circular", n("i-63042"), "Inference-circular", "own conclusion",
         add=((n("i-63042"), TLM.premise, n("c-63042")),)),
    Case("conflict-without-attacker", n("x-mild"), "Conflict-attacker", "attacker",
         remove=((n("x-mild"), TLM.attacker, None),)),
    Case("conflict-two-targets", n("x-mild"), "Conflict-target", "exactly one target",
         add=((n("x-mild"), TLM.target, n("c-22849")),)),
    Case("conflict-self-attack", n("x-mild"), "Conflict-self", "itself",
         remove=((n("x-mild"), TLM.target, None),),
         add=((n("x-mild"), TLM.target, n("c-mild")),)),
    Case("conflict-untyped", n("x-mild"), "ConflictKindShape", "exactly one of",
         remove=((n("x-mild"), RDF.type, TLM.Rebuttal),)),
    Case("conflict-two-kinds", n("x-mild"), "ConflictKindShape", "exactly one of",
         add=((n("x-mild"), RDF.type, TLM.Undermining),)),
    Case("undercut-on-statement", n("x-artifact"), "Undercut-target", "inference",
         remove=((n("x-artifact"), TLM.target, None),),
         add=((n("x-artifact"), TLM.target, n("c-mild")),)),
    Case("rebuttal-on-inference", n("x-mild"), "Rebuttal-target", "undercut",
         remove=((n("x-mild"), TLM.target, None),),
         add=((n("x-mild"), TLM.target, n("i-mild")),)),
    Case("rebuttal-on-premise", n("x-mild"), "Rebuttal-concluded", "undermining",
         remove=((n("x-mild"), TLM.target, None),),
         add=((n("x-mild"), TLM.target, n("f-weakness")),), severity="Warning"),
    Case("undermining-on-inference", n("x-grading"), "Undermining-target", "undercut",
         remove=((n("x-grading"), TLM.target, None),),
         add=((n("x-grading"), TLM.target, n("i-22849")),)),
    Case("undermining-on-conclusion", n("x-grading"), "Undermining-premise", "rebuttal",
         remove=((n("x-grading"), TLM.target, None),),
         add=((n("x-grading"), TLM.target, n("c-main")),), severity="Warning"),
    Case("preference-without-preferred", n("p-1"), "Preference-preferred", "preferred",
         remove=((n("p-1"), TLM.preferredElement, None),)),
    Case("preference-without-dispreferred", n("p-1"), "Preference-dispreferred", "preferred over",
         remove=((n("p-1"), TLM.dispreferredElement, None),)),
    Case("preference-over-itself", n("p-1"), "Preference-self", "itself",
         remove=((n("p-1"), TLM.dispreferredElement, None),),
         add=((n("p-1"), TLM.dispreferredElement, n("i-63042")),)),
    Case("weight-above-one", n("c-63042"), "Weight", "between 0 and 1",
         remove=((n("c-63042"), TLM.weight, None),),
         add=((n("c-63042"), TLM.weight, Literal("1.5", datatype=DEC)),)),
    Case("weight-double", n("c-63042"), "Weight", "xsd:double",
         remove=((n("c-63042"), TLM.weight, None),),
         add=((n("c-63042"), TLM.weight, Literal(0.8)),)),
    # --- evidence layer ---
    Case("citation-without-source", n("c-main/cite/0"), "Citation-source", "one source",
         remove=((n("c-main/cite/0"), TLM.citedSource, None),)),
    Case("citation-of-undeclared-source", n("c-main/cite/0"), "Citation-source-class",
         "not declared as a source",
         remove=((n("c-main/cite/0"), TLM.citedSource, None),),
         add=((n("c-main/cite/0"), TLM.citedSource, n("aans")),)),
    Case("citation-selector-not-quote", n("f-pt/cite/0"), "Citation-quote", "TextQuoteSelector",
         add=((n("f-pt/cite/0"), OA.hasSelector, n("f-pt/cite/0/quote")),)),
    Case("quote-without-words", n("f-weakness/cite/0/quote"), "Quote-exact", "oa:exact",
         remove=((n("f-weakness/cite/0/quote"), OA.exact, None),)),
    Case("source-without-title", n("study"), "Source-title", "unknownField",
         remove=((n("study"), DCTERMS.title, None),)),
    Case("source-empty-title", n("study"), "Source-title", "dcterms:title",
         remove=((n("study"), DCTERMS.title, None),),
         add=((n("study"), DCTERMS.title, Literal("")),)),
    Case("source-unknown-field-name", n("study"), "Source-unknownField", "identifier",
         add=((n("study"), TLM.unknownField, Literal("year")),)),
    Case("source-publisher-unknown-and-given", n("criteria"), "UnknownPublisherShape",
         "publisher", add=((n("criteria"), TLM.unknownField, Literal("publisher")),)),
    Case("source-version-unknown-and-given", n("criteria"), "UnknownVersionShape",
         "version", add=((n("criteria"), TLM.unknownField, Literal("version")),)),
    Case("source-date-unknown-and-given", n("criteria"), "UnknownDateShape",
         "date", add=((n("criteria"), TLM.unknownField, Literal("date")),)),
    Case("source-identifier-unknown-and-given", n("criteria"), "UnknownIdentifierShape",
         "identifier", add=((n("criteria"), TLM.unknownField, Literal("identifier")),)),
    # --- clinical layer ---
    Case("service-without-code", n("svc-22849"), "RequestedService-code", "procedureCode",
         remove=((n("svc-22849"), TLM.procedureCode, None),)),
    Case("service-code-integer", n("svc-22849"), "RequestedService-code", "string",
         remove=((n("svc-22849"), TLM.procedureCode, None),),
         add=((n("svc-22849"), TLM.procedureCode, Literal(22849)),)),
    Case("service-without-decision", n("svc-63047"), "RequestedService-decision",
         "service decision",
         add=((n("svc-63047"), RDF.type, TLM.RequestedService),
              (n("svc-63047"), TLM.procedureCode, Literal("63047")),
              (n("case"), TLM.requests, n("svc-63047")))),
    Case("service-two-decisions", n("svc-22849"), "RequestedService-decision", "exactly one",
         add=((n("svc-22849/decision-2"), RDF.type, TLM.ServiceDecision),
              (n("svc-22849/decision-2"), TLM.forService, n("svc-22849")),
              (n("svc-22849/decision-2"), TLM.outcome, TLM.Pended),
              (DET, TLM.decision, n("svc-22849/decision-2")))),
    Case("service-not-in-case", n("svc-22849"), "RequestedService-case", "case",
         remove=((n("case"), TLM.requests, n("svc-22849")),)),
    Case("service-line-zero", n("svc-22849"), "RequestedService-line", "1 or more",
         remove=((n("svc-22849"), TLM.lineNumber, None),),
         add=((n("svc-22849"), TLM.lineNumber, Literal(0)),)),
    Case("duration-negative", n("f-pt/finding"), "Duration-weeks", "0 or more",
         remove=((n("f-pt/finding"), TLM.durationWeeks, None),),
         add=((n("f-pt/finding"), TLM.durationWeeks, Literal("-2", datatype=DEC)),)),
    Case("duration-not-a-duration", n("f-pt/finding"), "Duration-typed", "dayTimeDuration",
         add=((n("f-pt/finding"), TLM.duration, Literal("8 weeks")),)),
    Case("finding-date-not-a-date", n("f-pt/finding"), "ClinicalFinding-dates", "xsd:date",
         add=((n("f-pt/finding"), TLM.startDate, Literal("last spring")),)),
    Case("finding-present-not-boolean", n("f-pt/finding"), "ClinicalFinding-present", "boolean",
         add=((n("f-pt/finding"), TLM.present, Literal("no")),)),
    Case("nicotine-date-not-a-date", n("case"), "Case-nicotine-dates", "xsd:date",
         add=((n("case"), TLM.nicotineQuitDate, Literal("2024")),)),
    Case("patient-age-negative", n("case"), "Case-age", "0 or more",
         add=((n("case"), TLM.patientAge, Literal(-3)),)),
    # --- criteria layer ---
    Case("criterion-without-text", n("crit-weakness"), "Criterion-text", "criterionText",
         remove=((n("crit-weakness"), TLM.criterionText, None),)),
    Case("criterion-without-source", n("crit-weakness"), "Criterion-source", "definedIn",
         remove=((n("crit-weakness"), TLM.definedIn, None),)),
    Case("criterion-weeks-double", n("crit-conservative"), "Criterion-minimumWeeks", "xsd:double",
         remove=((n("crit-conservative"), TLM.minimumWeeks, None),),
         add=((n("crit-conservative"), TLM.minimumWeeks, Literal(6.0)),)),
    Case("criterion-at-least-zero", n("crit-decompression"), "Criterion-atLeast", "1 or more",
         remove=((n("crit-decompression"), TLM.atLeast, None),),
         add=((n("crit-decompression"), TLM.atLeast, Literal(0)),)),
    Case("criterion-at-least-missing", n("crit-decompression"), "CriterionAtLeastShape",
         "how many", remove=((n("crit-decompression"), TLM.atLeast, None),)),
    Case("criterion-combination-without-parts", n("crit-decompression"),
         "CriterionPartsShape", "sub-criteria",
         remove=((n("crit-decompression"), TLM.subCriterion, None),)),
    Case("assessment-without-result", n("a-decompression"), "CriterionAssessment-result",
         "assessmentResult", remove=((n("a-decompression"), TLM.assessmentResult, None),)),
    Case("assessment-result-not-a-result", n("a-decompression"), "CriterionAssessment-result",
         "tlm:Met", remove=((n("a-decompression"), TLM.assessmentResult, None),),
         add=((n("a-decompression"), TLM.assessmentResult, TLM.Approved),)),
    Case("assessment-without-criterion", n("a-decompression"), "CriterionAssessment-criterion",
         "one criterion", remove=((n("a-decompression"), TLM.assesses, None),)),
    Case("assessment-for-non-service", n("a-decompression"), "CriterionAssessment-service",
         "requested service", remove=((n("a-decompression"), TLM.forService, None),),
         add=((n("a-decompression"), TLM.forService, n("crit-weakness")),)),
    # --- determination layer ---
    Case("main-claim-not-conclusion", DET, "Determination-mainClaim", "conclusion",
         remove=((DET, TLM.mainClaim, None),), add=((DET, TLM.mainClaim, n("c-mild")),)),
    Case("determination-without-outcome", DET, "Determination-outcome", "tlm:outcome",
         remove=((DET, TLM.outcome, None),)),
    Case("determination-two-outcomes", DET, "Determination-outcome", "exactly one",
         add=((DET, TLM.outcome, TLM.Pended),)),
    Case("determination-without-case", DET, "Determination-case", "case",
         remove=((DET, TLM.aboutCase, None),)),
    Case("determination-without-decisions", DET, "Determination-decision", "service decision",
         remove=((DET, TLM.decision, None),)),
    Case("determination-date-as-string", DET, "Determination-dates", "xsd:date",
         remove=((DET, TLM.decidedAt, None),),
         add=((DET, TLM.decidedAt, Literal("21 November 2025")),)),
    Case("determination-two-received", DET, "Determination-received", "requestReceived",
         add=((DET, TLM.requestReceived, Literal("2025-11-19", datatype=XSD.date)),)),
    Case("determination-two-decided", DET, "Determination-decided", "decidedAt",
         add=((DET, TLM.decidedAt, Literal("2025-11-22", datatype=XSD.date)),)),
    Case("service-decision-partial", n("svc-63042/decision"), "ServiceDecision-outcome",
         "tlm:Pended", remove=((n("svc-63042/decision"), TLM.outcome, None),),
         add=((n("svc-63042/decision"), TLM.outcome, TLM.PartiallyApproved),)),
    Case("service-decision-orphan", n("setting/decision"), "ServiceDecision-determination",
         "determination", remove=((DET, TLM.decision, n("setting/decision")),)),
    Case("service-decision-claim-not-statement", n("svc-63042/decision"),
         "ServiceDecision-claim", "statement",
         remove=((n("svc-63042/decision"), TLM.decisionClaim, None),),
         add=((n("svc-63042/decision"), TLM.decisionClaim, n("crit-decompression")),)),
    Case("setting-decision-for-service", n("setting/decision"), "ServiceDecisionTargetShape",
         "never both", add=((n("setting/decision"), TLM.forService, n("svc-63042")),)),
    Case("service-decision-for-nothing", n("svc-63042/decision"), "ServiceDecisionTargetShape",
         "forService", remove=((n("svc-63042/decision"), TLM.forService, None),)),
    Case("setting-decision-without-setting", n("setting/decision"), "SettingDecision-setting",
         "tlm:Inpatient", remove=((n("setting/decision"), TLM.setting, None),)),
    Case("denial-without-criterion", n("svc-22849/decision"), "DeniedServiceDecisionShape",
         "appliedCriterion", remove=((n("svc-22849/decision"), TLM.appliedCriterion, None),)),
    Case("denial-on-unversioned-criterion", n("svc-22849/decision"),
         "DeniedServiceDecisionShape", "versioned",
         remove=((n("crit-instability"), TLM.version, None), (n("criteria"), TLM.version, None))),
    Case("partial-determination-without-criterion", DET, "DeniedDeterminationShape",
         "partially approved",
         remove=((n("svc-22849/decision"), TLM.appliedCriterion, None),
                 (n("svc-63042/decision"), TLM.appliedCriterion, None))),
    Case("approved-with-denied-decision", DET, "ApprovedDeterminationShape", "denied decision",
         remove=((DET, TLM.outcome, None),), add=((DET, TLM.outcome, TLM.Approved),)),
    Case("denied-with-approved-decision", DET, "DeniedOutcomeShape", "approved decision",
         remove=((DET, TLM.outcome, None),), add=((DET, TLM.outcome, TLM.Denied),)),
    Case("partial-without-denial", DET, "PartialOutcomeShape", "at least one denied",
         remove=((n("svc-22849/decision"), TLM.outcome, None),),
         add=((n("svc-22849/decision"), TLM.outcome, TLM.Approved),)),
    Case("proof-standard-missing", n("proof-standard"), "ProofStandardSetting-standard",
         "standardUsed", remove=((n("proof-standard"), TLM.standardUsed, None),)),
    Case("proof-threshold-above-one", n("proof-standard"), "ProofStandardSetting-thresholds",
         "between 0 and 1", remove=((n("proof-standard"), TLM.alpha, None),),
         add=((n("proof-standard"), TLM.alpha, Literal("1.5", datatype=DEC)),)),
    Case("proof-two-alphas", n("proof-standard"), "ProofStandardSetting-alpha", "tlm:alpha",
         add=((n("proof-standard"), TLM.alpha, Literal("0.6", datatype=DEC)),)),
    Case("proof-two-betas", n("proof-standard"), "ProofStandardSetting-beta", "tlm:beta",
         add=((n("proof-standard"), TLM.beta, Literal("0.1", datatype=DEC)),)),
    Case("proof-two-gammas", n("proof-standard"), "ProofStandardSetting-gamma", "tlm:gamma",
         add=((n("proof-standard"), TLM.gamma, Literal("0.3", datatype=DEC)),)),
]
# fmt: on
