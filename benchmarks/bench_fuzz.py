"""A longer fuzz run: mutated case files through every case command of the CLI.

Run ``python benchmarks/bench_fuzz.py [--inputs N]``. The inputs are drawn by the
strategy of ``tests/test_fuzz_cases.py`` (examples and corpus fixtures with keys
deleted, values of other types, duplicated items, padded strings, cut or garbled YAML);
each is written to a fresh folder and given to ``toulmin build -o``, ``check --no-owl``,
``evaluate -o`` and ``viz -o`` in process (:func:`toulmin.cli.main`, stdout and stderr
captured). Counted: inputs, exits by code, tracebacks (an exception out of ``main`` or
``Traceback`` in the output), exits outside 0/1/2, and exit-2 runs that wrote a file.
Its section of ``docs/benchmarks.md`` lies between ``<!-- bench:fuzz:start -->`` and
``<!-- bench:fuzz:end -->``. Exit status 1 when any bad outcome was seen.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

from _common import cpu_model, ram_gib, replace_section
from hypothesis import HealthCheck, given, settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_fuzz_cases import mutated_case  # noqa: E402

from toulmin.cli import main  # noqa: E402

START, END = "<!-- bench:fuzz:start -->", "<!-- bench:fuzz:end -->"
COMMANDS = {
    "build": ["build", "-o", "out.ttl"],
    "check": ["check", "--no-owl"],
    "evaluate": ["evaluate", "-o", "out.txt"],
    "viz": ["viz", "-o", "out.html"],
}


def run_one(text: str, counts: Counter[str], bad: list[str]) -> None:
    """Every command on one input; outcomes into ``counts``, bad ones into ``bad``."""
    for name, argv in COMMANDS.items():
        with tempfile.TemporaryDirectory() as folder:
            case = Path(folder) / "fuzz.yaml"
            case.write_text(text, encoding="utf-8")
            out, err = io.StringIO(), io.StringIO()
            cwd = os.getcwd()
            os.chdir(folder)
            try:
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    code = main([*argv, "fuzz.yaml"])
            except BaseException as exc:  # what the run is looking for
                code = -1
                err.write(f"Traceback: {type(exc).__name__}: {exc}")
            finally:
                os.chdir(cwd)
            written = sorted(p.name for p in Path(folder).iterdir() if p.name != "fuzz.yaml")
        counts[f"{name} exit {code}"] += 1
        output = out.getvalue() + err.getvalue()
        if "Traceback" in output:
            counts["tracebacks"] += 1
            bad.append(f"{name}: traceback: {output[-300:]!r}")
        if code not in (0, 1, 2):
            counts["other exits"] += 1
            bad.append(f"{name}: exit {code}")
        if code == 2 and written:
            counts["written on exit 2"] += 1
            bad.append(f"{name}: exit 2 wrote {written}")


def main_() -> int:
    """Run the fuzz corpus through the commands and report the counts; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=1000)
    parser.add_argument("--no-doc", action="store_true", help="do not write docs/benchmarks.md")
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    bad: list[str] = []
    started = time.perf_counter()

    @settings(
        max_examples=args.inputs,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(mutated_case())
    def fuzz(text: str) -> None:
        counts["inputs"] += 1
        run_one(text, counts, bad)

    fuzz()
    seconds = time.perf_counter() - started
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    rows = "\n".join(
        f"| {key} | {counts[key]:,} |"
        for key in ["inputs", *sorted(k for k in counts if " exit " in k)]
    )
    section = f"""{START}
## Fuzz: mutated case files through the CLI (benchmarks/bench_fuzz.py)

{date.today().isoformat()}, {cpu_model()}, {ram_gib()}, Python {sys.version.split()[0]};
`uptime`: {load}. {counts["inputs"]:,} inputs drawn by `tests/test_fuzz_cases.py`'s
strategy, each through `build -o`, `check --no-owl`, `evaluate -o` and `viz -o`
in process, in {seconds:.0f} s.

| outcome | count |
|---|---|
{rows}
| tracebacks | {counts["tracebacks"]:,} |
| exits other than 0, 1, 2 | {counts["other exits"]:,} |
| exit 2 with a file written | {counts["written on exit 2"]:,} |
{END}"""
    print(section)
    for line in bad[:20]:
        print(line, file=sys.stderr)
    if not args.no_doc:
        replace_section(section, START, END)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main_())
