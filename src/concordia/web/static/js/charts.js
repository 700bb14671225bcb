// Counter-narcotics charts: every canvas[data-chart] is drawn with Chart.js from its
// data attributes (labels, and series = [{label, data}]), the same figures as the
// table beside it. data-stacked="1" stacks the bars; a series with type "line" is drawn
// as a line over them (a target, for instance).
(function () {
  "use strict";
  const COLOURS = ["#0b5394", "#b45309", "#047857", "#6d28d9", "#be123c", "#374151"];
  function draw(canvas) {
    const series = JSON.parse(canvas.dataset.series);
    const stacked = canvas.dataset.stacked === "1";
    new Chart(canvas, {
      type: canvas.dataset.chart,
      data: {
        labels: JSON.parse(canvas.dataset.labels),
        datasets: series.map(function (s, i) {
          const colour = COLOURS[i % COLOURS.length];
          return { label: s.label, data: s.data, type: s.type || undefined,
            backgroundColor: colour, borderColor: colour, fill: false, tension: 0.1 };
        }),
      },
      options: { animation: false, responsive: true,
        scales: { x: { stacked: stacked }, y: { stacked: stacked, beginAtZero: true } } },
    });
    canvas.dataset.drawn = "1";
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  });
})();
