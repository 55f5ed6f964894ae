"""What a load reports: counts, problems, and the progress bar on the way.

Owns :class:`LoadReport` (what :func:`~toulmin.graph.store.load.load` returns) and
:class:`Progress` (a rich progress bar on stderr, or nothing). Imports
:mod:`~toulmin.graph.store.inputs` and nothing else of the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from toulmin.errors import Problem
from toulmin.graph.store.inputs import Prepared

__all__ = ["LoadReport", "Progress"]


@dataclass
class LoadReport:
    """What :func:`~toulmin.graph.store.load.load` did.

    Attributes
    ----------
    loaded : int
        Determinations (and other graphs) that were not in the store before.
    replaced : int
        Determinations (and other graphs) whose old version was replaced.
    failed : int
        Input files that could not be loaded (see ``problems``).
    quads : int
        Quads written.
    seconds : float
        Wall-clock time.
    files : int
        Input files read.
    bulk : bool
        Whether the bulk path was used.
    recovered : int
        Partial determinations dropped from an earlier interrupted bulk load.
    resumed : int
        Determinations an interrupted bulk load had stored whole, found unchanged and
        not written again (a re-run goes on from where it stopped).
    duplicates : int
        Determinations (or graphs) met in a second file of the same load and not
        loaded from it (without ``replace``): an error, exit code 2.
    problems : list of Problem
        One or more per failed file: file, line (when known) and reason; and one per
        duplicate, naming both files.
    warnings : list of Problem
        With ``replace``: one per determination that a later file of the same load
        replaced, naming both files.
    """

    loaded: int = 0
    replaced: int = 0
    failed: int = 0
    quads: int = 0
    seconds: float = 0.0
    files: int = 0
    bulk: bool = False
    recovered: int = 0
    resumed: int = 0
    duplicates: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when every file loaded, 1 when some failed, 2 when two files had one id."""
        if self.duplicates:
            return 2
        return 1 if self.failed else 0

    def duplicate(self, key: str, file: str, first: str, replace: bool) -> bool:
        """A determination met again in ``file`` after ``first``: whether to write it.

        Without ``replace`` it is an error naming both files, and the first file's
        version stays; with ``replace`` the later file wins, with a warning.

        >>> report = LoadReport()
        >>> report.duplicate("tiny", "b.yaml", "a.yaml", replace=False), report.exit_code
        (False, 2)
        >>> print(report.problems[0])  # doctest: +ELLIPSIS
        b.yaml: determination 'tiny' is also in a.yaml (loaded from there): this file ...
        """
        what = f"determination '{key}'" if "/" not in key else f"graph <{key}>"
        if replace:
            self.warnings.append(
                Problem(file, None, "", f"{what} replaces the one loaded from {first} (--replace)")
            )
            return True
        self.duplicates += 1
        self.problems.append(
            Problem(
                file,
                None,
                "",
                f"{what} is also in {first} (loaded from there): this file was not loaded; "
                "give each determination one file, or load with --replace to keep the last one",
            )
        )
        return False

    def summary(self) -> str:
        """One line for people.

        >>> LoadReport(loaded=3, replaced=1, failed=1, quads=3744, seconds=2.5).summary()
        'loaded 3, replaced 1, failed 1, 3,744 quads in 2.5 s (1.6 determinations/s)'
        """
        rate = (self.loaded + self.replaced) / self.seconds if self.seconds else 0.0
        bulk = ", bulk" if self.bulk else ""
        twice = f", {self.duplicates} duplicate(s) not loaded" if self.duplicates else ""
        if self.resumed:
            twice += f", {self.resumed} kept from the interrupted load"
        return (
            f"loaded {self.loaded}, replaced {self.replaced}, failed {self.failed}{twice}, "
            f"{self.quads:,} quads in {self.seconds:.1f} s ({rate:.1f} determinations/s{bulk})"
        )

    def record(self, prepared: Prepared) -> None:
        """Count a file that could not be read (one or more problems) as failed."""
        if prepared.problems:
            self.failed += 1
            self.problems.extend(prepared.problems)


class Progress:
    """A rich progress bar on stderr, or nothing."""

    def __init__(self, total: int, show: bool) -> None:
        self.bar: Any = None
        if show:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                TextColumn("loading"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("files"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            self.task = self.bar.add_task("load", total=total)
            self.bar.start()

    def advance(self, n: int = 1) -> None:
        """Move the bar on by ``n`` files (nothing when no bar is shown)."""
        if self.bar is not None:
            self.bar.advance(self.task, n)

    def close(self) -> None:
        """Stop the bar, leaving its last line on the terminal."""
        if self.bar is not None:
            self.bar.stop()
