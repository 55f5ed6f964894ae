"""Three-valued (Kleene) truth for criteria, plus *not applicable*.

This module owns the result values and the connectives that combine them; it imports
nothing from toulmin. The truth order is ``NOT_MET < INSUFFICIENT < MET``: an all-of
is the minimum of its parts, an any-of the maximum, *not* swaps met and not-met and
leaves insufficient alone (strong Kleene logic). ``NOT_APPLICABLE`` is not a truth
value: a criterion whose applicability condition fails is not evaluated, and a part
that does not apply is left out of its parent's combination.

Examples
--------
>>> all_of([Truth.MET, Truth.INSUFFICIENT, Truth.NOT_MET])
<Truth.NOT_MET: 'not-met'>
>>> any_of([Truth.NOT_MET, Truth.INSUFFICIENT])
<Truth.INSUFFICIENT: 'insufficient'>
>>> at_least(2, [Truth.MET, Truth.INSUFFICIENT, Truth.NOT_MET])
<Truth.INSUFFICIENT: 'insufficient'>
>>> negate(Truth.MET).value
'not-met'
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

__all__ = ["Truth", "all_of", "any_of", "at_least", "negate"]


class Truth(Enum):
    """The result of a criterion or a condition, spelt as in case files."""

    NOT_MET = "not-met"
    INSUFFICIENT = "insufficient"
    MET = "met"
    NOT_APPLICABLE = "not-applicable"

    @property
    def rank(self) -> int:
        """Position in the truth order (not-met 0, insufficient 1, met 2).

        >>> Truth.INSUFFICIENT.rank
        1
        """
        if self is Truth.NOT_APPLICABLE:
            raise ValueError("not-applicable has no place in the truth order")
        return _RANK[self]

    @property
    def decided(self) -> bool:
        """True for met and not-met."""
        return self is Truth.MET or self is Truth.NOT_MET


_RANK = {Truth.NOT_MET: 0, Truth.INSUFFICIENT: 1, Truth.MET: 2}
_BY_RANK = (Truth.NOT_MET, Truth.INSUFFICIENT, Truth.MET)


def _applicable(values: Iterable[Truth]) -> list[Truth]:
    return [v for v in values if v is not Truth.NOT_APPLICABLE]


def all_of(values: Iterable[Truth]) -> Truth:
    """Kleene conjunction of the applicable values; not-applicable when none applies."""
    vals = _applicable(values)
    if not vals:
        return Truth.NOT_APPLICABLE
    return _BY_RANK[min(_RANK[v] for v in vals)]


def any_of(values: Iterable[Truth]) -> Truth:
    """Kleene disjunction of the applicable values; not-applicable when none applies."""
    vals = _applicable(values)
    if not vals:
        return Truth.NOT_APPLICABLE
    return _BY_RANK[max(_RANK[v] for v in vals)]


def at_least(n: int, values: Iterable[Truth]) -> Truth:
    """Met when ``n`` applicable values are met; not-met when even every insufficient
    one turning met could not reach ``n``; insufficient otherwise."""
    vals = _applicable(values)
    if not vals:
        return Truth.NOT_APPLICABLE
    met = sum(v is Truth.MET for v in vals)
    open_ = sum(v is Truth.INSUFFICIENT for v in vals)
    if met >= n:
        return Truth.MET
    if met + open_ < n:
        return Truth.NOT_MET
    return Truth.INSUFFICIENT


def negate(value: Truth) -> Truth:
    """Kleene negation: met and not-met swap; insufficient and not-applicable stay."""
    if value is Truth.MET:
        return Truth.NOT_MET
    if value is Truth.NOT_MET:
        return Truth.MET
    return value
