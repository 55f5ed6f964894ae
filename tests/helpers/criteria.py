"""Small builders shared by the criteria tests: a one-criterion set, facts, a finding."""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml

from toulmin.graph.criteria.assess import Result, assess_facts
from toulmin.graph.criteria.conditions import Context, Outcome, evaluate, parse_condition
from toulmin.graph.criteria.facts import Facts, FindingFact, PatientFacts, ServiceFact
from toulmin.graph.criteria.model import CriteriaSet
from toulmin.graph.criteria.reader import dump_criteria_set, parse_criteria_set

__all__ = [
    "SERVICE",
    "dump_criteria_set",
    "facts",
    "one_set",
    "outcome",
    "parse_criteria_set",
    "results",
    "value",
]
from toulmin.graph.criteria.truth import Truth

SERVICE = ServiceFact("svc", "22612", level="L4-5", side="right", setting="inpatient")


def facts(*findings: FindingFact, **changes: Any) -> Facts:
    """Facts for one L4-5 right-sided 22612 line requested on 2025-06-01."""
    base: dict[str, Any] = {
        "service": SERVICE,
        "findings": findings,
        "request": (SERVICE,),
        "request_date": date(2025, 6, 1),
        "patient": PatientFacts(),
    }
    base.update(changes)
    return Facts(**base)


def value(condition: str | dict[str, Any], the_facts: Facts) -> Truth:
    return outcome(condition, the_facts).value


def outcome(condition: str | dict[str, Any], the_facts: Facts) -> Outcome:
    data = yaml.safe_load(condition) if isinstance(condition, str) else condition
    problems: list[tuple[str, str]] = []
    cond = parse_condition(data, "/c", problems)
    assert problems == []
    return evaluate(cond, the_facts, Context())


def one_set(criteria_yaml: str, value_sets: str = "") -> CriteriaSet:
    text = f'toulmin-criteria: 1\nid: t\nversion: "1"\ntitle: T\n{value_sets}criteria:\n'
    text += "\n".join("  " + line for line in criteria_yaml.strip("\n").splitlines())
    return parse_criteria_set(text, "t.yaml")


def results(cs: CriteriaSet, *lines: Facts, setting: Facts | None = None) -> dict[str, Result]:
    return {r.criterion: r for r in assess_facts(list(lines), cs, setting)}
