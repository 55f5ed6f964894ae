"""``toulmin query`` (the auditor query catalogue) and ``toulmin synth`` (a synthetic corpus).

Examples
--------
``toulmin query --list`` lists the catalogue; ``toulmin query uncited-statements
examples/l4-5-revision.yaml`` runs one check on a case file before it is sent;
``toulmin query short-conservative-care --param min_weeks=12 --store store/
--format csv`` runs it on a whole store; ``toulmin query --sparql my.rq --param
code=22612 --endpoint http://localhost:7878/query`` runs an ad hoc query.
``toulmin synth 1000 --seed 7 -o corpus/`` writes 1,000 synthetic case files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from toulmin.errors import BadInputError, QueryError
from toulmin.graph.store.targets import SparqlTarget

__all__ = ["open_query_target", "register"]


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the ``query`` and ``synth`` commands."""
    from toulmin.queries.runner import FAIL_ON, FORMATS

    q = subparsers.add_parser(
        "query",
        help="run an auditor query (see --list) on case files, a store or an endpoint",
        description=(
            "Run a named auditor query from the catalogue (queries/*.rq; docs/queries.md) or an "
            "ad hoc one (--sparql FILE). Parameters are bound as RDF terms, never pasted into the "
            "query. Exit code 1 when a query of severity 'error' returns rows (see --fail-on)."
        ),
    )
    q.add_argument("name", nargs="?", metavar="NAME", help="query name (see --list)")
    q.add_argument(
        "cases",
        nargs="*",
        type=Path,
        metavar="CASE",
        help="case files or folders of them, loaded into an in-memory store",
    )
    q.add_argument("--list", action="store_true", help="list the catalogue and exit")
    q.add_argument(
        "--sparql",
        type=Path,
        metavar="FILE",
        help="run this .rq file instead of a named query (a #+ header is optional)",
    )
    q.add_argument(
        "--param",
        "-p",
        action="append",
        default=[],
        metavar="K=V",
        help="a parameter value (repeatable)",
    )
    where = q.add_mutually_exclusive_group()
    where.add_argument("--store", type=Path, metavar="DIR", help="an on-disk store (toulmin load)")
    where.add_argument("--endpoint", metavar="URL", help="a SPARQL 1.1 query endpoint")
    q.add_argument("--format", "-f", choices=FORMATS, default="table", help="output format")
    q.add_argument(
        "--full",
        action="store_true",
        help="run the reference version that needs no summary facts (slower)",
    )
    q.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="error",
        help="least severity whose rows make the exit code 1 (default: error)",
    )
    q.add_argument("--output", "-o", type=Path, help="write the result here")
    q.set_defaults(func=_query)

    s = subparsers.add_parser(
        "synth",
        help="write N synthetic, varied case files (deterministic for a seed)",
        description=(
            "Write N illustrative case files (YAML, valid against the case-file schema) with "
            "varied procedures, outcomes, criteria versions, reviewers, attacks and answers, and "
            "defects planted at stated rates (toulmin.graph.authoring.synth.DEFECT_RATES)."
        ),
    )
    s.add_argument("n", type=int, metavar="N", help="number of determinations")
    s.add_argument("--seed", type=int, default=0, help="the seed (default 0)")
    s.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="output folder")
    s.set_defaults(func=_synth)


def _parse_params(items: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise QueryError(f"--param takes NAME=VALUE, got {item!r}")
        params[name.strip()] = value
    return params


def open_query_target(
    store: Path | None = None,
    endpoint: str | None = None,
    cases: list[Path] | tuple[Path, ...] = (),
) -> SparqlTarget:
    """The target a query runs on: a store, an endpoint, or case files in memory.

    Without any of them the configured store or endpoint is used
    (:func:`toulmin.config.resolve_target`).
    """
    from toulmin.graph.derived.layer import derived_layer
    from toulmin.graph.store.open import open_target

    if cases:
        return open_target(cases=tuple(cases), extra_graphs=derived_layer)
    if store is None and endpoint is None:
        from toulmin.config import resolve_target

        where = resolve_target()
        return open_target(
            store=where.store, endpoint=where.endpoint, update_endpoint=where.update_endpoint
        )
    return open_target(store=store, endpoint=endpoint)


def _query(args: argparse.Namespace) -> int:
    from toulmin.queries.catalogue import catalogue, get_query, load_query
    from toulmin.queries.runner import exit_code, format_result, run_query

    if args.list:
        for query in sorted(catalogue().values(), key=lambda q: q.name):
            shown = ", ".join(
                f"{p.name}:{p.type}" + ("" if p.required else f"={p.default}") for p in query.params
            )
            print(f"{query.name:26} {query.severity:8} {query.title}")
            if shown:
                print(f"{'':26} {'':8} params: {shown}")
        return 0
    cases = list(args.cases)
    if args.sparql is not None:
        if args.name:  # with --sparql, every positional is a case file
            cases.insert(0, Path(args.name))
        query = load_query(args.sparql, header_required=False)
    elif not args.name:
        raise QueryError("give a query NAME (see toulmin query --list) or --sparql FILE")
    else:
        query = get_query(args.name)
    if not cases and args.store is None and args.endpoint is None:
        raise BadInputError("give case files, --store DIR or --endpoint URL to run the query on")
    params = _parse_params(args.param)
    if args.sparql is not None and not query.params:
        from rdflib import Literal

        from toulmin.graph.store.targets import QueryResult

        target = open_query_target(args.store, args.endpoint, cases)
        result: QueryResult = target.select(query.text, {k: Literal(v) for k, v in params.items()})
    else:
        target = open_query_target(args.store, args.endpoint, cases)
        result = run_query(target, query, params, full=True if args.full else None)
    if args.output is not None:
        with args.output.open("w", encoding="utf-8") as out:
            format_result(result, args.format, out, title=query.title)
    else:
        format_result(result, args.format, sys.stdout, title=query.title)
    return exit_code(query, len(result.rows), args.fail_on)


def _synth(args: argparse.Namespace) -> int:
    from toulmin.graph.authoring.synth import write_corpus

    if args.n < 1:
        raise BadInputError("N must be at least 1")
    stats = write_corpus(args.n, args.seed, args.output)
    outcomes = ", ".join(f"{k} {v}" for k, v in sorted((stats.outcomes or {}).items()))
    defects = ", ".join(f"{k} {v}" for k, v in sorted((stats.defects or {}).items()))
    print(f"wrote {stats.cases} case files to {args.output} (seed {args.seed})")
    print(f"outcomes: {outcomes}")
    print(f"planted defects (determinations): {defects}")
    return 0
