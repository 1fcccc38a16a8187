import { z } from "zod";
import { defineCommand, type Choice, type CommandContext } from "../src/app/command.ts";
import { dateOptionText, resolveDateRange } from "../src/app/options.ts";
import type { QuoteHit } from "../src/app/quotes.ts";
import { renderLineChart } from "../src/charts/line-chart.ts";
import { UserError } from "../src/core/errors.ts";
import {
  articleMetaLine,
  escapeMarkdown,
  type ReplyField,
  type ReplyPage,
  type Reply,
} from "../src/core/reply.ts";
import { cutAtWord } from "../src/core/text/cut.ts";
import {
  bucketLabels,
  counted,
  longDay,
  seriesInWords,
  seriesNumbers,
  sparklineText,
  thousands,
  windowSpan,
  type Nouns,
} from "../src/core/trends/describe.ts";
import {
  DAY_MS,
  countByBucket,
  resolveWindow,
  summarize,
  type TrendSeries,
  type TrendWindow,
} from "../src/core/trends/series.ts";
import { tellingQuotes } from "../src/core/trends/telling-quotes.ts";
import { findSpeaker, quoteText, speakerAsNamed, speakerChoices } from "./quotes.ts";

const MAX_TERMS = 3;
const TOLD_QUOTES = 3;
const FIELD_NAME_LENGTH = 200;
const CHART_FILE = "trends.png";
const ARTICLES: Nouns = { one: "article", many: "articles" };
const QUOTES: Nouns = { one: "quote", many: "quotes" };

export const trends = defineCommand({
  definition: {
    name: "trends",
    description: "A chart of how often terms come up in the news, or how often someone is quoted",
    options: [
      {
        name: "query",
        description: 'Up to three terms, separated by commas (putin, zelensky, "peace talks")',
        type: "string",
        maxLength: 200,
      },
      {
        name: "speaker",
        description: "Chart a person's or body's quotes instead",
        type: "string",
        autocomplete: true,
        maxLength: 100,
      },
      {
        name: "since",
        description: "From this date on (2025-12-01, 3d, 2w); default the last 30 days",
        type: "string",
      },
      { name: "until", description: "Up to this date (2025-12-31, today)", type: "string" },
      {
        name: "by",
        description: "One point a day or a week (default: day, week for ranges over 92 days)",
        type: "string",
        choices: [
          { name: "day", value: "day" },
          { name: "week", value: "week" },
        ],
      },
    ],
  },
  input: z
    .object({
      query: z.string().trim().min(1, { error: "type a term to chart" }).max(200).optional(),
      speaker: z.string().trim().min(1, { error: "name a speaker" }).max(100).optional(),
      since: dateOptionText.optional(),
      until: dateOptionText.optional(),
      by: z.enum(["day", "week"], { error: "expected day or week" }).optional(),
    })
    .refine((input) => (input.query === undefined) !== (input.speaker === undefined), {
      error: "give either `query` (terms to chart) or `speaker` (whose quotes to chart)",
    }),
  async run(input, ctx) {
    const range = resolveDateRange(input, ctx.app.clock.now());
    const covered = ctx.app.library.dateSpan(ctx.guildId);
    const window = resolveWindow({ ...range, by: input.by, now: ctx.app.clock.now(), covered });
    const chart =
      input.speaker === undefined
        ? termTrends(splitTerms(input.query ?? ""), window, ctx)
        : speakerTrend(input.speaker, window, ctx);
    // Counting is done. Drawing takes tens of milliseconds of CPU, so the event loop gets a turn first: an
    // answer that is late already (a queue of commands) is deferred on Discord before the drawing holds it up.
    await new Promise((resolve) => setTimeout(resolve, 0));
    return chart.draw();
  },
  autocomplete(option, typed, { app, guildId }): Choice[] {
    return option === "speaker" ? speakerChoices(app.quotes, typed, guildId) : [];
  },
});

/**
 * The terms of a query: split at commas outside quotes, blank and repeated terms dropped. Each term is a
 * search of its own, with words, typos and "quoted phrases" as `/search` takes them.
 */
