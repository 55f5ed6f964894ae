"""The support and attack index of one determination's argument, built once.

Every reader of an argument asks the same questions of it: which inferences conclude
a statement and on which premises, which conflicts attack a statement or one of its
inferences, what answers an attack, what a statement cites, and the reverse of each
(what a statement is a premise of, what it attacks). :class:`ArgumentIndex` answers
them from the authoring model, and :func:`argument_index` builds it once per
determination (a determination is an immutable value, so the index is cached on it).

The trace, the evaluator's gate circuit, the brief and the map read their argument
relations from here. Every collection keeps case-file order; consumers that need
another order (the evaluator sorts by id) sort for themselves.

Owns the relations only, not their meaning (labels, proof standards, layout).
Imports :mod:`toulmin.graph.authoring.model` only.

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
... findings: [{id: f, kind: exam, text: EHL 3+/5., cite: "rec#note"}]
... statements:
...   - {id: c, kind: conclusion, text: Necessary., cite: rec}
...   - {id: k, kind: claim, text: Not necessary., cite: rec}
...   - {id: a, kind: claim, text: The exam is recent., cite: rec}
... inferences: [{id: i, premises: [f], conclusion: c}, {id: j, premises: [f], conclusion: k}]
... conflicts:
...   - {id: x, kind: rebut, attacker: k, target: c}
...   - {id: y, kind: undercut, attacker: a, target: j}
... ''')
>>> index = argument_index(det)
>>> index is argument_index(det)
True
>>> [i.id for i in index.supports_of("c")], index.premises("c")
(['i'], ('f',))
>>> [x.id for x in index.attacks_on("c")], [y.id for y in index.answers("x")]
(['x'], ['y'])
>>> sorted(index.support("c")), sorted(index.side("c"))
(['c', 'f'], ['c', 'f', 'i'])
>>> [str(c) for c in index.citations("f")], index.kind_of("y"), index.statement_type("f")
(['rec#note'], 'conflict', 'finding')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TypeAlias, TypeVar

from toulmin.graph.authoring.model import (
    Assessment,
    Citation,
    Conflict,
    Determination,
    Finding,
    Inference,
    Preference,
    ProofStandard,
    Statement,
)

__all__ = ["ArgumentIndex", "StatementLike", "argument_index"]

#: An AIF I-node of the authoring model.
StatementLike: TypeAlias = Finding | Statement | Assessment


_T = TypeVar("_T")


def _group(pairs: Iterable[tuple[str, _T]]) -> dict[str, tuple[_T, ...]]:
    grouped: dict[str, list[_T]] = defaultdict(list)
    for key, item in pairs:
        grouped[key].append(item)
    return {k: tuple(v) for k, v in grouped.items()}


class ArgumentIndex:
    """Who supports, attacks and answers what in one determination, by local id.

    Parameters
    ----------
    det : Determination
        The determination (as read from a case file, or decompiled).
    claims : tuple of (str, str), optional
        The decision claims, when ``det`` has no services to read them from (an
        argument layer read back from a view).

    Attributes
    ----------
    determination : str
        The determination id.
    main_claim : str
        Its main claim.
    proof_standard : ProofStandard or None
        The determination-level proof-standard setting.
    claims : tuple of (str, str)
        Service id (or ``"setting"``) and the statement that argues its decision, sorted.
    statements, inferences, conflicts, preferences : Mapping
        The nodes of each kind by id, in case-file order (statements: findings,
        statements, assessments).
    attackers : frozenset of str
        Every statement that attacks something.
    """

    def __init__(self, det: Determination, claims: Iterable[tuple[str, str]] | None = None) -> None:
        self.determination: str = det.id
        self.main_claim: str = det.main_claim
        self.proof_standard: ProofStandard | None = det.proof_standard
        if claims is None:
            claims = [(s.id, s.claim) for s in det.services if s.claim]
            if det.setting is not None and det.setting.claim:
                claims.append(("setting", det.setting.claim))
        self.claims: tuple[tuple[str, str], ...] = tuple(sorted(claims))
        self.statements: Mapping[str, StatementLike] = {s.id: s for s in det.all_statements()}
        self.inferences: Mapping[str, Inference] = {i.id: i for i in det.inferences}
        self.conflicts: Mapping[str, Conflict] = {x.id: x for x in det.conflicts}
        self.preferences: Mapping[str, Preference] = {p.id: p for p in det.preferences}
        self._supports: dict[str, tuple[Inference, ...]] = _group(
            (i.conclusion, i) for i in det.inferences
        )
        self._premise_of: dict[str, tuple[Inference, ...]] = _group(
            (p, i) for i in det.inferences for p in dict.fromkeys(i.premises)
        )
        self._attacks: dict[str, tuple[Conflict, ...]] = _group(
            (x.target, x) for x in det.conflicts
        )
        self._attacks_by: dict[str, tuple[Conflict, ...]] = _group(
            (x.attacker, x) for x in det.conflicts
        )
        self.attackers: frozenset[str] = frozenset(self._attacks_by)
        kinds: dict[str, str] = {}
        for group, kind in (
            (self.statements, "statement"),
            (self.inferences, "inference"),
            (self.conflicts, "conflict"),
            (self.preferences, "preference"),
        ):
            for node in group:
                kinds.setdefault(node, kind)
        self._kinds = kinds

    # -- nodes ------------------------------------------------------------------------
    def kind_of(self, node: str) -> str | None:
        """``statement``, ``inference``, ``conflict`` or ``preference`` (``None``: no such id)."""
        return self._kinds.get(node)

    @property
    def kinds(self) -> Mapping[str, str]:
        """The kind of every argument node, by id."""
        return self._kinds

    def statement_type(self, node: str) -> str:
        """A statement's type: ``finding``, ``assessment``, or the statement's own kind."""
        item = self.statements[node]
        if isinstance(item, Finding):
            return "finding"
        if isinstance(item, Assessment):
            return "assessment"
        return item.kind

    def citations(self, node: str) -> tuple[Citation, ...]:
        """A statement's citations, in citation order (``()`` for any other node)."""
        item = self.statements.get(node)
        return item.cite if item is not None else ()

    # -- support ------------------------------------------------------------------------
    def supports_of(self, node: str) -> tuple[Inference, ...]:
        """The inferences that conclude ``node``."""
        return self._supports.get(node, ())

    def premises(self, node: str) -> tuple[str, ...]:
        """The premises of every inference that concludes ``node``, each once."""
        return tuple(dict.fromkeys(p for i in self.supports_of(node) for p in i.premises))

    def premise_of(self, node: str) -> tuple[Inference, ...]:
        """The inferences that use statement ``node`` as a premise."""
        return self._premise_of.get(node, ())

    def support_trace(self, root: str) -> list[str]:
        """``root`` and every statement below it through support, breadth first.

        >>> det = Determination("d", "T", "approved", "c", inferences=(
        ...     Inference("i", ("a", "b"), "c"), Inference("j", ("z",), "a")))
        >>> argument_index(det).support_trace("c")
        ['c', 'a', 'b', 'z']
        """
        order = [root]
        seen = {root}
        for node in order:
            for inf in self.supports_of(node):
                for p in inf.premises:
                    if p not in seen:
                        seen.add(p)
                        order.append(p)
        return order

    def support(self, root: str) -> set[str]:
        """``root`` and every statement under it (``root (^conclusion/premise)* ?s``)."""
        return set(self.support_trace(root))

    def side(self, root: str) -> set[str]:
        """The support tree of ``root`` and the inferences into it (``conclusion?``)."""
        tree = self.support(root)
        return tree | {i.id for s in tree for i in self.supports_of(s)}

    # -- attack -------------------------------------------------------------------------
    def attacks_on(self, node: str) -> tuple[Conflict, ...]:
        """The conflicts whose target is ``node`` (a statement or an inference)."""
        return self._attacks.get(node, ())

    def attacks_by(self, node: str) -> tuple[Conflict, ...]:
        """The conflicts whose attacker is statement ``node``."""
        return self._attacks_by.get(node, ())

    def attacks_against(self, nodes: Sequence[str]) -> list[Conflict]:
        """The conflicts on any of ``nodes`` or on their supporting inferences, each once.

        In order: per node, the attacks on it, then those on each of its inferences.
        """
        found: dict[str, Conflict] = {}
        for n in nodes:
            for x in self.attacks_on(n):
                found.setdefault(x.id, x)
            for inf in self.supports_of(n):
                for x in self.attacks_on(inf.id):
                    found.setdefault(x.id, x)
        return list(found.values())

    def answers(self, conflict: str, *, through_premises: bool = False) -> list[Conflict]:
        """The answers to an attack: the conflicts on its attacker or the attacker's inferences.

        With ``through_premises`` also those on any statement of the attacker's support
        (:meth:`support_trace`).
        """
        attacker = self.conflicts[conflict].attacker
        nodes = self.support_trace(attacker) if through_premises else [attacker]
        return self.attacks_against(nodes)


@lru_cache(maxsize=64)
def _cached(det: Determination) -> ArgumentIndex:
    return ArgumentIndex(det)


def argument_index(det: Determination) -> ArgumentIndex:
    """The :class:`ArgumentIndex` of ``det``, built once per determination value.

    A determination is immutable, so equal determinations share one index (a small
    cache of the most recent ones). One that cannot be hashed (built by hand with a
    list where the model has a tuple) gets a fresh index each time.
    """
    try:
        return _cached(det)
    except TypeError:
        return ArgumentIndex(det)
