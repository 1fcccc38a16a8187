import { afterEach, describe, expect, it } from "vitest";
import {
  checkFeedUrl,
  FetchFailure,
  guardedGet,
  isPublicAddress,
  parseFeedUrl,
  type GuardedGetOptions,
} from "../../src/app/net-guard.ts";
import { FixtureServer } from "../fixtures/feeds/server.ts";

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const limits = { timeoutMs: 2000, maxBytes: 1024 * 1024, maxRedirects: 5 };

/** A resolver that knows a few made-up names, like a DNS answer the test chooses. */
const fakeDns = (answers: Record<string, string[]>) => (hostname: string) => {
  const addresses = answers[hostname];
  return addresses
    ? Promise.resolve(addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })))
    : Promise.reject(new Error("ENOTFOUND"));
};

async function failureOf(url: string, options: GuardedGetOptions): Promise<FetchFailure> {
  try {
    await guardedGet(url, options);
  } catch (error) {
    if (error instanceof FetchFailure) return error;
    throw error;
  }
  throw new Error("expected the fetch to fail");
}

describe("isPublicAddress", () => {
  it.each([
    ["8.8.8.8", true],
    ["93.184.216.34", true],
    ["2606:4700::1111", true],
    ["127.0.0.1", false],
    ["10.1.2.3", false],
    ["172.16.0.1", false],
    ["192.168.1.1", false],
    ["169.254.169.254", false],
    ["100.64.0.1", false],
    ["0.0.0.0", false],
    ["::1", false],
    ["::", false],
    ["fe80::1", false],
    ["fd12:3456::1", false],
    ["::ffff:127.0.0.1", false],
    ["::ffff:8.8.8.8", true],
    ["64:ff9b::7f00:1", false], // NAT64 of 127.0.0.1
    ["64:ff9b::808:808", false], // NAT64 relays are refused whatever they embed
    ["2002:7f00:1::1", false], // 6to4 of 127.0.0.1
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", false], // Teredo
    ["192.88.99.1", false], // the former 6to4 relay anycast range
    ["198.18.0.1", false],
    ["224.0.0.1", false],
    ["255.255.255.255", false],
    ["ff02::1", false],
    ["not-an-ip", false],
  ])("GIVEN %s THEN public is %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe("checkFeedUrl", () => {
  it("GIVEN URLs of other schemes, with credentials or malformed THEN each is refused with its reason", () => {
    expect(parseFeedUrl("file:///etc/passwd")).toBe("only http and https URLs are allowed");
    expect(parseFeedUrl("https://user:pw@news.example/rss")).toBe(
      "URLs with a user name or password are not allowed",
    );
    expect(parseFeedUrl("not a url")).toBe("not a valid URL");
  });

  it.each([
    "http://[64:ff9b::127.0.0.1]/",
    "http://[2002:7f00:1::1]/",
    "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
    "http://[::ffff:127.0.0.1]/",
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://127.1/",
    "http://0x7f.1/",
    "http://0.0.0.0/",
    "http://192.88.99.1/",
  ])("GIVEN the literal address URL %s THEN it is refused as private or local", async (url) => {
    const resolve = fakeDns({});
    expect(await checkFeedUrl(url, { allowPrivate: false, resolve })).toMatch(/private or local/);
  });

  it.each(["file:///etc/passwd", "gopher://news.example/1", "data:text/xml,<rss/>", "javascript:alert(1)"])(
    "GIVEN the non-http URL %s THEN it is refused by scheme",
    async (url) => {
      expect(await checkFeedUrl(url, { allowPrivate: false, resolve: fakeDns({}) })).toBe(
        "only http and https URLs are allowed",
      );
    },
  );

  it("GIVEN a name that resolves to loopback THEN it is refused", async () => {
    const resolve = fakeDns({ "sneaky.test": ["127.0.0.1"], "sneaky6.test": ["::1"] });
    expect(await checkFeedUrl("https://sneaky.test/rss", { allowPrivate: false, resolve })).toMatch(
      /private or local/,
    );
    expect(await checkFeedUrl("https://sneaky6.test/rss", { allowPrivate: false, resolve })).toMatch(
      /private or local/,
    );
  });

  it("GIVEN a name with one private address among public ones THEN it is refused unless private addresses are allowed", async () => {
    const resolve = fakeDns({
      "mixed.test": ["93.184.216.34", "10.0.0.5"],
      "public.test": ["93.184.216.34"],
    });
    expect(await checkFeedUrl("https://mixed.test/rss", { allowPrivate: false, resolve })).toBe(
      "mixed.test resolves to a private or local address (10.0.0.5); not allowed",
    );
    expect(await checkFeedUrl("https://mixed.test/rss", { allowPrivate: true, resolve })).toBeUndefined();
    expect(await checkFeedUrl("https://public.test/rss", { allowPrivate: false, resolve })).toBeUndefined();
    expect(await checkFeedUrl("http://[::1]:8080/rss", { allowPrivate: false, resolve })).toMatch(
      /private or local/,
    );
  });
});

describe("guardedGet", () => {
  it("GIVEN a host name that resolves to loopback WHEN connecting THEN the connection is refused, and allowed with the flag", async () => {
    server = await FixtureServer.start();
    server.routes.set("/rss", { body: "<rss/>" });
    const resolve = fakeDns({ "feeds.test": ["127.0.0.1"] });
    const url = `http://feeds.test:${server.port}/rss`;
    const refused = await failureOf(url, { ...limits, allowPrivate: false, resolve });
    expect(refused.kind).toBe("blocked");
    expect(server.requests).toHaveLength(0);
    const allowed = await guardedGet(url, { ...limits, allowPrivate: true, resolve });
    expect(new TextDecoder().decode(allowed.body)).toBe("<rss/>");
  });

  it("GIVEN a chain of five redirects THEN it is followed; six are refused; a redirect to another scheme is refused", async () => {
    server = await FixtureServer.start();
    for (let hop = 0; hop < 6; hop++)
      server.routes.set(`/r${hop}`, { status: 302, headers: { location: `/r${hop + 1}` } });
    server.routes.set("/r6", { body: "end" });
    server.routes.set("/ftp", { status: 301, headers: { location: "ftp://files.example/feed" } });
    const options = { ...limits, allowPrivate: true };
    const followed = await guardedGet(server.url("/r1"), options);
    expect(followed).toMatchObject({ status: 200, url: server.url("/r6") });
    expect((await failureOf(server.url("/r0"), options)).kind).toBe("too-many-redirects");
    expect(await failureOf(server.url("/ftp"), options)).toMatchObject({
      kind: "bad-url",
      message: "only http and https URLs are allowed: ftp://files.example/feed",
    });
  });

  it("GIVEN a gzip body larger than the cap once decompressed THEN it is refused as too large", async () => {
    const { gzipSync } = await import("node:zlib");
    server = await FixtureServer.start();
    server.routes.set("/bomb", {
      headers: { "content-encoding": "gzip" },
      body: gzipSync(Buffer.alloc(200_000, 0x61)),
    });
    server.routes.set("/small", {
      headers: { "content-encoding": "gzip" },
      body: gzipSync(Buffer.from("hello")),
    });
    const options = { ...limits, maxBytes: 100_000, allowPrivate: true };
    expect((await failureOf(server.url("/bomb"), options)).kind).toBe("too-large");
    expect(new TextDecoder().decode((await guardedGet(server.url("/small"), options)).body)).toBe("hello");
  });

  it("GIVEN a server that never finishes THEN the fetch times out", async () => {
    server = await FixtureServer.start();
    server.routes.set("/slow", () => "hang");
    const failure = await failureOf(server.url("/slow"), { ...limits, timeoutMs: 200, allowPrivate: true });
    expect(failure).toMatchObject({ kind: "timeout", message: "no complete response within 200 ms" });
  });
});
