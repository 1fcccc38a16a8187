import { randomBytes } from "node:crypto";
import type Database from "better-sqlite3";
import type { Clock } from "../core/clock.ts";

/** each: every new story is posted as it arrives (within the flood limit); hourly: stories are batched. */
export type FollowMode = "each" | "hourly";

/** A standing search whose new matches are posted into a channel, thread or forum (`/follow add`). */
export interface Follow {
  id: string;
  guildId: string;
  channelId: string;
  query?: string;
  /** The registry id of the followed speaker ("person:vladimir putin"). */
  speakerId?: string;
  speakerName?: string;
  /** The names the speaker went by when the follow was made, as written. */
  speakerAliases: string[];
  source?: string;
  exclude?: string;
  mentionRoleId?: string;
  mode: FollowMode;
  paused: boolean;
  pausedReason?: string;
  consecutiveFailures: number;
  lastError?: string;
  lastErrorAt?: string;
  lastPostAt?: string;
  createdBy?: string;
  createdAt: string;
  updatedAt: string;
}

/** What `/follow add` saves. */
export interface NewFollow {
  guildId: string;
  channelId: string;
  query?: string | undefined;
  speakerId?: string | undefined;
  speakerName?: string | undefined;
  speakerAliases?: readonly string[] | undefined;
  source?: string | undefined;
  exclude?: string | undefined;
  mentionRoleId?: string | undefined;
  mode: FollowMode;
  createdBy?: string | undefined;
}

/** top: opens a story; reply: a later article of a story, in its thread; batch: a line of an "N more" message. */
export type PostPlacement = "top" | "reply" | "batch";
/** queued: waits for its batch; claimed: being posted; posted: done; failed: gave up, `reason` says why. */
export type FollowPostStatus = "queued" | "claimed" | "posted" | "failed";

/** One article of one follow: the claim that makes it post at most once, and how it went. */
export interface FollowPost {
  followId: string;
  articleId: string;
  /** The article whose post opened the story this one belongs to (itself for a top post). */
  storyKey: string;
  placement: PostPlacement;
  status: FollowPostStatus;
  /** Which batch message a claimed or posted batch line belongs to. */
  batchKey?: string;
  messageId?: string;
  threadId?: string;
  reason?: string;
  attempts: number;
  claimedBy?: string;
  claimedAt: string;
  finishedAt?: string;
}

/** Which article of which follow, where it goes in its story. */
export interface PostKey {
  followId: string;
  articleId: string;
  storyKey: string;
  placement: PostPlacement;
}

/** How a claimed post ended. */
export interface PostOutcome {
  status: "posted" | "failed";
  messageId?: string | undefined;
  threadId?: string | undefined;
  reason?: string | undefined;
}

/**
 * The follows and their posts. Every method is asynchronous, so that a networked database can stand in for
 * SQLite behind the same interface; claims are single statements, so they are exactly-once on any of them.
 */
