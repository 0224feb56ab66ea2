/* clusterweb charts: render every chart spec on the page with ECharts.
 *
 * includes/chart.html writes each ECharts option (built in Python) as JSON with json_script
 * and a <div data-chart-spec="ID"> to draw it in. This file (served by Django, CSP
 * script-src 'self': no inline scripts, no eval) draws them with animation off, again after
 * every htmx swap, and disposes of charts whose element left the page.
 */
(function () {
  "use strict";

  // Series colours: each at least 3:1 against white (WCAG 1.4.11, non-text contrast).
  var PALETTE = [
    "#0b4f8a", "#c2410c", "#1e6b34", "#7c3aed", "#b00020",
    "#0e7490", "#8a5a00", "#4d7c0f", "#be185d", "#4a5560"
  ];
  var FONT = '"Source Sans 3", "Segoe UI", Roboto, Arial, sans-serif';
  var live = [];

  function readSpec(el) {
    var script = document.getElementById(el.getAttribute("data-chart-spec"));
    if (!script) {
      return null;
    }
    try {
      return JSON.parse(script.textContent);
    } catch (error) {
      console.error("clusterweb charts: invalid spec", el, error);
      return null;
    }
  }

  function prepare(option) {
    option.animation = false;
    if (!option.color) {
      option.color = PALETTE;
    }
    option.textStyle = Object.assign({ fontFamily: FONT, color: "#1a1a1a", fontSize: 14 }, option.textStyle || {});
    // The text alternative is the table under each chart; ECharts' own aria label is off.
    option.aria = Object.assign({ enabled: false }, option.aria || {});
    return option;
  }

  function sweep() {
    live = live.filter(function (chart) {
      if (document.body.contains(chart.getDom())) {
        return true;
      }
      chart.dispose();
      return false;
    });
  }

  function render(root) {
    if (typeof window.echarts === "undefined") {
      return;
    }
    sweep();
    var scope = root && root.querySelectorAll ? root : document;
    var nodes = Array.prototype.slice.call(scope.querySelectorAll("[data-chart-spec]"));
    if (scope.matches && scope.matches("[data-chart-spec]")) {
      nodes.push(scope);
    }
    nodes.forEach(function (el) {
      var option = readSpec(el);
      if (!option) {
        return;
      }
      if (el.hasAttribute("data-chart-height")) {
        el.style.height = el.getAttribute("data-chart-height");
      }
      var chart = window.echarts.getInstanceByDom(el);
      if (!chart) {
        chart = window.echarts.init(el, null, { renderer: "canvas" });
        live.push(chart);
      }
      chart.setOption(prepare(option), { notMerge: true });
      el.setAttribute("data-chart-rendered", "true");
    });
  }

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(function () {
      live.forEach(function (chart) {
        chart.resize();
      });
    }, 150);
  });

  // htmx:load fires for the page and for every piece of content htmx swaps in.
  document.addEventListener("htmx:load", function (event) {
    render(event.target);
  });
  document.addEventListener("DOMContentLoaded", function () {
    render(document);
  });

  window.clusterwebCharts = { render: render };
})();
