import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type IncomingMessage, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import type { Readable } from "node:stream";
import ipaddr from "ipaddr.js";

/** Resolves a host name to every address it has, as `dns.lookup(host, { all: true })` does. */
export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

export interface NetGuardOptions {
  /** Let URLs reach private, loopback and link-local addresses (tests serving fixtures on 127.0.0.1). */
  allowPrivate: boolean;
  /** Name resolution; node:dns lookup by default. */
  resolve?: ResolveAll;
}

export interface GuardedGetOptions extends NetGuardOptions {
  headers?: Record<string, string>;
  /** The whole exchange, redirects included, must finish within this. */
  timeoutMs: number;
  /** Bodies larger than this (after decompression) are refused. */
  maxBytes: number;
  maxRedirects: number;
}

export interface GuardedResponse {
  status: number;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Uint8Array;
  /** The URL that answered, after redirects. */
  url: string;
}

export type FetchFailureKind =
  "bad-url" | "blocked" | "timeout" | "too-large" | "too-many-redirects" | "network";

/** A fetch that did not produce a response; the message is fit for `/feeds list` and logs. */
export class FetchFailure extends Error {
  override readonly name = "FetchFailure";
  readonly kind: FetchFailureKind;
  constructor(kind: FetchFailureKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

/**
 * Whether an IP address is a global unicast address, the only kind a feed may be fetched from. ipaddr.js
 * classifies it (IANA's special-purpose registries, kept up to date there rather than in a list of our own);
 * IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged as its IPv4, and the transition forms that embed another
 * address or reach one through a relay (NAT64 `64:ff9b::/96`, 6to4 `2002::/16`, Teredo `2001::/32`) are
 * refused outright, since what they reach is not what they say.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address) || isIP(address) === 0) return false;
  return ipaddr.process(address).range() === "unicast";
}

/** The URL when it is an http(s) URL without credentials; the reason otherwise. */
export function parseFeedUrl(text: string): URL | string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return "not a valid URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "only http and https URLs are allowed";
  if (url.username !== "" || url.password !== "") return "URLs with a user name or password are not allowed";
  if (url.hostname === "") return "the URL has no host";
  return url;
}

const defaultResolve: ResolveAll = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
      if (error) reject(error);
      else resolve(addresses);
    });
  });

/**
 * Checks a URL before it is fetched: http(s) only, and every address its host resolves to must be public
 * unless private ones are allowed. Resolves to the reason it is refused, or undefined when it may be fetched.
 */
export async function checkFeedUrl(text: string, options: NetGuardOptions): Promise<string | undefined> {
  const url = parseFeedUrl(text);
  if (typeof url === "string") return url;
  try {
    await resolveChecked(hostOf(url), options);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The host's addresses, all checked; throws a FetchFailure when one is not public (and that is not allowed). */
async function resolveChecked(hostname: string, options: NetGuardOptions): Promise<LookupAddress[]> {
  const literal = isIP(hostname);
  let addresses: LookupAddress[];
  if (literal !== 0) addresses = [{ address: hostname, family: literal }];
  else {
    try {
      addresses = await (options.resolve ?? defaultResolve)(hostname);
    } catch (error) {
      throw new FetchFailure("network", `cannot resolve ${hostname}: ${describe(error)}`);
    }
  }
  if (addresses.length === 0) throw new FetchFailure("network", `cannot resolve ${hostname}`);
  if (!options.allowPrivate) {
    const blocked = addresses.find((entry) => !isPublicAddress(entry.address));
    if (blocked) {
      throw new FetchFailure(
        "blocked",
        `${hostname} resolves to a private or local address (${blocked.address}); not allowed`,
      );
    }
  }
  return addresses;
}

/** URL.hostname keeps the brackets of an IPv6 literal. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/**
 * GETs a URL under the guard: http(s) only, each redirect hop checked again, every connection's addresses
 * checked when it is made (so a name cannot be re-pointed between check and connect), at most
 * `maxRedirects` redirects, `timeoutMs` for everything and `maxBytes` of (decompressed) body.
 */
export async function guardedGet(target: string, options: GuardedGetOptions): Promise<GuardedResponse> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  let current = target;
  for (let hop = 0; ; hop++) {
    const url = parseFeedUrl(current);
    if (typeof url === "string") throw new FetchFailure("bad-url", `${url}: ${current}`);
    // Literal addresses never reach the lookup hook, so they are checked here; names are checked at connect.
    if (isIP(hostOf(url)) !== 0) await resolveChecked(hostOf(url), options);
    const response = await getOnce(url, options, deadline);
    const location = response.headers.location;
    if (isRedirect(response.status) && location !== undefined) {
      if (hop >= options.maxRedirects) {
        throw new FetchFailure("too-many-redirects", `more than ${options.maxRedirects} redirects`);
      }
      current = new URL(location, url).toString();
      continue;
    }
    return { ...response, url: url.toString() };
  }
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

function getOnce(
  url: URL,
  options: GuardedGetOptions,
  deadline: AbortSignal,
): Promise<Omit<GuardedResponse, "url">> {
  return new Promise((resolve, reject) => {
    const fail = (error: unknown): void => {
      reject(asFetchFailure(error, deadline, options));
    };
    if (deadline.aborted) {
      fail(deadline.reason);
      return;
    }
    const lookup = (hostname: string, lookupOptions: { all?: boolean }, callback: LookupCallback): void => {
      void resolveChecked(hostname, options).then(
        (addresses) => {
          const first = addresses[0];
          if (lookupOptions.all === true || first === undefined) callback(null, addresses);
          else callback(null, first.address, first.family);
        },
        (error: unknown) => {
          callback(error instanceof Error ? error : new Error(String(error)), []);
        },
      );
    };
    const requestOptions: RequestOptions = {
      method: "GET",
      headers: { "accept-encoding": "gzip, deflate, br", ...options.headers },
      // A fresh connection each time: a pooled socket would skip the address check of its new host name.
      agent: false,
      lookup: lookup as unknown as RequestOptions["lookup"],
      signal: deadline,
    };
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const request = send(url, requestOptions, (response) => {
      readBody(response, options.maxBytes).then(
        (body) => {
          resolve({ status: response.statusCode ?? 0, headers: flattenHeaders(response), body });
        },
        (error: unknown) => {
          response.destroy();
          fail(error);
        },
      );
    });
    request.on("error", fail);
    request.end();
  });
}

function readBody(response: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    return Promise.reject(tooLarge(maxBytes));
  }
  const stream = decompressed(response);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        stream.destroy();
        response.destroy();
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    stream.on("end", () => {
      resolve(new Uint8Array(Buffer.concat(chunks)));
    });
    stream.on("error", reject);
    response.on("error", reject);
  });
}

function decompressed(response: IncomingMessage): Readable {
  switch (response.headers["content-encoding"]?.trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return response.pipe(createGunzip());
    case "deflate":
      return response.pipe(createInflate());
    case "br":
      return response.pipe(createBrotliDecompress());
    default:
      return response;
  }
}

function flattenHeaders(response: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function tooLarge(maxBytes: number): FetchFailure {
  return new FetchFailure("too-large", `the response is larger than ${Math.round(maxBytes / 1024)} KB`);
}

function asFetchFailure(error: unknown, deadline: AbortSignal, options: GuardedGetOptions): FetchFailure {
  if (error instanceof FetchFailure) return error;
  if (deadline.aborted)
    return new FetchFailure("timeout", `no complete response within ${options.timeoutMs} ms`);
  return new FetchFailure("network", describe(error));
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" && !error.message.includes(code)
      ? `${code}: ${error.message}`
      : error.message;
  }
  return String(error);
}
