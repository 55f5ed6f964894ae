"""OWL consistency of a determination graph: HermiT, its cached verdict, a model check.

HermiT (:mod:`toulmin.ontology.hermit`, its own Java process) decides whether the
ontology together with a determination has a model. Its verdict on the ontology alone
is established once per ontology and reasoner version and cached
(:func:`ontology_consistency`, :mod:`toulmin.ontology.cache`). What a determination adds
is, in toulmin's fragment, only assertions about individuals; for those
:mod:`toulmin.ontology.owl_model` builds the least interpretation and checks every axiom
in it, which shows consistency without a Java process. Whatever that does not show goes
to HermiT, so an inconsistency is always HermiT's finding. HermiT only says *that* a
graph is inconsistent, so :func:`check_consistency` adds ``hints``: toulmin's own
diagnosis of the usual causes (a node of two disjoint kinds, two values of a functional
property such as two outcomes of one decision, a value outside its datatype or
enumeration), with IRIs and local ids.

The ontology and the data are merged with rdflib and written as N-Triples for HermiT.
Literals whose datatype is outside the OWL 2 datatype map (``xsd:date``, ``xsd:gYear``,
...) make HermiT stop with an error; they are left out of the reasoner's input and
listed in ``skipped`` (the SHACL shapes check them instead).

Imports: rdflib; :mod:`toulmin.errors`, and the ontology modules named above and
:mod:`toulmin.ontology.validate` (the ontology graph).

Examples
--------
>>> report = check_consistency()
>>> report.consistent
True
"""

from __future__ import annotations

import functools
import os
import shutil
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import OWL, RDF, RDFS, XSD, BNode, ConjunctiveGraph, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from toulmin.errors import ConfigurationError, MissingToolError
from toulmin.ontology.cache import cache_key, read_record, write_record
from toulmin.ontology.hermit import reasoner_version, run_hermit
from toulmin.ontology.namespace import TLM, TOULMIN_NS
from toulmin.ontology.owl_model import XSD_INTEGERS, Schema, compile_schema, has_model
from toulmin.ontology.validate import ONTOLOGY_PATH, load_ontology, shared_ontology

__all__ = [
    "OWL2_DATATYPES",
    "ConsistencyReport",
    "check_consistency",
    "find_java",
    "ontology_consistency",
]

_INSTALL_JAVA = "run `make java` (or `apt-get install -y default-jre-headless`)"


_DECIMALS = XSD_INTEGERS | {XSD.decimal}
_STRINGS = frozenset(
    XSD[n] for n in ["string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN"]
)

#: Datatypes of the OWL 2 datatype map (plus rdf:langString for RDF 1.1 language-tagged
#: strings): the literals HermiT accepts.
OWL2_DATATYPES: frozenset[URIRef] = (
    frozenset(
        [RDF.PlainLiteral, RDF.XMLLiteral, RDF.langString, RDFS.Literal, OWL.real, OWL.rational]
    )
    | _DECIMALS
    | _STRINGS
    | frozenset(
        XSD[n]
        for n in [
            "double",
            "float",
            "boolean",
            "hexBinary",
            "base64Binary",
            "anyURI",
            "dateTime",
            "dateTimeStamp",
        ]
    )
)

#: ``ConsistencyReport.method`` when the model check decided
_MODEL = "model check (the ontology by cached HermiT)"


@dataclass(frozen=True)
class ConsistencyReport:
    """The result of one consistency check.

    Parameters
    ----------
    consistent : bool
        True when the ontology together with the data has a model.
    explanation : str
        HermiT's own message when inconsistent (it names no axioms), else ``""``.
    hints : tuple of str
        toulmin's diagnosis of likely causes when inconsistent: each names the node
        (IRI and local id), the property or classes involved and what to change.
    command : tuple of str
        The Java command that ran HermiT (the temporary input file no longer exists);
        empty when no Java process ran (the model check decided).
    skipped : tuple of str
        Literals left out of HermiT's input because their datatype is outside the OWL 2
        datatype map, as ``<subject> <predicate> "value"^^<datatype>``.
    seconds : float
        Wall-clock time of the HermiT run or of the model check (not compared).
    method : str
        What decided: ``"HermiT"``, ``"cached HermiT"`` (the ontology alone, from the
        cache) or the model check (not compared: the verdict is the same).
    """

    consistent: bool
    explanation: str = ""
    hints: tuple[str, ...] = ()
    command: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    seconds: float = field(default=0.0, compare=False)
    method: str = field(default="HermiT", compare=False)

    def __str__(self) -> str:
        if self.consistent:  # a cached verdict is HermiT's too
            by = "HermiT" if self.method == "cached HermiT" else self.method
            return f"consistent ({by})"
        lines = [f"inconsistent (HermiT: {self.explanation or 'no message'})"]
        lines += [f"  - {hint}" for hint in self.hints]
        return "\n".join(lines)


