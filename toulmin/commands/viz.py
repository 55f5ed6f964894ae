"""``toulmin viz | brief``: the interactive argument map and the appeal brief.

Both read a case file or RDF (:func:`toulmin.graph.rdf.read.read_determination`).

Examples
--------
``toulmin viz examples/l4-5-revision.yaml -o out/map.html`` writes one offline HTML
page; ``toulmin brief examples/l4-5-revision.yaml -o out/brief.md`` (or ``.html``)
writes the appeal brief, and without ``-o`` prints the Markdown.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from toulmin.graph.af.semantics import SEMANTICS
from toulmin.graph.authoring.model import Determination
from toulmin.graph.rdf.read import read_determination
from toulmin.viz._evaluation import VizEvaluation, evaluate_for_viz

__all__ = ["register"]

_CASE_HELP = "case file (YAML) or RDF file (.ttl, .trig, .nq, .nt, .jsonld)"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    """Add the ``viz`` and ``brief`` commands."""
    viz = sub.add_parser(
        "viz",
        help="the interactive argument map: one self-contained, offline HTML page",
        description=(
            "Draw a determination (case file or RDF) as an argument map: conclusion, service "
            "lines, criteria and claims down to findings and sources, with supports and "
            "attacks; hover for text and citations, click to trace. Acceptability labels are "
            "shown unless --no-labels."
        ),
    )
    viz.add_argument("case", type=Path, metavar="CASE", help=_CASE_HELP)
    viz.add_argument(
        "-o", "--output", type=Path, help="the HTML file (default: CASE-ID-map.html here)"
    )
    viz.add_argument(
        "--collapse-above",
        type=int,
        default=None,
        metavar="N",
        help="open on a collapsed overview (one box per service line) above N nodes (default: 400)",
    )
    _evaluation_options(viz)
    viz.set_defaults(func=_viz)

    brief = sub.add_parser(
        "brief",
        help="the appeal brief, as Markdown or HTML",
        description=(
            "Write the appeal brief of a determination (case file or RDF): per service line "
            "and for the setting, the decision, the criteria and the findings behind them, "
            "the evidence with citations and quotes, the counter-arguments and their answers, "
            "what is weak, and a numbered reference list."
        ),
    )
    brief.add_argument("case", type=Path, metavar="CASE", help=_CASE_HELP)
    brief.add_argument(
        "-o", "--output", type=Path, help="a .md or .html file (default: Markdown to stdout)"
    )
    brief.add_argument(
        "--format", choices=("md", "html"), help="overrides the format the file name implies"
    )
    _evaluation_options(brief)
    brief.set_defaults(func=_brief)


def _evaluation_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--det", metavar="ID", help="the determination, when an RDF file holds several")
    p.add_argument(
        "--semantics",
        choices=list(SEMANTICS),
        default="grounded",
        help="semantics for the acceptability labels (default: grounded)",
    )
    p.add_argument(
        "--no-labels",
        action="store_true",
        help="do not evaluate: draw without acceptability labels",
    )


def _evaluation(args: argparse.Namespace, det: Determination) -> VizEvaluation | bool | None:
    if args.no_labels:
        return False
    return evaluate_for_viz(det, semantics=args.semantics)


def _viz(args: argparse.Namespace) -> int:
    from toulmin.viz.html import DEFAULT_COLLAPSE_ABOVE, MapOptions, write_map

    det = read_determination(args.case, args.det)
    out = args.output or Path(f"{det.id}-map.html")
    collapse = args.collapse_above if args.collapse_above is not None else DEFAULT_COLLAPSE_ABOVE
    path = write_map(
        det,
        out,
        MapOptions(collapse_above=collapse),
        evaluation=_evaluation(args, det),
    )
    print(f"wrote {path}", file=sys.stderr)
    return 0


def _brief(args: argparse.Namespace) -> int:
    from toulmin.viz.brief import brief_html, brief_markdown, write_brief

    det = read_determination(args.case, args.det)
    ev = _evaluation(args, det)
    if args.output is None:
        fmt = args.format or "md"
        render = brief_markdown if fmt == "md" else brief_html
        sys.stdout.write(render(det, evaluation=ev))
        return 0
    path = write_brief(det, args.output, fmt=args.format, evaluation=ev)
    print(f"wrote {path}", file=sys.stderr)
    return 0
