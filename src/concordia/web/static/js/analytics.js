// Analytics pages: each canvas[data-spec] holds a whole Chart.js configuration made by
// the server (concordia/analytics/views.py); this only draws it. The CSP allows no
// inline script, so the figures travel as data attributes.
(function () {
  "use strict";
  function draw(canvas) {
    if (Chart.getChart(canvas)) return;
    const spec = JSON.parse(canvas.dataset.spec);
    const options = Object.assign({ animation: false, responsive: true,
      interaction: { mode: "index", intersect: false },
      plugins: { legend: { position: "bottom" } },
      scales: { y: { beginAtZero: true } } }, spec.options || {});
    // Datasets marked hideInLegend (a band's upper bound) stay out of the legend.
    options.plugins.legend = Object.assign({ labels: { filter: function (item, data) {
      return !data.datasets[item.datasetIndex].hideInLegend;
    } } }, options.plugins.legend);
    new Chart(canvas, { type: spec.type, data: { labels: spec.labels, datasets: spec.datasets },
      options: options });
    canvas.dataset.drawn = "true";
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-spec]").forEach(draw);
  });
})();
