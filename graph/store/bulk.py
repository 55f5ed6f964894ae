"""The bulk load path: new determinations through Oxigraph's bulk loader, journalled.

Owns :func:`load_bulk` and its N-Quads feed (:class:`BulkFeed`, one
:class:`BulkCall` stream per ``Store.bulk_load`` call). Oxigraph's bulk loader writes
index files directly instead of going through transactions: several times faster,
but not atomic. Each determination is listed in the journal
(:mod:`~toulmin.graph.store.journal`) before its first quad is handed out, tagged with
the number of its ``bulk_load`` call, and each call is journalled as done when it
returns, so recovery from an interrupted load keeps the determinations of the calls
that returned and drops the others; determinations already in the store go
through :func:`~toulmin.graph.store.transactions.load_transactions` afterwards. When
one call fails, the others stop taking determinations at once. Imports the store's
inputs, journal, report, writers and transactions modules.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox

from toulmin.errors import StoreError
from toulmin.graph.store.inputs import Prepared, Unit
from toulmin.graph.store.journal import journal_path, open_journal, write_done, write_entry
from toulmin.graph.store.report import LoadReport, Progress
from toulmin.graph.store.transactions import load_transactions
from toulmin.graph.store.writers import Writer

__all__ = [
    "AFTER_CALL",
    "BULK_CALL_QUADS",
    "BULK_LENIENT",
    "BULK_THREADS",
    "BulkCall",
    "BulkFeed",
    "load_bulk",
]

#: Quads per ``Store.bulk_load`` call (bounds the bulk loader's memory).
BULK_CALL_QUADS = 250_000
#: ``Store.bulk_load`` calls at once: one parses while another builds and ingests its files.
BULK_THREADS = 2
#: The bulk loader need not check IRIs again: the workers had pyoxigraph check every one.
BULK_LENIENT = True
#: Fault injection (tests): called with a call's number after it returned and was journalled
#: as done; an exception raised here interrupts the load as a crash would.
AFTER_CALL: Callable[[int], None] | None = None


class BulkFeed:
    """The new determinations of a load, as N-Quads, for concurrent ``Store.bulk_load`` calls.

    Each call reads one :class:`BulkCall` stream; :data:`BULK_THREADS` calls run at
    once, so that while Oxigraph builds and ingests the index files of one call (it
    releases the GIL), the next call is already parsing. Each determination is listed
    in the journal (and the journal flushed) before the first byte of it is handed out,
    so a crash at any point leaves only journalled graphs behind (see
    :func:`~toulmin.graph.store.journal.recover`).
    Determinations already in the store are set aside for transactions; one met again
    in a later file is an error (:meth:`LoadReport.duplicate`), or with ``replace`` set
    aside too, for the transactions to replace it.

    A call ends after the determination that takes it past ``call_quads`` quads.
    Oxigraph's bulk loader holds about 1.3 KB per quad of its call in memory, so
    bounded calls bound the loader's memory.
    """

    def __init__(
        self,
        stream: Iterable[Prepared],
        existing: set[str],
        report: LoadReport,
        bar: Progress,
        journal: IO[str] | None,
        call_quads: int = 250_000,
        replace: bool = False,
    ) -> None:
        self.units = self._units(stream, report, bar)
        self.existing = existing
        self.report = report
        self.journal = journal
        self.deferred: list[Prepared] = []
        self.seen: dict[str, str] = {}  # graph written -> its file
        self.replace = replace
        self.call_quads = call_quads
        self.lock = threading.Lock()
        self.exhausted = False
        self.aborted = False
        self.calls = 0
        self.current = 0

    @staticmethod
    def _units(stream: Iterable[Prepared], report: LoadReport, bar: Progress) -> Iterator[Unit]:
        for prepared in stream:
            report.record(prepared)
            yield from prepared.units
            bar.advance()

    def _next(self) -> tuple[bytes, int] | None:
        """The next new determination as N-Quads and its quad count; ``None`` at the end."""
        for unit in self.units:
            first = next((self.seen[g] for g in unit.graphs if g in self.seen), None)
            if first is not None and not self.replace:  # an error naming both files
                self.report.duplicate(unit.key, unit.file, first, replace=False)
                continue
            if any(g in self.seen or g in self.existing for g in unit.drop):
                self.deferred.append(Prepared(unit.file, [unit]))
                continue
            self.seen.update(dict.fromkeys(unit.graphs, unit.file))
            if self.journal is not None:  # listed before any of its quads is written
                write_entry(self.journal, unit.drop, self.current)
            self.report.loaded += 1
            self.report.quads += unit.quads
            # N-Triples lines end in " .\n" and a newline inside a literal is escaped,
            # so naming the graph before each " .\n" turns the text into N-Quads
            text = "".join(text.replace(" .\n", f" <{g}> .\n") for g, text in unit.graphs.items())
            return text.encode("utf-8"), unit.quads
        self.exhausted = True
        return None

    def take(self, call: int = 0) -> tuple[bytes, int] | None:
        """:meth:`_next` for call number ``call``, one call at a time; ``None`` at the end."""
        with self.lock:
            if self.exhausted or self.aborted:
                return None
            self.current = call
            return self._next()

    def call(self) -> BulkCall | None:
        """A stream for the next ``bulk_load`` call, or ``None`` when nothing is left."""
        with self.lock:
            number, self.calls = self.calls, self.calls + 1
        first = self.take(number)
        return None if first is None else BulkCall(self, first, number)

    def done(self, call: int) -> None:
        """Journal that call ``call`` returned: its determinations are in the store, whole."""
        with self.lock:
            if self.journal is not None:
                write_done(self.journal, call)


class BulkCall:
    """The N-Quads stream of one ``bulk_load`` call (Oxigraph reads it with ``read(size)``)."""

    def __init__(self, feed: BulkFeed, first: tuple[bytes, int], number: int = 0) -> None:
        self.feed = feed
        self.buffer, self.quads = first
        self.offset = 0
        self.number = number

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes of N-Quads (all buffered ones if ``size < 0``); b"" at the end."""
        while self.offset >= len(self.buffer):
            if self.quads >= self.feed.call_quads:
                return b""
            chunk = self.feed.take(self.number)
            if chunk is None:
                return b""
            (self.buffer, quads), self.offset = chunk, 0
            self.quads += quads
        if size < 0:
            size = len(self.buffer) - self.offset
        out = self.buffer[self.offset : self.offset + size]
        self.offset += len(out)
        return out


