import type { RunRepository } from "./digest-runs.ts";
import type { FeedRepository } from "./feeds.ts";
import type { FollowRepository } from "./follows.ts";
import type { IdentifyBucketRepository } from "./identify-buckets.ts";
import type { ScheduleRepository } from "./schedules.ts";
import type { SettingsRepository } from "./settings.ts";

/**
 * Newsdesk's database: per-server settings, digest schedules, digest runs and feeds, one repository each,
 * the same interface in SQLite (one host, the default) and PostgreSQL (DATABASE_URL, any number of hosts).
 * Every SQL statement of the project lives in this folder.
 */
export interface Store {
  readonly engine: "sqlite" | "postgres";
  readonly settings: SettingsRepository;
  readonly schedules: ScheduleRepository;
  readonly runs: RunRepository;
  readonly feeds: FeedRepository;
  /** Live alerts (`/follow`) and the record of each article they posted. */
  readonly follows: FollowRepository;
  /** When each of Discord's identify buckets may next open a gateway session, for every host alike. */
  readonly identifyBuckets: IdentifyBucketRepository;
  /**
   * Calls `onChange` soon after any process changes feed items or followers, where the engine can say so
   * (PostgreSQL's NOTIFY); undefined where it cannot (SQLite), and readers poll
   * {@link FeedRepository.changesSince} instead. Resolves to a function that stops watching.
   */
  watchFeedChanges?(onChange: () => void, onError: (error: Error) => void): Promise<() => Promise<void>>;
  /** Schema versions applied, oldest first. */
  appliedVersions(): Promise<number[]>;
  /** Closes the connections; safe to call twice. */
  close(): Promise<void>;
}