def find_java(java: str | os.PathLike[str] | None = None) -> str:
    """The Java executable to run HermiT with.

    Looked up in this order: the ``java`` argument, ``$JAVA_HOME/bin/java``, ``java`` on
    the ``PATH``.

    Parameters
    ----------
    java : str or path, optional
        An explicit executable (a path, or a name looked up on the ``PATH``).

    Returns
    -------
    str
        The absolute path of the executable.

    Raises
    ------
    MissingToolError
        When no Java runtime is found; the message says how to install one.

    Examples
    --------
    >>> find_java("/nonexistent/java")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    toulmin.errors.MissingToolError: Java runtime '/nonexistent/java' not found ...
    """
    if java is not None:
        found = shutil.which(os.fspath(java))
        if found is None:
            raise MissingToolError(
                f"Java runtime '{os.fspath(java)}' not found or not executable: give the "
                f"path of a java executable, or {_INSTALL_JAVA}."
            )
        return os.path.abspath(found)
    home = os.environ.get("JAVA_HOME")
    if home:
        candidate = Path(home) / "bin" / "java"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("java")
    if found is None:
        raise MissingToolError(
            "OWL reasoning (HermiT) needs a Java runtime, and none was found "
            f"($JAVA_HOME/bin/java, java on the PATH): {_INSTALL_JAVA}."
        )
    return os.path.abspath(found)


# --- preparing the input ------------------------------------------------------------


def _data_triples(data: Graph) -> set[tuple[Node, Node, Node]]:
    """Every triple of the data (a Dataset: of all its graphs), without ``owl:imports``."""
    triples: Iterable[tuple[Node, Node, Node]]
    if isinstance(data, ConjunctiveGraph):  # a Dataset too: every named graph
        triples = ((s, p, o) for s, p, o, _graph in data.quads((None, None, None, None)))
    else:
        triples = data.triples((None, None, None))
    return {t for t in triples if t[1] != OWL.imports}  # no network: self-contained


def _merge(data: Graph | None) -> Graph:
    graph = load_ontology()
    if data is None:
        return graph
    for triple in _data_triples(data):
        graph.add(triple)
    return graph


def _is_ill_typed(literal: Literal) -> bool:
    return bool(getattr(literal, "ill_typed", False))


def _triple_text(s: Node, p: Node, o: Literal) -> str:
    # Literal.n3() warns about ill-typed numbers; write the literal out by hand.
    text = str(o).replace("\\", "\\\\").replace('"', '\\"')
    return f'{s.n3()} {p.n3()} "{text}"^^<{o.datatype}>'


def _unreadable(
    triples: Iterable[tuple[Node, Node, Node]],
) -> tuple[list[tuple[Node, Node, Node]], list[tuple[Node, Node, Node]]]:
    """The triples with a literal HermiT cannot read: outside the datatype map; ill-typed."""
    skipped: list[tuple[Node, Node, Node]] = []
    ill_typed: list[tuple[Node, Node, Node]] = []
    for s, p, o in triples:
        if not isinstance(o, Literal) or o.datatype is None:
            continue
        if o.datatype not in OWL2_DATATYPES:
            skipped.append((s, p, o))
        elif _is_ill_typed(o):
            ill_typed.append((s, p, o))
    return skipped, ill_typed


def _texts(triples: Iterable[tuple[Node, Node, Node]]) -> list[str]:
    return sorted(_triple_text(s, p, o) for s, p, o in triples if isinstance(o, Literal))


def _split_literals(graph: Graph) -> tuple[Graph, list[str], list[str]]:
    """Remove literals HermiT cannot read; return the graph, skipped and ill-typed ones."""
    skipped, ill_typed = _unreadable(graph)
    for triple in skipped + ill_typed:
        graph.remove(triple)
    return graph, _texts(skipped), _texts(ill_typed)


