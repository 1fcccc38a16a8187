const BARS = "▁▂▃▄▅▆▇█";

/**
 * Counts as a text sparkline, one bar a count: zero is the lowest bar and any count above zero at least the
 * second, so that one article is never drawn as none; the largest count is the full bar.
 */
export function sparkline(counts: readonly number[]): string {
  const max = Math.max(0, ...counts);
  const top = BARS.length - 1;
  return counts
    .map((count) => {
      if (count <= 0 || max === 0) return BARS.charAt(0);
      return BARS.charAt(Math.max(1, Math.round((count / max) * top)));
    })
    .join("");
}
