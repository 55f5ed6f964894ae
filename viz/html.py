"""The interactive argument map as one self-contained, offline HTML page.

The page is produced by pyvis: a :class:`pyvis.network.Network` holds the nodes and
edges (positions computed by :mod:`toulmin.viz.map`, physics off) and renders
*our* Jinja template (``assets/map.html.j2``) through ``generate_html()``; the
result is written by :func:`write_map`, never by ``show()``. pyvis's own templates
link to CDNs even with ``cdn_resources="in_line"``; ours inlines every script and
style: vis-network's standalone build vendored in ``assets/`` (Apache-2.0 or MIT,
see ``assets/README.md``), our stylesheet and our script. A Content-Security-Policy
with ``default-src 'none'`` and hashes of the inline scripts forbids any request to
another host and any inline event handler.

Every text from the case file reaches the page as JSON (``<``, ``>``, ``&`` and
``'`` escaped) and is put into the DOM with ``textContent``; tooltips are DOM
elements, never HTML strings, since vis-network renders ``title`` strings as HTML.

Examples
--------
>>> from toulmin.graph.authoring.casefile import load_case
>>> page = map_html(load_case("examples/l4-5-revision.yaml"))
>>> "https://" in page.split("<script>")[0]
False
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import DictLoader, Environment
from pyvis.network import Network

from toulmin.errors import BadInputError
from toulmin.graph.authoring.model import Determination
from toulmin.viz._evaluation import VizEvaluation, evaluate_for_viz
from toulmin.viz.map import (
    EDGE_RELATIONS,
    NODE_KINDS,
    ArgumentMap,
    LayoutConfig,
    argument_map,
)

__all__ = [
    "DEFAULT_COLLAPSE_ABOVE",
    "EDGE_STYLES",
    "KIND_STYLES",
    "STATUS_STYLES",
    "MapOptions",
    "map_html",
    "render_map",
    "write_map",
]

#: Above this many nodes the page opens on a collapsed overview (one box per line).
DEFAULT_COLLAPSE_ABOVE = 400
#: Above this many nodes: straight edges, no edges while dragging, citation links off at first.
_BIG = 500

_FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
_RADIUS = {"finding": 14, "source": 0, "service": 6, "setting": 6}


@dataclass(frozen=True)
class _KindStyle:
    shape: str
    background: str
    border: str
    font: str
    size: int = 14


#: Shape and colours per node kind (see :data:`toulmin.viz.map.NODE_KINDS`).
KIND_STYLES: dict[str, _KindStyle] = {
    "conclusion": _KindStyle("box", "#1f3a5f", "#0b1a2c", "#ffffff", 17),
    "service": _KindStyle("box", "#2f6db3", "#17406e", "#ffffff", 15),
    "setting": _KindStyle("box", "#6b4fa8", "#3f2b6b", "#ffffff", 15),
    "assessment": _KindStyle("box", "#fff1cc", "#b7791f", "#3d2a05"),
    "claim": _KindStyle("box", "#edf2f7", "#4a5568", "#1a202c"),
    "guideline": _KindStyle("box", "#f3e8ff", "#6b46c1", "#2d1a54"),
    "finding": _KindStyle("box", "#e3f4e8", "#2f855a", "#133d25"),
    "counter": _KindStyle("box", "#fde2e2", "#c53030", "#4a0f0f"),
    "answer": _KindStyle("box", "#dff7f3", "#2c7a7b", "#0f3535"),
    "inference": _KindStyle("diamond", "#a0aec0", "#4a5568", "#1a202c", 8),
    "source": _KindStyle("box", "#fdf6d8", "#8a6d1d", "#3b2f0b"),
}


@dataclass(frozen=True)
class _EdgeStyle:
    color: str
    dashes: tuple[int, ...] | None
    width: float


#: Colour and dash pattern per edge relation; support is solid.
EDGE_STYLES: dict[str, _EdgeStyle] = {
    "support": _EdgeStyle("#4a5568", None, 1.6),
    "rebut": _EdgeStyle("#c53030", (10, 6), 2.6),
    "undercut": _EdgeStyle("#dd6b20", (3, 5), 2.8),
    "undermine": _EdgeStyle("#805ad5", (12, 4, 2, 4), 2.6),
    "cites": _EdgeStyle("#b8c2cc", (2, 4), 1.0),
}

#: Border colour and dash pattern per acceptability label.
STATUS_STYLES: dict[str, tuple[str, tuple[int, ...] | None, str]] = {
    "in": ("#1e8e3e", None, "accepted (in): [IN] on the node, a green inference"),
    "out": ("#d93025", (6, 4), "defeated (out): red dashed border and [OUT]"),
    "undecided": ("#e8a100", (2, 3), "undecided: amber dotted border and [UNDECIDED]"),
}


@dataclass(frozen=True)
class MapOptions:
    """How the page looks and behaves.

    ``collapse_above``: node count above which the page opens on the collapsed
    overview; ``height``: CSS height of the map; ``status``: show acceptability
    labels when results are given.
    """

    collapse_above: int = DEFAULT_COLLAPSE_ABOVE
    height: str = "calc(100vh - 110px)"
    layout: LayoutConfig | None = None


# --- assets -------------------------------------------------------------------------------


@cache
def _raw_asset(name: str) -> str:
    return resources.files("toulmin.viz").joinpath("assets", name).read_text(encoding="utf-8")


@cache
def _asset(name: str) -> str:
    """An asset to inline: no source-map URL, no closing tag inside."""
    text = _raw_asset(name)
    # no fetch of a source map, no way to end the inline element early
    text = re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.MULTILINE)
    text = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", text)
    return text.replace("</script", "<\\/script").replace("</style", "<\\/style")


def _environment() -> Environment:
    env = Environment(
        loader=DictLoader({"map.html.j2": _raw_asset("map.html.j2")}),
        autoescape=True,
        keep_trailing_newline=True,
    )
    return env


# --- rendering ----------------------------------------------------------------------------


def _dashes(d: tuple[int, ...] | None) -> list[int] | bool:
    return list(d) if d else False


def _vis_node(n: Any, has_status: bool) -> dict[str, Any]:
    st = KIND_STYLES[n.kind]
    label = n.label
    border = st.border
    width = 2 if n.kind not in ("conclusion",) else 3
    dashes: list[int] | bool = False
    background = st.background
    if has_status and n.status in STATUS_STYLES:
        colour, dash, _ = STATUS_STYLES[n.status]
        if n.status != "in":  # the exceptions stand out; "in" keeps the kind's border
            border, width, dashes = colour, 5, _dashes(dash)
        if n.kind == "inference":
            background = colour
        elif label:
            label = f"{label}\n[{n.status.upper()}]"
    node: dict[str, Any] = {
        "x": n.x,
        "y": n.y,
        "shape": st.shape,
        "color": {
            "background": background,
            "border": border,
            "highlight": {"background": background, "border": "#111111"},
            "hover": {"background": background, "border": "#111111"},
        },
        "font": {"color": st.font, "size": st.size, "face": _FONT},
        "borderWidth": width,
        "borderWidthSelected": width + 2,
        "shapeProperties": {"borderDashes": dashes},
    }
    if n.kind == "inference":
        node["size"] = 9
        node["font"] = {"size": 0}
    else:
        node["margin"] = {"top": 6, "bottom": 6, "left": 8, "right": 8}
        node["shapeProperties"]["borderRadius"] = _RADIUS.get(n.kind, 3)
    if n.kind == "conclusion":
        node["font"]["bold"] = True
    return {"label": label, **node}


def _vis_edge(e: Any) -> dict[str, Any]:
    st = EDGE_STYLES[e.relation]
    return {
        "id": e.id,
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
        "color": {"color": st.color, "highlight": st.color, "hover": st.color, "opacity": 1.0},
        "dashes": _dashes(st.dashes),
        "width": st.width,
    }


def _payload(amap: ArgumentMap, opts: MapOptions, extra: Mapping[str, Any]) -> dict[str, Any]:
    info = {}
    for n in amap.nodes:
        info[n.id] = {
            "kind": n.kind,
            "kindName": NODE_KINDS[n.kind],
            "text": n.text,
            "plain": n.plain,
            "facts": [list(f) for f in n.facts],
            "citations": [
                {
                    "ref": c.ref,
                    "source": c.source,
                    "title": c.title,
                    "kind": c.kind,
                    "publisher": c.publisher,
                    "version": c.version,
                    "date": c.date,
                    "locator": c.locator,
                    "quote": c.quote,
                }
                for c in n.citations
            ],
            "status": n.status if amap.has_status else None,
            "explanation": n.explanation,
            "lines": list(n.lines),
            "rank": n.rank,
        }
    edge_info = {
        e.id: {
            "relation": e.relation,
            "relationName": EDGE_RELATIONS[e.relation],
            "from": e.source,
            "to": e.target,
            "detail": e.detail,
            "status": e.status,
        }
        for e in amap.edges
    }
    down: dict[str, list[list[str]]] = {}
    up: dict[str, list[list[str]]] = {}
    for e in amap.edges:
        hi, lo = (e.source, e.target) if e.relation == "cites" else (e.target, e.source)
        down.setdefault(hi, []).append([e.id, lo])
        up.setdefault(lo, []).append([e.id, hi])
    line_roots = {line.root for line in amap.lines}
    cluster: dict[str, str] = {}
    for n in amap.nodes:
        if n.id == amap.main or n.id in line_roots or n.kind == "source":
            continue
        if n.lines:
            cluster[n.id] = n.lines[0]
    positions = {n.id: (n.x, n.y) for n in amap.nodes}
    lines = []
    for line in amap.lines:
        rx, ry = positions.get(line.root, (0.0, 0.0))
        lines.append(
            {
                "key": line.key,
                "label": line.label,
                "root": line.root,
                "members": sorted(line.members),
                "clusterSize": sum(1 for v in cluster.values() if v == line.key),
                "x": rx,
                "y": ry + 220.0,
            }
        )
    legend = [
        {
            "kind": k,
            "name": name,
            "shape": KIND_STYLES[k].shape,
            "background": KIND_STYLES[k].background,
            "border": KIND_STYLES[k].border,
        }
        for k, name in NODE_KINDS.items()
    ]
    edge_legend = [
        {
            "relation": r,
            "name": name,
            "color": EDGE_STYLES[r].color,
            "dashes": list(EDGE_STYLES[r].dashes or ()),
        }
        for r, name in EDGE_RELATIONS.items()
    ]
    status_legend = (
        [
            {"status": s, "name": name, "color": colour, "dashes": list(dash or ())}
            for s, (colour, dash, name) in STATUS_STYLES.items()
        ]
        if amap.has_status
        else []
    )
    return {
        "determination": amap.determination,
        "title": amap.title,
        "main": amap.main,
        "collapseAbove": opts.collapse_above,
        "hasStatus": amap.has_status,
        "citesShown": len(amap.nodes) <= _BIG,
        "info": info,
        "edgeInfo": edge_info,
        "down": down,
        "up": up,
        "lines": lines,
        "cluster": cluster,
        "legend": legend,
        "edgeLegend": edge_legend,
        "statusLegend": status_legend,
        **extra,
    }


class _MapNetwork(Network):  # type: ignore[misc]  # pyvis ships no type hints
    """pyvis Network with O(1) node lookups (pyvis scans a list per edge)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._id_set: set[str] = set()

    def get_nodes(self) -> set[str]:  # pyvis only tests membership
        return self._id_set

    def add_node(self, n_id: str, label: Any = None, shape: str = "dot", **options: Any) -> None:
        if n_id in self._id_set:
            return
        super().add_node(n_id, label=label or " ", shape=shape, **options)
        self._id_set.add(n_id)
        if not label:
            self.node_map[n_id]["label"] = ""


