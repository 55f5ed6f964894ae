"""The map as a notebook shows it: ``_repr_html_``'s sandboxed iframe, in headless Chromium.

A page holding only what Jupyter would insert (the ``<iframe srcdoc>``) is opened;
the map inside must draw every node without a console error or a request, and case
text with markup must stay text (no handler runs, in the frame or in the notebook).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

import toulmin
from toulmin.viz.map import argument_map as map_layout

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("TOULMIN_CHROMIUM", "/usr/bin/chromium")
XSS = "<img src=x onerror=window.__xss=1>"
CASE = f"""
toulmin: 1
id: tiny
title: "Tiny {XSS}"
decision: {{outcome: approved, main_claim: c}}
sources: [{{id: rec, kind: clinical-document, title: Record}}]
services: [{{id: s, code: "22850", decision: approved, claim: c}}]
findings: [{{id: f, kind: exam, text: "EHL 3+/5 {XSS}", cite: rec}}]
statements: [{{id: c, kind: conclusion, text: "Necessary {XSS}", cite: rec}}]
inferences: [{{id: i, premises: [f], conclusion: c}}]
"""


def test_the_notebook_frame_draws_the_map_and_runs_no_case_text(tmp_path: Path) -> None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Chromium is not installed at {CHROMIUM}; CI must run it (make chromium)")
        pytest.skip(f"Chromium is not installed at {CHROMIUM}: run `make chromium`")
    from playwright.sync_api import sync_playwright

    det = toulmin.parse_case(CASE, "tiny.yaml")
    page = toulmin.argument_map(det)
    cell = tmp_path / "notebook.html"
    cell.write_text(
        f"<!DOCTYPE html><html><body>{det._repr_html_()}{toulmin.evaluate(det)._repr_html_()}"
        f"{page._repr_html_()}</body></html>",
        encoding="utf-8",
    )
    errors: list[str] = []
    requests: list[str] = []

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(("file://", "about:")):
            r.continue_()
        else:
            requests.append(url)
            r.abort()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            context.route("**/*", route)
            tab = context.new_page()
            tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            tab.on("pageerror", lambda e: errors.append(str(e)))
            tab.goto(cell.as_uri())
            frame = tab.frame_locator("iframe")
            frame.locator("body[data-ready='1']").wait_for(state="attached", timeout=15000)
            [inner] = [f for f in tab.frames if f is not tab.main_frame]
            drawn = inner.evaluate("Object.keys(window.toulminMap.network.body.nodes).length")
            assert drawn == len(map_layout(det).nodes) == 4  # f, i, c and the source
            assert inner.evaluate("window.__xss") is None
            assert tab.evaluate("window.__xss") is None
            assert "Tiny " + XSS in tab.inner_text("body")  # shown as text, not run
        finally:
            browser.close()
    assert errors == []
    assert requests == []
