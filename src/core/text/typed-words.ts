/**
 * What a user typed, quoted for a reply: in curly quotes, unless it is already a quoted phrase
 * (`"zzz peace"`), which is shown as typed rather than quoted twice.
 */
export function quoteTyped(text: string): string {
  return /^["“„].*["”“]$/su.test(text) ? text : `“${text}”`;
}
