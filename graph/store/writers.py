"""Writers: how a load replaces units in a local Oxigraph store or at an endpoint.

Owns the :class:`Writer` protocol and its two kinds: :class:`LocalWriter` (one
transaction, one SPARQL Update, per batch of units on a pyoxigraph store) and
:class:`RemoteWriter` (one update request per determination against a SPARQL 1.1
endpoint). Imports :mod:`~toulmin.graph.store.inputs`,
:mod:`~toulmin.graph.store.remote` and the layers below the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import pyoxigraph as ox
from rdflib import URIRef

from toulmin.errors import StoreError
from toulmin.graph.store.inputs import Unit, replace_request
from toulmin.graph.store.remote import RemoteTarget
from toulmin.ontology.namespace import DATA, TLM

__all__ = ["LocalWriter", "RemoteWriter", "Writer"]


class Writer(Protocol):
    """Where a load writes units: a local store or an endpoint."""

    #: Units are written together up to this many quads (0: one request per unit).
    batch_quads: int

    def exists(self, unit: Unit) -> bool:
        """Whether any graph of ``unit`` is in the store (so it is replaced, not new)."""
        ...

    def write(self, units: Sequence[Unit]) -> None:
        """Replace ``units``; raises :class:`~toulmin.errors.StoreError` when refused."""
        ...


class LocalWriter:
    """Transactions on a pyoxigraph store (one update request per batch).

    The store is flushed every ``flush_quads`` quads: RocksDB otherwise keeps its
    write buffers (one per index) growing to well over a GB on a long load; flushing
    keeps the loader near 300 MB at no cost in speed.
    """

    def __init__(
        self, store: ox.Store, batch_quads: int = 20_000, flush_quads: int = 250_000
    ) -> None:
        self.store = store
        self.batch_quads = batch_quads
        self.flush_quads = flush_quads
        self._unflushed = 0

    def exists(self, unit: Unit) -> bool:
        """Whether any graph of ``unit`` is in the store (see :meth:`Writer.exists`)."""
        return any(self.store.contains_named_graph(ox.NamedNode(g)) for g in unit.drop)

    def _execute(self, request: str) -> None:
        self.store.update(request)

    def write(self, units: Sequence[Unit]) -> None:
        """Replace ``units`` in one update; flush once ``flush_quads`` quads are unflushed."""
        try:
            self._execute(replace_request(units))
            self._unflushed += sum(u.quads for u in units)
            if self._unflushed >= self.flush_quads:
                self.store.flush()
                self._unflushed = 0
        except SyntaxError as err:
            raise StoreError(f"the store refused the data: {err.msg or err}") from None
        except OSError as err:
            raise StoreError(f"the store failed to write: {err}") from None


class RemoteWriter:
    """One SPARQL Update request per determination against an endpoint."""

    batch_quads = 0

    def __init__(self, target: RemoteTarget) -> None:
        self.target = target
        rows = target.select(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a ?type } "
            f'FILTER(STRSTARTS(STR(?g), "{DATA}")) }}',
            {"type": TLM.Determination},
        ).rows
        self.known = {str(row[0]) for row in rows}

    def exists(self, unit: Unit) -> bool:
        """Whether a graph of ``unit`` was known at the start, or (a file's graph) is there now."""
        if any(g in self.known for g in unit.drop):
            return True
        if unit.determination is not None:
            return False
        return self.target.ask("ASK WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(unit.key)})

    def write(self, units: Sequence[Unit]) -> None:
        """Replace ``units``, one update request each."""
        for unit in units:
            self.target.update(replace_request([unit]))
            self.known.update(unit.graphs)
