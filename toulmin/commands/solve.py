"""``toulmin solve``: ICCMA tasks on an abstract argumentation framework file.

Examples
--------
``toulmin solve af.i23 --semantics preferred --task EE`` prints one ``w ...``
line per preferred extension; ``toulmin solve af.apx --semantics stable
--task DC --arg a`` prints ``YES`` or ``NO``. Output follows the ICCMA 2023
solver format; for apx and tgf input the arguments are printed by name.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from toulmin.graph.af.iccma import FORMATS, format_result, load
from toulmin.graph.af.semantics import SEMANTICS, TASKS, solve

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the ``solve`` command to the CLI."""
    p = subparsers.add_parser(
        "solve",
        help="solve an ICCMA task (SE, EE, DC, DS) on an apx/tgf/i23 framework file",
        description=(
            "Read an abstract argumentation framework (apx, tgf or ICCMA 2023 i23) and "
            "answer an ICCMA task under grounded, complete, preferred or stable semantics. "
            "Prints 'w ARGS' for an extension, 'NO' when there is none, YES/NO for DC/DS."
        ),
    )
    p.add_argument("file", metavar="FILE", help="framework file (.apx, .tgf, .i23 or .af)")
    p.add_argument(
        "--semantics",
        "-s",
        required=True,
        choices=list(SEMANTICS),
        help="the semantics",
    )
    p.add_argument(
        "--task",
        "-t",
        required=True,
        choices=list(TASKS),
        help="; ".join(f"{k}: {v}" for k, v in TASKS.items()),
    )
    p.add_argument("--arg", "-a", metavar="A", help="the queried argument for DC and DS")
    p.add_argument(
        "--format",
        "-f",
        choices=list(FORMATS),
        help="file format (default: from the file extension)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Load the file, solve, print the ICCMA answer; exit code 0."""
    af = load(args.file, args.format)
    result = solve(af, args.task, args.semantics, args.arg)
    sys.stdout.write(format_result(af, result))
    return 0
