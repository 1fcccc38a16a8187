import { afterEach, describe, expect, it } from "vitest";
import { feeds } from "../../commands/feeds.ts";
import type { CommandContext } from "../../src/app/command.ts";
import { runCommand } from "../../src/app/dispatch.ts";
import { FeedService } from "../../src/app/feeds.ts";
import type { Library } from "../../src/app/library.ts";
import { silentLogger } from "../../src/app/logger.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { SqliteStore } from "../../src/store/db.ts";
import { testAppContext, TEST_NOW } from "../helpers/app-context.ts";
import { fullText, rssFeed } from "../fixtures/feeds/builders.ts";
import { FixtureServer } from "../fixtures/feeds/server.ts";

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup() {
  server = await FixtureServer.start();
  server.routes.set("/rss", {
    body: rssFeed("Harbour News", [{ title: "Quay", guid: "q1", content: fullText("quay") }]),
  });
  server.routes.set("/page", {
    headers: { "content-type": "text/html" },
    body: "<html><body>Welcome</body></html>",
  });
  server.routes.set("/down", { status: 503 });
  const clock = new ManualClock(TEST_NOW);
  const store = SqliteStore.open(":memory:", { clock });
  const handed: string[] = [];
  const service = new FeedService({
    feeds: store.feeds,
    library: {
      setExternalArticles: (key) => {
        handed.push(key);
        return Promise.resolve();
      },
    },
    clock,
    logger: silentLogger(),
    globalFeeds: [server.url("/down")],
    allowPrivate: true,
    timer: { set: () => undefined, clear: () => undefined },
  });
  await service.start();
  const app = {
    ...testAppContext({ library: Object.create(null) as Library, clock }),
    store,
    feeds: service,
  };
  const manager: CommandContext = { app, guildId: "g1", channelId: "c1", userId: "u1", canManageGuild: true };
  const member: CommandContext = { ...manager, userId: "u2", canManageGuild: false };
  return { server, service, manager, member, handed };
}

function text(reply: Awaited<ReturnType<typeof runCommand>>): string {
  return reply.pages
    .map((page) =>
      [page.title, page.description, ...(page.fields ?? []).map((f) => `${f.name}: ${f.value}`)].join("\n"),
    )
    .join("\n")
    .trim();
}

describe("/feeds", () => {
  it("GIVEN a manager WHEN adding a feed THEN it is fetched, confirmed privately, listed and offered for removal", async () => {
    const { server, manager } = await setup();
    const added = await runCommand(feeds, { subcommand: "add", url: server.url("/rss") }, manager);
    expect(added.ephemeral).toBe(true);
    expect(text(added)).toContain(
      `Following **Harbour News** (${server.url("/rss")}): 1 article so far, only in this server.`,
    );

    const listed = text(await runCommand(feeds, { subcommand: "list" }, manager));
    expect(listed).toContain("Harbour News: ");
    expect(listed).toContain("✅ healthy · 1 article");
    expect(listed).toContain(`${server.url("/down")} (every server)`);
    expect(listed).toContain("⚠️ failing · 0 articles");
    expect(listed).toContain("Last error (1 failure): HTTP 503");
    expect(await feeds.autocomplete?.("url", "harb", manager)).toEqual([
      { name: `Harbour News (${server.url("/rss")})`, value: server.url("/rss") },
    ]);

    const removed = await runCommand(feeds, { subcommand: "remove", url: server.url("/rss") }, manager);
    expect(text(removed)).toContain("Stopped following");
    expect(text(await runCommand(feeds, { subcommand: "list" }, manager))).not.toContain("Harbour News");
  });

  it("GIVEN a member without Manage Server WHEN adding or removing THEN refused and nothing changes; list still works", async () => {
    const { server, member, service } = await setup();
    const add = await runCommand(feeds, { subcommand: "add", url: server.url("/rss") }, member);
    const remove = await runCommand(feeds, { subcommand: "remove", url: server.url("/rss") }, member);
    expect(add).toMatchObject({ ephemeral: true, tone: "error" });
    expect(text(add)).toBe("You need the Manage Server permission to add feeds.");
    expect(text(remove)).toBe("You need the Manage Server permission to remove feeds.");
    expect((await service.list("g1")).filter((status) => status.scope === "server")).toEqual([]);
    expect(server.count("/rss")).toBe(0);
    expect(text(await runCommand(feeds, { subcommand: "list" }, member))).toContain("(every server)");
  });

  it("GIVEN bad URLs, a page that is not a feed or an unknown feed THEN each gets a private error naming the problem", async () => {
    const { server, manager } = await setup();
    const cases: [Record<string, unknown>, string][] = [
      [{ subcommand: "add", url: "javascript:alert(1)" }, "`url`: only http and https URLs are allowed."],
      [{ subcommand: "add", url: "news please" }, "`url`: not a valid URL."],
      [{ subcommand: "add", url: server.url("/page") }, "Cannot add that feed: an HTML page, not a feed."],
      [{ subcommand: "add", url: "" }, "`url`: give the feed's URL"],
      [
        { subcommand: "remove", url: server.url("/nothing") },
        "This server does not follow that feed. See `/feeds list`.",
      ],
    ];
    for (const [options, message] of cases) {
      const reply = await runCommand(feeds, options, manager);
      expect(reply.tone).toBe("error");
      expect(text(reply)).toBe(message);
    }
  });

  it("GIVEN a direct message WHEN adding THEN it asks for a server", async () => {
    const { server, manager } = await setup();
    const direct: CommandContext = { app: manager.app, userId: "u1", canManageGuild: true };
    const reply = await runCommand(feeds, { subcommand: "add", url: server.url("/rss") }, direct);
    expect(text(reply)).toBe("`/feeds` works only in a server, not in direct messages.");
  });
});
