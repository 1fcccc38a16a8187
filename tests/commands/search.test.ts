import { copyFile, mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { search } from "../../commands/search.ts";
import type { CommandContext } from "../../src/app/command.ts";
import { Library } from "../../src/app/library.ts";
import { silentLogger } from "../../src/app/logger.ts";
import { ManualClock } from "../../src/core/clock.ts";
import type { Reply } from "../../src/core/reply.ts";
import { makeArticle } from "../fixtures/articles.ts";
import { userErrorOf } from "../helpers/user-error.ts";
import { testAppContext } from "../helpers/app-context.ts";

const SEED = "articles/000_bb1ba0608eabcd20.txt";
/** The seed's second story says "Updated 7 sec ago": it is dated by the file's modification time. */
const SEED_MTIME = new Date("2025-12-04T10:00:07Z");

let root: string;
let ctx: CommandContext;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "newsdesk-search-"));
  const articlesDir = join(root, "articles");
  await mkdir(join(articlesDir, "wire"), { recursive: true });
  await copyFile(SEED, join(articlesDir, "seed.txt"));
  await utimes(join(articlesDir, "seed.txt"), SEED_MTIME, SEED_MTIME);
  const harvest = Array.from({ length: 12 }, (_, i) =>
    JSON.stringify({
      id: `h${i}`,
      title: `Harvest report ${i + 1}`,
      body: `Farmers in district ${i + 1} reported the harvest of ${i + 1}00 tonnes of barley this week.`,
      date: `2025-11-${String(10 + i).padStart(2, "0")}`,
      source: "Farm Wire",
      url: `https://example.org/harvest/${i + 1}`,
    }),
  );
  await writeFile(join(articlesDir, "wire", "harvest.jsonl"), harvest.join("\n"));
  const clock = new ManualClock("2025-12-05T12:00:00Z");
  const library = await Library.open({
    articlesDir,
    dataDir: join(root, "data"),
    maxFileBytes: 1 << 20,
    clock,
    logger: silentLogger(),
  });
  ctx = { app: testAppContext({ library, clock }) };
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const run = (options: Record<string, unknown>) => search.execute(options, ctx);
const titles = (reply: Reply) =>
  reply.pages.flatMap((page) => (page.fields ?? []).map((field) => field.name));

const userError = (options: Record<string, unknown>) => userErrorOf(run(options));

describe("/search", () => {
  it("GIVEN the seed articles WHEN searching a place THEN the story, its date, source and a bold snippet", async () => {
    const reply = await run({ query: "pokrovsk" });
    expect(reply.pages).toHaveLength(1);
    const [page] = reply.pages;
    expect(page.title).toBe("Search: pokrovsk");
    expect(page.description).toBe("1 article matches.");
    expect(page.fields).toHaveLength(1);
    const field = page.fields?.[0];
    expect(field?.name).toBe("1. Russia says battlefield success strengthening its hand in Ukraine talks");
    expect(field?.value).toMatch(/^2025-12-03 · local\n/);
    expect(field?.value).toContain("**Pokrovsk**");
  });

  it("GIVEN a typo THEN both stories that mention the Kremlin are found", async () => {
    const reply = await run({ query: "kremln" });
    expect(titles(reply)).toHaveLength(2);
  });

  it("GIVEN twelve matches THEN five a page, numbered across pages, with links", async () => {
    const reply = await run({ query: "harvest barley" });
    expect(reply.pages.map((page) => page.fields?.length)).toEqual([5, 5, 2]);
    expect(titles(reply)[5]).toMatch(/^6\. Harvest report/);
    expect(reply.pages[0].fields?.[0]?.value).toMatch(
      /^2025-11-\d\d · Farm Wire · \[link\]\(https:\/\/example\.org\/harvest\/\d+\)/,
    );
  });

  it("GIVEN since and until THEN only articles in that range", async () => {
    const reply = await run({ query: "putin", since: "2025-12-04", until: "2025-12-04" });
    expect(titles(reply)).toEqual([
      "1. Putin says there are points he can’t agree to in the US proposal to end Russia’s war in Ukraine",
    ]);
    const relative = await run({ query: "barley", since: "3w" });
    expect(titles(relative).length).toBeGreaterThan(0);
    expect(titles(relative).length).toBeLessThan(12);
  });

  it("GIVEN a source THEN only its articles, matched case-insensitively", async () => {
    const reply = await run({ query: "report", source: "farm wire" });
    expect(titles(reply)).toHaveLength(12);
    const error = await userError({ query: "report", source: "Reuters" });
    expect(error.message).toBe("No source named “Reuters”. Sources: Farm Wire, local.");
  });

  it("GIVEN nothing matches THEN a not-found error that suggests close terms", async () => {
    // Three letters are too short for typo matching, so only the suggestion can find Kyiv.
    const error = await userError({ query: "kyv" });
    expect(error.code).toBe("not-found");
    expect(error.message).toMatch(/^No articles match “kyv”\. Did you mean: “kyiv”/);
    const nothingClose = await userError({ query: "xylophone" });
    expect(nothingClose.message).toBe("No articles match “xylophone”.");
  });

  it("GIVEN filters that exclude every match THEN the reply says the filters did", async () => {
    const error = await userError({ query: "pokrovsk", until: "2025-11-01" });
    expect(error.message).toMatch(/^No articles match “pokrovsk” with these filters\./);
  });

  it("GIVEN bad options THEN user errors name them", async () => {
    expect((await userError({ query: "x", since: "last tuesday" })).message).toMatch(
      /^`since`: expected a date/,
    );
    expect((await userError({ query: "   " })).message).toMatch(/^`query`: type something/);
    expect((await userError({ query: "x", since: "2025-12-05", until: "2025-12-01" })).message).toBe(
      "`since` must be before `until`.",
    );
  });

  it("GIVEN a typed source prefix THEN autocomplete offers matching sources", async () => {
    expect(await search.autocomplete?.("source", "fa", ctx)).toEqual([
      { name: "Farm Wire", value: "Farm Wire" },
    ]);
  });
});

describe("/search and servers' own feeds", () => {
  it("GIVEN an article from one server's own feed THEN only that server's members find it", async () => {
    await ctx.app.library.setExternalArticles(
      "g1:club",
      [
        makeArticle({
          id: "g1_chess",
          title: "Chess club ladder",
          paragraphs: ["The chess club ladder restarts in January."],
          source: "Club News",
        }),
      ],
      { guildId: "g1" },
    );
    const inOwnServer = await search.execute({ query: "chess ladder" }, { ...ctx, guildId: "g1" });
    expect(titles(inOwnServer)).toEqual(["1. Chess club ladder"]);
    await expect(search.execute({ query: "chess ladder" }, { ...ctx, guildId: "g2" })).rejects.toThrow(
      /No articles match/,
    );
    await ctx.app.library.setExternalArticles("g1:club", []);
  });
});
