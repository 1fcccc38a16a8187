import { randomBytes } from "node:crypto";
import type { Clock } from "../core/clock.ts";
import type { SqlExecutor } from "./sql-executor.ts";

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

/**
 * {@link FollowRepository} for both engines: each method is one statement in SQL that SQLite and PostgreSQL
 * read alike (see {@link SqlExecutor}), so it is written once.
 */
export class SqlFollowRepository implements FollowRepository {
  readonly #sql: SqlExecutor;
  readonly #clock: Clock;

  constructor(sql: SqlExecutor, clock: Clock) {
    this.#sql = sql;
    this.#clock = clock;
  }

  #now(): string {
    return this.#clock.now().toISOString();
  }

  async #follow(sql: string, params: readonly unknown[]): Promise<Follow | undefined> {
    const [row] = await this.#sql.rows<FollowRow>(sql, params);
    return row ? toFollow(row) : undefined;
  }

  async #follows(sql: string, params: readonly unknown[]): Promise<Follow[]> {
    return (await this.#sql.rows<FollowRow>(sql, params)).map(toFollow);
  }

  async #post(sql: string, params: readonly unknown[]): Promise<FollowPost | undefined> {
    const [row] = await this.#sql.rows<PostRow>(sql, params);
    return row ? toPost(row) : undefined;
  }

  async #posts(sql: string, params: readonly unknown[]): Promise<FollowPost[]> {
    return (await this.#sql.rows<PostRow>(sql, params)).map(toPost);
  }

  async create(follow: NewFollow): Promise<Follow> {
    const now = this.#now();
    // A repeated random id is all but impossible; trying again costs nothing when it happens.
    for (let attempt = 0; attempt < 5; attempt++) {
      const created = await this.#follow(
        `INSERT INTO follows (id, guild_id, channel_id, query, speaker_id, speaker_name, speaker_aliases, source,
           exclude, mention_role_id, mode, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO NOTHING
         RETURNING *`,
        [
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
        ],
      );
      if (created) return created;
    }
    throw new Error("could not find a free follow id");
  }

  get(id: string): Promise<Follow | undefined> {
    return this.#follow("SELECT * FROM follows WHERE id = ?", [id]);
  }

  forGuild(guildId: string): Promise<Follow[]> {
    return this.#follows("SELECT * FROM follows WHERE guild_id = ? ORDER BY created_at, id", [guildId]);
  }

  all(): Promise<Follow[]> {
    return this.#follows("SELECT * FROM follows ORDER BY created_at, id", []);
  }

  remove(guildId: string, id: string): Promise<Follow | undefined> {
    return this.#follow("DELETE FROM follows WHERE id = ? AND guild_id = ? RETURNING *", [id, guildId]);
  }

  setPaused(id: string, paused: boolean, reason?: string): Promise<Follow | undefined> {
    const flag = paused ? 1 : 0;
    return this.#follow(
      `UPDATE follows SET paused = ?, paused_reason = ?, updated_at = ?,
         consecutive_failures = CASE WHEN ? = 1 THEN consecutive_failures ELSE 0 END
       WHERE id = ? RETURNING *`,
      [flag, paused ? (reason ?? null) : null, this.#now(), flag, id],
    );
  }

  async recordSuccess(id: string): Promise<void> {
    await this.#sql.rows("UPDATE follows SET consecutive_failures = 0, last_post_at = ? WHERE id = ?", [
      this.#now(),
      id,
    ]);
  }

  recordFailure(id: string, reason: string): Promise<Follow | undefined> {
    return this.#follow(
      `UPDATE follows SET consecutive_failures = consecutive_failures + 1, last_error = ?, last_error_at = ?
       WHERE id = ? RETURNING *`,
      [reason, this.#now(), id],
    );
  }

  claim(key: PostKey, status: "claimed" | "queued", claimedBy: string): Promise<FollowPost | undefined> {
    return this.#post(
      `INSERT INTO follow_posts (follow_id, article_id, story_key, placement, status, claimed_by, claimed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (follow_id, article_id) DO NOTHING
       RETURNING *`,
      [key.followId, key.articleId, key.storyKey, key.placement, status, claimedBy, this.#now()],
    );
  }

  async recordAttempt(followId: string, articleId: string): Promise<void> {
    await this.#sql.rows(
      "UPDATE follow_posts SET attempts = attempts + 1 WHERE follow_id = ? AND article_id = ?",
      [followId, articleId],
    );
  }

  finish(followId: string, articleId: string, outcome: PostOutcome): Promise<FollowPost | undefined> {
    return this.#post(
      `UPDATE follow_posts SET status = ?, message_id = ?, thread_id = COALESCE(?, thread_id), reason = ?,
         finished_at = ?
       WHERE follow_id = ? AND article_id = ? AND status = 'claimed'
       RETURNING *`,
      [
        outcome.status,
        outcome.messageId ?? null,
        outcome.threadId ?? null,
        outcome.reason ?? null,
        this.#now(),
        followId,
        articleId,
      ],
    );
  }

  async setThread(followId: string, articleId: string, threadId: string): Promise<void> {
    await this.#sql.rows("UPDATE follow_posts SET thread_id = ? WHERE follow_id = ? AND article_id = ?", [
      threadId,
      followId,
      articleId,
    ]);
  }

  postsSince(followId: string, since: Date): Promise<FollowPost[]> {
    return this.#posts(
      "SELECT * FROM follow_posts WHERE follow_id = ? AND claimed_at >= ? ORDER BY claimed_at, article_id",
      [followId, since.toISOString()],
    );
  }

  queued(): Promise<FollowPost[]> {
    return this.#posts(
      "SELECT * FROM follow_posts WHERE status = 'queued' ORDER BY claimed_at, follow_id, article_id",
      [],
    );
  }

  async claimBatch(
    followId: string,
    articleIds: readonly string[],
    batchKey: string,
    claimedBy: string,
  ): Promise<FollowPost[]> {
    if (articleIds.length === 0) return [];
    // One statement, so that two processes batching the same hour split nothing: one moves every row.
    const moved = await this.#posts(
      `UPDATE follow_posts SET status = 'claimed', batch_key = ?, claimed_by = ?
       WHERE follow_id = ? AND status = 'queued' AND article_id IN (${articleIds.map(() => "?").join(", ")})
       RETURNING *`,
      [batchKey, claimedBy, followId, ...articleIds],
    );
    const order = new Map(articleIds.map((articleId, index) => [articleId, index]));
    return moved.sort((a, b) => (order.get(a.articleId) ?? 0) - (order.get(b.articleId) ?? 0));
  }

  openClaims(): Promise<FollowPost[]> {
    return this.#posts(
      "SELECT * FROM follow_posts WHERE status = 'claimed' ORDER BY claimed_at, follow_id, article_id",
      [],
    );
  }

  takeOver(
    followId: string,
    articleId: string,
    previousOwner: string,
    newOwner: string,
  ): Promise<FollowPost | undefined> {
    return this.#post(
      `UPDATE follow_posts SET claimed_by = ?
       WHERE follow_id = ? AND article_id = ? AND status = 'claimed' AND claimed_by = ?
       RETURNING *`,
      [newOwner, followId, articleId, previousOwner],
    );
  }
}
