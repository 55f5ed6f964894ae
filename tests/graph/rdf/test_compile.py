"""Compiling the flagship example: golden Turtle by isomorphism, determinism, IRIs, formats.

Regenerate the golden file after an intended change with
``TOULMIN_REGEN_GOLDEN=1 .venv/bin/pytest tests/graph/rdf/test_compile.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from tests.helpers.paths import GOLDEN
from toulmin.cli import main
from toulmin.graph.authoring.casefile import load_case
from toulmin.graph.rdf.compile import compile_determination
from toulmin.graph.rdf.iris import graph_iri, node_iri
from toulmin.graph.rdf.serialize import serialize
from toulmin.ontology.namespace import OA, TLM

GOLDEN_TTL = GOLDEN / "l4-5-revision.ttl"


def test_flagship_matches_golden_turtle(flagship_path: Path) -> None:
    graph = compile_determination(load_case(flagship_path))
    if os.environ.get("TOULMIN_REGEN_GOLDEN"):
        GOLDEN_TTL.write_text(serialize([graph], "turtle"), encoding="utf-8")
    golden = Graph().parse(GOLDEN_TTL, format="turtle")
    if not isomorphic(graph, golden):
        _, only_new, only_golden = graph_diff(to_isomorphic(graph), to_isomorphic(golden))
        raise AssertionError(
            "compiled graph differs from tests/golden/l4-5-revision.ttl\n"
            f"only in compiled: {sorted(map(str, only_new))[:10]}\n"
            f"only in golden: {sorted(map(str, only_golden))[:10]}"
        )


def test_compiling_is_deterministic(flagship_path: Path) -> None:
    first = compile_determination(load_case(flagship_path))
    second = compile_determination(load_case(flagship_path))
    assert isomorphic(first, second)
    assert sorted(serialize([first], "nquads").splitlines()) == sorted(
        serialize([second], "nquads").splitlines()
    )


def test_one_named_graph_with_stable_iris(flagship_path: Path) -> None:
    graph = compile_determination(load_case(flagship_path))
    assert graph.identifier == URIRef("https://w3id.org/toulmin/d/l4-5-revision/graph")
    assert graph.identifier == graph_iri("l4-5-revision")
    main_claim = node_iri("l4-5-revision", "c-main")
    assert (None, TLM.mainClaim, main_claim) in graph
    assert set(graph.objects(None, TLM.conclusion)) >= {main_claim}


def test_flagship_has_every_part_of_the_seed(flagship_path: Path) -> None:
    det = load_case(flagship_path)
    graph = compile_determination(det)
    codes = {str(o) for o in graph.objects(None, TLM.procedureCode)}
    assert codes == {"22850", "63042", "22849"}
    conflicts = {
        (str(graph.value(c, TLM.localId)), t.split("#")[-1])
        for c, t in graph.subject_objects(RDF.type)
        if t in (TLM.Rebuttal, TLM.Undercut, TLM.Undermining)
    }
    kinds = {kind for _, kind in conflicts}
    assert kinds == {"Rebuttal", "Undercut"}
    rebutters = {c.attacker for c in det.conflicts if c.kind == "rebut"}
    assert rebutters == {
        "c-mild-not-necessary",
        "c-no-scoliosis-not-necessary",
        "c-ambulatory-suffices",
    }
    # every statement cites, and unknown reference facts are recorded as unknown
    for item in det.all_statements():
        assert item.cite, item.id
    unknown = {s.id: set(s.unknown) for s in det.sources}
    assert {"title", "date", "identifier"} <= unknown["aans"]
    assert {"title", "publisher", "date", "identifier"} <= unknown["reoperation-study"]
    quotes = {str(q) for q in graph.objects(None, OA.exact)}
    assert "Procedure is indicated for Neurologic complication" in quotes
    grades = {str(o) for o in graph.objects(None, TLM.motorGrade)}
    assert grades == {"3+/5", "4+/5", "4-/5"}


def test_cli_build_formats(flagship_path: Path, tmp_path: Path) -> None:
    for fmt in ("turtle", "nquads", "json-ld", "trig"):
        out = tmp_path / f"out.{fmt}"
        assert main(["build", str(flagship_path), "-o", str(out), "--format", fmt]) == 0
        if fmt == "turtle":
            assert len(Graph().parse(out, format="turtle")) == len(
                compile_determination(load_case(flagship_path))
            )
        elif fmt == "json-ld":
            data = json.loads(out.read_text())
            assert any(entry.get("@id") == str(graph_iri("l4-5-revision")) for entry in data)
        else:
            ds = Dataset()
            ds.parse(out, format=fmt)
            assert graph_iri("l4-5-revision") in {g.identifier for g in ds.graphs()}


def test_cli_build_to_stdout(flagship_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["build", str(flagship_path)]) == 0
    text = capsys.readouterr().out
    assert "tlm:Rebuttal" in text
    assert "@prefix tlm:" in text
