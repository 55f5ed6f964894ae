"""An evaluation and its flip sets as text (what ``toulmin evaluate`` and ``flip`` print) or HTML.

Owns the presentation of :class:`~toulmin.graph.argument.evaluate.Evaluation` and
:class:`~toulmin.graph.argument.flip.FlipResult`: :func:`render_evaluation` (the
labels table), :func:`render_flip` (the ranked flip sets), both drawn with rich as
plain text unless ``color``, and :func:`evaluation_html` (the labels table as an HTML
fragment, every text escaped, for Jupyter's ``_repr_html_``). The explanation tree is
drawn by :func:`toulmin.graph.argument.explain.render_explanation`. The commands, the
demo and the public API call these, so they print the same. Imports its own layer,
:mod:`toulmin.graph.argument`, only.

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
... statements: [{id: c, kind: conclusion, text: Necessary., cite: rec}]
... ''')
>>> text = render_evaluation(evaluate(det), width=100)
>>> [line for line in text.splitlines() if line.startswith("main claim")]
['main claim c: IN']
>>> "<td>IN</td>" in evaluation_html(evaluate(det)).replace(' class="in"', "")
True
"""

from __future__ import annotations

import html
import io

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from toulmin.graph.argument.evaluate import Evaluation
from toulmin.graph.argument.flip import FlipResult
from toulmin.graph.argument.standards import describe
from toulmin.graph.argument.styles import LABEL_STYLES
from toulmin.graph.authoring.wording import counted

__all__ = ["evaluation_html", "render_evaluation", "render_flip"]


_KIND_ORDER = {"statement": 0, "inference": 1, "conflict": 2}


def _console(buffer: io.StringIO, width: int | None, color: bool) -> Console:
    return Console(
        file=buffer, width=width, force_terminal=color, no_color=not color, highlight=False
    )


def _label(label: str | None) -> str:
    if label is None:
        return ""
    return f"[{LABEL_STYLES.get(label, 'white')}]{label.upper()}[/]"


def _ordered(ev: Evaluation) -> list[str]:
    """Statements, then inferences, then conflicts, each by id."""
    return sorted(ev.labels, key=lambda n: (_KIND_ORDER[ev.kinds[n]], n))


def render_evaluation(ev: Evaluation, *, width: int | None = 120, color: bool = False) -> str:
    """The evaluation as ``toulmin evaluate`` prints it: the claims, then a labels table.

    Parameters
    ----------
    ev : Evaluation
        From :func:`toulmin.graph.argument.evaluate.evaluate`.
    width : int or None
        Line width; ``None`` lets rich ask the terminal.
    color : bool
        Terminal colours (ANSI escapes); plain text by default.

    Returns
    -------
    str
        The text, ending in a newline: a heading line (semantics, proof standard,
        policy for uncited premises), the note, the main claim's and each service
        line's label, the labellings (semantics other than grounded), and the table
        of every node with its kind, label and reason.
    """
    buffer = io.StringIO()
    console = _console(buffer, width, color)
    console.print(
        f"[bold]{escape(ev.determination)}[/]: {escape(ev.semantics)} semantics; "
        f"{escape(describe(ev.standard))}; uncited premises: {ev.uncited}"
    )
    console.print(f"[dim]{escape(ev.note)}[/]")
    console.print(f"main claim {escape(ev.main_claim)}: {_label(ev.main_label)}")
    for service, claim in ev.claims:
        console.print(f"  {escape(service)} -> {escape(claim)}: {_label(ev.labels[claim])}")
    if ev.semantics != "grounded":
        for k, ext in enumerate(ev.extensions(), start=1):
            console.print(f"  labelling {k}: in = {{{escape(', '.join(ext))}}}")
    table = Table(show_header=True, header_style="bold", expand=False)
    table.add_column("node", no_wrap=True)
    table.add_column("kind")
    table.add_column("label")
    table.add_column("reason")
    for node in _ordered(ev):
        table.add_row(
            escape(node), ev.kinds[node], _label(ev.labels[node]), escape(ev.reasons[node].text)
        )
    console.print(table)
    return buffer.getvalue()


def render_flip(result: FlipResult, *, width: int | None = 120, color: bool = False) -> str:
    """The flip sets as ``toulmin flip`` prints them: ranked, each with its levers.

    Parameters
    ----------
    result : FlipResult
        From :func:`toulmin.graph.argument.flip.flip`.
    width : int or None
        Line width; ``None`` lets rich ask the terminal.
    color : bool
        Terminal colours (ANSI escapes); plain text by default.

    Returns
    -------
    str
        The text, ending in a newline.
    """
    buffer = io.StringIO()
    console = _console(buffer, width, color)
    goal = "take it out of in" if result.mode == "defeat" else "bring it in"
    console.print(
        f"[bold]{escape(result.determination)}[/]: claim {escape(result.claim)} is "
        f"{_label(result.label)} (grounded); minimal sets that would {goal}:"
    )
    console.print(f"[dim]{escape(result.note)}[/]")
    if not result.sets:
        console.print("  (none)")
    for k, fs in enumerate(result.sets, start=1):
        flag = "" if fs.exact else " [yellow](approximate search)[/]"
        console.print(
            f"{k:>3}. size {fs.size}: {escape(', '.join(fs.ids))} -> "
            f"{escape(result.claim)} {_label(fs.label)}; "
            f"{counted(len(fs.changed), 'statement')} "
            f"{'changes' if len(fs.changed) == 1 else 'change'}{flag}"
        )
        for lever in fs.levers:
            console.print(f"       - {escape(lever.text)}")
    return buffer.getvalue()


def evaluation_html(ev: Evaluation) -> str:
    """The evaluation as an HTML fragment: the main claim's label and the labels table.

    Every text (ids, reasons, the note) is escaped with :func:`html.escape`, so a case
    file's text never runs as markup. Each label cell has the class ``in``, ``out`` or
    ``undecided``.

    Parameters
    ----------
    ev : Evaluation
        From :func:`toulmin.graph.argument.evaluate.evaluate`.

    Returns
    -------
    str
        A ``<div>`` holding a heading line and a ``<table>``.
    """

    def e(text: object) -> str:
        return html.escape(str(text), quote=True)

    def cell(label: str) -> str:
        return f'<td class="{e(label)}">{e(label.upper())}</td>'

    colours = {"in": "#1a7f37", "out": "#cf222e", "undecided": "#9a6700"}
    style = " ".join(
        f".toulmin-evaluation td.{k} {{color: {v}; font-weight: bold;}}" for k, v in colours.items()
    )
    lines = [
        '<div class="toulmin-evaluation">',
        f"<style>{style}</style>",
        f"<p><b>{e(ev.determination)}</b>: {e(ev.semantics)} semantics; "
        f"{e(describe(ev.standard))}; uncited premises: {e(ev.uncited)}<br>"
        f"main claim <code>{e(ev.main_claim)}</code>: <b>{e(ev.main_label.upper())}</b></p>",
        "<table>",
        "<thead><tr><th>node</th><th>kind</th><th>label</th><th>reason</th></tr></thead>",
        "<tbody>",
    ]
    for node in _ordered(ev):
        lines.append(
            f"<tr><td><code>{e(node)}</code></td><td>{e(ev.kinds[node])}</td>"
            f"{cell(ev.labels[node])}<td>{e(ev.reasons[node].text)}</td></tr>"
        )
    lines += ["</tbody>", "</table>", f"<p><small>{e(ev.note)}</small></p>", "</div>"]
    return "\n".join(lines)
