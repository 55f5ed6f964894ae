"""Ordered clinical values: motor grades, severities, durations and spinal levels.

This module owns the parsing and the order of the values that criteria compare; it
imports nothing from toulmin. Every parser returns ``None`` for a value it cannot read,
so that an unreadable value is *unknown* to the engine, never a guess.

Examples
--------
>>> MotorGrade.parse("4-/5") < MotorGrade.parse("4/5") < MotorGrade.parse("4+/5")
True
>>> severity_rank("moderate") > severity_rank("mild")
True
>>> Duration.parse({"weeks": 6}) == Duration.of_weeks(6.0)
True
>>> Duration.parse({"months": 6}) > Duration.parse({"weeks": 26})
True
>>> Levels.parse("L3-S1").count, Levels.parse("L4-5").overlaps(Levels.parse("L4-L5"))
(3, True)
>>> Levels.parse("L3-4").adjacent(Levels.parse("L4-L5"))
True
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from functools import lru_cache, total_ordering
from typing import Any

__all__ = [
    "CODE_SYSTEMS",
    "DURATION_UNITS",
    "SEVERITIES",
    "Duration",
    "Levels",
    "MotorGrade",
    "code_system_iri",
    "severity_rank",
]

#: Code systems by the name case files use, with their canonical IRIs (HL7 FHIR).
CODE_SYSTEMS: dict[str, str] = {
    "ICD-10-CM": "http://hl7.org/fhir/sid/icd-10-cm",
    "CPT": "http://www.ama-assn.org/go/cpt",
    "HCPCS": "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
}


def code_system_iri(name_or_iri: str) -> str:
    """The IRI of a code system given by name (``CPT``) or already by IRI.

    >>> code_system_iri("CPT")
    'http://www.ama-assn.org/go/cpt'
    """
    return CODE_SYSTEMS.get(name_or_iri, name_or_iri)


_GRADE = re.compile(r"^([0-5])([+-]?)/5$")


@total_ordering
@dataclass(frozen=True)
class MotorGrade:
    """An MRC motor grade ``0/5`` .. ``5/5`` with an optional ``+`` or ``-`` modifier.

    ``4-/5 < 4/5 < 4+/5 < 5-/5 < 5/5``.
    """

    base: int
    modifier: int = 0  # -1, 0 or +1

    @classmethod
    @lru_cache(maxsize=64)
    def parse(cls, text: str) -> MotorGrade | None:
        """Read ``'4-/5'``; ``None`` when the text is not a grade.

        >>> MotorGrade.parse("3+/5"), MotorGrade.parse("strong")
        (MotorGrade(base=3, modifier=1), None)
        """
        match = _GRADE.match(text.strip()) if isinstance(text, str) else None
        if match is None:
            return None
        sign = {"+": 1, "-": -1, "": 0}[match.group(2)]
        return cls(int(match.group(1)), sign)

    @property
    def key(self) -> int:
        return self.base * 3 + self.modifier

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, MotorGrade):
            return NotImplemented
        return self.key < other.key

    def __str__(self) -> str:
        return f"{self.base}{'+' if self.modifier > 0 else '-' if self.modifier < 0 else ''}/5"


#: The severity scale, in order; ``unknown`` (or anything else) is not on it.
SEVERITIES: tuple[str, ...] = ("none", "mild", "moderate", "severe")


def severity_rank(value: str | None) -> int | None:
    """Position of a severity on the scale, or ``None`` when it is unknown."""
    try:
        return SEVERITIES.index(value) if value is not None else None
    except ValueError:
        return None


#: Days per unit; a month is a twelfth of the mean Gregorian year (30.436875 days).
_DAYS: dict[str, Fraction] = {
    "days": Fraction(1),
    "weeks": Fraction(7),
    "months": Fraction(3652425, 120000),
    "years": Fraction(3652425, 10000),
}
DURATION_UNITS = tuple(_DAYS)


@total_ordering
@dataclass(frozen=True)
class Duration:
    """A length of time, kept exactly in days (a fraction), with the unit it was given in."""

    days: Fraction
    amount: float | int | None = None
    unit: str | None = None

    @classmethod
    def parse(cls, value: Mapping[str, Any]) -> Duration:
        """From ``{weeks: 6}`` (one unit key: days, weeks, months or years)."""
        ((unit, amount),) = value.items()
        return cls(Fraction(str(amount)) * _DAYS[unit], amount, unit)

    @classmethod
    def of_weeks(cls, weeks: float) -> Duration:
        return cls(Fraction(str(weeks)) * 7, weeks, "weeks")

    @classmethod
    def of_days(cls, days: int | Fraction) -> Duration:
        return cls(Fraction(days), None, "days")

    def to_data(self) -> dict[str, Any]:
        """The mapping it was read from (``{weeks: 6}``)."""
        if self.unit is not None and self.amount is not None:
            return {self.unit: self.amount}
        return {"days": float(self.days)}

    def before(self, day: date) -> date:
        """The day this long before ``day``: whole months and years by the calendar (the
        same day of the month, or its last day when the month is shorter), others exactly.

        >>> Duration.parse({"months": 6}).before(date(2026, 3, 2))
        datetime.date(2025, 9, 2)
        >>> Duration.parse({"months": 1}).before(date(2025, 3, 31))
        datetime.date(2025, 2, 28)
        >>> Duration.parse({"weeks": 6}).before(date(2026, 3, 2))
        datetime.date(2026, 1, 19)
        """
        whole = isinstance(self.amount, int) or (
            isinstance(self.amount, float) and self.amount.is_integer()
        )
        if self.unit in ("months", "years") and whole and self.amount is not None:
            months = int(self.amount) * (12 if self.unit == "years" else 1)
            year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
            last = calendar.monthrange(year, month + 1)[1]
            return date(year, month + 1, min(day.day, last))
        return day - timedelta(days=float(self.days))

    def __add__(self, other: Duration) -> Duration:
        return Duration.of_days(self.days + other.days)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Duration):
            return NotImplemented
        return self.days < other.days

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Duration) and self.days == other.days

    def __hash__(self) -> int:
        return hash(self.days)

    def __str__(self) -> str:
        if self.unit is not None and self.amount is not None:
            return f"{self.amount:g} {self.unit}"
        return f"{float(self.days):g} days"


_REGIONS = {"C": (0, 7), "T": (7, 12), "L": (19, 5), "S": (24, 5)}
_VERTEBRA = re.compile(r"^([CTLS])(\d{1,2})$")


def _vertebra(text: str, region: str | None) -> int | None:
    text = text.strip().upper()
    if text.isdigit() and region is not None:
        text = region + text
    match = _VERTEBRA.match(text)
    if match is None:
        return None
    start, size = _REGIONS[match.group(1)]
    number = int(match.group(2))
    return start + number - 1 if 1 <= number <= size else None


@dataclass(frozen=True)
class Levels:
    """Spinal levels as vertebrae and motion segments (a segment joins vertebrae i, i+1).

    Reads ``L4-5``, ``L4-L5``, ``L4/5``, ``L3-S1`` (three segments), ``L4`` (a vertebra)
    and lists such as ``L3-4, L4-5``.
    """

    vertebrae: frozenset[int]
    segments: frozenset[int]

    @classmethod
    @lru_cache(maxsize=256)
    def parse(cls, text: str | None) -> Levels | None:
        """``None`` when any part of the text is not a level.

        >>> Levels.parse("L3-4, L4-5").count, Levels.parse("lumbar")
        (2, None)
        """
        if not text:
            return None
        vertebrae: set[int] = set()
        segments: set[int] = set()
        for part in re.split(r"[,;]|\band\b", text):
            part = part.strip()
            if not part:
                continue
            ends = re.split(r"\s*[-/–]\s*", part)
            if len(ends) == 1:
                v = _vertebra(ends[0], None)
                if v is None:
                    return None
                vertebrae.add(v)
            elif len(ends) == 2:
                top = _vertebra(ends[0], None)
                region = ends[0].strip()[:1].upper()
                bottom = _vertebra(ends[1], region)
                if top is None or bottom is None or bottom <= top:
                    return None
                vertebrae.update(range(top, bottom + 1))
                segments.update(range(top, bottom))
            else:
                return None
        if not vertebrae:
            return None
        return cls(frozenset(vertebrae), frozenset(segments))

    @property
    def count(self) -> int:
        """Number of motion segments (of vertebrae when only vertebrae are named)."""
        return len(self.segments) or len(self.vertebrae)

    def overlaps(self, other: Levels) -> bool:
        """True when the two share a segment, or a vertebra if either names no segment."""
        if self.segments and other.segments:
            return bool(self.segments & other.segments)
        return bool(self.vertebrae & other.vertebrae)

    def adjacent(self, other: Levels) -> bool:
        """True when the two touch (share a vertebra) without overlapping."""
        return not self.overlaps(other) and bool(self.vertebrae & other.vertebrae)
