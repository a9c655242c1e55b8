// The console's behaviour in the browser: charts drawn from the data the server put on their containers, the
// problems of htmx requests shown to the person who clicked, and the filters and buttons that act on their own.
// Everything else is server-rendered HTML.
(function () {
  'use strict';

  const COLORS = ['#b71c1c', '#1565c0', '#2e7d32', '#ef6c00'];

  function percent(v) {
    return v === null || v === undefined ? '—' : (Number(v) * 100).toFixed(1) + '%';
  }

  function tooltip(chart) {
    return function (params) {
      const list = Array.isArray(params) ? params : [params];
      const lines = list.map(function (p) {
        const point = chart.series[p.seriesIndex].points[p.dataIndex];
        const shown = chart.percent ? percent(point.value) : point.value;
        return p.marker + p.seriesName + '：' + shown + '（' + point.numerator + '/' + point.denominator + '）';
      });
      return [list[0].name].concat(lines).join('<br>');
    };
  }

  function optionsOf(chart) {
    const line = chart.kind === 'LINES';
    return {
      // No animation: figures are read, not watched, and a drawn chart is at once what it shows.
      animation: false,
      color: COLORS,
      textStyle: { fontSize: 14 },
      tooltip: { trigger: line ? 'axis' : 'item', formatter: tooltip(chart) },
      legend: { top: 0 },
      grid: { left: 56, right: 24, top: 40, bottom: 56 },
      xAxis: { type: 'category', data: chart.labels, axisLabel: { interval: 0, rotate: chart.labels.length > 6 ? 30 : 0 } },
      yAxis: chart.percent ? { type: 'value', min: 0, max: 1, axisLabel: { formatter: percent } } : { type: 'value', minInterval: 1 },
      series: chart.series.map(function (s) {
        return {
          name: s.name, type: line ? 'line' : 'bar', cursor: 'pointer', symbolSize: 10,
          // A rate with nothing counted has no value: drawn as a gap, not as 0%.
          data: s.points.map(function (p) { return p.value === null ? '-' : Number(p.value); })
        };
      })
    };
  }

  function draw(container) {
    if (container.dataset.drawn || typeof echarts === 'undefined') return;
    const chart = JSON.parse(container.dataset.chartData);
    const instance = echarts.init(container, null, { renderer: 'canvas' });
    instance.setOption(optionsOf(chart));
    // Every element opens the cases behind it.
    instance.on('click', function (p) {
      const point = chart.series[p.seriesIndex] && chart.series[p.seriesIndex].points[p.dataIndex];
      if (point && point.link) window.location.assign(point.link);
    });
    container.dataset.drawn = 'true';
    new ResizeObserver(function () { instance.resize(); }).observe(container);
  }

  function drawAll(root) {
    (root || document).querySelectorAll('[data-chart-data]').forEach(draw);
  }

  function showProblem(xhr) {
    const alert = document.getElementById('alert');
    if (!alert) return;
    let text = '操作没有成功（' + xhr.status + '）。';
    try {
      const problem = JSON.parse(xhr.responseText);
      text = problem.detail || problem.title || text;
      if (problem.errors && problem.errors.length) {
        text += ' ' + problem.errors.map(function (e) { return e.field + '：' + e.message; }).join('；');
      }
    } catch (ignored) { /* not a problem+json: keep the plain sentence */ }
    alert.textContent = text;
    alert.hidden = false;
  }

  // The page's own controls, wired here rather than by inline handlers, which the Content-Security-Policy forbids:
  // a filter marked data-autosubmit sends its form when changed, a button marked data-print prints the page.
  document.addEventListener('change', function (e) {
    if (e.target.matches('[data-autosubmit]') && e.target.form) e.target.form.submit();
  });
  document.addEventListener('click', function (e) {
    if (e.target.closest('[data-print]')) window.print();
  });

  document.addEventListener('DOMContentLoaded', function () {
    drawAll(document);
    // Read by infra/bench/console-bench.sh: the time from the navigation (the sign-in's POST) to drawn charts.
    if (document.querySelector('[data-chart-data]')) performance.mark('lianxin:charts-drawn');
    if (window.htmx) {
      // 422 carries a form re-rendered with the errors at their fields: swap it in like a success.
      htmx.config.responseHandling = [
        { code: '204', swap: false },
        { code: '[23]..', swap: true },
        { code: '422', swap: true },
        { code: '[45]..', swap: false, error: true }
      ];
      document.body.addEventListener('htmx:responseError', function (e) { showProblem(e.detail.xhr); });
      document.body.addEventListener('htmx:afterSwap', function (e) {
        const alert = document.getElementById('alert');
        if (alert) alert.hidden = true;
        drawAll(e.detail.target);
      });
    }
  });
})();
