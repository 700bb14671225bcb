// Post dashboard: draw each canvas[data-chart] with Chart.js from its data attributes,
// again after every htmx refresh of the figures (old charts are destroyed first).
(function () {
  "use strict";
  const charts = [];
  function draw(root) {
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      const old = Chart.getChart(canvas);
      if (old) old.destroy();
      charts.push(new Chart(canvas, {
        type: canvas.dataset.chart,
        data: {
          labels: JSON.parse(canvas.dataset.labels),
          datasets: [{ data: JSON.parse(canvas.dataset.values), backgroundColor: "#0b5394",
            borderColor: "#0b5394", fill: false, tension: 0.2 }],
        },
        options: { animation: false, responsive: true, plugins: { legend: { display: false } },
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
      }));
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function (event) { draw(event.target); });
})();
