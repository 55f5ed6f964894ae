"""The journal of a bulk load, recovery from an interrupted one, and what a re-run may skip.

A bulk load (:mod:`~toulmin.graph.store.bulk`) is not atomic, so before any quad of a
determination reaches Oxigraph's bulk loader its graph names are appended to
:data:`JOURNAL_NAME` in the store directory and flushed, tagged with the number of the
``bulk_load`` call that takes it; when a call has returned
(its determinations are ingested whole) a ``done`` line for it follows. Only
determinations that were not in the store go that way.

If the load is interrupted, :func:`recover` keeps the determinations of the calls that
were done, drops every graph of the others -- all of them were new, so what is left is
the store as it was plus whole determinations -- lists the kept ones in
:data:`KEPT_NAME`, and deletes the journal. The next load reads that list (:func:`kept`)
and skips a listed determination whose graphs in the store are exactly what it would
write, so it goes on from where the interrupted load stopped; a completed load deletes
the list (:func:`clear_kept`). The list is only a hint of what to compare: a stale entry
costs a comparison, never a skipped change.

Journal lines: ``CALL<TAB>GRAPH GRAPH ...`` before a determination,
``CALL<TAB>done`` after its call. A line that is a bare graph name (the format before
calls were numbered) belongs to no call and is dropped. Owns the journal's and the
kept list's names, places and formats; imports :mod:`~toulmin.graph.store.inputs` and
nothing else of the store.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from toulmin.graph.store.inputs import determination_of

__all__ = [
    "JOURNAL_NAME",
    "KEPT_NAME",
    "Journal",
    "clear_kept",
    "journal_path",
    "journalled_graphs",
    "kept",
    "open_journal",
    "read_journal",
    "recover",
    "write_done",
    "write_entry",
]

#: The journal of an unfinished bulk load, inside the store directory.
JOURNAL_NAME = "toulmin-bulk-journal.txt"
#: Determinations an interrupted bulk load left whole (key and digest), for the next load.
KEPT_NAME = "toulmin-bulk-kept.txt"


def journal_path(store_dir: str | Path) -> Path:
    """Where the journal of the store in ``store_dir`` is (whether or not it exists)."""
    return Path(store_dir) / JOURNAL_NAME


def open_journal(store_dir: str | Path) -> IO[str]:
    """The journal of ``store_dir``, opened for appending."""
    return journal_path(store_dir).open("a", encoding="utf-8")


def write_entry(journal: IO[str], graphs: Iterable[str], call: int = 0) -> None:
    """List ``graphs`` in the journal and flush it, before any of their quads is written."""
    journal.write(f"{call}\t{' '.join(graphs)}\n")
    journal.flush()


def write_done(journal: IO[str], call: int) -> None:
    """Record that ``bulk_load`` call ``call`` returned: its determinations are whole."""
    journal.write(f"{call}\tdone\n")
    journal.flush()
    os.fsync(journal.fileno())


@dataclass
class Journal:
    """What a journal says: each determination's call and graphs; the calls that were done."""

    entries: list[tuple[int | None, tuple[str, ...]]] = field(default_factory=list)
    done: set[int] = field(default_factory=set)

    def whole(self) -> list[tuple[str, ...]]:
        """The graphs of each determination whose call was done."""
        return [g for c, g in self.entries if c is not None and c in self.done]

    def partial(self) -> set[str]:
        """The graphs of every determination whose call was not done."""
        return {g for c, graphs in self.entries if c is None or c not in self.done for g in graphs}


def read_journal(path: str | Path) -> Journal:
    """Parse the journal of the store in ``path`` (empty when there is none).

    >>> import tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> with open_journal(folder.name) as j:
    ...     write_entry(j, ["urn:a/graph", "urn:a/derived"], 0)
    ...     write_entry(j, ["urn:b/graph"], 1)
    ...     write_done(j, 0)
    >>> found = read_journal(folder.name)
    >>> found.whole(), sorted(found.partial())
    ([('urn:a/graph', 'urn:a/derived')], ['urn:b/graph'])
    >>> folder.cleanup()
    """
    journal = journal_path(path)
    out = Journal()
    if not journal.exists():
        return out
    for line in journal.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and parts[1] == "done" and parts[0].isdigit():
            out.done.add(int(parts[0]))
        elif len(parts) == 2 and parts[0].isdigit():
            out.entries.append((int(parts[0]), tuple(parts[1].split())))
        elif line.strip():  # a graph name alone: an older journal, no call is done
            out.entries.append((None, (line.strip(),)))
    return out


def journalled_graphs(path: str | Path) -> set[str]:
    """Every graph the journal of the store in ``path`` lists, whole or not."""
    return {g for _, graphs in read_journal(path).entries for g in graphs}


def _key(graphs: Iterable[str]) -> str:
    names = sorted(graphs)
    for name in names:
        det = determination_of(name)
        if det is not None:
            return det
    return names[0] if names else ""


def kept(path: str | Path) -> set[str]:
    """The determinations (or graphs) interrupted bulk loads left whole, by key."""
    listing = Path(path) / KEPT_NAME
    if not listing.exists():
        return set()
    return {line.strip() for line in listing.read_text(encoding="utf-8").splitlines() if line}


def clear_kept(path: str | Path) -> None:
    """Forget what an interrupted load left (a load completed after it)."""
    (Path(path) / KEPT_NAME).unlink(missing_ok=True)


def recover(store: ox.Store, path: str | Path) -> int:
    """Finish an interrupted bulk load: keep whole determinations, drop the others.

    Every graph of a determination whose ``bulk_load`` call had not returned is dropped
    (they were all new, so nothing that was in the store before is lost); the
    determinations of the calls that had returned are kept and listed for the next
    load (:data:`KEPT_NAME`). Then the journal is deleted.

    Returns
    -------
    int
        How many partial determinations (or graphs) were dropped; 0 when there was no
        journal.
    """
    journal = journal_path(path)
    if not journal.exists():
        return 0
    found = read_journal(path)
    names = sorted(found.partial())
    for start in range(0, len(names), 500):
        chunk = names[start : start + 500]
        store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in chunk))
    store.flush()
    whole = found.whole()
    if whole:
        keys = kept(path) | {_key(graphs) for graphs in whole}
        listing = Path(path) / KEPT_NAME
        listing.write_text("".join(f"{k}\n" for k in sorted(keys)), encoding="utf-8")
    journal.unlink()
    dropped = {determination_of(g) or g for g in names}
    print(
        f"toulmin: recovered {path} from an interrupted bulk load: kept {len(whole)} whole "
        f"determination(s), dropped {len(dropped)} partial one(s); loading the same files "
        "again goes on from there",
        file=sys.stderr,
    )
    return len(dropped)
