"""The argument map: a determination as typed nodes and edges, laid out in layers.

:func:`argument_map` turns a :class:`~toulmin.graph.authoring.model.Determination` into an
:class:`ArgumentMap`: one node per statement (AIF I-node), per inference (RA-node)
and per source, and one edge per premise, per inference conclusion, per conflict
and per (statement, source) citation pair. A service line's decision claim *is* the
service-line node, so the map reads, from the top: the conclusion, the service lines
and the setting, the criterion assessments and claims, the findings and, at the
bottom, the sources.

Positions are computed here, in Python, by a deterministic layered layout
(longest-path ranks, barycentre ordering, isotonic placement), so the same case
gives the same picture and the page needs no physics. The argument's relations
(support, attack, who attacks) come from :mod:`toulmin.graph.argument.index`;
networkx is used for the layout only (ranks over the condensation of the graph).

Node kinds (:data:`NODE_KINDS`): ``conclusion``, ``service``, ``setting``,
``assessment``, ``claim``, ``guideline``, ``finding``, ``counter`` (a
counter-argument: a statement on the side that attacks the main claim),
``answer`` (a statement that attacks a counter-argument), ``inference`` and
``source``. Edge relations (:data:`EDGE_RELATIONS`): ``support`` (premise to
inference, inference to its conclusion), ``rebut``, ``undercut``, ``undermine``
and ``cites``.

Examples
--------
>>> from toulmin.graph.authoring.casefile import parse_case
>>> det = parse_case('''
... toulmin: 1
... id: tiny
... title: Tiny
... decision: {outcome: approved, main_claim: c}
... sources: [{id: rec, kind: clinical-document, title: Record}]
... services: [{id: s, code: "22850", description: Hardware removal, decision: approved, claim: c}]
... findings: [{id: f, kind: exam, text: EHL 3+/5., cite: "rec#note"}]
... statements:
...   - {id: c, kind: conclusion, text: Necessary., cite: rec}
...   - {id: k, kind: claim, text: Not necessary., cite: rec}
... inferences: [{id: i, premises: [f], conclusion: c}]
... conflicts: [{id: x, kind: rebut, attacker: k, target: c}]
... ''')
>>> m = argument_map(det)
>>> [(n.id, n.kind) for n in m.nodes]
[('f', 'finding'), ('c', 'conclusion'), ('k', 'counter'), ('i', 'inference'), ('rec', 'source')]
>>> sorted((e.source, e.target, e.relation) for e in m.edges)[:3]
[('c', 'rec', 'cites'), ('f', 'i', 'support'), ('f', 'rec', 'cites')]
>>> m.node("c").y < m.node("i").y < m.node("f").y < m.node("rec").y
True
"""

from __future__ import annotations

import itertools
import math
import textwrap
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from toulmin.graph.argument.index import ArgumentIndex, StatementLike, argument_index
from toulmin.graph.authoring.model import (
    Assessment,
    Citation,
    Determination,
    Finding,
    Inference,
    Service,
    Source,
)

__all__ = [
    "EDGE_RELATIONS",
    "NODE_KINDS",
    "ArgumentMap",
    "CitationView",
    "LayoutConfig",
    "MapEdge",
    "MapNode",
    "ServiceLine",
    "argument_map",
    "code_with_description",
    "source_field",
    "to_networkx",
]

#: Node kinds, in legend order, with their display names.
NODE_KINDS: dict[str, str] = {
    "conclusion": "Conclusion",
    "service": "Service line",
    "setting": "Setting",
    "assessment": "Criterion assessment",
    "claim": "Claim",
    "guideline": "Guideline statement",
    "finding": "Finding (clinical record)",
    "counter": "Counter-argument",
    "answer": "Answer to a counter-argument",
    "inference": "Inference (premises to conclusion)",
    "source": "Source (citation target)",
}

#: Edge relations, in legend order, with their display names.
EDGE_RELATIONS: dict[str, str] = {
    "support": "supports",
    "rebut": "rebuts",
    "undercut": "undercuts",
    "undermine": "undermines",
    "cites": "cites",
}

_FINDING_FACTS: tuple[tuple[str, str], ...] = (
    ("body_site", "Body site"),
    ("side", "Side"),
    ("muscle", "Muscle"),
    ("root", "Nerve root"),
    ("grade", "Motor grade"),
    ("trend", "Trend"),
    ("modality", "Modality"),
    ("level", "Level"),
    ("severity", "Severity"),
    ("limitation", "Limitation"),
    ("treatment", "Treatment"),
    ("agent", "Agent"),
    ("duration_weeks", "Duration (weeks)"),
    ("outcome", "Outcome"),
    ("procedure", "Procedure"),
    ("icd10", "ICD-10-CM"),
    ("start", "Start"),
    ("date", "Date"),
)

