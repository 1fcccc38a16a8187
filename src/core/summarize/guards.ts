/** Why a sentence must not stand in a summary, or `undefined` when it may. */
export type RejectionReason = "fragment" | "no-verb" | "unfinished" | "caption" | "boilerplate" | "bullet";

/** Sentences shorter than this many words are fragments: labels, bylines, "Reuters reports." */
const MIN_WORDS = 5;
const MAX_CHARS = 1200;
const UNFINISHED_MAX_WORDS = 12;

/** A caption ends with its credit: "(AP Photo/Jane Doe)", "Getty Images", "Photo: Reuters". */
const PHOTO_CREDIT =
  /(?:\([^()]*\b(?:AP|AFP|Reuters|Getty|Photo|Pool|EPA|Xinhua|Sputnik|Bloomberg|Shutterstock|File)\b[^()]*\)|\b(?:Getty Images|AP Photo|AFP Photo|Photo(?:graph)?\s*(?:by|credit|:)[^.]{0,60}))\s*\.?$/i;
/** Captions place the people in the picture: "Vladimir Putin, right, and Yuri Ushakov, left, attend ...". */
const PICTURE_PLACEMENT =
  /,\s(?:left|right|center|centre|second (?:left|right)|top|bottom|front|foreground|background)\s?,/i;
/**
 * Picture captions of online papers open with a short label: "Royal duties: The Queen and ...", "Fight:
 * Claudia Hernandez, 25, above, ...". Not a speaker's colon ("He added: ...", "The statement read: ...") nor a
 * quote after the colon.
 */
const LABELLED_CAPTION = /^\p{Lu}[\p{L}'\u2019-]*(?:\s+[\p{L}'\u2019-]+){0,3}:\s+(?!["'\u2018\u201c])\p{Lu}/u;
const SPEECH_BEFORE_COLON =
  /\b(?:said|says|say|told|tells|added|adds|wrote|writes|read|reads|asked|asks|explained|insisted|declared|warned|stated|states|continued|replied|concluded|announced|tweeted|posted)\b/i;
/** Highlight bullets that leaked into the body repeat it; body lists are not summary sentences either. */
const BULLET_START = /^[\u2022\u25aa\u25cf\u25e6\u2023\u2219\u00b7*]\s*|^-\s/;
const BOILERPLATE =
  /^(?:read (?:more|the rest)|follow (?:us|@)|share (?:this|on)|sign up|subscribe|click here|advertisement|related:|short url|(?:last )?updated (?:at |on )?\d|published:? \d|copyright|all rights reserved)|\u00a9|\bcookies?\b.*\b(?:accept|policy)\b/i;
const ENDS_LIKE_A_SENTENCE = /[.!?\u2026]["'\u201d\u2019\u201c\u2018)\]]*$/;
const LOWERCASE_WORD = /(?:^|\s)\p{Ll}[\p{L}'\u2019-]+/gu;

/**
 * Guards a summary against what is not story text: fragments, subheads (no verb-like structure, no final
 * stop), photo captions (a credit, or people placed "left" and "right"), bullets, and site boilerplate. The article model strips most of these
 * already; scraped feeds still let some through.
 */
export function rejectionReason(sentence: string, wordCount: number): RejectionReason | undefined {
  if (wordCount < MIN_WORDS || sentence.length > MAX_CHARS) return "fragment";
  if (BOILERPLATE.test(sentence)) return "boilerplate";
  if (PHOTO_CREDIT.test(sentence) || PICTURE_PLACEMENT.test(sentence) || isLabelledCaption(sentence))
    return "caption";
  if (BULLET_START.test(sentence)) return "bullet";
  // Subheads and labels lack a final stop; a long sentence without one is a source typo, not a heading.
  if (!ENDS_LIKE_A_SENTENCE.test(sentence) && wordCount < UNFINISHED_MAX_WORDS) return "unfinished";
  // Headlines and subheads are Title Cased; running prose has lower-case words between its names.
  const lowercaseWords = sentence.match(LOWERCASE_WORD)?.length ?? 0;
  if (lowercaseWords < 2 || lowercaseWords < wordCount / 4) return "no-verb";
  return undefined;
}

/** True when a paragraph ends with a photo credit: then every sentence of it belongs to the caption. */
export function isCaptionParagraph(paragraph: string): boolean {
  return PHOTO_CREDIT.test(paragraph);
}

function isLabelledCaption(sentence: string): boolean {
  if (!LABELLED_CAPTION.test(sentence)) return false;
  const label = sentence.slice(0, sentence.indexOf(":"));
  return !SPEECH_BEFORE_COLON.test(label);
}

/** Quoted speech, left out when a sentence's own voice is read: a quote may ask a question. */
const QUOTED_SPEECH =
  /["\u201c][^"\u201c\u201d]*["\u201d]|(?:^|(?<=\s))[\u2018'][^\u2018\u2019']*[\u2019'](?=[\s.,;:!?]|$)/gu;
/** A question, closing quotes or brackets aside. */
const ENDS_AS_QUESTION = /\?["'\u201d\u2019)\]]*$/u;
/**
 * A pronoun that opens a story refers to nothing yet: "It looks harmless.", "They were meant to stay
 * secret." Followed by a lower-case word, so that neither "IT firms ..." nor a title ("We Are The World, the
 * charity song, ...") is one.
 */
const OPENING_PRONOUN = /^(?:It|They|He|She|We|These|Those)(?:['\u2019](?:s|re|ve|ll|d))?\s+\p{Ll}/u;

/**
 * True when an opening sentence is written as a feature's teaser rather than a news lede, by its form: it
 * asks a question, or opens with a pronoun that has nothing before it to refer to ("It looks harmless.").
 * Such a sentence says little on its own and reads oddly at the head of a summary. A question inside quoted
 * speech does not count. Words to the reader do not either: news uses the impersonal "you" ("programs
 * that catch you out") in ledes that carry the story.
 */
export function readsAsTeaser(sentence: string): boolean {
  const own = sentence.replace(QUOTED_SPEECH, " \u2026 ").trim();
  return ENDS_AS_QUESTION.test(own) || OPENING_PRONOUN.test(own);
}
