import { createHash } from "node:crypto";
import { DISCORD_LIMITS } from "./limits.ts";

/** Options as a command received them: the values Discord sends are strings, numbers and booleans. */
export type PageOptions = Record<string, string | number | boolean>;

/** What a Previous/Next button asks for: the command re-run with the same options, at another page. */
export interface PageRequest {
  command: string;
  options: PageOptions;
  page: number;
}

export type DecodedButton =
  | { kind: "page"; request: PageRequest }
  /** Its options were kept in memory only, and this process no longer has them (restart or eviction). */
  | { kind: "expired"; command: string }
  | { kind: "unknown" };

const INLINE_PREFIX = "pg";
const HASHED_PREFIX = "ph";
const SEPARATOR = ":";
const HASH_LENGTH = 16;
const DEFAULT_REMEMBERED = 2_000;

/**
 * Encodes page navigation into button custom ids, so that a page can be served by re-running the command
 * even after a restart. Options go into the id itself when it stays within Discord's 100 characters;
 * longer ones are replaced by a hash and kept in a small least-recently-used memory.
 */
export class PageButtonCodec {
  readonly #remembered = new Map<string, PageOptions>();
  readonly #capacity: number;

  constructor(capacity = DEFAULT_REMEMBERED) {
    this.#capacity = capacity;
  }

  encode(request: PageRequest): string {
    const json = JSON.stringify(request.options);
    const inline = [INLINE_PREFIX, request.page, request.command, json].join(SEPARATOR);
    if (inline.length <= DISCORD_LIMITS.customId) return inline;
    const hash = createHash("sha256").update(json).digest("base64url").slice(0, HASH_LENGTH);
    this.#remember(hash, request.options);
    return [HASHED_PREFIX, request.page, request.command, hash].join(SEPARATOR);
  }

  decode(customId: string): DecodedButton {
    const [prefix, pageText, command, ...rest] = customId.split(SEPARATOR);
    const payload = rest.join(SEPARATOR);
    if (!pageText || !/^\d{1,4}$/.test(pageText) || !command) return { kind: "unknown" };
    const page = Number(pageText);
    if (prefix === INLINE_PREFIX) {
      const options = parseOptions(payload);
      return options ? { kind: "page", request: { command, options, page } } : { kind: "unknown" };
    }
    if (prefix === HASHED_PREFIX) {
      const options = this.#recall(payload);
      return options ? { kind: "page", request: { command, options, page } } : { kind: "expired", command };
    }
    return { kind: "unknown" };
  }

  #remember(hash: string, options: PageOptions): void {
    this.#remembered.delete(hash);
    this.#remembered.set(hash, options);
    if (this.#remembered.size > this.#capacity) {
      const oldest = this.#remembered.keys().next();
      if (!oldest.done) this.#remembered.delete(oldest.value);
    }
  }

  #recall(hash: string): PageOptions | undefined {
    const options = this.#remembered.get(hash);
    if (options) this.#remember(hash, options);
    return options;
  }
}

function parseOptions(json: string): PageOptions | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  const primitive = entries.every(([, v]) => ["string", "number", "boolean"].includes(typeof v));
  return primitive ? (value as PageOptions) : undefined;
}
