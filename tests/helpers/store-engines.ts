import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { Clock } from "../../src/core/clock.ts";
import { openDataStore, PgStore, type Store } from "../../src/store/db.ts";

/** The test server's URL (.ci/run starts one); unset on a developer's machine without PostgreSQL. */
const testUrl = process.env.NEWSDESK_TEST_DATABASE_URL?.trim() ?? "";
// An empty value counts as unset, as in the app.
export const TEST_DATABASE_URL = testUrl === "" ? undefined : testUrl;

/**
 * One database for a test: every `open` connects to the same data (a second process, a restart), and
 * `cleanup` closes them all and throws the data away.
 */
export interface TestDatabase {
  open(clock: Clock): Promise<Store>;
  cleanup(): Promise<void>;
}

/** How to get a {@link TestDatabase} of one engine. */
export interface StoreEngine {
  name: "sqlite" | "postgres";
  create(): TestDatabase;
}

/** A SQLite file in a temp folder. */
export const sqliteEngine: StoreEngine = {
  name: "sqlite",
  create() {
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-store-"));
    const stores: Store[] = [];
    return {
      open(clock) {
        const store = openDataStore(dir, { clock });
        stores.push(store);
        return Promise.resolve(store);
      },
      async cleanup() {
        for (const store of stores.splice(0)) await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/** A schema of its own on the test server, so that test files (and tests) run in parallel. */
export const postgresEngine: StoreEngine = {
  name: "postgres",
  create() {
    const url = TEST_DATABASE_URL;
    if (url === undefined) throw new Error("NEWSDESK_TEST_DATABASE_URL is not set");
    const schema = testSchemaName();
    const stores: Store[] = [];
    return {
      async open(clock) {
        const store = await PgStore.open({ url, schema, clock, poolSize: 4 });
        stores.push(store);
        return store;
      },
      async cleanup() {
        for (const store of stores.splice(0)) await store.close();
        await dropSchema(url, schema);
      },
    };
  },
};

/** The engines tests run against: SQLite always, PostgreSQL when the test server is there. */
export function availableEngines(): StoreEngine[] {
  return TEST_DATABASE_URL === undefined ? [sqliteEngine] : [sqliteEngine, postgresEngine];
}

/** A fresh schema name: letters, digits and underscores only. */
export function testSchemaName(): string {
  return `test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
