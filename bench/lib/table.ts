/** Prints a titled table with aligned columns to stdout (benchmarks are the one place that prints). */
export function printTable(
  title: string,
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): void {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  process.stdout.write(`\n${title}\n${line(headers)}\n${rule}\n${rows.map(line).join("\n")}\n`);
}
