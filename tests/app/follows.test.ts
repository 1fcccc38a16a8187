import { afterEach, describe, expect, it } from "vitest";
import { FollowService, type FollowServiceOptions } from "../../src/app/follows.ts";
import { quotesDeriver } from "../../src/app/quotes.ts";
import { silentLogger } from "../../src/app/logger.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { AlertPostError } from "../../src/core/follows/alert.ts";
import { SqliteStore, type Store } from "../../src/store/db.ts";
import { makeArticle } from "../fixtures/articles.ts";
import { LandingLibrary } from "../fixtures/follows/library.ts";
import { RecordingAlertPoster } from "../fixtures/follows/poster.ts";
import { userErrorOf } from "../helpers/user-error.ts";

const NOW = "2025-12-05T12:00:00Z";
const stores: Store[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

function setup(overrides: Partial<FollowServiceOptions> = {}) {
  const clock = new ManualClock(NOW);
  const store = SqliteStore.open(":memory:", { clock });
  stores.push(store);
  const library = new LandingLibrary();
  const poster = new RecordingAlertPoster();
  const make = (extra: Partial<FollowServiceOptions> = {}) =>
    new FollowService({
      follows: store.follows,
      library,
      quotes: quotesDeriver,
      summarize: (article) => [article.paragraphs[0] ?? ""],
      clock,
      logger: silentLogger(),
      poster,
      postsPerHour: 10,
      timer: { every: () => () => undefined },
      sleep: (ms) => {
        clock.advance(ms);
        return Promise.resolve();
      },
      instanceId: "this-process",
      ...overrides,
      ...extra,
    });
  return { clock, store, library, poster, make };
}

function news(
  id: string,
  title: string,
  body: string,
  extra: Parameters<typeof makeArticle>[0] | object = {},
) {
  return makeArticle({
    id,
    title,
    paragraphs: [body],
    publishedAt: "2025-12-05T11:30:00Z",
    url: `https://news.example/${id}`,
    ...extra,
  });
}

const GENEVA = news("geneva-1", "Ceasefire talks resume in Geneva", "Negotiators met in Geneva on Friday.");
const GENEVA_LATER = news(
  "geneva-2",
  "Ceasefire talks resume in Geneva after delay",
  "Negotiators met in Geneva again on Friday evening.",
);
const FOOTBALL = news("football", "Cup final tonight", "The stadium is full.");

/** Distinct stories about one topic: each headline and lead has words of its own. */
function distinctStories(count: number) {
  const words = [
    ["harbour", "crane", "tide", "ferry", "pier"],
    ["glacier", "summit", "snow", "ridge", "avalanche"],
    ["violin", "concert", "orchestra", "maestro", "encore"],
    ["orchard", "apple", "harvest", "cider", "blossom"],
    ["satellite", "orbit", "rocket", "launch", "antenna"],
  ];
  return Array.from({ length: count }, (_, index) => {
    const [a, b, c, d, e] = words[index % words.length] ?? [];
    return news(`story-${String(a)}`, `Ceasefire ${a} ${b} ${c}`, `The ${d} and the ${e} were seen.`);
  });
}

/** Checks that a promise rejects with a UserError whose message matches. */
async function expectUserError(running: Promise<unknown>, message: RegExp): Promise<void> {
  expect((await userErrorOf(running)).message).toMatch(message);
}

describe("FollowService", () => {
  it("GIVEN a request with no query, speaker or source, an unknown source, @everyone or a refused channel WHEN added THEN plain user errors and nothing is saved", async () => {
    const { make, store, library, poster } = setup();
    library.land([GENEVA]);
    poster.refused.set("locked", "I need Send Messages in <#locked>, or pick another channel.");
    const service = make();
    await service.start();
    await expectUserError(service.add({ guildId: "g1", channelId: "c1", exclude: "x" }), /at least one of/);
    await expectUserError(
      service.add({ guildId: "g1", channelId: "c1", source: "Reuter" }),
      /Did you mean “Reuters”/,
    );
    await expectUserError(
      service.add({ guildId: "g1", channelId: "c1", query: "x", mentionRoleId: "g1" }),
      /@everyone cannot be pinged/,
    );
    await expectUserError(service.add({ guildId: "g1", channelId: "locked", query: "x" }), /Send Messages/);
    expect(await store.follows.all()).toEqual([]);
    await service.stop();
  });

  it("GIVEN a follow WHEN a matching article lands THEN it is posted once as a new story, with the role and a nonce; a later article of the story goes into its thread", async () => {
    const { make, library, poster, store } = setup();
    const service = make();
    await service.start();
    const follow = await service.add({
      guildId: "g1",
      channelId: "c1",
      query: "ceasefire geneva",
      mentionRoleId: "r1",
    });
    library.land([GENEVA, FOOTBALL]);
    await service.idle();
    expect(poster.posts).toHaveLength(1);
    const [first] = poster.posts;
    expect(first).toMatchObject({ channelId: "c1", place: { kind: "new-story" }, mentionRoleId: "r1" });
    expect(first?.alert).toMatchObject({
      kind: "story",
      headline: GENEVA.title,
      source: "Reuters",
      url: GENEVA.url,
    });
    expect(first?.nonce).toMatch(/^[0-9a-f]{16}$/);

    library.land([GENEVA_LATER]);
    library.land([GENEVA]);
    await service.idle();
    expect(poster.posts.map((post) => post.place)).toEqual([
      { kind: "new-story" },
      { kind: "in-story", storyMessageId: "m1", storyThreadId: undefined, threadName: GENEVA.title },
    ]);
    const posts = await store.follows.postsSince(follow.id, new Date(0));
    expect(posts.map((post) => [post.articleId, post.placement, post.status, post.threadId])).toEqual([
      ["geneva-1", "top", "posted", "m1"],
      ["geneva-2", "reply", "posted", "m1"],
    ]);
    const [listed] = await service.list("g1");
    expect(listed).toMatchObject({ postsToday: 2, follow: { lastPostAt: NOW.replace("Z", ".000Z") } });
    await service.stop();
  });

  it("GIVEN a flood limit of 2 WHEN 4 stories land in an hour THEN 2 are posted and the rest wait for one batch at the end of the hour", async () => {
    const { make, library, poster, clock } = setup({ postsPerHour: 2 });
    const service = make();
    await service.start();
    await service.add({ guildId: "g1", channelId: "c1", query: "ceasefire" });
    library.land(distinctStories(4));
    await service.idle();
    expect(poster.posts.map((post) => post.place.kind)).toEqual(["new-story", "new-story"]);
    await service.flushBatches();
    expect(poster.posts).toHaveLength(2);
    clock.advance(60 * 60_000);
    await service.flushBatches();
    await service.flushBatches();
    expect(poster.posts.map((post) => post.place.kind)).toEqual(["new-story", "new-story", "batch"]);
    expect(poster.posts[2]?.alert).toMatchObject({
      kind: "batch",
      storyCount: 2,
      hourly: false,
      label: "“ceasefire”",
    });
    await service.stop();
  });

  it("GIVEN an hourly follow WHEN stories land THEN nothing is posted until the hour is up, then one message lists them", async () => {
    const { make, library, poster, clock } = setup();
    const service = make();
    await service.start();
    await service.add({ guildId: "g1", channelId: "c1", query: "ceasefire", mode: "hourly" });
    library.land(distinctStories(3));
    await service.idle();
    expect(poster.posts).toEqual([]);
    clock.advance(60 * 60_000);
    await service.flushBatches();
    expect(poster.posts.map((post) => post.alert)).toMatchObject([
      { kind: "batch", storyCount: 3, hourly: true },
    ]);
    await service.stop();
  });

  it("GIVEN a claim left by a process that died before posting, and one it posted WHEN a new process starts THEN the first is posted once with the same nonce and the second never again", async () => {
    const { make, library, poster, store } = setup();
    const first = make({ instanceId: "dead-process" });
    await first.start();
    const follow = await first.add({ guildId: "g1", channelId: "c1", query: "ceasefire geneva" });
    library.land([GENEVA, FOOTBALL]);
    await first.idle();
    await first.stop();
    const nonce = poster.posts[0]?.nonce;
    // As if the process had been killed between its claim of the second article and its post:
    await store.follows.claim(
      { followId: follow.id, articleId: FOOTBALL.id, storyKey: FOOTBALL.id, placement: "top" },
      "claimed",
      "dead-process",
    );
    await store.follows.finish(follow.id, GENEVA.id, { status: "posted", messageId: "m1" });
    await store.follows.claim(
      { followId: follow.id, articleId: GENEVA.id, storyKey: GENEVA.id, placement: "top" },
      "claimed",
      "dead-process",
    );
    const second = make({ ownerIsGone: (owner) => owner === "dead-process" });
    await second.start();
    await second.idle();
    expect(poster.posts.map((post) => post.alert.kind === "story" && post.alert.headline)).toEqual([
      GENEVA.title,
      FOOTBALL.title,
    ]);
    expect(poster.posts[0]?.nonce).toBe(nonce);
    expect(await store.follows.openClaims()).toEqual([]);
    await second.stop();
  });

  it("GIVEN a claim whose process died after trying to post WHEN a new process takes it over THEN the poster is told an earlier attempt may have reached Discord; a fresh post is not", async () => {
    const { make, library, poster, store } = setup();
    const first = make({ instanceId: "dead-process" });
    await first.start();
    const follow = await first.add({ guildId: "g1", channelId: "c1", query: "ceasefire geneva" });
    await first.stop();
    library.land([GENEVA]);
    // As if the process had been killed during its post: the claim records the attempt it made.
    await store.follows.claim(
      { followId: follow.id, articleId: GENEVA.id, storyKey: GENEVA.id, placement: "top" },
      "claimed",
      "dead-process",
    );
    await store.follows.recordAttempt(follow.id, GENEVA.id);
    const second = make({ ownerIsGone: (owner) => owner === "dead-process" });
    await second.start();
    await second.idle();
    library.land([GENEVA_LATER]);
    await second.idle();
    expect(
      poster.posts.map((post) => [post.alert.kind === "story" && post.alert.headline, post.mayHaveStarted]),
    ).toEqual([
      [GENEVA.title, true],
      [GENEVA_LATER.title, false],
    ]);
    await second.stop();
  });

  it("GIVEN two follows WHEN one's channel is deleted THEN only that follow is paused with the reason; the other keeps posting", async () => {
    const { make, library, poster, store } = setup();
    const service = make();
    await service.start();
    const gone = await service.add({ guildId: "g1", channelId: "deleted", query: "geneva" });
    const kept = await service.add({ guildId: "g1", channelId: "c2", query: "ceasefire" });
    poster.failIn("deleted", new AlertPostError("not-found", "<#deleted> no longer exists"));
    library.land([GENEVA]);
    await service.idle();
    expect(await store.follows.get(gone.id)).toMatchObject({
      paused: true,
      pausedReason: "not-found: <#deleted> no longer exists",
      lastError: "not-found: <#deleted> no longer exists",
    });
    expect(await store.follows.get(kept.id)).toMatchObject({ paused: false, consecutiveFailures: 0 });
    library.land(distinctStories(1));
    await service.idle();
    expect(poster.posts.map((post) => post.channelId)).toEqual(["c2", "c2"]);
    await service.stop();
  });

  it("GIVEN Discord refusing with 403 three times in a row WHEN stories land THEN the follow is paused after the third; 503s are retried first", async () => {
    const { make, library, poster, store } = setup();
    const service = make();
    await service.start();
    const follow = await service.add({ guildId: "g1", channelId: "c1", query: "ceasefire" });
    poster.failures.push(new AlertPostError("server", "Discord failed (HTTP 503)"));
    const forbidden = () => new AlertPostError("forbidden", "the bot may not post in <#c1>");
    library.land(distinctStories(1));
    await service.idle();
    expect(poster.posts).toHaveLength(1);
    poster.failures.push(forbidden(), forbidden(), forbidden());
    library.land(distinctStories(4).slice(1));
    await service.idle();
    expect(await store.follows.get(follow.id)).toMatchObject({
      paused: true,
      pausedReason: "3 failures in a row, the last: forbidden: the bot may not post in <#c1>",
    });
    await service.stop();
  });

  it("GIVEN an article of another server's own feed WHEN it lands THEN this server's follow does not see it", async () => {
    const { make, library, poster } = setup();
    const service = make();
    await service.start();
    await service.add({ guildId: "g1", channelId: "c1", query: "geneva" });
    library.land([GENEVA], { owner: "g2" });
    await service.idle();
    expect(poster.posts).toEqual([]);
    library.land([GENEVA_LATER], { owner: "g1" });
    await service.idle();
    expect(poster.posts).toHaveLength(1);
    await service.stop();
  });

  it("GIVEN a paused follow WHEN stories land THEN nothing is posted; resumed THEN new ones are", async () => {
    const { make, library, poster } = setup();
    const service = make();
    await service.start();
    const follow = await service.add({ guildId: "g1", channelId: "c1", query: "ceasefire" });
    await service.pause("g1", follow.id, "u1");
    library.land([GENEVA]);
    await service.idle();
    expect(poster.posts).toEqual([]);
    await service.resume("g1", follow.id);
    library.land(distinctStories(1));
    await service.idle();
    expect(poster.posts).toHaveLength(1);
    await expectUserError(service.pause("g2", follow.id), /no follow/);
    await service.stop();
  });

  it("GIVEN stories of the last day WHEN a follow is tested THEN its stories come back grouped and nothing is posted", async () => {
    const { make, library, poster } = setup({ postsPerHour: 1 });
    const service = make();
    await service.start();
    library.land([GENEVA, GENEVA_LATER, ...distinctStories(2)]);
    await service.idle();
    const follow = await service.add({ guildId: "g1", channelId: "c1", query: "ceasefire" });
    const preview = await service.preview("g1", follow.id);
    expect(preview.stories.map((story) => story.map((article) => article.id))).toEqual([
      ["geneva-1", "geneva-2"],
      ["story-glacier"],
      ["story-harbour"],
    ]);
    expect(preview.postedSingly).toBe(1);
    expect(poster.posts).toEqual([]);
    await service.stop();
  });
});
