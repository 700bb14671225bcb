// Post dashboard: draw each canvas[data-chart] with Chart.js from its data attributes,
// again after every htmx refresh of the figures. Charts about to be swapped out are
// destroyed first, so a dashboard left open all day does not accumulate them.
(function () {
  "use strict";
  function destroy(root) {
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      const chart = Chart.getChart(canvas);
      if (chart) chart.destroy();
    });
  }
  function draw(root) {
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (Chart.getChart(canvas)) return;
      new Chart(canvas, {
        type: canvas.dataset.chart,
        data: {
          labels: JSON.parse(canvas.dataset.labels),
          datasets: [{ data: JSON.parse(canvas.dataset.values), backgroundColor: "#0b5394",
            borderColor: "#0b5394", fill: false, tension: 0.2 }],
        },
        options: { animation: false, responsive: true, plugins: { legend: { display: false } },
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:beforeSwap", function (event) { destroy(event.detail.target); });
  document.addEventListener("htmx:afterSettle", function (event) { draw(event.target); });
})();
