/**
 * Summarises every <id>.txt of an articles folder (title on the first line, a blank line, then paragraphs
 * separated by blank lines) into OUT_DIR/<id>.txt, one sentence a line, for scoring with ROUGE:
 *
 *   npm run --silent eval:summaries -- ARTICLES_DIR OUT_DIR [--sentences N | --length short|medium|long]
 *
 * LEAD-N, the article's first N usable sentences (the baseline a summarizer must beat on news), goes to
 * OUT_DIR/lead beside them. With a references folder (--refs, by default ARTICLES_DIR/../refs) and the shared
 * scorer (--rouge, by default ARTICLES_DIR/../../rouge.py) both are scored and printed, one line each.
 *
 * A second check, for lead-heavy news whose references are short human-written highlights: the headline
 * proxy. Every article of one source in a corpus .jsonl ({"id","source","title","body",...}) with at least
 * --min-sentences body sentences is summarised into OUT_DIR/pred/<id>.txt and its title, written by an editor
 * from the lead, becomes the reference OUT_DIR/refs/<id>.txt:
 *
 *   npm run --silent eval:summaries -- --headlines CORPUS.jsonl OUT_DIR [--source NAME] [--min-sentences N]
 *
 * `--lead` writes the article's first sentences instead of the summary (the LEAD-N baseline) in either mode.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Article } from "../src/core/articles.ts";
import { summarizeArticle } from "../src/core/summarize/article.ts";
import { articleSentences } from "../src/core/summarize/candidates.ts";
import type { SummaryLength, SummaryOptions } from "../src/core/summarize/length.ts";
import { sentenceBudget } from "../src/core/summarize/length.ts";
import { articleFromPlainText } from "../src/core/summarize/plain-text.ts";

const LENGTHS: readonly string[] = ["short", "medium", "long"] satisfies SummaryLength[];
const USAGE = [
  "usage: eval-summaries ARTICLES_DIR OUT_DIR [--sentences N | --length short|medium|long] [--lead]",
  "                      [--refs REFS_DIR] [--rouge rouge.py]",
  "       eval-summaries --headlines CORPUS.jsonl OUT_DIR [--source NAME] [--min-sentences N] [--lead]",
].join("\n");

type Summarizer = (article: Article) => string[];

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      sentences: { type: "string" },
      length: { type: "string" },
      lead: { type: "boolean" },
      headlines: { type: "string" },
      source: { type: "string" },
      "min-sentences": { type: "string" },
      refs: { type: "string" },
      rouge: { type: "string" },
    },
  });
  const options = summaryOptions(values.sentences, values.length);
  const summarize: Summarizer = values.lead === true ? leadSentences(options) : summarySentences(options);
  if (values.headlines !== undefined) {
    const [outDir] = positionals;
    if (outDir === undefined || positionals.length !== 1) fail(USAGE);
    const minSentences = positiveInteger(values["min-sentences"] ?? "6", "--min-sentences");
    headlineProxy(values.headlines, outDir, values.source ?? "reuters21578", minSentences, summarize);
    return;
  }
  const [articlesDir, outDir] = positionals;
  if (articlesDir === undefined || outDir === undefined || positionals.length !== 2) fail(USAGE);
  if (!existsSync(articlesDir)) fail(`no such articles folder: ${articlesDir}`);
  mkdirSync(outDir, { recursive: true });
  const files = readdirSync(articlesDir)
    .filter((name) => name.endsWith(".txt"))
    .sort();
  // Beside the summaries, LEAD-N (the article's first N sentences) in OUT_DIR/lead, so every run shows the gap.
  const leadDir = join(outDir, "lead");
  const lead = values.lead === true ? undefined : leadSentences(options);
  if (lead !== undefined) mkdirSync(leadDir, { recursive: true });
  for (const file of files) {
    const article = articleFromPlainText(file, readFileSync(join(articlesDir, file), "utf8"));
    writeLines(join(outDir, file), summarize(article));
    if (lead !== undefined) writeLines(join(leadDir, file), lead(article));
  }
  process.stderr.write(`summarised ${files.length} articles into ${outDir}\n`);
  const refsDir = values.refs ?? join(articlesDir, "..", "refs");
  const rouge = values.rouge ?? join(articlesDir, "..", "..", "rouge.py");
  if (!existsSync(refsDir) || !existsSync(rouge)) {
    process.stderr.write(`no references or rouge.py found (--refs, --rouge): scored nothing\n`);
    return;
  }
  const label = values.lead === true ? `LEAD-${sentenceBudget(options).min}` : "summarizer";
  printScore(label, rouge, outDir, refsDir);
  if (lead !== undefined) printScore(`LEAD-${sentenceBudget(options).min}`, rouge, leadDir, refsDir);
}

/** Scores one folder with the shared ROUGE script and prints its summary line under `label`. */
function printScore(label: string, rouge: string, predDir: string, refsDir: string): void {
  const result = spawnSync("python3", [rouge, predDir, refsDir], { encoding: "utf8" });
  const line = result.stdout.trim().split("\n").at(-1) ?? "";
  if (result.status !== 0 || line === "") fail(`rouge.py failed on ${predDir}: ${result.stderr.trim()}`);
  process.stdout.write(`${label.padEnd(11)} ${line}\n`);
}

