/* clusterweb charts: render every chart spec on the page with ECharts.
 *
 * includes/chart.html writes each ECharts option (built in Python) as JSON with json_script
 * and a <div data-chart-spec="ID"> to draw it in. This file (served by Django, CSP
 * script-src 'self': no inline scripts, no eval) draws them with animation off, again after
 * every htmx swap, and disposes of charts whose element left the page. It also announces
 * htmx updates of elements with a data-announce attribute through base.html's live region.
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

  // Numbers on axes and in tooltips follow the page's language (1.234,5 on Dutch pages);
  // ECharts' own default always groups with commas. A value (a tooltip, a mark) has the
  // decimals its table writes it with (the spec's valueDecimals, set by
  // presentation.chart from the table's cells: 5.970 jobs, not 5.970,34); an axis label
  // at most two.
  function numberFormat(decimals) {
    var lang = document.documentElement.lang || "nl";
    var options =
      typeof decimals === "number"
        ? { minimumFractionDigits: decimals, maximumFractionDigits: decimals }
        : { maximumFractionDigits: 2 };
    try {
      return new Intl.NumberFormat(lang, options);
    } catch (error) {
      return new Intl.NumberFormat("nl", options);
    }
  }

  function localiseAxes(axes, nf, defaultType) {
    if (!axes) {
      return;
    }
    (Array.isArray(axes) ? axes : [axes]).forEach(function (axis) {
      var type = axis.type || defaultType;
      if (type !== "value" && type !== "log") {
        return;
      }
      axis.axisLabel = axis.axisLabel || {};
      if (!axis.axisLabel.formatter) {
        var years = isYearAxis(axis);
        axis.axisLabel.formatter = function (value) {
          return years ? String(value) : nf.format(value);
        };
      }
    });
  }

  // A year is a name, not a quantity: 2031, never "2.031". A value in year range that is a
  // whole number on an axis whose name says "year"/"jaar" prints without grouping.
  function isYearAxis(axis) {
    var name = String(axis.name || "").toLowerCase();
    return name.indexOf("year") !== -1 || name.indexOf("jaar") !== -1;
  }

  // A horizontal mark (the goal) is labelled "Goal: 11.200" inside the plot, in the page's
  // number format; ECharts' default prints the raw value beside the grid, where it is cut.
  function localiseMarks(series, nf) {
    (Array.isArray(series) ? series : series ? [series] : []).forEach(function (s) {
      if (!s.markLine) {
        return;
      }
      s.markLine.label = s.markLine.label || {};
      if (!s.markLine.label.formatter) {
        s.markLine.label.formatter = function (params) {
          var value = typeof params.value === "number" ? nf.format(params.value) : params.value;
          return params.name ? params.name + ": " + value : String(value);
        };
      }
    });
  }

  // A category whose figures the disclosure rule withholds has the rule's mark in the series
  // with id "withheld" (presentation.bar_spec): a missing value there is withheld, not unknown.
  function withheldMarks(series) {
    var marker = (Array.isArray(series) ? series : series ? [series] : []).filter(function (s) {
      return s.id === "withheld";
    })[0];
    return marker && Array.isArray(marker.data) ? marker.data : [];
  }

  function localise(option) {
    var nf = numberFormat();
    var vf = numberFormat(option.valueDecimals);
    delete option.valueDecimals;
    var marks = withheldMarks(option.series);
    localiseAxes(option.xAxis, nf, "category");
    localiseAxes(option.yAxis, nf, "value");
    localiseMarks(option.series, vf);
    if (option.tooltip && !option.tooltip.valueFormatter) {
      option.tooltip.valueFormatter = function (value, dataIndex) {
        if (typeof value === "number") {
          return vf.format(value);
        }
        if (value === null || value === undefined) {
          var mark = marks[dataIndex];
          return mark && mark.name ? mark.name : "?";
        }
        return String(value);
      };
    }
  }

  // More series than colours (a dozen projects): the second round of colours gets a hatch
  // pattern, so no two series look alike.
  var HATCH = {
    symbol: "rect",
    symbolSize: 1,
    dashArrayX: [1, 0],
    dashArrayY: [2, 3],
    rotation: Math.PI / 4,
    color: "rgba(255, 255, 255, 0.7)"
  };

  function hatchRepeatedColours(option) {
    var series = Array.isArray(option.series) ? option.series : [];
    var coloured = series.filter(function (s) {
      return s.type === "bar";
    });
    coloured.forEach(function (s, i) {
      if (i >= PALETTE.length) {
        s.itemStyle = Object.assign({ decal: HATCH }, s.itemStyle || {});
      }
    });
  }

  function prepare(option) {
    localise(option);
    hatchRepeatedColours(option);
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
  // Status messages (WCAG 4.1.3): after htmx swaps new content into an element that has a
  // data-announce attribute, its text is read out through the page's live region.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    var message = target && target.getAttribute && target.getAttribute("data-announce");
    var live = document.getElementById("clusterplan-live");
    if (!message || !live) {
      return;
    }
    live.textContent = "";
    window.setTimeout(function () {
      live.textContent = message;
    }, 100);
  });

  document.addEventListener("DOMContentLoaded", function () {
    render(document);
  });

  window.clusterwebCharts = { render: render };
})();
