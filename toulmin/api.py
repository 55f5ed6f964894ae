"""The public API: what a Python script or a notebook calls (``toulmin.evaluate(...)``).

Owns the curated functions the package exports (:mod:`toulmin` re-exports them
lazily): reading a determination (:func:`load_case`, :func:`read_determination`),
asking of it what an appeals team asks (:func:`check`, :func:`evaluate`,
:func:`explain`, :func:`flip`), drawing it (:func:`argument_map`, :func:`brief`), and
working with many (:func:`open_store`, :func:`load`, :func:`query`). Every function
that takes a ``case`` takes a :class:`~toulmin.graph.authoring.model.Determination`,
or the path of a case file (YAML) or of an RDF file (Turtle, TriG, N-Quads,
N-Triples, JSON-LD) as :func:`read_determination` reads it.

The objects returned show themselves in Jupyter (``_repr_html_``): a determination as
a short summary, an evaluation as its labels table, an argument map as the
interactive map in a sandboxed frame, query rows as a table.

Layer: above :mod:`toulmin.viz`, :mod:`toulmin.queries`, :mod:`toulmin.graph.store`
and :mod:`toulmin.config`; below :mod:`toulmin.commands` and the CLI. Every import
of the layers below is made inside the function that needs it, so that
``import toulmin`` stays cheap (no rdflib, networkx, numpy, pyoxigraph or owlready2).

Examples
--------
>>> import toulmin
>>> det = toulmin.load_case("examples/l4-5-revision.yaml")
>>> ev = toulmin.evaluate(det)
>>> ev.main_label, ev.label("c-mild-not-necessary")
('in', 'out')
>>> toulmin.flip(ev).sets[0].ids
('x-imaging-answer',)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias, cast

if TYPE_CHECKING:
    import pyoxigraph as ox

    from toulmin.graph.argument.evaluate import Evaluation
    from toulmin.graph.argument.explain import Explanation
    from toulmin.graph.argument.flip import FlipResult
    from toulmin.graph.authoring.model import Determination
    from toulmin.graph.criteria.assess import Result
    from toulmin.graph.criteria.model import CriteriaSet
    from toulmin.graph.rdf.check import CheckReport
    from toulmin.graph.store.report import LoadReport
    from toulmin.graph.store.targets import SparqlTarget
    from toulmin.queries.rows import QueryRows
    from toulmin.viz.page import MapPage

__all__ = [
    "argument_map",
    "assess",
    "brief",
    "check",
    "criteria_set_for",
    "evaluate",
    "explain",
    "flip",
    "load",
    "load_case",
    "open_store",
    "query",
    "read_determination",
]

#: What a function that takes a case accepts: a determination, or the path of its file.
Case: TypeAlias = "Determination | str | Path"


def load_case(path: str | Path) -> Determination:
    """Read, validate and convert one case file (YAML).

    Parameters
    ----------
    path : str or Path
        The case file.

    Returns
    -------
    Determination

    Raises
    ------
    CaseFileError
        With every problem of the file, each with its line and path in the document.

    Examples
    --------
    >>> det = load_case("examples/l4-5-revision.yaml")
    >>> det.id, det.outcome, det.main_claim
    ('l4-5-revision', 'approved', 'c-main')
    """
    from toulmin.graph.authoring.casefile import load_case as _load_case

    return _load_case(path)


def read_determination(path: str | Path, det: str | None = None) -> Determination:
    """Read a case file (YAML) or one determination from an RDF file, by the file's suffix.

    Parameters
    ----------
    path : str or Path
        ``.yaml``/``.yml``, or ``.ttl``, ``.trig``, ``.nq``, ``.nt``, ``.jsonld``/``.json``
        (such as ``toulmin build`` writes).
    det : str, optional
        Which determination, when the RDF file holds several.

    Returns
    -------
    Determination
        From RDF: normalised (collections sorted by id), equal to the case file's
        ``normalized()``.

    Raises
    ------
    BadInputError
        When the file cannot be read, or holds no determination, or several and
        ``det`` chooses none.

    Examples
    --------
    >>> import tempfile
    >>> from toulmin.graph.rdf.compile import compile_determination
    >>> det = load_case("examples/l4-5-revision.yaml")
    >>> folder = tempfile.TemporaryDirectory()
    >>> ttl = Path(folder.name) / "case.ttl"
    >>> _ = compile_determination(det).serialize(ttl, format="turtle")
    >>> read_determination(ttl) == det.normalized()
    True
    >>> folder.cleanup()
    """
    from toulmin.graph.rdf.read import read_determination as _read

    return _read(path, det)


def _determination(case: Case, det: str | None = None) -> Determination:
    from toulmin.graph.authoring.model import Determination

    if isinstance(case, Determination):
        return case
    if isinstance(case, str | Path):
        return read_determination(case, det)
    from toulmin.errors import BadInputError

    raise BadInputError(
        f"expected a Determination or the path of a case or RDF file, got {type(case).__name__}"
    )


def check(case: Case, *, owl: bool = True, det: str | None = None) -> CheckReport:
    """Check a determination: the closed-world rules (SHACL), then OWL consistency (HermiT).

    Parameters
    ----------
    case : Determination, str or Path
        The determination, or its case or RDF file.
    owl : bool
        Also run the OWL reasoner (needs a Java runtime).
    det : str, optional
        Which determination, when an RDF file holds several.

    Returns
    -------
    CheckReport
        ``ok``, ``summary()`` and one line per problem (``lines()``).

    Examples
    --------
    >>> report = check("examples/l4-5-revision.yaml", owl=False)
    >>> report.ok, report.summary()
    (True, '0 SHACL violations, OWL not checked')
    """
    from toulmin.graph.rdf.check import check_determination

    return check_determination(_determination(case, det), owl=owl)


def evaluate(
    case: Case,
    *,
    semantics: str = "grounded",
    uncited: str = "undecided",
    det: str | None = None,
) -> Evaluation:
    """Label every statement, inference and conflict ``in`` / ``out`` / ``undecided``.

    Parameters
    ----------
    case : Determination, str or Path
        The determination, or its case or RDF file.
    semantics : str
        ``grounded`` (default), ``complete``, ``preferred`` or ``stable`` (then each
        label is the skeptical label over every labelling).
    uncited : str
        What a premise without citation is: ``undecided`` (default), ``out`` or ``assumed``.
    det : str, optional
        Which determination, when an RDF file holds several.

    Returns
    -------
    Evaluation
        ``labels``, ``reasons``, ``label(id)``, ``main_label``; in Jupyter, the labels table.

    Examples
    --------
    >>> ev = evaluate("examples/l4-5-revision.yaml")
    >>> ev.main_label, dict(ev.claims)["svc-63042"], ev.label("c-63042")
    ('in', 'c-63042', 'in')
    >>> ev.reason("c-mild-not-necessary").text.split(":")[0]
    'out'
    """
    from toulmin.graph.argument.evaluate import evaluate as _evaluate

    return _evaluate(_determination(case, det), semantics=semantics, uncited=uncited)


def explain(
    case: Case | Evaluation,
    node: str,
    *,
    semantics: str = "grounded",
    uncited: str = "undecided",
    depth: int | None = None,
    det: str | None = None,
) -> Explanation:
    """Why a statement, inference or conflict has its label, as a tree down to the citations.

    Parameters
    ----------
    case : Determination, str, Path or Evaluation
        The determination (or its file), evaluated here; or an evaluation already
        made (then citations name source ids only, not their titles).
    node : str
        A statement, inference or conflict id.
    semantics, uncited : str
        As for :func:`evaluate` (unused when ``case`` is an evaluation).
    depth : int, optional
        Unfold at most this many levels.
    det : str, optional
        Which determination, when an RDF file holds several.

    Returns
    -------
    Explanation
        A tree: ``label``, ``reason``, ``children``; ``to_dict()`` for JSON.

    Examples
    --------
    >>> tree = explain("examples/l4-5-revision.yaml", "c-mild-not-necessary", depth=1)
    >>> tree.label, [child.role for child in tree.children]
    ('out', ['failed support'])
    >>> from toulmin.graph.argument.explain import render_explanation
    >>> print(render_explanation(tree, width=200).splitlines()[0])  # doctest: +ELLIPSIS
    OUT claim c-mild-not-necessary: Decompression and instrumentation are not ...
    """
    from toulmin.graph.argument.evaluate import Evaluation
    from toulmin.graph.argument.explain import explain as _explain

    if isinstance(case, Evaluation):
        return _explain(case, node, depth=depth)
    d = _determination(case, det)
    ev = _evaluate_det(d, semantics, uncited)
    return _explain(ev, node, depth=depth, sources={s.id: s.title for s in d.sources})


def _evaluate_det(d: Determination, semantics: str, uncited: str) -> Evaluation:
    from toulmin.graph.argument.evaluate import evaluate as _evaluate

    return _evaluate(d, semantics=semantics, uncited=uncited)


def flip(
    case: Case | Evaluation,
    claim: str | None = None,
    *,
    max_size: int = 3,
    budget: int = 50_000,
    beam_width: int = 64,
    uncited: str = "undecided",
    det: str | None = None,
) -> FlipResult:
    """The minimal sets of premises, sources or answers whose defeat would flip a claim.

    For a claim that is ``in``: the sets that would take it out; for one that is not:
    the attacks to answer (or uncited premises to establish) that would bring it in.
    Grounded semantics; exhaustive up to ``budget`` evaluations, then a beam search
    whose sets are flagged ``exact=False``.

    Parameters
    ----------
    case : Determination, str, Path or Evaluation
        The determination (or its file), or its grounded evaluation.
    claim : str, optional
        A statement id (default: the main claim).
    max_size, budget, beam_width : int
        Largest set searched (3), most evaluations for the exhaustive search
        (50 000), beam width beyond it (64).
    uncited : str
        As for :func:`evaluate` (unused when ``case`` is an evaluation).
    det : str, optional
        Which determination, when an RDF file holds several.

    Returns
    -------
    FlipResult
        ``sets`` ranked by size, each with its ``levers``; ``note`` states the bound.

    Examples
    --------
    >>> result = flip("examples/l4-5-revision.yaml")
    >>> result.mode, result.sets[0].ids, result.sets[0].label
    ('defeat', ('x-imaging-answer',), 'out')
    """
    from toulmin.graph.argument.evaluate import Evaluation
    from toulmin.graph.argument.flip import flip as _flip

    source = case if isinstance(case, Evaluation) else _determination(case, det)
    return _flip(
        source, claim, max_size=max_size, budget=budget, beam_width=beam_width, uncited=uncited
    )


def argument_map(
    case: Case,
    *,
    semantics: str = "grounded",
    labels: bool = True,
    collapse_above: int | None = None,
    det: str | None = None,
) -> MapPage:
    """The interactive argument map: one self-contained, offline HTML page.

    Parameters
    ----------
    case : Determination, str or Path
        The determination, or its case or RDF file.
    semantics : str
        Semantics of the acceptability labels shown (default ``grounded``).
    labels : bool
        Evaluate and show labels, reasons and flip sets (default); ``False`` draws
        the argument alone.
    collapse_above : int, optional
        Open on a collapsed overview above this many nodes (default 400).
    det : str, optional
        Which determination, when an RDF file holds several.

    Returns
    -------
    MapPage
        ``html`` (the page), ``write(path)``; in Jupyter, the map in a sandboxed frame.

    Examples
    --------
    >>> page = argument_map("examples/l4-5-revision.yaml")
    >>> page.determination, page.html.startswith("<!DOCTYPE html>")
    ('l4-5-revision', True)
    >>> page._repr_html_().startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    True
    """
    from toulmin.viz._evaluation import evaluate_for_viz
    from toulmin.viz.html import DEFAULT_COLLAPSE_ABOVE, MapOptions, map_html
    from toulmin.viz.page import MapPage

    d = _determination(case, det)
    options = MapOptions(
        collapse_above=DEFAULT_COLLAPSE_ABOVE if collapse_above is None else collapse_above
    )
    ev = evaluate_for_viz(d, semantics=semantics) if labels else False
    return MapPage(d.id, d.title, map_html(d, options, evaluation=ev))


def brief(
    case: Case,
    *,
    fmt: str = "md",
    semantics: str = "grounded",
    labels: bool = True,
    det: str | None = None,
) -> str:
    """The appeal brief: per service line the decision, criteria, evidence and answers.

    Parameters
    ----------
    case : Determination, str or Path
        The determination, or its case or RDF file.
    fmt : {"md", "html"}
        Markdown (default) or a self-contained HTML page.
    semantics : str
        Semantics of the labels the brief reports (default ``grounded``).
    labels : bool
        Evaluate (labels, weak points, flip sets); ``False`` writes the argument alone.
    det : str, optional
        Which determination, when an RDF file holds several.

    Returns
    -------
    str
        The brief's text.

    Raises
    ------
    BadInputError
        For a format other than ``md`` or ``html``.

    Examples
    --------
    >>> text = brief("examples/l4-5-revision.yaml")
    >>> text.startswith("# ")
    True
    """
    from toulmin.errors import BadInputError
    from toulmin.viz._evaluation import evaluate_for_viz
    from toulmin.viz.brief import brief_html, brief_markdown

    if fmt not in ("md", "html"):
        raise BadInputError(f"unknown brief format '{fmt}'; choose md or html")
    d = _determination(case, det)
    ev = evaluate_for_viz(d, semantics=semantics) if labels else False
    return brief_markdown(d, evaluation=ev) if fmt == "md" else brief_html(d, evaluation=ev)


def open_store(path: str | Path, *, read_only: bool = False) -> ox.Store:
    """Open (or create) the on-disk store in a directory, as ``toulmin load`` uses it.

    A writable store is locked by this process until it is closed (deleted); open it
    ``read_only`` to query a store that a ``toulmin serve`` or another process uses.

    Parameters
    ----------
    path : str or Path
        The store directory (created when missing, unless ``read_only``).
    read_only : bool
        Open a read-only view.

    Returns
    -------
    pyoxigraph.Store
        For :func:`load` and :func:`query`.

    Raises
    ------
    StoreError
        When the directory is not a store (read-only), or is locked by another process.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> store = open_store(Path(folder.name) / "store")
    >>> len(store)
    0
    >>> del store
    >>> folder.cleanup()
    """
    from toulmin.graph.store.disk import open_store as _open_store

    return _open_store(path, read_only=read_only)


def load(
    paths: str | Path | Iterable[str | Path],
    store: str | Path | ox.Store,
    *,
    derived: bool = True,
    progress: bool = False,
    bulk: bool | None = None,
    jobs: int | None = None,
    replace: bool = False,
) -> LoadReport:
    """Load case files and RDF files into a store, one transaction per determination.

    A determination loaded again is replaced, never merged. Bad files are reported
    in the result, not raised: the good ones load.

    Parameters
    ----------
    paths : path or iterable of paths
        Files (``.yaml``, ``.yml``, ``.ttl``, ``.nt``, ``.nq``, ``.trig``) or folders.
    store : str, Path or pyoxigraph.Store
        A store directory (created when missing) or a store from :func:`open_store`.
    derived : bool
        Write each case file's derived graph too (labels and summary facts, which the
        fast auditor queries read); default on, as ``toulmin load``.
    progress : bool
        Show a progress bar on stderr.
    bulk : bool, optional
        Use Oxigraph's bulk loader (default: for a large load into an empty store).
    jobs : int, optional
        Worker processes that read files (default: CPUs, at most 4).
    replace : bool
        Two files with the same determination: load the later one over the earlier
        (a warning in ``warnings``) instead of reporting an error naming both.

    Returns
    -------
    LoadReport
        ``loaded``, ``replaced``, ``failed``, ``problems``, ``summary()``.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> store = open_store(Path(folder.name) / "store")
    >>> load("examples/", store).loaded
    5
    >>> del store
    >>> folder.cleanup()
    """
    from toulmin.graph.store.load import load as _load

    hook = None
    if derived:
        from toulmin.graph.derived.layer import derived_layer

        hook = derived_layer
    items = [paths] if isinstance(paths, str | Path) else list(paths)
    return _load(
        items, store, extra_graphs=hook, progress=progress, bulk=bulk, jobs=jobs, replace=replace
    )


#: What :func:`query` runs on.
Target: TypeAlias = (
    "SparqlTarget | ox.Store | Determination | Sequence[Determination] | str | Path"
    " | Sequence[str | Path]"
)


def _target(target: Any) -> SparqlTarget:
    """A SPARQL target for :func:`query` (see its ``target`` parameter)."""
    import pyoxigraph as ox

    from toulmin.graph.authoring.model import Determination
    from toulmin.graph.store.targets import OxigraphTarget

    if callable(getattr(target, "select", None)):
        return cast("SparqlTarget", target)
    if isinstance(target, ox.Store):
        return OxigraphTarget(target)
    dets = [target] if isinstance(target, Determination) else None
    if (
        isinstance(target, list | tuple)
        and target
        and all(isinstance(t, Determination) for t in target)
    ):
        dets = list(target)
    if dets is not None:
        from toulmin.graph.derived.layer import derived_graphs
        from toulmin.graph.rdf.compile import compile_determination
        from toulmin.graph.store.targets import MemoryTarget

        graphs = []
        for d in dets:
            asserted = compile_determination(d)
            graphs += [asserted, *derived_graphs(d, asserted)]
        return MemoryTarget.from_graphs(graphs)
    from toulmin.graph.derived.layer import derived_layer
    from toulmin.graph.store.open import open_target

    if isinstance(target, str) and target.startswith(("http://", "https://")):
        return open_target(endpoint=target)
    if isinstance(target, str | Path):
        path = Path(target)
        if path.is_dir() and (path / "CURRENT").is_file():
            return open_target(store=path)
        return open_target(cases=[path], extra_graphs=derived_layer)
    if isinstance(target, list | tuple) and all(isinstance(t, str | Path) for t in target):
        return open_target(cases=[Path(t) for t in target], extra_graphs=derived_layer)
    from toulmin.errors import BadInputError

    raise BadInputError(
        f"cannot run a query on a {type(target).__name__}: give a store (open_store or its "
        "directory), an endpoint URL, case files or determinations"
    )


def _is_sparql(text: str) -> bool:
    return any(c.isspace() for c in text.strip()) or "{" in text


def query(name_or_sparql: str, target: Target, **params: Any) -> QueryRows:
    """Run an auditor query of the catalogue, or SPARQL text, with bound parameters.

    Parameters are bound as RDF terms (a ``VALUES`` block), never pasted into the
    query text.

    Parameters
    ----------
    name_or_sparql : str
        A catalogue name (``toulmin query --list``; docs/queries.md) or the text of a
        SELECT query.
    target : store, path, URL, determination(s) or SparqlTarget
        A store from :func:`open_store`; a store directory (opened read-only); a SPARQL
        endpoint URL (``http://...``); a case or RDF file, a folder of them, or a list
        of them (loaded in memory with their derived graphs); one determination or a
        list of them; or any :class:`~toulmin.graph.store.targets.SparqlTarget`.
    **params
        Parameter values by name: for a catalogue query as its header declares them
        (text or Python values, checked and converted); for SPARQL text, Python
        values bound as literals (an rdflib term is bound as it is).

    Returns
    -------
    QueryRows
        ``rows`` (a list of dicts of Python values), ``columns``, ``to_pandas()`` /
        ``df`` (when pandas is installed); in Jupyter, a table.

    Raises
    ------
    QueryError
        An unknown query name (the message lists the catalogue), a bad parameter, or
        text that is not a SELECT query.

    Examples
    --------
    >>> rows = query("citing-source", "examples/", source="aans")
    >>> [(row["determination"].rsplit("/", 1)[-1], row["citations"]) for row in rows][:2]
    [('l3-4-decompression-fusion-approved', 3), ('l3-l5-tlif-denied', 2)]
    >>> rows.columns[:3]
    ('determination', 'outcome', 'source_id')
    >>> count = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    >>> query(count, "examples/").rows  # an asserted and a derived graph per file
    [{'n': 10}]
    """
    from toulmin.queries.rows import QueryRows

    where = _target(target)
    if not _is_sparql(name_or_sparql):
        from toulmin.queries.catalogue import get_query
        from toulmin.queries.runner import has_summaries, run_query

        named = get_query(name_or_sparql)
        full = None if named.full is None else not has_summaries(where)
        return QueryRows.from_result(run_query(where, named, params, full=full), named.title)
    from rdflib import BNode, Literal, URIRef

    from toulmin.graph.store.targets import Term

    bindings: dict[str, Term] = {
        k: v if isinstance(v, URIRef | Literal | BNode) else Literal(v) for k, v in params.items()
    }
    return QueryRows.from_result(where.select(name_or_sparql, bindings))


#: The shipped set that re-expresses the criteria of the five examples.
ILLUSTRATIVE_SET = "toulmin-illustrative-examples"


def _criteria_entries(folders: Sequence[Path]) -> list[CriteriaSet]:
    """Every criteria set in ``folders``; every problem of every broken file at once."""
    from toulmin.errors import CriteriaFileError
    from toulmin.graph.criteria.reader import load_criteria_set

    sets: list[CriteriaSet] = []
    problems = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for file in sorted(folder.glob("*.yaml")):
            try:
                sets.append(load_criteria_set(file))
            except CriteriaFileError as err:
                problems.extend(err.problems)
    if problems:
        raise CriteriaFileError(problems)
    return sets


def holds_case_criteria(criteria_set: CriteriaSet, det: Determination) -> bool:
    """Whether ``criteria_set`` is the set a case's criteria come from.

    It is when every criterion the case assesses is a criterion of the set with the same
    id and the same reference (the illustrative set uses the examples' ids), and the case
    assesses at least one. A criterion the case only names, without assessing it, does
    not count either way.
    """
    refs = {c.id: c.ref for c in det.criteria}
    assessed = {a.criterion for a in det.assessments}
    for ident in assessed:
        node = criteria_set.node(ident)
        if node is None or node.id != ident or (refs.get(ident) or None) != (node.ref or None):
            return False
    return bool(assessed)


def criteria_set_for(
    case: Case,
    criteria: str | None = None,
    *,
    criteria_dirs: Sequence[str | Path] = (),
    det: str | None = None,
) -> CriteriaSet:
    """The criteria set to assess ``case`` against.

    Sets are looked up in ``criteria_dirs``, then ``TOULMIN_CRITERIA_PATH``, then
    ``criteria_path`` of ``toulmin.toml`` (:func:`toulmin.config.criteria_search_dirs`),
    then the shipped library. ``criteria`` names one as ``id@version`` or ``id`` (the
    latest). Without it, the set the case file names (``criteria_set: {id, version}``)
    is used; when it names none, the shipped illustrative set is used when it holds the
    case's criteria (:func:`holds_case_criteria`: its ids are the examples' criterion
    ids); otherwise the set must be named.

    Raises
    ------
    CriteriaFileError
        A file on the path is not a valid criteria file (every problem of every file).
    CriteriaNotFoundError
        No set of that name is on the path.
    BadInputError
        No set is named and the case's criteria are not those of the illustrative set.

    Examples
    --------
    >>> criteria_set_for("examples/l4-5-revision.yaml").id
    'toulmin-illustrative-examples'
    """
    from toulmin.config import criteria_search_dirs, load_config
    from toulmin.errors import BadInputError
    from toulmin.graph.criteria.adapter import criteria_set_name
    from toulmin.graph.criteria.library import find_criteria_set, search_path

    dirs = criteria_search_dirs(criteria_dirs, load_config())
    sets = _criteria_entries(search_path(dirs))
    if criteria is not None:
        return find_criteria_set(criteria, dirs)
    d = _determination(case, det)
    named = criteria_set_name(d)
    if named is not None:
        return find_criteria_set(named, dirs)
    illustrative = find_criteria_set(ILLUSTRATIVE_SET, dirs)
    if holds_case_criteria(illustrative, d):
        return illustrative
    wanted = [c.id for c in d.criteria]
    names = ", ".join(sorted({cs.id for cs in sets})) or "none"
    raise BadInputError(
        f"{d.id}: name the criteria set to assess against with --criteria ID[@VERSION] "
        f"(criteria=...): the case's criteria ({', '.join(wanted) or 'none'}) are not those "
        f"of the illustrative set {ILLUSTRATIVE_SET}. Sets on the search path: {names}."
    )


def assess(
    case: Case,
    criteria: str | CriteriaSet | None = None,
    *,
    criteria_dirs: Sequence[str | Path] = (),
    det: str | None = None,
) -> list[Result]:
    """Compute every applicable criterion for every service line and for the setting.

    Parameters
    ----------
    case : Determination, str or Path
        The determination, or its case or RDF file.
    criteria : str or CriteriaSet, optional
        The set (``id@version`` or ``id``, looked up as :func:`criteria_set_for` says),
        or a set already loaded. Default: the illustrative set when the case's criteria
        are its own.
    criteria_dirs : sequence of str or Path
        Folders searched first.
    det : str, optional
        Which determination, when an RDF file holds several.

    Returns
    -------
    list of Result
        One per criterion (parts, exceptions and exclusions included) per service line,
        and per setting criterion; ``to_dict()`` for JSON.

    Examples
    --------
    >>> results = assess("examples/l4-5-fusion-pended-pt.yaml")
    >>> [(r.ref, r.value.value, r.missing) for r in results if r.criterion == "lf-1"]
    [('LF-1', 'insufficient', ('LF-1.3',))]
    """
    from toulmin.graph.criteria.assess import assess as _assess
    from toulmin.graph.criteria.model import CriteriaSet

    d = _determination(case, det)
    cs = (
        criteria
        if isinstance(criteria, CriteriaSet)
        else criteria_set_for(d, criteria, criteria_dirs=criteria_dirs)
    )
    return _assess(d, cs)
