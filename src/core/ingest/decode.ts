/** The text of a file, or why it has none. */
export type DecodedText = { ok: true; text: string } | { ok: false; reason: string };

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes UTF-8 bytes strictly. A leading byte-order mark is dropped, so character offsets count from the
 * first character after it. NUL characters mark binary content even when the bytes happen to be valid UTF-8.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) return { ok: false, reason: "empty file" };
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { ok: false, reason: "not valid UTF-8 text (binary or wrongly encoded file)" };
  }
  if (text.includes("\0")) return { ok: false, reason: "binary content (contains NUL characters)" };
  if (text.trim() === "") return { ok: false, reason: "empty file" };
  return { ok: true, text };
}
