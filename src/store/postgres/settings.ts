import type pg from "pg";
import type { Clock } from "../../core/clock.ts";
import type { EmptyDigestPolicy, GuildSettings, SettingsRepository, SettingsRow } from "../settings.ts";

/** {@link SettingsRepository} in PostgreSQL. */
export class PgSettingsRepository implements SettingsRepository {
  readonly #pool: pg.Pool;
  readonly #clock: Clock;
  constructor(pool: pg.Pool, clock: Clock) {
    this.#pool = pool;
    this.#clock = clock;
  }

  async get(guildId: string): Promise<GuildSettings> {
    const result = await this.#pool.query<SettingsRow>(
      "SELECT guild_id, empty_digest FROM guild_settings WHERE guild_id = $1",
      [guildId],
    );
    return { guildId, emptyDigest: result.rows[0]?.empty_digest ?? "post" };
  }

  async setEmptyDigest(guildId: string, policy: EmptyDigestPolicy): Promise<GuildSettings> {
    await this.#pool.query(
      `INSERT INTO guild_settings (guild_id, empty_digest, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (guild_id) DO UPDATE SET empty_digest = excluded.empty_digest, updated_at = excluded.updated_at`,
      [guildId, policy, this.#clock.now().toISOString()],
    );
    return this.get(guildId);
  }
}
