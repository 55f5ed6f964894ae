"""The argument map: nodes, edges, kinds, layout, and the self-contained HTML page."""

from __future__ import annotations

import itertools
import json
import re

import pytest

import toulmin.viz.map as viz_map
from tests.helpers.paths import ROOT
from toulmin.cli import main
from toulmin.errors import BadInputError
from toulmin.graph.authoring.casefile import load_case, parse_case
from toulmin.viz._evaluation import evaluate_for_viz
from toulmin.viz.html import MapOptions, map_html, render_map, write_map
from toulmin.viz.map import (
    EDGE_RELATIONS,
    NODE_KINDS,
    argument_map,
    to_networkx,
)

FLAGSHIP = ROOT / "examples" / "l4-5-revision.yaml"
XSS = "<img src=x onerror=window.__xss=1>"


@pytest.fixture(scope="module")
def det():
    return load_case(FLAGSHIP)


@pytest.fixture(scope="module")
def amap(det):
    return argument_map(det)


def _expected_counts(d):
    nodes = len(d.all_statements()) + len(d.inferences) + len(d.sources)
    nodes += sum(1 for s in d.services if not s.claim)
    cite_pairs = sum(len({c.source for c in s.cite}) for s in d.all_statements())
    edges = sum(len(i.premises) + 1 for i in d.inferences) + len(d.conflicts) + cite_pairs
    return nodes, edges


def test_flagship_has_one_node_per_statement_inference_and_source(det, amap):
    nodes, edges = _expected_counts(det)
    assert (len(amap.nodes), len(amap.edges)) == (nodes, edges)
    assert 60 <= len(amap.nodes) <= 120
    g = to_networkx(amap)
    assert (g.number_of_nodes(), g.number_of_edges()) == (nodes, edges)
    assert len({n.id for n in amap.nodes}) == len(amap.nodes)
    assert len({e.id for e in amap.edges}) == len(amap.edges)


def test_kinds_and_relations(amap):
    kind = {n.id: n.kind for n in amap.nodes}
    assert kind["c-main"] == "conclusion"
    assert kind["c-22850"] == kind["c-63042"] == kind["c-22849"] == "service"
    assert kind["c-inpatient"] == "setting"
    assert kind["a-22850-neuro-met"] == "assessment"
    assert kind["c-post-surgical-complication"] == "claim"
    assert kind["g-aans-revision"] == "guideline"
    assert kind["f-ehl-weakness"] == "finding"
    assert kind["c-mild-not-necessary"] == kind["c-ambulatory-suffices"] == "counter"
    assert kind["c-imaging-answer"] == kind["a-scoliosis-not-applicable"] == "answer"
    assert kind["i-main"] == "inference"
    assert kind["record"] == "source"
    assert set(kind.values()) == set(NODE_KINDS)
    relation = {e.id: e.relation for e in amap.edges}
    assert relation["x-mild-vs-63042"] == "rebut"
    assert relation["x-imaging-answer"] == "undercut"
    assert relation["i-main:conclusion"] == "support"
    assert relation["f-ehl-weakness:cites:record"] == "cites"
    assert set(relation.values()) == set(EDGE_RELATIONS) - {"undermine"}


def test_service_node_carries_code_description_and_citation(amap):
    node = amap.node("c-22850")
    assert node is not None
    assert node.label.startswith("CPT 22850\nRemoval of posterior")
    assert ("Code", "CPT 22850 (Removal of posterior nonsegmental instrumentation)") in node.facts
    quote = amap.node("f-ehl-weakness").citations[0]
    assert (quote.ref, quote.locator, quote.quote) == (1, "surgeon's notes", "EHL 3+/5")
    assert quote.version == quote.date == "unknown"


def test_layout_is_layered_top_down(amap):
    y = {n.id: n.y for n in amap.nodes}
    kind = {n.id: n.kind for n in amap.nodes}
    assert y["c-main"] == min(y.values())
    sources = [y[n] for n in y if kind[n] == "source"]
    assert min(sources) > max(y[n] for n in y if kind[n] != "source")
    services = [y[n] for n in y if kind[n] in ("service", "setting")]
    claims = [y[n] for n in y if kind[n] in ("claim", "assessment", "guideline")]
    findings = [y[n] for n in y if kind[n] == "finding"]
    assert max(services) < min(claims)
    assert max(claims) < min(findings)
    for e in amap.edges:  # support points up: premise below inference below conclusion
        if e.relation == "support":
            assert y[e.source] > y[e.target], e.id


def test_layout_is_deterministic_and_does_not_overlap(det, amap):
    again = argument_map(load_case(FLAGSHIP))
    assert [(n.id, n.x, n.y) for n in again.nodes] == [(n.id, n.x, n.y) for n in amap.nodes]
    rows: dict[float, list] = {}
    for n in amap.nodes:
        rows.setdefault(n.y, []).append(n)
    for row in rows.values():
        row.sort(key=lambda n: n.x)
        for a, b in itertools.pairwise(row):
            need = (
                viz_map._label_width(a.label, a.kind) + viz_map._label_width(b.label, b.kind)
            ) / 2
            assert b.x - a.x >= need - 1, (a.id, b.id)


def test_service_lines_hold_their_trace(amap):
    lines = {line.key: line for line in amap.lines}
    assert set(lines) == {"svc-22850", "svc-63042", "svc-22849", "setting"}
    assert {"c-22850", "a-22850-neuro-met", "f-ehl-weakness", "record"} <= lines[
        "svc-22850"
    ].members
    assert "c-inpatient" not in lines["svc-22850"].members
    # counter-arguments and their answers belong to the line they attack
    assert {"c-mild-not-necessary", "c-imaging-answer"} <= lines["svc-63042"].members
    assert "c-ambulatory-for-primary" in lines["setting"].members


