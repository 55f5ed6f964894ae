"""The argument as an indented tree: from a claim down to each citation.

Each statement shows its kind, id and text, then the inferences that support it
(with their premises, recursively) and its citations; each attack on the statement
or on one of its supporting inferences is marked, with the answers to that attack
(attacks on the attacker or on the attacker's inferences). A statement reached a
second time is not expanded again (``see above``), so shared premises stay readable.

The relations come from :mod:`toulmin.graph.argument.index`; imports it, the authoring
model and rich.

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
... findings: [{id: f, kind: exam, text: EHL 3+/5., cite: "rec#note"}]
... statements:
...   - {id: c, kind: conclusion, text: Necessary., cite: rec}
...   - {id: k, kind: claim, text: Not necessary., cite: rec}
...   - {id: a, kind: claim, text: Answer., cite: rec}
... inferences:
...   - {id: i, premises: [f], conclusion: c}
...   - {id: j, premises: [a], conclusion: c}
... conflicts:
...   - {id: x, kind: rebut, attacker: k, target: c}
...   - {id: y, kind: rebut, attacker: a, target: k}
... ''')
>>> print(render_trace(det, width=100))  # doctest: +NORMALIZE_WHITESPACE
CONCLUSION c: Necessary.
├── cites rec: Record
├── supported by i
│   └── FINDING f: EHL 3+/5.
│       └── cites rec#note: Record
├── supported by j
│   └── CLAIM a: Answer.
│       └── cites rec: Record
└── ATTACKED (rebut x) by CLAIM k: Not necessary.
    ├── cites rec: Record
    └── ANSWERED (rebut y) by CLAIM a (see above)
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from toulmin.errors import BadInputError
from toulmin.graph.argument.index import StatementLike, argument_index
from toulmin.graph.argument.styles import KIND_STYLES as _KIND_STYLE
from toulmin.graph.authoring.model import Assessment, Citation, Conflict, Determination, Finding

__all__ = ["render_trace", "trace_tree"]


def _kind(item: StatementLike) -> str:
    if isinstance(item, Finding):
        return "finding"
    if isinstance(item, Assessment):
        return "assessment"
    return item.kind


class _TraceBuilder:
    def __init__(self, det: Determination) -> None:
        self.det = det
        self.index = argument_index(det)
        self.statements = self.index.statements
        self.sources = {s.id: s for s in det.sources}
        self.seen: set[str] = set()

    def label(self, item: StatementLike, prefix: str = "") -> str:
        kind = _kind(item)
        style = _KIND_STYLE.get(kind, "white")
        extra = ""
        if isinstance(item, Assessment):
            extra = f" \\[{escape(item.result)}: {escape(item.criterion)}]"
        return f"{prefix}[{style}]{kind.upper()} {escape(item.id)}[/]{extra}: {escape(item.text)}"

    def cite_label(self, cite: Citation) -> str:
        source = self.sources.get(cite.source)
        title = escape(source.title) if source else "[red]unknown source[/]"
        quote = f' [italic]"{escape(cite.quote)}"[/]' if cite.quote else ""
        return f"[dim]cites {escape(str(cite))}:[/] {title}{quote}"

    def statement(self, tree: Tree, sid: str, prefix: str = "") -> None:
        item = self.statements[sid]
        if sid in self.seen:
            tree.add(
                f"{prefix}[{_KIND_STYLE.get(_kind(item), 'white')}]{_kind(item).upper()} "
                f"{escape(sid)}[/] [dim](see above)[/]"
            )
            return
        self.seen.add(sid)
        node = tree.add(self.label(item, prefix))
        self.fill(node, sid)

    def fill(self, node: Tree, sid: str) -> None:
        item = self.statements[sid]
        if not item.cite:
            node.add("[bold red]NO CITATION[/]")
        for cite in item.cite:
            node.add(self.cite_label(cite))
        for inf in self.index.supports_of(sid):
            scheme = f" [dim]({escape(inf.scheme)})[/]" if inf.scheme else ""
            branch = node.add(f"supported by {escape(inf.id)}{scheme}")
            for con in self.index.attacks_on(inf.id):
                self.attack(branch, con, answered=False)
            for premise in inf.premises:
                self.statement(branch, premise)
        for con in self.index.attacks_on(sid):
            self.attack(node, con, answered=False)

    def attack(self, tree: Tree, con: Conflict, answered: bool) -> None:
        word = "ANSWERED" if answered else "ATTACKED"
        style = "green" if answered else "red"
        prefix = f"[bold {style}]{word}[/] ({escape(con.kind)} {escape(con.id)}) by "
        attacker = con.attacker
        if attacker in self.seen:
            self.statement(tree, attacker, prefix)
            return
        self.seen.add(attacker)
        node = tree.add(self.label(self.statements[attacker], prefix))
        item = self.statements[attacker]
        for cite in item.cite:
            node.add(self.cite_label(cite))
        if not item.cite:
            node.add("[bold red]NO CITATION[/]")
        for inf in self.index.supports_of(attacker):
            branch = node.add(f"supported by {escape(inf.id)}")
            for answer in self.index.attacks_on(inf.id):
                self.attack(branch, answer, answered=True)
            for premise in inf.premises:
                self.statement(branch, premise)
        for answer in self.index.attacks_on(attacker):
            self.attack(node, answer, answered=True)


def trace_tree(det: Determination, claim: str | None = None) -> Tree:
    """A :class:`rich.tree.Tree` of the argument for ``claim`` (default: the main claim).

    Raises
    ------
    BadInputError
        When ``claim`` is not a statement of the determination.
    """
    builder = _TraceBuilder(det)
    claim = claim or det.main_claim
    if claim not in builder.statements:
        known = ", ".join(sorted(builder.statements))
        raise BadInputError(f"unknown claim '{claim}' in {det.id}; statements are: {known}")
    builder.seen.add(claim)
    root = Tree(builder.label(builder.statements[claim]))
    builder.fill(root, claim)
    return root


def render_trace(
    det: Determination, claim: str | None = None, *, width: int = 120, color: bool = False
) -> str:
    """The trace as text (plain unless ``color``)."""
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, force_terminal=color, no_color=not color, highlight=False
    )
    console.print(trace_tree(det, claim))
    return buffer.getvalue().rstrip("\n")
