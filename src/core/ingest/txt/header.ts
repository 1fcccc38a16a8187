import { foldText } from "../identity.ts";
import { classifyHeaderLine } from "./line-kinds.ts";
import type { DateLine } from "./human-date.ts";
import type { TextLine } from "./lines.ts";

/** The top of one scraped article: its title line and what stands between it and the body. */
export interface ArticleHeader {
  /** Index of the title line in the file's lines. */
  titleIndex: number;
  /** Index of the first line after the header. */
  bodyStart: number;
  highlights: string[];
  dates: DateLine[];
  author?: string;
  /**
   * Whether the header shows what scraped article headers look like (the title repeated after the page
   * furniture, or share buttons, dates or a byline under it), as opposed to a line that merely comes first.
   */
  confirmed: boolean;
}

/** Longer lines are paragraphs, not titles. */
export const MAX_TITLE_LENGTH = 300;
/** How many non-blank lines after a title are searched for the title's repetition. */
const REPEAT_WINDOW = 8;
/** Unrecognised lines (captions without a credit) allowed between a title and its repetition. */
const MAX_UNKNOWN_BEFORE_REPEAT = 2;
const ENDS_LIKE_A_SENTENCE = /[.;,]["”’]?$/;

/** True when the line could be a title: text of title length that no other line kind claims. */
export function couldBeTitle(line: TextLine, modifiedAt: Date): boolean {
  return (
    line.text !== "" &&
    line.text.length <= MAX_TITLE_LENGTH &&
    classifyHeaderLine(line.text, modifiedAt).kind === "text"
  );
}

/**
 * Reads the header that starts with the title at `titleIndex`. Two layouts are recognised: the title, page
 * furniture and captions, then the title again (captions are dropped); or the title followed directly by
 * furniture, date lines or a byline. Either is followed by optional highlight bullets, bylines and dates.
 */
export function readHeader(lines: readonly TextLine[], titleIndex: number, modifiedAt: Date): ArticleHeader {
  const header: ArticleHeader = {
    titleIndex,
    bodyStart: titleIndex + 1,
    highlights: [],
    dates: [],
    confirmed: false,
  };
  const repeatIndex = findRepeatedTitle(lines, titleIndex, modifiedAt);
  let strongEvidence = false;
  let next = titleIndex + 1;
  if (repeatIndex !== undefined) {
    let captionEvidence = false;
    for (; next < repeatIndex; next++) {
      const evidence = noteHeaderLine(header, lines[next], modifiedAt);
      strongEvidence ||= evidence === "strong";
      captionEvidence ||= evidence === "caption";
    }
    const onlyBlankBetween = lines.slice(titleIndex + 1, repeatIndex).every((line) => line.text === "");
    header.confirmed = strongEvidence || captionEvidence || onlyBlankBetween;
    next = repeatIndex + 1;
  }
  for (; next < lines.length; next++) {
    const line = lines[next];
    if (line === undefined || classifyHeaderLine(line.text, modifiedAt).kind === "text") break;
    strongEvidence = noteHeaderLine(header, line, modifiedAt) === "strong" || strongEvidence;
  }
  header.bodyStart = next;
  if (repeatIndex === undefined) {
    // A caption under a paragraph is common in bodies, so only furniture, dates and bylines confirm a title here.
    const title = lines[titleIndex]?.text ?? "";
    header.confirmed = strongEvidence && !ENDS_LIKE_A_SENTENCE.test(title);
  }
  return header;
}

/** How strongly a header line says "this is an article header". */
type Evidence = "strong" | "caption" | "none";

/** Records what a header line contributes to the header and says how much it confirms one. */
function noteHeaderLine(header: ArticleHeader, line: TextLine | undefined, modifiedAt: Date): Evidence {
  if (line === undefined) return "none";
  const kind = classifyHeaderLine(line.text, modifiedAt);
  switch (kind.kind) {
    case "furniture":
      return kind.marksHeader ? "strong" : "none";
    case "date":
      header.dates.push(kind.date);
      return "strong";
    case "byline":
      header.author ??= kind.author;
      return "strong";
    case "caption":
      return "caption";
    case "bullet":
      if (kind.text !== "") header.highlights.push(kind.text);
      return "none";
    case "blank":
    case "text":
      return "none";
  }
}

function findRepeatedTitle(
  lines: readonly TextLine[],
  titleIndex: number,
  modifiedAt: Date,
): number | undefined {
  const title = lines[titleIndex]?.text ?? "";
  let folded: string | undefined;
  let nonBlank = 0;
  let unknown = 0;
  for (let index = titleIndex + 1; index < lines.length && nonBlank < REPEAT_WINDOW; index++) {
    const text = lines[index]?.text ?? "";
    if (text === "") continue;
    nonBlank++;
    if (text === title) return index;
    if (Math.abs(text.length - title.length) <= 8) {
      folded ??= foldText(title);
      if (foldText(text) === folded) return index;
    }
    if (classifyHeaderLine(text, modifiedAt).kind === "text" && ++unknown > MAX_UNKNOWN_BEFORE_REPEAT) break;
  }
  return undefined;
}
