import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.ts";
import type { Store } from "../../src/store/db.ts";
import { MIGRATIONS } from "../../src/store/migrations/index.ts";
import { makeArticle } from "../fixtures/articles.ts";
import { withMigratedPostgres, withMigratedSqlite } from "../helpers/migrated-store.ts";
import { TEST_DATABASE_URL } from "../helpers/store-engines.ts";

/** Migration 011 dates the items stored before it from their article JSON, so that they can be pruned. */
const BEFORE_011 = MIGRATIONS.filter((migration) => migration.version < 11);
const clock = new ManualClock("2025-12-05T12:00:00Z");

const json = (publishedAt?: string) =>
  JSON.stringify(makeArticle({ id: "x", ...(publishedAt !== undefined && { publishedAt }) })).replaceAll(
    "'",
    "''",
  );

// Items of one feed as an older Newsdesk stored them: dated in UTC, dated with an offset, undated, with a
// date no engine reads, and a row whose JSON is broken.
const ROWS = `
  INSERT INTO feeds (id, url, created_at) VALUES (1, 'https://outlet.example/rss', '2025-11-01T00:00:00.000Z');
  INSERT INTO feed_subscriptions (feed_id, guild_id, created_at) VALUES (1, '', '2025-11-01T00:00:00.000Z');
  INSERT INTO feed_items (feed_id, item_key, fingerprint, article, first_seen_at, updated_at) VALUES
    (1, 'old', 'f', '${json("2025-11-20T10:00:00Z")}', '2025-11-20T10:00:00.000Z', '2025-11-20T10:00:00.000Z'),
    (1, 'offset', 'f', '${json("2025-12-01T01:00:00+02:00")}', '2025-12-01T00:00:00.000Z', '2025-12-01T00:00:00.000Z'),
    (1, 'new', 'f', '${json("2025-12-03T08:00:00.000Z")}', '2025-12-03T08:00:00.000Z', '2025-12-03T08:00:00.000Z'),
    (1, 'undated', 'f', '${json()}', '2025-12-03T08:00:00.000Z', '2025-12-03T08:00:00.000Z'),
    (1, 'bad-date', 'f', '{"publishedAt": "sometime"}', '2025-12-03T08:00:00.000Z', '2025-12-03T08:00:00.000Z'),
    (1, 'bad-json', 'f', '{"publishedAt": "2025-01-01', '2025-12-03T08:00:00.000Z', '2025-12-03T08:00:00.000Z');
`;

/** What every engine must do after the migration, given the rows above. */
async function expectDatedAndPrunable(store: Store): Promise<void> {
  expect(await store.feeds.pruneItems(new Date("2025-12-01T00:00:00Z"))).toBe(2);
  const left = await store.feeds.fingerprints(1);
  expect([...left.keys()].sort()).toEqual(["bad-date", "bad-json", "new", "undated"]);
  expect(await store.feeds.pruneItems(new Date("2025-12-04T00:00:00Z"))).toBe(1);
}

describe("migration 011 on SQLite", () => {
  it("GIVEN items stored before it WHEN migrated THEN they are dated from their articles and pruned by that date; unreadable ones stay", async () => {
    await withMigratedSqlite(BEFORE_011, [ROWS], clock, expectDatedAndPrunable);
  });
});

describe.skipIf(TEST_DATABASE_URL === undefined)("migration 011 on PostgreSQL", () => {
  it("GIVEN items stored before it WHEN migrated THEN they are dated from their articles and pruned by that date; unreadable ones stay", async () => {
    await withMigratedPostgres(TEST_DATABASE_URL ?? "", BEFORE_011, [ROWS], clock, expectDatedAndPrunable);
  });
});
