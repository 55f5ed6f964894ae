"""Ordered values: motor grades, severities, durations with units, spinal levels."""

from __future__ import annotations

import pytest

from toulmin.graph.criteria.values import Duration, Levels, MotorGrade, severity_rank

GRADES = [f"{b}{m}/5" for b in range(6) for m in ("-", "", "+")]


def test_grades_are_ordered_by_base_then_modifier() -> None:
    parsed = [MotorGrade.parse(g) for g in GRADES]
    assert all(p is not None for p in parsed)
    shuffled = sorted(reversed(parsed))  # type: ignore[type-var]
    assert [str(g) for g in shuffled] == GRADES
    four_minus, four, four_plus = (MotorGrade.parse(g) for g in ("4-/5", "4/5", "4+/5"))
    assert four_minus < four < four_plus  # type: ignore[operator]
    assert MotorGrade.parse("3+/5") < MotorGrade.parse("4-/5")  # type: ignore[operator]


@pytest.mark.parametrize("text", ["6/5", "4", "4//5", "++4/5", "", "4 +/5x"])
def test_a_malformed_grade_is_unknown_not_a_guess(text: str) -> None:
    assert MotorGrade.parse(text) is None


def test_severity_scale() -> None:
    ranks = [severity_rank(s) for s in ("none", "mild", "moderate", "severe")]
    assert ranks == sorted(ranks)
    assert len(set(ranks)) == 4
    assert severity_rank("unknown") is None
    assert severity_rank(None) is None


def test_durations_compare_across_units_exactly() -> None:
    assert Duration.parse({"weeks": 6}) == Duration.parse({"days": 42})
    assert Duration.of_weeks(6.0) == Duration.parse({"weeks": 6})
    six_months = Duration.parse({"months": 6})
    assert Duration.of_weeks(26) < six_months < Duration.of_weeks(27)
    assert Duration.parse({"years": 1}) == Duration.parse({"months": 12})
    assert Duration.parse({"weeks": 6}).to_data() == {"weeks": 6}


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("L4-5", 1),
        ("L4-L5", 1),
        ("L4/5", 1),
        ("L3-S1", 3),
        ("L5-S1", 1),
        ("L3-4, L4-5", 2),
        ("L4", 1),
        ("C5-6", 1),
    ],
)
def test_levels_parse_to_motion_segments(text: str, count: int) -> None:
    levels = Levels.parse(text)
    assert levels is not None
    assert levels.count == count


@pytest.mark.parametrize("text", ["lumbar", "L5-L4", "L9", "L4-5-6", None, ""])
def test_unreadable_levels_are_unknown(text: str | None) -> None:
    assert Levels.parse(text) is None


def test_level_overlap_and_adjacency() -> None:
    l34, l45, l35, l5s1 = (Levels.parse(t) for t in ("L3-4", "L4-5", "L3-L5", "L5-S1"))
    assert l34
    assert l45
    assert l35
    assert l5s1
    assert l45.overlaps(l35)
    assert l34.overlaps(l35)
    assert not l34.overlaps(l45)
    assert l34.adjacent(l45)
    assert l45.adjacent(l5s1)
    assert not l34.adjacent(l5s1)
    assert not l45.adjacent(l35)  # overlapping is not adjacent
    vertebra = Levels.parse("L4")
    assert vertebra
    assert vertebra.overlaps(l45)
    assert vertebra.overlaps(l34)
