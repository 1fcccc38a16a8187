import type {
  Alert,
  AlertPost,
  AlertPoster,
  AlertPostResult,
  DestinationCheck,
} from "../core/follows/alert.ts";
import { formatInstant } from "../core/digest/render.ts";
import type { TextStyle } from "./render.ts";

/**
 * Where follows post in the local console: each matching article is printed as it arrives, a later article
 * of a story marked as such. The console is one channel, so every destination is fine.
 */
export class TextAlertPoster implements AlertPoster {
  readonly #write: (text: string) => void;
  readonly #style: TextStyle;
  #posted = 0;

  constructor(write: (text: string) => void, style: TextStyle = { color: false }) {
    this.#write = write;
    this.#style = style;
  }

  post(post: AlertPost): Promise<AlertPostResult> {
    const messageId = `console-alert-${String(++this.#posted)}`;
    const inStory = post.place.kind === "in-story";
    this.#write(alertText(post.alert, inStory, this.#style));
    return Promise.resolve(
      post.place.kind === "in-story"
        ? { messageId, threadId: post.place.storyThreadId ?? post.place.storyMessageId }
        : { messageId },
    );
  }

  checkDestination(): Promise<DestinationCheck> {
    return Promise.resolve({ ok: true, kind: "channel" });
  }
}

/** An alert as console text: a marked first line, then where, when, the summary and the quote. */
export function alertText(alert: Alert, inStory: boolean, style: TextStyle): string {
  const bold = (text: string) => (style.color ? `\u001b[1m${text}\u001b[22m` : text);
  if (alert.kind === "batch") {
    const head = alert.hourly
      ? `🔔 ${alert.storyCount} ${alert.storyCount === 1 ? "story" : "stories"} this hour: ${alert.label}`
      : `🔔 ${alert.storyCount} more ${alert.storyCount === 1 ? "story" : "stories"} matched ${alert.label}`;
    const lines = alert.links.map(
      (link) => `  • ${link.headline} · ${link.source}${link.url ? ` ${link.url}` : ""}`,
    );
    const unnamed = alert.storyCount - alert.links.length;
    if (unnamed > 0) lines.push(`  and ${unnamed} more`);
    return [bold(head), ...lines].join("\n");
  }
  const when =
    alert.publishedAt === undefined ? undefined : `${formatInstant(new Date(alert.publishedAt), "UTC")} UTC`;
  const lines = [bold(`${inStory ? "🔔 ↳ more on this story: " : "🔔 "}${alert.headline}`)];
  lines.push([alert.source, when, alert.url].filter((part) => part !== undefined).join(" · "));
  const quote =
    alert.quote === undefined
      ? []
      : [`  “${alert.quote.text}”${alert.quote.speaker === undefined ? "" : ` — ${alert.quote.speaker}`}`];
  if (alert.quoteFirst === true) {
    lines.push(...quote);
    if (alert.quote?.context !== undefined) lines.push(`  (${alert.quote.context})`);
    if (alert.summary !== "") lines.push(alert.summary);
  } else {
    if (alert.summary !== "") lines.push(alert.summary);
    lines.push(...quote);
  }
  return lines.join("\n");
}
