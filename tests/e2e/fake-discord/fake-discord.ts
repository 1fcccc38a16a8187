import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { WebSocketServer } from "ws";
import { FakeGateway } from "./gateway.ts";
import {
  type FakeChannel,
  IDS,
  MEMBER_PERMISSIONS,
  channelPayload,
  interactionBase,
  message,
  newsroomGuild,
  snowflake,
  type FakeGuild,
  type InteractionPlace,
} from "./payloads.ts";

/** One REST request the bot made, as the fake answered it. */
export interface RecordedRequest {
  method: string;
  /** The path after /api/v10, URL-decoded (`@original` arrives as `%40original`). */
  path: string;
  query: string;
  body: unknown;
  status: number;
  /** performance.now() when the request arrived. */
  at: number;
}

/** A canned failure for the next matching request(s). */
export interface Fault {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Carry the request out first (a message is stored), then answer with this fault: an ambiguous failure. */
  afterDoing?: boolean;
  /** Never answer (the process is killed meanwhile); `status` is then unused. The request is in `hanging`. */
  hang?: boolean;
}

/** An interaction the fake sent, to find what the bot answered to it. */
export interface SentInteraction {
  id: string;
  token: string;
  sentAt: number;
  /** The channel it was sent from, where its reply appears. */
  channelId: string;
}

type Json = Record<string, unknown>;

export interface FakeDiscordOptions {
  token?: string;
  heartbeatIntervalMs?: number;
  /** Discord refuses interaction callbacks after 3 s; the fake does the same. */
  acknowledgeWithinMs?: number;
  /** The servers the bot is in (default: the newsroom with #news); each shard gets those it holds. */
  guilds?: readonly FakeGuild[];
  /** What GET /gateway/bot recommends as the shard count. */
  recommendedShards?: number;
  /** How many sessions may identify per 5 s (`session_start_limit.max_concurrency`); default 1. */
  maxConcurrency?: number;
}

export const FAKE_TOKEN = "fake-bot-token";
const API_PREFIX = "/api/v10";
/** The interaction token in a callback or webhook path. */
const INTERACTION_TOKEN = /^\/(?:interactions|webhooks)\/\d+\/([^/]+)/;

/**
 * A Discord for tests on 127.0.0.1: REST v10 and a gateway on one port. The real discord.js client talks
 * to it through DISCORD_API_URL. It records every request and gateway frame with its arrival time, can
 * fail chosen requests (429, 5xx, 403), and sends interactions the way Discord does.
 */
