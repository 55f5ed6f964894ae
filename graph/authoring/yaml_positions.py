r"""Read YAML into plain Python data and remember the line of every value.

PyYAML's composer gives nodes with marks; this module turns the node tree into
dicts, lists and scalars, and returns a map from document path (a tuple of keys
and indexes) to the 1-based line where the value starts. Duplicate keys, which
PyYAML would silently overwrite, are reported as problems. Timestamps stay strings
(the schema checks their form), so no value changes type behind the user's back.

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

__all__ = ["PositionedDocument", "load_with_positions", "pointer"]

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


def load_with_positions(text: str, file: str) -> PositionedDocument:
    """Parse one YAML document, keeping lines; raise on a syntax error.

    Raises
    ------
    CaseFileError
        When the text is not YAML (the problem carries the line of the error).
    """
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
    doc.data = _convert(node, (), doc)
    return doc


def _convert(node: yaml.Node, path: Path, doc: PositionedDocument) -> Any:
    doc.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
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
            out[key] = _convert(value_node, (*path, key), doc)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), doc) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    return _scalar(node)


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
