"""Compile a :class:`~toulmin.graph.authoring.model.Determination` to RDF (docs/rdf-model.md).

Every field is written as its term in :mod:`toulmin.graph.rdf.vocabulary` says;
what is code here is only the structure: the nodes, their types and the structural steps
(citations, proof standards, sub-nodes) the table names.

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
from typing import Any

from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from toulmin.graph.authoring.model import Citation, Determination, ProofStandard
from toulmin.graph.rdf.iris import (
    citation_iri,
    determination_iri,
    determination_namespace,
    graph_iri,
    node_iri,
)
from toulmin.graph.rdf.triples import NamedTriples, plain_literal
from toulmin.graph.rdf.vocabulary import (
    CONFLICT_CLASSES,
    FINDING_CLASSES,
    LAYOUT,
    SOURCE_CLASSES,
    STATEMENT_CLASSES,
    Step,
    Term,
    datetime_literal,
    decimal_literal,
    typed_value,
)
from toulmin.ontology.namespace import OA, TLM

__all__ = ["compile_determination", "compile_triples", "to_dataset"]


#: Kinds whose ``*`` fields are lists, one triple per item.
_LISTED = frozenset({"text", "string", "ref"})
#: Kinds whose empty value (``""``, ``None``) writes nothing; others write all but ``None``.
_EMPTY_IS_MISSING = frozenset({"ref", "concept", "datetime"})


class _Writer:
    """Adds the triples of one determination to one graph, term by term from the table."""

    def __init__(self, det: Determination) -> None:
        self.det = det
        self.g = NamedTriples(graph_iri(det.id))
        self.d = determination_iri(det.id)
        self.case = self.iri("case")

    # helpers
    def iri(self, *parts: str | int) -> URIRef:
        return node_iri(self.det.id, *parts)

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.g.add((s, p, o))

    def node(self, local: str, *classes: URIRef) -> URIRef:
        s = self.iri(local)
        for cls in classes:
            self.g.add((s, RDF.type, cls))
        self.g.add((s, TLM.localId, plain_literal(local)))
        self.g.add((s, TLM.inDetermination, self.d))
        return s

    def term(self, s: URIRef, term: Term, value: Any) -> None:
        """Write one field's value as its term says (nothing for a missing value)."""
        if term.card == "*" and term.kind in _LISTED:
            for item in value:
                self.g.add((s, term.prop, self.value(term, item)))
        elif value if term.kind in _EMPTY_IS_MISSING else value is not None:
            self.g.add((s, term.prop, self.value(term, value)))

    def value(self, term: Term, value: Any) -> URIRef | Literal:
        """The RDF term of one (present) value of ``term``."""
        kind = term.kind
        if kind in ("text", "string"):
            return plain_literal(value)
        if kind == "ref":
            return self.iri(value)
        if kind == "concept":
            return term.concepts[value]  # type: ignore[index]
        if kind == "decimal":
            return decimal_literal(value)
        if kind == "datetime":
            return datetime_literal(value)
        return Literal(value)  # integer, boolean

    def write(self, item: Any, s: URIRef, layout: tuple[Step, ...] | None = None) -> None:
        """Write ``item``'s terms and structural steps (its layout) on node ``s``."""
        nodes = {"": s}
        for step in LAYOUT[type(item)] if layout is None else layout:
            if isinstance(step, str):
                self.slot(step, item, nodes)
            else:
                value = getattr(item, step.field)
                self.term(nodes[step.node], step, value)
                if step.typed is not None:
                    self.typed(nodes[step.node], step, value, item)

    def typed(self, s: URIRef, term: Term, value: Any, item: Any) -> None:
        """The typed form of a value, beside it (a code IRI also says its code system)."""
        assert term.typed is not None
        node = typed_value(term.typed, value, item)
        if node is None:
            return
        self.add(s, term.typed.prop, node)
        if term.typed.kind == "code" and isinstance(node, URIRef):
            self.add(node, RDF.type, TLM.Code)
            self.add(node, TLM.inCodeSystem, URIRef(str(node).rsplit("/", 1)[0]))

    def slot(self, name: str, item: Any, nodes: dict[str, URIRef]) -> None:
        """The structural steps of :data:`~toulmin.graph.rdf.vocabulary.SLOTS`."""
        s = nodes[""]
        if name == "cite":
            self.citations(item.id, s, item.cite)
        elif name == "proof-standard":
            parts = () if isinstance(item, Determination) else (item.id,)
            self.proof_standard(s, item.proof_standard, *parts)
        elif name == "finding":
            clinical = nodes["finding"] = self.iri(item.id, "finding")
            self.add(s, TLM.reports, clinical)
            self.add(clinical, RDF.type, FINDING_CLASSES[item.kind])
        elif name == "requests":
            self.add(self.case, TLM.requests, s)
        elif name == "decision":
            dec = nodes["decision"] = self.iri(item.id, "decision")
            self.add(self.d, TLM.decision, dec)
            self.add(dec, RDF.type, TLM.ServiceDecision)
            self.add(dec, TLM.inDetermination, self.d)
            self.add(dec, TLM.forService, s)
        elif name == "quote":
            if item.quote is not None:
                q = nodes["quote"]
                self.add(s, OA.hasSelector, q)
                self.add(q, RDF.type, OA.TextQuoteSelector)
                self.add(q, OA.exact, plain_literal(item.quote))
        elif name == "case":
            self.add(self.d, TLM.aboutCase, self.case)
            self.add(self.case, RDF.type, TLM.Case)
            self.add(self.case, TLM.inDetermination, self.d)
        elif name == "patient":
            if item.patient is not None:
                self.write(item.patient, self.case)
        elif name == "measures":
            for measure in item.measures:
                m = self.iri(item.id, "finding", "measure", measure.name)
                self.add(nodes["finding"], TLM.measurement, m)
                self.add(m, RDF.type, TLM.Measurement)
                self.write(measure, m)
        else:
            raise ValueError(f"no structural step {name!r} in the compiler")

    def proof_standard(self, s: URIRef, ps: ProofStandard | None, *parts: str) -> None:
        if ps is None:
            return
        node = self.iri(*parts, "proof-standard")
        self.add(s, TLM.proofStandard, node)
        self.add(node, RDF.type, TLM.ProofStandardSetting)
        self.write(ps, node)

    def citations(self, local: str, s: URIRef, cites: tuple[Citation, ...]) -> None:
        layout = LAYOUT[Citation]
        for n, cite in enumerate(cites):
            c = citation_iri(self.det.id, local, n)
            self.add(s, TLM.citation, c)
            self.add(c, RDF.type, TLM.Citation)
            nodes = {"": c, "quote": self.iri(local, "cite", n, "quote")}
            for step in layout:
                if isinstance(step, str):
                    self.slot(step, cite, nodes)
                else:
                    self.term(c, step, getattr(cite, step.field))

    # layers
    def determination(self) -> None:
        det, d = self.det, self.d
        self.add(d, RDF.type, TLM.Determination)
        self.add(d, TLM.localId, plain_literal(det.id))
        self.write(det, d)
        for agent in det.agents:
            is_reviewer = agent.role == "reviewer" or agent.id == det.reviewer
            self.write(agent, self.node(agent.id, TLM.Reviewer if is_reviewer else PROV.Agent))
        for service in det.services:
            self.write(service, self.node(service.id, TLM.RequestedService))
        if det.setting:
            dec = self.iri("setting", "decision")
            self.add(d, TLM.decision, dec)
            self.add(dec, RDF.type, TLM.ServiceDecision)
            self.add(dec, RDF.type, TLM.SettingDecision)
            self.add(dec, TLM.inDetermination, d)
            self.write(det.setting, dec)

    def evidence(self) -> None:
        for source in self.det.sources:
            self.write(source, self.node(source.id, SOURCE_CLASSES[source.kind]))
        for crit in self.det.criteria:
            self.write(crit, self.node(crit.id, TLM.Criterion))

    def arguments(self) -> None:
        det = self.det
        for f in det.findings:
            self.write(f, self.node(f.id, TLM.FindingStatement))
        for st in det.statements:
            self.write(st, self.node(st.id, STATEMENT_CLASSES[st.kind]))
        for a in det.assessments:
            self.write(a, self.node(a.id, TLM.CriterionAssessment))
        for inf in det.inferences:
            self.write(inf, self.node(inf.id, TLM.Inference))
        for con in det.conflicts:
            self.write(con, self.node(con.id, TLM.Conflict, CONFLICT_CLASSES[con.kind]))
        for pref in det.preferences:
            self.write(pref, self.node(pref.id, TLM.Preference))


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
    g.bind("tlm", str(TLM))
    g.bind("oa", str(OA))
    g.bind("dcterms", DCTERMS)
    g.bind("d", determination_namespace(det.id))
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