def _csp(html: str) -> str:
    hashes = []
    for body in re.findall(r"<script>(.*?)</script>", html, flags=re.DOTALL):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    policy = (
        "default-src 'none'; "
        f"script-src {' '.join(hashes)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; "
        "connect-src 'none'; form-action 'none'; base-uri 'none'"
    )
    return html.replace("__TOULMIN_CSP__", policy, 1)


def render_map(
    amap: ArgumentMap,
    options: MapOptions | None = None,
    *,
    extra: Mapping[str, Any] | None = None,
) -> str:
    """Render an :class:`~toulmin.viz.map.ArgumentMap` as one self-contained HTML page.

    Parameters
    ----------
    amap : ArgumentMap
        Nodes, edges and positions.
    options : MapOptions, optional
        Collapse threshold and height.
    extra : mapping, optional
        More fields for the page's data (for example ``outcome``, ``semantics``).

    Returns
    -------
    str
        The HTML text.
    """
    opts = options or MapOptions()
    net = _MapNetwork(
        height=opts.height,
        width="100%",
        directed=True,
        heading=amap.title,
        cdn_resources="in_line",
    )
    for n in amap.nodes:
        vis = _vis_node(n, amap.has_status)
        label = vis.pop("label")
        net.add_node(n.id, label=label, **vis)
    big = len(amap.nodes) > _BIG
    for e in amap.edges:
        vis_edge = _vis_edge(e)
        if big and e.relation == "cites":
            vis_edge["hidden"] = True  # thousands of long lines into a few sources: off at first
        net.add_edge(e.source, e.target, **vis_edge)
    net.options = {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "hierarchical": {"enabled": False}},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
            "zoomView": True,
            "dragView": True,
        },
        "nodes": {"font": {"face": _FONT}},
        "edges": {
            "smooth": False
            if big
            else {
                "enabled": True,
                "type": "cubicBezier",
                "forceDirection": "vertical",
                "roundness": 0.45,
            },
            "selectionWidth": 1.5,
            "hoverWidth": 0.8,
        },
    }
    env = _environment()
    env.globals["toulmin"] = {
        "title": amap.title,
        "determination": amap.determination,
        "vis_js": _asset("vis-network.min.js"),
        "vis_css": _asset("vis-network.min.css"),
        "js": _asset("map.js"),
        "css": _asset("map.css"),
        "payload": _payload(amap, opts, extra or {}),
        "height": opts.height,
    }
    net.templateEnv = env
    net.path = "map.html.j2"
    html = net.generate_html(name="map.html")
    return _csp(html)


