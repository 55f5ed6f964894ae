"""``toulmin demo``: the main job on the flagship example, end to end."""

from __future__ import annotations

import argparse
from pathlib import Path

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    """Add the ``demo`` command."""
    demo = sub.add_parser(
        "demo", help="build, check, trace, evaluate and draw the flagship example into out/"
    )
    demo.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out)")
    demo.add_argument("--case", type=Path, default=None, help="another case file instead")
    demo.add_argument("--no-owl", action="store_true", help="skip the OWL reasoner")
    demo.set_defaults(func=_demo)


def _demo(args: argparse.Namespace) -> int:
    from toulmin.demo import run_demo

    return run_demo(args.out, args.case, owl=not args.no_owl)
