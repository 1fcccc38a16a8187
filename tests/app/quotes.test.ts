import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Library } from "../../src/app/library.ts";
import { QuoteService, quotesDeriver } from "../../src/app/quotes.ts";
import type { Quote } from "../../src/core/quotes/types.ts";
import type { Article } from "../../src/core/articles.ts";
import { makeArticle } from "../fixtures/articles.ts";
import { QUOTE_ARTICLES, QuoteLibraryFolder } from "../fixtures/quotes/library.ts";

let folder: QuoteLibraryFolder;
const services: QuoteService[] = [];

beforeEach(async () => {
  folder = await QuoteLibraryFolder.create(QUOTE_ARTICLES);
});

afterEach(async () => {
  for (const service of services.splice(0)) service.close();
  await folder.cleanup();
});

function serviceOf(library: Library): QuoteService {
  const service = new QuoteService(library);
  services.push(service);
  return service;
}

/** The quotes deriver with a count of how many articles it extracted. */
function countingDeriver() {
  const counter = {
    calls: 0,
    deriver: {
      ...quotesDeriver,
      derive: (article: Article): Quote[] => {
        counter.calls++;
        return quotesDeriver.derive(article);
      },
    },
  };
  return counter;
}

const quoteTexts = (service: QuoteService, speaker: string): string[] =>
  service.quotesOf(service.find(speaker)[0]?.id ?? "").map((hit) => hit.quote.text);

describe("GIVEN a library opened with the quotes deriver", () => {
  it("WHEN the service is built THEN surname and full-name quotes are one speaker's, newest article first", async () => {
    const service = serviceOf(await folder.open());
    const [putin] = service.find("Putin");
    expect(putin?.name).toBe("Vladimir Putin");
    expect(putin?.quoteCount).toBe(7);
    expect(service.find("Vladimir Putin")).toEqual([putin]);
    expect(service.find(putin?.id ?? "")).toEqual([putin]);
    const hits = service.quotesOf(putin?.id ?? "");
    expect(hits.map((hit) => hit.article.id)).toEqual([
      "grain",
      "talks",
      "talks",
      "energy",
      "energy",
      "budget",
      "budget",
    ]);
    expect(hits[1]?.quote.text).toBe("The talks were useful,");
    expect(hits[2]?.quote.speaker?.mention).toBe("he");
  });

  it("WHEN a since date is given THEN only quotes of articles from then on come", async () => {
    const service = serviceOf(await folder.open());
    const hits = service.quotesOf(service.find("Putin")[0]?.id ?? "", {
      since: new Date("2025-11-20T00:00:00Z"),
    });
    expect(new Set(hits.map((hit) => hit.article.id))).toEqual(new Set(["grain", "talks", "energy"]));
  });

  it("WHEN the library is opened again unchanged THEN nothing is extracted again and the speakers are the same", async () => {
    const first = countingDeriver();
    const before = serviceOf(await folder.open(first.deriver));
    expect(first.calls).toBe(QUOTE_ARTICLES.length);
    const second = countingDeriver();
    const after = serviceOf(await folder.open(second.deriver));
    expect(second.calls).toBe(0);
    expect(after.suggest("", 25)).toEqual(before.suggest("", 25));
  });

  it("WHEN a name nobody goes by is asked for THEN nothing is found and the closest speakers are offered", async () => {
    const service = serviceOf(await folder.open());
    expect(service.find("Putn")).toEqual([]);
    expect(service.closest("Putn").map((entry) => entry.name)).toContain("Vladimir Putin");
  });
});

describe("GIVEN a running service WHEN the articles folder changes and the library refreshes", () => {
  it("THEN an added article's speakers appear", async () => {
    const library = await folder.open();
    const service = serviceOf(library);
    expect(service.find("Lavrov")).toEqual([]);
    await folder.write({
      id: "lavrov",
      title: "Lavrov in Ankara",
      date: "2025-12-04",
      paragraphs: ["“We are open to dialogue,” Foreign Minister Sergei Lavrov said."],
    });
    await library.refresh();
    expect(service.find("Lavrov")[0]?.name).toBe("Sergei Lavrov");
    expect(quoteTexts(service, "Lavrov")).toEqual(["We are open to dialogue,"]);
  });

  it("THEN a changed article's quotes replace its old ones", async () => {
    const library = await folder.open();
    const service = serviceOf(library);
    await folder.write({
      id: "budget",
      title: "Budget debate in the Duma",
      date: "2025-11-10",
      paragraphs: ["“The budget is balanced,” Finance Minister Anton Siluanov said."],
    });
    await library.refresh();
    expect(service.find("Putnam")).toEqual([]);
    expect(service.find("Putin")[0]?.quoteCount).toBe(5);
    expect(quoteTexts(service, "Siluanov")).toEqual(["The budget is balanced,"]);
  });

  it("THEN a deleted article's quotes go, and a speaker left with none disappears", async () => {
    const library = await folder.open();
    const service = serviceOf(library);
    await folder.remove("grain");
    await library.refresh();
    expect(service.find("Peskov")).toEqual([]);
    expect(service.find("Putin")[0]?.quoteCount).toBe(6);
  });

  it("THEN a closed service no longer follows the library", async () => {
    const library = await folder.open();
    const service = serviceOf(library);
    service.close();
    await folder.remove("grain");
    await library.refresh();
    expect(service.find("Peskov")[0]?.quoteCount).toBe(1);
  });
});

describe("GIVEN a speaker quoted only in one server's own feed", () => {
  it("THEN only that server gets their quotes, their name in autocomplete and as a closest match", async () => {
    const library = await folder.open();
    const service = serviceOf(library);
    await library.setExternalArticles(
      "feed:g1:club",
      [
        makeArticle({
          id: "g1/club",
          title: "Club news",
          paragraphs: ["“The ladder restarts in January,” club secretary Ottoline Quarrie said."],
        }),
      ],
      { guildId: "g1" },
    );
    const [quarrie] = service.find("Quarrie");
    expect(quarrie?.name).toBe("Ottoline Quarrie");
    expect(service.quotesOf(quarrie?.id ?? "", { guildId: "g1" })).toHaveLength(1);
    expect(service.quotesOf(quarrie?.id ?? "", { guildId: "g2" })).toEqual([]);
    expect(service.suggest("ottol", 25, "g1").map((entry) => entry.name)).toEqual(["Ottoline Quarrie"]);
    expect(service.suggest("ottol", 25, "g2")).toEqual([]);
    expect(service.closest("Ottoline Quarry", 5, "g1").map((entry) => entry.name)).toContain(
      "Ottoline Quarrie",
    );
    expect(service.closest("Ottoline Quarry", 5, "g2").map((entry) => entry.name)).not.toContain(
      "Ottoline Quarrie",
    );
  });
});
