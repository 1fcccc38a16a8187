import type { Migration } from "./types.ts";

/**
 * When each feed item was published, beside its article JSON, so that items past ARTICLE_RETENTION_DAYS can
 * be deleted by date (`pruneItems`) without reading every article. Null for undated items, which are kept.
 * Rows stored before are backfilled from the article's `publishedAt`; one whose JSON or date cannot be read
 * stays undated rather than failing the migration.
 */
export const feedItemDatesMigration: Migration = {
  version: 11,
  name: "feed-item-dates",
  sql: `
    ALTER TABLE feed_items ADD COLUMN published_at TEXT;

    -- The same text as Date.toISOString() (UTC, milliseconds), so that dates compare as strings; strftime
    -- turns an offset into UTC and gives NULL for what it cannot read. CASE, unlike AND, is sure to test the
    -- JSON before json_type reads it (which raises on bad JSON).
    UPDATE feed_items
    SET published_at = strftime('%Y-%m-%dT%H:%M:%fZ', json_extract(article, '$.publishedAt'))
    WHERE CASE WHEN json_valid(article) THEN json_type(article, '$.publishedAt') = 'text' ELSE 0 END;

    CREATE INDEX feed_items_by_published ON feed_items (published_at);
  `,
  postgres: `
    ALTER TABLE feed_items ADD COLUMN published_at TIMESTAMPTZ;

    -- A cast of bad JSON or of a bad date raises: caught per row, so that such a row is only left undated.
    CREATE FUNCTION pg_temp.newsdesk_published_at(article TEXT) RETURNS TIMESTAMPTZ
    LANGUAGE plpgsql IMMUTABLE AS $$
    BEGIN
      RETURN (article::jsonb ->> 'publishedAt')::timestamptz;
    EXCEPTION WHEN others THEN
      RETURN NULL;
    END $$;

    UPDATE feed_items SET published_at = pg_temp.newsdesk_published_at(article)
    WHERE article LIKE '%"publishedAt"%';

    DROP FUNCTION pg_temp.newsdesk_published_at(TEXT);

    CREATE INDEX feed_items_by_published ON feed_items (published_at);
  `,
};
