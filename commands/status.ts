import { z } from "zod";
import { defineCommand } from "../src/app/command.ts";
import type { Article } from "../src/core/articles.ts";
import { formatDay } from "../src/core/dates.ts";
import type { IngestWarning } from "../src/core/ingest/types.ts";
import { escapeMarkdown, type ReplyField, type ReplyPage } from "../src/core/reply.ts";
import { cutAtWord } from "../src/core/text/cut.ts";
import { plural } from "../src/core/text/plural.ts";

const PROBLEMS_PER_PAGE = 10;
/** Discord allows 1,024 characters in a field's value. */
const PROBLEM_LENGTH = 300;

/**
 * What the bot knows and what it could not read: the articles a server sees (how many, from when to when,
 * from which outlets), the feeds, and every file of the articles folder that was skipped, with the reason.
 */
export const status = defineCommand({
  definition: {
    name: "status",
    description: "What Newsdesk has indexed, and the article files it could not read",
    options: [],
  },
  input: z.object({}),
  async run(_input, ctx) {
    const { library, feeds } = ctx.app;
    const visible = [...library.articlesFor(ctx.guildId)];
    const problems = library.problems();
    const feedCount = (await feeds?.list(ctx.guildId))?.length ?? 0;
    const summary: ReplyPage = {
      title: "Newsdesk status",
      description: [
        `${plural(visible.length, "article")} from ${plural(sourcesOf(visible).length, "source")}${coveredSpan(library.dateSpan(ctx.guildId))}.`,
        `${plural(feedCount, "feed")} followed (\`/feeds list\`).`,
        problems.length === 0
          ? "Every article file was read."
          : `${plural(skippedFiles(problems), "file")} with problems, listed below.`,
      ].join("\n"),
    };
    if (problems.length === 0) return { pages: [summary], ephemeral: true };
    const [first = [], ...rest] = chunks(problems.map(problemField), PROBLEMS_PER_PAGE);
    return {
      pages: [
        { ...summary, fields: first },
        ...rest.map((fields) => ({ title: "Newsdesk status: problems", fields })),
      ],
      ephemeral: true,
    };
  },
});

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

function sourcesOf(articles: readonly Article[]): string[] {
  return [...new Set(articles.map((article) => article.source))];
}

/** ", from 2025-12-03 to 2025-12-05", from the dated articles; nothing when none is dated. */
function coveredSpan(span: { first: number; last: number } | undefined): string {
  if (span === undefined) return "";
  const [first, last] = [
    formatDay(new Date(span.first).toISOString()),
    formatDay(new Date(span.last).toISOString()),
  ];
  return first === last ? `, all from ${first}` : `, from ${first} to ${last}`;
}

function skippedFiles(problems: readonly IngestWarning[]): number {
  return new Set(problems.map((problem) => problem.file)).size;
}

function problemField(problem: IngestWarning): ReplyField {
  const where = problem.line === undefined ? problem.file : `${problem.file}, line ${String(problem.line)}`;
  return { name: escapeMarkdown(where), value: escapeMarkdown(cutAtWord(problem.reason, PROBLEM_LENGTH)) };
}