UNKNOWN = "unknown"


@dataclass(frozen=True)
class CitationView:
    """One citation as shown to a reader.

    ``ref`` is the source's number in the reference list (1-based, file order).
    Source fields that are missing or listed as unknown read ``"unknown"``.
    """

    ref: int
    source: str
    title: str
    kind: str
    publisher: str
    version: str
    date: str
    locator: str | None = None
    quote: str | None = None


@dataclass(frozen=True)
class MapNode:
    """A node of the map, with its position and everything the tooltip shows.

    ``facts`` are (name, value) rows; ``lines`` are the keys of the service lines
    whose trace holds the node; ``status`` is the acceptability label
    (``in``/``out``/``undecided``) when evaluation results exist.
    """

    id: str
    kind: str
    label: str
    text: str
    rank: int
    x: float
    y: float
    plain: str | None = None
    side: str = "pro"
    facts: tuple[tuple[str, str], ...] = ()
    citations: tuple[CitationView, ...] = ()
    lines: tuple[str, ...] = ()
    status: str | None = None
    explanation: str | None = None


@dataclass(frozen=True)
class MapEdge:
    """A directed edge: support and attacks point upwards, citations to the source."""

    id: str
    source: str
    target: str
    relation: str
    detail: str = ""
    status: str | None = None


@dataclass(frozen=True)
class ServiceLine:
    """A service line (or the setting) and the ids of the nodes in its trace."""

    key: str
    label: str
    root: str
    members: frozenset[str]


@dataclass(frozen=True)
class LayoutConfig:
    """Spacing of the layered layout, in canvas pixels.

    ``pad``: horizontal space between two boxes; ``max_per_row``: a row with more
    nodes is split into staggered sub-rows, at most ``max_sub_rows`` of them (a wider
    row grows sideways); ``wrap`` and ``max_lines``: label size.
    """

    pad: float = 24.0
    inference_gap: float = 50.0
    row_gap: float = 120.0
    inference_row_gap: float = 60.0
    sub_row_gap: float = 84.0
    max_per_row: int = 8
    max_sub_rows: int = 3
    wrap: int = 24
    max_lines: int = 4
    sweeps: int = 4


@dataclass(frozen=True)
class ArgumentMap:
    """The map of one determination: nodes, edges, service lines.

    Examples
    --------
    >>> m = ArgumentMap("d", "T", "c", (), (), ())
    >>> m.node("c") is None
    True
    """

    determination: str
    title: str
    main: str
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]
    lines: tuple[ServiceLine, ...]
    has_status: bool = False
    _index: dict[str, MapNode] = field(default_factory=dict, compare=False, repr=False)

    def node(self, node_id: str) -> MapNode | None:
        """The node with this id, or ``None``."""
        if not self._index and self.nodes:
            self._index.update((n.id, n) for n in self.nodes)
        return self._index.get(node_id)


# --- helpers ------------------------------------------------------------------------------


def source_field(source: Source, name: str) -> str:
    """A source field as shown to a reader: its value, or ``"unknown"``.

    Examples
    --------
    >>> s = Source("aans", "guideline", "AANS guidance", unknown=("version",))
    >>> source_field(s, "version"), source_field(s, "date"), source_field(s, "title")
    ('unknown', 'unknown', 'AANS guidance')
    """
    if name in source.unknown:
        value = None if name != "title" else source.title
        return value or UNKNOWN
    value = getattr(source, name, None)
    return str(value) if value else UNKNOWN


def code_with_description(code: str, system: str | None, description: str | None) -> str:
    """A procedure code with its description, never a bare code.

    Examples
    --------
    >>> code_with_description("22850", "CPT", "Removal of instrumentation")
    'CPT 22850 (Removal of instrumentation)'
    >>> code_with_description("99999", None, None)
    'code 99999 (no description in the case file)'
    """
    head = f"{system} {code}" if system else f"code {code}"
    return f"{head} ({description or 'no description in the case file'})"


def _wrap(text: str, width: int, max_lines: int) -> str:
    lines = textwrap.wrap(" ".join(text.split()), width=width, break_long_words=True)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(width - 1, 1)].rstrip() + "…"
    return "\n".join(lines)


def _citation_views(
    cites: Iterable[Citation], sources: Mapping[str, Source], refs: Mapping[str, int]
) -> tuple[CitationView, ...]:
    out = []
    for c in cites:
        src = sources.get(c.source)
        if src is None:  # pragma: no cover - the loader rejects unknown sources
            out.append(
                CitationView(
                    0, c.source, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, c.locator, c.quote
                )
            )
            continue
        out.append(
            CitationView(
                ref=refs[c.source],
                source=c.source,
                title=source_field(src, "title"),
                kind=src.kind,
                publisher=source_field(src, "publisher"),
                version=source_field(src, "version"),
                date=source_field(src, "date"),
                locator=c.locator,
                quote=c.quote,
            )
        )
    return tuple(out)