export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly gateway: FakeGateway;
  /** The bot's messages by id, as last posted or edited; buttons are clicked on these. */
  readonly messages = new Map<string, Json>();
  /** Requests held unanswered by a `hang` fault, as they arrived. */
  readonly hanging: { method: string; path: string; body: unknown }[] = [];
  /** Threads and forum posts the bot started, with their parent; they are channels like the others. */
  readonly threads = new Map<string, { guildId: string; channel: FakeChannel }>();
  readonly #events = new EventEmitter();
  /** Requests by interaction token, so that waiting for answers stays cheap under a burst. */
  readonly #answers = new Map<string, RecordedRequest[]>();
  readonly #faults: { method: string; path: RegExp; fault: Fault }[] = [];
  /** Message ids by channel and nonce, for `enforce_nonce`. */
  readonly #byNonce = new Map<string, string>();
  readonly #interactions = new Map<
    string,
    SentInteraction & { messageId?: string; acknowledged?: boolean }
  >();
  readonly #token: string;
  readonly #acknowledgeWithinMs: number;
  readonly #guilds: readonly FakeGuild[];
  readonly #recommendedShards: number;
  readonly #maxConcurrency: number;
  readonly #server: Server;
  readonly #sockets: WebSocketServer;
  #url = "";

  private constructor(options: FakeDiscordOptions) {
    this.#token = options.token ?? FAKE_TOKEN;
    this.#acknowledgeWithinMs = options.acknowledgeWithinMs ?? 3_000;
    this.#guilds = options.guilds ?? [newsroomGuild()];
    this.#recommendedShards = options.recommendedShards ?? 1;
    this.#maxConcurrency = options.maxConcurrency ?? 1;
    this.#events.setMaxListeners(0);
    this.gateway = new FakeGateway({
      token: this.#token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1_000,
      guilds: this.#guilds,
      onChange: () => this.#events.emit("change"),
    });
    this.#server = createServer((request, response) => {
      void this.#handle(request, response);
    });
    this.#sockets = new WebSocketServer({ server: this.#server, path: "/gateway" });
    this.#sockets.on("connection", (socket) => {
      this.gateway.accept(socket);
    });
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve) => fake.#server.listen(0, "127.0.0.1", resolve));
    const { port } = fake.#server.address() as AddressInfo;
    fake.#url = `http://127.0.0.1:${port}`;
    fake.gateway.url = `ws://127.0.0.1:${port}/gateway`;
    return fake;
  }

  /** What DISCORD_API_URL is set to. */
  get url(): string {
    return this.#url;
  }

  get token(): string {
    return this.#token;
  }

  async stop(): Promise<void> {
    this.gateway.close();
    this.#sockets.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.#server.close(() => {
        resolve();
      }),
    );
  }

  /** The next `faults.length` requests matching method and path get these answers instead. */
  failNext(method: string, path: RegExp, ...faults: Fault[]): void {
    for (const fault of faults) this.#faults.push({ method, path, fault });
  }

  /** Resolves with the first non-undefined `probe()`, checked now and after every request or frame. */
  waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = probe();
        if (found === undefined) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake discord: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.#events.off("change", check);
      };
      this.#events.on("change", check);
      check();
    });
  }

  /** Requests made for this interaction (callback and webhooks), in order. */
  answersTo(interaction: SentInteraction): RecordedRequest[] {
    return [...(this.#answers.get(interaction.token) ?? [])];
  }

  /** Waits until `count` answers to the interaction arrived, and returns them. */
  waitForAnswers(interaction: SentInteraction, count = 1): Promise<RecordedRequest[]> {
    return this.waitFor(() => {
      const answers = this.answersTo(interaction);
      return answers.length >= count ? answers : undefined;
    }, `${count} answer(s) to interaction ${interaction.id}`);
  }

  /**
   * Sends a slash command as a member (without Manage Server, unless `place` says otherwise). Channel
   * options (type 7) get their channel in `resolved`, as Discord sends them.
   */
  command(name: string, options: Json[] = [], place: InteractionPlace = guildMember()): SentInteraction {
    const channels = this.#resolvedChannels(options);
    return this.#send({
      ...interactionBase(2, place),
      data: {
        id: snowflake(),
        name,
        type: 1,
        options,
        ...(place.kind === "guild" ? { guild_id: place.guildId ?? IDS.guild } : {}),
        ...(Object.keys(channels).length > 0 ? { resolved: { channels } } : {}),
      },
    });
  }

  /** Messages the bot posted in a channel (POST /channels/:id/messages, whatever the answer). */
  channelPosts(channelId: string): RecordedRequest[] {
    return this.requests.filter(
      (request) => request.method === "POST" && request.path === `/channels/${channelId}/messages`,
    );
  }

  /** Sends an autocomplete request; the option named `focused` is the one being typed. */
  autocomplete(name: string, focused: string, typed: string, others: Json[] = []): SentInteraction {
    return this.#send({
      ...interactionBase(4, guildMember()),
      data: {
        id: snowflake(),
        name,
        type: 1,
        guild_id: IDS.guild,
        options: [...others, { name: focused, type: 3, value: typed, focused: true }],
      },
    });
  }

  /** Clicks a button on one of the bot's messages. */
  clickButton(messageId: string, customId: string, place: InteractionPlace = guildMember()): SentInteraction {
    const clicked = this.messages.get(messageId);
    if (!clicked) throw new Error(`no message ${messageId} to click on`);
    const sent = this.#send({
      ...interactionBase(3, place),
      message: clicked,
      data: { custom_id: customId, component_type: 2 },
    });
    this.#interactions.set(sent.token, { ...sent, messageId });
    return sent;
  }

  /** A malformed button interaction: no `message`, which Discord always sends with a component. */
  clickWithoutMessage(customId: string, place: InteractionPlace = guildMember()): SentInteraction {
    return this.#send({ ...interactionBase(3, place), data: { custom_id: customId, component_type: 2 } });
  }

  /** The message standing as the interaction's reply (after any edits), if there is one. */
  replyMessage(interaction: SentInteraction): Json | undefined {
    const messageId = this.#interactions.get(interaction.token)?.messageId;
    return messageId ? this.messages.get(messageId) : undefined;
  }

  #send(
    payload: Json & { id: string; token: string; channel_id: string; guild_id?: string },
  ): SentInteraction {
    const sent = {
      id: payload.id,
      token: payload.token,
      sentAt: performance.now(),
      channelId: payload.channel_id,
    };
    this.#interactions.set(sent.token, sent);
    this.gateway.dispatch("INTERACTION_CREATE", payload, payload.guild_id);
    return sent;
  }

  /** The guild channel (or thread) of an id, with its server, if the fake has it. */
  #channel(channelId: string): { guild: FakeGuild; channel: Json; fake: FakeChannel } | undefined {
    for (const guild of this.#guilds) {
      const index = guild.channels.findIndex((channel) => channel.id === channelId);
      const channel = guild.channels[index];
      if (channel) return { guild, channel: channelPayload(guild.id, channel, index), fake: channel };
    }
    const thread = this.threads.get(channelId);
    const guild = thread && this.#guilds.find((candidate) => candidate.id === thread.guildId);
    if (thread && guild)
      return { guild, channel: channelPayload(guild.id, thread.channel), fake: thread.channel };
    return undefined;
  }

  /** Deletes a channel, as a server admin would: later requests to it get 404 Unknown Channel. */
  deleteChannel(channelId: string): void {
    for (const guild of this.#guilds) {
      const index = guild.channels.findIndex((channel) => channel.id === channelId);
      if (index >= 0) guild.channels.splice(index, 1);
    }
    this.threads.delete(channelId);
  }

  /** Messages the bot posted in a channel or thread (type 0), in order. */
  messagesIn(channelId: string): Json[] {
    return [...this.messages.values()].filter(
      (posted) => posted.channel_id === channelId && posted.type === 0,
    );
  }

  /** A thread of `parent`; one started from a message has the message's id, as on Discord. */
  #startThread(guildId: string, parent: string, name: string, id: string): Json {
    const channel: FakeChannel = { id, name, type: 11, parentId: parent };
    this.threads.set(id, { guildId, channel });
    return channelPayload(guildId, channel);
  }

  #resolvedChannels(options: readonly Json[]): Record<string, Json> {
    const resolved: Record<string, Json> = {};
    for (const option of options) {
      const nested = Array.isArray(option.options) ? (option.options as Json[]) : [];
      Object.assign(resolved, this.#resolvedChannels(nested));
      const found = option.type === 7 ? this.#channel(String(option.value)) : undefined;
      if (found) resolved[String(option.value)] = { ...found.channel, permissions: MEMBER_PERMISSIONS };
    }
    return resolved;
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = performance.now();
    const url = new URL(request.url ?? "/", "http://fake");
    const path = decodeURIComponent(url.pathname.slice(API_PREFIX.length));
    const method = request.method ?? "GET";
    const body = await readJson(request);
    const reply = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      const recorded = { method, path, query: url.search, body, status, at };
      this.requests.push(recorded);
      const token = INTERACTION_TOKEN.exec(path)?.[1];
      if (token !== undefined) this.#answers.set(token, [...(this.#answers.get(token) ?? []), recorded]);
      const text = json === undefined ? "" : JSON.stringify(json);
      response.writeHead(status, { ...(text ? { "content-type": "application/json" } : {}), ...headers });
      response.end(text);
      this.#events.emit("change");
    };

    const faultIndex = this.#faults.findIndex((f) => f.method === method && f.path.test(path));
    const fault = this.#faults[faultIndex];
    if (fault) {
      this.#faults.splice(faultIndex, 1);
      if (fault.fault.afterDoing === true) this.#route(method, path, url, body as Json);
      if (fault.fault.hang === true) {
        this.hanging.push({ method, path, body });
        this.#events.emit("change");
        return;
      }
      reply(
        fault.fault.status,
        fault.fault.body ?? { message: "fake failure", code: 0 },
        fault.fault.headers,
      );
      return;
    }
    const needsAuth = !/^\/(interactions|webhooks)\//.test(path);
    if (needsAuth && request.headers.authorization !== `Bot ${this.#token}`) {
      reply(401, { message: "401: Unauthorized", code: 0 });
      return;
    }
    const [status, json] = this.#route(method, path, url, body as Json);
    reply(status, json);
  }

  #route(method: string, path: string, url: URL, body: Json): [number, unknown] {
    let match: RegExpExecArray | null;
    if (method === "GET" && path === "/gateway/bot") {
      return [
        200,
        {
          url: `${this.#url.replace("http", "ws")}/gateway`,
          shards: this.#recommendedShards,
          session_start_limit: sessionLimit(this.#maxConcurrency),
        },
      ];
    }
    if (method === "GET" && path === "/applications/@me") {
      return [200, { id: IDS.application, name: "Newsdesk", bot: { id: IDS.bot }, flags: 0 }];
    }
    if (method === "PUT" && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const commands = Array.isArray(body) ? (body as Json[]) : [];
      return [
        200,
        commands.map((command) => ({ ...command, id: snowflake(), application_id: IDS.application })),
      ];
    }
    if ((match = /^\/channels\/(\d+)(\/messages)?$/.exec(path))) {
      const found = this.#channel(match[1] ?? "");
      if (!found) return [404, { message: "Unknown Channel", code: 10003 }];
      if (method === "GET" && !match[2]) return [200, found.channel];
      if (method === "POST" && match[2]) return [200, this.#create(match[1] ?? "", body)];
    }
    if (method === "GET" && (match = /^\/guilds\/(\d+)\/threads\/active$/.exec(path))) {
      const guildId = match[1] ?? "";
      const threads = [...this.threads.values()]
        .filter((thread) => thread.guildId === guildId)
        .map((thread) => channelPayload(guildId, thread.channel));
      return [200, { threads, members: [] }];
    }
    if (method === "POST" && (match = /^\/channels\/(\d+)\/threads$/.exec(path))) {
      return this.#forumPost(match[1] ?? "", body);
    }
    if (method === "POST" && (match = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path))) {
      const found = this.#channel(match[1] ?? "");
      const starterId = match[2] ?? "";
      if (!found || !this.messages.has(starterId)) return [404, { message: "Unknown Message", code: 10008 }];
      if (this.threads.has(starterId)) {
        return [400, { message: "A thread has already been created for this message", code: 160004 }];
      }
      return [201, this.#startThread(found.guild.id, found.fake.id, String(body.name), starterId)];
    }
    if (method === "POST" && (match = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
      return this.#callback(match[2] ?? "", body);
    }
    if ((match = /^\/webhooks\/\d+\/([^/]+)(?:\/messages\/([^/]+))?$/.exec(path))) {
      return this.#webhook(method, match[1] ?? "", match[2], body, url);
    }
    return [404, { message: `404: Not Found (${method} ${path})`, code: 0 }];
  }

  /** A forum post: a thread of the forum whose starter message has the thread's id, as on Discord. */
  #forumPost(forumId: string, body: Json): [number, unknown] {
    const found = this.#channel(forumId);
    if (!found) return [404, { message: "Unknown Channel", code: 10003 }];
    if (found.fake.type !== 15) return [400, { message: "Not a forum channel", code: 50024 }];
    if (found.fake.requiresTag === true) {
      return [400, { message: "A tag is required to create a forum post in this channel", code: 40067 }];
    }
    const id = snowflake();
    const thread = this.#startThread(found.guild.id, forumId, String(body.name), id);
    const starter = this.#store({ ...message(id, (body.message ?? {}) as Json), id });
    return [201, { ...thread, message: starter }];
  }

  #callback(token: string, body: Json): [number, unknown] {
    const interaction = this.#interactions.get(token);
    if (!interaction || performance.now() - interaction.sentAt > this.#acknowledgeWithinMs) {
      return [404, { message: "Unknown interaction", code: 10062 }];
    }
    if (interaction.acknowledged) {
      return [400, { message: "Interaction has already been acknowledged.", code: 40060 }];
    }
    interaction.acknowledged = true;
    const data = (body.data ?? {}) as Json;
    const type = body.type;
    if (type === 4 || type === 5) {
      const posted = this.#store(
        message(interaction.channelId, type === 5 ? { ...data, content: "" } : data, 20),
      );
      interaction.messageId = posted.id as string;
    } else if (type === 7 && interaction.messageId) {
      this.#edit(interaction.messageId, data);
    }
    return [204, undefined];
  }

  #webhook(
    method: string,
    token: string,
    messageRef: string | undefined,
    body: Json,
    url: URL,
  ): [number, unknown] {
    const interaction = this.#interactions.get(token);
    if (!interaction) return [404, { message: "Unknown Webhook", code: 10015 }];
    if (method === "POST" && messageRef === undefined) {
      const posted = this.#store(message(interaction.channelId, body, 19));
      return [200, url.searchParams.get("wait") === "false" ? undefined : posted];
    }
    const id = messageRef === "@original" ? interaction.messageId : messageRef;
    const existing = id ? this.messages.get(id) : undefined;
    if (!id || !existing) return [404, { message: "Unknown Message", code: 10008 }];
    if (method === "PATCH") return [200, this.#edit(id, body)];
    if (method === "DELETE") {
      this.messages.delete(id);
      return [204, undefined];
    }
    return [200, existing];
  }

  /**
   * A channel message. Like Discord, a message sent again with the same `nonce` and `enforce_nonce` is not
   * created twice: the first one comes back.
   */
  #create(channelId: string, body: Json): Json {
    const nonce = typeof body.nonce === "string" || typeof body.nonce === "number" ? String(body.nonce) : "";
    const key = `${channelId}:${nonce}`;
    const earlier = body.enforce_nonce === true && nonce !== "" ? this.#byNonce.get(key) : undefined;
    const existing = earlier === undefined ? undefined : this.messages.get(earlier);
    if (existing !== undefined) return existing;
    const posted = this.#store(message(channelId, body));
    if (nonce !== "") this.#byNonce.set(key, posted.id as string);
    return posted;
  }

  #store(posted: Json): Json {
    this.messages.set(posted.id as string, posted);
    return posted;
  }

  #edit(id: string, body: Json): Json {
    const existing = this.messages.get(id) ?? {};
    const edited = {
      ...existing,
      ...pick(body, ["content", "embeds", "components", "attachments"]),
      edited_timestamp: new Date().toISOString(),
    };
    this.messages.set(id, edited);
    return edited;
  }
}

