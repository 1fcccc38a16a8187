import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quotes } from "../../commands/quotes.ts";
import type { CommandContext } from "../../src/app/command.ts";
import { QuoteService } from "../../src/app/quotes.ts";
import { ConsoleSession } from "../../src/console/session.ts";
import type { Reply } from "../../src/core/reply.ts";
import { testAppContext } from "../helpers/app-context.ts";
import { userErrorOf } from "../helpers/user-error.ts";
import { QUOTE_ARTICLES, QuoteLibraryFolder, type FixtureArticle } from "../fixtures/quotes/library.ts";

/** Putin's budget quotes again, and a week of his daily remarks: enough for several pages. */
const MORE_ARTICLES: readonly FixtureArticle[] = [
  ...QUOTE_ARTICLES,
  ...Array.from({ length: 6 }, (_, day) => ({
    id: `briefing-${day + 1}`,
    title: `Daily briefing ${day + 1}`,
    date: `2025-10-0${day + 1}`,
    paragraphs: [`“Briefing number ${day + 1} is over,” Putin said.`],
  })),
  {
    id: "namesake",
    title: "Clinton and Clinton",
    date: "2025-09-01",
    paragraphs: [
      "“I will win,” Hillary Clinton said.",
      "“She will win,” Bill Clinton said.",
      "“Vote early,” Hillary Clinton said.",
    ],
  },
];

let folder: QuoteLibraryFolder;
let service: QuoteService;
let ctx: CommandContext;

beforeAll(async () => {
  folder = await QuoteLibraryFolder.create(MORE_ARTICLES);
  const library = await folder.open();
  service = new QuoteService(library);
  ctx = { app: testAppContext({ library, clock: folder.clock, quotes: service }) };
});

afterAll(async () => {
  service.close();
  await folder.cleanup();
});

const run = (options: Record<string, unknown>, context = ctx) => quotes.execute(options, context);
const fields = (reply: Reply) => reply.pages.flatMap((page) => page.fields ?? []);
const titles = (reply: Reply) => fields(reply).map((field) => field.name);

async function suggestSpeakers(typed: string, context = ctx) {
  const choices = await quotes.autocomplete?.("speaker", typed, context);
  if (choices === undefined) throw new Error("/quotes has no autocomplete");
  return choices;
}

const userError = (options: Record<string, unknown>, context = ctx) => userErrorOf(run(options, context));