def _sides(index: ArgumentIndex) -> dict[str, str]:
    """``pro`` or ``con`` for each statement, from the conflicts (not from types).

    Pro: the main claim and what supports it; con: what attacks a pro statement or
    its inference, and what supports that; an attacker of a con statement is pro
    again. A statement reached from both sides keeps the first side found, pro first.
    """
    side: dict[str, str] = {}
    frontier = [(index.main_claim, "pro")]
    # breadth first, support keeps the side, an attack flips it
    while frontier:
        nxt: list[tuple[str, str]] = []
        for node, s in frontier:
            if node in side:
                continue
            side[node] = s
            supports = index.supports_of(node)
            nxt.extend((p, s) for inf in supports for p in inf.premises)
            flipped = "con" if s == "pro" else "pro"
            nxt.extend((x.attacker, flipped) for x in index.attacks_on(node))
            for inf in supports:
                nxt.extend((x.attacker, flipped) for x in index.attacks_on(inf.id))
        frontier = nxt
    return side


# --- the map ------------------------------------------------------------------------------


def argument_map(
    det: Determination,
    *,
    status: Mapping[str, str] | None = None,
    explanations: Mapping[str, str] | None = None,
    conflicts: Mapping[str, str] | None = None,
    layout: LayoutConfig | None = None,
) -> ArgumentMap:
    """Build the map of a determination, with positions.

    Parameters
    ----------
    det : Determination
        The determination (from :func:`toulmin.graph.authoring.casefile.load_case`).
    status : mapping of str to str, optional
        Acceptability label per statement or inference id (``in``, ``out``,
        ``undecided``), from the evaluator; shown on the nodes.
    explanations : mapping of str to str, optional
        A short explanation per id, shown in the tooltip.
    conflicts : mapping of str to str, optional
        The evaluator's status per conflict id (``holds``, ``answered``, ...).
    layout : LayoutConfig, optional
        Spacing; the defaults suit 60-120 nodes.

    Returns
    -------
    ArgumentMap

    Examples
    --------
    >>> from toulmin.graph.authoring.casefile import load_case
    >>> m = argument_map(load_case("examples/l4-5-revision.yaml"))
    >>> m.node("c-main").kind
    'conclusion'
    """
    cfg = layout or LayoutConfig()
    status = dict(status or {})
    explanations = dict(explanations or {})
    index = argument_index(det)
    nodes = _NodeMaker(det, index, cfg)
    raw = nodes.all()
    edges = _edges(det, index, conflicts or {})
    roots = _line_roots(det, nodes.setting_node)
    lines, membership = _service_lines(roots, edges)

    ids = [r["id"] for r in raw]
    kinds = {r["id"]: r["kind"] for r in raw}
    ranks = _ranks(ids, kinds, edges, det.main_claim, {root for _, _, root in roots})
    widths = {r["id"]: _label_width(r["label"], r["kind"]) for r in raw}
    positions = _positions(ids, kinds, ranks, edges, cfg, widths)

    map_nodes = []
    for r in raw:
        x, y = positions[r["id"]]
        map_nodes.append(
            MapNode(
                id=r["id"],
                kind=r["kind"],
                label=r["label"],
                text=r["text"],
                rank=ranks[r["id"]],
                x=x,
                y=y,
                plain=r.get("plain"),
                side=r.get("side", "pro"),
                facts=r.get("facts", ()),
                citations=r.get("citations", ()),
                lines=tuple(membership.get(r["id"], ())),
                status=status.get(r["id"]),
                explanation=explanations.get(r["id"]),
            )
        )
    return ArgumentMap(
        determination=det.id,
        title=det.title,
        main=det.main_claim,
        nodes=tuple(map_nodes),
        edges=tuple(edges),
        lines=tuple(lines),
        has_status=bool(status),
    )


Facts = list[tuple[str, str]]


