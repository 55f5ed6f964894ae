r"""Lexical forms: what a value must look like before it becomes a typed literal or an IRI.

Owns the checks that the case-file schema's patterns and formats cannot express alone,
shared by the case-file reader (:mod:`~toulmin.graph.authoring.casefile`) and the store's
input reader (RDF files): the ECMA-262 meaning of a schema ``pattern`` (``$`` is the
end of the string, as JSON Schema says, not "before a final newline" as in Python), a
real calendar date or date-time, and the lexical space of the XSD datatypes toulmin
writes. Imports only the standard library.

Examples
--------
>>> is_datetime("2025-11-20T09:30:00Z"), is_datetime("2025-11-20")
(True, True)
>>> is_datetime("2025-13-45T99:99:99Z"), is_datetime("2025-05-06T08:05:00Z\n")
(False, False)
>>> schema_search("^[a-z]+$", "abc\n") is None
True
>>> xsd_problem("2025-02-30", "http://www.w3.org/2001/XMLSchema#date")
"'2025-02-30' is not an xsd:date (YYYY-MM-DD, a real calendar date)"
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from functools import cache

__all__ = [
    "DATETIME_FORMAT",
    "ID",
    "XSD",
    "finite_number",
    "is_datetime",
    "schema_pattern",
    "schema_search",
    "xsd_problem",
]

#: A local or determination id (the case-file schema's ``id``): it becomes part of IRIs.
ID = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")
#: The schema ``format`` of case-file dates and date-times (toulmin's own format name).
DATETIME_FORMAT = "toulmin-date-time"
XSD = "http://www.w3.org/2001/XMLSchema#"

# An unescaped "$" (as fastjsonschema finds it); in Python it also matches before "\n".
_DOLLAR = re.compile(r"(?<!\\)\$")
_TIME_ZONE = r"(Z|[+-]\d{2}:\d{2})"
_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?" + _TIME_ZONE)
_XSD_DATETIME = re.compile(r"(-?\d{4,}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?" + _TIME_ZONE + "?")
_XSD_DATE = re.compile(r"(-?\d{4,}-\d{2}-\d{2})" + _TIME_ZONE + "?")
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_INTEGER = re.compile(r"[+-]?\d+")
_BOOLEAN = re.compile(r"true|false|1|0")


@cache
def schema_pattern(pattern: str) -> re.Pattern[str]:
    r"""A JSON Schema ``pattern`` compiled with its ECMA-262 meaning of ``$``.

    >>> bool(schema_pattern("^a$").search("a")), bool(schema_pattern("^a$").search("a\n"))
    (True, False)
    """
    return re.compile(_DOLLAR.sub(r"\\Z", pattern))


def schema_search(pattern: str, value: str) -> re.Match[str] | None:
    """Whether ``value`` matches the schema ``pattern`` (searched, as JSON Schema does)."""
    return schema_pattern(pattern).search(value)


def _real_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _real_time(text: str) -> bool:
    hour, minute, second = (int(x) for x in text.split(":"))
    return hour < 24 and minute < 60 and second < 60


def _real_zone(zone: str | None) -> bool:
    if zone is None or zone == "Z":
        return True
    hours, minutes = int(zone[1:3]), int(zone[4:6])
    return minutes < 60 and (hours < 14 or (hours == 14 and minutes == 0))


def is_datetime(value: object) -> bool:
    """A case file's date (``YYYY-MM-DD``) or date-time with seconds and a time zone.

    The whole string, nothing around it (no whitespace, no final newline), and real
    calendar values: month 1-12, a day the month has, hours 0-23, minutes and
    seconds 0-59, a time zone ``Z`` or ``+hh:mm`` / ``-hh:mm`` within 14 hours.
    Values that are not strings are left to the schema's type check (``True``).

    >>> is_datetime("2025-11-20T09:30:00.25+01:00"), is_datetime("2025-11-20T09:30:00")
    (True, False)
    >>> is_datetime("2025-02-29"), is_datetime(" 2025-11-20")
    (False, False)
    """
    if not isinstance(value, str):
        return True
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return _real_date(value)
    match = _DATETIME.fullmatch(value)
    return bool(match and _real_date(match[1]) and _real_time(match[2]) and _real_zone(match[4]))


def finite_number(value: object) -> bool:
    """Whether a number read from YAML can be written as an xsd:decimal or xsd:integer.

    Not NaN, not infinite, and (an integer) not too large to be a float.

    >>> finite_number(0.5), finite_number(float("nan")), finite_number(10**400)
    (True, False, False)
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return True
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False


def _xsd_date_ok(match: re.Match[str]) -> bool:
    text = match[1]
    if text.startswith("-") or len(text) > 10:  # outside Python's years: form only
        return True
    return _real_date(text)


def _check_datetime(value: str) -> bool:
    match = _XSD_DATETIME.fullmatch(value)
    if not match or not _real_zone(match[4]) or not _xsd_date_ok(match):
        return False
    if match[2] == "24:00:00":  # XSD allows the end of a day, with no fraction
        return not match[3] or set(match[3][1:]) == {"0"}
    return _real_time(match[2])


def _check_date(value: str) -> bool:
    match = _XSD_DATE.fullmatch(value)
    return bool(match and _real_zone(match[2]) and _xsd_date_ok(match))


#: XSD datatype (local name) -> (check of the lexical form, what the form must be).
_XSD_CHECKS: dict[str, tuple[Callable[[str], object], str]] = {
    "dateTime": (_check_datetime, "YYYY-MM-DDThh:mm:ss[.s][zone], real calendar values"),
    "date": (_check_date, "YYYY-MM-DD, a real calendar date"),
    "decimal": (_DECIMAL.fullmatch, "digits with an optional sign and decimal point"),
    "integer": (_INTEGER.fullmatch, "digits with an optional sign"),
    "positiveInteger": (re.compile(r"\+?0*[1-9]\d*").fullmatch, "digits, greater than zero"),
    "boolean": (_BOOLEAN.fullmatch, "true, false, 1 or 0"),
}


def xsd_problem(lexical: str, datatype: str) -> str | None:
    """What is wrong with a literal of an XSD datatype toulmin writes, else ``None``.

    Datatypes other than xsd:dateTime, date, decimal, integer, positiveInteger and
    boolean are not checked (``None``).

    >>> xsd_problem("0.25", XSD + "decimal") is None, xsd_problem("NaN", XSD + "decimal")
    (True, "'NaN' is not an xsd:decimal (digits with an optional sign and decimal point)")
    """
    if not datatype.startswith(XSD):
        return None
    name = datatype[len(XSD) :]
    entry = _XSD_CHECKS.get(name)
    if entry is None:
        return None
    check, form = entry
    return None if check(lexical) else f"{lexical!r} is not an xsd:{name} ({form})"
