import { copyFile, rm, utimes } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { summary } from "../../commands/summary.ts";
import type { CommandContext } from "../../src/app/command.ts";
import { quotesDeriver } from "../../src/app/quotes.ts";
import { summaryDeriver } from "../../src/app/summaries.ts";
import { ManualClock } from "../../src/core/clock.ts";
import type { Reply, ReplyPage } from "../../src/core/reply.ts";
import { testAppContext } from "../helpers/app-context.ts";
import { userErrorOf } from "../helpers/user-error.ts";
import { articlesFolder, libraryLines, openLibrary } from "../fixtures/summaries/library.ts";

const SEED = "articles/000_bb1ba0608eabcd20.txt";
const SEED_TITLE = "Russia says battlefield success strengthening its hand in Ukraine talks";

let root: string;
let ctx: CommandContext;

beforeAll(async () => {
  const folder = await articlesFolder(libraryLines());
  root = folder.root;
  await copyFile(SEED, join(folder.articlesDir, "seed.txt"));
  const seedTime = new Date("2025-12-04T10:00:07Z");
  await utimes(join(folder.articlesDir, "seed.txt"), seedTime, seedTime);
  const library = await openLibrary(root, [summaryDeriver, quotesDeriver]);
  ctx = { app: testAppContext({ library, clock: new ManualClock("2025-12-05T12:00:00Z") }) };
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const run = (options: Record<string, unknown>) => summary.execute(options, ctx);

function page(reply: Reply): ReplyPage {
  expect(reply.pages).toHaveLength(1);
  return reply.pages[0];
}

function bullets(reply: Reply): string[] {
  return (page(reply).description ?? "").split("\n").filter((line) => line.startsWith("\u2022 "));
}

const userError = (options: Record<string, unknown>) => userErrorOf(run(options));

describe("/summary article", () => {
  it("GIVEN an article id (what autocomplete sends) THEN title, link, date, source, three bullets and the telling quote", async () => {
    const reply = await run({ article: "ferry" });
    const shown = page(reply);
    expect(shown.title).toBe("Ferry service to close when the harbour bridge opens");
    expect(shown.description).toMatch(/^2025-12-04 · Harbour Post\n\n/);
    expect(bullets(reply)).toHaveLength(3);
    expect(bullets(reply)[0]).toMatch(/^• The ferry service across Portville harbour will close in 2029/);
    expect(shown.fields).toEqual([
      {
        name: "Quote — Maria Lund",
        value: expect.stringMatching(/^“The ferry has carried this city .*letter,?”$/) as string,
      },
    ]);
    expect(shown.footer).toBe("Medium summary");
  });

  it("GIVEN an article with a page address THEN the reply links to it once, from its title", async () => {
    const shown = page(await run({ article: "bridge" }));
    expect(shown.url).toBe("https://example.org/bridge");
    expect(shown.description).toMatch(/^2025-\d\d-\d\d · [^\n]+\n/);
    expect(shown.description).not.toContain("example.org");
  });

  it("GIVEN the seed story's title typed in the console THEN that story is summarised, from its lede, without debris", async () => {
    const reply = await run({ article: SEED_TITLE.toLowerCase() });
    expect(page(reply).title).toBe(SEED_TITLE);
    const lines = bullets(reply);
    expect(lines[0]).toMatch(/^• The Kremlin said Wednesday that its army/);
    for (const line of lines) expect(line).not.toMatch(/Short Url|Pool Photo|Updated|Follow/);
  });

  it("GIVEN part of a title typed THEN the best matching title is summarised", async () => {
    expect(page(await run({ article: "record field marathon" })).title).toBe(
      "Record field for city marathon",
    );
  });

  it("GIVEN each length THEN short has 1-2 bullets, medium 3 and long 5-6, all within one embed", async () => {
    const counts = await Promise.all(
      (["short", "medium", "long"] as const).map(async (length) => {
        const reply = await run({ article: SEED_TITLE, length });
        expect((page(reply).description ?? "").length).toBeLessThanOrEqual(4096);
        return bullets(reply).length;
      }),
    );
    const [short = 0, medium, long = 0] = counts;
    expect(short).toBeGreaterThanOrEqual(1);
    expect(short).toBeLessThanOrEqual(2);
    expect(medium).toBe(3);
    expect(long).toBeGreaterThanOrEqual(5);
    expect(long).toBeLessThanOrEqual(6);
  });

  it("GIVEN an article nobody wrote THEN a not-found error names the closest titles", async () => {
    const error = await userError({ article: "harbour council election" });
    expect(error.code).toBe("not-found");
    expect(error.message).toMatch(/^No article matches “harbour council election”\. Closest titles: “/);
  });

  it("GIVEN text that matches nothing at all THEN the error points to /search", async () => {
    const error = await userError({ article: "zzzz qqqq" });
    expect(error.message).toContain("/search");
  });

  it("GIVEN a since date with an article THEN a clear error: since is for topics", async () => {
    const error = await userError({ article: "ferry", since: "2025-12-01" });
    expect(error.code).toBe("bad-option");
    expect(error.message).toContain("`since`");
  });
});

describe("/summary options", () => {
  it("GIVEN both article and topic THEN a bad-option error asks for one", async () => {
    const error = await userError({ article: "ferry", topic: "harbour bridge" });
    expect(error.code).toBe("bad-option");
    expect(error.message).toBe("Give either `article` or `topic`, not both.");
  });

  it("GIVEN neither article nor topic THEN a bad-option error asks for one", async () => {
    const error = await userError({ length: "short" });
    expect(error.code).toBe("bad-option");
    expect(error.message).toContain("`article`");
  });

  it("GIVEN a length that is not a choice THEN the error lists the choices", async () => {
    const error = await userError({ article: "ferry", length: "huge" });
    expect(error.message).toContain("short, medium or long");
  });
});

describe("/summary topic", () => {
  it("GIVEN a topic two stories report THEN bullets cite numbered articles listed with date and source", async () => {
    const reply = await run({ topic: "harbour bridge", length: "long" });
    const shown = page(reply);
    expect(shown.title).toBe("Summary: harbour bridge");
    const lines = bullets(reply);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const cited = new Set(lines.map((line) => /— \[(\d+)\]$/.exec(line)?.[1]));
    expect(cited.has(undefined)).toBe(false);
    expect(shown.fields?.map((field) => field.name.slice(0, 4))).toEqual(
      [...cited].sort().map((number) => `[${String(number)}] `),
    );
    const names = shown.fields?.map((field) => field.name) ?? [];
    expect(names.some((name) => name.includes("City council approves new harbour bridge"))).toBe(true);
    expect(shown.fields?.[0]?.value).toMatch(/^2025-12-\d\d · Harbour Post/);
    expect(lines.filter((line) => line.includes("nine votes to four"))).toHaveLength(1);
    expect((shown.description ?? "").length).toBeLessThanOrEqual(4096);
  });

  it("GIVEN a since date THEN only articles from then on are cited", async () => {
    const reply = await run({ topic: "harbour bridge", since: "2025-12-03" });
    const names = page(reply).fields?.map((field) => field.name) ?? [];
    expect(names.length).toBeGreaterThan(0);
    expect(names.some((name) => name.includes("City council approves"))).toBe(false);
    expect(page(reply).description).toMatch(/since 2025-12-03\./);
  });

  it("GIVEN an empty topic THEN a clear bad-option error", async () => {
    const error = await userError({ topic: "   " });
    expect(error.code).toBe("bad-option");
    expect(error.message).toBe("`topic`: type a topic to summarise");
  });

  it("GIVEN a topic no article mentions THEN a not-found error", async () => {
    const error = await userError({ topic: "volcano eruption" });
    expect(error.code).toBe("not-found");
    expect(error.message).toMatch(/^No articles match “volcano eruption”/);
  });
});

describe("/summary autocomplete", () => {
  it("GIVEN the start of title words THEN matching titles, newest first, valued by id", async () => {
    const choices = (await summary.autocomplete?.("article", "russ", ctx)) ?? [];
    // The seed's second story ("Updated 7 sec ago") is the newer; its title mentions "Russia’s war".
    expect(choices.map((choice) => choice.name)).toEqual([
      expect.stringMatching(/^Putin says there are points he can’t agree to/) as string,
      SEED_TITLE,
    ]);
    expect(choices[0]?.name.length).toBeLessThanOrEqual(100);
    expect(
      choices.every((choice) =>
        ctx.app.library.get(choice.value)?.title.startsWith(choice.name.slice(0, 20)),
      ),
    ).toBe(true);
  });

  it("GIVEN another option THEN no choices", async () => {
    expect(await summary.autocomplete?.("topic", "harb", ctx)).toEqual([]);
  });
});
