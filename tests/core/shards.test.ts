import { describe, expect, it } from "vitest";
import { parseShardIds, planServesGuild, shardOfGuild } from "../../src/core/shards.ts";

describe("parseShardIds", () => {
  it("GIVEN ids and ranges THEN they are read sorted and once each", () => {
    expect(parseShardIds("0-3")).toEqual([0, 1, 2, 3]);
    expect(parseShardIds("8, 2,2, 4 - 5")).toEqual([2, 4, 5, 8]);
  });

  it.each(["", "1,", "a", "3-1", "-1", "1.5"])("GIVEN %j THEN it is not a list of shard ids", (text) => {
    expect(parseShardIds(text)).toBeUndefined();
  });
});

describe("shardOfGuild", () => {
  it("GIVEN a server id THEN its shard follows Discord's (id >> 22) % count", () => {
    // 4194304 = 1 << 22: the id of a server created one unit of Discord time after the epoch.
    expect(shardOfGuild(String(4194304n * 5n), 4)).toBe(1);
    expect(shardOfGuild("900000000004194404", 2)).toBe(0);
    expect(shardOfGuild("175928847299117063", 1)).toBe(0);
  });
});

describe("planServesGuild", () => {
  it("GIVEN shard 1 of 4 THEN only servers on shard 1 are this host's", () => {
    const plan = { ids: [1], count: 4 };
    expect(planServesGuild(plan, String(4194304n * 5n))).toBe(true);
    expect(planServesGuild(plan, String(4194304n * 6n))).toBe(false);
  });

  it("GIVEN every shard or an id that is no snowflake THEN auto serves all and a plan serves none of those", () => {
    expect(planServesGuild("auto", "console")).toBe(true);
    expect(planServesGuild({ ids: [0], count: 1 }, "console")).toBe(false);
  });
});
