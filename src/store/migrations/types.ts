/**
 * One step of the database schema, in both engines' SQL; applied once, in version order, inside a
 * transaction. The two scripts may differ in types (TIMESTAMPTZ, BOOLEAN, identity columns) but must give
 * the repositories the same behaviour: the repository contract tests run against both.
 */
export interface Migration {
  /** Strictly increasing, never reused; the `schema_migrations` table records it. */
  version: number;
  name: string;
  /** SQLite statements separated by semicolons. */
  sql: string;
  /** PostgreSQL statements separated by semicolons. */
  postgres: string;
}
