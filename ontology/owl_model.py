"""A model of the ontology and a data graph, built and verified in Python (no reasoner).

HermiT decides OWL 2 DL consistency in a Java process that starts in about a second. The
toulmin ontology uses few constructs (named sub-classes, ``only`` restrictions, domains
and ranges, some of them unions, functional and disjoint properties, disjoint classes,
enumerated classes, restricted decimals), and a determination adds only assertions about
individuals. For such a graph this module builds one interpretation, the least one the
axioms force (sub-property and functional-property closure, types from assertions,
domains, ranges, ``only`` restrictions and super-classes), and then checks every axiom of
the ontology in it. When every axiom holds, the interpretation is a model: the graph is
consistent, and HermiT would say so. When one does not hold, nothing is concluded (a
disjunction may have another way out, two IRIs may name one thing): the caller asks
HermiT. The answer is therefore never "inconsistent", only "consistent" or "undecided".

:func:`compile_schema` reads the ontology once and returns None when it holds an axiom
this module does not know (the caller then always asks HermiT); :func:`has_model` returns
False, too, when the data holds anything but assertions about individuals with declared
classes and properties (a class axiom, an undeclared property, a literal of a datatype it
does not evaluate exactly, ...).

Imports: rdflib only (no toulmin module), so that it can be tested on its own.

Examples
--------
>>> from rdflib import Graph
>>> ontology = Graph().parse(format="turtle", data='''
... @prefix : <urn:x:> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... :A a owl:Class . :B a owl:Class ; owl:disjointWith :A . :C a owl:Class ; rdfs:subClassOf :A .
... :p a owl:ObjectProperty ; rdfs:range :B .
... ''')
>>> schema = compile_schema(ontology)
>>> data = Graph().parse(format="turtle", data="@prefix : <urn:x:> . :x a :C . :y a :C .")
>>> has_model(schema, ontology, data)
True
>>> data.parse(format="turtle", data="@prefix : <urn:x:> . :x :p :y .")  # doctest: +ELLIPSIS
<Graph ...>
>>> has_model(schema, ontology, data)  # y would be both a B and (as a C) an A
False
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

__all__ = ["XSD_INTEGERS", "Schema", "compile_schema", "has_model"]

_RESERVED = (str(RDF), str(RDFS), str(OWL), str(XSD))

#: annotation properties OWL 2 builds in (they carry no meaning for consistency)
_BUILTIN_ANNOTATIONS = frozenset(
    [
        RDFS.label,
        RDFS.comment,
        RDFS.seeAlso,
        RDFS.isDefinedBy,
        OWL.versionInfo,
        OWL.deprecated,
        OWL.priorVersion,
        OWL.backwardCompatibleWith,
        OWL.incompatibleWith,
    ]
)
#: header triples of the ontology itself
_HEADER = frozenset([OWL.versionIRI, OWL.imports])

#: the XSD integer datatypes (every one derived from xsd:integer)
XSD_INTEGERS = frozenset(
    XSD[n]
    for n in (
        "integer",
        "nonNegativeInteger",
        "nonPositiveInteger",
        "positiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
)
_FACETS = frozenset([XSD.minInclusive, XSD.maxInclusive, XSD.minExclusive, XSD.maxExclusive])

#: lexical forms (XML Schema 1.1, whitespace collapsed) of the datatypes whose literals
#: the model check accepts; any other literal leaves the graph to HermiT
_LEXICAL = {
    XSD.integer: re.compile(r"[+-]?[0-9]+"),
    XSD.nonNegativeInteger: re.compile(r"\+?[0-9]+|-0+"),
    XSD.positiveInteger: re.compile(r"\+?0*[1-9][0-9]*"),
    XSD.decimal: re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"),
    XSD.boolean: re.compile(r"true|false|1|0"),
    XSD.dateTime: re.compile(
        r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
        r"(Z|[+-][0-9]{2}:[0-9]{2})?"
    ),
}
#: characters outside XML's Char production: not in the value space of xsd:string
_NOT_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class _Restricted:
    """A datatype restriction: a base datatype and numeric facets."""

    base: URIRef
    facets: tuple[tuple[URIRef, Decimal], ...]


_Range = URIRef | tuple[URIRef, ...] | _Restricted  # a class or datatype, a union, a restriction


@dataclass
class Schema:
    """The axioms of an ontology, in the forms :func:`has_model` evaluates."""

    classes: set[Node] = field(default_factory=set)
    object_props: set[Node] = field(default_factory=set)
    data_props: set[Node] = field(default_factory=set)
    annotation_props: set[Node] = field(default_factory=set)
    functional: set[Node] = field(default_factory=set)
    supers: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    only: dict[Node, list[tuple[Node, Node]]] = field(default_factory=lambda: defaultdict(list))
    enumerations: dict[Node, set[Node]] = field(default_factory=dict)
    disjoint: set[frozenset[Node]] = field(default_factory=set)
    covers: dict[Node, set[Node]] = field(default_factory=dict)  # disjointUnionOf
    different: list[list[Node]] = field(default_factory=list)
    domains: dict[Node, list[_Range]] = field(default_factory=lambda: defaultdict(list))
    ranges: dict[Node, list[_Range]] = field(default_factory=lambda: defaultdict(list))
    super_props: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    disjoint_props: list[tuple[Node, Node]] = field(default_factory=list)
    individuals: set[Node] = field(default_factory=set)
    class_assertions: list[tuple[Node, Node]] = field(default_factory=list)
    #: object and data property assertions about the ontology's own individuals
    property_assertions: list[tuple[Node, Node, Node]] = field(default_factory=list)
    entities: set[Node] = field(default_factory=set)  # every node of the ontology but individuals

    def class_closure(self, classes: Iterable[Node]) -> set[Node]:
        """The classes and all their named super-classes."""
        seen: set[Node] = set()
        todo = list(classes)
        while todo:
            cls = todo.pop()
            if cls not in seen:
                seen.add(cls)
                todo.extend(self.supers.get(cls, ()))
        return seen

    def prop_closure(self, prop: Node) -> set[Node]:
        """The property and all its super-properties."""
        seen: set[Node] = set()
        todo = [prop]
        while todo:
            p = todo.pop()
            if p not in seen:
                seen.add(p)
                todo.extend(self.super_props.get(p, ()))
        return seen


class _Unsupported(Exception):
    """The ontology holds an axiom outside the evaluated fragment."""


class _Reader:
    """Reads an ontology graph triple by triple, marking each one it understands."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.used: set[tuple[Node, Node, Node]] = set()

    def take(self, s: Node, p: Node, o: Node) -> None:
        self.used.add((s, p, o))

    def one(self, s: Node, p: Node) -> Node:
        values = list(self.graph.objects(s, p))
        if len(values) != 1:
            raise _Unsupported(f"{s} has {len(values)} values of {p}")
        self.take(s, p, values[0])
        return values[0]

    def members(self, head: Node) -> list[Node]:
        items: list[Node] = []
        node = head
        while node != RDF.nil:
            if not isinstance(node, BNode):
                raise _Unsupported(f"malformed list at {node}")
            items.append(self.one(node, RDF.first))
            node = self.one(node, RDF.rest)
        return items

    def typed(self, node: Node, kind: Node) -> None:
        if (node, RDF.type, kind) in self.graph:
            self.take(node, RDF.type, kind)

    def names(self, head: Node) -> tuple[URIRef, ...]:
        items = self.members(head)
        if not all(isinstance(item, URIRef) for item in items):
            raise _Unsupported("a list of anything but IRIs")
        return tuple(item for item in items if isinstance(item, URIRef))

    def expression(self, node: Node, *, data: bool) -> _Range:
        """A domain or range: a name, a union of names, a restricted datatype."""
        if isinstance(node, URIRef):
            return node
        if not isinstance(node, BNode):
            raise _Unsupported(f"a literal class expression {node}")
        if not data:
            self.typed(node, OWL.Class)
            return self.names(self.one(node, OWL.unionOf))
        self.typed(node, RDFS.Datatype)
        base = self.one(node, OWL.onDatatype)
        if not isinstance(base, URIRef):
            raise _Unsupported("a restriction of an anonymous datatype")
        facets = []
        for facet in self.members(self.one(node, OWL.withRestrictions)):
            pairs = list(self.graph.predicate_objects(facet))
            if len(pairs) != 1 or pairs[0][0] not in _FACETS:
                raise _Unsupported(f"facet {facet}")
            kind, value = pairs[0]
            self.take(facet, kind, value)
            try:
                facets.append((URIRef(str(kind)), Decimal(str(value))))
            except InvalidOperation as error:
                raise _Unsupported(f"a facet value {value}") from error
        return _Restricted(base, tuple(facets))


