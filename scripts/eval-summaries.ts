/**
 * Summarises every <id>.txt of an articles folder (title on the first line, a blank line, then paragraphs
 * separated by blank lines) into OUT_DIR/<id>.txt, one sentence a line, for scoring with ROUGE:
 *
 *   npm run --silent eval:summaries -- ARTICLES_DIR OUT_DIR [--sentences N | --length short|medium|long]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { summarizeArticle } from "../src/core/summarize/article.ts";
import type { SummaryLength, SummaryOptions } from "../src/core/summarize/length.ts";
import { articleFromPlainText } from "../src/core/summarize/plain-text.ts";

const LENGTHS: readonly string[] = ["short", "medium", "long"] satisfies SummaryLength[];

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { sentences: { type: "string" }, length: { type: "string" } },
  });
  const [articlesDir, outDir] = positionals;
  if (articlesDir === undefined || outDir === undefined || positionals.length !== 2) {
    fail("usage: eval-summaries ARTICLES_DIR OUT_DIR [--sentences N | --length short|medium|long]");
  }
  const options = summaryOptions(values.sentences, values.length);
  if (!existsSync(articlesDir)) fail(`no such articles folder: ${articlesDir}`);
  mkdirSync(outDir, { recursive: true });
  const files = readdirSync(articlesDir)
    .filter((name) => name.endsWith(".txt"))
    .sort();
  for (const file of files) {
    const article = articleFromPlainText(file, readFileSync(join(articlesDir, file), "utf8"));
    const summary = summarizeArticle(article, options);
    const lines = summary.sentences.map((sentence) => sentence.text.replace(/\s+/g, " "));
    writeFileSync(join(outDir, file), `${lines.join("\n")}\n`);
  }
  process.stderr.write(`summarised ${files.length} articles into ${outDir}\n`);
}

function summaryOptions(sentences: string | undefined, length: string | undefined): SummaryOptions {
  if (sentences !== undefined) {
    const count = Number(sentences);
    if (!Number.isInteger(count) || count < 1)
      fail(`--sentences must be a positive integer, not ${sentences}`);
    return { sentences: count };
  }
  if (length === undefined) return {};
  if (!LENGTHS.includes(length)) fail(`--length must be short, medium or long, not ${length}`);
  return { length: length as SummaryLength };
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

main();
