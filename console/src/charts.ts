import { BarChart, LineChart, ScatterChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

// Only what the console draws, so the bundle carries no other chart types. SVG keeps the bars in
// the DOM, where a reader's tools (and the browser tests) can find them.
use([BarChart, LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

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

export interface Bullet {
  label: string;
  value: number;
  target: number;
  miss: boolean;
}

export const MISS_COLOUR = "#c0392b";
export const MET_COLOUR = "#59a14f";

/** A bullet chart: one bar per measure (red when it misses), its target as a dark mark across it. */
export function drawBullets(element: HTMLElement, bullets: Bullet[]): () => void {
  element.style.height = `${Math.max(bullets.length * 26 + 40, 120)}px`;
  return draw(element, {
    animation: false,
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
    // A miss at 0% draws no bar, so its label is red too.
    yAxis: {
      type: "category",
      data: bullets.map((bullet) => bullet.label),
      inverse: true,
      axisLabel: { color: (_: unknown, index: number) => (bullets[index].miss ? MISS_COLOUR : "#4a5563") },
    },
    series: [
      { type: "bar", barMaxWidth: 14, data: bullets.map((bullet) => ({ value: bullet.value, itemStyle: { color: bullet.miss ? MISS_COLOUR : MET_COLOUR } })) },
      { type: "scatter", symbol: "rect", symbolSize: [3, 20], itemStyle: { color: "#1d2733" }, data: bullets.map((bullet) => bullet.target) },
    ],
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
