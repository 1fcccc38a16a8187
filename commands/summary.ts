import { z } from "zod";
import { defineCommand } from "../src/app/command.ts";
import { dateOptionText, resolveDateRange } from "../src/app/options.ts";
import type { SummaryLibrary } from "../src/app/summaries.ts";
import {
  articleQuote,
  articleSummary,
  resolveArticle,
  titleChoices,
  topicSummary,
} from "../src/app/summaries.ts";
import type { Article } from "../src/core/articles.ts";
import { formatDay } from "../src/core/dates.ts";
import { UserError } from "../src/core/errors.ts";
import { spokenWords } from "../src/core/quotes/display.ts";
import type { Quote } from "../src/core/quotes/types.ts";
import {
  articleMetaLine,
  escapeMarkdown,
  singlePage,
  type Reply,
  type ReplyField,
} from "../src/core/reply.ts";
import { cutAtWord } from "../src/core/text/cut.ts";
import { quoteTyped } from "../src/core/text/typed-words.ts";
import type { SummaryLength } from "../src/core/summarize/length.ts";

const LENGTHS = ["short", "medium", "long"] as const satisfies readonly SummaryLength[];
/** Discord embed limits: description, title, field name and field value. */
const DESCRIPTION_CHARS = 4096;
const TITLE_CHARS = 256;
const FIELD_NAME_CHARS = 256;
const FIELD_VALUE_CHARS = 1024;
const QUOTE_CHARS = 900;

export const summary = defineCommand({
  definition: {
    name: "summary",
    description: "The gist of an article, or of a topic across articles",
    options: [
      {
        name: "article",
        description: "The article to summarise (start typing its title)",
        type: "string",
        autocomplete: true,
        maxLength: 200,
      },
      {
        name: "topic",
        description: "Or a topic to summarise across the best matching articles",
        type: "string",
        maxLength: 200,
      },
      {
        name: "since",
        description: "With a topic: only articles from this date on (2025-12-01, yesterday, 3d)",
        type: "string",
      },
      {
        name: "length",
        description: "Short (1-2 sentences), medium (3) or long (5-6)",
        type: "string",
        choices: LENGTHS.map((length) => ({ name: length, value: length })),
      },
    ],
  },
  input: z.object({
    article: z
      .string()
      .trim()
      .min(1, { error: "name an article, or leave the option out" })
      .max(200)
      .optional(),
    topic: z.string().trim().min(1, { error: "type a topic to summarise" }).max(200).optional(),
    since: dateOptionText.optional(),
    length: z.enum(LENGTHS, { error: "choose short, medium or long" }).default("medium"),
  }),
  run(input, { app, guildId }) {
    if (input.article !== undefined && input.topic !== undefined) {
      throw new UserError("bad-option", "Give either `article` or `topic`, not both.");
    }
    if (input.topic !== undefined) {
      const range = resolveDateRange({ since: input.since }, app.clock.now());
      return topicReply(app.library, input.topic, { ...range, guildId }, input.length);
    }
    if (input.article === undefined) {
      throw new UserError("bad-option", "Give an `article` to summarise, or a `topic`.");
    }
    if (input.since !== undefined) {
      throw new UserError("bad-option", "`since` only applies to a `topic` summary.");
    }
    return articleReply(app.library, input.article, guildId, input.length);
  },
  autocomplete(option, typed, { app, guildId }) {
    return option === "article" ? titleChoices(app.library, typed, guildId) : [];
  },
});

function articleReply(
  library: SummaryLibrary,
  typed: string,
  guildId: string | undefined,
  length: SummaryLength,
): Reply {
  const resolved = resolveArticle(library, typed, guildId);
  if (resolved.kind === "unknown") throw unknownArticle(typed, resolved.closest);
  const { article } = resolved;
  const summary = articleSummary(library, article, length);
  const quote = articleQuote(library, article, summary);
  const bullets = summary.sentences.map((sentence) => `\u2022 ${escapeMarkdown(sentence.text)}`);
  const fields: ReplyField[] = quote === undefined ? [] : [quoteField(quote)];
  return singlePage({
    title: escapeMarkdown(cutAtWord(article.title, TITLE_CHARS)),
    // The title links to the article; a second link in the text would show it twice.
    ...(article.url !== undefined && { url: article.url }),
    description: fitLines(articleMetaLine(article, { link: false }), bullets),
    ...(fields.length > 0 && { fields }),
    footer: `${capitalised(length)} summary`,
  });
}

