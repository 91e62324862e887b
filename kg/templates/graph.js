/* kg graph page: draws the vis-network from the JSON data island and wires the search box,
 * the filters, the tooltips and the details panel.
 *
 * Safety: every string in the data came from a news article. It only ever reaches the DOM
 * through textContent / .value (never innerHTML), and vis-network gets no `title`, so it never
 * builds a tooltip itself.
 */
// Globals, as on pyvis pages: `network` is vis-network's object.
var nodes, edges, data, options, network, allNodes, allEdges;

(function () {
  "use strict";

  var payload = JSON.parse(document.getElementById("kg-data").textContent);
  window.kgDrawn = false;

  nodes = new vis.DataSet(payload.nodes);
  edges = new vis.DataSet(payload.edges);
  data = { nodes: nodes, edges: edges };
  options = payload.options;
  var container = document.getElementById("kg-network");
  network = new vis.Network(container, data, options);
  network.once("afterDrawing", function () {
    window.kgDrawn = true;
    window.kgDrawnAt = performance.now();
  });
  if (!payload.physics) {
    network.fit({ animation: false });
  }
  allNodes = nodes.get({ returnType: "Object" });
  allEdges = edges.get({ returnType: "Object" });
  // Evidence, full labels, kinds and dates, aligned with the item lists.
  var nodeInfo = {};
  var edgeInfo = {};
  payload.nodes.forEach(function (n, i) { nodeInfo[n.id] = payload.nodeInfo[i]; });
  payload.edges.forEach(function (e, i) { edgeInfo[e.id] = payload.edgeInfo[i]; });

  // ---- DOM helpers: text only -------------------------------------------------------------
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function evidenceList(info) {
    var frag = document.createDocumentFragment();
    if (!info.ev || info.ev.length === 0) {
      frag.appendChild(el("div", "kg-more", "No evidence sentence recorded."));
      return frag;
    }
    var list = el("ol", "kg-evidence");
    info.ev.forEach(function (item) {
      var li = el("li", "", "\u201c" + item[0] + "\u201d");
      var source = [item[1], item[2]].filter(Boolean).join(", ");
      if (source) li.appendChild(el("span", "kg-source", source));
      list.appendChild(li);
    });
    frag.appendChild(list);
    if (info.evn > info.ev.length) {
      frag.appendChild(el("div", "kg-more", "and " + (info.evn - info.ev.length) + " more"));
    }
    return frag;
  }

  function describeNode(id) {
    var info = nodeInfo[id];
    if (!info) return null;
    var box = el("div");
    box.appendChild(el("div", "kg-title", info.label));
    var meta = [info.kind, info.mentions + (info.mentions === 1 ? " mention" : " mentions")];
    if (info.date) meta.push(info.date);
    if (info.family) meta.push(info.family);
    box.appendChild(el("div", "kg-meta", meta.join(" \u00b7 ")));
    box.appendChild(evidenceList(info));
    return box;
  }

  function describeEdge(id) {
    var info = edgeInfo[id];
    if (!info) return null;
    var box = el("div");
    box.appendChild(el("div", "kg-title", info.from + " \u2014 " + info.label + " \u2192 " + info.to));
    box.appendChild(el("div", "kg-meta", "relation: " + info.label));
    box.appendChild(evidenceList(info));
    return box;
  }

  // ---- tooltip on hover ---------------------------------------------------------------------
  var tip = document.getElementById("kg-tip");
  function showTip(content, pointer) {
    if (!content) return;
    tip.replaceChildren(content);
    tip.hidden = false;
    var box = container.getBoundingClientRect();
    var x = pointer.DOM.x + 14;
    var y = pointer.DOM.y + 14;
    if (x + tip.offsetWidth > box.width) x = Math.max(0, pointer.DOM.x - tip.offsetWidth - 14);
    if (y + tip.offsetHeight > box.height) y = Math.max(0, pointer.DOM.y - tip.offsetHeight - 14);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  function hideTip() {
    tip.hidden = true;
  }
  network.on("hoverNode", function (p) { showTip(describeNode(p.node), p.pointer); });
  network.on("hoverEdge", function (p) { showTip(describeEdge(p.edge), p.pointer); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // ---- details panel on click / selection ---------------------------------------------------
  var details = document.getElementById("kg-details");
  var hint = details.firstElementChild.cloneNode(true);
  function showDetails(content) {
    details.replaceChildren(content || hint.cloneNode(true));
  }
  network.on("click", function (p) {
    if (p.nodes.length) showDetails(describeNode(p.nodes[0]));
    else if (p.edges.length) showDetails(describeEdge(p.edges[0]));
    else showDetails(null);
  });

  // ---- search -------------------------------------------------------------------------------
  var search = document.getElementById("kg-search");
  var status = document.getElementById("kg-search-status");
  var names = document.getElementById("kg-names");
  var byLabel = Object.keys(allNodes).map(function (id) {
    var info = nodeInfo[id];
    return { id: id, label: info.label, lower: info.label.toLowerCase(), mentions: info.mentions };
  });
  byLabel.sort(function (a, b) {
    return a.lower < b.lower ? -1 : a.lower > b.lower ? 1 : b.mentions - a.mentions;
  });
  var seenNames = {};
  var options_ = document.createDocumentFragment();
  byLabel.forEach(function (item) {
    if (seenNames[item.label]) return;
    seenNames[item.label] = true;
    var option = document.createElement("option");
    option.value = item.label;  // a property, not markup
    options_.appendChild(option);
  });
  names.appendChild(options_);

  function findNode(query) {
    var q = query.trim().toLowerCase();
    if (!q) return null;
    var tests = [
      function (item) { return item.lower === q; },
      function (item) { return item.lower.indexOf(q) === 0; },
      function (item) { return item.lower.indexOf(q) >= 0; },
    ];
    for (var t = 0; t < tests.length; t++) {
      var best = null;
      for (var i = 0; i < byLabel.length; i++) {
        var item = byLabel[i];
        if (tests[t](item) && (best === null || item.mentions > best.mentions)) best = item;
      }
      if (best) return best.id;
    }
    return null;
  }

  function goTo(query) {
    var id = findNode(query);
    if (id === null) {
      status.textContent = "No node matches.";
      return;
    }
    var node = nodes.get(id);
    status.textContent = node.hidden ? "Found, but hidden by the filters." : "";
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 400 } });
    showDetails(describeNode(id));
  }

  document.getElementById("kg-search-form").addEventListener("submit", function (e) {
    e.preventDefault();
    goTo(search.value);
  });
  search.addEventListener("change", function () { goTo(search.value); });

  // ---- filters: kind and date range ---------------------------------------------------------
  var kindBoxes = Array.prototype.slice.call(document.querySelectorAll("#kg-legend input[data-kind]"));
  var from = document.getElementById("kg-from");
  var to = document.getElementById("kg-to");
  var undated = document.getElementById("kg-undated");
  var count = document.getElementById("kg-count");
  var nodeIds = Object.keys(allNodes);
  var edgeIds = Object.keys(allEdges);

  function applyFilters() {
    var kinds = {};
    kindBoxes.forEach(function (box) { kinds[box.getAttribute("data-kind")] = box.checked; });
    var lo = from.value || "0000-01-01";
    var hi = to.value || "9999-12-31";
    var hidden = {};
    var nodeUpdates = [];
    var shown = 0;
    nodeIds.forEach(function (id) {
      var info = nodeInfo[id];
      var visible = kinds[info.kind] !== false &&
        (info.span ? info.span[0] <= hi && info.span[1] >= lo : undated.checked);
      hidden[id] = !visible;
      if (visible) shown++;
      if (!!allNodes[id].hidden !== !visible) {
        allNodes[id].hidden = !visible;
        nodeUpdates.push({ id: id, hidden: !visible });
      }
    });
    var edgeUpdates = [];
    var shownEdges = 0;
    edgeIds.forEach(function (id) {
      var edge = allEdges[id];
      var hide = hidden[edge.from] || hidden[edge.to];
      if (!hide) shownEdges++;
      if (!!edge.hidden !== hide) {
        edge.hidden = hide;
        edgeUpdates.push({ id: id, hidden: hide });
      }
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    count.textContent = shown + " of " + nodeIds.length + " nodes, " + shownEdges + " of " +
      edgeIds.length + " edges shown";
  }

  kindBoxes.forEach(function (box) { box.addEventListener("change", applyFilters); });
  [from, to, undated].forEach(function (input) { input.addEventListener("change", applyFilters); });
  document.getElementById("kg-reset").addEventListener("click", function () {
    kindBoxes.forEach(function (box) { box.checked = true; });
    from.value = from.min;
    to.value = to.max;
    undated.checked = true;
    search.value = "";
    status.textContent = "";
    network.unselectAll();
    showDetails(null);
    applyFilters();
    network.fit({ animation: false });
  });
})();
