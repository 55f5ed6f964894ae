"""Benchmark: loading, memory and auditor-query latency at 1k, 10k and 100k determinations.

One run measures, for each corpus size N (``toulmin synth N --seed 0``):

* **end-to-end load**: case files -> disk store, with :func:`toulmin.graph.store.load.load`
  (validation, compilation, evaluation and summaries through the
  :func:`toulmin.graph.derived.layer.derived_layer` hook, Oxigraph's bulk writer,
  ``optimize()``): seconds, determinations/s, quads/s, and the peak memory (RSS
  summed over the process tree, sampled every 0.2 s);
* **Oxigraph's own bulk load of the same quads**: the loaded store is dumped to
  N-Quads (not timed) and ``Store.bulk_load`` reads that file into a fresh store,
  then ``optimize()``; then the same file again in calls of 250,000 quads, one at a
  time and two at once (as the loader does). The goal is an end-to-end rate of at
  least half of the fastest of the three;
* **every named query** on the disk store (a fresh read-only process): p50 and p95
  of ``--reps`` runs after one warm-up; the one-determination trace rotates over
  20 determinations; the reference versions (no summary facts; generated from the
  audit rules, or ``NAME.full.rq``) are timed too, to show what the summaries buy;
* **rdflib** (up to ``--rdflib-max``): the same N-Quads into an in-memory
  ``rdflib.Dataset`` (seconds, peak memory) and the same queries, each bounded by
  ``--rdflib-timeout`` seconds;
* **Virtuoso** (when ``virtuoso-t`` is installed; the benchmark installs nothing:
  ``make virtuoso``): the same N-Quads through Virtuoso's bulk loader
  (``ld_dir`` + ``rdf_loader_run`` + ``checkpoint``), then the same queries over
  its SPARQL endpoint.

Results go to ``<work>/results.json`` (kept between runs, so sizes can be run
separately) and to the section between ``<!-- bench:store:start -->`` and
``<!-- bench:store:end -->`` of docs/benchmarks.md (the rest of the file is left
as it is). Slow by design (100k takes a long while): it is never run by ``make test``.

Usage::

    python benchmarks/bench_store_queries.py --sizes 1000,10000          # the quick run
    python benchmarks/bench_store_queries.py --sizes 100000 --reps 5     # adds 100k
    python benchmarks/bench_store_queries.py --report-only               # rewrite the doc
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- bench:store:start -->", "<!-- bench:store:end -->"
SEED = 0
TRACE_SAMPLES = 20

#: The goals of issue 4, checked in the report.
GOALS = {
    "load_ratio": 0.5,  # end-to-end rate >= half of Oxigraph's bulk load of the same quads
    "peak_mb_100k": 2048,  # 100k determinations loaded with peak memory under 2 GB
    "query_p50_s": 2.0,  # every named query at 100k under 2 s (p50)
    "trace_p50_s": 0.020,  # a one-determination trace under 20 ms
}


# ---------------------------------------------------------------------------------------
# children: each phase runs in its own process, so its memory is its own
# ---------------------------------------------------------------------------------------


def _emit(out: Path, record: dict[str, Any]) -> None:
    with out.open("a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")


def child_load(corpus: Path, store_dir: Path, out: Path) -> None:
    """Child phase: the end-to-end load of ``corpus`` into ``store_dir``, timed."""
    from toulmin.graph.derived.layer import derived_layer
    from toulmin.graph.store.load import load

    started = time.perf_counter()
    report = load([corpus], store_dir, extra_graphs=derived_layer, bulk=True, progress=False)
    seconds = time.perf_counter() - started
    _emit(
        out,
        {
            "kind": "load",
            "seconds": seconds,
            "loaded": report.loaded,
            "failed": report.failed,
            "quads": report.quads,
            "bulk": report.bulk,
        },
    )


def child_dump(store_dir: Path, nquads: Path, out: Path) -> None:
    """Child phase: the loaded store dumped as N-Quads (not timed)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_dir))
    store.dump(output=str(nquads), format=ox.RdfFormat.N_QUADS)
    _emit(out, {"kind": "dump", "quads": len(store)})


