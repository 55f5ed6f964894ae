"""``toulmin evaluate --json`` gives the same document as before the evaluator was split.

The expected files under ``tests/fixtures/evaluate/`` were written by the evaluator as it
was before :mod:`toulmin.graph.argument.evaluate` was cut into standards, gates, the Dung
translation and reasons (``toulmin evaluate CASE --json --semantics S`` on each example);
any change to a label, a reason text or a proof-standard field shows up here as a diff.
To accept a deliberate change, regenerate them the same way and review the diff.
"""

from __future__ import annotations

import json

import pytest

from tests.helpers.paths import FIXTURES, ROOT
from toulmin.cli import main

EXPECTED = FIXTURES / "evaluate"
CASES = sorted(p.stem for p in (ROOT / "examples").glob("*.yaml"))


def test_there_is_a_fixture_for_every_example() -> None:
    assert len(CASES) == 5
    for case in CASES:
        for semantics in ("grounded", "preferred"):
            assert (EXPECTED / f"{case}.{semantics}.json").is_file()


@pytest.mark.parametrize("semantics", ["grounded", "preferred"])
@pytest.mark.parametrize("case", CASES)
def test_evaluate_json_is_unchanged(
    capsys: pytest.CaptureFixture[str], case: str, semantics: str
) -> None:
    path = ROOT / "examples" / f"{case}.yaml"
    code = main(["evaluate", str(path), "--json", "--semantics", semantics])
    out, _ = capsys.readouterr()
    assert code == 0
    expected = (EXPECTED / f"{case}.{semantics}.json").read_text(encoding="utf-8")
    assert json.loads(out) == json.loads(expected)
    assert out == expected  # byte for byte: key order and number formatting too
