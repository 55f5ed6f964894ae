"""Read a determination back from its RDF graph into the authoring model.

This is the inverse of :func:`toulmin.graph.rdf.compile.compile_determination`: the
round trip ``decompile(compile(det)) == det.normalized()`` holds for every valid
determination (a property test checks it), so nothing of the argument is lost in
RDF. Collections come back sorted by id, since RDF keeps no order; citation order
is recovered from the citation IRIs.

Examples
--------
>>> from toulmin.graph.authoring.casefile import parse_case
>>> from toulmin.graph.rdf.compile import compile_determination
>>> det = parse_case('''
... toulmin: 1
... id: tiny
... title: Tiny
... decision: {outcome: approved, main_claim: c}
... sources: [{id: rec, kind: clinical-document, title: Record}]
... services: [{id: s, code: "22850", decision: approved, claim: c}]
... statements: [{id: c, kind: conclusion, text: Necessary., cite: rec}]
... ''')
>>> decompile(compile_determination(det)) == det.normalized()
True
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import PROV
from rdflib.term import Node

from toulmin.errors import BadInputError
from toulmin.graph.authoring.model import (
    Agent,
    Assessment,
    Citation,
    Conflict,
    Criterion,
    Determination,
    Finding,
    Inference,
    Preference,
    ProofStandard,
    Service,
    SettingDecision,
    Source,
    Statement,
)
from toulmin.graph.rdf.compile import (
    ASSESSMENT_RESULTS,
    COMBINATIONS,
    CONFLICT_CLASSES,
    FINDING_CLASSES,
    FINDING_LITERALS,
    OUTCOMES,
    PROOF_STANDARDS,
    SETTINGS,
    SEVERITIES,
    SIDES,
    SOURCE_CLASSES,
    SOURCE_FIELDS,
    STATEMENT_CLASSES,
    URGENCIES,
)
from toulmin.graph.rdf.iris import determination_iri, node_iri
from toulmin.ontology.namespace import OA, TLM

__all__ = ["decompile", "determination_ids"]

K = TypeVar("K")


def _inverse(mapping: Mapping[K, URIRef]) -> dict[URIRef, K]:
    return {v: k for k, v in mapping.items()}


def determination_ids(graph: Graph) -> list[str]:
    """Local ids of the determinations in ``graph``, sorted."""
    return sorted(
        str(graph.value(d, TLM.localId)) for d in graph.subjects(RDF.type, TLM.Determination)
    )


class _Reader:
    def __init__(self, g: Graph, det: str) -> None:
        self.g, self.det = g, det
        self.d = determination_iri(det)

    def iri(self, *parts: str | int) -> URIRef:
        return node_iri(self.det, *parts)

    def lit(self, s: Node | None, p: URIRef) -> Any:
        if s is None:  # g.value(None, p) would read any subject's value
            return None
        value = self.g.value(s, p)
        if value is None:
            return None
        if isinstance(value, Literal):
            py = value.toPython()
            if isinstance(py, Decimal):
                return float(py)
            if value.datatype is not None and str(value.datatype).endswith(("#dateTime", "#date")):
                return str(value)
            return py
        return value

    def local(self, node: Node | None) -> str | None:
        if node is None:
            return None
        return str(self.g.value(node, TLM.localId))

    def locals(self, s: Node, p: URIRef) -> tuple[str, ...]:
        return tuple(sorted(str(self.g.value(o, TLM.localId)) for o in self.g.objects(s, p)))

    def strings(self, s: Node, p: URIRef) -> tuple[str, ...]:
        return tuple(sorted(str(o) for o in self.g.objects(s, p)))

    def nodes_of(self, cls: URIRef) -> list[URIRef]:
        found = [
            s
            for s in self.g.subjects(RDF.type, cls)
            if isinstance(s, URIRef) and (s, TLM.inDetermination, self.d) in self.g
        ]
        return sorted(found, key=lambda s: str(self.g.value(s, TLM.localId)))

    def enum(self, s: Node | None, p: URIRef, mapping: Mapping[str, URIRef]) -> str | None:
        if s is None:
            return None
        value = self.g.value(s, p)
        return None if value is None else _inverse(mapping)[value]  # type: ignore[index]

    def one_type(self, s: Node | None, mapping: Mapping[str, URIRef]) -> str:
        if s is None:
            raise BadInputError(f"expected a node typed one of {sorted(mapping)}, found none")
        inverse = _inverse(mapping)
        kinds = [inverse[t] for t in self.g.objects(s, RDF.type) if t in inverse]  # type: ignore[index]
        if len(kinds) != 1:
            raise BadInputError(f"{s}: expected exactly one of {sorted(mapping)}, found {kinds}")
        return kinds[0]

    def proof_standard(self, s: Node) -> ProofStandard | None:
        node = self.g.value(s, TLM.proofStandard)
        if node is None:
            return None
        return ProofStandard(
            _inverse(PROOF_STANDARDS)[self.g.value(node, TLM.standardUsed)],  # type: ignore[index,unused-ignore]
            self.lit(node, TLM.alpha),
            self.lit(node, TLM.beta),
            self.lit(node, TLM.gamma),
        )

    def citations(self, s: Node) -> tuple[Citation, ...]:
        cites = []
        for c in self.g.objects(s, TLM.citation):
            index = int(str(c).rsplit("/", 1)[-1])
            selector = self.g.value(c, OA.hasSelector)
            quote = None if selector is None else str(self.g.value(selector, OA.exact))
            source = self.local(self.g.value(c, TLM.citedSource))
            cites.append((index, Citation(source or "", self.lit(c, TLM.locator), quote)))
        return tuple(c for _, c in sorted(cites, key=lambda pair: pair[0]))

    def common(self, s: Node) -> dict[str, Any]:
        return {
            "id": self.local(s),
            "text": self.lit(s, TLM.text),
            "cite": self.citations(s),
            "plain": self.lit(s, TLM.plainText),
            "weight": self.lit(s, TLM.weight),
        }

    def read(self) -> Determination:
        g, d = self.g, self.d
        services, setting = [], None
        for dec in sorted(g.objects(d, TLM.decision), key=str):
            outcome = self.enum(dec, TLM.outcome, OUTCOMES)
            claim = self.local(g.value(dec, TLM.decisionClaim))
            applied = self.locals(dec, TLM.appliedCriterion)
            reason = self.lit(dec, TLM.decisionReason)
            if (dec, RDF.type, TLM.SettingDecision) in g:
                setting = SettingDecision(
                    self.enum(dec, TLM.setting, SETTINGS) or "",
                    outcome or "",
                    claim,
                    applied,
                    reason,
                )
                continue
            svc = g.value(dec, TLM.forService)
            services.append(
                Service(
                    id=self.local(svc) or "",
                    code=self.lit(svc, TLM.procedureCode),
                    decision=outcome or "",
                    system=self.lit(svc, TLM.codeSystem),
                    description=self.lit(svc, TLM.codeDescription),
                    line=self.lit(svc, TLM.lineNumber),
                    level=self.lit(svc, TLM.spinalLevel),
                    setting=self.enum(svc, TLM.setting, SETTINGS),
                    specialty=self.lit(svc, TLM.serviceSpecialty),
                    claim=claim,
                    criteria=applied,
                    reason=reason,
                    missing_documentation=self.lit(dec, TLM.missingDocumentation),
                )
            )
        agents = [
            Agent(
                self.local(a) or "",
                self.lit(a, TLM.agentName),
                self.lit(a, TLM.agentRole),
                self.lit(a, TLM.specialty),
            )
            for a in {*self.nodes_of(TLM.Reviewer), *self.nodes_of(PROV.Agent)}
        ]
        sources = []
        inverse_sources = _inverse(SOURCE_CLASSES)
        for cls in SOURCE_CLASSES.values():
            for s in self.nodes_of(cls):
                values = {name: self.lit(s, prop) for name, prop in SOURCE_FIELDS.items()}
                sources.append(
                    Source(
                        id=self.local(s) or "",
                        kind=inverse_sources[cls],
                        unknown=self.strings(s, TLM.unknownField),
                        **values,
                    )
                )
        criteria = [
            Criterion(
                id=self.local(c) or "",
                source=self.local(g.value(c, TLM.definedIn)) or "",
                text=self.lit(c, TLM.criterionText),
                ref=self.lit(c, TLM.criterionId),
                version=self.lit(c, TLM.version),
                applies_to=self.strings(c, TLM.appliesToCode),
                combine=self.enum(c, TLM.combination, COMBINATIONS),
                at_least=self.lit(c, TLM.atLeast),
                parts=self.locals(c, TLM.subCriterion),
                exceptions=self.locals(c, TLM.exception),
                min_weeks=self.lit(c, TLM.minimumWeeks),
                min_grade=self.lit(c, TLM.minimumGrade),
            )
            for c in self.nodes_of(TLM.Criterion)
        ]
        findings = []
        for s in self.nodes_of(TLM.FindingStatement):
            clinical = g.value(s, TLM.reports)
            details = {name: self.lit(clinical, prop) for name, prop in FINDING_LITERALS.items()}
            findings.append(
                Finding(
                    kind=self.one_type(clinical, FINDING_CLASSES),
                    side=self.enum(clinical, TLM.side, SIDES),
                    severity=self.enum(clinical, TLM.severity, SEVERITIES),
                    duration_weeks=self.lit(clinical, TLM.durationWeeks),
                    **details,
                    **self.common(s),
                )
            )
        statements = []
        for kind, cls in STATEMENT_CLASSES.items():
            for s in self.nodes_of(cls):
                statements.append(
                    Statement(kind=kind, proof_standard=self.proof_standard(s), **self.common(s))
                )
        assessments = [
            Assessment(
                criterion=self.local(g.value(s, TLM.assesses)) or "",
                service=self.local(g.value(s, TLM.forService)) or "",
                result=self.enum(s, TLM.assessmentResult, ASSESSMENT_RESULTS) or "",
                **self.common(s),
            )
            for s in self.nodes_of(TLM.CriterionAssessment)
        ]
        inferences = [
            Inference(
                id=self.local(s) or "",
                premises=self.locals(s, TLM.premise),
                conclusion=self.local(g.value(s, TLM.conclusion)) or "",
                scheme=self.lit(s, TLM.scheme),
                warrant=self.lit(s, TLM.warrant),
                weight=self.lit(s, TLM.weight),
            )
            for s in self.nodes_of(TLM.Inference)
        ]
        conflicts = [
            Conflict(
                id=self.local(s) or "",
                kind=self.one_type(s, CONFLICT_CLASSES),
                attacker=self.local(g.value(s, TLM.attacker)) or "",
                target=self.local(g.value(s, TLM.target)) or "",
            )
            for s in self.nodes_of(TLM.Conflict)
        ]
        preferences = [
            Preference(
                self.local(s) or "",
                self.local(g.value(s, TLM.preferredElement)) or "",
                self.local(g.value(s, TLM.dispreferredElement)) or "",
            )
            for s in self.nodes_of(TLM.Preference)
        ]

        def by_id(items: list[Any]) -> tuple[Any, ...]:
            return tuple(sorted(items, key=lambda i: i.id))

        return Determination(
            id=self.det,
            title=self.lit(d, TLM.title),
            outcome=self.enum(d, TLM.outcome, OUTCOMES) or "",
            main_claim=self.local(g.value(d, TLM.mainClaim)) or "",
            question=self.lit(d, TLM.question),
            illustrative=bool(self.lit(d, TLM.illustrative)),
            summary=self.lit(d, TLM.plainText),
            received=self.lit(d, TLM.requestReceived),
            urgency=self.enum(d, TLM.urgency, URGENCIES),
            requested_setting=self.enum(d, TLM.setting, SETTINGS),
            decided=self.lit(d, TLM.decidedAt),
            reviewer=self.local(g.value(d, TLM.reviewer)),
            policy=self.locals(d, TLM.policyApplied),
            proof_standard=self.proof_standard(d),
            agents=by_id(agents),
            sources=by_id(sources),
            criteria=by_id(criteria),
            services=by_id(services),
            setting=setting,
            findings=by_id(findings),
            statements=by_id(statements),
            assessments=by_id(assessments),
            inferences=by_id(inferences),
            conflicts=by_id(conflicts),
            preferences=by_id(preferences),
        )


def decompile(graph: Graph, det: str | None = None) -> Determination:
    """Read the determination ``det`` (or the only one) from ``graph``.

    Raises
    ------
    BadInputError
        When the graph holds no determination, or several and ``det`` is not given.
    """
    if det is None:
        ids = determination_ids(graph)
        if len(ids) != 1:
            raise BadInputError(
                f"expected one determination in the graph, found {len(ids)}: {ids}; name one"
            )
        det = ids[0]
    return _Reader(graph, det).read()
