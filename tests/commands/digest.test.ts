import { describe, expect, it } from "vitest";
import { digest } from "../../commands/digest.ts";
import type { CommandContext } from "../../src/app/command.ts";
import { DigestService } from "../../src/app/digests.ts";
import { runCommand } from "../../src/app/dispatch.ts";
import type { Library } from "../../src/app/library.ts";
import { silentLogger } from "../../src/app/logger.ts";
import { ManualScheduler } from "../../src/app/scheduler.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { leadEnrichment } from "../../src/core/digest/enrichment.ts";
import { DigestPostError } from "../../src/core/digest/poster.ts";
import { SqliteStore } from "../../src/store/db.ts";
import { testAppContext } from "../helpers/app-context.ts";
import { newsDay } from "../fixtures/digest/articles.ts";
import { RecordingPoster } from "../fixtures/digest/poster.ts";

function setup(now = "2025-12-05T07:00:00Z") {
  const clock = new ManualClock(now);
  const store = SqliteStore.open(":memory:", { clock });
  const poster = new RecordingPoster();
  const scheduler = new ManualScheduler(clock);
  const articles = newsDay();
  const digests = new DigestService({
    store,
    library: { articlesFor: () => articles, search: () => [] },
    clock,
    logger: silentLogger(),
    scheduler,
    poster,
    enrichment: leadEnrichment,
  });
  // The digest command reaches articles through the digest service, never the library.
  const app = { ...testAppContext({ library: Object.create(null) as Library, clock }), store, digests };
  const manager: CommandContext = {
    app,
    guildId: "g1",
    channelId: "news",
    userId: "u1",
    canManageGuild: true,
  };
  const member: CommandContext = { ...manager, userId: "u2", canManageGuild: false };
  return { clock, store, poster, scheduler, manager, member };
}

function text(reply: Awaited<ReturnType<typeof runCommand>>): string {
  return reply.pages
    .map((page) =>
      [page.title, page.description, ...(page.fields ?? []).map((f) => `${f.name}: ${f.value}`)].join("\n"),
    )
    .join("\n");
}

describe("/digest schedule", () => {
  it("GIVEN a manager WHEN scheduling THEN it is saved and confirmed privately", async () => {
    const { store, manager, scheduler } = setup();
    const reply = await runCommand(
      digest,
      {
        subcommand: "schedule",
        channel: "<#news>",
        time: "9:00",
        timezone: "europe/berlin",
        topic: "Geneva",
      },
      manager,
    );
    expect(reply.ephemeral).toBe(true);
    expect(text(reply)).toContain("Daily digest 1 about “Geneva” set for 09:00 (Europe/Berlin) in <#news>.");
    expect((await store.schedules.forGuild("g1"))[0]).toMatchObject({
      time: "09:00",
      timezone: "Europe/Berlin",
      topic: "Geneva",
    });
    expect(scheduler.jobs()).toHaveLength(1);
  });

  it("GIVEN a member without Manage Server WHEN scheduling or turning off THEN refused and nothing changes", async () => {
    const { store, member } = setup();
    const reply = await runCommand(
      digest,
      { subcommand: "schedule", channel: "news", time: "09:00" },
      member,
    );
    expect(reply.tone).toBe("error");
    expect(text(reply)).toContain("Manage Server");
    expect(await store.schedules.forGuild("g1")).toEqual([]);
    expect(text(await runCommand(digest, { subcommand: "off" }, member))).toContain("Manage Server");
  });

  it.each([
    [{ time: "9.00" }, "is not a time"],
    [{ time: "09:00", timezone: "Berlin" }, "is not a time zone"],
    [{ time: "09:00", channel: "private" }, "I cannot post in <#private>"],
    [{ time: "09:00", empty_days: "sometimes" }, "must be post or skip"],
  ])("GIVEN bad input %o WHEN scheduling THEN a clear error and nothing saved", async (options, message) => {
    const { store, manager } = setup();
    const reply = await runCommand(digest, { subcommand: "schedule", channel: "news", ...options }, manager);
    expect(reply.tone).toBe("error");
    expect(text(reply)).toContain(message);
    expect(await store.schedules.forGuild("g1")).toEqual([]);
  });
});

