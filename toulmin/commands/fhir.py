"""``toulmin import fhir BUNDLE... [-o CASE.yaml]`` and ``toulmin export fhir CASE -o FILE``.

Import reads Da Vinci PAS request and response bundles into a case-file skeleton
(:mod:`toulmin.graph.fhir.reader`) and prints the import report on standard error; a bad
bundle is an error (exit 2) and nothing is written. Export writes the PAS ClaimResponse
bundle of a determination (:mod:`toulmin.graph.fhir.writer`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from toulmin.commands.groups import group

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    """Add ``import fhir`` and ``export fhir``."""
    imp = group(sub, "import", "read a determination from another format").add_parser(
        "fhir", help="Da Vinci PAS request/response bundles (FHIR R4 JSON) -> a case file"
    )
    imp.add_argument("bundles", type=Path, nargs="+", metavar="BUNDLE")
    imp.add_argument("-o", "--output", type=Path, help="the case file (default: standard output)")
    imp.set_defaults(func=_import)

    exp = group(sub, "export", "write a determination in another format").add_parser(
        "fhir", help="a case as a Da Vinci PAS ClaimResponse bundle (FHIR R4 JSON)"
    )
    exp.add_argument("case", type=Path, metavar="CASE", help="case file (YAML) or RDF file")
    exp.add_argument(
        "--det", metavar="ID", help="the determination, when an RDF file holds several"
    )
    exp.add_argument("-o", "--output", type=Path, required=True, help="the response bundle")
    exp.set_defaults(func=_export)


def _import(args: argparse.Namespace) -> int:
    import yaml

    from toulmin.graph.authoring.casefile import parse_case
    from toulmin.graph.fhir.reader import import_bundles

    case, report = import_bundles(args.bundles)
    text = "# yaml-language-server: $schema=https://w3id.org/toulmin/schema/case-1.json\n"
    text += "# Imported by toulmin import fhir; see the report for what is left to the reviewer.\n"
    text += yaml.safe_dump(case, sort_keys=False, allow_unicode=True, width=100)
    parse_case(text, str(args.output or "<import>"))  # the skeleton must load as written
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    print(report.text(), file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    from toulmin.graph.fhir.writer import claim_response_bundle
    from toulmin.graph.rdf.read import read_determination

    det = read_determination(args.case, args.det)
    bundle = claim_response_bundle(det)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(bundle, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0