def test_status_from_the_evaluator(det):
    ev = evaluate_for_viz(det)
    if ev is None:
        pytest.skip("the evaluator (toulmin.graph.argument.evaluate) is not installed")
    m = argument_map(det, status=ev.status, explanations=ev.explanations)
    assert m.has_status
    assert m.node("c-main").status == "in"
    assert m.node("c-mild-not-necessary").status == "out"
    page = render_map(m)
    nodes = _page_json(page, "TOULMIN_NODES")
    label = {n["id"]: n["label"] for n in nodes}
    assert label["c-mild-not-necessary"].endswith("[OUT]")
    assert label["c-main"].endswith("[IN]")


def test_without_evaluation_no_labels(det):
    page = map_html(det, evaluation=False)
    nodes = _page_json(page, "TOULMIN_NODES")
    assert not any("[IN]" in n["label"] or "[OUT]" in n["label"] for n in nodes)
    assert _page_json(page, "TOULMIN_DATA")["hasStatus"] is False


def _page_json(page: str, name: str):
    m = re.search(rf"var {name} = (.*?);\n", page)
    assert m, name
    return json.loads(m.group(1))


def test_page_is_self_contained(det):
    page = map_html(det)
    assert page.startswith("<!DOCTYPE html>")
    # no element loads anything: no src/href attributes, no link tags, no source maps
    head_and_body = re.sub(r"<script>.*?</script>", "", page, flags=re.DOTALL)
    head_and_body = re.sub(r"<style>.*?</style>", "", head_and_body, flags=re.DOTALL)
    assert not re.search(r"\s(src|href)\s*=", head_and_body)
    assert "<link" not in head_and_body
    assert "sourceMappingURL" not in page
    assert "cdn" not in head_and_body.lower()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert csp.count("'sha256-") == 3
    assert "@version 10.1.5" in page  # vis-network inlined
    nodes = _page_json(page, "TOULMIN_NODES")
    edges = _page_json(page, "TOULMIN_EDGES")
    expected = _expected_counts(det)
    assert (len(nodes), len(edges)) == expected
    assert all("x" in n and "y" in n for n in nodes)
    options = json.loads(json.loads(re.search(r"JSON.parse\((.*?)\);\n", page).group(1)))
    assert options["physics"]["enabled"] is False


def test_same_case_same_page(det):
    assert map_html(det) == map_html(load_case(FLAGSHIP))


XSS_CASE = f"""
toulmin: 1
id: xss
title: "{XSS} title"
summary: "{XSS} summary"
decision: {{outcome: approved, main_claim: c}}
sources: [{{id: rec, kind: clinical-document, title: "{XSS} source", version: "{XSS}"}}]
services: [{{id: s, code: "22850", description: "{XSS} description", decision: approved, claim: c}}]
findings:
  - {{id: f, kind: exam, text: "{XSS}", cite: {{source: rec, locator: "{XSS}", quote: "{XSS}"}}}}
statements:
  - {{id: c, kind: conclusion, text: "Necessary {XSS}", plain: "{XSS} plain", cite: rec}}
  - {{id: k, kind: claim, text: "</script><script>window.__xss=2</script>", cite: []}}
inferences: [{{id: i, premises: [f], conclusion: c, warrant: "{XSS}", scheme: "{XSS}"}}]
conflicts: [{{id: x, kind: rebut, attacker: k, target: c}}]
"""


def test_case_text_is_escaped_in_the_page():
    page = map_html(parse_case(XSS_CASE))
    assert "<img" not in page
    assert "</script><script>window.__xss=2" not in page
    assert "\\u003cimg src=x onerror=window.__xss=1\\u003e" in page
    assert "<title>&lt;img src=x" in page
    nodes = _page_json(page, "TOULMIN_NODES")
    assert any(n["label"].startswith("<img src=x") for n in nodes)  # shown as typed


def test_collapsed_overview_groups_each_line(det):
    page = map_html(det, MapOptions(collapse_above=10))
    data = _page_json(page, "TOULMIN_DATA")
    assert data["collapseAbove"] == 10
    keys = {line["key"] for line in data["lines"]}
    assert set(data["cluster"].values()) <= keys
    assert "c-main" not in data["cluster"]
    assert "c-22850" not in data["cluster"]
    assert all(line["clusterSize"] > 0 for line in data["lines"])


def test_write_map_and_cli(tmp_path, det):
    out = write_map(det, tmp_path / "m.html")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(BadInputError, match=r"ending in \.html"):
        write_map(det, tmp_path / "m.txt")
    assert main(["viz", str(FLAGSHIP), "-o", str(tmp_path / "cli.html"), "--no-labels"]) == 0
    assert "TOULMIN_NODES" in (tmp_path / "cli.html").read_text(encoding="utf-8")
    assert main(["viz", str(FLAGSHIP), "-o", str(tmp_path / "bad.png")]) == 2


def test_every_example_draws(tmp_path):
    for case in sorted((ROOT / "examples").glob("*.yaml")):
        d = load_case(case)
        m = argument_map(d)
        assert m.node(d.main_claim) is not None
        assert len({(n.x, n.y) for n in m.nodes}) == len(m.nodes), case.name
