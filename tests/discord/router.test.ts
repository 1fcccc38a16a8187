import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { commands } from "../../commands/index.ts";
import { defineCommand, type Command } from "../../src/app/command.ts";
import { UserError } from "../../src/core/errors.ts";
import { PageButtonCodec } from "../../src/discord/page-buttons.ts";
import { InteractionRouter } from "../../src/discord/router.ts";
import { newsroomLibrary } from "../fixtures/discord/fake-library.ts";
import { recordingLogger, testAppContext } from "../helpers/app-context.ts";
import {
  autocompleteInteraction,
  buttonId,
  buttonInteraction,
  commandInteraction,
} from "./fake-interactions.ts";

/** Resolves after `ms`; the test commands use it to be slower than the router's deferral threshold. */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Timers are fake, so deadlines pass only when a test moves the clock: a busy machine can neither make a fast
// command look slow nor a slow one fast. Event-loop turns (setImmediate) stay real.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
});
afterEach(() => {
  vi.useRealTimers();
});

/**
 * Handles an interaction while the clock moves on in steps of 100 ms, as the time a slow answer takes. Between
 * steps the event loop turns, so timers set after the router's own turns are reached too.
 */
async function handleOverTime(
  router: InteractionRouter,
  interaction: Parameters<InteractionRouter["handle"]>[0],
) {
  await untilSettled(router.handle(interaction));
}

