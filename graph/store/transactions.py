"""The transactional load path: batches of units, each batch one SPARQL Update.

Owns :func:`load_transactions`: replace, never merge (a determination's graphs are
dropped and written again in one update, which pyoxigraph applies all or nothing),
and a failed batch retried unit by unit so that only the bad unit fails. Imports
:mod:`~toulmin.graph.store.inputs`, :mod:`~toulmin.graph.store.report` and
:mod:`~toulmin.graph.store.writers`.
"""

from __future__ import annotations

from collections.abc import Iterable

from toulmin.errors import Problem, StoreError
from toulmin.graph.store.inputs import Prepared, Unit
from toulmin.graph.store.report import LoadReport, Progress
from toulmin.graph.store.writers import Writer

__all__ = ["load_transactions"]


def load_transactions(
    stream: Iterable[Prepared],
    writer: Writer,
    report: LoadReport,
    bar: Progress,
    *,
    replace: bool = False,
    seen: dict[str, str] | None = None,
) -> None:
    """Write prepared files' units in transactions of up to ``writer.batch_quads`` quads.

    Several determinations share one transaction (atomicity per determination still
    holds, and it is several times faster than one commit each); if a batch fails,
    its units are written one by one so that only the bad one is reported.

    The same graph written by two files of one load (the same determination) is an
    error naming both (the first file's version is kept; :meth:`LoadReport.duplicate`);
    with ``replace`` the last one wins, with a warning. A file with only the derived
    graph of a determination another file holds is not a duplicate: it updates it.
    ``seen`` maps the graphs already written in this load to their files (the bulk
    path passes the ones it loaded).
    """
    batch: list[tuple[Unit, bool]] = []
    size = 0
    seen = {} if seen is None else seen
    keys: set[str] = set()  # determinations written (or updated) in this call

    def flush() -> None:
        nonlocal batch, size
        if not batch:
            return
        try:
            writer.write([u for u, _ in batch])
            done = batch
        except StoreError:
            done = []
            for unit, existed in batch:  # find the bad one; the others still load
                try:
                    writer.write([unit])
                    done.append((unit, existed))
                except StoreError as err:
                    report.failed += 1
                    report.problems.append(Problem(unit.file, None, "", str(err)))
        for unit, existed in done:
            report.quads += unit.quads
            if existed:
                report.replaced += 1
            else:
                report.loaded += 1
        batch, size = [], 0

    for prepared in stream:
        report.record(prepared)
        for unit in prepared.units:
            first = next((seen[g] for g in unit.graphs if g in seen), None)
            twice = first is not None and first != unit.file
            if twice and not report.duplicate(unit.key, unit.file, str(first), replace):
                continue
            if unit.key in keys or any(g in seen for g in unit.drop):
                flush()  # what this load wrote of it goes first (drops precede inserts)
                existed = True
            else:
                existed = writer.exists(unit)
            seen.update(dict.fromkeys(unit.graphs, unit.file))
            keys.add(unit.key)
            batch.append((unit, existed))
            size += unit.quads
            if size >= writer.batch_quads:
                flush()
        bar.advance()
    flush()
