"""The main job, end to end, on the flagship example (``make demo``).

It builds the case file to RDF, checks it (SHACL and OWL), prints the argument as
a tree, evaluates it (labels and what would flip it), and draws the map and the
appeal brief, writing every artefact under the output folder.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape

from toulmin.cli import main
from toulmin.errors import BadInputError
from toulmin.graph.argument.trace import trace_tree
from toulmin.graph.authoring.casefile import load_case
from toulmin.graph.rdf.check import check_determination
from toulmin.graph.rdf.compile import compile_determination
from toulmin.graph.rdf.serialize import serialize

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

    report = check_determination(det, owl=owl)
    console.rule("check")
    say(f"{path}: {'ok' if report.ok else 'VIOLATIONS'} ({report.summary()})")
    for line in report.lines():
        say(f"  {line}")

    console.rule("trace")
    console.print(trace_tree(det))

    # The remaining steps are the commands themselves, so the demo shows what they print.
    derived = out / f"{det.id}.derived.ttl"
    steps: list[tuple[str, list[str]]] = [
        ("evaluate (grounded)", ["evaluate", str(path)]),
        ("derived graph", ["evaluate", str(path), "--rdf", "turtle", "-o", str(derived)]),
        ("what would flip it", ["flip", str(path)]),
        ("map", ["viz", str(path), "-o", str(out / f"{det.id}.map.html")]),
        ("brief (Markdown)", ["brief", str(path), "-o", str(out / f"{det.id}.brief.md")]),
        ("brief (HTML)", ["brief", str(path), "-o", str(out / f"{det.id}.brief.html")]),
    ]
    worst = 0 if report.ok else 1
    for title, argv in steps:
        console.rule(title)
        worst = max(worst, main(argv))

    console.rule("written")
    for artefact in sorted(out.glob(f"{det.id}*")):
        say(f"  {artefact}")
    return worst
