/** Bytes of a feed or page decoded to text, with the charset used. */
export interface DecodedText {
  text: string;
  charset: string;
  /** Set when the declared charset was unknown and UTF-8 was used instead. */
  warning?: string;
}

const CONTENT_TYPE_CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;
const XML_DECLARATION_ENCODING = /^<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/;
const HTML_META_CHARSET = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i;

/** The charset a Content-Type header names, if any. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  return contentType === undefined ? undefined : CONTENT_TYPE_CHARSET.exec(contentType)?.[1];
}

/**
 * Decodes a response body. A byte-order mark wins (as in browsers), then the charset of the Content-Type
 * header, then the XML declaration's encoding or an HTML meta charset, then UTF-8. Invalid bytes become U+FFFD
 * rather than failing: a feed with one bad byte still yields its items.
 */
export function decodeText(bytes: Uint8Array, contentType?: string): DecodedText {
  const bom = charsetFromBom(bytes);
  const declared = bom ?? charsetFromContentType(contentType) ?? charsetFromDocument(bytes);
  const label = declared?.toLowerCase() ?? "utf-8";
  try {
    // ignoreBOM false: the decoder strips a BOM that matches its encoding.
    const decoder = new TextDecoder(label);
    const text = decoder.decode(bytes);
    return {
      text: decoder.encoding === "windows-1252" ? fixWindows1252(text) : text,
      charset: decoder.encoding,
    };
  } catch {
    return {
      text: new TextDecoder("utf-8").decode(bytes),
      charset: "utf-8",
      warning: `unknown charset "${label}"; read as UTF-8`,
    };
  }
}

/** Windows-1252's characters at 0x80-0x9F; 0 where it has none (the byte stays a C1 control). */
const WINDOWS_1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
  0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0, 0x017e, 0x0178,
];

/**
 * Node's decoder reads windows-1252 (which the labels latin1 and iso-8859-1 also mean, per the Encoding
 * standard) as ISO-8859-1, leaving curly quotes and dashes at 0x80-0x9F as control characters.
 */
function fixWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (ch) => {
    const mapped = WINDOWS_1252_HIGH[ch.charCodeAt(0) - 0x80] ?? 0;
    return mapped === 0 ? ch : String.fromCharCode(mapped);
  });
}

function charsetFromBom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  return undefined;
}

/** The encoding the document names in its first kilobyte; read as Latin-1, which every ASCII label survives. */
function charsetFromDocument(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024)).trimStart();
  return XML_DECLARATION_ENCODING.exec(head)?.[1] ?? HTML_META_CHARSET.exec(head)?.[1];
}
