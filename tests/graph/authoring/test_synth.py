"""``toulmin synth``: valid, varied, deterministic case files on which every query has rows."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal

from toulmin.cli import main as cli_main
from toulmin.graph.authoring.casefile import load_case
from toulmin.graph.authoring.model import Determination
from toulmin.graph.authoring.synth import (
    CRITERIA_VERSIONS,
    DEFECT_RATES,
    RETRACTED_STUDY,
    dump_case,
    synth_case,
    write_corpus,
)
from toulmin.graph.derived.layer import derived_graphs, derived_layer
from toulmin.graph.rdf.compile import compile_determination
from toulmin.graph.store.open import memory_target
from toulmin.graph.store.targets import MemoryTarget
from toulmin.ontology.namespace import TLM
from toulmin.queries.catalogue import catalogue, get_query
from toulmin.queries.runner import run_query

N = 120
SEED = 0  # at N = 120 every planted defect occurs at least twice for this seed


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synth")
    write_corpus(N, SEED, folder)
    return folder


@pytest.fixture(scope="module")
def dets(corpus: Path) -> list[Determination]:
    """Every synthesized file, read and validated by load_case (CaseFileError otherwise)."""
    return [load_case(path) for path in sorted(corpus.glob("*.yaml"))]


@pytest.fixture(scope="module")
def target(dets: list[Determination]) -> MemoryTarget:
    """The corpus as ``toulmin query`` loads case files: compiled, evaluated, summarised."""
    graphs = []
    for det in dets:
        asserted = compile_determination(det)
        graphs += [asserted, *derived_graphs(det, asserted)]
    return MemoryTarget.from_graphs(graphs)


def test_every_file_loads_and_validates(corpus: Path, dets: list[Determination]) -> None:
    files = sorted(corpus.glob("*.yaml"))
    assert len(files) == len(dets) == N
    assert [d.id for d in dets] == [p.stem for p in files]
    assert all(d.illustrative for d in dets)


def test_the_command_line_loader_reads_them(corpus: Path) -> None:
    few = MemoryTarget.from_graphs([])
    assert run_query(few, get_query("outcomes-by-code"), {}).rows == []
    small = memory_target(sorted(corpus.glob("*.yaml"))[:5], derived_layer)
    assert run_query(small, get_query("outcomes-by-code"), {}).rows


def test_deterministic_for_a_seed(tmp_path: Path) -> None:
    write_corpus(12, 5, tmp_path / "a")
    write_corpus(12, 5, tmp_path / "b")
    write_corpus(4, 5, tmp_path / "prefix")
    write_corpus(12, 6, tmp_path / "other")
    text = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    assert text == {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    assert all(p.read_bytes() == text[p.name] for p in (tmp_path / "prefix").iterdir())
    other = {p.name: p.read_bytes() for p in (tmp_path / "other").iterdir()}
    assert sum(other[name] != body for name, body in text.items()) >= 10


def test_no_yaml_aliases() -> None:
    for i in range(1, 40):
        text = dump_case(synth_case(i, 2))
        assert "&id" not in text
        assert "*id" not in text


def test_varied(corpus: Path) -> None:
    cases = [synth_case(i, SEED) for i in range(1, N + 1)]
    outcomes = Counter(c["decision"]["outcome"] for c in cases)
    assert set(outcomes) == {"approved", "denied", "partially-approved", "pended"}
    codes = {s["code"] for c in cases for s in c["services"]}
    assert len(codes) >= 10
    versions = {
        s.get("version") for c in cases for s in c["sources"] if s["kind"] == "criteria-set"
    }
    assert set(CRITERIA_VERSIONS) <= versions
    reviewers = {c["agents"][0]["name"] for c in cases}
    assert len(reviewers) >= 15
    assert sum("conflicts" in c for c in cases) > N * 0.3
    urgencies = {c["request"]["urgency"] for c in cases}
    assert urgencies == {"standard", "urgent", "expedited", "retrospective"}
    assert all(0 < rate < 1 for rate in DEFECT_RATES.values())


SYNTH_PARAMS = {
    "citing-source": {"source": RETRACTED_STUDY},
    "criteria-version": {"current_version": CRITERIA_VERSIONS[-1]},
    "trace": {"determination": "syn-000001"},
}


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_query_returns_rows(target: MemoryTarget, name: str) -> None:
    result = run_query(target, get_query(name), SYNTH_PARAMS.get(name, {}))
    assert result.rows, f"{name} returns no rows on the synthetic corpus"


@pytest.mark.parametrize("name", sorted(n for n, q in catalogue().items() if q.full is not None))
def test_summaries_agree_with_full_queries(target: MemoryTarget, name: str) -> None:
    q = get_query(name)
    params = SYNTH_PARAMS.get(name, {})
    fast = run_query(target, q, params, full=False)
    full = run_query(target, q, params, full=True)
    assert sorted(map(_key, fast.rows)) == sorted(map(_key, full.rows))


#: summary property -> (query whose reference version lists the same nodes, the column)
LINKED = {
    "citationGap": ("uncited-statements", "statement"),
    "unspecificDenial": ("unspecific-denials", "decision"),
    "unsupportedMet": ("unsupported-met", "assessment"),
    "unansweredAttack": ("unanswered-attacks", "conflict"),
    "thinConclusion": ("thin-support", "conclusion"),
}


@pytest.mark.parametrize("prop", sorted(LINKED))
def test_summary_links_agree_with_full_queries(target: MemoryTarget, prop: str) -> None:
    """Each summary names exactly the nodes the reference query finds in its determination."""
    name, column = LINKED[prop]
    q = get_query(name)
    assert q.full is not None
    full = run_query(target, q.full, SYNTH_PARAMS.get(name, {}))
    det_col, item_col = q.columns.index("determination"), q.columns.index(column)
    expected = {(str(r[det_col]), str(r[item_col])) for r in full.rows}
    summary = target.select(
        "PREFIX tlm: <https://w3id.org/toulmin/ontology#> "
        f"SELECT ?d ?x WHERE {{ GRAPH ?g {{ ?s tlm:summaryOf ?d ; tlm:{prop} ?x }} }}"
    )
    assert {(str(d), str(x)) for d, x in summary.rows} == expected
    assert expected, f"the synthetic corpus should have {prop} facts"


def test_every_determination_has_a_summary(target: MemoryTarget) -> None:
    found = target.select(
        "PREFIX tlm: <https://w3id.org/toulmin/ontology#> "
        "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?g { ?s tlm:summaryOf ?d } }"
    )
    assert int(found.rows[0][0]) == N


def test_main_claim_labels_agree_with_the_evaluator(target: MemoryTarget) -> None:
    q = get_query("conclusion-not-in")
    assert q.full is not None
    fast, full = run_query(target, q, {}, full=False), run_query(target, q.full, {})
    assert sorted(map(_key, fast.rows)) == sorted(map(_key, full.rows))
    assert fast.rows


def test_turnaround_hours_agree_with_date_arithmetic(target: MemoryTarget) -> None:
    q = get_query("late-decisions")
    zero = {p.name: "0" for p in q.params}
    assert q.full is not None
    full = run_query(target, q.full, zero)  # every decided determination, with its hours
    hours = {str(r[0]): Decimal(str(r[4])) for r in full.rows}
    summary = target.select(
        "PREFIX tlm: <https://w3id.org/toulmin/ontology#> "
        "SELECT ?d ?h WHERE { GRAPH ?g { ?s tlm:summaryOf ?d ; tlm:turnaroundHours ?h } }"
    )
    assert len(hours) == N
    for det, h in summary.rows:
        assert Decimal(str(h)) == hours[str(det)], det  # the same arithmetic, to the hundredth


def test_labels_come_from_the_evaluator(target: MemoryTarget) -> None:
    labels = target.select(
        "PREFIX tlm: <https://w3id.org/toulmin/ontology#> SELECT ?l (COUNT(*) AS ?n) WHERE "
        "{ GRAPH ?g { ?d tlm:mainClaim ?c } GRAPH ?h { ?c tlm:acceptability ?l } } GROUP BY ?l"
    )
    found = {str(label): int(n) for label, n in labels.rows}
    assert sum(found.values()) == N
    assert found.get(str(TLM.In), 0) > N / 2


def test_cli_synth(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["synth", "5", "--seed", "3", "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "wrote 5 case files" in out
    assert "outcomes:" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"syn-00000{i}.yaml" for i in range(1, 6)]
    assert cli_main(["synth", "0", "-o", str(tmp_path)]) == 2


def _key(row: tuple) -> tuple:
    out = []
    for term in row:
        value = term.toPython() if isinstance(term, Literal) else None
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            out.append(Decimal(str(value)))
        else:
            out.append(str(term) if term is not None else None)
    return tuple(out)
