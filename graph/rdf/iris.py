"""Stable IRIs of a determination, its named graphs and its nodes (docs/rdf-model.md).

Examples
--------
>>> determination_iri("l4-5-revision")
rdflib.term.URIRef('https://w3id.org/toulmin/d/l4-5-revision')
>>> node_iri("l4-5-revision", "f-ehl")
rdflib.term.URIRef('https://w3id.org/toulmin/d/l4-5-revision/f-ehl')
>>> graph_iri("l4-5-revision"), derived_graph_iri("l4-5-revision")[-8:]
(rdflib.term.URIRef('https://w3id.org/toulmin/d/l4-5-revision/graph'), '/derived')
>>> local_id_of(node_iri("x", "c-1"), "x")
'c-1'
"""

from __future__ import annotations

from rdflib import URIRef

from toulmin.ontology.namespace import DATA

__all__ = [
    "citation_iri",
    "derived_graph_iri",
    "determination_iri",
    "determination_namespace",
    "graph_iri",
    "local_id_of",
    "node_iri",
]


def determination_iri(det: str) -> URIRef:
    """The determination node."""
    return URIRef(f"{DATA}{det}")


def determination_namespace(det: str) -> str:
    """The namespace of a determination's nodes, ``d:{det}/`` (what ``d`` is bound to).

    >>> determination_namespace("x")
    'https://w3id.org/toulmin/d/x/'
    """
    return f"{DATA}{det}/"


def graph_iri(det: str) -> URIRef:
    """The named graph that holds a determination's asserted triples."""
    return URIRef(f"{DATA}{det}/graph")


def derived_graph_iri(det: str) -> URIRef:
    """The named graph for computed results (labels, explanations, summaries)."""
    return URIRef(f"{DATA}{det}/derived")


def node_iri(det: str, *parts: str | int) -> URIRef:
    """A node inside a determination: ``d:{det}/{part}/{part}...``."""
    return URIRef(f"{DATA}{det}/" + "/".join(str(p) for p in parts))


def citation_iri(det: str, statement: str, index: int) -> URIRef:
    """The ``index``-th citation (0-based, file order) of a statement."""
    return node_iri(det, statement, "cite", index)


def local_id_of(iri: str, det: str) -> str:
    """The local id of a top-level node IRI of ``det``.

    Raises
    ------
    ValueError
        When ``iri`` is not a node of ``det``.
    """
    prefix = f"{DATA}{det}/"
    if not iri.startswith(prefix):
        raise ValueError(f"{iri} is not a node of determination {det}")
    return iri[len(prefix) :]
