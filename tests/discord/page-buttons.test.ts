import { describe, expect, it } from "vitest";
import { PageButtonCodec } from "../../src/discord/page-buttons.ts";

describe("PageButtonCodec", () => {
  it("GIVEN short options WHEN encoded THEN a fresh codec (a restarted bot) decodes them", () => {
    const request = { command: "search", options: { query: "climate", source: "BBC" }, page: 3 };
    const customId = new PageButtonCodec().encode(request);
    expect(customId.length).toBeLessThanOrEqual(100);
    expect(new PageButtonCodec().decode(customId)).toEqual({ kind: "page", request });
  });

  it("GIVEN options too long for 100 characters WHEN encoded THEN the id is hashed and fits", () => {
    const codec = new PageButtonCodec();
    const request = { command: "search", options: { query: "x".repeat(200) }, page: 1 };
    const customId = codec.encode(request);
    expect(customId.length).toBeLessThanOrEqual(100);
    expect(codec.decode(customId)).toEqual({ kind: "page", request });
  });

  it("GIVEN a hashed id WHEN decoded after a restart THEN it is reported as expired", () => {
    const customId = new PageButtonCodec().encode({
      command: "search",
      options: { query: "y".repeat(150) },
      page: 0,
    });
    expect(new PageButtonCodec().decode(customId)).toEqual({ kind: "expired", command: "search" });
  });

  it("GIVEN a full memory WHEN more hashed ids are made THEN the least recently used expires first", () => {
    const codec = new PageButtonCodec(2);
    const ids = ["a", "b", "c"].map((letter) =>
      codec.encode({ command: "search", options: { query: letter.repeat(120) }, page: 0 }),
    );
    expect(codec.decode(ids[0] ?? "").kind).toBe("expired");
    expect(codec.decode(ids[1] ?? "").kind).toBe("page");
    expect(codec.decode(ids[2] ?? "").kind).toBe("page");
  });

  it("GIVEN ids that were not made by the codec WHEN decoded THEN they are unknown", () => {
    const codec = new PageButtonCodec();
    for (const id of [
      "",
      "pg",
      "pg:x:search:{}",
      "pg:1:search:not json",
      'pg:1:search:{"a":{"b":1}}',
      "zz:1:s:{}",
    ]) {
      expect(codec.decode(id)).toEqual({ kind: "unknown" });
    }
  });
});
