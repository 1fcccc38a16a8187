import type { z } from "zod";
import { err, ok, type Result } from "../result.ts";

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

export interface PlainOptions {
  /** How a reader knows a path: "`query`" for a command option, "LOG_LEVEL" for a setting; default the path. */
  name?: (path: string) => string;
  /**
   * "sentence" (the default): "`time` must be…" when the message reads on from the name, else "`since`: hint".
   * "list": always "NAME: message", as a list of settings reads.
   */
  style?: "sentence" | "list";
}

/** The parsed value, or what does not fit: one plain line per problem. */
export type PlainParseResult<T> = Result<T, string[]>;

/** `body[2].text`: a path as written in JavaScript, the way a file's fields are named. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === "number" ? `[${String(key)}]` : `${i === 0 ? "" : "."}${String(key)}`))
    .join("");
}

/**
 * Parses `data` and says in plain words what does not fit, one line per problem: "`query` is required",
 * "`query` is at most 200 characters", "`by` is one of: day, week". A message a schema gives itself is kept:
 * after the name when it reads on from it ("must be true or false"), else after a colon (a refine's hint such
 * as "expected a date like 2025-12-01"). Only zod's own wording ("Invalid input: expected string, received
 * undefined") is replaced. Never quotes the value that was given, so a bad secret is not printed.
 */
export function parsePlain<S extends z.ZodType>(
  schema: S,
  data: unknown,
  options: PlainOptions = {},
): PlainParseResult<z.output<S>> {
  const { name: nameOf = (path: string) => path, style = "sentence" } = options;
  // zod asks this map only for the issues its schema has no words for.
  const result = schema.safeParse(data, { error: plainText });
  if (result.success) return ok(result.data);
  return err(
    result.error.issues.map((issue) => describeIssue(issue.message, nameOf(fieldPath(issue.path)), style)),
  );
}

/** Words that carry on from a name as a sentence: "`time` must be…", "title cannot be blank". */
const PREDICATE = /^(?:is|are|must|cannot|can|has|have|needs?|should)\b/;

function describeIssue(message: string, name: string, style: "sentence" | "list"): string {
  if (name === "") return message;
  return style === "sentence" && PREDICATE.test(message) ? `${name} ${message}` : `${name}: ${message}`;
}

/** The predicate of a plain sentence about one value ("is required"), or undefined to leave zod's words. */
function plainText(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "is required" : `must be ${typeName(issue.expected)}`;
    case "too_big":
      return bound("at most", issue.origin, issue.maximum, issue.inclusive !== false);
    case "too_small":
      if (Number(issue.minimum) === 1 && ["string", "array", "set"].includes(issue.origin)) {
        return "cannot be empty";
      }
      return bound("at least", issue.origin, issue.minimum, issue.inclusive !== false);
    case "invalid_value":
      return oneOf(issue.values);
    case "invalid_format":
      return formatText(issue.format, issue);
    case "not_multiple_of":
      return `must be a multiple of ${String(issue.divisor)}`;
    case "unrecognized_keys":
      return `has unknown ${issue.keys.length === 1 ? "key" : "keys"}: ${issue.keys.join(", ")}`;
    case "invalid_key":
      return "has a key that is not allowed";
    case "invalid_element":
      return "has an entry that is not allowed";
    case "invalid_union":
      return unionText(issue);
    case "custom":
      return "is not valid";
    default:
      return undefined;
  }
}

function typeName(expected: string): string {
  switch (expected) {
    case "string":
      return "text";
    case "number":
    case "int":
    case "bigint":
      return expected === "int" ? "a whole number" : "a number";
    case "boolean":
      return "true or false";
    case "array":
      return "a list";
    case "object":
    case "record":
      return "a set of fields";
    case "date":
      return "a date";
    default:
      return `a ${expected}`;
  }
}

function bound(
  side: "at most" | "at least",
  origin: string,
  limit: number | bigint | Date,
  inclusive: boolean,
) {
  const value = limit instanceof Date ? limit.toISOString() : Number(limit);
  // A strict bound on a whole count is the next count ("< 10 characters" is "at most 9 characters").
  const count = typeof value === "number" && !inclusive ? value + (side === "at most" ? -1 : 1) : value;
  switch (origin) {
    case "string":
      return `is ${side} ${String(count)} ${count === 1 ? "character" : "characters"}`;
    case "array":
    case "set":
      return `has ${side} ${String(count)} ${count === 1 ? "entry" : "entries"}`;
    case "date":
      return `is ${side === "at most" ? "on or before" : "on or after"} ${String(value)}`;
    default:
      if (inclusive) return `is ${side} ${String(value)}`;
      return `is ${side === "at most" ? "less" : "more"} than ${String(value)}`;
  }
}

function oneOf(values: readonly unknown[]): string {
  const shown = values.map(String);
  return shown.length === 1 ? `must be ${shown[0] ?? ""}` : `is one of: ${shown.join(", ")}`;
}

function formatText(format: string, issue: RawIssue): string {
  const detail = issue as { prefix?: string; suffix?: string; includes?: string };
  switch (format) {
    case "url":
      return "must be a web address (http:// or https://)";
    case "email":
      return "must be an email address";
    case "starts_with":
      return `must start with “${detail.prefix ?? ""}”`;
    case "ends_with":
      return `must end with “${detail.suffix ?? ""}”`;
    case "includes":
      return `must contain “${detail.includes ?? ""}”`;
    case "datetime":
      return "must be a date and time like 2025-12-01T08:00:00Z";
    case "date":
      return "must be a date like 2025-12-01";
    case "time":
      return "must be a time like 08:00";
    case "regex":
      return "is not in the expected form";
    default:
      return `must be a valid ${format}`;
  }
}

type UnionIssue = RawIssue & { code: "invalid_union" };

function firstIssues(issue: UnionIssue): Issue[] {
  return issue.errors.map((branch) => branch[0]).filter((first) => first !== undefined);
}

/**
 * A union that matched no branch: its choices when it picks by a key; else what its branches expect, or the
 * words of the branch that took the value's type and still refused it (`true or false` for a typed boolean).
 */
function unionText(issue: UnionIssue): string {
  const options = (issue as { options?: readonly unknown[] }).options;
  if (issue.errors.length === 0) return options && options.length > 0 ? oneOf(options) : "is not valid";
  if (issue.input === undefined) return "is required";
  const branches = firstIssues(issue);
  const types = branches.filter((first) => first.code === "invalid_type");
  if (types.length === branches.length) {
    const names = [...new Set(types.map((first) => typeName(first.expected)))];
    return `must be ${names.join(" or ")}`;
  }
  return branches.find((first) => first.code !== "invalid_type")?.message ?? "is not valid";
}
