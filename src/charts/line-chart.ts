import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Resvg as ResvgType } from "@resvg/resvg-js";
import type * as EChartsModule from "echarts";
import { cutAtWord } from "../core/text/cut.ts";

/**
 * Line charts drawn on the server without a browser: ECharts lays the chart out and writes it as SVG, resvg
 * (Rust, shipped as a prebuilt npm binary) turns that into a PNG. The font is Inter, from an npm package, and
 * system fonts are never loaded, so a chart is drawn the same on every machine.
 */

/** One line of the chart. */
export interface LineSeries {
  name: string;
  /** Shown after the name in the legend, never cut: `(1,234)`. */
  note?: string;
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

/**
 * The chart's layout size. Discord shows an embed's image about 400 pixels wide on a desktop and less on a phone,
 * so the layout is small and its text large for it; the PNG has twice as many pixels each way, for sharp
 * text on dense screens.
 */
export const CHART_SIZE = { width: 480, height: 270 } as const;
export const PIXEL_RATIO = 2;

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

/** The chart as a PNG of `CHART_SIZE` times `PIXEL_RATIO`. */
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

/** Longest title and legend name drawn; longer ones are cut at a word. */
const TITLE_CHARS = 44;
const LEGEND_NAME_CHARS = 36;
/** Generous widths at the legend's 14 px, so that a legend that wraps is never taken for one line. */
const LEGEND_CHAR_WIDTH = 7.5;
const LEGEND_ITEM_EXTRA = 16 + 5 + 16;
const LEGEND_ROW_HEIGHT = 22;
/** ECharts puts a wrapped legend row `itemGap` below the one before. */
const LEGEND_WRAP_HEIGHT = 30;

function chartOption(spec: LineChartSpec) {
  const points = spec.labels.length;
  const hasSubtitle = spec.subtitle !== undefined && spec.subtitle !== "";
  const legendTop = hasSubtitle ? 56 : 40;
  const names = spec.series.map((line) =>
    [cutAtWord(line.name, LEGEND_NAME_CHARS), line.note].filter(Boolean).join(" "),
  );
  const legendWidth = names.reduce(
    (sum, name) => sum + name.length * LEGEND_CHAR_WIDTH + LEGEND_ITEM_EXTRA,
    0,
  );
  const legendRows = legendWidth > CHART_SIZE.width - 20 ? 2 : 1;
  return {
    animation: false,
    // The card is drawn below with rounded corners; outside them the PNG is transparent.
    backgroundColor: "transparent",
    graphic: [
      {
        type: "rect",
        z: -10,
        shape: { x: 0.75, y: 0.75, width: CHART_SIZE.width - 1.5, height: CHART_SIZE.height - 1.5, r: 10 },
        style: { fill: STYLE.background, stroke: STYLE.border, lineWidth: 1 },
        silent: true,
      },
    ],
    color: [...STYLE.colours],
    textStyle: { fontFamily: STYLE.font, color: STYLE.text },
    title: {
      text: cutAtWord(spec.title, TITLE_CHARS),
      subtext: spec.subtitle ?? "",
      left: 14,
      top: 10,
      itemGap: 4,
      textStyle: { fontSize: 18, fontWeight: 600, color: STYLE.text },
      subtextStyle: { fontSize: 13, color: STYLE.muted },
    },
    legend: {
      top: legendTop,
      left: 10,
      right: 10,
      icon: "roundRect",
      itemWidth: 16,
      itemHeight: 5,
      itemGap: 16,
      textStyle: { fontSize: 14, color: STYLE.text },
    },
    grid: {
      left: 12,
      right: 18,
      top: legendTop + 8 + LEGEND_ROW_HEIGHT + (legendRows - 1) * LEGEND_WRAP_HEIGHT,
      bottom: 10,
      containLabel: true,
    },
    xAxis: {
      type: "category",
      // Half a step of room at each end, so that the first and last points and their labels stay clear of the axes.
      boundaryGap: true,
      data: [...spec.labels],
      axisLine: { lineStyle: { color: STYLE.axis } },
      axisTick: { show: false },
      axisLabel: { fontSize: 13, color: STYLE.muted, margin: 8, hideOverlap: true },
    },
    yAxis: {
      type: "value",
      minInterval: 1,
      splitNumber: 3,
      // Room above the highest point for its label, below the legend.
      boundaryGap: [0, "15%"],
      axisLabel: { fontSize: 13, color: STYLE.muted, margin: 8 },
      splitLine: { lineStyle: { color: STYLE.grid } },
    },
    series: spec.series.map((line, i) => ({
      name: names[i],
      type: "line",
      data: [...line.values],
      symbol: "circle",
      symbolSize: 6,
      // Dots help where there are few points; on a month of days they would only crowd the line.
      showSymbol: points <= 16,
      lineStyle: { width: 2.5 },
      emphasis: { disabled: true },
      // The peak: a dot with its count, haloed in the card's colour so that lines under it do not blur it.
      markPoint: {
        symbol: "circle",
        symbolSize: 8,
        data: [{ type: "max" }],
        label: {
          show: true,
          position: "top",
          distance: 4,
          fontSize: 12,
          fontWeight: 600,
          color: STYLE.text,
          textBorderColor: STYLE.background,
          textBorderWidth: 3,
        },
        itemStyle: { borderColor: STYLE.background, borderWidth: 1.5 },
      },
    })),
  };
}