_DECLARATIONS = {
    OWL.Class: "classes",
    OWL.ObjectProperty: "object_props",
    OWL.DatatypeProperty: "data_props",
    OWL.AnnotationProperty: "annotation_props",
    OWL.FunctionalProperty: "functional",
}


def compile_schema(graph: Graph) -> Schema | None:
    """Read an ontology's axioms; None when one is outside the fragment :func:`has_model` knows.

    Parameters
    ----------
    graph : rdflib.Graph
        The ontology (for toulmin, :func:`toulmin.ontology.validate.load_ontology`).

    Returns
    -------
    Schema or None
        The axioms, or None when the ontology has a triple that is neither a declaration,
        an annotation nor an axiom of the fragment (a model check is then not possible).

    Examples
    --------
    >>> from rdflib import Graph
    >>> compile_schema(Graph().parse(format="turtle", data='''
    ... @prefix owl: <http://www.w3.org/2002/07/owl#> .
    ... <urn:x:p> a owl:ObjectProperty, owl:TransitiveProperty .''')) is None
    True
    """
    try:
        return _compile(graph)
    except _Unsupported:
        return None


def _compile(graph: Graph) -> Schema:
    schema = Schema()
    reader = _Reader(graph)
    for kind, attribute in _DECLARATIONS.items():
        for node in graph.subjects(RDF.type, kind):
            if isinstance(node, URIRef):
                getattr(schema, attribute).add(node)
                reader.take(node, RDF.type, kind)
    schema.annotation_props |= _BUILTIN_ANNOTATIONS
    for node in graph.subjects(RDF.type, OWL.Ontology):
        reader.take(node, RDF.type, OWL.Ontology)
        for p, o in graph.predicate_objects(node):
            if p in _HEADER:
                reader.take(node, p, o)
    for node in graph.subjects(RDF.type, OWL.NamedIndividual):
        schema.individuals.add(node)
        reader.take(node, RDF.type, OWL.NamedIndividual)
    for s, o in graph.subject_objects(RDF.type):
        if isinstance(o, URIRef) and not str(o).startswith(_RESERVED) and isinstance(s, URIRef):
            schema.class_assertions.append((s, o))
            schema.individuals.add(s)
            reader.take(s, RDF.type, o)
    for s, o in graph.subject_objects(RDFS.subClassOf):
        reader.take(s, RDFS.subClassOf, o)
        if isinstance(o, URIRef):
            schema.supers[s].add(o)
        elif isinstance(o, BNode):
            reader.typed(o, OWL.Restriction)
            on = reader.one(o, OWL.onProperty)
            filler = reader.one(o, OWL.allValuesFrom)
            if not isinstance(on, URIRef) or not isinstance(filler, URIRef):
                raise _Unsupported(f"restriction {o}")
            schema.only[s].append((on, filler))
        else:
            raise _Unsupported(f"subClassOf {o}")
    for s, o in graph.subject_objects(OWL.equivalentClass):
        reader.take(s, OWL.equivalentClass, o)
        if not isinstance(o, BNode):
            raise _Unsupported(f"equivalentClass {o}")
        reader.typed(o, OWL.Class)
        members = reader.names(reader.one(o, OWL.oneOf))
        schema.enumerations[s] = set(members)
        schema.individuals.update(members)
    for s, o in graph.subject_objects(OWL.disjointWith):
        reader.take(s, OWL.disjointWith, o)
        schema.disjoint.add(frozenset((s, o)))
    for node in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        reader.take(node, RDF.type, OWL.AllDisjointClasses)
        _pairs(schema, reader.names(reader.one(node, OWL.members)))
    for s, o in graph.subject_objects(OWL.disjointUnionOf):
        reader.take(s, OWL.disjointUnionOf, o)
        parts = reader.names(o)
        _pairs(schema, parts)
        schema.covers[s] = set(parts)
        for part in parts:
            schema.supers[part].add(s)
    for node in graph.subjects(RDF.type, OWL.AllDifferent):
        reader.take(node, RDF.type, OWL.AllDifferent)
        listed = [o for p, o in graph.predicate_objects(node) if p != RDF.type]
        if len(listed) != 1:
            raise _Unsupported(f"AllDifferent {node}")
        (predicate,) = [p for p, _o in graph.predicate_objects(node) if p != RDF.type]
        if predicate not in (OWL.distinctMembers, OWL.members):
            raise _Unsupported(f"AllDifferent {node}")
        reader.take(node, predicate, listed[0])
        distinct: list[Node] = list(reader.names(listed[0]))
        schema.different.append(distinct)
        schema.individuals.update(distinct)
    for predicate, target in ((RDFS.domain, schema.domains), (RDFS.range, schema.ranges)):
        for s, o in graph.subject_objects(predicate):
            reader.take(s, predicate, o)
            data = predicate == RDFS.range and s in schema.data_props
            target[s].append(reader.expression(o, data=data))
    for s, o in graph.subject_objects(RDFS.subPropertyOf):
        reader.take(s, RDFS.subPropertyOf, o)
        schema.super_props[s].add(o)
    for s, o in graph.subject_objects(OWL.propertyDisjointWith):
        reader.take(s, OWL.propertyDisjointWith, o)
        schema.disjoint_props.append((s, o))
    for s, p, o in graph:
        if p in schema.annotation_props and isinstance(s, URIRef) and not isinstance(o, BNode):
            reader.take(s, p, o)
        elif (
            p in schema.object_props | schema.data_props
            and isinstance(s, URIRef)
            and not isinstance(o, BNode)
        ):
            schema.property_assertions.append((s, p, o))
            reader.take(s, p, o)
    left = [t for t in graph if t not in reader.used]
    if left:
        raise _Unsupported(f"{len(left)} triples outside the fragment, such as {left[0]}")
    kinds = (schema.object_props, schema.data_props, schema.annotation_props)
    if any(a & b for i, a in enumerate(kinds) for b in kinds[i + 1 :]):
        raise _Unsupported("a property of two kinds")
    if not schema.functional <= schema.object_props | schema.data_props:
        raise _Unsupported("a functional property that is neither object nor data property")
    for s, p, o in graph:
        for node in (s, p, o):
            if not isinstance(node, Literal) and node not in schema.individuals:
                schema.entities.add(node)
    if schema.individuals & (schema.classes | schema.object_props | schema.data_props):
        raise _Unsupported("an individual that is also a class or property")
    return schema


