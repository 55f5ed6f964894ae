"""Explanations: why a statement, inference or conflict has its label, as a tree.

:func:`explain` unfolds the one-line :class:`~toulmin.graph.argument.evaluate.Reason` of a
node into a tree that an appeals team can follow:

* **in** -- the supports that carry it, each down through its premises to the
  citations, and every attack on it that was answered, with what answered it
  (the conflict and the statement that defeats the attacker, unfolded in turn);
* **out** -- the attacks that hold against it (each attacker unfolded down to its
  own support) and each support that failed, with the undercut that holds on it or
  the premises that are missing (unfolded in turn); a weight that falls short is
  in the reason's text;
* **undecided** -- the cycle it depends on (or the uncited leaf it rests on).

A node met a second time is not unfolded again (``repeated``), so shared
premises keep the tree small. :meth:`Explanation.to_dict` gives the tree as
JSON-ready data; :func:`render_explanation` draws it with rich.

Examples
--------
>>> from toulmin.graph.authoring.casefile import parse_case
>>> from toulmin.graph.argument.evaluate import evaluate
>>> det = parse_case('''
... toulmin: 1
... id: tiny
... title: Tiny
... decision: {outcome: approved, main_claim: c}
... sources: [{id: rec, kind: clinical-document, title: Record}]
... services: [{id: s, code: "22850", decision: approved, claim: c}]
... findings: [{id: f, kind: exam, text: EHL 3+/5., cite: "rec#note"}]
... statements:
...   - {id: c, kind: conclusion, text: Necessary., cite: rec}
...   - {id: k, kind: claim, text: Not necessary., cite: rec}
...   - {id: a, kind: claim, text: The exam is recent., cite: rec}
... inferences: [{id: i, premises: [f], conclusion: c}, {id: j, premises: [f], conclusion: k}]
... conflicts:
...   - {id: x, kind: rebut, attacker: k, target: c}
...   - {id: y, kind: undercut, attacker: a, target: j}
... ''')
>>> tree = explain(evaluate(det), "c")
>>> print(render_explanation(tree, width=90))
IN conclusion c: Necessary.
in: supported by i (weight 1), which meets preponderance of the evidence (pro 1 > con 0);
k rebuts c (x), answered: k is out (undercut y by a)
├── supported by: IN inference i
│   in: all premises are in (f)
│   └── premise: IN finding f: EHL 3+/5.
│       in: cited to rec#note
│       └── cites rec#note
└── answered: OUT rebut x: k -> c
    out: k rebuts c (x), answered: k is out (undercut y by a)
    └── attacker: OUT claim k: Not necessary.
        out: its only support j is undercut by a (y)
        └── failed support: OUT inference j
            out: undercut by a (y)
            └── defeated by: IN undercut y: a -> j
                in: a undercuts j (y) and holds
                └── attacker: IN claim a: The exam is recent.
                    in: cited to rec
                    └── cites rec
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from toulmin.graph.argument.evaluate import Evaluation
from toulmin.graph.argument.reasons import Reason
from toulmin.graph.argument.styles import LABEL_STYLES as _STYLE
from toulmin.graph.authoring.model import Assessment

__all__ = ["Explanation", "explain", "explanation_text", "render_explanation"]


@dataclass(frozen=True)
class Explanation:
    """One node of an explanation tree.

    Attributes
    ----------
    node : str
        A statement, inference or conflict id, or ``source#locator`` for a citation.
    kind : str
        ``statement``, ``inference``, ``conflict`` or ``citation``.
    label : str or None
        The node's label (``None`` for citations).
    role : str
        How the node relates to its parent: ``root``, ``supported by``, ``premise``,
        ``cites``, ``answered``, ``attacker``, ``defeated by``, ``failed support``,
        ``missing premise``, ``lost support`` or ``cycle``.
    title : str
        The node in words: type, id and text (for a conflict: kind, attacker -> target).
    reason : Reason or None
        The node's reason (``None`` for citations and repeated nodes).
    children : tuple of Explanation
    repeated : bool
        The node was unfolded higher up in the tree; see there.
    """

    node: str
    kind: str
    label: str | None
    role: str
    title: str
    reason: Reason | None = None
    children: tuple[Explanation, ...] = field(default_factory=tuple)
    repeated: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The tree as JSON-ready data."""
        return {
            "node": self.node,
            "kind": self.kind,
            "label": self.label,
            "role": self.role,
            "title": self.title,
            "reason": None if self.reason is None else self.reason.to_dict(),
            "repeated": self.repeated,
            "children": [c.to_dict() for c in self.children],
        }

    def walk(self) -> list[Explanation]:
        """The node and all below it, depth first."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


class _Builder:
    def __init__(
        self, ev: Evaluation, sources: Mapping[str, str] | None, depth: int | None
    ) -> None:
        self.ev, self.st = ev, ev.structure
        self.sources = dict(sources or {})
        self.depth = depth
        self.seen: set[str] = set()

    def title(self, node: str) -> str:
        st, index = self.st, self.st.index
        kind = st.kinds[node]
        if kind == "statement":
            item = index.statements[node]
            stype = index.statement_type(node)
            extra = f" [{item.result}: {item.criterion}]" if isinstance(item, Assessment) else ""
            return f"{stype} {node}{extra}: {item.text}"
        if kind == "inference":
            scheme = index.inferences[node].scheme
            return f"inference {node}" + (f" ({scheme})" if scheme else "")
        return f"{st.conflict_kind[node]} {node}: {st.attacker[node]} -> {st.target[node]}"

    def node(self, node: str, role: str, level: int) -> Explanation:
        kind = self.st.kinds[node]
        label = self.ev.labels[node]
        if node in self.seen:
            return Explanation(node, kind, label, role, self.title(node), repeated=True)
        self.seen.add(node)
        reason = self.ev.reasons[node]
        children: list[Explanation] = []
        if self.depth is None or level < self.depth:
            if kind == "statement":
                children = self.statement(node, reason, level)
            elif kind == "inference":
                children = self.inference(node, reason, level)
            else:
                children = self.conflict(node, level)
        return Explanation(node, kind, label, role, self.title(node), reason, tuple(children))

    def cites(self, node: str) -> list[Explanation]:
        out = []
        for cite in self.st.index.citations(node):
            ref = str(cite)
            title = f"cites {ref}"
            if cite.source in self.sources:
                title += f": {self.sources[cite.source]}"
            if cite.quote:
                title += f' "{cite.quote}"'
            out.append(Explanation(ref, "citation", None, "cites", title))
        return out

    def attack(self, conflict: str, role: str, level: int) -> Explanation:
        return self.node(conflict, role, level + 1)

    def statement(self, s: str, reason: Reason, level: int) -> list[Explanation]:
        st, ev = self.st, self.ev
        label = reason.label
        out: list[Explanation] = []
        leaf = not st.supporters[s]
        if reason.code == "no-labelling":
            return out
        if label == "in":
            for via in reason.supports:
                if via != "evidence":
                    out.append(self.node(via, "supported by", level + 1))
            if leaf:
                out.extend(self.cites(s))
            for att in reason.attacks:
                if att.status in ("answered", "outweighed", "ineffective") and att.target == s:
                    out.append(self.attack(att.conflict, "answered", level))
                elif att.status == "lost-support":
                    out.append(self.attack(att.conflict, "lost support", level))
        elif label == "out":
            for att in reason.defeaters:
                if att.target == s:
                    out.append(self.attack(att.conflict, "defeated by", level))
            for via in st.supporters[s]:
                if ev.labels[via] == "out":
                    out.append(self.node(via, "failed support", level + 1))
            if leaf:
                out.extend(self.cites(s))
        else:
            out.extend(self.cycle(s, reason))
        return out

    def inference(self, i: str, reason: Reason, level: int) -> list[Explanation]:
        out: list[Explanation] = []
        if reason.label == "in":
            for q in reason.premises:
                out.append(self.node(q, "premise", level + 1))
            for att in reason.attacks:
                out.append(self.attack(att.conflict, "answered", level))
        elif reason.label == "out":
            for att in reason.defeaters:
                out.append(self.attack(att.conflict, "defeated by", level))
            for q in reason.missing:
                out.append(self.node(q, "missing premise", level + 1))
        else:
            out.extend(self.cycle(i, reason))
        return out

    def conflict(self, x: str, level: int) -> list[Explanation]:
        return [self.node(self.st.attacker[x], "attacker", level + 1)]

    def cycle(self, node: str, reason: Reason) -> list[Explanation]:
        out = []
        for member in reason.cycle[1:]:
            if member == node or member not in self.st.kinds:
                continue
            kind = self.st.kinds[member]
            label = self.ev.labels[member]
            if kind in ("statement", "inference", "conflict"):
                out.append(
                    Explanation(member, kind, label, "cycle", self.title(member), repeated=True)
                )
        return out


def explain(
    ev: Evaluation,
    node: str,
    *,
    depth: int | None = None,
    sources: Mapping[str, str] | None = None,
) -> Explanation:
    """The explanation tree of one node's label.

    Parameters
    ----------
    ev : Evaluation
        The result of :func:`toulmin.graph.argument.evaluate.evaluate`.
    node : str
        A statement, inference or conflict id.
    depth : int, optional
        Unfold at most this many levels (default: all, down to citations).
    sources : mapping of str to str, optional
        Source id -> title, to name the sources of citations.

    Raises
    ------
    BadInputError
        When ``node`` is not a statement, inference or conflict of the determination.
    """
    ev.label(node)  # raises for an unknown id
    return _Builder(ev, sources, depth).node(node, "root", 0)


def _line(expl: Explanation, markup: bool) -> str:
    def esc(text: str) -> str:
        return escape(text) if markup else text

    role = "" if expl.role == "root" else f"{expl.role}: "
    if expl.kind == "citation":
        return esc(expl.title)
    label = (expl.label or "").upper()
    styled = f"[{_STYLE.get(expl.label or '', 'white')}]{label}[/]" if markup else label
    head = f"{esc(role)}{styled} {esc(expl.title)}"
    if expl.repeated:
        head += " [dim](see above)[/]" if markup else " (see above)"
    return head


def _tree(expl: Explanation, markup: bool) -> Tree:
    text = _line(expl, markup)
    if expl.reason is not None:
        reason = escape(expl.reason.text) if markup else expl.reason.text
        text += "\n" + (f"[dim]{reason}[/]" if markup else reason)
    tree = Tree(text)
    for child in expl.children:
        tree.children.append(_tree(child, markup))
    return tree


def render_explanation(expl: Explanation, *, width: int = 120, color: bool = False) -> str:
    """The explanation as a tree drawn with rich (plain text unless ``color``)."""
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, force_terminal=color, no_color=not color, highlight=False
    )
    console.print(_tree(expl, markup=True))
    return "\n".join(line.rstrip() for line in buffer.getvalue().rstrip("\n").splitlines())


def explanation_text(expl: Explanation, indent: str = "  ") -> str:
    """The explanation as indented plain text, one node per line (no tree drawing).

    >>> leaf = Explanation("rec", "citation", None, "cites", "cites rec")
    >>> root = Explanation("f", "statement", "in", "root", "finding f: x", None, (leaf,))
    >>> print(explanation_text(root))
    IN finding f: x
      cites rec
    """
    lines: list[str] = []

    def visit(e: Explanation, level: int) -> None:
        pad = indent * level
        lines.append(pad + _line(e, markup=False))
        if e.reason is not None:
            lines.append(pad + indent + "why: " + e.reason.text)
        for child in e.children:
            visit(child, level + 1)

    visit(expl, 0)
    return "\n".join(lines)
