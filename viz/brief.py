"""The appeal brief: a determination as a document a person can read and answer.

For each service line and for the setting, the brief gives the decision, each
criterion with how it is met (or not) and the findings behind it, the evidence
with its citations and quoted spans, the counter-arguments and how each was
answered and, flagged plainly, what is weak: claims without citations, citations
to sources with unknown details, unanswered attacks and, when the evaluator is
installed, acceptability labels and the minimal sets whose defeat would flip the
decision. A numbered reference list ends it. Where the case file has a
``summary`` and ``plain`` wording, the brief leads with it; a procedure code is
never shown without its description.

The brief is built once as a small document tree (:class:`Brief`) and rendered
to Markdown (:func:`render_markdown`, every case text escaped) or to one
self-contained HTML page (:func:`render_html`, every case text HTML-escaped, no
script, a Content-Security-Policy that forbids any request).

Examples
--------
>>> from toulmin.graph.authoring.casefile import parse_case
>>> det = parse_case('''
... toulmin: 1
... id: tiny
... title: Tiny
... summary: Your surgery is approved.
... decision: {outcome: approved, main_claim: c}
... sources: [{id: rec, kind: clinical-document, title: Record, unknown: [date]}]
... criteria: [{id: k, source: rec, text: Weakness., applies_to: ["22850"]}]
... services:
...   - {id: s, code: "22850", description: Hardware removal, decision: approved, claim: c,
...      criteria: [k]}
... findings: [{id: f, kind: exam, text: EHL 3+/5., cite: {source: rec, quote: EHL 3+/5}}]
... statements:
...   - {id: c, kind: conclusion, text: Necessary., cite: rec}
...   - {id: u, kind: claim, text: Not necessary., cite: []}
... assessments: [{id: a, criterion: k, service: s, result: met, text: Met., cite: rec}]
... inferences:
...   - {id: i, premises: [a], conclusion: c}
...   - {id: j, premises: [f], conclusion: a}
... conflicts: [{id: x, kind: rebut, attacker: u, target: c}]
... ''')
>>> md = render_markdown(build_brief(det, evaluation=None))
>>> "CPT 22850 (Hardware removal)" in md
True
>>> "Unanswered" in md and "No citation" in md
True
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

from toulmin.errors import BadInputError
from toulmin.graph.argument.index import StatementLike, argument_index
from toulmin.graph.authoring.model import (
    Assessment,
    Citation,
    Conflict,
    Criterion,
    Determination,
    Finding,
    Inference,
    Service,
    Source,
)
from toulmin.graph.authoring.wording import counted, embedded
from toulmin.viz._evaluation import VizEvaluation, evaluate_for_viz
from toulmin.viz.map import UNKNOWN, code_with_description, source_field

__all__ = [
    "Block",
    "Brief",
    "Heading",
    "Item",
    "ListBlock",
    "Para",
    "Span",
    "brief_html",
    "brief_markdown",
    "build_brief",
    "md_escape",
    "render_html",
    "render_markdown",
    "write_brief",
]

_SOURCE_FIELDS = ("title", "publisher", "version", "date", "identifier")
_RESULT_WORDS = {
    "met": "Met",
    "not-met": "Not met",
    "not-applicable": "Not applicable",
    "insufficient": "Insufficient information",
}
_KIND_WORDS = {"rebut": "rebuts", "undercut": "undercuts", "undermine": "undermines"}
_COMBINE_WORDS = {"all": "All of these parts", "any": "Any one of these parts"}
#: What the evaluator's status of an attack says, as a clause about "the attack".
_ATTACK_STATUS_WORDS = {
    "holds": "the attack holds",
    "lost-support": "the attack holds on one support, and the target stands on another",
    "answered": "the attack is answered",
    "outweighed": "the attack is outweighed",
    "ineffective": "the attack is ineffective",
    "undecided": "the attack is undecided",
    "in": "the attack holds",
    "out": "the attack fails",
}


def _attack_status_words(status: str) -> str:
    """The evaluator's status of an attack as a clause (``holds`` -> ``the attack holds``).

    >>> _attack_status_words("holds"), _attack_status_words("answered")
    ('the attack holds', 'the attack is answered')
    """
    return _ATTACK_STATUS_WORDS.get(status, f"the attack is {status}")


# --- the document tree ----------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """Inline text with a style: ``""``, ``strong``, ``em``, ``quote``, ``flag``, ``ref``.

    For ``ref``, ``ref`` is the reference number and ``text`` the locator (or ``""``).
    """

    text: str
    style: str = ""
    ref: int | None = None


@dataclass(frozen=True)
class Para:
    """A paragraph; ``cls`` marks special paragraphs (``weak``, ``note``, ``plain``)."""

    spans: tuple[Span, ...]
    cls: str = ""


@dataclass(frozen=True)
class Item:
    """A list item with nested blocks."""

    spans: tuple[Span, ...]
    children: tuple[Block, ...] = ()


@dataclass(frozen=True)
class ListBlock:
    """A bulleted (or numbered) list."""

    items: tuple[Item, ...]
    ordered: bool = False
    cls: str = ""


@dataclass(frozen=True)
class Heading:
    """A heading of level 1-4, with an optional anchor."""

    level: int
    text: str
    anchor: str | None = None


Block: TypeAlias = Para | ListBlock | Heading


@dataclass(frozen=True)
class Brief:
    """The brief as blocks, plus what the renderers need for the page title."""

    title: str
    blocks: tuple[Block, ...]
    references: tuple[Item, ...] = ()
    flags: int = 0
    meta: dict[str, Any] = field(default_factory=dict)


def _unknown_fields(src: Source) -> list[str]:
    """Source fields that are unknown: listed as unknown, or not given."""
    return [f for f in _SOURCE_FIELDS if f in src.unknown or not getattr(src, f)]


def _t(text: str, style: str = "") -> Span:
    return Span(" ".join(str(text).split()), style)


# --- building ---------------------------------------------------------------------------------


class _Builder:
    def __init__(self, det: Determination, ev: VizEvaluation | None) -> None:
        self.det = det
        self.ev = ev
        self.sources: dict[str, Source] = {s.id: s for s in det.sources}
        self.refs: dict[str, int] = {s.id: n for n, s in enumerate(det.sources, start=1)}
        self.criteria: dict[str, Criterion] = {c.id: c for c in det.criteria}
        self.services: dict[str, Service] = {s.id: s for s in det.services}
        self.index = argument_index(det)
        self.statements = self.index.statements
        self.inferences = self.index.inferences
        self.codes = {s.code: s for s in det.services}
        self.flag_count = 0

    # -- small pieces --
    def label(self, node: str) -> str | None:
        return self.ev.status.get(node) if self.ev else None

    def cites(self, cites: Iterable[Citation]) -> list[Span]:
        out: list[Span] = []
        for c in cites:
            out.append(Span(c.locator or "", "ref", self.refs.get(c.source, 0)))
            if c.quote:
                out.append(_t(c.quote, "quote"))
        return out

    def wording(self, item: StatementLike, lead: str = "", expect: str | None = "in") -> list[Span]:
        """Plain wording first when the case file has it, then the clinical wording.

        ``expect`` is the label that is good news for the decision (``out`` for a
        counter-argument); any other label is flagged. ``None``: shown, not flagged.
        """
        spans: list[Span] = []
        if lead:
            spans.append(_t(lead, "strong"))
        if item.plain:
            spans.append(_t(item.plain))
            spans.append(_t(f"(Clinical wording: {' '.join(item.text.split())})", "em"))
        else:
            spans.append(_t(item.text))
        spans.extend(self.cites(item.cite))
        if not item.cite:
            spans.append(self.flag("No citation."))
        lab = self.label(item.id)
        if lab:
            good = expect is None or lab == expect
            spans.append(_t(f"[{lab}]", "em") if good else self.flag(f"[{lab}]"))
        return spans

    def flag(self, text: str) -> Span:
        self.flag_count += 1
        return Span(text, "flag")

    def code(self, code: str) -> str:
        svc = self.codes.get(code)
        if svc is not None:
            return code_with_description(svc.code, svc.system, svc.description)
        return code_with_description(code, None, None)

    # -- graph walks (the relations come from the argument index) --
    def support_trace(self, root: str) -> list[str]:
        """Statements below ``root`` through support only, in first-reached order."""
        return self.index.support_trace(root)

    def findings_behind(self, root: str) -> list[Finding]:
        return [
            s for n in self.support_trace(root)[1:] if isinstance(s := self.statements[n], Finding)
        ]

    # -- sections --
    def section(
        self,
        heading: str,
        anchor: str,
        decision: str,
        claim_id: str | None,
        criteria_ids: Sequence[str],
        service_id: str | None,
        facts: Sequence[tuple[str, str]],
    ) -> list[Block]:
        """The section of one service line (or the setting).

        Its decision and claim, criteria, evidence, counter-arguments and what is weak.
        """
        blocks: list[Block] = [Heading(2, heading, anchor)]
        spans = [_t("Decision: ", "strong"), _t(decision)]
        blocks.append(Para(tuple(spans)))
        for name, value in facts:
            blocks.append(Para((_t(f"{name}: ", "strong"), _t(value))))
        claim = self.statements.get(claim_id) if claim_id else None
        weak: list[Item] = []
        trace: list[str] = []
        if claim is None:
            blocks.append(Para((self.flag("No claim in the case file argues this decision."),)))
        else:
            blocks.extend(self.claim_blocks(claim, decision, weak))
            trace = self.support_trace(claim.id)
        denial = claim is not None and decision.startswith("denied")
        blocks.extend(self.criteria_blocks(criteria_ids, service_id, trace, denial, weak))
        if trace:
            blocks.extend(self.evidence_blocks(trace))

        blocks.append(Heading(3, "Counter-arguments and answers"))
        attacks = self.index.attacks_against(trace) if trace else []
        if not attacks:
            blocks.append(Para((_t("No counter-argument is recorded against this decision."),)))
        else:
            blocks.append(ListBlock(tuple(self.attack_item(c, weak) for c in attacks)))

        blocks.append(Heading(3, "What is weak"))
        weak.extend(self.weak_trace_items(trace))
        weak.extend(self.flip_items(claim.id if claim else None))
        if weak:
            blocks.append(ListBlock(tuple(weak), cls="weak"))
        else:
            blocks.append(Para((_t("Nothing flagged."),)))
        return blocks

    def claim_blocks(self, claim: StatementLike, decision: str, weak: list[Item]) -> list[Block]:
        """Why (the decision's claim) and its evaluation; a weak point if it is not in."""
        blocks: list[Block] = [Para(tuple(self.wording(claim, "Why: ")), "claim")]
        lab = self.label(claim.id)
        if self.ev and lab:
            reason = self.ev.explanations.get(claim.id, "")
            blocks.append(Para((_t("Evaluation: ", "strong"), _t(reason)), "note"))
            if lab != "in" and decision.startswith("approved"):
                weak.append(
                    Item(
                        (
                            self.flag(
                                f"The decision is {decision}, but its claim is {lab} "
                                f"under {self.ev.semantics} semantics."
                            ),
                        )
                    )
                )
        return blocks

    def criteria_blocks(
        self,
        criteria_ids: Sequence[str],
        service_id: str | None,
        trace: Sequence[str],
        denial: bool,
        weak: list[Item],
    ) -> list[Block]:
        """The criteria named for the decision and those assessed on its trace (top level)."""
        blocks: list[Block] = [Heading(3, "Criteria")]
        assessed = [
            a
            for a in self.det.assessments
            if (service_id is not None and a.service == service_id) or a.id in trace
        ]
        crit_order: list[str] = list(criteria_ids)
        for a in assessed:
            if a.criterion not in crit_order:
                crit_order.append(a.criterion)
        nested = {p for c in crit_order if c in self.criteria for p in self._all_parts(c)}
        crit_order = [c for c in crit_order if c not in nested]
        if not crit_order:
            blocks.append(Para((_t("The case file names no criterion for this decision."),)))
            if denial:
                weak.append(Item((self.flag("A denial that names no specific criterion."),)))
        items = [
            self.criterion_item(cid, assessed, weak, trace, top=cid in criteria_ids)
            for cid in crit_order
        ]
        if items:
            blocks.append(ListBlock(tuple(items)))
        return blocks

    def evidence_blocks(self, trace: Sequence[str]) -> list[Block]:
        """Reasoning and guidance, findings, and the inferences on the support trace."""
        blocks: list[Block] = [Heading(3, "Evidence")]
        reasoning = [
            n for n in trace[1:] if not isinstance(self.statements[n], Finding | Assessment)
        ]
        findings = [n for n in trace[1:] if isinstance(self.statements[n], Finding)]
        if reasoning:
            blocks.append(Para((_t("Reasoning and guidance", "strong"),)))
            blocks.append(
                ListBlock(tuple(Item(tuple(self.wording(self.statements[n]))) for n in reasoning))
            )
        if findings:
            blocks.append(Para((_t("Findings from the record", "strong"),)))
            blocks.append(
                ListBlock(tuple(Item(tuple(self.wording(self.statements[n]))) for n in findings))
            )
        steps = [inf for n in trace for inf in self.index.supports_of(n)]
        if steps:
            blocks.append(Para((_t("How the evidence leads to the decision", "strong"),)))
            blocks.append(ListBlock(tuple(self.inference_item(inf) for inf in steps)))
        return blocks

    def weak_trace_items(self, trace: Sequence[str]) -> list[Item]:
        """Uncited statements and sources with unknown details, on the whole trace."""
        weak: list[Item] = []
        whole = self.whole_trace(trace)
        uncited = [n for n in whole if n in self.statements and not self.statements[n].cite]
        for n in uncited:
            weak.append(
                Item(
                    (
                        self.flag("No citation: "),
                        _t(" ".join(self.statements[n].text.split())),
                        _t(f"({n})", "em"),
                    )
                )
            )
        cited_sources: dict[str, int] = defaultdict(int)
        for n in whole:
            item = self.statements.get(n)
            if item is None:
                continue
            for c in {c.source for c in item.cite}:
                cited_sources[c] += 1
        for src_id in sorted(cited_sources, key=lambda s: self.refs.get(s, 0)):
            unknown = _unknown_fields(self.sources[src_id])
            if unknown:
                weak.append(
                    Item(
                        (
                            self.flag("Source with unknown details: "),
                            Span("", "ref", self.refs[src_id]),
                            _t(
                                f"{', '.join(unknown)} unknown; cited by "
                                f"{counted(cited_sources[src_id], 'statement')} of this decision."
                            ),
                        )
                    )
                )
        return weak

    def whole_trace(self, trace: Sequence[str]) -> list[str]:
        """The support trace plus every attacker, answer and their supports."""
        out: list[str] = list(trace)
        seen = set(out)
        frontier = list(trace)
        while frontier:
            nxt: list[str] = []
            for con in self.index.attacks_against(frontier):
                for n in self.support_trace(con.attacker):
                    if n not in seen:
                        seen.add(n)
                        out.append(n)
                        nxt.append(n)
            frontier = nxt
        return out

    def _all_parts(self, cid: str) -> set[str]:
        out: set[str] = set()
        stack = list(self.criteria[cid].parts) if cid in self.criteria else []
        while stack:
            p = stack.pop()
            if p not in out:
                out.add(p)
                stack.extend(self.criteria[p].parts if p in self.criteria else ())
        return out

    def criterion_item(
        self,
        cid: str,
        assessed: Sequence[Assessment],
        weak: list[Item],
        trace: Sequence[str],
        top: bool,
    ) -> Item:
        crit = self.criteria.get(cid)
        if crit is None:
            return Item((self.flag(f"Unknown criterion {cid}."),))
        src = self.sources.get(crit.source)
        spans: list[Span] = [_t(crit.text, "strong")]
        if src is not None:
            spans.append(Span(crit.ref or "", "ref", self.refs[src.id]))
            version = crit.version or source_field(src, "version")
            spans.append(_t(f"(version: {version})", "em"))
        if crit.applies_to:
            spans.append(
                _t(f"Applies to {'; '.join(self.code(c) for c in crit.applies_to)}.", "em")
            )
        children: list[Block] = []
        mine = [a for a in assessed if a.criterion == cid]
        if not mine:
            children.append(Para((self.flag("Not assessed in the case file."),)))
            if top:
                weak.append(
                    Item((self.flag(f"A criterion applied but not assessed: {crit.text}"),))
                )
        for a in mine:
            result = _RESULT_WORDS.get(a.result, a.result)
            pro = a.id in trace
            a_spans = [_t(f"{result}: ", "strong"), *self.wording(a, expect="in" if pro else None)]
            if not pro:
                a_spans.append(_t("(raised by a counter-argument: see below)", "em"))
            grand: list[Block] = []
            findings = self.findings_behind(a.id) if not crit.parts else []
            if findings:
                listed = tuple(
                    Item((_t(" ".join(f.text.split())), *self.cites(f.cite))) for f in findings
                )
                grand.append(
                    ListBlock((Item((_t("Findings behind it:", "em"),), (ListBlock(listed),)),))
                )
            children.append(ListBlock((Item(tuple(a_spans), tuple(grand)),)))
        if crit.parts:
            how = _COMBINE_WORDS.get(crit.combine or "all", "Parts")
            if crit.combine == "at-least" or crit.at_least:
                how = f"At least {crit.at_least} of these parts"
            parts = tuple(self.criterion_item(p, assessed, weak, trace, False) for p in crit.parts)
            children.append(ListBlock((Item((_t(f"{how}:", "em"),), (ListBlock(parts),)),)))
        if crit.min_weeks is not None:
            children.append(Para((_t(f"Threshold: at least {crit.min_weeks:g} weeks."),)))
        if crit.min_grade:
            children.append(Para((_t(f"Threshold: motor grade {crit.min_grade} or weaker."),)))
        return Item(tuple(spans), tuple(children))

    def short(self, node: str) -> str:
        item = self.statements.get(node)
        if item is None:
            return node
        return " ".join((item.plain or item.text).split())

    def inference_item(self, inf: Inference) -> Item:
        spans: list[Span] = [
            _t(self.short(inf.conclusion).rstrip("."), "strong"),
            _t(
                "— because "
                + "; ".join(embedded(self.short(p)).rstrip(".") for p in inf.premises)
                + "."
            ),
        ]
        how = [x for x in (inf.scheme, inf.warrant and f"warrant: {inf.warrant}") if x]
        if how:
            spans.append(
                _t("(" + "; ".join(" ".join(h.split()).rstrip(".") for h in how) + ")", "em")
            )
        lab = self.label(inf.id)
        if lab and lab != "in":
            spans.append(_t(f"[{lab}]", "flag"))
        return Item(tuple(spans))

    def target_words(self, con: Conflict) -> str:
        if con.target in self.inferences:
            inf = self.inferences[con.target]
            return f"the step to “{self.short(inf.conclusion)}”"
        return f"“{self.short(con.target)}”"

    def attack_item(self, con: Conflict, weak: list[Item]) -> Item:
        attacker = self.statements[con.attacker]
        spans: list[Span] = [
            _t("Counter-argument", "strong"),
            _t(f"({_KIND_WORDS.get(con.kind, con.kind)} {self.target_words(con)}):"),
            *self.wording(attacker, expect="out"),
        ]
        children: list[Block] = []
        basis = self.index.premises(attacker.id)
        if basis:
            children.append(
                ListBlock(
                    tuple(
                        Item(
                            (_t("Based on: ", "em"), *self.wording(self.statements[n], expect=None))
                        )
                        for n in basis
                    )
                )
            )
        answers = self.index.answers(con.id, through_premises=True)
        if answers:
            items = []
            for ans in answers:
                answer = self.statements[ans.attacker]
                a_spans = [
                    _t("Answered", "strong"),
                    _t(f"({_KIND_WORDS.get(ans.kind, ans.kind)} {self.target_words(ans)}):"),
                    *self.wording(answer),
                ]
                grounds = self.index.premises(answer.id)
                sub: tuple[Block, ...] = ()
                if grounds:
                    sub = (
                        ListBlock(
                            tuple(
                                Item((_t("Because: ", "em"), *self.wording(self.statements[n])))
                                for n in grounds
                            )
                        ),
                    )
                items.append(Item(tuple(a_spans), sub))
            children.append(ListBlock(tuple(items)))
        else:
            children.append(
                Para((self.flag("Unanswered: no answer is recorded in the case file."),))
            )
            weak.append(
                Item(
                    (
                        self.flag("Unanswered attack: "),
                        _t(" ".join(attacker.text.split())),
                        _t(f"({con.id})", "em"),
                    )
                )
            )
        if self.ev and con.id in self.ev.conflicts:
            _label, status, reason = self.ev.conflicts[con.id]
            children.append(
                Para(
                    (
                        _t(f"Evaluation ({self.ev.semantics}): ", "strong"),
                        _t(f"{_attack_status_words(status)}; {reason}"),
                    ),
                    "note",
                )
            )
            if status == "holds":
                weak.append(Item((self.flag("An attack holds: "), _t(reason))))
        return Item(tuple(spans), tuple(children))

    def lever_words(self, kind: str, ident: str, text: str) -> str:
        words = " ".join(text.split())
        if kind in ("premise", "uncited-premise") and ident in self.statements:
            words += f" (“{self.short(ident).rstrip('.')}”)"
        return words

    def flip_items(self, claim_id: str | None) -> list[Item]:
        if claim_id is None or self.ev is None or not self.ev.has_flip_sets:
            return []
        sets = self.ev.flip_sets.get(claim_id)
        if sets is None:
            return []
        note = self.ev.flip_notes.get(claim_id, "")
        if not sets:
            return [
                Item(
                    (
                        _t("No small set of changes flips this decision"),
                        _t(f"({note})" if note else "", "em"),
                    )
                )
            ]
        items = []
        for s in sets:
            change = " and ".join(
                self.lever_words(kind, ident, text) for kind, ident, text in s.levers
            )
            items.append(
                Item(
                    (
                        self.flag(f"Would flip this decision (its claim becomes {s.label}): "),
                        _t(change + "."),
                        _t(f"({', '.join(s.ids)})", "em"),
                    )
                )
            )
        if note:
            items.append(Item((_t(f"Minimal flip sets, grounded semantics: {note}.", "em"),)))
        return items

    # -- the whole --
    def build(self) -> Brief:
        """The whole brief: head, plain words, glance, one section per line, references."""
        det = self.det
        main = self.statements.get(det.main_claim)
        blocks = self.head_blocks()
        blocks.extend(self.plain_blocks(main))
        blocks.extend(self.glance_blocks(main))
        blocks.extend(self.line_sections())
        refs = [self.reference(src) for src in det.sources]
        return Brief(
            title=f"Appeal brief: {det.title}",
            blocks=tuple(blocks),
            references=tuple(refs),
            flags=self.flag_count,
            meta={"determination": det.id, "outcome": det.outcome},
        )

    def head_blocks(self) -> list[Block]:
        """Title, the determination's dates, urgency and reviewer, the criteria applied."""
        det = self.det
        blocks: list[Block] = [Heading(1, f"Appeal brief: {det.title}")]
        meta = [f"Determination {det.id}", f"Outcome: {det.outcome}"]
        if det.decided:
            meta.append(f"Decided: {det.decided}")
        if det.received:
            meta.append(f"Request received: {det.received}")
        if det.urgency:
            meta.append(f"Urgency: {det.urgency}")
        reviewer = next((a for a in det.agents if a.id == det.reviewer), None)
        if reviewer is not None:
            who = reviewer.name or "not named in the case file"
            meta.append(
                f"Reviewer: {who}" + (f", {reviewer.specialty}" if reviewer.specialty else "")
            )
        blocks.append(Para(tuple(_t(m + ".") for m in meta), "meta"))
        if det.policy:
            spans: list[Span] = [_t("Criteria applied: ", "strong")]
            for p in det.policy:
                src = self.sources.get(p)
                if src is not None:
                    spans.append(_t(source_field(src, "title")))
                    spans.append(Span("", "ref", self.refs[p]))
            blocks.append(Para(tuple(spans)))
        if det.illustrative:
            blocks.append(
                Para((_t("An illustrative example, not a real determination.", "strong"),), "note")
            )
        return blocks

    def plain_blocks(self, main: StatementLike | None) -> list[Block]:
        """In plain words: the summary (or the main claim), and the question if any."""
        det = self.det
        blocks: list[Block] = [Heading(2, "In plain words", "plain")]
        if det.summary:
            blocks.append(Para((_t(det.summary),), "plain"))
        elif main is not None:
            blocks.append(Para((_t(main.plain or main.text),), "plain"))
        if det.question:
            blocks.append(Heading(2, "The question", "question"))
            blocks.append(Para((_t(det.question),)))
        return blocks

    def glance_blocks(self, main: StatementLike | None) -> list[Block]:
        """Decision at a glance: each line, the setting, the whole; what was evaluated."""
        det = self.det
        blocks: list[Block] = [Heading(2, "Decision at a glance", "glance")]
        glance: list[Item] = []
        for svc in det.services:
            line = f"Line {svc.line}: " if svc.line is not None else ""
            spans = [
                _t(line + code_with_description(svc.code, svc.system, svc.description) + ": "),
                _t(svc.decision, "strong"),
            ]
            lab = self.label(svc.claim) if svc.claim else None
            if lab:
                spans.append(_t(f"[{lab}]", "em" if lab == "in" else "flag"))
            glance.append(Item(tuple(spans)))
        if det.setting is not None:
            spans = [_t(f"Setting ({det.setting.requested}): "), _t(det.setting.decision, "strong")]
            lab = self.label(det.setting.claim) if det.setting.claim else None
            if lab:
                spans.append(_t(f"[{lab}]", "em" if lab == "in" else "flag"))
            glance.append(Item(tuple(spans)))
        if main is not None:
            glance.append(
                Item(
                    (
                        _t("The request as a whole: "),
                        _t(det.outcome, "strong"),
                        *self.cites(main.cite),
                    )
                )
            )
        blocks.append(ListBlock(tuple(glance)))
        if self.ev:
            blocks.append(
                Para(
                    (
                        _t(
                            f"Acceptability was evaluated under {self.ev.semantics} semantics: "
                            f"the main claim is {self.ev.main_label}."
                        ),
                    ),
                    "note",
                )
            )
        else:
            blocks.append(
                Para(
                    (_t("Acceptability (in / out / undecided) was not evaluated for this brief."),),
                    "note",
                )
            )
        return blocks

    def line_sections(self) -> list[Block]:
        """The section of each service line, then of the setting."""
        det = self.det
        blocks: list[Block] = []
        for svc in det.services:
            heading = (
                f"Service line {svc.line}: " if svc.line is not None else "Service line: "
            ) + code_with_description(svc.code, svc.system, svc.description)
            facts = [
                (name, value)
                for name, value in (
                    ("Spinal level", svc.level),
                    ("Setting", svc.setting),
                    ("Specialty", svc.specialty),
                    ("Reason given", svc.reason),
                    ("Missing documentation", svc.missing_documentation),
                )
                if value
            ]
            blocks.extend(
                self.section(
                    heading, f"line-{svc.id}", svc.decision, svc.claim, svc.criteria, svc.id, facts
                )
            )
        if det.setting is not None:
            st = det.setting
            facts = [("Reason given", st.reason)] if st.reason else []
            blocks.extend(
                self.section(
                    f"Setting: {st.requested}",
                    "setting",
                    st.decision,
                    st.claim,
                    st.criteria,
                    None,
                    facts,
                )
            )
        return blocks

    def reference(self, src: Source) -> Item:
        """A source in the reference list, its unknown fields flagged."""
        spans = [
            _t(source_field(src, "title"), "strong"),
            _t(f"({src.kind.replace('-', ' ')})."),
        ]
        if "title" in src.unknown:
            spans.append(self.flag("Exact title unknown: the title describes the source."))
        for name in ("publisher", "version", "date", "identifier"):
            value = source_field(src, name)
            spans.append(_t(f"{name.capitalize()}: "))
            spans.append(_t(value + ".", "flag" if value == UNKNOWN else ""))
        if src.note:
            spans.append(_t(src.note, "em"))
        return Item(tuple(spans))


def build_brief(det: Determination, *, evaluation: VizEvaluation | bool | None = True) -> Brief:
    """Build the brief of a determination.

    Parameters
    ----------
    det : Determination
        The determination.
    evaluation : VizEvaluation, None or bool
        ``True`` (default): ask the evaluator when it is installed; ``None`` or
        ``False``: no labels; or a ready :class:`VizEvaluation`.

    Returns
    -------
    Brief
    """
    if evaluation is True:
        ev = evaluate_for_viz(det)
    elif evaluation is False or evaluation is None:
        ev = None
    else:
        ev = evaluation
    return _Builder(det, ev).build()


# --- Markdown ---------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&!$])")


def md_escape(text: str) -> str:
    r"""Escape text for Markdown so that it shows as typed and runs nothing.

    Examples
    --------
    >>> md_escape("<img src=x onerror=alert(1)> *bold* [link](x)")
    '\\<img src=x onerror=alert(1)\\> \\*bold\\* \\[link\\](x)'
    """
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _md_spans(spans: Sequence[Span]) -> str:
    parts = []
    for s in spans:
        if s.style == "ref":
            loc = f", {md_escape(s.text)}" if s.text else ""
            parts.append(f"\\[{s.ref}{loc}\\]")
        elif s.style == "strong":
            parts.append(f"**{md_escape(s.text)}**")
        elif s.style == "em":
            parts.append(f"*{md_escape(s.text)}*")
        elif s.style == "quote":
            parts.append(f"“*{md_escape(s.text)}*”")
        elif s.style == "flag":
            parts.append(f"**⚠ {md_escape(s.text)}**")
        else:
            parts.append(md_escape(s.text))
    return " ".join(p for p in parts if p)


def _md_blocks(blocks: Sequence[Block], indent: str = "") -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            out += ["#" * b.level + " " + md_escape(b.text), ""]
        elif isinstance(b, Para):
            # inside a list item, a paragraph needs blank lines around it
            out += ["", indent + _md_spans(b.spans), ""] if indent else [_md_spans(b.spans), ""]
        else:
            for n, item in enumerate(b.items, start=1):
                bullet = f"{n}. " if b.ordered else "- "
                out.append(indent + bullet + _md_spans(item.spans))
                out += _md_blocks(item.children, indent + " " * len(bullet))
            if not indent:
                out.append("")
    return out


def render_markdown(brief: Brief) -> str:
    r"""The brief as Markdown (CommonMark); every case text is escaped.

    Examples
    --------
    >>> b = Brief("T", (Heading(1, "T"), Para((Span("<b>x</b>"),))))
    >>> print(render_markdown(b).strip())
    # T
    <BLANKLINE>
    \<b\>x\</b\>
    """
    lines = _md_blocks(brief.blocks)
    if brief.references:
        lines += ["## References", ""]
        for n, item in enumerate(brief.references, start=1):
            lines.append(f"{n}. " + _md_spans(item.spans))
        lines.append("")
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip() + "\n"


# --- HTML -------------------------------------------------------------------------------------

_CSS = """
body { font-family: "DejaVu Serif", Georgia, serif; max-width: 46em; margin: 2em auto;
       padding: 0 1em; color: #1a202c; line-height: 1.5; }
h1 { font-size: 1.6em; }
h2 { font-size: 1.3em; border-bottom: 1px solid #cbd5e0; margin-top: 1.8em; }
h3 { font-size: 1.1em; margin-top: 1.3em; }
.meta { color: #4a5568; } .note { color: #2d3748; background: #f7fafc; padding: .3em .6em; }
.plain { font-size: 1.1em; background: #f0fff4; padding: .5em .8em;
         border-left: 4px solid #2f855a; }
.flag { color: #9b2c2c; font-weight: bold; }
.weak { border-left: 4px solid #c53030; padding-left: 1.6em; }
.quote { font-style: italic; }
a.ref { text-decoration: none; }
ol.references li { margin-bottom: .4em; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
"""


def _html_spans(spans: Sequence[Span]) -> str:
    parts = []
    for s in spans:
        t = html.escape(s.text, quote=True)
        if s.style == "ref":
            loc = f", {t}" if s.text else ""
            parts.append(f'<a class="ref" href="#ref-{s.ref}">[{s.ref}{loc}]</a>')
        elif s.style == "strong":
            parts.append(f"<strong>{t}</strong>")
        elif s.style == "em":
            parts.append(f"<em>{t}</em>")
        elif s.style == "quote":
            parts.append(f'<q class="quote">{t}</q>')
        elif s.style == "flag":
            parts.append(f'<span class="flag">⚠ {t}</span>')
        else:
            parts.append(t)
    return " ".join(p for p in parts if p)


def _html_blocks(blocks: Sequence[Block]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            anchor = f' id="{html.escape(b.anchor)}"' if b.anchor else ""
            out.append(f"<h{b.level}{anchor}>{html.escape(b.text)}</h{b.level}>")
        elif isinstance(b, Para):
            cls = f' class="{b.cls}"' if b.cls else ""
            out.append(f"<p{cls}>{_html_spans(b.spans)}</p>")
        else:
            tag = "ol" if b.ordered else "ul"
            cls = f' class="{b.cls}"' if b.cls else ""
            out.append(f"<{tag}{cls}>")
            for item in b.items:
                inner = "".join(_html_blocks(item.children))
                out.append(f"<li>{_html_spans(item.spans)}{inner}</li>")
            out.append(f"</{tag}>")
    return out


def render_html(brief: Brief) -> str:
    """The brief as one self-contained HTML page: no script, no request, all text escaped.

    Examples
    --------
    >>> page = render_html(Brief("T", (Para((Span("<img src=x onerror=alert(1)>"),)),)))
    >>> "<img" in page
    False
    """
    body = _html_blocks(brief.blocks)
    if brief.references:
        body.append('<h2 id="references">References</h2>')
        body.append('<ol class="references">')
        for n, item in enumerate(brief.references, start=1):
            body.append(f'<li id="ref-{n}">{_html_spans(item.spans)}</li>')
        body.append("</ol>")
    csp = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(brief.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def brief_markdown(det: Determination, *, evaluation: VizEvaluation | bool | None = True) -> str:
    """The brief of ``det`` as Markdown."""
    return render_markdown(build_brief(det, evaluation=evaluation))


def brief_html(det: Determination, *, evaluation: VizEvaluation | bool | None = True) -> str:
    """The brief of ``det`` as a self-contained HTML page."""
    return render_html(build_brief(det, evaluation=evaluation))


def write_brief(
    det: Determination,
    path: str | Path,
    *,
    fmt: str | None = None,
    evaluation: VizEvaluation | bool | None = True,
) -> Path:
    """Write the brief to ``path``: Markdown for ``.md``, HTML for ``.html``/``.htm``.

    Parameters
    ----------
    det : Determination
        The determination.
    path : str or Path
        The output file.
    fmt : {"md", "html"}, optional
        Overrides the format the suffix implies.
    evaluation : VizEvaluation, None or bool
        As for :func:`build_brief`.

    Raises
    ------
    BadInputError
        When the format cannot be told from ``fmt`` or the suffix.
    """
    out = Path(path)
    kind = fmt or {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}.get(
        out.suffix.lower()
    )
    if kind not in ("md", "html"):
        raise BadInputError(
            f"{out}: cannot tell the brief's format; use a .md or .html file name (or --format)"
        )
    text = (
        brief_markdown(det, evaluation=evaluation)
        if kind == "md"
        else brief_html(det, evaluation=evaluation)
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out
