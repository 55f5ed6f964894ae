"""Bad case files: every problem at once, each with file, line, path and a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from toulmin.cli import main
from toulmin.errors import CaseFileError
from toulmin.graph.authoring.casefile import load_case, parse_case

VALID = """\
toulmin: 1
id: tiny
title: Tiny determination
decision:
  outcome: approved
  main_claim: c
sources:
  - id: rec
    kind: clinical-document
    title: Record
services:
  - id: s
    code: "22850"
    decision: approved
    claim: c
findings:
  - id: f
    kind: exam
    text: EHL 3+/5.
    grade: 3+/5
    cite: rec#note
statements:
  - id: c
    kind: conclusion
    text: Necessary.
    cite: rec
inferences:
  - id: i
    premises: [f]
    conclusion: c
"""


def problems(text: str) -> list[tuple[int | None, str, str]]:
    with pytest.raises(CaseFileError) as info:
        parse_case(text, "case.yaml")
    assert all(p.file == "case.yaml" for p in info.value.problems)
    return [(p.line, p.path, p.message) for p in info.value.problems]


def test_the_valid_base_parses() -> None:
    det = parse_case(VALID, "case.yaml")
    assert det.id == "tiny"
    assert det.inferences[0].premises == ("f",)


def test_yaml_syntax_error_names_the_line() -> None:
    [(line, path, message)] = problems(VALID.replace("  outcome: approved", "  outcome: [approved"))
    assert line == 6
    assert path == ""
    assert message.startswith("not valid YAML")


def test_unknown_id_referenced() -> None:
    [(line, path, message)] = problems(VALID.replace("premises: [f]", "premises: [f-nope]"))
    assert (line, path) == (29, "/inferences/0/premises/0")
    assert message == "unknown id 'f-nope': no statement, finding or assessment has this id"


def test_citation_to_an_unknown_source() -> None:
    [(line, path, message)] = problems(VALID.replace("cite: rec#note", "cite: aans#p. 4"))
    assert (line, path) == (21, "/findings/0/cite")
    assert message == "unknown id 'aans': no source has this id"


def test_missing_citation_says_how_to_record_none() -> None:
    [(line, path, message)] = problems(VALID.replace("    cite: rec\n", ""))
    assert (line, path) == (23, "/statements/0")
    assert message.startswith("missing citation: add 'cite: SOURCE-ID[#locator]'")
    assert "cite: []" in message


def test_deliberately_empty_citation_is_accepted() -> None:
    det = parse_case(VALID.replace("    cite: rec\n", "    cite: []\n"), "case.yaml")
    assert det.statements[0].cite == ()


def test_wrong_type() -> None:
    [(line, path, message)] = problems(VALID.replace('code: "22850"', "code: 22850"))
    assert (line, path) == (13, "/services/0/code")
    assert message == "wrong type: expected string, got integer"


def test_duplicate_id_points_at_the_first_use() -> None:
    found = problems(VALID.replace("  - id: f\n", "  - id: s\n"))
    [(line, path, message)] = [p for p in found if "duplicate" in p[2]]
    assert (line, path) == (17, "/findings/0/id")
    assert message.startswith("duplicate id 's': already used by the service at line 12")


def test_support_cycle() -> None:
    text = (
        VALID
        + """\
  - id: j
    premises: [c]
    conclusion: f
"""
    )
    [(line, path, message)] = problems(text)
    assert path in {"/inferences/0", "/inferences/1"}
    assert message.startswith("support cycle: ")
    assert "c" in message
    assert "f" in message
    assert line in {28, 31}


def test_wrong_kind_of_id() -> None:
    [(line, path, message)] = problems(VALID.replace("main_claim: c", "main_claim: rec"))
    assert (line, path) == (6, "/decision/main_claim")
    assert message == "'rec' is a source, but a statement, finding or assessment is expected here"


def test_unknown_key_lists_the_allowed_ones() -> None:
    [(line, path, message)] = problems(VALID.replace("    grade: 3+/5\n", "    grdae: 3+/5\n"))
    assert (line, path) == (20, "/findings/0/grdae")
    assert message.startswith("unknown key 'grdae' (allowed here: agent, body_site, cite,")


def test_bad_enum_value() -> None:
    [(line, path, message)] = problems(VALID.replace("outcome: approved", "outcome: maybe"))
    assert (line, path) == (5, "/decision/outcome")
    assert message == "'maybe' is not one of: approved, denied, partially-approved, pended"


def test_malformed_motor_grade() -> None:
    [(line, path, message)] = problems(VALID.replace("grade: 3+/5", "grade: 7/5"))
    assert (line, path) == (20, "/findings/0/grade")
    assert message.startswith("'7/5' is not well formed: MRC motor grade")


def test_duplicate_key() -> None:
    [(line, path, message)] = problems(
        VALID.replace("    kind: exam\n", "    kind: exam\n    kind: exam\n")
    )
    assert (line, path) == (19, "/findings/0/kind")
    assert message.startswith("duplicate key 'kind'")


def test_undercut_must_target_an_inference() -> None:
    text = VALID + "conflicts:\n  - {id: x, kind: undercut, attacker: f, target: c}\n"
    [(line, path, message)] = problems(text)
    assert (line, path) == (32, "/conflicts/0/target")
    assert "an undercut attacks an inference" in message


def test_missing_required_key() -> None:
    [(line, path, message)] = problems(VALID.replace("    decision: approved\n", ""))
    assert (line, path) == (12, "/services/0")
    assert message == "missing required key 'decision'"


def test_every_problem_is_listed_at_once() -> None:
    text = (
        VALID.replace("outcome: approved", "outcome: maybe")
        .replace('code: "22850"', "code: 22850")
        .replace("grade: 3+/5", "grade: 9/5")
    )
    found = problems(text)
    assert [p for _, p, _ in found] == [
        "/decision/outcome",
        "/services/0/code",
        "/findings/0/grade",
    ]


def test_reference_problems_are_all_listed_too() -> None:
    text = VALID.replace("premises: [f]", "premises: [f, g]").replace(
        "    claim: c\n", "    claim: zz\n"
    )
    found = problems(text)
    assert {p for _, p, _ in found} == {"/services/0/claim", "/inferences/0/premises/1"}


def test_not_a_mapping() -> None:
    [(line, _, message)] = problems("- just\n- a list\n")
    assert line == 1
    assert message.startswith("a case file is a mapping")


def test_cli_exit_code_2_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(VALID.replace("premises: [f]", "premises: [nope]"), encoding="utf-8")
    out = tmp_path / "out.ttl"
    assert main(["build", str(bad), "-o", str(out)]) == 2
    assert not out.exists()
    err = capsys.readouterr().err
    assert f"{bad}:29: /inferences/0/premises/0: unknown id 'nope'" in err


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="cannot read the case file"):
        load_case(tmp_path / "missing.yaml")


def test_reserved_ids_are_refused() -> None:
    [(line, path, message)] = problems(
        VALID.replace("  - id: s\n", "  - id: setting\n").replace(
            "    claim: c\n", "    claim: c\n"
        )
    )
    assert (line, path) == (12, "/services/0/id")
    assert message == "'setting' is reserved for a node toulmin makes itself; choose another id"
