"""Parameters are bound, never pasted: hostile values are matched literally.

The fixture tests/fixtures/corpus/injection.yaml holds a source whose identifier is
``x"} ; DROP ALL ; { SELECT * WHERE { ?s ?p ?o } #`` and whose title is full of
quotes, braces and backslashes. Passed as a parameter, each value must find exactly
that determination, a near miss must find nothing, and the store must be unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from tests.helpers.corpus import CORPUS
from toulmin.cli import main as cli_main
from toulmin.errors import QueryError
from toulmin.graph.derived.layer import derived_layer
from toulmin.graph.store.open import memory_target
from toulmin.graph.store.targets import MemoryTarget, QueryResult, Term
from toulmin.ontology.namespace import DATA
from toulmin.queries.catalogue import Param, get_query, load_query
from toulmin.queries.runner import bindings, convert, run_query

HOSTILE_ID = 'x"} ; DROP ALL ; { SELECT * WHERE { ?s ?p ?o } #'
HOSTILE_TITLE = 'Odd "guideline" } ; DROP ALL ; { it\'s {braced} \\ back'


class Spy:
    """A target that records what it is asked, then answers from a real store."""

    def __init__(self, inner: MemoryTarget) -> None:
        self.inner = inner
        self.calls: list[tuple[str, Mapping[str, Term] | None]] = []

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        self.calls.append((query, bindings))
        return self.inner.select(query, bindings)

    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool:
        return self.inner.ask(query, bindings)


@pytest.fixture(scope="module")
def target() -> MemoryTarget:
    return memory_target([CORPUS], derived_layer)


def _size(target: MemoryTarget) -> int:
    return len(target.store)


@pytest.mark.parametrize("value", [HOSTILE_ID, HOSTILE_TITLE])
def test_hostile_value_is_matched_literally(target: MemoryTarget, value: str) -> None:
    before = _size(target)
    spy = Spy(target)
    result = run_query(spy, get_query("citing-source"), {"source": value})
    assert [str(r[0]) for r in result.rows] == [f"{DATA}fx-injection"]
    assert _size(target) == before
    text, bound = spy.calls[-1]
    assert value not in text  # the query text never contains the value ...
    assert bound == {"source": Literal(value)}  # ... it travels as a bound term


@pytest.mark.parametrize(
    "value",
    ['"} ; DROP ALL ; {', HOSTILE_ID[:-1], HOSTILE_ID + " ", "x\\", "'", '"""', "} }", "#"],
)
def test_near_misses_and_fragments_match_nothing(target: MemoryTarget, value: str) -> None:
    before = _size(target)
    assert run_query(target, get_query("citing-source"), {"source": value}).rows == []
    assert _size(target) == before


def test_hostile_value_through_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli_main(
        [
            "query",
            "citing-source",
            str(CORPUS),
            "--param",
            f"source={HOSTILE_ID}",
            "--format",
            "json",
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert [(r["determination"], r["source_id"]) for r in data["rows"]] == [
        (f"{DATA}fx-injection", "odd")
    ]


def test_hostile_value_in_another_parameter_type(target: MemoryTarget) -> None:
    """A string compared in a FILTER (criteria-version) is as safe as one in a pattern."""
    result = run_query(
        target,
        get_query("criteria-version"),
        {"current_version": '2025.2" ) } ; DROP ALL ; { FILTER("', "restrict_to": HOSTILE_TITLE},
    )
    assert result.rows == []


@pytest.mark.parametrize(
    "value", ["fx-clean> } ; DROP ALL ; { <x", "a b", "<urn:x>", 'urn:x"', "urn:{x}", ""]
)
def test_hostile_iri_or_id_is_refused(value: str) -> None:
    with pytest.raises(QueryError, match="determination"):
        bindings(get_query("trace"), {"determination": value})


def test_a_valid_iri_or_id_is_accepted() -> None:
    q = get_query("trace")
    assert bindings(q, {"determination": "fx-clean"}) == {
        "determination": URIRef(f"{DATA}fx-clean")
    }
    assert bindings(q, {"determination": "urn:uuid:1234"}) == {
        "determination": URIRef("urn:uuid:1234")
    }


# --- typed, validated parameters -----------------------------------------------------------


def test_defaults_fill_in_and_types_convert() -> None:
    values = bindings(get_query("late-decisions"), {"urgent_hours": "24"})
    assert values["urgent_hours"] == Literal("24", datatype=values["urgent_hours"].datatype)
    assert str(values["standard_hours"]) == "360"
    assert bindings(get_query("conclusion-not-in"), {}) == {}
    assert bindings(get_query("not-met-rate"), {"min_assessed": "3"})["min_assessed"] == Literal(3)


@pytest.mark.parametrize(
    ("query", "params", "message"),
    [
        ("not-met-rate", {"min_assessed": "3.5"}, "not an integer"),
        ("short-conservative-care", {"min_weeks": "NaN"}, "finite"),
        ("short-conservative-care", {"min_weeks": "6 weeks"}, "not a decimal"),
        ("specialty-mismatch", {"match": "exact } ; DROP ALL ; {"}, "one of exact"),
        ("specialty-mismatch", {"match": "fuzzy"}, "one of exact, contains"),
        ("short-conservative-care", {"min_week": "6"}, "has no parameter 'min_week'"),
        ("citing-source", {}, "needs --param source"),
    ],
)
def test_bad_parameters_are_refused(query: str, params: dict[str, str], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        bindings(get_query(query), params)


def test_datetime_and_iri_types() -> None:
    when = Param("when", "datetime", "a moment")
    assert convert(when, "2025-11-20T09:30:00Z").n3().endswith("XMLSchema#dateTime>")
    with pytest.raises(QueryError):
        convert(when, '2025-11-20T09:30:00Z" } ; DROP ALL ; {')
    with pytest.raises(QueryError):
        convert(when, "2025-02-30T09:30:00Z")
    iri = Param("x", "iri", "an IRI")
    assert convert(iri, "https://example.org/a#b") == URIRef("https://example.org/a#b")
    with pytest.raises(QueryError):
        convert(iri, "https://example.org/a> . ?s ?p ?o")


def test_ad_hoc_query_with_a_header_binds_typed_values(
    tmp_path: Path, target: MemoryTarget
) -> None:
    rq = tmp_path / "weeks.rq"
    rq.write_text(
        "#+ title: Trials of at most N weeks\n"
        "#+ description: ad hoc\n"
        "#+ severity: info\n"
        "#+ columns: [trial]\n"
        "#+ motivation: test\n"
        "#+ params:\n"
        "#+   - {name: n, type: decimal, default: 4, description: weeks}\n"
        "PREFIX tlm: <https://w3id.org/toulmin/ontology#>\n"
        "SELECT ?trial WHERE { GRAPH ?g { ?trial tlm:durationWeeks ?w } FILTER (?w <= ?n) }\n",
        encoding="utf-8",
    )
    q = load_query(rq)
    assert len(run_query(target, q, {}).rows) == 3  # 4, 2 and 2 weeks in fx-gaps
    with pytest.raises(QueryError):
        run_query(target, q, {"n": "4 } ; DROP ALL ; {"})
