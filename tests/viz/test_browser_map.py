"""The map in a real headless Chromium, as a person would use it.

Debian's Chromium (``/usr/bin/chromium``, installed by ``make chromium``) driven by
Playwright for Python through ``executable_path``; Playwright's own browser
download is never used. With ``CI=true`` a missing browser fails the run;
elsewhere these tests are skipped with the command that installs it.

Every request the page makes is routed: anything that is not ``file://`` is
recorded and aborted, and the tests assert there is none.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.paths import ROOT
from toulmin.graph.authoring.casefile import load_case, parse_case
from toulmin.viz.brief import write_brief
from toulmin.viz.html import MapOptions, write_map
from toulmin.viz.map import argument_map

pytestmark = pytest.mark.browser

FLAGSHIP = ROOT / "examples" / "l4-5-revision.yaml"
CHROMIUM = os.environ.get("TOULMIN_CHROMIUM", "/usr/bin/chromium")
SCREENSHOT_DIR = Path(os.environ.get("TOULMIN_SCREENSHOTS", ROOT / "out" / "screenshots"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
XSS = "<img src=x onerror=window.__xss=1>"


def _missing(why: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{why}; CI must run the browser tests (make chromium)")
    pytest.skip(f"{why}: run `make chromium`")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _missing(f"Chromium is not installed at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - in the dev extras
        _missing("Playwright for Python is not installed (pip install -e '.[dev]')")
    with sync_playwright() as pw:
        # launch() gives every browser a fresh, temporary user-data directory
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Page:
    """A page with its console errors and every non-file request recorded."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.context = browser.new_context(viewport={"width": 1800, "height": 1100})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.context.route("**/*", self._route)
        self.page.goto(path.as_uri())

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def wait_ready(self) -> None:
        self.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=15000)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def node_point(self, node: str) -> tuple[float, float]:
        box = self.page.locator("#mynetwork canvas").bounding_box()
        pos = self.js(
            "(id) => { const n = window.toulminMap.network;"
            " return n.canvasToDOM(n.getPositions([id])[id]); }",
            node,
        )
        return box["x"] + pos["x"], box["y"] + pos["y"]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    pages: list[Page] = []

    def opener(path: Path) -> Page:
        p = Page(browser, path)
        pages.append(p)
        p.wait_ready()
        return p

    yield opener
    for p in pages:
        p.close()


@pytest.fixture(scope="module")
def flagship_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_map(load_case(FLAGSHIP), tmp_path_factory.mktemp("map") / "l4-5-revision.html")


def test_flagship_opens_offline_without_errors(open_page, flagship_page):
    p = open_page(flagship_page)
    amap = argument_map(load_case(FLAGSHIP))
    counts = p.js("[window.toulminMap.nodes.length, window.toulminMap.edges.length]")
    assert counts == [len(amap.nodes), len(amap.edges)]
    drawn = p.js("Object.keys(window.toulminMap.network.body.nodes).length")
    assert drawn == len(amap.nodes)
    legend = p.js("Array.from(document.querySelectorAll('#tlm-legend [data-kind]')).length")
    assert legend == 11
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOT_DIR / "l4-5-revision-map.png"
    p.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 50_000
    assert p.errors == []
    assert p.requests == []


def test_hover_shows_the_citation(open_page, flagship_page):
    p = open_page(flagship_page)
    x, y = p.node_point("f-ehl-weakness")
    p.page.mouse.move(x, y)
    tip = p.page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    text = tip.inner_text()
    assert "Right extensor hallucis longus strength 3+/5, worsening." in text
    assert "“EHL 3+/5”" in text
    assert "surgeon's notes" in text
    assert "[1] Request packet, clinical record" in text
    assert "Version\nunknown" in text
    assert "Date\nunknown" in text
    assert p.errors == []
    assert p.requests == []


def test_click_on_a_finding_highlights_its_path_to_the_conclusion(open_page, flagship_page):
    p = open_page(flagship_page)
    x, y = p.node_point("f-ehl-weakness")
    p.page.mouse.click(x, y)
    lit = set(p.js("Array.from(window.toulminMap.highlighted)"))
    path = {
        "f-ehl-weakness",
        "i-post-surgical-complication",
        "c-post-surgical-complication",
        "i-aans-revision",
        "c-63042",
        "i-main",
        "c-main",
        "record",
    }
    assert path <= lit
    assert "g-mcg-ambulatory" not in lit
    assert "f-no-scoliosis" not in lit
    opacity = p.js(
        "(ids) => ids.map(id => window.toulminMap.nodes.get(id).opacity)",
        ["c-main", "f-no-scoliosis"],
    )
    assert (opacity[0] or 1) == 1
    assert opacity[1] < 0.5
    assert "Selected" in p.page.inner_text("#tlm-details")
    # clicking the background clears the trace
    box = p.page.locator("#mynetwork canvas").bounding_box()
    p.page.mouse.click(box["x"] + 15, box["y"] + 15)
    assert p.js("window.toulminMap.highlighted.size") == 0
    assert p.errors == []
    assert p.requests == []


def test_filter_to_one_line_and_search(open_page, flagship_page):
    p = open_page(flagship_page)
    p.page.select_option("#tlm-line", "svc-22850")
    hidden = p.js(
        "(ids) => ids.map(id => !!window.toulminMap.nodes.get(id).hidden)",
        ["c-22850", "c-main", "f-ehl-weakness", "c-inpatient", "f-no-scoliosis"],
    )
    assert hidden == [False, False, False, True, True]
    p.page.select_option("#tlm-line", "")
    assert p.js("window.toulminMap.nodes.get({filter: n => n.hidden}).length") == 0
    p.page.fill("#tlm-search", "tear that was repaired")
    p.page.press("#tlm-search", "Enter")
    assert p.js("window.toulminMap.network.getSelectedNodes()") == ["f-dural-tear-history"]
    status = p.page.inner_text("#tlm-search-status")
    assert status.startswith("1 of ")
    assert "History of a dural tear" in p.page.inner_text("#tlm-details")
    assert p.errors == []
    assert p.requests == []


def test_collapsed_overview_expands_on_click(open_page, tmp_path):
    page = write_map(
        load_case(FLAGSHIP), tmp_path / "collapsed.html", MapOptions(collapse_above=20)
    )
    p = open_page(page)
    assert p.js("window.toulminMap.network.isCluster('cluster:svc-63042')") is True
    assert p.js("window.toulminMap.network.findNode('f-ehl-weakness')")[0].startswith("cluster:")
    x, y = p.node_point("cluster:svc-63042")
    p.page.mouse.click(x, y)
    assert p.js("!!window.toulminMap.network.body.nodes['cluster:svc-63042']") is False
    p.page.click("#tlm-expand")
    visible = p.js(
        "Object.values(window.toulminMap.network.body.nodes)"
        ".filter(n => !n.isCluster && n.options.hidden !== true).length"
    )
    assert visible >= len(argument_map(load_case(FLAGSHIP)).nodes)
    assert p.errors == []
    assert p.requests == []


XSS_CASE = f"""
toulmin: 1
id: xss
title: "{XSS} title"
summary: "{XSS}"
decision: {{outcome: approved, main_claim: c}}
sources: [{{id: rec, kind: clinical-document, title: "{XSS}", version: "{XSS}"}}]
services: [{{id: s, code: "22850", description: "{XSS}", decision: approved, claim: c}}]
findings:
  - {{id: f, kind: exam, text: "{XSS}", cite: {{source: rec, locator: "{XSS}", quote: "{XSS}"}}}}
statements:
  - {{id: c, kind: conclusion, text: "{XSS}", plain: "{XSS}", cite: rec}}
  - {{id: k, kind: claim, text: "</script><script>window.__xss=2</script>", cite: []}}
inferences: [{{id: i, premises: [f], conclusion: c, warrant: "{XSS}"}}]
conflicts: [{{id: x, kind: rebut, attacker: k, target: c}}]
"""


def test_case_text_never_runs(open_page, tmp_path):
    det = parse_case(XSS_CASE)
    p = open_page(write_map(det, tmp_path / "xss.html"))
    for node in ("f", "c", "k", "i", "rec"):
        x, y = p.node_point(node)
        p.page.mouse.move(x, y)
        p.page.locator("div.vis-tooltip").wait_for(state="visible", timeout=5000)
        typed = "</script><script>window.__xss=2</script>" if node == "k" else XSS
        assert typed in p.page.inner_text("div.vis-tooltip")  # shown as typed
        p.page.mouse.click(x, y)
        p.page.mouse.move(5, 5)
    p.page.fill("#tlm-search", "onerror")
    p.page.press("#tlm-search", "Enter")
    assert XSS in p.page.inner_text("#tlm-details")
    assert p.js("window.__xss") is None
    assert p.js("document.querySelectorAll('img').length") == 0
    assert p.js("document.title").startswith(XSS)
    assert p.requests == []  # an <img src=x> would have asked for it

    b = open_page_plain(p, write_brief(det, tmp_path / "xss-brief.html", evaluation=False))
    assert b.js("window.__xss") is None
    assert b.js("document.querySelectorAll('img, script').length") == 0
    assert XSS in b.page.inner_text("body")
    assert b.requests == []


def open_page_plain(p: Page, path: Path) -> Page:
    """A second page in the same context, for a page without the map (the brief)."""
    other = Page.__new__(Page)
    other.context = p.context
    other.page = p.context.new_page()
    other.errors, other.requests = [], []
    other.page.on("pageerror", lambda e: other.errors.append(str(e)))
    other.page.goto(path.as_uri())
    other.requests = p.requests
    return other
