/* Draw the charts of a page with plotly.js (static/vendor/plotly.min.js).
   Each chart's figure is JSON in <script type="application/json" class="chart-data" data-target="ID">,
   made on the server with plotly's graph_objects; the tables beside the charts work without this file. */
(function () {
  "use strict";
  if (typeof window.Plotly === "undefined") {
    return;
  }
  var config = {
    displayModeBar: false, // its per-chart hover rules would need an inline <style>, refused by our CSP
    responsive: true,
    displaylogo: false,
    scrollZoom: false,
    locale: document.documentElement.lang || "nl"
  };
  document.querySelectorAll("script.chart-data").forEach(function (node) {
    var target = document.getElementById(node.getAttribute("data-target"));
    var figure;
    if (!target) {
      return;
    }
    try {
      figure = JSON.parse(node.textContent);
    } catch (error) {
      return;
    }
    target.classList.add("chart-drawn");
    window.Plotly.newPlot(target, figure.data || [], figure.layout || {}, config);
  });
})();