def child_bulk(nquads: Path, store_dir: Path, out: Path) -> None:
    """Child phase: Oxigraph's own bulk load of the N-Quads, one call, then in chunks."""
    import pyoxigraph as ox

    store = ox.Store(str(store_dir))
    started = time.perf_counter()
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    store.flush()
    loaded = time.perf_counter() - started
    store.optimize()
    total = time.perf_counter() - started
    quads = len(store)
    del store
    # the same file in bulk_load calls of 250,000 quads (what the loader does): often faster
    chunked_dir = store_dir.with_name(store_dir.name + "-chunked")
    chunked = ox.Store(str(chunked_dir))
    started = time.perf_counter()
    with nquads.open("rb") as lines:
        while chunk := b"".join(itertools.islice(lines, 250_000)):
            chunked.bulk_load(input=chunk, format=ox.RdfFormat.N_QUADS)
    chunked.flush()
    chunked.optimize()
    chunked_total = time.perf_counter() - started
    del chunked
    shutil.rmtree(chunked_dir, ignore_errors=True)
    # and two such calls at once (Oxigraph builds one call's files while the next parses;
    # the loader does this too), each reading its chunk from the file in turn
    twin = ox.Store(str(chunked_dir))
    lock = threading.Lock()

    def calls(store: ox.Store, lines: IO[bytes]) -> None:
        while True:
            with lock:
                chunk = b"".join(itertools.islice(lines, 250_000))
            if not chunk:
                return
            store.bulk_load(input=chunk, format=ox.RdfFormat.N_QUADS)

    with nquads.open("rb") as lines, ThreadPoolExecutor(2) as pool:
        started = time.perf_counter()
        for done in [pool.submit(calls, twin, lines) for _ in range(2)]:
            done.result()
        twin.flush()
        twin.optimize()
        concurrent_total = time.perf_counter() - started
    del twin
    shutil.rmtree(chunked_dir, ignore_errors=True)
    _emit(
        out,
        {
            "kind": "bulk",
            "seconds": loaded,
            "with_optimize": total,
            "chunked_with_optimize": chunked_total,
            "concurrent_with_optimize": concurrent_total,
            "quads": quads,
        },
    )


def _bulk_base(bulk: dict[str, Any]) -> float | None:
    """The fastest of Oxigraph's bulk loads (one call, 250,000-quad calls, two at once), in s."""
    variants = ("with_optimize", "chunked_with_optimize", "concurrent_with_optimize")
    times = [t for t in (bulk.get(v) for v in variants) if t]
    return min(times) if times else None


def _params() -> dict[str, dict[str, str]]:
    from toulmin.graph.authoring.synth import CRITERIA_VERSIONS, RETRACTED_STUDY

    return {
        "citing-source": {"source": RETRACTED_STUDY},
        "criteria-version": {"current_version": CRITERIA_VERSIONS[-1]},
        "trace": {"determination": "syn-000001"},
    }


