"""HermiT, the OWL 2 DL reasoner, run as its own Java process: the jar owlready2 ships.

:func:`run_hermit` writes the graph (N-Triples) to a private temporary folder, runs
HermiT's command line with ``-k`` (is ``owl:Thing`` satisfiable, that is, is the ontology
consistent: no classification) and reads the verdict from its exit status and output.
Nothing global is changed, so runs in several threads do not meet. owlready2 is not
imported: only the location of its ``hermit`` folder is looked up.

Imports: :mod:`toulmin.errors`.

Examples
--------
>>> Path(hermit_classpath()[-1]).name
'HermiT.jar'
>>> len(reasoner_version())
71
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from toulmin.errors import BadInputError, ConfigurationError, MissingToolError

__all__ = ["JAVA_MEMORY_MB", "HermitRun", "hermit_classpath", "reasoner_version", "run_hermit"]

#: the Java heap HermiT may use (owlready2's default)
JAVA_MEMORY_MB = 2000
_MAIN = "org.semanticweb.HermiT.cli.CommandLine"
_INSTALL = "reinstall toulmin's dependencies (`pip install owlready2`): it ships HermiT.jar"
_INSTALL_JAVA = "run `make java` (or `apt-get install -y default-jre-headless`)"


@dataclass(frozen=True)
class HermitRun:
    """One HermiT run: its verdict, its message when inconsistent, its command and time."""

    consistent: bool
    message: str
    command: tuple[str, ...]
    seconds: float


@functools.cache
def hermit_classpath() -> tuple[str, ...]:
    """The class path of HermiT as owlready2 ships it: its ``hermit`` folder and the jar.

    Raises
    ------
    MissingToolError
        When owlready2, or its HermiT.jar, is not installed.
    """
    spec = importlib.util.find_spec("owlready2")
    locations = [] if spec is None else list(spec.submodule_search_locations or ())
    for location in locations:
        folder = Path(location) / "hermit"
        if (folder / "HermiT.jar").is_file():
            return (str(folder), str(folder / "HermiT.jar"))
    raise MissingToolError(f"HermiT.jar (shipped with owlready2) was not found: {_INSTALL}.")


@functools.cache
def reasoner_version() -> str:
    """The reasoner's identity for caching verdicts: ``sha256:`` and the hash of HermiT.jar.

    HermiT's own ``--version`` prints no version, so the jar's content stands for it.
    """
    digest = hashlib.sha256(Path(hermit_classpath()[-1]).read_bytes()).hexdigest()
    return f"sha256:{digest}"


def _decode(output: bytes) -> str:
    return output.decode("utf-8", errors="replace").replace("\r", "")


def hermit_message(output: str) -> str:
    r"""The first meaningful line of HermiT's output (its exception message).

    >>> hermit_message("Exception in thread \"main\" x.InconsistentOntologyException: "
    ...                "Inconsistent ontology\n\tat x.y(Reasoner.java:1)")
    'Inconsistent ontology'
    """
    for line in output.splitlines():
        line = line.strip()
        if line and not line.startswith("at "):
            return line.split("Exception: ", 1)[-1] if "Exception: " in line else line
    return ""


def run_hermit(ntriples: bytes, java: str, timeout: float | None) -> HermitRun:
    """Run HermiT on a graph and return whether it is consistent.

    Parameters
    ----------
    ntriples : bytes
        The whole graph (ontology and data) as N-Triples, UTF-8.
    java : str
        The Java executable.
    timeout : float or None
        Seconds HermiT may run (None: no limit).

    Raises
    ------
    MissingToolError
        Java cannot be started, or HermiT.jar is not installed.
    BadInputError
        HermiT cannot process the graph (for example, it is not OWL 2 DL).
    ConfigurationError
        HermiT ran longer than ``timeout``.
    """
    classpath = os.pathsep.join(hermit_classpath())
    with tempfile.TemporaryDirectory(prefix="toulmin-hermit-") as directory:
        source = Path(directory) / "graph.nt"
        source.write_bytes(ntriples)
        command = (
            java,
            f"-Xmx{JAVA_MEMORY_MB}M",
            "-cp",
            classpath,
            _MAIN,
            "-k",
            source.as_uri(),
        )
        start = time.perf_counter()
        try:
            done = subprocess.run(
                command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout
            )
        except subprocess.TimeoutExpired as error:
            raise ConfigurationError(
                f"HermiT did not finish within {timeout} s: raise the timeout or check "
                "a smaller graph."
            ) from error
        except (FileNotFoundError, PermissionError) as error:
            raise MissingToolError(
                f"cannot run the Java runtime '{java}' ({error}): {_INSTALL_JAVA}."
            ) from error
        seconds = time.perf_counter() - start
    output = _decode(done.stdout or b"")
    if done.returncode == 0 and "is satisfiable" in output:
        return HermitRun(True, "", command, seconds)
    if done.returncode == 0 and "is not satisfiable" in output:
        return HermitRun(False, hermit_message(output), command, seconds)
    if done.returncode == 1 and "Inconsistent ontology" in output:
        return HermitRun(False, hermit_message(output) or "Inconsistent ontology", command, seconds)
    raise BadInputError(
        "HermiT could not reason over the graph (is it OWL 2 DL?): "
        + (hermit_message(output) or f"exit status {done.returncode}")
    )
