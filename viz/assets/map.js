/* toulmin argument map: tooltips, trace highlighting, service-line filter, search,
 * legend and the collapsed overview. Every case-file text is put into the DOM with
 * textContent: vis-network renders title *strings* as HTML, so titles are elements. */
(function () {
  "use strict";

  var DATA = TOULMIN_DATA;
  var INFO = DATA.info;
  var EDGE_INFO = DATA.edgeInfo;
  var DIM = 0.12;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function field(parent, name, value) {
    parent.appendChild(el("dt", null, name));
    var dd = el("dd", null, value);
    if (value === "unknown") { dd.className = "tlm-unknown"; }
    parent.appendChild(dd);
  }

  function citationList(citations) {
    var list = el("ul", "tlm-cites");
    citations.forEach(function (c) {
      var item = el("li", "tlm-cite");
      var head = "[" + c.ref + "] " + c.title;
      if (c.locator) { head += " — " + c.locator; }
      item.appendChild(el("div", "tlm-cite-title", head));
      if (c.quote) { item.appendChild(el("div", "tlm-cite-quote", "“" + c.quote + "”")); }
      var meta = el("dl", "tlm-cite-meta");
      field(meta, "Source", c.source + " (" + c.kind + ")");
      field(meta, "Publisher", c.publisher);
      field(meta, "Version", c.version);
      field(meta, "Date", c.date);
      item.appendChild(meta);
      list.appendChild(item);
    });
    return list;
  }

  function nodeDetails(id) {
    var d = INFO[id];
    var box = el("div", "tlm-tip");
    box.setAttribute("data-node", id);
    box.appendChild(el("div", "tlm-tip-kind", d.kindName + " · " + id));
    if (d.status) {
      var st = el("div", "tlm-tip-status tlm-status-" + d.status, "Acceptability: " + d.status);
      box.appendChild(st);
      if (d.explanation) { box.appendChild(el("div", "tlm-tip-expl", d.explanation)); }
    }
    box.appendChild(el("div", "tlm-tip-text", d.text));
    if (d.plain) { box.appendChild(el("div", "tlm-tip-plain", "In plain words: " + d.plain)); }
    if (d.facts.length) {
      var dl = el("dl");
      d.facts.forEach(function (f) { field(dl, f[0], f[1]); });
      box.appendChild(dl);
    }
    if (d.citations.length) {
      box.appendChild(el("div", "tlm-tip-kind", "Citations"));
      box.appendChild(citationList(d.citations));
    } else if (d.kind !== "inference" && d.kind !== "source") {
      box.appendChild(el("div", "tlm-unknown", "No citation."));
    }
    return box;
  }

  function edgeDetails(id) {
    var d = EDGE_INFO[id];
    var box = el("div", "tlm-tip");
    box.appendChild(el("div", "tlm-tip-kind", d.relationName));
    box.appendChild(el("div", null, d.from + " " + d.relationName + " " + d.to));
    if (d.detail) { box.appendChild(el("div", "tlm-cite-meta", d.detail)); }
    if (d.status) { box.appendChild(el("div", "tlm-tip-status", "Attack status: " + d.status)); }
    return box;
  }

  // --- the network -------------------------------------------------------------------------
  var baseNodes = {};
  var baseEdges = {};
  TOULMIN_NODES.forEach(function (n) { baseNodes[n.id] = n; });
  TOULMIN_EDGES.forEach(function (e) { baseEdges[e.id] = e; });
  var nodes = new vis.DataSet(TOULMIN_NODES.map(function (n) {
    return Object.assign({}, n, { title: nodeDetails(n.id) });
  }));
  var edges = new vis.DataSet(TOULMIN_EDGES.map(function (e) {
    return Object.assign({}, e, { title: edgeDetails(e.id) });
  }));
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, TOULMIN_OPTIONS);

  var state = {
    network: network,
    nodes: nodes,
    edges: edges,
    data: DATA,
    highlighted: new Set(),
    highlightedEdges: new Set(),
    selected: null,
    line: "",
    collapsed: false,
    ready: false,
    readyAt: null,
    matches: [],
    matchIndex: -1
  };
  window.toulminMap = state;

  // --- trace: down to the sources, up to the conclusion --------------------------------------
  function closure(start, adjacency, nodeSet, edgeSet) {
    var stack = [start];
    var seen = new Set([start]);
    while (stack.length) {
      var cur = stack.pop();
      (adjacency[cur] || []).forEach(function (pair) {
        edgeSet.add(pair[0]);
        if (!seen.has(pair[1])) {
          seen.add(pair[1]);
          nodeSet.add(pair[1]);
          stack.push(pair[1]);
        }
      });
    }
  }

  function trace(id) {
    var nodeSet = new Set([id]);
    var edgeSet = new Set();
    closure(id, DATA.down, nodeSet, edgeSet);
    closure(id, DATA.up, nodeSet, edgeSet);
    return { nodes: nodeSet, edges: edgeSet };
  }

  function citesVisible() { return document.getElementById("tlm-cites").checked; }

  // the style each node and edge has now, so that only what changes is updated
  var nodeStyle = {};
  var edgeStyle = {};
  Object.keys(baseNodes).forEach(function (id) { nodeStyle[id] = "1"; });
  Object.keys(baseEdges).forEach(function (id) {
    edgeStyle[id] = baseEdges[id].hidden ? "hidden" : "normal";
  });

  function restyle() {
    var hl = state.highlighted;
    var any = hl.size > 0;
    var showCites = citesVisible();
    var nodeUpdates = [];
    Object.keys(baseNodes).forEach(function (id) {
      var want = !any || hl.has(id) ? "1" : "dim";
      if (nodeStyle[id] !== want) {
        nodeStyle[id] = want;
        nodeUpdates.push({ id: id, opacity: want === "1" ? 1 : DIM });
      }
    });
    var edgeUpdates = [];
    Object.keys(baseEdges).forEach(function (id) {
      var base = baseEdges[id];
      var on = !any || state.highlightedEdges.has(id);
      var isCite = EDGE_INFO[id].relation === "cites";
      var want = isCite && !showCites && !(any && on) ? "hidden" : (!any ? "normal" : (on ? "lit" : "dim"));
      if (edgeStyle[id] === want) { return; }
      edgeStyle[id] = want;
      edgeUpdates.push({
        id: id,
        hidden: want === "hidden",
        width: want === "lit" ? base.width + 1.2 : base.width,
        color: Object.assign({}, base.color, { opacity: want === "dim" ? DIM : 1 })
      });
    });
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
  }

  function highlight(id) {
    var t = trace(id);
    state.highlighted = t.nodes;
    state.highlightedEdges = t.edges;
    state.selected = id;
    restyle();
    showDetails(id, t);
  }

  function clearHighlight() {
    state.highlighted = new Set();
    state.highlightedEdges = new Set();
    state.selected = null;
    restyle();
    var details = document.getElementById("tlm-details");
    details.replaceChildren(el("p", "tlm-hint",
      "Hover a node for its text and citations; click it to trace it down to its sources and up to the conclusion."));
  }

  function showDetails(id, t) {
    var details = document.getElementById("tlm-details");
    var box = nodeDetails(id);
    details.replaceChildren(el("h2", null, "Selected"), box,
      el("div", "tlm-trace-count", "Trace: " + t.nodes.size + " nodes, " + t.edges.size +
        " edges (down to the sources, up to the conclusion)."));
  }

  // --- collapsed overview (large maps) --------------------------------------------------------
  function clusterId(key) { return "cluster:" + key; }

  function collapse() {
    DATA.lines.forEach(function (line) {
      if (!line.clusterSize) { return; }
      var tip = el("div", "tlm-tip");
      tip.appendChild(el("div", "tlm-tip-kind", "Collapsed service line"));
      tip.appendChild(el("div", "tlm-tip-text", line.label));
      tip.appendChild(el("div", null, line.clusterSize + " nodes. Click to expand."));
      network.cluster({
        joinCondition: function (o) { return DATA.cluster[o.id] === line.key; },
        clusterNodeProperties: {
          id: clusterId(line.key),
          label: line.label + "\n" + line.clusterSize + " nodes — click to expand",
          shape: "box",
          x: line.x,
          y: line.y,
          borderWidth: 2,
          color: { background: "#e2e8f0", border: "#2f6db3" },
          font: { size: 16 },
          widthConstraint: { maximum: 260 },
          title: tip
        }
      });
    });
    state.collapsed = true;
    document.getElementById("tlm-expand").hidden = false;
  }

  function openCluster(key) {
    var cid = clusterId(key);
    if (network.body.nodes[cid] && network.isCluster(cid)) { network.openCluster(cid); }
  }

  function openClusterOf(id) {
    var key = DATA.cluster[id];
    if (key) { openCluster(key); }
  }

  function expandAll() {
    DATA.lines.forEach(function (line) { openCluster(line.key); });
    state.collapsed = false;
    document.getElementById("tlm-expand").hidden = true;
  }

  // --- service-line filter ---------------------------------------------------------------
  function filterLine(key) {
    state.line = key;
    var members = null;
    DATA.lines.forEach(function (line) {
      if (line.key === key) { members = new Set(line.members); }
    });
    if (members) { members.add(DATA.main); openCluster(key); }
    var updates = Object.keys(baseNodes).map(function (id) {
      return { id: id, hidden: members ? !members.has(id) : false };
    });
    nodes.update(updates);
    network.fit(members ? { nodes: Array.from(members), animation: false } : { animation: false });
  }

  // --- search ---------------------------------------------------------------------------------
  function searchMatches(query) {
    var q = query.trim().toLowerCase();
    if (!q) { return []; }
    var found = TOULMIN_NODES.filter(function (n) {
      var d = INFO[n.id];
      var hay = [n.id, d.text, d.plain || "", n.label || ""].join("\n").toLowerCase();
      return hay.indexOf(q) >= 0;
    });
    found.sort(function (a, b) { return a.y - b.y || a.x - b.x; });
    return found.map(function (n) { return n.id; });
  }

  function focusNode(id) {
    openClusterOf(id);
    if (state.line && baseNodes[id] && nodes.get(id).hidden) {
      document.getElementById("tlm-line").value = "";
      filterLine("");
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
    highlight(id);
  }

  function search(query, next) {
    var status = document.getElementById("tlm-search-status");
    if (!next || state.query !== query) {
      state.query = query;
      state.matches = searchMatches(query);
      state.matchIndex = -1;
    }
    if (!state.matches.length) {
      status.textContent = query.trim() ? "no match" : "";
      return null;
    }
    state.matchIndex = (state.matchIndex + 1) % state.matches.length;
    var id = state.matches[state.matchIndex];
    status.textContent = (state.matchIndex + 1) + " of " + state.matches.length;
    focusNode(id);
    return id;
  }

  // --- legend ---------------------------------------------------------------------------------
  function legend() {
    var box = document.getElementById("tlm-legend");
    DATA.legend.forEach(function (k) {
      var row = el("div", "tlm-legend-row");
      row.setAttribute("data-kind", k.kind);
      var sw = el("span", "tlm-swatch tlm-swatch-" + k.shape + " tlm-swatch-kind-" + k.kind);
      sw.style.background = k.background;
      sw.style.borderColor = k.border;
      row.appendChild(sw);
      row.appendChild(el("span", null, k.name));
      box.appendChild(row);
    });
    var svgNS = "http://www.w3.org/2000/svg";
    box.appendChild(el("h2", null, "Relations"));
    DATA.edgeLegend.forEach(function (r) {
      var row = el("div", "tlm-legend-row");
      row.setAttribute("data-relation", r.relation);
      var svg = document.createElementNS(svgNS, "svg");
      svg.setAttribute("width", "40");
      svg.setAttribute("height", "10");
      var line = document.createElementNS(svgNS, "line");
      line.setAttribute("x1", "0"); line.setAttribute("y1", "5");
      line.setAttribute("x2", "40"); line.setAttribute("y2", "5");
      line.setAttribute("stroke", r.color);
      line.setAttribute("stroke-width", "3");
      if (r.dashes.length) { line.setAttribute("stroke-dasharray", r.dashes.join(" ")); }
      svg.appendChild(line);
      row.appendChild(svg);
      row.appendChild(el("span", null, r.name));
      box.appendChild(row);
    });
    if (DATA.statusLegend.length) {
      box.appendChild(el("h2", null, "Acceptability" + (DATA.semantics ? " (" + DATA.semantics + ")" : "")));
      DATA.statusLegend.forEach(function (s) {
        var row = el("div", "tlm-legend-row");
        row.setAttribute("data-status", s.status);
        var sw = el("span", "tlm-swatch");
        sw.style.borderColor = s.color;
        sw.style.borderWidth = "3px";
        sw.style.borderStyle = s.dashes.length ? "dashed" : "solid";
        row.appendChild(sw);
        row.appendChild(el("span", null, s.name));
        box.appendChild(row);
      });
    } else {
      box.appendChild(el("p", "tlm-hint", "No acceptability labels: run the evaluator to see in / out / undecided."));
    }
  }

  // --- wiring ---------------------------------------------------------------------------------
  var select = document.getElementById("tlm-line");
  DATA.lines.forEach(function (line) {
    select.appendChild(new Option(line.label, line.key));
  });
  select.addEventListener("change", function () { filterLine(select.value); });

  var form = document.getElementById("tlm-search-form");
  var input = document.getElementById("tlm-search");
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    search(input.value, true);
  });
  input.addEventListener("input", function () {
    state.matches = searchMatches(input.value);
    state.query = input.value;
    state.matchIndex = -1;
    document.getElementById("tlm-search-status").textContent =
      input.value.trim() ? (state.matches.length ? state.matches.length + " found — Enter" : "no match") : "";
  });
  document.getElementById("tlm-cites").addEventListener("change", restyle);
  document.getElementById("tlm-expand").addEventListener("click", function () {
    expandAll();
    network.fit({ animation: false });
  });
  document.getElementById("tlm-reset").addEventListener("click", function () {
    select.value = "";
    filterLine("");
    clearHighlight();
    network.unselectAll();
    network.fit({ animation: false });
  });

  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0];
      if (network.isCluster(id)) {
        network.openCluster(id);
        if (!DATA.lines.some(function (l) { return network.body.nodes[clusterId(l.key)]; })) {
          state.collapsed = false;
          document.getElementById("tlm-expand").hidden = true;
        }
        return;
      }
      highlight(id);
    } else if (!params.edges.length) {
      clearHighlight();
    }
  });

  legend();
  document.getElementById("tlm-cites").checked = DATA.citesShown;
  if (TOULMIN_NODES.length > DATA.collapseAbove) { collapse(); }
  network.once("afterDrawing", function () {
    state.ready = true;
    state.readyAt = performance.now();
    document.body.setAttribute("data-ready", "1");
  });
  network.fit({ animation: false });

  state.trace = trace;
  state.highlight = highlight;
  state.clear = clearHighlight;
  state.filter = filterLine;
  state.search = search;
  state.expandAll = expandAll;
  state.nodeDetails = nodeDetails;
})();
