import { describe, expect, it } from "vitest";
import { canonicalUrl } from "../../../src/core/feeds/canonical-url.ts";
import { decodeText } from "../../../src/core/feeds/charset.ts";
import { parseFeedDate } from "../../../src/core/feeds/dates.ts";
import { htmlToBlocks } from "../../../src/core/feeds/html-text.ts";
import { extractReadablePage } from "../../../src/core/feeds/readable.ts";

describe("canonicalUrl", () => {
  it.each([
    ["https://News.Example:443/a/b/?utm_source=rss&utm_medium=feed#comments", "https://news.example/a/b"],
    ["http://news.example:80/a?b=2&a=1&fbclid=xyz&gclid=1", "http://news.example/a?a=1&b=2"],
    ["https://news.example/", "https://news.example"],
    ["https://news.example:8443/story/", "https://news.example:8443/story"],
    ["https://user:pw@news.example/x?ref=home&id=7", "https://news.example/x?id=7"],
  ])("GIVEN %s THEN %s", (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it("GIVEN text that is not an http(s) URL THEN undefined", () => {
    expect(canonicalUrl("ftp://files.example/a")).toBeUndefined();
    expect(canonicalUrl("not a url")).toBeUndefined();
  });
});

describe("decodeText", () => {
  const cafe1252 = new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x78, 0x94]);

  it("GIVEN windows-1252 bytes and a Content-Type charset THEN they decode by that charset", () => {
    expect(decodeText(cafe1252, "application/rss+xml; charset=windows-1252")).toMatchObject({
      text: "Café “x”",
      charset: "windows-1252",
    });
  });

  it("GIVEN an XML declaration naming ISO-8859-1 and no header charset THEN the declaration decides", () => {
    const head = new TextEncoder().encode('<?xml version="1.0" encoding="ISO-8859-1"?><t>');
    const bytes = new Uint8Array([...head, 0x63, 0x61, 0x66, 0xe9]);
    expect(decodeText(bytes, "text/xml").text).toBe('<?xml version="1.0" encoding="ISO-8859-1"?><t>café');
  });

  it("GIVEN a UTF-8 byte-order mark THEN it wins over a wrong header and is stripped", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("Zürich")]);
    expect(decodeText(bytes, "text/xml; charset=iso-8859-1")).toMatchObject({
      text: "Zürich",
      charset: "utf-8",
    });
  });

  it("GIVEN an unknown charset THEN UTF-8 is used with a warning", () => {
    const result = decodeText(new TextEncoder().encode("ok"), "text/xml; charset=klingon-8");
    expect(result).toEqual({
      text: "ok",
      charset: "utf-8",
      warning: 'unknown charset "klingon-8"; read as UTF-8',
    });
  });
});

describe("parseFeedDate", () => {
  it.each([
    ["Tue, 02 Dec 2025 10:00:00 GMT", "2025-12-02T10:00:00.000Z"],
    ["Tue, 02 Dec 2025 10:00:00 +0100", "2025-12-02T09:00:00.000Z"],
    ["Tue, 02 Dec 2025 10:00:00 EST", "2025-12-02T15:00:00.000Z"],
    ["2025-12-02T10:00:00+02:00", "2025-12-02T08:00:00.000Z"],
    ["2025-12-02T10:00:00", "2025-12-02T10:00:00.000Z"],
    ["2025-12-02", "2025-12-02T00:00:00.000Z"],
  ])("GIVEN %s THEN %s", (input, expected) => {
    expect(parseFeedDate(input)).toBe(expected);
  });

  it("GIVEN unreadable or placeholder dates THEN undefined", () => {
    expect(parseFeedDate("yesterday-ish")).toBeUndefined();
    expect(parseFeedDate("Thu, 01 Jan 1970 00:00:00 GMT")).toBeUndefined();
    expect(parseFeedDate("")).toBeUndefined();
  });
});

describe("htmlToBlocks", () => {
  it("GIVEN HTML with headings, breaks, entities and captions THEN paragraphs and headings come out clean", () => {
    const blocks = htmlToBlocks(
      "<p>Caf&eacute; &amp; bar&nbsp;opens</p><h2>Reaction</h2><p>One<br>Two <b>bold</b></p>" +
        "<figure><img src=x><figcaption>Photo: A</figcaption></figure><script>var x;</script><p> </p>",
    );
    expect(blocks).toEqual({
      paragraphs: ["Café & bar opens", "One", "Two bold"],
      headings: [{ beforeParagraph: 1, text: "Reaction" }],
    });
  });
});

describe("extractReadablePage", () => {
  it("GIVEN an article page with navigation and footer THEN only the article's paragraphs are taken", () => {
    const story = Array.from(
      { length: 6 },
      (_, i) =>
        `<p>Paragraph ${i} of the story, in which the mayor explains the budget plan in detail for the residents of the city.</p>`,
    ).join("");
    const page = `<html><head><title>Budget</title></head><body><nav><a href="/">Home</a> <a href="/w">World</a></nav>
      <article><h1>Budget</h1>${story}</article><footer>© Outlet 2025. All rights reserved.</footer></body></html>`;
    const result = extractReadablePage(page, "https://outlet.example/budget");
    expect(result?.blocks.paragraphs).toHaveLength(6);
    expect(result?.blocks.paragraphs.join(" ")).not.toMatch(/Home|rights reserved/);
  });

  it("GIVEN a page with no article text THEN undefined", () => {
    expect(
      extractReadablePage("<html><body><nav>Home</nav></body></html>", "https://x.example/"),
    ).toBeUndefined();
  });
});