async function untilSettled(work: Promise<unknown>): Promise<void> {
  const state = { settled: false };
  const watched = work.finally(() => {
    state.settled = true;
  });
  while (!state.settled) {
    await vi.advanceTimersByTimeAsync(100);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await watched;
}

const slow = defineCommand({
  definition: { name: "slow", description: "Answers late", options: [] },
  input: z.object({ outcome: z.enum(["ok", "user-error"]).default("ok") }),
  async run({ outcome }) {
    await pause(80);
    if (outcome === "user-error") throw new UserError("not-found", "Nothing there.");
    return { pages: [{ title: "late answer" }] };
  },
});

const broken = defineCommand({
  definition: { name: "broken", description: "Fails inside", options: [] },
  input: z.object({}),
  run() {
    throw new Error("disk full at /var/secret");
  },
});

const settings = defineCommand({
  definition: {
    name: "settings",
    description: "Changes server settings",
    options: [],
    defaultMemberPermissions: "ManageGuild",
    dmPermission: false,
  },
  input: z.object({}),
  run: () => ({ pages: [{ title: "settings changed" }] }),
});

const chatty = defineCommand({
  definition: { name: "chatty", description: "Many suggestions", options: [] },
  input: z.object({}),
  run: () => ({ pages: [{ title: "x" }] }),
  autocomplete(option, typed) {
    if (typed === "boom") throw new Error("autocomplete exploded");
    if (typed === "slow") return pause(200).then(() => [{ name: "late", value: "late" }]);
    return Array.from({ length: 40 }, (_, i) => ({
      name: `${option} ${typed} ${"long name ".repeat(i === 0 ? 20 : 0)}${i}`,
      value: i === 1 ? "v".repeat(101) : `value-${i}`,
    }));
  },
});

function setup(extra: readonly Command[] = []) {
  const { logger, lines } = recordingLogger();
  const app = testAppContext({ library: newsroomLibrary().asLibrary(), logger });
  const codec = new PageButtonCodec();
  const router = new InteractionRouter({
    app,
    commands: [...commands, slow, broken, settings, chatty, ...extra],
    deferAfterMs: 30,
    autocompleteTimeoutMs: 60,
    // Real time never counts against a deadline here; only the fake timers move.
    now: () => 0,
    codec,
  });
  return { router, lines, codec };
}

describe("InteractionRouter slash commands", () => {
  it("GIVEN /search that finds articles WHEN handled THEN it replies once, publicly, with the first page and Next", async () => {
    const { router } = setup();
    const { interaction, calls } = commandInteraction("search", { query: "market" });
    await router.handle(interaction);
    expect(calls.map((call) => call.method)).toEqual(["reply"]);
    const message = calls[0]?.message;
    expect(message?.ephemeral).toBe(false);
    expect(message?.embeds[0]?.title).toBe("Search: market");
    expect(message?.embeds[0]?.fields?.[0]?.name).toBe("1. Market story 1");
    expect(message?.embeds[0]?.footer?.text).toBe("Page 1/3");
    expect(buttonId(message, "Next")).toContain("search");
  });

  it("GIVEN /search that finds nothing WHEN handled THEN the user error is an ephemeral reply with a suggestion", async () => {
    const { router, lines } = setup();
    const { interaction, calls } = commandInteraction("search", { query: "markit" });
    await router.handle(interaction);
    expect(calls[0]?.message?.ephemeral).toBe(true);
    expect(calls[0]?.message?.embeds[0]?.description).toContain("Did you mean: “market”");
    expect(lines.filter((line) => line.level === 50)).toEqual([]);
  });

  it("GIVEN a command slower than the threshold WHEN handled THEN it defers first and edits the reply after", async () => {
    const { router } = setup();
    const { interaction, calls } = commandInteraction("slow", {});
    await handleOverTime(router, interaction);
    expect(calls.map((call) => call.method)).toEqual(["defer", "editReply"]);
    expect(calls[1]?.message?.embeds[0]?.title).toBe("late answer");
  });

  it("GIVEN a slow command that ends in a user error WHEN handled THEN the error follows up ephemerally and the public placeholder goes", async () => {
    const { router } = setup();
    const { interaction, calls } = commandInteraction("slow", { outcome: "user-error" });
    await handleOverTime(router, interaction);
    expect(calls.map((call) => call.method)).toEqual(["defer", "followUp", "deleteReply"]);
    expect(calls[1]?.message?.ephemeral).toBe(true);
  });

  it("GIVEN a command failing inside WHEN handled THEN the user gets the generic ephemeral reply and the log has the context", async () => {
    const { router, lines } = setup();
    const { interaction, calls } = commandInteraction("broken", {});
    await router.handle(interaction);
    const message = calls[0]?.message;
    expect(message?.ephemeral).toBe(true);
    expect(message?.embeds[0]?.description).not.toContain("disk full");
    const logged = lines.find((line) => line.msg === "command failed");
    expect(logged).toMatchObject({ command: "broken", guildId: "g-1", userId: "u-1", interactionId: "i-1" });
  });

  it("GIVEN a settings command WHEN a member without Manage Server or a DM uses it THEN it is refused ephemerally", async () => {
    const { router } = setup();
    const member = commandInteraction("settings", {});
    await router.handle(member.interaction);
    expect(member.calls[0]?.message?.embeds[0]?.description).toContain("Manage Server");

    const dm = commandInteraction("settings", {}, { inDirectMessage: true, canManageGuild: true });
    await router.handle(dm.interaction);
    expect(dm.calls[0]?.message?.embeds[0]?.description).toContain("only in a server");

    const admin = commandInteraction("settings", {}, { canManageGuild: true });
    await router.handle(admin.interaction);
    expect(admin.calls[0]?.message?.embeds[0]?.title).toBe("settings changed");
  });

  it("GIVEN an unknown command WHEN handled THEN it gets an ephemeral explanation", async () => {
    const { router } = setup();
    const { interaction, calls } = commandInteraction("gone", {});
    await router.handle(interaction);
    expect(calls[0]?.message?.ephemeral).toBe(true);
    expect(calls[0]?.message?.embeds[0]?.description).toContain("/gone");
  });

  it("GIVEN Discord rejects the reply WHEN handled THEN handle still resolves and the failure is logged with context", async () => {
    const { router, lines } = setup();
    const { interaction } = commandInteraction("search", { query: "market" }, { failOn: "reply" });
    await expect(router.handle(interaction)).resolves.toBeUndefined();
    expect(lines.find((line) => line.msg === "interaction failed")).toMatchObject({
      interactionId: "i-1",
      kind: "command",
      command: "search",
    });
  });
});

describe("InteractionRouter page buttons", () => {
  it("GIVEN the Next button of page 1 WHEN clicked THEN the message is updated to page 2, even by a restarted router", async () => {
    const first = setup();
    const asked = commandInteraction("search", { query: "market" });
    await first.router.handle(asked.interaction);
    const next = buttonId(asked.calls[0]?.message, "Next");

    const restarted = setup();
    const { interaction, calls } = buttonInteraction(next);
    await restarted.router.handle(interaction);
    expect(calls.map((call) => call.method)).toEqual(["update"]);
    expect(calls[0]?.message?.embeds[0]?.fields?.[0]?.name).toBe("6. Market story 6");
    expect(calls[0]?.message?.embeds[0]?.footer?.text).toBe("Page 2/3");
  });

  it("GIVEN a hashed button from before a restart WHEN clicked THEN the user is told it expired", async () => {
    const first = setup();
    const longQuery = `market ${"shares ".repeat(14)}`.trim();
    const asked = commandInteraction("search", { query: longQuery, source: "Wire" });
    await first.router.handle(asked.interaction);
    const next = buttonId(asked.calls[0]?.message, "Next");
    expect(next.length).toBeLessThanOrEqual(100);

    const sameProcess = buttonInteraction(next);
    await first.router.handle(sameProcess.interaction);
    expect(sameProcess.calls[0]?.method).toBe("update");

    const restarted = buttonInteraction(next);
    await setup().router.handle(restarted.interaction);
    expect(restarted.calls[0]?.method).toBe("reply");
    expect(restarted.calls[0]?.message?.ephemeral).toBe(true);
    expect(restarted.calls[0]?.message?.embeds[0]?.description).toContain("expired");
  });

  it("GIVEN a button for a page that no longer exists WHEN clicked THEN the last page is shown with a notice", async () => {
    const { router, codec } = setup();
    const { interaction, calls } = buttonInteraction(
      codec.encode({ command: "search", options: { query: "market" }, page: 7 }),
    );
    await router.handle(interaction);
    expect(calls[0]?.message?.embeds[0]?.footer?.text).toBe("Page 3/3");
    expect(calls[0]?.message?.content).toContain("results changed");
  });

  it("GIVEN a garbled custom id WHEN clicked THEN an ephemeral reply says the button does nothing", async () => {
    const { router } = setup();
    const { interaction, calls } = buttonInteraction("something-else");
    await router.handle(interaction);
    expect(calls.map((call) => [call.method, call.message?.ephemeral])).toEqual([["reply", true]]);
  });
});

describe("InteractionRouter autocomplete", () => {
  it("GIVEN 40 suggestions WHEN answered THEN at most 25 are sent, names are cut to 100 and overlong values are left out", async () => {
    const { router } = setup();
    const { interaction, calls } = autocompleteInteraction("chatty", "topic", "a");
    await router.handle(interaction);
    const choices = calls[0]?.choices ?? [];
    expect(choices).toHaveLength(25);
    expect(choices.every((choice) => choice.name.length <= 100 && choice.value.length <= 100)).toBe(true);
    expect(choices.map((choice) => choice.value)).not.toContain("v".repeat(101));
  });

  it("GIVEN /search source autocomplete WHEN typed THEN matching outlets are offered", async () => {
    const { router } = setup();
    const { interaction, calls } = autocompleteInteraction("search", "source", "da");
    await router.handle(interaction);
    expect(calls[0]?.choices).toEqual([{ name: "Daily Ledger", value: "Daily Ledger" }]);
  });

  it("GIVEN autocomplete that throws or is too slow WHEN answered THEN the answer is no choices and the log says why", async () => {
    const { router, lines } = setup();
    for (const typed of ["boom", "slow"]) {
      const { interaction, calls } = autocompleteInteraction("chatty", "topic", typed);
      await handleOverTime(router, interaction);
      expect(calls).toEqual([{ method: "respond", choices: [] }]);
    }
    expect(lines.map((line) => line.msg)).toEqual(
      expect.arrayContaining(["autocomplete failed", "autocomplete too slow; answered with no choices"]),
    );
  });
});

describe("InteractionRouter autocomplete flood", () => {
  it("GIVEN many autocompletes at once whose suggestions each take a second WHEN answered THEN each is computed in turn, and those whose turn comes after the deadline get no choices at once", async () => {
    let clock = 0;
    const computed: string[] = [];
    const heavy = defineCommand({
      definition: { name: "heavy", description: "Slow suggestions", options: [] },
      input: z.object({}),
      run: () => ({ pages: [{ title: "x" }] }),
      autocomplete(_option, typed) {
        computed.push(typed);
        clock += 1_000; // a synchronous second of work
        return [{ name: typed, value: typed }];
      },
    });
    const { logger } = recordingLogger();
    const app = testAppContext({ library: newsroomLibrary().asLibrary(), logger });
    const router = new InteractionRouter({
      app,
      commands: [heavy],
      autocompleteTimeoutMs: 2_000,
      now: () => clock,
    });
    const flood = ["a", "b", "c", "d", "e"].map((typed) => autocompleteInteraction("heavy", "topic", typed));
    await Promise.all(flood.map(({ interaction }) => router.handle(interaction)));
    expect(computed).toEqual(["a", "b"]);
    expect(flood.map(({ calls }) => calls[0]?.choices?.length)).toEqual([1, 1, 0, 0, 0]);
  });
});

describe("InteractionRouter shutdown", () => {
  it("GIVEN a slow command in flight WHEN the router closes THEN close waits for its answer and later commands are turned away", async () => {
    const { router } = setup();
    const running = commandInteraction("slow", {});
    void router.handle(running.interaction);
    expect(router.inFlight).toBe(1);
    await untilSettled(router.close());
    expect(running.calls.map((call) => call.method)).toEqual(["defer", "editReply"]);

    const late = commandInteraction("search", { query: "market" });
    await router.handle(late.interaction);
    expect(late.calls[0]?.message?.embeds[0]?.description).toContain("restarting");
  });
});
