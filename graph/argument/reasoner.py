"""The reasons of one labelling: why each statement, inference and conflict has its label.

:class:`Reasoner` reads a labelling of the gate circuit
(:class:`~toulmin.graph.argument.gates.Structure`) and writes, per node, a
:class:`~toulmin.graph.argument.reasons.Reason`: the supports that carry a
statement or fail, the attacks on it and their status, the proof standard and the
weights compared, and for an undecided node the cycle (or the uncited leaf) its
label depends on.

Owns the reason texts; imports the gate circuit, the reason data, the proof
standards and :mod:`toulmin.graph.authoring.wording`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from toulmin.graph.argument.gates import CONST, IN, OUT, UNDEC, ProArgument, Structure
from toulmin.graph.argument.reasons import Attack, Reason
from toulmin.graph.argument.standards import describe, title, why_not
from toulmin.graph.argument.standards import format_number as fmt
from toulmin.graph.authoring.wording import join_words

__all__ = ["Reasoner"]


class Reasoner:
    """Builds the reasons of one labelling of ``st`` (gate labels ``lab``).

    :meth:`all` gives every node's reason; the other methods one node's, or one attack's.
    """

    def __init__(self, st: Structure, lab: Sequence[int]) -> None:
        self.st, self.lab = st, lab
        self.labels = st.node_labels(lab)

    def L(self, node: str) -> str:
        """The label (``in``, ``out``, ``undecided``) of ``node`` in this labelling."""
        return self.labels[node]

    # attacks -------------------------------------------------------------------------
    def attack_on_statement(self, x: str) -> Attack:
        """The status and text of conflict ``x``, a rebut or an undermine of a statement."""
        st, lab = self.st, self.lab
        a, t, kind = st.attacker[x], st.target[x], st.conflict_kind[x]
        value = st.conflict_value(x, lab)
        cons = [c for c in st.cons[t] if c.conflict == x]
        counted = [c for c in cons if lab[st.c_gate[(c.conflict, c.via)]] == IN]
        weight = max((c.weight for c in (counted or cons)), default=None)
        best = self.best_pro(t)
        verb = {"rebut": "rebuts", "undermine": "undermines"}[kind]
        if value == IN:
            status, text = "holds", f"{a} {verb} {t} ({x}) and holds"
        elif not st.effective(x):
            status = "ineffective"
            why = self.ineffective_why(x)
            text = f"{a} {verb} {t} ({x}) but cannot defeat it: {why}"
        elif self.L(a) == "out":
            by = self.defeating(a)
            status = "answered"
            text = f"{a} {verb} {t} ({x}), answered: {a} is out" + (
                f" ({join_words([f'{b.kind} {b.conflict} by {b.attacker}' for b in by])})"
                if by
                else ""
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
            text = (
                f"{a} {verb} {t} ({x}), outweighed: {t} meets {title(st.standards[t])} against it"
            )
        else:
            status, text = "undecided", f"{a} {verb} {t} ({x}); undecided"
        return Attack(x, kind, a, t, status, weight, best, text=text)

    def ineffective_why(self, x: str) -> str:
        """Why conflict ``x`` cannot defeat its target, in words."""
        st = self.st
        t = st.target[x]
        statuses = {v for (s, _, c, _), v in st.pair.items() if s == t and c == x}
        if st.standards[t].standard == "scintilla":
            return "under scintilla of evidence attacks are not weighed"
        if "excluded" in statuses:
            return "a preference puts the target's side first"
        if not any(p.eligible for p in st.pros[st.attacker[x]]):
            return f"no argument for {st.attacker[x]} meets its proof standard"
        if not any(p.eligible for p in st.pros[t]):
            return f"{t} has no support that meets its proof standard to defeat"
        return "it is weaker than every support of the target under its proof standard"

    def attack_on_inference(self, x: str, statement_in: bool = False) -> Attack:
        """The status and text of undercut ``x`` (``statement_in``: its statement is in)."""
        st = self.st
        a, i = st.attacker[x], st.target[x]
        value = self.lab[st.d_gate[x]]
        if value == IN:
            status = "lost-support" if statement_in else "holds"
            text = f"{a} undercuts {i} ({x}) and holds"
        elif self.L(a) == "out":
            by = self.defeating(a)
            text = f"{a} undercuts {i} ({x}), answered: {a} is out" + (
                f" ({join_words([f'{b.kind} {b.conflict} by {b.attacker}' for b in by])})"
                if by
                else ""
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
            if st.conflict_value(x, self.lab) == IN:
                found.append(self.attack_on_statement(x))
        for i in st.supporters[s]:
            for x in st.attacks_on[i]:
                if self.lab[st.d_gate[x]] == IN:
                    found.append(self.attack_on_inference(x))
        return found

    def best_pro(self, s: str) -> float | None:
        """The weight of the strongest eligible support of ``s`` that is in, or None."""
        st = self.st
        weights = [
            p.weight for p in st.pros[s] if p.eligible and self.lab[st.u_gate[(s, p.via)]] == IN
        ]
        return max(weights) if weights else None

    def counted_con(self, s: str) -> float | None:
        """The weight of the strongest attack on ``s`` that is counted (its gate in), or None."""
        st = self.st
        weights = [c.weight for c in st.cons[s] if self.lab[st.c_gate[(c.conflict, c.via)]] == IN]
        return max(weights) if weights else None

    # statements ----------------------------------------------------------------------
    def statement(self, s: str) -> Reason:
        """The reason of statement ``s``: supports that carry it, attacks on it and their status."""
        st = self.st
        label = self.L(s)
        std = st.standards[s]
        flags = []
        leaf = not st.supporters[s]
        cites = st.citations[s]
        if leaf and not cites:
            flags.append("uncited")
        if not leaf and st.weight(s) is not None:
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
        successful = [p for p in st.pros[s] if p.eligible and self.lab[st.u_gate[(s, p.via)]] == IN]
        if label == "in":
            if leaf:
                code = "cited" if cites else "assumed"
                head = (
                    f"in: cited to {join_words(list(cites))}"
                    if cites
                    else "in: no citation, assumed (uncited leaves are assumed)"
                )
                supports: tuple[str, ...] = ("evidence",)
            else:
                code = "supported"
                names = [f"{p.via} (weight {fmt(p.weight)})" for p in successful]
                verb = "meets" if len(successful) == 1 else "meet"
                head = f"in: supported by {join_words(names)}, which {verb} {title(std)}"
                supports = tuple(p.via or "evidence" for p in successful)
            if std.standard != "scintilla" and (attacks or not leaf):
                head += (
                    f" (pro {fmt(pro)} > con {fmt(con or 0)})"
                    if std.standard == "preponderance"
                    else f" (pro {fmt(pro)}, con {fmt(con or 0)}; {describe(std)})"
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
        """The reason of statement ``s`` labelled out: what it lacks, or what defeats it."""
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
                parts.append(f"{lead} is too weak: {why_not(std, p.weight, None)}")
                continue
            if p.via is None and self.lab[st.b_gate[s]] == OUT:
                parts.append("its evidence is rejected")
                continue
            if p.via is not None and self.L(p.via) == "out":
                cuts = [a for a in inf_attacks if a.target == p.via and a.status == "holds"]
                gone = [q for q in st.premises[p.via] if self.L(q) == "out"]
                why = []
                if cuts:
                    cut_names = join_words([f"{a.attacker} ({a.conflict})" for a in cuts])
                    why.append(f"is undercut by {cut_names}")
                if gone:
                    why.append(
                        f"lacks premise{'s' if len(gone) > 1 else ''} {join_words(gone)} (out)"
                    )
                parts.append(f"{lead} {' and '.join(why)}")
                continue
            beaten = [
                c
                for c in st.defeaters[(s, p.via)]
                if self.lab[st.c_gate[(c.conflict, c.via)]] == IN
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
                else (names[0] if len(names) == 1 else "supports " + join_words(names))
            )
            if st.pair[(s, group[0].via, x, via)] == "preferred":
                how = "a preference puts the attacker first"
            else:
                how = why_not(std, max(p.weight for p in group), c.weight)
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
        """The reason of inference ``i``: its premises and the undercuts on it."""
        st = self.st
        label = self.L(i)
        premises = st.premises[i]
        missing = tuple(q for q in premises if self.L(q) != "in")
        attacks = tuple(self.attack_on_inference(x) for x in st.attacks_on[i])
        if label == "in":
            text = f"in: all premises are in ({join_words(list(premises)) or 'none'})"
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
                parts.append(
                    "undercut by " + join_words([f"{a.attacker} ({a.conflict})" for a in cuts])
                )
            if gone:
                parts.append(
                    f"premise{'s' if len(gone) > 1 else ''} {join_words(gone)} "
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
        """The reason of conflict ``x``: the attack's status, and its label's cause."""
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
        """The reason of an undecided node: the cycle (or uncited leaf) its label depends on."""
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
        if st.gtype[last] == CONST and st.gconst[last] == UNDEC:
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
            return sorted({s for s, _ in st.inputs[g] if lab[s] == UNDEC} - dead)

        stack: list[tuple[int, list[int]]] = [(gate, undecided_inputs(gate))]
        path.append(gate)
        on_path[gate] = 0
        while stack:
            g, todo = stack[-1]
            if st.gtype[g] == CONST:
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
        """The reason of every statement, inference and conflict, by node id."""
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
