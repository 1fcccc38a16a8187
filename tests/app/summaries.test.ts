import { rm, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Library } from "../../src/app/library.ts";
import { quotesDeriver } from "../../src/app/quotes.ts";
import {
  articleQuote,
  articleSummary,
  resolveArticle,
  summaryDeriver,
  titleChoices,
  topicSummary,
} from "../../src/app/summaries.ts";
import type { SummaryPlan } from "../../src/core/summarize/article.ts";
import { summarizeArticle } from "../../src/core/summarize/article.ts";
import { isRedundant } from "../../src/core/summarize/select.ts";
import { contentTerms } from "../../src/core/text/tokens.ts";
import { articlesFolder, jsonLine, libraryLines, openLibrary } from "../fixtures/summaries/library.ts";

const LENGTHS = ["short", "medium", "long"] as const;

let root: string | undefined;

afterEach(async () => {
  if (root !== undefined) await rm(root, { recursive: true, force: true });
  root = undefined;
});

async function libraryOf(lines: readonly string[], derivers = [summaryDeriver, quotesDeriver]) {
  const folder = await articlesFolder(lines);
  root = folder.root;
  return { library: await openLibrary(folder.root, derivers), ...folder };
}

/** The summary deriver, counting its calls, under the same name and version. */
function countingDeriver(version = summaryDeriver.version) {
  const counter = {
    name: summaryDeriver.name,
    version,
    calls: [] as string[],
    derive(article: Parameters<typeof summaryDeriver.derive>[0]): SummaryPlan {
      counter.calls.push(article.id);
      return summaryDeriver.derive(article);
    },
  };
  return counter;
}

function article(library: Library, id: string) {
  const found = library.get(id);
  if (found === undefined) throw new Error(`no article ${id}`);
  return found;
}

describe("summaryDeriver and articleSummary", () => {
  it("GIVEN a library opened with the deriver WHEN summaries are read THEN each length is what the summarizer gives", async () => {
    const { library } = await libraryOf(libraryLines());
    for (const id of ["bridge", "ferry", "marathon"]) {
      expect(library.derived(summaryDeriver, id)).toBeDefined();
      for (const length of LENGTHS) {
        expect(articleSummary(library, article(library, id), length)).toEqual(
          summarizeArticle(article(library, id), { length }),
        );
      }
    }
  });

  it("GIVEN a library opened without the deriver WHEN a summary is read THEN it is worked out on the spot", async () => {
    const { library } = await libraryOf(libraryLines(), []);
    expect(library.derived(summaryDeriver, "bridge")).toBeUndefined();
    expect(articleSummary(library, article(library, "bridge"), "medium")).toEqual(
      summarizeArticle(article(library, "bridge")),
    );
  });

  it("GIVEN summaries kept in the snapshot WHEN reopened, then one article changes THEN only that article is summarised again", async () => {
    const lines = libraryLines();
    const first = countingDeriver();
    const { articlesDir } = await libraryOf(lines, [first]);
    expect(first.calls).toHaveLength(lines.length);

    const second = countingDeriver();
    const reopened = await openLibrary(root ?? "", [second]);
    expect(second.calls).toEqual([]);

    const changedLede =
      "The harbour bridge vote was annulled on Friday after a court found the council had broken its own rules on notice.";
    const edited = jsonLine(
      "marathon",
      "Marathon moved",
      [changedLede, "Runners will be told the new date next week by email."],
      { date: "2025-11-01T09:00:00" },
    );
    await writeFile(join(articlesDir, "marathon.jsonl"), edited);
    await utimes(join(articlesDir, "marathon.jsonl"), new Date(), new Date(Date.now() + 5000));
    await reopened.refresh();
    expect(second.calls).toEqual(["marathon"]);
    const summary = articleSummary(reopened, article(reopened, "marathon"), "short");
    expect(summary.sentences[0]?.text).toBe(changedLede);
  });

  it("GIVEN summaries saved by another algorithm version WHEN reopened THEN every article is summarised again", async () => {
    const lines = libraryLines();
    await libraryOf(lines, [countingDeriver("sum-0")]);
    const current = countingDeriver();
    await openLibrary(root ?? "", [current]);
    expect(current.calls).toHaveLength(lines.length);
  });
});

describe("articleQuote", () => {
  it("GIVEN a story with a quote on its subject and an aside WHEN the telling quote is chosen THEN it is the one on the subject, with its speaker", async () => {
    const { library } = await libraryOf(libraryLines());
    const ferry = article(library, "ferry");
    const quote = articleQuote(library, ferry, articleSummary(library, ferry, "medium"));
    expect(quote?.text).toMatch(/^The ferry has carried this city/);
    expect(quote?.speaker?.name).toBe("Maria Lund");
  });

  it("GIVEN a story without quotes WHEN the telling quote is chosen THEN there is none", async () => {
    const { library } = await libraryOf(libraryLines());
    const marathon = article(library, "marathon");
    expect(articleQuote(library, marathon, articleSummary(library, marathon, "medium"))).toBeUndefined();
  });
});

