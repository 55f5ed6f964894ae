"""The one table of RDF formats: names, file suffixes, rdflib and pyoxigraph formats.

Every part of toulmin that picks an RDF format by name (``--format trig``) or by a
file's suffix (``x.nq``) reads it here: :mod:`~toulmin.graph.rdf.serialize` writes
with it, the store loads and exports with it (:mod:`toulmin.graph.store`), and
``toulmin evaluate`` reads a determination from RDF with it. Imports nothing from
toulmin but :mod:`toulmin.errors`.

Examples
--------
>>> by_suffix("Case.NQ").name
'nquads'
>>> by_suffix("notes.txt") is None
True
>>> FORMATS["turtle"].quads, FORMATS["trig"].quads
(False, True)
>>> [f.name for f in FORMATS.values() if f.oxigraph is not None]
['turtle', 'ntriples', 'nquads', 'trig']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

import pyoxigraph as ox

from toulmin.errors import BadInputError

__all__ = ["FORMATS", "RdfFormat", "by_name", "by_suffix"]


@dataclass(frozen=True)
class RdfFormat:
    """One RDF format.

    Attributes
    ----------
    name : str
        The name toulmin uses (``--format`` choices).
    suffixes : tuple of str
        File suffixes, lower case with the dot; the first is the one to write.
    rdflib : str
        The rdflib parser and serializer name.
    quads : bool
        Whether it keeps named graphs (TriG, N-Quads, JSON-LD) or holds triples only.
    oxigraph : pyoxigraph.RdfFormat or None
        The format the store loads and exports it with; ``None``: the store does not.
    """

    name: str
    suffixes: tuple[str, ...]
    rdflib: str
    quads: bool
    oxigraph: ox.RdfFormat | None


#: Format name -> format, in the order they are listed to users.
FORMATS: dict[str, RdfFormat] = {
    f.name: f
    for f in (
        RdfFormat("turtle", (".ttl",), "turtle", False, ox.RdfFormat.TURTLE),
        RdfFormat("ntriples", (".nt",), "nt", False, ox.RdfFormat.N_TRIPLES),
        RdfFormat("nquads", (".nq",), "nquads", True, ox.RdfFormat.N_QUADS),
        RdfFormat("trig", (".trig",), "trig", True, ox.RdfFormat.TRIG),
        RdfFormat("json-ld", (".jsonld", ".json"), "json-ld", True, None),
    )
}

_BY_SUFFIX = {suffix: f for f in FORMATS.values() for suffix in f.suffixes}


def by_suffix(path: str | PurePath) -> RdfFormat | None:
    """The format of a file by its suffix (case-insensitive), or ``None``."""
    return _BY_SUFFIX.get(PurePath(path).suffix.lower())


def by_name(name: str, choices: tuple[str, ...] | None = None) -> RdfFormat:
    """The format called ``name``, one of ``choices`` (default: every format).

    Raises
    ------
    BadInputError
        For a name that is not among the choices; the message lists them.

    Examples
    --------
    >>> by_name("trig").suffixes
    ('.trig',)
    >>> by_name("turtle", ("nquads", "trig"))
    Traceback (most recent call last):
    toulmin.errors.BadInputError: unknown format 'turtle'; choose one of nquads, trig
    """
    allowed = tuple(FORMATS) if choices is None else choices
    if name not in allowed or name not in FORMATS:
        raise BadInputError(f"unknown format '{name}'; choose one of {', '.join(sorted(allowed))}")
    return FORMATS[name]
