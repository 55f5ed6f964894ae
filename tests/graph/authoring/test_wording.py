"""Generated sentences read as English: articles, embedded sentences, verbs and numbers.

Every explanation of every node of every example, each example's brief (Markdown and
HTML) and each flip set's wording is scanned for the glitches sentence builders make
when they paste words together: a status where a verb belongs ("the attack is holds"),
a capital after "because" ("because The exam ..."), the wrong indefinite article
("a inference") and a noun that does not agree with its count ("1 premises",
"statement(s)").
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from tests.helpers.paths import ROOT
from toulmin.errors import BadInputError
from toulmin.graph.argument.evaluate import evaluate
from toulmin.graph.argument.explain import explain, explanation_text, render_explanation
from toulmin.graph.argument.flip import flip
from toulmin.graph.authoring.casefile import load_case, parse_case
from toulmin.graph.authoring.wording import article, counted, embedded, join_words, with_article
from toulmin.viz.brief import brief_html, brief_markdown

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

#: (what is wrong, pattern)
GLITCHES: tuple[tuple[str, str], ...] = (
    ("a status used as a verb", r"\b(?:is|are) (?:holds|lost-support)\b"),
    ("a capital after 'because'", r"\bbecause [A-Z][a-z]+\b"),
    ("a count that disagrees with its noun", r"(?<![\d.])\b1 (?:premises|statements|levers)\b"),
    # (a case file's own text may say "nerve root(s)", as the CPT descriptor does)
    ("a plural left to the reader", r"\b(?:statement|premise|lever|change)\(s\)"),
)


def glitches(text: str) -> list[str]:
    """Every glitch in ``text``, each with the words around it."""
    found = []
    for what, pattern in GLITCHES:
        for m in re.finditer(pattern, text):
            found.append(f"{what}: ...{text[max(0, m.start() - 40) : m.end() + 20]}...")
    for m in re.finditer(r"\b([Aa]n?) ([A-Za-z][\w-]*)", text):
        if m.group(1).lower() != article(m.group(2)):
            found.append(f"wrong article: ...{text[max(0, m.start() - 40) : m.end() + 20]}...")
    return found


@cache
def _texts(path: Path) -> tuple[tuple[str, str], ...]:
    det = load_case(path)
    ev = evaluate(det)
    sources = {s.id: s.title for s in det.sources}
    out = [("brief.md", brief_markdown(det)), ("brief.html", brief_html(det))]
    for node in ev.labels:
        tree = explain(ev, node, sources=sources)
        out.append((f"explain {node}", render_explanation(tree, width=400)))
        out.append((f"explain {node} (text)", explanation_text(tree)))
    for claim in dict.fromkeys([ev.main_claim, *(c for _, c in ev.claims)]):
        texts = [lever.text for fs in flip(ev, claim).sets for lever in fs.levers]
        out.append((f"flip {claim}", "\n".join(texts)))
    return tuple(out)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_generated_text_has_no_glitches(path: Path) -> None:
    problems = [f"{where}: {g}" for where, text in _texts(path) for g in glitches(text)]
    assert not problems, "\n".join(problems[:20])


def test_the_scan_finds_each_glitch() -> None:
    bad = (
        "the attack is holds; because The exam is old; a inference; an finding; "
        "cited by 1 premises; cited by 3 statement(s)"
    )
    assert len(glitches(bad)) == 6
    good = (
        "the attack holds; because the exam is old; because MRI shows it; an inference; "
        "a finding; a one-level fusion; an MRI; cited by 1 premise; cited by 3 statements"
    )
    assert glitches(good) == []


def test_the_brief_says_what_an_attack_does() -> None:
    md = brief_markdown(load_case(ROOT / "examples" / "l3-l5-tlif-denied.yaml"))
    assert "the attack holds;" in md


def test_a_message_names_a_kind_with_its_article() -> None:
    det = load_case(ROOT / "examples" / "l4-5-revision.yaml")
    inference = det.inferences[0].id
    with pytest.raises(BadInputError, match=f"'{inference}' is an inference, not a statement"):
        flip(det, inference)
    case = """
toulmin: 1
id: tiny
title: Tiny
decision: {outcome: approved, main_claim: c}
sources: [{id: rec, kind: clinical-document, title: Record}]
services: [{id: s, code: "22850", decision: approved, claim: c}]
statements: [{id: c, kind: conclusion, text: Necessary., cite: rec}]
inferences:
  - {id: i, premises: [c], conclusion: c}
  - {id: j, premises: [i], conclusion: c}
"""
    with pytest.raises(BadInputError, match="'i' is an inference, but a statement"):
        parse_case(case)


def test_wording_helpers() -> None:
    assert join_words([]) == ""
    assert join_words(["a"]) == "a"
    assert join_words(["a", "b", "c"]) == "a, b and c"
    assert [with_article(w) for w in ("inference", "undercut", "rebut", "assessment")] == [
        "an inference",
        "an undercut",
        "a rebut",
        "an assessment",
    ]
    assert [article(w) for w in ("one-level", "hour", "MRI", "L4-5", "CPT", "unit")] == [
        "a",
        "an",
        "an",
        "an",
        "a",
        "a",
    ]
    assert embedded("The surgeon's plan.") == "the surgeon's plan."
    assert embedded("Prior L4-5 fusion") == "prior L4-5 fusion"
    for kept in ("MRI shows stenosis", "LF-2 is met", "AANS guidance", "McKenzie therapy"):
        assert embedded(kept) == kept
    assert counted(1, "premise") == "1 premise"
    assert counted(0, "premise") == "0 premises"
    assert counted(2, "criterion", "criteria") == "2 criteria"
