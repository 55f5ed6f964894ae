"""Criteria files: round trips, the schema, every problem at once, the library and its path."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from toulmin.errors import CriteriaFileError, CriteriaNotFoundError
from toulmin.graph.criteria.library import (
    ENV_VARIABLE,
    find_criteria_set,
    search_path,
    shipped_library,
)
from toulmin.graph.criteria.reader import (
    criteria_schema,
    dump_criteria_set,
    load_criteria_set,
    parse_criteria_set,
)

LIBRARY_FILES = sorted(shipped_library().glob("*.yaml"))


def test_the_library_ships_the_examples_set() -> None:
    names = [p.name for p in LIBRARY_FILES]
    assert "toulmin-illustrative-examples.yaml" in names
    cs = find_criteria_set("toulmin-illustrative-examples")
    assert cs.illustrative
    assert cs.version == "illustrative-2025.1"


@pytest.mark.parametrize("path", LIBRARY_FILES, ids=[p.name for p in LIBRARY_FILES])
def test_load_dump_load_gives_the_same_set(path: Path) -> None:
    first = load_criteria_set(path)
    text = dump_criteria_set(first)
    second = parse_criteria_set(text, "dumped.yaml")
    assert second == first
    assert dump_criteria_set(second) == text  # and the text is stable
    # every node and every condition survived, not only the top
    assert [n.id for n in second.walk()] == [n.id for n in first.walk()]
    assert [n.condition for n in second.walk()] == [n.condition for n in first.walk()]


def test_the_dumped_file_keeps_strings_strings() -> None:
    cs = find_criteria_set("toulmin-illustrative-examples")
    data = yaml.safe_load(dump_criteria_set(cs))
    assert isinstance(data["version"], str)
    assert data["value_sets"]["revision-codes"]["codes"] == ["22849", "22850", "63042"]


GOOD_HEAD = """\
toulmin-criteria: 1
id: bad-set
version: "1"
title: A set with problems
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(CriteriaFileError) as caught:
        parse_criteria_set(text, "bad.yaml")
    assert caught.value.exit_code == 2
    return [str(p) for p in caught.value.problems]


def test_every_shape_problem_at_once_with_file_line_and_path() -> None:
    text = (
        GOOD_HEAD
        + """\
criteria:
  - id: a
    text: Two operators in one condition.
    condition:
      finding: {of: {kind: exam}}
      age: {at_least: 18}
  - id: b
    txt: A misspelt key.
    condition:
      finding: {of: {kind: exam, colour: red}}
  - id: c
    text: An unknown operator.
    condition:
      maybe: {of: {kind: exam}}
  - id: d
    text: A wrong type.
    condition: {age: {at_least: eighteen}}
"""
    )
    found = problems_of(text)
    assert found[0].startswith(
        "bad.yaml:9: /criteria/0/condition: a condition has exactly one operator (all, any, "
    )
    assert found[0].endswith("; given: finding, age")
    assert found[1].startswith("bad.yaml:12: /criteria/1/txt: unknown key 'txt' (allowed here: ")
    assert found[2].startswith(
        "bad.yaml:14: /criteria/1/condition/finding/of/colour: unknown key 'colour'"
    )
    assert found[3].startswith(
        "bad.yaml:18: /criteria/2/condition/maybe: unknown condition 'maybe'"
    )
    assert found[4] == (
        "bad.yaml:21: /criteria/3/condition/age/at_least: wrong type: expected integer, got string"
    )
    assert len(found) == 5


def test_every_reference_problem_at_once() -> None:
    text = (
        GOOD_HEAD
        + """\
effective: "2025-06-01"
retired: "2025-01-01"
retrieved: "2025-02-30"
unknown: [version, effective]
value_sets:
  fusion: {system: CPT, codes: ["22612", "2261"]}
criteria:
  - id: a
    text: Parts and a condition both.
    combine: all
    parts:
      - id: a1
        text: x
        condition: {age: {at_least: 18}}
    condition: {age: {at_least: 18}}
  - id: a1
    text: A duplicate id, an unknown value set, a grade that is not one.
    condition:
      all:
        - service: {code: {value_set: fusions}}
        - finding: {of: {kind: exam}, with: {grade: {at_least: "6/5"}, trend: {at_least: x}}}
        - finding: {of: {kind: treatment-trial}, with: {duration: {at_least: {weeks: 6, days: 2}}}}
  - id: c
    text: Parts without combine, and a reference to nothing.
    parts:
      - id: c1
        text: y
        scope: setting
        condition: {criterion: {id: nowhere}}
  - id: e
    text: At least three of two.
    combine: at-least
    at_least: 3
    parts:
      - {id: e1, text: z, condition: {age: {at_least: 1}}}
      - {id: e2, text: z, condition: {age: {at_least: 2}}}
"""
    )
    found = problems_of(text)
    expected = [
        "bad.yaml:6: /retired: retired (2025-01-01) must come after effective (2025-06-01)",
        "bad.yaml:7: /retrieved: '2025-02-30' is not a date of the calendar",
        "bad.yaml:8: /unknown/1: 'effective' is given and also listed as unknown: remove one of the two",  # noqa: E501
        "bad.yaml:10: /value_sets/fusion/codes/1: '2261' is not a CPT code",
        "bad.yaml:12: /criteria/0: a criterion has either a condition or parts (with combine), not both",  # noqa: E501
        "bad.yaml:20: /criteria/1/id: duplicate id 'a1': already used at line 16",
        "bad.yaml:24: /criteria/1/condition/all/0/service/code/value_set: unknown value set 'fusions' (value_sets: fusion)",  # noqa: E501
        "bad.yaml:25: /criteria/1/condition/all/1/finding/with/grade/at_least: '6/5' is not an MRC motor grade such as 4-/5",  # noqa: E501
        "bad.yaml:25: /criteria/1/condition/all/1/finding/with/trend/at_least: 'trend' has no order: at_least works on age, duration, grade, levels, severity",  # noqa: E501
        "bad.yaml:26: /criteria/1/condition/all/2/finding/with/duration/at_least: a duration has exactly one unit and a number 0 or more: {days: N}, {weeks: N}, {months: N} or {years: N}",  # noqa: E501
        "bad.yaml:27: /criteria/2: parts need 'combine: all', 'combine: any' or 'combine: at-least'",  # noqa: E501
        "bad.yaml:32: /criteria/2/parts/0/scope: scope is set on a top-level criterion only; its parts share it",  # noqa: E501
        "bad.yaml:33: /criteria/2/parts/0/condition/criterion/id: unknown criterion 'nowhere': no criterion of this set has this id",  # noqa: E501
        "bad.yaml:37: /criteria/3/at_least: at least 3 of 2 parts can never be met",
    ]
    assert found == expected


