import { err, ok, type Result } from "../result.ts";

/** The text of a file, or why it has none. */
export type DecodedText = Result<string>;

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes UTF-8 bytes strictly. A leading byte-order mark is dropped, so character offsets count from the
 * first character after it. NUL characters mark binary content even when the bytes happen to be valid UTF-8.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) return err("empty file");
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return err("not valid UTF-8 text (binary or wrongly encoded file)");
  }
  if (text.includes("\0")) return err("binary content (contains NUL characters)");
  if (text.trim() === "") return err("empty file");
  return ok(text);
}
