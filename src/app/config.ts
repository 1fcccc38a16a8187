import { z } from "zod";
import { isWebUrl } from "../core/text/web-url.ts";
import { parsePlain } from "../core/text/zod-issues.ts";

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
  /** Run under discord.js's ShardingManager with this many shards. */
  shards?: number | "auto";
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
  /** Feed articles published longer ago than this leave the library; files in ARTICLES_DIR always stay. */
  articleRetentionDays: number;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

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
  if (!parsed.success) return { ok: false, problems: firstPerKey(parsed.problems) };
  const values = parsed.data;
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
    articleRetentionDays: values.ARTICLE_RETENTION_DAYS,
  };
  if (values.DISCORD_TOKEN !== undefined) config.discordToken = values.DISCORD_TOKEN;
  if (values.DISCORD_API_URL !== undefined) config.discordApiUrl = values.DISCORD_API_URL.replace(/\/+$/, "");
  if (values.GUILD_ID !== undefined) config.guildId = values.GUILD_ID;
  if (values.SHARDS !== undefined) config.shards = values.SHARDS === "auto" ? "auto" : Number(values.SHARDS);
  return { ok: true, config };
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

/** A list written with commas, spaces or new lines between its entries. */
function splitList(value: string | undefined): string[] {
  return (value ?? "").split(/[\s,]+/).filter((entry) => entry !== "");
}
