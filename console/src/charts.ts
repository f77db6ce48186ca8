import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

// Only what the console draws, so the bundle carries no other chart types. SVG keeps the bars in
// the DOM, where a reader's tools (and the browser tests) can find them.
use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** One colour per series, shared by the chart and the legend the console draws beside it. */
export const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

export interface Series {
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
}

/** Horizontal stacked bars, one per category (the console draws their legend); returns what disposes the chart. */
export function drawStackedBars(element: HTMLElement, bars: Series): () => void {
  return draw(element, {
    animation: false,
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    color: PALETTE,
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: bars.categories, inverse: true },
    series: bars.series.map((series) => ({ type: "bar", stack: "total", name: series.name, data: series.values, barMaxWidth: 28 })),
  });
}

/** One line per series over the categories (months), with the chart's own legend; returns what disposes the chart. */
export function drawLines(element: HTMLElement, lines: Series): () => void {
  return draw(element, {
    animation: false,
    color: PALETTE,
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: lines.categories },
    yAxis: { type: "value", minInterval: 1 },
    series: lines.series.map((series) => ({ type: "line", name: series.name, data: series.values })),
  });
}

function draw(element: HTMLElement, option: Record<string, unknown>): () => void {
  const chart = init(element, undefined, { renderer: "svg" });
  chart.setOption(option);
  const resize = () => chart.resize();
  window.addEventListener("resize", resize);
  return () => {
    window.removeEventListener("resize", resize);
    chart.dispose();
  };
}
