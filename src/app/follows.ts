import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Article } from "../core/articles.ts";
import type { Clock } from "../core/clock.ts";
import { isRetryable } from "../core/digest/poster.ts";
import { UserError } from "../core/errors.ts";
import {
  AlertPostError,
  type Alert,
  type AlertPlace,
  type AlertPoster,
  type AlertPostResult,
} from "../core/follows/alert.ts";
import { batchAlert, describeFollow, storyAlert, storyOf } from "../core/follows/compose.ts";
import { FollowMatcher, speakerKey, type FollowFilter } from "../core/follows/matcher.ts";
import type { Quote } from "../core/quotes/types.ts";
import type { IndexedArticle } from "../core/search/fields.ts";
import { hash64 } from "../core/text/hash.ts";
import type { Follow, FollowMode, FollowPost, FollowRepository } from "../store/follows.ts";
import { processIsGone, type RetryPolicy } from "./digests.ts";
import type { ArticleChanges, ArticleDeriver } from "./library.ts";
import type { Logger } from "./logger.ts";

/** What the follow service needs of the library. */
export interface FollowLibrary {
  get(id: string): Article | undefined;
  articlesFor(guildId: string): Iterable<Article>;
  isVisible(articleId: string, guildId: string | undefined): boolean;
  derived<T>(deriver: ArticleDeriver<T>, id: string): T | undefined;
  onChange(listener: (changes: ArticleChanges) => void): () => void;
  sources(): readonly string[];
}

/** The speaker a `/follow add speaker:` names, as the quote registry knows them. */
export interface FollowedSpeaker {
  id: string;
  name: string;
  aliases: readonly string[];
}

/** Runs the batch check every so often; real intervals in the app, nothing in tests (they call `flushBatches`). */
export interface FollowTimer {
  every(callback: () => void, ms: number): () => void;
}

/** Node's setInterval, unref'd so that it never keeps the process alive. */
export const realFollowTimer: FollowTimer = {
  every(callback, ms) {
    const handle = setInterval(callback, ms);
    handle.unref();
    return () => {
      clearInterval(handle);
    };
  },
};

export interface FollowServiceOptions {
  follows: FollowRepository;
  library: FollowLibrary;
  /** The deriver whose quotes the library keeps (quotesDeriver): speakers to match, quotes to show. */
  quotes: ArticleDeriver<Quote[]>;
  /** One or two sentences that tell the story (the digest's summariser). */
  summarize: (article: Article) => string[];
  clock: Clock;
  logger: Logger;
  poster: AlertPoster;
  /** At most this many top-level posts per follow per hour (FOLLOW_POSTS_PER_HOUR); the rest are batched. */
  postsPerHour: number;
  /** Typos a query word may have; default `/search`'s rule by length. */
  typosAllowed?: (term: string) => number;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  timer?: FollowTimer;
  instanceId?: string;
  ownerIsGone?: (instanceId: string) => boolean;
  /** Which servers' follows this process posts (a shard's servers). Default: all. */
  servesGuild?: (guildId: string) => boolean;
  /** Searchable text of derived quotes, as the index gets it (quotesDeriver.searchText). */
  searchText?: ArticleDeriver<Quote[]>["searchText"];
}

/** A follow as `/follow add` asks for it. */
export interface FollowRequest {
  guildId: string;
  channelId: string;
  query?: string | undefined;
  speaker?: FollowedSpeaker | undefined;
  source?: string | undefined;
  exclude?: string | undefined;
  mentionRoleId?: string | undefined;
  mode?: FollowMode | undefined;
  userId?: string | undefined;
}

/** A follow as `/follow list` shows it. */
export interface FollowSummary {
  follow: Follow;
  label: string;
  postsToday: number;
}

/** What `/follow test` found: the stories of the last 24 h, those that would be posted one by one first. */
export interface FollowPreview {
  follow: Follow;
  label: string;
  /** Each story's articles, oldest first. */
  stories: Article[][];
  /** How many of them would be posted on their own; the rest would go in one batch message. */
  postedSingly: number;
}

