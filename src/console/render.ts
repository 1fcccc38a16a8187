import type { Reply, ReplyImage, ReplyPage } from "../core/reply.ts";

export interface TextStyle {
  /** ANSI bold and dim at a terminal; plain text when piped. */
  color: boolean;
}

const BOLD = (text: string, style: TextStyle) => (style.color ? `\x1b[1m${text}\x1b[22m` : text);
const DIM = (text: string, style: TextStyle) => (style.color ? `\x1b[2m${text}\x1b[22m` : text);

/**
 * Renders one page of a Reply as console text. Discord markdown is turned back into plain text:
 * `**bold**` becomes terminal bold (or stays marked with asterisks when piped, so matches remain visible)
 * and backslash escapes are removed.
 */
export function renderPage(
  reply: Reply,
  pageIndex: number,
  style: TextStyle,
  { pageHint: showPageHint = true }: { pageHint?: boolean } = {},
): string {
  const page: ReplyPage | undefined = reply.pages[pageIndex];
  if (!page) return "";
  const lines: string[] = [];
  if (page.title) lines.push(BOLD(markdownToText(page.title, style), style));
  if (page.url) lines.push(DIM(page.url, style));
  if (page.description) lines.push(markdownToText(page.description, style));
  if (page.image) lines.push("", page.image.text, DIM(imageLine(page.image), style));
  for (const field of page.fields ?? []) {
    lines.push(
      "",
      BOLD(markdownToText(field.name, style), style),
      indent(markdownToText(field.value, style)),
    );
  }
  const footer = [
    page.footer,
    showPageHint && reply.pages.length > 1 ? pageHint(pageIndex, reply.pages.length) : undefined,
  ]
    .filter(Boolean)
    .join(" · ");
  if (footer) lines.push("", DIM(footer, style));
  return lines.join("\n");
}

/** Every page of a Reply, one after another: what a script reading piped output needs (nobody types "next"). */
export function renderAllPages(reply: Reply, style: TextStyle): string {
  return reply.pages.map((_, index) => renderPage(reply, index, style, { pageHint: false })).join("\n\n");
}

function imageLine(image: ReplyImage): string {
  return image.path === undefined ? `(chart not saved: ${image.fileName})` : `Chart: ${image.path}`;
}

function pageHint(pageIndex: number, pageCount: number): string {
  const moves = [pageIndex > 0 ? "prev" : "", pageIndex < pageCount - 1 ? "next" : ""].filter(Boolean);
  return `page ${pageIndex + 1}/${pageCount} (type ${moves.join(" or ")})`;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}

const CONSOLE_CHANNEL = "console";

/**
 * Discord markdown as console text, with no markup left: masked links as `text <url>`, bold as terminal bold
 * (nothing when piped), channel and role mentions as `#name`/`@role`, block quotes, subtext and code spans
 * without their markers, and backslash escapes removed.
 */
export function markdownToText(text: string, style: TextStyle): string {
  return text
    .replace(/\[([^\]]+)\]\((https?:[^)]+)\)/g, "$1 <$2>")
    .replace(/(?<!\\)\*\*(.+?)(?<!\\)\*\*/g, (_, inner: string) => (style.color ? BOLD(inner, style) : inner))
    .replace(/<#([\w-]+)>/g, (_, id: string) => (id === CONSOLE_CHANNEL ? "this console" : `#${id}`))
    .replace(/<@&(\d+)>/g, "@role $1")
    .replace(/<@!?(\d+)>/g, "@user $1")
    .replace(/^(?:> |>>> |-# )/gm, "")
    .replace(/(?<!\\)`([^`\n]+?)(?<!\\)`/g, "$1")
    .replace(/\\([\\*_~`|[\]#>-])/g, "$1");
}
