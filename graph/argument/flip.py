"""What would flip a determination: minimal sets of changes that change a claim's label.

For a claim that is ``in`` (an approval, or a denial that stands), the question is
which *levers*, if defeated together, take it out of ``in``:

* ``premise`` -- defeat a premise (a leaf statement the claim rests on: its cited
  evidence is rejected);
* ``source`` -- discredit a source: every citation to it stops counting, so every
  premise cited only to discredited sources falls;
* ``answer`` -- withdraw an attack that holds (typically the answer to a
  counter-argument: the undercut that defeats it), reported with its attacking
  statement.

For a claim that is not ``in`` (say a denial whose support is attacked), the
question is the inverse: which levers, if settled together, bring it ``in``:

* ``attack`` -- answer an attack that holds or is undecided (the conflict stops
  counting), i.e. the minimal unanswered attacks that keep the claim from standing;
* ``uncited-premise`` -- establish a premise that is not cited (give it evidence).

Only levers that can influence the claim are considered (those upstream of it in
the argument). Labels are grounded labels, recomputed for each candidate set with
the linear-time propagation of :class:`~toulmin.graph.argument.gates.Structure`.

Exactness and bounds
--------------------
Sets are searched by increasing size, skipping supersets of sets already found,
so every reported set is minimal (no proper subset flips the claim) and sets are
ranked by size. The search is **exhaustive** for every size whose candidate sets
all fit in ``budget`` evaluations (default 50 000; on an argument of the seed's
size -- about 35 levers -- that covers every set of up to 3 levers in well under a
second). Larger sizes, up to ``max_size``, are searched with a **beam** of width
``beam_width`` that grows the sets which took the most statements in the desired
direction; sets found that way are verified minimal but the list may miss some,
and they are flagged ``exact=False``. :attr:`FlipResult.exact_up_to` states the
size up to which the list is complete; nothing larger than ``max_size`` is
searched (the result says so when nothing was found).

Examples
--------
>>> from toulmin.graph.authoring.casefile import parse_case
>>> det = parse_case('''
... toulmin: 1
... id: tiny
... title: Tiny
... decision: {outcome: approved, main_claim: c}
... sources: [{id: rec, kind: clinical-document, title: Record}, {id: g, kind: guideline, title: G}]
... services: [{id: s, code: "22850", decision: approved, claim: c}]
... findings:
...   - {id: f1, kind: exam, text: EHL 3+/5., cite: rec}
...   - {id: f2, kind: exam, text: Atrophy., cite: g}
... statements:
...   - {id: c, kind: conclusion, text: Necessary., cite: rec}
...   - {id: k, kind: claim, text: Not necessary., cite: rec}
...   - {id: a, kind: claim, text: Answer., cite: g}
... inferences:
...   - {id: i1, premises: [f1], conclusion: c}
...   - {id: i2, premises: [f2], conclusion: c}
...   - {id: j, premises: [f1], conclusion: k}
... conflicts:
...   - {id: x, kind: rebut, attacker: k, target: c}
...   - {id: y, kind: undercut, attacker: a, target: j}
... ''')
>>> result = flip(det)
>>> [s.ids for s in result.sets]
[('y',), ('a',), ('g',), ('f1', 'f2'), ('f2', 'rec')]
>>> result.exact_up_to, result.sets[0].levers[0].text
(3, 'withdraw answer y (undercut by a on j)')
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from rdflib import Graph

from toulmin.errors import BadInputError
from toulmin.graph.argument.evaluate import Evaluation, evaluate
from toulmin.graph.argument.gates import IN, LABEL_NAMES, OUT
from toulmin.graph.authoring.model import Determination
from toulmin.graph.authoring.wording import counted, with_article

__all__ = ["LEVER_KINDS", "FlipResult", "FlipSet", "Lever", "flip"]

#: Kinds of levers, in the order results list them within one size.
LEVER_KINDS: tuple[str, ...] = ("answer", "attack", "premise", "uncited-premise", "source")


@dataclass(frozen=True)
class Lever:
    """One thing that could change: a premise, a source, or a conflict.

    ``kind`` is one of :data:`LEVER_KINDS`; ``id`` a statement, source or conflict id;
    for conflicts ``attacker`` and ``target`` name its ends; ``text`` says what the
    change is.
    """

    kind: str
    id: str
    text: str
    attacker: str | None = None
    target: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "kind": self.kind,
            "id": self.id,
            "text": self.text,
            "attacker": self.attacker,
            "target": self.target,
        }


@dataclass(frozen=True)
class FlipSet:
    """A minimal set of levers that flips the claim.

    Attributes
    ----------
    levers : tuple of Lever
    label : str
        The claim's label after the change.
    changed : tuple of (str, str, str)
        Every statement whose label changes: (id, before, after).
    exact : bool
        Found by the exhaustive part of the search (``False``: by the beam).
    """

    levers: tuple[Lever, ...]
    label: str
    changed: tuple[tuple[str, str, str], ...] = ()
    exact: bool = True

    @property
    def size(self) -> int:
        """Number of levers."""
        return len(self.levers)

    @property
    def ids(self) -> tuple[str, ...]:
        """The levers' ids."""
        return tuple(lever.id for lever in self.levers)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "size": self.size,
            "levers": [lever.to_dict() for lever in self.levers],
            "label": self.label,
            "exact": self.exact,
            "changed": [{"id": n, "before": b, "after": a} for n, b, a in self.changed],
        }


