"""Import an AIF nodeset (AIFdb JSON, OVA3 xAIF) as a determination.

Owns :func:`import_aif` and :func:`load_aif`, the mapping to the case model, and
the *sidecar*: the AIF-only data (dialogue nodes L/TA/YA, MA rephrase relations,
locutions, participants, the original ids, node attributes such as timestamps) that
the case model has no room for, kept so that :func:`toulmin.graph.aif.write.export_aif`
gives the nodeset back. Imports the authoring layer and :mod:`.nodeset`.

I-nodes become statements, RA-nodes inferences, CA-nodes conflicts (an undercut when
the target is an RA-node, an undermining when it is a premise and no conclusion, else a
rebuttal), PA-nodes preferences. ``docs/aif.md`` has the whole mapping.

Examples
--------
>>> nodeset = {"nodes": [
...     {"nodeID": 1, "text": "Rain is coming.", "type": "I"},
...     {"nodeID": 2, "text": "Clouds are dark.", "type": "I"},
...     {"nodeID": 3, "text": "Default Inference", "type": "RA"}],
...   "edges": [{"fromID": 2, "toID": 3}, {"fromID": 3, "toID": 1}]}
>>> result = import_aif(nodeset, "tiny.json")
>>> result.determination.inferences[0]
Inference(id='ra3', premises=('n2',), conclusion='n1', scheme=None, warrant=None, weight=None)
>>> result.determination.main_claim
'n1'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toulmin.errors import CaseFileError, Problem
from toulmin.graph.aif.casedict import ARGUMENT_GROUPS, item_dict
from toulmin.graph.aif.nodeset import (
    ARGUMENT_TYPES,
    DEFAULT_TEXTS,
    EXTENSION_KEY,
    ImportReport,
    Nodeset,
    parse_nodeset,
)
from toulmin.graph.authoring.casefile import parse_case
from toulmin.graph.authoring.model import Determination
from toulmin.graph.authoring.synth import dump_case

__all__ = [
    "AifImport",
    "ImportReport",
    "import_aif",
    "load_aif",
    "local_id",
]

_PREFIX = {"I": "n", "RA": "ra", "CA": "ca", "PA": "pa"}
_GROUP = {"RA": "inferences", "CA": "conflicts", "PA": "preferences"}
_SOURCE_ID = "aif"


@dataclass
class AifImport:
    """An imported nodeset: the case-file dict, its determination, sidecar and report."""

    case: dict[str, Any]
    determination: Determination
    sidecar: dict[str, Any]
    report: ImportReport

    def case_yaml(self) -> str:
        """The case file, as ``toulmin`` commands read it."""
        return dump_case(self.case)


def local_id(aif_type: str, node_id: str) -> str:
    """The case-file id of an AIF node: a type prefix and the id, made id-safe.

    >>> local_id("I", "734"), local_id("RA", "4_17/3")
    ('n734', 'ra4_17_3')
    """
    return _PREFIX[aif_type] + re.sub(r"[^A-Za-z0-9_.-]", "_", node_id)


def load_aif(path: str | Path) -> AifImport:
    """Read and import one AIF JSON file (see :func:`import_aif`).

    Raises
    ------
    CaseFileError
        The file is not JSON, or not a nodeset, or has a problem whose meaning is not
        clear (every problem, with file and node id).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        problem = Problem(str(path), None, "", f"cannot read the file: {err}")
        raise CaseFileError([problem]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise CaseFileError(
            [Problem(str(path), err.lineno, "", f"not JSON: {err.msg} (column {err.colno})")]
        ) from None
    return import_aif(data, str(path))


def _fail(file: str, path: str, message: str) -> CaseFileError:
    return CaseFileError([Problem(file, None, path, message)])


def import_aif(data: Any, file: str = "<aif>") -> AifImport:
    """Import a parsed AIF nodeset (plain ``{nodes, edges, ...}`` or xAIF ``{"AIF": ...}``).

    Parameters
    ----------
    data : object
        The parsed JSON.
    file : str
        The file name used in messages, the determination id and the source title.

    Returns
    -------
    AifImport
        The case dict and determination (outcome ``pended``: an AIF nodeset has no
        decision), the sidecar and the report of warnings.

    Raises
    ------
    CaseFileError
        Every problem whose meaning is not clear, with file and node id.
    """
    report = ImportReport(file)
    ns = parse_nodeset(data, file, report)
    state = _Import(ns, file, report)
    for nid in ns.order:
        if ns.types[nid] in ("RA", "CA", "PA"):
            state.s_node(nid)
    if state.problems:
        raise CaseFileError(state.problems)
    state.resolve_targets()
    types, ids, argument = ns.types, state.ids, state.argument
    concluded = {argument[n]["conclusion"] for n in argument if types[n] == "RA"}
    premised = {p for n in argument if types[n] == "RA" for p in argument[n]["premises"]}
    state.conflict_kinds(concluded, premised)
    i_nodes = [n for n in ns.order if types[n] == "I"]
    if not i_nodes:
        raise _fail(file, "/nodes", "the nodeset has no I-node: there is no statement to import")
    ext = ns.extension()
    shell = ext.get("case") if isinstance(ext.get("case"), dict) else None
    case = dict(shell) if shell else _default_shell(file, ids, i_nodes, concluded, premised)
    for group, items in state.groups(i_nodes, case).items():
        case.pop(group, None)
        if items:
            case[group] = items
    det = _checked(case, file, {lid: nid for nid, lid in ids.items()})
    sidecar = _sidecar(ns, ids, state.used_edges)
    sidecar["items"] = {x.id: item_dict(x) for g in ARGUMENT_GROUPS for x in getattr(det, g)}
    det.extra["aif"] = sidecar
    return AifImport(case, det, sidecar, report)


class _Import:
    """The state of one import: local ids, the S-nodes as case items, the edges used."""

    def __init__(self, ns: Nodeset, file: str, report: ImportReport) -> None:
        self.ns, self.file, self.report = ns, file, report
        self.ids: dict[str, str] = {}  # aif id -> local id, for the argument's nodes
        used: set[str] = set()
        for nid in ns.order:
            if ns.types[nid] in ARGUMENT_TYPES:
                want = ns.node_ext(nid).get("id") or local_id(ns.types[nid], nid)
                lid, k = str(want), 2
                while lid in used:
                    lid, k = f"{want}-{k}", k + 1
                used.add(lid)
                self.ids[nid] = lid
        self.problems: list[Problem] = []
        self.argument: dict[str, dict[str, Any]] = {}  # aif id -> case item (S-nodes)
        self.used_edges: set[tuple[str, str]] = set()

    def ends(self, nid: str, outgoing_side: bool, allowed: tuple[str, ...]) -> list[str]:
        """The nodes of the ``allowed`` types at one side of S-node ``nid``."""
        pool = self.ns.outgoing[nid] if outgoing_side else self.ns.incoming[nid]
        return [x for x in pool if self.ns.types.get(x) in allowed]

    def s_node(self, nid: str) -> None:
        """An RA-node as an inference, a CA-node as a conflict, a PA-node as a preference."""
        item: dict[str, Any] = dict(self.ns.node_ext(nid).get("item", {}))
        item["id"] = self.ids[nid]
        kind = self.ns.types[nid]
        kept = self.inference(nid, item) if kind == "RA" else self.relation(nid, kind, item)
        if kept:
            self.argument[nid] = item

    def inference(self, nid: str, item: dict[str, Any]) -> bool:
        """Fill ``item`` from RA-node ``nid``; ``False`` when it is not an inference."""
        where = f"/nodes/{nid}"
        premises = self.ends(nid, False, ("I",))
        concl = self.ends(nid, True, ("I",))
        if len(concl) > 1:
            self.problems.append(
                Problem(
                    self.file,
                    None,
                    where,
                    f"RA-node has {len(concl)} conclusions ({', '.join(concl)}); "
                    "an inference supports one",
                )
            )
            return False
        if not concl or not premises:
            what = "no conclusion" if not concl else "no premise"
            self.report.warn(where, f"RA-node has {what}: kept as it is, not an inference")
            self.ids.pop(nid)
            return False
        item["premises"] = [self.ids[p] for p in premises]
        item["conclusion"] = self.ids[concl[0]]
        scheme = self.ns.nodes[nid].get("scheme") or self.ns.nodes[nid].get("text")
        if scheme and scheme != DEFAULT_TEXTS["RA"] and "scheme" not in item:
            item["scheme"] = str(scheme)
        self.used_edges.update((p, nid) for p in premises)
        self.used_edges.add((nid, concl[0]))
        return True

    def relation(self, nid: str, kind: str, item: dict[str, Any]) -> bool:
        """Fill ``item`` from CA- or PA-node ``nid``; ``False`` when it relates no pair.

        Its target (or the node it is preferred over) stays an AIF id until
        :meth:`resolve_targets`, since it may be an RA-node not yet read.
        """
        where = f"/nodes/{nid}"
        first = self.ends(nid, False, ("I",) if kind == "CA" else ("I", "RA"))
        second = self.ends(nid, True, ("I", "RA"))
        label = "attacker" if kind == "CA" else "preferred node"
        if len(first) > 1 or len(second) > 1:
            self.problems.append(
                Problem(
                    self.file,
                    None,
                    where,
                    f"{kind}-node has {len(first)} {label}s and {len(second)} targets; "
                    "it relates one node to one",
                )
            )
            return False
        if not first or not second:
            self.report.warn(
                where,
                f"{kind}-node has no {label if not first else 'target'}: "
                "kept as it is, not in the argument",
            )
            self.ids.pop(nid)
            return False
        if kind == "CA":
            item.update(attacker=self.ids[first[0]], target=second[0])
        else:
            item.update(preferred=first[0], over=second[0])
        self.used_edges.update({(first[0], nid), (nid, second[0])})
        return True

    def resolve_targets(self) -> None:
        """Targets may be RA-nodes: resolve them now that every RA is known."""
        ns, ids, argument = self.ns, self.ids, self.argument
        for nid, item in list(argument.items()):
            for key in ("target", "preferred", "over"):
                if key not in item:
                    continue
                if item[key] not in ids:
                    self.report.warn(
                        f"/nodes/{nid}",
                        f"{ns.types[nid]}-node points at {item[key]}, which is not in the "
                        "argument: kept as it is",
                    )
                    self.used_edges.difference_update(
                        {(a, b) for _, a, b, _ in ns.edges if nid in (a, b)}
                    )
                    del argument[nid]
                    ids.pop(nid)
                    break
                item[key] = ids[item[key]]

    def conflict_kinds(self, concluded: set[str], premised: set[str]) -> None:
        """Give each CA-node without a kind its kind, from what it attacks.

        An undercut attacks an RA-node, an undermining a premise that nothing
        concludes; any other attack is a rebuttal.
        """
        types, ids, argument = self.ns.types, self.ids, self.argument
        inferences = {ids[n] for n in argument if types[n] == "RA"}
        for nid, item in argument.items():
            if types[nid] == "CA" and "kind" not in item:
                target = item["target"]
                if target in inferences:
                    item["kind"] = "undercut"
                elif target in premised and target not in concluded:
                    item["kind"] = "undermine"
                else:
                    item["kind"] = "rebut"

    def groups(self, i_nodes: list[str], case: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        """The case file's item groups: the I-nodes, then the S-nodes."""
        ns, ids = self.ns, self.ids
        main = case["decision"]["main_claim"]
        has_source = any(s.get("id") == _SOURCE_ID for s in case.get("sources", []))
        groups: dict[str, list[dict[str, Any]]] = {g: [] for g in ARGUMENT_GROUPS}
        for nid in i_nodes:
            node = ns.nodes[nid]
            text = node.get("text", "")
            e = ns.node_ext(nid)
            group = e.get("group", "statements")
            if group not in ("findings", "statements", "assessments"):
                group = "statements"
            item = dict(e.get("item", {}))
            if not text.strip():
                self.report.warn(
                    f"/nodes/{nid}", "I-node with empty text: the statement reads '(no text)'"
                )
                text = "(no text)"
            item["id"] = ids[nid]
            item["text"] = text
            if group == "statements":
                item.setdefault("kind", "conclusion" if ids[nid] == main else "claim")
            item.setdefault(
                "cite", [{"source": _SOURCE_ID, "locator": f"nodeID {nid}"}] if has_source else []
            )
            groups[group].append(item)
        for nid, item in self.argument.items():
            groups[_GROUP[ns.types[nid]]].append(item)
        return groups


def _checked(case: dict[str, Any], file: str, aif_ids: dict[str, str]) -> Determination:
    """``parse_case`` on the built case, its problems told by AIF node id.

    What the case-file checks find beyond the nodeset checks (a support cycle, a
    statement attacking itself) is reported at ``/nodes/ID`` of the node it concerns.
    """
    try:
        return parse_case(dump_case(case), file)
    except CaseFileError as err:
        problems = []
        for p in err.problems:
            parts = p.path.strip("/").split("/")
            node = None
            if len(parts) >= 2 and parts[1].isdigit() and parts[0] in case:
                items = case[parts[0]]
                index = int(parts[1])
                if isinstance(items, list) and index < len(items):
                    node = aif_ids.get(items[index].get("id", ""))
            path = f"/nodes/{node}" if node is not None else p.path
            problems.append(Problem(file, None, path, p.message))
        raise CaseFileError(problems) from None


def _default_shell(
    file: str, ids: dict[str, str], i_nodes: list[str], concluded: set[str], premised: set[str]
) -> dict[str, Any]:
    """The minimal case around an argument: outcome pended, one placeholder service."""
    roots = [ids[n] for n in i_nodes if ids[n] in concluded and ids[n] not in premised]
    main = roots[0] if roots else ids[i_nodes[0]]
    name = Path(file).name
    stem = re.sub(r"[^A-Za-z0-9_.-]", "-", Path(file).stem) or "nodeset"
    return {
        "toulmin": 1,
        "id": f"aif-{stem}",
        "title": f"AIF nodeset {name}",
        "summary": (
            f"Imported from the AIF nodeset {name}. An AIF nodeset is an argument only: "
            "the outcome 'pended' and the service line 'AIF' are placeholders."
        ),
        "decision": {"outcome": "pended", "main_claim": main},
        "sources": [
            {
                "id": _SOURCE_ID,
                "kind": "clinical-document",
                "title": f"AIF nodeset {name}",
                "unknown": ["publisher", "version", "date", "identifier"],
                "note": (
                    "The AIF file the argument was imported from; citations point at its node ids."
                ),
            }
        ],
        "services": [
            {
                "id": "aif-argument",
                "code": "AIF",
                "system": "AIF",
                "decision": "pended",
                "claim": main,
                "description": "Placeholder: an AIF nodeset has no service line.",
            }
        ],
    }


def _sidecar(ns: Nodeset, ids: dict[str, str], used_edges: set[tuple[str, str]]) -> dict[str, Any]:
    """The AIF-only data: what :func:`~toulmin.graph.aif.write.export_aif` puts back."""
    kept = [ns.nodes[n] for n in ns.order if n not in ids]
    argument_edges = {(a, b) for a, b in used_edges}
    return {
        "format": "toulmin-aif-sidecar/1",
        "file": ns.file,
        "wrapper": {k: v for k, v in ns.wrapper.items() if k != "AIF"} if ns.wrapper else None,
        "body": {k: v for k, v in ns.body.items() if k not in ("nodes", "edges", EXTENSION_KEY)},
        "order": ns.order,
        "ids": {lid: ns.nodes[nid]["nodeID"] for nid, lid in ids.items()},
        "nodes": {
            ids[n]: {k: v for k, v in ns.nodes[n].items() if k != EXTENSION_KEY} for n in ids
        },
        "kept_nodes": kept,
        "edges": [e for _, a, b, e in ns.edges if (a, b) in argument_edges],
        "kept_edges": [e for _, a, b, e in ns.edges if (a, b) not in argument_edges],
        "dangling": ns.dangling,
    }
