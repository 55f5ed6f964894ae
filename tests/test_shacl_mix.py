"""SHACL with the ontology mixed in once per process gives pyshacl's own results.

``shacl_violations`` adds the ontology's axioms (what pyshacl's ``ont_graph`` option adds,
its ``inoculate``), computed once, next to the data; this compares it with pyshacl run the
plain way, ``ont_graph=`` the ontology, on every example and on every edit of
tests/test_shapes.py (each makes one shape fail).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pyshacl
import pytest
from rdflib import Graph

from toulmin.graph.rdf.compile import compile_determination
from toulmin.graph.rdf.read import read_determination
from toulmin.ontology import validate
from toulmin.ontology.validate import Violation, shacl_violations

TESTS = Path(__file__).resolve().parent
EXAMPLES = sorted((TESTS.parent / "examples").glob("*.yaml"))


def _shapes_tests() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_shape_cases", TESTS / "test_shapes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


SHAPES = _shapes_tests()


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
        valid = Graph().parse(SHAPES.FIXTURE, format="turtle")
        GRAPHS["valid-min"] = valid
        GRAPHS.update({case.id: SHAPES.edited(valid, case) for case in SHAPES.CASES})
    return GRAPHS[name]


NAMES = [p.stem for p in EXAMPLES] + ["valid-min"] + [case.id for case in SHAPES.CASES]


@pytest.mark.parametrize("name", NAMES)
def test_the_results_are_pyshacls_own(name: str) -> None:
    data = graph(name)
    before = set(data)
    assert shacl_violations(data) == plain_pyshacl(data)
    assert set(data) == before  # the data graph is not changed


def test_the_edits_fail_somewhere() -> None:
    failing = [name for name in NAMES if shacl_violations(graph(name))]
    assert len(failing) >= len(SHAPES.CASES)