class _NodeMaker:
    """The map's nodes of one determination, before layout, as dicts of MapNode fields.

    Statements first (file order), then service lines without a claim, the setting when
    it has no claim, the inferences and the sources.
    """

    def __init__(self, det: Determination, index: ArgumentIndex, cfg: LayoutConfig) -> None:
        self.det, self.index, self.cfg = det, index, cfg
        self.sources = {s.id: s for s in det.sources}
        self.refs = {s.id: n for n, s in enumerate(det.sources, start=1)}
        self.criteria = {c.id: c for c in det.criteria}
        self.services = {s.id: s for s in det.services}
        self.side = _sides(index)
        # which statement is a service line's (or the setting's) decision claim
        self.service_of_claim: dict[str, str] = {}
        for svc in det.services:
            if svc.claim:
                self.service_of_claim.setdefault(svc.claim, svc.id)
        self.setting_claim = det.setting.claim if det.setting else None
        #: The node that stands for the setting (its claim, or a node of its own).
        self.setting_node: str | None = None
        self.raw: list[dict[str, Any]] = []

    def add(self, node_id: str, kind: str, label: str, text: str, **extra: Any) -> None:
        """Add one node's fields."""
        self.raw.append({"id": node_id, "kind": kind, "label": label, "text": text, **extra})

    def all(self) -> list[dict[str, Any]]:
        """Every node of the map, in map order."""
        for item in self.det.all_statements():
            self.statement(item)
        self.unclaimed_services()
        self.setting()
        for inf in self.index.inferences.values():
            self.inference(inf)
        for src in self.det.sources:
            self.source(src)
        return self.raw

    def kind(self, item: StatementLike) -> str:
        """The node kind of a statement (see :data:`NODE_KINDS`)."""
        if item.id == self.det.main_claim:
            return "conclusion"
        if item.id in self.service_of_claim:
            return "service"
        if item.id == self.setting_claim:
            return "setting"
        if isinstance(item, Finding):
            return "finding"
        if self.side.get(item.id, "pro") == "con":
            return "counter"
        if item.id in self.index.attackers:
            return "answer"
        if isinstance(item, Assessment):
            return "assessment"
        return "guideline" if item.kind == "guideline" else "claim"

    def statement(self, item: StatementLike) -> None:
        """The node of a statement: its label, and the facts its tooltip lists."""
        cfg = self.cfg
        kind = self.kind(item)
        facts: Facts = []
        if kind == "service":
            label = self.service_facts(self.services[self.service_of_claim[item.id]], facts)
        elif kind == "setting" and self.det.setting is not None:
            label = self.setting_facts(facts)
        elif kind == "conclusion":
            label = _wrap(item.plain or item.text, cfg.wrap + 6, cfg.max_lines)
        else:
            label = _wrap(item.text, cfg.wrap, cfg.max_lines)
        if isinstance(item, Assessment):
            self.assessment_facts(item, facts)
        if isinstance(item, Finding):
            facts.insert(0, ("Finding type", item.kind))
            if item.present is False:
                facts.insert(1, ("Documented", "absent"))
            for name, title in _FINDING_FACTS:
                value = getattr(item, name)
                if value is not None:
                    facts.append((title, f"{value:g}" if isinstance(value, float) else str(value)))
            facts.extend((m.name, f"{m.value:g}") for m in item.measures)
        if item.weight is not None:
            facts.append(("Weight", f"{item.weight:g}"))
        self.add(
            item.id,
            kind,
            label,
            item.text,
            plain=item.plain,
            side=self.side.get(item.id, "pro"),
            facts=tuple(facts),
            citations=_citation_views(item.cite, self.sources, self.refs),
        )

    def service_facts(self, svc: Service, facts: Facts) -> str:
        """The label of a service line's claim node; its facts are added to ``facts``."""
        cfg = self.cfg
        head = f"{svc.system} {svc.code}" if svc.system else svc.code
        desc = svc.description or "no description in the case file"
        label = "\n".join(
            [_wrap(head, cfg.wrap, 1), _wrap(desc, cfg.wrap + 6, 2), svc.decision.upper()]
        )
        facts += [
            ("Service line", str(svc.line) if svc.line is not None else UNKNOWN),
            ("Code", code_with_description(svc.code, svc.system, svc.description)),
            ("Decision", svc.decision),
        ]
        facts += [(k, str(v)) for k, v in (("Level", svc.level), ("Setting", svc.setting)) if v]
        facts += [
            ("Criterion applied", self.criteria[c].text) for c in svc.criteria if c in self.criteria
        ]
        if svc.reason:
            facts.append(("Reason", svc.reason))
        if svc.missing_documentation:
            facts.append(("Missing documentation", svc.missing_documentation))
        return label

    def setting_facts(self, facts: Facts) -> str:
        """The label of the setting's claim node; its facts are added to ``facts``."""
        st = self.det.setting
        assert st is not None
        label = _wrap(f"Setting: {st.requested}", self.cfg.wrap, 1) + "\n" + st.decision.upper()
        facts += [("Setting requested", st.requested), ("Decision", st.decision)]
        facts += [
            ("Criterion applied", self.criteria[c].text) for c in st.criteria if c in self.criteria
        ]
        if st.reason:
            facts.append(("Reason", st.reason))
        return label

    def assessment_facts(self, item: Assessment, facts: Facts) -> None:
        """Add an assessment's result, criterion (with its source) and service line."""
        crit = self.criteria.get(item.criterion)
        assessed = self.services.get(item.service)
        facts.append(("Result", item.result))
        if crit is not None:
            facts.append(("Criterion", crit.text))
            src = self.sources.get(crit.source)
            if src is not None:
                facts.append(
                    (
                        "Criterion source",
                        f"[{self.refs[src.id]}] {source_field(src, 'title')}; version "
                        f"{crit.version or source_field(src, 'version')}",
                    )
                )
        if assessed is not None:
            code = code_with_description(assessed.code, assessed.system, assessed.description)
            facts.append(("For service", code))

    def unclaimed_services(self) -> None:
        """A node for each service line without a decision claim."""
        cfg = self.cfg
        claimed_services = set(self.service_of_claim.values())
        for svc in self.det.services:
            if svc.id in claimed_services:
                continue
            head = f"{svc.system} {svc.code}" if svc.system else svc.code
            self.add(
                svc.id,
                "service",
                _wrap(head, cfg.wrap, 1)
                + "\n"
                + _wrap(svc.description or "no description", cfg.wrap, 2)
                + "\n"
                + svc.decision.upper(),
                f"{code_with_description(svc.code, svc.system, svc.description)}: {svc.decision}",
                facts=(("Decision", svc.decision), ("Note", "no decision claim in the case file")),
            )

    def setting(self) -> None:
        """Which node stands for the setting; a node of its own when it has no claim."""
        setting = self.det.setting
        if setting is None:
            return
        if setting.claim:
            self.setting_node = setting.claim
            return
        self.setting_node = "setting"
        self.add(
            "setting",
            "setting",
            f"Setting: {setting.requested}\n{setting.decision.upper()}",
            f"Setting {setting.requested}: {setting.decision}",
            facts=(("Decision", setting.decision),),
        )

    def inference(self, inf: Inference) -> None:
        """The node of an inference: scheme, warrant, premises, conclusion, weight."""
        facts = [("Premises", ", ".join(inf.premises)), ("Conclusion", inf.conclusion)]
        if inf.scheme:
            facts.insert(0, ("Scheme", inf.scheme))
        if inf.warrant:
            facts.insert(1 if inf.scheme else 0, ("Warrant", inf.warrant))
        if inf.weight is not None:
            facts.append(("Weight", f"{inf.weight:g}"))
        self.add(
            inf.id,
            "inference",
            "",
            inf.warrant or inf.scheme or f"{', '.join(inf.premises)} support {inf.conclusion}",
            facts=tuple(facts),
            side=self.side.get(inf.conclusion, "pro"),
        )

    def source(self, src: Source) -> None:
        """The node of a source, numbered as in the reference list."""
        unknown = [
            f for f in ("title", "publisher", "version", "date", "identifier") if f in src.unknown
        ]
        facts = [
            ("Source type", src.kind),
            ("Publisher", source_field(src, "publisher")),
            ("Version", source_field(src, "version")),
            ("Date", source_field(src, "date")),
            ("Identifier", source_field(src, "identifier")),
        ]
        if unknown:
            facts.append(("Known to be unknown", ", ".join(unknown)))
        if src.note:
            facts.append(("Note", src.note))
        self.add(
            src.id,
            "source",
            _wrap(f"[{self.refs[src.id]}] {src.title}", self.cfg.wrap, self.cfg.max_lines),
            src.title,
            facts=tuple(facts),
            side="neutral",
        )


