"""Opening the Oxigraph store in a directory: read-only or writable, with recovery.

Owns :func:`open_store` and its messages for a missing, locked or half-loaded store.
A writable open first undoes an interrupted bulk load
(:func:`~toulmin.graph.store.journal.recover`); a read-only open refuses a store
that needs it. Imports :mod:`~toulmin.graph.store.journal` and nothing else of the
store.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from toulmin.errors import StoreError
from toulmin.graph.store.journal import journal_path, recover

__all__ = ["open_store"]


def open_store(path: str | Path, *, read_only: bool = False, create: bool = True) -> ox.Store:
    """Open (or create) the Oxigraph store in ``path``.

    A writable open recovers from an interrupted bulk load first (see
    :func:`~toulmin.graph.store.journal.recover`).

    Parameters
    ----------
    path : Path
        The store directory.
    read_only : bool
        Open a read-only view (several processes may read; none may write meanwhile).
    create : bool
        Create the directory when missing (only for a writable open).

    Raises
    ------
    StoreError
        The directory is not a store, is locked by another process (a running
        ``toulmin serve --writable`` or load), or holds an unfinished bulk load
        (read-only open).
    """
    path = Path(path)
    if (read_only or not create) and not (path / "CURRENT").is_file():
        raise StoreError(
            f"there is no store in {path}: load one with `toulmin load --store {path} FILES`"
        )
    if read_only and journal_path(path).exists():
        raise StoreError(
            f"the store in {path} holds an interrupted bulk load; open it for writing once "
            f"(`toulmin store recover --store {path}`) to drop the partial determinations"
        )
    if not read_only:
        path.mkdir(parents=True, exist_ok=True)
    try:
        store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as err:
        text = str(err)
        if "lock" in text.lower():
            raise StoreError(
                f"the store in {path} is in use by another process (a `toulmin serve "
                "--writable` or a load?): stop it, or query the server with --endpoint"
            ) from None
        raise StoreError(f"cannot open the store in {path}: {text}") from None
    if not read_only:
        recover(store, path)
    return store
