import { digestsMigration } from "./001-digests.ts";
import { feedsMigration } from "./002-feeds.ts";
import { followsMigration } from "./003-follows.ts";
import { identifyBucketsMigration } from "./004-identify-buckets.ts";
import { schedulesPerChannelMigration } from "./005-schedules-per-channel.ts";
import { feedClaimsMigration } from "./010-feed-claims.ts";
import { feedItemDatesMigration } from "./011-feed-item-dates.ts";
import type { Migration } from "./types.ts";

export type { Migration } from "./types.ts";

/** Every migration, oldest first. Append new ones; never edit or reorder one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  digestsMigration,
  feedsMigration,
  followsMigration,
  identifyBucketsMigration,
  schedulesPerChannelMigration,
  feedClaimsMigration,
  feedItemDatesMigration,
];
