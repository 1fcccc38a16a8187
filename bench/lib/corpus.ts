import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Article } from "../../src/core/articles.ts";

/** One line of ../shared/corpus/news.jsonl. */
export interface CorpusRecord {
  id: string;
  source: string;
  title: string;
  date: string | null;
  topics: string[];
  dup_of: string | null;
  body: string;
}

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** Research-only data beside the repo; read at bench time, never copied in. */
export const CORPUS_PATH = resolve(REPO_ROOT, "../shared/corpus/news.jsonl");

export function corpusAvailable(): boolean {
  return existsSync(CORPUS_PATH);
}

export function readCorpus(): CorpusRecord[] {
  return readFileSync(CORPUS_PATH, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as CorpusRecord);
}

const TITLE_VARIANTS = [
  "UPDATE 1-",
  "UPDATE 2-",
  "ANALYSIS-",
  "REFILE-",
  "WRAPUP-",
  "CORRECTED-",
  "FACTBOX-",
];

/**
 * `count` records built from the corpus: the originals, then copies with new ids, a varied title, the
 * paragraphs rotated and every number changed, so that copies are neither exact duplicates nor new vocabulary
 * beyond numbers.
 */
export function deriveRecords(records: readonly CorpusRecord[], count: number): CorpusRecord[] {
  return [...deriveRecordsLazily(records, count)];
}

/** `deriveRecords`, one record at a time: for sets too large to hold (bench/scale.ts). */
export function* deriveRecordsLazily(
  records: readonly CorpusRecord[],
  count: number,
): Generator<CorpusRecord> {
  // Known duplicates would stay duplicates in every copy and be dropped by dedupe, leaving fewer than `count`.
  const originals = records.filter((record) => record.dup_of === null);
  let made = 0;
  for (let copy = 0; made < count; copy++) {
    for (const record of originals) {
      if (made >= count) break;
      made++;
      if (copy === 0) {
        yield record;
        continue;
      }
      const paragraphs = record.body.split(/\n{2,}/);
      const shift = copy % paragraphs.length;
      const rotated = [...paragraphs.slice(shift), ...paragraphs.slice(0, shift)].join("\n\n");
      yield {
        ...record,
        id: `${record.id}~${copy}`,
        title: `${TITLE_VARIANTS[(copy - 1) % TITLE_VARIANTS.length] ?? ""}${record.title}`,
        dup_of: null,
        body: rotated.replace(/\d+/g, (digits) => String(Number(digits) + copy)),
      };
    }
  }
}

/** The article the ingest pipeline would make of a record; used where the bench measures search alone. */
export function recordToArticle(record: CorpusRecord, file = "news.jsonl", line = 1): Article {
  return {
    id: record.id,
    title: record.title,
    highlights: [],
    paragraphs: record.body.split(/\n{2,}/).filter((paragraph) => paragraph.trim() !== ""),
    headings: [],
    ...(record.date !== null && { publishedAt: `${record.date}Z` }),
    source: record.source,
    topics: record.topics,
    origin: { file, offset: 0, line },
  };
}
