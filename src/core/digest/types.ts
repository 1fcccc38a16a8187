import type { Article } from "../articles.ts";

/** A quotation as a digest shows it. */
export interface DigestQuote {
  text: string;
  /** The speaker's full name, when the article tells who said it. */
  speaker?: string;
  /** A speaker the article only describes ("a spokesperson"): counted nowhere, shown only when no named one is. */
  unnamed?: boolean;
  /** A fragment inside the writer's sentence: counted for its speaker, never shown alone. */
  partial?: boolean;
}

/**
 * What a digest asks of the summariser and the quote extractor, so that either can be swapped or stood in for.
 * Both are called only for the articles that need them.
 */
export interface DigestEnrichment {
  /** One or two sentences that tell the story. */
  summarize(article: Article): string[];
  /** The article's quotations, in article order. */
  quotes(article: Article): readonly DigestQuote[];
}

/** Articles published at or after `since` and before `until`. */
export interface DigestWindow {
  since: Date;
  until: Date;
}

export interface DigestLink {
  title: string;
  source: string;
  url?: string;
}

/** Several articles about one story, as one digest item. */
export interface DigestStory {
  headline: string;
  /** The link of the article the headline and summary come from. */
  url?: string;
  summary: string;
  quote?: DigestQuote;
  articleCount: number;
  sources: string[];
  /** ISO instant of the newest article. */
  latestAt: string;
  /** Every article of the story, newest first. */
  links: DigestLink[];
  /** How high the story ranks; comparable within one digest. */
  score: number;
}

export interface SpeakerCount {
  name: string;
  quotes: number;
}

export interface Digest {
  window: DigestWindow;
  /** The topic filter, when there was one. */
  topic?: string;
  articleCount: number;
  sourceCount: number;
  /** The best stories, best first. */
  stories: DigestStory[];
  /** Stories beyond the ones shown. */
  moreStories: number;
  /** The most quoted speakers of the window's articles, most first. */
  topSpeakers: SpeakerCount[];
}
