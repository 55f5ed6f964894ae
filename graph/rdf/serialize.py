"""Write compiled determinations as Turtle, TriG, N-Quads, N-Triples or JSON-LD.

Turtle and N-Triples hold triples only, so they suit one determination; TriG,
N-Quads and JSON-LD keep each determination in its named graph.

Examples
--------
>>> from rdflib import Graph, URIRef, Literal
>>> g = Graph(identifier=URIRef("urn:g"))
>>> _ = g.add((URIRef("urn:s"), URIRef("urn:p"), Literal("o")))
>>> print(serialize([g], "nquads").strip())
<urn:s> <urn:p> "o" <urn:g> .
"""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import Graph

from toulmin.errors import BadInputError
from toulmin.graph.rdf.compile import to_dataset
from toulmin.graph.rdf.formats import FORMATS, by_name

__all__ = ["FORMATS", "serialize"]


def serialize(graphs: Sequence[Graph], fmt: str) -> str:
    """Serialize named graphs in ``fmt`` (a name in :data:`~toulmin.graph.rdf.formats.FORMATS`).

    Raises
    ------
    BadInputError
        For an unknown format, or several graphs in a triples-only format.
    """
    chosen = by_name(fmt)
    if chosen.quads:
        return to_dataset(graphs).serialize(format=chosen.rdflib)
    if len(graphs) != 1:
        raise BadInputError(f"{fmt} holds one graph; use trig, nquads or json-ld for several")
    return graphs[0].serialize(format=chosen.rdflib)
