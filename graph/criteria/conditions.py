"""Conditions: typed predicates over the facts view, and their three-valued evaluation.

This module owns the condition language of criteria files (``docs/criteria-format.md``):
the node types, how each is read from and written back to plain data, and how each is
evaluated against :class:`~toulmin.graph.criteria.facts.Facts` to a
:class:`~toulmin.graph.criteria.truth.Truth` with the findings that decided it and the
paths that failed or were missing. Conditions never read free text.

It imports only the other modules of :mod:`toulmin.graph.criteria` (truth, values,
facts).

Examples
--------
>>> from toulmin.graph.criteria.facts import Facts, FindingFact, ServiceFact
>>> cond = parse_condition({"finding": {"of": {"kind": "exam"},
...                                     "with": {"grade": {"at_most": "3/5"}}}}, "/c")
>>> facts = Facts(ServiceFact("s", "63042"), (FindingFact("f1", "exam", grade="3/5"),))
>>> out = evaluate(cond, facts, Context())
>>> out.value.value, out.findings
('met', ('f1',))
>>> evaluate(cond, Facts(ServiceFact("s", "63042")), Context()).missing
('/c',)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from dataclasses import field as dataclass_field
from datetime import date
from typing import Any

from toulmin.graph.criteria.facts import Facts, FindingFact, ServiceFact
from toulmin.graph.criteria.truth import Truth, all_of, any_of, at_least, negate
from toulmin.graph.criteria.values import (
    DURATION_UNITS,
    SEVERITIES,
    Duration,
    Levels,
    MotorGrade,
    code_system_iri,
    severity_rank,
)

__all__ = [
    "AbsentCondition",
    "AgeCondition",
    "AllOf",
    "AnyOf",
    "AtLeast",
    "Condition",
    "Context",
    "CountCondition",
    "CriterionCondition",
    "FieldTest",
    "FindingCondition",
    "NicotineCondition",
    "Not",
    "Outcome",
    "RequestCondition",
    "ServiceCondition",
    "SettingCondition",
    "TotalDurationCondition",
    "ValueSet",
    "connect",
    "evaluate",
    "parse_condition",
]

MET, NOT_MET, INSUFFICIENT = Truth.MET, Truth.NOT_MET, Truth.INSUFFICIENT

#: Comparison operators on ordered values.
ORDER_OPS = ("at_least", "at_most", "above", "below")
#: Fields compared in order, with the type of their thresholds.
ORDERED_FIELDS = {
    "grade": "grade",
    "severity": "severity",
    "duration": "duration",
    "levels": "count",
    "age": "count",
}
#: Fields with a three-valued "unknown" spelling in case files.
_UNKNOWN_WORD = "unknown"


# --- value sets -----------------------------------------------------------------------


@dataclass(frozen=True)
class ValueSet:
    """Codes of one code system: exact codes, and prefixes that take in their children.

    >>> vs = ValueSet("lumbar-stenosis", "http://hl7.org/fhir/sid/icd-10-cm",
    ...               codes=("M48.061",), prefixes=("M48.06",))
    >>> vs.contains("M48.062", "ICD-10-CM"), vs.contains("M48.02", "ICD-10-CM")
    (True, False)
    """

    id: str
    system: str
    codes: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    title: str | None = None

    def contains(self, code: str, system: str) -> bool:
        if code_system_iri(system) != code_system_iri(self.system):
            return False
        return code in self.codes or any(code.startswith(p) for p in self.prefixes)

    def to_data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"system": self.system}
        if self.title is not None:
            out["title"] = self.title
        if self.codes:
            out["codes"] = list(self.codes)
        if self.prefixes:
            out["prefixes"] = list(self.prefixes)
        return out


# --- the context and the outcome -------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """A condition's value, the finding ids that decided it, and the failed/missing paths."""

    value: Truth
    findings: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


RefEvaluator = Callable[[str, ServiceFact], Truth]


@dataclass
class Context:
    """What evaluation needs besides the facts: value sets and other criteria."""

    value_sets: Mapping[str, ValueSet] = field(default_factory=dict)
    #: result of the criterion ``id`` for another line of the request
    criterion: RefEvaluator | None = None