def _edges(det: Determination, index: ArgumentIndex, conflicts: Mapping[str, str]) -> list[MapEdge]:
    """Premise and conclusion edges, one per conflict, one per (statement, source) cited."""
    edges: list[MapEdge] = []
    for inf in index.inferences.values():
        for p in inf.premises:
            edges.append(MapEdge(f"{inf.id}:premise:{p}", p, inf.id, "support", "premise of"))
        edges.append(
            MapEdge(f"{inf.id}:conclusion", inf.id, inf.conclusion, "support", "concludes")
        )
    for con in index.conflicts.values():
        edges.append(
            MapEdge(con.id, con.attacker, con.target, con.kind, con.id, conflicts.get(con.id))
        )
    for item in det.all_statements():
        seen: dict[str, list[str]] = {}
        for c in item.cite:
            where = c.locator or ""
            if c.quote:
                where = f'{where}: "{c.quote}"' if where else f'"{c.quote}"'
            seen.setdefault(c.source, [])
            if where:
                seen[c.source].append(where)
        for src_id, wheres in seen.items():
            edges.append(
                MapEdge(f"{item.id}:cites:{src_id}", item.id, src_id, "cites", "; ".join(wheres))
            )
    return edges


def _line_roots(det: Determination, setting_node: str | None) -> list[tuple[str, str, str]]:
    """(key, title, root node) of each service line, and of the setting."""
    roots: list[tuple[str, str, str]] = []
    for svc in det.services:
        root = svc.claim or svc.id
        roots.append((svc.id, code_with_description(svc.code, svc.system, svc.description), root))
    if det.setting is not None and setting_node is not None:
        roots.append(("setting", f"Setting: {det.setting.requested}", setting_node))
    return roots


