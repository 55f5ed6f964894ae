"""toulmin's cache of verdicts that depend only on files that rarely change.

A record is a small JSON file in the cache folder, named by a key that hashes everything
the verdict depends on (for the ontology's consistency: the ontology file and HermiT's
jar), so a changed ontology or reasoner is a new key and the old record is simply not
read again. The folder is ``$TOULMIN_CACHE_DIR`` when set, else ``$XDG_CACHE_HOME/toulmin``,
else ``~/.cache/toulmin``; ``TOULMIN_NO_CACHE=1`` turns the cache off (nothing is read
or written). A folder that cannot be written only means nothing is cached.

Imports: nothing from toulmin.

Examples
--------
>>> key = cache_key("example", b"some input", "another input")
>>> key.startswith("example-"), len(key)
(True, 40)
>>> key == cache_key("example", b"some input", "another inpu")
False
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["CACHE_DIR_ENV", "NO_CACHE_ENV", "cache_dir", "cache_enabled", "cache_key"]
__all__ += ["read_record", "write_record"]

#: environment variable: the cache folder
CACHE_DIR_ENV = "TOULMIN_CACHE_DIR"
#: environment variable: ``1`` (or ``true``, ``yes``) turns the cache off
NO_CACHE_ENV = "TOULMIN_NO_CACHE"


def cache_dir() -> Path:
    """The cache folder (not created here)."""
    explicit = os.environ.get(CACHE_DIR_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "toulmin"


def cache_enabled() -> bool:
    """False when ``TOULMIN_NO_CACHE`` is set to 1, true or yes."""
    return os.environ.get(NO_CACHE_ENV, "").strip().lower() not in {"1", "true", "yes"}


def cache_key(kind: str, *parts: bytes | str) -> str:
    """``KIND-HASH``: a name for a record, from everything its content depends on."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return f"{kind}-{digest.hexdigest()[:32]}"


def _path(key: str) -> Path:
    return cache_dir() / f"{key}.json"


def read_record(key: str) -> dict[str, Any] | None:
    """The record stored under ``key``; None when there is none, it is unreadable or off."""
    if not cache_enabled():
        return None
    try:
        record = json.loads(_path(key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def write_record(key: str, record: dict[str, Any]) -> None:
    """Store a record (atomically: a reader sees the old file or the new one, whole)."""
    if not cache_enabled():
        return
    path = _path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{key}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(record, out, sort_keys=True)
        os.replace(temporary, path)
    except OSError:
        return  # a cache that cannot be written is no cache, not an error