describe("/quotes", () => {
  it("GIVEN a speaker's surname THEN their quotes come newest first, 5 a page, with speaker, title, date and source", async () => {
    const reply = await run({ speaker: "Putin" });
    expect(reply.pages).toHaveLength(3);
    expect(reply.pages.map((page) => page.fields?.length)).toEqual([5, 5, 3]);
    const [page] = reply.pages;
    expect(page.title).toBe("Quotes: Vladimir Putin");
    expect(page.description).toBe("13 quotes, newest first.");
    expect(titles(reply).slice(0, 5)).toEqual([
      "1. Grain exports to rise",
      "2. Putin says talks were useful",
      "3. Putin says talks were useful",
      "4. Putin on energy prices",
      "5. Putin on energy prices",
    ]);
    expect(titles(reply).at(-1)).toBe("13. Daily briefing 1");
    expect(fields(reply)[0]?.value).toBe(
      "“Grain exports will rise this year”\n— Putin\n2025-12-03 · Farm Wire",
    );
    expect(fields(reply)[1]?.value).toBe(
      "“The talks were useful”\n— Vladimir Putin, Russian President\n2025-12-01 · wire",
    );
  });

  it("GIVEN a partial quote THEN it is shown inside its sentence with the quoted words in bold", async () => {
    const reply = await run({ speaker: "Dmitry Peskov" });
    expect(fields(reply)).toEqual([
      {
        name: "1. Grain exports to rise",
        value:
          "Kremlin spokesman Dmitry Peskov said the harvest was “**excellent by any measure**” and that farmers would be rewarded.\n" +
          "— Dmitry Peskov, Kremlin spokesman\n2025-12-03 · Farm Wire",
      },
    ]);
  });

  it("GIVEN about THEN the quotes that share its words come first, best match first", async () => {
    const reply = await run({ speaker: "Putin", about: "budget pensions" });
    expect(reply.pages[0].title).toBe("Quotes: Vladimir Putin on “budget pensions”");
    expect(reply.pages[0].description).toBe("1 quote.");
    expect(fields(reply)[0]?.value).toMatch(/^“The budget protects pensions”/);

    const energy = await run({ speaker: "Putin", about: "gas winter weapon" });
    expect(fields(energy).map((field) => field.value.split("\n")[0])).toEqual([
      "“Gas prices will fall in winter”",
      "“Energy is not a weapon”",
    ]);
  });

  it("GIVEN about with words the speaker never used THEN a clear not-found error", async () => {
    const error = await userError({ speaker: "Putin", about: "football" });
    expect(error.code).toBe("not-found");
    expect(error.message).toBe("No quotes of Vladimir Putin about “football”.");
  });

  it("GIVEN since THEN only quotes from articles of that date on come", async () => {
    const reply = await run({ speaker: "Putin", since: "2025-11-20" });
    expect(reply.pages[0].description).toBe("5 quotes, newest first.");
    expect(new Set(titles(reply).map((title) => title.replace(/^\d+\. /, "")))).toEqual(
      new Set(["Grain exports to rise", "Putin says talks were useful", "Putin on energy prices"]),
    );
    const error = await userError({ speaker: "Putin", since: "2025-12-04" });
    expect(error.message).toBe("No quotes of Vladimir Putin in that time.");
  });

  it("GIVEN an unknown or misspelt speaker THEN a clear error with the closest known speakers", async () => {
    const error = await userError({ speaker: "Putn" });
    expect(error.code).toBe("not-found");
    expect(error.message).toMatch(
      /^Nobody called “Putn” is quoted in the articles\. Closest known speakers: /,
    );
    expect(error.message).toContain("Vladimir Putin");
    const nobody = await userError({ speaker: "Zyxwvut Qqq" });
    expect(nobody.message).toBe("Nobody called “Zyxwvut Qqq” is quoted in the articles.");
  });

  it("GIVEN a surname two quoted people share THEN the most quoted one's quotes, and the other named", async () => {
    const reply = await run({ speaker: "Clinton" });
    expect(reply.pages[0].title).toBe("Quotes: Hillary Clinton");
    expect(reply.pages[0].description).toBe(
      "2 quotes, newest first. Others go by this name too: Bill Clinton.",
    );
  });

  it("GIVEN an autocomplete value (a speaker id) THEN that speaker's quotes come", async () => {
    const [bill] = await suggestSpeakers("bill");
    expect(bill?.name).toBe("Bill Clinton (1 quote)");
    const reply = await run({ speaker: bill?.value });
    expect(reply.pages[0].title).toBe("Quotes: Bill Clinton");
  });

  it("GIVEN no quote service THEN the command says quotes are not available", async () => {
    const bare = { app: testAppContext({ library: ctx.app.library }) };
    const error = await userError({ speaker: "Putin" }, bare);
    expect(error.code).toBe("unavailable");
    expect(await suggestSpeakers("pu", bare)).toEqual([]);
  });

  it("GIVEN a bad since or an empty speaker THEN the option is named", async () => {
    expect((await userError({ speaker: "Putin", since: "soon" })).message).toContain("`since`");
    expect((await userError({ speaker: "  " })).message).toContain("`speaker`");
  });
});

