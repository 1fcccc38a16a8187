/** What kind of speaker a quote is attributed to. Places speaking as bodies ("Moscow said") are organisations. */
export type SpeakerType = "person" | "organisation" | "unknown";

/** Who said a quote, as far as the article tells. */
export interface Speaker {
  /** The fullest name the article gives: "Dmitry Peskov", not "Peskov" or "he". */
  name: string;
  /** The words at the attribution itself: "he", "Kremlin spokesman Dmitry Peskov", "the Russian leader". */
  mention: string;
  /** The role as the article writes it: "Kremlin spokesman". */
  role?: string;
  type: SpeakerType;
}

/**
 * "direct": the speaker's words as a sentence or more. "partial": a fragment set inside the writer's own
 * sentence (`Ushakov said the issue was “key”`), shown with that sentence as `context`.
 */
export type QuoteKind = "direct" | "partial";

/** One paragraph's part of a quote; a quote that runs over several paragraphs has one segment each. */
export interface QuoteSegment {
  /** Offsets of the quoted words (without the marks) in the input. */
  start: number;
  end: number;
  paragraphIndex: number;
  text: string;
}

/** A quotation found in an article, with its speaker when the article tells who it is. */
export interface Quote {
  /** The quoted words without the marks; the paragraphs of a multi-paragraph quote joined by a line break. */
  text: string;
  /** Offset of the first quoted character in the input. */
  start: number;
  /** Offset just past the last quoted character in the input. */
  end: number;
  /** The paragraph the quote starts in. */
  paragraphIndex: number;
  kind: QuoteKind;
  speaker: Speaker | null;
  /** The sentence around the quote, marks included, as written. */
  context: string;
  /** The paragraph pieces, in order; one entry for a quote within one paragraph. */
  segments: QuoteSegment[];
}

/** Options of quote extraction. */
export interface ExtractOptions {
  /**
   * Keep quotes whose speaker cannot be told (default true). Partial quotes without any speaker are never
   * kept: with no one saying them they are scare quotes or titles, not quotations.
   */
  keepUnattributed?: boolean;
}
