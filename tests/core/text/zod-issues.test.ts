import { z } from "zod";
import { describe, expect, it } from "vitest";
import { parsePlain } from "../../../src/core/text/zod-issues.ts";

const option = (name: string) => `\`${name}\``;

const Options = z.object({
  query: z.string().trim().min(1).max(200),
  by: z.enum(["day", "week"]).optional(),
  count: z.coerce.number().int().min(1).max(5).optional(),
  since: z
    .string()
    .refine((text) => /^\d{4}-\d{2}-\d{2}$/.test(text), { error: "expected a date like 2025-12-01" })
    .optional(),
  post: z.union([z.boolean(), z.enum(["true", "false"], { error: "say true or false" })]).optional(),
  link: z.url().optional(),
});

function problems(data: unknown): string[] {
  const parsed = parsePlain(Options, data, { name: option });
  return parsed.ok ? [] : parsed.reason;
}

describe("parsePlain", () => {
  it("GIVEN a missing option THEN it is required, in plain words", () => {
    expect(problems({})).toEqual(["`query` is required"]);
  });

  it("GIVEN values out of bounds or off the list THEN the bound or the choices", () => {
    expect(problems({ query: "x".repeat(201), by: "month", count: "9" })).toEqual([
      "`query` is at most 200 characters",
      "`by` is one of: day, week",
      "`count` is at most 5",
    ]);
    expect(problems({ query: "  " })).toEqual(["`query` cannot be empty"]);
    expect(problems({ query: "x", count: "lots", link: "nope" })).toEqual([
      "`count` must be a number",
      "`link` must be a web address (http:// or https://)",
    ]);
  });

  it("GIVEN a schema's own message THEN it is kept after the name", () => {
    expect(problems({ query: "x", since: "someday", post: "maybe" })).toEqual([
      "`since`: expected a date like 2025-12-01",
      "`post`: say true or false",
    ]);
  });

  it("GIVEN an own message that reads on from the name THEN one sentence; in list style, always a colon", () => {
    const Flags = z.object({
      post: z.enum(["true", "false"], { error: "must be true or false" }),
      body: z.union([
        z.string().refine((text) => text.trim() !== "", "cannot be blank"),
        z.array(z.string()),
      ]),
    });
    expect(parsePlain(Flags, { post: "maybe", body: " " })).toEqual({
      ok: false,
      reason: ["post must be true or false", "body cannot be blank"],
    });
    expect(parsePlain(Flags, { post: "maybe" }, { style: "list" })).toEqual({
      ok: false,
      reason: ["post: must be true or false", "body: is required"],
    });
  });

  it("GIVEN any problem THEN zod's own wording and the given value never show", () => {
    const lines = problems({ query: 42, by: "secret-value", count: "secret-value" }).join("\n");
    expect(lines).toBe("`query` must be text\n`by` is one of: day, week\n`count` must be a number");
    expect(lines).not.toMatch(/Invalid|expected string|received|secret-value/);
  });

  it("GIVEN valid data THEN the parsed value", () => {
    expect(parsePlain(Options, { query: " x ", count: "2" })).toEqual({
      ok: true,
      value: { query: "x", count: 2 },
    });
  });
});
