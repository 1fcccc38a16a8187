/**
 * Which of a deployment's gateway shards a process runs: every shard Discord recommends ("auto"), or these
 * ids out of a fixed count (several hosts each take a range of one count).
 */
export type ShardPlan = "auto" | { ids: readonly number[]; count: number };

/** The most shards a count may name: Discord's own large bots stay far below it. */
export const MAX_SHARD_COUNT = 4096;

/**
 * Reads a list of shard ids and ranges, "0-3", "0,2,4" or "0-3,8-11", into sorted distinct ids. Returns
 * `undefined` for anything else (an empty part, a range that runs backwards, a non-number).
 */
export function parseShardIds(text: string): number[] | undefined {
  const ids = new Set<number>();
  for (const part of text.split(",").map((piece) => piece.trim())) {
    const match = /^(\d{1,4})(?:\s*-\s*(\d{1,4}))?$/.exec(part);
    if (match === null) return undefined;
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (to < from) return undefined;
    for (let id = from; id <= to; id++) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

/**
 * The shard a server's gateway events arrive on: Discord's own rule, `(guild_id >> 22) % shard_count`.
 * Lets a host know which servers are its own without waiting for the gateway to list them.
 */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * Whether a process running `plan` holds a server: under "auto" it runs every shard, so every server is its
 * own. Ids that are not Discord snowflakes belong to no shard.
 */
export function planServesGuild(plan: ShardPlan, guildId: string): boolean {
  if (plan === "auto") return true;
  if (!/^\d{1,20}$/.test(guildId)) return false;
  return plan.ids.includes(shardOfGuild(guildId, plan.count));
}