# --- HermiT, the cached verdict on the ontology, the model check ----------------------

#: what a cached verdict depends on besides the ontology file and the reasoner: this
#: module's preparation of HermiT's input (raise it when that changes)
_PREPARATION = "toulmin-owl-input-1"


def _ntriples(graph: Graph) -> bytes:
    return graph.serialize(format="nt").encode("utf-8")


def _ontology_key() -> str:
    return cache_key(
        "owl-consistency", _PREPARATION, ONTOLOGY_PATH.read_bytes(), reasoner_version()
    )


def _report_record(report: ConsistencyReport) -> dict[str, Any]:
    return {
        "consistent": report.consistent,
        "explanation": report.explanation,
        "hints": list(report.hints),
        "command": list(report.command),
        "skipped": list(report.skipped),
        "seconds": report.seconds,
    }


def _record_report(record: dict[str, Any]) -> ConsistencyReport | None:
    try:
        return ConsistencyReport(
            consistent=bool(record["consistent"]),
            explanation=str(record["explanation"]),
            hints=tuple(str(h) for h in record["hints"]),
            command=tuple(str(c) for c in record["command"]),
            skipped=tuple(str(s) for s in record["skipped"]),
            seconds=float(record["seconds"]),
            method="cached HermiT",
        )
    except (KeyError, TypeError, ValueError):
        return None


def ontology_consistency(
    *, java: str | os.PathLike[str] | None = None, timeout: float | None = 300.0
) -> ConsistencyReport:
    """HermiT's verdict on the ontology alone, run once per ontology and reasoner version.

    The verdict is cached (see :mod:`toulmin.ontology.cache`) under a key that hashes the
    ontology file, HermiT's jar and the way the input is prepared: a changed ontology is
    reasoned over again. ``TOULMIN_NO_CACHE=1`` runs HermiT every time.

    Examples
    --------
    >>> ontology_consistency().consistent
    True
    """
    key = _ontology_key()
    record = read_record(key)
    cached = None if record is None else _record_report(record)
    if cached is not None:
        return cached
    report = _hermit_report(None, find_java(java), timeout)
    write_record(key, _report_record(report))
    return report


@functools.cache
def _schema() -> Schema | None:
    return compile_schema(shared_ontology())


@functools.cache
def _ontology_unreadable() -> tuple[tuple[Node, Node, Node], ...]:
    skipped, ill_typed = _unreadable(shared_ontology())
    return tuple(skipped + ill_typed)


def _model_report(data: Graph) -> ConsistencyReport | None:
    """The model check's report on a data graph: None when it shows nothing."""
    schema = _schema()
    if schema is None:
        return None
    start = time.perf_counter()
    triples = _data_triples(data)
    skipped, ill_typed = _unreadable(triples)
    if ill_typed or _ontology_unreadable():
        return None  # HermiT's message and the hints are needed, or the ontology is unusual
    readable = triples.difference(skipped)
    if not has_model(schema, shared_ontology(), readable):
        return None
    return ConsistencyReport(
        consistent=True,
        skipped=tuple(_texts(skipped)),
        seconds=time.perf_counter() - start,
        method=_MODEL,
    )


def _hermit_report(data: Graph | None, executable: str, timeout: float | None) -> ConsistencyReport:
    graph, skipped, ill_typed = _split_literals(_merge(data))
    run = run_hermit(_ntriples(graph), executable, timeout)
    return _report(graph, run.consistent, run.message, run.command, skipped, ill_typed, run.seconds)


def _report(
    graph: Graph,
    consistent: bool,
    message: str,
    command: tuple[str, ...],
    skipped: list[str],
    ill_typed: list[str],
    seconds: float,
    method: str = "HermiT",
) -> ConsistencyReport:
    hints: list[str] = []
    if ill_typed:
        consistent = False
        message = message or "ill-typed literals"
        hints += [
            f"ill-typed literal (its text is not a value of its datatype): {t}" for t in ill_typed
        ]
    if not consistent:
        hints += _diagnose(graph)
    return ConsistencyReport(
        consistent=consistent,
        explanation="" if consistent else message,
        hints=tuple(hints),
        command=command,
        skipped=tuple(skipped),
        seconds=seconds,
        method=method,
    )


