import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitTerms, trends } from "../../commands/trends.ts";
import type { CommandContext } from "../../src/app/command.ts";
import type { Library } from "../../src/app/library.ts";
import { QuoteService } from "../../src/app/quotes.ts";
import { imageSaver } from "../../src/console/images.ts";
import { ConsoleSession } from "../../src/console/session.ts";
import type { Reply, ReplyImage } from "../../src/core/reply.ts";
import { makeArticle } from "../fixtures/articles.ts";
import { QUOTE_ARTICLES, QuoteLibraryFolder, type FixtureArticle } from "../fixtures/quotes/library.ts";
import { testAppContext } from "../helpers/app-context.ts";
import { userErrorOf } from "../helpers/user-error.ts";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Harbour news over three UTC days, 1–3 December 2025, with publication times near midnight in other zones:
 * 20:30 in New York on the 1st is the 2nd in UTC, and 00:30 in Paris on the 3rd is still the 2nd.
 */
const HARBOUR: readonly FixtureArticle[] = [
  {
    id: "reopens",
    title: "Harbour reopens",
    date: "2025-12-01T09:00:00Z",
    paragraphs: ["The harbour reopened to ferries on Monday."],
  },
  {
    id: "ferries",
    title: "Ferries return",
    date: "2025-12-01T20:30:00-05:00",
    paragraphs: ["Ferries returned to the harbour after the storm."],
  },
  {
    id: "strike",
    title: "Dock workers strike",
    date: "2025-12-03T00:30:00+01:00",
    paragraphs: ["Workers at the harbour walked out over pay."],
  },
  {
    id: "storm",
    title: "Storm warning",
    date: "2025-12-03T10:00:00Z",
    paragraphs: ["A second storm is due; the harbour may close again."],
  },
  {
    id: "geneva",
    title: "Geneva meeting",
    date: "2025-12-01T12:00:00Z",
    paragraphs: ["The peace talks resumed in Geneva."],
  },
  {
    id: "stalled",
    title: "No deal yet",
    date: "2025-12-02T12:00:00Z",
    paragraphs: ["Talks about a lasting peace stalled again."],
  },
];

/** Putin's quotes of QUOTE_ARTICLES, and two more on 1 December, his busiest day. */
const PUTIN: readonly FixtureArticle[] = [
  ...QUOTE_ARTICLES,
  {
    id: "plan",
    title: "Putin on the peace plan",
    date: "2025-12-01T15:00:00Z",
    paragraphs: [
      "“The peace plan has points we cannot accept, and others we can discuss,” Putin said.",
      "“Thank you,” Putin said.",
    ],
  },
];

let harbour: QuoteLibraryFolder;
let harbourLibrary: Library;
let putin: QuoteLibraryFolder;
let service: QuoteService;
let ctx: CommandContext;
let quotesCtx: CommandContext;
let chartsDir: string;

beforeAll(async () => {
  harbour = await QuoteLibraryFolder.create(HARBOUR);
  harbourLibrary = await harbour.open();
  // A server's own feed: its article is seen in that server only.
  await harbourLibrary.setExternalArticles(
    "feed:harbour-gazette",
    [
      makeArticle({
        id: "gazette",
        title: "Harbour busy again",
        paragraphs: ["The harbour was busy with ferries."],
        publishedAt: "2025-12-02T08:00:00Z",
        source: "Harbour Gazette",
      }),
    ],
    { guildId: "port-town" },
  );
  ctx = { app: testAppContext({ library: harbourLibrary, clock: harbour.clock }), guildId: "elsewhere" };
  putin = await QuoteLibraryFolder.create(PUTIN);
  const putinLibrary = await putin.open();
  service = new QuoteService(putinLibrary);
  quotesCtx = { app: testAppContext({ library: putinLibrary, clock: putin.clock, quotes: service }) };
  chartsDir = await mkdtemp(join(tmpdir(), "newsdesk-charts-"));
});

afterAll(async () => {
  service.close();
  await harbour.cleanup();
  await putin.cleanup();
  await rm(chartsDir, { recursive: true, force: true });
});

