"""Acceptability of a determination's argument: labels in / out / undecided, with reasons.

Every statement, inference and conflict of a determination gets a label under
grounded semantics (the default), or under complete, preferred or stable
semantics on request. The structured argument is read as in ASPIC+ and
Carneades, over the AIF graph of :mod:`toulmin.graph.argument.view`:

* An **inference** is *applicable* (``in``) when all its premises are ``in``
  and every statement that undercuts it is ``out``; it is ``out`` when a premise
  is ``out`` or an undercutter is ``in``. An undercut defeats that inference
  only, never the other supports of its conclusion.
* A **statement** with supporting inferences is ``in`` when at least one of
  them is applicable and meets the statement's proof standard against the
  attacks on the statement (rebuttals and underminings) whose attacker holds.
  A conclusion with several independent supports stands while any one does.
  Its citations record provenance; they do not support it on their own.
* A statement with **no supporting inference** (a finding, a guideline
  statement, a cited claim) is a premise: its own cited evidence is an argument
  for it, with the statement's weight, so it is ``in`` unless an attack defeats
  it. A leaf with **no citation** (``cite: []``) is not assumed: by default it
  is ``undecided`` and the explanation says so (``uncited="out"`` rejects such
  leaves, ``uncited="assumed"`` accepts them as if cited).
* A **rebuttal** or **undermining** ``a -> t`` makes each argument for ``a``
  a con argument against ``t``; it counts while the argument supports ``a``
  successfully (so defeating ``a`` reinstates ``t``). The two differ in what they
  attack (a conclusion, a premise), not in how they are weighed. Conflicts are
  directed, as AIF CA-nodes are: a symmetric conflict is written as two conflicts.

Proof standards (Carneades)
---------------------------
Each statement is weighed by its own proof standard, else the determination's,
else preponderance of the evidence. With ``pro`` the weight of one applicable
argument for the statement and ``con`` the greatest weight of the counted
arguments against it (0 when there are none), the standard is met by that
argument when

* scintilla of evidence: always (the argument is applicable; attacks are not weighed);
* otherwise: ``pro > alpha`` and ``pro - con > beta`` and (``gamma`` unset or
  ``con < gamma``).

Thresholds not given in the case file default per standard to the values of the
Carneades engine (carneades-3, ``proofstandard.clj``): preponderance alpha 0,
beta 0 (so ``pro > con``); clear and convincing alpha 0.5, beta 0.3; beyond
reasonable doubt alpha 0.5, beta 0.5, gamma 0.2. Weights default to 1 for
inferences and for a leaf's cited evidence; the weight of a statement that has
supporting inferences is not used. Comparisons use exact decimals, so
``0.8 - 0.5 > 0.3`` is false, as written.

Preferences (AIF PA-nodes) take precedence over weights when the two sides of a
comparison are named: if the target statement or its supporting inference is
preferred over the attacker or the attacker's inference, that attack does not
count against that support; if the attacker side is preferred, it defeats that
support whatever the weights (except under scintilla). Contradicting preferences
cancel.

Algorithms
----------
The structured graph is compiled into a small circuit of three-valued gates
(:class:`Structure`): an AND gate per inference and per support (an applicable
argument whose defeating con arguments are all ``out``), an OR gate per
statement, a constant per leaf's cited evidence and per conflict. Its labellings
are exactly the fixpoints of the Kleene evaluation of those gates, which is the
structured analogue of Caminada's complete labellings:

* **grounded** is the least fixpoint, computed by propagation with one counter
  per gate: every gate is decided at most once and every wire is looked at once,
  so the time is linear in the size of the circuit (statements + inferences +
  premises + conflicts + pairs of support and con argument that can defeat each
  other). No extension is enumerated.
* **complete**, **preferred** and **stable** translate the circuit into a Dung
  framework (an argument per gate; an OR gate and every positive input get one
  auxiliary argument, an undecided constant attacks itself, a false constant is
  attacked by an unattacked argument) whose complete labellings project one to one
  onto the circuit's fixpoints, and enumerate them with
  :mod:`toulmin.graph.af.semantics`. The preferred labellings are the maximal
  ones in the information order, the stable ones have no undecided node. For
  these semantics the reported label of a node is its *skeptical* label: ``in``
  (or ``out``) when it is so in every labelling, else ``undecided``; every
  labelling is kept in :attr:`Evaluation.labellings`. With no stable labelling
  (an odd cycle, or an uncited leaf under ``uncited="undecided"``, has none)
  every node is reported ``undecided`` and the note says why.

Examples
--------
Two independent supports; an undercut takes one inference out, not the conclusion:

>>> from toulmin.graph.authoring.casefile import parse_case
>>> det = parse_case('''
... toulmin: 1
... id: tiny
... title: Tiny
... decision: {outcome: approved, main_claim: c}
... sources: [{id: rec, kind: clinical-document, title: Record}]
... services: [{id: s, code: "22850", decision: approved, claim: c}]
... findings:
...   - {id: f1, kind: exam, text: EHL 3+/5., cite: rec}
...   - {id: f2, kind: exam, text: Atrophy., cite: rec}
... statements:
...   - {id: c, kind: conclusion, text: Necessary., cite: rec}
...   - {id: u, kind: claim, text: The exam is old., cite: rec}
... inferences:
...   - {id: i1, premises: [f1], conclusion: c}
...   - {id: i2, premises: [f2], conclusion: c}
... conflicts:
...   - {id: x, kind: undercut, attacker: u, target: i1}
... ''')
>>> ev = evaluate(det)
>>> ev.label("c"), ev.label("i1"), ev.label("i2"), ev.label("x")
('in', 'out', 'in', 'in')
>>> for part in ev.reason("c").text.split("; "):
...     print(part)
in: supported by i2 (weight 1), which meets preponderance of the evidence (pro 1 > con 0)
support i1 is undercut by u (x)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

import networkx as nx
import numpy as np
from rdflib import Graph

from toulmin.errors import BadInputError
from toulmin.graph.af.semantics import SEMANTICS
from toulmin.graph.argument.view import argument_view
from toulmin.graph.authoring.model import Determination

__all__ = [
    "DEFAULT_WEIGHT",
    "LABELS",
    "SEMANTICS",
    "STANDARD_DEFAULTS",
    "UNCITED_POLICIES",
    "Attack",
    "ConArgument",
    "Evaluation",
    "ProArgument",
    "Reason",
    "Standard",
    "Structure",
    "evaluate",
    "resolve_standard",
]

#: The three labels, as strings.
LABELS: tuple[str, ...] = ("in", "out", "undecided")
#: What an uncited leaf is: ``undecided`` (default: not assumed), ``out`` or ``assumed`` (in).
UNCITED_POLICIES: tuple[str, ...] = ("undecided", "out", "assumed")
#: Weight of an inference, or of a leaf's cited evidence, when the case file gives none.
DEFAULT_WEIGHT = 1.0

# gate labels (the same numbers as toulmin.graph.af.semantics.Label)
_UNDEC, _IN, _OUT = 0, 1, 2
_NAMES = {_UNDEC: "undecided", _IN: "in", _OUT: "out"}
# gate types
_CONST, _ALL, _ANY = 0, 1, 2


@lru_cache(maxsize=4096)
def _dec(value: float) -> Decimal:
    return Decimal(repr(float(value)))


def _fmt(value: float | Decimal | None) -> str:
    if value is None:
        return "-"
    return format(_dec(float(value)).normalize(), "f")


# ===================================================================== proof standards


@dataclass(frozen=True)
class Standard:
    """An effective proof standard: a name and its thresholds (``None`` = not used).

    Examples
    --------
    >>> ps = STANDARD_DEFAULTS["clear-and-convincing"]
    >>> ps.met(0.9, 0.5), ps.met(0.9, 0.6), ps.met(0.4, 0.0)
    (True, False, False)
    >>> STANDARD_DEFAULTS["scintilla"].met(0.1, 1.0)
    True
    >>> STANDARD_DEFAULTS["preponderance"].met(0.7, 0.7)
    False
    """

    name: str
    alpha: float | None = None
    beta: float | None = None
    gamma: float | None = None

    @property
    def title(self) -> str:
        """The standard's name in words."""
        return _TITLES[self.name]

    def eligible(self, pro: float) -> bool:
        """Whether an unopposed argument of weight ``pro`` meets the standard."""
        return self.met(pro, None)

    def met(self, pro: float | None, con: float | None) -> bool:
        """Whether an argument of weight ``pro`` meets the standard against ``con``.

        ``pro=None`` means there is no applicable argument; ``con=None`` no counted con.
        """
        if pro is None:
            return False
        if self.name == "scintilla":
            return True
        p, c = _dec(pro), _dec(con or 0.0)
        if self.alpha is not None and not p > _dec(self.alpha):
            return False
        if self.beta is not None and not p - c > _dec(self.beta):
            return False
        return self.gamma is None or c < _dec(self.gamma)

    def defeats(self, pro: float, con: float) -> bool:
        """Whether one con argument of weight ``con`` stops a pro argument of weight ``pro``.

        (Only meaningful for an eligible ``pro``.)
        """
        return self.name != "scintilla" and not self.met(pro, con)

    def why_not(self, pro: float, con: float | None) -> str:
        """Which condition of the standard ``pro`` against ``con`` fails, in words.

        >>> STANDARD_DEFAULTS["preponderance"].why_not(0.6, 0.8)
        'con 0.8 >= pro 0.6 (preponderance of the evidence)'
        >>> STANDARD_DEFAULTS["beyond-reasonable-doubt"].why_not(1.0, 0.3)
        'con 0.3 is not below gamma 0.2 (beyond reasonable doubt)'
        """
        p, c = _dec(pro), _dec(con or 0.0)
        tail = f" ({self.title})"
        if self.name == "preponderance" and not self.alpha and not self.beta and self.gamma is None:
            return (
                f"con {_fmt(c)} >= pro {_fmt(p)}"
                if con is not None
                else f"pro {_fmt(p)} is not above 0"
            ) + tail
        if self.alpha is not None and not p > _dec(self.alpha):
            return f"pro {_fmt(p)} is not above alpha {_fmt(self.alpha)}" + tail
        if self.beta is not None and not p - c > _dec(self.beta):
            return f"pro {_fmt(p)} - con {_fmt(c)} is not above beta {_fmt(self.beta)}" + tail
        if self.gamma is not None and not c < _dec(self.gamma):
            return f"con {_fmt(c)} is not below gamma {_fmt(self.gamma)}" + tail
        return "the standard is met" + tail

    def describe(self) -> str:
        """The standard with its thresholds, in words."""
        parts = [
            f"{n} {_fmt(v)}"
            for n, v in (("alpha", self.alpha), ("beta", self.beta), ("gamma", self.gamma))
            if v is not None
        ]
        return self.title + (f" ({', '.join(parts)})" if parts else "")

    def to_dict(self) -> dict[str, Any]:
        """``{"standard", "alpha", "beta", "gamma"}``."""
        return {"standard": self.name, "alpha": self.alpha, "beta": self.beta, "gamma": self.gamma}


