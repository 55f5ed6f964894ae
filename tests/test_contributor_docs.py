"""The contributor docs name what exists: files, modules, names and the layer order.

CONTRIBUTING.md and docs/architecture.md tell a new maintainer where things are; a file
moved, a module renamed or a layer added without them is caught here. The links of
README.md and CHANGELOG.md are checked too, and the changelog's sections against the
version pyproject.toml declares.
"""

from __future__ import annotations

import ast
import importlib
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUIDES = [ROOT / "CONTRIBUTING.md", ROOT / "docs" / "architecture.md"]
LINKED = [*GUIDES, ROOT / "README.md", ROOT / "CHANGELOG.md"]
#: Source folders whose dotted names in the docs stand for ``toulmin.<folder>``.
SHORT_PREFIXES = ("graph.", "queries.", "viz.", "ontology.")
FILE_SUFFIXES = (".toml", ".ttl", ".md", ".py", ".json", ".yaml", ".rq")
CODE = re.compile(r"`([^`\s]+)`")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def code_spans(path: Path) -> list[str]:
    return CODE.findall(path.read_text("utf-8"))


def heading_anchors(path: Path) -> set[str]:
    """GitHub's anchors of a Markdown file's headings."""
    anchors = set()
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("#") and line.lstrip("#").startswith(" "):
            text = line.lstrip("#").strip().lower()
            anchors.add(re.sub(r"[^\w\- ]", "", text).replace(" ", "-"))
    return anchors


@pytest.mark.parametrize("doc", LINKED, ids=[p.name for p in LINKED])
def test_relative_links_reach_a_file_and_heading(doc: Path) -> None:
    broken = []
    for target in LINK.findall(doc.read_text("utf-8")):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        file, _, anchor = target.partition("#")
        path = (doc.parent / file).resolve() if file else doc
        no_heading = anchor and path.suffix == ".md" and anchor not in heading_anchors(path)
        if not path.exists() or no_heading:
            broken.append(target)
    assert broken == [], f"{doc.name}: links to nothing: {broken}"


def is_path(span: str) -> bool:
    placeholder = any(c in span for c in "<{*$:") or "NAME" in span or "ID@" in span
    return "/" in span and not placeholder and not span.startswith((".venv/", "../", "#"))


@pytest.mark.parametrize("doc", GUIDES, ids=[p.name for p in GUIDES])
def test_every_path_named_exists(doc: Path) -> None:
    paths = {span.rstrip(".,") for span in code_spans(doc) if is_path(span)}
    assert len(paths) > 10  # the check reads the spans it means to
    missing = sorted(p for p in paths if not (ROOT / p).exists())
    assert missing == [], f"{doc.name} names paths that do not exist: {missing}"


def resolves(dotted: str) -> bool:
    """Whether ``dotted`` is a module of toulmin or a name in one."""
    name = f"toulmin.{dotted}" if dotted.startswith(SHORT_PREFIXES) else dotted
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attr in parts[cut:]:
            if not hasattr(obj, attr):
                return False
            obj = getattr(obj, attr)
        return True
    return False


@pytest.mark.parametrize("doc", GUIDES, ids=[p.name for p in GUIDES])
def test_every_module_and_name_named_exists(doc: Path) -> None:
    dotted = {
        span
        for span in code_spans(doc)
        if re.fullmatch(r"[A-Za-z_][\w]*(\.[A-Za-z_]\w*)+", span)
        and span.startswith(("toulmin.", *SHORT_PREFIXES))
        and not span.endswith(FILE_SUFFIXES)
    }
    assert dotted  # the check reads the spans it means to
    unknown = sorted(d for d in dotted if not resolves(d))
    assert unknown == [], f"{doc.name} names modules or names that do not exist: {unknown}"


def test_the_resolver_can_say_no() -> None:
    assert resolves("toulmin.graph.rdf.vocabulary.LAYOUT")
    assert resolves("graph.derived.summaries.RULES")
    assert not resolves("toulmin.graph.rdf.vocabulary.NO_SUCH_TABLE")
    assert not resolves("graph.nowhere")


def layers_of_the_layer_test() -> list[tuple[str, ...]]:
    tree = ast.parse((ROOT / "tests" / "test_layers.py").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "LAYERS":
            assert node.value is not None
            layers: list[tuple[str, ...]] = ast.literal_eval(node.value)
            return layers
    raise AssertionError("tests/test_layers.py has no LAYERS")


def test_the_architecture_table_lists_the_layers_in_the_tests_order() -> None:
    rows = [
        line.split("|")
        for line in (ROOT / "docs" / "architecture.md").read_text("utf-8").splitlines()
        if re.match(r"\| \d+ \|", line)
    ]
    table = [tuple(n for n in CODE.findall(row[2]) if n != "__init__") for row in rows]
    expected = [
        tuple(p for p in layer if p != "toulmin.__main__") for layer in layers_of_the_layer_test()
    ]
    assert table == expected
    assert [int(row[1]) for row in rows] == list(range(1, len(rows) + 1))


def test_every_graph_subpackage_is_in_the_architecture_and_contributing() -> None:
    subpackages = sorted(p.parent.name for p in (ROOT / "graph").glob("*/__init__.py"))
    architecture = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    contributing = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    for name in subpackages:
        assert f"`toulmin.graph.{name}`" in architecture, name
        assert f"`{name}`" in contributing, name


def test_the_changelog_has_unreleased_and_the_declared_version() -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    headings = [
        line
        for line in (ROOT / "CHANGELOG.md").read_text("utf-8").splitlines()
        if line.startswith("## ")
    ]
    assert headings[0] == "## [Unreleased]"
    assert any(h.startswith(f"## [{version}] - ") for h in headings), headings
