import { isUserError } from "../core/errors.ts";
import type { Reply } from "../core/reply.ts";
import type { Command, CommandContext } from "./command.ts";

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
 * Runs a command the same way on every platform: user errors become ephemeral replies with their own
 * message; anything else is logged with the command, options and place, and gets the generic reply.
 */
export async function runCommand(
  command: Command,
  rawOptions: Record<string, unknown>,
  ctx: CommandContext,
): Promise<Reply> {
  try {
    return await command.execute(rawOptions, ctx);
  } catch (error) {
    return replyForError(error, ctx, { command: command.definition.name, options: rawOptions });
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