def map_html(
    det: Determination,
    options: MapOptions | None = None,
    *,
    evaluation: VizEvaluation | bool | None = True,
) -> str:
    """The map page of a determination (labels shown when the evaluator has results).

    Parameters
    ----------
    det : Determination
        The determination.
    options : MapOptions, optional
        Collapse threshold, height, layout.
    evaluation : VizEvaluation, bool or None
        ``True`` (default): ask the evaluator, when it is installed, for labels under
        grounded semantics; ``False``/``None``: no labels; or a ready evaluation
        (:func:`toulmin.viz._evaluation.evaluate_for_viz`).

    Returns
    -------
    str
        The HTML text.

    Examples
    --------
    >>> from toulmin.graph.authoring.casefile import load_case
    >>> page = map_html(load_case("examples/l4-5-revision.yaml"))
    >>> page.startswith("<!DOCTYPE html>")
    True
    """
    opts = options or MapOptions()
    if evaluation is True:
        ev = evaluate_for_viz(det)
    elif isinstance(evaluation, VizEvaluation):
        ev = evaluation
    else:
        ev = None
    amap = argument_map(
        det,
        status=ev.status if ev else None,
        explanations=ev.explanations if ev else None,
        conflicts={k: v[1] for k, v in ev.conflicts.items()} if ev else None,
        layout=opts.layout,
    )
    extra = {
        "outcome": det.outcome,
        "semantics": ev.semantics if ev else None,
        "illustrative": det.illustrative,
    }
    return render_map(amap, opts, extra=extra)


def write_map(
    det: Determination,
    path: str | Path,
    options: MapOptions | None = None,
    *,
    evaluation: VizEvaluation | bool | None = True,
) -> Path:
    """Write the map page of ``det`` to ``path`` (UTF-8) and return the path.

    Raises
    ------
    BadInputError
        When ``path`` does not end in ``.html`` or ``.htm``.
    """
    out = Path(path)
    if out.suffix.lower() not in (".html", ".htm"):
        raise BadInputError(f"{out}: the map is an HTML page; give an output path ending in .html")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(map_html(det, options, evaluation=evaluation), encoding="utf-8")
    return out
