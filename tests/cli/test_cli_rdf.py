"""Every command that takes a CASE reads RDF as well: a file ``toulmin build`` wrote.

The RDF is written by the CLI itself (``toulmin build``, Turtle, JSON-LD and N-Quads),
then given to ``build``, ``check``, ``trace``, ``evaluate``, ``explain``, ``flip``,
``viz`` and ``brief``; where the output does not depend on file order (JSON, labels),
it must equal the output for the case file.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from toulmin.cli import main
from toulmin.errors import BadInputError
from toulmin.graph.argument.trace import render_trace
from toulmin.graph.authoring.casefile import load_case
from toulmin.graph.rdf.compile import compile_determination
from toulmin.graph.rdf.read import read_determination
from toulmin.graph.rdf.serialize import serialize
from toulmin.viz.brief import brief_markdown


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, flagship_path: Path) -> dict[str, Path]:
    """The flagship example, built by ``toulmin build`` in three formats."""
    folder = tmp_path_factory.mktemp("rdf")
    files = {}
    for fmt, suffix in (("turtle", "ttl"), ("json-ld", "jsonld"), ("nquads", "nq")):
        out = folder / f"flagship.{suffix}"
        assert main(["build", str(flagship_path), "--format", fmt, "-o", str(out)]) == 0
        files[suffix] = out
    return files


@pytest.mark.parametrize("suffix", ["ttl", "jsonld", "nq"])
def test_build_reads_rdf_and_round_trips(
    capsys: pytest.CaptureFixture[str],
    built: dict[str, Path],
    suffix: str,
    flagship_path: Path,
    tmp_path: Path,
) -> None:
    again = tmp_path / "again.trig"
    assert run(capsys, "build", str(built[suffix]), "--format", "trig", "-o", str(again))[0] == 0
    assert read_determination(again) == load_case(flagship_path).normalized()


def test_check_reads_rdf(capsys: pytest.CaptureFixture[str], built: dict[str, Path]) -> None:
    code, out, _ = run(capsys, "check", "--no-owl", str(built["ttl"]))
    assert code == 0
    assert out == f"{built['ttl']}: ok (0 SHACL violations, OWL not checked)\n"


def test_trace_reads_rdf(
    capsys: pytest.CaptureFixture[str], built: dict[str, Path], flagship_path: Path
) -> None:
    # RDF keeps no order: the determination read back is the case file's, normalised
    normalized = load_case(flagship_path).normalized()
    code, out, _ = run(capsys, "trace", str(built["ttl"]), "--claim", "c-63042")
    assert code == 0
    assert out == render_trace(normalized, "c-63042", width=120, color=False) + "\n"
    assert "c-63042" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["evaluate", "--json"],
        ["evaluate", "--json", "--semantics", "preferred"],
        ["flip", "--json"],
        ["explain", "--json", "c-mild-not-necessary"],
    ],
    ids=["evaluate", "evaluate-preferred", "flip", "explain"],
)
def test_argument_commands_read_rdf_as_the_case_file(
    capsys: pytest.CaptureFixture[str],
    built: dict[str, Path],
    flagship_path: Path,
    argv: list[str],
) -> None:
    command, *options = argv
    code, from_yaml, _ = run(capsys, command, str(flagship_path), *options)
    assert code == 0
    for suffix in ("ttl", "jsonld"):
        code, from_rdf, _ = run(capsys, command, str(built[suffix]), *options)
        assert code == 0
        assert json.loads(from_rdf) == json.loads(from_yaml)


def test_viz_reads_rdf(
    capsys: pytest.CaptureFixture[str], built: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "map.html"
    assert run(capsys, "viz", str(built["ttl"]), "-o", str(out))[0] == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "c-mild-not-necessary" in page


def test_brief_reads_rdf(
    capsys: pytest.CaptureFixture[str], built: dict[str, Path], flagship_path: Path
) -> None:
    code, out, _ = run(capsys, "brief", str(built["jsonld"]))
    assert code == 0
    assert out == brief_markdown(load_case(flagship_path).normalized())
    assert "CPT 22849" in out


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory, flagship_path: Path) -> Path:
    """An N-Quads file with two determinations: the flagship and a copy named ``copy``."""
    det = load_case(flagship_path)
    path = tmp_path_factory.mktemp("two") / "two.nq"
    graphs = [compile_determination(det), compile_determination(replace(det, id="copy"))]
    path.write_text(serialize(graphs, "nquads"), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["build"],
        ["check", "--no-owl"],
        ["trace"],
        ["evaluate"],
        ["explain", "c-main"],
        ["flip"],
        ["brief"],
    ],
    ids=lambda argv: argv[0],
)
def test_several_determinations_need_det(
    capsys: pytest.CaptureFixture[str], two: Path, argv: list[str]
) -> None:
    command, *options = argv
    code, out, err = run(capsys, command, str(two), *options)
    assert code == 2
    assert "--det ID" in out + err
    assert "found 2" in out + err
    code, out, _ = run(capsys, command, str(two), *options, "--det", "copy")
    assert code == 0
    assert out


def test_viz_chooses_with_det(
    capsys: pytest.CaptureFixture[str], two: Path, tmp_path: Path
) -> None:
    out = tmp_path / "m.html"
    assert run(capsys, "viz", str(two), "-o", str(out))[0] == 2
    assert run(capsys, "viz", str(two), "-o", str(out), "--det", "copy")[0] == 0
    assert '"determination": "copy"' in out.read_text(encoding="utf-8")


def test_an_unknown_det_is_an_error_not_an_empty_determination(two: Path) -> None:
    # It used to decompile into a Determination with no title, no claim and no nodes.
    with pytest.raises(BadInputError, match=r"no determination 'nope'.*copy, l4-5-revision"):
        read_determination(two, "nope")


def test_unreadable_rdf_says_which_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <", encoding="utf-8")
    with pytest.raises(BadInputError, match=r"bad\.ttl: cannot read RDF \(turtle\)"):
        read_determination(bad)
    with pytest.raises(BadInputError, match="no such file"):
        read_determination(tmp_path / "missing.nq")
