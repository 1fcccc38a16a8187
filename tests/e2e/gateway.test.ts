import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { startHarness, type Harness } from "./harness.ts";

const OP = { heartbeat: 1, identify: 2, resume: 6 };

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness(commands, { heartbeatIntervalMs: 250 });
}, 30_000);
afterAll(async () => {
  await harness.stop();
});

function frames(op: number) {
  return harness.fake.gateway.received.filter((frame) => frame.op === op);
}

async function searchIsAnswered(): Promise<void> {
  const sent = harness.fake.command("search", [{ name: "query", type: 3, value: "market" }]);
  const [answer] = await harness.fake.waitForAnswers(sent);
  expect(answer?.status).toBe(204);
}

describe("gateway session", () => {
  it("GIVEN a connected bot WHEN time passes THEN it heartbeats and sees the ACKs", async () => {
    await harness.fake.waitFor(
      () => (frames(OP.heartbeat).length >= 3 ? true : undefined),
      "three heartbeats",
    );
    await harness.fake.waitFor(() => (harness.bot.client.ws.ping >= 0 ? true : undefined), "a measured ping");
  });

  it("GIVEN a dropped connection WHEN the bot reconnects THEN it resumes the session and answers again", async () => {
    const identifies = frames(OP.identify).length;
    harness.fake.gateway.disconnect(4000);
    await harness.fake.waitFor(() => frames(OP.resume)[0], "a RESUME");
    await harness.fake.waitFor(
      () => (harness.fake.gateway.connected ? true : undefined),
      "the resumed session",
    );
    expect(frames(OP.identify)).toHaveLength(identifies);
    await searchIsAnswered();
    expect(harness.logs.some((line) => line.msg === "gateway session resumed")).toBe(true);
  });

  it("GIVEN a session Discord forgot WHEN the bot tries to resume THEN it identifies afresh and answers again", async () => {
    const identifies = frames(OP.identify).length;
    const resumes = frames(OP.resume).length;
    harness.fake.gateway.forgetSessions();
    harness.fake.gateway.disconnect(4000);
    await harness.fake.waitFor(
      () => (frames(OP.resume).length > resumes ? true : undefined),
      "a refused RESUME",
    );
    await harness.fake.waitFor(
      () => (frames(OP.identify).length > identifies && harness.fake.gateway.connected ? true : undefined),
      "a new IDENTIFY",
    );
    await searchIsAnswered();
  }, 20_000);
});

describe("malformed gateway payloads", () => {
  it("GIVEN a button interaction without its message WHEN it arrives THEN the bot stays up and answers the next command", async () => {
    harness.fake.clickWithoutMessage("page:search:2");
    await searchIsAnswered();
    expect(harness.logs.some((line) => line.msg === "malformed gateway packet dropped")).toBe(true);
  });
});
