"""The public API (``import toulmin``): cheap to import, curated, versioned, shown in Jupyter."""

from __future__ import annotations

import html
import importlib
import importlib.metadata
import re
import subprocess
import sys
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

import toulmin
from tests.helpers.paths import ROOT
from toulmin.cli import main
from toulmin.errors import BadInputError, MissingToolError, QueryError

#: what ``import toulmin`` must not load: the heavy libraries and the case-file reader
HEAVY = (
    "networkx",
    "numpy",
    "pyoxigraph",
    "owlready2",
    "rdflib",
    "yaml",
    "toulmin.graph.authoring.casefile",
)

SCRIPT = "<script>alert(1)</script>"
TINY = """
toulmin: 1
id: tiny
title: "Tiny <script>alert(1)</script>"
question: "Is it <b>necessary</b>?"
decision: {outcome: approved, main_claim: c}
sources: [{id: rec, kind: clinical-document, title: "Record <script>alert(1)</script>"}]
services:
  - {id: s, code: "22850", description: "<script>alert(1)</script>", decision: approved, claim: c}
findings: [{id: f, kind: exam, text: "EHL 3+/5 <script>alert(1)</script>", cite: rec}]
statements: [{id: c, kind: conclusion, text: "Necessary <script>alert(1)</script>", cite: rec}]
inferences: [{id: i, premises: [f], conclusion: c}]
"""


@pytest.fixture
def tiny() -> toulmin.Determination:
    return toulmin.parse_case(TINY, "tiny.yaml")


# --- import cost, names, version ---------------------------------------------------------


def test_import_toulmin_loads_no_heavy_module() -> None:
    probe = f"import toulmin, sys; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True, cwd=ROOT
    ).stdout
    assert out.strip() == "[]"
    # ... and the first use of a name brings in what it needs
    probe = "import toulmin, sys; toulmin.Determination; print('rdflib' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True, cwd=ROOT
    ).stdout
    assert out.strip() == "True"


def test_every_public_name_resolves_and_nothing_else_does() -> None:
    assert len(toulmin.__all__) == len(set(toulmin.__all__))
    for name in toulmin.__all__:
        assert getattr(toulmin, name) is not None, name
    assert set(toulmin.__all__) <= set(dir(toulmin))
    curated = {"load_case", "read_determination", "evaluate", "explain", "flip", "check"}
    curated |= {"argument_map", "brief", "open_store", "load", "query"}
    assert curated <= set(toulmin.__all__)
    for name in curated:  # the curated functions are the documented ones of toulmin.api
        assert getattr(toulmin, name).__module__ == "toulmin.api", name
    with pytest.raises(AttributeError, match="no attribute 'evaluat'"):
        _ = toulmin.evaluat  # type: ignore[attr-defined]


