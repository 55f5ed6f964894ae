"""Assess a determination against a criteria set: one result per criterion per line.

This module owns :func:`assess` and :class:`Result`. Each top-level criterion of scope
``service`` is assessed for every service line, and each of scope ``setting`` once for
the requested setting; a criterion's parts, exceptions and exclusions get results of
their own. A criterion whose applicability condition is not met is ``not-applicable``
(its parts are then not assessed); one whose applicability is insufficient is
``insufficient``. Exceptions (waivers) make a criterion met when one is met (Kleene
or); exclusions make it not-met when one is met.

It imports the authoring model (through the adapter) and this package.

Examples
--------
>>> from toulmin.graph.authoring.casefile import load_case
>>> from toulmin.graph.criteria.library import find_criteria_set
>>> det = load_case("examples/l4-5-fusion-pended-pt.yaml")
>>> results = assess(det, find_criteria_set("toulmin-illustrative-examples"))
>>> lf1 = [r for r in results if r.criterion == "lf-1"][0]
>>> lf1.value.value, lf1.missing
('insufficient', ('LF-1.3',))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from toulmin.graph.authoring.model import Determination
from toulmin.graph.criteria.adapter import setting_facts
from toulmin.graph.criteria.conditions import Context, Outcome, connect, evaluate
from toulmin.graph.criteria.facts import Facts, PatientFacts, ServiceFact
from toulmin.graph.criteria.model import CriteriaSet, CriterionNode
from toulmin.graph.criteria.truth import Truth, all_of, any_of, negate

__all__ = ["Result", "assess", "assess_facts"]


@dataclass(frozen=True)
class Result:
    """The result of one criterion for one service line (or for the setting).

    ``findings`` are the ids of the findings that decided it; ``failed`` and ``missing``
    the references of the criteria below it (or itself) that were not met or lacked
    data, and ``failed_at``/``missing_at`` the paths of those conditions in the criteria
    file. ``waived_by``/``excluded_by`` name the exceptions and exclusions that decided it.
    """

    criteria_set: str
    criterion: str
    ref: str | None
    path: str
    subject: str
    service: str
    value: Truth
    findings: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    failed_at: tuple[str, ...] = ()
    missing_at: tuple[str, ...] = ()
    waived_by: tuple[str, ...] = ()
    excluded_by: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (lists for tuples, the value's spelling for the value)."""
        return {
            "criteria_set": self.criteria_set,
            "criterion": self.criterion,
            "ref": self.ref,
            "path": self.path,
            "subject": self.subject,
            "service": self.service,
            "result": self.value.value,
            "findings": list(self.findings),
            "failed": list(self.failed),
            "missing": list(self.missing),
            "failed_at": list(self.failed_at),
            "missing_at": list(self.missing_at),
            "waived_by": list(self.waived_by),
            "excluded_by": list(self.excluded_by),
        }


@dataclass(frozen=True)
class _Node:
    """A node's outcome with the labels of the criteria that failed or lacked data."""

    outcome: Outcome
    failed: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    waived_by: tuple[str, ...] = ()
    excluded_by: tuple[str, ...] = ()

    @property
    def value(self) -> Truth:
        return self.outcome.value


