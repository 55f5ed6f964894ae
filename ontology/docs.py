"""The ontology reference (``docs/ontology/index.html``), generated from ``toulmin.ttl``.

pyLODE renders the page. The output is made deterministic (the same ontology always gives
the same bytes): pyLODE writes no timestamp, but it lists the members of a union class
(``tlm:Statement or tlm:Inference``) from a Python set of HTML elements, whose order
changes from run to run; they are sorted here.

Usage::

    python -m toulmin.ontology.docs            # regenerate docs/ontology/index.html
    python -m toulmin.ontology.docs --check    # exit 1 if the committed page is out of date

Examples
--------
>>> html = render_html()
>>> "tlm:Statement" in html or "Statement" in html
True
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.metadata
import logging
import sys
import types
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from toulmin.errors import MissingToolError, ToulminError
from toulmin.ontology.validate import ONTOLOGY_PATH

__all__ = ["DEFAULT_OUTPUT", "check_docs", "main", "render_html", "write_docs"]

#: Where the page is committed (in a source checkout).
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "ontology" / "index.html"

_REGENERATE = "python -m toulmin.ontology.docs"


@contextlib.contextmanager
def _quiet_root_logger() -> Iterator[None]:
    # pyLODE calls logging.basicConfig(level=DEBUG) when imported; undo it.
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        yield
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)


def _import_pylode() -> Any:
    """Import pyLODE, working around its 3.4.1 wheel.

    pyLODE 3.4.1 reads its version from a ``pyproject.toml`` that its wheel does not ship
    (RDFLib/pyLODE#260, fixed upstream); give it the installed version instead.
    """
    with _quiet_root_logger():
        try:
            return importlib.import_module("pylode")
        except FileNotFoundError:
            stub = types.ModuleType("pylode.version")
            stub.__version__ = importlib.metadata.version("pylode")  # type: ignore[attr-defined]
            sys.modules["pylode.version"] = stub
            return importlib.import_module("pylode")
        except ImportError as error:
            raise MissingToolError(
                "generating the ontology reference needs pyLODE: "
                "run `make install` (or `.venv/bin/pip install pylode`)."
            ) from error


@contextlib.contextmanager
def _sorted_unions(pylode_utils: Any) -> Iterator[None]:
    original = pylode_utils.intersperse

    def intersperse(items: Any, separator: Any) -> Any:
        if isinstance(items, set | frozenset):
            items = sorted(items, key=str)
        return original(items, separator)

    pylode_utils.intersperse = intersperse
    try:
        yield
    finally:
        pylode_utils.intersperse = original


def render_html(ontology: Path = ONTOLOGY_PATH) -> str:
    """Render the ontology reference page with pyLODE.

    Parameters
    ----------
    ontology : pathlib.Path
        The ontology in Turtle (the packaged ``toulmin.ttl`` by default).

    Returns
    -------
    str
        The HTML page, ending with a newline; the same ontology gives the same text.

    Raises
    ------
    MissingToolError
        pyLODE is not installed.
    """
    pylode = _import_pylode()
    utils = importlib.import_module("pylode.utils")
    with _quiet_root_logger(), _sorted_unions(utils):
        html: str = pylode.OntPub(ontology=str(ontology), sort_subjects=True).make_html()
    html = html.replace("\r\n", "\n")
    return html if html.endswith("\n") else html + "\n"


def write_docs(output: Path = DEFAULT_OUTPUT, ontology: Path = ONTOLOGY_PATH) -> Path:
    """Write the reference page to ``output`` (creating its folder); return the path."""
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_html(ontology), encoding="utf-8", newline="\n")
    return output


def check_docs(output: Path = DEFAULT_OUTPUT, ontology: Path = ONTOLOGY_PATH) -> bool:
    """Whether ``output`` holds exactly the page that ``ontology`` renders to."""
    if not output.is_file():
        return False
    return output.read_text(encoding="utf-8") == render_html(ontology)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: regenerate the page, or ``--check`` that it is up to date.

    Returns 0 when written or up to date, 1 when ``--check`` finds the page out of date,
    2 when the page cannot be made (pyLODE missing, unreadable ontology).
    """
    parser = argparse.ArgumentParser(
        prog=_REGENERATE, description="Generate the ontology reference with pyLODE."
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if the page differs from what the ontology renders to",
    )
    parser.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT, help=f"default: {DEFAULT_OUTPUT}"
    )
    parser.add_argument(
        "--ontology", type=Path, default=ONTOLOGY_PATH, help=f"default: {ONTOLOGY_PATH}"
    )
    args = parser.parse_args(argv)
    try:
        if args.check:
            if check_docs(args.output, args.ontology):
                print(f"{args.output} is up to date")
                return 0
            print(
                f"{args.output} is out of date with {args.ontology}: run `{_REGENERATE}` "
                "and commit the result",
                file=sys.stderr,
            )
            return 1
        print(f"wrote {write_docs(args.output, args.ontology)}")
        return 0
    except ToulminError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
