import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { WebSocket } from "ws";
import { guildCreate, ready, shardOf, type FakeGuild } from "./payloads.ts";

/** What the bot sent over the gateway, with the time it arrived (performance.now()). */
export interface GatewayFrame {
  op: number;
  d: unknown;
  at: number;
}

interface Session {
  id: string;
  seq: number;
  /** `[shard id, shard count]` as the bot identified. */
  shard: [number, number];
  /** Dispatches sent so far, so that a RESUME can replay what the bot missed. */
  sent: { s: number; t: string; d: unknown }[];
}

/** One WebSocket connection; it has a session once the bot identified or resumed on it. */
interface Connection {
  socket: WebSocket;
  session?: Session;
}

interface IdentifyData {
  token?: string;
  shard?: [number, number];
}

const OP = {
  dispatch: 0,
  heartbeat: 1,
  identify: 2,
  resume: 6,
  invalidSession: 9,
  hello: 10,
  heartbeatAck: 11,
};

/**
 * The gateway side of the fake: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats and their ACKs,
 * RESUME with replay, INVALID_SESSION for sessions it forgot, and dispatches such as INTERACTION_CREATE.
 * Several connections may be open at once, one per shard: each IDENTIFY's `shard: [id, count]` decides
 * which servers that connection holds, and events about a server go to its shard only.
 */
export class FakeGateway {
  readonly received: GatewayFrame[] = [];
  readonly #sessions = new Map<string, Session>();
  readonly #connections = new Set<Connection>();
  readonly #token: string;
  readonly #heartbeatIntervalMs: number;
  readonly #guilds: readonly FakeGuild[];
  readonly #onChange: () => void;
  #url = "";

  constructor(options: {
    token: string;
    heartbeatIntervalMs: number;
    guilds: readonly FakeGuild[];
    onChange: () => void;
  }) {
    this.#token = options.token;
    this.#heartbeatIntervalMs = options.heartbeatIntervalMs;
    this.#guilds = options.guilds;
    this.#onChange = options.onChange;
  }

  set url(url: string) {
    this.#url = url;
  }

  /** A session is live: the bot identified or resumed on an open connection. */
  get connected(): boolean {
    return this.liveShards().length > 0;
  }

  /** The shard ids with a live session, in order. */
  liveShards(): number[] {
    return [...this.#connections]
      .flatMap((connection) => (connection.session ? [connection.session.shard[0]] : []))
      .sort((a, b) => a - b);
  }

  accept(socket: WebSocket): void {
    const connection: Connection = { socket };
    this.#connections.add(connection);
    socket.on("message", (raw: Buffer) => {
      this.#receive(connection, JSON.parse(raw.toString("utf8")) as { op: number; d: unknown });
    });
    socket.on("close", () => {
      this.#connections.delete(connection);
      this.#onChange();
    });
    this.#send(socket, { op: OP.hello, d: { heartbeat_interval: this.#heartbeatIntervalMs } });
  }

  /**
   * Sends an event to the bot: to the shard holding `guildId` when given, else to shard 0 (where Discord
   * sends direct messages).
   */
  dispatch(t: string, d: unknown, guildId?: string): void {
    const connection = this.#liveConnectionFor(guildId);
    if (!connection?.session) throw new Error(`no live gateway session to send ${t} on`);
    this.#dispatchOn(connection.socket, connection.session, t, d);
  }

  /** Drops every connection as Discord does on trouble; code 4000 lets the bot resume. */
  disconnect(code = 4000): void {
    for (const { socket } of this.#connections) socket.close(code, "fake discord dropped the connection");
  }

  /** Forgets every session, so that the next RESUME is refused and the bot must identify again. */
  forgetSessions(): void {
    this.#sessions.clear();
  }

  close(): void {
    for (const { socket } of this.#connections) socket.terminate();
  }

  #liveConnectionFor(guildId: string | undefined): Connection | undefined {
    for (const connection of this.#connections) {
      const shard = connection.session?.shard;
      if (!shard || connection.socket.readyState !== connection.socket.OPEN) continue;
      const wanted = guildId === undefined ? 0 : shardOf(guildId, shard[1]);
      if (shard[0] === wanted) return connection;
    }
    return undefined;
  }

  #receive(connection: Connection, frame: { op: number; d: unknown }): void {
    this.received.push({ ...frame, at: performance.now() });
    switch (frame.op) {
      case OP.heartbeat:
        this.#send(connection.socket, { op: OP.heartbeatAck });
        break;
      case OP.identify:
        this.#identify(connection, frame.d as IdentifyData);
        break;
      case OP.resume:
        this.#resume(connection, frame.d as { token?: string; session_id?: string; seq?: number });
        break;
    }
    this.#onChange();
  }

  #identify(connection: Connection, d: IdentifyData): void {
    const [shardId, shardCount] = d.shard ?? [0, 1];
    if (d.token !== this.#token) {
      connection.socket.close(4004, "Authentication failed");
      return;
    }
    if (shardCount < 1 || shardId < 0 || shardId >= shardCount) {
      connection.socket.close(4010, "Invalid shard");
      return;
    }
    const session: Session = { id: randomUUID(), seq: 0, shard: [shardId, shardCount], sent: [] };
    this.#sessions.set(session.id, session);
    connection.session = session;
    const held = this.#guilds.filter((guild) => shardOf(guild.id, shardCount) === shardId);
    this.#dispatchOn(
      connection.socket,
      session,
      "READY",
      ready(
        session.id,
        this.#url,
        held.map((guild) => guild.id),
        session.shard,
      ),
    );
    for (const guild of held)
      this.#dispatchOn(connection.socket, session, "GUILD_CREATE", guildCreate(guild));
  }

  #resume(connection: Connection, d: { token?: string; session_id?: string; seq?: number }): void {
    const session = d.session_id ? this.#sessions.get(d.session_id) : undefined;
    if (d.token !== this.#token || !session) {
      this.#send(connection.socket, { op: OP.invalidSession, d: false });
      return;
    }
    connection.session = session;
    for (const missed of session.sent.filter((event) => event.s > (d.seq ?? 0))) {
      this.#send(connection.socket, { op: OP.dispatch, ...missed });
    }
    this.#dispatchOn(connection.socket, session, "RESUMED", {});
  }

  #dispatchOn(socket: WebSocket, session: Session, t: string, d: unknown): void {
    session.seq += 1;
    session.sent.push({ s: session.seq, t, d });
    this.#send(socket, { op: OP.dispatch, t, s: session.seq, d });
  }

  #send(socket: WebSocket, payload: Record<string, unknown>): void {
    socket.send(JSON.stringify(payload));
  }
}
