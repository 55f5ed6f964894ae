"""OWL consistency of a determination graph with HermiT (through owlready2).

The ontology and the data are merged with rdflib, written as N-Triples (owlready2 does
not parse Turtle) and loaded into a private :class:`owlready2.World`; HermiT then
classifies it in a Java process. HermiT only says *that* the graph is inconsistent, so
:func:`check_consistency` adds ``hints``: toulmin's own diagnosis of the usual causes
(a node of two disjoint kinds, two values of a functional property such as two outcomes
of one decision, a value outside its datatype or enumeration), with IRIs and local ids.

Literals whose datatype is outside the OWL 2 datatype map (``xsd:date``, ``xsd:gYear``,
...) make HermiT stop with an error; they are left out of the reasoner's input and
listed in ``skipped`` (the SHACL shapes check them instead).

Examples
--------
>>> report = check_consistency()
>>> report.consistent
True
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import OWL, RDF, RDFS, XSD, BNode, ConjunctiveGraph, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from toulmin.errors import BadInputError, ConfigurationError, MissingToolError
from toulmin.ontology.namespace import TLM, TOULMIN_NS
from toulmin.ontology.validate import load_ontology

__all__ = [
    "OWL2_DATATYPES",
    "ConsistencyReport",
    "check_consistency",
    "find_java",
]

_INSTALL_JAVA = "run `make java` (or `apt-get install -y default-jre-headless`)"

_INTEGERS = frozenset(
    XSD[n]
    for n in [
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
    ]
)
_DECIMALS = _INTEGERS | {XSD.decimal}
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

_LOCK = threading.Lock()


@dataclass(frozen=True)
class ConsistencyReport:
    """The result of one HermiT run.

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
        The Java command that ran HermiT (the temporary input file no longer exists).
    skipped : tuple of str
        Literals left out of HermiT's input because their datatype is outside the OWL 2
        datatype map, as ``<subject> <predicate> "value"^^<datatype>``.
    seconds : float
        Wall-clock time of the HermiT run (not compared).
    """

    consistent: bool
    explanation: str = ""
    hints: tuple[str, ...] = ()
    command: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    seconds: float = field(default=0.0, compare=False)

    def __str__(self) -> str:
        if self.consistent:
            return "consistent (HermiT)"
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


def _merge(data: Graph | None) -> Graph:
    graph = load_ontology()
    if data is None:
        return graph
    triples: Iterable[tuple[Node, Node, Node]]
    if isinstance(data, ConjunctiveGraph):  # a Dataset too: every named graph
        triples = ((s, p, o) for s, p, o, _graph in data.quads((None, None, None, None)))
    else:
        triples = data.triples((None, None, None))
    for s, p, o in triples:
        if p != OWL.imports:  # no network: the ontology is self-contained
            graph.add((s, p, o))
    return graph


def _is_ill_typed(literal: Literal) -> bool:
    return bool(getattr(literal, "ill_typed", False))


def _triple_text(s: Node, p: Node, o: Literal) -> str:
    # Literal.n3() warns about ill-typed numbers; write the literal out by hand.
    text = str(o).replace("\\", "\\\\").replace('"', '\\"')
    return f'{s.n3()} {p.n3()} "{text}"^^<{o.datatype}>'


def _split_literals(graph: Graph) -> tuple[Graph, list[str], list[str]]:
    """Remove literals HermiT cannot read; return the graph, skipped and ill-typed ones."""
    skipped: list[str] = []
    ill_typed: list[str] = []
    removable = []
    for s, p, o in graph:
        if not isinstance(o, Literal) or o.datatype is None:
            continue
        if o.datatype not in OWL2_DATATYPES:
            skipped.append(_triple_text(s, p, o))
            removable.append((s, p, o))
        elif _is_ill_typed(o):
            ill_typed.append(_triple_text(s, p, o))
            removable.append((s, p, o))
    for triple in removable:
        graph.remove(triple)
    return graph, sorted(skipped), sorted(ill_typed)


# --- running HermiT through owlready2 -------------------------------------------------


class _SubprocessRecorder:
    """Stands in for the ``subprocess`` module inside ``owlready2.reasoning``.

    It records the command and HermiT's output (owlready2 drops the output of an
    inconsistent run) and adds a timeout; everything else is the real module.
    """

    def __init__(self, timeout: float | None) -> None:
        self.timeout = timeout
        self.command: tuple[str, ...] = ()
        self.output = b""

    def __getattr__(self, name: str) -> Any:
        return getattr(subprocess, name)

    def check_output(self, command: list[str], **kwargs: Any) -> bytes:
        self.command = tuple(command)
        if self.timeout is not None:
            kwargs.setdefault("timeout", self.timeout)
        try:
            output: bytes = subprocess.check_output(command, **kwargs)
        except subprocess.CalledProcessError as error:
            self.output = error.output or b""
            raise
        self.output = output
        return output


class _TempfileInDir:
    """Stands in for ``tempfile`` inside ``owlready2.reasoning``: files go to one directory.

    owlready2 leaves its input file behind when HermiT finds an inconsistency; writing it
    into a directory that is removed afterwards keeps /tmp clean.
    """

    def __init__(self, directory: str) -> None:
        self.NamedTemporaryFile = functools.partial(tempfile.NamedTemporaryFile, dir=directory)

    def __getattr__(self, name: str) -> Any:
        return getattr(tempfile, name)


@contextlib.contextmanager
def _patched_owlready(java: str, directory: str, recorder: _SubprocessRecorder) -> Iterator[None]:
    import owlready2
    import owlready2.reasoning as reasoning

    saved = (
        owlready2.JAVA_EXE,
        reasoning.__dict__.get("subprocess"),
        reasoning.__dict__.get("tempfile"),
    )
    owlready2.JAVA_EXE = java
    reasoning.subprocess = recorder
    reasoning.tempfile = _TempfileInDir(directory)
    try:
        yield
    finally:
        owlready2.JAVA_EXE = saved[0]
        reasoning.subprocess = saved[1]
        reasoning.tempfile = saved[2]


def _decode(output: bytes) -> str:
    return output.decode("utf-8", errors="replace").replace("\r", "")


def _hermit_message(output: str) -> str:
    """The first meaningful line of HermiT's output (its exception message)."""
    for line in output.splitlines():
        line = line.strip()
        if line and not line.startswith("at "):
            return line.split("Exception: ", 1)[-1] if "Exception: " in line else line
    return ""


