import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import type { CommandDefinition } from "../../src/app/command.ts";
import { applicationCommandJson } from "../../src/discord/command-json.ts";

const settings: CommandDefinition = {
  name: "digest",
  description: "Daily digests for this server",
  options: [],
  defaultMemberPermissions: "ManageGuild",
  dmPermission: false,
  subcommands: [
    {
      name: "schedule",
      description: "Post a digest every day",
      options: [
        { name: "topic", description: "What about", type: "string", maxLength: 50 },
        { name: "channel", description: "Where", type: "channel", required: true },
        { name: "size", description: "How many", type: "integer", choices: [{ name: "five", value: "5" }] },
      ],
    },
  ],
};

describe("applicationCommandJson", () => {
  it("GIVEN /search WHEN mapped THEN options carry Discord types, required, autocomplete and max_length", () => {
    const search = commands.find((command) => command.definition.name === "search");
    const json = applicationCommandJson(search?.definition ?? settings);
    expect(json.options).toEqual([
      expect.objectContaining({ type: 3, name: "query", required: true, max_length: 200 }),
      expect.objectContaining({ type: 3, name: "since", required: false }),
      expect.objectContaining({ type: 3, name: "until", required: false }),
      expect.objectContaining({ type: 3, name: "source", required: false, autocomplete: true }),
    ]);
    expect(json.default_member_permissions).toBeNull();
    expect(json.contexts).toEqual([0, 1]);
  });

  it("GIVEN a settings command WHEN mapped THEN it needs Manage Server, works only in servers, and required options come first", () => {
    const json = applicationCommandJson(settings);
    expect(json.default_member_permissions).toBe("32");
    expect(json.contexts).toEqual([0]);
    const [schedule] = json.options ?? [];
    expect(schedule).toMatchObject({ type: 1, name: "schedule" });
    const inner = schedule && "options" in schedule ? (schedule.options ?? []) : [];
    expect(inner.map((option) => [option.name, option.type])).toEqual([
      ["channel", 7],
      ["topic", 3],
      ["size", 4],
    ]);
    expect(inner[1]).toMatchObject({ max_length: 50 });
    expect(inner[2]).toMatchObject({ choices: [{ name: "five", value: 5 }] });
  });

  it("GIVEN a description over 100 characters WHEN mapped THEN it is cut to Discord's 100", () => {
    const json = applicationCommandJson({ name: "x", description: "word ".repeat(40), options: [] });
    expect(json.description.length).toBeLessThanOrEqual(100);
  });
});
