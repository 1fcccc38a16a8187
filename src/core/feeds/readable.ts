import { Readability } from "@mozilla/readability";
import { htmlParser, htmlToBlocks, type HtmlBlocks } from "./html-text.ts";

/** What could be read from an article page. */
export interface ReadablePage {
  blocks: HtmlBlocks;
  title?: string;
  byline?: string;
}

/**
 * The article text of a web page, without navigation, ads and boilerplate (Mozilla's Readability over a
 * light DOM). Undefined when the page holds no readable article.
 */
export function extractReadablePage(html: string, url: string): ReadablePage | undefined {
  const { document } = htmlParser.parseHTML(html);
  setDocumentUrl(document, url);
  // Readability is written against the browser DOM; linkedom's document provides what it uses.
  const article = new Readability(document, { charThreshold: 200 }).parse();
  if (!article?.content) return undefined;
  const blocks = htmlToBlocks(article.content);
  if (blocks.paragraphs.length === 0) return undefined;
  return {
    blocks,
    ...(article.title ? { title: article.title } : {}),
    ...(article.byline ? { byline: article.byline } : {}),
  };
}

/** Relative links on the page resolve against its URL; linkedom documents have none until given one. */
function setDocumentUrl(document: object, url: string): void {
  try {
    Object.defineProperty(document, "documentURI", { value: url, configurable: true });
    Object.defineProperty(document, "baseURI", { value: url, configurable: true });
  } catch {
    // A document that refuses the properties still parses; only relative links stay relative.
  }
}
