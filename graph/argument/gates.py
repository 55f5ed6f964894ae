"""The evaluator's gate circuit: a determination's argument as three-valued gates.

The structured argument (statements, inferences, conflicts, preferences, read from
:mod:`toulmin.graph.argument.index`) is compiled into a small circuit
(:class:`Structure`): an AND gate per inference and per support (an applicable
argument whose defeating con arguments are all ``out``), an OR gate per statement, a
constant per leaf's cited evidence and per conflict. Its labellings are exactly the
fixpoints of the Kleene evaluation of those gates, the structured analogue of
Caminada's complete labellings; :meth:`Structure.grounded` computes the least one by
propagation with one counter per gate, in time linear in the size of the circuit.
:mod:`toulmin.graph.argument.dung` translates the circuit into a Dung framework for
the other semantics.

Gate labels are the integers :data:`UNDEC`, :data:`IN` and :data:`OUT` (the numbering
of :class:`toulmin.graph.af.semantics.Label`); :data:`LABEL_NAMES` names them. Gate
types are :data:`CONST`, :data:`ALL` and :data:`ANY`.

Owns the circuit and its evaluation; imports the index, the proof standards
(:mod:`toulmin.graph.argument.standards`) and :mod:`toulmin.errors`.

Examples
--------
>>> from toulmin.graph.authoring.casefile import parse_case
>>> from toulmin.graph.argument.index import argument_index
>>> det = parse_case('''
... toulmin: 1
... id: tiny
... title: Tiny
... decision: {outcome: approved, main_claim: c}
... sources: [{id: rec, kind: clinical-document, title: Record}]
... services: [{id: s, code: "22850", decision: approved, claim: c}]
... findings: [{id: f, kind: exam, text: EHL 3+/5., cite: rec}]
... statements: [{id: c, kind: conclusion, text: Necessary., cite: rec}]
... inferences: [{id: i, premises: [f], conclusion: c}]
... ''')
>>> st = Structure(argument_index(det))
>>> st.node_labels(st.grounded())
{'c': 'in', 'f': 'in', 'i': 'in'}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from toulmin.errors import BadInputError
from toulmin.graph.argument.index import ArgumentIndex
from toulmin.graph.argument.standards import defeats, eligible, resolve_standard
from toulmin.graph.authoring.model import ProofStandard

__all__ = [
    "ALL",
    "ANY",
    "CONST",
    "DEFAULT_WEIGHT",
    "IN",
    "LABEL_NAMES",
    "OUT",
    "UNCITED_POLICIES",
    "UNDEC",
    "ConArgument",
    "ProArgument",
    "Structure",
]

#: What an uncited leaf is: ``undecided`` (default: not assumed), ``out`` or ``assumed`` (in).
UNCITED_POLICIES: tuple[str, ...] = ("undecided", "out", "assumed")
#: Weight of an inference, or of a leaf's cited evidence, when the case file gives none.
DEFAULT_WEIGHT = 1.0

#: Gate labels (the same numbers as :class:`toulmin.graph.af.semantics.Label`).
UNDEC, IN, OUT = 0, 1, 2
#: A gate label's name.
LABEL_NAMES: Mapping[int, str] = {UNDEC: "undecided", IN: "in", OUT: "out"}
#: Gate types: a constant, an AND gate, an OR gate.
CONST, ALL, ANY = 0, 1, 2


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

    Built from an argument index (:class:`~toulmin.graph.argument.index.ArgumentIndex`).
    The gates are: per statement ``S`` (OR of its supports), per inference ``I`` (AND of its
    premises and of the negations of its undercuts), per leaf its cited evidence
    ``B`` (a constant), per support of a statement ``U`` (AND of the argument and
    of the negations of the con arguments that would defeat it), per conflict a
    switch ``W`` (a constant, ``in``; :mod:`toulmin.graph.argument.flip` turns it off), per
    undercut ``D`` (AND of the attacker and the switch) and per con argument ``C``
    (AND of the attacker's support and the switch).

    Parameters
    ----------
    index : ArgumentIndex
        The determination's argument (:func:`toulmin.graph.argument.index.argument_index`).
    uncited : str
        One of :data:`UNCITED_POLICIES`.
    """

    def __init__(self, index: ArgumentIndex, uncited: str = "undecided") -> None:
        if uncited not in UNCITED_POLICIES:
            raise BadInputError(
                f"unknown policy for uncited leaves {uncited!r}; "
                f"choose one of {', '.join(UNCITED_POLICIES)}"
            )
        self.index = index
        self.uncited = uncited
        self.determination: str = index.determination
        self.main_claim: str = index.main_claim
        self.claims: dict[str, str] = dict(index.claims)
        self.standard = resolve_standard(index.proof_standard)
        self.kinds: dict[str, str] = dict(index.kinds)
        self.statements = sorted(index.statements)
        self.inferences = sorted(index.inferences)
        self.conflicts = sorted(index.conflicts)
        inferences, conflicts = index.inferences, index.conflicts
        self.premises: dict[str, tuple[str, ...]] = {
            i: tuple(sorted(set(inferences[i].premises))) for i in self.inferences
        }
        self.conclusion: dict[str, str] = {i: inferences[i].conclusion for i in self.inferences}
        self.supporters: dict[str, tuple[str, ...]] = {
            s: tuple(sorted({i.id for i in index.supports_of(s)})) for s in self.statements
        }
        self.used_in: dict[str, tuple[str, ...]] = {
            s: tuple(sorted({i.id for i in index.premise_of(s)})) for s in self.statements
        }
        self.attacker: dict[str, str] = {x: conflicts[x].attacker for x in self.conflicts}
        self.target: dict[str, str] = {x: conflicts[x].target for x in self.conflicts}
        self.conflict_kind: dict[str, str] = {x: conflicts[x].kind for x in self.conflicts}
        self.attacks_on: dict[str, tuple[str, ...]] = {
            n: tuple(sorted({x.id for x in index.attacks_on(n)}))
            for n in (*self.statements, *self.inferences)
        }
        self.standards: dict[str, ProofStandard] = {
            s: resolve_standard(getattr(index.statements[s], "proof_standard", None), self.standard)
            for s in self.statements
        }
        self.citations: dict[str, tuple[str, ...]] = {
            s: tuple(str(c) for c in index.citations(s)) for s in self.statements
        }
        self.sources_of: dict[str, frozenset[str]] = {
            s: frozenset(c.source for c in index.citations(s)) for s in self.statements
        }
        self.prefers = frozenset(
            (p.preferred, p.over) for p in index.preferences.values() if p.preferred != p.over
        )
        self._arguments()
        self._circuit()

    def weight(self, node: str) -> float | None:
        """The weight the case file gives a statement or an inference (``None``: not given)."""
        item = self.index.statements.get(node) or self.index.inferences.get(node)
        return None if item is None else item.weight

    def has_own_standard(self, s: str) -> bool:
        """Whether statement ``s`` has a proof-standard setting of its own."""
        return getattr(self.index.statements[s], "proof_standard", None) is not None

    # -- preferences and arguments ---------------------------------------------------
    def _order(self, pro_side: Iterable[str], con_side: Iterable[str]) -> int:
        """+1 when the pro side is preferred, -1 when the con side is, 0 otherwise."""
        pro_side, con_side = list(pro_side), list(con_side)
        up = any((a, b) in self.prefers for a in pro_side for b in con_side)
        down = any((b, a) in self.prefers for a in pro_side for b in con_side)
        return 0 if up == down else (1 if up else -1)

    def _arguments(self) -> None:
        """The pro and con arguments of every statement, and how each pair compares."""
        self.leaves = [s for s in self.statements if not self.supporters[s]]
        self.pros: dict[str, list[ProArgument]] = {s: self._pros(s) for s in self.statements}
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
            for p in self.pros[s]:
                if not p.eligible:
                    continue
                hits = []
                for c in self.cons[s]:
                    status = self._pair_status(p, c)
                    self.pair[(s, p.via, c.conflict, c.via)] = status
                    if status in ("defeats", "preferred"):
                        hits.append(c)
                self.defeaters[(s, p.via)] = hits

    def _pros(self, s: str) -> list[ProArgument]:
        """The pro arguments of ``s``: one per supporting inference, or its evidence (a leaf)."""
        std = self.standards[s]
        vias: tuple[str | None, ...] = self.supporters[s] or (None,)
        args = []
        for via in vias:
            w = self.weight(s if via is None else via)
            w = DEFAULT_WEIGHT if w is None else float(w)
            args.append(ProArgument(s, via, w, eligible(std, w)))
        return args

    def _pair_status(self, p: ProArgument, c: ConArgument) -> str:
        """How con ``c`` compares with pro ``p``: defeats, weaker, excluded or preferred."""
        std = self.standards[p.statement]
        pro_side = [p.statement] + ([p.via] if p.via else [])
        con_side = [c.attacker] + ([c.via] if c.via else [])
        order = 0 if std.standard == "scintilla" else self._order(pro_side, con_side)
        if order > 0:
            return "excluded"
        if order < 0:
            return "preferred"
        return "defeats" if defeats(std, p.weight, c.weight) else "weaker"

    # -- the circuit -------------------------------------------------------------------
    def _gate(self, gtype: int, owner: str, role: str, const: int = UNDEC) -> int:
        self.gtype.append(gtype)
        self.gconst.append(const)
        self.inputs.append([])
        self.owner.append(owner)
        self.role.append(role)
        return len(self.gtype) - 1

    def _wire(self, src: int, dst: int, negated: bool) -> None:
        self.inputs[dst].append((src, negated))

    def _circuit(self) -> None:
        """The gates (one list per gate field), their wires, and each gate's fanout."""
        self.gtype: list[int] = []
        self.gconst: list[int] = []
        self.inputs: list[list[tuple[int, bool]]] = []
        self.owner: list[str] = []
        self.role: list[str] = []
        self.s_gate = {s: self._gate(ANY, s, "statement") for s in self.statements}
        self.i_gate = {i: self._gate(ALL, i, "inference") for i in self.inferences}
        self.w_gate = {x: self._gate(CONST, x, "switch", IN) for x in self.conflicts}
        uncited_value = {"undecided": UNDEC, "out": OUT, "assumed": IN}[self.uncited]
        self.b_gate: dict[str, int] = {}
        for s in self.leaves:
            value = IN if self.citations[s] else uncited_value
            self.b_gate[s] = self._gate(CONST, s, "evidence", value)
        self.u_gate: dict[tuple[str, str | None], int] = {}
        for s in self.statements:
            for p in self.pros[s]:
                if p.eligible:
                    self.u_gate[(s, p.via)] = self._gate(ALL, s, "support")
        self._attack_gates()
        self._wire_inferences_and_supports()
        self.fanout: list[list[tuple[int, bool]]] = [[] for _ in self.gtype]
        for g, ins in enumerate(self.inputs):
            for src, neg in ins:
                self.fanout[src].append((g, neg))

    def _attack_gates(self) -> None:
        """An ALL gate per undercut (``D``) and per counted con argument (``C``), wired."""
        self.d_gate: dict[str, int] = {}
        self.c_gate: dict[tuple[str, str | None], int] = {}
        for x in self.conflicts:
            a = self.attacker[x]
            if self.conflict_kind[x] == "undercut":
                g = self.d_gate[x] = self._gate(ALL, x, "attack")
                self._wire(self.s_gate[a], g, False)
                self._wire(self.w_gate[x], g, False)
        for s in self.statements:
            for c in self.cons[s]:
                key = (c.conflict, c.via)
                if key not in self.c_gate:
                    g = self.c_gate[key] = self._gate(ALL, c.conflict, "attack")
                    self._wire(self.u_gate[(c.attacker, c.via)], g, False)
                    self._wire(self.w_gate[c.conflict], g, False)

    def _wire_inferences_and_supports(self) -> None:
        """Premises and undercuts into inferences; support gates into their statements."""
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
        gtype, fanout = self.gtype, self.fanout
        lab, need, queue = self._seed(self._constants(overrides))
        while queue:
            g = queue.pop()
            true = lab[g] == IN
            for h, neg in fanout[g]:
                if lab[h]:
                    continue
                if gtype[h] == ALL:
                    if true == neg:
                        lab[h] = OUT
                        queue.append(h)
                    else:
                        need[h] -= 1
                        if not need[h]:
                            lab[h] = IN
                            queue.append(h)
                elif true != neg:
                    lab[h] = IN
                    queue.append(h)
                else:
                    need[h] -= 1
                    if not need[h]:
                        lab[h] = OUT
                        queue.append(h)
        return lab

    def _constants(self, overrides: Mapping[int, int] | None) -> list[int]:
        """The constant gates' values, with ``overrides`` (each must be a constant gate)."""
        const = list(self.gconst)
        for g, v in (overrides or {}).items():
            if self.gtype[g] != CONST:
                raise ValueError(f"gate {g} is not a constant")
            const[g] = v
        return const

    def _seed(self, const: Sequence[int]) -> tuple[list[int], list[int], list[int]]:
        """Labels known before propagation, inputs each gate waits for, the gates to propagate.

        Constants are labelled with their value (unless undecided), a gate without inputs
        with its empty value (ALL in, ANY out); every other gate waits for all its inputs.
        """
        gtype, inputs = self.gtype, self.inputs
        n = len(gtype)
        lab = [UNDEC] * n
        need = [0] * n
        queue: list[int] = []
        for g in range(n):
            t = gtype[g]
            if t == CONST:
                if const[g] != UNDEC:
                    lab[g] = const[g]
                    queue.append(g)
            elif not inputs[g]:
                lab[g] = IN if t == ALL else OUT
                queue.append(g)
            else:
                need[g] = len(inputs[g])
        return lab, need, queue

    def is_fixpoint(self, lab: Sequence[int]) -> bool:
        """Whether gate labels are a fixpoint of the Kleene evaluation (a complete labelling)."""
        for g, t in enumerate(self.gtype):
            if t == CONST:
                want = self.gconst[g]
            else:
                values = [
                    lab[s] if not neg else {IN: OUT, OUT: IN, UNDEC: UNDEC}[lab[s]]
                    for s, neg in self.inputs[g]
                ]
                if t == ALL:
                    want = OUT if OUT in values else (IN if all(v == IN for v in values) else UNDEC)
                else:
                    want = IN if IN in values else (OUT if all(v == OUT for v in values) else UNDEC)
            if lab[g] != want:
                return False
        return True

    # -- labels of argument nodes -------------------------------------------------------
    def node_labels(self, lab: Sequence[int]) -> dict[str, str]:
        """Labels of statements, inferences and conflicts from gate labels."""
        out: dict[str, str] = {}
        for s, g in self.s_gate.items():
            out[s] = LABEL_NAMES[lab[g]]
        for i, g in self.i_gate.items():
            out[i] = LABEL_NAMES[lab[g]]
        for x in self.conflicts:
            out[x] = LABEL_NAMES[self.conflict_value(x, lab)]
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
        if not self.effective(x) or a == OUT or t == IN:
            return OUT
        if a == IN and t == OUT:
            return IN
        return UNDEC
