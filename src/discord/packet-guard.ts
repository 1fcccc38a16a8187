import type { Client } from "discord.js";
import type { Logger } from "../app/logger.ts";

/** The part of discord.js's WebSocketManager that turns one gateway packet into structures and events. */
interface PacketHandling {
  handlePacket(packet?: { t?: unknown; d?: unknown }, shard?: unknown): boolean;
}

/**
 * Makes one malformed gateway packet (a button interaction without its message, say) a logged warning
 * instead of an exception thrown from inside discord.js's socket handler, which ended the process and
 * every server's bot with it. discord.js builds its structures in `handlePacket` and has no hook around it,
 * so the method is wrapped in place.
 */
export function guardPacketHandling(client: Client, logger: Logger): void {
  const manager = client.ws as unknown as PacketHandling;
  const handle = manager.handlePacket.bind(manager);
  manager.handlePacket = (packet, shard) => {
    try {
      return handle(packet, shard);
    } catch (error) {
      logger.warn({ err: error, event: packet?.t }, "malformed gateway packet dropped");
      return true;
    }
  };
}
