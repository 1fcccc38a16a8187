import pg from "pg";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.ts";
import { PgStore, SchemaTooNewError } from "../../src/store/db.ts";
import { dropSchema, postgresEngine, TEST_DATABASE_URL, testSchemaName } from "../helpers/store-engines.ts";
import { describeRepositoryContract } from "./repository-contract.ts";

// Without a test server the whole file is skipped; tests/setup/postgres.ts says so once (and fails under CI).
describe.skipIf(TEST_DATABASE_URL === undefined)("PostgreSQL store", () => {
  describeRepositoryContract(postgresEngine);
});

describe.skipIf(TEST_DATABASE_URL === undefined)("opening the PostgreSQL store", () => {
  const clock = new ManualClock("2025-12-05T12:00:00Z");
  const url = TEST_DATABASE_URL ?? "";

  it("GIVEN a database from a newer version WHEN opened THEN it refuses and changes nothing", async () => {
    const schema = testSchemaName();
    try {
      await (await PgStore.open({ url, schema, clock })).close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(
        `INSERT INTO "${schema}".schema_migrations (version, name, applied_at) VALUES (99, 'future', now())`,
      );
      await client.end();
      await expect(PgStore.open({ url, schema, clock })).rejects.toThrow(SchemaTooNewError);
    } finally {
      await dropSchema(url, schema);
    }
  });

  it("GIVEN a server that refuses the password WHEN opened THEN the error names DATABASE_URL but not the password", async () => {
    const wrong = new URL(url);
    wrong.username = "nobody_here";
    wrong.password = "s3cret-pass";
    const opening = PgStore.open({ url: wrong.toString(), clock });
    await expect(opening).rejects.toThrow(/cannot open the database .*\(DATABASE_URL\)/);
    await expect(opening).rejects.not.toThrow(/s3cret-pass/);
  });
});
