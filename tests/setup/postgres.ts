/**
 * vitest globalSetup: without a PostgreSQL test server (NEWSDESK_TEST_DATABASE_URL, which .ci/run sets) the
 * PostgreSQL half of the store tests is skipped, said once here; under CI=true that is a failure instead,
 * so that CI never passes by skipping it.
 */
export default function setup(): void {
  const url = process.env.NEWSDESK_TEST_DATABASE_URL?.trim();
  if (url) return;
  if (process.env.CI === "true") {
    throw new Error(
      "CI=true but NEWSDESK_TEST_DATABASE_URL is not set: the PostgreSQL store tests need a server (.ci/run starts one).",
    );
  }
  process.stderr.write(
    "PostgreSQL store tests skipped: set NEWSDESK_TEST_DATABASE_URL (see .ci/postgres.sh) to run them.\n",
  );
}
