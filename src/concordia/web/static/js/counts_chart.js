// The daily counts chart, drawn from the page's own table so both show the same figures.
(function () {
  "use strict";
  const table = document.getElementById("counts-table");
  const canvas = document.getElementById("counts-chart");
  if (!table || !canvas || typeof Chart === "undefined") return;
  const days = {}, waiting = {}, groups = {};
  table.querySelectorAll("tbody tr").forEach(function (tr) {
    const cell = function (key) { const td = tr.querySelector("td[data-col=" + key + "]"); return td ? td.textContent : null; };
    const day = cell("day");
    if (!day) return;
    days[day] = true;
    waiting[day] = (waiting[day] || 0) + Number(cell("waiting_registered"));
    groups[day] = (groups[day] || 0) + Number(cell("group_counted"));
  });
  const labels = Object.keys(days).sort();
  const heads = table.querySelectorAll("thead th");
  new Chart(canvas, {
    type: "bar",
    data: { labels: labels, datasets: [
      { label: heads[3].textContent, data: labels.map(function (d) { return waiting[d]; }), backgroundColor: "#be123c" },
      { label: heads[4].textContent, data: labels.map(function (d) { return groups[d]; }), backgroundColor: "#0b5394" },
    ] },
    options: { animation: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
  });
  canvas.dataset.drawn = "true";
})();
