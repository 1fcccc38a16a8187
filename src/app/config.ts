import { z } from "zod";
import { MAX_SHARD_COUNT, parseShardIds, type ShardPlan } from "../core/shards.ts";
import { isWebUrl } from "../core/text/web-url.ts";
import { parsePlain } from "../core/text/zod-issues.ts";
import { err, ok, type Result } from "../core/result.ts";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

/** Every setting Newsdesk reads from the environment; .env.example documents each one. */
const ConfigSchema = z.object({
  DISCORD_TOKEN: z.string().min(1).optional(),
  DISCORD_API_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  GUILD_ID: z
    .string()
    .regex(/^\d{17,20}$/, { error: "must be a Discord server id (17-20 digits)" })
    .optional(),
  SHARDS: z
    .string()
    .regex(/^(auto|[1-9]\d{0,3})$/, { error: "must be auto or a number of shards" })
    .optional(),
  SHARD_IDS: z
    .string()
    .refine((value) => parseShardIds(value) !== undefined, {
      error: "must be shard ids and ranges such as 0-3 or 0,2,4",
    })
    .optional(),
  SHARD_COUNT: z.coerce
    .number({ error: "must be a number of shards" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be at least 1" })
    .max(MAX_SHARD_COUNT, { error: `must be at most ${String(MAX_SHARD_COUNT)}` })
    .optional(),
  ARTICLES_DIR: z.string().min(1).default("articles"),
  DATA_DIR: z.string().min(1).default("data"),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
  LOG_FORMAT: z.enum(["auto", "json", "pretty"], { error: "must be auto, json or pretty" }).default("auto"),
  MAX_FILE_SIZE_MB: z.coerce
    .number({ error: "must be a number of megabytes" })
    .positive({ error: "must be more than 0" })
    .max(1024, { error: "must be at most 1024" })
    .default(5),
  WATCH_ARTICLES: booleanFlag.default(true),
  DIGEST_GRACE_HOURS: z.coerce
    .number({ error: "must be a number of hours" })
    .min(0, { error: "must be 0 or more" })
    .max(168, { error: "must be at most 168 (a week)" })
    .default(6),
  FEEDS: z
    .string()
    .refine((value) => splitList(value).every(isWebUrl), {
      error: "must be http(s) feed URLs separated by commas or spaces",
    })
    .optional(),
  FEEDS_ALLOW_PRIVATE: booleanFlag.default(false),
  FEED_POLL_MINUTES: z.coerce
    .number({ error: "must be a number of minutes" })
    .min(1, { error: "must be at least 1" })
    .max(1440, { error: "must be at most 1440 (a day)" })
    .default(15),
  DATABASE_URL: z
    .string()
    .refine(isPostgresUrl, { error: "must be a postgres:// or postgresql:// URL" })
    .optional(),
  FEED_CONCURRENCY: z.coerce
    .number({ error: "must be a number of feeds" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be at least 1" })
    .max(64, { error: "must be at most 64" })
    .default(8),
  FEED_HOST_CONCURRENCY: z.coerce
    .number({ error: "must be a number of feeds" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be at least 1" })
    .max(16, { error: "must be at most 16" })
    .default(2),
  FEED_SYNC_SECONDS: z.coerce
    .number({ error: "must be a number of seconds" })
    .min(1, { error: "must be at least 1" })
    .max(3600, { error: "must be at most 3600 (an hour)" })
    .default(10),
  FOLLOW_POSTS_PER_HOUR: z.coerce
    .number({ error: "must be a number of posts" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be at least 1" })
    .max(100, { error: "must be at most 100" })
    .default(10),
  ARTICLE_RETENTION_DAYS: z.coerce
    .number({ error: "must be a number of days" })
    .int({ error: "must be a whole number of days" })
    .min(1, { error: "must be at least 1" })
    .max(36_500, { error: "must be at most 36500 (a hundred years)" })
    .default(365),
});

export interface Config {
  discordToken?: string;
  /** Another Discord-compatible server for REST and gateway traffic (the tests' fake Discord). */
  discordApiUrl?: string;
  /** Register commands in this server only (instant) instead of globally. */
  guildId?: string;
  /**
   * The gateway shards this process runs, all in this one process (discord.js internal sharding), so that
   * it holds one library however many shards it runs. Unset: one shard, as Discord allows for small bots.
   */
  shards?: ShardPlan;
  articlesDir: string;
  dataDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  logFormat: "auto" | "json" | "pretty";
  maxFileBytes: number;
  watchArticles: boolean;
  /** A digest missed while the bot was down is still posted at start if it is at most this many hours late. */
  digestGraceHours: number;
  /** The operator's feeds (FEEDS), visible in every server. */
  feeds: string[];
  /** Let feeds reach private and loopback addresses; for tests and closed networks only. */
  feedsAllowPrivate: boolean;
  /** Time between two fetches of a feed. */
  feedPollMinutes: number;
  /** PostgreSQL shared by every host (DATABASE_URL); unset: SQLite in DATA_DIR. Holds a password: never log it. */
  databaseUrl?: string;
  /** Feeds polled at once by one process. */
  feedConcurrency: number;
  /** Feeds of one host name polled at once by one process. */
  feedHostConcurrency: number;
  /** How often a process reads what the others stored (feed articles, follows). */
  feedSyncSeconds: number;
  /** At most this many top-level posts per follow per hour; more stories go in one batch message. */
  followPostsPerHour: number;
  /** Feed articles published longer ago than this leave the library; files in ARTICLES_DIR always stay. */
  articleRetentionDays: number;
}

/** The settings, or what is wrong with them: one line per bad key, naming the key, never its value. */
export type ConfigResult = Result<Config, string[]>;

/**
 * Validates the environment once, at start. Empty values count as unset, so a copied .env.example
 * with blanks behaves like no .env at all. Problems name the key and never echo a value, so a
 * malformed token is not printed.
 */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const present = Object.fromEntries(
    Object.keys(ConfigSchema.shape).flatMap((key) => {
      const value = env[key]?.trim();
      return value ? [[key, value]] : [];
    }),
  );
  const parsed = parsePlain(ConfigSchema, present, { style: "list" });
  // One line per bad key: the first problem of each says enough.
  if (!parsed.ok) return err(firstPerKey(parsed.reason));
  const values = parsed.value;
  const config: Config = {
    articlesDir: values.ARTICLES_DIR,
    dataDir: values.DATA_DIR,
    logLevel: values.LOG_LEVEL,
    logFormat: values.LOG_FORMAT,
    maxFileBytes: Math.round(values.MAX_FILE_SIZE_MB * 1024 * 1024),
    watchArticles: values.WATCH_ARTICLES,
    digestGraceHours: values.DIGEST_GRACE_HOURS,
    feeds: splitList(values.FEEDS),
    feedsAllowPrivate: values.FEEDS_ALLOW_PRIVATE,
    feedPollMinutes: values.FEED_POLL_MINUTES,
    feedConcurrency: values.FEED_CONCURRENCY,
    feedHostConcurrency: values.FEED_HOST_CONCURRENCY,
    feedSyncSeconds: values.FEED_SYNC_SECONDS,
    followPostsPerHour: values.FOLLOW_POSTS_PER_HOUR,
    articleRetentionDays: values.ARTICLE_RETENTION_DAYS,
  };
  if (values.DATABASE_URL !== undefined) config.databaseUrl = values.DATABASE_URL;
  if (values.DISCORD_TOKEN !== undefined) config.discordToken = values.DISCORD_TOKEN;
  if (values.DISCORD_API_URL !== undefined) config.discordApiUrl = values.DISCORD_API_URL.replace(/\/+$/, "");
  if (values.GUILD_ID !== undefined) config.guildId = values.GUILD_ID;
  const shards = shardPlan(values.SHARDS, values.SHARD_IDS, values.SHARD_COUNT);
  if ("problems" in shards) return err(shards.problems);
  if (shards.plan !== undefined) config.shards = shards.plan;
  return ok(config);
}

/**
 * SHARDS (every shard on this host) or SHARD_IDS with SHARD_COUNT (this host's part of a deployment on
 * several hosts): never both, and the ids must exist in the count.
 */
function shardPlan(
  shards: string | undefined,
  idsText: string | undefined,
  count: number | undefined,
): { plan: ShardPlan | undefined } | { problems: string[] } {
  if (shards !== undefined) {
    if (idsText !== undefined || count !== undefined) {
      return {
        problems: ["SHARDS: leave it unset when SHARD_IDS and SHARD_COUNT say which shards run here"],
      };
    }
    if (shards === "auto") return { plan: "auto" };
    const total = Number(shards);
    return { plan: { ids: Array.from({ length: total }, (_, id) => id), count: total } };
  }
  if (idsText === undefined && count === undefined) return { plan: undefined };
  if (idsText === undefined) return { problems: ["SHARD_IDS: is required with SHARD_COUNT (e.g. 0-3)"] };
  if (count === undefined) return { problems: ["SHARD_COUNT: is required with SHARD_IDS"] };
  const ids = parseShardIds(idsText) ?? [];
  const outside = ids.filter((id) => id >= count);
  if (outside.length > 0) {
    return {
      problems: [
        `SHARD_IDS: shard ${String(outside[0])} does not exist in SHARD_COUNT=${String(count)} (ids start at 0)`,
      ],
    };
  }
  return { plan: { ids, count } };
}

function firstPerKey(problems: readonly string[]): string[] {
  const seen = new Set<string>();
  return problems.filter((line) => {
    const key = /^\w+/.exec(line)?.[0] ?? line;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "postgres:" || url.protocol === "postgresql:";
  } catch {
    return false;
  }
}

/** A list written with commas, spaces or new lines between its entries. */
function splitList(value: string | undefined): string[] {
  return (value ?? "").split(/[\s,]+/).filter((entry) => entry !== "");
}
