"""The examples in docstrings and documents run: every module of ``toulmin``, README.md, docs/.

The modules are found by walking the installed package, so a new module is checked
without being listed here, and one without examples is noticed: it must be on
:data:`WITHOUT_EXAMPLES`, a list that may only shrink (a module that gains examples
must leave it, or the test fails). Examples that need Java or start a server carry the
same marker as the tests that do (see ``markers`` in pyproject.toml).

Each example runs in a scratch folder holding a copy of examples/, so that the
``examples/...`` paths they use resolve and whatever they write stays out of the
repository. In Markdown, code fences are blanked before parsing, so that a closing
fence is not read as expected output.
"""

from __future__ import annotations

import doctest
import importlib
import os
import pkgutil
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import toulmin
from tests.helpers.paths import EXAMPLES, ROOT

OPTIONS = doctest.ELLIPSIS

MODULES = sorted(m.name for m in pkgutil.walk_packages(toulmin.__path__, "toulmin."))

#: Modules whose docstrings have no example yet (package indexes, thin commands, modules
#: whose work needs a store on disk or a process pool). May only shrink.
WITHOUT_EXAMPLES = frozenset(
    {
        "toulmin.commands",
        "toulmin.commands.assess",
        "toulmin.commands.case",
        "toulmin.commands.demo",
        "toulmin.commands.evaluate",
        "toulmin.commands.fhir",
        "toulmin.commands.query",
        "toulmin.commands.solve",
        "toulmin.commands.store",
        "toulmin.commands.viz",
        "toulmin.demo",
        "toulmin.graph",
        "toulmin.graph.af",
        "toulmin.graph.aif",
        "toulmin.graph.argument",
        "toulmin.graph.argument.reasoner",
        "toulmin.graph.argument.reasons",
        "toulmin.graph.authoring",
        "toulmin.graph.criteria",
        "toulmin.graph.derived",
        "toulmin.graph.fhir",
        "toulmin.graph.rdf",
        "toulmin.graph.store",
        "toulmin.graph.store.bulk",
        "toulmin.graph.store.disk",
        "toulmin.graph.store.pool",
        "toulmin.graph.store.transactions",
        "toulmin.graph.store.writers",
        "toulmin.ontology",
        "toulmin.queries",
        "toulmin.schema",
        "toulmin.viz",
    }
)

#: Modules whose examples need Java or start a server: the marker of the tests that do.
MARKS = {"toulmin.ontology.reasoning": "java", "toulmin.graph.store.servers": "server"}
#: External programs they need: command, how to install it.
TOOLS = {"toulmin.ontology.reasoning": ("java", "make java (HermiT needs a Java runtime)")}

DOCUMENTS = sorted(
    [ROOT / "README.md", *ROOT.glob("docs/**/*.md")], key=lambda p: p.relative_to(ROOT)
)

FENCE = re.compile(r"^[ \t]*(```|~~~).*$", re.MULTILINE)


def _param(name: str) -> object:
    marks = [getattr(pytest.mark, MARKS[name])] if name in MARKS else []
    return pytest.param(name, marks=marks, id=name)


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with a copy of examples/, made the current directory."""
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_walk_finds_every_module_file() -> None:
    """Each .py file of the package is one module name (pkgutil follows the symlinks)."""
    package = ROOT / "toulmin"
    files = [
        Path(folder, file).relative_to(package).with_suffix("")
        for folder, _, names in os.walk(package, followlinks=True)
        for file in names
        if file.endswith(".py")
    ]
    named = {".".join(("toulmin", *f.parts)).removesuffix(".__init__") for f in files}
    assert named == {"toulmin", *MODULES}
    assert set(MARKS) | set(TOOLS) <= set(MODULES)
    assert set(MODULES) >= WITHOUT_EXAMPLES


@pytest.mark.parametrize("name", [_param(name) for name in MODULES])
def test_module_examples_run(
    name: str, scratch: Path, need_tool: Callable[[str, str], str]
) -> None:
    if name in TOOLS:
        need_tool(*TOOLS[name])
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=OPTIONS, report=True)
    assert result.failed == 0, f"{name}: {result.failed} example(s) failed (printed above)"
    if name in WITHOUT_EXAMPLES:
        assert result.attempted == 0, f"{name} has examples now: take it off WITHOUT_EXAMPLES"
    else:
        assert result.attempted > 0, f"{name} has no example: write one (or list it)"


def test_package_examples_run(scratch: Path) -> None:
    """The package's own docstring (``import toulmin``)."""
    result = doctest.testmod(toulmin, optionflags=OPTIONS, report=True)
    assert result.failed == 0
    assert result.attempted > 0


@pytest.mark.parametrize("path", DOCUMENTS, ids=[str(p.relative_to(ROOT)) for p in DOCUMENTS])
def test_document_examples_run(path: Path, scratch: Path) -> None:
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    test = doctest.DocTestParser().get_doctest(text, {}, path.name, str(path), 0)
    runner = doctest.DocTestRunner(optionflags=OPTIONS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{path.relative_to(ROOT)}: {result.failed} example(s) failed"


def test_a_closing_fence_is_not_expected_output(tmp_path: Path) -> None:
    """The fence blanking is what lets a Markdown example end with its output line."""
    page = "Text.\n\n```python\n>>> 1 + 1\n2\n```\n\nMore text.\n"
    plain = doctest.DocTestParser().get_doctest(page, {}, "page", "page.md", 0)
    assert plain.examples[0].want == "2\n```\n"
    blanked = doctest.DocTestParser().get_doctest(FENCE.sub("", page), {}, "page", "page.md", 0)
    assert blanked.examples[0].want == "2\n"
