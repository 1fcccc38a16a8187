import type { Command } from "../src/app/command.ts";
import { digest } from "./digest.ts";
import { search } from "./search.ts";

/** Every slash command, in the order help lists them. */
export const commands: readonly Command[] = [search, digest];