def _service_lines(
    roots: Sequence[tuple[str, str, str]], edges: Sequence[MapEdge]
) -> tuple[list[ServiceLine], dict[str, list[str]]]:
    """The service lines (for the filter and the collapsed overview), and each node's lines."""
    down: dict[str, list[str]] = defaultdict(list)
    for e in edges:
        if e.relation == "cites":
            down[e.source].append(e.target)
        else:  # support and attacks point upwards: walk them backwards
            down[e.target].append(e.source)
    lines: list[ServiceLine] = []
    membership: dict[str, list[str]] = defaultdict(list)
    for key, title, root in roots:
        members = _closure(root, down)
        lines.append(ServiceLine(key, title, root, frozenset(members)))
        for m in sorted(members):
            membership[m].append(key)
    return lines, membership


def _closure(root: str, down: Mapping[str, Sequence[str]]) -> set[str]:
    seen = {root}
    stack = [root]
    while stack:
        for nxt in down.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def to_networkx(amap: ArgumentMap) -> nx.MultiDiGraph:
    """The map as a networkx multigraph keyed by edge id, with node and edge attributes.

    Examples
    --------
    >>> m = ArgumentMap("d", "T", "a", (MapNode("a", "claim", "A", "A.", 0, 0.0, 0.0),), (), ())
    >>> g = to_networkx(m)
    >>> g.number_of_nodes(), g.nodes["a"]["kind"]
    (1, 'claim')
    """
    g = nx.MultiDiGraph(determination=amap.determination, main=amap.main)
    for n in amap.nodes:
        g.add_node(n.id, kind=n.kind, label=n.label, text=n.text, x=n.x, y=n.y, status=n.status)
    for e in amap.edges:
        g.add_edge(
            e.source, e.target, key=e.id, relation=e.relation, detail=e.detail, status=e.status
        )
    return g


# --- layout -------------------------------------------------------------------------------


def _ranks(
    ids: Sequence[str],
    kinds: Mapping[str, str],
    edges: Sequence[MapEdge],
    main: str,
    line_roots: set[str],
) -> dict[str, int]:
    """Longest-path ranks from the top: statements even, inferences odd.

    The "down" graph runs conclusion -> inference -> premise and target -> attacker;
    strongly connected parts (mutual attacks) share a rank. Leaf findings go to the
    lowest statement row and sources below it.
    """

    def min_rank(n: str) -> int:
        if n == main:
            return 0
        if n in line_roots:
            return 2
        return 1 if kinds[n] == "inference" else 4

    ranks = _longest_path_ranks(_down_graph(ids, kinds, edges), ids, main, min_rank)
    # parity: statements even, inferences odd
    for n in ids:
        if (kinds[n] == "inference") != (ranks[n] % 2 == 1):
            ranks[n] += 1
    statement_ranks = [r for n, r in ranks.items() if kinds[n] not in ("inference", "source")]
    bottom = max(statement_ranks, default=0)
    has_support = {e.target for e in edges if e.relation == "support"}
    for n in ids:
        if kinds[n] == "finding" and n not in has_support:
            ranks[n] = bottom
    for n in ids:
        if kinds[n] == "source":
            ranks[n] = bottom + 2
    return ranks


def _down_graph(
    ids: Sequence[str], kinds: Mapping[str, str], edges: Sequence[MapEdge]
) -> nx.DiGraph:
    """The "down" graph: each conclusion or target to its support or attacker.

    Each edge holds the rank step ``w`` it needs: 2 from a statement to its attacker, else 1.
    """
    down = nx.DiGraph()
    down.add_nodes_from(ids)
    for e in edges:
        if e.relation == "cites":
            continue
        if e.relation == "support":
            down.add_edge(e.target, e.source, w=1)
        else:
            w = 1 if kinds.get(e.target) == "inference" else 2
            if kinds.get(e.source) == "inference":  # pragma: no cover - attackers are statements
                w = 1
            prev = down.get_edge_data(e.target, e.source, {}).get("w", 0)
            down.add_edge(e.target, e.source, w=max(w, prev))
    return down


