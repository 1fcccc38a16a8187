import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCommand } from "../../src/app/command.ts";
import { guildMember } from "./fake-discord/fake-discord.ts";
import { ADMIN_PERMISSIONS } from "./fake-discord/payloads.ts";
import { startHarness, type Harness } from "./harness.ts";

const settings = defineCommand({
  definition: {
    name: "settings",
    description: "Changes how Newsdesk behaves in this server",
    options: [],
    defaultMemberPermissions: "ManageGuild",
    dmPermission: false,
  },
  input: z.object({}),
  run: (_input, ctx) => ({ pages: [{ title: `settings changed in ${ctx.guildId ?? "nowhere"}` }] }),
});

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness([settings]);
}, 30_000);
afterAll(async () => {
  await harness.stop();
});

async function answerTo(place: Parameters<Harness["fake"]["command"]>[2]) {
  const sent = harness.fake.command("settings", [], place);
  const [answer] = await harness.fake.waitForAnswers(sent);
  return (answer?.body as { data: { flags?: number; embeds: { title?: string; description?: string }[] } })
    .data;
}

describe("permission checks through a fake Discord", () => {
  it("GIVEN a member without Manage Server WHEN they run a settings command THEN they are refused ephemerally", async () => {
    const data = await answerTo(guildMember());
    expect(data.flags).toBe(64);
    expect(data.embeds[0]?.description).toContain("Manage Server");
  });

  it("GIVEN a server admin WHEN they run it THEN it runs", async () => {
    const data = await answerTo(guildMember(ADMIN_PERMISSIONS));
    expect(data.embeds[0]?.title).toMatch(/^settings changed in \d+$/);
  });

  it("GIVEN a direct message WHEN someone runs it THEN they are told it works only in a server", async () => {
    const data = await answerTo({ kind: "dm" });
    expect(data.flags).toBe(64);
    expect(data.embeds[0]?.description).toContain("only in a server");
  });
});
