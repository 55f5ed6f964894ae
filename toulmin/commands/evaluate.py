"""``toulmin evaluate | explain | flip``: acceptability, explanations, what would flip it.

Examples
--------
``toulmin evaluate examples/l4-5-revision.yaml`` prints the label of the main
claim, of each service line's claim and of every node, with its reason;
``--json`` prints the same as JSON, ``--rdf trig`` the derived named graph.
``toulmin explain CASE c-63042`` draws why ``c-63042`` has its label, down to the
citations. ``toulmin flip CASE`` lists the minimal sets of premises, sources or
answers whose defeat would take the main claim out of ``in``.

Every command reads one case file (YAML) or one determination as RDF (Turtle,
TriG, N-Quads, N-Triples, JSON-LD) with
:func:`toulmin.graph.rdf.read.read_determination`, and prints what the library
renders (:mod:`toulmin.graph.argument.render`,
:func:`toulmin.graph.argument.explain.render_explanation`). A bad claim id, semantics
or policy exits with status 2 and says what is allowed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from rich.console import Console

from toulmin.errors import BadInputError
from toulmin.graph.af.semantics import SEMANTICS
from toulmin.graph.rdf.read import read_determination

__all__ = ["register"]


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("case", type=Path, metavar="CASE", help="case file (YAML) or RDF file")
    p.add_argument(
        "--uncited",
        default="undecided",
        metavar="POLICY",
        help="what a premise without citation is: undecided (default), out or assumed",
    )
    p.add_argument("--det", metavar="ID", help="the determination, when an RDF file holds several")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--width", type=int, default=None, help="line width (default: terminal or 120)")


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the ``evaluate``, ``explain`` and ``flip`` commands."""
    ev = sub.add_parser(
        "evaluate",
        help="label every statement, inference and conflict in / out / undecided",
        description=(
            "Evaluate the argument of a determination: grounded semantics by default, "
            "complete, preferred or stable on request (then each label is the skeptical "
            "label over all labellings, and the labellings are listed). Proof standards per "
            "statement as in Carneades."
        ),
    )
    _common(ev)
    ev.add_argument(
        "--semantics",
        default="grounded",
        metavar="NAME",
        help="grounded (default), complete, preferred or stable",
    )
    ev.add_argument(
        "--rdf",
        metavar="FORMAT",
        help="print the derived named graph instead (turtle, trig, nquads, ntriples, json-ld)",
    )
    ev.add_argument("-o", "--output", type=Path, help="write the output here")
    ev.add_argument(
        "--timestamp", action="store_true", help="record tlm:evaluatedAt (off: reproducible)"
    )
    ev.add_argument("--strict", action="store_true", help="exit 1 when the main claim is not in")
    ev.set_defaults(func=_evaluate)

    ex = sub.add_parser(
        "explain",
        help="why a claim (or any node) has its label, down to the citations",
    )
    _common(ex)
    ex.add_argument("claim", metavar="CLAIM", help="statement, inference or conflict id")
    ex.add_argument("--semantics", default="grounded", metavar="NAME")
    ex.add_argument("--depth", type=int, default=None, help="unfold at most this many levels")
    ex.set_defaults(func=_explain)

    fl = sub.add_parser(
        "flip",
        help="minimal sets of premises, sources or answers whose defeat would flip a claim",
        description=(
            "For a claim that is in: the minimal sets of premises, sources or answers whose "
            "defeat would take it out of in. For a claim that is not in: the minimal sets of "
            "attacks to answer (or uncited premises to establish) that would bring it in. "
            "Ranked by size; exhaustive up to the budget, then a beam search flagged as "
            "approximate. Grounded semantics."
        ),
    )
    _common(fl)
    fl.add_argument("--claim", help="statement id (default: the main claim)")
    fl.add_argument("--max-size", type=int, default=3, help="largest set searched (default 3)")
    fl.add_argument(
        "--budget",
        type=int,
        default=50_000,
        help="most evaluations for the exhaustive search (default 50000)",
    )
    fl.add_argument("--beam-width", type=int, default=64, help="beam width beyond the budget")
    fl.set_defaults(func=_flip)


# --- helpers ---------------------------------------------------------------------------


def _width_color(args: argparse.Namespace) -> tuple[int | None, bool]:
    """Line width and colour: the terminal's when printing to one, else 120 columns, plain."""
    tty = sys.stdout.isatty() and not getattr(args, "output", None)
    return args.width or (None if tty else 120), tty


def _emit(args: argparse.Namespace, text: str) -> None:
    output = getattr(args, "output", None)
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        print(f"wrote {output}", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _semantics(name: str) -> str:
    norm = name.strip().lower()
    aliases = {abbr.lower(): full for full, abbr in SEMANTICS.items()}
    norm = aliases.get(norm, norm)
    if norm not in SEMANTICS:
        raise BadInputError(f"unknown semantics '{name}'; choose one of {', '.join(SEMANTICS)}")
    return norm


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=False, ensure_ascii=False) + "\n"


# --- evaluate --------------------------------------------------------------------------


def _evaluate(args: argparse.Namespace) -> int:
    from toulmin.graph.argument.evaluate import evaluate
    from toulmin.graph.derived.evaluation import derived_graph

    det = read_determination(args.case, args.det)
    ev = evaluate(det, semantics=_semantics(args.semantics), uncited=args.uncited)
    if args.rdf:
        from toulmin.graph.rdf.serialize import serialize

        graph = derived_graph(ev, timestamp="now" if args.timestamp else None)
        _emit(args, serialize([graph], args.rdf))
    elif args.json:
        _emit(args, _dump(ev.to_dict()))
    else:
        from toulmin.graph.argument.render import render_evaluation

        width, color = _width_color(args)
        _emit(args, render_evaluation(ev, width=width, color=color))
    if args.strict and ev.main_label != "in":
        return 1
    return 0


# --- explain ---------------------------------------------------------------------------


def _explain(args: argparse.Namespace) -> int:
    from toulmin.graph.argument.evaluate import evaluate
    from toulmin.graph.argument.explain import explain, render_explanation

    det = read_determination(args.case, args.det)
    ev = evaluate(det, semantics=_semantics(args.semantics), uncited=args.uncited)
    tree = explain(ev, args.claim, depth=args.depth, sources={s.id: s.title for s in det.sources})
    if args.json:
        _emit(
            args,
            _dump(
                {
                    "determination": ev.determination,
                    "semantics": ev.semantics,
                    "uncited": ev.uncited,
                    "node": args.claim,
                    "label": ev.labels[args.claim],
                    "explanation": tree.to_dict(),
                }
            ),
        )
        return 0
    tty = sys.stdout.isatty()
    width = args.width or (Console().width if tty else 120)
    _emit(args, render_explanation(tree, width=width, color=tty))
    return 0


# --- flip ------------------------------------------------------------------------------


def _flip(args: argparse.Namespace) -> int:
    from toulmin.graph.argument.flip import flip

    det = read_determination(args.case, args.det)
    result = flip(
        det,
        args.claim,
        max_size=args.max_size,
        budget=args.budget,
        beam_width=args.beam_width,
        uncited=args.uncited,
    )
    if args.json:
        _emit(args, _dump(result.to_dict()))
        return 0
    from toulmin.graph.argument.render import render_flip

    width, color = _width_color(args)
    _emit(args, render_flip(result, width=width, color=color))
    return 0