def _pairs(schema: Schema, classes: Iterable[Node]) -> None:
    listed = list(classes)
    for i, a in enumerate(listed):
        for b in listed[i + 1 :]:
            schema.disjoint.add(frozenset((a, b)))


# --- the data -------------------------------------------------------------------------


class _Undecided(Exception):
    """The data is outside the fragment, or the least interpretation is not a model."""


class _Sets:
    """Union-find over individuals: the ones a functional property makes equal."""

    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}

    def find(self, node: Node) -> Node:
        root = node
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while node != root:  # path compression
            self.parent[node], node = root, self.parent.get(node, node)
        return root

    def union(self, a: Node, b: Node) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[rb] = ra
        return True


def _individual(schema: Schema, node: Node) -> None:
    if isinstance(node, Literal):
        raise _Undecided(f"a literal where an individual belongs: {node.n3()}")
    if isinstance(node, URIRef) and str(node).startswith(_RESERVED):
        raise _Undecided(f"a built-in IRI used as an individual: {node}")
    if node in schema.entities:
        raise _Undecided(f"a class or property of the ontology used as an individual: {node}")


def _assertions(
    schema: Schema, triples: Iterable[tuple[Node, Node, Node]]
) -> tuple[list[tuple[Node, Node]], set[tuple[Node, Node, Node]], set[tuple[Node, Node, Literal]]]:
    types: list[tuple[Node, Node]] = list(schema.class_assertions)
    objects: set[tuple[Node, Node, Node]] = set()
    values: set[tuple[Node, Node, Literal]] = set()
    for s, p, o in triples:
        if p in schema.annotation_props:
            continue
        _individual(schema, s)
        if p == RDF.type:
            if o in (OWL.NamedIndividual, OWL.Thing):
                continue
            if o not in schema.classes:
                raise _Undecided(f"a type that is not a class of the ontology: {o}")
            types.append((s, o))
        elif p in schema.object_props:
            _individual(schema, o)
            objects.update((s, q, o) for q in schema.prop_closure(p))
        elif p in schema.data_props and isinstance(o, Literal):
            if not _well_formed(o):
                raise _Undecided(f"a literal the model check does not read: {o.n3()}")
            values.update((s, q, o) for q in schema.prop_closure(p))
        else:
            raise _Undecided(f"a triple the fragment does not cover: {p}")
    if any(q not in schema.object_props for _s, q, _o in objects) or any(
        q not in schema.data_props for _s, q, _o in values
    ):
        raise _Undecided("a super-property of another kind")
    return types, objects, values


