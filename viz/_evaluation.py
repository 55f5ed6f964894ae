"""Adapter to the evaluator (:mod:`toulmin.graph.evaluate`), used only if present.

The map and the brief work without labels. When the evaluator is importable and
evaluates the case, they show acceptability labels (``in`` / ``out`` /
``undecided``), the one-line reasons, the status of each conflict and, when the
flip-set module (:mod:`toulmin.graph.flip`) is there too, the minimal sets of
nodes whose defeat would flip each decision.

Examples
--------
>>> from toulmin.graph.casefile import parse_case
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
from toulmin.graph.model import Determination

__all__ = ["VizEvaluation", "evaluate_for_viz"]


@dataclass(frozen=True)
class VizEvaluation:
    """What the map and the brief show of an evaluation.

    ``status`` and ``explanations`` cover statements and inferences;
    ``conflicts`` maps a conflict id to ``(label, status, reason)`` where status
    is the evaluator's attack status (``holds``, ``answered``, ``outweighed``,
    ``ineffective``, ...); ``flip_sets`` maps a claim id to its minimal flip sets
    (empty when the flip module is absent: ``has_flip_sets`` tells).
    """

    semantics: str
    main_label: str
    status: Mapping[str, str]
    explanations: Mapping[str, str]
    conflicts: Mapping[str, tuple[str, str, str]] = field(default_factory=dict)
    flip_sets: Mapping[str, Sequence[Sequence[str]]] = field(default_factory=dict)
    has_flip_sets: bool = False
    note: str = ""

    def get(self, key: str, default: Any = None) -> Any:
        """Dict-style access for the map: ``status``, ``explanations``, ``semantics``."""
        return getattr(self, key, default)


def _import(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _flip_sets(
    flip: Any, ev: Any, det: Determination, claims: Sequence[str]
) -> dict[str, list[list[str]]] | None:
    """Ask the flip module for the minimal flip sets of each claim, whatever it is called."""
    fn = None
    for name in ("flip_sets", "minimal_flip_sets", "find_flip_sets"):
        fn = getattr(flip, name, None)
        if callable(fn):
            break
    if fn is None:
        return None
    out: dict[str, list[list[str]]] = {}
    for claim in claims:
        result = None
        for args in ((ev, claim), (det, claim)):
            try:
                result = fn(*args)
                break
            except TypeError:
                continue
        if result is None:
            continue
        sets = getattr(result, "sets", result)
        out[claim] = [sorted(getattr(s, "nodes", s)) for s in sets]
    return out


def evaluate_for_viz(det: Determination, semantics: str = "grounded") -> VizEvaluation | None:
    """Labels, reasons, conflict statuses and flip sets for ``det``; ``None`` without evaluator.

    Parameters
    ----------
    det : Determination
        The determination.
    semantics : str
        Passed to the evaluator (``grounded`` by default).

    Returns
    -------
    VizEvaluation or None
        ``None`` when :mod:`toulmin.graph.evaluate` is not installed or cannot
        evaluate this case (a :class:`~toulmin.errors.ToulminError`).
    """
    evaluate_mod = _import("toulmin.graph.evaluate")
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
    flip = _import("toulmin.graph.flip")
    sets = None
    if flip is not None:
        try:
            sets = _flip_sets(flip, ev, det, claims)
        except ToulminError:
            sets = None
    return VizEvaluation(
        semantics=ev.semantics,
        main_label=labels.get(det.main_claim, "undecided"),
        status=status,
        explanations=explanations,
        conflicts=conflicts,
        flip_sets=sets or {},
        has_flip_sets=sets is not None,
        note=getattr(ev, "note", ""),
    )
