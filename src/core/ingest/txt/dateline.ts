/** A wire-story opening split into its place line and the sentence that follows. */
export interface Dateline {
  dateline: string;
  text: string;
}

const PLACE = String.raw`(\p{Lu}[\p{Lu} .'’-]*\p{Lu})`;
const REGION = String.raw`(?:,\s*(\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,2}))?`;
const DATE = String.raw`(?:,\s*\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2})?`;
const AGENCY = String.raw`(?:\s*\([\p{L} ]{1,30}\))?`;
const SEPARATOR = String.raw`\s*(?::|—|–|-)\s+(?=\S)`;
const DATELINE = new RegExp(`^${PLACE}${REGION}${DATE}${AGENCY}${SEPARATOR}`, "u");

/**
 * Splits the place line off the first paragraph of a wire story: `MOSCOW: The Kremlin said` gives "MOSCOW",
 * `KYIV, Ukraine (AP) — Russia` gives "KYIV, Ukraine", `LONDON, Dec 3 (Reuters) - Shares` gives "LONDON".
 * The place must be in capitals, as wire style writes it; anything else gives undefined.
 */
export function splitDateline(paragraph: string): Dateline | undefined {
  const match = DATELINE.exec(paragraph);
  if (!match) return undefined;
  const [opening, place = "", region] = match;
  const text = paragraph.slice(opening.length);
  return { dateline: region === undefined ? place : `${place}, ${region}`, text };
}
