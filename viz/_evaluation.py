"""Adapter to the evaluator (:mod:`toulmin.graph.argument.evaluate`), used only if present.

The map and the brief work without labels. When the evaluator is importable and
evaluates the case, they show acceptability labels (``in`` / ``out`` /
``undecided``), the one-line reasons, the status of each conflict and, when the
flip-set module (:mod:`toulmin.graph.argument.flip`) is there too, the minimal sets of
nodes whose defeat would flip each decision.

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
>>> ev is None or ev.status["c"] == "in"
True
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from toulmin.errors import ToulminError
from toulmin.graph.authoring.model import Determination

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
    and ``flip_notes`` to the search's bound in words (both empty when the flip
    module is absent: ``has_flip_sets`` tells).
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


def _import(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _flip_sets(
    flip_mod: Any, ev: Any, det: Determination, claims: Sequence[str]
) -> tuple[dict[str, list[FlipView]], dict[str, str]] | None:
    """Minimal flip sets of each claim from :func:`toulmin.graph.argument.flip.flip` (grounded)."""
    fn = getattr(flip_mod, "flip", None)
    if not callable(fn):
        return None
    source = ev if getattr(ev, "semantics", "grounded") == "grounded" else det
    sets: dict[str, list[FlipView]] = {}
    notes: dict[str, str] = {}
    for claim in dict.fromkeys(claims):
        result = fn(source, claim)
        sets[claim] = [
            FlipView(
                tuple((lv.kind, lv.id, lv.text) for lv in fs.levers),
                fs.label,
                bool(getattr(fs, "exact", True)),
            )
            for fs in result.sets
        ]
        notes[claim] = getattr(result, "note", "") or (
            f"every minimal set of up to {result.exact_up_to} changes is listed"
        )
    return sets, notes


def evaluate_for_viz(
    det: Determination, semantics: str = "grounded", *, flip: bool = True
) -> VizEvaluation | None:
    """Labels, reasons, conflict statuses and flip sets for ``det``; ``None`` without evaluator.

    Parameters
    ----------
    det : Determination
        The determination.
    semantics : str
        Passed to the evaluator (``grounded`` by default).
    flip : bool
        Also compute the minimal flip sets of the main claim and of each decision's
        claim (grounded; :mod:`toulmin.graph.argument.flip`), when that module is installed.

    Returns
    -------
    VizEvaluation or None
        ``None`` when :mod:`toulmin.graph.argument.evaluate` is not installed or cannot
        evaluate this case (a :class:`~toulmin.errors.ToulminError`).
    """
    evaluate_mod = _import("toulmin.graph.argument.evaluate")
    if evaluate_mod is None or not hasattr(evaluate_mod, "evaluate"):
        return None
    try:
        ev = evaluate_mod.evaluate(det, semantics=semantics)
    except ToulminError:
        return None
    kinds: Mapping[str, str] = getattr(ev, "kinds", {})
    labels: Mapping[str, str] = ev.labels
    reasons: Mapping[str, Any] = getattr(ev, "reasons", {})
    status = {n: v for n, v in labels.items() if kinds.get(n, "statement") != "conflict"}
    explanations = {n: getattr(r, "text", str(r)) for n, r in reasons.items()}
    conflict_status: dict[str, str] = {}
    for r in reasons.values():
        for a in getattr(r, "attacks", ()):
            conflict_status.setdefault(a.conflict, a.status)
    conflicts = {
        n: (labels[n], conflict_status.get(n, labels[n]), explanations.get(n, ""))
        for n in labels
        if kinds.get(n) == "conflict"
    }
    claims = [det.main_claim, *(c for _, c in getattr(ev, "claims", ()))]
    flip_mod = _import("toulmin.graph.argument.flip") if flip else None
    found = None
    if flip_mod is not None:
        try:
            found = _flip_sets(flip_mod, ev, det, claims)
        except ToulminError:
            found = None
    return VizEvaluation(
        semantics=ev.semantics,
        main_label=labels.get(det.main_claim, "undecided"),
        status=status,
        explanations=explanations,
        conflicts=conflicts,
        flip_sets=found[0] if found else {},
        flip_notes=found[1] if found else {},
        has_flip_sets=found is not None,
        note=getattr(ev, "note", ""),
    )
