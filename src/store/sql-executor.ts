import type Database from "better-sqlite3";
import type pg from "pg";

/**
 * Runs one SQL statement written with `?` placeholders and resolves to the rows it returns (none for a
 * statement without RETURNING). Lets a repository whose SQL both engines understand be written once.
 */
export interface SqlExecutor {
  rows<Row>(sql: string, params: readonly unknown[]): Promise<Row[]>;
}

/** Statements on a better-sqlite3 connection, prepared once each and run at once. */
export function sqliteExecutor(db: Database.Database): SqlExecutor {
  const prepared = new Map<string, Database.Statement>();
  return {
    rows<Row>(sql: string, params: readonly unknown[]): Promise<Row[]> {
      let statement = prepared.get(sql);
      if (statement === undefined) {
        statement = db.prepare(sql);
        prepared.set(sql, statement);
      }
      if (!statement.reader) {
        statement.run(...params);
        return Promise.resolve([]);
      }
      return Promise.resolve(statement.all(...params) as Row[]);
    },
  };
}

/** Statements on a PostgreSQL pool, the `?` placeholders numbered as PostgreSQL writes them ($1, $2, …). */
export function pgExecutor(pool: pg.Pool): SqlExecutor {
  const numbered = new Map<string, string>();
  return {
    async rows<Row>(sql: string, params: readonly unknown[]): Promise<Row[]> {
      let text = numbered.get(sql);
      if (text === undefined) {
        let index = 0;
        text = sql.replace(/\?/g, () => `$${String(++index)}`);
        numbered.set(sql, text);
      }
      const result = await pool.query(text, [...params]);
      return result.rows as Row[];
    },
  };
}
