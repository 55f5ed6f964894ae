"""What the map and the brief show of an evaluation: labels, reasons, conflicts, flip sets.

:func:`evaluate_for_viz` runs the evaluator (:mod:`toulmin.graph.argument.evaluate`)
and the flip-set search (:mod:`toulmin.graph.argument.flip`) and keeps what the map
and the brief draw: acceptability labels (``in`` / ``out`` / ``undecided``), the
one-line reasons, the status of each conflict, and the minimal sets of nodes whose
defeat would flip each decision. It returns ``None`` when the evaluator cannot
evaluate the case (the map and the brief are then drawn without labels). Imports
:mod:`toulmin.graph.argument` and :mod:`toulmin.graph.authoring`.

Examples
--------
>>> from toulmin.graph.authoring.casefile import parse_case
>>> det = parse_case('''
... toulmin: 1
... id: tiny
... title: Tiny
... decision: {outcome: approved, main_claim: c}
... sources: [{id: rec, kind: clinical-document, title: Record}]
... services: [{id: s, code: "22850", decision: approved, claim: c}]
... statements: [{id: c, kind: conclusion, text: Necessary., cite: rec}]
... ''')
>>> ev = evaluate_for_viz(det)
>>> ev.main_label, ev.status["c"], ev.has_flip_sets
('in', 'in', True)
>>> [f.ids for f in ev.flip_sets["c"]]
[('c',), ('rec',)]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from toulmin.errors import ToulminError
from toulmin.graph.authoring.model import Determination

if TYPE_CHECKING:
    from toulmin.graph.argument.evaluate import Evaluation

__all__ = ["FlipView", "VizEvaluation", "evaluate_for_viz"]


@dataclass(frozen=True)
class FlipView:
    """One minimal flip set: its levers as ``(kind, id, text)``, and the label it gives."""

    levers: tuple[tuple[str, str, str], ...]
    label: str
    exact: bool = True

    @property
    def ids(self) -> tuple[str, ...]:
        """The levers' ids."""
        return tuple(lever[1] for lever in self.levers)


@dataclass(frozen=True)
class VizEvaluation:
    """What the map and the brief show of an evaluation.

    ``status`` and ``explanations`` cover statements and inferences;
    ``conflicts`` maps a conflict id to ``(label, status, reason)`` where status
    is the evaluator's attack status (``holds``, ``answered``, ``outweighed``,
    ``ineffective``, ...); ``flip_sets`` maps a claim id to its minimal flip sets
    and ``flip_notes`` to the search's bound in words (both empty when the search
    was not run or could not run: ``has_flip_sets`` tells).
    """

    semantics: str
    main_label: str
    status: Mapping[str, str]
    explanations: Mapping[str, str]
    conflicts: Mapping[str, tuple[str, str, str]] = field(default_factory=dict)
    flip_sets: Mapping[str, Sequence[FlipView]] = field(default_factory=dict)
    flip_notes: Mapping[str, str] = field(default_factory=dict)
    has_flip_sets: bool = False
    note: str = ""


def _flip_sets(
    ev: Evaluation, det: Determination, claims: Sequence[str]
) -> tuple[dict[str, list[FlipView]], dict[str, str]]:
    """Minimal flip sets of each claim from :func:`toulmin.graph.argument.flip.flip` (grounded)."""
    from toulmin.graph.argument.flip import flip

    source: Evaluation | Determination = ev if ev.semantics == "grounded" else det
    sets: dict[str, list[FlipView]] = {}
    notes: dict[str, str] = {}
    for claim in dict.fromkeys(claims):
        result = flip(source, claim)
        sets[claim] = [
            FlipView(tuple((lv.kind, lv.id, lv.text) for lv in fs.levers), fs.label, fs.exact)
            for fs in result.sets
        ]
        notes[claim] = result.note
    return sets, notes


def evaluate_for_viz(
    det: Determination, semantics: str = "grounded", *, flip: bool = True
) -> VizEvaluation | None:
    """Labels, reasons, conflict statuses and flip sets for ``det``.

    Parameters
    ----------
    det : Determination
        The determination.
    semantics : str
        Passed to the evaluator (``grounded`` by default).
    flip : bool
        Also compute the minimal flip sets of the main claim and of each decision's
        claim (grounded; :mod:`toulmin.graph.argument.flip`).

    Returns
    -------
    VizEvaluation or None
        ``None`` when the evaluator cannot evaluate this case (it raises a
        :class:`~toulmin.errors.ToulminError`).
    """
    from toulmin.graph.argument.evaluate import evaluate

    try:
        ev = evaluate(det, semantics=semantics)
    except ToulminError:
        return None
    status = {n: v for n, v in ev.labels.items() if ev.kinds[n] != "conflict"}
    explanations = {n: r.text for n, r in ev.reasons.items()}
    conflict_status: dict[str, str] = {}
    for r in ev.reasons.values():
        for a in r.attacks:
            conflict_status.setdefault(a.conflict, a.status)
    conflicts = {
        n: (label, conflict_status.get(n, label), explanations.get(n, ""))
        for n, label in ev.labels.items()
        if ev.kinds[n] == "conflict"
    }
    claims = [det.main_claim, *(c for _, c in ev.claims)]
    found = None
    if flip:
        try:
            found = _flip_sets(ev, det, claims)
        except ToulminError:
            found = None
    return VizEvaluation(
        semantics=ev.semantics,
        main_label=ev.labels.get(det.main_claim, "undecided"),
        status=status,
        explanations=explanations,
        conflicts=conflicts,
        flip_sets=found[0] if found else {},
        flip_notes=found[1] if found else {},
        has_flip_sets=found is not None,
        note=ev.note,
    )