def _merge_functional(schema: Schema, sets: _Sets, objects: set[tuple[Node, Node, Node]]) -> None:
    changed = True
    while changed:
        changed = False
        first: dict[tuple[Node, Node], Node] = {}
        for s, p, o in objects:
            if p in schema.functional:
                key = (sets.find(s), p)
                if key in first:
                    changed |= sets.union(first[key], o)
                else:
                    first[key] = o


def _named(expressions: Iterable[_Range]) -> Iterator[URIRef]:
    return (e for e in expressions if isinstance(e, URIRef))


def _least_types(
    schema: Schema,
    sets: _Sets,
    asserted: list[tuple[Node, Node]],
    objects: set[tuple[Node, Node, Node]],
    values: set[tuple[Node, Node, Literal]],
) -> dict[Node, set[Node]]:
    types: dict[Node, set[Node]] = defaultdict(set)
    for node, cls in asserted:
        types[sets.find(node)].add(cls)
    for cls, members in schema.enumerations.items():
        for member in members:
            types[sets.find(member)].add(cls)
    for s, p, o in objects:
        types[sets.find(s)].update(_named(schema.domains.get(p, ())))
        types[sets.find(o)].update(_named(schema.ranges.get(p, ())))
    for s, p, _value in values:
        types[sets.find(s)].update(_named(schema.domains.get(p, ())))
    successors: dict[tuple[Node, Node], set[Node]] = defaultdict(set)
    for s, p, o in objects:
        successors[(sets.find(s), p)].add(sets.find(o))
    todo = list(types)
    while todo:
        node = todo.pop()
        closed = schema.class_closure(types[node])
        types[node] = closed
        for cls in list(closed):
            for prop, filler in schema.only.get(cls, ()):
                for other in successors.get((node, prop), ()):
                    if filler not in types[other]:
                        types[other].add(filler)
                        todo.append(other)
    return types


