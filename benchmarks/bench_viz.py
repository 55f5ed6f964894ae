"""Benchmark of the argument map: generation time and time to interactive in Chromium.

Run ``python benchmarks/bench_viz.py`` (``make bench`` runs every benchmark). It
writes its section of ``docs/benchmarks.md`` (between ``<!-- bench:viz:start -->``
and ``<!-- bench:viz:end -->``; the file is created when absent) and prints it.
A benchmark, not a test: nothing here asserts a time.

Synthetic determinations of a given size are drawn deterministically: four
service lines and the setting under a main claim, statements attached as premises
of new or existing inferences (findings are leaves), every twelfth statement a
counter-argument with an answer that undercuts it, and citations to five sources.

Measured for each size:

* generate: :func:`toulmin.viz.map.argument_map` (kinds, layered layout) and
  :func:`toulmin.viz.html.render_map` (pyvis ``generate_html`` with the inlined
  assets); median of 3.
* open: from ``page.goto`` of the ``file://`` page to the map's first drawing
  (``body[data-ready]``), in headless Debian Chromium; then *click*: a click on a
  node until its trace is highlighted. Once with the default collapsed overview
  (above 400 nodes), once fully expanded.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from _common import cpu_model, ram_gib, replace_section

from toulmin.graph.authoring.model import (
    Citation,
    Conflict,
    Determination,
    Finding,
    Inference,
    Service,
    SettingDecision,
    Source,
    Statement,
)
from toulmin.viz.html import MapOptions, render_map
from toulmin.viz.map import argument_map

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- bench:viz:start -->", "<!-- bench:viz:end -->"
CHROMIUM = os.environ.get("TOULMIN_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def synthetic(n_nodes: int, seed: int = 0) -> Determination:
    """A determination whose map has about ``n_nodes`` nodes."""
    rng = random.Random(f"viz:{n_nodes}:{seed}")
    sources = tuple(Source(f"src-{k}", "clinical-document", f"Source {k}") for k in range(5))
    services = tuple(
        Service(
            f"svc-{k}",
            f"2285{k}",
            "approved",
            description=f"Procedure {k}",
            line=k + 1,
            claim=f"c-svc-{k}",
        )
        for k in range(4)
    )
    statements: list[Statement] = [Statement("c-main", "conclusion", "The request is necessary.")]
    statements += [
        Statement(s.claim or "", "conclusion", f"Line {k} is necessary.", (Citation("src-0"),))
        for k, s in enumerate(services)
    ]
    statements.append(Statement("c-setting", "conclusion", "Inpatient.", (Citation("src-0"),)))
    findings: list[Finding] = []
    premises: dict[str, list[str]] = {"i-main": [s.claim or "" for s in services] + ["c-setting"]}
    inference_of: dict[str, list[str]] = {"c-main": ["i-main"]}
    inferences_order = ["i-main"]
    conclusion_of = {"i-main": "c-main"}
    conflicts: list[Conflict] = []
    candidates = [s.claim or "" for s in services] + ["c-setting"]
    count = len(statements) + 1 + len(sources)
    j = 0

    def attach(parent: str, child: str) -> int:
        if parent in inference_of and rng.random() < 0.6:
            inf = rng.choice(inference_of[parent])
            premises[inf].append(child)
            return 0
        inf = f"i-{len(inferences_order)}"
        inferences_order.append(inf)
        inference_of.setdefault(parent, []).append(inf)
        premises[inf] = [child]
        conclusion_of[inf] = parent
        return 1

    while count < n_nodes:
        j += 1
        cite = (Citation(f"src-{rng.randrange(5)}", f"page {rng.randrange(1, 40)}"),)
        parent = rng.choice(candidates)
        if j % 12 == 0:  # a counter-argument from a finding, and an answer that undercuts it
            ctr, f, ans = f"c-counter-{j}", f"f-{j}-c", f"c-answer-{j}"
            statements.append(Statement(ctr, "claim", f"Counter-argument {j}.", cite))
            findings.append(Finding(f, "exam", f"Finding {j} for the counter-argument.", cite))
            statements.append(Statement(ans, "claim", f"Answer {j}.", cite))
            inf = f"i-{len(inferences_order)}"
            inferences_order.append(inf)
            premises[inf], conclusion_of[inf] = [f], ctr
            conflicts.append(Conflict(f"x-{j}", "rebut", ctr, parent))
            conflicts.append(Conflict(f"y-{j}", "undercut", ans, inf))
            count += 4
            continue
        if rng.random() < 0.45:
            node = f"f-{j}"
            findings.append(Finding(node, "exam", f"Finding {j}: strength 4/5.", cite))
        else:
            node = f"c-{j}"
            statements.append(Statement(node, "claim", f"Intermediate claim number {j}.", cite))
            candidates.append(node)
        count += 1 + attach(parent, node)
    inferences = tuple(
        Inference(i, tuple(premises[i]), conclusion_of[i], scheme="argument from sign")
        for i in inferences_order
    )
    return Determination(
        id=f"synthetic-{n_nodes}",
        title=f"Synthetic determination ({n_nodes} nodes)",
        outcome="approved",
        main_claim="c-main",
        sources=sources,
        services=services,
        setting=SettingDecision("inpatient", "approved", claim="c-setting"),
        findings=tuple(findings),
        statements=tuple(statements),
        inferences=inferences,
        conflicts=tuple(conflicts),
    )


def _median_time(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _browser_times(path: Path, click_node: str) -> tuple[float, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        t0 = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=120_000)
        opened = time.perf_counter() - t0
        page.evaluate(
            "(id) => { const n = window.toulminMap.network; const o = n.findNode(id);"
            " if (o.length > 1) { n.openCluster(o[0]); } }",
            click_node,
        )
        box = page.locator("#mynetwork canvas").bounding_box()
        pos = page.evaluate(
            "(id) => { const n = window.toulminMap.network;"
            " n.focus(id, {scale: 1, animation: false});"
            " return n.canvasToDOM(n.getPositions([id])[id]); }",
            click_node,
        )
        t1 = time.perf_counter()
        page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
        page.wait_for_selector("#tlm-details h2", state="attached", timeout=60_000)
        clicked = time.perf_counter() - t1
        browser.close()
    return opened, clicked


def _machine() -> str:
    cpu, mem = cpu_model(), ram_gib()
    try:
        chromium = subprocess.run(
            [CHROMIUM, "--version"], capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        chromium = "not installed"
    return (
        f"nproc: {os.cpu_count()}; cpu: {cpu}; ram: {mem}; python: {platform.python_version()}; "
        f"browser: {chromium} (headless, --disable-gpu)"
    )


def main(argv: list[str] | None = None) -> int:
    """Time the map at each size (and in Chromium when present); write docs/benchmarks.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--no-browser", action="store_true", help="generation times only")
    parser.add_argument(
        "--no-write", action="store_true", help="print, do not edit docs/benchmarks.md"
    )
    args = parser.parse_args(argv)
    browser = not args.no_browser and Path(CHROMIUM).exists()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            det = synthetic(n)
            amap = argument_map(det)
            t_map = _median_time(lambda det=det: argument_map(det))
            t_html = _median_time(lambda amap=amap: render_map(amap))
            collapsed = render_map(amap)
            expanded = render_map(amap, MapOptions(collapse_above=10**9))
            finding = next(nd.id for nd in amap.nodes if nd.kind == "finding")
            row = {
                "n": len(amap.nodes),
                "edges": len(amap.edges),
                "map": t_map,
                "html": t_html,
                "size": len(expanded.encode()) / 1e6,
            }
            if browser:
                for key, page in (("collapsed", collapsed), ("expanded", expanded)):
                    path = Path(tmp) / f"{n}-{key}.html"
                    path.write_text(page, encoding="utf-8")
                    row[key] = _browser_times(path, finding)
            rows.append(row)
            print(row, file=sys.stderr)

    def fmt(t: float) -> str:
        return f"{t * 1000:.0f} ms" if t < 1 else f"{t:.2f} s"

    lines = [
        START,
        "## Argument map (`toulmin viz`)",
        "",
        "Generated by `benchmarks/bench_viz.py` (re-run it to update this section). Synthetic "
        "determinations (four service lines and the setting, supports, counter-arguments with "
        "answers, five sources); *generate* is `argument_map` (kinds and the layered layout, "
        "computed in Python) plus `render_map` (pyvis `generate_html` with every asset "
        "inlined), median of 3. *open* is from `page.goto` of the `file://` page to the first "
        "drawing of the map in headless Chromium, *click* from a click on a finding to its "
        "highlighted trace; physics is off, positions come from Python. *Default view*: up to "
        "400 nodes every node is drawn, above that the page opens on the collapsed overview "
        "(one box per service line); *expanded* forces every node to be drawn.",
        "",
        f"Machine: {_machine()}. Date: {date.today().isoformat()}.",
        "",
        "| nodes | edges | generate (layout + HTML) | page size | open, default view | click | "
        "open, expanded | click |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        gen = f"{fmt(r['map'] + r['html'])} ({fmt(r['map'])} + {fmt(r['html'])})"
        cells = [f"{r['n']:,}", f"{r['edges']:,}", gen, f"{r['size']:.1f} MB"]
        for key in ("collapsed", "expanded"):
            if key in r:
                cells += [fmt(r[key][0]), fmt(r[key][1])]
            else:
                cells += ["n/a", "n/a"]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "For comparison, measured on this machine with pyvis defaults (physics on, no "
        "positions): 100 nodes settled in 1.5 s, 1,000 nodes took 53 s, 10,000 never settled; "
        "with physics off and positions computed beforehand, 10,000 nodes drew in 1.9 s.",
        END,
    ]
    section = "\n".join(lines)
    print(section)
    if not args.no_write:
        replace_section(section, START, END, DOC)
    return 0


if __name__ == "__main__":
    sys.exit(main())
