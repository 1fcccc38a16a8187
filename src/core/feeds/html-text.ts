import * as linkedom from "linkedom";
import type { SectionHeading } from "../articles.ts";

/** Text blocks of an HTML fragment: paragraphs, and the headings that stand before some of them. */
export interface HtmlBlocks {
  paragraphs: string[];
  headings: SectionHeading[];
}

/** Elements whose text is never article text. */
const SKIPPED = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "object",
  "svg",
  "figure",
  "figcaption",
  "nav",
  "aside",
  "form",
  "button",
  "select",
  "textarea",
  "img",
  "video",
  "audio",
  "picture",
  "head",
]);
/** Elements that end the running paragraph. */
const BLOCKS = new Set([
  "p",
  "div",
  "section",
  "article",
  "main",
  "header",
  "footer",
  "blockquote",
  "pre",
  "ul",
  "ol",
  "li",
  "dl",
  "dt",
  "dd",
  "table",
  "tr",
  "td",
  "th",
  "hr",
  "br",
  "address",
  "details",
  "summary",
]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
const WHITESPACE = /\s+/g;

/** The part of the DOM this module reads; linkedom's own types need the DOM library, which Node code lacks. */
export interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** linkedom as far as Newsdesk uses it. */
export interface HtmlParser {
  parseHTML(html: string): { document: { body: DomNode } };
}
export const htmlParser = linkedom as unknown as HtmlParser;

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/**
 * Turns an HTML fragment into paragraphs: block elements and line breaks end a paragraph, headings become
 * section headings, and scripts, media, captions and navigation are dropped. Entities are decoded.
 */
export function htmlToBlocks(html: string): HtmlBlocks {
  const { document } = htmlParser.parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return blocksOf(document.body);
}

/** The text of an HTML fragment on one line (for titles and names written as HTML). */
export function htmlToPlainText(html: string): string {
  return htmlToBlocks(html).paragraphs.join(" ").trim();
}

/** Plain text split into paragraphs at blank lines (or single line breaks when there are no blank lines). */
export function textToParagraphs(text: string): string[] {
  const parts = /\n\s*\n/.test(text) ? text.split(/\n\s*\n/) : text.split("\n");
  return parts.map((part) => part.replace(WHITESPACE, " ").trim()).filter((part) => part !== "");
}

function blocksOf(root: DomNode): HtmlBlocks {
  const result: HtmlBlocks = { paragraphs: [], headings: [] };
  let running = "";
  const flush = (): void => {
    const text = running.replace(WHITESPACE, " ").trim();
    running = "";
    if (text !== "") result.paragraphs.push(text);
  };
  const walk = (node: DomNode): void => {
    if (node.nodeType === TEXT_NODE) {
      running += node.textContent ?? "";
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const name = node.nodeName.toLowerCase();
    if (SKIPPED.has(name)) return;
    if (HEADINGS.has(name)) {
      flush();
      const text = (node.textContent ?? "").replace(WHITESPACE, " ").trim();
      if (text !== "") result.headings.push({ beforeParagraph: result.paragraphs.length, text });
      return;
    }
    const block = BLOCKS.has(name);
    if (block) flush();
    for (const next of Array.from(node.childNodes)) walk(next);
    if (block) flush();
  };
  walk(root);
  flush();
  // A heading after the last paragraph heads nothing.
  result.headings = result.headings.filter((heading) => heading.beforeParagraph < result.paragraphs.length);
  return result;
}
