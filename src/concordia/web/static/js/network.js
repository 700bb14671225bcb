// Network view: a small force-directed layout drawn in SVG (no library). Nodes repel,
// edges pull, a weak pull keeps everything centred; 300 steps are computed before
// drawing, so the picture does not move under the analyst's pointer. Node colour is
// the entity's kind; a click (or Enter on a focused node) opens that entity's network.
(function () {
  "use strict";
  const NS = "http://www.w3.org/2000/svg";
  function layout(nodes, edges, width, height) {
    const index = new Map(nodes.map(function (n, i) { return [n.id, i]; }));
    const pos = nodes.map(function (n, i) {
      const a = (2 * Math.PI * i) / Math.max(nodes.length, 1);
      return { x: width / 2 + (width / 3) * Math.cos(a), y: height / 2 + (height / 3) * Math.sin(a) };
    });
    const k = Math.sqrt((width * height) / Math.max(nodes.length, 1)) * 0.6;
    for (let step = 0; step < 300; step++) {
      const move = pos.map(function () { return { x: 0, y: 0 }; });
      for (let i = 0; i < pos.length; i++) {
        for (let j = i + 1; j < pos.length; j++) {
          const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
          const d = Math.max(Math.hypot(dx, dy), 1), f = (k * k) / d;
          move[i].x += (dx / d) * f; move[i].y += (dy / d) * f;
          move[j].x -= (dx / d) * f; move[j].y -= (dy / d) * f;
        }
      }
      edges.forEach(function (e) {
        const a = index.get(e.source), b = index.get(e.target);
        if (a === undefined || b === undefined) return;
        const dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
        const d = Math.max(Math.hypot(dx, dy), 1), f = (d * d) / k;
        move[a].x -= (dx / d) * f; move[a].y -= (dy / d) * f;
        move[b].x += (dx / d) * f; move[b].y += (dy / d) * f;
      });
      const cool = 10 * (1 - step / 300) + 0.5;
      pos.forEach(function (p, i) {
        move[i].x += (width / 2 - p.x) * 0.02; move[i].y += (height / 2 - p.y) * 0.02;
        const d = Math.max(Math.hypot(move[i].x, move[i].y), 1);
        p.x = Math.min(width - 170, Math.max(20, p.x + (move[i].x / d) * Math.min(d, cool)));
        p.y = Math.min(height - 20, Math.max(20, p.y + (move[i].y / d) * Math.min(d, cool)));
      });
    }
    return { pos: pos, index: index };
  }
  function el(name, attrs) {
    const node = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    return node;
  }
  function draw(svg, data) {
    const box = svg.getBoundingClientRect();
    const width = box.width || 800, height = box.height || 560;
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    const placed = layout(data.nodes, data.edges, width, height);
    data.edges.forEach(function (e) {
      const a = placed.pos[placed.index.get(e.source)], b = placed.pos[placed.index.get(e.target)];
      const line = el("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, "stroke-width": 1 + Math.min(e.weight, 4) });
      const title = el("title", {}); title.textContent = e.relations.join(", ");
      line.appendChild(title); svg.appendChild(line);
    });
    data.nodes.forEach(function (n, i) {
      const p = placed.pos[i];
      const r = 7 + Math.min(n.degree * 20, 10);
      const circle = el("circle", { cx: p.x, cy: p.y, r: r, fill: data.colours[n.kind] || "#6b7280",
        tabindex: 0, role: "link", "data-key": n.id, "data-kind": n.kind,
        "aria-label": svg.dataset.openLabel + " " + n.label });
      if (n.highlight) circle.classList.add("highlight");
      const title = el("title", {}); title.textContent = n.label;
      circle.appendChild(title);
      function open() { window.location.href = "/intel/network?entity=" + encodeURIComponent(n.id); }
      circle.addEventListener("click", open);
      circle.addEventListener("keydown", function (ev) { if (ev.key === "Enter") open(); });
      svg.appendChild(circle);
      const label = el("text", { x: p.x + r + 2, y: p.y + 4 });
      label.textContent = n.label.length > 32 ? n.label.slice(0, 31) + "…" : n.label;
      svg.appendChild(label);
    });
    svg.dataset.drawn = String(data.nodes.length);
  }
  document.addEventListener("DOMContentLoaded", function () {
    const svg = document.getElementById("network");
    const data = document.getElementById("network-data");
    if (svg && data) draw(svg, JSON.parse(data.textContent));
  });
})();
