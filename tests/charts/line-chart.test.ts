import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { CHART_SIZE, PIXEL_RATIO, renderLineChart, type LineChartSpec } from "../../src/charts/line-chart.ts";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const LABELS = ["1 Dec", "2 Dec", "3 Dec", "4 Dec", "5 Dec", "6 Dec", "7 Dec"];

function spec(values: number[]): LineChartSpec {
  return {
    title: "Articles per day",
    subtitle: "1 Dec – 7 Dec 2025 · UTC days",
    labels: LABELS,
    series: [{ name: "oil · 9", values }],
  };
}

/** The PNG's chunks in order: type and data. */
function chunks(png: Uint8Array): { type: string; data: Buffer }[] {
  const bytes = Buffer.from(png);
  const found: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    found.push({
      type: bytes.toString("latin1", at + 4, at + 8),
      data: bytes.subarray(at + 8, at + 8 + length),
    });
    at += 12 + length;
  }
  return found;
}

/** The decoded scanlines (filter byte and pixels), enough to tell whether two pictures differ. */
function pixels(png: Uint8Array): Buffer {
  const data = chunks(png)
    .filter((chunk) => chunk.type === "IDAT")
    .map((chunk) => chunk.data);
  return inflateSync(Buffer.concat(data));
}

describe("renderLineChart", () => {
  it("GIVEN a series THEN a valid PNG of the layout size times the pixel ratio comes back", () => {
    const chart = renderLineChart(spec([0, 1, 3, 2, 0, 2, 1]));
    expect([...chart.png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const [header] = chunks(chart.png);
    expect(header?.type).toBe("IHDR");
    const size = [CHART_SIZE.width * PIXEL_RATIO, CHART_SIZE.height * PIXEL_RATIO];
    expect(size).toEqual([960, 540]);
    expect([header?.data.readUInt32BE(0), header?.data.readUInt32BE(4)]).toEqual(size);
    expect([chart.width, chart.height]).toEqual(size);
    expect(chunks(chart.png).at(-1)?.type).toBe("IEND");
  });

  it("GIVEN two different series THEN the pictures differ, and the same series twice gives the same picture", () => {
    const rising = pixels(renderLineChart(spec([0, 1, 2, 3, 4, 5, 6])).png);
    const falling = pixels(renderLineChart(spec([6, 5, 4, 3, 2, 1, 0])).png);
    const again = pixels(renderLineChart(spec([0, 1, 2, 3, 4, 5, 6])).png);
    expect(rising.length).toBe(falling.length);
    let differing = 0;
    for (let i = 0; i < rising.length; i++) if (rising[i] !== falling[i]) differing++;
    // Same title, legend and axes: what differs is where the line runs, thousands of pixels.
    expect(differing).toBeGreaterThan(rising.length / 500);
    expect(again.equals(rising)).toBe(true);
  });
});
