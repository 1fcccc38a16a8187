import pg from "pg";

/** A pool, or one client inside a transaction: whatever a repository query runs on. */
export type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

const { builtins } = pg.types;
const TIMESTAMPTZ: number = builtins.TIMESTAMPTZ;
const INT8: number = builtins.INT8;
/** pg-types' parser lookup, typed: its declaration returns `any`. */
const defaultParser = pg.types.getTypeParser as (
  oid: number,
  format?: "text" | "binary",
) => (text: string) => unknown;
const parseTimestamp = defaultParser(TIMESTAMPTZ);

/**
 * Rows read like SQLite's: times as ISO strings (`2025-12-05T12:00:00.000Z`, as the SQLite store writes
 * them) and counts and sequences as numbers, so both engines share one row-to-record mapping.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === TIMESTAMPTZ) {
      return (text: string) => {
        const parsed = parseTimestamp(text);
        return parsed instanceof Date ? parsed.toISOString() : parsed;
      };
    }
    if (oid === INT8) return (text: string) => Number(text);
    return defaultParser(oid, format);
  }) as pg.CustomTypesConfig["getTypeParser"],
};

/** How the PostgreSQL store connects. */
export interface PgConnectionOptions {
  /** `postgres://user:password@host:port/database`; `?host=/path` for a Unix socket. */
  url: string;
  /** A schema of its own (created if missing) instead of `public`: the tests give each file one. */
  schema?: string | undefined;
  /** Connections in the pool. */
  poolSize?: number | undefined;
}

/** Connection settings for a pool or a single client: our type parsers, UTC, the schema if any. */
export function clientConfig(options: PgConnectionOptions): pg.ClientConfig {
  const searchPath = options.schema === undefined ? "" : ` -c search_path=${quoteIdentifier(options.schema)}`;
  return { connectionString: options.url, types, options: `-c TimeZone=UTC${searchPath}` };
}

/** Opens a pool; its idle connections' errors (a server restart) are left to the next query to report. */
export function openPool(options: PgConnectionOptions): pg.Pool {
  const pool = new pg.Pool({ ...clientConfig(options), max: options.poolSize ?? 10 });
  pool.on("error", () => {
    // An idle client lost its connection; the pool drops it and the next query opens a new one.
  });
  return pool;
}

/** Runs `work` in one transaction on one client: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** An identifier in double quotes, safe to put in SQL. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The URL with its password replaced, for errors and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(a DATABASE_URL that is not a URL)";
  }
}
