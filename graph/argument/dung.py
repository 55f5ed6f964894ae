"""The gate circuit as a Dung framework, and its labellings back as gate labels.

For complete, preferred and stable semantics the evaluator translates its circuit
(:class:`~toulmin.graph.argument.gates.Structure`) into an abstract argumentation
framework: an argument per gate; an OR gate and every positive input get one
auxiliary argument; an undecided constant attacks itself; a false constant is
attacked by an unattacked argument. The complete labellings of that framework,
restricted to the gate arguments, are exactly the fixpoints of the circuit, so
:func:`circuit_labellings` enumerates them with :mod:`toulmin.graph.af.semantics`
and projects them back.

Owns the translation; imports :mod:`toulmin.graph.af`, the gate circuit and
:mod:`toulmin.errors`.

Examples
--------
>>> from toulmin.graph.authoring.casefile import parse_case
>>> from toulmin.graph.argument.gates import Structure
>>> from toulmin.graph.argument.index import argument_index
>>> det = parse_case('''
... toulmin: 1
... id: tiny
... title: Tiny
... decision: {outcome: approved, main_claim: c}
... sources: [{id: rec, kind: clinical-document, title: Record}]
... services: [{id: s, code: "22850", decision: approved, claim: c}]
... statements:
...   - {id: c, kind: conclusion, text: Necessary., cite: rec}
...   - {id: k, kind: claim, text: Not necessary., cite: rec}
... conflicts:
...   - {id: x, kind: rebut, attacker: k, target: c}
...   - {id: y, kind: rebut, attacker: c, target: k}
... ''')
>>> st = Structure(argument_index(det))
>>> len(circuit_labellings(st, "preferred")), st.node_labels(st.grounded())["c"]
(2, 'undecided')
"""

from __future__ import annotations

import numpy as np

from toulmin.errors import BadInputError
from toulmin.graph.af import semantics as afs
from toulmin.graph.af.framework import ArgumentationFramework
from toulmin.graph.af.semantics import SEMANTICS
from toulmin.graph.argument.gates import ALL, CONST, OUT, UNDEC, Structure

__all__ = ["SEMANTICS", "circuit_framework", "circuit_labellings", "unknown_semantics"]

#: Semantics the evaluator accepts.


def unknown_semantics(name: str) -> BadInputError:
    """The error for a semantics that is not one of :data:`SEMANTICS`."""
    return BadInputError(f"unknown semantics {name!r}; choose one of {', '.join(SEMANTICS)}")


def circuit_framework(st: Structure) -> ArgumentationFramework:
    """The circuit as a Dung framework; argument ``g`` (0-based) is gate ``g``.

    Its complete labellings, restricted to the first ``len(st.gtype)`` arguments, are
    exactly the fixpoints of the circuit (auxiliary arguments are named ``n<g>``,
    ``z<g>``, ``top``).
    """
    names = [f"g{g}" for g in range(len(st.gtype))]
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
    for g, t in enumerate(st.gtype):
        if t == CONST:
            if st.gconst[g] == UNDEC:
                src.append(g)
                dst.append(g)
            elif st.gconst[g] == OUT:
                if top is None:
                    top = aux("top")
                src.append(top)
                dst.append(g)
        elif t == ALL:
            for s, neg in st.inputs[g]:
                src.append(s if neg else negation(s))
                dst.append(g)
        else:
            z = aux(f"z{g}")
            src.append(z)
            dst.append(g)
            for s, neg in st.inputs[g]:
                src.append(negation(s) if neg else s)
                dst.append(z)
    return ArgumentationFramework(
        names, np.array(src, dtype=np.int64), np.array(dst, dtype=np.int64)
    )


def circuit_labellings(st: Structure, semantics: str) -> list[list[int]]:
    """Gate labellings under ``semantics``: :func:`circuit_framework`, then its labellings.

    Raises
    ------
    BadInputError
        For a semantics that is not one of :data:`SEMANTICS`.
    """
    if semantics not in SEMANTICS:
        raise unknown_semantics(semantics)
    af = circuit_framework(st)
    n = len(st.gtype)
    if semantics == "grounded":
        labs = [afs.grounded_labelling(af)]
    elif semantics == "complete":
        labs = afs.complete_labellings(af)
    elif semantics == "preferred":
        labs = afs.preferred_labellings(af)
    else:
        labs = afs.stable_labellings(af)
    return [[int(v) for v in lab[:n]] for lab in labs]
