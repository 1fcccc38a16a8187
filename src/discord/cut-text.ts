const ELLIPSIS = "…";
const BOLD_MARK = "**";
/** Cutting further back than this share of the budget to reach a space loses too much text. */
const MIN_WORD_CUT_SHARE = 0.6;

/**
 * Shortens text to at most `max` UTF-16 units, at a word boundary when one is near, ending in "…".
 * Never splits a surrogate pair, never leaves a dangling markdown escape, and closes a `**bold**` run the
 * cut left open, so the shortened text renders like the start of the original.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  if (max === 1) return ELLIPSIS;
  const plain = cutAt(text, max - ELLIPSIS.length);
  if (!hasOpenBold(plain)) return plain + ELLIPSIS;
  const roomForCloser = max - ELLIPSIS.length - BOLD_MARK.length;
  if (roomForCloser <= 0) return ELLIPSIS;
  const shorter = cutAt(text, roomForCloser);
  return hasOpenBold(shorter) ? shorter + ELLIPSIS + BOLD_MARK : shorter + ELLIPSIS;
}

function cutAt(text: string, budget: number): string {
  let end = budget;
  if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
  let head = text.slice(0, end);
  const nextChar = text.charAt(end);
  if (nextChar !== "" && !/\s/.test(nextChar)) {
    const lastSpace = head.search(/\s\S*$/);
    if (lastSpace >= budget * MIN_WORD_CUT_SHARE) head = head.slice(0, lastSpace);
  }
  head = head.trimEnd();
  return dropDanglingEscape(head);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** A backslash at the end would escape the ellipsis instead of a markdown mark. */
function dropDanglingEscape(text: string): string {
  const trailing = /\\+$/.exec(text)?.[0].length ?? 0;
  return trailing % 2 === 1 ? text.slice(0, -1) : text;
}

function hasOpenBold(text: string): boolean {
  const marks = text.replace(/\\./g, "").match(/\*\*/g)?.length ?? 0;
  return marks % 2 === 1;
}
