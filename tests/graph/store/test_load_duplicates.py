"""Two files with the same determination in one load (issue 15).

Without ``--replace``: an error naming both files, exit code 2, and the first file's
version is what the store holds. With ``--replace``: the later file wins, with a
warning naming both. On the transaction path and on the bulk path, and through the
CLI.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from toulmin.cli import main
from toulmin.graph.store.admin import list_determinations
from toulmin.graph.store.disk import open_store
from toulmin.graph.store.load import load
from toulmin.graph.store.targets import OxigraphTarget

CASE = """\
toulmin: 1
id: {det}
title: {title}
decision: {{outcome: approved, main_claim: c}}
sources: [{{id: rec, kind: clinical-document, title: Record}}]
services: [{{id: s, code: "22850", decision: approved, claim: c}}]
statements: [{{id: c, kind: conclusion, text: Necessary., cite: rec}}]
"""


def write(folder: Path, name: str, det: str, title: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(CASE.format(det=det, title=title), encoding="utf-8")
    return path


def titles(store_dir: Path) -> dict[str, str]:
    store = open_store(store_dir, read_only=True)
    return {i.id: i.title or "" for i in list_determinations(OxigraphTarget(store))}


def corpus(folder: Path) -> list[Path]:
    """a.yaml and c.yaml hold 'twice'; b.yaml holds 'other'; plus fillers for the pool."""
    files = [
        write(folder, "a.yaml", "twice", "first version"),
        write(folder, "b.yaml", "other", "other one"),
        write(folder, "c.yaml", "twice", "second version"),
    ]
    files += [write(folder, f"f{i:02d}.yaml", f"filler-{i}", f"filler {i}") for i in range(3)]
    return files


@pytest.mark.parametrize("bulk", [False, True], ids=["transactions", "bulk"])
def test_a_second_file_of_one_id_is_an_error_naming_both(tmp_path: Path, bulk: bool) -> None:
    files = corpus(tmp_path / "in")
    report = load(files, tmp_path / "s", progress=False, bulk=bulk, jobs=1)
    assert report.bulk is bulk
    assert report.exit_code == 2
    assert report.duplicates == 1
    (problem,) = report.problems
    assert problem.file == str(files[2])
    assert str(files[0]) in problem.message
    assert "--replace" in problem.message
    assert report.loaded == 5
    assert report.replaced == 0
    assert not report.warnings
    found = titles(tmp_path / "s")
    assert found["twice"] == "first version"
    assert len(found) == 5


@pytest.mark.parametrize("bulk", [False, True], ids=["transactions", "bulk"])
def test_with_replace_the_later_file_wins_with_a_warning(tmp_path: Path, bulk: bool) -> None:
    files = corpus(tmp_path / "in")
    report = load(files, tmp_path / "s", progress=False, bulk=bulk, jobs=1, replace=True)
    assert report.exit_code == 0
    assert not report.problems
    (warning,) = report.warnings
    assert warning.file == str(files[2])
    assert str(files[0]) in warning.message
    assert (report.loaded, report.replaced) == (5, 1)
    assert titles(tmp_path / "s")["twice"] == "second version"


def test_three_copies_with_replace_warn_twice_and_keep_the_last(tmp_path: Path) -> None:
    files = [write(tmp_path / "in", f"{n}.yaml", "thrice", f"version {n}") for n in "abc"]
    report = load(files, tmp_path / "s", progress=False, bulk=True, jobs=1, replace=True)
    assert [w.file for w in report.warnings] == [str(files[1]), str(files[2])]
    assert str(files[1]) in report.warnings[1].message
    assert titles(tmp_path / "s") == {"thrice": "version c"}


def test_loading_again_is_a_replacement_not_a_duplicate(tmp_path: Path) -> None:
    first = write(tmp_path / "in", "a.yaml", "again", "one")
    assert load([first], tmp_path / "s", progress=False).exit_code == 0
    report = load([first], tmp_path / "s", progress=False)
    assert (report.exit_code, report.replaced, report.duplicates) == (0, 1, 0)
    assert "replaced 1" in report.summary()


def test_the_cli_exits_2_and_names_both_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = corpus(tmp_path / "in")
    store = tmp_path / "s"
    code = main(["load", "--store", str(store), "--no-progress", *map(str, files)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{files[2]}: determination 'twice' is also in {files[0]}" in err
    assert "1 duplicate(s) not loaded" in err
    code = main(["load", "--store", str(store), "--no-progress", "--replace", *map(str, files)])
    err = capsys.readouterr().err
    assert code == 0
    assert f"warning: {files[2]}:" in err
    assert titles(store)["twice"] == "second version"
