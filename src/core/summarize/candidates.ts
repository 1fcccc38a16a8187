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
/**
 * A wire credit dateline in any case: "(CNN) --", "Kabul, Afghanistan (CNN) --", "London (Reuters) -", and
 * the credit run straight into the sentence, "(CNN)The police said ...".
 */
const CREDIT_DATELINE =
  /^(?:[\p{Lu}][\p{L}.'\u2019 -]{1,30}(?:,\s*[\p{Lu}][\p{L}.'\u2019 -]{1,30})?\s*)?\((?:CNN|AP|AFP|Reuters|EW\.com|CNN Student News|Mashable)[^)]{0,20}\)(?:\s*(?:--|[-\u2013\u2014:])\s*|(?=["\u201c\u2018']?\p{Lu}))/u;
/**
 * Where a photo's people are placed: "(pictured)", "(left)", "(pictured right)", "(second from left)". Said
 * of a picture the reader of a summary does not see, so they are left out of the shown text.
 */
const PICTURE_PLACEMENT =
  /\s*\((?:(?:pictured|above|below|top|bottom|inset|main picture)(?:\s+(?:left|right|centre|center|above|below|with [^()]{1,40}))?|(?:(?:second|third|fourth|far)\s+)?(?:from\s+)?(?:left|right|centre|center))\)/giu;
/** A full stop standing alone inside a sentence, where a scrape turned a line break into " . ": "a woman who . claims". */
const STRAY_STOP = /\s\.\s+(?=\p{Ll})/gu;
/** A placement that runs straight into the next sentence: "... in court (pictured) He added: ..." */
// Case-sensitive, unlike the placement itself: under the "i" flag \p{Lu} would match lower case too.
const CAPTION_RUN_ON = new RegExp(`${PICTURE_PLACEMENT.source}(?=\\s+["'\u2018\u201c]?\\p{Lu})`, "gu");

/** Splits an article's body into sentences and marks those that may stand in a summary. */
export function articleSentences(article: Pick<Article, "paragraphs">): CandidateSentence[] {
  const candidates: CandidateSentence[] = [];
  const seen = new Set<string>();
  article.paragraphs.forEach((paragraph, paragraphIndex) => {
    const caption = isCaptionParagraph(paragraph);
    splitSentences(paragraph)
      .flatMap((span) => splitCaptionRunOns(span.text))
      .forEach((piece, indexInParagraph) => {
        const placements = piece.text.match(PICTURE_PLACEMENT)?.length ?? 0;
        const opening = indexInParagraph === 0 ? withoutDateline(piece.text) : piece.text;
        const text = opening.replace(PICTURE_PLACEMENT, "").replace(STRAY_STOP, " ");
        const wordCount = words(text).length;
        const key = text.toLowerCase().replace(/\s+/g, " ");
        // A sentence that places two people in a picture, or ends in a placement, describes the picture.
        const describesPicture = piece.caption || placements >= 2;
        const eligible =
          !caption && !describesPicture && rejectionReason(text, wordCount) === undefined && !seen.has(key);
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

/**
 * Splits a sentence after each picture placement that runs into a capitalised next sentence (scraped text
 * where a caption lost its line break); every piece but the last is the caption's.
 */
function splitCaptionRunOns(sentence: string): { text: string; caption: boolean }[] {
  const pieces: { text: string; caption: boolean }[] = [];
  let from = 0;
  for (const match of sentence.matchAll(CAPTION_RUN_ON)) {
    const end = match.index + match[0].length;
    pieces.push({ text: sentence.slice(from, end).trim(), caption: true });
    from = end;
  }
  pieces.push({ text: sentence.slice(from).trim(), caption: false });
  return pieces.filter((piece) => piece.text.length > 0);
}

/** "MOSCOW: The Kremlin said ..." reads better in a summary as "The Kremlin said ...". A dateline opens a paragraph. */
function withoutDateline(sentence: string): string {
  const match = LEADING_DATELINE.exec(sentence) ?? CREDIT_DATELINE.exec(sentence);
  if (match === null) return sentence;
  const rest = sentence.slice(match[0].length);
  return /^["\u201c\u2018']?\p{Lu}/u.test(rest) ? rest : sentence;
}
