"""``toulmin assess CASE...``: every applicable criterion, computed, per line and setting.

Examples
--------
``toulmin assess examples/l4-5-fusion-pended-pt.yaml`` prints one row per applicable
criterion (parts, exceptions and exclusions included; ``--all`` adds the
not-applicable ones) per service line and for the setting: the
line, the criterion and its reference, the result (met, not-met, insufficient,
not-applicable) and the findings that decided it with their citations.
``--criteria anthem-cg-surg-38@2025-09`` names the set (``id`` alone: the latest
version); ``--criteria-dir DIR`` adds a folder of sets before ``TOULMIN_CRITERIA_PATH``,
``criteria_path`` in ``toulmin.toml`` and the shipped library. ``--json`` prints the
results as JSON. A broken criteria file exits with status 2 and lists every problem
(file, line, path).

The command calls :func:`toulmin.api.criteria_set_for` and :func:`toulmin.api.assess`
and renders their results; it imports the API and the case reader.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

__all__ = ["register", "rows"]


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the ``assess`` command."""
    p = sub.add_parser(
        "assess",
        help="compute every applicable criterion of a criteria set, per service line",
        description=(
            "Assess case files against a criteria set: each criterion met, not-met, "
            "insufficient or not-applicable, for every service line and for the setting, "
            "with the findings that decided it. Sets are found in --criteria-dir folders, "
            "then TOULMIN_CRITERIA_PATH, then criteria_path in toulmin.toml, then the "
            "shipped library."
        ),
    )
    p.add_argument("cases", type=Path, nargs="+", metavar="CASE", help="case file (YAML) or RDF")
    p.add_argument(
        "--criteria",
        metavar="SET[@VERSION]",
        help=(
            "the criteria set (default: the one the case file names in criteria_set, else "
            "the illustrative set, when the case's criteria are its)"
        ),
    )
    p.add_argument(
        "--criteria-dir",
        action="append",
        default=[],
        type=Path,
        metavar="DIR",
        help="a folder of criteria sets, searched first (repeatable)",
    )
    p.add_argument(
        "--all", action="store_true", help="also list the criteria that are not applicable"
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--width", type=int, default=None, help="line width (default: terminal or 120)")
    p.set_defaults(func=_assess)


def rows(det: Any, results: list[Any]) -> list[dict[str, Any]]:
    """One row per result: its data plus the line number and the deciding citations."""
    cites = {f.id: [str(c) for c in f.cite] for f in det.findings}
    lines = {s.id: s.line for s in det.services}
    out = []
    for r in results:
        row = r.to_dict()
        row["line"] = "setting" if r.subject == "setting" else lines.get(r.service)
        row["citations"] = {f: cites.get(f, []) for f in r.findings}
        out.append(row)
    return out


def _assess(args: argparse.Namespace) -> int:
    from toulmin.api import assess, criteria_set_for, read_determination

    reports = []
    for case in args.cases:
        det = read_determination(case)
        cs = criteria_set_for(det, args.criteria, criteria_dirs=args.criteria_dir)
        results = assess(det, cs)
        if not args.all:
            results = [r for r in results if r.value.value != "not-applicable"]
        reports.append((case, det, cs, rows(det, results)))
    if args.json:
        data = [
            {"case": str(case), "determination": det.id, "criteria_set": cs.key, "results": r}
            for case, det, cs, r in reports
        ]
        print(json.dumps(data if len(data) > 1 else data[0], indent=2))
        return 0
    console = Console(width=args.width or None, soft_wrap=False)
    if args.width is None and not console.is_terminal:
        console.width = 120
    for case, det, cs, found in reports:
        table = Table(title=f"{case}: {det.id} against {cs.key}", title_justify="left")
        for column in ("line", "criterion", "reference", "result", "deciding findings"):
            table.add_column(column)
        for row in found:
            deciding = "; ".join(
                f"{f} ({', '.join(c)})" if c else f for f, c in row["citations"].items()
            )
            service = row["line"] if row["line"] is not None else row["service"]
            where = "setting" if row["subject"] == "setting" else f"{service} {row['service']}"
            table.add_row(where, row["criterion"], row["ref"] or "", row["result"], deciding)
        console.print(table)
    return 0
