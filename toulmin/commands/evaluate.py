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
TriG, N-Quads, N-Triples, JSON-LD). A bad claim id, semantics or policy exits
with status 2 and says what is allowed.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from toulmin.errors import BadInputError
from toulmin.graph.authoring.model import Determination
from toulmin.graph.authoring.wording import counted

__all__ = ["load_determination", "register"]

_RDF_SUFFIXES = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
}
_STYLE = {"in": "bold green", "out": "bold red", "undecided": "bold yellow"}


def load_determination(path: Path, det: str | None = None) -> Determination:
    """Read a case file, or a determination from an RDF file (by suffix).

    Raises
    ------
    BadInputError
        When the file cannot be read or parsed, or holds no single determination.
    """
    from toulmin.graph.authoring.casefile import load_case

    fmt = _RDF_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        return load_case(path)
    from rdflib import Dataset, Graph

    from toulmin.graph.rdf.decompile import decompile

    ds = Dataset()
    try:
        ds.parse(path, format=fmt)
    except Exception as err:  # rdflib raises many kinds
        raise BadInputError(f"{path}: cannot read RDF ({fmt}): {err}") from None
    graph = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        graph.add((s, p, o))
    try:
        return decompile(graph, det)
    except BadInputError as err:
        raise BadInputError(f"{path}: {err} (choose one with --det ID)") from None


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


def _console(args: argparse.Namespace, buffer: io.StringIO) -> Console:
    tty = sys.stdout.isatty() and not getattr(args, "output", None)
    width = args.width or (None if tty else 120)
    return Console(file=buffer, width=width, force_terminal=tty, no_color=not tty, highlight=False)


def _emit(args: argparse.Namespace, text: str) -> None:
    output = getattr(args, "output", None)
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        print(f"wrote {output}", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _semantics(name: str) -> str:
    from toulmin.graph.argument.evaluate import SEMANTICS

    norm = name.strip().lower()
    aliases = {"gr": "grounded", "co": "complete", "pr": "preferred", "st": "stable"}
    norm = aliases.get(norm, norm)
    if norm not in SEMANTICS:
        raise BadInputError(f"unknown semantics '{name}'; choose one of {', '.join(SEMANTICS)}")
    return norm


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=False, ensure_ascii=False) + "\n"


def _label(label: str | None) -> str:
    if label is None:
        return ""
    return f"[{_STYLE.get(label, 'white')}]{label.upper()}[/]"


# --- evaluate --------------------------------------------------------------------------


def _evaluate(args: argparse.Namespace) -> int:
    from toulmin.graph.argument.evaluate import evaluate
    from toulmin.graph.argument.standards import describe
    from toulmin.graph.derived.evaluation import derived_graph

    det = load_determination(args.case, args.det)
    ev = evaluate(det, semantics=_semantics(args.semantics), uncited=args.uncited)
    if args.rdf:
        from toulmin.graph.rdf.serialize import serialize

        graph = derived_graph(ev, timestamp="now" if args.timestamp else None)
        _emit(args, serialize([graph], args.rdf))
    elif args.json:
        _emit(args, _dump(ev.to_dict()))
    else:
        buffer = io.StringIO()
        console = _console(args, buffer)
        console.print(
            f"[bold]{escape(ev.determination)}[/]: {escape(ev.semantics)} semantics; "
            f"{escape(describe(ev.standard))}; uncited premises: {ev.uncited}"
        )
        console.print(f"[dim]{escape(ev.note)}[/]")
        console.print(f"main claim {escape(ev.main_claim)}: {_label(ev.main_label)}")
        for service, claim in ev.claims:
            console.print(f"  {escape(service)} -> {escape(claim)}: {_label(ev.labels[claim])}")
        if ev.semantics != "grounded":
            for k, ext in enumerate(ev.extensions(), start=1):
                console.print(f"  labelling {k}: in = {{{escape(', '.join(ext))}}}")
        table = Table(show_header=True, header_style="bold", expand=False)
        table.add_column("node", no_wrap=True)
        table.add_column("kind")
        table.add_column("label")
        table.add_column("reason")
        order = {"statement": 0, "inference": 1, "conflict": 2}
        for node in sorted(ev.labels, key=lambda n: (order[ev.kinds[n]], n)):
            table.add_row(
                escape(node),
                ev.kinds[node],
                _label(ev.labels[node]),
                escape(ev.reasons[node].text),
            )
        console.print(table)
        _emit(args, buffer.getvalue())
    if args.strict and ev.main_label != "in":
        return 1
    return 0


# --- explain ---------------------------------------------------------------------------


def _explain(args: argparse.Namespace) -> int:
    from toulmin.graph.argument.evaluate import evaluate
    from toulmin.graph.argument.explain import explain, render_explanation

    det = load_determination(args.case, args.det)
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

    det = load_determination(args.case, args.det)
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
    buffer = io.StringIO()
    console = _console(args, buffer)
    goal = "take it out of in" if result.mode == "defeat" else "bring it in"
    console.print(
        f"[bold]{escape(result.determination)}[/]: claim {escape(result.claim)} is "
        f"{_label(result.label)} (grounded); minimal sets that would {goal}:"
    )
    console.print(f"[dim]{escape(result.note)}[/]")
    if not result.sets:
        console.print("  (none)")
    for k, fs in enumerate(result.sets, start=1):
        flag = "" if fs.exact else " [yellow](approximate search)[/]"
        console.print(
            f"{k:>3}. size {fs.size}: {escape(', '.join(fs.ids))} -> "
            f"{escape(result.claim)} {_label(fs.label)}; "
            f"{counted(len(fs.changed), 'statement')} "
            f"{'changes' if len(fs.changed) == 1 else 'change'}{flag}"
        )
        for lever in fs.levers:
            console.print(f"       - {escape(lever.text)}")
    _emit(args, buffer.getvalue())
    return 0
