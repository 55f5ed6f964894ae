"""Find criteria sets by id and version on a search path.

This module owns the search path and the lookup. The path is, in order: folders given
by the caller (a future ``--criteria DIR``), the folders of the environment variable
``TOULMIN_CRITERIA_PATH`` (separated by ``os.pathsep``) when the caller passes the
environment, and the library shipped in the package (``graph/criteria/library/``).
Every ``*.yaml`` file directly in a folder is a criteria set. ``id@version`` names one
version; a bare ``id`` the latest (versions compared number by number, so ``2025.10`` is
after ``2025.9``). When two folders hold the same ``id@version`` the first wins.

The environment is an argument, never read here: the graph layers take settings from
their caller. It imports :mod:`toulmin.errors` and the reader.

Examples
--------
>>> cs = find_criteria_set("toulmin-illustrative-examples")
>>> cs.illustrative, cs.key == find_criteria_set(cs.key).key
(True, True)
>>> version_key("2025.10") > version_key("2025.9")
True
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from toulmin.errors import CriteriaNotFoundError
from toulmin.graph.criteria.model import CriteriaSet
from toulmin.graph.criteria.reader import load_criteria_set

__all__ = [
    "ENV_VARIABLE",
    "LibraryEntry",
    "find_criteria_set",
    "library_entries",
    "search_path",
    "shipped_library",
    "version_key",
]

#: The environment variable that adds folders to the search path.
ENV_VARIABLE = "TOULMIN_CRITERIA_PATH"


def shipped_library() -> Path:
    """The folder of criteria sets shipped in the package."""
    return Path(str(resources.files("toulmin.graph.criteria").joinpath("library")))


def search_path(
    dirs: Iterable[str | Path] = (), environ: Mapping[str, str] | None = None
) -> list[Path]:
    """The folders to search, in order: ``dirs``, ``TOULMIN_CRITERIA_PATH``, the library.

    >>> [p.name for p in search_path(["/a"], {"TOULMIN_CRITERIA_PATH": "/b" + os.pathsep + "/c"})]
    ['a', 'b', 'c', 'library']
    """
    out = [Path(d) for d in dirs]
    if environ is not None:
        out += [Path(p) for p in environ.get(ENV_VARIABLE, "").split(os.pathsep) if p]
    out.append(shipped_library())
    return out


@dataclass(frozen=True)
class LibraryEntry:
    """A criteria set found on the path (read in full only when asked for)."""

    key: str
    path: Path
    criteria_set: CriteriaSet


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that compares the numbers in a version as numbers."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in re.findall(r"\d+|[A-Za-z]+", version)
    )


def library_entries(path: Iterable[Path]) -> list[LibraryEntry]:
    """Every criteria set on the path, first occurrence of each ``id@version`` first."""
    seen: dict[str, LibraryEntry] = {}
    for folder in path:
        if not folder.is_dir():
            continue
        for file in sorted(folder.glob("*.yaml")):
            cs = load_criteria_set(file)
            seen.setdefault(cs.key, LibraryEntry(cs.key, file, cs))
    return list(seen.values())


def find_criteria_set(
    name: str,
    dirs: Iterable[str | Path] = (),
    environ: Mapping[str, str] | None = None,
) -> CriteriaSet:
    """The criteria set ``id@version``, or the latest version of ``id``.

    Raises
    ------
    CriteriaNotFoundError
        When no set on the path has that id (and version); the message lists the folders
        searched and the versions found.
    CriteriaFileError
        When a file on the path is not a valid criteria file.
    """
    ident, _, version = name.partition("@")
    path = search_path(dirs, environ)
    matches = [e for e in library_entries(path) if e.criteria_set.id == ident]
    if version:
        for e in matches:
            if e.criteria_set.version == version:
                return e.criteria_set
    elif matches:
        return max(matches, key=lambda e: version_key(e.criteria_set.version)).criteria_set
    found = ", ".join(e.key for e in matches) or "none"
    folders = ", ".join(str(p) for p in path)
    raise CriteriaNotFoundError(
        f"no criteria set '{name}' on the search path ({folders}); versions of it found: "
        f"{found}. Add its folder with {ENV_VARIABLE} or check the id and version."
    )
