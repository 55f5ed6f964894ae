"""The appeal brief: content per service line, flags, references, escaping, formats."""

from __future__ import annotations

import re

import pytest

from tests.helpers.paths import ROOT
from toulmin.cli import main
from toulmin.errors import BadInputError
from toulmin.graph.authoring.casefile import load_case, parse_case
from toulmin.viz._evaluation import FlipView, VizEvaluation, evaluate_for_viz
from toulmin.viz.brief import (
    brief_html,
    brief_markdown,
    build_brief,
    md_escape,
    write_brief,
)

FLAGSHIP = ROOT / "examples" / "l4-5-revision.yaml"
XSS = "<img src=x onerror=window.__xss=1>"


@pytest.fixture(scope="module")
def det():
    return load_case(FLAGSHIP)


@pytest.fixture(scope="module")
def md(det):
    return brief_markdown(det, evaluation=False)


def _section(md: str, heading: str) -> str:
    start = md.index(heading)
    nxt = md.find("\n## ", start + len(heading))
    return md[start : nxt if nxt >= 0 else len(md)]


def test_a_section_per_service_line_and_the_setting(md):
    headings = re.findall(r"^## (.*)$", md, flags=re.MULTILINE)
    assert headings == [
        "In plain words",
        "The question",
        "Decision at a glance",
        "Service line 1: CPT 22850 (Removal of posterior nonsegmental instrumentation)",
        "Service line 2: CPT 63042 (Re-exploration laminotomy with decompression of nerve "
        "root(s), single lumbar interspace)",
        "Service line 3: CPT 22849 (Reinsertion of spinal fixation device)",
        "Setting: inpatient",
        "References",
    ]
    for heading in headings[3:7]:
        section = _section(md, "## " + heading)
        for sub in ("### Criteria", "### Counter-arguments and answers", "### What is weak"):
            assert sub in section, (heading, sub)
        assert "**Decision:** approved" in section


def test_plain_language_leads(det, md):
    plain = _section(md, "## In plain words")
    assert det.summary.split()[0:6] == plain.split("\n\n")[1].split()[0:6]


def test_criteria_with_how_they_are_met_and_the_findings(md):
    line1 = _section(md, "## Service line 1")
    assert "**Procedure is indicated for Neurologic complication**" in line1
    assert "**Met:**" in line1
    assert "Right extensor hallucis longus strength 3+/5" in line1
    assert "“*EHL 3+/5*”" in line1  # the quoted span
    line2 = _section(md, "## Service line 2")
    assert "*All of these parts:*" in line2
    assert "**Not met:**" in line2
    assert "raised by a counter-argument" in line2


def test_counter_arguments_and_answers(md):
    line2 = _section(md, "## Service line 2")
    assert "**Counter-argument** (rebuts" in line2
    assert "imaging shows only mild stenosis" in line2
    assert "**Answered** (undercuts the step to" in line2
    setting = _section(md, "## Setting: inpatient")
    assert setting.count("**Answered**") == 2
    assert "Unanswered" not in md


def test_references_are_numbered_and_unknowns_flagged(det, md):
    refs = _section(md, "## References")
    numbered = re.findall(r"^(\d+)\. \*\*(.*?)\*\*", refs, flags=re.MULTILINE)
    assert [n for n, _ in numbered] == ["1", "2", "3", "4"]
    assert numbered[2][1].startswith("American Association of Neurological Surgeons")
    assert "Version: **⚠ unknown.**" in refs
    assert "Exact title unknown" in refs
    assert "\\[1, surgeon's notes\\]" in md  # citation with locator, pointing at reference 1


def test_codes_always_come_with_their_description(det, md):
    for svc in det.services:
        assert f"CPT {svc.code} ({svc.description})" in md
    # a code shown outside case wording always has its description next to it
    for m in re.finditer(r"CPT (\d{5})(?! \()", md):
        before = md[max(0, m.start() - 1) : m.start()]
        assert before == "(", md[m.start() - 80 : m.end() + 10]  # inside the case's own "(CPT n)"


WEAK_CASE = """
toulmin: 1
id: weak
title: Weak denial
decision: {outcome: denied, main_claim: c}
sources:
  - {id: rec, kind: clinical-document, title: Record}
  - {id: g, kind: guideline, title: Some guideline, unknown: [version, date]}
criteria: [{id: k, source: g, text: Six weeks of therapy., applies_to: ["22630"], min_weeks: 6}]
services:
  - {id: s, code: "22630", description: Lumbar interbody fusion, decision: denied, claim: c,
     criteria: [k]}
findings: [{id: f, kind: treatment-trial, text: Four weeks of therapy., cite: rec}]
statements:
  - {id: c, kind: conclusion, text: Not necessary., cite: g}
  - {id: u, kind: claim, text: Nobody checked the criteria., cite: []}
  - {id: p, kind: claim, text: Therapy was too short., cite: rec}
inferences: [{id: i, premises: [f, p], conclusion: c}]
conflicts: [{id: x, kind: undercut, attacker: u, target: i}]
"""


