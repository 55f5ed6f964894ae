"""Read a determination back from its RDF graph into the authoring model.

This is the inverse of :func:`toulmin.graph.rdf.compile.compile_determination`: the
round trip ``decompile(compile(det)) == det.normalized()`` holds for every valid
determination (a property test checks it), so nothing of the argument is lost in
RDF. Every field is read back as its term in :mod:`toulmin.graph.rdf.vocabulary`
says (the table the compiler writes from). Collections come back sorted by id, since
RDF keeps no order; citation order is recovered from the citation IRIs.

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
from typing import Any

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
    Measure,
    Patient,
    Preference,
    ProofStandard,
    Service,
    SettingDecision,
    Source,
    Statement,
)
from toulmin.graph.rdf.iris import determination_iri, node_iri
from toulmin.graph.rdf.vocabulary import (
    CONFLICT_CLASSES,
    FINDING_CLASSES,
    SOURCE_CLASSES,
    STATEMENT_CLASSES,
    Term,
    terms_of,
)
from toulmin.ontology.namespace import OA, TLM

__all__ = ["decompile", "determination_ids"]


def _inverse(mapping: Mapping[str, URIRef]) -> dict[URIRef, str]:
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

    def one_type(self, s: Node | None, mapping: Mapping[str, URIRef]) -> str:
        if s is None:
            raise BadInputError(f"expected a node typed one of {sorted(mapping)}, found none")
        inverse = _inverse(mapping)
        kinds = [inverse[t] for t in self.g.objects(s, RDF.type) if t in inverse]  # type: ignore[index]
        if len(kinds) != 1:
            raise BadInputError(f"{s}: expected exactly one of {sorted(mapping)}, found {kinds}")
        return kinds[0]

    def value(self, s: Node | None, term: Term) -> Any:
        """The value of one term on node ``s``, as the model holds it."""
        p = term.prop
        if term.card == "*":
            if s is None:
                return ()
            return self.locals(s, p) if term.kind == "ref" else self.strings(s, p)
        if term.kind == "ref":
            found = None if s is None else self.local(self.g.value(s, p))
        elif term.kind == "concept":
            node = None if s is None else self.g.value(s, p)
            found = None if node is None else term.inverse[node]  # type: ignore[index]
        elif term.kind == "boolean":
            flag = self.lit(s, p)
            return bool(flag) if term.card == "1" else flag
        else:
            return self.lit(s, p)
        return "" if found is None and term.card == "1" else found

    def terms(self, cls: type, **nodes: Node | None) -> dict[str, Any]:
        """Every term of model class ``cls``, read from its node (``nodes[""]``) or sub-nodes."""
        return {t.field: self.value(nodes[t.node or "own"], t) for t in terms_of(cls)}

    def proof_standard(self, s: Node) -> ProofStandard | None:
        node = self.g.value(s, TLM.proofStandard)
        if node is None:
            return None
        return ProofStandard(**self.terms(ProofStandard, own=node))

    def patient(self) -> Patient | None:
        case = self.g.value(self.d, TLM.aboutCase)
        values = {} if case is None else self.terms(Patient, own=case)
        return Patient(**values) if any(v is not None for v in values.values()) else None

    def measures(self, clinical: Node | None) -> tuple[Measure, ...]:
        if clinical is None:
            return ()
        found = [
            Measure(**self.terms(Measure, own=m)) for m in self.g.objects(clinical, TLM.measurement)
        ]
        return tuple(sorted(found, key=lambda m: m.name))

    def citations(self, s: Node) -> tuple[Citation, ...]:
        cites = []
        for c in self.g.objects(s, TLM.citation):
            index = int(str(c).rsplit("/", 1)[-1])
            selector = self.g.value(c, OA.hasSelector)
            quote = None if selector is None else str(self.g.value(selector, OA.exact))
            cites.append((index, Citation(quote=quote, **self.terms(Citation, own=c))))
        return tuple(c for _, c in sorted(cites, key=lambda pair: pair[0]))

    def element(self, cls: type, s: Node, **extra: Any) -> dict[str, Any]:
        """The id and terms of the element on node ``s`` (``extra``: its structural fields)."""
        return {"id": self.local(s) or "", **self.terms(cls, own=s), **extra}

    def read(self) -> Determination:
        g, d = self.g, self.d
        services, setting = [], None
        for dec in sorted(g.objects(d, TLM.decision), key=str):
            if (dec, RDF.type, TLM.SettingDecision) in g:
                setting = SettingDecision(**self.terms(SettingDecision, own=dec))
                continue
            svc = g.value(dec, TLM.forService)
            services.append(
                Service(id=self.local(svc) or "", **self.terms(Service, own=svc, decision=dec))
            )
        agents = [
            Agent(**self.element(Agent, a))
            for a in {*self.nodes_of(TLM.Reviewer), *self.nodes_of(PROV.Agent)}
        ]
        sources = [
            Source(**self.element(Source, s, kind=kind))
            for kind, cls in SOURCE_CLASSES.items()
            for s in self.nodes_of(cls)
        ]
        criteria = [Criterion(**self.element(Criterion, c)) for c in self.nodes_of(TLM.Criterion)]
        findings = []
        for s in self.nodes_of(TLM.FindingStatement):
            clinical = g.value(s, TLM.reports)
            values = {"id": self.local(s) or "", **self.terms(Finding, own=s, finding=clinical)}
            findings.append(
                Finding(
                    kind=self.one_type(clinical, FINDING_CLASSES),
                    cite=self.citations(s),
                    measures=self.measures(clinical),
                    **values,
                )
            )
        statements = [
            Statement(
                **self.element(
                    Statement,
                    s,
                    kind=kind,
                    cite=self.citations(s),
                    proof_standard=self.proof_standard(s),
                )
            )
            for kind, cls in STATEMENT_CLASSES.items()
            for s in self.nodes_of(cls)
        ]
        assessments = [
            Assessment(**self.element(Assessment, s, cite=self.citations(s)))
            for s in self.nodes_of(TLM.CriterionAssessment)
        ]
        inferences = [Inference(**self.element(Inference, s)) for s in self.nodes_of(TLM.Inference)]
        conflicts = [
            Conflict(**self.element(Conflict, s, kind=self.one_type(s, CONFLICT_CLASSES)))
            for s in self.nodes_of(TLM.Conflict)
        ]
        preferences = [
            Preference(**self.element(Preference, s)) for s in self.nodes_of(TLM.Preference)
        ]

        def by_id(items: list[Any]) -> tuple[Any, ...]:
            return tuple(sorted(items, key=lambda i: i.id))

        return Determination(
            id=self.det,
            **self.terms(Determination, own=d),
            proof_standard=self.proof_standard(d),
            patient=self.patient(),
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
