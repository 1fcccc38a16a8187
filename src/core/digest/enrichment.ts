import type { Article } from "../articles.ts";
import { extractArticleQuotes } from "../quotes/index.ts";
import { summarizeArticle } from "../summarize/article.ts";
import { splitSentences } from "../text/sentences.ts";
import type { DigestEnrichment, DigestQuote } from "./types.ts";

/** A story summary in a digest: one or two sentences. */
const SUMMARY_SENTENCES = 2;
/** Two lead sentences longer than this read as a paragraph; one is enough then. */
const SUMMARY_STRETCH_CHARS = 320;

/** The article's first sentences: the stand-in summary of a news story, whose lead carries the news. */
export function leadSentences(article: Pick<Article, "paragraphs" | "dek">): string[] {
  const lead = article.paragraphs.slice(0, 2).join("\n\n");
  const sentences = splitSentences(lead)
    .map((span) => span.text)
    .slice(0, SUMMARY_SENTENCES);
  const [first, second] = sentences;
  if (first === undefined) return article.dek ? [article.dek] : [];
  if (second === undefined || first.length + second.length > SUMMARY_STRETCH_CHARS) return [first];
  return [first, second];
}

/** Summaries from the article's lead, no quotes: for when the summariser and quote extractor are not in use. */
export const leadEnrichment: DigestEnrichment = {
  summarize: leadSentences,
  quotes: () => [],
};

/**
 * The summariser's short summary (one or two sentences), with an optional quote extractor.
 * Falls back to the lead when the summariser finds nothing to say.
 */
export function summarizerEnrichment(
  quotes: (article: Article) => readonly DigestQuote[] = () => [],
): DigestEnrichment {
  return {
    summarize(article) {
      const sentences = summarizeArticle(article, { length: "short" }).sentences.map(
        (sentence) => sentence.text,
      );
      return sentences.length > 0 ? sentences.slice(0, SUMMARY_SENTENCES) : leadSentences(article);
    },
    quotes,
  };
}

/**
 * The article's quotations with their speakers' full names, from the quote extractor: all of them, as
 * `/quotes` counts them, partial ones and unnamed speakers flagged so that a digest neither shows a fragment
 * alone nor ranks "a spokesperson" among the most quoted.
 */
export function articleQuotes(article: Pick<Article, "paragraphs">): DigestQuote[] {
  return extractArticleQuotes(article).map((quote) => ({
    text: quote.text,
    ...(quote.speaker && { speaker: quote.speaker.name }),
    ...(quote.speaker?.type === "unknown" && { unnamed: true }),
    ...(quote.kind === "partial" && { partial: true }),
  }));
}

/**
 * The summariser's summaries and the quote extractor's quotes: what a digest uses by default. Quotes are
 * kept per article object (articles are immutable; an edited article is a new object), because the most
 * quoted speakers need every article of the window and extraction is most of a digest's cost.
 */
export function newsEnrichment(): DigestEnrichment {
  const quotes = new WeakMap<Article, DigestQuote[]>();
  return summarizerEnrichment((article) => {
    let found = quotes.get(article);
    if (!found) {
      found = articleQuotes(article);
      quotes.set(article, found);
    }
    return found;
  });
}
