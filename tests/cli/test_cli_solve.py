"""``toulmin solve`` through :func:`toulmin.cli.main`: ICCMA output and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

import toulmin.cli as cli

# floating reinstatement: a <-> b, both attack c, c attacks d
APX = "arg(a).\narg(b).\narg(c).\narg(d).\natt(a,b).\natt(b,a).\natt(a,c).\natt(b,c).\natt(c,d).\n"
TGF = "a\nb\nc\nd\n#\na b\nb a\na c\nb c\nc d\n"
I23 = "p af 4\n# same framework, numbered\n1 2\n2 1\n1 3\n2 3\n3 4\n"
ODD = "p af 3\n1 2\n2 3\n3 1\n"


@pytest.fixture(autouse=True)
def only_solve(monkeypatch: pytest.MonkeyPatch) -> None:
    """Build the parser with the solve command alone, independent of other commands."""
    assert "solve" in cli.COMMAND_MODULES
    monkeypatch.setattr(cli, "COMMAND_MODULES", ("solve",))


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in (("fw.apx", APX), ("fw.tgf", TGF), ("fw.i23", I23), ("odd.af", ODD)):
        (tmp_path / name).write_text(text)
        out[name] = tmp_path / name
    return out


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["solve", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    ("fmt_file", "semantics", "task", "expected"),
    [
        ("fw.apx", "preferred", "EE", "w a d\nw b d\n"),
        ("fw.tgf", "stable", "EE", "w a d\nw b d\n"),
        ("fw.i23", "preferred", "EE", "w 1 4\nw 2 4\n"),
        ("fw.i23", "grounded", "SE", "w\n"),
        ("fw.apx", "complete", "EE", "w\nw a d\nw b d\n"),
        ("odd.af", "stable", "SE", "NO\n"),
        ("odd.af", "stable", "EE", "NO\n"),
        ("odd.af", "preferred", "SE", "w\n"),
    ],
)
def test_extensions_are_printed_in_iccma_format(
    capsys: pytest.CaptureFixture[str],
    files: dict[str, Path],
    fmt_file: str,
    semantics: str,
    task: str,
    expected: str,
) -> None:
    code, out, err = run(capsys, str(files[fmt_file]), "--semantics", semantics, "--task", task)
    assert (code, out, err) == (0, expected, "")


@pytest.mark.parametrize(
    ("semantics", "task", "arg", "expected"),
    [
        ("preferred", "DS", "d", "YES\n"),  # floating reinstatement
        ("grounded", "DS", "d", "NO\n"),
        ("complete", "DC", "d", "YES\n"),
        ("stable", "DC", "c", "NO\n"),
        ("preferred", "DS", "a", "NO\n"),
        ("grounded", "DC", "a", "NO\n"),
    ],
)
def test_decision_tasks_print_yes_or_no(
    capsys: pytest.CaptureFixture[str],
    files: dict[str, Path],
    semantics: str,
    task: str,
    arg: str,
    expected: str,
) -> None:
    code, out, _ = run(capsys, str(files["fw.apx"]), "-s", semantics, "-t", task, "--arg", arg)
    assert (code, out) == (0, expected)
    # the same question on the numbered file, by index
    index = str("abcd".index(arg) + 1)
    code, out, _ = run(capsys, str(files["fw.i23"]), "-s", semantics, "-t", task, "-a", index)
    assert (code, out) == (0, expected)


def test_vacuous_skeptical_stable_acceptance(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    assert run(capsys, str(files["odd.af"]), "-s", "stable", "-t", "DS", "-a", "1")[:2] == (
        0,
        "YES\n",
    )


def test_explicit_format_overrides_the_extension(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "framework.txt"
    path.write_text(TGF)
    code, out, _ = run(capsys, str(path), "-s", "grounded", "-t", "SE", "--format", "tgf")
    assert (code, out) == (0, "w\n")
    code, _, err = run(capsys, str(path), "-s", "grounded", "-t", "SE")
    assert code == 2
    assert "cannot tell the format from the extension '.txt'" in err


def test_malformed_file_exits_2_with_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "broken.i23"
    path.write_text("p af 2\n1 2\n2 x\n")
    code, out, err = run(capsys, str(path), "-s", "grounded", "-t", "SE")
    assert code == 2
    assert out == ""
    assert err == (
        f"toulmin solve: error:\n{path}:3: 'x' is not an argument number (a positive integer)\n"
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ((), "task DC needs an argument to query (--arg)"),
        (("--arg", "zz"), "unknown argument 'zz'; the framework has 4 arguments"),
    ],
)
def test_bad_query_argument_exits_2(
    capsys: pytest.CaptureFixture[str],
    files: dict[str, Path],
    extra: tuple[str, ...],
    message: str,
) -> None:
    code, out, err = run(capsys, str(files["fw.apx"]), "-s", "stable", "-t", "DC", *extra)
    assert code == 2
    assert out == ""
    assert message in err


def test_missing_file_and_bad_choices(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, str(tmp_path / "nope.apx"), "-s", "stable", "-t", "SE")
    assert code == 2
    assert "cannot read" in err
    with pytest.raises(SystemExit) as info:  # argparse rejects unknown semantics itself
        cli.main(["solve", "x.apx", "-s", "ideal", "-t", "SE"])
    assert info.value.code == 2
    assert "invalid choice: 'ideal'" in capsys.readouterr().err