describe("/quotes autocomplete", () => {
  const suggest = (typed: string) => suggestSpeakers(typed);

  it("GIVEN a prefix THEN speakers with an alias starting so come, most quoted first, then near misses", async () => {
    const choices = await suggest("put");
    expect(choices.map((choice) => choice.name)).toEqual([
      "Vladimir Putin (13 quotes)",
      "Paul Putnam (1 quote)",
    ]);
    expect(choices[0]?.value).toBe(service.find("Putin")[0]?.id);
  });

  it("GIVEN a typo THEN the speaker is still suggested", async () => {
    expect((await suggest("ptuin")).map((choice) => choice.name)).toEqual(["Vladimir Putin (13 quotes)"]);
  });

  it("GIVEN a given name or a titled form THEN it matches as any alias does", async () => {
    expect((await suggest("vlad")).map((choice) => choice.name)).toEqual(["Vladimir Putin (13 quotes)"]);
    // "Bill" is one letter from "hill": a near miss, after the prefix match.
    expect((await suggest("hill")).map((choice) => choice.name)).toEqual([
      "Hillary Clinton (2 quotes)",
      "Bill Clinton (1 quote)",
    ]);
    expect((await suggest("clin")).map((choice) => choice.name)).toEqual([
      "Hillary Clinton (2 quotes)",
      "Bill Clinton (1 quote)",
    ]);
  });

  it("GIVEN nothing typed THEN the most quoted speakers come, at most 25", async () => {
    const choices = await suggest("");
    expect(choices[0]?.name).toBe("Vladimir Putin (13 quotes)");
    expect(choices.length).toBeLessThanOrEqual(25);
  });
});

describe("/quotes in the local console", () => {
  it("GIVEN the real command THEN `/quotes speaker:Putin` prints the newest quotes and turns pages", async () => {
    const session = new ConsoleSession({ ctx, commands: [quotes], json: false, style: { color: false } });
    const outcome = await session.handleLine("/quotes speaker:Putin");
    expect(outcome.kind).toBe("output");
    const text = outcome.kind === "output" ? outcome.text : "";
    expect(text.split("\n").slice(0, 5)).toEqual([
      "Quotes: Vladimir Putin",
      "13 quotes, newest first.",
      "",
      "1. Grain exports to rise",
      "  “Grain exports will rise this year”",
    ]);
    expect(text).toContain("page 1/3 (type next)");
    const next = await session.handleLine("next");
    expect(next.kind === "output" ? next.text : "").toContain(
      "6. Budget debate in the Duma\n  “The budget protects pensions”",
    );
  });

  it("GIVEN an unknown speaker THEN the console shows the same suggestion as Discord", async () => {
    const session = new ConsoleSession({ ctx, commands: [quotes], json: false, style: { color: false } });
    const outcome = await session.handleLine("/quotes speaker:Putn");
    expect(outcome.kind === "output" ? outcome.text : "").toContain("Closest known speakers:");
  });
});

describe("/quotes of a unit whose name opens with a number", () => {
  let unitFolder: QuoteLibraryFolder;
  let unitService: QuoteService;
  let unitCtx: CommandContext;

  beforeAll(async () => {
    unitFolder = await QuoteLibraryFolder.create([
      {
        id: "front",
        title: "Front line report",
        date: "2025-12-03",
        paragraphs: ["“The enemy is bogged down in urban combat,” the 7th Air Assault Corps said."],
      },
    ]);
    const library = await unitFolder.open();
    unitService = new QuoteService(library);
    unitCtx = { app: testAppContext({ library, clock: unitFolder.clock, quotes: unitService }) };
  });

  afterAll(async () => {
    unitService.close();
    await unitFolder.cleanup();
  });

  it("GIVEN its quote WHEN shown THEN the speaker reads as the whole unit, with no half of its name as a role", async () => {
    const reply = await quotes.execute({ speaker: "7th Air Assault Corps" }, unitCtx);
    const text = fields(reply)
      .map((field) => field.value)
      .join("\n");
    expect(text).toContain("7th Air Assault Corps");
    expect(text).not.toMatch(/Corps, 7th/);
  });
});
