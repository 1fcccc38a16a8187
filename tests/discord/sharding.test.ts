import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import { configEnvironment, isShardProcess } from "../../src/discord/sharding.ts";

describe("shard process environment", () => {
  const managerEnv = { SHARDS: "2", DISCORD_TOKEN: "t", SHARDING_MANAGER: "true" };
  const shardEnv = { ...managerEnv, SHARDS: "0", SHARD_COUNT: "2" };

  it("GIVEN the manager process WHEN checked THEN it is not a shard and keeps SHARDS as the shard count", () => {
    expect(isShardProcess(managerEnv)).toBe(false);
    expect(loadConfig(configEnvironment(managerEnv))).toMatchObject({ ok: true, value: { shards: 2 } });
  });

  it("GIVEN a shard process (discord.js set SHARDS to its shard id 0) WHEN its config loads THEN it is valid and has no shard count", () => {
    expect(isShardProcess(shardEnv)).toBe(true);
    expect(loadConfig(shardEnv).ok).toBe(false);
    const loaded = loadConfig(configEnvironment(shardEnv));
    expect(loaded.ok && loaded.value.shards).toBeUndefined();
    expect(configEnvironment(shardEnv).SHARDS).toBeUndefined();
  });
});
