/** A paragraph of the input: one non-blank line, trimmed, with its offset in the input. */
export interface Paragraph {
  text: string;
  start: number;
  index: number;
}

/** One paragraph's piece of a quoted span; offsets are absolute and exclude the marks. */
export interface MarkedSegment {
  paragraphIndex: number;
  start: number;
  end: number;
  /** False when the paragraph ended before a closing mark. */
  closed: boolean;
  /** The speaker label of a transcript line (`"PENCE: Well, ...`), when the segment opens with one. */
  label?: string;
  /** The style of the mark that opened the segment, when one did (a continued quote's later segments). */
  style?: MarkStyle;
  /** Offset of that opening mark in the paragraph's text. */
  openedAt?: number;
}

/** Straight (`"`), curly (`“”`), guillemets (`«»`) or doubled apostrophes (`''`). */
export type MarkStyle = "straight" | "curly" | "guillemet" | "apostrophes";

/** A quoted span: one segment, or several when it runs over paragraphs. */
export interface MarkedQuote {
  segments: [MarkedSegment, ...MarkedSegment[]];
}

const DOUBLE_MARKS = new Set(['"', "\u201c", "\u201d", "\u00ab", "\u00bb"]);
const OPENING_DIRECTION = new Set(["\u201c", "\u00ab"]);
const CLOSING_DIRECTION = new Set(["\u201d", "\u00bb"]);
/** Characters after which a mark opens: "(“", "—“". */
const OPENS_AFTER = new Set(["(", "[", "{", "\u2014", "\u2013", "-", "/"]);
/** Characters before which a mark closes: "”,", "”)", "’“" at the end. */
const CLOSES_BEFORE = new Set([
  ",",
  ".",
  ";",
  ":",
  "!",
  "?",
  ")",
  "]",
  "}",
  "\u2014",
  "\u2013",
  "-",
  "\u2026",
  "'",
  "\u2019",
  "\u201d",
  '"',
]);
const SENTENCE_ENDS = new Set([".", "?", "!", "\u2026"]);
const SINGLE_CLOSERS = new Set(["'", "\u2019", ")"]);
const TRANSCRIPT_LABEL = /^([A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,2}):\s/;
const MAX_NESTING = 2;
/** The characters a mark can start with: the scan jumps from one to the next. */
const MARK_CANDIDATE = /["'\u201c\u201d\u00ab\u00bb]/g;

function isBlank(ch: string | undefined): boolean {
  return ch === undefined || ch === " " || ch === "\t" || ch === "\n" || ch === "\r" || ch === "\u00a0";
}

/** Splits text into paragraphs at line breaks, dropping blank lines and trimming each line. */
export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let start = lineStart;
    let end = lineEnd;
    while (start < end && isBlank(text[start])) start++;
    while (end > start && isBlank(text[end - 1])) end--;
    if (end > start) paragraphs.push({ text: text.slice(start, end), start, index: paragraphs.length });
    lineStart = lineEnd + 1;
  }
  return paragraphs;
}

type MarkRole = "open" | "close";

/** A quotation mark found in a paragraph: one character, or the doubled apostrophe `''` of some archives. */
interface Mark {
  /** Offset of the mark's first character in the paragraph. */
  at: number;
  width: number;
  role: MarkRole;
}

function roleOf(text: string, at: number, width: number, insideQuote: boolean): MarkRole {
  const mark = text.charAt(at);
  const previous = at > 0 ? text.charAt(at - 1) : undefined;
  const next = at + width < text.length ? text.charAt(at + width) : undefined;
  const canOpen = (isBlank(previous) || OPENS_AFTER.has(previous ?? "")) && !isBlank(next);
  const canClose = !isBlank(previous) && (isBlank(next) || CLOSES_BEFORE.has(next ?? ""));
  if (canOpen && !canClose) return "open";
  if (canClose && !canOpen) return "close";
  if (OPENING_DIRECTION.has(mark)) return "open";
  if (CLOSING_DIRECTION.has(mark)) return "close";
  return insideQuote ? "close" : "open";
}

