/**
 * Common English function words: they say nothing about what a sentence is about, so overlap on them
 * is not similarity.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as",
  "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
  "did", "do", "does", "doing", "down", "during", "each", "even", "few", "for", "from", "further", "had",
  "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "however",
  "i", "if", "in", "into", "is", "it", "its", "itself", "just", "may", "me", "might", "more", "most", "much",
  "must", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other",
  "our", "ours", "ourselves", "out", "over", "own", "per", "same", "she", "should", "so", "some", "such",
  "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this",
  "those", "through", "to", "too", "under", "until", "up", "upon", "us", "very", "was", "we", "were",
  "what", "when", "where", "which", "while", "who", "whom", "whose", "why", "will", "with", "would", "yet",
  "you", "your", "yours", "yourself", "said", "says", "say", "told", "mr", "mrs", "ms", "s", "t", "ve",
  "ll", "re", "d", "m", "dont", "didnt", "doesnt", "isnt", "wasnt", "arent", "werent", "wont", "wouldnt",
  "couldnt", "shouldnt", "hasnt", "havent", "hadnt", "cant", "cannot", "im", "ive", "youre", "theyre",
  "like", "well", "still", "yesterday", "today",
]); // prettier-ignore

/** Letters and digits, with inner apostrophes dropped so that "Russia's" and "Russias" meet. */
const WORD = /[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*/gu;
const APOSTROPHE_S = /['\u2019]s$/;
const INNER_APOSTROPHE = /['\u2019]/g;

/** The lower-cased words of a text, possessive "'s" removed ("Kremlin's" becomes "kremlin"). */
export function words(text: string): string[] {
  const found = text.toLowerCase().match(WORD);
  if (found === null) return [];
  return found.map((word) =>
    word.includes("'") || word.includes("\u2019")
      ? word.replace(APOSTROPHE_S, "").replace(INNER_APOSTROPHE, "")
      : word,
  );
}

/**
 * Reduces inflected forms to a shared stem ("talks", "talked", "talking" -> "talk"). A deliberately light
 * stemmer: it only needs to make forms of one word meet, not to produce dictionary roots.
 */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  let result = word;
  if (result.endsWith("ies") && result.length > 4) result = `${result.slice(0, -3)}y`;
  else if (result.endsWith("sses")) result = result.slice(0, -2);
  else if (result.endsWith("s") && !result.endsWith("ss") && !result.endsWith("us") && !result.endsWith("is"))
    result = result.slice(0, -1);
  if (result.length > 5 && result.endsWith("ing")) result = undouble(result.slice(0, -3));
  else if (result.length > 4 && result.endsWith("ed") && !result.endsWith("eed"))
    result = undouble(result.slice(0, -2));
  if (result.length > 4 && result.endsWith("ly")) result = result.slice(0, -2);
  if (result.length > 3 && result.endsWith("e")) result = result.slice(0, -1);
  return result;
}

function undouble(word: string): string {
  const last = word.charAt(word.length - 1);
  if (word.length > 3 && last === word.charAt(word.length - 2) && !"lsz".includes(last))
    return word.slice(0, -1);
  return word;
}

/** The stemmed words of a text that carry meaning: no stopwords, no one-letter tokens. */
export function contentTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of words(text)) {
    if (word.length < 2 || STOPWORDS.has(word)) continue;
    terms.push(stem(word));
  }
  return terms;
}