export interface FollowRepository {
  create(follow: NewFollow): Promise<Follow>;
  get(id: string): Promise<Follow | undefined>;
  /** A server's follows, oldest first. */
  forGuild(guildId: string): Promise<Follow[]>;
  /** Every follow of every server, oldest first. */
  all(): Promise<Follow[]>;
  /** Deletes a server's follow with its posts; undefined when the server has no such follow. */
  remove(guildId: string, id: string): Promise<Follow | undefined>;
  /** Pauses (with the reason) or resumes a follow; resuming clears the failure count. */
  setPaused(id: string, paused: boolean, reason?: string): Promise<Follow | undefined>;
  /** A post went out: the failure count starts again and the last post time moves. */
  recordSuccess(id: string): Promise<void>;
  /** A post failed for good: one more failure in a row, with its reason. */
  recordFailure(id: string, reason: string): Promise<Follow | undefined>;
  /**
   * Claims an article for a follow, as `claimed` (about to be posted by `claimedBy`) or `queued` (for a batch).
   * Exactly one caller, across processes, gets the row; everyone else gets undefined and must not post it.
   */
  claim(key: PostKey, status: "claimed" | "queued", claimedBy: string): Promise<FollowPost | undefined>;
  /** Counts one more attempt of a claimed post. */
  recordAttempt(followId: string, articleId: string): Promise<void>;
  /** Closes a claimed post; undefined when it is not claimed (any more). */
  finish(followId: string, articleId: string, outcome: PostOutcome): Promise<FollowPost | undefined>;
  /** Remembers the thread a story's later articles go to, on the post that opened it. */
  setThread(followId: string, articleId: string, threadId: string): Promise<void>;
  /** A follow's posts claimed at or after `since` (any status), oldest first. */
  postsSince(followId: string, since: Date): Promise<FollowPost[]>;
  /** Every follow's posts still waiting for their batch, oldest first. */
  queued(): Promise<FollowPost[]>;
  /** Moves queued posts into one batch claimed by `claimedBy`; returns those it moved. */
  claimBatch(
    followId: string,
    articleIds: readonly string[],
    batchKey: string,
    claimedBy: string,
  ): Promise<FollowPost[]>;
  /** Posts still claimed (being posted), oldest first: after a crash, the ones to finish. */
  openClaims(): Promise<FollowPost[]>;
  /** Moves a claim from a process that is gone to `newOwner`; undefined when it is not that owner's any more. */
  takeOver(
    followId: string,
    articleId: string,
    previousOwner: string,
    newOwner: string,
  ): Promise<FollowPost | undefined>;
}

