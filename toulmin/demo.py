"""The main job, end to end, on the flagship example (``make demo``).

It builds the case file to RDF, checks it (SHACL and OWL), prints the argument as
a tree, evaluates it (labels and what would flip it), and draws the map and the
appeal brief, writing every artefact under the output folder. Every step calls the
library (:mod:`toulmin.api` and the renderers the commands print with), so it shows
what ``toulmin evaluate``, ``flip``, ``viz`` and ``brief`` print. Layer: the API's.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from toulmin.api import check, evaluate, flip, load_case
from toulmin.errors import BadInputError
from toulmin.graph.argument.render import render_evaluation, render_flip
from toulmin.graph.argument.trace import trace_tree
from toulmin.graph.derived.evaluation import derived_graph
from toulmin.graph.rdf.compile import compile_determination
from toulmin.graph.rdf.serialize import serialize
from toulmin.viz.brief import write_brief
from toulmin.viz.html import write_map

__all__ = ["FLAGSHIP", "run_demo"]

#: The flagship example, relative to a checkout.
FLAGSHIP = Path("examples") / "l4-5-revision.yaml"


def _find_case(case: Path | None) -> Path:
    if case is not None:
        return case
    for base in (Path.cwd(), Path(__file__).resolve().parent.parent):
        if (base / FLAGSHIP).is_file():
            return base / FLAGSHIP
    raise BadInputError(
        f"cannot find {FLAGSHIP}: run the demo from a checkout of toulmin, or pass --case FILE"
    )


def run_demo(out: Path, case: Path | None = None, *, owl: bool = True) -> int:
    """Run the demo; return 0 when the example checks clean, 1 otherwise."""
    console = Console(highlight=False)

    def say(line: str) -> None:
        # Plain lines carry paths: never wrap them (a path broken over two lines cannot be
        # copied or searched for) and never read brackets in them as markup.
        console.print(escape(line), soft_wrap=True)

    path = _find_case(case)
    det = load_case(path)
    out.mkdir(parents=True, exist_ok=True)
    asserted = compile_determination(det)
    turtle = out / f"{det.id}.ttl"
    turtle.write_text(serialize([asserted], "turtle"), encoding="utf-8")
    console.rule(f"[bold]{det.title}")
    say(f"built {path} -> {turtle} ({len(asserted)} triples)")

    report = check(det, owl=owl)
    console.rule("check")
    say(f"{path}: {'ok' if report.ok else 'VIOLATIONS'} ({report.summary()})")
    for line in report.lines():
        say(f"  {line}")

    console.rule("trace")
    console.print(trace_tree(det))

    # What `toulmin evaluate`, `flip`, `viz` and `brief` print, from the same renderers.
    tty = sys.stdout.isatty()
    width, color = (None if tty else 120), tty

    def wrote(artefact: Path) -> None:
        print(f"wrote {artefact}", file=sys.stderr)

    console.rule("evaluate (grounded)")
    ev = evaluate(det)
    sys.stdout.write(render_evaluation(ev, width=width, color=color))

    console.rule("derived graph")
    derived = out / f"{det.id}.derived.ttl"
    derived.write_text(serialize([derived_graph(ev)], "turtle"), encoding="utf-8")
    wrote(derived)

    console.rule("what would flip it")
    sys.stdout.write(render_flip(flip(ev), width=width, color=color))

    console.rule("map")
    wrote(write_map(det, out / f"{det.id}.map.html"))
    for suffix, title in ((".brief.md", "brief (Markdown)"), (".brief.html", "brief (HTML)")):
        console.rule(title)
        wrote(write_brief(det, out / f"{det.id}{suffix}"))

    console.rule("written")
    for artefact in sorted(out.glob(f"{det.id}*")):
        say(f"  {artefact}")
    return 0 if report.ok else 1
