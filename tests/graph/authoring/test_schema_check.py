"""The schema check shared by the case-file and criteria-file readers.

toulmin.graph.authoring.schema_check holds what both readers did each in its own copy
(reading the text, loading the shipped schema, the quick check, the full validator,
one problem per path and message); these tests pin that both readers still behave as
they did.
"""

from __future__ import annotations

import doctest
from pathlib import Path

import jsonschema
import pytest

from toulmin.errors import BadInputError, CaseFileError, CriteriaFileError
from toulmin.graph.authoring import casefile, schema_check
from toulmin.graph.authoring.yaml_positions import load_with_positions
from toulmin.graph.criteria import reader


def test_doctests() -> None:
    result = doctest.testmod(schema_check, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


@pytest.mark.parametrize(
    ("load", "what"),
    [(casefile.load_case, "case file"), (reader.load_criteria_set, "criteria file")],
)
def test_an_unreadable_file_is_named_with_its_kind(tmp_path: Path, load: object, what: str) -> None:
    missing = tmp_path / "missing.yaml"
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("title: caf\xe9\n".encode("latin-1"))
    for path in (missing, latin1):
        with pytest.raises(BadInputError) as info:
            load(path)  # type: ignore[operator]
        assert str(info.value).startswith(f"{path}: cannot read the {what}: ")
        assert not isinstance(info.value, CaseFileError)


def test_each_reader_keeps_its_own_schema_object() -> None:
    # reader._explain compares error.schema with criteria_schema()'s sub-schemas by identity
    assert reader.criteria_schema() is schema_check.shipped_schema("criteria.schema.json")
    assert casefile.case_schema() is schema_check.shipped_schema("case.schema.json")
    assert casefile.case_schema()["title"] == "toulmin case file"
    assert reader.criteria_schema()["title"] == "toulmin criteria set"


def test_a_valid_document_never_reaches_the_explainer() -> None:
    doc = load_with_positions(Path("examples/l4-5-revision.yaml").read_text("utf-8"), "x.yaml")

    def explain(error: jsonschema.ValidationError) -> list[tuple[tuple[str | int, ...], str]]:
        raise AssertionError(f"explained an error of a valid file: {error.message}")

    assert list(schema_check.schema_problems(doc, "case.schema.json", explain)) == []


def test_the_same_path_and_message_are_reported_once() -> None:
    doc = load_with_positions("toulmin: 2\nid: 7\n", "twice.yaml")
    errors = list(jsonschema.Draft202012Validator(casefile.case_schema()).iter_errors(doc.data))
    assert len(errors) > 1  # several errors, all explained alike below
    problems = list(
        schema_check.schema_problems(doc, "case.schema.json", lambda e: [((), "wrong")])
    )
    assert [(p.file, p.path, p.message) for p in problems] == [("twice.yaml", "", "wrong")]


def test_both_readers_report_schema_problems_with_their_messages() -> None:
    with pytest.raises(CaseFileError) as case_info:
        casefile.parse_case("toulmin: 1\nid: x\n", "c.yaml")
    assert str(case_info.value).splitlines() == [
        f"c.yaml:1: missing required key '{key}'"
        for key in ("decision", "services", "sources", "statements", "title")
    ]
    with pytest.raises(CriteriaFileError) as criteria_info:
        reader.parse_criteria_set('toulmin-criteria: 1\nid: x\nversion: "1"\n', "k.yaml")
    assert str(criteria_info.value).splitlines() == [
        "k.yaml:1: missing required key 'criteria'",
        "k.yaml:1: missing required key 'title'",
    ]
