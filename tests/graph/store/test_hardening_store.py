"""No ill-typed literal and no invalid IRI reaches a store, by the load paths (issue 15).

Bad case files and RDF files with ill-typed literals or a determination graph whose id
is not an id are reported with the file and what is wrong, and nothing of them is
stored; the good files of the same load are. On the transaction path and on the bulk
path (the remote path writes the same prepared units: ``prepare_file`` is shared).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from toulmin.graph.store.disk import open_store
from toulmin.graph.store.inputs import prepare_file
from toulmin.graph.store.load import load

GOOD = """\
toulmin: 1
id: {det}
title: Tiny
decision: {{outcome: approved, main_claim: c, decided: {decided}}}
sources: [{{id: rec, kind: clinical-document, title: Record}}]
services: [{{id: s, code: "22850", decision: approved, claim: c}}]
statements: [{{id: c, kind: conclusion, text: Necessary., cite: rec}}]
"""
XSD = "http://www.w3.org/2001/XMLSchema#"
D = "https://w3id.org/toulmin/d/"


def files(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {
        "good": folder / "good.yaml",
        "month13": folder / "month13.yaml",
        "newline": folder / "newline.yaml",
        "typed": folder / "typed.nq",
        "badid": folder / "badid.nq",
    }
    out["good"].write_text(GOOD.format(det="good", decided='"2025-05-06"'))
    out["month13"].write_text(GOOD.format(det="m13", decided='"2025-13-45T99:99:99Z"'))
    out["newline"].write_text(GOOD.format(det="|\n  nl", decided='"2025-05-06"'))
    out["typed"].write_text(
        f'<{D}t> <{D}p> "2025-13-45T99:99:99Z"^^<{XSD}dateTime> <{D}t/graph> .\n'
        f'<{D}t> <{D}q> "ok" <{D}t/graph> .\n'
    )
    out["badid"].write_text(f'<{D}x/y> <{D}p> "v" <{D}x/y/graph> .\n')
    return out


@pytest.mark.parametrize("bulk", [False, True], ids=["transactions", "bulk"])
def test_bad_values_are_reported_and_never_stored(tmp_path: Path, bulk: bool) -> None:
    given = files(tmp_path / "in")
    report = load(list(given.values()), tmp_path / "s", progress=False, bulk=bulk, jobs=1)
    assert report.bulk is bulk
    assert (report.loaded, report.failed, report.exit_code) == (1, 4, 1)
    by_file = {Path(p.file).name: p for p in report.problems}
    assert "/decision/decided" in by_file["month13.yaml"].path
    assert by_file["month13.yaml"].line == 4
    assert by_file["newline.yaml"].path == "/id"
    assert "ill-typed literal" in by_file["typed.nq"].message
    assert "xsd:dateTime" in by_file["typed.nq"].message
    assert "'x/y', which is not an id" in by_file["badid.nq"].message
    store = open_store(tmp_path / "s", read_only=True)
    assert [g.value for g in store.named_graphs()] == [f"{D}good/graph"]
    assert {str(q.graph_name) for q in store} == {f"<{D}good/graph>"}


def test_prepare_file_checks_literals_of_rdf_files(tmp_path: Path) -> None:
    path = tmp_path / "ok.nq"
    path.write_text(
        f'<{D}t> <{D}p> "2025-11-20T09:30:00Z"^^<{XSD}dateTime> <{D}t/graph> .\n'
        f'<{D}t> <{D}w> "0.5"^^<{XSD}decimal> <{D}t/graph> .\n'
    )
    assert not prepare_file(path).problems
    path.write_text(f'<{D}t> <{D}w> "NaN"^^<{XSD}decimal> <{D}t/graph> .\n')
    (problem,) = prepare_file(path).problems
    assert "'NaN' is not an xsd:decimal" in problem.message


def test_store_commands_refuse_what_is_not_an_id_and_keep_the_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from toulmin.cli import main

    given = files(tmp_path / "in")
    store = str(tmp_path / "s")
    assert main(["load", "--store", store, "--no-progress", str(given["good"])]) == 0
    hostile = "x> } ; DROP ALL ; #"
    assert main(["store", "remove", "--store", store, hostile]) == 2
    out = tmp_path / "out.nq"
    out.write_text("kept\n")
    assert main(["store", "export", "--store", store, hostile, "-o", str(out)]) == 2
    assert main(["store", "export", "--store", store, "missing", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "not a determination id" in err
    assert "no determination 'missing' in the store" in err
    assert out.read_text() == "kept\n"
    assert main(["store", "export", "--store", store, "good", "-o", str(out)]) == 0
    assert f"<{D}good/graph>" in out.read_text()