interface FollowRow {
  id: string;
  guild_id: string;
  channel_id: string;
  query: string | null;
  speaker_id: string | null;
  speaker_name: string | null;
  speaker_aliases: string;
  source: string | null;
  exclude: string | null;
  mention_role_id: string | null;
  mode: FollowMode;
  paused: number;
  paused_reason: string | null;
  consecutive_failures: number;
  last_error: string | null;
  last_error_at: string | null;
  last_post_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

interface PostRow {
  follow_id: string;
  article_id: string;
  story_key: string;
  placement: PostPlacement;
  status: FollowPostStatus;
  batch_key: string | null;
  message_id: string | null;
  thread_id: string | null;
  reason: string | null;
  attempts: number;
  claimed_by: string | null;
  claimed_at: string;
  finished_at: string | null;
}

function toFollow(row: FollowRow): Follow {
  const aliases: unknown = JSON.parse(row.speaker_aliases);
  return {
    id: row.id,
    guildId: row.guild_id,
    channelId: row.channel_id,
    ...(row.query !== null && { query: row.query }),
    ...(row.speaker_id !== null && { speakerId: row.speaker_id }),
    ...(row.speaker_name !== null && { speakerName: row.speaker_name }),
    speakerAliases: Array.isArray(aliases) ? aliases.map(String) : [],
    ...(row.source !== null && { source: row.source }),
    ...(row.exclude !== null && { exclude: row.exclude }),
    ...(row.mention_role_id !== null && { mentionRoleId: row.mention_role_id }),
    mode: row.mode,
    paused: row.paused === 1,
    ...(row.paused_reason !== null && { pausedReason: row.paused_reason }),
    consecutiveFailures: row.consecutive_failures,
    ...(row.last_error !== null && { lastError: row.last_error }),
    ...(row.last_error_at !== null && { lastErrorAt: row.last_error_at }),
    ...(row.last_post_at !== null && { lastPostAt: row.last_post_at }),
    ...(row.created_by !== null && { createdBy: row.created_by }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toPost(row: PostRow): FollowPost {
  return {
    followId: row.follow_id,
    articleId: row.article_id,
    storyKey: row.story_key,
    placement: row.placement,
    status: row.status,
    ...(row.batch_key !== null && { batchKey: row.batch_key }),
    ...(row.message_id !== null && { messageId: row.message_id }),
    ...(row.thread_id !== null && { threadId: row.thread_id }),
    ...(row.reason !== null && { reason: row.reason }),
    attempts: row.attempts,
    ...(row.claimed_by !== null && { claimedBy: row.claimed_by }),
    claimedAt: row.claimed_at,
    ...(row.finished_at !== null && { finishedAt: row.finished_at }),
  };
}

/** A short id people can read back in `/follow list` (8 hex digits; the primary key catches a repeat). */
function newFollowId(): string {
  return randomBytes(4).toString("hex");
}

/** {@link FollowRepository} in SQLite: each call is one statement (or one short transaction), run at once. */
export class SqliteFollowRepository implements FollowRepository {
  readonly #db: Database.Database;
  readonly #clock: Clock;

  constructor(db: Database.Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  #now(): string {
    return this.#clock.now().toISOString();
  }

  create(follow: NewFollow): Promise<Follow> {
    const now = this.#now();
    const insert = this.#db.prepare<unknown[], FollowRow>(
      `INSERT INTO follows (id, guild_id, channel_id, query, speaker_id, speaker_name, speaker_aliases, source,
         exclude, mention_role_id, mode, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING
       RETURNING *`,
    );
    // A repeated random id is all but impossible; trying again costs nothing when it happens.
    for (let attempt = 0; attempt < 5; attempt++) {
      const row = insert.get(
        newFollowId(),
        follow.guildId,
        follow.channelId,
        follow.query ?? null,
        follow.speakerId ?? null,
        follow.speakerName ?? null,
        JSON.stringify(follow.speakerAliases ?? []),
        follow.source ?? null,
        follow.exclude ?? null,
        follow.mentionRoleId ?? null,
        follow.mode,
        follow.createdBy ?? null,
        now,
        now,
      );
      if (row) return Promise.resolve(toFollow(row));
    }
    return Promise.reject(new Error("could not find a free follow id"));
  }

  get(id: string): Promise<Follow | undefined> {
    const row = this.#db.prepare<[string], FollowRow>("SELECT * FROM follows WHERE id = ?").get(id);
    return Promise.resolve(row ? toFollow(row) : undefined);
  }

  forGuild(guildId: string): Promise<Follow[]> {
    return Promise.resolve(
      this.#db
        .prepare<[string], FollowRow>("SELECT * FROM follows WHERE guild_id = ? ORDER BY created_at, id")
        .all(guildId)
        .map(toFollow),
    );
  }

  all(): Promise<Follow[]> {
    return Promise.resolve(
      this.#db.prepare<[], FollowRow>("SELECT * FROM follows ORDER BY created_at, id").all().map(toFollow),
    );
  }

  remove(guildId: string, id: string): Promise<Follow | undefined> {
    const row = this.#db
      .prepare<[string, string], FollowRow>("DELETE FROM follows WHERE id = ? AND guild_id = ? RETURNING *")
      .get(id, guildId);
    return Promise.resolve(row ? toFollow(row) : undefined);
  }

  setPaused(id: string, paused: boolean, reason?: string): Promise<Follow | undefined> {
    const row = this.#db
      .prepare<unknown[], FollowRow>(
        `UPDATE follows SET paused = ?, paused_reason = ?, updated_at = ?,
           consecutive_failures = CASE WHEN ? = 1 THEN consecutive_failures ELSE 0 END
         WHERE id = ? RETURNING *`,
      )
      .get(paused ? 1 : 0, paused ? (reason ?? null) : null, this.#now(), paused ? 1 : 0, id);
    return Promise.resolve(row ? toFollow(row) : undefined);
  }

  recordSuccess(id: string): Promise<void> {
    this.#db
      .prepare("UPDATE follows SET consecutive_failures = 0, last_post_at = ? WHERE id = ?")
      .run(this.#now(), id);
    return Promise.resolve();
  }

  recordFailure(id: string, reason: string): Promise<Follow | undefined> {
    const row = this.#db
      .prepare<[string, string, string], FollowRow>(
        `UPDATE follows SET consecutive_failures = consecutive_failures + 1, last_error = ?, last_error_at = ?
         WHERE id = ? RETURNING *`,
      )
      .get(reason, this.#now(), id);
    return Promise.resolve(row ? toFollow(row) : undefined);
  }

  claim(key: PostKey, status: "claimed" | "queued", claimedBy: string): Promise<FollowPost | undefined> {
    const row = this.#db
      .prepare<unknown[], PostRow>(
        `INSERT INTO follow_posts (follow_id, article_id, story_key, placement, status, claimed_by, claimed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (follow_id, article_id) DO NOTHING
         RETURNING *`,
      )
      .get(key.followId, key.articleId, key.storyKey, key.placement, status, claimedBy, this.#now());
    return Promise.resolve(row ? toPost(row) : undefined);
  }

  recordAttempt(followId: string, articleId: string): Promise<void> {
    this.#db
      .prepare("UPDATE follow_posts SET attempts = attempts + 1 WHERE follow_id = ? AND article_id = ?")
      .run(followId, articleId);
    return Promise.resolve();
  }

  finish(followId: string, articleId: string, outcome: PostOutcome): Promise<FollowPost | undefined> {
    const row = this.#db
      .prepare<unknown[], PostRow>(
        `UPDATE follow_posts SET status = ?, message_id = ?, thread_id = COALESCE(?, thread_id), reason = ?,
           finished_at = ?
         WHERE follow_id = ? AND article_id = ? AND status = 'claimed'
         RETURNING *`,
      )
      .get(
        outcome.status,
        outcome.messageId ?? null,
        outcome.threadId ?? null,
        outcome.reason ?? null,
        this.#now(),
        followId,
        articleId,
      );
    return Promise.resolve(row ? toPost(row) : undefined);
  }

  setThread(followId: string, articleId: string, threadId: string): Promise<void> {
    this.#db
      .prepare("UPDATE follow_posts SET thread_id = ? WHERE follow_id = ? AND article_id = ?")
      .run(threadId, followId, articleId);
    return Promise.resolve();
  }

  postsSince(followId: string, since: Date): Promise<FollowPost[]> {
    return Promise.resolve(
      this.#db
        .prepare<[string, string], PostRow>(
          `SELECT * FROM follow_posts WHERE follow_id = ? AND claimed_at >= ? ORDER BY claimed_at, article_id`,
        )
        .all(followId, since.toISOString())
        .map(toPost),
    );
  }

  queued(): Promise<FollowPost[]> {
    return Promise.resolve(
      this.#db
        .prepare<[], PostRow>(
          "SELECT * FROM follow_posts WHERE status = 'queued' ORDER BY claimed_at, follow_id, article_id",
        )
        .all()
        .map(toPost),
    );
  }

  claimBatch(
    followId: string,
    articleIds: readonly string[],
    batchKey: string,
    claimedBy: string,
  ): Promise<FollowPost[]> {
    const update = this.#db.prepare<unknown[], PostRow>(
      `UPDATE follow_posts SET status = 'claimed', batch_key = ?, claimed_by = ?
       WHERE follow_id = ? AND article_id = ? AND status = 'queued'
       RETURNING *`,
    );
    const moved = this.#db
      .transaction(() =>
        articleIds.flatMap((articleId) => {
          const row = update.get(batchKey, claimedBy, followId, articleId);
          return row ? [toPost(row)] : [];
        }),
      )
      .immediate();
    return Promise.resolve(moved);
  }

  openClaims(): Promise<FollowPost[]> {
    return Promise.resolve(
      this.#db
        .prepare<[], PostRow>(
          "SELECT * FROM follow_posts WHERE status = 'claimed' ORDER BY claimed_at, follow_id, article_id",
        )
        .all()
        .map(toPost),
    );
  }

  takeOver(
    followId: string,
    articleId: string,
    previousOwner: string,
    newOwner: string,
  ): Promise<FollowPost | undefined> {
    const row = this.#db
      .prepare<[string, string, string, string], PostRow>(
        `UPDATE follow_posts SET claimed_by = ?
         WHERE follow_id = ? AND article_id = ? AND status = 'claimed' AND claimed_by = ?
         RETURNING *`,
      )
      .get(newOwner, followId, articleId, previousOwner);
    return Promise.resolve(row ? toPost(row) : undefined);
  }
}
