/* The environment of shard processes: read before discord.js is loaded, so nothing here imports it. */

/**
 * True in a process that discord.js's ShardingManager spawned. There, SHARDS holds this process's shard
 * id (set by discord.js), not the shard count of our own setting, and the client reads it by itself.
 */
export function isShardProcess(env: Record<string, string | undefined>): boolean {
  return env.SHARDING_MANAGER === "true" && env.SHARD_COUNT !== undefined;
}

/**
 * The environment to load Newsdesk's config from: in a shard process SHARDS is discord.js's shard id,
 * which must neither fail validation nor start another manager, so it is left out.
 */
export function configEnvironment(
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  if (!isShardProcess(env)) return env;
  return Object.fromEntries(Object.entries(env).filter(([key]) => key !== "SHARDS"));
}
