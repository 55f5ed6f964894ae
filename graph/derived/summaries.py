"""Per-determination summary facts, computed at load time into the derived graph.

Some auditor questions are corpus-wide scans: "which statements have no citation",
"which conclusions rest on a single source". Asked of 100,000 determinations they
walk every statement and every support path; on Oxigraph each path check costs a
millisecond or more, so the scan takes many seconds. A determination is small,
though, and its answers do not change until it is loaded again, so the loader
computes them once, per determination, and stores them as a ``tlm:Summary`` node
in the derived named graph ``d:{det}/derived`` (never in the asserted graph)::

    GRAPH d:{det}/derived {
      d:{det}/summary a tlm:Summary ;
          tlm:summaryOf d:{det} ;
          tlm:citationGap d:{det}/k-1 ;        # a statement uncited, or citing an untitled source
          tlm:unspecificDenial d:{det}/svc-1/decision ;  # names no specific, versioned criterion
          tlm:unsupportedMet d:{det}/a-2 ;     # assessed 'met' with no finding under it
          tlm:unansweredAttack d:{det}/x-1 ;   # an attack on the main claim's side, unanswered
          tlm:thinConclusion d:{det}/c-2 ;     # every citation under it leads to one source
          tlm:mainClaimLabel tlm:In ;          # the evaluator's label of the main claim
          tlm:turnaroundHours 41.25 .          # request received -> decision, in hours
      d:{det}/c-2 tlm:soleSource d:{det}/record .   # that one source
      d:{det}/mcg tlm:versionApplied "2025.1" .     # each version a criteria set was applied at
    }

Corpus-wide aggregations and joins get pre-joined facts as well, so that their query
reads a few short lists joined on the row (a per-row index lookup costs more than a
row of a hash join, on 100,000 determinations by far)::

    GRAPH d:{det}/derived {
      d:{det}/summary tlm:determinationOutcome tlm:Denied .
      d:{det}/mcg tlm:criteriaSetLabel "mcg-spine" .      # identifier, else title
      d:{det}/f-pt tlm:failedTrialWeeks 4.0 .             # a failed or partial trial's weeks
      tally:9f86d0... tlm:tallyReviewer "Dr. A" ;         # one IRI per (reviewer, set,
          tlm:tallyCriteriaSet "mcg-spine" ;              # criterion) in every determination
          tlm:tallyCriterion "P-1" ;
          tlm:assessedCount 2 ; tlm:notMetCount 1 .       # this determination's counts
      d:{det}/summary/mild-imaging/f-xr/svc-1             # an approved line, imaging at most mild
          tlm:mildImagingDetermination d:{det} ; tlm:mildImagingFinding d:{det}/f-xr ;
          tlm:mildImagingCode "63047" ; tlm:mildImagingModality "X-ray" ;
          tlm:mildImagingSeverity "mild" ; tlm:mildImagingText "..." .
      d:{det}/summary/specialty/svc-2                     # a denied line whose reviewer's
          tlm:specialtyCheckDetermination d:{det} ;       # specialty is missing or not the
          tlm:specialtyCheckCode "22612" ;                # line's, letter for letter
          tlm:specialtyCheckServiceSpecialty "spine surgery" ;
          tlm:specialtyCheckReviewer "Dr. A" ; tlm:specialtyCheckReviewerSpecialty "cardiology" .
    }

A summary with no link of a kind means "checked: none". Each audit rule is written
once, here, as a :class:`~toulmin.graph.derived.rules.Rule` over the determination's
asserted graph (:data:`RULES`): the loader evaluates the rules in Python on each
determination (:func:`summary_triples`), and :mod:`toulmin.queries.reference` writes
the same rules as SPARQL over every named graph to make the reference version of each
auditor query that reads them (the query with its summary reads replaced by the
rules), which the tests compare with the named query and the runner falls back to on
a store without summaries. The evaluator's label of the main claim
(``tlm:mainClaimLabel``) is copied by :mod:`toulmin.graph.derived.layer`, not a rule.

Imports :mod:`toulmin.graph.derived.rules`, :mod:`toulmin.graph.rdf` and the ontology
namespace; never :mod:`toulmin.graph.derived.layer` (which imports this module).

Examples
--------
>>> from toulmin.graph.authoring.casefile import parse_case
>>> from toulmin.graph.rdf.compile import compile_triples
>>> det = parse_case('''
... toulmin: 1
... id: tiny
... title: Tiny
... request: {received: "2025-01-01T08:00:00Z", urgency: standard}
... decision: {outcome: approved, main_claim: c, decided: "2025-01-02T20:30:00Z"}
... sources: [{id: rec, kind: clinical-document, title: Record}]
... services: [{id: s, code: "22850", decision: approved, claim: c}]
... statements:
...   - {id: c, kind: conclusion, text: Necessary., cite: rec}
...   - {id: k, kind: claim, text: Unsourced., cite: []}
... ''')
>>> facts = set(summary_triples(compile_triples(det)))
>>> s = summary_iri("tiny")
>>> [str(o) for p in (TLM.citationGap, TLM.thinConclusion, TLM.turnaroundHours)
...  for (_, q, o) in sorted(facts) if q == p]
['https://w3id.org/toulmin/d/tiny/k', 'https://w3id.org/toulmin/d/tiny/c', '36.50']
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import quote

from rdflib import RDF, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from toulmin.graph.derived.rules import (
    Alt,
    Bind,
    Bound,
    Coalesce,
    Compute,
    Count,
    Eq,
    Exists,
    Filter,
    Group,
    If,
    In,
    Inv,
    Let,
    Ne,
    Not,
    NotExists,
    OneOrMore,
    Optional,
    Or,
    Rule,
    Seq,
    T,
    TripleIndex,
    Values,
    Var,
    ZeroOrMore,
    ZeroOrOne,
    construct,
)
from toulmin.graph.rdf.iris import node_iri
from toulmin.ontology.namespace import TLM

__all__ = [
    "RULES",
    "SUMMARY_PROPERTIES",
    "TALLY_BASE",
    "summary_iri",
    "summary_triples",
    "tally_iri",
    "turnaround_hours",
]

#: Summary properties, with what they state (also the list for the ontology).
SUMMARY_PROPERTIES: dict[str, str] = {
    "citationGap": "Summary -> Statement: no citation, or citing a source with no known title",
    "unspecificDenial": "Summary -> ServiceDecision: denied, no specific versioned criterion",
    "unsupportedMet": "Summary -> CriterionAssessment: 'met' with no clinical finding under it",
    "unansweredAttack": "Summary -> Conflict: attacks the main claim's side, nothing answers it",
    "thinConclusion": "Summary -> Conclusion: every citation under it leads to one source",
    "soleSource": "Conclusion -> Source: that one source (only for thin conclusions)",
    "mainClaimLabel": "Summary -> Label: the evaluator's label of the main claim",
    "versionApplied": (
        "CriteriaSet -> literal: a version its criteria were applied at (a criterion's own "
        "version, else the set's; '(none)' when neither is known)"
    ),
    "turnaroundHours": "Summary -> xsd:decimal: hours from the request's receipt to the decision",
    "determinationOutcome": "Summary -> Outcome: the determination's outcome, repeated",
    "criteriaSetLabel": "CriteriaSet -> literal: its identifier, else its title",
    "failedTrialWeeks": (
        "FindingStatement -> xsd:decimal: the documented weeks of the treatment trial it "
        "reports as failed or partly successful"
    ),
    "tallyReviewer": "CriterionTally -> literal: the reviewer's name, or '(unnamed)'",
    "tallyCriteriaSet": "CriterionTally -> literal: the criteria set's identifier, or ''",
    "tallyCriterion": "CriterionTally -> literal: the criterion's reference, else its wording",
    "assessedCount": "CriterionTally -> xsd:integer: assessments (met, not met, insufficient)",
    "notMetCount": "CriterionTally -> xsd:integer: of those, the ones not met",
    "mildImagingDetermination": "MildImagingApproval -> Determination",
    "mildImagingFinding": "MildImagingApproval -> FindingStatement: the imaging finding",
    "mildImagingCode": "MildImagingApproval -> literal: the approved line's procedure code",
    "mildImagingModality": "MildImagingApproval -> literal: the finding's imaging modality",
    "mildImagingSeverity": "MildImagingApproval -> literal: 'mild' or 'none'",
    "mildImagingText": "MildImagingApproval -> literal: the finding statement's text",
    "specialtyCheckDetermination": "SpecialtyCheck -> Determination",
    "specialtyCheckCode": "SpecialtyCheck -> literal: the denied line's procedure code",
    "specialtyCheckServiceSpecialty": "SpecialtyCheck -> literal: the line's specialty",
    "specialtyCheckReviewer": "SpecialtyCheck -> literal: the reviewer's name",
    "specialtyCheckReviewerSpecialty": "SpecialtyCheck -> literal: the reviewer's specialty",
}

#: Base of the tally IRIs (:func:`tally_iri`): one per reviewer, criteria set and criterion.
TALLY_BASE = "https://w3id.org/toulmin/tally/"


def summary_iri(det: str) -> URIRef:
    """The summary node of a determination: ``d:{det}/summary``."""
    return node_iri(det, "summary")


def _instant(value: str) -> datetime:
    """A date or date-time as an aware datetime (a date is midnight UTC; naive is UTC)."""
    text = value.replace("Z", "+00:00")
    moment = datetime.fromisoformat(text if "T" in text else text + "T00:00:00+00:00")
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def turnaround_hours(received: str | None, decided: str | None) -> Decimal | None:
    """Hours from ``received`` to ``decided``, to 2 places (half up), or ``None``.

    Whole seconds (truncated) over 3600, rounded half away from zero, as
    :data:`_HOURS_STEPS` compute them with date arithmetic.

    >>> turnaround_hours("2025-01-01T08:00:00Z", "2025-01-04T09:30:00+01:00")
    Decimal('72.50')
    >>> turnaround_hours("2025-01-01", "2025-01-16") , turnaround_hours(None, "2025-01-16")
    (Decimal('360.00'), None)
    """
    if not received or not decided:
        return None
    seconds = Decimal(int((_instant(decided) - _instant(received)).total_seconds()))
    return (seconds / Decimal(3600)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def tally_iri(reviewer: str, criteria_set: str, criterion: str) -> URIRef:
    """The tally of one reviewer, criteria set and criterion: the same IRI in every determination.

    Each determination's derived graph states its own counts for it, so that the corpus
    query sums one list per count and groups by the IRI. The IRI is the SHA-256 of the
    three names, each percent-encoded as SPARQL's ``ENCODE_FOR_URI`` does, joined by ``/``
    (so that the reference queries compute the same IRI).

    >>> tally_iri("Dr. A", "mcg", "P-1") == tally_iri("Dr. A", "mcg", "P-1")
    True
    >>> str(tally_iri("Dr. A", "mcg", "P-1")).startswith(TALLY_BASE)
    True
    """
    key = "/".join(quote(part, safe="") for part in (reviewer, criteria_set, criterion))
    return URIRef(TALLY_BASE + hashlib.sha256(key.encode("utf-8")).hexdigest())


# --- what the rules compute in Python and in SPARQL alike ---------------------------------
def _hours(received: Node, decided: Node) -> Literal | None:
    hours = turnaround_hours(str(received), str(decided))
    return None if hours is None else Literal(format(hours, "f"), datatype=XSD.decimal)


_XSD = "http://www.w3.org/2001/XMLSchema#"
_AT_MIDNIGHT = f'IF(DATATYPE(@) = <{_XSD}date>, <{_XSD}dateTime>(CONCAT(STR(@), "T00:00:00Z")), @)'
_NUMBER = f"<{_XSD}decimal>"
#: :func:`turnaround_hours` with SPARQL 1.1 / XPath date arithmetic (Oxigraph, Jena): the
#: dayTimeDuration (P3DT1H30M) taken apart, whole seconds, hundredths rounded half up.
_HOURS_STEPS: tuple[tuple[str, str], ...] = (
    ("from", _AT_MIDNIGHT.replace("@", "{0}")),
    ("to", _AT_MIDNIGHT.replace("@", "{1}")),
    ("elapsed", "STR({to} - {from})"),
    (
        "days",
        f'IF(CONTAINS({{elapsed}}, "D"), {_NUMBER}(STRBEFORE(STRAFTER({{elapsed}}, "P"), "D")), 0)',
    ),
    ("time", 'STRAFTER({elapsed}, "T")'),
    ("h", f'IF(CONTAINS({{time}}, "H"), {_NUMBER}(STRBEFORE({{time}}, "H")), 0)'),
    ("afterH", 'IF(CONTAINS({time}, "H"), STRAFTER({time}, "H"), {time})'),
    ("m", f'IF(CONTAINS({{afterH}}, "M"), {_NUMBER}(STRBEFORE({{afterH}}, "M")), 0)'),
    ("afterM", 'IF(CONTAINS({afterH}, "M"), STRAFTER({afterH}, "M"), {afterH})'),
    ("s", f'IF(CONTAINS({{afterM}}, "S"), {_NUMBER}(STRBEFORE({{afterM}}, "S")), 0)'),
    ("seconds", "FLOOR({days} * 86400 + {h} * 3600 + {m} * 60 + {s})"),
    ("hours", 'IF(STRSTARTS({elapsed}, "-"), -1, 1) * ROUND({seconds} / 36) / 100'),
)


def _suffix(*parts: str | Var) -> Compute:
    """``IRI(CONCAT(STR(?det), parts...))``: a node of the determination made of ``parts``."""
    variables = [p for p in parts if isinstance(p, Var)]
    text = ", ".join(
        f'"{p}"' if isinstance(p, str) else f"STR({{{variables.index(p) + 1}}})" for p in parts
    )

    def python(det: Node, *values: Node) -> URIRef:
        it = iter(values)
        return URIRef(str(det) + "".join(p if isinstance(p, str) else str(next(it)) for p in parts))

    return Compute(python, f"IRI(CONCAT(STR({{0}}), {text}))", (DET, *variables))


def _tally(reviewer: Node, criteria_set: Node, criterion: Node) -> URIRef:
    return tally_iri(str(reviewer), str(criteria_set), str(criterion))


_TALLY_SPARQL = (
    f'IRI(CONCAT("{TALLY_BASE}", SHA256(CONCAT(ENCODE_FOR_URI({{0}}), "/", '
    'ENCODE_FOR_URI({1}), "/", ENCODE_FOR_URI({2})))))'
)


# --- the rules ----------------------------------------------------------------------------
DET, SUMMARY = Var("determination"), Var("summary")
_SUPPORT = ZeroOrMore(Seq(Inv(TLM.conclusion), TLM.premise))  # a statement and all under it
_SIDE = Seq(_SUPPORT, ZeroOrOne(Inv(TLM.conclusion)))  # ... and the inferences into them
_FOR_EACH_DETERMINATION = (T(DET, RDF.type, TLM.Determination), Bind(_suffix("/summary"), SUMMARY))

_stmt, _cls, _cite, _src, _title = (Var(n) for n in ("statement", "class", "c", "src", "t"))
CITATION_GAPS = Rule(
    "a statement with no citation, or citing a source with no known title",
    (
        *_FOR_EACH_DETERMINATION,
        Values(
            _cls,
            (
                TLM.Conclusion,
                TLM.Claim,
                TLM.FindingStatement,
                TLM.GuidelineStatement,
                TLM.CriterionAssessment,
            ),
        ),
        T(_stmt, RDF.type, _cls),
        Filter(
            Or(
                Not(Exists(T(_stmt, TLM.citation, _cite))),
                Exists(
                    T(_stmt, Seq(TLM.citation, TLM.citedSource), _src),
                    Filter(
                        Or(
                            Not(Exists(T(_src, DCTERMS.title, _title))),
                            Exists(T(_src, TLM.unknownField, Literal("title"))),
                        )
                    ),
                ),
            )
        ),
    ),
    ((SUMMARY, TLM.citationGap, _stmt),),
)

_dec, _good, _ref, _ver = (Var(n) for n in ("decision", "good", "ref", "version"))
UNSPECIFIC_DENIALS = Rule(
    "a denied decision naming no criterion with a reference and a version",
    (
        *_FOR_EACH_DETERMINATION,
        T(DET, TLM.decision, _dec),
        T(_dec, TLM.outcome, TLM.Denied),
        NotExists(
            T(_dec, TLM.appliedCriterion, _good),
            T(_good, TLM.criterionId, _ref),
            T(_good, Alt(TLM.version, Seq(TLM.definedIn, TLM.version)), _ver),
        ),
    ),
    ((SUMMARY, TLM.unspecificDenial, _dec),),
)

_assessment = Var("assessment")
UNSUPPORTED_MET = Rule(
    "an assessment 'met' with no chain of inferences down to a clinical finding",
    (
        *_FOR_EACH_DETERMINATION,
        T(_assessment, TLM.assessmentResult, TLM.Met),
        NotExists(
            T(
                _assessment,
                Seq(OneOrMore(Seq(Inv(TLM.conclusion), TLM.premise)), RDF.type),
                TLM.FindingStatement,
            )
        ),
    ),
    ((SUMMARY, TLM.unsupportedMet, _assessment),),
)

_conflict, _attacker, _target, _main, _answer = (
    Var(n) for n in ("conflict", "attacker", "target", "main", "answer")
)
UNANSWERED_ATTACKS = Rule(
    "an attack on the main claim's side that nothing answers",
    (
        *_FOR_EACH_DETERMINATION,
        T(DET, TLM.mainClaim, _main),
        T(_conflict, TLM.target, _target),
        T(_conflict, TLM.attacker, _attacker),
        Filter(Exists(T(_main, _SIDE, _target))),
        NotExists(T(_attacker, Seq(_SIDE, Inv(TLM.target)), _answer)),
    ),
    ((SUMMARY, TLM.unansweredAttack, _conflict),),
)

_concl, _under, _n, _sole = (Var(n) for n in ("conclusion", "under", "sources", "sole"))
THIN_CONCLUSIONS = Rule(
    "a conclusion whose every citation, and every one under it, leads to one source",
    (
        *_FOR_EACH_DETERMINATION,
        Group(
            (_concl,),
            (
                T(_concl, RDF.type, TLM.Conclusion),
                T(_concl, _SUPPORT, _under),
                T(_under, Seq(TLM.citation, TLM.citedSource), _src),
            ),
            counts=(("sources", Count(_src, distinct=True)),),
            samples=(("sole", _src),),
            having=Eq(_n, Literal(1)),
        ),
    ),
    ((SUMMARY, TLM.thinConclusion, _concl), (_concl, TLM.soleSource, _sole)),
)

_set, _versioned, _own, _set_version, _label = (
    Var(n) for n in ("set", "versioned", "own", "setVersion", "label")
)
VERSIONS_APPLIED = Rule(
    "each version a criteria set was applied at (a criterion's own, else the set's)",
    (
        T(_set, RDF.type, TLM.CriteriaSet),
        T(_set, ZeroOrOne(Inv(TLM.definedIn)), _versioned),
        Optional(T(_set, TLM.version, _set_version)),
        Optional(T(_versioned, TLM.version, _own)),
        Bind(Coalesce(_own, _set_version, Literal("(none)")), _ver),
    ),
    ((_set, TLM.versionApplied, _ver),),
)

_identifier = Var("identifier")
CRITERIA_SET_LABELS = Rule(
    "a criteria set's identifier, else its title",
    (
        T(_set, RDF.type, TLM.CriteriaSet),
        Optional(T(_set, DCTERMS.identifier, _identifier)),
        Optional(T(_set, DCTERMS.title, _title)),
        Bind(Coalesce(_identifier, _title), _label),
    ),
    ((_set, TLM.criteriaSetLabel, _label),),
)

_received, _decided, _hours_var, _outcome = (
    Var(n) for n in ("received", "decided", "hours", "outcome")
)
SUMMARY_NODE = Rule(
    "the summary node, its determination and the determination's outcome",
    (*_FOR_EACH_DETERMINATION, Optional(T(DET, TLM.outcome, _outcome))),
    (
        (SUMMARY, RDF.type, TLM.Summary),
        (SUMMARY, TLM.summaryOf, DET),
        (SUMMARY, TLM.determinationOutcome, _outcome),
    ),
)

TURNAROUND = Rule(
    "hours from the request's receipt to the decision",
    (
        *_FOR_EACH_DETERMINATION,
        T(DET, TLM.requestReceived, _received),
        T(DET, TLM.decidedAt, _decided),
        Let(_hours_var, _hours, (_received, _decided), _HOURS_STEPS),
    ),
    ((SUMMARY, TLM.turnaroundHours, _hours_var),),
)

_trial, _weeks, _result = (Var(n) for n in ("trial", "weeks", "result"))
FAILED_TRIALS = Rule(
    "a statement reporting a failed or partial treatment trial, with its weeks",
    (
        T(_trial, TLM.treatmentOutcome, _result),
        Filter(In(_result, (Literal("failed"), Literal("partial")))),
        T(_trial, TLM.durationWeeks, _weeks),
        T(_stmt, TLM.reports, _trial),
    ),
    ((_stmt, TLM.failedTrialWeeks, _weeks),),
)

_reviewer, _name, _crit, _reviewer_name, _set_id, _key = (
    Var(n) for n in ("reviewer", "name", "criterion", "reviewerName", "setId", "key")
)
_wording, _tally_var, _assessed, _not_met = (
    Var(n) for n in ("wording", "tally", "assessed", "notMet")
)
CRITERION_TALLIES = Rule(
    "per reviewer, criteria set and criterion: assessments made, and those not met",
    (
        Group(
            (_reviewer_name, _set_id, _key),
            (
                T(_assessment, TLM.assessmentResult, _result),
                Filter(In(_result, (TLM.Met, TLM.NotMet, TLM.Insufficient))),
                T(_assessment, TLM.assesses, _crit),
                T(_crit, RDF.type, TLM.Criterion),
                Optional(T(DET, TLM.reviewer, _reviewer), T(_reviewer, TLM.agentName, _name)),
                Optional(T(_crit, TLM.definedIn, _set), T(_set, DCTERMS.identifier, _identifier)),
                Optional(T(_crit, TLM.criterionId, _ref)),
                Optional(T(_crit, TLM.criterionText, _wording)),
                Bind(Coalesce(_name, Literal("(unnamed)")), _reviewer_name),
                Bind(Coalesce(_identifier, Literal("")), _set_id),
                Bind(Coalesce(_ref, _wording), _key),
            ),
            counts=(
                ("assessed", Count(_assessment)),
                ("notMet", Count(total=If(Eq(_result, TLM.NotMet), Literal(1), Literal(0)))),
            ),
        ),
        Bind(Compute(_tally, _TALLY_SPARQL, (_reviewer_name, _set_id, _key)), _tally_var),
    ),
    (
        (_tally_var, TLM.tallyReviewer, _reviewer_name),
        (_tally_var, TLM.tallyCriteriaSet, _set_id),
        (_tally_var, TLM.tallyCriterion, _key),
        (_tally_var, TLM.assessedCount, _assessed),
        (_tally_var, TLM.notMetCount, _not_met),
    ),
)

_finding, _image, _severity, _service, _code, _modality, _text, _row = (
    Var(n) for n in ("finding", "image", "severity", "service", "code", "modality", "text", "row")
)
_worse, _fid, _sid, _severity_name = (Var(n) for n in ("worse", "fid", "sid", "severityName"))
MILD_IMAGING = Rule(
    "an approved line in a determination whose findings are at most mild: one row per finding",
    (
        *_FOR_EACH_DETERMINATION,
        NotExists(
            T(Var("worseImage"), TLM.severity, _worse),
            T(Var("worseImage"), RDF.type, TLM.ImagingFinding),  # a comorbidity is no image
            Filter(In(_worse, (TLM.Moderate, TLM.Severe))),
        ),
        T(_image, TLM.severity, _severity),
        T(_image, RDF.type, TLM.ImagingFinding),
        Filter(In(_severity, (TLM.NoSeverity, TLM.Mild))),
        T(_finding, TLM.reports, _image),
        T(_finding, TLM.localId, _fid),
        T(_finding, TLM.text, _text),
        Optional(T(_image, TLM.modality, _modality)),
        T(DET, TLM.decision, _dec),
        T(_dec, TLM.outcome, TLM.Approved),
        T(_dec, TLM.forService, _service),
        T(_service, TLM.localId, _sid),
        T(_service, TLM.procedureCode, _code),
        Bind(If(Eq(_severity, TLM.Mild), Literal("mild"), Literal("none")), _severity_name),
        Bind(_suffix("/summary/mild-imaging/", _fid, "/", _sid), _row),
    ),
    (
        (_row, TLM.mildImagingDetermination, DET),
        (_row, TLM.mildImagingFinding, _finding),
        (_row, TLM.mildImagingCode, _code),
        (_row, TLM.mildImagingModality, _modality),
        (_row, TLM.mildImagingSeverity, _severity_name),
        (_row, TLM.mildImagingText, _text),
    ),
)

_service_specialty, _reviewer_specialty = Var("serviceSpecialty"), Var("reviewerSpecialty")
SPECIALTY_CHECKS = Rule(
    "a denied line whose reviewer's specialty is missing or not the line's, letter for letter",
    (
        *_FOR_EACH_DETERMINATION,
        T(DET, TLM.decision, _dec),
        T(_dec, TLM.outcome, TLM.Denied),
        T(_dec, TLM.forService, _service),
        T(_service, TLM.serviceSpecialty, _service_specialty),
        T(_service, TLM.procedureCode, _code),
        T(_service, TLM.localId, _sid),
        Optional(
            T(DET, TLM.reviewer, _reviewer),
            Optional(T(_reviewer, TLM.agentName, _name)),
            Optional(T(_reviewer, TLM.specialty, _reviewer_specialty)),
        ),
        Filter(Or(Not(Bound(_reviewer_specialty)), Ne(_reviewer_specialty, _service_specialty))),
        Bind(_suffix("/summary/specialty/", _sid), _row),
    ),
    (
        (_row, TLM.specialtyCheckDetermination, DET),
        (_row, TLM.specialtyCheckCode, _code),
        (_row, TLM.specialtyCheckServiceSpecialty, _service_specialty),
        (_row, TLM.specialtyCheckReviewer, _name),
        (_row, TLM.specialtyCheckReviewerSpecialty, _reviewer_specialty),
    ),
)

#: Every audit rule, in the order its facts are written.
RULES: tuple[Rule, ...] = (
    SUMMARY_NODE,
    TURNAROUND,
    CITATION_GAPS,
    UNSPECIFIC_DENIALS,
    UNSUPPORTED_MET,
    UNANSWERED_ATTACKS,
    THIN_CONCLUSIONS,
    VERSIONS_APPLIED,
    CRITERIA_SET_LABELS,
    FAILED_TRIALS,
    CRITERION_TALLIES,
    MILD_IMAGING,
    SPECIALTY_CHECKS,
)


def summary_triples(
    asserted: Iterable[tuple[Node, Node, Node]],
) -> Iterator[tuple[Node, Node, Node]]:
    """The summary facts of one determination: :data:`RULES` over its asserted graph.

    ``asserted`` is the determination's compiled graph (``d:{det}/graph``): a
    :class:`~toulmin.graph.rdf.triples.NamedTriples` or an :class:`rdflib.Graph`.
    """
    return construct(RULES, TripleIndex(asserted))
