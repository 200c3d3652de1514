// Time-series charts with uPlot, served by the gateway from its webjar (pinned in the parent POM).
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';

/**
 * A chart sized to its container that follows its width. series: [{label, stroke, fill?, bars?}];
 * data: [x seconds[], ...one array per series]. Returns {el, update(data), destroy()}.
 */
export function timeChart(container, title, series, data, { yLabel } = {}) {
  const width = () => Math.max(280, container.clientWidth - 8);
  const bars = uPlot.paths.bars({ size: [0.7, 40] });
  const plot = new uPlot({
    title, width: width(), height: 220,
    // A series with points: true keeps them visible, so a lone minute with data between empty ones shows.
    series: [{}, ...series.map(s => ({ label: s.label, stroke: s.stroke, fill: s.fill, width: 2, paths: s.bars ? bars : undefined, spanGaps: false, ...(s.points ? { points: { show: true, size: 5 } } : {}) }))],
    axes: [{}, { label: yLabel, size: 60 }],
    scales: { y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
    legend: { live: true },
  }, data, container);
  const observer = new ResizeObserver(() => plot.setSize({ width: width(), height: 220 }));
  observer.observe(container);
  return {
    update: next => plot.setData(next),
    destroy: () => { observer.disconnect(); plot.destroy(); },
  };
}
