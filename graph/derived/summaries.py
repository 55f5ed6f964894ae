"""Per-determination summary facts, computed at load time into the derived graph.

Some auditor questions are corpus-wide scans: "which statements have no citation",
"which conclusions rest on a single source". Asked of 100,000 determinations they
walk every statement and every support path; on Oxigraph each path check costs a
millisecond or more, so the scan takes many seconds. A determination is small,
though, and its answers do not change until it is loaded again, so the loader
computes them once, per determination, and stores them as a :class:`Summary` node
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

A summary with no link of a kind means "checked: none". The auditor queries
(``queries/*.rq``) read the links and take every column from the asserted graph;
each query that does so has a reference twin (``NAME.full.rq``) that computes the
same rows without summaries, and the tests check that both agree, on the fixture
corpus and on a synthetic one. The definitions here mirror the reference queries
exactly: change both together.

Examples
--------
>>> from toulmin.graph.authoring.casefile import parse_case
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
>>> s = summarize(det)
>>> s.citation_gaps, s.thin_conclusions, s.turnaround_hours
(('k',), (('c', 'rec'),), Decimal('36.50'))
>>> g = summary_graph(det)
>>> g.identifier
rdflib.term.URIRef('https://w3id.org/toulmin/d/tiny/derived')
>>> g.value(summary_iri("tiny"), TLM.citationGap)
rdflib.term.URIRef('https://w3id.org/toulmin/d/tiny/k')
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal

from rdflib import RDF, XSD, Graph, Literal, URIRef

from toulmin.graph.authoring.model import Agent, Determination
from toulmin.graph.rdf.iris import (
    derived_graph_iri,
    determination_iri,
    determination_namespace,
    node_iri,
)
from toulmin.graph.rdf.vocabulary import LABEL_TERMS as _LABELS
from toulmin.graph.rdf.vocabulary import OUTCOMES as _OUTCOMES
from toulmin.ontology.namespace import TLM

__all__ = [
    "SUMMARY_PROPERTIES",
    "Summary",
    "derived_graphs",
    "summarize",
    "summarize_graph",
    "summary_graph",
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


@dataclass(frozen=True)
class Summary:
    """The summary facts of one determination, as local ids (see the module docstring)."""

    determination: str
    citation_gaps: tuple[str, ...]
    unspecific_denials: tuple[str, ...]  # service ids, or "setting" for the setting decision
    unsupported_met: tuple[str, ...]
    unanswered_attacks: tuple[str, ...]
    thin_conclusions: tuple[tuple[str, str], ...]  # (conclusion, its one source)
    turnaround_hours: Decimal | None
    main_claim_label: str | None = None  # in / out / undecided, when evaluated
    versions_applied: tuple[tuple[str, str], ...] = ()  # (criteria set, version)
    outcome: str | None = None  # the determination's outcome (approved, denied ...)
    criteria_set_labels: tuple[tuple[str, str], ...] = ()  # (criteria set, identifier or title)
    failed_trials: tuple[tuple[str, Decimal], ...] = ()  # (finding statement, weeks)
    #: (reviewer, criteria set identifier, criterion, assessed, not met)
    criterion_tallies: tuple[tuple[str, str, str, int, int], ...] = ()
    #: (finding, service, code, modality, "mild" or "none", text)
    mild_imaging: tuple[tuple[str, str, str, str | None, str, str], ...] = ()
    #: (service, code, service specialty, reviewer name, reviewer specialty)
    specialty_checks: tuple[tuple[str, str, str, str | None, str | None], ...] = ()


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

    >>> turnaround_hours("2025-01-01T08:00:00Z", "2025-01-04T09:30:00+01:00")
    Decimal('72.50')
    >>> turnaround_hours("2025-01-01", "2025-01-16") , turnaround_hours(None, "2025-01-16")
    (Decimal('360.00'), None)
    """
    if not received or not decided:
        return None
    seconds = Decimal(int((_instant(decided) - _instant(received)).total_seconds()))
    return (seconds / Decimal(3600)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class _Argument:
    """The support and attack structure of one determination, by local id."""

    def __init__(self, det: Determination) -> None:
        self.det = det
        self.concluded_by: dict[str, list[str]] = defaultdict(list)  # statement -> inferences
        self.premises: dict[str, tuple[str, ...]] = {}
        self.conclusion_of: dict[str, str] = {}
        for inf in det.inferences:
            self.concluded_by[inf.conclusion].append(inf.id)
            self.premises[inf.id] = inf.premises
            self.conclusion_of[inf.id] = inf.conclusion

    def support(self, start: str) -> set[str]:
        """``start`` and every statement under it: ``start (^conclusion/premise)* ?s``."""
        seen = {start}
        todo = [start]
        while todo:
            node = todo.pop()
            for inf in self.concluded_by.get(node, ()):
                for premise in self.premises[inf]:
                    if premise not in seen:
                        seen.add(premise)
                        todo.append(premise)
        return seen

    def side(self, start: str) -> set[str]:
        """The support tree of ``start`` and the inferences into it (``conclusion?``)."""
        tree = self.support(start)
        return tree | {i for s in tree for i in self.concluded_by.get(s, ())}


def _citation_gaps(det: Determination) -> tuple[str, ...]:
    untitled = {s.id for s in det.sources if not s.title or "title" in s.unknown}
    return tuple(
        st.id
        for st in det.all_statements()
        if not st.cite or any(c.source in untitled for c in st.cite)
    )


def _unspecific_denials(det: Determination) -> tuple[str, ...]:
    sources = {s.id: s for s in det.sources}
    criteria = {c.id: c for c in det.criteria}

    def specific(cid: str) -> bool:
        crit = criteria.get(cid)
        if crit is None or not crit.ref:
            return False
        source = sources.get(crit.source)
        return bool(crit.version or (source is not None and source.version))

    decisions = [(s.id, s.criteria) for s in det.services if s.decision == "denied"]
    if det.setting is not None and det.setting.decision == "denied":
        decisions.append(("setting", det.setting.criteria))
    return tuple(key for key, named in decisions if not any(specific(c) for c in named))


def _unsupported_met(det: Determination, arg: _Argument) -> tuple[str, ...]:
    findings = {f.id for f in det.findings}
    return tuple(
        a.id
        for a in det.assessments
        if a.result == "met" and not ((arg.support(a.id) - {a.id}) & findings)
    )


def _unanswered_attacks(det: Determination, arg: _Argument) -> tuple[str, ...]:
    main_side = arg.side(det.main_claim)
    targets = {c.target for c in det.conflicts}
    return tuple(
        c.id
        for c in det.conflicts
        if c.target in main_side and not (arg.side(c.attacker) & targets)
    )


def _thin_conclusions(det: Determination, arg: _Argument) -> tuple[tuple[str, str], ...]:
    cites = {st.id: {c.source for c in st.cite} for st in det.all_statements()}
    out = []
    for st in det.statements:
        if st.kind != "conclusion":
            continue
        sources: set[str] = set()
        for node in arg.support(st.id):
            sources |= cites.get(node, set())
        if len(sources) == 1:
            out.append((st.id, sources.pop()))
    return tuple(out)


def _versions_applied(det: Determination) -> tuple[tuple[str, str], ...]:
    out: set[tuple[str, str]] = set()
    for source in det.sources:
        if source.kind != "criteria-set":
            continue
        criteria = [c for c in det.criteria if c.source == source.id]
        # the set itself counts too (with no criteria, or criteria of their own version)
        for version in [source.version, *(c.version or source.version for c in criteria)]:
            out.add((source.id, version or "(none)"))
    return tuple(sorted(out))


def _criteria_set_labels(det: Determination) -> tuple[tuple[str, str], ...]:
    return tuple(
        (src.id, src.identifier if src.identifier is not None else src.title)
        for src in det.sources
        if src.kind == "criteria-set" and (src.identifier is not None or src.title is not None)
    )


def _weeks(value: float) -> Decimal:
    """A duration as the compiler writes it (``tlm:durationWeeks``): exact, from the float."""
    return Decimal(repr(float(value)))


def _failed_trials(det: Determination) -> tuple[tuple[str, Decimal], ...]:
    return tuple(
        (f.id, _weeks(f.duration_weeks))
        for f in det.findings
        if f.duration_weeks is not None and f.outcome in ("failed", "partial")
    )


def _reviewer(det: Determination) -> Agent | None:
    if det.reviewer is None:
        return None
    return next((a for a in det.agents if a.id == det.reviewer), None)


def _criterion_tallies(det: Determination) -> tuple[tuple[str, str, str, int, int], ...]:
    reviewer = _reviewer(det)
    name = reviewer.name if reviewer is not None and reviewer.name is not None else "(unnamed)"
    sources = {s.id: s for s in det.sources}
    criteria = {c.id: c for c in det.criteria}
    counts: dict[tuple[str, str, str], list[int]] = {}
    for a in det.assessments:
        crit = criteria.get(a.criterion)
        if a.result not in ("met", "not-met", "insufficient") or crit is None:
            continue
        source = sources.get(crit.source)
        identifier = source.identifier if source is not None else None
        key = (
            name,
            identifier if identifier is not None else "",
            crit.ref if crit.ref is not None else crit.text,
        )
        tally = counts.setdefault(key, [0, 0])
        tally[0] += 1
        tally[1] += a.result == "not-met"
    return tuple((*key, n, m) for key, (n, m) in sorted(counts.items()))


def _mild_imaging(det: Determination) -> tuple[tuple[str, str, str, str | None, str, str], ...]:
    if any(f.severity in ("moderate", "severe") for f in det.findings):
        return ()
    return tuple(
        (f.id, s.id, s.code, f.modality, "mild" if f.severity == "mild" else "none", f.text)
        for f in det.findings
        if f.severity in ("none", "mild")
        for s in det.services
        if s.decision == "approved"
    )


def _specialty_checks(
    det: Determination,
) -> tuple[tuple[str, str, str, str | None, str | None], ...]:
    reviewer = _reviewer(det)
    name = reviewer.name if reviewer is not None else None
    specialty = reviewer.specialty if reviewer is not None else None
    # a superset of the mismatches under either comparison: the query compares them
    return tuple(
        (s.id, s.code, s.specialty, name, specialty)
        for s in det.services
        if s.decision == "denied" and s.specialty is not None and specialty != s.specialty
    )


def summarize(det: Determination, main_claim_label: str | None = None) -> Summary:
    """Compute the summary facts of one determination (pure Python, no RDF).

    ``main_claim_label`` is the evaluator's label of the main claim, when known.
    """
    arg = _Argument(det)
    return Summary(
        determination=det.id,
        citation_gaps=_citation_gaps(det),
        unspecific_denials=_unspecific_denials(det),
        unsupported_met=_unsupported_met(det, arg),
        unanswered_attacks=_unanswered_attacks(det, arg),
        thin_conclusions=_thin_conclusions(det, arg),
        turnaround_hours=turnaround_hours(det.received, det.decided),
        main_claim_label=main_claim_label,
        versions_applied=_versions_applied(det),
        outcome=det.outcome,
        criteria_set_labels=_criteria_set_labels(det),
        failed_trials=_failed_trials(det),
        criterion_tallies=_criterion_tallies(det),
        mild_imaging=_mild_imaging(det),
        specialty_checks=_specialty_checks(det),
    )


def tally_iri(reviewer: str, criteria_set: str, criterion: str) -> URIRef:
    """The tally of one reviewer, criteria set and criterion: the same IRI in every determination.

    Each determination's derived graph states its own counts for it, so that the corpus
    query sums one list per count and groups by the IRI.

    >>> tally_iri("Dr. A", "mcg", "P-1") == tally_iri("Dr. A", "mcg", "P-1")
    True
    >>> str(tally_iri("Dr. A", "mcg", "P-1")).startswith(TALLY_BASE)
    True
    """
    key = json.dumps([reviewer, criteria_set, criterion], ensure_ascii=False)
    return URIRef(TALLY_BASE + hashlib.sha256(key.encode("utf-8")).hexdigest())


def summary_triples(summary: Summary) -> Iterator[tuple[URIRef, URIRef, URIRef | Literal]]:
    """The triples of a summary (to put in the derived graph ``d:{det}/derived``)."""
    det = summary.determination
    s = summary_iri(det)
    yield s, RDF.type, TLM.Summary
    yield s, TLM.summaryOf, determination_iri(det)
    for local in summary.citation_gaps:
        yield s, TLM.citationGap, node_iri(det, local)
    for service in summary.unspecific_denials:
        yield s, TLM.unspecificDenial, node_iri(det, service, "decision")
    for local in summary.unsupported_met:
        yield s, TLM.unsupportedMet, node_iri(det, local)
    for local in summary.unanswered_attacks:
        yield s, TLM.unansweredAttack, node_iri(det, local)
    for conclusion, source in summary.thin_conclusions:
        yield s, TLM.thinConclusion, node_iri(det, conclusion)
        yield node_iri(det, conclusion), TLM.soleSource, node_iri(det, source)
    for criteria_set, version in summary.versions_applied:
        yield node_iri(det, criteria_set), TLM.versionApplied, Literal(version)
    if summary.main_claim_label is not None:
        yield s, TLM.mainClaimLabel, _LABELS[summary.main_claim_label]
    if summary.turnaround_hours is not None:
        hours = format(summary.turnaround_hours, "f")
        yield s, TLM.turnaroundHours, Literal(hours, datatype=XSD.decimal)
    if summary.outcome is not None:
        yield s, TLM.determinationOutcome, _OUTCOMES[summary.outcome]
    for criteria_set, label in summary.criteria_set_labels:
        yield node_iri(det, criteria_set), TLM.criteriaSetLabel, Literal(label)
    for statement, weeks in summary.failed_trials:
        yield (
            node_iri(det, statement),
            TLM.failedTrialWeeks,
            Literal(format(weeks, "f"), datatype=XSD.decimal),
        )
    for reviewer, criteria_set, criterion, assessed, not_met in summary.criterion_tallies:
        tally = tally_iri(reviewer, criteria_set, criterion)
        yield tally, TLM.tallyReviewer, Literal(reviewer)
        yield tally, TLM.tallyCriteriaSet, Literal(criteria_set)
        yield tally, TLM.tallyCriterion, Literal(criterion)
        yield tally, TLM.assessedCount, Literal(assessed)
        yield tally, TLM.notMetCount, Literal(not_met)
    for finding, service, code, modality, severity, text in summary.mild_imaging:
        row = node_iri(det, "summary", "mild-imaging", finding, service)
        yield row, TLM.mildImagingDetermination, determination_iri(det)
        yield row, TLM.mildImagingFinding, node_iri(det, finding)
        yield row, TLM.mildImagingCode, Literal(code)
        if modality is not None:
            yield row, TLM.mildImagingModality, Literal(modality)
        yield row, TLM.mildImagingSeverity, Literal(severity)
        yield row, TLM.mildImagingText, Literal(text)
    for service, code, specialty, name, reviewer_specialty in summary.specialty_checks:
        row = node_iri(det, "summary", "specialty", service)
        yield row, TLM.specialtyCheckDetermination, determination_iri(det)
        yield row, TLM.specialtyCheckCode, Literal(code)
        yield row, TLM.specialtyCheckServiceSpecialty, Literal(specialty)
        if name is not None:
            yield row, TLM.specialtyCheckReviewer, Literal(name)
        if reviewer_specialty is not None:
            yield row, TLM.specialtyCheckReviewerSpecialty, Literal(reviewer_specialty)


def summary_graph(
    det: Determination, into: Graph | None = None, main_claim_label: str | None = None
) -> Graph:
    """The summary of ``det`` as triples of its derived graph ``d:{det}/derived``.

    ``into`` adds them to an existing graph (for example the one the evaluator
    wrote its labels to) instead of a new one.
    """
    g = into if into is not None else Graph(identifier=derived_graph_iri(det.id))
    for triple in summary_triples(summarize(det, main_claim_label)):
        g.add(triple)
    return g


def derived_graphs(det: Determination, asserted: Graph | None = None) -> list[Graph]:
    """The derived graph of ``det``: the evaluator's labels (grounded) and the summary.

    This is the ``extra_graphs`` hook of :func:`toulmin.graph.store.load.load` and
    :func:`toulmin.graph.store.open.open_target` (a module-level function, so it can run
    in worker processes): ``load(paths, store, extra_graphs=derived_graphs)`` stores
    every case file with its derived layer, which the auditor queries read. When the
    evaluator cannot evaluate a determination, the summary is written alone.

    Parameters
    ----------
    det : Determination
        The determination read from a case file.
    asserted : rdflib.Graph, optional
        Its compiled asserted graph (unused; part of the hook's signature).

    Returns
    -------
    list of rdflib.Graph
        One graph, named ``d:{det}/derived``.
    """
    from toulmin.graph.derived.layer import derived_layer

    graphs = []
    for layer in derived_layer(det):
        graph = Graph(identifier=layer.identifier)
        graph.bind("tlm", TLM._NS)
        graph.bind("d", determination_namespace(det.id))
        graphs.append(layer.to_graph(into=graph))
    return graphs


def summarize_graph(graph: Graph) -> list[Graph]:
    """Summaries of every determination in an asserted RDF graph (decompiled first)."""
    from toulmin.graph.rdf.decompile import decompile, determination_ids

    return [summary_graph(decompile(graph, det)) for det in determination_ids(graph)]
