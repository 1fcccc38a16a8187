import type { Article } from "../articles.ts";
import { splitSentences } from "../text/sentences.ts";
import { contentTerms, words } from "../text/tokens.ts";
import { isCaptionParagraph, rejectionReason } from "./guards.ts";

/** A body sentence with what the scorer needs to know of it. */
export interface CandidateSentence {
  /** The sentence as it will be shown (a leading wire dateline removed). */
  text: string;
  paragraphIndex: number;
  /** 0-based place of the sentence among all body sentences: the order of the article. */
  position: number;
  /** Stemmed content words, in order, repeats kept. */
  terms: string[];
  /** The distinct `terms`. */
  termSet: ReadonlySet<string>;
  wordCount: number;
  /** False for fragments, captions, subheads, boilerplate and repeats of an earlier sentence. */
  eligible: boolean;
}

const LEADING_DATELINE =
  /^[A-Z][A-Z.'\u2019 -]{1,40}(?:,\s*[^:()\u2013\u2014]{1,40})?\s*(?:\([^)]{1,30}\))?\s*(?:[:\u2013\u2014]|-\s)\s*/;

/** Splits an article's body into sentences and marks those that may stand in a summary. */
export function articleSentences(article: Pick<Article, "paragraphs">): CandidateSentence[] {
  const candidates: CandidateSentence[] = [];
  const seen = new Set<string>();
  article.paragraphs.forEach((paragraph, paragraphIndex) => {
    const caption = isCaptionParagraph(paragraph);
    splitSentences(paragraph).forEach((span, indexInParagraph) => {
      const text = indexInParagraph === 0 ? withoutDateline(span.text) : span.text;
      const wordCount = words(text).length;
      const key = text.toLowerCase().replace(/\s+/g, " ");
      const eligible = !caption && rejectionReason(text, wordCount) === undefined && !seen.has(key);
      seen.add(key);
      const terms = contentTerms(text);
      candidates.push({
        text,
        paragraphIndex,
        position: candidates.length,
        terms,
        termSet: new Set(terms),
        wordCount,
        eligible,
      });
    });
  });
  return candidates;
}

/** "MOSCOW: The Kremlin said ..." reads better in a summary as "The Kremlin said ...". A dateline opens a paragraph. */
function withoutDateline(sentence: string): string {
  const match = LEADING_DATELINE.exec(sentence);
  if (match === null) return sentence;
  const rest = sentence.slice(match[0].length);
  return /^["\u201c\u2018']?\p{Lu}/u.test(rest) ? rest : sentence;
}