def check_consistency(
    data: Graph | None = None,
    *,
    java: str | os.PathLike[str] | None = None,
    timeout: float | None = 300.0,
    reasoner: str = "auto",
) -> ConsistencyReport:
    """Check the ontology, together with a data graph, for OWL consistency.

    With ``reasoner="auto"`` (the default) the ontology's own consistency is HermiT's
    cached verdict (:func:`ontology_consistency`), and a data graph is first given to
    :func:`toulmin.ontology.owl_model.has_model`: when the least interpretation of the
    ontology and the data is a model, the graph is consistent without a Java process.
    Every other graph (a model is not found, an ill-typed literal, an ontology HermiT
    found inconsistent) goes to HermiT, which alone ever says "inconsistent", so the
    verdicts, messages and hints are HermiT's. ``reasoner="hermit"`` runs HermiT on the
    whole graph every time (no cache, no model check).

    Parameters
    ----------
    data : rdflib.Graph, optional
        The asserted graph of one or more determinations (all triples of a Dataset are
        used). Without data, the ontology alone is checked.
    java : str or path, optional
        The Java executable; by default ``$JAVA_HOME/bin/java`` or ``java`` on the PATH.
        It is needed even when no Java process runs (a reasoner that might be needed
        must be installed).
    timeout : float or None
        Seconds HermiT may run (None: no limit).
    reasoner : {"auto", "hermit"}
        Whether the cached verdict and the model check may answer (``"auto"``).

    Returns
    -------
    ConsistencyReport
        ``consistent``, HermiT's ``explanation`` and toulmin's ``hints`` when not, the
        Java ``command`` used (empty when no Java process ran), the ``skipped`` literals
        and the ``method`` that decided. Ill-typed literals (such as
        ``"abc"^^xsd:decimal``) make the graph inconsistent; they are reported in the
        hints.

    Raises
    ------
    MissingToolError
        No Java runtime (the message says how to install one).
    BadInputError
        HermiT cannot process the graph (for example, it is not OWL 2 DL).
    ConfigurationError
        HermiT ran longer than ``timeout``; or ``reasoner`` is neither auto nor hermit.

    Examples
    --------
    >>> check_consistency().consistent  # doctest: +SKIP
    True
    """
    if reasoner not in ("auto", "hermit"):
        raise ConfigurationError(f"reasoner must be 'auto' or 'hermit', not {reasoner!r}.")
    executable = find_java(java)
    if reasoner == "hermit":
        return _hermit_report(data, executable, timeout)
    if data is None:
        return ontology_consistency(java=executable, timeout=timeout)
    if ontology_consistency(java=executable, timeout=timeout).consistent:
        report = _model_report(data)
        if report is not None:
            return report
    return _hermit_report(data, executable, timeout)


# --- diagnosis: the usual causes of an inconsistency ---------------------------------


def _name(graph: Graph, node: Node) -> str:
    if isinstance(node, Literal):
        return node.n3()
    if isinstance(node, URIRef) and str(node).startswith(TOULMIN_NS):
        return "tlm:" + str(node)[len(TOULMIN_NS) :]
    local = graph.value(node, TLM.localId)
    text = str(node) if isinstance(node, URIRef) else f"_:{node}"
    return f"{text} (local id '{local}')" if local is not None else text


def _members(graph: Graph, head: Node | None) -> list[Node]:
    return [] if head is None else list(Collection(graph, head))


