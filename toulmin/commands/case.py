"""``toulmin build | check | trace``: one determination at a time.

Each reads a case file (YAML) or a determination as RDF (Turtle, TriG, N-Quads,
N-Triples, JSON-LD; ``--det ID`` chooses one when the file holds several) through
:func:`toulmin.graph.rdf.read.read_determination`. ``check`` runs the SHACL shapes and
the OWL consistency check of :func:`toulmin.ontology.reasoning.check_consistency` (HermiT's
cached verdict on the ontology and a model check of the case, HermiT when that shows
nothing); ``check --hermit`` runs HermiT on every case.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from toulmin.errors import ToulminError
from toulmin.graph.rdf.read import read_determination
from toulmin.graph.rdf.serialize import FORMATS

__all__ = ["register"]

_CASE_HELP = "case file (YAML) or RDF file (.ttl, .trig, .nq, .nt, .jsonld)"


def _det_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--det", metavar="ID", help="the determination, when an RDF file holds several")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    """Add the ``build``, ``check`` and ``trace`` commands."""
    build = sub.add_parser("build", help="compile a case file to RDF")
    build.add_argument("case", type=Path, metavar="CASE", help=_CASE_HELP)
    build.add_argument("-o", "--output", type=Path, help="write here instead of standard output")
    build.add_argument("--format", choices=sorted(FORMATS), default="turtle")
    _det_option(build)
    build.set_defaults(func=_build)

    check = sub.add_parser(
        "check", help="check case files: SHACL closed-world rules and OWL consistency (HermiT)"
    )
    check.add_argument("cases", type=Path, nargs="+", metavar="CASE", help=_CASE_HELP)
    _det_option(check)
    check.add_argument(
        "--no-owl", action="store_true", help="skip the OWL reasoner (no Java runtime needed)"
    )
    check.add_argument(
        "--hermit",
        action="store_true",
        help="run HermiT on every case (slow: no cached verdict on the ontology, no model check)",
    )
    check.set_defaults(func=_check)

    trace = sub.add_parser("trace", help="the argument as a tree, from a claim down to citations")
    trace.add_argument("case", type=Path, metavar="CASE", help=_CASE_HELP)
    _det_option(trace)
    trace.add_argument("--claim", help="statement id to start from (default: the main claim)")
    trace.add_argument("--width", type=int, default=None, help="line width (default: terminal)")
    trace.set_defaults(func=_trace)


def _build(args: argparse.Namespace) -> int:
    from toulmin.graph.rdf.compile import compile_determination
    from toulmin.graph.rdf.serialize import serialize

    det = read_determination(args.case, args.det)
    text = serialize([compile_determination(det)], args.format)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _check(args: argparse.Namespace) -> int:
    from toulmin.graph.rdf.check import check_determination

    worst = 0
    for path in args.cases:
        try:
            det = read_determination(path, args.det)
        except ToulminError as err:
            print(f"{path}: cannot be checked:\n{err}", file=sys.stderr)
            worst = max(worst, err.exit_code)
            continue
        reasoner = "hermit" if args.hermit else "auto"
        report = check_determination(det, owl=not args.no_owl, reasoner=reasoner)
        if report.ok:
            print(f"{path}: ok ({report.summary()})")
        else:
            worst = max(worst, 1)
            print(f"{path}: {report.summary()}")
            for line in report.lines():
                print(f"  {line}")
    return worst


def _trace(args: argparse.Namespace) -> int:
    from toulmin.graph.argument.trace import render_trace

    det = read_determination(args.case, args.det)
    width = args.width or (None if sys.stdout.isatty() else 120)
    text = render_trace(det, args.claim, width=width or 120, color=sys.stdout.isatty())
    print(text)
    return 0
