/** One step of the database schema; applied once, in version order, inside a transaction. */
export interface Migration {
  /** Strictly increasing, never reused; the `schema_migrations` table records it. */
  version: number;
  name: string;
  /** Statements separated by semicolons. */
  sql: string;
}