class _Schema:
    """The parts of the ontology the diagnosis needs, read once per graph."""

    def __init__(self, graph: Graph) -> None:
        self.supers: dict[Node, set[Node]] = defaultdict(set)
        for sub, sup in graph.subject_objects(RDFS.subClassOf):
            if isinstance(sup, URIRef):
                self.supers[sub].add(sup)
        self.disjoint: set[frozenset[Node]] = set()
        for a, b in graph.subject_objects(OWL.disjointWith):
            self.disjoint.add(frozenset((a, b)))
        for node in graph.subjects(RDF.type, OWL.AllDisjointClasses):
            self._pairs(_members(graph, graph.value(node, OWL.members)))
        for _union, parts in graph.subject_objects(OWL.disjointUnionOf):
            self._pairs(_members(graph, parts))
        self.enumerations: dict[Node, set[Node]] = {}
        for enumerated, equivalent in graph.subject_objects(OWL.equivalentClass):
            listed = graph.value(equivalent, OWL.oneOf)
            if listed is not None:
                self.enumerations[enumerated] = set(_members(graph, listed))
        self.domains = {
            p: d for p, d in graph.subject_objects(RDFS.domain) if isinstance(d, URIRef)
        }
        self.ranges = dict(graph.subject_objects(RDFS.range))
        # properties whose domain (or range) is a union of classes: p -> the classes
        self.union_domains: dict[Node, list[Node]] = {}
        self.union_ranges: dict[Node, list[Node]] = {}
        for target, predicate in (
            (self.union_domains, RDFS.domain),
            (self.union_ranges, RDFS.range),
        ):
            for prop, declared in graph.subject_objects(predicate):
                union = graph.value(declared, OWL.unionOf) if isinstance(declared, BNode) else None
                if union is not None:
                    target[prop] = _members(graph, union)
        self.only: list[tuple[Node, Node, Node]] = []  # (class, property, allValuesFrom)
        for restricted, restriction in graph.subject_objects(RDFS.subClassOf):
            on = graph.value(restriction, OWL.onProperty)
            filler = graph.value(restriction, OWL.allValuesFrom)
            if on is not None and isinstance(filler, URIRef):
                self.only.append((restricted, on, filler))
        self.functional = set(graph.subjects(RDF.type, OWL.FunctionalProperty))
        self.object_props = set(graph.subjects(RDF.type, OWL.ObjectProperty))
        self.data_props = set(graph.subjects(RDF.type, OWL.DatatypeProperty))
        self.disjoint_props = list(graph.subject_objects(OWL.propertyDisjointWith))

    def _pairs(self, classes: list[Node]) -> None:
        for i, a in enumerate(classes):
            for b in classes[i + 1 :]:
                self.disjoint.add(frozenset((a, b)))

    def excludes(self, classes: set[Node], cls: Node) -> bool:
        """Whether something of all ``classes`` (a closed set) cannot be a ``cls``."""
        return any(
            frozenset((have, other)) in self.disjoint
            for have in classes
            for other in self.closure([cls])
        )

    def closure(self, classes: Iterable[Node]) -> set[Node]:
        seen: set[Node] = set()
        todo = list(classes)
        while todo:
            cls = todo.pop()
            if cls not in seen:
                seen.add(cls)
                todo.extend(self.supers.get(cls, ()))
        return seen


def _types(graph: Graph, schema: _Schema) -> dict[Node, set[Node]]:
    """Named classes of each node: asserted, from domains and ranges, from 'only' rules."""
    types: dict[Node, set[Node]] = defaultdict(set)
    for node, cls in graph.subject_objects(RDF.type):
        if isinstance(cls, URIRef) and not str(cls).startswith(str(OWL)):
            types[node].add(cls)
    for s, p, o in graph:
        if p in schema.domains:
            types[s].add(schema.domains[p])
        rng = schema.ranges.get(p)
        if isinstance(rng, URIRef) and p in schema.object_props and not isinstance(o, Literal):
            types[o].add(rng)
    changed = True
    while changed:
        changed = False
        for node in list(types):
            closed = schema.closure(types[node])
            if closed != types[node]:
                types[node] = closed
                changed = True
            for cls, prop, filler in schema.only:
                if cls in closed:
                    for value in graph.objects(node, prop):
                        if filler not in types[value]:
                            types[value].add(filler)
                            changed = True
    return types


def _literal_fits(literal: Literal, datatype: Node, graph: Graph) -> bool:
    """Whether a literal is a value of a (possibly restricted) datatype, approximately."""
    if isinstance(datatype, BNode):
        base = graph.value(datatype, OWL.onDatatype)
        if base is None or not _literal_fits(literal, base, graph):
            return False
        value = literal.toPython()
        for facet in _members(graph, graph.value(datatype, OWL.withRestrictions)):
            for kind, bound in graph.predicate_objects(facet):
                number = Decimal(str(bound)) if isinstance(bound, Literal) else None
                if number is None or not isinstance(value, int | Decimal):
                    continue
                if kind == XSD.minInclusive and value < number:
                    return False
                if kind == XSD.maxInclusive and value > number:
                    return False
        return True
    dt = literal.datatype
    if datatype in (RDFS.Literal, None):
        return True
    if datatype == RDF.PlainLiteral:
        return dt is None or dt in _STRINGS or dt == RDF.langString
    if datatype == XSD.string:
        return (dt is None and literal.language is None) or dt in _STRINGS
    if datatype == XSD.decimal:
        return dt in _DECIMALS
    if datatype == XSD.integer:
        return dt in XSD_INTEGERS
    if datatype in (XSD.positiveInteger, XSD.nonNegativeInteger):
        if dt not in XSD_INTEGERS:
            return False
        value = literal.toPython()
        minimum = 1 if datatype == XSD.positiveInteger else 0
        return isinstance(value, int) and value >= minimum
    if datatype == XSD.dateTime:
        return dt in (XSD.dateTime, XSD.dateTimeStamp)
    return dt == datatype


