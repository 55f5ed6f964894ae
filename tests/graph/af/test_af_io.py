"""ICCMA file formats: round trips, the fast i23 path, and line-accurate errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import toulmin.graph.af.iccma as af_io
from toulmin.errors import BadInputError, ICCMAFormatError
from toulmin.graph.af.framework import ArgumentationFramework
from toulmin.graph.af.iccma import detect_format, dump, dumps, load, loads

NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-."


@st.composite
def frameworks(draw: st.DrawFn, numbered: bool = False) -> ArgumentationFramework:
    n = draw(st.integers(0, 12))
    if numbered:
        names: list[str] | int = n
    else:
        names = draw(
            st.lists(
                st.text(NAME_CHARS, min_size=1, max_size=6).filter(lambda s: s != "#"),
                min_size=n,
                max_size=n,
                unique=True,
            )
        )
    pairs = draw(st.lists(st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, max(n - 1, 0)))))
    if n == 0:
        pairs = []
    return ArgumentationFramework(names, [a for a, _ in pairs], [b for _, b in pairs])


# ------------------------------------------------------------------------------ round trips
@given(frameworks(), st.sampled_from(["apx", "tgf"]))
def test_named_formats_round_trip(af: ArgumentationFramework, fmt: str) -> None:
    back = loads(dumps(af, fmt), fmt)
    assert back == af
    assert list(back.names) == list(af.names)


@given(frameworks(numbered=True))
def test_i23_round_trip(af: ArgumentationFramework) -> None:
    text = dumps(af, "i23")
    assert text.startswith(f"p af {af.num_arguments}\n")
    assert loads(text, "i23") == af


@given(frameworks())
def test_i23_keeps_structure_and_numbers_the_arguments(af: ArgumentationFramework) -> None:
    assert loads(dumps(af, "i23"), "i23") == af.renamed()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=30)
@given(frameworks(), st.sampled_from([".apx", ".tgf", ".i23", ".af"]))
def test_files_round_trip_with_format_from_the_extension(
    tmp_path: Path, af: ArgumentationFramework, suffix: str
) -> None:
    path = tmp_path / f"fw{suffix}"
    dump(af, path)
    expected = af.renamed() if suffix in (".i23", ".af") else af
    assert load(path) == expected
    other = tmp_path / "fw.txt"  # no usable extension: the format must be named
    dump(af, other, detect_format(path))
    assert load(other, detect_format(path)) == expected


def test_parsing_details() -> None:
    apx = "% a comment\n\narg(a).\n  arg( b ) .\natt(a, b).\natt(b,a).\natt(a,b).\n"
    af = loads(apx, "apx")
    assert list(af.names) == ["a", "b"]
    assert af.num_attacks == 2
    assert loads("att(a,b).\narg(a).\narg(b).\n", "apx").has_attack("a", "b")  # forward use
    tgf = "1\r\n2\r\n3\r\n#\r\n1 2\r\n\r\n3 3\r\n"
    af = loads(tgf, "tgf")
    assert list(af.attack_pairs()) == [("1", "2"), ("3", "3")]
    assert loads("a\nb\n", "tgf").num_attacks == 0  # no '#' line: no attacks
    i23 = "# header next\np af 3\n# comment\n\n1 2\n\t2  3 \n# end"
    assert list(loads(i23, "i23").attack_pairs()) == [("1", "2"), ("2", "3")]
    assert loads("p af 0\n", "i23").num_arguments == 0


def test_writers_refuse_names_the_format_cannot_hold() -> None:
    af = ArgumentationFramework(["a b", "c"])
    with pytest.raises(BadInputError, match="cannot be written in apx"):
        dumps(ArgumentationFramework(["f(x)"]), "apx")
    with pytest.raises(BadInputError, match="cannot be written in tgf"):
        dumps(af, "tgf")
    assert dumps(af, "i23") == "p af 2\n"


def test_format_detection() -> None:
    assert detect_format("x/y.TGF") == "tgf"
    assert detect_format("y.af") == "i23"
    with pytest.raises(BadInputError, match=r"cannot tell the format from the extension '\.txt'"):
        detect_format("y.txt")
    with pytest.raises(BadInputError, match="unknown format 'json'"):
        detect_format("y.apx", "json")


# ------------------------------------------------------------------------------ fast i23 path
def big_i23(n: int, m: int, seed: int = 0) -> tuple[ArgumentationFramework, str]:
    rng = np.random.default_rng(seed)
    af = ArgumentationFramework(n, rng.integers(0, n, m), rng.integers(0, n, m))
    return af, dumps(af, "i23")


def test_fast_path_reads_canonical_files_and_agrees_with_the_line_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    af, text = big_i23(3000, 12000)
    assert len(text) > af_io.FAST_I23_BYTES

    def no_slow_path(text: str, file: str) -> ArgumentationFramework:
        raise AssertionError("the line-by-line parser was used")

    monkeypatch.setattr(af_io, "_parse_i23", no_slow_path)
    path = tmp_path / "big.i23"
    path.write_text(text)
    assert load(path) == af
    # CRLF and first-column comments stay on the fast path too
    lines = text.split("\n")
    lines.insert(500, "# a comment in the body")
    path.write_bytes("\r\n".join(lines).encode())
    assert load(path) == af


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_fast_path_matches_line_parser_on_arbitrary_bodies(
    data: st.DataObject,
) -> None:
    """Any i23 text: the byte path gives the same framework or the same error as the line parser."""
    n = data.draw(st.integers(0, 9))
    line = st.one_of(
        st.tuples(st.integers(0, 11), st.integers(0, 11)).map(lambda p: f"{p[0]} {p[1]}"),
        st.sampled_from(
            [
                "# c",
                "",
                " 1 2",
                "1  2",
                "1 2 ",
                "1\t2",
                "1",
                "1 2 3",
                "a b",
                "p af 3",
                "-1 2",
                "01 2",
                "1 2\r",
            ]
        ),
    )
    body = data.draw(st.lists(line, max_size=12))
    text = "\n".join([f"p af {n}", *body]) + data.draw(st.sampled_from(["", "\n"]))
    try:
        expected: ArgumentationFramework | str = af_io._parse_i23(text, "t.i23")
    except ICCMAFormatError as err:
        expected = str(err)
    old = af_io.FAST_I23_BYTES
    af_io.FAST_I23_BYTES = 0
    try:
        got: ArgumentationFramework | str = af_io._load_i23_bytes(text.encode(), "t.i23")
    except ICCMAFormatError as err:
        got = str(err)
    finally:
        af_io.FAST_I23_BYTES = old
    assert got == expected


def test_error_deep_in_a_big_file_names_its_line(tmp_path: Path) -> None:
    _, text = big_i23(2000, 9000, seed=3)
    lines = text.split("\n")
    lines[7001] = "17 2001"  # line 7002 of the file
    path = tmp_path / "bad.i23"
    path.write_text("\n".join(lines))
    with pytest.raises(ICCMAFormatError) as info:
        load(path)
    assert info.value.line == 7002
    assert str(info.value) == (
        f"{path}:7002: argument 2001 out of range: the header declares arguments 1..2000"
    )


# ------------------------------------------------------------------------------ malformed files
MALFORMED = [
    # (format, text, line, message)
    ("i23", "1 2\np af 2\n", 1, "expected the header 'p af N' before any attack, got '1 2'"),
    ("i23", "# only comments\n\n", 2, "no header 'p af N' in the file"),
    ("i23", "", 1, "no header 'p af N' in the file"),
    ("i23", "p af x\n", 1, "bad header 'p af x': N must be a non-negative integer"),
    ("i23", "p aff 3\n", 1, "bad header 'p aff 3': expected 'p af N'"),
    ("i23", "p af 3 4\n", 1, "bad header 'p af 3 4': expected 'p af N' with one number N"),
    ("i23", "p af 3\n1 2\np af 3\n", 3, "second header line (the header is on line 1)"),
    (
        "i23",
        "p af 3\n# ok\n1 4\n",
        3,
        "argument 4 out of range: the header declares arguments 1..3",
    ),
    ("i23", "p af 3\n0 1\n", 2, "argument 0 out of range: the header declares arguments 1..3"),
    (
        "i23",
        "p af 3\n1 2 3\n",
        2,
        "expected an attack 'i j' (two numbers), got trailing text: '1 2 3'",
    ),
    (
        "i23",
        "p af 3\n1 2 # why\n",
        2,
        "expected an attack 'i j' (two numbers), got trailing text: '1 2 # why'",
    ),
    ("i23", "p af 3\n2\n", 2, "expected an attack 'i j' (two numbers), got a single number: '2'"),
    ("i23", "p af 3\n1 b\n", 2, "'b' is not an argument number (a positive integer)"),
    ("i23", "p af 3\n1 -2\n", 2, "'-2' is not an argument number (a positive integer)"),
    ("apx", "arg(a).\natt(a,b).\n", 2, "unknown argument 'b': declare it with 'arg(b).'"),
    ("apx", "arg(a).\narg(a).\n", 2, "argument 'a' declared twice (first on line 1)"),
    (
        "apx",
        "arg(a).\nattack(a,a).\n",
        2,
        "expected 'arg(NAME).' or 'att(NAME,NAME).', got 'attack(a,a).'",
    ),
    ("apx", "arg(a). arg(b).\n", 1, "unexpected text after the statement: ' arg(b).'"),
    ("apx", "arg(a)\n", 1, "expected 'arg(NAME).' or 'att(NAME,NAME).', got 'arg(a)'"),
    (
        "tgf",
        "a\nb c\n#\n",
        2,
        "expected one argument name, got 'b c' (attacks go after a line '#')",
    ),
    ("tgf", "a\n#\na b\n", 3, "unknown argument 'b': list it before the '#' line"),
    ("tgf", "a\n#\na a a\n", 3, "expected an attack 'ATTACKER ATTACKED', got 'a a a'"),
    ("tgf", "a\n#\n#\n", 3, "second '#' separator line"),
    ("tgf", "a\na\n", 2, "argument 'a' declared twice (first on line 1)"),
]


@pytest.mark.parametrize(("fmt", "text", "line", "message"), MALFORMED)
def test_malformed_files_report_line_and_reason(
    tmp_path: Path, fmt: str, text: str, line: int, message: str
) -> None:
    path = tmp_path / f"bad.{fmt}"
    path.write_text(text)
    with pytest.raises(ICCMAFormatError) as info:
        load(path)
    assert info.value.file == str(path)
    assert info.value.line == line
    assert str(info.value) == f"{path}:{line}: {message}"


def test_non_utf8_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "latin.apx"
    path.write_bytes(b"arg(a).\narg(caf\xe9).\n")
    with pytest.raises(ICCMAFormatError, match=r"latin\.apx:2: not UTF-8 text"):
        load(path)
    with pytest.raises(BadInputError, match="cannot read"):
        load(tmp_path / "missing.i23")
