import type { SectionHeading } from "../../articles.ts";
import { splitDateline } from "./dateline.ts";
import { classifyBodyLine } from "./line-kinds.ts";
import type { TextLine } from "./lines.ts";

/** The body of a scraped article, cleaned of furniture and captions. */
export interface ArticleBody {
  paragraphs: string[];
  headings: SectionHeading[];
  /** Bullets met before the first paragraph. */
  highlights: string[];
  dateline?: string;
}

/** Hard-wrapped lines are at most this long; scraped paragraphs run to hundreds of characters. */
const MAX_WRAPPED_LINE = 100;
const ENDS_A_SENTENCE = /[.!?:"”’)]$/;

/**
 * Reads body lines: one paragraph a line (or a blank-line-separated block when the text is hard-wrapped),
 * `- Subhead -` lines as headings before the next paragraph (their inner quote marks kept as written), bullets
 * before the first paragraph as highlights, and the first paragraph's wire dateline split off.
 */
export function readBody(lines: readonly TextLine[], modifiedAt: Date): ArticleBody {
  const body: ArticleBody = { paragraphs: [], headings: [], highlights: [] };
  const hardWrapped = isHardWrapped(lines);
  let block: string[] = [];
  const endBlock = (): void => {
    if (block.length > 0) body.paragraphs.push(block.join(" "));
    block = [];
  };
  for (const line of lines) {
    if (line.text === "") {
      endBlock();
      continue;
    }
    const kind = classifyBodyLine(line.text, modifiedAt);
    if (kind.kind === "skip") continue;
    if (kind.kind === "text") {
      if (hardWrapped) block.push(line.text);
      else body.paragraphs.push(line.text);
      continue;
    }
    endBlock();
    if (kind.text === "") continue;
    if (kind.kind === "subhead")
      body.headings.push({ beforeParagraph: body.paragraphs.length, text: kind.text });
    else if (body.paragraphs.length === 0) body.highlights.push(kind.text);
    else body.paragraphs.push(kind.text);
  }
  endBlock();
  body.headings = body.headings.filter((heading) => heading.beforeParagraph < body.paragraphs.length);
  splitOpeningDateline(body);
  return body;
}

function splitOpeningDateline(body: ArticleBody): void {
  const first = body.paragraphs[0];
  const split = first === undefined ? undefined : splitDateline(first);
  if (split === undefined) return;
  body.dateline = split.dateline;
  body.paragraphs[0] = split.text;
}

/**
 * True when most non-blank lines sit in multi-line blocks, are short and do not end a sentence: text wrapped
 * at a fixed width, whose paragraphs are the blank-line-separated blocks.
 */
function isHardWrapped(lines: readonly TextLine[]): boolean {
  let textLines = 0;
  let wrappedLines = 0;
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index]?.text ?? "";
    if (text === "") continue;
    if (text.length > MAX_WRAPPED_LINE) return false;
    textLines++;
    const nextText = lines[index + 1]?.text ?? "";
    if (nextText !== "" && !ENDS_A_SENTENCE.test(text)) wrappedLines++;
  }
  return textLines >= 3 && wrappedLines * 2 >= textLines;
}
