import { describe, expect, it } from "vitest";
import { parseFeed } from "../../../src/core/feeds/parse.ts";
import { atomFeed, jsonFeed, rssFeed } from "../../fixtures/feeds/builders.ts";

function reasonOf(text: string): string {
  const result = parseFeed(text);
  return result.ok ? "parsed" : result.reason;
}

describe("parseFeed", () => {
  it("GIVEN an RSS 2.0 feed WHEN parsed THEN each item's fields are read, content:encoded as full text", () => {
    const result = parseFeed(
      rssFeed("Daily News", [
        {
          title: "Bridge opens",
          link: "https://outlet.example/bridge",
          guid: "b-1",
          date: "Tue, 02 Dec 2025 10:00:00 GMT",
          author: "Ann Lee",
          summary: "<p>Short</p>",
          content: "<p>Long text</p>",
          categories: ["city", "transport"],
        },
      ]),
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        feed: {
          format: "rss",
          title: "Daily News",
          items: [
            {
              title: "Bridge opens",
              link: "https://outlet.example/bridge",
              guid: "b-1",
              published: "Tue, 02 Dec 2025 10:00:00 GMT",
              author: "Ann Lee",
              summary: { kind: "html", value: "<p>Short</p>" },
              content: { kind: "html", value: "<p>Long text</p>" },
              categories: ["city", "transport"],
            },
          ],
        },
        warnings: [],
      },
    });
  });

  it("GIVEN an Atom feed with html, text and xhtml content WHEN parsed THEN each type is read as written", () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
      <entry><title type="html">A &lt;b&gt;bold&lt;/b&gt; title</title><id>tag:wire,2025:1</id>
        <link rel="enclosure" href="https://wire.example/a.mp3"/><link href="https://wire.example/a"/>
        <updated>2025-12-01T08:00:00Z</updated><content type="html">&lt;p&gt;One &amp;amp; two&lt;/p&gt;</content></entry>
      <entry><title>Plain</title><id>tag:wire,2025:2</id><content>Fish &amp; chips</content>
        <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>X <b>y</b></p></div></summary></entry>
    </feed>`;
    const result = parseFeed(xml);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [first, second] = result.value.feed.items;
    expect(first).toMatchObject({
      title: "A bold title",
      link: "https://wire.example/a",
      guid: "tag:wire,2025:1",
      published: "2025-12-01T08:00:00Z",
      content: { kind: "html", value: "<p>One &amp; two</p>" },
    });
    expect(second?.content).toEqual({ kind: "text", value: "Fish & chips" });
    expect(second?.summary?.kind).toBe("html");
    expect(second?.summary?.value).toContain("<b>y</b>");
  });

  it("GIVEN an RSS 1.0 (RDF) feed WHEN parsed THEN its items are read with rdf:about as guid", () => {
    const xml = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
      xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://r.example/"><title>RDF News</title></channel>
      <item rdf:about="https://r.example/1"><title>One</title><link>https://r.example/1</link>
      <description>Text one</description><dc:date>2025-12-01T09:00:00Z</dc:date></item></rdf:RDF>`;
    expect(parseFeed(xml)).toMatchObject({
      ok: true,
      value: {
        feed: {
          format: "rdf",
          title: "RDF News",
          items: [{ guid: "https://r.example/1", title: "One", published: "2025-12-01T09:00:00Z" }],
        },
      },
    });
  });

  it("GIVEN a JSON Feed with one bad item WHEN parsed THEN the good items are read and the bad one warned about", () => {
    const text = jsonFeed("JSON News", [{ title: "Good", guid: "1", content: "<p>Body</p>", author: "Bo" }]);
    const withBad = text.replace('"items":[', '"items":[42,');
    const result = parseFeed(withBad);
    expect(result).toMatchObject({
      ok: true,
      value: {
        feed: { format: "json", items: [{ title: "Good", guid: "1", author: "Bo" }] },
        warnings: [{ item: 0, reason: "item is not a JSON Feed item" }],
      },
    });
  });

  it("GIVEN an HTML page WHEN parsed THEN it is refused as not a feed", () => {
    expect(
      parseFeed("<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi<br></body></html>"),
    ).toEqual({
      ok: false,
      reason: "an HTML page, not a feed",
    });
  });

  it("GIVEN XML with one broken item WHEN parsed THEN the readable items land with a malformed-XML warning", () => {
    const xml = `<rss><channel><title>T</title><item><title>Good</title><description>Fine text</description></item>
      <item><title>Broken</description></item></channel></rss>`;
    const result = parseFeed(xml);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.feed.items[0]).toMatchObject({ title: "Good" });
    expect(result.value.warnings[0]?.reason).toMatch(/^malformed XML \(line 2: .*\); read leniently$/);
  });

  it("GIVEN documents that are not feeds WHEN parsed THEN each is refused with its reason", () => {
    expect(reasonOf("<html-ish")).toMatch(/malformed XML|not a feed/);
    expect(parseFeed("<catalog><book/></catalog>")).toEqual({
      ok: false,
      reason: "not a feed (the document is <catalog>)",
    });
    expect(parseFeed('{"version": "1"}')).toEqual({ ok: false, reason: "JSON that is not a JSON Feed" });
    expect(reasonOf("{oops")).toMatch(/^malformed JSON/);
    expect(parseFeed("  \n")).toEqual({ ok: false, reason: "the response is empty" });
  });

  it("GIVEN an Atom feed built by the fixtures WHEN parsed THEN summary and content are separate", () => {
    const result = parseFeed(atomFeed("A", [{ title: "T", summary: "<p>S</p>", content: "<p>C</p>" }]));
    expect(result.ok && result.value.feed.items[0]).toMatchObject({
      summary: { kind: "html", value: "<p>S</p>" },
      content: { kind: "html", value: "<p>C</p>" },
    });
  });
});
