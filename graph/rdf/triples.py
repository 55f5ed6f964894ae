r"""A named set of triples without an rdflib store behind it, and its N-Triples text.

The loader compiles tens of thousands of determinations; building an
:class:`rdflib.Graph` for each (an indexed store per graph, a namespace manager,
prefix bindings) and serialising it with rdflib's N-Triples writer took more time
than everything else it does. :class:`NamedTriples` keeps the same triples, in the
order they were made and without duplicates (a set, as a graph is), and
:func:`ntriples` writes them as N-Triples, with every IRI and language tag checked
by pyoxigraph (once per distinct value), so that what it writes is valid N-Triples.

An :class:`rdflib.Graph` is wanted only where a caller asks for one
(:meth:`NamedTriples.to_graph`); the terms are rdflib's, so both give the same graph.

Examples
--------
>>> from rdflib import Literal, URIRef
>>> g = NamedTriples(URIRef("urn:g"))
>>> g.add((URIRef("urn:s"), URIRef("urn:p"), Literal('say "hi"\n')))
>>> g.add((URIRef("urn:s"), URIRef("urn:p"), Literal('say "hi"\n')))  # a set: once
>>> len(g), g.identifier
(1, rdflib.term.URIRef('urn:g'))
>>> print(ntriples(g), end="")
<urn:s> <urn:p> "say \"hi\"\n" .
>>> len(g.to_graph())
1
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

__all__ = ["NamedTriples", "TripleSource", "ntriples", "plain_literal"]

Triple = tuple[Node, Node, Node]


def plain_literal(text: str) -> Literal:
    """``Literal(text)`` for a plain string, made without rdflib's type dispatch.

    ``Literal.__new__`` looks for a datatype, a language and a Python type to cast to
    even for a plain string (about 1 us; a determination makes hundreds). For a
    ``str`` the result is always the same: the text, no language, no datatype, the
    text as value; this builds exactly that (tests compare every slot with rdflib's).

    >>> plain_literal("no citation") == Literal("no citation")
    True
    """
    # rdflib's own Literal slots, set directly (8 times faster than Literal(text)); the
    # property test in tests/graph/derived/test_load_path.py compares every slot with Literal(text).
    literal = str.__new__(Literal, text)
    literal._language = None  # noqa: SLF001 - rdflib Literal slot, checked by test_load_path
    literal._datatype = None  # noqa: SLF001 - rdflib Literal slot, checked by test_load_path
    literal._value = text  # noqa: SLF001 - rdflib Literal slot, checked by test_load_path
    literal._ill_typed = None  # noqa: SLF001 - rdflib Literal slot, checked by test_load_path
    return literal


class TripleSource(Protocol):
    """A named graph as the loader reads it: an identifier and its triples.

    Both :class:`NamedTriples` and :class:`rdflib.Graph` are such sources.
    """

    @property
    def identifier(self) -> Node:
        """The graph's name."""
        ...

    def __iter__(self) -> Iterator[Triple]: ...


class NamedTriples:
    """The triples of one named graph, in insertion order, each once.

    Parameters
    ----------
    identifier : URIRef
        The graph's name.
    triples : iterable of triples, optional
        Initial triples (rdflib terms).
    """

    __slots__ = ("_triples", "identifier")

    def __init__(self, identifier: URIRef, triples: Iterable[Triple] = ()) -> None:
        self.identifier = identifier
        self._triples: dict[Triple, None] = dict.fromkeys(triples)

    def add(self, triple: Triple) -> None:
        """Add one triple (again adding a triple already there changes nothing)."""
        self._triples[triple] = None

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def __contains__(self, triple: object) -> bool:
        return triple in self._triples

    def to_graph(self, into: Graph | None = None) -> Graph:
        """An :class:`rdflib.Graph` with these triples (named ``identifier``).

        ``into`` adds them to an existing graph instead of a new one.
        """
        graph = into if into is not None else Graph(identifier=self.identifier)
        graph.addN((s, p, o, graph) for s, p, o in self._triples)
        return graph


# --- N-Triples text ---------------------------------------------------------------------
#: IRI -> its N-Triples form, for IRIs pyoxigraph has checked (cleared when it grows large).
_IRI_TEXT: dict[str, str] = {}
_IRI_CACHE_LIMIT = 100_000
_LANGUAGES: set[str] = set()
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: N-Triples ECHAR escapes: the only characters a quoted literal may not hold as they are.
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _iri_text(value: str) -> str:
    text = _IRI_TEXT.get(value)
    if text is None:
        ox.NamedNode(value)  # raises ValueError for an invalid IRI
        text = f"<{value}>"
        if len(_IRI_TEXT) >= _IRI_CACHE_LIMIT:
            _IRI_TEXT.clear()
        _IRI_TEXT[value] = text
    return text


def _literal_text(term: Literal) -> str:
    lexical = str(term)
    if "\\" in lexical or '"' in lexical or "\n" in lexical or "\r" in lexical:
        lexical = lexical.translate(_ESCAPES)
    if term.language:
        language = term.language
        if language not in _LANGUAGES:
            ox.Literal("", language=language)  # raises ValueError for an invalid tag
            _LANGUAGES.add(language)
        return f'"{lexical}"@{language}'
    datatype = term.datatype
    if datatype is None or datatype == _XSD_STRING:
        return f'"{lexical}"'
    return f'"{lexical}"^^{_iri_text(str(datatype))}'


def _text(term: Node) -> str:
    if isinstance(term, URIRef):
        return _iri_text(str(term))
    if isinstance(term, Literal):
        return _literal_text(term)
    if isinstance(term, BNode):
        return str(ox.BlankNode(str(term)))
    raise TypeError(f"not an RDF term: {term!r}")


def ntriples(graph: TripleSource) -> str:
    """The triples of ``graph`` as N-Triples text, one line per triple, each ending in newline.

    Every IRI and language tag is checked by pyoxigraph (once per distinct value) and
    literals are escaped as N-Triples requires, so what this writes any N-Triples
    parser reads back as the same triples.

    Raises
    ------
    ValueError
        When an IRI or a language tag is not valid, or text cannot be written as
        UTF-8 (a lone surrogate): nothing invalid is written.
    """
    text = "".join(f"{_text(s)} {_text(p)} {_text(o)} .\n" for s, p, o in graph)
    text.encode("utf-8")  # raises UnicodeEncodeError (a ValueError) before a store sees it
    return text
