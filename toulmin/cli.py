"""The ``toulmin`` command line: thin, every command calls library functions.

Each command group lives in a module of :mod:`toulmin.commands` that exposes
``register(subparsers)``; :data:`COMMAND_MODULES` is the registry and :data:`COMMANDS`
the table of command words, the modules that register each and the one-line help the
listing shows. A run imports only the module of the command it was given (so
``toulmin --help`` and ``toulmin --version`` load none of them, and ``toulmin solve``
does not load rdflib); the other commands are listed from the table, which a test
keeps equal to what the modules register. Exit codes: 0 ok, 1 findings or violations,
2 bad input or configuration.

Imports: :mod:`toulmin.errors`, and a command module of :mod:`toulmin.commands` once
it is chosen.

Examples
--------
>>> parser = build_parser(["check", "x.yaml"])
>>> parser.parse_args(["check", "x.yaml"]).cases
[PosixPath('x.yaml')]
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from toulmin.errors import ToulminError

__all__ = ["COMMANDS", "COMMAND_MODULES", "build_parser", "main", "version"]

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

#: command word -> (the modules that register it, in registry order; its listed help)
COMMANDS: dict[str, tuple[tuple[str, ...], str]] = {
    "demo": (("demo",), "build, check, trace, evaluate and draw the flagship example into out/"),
    "build": (("case",), "compile a case file to RDF"),
    "check": (
        ("case",),
        "check case files: SHACL closed-world rules and OWL consistency (HermiT)",
    ),
    "trace": (("case",), "the argument as a tree, from a claim down to citations"),
    "solve": (
        ("solve",),
        "solve an ICCMA task (SE, EE, DC, DS) on an apx/tgf/i23 framework file",
    ),
    "evaluate": (
        ("evaluate",),
        "label every statement, inference and conflict in / out / undecided",
    ),
    "explain": (
        ("evaluate",),
        "why a claim (or any node) has its label, down to the citations",
    ),
    "flip": (
        ("evaluate",),
        "minimal sets of premises, sources or answers whose defeat would flip a claim",
    ),
    "assess": (
        ("assess",),
        "compute every applicable criterion of a criteria set, per service line",
    ),
    "viz": (("viz",), "the interactive argument map: one self-contained, offline HTML page"),
    "brief": (("viz",), "the appeal brief, as Markdown or HTML"),
    "query": (
        ("query",),
        "run an auditor query (see --list) on case files, a store or an endpoint",
    ),
    "synth": (("query",), "write N synthetic, varied case files (deterministic for a seed)"),
    "load": (
        ("store",),
        "load case files, Turtle, N-Quads or TriG (or folders) into a store or endpoint",
    ),
    "store": (("store",), "inspect and maintain a store: stats, list, remove, export"),
    "serve": (
        ("store",),
        "serve a store over the SPARQL 1.1 Protocol (Oxigraph server, read-only by default)",
    ),
    "import": (("fhir", "aif"), "read a determination from another format"),
    "export": (("fhir", "aif"), "write a determination in another format"),
}


def version() -> str:
    """``toulmin X.Y.Z``: the installed distribution's version (pyproject's, its one source).

    The ``Version:`` line of the distribution's metadata file, read directly from the first
    entry of ``sys.path`` that holds one (as :mod:`importlib.metadata` would find it, whose
    import costs more than the rest of ``toulmin --version``); importlib.metadata when
    the file is not found there.

    >>> from importlib.metadata import version as distribution_version
    >>> version() == f"toulmin {distribution_version('toulmin')}"
    True
    """
    found = _metadata_version()
    if found is not None:
        return f"toulmin {found}"
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as distribution_version

    try:
        return f"toulmin {distribution_version('toulmin')}"
    except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
        return "toulmin 0+unknown"


def _metadata_version() -> str | None:
    import glob
    import os

    for entry in sys.path:
        base = entry or os.curdir
        files = glob.glob(os.path.join(glob.escape(base), "toulmin-*.dist-info", "METADATA"))
        files += glob.glob(os.path.join(glob.escape(base), "toulmin.egg-info", "PKG-INFO"))
        if len(files) > 1:
            return None  # several copies side by side: let importlib.metadata choose
        if files:
            with open(files[0], encoding="utf-8") as metadata:
                for line in metadata:
                    if line.startswith("Version:"):
                        return line.split(":", 1)[1].strip()
                    if not line.strip():
                        break
            return None
    return None


class _Version(argparse.Action):
    """``--version``: like argparse's own, but the version is read only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        _namespace: argparse.Namespace,
        _values: object,
        _option_string: str | None = None,
    ) -> None:
        print(version())
        parser.exit()


def _chosen(argv: Sequence[str]) -> str | None:
    """The command word of a command line: its first argument that is not an option."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """Build the argument parser.

    Parameters
    ----------
    argv : sequence of str, optional
        The command line the parser is for: only the module of its command is imported
        and registered, the other commands are listed by name and help. Without it
        (None), every registered module is imported and registered.
    """
    parser = argparse.ArgumentParser(
        prog="toulmin",
        description="Medical-necessity determinations as structured arguments.",
    )
    parser.add_argument("--version", action=_Version, help="show program's version number and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    word = None if argv is None else _chosen(argv)
    registered = [
        name
        for name in COMMAND_MODULES
        if argv is None or (word in COMMANDS and name in COMMANDS[word][0])
    ]
    for name in registered:
        importlib.import_module(f"toulmin.commands.{name}").register(sub)
    if argv is not None:
        for command, (modules, text) in COMMANDS.items():
            if command not in sub.choices and any(m in COMMAND_MODULES for m in modules):
                sub.add_parser(command, help=text, add_help=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(arguments)
    args = parser.parse_args(arguments)
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