/**
 * The quotation mark at `at`, if any. A run of two or more straight apostrophes (`''Yes,'' he said`) is a
 * double mark: an opening one is the run's first two characters (`'''Tis` opens a quote that starts with
 * an apostrophe), a closing one its last two (`'poor,'''` closes a single and then a double quote).
 */
function markAt(text: string, at: number, insideQuote: boolean): Mark | undefined {
  const char = text.charAt(at);
  if (DOUBLE_MARKS.has(char)) return { at, width: 1, role: roleOf(text, at, 1, insideQuote) };
  if (char !== "'" || text.charAt(at + 1) !== "'" || (at > 0 && text.charAt(at - 1) === "'"))
    return undefined;
  let run = 2;
  while (text.charAt(at + run) === "'") run++;
  const role = roleOf(text, at, run, insideQuote);
  return { at: role === "open" ? at : at + run - 2, width: 2, role };
}

/** True when blank space and, before it, the end of a sentence precede `at`: `done. "`, `it?' "`. */
function followsSentenceEnd(text: string, at: number): boolean {
  let index = at - 1;
  if (!isBlank(text.charAt(index))) return false;
  while (index >= 0 && isBlank(text.charAt(index))) index--;
  while (index >= 0 && SINGLE_CLOSERS.has(text.charAt(index))) index--;
  return SENTENCE_ENDS.has(text.charAt(index));
}

/** A nickname set in quotes inside a name: Marcia "Cia" Price, Dwayne “The Rock” Johnson. */
function isNickname(text: string, open: Mark, close: Mark): boolean {
  const after = close.at + close.width;
  if (text.charAt(open.at - 1) !== " " || text.charAt(after) !== " ") return false;
  const inner = text.slice(open.at + open.width, close.at);
  if (
    inner.length === 0 ||
    inner.length > 20 ||
    !/^\p{Lu}[\p{L}'\u2019.-]*(?: \p{Lu}[\p{L}'\u2019.-]*)?$/u.test(inner)
  )
    return false;
  return (
    /\p{Lu}[\p{L}.'\u2019-]* $/u.test(text.slice(Math.max(0, open.at - 30), open.at)) &&
    /^ \p{Lu}/u.test(text.slice(after, after + 2))
  );
}

/**
 * Segments of one paragraph: top-level quoted spans; double quotes nested in them stay part of the text.
 * A mark that opens after a sentence end while a quote is open, and no quote nested in it (`done. "Next`),
 * starts the next quote: the breaks between the speaker's paragraphs were lost, so the earlier quote ends,
 * unclosed, at its sentence end, as it would at the end of its paragraph.
 */
function segmentsOf(paragraph: Paragraph, skipped: ReadonlySet<number>): MarkedSegment[] {
  const { text } = paragraph;
  const segments: MarkedSegment[] = [];
  let depth = 0;
  let opening: Mark | undefined;
  MARK_CANDIDATE.lastIndex = 0;
  for (let found = MARK_CANDIDATE.exec(text); found !== null; found = MARK_CANDIDATE.exec(text)) {
    const mark = markAt(text, found.index, depth > 0);
    if (mark === undefined) continue;
    MARK_CANDIDATE.lastIndex = mark.at + mark.width;
    if (skipped.has(paragraph.start + mark.at)) continue;
    if (mark.role === "open") {
      if (depth === 1 && opening !== undefined && followsSentenceEnd(text, mark.at)) {
        pushSegment(segments, paragraph, opening, mark.at, false);
        depth = 0;
      }
      if (depth === 0) opening = mark;
      if (depth < MAX_NESTING) depth++;
    } else if (depth > 0) {
      depth--;
      if (depth === 0 && opening !== undefined && !isNickname(text, opening, mark))
        pushSegment(segments, paragraph, opening, mark.at, true);
    }
  }
  if (depth > 0 && opening !== undefined) pushSegment(segments, paragraph, opening, text.length, false);
  return segments;
}

function styleOf(text: string, mark: Mark): MarkStyle {
  if (mark.width === 2) return "apostrophes";
  const char = text.charAt(mark.at);
  if (char === '"') return "straight";
  return char === "\u00ab" || char === "\u00bb" ? "guillemet" : "curly";
}