def _well_formed(literal: Literal) -> bool:
    """Whether a literal is surely a value of its own datatype (HermiT reads every one)."""
    if getattr(literal, "ill_typed", False):
        return False
    dt = literal.datatype
    if dt in (None, XSD.string, RDF.langString):
        return _NOT_XML_CHAR.search(str(literal)) is None
    pattern = _LEXICAL.get(dt)
    return pattern is not None and pattern.fullmatch(str(literal).strip(" \t\n\r")) is not None


def _decimal(literal: Literal) -> Decimal | None:
    if literal.datatype not in XSD_INTEGERS | {XSD.decimal}:
        return None
    try:
        return Decimal(str(literal).strip(" \t\n\r"))
    except InvalidOperation:
        return None


def _member(literal: Literal, datatype: _Range) -> bool:
    """Whether a (well-typed) literal is surely a value of the datatype; False when unsure."""
    dt, language = literal.datatype, literal.language
    if isinstance(datatype, _Restricted):
        value = _decimal(literal)
        if value is None or not _member(literal, datatype.base):
            return False
        for facet, bound in datatype.facets:
            if (
                (facet == XSD.minInclusive and not value >= bound)
                or (facet == XSD.maxInclusive and not value <= bound)
                or (facet == XSD.minExclusive and not value > bound)
                or (facet == XSD.maxExclusive and not value < bound)
            ):
                return False
        return True
    if datatype == RDFS.Literal:
        return True
    if datatype == XSD.string:
        return language is None and dt in (None, XSD.string)
    if datatype == RDF.PlainLiteral:
        return dt in (None, XSD.string, RDF.langString)
    if datatype == RDF.langString:
        return language is not None
    if datatype == XSD.decimal:
        return dt in XSD_INTEGERS | {XSD.decimal}
    if datatype == XSD.integer:
        return dt in XSD_INTEGERS
    if datatype in (XSD.nonNegativeInteger, XSD.positiveInteger):
        value = _decimal(literal)
        least = 0 if datatype == XSD.nonNegativeInteger else 1
        return dt in XSD_INTEGERS and value is not None and value >= least
    if datatype in (XSD.boolean, XSD.dateTime):
        return dt == datatype
    return False


