"""What is loaded: input files found, read and turned into units of replacement.

Owns :class:`Unit` (the graphs replaced together: one determination, or one other
graph), :func:`discover` (files and folders -> input files), :func:`prepare_file`
(one file -> units, every problem reported, never raised; runs in worker processes,
so it never touches a store) and :func:`replace_request` (the one SPARQL Update that
replaces units). The bottom of :mod:`toulmin.graph.store`'s loading modules: imports
the layers below the store and nothing from the store itself.

Case files are validated, compiled and evaluated without an rdflib store
(:mod:`toulmin.graph.rdf.triples`) and written as N-Triples by Oxigraph's serialiser,
which checks every term; RDF files are parsed by pyoxigraph (which checks IRIs),
their literals of the XSD types toulmin writes checked
(:func:`~toulmin.graph.authoring.lexical.xsd_problem`) and their determination graph
names checked against the id rule, and grouped by graph: no ill-typed literal and no
invalid IRI reaches a store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from toulmin.errors import BadInputError, CaseFileError, Problem, ToulminError
from toulmin.graph.authoring.lexical import ID, XSD, xsd_problem
from toulmin.graph.authoring.model import Determination
from toulmin.graph.rdf.formats import FORMATS
from toulmin.graph.rdf.iris import derived_graph_iri, graph_iri
from toulmin.graph.rdf.triples import TripleSource, ntriples
from toulmin.ontology.namespace import DATA, TLM

__all__ = [
    "INPUT_FORMATS",
    "ExtraGraphs",
    "Prepared",
    "Unit",
    "determination_of",
    "discover",
    "prepare_file",
    "replace_request",
]

#: A hook that adds graphs to a determination read from a case file (e.g. its derived
#: graph): called with the parsed determination and its compiled asserted triples, it
#: returns named graphs (:class:`rdflib.Graph` or
#: :class:`~toulmin.graph.rdf.triples.NamedTriples`).
ExtraGraphs = Callable[[Determination, TripleSource], Iterable[TripleSource]]

#: File suffix -> input kind: ``"case"`` or the pyoxigraph format of an RDF file
#: (every format of :data:`~toulmin.graph.rdf.formats.FORMATS` the store loads).
INPUT_FORMATS: dict[str, str | ox.RdfFormat] = {
    ".yaml": "case",
    ".yml": "case",
    **{s: f.oxigraph for f in FORMATS.values() if f.oxigraph is not None for s in f.suffixes},
}

_DET_GRAPH = re.compile("^" + re.escape(str(DATA)) + r"(?P<det>.+)/(?P<kind>graph|derived)$")
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#: Datatypes whose lexical form is checked before an RDF file is stored.
_CHECKED_DATATYPES = frozenset(
    XSD + name for name in ("dateTime", "date", "decimal", "integer", "positiveInteger", "boolean")
)


def determination_of(graph: str) -> str | None:
    """The determination whose asserted or derived graph ``graph`` is, else ``None``.

    >>> determination_of("https://w3id.org/toulmin/d/l4-5-revision/derived")
    'l4-5-revision'
    >>> determination_of("urn:other") is None
    True
    """
    match = _DET_GRAPH.match(graph)
    return match["det"] if match else None


@dataclass
class Unit:
    """The graphs that are replaced together: one determination (or one other graph).

    Parameters
    ----------
    key : str
        The determination id, or the IRI of a graph that belongs to no determination.
    determination : str or None
        The determination id (``None`` for another graph).
    file : str
        The file it was read from.
    graphs : dict
        Graph IRI -> its triples as N-Triples text (what is written).
    drop : tuple of str
        Graph IRIs dropped first: the graphs written and, when the asserted graph is
        among them, the derived graph (computed results of an older version are stale).
    """

    key: str
    determination: str | None
    file: str
    graphs: dict[str, str]
    drop: tuple[str, ...]

    @cached_property
    def quads(self) -> int:
        """How many quads are written (one N-Triples line each)."""
        return sum(text.count("\n") for text in self.graphs.values())


@dataclass
class Prepared:
    """One input file read: its units, or the problems that kept it from loading."""

    file: str
    units: list[Unit] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """The input files under ``paths``: files as given, folders walked recursively.

    Inside a folder, files with a suffix of :data:`INPUT_FORMATS` are taken, in sorted
    order; hidden files and folders (``.name``) are skipped. A file given by name must
    have one of those suffixes.

    Returns
    -------
    files : list of Path
    problems : list of Problem
        Paths that do not exist or that cannot be loaded.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in INPUT_FORMATS
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            files.extend(found)
        elif path.is_file():
            if path.suffix.lower() in INPUT_FORMATS:
                files.append(path)
            else:
                kinds = ", ".join(INPUT_FORMATS)
                problems.append(Problem(str(path), None, "", f"not a file to load (use {kinds})"))
        else:
            problems.append(Problem(str(path), None, "", "no such file or folder"))
    return list(dict.fromkeys(files)), problems


def _check_iri(value: str, file: str) -> str:
    try:
        ox.NamedNode(value)
    except ValueError as err:
        raise BadInputError(f"{file}: invalid graph name <{value}>: {err}") from None
    return value


