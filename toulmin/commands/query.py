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
import contextlib
import sys
from pathlib import Path
from typing import Any

from toulmin.errors import BadInputError, QueryError
from toulmin.graph.store.targets import SparqlTarget

__all__ = ["open_query_target", "register"]


class _IntermixedParser(argparse.ArgumentParser):
    """A parser that takes positionals before, between and after options.

    ``toulmin query NAME --param K=V CASE...`` (as the README writes it): a plain
    parser takes ``NAME`` and an empty ``CASE...`` at once and then refuses the case
    files after ``--param``. :meth:`parse_known_intermixed_args` reads the options
    first and then every positional; it calls :meth:`parse_known_args` itself, so the
    inner calls go straight to the plain parser.
    """

    _parsing = False

    def parse_known_args(  # type: ignore[override]
        self, args: Any = None, namespace: Any = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if self._parsing:
            return super().parse_known_args(args, namespace)
        self._parsing = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._parsing = False


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
    q.__class__ = _IntermixedParser  # case files may follow the options, too
    q.add_argument("name", nargs="?", metavar="NAME", help="query name (see --list)")
    q.add_argument(
        "cases",
        nargs="*",
        type=Path,
        metavar="CASE",
        help="case files or folders of them, loaded into an in-memory store "
        "(instead of --store or --endpoint, not with them)",
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
    q.add_argument(
        "--full-iris",
        action="store_true",
        help="print IRIs in full in table and csv (default: d:/ontology IRIs short; json: full)",
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


def open_query_target(
    store: Path | None = None,
    endpoint: str | None = None,
    cases: list[Path] | tuple[Path, ...] = (),
) -> SparqlTarget:
    """The target a query runs on: a store, an endpoint, or case files in memory.

    Without any of them the configured store or endpoint is used
    (:func:`toulmin.config.resolve_target`).

    Raises
    ------
    QueryError
        When case files come with a store or an endpoint: the query runs on one target,
        and the message says which to drop (exit code 2).
    """
    from toulmin.graph.derived.layer import derived_layer
    from toulmin.graph.store.open import open_target

    _one_target(store, endpoint, cases)
    if cases:
        return open_target(cases=tuple(cases), extra_graphs=derived_layer)
    if store is None and endpoint is None:
        from toulmin.config import resolve_target

        where = resolve_target()
        return open_target(
            store=where.store, endpoint=where.endpoint, update_endpoint=where.update_endpoint
        )
    return open_target(store=store, endpoint=endpoint)


def _one_target(
    store: Path | None, endpoint: str | None, cases: list[Path] | tuple[Path, ...]
) -> None:
    """Refuse case files given with a store or an endpoint (one target per query)."""
    if cases and (store is not None or endpoint is not None):
        option = "--store" if store is not None else "--endpoint"
        where = "store" if store is not None else "endpoint"
        named = ", ".join(str(c) for c in cases[:3]) + (", ..." if len(cases) > 3 else "")
        raise QueryError(
            f"give case files or {option}, not both: drop {option} to query the case files "
            f"({named}), or drop the case files to query the {where}"
        )


def _query(args: argparse.Namespace) -> int:
    from toulmin.queries.catalogue import get_query, load_query
    from toulmin.queries.runner import (
        catalogue_text,
        exit_code,
        format_result,
        parse_params,
        run_ad_hoc,
        run_query,
    )

    if args.list:
        print(catalogue_text())
        return 0
    cases = list(args.cases)
    if args.sparql is not None and args.name:  # with --sparql, every positional is a case file
        cases.insert(0, Path(args.name))
    if args.sparql is None and not args.name:
        raise QueryError("give a query NAME (see toulmin query --list) or --sparql FILE")
    if not cases and args.store is None and args.endpoint is None:
        raise BadInputError("give case files, --store DIR or --endpoint URL to run the query on")
    _one_target(args.store, args.endpoint, cases)
    params = parse_params(args.param)
    full = True if args.full else None
    if args.sparql is not None:
        query = load_query(args.sparql, header_required=False)
        target = open_query_target(args.store, args.endpoint, cases)
        result = run_ad_hoc(target, query, params, full=full)
    else:
        query = get_query(args.name)
        target = open_query_target(args.store, args.endpoint, cases)
        result = run_query(target, query, params, full=full)
    with (
        args.output.open("w", encoding="utf-8")
        if args.output is not None
        else contextlib.nullcontext(sys.stdout)
    ) as out:
        format_result(result, args.format, out, title=query.title, full_iris=args.full_iris)
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