def _uniq(items: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


@dataclass
class _Assessor:
    cs: CriteriaSet
    facts_of: Callable[[str], Facts]
    emit: list[Result] | None = None
    memo: dict[tuple[str, str], Truth] = field(default_factory=dict)
    active: set[tuple[str, str]] = field(default_factory=set)

    def context(self) -> Context:
        return Context({vs.id: vs for vs in self.cs.value_sets}, self.reference)

    def reference(self, ident: str, service: ServiceFact) -> Truth:
        """The value of criterion ``ident`` for another line (no results emitted)."""
        key = (ident, service.id)
        if key in self.memo:
            return self.memo[key]
        if key in self.active:
            return Truth.INSUFFICIENT  # a cycle; the reader refuses those
        node = self.cs.node(ident)
        if node is None:
            return Truth.INSUFFICIENT
        self.active.add(key)
        quiet = _Assessor(self.cs, self.facts_of, None, self.memo, self.active)
        value = quiet.node(node, self.facts_of(service.id), quiet.context(), "service").value
        self.active.discard(key)
        self.memo[key] = value
        return value

    def node(self, node: CriterionNode, facts: Facts, ctx: Context, subject: str) -> _Node:
        applies = evaluate(node.applies, facts, ctx) if node.applies is not None else None
        if applies is not None and applies.value is Truth.NOT_MET:
            result = _Node(Outcome(Truth.NOT_APPLICABLE, applies.findings))
            self.record(node, facts, subject, result)
            return result
        result = self.body(node, facts, ctx, subject)
        if applies is not None and applies.value is Truth.INSUFFICIENT:
            out = Outcome(
                Truth.INSUFFICIENT,
                result.outcome.findings,
                result.outcome.failed,
                (*applies.missing, *result.outcome.missing),
            )
            result = _Node(out, result.failed, _uniq([*result.missing, node.label]))
        self.record(node, facts, subject, result)
        return result

    def body(self, node: CriterionNode, facts: Facts, ctx: Context, subject: str) -> _Node:
        if node.condition is not None:
            out = evaluate(node.condition, facts, ctx)
            main = _Node(
                out,
                (node.label,) if out.value is Truth.NOT_MET else (),
                (node.label,) if out.value is Truth.INSUFFICIENT else (),
            )
        else:
            parts = [self.node(p, facts, ctx, subject) for p in node.parts]
            out = connect(node.combine or "all", node.at_least, [p.outcome for p in parts])
            not_met = out.value is not Truth.MET
            main = _Node(
                out,
                _uniq([x for p in parts for x in p.failed]) if not_met else (),
                _uniq([x for p in parts for x in p.missing]) if not_met else (),
            )
        if node.exceptions and main.value is not Truth.MET:
            exc = [self.node(e, facts, ctx, subject) for e in node.exceptions]
            waiver = any_of(e.value for e in exc)
            value = any_of([main.value, waiver])
            if waiver is Truth.MET:
                met = [e for e in exc if e.value is Truth.MET]
                main = _Node(
                    Outcome(value, _uniq([f for e in met for f in e.outcome.findings])),
                    waived_by=tuple(node.exceptions[exc.index(e)].label for e in met),
                )
            elif value is Truth.INSUFFICIENT:
                missing = [e for e in exc if e.value is Truth.INSUFFICIENT] or []
                outcome = Outcome(
                    value,
                    main.outcome.findings,
                    main.outcome.failed,
                    (*main.outcome.missing, *(p for e in missing for p in e.outcome.missing)),
                )
                lacking = [x for e in missing for x in e.missing]
                main = _Node(outcome, main.failed, _uniq([*main.missing, *lacking]))
        if node.exclusions:
            exc = [self.node(e, facts, ctx, subject) for e in node.exclusions]
            excluded = any_of(e.value for e in exc)
            value = all_of([main.value, negate(excluded)])
            if excluded is Truth.MET:
                hit = [e for e in exc if e.value is Truth.MET]
                labels = tuple(node.exclusions[exc.index(e)].label for e in hit)
                main = _Node(
                    Outcome(
                        value,
                        _uniq([f for e in hit for f in e.outcome.findings]),
                        failed=tuple(node.exclusions[exc.index(e)].path for e in hit),
                    ),
                    failed=labels,
                    excluded_by=labels,
                )
            elif value is not main.value:
                outcome = Outcome(
                    value,
                    main.outcome.findings,
                    main.outcome.failed,
                    (*main.outcome.missing, *(p for e in exc for p in e.outcome.missing)),
                )
                main = _Node(
                    outcome,
                    main.failed,
                    _uniq([*main.missing, *(x for e in exc for x in e.missing)]),
                )
        return main

    def record(self, node: CriterionNode, facts: Facts, subject: str, result: _Node) -> None:
        if self.emit is None:
            return
        out = result.outcome
        self.emit.append(
            Result(
                criteria_set=self.cs.key,
                criterion=node.id,
                ref=node.ref,
                path=node.path,
                subject=subject,
                service=facts.service.id,
                value=out.value,
                findings=out.findings,
                failed=result.failed,
                missing=result.missing,
                failed_at=_uniq(out.failed),
                missing_at=_uniq(out.missing),
                waived_by=result.waived_by,
                excluded_by=result.excluded_by,
            )
        )


def assess_facts(
    lines: Sequence[Facts], criteria_set: CriteriaSet, setting: Facts | None = None
) -> list[Result]:
    """Assess prepared facts: ``lines`` one per service line, ``setting`` for the setting.

    The facts of a line are looked up by service id when a criterion refers to another
    criterion on another line of the request.
    """
    by_id = {f.service.id: f for f in lines}

    def facts_of(service_id: str) -> Facts:
        return by_id[service_id]

    results: list[Result] = []
    assessor = _Assessor(criteria_set, facts_of, results)
    ctx = assessor.context()
    for facts in lines:
        for node in criteria_set.criteria:
            if node.scope == "service":
                assessor.node(node, facts, ctx, "service")
    if setting is not None:
        for node in criteria_set.criteria:
            if node.scope == "setting":
                assessor.node(node, setting, ctx, "setting")
    return results


def assess(
    determination: Determination,
    criteria_set: CriteriaSet,
    patient: PatientFacts | None = None,
) -> list[Result]:
    """Assess every service line of ``determination``, and its setting, against the set."""
    setting = setting_facts(determination, patient)
    requested = determination.requested_setting
    lines = [replace(setting, service=s, requested_setting=requested) for s in setting.request]
    return assess_facts(lines, criteria_set, setting)