const run = (options: Record<string, unknown>, context = ctx) => trends.execute(options, context);
const imageOf = (reply: Reply): ReplyImage => {
  const image = reply.pages[0].image;
  if (image === undefined) throw new Error("the reply has no chart");
  return image;
};
interface Numbers {
  by: string;
  since: string;
  until: string;
  series: { label: string; total: number; points: { date: string; count: number }[] }[];
}
const numbersOf = (reply: Reply) => imageOf(reply).data as Numbers;
const countsOf = (reply: Reply) =>
  numbersOf(reply).series.map((line) => line.points.map((point) => point.count));

describe("/trends query", () => {
  it("GIVEN no dates and articles over three days THEN the chart covers exactly those UTC days, counted per day", async () => {
    const reply = await run({ query: "harbour" });
    expect(numbersOf(reply)).toMatchObject({ by: "day", since: "2025-12-01", until: "2025-12-03" });
    // 1 Dec: reopens; 2 Dec: ferries (New York evening) and strike (Paris after midnight); 3 Dec: storm.
    expect(countsOf(reply)).toEqual([[1, 2, 1]]);
  });

  it("GIVEN a server with its own feed THEN its article counts there and nowhere else", async () => {
    const inPortTown = await run({ query: "harbour" }, { ...ctx, guildId: "port-town" });
    expect(countsOf(inPortTown)).toEqual([[1, 3, 1]]);
    const inDm = await run({ query: "harbour" }, { app: ctx.app });
    expect(countsOf(inDm)).toEqual([[1, 2, 1]]);
  });

  it("GIVEN several terms with a typo and a phrase THEN each is matched as /search matches it, one line each", async () => {
    const reply = await run({ query: 'harbuor, "peace talks", storm' });
    expect(numbersOf(reply).series.map((line) => line.label)).toEqual(["harbuor", '"peace talks"', "storm"]);
    expect(countsOf(reply)).toEqual([
      [1, 2, 1],
      [1, 0, 0],
      [0, 1, 1],
    ]);
  });

  it("GIVEN a chart THEN the description and the alt text give each term's total and busiest day in words", async () => {
    const reply = await run({ query: "harbour, peace" });
    const [page] = reply.pages;
    expect(page.title).toBe("Trends: harbour, peace");
    expect(page.description).toBe(
      [
        "Articles a day matching each term, 1 Dec – 3 Dec 2025 (UTC).",
        "**harbour**: 4 articles, the most on 2 Dec 2025 (2).",
        "**peace**: 2 articles, the most on 1 Dec 2025 (1).",
      ].join("\n"),
    );
    expect(imageOf(reply).alt).toBe(
      "Line chart of articles per day, 1 Dec – 3 Dec 2025. harbour: 4 articles, the most on 2 Dec 2025 (2). " +
        "peace: 2 articles, the most on 1 Dec 2025 (1).",
    );
    expect([...imageOf(reply).png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(imageOf(reply).fileName).toBe("trends.png");
  });

  it("GIVEN since and until over a week, by week THEN weeks from Monday, counting only the days asked for", async () => {
    const reply = await run({ query: "harbour", since: "2025-11-26", until: "2025-12-02", by: "week" });
    expect(numbersOf(reply).series[0]?.points).toEqual([
      { date: "2025-11-26", count: 0 },
      { date: "2025-12-01", count: 3 },
    ]);
  });

  it("GIVEN terms that match nothing in the range THEN a clear sentence and no chart", async () => {
    const error = await userErrorOf(run({ query: "harbour", since: "2025-11-01", until: "2025-11-30" }));
    expect(error.code).toBe("not-found");
    expect(error.message).toBe("No articles match “harbour” between 1 Nov 2025 and 30 Nov 2025.");
  });

  it("GIVEN more than three terms, or both query and speaker, or neither THEN a user error says what to give", async () => {
    expect((await userErrorOf(run({ query: "a, b, c, d" }))).message).toMatch(/at most 3 terms/);
    expect((await userErrorOf(run({ query: "harbour", speaker: "Putin" }))).code).toBe("bad-option");
    expect((await userErrorOf(run({}))).message).toMatch(/either `query`.*or `speaker`/);
  });

  it("GIVEN commas inside quotes THEN they do not split the phrase; repeated terms count once", () => {
    expect(splitTerms('"ports, docks", ferries , FERRIES,')).toEqual(['"ports, docks"', "ferries"]);
  });
});

describe("/trends speaker", () => {
  it("GIVEN a speaker THEN their quotes per day, and the most telling quotes of their busiest day beside the chart", async () => {
    const reply = await run({ speaker: "Putin", since: "2025-11-28", until: "2025-12-03" }, quotesCtx);
    expect(countsOf(reply)).toEqual([[0, 0, 0, 4, 0, 1]]);
    const [page] = reply.pages;
    expect(page.title).toBe("Trends: quotes of Vladimir Putin");
    expect(page.description).toBe(
      [
        "Quotes a day of **Vladimir Putin**, 28 Nov – 3 Dec 2025 (UTC): 5 quotes, the most on 1 Dec 2025 (4).",
        "The 3 most telling quotes of the busiest day, 1 Dec 2025:",
      ].join("\n"),
    );
    expect(page.fields?.map((field) => field.value.split("\n")[0])).toEqual([
      "“The peace plan has points we cannot accept, and others we can discuss”",
      "“The talks were useful”",
      "“We will continue them next week”",
    ]);
    expect(page.fields?.[0]?.name).toBe("1. Putin on the peace plan");
    expect(imageOf(reply).alt).toBe(
      "Line chart of quotes per day of Vladimir Putin, 28 Nov – 3 Dec 2025: 5 quotes, the most on 1 Dec 2025 (4).",
    );
  });

  it("GIVEN a name nobody goes by THEN the closest speakers; GIVEN no quotes in the range THEN a sentence", async () => {
    expect((await userErrorOf(run({ speaker: "Putn" }, quotesCtx))).message).toMatch(
      /Closest known speakers: .*Putin/,
    );
    const none = await userErrorOf(
      run({ speaker: "Putin", since: "2025-10-01", until: "2025-10-31" }, quotesCtx),
    );
    expect(none.message).toBe("No quotes of Vladimir Putin between 1 Oct 2025 and 31 Oct 2025.");
  });

  it("GIVEN a typed speaker name THEN autocomplete offers speakers with their quote counts", async () => {
    const choices = await trends.autocomplete?.("speaker", "Puti", quotesCtx);
    expect(choices?.[0]?.name).toBe("Vladimir Putin (9 quotes)");
  });
});

describe("/trends in the console", () => {
  it("GIVEN a chart THEN a sparkline per term with its peak and total, and the path of the saved PNG", async () => {
    const session = new ConsoleSession({
      ctx,
      commands: [trends],
      json: false,
      style: { color: false },
      saveImage: imageSaver(chartsDir, harbour.clock),
    });
    const outcome = await session.handleLine('/trends query:harbour, "peace talks"');
    const text = outcome.kind === "output" ? outcome.text : "";
    const path = join(chartsDir, "trends-20251205-120000.png");
    expect(text).toContain(
      [
        `harbour        ▅█▅  peak 2 on 2 Dec 2025 · total 4`,
        `"peace talks"  █▁▁  peak 1 on 1 Dec 2025 · total 1`,
        `Chart: ${path}`,
      ].join("\n"),
    );
    expect([...(await readFile(path)).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  });

  it("GIVEN --json THEN the reply's chart has the saved path and the numbers, without the picture's bytes", async () => {
    const session = new ConsoleSession({
      ctx,
      commands: [trends],
      json: true,
      style: { color: false },
      saveImage: imageSaver(chartsDir, harbour.clock),
    });
    const outcome = await session.handleLine("/trends query:harbour");
    const parsed = JSON.parse(outcome.kind === "output" ? outcome.text : "{}") as Reply;
    const image = parsed.pages[0].image;
    // The first file of that second exists already, from the test before.
    expect(image?.path).toBe(join(chartsDir, "trends-20251205-120000-2.png"));
    expect(image).not.toHaveProperty("png");
    expect((image?.data as Numbers).series[0]?.total).toBe(4);
  });
});
