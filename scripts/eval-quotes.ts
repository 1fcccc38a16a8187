/**
 * Runs quote extraction over a JSON Lines file of documents ({"id", "text", ...}) and prints one JSON
 * line per document: {"id", "quotes": [{"quote", "speaker", "partial"}]}, the format that
 * ../shared/eval/quotes/score.py reads. A quote over several paragraphs is printed one paragraph at a
 * time, as the gold marks them.
 *
 * Usage: npm run --silent eval:quotes -- FILE.jsonl
 */
import { readFileSync } from "node:fs";
import { extractQuotes } from "../src/core/quotes/extract.ts";

interface Document {
  id: string;
  text: string;
}

function isDocument(value: unknown): value is Document {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.id === "string" && typeof record.text === "string";
}

function main(path: string | undefined): number {
  if (path === undefined) {
    process.stderr.write("usage: eval-quotes FILE.jsonl\n");
    return 2;
  }
  const lines = readFileSync(path, "utf8").split("\n");
  const out: string[] = [];
  lines.forEach((line, index) => {
    if (line.trim().length === 0) return;
    const parsed: unknown = JSON.parse(line);
    if (!isDocument(parsed)) {
      process.stderr.write(`${path}:${index + 1}: not a {"id","text"} document, skipped\n`);
      return;
    }
    const quotes = extractQuotes(parsed.text).flatMap((quote) =>
      quote.segments.map((segment) => ({
        quote: segment.text,
        speaker: quote.speaker?.name ?? null,
        partial: quote.kind === "partial",
      })),
    );
    out.push(JSON.stringify({ id: parsed.id, quotes }));
  });
  process.stdout.write(out.join("\n") + "\n");
  return 0;
}

process.exitCode = main(process.argv[2]);
