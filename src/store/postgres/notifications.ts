import pg from "pg";
import { clientConfig, type PgConnectionOptions } from "./connection.ts";
import { FEED_CHANGES_CHANNEL } from "./feeds.ts";

/** How long to wait before listening again after the connection was lost. */
const RECONNECT_DELAY_MS = 5_000;

/**
 * LISTENs for feed changes on a connection of its own and calls `onChange` for each of its schema's; after
 * a lost connection it listens again and calls `onChange` once, since notifications sent meanwhile are gone
 * (the change log itself loses nothing, so one catch-up read is enough).
 */
export class FeedChangeListener {
  readonly #options: PgConnectionOptions;
  readonly #schema: string;
  readonly #onChange: () => void;
  readonly #onError: (error: Error) => void;
  #client: pg.Client | undefined;
  #retry: NodeJS.Timeout | undefined;
  #closed = false;

  private constructor(
    options: PgConnectionOptions,
    schema: string,
    onChange: () => void,
    onError: (error: Error) => void,
  ) {
    this.#options = options;
    this.#schema = schema;
    this.#onChange = onChange;
    this.#onError = onError;
  }

  /** Starts listening; resolves once LISTEN is in place, so later changes are not missed. */
  static async start(
    options: PgConnectionOptions,
    schema: string,
    onChange: () => void,
    onError: (error: Error) => void,
  ): Promise<FeedChangeListener> {
    const listener = new FeedChangeListener(options, schema, onChange, onError);
    await listener.#connect();
    return listener;
  }

  async #connect(): Promise<void> {
    const client = new pg.Client(clientConfig(this.#options));
    client.on("notification", (message) => {
      if (message.channel === FEED_CHANGES_CHANNEL && message.payload === this.#schema) this.#onChange();
    });
    client.on("error", (error) => {
      this.#lost(client, error);
    });
    client.on("end", () => {
      this.#lost(client, undefined);
    });
    await client.connect();
    await client.query(`LISTEN ${FEED_CHANGES_CHANNEL}`);
    if (this.#closed) {
      await client.end();
      return;
    }
    this.#client = client;
  }

  #lost(client: pg.Client, error: Error | undefined): void {
    if (this.#closed || this.#client !== client) return;
    this.#client = undefined;
    if (error) this.#onError(error);
    client.end().catch(() => undefined);
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.#connect().then(
        () => {
          this.#onChange();
        },
        (error: unknown) => {
          this.#onError(error instanceof Error ? error : new Error(String(error)));
          if (!this.#closed) this.#scheduleReconnect();
        },
      );
    }, RECONNECT_DELAY_MS).unref();
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry !== undefined) clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }
}