describe("/digest schedule: channel, time and zone", () => {
  it("GIVEN no channel WHEN scheduling THEN the digest goes to the channel the command was typed in", async () => {
    const { store, manager } = setup();
    const reply = await runCommand(digest, { subcommand: "schedule", time: "08:30" }, manager);
    expect(text(reply)).toContain("set for 08:30 (UTC) in <#news>.");
    expect((await store.schedules.forGuild("g1"))[0]).toMatchObject({ channelId: "news", time: "08:30" });
  });

  it("GIVEN a zone by another valid name WHEN scheduling THEN it is saved and shown as given", async () => {
    const { store, manager } = setup();
    const reply = await runCommand(
      digest,
      { subcommand: "schedule", time: "09:00", timezone: "Europe/Kyiv" },
      manager,
    );
    expect(text(reply)).toContain("set for 09:00 (Europe/Kyiv)");
    expect((await store.schedules.forGuild("g1"))[0]?.timezone).toBe("Europe/Kyiv");
    expect(text(await runCommand(digest, { subcommand: "status" }, manager))).toContain(
      "Next run: 6 Dec 2025, 09:00 (Europe/Kyiv)",
    );
  });

  it("GIVEN an abbreviation for a zone WHEN scheduling THEN refused with the zones it may mean", async () => {
    const { store, manager } = setup();
    const reply = await runCommand(
      digest,
      { subcommand: "schedule", time: "09:00", timezone: "EST" },
      manager,
    );
    expect(reply.tone).toBe("error");
    expect(text(reply)).toContain(
      "`timezone`: “EST” is an abbreviation, not a time zone; did you mean America/New_York or America/Toronto?",
    );
    expect(await store.schedules.forGuild("g1")).toEqual([]);
  });

  it("GIVEN a bad time and other problems WHEN scheduling THEN every problem at once, the time first", async () => {
    const { manager } = setup();
    const direct = { ...manager };
    delete direct.channelId;
    const reply = await runCommand(
      digest,
      { subcommand: "schedule", time: "25:00", timezone: "PST" },
      direct,
    );
    expect(text(reply)).toBe(
      "\n`time`: “25:00” is not a time; use HH:MM, e.g. 09:00 or 18:30.\n" +
        "`timezone`: “PST” is an abbreviation, not a time zone; did you mean America/Los_Angeles or America/Vancouver?",
    );
  });
});

describe("/digest off and status", () => {
  it("GIVEN no schedule WHEN asking for status THEN it says how to set one", async () => {
    const { member } = setup();
    expect(text(await runCommand(digest, { subcommand: "status" }, member))).toContain(
      "Set one with `/digest schedule`",
    );
  });

  it("GIVEN a posted digest WHEN asking for status THEN it shows the schedule, the next run and the last outcome", async () => {
    const { manager, member, clock, scheduler } = setup();
    await runCommand(
      digest,
      { subcommand: "schedule", channel: "news", time: "09:00", timezone: "Europe/Berlin" },
      manager,
    );
    clock.set("2025-12-05T08:00:01Z");
    await scheduler.runDue();
    const status = text(await runCommand(digest, { subcommand: "status" }, member));
    expect(status).toContain("Every day at 09:00 (Europe/Berlin) in <#news>");
    expect(status).toContain("Next run: 6 Dec 2025, 09:00 (Europe/Berlin)");
    expect(status).toContain("Posted (2025-12-05, due 5 Dec 2025, 09:00, 7 articles, 1 message)");
  });

  it("GIVEN a failed digest WHEN asking for status THEN the reason is shown", async () => {
    const { manager, member, clock, scheduler, poster } = setup();
    await runCommand(digest, { subcommand: "schedule", channel: "news", time: "09:00" }, manager);
    poster.failures.push(new DigestPostError("forbidden", "Missing Permissions"));
    clock.set("2025-12-05T09:00:01Z");
    await scheduler.runDue();
    expect(text(await runCommand(digest, { subcommand: "status" }, member))).toContain(
      "Failed (2025-12-05, due 5 Dec 2025, 09:00): forbidden: Missing Permissions.",
    );
  });

  it("GIVEN a schedule WHEN a manager turns it off THEN status shows it off", async () => {
    const { manager } = setup();
    await runCommand(digest, { subcommand: "schedule", channel: "news", time: "09:00" }, manager);
    expect(text(await runCommand(digest, { subcommand: "off" }, manager))).toBe("\nDaily digest 1 is off.");
    const status = text(await runCommand(digest, { subcommand: "status" }, manager));
    expect(status).toContain("(off)");
    expect(status).toContain("Next run: none while it is off.");
  });
});

