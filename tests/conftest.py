"""Shared test set-up.

With ``CI=true`` no test may be skipped: a missing tool is an install step to add
(see the Makefile), so a skip there fails the run. Outside CI, a skip says what to
install. Use :func:`require_tool` rather than a bare ``pytest.skip``.

Shared code that is not a fixture (paths, hypothesis strategies, builders) lives in the
``tests.helpers`` package and is imported like any module.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from tests.helpers.paths import EXAMPLES

# No hypothesis deadline: a per-example time limit is a timed assertion, and on a shared,
# loaded machine it fails tests that are correct (speed is measured in benchmarks/).
settings.register_profile("toulmin", deadline=None)
settings.load_profile("toulmin")

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_tool(command: str, install_hint: str) -> str:
    """Path of ``command``; fail in CI, skip elsewhere with ``install_hint`` when missing."""
    found = shutil.which(command)
    if found:
        return found
    message = f"'{command}' is not installed: {install_hint}"
    if IN_CI:
        pytest.fail(message + " (CI=true: nothing may be skipped)")
    pytest.skip(message)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI, turn any skip into a failure of the run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if not IN_CI or reporter is None:
        return
    skipped = reporter.stats.get("skipped", [])
    if skipped:
        reporter.write_line(
            f"CI=true: {len(skipped)} test(s) skipped; install what they need in the Makefile",
            red=True,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """The examples/ folder."""
    return EXAMPLES


@pytest.fixture(scope="session")
def flagship_path() -> Path:
    """The flagship case file."""
    return EXAMPLES / "l4-5-revision.yaml"


@pytest.fixture(scope="session")
def need_tool():  # type: ignore[no-untyped-def]
    """The :func:`require_tool` function, for tests that need an external program."""
    return require_tool


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Cached verdicts (toulmin.ontology.cache) go to a folder of the test run, not ~/.cache."""
    os.environ.setdefault("TOULMIN_CACHE_DIR", str(tmp_path_factory.mktemp("toulmin-cache")))
