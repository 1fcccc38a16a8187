import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import type { RecordedRequest, UploadedFile } from "./fake-discord/fake-discord.ts";
import { startHarness, type Harness } from "./harness.ts";

type Json = Record<string, unknown>;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MARKET = [{ name: "query", type: 3, value: "market" }];

let harness: Harness;
let deferring: Harness;
beforeAll(async () => {
  harness = await startHarness(commands);
  // Answers that take longer than a millisecond are deferred: every chart is.
  deferring = await startHarness(commands, { deferAfterMs: 1 });
}, 30_000);
afterAll(async () => {
  await harness.stop();
  await deferring.stop();
});

function bodyOf(answer: RecordedRequest | undefined): Json {
  return (answer?.body ?? {}) as Json;
}

function filesOf(body: Json): UploadedFile[] {
  return (body.files ?? []) as UploadedFile[];
}

function embedOf(data: Json): Json {
  return ((data.embeds ?? []) as Json[])[0] ?? {};
}

describe("/trends through a fake Discord", () => {
  it("GIVEN /trends query:market WHEN sent THEN the reply uploads the chart PNG and the embed's image points at it", async () => {
    const sent = harness.fake.command("trends", MARKET);
    const [answer] = await harness.fake.waitForAnswers(sent);
    const body = bodyOf(answer);
    expect(answer?.path).toMatch(/\/callback$/);
    expect(body.type).toBe(4);
    const [file] = filesOf(body);
    expect(file?.filename).toBe("trends.png");
    expect(file?.data.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const data = body.data as Json;
    const embed = embedOf(data);
    expect(embed.image).toEqual({ url: "attachment://trends.png" });
    expect(embed.title).toBe("Trends: market");
    expect(embed.description).toContain("**market**: 12 articles, all on 1 Dec 2025");
    const [attachment] = (data.attachments ?? []) as Json[];
    expect(attachment?.description).toMatch(/^Line chart of articles per day, .*market: 12 articles/);
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it("GIVEN a reply deferred because it took too long WHEN it arrives THEN the edit carries the chart and the embed image", async () => {
    const sent = deferring.fake.command("trends", MARKET);
    const [deferral, edit] = await deferring.fake.waitForAnswers(sent, 2);
    expect(bodyOf(deferral).type).toBe(5);
    expect(edit?.method).toBe("PATCH");
    expect(edit?.path).toMatch(/\/messages\/@original$/);
    const [file] = filesOf(bodyOf(edit));
    expect(file?.data.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(embedOf(bodyOf(edit)).image).toEqual({ url: `attachment://${file?.filename ?? "?"}` });
    const shown = deferring.fake.replyMessage(sent);
    expect(embedOf(shown ?? {}).image).toEqual({ url: "attachment://trends.png" });
  });

  it("GIVEN terms that match nothing WHEN sent THEN an ephemeral sentence says so and nothing is uploaded", async () => {
    const sent = harness.fake.command("trends", [{ name: "query", type: 3, value: "zeppelin" }]);
    const [answer] = await harness.fake.waitForAnswers(sent);
    const body = bodyOf(answer);
    expect(filesOf(body)).toEqual([]);
    const data = body.data as Json;
    expect(data.flags).toBe(64);
    expect(embedOf(data).description).toBe("No articles match “zeppelin” on 1 Dec 2025.");
    expect(embedOf(data).image).toBeUndefined();
  });

  it("GIVEN all of the above WHEN the logs are read THEN nothing was logged as an error", () => {
    expect(harness.logs.filter((line) => Number(line.level) >= 50)).toEqual([]);
    expect(deferring.logs.filter((line) => Number(line.level) >= 50)).toEqual([]);
  });
});
