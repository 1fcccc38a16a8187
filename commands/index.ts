import type { Command } from "../src/app/command.ts";
import { digest } from "./digest.ts";
import { feeds } from "./feeds.ts";
import { follow } from "./follow.ts";
import { quotes } from "./quotes.ts";
import { search } from "./search.ts";
import { status } from "./status.ts";
import { summary } from "./summary.ts";
import { trends } from "./trends.ts";

/** Every slash command, in the order help lists them. */
export const commands: readonly Command[] = [search, summary, quotes, trends, digest, feeds, follow, status];
