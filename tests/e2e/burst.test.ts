import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { commands } from "../../commands/index.ts";
import { defineCommand } from "../../src/app/command.ts";
import type { SentInteraction } from "./fake-discord/fake-discord.ts";
import { startHarness, type Harness } from "./harness.ts";

/** A command that takes longer than Discord's 3 seconds, so that only a deferral can save it. */
const SLOW_MS = 3_200;
const report = defineCommand({
  definition: { name: "report", description: "A slow report", options: [] },
  input: z.object({}),
  async run() {
    await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
    return { pages: [{ title: "The report" }] };
  },
});

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness([...commands, report]);
}, 30_000);
afterAll(async () => {
  await harness.stop();
});

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}

describe("acknowledgement under load", () => {
  it("GIVEN one /search WHEN sent repeatedly THEN each round trip is well under a second", async ({
    annotate,
  }) => {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const sent = harness.fake.command("search", [{ name: "query", type: 3, value: "shares" }]);
      const [answer] = await harness.fake.waitForAnswers(sent);
      times.push((answer?.at ?? Number.NaN) - sent.sentAt);
    }
    times.sort((a, b) => a - b);
    await annotate(
      `single /search round trip: p50 ${percentile(times, 0.5).toFixed(1)} ms, max ${times.at(-1)?.toFixed(1)} ms`,
    );
    expect(percentile(times, 0.5)).toBeLessThan(1_000);
  });

  it("GIVEN a burst of 200 interactions, some slower than 3 s WHEN sent at once THEN every one is acknowledged within 3 s and answered", async ({
    annotate,
  }) => {
    const sent: { interaction: SentInteraction; slow: boolean }[] = [];
    for (let i = 0; i < 200; i++) {
      const slow = i % 20 === 0;
      const interaction = slow
        ? harness.fake.command("report")
        : harness.fake.command("search", [
            { name: "query", type: 3, value: i % 2 ? "market" : "nothing-like-it" },
          ]);
      sent.push({ interaction, slow });
    }
    const answered = await Promise.all(
      sent.map(({ interaction, slow }) => harness.fake.waitForAnswers(interaction, slow ? 2 : 1)),
    );
    const ackTimes = answered.map(
      (answers, i) => (answers[0]?.at ?? Number.NaN) - (sent[i]?.interaction.sentAt ?? 0),
    );
    const sorted = [...ackTimes].sort((a, b) => a - b);
    const direct = ackTimes.filter((_, i) => !sent[i]?.slow).sort((a, b) => a - b);
    const deferred = ackTimes.filter((_, i) => sent[i]?.slow).sort((a, b) => a - b);
    const summary = (times: readonly number[]) =>
      `p50 ${percentile(times, 0.5).toFixed(0)} ms, p99 ${percentile(times, 0.99).toFixed(0)} ms`;
    await annotate(
      `burst of 200: first answer ${summary(sorted)}; direct replies (190) ${summary(direct)}; deferrals (10) ${summary(deferred)}`,
    );
    expect(sorted.at(-1)).toBeLessThan(3_000);
    expect(answered.flat().every((answer) => answer.status < 300)).toBe(true);

    answered.forEach((answers, i) => {
      if (!sent[i]?.slow) return;
      expect(
        answers.map((answer) => [answer.method, (answer.body as { type?: number } | undefined)?.type]),
      ).toEqual([
        ["POST", 5],
        ["PATCH", undefined],
      ]);
      expect(answers[1]?.path).toMatch(/\/messages\/@original$/);
    });
    expect(harness.logs.filter((line) => Number(line.level) >= 50)).toEqual([]);
  }, 30_000);
});
