import { isCaption } from "./captions.ts";
import { isHeaderFurniture, isLooseFurniture } from "./furniture.ts";
import { readDateLine, type DateLine } from "./human-date.ts";

/** What a line of a scraped article is, as far as its header is concerned. */
export type HeaderLine =
  | { kind: "blank" }
  | { kind: "furniture"; marksHeader: boolean }
  | { kind: "date"; date: DateLine }
  | { kind: "byline"; author: string }
  | { kind: "caption" }
  | { kind: "bullet"; text: string }
  | { kind: "text" };

/** What a line of a scraped article's body is. */
export type BodyLine =
  { kind: "skip" } | { kind: "bullet"; text: string } | { kind: "subhead"; text: string } | { kind: "text" };

/** A bullet mark, then the item; "-" and "*" need a space after them so that "-5C" or "*NSYNC" are not lists. */
const BULLET = /^(?:[•●▪◦‣]\s*|[*-]\s+)(.*)$/u;
const SUBHEAD = /^[-–—]\s+(.+?)\s+[-–—]$/;
const BYLINE = /^(?:by|written by|words by|reporting by|author)\s*:?\s+(.+)$/i;
const NAME_WORD = /^(?:\p{Lu}[\p{L}.'’-]*|and|&|de|del|der|da|van|von|al|el|bin|la|le)$/u;
const BYLINE_OUTLET_SEPARATOR = /\s*,\s*|\s+[|–—-]\s+/;
const NOT_A_NAME =
  /^(?:the|a|an|mon|tues|wednes|thurs|fri|satur|sun)(?:day)?$|^(?:january|february|march|april|may|june|july|august|september|october|november|december|this|that|then|now|late|early|midday|midnight|noon)$/i;
const MAX_BYLINE_LENGTH = 100;

/** Classifies a line met between an article's title and its body. */
export function classifyHeaderLine(text: string, modifiedAt: Date): HeaderLine {
  if (text === "") return { kind: "blank" };
  if (isHeaderFurniture(text)) return { kind: "furniture", marksHeader: true };
  if (isLooseFurniture(text)) return { kind: "furniture", marksHeader: false };
  const date = readDateLine(text, modifiedAt);
  if (date) return { kind: "date", date };
  const author = readByline(text);
  if (author !== undefined) return { kind: "byline", author };
  if (isCaption(text)) return { kind: "caption" };
  // A subhead belongs to the body, so it ends the header.
  if (SUBHEAD.test(text)) return { kind: "text" };
  const bullet = BULLET.exec(text);
  if (bullet) return { kind: "bullet", text: bullet[1] ?? "" };
  return { kind: "text" };
}

/** Classifies a line of an article's body: furniture, captions and stray date lines are skipped. */
export function classifyBodyLine(text: string, modifiedAt: Date): BodyLine {
  if (text === "" || isHeaderFurniture(text) || isLooseFurniture(text) || isCaption(text))
    return { kind: "skip" };
  const subhead = SUBHEAD.exec(text);
  if (subhead) return { kind: "subhead", text: subhead[1] ?? "" };
  const bullet = BULLET.exec(text);
  if (bullet) return { kind: "bullet", text: bullet[1] ?? "" };
  if (text.length < 120 && readDateLine(text, modifiedAt)?.instant !== undefined) return { kind: "skip" };
  return { kind: "text" };
}

/**
 * The author named by a byline such as `By Jane Doe`, `By JANE DOE and JOHN ROE, Reuters` or
 * `Written by Jane Doe | AP`, without the outlet; undefined when the line is not a byline (`By Monday, ...`).
 */
export function readByline(text: string): string | undefined {
  if (text.length > MAX_BYLINE_LENGTH) return undefined;
  const byline = BYLINE.exec(text);
  if (!byline) return undefined;
  const credit = byline[1] ?? "";
  const separator = BYLINE_OUTLET_SEPARATOR.exec(credit);
  const names = (separator ? credit.slice(0, separator.index) : credit).trim();
  const outlet = separator ? credit.slice(separator.index + separator[0].length) : "";
  // "By Monday, the army had ..." is a sentence, not a byline.
  if (outlet.length > 60 || /[.!?]["”’]?$/.test(outlet)) return undefined;
  const words = names.split(/\s+/);
  if (names === "" || words.length > 8 || NOT_A_NAME.test(words[0] ?? "")) return undefined;
  return /^\p{Lu}/u.test(names) && words.every((word) => NAME_WORD.test(word)) ? names : undefined;
}
