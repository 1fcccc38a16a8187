import { isUserError } from "../core/errors.ts";
import type { Reply } from "../core/reply.ts";
import type { Command, CommandContext } from "./command.ts";
import { unmetPrecondition } from "./preconditions.ts";

/** The reply an internal failure gets: short, with nothing of the failure's details. */
export const GENERIC_FAILURE_REPLY: Reply = {
  pages: [{ description: "Something went wrong on our side while answering. Please try again in a moment." }],
  ephemeral: true,
  tone: "error",
};

/** A user error as a reply: only the asker sees it. */
export function userErrorReply(message: string): Reply {
  return { pages: [{ description: message }], ephemeral: true, tone: "error" };
}

/**
 * Runs a command the same way on every platform, the one dispatch path: its declared preconditions first
 * (server only, Manage Server), then the command; user errors become ephemeral replies with their own
 * message; anything else is logged with the command, options, place and `logDetails` (the interaction's id on
 * Discord), and gets the generic reply.
 */
export async function runCommand(
  command: Command,
  rawOptions: Record<string, unknown>,
  ctx: CommandContext,
  logDetails: Record<string, unknown> = {},
): Promise<Reply> {
  const problem = unmetPrecondition(command.definition, rawOptions, ctx);
  if (problem !== undefined) return userErrorReply(problem);
  try {
    return await command.execute(rawOptions, ctx);
  } catch (error) {
    return replyForError(error, ctx, {
      command: command.definition.name,
      options: rawOptions,
      ...logDetails,
    });
  }
}

export function replyForError(error: unknown, ctx: CommandContext, details: Record<string, unknown>): Reply {
  if (isUserError(error)) return userErrorReply(error.message);
  ctx.app.logger.error(
    { err: error, ...details, guildId: ctx.guildId, userId: ctx.userId },
    "command failed",
  );
  return GENERIC_FAILURE_REPLY;
}
