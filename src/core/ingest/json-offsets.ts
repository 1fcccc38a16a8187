/**
 * Character offsets of the elements of a top-level JSON array, found by a single scan that tracks strings and
 * nesting. Only meaningful for text that JSON.parse accepted as an array.
 */
export function topLevelArrayElementOffsets(text: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === BACKSLASH) index++;
      else if (char === QUOTE) inString = false;
      continue;
    }
    if (char === SPACE || char === TAB || char === LF || char === CR) continue;
    if (expectElement && char !== CLOSE_BRACKET) {
      offsets.push(index);
      expectElement = false;
    }
    if (char === QUOTE) inString = true;
    else if (char === OPEN_BRACKET || char === OPEN_BRACE) {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (char === CLOSE_BRACKET || char === CLOSE_BRACE) {
      depth--;
    } else if (char === COMMA && depth === 1) {
      expectElement = true;
    }
  }
  return offsets;
}

/** 1-based line numbers of ascending offsets, counted in one pass. */
export function lineNumbersAt(text: string, offsets: readonly number[]): number[] {
  const lines: number[] = [];
  let line = 1;
  let position = 0;
  for (const offset of offsets) {
    for (; position < offset; position++) if (text.charCodeAt(position) === LF) line++;
    lines.push(line);
  }
  return lines;
}

const BACKSLASH = 0x5c;
const QUOTE = 0x22;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