export const DEFAULT_POSTS_PER_HOUR = 10;
const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 2_000, maxDelayMs: 60_000 };
/** Failures in a row after which a follow is paused; a permanent one (channel gone) pauses at once. */
export const MAX_FAILURES_IN_A_ROW = 3;
const HOUR_MS = 3_600_000;
/** Later articles join a story posted at most this long ago; older stories start anew. */
const STORY_WINDOW_MS = 48 * HOUR_MS;
/** Articles published longer ago than this are not news when they arrive (an archive dropped in the folder). */
const MAX_ARTICLE_AGE_MS = 48 * HOUR_MS;
/** How often waiting batches are checked. */
const BATCH_CHECK_MS = 60_000;
/** A claim older than this belongs to a process that stopped mid-post and is not on this host. */
const STALE_CLAIM_MS = 30 * 60_000;
/** A server may have at most this many follows. */
export const MAX_FOLLOWS_PER_SERVER = 50;

/**
 * Live alerts: each article the library adds is matched against every follow (a reverse search), and each
 * match is claimed in the store before it is posted, so an article posts at most once per follow across
 * restarts and processes. A new story is a post of its own (within the flood limit; beyond it, and for hourly
 * follows, stories wait for one batch message); a later article of a posted story goes into that story's
 * thread. Failures are recorded on the follow; a follow that keeps failing is paused with the reason.
 */
export class FollowService {
  readonly #options: FollowServiceOptions;
  readonly #instanceId: string;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #unsubscribe: () => void;
  #matcher: FollowMatcher = new FollowMatcher([]);
  #follows = new Map<string, Follow>();
  /** Article batches and batch checks run one at a time, in arrival order. */
  #queue: Promise<unknown> = Promise.resolve();
  #stopTimer: (() => void) | undefined;
  #stopping = false;
  #loaded: Promise<void> | undefined;

