// The static parts of the diagram page: its stylesheet and script. The script reads the run's
// data from `DATA` (written by diagram.cpp) and draws the SVG itself, so the filters can redraw
// with fresh columns and rows instead of merely hiding arrows.
#pragma once

namespace rumor::replay::journal::diagram_assets {

inline constexpr const char* kStyle = R"CSS(
body { font: 13px sans-serif; margin: 12px; color: #222; }
h1 { font-size: 16px; margin: 0 0 8px; }
#controls { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin-bottom: 6px; }
#controls input[type=number] { width: 7em; }
#summary, #legend { margin: 4px 0; color: #444; }
#status { font-family: monospace; }
#status.error { color: #FF1E90; font-weight: bold; }
.key { display: inline-block; width: 24px; height: 3px; vertical-align: middle; margin: 0 4px; }
svg text { font: 10px sans-serif; }
svg .column { stroke: #ccc; }
svg .header { font-weight: bold; text-anchor: middle; }
svg .partition { fill: #F5E6C8; opacity: 0.7; }
svg .msg:hover line { stroke-width: 3; }
svg .lost line { stroke-dasharray: 4 3; }
)CSS";

inline constexpr const char* kScript = R"JS(
"use strict";
window.onerror = function (message, source, line) {
  var status = document.getElementById("status");
  if (status) {
    status.textContent = "error: " + message + " (line " + line + ")";
    status.className = "error";
  }
};
(function () {
  var SVGNS = "http://www.w3.org/2000/svg";
  var COLOR = { client: "#81BFFC", server: "#000000", error: "#FF1E90" };
  var PLUMBING = { type: true, msg_id: true, in_reply_to: true };
  var TOP = 40, LEFT = 40, ROW = 14, COLUMN = 70;

  function byId(id) { return document.getElementById(id); }
  function svg(name, attrs, parent) {
    var node = document.createElementNS(SVGNS, name);
    for (var key in attrs) node.setAttribute(key, attrs[key]);
    if (parent) parent.appendChild(node);
    return node;
  }
  function isClient(id) { return id.charAt(0) === "c"; }
  function naturalCompare(a, b) {
    if (isClient(a) !== isClient(b)) return isClient(a) ? 1 : -1;
    var x = a.match(/^(\D*)(\d+)$/), y = b.match(/^(\D*)(\d+)$/);
    if (x && y && x[1] === y[1]) return Number(x[2]) - Number(y[2]);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  function carries(value, target) {
    if (value === null || value === undefined) return false;
    if (Array.isArray(value)) return value.some(function (v) { return carries(v, target); });
    if (typeof value === "object") {
      for (var key in value) {
        if (!PLUMBING[key] && carries(value[key], target)) return true;
      }
      return false;
    }
    return String(value) === target;
  }
  function kind(m) {
    if (m.type === "error") return "error";
    return isClient(m.src) || isClient(m.dest) ? "client" : "server";
  }
  function label(m) {
    var rest = {};
    for (var key in m.body) if (!PLUMBING[key]) rest[key] = m.body[key];
    var text = m.type + " " + JSON.stringify(rest);
    return text.length > 48 ? text.slice(0, 47) + "\u2026" : text;
  }
  function number(id) {
    var text = byId(id).value.trim();
    return text === "" ? null : Number(text);
  }
  function filters() {
    return {
      value: byId("f-value").value.trim(), from: number("f-from"), to: number("f-to"),
      max: number("f-max") || 0, clients: byId("f-clients").checked,
      servers: byId("f-servers").checked, init: byId("f-init").checked,
      time: byId("f-time").checked, labels: byId("f-labels").checked,
      merge: byId("f-merge").checked
    };
  }
  function matches(m, f) {
    if (!f.init && (m.type === "init" || m.type === "init_ok")) return false;
    var client = isClient(m.src) || isClient(m.dest);
    if (client && !f.clients) return false;
    if (!client && !f.servers) return false;
    if (f.from !== null && m.s < f.from) return false;
    if (f.to !== null && m.s > f.to) return false;
    return f.value === "" || carries(m.body, f.value);
  }
  // Rows: one per journal event of the shown messages (event order, as Maelstrom draws), or
  // proportional to time when "y = time" is ticked.
  function rowMapper(shown, f) {
    var points = [];
    shown.forEach(function (m) {
      points.push({ rank: m.sr, t: m.s });
      if (m.r !== null) points.push({ rank: m.rr, t: m.r });
    });
    points.sort(function (a, b) { return a.rank - b.rank; });
    if (f.time) {
      var t0 = points.length ? points[0].t : 0, t1 = points.length ? points[points.length - 1].t : 0;
      var scale = Math.min(4, 20000 / Math.max(1, t1 - t0));
      return { points: points, y: function (rank, t) { return TOP + 10 + (t - t0) * scale; },
               height: TOP + 30 + (t1 - t0) * scale };
    }
    var rowOf = {};
    points.forEach(function (p, i) { rowOf[p.rank] = i; });
    return { points: points, y: function (rank) { return TOP + 10 + rowOf[rank] * ROW; },
             height: TOP + 30 + points.length * ROW };
  }
  function drawPartitions(canvas, rows, width) {
    var drawn = 0;
    DATA.partitions.forEach(function (p) {
      var inside = rows.points.filter(function (q) { return q.t >= p.from && q.t <= p.to; });
      if (!inside.length) return;
      var y1 = rows.y(inside[0].rank, inside[0].t) - ROW / 2;
      var y2 = rows.y(inside[inside.length - 1].rank, inside[inside.length - 1].t) + ROW / 2;
      var rect = svg("rect", { "class": "partition", x: 0, y: y1, width: width, height: y2 - y1 },
                     canvas);
      svg("title", {}, rect).textContent = "partition " + p.from.toFixed(1) + "\u2013" +
          p.to.toFixed(1) + " ms";
      drawn++;
    });
    return drawn;
  }
  // With "one client column", every client shares a column: a 25-node run has ~75 clients.
  function column(id, f) { return f.merge && isClient(id) ? "clients" : id; }
  function drawArrow(canvas, m, x, rows, f) {
    var color = COLOR[kind(m)];
    var xDest = x[column(m.dest, f)];
    var x1 = x[column(m.src, f)], y1 = rows.y(m.sr, m.s);
    var delivered = m.r !== null;
    var group = svg("g", { "class": delivered ? "msg" : "lost", "data-id": m.id }, canvas);
    var x2 = delivered ? xDest : x1 + (xDest - x1) * 0.4;
    var y2 = delivered ? rows.y(m.rr, m.r) : y1 + ROW / 2;
    svg("line", { x1: x1, y1: y1, x2: x2, y2: y2, stroke: color, "stroke-width": 1.5,
                  "marker-end": delivered ? "url(#head-" + kind(m) + ")" : "" }, group);
    if (!delivered) svg("text", { x: x2 + 2, y: y2 + 4, fill: color }, group).textContent = "\u2715";
    if (f.labels) {
      svg("text", { x: (x1 + x2) / 2 + 3, y: (y1 + y2) / 2 - 2, fill: color }, group)
          .textContent = label(m);
    }
    svg("title", {}, group).textContent = m.src + " \u2192 " + m.dest + " " +
        JSON.stringify(m.body) + "\nsent " + m.s.toFixed(3) + " ms, " +
        (delivered ? "received " + m.r.toFixed(3) + " ms" : "never delivered");
  }
  function render() {
    var f = filters();
    var matching = DATA.messages.filter(function (m) { return matches(m, f); });
    var shown = f.max > 0 ? matching.slice(0, f.max) : matching;
    var names = {};
    shown.forEach(function (m) {
      names[column(m.src, f)] = true;
      names[column(m.dest, f)] = true;
    });
    var columns = Object.keys(names).sort(naturalCompare);
    var x = {};
    columns.forEach(function (name, i) { x[name] = LEFT + i * COLUMN; });
    var rows = rowMapper(shown, f);
    var width = LEFT * 2 + Math.max(1, columns.length - 1) * COLUMN + 200;
    var host = byId("canvas");
    host.textContent = "";
    var canvas = svg("svg", { width: width, height: rows.height }, host);
    var defs = svg("defs", {}, canvas);
    Object.keys(COLOR).forEach(function (k) {
      var marker = svg("marker", { id: "head-" + k, viewBox: "0 0 10 10", refX: 10, refY: 5,
                                   markerWidth: 6, markerHeight: 6, orient: "auto" }, defs);
      svg("path", { d: "M0,0 L10,5 L0,10 z", fill: COLOR[k] }, marker);
    });
    var partitions = drawPartitions(canvas, rows, width);
    columns.forEach(function (name) {
      svg("line", { "class": "column", x1: x[name], y1: TOP - 10, x2: x[name], y2: rows.height },
          canvas);
      svg("text", { "class": "header", x: x[name], y: TOP - 16 }, canvas).textContent = name;
    });
    var arrows = 0;
    shown.forEach(function (m) {
      drawArrow(canvas, m, x, rows, f);
      if (m.r !== null) arrows++;
    });
    byId("summary").textContent = DATA.messages.length + " messages in the journal; " +
        matching.length + " match the filters; showing " + shown.length + " (" + arrows +
        " delivered, " + (shown.length - arrows) + " never delivered), " +
        (DATA.messages.length - shown.length) + " hidden" +
        (matching.length > shown.length ? " (raise \"max arrows\" or narrow the window)" : "") +
        ". Partitions shaded: " + partitions + " of " + DATA.partitions.length + ".";
    var status = byId("status");
    if (status.className !== "error") status.textContent = "ok " + arrows + " arrows";
  }
  byId("f-max").value = DATA.maxArrows;
  // diagram.html#value=17 (the report's links) opens with the value filter set to 17.
  function valueFromHash() {
    var match = /(?:^#|&)value=([^&]*)/.exec(window.location.hash);
    if (match) byId("f-value").value = decodeURIComponent(match[1]);
    return match !== null;
  }
  valueFromHash();
  window.addEventListener("hashchange", function () { if (valueFromHash()) render(); });
  byId("apply").addEventListener("click", render);
  ["f-clients", "f-servers", "f-init", "f-time", "f-labels", "f-merge"].forEach(function (id) {
    byId(id).addEventListener("change", render);
  });
  ["f-value", "f-from", "f-to", "f-max"].forEach(function (id) {
    byId(id).addEventListener("keydown", function (e) { if (e.key === "Enter") render(); });
  });
  render();
})();
)JS";

}  // namespace rumor::replay::journal::diagram_assets