function pushSegment(
  segments: MarkedSegment[],
  paragraph: Paragraph,
  opening: Mark,
  to: number,
  closed: boolean,
): void {
  const from = opening.at + opening.width;
  let start = from;
  let end = to;
  while (start < end && isBlank(paragraph.text[start])) start++;
  while (end > start && isBlank(paragraph.text[end - 1])) end--;
  if (end <= start) return;
  const segment: MarkedSegment = {
    paragraphIndex: paragraph.index,
    start: paragraph.start + start,
    end: paragraph.start + end,
    closed,
    style: styleOf(paragraph.text, opening),
    openedAt: opening.at,
  };
  if (from <= 2 && !/[\p{L}\p{N}]/u.test(paragraph.text.slice(0, from))) {
    const label = TRANSCRIPT_LABEL.exec(paragraph.text.slice(start, Math.min(end, start + 40)));
    if (label?.[1] !== undefined) segment.label = label[1];
  }
  segments.push(segment);
}

/**
 * Finds the quoted spans of the paragraphs: curly and straight double quotes (and guillemets), telling
 * opening from closing marks by the characters around them so that malformed marks (a closing `“`
 * after `agree.’`) still pair up. A paragraph that leaves a quote open continues it into the next
 * paragraph when that one opens with a mark of the same style, unless the next one starts a new transcript
 * speaker; so does a quote left open before a mark that reopens after a sentence end in the same paragraph.
 *
 * Marks of a style that closes no quote anywhere in the article, while another style does, are stray when
 * they open a quote left open at a paragraph end where the next paragraph opens a quote of another style
 * (a block quote rendered as `"` in front of each of its paragraphs, amid `“…”` quotes): they are dropped,
 * so the quotes inside such a block are found and its names read as prose.
 */
export function findQuotes(paragraphs: readonly Paragraph[]): MarkedQuote[] {
  const cut = new Set<MarkedQuote>();
  const quotes = chainQuotes(paragraphs, new Set(), cut);
  const stray = strayOpenings(paragraphs, quotes, cut);
  return stray.size === 0 ? quotes : chainQuotes(paragraphs, stray, new Set());
}

/** The quotes of the paragraphs; `cut` receives those left open where the next paragraph opens another style. */
function chainQuotes(
  paragraphs: readonly Paragraph[],
  skipped: ReadonlySet<number>,
  cut: Set<MarkedQuote>,
): MarkedQuote[] {
  const quotes: MarkedQuote[] = [];
  let open: MarkedQuote | undefined;
  for (const paragraph of paragraphs) {
    const segments = segmentsOf(paragraph, skipped);
    segments.forEach((segment, position) => {
      const atStart = position === 0 && segment.start - paragraph.start <= 2;
      const sameStyle = segment.style === open?.segments.at(-1)?.style;
      if (open !== undefined && atStart && !sameStyle) cut.add(open);
      // `done. "Next`: the quote left open before the reopening mark goes on, as over a paragraph break.
      const reopens = segments[position - 1]?.closed === false;
      if (open !== undefined && ((atStart && sameStyle) || reopens) && segment.label === undefined) {
        open.segments.push(segment);
      } else {
        open = { segments: [segment] };
        quotes.push(open);
      }
    });
    const last = segments.at(-1);
    if (last?.closed !== false) open = undefined;
  }
  return quotes;
}

/** Offsets in the text of the stray opening marks (see findQuotes). */
function strayOpenings(
  paragraphs: readonly Paragraph[],
  quotes: readonly MarkedQuote[],
  cut: ReadonlySet<MarkedQuote>,
): Set<number> {
  const closing = new Set<MarkStyle | undefined>();
  for (const quote of quotes)
    if (quote.segments.at(-1)?.closed === true) closing.add(quote.segments[0].style);
  const stray = new Set<number>();
  if (closing.size === 0) return stray;
  const starts = new Map(paragraphs.map((paragraph) => [paragraph.index, paragraph.start]));
  for (const quote of quotes) {
    const [first] = quote.segments;
    if (!cut.has(quote) || first.label !== undefined || closing.has(first.style)) continue;
    for (const segment of quote.segments) {
      const start = starts.get(segment.paragraphIndex);
      if (start !== undefined && segment.openedAt !== undefined) stray.add(start + segment.openedAt);
    }
  }
  return stray;
}
