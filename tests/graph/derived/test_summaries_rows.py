"""Pre-joined summary rows and tallies: the named queries agree with their reference twins.

The default parameters are checked by tests/queries/test_queries.py and
tests/graph/authoring/test_synth.py; here each query that reads the rows and tallies of
graph/derived/summaries.py is also run with the other values of its parameters, on the
fixture corpus and on a synthetic one.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal

from tests.helpers.corpus import CORPUS, corpus_graphs
from toulmin.graph.authoring.casefile import load_case
from toulmin.graph.authoring.synth import CRITERIA_VERSIONS, write_corpus
from toulmin.graph.derived.layer import derived_graphs
from toulmin.graph.derived.summaries import TALLY_BASE, summary_triples
from toulmin.graph.rdf.compile import compile_determination, compile_triples
from toulmin.graph.store.targets import MemoryTarget
from toulmin.queries.catalogue import get_query
from toulmin.queries.runner import run_query

#: (query, parameters) beyond the defaults
VARIANTS: list[tuple[str, dict[str, str]]] = [
    ("not-met-rate", {"min_assessed": "2"}),
    ("not-met-rate", {"min_assessed": "5"}),
    ("criteria-version", {"current_version": "2024.1"}),
    ("criteria-version", {"current_version": "2025.2", "restrict_to": "fx-old"}),
    ("criteria-version", {"current_version": "2025.2", "restrict_to": "fx-criteria"}),
    ("short-conservative-care", {"min_weeks": "12"}),
    ("short-conservative-care", {"min_weeks": "3"}),
    ("specialty-mismatch", {"match": "contains"}),
    ("late-decisions", {"urgent_hours": "0", "standard_hours": "0"}),
    ("mild-imaging-approvals", {}),
    ("thin-support", {}),
]


@pytest.fixture(scope="module")
def fixture_target() -> MemoryTarget:
    return MemoryTarget.from_graphs(corpus_graphs())


@pytest.fixture(scope="module")
def synth_target(tmp_path_factory: pytest.TempPathFactory) -> MemoryTarget:
    folder = tmp_path_factory.mktemp("synth-rows")
    write_corpus(80, 3, folder)
    graphs = []
    for path in sorted(folder.glob("*.yaml")):
        det = load_case(path)
        asserted = compile_determination(det)
        graphs += [asserted, *derived_graphs(det, asserted)]
    return MemoryTarget.from_graphs(graphs)


def _key(row: tuple) -> tuple:
    out: list[object] = []
    for term in row:
        value = term.toPython() if isinstance(term, Literal) else None
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            out.append(Decimal(str(value)))
        else:
            out.append(str(term) if term is not None else None)
    return tuple(out)


def _agree(target: MemoryTarget, name: str, params: dict[str, str]) -> int:
    q = get_query(name)
    fast = run_query(target, q, params, full=False)
    full = run_query(target, q, params, full=True)
    a, b = list(map(_key, fast.rows)), list(map(_key, full.rows))
    # the same rows in the same order (both queries sort the same way)
    assert a == b, (name, params)
    return len(fast.rows)


@pytest.mark.parametrize(("name", "params"), VARIANTS)
def test_fixture_corpus_agrees(fixture_target: MemoryTarget, name: str, params: dict) -> None:
    _agree(fixture_target, name, params)


@pytest.mark.parametrize(("name", "params"), VARIANTS)
def test_synthetic_corpus_agrees(synth_target: MemoryTarget, name: str, params: dict) -> None:
    _agree(synth_target, name, params)


def test_synthetic_corpus_gives_rows_for_each_rewritten_query(synth_target: MemoryTarget) -> None:
    defaults = {"criteria-version": {"current_version": CRITERIA_VERSIONS[-1]}}
    for name in (
        "not-met-rate",
        "criteria-version",
        "short-conservative-care",
        "specialty-mismatch",
        "mild-imaging-approvals",
        "late-decisions",
    ):
        assert _agree(synth_target, name, defaults.get(name, {})) > 0, name


def test_tallies_are_shared_across_determinations(tmp_path: Path) -> None:
    write_corpus(30, 3, tmp_path)
    seen: dict[object, int] = {}
    for path in sorted(tmp_path.glob("*.yaml")):
        facts = list(summary_triples(compile_triples(load_case(path))))
        tallies = {s for s, _, _ in facts if str(s).startswith(TALLY_BASE)}
        counts = {(s, p.fragment): o.toPython() for s, p, o in facts if s in tallies}
        for tally in tallies:
            assert 0 <= counts[tally, "notMetCount"] <= counts[tally, "assessedCount"]
            seen[tally] = seen.get(tally, 0) + 1
    assert any(n > 1 for n in seen.values())  # the same tally IRI in two determinations


def test_summary_triples_use_only_declared_terms() -> None:
    """Every new fact uses a term of the closed namespace (a typo would raise)."""
    det = load_case(CORPUS / "gaps.yaml")
    triples = list(summary_triples(compile_triples(det)))
    predicates = {str(p) for _, p, _ in triples}
    assert "https://w3id.org/toulmin/ontology#failedTrialWeeks" in predicates
    assert "https://w3id.org/toulmin/ontology#mildImagingCode" in predicates
