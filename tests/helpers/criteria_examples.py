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
        "f-no-scoliosis is a negative in free text on a finding of kind other: as a "
        "documented absence the condition itself would be not-met.",
    ),
    ("l4-5-fusion-inpatient-denied", "ip-spine-1-1", "svc-22558"): Disagreement(
        "insufficient",
        "f-single-primary says 'No prior lumbar surgery' in its text only; the model cannot "
        "mark a surgical history as absent, so whether this is a revision is unknown.",
    ),
    ("l4-5-fusion-inpatient-denied", "ip-spine-1-2", "svc-22558"): Disagreement(
        "insufficient",
        "f-no-comorbidity (kind other) says in its text that no comorbidity is listed; the "
        "model has no comorbidity finding and no documented absence.",
    ),
    ("l4-5-fusion-inpatient-denied", "ip-spine-1-4", "svc-22558"): Disagreement(
        "insufficient",
        "f-admission-note gives only routine reasons, in free text; that no patient-specific "
        "reason is documented is a documented absence the model cannot state.",
    ),
    ("l4-5-fusion-inpatient-denied", "ip-spine-1", "svc-22558"): Disagreement(
        "insufficient",
        "An any-of whose parts are not-met or insufficient is insufficient: it follows from "
        "IP-SPINE-1.1, 1.2 and 1.4.",
    ),
    ("l3-l5-tlif-denied", "lf-4-3", "svc-22633"): Disagreement(
        "insufficient",
        "LF-4.3 is not met on the radiographs, but its exception LF-4.3-E (a destabilising "
        "decompression) rests on the surgeon's plan, which the case holds only as free "
        "text (f-surgeon-letter, kind other); the example leaves the exception unassessed "
        "and the surgeon's argument that it applies unanswered (x-iatrogenic). Not-met or "
        "insufficient is insufficient: the engine finds the same gap.",
    ),
    ("l3-l5-tlif-denied", "lf-4", "svc-22633"): Disagreement(
        "insufficient", "Follows from LF-4.3 (an all-of with no part not-met)."
    ),
    ("l3-l5-tlif-denied", "nav-1", "svc-61783"): Disagreement(
        "insufficient", "NAV-1 rests on LF-4 for the fusion lines, which is insufficient."
    ),
}
