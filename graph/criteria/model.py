"""Criteria sets as immutable values: the set's metadata and its tree of criteria.

This module owns :class:`CriteriaSet` and :class:`CriterionNode` (what a criteria file
is read into, ``docs/criteria-format.md``) and their conversion back to plain data. It
imports :mod:`toulmin.graph.criteria.conditions`.

Examples
--------
>>> leaf = CriterionNode("lf-1-3", ref="LF-1.3", text="Six weeks of therapy.")
>>> cs = CriteriaSet("demo", "1", "Demo", criteria=(CriterionNode("lf-1", parts=(leaf,),
...                  combine="all", text="All of LF-1.x."),))
>>> cs.key, [n.id for n in cs.walk()]
('demo@1', ['lf-1', 'lf-1-3'])
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from toulmin.graph.criteria.conditions import Condition, ValueSet, condition_to_data

__all__ = ["FORMAT_KEY", "CriteriaSet", "CriterionNode"]

#: The key (and format version) that opens every criteria file.
FORMAT_KEY = "toulmin-criteria"


@dataclass(frozen=True)
class CriterionNode:
    """One criterion: its reference, wording, applicability and condition or parts.

    A node has either a ``condition`` or ``parts`` combined by ``combine`` (``all``,
    ``any`` or ``at-least`` with ``at_least``). ``exceptions`` (waivers) make it met when
    one is met; ``exclusions`` make it not-met when one is met. ``applies`` is the
    applicability condition: when it is not met the criterion is not applicable.
    """

    id: str
    text: str = ""
    ref: str | None = None
    quote: str | None = None
    locator: str | None = None
    note: str | None = None
    scope: str = "service"
    applies: Condition | None = None
    condition: Condition | None = None
    combine: str | None = None
    at_least: int | None = None
    parts: tuple[CriterionNode, ...] = ()
    exceptions: tuple[CriterionNode, ...] = ()
    exclusions: tuple[CriterionNode, ...] = ()
    path: str = field(default="", compare=False)

    @property
    def label(self) -> str:
        """The reference in the source when there is one, else the id."""
        return self.ref or self.id

    def walk(self) -> Iterator[CriterionNode]:
        """This node and every node below it (parts, exceptions, exclusions), depth first."""
        yield self
        for child in (*self.parts, *self.exceptions, *self.exclusions):
            yield from child.walk()

    def to_data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        for key in ("ref", "text", "quote", "locator", "note"):
            value = getattr(self, key)
            if value:
                out[key] = value
        if self.scope != "service":
            out["scope"] = self.scope
        if self.applies is not None:
            out["applies"] = condition_to_data(self.applies)
        if self.condition is not None:
            out["condition"] = condition_to_data(self.condition)
        if self.combine is not None:
            out["combine"] = self.combine
        if self.at_least is not None:
            out["at_least"] = self.at_least
        for key in ("parts", "exceptions", "exclusions"):
            children = getattr(self, key)
            if children:
                out[key] = [c.to_data() for c in children]
        return out


@dataclass(frozen=True)
class CriteriaSet:
    """A versioned criteria document: who published it, when it holds, and its criteria.

    ``unknown`` lists the metadata the document does not state; a ``version`` listed
    there is the label of the copy that was read.
    """

    id: str
    version: str
    title: str
    publisher: str | None = None
    identifier: str | None = None
    effective: str | None = None
    retired: str | None = None
    url: str | None = None
    licence: str | None = None
    note: str | None = None
    retrieved: str | None = None
    illustrative: bool = False
    unknown: tuple[str, ...] = ()
    value_sets: tuple[ValueSet, ...] = ()
    criteria: tuple[CriterionNode, ...] = ()
    file: str | None = field(default=None, compare=False)

    @property
    def key(self) -> str:
        """``id@version``, the name a library looks it up by."""
        return f"{self.id}@{self.version}"

    def walk(self) -> Iterator[CriterionNode]:
        """Every criterion node, depth first."""
        for node in self.criteria:
            yield from node.walk()

    def node(self, ident: str) -> CriterionNode | None:
        """The node with this id or reference, or ``None``."""
        for node in self.walk():
            if node.id == ident or node.ref == ident:
                return node
        return None

    def to_data(self) -> dict[str, Any]:
        """The plain data of a criteria file (the reader reads it back to an equal set)."""
        out: dict[str, Any] = {FORMAT_KEY: 1, "id": self.id, "version": self.version}
        out["title"] = self.title
        for key in (
            "publisher",
            "identifier",
            "effective",
            "retired",
            "url",
            "licence",
            "retrieved",
            "note",
        ):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.illustrative:
            out["illustrative"] = True
        if self.unknown:
            out["unknown"] = list(self.unknown)
        if self.value_sets:
            out["value_sets"] = {vs.id: vs.to_data() for vs in self.value_sets}
        out["criteria"] = [c.to_data() for c in self.criteria]
        return out
