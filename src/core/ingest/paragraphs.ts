const BLANK_LINE = /\n\s*\n/;
const INNER_LINE_BREAK = /\s*\n\s*/g;

/**
 * Paragraphs of a body given as one string: blank-line-separated blocks, each trimmed, with single line breaks
 * inside a block (hard wrapping) joined by a space; empty blocks are dropped.
 */
export function paragraphsFromText(body: string): string[] {
  const paragraphs: string[] = [];
  for (const block of body.split(BLANK_LINE)) {
    const trimmed = block.trim();
    if (trimmed === "") continue;
    paragraphs.push(trimmed.includes("\n") ? trimmed.replace(INNER_LINE_BREAK, " ") : trimmed);
  }
  return paragraphs;
}

/** Paragraphs given as a list: each trimmed, empty ones dropped. */
export function paragraphsFromList(body: readonly string[]): string[] {
  const paragraphs: string[] = [];
  for (const paragraph of body) {
    const trimmed = paragraph.trim();
    if (trimmed !== "") paragraphs.push(trimmed);
  }
  return paragraphs;
}