describe("/digest now", () => {
  it("GIVEN since and until WHEN previewing THEN an ephemeral paged digest of that window", async () => {
    const { member, poster } = setup();
    const reply = await runCommand(
      digest,
      { subcommand: "now", since: "2025-12-04", until: "2025-12-04" },
      member,
    );
    expect(reply.ephemeral).toBe(true);
    expect(reply.pages[0].description).toMatch(/^3 stories from 6 articles by 2 sources/);
    expect(reply.pages[1]?.title).toBe("1. Ukraine and US envoys open peace talks in Geneva");
    expect(poster.posts).toHaveLength(0);
  });

  it("GIVEN a window without articles WHEN previewing THEN it says there is no news and where the newest is", async () => {
    const { member } = setup("2025-12-20T12:00:00Z");
    const reply = text(await runCommand(digest, { subcommand: "now" }, member));
    expect(reply).toContain("No new articles from");
    expect(reply).toMatch(/The newest article is from 2025-12-0\d: try `\/digest now since:2025-12-0\d`\./);
  });

  it("GIVEN post:true WHEN a member asks THEN refused; WHEN a manager asks THEN posted in this channel", async () => {
    const { member, manager, poster } = setup();
    expect((await runCommand(digest, { subcommand: "now", post: "true" }, member)).tone).toBe("error");
    expect(poster.posts).toHaveLength(0);
    const reply = await runCommand(digest, { subcommand: "now", post: true }, manager);
    expect(text(reply)).toContain("Posted the digest in <#news> (1 message).");
    expect(poster.posts[0]?.channelId).toBe("news");
  });

  it("GIVEN since after until, or after now WHEN previewing THEN an error, not a backwards window", async () => {
    const { member } = setup();
    const backwards = await runCommand(
      digest,
      { subcommand: "now", since: "2025-12-04", until: "2025-12-01" },
      member,
    );
    expect(backwards.tone).toBe("error");
    expect(text(backwards)).toBe("\n`since` must be before `until`.");
    const future = await runCommand(digest, { subcommand: "now", since: "2025-12-24" }, member);
    expect(future.tone).toBe("error");
    expect(text(future)).toBe("\n`since` must be before now.");
  });

  it("GIVEN a bad date WHEN previewing THEN the option is named", async () => {
    const { member } = setup();
    expect(text(await runCommand(digest, { subcommand: "now", since: "last tuesday" }, member))).toContain(
      "since",
    );
  });
});

describe("where /digest works", () => {
  it("GIVEN a direct message WHEN using /digest THEN the dispatcher says it works only in a server", async () => {
    const { member } = setup();
    const direct: CommandContext = { ...member };
    delete direct.guildId;
    expect(text(await runCommand(digest, { subcommand: "status" }, direct))).toContain(
      "`/digest` works only in a server, not in direct messages.",
    );
  });

  it("GIVEN no digest service WHEN using /digest THEN it says digests are unavailable", async () => {
    const { member } = setup();
    const app = { ...member.app };
    delete app.digests;
    expect(text(await runCommand(digest, { subcommand: "status" }, { ...member, app }))).toContain(
      "not available",
    );
  });
});

