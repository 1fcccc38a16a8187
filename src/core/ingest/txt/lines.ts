/** One line of a text file, without its line break. */
export interface TextLine {
  /** The line with surrounding whitespace removed. */
  text: string;
  /** The line as written, for indentation checks. */
  raw: string;
  /** 1-based. */
  number: number;
  /** Character offset of the line's first character in the decoded text. */
  offset: number;
}

/** Splits text into lines on \n, \r\n or a lone \r, keeping each line's position. */
export function splitLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  const breaks = /\r\n|\n|\r/g;
  let start = 0;
  for (let match = breaks.exec(text); match !== null; match = breaks.exec(text)) {
    pushLine(lines, text.slice(start, match.index), start);
    start = match.index + match[0].length;
  }
  if (start < text.length) pushLine(lines, text.slice(start), start);
  return lines;
}

function pushLine(lines: TextLine[], raw: string, offset: number): void {
  lines.push({ text: raw.trim(), raw, number: lines.length + 1, offset });
}
