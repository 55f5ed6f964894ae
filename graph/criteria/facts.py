"""The facts view: what the criteria engine knows about one request, as typed values.

This module owns the input of the engine. A :class:`Facts` describes one service line
being assessed (its code, code system, level, side and setting), the other lines of
the same request, the request date, the patient (age, nicotine status with its date)
and the findings, each either documented *present* or documented *absent* ("no
scoliosis" is a finding that says absent; no finding at all says nothing). It holds
more than the authoring model can express today (absence, dates, age, nicotine); the
adapter (:mod:`toulmin.graph.criteria.adapter`) fills what the model has.

It imports only :mod:`toulmin.graph.criteria.values`.

Examples
--------
>>> f = FindingFact("f-ehl", "exam", muscle="extensor hallucis longus", grade="3+/5")
>>> f.motor_grade
MotorGrade(base=3, modifier=1)
>>> f.get("muscle"), f.get("level")
('extensor hallucis longus', None)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from toulmin.graph.criteria.values import Duration, Levels, MotorGrade

__all__ = ["FINDING_FIELDS", "Facts", "FindingFact", "PatientFacts", "ServiceFact"]

#: The fields a finding fact may carry (text values), as in case files.
FINDING_FIELDS: tuple[str, ...] = (
    "body_site",
    "side",
    "muscle",
    "grade",
    "root",
    "trend",
    "modality",
    "level",
    "severity",
    "limitation",
    "treatment",
    "agent",
    "outcome",
    "procedure",
    "icd10",
)


@dataclass(frozen=True)
class FindingFact:
    """One documented finding.

    ``present=False`` records a documented absence (the record says the thing is not
    there); its other fields say *what* is absent. ``date`` is when the finding was
    made or, for a treatment trial, when it ended, and ``start`` when the trial began;
    ``duration`` how long a trial lasted. ``root`` is the nerve root an exam grades
    (``L5``).
    ``measures`` are numeric measurements named with their unit (``cobb_angle_degrees``,
    ``sva_cm``, ``bmi``).
    """

    id: str
    kind: str
    present: bool = True
    start: date | None = None  # before ``date``, which names the type in annotations below
    date: date | None = None
    duration: Duration | None = None
    body_site: str | None = None
    side: str | None = None
    muscle: str | None = None
    grade: str | None = None
    root: str | None = None
    trend: str | None = None
    modality: str | None = None
    level: str | None = None
    severity: str | None = None
    limitation: str | None = None
    treatment: str | None = None
    agent: str | None = None
    outcome: str | None = None
    procedure: str | None = None
    icd10: str | None = None
    measures: tuple[tuple[str, float], ...] = ()
    extra: tuple[tuple[str, str], ...] = ()

    def get(self, name: str) -> Any:
        """A field's value (``kind``, a detail field, ``measure:NAME`` for a measurement,
        or an ``extra`` key), or ``None``."""
        if name in _OWN:
            return getattr(self, name)
        if name.startswith("measure:"):
            wanted = name[len("measure:") :]
            return next((v for k, v in self.measures if k == wanted), None)
        for key, value in self.extra:
            if key == name:
                return value
        return None

    @property
    def motor_grade(self) -> MotorGrade | None:
        return MotorGrade.parse(self.grade) if self.grade else None

    @property
    def levels(self) -> Levels | None:
        return Levels.parse(self.level)


_OWN = frozenset({"id", "kind", *FINDING_FIELDS})


@dataclass(frozen=True)
class ServiceFact:
    """A requested service line: code, code system, level, side, setting, and the
    procedure or technique as text (``microdiscectomy``, ``percutaneous``)."""

    id: str
    code: str
    system: str = "CPT"
    level: str | None = None
    side: str | None = None
    setting: str | None = None
    line: int | None = None
    procedure: str | None = None

    @property
    def levels(self) -> Levels | None:
        return Levels.parse(self.level)


@dataclass(frozen=True)
class PatientFacts:
    """What is known about the patient; ``None`` is unknown.

    ``nicotine`` is ``never``, ``former`` or ``current``; ``nicotine_as_of`` the date the
    status was documented, ``nicotine_quit`` the date a former user stopped.
    """

    age: int | None = None
    nicotine: str | None = None
    nicotine_as_of: date | None = None
    nicotine_quit: date | None = None


@dataclass(frozen=True)
class Facts:
    """Everything the engine may use to assess one service line (or the setting)."""

    service: ServiceFact
    findings: tuple[FindingFact, ...] = ()
    request: tuple[ServiceFact, ...] = ()
    request_date: date | None = None
    requested_setting: str | None = None
    patient: PatientFacts = field(default_factory=PatientFacts)
    determination: str | None = None

    @cached_property
    def by_kind(self) -> dict[str, tuple[FindingFact, ...]]:
        """The findings grouped by kind (case-folded), in their order."""
        groups: dict[str, list[FindingFact]] = {}
        for f in self.findings:
            groups.setdefault(f.kind.casefold(), []).append(f)
        return {kind: tuple(found) for kind, found in groups.items()}

    def others(self) -> tuple[ServiceFact, ...]:
        """The other lines of the same request."""
        return tuple(s for s in self.request if s.id != self.service.id)
