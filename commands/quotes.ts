import MiniSearch from "minisearch";
import { z } from "zod";
import { defineCommand, type Choice } from "../src/app/command.ts";
import { dateOptionText, resolveDateOption } from "../src/app/options.ts";
import type { QuoteHit, QuoteService } from "../src/app/quotes.ts";
import { UserError } from "../src/core/errors.ts";
import type { SpeakerEntry } from "../src/core/quotes/registry.ts";
import { spokenWords } from "../src/core/quotes/display.ts";
import type { Quote } from "../src/core/quotes/types.ts";
import { cutAtWord } from "../src/core/text/cut.ts";
import { articleMetaLine, escapeMarkdown, type ReplyField, type ReplyPage } from "../src/core/reply.ts";
import { plural } from "../src/core/text/plural.ts";

const QUOTES_PER_PAGE = 5;
const MAX_QUOTES = 50;
const MAX_CHOICES = 25;
const CLOSEST_SPEAKERS = 5;
/** Discord allows 100 characters in a choice's name and 1,024 in a field's value. */
const CHOICE_NAME_LENGTH = 100;
const MAX_QUOTE_LENGTH = 700;
const FIELD_NAME_LENGTH = 200;

export const quotes = defineCommand({
  definition: {
    name: "quotes",
    description: "What a person or body said, with the article and date",
    options: [
      {
        name: "speaker",
        description: "Who said it: a name, surname or organisation",
        type: "string",
        required: true,
        autocomplete: true,
        maxLength: 100,
      },
      {
        name: "about",
        description: "Only quotes about this, best match first",
        type: "string",
        maxLength: 200,
      },
      {
        name: "since",
        description: "Only quotes from this date on (2025-12-01, yesterday, 3d)",
        type: "string",
      },
    ],
  },
  input: z.object({
    speaker: z.string().trim().min(1, { error: "name a speaker" }).max(100),
    about: z.string().trim().min(1).max(200).optional(),
    since: dateOptionText.optional(),
  }),
  run(input, { app, guildId }) {
    const { service, speaker, namesakes } = findSpeaker(app.quotes, input.speaker, guildId);
    const since =
      input.since === undefined
        ? undefined
        : resolveDateOption(input.since, "since", app.clock.now(), "start");
    const all = service.quotesOf(speaker.id, { guildId, ...(since !== undefined && { since }) });
    const hits = input.about === undefined ? all : rankByTopic(all, input.about);
    if (hits.length === 0) throw noQuotes(speaker, input.about, since !== undefined);

    const shown = groupFragments(hits).slice(0, MAX_QUOTES);
    const title = `Quotes: ${escapeMarkdown(speaker.name)}${input.about === undefined ? "" : ` on “${escapeMarkdown(input.about)}”`}`;
    const description = describe(groupFragments(hits).length, input.about !== undefined, namesakes);
    const pageCount = Math.ceil(shown.length / QUOTES_PER_PAGE);
    const pages = Array.from({ length: pageCount }, (_, pageIndex): ReplyPage => {
      const first = pageIndex * QUOTES_PER_PAGE;
      return {
        title,
        description,
        fields: shown.slice(first, first + QUOTES_PER_PAGE).map((hit, i) => quoteField(hit, first + i)),
      };
    });
    return { pages: pages as [ReplyPage, ...ReplyPage[]] };
  },
  autocomplete(_option, typed, { app, guildId }): Choice[] {
    return speakerChoices(app.quotes, typed, guildId);
  },
});

/** Speakers matching what is typed, most quoted first, as autocomplete choices (used by /trends too). */
export function speakerChoices(
  service: QuoteService | undefined,
  typed: string,
  guildId: string | undefined,
): Choice[] {
  if (service === undefined) return [];
  return service.suggest(typed, MAX_CHOICES, guildId).map((entry) => ({
    name: cutAtWord(`${entry.name} (${plural(entry.quoteCount, "quote")})`, CHOICE_NAME_LENGTH),
    value: entry.id,
    typed: entry.name,
  }));
}

/**
 * The speaker a typed name or id stands for, with the others of that name; a user error naming the closest
 * known speakers when there is none (used by /trends too).
 */
export function findSpeaker(
  service: QuoteService | undefined,
  typed: string,
  guildId: string | undefined,
): { service: QuoteService; speaker: SpeakerEntry; namesakes: SpeakerEntry[] } {
  if (service === undefined) throw new UserError("unavailable", "Quotes are not available right now.");
  const [speaker, ...namesakes] = service.find(typed);
  if (speaker === undefined) throw unknownSpeaker(typed, service.closest(typed, CLOSEST_SPEAKERS, guildId));
  return { service, speaker, namesakes };
}

/**
 * Quotes that share words with the topic, best match first (BM25 over the quoted words, prefixes and small
 * typos allowed); equal scores keep the newest-first order.
 */
