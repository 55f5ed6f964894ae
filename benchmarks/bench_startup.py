"""Whole-process times of the commands people wait for: start-up and ``toulmin check``.

Each command runs as its own process, several times after a warm-up, in turn with a
bare ``python -c pass`` of the same interpreter (A B A B ...), so that the ratio is
taken pair by pair and holds when the shared machine's speed drifts. User and system
seconds are the operating system's accounting of each finished child (``os.wait4``);
wall seconds a monotonic clock around it. The median is quoted.

``toulmin check`` is timed with the cache of the ontology's verdict warm (the usual
case), cold (a new cache folder for every run: one HermiT run of the ontology each
time) and with ``--hermit`` (HermiT on the whole case every time, as before the cache).

Run ``python benchmarks/bench_startup.py`` (``--runs N``; ``--write`` replaces the
section between ``<!-- bench:startup:start -->`` and ``<!-- bench:startup:end -->`` in
docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _common import cpu_model, ram_gib, replace_section

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "examples" / "l4-5-revision.yaml"
START, END = "<!-- bench:startup:start -->", "<!-- bench:startup:end -->"

#: measured the same way (whole process, median of paired runs) on the tree before the
#: change (commit 4f62d80), 2026-12-03 07:24-07:27 UTC, load average 4.8-7.2
BEFORE = {
    "toulmin --help": (0.909, 1.220, 23.9),
    "toulmin --version": (0.879, 1.003, 23.8),
    "toulmin check FLAGSHIP": (7.686, 5.788, None),
}


#: pySHACL options, measured once (not re-measured by this script)
SHACL_NOTE = (
    "SHACL on the flagship, CPU seconds in one process (2026-12-03, same machine, load about "
    "10): pyshacl with the ontology as `ont_graph` 0.20 s a call; the ontology's axioms mixed"
    " in once per process and copied next to the data (what `shacl_violations` does now) 0.15"
    " s, of which the copy is 0.035 s; harvesting the 147 shapes from a parsed shapes graph t"
    "akes 0.005 s, so a pre-parsed shapes graph would save almost nothing; inference was alre"
    "ady off. The rest is pyshacl evaluating the constraints (`sh:node`, `sh:or`) on the case"
    "'s nodes."
)


@dataclass(frozen=True)
class Run:
    """One finished process: CPU (user + system) and wall seconds."""

    cpu: float
    wall: float


def run_once(command: list[str], env: dict[str, str]) -> Run:
    """Run ``command`` once; its wall seconds and CPU seconds (from ``wait4``)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0,):
        raise SystemExit(f"{' '.join(command)} exited with {process.returncode}")
    return Run(usage.ru_utime + usage.ru_stime, wall)


def paired(
    command: list[str], runs: int, env: dict[str, str], fresh_cache: bool = False
) -> tuple[list[Run], list[Run]]:
    """Timed runs of ``command``, each followed by ``python -c pass``, after a warm-up pair."""
    baseline = [sys.executable, "-c", "pass"]
    a: list[Run] = []
    b: list[Run] = []
    for i in range(runs + 1):  # the first pair is the warm-up
        own = dict(env)
        if fresh_cache:
            own["TOULMIN_CACHE_DIR"] = tempfile.mkdtemp(prefix="toulmin-bench-cache-")
        first, second = run_once(command, own), run_once(baseline, env)
        if i:
            a.append(first)
            b.append(second)
    return a, b


def median(values: list[float]) -> float:
    """The median of ``values``."""
    return statistics.median(values)


def main() -> None:
    """Time every command against ``python -c pass`` and write the doc section."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    toulmin = str(Path(sys.executable).with_name("toulmin"))
    env = dict(os.environ)
    env["TOULMIN_CACHE_DIR"] = tempfile.mkdtemp(prefix="toulmin-bench-cache-")
    subprocess.run([toulmin, "check", str(FLAGSHIP)], env=env, check=True, capture_output=True)
    cases = [
        ("toulmin --help", [toulmin, "--help"], False),
        ("toulmin --version", [toulmin, "--version"], False),
        ("toulmin check FLAGSHIP", [toulmin, "check", str(FLAGSHIP)], False),
        ("toulmin check FLAGSHIP, cold cache", [toulmin, "check", str(FLAGSHIP)], True),
        ("toulmin check --hermit FLAGSHIP", [toulmin, "check", "--hermit", str(FLAGSHIP)], False),
        ("toulmin check examples/*.yaml (5)", [toulmin, "check", *_examples()], False),
    ]
    load_before = os.getloadavg()
    rows = []
    for name, command, fresh in cases:
        a, b = paired(command, args.runs, env, fresh)
        ratio = median([x.wall / y.wall for x, y in zip(a, b, strict=True)])
        rows.append(
            (name, median([r.cpu for r in a]), median([r.wall for r in a]), ratio,
             median([r.cpu for r in b]), median([r.wall for r in b]))
        )  # fmt: skip
        print(f"{name}: cpu {rows[-1][1]:.3f} s, wall {rows[-1][2]:.3f} s, wall/python {ratio:.1f}")
    load_after = os.getloadavg()
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        START,
        "## Start-up and `toulmin check` (benchmarks/bench_startup.py)",
        "",
        f"Run {now} on {cpu_model()}, {os.cpu_count()} cores, {ram_gib()}, Python "
        f"{platform.python_version()}; load average (1, 5, 15 min) "
        f"{' / '.join(f'{x:.2f}' for x in load_before)} before and "
        f"{' / '.join(f'{x:.2f}' for x in load_after)} after. Whole processes, median of "
        f"{args.runs} runs after a warm-up, each paired with `python -c pass` of the same "
        "interpreter (its own median in the last columns); `wall/python` is the median of the "
        "pair-by-pair ratios. FLAGSHIP is examples/l4-5-revision.yaml. On a loaded machine "
        "the wall time waits for a core: read the CPU time, and the ratio.",
        "",
        "| command | cpu s | wall s | wall/python | python cpu s | python wall s |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {cpu:.3f} | {wall:.3f} | {ratio:.1f} | {bcpu:.3f} | {bwall:.3f} |"
        for name, cpu, wall, ratio, bcpu, bwall in rows
    ]
    lines += [
        "",
        "Before the change (commit 4f62d80: every command module and its libraries "
        "imported at start-up; `check` ran HermiT, classifying, on every case), measured as "
        "whole processes in the same way (the operating system's accounting of each finished "
        "run, median of 5-7 runs after a warm-up, paired with `python -c pass`) on "
        "2026-12-03 07:24-07:27 UTC at load average 4.8-7.2:",
        "",
        "| command | cpu s | wall s | wall/python |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {cpu:.3f} | {wall:.3f} | {'' if ratio is None else f'{ratio:.1f}'} |"
        for name, (cpu, wall, ratio) in BEFORE.items()
    ]
    lines += ["", SHACL_NOTE, "", END]
    section = "\n".join(lines)
    print(section)
    if args.write:
        replace_section(section, START, END)


def _examples() -> list[str]:
    return sorted(str(p) for p in (ROOT / "examples").glob("*.yaml"))


if __name__ == "__main__":
    main()
