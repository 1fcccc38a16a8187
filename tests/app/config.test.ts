import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";

describe("loadConfig", () => {
  it("GIVEN no settings THEN defaults make a console-mode config", () => {
    const result = loadConfig({});
    expect(result).toEqual({
      ok: true,
      value: {
        articlesDir: "articles",
        dataDir: "data",
        logLevel: "info",
        logFormat: "auto",
        maxFileBytes: 5 * 1024 * 1024,
        watchArticles: true,
        digestGraceHours: 6,
        feeds: [],
        feedsAllowPrivate: false,
        feedPollMinutes: 15,
        feedConcurrency: 8,
        feedHostConcurrency: 2,
        feedSyncSeconds: 10,
        followPostsPerHour: 10,
        articleRetentionDays: 365,
      },
    });
  });

  it("GIVEN empty values (a copied .env.example) THEN they count as unset", () => {
    const result = loadConfig({ DISCORD_TOKEN: "", ARTICLES_DIR: "  ", LOG_LEVEL: "" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect("discordToken" in result.value).toBe(false);
    expect(result.value.articlesDir).toBe("articles");
  });

  it("GIVEN valid settings THEN each is read and converted", () => {
    const result = loadConfig({
      DISCORD_TOKEN: "abc.def.ghi",
      ARTICLES_DIR: "/srv/news",
      DATA_DIR: "/var/lib/newsdesk",
      LOG_LEVEL: "debug",
      LOG_FORMAT: "json",
      MAX_FILE_SIZE_MB: "0.5",
      WATCH_ARTICLES: "false",
      DIGEST_GRACE_HOURS: "1.5",
    });
    expect(result).toEqual({
      ok: true,
      value: {
        discordToken: "abc.def.ghi",
        articlesDir: "/srv/news",
        dataDir: "/var/lib/newsdesk",
        logLevel: "debug",
        logFormat: "json",
        maxFileBytes: 524_288,
        watchArticles: false,
        digestGraceHours: 1.5,
        feeds: [],
        feedsAllowPrivate: false,
        feedPollMinutes: 15,
        feedConcurrency: 8,
        feedHostConcurrency: 2,
        feedSyncSeconds: 10,
        followPostsPerHour: 10,
        articleRetentionDays: 365,
      },
    });
  });

  it("GIVEN several bad values THEN one problem line per key, naming it", () => {
    const result = loadConfig({ LOG_LEVEL: "loud", MAX_FILE_SIZE_MB: "-3", WATCH_ARTICLES: "maybe" });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.reason;
    expect(problems).toHaveLength(3);
    expect(problems.find((line) => line.startsWith("LOG_LEVEL: "))).toMatch(/one of fatal, error/);
    expect(problems.find((line) => line.startsWith("MAX_FILE_SIZE_MB: "))).toMatch(/more than 0/);
    expect(problems.find((line) => line.startsWith("WATCH_ARTICLES: "))).toMatch(/true or false/);
  });

  it("GIVEN a bad value beside a token THEN the token never appears in the problems", () => {
    const token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.secret-part";
    const result = loadConfig({ DISCORD_TOKEN: token, LOG_LEVEL: "nope" });
    expect(JSON.stringify(result)).not.toContain("secret-part");
  });
});

describe("loadConfig Discord settings", () => {
  it("GIVEN an API URL, server id and shard count THEN they are read", () => {
    const result = loadConfig({
      DISCORD_API_URL: "http://127.0.0.1:5050/",
      GUILD_ID: "123456789012345678",
      SHARDS: "2",
    });
    expect(result.ok && result.value).toMatchObject({
      discordApiUrl: "http://127.0.0.1:5050",
      guildId: "123456789012345678",
      shards: { ids: [0, 1], count: 2 },
    });
    expect(loadConfig({ SHARDS: "auto" })).toMatchObject({ ok: true, value: { shards: "auto" } });
  });

  it("GIVEN this host's shard ids of a count THEN the plan holds those ids of that count", () => {
    const result = loadConfig({ SHARD_IDS: "4-5, 7", SHARD_COUNT: "8" });
    expect(result.ok && result.value.shards).toEqual({ ids: [4, 5, 7], count: 8 });
  });

  it.each([
    [{ SHARD_IDS: "0-3" }, "SHARD_COUNT: is required with SHARD_IDS"],
    [{ SHARD_COUNT: "4" }, "SHARD_IDS: is required with SHARD_COUNT (e.g. 0-3)"],
    [
      { SHARD_IDS: "2-5", SHARD_COUNT: "4" },
      "SHARD_IDS: shard 4 does not exist in SHARD_COUNT=4 (ids start at 0)",
    ],
    [
      { SHARDS: "2", SHARD_IDS: "0", SHARD_COUNT: "2" },
      "SHARDS: leave it unset when SHARD_IDS and SHARD_COUNT say which shards run here",
    ],
    [{ SHARD_IDS: "3-1", SHARD_COUNT: "4" }, "SHARD_IDS: must be shard ids and ranges such as 0-3 or 0,2,4"],
  ])("GIVEN shard settings %j that do not fit together THEN one line says what to change", (env, line) => {
    expect(loadConfig(env)).toEqual({ ok: false, reason: [line] });
  });

  it("GIVEN malformed Discord settings THEN each is named", () => {
    const result = loadConfig({ DISCORD_API_URL: "ftp://x", GUILD_ID: "general", SHARDS: "0" });
    const keys = result.ok ? [] : result.reason.map((line) => line.split(":")[0]);
    expect(keys.sort()).toEqual(["DISCORD_API_URL", "GUILD_ID", "SHARDS"]);
  });
});

describe("loadConfig feed settings", () => {
  it("GIVEN FEEDS separated by commas, spaces and new lines THEN each URL is listed once in order", () => {
    const result = loadConfig({
      FEEDS: "https://a.example/rss, https://b.example/atom.xml\n  https://c.example/feed.json",
      FEEDS_ALLOW_PRIVATE: "true",
      FEED_POLL_MINUTES: "5",
    });
    expect(result.ok && result.value).toMatchObject({
      feeds: ["https://a.example/rss", "https://b.example/atom.xml", "https://c.example/feed.json"],
      feedsAllowPrivate: true,
      feedPollMinutes: 5,
      articleRetentionDays: 365,
    });
  });

  it("GIVEN a poll interval out of range or a bad flag THEN each key is named", () => {
    const result = loadConfig({ FEED_POLL_MINUTES: "0", FEEDS_ALLOW_PRIVATE: "maybe" });
    const keys = result.ok ? [] : result.reason.map((line) => line.split(":")[0]);
    expect(keys.sort()).toEqual(["FEEDS_ALLOW_PRIVATE", "FEED_POLL_MINUTES"]);
    expect(loadConfig({ FEED_POLL_MINUTES: "1441" }).ok).toBe(false);
  });
});

describe("loadConfig article retention", () => {
  it("GIVEN ARTICLE_RETENTION_DAYS THEN it is read; unset, a year", () => {
    const result = loadConfig({ ARTICLE_RETENTION_DAYS: "30" });
    expect(result.ok && result.value.articleRetentionDays).toBe(30);
    const unset = loadConfig({});
    expect(unset.ok && unset.value.articleRetentionDays).toBe(365);
  });

  it.each(["0", "1.5", "days", "36501"])(
    "GIVEN ARTICLE_RETENTION_DAYS=%s THEN it is refused, named",
    (value) => {
      const result = loadConfig({ ARTICLE_RETENTION_DAYS: value });
      expect(result.ok ? [] : result.reason.map((line) => line.split(":")[0])).toEqual([
        "ARTICLE_RETENTION_DAYS",
      ]);
    },
  );
});

describe("loadConfig feeds", () => {
  it("GIVEN FEEDS separated by commas and spaces THEN each URL is read", () => {
    const result = loadConfig({
      FEEDS: "https://a.example/rss, http://b.example/feed.json  https://c.example/atom",
    });
    expect(result.ok && result.value.feeds).toEqual([
      "https://a.example/rss",
      "http://b.example/feed.json",
      "https://c.example/atom",
    ]);
  });

  it("GIVEN a FEEDS entry that is not an http(s) URL THEN the key is named", () => {
    const result = loadConfig({ FEEDS: "https://a.example/rss ftp://b.example/feed" });
    expect(result.ok ? [] : result.reason).toEqual([
      "FEEDS: must be http(s) feed URLs separated by commas or spaces",
    ]);
  });

  it("GIVEN a PostgreSQL DATABASE_URL and feed limits THEN they are read; a bad URL is named without echoing it", () => {
    const result = loadConfig({
      DATABASE_URL: "postgres://newsdesk:s3cret@db.internal:5432/newsdesk",
      FEED_CONCURRENCY: "16",
      FEED_HOST_CONCURRENCY: "1",
      FEED_SYNC_SECONDS: "30",
    });
    expect(result.ok && result.value).toMatchObject({
      databaseUrl: "postgres://newsdesk:s3cret@db.internal:5432/newsdesk",
      feedConcurrency: 16,
      feedHostConcurrency: 1,
      feedSyncSeconds: 30,
    });
    const bad = loadConfig({ DATABASE_URL: "mysql://root:s3cret@db/newsdesk", FEED_CONCURRENCY: "0" });
    const problems = bad.ok ? [] : bad.reason;
    expect(problems.map((line) => line.split(":")[0]).sort()).toEqual(["DATABASE_URL", "FEED_CONCURRENCY"]);
    expect(problems.join("\n")).not.toContain("s3cret");
  });
});

describe("FOLLOW_POSTS_PER_HOUR", () => {
  it("GIVEN a number of posts THEN it is the flood limit; GIVEN 0 or a fraction THEN the key is named", () => {
    const set = loadConfig({ FOLLOW_POSTS_PER_HOUR: "3" });
    expect(set.ok && set.value.followPostsPerHour).toBe(3);
    for (const value of ["0", "2.5", "many"]) {
      const result = loadConfig({ FOLLOW_POSTS_PER_HOUR: value });
      expect(result.ok ? [] : result.reason.map((line) => line.split(":")[0])).toEqual([
        "FOLLOW_POSTS_PER_HOUR",
      ]);
    }
  });
});
