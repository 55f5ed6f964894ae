"""Start-up: ``import toulmin`` and the command line load only what a command uses.

Each check runs in a fresh interpreter, so that what earlier tests imported does not
hide an import; the listing the CLI builds without importing the command modules is
compared with what the modules register themselves.
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import toulmin.cli as cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

#: what no start-up may import: the heavy libraries and the case-file reader
HEAVY = (
    "networkx",
    "numpy",
    "pyoxigraph",
    "owlready2",
    "rdflib",
    "pyshacl",
    "jsonschema",
    "rich",
    "yaml",
    "toulmin.graph.authoring.casefile",
)


def imported_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code``."""
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


@pytest.mark.parametrize("code", ["import toulmin", "import toulmin.cli", "import toulmin.errors"])
def test_importing_the_package_loads_no_heavy_library(code: str) -> None:
    modules = imported_after(code)
    assert "toulmin" in modules
    assert sorted(m for m in HEAVY if m in modules) == []


@pytest.mark.parametrize("argv", [["--help"], ["--version"], []])
def test_help_and_version_import_no_command_module(argv: list[str]) -> None:
    code = f"import toulmin.cli\ntry:\n    toulmin.cli.main({argv!r})\nexcept SystemExit:\n    pass"
    modules = imported_after(code)
    assert sorted(m for m in modules if m.startswith("toulmin.commands.")) == []
    assert sorted(m for m in HEAVY if m in modules) == []


def test_a_command_imports_its_own_module_only() -> None:
    code = "import toulmin.cli\ntoulmin.cli.build_parser(['solve', 'x.apx'])"
    modules = imported_after(code)
    assert sorted(m for m in modules if m.startswith("toulmin.commands.")) == [
        "toulmin.commands.solve"
    ]
    assert "rdflib" not in modules


def listing(parser: argparse.ArgumentParser) -> dict[str, str]:
    """The top-level commands of a parser and the help each is listed with."""
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {choice.dest: str(choice.help) for choice in action._choices_actions}


def test_the_command_table_is_what_the_modules_register() -> None:
    assert listing(cli.build_parser(["--help"])) == listing(cli.build_parser())
    owners: dict[str, list[str]] = {}
    for name in cli.COMMAND_MODULES:
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers(dest="command")
        importlib.import_module(f"toulmin.commands.{name}").register(sub)
        for word in sub.choices:
            owners.setdefault(word, []).append(name)
    assert {word: tuple(names) for word, names in owners.items()} == {
        word: modules for word, (modules, _help) in cli.COMMANDS.items()
    }


@pytest.mark.parametrize("word", sorted(cli.COMMANDS))
def test_every_command_parses_as_with_the_whole_registry(word: str) -> None:
    lazy = cli.build_parser([word, "--help"])
    (action,) = [a for a in lazy._actions if isinstance(a, argparse._SubParsersAction)]
    full = cli.build_parser()
    (full_action,) = [a for a in full._actions if isinstance(a, argparse._SubParsersAction)]
    assert action.choices[word].format_help() == full_action.choices[word].format_help()


def test_an_unknown_command_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["nonsense"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert all(f"'{word}'" in err for word in cli.COMMANDS)


def test_version_prints_the_distributions_version(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"toulmin {version('toulmin')}\n"


def test_reading_a_valid_case_file_imports_neither_networkx_nor_jsonschema() -> None:
    # networkx is for explaining a support cycle, jsonschema for explaining a schema error
    code = (
        "from pathlib import Path\n"
        "from toulmin.graph.authoring.casefile import load_case\n"
        "load_case(Path('examples/l4-5-revision.yaml'))"
    )
    root = Path(__file__).resolve().parents[2]
    script = f"import os, sys, json\nos.chdir({str(root)!r})\n{code}\n"
    script += "print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    modules = set(json.loads(out.stdout.splitlines()[-1]))
    assert "toulmin.graph.authoring.casefile" in modules
    assert sorted(m for m in ("networkx", "jsonschema") if m in modules) == []


def test_a_support_cycle_is_still_explained() -> None:
    from toulmin.errors import CaseFileError
    from toulmin.graph.authoring.casefile import parse_case

    text = (EXAMPLES / "l4-5-revision.yaml").read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    first = document["inferences"][0]
    document["inferences"].append(
        {"id": "i-back", "premises": [first["conclusion"]], "conclusion": first["premises"][0]}
    )
    with pytest.raises(CaseFileError, match="support cycle: "):
        parse_case(yaml.safe_dump(document, sort_keys=False), "cycle.yaml")


def test_docstring_examples_run() -> None:
    import doctest

    assert doctest.testmod(cli).failed == 0