def _verify(
    schema: Schema,
    sets: _Sets,
    types: dict[Node, set[Node]],
    objects: set[tuple[Node, Node, Node]],
    values: set[tuple[Node, Node, Literal]],
) -> None:
    for node, classes in types.items():
        if any(str(c).startswith(_RESERVED) and c != OWL.Thing for c in classes):
            raise _Undecided(f"{node} is typed with a built-in class or datatype")
        for pair in schema.disjoint:
            if pair <= classes:
                raise _Undecided(f"{node} is of two disjoint classes")
        for cls in classes:
            members = schema.enumerations.get(cls)
            if members is not None and node not in {sets.find(m) for m in members}:
                raise _Undecided(f"{node} is a {cls} but none of its members")
            parts = schema.covers.get(cls)
            if parts is not None and not parts & classes:
                raise _Undecided(f"{node} is a {cls} but none of its parts")
    for group in schema.different:
        if len({sets.find(m) for m in group}) != len(group):
            raise _Undecided("two different individuals are made one")
    for s, p, o in objects:
        for expressions, node in ((schema.domains, s), (schema.ranges, o)):
            for expression in expressions.get(p, ()):
                if isinstance(expression, tuple) and not set(expression) & types[sets.find(node)]:
                    raise _Undecided(f"{node} is in none of the classes of a union")
                if isinstance(expression, _Restricted):
                    raise _Undecided("a datatype as the range of an object property")
    data_values: dict[tuple[Node, Node], set[Literal]] = defaultdict(set)
    for s, p, value in values:
        data_values[(sets.find(s), p)].add(value)
        for expression in schema.domains.get(p, ()):
            if isinstance(expression, tuple) and not set(expression) & types[sets.find(s)]:
                raise _Undecided(f"{s} is in none of the classes of a union")
        for expression in schema.ranges.get(p, ()):
            if isinstance(expression, tuple) or not _member(value, expression):
                raise _Undecided(f"{value.n3()} is not surely in the range of {p}")
        for cls in types[sets.find(s)]:
            for prop, filler in schema.only.get(cls, ()):
                if prop == p and not (isinstance(filler, URIRef) and _member(value, filler)):
                    raise _Undecided(f"{value.n3()} is not surely a {filler}")
    for (_node, p), literals in data_values.items():
        if p in schema.functional and len(literals) > 1:
            raise _Undecided(f"several values of the functional {p}")
    pairs = {(sets.find(s), p, sets.find(o)) for s, p, o in objects}
    for p1, p2 in schema.disjoint_props:
        if any((s, p2, o) in pairs for s, p, o in pairs if p == p1):
            raise _Undecided(f"one pair related by the disjoint {p1} and {p2}")
        if {n for n, p in data_values if p == p1} & {n for n, p in data_values if p == p2}:
            raise _Undecided(f"values of both the disjoint {p1} and {p2}")


def has_model(schema: Schema, ontology: Graph, data: Iterable[tuple[Node, Node, Node]]) -> bool:
    """Whether the least interpretation of the ontology and the data is a model of both.

    Parameters
    ----------
    schema : Schema
        The ontology's axioms (:func:`compile_schema`).
    ontology : rdflib.Graph
        The ontology itself: triples of the data that are in it are not data.
    data : iterable of triples
        The data (for toulmin, a determination's triples with the literals HermiT cannot
        read already taken out; every literal well-typed).

    Returns
    -------
    bool
        True: the ontology with the data is consistent (a model was built and every axiom
        holds in it). False: undecided (ask a complete reasoner); never "inconsistent".
    """
    added = [*schema.property_assertions, *(t for t in data if t not in ontology)]
    try:
        asserted, objects, values = _assertions(schema, added)
        sets = _Sets()
        _merge_functional(schema, sets, objects)
        types = _least_types(schema, sets, asserted, objects, values)
        _verify(schema, sets, types, objects, values)
    except _Undecided:
        return False
    return True
