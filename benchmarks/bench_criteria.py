"""Benchmark of the criteria engine: assessing a determination against 50 criteria.

Run ``python benchmarks/bench_criteria.py``. It writes its section of
``docs/benchmarks.md`` (between ``<!-- bench:criteria:start -->`` and
``<!-- bench:criteria:end -->``) and prints it. A benchmark, not a test: nothing here
asserts a time. The goal is under 5 ms per determination.

The criteria set is generated (and read through the criteria reader, so it is a valid
file): ten top-level criteria, each an all-of, any-of or at-least-2 of four parts, 50
nodes in all, with every kind of condition the engine has (graded motor findings,
severities at the level, durations, counts of distinct treatments, totals within a
look-back window, documented absence, side, value sets, age, nicotine, another line of
the request) and an exception on every other criterion. No criterion has an
applicability condition, so every node is evaluated for every service line: the
worst case for a set of this size.

Measured: :func:`toulmin.graph.criteria.assess.assess` (the facts view built from the
determination, then every criterion for every line and the setting), the median and
the 95th percentile of repeated runs, for each example case file and for a synthetic
determination with 10 service lines and 60 findings.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from _common import cpu_model, ram_gib, replace_section

from toulmin.graph.authoring.casefile import load_case
from toulmin.graph.authoring.model import Determination, Finding, Service
from toulmin.graph.criteria.assess import assess
from toulmin.graph.criteria.facts import PatientFacts
from toulmin.graph.criteria.model import CriteriaSet
from toulmin.graph.criteria.reader import parse_criteria_set

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- bench:criteria:start -->", "<!-- bench:criteria:end -->"

CONDITIONS = [
    "finding: {of: {kind: exam, side: {matches: service}}, with: {grade: {at_most: '3/5'}}}",
    "finding: {of: {kind: exam}, with: {grade: {below: '5/5'}, trend: progressive}}",
    "finding: {of: {kind: imaging, level: {matches: service}}, with: {severity: {at_least: moderate}}}",  # noqa: E501
    "finding: {of: {kind: treatment-trial, treatment: physical-therapy}, with: {duration: {at_least: {weeks: 6}}}}",  # noqa: E501
    "count: {of: {kind: treatment-trial}, with: {outcome: failed}, distinct: treatment, at_least: 2}",  # noqa: E501
    "total_duration: {of: {kind: treatment-trial}, at_least: {months: 3}, within: {months: 12}}",
    "absent: {of: {kind: diagnosis, icd10: {value_set: scoliosis}}}",
    "finding: {of: {kind: diagnosis}, with: {icd10: {value_set: lumbar-stenosis}}}",
    "service: {code: {value_set: fusion}, levels: {at_most: 2}}",
    "age: {at_least: 18}",
    "nicotine: {free_for: {weeks: 6}}",
    "request: {code: {value_set: fusion}, level: {matches: service}}",
    "not: {finding: {of: {kind: surgical-history, procedure: {known: true}, level: {matches: service}}}}",  # noqa: E501
]
COMBINE = ["all", "any", "at-least"]


def criteria_text(n_top: int = 10, parts: int = 4) -> str:
    """A criteria file of ``n_top * (parts + 1)`` criteria."""
    lines = [
        "toulmin-criteria: 1",
        "id: bench",
        'version: "1"',
        "title: Benchmark set",
        "value_sets:",
        '  fusion: {system: CPT, codes: ["22612", "22630", "22633", "22634"]}',
        "  lumbar-stenosis: {system: ICD-10-CM, prefixes: [M48.06]}",
        "  scoliosis: {system: ICD-10-CM, prefixes: [M41]}",
        "criteria:",
    ]
    k = 0
    for i in range(n_top):
        combine = COMBINE[i % 3]
        lines += [
            f"  - id: c{i}",
            f"    ref: C.{i}",
            f"    text: Criterion {i}.",
            f"    combine: {combine}",
        ]
        if combine == "at-least":
            lines.append("    at_least: 2")
        lines.append("    parts:")
        for j in range(parts - (1 if i % 2 == 0 else 0)):
            cond = CONDITIONS[k % len(CONDITIONS)]
            k += 1
            lines += [
                f"      - id: c{i}-{j}",
                f"        ref: C.{i}.{j}",
                f"        text: Part {j}.",
                f"        condition: {{{cond}}}",
            ]
        if i % 2 == 0:  # the part given up for an exception
            cond = CONDITIONS[k % len(CONDITIONS)]
            k += 1
            lines += [
                "    exceptions:",
                f"      - id: c{i}-x",
                f"        ref: C.{i}-W",
                "        text: Waiver.",
                f"        condition: {{{cond}}}",
            ]
    return "\n".join(lines) + "\n"


def synthetic(lines: int = 10, findings: int = 60, seed: int = 0) -> Determination:
    """A determination with ``lines`` service lines and ``findings`` structured findings."""
    rng = random.Random(f"criteria:{lines}:{findings}:{seed}")
    levels = ["L2-3", "L3-4", "L4-5", "L5-S1"]
    services = tuple(
        Service(
            f"svc-{k}",
            rng.choice(["22612", "22633", "63047", "22840"]),
            "approved",
            line=k + 1,
            level=rng.choice(levels),
        )
        for k in range(lines)
    )
    found = []
    for k in range(findings):
        kind = rng.choice(["exam", "imaging", "treatment-trial", "diagnosis", "surgical-history"])
        extra: dict[str, object] = {}
        if kind == "exam":
            extra = {
                "side": rng.choice(["left", "right"]),
                "muscle": "EHL",
                "grade": rng.choice(["3/5", "4-/5", "4/5", "5/5"]),
                "trend": "progressive",
            }
        elif kind == "imaging":
            extra = {
                "level": rng.choice(levels),
                "modality": "MRI",
                "severity": rng.choice(["mild", "moderate", "severe"]),
            }
        elif kind == "treatment-trial":
            extra = {
                "treatment": rng.choice(["physical-therapy", "medication", "bracing"]),
                "duration_weeks": float(rng.randint(2, 12)),
                "outcome": "failed",
            }
        elif kind == "diagnosis":
            extra = {"icd10": rng.choice(["M48.062", "M51.16", "M41.26"])}
        else:
            extra = {"level": rng.choice(levels), "procedure": "laminectomy"}
        found.append(Finding(f"f-{k}", kind, f"Finding {k}.", **extra))  # type: ignore[arg-type]
    return Determination(
        "bench",
        "Benchmark",
        "approved",
        "c",
        received="2025-06-01",
        requested_setting="inpatient",
        services=services,
        findings=tuple(found),
    )


def time_case(det: Determination, cs: CriteriaSet, repeat: int) -> tuple[float, float, int]:
    """Median and 95th-percentile ms of ``repeat`` assessments of ``det``, and its result count."""
    patient = PatientFacts(age=60, nicotine="former", nicotine_quit=date(2025, 1, 1))
    results = assess(det, cs, patient)  # warm-up; also the result count
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        assess(det, cs, patient)
        times.append(time.perf_counter() - start)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    return statistics.median(times) * 1000, p95 * 1000, len(results)


def main(argv: list[str] | None = None) -> None:
    """Time every example and a synthetic case; write the section of docs/benchmarks.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--no-doc", action="store_true", help="print only")
    args = parser.parse_args(argv)

    cs = parse_criteria_set(criteria_text(), "bench.yaml")
    n_criteria = sum(1 for _ in cs.walk())
    cases = [(p.stem, load_case(p)) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    cases.append(("synthetic: 10 lines, 60 findings", synthetic()))
    rows = []
    for name, det in cases:
        median, p95, n = time_case(det, cs, args.repeat)
        rows.append(
            f"| {name} | {len(det.services)} | {len(det.findings)} | {n} | "
            f"{median:.2f} | {p95:.2f} |"
        )
    load = os.getloadavg()
    section = "\n".join(
        [
            START,
            "## Criteria engine (benchmarks/bench_criteria.py)",
            "",
            f"`assess` of a determination against a generated set of {n_criteria} criteria "
            "(no applicability conditions: every criterion is evaluated for every service "
            f"line and the setting); median and 95th percentile of {args.repeat} runs, in "
            "milliseconds per determination. Goal: under 5 ms.",
            "",
            "| determination | lines | findings | results | median ms | p95 ms |",
            "|---|---:|---:|---:|---:|---:|",
            *rows,
            "",
            f"Measured {date.today().isoformat()} on {cpu_model()} ({os.cpu_count()} cores, "
            f"{ram_gib()}), Python {platform.python_version()}; load average "
            f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (`uptime`) on a machine shared with "
            "other work.",
            END,
        ]
    )
    print(section)
    if not args.no_doc:
        replace_section(section, START, END)


if __name__ == "__main__":
    sys.exit(main())
