import type { Article } from "../../articles.ts";
import { deriveArticleId, sourceFromPath } from "../identity.ts";
import type { IngestWarning, SourceFile } from "../types.ts";
import { ingestWarning } from "../warnings.ts";
import { readBody } from "./body.ts";
import { couldBeTitle, readHeader, type ArticleHeader } from "./header.ts";
import type { DateLine } from "./human-date.ts";
import { splitLines, type TextLine } from "./lines.ts";
import { anchorRelativeDates } from "./relative-dates.ts";

/** Articles found in a text file, before the final schema check. */
export interface WireTextResult {
  articles: Article[];
  warnings: IngestWarning[];
}

/**
 * Reads scraped wire text: one or more articles, each a title line, a header of page furniture (often with the
 * title repeated), optional highlight bullets, then one paragraph a line. A file without any recognised header
 * is read as a single article whose first line is the title.
 */
export function parseWireText(text: string, file: SourceFile): WireTextResult {
  const lines = splitLines(text);
  const headers = findArticleHeaders(lines, file.modifiedAt);
  const anchored = anchorRelativeDates(
    headers.flatMap((header) => header.dates),
    file.modifiedAt,
  );
  for (const header of headers) header.dates = header.dates.map(anchored);
  const articles: Article[] = [];
  const warnings: IngestWarning[] = [];
  headers.forEach((header, position) => {
    const end = headers[position + 1]?.titleIndex ?? lines.length;
    const article = buildArticle(lines, header, end, file);
    if (article !== undefined) {
      articles.push(article);
    } else if (header.confirmed || headers.length === 1) {
      const title = lines[header.titleIndex];
      warnings.push(
        ingestWarning(file.path, `article "${title?.text ?? ""}" has no body text`, title?.number),
      );
    }
  });
  if (articles.length === 0 && warnings.length === 0) {
    warnings.push(
      ingestWarning(file.path, "no recognisable article (expected a title line followed by text)"),
    );
  }
  return { articles, warnings };
}

/**
 * Headers confirmed by their layout start articles. Text before the first of them (or a file with none) is
 * read as one more article whose title is its first title-like line.
 */
function findArticleHeaders(lines: readonly TextLine[], modifiedAt: Date): ArticleHeader[] {
  const headers: ArticleHeader[] = [];
  for (let index = 0; index < lines.length;) {
    const line = lines[index];
    const followsBlank = index === 0 || lines[index - 1]?.text === "";
    if (line !== undefined && followsBlank && couldBeTitle(line, modifiedAt)) {
      const header = readHeader(lines, index, modifiedAt);
      if (header.confirmed) {
        headers.push(header);
        index = Math.max(header.bodyStart, index + 1);
        continue;
      }
    }
    index++;
  }
  const firstConfirmed = headers[0]?.titleIndex ?? lines.length;
  const firstTitle = lines.findIndex(
    (line, index) => index < firstConfirmed && couldBeTitle(line, modifiedAt),
  );
  if (firstTitle >= 0) headers.unshift(readHeader(lines, firstTitle, modifiedAt));
  return headers;
}

function buildArticle(
  lines: readonly TextLine[],
  header: ArticleHeader,
  end: number,
  file: SourceFile,
): Article | undefined {
  const titleLine = lines[header.titleIndex];
  if (titleLine === undefined) return undefined;
  const body = readBody(lines.slice(Math.min(header.bodyStart, end), end), file.modifiedAt);
  if (body.paragraphs.length === 0) return undefined;
  const title = titleLine.text.replace(/\s+/g, " ");
  const source = sourceFromPath(file.path);
  const article: Article = {
    id: deriveArticleId(source, title),
    title,
    highlights: [...header.highlights, ...body.highlights],
    paragraphs: body.paragraphs,
    headings: body.headings,
    source,
    topics: [],
    origin: { file: file.path, offset: titleLine.offset, line: titleLine.number },
  };
  const publishedAt = pickPublishedAt(header.dates);
  if (publishedAt !== undefined) article.publishedAt = publishedAt;
  if (header.author !== undefined) article.author = header.author;
  if (body.dateline !== undefined) article.dateline = body.dateline;
  return article;
}

/** The first publication date when the header gives one, else the first update date. */
function pickPublishedAt(dates: readonly DateLine[]): string | undefined {
  const published = dates.find((date) => date.kind === "published" && date.instant !== undefined);
  return (published ?? dates.find((date) => date.instant !== undefined))?.instant;
}
