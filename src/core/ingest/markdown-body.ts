import type { SectionHeading } from "../articles.ts";

/** A Markdown body reduced to plain paragraphs and headings. */
export interface MarkdownBody {
  paragraphs: string[];
  headings: SectionHeading[];
  /** The text of the first level-1 heading, when it comes before any paragraph. */
  leadingTitle?: string;
}

const ATX_HEADING = /^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const LIST_ITEM = /^(?:[-*+]|\d{1,3}[.)])\s+(.*)$/;
const THEMATIC_BREAK = /^(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$/;
const BLOCKQUOTE = /^>\s?/;
const FENCE = /^(?:```|~~~)/;
const IMAGE = /!\[[^\]]*\]\([^)]*\)/g;
const LINK = /\[([^\]]+)\]\([^)]*\)/g;
const STRONG = /(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g;
const EMPHASIS = /(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])/g;
const ESCAPE = /\\([\\`*_{}[\]()#+\-.!>])/g;

/**
 * Reads a Markdown article body: blank-line-separated paragraphs (hard-wrapped lines joined), list items and
 * quoted lines as paragraphs of their own, ATX `#` headings as section headings before the next paragraph.
 * Inline markup is reduced to its text (links to their label, images dropped, emphasis marks removed).
 */
export function readMarkdownBody(markdown: string): MarkdownBody {
  const body: MarkdownBody = { paragraphs: [], headings: [] };
  let block: string[] = [];
  const endBlock = (): void => {
    const text = inlineText(block.join(" "));
    if (text !== "") body.paragraphs.push(text);
    block = [];
  };
  let inFence = false;
  for (const rawLine of markdown.split(/\r\n|\n|\r/)) {
    const line = rawLine.trim();
    if (FENCE.test(line)) {
      endBlock();
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      if (line !== "") block.push(line);
      continue;
    }
    if (line === "" || THEMATIC_BREAK.test(line)) {
      endBlock();
      continue;
    }
    const heading = ATX_HEADING.exec(line);
    if (heading) {
      endBlock();
      addHeading(body, (heading[1] ?? "").length, inlineText(heading[2] ?? ""));
      continue;
    }
    const listItem = LIST_ITEM.exec(line);
    if (listItem) {
      endBlock();
      block.push(listItem[1] ?? "");
      continue;
    }
    block.push(line.replace(BLOCKQUOTE, ""));
  }
  endBlock();
  body.headings = body.headings.filter((heading) => heading.beforeParagraph < body.paragraphs.length);
  return body;
}

function addHeading(body: MarkdownBody, level: number, text: string): void {
  if (text === "") return;
  const beforeAnyText = body.paragraphs.length === 0 && body.headings.length === 0;
  if (level === 1 && beforeAnyText && body.leadingTitle === undefined) body.leadingTitle = text;
  else body.headings.push({ beforeParagraph: body.paragraphs.length, text });
}

function inlineText(text: string): string {
  return text
    .replace(IMAGE, "")
    .replace(LINK, "$1")
    .replace(STRONG, "$2")
    .replace(EMPHASIS, "$1")
    .replace(ESCAPE, "$1")
    .replace(/\s+/g, " ")
    .trim();
}
