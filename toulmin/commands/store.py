"""``toulmin load | store | serve``: the store of determinations (docs/store.md).

``toulmin load PATH...`` loads case files, RDF files or folders into an Oxigraph
store (``--store DIR``) or a SPARQL endpoint (``--endpoint URL``), one transaction
per determination; ``toulmin store stats|list|remove|export|recover`` inspects and
maintains it; ``toulmin serve`` serves a store over the SPARQL 1.1 Protocol.

Without ``--store`` or ``--endpoint`` the configured default is used (``TOULMIN_STORE``,
``TOULMIN_ENDPOINT``, ``toulmin.toml``, ``~/.config/toulmin/config.toml``). Exit codes:
0 ok, 1 some files (or ids) failed, 2 bad input or configuration (for ``load``: two
files of the same determination, unless ``--replace``).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from toulmin.errors import ConfigurationError

if TYPE_CHECKING:
    from toulmin.graph.store.remote import RemoteTarget

__all__ = ["register"]


def _target_options(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--store", type=Path, metavar="DIR", help="an Oxigraph store directory (default: config)"
    )
    where.add_argument("--endpoint", metavar="URL", help="a SPARQL 1.1 query endpoint")
    parser.add_argument(
        "--update-endpoint",
        metavar="URL",
        help="the SPARQL 1.1 update endpoint (default: .../query -> .../update, else the same URL)",
    )


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    """Add the ``load``, ``store`` and ``serve`` commands."""
    load = sub.add_parser(
        "load",
        help="load case files, Turtle, N-Quads or TriG (or folders) into a store or endpoint",
        description="Each determination is replaced in one transaction: re-loading is "
        "idempotent, an interrupted load leaves no half-written determination, and bad "
        "files are reported and skipped (exit code 1).",
    )
    load.add_argument("paths", type=Path, nargs="+", metavar="PATH")
    _target_options(load)
    bulk = load.add_mutually_exclusive_group()
    bulk.add_argument(
        "--bulk",
        action="store_true",
        default=None,
        help="bulk-load new determinations (faster; journalled, see docs/store.md)",
    )
    bulk.add_argument("--no-bulk", dest="bulk", action="store_false", help="never bulk-load")
    load.add_argument("--jobs", type=int, default=None, help="processes reading files")
    load.add_argument(
        "--replace",
        action="store_true",
        help="when two files hold the same determination, load the later one over the "
        "earlier (with a warning); by default that is an error naming both (exit 2)",
    )
    load.add_argument(
        "--no-derived",
        action="store_true",
        help="do not compute and store each case file's derived graph",
    )
    shown = load.add_mutually_exclusive_group()
    shown.add_argument("--progress", action="store_true", default=None, help="show progress")
    shown.add_argument("--no-progress", dest="progress", action="store_false")
    load.set_defaults(func=_load)

    store = sub.add_parser(
        "store", help="inspect and maintain a store: stats, list, remove, export"
    )
    actions = store.add_subparsers(dest="action", metavar="ACTION", required=True)
    stats = actions.add_parser("stats", help="determinations, quads, graphs, size on disk")
    _target_options(stats)
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.set_defaults(func=_stats)
    listing = actions.add_parser("list", help="determination ids with title and outcome")
    _target_options(listing)
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=_list)
    remove = actions.add_parser("remove", help="remove determinations (asserted and derived)")
    remove.add_argument("ids", nargs="+", metavar="ID")
    _target_options(remove)
    remove.set_defaults(func=_remove)
    export = actions.add_parser("export", help="write graphs as N-Quads or TriG")
    export.add_argument("ids", nargs="*", metavar="ID", help="default: every determination")
    _target_options(export)
    export.add_argument("--format", choices=["nquads", "trig"], default=None)
    export.add_argument("-o", "--output", type=Path, help="file (default: standard output)")
    export.set_defaults(func=_export)
    recover = actions.add_parser(
        "recover", help="finish an interrupted bulk load: keep whole determinations, drop the rest"
    )
    recover.add_argument("--store", type=Path, metavar="DIR")
    recover.set_defaults(func=_recover, endpoint=None, update_endpoint=None)

    serve = sub.add_parser(
        "serve",
        help="serve a store over the SPARQL 1.1 Protocol (Oxigraph server, read-only by default)",
    )
    serve.add_argument("--store", type=Path, metavar="DIR", help="default: config")
    serve.add_argument("--bind", default="127.0.0.1", help="address (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=7878, help="port (default 7878; 0: any)")
    serve.add_argument(
        "--writable", action="store_true", help="accept SPARQL Update and Graph Store writes"
    )
    serve.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for start")
    serve.add_argument(
        "--query-timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="time limit of one SPARQL query on the server (default 60; 0: no limit)",
    )
    serve.add_argument(
        "--allow-service",
        action="store_true",
        help="run federated queries (SERVICE <url> makes the server fetch any URL); refused "
        "by default",
    )
    serve.set_defaults(func=_serve)


def _resolve(args: argparse.Namespace, *, need_store: bool = False) -> Path | RemoteTarget:
    """The store directory or the remote target the command works on."""
    from toulmin.config import resolve_target
    from toulmin.graph.store.remote import RemoteTarget

    where = resolve_target(
        args.store,
        getattr(args, "endpoint", None),
        getattr(args, "update_endpoint", None),
        need_store=need_store,
    )
    if where.store is not None:
        return where.store
    assert where.endpoint is not None
    user = os.environ.get("TOULMIN_ENDPOINT_USER")
    password = os.environ.get("TOULMIN_ENDPOINT_PASSWORD")
    return RemoteTarget(
        where.endpoint, update_endpoint=where.update_endpoint, user=user, password=password
    )


def _local_store(args: argparse.Namespace) -> Path:
    """The store directory of a command that needs a local store."""
    where = _resolve(args, need_store=True)
    if not isinstance(where, Path):  # pragma: no cover - need_store resolves no endpoint
        raise ConfigurationError("this command needs a local store: use --store DIR")
    return where


def _load(args: argparse.Namespace) -> int:
    from toulmin.graph.derived.layer import derived_layer
    from toulmin.graph.store.load import load

    where = _resolve(args)
    report = load(
        args.paths,
        where,
        extra_graphs=None if args.no_derived else derived_layer,
        progress=args.progress,
        bulk=args.bulk,
        jobs=args.jobs,
        replace=args.replace,
    )
    for problem in report.problems:
        print(str(problem), file=sys.stderr)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    shown = where if isinstance(where, Path) else where.endpoint
    print(f"{report.summary()} -> {shown}", file=sys.stderr)
    return report.exit_code


def _stats(args: argparse.Namespace) -> int:
    from toulmin.graph.store.admin import stats
    from toulmin.graph.store.open import open_target

    where = _resolve(args)
    result = stats(open_target(store=where), where) if isinstance(where, Path) else stats(where)
    print(json.dumps(asdict(result), indent=2) if args.json else result.text())
    return 0


def _list(args: argparse.Namespace) -> int:
    from toulmin.graph.store.admin import list_determinations, listing_text
    from toulmin.graph.store.open import open_target

    where = _resolve(args)
    infos = list_determinations(open_target(store=where) if isinstance(where, Path) else where)
    if args.json:
        print(json.dumps([asdict(i) for i in infos], indent=2))
    elif infos:
        print(listing_text(infos))
    return 0


def _remove(args: argparse.Namespace) -> int:
    from toulmin.graph.store.admin import remove
    from toulmin.graph.store.disk import open_store

    where = _resolve(args)
    removed, missing = remove(args.ids, open_store(where) if isinstance(where, Path) else where)
    for det in removed:
        print(f"removed {det}", file=sys.stderr)
    for det in missing:
        print(f"not in the store: {det}", file=sys.stderr)
    return 1 if missing else 0


def _export(args: argparse.Namespace) -> int:
    from toulmin.errors import BadInputError
    from toulmin.graph.store.admin import export, export_format, missing_ids
    from toulmin.graph.store.disk import open_store

    where = _resolve(args)
    fmt = export_format(args.output, args.format)
    source = open_store(where, read_only=True) if isinstance(where, Path) else where
    missing = missing_ids(args.ids, source) if args.ids else []
    if missing:  # before the output file is opened (and truncated)
        names = ", ".join(map(repr, missing))
        raise BadInputError(f"no determination {names} in the store: nothing exported")
    if args.output is None:
        count = export(source, sys.stdout.buffer, format=fmt, ids=args.ids)
        sys.stdout.buffer.flush()
    else:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        with args.output.open("wb") as out:
            count = export(source, out, format=fmt, ids=args.ids)
    print(f"exported {count:,} quads", file=sys.stderr)
    return 0


def _recover(args: argparse.Namespace) -> int:
    from toulmin.graph.store.disk import open_store
    from toulmin.graph.store.journal import journal_path

    store = _local_store(args)
    if not journal_path(store).exists():
        print(f"{store}: nothing to recover", file=sys.stderr)
        return 0
    open_store(store, create=False).flush()  # a writable open recovers
    return 0


def _serve(args: argparse.Namespace) -> int:
    from toulmin.graph.store.journal import journal_path
    from toulmin.graph.store.servers import free_port

    store = _local_store(args)
    if journal_path(store).exists():
        raise ConfigurationError(
            f"{store} holds an interrupted bulk load: run `toulmin store recover --store {store}`"
        )
    port = args.port or free_port(args.bind)
    # SIGTERM and SIGHUP stop the server as Ctrl-C does (Python's default would end this
    # process at once and leave the Oxigraph child listening on the port)
    stops = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {sig: signal.getsignal(sig) for sig in stops}
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _interrupt)
    try:
        return _run_server(args, store, port)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _interrupt(_signum: int, _frame: object) -> None:
    """A signal handler that stops ``toulmin serve`` the way Ctrl-C does."""
    raise KeyboardInterrupt


def _run_server(args: argparse.Namespace, store: Path, port: int) -> int:
    """Oxigraph on a private loopback port, the gateway (docs/store.md) on ``port``."""
    from toulmin.errors import StoreError
    from toulmin.graph.store.gateway import Policy, start_gateway
    from toulmin.graph.store.servers import start_oxigraph

    query_timeout = args.query_timeout if args.query_timeout > 0 else None
    try:
        server = start_oxigraph(
            store,
            host="127.0.0.1",
            read_only=not args.writable,
            timeout=args.timeout,
            query_timeout=query_timeout,
        )
    except KeyboardInterrupt:  # stopped while starting: the server is already stopped
        return 0
    policy = Policy(
        writable=args.writable,
        allow_service=args.allow_service,
        token=os.environ.get("TOULMIN_SERVE_TOKEN") or None,
        upstream_timeout=None if query_timeout is None else query_timeout + 30,
    )
    try:
        gateway = start_gateway(args.bind, port, server.base_url, policy)
    except OSError as err:
        server.stop()
        raise StoreError(
            f"cannot listen on {args.bind}:{port}: {err.strerror or err}; choose another --port"
        ) from None
    public = f"http://{'[' + args.bind + ']' if ':' in args.bind else args.bind}:{port}/"
    mode = "read-write" if args.writable else "read-only"
    try:
        print(
            f"serving {store} ({mode}) at {public}\n"
            f"  SPARQL query   {public}query\n"
            + (f"  SPARQL update  {public}update\n" if server.update_url else "")
            + f"  query page     {public}\n"
            "press Ctrl-C to stop",
            file=sys.stderr,
            flush=True,
        )
        code = server.wait()
    except KeyboardInterrupt:
        code = 0
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):  # a second signal
            signal.signal(sig, signal.SIG_IGN)  # must not cut the stop short
        gateway.stop()
        server.stop()
    if code:
        print(server.log_tail(), file=sys.stderr)
    return 0 if code in (0, -2, -15) else 2
