import { z } from "zod";
import { defineCommand } from "../src/app/command.ts";
import { dateOptionText, resolveDateRange } from "../src/app/options.ts";
import { UserError } from "../src/core/errors.ts";
import { quoteTyped } from "../src/core/text/typed-words.ts";
import { articleMetaLine, escapeMarkdown, type ReplyPage } from "../src/core/reply.ts";
import type { LibrarySearchResult } from "../src/app/library.ts";

const RESULTS_PER_PAGE = 5;
const MAX_RESULTS = 50;

export const search = defineCommand({
  definition: {
    name: "search",
    description: "Search the news articles",
    options: [
      {
        name: "query",
        description: "Words to look for; typos and partial words are fine",
        type: "string",
        required: true,
        maxLength: 200,
      },
      {
        name: "since",
        description: "Only articles from this date on (2025-12-01, yesterday, 3d)",
        type: "string",
      },
      { name: "until", description: "Only articles up to this date (2025-12-31, today)", type: "string" },
      { name: "source", description: "Only articles from this outlet", type: "string", autocomplete: true },
    ],
  },
  input: z.object({
    query: z.string().trim().min(1, { error: "type something to search for" }).max(200),
    since: dateOptionText.optional(),
    until: dateOptionText.optional(),
    source: z.string().trim().min(1).max(100).optional(),
  }),
  run(input, ctx) {
    const { app } = ctx;
    const range = resolveDateRange(input, app.clock.now());
    const sources = app.library.sources();
    const source = input.source === undefined ? undefined : findSource(input.source, sources);
    const filters = { ...range, ...(source ? { source } : {}), guildId: ctx.guildId };
    const results = app.library.search(input.query, filters, MAX_RESULTS);
    if (results.length === 0) {
      const filtered = input.since !== undefined || input.until !== undefined || source !== undefined;
      throw nothingFound(input.query, filtered, app.library.suggest(input.query));
    }

    const pageCount = Math.ceil(results.length / RESULTS_PER_PAGE);
    const pages = Array.from({ length: pageCount }, (_, pageIndex): ReplyPage => {
      const first = pageIndex * RESULTS_PER_PAGE;
      return {
        title: `Search: ${escapeMarkdown(input.query)}`,
        description: describeMatches(results.length),
        fields: results
          .slice(first, first + RESULTS_PER_PAGE)
          .map((result, i) => resultField(result, first + i)),
      };
    });
    return { pages: pages as [ReplyPage, ...ReplyPage[]] };
  },
  autocomplete(_option, typed, { app }) {
    const prefix = typed.trim().toLowerCase();
    return app.library
      .sources()
      .filter((source) => source.toLowerCase().startsWith(prefix))
      .slice(0, 25)
      .map((source) => ({ name: source, value: source }));
  },
});

function resultField(result: LibrarySearchResult, position: number) {
  const { article, snippet } = result;
  return {
    name: `${position + 1}. ${escapeMarkdown(article.title)}`,
    value: `${articleMetaLine(article)}\n${snippet}`,
  };
}

function describeMatches(count: number): string {
  if (count >= MAX_RESULTS) return `The ${MAX_RESULTS} best matches, best first.`;
  return count === 1 ? "1 article matches." : `${count} articles match, best first.`;
}

function findSource(typed: string, sources: readonly string[]): string {
  const found = sources.find((source) => source.toLowerCase() === typed.toLowerCase());
  if (found) return found;
  throw new UserError(
    "bad-option",
    `No source named “${typed}”. Sources: ${sources.join(", ") || "none yet"}.`,
  );
}

function nothingFound(query: string, filtered: boolean, suggestions: readonly string[]): UserError {
  const scope = filtered ? " with these filters" : "";
  const hint = suggestions.length > 0 ? ` Did you mean: ${suggestions.map((s) => `“${s}”`).join(", ")}?` : "";
  return new UserError("not-found", `No articles match ${quoteTyped(escapeMarkdown(query))}${scope}.${hint}`);
}