def test_weak_points_are_flagged():
    d = parse_case(WEAK_CASE)
    md = brief_markdown(d, evaluation=False)
    weak = _section(md, "## Service line: CPT 22630")
    weak = weak[weak.index("### What is weak") :]
    assert "⚠ No citation:" in weak
    assert "Nobody checked the criteria" in weak
    assert "⚠ Unanswered attack:" in weak
    assert "⚠ Source with unknown details:** \\[2\\] publisher, version, date, identifier" in weak
    assert "A criterion applied but not assessed" in weak
    assert "Unanswered: no answer is recorded" in md
    assert "Threshold: at least 6 weeks." in md
    assert build_brief(d, evaluation=False).flags >= 5


def test_evaluation_labels_and_flip_sets(det):
    ev = evaluate_for_viz(det)
    if ev is None:
        pytest.skip("the evaluator (toulmin.graph.argument.evaluate) is not installed")
    md = brief_markdown(det, evaluation=ev)
    assert "evaluated under grounded semantics: the main claim is in" in md
    assert "**Evaluation (grounded):** the attack is answered" in md
    assert "⚠ \\[out\\]" not in md  # defeated counter-arguments are good news, not flagged
    forced = VizEvaluation(
        semantics="grounded",
        main_label="in",
        status=dict(ev.status),
        explanations=dict(ev.explanations),
        conflicts=dict(ev.conflicts),
        flip_sets={
            "c-22850": [
                FlipView(
                    (
                        ("premise", "f-ehl-weakness", "defeat premise f-ehl-weakness"),
                        ("source", "record", "discredit source record"),
                    ),
                    "out",
                )
            ]
        },
        flip_notes={"c-22850": "every minimal set of up to 3 changes is listed"},
        has_flip_sets=True,
    )
    md = brief_markdown(det, evaluation=forced)
    line1 = _section(md, "## Service line 1")
    assert "⚠ Would flip this decision (its claim becomes out):" in line1
    assert (
        "defeat premise f-ehl-weakness (“Right extensor hallucis longus strength 3+/5, "
        "worsening”) and discredit source record." in line1
    )
    assert "*(f-ehl-weakness, record)*" in line1
    assert "every minimal set of up to 3 changes is listed" in line1


def test_flip_sets_from_the_flip_module(det):
    ev = evaluate_for_viz(det)
    if ev is None or not ev.has_flip_sets:
        pytest.skip("the flip-set module (toulmin.graph.argument.flip) is not installed")
    assert set(ev.flip_sets) == {"c-main", "c-22850", "c-63042", "c-22849", "c-inpatient"}
    md = brief_markdown(det, evaluation=ev)
    assert "Minimal flip sets, grounded semantics:" in md
    assert ("Would flip this decision" in md) == any(ev.flip_sets.values())


def test_without_evaluator_says_so(md):
    assert "was not evaluated for this brief" in md


def test_case_text_is_escaped():
    d = parse_case(
        f"""
toulmin: 1
id: xss
title: "{XSS}"
summary: "{XSS} *bold* [link](javascript:alert(1))"
decision: {{outcome: approved, main_claim: c}}
sources: [{{id: rec, kind: clinical-document, title: "{XSS}"}}]
services: [{{id: s, code: "22850", description: "{XSS}", decision: approved, claim: c}}]
statements:
  - {{id: c, kind: conclusion, text: "{XSS}", plain: "{XSS}",
      cite: {{source: rec, locator: "{XSS}", quote: "{XSS}"}}}}
"""
    )
    md = brief_markdown(d, evaluation=False)
    assert not re.search(r"(?<!\\)<img", md)
    assert "\\<img src=x onerror=window.\\_\\_xss=1\\>" in md
    assert "[link](javascript" not in md
    page = brief_html(d, evaluation=False)
    assert "<img" not in page
    assert "&lt;img src=x onerror=window.__xss=1&gt;" in page
    assert "<script" not in page
    assert "default-src 'none'" in page


def test_md_escape_keeps_text_readable():
    assert md_escape("3-9% of 1.5 cases (L4-5)") == "3-9% of 1.5 cases (L4-5)"
    assert md_escape("a\n  b") == "a b"


def test_write_brief_formats_and_cli(det, tmp_path, capsys):
    md_path = write_brief(det, tmp_path / "b.md", evaluation=False)
    html_path = write_brief(det, tmp_path / "b.html", evaluation=False)
    assert md_path.read_text(encoding="utf-8").startswith("# Appeal brief:")
    html = html_path.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<ol class="references">' in html
    assert html.count('<li id="ref-') == 4
    with pytest.raises(BadInputError, match=r"\.md or \.html"):
        write_brief(det, tmp_path / "b.txt")
    assert main(["brief", str(FLAGSHIP), "-o", str(tmp_path / "c.html")]) == 0
    assert main(["brief", str(FLAGSHIP), "--no-labels"]) == 0
    assert capsys.readouterr().out.startswith("# Appeal brief:")
    assert main(["brief", str(FLAGSHIP), "-o", str(tmp_path / "c.pdf")]) == 2


def test_every_example_has_a_brief():
    for case in sorted((ROOT / "examples").glob("*.yaml")):
        d = load_case(case)
        md = brief_markdown(d)
        assert md.startswith(f"# Appeal brief: {md_escape(d.title)}")
        assert "## References" in md