_TITLES = {
    "scintilla": "scintilla of evidence",
    "preponderance": "preponderance of the evidence",
    "clear-and-convincing": "clear and convincing evidence",
    "beyond-reasonable-doubt": "beyond reasonable doubt",
}

#: The standards with their default thresholds (Carneades 3 engine values).
STANDARD_DEFAULTS: dict[str, Standard] = {
    "scintilla": Standard("scintilla"),
    "preponderance": Standard("preponderance", 0.0, 0.0, None),
    "clear-and-convincing": Standard("clear-and-convincing", 0.5, 0.3, None),
    "beyond-reasonable-doubt": Standard("beyond-reasonable-doubt", 0.5, 0.5, 0.2),
}


def resolve_standard(
    setting: Mapping[str, Any] | Any | None, fallback: Standard | None = None
) -> Standard:
    """The effective standard of a case-file setting: thresholds given there, defaults otherwise.

    ``setting`` is a :class:`~toulmin.graph.authoring.model.ProofStandard`, its dict form (as in
    the argument view) or ``None`` (then ``fallback``, else preponderance).

    Examples
    --------
    >>> resolve_standard({"standard": "clear-and-convincing", "alpha": 0.7})
    Standard(name='clear-and-convincing', alpha=0.7, beta=0.3, gamma=None)
    >>> resolve_standard(None).name
    'preponderance'
    """
    if setting is None:
        return fallback or STANDARD_DEFAULTS["preponderance"]
    get = setting.get if isinstance(setting, Mapping) else lambda k: getattr(setting, k, None)
    name = get("standard")
    if name not in STANDARD_DEFAULTS:
        raise BadInputError(
            f"unknown proof standard {name!r}; choose one of {', '.join(STANDARD_DEFAULTS)}"
        )
    base = STANDARD_DEFAULTS[name]
    if name == "scintilla":
        return base
    values = {
        k: get(k) if get(k) is not None else getattr(base, k) for k in ("alpha", "beta", "gamma")
    }
    return Standard(name, **values)


# ===================================================================== the structure


@dataclass(frozen=True)
class ProArgument:
    """An argument for a statement: a supporting inference, or (``via=None``) its cited evidence."""

    statement: str
    via: str | None
    weight: float
    eligible: bool


@dataclass(frozen=True)
class ConArgument:
    """An argument against a statement: one for the attacker of a rebuttal or undermining."""

    conflict: str
    kind: str
    attacker: str
    target: str
    via: str | None
    weight: float


