"""Read the JSON of an AIF nodeset into a checked :class:`Nodeset`, with a report.

Owns the AIF vocabulary (node types, the ``toulmin`` extension key, default S-node
texts), :class:`ImportReport` and :func:`parse_nodeset`: the plain AIFdb form and xAIF
(``{"AIF": ...}``), integer or string ids, and every structural problem of a real
nodeset, either as an error (:class:`~toulmin.errors.CaseFileError`, with file and
node id) or as a warning in the report. Imports only :mod:`toulmin.errors`.

Examples
--------
>>> report = ImportReport("x.json")
>>> ns = parse_nodeset({"nodes": [{"nodeID": 1, "text": "A.", "type": "I"}],
...                     "edges": [{"fromID": 1, "toID": 9}]}, "x.json", report)
>>> ns.types, ns.dangling
({'1': 'I'}, 1)
>>> print(report)
warning: x.json: /edges/0: edge 1 -> 9: no node 9; kept aside, not in the argument
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from toulmin.errors import CaseFileError, Problem

__all__ = [
    "ARGUMENT_TYPES",
    "DEFAULT_TEXTS",
    "DIALOGUE_TYPES",
    "EXTENSION_KEY",
    "ImportReport",
    "Nodeset",
    "parse_nodeset",
]

#: AIF node types that map to the argument layer.
ARGUMENT_TYPES: tuple[str, ...] = ("I", "RA", "CA", "PA")
#: Node types kept in the sidecar as they are (dialogue and rephrase nodes).
DIALOGUE_TYPES: tuple[str, ...] = ("L", "TA", "YA", "MA")
#: The key of the toulmin extension, on the nodeset and on nodes.
EXTENSION_KEY = "toulmin"
#: RA/CA/PA texts that name no scheme.
DEFAULT_TEXTS = {"RA": "Default Inference", "CA": "Default Conflict", "PA": "Default Preference"}


@dataclass
class ImportReport:
    """What an import did that the user should know: warnings, with file and node id."""

    file: str
    warnings: list[Problem] = field(default_factory=list)

    def warn(self, path: str, message: str) -> None:
        """Record one warning at ``path`` (``/nodes/ID`` or ``/edges/N``)."""
        self.warnings.append(Problem(self.file, None, path, message))

    def __str__(self) -> str:
        return "\n".join(f"warning: {w}" for w in self.warnings)


def _id(value: Any) -> str | None:
    """A node id as a string (``5`` and ``"5"`` are one node), or ``None`` if not an id."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return None
    return str(value)


@dataclass
class Nodeset:
    """A checked nodeset: nodes by id (in file order), edges, and who links to whom.

    ``edges`` holds ``(index in the file, fromID, toID, the edge)``; ``incoming`` and
    ``outgoing`` leave out dangling edges (``dangling`` counts them).
    """

    file: str
    wrapper: dict[str, Any] | None
    body: dict[str, Any]
    nodes: dict[str, dict[str, Any]]
    order: list[str]
    edges: list[tuple[int, str, str, dict[str, Any]]]
    types: dict[str, str] = field(default_factory=dict)
    incoming: dict[str, list[str]] = field(default_factory=dict)
    outgoing: dict[str, list[str]] = field(default_factory=dict)
    dangling: int = 0

    def extension(self) -> dict[str, Any]:
        """The nodeset's ``toulmin`` extension, or ``{}``."""
        value = self.body.get(EXTENSION_KEY)
        return value if isinstance(value, dict) else {}

    def node_ext(self, nid: str) -> dict[str, Any]:
        """A node's ``toulmin`` extension, or ``{}``."""
        value = self.nodes[nid].get(EXTENSION_KEY)
        return value if isinstance(value, dict) else {}


def _fail(file: str, path: str, message: str) -> CaseFileError:
    return CaseFileError([Problem(file, None, path, message)])


def parse_nodeset(data: Any, file: str, report: ImportReport) -> Nodeset:
    """Check the parsed JSON ``data`` of ``file`` and index it.

    Raises
    ------
    CaseFileError
        Every problem whose meaning is not clear: not a nodeset, a node without an id or
        with a non-string text, a duplicate id with different content, an edge without
        ends.
    """
    wrapper = None
    if isinstance(data, dict) and isinstance(data.get("AIF"), dict):
        wrapper, data = data, data["AIF"]
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise _fail(file, "", "not an AIF nodeset: expected an object with a 'nodes' list")
    edges_in = data.get("edges", [])
    if not isinstance(edges_in, list):
        raise _fail(file, "/edges", "'edges' must be a list")
    problems: list[Problem] = []
    nodes: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    for i, node in enumerate(data["nodes"]):
        nid = _id(node.get("nodeID")) if isinstance(node, dict) else None
        if nid is None:
            problems.append(
                Problem(file, None, f"/nodes/{i}", "a node needs a nodeID (a string or an integer)")
            )
            continue
        where = f"/nodes/{nid}"
        if nid in nodes:
            if nodes[nid] == node:
                report.warn(where, "duplicate node, identical to the first: kept once")
            else:
                problems.append(
                    Problem(
                        file,
                        None,
                        where,
                        "duplicate nodeID with different content: give each node its own id",
                    )
                )
            continue
        if not isinstance(node.get("text", ""), str):
            problems.append(Problem(file, None, where, "'text' must be a string"))
            continue
        nodes[nid] = node
        order.append(nid)
    edges: list[tuple[int, str, str, dict[str, Any]]] = []
    seen: set[tuple[str, str]] = set()
    for i, edge in enumerate(edges_in):
        src = _id(edge.get("fromID")) if isinstance(edge, dict) else None
        dst = _id(edge.get("toID")) if isinstance(edge, dict) else None
        if src is None or dst is None:
            problems.append(Problem(file, None, f"/edges/{i}", "an edge needs fromID and toID"))
            continue
        if (src, dst) in seen:
            report.warn(f"/edges/{i}", f"duplicate edge {src} -> {dst}: kept once")
            continue
        seen.add((src, dst))
        edges.append((i, src, dst, edge))
    if problems:
        raise CaseFileError(problems)
    ns = Nodeset(file, wrapper, data, nodes, order, edges)
    _index(ns, report)
    return ns


def _index(ns: Nodeset, report: ImportReport) -> None:
    """Fill in types and links; warn about unknown types and dangling edges."""
    ns.types = {nid: str(node.get("type", "")) for nid, node in ns.nodes.items()}
    for nid in ns.order:
        if ns.types[nid] not in ARGUMENT_TYPES + DIALOGUE_TYPES:
            report.warn(
                f"/nodes/{nid}",
                f"unknown node type {ns.types[nid]!r}: kept as it is, not in the argument",
            )
    ns.incoming = {nid: [] for nid in ns.nodes}
    ns.outgoing = {nid: [] for nid in ns.nodes}
    for i, src, dst, _ in ns.edges:
        missing = [x for x in (src, dst) if x not in ns.nodes]
        if missing:
            report.warn(
                f"/edges/{i}",
                f"edge {src} -> {dst}: no node {missing[0]}; kept aside, not in the argument",
            )
            ns.dangling += 1
            continue
        ns.outgoing[src].append(dst)
        ns.incoming[dst].append(src)
