"""Hypothesis strategies for random *valid* argument structures (shared by several tests).

A test imports it as ``from tests.helpers import argument_strategies as strategies``.

A structure has findings, claims, conclusions, guideline statements and criterion
assessments (with and without citations), inferences without support cycles (a
premise always comes later in the id order than its conclusion), conflicts of the
three kinds (an undercut targets an inference, an undermining a premise, nothing
attacks itself) and a few preferences. Weights come from a small set so that ties
are common.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from toulmin.graph.authoring.model import (
    Assessment,
    Citation,
    Conflict,
    Criterion,
    Determination,
    Finding,
    Inference,
    Measure,
    Patient,
    Preference,
    ProofStandard,
    Service,
    Source,
    Statement,
)

WEIGHTS = st.sampled_from([None, None, 0.0, 0.3, 0.5, 0.8, 1.0])
STANDARDS = st.one_of(
    st.none(),
    st.sampled_from(
        [
            ProofStandard("scintilla"),
            ProofStandard("preponderance"),
            ProofStandard("clear-and-convincing"),
            ProofStandard("beyond-reasonable-doubt"),
            ProofStandard("clear-and-convincing", 0.2, 0.1, None),
            ProofStandard("beyond-reasonable-doubt", None, None, 0.6),
        ]
    ),
)


@st.composite
def citations(draw: st.DrawFn, allow_empty: bool = True) -> tuple[Citation, ...]:
    n = draw(st.integers(0 if allow_empty else 1, 2))
    out = []
    for _ in range(n):
        source = draw(st.sampled_from(["rec", "gl"]))
        locator = draw(st.one_of(st.none(), st.sampled_from(["p. 2", "MRI report", "§4.1"])))
        quote = draw(st.one_of(st.none(), st.sampled_from(["EHL 3+/5", 'a "quoted" span'])))
        out.append(Citation(source, locator, quote))
    return tuple(out)


@st.composite
def determinations(
    draw: st.DrawFn, max_statements: int = 7, cited_only: bool = False
) -> Determination:
    """A random valid determination (argument layer plus the minimum around it)."""
    n = draw(st.integers(1, max_statements))
    ids = [f"s{i}" for i in range(n)]
    kinds = [
        draw(st.sampled_from(["finding", "claim", "conclusion", "guideline", "assessment"]))
        for _ in ids
    ]
    findings, statements, assessments = [], [], []
    for sid, kind in zip(ids, kinds, strict=True):
        cite = draw(citations(allow_empty=not cited_only))
        weight = draw(WEIGHTS)
        if kind == "finding":
            findings.append(
                Finding(
                    sid,
                    draw(st.sampled_from(["exam", "imaging", "symptom", "other"])),
                    f"finding {sid}",
                    cite,
                    weight=weight,
                    grade=draw(st.one_of(st.none(), st.just("3+/5"))),
                    root=draw(st.one_of(st.none(), st.just("L5"))),
                    present=draw(st.sampled_from([None, True, False])),
                    date=draw(st.one_of(st.none(), st.just("2025-01-06"))),
                    measures=draw(st.sampled_from([(), (Measure("cobb_angle_degrees", 42.0),)])),
                )
            )
        elif kind == "assessment":
            assessments.append(
                Assessment(
                    sid,
                    "crit",
                    "svc",
                    draw(st.sampled_from(["met", "not-met", "not-applicable", "insufficient"])),
                    f"assessment {sid}",
                    cite,
                    weight=weight,
                )
            )
        else:
            statements.append(
                Statement(
                    sid,
                    kind,
                    f"statement {sid}",
                    cite,
                    plain=draw(st.one_of(st.none(), st.just("plain words"))),
                    weight=weight,
                    proof_standard=draw(STANDARDS) if kind != "finding" else None,
                )
            )
    inferences: list[Inference] = []
    if n > 1:
        for k in range(draw(st.integers(0, min(6, 2 * n)))):
            pos = draw(st.integers(0, n - 2))
            premises = draw(
                st.lists(st.sampled_from(ids[pos + 1 :]), min_size=1, max_size=3, unique=True)
            )
            inferences.append(
                Inference(
                    f"i{k}",
                    tuple(premises),
                    ids[pos],
                    scheme=draw(st.one_of(st.none(), st.just("argument from sign"))),
                    weight=draw(WEIGHTS),
                )
            )
    premise_ids = sorted({p for inf in inferences for p in inf.premises})
    conflicts: list[Conflict] = []
    for k in range(draw(st.integers(0, 5))):
        attacker = draw(st.sampled_from(ids))
        options = ["rebut"] if n > 1 else []
        if inferences:
            options.append("undercut")
        if [p for p in premise_ids if p != attacker]:
            options.append("undermine")
        if not options:
            break
        kind = draw(st.sampled_from(options))
        if kind == "undercut":
            target = draw(st.sampled_from([i.id for i in inferences]))
        elif kind == "undermine":
            target = draw(st.sampled_from([p for p in premise_ids if p != attacker]))
        else:
            target = draw(st.sampled_from([s for s in ids if s != attacker]))
        conflicts.append(Conflict(f"x{k}", kind, attacker, target))
    preferences: list[Preference] = []
    nodes = ids + [i.id for i in inferences]
    for k in range(draw(st.integers(0, 2))):
        hi, lo = draw(st.sampled_from(nodes)), draw(st.sampled_from(nodes))
        if hi != lo:
            preferences.append(Preference(f"p{k}", hi, lo))
    main = draw(st.sampled_from(ids))
    extra: dict[str, Any] = {}
    return Determination(
        id="det-" + draw(st.sampled_from(["a", "b1", "x-y"])),
        title="Random",
        outcome="approved",
        main_claim=main,
        proof_standard=draw(STANDARDS),
        sources=(
            Source("rec", "clinical-document", "Record"),
            Source("gl", "guideline", "Guideline"),
        ),
        criteria=(Criterion("crit", "gl", "A criterion."),),
        services=(
            Service(
                "svc",
                "22850",
                "approved",
                claim=main,
                side=draw(st.one_of(st.none(), st.just("left"))),
            ),
        ),
        patient=draw(st.one_of(st.none(), st.just(Patient(61, "former", "2025-01-06")))),
        criteria_set=draw(st.one_of(st.none(), st.just("payer-fusion"))),
        findings=tuple(findings),
        statements=tuple(statements),
        assessments=tuple(assessments),
        inferences=tuple(inferences),
        conflicts=tuple(conflicts),
        preferences=tuple(preferences),
        extra=extra,
    )
