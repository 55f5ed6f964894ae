"""The ``toulmin`` command line: thin, every command calls library functions.

Each command group lives in a module of :mod:`toulmin.commands` that exposes
``register(subparsers)``; the list below is the registry. Exit codes: 0 ok,
1 findings or violations, 2 bad input or configuration.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from toulmin.errors import ToulminError

__all__ = ["COMMAND_MODULES", "build_parser", "main", "version"]

#: Modules of :mod:`toulmin.commands`, in the order their commands are listed.
COMMAND_MODULES: tuple[str, ...] = (
    "demo",
    "case",
    "solve",
    "evaluate",
    "assess",
    "viz",
    "query",
    "store",
    "fhir",
    "aif",
)


def version() -> str:
    """``toulmin X.Y.Z``: the installed distribution's version (pyproject's, its one source)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as distribution_version

    try:
        return f"toulmin {distribution_version('toulmin')}"
    except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
        return "toulmin 0+unknown"


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every registered command."""
    parser = argparse.ArgumentParser(
        prog="toulmin",
        description="Medical-necessity determinations as structured arguments.",
    )
    parser.add_argument("--version", action="version", version=version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"toulmin.commands.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = args.func(args)
    except ToulminError as err:
        print(f"toulmin {args.command}: error:\n{err}", file=sys.stderr)
        return err.exit_code
    except BrokenPipeError:  # pragma: no cover - e.g. `toulmin trace | head`
        return 0
    return int(code or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
