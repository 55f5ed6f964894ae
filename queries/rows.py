"""A query's result as Python rows: dicts of Python values, and a pandas DataFrame on request.

Owns :class:`QueryRows`, what :func:`toulmin.api.query` returns, and
:func:`python_value`, the conversion of one result cell: a literal becomes its
Python value (``int``, ``float`` for decimals and doubles, ``bool``, ``str``,
``datetime.date`` / ``datetime``), an IRI or blank node its text, an unbound cell
``None``. pandas is imported only by :meth:`QueryRows.to_pandas` (and ``.df``),
and a missing pandas is a :class:`~toulmin.errors.MissingToolError` that says
``pip install pandas``. Imports :mod:`toulmin.errors` and
:mod:`toulmin.graph.store.targets` (the result type).

Examples
--------
>>> from decimal import Decimal
>>> from rdflib import Literal, URIRef
>>> from toulmin.graph.store.targets import QueryResult
>>> rows = QueryRows.from_result(
...     QueryResult(["det", "weeks"], [(URIRef("urn:d1"), Literal(Decimal("4.5")))])
... )
>>> rows.rows
[{'det': 'urn:d1', 'weeks': 4.5}]
>>> len(rows), rows.columns
(1, ('det', 'weeks'))
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rdflib import Literal

from toulmin.errors import MissingToolError
from toulmin.graph.store.targets import QueryResult, Term

if TYPE_CHECKING:
    import pandas

__all__ = ["QueryRows", "python_value"]


def python_value(term: Term | None) -> Any:
    """One result cell as a Python value (see the module docstring).

    >>> python_value(Literal(3)), python_value(Literal(True)), python_value(None)
    (3, True, None)
    >>> python_value(Literal("x", lang="en"))
    'x'
    """
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal):
            return float(value)
        if isinstance(value, Literal):  # a datatype rdflib does not map: its lexical form
            return str(value)
        return value
    return str(term)


@dataclass(frozen=True)
class QueryRows:
    """The rows of one SELECT query.

    Attributes
    ----------
    columns : tuple of str
        The projected variables, in order.
    rows : list of dict
        One dict per solution, column -> Python value (:func:`python_value`).
    title : str
        The query's title (the catalogue header's), or ``""`` for ad hoc SPARQL.
    """

    columns: tuple[str, ...]
    rows: list[dict[str, Any]] = field(default_factory=list)
    title: str = ""

    @classmethod
    def from_result(cls, result: QueryResult, title: str = "") -> QueryRows:
        """Convert a :class:`~toulmin.graph.store.targets.QueryResult` (rows of rdflib terms)."""
        columns = tuple(result.columns)
        rows = [
            {c: python_value(t) for c, t in zip(columns, row, strict=True)} for row in result.rows
        ]
        return cls(columns, rows, title)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def __getitem__(self, index: int) -> dict[str, Any]:
        return self.rows[index]

    def column(self, name: str) -> list[Any]:
        """The values of one column, in row order.

        Raises
        ------
        KeyError
            When the query has no such column (the message lists them).
        """
        if name not in self.columns:
            raise KeyError(f"no column '{name}'; the columns are {', '.join(self.columns)}")
        return [row[name] for row in self.rows]

    def to_pandas(self) -> pandas.DataFrame:
        """The rows as a :class:`pandas.DataFrame` (pandas is imported here, only).

        Raises
        ------
        MissingToolError
            When pandas is not installed (``pip install pandas``).
        """
        try:
            import pandas
        except ImportError:
            raise MissingToolError(
                "a DataFrame needs pandas, which is not installed: `pip install pandas` "
                "(or use .rows, a list of dicts)"
            ) from None
        return pandas.DataFrame(self.rows, columns=list(self.columns))

    @property
    def df(self) -> pandas.DataFrame:
        """Shorthand for :meth:`to_pandas`."""
        return self.to_pandas()

    def _repr_html_(self) -> str:
        """The rows as an HTML table in Jupyter (every cell escaped)."""
        return _html_table(self.columns, self.rows, self.title)


def _html_table(columns: Sequence[str], rows: Sequence[dict[str, Any]], title: str) -> str:
    def e(value: object) -> str:
        return html.escape("" if value is None else str(value), quote=True)

    head = "".join(f"<th>{e(c)}</th>" for c in columns)
    body = "\n".join(
        "<tr>" + "".join(f"<td>{e(row[c])}</td>" for c in columns) + "</tr>" for row in rows
    )
    caption = f"<caption>{e(title)}</caption>" if title else ""
    n = len(rows)
    return (
        f"<table>{caption}<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table>"
        f"\n<p><small>{n} row{'s' if n != 1 else ''}</small></p>"
    )