def _trace_ids(n: int) -> list[str]:
    step = max(1, n // TRACE_SAMPLES)
    return [f"syn-{i:06d}" for i in range(1, n + 1, step)][:TRACE_SAMPLES]


def _time_queries(
    target: Any,
    n: int,
    reps: int,
    out: Path,
    engine: str,
    *,
    full: bool,
    slow_after: float,
    names: list[str] | None = None,
) -> None:
    """Time every named query (and, with ``full``, the reference versions) on ``target``."""
    from toulmin.queries.catalogue import catalogue
    from toulmin.queries.runner import bindings

    params = _params()
    trace_ids = _trace_ids(n)
    variants: list[tuple[str, Any, bool]] = []
    for name, q in sorted(catalogue().items()):
        if names and name not in names:
            continue
        variants.append((name, q, False))
    if full:
        variants += [
            (name, q, True)
            for name, q in sorted(catalogue().items())
            if q.full is not None and (not names or name in names)
        ]
    for name, q, is_full in variants:
        text = q.full.text if is_full else q.text
        times: list[float] = []
        rows = -1
        error = None
        for k in range(reps + 1):
            given = dict(params.get(name, {}))
            if name == "trace":
                given["determination"] = trace_ids[k % len(trace_ids)]
            values = bindings(q, given)
            started = time.perf_counter()
            try:
                result = target.select(text, values)
            except Exception as err:  # report and go on: one failing query is a result too
                error = f"{type(err).__name__}: {str(err)[:300]}"
                break
            elapsed = time.perf_counter() - started
            if k > 0 or reps == 0:
                times.append(elapsed)
            rows = len(result.rows)
            if elapsed > slow_after:  # a slow query: one timed run is enough
                if not times:
                    times.append(elapsed)
                break
        _emit(
            out,
            {
                "kind": "query",
                "engine": engine,
                "name": name,
                "full": is_full,
                "times": times,
                "rows": rows,
                "error": error,
            },
        )


def child_queries(store_dir: Path, n: int, reps: int, out: Path, slow_after: float) -> None:
    """Child phase: every named query on the disk store, read-only."""
    from toulmin.graph.store.disk import open_store
    from toulmin.graph.store.targets import OxigraphTarget

    target = OxigraphTarget(open_store(store_dir, read_only=True))
    _time_queries(target, n, reps, out, "oxigraph", full=True, slow_after=slow_after)


class _Timeout(Exception):
    pass


def child_rdflib(nquads: Path, n: int, reps: int, out: Path, timeout: int) -> None:
    """Child phase: the N-Quads into an rdflib Dataset, then the queries, each bounded."""
    from rdflib import Dataset

    from toulmin.graph.store.targets import QueryResult, bind_values, from_oxigraph  # noqa: F401

    started = time.perf_counter()
    ds = Dataset()
    ds.parse(str(nquads), format="nquads")
    _emit(out, {"kind": "rdflib-load", "seconds": time.perf_counter() - started, "quads": len(ds)})

    def on_alarm(_signum: int, _frame: Any) -> None:
        raise _Timeout

    signal.signal(signal.SIGALRM, on_alarm)

    class RdflibTarget:
        def select(self, query: str, values: Any = None) -> QueryResult:
            signal.alarm(timeout)
            try:
                result = ds.query(bind_values(query, values))
                rows = [tuple(row) for row in result]  # type: ignore[arg-type]
            except _Timeout:
                raise TimeoutError(f"no answer within {timeout} s") from None
            finally:
                signal.alarm(0)
            return QueryResult([str(v) for v in result.vars or []], rows)

    _time_queries(RdflibTarget(), n, reps, out, "rdflib", full=False, slow_after=5.0)


def child_main(argv: list[str]) -> None:
    """Run the child phase named by ``argv[0]`` with the rest of ``argv``."""
    kind, *rest = argv
    if kind == "load":
        child_load(Path(rest[0]), Path(rest[1]), Path(rest[2]))
    elif kind == "dump":
        child_dump(Path(rest[0]), Path(rest[1]), Path(rest[2]))
    elif kind == "bulk":
        child_bulk(Path(rest[0]), Path(rest[1]), Path(rest[2]))
    elif kind == "queries":
        child_queries(Path(rest[0]), int(rest[1]), int(rest[2]), Path(rest[3]), float(rest[4]))
    elif kind == "rdflib":
        child_rdflib(Path(rest[0]), int(rest[1]), int(rest[2]), Path(rest[3]), int(rest[4]))
    else:
        raise SystemExit(f"unknown child {kind}")


# ---------------------------------------------------------------------------------------
# the parent: runs children, samples their memory, collects results
# ---------------------------------------------------------------------------------------


def run_child(
    args: list[str], out: Path, timeout: float
) -> tuple[list[dict[str, Any]], float, bool]:
    """Run a child phase: its records, the peak RSS (MB) of its tree, whether it finished."""
    import psutil

    out.unlink(missing_ok=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    proc = subprocess.Popen(cmd, start_new_session=True)
    peak = 0
    finished = True
    started = time.monotonic()
    with contextlib.suppress(psutil.NoSuchProcess):
        parent = psutil.Process(proc.pid)
        while proc.poll() is None:
            total = 0
            with contextlib.suppress(psutil.Error):
                for p in [parent, *parent.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):
                        total += p.memory_info().rss
            peak = max(peak, total)
            if time.monotonic() - started > timeout:
                finished = False
                os.killpg(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.2)
    proc.wait()
    records = []
    if out.exists():
        records = [
            json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line
        ]
    if proc.returncode not in (0, None) and finished:
        print(f"  child {args[0]} exited with {proc.returncode}", file=sys.stderr)
    return records, peak / 2**20, finished


def ensure_corpus(n: int, work: Path) -> tuple[Path, float | None]:
    """The synthetic corpus of ``n`` files in ``work`` (made once), and seconds to make it."""
    from toulmin.graph.authoring.synth import write_corpus

    corpus = work / f"corpus-{n}"
    stamp = corpus / ".complete"
    if stamp.exists():
        return corpus, None
    started = time.perf_counter()
    write_corpus(n, SEED, corpus)
    seconds = time.perf_counter() - started
    stamp.write_text(str(seconds))
    return corpus, seconds


def _summarise_times(records: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for r in records:
        if r["kind"] != "query":
            continue
        times = sorted(r["times"])
        key = r["name"] + (" (full)" if r["full"] else "")
        entry = {"rows": r["rows"], "error": r["error"], "runs": len(times)}
        if times:
            entry["p50"] = statistics.median(times)
            entry["p95"] = times[min(len(times) - 1, max(0, round(0.95 * len(times) + 0.5) - 1))]
        out[key] = entry
    return out


def run_virtuoso(
    nquads: Path, n: int, reps: int, work: Path, buffers: int, slow_after: float
) -> dict[str, Any]:
    """Load the N-Quads into a private Virtuoso and time the queries over HTTP."""
    import psutil

    from toulmin.graph.store.remote import RemoteTarget
    from toulmin.graph.store.servers import _isql, start_virtuoso, virtuoso_command

    try:
        virtuoso_command()
    except Exception as err:
        return {"missing": str(err)}
    vdir = work / f"virtuoso-{n}"
    shutil.rmtree(vdir, ignore_errors=True)
    vdir.mkdir(parents=True)
    data = vdir / "data"
    data.mkdir()
    os.link(nquads, data / "corpus.nq")
    server = start_virtuoso(vdir, buffers=buffers, allow_update=False, timeout=180)
    result: dict[str, Any] = {"buffers": buffers}
    try:
        proc = psutil.Process(server.process.pid)
        started = time.perf_counter()
        _isql(server, f"ld_dir('{data}', '*.nq', 'urn:toulmin:bench:default');", timeout=600)
        _isql(server, "rdf_loader_run();", timeout=7200)
        _isql(server, "checkpoint;", timeout=3600)
        result["load_seconds"] = time.perf_counter() - started
        result["rss_mb_after_load"] = proc.memory_info().rss / 2**20
        out = work / f"virtuoso-{n}.jsonl"
        out.unlink(missing_ok=True)
        target = RemoteTarget(server.query_url)
        _time_queries(target, n, reps, out, "virtuoso", full=True, slow_after=slow_after)
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        result["queries"] = _summarise_times(records)
        result["rss_mb_after_queries"] = proc.memory_info().rss / 2**20
    finally:
        server.stop()
        shutil.rmtree(vdir, ignore_errors=True)
    return result


def run_size(n: int, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Every phase at corpus size ``n``: the size's results."""
    res: dict[str, Any] = {"n": n, "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")}
    res["load_average_before"] = os.getloadavg()
    print(f"[{n}] corpus", flush=True)
    corpus, synth_seconds = ensure_corpus(n, work)
    res["synth_seconds"] = synth_seconds
    res["corpus_mb"] = sum(p.stat().st_size for p in corpus.glob("*.yaml")) / 2**20

    store_dir = work / f"store-{n}"
    shutil.rmtree(store_dir, ignore_errors=True)
    print(f"[{n}] end-to-end load", flush=True)
    recs, peak, done = run_child(
        ["load", str(corpus), str(store_dir), str(work / "load.jsonl")],
        work / "load.jsonl",
        args.load_timeout,
    )
    load = next((r for r in recs if r["kind"] == "load"), None)
    res["load"] = {**(load or {}), "peak_mb": peak, "finished": done}
    if load is None:
        return res
    res["store_mb"] = sum(p.stat().st_size for p in store_dir.rglob("*") if p.is_file()) / 2**20

    nquads = work / f"corpus-{n}.nq"
    print(f"[{n}] dump + Oxigraph bulk load of the same quads", flush=True)
    run_child(
        ["dump", str(store_dir), str(nquads), str(work / "dump.jsonl")],
        work / "dump.jsonl",
        args.load_timeout,
    )
    bulk_dir = work / f"bulk-{n}"
    shutil.rmtree(bulk_dir, ignore_errors=True)
    recs, peak, done = run_child(
        ["bulk", str(nquads), str(bulk_dir), str(work / "bulk.jsonl")],
        work / "bulk.jsonl",
        args.load_timeout,
    )
    bulk = next((r for r in recs if r["kind"] == "bulk"), {})
    res["bulk"] = {**bulk, "peak_mb": peak, "finished": done}
    shutil.rmtree(bulk_dir, ignore_errors=True)

    print(f"[{n}] queries on the disk store", flush=True)
    recs, peak, done = run_child(
        [
            "queries",
            str(store_dir),
            str(n),
            str(args.reps),
            str(work / "queries.jsonl"),
            str(args.slow_after),
        ],
        work / "queries.jsonl",
        args.query_timeout,
    )
    res["queries"] = _summarise_times(recs)
    res["queries_peak_mb"] = peak
    res["queries_finished"] = done

    if n <= args.rdflib_max:
        print(f"[{n}] rdflib Dataset", flush=True)
        reps = args.reps if n <= 1000 else 1
        recs, peak, done = run_child(
            [
                "rdflib",
                str(nquads),
                str(n),
                str(reps),
                str(work / "rdflib.jsonl"),
                str(args.rdflib_timeout),
            ],
            work / "rdflib.jsonl",
            args.query_timeout,
        )
        rload = next((r for r in recs if r["kind"] == "rdflib-load"), {})
        res["rdflib"] = {
            "load": rload,
            "peak_mb": peak,
            "finished": done,
            "queries": _summarise_times(recs),
        }
    if not args.no_virtuoso:
        print(f"[{n}] Virtuoso", flush=True)
        try:
            res["virtuoso"] = run_virtuoso(
                nquads, n, args.reps, work, args.virtuoso_buffers, args.slow_after
            )
        except Exception as err:  # report, do not lose the other results
            res["virtuoso"] = {"error": f"{type(err).__name__}: {str(err)[:500]}"}
    if not args.keep:
        nquads.unlink(missing_ok=True)
        if n > 10_000:
            shutil.rmtree(store_dir, ignore_errors=True)
    res["load_average_after"] = os.getloadavg()
    return res


# ---------------------------------------------------------------------------------------
# the report
# ---------------------------------------------------------------------------------------


NOTES = [
    "### Notes",
    "",
    "- Shape: a synthetic determination is about 271 asserted quads plus about 84 derived",
    "  ones (the evaluator's labels and explanations, and the summary), about 355 in all:",
    "  more than twice the 150-quad shape of the issue's reference numbers, so rates are",
    "  given in quads per second too.",
    "- End-to-end load is `toulmin.graph.store.load.load(..., extra_graphs=derived_layer,",
    "  bulk=True)`: every case file is read and validated (YAML, JSON Schema, references),",
    "  compiled, evaluated (grounded labels with explanations) and summarised in worker",
    "  processes, then streamed into Oxigraph's bulk loader (`Store.bulk_load`, calls of",
    "  250,000 quads, two at once) and `optimize()`d. Oxigraph's own bulk load reads the",
    "  N-Quads dump of that same store, so both write the same quads; it is timed as one call",
    "  for the whole file, as calls of 250,000 quads one at a time, and two at a time, and",
    "  the ratio is taken against the fastest of the three.",
    "  Peak memory is the resident memory of the loading process and its workers together.",
    "- Named queries read the per-determination summary facts (`graph/derived/summaries.py`); the",
    '  "reference" column is the same query computed from the asserted graphs alone',
    "  (generated from the audit rules, or `NAME.full.rq`): the difference is what the",
    "  summaries buy. Tests check that both give the same rows.",
    "- rdflib runs the same query text on an in-memory `Dataset` holding the same quads, each",
    "  query bounded by a time-out; Virtuoso loads the same N-Quads with its bulk loader and",
    "  answers over its SPARQL endpoint (HTTP and JSON parsing included in its times).",
    "- How the queries are written to stay fast is in docs/queries.md.",
]


def machine() -> dict[str, Any]:
    """The machine: CPU, memory, cores and the versions that matter."""
    import psutil

    cpu = platform.processor() or ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions = {}
    for pkg in ("pyoxigraph", "rdflib", "PyYAML", "jsonschema"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version

            versions[pkg] = version(pkg)
    virtuoso = None
    with contextlib.suppress(Exception):
        from toulmin.graph.store.servers import virtuoso_command

        done = subprocess.run(
            [virtuoso_command(), "--help"], capture_output=True, text=True, check=False, timeout=20
        )
        virtuoso = next(
            (
                ln.strip()
                for ln in (done.stdout + done.stderr).splitlines()
                if ln.startswith("Version")
            ),
            "installed",
        )
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "packages": versions,
        "virtuoso": virtuoso,
    }


def _ms(value: float | None) -> str:
    if value is None:
        return "-"
    if value >= 10:
        return f"{value:.1f} s"
    if value >= 1:
        return f"{value:.2f} s"
    return f"{value * 1000:.1f} ms" if value < 0.1 else f"{value * 1000:.0f} ms"


def _q(entry: dict[str, Any] | None) -> str:
    if not entry:
        return "-"
    error = entry.get("error") or ""
    if error.startswith("TimeoutError"):
        seconds = error.rsplit("within ", 1)[-1].split(" ")[0]
        return f"> {seconds} s"
    if error:
        return "error"
    if "p50" not in entry:
        return "-"
    text = _ms(entry["p50"])
    if entry.get("runs", 0) > 1:
        text += f" / {_ms(entry['p95'])}"
    return text


def report(results: dict[str, Any], info: dict[str, Any]) -> str:
    """The markdown section from all sizes' results."""
    sizes = sorted(results, key=int)
    lines = [
        START,
        "## Store and auditor queries (benchmarks/bench_store_queries.py)",
        "",
        "Generated by `python benchmarks/bench_store_queries.py` (see its docstring for what each",
        "phase does); edit the script, not this section. Corpus: `toulmin synth N --seed 0`.",
        "",
        f"Machine: {info['nproc']} CPUs ({info['cpu']}), {info['ram_gb']} GB RAM, {info['os']}, "
        f"Python {info['python']}; "
        + ", ".join(f"{k} {v}" for k, v in info["packages"].items())
        + f"; Virtuoso: {info['virtuoso'] or 'not installed'}.",
        "The machine is shared: the 1-minute load average before and after each size is given,",
        "and timings on a busy machine are upper bounds.",
        "",
        "### Loading",
        "",
        "| determinations | quads | end-to-end load (case files -> disk store) | peak memory |"
        " Oxigraph bulk load of the same quads (+ optimize) | ratio e2e / fastest bulk |"
        " store on disk |"
        " rdflib Dataset load (peak memory) | Virtuoso bulk load |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for s in sizes:
        r = results[s]
        load, bulk = r.get("load", {}), r.get("bulk", {})
        n = int(s)
        quads = load.get("quads") or bulk.get("quads") or 0
        e2e = load.get("seconds")
        base = _bulk_base(bulk)
        e2e_txt = (
            f"{e2e:.0f} s: {n / e2e:,.0f} det/s, {quads / e2e:,.0f} quads/s"
            if e2e and load.get("finished", True)
            else "did not finish"
        )
        chunked = bulk.get("chunked_with_optimize")
        concurrent = bulk.get("concurrent_with_optimize")
        base_txt = (
            f"{bulk['seconds']:.1f} s ({bulk['with_optimize']:.1f} s)"
            + (f"; in 250k-quad calls {chunked:.1f} s" if chunked else "")
            + (f", two at once {concurrent:.1f} s" if concurrent else "")
            + f": {n / base:,.0f} det/s, {quads / base:,.0f} quads/s"
            if base
            else "-"
        )
        ratio = f"{(n / e2e) / (n / base):.3f}" if e2e and base else "-"
        rd = r.get("rdflib", {})
        rd_load = rd.get("load", {}).get("seconds")
        rd_txt = (
            f"{rd_load:.0f} s: {n / rd_load:,.0f} det/s ({rd['peak_mb']:,.0f} MB)"
            if rd_load
            else "-"
        )
        v = r.get("virtuoso", {})
        v_txt = (
            f"{v['load_seconds']:.0f} s: {n / v['load_seconds']:,.0f} det/s"
            if "load_seconds" in v
            else ("not installed" if "missing" in v else ("error" if "error" in v else "-"))
        )
        store = f"{r['store_mb']:,.0f} MB" if r.get("store_mb") else "-"
        lines.append(
            f"| {n:,} | {quads:,} | {e2e_txt} | {load.get('peak_mb', 0):,.0f} MB | {base_txt} |"
            f" {ratio} | {store} | {rd_txt} | {v_txt} |"
        )
    lines += [
        "",
        "Load average (1 min) before / after: "
        + "; ".join(
            f"{int(s):,}: {results[s]['load_average_before'][0]:.1f} / "
            f"{results[s].get('load_average_after', [0])[0]:.1f}"
            for s in sizes
        ),
        "",
    ]

    names = sorted({k for s in sizes for k in results[s].get("queries", {}) if "(full)" not in k})
    lines += [
        "### Named queries: p50 / p95",
        "",
        "Oxigraph: the disk store loaded above, read-only, in a fresh process; "
        "`trace` rotates over 20 determinations. "
        "The reference version (no summary facts: generated from the audit rules, "
        "or `NAME.full.rq`) is shown where there is one. "
        "rdflib and Virtuoso run the same query text with the same bound values.",
        "",
        "| query | "
        + " | ".join(f"Oxigraph {int(s):,}" for s in sizes)
        + " | "
        + " | ".join(f"reference {int(s):,}" for s in sizes)
        + " | "
        + " | ".join(f"rdflib {int(s):,}" for s in sizes if results[s].get("rdflib"))
        + " | "
        + " | ".join(
            f"Virtuoso {int(s):,}" for s in sizes if "queries" in results[s].get("virtuoso", {})
        )
        + " | rows at "
        + f"{int(sizes[-1]):,}"
        + " |",
    ]
    ncols = (
        1
        + 2 * len(sizes)
        + sum(1 for s in sizes if results[s].get("rdflib"))
        + sum(1 for s in sizes if "queries" in results[s].get("virtuoso", {}))
        + 1
    )
    lines.append("|" + "---|" * ncols)
    for name in names:
        cells = [_q(results[s].get("queries", {}).get(name)) for s in sizes]
        cells += [_q(results[s].get("queries", {}).get(name + " (full)")) for s in sizes]
        cells += [
            _q(results[s]["rdflib"]["queries"].get(name)) for s in sizes if results[s].get("rdflib")
        ]
        cells += [
            _q(results[s]["virtuoso"]["queries"].get(name))
            for s in sizes
            if "queries" in results[s].get("virtuoso", {})
        ]
        rows = results[sizes[-1]].get("queries", {}).get(name, {}).get("rows", "-")
        lines.append(f"| `{name}` | " + " | ".join(cells) + f" | {rows} |")

    lines += ["", "### Goals", ""]
    lines += _goals(results)
    errors = [
        (s, eng, k, e["error"])
        for s in sizes
        for eng, qs in (
            ("Oxigraph", results[s].get("queries", {})),
            ("rdflib", results[s].get("rdflib", {}).get("queries", {})),
            ("Virtuoso", results[s].get("virtuoso", {}).get("queries", {})),
        )
        for k, e in qs.items()
        if e.get("error")
    ]
    errors = [e for e in errors if not e[3].startswith("TimeoutError")]
    if errors:
        lines += ["", "Queries that failed (reference versions are written for Oxigraph):", ""]
        seen = set()
        for _size, eng, k, err in errors:
            first = _error_line(err)
            if (eng, k, first) in seen:
                continue
            seen.add((eng, k, first))
            lines.append(f"- {eng} `{k}`: {first}")
    lines += ["", *NOTES, "", END]
    return "\n".join(lines) + "\n"


def _error_line(error: str) -> str:
    """The informative part of an engine's error message, on one line."""
    text = error.split("SPARQL query:", 1)[0]
    for marker in ("Virtuoso ", "Error "):
        if marker in text:
            text = text[text.index(marker) :]
            break
    return " ".join(text.split())[:200]


def _goals(results: dict[str, Any]) -> list[str]:
    out = []
    for s in sorted(results, key=int):
        r = results[s]
        n = int(s)
        load, bulk = r.get("load", {}), r.get("bulk", {})
        base = _bulk_base(bulk)
        if load.get("seconds") and base:
            ratio = base / load["seconds"]
            ok = "met" if ratio >= GOALS["load_ratio"] else "NOT met"
            out.append(
                f"- {n:,}: end-to-end load at {ratio:.3f} of Oxigraph's bulk rate "
                f"(goal >= {GOALS['load_ratio']}): {ok}."
            )
        if n >= 100_000 and load:
            ok = (
                "met"
                if load.get("peak_mb", 1e9) < GOALS["peak_mb_100k"] and load.get("finished")
                else "NOT met"
            )
            out.append(
                f"- {n:,}: peak memory of the load {load.get('peak_mb', 0):,.0f} MB "
                f"(goal < {GOALS['peak_mb_100k']:,} MB): {ok}."
            )
        qs = r.get("queries", {})
        named = {k: v for k, v in qs.items() if "(full)" not in k and k != "trace"}
        if named:
            slow = [
                k
                for k, v in named.items()
                if v.get("error") or v.get("p50", 1e9) >= GOALS["query_p50_s"]
            ]
            worst = max(named.items(), key=lambda kv: kv[1].get("p50", 1e9))
            out.append(
                f"- {n:,}: slowest named query `{worst[0]}` p50 {_ms(worst[1].get('p50'))} "
                f"(goal < 2 s): {'met' if not slow else 'NOT met for ' + ', '.join(slow)}."
            )
        for engine, found in (
            ("Oxigraph", qs),
            ("Virtuoso", r.get("virtuoso", {}).get("queries", {})),
        ):
            named_here = {k: v for k, v in found.items() if "(full)" not in k}
            if named_here:
                fast = sum(
                    1 for v in named_here.values() if v.get("p50", 1e9) < GOALS["query_p50_s"]
                )
                out.append(
                    f"- {n:,}: {engine} answers {fast} of {len(named_here)} named queries "
                    "in under 2 s (p50)."
                )
        if "trace" in qs and "p50" in qs["trace"]:
            t = qs["trace"]["p50"]
            out.append(
                f"- {n:,}: one-determination trace p50 {_ms(t)} (goal < 20 ms): "
                f"{'met' if t < GOALS['trace_p50_s'] else 'NOT met'}."
            )
    return out


def write_doc(text: str) -> None:
    """Replace the section between the markers in docs/benchmarks.md (or add it)."""
    DOC.parent.mkdir(parents=True, exist_ok=True)
    if DOC.exists():
        current = DOC.read_text(encoding="utf-8")
        if START in current and END in current:
            before, rest = current.split(START, 1)
            after = rest.split(END, 1)[1]
            DOC.write_text(before + text.rstrip("\n") + after, encoding="utf-8")
            return
        DOC.write_text(current.rstrip("\n") + "\n\n" + text, encoding="utf-8")
        return
    DOC.write_text("# Benchmarks\n\n" + text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or, with ``--child``, one phase)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "--child":
        child_main(argv[1:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes")
    parser.add_argument(
        "--reps", type=int, default=7, help="timed runs per query (after a warm-up)"
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=Path("/tmp/toulmin-bench"),
        help="working folder (corpora, stores, results.json)",
    )
    parser.add_argument("--rdflib-max", type=int, default=10_000)
    parser.add_argument("--rdflib-timeout", type=int, default=120, help="seconds per rdflib query")
    parser.add_argument(
        "--slow-after", type=float, default=30.0, help="a query slower than this is timed once"
    )
    parser.add_argument("--load-timeout", type=float, default=4 * 3600)
    parser.add_argument("--query-timeout", type=float, default=2 * 3600)
    parser.add_argument(
        "--virtuoso-buffers",
        type=int,
        default=400_000,
        help="Virtuoso NumberOfBuffers (8 KiB pages)",
    )
    parser.add_argument("--no-virtuoso", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the N-Quads and large stores")
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument("--no-doc", action="store_true", help="do not touch docs/benchmarks.md")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    store = args.work / "results.json"
    saved: dict[str, Any] = json.loads(store.read_text()) if store.exists() else {}
    results = saved.get("results", {})
    info = saved.get("machine") or machine()
    if not args.report_only:
        info = machine()
        for n in (int(x) for x in args.sizes.split(",") if x):
            results[str(n)] = run_size(n, args, args.work)
            store.write_text(json.dumps({"machine": info, "results": results}, indent=1))
    text = report(results, info)
    if not args.no_doc:
        write_doc(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
