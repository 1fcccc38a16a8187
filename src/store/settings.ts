import type Database from "better-sqlite3";
import type { Clock } from "../core/clock.ts";
import { settle } from "./sqlite-async.ts";

/** What a server wants posted on a day without new articles. */
export type EmptyDigestPolicy = "post" | "skip";

/** A server's settings. */
export interface GuildSettings {
  guildId: string;
  emptyDigest: EmptyDigestPolicy;
}

/** Per-server settings (`guild_settings`). */
export interface SettingsRepository {
  /** A server's settings; defaults when it has never changed any. */
  get(guildId: string): Promise<GuildSettings>;
  /** Sets what a server's digest does on a day without articles, and returns the settings as they now are. */
  setEmptyDigest(guildId: string, policy: EmptyDigestPolicy): Promise<GuildSettings>;
}

/** A `guild_settings` row, as both engines return it. */
export interface SettingsRow {
  guild_id: string;
  empty_digest: EmptyDigestPolicy;
}

/** {@link SettingsRepository} in SQLite. */
export class SqliteSettingsRepository implements SettingsRepository {
  readonly #db: Database.Database;
  readonly #clock: Clock;
  constructor(db: Database.Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  get(guildId: string): Promise<GuildSettings> {
    return settle(() => this.#get(guildId));
  }

  #get(guildId: string): GuildSettings {
    const row = this.#db
      .prepare<[string], SettingsRow>("SELECT guild_id, empty_digest FROM guild_settings WHERE guild_id = ?")
      .get(guildId);
    return { guildId, emptyDigest: row?.empty_digest ?? "post" };
  }

  setEmptyDigest(guildId: string, policy: EmptyDigestPolicy): Promise<GuildSettings> {
    return settle(() => {
      this.#db
        .prepare(
          `INSERT INTO guild_settings (guild_id, empty_digest, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (guild_id) DO UPDATE SET empty_digest = excluded.empty_digest, updated_at = excluded.updated_at`,
        )
        .run(guildId, policy, this.#clock.now().toISOString());
      return this.#get(guildId);
    });
  }
}