function topicReply(
  library: SummaryLibrary,
  topic: string,
  range: { since?: Date; guildId: string | undefined },
  length: SummaryLength,
): Reply {
  const { articles, summary } = topicSummary(library, topic, range, length);
  const scope = range.since === undefined ? "" : ` since ${formatDay(range.since.toISOString())}`;
  if (articles.length === 0) {
    const suggestions = library.suggest(topic);
    const hint =
      suggestions.length > 0 ? ` Did you mean: ${suggestions.map((s) => `“${s}”`).join(", ")}?` : "";
    throw new UserError(
      "not-found",
      `No articles match ${quoteTyped(escapeMarkdown(topic))}${scope}.${hint}`,
    );
  }
  if (summary.sentences.length === 0) {
    throw new UserError(
      "not-found",
      `The articles on “${escapeMarkdown(topic)}” have no sentences to summarise.`,
    );
  }
  // Citations number the cited articles in the order they first appear.
  const cited: Article[] = [];
  const bullets = summary.sentences.map((sentence) => {
    let number = cited.findIndex((article) => article.id === sentence.articleId) + 1;
    if (number === 0) {
      const article = articles.find((candidate) => candidate.id === sentence.articleId);
      if (article !== undefined) cited.push(article);
      number = cited.length;
    }
    return `\u2022 ${escapeMarkdown(sentence.text)} \u2014 [${number}]`;
  });
  const header = `From the ${articles.length === 1 ? "best matching article" : `${articles.length} best matching articles`}${scope}.`;
  return singlePage({
    title: cutAtWord(`Summary: ${escapeMarkdown(topic)}`, TITLE_CHARS),
    description: fitLines(header, bullets),
    fields: cited.map((article, index) => ({
      name: cutAtWord(`[${index + 1}] ${escapeMarkdown(article.title)}`, FIELD_NAME_CHARS),
      value: cutAtWord(articleMetaLine(article), FIELD_VALUE_CHARS),
    })),
    footer: `${capitalised(length)} summary`,
  });
}

function quoteField(quote: Quote): ReplyField {
  const words = quote.kind === "direct" ? `\u201c${spokenWords(quote)}\u201d` : quote.context;
  const speaker = quote.speaker?.name;
  return {
    name: cutAtWord(speaker === undefined ? "Quote" : `Quote \u2014 ${speaker}`, FIELD_NAME_CHARS),
    value: cutAtWord(escapeMarkdown(cutAtWord(words.replace(/\s+/g, " "), QUOTE_CHARS)), FIELD_VALUE_CHARS),
  };
}

/**
 * The header, a blank line and as many lines as fit one embed description; the summarizer keeps within it,
 * and this only guards against escaping pushing the text over.
 */
function fitLines(header: string, lines: readonly string[]): string {
  let text = header;
  for (const [index, line] of lines.entries()) {
    const next = `${text}${index === 0 ? "\n\n" : "\n"}${line}`;
    if (next.length > DESCRIPTION_CHARS) {
      return index === 0 ? cutAtWord(next, DESCRIPTION_CHARS) : text;
    }
    text = next;
  }
  return text;
}

function unknownArticle(typed: string, closest: readonly Article[]): UserError {
  const hint =
    closest.length > 0
      ? ` Closest titles: ${closest.map((article) => `“${escapeMarkdown(cutAtWord(article.title, 100))}”`).join(", ")}.`
      : " Try `/search` to find it.";
  return new UserError("not-found", `No article matches “${escapeMarkdown(typed)}”.${hint}`);
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
