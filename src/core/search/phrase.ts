import type { Article } from "../articles.ts";
import { SEARCH_FIELDS } from "./fields.ts";
import { textTerms } from "./normalize.ts";

/**
 * Whether a searchable field of the article holds the phrase's terms next to each other, compared as index
 * terms (so case, diacritics and possessives do not matter).
 */
export function containsPhrase(article: Article, phrase: readonly string[]): boolean {
  if (phrase.length === 0) return true;
  const needle = ` ${phrase.join(" ")} `;
  return SEARCH_FIELDS.some((field) => ` ${textTerms(field.extract(article)).join(" ")} `.includes(needle));
}
