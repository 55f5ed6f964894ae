r"""User settings: where the store is, or which SPARQL endpoint to use.

Settings come from, in order of precedence (the first that sets a key wins):

1. the command line (``--store DIR``, ``--endpoint URL``), handled by the commands;
2. environment variables ``TOULMIN_STORE`` and ``TOULMIN_ENDPOINT``;
3. ``toulmin.toml`` in the current directory;
4. ``~/.config/toulmin/config.toml`` (``$XDG_CONFIG_HOME/toulmin/config.toml``).

A config file is TOML with top-level keys; unknown keys are kept for other
commands and ignored here. A relative ``store`` path in a file is relative to the
folder of that file, so a project's ``toulmin.toml`` works from anywhere inside it::

    store = "var/store"                          # an Oxigraph store directory
    # endpoint = "http://127.0.0.1:7878/query"   # or a SPARQL 1.1 endpoint
    # update_endpoint = "http://127.0.0.1:7878/update"
    # criteria_path = ["criteria", "/srv/policies"]   # folders of criteria sets

Criteria sets (``toulmin assess``) are looked up in the folders given on the command
line (``--criteria-dir``), then ``TOULMIN_CRITERIA_PATH``, then ``criteria_path`` of the
config files, then the library shipped in the package: :func:`criteria_search_dirs`
is the one place that puts them in that order.

Examples
--------
>>> import tempfile, pathlib
>>> tmp = tempfile.TemporaryDirectory()
>>> folder = pathlib.Path(tmp.name)
>>> _ = (folder / "toulmin.toml").write_text('store = "data/store"\n')
>>> cfg = load_config(cwd=folder, home=folder / "nohome", environ={})
>>> cfg.store == folder / "data" / "store", cfg.endpoint
(True, None)
>>> load_config(cwd=folder, home=folder, environ={"TOULMIN_STORE": "/tmp/s"}).store
PosixPath('/tmp/s')
>>> tmp.cleanup()
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toulmin.errors import ConfigurationError

__all__ = [
    "CONFIG_NAME",
    "Config",
    "TargetSettings",
    "config_files",
    "criteria_search_dirs",
    "load_config",
    "resolve_target",
]

#: The name of a project's config file, looked up in the current directory.
CONFIG_NAME = "toulmin.toml"


@dataclass(frozen=True)
class Config:
    """Resolved settings.

    Parameters
    ----------
    store : Path or None
        The default Oxigraph store directory.
    endpoint : str or None
        The default SPARQL 1.1 query endpoint.
    update_endpoint : str or None
        The SPARQL 1.1 update endpoint, when it differs from ``endpoint``.
    criteria_path : tuple of Path
        Folders of criteria sets from ``criteria_path`` (a string or a list of strings;
        relative to the file's folder), the project's file first.
    sources : tuple of str
        Where each setting came from (file paths or ``env:NAME``), for messages.
    values : dict
        Every key of the files, merged (the user's file first, the project's over it).
    """

    store: Path | None = None
    endpoint: str | None = None
    update_endpoint: str | None = None
    sources: tuple[str, ...] = ()
    criteria_path: tuple[Path, ...] = ()
    values: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def config_files(cwd: Path | None = None, home: Path | None = None) -> list[Path]:
    """The config files that exist, lowest precedence first.

    Parameters
    ----------
    cwd : Path, optional
        The folder searched for ``toulmin.toml`` (default: the current directory).
    home : Path, optional
        The home folder (default: ``~``); ``$XDG_CONFIG_HOME`` is honoured when
        ``home`` is not given.
    """
    cwd = Path.cwd() if cwd is None else cwd
    if home is None:
        xdg = os.environ.get("XDG_CONFIG_HOME")
        user_dir = Path(xdg) if xdg else Path.home() / ".config"
    else:
        user_dir = home / ".config"
    candidates = [user_dir / "toulmin" / "config.toml", cwd / CONFIG_NAME]
    return [p for p in candidates if p.is_file()]


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as err:
        raise ConfigurationError(f"{path}: not valid TOML: {err}") from None
    except OSError as err:
        raise ConfigurationError(f"{path}: cannot read the config file: {err}") from None


def _string(path: Path | str, key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigurationError(f"{path}: '{key}' must be a non-empty string, got {value!r}")
    return value


def load_config(
    cwd: Path | None = None,
    home: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Config:
    """Read the config files and the environment (command-line flags come on top).

    Parameters
    ----------
    cwd, home : Path, optional
        Where to look for the files (see :func:`config_files`); for tests.
    environ : mapping, optional
        The environment (default: ``os.environ``).

    Returns
    -------
    Config

    Raises
    ------
    ConfigurationError
        A file is not valid TOML or a value has the wrong type.
    """
    env = os.environ if environ is None else environ
    merged: dict[str, Any] = {}
    store: Path | None = None
    endpoint: str | None = None
    update: str | None = None
    sources: list[str] = []
    criteria_path: list[Path] = []
    for path in config_files(cwd, home):
        data = _read(path)
        merged.update(data)
        if "store" in data:
            raw = Path(_string(path, "store", data["store"])).expanduser()
            store = raw if raw.is_absolute() else path.parent / raw
            sources.append(str(path))
        if "endpoint" in data:
            endpoint = _string(path, "endpoint", data["endpoint"])
            sources.append(str(path))
        if "update_endpoint" in data:
            update = _string(path, "update_endpoint", data["update_endpoint"])
        if "criteria_path" in data:
            # the project's file comes after the user's and goes first on the path
            criteria_path[:0] = _folders(path, "criteria_path", data["criteria_path"])
    if env.get("TOULMIN_STORE"):
        store = Path(env["TOULMIN_STORE"]).expanduser()
        sources.append("env:TOULMIN_STORE")
    if env.get("TOULMIN_ENDPOINT"):
        endpoint = env["TOULMIN_ENDPOINT"]
        sources.append("env:TOULMIN_ENDPOINT")
    if env.get("TOULMIN_UPDATE_ENDPOINT"):
        update = env["TOULMIN_UPDATE_ENDPOINT"]
    return Config(
        store, endpoint, update, tuple(dict.fromkeys(sources)), tuple(criteria_path), merged
    )


def _folders(path: Path, key: str, value: Any) -> list[Path]:
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        raw = Path(_string(path, key, item)).expanduser()
        out.append(raw if raw.is_absolute() else path.parent / raw)
    return out


def criteria_search_dirs(
    dirs: Sequence[str | Path] = (),
    config: Config | None = None,
    environ: Mapping[str, str] | None = None,
) -> list[Path]:
    """The folders searched for criteria sets, before the shipped library, in order.

    ``dirs`` (``--criteria-dir``), then the folders of ``TOULMIN_CRITERIA_PATH``
    (separated by ``os.pathsep``), then ``criteria_path`` of the config files. The
    shipped library comes last; :func:`toulmin.graph.criteria.library.search_path` adds it.

    >>> cfg = Config(criteria_path=(Path("/c"),))
    >>> [str(p) for p in criteria_search_dirs(["/a"], cfg, {"TOULMIN_CRITERIA_PATH": "/b"})]
    ['/a', '/b', '/c']
    """
    env = os.environ if environ is None else environ
    out = [Path(d) for d in dirs]
    out += [Path(p) for p in env.get("TOULMIN_CRITERIA_PATH", "").split(os.pathsep) if p]
    out += list(config.criteria_path if config is not None else ())
    return out


@dataclass(frozen=True)
class TargetSettings:
    """Where a command works: exactly one of a store directory and an endpoint.

    Parameters
    ----------
    store : Path or None
        An Oxigraph store directory.
    endpoint : str or None
        A SPARQL 1.1 query endpoint.
    update_endpoint : str or None
        Its update endpoint, when it differs.
    """

    store: Path | None = None
    endpoint: str | None = None
    update_endpoint: str | None = None


def resolve_target(
    store: Path | None = None,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    *,
    need_store: bool = False,
    config: Config | None = None,
) -> TargetSettings:
    """The store or endpoint to use: the command line first, then the configuration.

    The one place where the configured default is chosen, for every command.

    Parameters
    ----------
    store, endpoint, update_endpoint
        What the command line gave (``--store``, ``--endpoint``, ``--update-endpoint``).
    need_store : bool
        The command needs a local store (``serve``, ``store recover``): a configured
        endpoint is ignored.
    config : Config, optional
        The settings (default: :func:`load_config`), for tests.

    Raises
    ------
    ConfigurationError
        Both or neither are given or configured (exit code 2).

    Examples
    --------
    >>> resolve_target(Path("s"), config=Config()).store
    PosixPath('s')
    >>> resolve_target(config=Config(endpoint="http://127.0.0.1:7878/query")).endpoint
    'http://127.0.0.1:7878/query'
    >>> resolve_target(config=Config())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    toulmin.errors.ConfigurationError: no store given: use --store DIR or --endpoint URL, or ...
    """
    if store is not None and endpoint is not None:
        raise ConfigurationError("give only one of --store DIR and --endpoint URL")
    if store is None and endpoint is None:
        config = load_config() if config is None else config
        if config.store is not None and config.endpoint is not None and not need_store:
            raise ConfigurationError(
                f"both a store and an endpoint are configured ({', '.join(config.sources)}): "
                "choose one with --store or --endpoint"
            )
        store = config.store
        endpoint = None if need_store else config.endpoint
        update_endpoint = update_endpoint or config.update_endpoint
    if store is not None:
        return TargetSettings(store=store)
    if endpoint is not None:
        return TargetSettings(endpoint=endpoint, update_endpoint=update_endpoint)
    raise ConfigurationError(
        "no store given: use --store DIR"
        + ("" if need_store else " or --endpoint URL")
        + ', or set `store = "DIR"` in toulmin.toml or TOULMIN_STORE'
    )
