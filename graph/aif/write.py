"""Export a determination as an AIF nodeset (AIFdb JSON; xAIF when it came as xAIF).

Owns :func:`export_aif`. Statements, findings and assessments become I-nodes,
inferences RA-nodes, conflicts CA-nodes and preferences PA-nodes. What AIF cannot
say (citations, weights, proof standards, finding details, sources, services,
criteria) travels in the ``toulmin`` extension: a key on the nodeset holding the
case file without its argument layer, and a key on each generated node holding the
node's case-file item. AIF tools ignore keys they do not know. With the sidecar of an
import (``det.extra["aif"]``), original ids, untouched nodes, dialogue nodes,
locutions and the rest come back as they were. Imports authoring and this package.

Examples
--------
>>> from toulmin.graph.authoring.model import Determination, Inference, Statement
>>> det = Determination("d", "T", "pended", "c", statements=(
...     Statement("c", "conclusion", "C."), Statement("p", "claim", "P.")),
...     inferences=(Inference("i", ("p",), "c"),))
>>> aif = export_aif(det)
>>> [(n["nodeID"], n["type"], n["text"]) for n in aif["nodes"]]
[('c', 'I', 'C.'), ('p', 'I', 'P.'), ('i', 'RA', 'Default Inference')]
>>> [(e["fromID"], e["toID"]) for e in aif["edges"]]
[('p', 'i'), ('i', 'c')]
"""

from __future__ import annotations

from typing import Any

from toulmin.graph.aif.casedict import ARGUMENT_GROUPS, item_dict, shell_dict
from toulmin.graph.aif.nodeset import DEFAULT_TEXTS, EXTENSION_KEY
from toulmin.graph.authoring.model import Determination

__all__ = ["argument_items", "export_aif"]

_STRUCTURE = ("id", "premises", "conclusion", "attacker", "target", "preferred", "over")


def argument_items(det: Determination) -> dict[str, dict[str, Any]]:
    """Every argument-layer item of ``det`` as its case-file dict, by local id."""
    return {x.id: item_dict(x) for g in ARGUMENT_GROUPS for x in getattr(det, g)}


def export_aif(det: Determination, sidecar: dict[str, Any] | None = None) -> dict[str, Any]:
    """The AIF nodeset of ``det``.

    Parameters
    ----------
    det : Determination
        The determination.
    sidecar : dict, optional
        The sidecar of the import the determination came from (default
        ``det.extra.get("aif")``): it restores the original ids and everything AIF-only.

    Returns
    -------
    dict
        ``{"nodes", "edges", ..., "toulmin": {...}}``, or ``{"AIF": {...}, ...}`` when
        the import was xAIF.
    """
    side: dict[str, Any] = sidecar if sidecar is not None else det.extra.get("aif") or {}
    ids: dict[str, Any] = side.get("ids", {})
    originals: dict[str, dict[str, Any]] = side.get("nodes", {})
    imported: dict[str, dict[str, Any]] = side.get("items", {})

    def aif_id(local: str) -> Any:
        return ids.get(local, local)

    nodes: list[dict[str, Any]] = []
    pairs: list[tuple[str, str]] = []
    for group in ARGUMENT_GROUPS:
        for x in getattr(det, group):
            item = item_dict(x)
            if group in ("findings", "statements", "assessments"):
                node = {"nodeID": aif_id(x.id), "text": x.text, "type": "I"}
            elif group == "inferences":
                node = {
                    "nodeID": aif_id(x.id),
                    "text": x.scheme or DEFAULT_TEXTS["RA"],
                    "type": "RA",
                }
                if x.scheme:
                    node["scheme"] = x.scheme
                pairs += [(p, x.id) for p in x.premises] + [(x.id, x.conclusion)]
            elif group == "conflicts":
                node = {"nodeID": aif_id(x.id), "text": DEFAULT_TEXTS["CA"], "type": "CA"}
                pairs += [(x.attacker, x.id), (x.id, x.target)]
            else:
                node = {"nodeID": aif_id(x.id), "text": DEFAULT_TEXTS["PA"], "type": "PA"}
                pairs += [(x.preferred, x.id), (x.id, x.over)]
            original = originals.get(x.id)
            if original is not None and imported.get(x.id) == item:
                nodes.append(original)
                continue
            rest = {k: v for k, v in item.items() if k not in _STRUCTURE}
            rest.pop("text", None)
            node[EXTENSION_KEY] = {"id": x.id, "group": group, "item": rest}
            nodes.append({**(original or {}), **node})
    nodes += side.get("kept_nodes", [])
    order = {str(n): i for i, n in enumerate(side.get("order", []))}
    nodes.sort(key=lambda n: order.get(str(n["nodeID"]), len(order)))

    known = {(str(e["fromID"]), str(e["toID"])): e for e in side.get("edges", [])}
    kept = side.get("kept_edges", [])
    numeric = all(isinstance(e.get("edgeID"), int) for e in [*known.values(), *kept]) and bool(
        known
    )
    taken = {str(e.get("edgeID")) for e in [*known.values(), *kept]}
    counter = 0
    edges: list[dict[str, Any]] = []
    for a, b in pairs:
        key = (str(aif_id(a)), str(aif_id(b)))
        if key in known:
            edges.append(known[key])
            continue
        counter += 1
        while str(counter) in taken:
            counter += 1
        taken.add(str(counter))
        edge_id: Any = counter if numeric else str(counter)
        edges.append({"edgeID": edge_id, "fromID": aif_id(a), "toID": aif_id(b)})
    edges += kept
    body: dict[str, Any] = {"nodes": nodes, "edges": edges, **side.get("body", {})}
    body[EXTENSION_KEY] = {"version": 1, "case": shell_dict(det)}
    wrapper = side.get("wrapper")
    return {"AIF": body, **wrapper} if wrapper is not None else body
