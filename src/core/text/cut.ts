const ELLIPSIS = "…";
/** Backing up further than this share of the budget to reach a word boundary loses too much text. */
const MIN_WORD_CUT_SHARE = 0.5;

/**
 * Shortens text to at most `max` UTF-16 units, ending in "…", at a word boundary (unless the only boundary
 * is far back). Never splits a surrogate pair or leaves a dangling markdown escape.
 */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, Math.max(0, max));
  const budget = max - ELLIPSIS.length;
  let end = budget;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  let head = text.slice(0, end);
  if (!/\s/.test(text.charAt(end))) {
    const lastSpace = head.search(/\s\S*$/);
    if (lastSpace >= budget * MIN_WORD_CUT_SHARE) head = head.slice(0, lastSpace);
  }
  head = head.trimEnd();
  const trailingEscapes = /\\+$/.exec(head)?.[0].length ?? 0;
  if (trailingEscapes % 2 === 1) head = head.slice(0, -1);
  return head + ELLIPSIS;
}
