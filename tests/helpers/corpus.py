"""The hand-written query fixture corpus (tests/fixtures/corpus/), compiled for a store.

Labels of the main claims come from tests/fixtures/corpus-labels.trig (hand-written
evaluator output), so that the queries are tested apart from the evaluator. Used by
tests/queries/test_queries.py and tests/graph/derived/test_summaries_rows.py.
"""

from __future__ import annotations

from rdflib import Dataset, Graph, URIRef

from tests.helpers.paths import FIXTURES
from toulmin.graph.authoring.casefile import load_case
from toulmin.graph.derived.layer import summary_layer
from toulmin.graph.rdf.compile import compile_determination
from toulmin.ontology.namespace import DATA, TLM

__all__ = ["CORPUS", "LABELS", "corpus_graphs", "corpus_labels"]

#: One case file per situation the queries must find (or must not).
CORPUS = FIXTURES / "corpus"
#: Hand-written acceptability labels of the corpus's main claims.
LABELS = FIXTURES / "corpus-labels.trig"


def corpus_labels() -> Dataset:
    """The hand-written labels, one named graph per determination."""
    labels = Dataset(default_union=True)
    labels.parse(LABELS, format="trig")
    return labels


def corpus_graphs(with_summaries: bool = True) -> list[Graph]:
    """Compiled fixtures, their summaries and the hand-written evaluator output.

    As :func:`toulmin.graph.derived.layer.derived_layer` does on a real load, each summary
    repeats the evaluator's label of the main claim (here: from the hand-written file).
    """
    labels = corpus_labels()
    graphs: list[Graph] = []
    for path in sorted(CORPUS.glob("*.yaml")):
        det = load_case(path)
        asserted = compile_determination(det)
        graphs.append(asserted)
        if with_summaries:
            main = URIRef(f"{DATA}{det.id}/{det.main_claim}")
            label = labels.value(main, TLM.acceptability)
            name = str(label).rsplit("#", 1)[-1].lower() if label is not None else None
            graphs.append(summary_layer(det.id, asserted, name).to_graph())
    graphs += [g for g in labels.graphs() if len(g)]
    return graphs