describe("several digests: /digest schedule weekly, list and off", () => {
  async function scheduleIn(ctx: CommandContext, options: Record<string, string>): Promise<string> {
    return text(await runCommand(digest, { subcommand: "schedule", time: "09:00", ...options }, ctx));
  }

  it("GIVEN weekly:monday WHEN scheduling THEN a weekly digest is set and status shows its next Monday", async () => {
    const { manager, store } = setup();
    expect(await scheduleIn(manager, { weekly: "Monday", timezone: "Europe/Berlin" })).toBe(
      "\nWeekly digest 1 set for Mondays at 09:00 (Europe/Berlin) in <#news>, covering the week.",
    );
    expect((await store.schedules.forGuild("g1"))[0]?.weekday).toBe("monday");
    const status = text(await runCommand(digest, { subcommand: "status" }, manager));
    expect(status).toContain("#1 · weekly: Every Monday at 09:00 (Europe/Berlin) in <#news>");
    expect(status).toContain("Next run: 8 Dec 2025, 09:00 (Europe/Berlin)");
  });

  it("GIVEN a weekday that is not one WHEN scheduling THEN the option is named and nothing is saved", async () => {
    const { manager, store } = setup();
    const reply = await runCommand(
      digest,
      { subcommand: "schedule", time: "09:00", weekly: "someday" },
      manager,
    );
    expect(reply.tone).toBe("error");
    expect(text(reply)).toContain("`weekly` must be a day of the week, e.g. monday");
    expect(await store.schedules.forGuild("g1")).toEqual([]);
  });

  it("GIVEN two channels and a topic WHEN listing THEN each digest shows its id, channel, time, zone, topic, cadence and last run", async () => {
    const { manager, member, poster, clock, scheduler } = setup();
    poster.postableChannels.add("world");
    await scheduleIn(manager, {});
    await scheduleIn(manager, {
      channel: "world",
      topic: "Geneva",
      weekly: "friday",
      time: "10:00",
      timezone: "Europe/Kyiv",
    });
    clock.set("2025-12-05T09:00:01Z");
    await scheduler.runDue();
    const list = text(await runCommand(digest, { subcommand: "list" }, member));
    expect(list).toContain(
      "#1 · daily: Every day at 09:00 (UTC) in <#news>\nLast run: Posted (2025-12-05, due 5 Dec 2025, 09:00, 7 articles, 1 message).",
    );
    expect(list).toContain(
      "#2 · weekly: Every Friday at 10:00 (Europe/Kyiv) in <#world>\nTopic: Geneva\nLast run: Posted (week:2025-12-05, due 5 Dec 2025, 10:00,",
    );
  });

  it("GIVEN no digests WHEN listing THEN it says how to set one", async () => {
    const { member } = setup();
    expect(text(await runCommand(digest, { subcommand: "list" }, member))).toContain(
      "This server has no digests. Set one with `/digest schedule`.",
    );
  });

  it("GIVEN the same channel and topic WHEN scheduling again THEN the digest is changed in place, and the reply says so", async () => {
    const { manager, store } = setup();
    await scheduleIn(manager, { topic: "Geneva" });
    const reply = await scheduleIn(manager, { topic: "Geneva", time: "18:00", weekly: "sunday" });
    expect(reply).toBe(
      "\nWeekly digest 1 about “Geneva” set for Sundays at 18:00 (UTC) in <#news>, covering the week.\n" +
        "This channel already had a digest on this topic, so it was changed (it was every day at 09:00 (UTC)); a period it has already posted is not posted again.",
    );
    expect(await store.schedules.forGuild("g1")).toHaveLength(1);
  });

  it("GIVEN two digests WHEN turning off without saying which THEN refused; WHEN naming one THEN only it is off", async () => {
    const { manager, store } = setup();
    await scheduleIn(manager, {});
    await scheduleIn(manager, { topic: "Geneva" });
    expect(text(await runCommand(digest, { subcommand: "off" }, manager))).toContain(
      "This server has 2 digests: say which with `schedule:` (`/digest list` shows them).",
    );
    expect(text(await runCommand(digest, { subcommand: "off", schedule: "#2" }, manager))).toBe(
      "\nDaily digest 2 about “Geneva” is off.",
    );
    expect((await store.schedules.forGuild("g1")).map((each) => each.enabled)).toEqual([true, false]);
    expect(text(await runCommand(digest, { subcommand: "off", schedule: "7" }, manager))).toContain(
      "This server has no digest schedule 7",
    );
    expect(text(await runCommand(digest, { subcommand: "off", schedule: "news" }, manager))).toContain(
      "`schedule`: name a schedule by its number, as /digest list shows",
    );
  });

  it("GIVEN digests WHEN the schedule option is typed THEN the enabled ones are suggested by id, matching what is typed", async () => {
    const { manager } = setup();
    await scheduleIn(manager, {});
    await scheduleIn(manager, { topic: "Geneva", weekly: "monday" });
    await scheduleIn(manager, { topic: "markets" });
    await runCommand(digest, { subcommand: "off", schedule: "3" }, manager);
    expect(await digest.autocomplete?.("schedule", "", manager)).toEqual([
      { name: "#1 · every day at 09:00 (UTC) · channel news", value: "1", typed: "1" },
      { name: "#2 · every Monday at 09:00 (UTC) · Geneva · channel news", value: "2", typed: "2" },
    ]);
    expect((await digest.autocomplete?.("schedule", "gene", manager))?.map((choice) => choice.value)).toEqual(
      ["2"],
    );
    expect(await digest.autocomplete?.("schedule", "", { ...manager, guildId: "g2" })).toEqual([]);
  });
});
