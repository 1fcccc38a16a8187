import type { Article } from "../articles.ts";

/**
 * Builds an article from the summary evaluation format: the title on the first line, then paragraphs
 * separated by blank lines. `file` names the article (its id is the file name without ".txt").
 */
export function articleFromPlainText(file: string, text: string): Article {
  const [titleLine = "", ...rest] = text.replace(/\r\n?/g, "\n").split("\n");
  const id = file.replace(/\.txt$/, "") || "article";
  const title = titleLine.trim() || id;
  const paragraphs = rest
    .join("\n")
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);
  return {
    id,
    title,
    highlights: [],
    paragraphs: paragraphs.length > 0 ? paragraphs : [title],
    headings: [],
    source: "plain-text",
    topics: [],
    origin: { file, offset: 0, line: 1 },
  };
}
