"""The derived layer the loader writes with every case file: labels and summary facts.

:func:`derived_layer` is the ``extra_graphs`` hook of :func:`toulmin.graph.store.load.load`
that ``toulmin load`` and ``toulmin query CASE...`` use. It gives the same triples as
:func:`toulmin.graph.derived.summaries.derived_graphs` (a test checks it), as
:class:`~toulmin.graph.rdf.triples.NamedTriples` rather than :class:`rdflib.Graph`, so
that loading a large corpus does not pay for an rdflib store per determination.

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
>>> (layer,) = derived_layer(det)
>>> str(layer.identifier)
'https://w3id.org/toulmin/d/tiny/derived'
>>> from toulmin.ontology.namespace import TLM
>>> from toulmin.graph.rdf.iris import node_iri
>>> (node_iri("tiny", "c"), TLM.acceptability, TLM.In) in layer
True
"""

from __future__ import annotations

from toulmin.errors import ToulminError
from toulmin.graph.authoring.model import Determination
from toulmin.graph.derived.summaries import summarize, summary_triples
from toulmin.graph.rdf.iris import derived_graph_iri
from toulmin.graph.rdf.triples import NamedTriples, TripleSource

__all__ = ["derived_layer"]


def derived_layer(det: Determination, asserted: TripleSource | None = None) -> list[NamedTriples]:
    """The derived graph ``d:{det}/derived`` of ``det``: grounded labels and the summary.

    When the evaluator cannot evaluate the determination, the summary is written alone
    (as :func:`toulmin.graph.derived.summaries.derived_graphs` does).

    Parameters
    ----------
    det : Determination
        The determination read from a case file.
    asserted : triples, optional
        Its compiled asserted graph (unused; part of the hook's signature).

    Returns
    -------
    list of NamedTriples
        One graph, named ``d:{det}/derived``.
    """
    from toulmin.graph.argument.evaluate import evaluate
    from toulmin.graph.derived.evaluation import derived_triples

    label: str | None = None
    try:
        evaluation = evaluate(det)
    except ToulminError:
        layer = NamedTriples(derived_graph_iri(det.id))
    else:
        layer, label = derived_triples(evaluation), evaluation.main_label
    for triple in summary_triples(summarize(det, label)):
        layer.add(triple)
    return [layer]
