import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

/** Every setting Newsdesk reads from the environment; .env.example documents each one. */
const ConfigSchema = z.object({
  DISCORD_TOKEN: z.string().min(1).optional(),
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
});

export interface Config {
  discordToken?: string;
  articlesDir: string;
  dataDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  logFormat: "auto" | "json" | "pretty";
  maxFileBytes: number;
  watchArticles: boolean;
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
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    return { ok: false, problems };
  }
  const values = parsed.data;
  const config: Config = {
    articlesDir: values.ARTICLES_DIR,
    dataDir: values.DATA_DIR,
    logLevel: values.LOG_LEVEL,
    logFormat: values.LOG_FORMAT,
    maxFileBytes: Math.round(values.MAX_FILE_SIZE_MB * 1024 * 1024),
    watchArticles: values.WATCH_ARTICLES,
  };
  if (values.DISCORD_TOKEN !== undefined) config.discordToken = values.DISCORD_TOKEN;
  return { ok: true, config };
}
