"""A networkx view of a determination's argument layer, and back to RDF.

The argument layer is what the Argument Interchange Format (AIF) calls the
argument graph: *I-nodes* (statements: findings, claims, conclusions, guideline
statements, criterion assessments), *RA-nodes* (inferences), *CA-nodes*
(conflicts) and *PA-nodes* (preferences). :func:`argument_view` turns the named
graph of one determination into a :class:`networkx.DiGraph` with one node per
AIF node and one edge per AIF edge, and :func:`view_to_rdf` writes such a view
back as RDF. The round trip loses nothing of the argument structure: the
argument-layer triples (:func:`argument_triples`) of the input graph and of the
written graph are the same (a hypothesis property test checks it).

Nodes
-----
Every node is keyed by its local id (the id in the case file) and carries
``kind`` (``"statement"``, ``"inference"``, ``"conflict"`` or ``"preference"``).

* statements: ``type`` (``finding``, ``conclusion``, ``claim``, ``guideline``,
  ``assessment``), ``text``, ``plain``, ``weight`` (``None`` when not given),
  ``cite`` (a tuple of ``{"source", "locator", "quote"}`` dicts, in citation
  order); findings add ``finding_kind`` and ``details`` (the structured values,
  case-file spelling); assessments add ``criterion``, ``service``, ``result``;
  conclusions, claims and guideline statements add ``proof_standard`` (the
  :class:`~toulmin.graph.authoring.model.ProofStandard` setting as plain data,
  ``{"standard", "alpha", "beta", "gamma"}`` from
  :func:`~toulmin.graph.argument.standards.standard_dict`, or ``None``).
* inferences: ``scheme``, ``warrant``, ``weight``.
* conflicts: ``conflict_kind`` (``rebut``, ``undercut``, ``undermine``).
* preferences: nothing else.

Edges
-----
Each edge has a ``role``: ``premise`` (statement -> inference), ``conclusion``
(inference -> statement), ``attacker`` (statement -> conflict), ``target``
(conflict -> statement or inference), ``preferred`` (node -> preference) and
``dispreferred`` (preference -> node). Edges point the way support and attack
flow, as in AIF diagrams.

Graph attributes
----------------
``determination`` (the id), ``main_claim``, ``proof_standard`` (the
determination-level setting as a dict, or ``None``) and ``claims`` (service id,
or ``"setting"``, -> the statement that argues its decision).

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
... findings: [{id: f, kind: exam, text: EHL 3+/5., cite: "rec#note", grade: 3+/5}]
... statements:
...   - {id: c, kind: conclusion, text: Necessary., cite: rec}
...   - {id: k, kind: claim, text: Not necessary., cite: rec}
... inferences: [{id: i, premises: [f], conclusion: c}]
... conflicts: [{id: x, kind: rebut, attacker: k, target: c}]
... ''')
>>> rdf = compile_determination(det)
>>> view = argument_view(rdf)
>>> sorted(view.nodes(data="kind"))
[('c', 'statement'), ('f', 'statement'), ('i', 'inference'), ('k', 'statement'), ('x', 'conflict')]
>>> sorted((u, v, r) for u, v, r in view.edges(data="role"))
[('f', 'i', 'premise'), ('i', 'c', 'conclusion'), ('k', 'x', 'attacker'), ('x', 'c', 'target')]
>>> view.nodes["f"]["details"]
{'grade': '3+/5'}
>>> from rdflib.compare import isomorphic
>>> isomorphic(view_to_rdf(view), argument_triples(rdf, "tiny"))
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import networkx as nx
from rdflib import RDF, Graph, URIRef

from toulmin.errors import BadInputError
from toulmin.graph.argument.standards import standard_dict
from toulmin.graph.authoring.model import (
    Assessment,
    Citation,
    Conflict,
    Determination,
    Finding,
    Inference,
    Preference,
    ProofStandard,
    Statement,
    detail_fields,
    finding_details,
)
from toulmin.graph.rdf.compile import compile_determination
from toulmin.graph.rdf.decompile import decompile
from toulmin.graph.rdf.iris import determination_iri, graph_iri
from toulmin.graph.rdf.vocabulary import CONFLICT_CLASSES, STATEMENT_CLASSES
from toulmin.ontology.namespace import TLM

__all__ = [
    "EDGE_ROLES",
    "NODE_KINDS",
    "STATEMENT_TYPES",
    "ArgumentLayer",
    "argument_layer",
    "argument_triples",
    "argument_view",
    "view_to_layer",
    "view_to_rdf",
]

#: Values of the ``kind`` node attribute.
NODE_KINDS: tuple[str, ...] = ("statement", "inference", "conflict", "preference")
#: Values of the ``type`` attribute of statement nodes.
STATEMENT_TYPES: tuple[str, ...] = ("finding", "conclusion", "claim", "guideline", "assessment")
#: Values of the ``role`` edge attribute.
EDGE_ROLES: tuple[str, ...] = (
    "premise",
    "conclusion",
    "attacker",
    "target",
    "preferred",
    "dispreferred",
)

#: The RDF classes whose instances are argument-layer nodes.
_ARGUMENT_CLASSES: tuple[URIRef, ...] = (
    TLM.FindingStatement,
    *STATEMENT_CLASSES.values(),
    TLM.CriterionAssessment,
    TLM.Inference,
    TLM.Conflict,
    *CONFLICT_CLASSES.values(),
    TLM.Preference,
)


@dataclass(frozen=True)
class ArgumentLayer:
    """The argument layer of a determination as authoring-model values.

    Every collection is sorted by id (RDF keeps no order), as in
    :meth:`~toulmin.graph.authoring.model.Determination.normalized`.
    """

    determination: str
    main_claim: str
    proof_standard: ProofStandard | None = None
    claims: tuple[tuple[str, str], ...] = ()
    findings: tuple[Finding, ...] = ()
    statements: tuple[Statement, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    inferences: tuple[Inference, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    preferences: tuple[Preference, ...] = ()

    def to_determination(self, base: Determination | None = None) -> Determination:
        """A determination with this argument layer (the rest from ``base``, if given).

        Without ``base`` the result has placeholder determination-level fields (an
        empty title, outcome ``pended``) and is only meant for writing the argument
        layer as RDF.
        """
        groups: dict[str, Any] = {
            "findings": self.findings,
            "statements": self.statements,
            "assessments": self.assessments,
            "inferences": self.inferences,
            "conflicts": self.conflicts,
            "preferences": self.preferences,
            "main_claim": self.main_claim,
            "proof_standard": self.proof_standard,
        }
        if base is None:
            base = Determination(id=self.determination, title="", outcome="pended", main_claim="")
        return replace(base, id=self.determination, **groups)


def argument_layer(det: Determination) -> ArgumentLayer:
    """The argument layer of a determination (collections sorted by id)."""
    norm = det.normalized()
    claims = [(s.id, s.claim) for s in norm.services if s.claim]
    if norm.setting is not None and norm.setting.claim:
        claims.append(("setting", norm.setting.claim))
    return ArgumentLayer(
        determination=norm.id,
        main_claim=norm.main_claim,
        proof_standard=norm.proof_standard,
        claims=tuple(sorted(claims)),
        findings=norm.findings,
        statements=norm.statements,
        assessments=norm.assessments,
        inferences=norm.inferences,
        conflicts=norm.conflicts,
        preferences=norm.preferences,
    )


# --- model -> view ------------------------------------------------------------------


def _cite_dicts(cites: tuple[Citation, ...]) -> tuple[dict[str, str | None], ...]:
    return tuple({"source": c.source, "locator": c.locator, "quote": c.quote} for c in cites)


def _standard_dict(ps: ProofStandard | None) -> dict[str, Any] | None:
    """A node attribute holds plain data: the setting as :func:`standard_dict` writes it."""
    return None if ps is None else standard_dict(ps)


def argument_view(source: Graph | Determination, det: str | None = None) -> nx.DiGraph:
    """The argument layer of a determination as a :class:`networkx.DiGraph`.

    Parameters
    ----------
    source : rdflib.Graph or Determination
        The named graph of a determination (as compiled), or the authoring model.
    det : str, optional
        The determination id, when the graph holds several.

    Returns
    -------
    networkx.DiGraph
        Nodes, edges and graph attributes as described in the module docstring.

    Raises
    ------
    BadInputError
        When the graph holds no determination, or several and ``det`` is not given.
    """
    model = source if isinstance(source, Determination) else decompile(source, det)
    layer = argument_layer(model)
    view = nx.DiGraph(
        determination=layer.determination,
        main_claim=layer.main_claim,
        proof_standard=_standard_dict(layer.proof_standard),
        claims=dict(layer.claims),
    )
    for f in layer.findings:
        details = finding_details(f)
        view.add_node(
            f.id,
            kind="statement",
            type="finding",
            text=f.text,
            plain=f.plain,
            weight=f.weight,
            cite=_cite_dicts(f.cite),
            finding_kind=f.kind,
            details=details,
        )
    for s in layer.statements:
        view.add_node(
            s.id,
            kind="statement",
            type=s.kind,
            text=s.text,
            plain=s.plain,
            weight=s.weight,
            cite=_cite_dicts(s.cite),
            proof_standard=_standard_dict(s.proof_standard),
        )
    for a in layer.assessments:
        view.add_node(
            a.id,
            kind="statement",
            type="assessment",
            text=a.text,
            plain=a.plain,
            weight=a.weight,
            cite=_cite_dicts(a.cite),
            criterion=a.criterion,
            service=a.service,
            result=a.result,
        )
    for inf in layer.inferences:
        view.add_node(
            inf.id, kind="inference", scheme=inf.scheme, warrant=inf.warrant, weight=inf.weight
        )
    for con in layer.conflicts:
        view.add_node(con.id, kind="conflict", conflict_kind=con.kind)
    for pref in layer.preferences:
        view.add_node(pref.id, kind="preference")
    for inf in layer.inferences:
        for premise in inf.premises:
            view.add_edge(premise, inf.id, role="premise")
        view.add_edge(inf.id, inf.conclusion, role="conclusion")
    for con in layer.conflicts:
        view.add_edge(con.attacker, con.id, role="attacker")
        view.add_edge(con.id, con.target, role="target")
    for pref in layer.preferences:
        view.add_edge(pref.preferred, pref.id, role="preferred")
        view.add_edge(pref.id, pref.over, role="dispreferred")
    return view


# --- view -> model -> RDF -----------------------------------------------------------


def _edges(view: nx.DiGraph, node: str, role: str, incoming: bool) -> list[str]:
    edges: Iterable[tuple[str, str, str]] = (
        view.in_edges(node, data="role") if incoming else view.out_edges(node, data="role")
    )
    return sorted((u if incoming else v) for u, v, r in edges if r == role)


def _one(view: nx.DiGraph, node: str, role: str, incoming: bool) -> str:
    found = _edges(view, node, role, incoming)
    if len(found) != 1:
        direction = "incoming" if incoming else "outgoing"
        raise BadInputError(
            f"argument view: node '{node}' needs exactly one {direction} '{role}' edge, "
            f"found {len(found)}"
        )
    return found[0]


def _citations(data: dict[str, Any]) -> tuple[Citation, ...]:
    return tuple(
        Citation(c["source"], c.get("locator"), c.get("quote")) for c in data.get("cite", ())
    )


def _standard(value: dict[str, Any] | None) -> ProofStandard | None:
    if value is None:
        return None
    return ProofStandard(
        value["standard"], value.get("alpha"), value.get("beta"), value.get("gamma")
    )


def _nodes(view: nx.DiGraph, kind: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for node, data in sorted(view.nodes(data=True), key=lambda nd: nd[0]):
        if data.get("kind") == kind:
            yield node, data


def view_to_layer(view: nx.DiGraph) -> ArgumentLayer:
    """Read an argument view (as made by :func:`argument_view`) back into model values.

    Raises
    ------
    BadInputError
        When a node has an unknown ``kind`` or ``type``, or an inference, conflict or
        preference lacks one of its edges.
    """
    findings, statements, assessments = [], [], []
    for node, data in view.nodes(data=True):
        if data.get("kind") not in NODE_KINDS:
            raise BadInputError(
                f"argument view: node '{node}' has no valid kind ({data.get('kind')!r})"
            )
    for node, data in _nodes(view, "statement"):
        common: dict[str, Any] = {
            "id": node,
            "text": data["text"],
            "cite": _citations(data),
            "plain": data.get("plain"),
            "weight": data.get("weight"),
        }
        stype = data.get("type")
        if stype == "finding":
            findings.append(
                Finding(
                    kind=data["finding_kind"], **common, **detail_fields(data.get("details", {}))
                )
            )
        elif stype == "assessment":
            assessments.append(
                Assessment(
                    criterion=data["criterion"],
                    service=data["service"],
                    result=data["result"],
                    **common,
                )
            )
        elif stype in STATEMENT_CLASSES:
            statements.append(
                Statement(
                    kind=stype, proof_standard=_standard(data.get("proof_standard")), **common
                )
            )
        else:
            raise BadInputError(f"argument view: statement '{node}' has unknown type {stype!r}")
    inferences = [
        Inference(
            id=node,
            premises=tuple(_edges(view, node, "premise", incoming=True)),
            conclusion=_one(view, node, "conclusion", incoming=False),
            scheme=data.get("scheme"),
            warrant=data.get("warrant"),
            weight=data.get("weight"),
        )
        for node, data in _nodes(view, "inference")
    ]
    conflicts = [
        Conflict(
            id=node,
            kind=data["conflict_kind"],
            attacker=_one(view, node, "attacker", incoming=True),
            target=_one(view, node, "target", incoming=False),
        )
        for node, data in _nodes(view, "conflict")
    ]
    preferences = [
        Preference(
            id=node,
            preferred=_one(view, node, "preferred", incoming=True),
            over=_one(view, node, "dispreferred", incoming=False),
        )
        for node, _ in _nodes(view, "preference")
    ]
    claims = view.graph.get("claims", {})
    return ArgumentLayer(
        determination=view.graph["determination"],
        main_claim=view.graph.get("main_claim", ""),
        proof_standard=_standard(view.graph.get("proof_standard")),
        claims=tuple(sorted(claims.items())),
        findings=tuple(findings),
        statements=tuple(statements),
        assessments=tuple(assessments),
        inferences=tuple(inferences),
        conflicts=tuple(conflicts),
        preferences=tuple(preferences),
    )


def argument_triples(graph: Graph, det: str) -> Graph:
    """The argument-layer triples of determination ``det`` in ``graph``.

    These are the triples about its statements, inferences, conflicts and
    preferences, and about the nodes each of them owns (citations and their quote
    selectors, the clinical finding a finding statement reports, a statement's own
    proof-standard setting): every subject ``d:{det}/{x}`` or ``d:{det}/{x}/...``
    for an argument node ``x``. The result is a graph with the identifier of the
    determination's asserted graph.
    """
    d = determination_iri(det)
    roots: set[str] = set()
    for cls in _ARGUMENT_CLASSES:
        for s in graph.subjects(RDF.type, cls):
            if (s, TLM.inDetermination, d) in graph:
                roots.add(str(s))
    prefixes = tuple(f"{r}/" for r in roots)
    out = Graph(identifier=graph_iri(det))
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=False)
    for s, p, o in graph:
        text = str(s)
        if text in roots or text.startswith(prefixes):
            out.add((s, p, o))
    return out


def view_to_rdf(view: nx.DiGraph) -> Graph:
    """The argument layer of ``view`` as RDF (the triples :func:`argument_triples` selects).

    The triples are written by :func:`toulmin.graph.rdf.compile.compile_determination`,
    so a view and a case file give the same RDF for the same argument.
    """
    layer = view_to_layer(view)
    graph = compile_determination(layer.to_determination())
    return argument_triples(graph, layer.determination)
