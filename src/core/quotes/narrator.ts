import { NARRATOR_NOUNS, VOICED_TEXT_NOUNS } from "./lexicon.ts";
import type { Phrase } from "./phrases.ts";
import type { Sentence, Token } from "./tokens.ts";

/** Sentences before a narrator's that may name the text they speak in. */
const MAX_TEXT_DISTANCE = 2;
/** Words from "in" to the text's noun: "in the new Clinton ad". */
const MAX_IN_WORDS = 5;

/**
 * "says a narrator" after "his second ad": an unnamed narrator is known only by the text they speak in, so
 * they are named by it: "a narrator in the Clinton ad" as written, else "a narrator in the ad" when an ad,
 * a video or a film was named in the sentence or the two before. Other phrases are returned as they are.
 */
export function withVoicedText(
  source: string,
  sentences: readonly Sentence[],
  sentence: number,
  phrase: Phrase,
): Phrase {
  if (phrase.kind !== "description" || !NARRATOR_NOUNS.has(phrase.head ?? "")) return phrase;
  if (!/^(?:an?|one|another) /i.test(phrase.text) || phrase.full !== undefined) return phrase;
  const tokens = sentences[sentence]?.tokens ?? [];
  const after = tokens.findIndex((token) => token.start >= phrase.end);
  const written = after === -1 ? undefined : writtenText(tokens, after);
  if (written !== undefined) return { ...phrase, full: source.slice(phrase.start, written) };
  for (let s = sentence; s >= 0 && s >= sentence - MAX_TEXT_DISTANCE; s--) {
    const text = (sentences[s]?.tokens ?? []).findLast(
      (token) =>
        token.segment === undefined && (s < sentence || token.end <= phrase.start) && isVoicedText(token),
    );
    if (text !== undefined) return { ...phrase, full: `${phrase.text} in the ${text.bare}` };
  }
  return phrase;
}

/** The end of "in the Clinton ad" written right after the narrator, if it is there. */
function writtenText(tokens: readonly Token[], at: number): number | undefined {
  if (tokens[at]?.bare !== "in" || tokens[at + 1]?.bare !== "the") return undefined;
  for (let end = at + 2; end < tokens.length && end - at <= MAX_IN_WORDS; end++) {
    const token = tokens[end];
    if (token === undefined || token.segment !== undefined) return undefined;
    if (isVoicedText(token)) return token.end;
  }
  return undefined;
}

function isVoicedText(token: Token): boolean {
  return !token.capitalised && VOICED_TEXT_NOUNS.has(token.bare);
}