function rankByTopic(hits: readonly QuoteHit[], about: string): QuoteHit[] {
  const index = new MiniSearch<{ id: number; text: string }>({
    fields: ["text"],
    searchOptions: { prefix: true, fuzzy: 0.2, combineWith: "OR" },
  });
  index.addAll(hits.map((hit, id) => ({ id, text: hit.quote.text })));
  return index
    .search(about)
    .map((result) => ({ position: result.id as number, score: result.score }))
    .sort((a, b) => b.score - a.score || a.position - b.position)
    .flatMap(({ position }) => {
      const hit = hits[position];
      return hit === undefined ? [] : [hit];
    });
}

/** One entry of the list: a quote, or the fragments quoted in one sentence (`“necessary” and “useful,”`). */
interface QuoteItem {
  article: QuoteHit["article"];
  quotes: [Quote, ...Quote[]];
}

/** Fragments of one sentence of one article become one item, so the sentence is not shown once per fragment. */
function groupFragments(hits: readonly QuoteHit[]): QuoteItem[] {
  const items: QuoteItem[] = [];
  const bySentence = new Map<string, QuoteItem>();
  for (const { article, quote } of hits) {
    if (quote.kind !== "partial") {
      items.push({ article, quotes: [quote] });
      continue;
    }
    const key = `${article.id}\u0000${quote.context}`;
    const item = bySentence.get(key);
    if (item) {
      item.quotes.push(quote);
    } else {
      const fresh: QuoteItem = { article, quotes: [quote] };
      bySentence.set(key, fresh);
      items.push(fresh);
    }
  }
  return items;
}

function quoteField({ article, quotes: [quote, ...fragments] }: QuoteItem, position: number): ReplyField {
  return {
    name: cutAtWord(`${position + 1}. ${escapeMarkdown(article.title)}`, FIELD_NAME_LENGTH),
    value: `${quoteText(quote, fragments)}\n— ${escapeMarkdown(speakerAsNamed(quote))}\n${articleMetaLine(article)}`,
  };
}

/**
 * A full quote in quote marks; fragments inside the sentence that carries them, the quoted words in bold.
 * `more` are further fragments of the same sentence.
 */
export function quoteText(quote: Quote, more: readonly Quote[] = []): string {
  const words = cutAtWord(spokenWords(quote), MAX_QUOTE_LENGTH);
  if (quote.kind === "direct") return `“${escapeMarkdown(words)}”`;
  const sentence = quote.context;
  if (sentence.length > MAX_QUOTE_LENGTH || !sentence.includes(quote.text))
    return `“${escapeMarkdown(words)}”`;
  let shown = "";
  let from = 0;
  for (const fragment of [quote, ...more]) {
    const at = sentence.indexOf(fragment.text, from);
    if (at === -1) continue;
    shown += `${escapeMarkdown(sentence.slice(from, at))}**${escapeMarkdown(fragment.text)}**`;
    from = at + fragment.text.length;
  }
  return shown + escapeMarkdown(sentence.slice(from));
}

/**
 * The speaker as that article names them, with the role it gives: "Dmitry Peskov, Kremlin spokesman". A role
 * made only of words of the name says nothing more ("7th Air Assault Corps, 7th") and is left out.
 */
export function speakerAsNamed(quote: Quote): string {
  const speaker = quote.speaker;
  if (speaker === null) return "unknown";
  const role = speaker.role;
  if (role === undefined || isPartOfName(role, speaker.name)) return speaker.name;
  return `${speaker.name}, ${role}`;
}

function isPartOfName(role: string, name: string): boolean {
  const nameWords = new Set(name.toLowerCase().split(/\s+/));
  return role
    .toLowerCase()
    .split(/\s+/)
    .every((word) => nameWords.has(word));
}

function describe(count: number, ranked: boolean, namesakes: readonly SpeakerEntry[]): string {
  const order = ranked ? "best match first" : "newest first";
  const total =
    count > MAX_QUOTES
      ? `The ${MAX_QUOTES} ${ranked ? "best" : "newest"} of ${count} quotes.`
      : count === 1
        ? "1 quote."
        : `${count} quotes, ${order}.`;
  if (namesakes.length === 0) return total;
  const others = namesakes.map((entry) => escapeMarkdown(entry.name)).join(", ");
  return `${total} Others go by this name too: ${others}.`;
}

function unknownSpeaker(typed: string, closest: readonly SpeakerEntry[]): UserError {
  const hint =
    closest.length > 0
      ? ` Closest known speakers: ${closest.map((entry) => escapeMarkdown(entry.name)).join(", ")}.`
      : "";
  return new UserError(
    "not-found",
    `Nobody called “${escapeMarkdown(typed)}” is quoted in the articles.${hint}`,
  );
}

function noQuotes(speaker: SpeakerEntry, about: string | undefined, dated: boolean): UserError {
  const topic = about === undefined ? "" : ` about “${escapeMarkdown(about)}”`;
  const scope = dated ? " in that time" : "";
  return new UserError("not-found", `No quotes of ${escapeMarkdown(speaker.name)}${topic}${scope}.`);
}