class Structure:
    """A determination's argument compiled for evaluation (a circuit of three-valued gates).

    Built from an argument view (:func:`toulmin.graph.argument.view.argument_view`). The gates
    are: per statement ``S`` (OR of its supports), per inference ``I`` (AND of its
    premises and of the negations of its undercuts), per leaf its cited evidence
    ``B`` (a constant), per support of a statement ``U`` (AND of the argument and
    of the negations of the con arguments that would defeat it), per conflict a
    switch ``W`` (a constant, ``in``; :mod:`toulmin.graph.argument.flip` turns it off), per
    undercut ``D`` (AND of the attacker and the switch) and per con argument ``C``
    (AND of the attacker's support and the switch).

    Parameters
    ----------
    view : networkx.DiGraph
        An argument view.
    uncited : str
        One of :data:`UNCITED_POLICIES`.
    """

    def __init__(self, view: nx.DiGraph, uncited: str = "undecided") -> None:
        if uncited not in UNCITED_POLICIES:
            raise BadInputError(
                f"unknown policy for uncited leaves {uncited!r}; "
                f"choose one of {', '.join(UNCITED_POLICIES)}"
            )
        self.view = view
        self.uncited = uncited
        self.determination: str = view.graph["determination"]
        self.main_claim: str = view.graph.get("main_claim", "")
        self.claims: dict[str, str] = dict(view.graph.get("claims", {}))
        self.standard = resolve_standard(view.graph.get("proof_standard"))
        data = dict(view.nodes(data=True))
        self.data: dict[str, dict[str, Any]] = data
        self.kinds: dict[str, str] = {n: d["kind"] for n, d in data.items()}
        self.statements = sorted(n for n, k in self.kinds.items() if k == "statement")
        self.inferences = sorted(n for n, k in self.kinds.items() if k == "inference")
        self.conflicts = sorted(n for n, k in self.kinds.items() if k == "conflict")
        role_in: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        role_out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for u, v, role in view.edges(data="role"):
            role_out[u][role].append(v)
            role_in[v][role].append(u)
        self.premises: dict[str, tuple[str, ...]] = {
            i: tuple(sorted(role_in[i]["premise"])) for i in self.inferences
        }
        self.conclusion: dict[str, str] = {i: role_out[i]["conclusion"][0] for i in self.inferences}
        self.supporters: dict[str, tuple[str, ...]] = {
            s: tuple(sorted(role_in[s]["conclusion"])) for s in self.statements
        }
        self.used_in: dict[str, tuple[str, ...]] = {
            s: tuple(sorted(role_out[s]["premise"])) for s in self.statements
        }
        self.attacker: dict[str, str] = {x: role_in[x]["attacker"][0] for x in self.conflicts}
        self.target: dict[str, str] = {x: role_out[x]["target"][0] for x in self.conflicts}
        self.conflict_kind: dict[str, str] = {x: data[x]["conflict_kind"] for x in self.conflicts}
        self.attacks_on: dict[str, tuple[str, ...]] = {
            n: tuple(sorted(role_in[n]["target"])) for n in (*self.statements, *self.inferences)
        }
        self.standards: dict[str, Standard] = {
            s: resolve_standard(data[s].get("proof_standard"), self.standard)
            for s in self.statements
        }
        self.citations: dict[str, tuple[str, ...]] = {
            s: tuple(
                c["source"] + ("" if c.get("locator") is None else f"#{c['locator']}")
                for c in data[s].get("cite", ())
            )
            for s in self.statements
        }
        self.sources_of: dict[str, frozenset[str]] = {
            s: frozenset(c["source"] for c in data[s].get("cite", ())) for s in self.statements
        }
        self._preferences(view, role_in, role_out)
        self._arguments()
        self._circuit()

    # -- preferences and arguments ---------------------------------------------------
    def _preferences(self, view: nx.DiGraph, role_in: Any, role_out: Any) -> None:
        prefers: set[tuple[str, str]] = set()
        for p, kind in self.kinds.items():
            if kind == "preference":
                for hi in role_in[p]["preferred"]:
                    for lo in role_out[p]["dispreferred"]:
                        if hi != lo:
                            prefers.add((hi, lo))
        self.prefers = frozenset(prefers)

    def _order(self, pro_side: Iterable[str], con_side: Iterable[str]) -> int:
        """+1 when the pro side is preferred, -1 when the con side is, 0 otherwise."""
        pro_side, con_side = list(pro_side), list(con_side)
        up = any((a, b) in self.prefers for a in pro_side for b in con_side)
        down = any((b, a) in self.prefers for a in pro_side for b in con_side)
        return 0 if up == down else (1 if up else -1)

    def _arguments(self) -> None:
        self.leaves = [s for s in self.statements if not self.supporters[s]]
        self.pros: dict[str, list[ProArgument]] = {}
        for s in self.statements:
            std = self.standards[s]
            if self.supporters[s]:
                args = []
                for i in self.supporters[s]:
                    w = self.data[i].get("weight")
                    w = DEFAULT_WEIGHT if w is None else float(w)
                    args.append(ProArgument(s, i, w, std.eligible(w)))
            else:
                w = self.data[s].get("weight")
                w = DEFAULT_WEIGHT if w is None else float(w)
                args = [ProArgument(s, None, w, std.eligible(w))]
            self.pros[s] = args
        self.cons: dict[str, list[ConArgument]] = {s: [] for s in self.statements}
        for x in self.conflicts:
            kind = self.conflict_kind[x]
            if kind == "undercut":
                continue
            a, t = self.attacker[x], self.target[x]
            for p in self.pros[a]:
                if p.eligible:
                    self.cons[t].append(ConArgument(x, kind, a, t, p.via, p.weight))
        # pair relation, per eligible pro and con: defeats | weaker | excluded | preferred
        self.pair: dict[tuple[str, str | None, str, str | None], str] = {}
        self.defeaters: dict[tuple[str, str | None], list[ConArgument]] = {}
        for s in self.statements:
            std = self.standards[s]
            for p in self.pros[s]:
                if not p.eligible:
                    continue
                hits = []
                for c in self.cons[s]:
                    pro_side = [s] + ([p.via] if p.via else [])
                    con_side = [c.attacker] + ([c.via] if c.via else [])
                    order = 0 if std.name == "scintilla" else self._order(pro_side, con_side)
                    if order > 0:
                        status = "excluded"
                    elif order < 0:
                        status = "preferred"
                    elif std.defeats(p.weight, c.weight):
                        status = "defeats"
                    else:
                        status = "weaker"
                    self.pair[(s, p.via, c.conflict, c.via)] = status
                    if status in ("defeats", "preferred"):
                        hits.append(c)
                self.defeaters[(s, p.via)] = hits

    # -- the circuit -------------------------------------------------------------------
    def _gate(self, gtype: int, owner: str, role: str, const: int = _UNDEC) -> int:
        self.gtype.append(gtype)
        self.gconst.append(const)
        self.inputs.append([])
        self.owner.append(owner)
        self.role.append(role)
        return len(self.gtype) - 1

    def _wire(self, src: int, dst: int, negated: bool) -> None:
        self.inputs[dst].append((src, negated))

    def _circuit(self) -> None:
        self.gtype: list[int] = []
        self.gconst: list[int] = []
        self.inputs: list[list[tuple[int, bool]]] = []
        self.owner: list[str] = []
        self.role: list[str] = []
        self.s_gate = {s: self._gate(_ANY, s, "statement") for s in self.statements}
        self.i_gate = {i: self._gate(_ALL, i, "inference") for i in self.inferences}
        self.w_gate = {x: self._gate(_CONST, x, "switch", _IN) for x in self.conflicts}
        uncited_value = {"undecided": _UNDEC, "out": _OUT, "assumed": _IN}[self.uncited]
        self.b_gate: dict[str, int] = {}
        for s in self.leaves:
            value = _IN if self.citations[s] else uncited_value
            self.b_gate[s] = self._gate(_CONST, s, "evidence", value)
        self.u_gate: dict[tuple[str, str | None], int] = {}
        for s in self.statements:
            for p in self.pros[s]:
                if p.eligible:
                    self.u_gate[(s, p.via)] = self._gate(_ALL, s, "support")
        self.d_gate: dict[str, int] = {}
        self.c_gate: dict[tuple[str, str | None], int] = {}
        for x in self.conflicts:
            a = self.attacker[x]
            if self.conflict_kind[x] == "undercut":
                g = self.d_gate[x] = self._gate(_ALL, x, "attack")
                self._wire(self.s_gate[a], g, False)
                self._wire(self.w_gate[x], g, False)
        for s in self.statements:
            for c in self.cons[s]:
                key = (c.conflict, c.via)
                if key not in self.c_gate:
                    g = self.c_gate[key] = self._gate(_ALL, c.conflict, "attack")
                    self._wire(self.u_gate[(c.attacker, c.via)], g, False)
                    self._wire(self.w_gate[c.conflict], g, False)
        for i in self.inferences:
            g = self.i_gate[i]
            for q in self.premises[i]:
                self._wire(self.s_gate[q], g, False)
            for x in self.attacks_on[i]:
                self._wire(self.d_gate[x], g, True)
        for (s, via), g in self.u_gate.items():
            self._wire(self.i_gate[via] if via else self.b_gate[s], g, False)
            for c in self.defeaters[(s, via)]:
                self._wire(self.c_gate[(c.conflict, c.via)], g, True)
            self._wire(g, self.s_gate[s], False)
        self.fanout: list[list[tuple[int, bool]]] = [[] for _ in self.gtype]
        for g, ins in enumerate(self.inputs):
            for src, neg in ins:
                self.fanout[src].append((g, neg))

    @property
    def size(self) -> int:
        """Number of gates plus wires (what grounded labelling takes time linear in)."""
        return len(self.gtype) + sum(len(i) for i in self.inputs)

    # -- grounded ------------------------------------------------------------------------
    def grounded(self, overrides: Mapping[int, int] | None = None) -> list[int]:
        """Gate labels of the grounded labelling (least fixpoint), in linear time.

        ``overrides`` replaces the value of constant gates (evidence ``B``, switches
        ``W``); :mod:`toulmin.graph.argument.flip` uses it for what-if questions.
        """
        gtype, inputs, fanout = self.gtype, self.inputs, self.fanout
        const = list(self.gconst)
        if overrides:
            for g, v in overrides.items():
                if gtype[g] != _CONST:
                    raise ValueError(f"gate {g} is not a constant")
                const[g] = v
        n = len(gtype)
        lab = [_UNDEC] * n
        need = [0] * n
        queue: list[int] = []
        for g in range(n):
            t = gtype[g]
            if t == _CONST:
                if const[g] != _UNDEC:
                    lab[g] = const[g]
                    queue.append(g)
            elif not inputs[g]:
                lab[g] = _IN if t == _ALL else _OUT
                queue.append(g)
            else:
                need[g] = len(inputs[g])
        while queue:
            g = queue.pop()
            true = lab[g] == _IN
            for h, neg in fanout[g]:
                if lab[h]:
                    continue
                if gtype[h] == _ALL:
                    if true == neg:
                        lab[h] = _OUT
                        queue.append(h)
                    else:
                        need[h] -= 1
                        if not need[h]:
                            lab[h] = _IN
                            queue.append(h)
                elif true != neg:
                    lab[h] = _IN
                    queue.append(h)
                else:
                    need[h] -= 1
                    if not need[h]:
                        lab[h] = _OUT
                        queue.append(h)
        return lab

    def is_fixpoint(self, lab: Sequence[int]) -> bool:
        """Whether gate labels are a fixpoint of the Kleene evaluation (a complete labelling)."""
        for g, t in enumerate(self.gtype):
            if t == _CONST:
                want = self.gconst[g]
            else:
                values = [
                    lab[s] if not neg else {_IN: _OUT, _OUT: _IN, _UNDEC: _UNDEC}[lab[s]]
                    for s, neg in self.inputs[g]
                ]
                if t == _ALL:
                    want = (
                        _OUT
                        if _OUT in values
                        else (_IN if all(v == _IN for v in values) else _UNDEC)
                    )
                else:
                    want = (
                        _IN
                        if _IN in values
                        else (_OUT if all(v == _OUT for v in values) else _UNDEC)
                    )
            if lab[g] != want:
                return False
        return True

    # -- Dung translation ------------------------------------------------------------------
    def to_af(self) -> Any:
        """The circuit as a Dung framework; argument ``g`` (0-based) is gate ``g``.

        Returns an :class:`toulmin.graph.af.framework.ArgumentationFramework` whose complete
        labellings, restricted to the first ``len(gates)`` arguments, are exactly the
        fixpoints of the circuit (auxiliary arguments are named ``n<g>``, ``z<g>``, ``top``).
        """
        from toulmin.graph.af.framework import ArgumentationFramework

        names = [f"g{g}" for g in range(len(self.gtype))]
        src: list[int] = []
        dst: list[int] = []
        neg_of: dict[int, int] = {}

        def aux(name: str) -> int:
            names.append(name)
            return len(names) - 1

        def negation(g: int) -> int:
            if g not in neg_of:
                neg_of[g] = aux(f"n{g}")
                src.append(g)
                dst.append(neg_of[g])
            return neg_of[g]

        top: int | None = None
        for g, t in enumerate(self.gtype):
            if t == _CONST:
                if self.gconst[g] == _UNDEC:
                    src.append(g)
                    dst.append(g)
                elif self.gconst[g] == _OUT:
                    if top is None:
                        top = aux("top")
                    src.append(top)
                    dst.append(g)
            elif t == _ALL:
                for s, neg in self.inputs[g]:
                    src.append(s if neg else negation(s))
                    dst.append(g)
            else:
                z = aux(f"z{g}")
                src.append(z)
                dst.append(g)
                for s, neg in self.inputs[g]:
                    src.append(negation(s) if neg else s)
                    dst.append(z)
        return ArgumentationFramework(
            names, np.array(src, dtype=np.int64), np.array(dst, dtype=np.int64)
        )

    def labellings(self, semantics: str) -> list[list[int]]:
        """Gate labellings under ``semantics`` (:meth:`to_af`, then ``af_semantics``)."""
        from toulmin.graph.af import semantics as afs

        af = self.to_af()
        n = len(self.gtype)
        if semantics == "grounded":
            labs = [afs.grounded_labelling(af)]
        elif semantics == "complete":
            labs = afs.complete_labellings(af)
        elif semantics == "preferred":
            labs = afs.preferred_labellings(af)
        elif semantics == "stable":
            labs = afs.stable_labellings(af)
        else:
            raise BadInputError(_bad_semantics(semantics))
        return [[int(v) for v in lab[:n]] for lab in labs]

    # -- labels of argument nodes -------------------------------------------------------
    def node_labels(self, lab: Sequence[int]) -> dict[str, str]:
        """Labels of statements, inferences and conflicts from gate labels."""
        out: dict[str, str] = {}
        for s, g in self.s_gate.items():
            out[s] = _NAMES[lab[g]]
        for i, g in self.i_gate.items():
            out[i] = _NAMES[lab[g]]
        for x in self.conflicts:
            out[x] = _NAMES[self.conflict_value(x, lab)]
        return out

    def effective(self, x: str) -> bool:
        """Whether conflict ``x`` can defeat anything (given weights, standards, preferences)."""
        if self.conflict_kind[x] == "undercut":
            return True
        t = self.target[x]
        return any(
            c.conflict == x for p in self.pros[t] if p.eligible for c in self.defeaters[(t, p.via)]
        )

    def conflict_value(self, x: str, lab: Sequence[int]) -> int:
        """Gate-style label of a conflict: ``in`` when the attack holds."""
        a = lab[self.s_gate[self.attacker[x]]]
        if self.conflict_kind[x] == "undercut":
            return lab[self.d_gate[x]]
        t = lab[self.s_gate[self.target[x]]]
        if not self.effective(x) or a == _OUT or t == _IN:
            return _OUT
        if a == _IN and t == _OUT:
            return _IN
        return _UNDEC


