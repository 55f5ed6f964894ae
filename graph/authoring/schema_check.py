r"""Check a YAML document against a JSON Schema shipped in the package.

The case-file reader (:mod:`~toulmin.graph.authoring.casefile`) and the criteria-file
reader (:mod:`toulmin.graph.criteria.reader`) share this set-up: reading the file's text,
loading a schema from ``toulmin/schema/``, a quick yes/no with the schema compiled to
Python (fastjsonschema) and, only for a document it rejects, the full validator
(jsonschema), whose errors each reader turns into its own messages. Every problem is
located by file, line and path, and reported once.

It imports :mod:`toulmin.errors` and :mod:`~toulmin.graph.authoring.yaml_positions`.

Examples
--------
>>> from toulmin.graph.authoring.yaml_positions import load_with_positions
>>> doc = load_with_positions("toulmin: 2\n", "x.yaml")
>>> explain = lambda error: [(tuple(error.absolute_path), error.validator)]
>>> problems = list(schema_problems(doc, "case.schema.json", explain))
>>> sorted({p.message for p in problems})
['const', 'required']
>>> list(schema_problems(doc, "case.schema.json", explain)) == problems  # cached validators
True
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

from toulmin.errors import BadInputError, Problem
from toulmin.graph.authoring.lexical import DATETIME_FORMAT, is_datetime, schema_search
from toulmin.graph.authoring.yaml_positions import PositionedDocument

if TYPE_CHECKING:  # jsonschema only explains a rejected document: imported then
    import jsonschema

__all__ = ["Explain", "read_document", "schema_problems", "shipped_schema"]

DocPath = tuple[str | int, ...]
#: Turns one jsonschema error into (document path, message) pairs.
Explain = Callable[["jsonschema.ValidationError"], Iterable[tuple[DocPath, str]]]


def read_document(path: Path, what: str) -> str:
    """The text of the file at ``path``; ``what`` names it in the error.

    Raises
    ------
    BadInputError
        When the file cannot be read or is not UTF-8.

    >>> read_document(Path("no-such.yaml"), "case file")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    toulmin.errors.BadInputError: no-such.yaml: cannot read the case file: ...
    """
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise BadInputError(f"{path}: cannot read the {what}: {err}") from None


@cache
def shipped_schema(name: str) -> dict[str, Any]:
    """The JSON Schema ``toulmin/schema/NAME``, read once (the same object every call).

    >>> shipped_schema("case.schema.json")["title"]
    'toulmin case file'
    """
    text = resources.files("toulmin").joinpath("schema", name).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _ecma_pattern(
    validator: jsonschema.protocols.Validator, pattern: str, instance: Any, _schema: Any
) -> Iterator[jsonschema.ValidationError]:
    r"""The ``pattern`` keyword as JSON Schema means it: ``$`` is the end of the string.

    (Python's ``$`` also matches before a final newline, so ``'id\n'`` matched.)
    """
    import jsonschema

    if validator.is_type(instance, "string") and not schema_search(pattern, instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    import jsonschema

    extended: Any = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
        jsonschema.Draft202012Validator, {"pattern": _ecma_pattern}
    )
    checker = jsonschema.FormatChecker(formats=())
    checker.checks(DATETIME_FORMAT)(is_datetime)
    validator: jsonschema.protocols.Validator = extended(
        shipped_schema(name), format_checker=checker
    )
    return validator


@cache
def _quick_check(name: str) -> Callable[[Any], Any]:
    """The schema compiled to Python (fastjsonschema): a fast yes/no for valid files.

    It stops at the first error, so a file it rejects goes on to the full validator,
    which lists every problem with its path. Both read ``$`` in patterns as the end of
    the string and check the format of dates (:mod:`~toulmin.graph.authoring.lexical`).
    """
    return fastjsonschema.compile(shipped_schema(name), formats={DATETIME_FORMAT: is_datetime})


def schema_problems(doc: PositionedDocument, name: str, explain: Explain) -> Iterator[Problem]:
    """Every problem the schema ``name`` finds in ``doc``, each message from ``explain``.

    A (path, message) pair that several errors explain the same way is reported once.
    """
    try:
        _quick_check(name)(doc.data)
        return
    except fastjsonschema.JsonSchemaException:
        pass
    seen: set[tuple[DocPath, str]] = set()
    for error in _validator(name).iter_errors(doc.data):
        for path, message in explain(error):
            if (path, message) not in seen:
                seen.add((path, message))
                yield doc.problem(path, message)