def test_version_is_the_distribution_version(capsys: pytest.CaptureFixture[str]) -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert importlib.metadata.version("toulmin") == declared
    assert toulmin.__version__ == declared
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"toulmin {declared}\n"
    out = subprocess.run(
        [sys.executable, "-m", "toulmin.cli", "--version"],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    assert out == f"toulmin {declared}\n"


# --- one determination ---------------------------------------------------------------------


def test_functions_take_a_determination_a_case_file_or_rdf(
    tmp_path: Path, flagship_path: Path
) -> None:
    det = toulmin.load_case(flagship_path)
    ttl = tmp_path / "flagship.ttl"
    assert main(["build", str(flagship_path), "-o", str(ttl)]) == 0
    from_rdf = toulmin.read_determination(ttl)
    assert from_rdf == det.normalized()
    labels = {src: toulmin.evaluate(src).labels for src in (det, flagship_path, str(ttl))}
    assert len({tuple(sorted(v.items())) for v in labels.values()}) == 1
    assert labels[det]["c-main"] == "in"
    assert labels[det]["c-mild-not-necessary"] == "out"
    ev = toulmin.evaluate(det)
    assert toulmin.flip(ev).to_dict() == toulmin.flip(ttl).to_dict()
    by_ev = toulmin.explain(ev, "c-mild-not-necessary")
    by_path = toulmin.explain(flagship_path, "c-mild-not-necessary")
    assert by_ev.label == by_path.label == "out"
    assert toulmin.check(ttl, owl=False).ok
    with pytest.raises(BadInputError, match="got int"):
        toulmin.evaluate(3)  # type: ignore[arg-type]


def test_brief_and_map(tmp_path: Path, flagship_path: Path) -> None:
    text = toulmin.brief(flagship_path)
    assert text.startswith("# ")
    assert "CPT 63042" in text
    page = toulmin.brief(flagship_path, fmt="html")
    assert page.lstrip().lower().startswith("<!doctype html>")
    with pytest.raises(BadInputError, match="choose md or html"):
        toulmin.brief(flagship_path, fmt="pdf")
    amap = toulmin.argument_map(flagship_path)
    written = amap.write(tmp_path / "sub" / "map.html")
    assert written.read_text(encoding="utf-8") == amap.html
    assert '"semantics": "grounded"' in amap.html
    assert '"status": "out"' in amap.html
    bare = toulmin.argument_map(flagship_path, labels=False)
    assert '"semantics": null' in bare.html
    assert '"status": "out"' not in bare.html


# --- Jupyter display -----------------------------------------------------------------------


def test_determination_html_escapes_case_text(tiny: toulmin.Determination) -> None:
    shown = tiny._repr_html_()
    assert "<script" not in shown
    assert "<b>necessary" not in shown
    assert f"Tiny {html.escape(SCRIPT)}" in shown
    assert html.escape("Necessary <script>alert(1)</script>") in shown  # the main claim
    assert html.escape(SCRIPT) in shown.split("<table>")[1]  # the service's description


def test_evaluation_html_is_the_labels_table_escaped(tiny: toulmin.Determination) -> None:
    ev = toulmin.evaluate(tiny)
    shown = ev._repr_html_()
    rows = re.findall(r"<tr><td><code>([^<]+)</code></td><td>(\w+)</td><td class=\"(\w+)\">", shown)
    assert sorted(rows) == sorted((n, ev.kinds[n], label) for n, label in ev.labels.items())
    # ids and reasons are not case text, so put markup where every text field goes
    reasons = dict(ev.reasons)
    reasons["c"] = replace(reasons["c"], text=SCRIPT)
    hostile = replace(ev, determination=SCRIPT, note=SCRIPT, reasons=reasons)
    shown = hostile._repr_html_()
    assert "<script" not in shown
    assert shown.count(html.escape(SCRIPT)) == 3


def test_map_html_is_an_escaped_sandboxed_frame(tiny: toulmin.Determination) -> None:
    page = toulmin.argument_map(tiny)
    shown = page._repr_html_()
    tags = re.findall(r"<(/?\w+)", shown)
    assert tags == ["iframe", "/iframe"]  # the whole page is inside one attribute
    srcdoc = re.fullmatch(r'<iframe srcdoc="([^"]*)" .*sandbox="allow-scripts".*', shown, re.S)
    assert srcdoc is not None
    assert html.unescape(srcdoc.group(1)) == page.html
    assert SCRIPT not in page.html  # the map puts case text in JSON with < escaped


# --- many determinations: store, load, query -----------------------------------------------


def test_query_rows_on_every_kind_of_target(tmp_path: Path, examples_dir: Path) -> None:
    cases = sorted(examples_dir.glob("*.yaml"))
    store = toulmin.open_store(tmp_path / "store")
    report = toulmin.load(examples_dir, store)
    assert (report.loaded, report.failed) == (len(cases), 0)
    rows = toulmin.query("citing-source", store, source="aans")
    assert rows.columns[:3] == ("determination", "outcome", "source_id")
    assert rows.rows
    assert all(isinstance(r["citations"], int) for r in rows.rows)
    assert all(isinstance(r["policy"], bool) and r["source_id"] == "aans" for r in rows)
    det_names = {r["determination"].rsplit("/", 1)[-1] for r in rows}
    assert det_names <= {c.stem for c in cases}
    dets = [toulmin.load_case(c) for c in cases]
    for target in (examples_dir, [str(c) for c in cases], dets):
        again = toulmin.query("citing-source", target, source="aans")
        assert sorted(map(str, again.rows)) == sorted(map(str, rows.rows)), type(target)
    del store
    on_dir = toulmin.query("citing-source", tmp_path / "store", source="aans")
    assert sorted(map(str, on_dir.rows)) == sorted(map(str, rows.rows))


def test_sparql_text_binds_parameters_as_values(examples_dir: Path) -> None:
    text = (
        "PREFIX tlm: <https://w3id.org/toulmin/ontology#>\n"
        "SELECT ?d WHERE { GRAPH ?g { ?d a tlm:Determination ; tlm:localId ?id } }"
    )
    rows = toulmin.query(text, examples_dir, id="l4-5-revision")
    assert [r["d"] for r in rows] == ["https://w3id.org/toulmin/d/l4-5-revision"]
    assert toulmin.query(text, examples_dir, id='l4-5-revision" } #').rows == []
    with pytest.raises(QueryError, match="no query named 'no-such-query'"):
        toulmin.query("no-such-query", examples_dir)
    with pytest.raises(BadInputError, match="cannot run a query on a int"):
        toulmin.query("citing-source", 5, source="x")  # type: ignore[arg-type]


def test_query_rows_as_a_dataframe(examples_dir: Path) -> None:
    pandas = pytest.importorskip("pandas")
    rows = toulmin.query("citing-source", examples_dir, source="aans")
    frame = rows.to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert tuple(frame.columns) == rows.columns
    assert frame.to_dict("records") == rows.rows
    assert rows.df.equals(frame)
    shown = rows._repr_html_()
    assert shown.count("<tr>") == len(rows) + 1
    assert f"{len(rows)} rows" in shown


def test_a_dataframe_without_pandas_says_what_to_install(
    examples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = toulmin.query("citing-source", examples_dir, source="aans")
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas -> ImportError
    with pytest.raises(MissingToolError, match="pip install pandas"):
        rows.to_pandas()
    with pytest.raises(MissingToolError, match="pip install pandas"):
        _ = rows.df
    assert rows.rows  # the rows themselves need nothing


def test_query_rows_html_escapes_cells() -> None:
    from toulmin.queries.rows import QueryRows

    shown = QueryRows(("a",), [{"a": SCRIPT}], title=SCRIPT)._repr_html_()
    assert "<script" not in shown
    assert shown.count(html.escape(SCRIPT)) == 2


def test_the_readme_python_example_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("pandas")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## From Python", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    scope: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), scope)
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "0 SHACL violations, OWL not checked"
    assert printed[1].startswith("in | ")
    assert printed[2] == "out"
    assert printed[3] == "('x-imaging-answer',) -> out"
    assert (tmp_path / "out" / "map.html").is_file()
    assert (tmp_path / "out" / "store").is_dir()
    assert str(scope["markdown"]).startswith("# ")
    assert len(scope["frame"]) == len(scope["rows"])  # type: ignore[arg-type]


def test_query_does_not_trust_a_summary_answer_cached_for_another_target(
    tmp_path: Path, examples_dir: Path
) -> None:
    # queries.runner caches "has summaries" per target object. A store loaded without
    # derived graphs has no summaries: the query must run its reference version and find
    # the rows, even right after another target's answer was cached and freed.
    import gc

    from toulmin.graph.store.targets import OxigraphTarget
    from toulmin.queries import runner

    store = toulmin.open_store(tmp_path / "store")
    toulmin.load(examples_dir, store, derived=False)
    expected = toulmin.query("mild-imaging-approvals", examples_dir).rows
    assert expected
    cached = len(runner._SUMMARY_CACHE)
    toulmin.query("mild-imaging-approvals", examples_dir)  # a target that caches True
    gc.collect()
    assert len(runner._SUMMARY_CACHE) == cached  # its answer went with it
    target = OxigraphTarget(store)
    assert not runner.has_summaries(target)
    rows = toulmin.query("mild-imaging-approvals", target).rows
    assert sorted(map(str, rows)) == sorted(map(str, expected))
