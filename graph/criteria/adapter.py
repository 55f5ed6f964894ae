"""Build the facts view of a determination: one :class:`Facts` per service line.

This module owns the mapping from the authoring model
(:class:`~toulmin.graph.authoring.model.Determination`) to the engine's input. What the
model has today goes across as it is: each finding (as documented *present*, since the
model cannot say absent), its structured fields, ``duration_weeks`` as a duration, each
service line's code, system, level and setting, the request date (``request.received``).
What the model cannot say (documented absence, a finding's date, a service's side, the
patient's age and nicotine status) the caller may add with :func:`with_facts`.

It imports the authoring model and this package's facts.

Examples
--------
>>> from toulmin.graph.authoring.model import Determination, Finding, Service
>>> det = Determination("d", "D", "approved", "c", received="2025-03-03T09:15:00-05:00",
...     services=(Service("s1", "22612", "approved", level="L4-5"),),
...     findings=(Finding("f1", "treatment-trial", "PT 8 weeks.", treatment="physical-therapy",
...                       duration_weeks=8.0),))
>>> facts = facts_for(det, "s1")
>>> facts.request_date, facts.service.levels.count, str(facts.findings[0].duration)
(datetime.date(2025, 3, 3), 1, '8 weeks')
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from toulmin.errors import BadInputError
from toulmin.graph.authoring.model import Determination, Finding, Service
from toulmin.graph.criteria.facts import (
    FINDING_FIELDS,
    Facts,
    FindingFact,
    PatientFacts,
    ServiceFact,
)
from toulmin.graph.criteria.values import Duration

__all__ = ["facts_for", "finding_fact", "request_facts", "setting_facts", "with_facts"]


def finding_fact(finding: Finding) -> FindingFact:
    """A model finding as a fact (documented present, undated)."""
    values: dict[str, Any] = {name: getattr(finding, name, None) for name in FINDING_FIELDS}
    duration = None if finding.duration_weeks is None else Duration.of_weeks(finding.duration_weeks)
    return FindingFact(finding.id, finding.kind, duration=duration, **values)


def _service_fact(det: Determination, service: Service) -> ServiceFact:
    return ServiceFact(
        id=service.id,
        code=service.code,
        system=service.system,
        level=service.level,
        setting=service.setting or det.requested_setting,
        line=service.line,
    )


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value[:10])


def request_facts(det: Determination) -> tuple[ServiceFact, ...]:
    """Every service line of the request, in the order of their line numbers."""
    lines = [_service_fact(det, s) for s in det.services]
    return tuple(sorted(lines, key=lambda s: (s.line is None, s.line or 0)))


def facts_for(det: Determination, service_id: str, patient: PatientFacts | None = None) -> Facts:
    """The facts for assessing one service line of ``det``.

    Raises
    ------
    BadInputError
        When ``det`` has no service with that id.
    """
    request = request_facts(det)
    for line in request:
        if line.id == service_id:
            return Facts(
                service=line,
                findings=tuple(finding_fact(f) for f in det.findings),
                request=request,
                request_date=_day(det.received),
                requested_setting=det.requested_setting,
                patient=patient or PatientFacts(),
                determination=det.id,
            )
    known = ", ".join(s.id for s in request)
    raise BadInputError(f"{det.id}: no service line '{service_id}' (lines: {known})")


def setting_facts(det: Determination, patient: PatientFacts | None = None) -> Facts:
    """The facts for assessing the requested setting: those of the first line, with the
    setting asked for (``setting.requested``, else ``request.setting``)."""
    first = request_facts(det)[0]
    facts = facts_for(det, first.id, patient)
    requested = det.setting.requested if det.setting is not None else det.requested_setting
    return replace(facts, requested_setting=requested)


def with_facts(facts: Facts, *findings: FindingFact, **changes: Any) -> Facts:
    """``facts`` with more findings and other fields changed (``patient=...``, ...)."""
    return replace(facts, findings=(*facts.findings, *findings), **changes)