def _longest_path_ranks(
    down: nx.DiGraph, ids: Sequence[str], main: str, min_rank: Callable[[str], int]
) -> dict[str, int]:
    """Ranks over the condensation of ``down`` (a strongly connected part shares one).

    Each part is at least the ``min_rank`` of its nodes and a step (``w``) below each
    part above it; a part nothing is above keeps its minimum.
    """
    order = {n: i for i, n in enumerate(ids)}
    cond = nx.condensation(down)
    members = cond.graph["mapping"]  # node -> component
    comp_nodes: dict[int, list[str]] = defaultdict(list)
    for n, c in members.items():
        comp_nodes[c].append(n)
    comp_rank: dict[int, int] = {}
    for comp in nx.lexicographical_topological_sort(
        cond, key=lambda c: min(order[n] for n in comp_nodes[c])
    ):
        base = max(min_rank(n) for n in comp_nodes[comp])
        preds = list(cond.predecessors(comp))
        rank = base
        for p in preds:
            w = max(
                (
                    down.edges[a, b]["w"]
                    for a in comp_nodes[p]
                    for b in down.successors(a)
                    if members[b] == comp
                ),
                default=1,
            )
            rank = max(rank, comp_rank[p] + w)
        if preds or comp_nodes[comp] == [main]:
            comp_rank[comp] = rank
        else:
            comp_rank[comp] = base
    return {n: comp_rank[members[n]] for n in ids}


def _isotonic(desired: Sequence[float], gaps: Sequence[float]) -> list[float]:
    """Positions closest (least squares) to ``desired`` with ``x[i+1] - x[i] >= gaps[i]``.

    Pool-adjacent-violators on the shifted problem; order is kept.

    Examples
    --------
    >>> _isotonic([0.0, 0.0, 0.0], [10.0, 10.0])
    [-10.0, 0.0, 10.0]
    """
    offsets = [0.0]
    for g in gaps:
        offsets.append(offsets[-1] + g)
    values = [d - o for d, o in zip(desired, offsets, strict=True)]
    blocks: list[list[float]] = []  # [sum, count]
    for v in values:
        blocks.append([v, 1.0])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, c = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += c
    fitted: list[float] = []
    for s, c in blocks:
        fitted.extend([s / c] * int(c))
    return [f + o for f, o in zip(fitted, offsets, strict=True)]


def _label_width(label: str, kind: str) -> float:
    """Estimated drawn width of a node's box, in canvas pixels."""
    if kind == "inference":
        return 20.0
    per_char = _CHAR_PX.get(kind, 7.4)
    longest = max((len(line) for line in label.split("\n")), default=0)
    return longest * per_char + 22.0


_CHAR_PX = {"conclusion": 9.6, "service": 8.4, "setting": 8.4}


def _positions(
    ids: Sequence[str],
    kinds: Mapping[str, str],
    ranks: Mapping[str, int],
    edges: Sequence[MapEdge],
    cfg: LayoutConfig,
    widths: Mapping[str, float],
) -> dict[str, tuple[float, float]]:
    """Barycentre ordering within rows, then isotonic x placement, staggered wide rows."""
    neighbours: dict[str, list[str]] = defaultdict(list)
    for e in edges:
        if e.relation == "cites" and kinds.get(e.source) != "finding":
            continue  # long citation edges would drag every row towards the sources
        neighbours[e.source].append(e.target)
        neighbours[e.target].append(e.source)
    rows = _initial_rows(ids, ranks, edges)
    row_keys = sorted(rows)
    _order_rows(rows, row_keys, neighbours, ranks, {n: i for i, n in enumerate(ids)}, cfg.sweeps)
    xs, sub_row = _place_x(rows, row_keys, neighbours, ranks, cfg, widths)
    # centre the picture on the top row
    shift = xs[rows[row_keys[0]][0]] if row_keys and len(rows[row_keys[0]]) == 1 else 0.0
    ys = _row_ys(rows, row_keys, sub_row, cfg)
    return {
        n: (round(xs[n] - shift, 1), round(ys[ranks[n]] + sub_row[n] * cfg.sub_row_gap, 1))
        for n in ids
    }


