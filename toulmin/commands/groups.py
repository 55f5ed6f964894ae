"""Command groups shared by several command modules: ``toulmin import FORMAT``, ``export FORMAT``.

A module that adds a format calls :func:`group` with the group's name and adds its own
parser to the returned sub-parsers; the first caller creates the group, the others reuse
it, so ``import fhir`` and a later ``import aif`` live in separate modules. May import
nothing from toulmin.

Examples
--------
>>> import argparse
>>> top = argparse.ArgumentParser(prog="t").add_subparsers(dest="command")
>>> group(top, "import", "read other formats") is group(top, "import", "read other formats")
True
"""

from __future__ import annotations

import argparse

__all__ = ["group"]

_ATTRIBUTE = "_toulmin_formats"


def group(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg,unused-ignore]
    name: str,
    help: str,
) -> argparse._SubParsersAction:  # type: ignore[type-arg,unused-ignore]
    """The sub-parsers of the command group ``name``, created on first use."""
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, help=help)
        formats = parser.add_subparsers(dest="format", metavar="FORMAT", required=True)
        setattr(parser, _ATTRIBUTE, formats)
    formats_action: argparse._SubParsersAction = getattr(parser, _ATTRIBUTE)  # type: ignore[type-arg,unused-ignore]
    return formats_action