  constructor(options: FollowServiceOptions) {
    this.#options = options;
    this.#instanceId = options.instanceId ?? `${hostname()}:${String(process.pid)}:${randomUUID()}`;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#unsubscribe = options.library.onChange((changes) => {
      if (changes.added.length > 0) void this.#enqueue(() => this.#onArticles(changes.added));
    });
  }

  /** Loads the follows, finishes posts a stopped process left claimed, and starts the batch checks. */
  async start(): Promise<void> {
    await this.#reload();
    await this.#enqueue(() => this.#resumeOrphans());
    this.#stopTimer = (this.#options.timer ?? realFollowTimer).every(() => {
      void this.flushBatches();
    }, BATCH_CHECK_MS);
    this.#options.logger.info({ follows: this.#follows.size }, "follows loaded");
  }

  /** Stops following the library and the batch checks, and waits for the posts under way. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#unsubscribe();
    this.#stopTimer?.();
    await this.#queue.catch(() => undefined);
  }

  /** Resolves once every article announced so far has been matched and posted (for tests and benches). */
  idle(): Promise<void> {
    return this.#queue.then(
      () => undefined,
      () => undefined,
    );
  }

  /** Saves a follow after checking it; a bad request is a UserError in plain words, and nothing is saved. */
  async add(request: FollowRequest): Promise<Follow> {
    const query = blankToUndefined(request.query);
    const source = blankToUndefined(request.source);
    const exclude = blankToUndefined(request.exclude);
    if (query === undefined && request.speaker === undefined && source === undefined) {
      throw new UserError("bad-option", "Give at least one of `query`, `speaker` or `source` to follow.");
    }
    if (request.mentionRoleId === request.guildId) {
      throw new UserError("bad-option", "`mention`: @everyone cannot be pinged by a follow; pick a role.");
    }
    const knownSource = source === undefined ? undefined : this.#knownSource(source);
    const { follows, poster } = this.#options;
    if ((await follows.forGuild(request.guildId)).length >= MAX_FOLLOWS_PER_SERVER) {
      throw new UserError(
        "bad-option",
        `This server has ${MAX_FOLLOWS_PER_SERVER} follows, the most it may have; remove one first.`,
      );
    }
    const destination = await poster.checkDestination(request.guildId, request.channelId);
    if (!destination.ok) throw new UserError("bad-option", `\`channel\`: ${destination.reason}`);
    const follow = await follows.create({
      guildId: request.guildId,
      channelId: request.channelId,
      query,
      speakerId: request.speaker?.id,
      speakerName: request.speaker?.name,
      speakerAliases: request.speaker?.aliases,
      source: knownSource,
      exclude,
      mentionRoleId: request.mentionRoleId,
      mode: request.mode ?? "each",
      createdBy: request.userId,
    });
    await this.#reload();
    return follow;
  }

  /** A server's follows with their posts of today (UTC). */
  async list(guildId: string): Promise<FollowSummary[]> {
    const { follows, clock } = this.#options;
    const startOfDay = new Date(clock.now().toISOString().slice(0, 10));
    const summaries: FollowSummary[] = [];
    for (const follow of await follows.forGuild(guildId)) {
      const posts = await follows.postsSince(follow.id, startOfDay);
      summaries.push({
        follow,
        label: labelOf(follow),
        postsToday: posts.filter((post) => post.status === "posted").length,
      });
    }
    return summaries;
  }

  async remove(guildId: string, id: string): Promise<Follow> {
    const removed = await this.#options.follows.remove(guildId, id);
    if (removed === undefined) throw noSuchFollow(id);
    await this.#reload();
    return removed;
  }

  async pause(guildId: string, id: string, userId?: string): Promise<Follow> {
    await this.#own(guildId, id);
    const reason = userId === undefined ? "paused by a server manager" : `paused by <@${userId}>`;
    const follow = await this.#options.follows.setPaused(id, true, reason);
    if (follow === undefined) throw noSuchFollow(id);
    await this.#reload();
    return follow;
  }

  async resume(guildId: string, id: string): Promise<Follow> {
    await this.#own(guildId, id);
    const follow = await this.#options.follows.setPaused(id, false);
    if (follow === undefined) throw noSuchFollow(id);
    await this.#reload();
    return follow;
  }

  /** What the last 24 h would have posted for a follow, posting nothing. */
  async preview(guildId: string, id: string): Promise<FollowPreview> {
    const follow = await this.#own(guildId, id);
    const { library, clock, postsPerHour } = this.#options;
    const matcher = new FollowMatcher([filterOf(follow)], this.#matcherOptions());
    const since = clock.now().getTime() - 24 * HOUR_MS;
    const matched: Article[] = [];
    for (const article of library.articlesFor(guildId)) {
      const published = article.publishedAt === undefined ? Number.NaN : Date.parse(article.publishedAt);
      if (!(published >= since)) continue;
      if (matcher.match(this.#toMatch(article)).length > 0) matched.push(article);
    }
    matched.sort(
      (a, b) => (a.publishedAt ?? "").localeCompare(b.publishedAt ?? "") || a.id.localeCompare(b.id),
    );
    const stories: Article[][] = [];
    const posted: { article: Article; storyKey: string }[] = [];
    for (const article of matched) {
      const key = storyOf(article, posted);
      const story = key === undefined ? undefined : stories.find((group) => group[0]?.id === key);
      if (story) story.push(article);
      else stories.push([article]);
      posted.push({ article, storyKey: key ?? article.id });
    }
    const postedSingly = follow.mode === "hourly" ? 0 : Math.min(stories.length, postsPerHour);
    return { follow, label: labelOf(follow), stories, postedSingly };
  }

  /** A server's follows for autocomplete: id and label, those whose label or id contains `typed` first. */
  async suggest(guildId: string, typed: string): Promise<{ id: string; label: string; paused: boolean }[]> {
    const wanted = typed.trim().toLowerCase();
    return (await this.#options.follows.forGuild(guildId))
      .map((follow) => ({ id: follow.id, label: labelOf(follow), paused: follow.paused }))
      .filter((entry) => wanted === "" || `${entry.id} ${entry.label}`.toLowerCase().includes(wanted));
  }

  /**
   * Posts the batches that are due: those whose oldest story has waited an hour (the end of a busy hour, or
   * an hourly follow's hour). Never throws.
   */
  flushBatches(): Promise<void> {
    return this.#enqueue(() => this.#flushDue());
  }

  #enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(async () => {
      if (this.#stopping) return;
      try {
        await work();
      } catch (error) {
        this.#options.logger.error({ err: error }, "follow alerts failed");
      }
    });
    this.#queue = run;
    return run;
  }

  async #reload(): Promise<void> {
    this.#loaded = (async () => {
      const serves = this.#options.servesGuild ?? (() => true);
      const all = (await this.#options.follows.all()).filter((follow) => serves(follow.guildId));
      this.#follows = new Map(all.map((follow) => [follow.id, follow]));
      this.#matcher = new FollowMatcher(
        all.filter((follow) => !follow.paused).map(filterOf),
        this.#matcherOptions(),
      );
    })();
    await this.#loaded;
  }

  #matcherOptions() {
    const { typosAllowed } = this.#options;
    return typosAllowed === undefined ? {} : { typosAllowed };
  }

  async #own(guildId: string, id: string): Promise<Follow> {
    const follow = await this.#options.follows.get(id.trim());
    if (follow?.guildId !== guildId) throw noSuchFollow(id);
    return follow;
  }

  #knownSource(typed: string): string {
    const sources = this.#options.library.sources();
    const found = sources.find((name) => name.toLowerCase() === typed.toLowerCase());
    if (found !== undefined) return found;
    const near = sources.filter((name) => name.toLowerCase().includes(typed.toLowerCase())).slice(0, 5);
    const hint = near.length > 0 ? ` Did you mean ${near.map((name) => `“${name}”`).join(" or ")}?` : "";
    throw new UserError("bad-option", `\`source\`: no outlet or feed is called “${typed}”.${hint}`);
  }

  /** The article as the matcher reads it: with its quoted speakers' names and who may see it. */
  #toMatch(article: Article) {
    const { library, quotes, searchText } = this.#options;
    const quoted = library.derived(quotes, article.id) ?? [];
    const names = quoted.flatMap((quote) => (quote.speaker ? [quote.speaker.name] : []));
    const indexed: IndexedArticle =
      searchText === undefined
        ? article
        : // Spelled out: a library article keeps its body behind getters, which a spread would drop.
          {
            ...article,
            paragraphs: article.paragraphs,
            headings: article.headings,
            derivedText: searchText(quoted),
          };
    return {
      article: indexed,
      speakerKeys: names,
      visibleTo: (guildId: string) => library.isVisible(article.id, guildId),
    };
  }

  async #onArticles(ids: readonly string[]): Promise<void> {
    await this.#loaded;
    const { library, clock } = this.#options;
    const now = clock.now().getTime();
    for (const id of ids) {
      const article = library.get(id);
      if (article === undefined) continue;
      const published = article.publishedAt === undefined ? now : Date.parse(article.publishedAt);
      if (now - published > MAX_ARTICLE_AGE_MS) continue;
      for (const followId of this.#matcher.match(this.#toMatch(article))) {
        const follow = this.#follows.get(followId);
        if (follow === undefined || follow.paused || this.#stopping) continue;
        await this.#deliver(follow, article);
      }
    }
  }

  /** Claims and posts one matched article for one follow, in its story's thread when the story was posted. */
  async #deliver(follow: Follow, article: Article): Promise<void> {
    const { follows, clock, library, postsPerHour } = this.#options;
    const now = clock.now().getTime();
    const recent = await follows.postsSince(follow.id, new Date(now - STORY_WINDOW_MS));
    const storyPosts = recent.filter(
      (post) => post.placement !== "batch" && (post.status === "posted" || post.status === "claimed"),
    );
    const posted = storyPosts.flatMap((post) => {
      const known = library.get(post.articleId);
      return known ? [{ article: known, storyKey: post.storyKey }] : [];
    });
    const storyKey = storyOf(article, posted);
    const opener =
      storyKey === undefined
        ? undefined
        : storyPosts.find((post) => post.articleId === storyKey && post.messageId !== undefined);
    if (follow.mode === "each" && opener !== undefined) {
      const claimed = await follows.claim(
        { followId: follow.id, articleId: article.id, storyKey: opener.articleId, placement: "reply" },
        "claimed",
        this.#instanceId,
      );
      if (claimed) await this.#postClaimed(follow, claimed, article);
      return;
    }
    const hourAgo = now - HOUR_MS;
    const topThisHour = storyPosts.filter(
      (post) => post.placement === "top" && Date.parse(post.claimedAt) >= hourAgo,
    ).length;
    const batched = follow.mode === "hourly" || topThisHour >= postsPerHour;
    const key = { followId: follow.id, articleId: article.id, storyKey: article.id };
    if (batched) {
      await follows.claim({ ...key, placement: "batch" }, "queued", this.#instanceId);
      return;
    }
    const claimed = await follows.claim({ ...key, placement: "top" }, "claimed", this.#instanceId);
    if (claimed) await this.#postClaimed(follow, claimed, article);
  }

  /** Posts a claimed top or reply post and records how it went. */
  async #postClaimed(follow: Follow, post: FollowPost, article: Article): Promise<void> {
    const { follows } = this.#options;
    let place: AlertPlace = { kind: "new-story" };
    let opener: FollowPost | undefined;
    if (post.placement === "reply") {
      opener = (await follows.postsSince(follow.id, new Date(0))).find(
        (candidate) => candidate.articleId === post.storyKey,
      );
      const first = opener && this.#options.library.get(opener.articleId);
      if (opener?.messageId !== undefined) {
        place = {
          kind: "in-story",
          storyMessageId: opener.messageId,
          storyThreadId: opener.threadId,
          threadName: (first ?? article).title,
        };
      }
    }
    const alert = this.#storyAlert(follow, article);
    const result = await this.#send(follow, post, place, alert, nonceOf(follow.id, post.articleId));
    if (result === undefined) return;
    await follows.finish(follow.id, post.articleId, {
      status: "posted",
      messageId: result.messageId,
      threadId: result.threadId,
    });
    if (opener !== undefined && opener.threadId === undefined && result.threadId !== undefined) {
      await follows.setThread(follow.id, opener.articleId, result.threadId);
    }
  }

  #storyAlert(follow: Follow, article: Article): Alert {
    const { library, quotes, summarize } = this.#options;
    const quoted = library.derived(quotes, article.id) ?? [];
    const keys = follow.speakerId === undefined ? undefined : new Set(speakerKeysOf(follow).map(speakerKey));
    return storyAlert(article, summarize(article), quoted, keys);
  }

  /**
   * Sends one alert with retries where they can help (rate limits, Discord failing), as the claim's owner.
   * On giving up: the posts are marked failed, the follow gets the failure, and is paused when it keeps
   * failing or cannot recover; undefined then.
   */
  async #send(
    follow: Follow,
    post: FollowPost,
    place: AlertPlace,
    alert: Alert,
    nonce: string,
    batch: readonly FollowPost[] = [post],
  ): Promise<AlertPostResult | undefined> {
    const { follows, poster, logger } = this.#options;
    const policy = this.#options.retry ?? DEFAULT_RETRY;
    for (let attempt = 1; ; attempt++) {
      for (const member of batch) await follows.recordAttempt(member.followId, member.articleId);
      try {
        const result = await poster.post({
          guildId: follow.guildId,
          channelId: follow.channelId,
          place,
          alert,
          mentionRoleId: follow.mentionRoleId,
          nonce,
          // The claim's recorded attempts are those of a process that is gone; a later one here is a retry.
          mayHaveStarted: attempt > 1 || batch.some((member) => member.attempts > 0),
        });
        await follows.recordSuccess(follow.id);
        return result;
      } catch (error) {
        const failure =
          error instanceof AlertPostError
            ? error
            : new AlertPostError("other", error instanceof Error ? error.message : String(error));
        logger.warn(
          { err: error, followId: follow.id, guildId: follow.guildId, attempt, kind: failure.kind },
          "follow alert not posted",
        );
        const retry = isRetryable(failure.kind) && !failure.permanent && attempt < policy.attempts;
        if (retry && !this.#isStopping()) {
          const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 4 ** (attempt - 1));
          await this.#sleep(Math.max(backoff, failure.retryAfterMs ?? 0));
          // stop() may have been called during the wait.
          if (!this.#isStopping()) continue;
        }
        const reason = `${failure.kind}: ${failure.message}`;
        for (const member of batch) {
          await follows.finish(member.followId, member.articleId, { status: "failed", reason });
        }
        await this.#recordFailure(follow, reason, failure.permanent);
        return undefined;
      }
    }
  }

  #isStopping(): boolean {
    return this.#stopping;
  }

  async #recordFailure(follow: Follow, reason: string, permanent: boolean): Promise<void> {
    const { follows, logger } = this.#options;
    const updated = await follows.recordFailure(follow.id, reason);
    const failures = updated?.consecutiveFailures ?? 1;
    if (!permanent && failures < MAX_FAILURES_IN_A_ROW) return;
    const why = permanent ? reason : `${failures} failures in a row, the last: ${reason}`;
    await follows.setPaused(follow.id, true, why);
    logger.warn({ followId: follow.id, guildId: follow.guildId, reason: why }, "follow paused");
    await this.#reload();
  }

  async #flushDue(): Promise<void> {
    const { follows, clock, library } = this.#options;
    const now = clock.now().getTime();
    const byFollow = new Map<string, FollowPost[]>();
    for (const post of await follows.queued()) {
      const list = byFollow.get(post.followId);
      if (list) list.push(post);
      else byFollow.set(post.followId, [post]);
    }
    for (const [followId, queued] of byFollow) {
      const follow = this.#follows.get(followId);
      const oldest = queued[0];
      if (follow === undefined || follow.paused || oldest === undefined) continue;
      if (now - Date.parse(oldest.claimedAt) < HOUR_MS) continue;
      const ids = queued.map((post) => post.articleId);
      const batchKey = hash64(`${followId}\u0000${ids.join("\u0000")}`);
      const claimed = await follows.claimBatch(followId, ids, batchKey, this.#instanceId);
      if (claimed.length > 0) await this.#postBatch(follow, claimed, library);
    }
  }

  async #postBatch(follow: Follow, batch: readonly FollowPost[], library: FollowLibrary): Promise<void> {
    const first = batch[0];
    if (first?.batchKey === undefined) return;
    const articles = batch.flatMap((post) => library.get(post.articleId) ?? []);
    const alert = batchAlert(articles, labelOf(follow), follow.mode === "hourly");
    const nonce = nonceOf(follow.id, `batch:${first.batchKey}`);
    const result = await this.#send(follow, first, { kind: "batch" }, alert, nonce, batch);
    if (result === undefined) return;
    for (const post of batch) {
      await this.#options.follows.finish(post.followId, post.articleId, {
        status: "posted",
        messageId: result.messageId,
      });
    }
  }

  /**
   * Finishes the posts of a process that died between claiming and posting (killed, crashed): claims of a
   * process certainly gone are taken over and posted with the same nonces, so a message that reached Discord
   * just before the kill comes back instead of being posted again. Claims of processes that may still run
   * (another host) are failed once stale, not posted twice.
   */
  async #resumeOrphans(): Promise<void> {
    const { follows, logger, clock } = this.#options;
    const isGone = this.#options.ownerIsGone ?? processIsGone;
    const batches = new Map<string, FollowPost[]>();
    for (const orphan of await follows.openClaims()) {
      const owner = orphan.claimedBy;
      const follow = this.#follows.get(orphan.followId);
      if (owner === undefined || owner === this.#instanceId || follow === undefined) continue;
      if (!isGone(owner)) {
        if (clock.now().getTime() - Date.parse(orphan.claimedAt) > STALE_CLAIM_MS) {
          await follows.finish(orphan.followId, orphan.articleId, {
            status: "failed",
            reason: "interrupted: the bot stopped while posting; not posted again to avoid a duplicate",
          });
        }
        continue;
      }
      const post = await follows.takeOver(orphan.followId, orphan.articleId, owner, this.#instanceId);
      if (post === undefined) continue;
      logger.warn(
        { followId: post.followId, articleId: post.articleId },
        "resuming a follow alert whose process stopped mid-post",
      );
      if (post.batchKey !== undefined) {
        const list = batches.get(post.batchKey) ?? [];
        list.push(post);
        batches.set(post.batchKey, list);
        continue;
      }
      const article = this.#options.library.get(post.articleId);
      if (article === undefined) {
        await follows.finish(post.followId, post.articleId, {
          status: "failed",
          reason: "the article is gone",
        });
        continue;
      }
      await this.#postClaimed(follow, post, article);
    }
    for (const batch of batches.values()) {
      const follow = batch[0] && this.#follows.get(batch[0].followId);
      if (follow) await this.#postBatch(follow, batch, this.#options.library);
    }
  }
}

/** The follow as the matcher reads it. */
function filterOf(follow: Follow): FollowFilter {
  return {
    id: follow.id,
    guildId: follow.guildId,
    query: follow.query,
    speakerKeys: follow.speakerId === undefined ? undefined : speakerKeysOf(follow),
    source: follow.source,
    exclude: follow.exclude,
  };
}

function speakerKeysOf(follow: Follow): string[] {
  return [
    ...(follow.speakerId === undefined ? [] : [follow.speakerId]),
    ...(follow.speakerName === undefined ? [] : [follow.speakerName]),
    ...follow.speakerAliases,
  ];
}

function labelOf(follow: Follow): string {
  return describeFollow(follow);
}

/**
 * The nonce of a follow's message about an article (or a batch): the same at every attempt and after a
 * restart, so that Discord, with `enforce_nonce`, answers a repeat with the message it already made.
 */
function nonceOf(followId: string, what: string): string {
  return hash64(`follow\u0000${followId}\u0000${what}`);
}

function blankToUndefined(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

function noSuchFollow(id: string): UserError {
  return new UserError(
    "bad-option",
    `This server has no follow \`${id.trim()}\`; \`/follow list\` shows its follows.`,
  );
}
