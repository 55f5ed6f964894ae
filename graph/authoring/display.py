"""A determination as a short HTML summary, for Jupyter's ``_repr_html_``.

Owns :func:`determination_html`: the title, outcome, question, main claim, the
service lines with their decisions, and how many sources, findings, statements,
inferences and conflicts the argument has. Every text from the case file goes
through :func:`html.escape`. Imports :mod:`toulmin.graph.authoring.model` only (the
map and the brief, which draw the whole argument, are in :mod:`toulmin.viz`).

Examples
--------
>>> from toulmin.graph.authoring.casefile import parse_case
>>> det = parse_case('''
... toulmin: 1
... id: tiny
... title: Tiny <b>case</b>
... decision: {outcome: approved, main_claim: c}
... sources: [{id: rec, kind: clinical-document, title: Record}]
... services: [{id: s, code: "22850", decision: approved, claim: c}]
... statements: [{id: c, kind: conclusion, text: Necessary., cite: rec}]
... ''')
>>> page = determination_html(det)
>>> "Tiny &lt;b&gt;case&lt;/b&gt;" in page and "<b>case</b>" not in page
True
"""

from __future__ import annotations

import html

from toulmin.graph.authoring.model import Determination

__all__ = ["determination_html"]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def determination_html(det: Determination) -> str:
    """A short HTML fragment describing ``det`` (escaped; no script, no style sheet).

    Parameters
    ----------
    det : Determination
        The determination.

    Returns
    -------
    str
        A ``<div>`` with a heading, the decision, the service lines as a table and
        the size of the argument.
    """
    main = det.node(det.main_claim)
    claim_text = getattr(main, "text", "") or ""
    parts = [
        '<div class="toulmin-determination">',
        f"<h4>{_e(det.title)}</h4>",
        f"<p>determination <code>{_e(det.id)}</code>: <b>{_e(det.outcome)}</b>"
        + (" (illustrative)" if det.illustrative else "")
        + "</p>",
    ]
    if det.question:
        parts.append(f"<p>question: {_e(det.question)}</p>")
    parts.append(f"<p>main claim <code>{_e(det.main_claim)}</code>: {_e(claim_text)}</p>")
    if det.services:
        parts += [
            "<table>",
            "<thead><tr><th>service</th><th>code</th><th>decision</th><th>claim</th></tr></thead>",
            "<tbody>",
        ]
        for svc in det.services:
            code = f"{svc.system} {svc.code}" + (f" ({svc.description})" if svc.description else "")
            parts.append(
                f"<tr><td><code>{_e(svc.id)}</code></td><td>{_e(code)}</td>"
                f"<td>{_e(svc.decision)}</td><td><code>{_e(svc.claim or '')}</code></td></tr>"
            )
        parts += ["</tbody>", "</table>"]
    if det.setting:
        parts.append(
            f"<p>setting {_e(det.setting.requested)}: <b>{_e(det.setting.decision)}</b></p>"
        )
    sizes = (
        ("sources", det.sources),
        ("findings", det.findings),
        ("statements", det.statements),
        ("assessments", det.assessments),
        ("inferences", det.inferences),
        ("conflicts", det.conflicts),
    )
    parts.append("<p><small>" + ", ".join(f"{len(v)} {k}" for k, v in sizes) + "</small></p>")
    parts.append("</div>")
    return "\n".join(parts)
