"""Values that become typed literals or IRIs are checked where they are read (issue 15).

Each bad value goes through build, check, evaluate and viz as the CLI runs them: exit
2, a message with file, line, path and the form the value must have, no traceback,
and nothing written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from toulmin.cli import main
from toulmin.errors import CaseFileError
from toulmin.graph.authoring.casefile import parse_case
from toulmin.graph.authoring.lexical import XSD, is_datetime, schema_search, xsd_problem

TEMPLATE = """\
toulmin: 1
id: {det_id}
title: Tiny determination
request:
  received: {received}
decision:
  outcome: approved
  main_claim: c
  decided: {decided}
sources:
  - id: rec
    kind: clinical-document
    title: Record
criteria:
  - id: k
    source: rec
    text: A criterion.
    applies_to: [{applies}]
    min_weeks: {min_weeks}
    min_grade: {min_grade}
services:
  - id: s
    code: {code}
    line: {line}
    decision: approved
    claim: c
findings:
  - id: f
    kind: exam
    text: EHL 3+/5.
    grade: {grade}
    icd10: {icd10}
    cite: rec
statements:
  - id: {claim_id}
    kind: conclusion
    text: Necessary.
    weight: {weight}
    cite: rec
"""

GOOD = {
    "det_id": "tiny",
    "received": '"2025-05-06T08:05:00Z"',
    "decided": '"2025-05-07"',
    "applies": '"22850"',
    "min_weeks": "6",
    "min_grade": "4/5",
    "code": '"22850"',
    "line": "1",
    "grade": "3+/5",
    "icd10": "M48.06",
    "claim_id": "c",
    "weight": "0.8",
}


def case(**changes: str) -> str:
    return TEMPLATE.format(**{**GOOD, **changes})


#: (name, changes, line of the problem, path, words the message must contain)
BAD: list[tuple[str, dict[str, str], int, str, str]] = [
    ("month 13", {"decided": '"2025-13-45T99:99:99Z"'}, 9, "/decision/decided", "time zone"),
    ("final newline", {"decided": "|\n    2025-05-06T08:05:00Z"}, 9, "/decision/decided", "ISO"),
    ("no such day", {"received": '"2025-02-30"'}, 5, "/request/received", "calendar"),
    ("no time zone", {"received": '"2025-05-06T08:05:00"'}, 5, "/request/received", "zone"),
    ("space before", {"received": '" 2025-05-06"'}, 5, "/request/received", "nothing before"),
    ("hour 24", {"received": '"2025-05-06T24:00:00Z"'}, 5, "/request/received", "calendar"),
    ("id newline", {"det_id": "|\n  tiny"}, 2, "/id", "no newline"),
    ("id space", {"det_id": '"ti ny"'}, 2, "/id", "letter"),
    ("id unicode", {"det_id": "tíny"}, 2, "/id", "ASCII"),
    ("element id newline", {"claim_id": '"c\\n"'}, 35, "/statements/0/id", "IRIs"),
    ("nan weight", {"weight": ".nan"}, 38, "/statements/0/weight", "finite number"),
    ("infinite weeks", {"min_weeks": ".inf"}, 19, "/criteria/0/min_weeks", "finite"),
    ("overflowing weeks", {"min_weeks": "1" + "0" * 400}, 19, "/criteria/0/min_weeks", "finite"),
    ("huge integer", {"line": "9" * 5000}, 24, "/services/0/line", "number"),
    ("grade newline", {"grade": '"4-/5\\n"'}, 31, "/findings/0/grade", "MRC"),
    ("min grade", {"min_grade": "six"}, 20, "/criteria/0/min_grade", "MRC"),
    ("code newline", {"code": '"22850\\n"'}, 23, "/services/0/code", "no newline"),
    ("code space", {"code": '" 22850"'}, 23, "/services/0/code", "whitespace"),
    ("code tab", {"applies": '"22850\\t"'}, 18, "/criteria/0/applies_to/0", "tab"),
    ("icd10 newline", {"icd10": '"M48.06\\n"'}, 32, "/findings/0/icd10", "ICD-10"),
]


def test_the_template_is_valid() -> None:
    det = parse_case(case(), "good.yaml")
    assert det.received == "2025-05-06T08:05:00+00:00"
    assert det.decided == "2025-05-07"


@pytest.mark.parametrize(("name", "changes", "line", "path", "words"), BAD, ids=[b[0] for b in BAD])
def test_parse_case_locates_the_bad_value(
    name: str, changes: dict[str, str], line: int, path: str, words: str
) -> None:
    with pytest.raises(CaseFileError) as caught:
        parse_case(case(**changes), "bad.yaml")
    problems = [p for p in caught.value.problems if p.path == path]
    assert problems, f"{name}: no problem at {path}: {caught.value}"
    assert problems[0].file == "bad.yaml"
    assert problems[0].line == line
    assert words in problems[0].message, problems[0].message


COMMANDS = [
    ["build", "-o", "out.ttl"],
    ["check", "--no-owl"],
    ["evaluate", "-o", "out.txt"],
    ["viz", "-o", "out.html"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
@pytest.mark.parametrize(
    ("name", "changes"),
    [
        (b[0], b[1])
        for b in BAD
        if b[0] in {"month 13", "final newline", "id newline", "nan weight"}
    ],
)
def test_commands_exit_2_and_write_nothing(
    command: list[str],
    name: str,
    changes: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.yaml").write_text(case(**changes), encoding="utf-8")
    code = main([*command, "bad.yaml"])
    out, err = capsys.readouterr()
    assert code == 2, (name, out, err)
    assert "Traceback" not in out + err
    assert "bad.yaml:" in err
    assert "not" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]


def test_a_good_value_still_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("good.yaml").write_text(case(), encoding="utf-8")
    assert main(["build", "-o", "out.ttl", "good.yaml"]) == 0
    assert '"2025-05-07"^^xsd:date' in Path("out.ttl").read_text(encoding="utf-8")
    capsys.readouterr()


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2025-11-20", True),
        ("2025-11-20T09:30:00Z", True),
        ("2025-11-20T09:30:00.125-05:00", True),
        ("2024-02-29", True),
        ("2025-02-29", False),
        ("2025-11-20T09:30:00", False),
        ("2025-11-20T09:30Z", False),
        ("2025-11-20T09:60:00Z", False),
        ("2025-11-20T09:30:60Z", False),
        ("2025-11-20T09:30:00+15:00", False),
        ("2025-11-20T09:30:00Z\n", False),
        ("\t2025-11-20", False),
        ("20251120", False),
        ("٢٠٢٥-١١-٢٠", False),
    ],
)
def test_is_datetime(value: str, ok: bool) -> None:
    assert is_datetime(value) is ok


def test_schema_patterns_end_at_the_end_of_the_string() -> None:
    assert schema_search("^[A-Za-z][A-Za-z0-9_.-]*$", "tiny")
    assert not schema_search("^[A-Za-z][A-Za-z0-9_.-]*$", "tiny\n")
    assert schema_search(r"^a\$$", "a$")


@pytest.mark.parametrize(
    ("lexical", "local", "ok"),
    [
        ("2025-11-20T09:30:00Z", "dateTime", True),
        ("2025-11-20T09:30:00", "dateTime", True),
        ("2025-11-20T24:00:00", "dateTime", True),
        ("2025-13-45T99:99:99Z", "dateTime", False),
        ("2025-11-20T09:30:00Z\n", "dateTime", False),
        ("2025-11-20", "date", True),
        ("2025-02-30", "date", False),
        ("-0044-03-15", "date", True),
        ("0.25", "decimal", True),
        ("-.5", "decimal", True),
        ("NaN", "decimal", False),
        ("1e3", "decimal", False),
        ("12", "integer", True),
        ("1.0", "integer", False),
        ("0", "positiveInteger", False),
        ("true", "boolean", True),
        ("yes", "boolean", False),
    ],
)
def test_xsd_problem(lexical: str, local: str, ok: bool) -> None:
    assert (xsd_problem(lexical, XSD + local) is None) is ok
    assert xsd_problem("anything", "http://example.org/type") is None
