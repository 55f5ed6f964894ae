"""The worker processes that read and compile input files for a load.

Owns :class:`Pool`: ``fork``-started workers running
:func:`~toulmin.graph.store.inputs.prepare_file` on chunks of files, a bounded number
of chunks in flight, results in input order, workers that end with their parent
(PDEATHSIG and a watch of the parent's pid), and the workers' garbage-collector
tuning. Imports :mod:`~toulmin.graph.store.inputs` and the die-with-parent helper of
:mod:`~toulmin.graph.store.servers`, nothing else of the store.
"""

from __future__ import annotations

import gc
import os
import pickle
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from toulmin.graph.store.inputs import ExtraGraphs, Prepared, prepare_file
from toulmin.graph.store.servers import die_with_parent

__all__ = [
    "CHUNK",
    "IN_FLIGHT_FILES",
    "PARENT_WATCH_SECONDS",
    "POOL_MIN_FILES",
    "WORKER_GC_THRESHOLD",
    "Pool",
    "watch_parent",
]

#: A worker's first-generation collection threshold (CPython's default: 700).
WORKER_GC_THRESHOLD = 10_000
#: Files per process-pool task and the least number of files worth a pool.
CHUNK = 4
POOL_MIN_FILES = 24
#: Files read ahead of the writer: enough (about 20 MB of N-Triples) that the workers keep
#: reading while the writer is busy with a batch, few enough to bound the memory.
IN_FLIGHT_FILES = 512
#: How often a worker looks whether its parent is still alive (where PDEATHSIG is missing).
PARENT_WATCH_SECONDS = 1.0


def _picklable(value: object) -> bool:
    try:
        pickle.dumps(value)
    except Exception:
        return False
    return True


class Pool:
    """Worker processes that read and compile files, started before the store is opened.

    The ``fork`` start method is used (no re-import of the caller's ``__main__``, so
    scripts need no ``if __name__ == "__main__"`` guard); starting the workers before
    RocksDB starts its threads keeps the fork clean.
    """

    def __init__(self, jobs: int, files: int, extra_graphs: ExtraGraphs | None) -> None:
        self.executor: ProcessPoolExecutor | None = None
        self.jobs = jobs
        if jobs > 1 and files >= POOL_MIN_FILES and _picklable(extra_graphs):
            self.executor = ProcessPoolExecutor(
                max_workers=jobs,
                mp_context=get_context("fork"),
                initializer=_worker_start,
                initargs=(os.getpid(),),
            )
            warm = [self.executor.submit(os.getpid) for _ in range(jobs)]
            for future in warm:
                future.result()

    def close(self) -> None:
        """Stop the worker processes, cancelling files not yet started."""
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)

    def stream(self, files: Sequence[Path], extra_graphs: ExtraGraphs | None) -> Iterator[Prepared]:
        """Prepared files in input order, with a bounded number of chunks in flight."""
        if self.executor is None:
            for path in files:
                yield prepare_file(path, extra_graphs)
            return
        pool = self.executor
        chunks = iter([files[i : i + CHUNK] for i in range(0, len(files), CHUNK)])
        pending: deque[Future[list[Prepared]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_prepare_chunk, chunk, extra_graphs))
            if len(pending) * CHUNK >= IN_FLIGHT_FILES:
                break
        while pending:
            done = pending.popleft().result()
            for chunk in chunks:
                pending.append(pool.submit(_prepare_chunk, chunk, extra_graphs))
                break
            yield from done


def watch_parent(parent: int, interval: float = PARENT_WATCH_SECONDS) -> threading.Thread:
    """End this process as soon as ``parent`` is no longer its parent.

    Checks at once (the parent may have died before this ran), then every ``interval``
    seconds in a daemon thread; on platforms without ``PR_SET_PDEATHSIG`` this is what
    keeps a worker from outliving a parent killed with SIGKILL.
    """

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(interval)

    if os.getppid() != parent:
        os._exit(1)
    thread = threading.Thread(target=watch, name="toulmin-parent-watch", daemon=True)
    thread.start()
    return thread


def _worker_start(parent: int) -> None:
    """Tie a worker's life to its parent's, and tune its garbage collector.

    The worker asks the kernel for SIGTERM when its parent dies (Linux,
    :func:`~toulmin.graph.store.servers.die_with_parent`) and watches the parent's pid
    (:func:`watch_parent`, everywhere): a ``kill -9`` of ``toulmin load`` leaves no
    worker behind.

    Reading a case file allocates tens of thousands of short-lived objects, and with
    CPython's default thresholds the cyclic collector ran so often that it took an
    eighth of a worker's time (2.40 ms -> 2.05 ms per synthetic file without it).
    What the worker inherited from the parent is frozen (never scanned again) and
    collections come ten times less often; cycles are still collected.
    """
    die_with_parent()
    watch_parent(parent)
    gc.freeze()
    gc.set_threshold(WORKER_GC_THRESHOLD, 20, 100)


def _prepare_chunk(paths: Sequence[Path], extra_graphs: ExtraGraphs | None) -> list[Prepared]:
    return [prepare_file(p, extra_graphs) for p in paths]