interface CorpusLine {
  id: string;
  source: string;
  title: string;
  body: string;
  dup_of?: string | null;
}

function headlineProxy(
  corpusPath: string,
  outDir: string,
  source: string,
  minSentences: number,
  summarize: Summarizer,
): void {
  if (!existsSync(corpusPath)) fail(`no such corpus file: ${corpusPath}`);
  const predDir = join(outDir, "pred");
  const refsDir = join(outDir, "refs");
  mkdirSync(predDir, { recursive: true });
  mkdirSync(refsDir, { recursive: true });
  let written = 0;
  for (const line of readFileSync(corpusPath, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    const record = JSON.parse(line) as CorpusLine;
    if (record.source !== source || (record.dup_of ?? null) !== null) continue;
    const article = articleFromPlainText(`${record.id}.txt`, `${record.title}\n\n${record.body}`);
    const usable = articleSentences(article).filter((sentence) => sentence.eligible).length;
    if (usable < minSentences) continue;
    const file = `${safeFileName(record.id)}.txt`;
    writeLines(join(predDir, file), summarize(article));
    writeLines(join(refsDir, file), [record.title]);
    written++;
  }
  process.stderr.write(`summarised ${written} ${source} articles into ${predDir}, titles in ${refsDir}\n`);
}

function summarySentences(options: SummaryOptions): Summarizer {
  return (article) => summarizeArticle(article, options).sentences.map((sentence) => sentence.text);
}

/**
 * LEAD-N: the article's first N sentences as the summarizer splits them, without what it never shows
 * (datelines, bylines, captions, fragments), so that the baseline is the strongest honest one.
 */
function leadSentences(options: SummaryOptions): Summarizer {
  const count = sentenceBudget(options).min;
  return (article) =>
    articleSentences(article)
      .filter((sentence) => sentence.eligible)
      .slice(0, count)
      .map((sentence) => sentence.text);
}

function writeLines(path: string, sentences: readonly string[]): void {
  const lines = sentences.map((sentence) => sentence.replace(/\s+/g, " "));
  writeFileSync(path, `${lines.join("\n")}\n`);
}

function safeFileName(id: string): string {
  return id.replace(/[^\w.-]+/g, "_");
}

function summaryOptions(sentences: string | undefined, length: string | undefined): SummaryOptions {
  if (sentences !== undefined) return { sentences: positiveInteger(sentences, "--sentences") };
  if (length === undefined) return {};
  if (!LENGTHS.includes(length)) fail(`--length must be short, medium or long, not ${length}`);
  return { length: length as SummaryLength };
}

function positiveInteger(text: string, option: string): number {
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1) fail(`${option} must be a positive integer, not ${text}`);
  return count;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

main();
