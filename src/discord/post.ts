import { DiscordAPIError, HTTPError, Routes, type REST } from "discord.js";
import type { Reply } from "../core/reply.ts";
import { channelMessageBody, renderAllPages } from "./render.ts";
import { err, ok, type Result } from "../core/result.ts";

/** Why Discord refused or failed a post. */
export interface PostFailure {
  /** HTTP status; 403 when the bot may not post there, 404 when the channel is gone. */
  status: number | undefined;
  /** Discord's JSON error code (50001 Missing Access, 50013 Missing Permissions, 10003 Unknown Channel). */
  code: number | string | undefined;
  message: string;
}

/**
 * What became of a post to a channel, for the caller to record (e.g. a digest marked as failed), with the
 * messages that were posted: all of them, or those before the failure when a reply had several pages.
 */
export type PostOutcome = Result<undefined, PostFailure> & { messageIds: string[] };

/**
 * Posts a reply to a channel, one message a page, never pinging anyone. Rate limits and server errors are
 * retried by discord.js's REST client (except rate limits longer than the client's limit for channel posts,
 * see rate-limits.ts); anything it gives up on comes back as a failed outcome, not thrown.
 */
export async function postReply(rest: REST, channelId: string, reply: Reply): Promise<PostOutcome> {
  const messageIds: string[] = [];
  for (const message of renderAllPages(reply)) {
    try {
      const created = (await rest.post(Routes.channelMessages(channelId), {
        body: channelMessageBody(message),
      })) as { id: string };
      messageIds.push(created.id);
    } catch (error) {
      return { ...err(describeFailure(error)), messageIds };
    }
  }
  return { ...ok(undefined), messageIds };
}

function describeFailure(error: unknown): PostFailure {
  if (error instanceof DiscordAPIError)
    return { status: error.status, code: error.code, message: error.message };
  if (error instanceof HTTPError) return { status: error.status, code: undefined, message: error.message };
  return {
    status: undefined,
    code: undefined,
    message: error instanceof Error ? error.message : String(error),
  };
}