def load_bulk(
    stream: Iterable[Prepared],
    store: ox.Store,
    writer: Writer,
    report: LoadReport,
    bar: Progress,
    store_dir: Path | None,
    *,
    replace: bool = False,
) -> None:
    """New determinations through ``Store.bulk_load``; the others in transactions.

    Oxigraph's bulk loader reads the new determinations as N-Quads streams
    (:class:`BulkCall`) of about :data:`BULK_CALL_QUADS` quads each, in
    :data:`BULK_THREADS` calls at once, and builds its index files from them;
    ``optimize()`` merges the files at the end. The input is valid by construction
    (every term was built, and so checked, by pyoxigraph in the worker that read the
    file), so a file's problems never reach the bulk loader.
    """
    existing = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    journal: IO[str] | None = None
    if store_dir is not None:
        journal = open_journal(store_dir)
    feed = BulkFeed(stream, existing, report, bar, journal, BULK_CALL_QUADS, replace)

    def calls() -> None:
        try:
            while (call := feed.call()) is not None:
                store.bulk_load(
                    input=cast(IO[bytes], call), format=ox.RdfFormat.N_QUADS, lenient=BULK_LENIENT
                )
                feed.done(call.number)
                if AFTER_CALL is not None:
                    AFTER_CALL(call.number)
        except BaseException:  # the other calls stop reading at once, not when it is waited on
            feed.aborted = True
            raise

    try:
        with ThreadPoolExecutor(BULK_THREADS, thread_name_prefix="toulmin-bulk") as threads:
            running = [threads.submit(calls) for _ in range(BULK_THREADS)]
            try:
                for done in running:
                    done.result()
            except BaseException:  # one call failed, or Ctrl-C: the others stop reading
                feed.aborted = True
                raise
        store.flush()
        store.optimize()
    except (OSError, SyntaxError) as err:
        raise StoreError(
            f"the bulk load failed: {err}; the determinations it had started are dropped "
            f"when the store is next opened for writing"
        ) from None
    finally:
        if journal is not None:
            journal.close()
    if store_dir is not None:
        journal_path(store_dir).unlink(missing_ok=True)
    if feed.deferred:
        # a later file of the same id (with replace) is warned about, and written, there
        load_transactions(
            feed.deferred, writer, report, Progress(0, False), replace=replace, seen=feed.seen
        )
