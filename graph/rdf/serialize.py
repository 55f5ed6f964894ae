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

__all__ = ["FORMATS", "serialize"]

#: Output format name -> (rdflib serializer, keeps named graphs).
FORMATS: dict[str, tuple[str, bool]] = {
    "turtle": ("turtle", False),
    "ntriples": ("nt", False),
    "trig": ("trig", True),
    "nquads": ("nquads", True),
    "json-ld": ("json-ld", True),
}


def serialize(graphs: Sequence[Graph], fmt: str) -> str:
    """Serialize named graphs in ``fmt`` (one of :data:`FORMATS`).

    Raises
    ------
    BadInputError
        For an unknown format, or several graphs in a triples-only format.
    """
    if fmt not in FORMATS:
        raise BadInputError(f"unknown format '{fmt}'; choose one of {', '.join(sorted(FORMATS))}")
    name, quads = FORMATS[fmt]
    if quads:
        return to_dataset(graphs).serialize(format=name)
    if len(graphs) != 1:
        raise BadInputError(f"{fmt} holds one graph; use trig, nquads or json-ld for several")
    return graphs[0].serialize(format=name)