# --- field tests ----------------------------------------------------------------------


@dataclass(frozen=True)
class FieldTest:
    """One test on one field: ``op`` is eq, in, known, value_set, matches, adjacent_to,
    at_or_adjacent_to, or an order operator (at_least, at_most, above, below)."""

    field: str
    op: str
    value: Any
    #: the value(s) of an eq / in test, case-folded once (the engine compares these)
    folded: Any = dataclass_field(default=None, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.op == "eq":
            object.__setattr__(self, "folded", str(self.value).casefold())
        elif self.op == "in":
            object.__setattr__(self, "folded", frozenset(v.casefold() for v in self.value))

    def to_data(self) -> Any:
        if self.op in {"in"}:
            return list(self.value)
        if isinstance(self.value, Duration):
            return self.value.to_data()
        if isinstance(self.value, MotorGrade):
            return str(self.value)
        return self.value


def _tests_to_data(tests: tuple[FieldTest, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for t in tests:
        if t.field.startswith("measure:"):
            measures = out.setdefault("measure", {})
            measures.setdefault(t.field[len("measure:") :], {})[t.op] = t.value
        elif t.op == "eq":
            out[t.field] = t.value
        elif t.op == "in" and t.field not in out:
            out[t.field] = list(t.value)
        else:
            spec = out.setdefault(t.field, {})
            if not isinstance(spec, dict):  # an eq/in given with other operators
                spec = out[t.field] = {"in": [spec] if isinstance(spec, str) else spec}
            spec[t.op] = t.to_data()
    return out


def _order(op: str, value: Any, threshold: Any) -> bool:
    if op == "at_least":
        return bool(value >= threshold)
    if op == "at_most":
        return bool(value <= threshold)
    if op == "above":
        return bool(value > threshold)
    return bool(value < threshold)


def _text(value: Any) -> str | None:
    if value is None or value == _UNKNOWN_WORD:
        return None
    return str(value)


def _finding_value(f: FindingFact, name: str) -> Any:
    if name.startswith("measure:"):
        return f.get(name)
    if name == "grade":
        return f.motor_grade
    if name == "severity":
        return severity_rank(f.severity)
    if name == "duration":
        return f.duration
    if name == "level":
        return f.levels
    return _text(f.get(name))


def _test(t: FieldTest, value: Any, system: str, facts: Facts, ctx: Context) -> Truth:
    """A test on a value already read (``None`` is unknown)."""
    if t.op == "known":
        return MET if (value is not None) == bool(t.value) else NOT_MET
    if value is None:
        return INSUFFICIENT
    op = t.op
    if op == "eq":
        return MET if str(value).casefold() == t.folded else NOT_MET
    if op == "in":
        return MET if str(value).casefold() in t.folded else NOT_MET
    if op == "value_set":
        vs = ctx.value_sets.get(t.value)
        return MET if vs is not None and vs.contains(str(value), system) else NOT_MET
    if op in ORDER_OPS:
        threshold = t.value
        if t.field == "severity":
            threshold = SEVERITIES.index(t.value)
        return MET if _order(op, value, threshold) else NOT_MET
    # matches / adjacent_to / at_or_adjacent_to the service line
    if t.field == "side":
        other = facts.service.side
        if other is None:
            return INSUFFICIENT
        same = value == other or "bilateral" in (value, other)
        return MET if same else NOT_MET
    here = facts.service.levels
    if here is None or not isinstance(value, Levels):
        return INSUFFICIENT
    if op == "matches":
        return MET if value.overlaps(here) else NOT_MET
    if op == "adjacent_to":
        return MET if value.adjacent(here) else NOT_MET
    return MET if value.overlaps(here) or value.adjacent(here) else NOT_MET


def _calendar_duration(t: FieldTest, f: FindingFact) -> Truth | None:
    """A duration in months or years on a dated course (``start`` to ``date``), compared by
    the calendar: 2025-12-02 to 2026-03-02 is 3 months, though 90 days are less than 3
    twelfths of the mean year. ``None`` when the test or the finding is not such."""
    threshold = t.value
    if (
        t.field != "duration"
        or t.op not in ORDER_OPS
        or not isinstance(threshold, Duration)
        or threshold.unit not in ("months", "years")
        or f.start is None
        or f.date is None
    ):
        return None
    reach = threshold.before(f.date)  # the course reaches the threshold when it began by then
    if t.op == "at_least":
        return MET if f.start <= reach else NOT_MET
    if t.op == "above":
        return MET if f.start < reach else NOT_MET
    if t.op == "at_most":
        return MET if f.start >= reach else NOT_MET
    return MET if f.start > reach else NOT_MET


def _finding_tests(
    tests: tuple[FieldTest, ...], f: FindingFact, facts: Facts, ctx: Context
) -> Truth:
    """All tests on a finding. A documented absence covers what it leaves unsaid: "no
    surgery at L4-5" is also "no fusion at L4-5", so its missing fields pass."""
    result = MET
    for t in tests:
        if t.folded is not None:  # eq / in on a text field: the common case, kept fast
            raw = f.get(t.field)
            if raw is None or raw == _UNKNOWN_WORD:
                if f.present:
                    result = INSUFFICIENT
                continue
            text = raw.casefold()
            if (text != t.folded) if t.op == "eq" else (text not in t.folded):
                return NOT_MET
            continue
        value = _finding_value(f, t.field)
        if value is None and not f.present:
            continue
        r = _calendar_duration(t, f)
        if r is None:
            r = _test(t, value, "ICD-10-CM", facts, ctx)
        if r is NOT_MET:
            return NOT_MET
        if r is INSUFFICIENT:
            result = INSUFFICIENT
    return result


def _service_value(s: ServiceFact, name: str) -> Any:
    if name == "level":
        return s.levels
    if name == "levels":
        levels = s.levels
        return None if levels is None else levels.count
    return _text(getattr(s, name, None))


def _service_tests(
    tests: tuple[FieldTest, ...], s: ServiceFact, facts: Facts, ctx: Context
) -> Truth:
    return all_of(
        [_test(t, _service_value(s, t.field), s.system, facts, ctx) for t in tests] or [MET]
    )


def _window(within: Duration, f: FindingFact, facts: Facts) -> tuple[Truth, FindingFact]:
    """Whether ``f`` falls in the look-back window, and ``f`` as the window sees it.

    A finding is in the window when its date is; a trial with a start and an end date is
    clipped to the window, so that its duration is the part inside it.
    """
    today, day, first = facts.request_date, f.date, f.start
    if day is None or today is None:
        return INSUFFICIENT, f
    start = within.before(today)
    if first is not None:
        begin, end = max(first, start), min(day, today)
        if end < begin:
            return NOT_MET, f
        if (begin, end) != (first, day) or f.duration is None:
            f = replace(f, start=begin, date=end, duration=Duration.of_days((end - begin).days))
        return MET, f
    return (MET if start <= day <= today else NOT_MET), f


# --- the nodes ------------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """Base class of the condition nodes; ``path`` locates the node in its file."""

    path: str = field(default="", compare=False, kw_only=True)


@dataclass(frozen=True)
class AllOf(Condition):
    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf(Condition):
    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class AtLeast(Condition):
    n: int
    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class Not(Condition):
    part: Condition


@dataclass(frozen=True)
class FindingCondition(Condition):
    """A finding documented present, of ``of`` (which findings count) that passes ``with``.

    Met when a relevant finding passes; not-met when relevant findings are documented and
    every one fails (or the thing is documented absent); insufficient otherwise.
    """

    of: tuple[FieldTest, ...]
    with_: tuple[FieldTest, ...] = ()
    within: Duration | None = None


@dataclass(frozen=True)
class AbsentCondition(Condition):
    """The record documents that a finding of ``of`` is absent."""

    of: tuple[FieldTest, ...]
    within: Duration | None = None


@dataclass(frozen=True)
class CountCondition(Condition):
    """At least ``at_least`` distinct values of ``distinct`` among the passing findings."""

    of: tuple[FieldTest, ...]
    distinct: str
    at_least: int
    with_: tuple[FieldTest, ...] = ()
    within: Duration | None = None


@dataclass(frozen=True)
class TotalDurationCondition(Condition):
    """The durations of the passing findings add up to ``op`` ``threshold``."""

    of: tuple[FieldTest, ...]
    op: str
    threshold: Duration
    with_: tuple[FieldTest, ...] = ()
    within: Duration | None = None


@dataclass(frozen=True)
class ServiceCondition(Condition):
    """Tests on the service line being assessed (code, system, setting, level, levels)."""

    tests: tuple[FieldTest, ...]


@dataclass(frozen=True)
class RequestCondition(Condition):
    """Another line of the same request passes the tests."""

    tests: tuple[FieldTest, ...]


@dataclass(frozen=True)
class SettingCondition(Condition):
    """The requested setting is one of ``settings``."""

    settings: tuple[str, ...]


@dataclass(frozen=True)
class AgeCondition(Condition):
    tests: tuple[FieldTest, ...]


@dataclass(frozen=True)
class NicotineCondition(Condition):
    """Nicotine status in ``status``, or free of nicotine for ``free_for`` before the request;
    the status documented no longer than ``documented_within`` before the request."""

    status: tuple[str, ...] = ()
    free_for: Duration | None = None
    documented_within: Duration | None = None


@dataclass(frozen=True)
class CriterionCondition(Condition):
    """Another criterion of the set is met for another line of the request that passes ``on``."""

    id: str
    on: tuple[FieldTest, ...] = ()


# --- reading and writing --------------------------------------------------------------

Problems = list[tuple[str, str]]


def _fields(spec: Mapping[str, Any], path: str, problems: Problems) -> tuple[FieldTest, ...]:
    tests: list[FieldTest] = []
    for name, value in spec.items():
        here = f"{path}/{name}"
        if name == "measure":  # {measure: {cobb_angle_degrees: {above: 40}}}
            for measure, ops in value.items():
                for op, arg in ops.items():
                    tests.append(FieldTest(f"measure:{measure}", op, arg))
            continue
        if isinstance(value, list):
            tests.append(FieldTest(name, "in", tuple(str(v) for v in value)))
        elif isinstance(value, dict):
            for op, arg in value.items():
                tests.append(_typed(name, op, arg, f"{here}/{op}", problems))
        else:
            tests.append(FieldTest(name, "eq", str(value)))
    return tuple(tests)


def _typed(name: str, op: str, arg: Any, path: str, problems: Problems) -> FieldTest:
    if op == "in":
        return FieldTest(name, "in", tuple(str(v) for v in arg))
    if op in ORDER_OPS:
        kind = ORDERED_FIELDS.get(name)
        if kind is None:
            problems.append(
                (path, f"'{name}' has no order: {op} works on {', '.join(sorted(ORDERED_FIELDS))}")
            )
            return FieldTest(name, op, arg)
        if kind == "grade":
            grade = MotorGrade.parse(arg) if isinstance(arg, str) else None
            if grade is None:
                problems.append((path, f"{arg!r} is not an MRC motor grade such as 4-/5"))
            return FieldTest(name, op, grade)
        if kind == "severity" and arg not in SEVERITIES:
            problems.append((path, f"{arg!r} is not a severity: {', '.join(SEVERITIES)}"))
        if kind == "duration":
            if not _is_duration(arg):
                problems.append(
                    (
                        path,
                        "a duration has exactly one unit and a number 0 or more: "
                        "{days: N}, {weeks: N}, {months: N} or {years: N}",
                    )
                )
                return FieldTest(name, op, Duration.of_days(0))
            return FieldTest(name, op, Duration.parse(arg))
        if kind == "count" and (not isinstance(arg, int) or isinstance(arg, bool)):
            problems.append((path, f"{op} takes a whole number here, not {arg!r}"))
        return FieldTest(name, op, arg)
    if op in {"matches", "adjacent_to", "at_or_adjacent_to"}:
        if name not in {"level", "side"} or (name == "side" and op != "matches"):
            problems.append(
                (path, f"'{op}: service' works on level (and matches on side), not on '{name}'")
            )
        return FieldTest(name, op, arg)
    return FieldTest(name, op, arg)


def _is_duration(value: Any) -> bool:
    if not isinstance(value, dict) or len(value) != 1:
        return False
    ((unit, amount),) = value.items()
    number = isinstance(amount, int | float) and not isinstance(amount, bool)
    return unit in DURATION_UNITS and number and amount >= 0


def _duration(value: Any) -> Duration | None:
    return None if value is None else Duration.parse(value)


def parse_condition(
    data: Mapping[str, Any], path: str, problems: Problems | None = None
) -> Condition:
    """A condition node from schema-valid data; ``problems`` collects (path, message)."""
    problems = [] if problems is None else problems
    ((key, arg),) = data.items()
    here = f"{path}/{key}"

    def parts(items: Iterable[Any], base: str) -> tuple[Condition, ...]:
        return tuple(parse_condition(p, f"{base}/{i}", problems) for i, p in enumerate(items))

    if key == "all":
        return AllOf(parts(arg, here), path=path)
    if key == "any":
        return AnyOf(parts(arg, here), path=path)
    if key == "at_least":
        n = arg["n"]
        if n > len(arg["of"]):
            problems.append(
                (f"{here}/n", f"at least {n} of {len(arg['of'])} parts can never be met")
            )
        return AtLeast(n, parts(arg["of"], f"{here}/of"), path=path)
    if key == "not":
        return Not(parse_condition(arg, here, problems), path=path)
    of = _fields(arg.get("of", {}), f"{here}/of", problems) if isinstance(arg, dict) else ()
    with_ = _fields(arg.get("with", {}), f"{here}/with", problems) if isinstance(arg, dict) else ()
    within = _duration(arg.get("within")) if isinstance(arg, dict) else None
    if key == "finding":
        return FindingCondition(of, with_, within, path=path)
    if key == "absent":
        return AbsentCondition(of, within, path=path)
    if key == "count":
        return CountCondition(of, arg["distinct"], arg["at_least"], with_, within, path=path)
    if key == "total_duration":
        op = next((o for o in ("at_least", "above") if o in arg), None)
        if op is None or ("at_least" in arg and "above" in arg):
            problems.append((here, "total_duration takes one threshold: at_least or above"))
            return TotalDurationCondition(
                of, "at_least", Duration.of_days(0), with_, within, path=path
            )
        return TotalDurationCondition(of, op, Duration.parse(arg[op]), with_, within, path=path)
    if key == "service":
        return ServiceCondition(_fields(arg, here, problems), path=path)
    if key == "request":
        return RequestCondition(_fields(arg, here, problems), path=path)
    if key == "setting":
        return SettingCondition(tuple(arg) if isinstance(arg, list) else (arg,), path=path)
    if key == "age":
        return AgeCondition(_fields({"age": arg}, path, problems), path=path)
    if key == "nicotine":
        return NicotineCondition(
            tuple(arg.get("status", ())),
            _duration(arg.get("free_for")),
            _duration(arg.get("documented_within")),
            path=path,
        )
    if key == "criterion":
        on = _fields(arg.get("on", {}), f"{here}/on", problems)
        return CriterionCondition(arg["id"], on, path=path)
    raise ValueError(f"unknown condition {key!r}")  # the schema lets none through


def condition_to_data(cond: Condition) -> dict[str, Any]:
    """The plain data :func:`parse_condition` reads back to an equal condition."""
    if isinstance(cond, AllOf):
        return {"all": [condition_to_data(p) for p in cond.parts]}
    if isinstance(cond, AnyOf):
        return {"any": [condition_to_data(p) for p in cond.parts]}
    if isinstance(cond, AtLeast):
        return {"at_least": {"n": cond.n, "of": [condition_to_data(p) for p in cond.parts]}}
    if isinstance(cond, Not):
        return {"not": condition_to_data(cond.part)}
    if isinstance(
        cond, FindingCondition | AbsentCondition | CountCondition | TotalDurationCondition
    ):
        body: dict[str, Any] = {}
        if cond.of:
            body["of"] = _tests_to_data(cond.of)
        with_ = getattr(cond, "with_", ())
        if with_:
            body["with"] = _tests_to_data(with_)
        if isinstance(cond, CountCondition):
            body["distinct"] = cond.distinct
            body["at_least"] = cond.at_least
        if isinstance(cond, TotalDurationCondition):
            body[cond.op] = cond.threshold.to_data()
        if cond.within is not None:
            body["within"] = cond.within.to_data()
        key = {
            FindingCondition: "finding",
            AbsentCondition: "absent",
            CountCondition: "count",
            TotalDurationCondition: "total_duration",
        }[type(cond)]
        return {key: body}
    if isinstance(cond, ServiceCondition):
        return {"service": _tests_to_data(cond.tests)}
    if isinstance(cond, RequestCondition):
        return {"request": _tests_to_data(cond.tests)}
    if isinstance(cond, SettingCondition):
        return {"setting": list(cond.settings)}
    if isinstance(cond, AgeCondition):
        return {"age": _tests_to_data(cond.tests)["age"]}
    if isinstance(cond, NicotineCondition):
        nic: dict[str, Any] = {}
        if cond.status:
            nic["status"] = list(cond.status)
        if cond.free_for is not None:
            nic["free_for"] = cond.free_for.to_data()
        if cond.documented_within is not None:
            nic["documented_within"] = cond.documented_within.to_data()
        return {"nicotine": nic}
    if isinstance(cond, CriterionCondition):
        ref: dict[str, Any] = {"id": cond.id}
        if cond.on:
            ref["on"] = _tests_to_data(cond.on)
        return {"criterion": ref}
    raise TypeError(f"not a condition: {cond!r}")


# --- evaluation -----------------------------------------------------------------------


def _atom(value: Truth, path: str, findings: Iterable[str] = ()) -> Outcome:
    ids = tuple(dict.fromkeys(findings))
    if value is NOT_MET:
        return Outcome(value, ids, failed=(path,))
    if value is INSUFFICIENT:
        return Outcome(value, ids, missing=(path,))
    return Outcome(value, ids)


def _combine(value: Truth, outcomes: list[Outcome]) -> Outcome:
    """The connective's outcome: the parts whose value equals the result decided it."""
    if value is Truth.NOT_APPLICABLE:
        return Outcome(value)
    deciding = [o for o in outcomes if o.value is value]
    findings = tuple(dict.fromkeys(f for o in deciding for f in o.findings))
    failed = tuple(p for o in outcomes for p in o.failed) if value is not MET else ()
    missing = tuple(p for o in outcomes for p in o.missing) if value is not MET else ()
    return Outcome(value, findings, failed, missing)


def connect(combine: str, n: int | None, outcomes: list[Outcome]) -> Outcome:
    """Combine the outcomes of parts by ``all``, ``any`` or ``at-least`` (with ``n``).

    The result carries the findings of the parts that decided it, and for a result that
    is not met, the failed and missing paths of the parts.
    """
    values = [o.value for o in outcomes]
    if combine == "all":
        return _combine(all_of(values), outcomes)
    if combine == "any":
        return _combine(any_of(values), outcomes)
    value = at_least(n or 1, values)
    if value is MET:
        return Outcome(value, tuple(f for o in outcomes if o.value is MET for f in o.findings))
    if value is NOT_MET:
        return Outcome(
            value,
            tuple(f for o in outcomes if o.value is NOT_MET for f in o.findings),
            tuple(p for o in outcomes for p in o.failed),
            tuple(p for o in outcomes for p in o.missing),
        )
    return _combine(value, outcomes)


def evaluate(cond: Condition, facts: Facts, ctx: Context) -> Outcome:
    """Evaluate a condition against the facts (three-valued, strong Kleene)."""
    if isinstance(cond, AllOf):
        return connect("all", None, [evaluate(p, facts, ctx) for p in cond.parts])
    if isinstance(cond, AnyOf):
        return connect("any", None, [evaluate(p, facts, ctx) for p in cond.parts])
    if isinstance(cond, AtLeast):
        outcome = connect("at-least", cond.n, [evaluate(p, facts, ctx) for p in cond.parts])
        if outcome.value is NOT_MET and not outcome.failed:
            return Outcome(outcome.value, outcome.findings, (cond.path,), outcome.missing)
        return outcome
    if isinstance(cond, Not):
        inner = evaluate(cond.part, facts, ctx)
        value = negate(inner.value)
        if value is INSUFFICIENT:
            return Outcome(value, inner.findings, missing=inner.missing or (cond.path,))
        return _atom(value, cond.path, inner.findings)
    if isinstance(cond, FindingCondition):
        return _eval_finding(cond, facts, ctx)
    if isinstance(cond, AbsentCondition):
        return _eval_absent(cond, facts, ctx)
    if isinstance(cond, CountCondition):
        return _eval_count(cond, facts, ctx)
    if isinstance(cond, TotalDurationCondition):
        return _eval_total(cond, facts, ctx)
    if isinstance(cond, ServiceCondition):
        return _atom(_service_tests(cond.tests, facts.service, facts, ctx), cond.path)
    if isinstance(cond, RequestCondition):
        values = [_service_tests(cond.tests, s, facts, ctx) for s in facts.others()]
        return _atom(any_of(values) if values else NOT_MET, cond.path)
    if isinstance(cond, SettingCondition):
        setting = facts.requested_setting or facts.service.setting
        value = INSUFFICIENT if setting is None else MET if setting in cond.settings else NOT_MET
        return _atom(value, cond.path)
    if isinstance(cond, AgeCondition):
        age = facts.patient.age
        return _atom(all_of(_test(t, age, "", facts, ctx) for t in cond.tests), cond.path)
    if isinstance(cond, NicotineCondition):
        return _atom(_nicotine(cond, facts), cond.path)
    if isinstance(cond, CriterionCondition):
        if ctx.criterion is None:
            return _atom(INSUFFICIENT, cond.path)
        values = []
        for line in facts.others():
            chosen = _service_tests(cond.on, line, facts, ctx)
            if chosen is MET:
                values.append(ctx.criterion(cond.id, line))
            elif chosen is INSUFFICIENT:  # it may be such a line: at best insufficient
                values.append(all_of([INSUFFICIENT, ctx.criterion(cond.id, line)]))
        value = any_of(values)
        return _atom(NOT_MET if value is Truth.NOT_APPLICABLE else value, cond.path)
    raise TypeError(f"not a condition: {cond!r}")


@dataclass
class _Sorted:
    witnesses: list[FindingFact] = field(default_factory=list)  # relevant and passing
    possible: list[FindingFact] = field(default_factory=list)  # might be relevant and pass
    counter: list[FindingFact] = field(default_factory=list)  # relevant, failing
    absences: list[FindingFact] = field(default_factory=list)  # relevant documented absences


def _sort(
    of: tuple[FieldTest, ...],
    with_: tuple[FieldTest, ...],
    within: Duration | None,
    facts: Facts,
    ctx: Context,
) -> _Sorted:
    out = _Sorted()
    candidates = facts.findings
    for t in of:
        if t.field == "kind" and t.op == "eq":  # only findings of that kind can be relevant
            candidates = facts.by_kind.get(t.folded, ())
            break
    for f in candidates:
        rel = _finding_tests(of, f, facts, ctx)
        if rel is NOT_MET:
            continue
        if within is not None:
            inside, f = _window(within, f, facts)
            rel = all_of((rel, inside))
            if rel is NOT_MET:
                continue
        if not f.present:
            if rel is MET:
                out.absences.append(f)
            continue
        val = _finding_tests(with_, f, facts, ctx)
        if rel is MET and val is MET:
            out.witnesses.append(f)
        elif val is not NOT_MET:
            out.possible.append(f)
        elif rel is MET:
            out.counter.append(f)
    return out


def _ids(items: Iterable[FindingFact]) -> list[str]:
    return [f.id for f in items]


def _eval_finding(cond: FindingCondition, facts: Facts, ctx: Context) -> Outcome:
    s = _sort(cond.of, cond.with_, cond.within, facts, ctx)
    if s.witnesses:
        return _atom(MET, cond.path, _ids(s.witnesses))
    if s.possible:
        return _atom(INSUFFICIENT, cond.path, _ids(s.possible))
    if s.counter or s.absences:
        return _atom(NOT_MET, cond.path, _ids(s.counter + s.absences))
    return _atom(INSUFFICIENT, cond.path)


def _eval_absent(cond: AbsentCondition, facts: Facts, ctx: Context) -> Outcome:
    s = _sort(cond.of, (), cond.within, facts, ctx)
    if s.witnesses:
        return _atom(NOT_MET, cond.path, _ids(s.witnesses))
    if s.absences and not s.possible:
        return _atom(MET, cond.path, _ids(s.absences))
    return _atom(INSUFFICIENT, cond.path, _ids(s.possible))


def _eval_count(cond: CountCondition, facts: Facts, ctx: Context) -> Outcome:
    s = _sort(cond.of, cond.with_, cond.within, facts, ctx)
    certain: dict[str, str] = {}
    open_ = 0
    for f in s.witnesses:
        value = _text(f.get(cond.distinct))
        if value is None:
            open_ += 1
        else:
            certain.setdefault(value.casefold(), f.id)
    for f in s.possible:
        value = _text(f.get(cond.distinct))
        if value is None or value.casefold() not in certain:
            open_ += 1
    if len(certain) >= cond.at_least:
        return _atom(MET, cond.path, certain.values())
    if len(certain) + open_ >= cond.at_least:
        return _atom(INSUFFICIENT, cond.path, [*certain.values(), *_ids(s.possible)])
    if s.witnesses or s.counter or s.absences:
        return _atom(NOT_MET, cond.path, [*_ids(s.witnesses), *_ids(s.counter + s.absences)])
    return _atom(INSUFFICIENT, cond.path)


def _eval_total(cond: TotalDurationCondition, facts: Facts, ctx: Context) -> Outcome:
    s = _sort(cond.of, cond.with_, cond.within, facts, ctx)
    known = [f for f in s.witnesses if f.duration is not None]
    unknown = [f for f in s.witnesses if f.duration is None] + s.possible
    total = sum((f.duration for f in known if f.duration is not None), Duration.of_days(0))
    if _order(cond.op, total, cond.threshold):
        return _atom(MET, cond.path, _ids(known))
    if unknown:
        return _atom(INSUFFICIENT, cond.path, _ids(known + unknown))
    if known or s.counter or s.absences:
        return _atom(NOT_MET, cond.path, _ids(known + s.counter + s.absences))
    return _atom(INSUFFICIENT, cond.path)


def _before(day: date, span: Duration) -> date:
    return span.before(day)


def _nicotine(cond: NicotineCondition, facts: Facts) -> Truth:
    p, today = facts.patient, facts.request_date
    if p.nicotine is None:
        return INSUFFICIENT
    if cond.documented_within is not None:
        if p.nicotine_as_of is None or today is None:
            return INSUFFICIENT
        if p.nicotine_as_of < _before(today, cond.documented_within):
            return INSUFFICIENT  # too old to say what the status is now
    results: list[Truth] = []
    if cond.status:
        results.append(MET if p.nicotine in cond.status else NOT_MET)
    if cond.free_for is not None:
        if p.nicotine == "never":
            results.append(MET)
        elif p.nicotine == "current":
            results.append(NOT_MET)
        elif p.nicotine_quit is None or today is None:
            results.append(INSUFFICIENT)
        else:
            ok = p.nicotine_quit <= _before(today, cond.free_for)
            results.append(MET if ok else NOT_MET)
    return all_of(results) if results else MET