@dataclass(frozen=True)
class FlipResult:
    """The minimal flip sets of one claim, ranked by size.

    Attributes
    ----------
    determination, claim : str
    label : str
        The claim's label now (grounded).
    mode : str
        ``defeat`` (the claim is in; sets take it out) or ``rescue`` (it is not;
        sets bring it in).
    sets : tuple of FlipSet
        Ranked by size, then lever kind and id.
    candidates : tuple of Lever
        Every lever considered.
    max_size : int
        Largest set size searched.
    exact_up_to : int
        Every minimal set of at most this size is listed.
    method : str
        ``exhaustive`` or ``exhaustive+beam``.
    beam_width : int
    evaluations : int
        Number of what-if evaluations made.
    note : str
        The bound, in words.
    """

    determination: str
    claim: str
    label: str
    mode: str
    sets: tuple[FlipSet, ...]
    candidates: tuple[Lever, ...]
    max_size: int
    exact_up_to: int
    method: str
    beam_width: int
    evaluations: int
    note: str = field(default="")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (deterministic)."""
        return {
            "determination": self.determination,
            "claim": self.claim,
            "label": self.label,
            "mode": self.mode,
            "goal": "take the claim out of in" if self.mode == "defeat" else "bring the claim in",
            "semantics": "grounded",
            "max_size": self.max_size,
            "exact_up_to": self.exact_up_to,
            "method": self.method,
            "beam_width": self.beam_width,
            "evaluations": self.evaluations,
            "note": self.note,
            "candidates": [c.to_dict() for c in self.candidates],
            "sets": [s.to_dict() for s in self.sets],
        }


class _Search:
    def __init__(self, ev: Evaluation, claim: str) -> None:
        self.ev, self.st = ev, ev.structure
        st = self.st
        self.base = st.grounded()
        self.gate = st.s_gate[claim]
        self.claim = claim
        self.mode = "defeat" if self.base[self.gate] == IN else "rescue"
        self.cone = self._cone(self.gate)
        self.levers, self.effects = self._levers()
        self.evaluations = 0
        self.cache: dict[frozenset[int], list[int]] = {}

    def _cone(self, gate: int) -> set[int]:
        seen, stack = {gate}, [gate]
        while stack:
            g = stack.pop()
            for s, _ in self.st.inputs[g]:
                if s not in seen:
                    seen.add(s)
                    stack.append(s)
        return seen

    def _levers(self) -> tuple[list[Lever], list[Any]]:
        st, base, cone = self.st, self.base, self.cone
        levers: list[Lever] = []
        effects: list[Any] = []
        for x in st.conflicts:
            w = st.w_gate[x]
            if w not in cone:
                continue
            gates = (
                [st.d_gate[x]]
                if x in st.d_gate
                else [g for (c, _), g in st.c_gate.items() if c == x]
            )
            if not any(base[g] != OUT for g in gates):
                continue
            a, t = st.attacker[x], st.target[x]
            kind = st.conflict_kind[x]
            if self.mode == "defeat":
                lever = Lever("answer", x, f"withdraw answer {x} ({kind} by {a} on {t})", a, t)
            else:
                lever = Lever("attack", x, f"answer attack {x} ({kind} by {a} on {t})", a, t)
            levers.append(lever)
            effects.append(("switch", w))
        leaves = [s for s in st.leaves if st.b_gate[s] in cone]
        if self.mode == "defeat":
            held = [s for s in leaves if base[st.b_gate[s]] == IN]
            for s in held:
                levers.append(Lever("premise", s, f"defeat premise {s}"))
                effects.append(("leaf", s))
            sources = sorted({src for s in held for src in st.sources_of[s]})
            for src in sources:
                hit = sorted(s for s in held if src in st.sources_of[s])
                cited = counted(len(hit), "premise")
                levers.append(Lever("source", src, f"discredit source {src} (cited by {cited})"))
                effects.append(("source", src))
        else:
            for s in leaves:
                if base[st.b_gate[s]] != IN:
                    levers.append(Lever("uncited-premise", s, f"establish premise {s} (cite it)"))
                    effects.append(("leaf", s))
        order = {k: n for n, k in enumerate(LEVER_KINDS)}
        ranked = sorted(
            zip(levers, effects, strict=True), key=lambda le: (order[le[0].kind], le[0].id)
        )
        return [le[0] for le in ranked], [le[1] for le in ranked]

    def overrides(self, chosen: Iterable[int]) -> dict[int, int]:
        st = self.st
        out: dict[int, int] = {}
        sources: set[str] = set()
        for k in chosen:
            kind, what = self.effects[k]
            if kind == "switch":
                out[what] = OUT
            elif kind == "leaf":
                out[st.b_gate[what]] = OUT if self.mode == "defeat" else IN
            else:
                sources.add(what)
        if sources:
            for s in st.leaves:
                srcs = st.sources_of[s]
                if srcs and srcs <= sources:
                    out[st.b_gate[s]] = OUT
        return out

    def run(self, chosen: frozenset[int]) -> list[int]:
        if chosen not in self.cache:
            self.evaluations += 1
            self.cache[chosen] = self.st.grounded(self.overrides(chosen))
        return self.cache[chosen]

    def flips(self, lab: Sequence[int]) -> bool:
        now = lab[self.gate]
        return now != IN if self.mode == "defeat" else now == IN

    def score(self, lab: Sequence[int]) -> int:
        st, base = self.st, self.base
        gates = [g for g in st.s_gate.values() if g in self.cone]
        if self.mode == "defeat":
            return sum(1 for g in gates if base[g] == IN and lab[g] != IN)
        return sum(1 for g in gates if base[g] != IN and lab[g] == IN)

    def result_set(self, chosen: frozenset[int], exact: bool) -> FlipSet:
        st = self.st
        lab = self.run(chosen)
        changed = tuple(
            (s, LABEL_NAMES[self.base[g]], LABEL_NAMES[lab[g]])
            for s, g in sorted(st.s_gate.items())
            if self.base[g] != lab[g]
        )
        levers = tuple(self.levers[k] for k in sorted(chosen))
        return FlipSet(levers, LABEL_NAMES[lab[self.gate]], changed, exact)


def flip(
    source: Evaluation | Determination | Graph | nx.DiGraph,
    claim: str | None = None,
    *,
    max_size: int = 3,
    budget: int = 50_000,
    beam_width: int = 64,
    uncited: str = "undecided",
) -> FlipResult:
    """The minimal sets of levers that flip ``claim`` (default: the main claim).

    Parameters
    ----------
    source : Evaluation, Determination, rdflib.Graph or networkx.DiGraph
        A grounded evaluation, or anything :func:`~toulmin.graph.argument.evaluate.evaluate` takes.
    claim : str, optional
        A statement id; default the determination's main claim.
    max_size : int
        Largest set size searched (default 3).
    budget : int
        Most what-if evaluations for the exhaustive part (default 50 000).
    beam_width : int
        Width of the beam for sizes beyond the exhaustive part (default 64).
    uncited : str
        Policy for uncited leaves when ``source`` is not an evaluation.

    Returns
    -------
    FlipResult

    Raises
    ------
    BadInputError
        For an unknown claim id, a claim that is not a statement, a non-grounded
        evaluation or a bad bound.
    """
    if max_size < 1 or budget < 1 or beam_width < 1:
        raise BadInputError("max_size, budget and beam_width must be at least 1")
    ev = source if isinstance(source, Evaluation) else evaluate(source, uncited=uncited)
    if ev.semantics != "grounded":
        raise BadInputError(
            f"flip works on grounded labels; the evaluation given uses {ev.semantics} semantics"
        )
    claim = claim or ev.main_claim
    if ev.label(claim) and ev.kinds[claim] != "statement":
        raise BadInputError(
            f"'{claim}' is {with_article(ev.kinds[claim])}, not a statement (claim)"
        )
    search = _Search(ev, claim)
    found = _Found()
    exact_up_to, keep = _exhaustive(search, found, max_size, budget, beam_width)
    method = "exhaustive" if exact_up_to == max_size else "exhaustive+beam"
    if method == "exhaustive+beam":
        _beam(search, found, keep, exact_up_to, max_size, beam_width)
    sets = found.sets
    order = {k: i for i, k in enumerate(LEVER_KINDS)}
    sets.sort(key=lambda s: (s.size, [order[lv.kind] for lv in s.levers], s.ids))
    n = len(search.levers)
    goal = "take it out of in" if search.mode == "defeat" else "bring it in"
    if method == "exhaustive":
        note = (
            f"exact: every minimal set of up to {exact_up_to} levers that would {goal} "
            f"({n} levers considered, {search.evaluations} evaluations)"
        )
    else:
        note = (
            f"exact up to {exact_up_to} levers ({n} levers considered; the next size would "
            f"need more than the budget of {budget} evaluations); sets of {exact_up_to + 1} to "
            f"{max_size} levers come from a beam search of width {beam_width} (APPROXIMATE: "
            "each is a verified minimal set, but some may be missing)"
        )
    if not sets:
        note += f"; no set of up to {max_size} levers would {goal}"
    return FlipResult(
        determination=ev.determination,
        claim=claim,
        label=ev.labels[claim],
        mode=search.mode,
        sets=tuple(sets),
        candidates=tuple(search.levers),
        max_size=max_size,
        exact_up_to=exact_up_to,
        method=method,
        beam_width=beam_width,
        evaluations=search.evaluations,
        note=note,
    )


class _Found:
    """The flipping sets found so far: lever indices, and the sets as results."""

    def __init__(self) -> None:
        self.chosen: list[frozenset[int]] = []
        self.sets: list[FlipSet] = []

    def covers(self, chosen: frozenset[int]) -> bool:
        """Whether ``chosen`` contains a set already found (so it is not minimal)."""
        return any(f <= chosen for f in self.chosen)

    def add(self, search: _Search, chosen: frozenset[int], exact: bool) -> None:
        """Record ``chosen`` as a minimal flipping set."""
        self.chosen.append(chosen)
        self.sets.append(search.result_set(chosen, exact=exact))


def _exhaustive(
    search: _Search, found: _Found, max_size: int, budget: int, beam_width: int
) -> tuple[int, list[tuple[int, tuple[int, ...]]]]:
    """Try every set, size by size, while the next size fits in ``budget`` evaluations.

    Returns the largest size tried exhaustively (``max_size`` when all were), and the
    ``beam_width`` best non-flipping sets of that size (as heap items) for the beam.
    """
    n = len(search.levers)
    keep: list[tuple[int, tuple[int, ...]]] = []  # best non-flipping sets of the last size
    exact_up_to = 0
    for size in range(1, max_size + 1):
        if size > n:
            return max_size, keep
        if search.evaluations + math.comb(n, size) > budget:
            return exact_up_to, keep
        keep = []
        for combo in itertools.combinations(range(n), size):
            chosen = frozenset(combo)
            if found.covers(chosen):
                continue
            lab = search.run(chosen)
            if search.flips(lab):
                found.add(search, chosen, exact=True)
            else:
                item = (search.score(lab), tuple(-k for k in combo))
                if len(keep) < beam_width:
                    heapq.heappush(keep, item)
                else:
                    heapq.heappushpop(keep, item)
        exact_up_to = size
    return max_size, keep


def _beam(
    search: _Search,
    found: _Found,
    keep: list[tuple[int, tuple[int, ...]]],
    exact_up_to: int,
    max_size: int,
    beam_width: int,
) -> None:
    """Grow the best sets one lever at a time up to ``max_size``; keep the minimal flips."""
    n = len(search.levers)
    frontier = [frozenset(-k for k in combo) for _, combo in keep] or [frozenset()]
    for _size in range(exact_up_to + 1, max_size + 1):
        scored: dict[frozenset[int], int] = {}
        for base in frontier:
            for k in range(n):
                if k in base:
                    continue
                chosen = base | {k}
                if chosen in scored or found.covers(chosen):
                    continue
                lab = search.run(chosen)
                if search.flips(lab):
                    if _minimal(search, chosen, exact_up_to):
                        found.add(search, chosen, exact=False)
                    scored[chosen] = -1
                else:
                    scored[chosen] = search.score(lab)
        ranked = sorted(
            (c for c, v in scored.items() if v >= 0),
            key=lambda c: (-scored[c], sorted(c)),
        )
        frontier = ranked[:beam_width]
        if not frontier:
            break


def _minimal(search: _Search, chosen: frozenset[int], exact_up_to: int) -> bool:
    """Whether no proper subset of ``chosen`` larger than ``exact_up_to`` flips the claim.

    (Subsets up to ``exact_up_to`` were all tried, and none of them is contained in
    ``chosen``, or ``chosen`` would not have been evaluated.)
    """
    items = sorted(chosen)
    for size in range(exact_up_to + 1, len(items)):
        for combo in itertools.combinations(items, size):
            if search.flips(search.run(frozenset(combo))):
                return False
    return True