def _initial_rows(
    ids: Sequence[str], ranks: Mapping[str, int], edges: Sequence[MapEdge]
) -> dict[int, list[str]]:
    """The nodes of each rank, in depth-first order from the top (file order first)."""
    rows: dict[int, list[str]] = defaultdict(list)
    for n in ids:
        rows[ranks[n]].append(n)
    first = {n: i for i, n in enumerate(ids)}
    visit_order: dict[str, int] = {}
    down: dict[str, list[str]] = defaultdict(list)
    for e in edges:
        if e.relation != "cites" and ranks[e.source] > ranks[e.target]:
            down[e.target].append(e.source)
    for n in sorted(ids, key=lambda n: (ranks[n], first[n])):
        stack = [n]
        while stack:
            cur = stack.pop()
            if cur in visit_order:
                continue
            visit_order[cur] = len(visit_order)
            stack.extend(reversed(down.get(cur, [])))
    for r in rows:
        rows[r].sort(key=lambda n: visit_order[n])
    return rows


def _order_rows(
    rows: dict[int, list[str]],
    row_keys: Sequence[int],
    neighbours: Mapping[str, Sequence[str]],
    ranks: Mapping[str, int],
    first: Mapping[str, int],
    sweeps: int,
) -> None:
    """Reorder each row in place by the barycentre of its neighbours, ``sweeps`` times.

    Even sweeps go down and look at the neighbours above; odd sweeps go up and look below.
    """
    pos_in_row: dict[str, float] = {}

    def index_row(r: int) -> None:
        width = max(len(rows[r]) - 1, 1)
        for i, n in enumerate(rows[r]):
            pos_in_row[n] = i / width

    for r in row_keys:
        index_row(r)
    for sweep in range(sweeps):
        sequence = row_keys if sweep % 2 == 0 else list(reversed(row_keys))
        for r in sequence:

            def bary(n: str, r: int = r, sweep: int = sweep) -> float:
                ns = [
                    pos_in_row[m]
                    for m in neighbours.get(n, ())
                    if (ranks[m] < r if sweep % 2 == 0 else ranks[m] > r)
                ]
                return sum(ns) / len(ns) if ns else pos_in_row[n]

            keyed = [(bary(n), pos_in_row[n], first[n], n) for n in rows[r]]
            keyed.sort()
            rows[r] = [k[3] for k in keyed]
            index_row(r)


def _place_x(
    rows: Mapping[int, list[str]],
    row_keys: Sequence[int],
    neighbours: Mapping[str, Sequence[str]],
    ranks: Mapping[str, int],
    cfg: LayoutConfig,
    widths: Mapping[str, float],
) -> tuple[dict[str, float], dict[str, int]]:
    """The x of each node, and its sub-row (a wide statement row is staggered).

    Nodes are spaced evenly by width, then pulled towards their neighbours.
    """
    xs: dict[str, float] = {}
    sub_row: dict[str, int] = {}
    gaps_for: dict[int, list[float]] = {}
    for r in row_keys:
        nodes = rows[r]
        k = min(cfg.max_sub_rows, math.ceil(len(nodes) / cfg.max_per_row)) if r % 2 == 0 else 1
        k = max(k, 1)
        for i, n in enumerate(nodes):
            sub_row[n] = i % k
        w = [widths.get(n, cfg.inference_gap) for n in nodes]
        if k == 1:
            gaps = [(a + b) / 2 + cfg.pad for a, b in itertools.pairwise(w)]
        else:
            gaps = [(max(w) + cfg.pad) / k] * max(len(nodes) - 1, 0)
        gaps_for[r] = gaps
        acc = -sum(gaps) / 2
        for i, n in enumerate(nodes):
            if i:
                acc += gaps[i - 1]
            xs[n] = acc
    for sweep in range(cfg.sweeps):
        sequence = row_keys if sweep % 2 == 0 else list(reversed(row_keys))
        for r in sequence:
            nodes = rows[r]
            desired = []
            for n in nodes:
                ns = [xs[m] for m in neighbours.get(n, ()) if ranks[m] != r]
                desired.append(sum(ns) / len(ns) if ns else xs[n])
            for n, x in zip(nodes, _isotonic(desired, gaps_for[r]), strict=True):
                xs[n] = x
    return xs, sub_row


def _row_ys(
    rows: Mapping[int, list[str]],
    row_keys: Sequence[int],
    sub_row: Mapping[str, int],
    cfg: LayoutConfig,
) -> dict[int, float]:
    """The y of each row: a row gap (smaller next to an inference row) plus sub-rows above."""
    ys: dict[int, float] = {}
    y = 0.0
    prev: int | None = None
    prev_extra = 0.0
    for r in row_keys:
        if prev is not None:
            odd = r % 2 == 1 or prev % 2 == 1
            y += (cfg.inference_row_gap if odd else cfg.row_gap) + prev_extra
        ys[r] = y
        k = max((sub_row[n] for n in rows[r]), default=0)
        prev_extra = k * cfg.sub_row_gap
        prev = r
    return ys
