"""The shared ``import`` and ``export`` command groups, one sub-command per format.

Format modules (``aif``, ``fhir``, ...) call :func:`import_parser` / :func:`export_parser`
to get the group's sub-parsers, created on first use, and add their format to it.
"""

from __future__ import annotations

import argparse

__all__ = ["export_parser", "import_parser"]

_HELP = {
    "import": "read another format (AIF, ...) into case files",
    "export": "write a determination in another format (AIF, ...)",
}


def _group(sub: argparse._SubParsersAction, name: str) -> argparse._SubParsersAction:  # type: ignore[type-arg,unused-ignore]
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, help=_HELP[name], description=_HELP[name])
        formats = parser.add_subparsers(dest="format", metavar="FORMAT", required=True)
        parser.set_defaults(_formats=formats)
    formats_action: argparse._SubParsersAction = parser.get_default("_formats")  # type: ignore[type-arg,unused-ignore]
    return formats_action


def import_parser(sub: argparse._SubParsersAction) -> argparse._SubParsersAction:  # type: ignore[type-arg,unused-ignore]
    """The sub-parsers of ``toulmin import`` (one per format), creating the group."""
    return _group(sub, "import")


def export_parser(sub: argparse._SubParsersAction) -> argparse._SubParsersAction:  # type: ignore[type-arg,unused-ignore]
    """The sub-parsers of ``toulmin export`` (one per format), creating the group."""
    return _group(sub, "export")