_KINDS = frozenset(TLM[name] for name in TLM.__annotations__ if name[:1].isupper())


def _diagnose(graph: Graph) -> list[str]:
    """Likely causes of an inconsistency, one sentence each, in a stable order."""
    schema = _Schema(graph)
    types = _types(graph, schema)
    hints: set[str] = set()
    for node, classes in types.items():
        if isinstance(node, Literal):
            continue
        for pair in schema.disjoint:
            if pair <= classes:
                a, b = sorted(_name(graph, c) for c in pair)
                hints.add(
                    f"{_name(graph, node)} is both {a} and {b}, which are disjoint: check its "
                    "rdf:type and the properties that point to it or from it."
                )
        for cls, allowed in schema.enumerations.items():
            if cls in classes and isinstance(node, URIRef) and node not in allowed:
                names = ", ".join(sorted(_name(graph, m) for m in allowed))
                hints.add(
                    f"{_name(graph, node)} is used as a {_name(graph, cls)} but is not one "
                    f"of {names}."
                )
    for prop in schema.functional:
        subjects: dict[Node, set[Node]] = defaultdict(set)
        for s, o in graph.subject_objects(prop):
            subjects[s].add(o)
        for s, values in subjects.items():
            if len(values) > 1:
                names = ", ".join(sorted(_name(graph, v) for v in values))
                hints.add(
                    f"{_name(graph, s)} has {len(values)} values of {_name(graph, prop)}, "
                    f"which allows one: {names}."
                )
    for p1, p2 in schema.disjoint_props:
        for s, o in graph.subject_objects(p1):
            if (s, p2, o) in graph:
                hints.add(
                    f"{_name(graph, s)} has {_name(graph, o)} as both {_name(graph, p1)} and "
                    f"{_name(graph, p2)}, which must differ."
                )
    for s, p, o in graph:
        for node, permitted, role in (
            (s, schema.union_domains.get(p), "subject"),
            (o, schema.union_ranges.get(p), "value"),
        ):
            have: set[Node] = types.get(node, set())
            if (
                not permitted
                or not have
                or any(pair <= have for pair in schema.disjoint)  # reported above
                or not all(schema.excludes(have, cls) for cls in permitted)
            ):
                continue
            specific = [
                c
                for c in have
                if c in _KINDS and not any(c != d and c in schema.closure([d]) for d in have)
            ]
            kinds = " and ".join(sorted(_name(graph, c) for c in specific))
            names = " or ".join(sorted(_name(graph, c) for c in permitted))
            hints.add(
                f"{_name(graph, node)} is a {kinds or 'node'} but is the {role} of "
                f"{_name(graph, p)}, whose {role} must be a {names}: remove the "
                "property or fix the type."
            )
        if p in schema.object_props and isinstance(o, Literal):
            hints.add(
                f"{_name(graph, s)}: {_name(graph, p)} needs an IRI (such as tlm:Approved), "
                f"not the literal {o.n3()}."
            )
        elif p in schema.data_props and not isinstance(o, Literal):
            hints.add(f"{_name(graph, s)}: {_name(graph, p)} needs a literal, not {o}.")
        elif (
            p in schema.data_props
            and p in schema.ranges
            and isinstance(o, Literal)
            and not _literal_fits(o, schema.ranges[p], graph)
        ):
            hints.add(
                f"{_name(graph, s)}: the value {o.n3()} of {_name(graph, p)} is outside "
                "its range (see the property's definition in the ontology)."
            )
    return sorted(hints)
