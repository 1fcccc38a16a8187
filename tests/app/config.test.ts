import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";

describe("loadConfig", () => {
  it("GIVEN no settings THEN defaults make a console-mode config", () => {
    const result = loadConfig({});
    expect(result).toEqual({
      ok: true,
      config: {
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
        articleRetentionDays: 365,
      },
    });
  });

  it("GIVEN empty values (a copied .env.example) THEN they count as unset", () => {
    const result = loadConfig({ DISCORD_TOKEN: "", ARTICLES_DIR: "  ", LOG_LEVEL: "" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect("discordToken" in result.config).toBe(false);
    expect(result.config.articlesDir).toBe("articles");
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
      config: {
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
        articleRetentionDays: 365,
      },
    });
  });

  it("GIVEN several bad values THEN one problem line per key, naming it", () => {
    const result = loadConfig({ LOG_LEVEL: "loud", MAX_FILE_SIZE_MB: "-3", WATCH_ARTICLES: "maybe" });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
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
    expect(result.ok && result.config).toMatchObject({
      discordApiUrl: "http://127.0.0.1:5050",
      guildId: "123456789012345678",
      shards: 2,
    });
    expect(loadConfig({ SHARDS: "auto" })).toMatchObject({ ok: true, config: { shards: "auto" } });
  });

  it("GIVEN malformed Discord settings THEN each is named", () => {
    const result = loadConfig({ DISCORD_API_URL: "ftp://x", GUILD_ID: "general", SHARDS: "0" });
    const keys = result.ok ? [] : result.problems.map((line) => line.split(":")[0]);
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
    expect(result.ok && result.config).toMatchObject({
      feeds: ["https://a.example/rss", "https://b.example/atom.xml", "https://c.example/feed.json"],
      feedsAllowPrivate: true,
      feedPollMinutes: 5,
      articleRetentionDays: 365,
    });
  });

  it("GIVEN a poll interval out of range or a bad flag THEN each key is named", () => {
    const result = loadConfig({ FEED_POLL_MINUTES: "0", FEEDS_ALLOW_PRIVATE: "maybe" });
    const keys = result.ok ? [] : result.problems.map((line) => line.split(":")[0]);
    expect(keys.sort()).toEqual(["FEEDS_ALLOW_PRIVATE", "FEED_POLL_MINUTES"]);
    expect(loadConfig({ FEED_POLL_MINUTES: "1441" }).ok).toBe(false);
  });
});

describe("loadConfig article retention", () => {
  it("GIVEN ARTICLE_RETENTION_DAYS THEN it is read; unset, a year", () => {
    const result = loadConfig({ ARTICLE_RETENTION_DAYS: "30" });
    expect(result.ok && result.config.articleRetentionDays).toBe(30);
    const unset = loadConfig({});
    expect(unset.ok && unset.config.articleRetentionDays).toBe(365);
  });

  it.each(["0", "1.5", "days", "36501"])(
    "GIVEN ARTICLE_RETENTION_DAYS=%s THEN it is refused, named",
    (value) => {
      const result = loadConfig({ ARTICLE_RETENTION_DAYS: value });
      expect(result.ok ? [] : result.problems.map((line) => line.split(":")[0])).toEqual([
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
    expect(result.ok && result.config.feeds).toEqual([
      "https://a.example/rss",
      "http://b.example/feed.json",
      "https://c.example/atom",
    ]);
  });

  it("GIVEN a FEEDS entry that is not an http(s) URL THEN the key is named", () => {
    const result = loadConfig({ FEEDS: "https://a.example/rss ftp://b.example/feed" });
    expect(result.ok ? [] : result.problems).toEqual([
      "FEEDS: must be http(s) feed URLs separated by commas or spaces",
    ]);
  });
});
