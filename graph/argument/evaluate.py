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
(:class:`~toulmin.graph.argument.gates.Structure`): an AND gate per inference and
per support (an applicable argument whose defeating con arguments are all ``out``),
an OR gate per statement, a constant per leaf's cited evidence and per conflict. Its labellings
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
  onto the circuit's fixpoints (:mod:`toulmin.graph.argument.dung`), and enumerate
  them with :mod:`toulmin.graph.af.semantics`. The preferred labellings are the maximal
  ones in the information order, the stable ones have no undecided node. For
  these semantics the reported label of a node is its *skeptical* label: ``in``
  (or ``out``) when it is so in every labelling, else ``undecided``; every
  labelling is kept in :attr:`Evaluation.labellings`. With no stable labelling
  (an odd cycle, or an uncited leaf under ``uncited="undecided"``, has none)
  every node is reported ``undecided`` and the note says why.

Modules
-------
This module owns the result (:class:`Evaluation`) and :func:`evaluate`; the parts
live in modules of their own, each with one purpose:
:mod:`~toulmin.graph.argument.index` (who supports and attacks what),
:mod:`~toulmin.graph.argument.standards` (proof standards and their arithmetic),
:mod:`~toulmin.graph.argument.gates` (the circuit and grounded propagation),
:mod:`~toulmin.graph.argument.dung` (the Dung translation),
:mod:`~toulmin.graph.argument.reasons` and :mod:`~toulmin.graph.argument.reasoner`
(the reasons and their texts). Imports those, the argument view (to read a view
given as input), the decompiler and the authoring model.

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

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from rdflib import Graph

from toulmin.errors import BadInputError
from toulmin.graph.argument.dung import SEMANTICS, circuit_labellings, unknown_semantics
from toulmin.graph.argument.gates import DEFAULT_WEIGHT, UNCITED_POLICIES, Structure
from toulmin.graph.argument.index import ArgumentIndex, argument_index
from toulmin.graph.argument.reasoner import Reasoner
from toulmin.graph.argument.reasons import Attack, Reason
from toulmin.graph.argument.standards import (
    STANDARD_DEFAULTS,
    resolve_standard,
    standard_dict,
)
from toulmin.graph.argument.view import view_to_layer
from toulmin.graph.authoring.model import Determination, ProofStandard
from toulmin.graph.authoring.wording import join_words
from toulmin.graph.rdf.decompile import decompile

__all__ = [
    "DEFAULT_WEIGHT",
    "LABELS",
    "SEMANTICS",
    "STANDARD_DEFAULTS",
    "UNCITED_POLICIES",
    "Attack",
    "Evaluation",
    "Reason",
    "Structure",
    "evaluate",
    "resolve_standard",
]

#: The three labels, as strings.
LABELS: tuple[str, ...] = ("in", "out", "undecided")


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
    standard : ProofStandard
        The determination-level proof standard (effective thresholds).
    standards : Mapping[str, ProofStandard]
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
    standard: ProofStandard
    standards: Mapping[str, ProofStandard]
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

    def _repr_html_(self) -> str:
        """The labels table in Jupyter (:mod:`toulmin.graph.argument.render`)."""
        from toulmin.graph.argument.render import evaluation_html

        return evaluation_html(self)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (deterministic: sorted keys and ids, no timestamps)."""
        multi = self.semantics != "grounded"
        return {
            "determination": self.determination,
            "semantics": self.semantics,
            "labels_are": "skeptical over all labellings" if multi else "the grounded labelling",
            "uncited": self.uncited,
            "proof_standard": standard_dict(self.standard),
            "main_claim": {"id": self.main_claim, "label": self.labels.get(self.main_claim)},
            "claims": [{"for": k, "id": v, "label": self.labels.get(v)} for k, v in self.claims],
            "note": self.note,
            "nodes": [
                {
                    "id": n,
                    "kind": self.kinds[n],
                    "label": self.labels[n],
                    **(
                        {"proof_standard": standard_dict(self.standards[n])}
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


def _to_index(source: Determination | Graph | nx.DiGraph, det: str | None) -> ArgumentIndex:
    if isinstance(source, Determination):
        return argument_index(source)
    if isinstance(source, Graph):
        return argument_index(decompile(source, det))
    if isinstance(source, nx.DiGraph):
        layer = view_to_layer(source)
        return ArgumentIndex(layer.to_determination(), claims=layer.claims)
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
        raise unknown_semantics(semantics)
    st = Structure(_to_index(source, det), uncited)
    gate_labs = [st.grounded()] if semantics == "grounded" else circuit_labellings(st, semantics)
    per = [st.node_labels(lab) for lab in gate_labs]
    nodes = [*st.statements, *st.inferences, *st.conflicts]
    if semantics == "grounded":
        labels = per[0]
        reasons = Reasoner(st, gate_labs[0]).all()
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
    reasoners = [Reasoner(st, lab) for lab in gate_labs]
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
                f"{lab} in {plural.rstrip('s')}{'s' if len(ks) > 1 else ''} {join_words(ks)}"
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
