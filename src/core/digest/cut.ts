/**
 * Joins lines while they fit in `max` characters; the lines that do not fit are replaced by `overflow(n)`
 * (which must be short), so a list is cut between items, never inside one.
 */
export function joinLinesWithin(
  lines: readonly string[],
  max: number,
  overflow: (omitted: number) => string,
  separator = "\n",
): string {
  const kept: string[] = [];
  let length = 0;
  for (const [index, line] of lines.entries()) {
    const added = (kept.length > 0 ? separator.length : 0) + line.length;
    const remaining = lines.length - index - 1;
    const reserve = remaining > 0 ? separator.length + overflow(lines.length).length : 0;
    if (length + added + reserve > max) {
      const note = overflow(lines.length - index);
      return [...kept, note].join(separator);
    }
    kept.push(line);
    length += added;
  }
  return kept.join(separator);
}