/** A server member without Manage Server unless `permissions` says so, asking in #news unless `where` says so. */
export function guildMember(
  permissions = MEMBER_PERMISSIONS,
  where: { guildId?: string; channelId?: string } = {},
): InteractionPlace {
  return { kind: "guild", permissions, ...where };
}

function sessionLimit(maxConcurrency: number) {
  return { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: maxConcurrency };
}

function pick(body: Json, keys: readonly string[]): Json {
  return Object.fromEntries(keys.filter((key) => key in body).map((key) => [key, body[key]]));
}

/** A file uploaded with a message (multipart/form-data), as the fake received it. */
export interface UploadedFile {
  /** The form field, `files[0]`. */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const boundary = /^multipart\/form-data;.*boundary=("?)([^";]+)\1/i.exec(
    request.headers["content-type"] ?? "",
  )?.[2];
  if (boundary !== undefined) return readMultipart(Buffer.concat(chunks), boundary);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * A message sent with files, as Discord takes it: the JSON body in the `payload_json` part, each file in a
 * `files[n]` part. The body comes back with the files under `files`.
 */
function readMultipart(body: Buffer, boundary: string): unknown {
  const delimiter = Buffer.from(`--${boundary}`);
  let payload: Json = {};
  const files: UploadedFile[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    // Each part: CRLF, headers, a blank line, the content, CRLF before the next delimiter.
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf("\r\n\r\n");
    const headers = part.subarray(0, split).toString("utf8");
    const content = part.subarray(split + 4);
    const name = /name="([^"]*)"/.exec(headers)?.[1] ?? "";
    const filename = /filename="([^"]*)"/.exec(headers)?.[1];
    if (name === "payload_json") payload = JSON.parse(content.toString("utf8")) as Json;
    else if (filename !== undefined) {
      const contentType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? "";
      files.push({ field: name, filename, contentType, data: Buffer.from(content) });
    }
    at = next;
  }
  return { ...payload, files };
}
