/**
 * Builds a wire-style quote set in the gold format of ../shared/eval/quotes/score.py from our labels
 * (labels-*.jsonl: corpus ids, offsets and speakers, no article text) and the corpus they point into, which
 * stays in ../shared under its research-only terms:
 *
 *   npm run --silent eval:wire-gold -- OUT.jsonl [--labels eval/quotes/wire-dev] [--corpus ../shared/corpus/news.jsonl]
 *
 * eval/quotes/wire-dev is the set the rules were developed on; eval/quotes/wire-check was labelled later and
 * is only scored, never tuned on, as a check of how the rules do on articles nobody looked at while writing them.
 *
 * Offsets count Unicode code points of the corpus `body` (the document text). "direct" labels become gold
 * quotes, "partial" ones the scorer's neutral mixed quotes (as in the PolNeAR sets), "ignore" ones its
 * neutral ignore spans. Exits 2 when the corpus is missing or a label does not fit its article.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";

const DEFAULT_LABELS_DIR = "eval/quotes/wire-dev";

const Label = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  kind: z.enum(["direct", "partial", "ignore"]),
  speaker: z.string().nullable().optional(),
  speaker_mention: z.string().nullable().optional(),
  speaker_type: z.enum(["person", "org", "unnamed"]).nullable().optional(),
});
const LabelledArticle = z.object({ id: z.string(), quotes: z.array(Label) });
const CorpusLine = z.object({ id: z.string(), body: z.string() });

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      corpus: { type: "string", default: "../shared/corpus/news.jsonl" },
      labels: { type: "string", default: DEFAULT_LABELS_DIR },
    },
  });
  const [outPath] = positionals;
  if (outPath === undefined) fail("usage: eval:wire-gold OUT.jsonl [--labels DIR] [--corpus FILE]");
  if (!existsSync(values.corpus)) fail(`no corpus at ${values.corpus}: the wire set needs it`);
  const labelsDir = values.labels;
  const split = basename(labelsDir);
  const labelled = readdirSync(labelsDir)
    .filter((name) => /^labels-.*\.jsonl$/.test(name))
    .sort()
    .flatMap((name) => jsonLines(join(labelsDir, name)).map((value) => LabelledArticle.parse(value)));
  const wanted = new Set(labelled.map((article) => article.id));
  const bodies = new Map<string, string>();
  for (const value of jsonLines(values.corpus)) {
    const line = CorpusLine.safeParse(value);
    if (line.success && wanted.has(line.data.id)) bodies.set(line.data.id, line.data.body);
  }
  const out = labelled.map((article) => goldDocument(article, bodies.get(article.id), split));
  writeFileSync(outPath, out.map((document) => JSON.stringify(document)).join("\n") + "\n");
  const count = (kind: string) => labelled.flatMap((a) => a.quotes).filter((q) => q.kind === kind).length;
  process.stderr.write(
    `${out.length} articles: ${count("direct")} direct quotes, ${count("partial")} partial, ${count("ignore")} ignored, in ${outPath}\n`,
  );
}

function goldDocument(article: z.infer<typeof LabelledArticle>, body: string | undefined, split: string) {
  if (body === undefined) fail(`${article.id}: not in the corpus`);
  const points = Array.from(body);
  const slice = (start: number, end: number): string => {
    if (end > points.length || start >= end)
      fail(`${article.id}: span ${start}-${end} does not fit the body`);
    return points.slice(start, end).join("");
  };
  const entry = (label: z.infer<typeof Label>) => ({
    quote: slice(label.start, label.end),
    speaker: label.speaker ?? null,
    start: label.start,
    end: label.end,
    speaker_mention: label.speaker_mention ?? null,
    speaker_type: label.speaker_type ?? null,
    speaker_resolution: "manual",
  });
  const of = (kind: string) => article.quotes.filter((label) => label.kind === kind);
  return {
    id: article.id,
    split,
    text: body,
    quotes: of("direct").map(entry),
    mixed_quotes: of("partial").map(entry),
    ignore_spans: of("ignore").map((label) => ({ text: slice(label.start, label.end) })),
  };
}

function jsonLines(path: string): unknown[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as unknown);
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

main();
