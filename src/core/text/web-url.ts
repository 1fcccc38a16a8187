/** Longest URL a Discord embed accepts; longer ones make the whole message fail. */
const MAX_URL_CHARS = 2_048;
/** No white space, control characters or the marks that end a URL in Markdown and HTML. */
const URL_CHARACTERS = /^https?:\/\/[^\s\p{Cc}<>"`\\]+$/iu;

/**
 * True for an absolute http(s) URL that is safe to link: it parses, has a host, holds no white space,
 * control characters or quote and angle marks, and fits an embed. `z.url()` alone also accepts
 * `javascript:` and text with spaces, from which a masked link can be forged.
 */
export function isWebUrl(text: string): boolean {
  if (text.length > MAX_URL_CHARS || !URL_CHARACTERS.test(text) || !URL.canParse(text)) return false;
  const url = new URL(text);
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
}

/**
 * A Markdown masked link to `url` labelled with `label` (already escaped), or the label alone when the URL
 * is not a safe web URL. Brackets and parentheses in the URL are encoded so that none can end the link early.
 */
export function markdownLink(label: string, url: string | undefined): string {
  if (url === undefined || !isWebUrl(url)) return label;
  return `[${label}](${url.replace(/[()[\]]/g, (mark) => `%${mark.charCodeAt(0).toString(16).toUpperCase()}`)})`;
}
