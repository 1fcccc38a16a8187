import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Resvg as ResvgType } from "@resvg/resvg-js";
import type * as EChartsModule from "echarts";

/**
 * Line charts drawn on the server without a browser: ECharts lays the chart out and writes it as SVG, resvg
 * (Rust, shipped as a prebuilt npm binary) turns that into a PNG. The font is Inter, from an npm package, and
 * system fonts are never loaded, so a chart is drawn the same on every machine.
 */

/** One line of the chart. */
export interface LineSeries {
  name: string;
  values: readonly number[];
}

export interface LineChartSpec {
  title: string;
  /** A smaller line under the title: the dates covered, what is counted. */
  subtitle?: string;
  /** One label a point, under the x axis; ECharts leaves some out when they would overlap. */
  labels: readonly string[];
  /** At most three lines; a fourth would get a colour twice. */
  series: readonly LineSeries[];
}

export interface RenderedChart {
  png: Uint8Array;
  /** Pixel size of the PNG. */
  width: number;
  height: number;
}

/** The chart's layout size; the PNG has twice as many pixels each way, for sharp text on dense screens. */
export const CHART_SIZE = { width: 640, height: 360 } as const;
const PIXEL_RATIO = 2;

/**
 * A light card: the one style that reads on Discord's dark and light themes alike, since an attachment is
 * shown as it is. Okabe–Ito colours, told apart with colour blindness, dark enough on white.
 */
const STYLE = {
  background: "#ffffff",
  border: "#d0d7de",
  text: "#1f2328",
  muted: "#57606a",
  grid: "#e6e9ed",
  axis: "#8c959f",
  colours: ["#0072b2", "#d55e00", "#009e73"],
  font: "Inter",
} as const;

type ECharts = typeof EChartsModule;
const require = createRequire(import.meta.url);
let echartsModule: ECharts | undefined;
let resvgClass: typeof ResvgType | undefined;

/**
 * ECharts takes about half a second to load, so it is loaded at the first chart (or `warmCharts`), not with
 * every process that imports the commands. Its one-file CommonJS build loads several times faster than its
 * ES modules, which are hundreds of files.
 */
function loadEcharts(): ECharts {
  echartsModule ??= require("echarts") as ECharts;
  return echartsModule;
}

function loadResvg(): typeof ResvgType {
  resvgClass ??= (require("@resvg/resvg-js") as { Resvg: typeof ResvgType }).Resvg;
  return resvgClass;
}

/** Loads the chart libraries now, so that the first chart a user asks for is as quick as the rest. */
export function warmCharts(): void {
  loadEcharts();
  loadResvg();
}

/** Inter's regular and semi-bold TrueType files, as @expo-google-fonts/inter ships them. */
export const FONT_FILES: readonly string[] = (() => {
  const root = dirname(require.resolve("@expo-google-fonts/inter/package.json"));
  return [
    join(root, "400Regular", "Inter_400Regular.ttf"),
    join(root, "600SemiBold", "Inter_600SemiBold.ttf"),
  ];
})();

/** The chart as SVG text, laid out by ECharts' server-side renderer. */
export function lineChartSvg(spec: LineChartSpec): string {
  const echarts = loadEcharts();
  const chart = echarts.init(null, null, {
    renderer: "svg",
    ssr: true,
    width: CHART_SIZE.width,
    height: CHART_SIZE.height,
  });
  try {
    chart.setOption(chartOption(spec));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The chart as a PNG of `CHART_SIZE` times two. */
export function renderLineChart(spec: LineChartSpec): RenderedChart {
  const svg = lineChartSvg(spec);
  const Resvg = loadResvg();
  const rendered = new Resvg(svg, {
    fitTo: { mode: "width", value: CHART_SIZE.width * PIXEL_RATIO },
    font: { fontFiles: [...FONT_FILES], loadSystemFonts: false, defaultFontFamily: STYLE.font },
    shapeRendering: 2,
    textRendering: 1,
  }).render();
  return { png: new Uint8Array(rendered.asPng()), width: rendered.width, height: rendered.height };
}

function chartOption(spec: LineChartSpec) {
  const points = spec.labels.length;
  const hasSubtitle = spec.subtitle !== undefined && spec.subtitle !== "";
  const top = hasSubtitle ? 100 : 80;
  return {
    animation: false,
    // The card is drawn below with rounded corners; outside them the PNG is transparent.
    backgroundColor: "transparent",
    graphic: [
      {
        type: "rect",
        z: -10,
        shape: { x: 1, y: 1, width: CHART_SIZE.width - 2, height: CHART_SIZE.height - 2, r: 12 },
        style: { fill: STYLE.background, stroke: STYLE.border, lineWidth: 1.5 },
        silent: true,
      },
    ],
    color: [...STYLE.colours],
    textStyle: { fontFamily: STYLE.font, color: STYLE.text },
    title: {
      text: spec.title,
      subtext: spec.subtitle ?? "",
      left: 20,
      top: 14,
      itemGap: 6,
      textStyle: { fontSize: 20, fontWeight: 600, color: STYLE.text },
      subtextStyle: { fontSize: 14, color: STYLE.muted },
    },
    legend: {
      top: hasSubtitle ? 68 : 48,
      left: 16,
      icon: "roundRect",
      itemWidth: 18,
      itemHeight: 6,
      itemGap: 20,
      textStyle: { fontSize: 15, color: STYLE.text },
    },
    grid: { left: 20, right: 28, top, bottom: 18, containLabel: true },
    xAxis: {
      type: "category",
      // Half a step of room at each end, so that the first and last points and their labels stay clear of the axes.
      boundaryGap: true,
      data: [...spec.labels],
      axisLine: { lineStyle: { color: STYLE.axis } },
      axisTick: { show: false },
      axisLabel: { fontSize: 14, color: STYLE.muted, margin: 10, hideOverlap: true },
    },
    yAxis: {
      type: "value",
      minInterval: 1,
      splitNumber: 4,
      // Room above the highest point for its label, below the legend.
      boundaryGap: [0, "12%"],
      axisLabel: { fontSize: 14, color: STYLE.muted, margin: 10 },
      splitLine: { lineStyle: { color: STYLE.grid } },
    },
    series: spec.series.map((line) => ({
      name: line.name,
      type: "line",
      data: [...line.values],
      symbol: "circle",
      symbolSize: 7,
      // Dots help where there are few points; on a month of days they would only crowd the line.
      showSymbol: points <= 16,
      lineStyle: { width: 3 },
      emphasis: { disabled: true },
      markPoint: {
        symbol: "circle",
        symbolSize: 9,
        data: [{ type: "max" }],
        label: { show: true, position: "top", distance: 6, fontSize: 13, fontWeight: 600 },
        itemStyle: { borderColor: STYLE.background, borderWidth: 2 },
      },
    })),
  };
}
