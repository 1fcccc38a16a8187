import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCommand } from "../../src/app/command.ts";
import { startHarness } from "./harness.ts";

let release: () => void = () => undefined;
const held = defineCommand({
  definition: { name: "held", description: "Answers when the test lets it", options: [] },
  input: z.object({}),
  async run() {
    await new Promise<void>((resolve) => {
      release = resolve;
    });
    return { pages: [{ title: "finished" }] };
  },
});

describe("graceful shutdown", () => {
  it("GIVEN a command in flight WHEN the bot shuts down THEN its answer still lands before the gateway closes", async () => {
    const harness = await startHarness([held], { deferAfterMs: 50 });
    try {
      const sent = harness.fake.command("held");
      await harness.fake.waitForAnswers(sent, 1);
      const stopping = harness.bot.shutdown();
      expect(harness.fake.gateway.connected).toBe(true);
      release();
      await stopping;
      const answers = harness.fake.answersTo(sent);
      expect(answers.map((answer) => answer.method)).toEqual(["POST", "PATCH"]);
      expect((answers[1]?.body as { embeds: { title: string }[] }).embeds[0]?.title).toBe("finished");
      await harness.fake.waitFor(
        () => (harness.fake.gateway.connected ? undefined : true),
        "the gateway to close",
      );
    } finally {
      await harness.fake.stop();
    }
  });
});