export function splitTerms(query: string): string[] {
  const terms: string[] = [];
  let current = "";
  let quoted = false;
  for (const char of query) {
    if (char === '"' || char === "“" || char === "”") quoted = !quoted;
    if (char === "," && !quoted) {
      terms.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  terms.push(current);
  const seen = new Set<string>();
  const kept = terms
    .map((term) => term.trim().replace(/\s+/g, " "))
    .filter((term) => {
      const key = term.toLowerCase();
      if (term === "" || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  if (kept.length === 0) throw new UserError("bad-option", "`query`: type a term to chart.");
  if (kept.length > MAX_TERMS) {
    throw new UserError(
      "bad-option",
      `\`query\`: at most ${MAX_TERMS} terms a chart, separated by commas; got ${kept.length}.`,
    );
  }
  return kept;
}

/** A trend counted and put in words, whose chart is drawn when asked. */
interface CountedTrend {
  draw(): Reply;
}

function termTrends(terms: readonly string[], window: TrendWindow, ctx: CommandContext): CountedTrend {
  const { library } = ctx.app;
  const filters = { since: new Date(window.start), until: new Date(window.end - 1), guildId: ctx.guildId };
  const series: TrendSeries[] = terms.map((term) => ({
    label: term,
    counts: countByBucket(library.matchTimes(term, filters), window),
  }));
  if (series.every((line) => summarize(line.counts).peak === undefined)) {
    const suggestions = [...new Set(terms.flatMap((term) => library.suggest(term)))].slice(0, 3);
    const hint =
      suggestions.length > 0 ? ` Did you mean: ${suggestions.map((s) => `“${s}”`).join(", ")}?` : "";
    throw new UserError(
      "not-found",
      `No articles match ${orList(terms.map((term) => `“${escapeMarkdown(term)}”`))} ${inWindow(window)}.${hint}`,
    );
  }
  const per = window.by;
  const lines = series.map(
    (line) => `**${escapeMarkdown(line.label)}**: ${seriesInWords(line, window, ARTICLES)}.`,
  );
  const description = [`Articles a ${per} matching each term, ${windowSpan(window)} (UTC).`, ...lines].join(
    "\n",
  );
  const alt = [
    `Line chart of articles per ${per}, ${windowSpan(window)}.`,
    ...series.map((line) => `${line.label}: ${seriesInWords(line, window, ARTICLES)}.`),
  ].join(" ");
  const words: ChartWords = {
    title: `Articles per ${per}`,
    note: (line) => `(${thousands(summarize(line.counts).total)})`,
  };
  const page: ReplyPage = {
    title: `Trends: ${escapeMarkdown(terms.join(", "))}`,
    description,
    footer: "Counted with the same matching as /search · UTC days",
  };
  return { draw: () => ({ pages: [{ ...page, image: chartImage(words, series, window, alt) }] }) };
}

function speakerTrend(typed: string, window: TrendWindow, ctx: CommandContext): CountedTrend {
  const { service, speaker, namesakes } = findSpeaker(ctx.app.quotes, typed, ctx.guildId);
  const hits = service
    .quotesOf(speaker.id, { guildId: ctx.guildId, since: new Date(window.start) })
    .map((hit) => ({ ...hit, time: Date.parse(hit.article.publishedAt ?? "") }))
    .filter((hit) => hit.time < window.end);
  const name = escapeMarkdown(speaker.name);
  if (hits.length === 0) {
    throw new UserError("not-found", `No quotes of ${name} ${inWindow(window)}.`);
  }
  const times = hits.map((hit) => hit.time);
  const series: TrendSeries = { label: speaker.name, counts: countByBucket(times, window) };

  // The quotes shown are those of the busiest day, also when the chart is by week.
  const busiest = summarize(countByBucket(times, { ...window, by: "day" })).peak?.index ?? 0;
  const day = window.start + busiest * DAY_MS;
  const ofDay = hits.filter((hit) => hit.time >= day && hit.time < day + DAY_MS);
  const told = tellingQuotes(
    ofDay.map((hit) => ({ ...hit, title: hit.article.title })),
    TOLD_QUOTES,
  );

  const per = window.by;
  const inWords = seriesInWords(series, window, QUOTES);
  const others =
    namesakes.length > 0
      ? ` Others go by this name too: ${namesakes.map((entry) => escapeMarkdown(entry.name)).join(", ")}.`
      : "";
  const shown = told.length === 1 ? "The most telling quote" : `The ${told.length} most telling quotes`;
  const description = [
    `Quotes a ${per} of **${name}**, ${windowSpan(window)} (UTC): ${inWords}.${others}`,
    `${shown} of the busiest day, ${longDay(day)}:`,
  ].join("\n");
  const alt = `Line chart of quotes per ${per} of ${speaker.name}, ${windowSpan(window)}: ${inWords}.`;
  const words: ChartWords = {
    title: `Quotes per ${per}: ${speaker.name}`,
    note: (line) => `(${counted(summarize(line.counts).total, "quote", "quotes")})`,
  };
  const page: ReplyPage = {
    title: `Trends: quotes of ${name}`,
    description,
    fields: told.map((hit, i) => quoteField(hit, i)),
    footer: "UTC days",
  };
  return { draw: () => ({ pages: [{ ...page, image: chartImage(words, [series], window, alt) }] }) };
}

interface ChartWords {
  title: string;
  /** After each line's name in the legend: its total. */
  note: (series: TrendSeries) => string;
}

function chartImage(words: ChartWords, series: readonly TrendSeries[], window: TrendWindow, alt: string) {
  const chart = renderLineChart({
    title: words.title,
    subtitle: `${windowSpan(window)} · UTC ${window.by === "day" ? "days" : "weeks from Monday"}`,
    labels: bucketLabels(window),
    series: series.map((line) => ({ name: line.label, note: words.note(line), values: line.counts })),
  });
  return {
    fileName: CHART_FILE,
    png: chart.png,
    width: chart.width,
    height: chart.height,
    alt,
    text: sparklineText(series, window),
    data: {
      by: window.by,
      since: new Date(window.start).toISOString().slice(0, 10),
      until: new Date(window.end - 1).toISOString().slice(0, 10),
      series: series.map((line) => seriesNumbers(line, window)),
    },
  };
}

function quoteField(hit: QuoteHit, position: number): ReplyField {
  return {
    name: cutAtWord(`${position + 1}. ${escapeMarkdown(hit.article.title)}`, FIELD_NAME_LENGTH),
    value: `${quoteText(hit.quote)}\n— ${escapeMarkdown(speakerAsNamed(hit.quote))}\n${articleMetaLine(hit.article)}`,
  };
}

/** `between 6 Nov and 5 Dec 2025`, or `on 6 Nov 2025` for one day. */
function inWindow(window: TrendWindow): string {
  const last = window.end - DAY_MS;
  if (last === window.start) return `on ${longDay(window.start)}`;
  return `between ${longDay(window.start)} and ${longDay(last)}`;
}

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1) ?? ""}`;
}
