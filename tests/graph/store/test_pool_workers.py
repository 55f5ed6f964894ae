"""No pool worker outlives its parent (issue 15: kill -9 of ``toulmin load`` left them).

A child process starts a :class:`~toulmin.graph.store.pool.Pool`, prints its workers'
pids and waits; the test kills it with SIGKILL and waits for the workers to be gone.
Once as it runs (PDEATHSIG on Linux, and the parent watch), once with PDEATHSIG
disabled, so that the parent watch alone must end them (the platforms without it).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

SCRIPT = textwrap.dedent(
    """
    import sys, time
    import toulmin.graph.store.pool as pool
    if sys.argv[1] == "no-pdeathsig":
        pool.die_with_parent = lambda: None
    p = pool.Pool(2, pool.POOL_MIN_FILES, None)
    print(" ".join(str(pid) for pid in p.executor._processes), flush=True)
    time.sleep(600)
    """
)


def alive(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie waiting to be reaped is not)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def gone_within(pids: list[int], seconds: float) -> list[int]:
    """The pids still alive after waiting up to ``seconds`` (polling) for them to end."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        left = [p for p in pids if alive(p)]
        if not left:
            return []
        time.sleep(0.1)
    return [p for p in pids if alive(p)]


@pytest.mark.parametrize("mode", ["as-run", "no-pdeathsig"])
def test_workers_end_when_the_parent_is_killed(mode: str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, mode], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        pids = [int(p) for p in child.stdout.readline().split()]
        assert len(pids) == 2
        assert all(alive(p) for p in pids)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        left = gone_within(pids, 60)
        for pid in left:  # do not leave them behind if the test fails
            os.kill(pid, signal.SIGKILL)
        assert left == []
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def test_the_watch_ends_a_process_whose_parent_is_gone() -> None:
    """watch_parent: a process whose recorded parent is not its parent ends at once."""
    script = textwrap.dedent(
        """
        import os, time
        from toulmin.graph.store.pool import watch_parent
        watch_parent(os.getppid() + 1_000_000)  # not the parent: must exit here
        time.sleep(600)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], timeout=120)
    assert done.returncode == 1
