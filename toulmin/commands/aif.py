"""``toulmin import aif`` and ``toulmin export aif``: AIF nodesets in and out.

Examples
--------
``toulmin import aif nodeset141.json -o cases/`` writes ``cases/nodeset141.yaml`` (a case
file every command reads) and ``cases/nodeset141.aif.json`` (the sidecar with what AIF
has and a case file cannot hold). ``toulmin export aif cases/nodeset141.yaml -o out.json``
writes the nodeset back, using the sidecar next to the case file when there is one.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from toulmin.commands.groups import group
from toulmin.errors import BadInputError, CaseFileError, Problem
from toulmin.graph.aif import export_aif, load_aif
from toulmin.graph.rdf.read import read_determination

__all__ = ["register", "sidecar_path"]

_IMPORT_HELP = "read another format (AIF, FHIR) into case files"
_EXPORT_HELP = "write a determination in another format (AIF, FHIR)"


def sidecar_path(case: Path) -> Path:
    """Where the sidecar of a case file lives: ``NAME.aif.json`` beside ``NAME.yaml``.

    >>> sidecar_path(Path("cases/nodeset141.yaml")).as_posix()
    'cases/nodeset141.aif.json'
    """
    return case.with_name(case.stem + ".aif.json")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    """Add ``import aif`` and ``export aif``."""
    imp = group(sub, "import", _IMPORT_HELP).add_parser(
        "aif",
        help="AIF JSON (AIFdb, OVA3 xAIF) to case files",
        description=(
            "Import AIF nodesets: I-nodes become statements, RA inferences, CA conflicts, PA "
            "preferences. Each FILE gives NAME.yaml (outcome pended: AIF has no decision) and "
            "NAME.aif.json, the sidecar with dialogue nodes, locutions and original ids. "
            "Warnings go to stderr; a file with a problem is reported and skipped."
        ),
    )
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE", help="AIF JSON files")
    imp.add_argument("-o", "--output", type=Path, default=Path("."), help="folder (default: here)")
    imp.set_defaults(func=_import)

    exp = group(sub, "export", _EXPORT_HELP).add_parser(
        "aif",
        help="a determination as AIF JSON (opens in OVA3)",
        description=(
            "Export a determination as an AIF nodeset. What AIF cannot say (citations, "
            "weights, sources, services, criteria) goes in the 'toulmin' extension key."
        ),
    )
    exp.add_argument("case", type=Path, metavar="CASE", help="case file (YAML) or RDF file")
    exp.add_argument("-o", "--output", type=Path, help="the JSON file (default: stdout)")
    exp.add_argument(
        "--sidecar", type=Path, help="the import's sidecar (default: CASE's NAME.aif.json, if any)"
    )
    exp.set_defaults(func=_export)


def _import(args: argparse.Namespace) -> int:
    problems: list[Problem] = []
    args.output.mkdir(parents=True, exist_ok=True)
    for file in args.files:
        try:
            result = load_aif(file)
        except CaseFileError as err:
            problems.extend(err.problems)
            continue
        for warning in result.report.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        case = args.output / f"{file.stem}.yaml"
        case.write_text(result.case_yaml(), encoding="utf-8")
        sidecar_path(case).write_text(
            json.dumps(result.sidecar, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        print(case)
    if problems:
        raise CaseFileError(problems)
    return 0


def _export(args: argparse.Namespace) -> int:
    det = read_determination(args.case)
    side_file = args.sidecar or sidecar_path(args.case)
    sidecar = None
    if side_file.exists():
        try:
            sidecar = json.loads(side_file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as err:
            raise BadInputError(f"{side_file}: not a readable sidecar: {err}") from None
    elif args.sidecar is not None:
        raise BadInputError(f"{side_file}: no such sidecar file")
    text = json.dumps(export_aif(det, sidecar), ensure_ascii=False, indent=1) + "\n"
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        print(args.output)
    return 0