def _run_hermit(
    ntriples: bytes, java: str, timeout: float | None
) -> tuple[bool, str, tuple[str, ...], float]:
    import owlready2

    recorder = _SubprocessRecorder(timeout)
    captured = io.StringIO()
    with (
        tempfile.TemporaryDirectory(prefix="toulmin-hermit-") as directory,
        _patched_owlready(java, directory, recorder),
        contextlib.redirect_stdout(captured),
        contextlib.redirect_stderr(captured),
    ):
        world = owlready2.World()
        try:
            ontology = world.get_ontology("https://w3id.org/toulmin/consistency-check")
            ontology.load(fileobj=io.BytesIO(ntriples), format="ntriples")
            start = time.perf_counter()
            try:
                owlready2.sync_reasoner(world, infer_property_values=False, debug=0)
                consistent, message = True, ""
            except owlready2.OwlReadyInconsistentOntologyError:
                consistent = False
                message = _hermit_message(_decode(recorder.output)) or "Inconsistent ontology"
            except owlready2.OwlReadyJavaError as error:
                raise BadInputError(
                    "HermiT could not reason over the graph (is it OWL 2 DL?): "
                    + _hermit_message(_decode(recorder.output) or str(error))
                ) from error
            except subprocess.TimeoutExpired as error:
                raise ConfigurationError(
                    f"HermiT did not finish within {timeout} s: raise the timeout or check "
                    "a smaller graph."
                ) from error
            except (FileNotFoundError, PermissionError) as error:
                raise MissingToolError(
                    f"cannot run the Java runtime '{java}' ({error}): {_INSTALL_JAVA}."
                ) from error
            seconds = time.perf_counter() - start
        finally:
            world.close()
    return consistent, message, recorder.command, seconds


def check_consistency(
    data: Graph | None = None,
    *,
    java: str | os.PathLike[str] | None = None,
    timeout: float | None = 300.0,
) -> ConsistencyReport:
    """Check the ontology, together with a data graph, for OWL consistency with HermiT.

    Parameters
    ----------
    data : rdflib.Graph, optional
        The asserted graph of one or more determinations (all triples of a Dataset are
        used). Without data, the ontology alone is checked.
    java : str or path, optional
        The Java executable; by default ``$JAVA_HOME/bin/java`` or ``java`` on the PATH.
    timeout : float or None
        Seconds HermiT may run (None: no limit).

    Returns
    -------
    ConsistencyReport
        ``consistent``, HermiT's ``explanation`` and toulmin's ``hints`` when not, the
        Java ``command`` used, the ``skipped`` literals. Ill-typed literals (such as
        ``"abc"^^xsd:decimal``) make the graph inconsistent; they are reported in the
        hints.

    Raises
    ------
    MissingToolError
        No Java runtime (the message says how to install one).
    BadInputError
        HermiT cannot process the graph (for example, it is not OWL 2 DL).
    ConfigurationError
        HermiT ran longer than ``timeout``.

    Examples
    --------
    >>> check_consistency().consistent
    True
    """
    executable = find_java(java)
    graph, skipped, ill_typed = _split_literals(_merge(data))
    ntriples = graph.serialize(format="nt").encode("utf-8")
    with _LOCK:  # owlready2's module globals (JAVA_EXE) are patched during the run
        consistent, message, command, seconds = _run_hermit(ntriples, executable, timeout)
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
    )


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
        return dt in _INTEGERS
    if datatype in (XSD.positiveInteger, XSD.nonNegativeInteger):
        if dt not in _INTEGERS:
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
