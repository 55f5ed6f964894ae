"""The journal of a bulk load, and recovery from an interrupted one.

A bulk load (:mod:`~toulmin.graph.store.bulk`) is not atomic, so before any quad of a
determination reaches Oxigraph's bulk loader its graph names are appended to
:data:`JOURNAL_NAME` in the store directory and flushed; only determinations that
were not in the store go that way. If the load is interrupted, :func:`recover` drops
every journalled graph -- all of them were new, so this restores the store as it was
before the load -- and deletes the journal. Owns the journal's name, place and
format; imports :mod:`~toulmin.graph.store.inputs` and nothing else of the store.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from toulmin.graph.store.inputs import determination_of

__all__ = ["JOURNAL_NAME", "journal_path", "open_journal", "recover", "write_entry"]

#: The journal of an unfinished bulk load, inside the store directory.
JOURNAL_NAME = "toulmin-bulk-journal.txt"


def journal_path(store_dir: str | Path) -> Path:
    """Where the journal of the store in ``store_dir`` is (whether or not it exists)."""
    return Path(store_dir) / JOURNAL_NAME


def open_journal(store_dir: str | Path) -> IO[str]:
    """The journal of ``store_dir``, opened for appending."""
    return journal_path(store_dir).open("a", encoding="utf-8")


def write_entry(journal: IO[str], graphs: Iterable[str]) -> None:
    """List ``graphs`` in the journal and flush it, before any of their quads is written."""
    journal.write("".join(f"{g}\n" for g in graphs))
    journal.flush()


def recover(store: ox.Store, path: str | Path) -> int:
    """Undo an interrupted bulk load: drop every graph in its journal, then delete it.

    Returns
    -------
    int
        How many determinations (or graphs) were dropped; 0 when there was no journal.
    """
    journal = journal_path(path)
    if not journal.exists():
        return 0
    names = sorted({line.strip() for line in journal.read_text().splitlines() if line.strip()})
    for start in range(0, len(names), 500):
        chunk = names[start : start + 500]
        store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in chunk))
    store.flush()
    journal.unlink()
    keys = {determination_of(g) or g for g in names}
    print(
        f"toulmin: recovered {path} from an interrupted bulk load: "
        f"dropped {len(keys)} partial determination(s)",
        file=sys.stderr,
    )
    return len(keys)