def _bad_semantics(name: str) -> str:
    return f"unknown semantics {name!r}; choose one of {', '.join(SEMANTICS)}"


# ===================================================================== reasons


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
    standard : Standard or None
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
    standard: Standard | None = None
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
            "standard": None if self.standard is None else self.standard.to_dict(),
            "pro": self.pro,
            "con": self.con,
            "flags": list(self.flags),
        }


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


class _Reasoner:
    """Builds the reasons of one labelling."""

    def __init__(self, st: Structure, lab: Sequence[int]) -> None:
        self.st, self.lab = st, lab
        self.labels = st.node_labels(lab)

    def L(self, node: str) -> str:
        return self.labels[node]

    # attacks -------------------------------------------------------------------------
    def attack_on_statement(self, x: str) -> Attack:
        st, lab = self.st, self.lab
        a, t, kind = st.attacker[x], st.target[x], st.conflict_kind[x]
        value = st.conflict_value(x, lab)
        cons = [c for c in st.cons[t] if c.conflict == x]
        counted = [c for c in cons if lab[st.c_gate[(c.conflict, c.via)]] == _IN]
        weight = max((c.weight for c in (counted or cons)), default=None)
        best = self.best_pro(t)
        verb = {"rebut": "rebuts", "undermine": "undermines"}[kind]
        if value == _IN:
            status, text = "holds", f"{a} {verb} {t} ({x}) and holds"
        elif not st.effective(x):
            status = "ineffective"
            why = self.ineffective_why(x)
            text = f"{a} {verb} {t} ({x}) but cannot defeat it: {why}"
        elif self.L(a) == "out":
            by = self.defeating(a)
            status = "answered"
            text = f"{a} {verb} {t} ({x}), answered: {a} is out" + (
                f" ({_join([f'{b.kind} {b.conflict} by {b.attacker}' for b in by])})" if by else ""
            )
            return Attack(
                x,
                kind,
                a,
                t,
                status,
                weight,
                best,
                tuple(b.conflict for b in by),
                tuple(b.attacker for b in by),
                text,
            )
        elif self.L(t) == "in":
            status = "outweighed"
            text = f"{a} {verb} {t} ({x}), outweighed: {t} meets {st.standards[t].title} against it"
        else:
            status, text = "undecided", f"{a} {verb} {t} ({x}); undecided"
        return Attack(x, kind, a, t, status, weight, best, text=text)

    def ineffective_why(self, x: str) -> str:
        st = self.st
        t = st.target[x]
        statuses = {v for (s, _, c, _), v in st.pair.items() if s == t and c == x}
        if st.standards[t].name == "scintilla":
            return "under scintilla of evidence attacks are not weighed"
        if "excluded" in statuses:
            return "a preference puts the target's side first"
        if not any(p.eligible for p in st.pros[st.attacker[x]]):
            return f"no argument for {st.attacker[x]} meets its proof standard"
        if not any(p.eligible for p in st.pros[t]):
            return f"{t} has no support that meets its proof standard to defeat"
        return "it is weaker than every support of the target under its proof standard"

    def attack_on_inference(self, x: str, statement_in: bool = False) -> Attack:
        st = self.st
        a, i = st.attacker[x], st.target[x]
        value = self.lab[st.d_gate[x]]
        if value == _IN:
            status = "lost-support" if statement_in else "holds"
            text = f"{a} undercuts {i} ({x}) and holds"
        elif self.L(a) == "out":
            by = self.defeating(a)
            text = f"{a} undercuts {i} ({x}), answered: {a} is out" + (
                f" ({_join([f'{b.kind} {b.conflict} by {b.attacker}' for b in by])})" if by else ""
            )
            return Attack(
                x,
                "undercut",
                a,
                i,
                "answered",
                by=tuple(b.conflict for b in by),
                by_attackers=tuple(b.attacker for b in by),
                text=text,
            )
        else:
            status, text = "undecided", f"{a} undercuts {i} ({x}); undecided"
        return Attack(x, "undercut", a, i, status, text=text)

    def defeating(self, s: str) -> list[Attack]:
        """The attacks that hold against statement ``s`` or its supporting inferences."""
        st = self.st
        found = []
        for x in st.attacks_on[s]:
            if st.conflict_value(x, self.lab) == _IN:
                found.append(self.attack_on_statement(x))
        for i in st.supporters[s]:
            for x in st.attacks_on[i]:
                if self.lab[st.d_gate[x]] == _IN:
                    found.append(self.attack_on_inference(x))
        return found

    def best_pro(self, s: str) -> float | None:
        st = self.st
        weights = [
            p.weight for p in st.pros[s] if p.eligible and self.lab[st.u_gate[(s, p.via)]] == _IN
        ]
        return max(weights) if weights else None

    def counted_con(self, s: str) -> float | None:
        st = self.st
        weights = [c.weight for c in st.cons[s] if self.lab[st.c_gate[(c.conflict, c.via)]] == _IN]
        return max(weights) if weights else None

    # statements ----------------------------------------------------------------------
    def statement(self, s: str) -> Reason:
        st = self.st
        label = self.L(s)
        std = st.standards[s]
        flags = []
        leaf = not st.supporters[s]
        cites = st.citations[s]
        if leaf and not cites:
            flags.append("uncited")
        if not leaf and st.data[s].get("weight") is not None:
            flags.append("weight-ignored")
        attacks = [self.attack_on_statement(x) for x in st.attacks_on[s]]
        inf_attacks = [
            self.attack_on_inference(x, statement_in=label == "in")
            for i in st.supporters[s]
            for x in st.attacks_on[i]
        ]
        pro, con = self.best_pro(s), self.counted_con(s)
        common: dict[str, Any] = {
            "citations": cites,
            "attacks": tuple(attacks + inf_attacks),
            "standard": std,
            "pro": pro,
            "con": con,
            "flags": tuple(flags),
        }
        successful = [
            p for p in st.pros[s] if p.eligible and self.lab[st.u_gate[(s, p.via)]] == _IN
        ]
        if label == "in":
            if leaf:
                code = "cited" if cites else "assumed"
                head = (
                    f"in: cited to {_join(list(cites))}"
                    if cites
                    else "in: no citation, assumed (uncited leaves are assumed)"
                )
                supports: tuple[str, ...] = ("evidence",)
            else:
                code = "supported"
                names = [f"{p.via} (weight {_fmt(p.weight)})" for p in successful]
                verb = "meets" if len(successful) == 1 else "meet"
                head = f"in: supported by {_join(names)}, which {verb} {std.title}"
                supports = tuple(p.via or "evidence" for p in successful)
            if std.name != "scintilla" and (attacks or not leaf):
                head += (
                    f" (pro {_fmt(pro)} > con {_fmt(con or 0)})"
                    if std.name == "preponderance"
                    else f" (pro {_fmt(pro)}, con {_fmt(con or 0)}; {std.describe()})"
                )
            tails = [a.text for a in attacks if a.status != "holds"]
            tails += [
                f"support {a.target} is undercut by {a.attacker} ({a.conflict})"
                for a in inf_attacks
                if a.status == "lost-support"
            ]
            tails += [a.text for a in inf_attacks if a.status == "answered"]
            text = head + ("; " + "; ".join(tails) if tails else "")
            return Reason(s, "statement", label, code, text, supports=supports, **common)
        missing = tuple(
            sorted({q for i in st.supporters[s] for q in st.premises[i] if self.L(q) != "in"})
        )
        if label == "out":
            return self.statement_out(s, leaf, cites, missing, attacks, inf_attacks, common)
        return self.undecided(s, "statement", missing=missing, **common)

    def statement_out(
        self,
        s: str,
        leaf: bool,
        cites: tuple[str, ...],
        missing: tuple[str, ...],
        attacks: list[Attack],
        inf_attacks: list[Attack],
        common: dict[str, Any],
    ) -> Reason:
        st = self.st
        std = st.standards[s]
        holding = [a for a in attacks if a.status == "holds"]
        parts: list[str] = []
        tried = tuple(p.via or "evidence" for p in st.pros[s])
        if leaf and not cites and st.uncited == "out":
            return Reason(
                s,
                "statement",
                "out",
                "uncited",
                "out: a leaf with no citation is not accepted (uncited leaves are out)",
                supports=(),
                **common,
            )
        only = len(st.pros[s]) == 1
        beaten_by: dict[tuple[str, str | None], list[ProArgument]] = defaultdict(list)
        for p in st.pros[s]:
            name = p.via or "its cited evidence"
            lead = f"{'its only support' if only else 'support'} {name}" if p.via else name
            if not p.eligible:
                parts.append(f"{lead} is too weak: {std.why_not(p.weight, None)}")
                continue
            if p.via is None and self.lab[st.b_gate[s]] == _OUT:
                parts.append("its evidence is rejected")
                continue
            if p.via is not None and self.L(p.via) == "out":
                cuts = [a for a in inf_attacks if a.target == p.via and a.status == "holds"]
                gone = [q for q in st.premises[p.via] if self.L(q) == "out"]
                why = []
                if cuts:
                    cut_names = _join([f"{a.attacker} ({a.conflict})" for a in cuts])
                    why.append(f"is undercut by {cut_names}")
                if gone:
                    why.append(f"lacks premise{'s' if len(gone) > 1 else ''} {_join(gone)} (out)")
                parts.append(f"{lead} {' and '.join(why)}")
                continue
            beaten = [
                c
                for c in st.defeaters[(s, p.via)]
                if self.lab[st.c_gate[(c.conflict, c.via)]] == _IN
            ]
            if beaten:
                c = max(beaten, key=lambda c: (c.weight, c.conflict))
                beaten_by[(c.conflict, c.via)].append(p)
        for (x, via), group in sorted(beaten_by.items(), key=lambda kv: str(kv[0])):
            c = next(c for c in st.cons[s] if c.conflict == x and c.via == via)
            names = [p.via or "its cited evidence" for p in group]
            what = (
                ("its only support " if only else "support ") + names[0]
                if len(names) == 1 and group[0].via
                else (names[0] if len(names) == 1 else "supports " + _join(names))
            )
            if st.pair[(s, group[0].via, x, via)] == "preferred":
                how = "a preference puts the attacker first"
            else:
                how = std.why_not(max(p.weight for p in group), c.weight)
            parts.append(
                f"{what} {'is' if len(names) == 1 else 'are'} defeated by "
                f"{c.attacker} ({c.kind} {x}: {how})"
            )
        code = (
            "defeated"
            if holding or any(a.status == "holds" for a in inf_attacks)
            else "unsupported"
        )
        if not st.pros[s]:
            parts.append("no support")
        text = "out: " + "; ".join(parts)
        return Reason(s, "statement", "out", code, text, supports=tried, missing=missing, **common)

    # inferences ------------------------------------------------------------------------
    def inference(self, i: str) -> Reason:
        st = self.st
        label = self.L(i)
        premises = st.premises[i]
        missing = tuple(q for q in premises if self.L(q) != "in")
        attacks = tuple(self.attack_on_inference(x) for x in st.attacks_on[i])
        if label == "in":
            text = f"in: all premises are in ({_join(list(premises)) or 'none'})"
            answered = [a.text for a in attacks]
            text += ("; " + "; ".join(answered)) if answered else ""
            return Reason(
                i, "inference", label, "applicable", text, premises=premises, attacks=attacks
            )
        if label == "out":
            cuts = [a for a in attacks if a.status == "holds"]
            gone = [q for q in premises if self.L(q) == "out"]
            parts = []
            if cuts:
                parts.append("undercut by " + _join([f"{a.attacker} ({a.conflict})" for a in cuts]))
            if gone:
                parts.append(
                    f"premise{'s' if len(gone) > 1 else ''} {_join(gone)} "
                    f"{'are' if len(gone) > 1 else 'is'} out"
                )
            code = "undercut" if cuts else "premise-out"
            return Reason(
                i,
                "inference",
                label,
                code,
                "out: " + "; ".join(parts),
                premises=premises,
                missing=tuple(gone),
                attacks=attacks,
            )
        return self.undecided(i, "inference", premises=premises, missing=missing, attacks=attacks)

    # conflicts -------------------------------------------------------------------------
    def conflict(self, x: str) -> Reason:
        st = self.st
        if st.conflict_kind[x] == "undercut":
            att = self.attack_on_inference(x)
        else:
            att = self.attack_on_statement(x)
        code = {
            "holds": "holds",
            "lost-support": "holds",
            "answered": "answered",
            "outweighed": "outweighed",
            "ineffective": "ineffective",
        }.get(att.status, "undecided")
        label = self.L(x)
        if label == "undecided":
            if st.conflict_kind[x] == "undercut":
                start = st.d_gate[x]
            else:
                a = st.attacker[x]
                start = st.s_gate[a] if self.L(a) == "undecided" else st.s_gate[st.target[x]]
            base = self.undecided(x, "conflict", gate=start, attacks=(att,))
            text = f"undecided: {att.text.removesuffix('; undecided')}; " + base.text.removeprefix(
                "undecided: "
            )
            return Reason(**{**base.__dict__, "text": text})
        return Reason(x, "conflict", label, code, f"{label}: {att.text}", attacks=(att,))

    # undecided -------------------------------------------------------------------------
    def undecided(self, node: str, kind: str, gate: int | None = None, **fields: Any) -> Reason:
        st = self.st
        if gate is None:
            gate = st.s_gate[node] if kind == "statement" else st.i_gate[node]
        path = self.trace(gate)
        nodes: list[str] = []
        for g in path:
            owner = st.owner[g]
            if not nodes or nodes[-1] != owner:
                nodes.append(owner)
        last = path[-1] if path else gate
        if st.gtype[last] == _CONST and st.gconst[last] == _UNDEC:
            leaf = st.owner[last]
            via = f" (via {' <- '.join(nodes)})" if len(nodes) > 1 else ""
            text = f"undecided: rests on {leaf}, a leaf with no citation, which is not assumed{via}"
            code = "uncited"
            cycle = tuple(nodes)
        else:
            start = path.index(last) if last in path else 0
            ring: list[str] = []
            for g in [*path[start:], last]:
                owner = st.owner[g]
                if not ring or ring[-1] != owner:
                    ring.append(owner)
            attacks = sum(1 for n in ring[:-1] if st.kinds.get(n) == "conflict")
            parity = "odd" if attacks % 2 else "even"
            lead = nodes[: nodes.index(ring[0])] if ring[0] in nodes else []
            depends = f" (through {' <- '.join(lead)})" if len(lead) > 1 else ""
            text = (
                f"undecided: depends on a cycle that grounded semantics cannot break{depends}: "
                f"{' <- '.join(ring)} "
                f"({parity} cycle with {attacks} attack{'s' if attacks != 1 else ''})"
            )
            code = "cycle"
            cycle = tuple(ring)
        return Reason(node, kind, "undecided", code, text, cycle=cycle, **fields)

    def trace(self, gate: int) -> list[int]:
        """Follow undecided inputs from ``gate`` to a cycle or an undecided constant.

        Returns the path; its last gate is either an undecided constant or a gate
        that occurs earlier in the path (closing the cycle).
        """
        st, lab = self.st, self.lab
        path: list[int] = []
        on_path: dict[int, int] = {}
        dead: set[int] = set()

        def undecided_inputs(g: int) -> list[int]:
            return sorted({s for s, _ in st.inputs[g] if lab[s] == _UNDEC} - dead)

        stack: list[tuple[int, list[int]]] = [(gate, undecided_inputs(gate))]
        path.append(gate)
        on_path[gate] = 0
        while stack:
            g, todo = stack[-1]
            if st.gtype[g] == _CONST:
                return path
            if not todo:
                stack.pop()
                path.pop()
                del on_path[g]
                dead.add(g)
                continue
            nxt = todo.pop(0)
            if nxt in on_path:
                path.append(nxt)
                return path
            path.append(nxt)
            on_path[nxt] = len(path) - 1
            stack.append((nxt, undecided_inputs(nxt)))
        return [gate]  # pragma: no cover - an undecided gate always has an undecided input

    def all(self) -> dict[str, Reason]:
        st = self.st
        out: dict[str, Reason] = {}
        for s in st.statements:
            out[s] = self.statement(s)
        for i in st.inferences:
            out[i] = self.inference(i)
        for x in st.conflicts:
            out[x] = self.conflict(x)
        return out