def test_a_total_duration_needs_exactly_one_threshold() -> None:
    body = "criteria:\n  - id: a\n    text: t\n    condition:\n      total_duration: {of: {kind: treatment-trial}, %s}\n"  # noqa: E501
    for spec in ("with: {outcome: failed}", "at_least: {weeks: 6}, above: {weeks: 6}"):
        assert problems_of(GOOD_HEAD + body % spec) == [
            "bad.yaml:9: /criteria/0/condition/total_duration: total_duration takes one threshold: at_least or above"  # noqa: E501
        ]


def test_yaml_errors_and_non_mappings_are_reported_as_criteria_problems() -> None:
    assert problems_of("a: [1,\n")[0].startswith("bad.yaml:2: not valid YAML")
    assert problems_of("") == ["bad.yaml:1: the file is empty: expected a criteria mapping"]
    assert problems_of("- 1\n") == [
        "bad.yaml:1: a criteria file is a mapping (toulmin-criteria: 1, id: ...)"
    ]
    found = problems_of(
        GOOD_HEAD
        + "note: a\nnote: b\ncriteria: [{id: a, text: t, condition: {age: {at_least: 1}}}]\n"
    )
    assert found == ["bad.yaml:6: /note: duplicate key 'note': a mapping may name each key once"]


def test_the_schema_ships_and_describes_every_operator() -> None:
    ops = criteria_schema()["$defs"]["condition"]["properties"]
    assert {
        "all",
        "any",
        "at_least",
        "not",
        "finding",
        "absent",
        "count",
        "total_duration",
        "service",
        "request",
        "setting",
        "age",
        "nicotine",
        "criterion",
    } == set(ops)
    assert all(spec.get("description") or "$ref" in spec for spec in ops.values())


# --- the library and the search path ----------------------------------------------------


def write_set(folder: Path, ident: str, version: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{ident}-{version}.yaml"
    path.write_text(
        f'toulmin-criteria: 1\nid: {ident}\nversion: "{version}"\ntitle: {ident} {version}\n'
        "criteria:\n  - id: a\n    text: Adults.\n    condition: {age: {at_least: 18}}\n"
    )
    return path


def test_lookup_by_id_and_version_latest_when_none(tmp_path: Path) -> None:
    for version in ("2025.2", "2025.10", "2025.9"):
        write_set(tmp_path / "a", "payer-x", version)
    assert find_criteria_set("payer-x", [tmp_path / "a"]).version == "2025.10"
    assert find_criteria_set("payer-x@2025.9", [tmp_path / "a"]).title == "payer-x 2025.9"
    with pytest.raises(CriteriaNotFoundError) as caught:
        find_criteria_set("payer-x@2024.1", [tmp_path / "a"])
    message = str(caught.value)
    assert "payer-x@2025.10" in message
    assert ENV_VARIABLE in message
    assert caught.value.exit_code == 2


def test_explicit_folders_come_before_the_environment_before_the_library(tmp_path: Path) -> None:
    explicit = write_set(tmp_path / "explicit", "payer-y", "1").parent
    env = write_set(tmp_path / "env", "payer-y", "1").parent
    (env / "payer-y-1.yaml").write_text(
        (env / "payer-y-1.yaml").read_text().replace("title: payer-y 1", "title: from env")
    )
    environ = {ENV_VARIABLE: str(env)}
    assert search_path([explicit], environ) == [explicit, env, shipped_library()]
    assert find_criteria_set("payer-y@1", [explicit], environ).title == "payer-y 1"
    assert find_criteria_set("payer-y@1", [], environ).title == "from env"
    with pytest.raises(CriteriaNotFoundError):
        find_criteria_set("payer-y@1")  # the environment is read only when passed


def test_a_broken_file_on_the_path_is_reported_not_skipped(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("toulmin-criteria: 2\n")
    with pytest.raises(CriteriaFileError) as caught:
        find_criteria_set("anything", [tmp_path])
    assert str(tmp_path / "broken.yaml") in str(caught.value)
