"""The derived layer the loader writes with every case file: labels and summary facts.

:func:`derived_layer` is the ``extra_graphs`` hook of :func:`toulmin.graph.store.load.load`
that ``toulmin load`` and ``toulmin query CASE...`` use: the evaluator's labels
(:mod:`toulmin.graph.derived.evaluation`), the audit rules' summary facts over the
determination's asserted graph (:mod:`toulmin.graph.derived.summaries`) and the main
claim's label repeated on the summary, as one
:class:`~toulmin.graph.rdf.triples.NamedTriples` (no rdflib store per determination).
:func:`derived_graphs` gives the same triples as :class:`rdflib.Graph` objects.

Imports :mod:`toulmin.graph.argument`, :mod:`toulmin.graph.rdf` and the modules of
this package below it (evaluation, summaries); nothing imports it back.

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
>>> (node_iri("tiny", "summary"), TLM.mainClaimLabel, TLM.In) in layer
True
"""

from __future__ import annotations

from rdflib import Graph, URIRef

from toulmin.errors import ToulminError
from toulmin.graph.authoring.model import Determination
from toulmin.graph.derived.summaries import summary_iri, summary_triples
from toulmin.graph.rdf.iris import derived_graph_iri, determination_namespace
from toulmin.graph.rdf.triples import NamedTriples, TripleSource
from toulmin.graph.rdf.vocabulary import LABEL_TERMS
from toulmin.ontology.namespace import TLM

__all__ = ["LABELS", "derived_graphs", "derived_layer", "summary_layer"]

#: The evaluator's labels as the summary's ``tlm:mainClaimLabel`` states them.
LABELS: dict[str, URIRef] = LABEL_TERMS


def summary_layer(
    det: str,
    asserted: TripleSource,
    main_claim_label: str | None = None,
    into: NamedTriples | None = None,
) -> NamedTriples:
    """The summary facts of determination ``det`` (its id) in its derived graph.

    Parameters
    ----------
    det : str
        The determination's id.
    asserted : triples
        Its compiled asserted graph, which the audit rules read.
    main_claim_label : str, optional
        The evaluator's label of the main claim (``in``, ``out``, ``undecided``).
    into : NamedTriples, optional
        Add the facts to this graph (the evaluator's) instead of a new one.
    """
    layer = into if into is not None else NamedTriples(derived_graph_iri(det))
    for triple in summary_triples(asserted):
        layer.add(triple)
    if main_claim_label is not None:
        layer.add((summary_iri(det), TLM.mainClaimLabel, LABELS[main_claim_label]))
    return layer


def derived_layer(det: Determination, asserted: TripleSource | None = None) -> list[NamedTriples]:
    """The derived graph ``d:{det}/derived`` of ``det``: grounded labels and the summary.

    When the evaluator cannot evaluate the determination, the summary is written alone.

    Parameters
    ----------
    det : Determination
        The determination read from a case file.
    asserted : triples, optional
        Its compiled asserted graph (the loader passes the one it stores); compiled
        from ``det`` when not given.

    Returns
    -------
    list of NamedTriples
        One graph, named ``d:{det}/derived``.
    """
    from toulmin.graph.argument.evaluate import evaluate
    from toulmin.graph.derived.evaluation import derived_triples
    from toulmin.graph.rdf.compile import compile_triples

    label: str | None = None
    try:
        evaluation = evaluate(det)
    except ToulminError:
        layer = NamedTriples(derived_graph_iri(det.id))
    else:
        layer, label = derived_triples(evaluation), evaluation.main_label
    source = asserted if asserted is not None else compile_triples(det)
    return [summary_layer(det.id, source, label, into=layer)]


def derived_graphs(det: Determination, asserted: TripleSource | None = None) -> list[Graph]:
    """:func:`derived_layer` as :class:`rdflib.Graph` objects (with ``tlm:`` and ``d:`` bound).

    For callers that want rdflib graphs (``toulmin query CASE...`` in memory, the tests).
    """
    graphs = []
    for layer in derived_layer(det, asserted):
        graph = Graph(identifier=layer.identifier)
        graph.bind("tlm", str(TLM))
        graph.bind("d", determination_namespace(det.id))
        graphs.append(layer.to_graph(into=graph))
    return graphs