# ===================================================================== evaluation


@dataclass(frozen=True)
class Evaluation:
    """The labels of one determination's argument under one semantics, with reasons.

    Attributes
    ----------
    determination : str
        The determination id.
    semantics : str
        One of :data:`SEMANTICS`.
    uncited : str
        The policy for uncited leaves (:data:`UNCITED_POLICIES`).
    main_claim : str
        The determination's main claim.
    claims : tuple of (str, str)
        Service id (or ``"setting"``) and the statement that argues its decision.
    standard : Standard
        The determination-level proof standard (effective thresholds).
    standards : Mapping[str, Standard]
        The effective standard of every statement.
    labels : Mapping[str, str]
        ``in`` / ``out`` / ``undecided`` for every statement, inference and conflict
        (for multi-labelling semantics: the skeptical label).
    kinds : Mapping[str, str]
        ``statement`` / ``inference`` / ``conflict`` for every labelled node.
    reasons : Mapping[str, Reason]
        Why each node has its label.
    labellings : tuple of Mapping[str, str]
        The labellings behind the labels (one for grounded; possibly none for stable).
    note : str
        How labels were obtained, in words.
    structure : Structure
        The compiled argument (for :mod:`~toulmin.graph.argument.explain` and
        :mod:`~toulmin.graph.argument.flip`).
    """

    determination: str
    semantics: str
    uncited: str
    main_claim: str
    claims: tuple[tuple[str, str], ...]
    standard: Standard
    standards: Mapping[str, Standard]
    labels: Mapping[str, str]
    kinds: Mapping[str, str]
    reasons: Mapping[str, Reason]
    labellings: tuple[Mapping[str, str], ...]
    note: str
    structure: Structure = field(repr=False, compare=False)

    def _check(self, node: str) -> None:
        if node in self.labels:
            return
        import difflib

        statements = sorted(n for n in self.labels if self.kinds[n] == "statement")
        close = difflib.get_close_matches(node, sorted(self.labels), n=3, cutoff=0.6)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        listing = (
            f"; statements are: {', '.join(statements)}"
            if len(statements) <= 12
            else f"; it has {len(statements)} statements (toulmin evaluate lists them)"
        )
        raise BadInputError(
            f"unknown node '{node}' in {self.determination}: it is not a statement, "
            f"inference or conflict{hint}{listing}"
        )

    def label(self, node: str) -> str:
        """The label of a statement, inference or conflict.

        Raises
        ------
        BadInputError
            For an id that is not a labelled node.
        """
        self._check(node)
        return self.labels[node]

    def reason(self, node: str) -> Reason:
        """The reason for a node's label (raises :class:`BadInputError` for an unknown id)."""
        self._check(node)
        return self.reasons[node]

    @property
    def main_label(self) -> str:
        """The label of the main claim."""
        return self.labels[self.main_claim]

    def extensions(self) -> tuple[tuple[str, ...], ...]:
        """The ``in`` statements and inferences of each labelling, sorted."""
        return tuple(
            tuple(sorted(n for n, v in lab.items() if v == "in" and self.kinds[n] != "conflict"))
            for lab in self.labellings
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (deterministic: sorted keys and ids, no timestamps)."""
        multi = self.semantics != "grounded"
        return {
            "determination": self.determination,
            "semantics": self.semantics,
            "labels_are": "skeptical over all labellings" if multi else "the grounded labelling",
            "uncited": self.uncited,
            "proof_standard": self.standard.to_dict(),
            "main_claim": {"id": self.main_claim, "label": self.labels.get(self.main_claim)},
            "claims": [{"for": k, "id": v, "label": self.labels.get(v)} for k, v in self.claims],
            "note": self.note,
            "nodes": [
                {
                    "id": n,
                    "kind": self.kinds[n],
                    "label": self.labels[n],
                    **(
                        {"proof_standard": self.standards[n].to_dict()}
                        if n in self.standards
                        else {}
                    ),
                    "reason": self.reasons[n].to_dict(),
                }
                for n in sorted(self.labels)
            ],
            "labellings": [dict(sorted(lab.items())) for lab in self.labellings] if multi else [],
            "extensions": [list(e) for e in self.extensions()] if multi else [],
        }

    def _repr_html_(self) -> str:
        """The labels table in Jupyter (:mod:`toulmin.graph.argument.render`)."""
        from toulmin.graph.argument.render import evaluation_html

        return evaluation_html(self)


def _to_view(source: Determination | Graph | nx.DiGraph, det: str | None) -> nx.DiGraph:
    if isinstance(source, nx.DiGraph):
        return source
    if isinstance(source, Determination | Graph):
        return argument_view(source, det)
    raise BadInputError(
        f"cannot evaluate a {type(source).__name__}: "
        "give a determination, its RDF graph or its argument view"
    )


def evaluate(
    source: Determination | Graph | nx.DiGraph,
    *,
    semantics: str = "grounded",
    uncited: str = "undecided",
    det: str | None = None,
) -> Evaluation:
    """Label every statement, inference and conflict of a determination, with reasons.

    Parameters
    ----------
    source : Determination, rdflib.Graph or networkx.DiGraph
        The authoring model, the compiled named graph, or an argument view.
    semantics : str
        ``grounded`` (default), ``complete``, ``preferred`` or ``stable``.
    uncited : str
        What a leaf without citation is: ``undecided`` (default), ``out`` or ``assumed``.
    det : str, optional
        The determination id when an RDF graph holds several.

    Returns
    -------
    Evaluation

    Raises
    ------
    BadInputError
        For an unknown semantics or policy.
    """
    if semantics not in SEMANTICS:
        raise BadInputError(_bad_semantics(semantics))
    st = Structure(_to_view(source, det), uncited)
    gate_labs = [st.grounded()] if semantics == "grounded" else st.labellings(semantics)
    per = [st.node_labels(lab) for lab in gate_labs]
    nodes = [*st.statements, *st.inferences, *st.conflicts]
    if semantics == "grounded":
        labels = per[0]
        reasons = _Reasoner(st, gate_labs[0]).all()
        note = "grounded labelling (least fixpoint, computed by linear-time propagation)"
    else:
        labels, reasons, note = _skeptical(st, semantics, gate_labs, per, nodes)
    return Evaluation(
        determination=st.determination,
        semantics=semantics,
        uncited=uncited,
        main_claim=st.main_claim,
        claims=tuple(sorted(st.claims.items())),
        standard=st.standard,
        standards=dict(st.standards),
        labels=dict(sorted(labels.items())),
        kinds={n: st.kinds[n] for n in sorted(nodes)},
        reasons=dict(sorted(reasons.items())),
        labellings=tuple(dict(sorted(p.items())) for p in per),
        note=note,
        structure=st,
    )


def _skeptical(
    st: Structure,
    semantics: str,
    gate_labs: list[list[int]],
    per: list[dict[str, str]],
    nodes: list[str],
) -> tuple[dict[str, str], dict[str, Reason], str]:
    n = len(per)
    if n == 0:
        why = (
            "there is no stable labelling (an odd cycle of attacks, or an uncited leaf that is "
            "not assumed, leaves some node undecided in every complete labelling)"
        )
        none_labels = dict.fromkeys(nodes, "undecided")
        none_reasons = {
            node: Reason(node, st.kinds[node], "undecided", "no-labelling", f"undecided: {why}")
            for node in nodes
        }
        return none_labels, none_reasons, f"{semantics}: {why}; every node is reported undecided"
    reasoners = [_Reasoner(st, lab) for lab in gate_labs]
    cache: dict[int, dict[str, Reason]] = {}

    def reason_in(k: int, node: str) -> Reason:
        if k not in cache:
            cache[k] = reasoners[k].all()
        return cache[k][node]

    labels: dict[str, str] = {}
    reasons: dict[str, Reason] = {}
    plural = "labelling" if n == 1 else "labellings"
    for node in nodes:
        seen = [p[node] for p in per]
        if len(set(seen)) == 1:
            labels[node] = seen[0]
            base = reason_in(0, node)
            if base.label == "undecided" and base.code in ("cycle", "uncited"):
                text = base.text
            else:
                text = base.text + f" [{seen[0]} in all {n} {semantics} {plural}]"
            reasons[node] = Reason(**{**base.__dict__, "text": text})
        else:
            labels[node] = "undecided"
            where = {
                lab: [str(k + 1) for k, v in enumerate(seen) if v == lab]
                for lab in LABELS
                if lab in seen
            }
            parts = [
                f"{lab} in {plural.rstrip('s')}{'s' if len(ks) > 1 else ''} {_join(ks)}"
                for lab, ks in where.items()
            ]
            credulous = "in" in where
            text = f"undecided (skeptically): {'; '.join(parts)} of {n} {semantics} {plural}" + (
                "; credulously accepted" if credulous else ""
            )
            reasons[node] = Reason(node, st.kinds[node], "undecided", "unresolved", text)
    note = (
        f"{n} {semantics} {plural}; each node's label is its skeptical label: in (or out) "
        "when it is in (or out) in every labelling, undecided otherwise; "
        "see labellings/extensions"
    )
    return labels, reasons, note
