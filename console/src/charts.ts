import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

// Only what the console draws, so the bundle carries no other chart types. SVG keeps the bars in
// the DOM, where a reader's tools (and the browser tests) can find them.
use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

/** One colour per series, shared by the chart and the legend the console draws beside it. */
export const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

export interface StackedBars {
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
}

/** Horizontal stacked bars, one per category; returns what disposes the chart. */
export function drawStackedBars(element: HTMLElement, bars: StackedBars): () => void {
  const chart = init(element, undefined, { renderer: "svg" });
  chart.setOption({
    animation: false,
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    color: PALETTE,
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: bars.categories, inverse: true },
    series: bars.series.map((series) => ({ type: "bar", stack: "total", name: series.name, data: series.values, barMaxWidth: 28 })),
  });
  const resize = () => chart.resize();
  window.addEventListener("resize", resize);
  return () => {
    window.removeEventListener("resize", resize);
    chart.dispose();
  };
}
