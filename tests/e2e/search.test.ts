import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import type { RecordedRequest } from "./fake-discord/fake-discord.ts";
import { startHarness, type Harness } from "./harness.ts";

type Json = Record<string, unknown>;

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness(commands);
}, 30_000);
afterAll(async () => {
  await harness.stop();
});

function callbackData(answer: RecordedRequest | undefined): Json {
  expect(answer?.path).toMatch(/\/callback$/);
  return ((answer?.body as Json | undefined)?.data ?? {}) as Json;
}

function embedsOf(data: Json): Json[] {
  return (data.embeds ?? []) as Json[];
}

function buttonsOf(data: Json): Json[] {
  return ((data.components ?? []) as Json[]).flatMap((row) => (row.components ?? []) as Json[]);
}

describe("/search through a fake Discord", () => {
  it("GIVEN the bot connected WHEN it identified THEN it asked for the Guilds intent only", () => {
    const identify = harness.fake.gateway.received.find((frame) => frame.op === 2);
    expect((identify?.d as Json).intents).toBe(1);
  });

  it("GIVEN /search market WHEN sent THEN the reply is public, has the first page of results and page buttons", async () => {
    const sent = harness.fake.command("search", [{ name: "query", type: 3, value: "market" }]);
    const [answer] = await harness.fake.waitForAnswers(sent);
    expect((answer?.body as Json).type).toBe(4);
    const data = callbackData(answer);
    expect(data.flags ?? 0).toBe(0);
    const [embed] = embedsOf(data);
    expect(embed?.title).toBe("Search: market");
    expect(((embed?.fields ?? []) as Json[]).map((field) => field.name)).toEqual([
      "1. Market story 1",
      "2. Market story 2",
      "3. Market story 3",
      "4. Market story 4",
      "5. Market story 5",
    ]);
    expect(buttonsOf(data).map((button) => [button.label, button.disabled])).toEqual([
      ["Previous", true],
      ["Next", false],
    ]);
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it("GIVEN a search that finds nothing WHEN sent THEN the answer is an ephemeral user error", async () => {
    const sent = harness.fake.command("search", [{ name: "query", type: 3, value: "markit" }]);
    const data = callbackData((await harness.fake.waitForAnswers(sent))[0]);
    expect(data.flags).toBe(64);
    expect(embedsOf(data)[0]?.description).toContain("No articles match “markit”");
  });

  it("GIVEN the reply's Next button WHEN clicked twice THEN the same message shows pages 2 and 3", async () => {
    const sent = harness.fake.command("search", [{ name: "query", type: 3, value: "market" }]);
    await harness.fake.waitForAnswers(sent);
    let shown = harness.fake.replyMessage(sent);
    for (const expected of ["Page 2/3", "Page 3/3"]) {
      const next = buttonsOf(shown ?? {}).find((button) => button.label === "Next");
      const click = harness.fake.clickButton(String(shown?.id), String(next?.custom_id));
      const [answer] = await harness.fake.waitForAnswers(click);
      expect((answer?.body as Json).type).toBe(7);
      shown = harness.fake.replyMessage(click);
      expect(((embedsOf(shown ?? {})[0]?.footer ?? {}) as Json).text).toBe(expected);
    }
    const buttons = buttonsOf(shown ?? {});
    expect(buttons.map((button) => button.disabled)).toEqual([false, true]);
  });

  it("GIVEN source autocomplete WHEN the user types THEN matching outlets come back within 25 choices", async () => {
    const sent = harness.fake.autocomplete("search", "source", "w", [{ name: "query", type: 3, value: "x" }]);
    const [answer] = await harness.fake.waitForAnswers(sent);
    expect(answer?.body).toEqual({ type: 8, data: { choices: [{ name: "Wire", value: "Wire" }] } });
  });

  it("GIVEN an article whose text says @everyone and mentions a user WHEN it is shown THEN the message parses no mentions", async () => {
    const sent = harness.fake.command("search", [{ name: "query", type: 3, value: "protest" }]);
    const data = callbackData((await harness.fake.waitForAnswers(sent))[0]);
    const text = JSON.stringify(embedsOf(data));
    expect(text).toContain("@everyone");
    expect(text).toContain("<@123456789012345678>");
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it("GIVEN all of the above WHEN the logs are read THEN nothing was logged as an error", () => {
    expect(harness.logs.filter((line) => Number(line.level) >= 50)).toEqual([]);
  });
});
