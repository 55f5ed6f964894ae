"""Where to run SPARQL: a store directory, an endpoint, or case files in memory.

Owns :func:`open_target` (exactly one of the three, no configuration: the caller
resolves the configured default) and :func:`memory_target` (files loaded into an
in-memory store, the one way to turn case files into a query target). The top of
:mod:`toulmin.graph.store`: imports :mod:`~toulmin.graph.store.load`,
:mod:`~toulmin.graph.store.disk`, the targets and the remote endpoint.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from toulmin.errors import CaseFileError, ConfigurationError
from toulmin.graph.store.disk import open_store
from toulmin.graph.store.inputs import ExtraGraphs
from toulmin.graph.store.load import load
from toulmin.graph.store.remote import RemoteTarget
from toulmin.graph.store.targets import MemoryTarget, OxigraphTarget, SparqlTarget

__all__ = ["memory_target", "open_target"]


def open_target(
    store: Path | None = None,
    endpoint: str | None = None,
    cases: Sequence[Path] = (),
    *,
    update_endpoint: str | None = None,
    extra_graphs: ExtraGraphs | None = None,
) -> SparqlTarget:
    """Where to run SPARQL: a disk store, a remote endpoint, or case files in memory.

    Exactly one of ``store``, ``endpoint`` and ``cases`` is used. The configured
    default (:func:`toulmin.config.resolve_target`) is the caller's to resolve.

    Parameters
    ----------
    store : Path, optional
        An Oxigraph store directory, opened read-only (so it can be queried while
        ``toulmin serve`` serves it).
    endpoint : str, optional
        A SPARQL 1.1 query URL (:class:`~toulmin.graph.store.remote.RemoteTarget`).
    cases : sequence of Path
        Case files, RDF files or folders of them, loaded into an in-memory store
        (one named graph per determination).
    update_endpoint : str, optional
        For ``endpoint``: the update URL when it is not the default.
    extra_graphs : callable, optional
        For ``cases``: the hook that adds derived graphs (see
        :data:`~toulmin.graph.store.inputs.ExtraGraphs`).

    Returns
    -------
    SparqlTarget
        :class:`~toulmin.graph.store.targets.OxigraphTarget`, :class:`RemoteTarget`
        or :class:`~toulmin.graph.store.targets.MemoryTarget`.

    Raises
    ------
    ConfigurationError
        None or more than one of them is given (exit code 2).
    CaseFileError
        A case file has problems (all are listed).
    StoreError
        The store cannot be opened.

    Examples
    --------
    >>> open_target(store=Path("s"), endpoint="http://127.0.0.1:7878/query")
    ...                                  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    toulmin.errors.ConfigurationError: give only one of ... (got --store, --endpoint)
    """
    given = [
        name
        for name, value in (("--store", store), ("--endpoint", endpoint), ("case files", cases))
        if value
    ]
    if len(given) > 1:
        raise ConfigurationError(
            f"give only one of --store DIR, --endpoint URL or case files (got {', '.join(given)})"
        )
    if store is not None:
        return OxigraphTarget(open_store(store, read_only=True))
    if endpoint is not None:
        return RemoteTarget(endpoint, update_endpoint=update_endpoint)
    if cases:
        return memory_target(cases, extra_graphs)
    raise ConfigurationError("no store to use: give --store DIR, --endpoint URL or case files")


def memory_target(
    cases: Sequence[str | Path], extra_graphs: ExtraGraphs | None = None
) -> MemoryTarget:
    """Case files, RDF files or folders of them, loaded into an in-memory store.

    They are read as :func:`~toulmin.graph.store.load.load` reads them (folders walked
    by :func:`~toulmin.graph.store.inputs.discover`); ``extra_graphs`` adds each case
    file's derived graph (pass :func:`toulmin.graph.derived.layer.derived_layer` so that
    every query of the catalogue runs on it as it does on a loaded store).

    Raises
    ------
    CaseFileError
        With every problem of every file (and paths that do not exist).
    """
    store = ox.Store()
    report = load(cases, store, extra_graphs=extra_graphs, progress=False)
    if report.problems:
        raise CaseFileError(report.problems)
    return MemoryTarget(store)
