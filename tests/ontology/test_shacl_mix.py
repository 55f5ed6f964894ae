"""SHACL with the ontology mixed in once per process gives pyshacl's own results.

``shacl_violations`` adds the ontology's axioms (what pyshacl's ``ont_graph`` option adds,
its ``inoculate``), computed once, next to the data; this compares it with pyshacl run the
plain way, ``ont_graph=`` the ontology, on every example and on every edit of
tests/test_shapes.py (each makes one shape fail).
"""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph

from tests.helpers import shape_cases
from toulmin.graph.rdf.compile import compile_determination
from toulmin.graph.rdf.read import read_determination
from toulmin.ontology import validate
from toulmin.ontology.validate import Violation, shacl_violations

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))


def plain_pyshacl(graph: Graph) -> list[Violation]:
    """The results of pyshacl given the ontology as its ``ont_graph`` (the former way)."""
    _conforms, results, _text = pyshacl.validate(
        graph,
        shacl_graph=validate.load_shapes(),
        ont_graph=validate.load_ontology(),
        inference="none",
        abort_on_first=False,
        allow_infos=True,
        allow_warnings=True,
        meta_shacl=False,
        advanced=False,
    )
    assert isinstance(results, Graph)
    return sorted(set(validate._violations(results, graph)), key=validate._sort_key)


GRAPHS: dict[str, Graph] = {}


def graph(name: str) -> Graph:
    if not GRAPHS:
        GRAPHS.update(
            {p.stem: compile_determination(read_determination(p, None)) for p in EXAMPLES}
        )
        valid = Graph().parse(shape_cases.FIXTURE, format="turtle")
        GRAPHS["valid-min"] = valid
        GRAPHS.update({case.id: shape_cases.edited(valid, case) for case in shape_cases.CASES})
    return GRAPHS[name]


NAMES = [p.stem for p in EXAMPLES] + ["valid-min"] + [case.id for case in shape_cases.CASES]


@pytest.mark.parametrize("name", NAMES)
def test_the_results_are_pyshacls_own(name: str) -> None:
    data = graph(name)
    before = set(data)
    assert shacl_violations(data) == plain_pyshacl(data)
    assert set(data) == before  # the data graph is not changed


def test_the_edits_fail_somewhere() -> None:
    failing = [name for name in NAMES if shacl_violations(graph(name))]
    assert len(failing) >= len(shape_cases.CASES)
