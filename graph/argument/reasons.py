"""Why a node has its label: the reasons the evaluator gives, as data and as text.

An :class:`Attack` is one conflict as it bears on a node's label (it holds, it is
answered, outweighed, ineffective, ...); a :class:`Reason` is the whole account of
one statement, inference or conflict, with a one-line text. They are built by
:class:`~toulmin.graph.argument.reasoner.Reasoner` from a labelling of the gate
circuit and unfolded into trees by :mod:`toulmin.graph.argument.explain`.

Owns the reason data and its JSON form; imports the proof standards and the
authoring model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from toulmin.graph.argument.standards import standard_dict
from toulmin.graph.authoring.model import ProofStandard

__all__ = ["ATTACK_STATUSES", "Attack", "Reason"]

#: The status of an attack, as :attr:`Attack.status` gives it.
ATTACK_STATUSES: tuple[str, ...] = (
    "holds",
    "answered",
    "outweighed",
    "ineffective",
    "lost-support",
    "undecided",
)


@dataclass(frozen=True)
class Attack:
    """One conflict as it bears on a node's label.

    ``status`` is ``holds`` (the attack stands and defeats), ``answered`` (its
    attacker is ``out``), ``outweighed`` (the target meets its standard against
    it), ``ineffective`` (it cannot defeat: weights, standard or a preference),
    ``lost-support`` (an undercut that holds on one support of a statement that
    stands on another) or ``undecided``. For ``answered``, ``by`` names the
    conflicts that hold against the attacker (or its support) and ``by_attackers``
    their attacking statements.
    """

    conflict: str
    kind: str
    attacker: str
    target: str
    status: str
    weight: float | None = None
    against: float | None = None
    by: tuple[str, ...] = ()
    by_attackers: tuple[str, ...] = ()
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "conflict": self.conflict,
            "kind": self.kind,
            "attacker": self.attacker,
            "target": self.target,
            "status": self.status,
            "weight": self.weight,
            "against": self.against,
            "by": list(self.by),
            "by_attackers": list(self.by_attackers),
            "text": self.text,
        }


@dataclass(frozen=True)
class Reason:
    """Why a node has its label, as data and as one line of text.

    Attributes
    ----------
    node, kind, label : str
        The node, its kind (statement / inference / conflict) and its label.
    code : str
        Statements: ``supported``, ``cited``, ``assumed`` (in); ``defeated``,
        ``unsupported``, ``uncited`` (out); ``cycle``, ``uncited``, ``unresolved``,
        ``no-labelling`` (undecided). Inferences: ``applicable``; ``undercut``,
        ``premise-out``; ``cycle``, ``unresolved``. Conflicts: ``holds``;
        ``answered``, ``outweighed``, ``ineffective``; ``undecided``.
    text : str
        The reason in one line.
    supports : tuple of str
        For a statement that is ``in``: the inferences that carry it (``"evidence"``
        for a leaf's citations); otherwise the supports that were tried.
    premises, missing : tuple of str
        For an inference: its premises, and those not ``in``. For a statement that
        is not ``in``: the premises not ``in`` of its supporting inferences.
    citations : tuple of str
        The statement's citations (``source#locator``).
    attacks : tuple of Attack
        Every attack on the node (for a statement also those on its supporting
        inferences), each with its status.
    cycle : tuple of str
        For ``undecided`` under grounded semantics: the cycle of nodes the label
        depends on, in dependency order (first = last), or, when the cause is an
        uncited leaf, the path to it.
    standard : ProofStandard or None
        The statement's proof standard.
    pro, con : float or None
        The weight of the best support that meets the standard and of the greatest
        counted con argument against it (statements).
    flags : tuple of str
        ``uncited`` (a leaf without citation), ``weight-ignored`` (a statement with
        supports and its own weight).
    """

    node: str
    kind: str
    label: str
    code: str
    text: str
    supports: tuple[str, ...] = ()
    premises: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    citations: tuple[str, ...] = ()
    attacks: tuple[Attack, ...] = ()
    cycle: tuple[str, ...] = ()
    standard: ProofStandard | None = None
    pro: float | None = None
    con: float | None = None
    flags: tuple[str, ...] = ()

    @property
    def defeaters(self) -> tuple[Attack, ...]:
        """The attacks that hold."""
        return tuple(a for a in self.attacks if a.status == "holds")

    @property
    def answered(self) -> tuple[Attack, ...]:
        """The attacks that failed (answered, outweighed or ineffective)."""
        return tuple(
            a for a in self.attacks if a.status in ("answered", "outweighed", "ineffective")
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "node": self.node,
            "kind": self.kind,
            "label": self.label,
            "code": self.code,
            "text": self.text,
            "supports": list(self.supports),
            "premises": list(self.premises),
            "missing": list(self.missing),
            "citations": list(self.citations),
            "attacks": [a.to_dict() for a in self.attacks],
            "cycle": list(self.cycle),
            "standard": None if self.standard is None else standard_dict(self.standard),
            "pro": self.pro,
            "con": self.con,
            "flags": list(self.flags),
        }
