import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import type { Article } from "../../src/core/articles.ts";
import { dedupeArticles, parseFile } from "../../src/core/ingest/index.ts";
import { CORPUS_PATH, deriveRecords, readCorpus } from "./corpus.ts";
import type { CorpusRecord } from "./corpus.ts";

/** The bench's article sets, built once and shared by the groups. */
export interface BenchDataset {
  /** The corpus as the library would index it: parsed by the ingest code, duplicates dropped (21k). */
  corpusArticles: Article[];
  /** 100k records derived from the corpus, written as .jsonl files to a temporary folder. */
  large: { records: CorpusRecord[]; dir: string; files: { path: string; bytes: number }[] };
  cleanup(): void;
}

export const LARGE_SET_SIZE = 100_000;
const FILES_IN_LARGE_SET = 20;

export function loadDataset(): BenchDataset {
  const corpus = readCorpus();
  const records = deriveRecords(corpus, LARGE_SET_SIZE);
  const dir = mkdtempSync(join(tmpdir(), "newsdesk-bench-"));
  const perFile = Math.ceil(records.length / FILES_IN_LARGE_SET);
  const files: { path: string; bytes: number }[] = [];
  for (let i = 0; i * perFile < records.length; i++) {
    const path = `part-${String(i).padStart(2, "0")}.jsonl`;
    const lines = records.slice(i * perFile, (i + 1) * perFile).map((record) => JSON.stringify(record));
    writeFileSync(join(dir, path), `${lines.join("\n")}\n`);
    files.push({ path, bytes: statSync(join(dir, path)).size });
  }
  return {
    corpusArticles: parseCorpusFile(),
    large: { records, dir, files },
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function parseCorpusFile(): Article[] {
  const bytes = readFileSync(CORPUS_PATH);
  const parsed = parseFile(
    { path: "news.jsonl", bytes, modifiedAt: new Date(statSync(CORPUS_PATH).mtimeMs) },
    { maxFileBytes: Number.MAX_SAFE_INTEGER },
  );
  return dedupeArticles(parsed.articles).kept;
}
