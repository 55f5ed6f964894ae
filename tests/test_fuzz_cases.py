"""Fuzz: mutated case files through build, check, evaluate and viz, in process (issue 15).

Each input is an example or a corpus fixture, changed by hypothesis: keys deleted,
values swapped for values of other types (unicode, control characters, newlines,
NaN, huge numbers, nested lists and mappings), list items duplicated (duplicate ids),
strings given surrounding whitespace, and the YAML text itself cut, or given tabs,
anchors, aliases, brackets or duplicated lines. Every input then goes through the
library functions the commands call: ``parse_case`` (all commands), compile and
serialise (``build``), SHACL (``check --no-owl``; the OWL reasoner is covered in
test_shapes/test_reasoning), evaluate and render (``evaluate``) and the map page
(``viz``).

The property: no exception escapes but :class:`~toulmin.errors.ToulminError`; and what
``build`` writes for an accepted input is Turtle that pyoxigraph reads back strictly,
with no ill-typed literal.

``make test`` runs a few examples (``TOULMIN_FUZZ_EXAMPLES``, default 25);
``test_fuzz_many`` (marked ``slow``) and ``benchmarks/bench_fuzz.py`` run thousands.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toulmin.errors import ToulminError
from toulmin.graph.argument.evaluate import evaluate
from toulmin.graph.argument.render import render_evaluation
from toulmin.graph.authoring.casefile import parse_case
from toulmin.graph.authoring.lexical import xsd_problem
from toulmin.graph.authoring.yaml_positions import load_with_positions
from toulmin.graph.derived.evaluation import derived_graph
from toulmin.graph.rdf.check import check_determination
from toulmin.graph.rdf.compile import compile_determination
from toulmin.graph.rdf.serialize import serialize
from toulmin.viz._evaluation import evaluate_for_viz
from toulmin.viz.html import map_html

ROOT = Path(__file__).resolve().parent.parent
BASE_FILES = [
    *sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.yaml")),
    ROOT / "examples" / "l4-5-fusion-pended-pt.yaml",
]
BASES: list[Any] = [load_with_positions(p.read_text("utf-8"), p.name).data for p in BASE_FILES]
EXAMPLES = int(os.environ.get("TOULMIN_FUZZ_EXAMPLES", "25"))

Path_ = tuple[str | int, ...]

SPECIAL_STRINGS = [
    "",
    " ",
    "\n",
    "\t",
    "2025-13-45T99:99:99Z",
    "2025-05-06T08:05:00Z\n",
    "2025-02-30",
    "tiny\n",
    " c-main",
    "c-main",
    "rec",
    "rec#",
    "#loc",
    "\u202e\u0000\u0007",
    "\ufeff",
    "é" * 3,
    "<script>alert(1)</script>",
    '"quoted" \\ back',
    "x" * 25_000,
    "9" * 5000,
    "case",
    "undercut",
]

#: Keys whose values become IRIs or typed literals (or codes), and lists of them.
TYPED_KEYS = frozenset(
    {"id", "decided", "received", "code", "grade", "min_grade", "icd10", "applies_to"}
    | {"weight", "min_weeks", "duration_weeks", "line", "at_least", "main_claim", "premises"}
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(SPECIAL_STRINGS),
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=6,
)


def paths(data: Any, prefix: Path_ = ()) -> list[Path_]:
    """Every path in ``data`` (mapping keys and list indexes), the root excluded."""
    out: list[Path_] = []
    items: Any = ()
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    for key, value in items:
        out.append((*prefix, key))
        out.extend(paths(value, (*prefix, key)))
    return out


def parent(data: Any, path: Path_) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


def _delete(data: Any, path: Path_, _value: Any) -> None:
    del parent(data, path)[path[-1]]


def _replace(data: Any, path: Path_, value: Any) -> None:
    parent(data, path)[path[-1]] = value


def _duplicate(data: Any, path: Path_, _value: Any) -> None:
    holder = parent(data, path)
    if isinstance(holder, list):
        holder.append(holder[path[-1]])


def _pad(data: Any, path: Path_, value: Any) -> None:
    holder = parent(data, path)
    old = holder[path[-1]]
    if isinstance(old, str):
        holder[path[-1]] = f"{old}\n" if isinstance(value, bool) and value else f" {old}"
    else:
        holder[path[-1]] = str(old)


def _wrap(data: Any, path: Path_, _value: Any) -> None:
    holder = parent(data, path)
    holder[path[-1]] = [holder[path[-1]]]


OPERATIONS: list[Callable[[Any, Path_, Any], None]] = [_delete, _replace, _duplicate, _pad, _wrap]

SNIPPETS = [
    "\t",
    "&a ",
    "*a",
    ": ",
    "- ",
    "{",
    "]",
    "\ufeff",
    "\x85",
    "!!python/object:os.system ",
    "!!binary ",
    "? ",
    "|\n",
    "&b [*b]",
    "\n  - {id: c-main}\n",
]


@st.composite
def mutated_case(draw: st.DrawFn) -> str:
    """A base case file with one to three mutations of its data, then of its text."""
    import copy

    data = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 3))):
        found = paths(data)
        scalars_at = [p for p in found if not isinstance(parent(data, p)[p[-1]], dict | list)]
        typed = [p for p in scalars_at if TYPED_KEYS.intersection(map(str, p))]
        choice = draw(st.integers(0, 2))
        if choice < 2 and (typed if choice == 0 else scalars_at):
            # a value that becomes an IRI or a typed literal, or any scalar, changed in place
            path = draw(st.sampled_from(typed if choice == 0 else scalars_at))
            holder, old = parent(data, path), parent(data, path)[path[-1]]
            holder[path[-1]] = draw(
                st.sampled_from([f"{old}\n", f" {old}", f"{old}\t", f"{old}é", f"{old}:"])
                | st.sampled_from([*SPECIAL_STRINGS, float("nan"), float("inf"), 10**400])
            )
            continue
        if not found:
            break
        path = draw(st.sampled_from(found))
        operation = draw(st.sampled_from(OPERATIONS))
        operation(data, path, draw(values))
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=80)
    if draw(st.booleans()):
        where = draw(st.integers(0, len(text)))
        kind = draw(st.integers(0, 2))
        if kind == 0:
            text = text[:where] + draw(st.sampled_from(SNIPPETS)) + text[where:]
        elif kind == 1:
            text = text[:where]
        else:
            lines = text.splitlines(keepends=True)
            line = draw(st.integers(0, max(0, len(lines) - 1)))
            text = "".join(lines[: line + 1] + lines[line:])
    return text


def run_commands(text: str) -> str:
    """What build, check, evaluate and viz do with ``text``: ``rejected`` or ``accepted``.

    Raises whatever the library raises that is not a ToulminError (the test fails), and
    AssertionError when what build writes is not valid RDF with well-typed literals.
    """
    try:
        det = parse_case(text, "fuzz.yaml")
    except ToulminError:
        return "rejected"
    turtle = serialize([compile_determination(det)], "turtle")
    for triple in ox.parse(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE):
        obj = triple.object
        if isinstance(obj, ox.Literal):
            problem = xsd_problem(obj.value, obj.datatype.value)
            assert problem is None, problem
    with contextlib.suppress(ToulminError):
        check_determination(det, owl=False)
    with contextlib.suppress(ToulminError):
        ev = evaluate(det)
        render_evaluation(ev, width=100, color=False)
        serialize([derived_graph(ev)], "turtle")
    with contextlib.suppress(ToulminError):
        map_html(det, evaluation=evaluate_for_viz(det))
    return "accepted"


def test_the_bases_are_accepted() -> None:
    for path in BASE_FILES:
        assert run_commands(path.read_text("utf-8")) == "accepted", path


def test_a_known_bad_input_is_rejected() -> None:
    text = (ROOT / "tests/fixtures/corpus/dates.yaml").read_text("utf-8")
    assert run_commands(text.replace('"2025-02-15"', '"2025-13-45T99:99:99Z"')) == "rejected"


@settings(
    max_examples=EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)
@given(mutated_case())
def test_fuzz_mutated_case_files(text: str) -> None:
    run_commands(text)


@pytest.mark.slow
@settings(
    max_examples=2000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated_case())
def test_fuzz_many(text: str) -> None:
    run_commands(text)
