"""Benchmark: where a load worker's time goes, step by step, per synthetic case file.

A load worker (:func:`toulmin.graph.store.inputs.prepare_file` with the
:func:`toulmin.graph.derived.layer.derived_layer` hook) reads, validates, compiles,
evaluates, summarises and writes N-Triples for every case file. This script runs
the same steps one by one over ``--files`` synthetic case files (``toulmin synth
--seed 0``, written to a temporary folder unless ``--corpus`` names one), in one
process, with the garbage-collector setting the workers use, and reports the mean
milliseconds per file of each step, the sum, and ``prepare_file`` as a whole (the
sum and the whole differ by the bookkeeping between the steps). The first
``--warmup`` files are not counted.

The results replace the section between ``<!-- bench:load-steps:start -->`` and
``<!-- bench:load-steps:end -->`` in docs/benchmarks.md.

Usage::

    .venv/bin/python benchmarks/bench_load_steps.py                 # 2,000 files, updates the doc
    .venv/bin/python benchmarks/bench_load_steps.py --files 300 --no-write
"""

from __future__ import annotations

import argparse
import gc
import platform
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from _common import cpu_model, ram_gib, replace_section

from toulmin.graph.authoring import casefile
from toulmin.graph.authoring.synth import write_corpus
from toulmin.graph.authoring.yaml_positions import load_with_positions
from toulmin.graph.derived.layer import derived_layer
from toulmin.graph.rdf.compile import compile_triples
from toulmin.graph.rdf.triples import ntriples
from toulmin.graph.store.inputs import prepare_file
from toulmin.graph.store.pool import WORKER_GC_THRESHOLD

START, END = "<!-- bench:load-steps:start -->", "<!-- bench:load-steps:end -->"

#: (key, what the report calls it)
STEPS = [
    ("read", "read the file"),
    ("yaml", "YAML with line marks (libyaml)"),
    ("schema", "JSON Schema (fastjsonschema)"),
    ("references", "reference checks"),
    ("build", "build the model"),
    ("compile", "compile to triples (no rdflib store)"),
    ("derived", "evaluate, derived graph and summary facts"),
    ("ntriples", "write N-Triples (asserted and derived)"),
]


def measure(files: list[Path], warmup: int) -> dict[str, float]:
    """Mean seconds per file of each step, of their sum and of ``prepare_file``."""
    totals = dict.fromkeys([key for key, _ in STEPS], 0.0)

    def clock(key: str, step: Callable[..., Any], *args: Any) -> Any:
        started = time.perf_counter()
        result = step(*args)
        totals[key] += time.perf_counter() - started
        return result

    def drain(check: Callable[..., Any], *args: Any) -> list[Any]:  # checks are generators
        return list(check(*args))

    def write_all(*graphs: Any) -> list[str]:
        return [ntriples(g) for g in graphs]

    for i, path in enumerate(files):
        if i == warmup:
            totals = dict.fromkeys(totals, 0.0)
        text = clock("read", path.read_text, "utf-8")
        doc = clock("yaml", load_with_positions, text, str(path))
        problems = clock("schema", drain, casefile._schema_problems, doc)
        problems += clock("references", drain, casefile._reference_problems, doc)
        if problems:
            raise SystemExit(f"{path}: the synthetic file has problems: {problems[:3]}")
        det = clock("build", casefile._build, doc.data)
        asserted = clock("compile", compile_triples, det)
        layers = clock("derived", derived_layer, det, asserted)
        clock("ntriples", write_all, asserted, *layers)
    counted = len(files) - warmup
    result = {key: value / counted for key, value in totals.items()}
    result["sum"] = sum(result.values())
    started = time.perf_counter()
    for path in files[warmup:]:
        prepare_file(path, derived_layer)
    result["prepare_file"] = (time.perf_counter() - started) / counted
    return result


def report(result: dict[str, float], files: int) -> str:
    """The markdown section."""
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        START,
        "## Load worker steps (benchmarks/bench_load_steps.py)",
        "",
        f"Run {when} on {cpu_model()}, {ram_gib()}, Python {platform.python_version()}: "
        f"{files:,} synthetic case files (`toulmin synth --seed 0`), one process, the "
        f"workers' garbage-collector threshold ({WORKER_GC_THRESHOLD:,}). Mean per file:",
        "",
        "| step | ms per file |",
        "|---|---|",
    ]
    lines += [f"| {label} | {result[key] * 1000:.3f} |" for key, label in STEPS]
    lines += [
        f"| **sum of the steps** | **{result['sum'] * 1000:.2f}** |",
        f"| `prepare_file` as a whole (what a worker runs) | {result['prepare_file'] * 1000:.2f} |",
        END,
    ]
    return "\n".join(lines)


def main() -> None:
    """Time each step of the loader's per-file work; write its section of docs/benchmarks.md."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--files", type=int, default=2000, help="case files to time")
    parser.add_argument("--warmup", type=int, default=200, help="files not counted")
    parser.add_argument("--corpus", type=Path, help="a folder of synthetic case files to use")
    parser.add_argument("--no-write", action="store_true", help="print, do not touch the doc")
    args = parser.parse_args()
    gc.freeze()
    gc.set_threshold(WORKER_GC_THRESHOLD, 20, 100)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.corpus
        if folder is None:
            folder = Path(tmp)
            write_corpus(args.files + args.warmup, 0, folder)
        files = sorted(folder.glob("*.yaml"))[: args.files + args.warmup]
        if len(files) <= args.warmup:
            raise SystemExit(f"{folder}: fewer than {args.warmup + 1} case files")
        result = measure(files, args.warmup)
    section = report(result, len(files) - args.warmup)
    print(section)
    if not args.no_write:
        replace_section(section, START, END)


if __name__ == "__main__":
    main()
