import { parseDocument } from "yaml";
import type { Article } from "../articles.ts";
import { foldText } from "./identity.ts";
import { articleFromInput } from "./from-input.ts";
import { ArticleInputSchema } from "./input-schema.ts";
import { readMarkdownBody } from "./markdown-body.ts";
import type { IngestWarning, SourceFile } from "./types.ts";
import { parsePlain } from "../text/zod-issues.ts";
import { describeProblems, ingestWarning } from "./warnings.ts";

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/**
 * Reads one article from Markdown with optional YAML front matter (title, date, source, url, author, highlights,
 * dek, topics). Without a front-matter title, the leading `# ` heading is the title; a leading `# ` heading that
 * repeats the front-matter title is dropped. Anything wrong gives one warning and no article; what a kept
 * article left out (a date that cannot be read) goes into `notes`.
 */
export function parseMarkdownArticle(
  text: string,
  file: SourceFile,
  notes: IngestWarning[] = [],
): Article | IngestWarning {
  const frontMatter = FRONT_MATTER.exec(text);
  let fields: Record<string, unknown> = {};
  if (frontMatter) {
    const read = readFrontMatter(frontMatter[1] ?? "");
    if (typeof read === "string") return ingestWarning(file.path, read);
    fields = read;
  }
  const markdown = frontMatter ? text.slice(frontMatter[0].length) : text;
  const body = readMarkdownBody(markdown);
  const givenTitle =
    typeof fields.title === "string" && fields.title.trim() !== "" ? fields.title : undefined;
  const title = givenTitle ?? body.leadingTitle;
  if (title === undefined)
    return ingestWarning(file.path, "no title (neither in front matter nor a # heading)");
  if (
    givenTitle !== undefined &&
    body.leadingTitle !== undefined &&
    foldText(body.leadingTitle) !== foldText(givenTitle)
  ) {
    body.headings.unshift({ beforeParagraph: 0, text: body.leadingTitle });
  }
  const input = parsePlain(ArticleInputSchema, { ...fields, title, body: body.paragraphs });
  if (!input.ok) return ingestWarning(file.path, `not an article: ${describeProblems(input.reason)}`);
  const article = articleFromInput(input.value, { file: file.path, offset: 0, line: 1 }, body, (note) =>
    notes.push(ingestWarning(file.path, note)),
  );
  return typeof article === "string" ? ingestWarning(file.path, article) : article;
}

function readFrontMatter(yaml: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    // The yaml package prints its warnings (an unknown tag such as !!js/function) straight to stderr unless
    // told not to; here each becomes the file's one warning instead.
    const document = parseDocument(yaml, { logLevel: "silent" });
    const problem = document.errors[0] ?? document.warnings[0];
    if (problem !== undefined) return `invalid YAML front matter: ${problem.message.split("\n")[0] ?? ""}`;
    value = document.toJS();
  } catch (error) {
    const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    return `invalid YAML front matter: ${message}`;
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== "object" || Array.isArray(value)) return "front matter is not a mapping of fields";
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [key, field instanceof Date ? field.toISOString() : field]),
  );
}
