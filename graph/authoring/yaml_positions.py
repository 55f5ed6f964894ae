r"""Read YAML into plain Python data and remember the line of every value.

PyYAML's composer gives nodes with marks; this module turns the node tree into
dicts, lists and scalars, and returns a map from document path (a tuple of keys
and indexes) to the 1-based line where the value starts. Duplicate keys, which
PyYAML would silently overwrite, are reported as problems. Timestamps stay strings
(the schema checks their form), so no value changes type behind the user's back.
The limits of :mod:`~toulmin.graph.authoring.limits` are checked on the way (size
first, then entries, string length, nesting depth and aliases as the tree is
walked), so a hostile file stops at once; numbers that are not finite are problems.

Examples
--------
>>> doc = load_with_positions("a: 1\nb:\n  - x\n  - y\n", "f.yaml")
>>> doc.data
{'a': 1, 'b': ['x', 'y']}
>>> doc.line(("b", 1))
4
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from toulmin.errors import CaseFileError, Problem
from toulmin.graph.authoring.lexical import finite_number
from toulmin.graph.authoring.limits import CaseLimits, case_limits

__all__ = ["PositionedDocument", "load_with_positions", "pointer", "too_big"]

Path = tuple[str | int, ...]


def pointer(path: Path) -> str:
    """Render a document path as a JSON pointer.

    >>> pointer(("claims", 3, "cite"))
    '/claims/3/cite'
    """
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in path)


@dataclass
class PositionedDocument:
    """YAML data with the line of each value and the problems met while reading."""

    file: str
    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line(self, path: Path) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]

    def problem(self, path: Path, message: str) -> Problem:
        """A :class:`Problem` located at ``path``."""
        return Problem(self.file, self.line(path), pointer(path) if path else "", message)


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_BASE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: The safe loader's implicit resolvers by first character ('' for the empty scalar).
_IMPLICIT: dict[str | None, list[tuple[str, Any]]] = _BASE.yaml_implicit_resolvers


def _resolve(_self: Any, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
    """The tag of a node, as :meth:`yaml.resolver.BaseResolver.resolve` finds it.

    The composer asks for every node (hundreds per case file); the safe loader has no
    path resolvers and no wildcard resolvers, so the answer is the first implicit
    resolver (by first character) whose pattern matches a plain scalar, else str, seq
    or map. Tests compare it with PyYAML's resolver.
    """
    if kind is yaml.ScalarNode:
        if implicit[0]:
            for tag, pattern in _IMPLICIT.get(value[:1], ()):
                if pattern.match(value):
                    return tag
        return _STR
    return _SEQ if kind is yaml.SequenceNode else _MAP


#: libyaml's composer when PyYAML was built with it (about 10x faster), else pure
#: Python; either way with the faster resolver (PyYAML's own when the safe loader
#: has resolvers this one does not know about).
_COMPOSER: Any = (
    type("_Composer", (_BASE,), {"resolve": _resolve})
    if None not in _IMPLICIT and not _BASE.yaml_path_resolvers
    else _BASE
)

_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_NULL = "tag:yaml.org,2002:null"


def load_with_positions(
    text: str, file: str, limits: CaseLimits | None = None
) -> PositionedDocument:
    """Parse one YAML document, keeping lines; raise on a syntax error or past a limit.

    Raises
    ------
    CaseFileError
        When the text is not YAML (the problem carries the line of the error), or
        when it goes past one of ``limits`` (default: :func:`case_limits`): the file
        size, the entries, the length of a string, the nesting depth, the uses of
        aliases, or an alias to a value that contains it.
    """
    limits = limits or case_limits()
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.max_bytes:
        raise CaseFileError([Problem(file, None, "", too_big(size, limits))])
    try:
        node = yaml.compose(text, Loader=_COMPOSER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(err, "problem", None) or str(err)
        raise CaseFileError([Problem(file, line, "", f"not valid YAML: {reason}")]) from None
    doc = PositionedDocument(file, None)
    if node is None:
        raise CaseFileError([Problem(file, 1, "", "the file is empty: expected a case mapping")])
    try:
        doc.data = _Converter(doc, limits).convert(node, (), 0)
    except RecursionError:  # TOULMIN_CASE_MAX_DEPTH set above what Python can nest
        message = "nested too deeply for Python to read; lower TOULMIN_CASE_MAX_DEPTH"
        raise CaseFileError([Problem(file, None, "", message)]) from None
    return doc


def too_big(size: int, limits: CaseLimits) -> str:
    """The message for a file of ``size`` bytes over the limit.

    >>> too_big(3_000_000, CaseLimits())
    'the file has 3,000,000 bytes; a case file may have at most 2,097,152 (TOULMIN_CASE_MAX_BYTES)'
    """
    return (
        f"the file has {size:,} bytes; a case file may have at most {limits.max_bytes:,} "
        "(TOULMIN_CASE_MAX_BYTES)"
    )


class _Converter:
    """The node tree to data, counting what :class:`CaseLimits` bounds on the way."""

    def __init__(self, doc: PositionedDocument, limits: CaseLimits) -> None:
        self.doc = doc
        self.limits = limits
        self.entries = 0
        self.aliases = 0
        self.visited: set[int] = set()
        self.open: set[int] = set()

    def stop(self, node: yaml.Node, path: Path, message: str) -> CaseFileError:
        where = pointer(path) if path else ""
        return CaseFileError([Problem(self.doc.file, node.start_mark.line + 1, where, message)])

    def convert(self, node: yaml.Node, path: Path, depth: int) -> Any:
        doc, limits = self.doc, self.limits
        doc.lines[path] = node.start_mark.line + 1
        key = id(node)
        if key in self.open:
            raise self.stop(node, path, "an alias refers to a value that contains it (a cycle)")
        if key in self.visited:
            self.aliases += 1
            if self.aliases > limits.max_aliases:
                raise self.stop(
                    node,
                    path,
                    f"more than {limits.max_aliases:,} uses of YAML aliases (*name); "
                    "write the values out (TOULMIN_CASE_MAX_ALIASES)",
                )
        self.visited.add(key)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if depth >= limits.max_depth:
            raise self.stop(
                node,
                path,
                f"nested more than {limits.max_depth} levels deep (TOULMIN_CASE_MAX_DEPTH)",
            )
        self.entries += len(node.value)
        if self.entries > limits.max_entries:
            raise self.stop(
                node,
                path,
                f"more than {limits.max_entries:,} entries (list items and mapping keys, "
                "aliases expanded) in the file (TOULMIN_CASE_MAX_ENTRIES)",
            )
        self.open.add(key)
        try:
            if isinstance(node, yaml.MappingNode):
                return self.mapping(node, path, depth)
            return [self.convert(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        finally:
            self.open.discard(key)

    def mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        doc = self.doc
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = key_node.value
                self.check_length(key_node, (*path, key), key)
            else:
                key = f"<a {'list' if isinstance(key_node, yaml.SequenceNode) else 'mapping'}>"
            if key in out:
                doc.problems.append(
                    Problem(
                        doc.file,
                        key_node.start_mark.line + 1,
                        pointer((*path, key)),
                        f"duplicate key '{key}': a mapping may name each key once",
                    )
                )
                continue
            out[key] = self.convert(value_node, (*path, key), depth + 1)
        return out

    def check_length(self, node: yaml.ScalarNode, path: Path, value: str) -> None:
        if len(value) > self.limits.max_string:
            raise self.stop(
                node,
                path,
                f"a string of {len(value):,} characters; at most {self.limits.max_string:,} "
                "are allowed (TOULMIN_CASE_MAX_STRING)",
            )

    def scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        self.check_length(node, path, node.value)
        try:
            value = _scalar(node)
        except ValueError as err:  # e.g. an integer of more than 4,300 digits
            self.doc.problems.append(self.doc.problem(path, f"not a usable number: {err}"))
            return node.value
        if not finite_number(value):
            self.doc.problems.append(
                self.doc.problem(
                    path,
                    f"{node.value!r} is not a finite number: weights, weeks and other numbers "
                    "must be written as decimals (no .nan, no .inf, no overflow)",
                )
            )
        return value


#: One constructor for every scalar: its ``construct_yaml_*`` methods only read the node.
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_CONSTRUCT: dict[str, Any] = {
    _BOOL: _CONSTRUCTOR.construct_yaml_bool,
    _INT: _CONSTRUCTOR.construct_yaml_int,
    _FLOAT: _CONSTRUCTOR.construct_yaml_float,
    _NULL: lambda _node: None,
}


def _scalar(node: yaml.ScalarNode) -> Any:
    """A scalar's value: quoted and plain strings as text, bool/int/float/null resolved.

    >>> _scalar(yaml.compose("0x1f", Loader=_COMPOSER)), _scalar(yaml.compose("'12'"))
    (31, '12')
    """
    construct = _CONSTRUCT.get(node.tag)
    if construct is None or node.style:  # quoted scalars are strings, whatever they look like
        return node.value
    return construct(node)
