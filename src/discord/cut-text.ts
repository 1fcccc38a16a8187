import { cutAtWord } from "../core/text/cut.ts";

const BOLD_MARK = "**";

/**
 * Shortens markdown to at most `max` UTF-16 units like `cutAtWord` (word boundary, "…", no split surrogate
 * pair or dangling escape), and closes a `**bold**` run the cut left open, so the shortened text renders
 * like the start of the original.
 */
export function cutText(text: string, max: number): string {
  const plain = cutAtWord(text, max);
  if (plain === text || !hasOpenBold(plain)) return plain;
  const roomForCloser = max - BOLD_MARK.length;
  if (roomForCloser <= 1) return cutAtWord(text, Math.min(max, 1));
  const shorter = cutAtWord(text, roomForCloser);
  return hasOpenBold(shorter) ? shorter + BOLD_MARK : shorter;
}

function hasOpenBold(text: string): boolean {
  const marks = text.replace(/\\./g, "").match(/\*\*/g)?.length ?? 0;
  return marks % 2 === 1;
}
