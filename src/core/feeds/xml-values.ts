/** Readers for the loosely typed tree fast-xml-parser returns: every value may be a string, object or array. */

export type XmlNode = unknown;

/** A node that may repeat, as a list (absent: empty). */
export function asList(node: XmlNode): XmlNode[] {
  if (node === undefined || node === null || node === "") return [];
  return Array.isArray(node) ? (node as XmlNode[]) : [node];
}

/** An element's attribute, when it has one. */
export function attribute(node: XmlNode, name: string): string | undefined {
  if (typeof node !== "object" || node === null || Array.isArray(node)) return undefined;
  const value = (node as Record<string, unknown>)[`@_${name}`];
  return typeof value === "string" ? value : undefined;
}

/** A child element of an object node. */
export function child(node: XmlNode, name: string): XmlNode {
  if (typeof node !== "object" || node === null || Array.isArray(node)) return undefined;
  return (node as Record<string, unknown>)[name];
}

/** An element's own text, trimmed; undefined when empty or when the element holds only children. */
export function textOf(node: XmlNode): string | undefined {
  const first = Array.isArray(node) ? (node as XmlNode[])[0] : node;
  let text: unknown = first;
  if (typeof first === "object" && first !== null) text = (first as Record<string, unknown>)["#text"];
  if (typeof text === "number" || typeof text === "boolean") text = String(text);
  if (typeof text !== "string") return undefined;
  const trimmed = text.trim();
  return trimmed === "" ? undefined : trimmed;
}

const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
const XML_ENTITY = /&(?:#(\d+)|#x([0-9a-f]+)|(lt|gt|amp|quot|apos));/gi;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/**
 * The text of an element kept raw by the parser (a stop node): CDATA sections unwrapped and the five XML
 * entities and character references decoded, so escaped HTML becomes HTML.
 */
export function decodeRawXmlText(raw: string): string {
  let out = "";
  let last = 0;
  for (const match of raw.matchAll(CDATA)) {
    out += decodeEntities(raw.slice(last, match.index)) + (match[1] ?? "");
    last = match.index + match[0].length;
  }
  return out + decodeEntities(raw.slice(last));
}

function decodeEntities(text: string): string {
  return text.replace(XML_ENTITY, (whole, decimal?: string, hex?: string, name?: string) => {
    if (decimal !== undefined) return safeCodePoint(Number.parseInt(decimal, 10), whole);
    if (hex !== undefined) return safeCodePoint(Number.parseInt(hex, 16), whole);
    return NAMED[(name ?? "").toLowerCase()] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}
