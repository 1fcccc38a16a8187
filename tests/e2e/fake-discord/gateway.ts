import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { WebSocket } from "ws";
import { guildCreate, ready } from "./payloads.ts";

/** What the bot sent over the gateway, with the time it arrived (performance.now()). */
export interface GatewayFrame {
  op: number;
  d: unknown;
  at: number;
}

interface Session {
  id: string;
  seq: number;
  /** Dispatches sent so far, so that a RESUME can replay what the bot missed. */
  sent: { s: number; t: string; d: unknown }[];
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
 */
export class FakeGateway {
  readonly received: GatewayFrame[] = [];
  readonly #sessions = new Map<string, Session>();
  readonly #token: string;
  readonly #heartbeatIntervalMs: number;
  readonly #onChange: () => void;
  #url = "";
  #socket: WebSocket | undefined;
  #session: Session | undefined;

  constructor(options: { token: string; heartbeatIntervalMs: number; onChange: () => void }) {
    this.#token = options.token;
    this.#heartbeatIntervalMs = options.heartbeatIntervalMs;
    this.#onChange = options.onChange;
  }

  set url(url: string) {
    this.#url = url;
  }

  /** A session is live: the bot identified or resumed on the current connection. */
  get connected(): boolean {
    return this.#socket !== undefined && this.#session !== undefined;
  }

  accept(socket: WebSocket): void {
    this.#socket = socket;
    this.#session = undefined;
    socket.on("message", (raw: Buffer) => {
      this.#receive(socket, JSON.parse(raw.toString("utf8")) as { op: number; d: unknown });
    });
    socket.on("close", () => {
      if (this.#socket === socket) {
        this.#socket = undefined;
        this.#session = undefined;
      }
      this.#onChange();
    });
    this.#send(socket, { op: OP.hello, d: { heartbeat_interval: this.#heartbeatIntervalMs } });
  }

  /** Sends an event to the bot on the live session. */
  dispatch(t: string, d: unknown): void {
    const socket = this.#socket;
    const session = this.#session;
    if (!socket || !session) throw new Error(`no live gateway session to send ${t} on`);
    session.seq += 1;
    session.sent.push({ s: session.seq, t, d });
    this.#send(socket, { op: OP.dispatch, t, s: session.seq, d });
  }

  /** Drops the connection as Discord does on trouble; code 4000 lets the bot resume. */
  disconnect(code = 4000): void {
    this.#socket?.close(code, "fake discord dropped the connection");
  }

  /** Forgets every session, so that the next RESUME is refused and the bot must identify again. */
  forgetSessions(): void {
    this.#sessions.clear();
  }

  close(): void {
    this.#socket?.terminate();
  }

  #receive(socket: WebSocket, frame: { op: number; d: unknown }): void {
    this.received.push({ ...frame, at: performance.now() });
    switch (frame.op) {
      case OP.heartbeat:
        this.#send(socket, { op: OP.heartbeatAck });
        break;
      case OP.identify:
        this.#identify(socket, frame.d as { token?: string });
        break;
      case OP.resume:
        this.#resume(socket, frame.d as { token?: string; session_id?: string; seq?: number });
        break;
    }
    this.#onChange();
  }

  #identify(socket: WebSocket, d: { token?: string }): void {
    if (d.token !== this.#token) {
      socket.close(4004, "Authentication failed");
      return;
    }
    const session: Session = { id: randomUUID(), seq: 0, sent: [] };
    this.#sessions.set(session.id, session);
    this.#session = session;
    this.dispatch("READY", ready(session.id, this.#url));
    this.dispatch("GUILD_CREATE", guildCreate());
  }

  #resume(socket: WebSocket, d: { token?: string; session_id?: string; seq?: number }): void {
    const session = d.session_id ? this.#sessions.get(d.session_id) : undefined;
    if (d.token !== this.#token || !session) {
      this.#send(socket, { op: OP.invalidSession, d: false });
      return;
    }
    this.#session = session;
    for (const missed of session.sent.filter((event) => event.s > (d.seq ?? 0))) {
      this.#send(socket, { op: OP.dispatch, ...missed });
    }
    this.dispatch("RESUMED", {});
  }

  #send(socket: WebSocket, payload: Record<string, unknown>): void {
    socket.send(JSON.stringify(payload));
  }
}
