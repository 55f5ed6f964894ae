"""How big a case file may be: the limits checked before any expensive work.

Owns :class:`CaseLimits` (bytes, entries, string length, nesting depth, YAML alias uses)
and :func:`case_limits`, the limits in force: the defaults, each overridable by an
environment variable (``TOULMIN_CASE_MAX_BYTES`` and so on, see :data:`ENVIRONMENT`).
The file size is checked before the file is parsed, the others while the YAML node tree
is turned into data (:mod:`~toulmin.graph.authoring.yaml_positions`), before the schema.
Imports :mod:`toulmin.errors` only.

The defaults are far above any real determination (the largest example is 26 KB with
769 entries) and low enough that every command answers a file at the limit in
seconds. docs/case-format.md lists them.

Examples
--------
>>> limits = CaseLimits()
>>> limits.max_bytes, limits.max_entries, limits.max_string, limits.max_depth
(2097152, 10000, 20000, 32)
>>> case_limits({"TOULMIN_CASE_MAX_ENTRIES": "50000"}).max_entries
50000
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace

from toulmin.errors import ConfigurationError

__all__ = ["ENVIRONMENT", "CaseLimits", "case_limits"]


@dataclass(frozen=True)
class CaseLimits:
    """The limits of one case file.

    Attributes
    ----------
    max_bytes : int
        Size of the file in bytes (UTF-8).
    max_entries : int
        List items and mapping entries in the whole document, aliases expanded.
    max_string : int
        Characters in one string (a key or a value).
    max_depth : int
        Nesting of lists and mappings.
    max_aliases : int
        Uses of YAML aliases (``*name``); an alias to a value that contains it is
        always refused.
    """

    max_bytes: int = 2 * 1024 * 1024
    max_entries: int = 10_000
    max_string: int = 20_000
    max_depth: int = 32
    max_aliases: int = 100


#: Environment variable -> the :class:`CaseLimits` field it sets.
ENVIRONMENT: dict[str, str] = {
    "TOULMIN_CASE_MAX_BYTES": "max_bytes",
    "TOULMIN_CASE_MAX_ENTRIES": "max_entries",
    "TOULMIN_CASE_MAX_STRING": "max_string",
    "TOULMIN_CASE_MAX_DEPTH": "max_depth",
    "TOULMIN_CASE_MAX_ALIASES": "max_aliases",
}


def case_limits(environ: Mapping[str, str] | None = None) -> CaseLimits:
    """The limits in force: the defaults, overridden by the environment.

    Raises
    ------
    ConfigurationError
        When a variable is not a whole number of at least 0.
    """
    env = os.environ if environ is None else environ
    changes: dict[str, int] = {}
    for name, field in ENVIRONMENT.items():
        raw = env.get(name)
        if raw is None or raw == "":
            continue
        try:
            value = int(raw)
        except ValueError:
            value = -1
        if value < 0:
            raise ConfigurationError(f"{name}={raw!r}: expected a whole number of at least 0")
        changes[field] = value
    return replace(CaseLimits(), **changes)
