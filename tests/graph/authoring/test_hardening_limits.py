"""How big a case file may be: past a limit, a clear error at once (issue 15).

The issue's inputs (a 10 MB text field, 5,000 entries, a 9x9 alias bomb, a
self-referencing anchor, nesting 500-999 deep, /dev/zero, a FIFO) are refused by
build, check, evaluate and viz with exit 2, a message naming the limit, no traceback
and nothing written.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from toulmin.cli import main
from toulmin.errors import BadInputError, CaseFileError, ConfigurationError
from toulmin.graph.authoring.casefile import load_case, parse_case
from toulmin.graph.authoring.limits import CaseLimits, case_limits

HEAD = """\
toulmin: 1
id: tiny
title: Tiny determination
decision: {outcome: approved, main_claim: c}
sources: [{id: rec, kind: clinical-document, title: Record}]
services: [{id: s, code: "22850", decision: approved, claim: c}]
"""
VALID = HEAD + "statements: [{id: c, kind: conclusion, text: Necessary., cite: rec}]\n"


def big_field() -> str:
    return VALID + "summary: " + "x" * 10_000_000 + "\n"


def many_entries(n: int = 5000) -> str:
    items = "".join(
        f"  - {{id: c{i}, kind: claim, text: Claim {i}., cite: rec}}\n" for i in range(1, n)
    )
    first = "  - {id: c, kind: conclusion, text: Necessary., cite: rec}\n"
    return HEAD + "statements:\n" + first + items


def alias_bomb() -> str:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(8):
        prev, name = chr(ord("a") + i), chr(ord("b") + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return VALID + "\n".join(lines) + "\n"


def self_alias() -> str:
    return VALID + "summary: &s [*s]\n"


def deep(levels: int) -> str:
    return VALID + "summary: " + "[" * levels + "]" * levels + "\n"


def deep_block(levels: int) -> str:
    return VALID + "summary:\n" + "".join("  " * (i + 1) + "- \n" for i in range(levels))


CASES = {
    "10 MB field": (big_field, "TOULMIN_CASE_MAX_BYTES"),
    "5,000 entries": (many_entries, "TOULMIN_CASE_MAX_ENTRIES"),
    "alias bomb": (alias_bomb, "TOULMIN_CASE_MAX_ALIASES"),
    "self alias": (self_alias, "a cycle"),
    "depth 500": (lambda: deep(500), "TOULMIN_CASE_MAX_DEPTH"),
    "depth 999": (lambda: deep(999), "TOULMIN_CASE_MAX_DEPTH"),
    "block depth 200": (lambda: deep_block(200), "TOULMIN_CASE_MAX_DEPTH"),
}


def test_the_valid_file_loads() -> None:
    assert parse_case(VALID).id == "tiny"
    assert len(parse_case(many_entries(50)).statements) == 50


@pytest.mark.parametrize("name", sorted(CASES))
def test_parse_case_refuses(name: str) -> None:
    make, words = CASES[name]
    with pytest.raises(CaseFileError) as caught:
        parse_case(make(), "big.yaml")
    assert len(caught.value.problems) == 1
    assert words in str(caught.value)


COMMANDS = [
    ["build", "-o", "out.ttl"],
    ["check", "--no-owl"],
    ["evaluate", "-o", "out.txt"],
    ["viz", "-o", "out.html"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
@pytest.mark.parametrize("name", ["10 MB field", "5,000 entries", "alias bomb", "depth 999"])
def test_commands_refuse_at_once(
    command: list[str],
    name: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    make, words = CASES[name]
    Path("big.yaml").write_text(make(), encoding="utf-8")
    code = main([*command, "big.yaml"])
    out, err = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in out + err
    assert words in err
    assert "big.yaml" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.yaml"]


def test_a_string_over_its_limit_is_refused_even_in_a_small_file() -> None:
    text = VALID + "summary: " + "y" * 500 + "\n"
    with pytest.raises(CaseFileError, match="TOULMIN_CASE_MAX_STRING") as caught:
        parse_case(text, "s.yaml", CaseLimits(max_string=100))
    assert caught.value.problems[0].path == "/summary"
    assert caught.value.problems[0].line == 8
    assert parse_case(text, "s.yaml", CaseLimits(max_string=500)).summary == "y" * 500


def test_the_size_is_checked_before_the_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(VALID + "summary: " + "z" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(CaseFileError, match="TOULMIN_CASE_MAX_BYTES"):
        load_case(path, CaseLimits(max_bytes=4000))
    assert load_case(path, CaseLimits(max_bytes=8000)).summary == "z" * 5000


def test_devices_and_pipes_are_refused(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="not a regular file"):
        load_case("/dev/zero")
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(BadInputError, match="not a regular file"):  # never waits for a writer
        load_case(fifo)


def test_the_environment_sets_the_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOULMIN_CASE_MAX_ENTRIES", "20")
    with pytest.raises(CaseFileError, match="more than 20 entries"):
        parse_case(VALID)
    monkeypatch.setenv("TOULMIN_CASE_MAX_ENTRIES", "30000")
    assert len(parse_case(many_entries()).statements) == 5000
    monkeypatch.setenv("TOULMIN_CASE_MAX_ENTRIES", "many")
    with pytest.raises(ConfigurationError, match="TOULMIN_CASE_MAX_ENTRIES='many'"):
        case_limits()


def test_aliases_within_the_limit_still_work() -> None:
    text = VALID.replace("title: Tiny determination", "title: &t Tiny determination")
    det = parse_case(text + "question: *t\n")
    assert det.question == "Tiny determination"


def test_depth_past_what_python_nests_is_an_error_not_a_recursion_error() -> None:
    limits = CaseLimits(max_depth=10**6, max_entries=10**6)
    with pytest.raises(CaseFileError, match=r"nested too deeply|nesting depth"):
        parse_case(deep(sys.getrecursionlimit() + 100), "d.yaml", limits)
