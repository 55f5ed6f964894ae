"""Where the criteria engine and the examples' own assessments disagree, and why.

tests/graph/criteria/test_criteria_examples.py checks that the engine gives each listed
result and no other disagreement exists; tests/cli/test_cli_assess.py checks that
``toulmin assess`` prints the same.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DISAGREEMENTS", "Disagreement"]


@dataclass(frozen=True)
class Disagreement:
    engine: str
    why: str


#: (example, criterion, service) -> what the engine computes instead, and why
DISAGREEMENTS: dict[tuple[str, str, str], Disagreement] = {
    ("l4-5-revision", "crit-stenosis-severity", "svc-63042"): Disagreement(
        "not-applicable",
        "The criterion's own wording limits it to primary decompression and fusion, and the "
        "request is a revision (CPT 63042 is a re-exploration; f-prior-fusion is at L4-5). "
        "The example records the not-met assessment as the premise of counter-argument A "
        "and answers it by an undercut (g-stenosis-criteria-primary-only), not by a "
        "not-applicable assessment. Even ignoring applicability the condition is "
        "insufficient, not not-met: the MRI's severity is unknown (hardware artifact).",
    ),
    ("l4-5-revision", "crit-scoliosis-instrumentation", "svc-22849"): Disagreement(
        "not-applicable",
        "The example asserts both not-met (the counter-argument's premise) and "
        "not-applicable (its answer, which wins); the engine computes the answer. "
        "f-no-scoliosis is a documented absence (present: false, M41): without the "
        "applicability the condition itself is not-met, as the counter-argument says.",
    ),
    ("l3-l5-tlif-denied", "lf-4-3", "svc-22633"): Disagreement(
        "met",
        "On purpose: LF-4.3 is not met on the radiographs, but the surgeon's letter "
        "(f-surgeon-letter, a surgical plan: facetectomy at L3-4 and L4-5) meets its "
        "exception LF-4.3-E, which waives it. The example's reviewer never assesses the "
        "exception and leaves the surgeon's argument that it applies unanswered "
        "(x-iatrogenic): the computed result is the defect the example is built to show.",
    ),
    ("l3-l5-tlif-denied", "lf-4", "svc-22633"): Disagreement(
        "met", "On purpose: follows from LF-4.3, waived by LF-4.3-E (LF-4.1 and 4.2 are met)."
    ),
    ("l3-l5-tlif-denied", "nav-1", "svc-61783"): Disagreement(
        "met", "On purpose: NAV-1 rests on LF-4 for the fusion line, which computes met."
    ),
}
