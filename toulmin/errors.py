"""One exception hierarchy for toulmin.

Every error a user can cause derives from :class:`ToulminError`. Each subclass
carries an ``exit_code`` so that the CLI can map it without guessing:
``2`` for bad input or configuration, ``1`` for findings (violations).

Messages say what to fix and where (file, line, id).

Examples
--------
>>> err = CaseFileError([Problem("case.yaml", 12, "/claims/3/cite", "unknown source 'aans'")])
>>> print(err)
case.yaml:12: /claims/3/cite: unknown source 'aans'
>>> err.exit_code
2
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "BadInputError",
    "CaseFileError",
    "ConfigurationError",
    "CriteriaFileError",
    "CriteriaNotFoundError",
    "FhirBundleError",
    "ICCMAFormatError",
    "MissingToolError",
    "Problem",
    "QueryError",
    "StoreError",
    "ToulminError",
    "ValidationFailed",
]


class ToulminError(Exception):
    """Base class of every error toulmin raises on purpose."""

    exit_code: int = 2


class BadInputError(ToulminError):
    """The input (a file, an argument, a parameter) cannot be used as given."""

    exit_code = 2


class ConfigurationError(ToulminError):
    """A setting, an environment variable or a missing tool stops the command."""

    exit_code = 2


class MissingToolError(ConfigurationError):
    """An external tool (Java runtime, Chromium, a server binary) is not installed.

    The message names the tool and the command that installs it.
    """


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one input file.

    Parameters
    ----------
    file : str
        Path of the file as the user gave it.
    line : int or None
        1-based line number, when known.
    path : str
        JSON-pointer-like path inside the document (``/claims/3/cite``), or ``""``.
    message : str
        What is wrong and what to do about it.
    """

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class CaseFileError(BadInputError):
    """A case file has one or more problems; all of them are listed at once."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = sorted(
            problems, key=lambda p: (p.file, p.line or 0, p.path, p.message)
        )
        super().__init__("\n".join(str(p) for p in self.problems))


class CriteriaFileError(CaseFileError):
    """A criteria-set file has one or more problems; all of them are listed at once.

    It has the shape of a :class:`CaseFileError` (``file:line: /path: message`` per
    problem, exit code 2), so a command that reports one reports the other.
    """


class CriteriaNotFoundError(BadInputError):
    """No criteria set on the search path has the id (and version) asked for."""


class ICCMAFormatError(BadInputError):
    """An ICCMA abstract-argumentation file (apx, tgf, i23) is malformed.

    Parameters
    ----------
    file : str
        The file name.
    line : int
        1-based line number of the offending line.
    message : str
        What is wrong.
    """

    def __init__(self, file: str, line: int, message: str) -> None:
        self.file, self.line = file, line
        super().__init__(f"{file}:{line}: {message}")


class FhirBundleError(BadInputError):
    """A FHIR bundle cannot be imported: the message names the file, entry and element path.

    Parameters
    ----------
    file : str
        The bundle file as the user gave it.
    path : str
        JSON-pointer-like path of the element (``/entry/0/resource/status``).
    message : str
        What is wrong and what to fix.

    Examples
    --------
    >>> print(FhirBundleError("b.json", "/entry/2/fullUrl", "does not end with Coverage/c1"))
    b.json: /entry/2/fullUrl: does not end with Coverage/c1
    """

    def __init__(self, file: str, path: str, message: str) -> None:
        self.file, self.path = file, path
        super().__init__(f"{file}: {path}: {message}" if path else f"{file}: {message}")


class QueryError(BadInputError):
    """A query name, header or parameter is wrong."""


class StoreError(ToulminError):
    """The store or the endpoint cannot do what was asked."""

    exit_code = 2


class ValidationFailed(ToulminError):
    """A check found violations (SHACL, OWL consistency); exit code 1."""

    exit_code = 1