describe("resolveArticle", () => {
  it("GIVEN an id, an exact title in other case, or most words of a title THEN that article is found", async () => {
    const { library } = await libraryOf(libraryLines());
    const found = (typed: string) => {
      const resolved = resolveArticle(library, typed, undefined);
      return resolved.kind === "found" ? resolved.article.id : undefined;
    };
    expect(found("ferry")).toBe("ferry");
    expect(found("record field for city MARATHON")).toBe("marathon");
    expect(found("harbour bridge vote next")).toBe("bridge-2");
  });

  it("GIVEN the start of a title THEN that title wins over titles that merely hold the same words", async () => {
    const { library } = await libraryOf(libraryLines());
    const found = (typed: string) => {
      const resolved = resolveArticle(library, typed, undefined);
      return resolved.kind === "found" ? resolved.article.id : undefined;
    };
    // "City council approves new harbour bridge…" holds both words too, and says them more often.
    expect(found("harbour bridge")).toBe("bridge-2");
    expect(found("HARBOUR BRIDGE VOTE: WHAT")).toBe("bridge-2");
    expect(found("weekly market report 2")).toBe("report-2");
  });

  it("GIVEN words no title has THEN the article is unknown, with the closest titles", async () => {
    const { library } = await libraryOf(libraryLines());
    const resolved = resolveArticle(library, "council harbour election results", undefined);
    expect(resolved.kind).toBe("unknown");
    if (resolved.kind === "unknown") expect(resolved.closest.length).toBeGreaterThan(0);
    const nothing = resolveArticle(library, "zzzz qqqq", undefined);
    expect(nothing).toEqual({ kind: "unknown", closest: [] });
  });
});

describe("titleChoices", () => {
  it("GIVEN nothing typed THEN 25 titles, newest first, valued by id", async () => {
    const { library } = await libraryOf(libraryLines());
    const choices = titleChoices(library, "", undefined);
    expect(choices).toHaveLength(25);
    expect(choices.slice(0, 5).map((choice) => choice.value)).toEqual([
      "ferry",
      "bridge-2",
      "bridge",
      "marathon",
      "report-29",
    ]);
    expect(choices.at(-1)?.value).toBe("report-9");
  });

  it("GIVEN word beginnings typed in any case THEN only titles with a word starting with each, newest first", async () => {
    const { library } = await libraryOf(libraryLines());
    expect(titleChoices(library, "HARB brid", undefined).map((choice) => choice.value)).toEqual([
      "ferry",
      "bridge-2",
      "bridge",
    ]);
    expect(titleChoices(library, "report 2", undefined).map((choice) => choice.value)).toEqual([
      "report-29",
      "report-28",
      "report-27",
      "report-26",
      "report-25",
      "report-24",
      "report-23",
      "report-22",
      "report-21",
      "report-20",
      "report-2",
    ]);
  });

  it("GIVEN a very long title THEN its choice name is cut to 100 characters", async () => {
    const { library } = await libraryOf(libraryLines());
    const [long] = titleChoices(library, "report 29", undefined);
    expect(long?.name.length).toBeLessThanOrEqual(100);
    expect(long?.name.endsWith("\u2026")).toBe(true);
  });
});

describe("topicSummary", () => {
  it("GIVEN a topic two stories report THEN sentences cite both, and no fact is repeated", async () => {
    const { library } = await libraryOf(libraryLines());
    const { articles, summary } = topicSummary(library, "harbour bridge", {}, "long");
    expect(articles.length).toBeGreaterThanOrEqual(2);
    const cited = new Set(summary.sentences.map((sentence) => sentence.articleId));
    expect(cited.has("bridge") && cited.has("bridge-2")).toBe(true);
    for (const sentence of summary.sentences) {
      expect(article(library, sentence.articleId).paragraphs[sentence.paragraphIndex]).toContain(
        sentence.text,
      );
    }
    expect(summary.sentences.filter((sentence) => sentence.text.includes("nine votes to four"))).toHaveLength(
      1,
    );
    const termSets = summary.sentences.map((sentence) => new Set(contentTerms(sentence.text)));
    termSets.forEach((terms, index) => {
      for (const other of termSets.slice(index + 1)) expect(isRedundant(terms, other)).toBe(false);
    });
  });

  it("GIVEN a since date after the first story THEN the earlier story is not read", async () => {
    const { library } = await libraryOf(libraryLines());
    const { articles } = topicSummary(
      library,
      "harbour bridge",
      { since: new Date("2025-12-03T00:00:00Z") },
      "medium",
    );
    expect(articles.map((found) => found.id)).not.toContain("bridge");
    expect(articles.map((found) => found.id)).toContain("bridge-2");
  });
});