def _case_units(path: Path, extra_graphs: ExtraGraphs | None) -> list[Unit]:
    from toulmin.graph.authoring.casefile import load_case
    from toulmin.graph.rdf.compile import compile_triples

    det = load_case(path)
    asserted = compile_triples(det)
    graphs = {str(asserted.identifier): ntriples(asserted)}
    if extra_graphs is not None:
        for extra in extra_graphs(det, asserted):
            name = _check_iri(str(extra.identifier), str(path))
            text = ntriples(extra)
            graphs[name] = graphs.get(name, "") + text
    drop = {str(graph_iri(det.id)), str(derived_graph_iri(det.id)), *graphs}
    return [Unit(det.id, det.id, str(path), graphs, tuple(sorted(drop)))]


def _rdf_units(path: Path, fmt: ox.RdfFormat) -> list[Unit]:
    file = str(path)
    groups: dict[str, list[ox.Triple]] = {}
    default: list[ox.Triple] = []
    for quad in ox.parse(path=path, format=fmt, rename_blank_nodes=True):
        obj = quad.object
        if isinstance(obj, ox.Literal) and obj.datatype.value in _CHECKED_DATATYPES:
            problem = xsd_problem(obj.value, obj.datatype.value)
            if problem is not None:
                raise BadInputError(
                    f"{file}: an ill-typed literal, {problem}, "
                    f"in <{quad.subject}> <{quad.predicate.value}>: nothing of this file is stored"
                )
        name = quad.graph_name
        if isinstance(name, ox.DefaultGraph):
            default.append(quad.triple)
        elif isinstance(name, ox.NamedNode):
            groups.setdefault(name.value, []).append(quad.triple)
        else:
            raise BadInputError(f"{file}: a graph named by a blank node cannot be stored")
    if default:
        dets = {
            t.subject.value[len(str(DATA)) :]
            for t in default
            if t.predicate.value == _RDF_TYPE
            and t.object == ox.NamedNode(str(TLM.Determination))
            and isinstance(t.subject, ox.NamedNode)
            and t.subject.value.startswith(str(DATA))
        }
        if len(dets) != 1:
            found = "no" if not dets else f"{len(dets)}"
            raise BadInputError(
                f"{file}: triples outside a named graph are stored as a determination's graph, "
                f"so they must describe exactly one tlm:Determination (found {found}); "
                "use N-Quads or TriG with named graphs d:{id}/graph for several"
            )
        groups.setdefault(str(graph_iri(dets.pop())), []).extend(default)
    by_key: dict[str, tuple[str | None, dict[str, str]]] = {}
    for name, triples in groups.items():
        det = determination_of(name)
        if det is not None and not ID.fullmatch(det):
            raise BadInputError(
                f"{file}: the graph <{name}> names the determination {det!r}, which is not "
                "an id (a letter, then letters, digits, '_', '.', '-'; docs/case-format.md)"
            )
        key = name if det is None else det
        text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        by_key.setdefault(key, (det, {}))[1][name] = (text or b"").decode("utf-8")
    units = []
    for key, (det, graphs) in by_key.items():
        drop = set(graphs)
        if det is not None and str(graph_iri(det)) in graphs:
            drop.add(str(derived_graph_iri(det)))
        units.append(Unit(key, det, file, graphs, tuple(sorted(drop))))
    return units


def prepare_file(path: Path, extra_graphs: ExtraGraphs | None = None) -> Prepared:
    """Read one input file into units; every problem is caught and reported, never raised.

    Runs in worker processes during :func:`~toulmin.graph.store.load.load`, so it must
    not touch the store.
    """
    file = str(path)
    kind = INPUT_FORMATS.get(path.suffix.lower())
    try:
        if kind == "case":
            return Prepared(file, _case_units(path, extra_graphs))
        if isinstance(kind, ox.RdfFormat):
            return Prepared(file, _rdf_units(path, kind))
        return Prepared(file, problems=[Problem(file, None, "", "unknown file type")])
    except CaseFileError as err:
        return Prepared(file, problems=list(err.problems))
    except SyntaxError as err:
        reason = str(err.msg or err)
        return Prepared(file, problems=[Problem(file, err.lineno, "", f"not valid RDF: {reason}")])
    except ToulminError as err:
        message = str(err).removeprefix(f"{file}: ")
        return Prepared(file, problems=[Problem(file, None, "", message)])
    except Exception as err:  # a hook or a parser failed: report the file, keep loading
        return Prepared(file, problems=[Problem(file, None, "", f"{type(err).__name__}: {err}")])


def replace_request(units: Sequence[Unit]) -> str:
    r"""The one SPARQL Update request that replaces ``units`` (all or nothing).

    >>> u = Unit("x", "x", "x.ttl", {"urn:g": "<urn:s> <urn:p> <urn:o> .\n"}, ("urn:g",))
    >>> print(replace_request([u]))
    DROP SILENT GRAPH <urn:g> ;
    INSERT DATA {
    GRAPH <urn:g> {
    <urn:s> <urn:p> <urn:o> .
    }
    }
    """
    drops = " ;\n".join(f"DROP SILENT GRAPH <{g}>" for u in units for g in u.drop)
    body = "".join(f"GRAPH <{g}> {{\n{text}}}\n" for u in units for g, text in u.graphs.items())
    return f"{drops} ;\nINSERT DATA {{\n{body}}}"
