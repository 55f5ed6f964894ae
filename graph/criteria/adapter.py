"""Build the facts view of a determination: one :class:`Facts` per service line.

This module owns the mapping from the authoring model
(:class:`~toulmin.graph.authoring.model.Determination`) to the engine's input. Everything
a case file can say goes across: each finding, documented present or (``present:
false``) documented absent, with its structured fields, its ``date`` and ``start`` as
days, ``duration_weeks`` as a duration and its ``measures``; each service line's code,
system, level, side, procedure and setting; the request date (``request.received``); the
patient's age and nicotine status with its dates (``patient``). A caller may add facts
no case file holds with :func:`with_facts`.

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
>>> finding_fact(Finding("f2", "diagnosis", "No scoliosis.", icd10="M41", present=False)).present
False
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from toulmin.errors import BadInputError
from toulmin.graph.authoring.model import Determination, Finding, Patient, Service
from toulmin.graph.criteria.facts import (
    FINDING_FIELDS,
    Facts,
    FindingFact,
    PatientFacts,
    ServiceFact,
)
from toulmin.graph.criteria.values import Duration

__all__ = [
    "criteria_set_name",
    "facts_for",
    "finding_fact",
    "patient_facts",
    "request_facts",
    "setting_facts",
    "with_facts",
]


def finding_fact(finding: Finding) -> FindingFact:
    """A model finding as a fact: present unless ``present`` is false, dated as it says."""
    values: dict[str, Any] = {name: getattr(finding, name, None) for name in FINDING_FIELDS}
    duration = None if finding.duration_weeks is None else Duration.of_weeks(finding.duration_weeks)
    return FindingFact(
        finding.id,
        finding.kind,
        present=finding.present is not False,
        start=_day(finding.start),
        date=_day(finding.date),
        duration=duration,
        measures=tuple((m.name, m.value) for m in finding.measures),
        **values,
    )


def patient_facts(patient: Patient | None) -> PatientFacts:
    """The patient of a case file as facts (all unknown when the file says nothing)."""
    if patient is None:
        return PatientFacts()
    return PatientFacts(
        age=patient.age,
        nicotine=patient.nicotine,
        nicotine_as_of=_day(patient.nicotine_as_of),
        nicotine_quit=_day(patient.nicotine_quit),
    )


def _service_fact(det: Determination, service: Service) -> ServiceFact:
    return ServiceFact(
        id=service.id,
        code=service.code,
        system=service.system,
        level=service.level,
        side=service.side,
        setting=service.setting or det.requested_setting,
        line=service.line,
        procedure=service.procedure,
    )


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value[:10])


def request_facts(det: Determination) -> tuple[ServiceFact, ...]:
    """Every service line of the request, in the order of their line numbers."""
    lines = [_service_fact(det, s) for s in det.services]
    return tuple(sorted(lines, key=lambda s: (s.line is None, s.line or 0)))


def facts_for(det: Determination, service_id: str, patient: PatientFacts | None = None) -> Facts:
    """The facts for assessing one service line of ``det``; ``patient`` replaces the case
    file's patient (``det.patient``) when given.

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
                patient=patient or patient_facts(det.patient),
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


def criteria_set_name(det: Determination) -> str | None:
    """The criteria set the case file names (``criteria_set``), as ``id@version`` or ``id``.

    >>> criteria_set_name(Determination("d", "D", "approved", "c", criteria_set="payer",
    ...                                 criteria_set_version="2025.1"))
    'payer@2025.1'
    """
    if det.criteria_set is None:
        return None
    if det.criteria_set_version is None:
        return det.criteria_set
    return f"{det.criteria_set}@{det.criteria_set_version}"
