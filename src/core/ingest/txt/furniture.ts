/**
 * Page furniture of scraped news pages: lines that belong to the web page, not to the story. Headers carry
 * "header furniture" (share and follow buttons, short links), which is also what tells a header from body text;
 * "loose furniture" (advertisement slots, read-more links) can turn up anywhere and says nothing about headers.
 */

const HEADER_FURNITURE = new Set([
  "short url",
  "short link",
  "follow",
  "following",
  "unfollow",
  "follow us",
  "share",
  "share this",
  "share this article",
  "share this story",
  "share article",
  "share story",
  "share on facebook",
  "share on twitter",
  "share on x",
  "share on whatsapp",
  "share on linkedin",
  "share via email",
  "copy link",
  "link copied",
  "email",
  "print",
  "save",
  "save article",
  "saved",
  "bookmark",
  "comments",
  "gift this article",
  "gift article",
  "listen",
  "listen to this article",
  "listen to article",
  "font size",
  "text size",
  "add topic",
  "facebook",
  "twitter",
  "whatsapp",
  "linkedin",
  "reddit",
  "x",
]);

const LOOSE_FURNITURE = new Set([
  "advertisement",
  "advert",
  "ad",
  "sponsored",
  "sponsored content",
  "read more",
  "also read",
  "read also",
  "related",
  "related articles",
  "related stories",
  "related content",
  "recommended",
  "recommended stories",
  "more on this story",
  "most read",
  "most popular",
  "trending",
  "trending now",
  "top stories",
  "latest news",
  "continue reading",
  "story continues below",
  "story continues below advertisement",
  "article continues below",
  "article continues after advertisement",
  "skip advertisement",
  "scroll to continue with content",
  "subscribe",
  "sign up",
  "sign in",
  "log in",
  "newsletter",
  "click here",
  "view comments",
  "show comments",
  "watch",
  "video",
  "watch video",
  "play video",
  "loading",
]);

const LINK_LINE =
  /^(?:read more|also read|read also|related|see also|more on this story|watch|listen)\s*[:|–—-]\s*\S/i;
const READING_TIME = /^(?:listen to this article\b.*|\d+\s*min(?:ute)?s?\s*(?:read|listen)?)$/i;
const COPYRIGHT = /^(?:©|\(c\)\s|copyright\s+(?:©|\(c\)|\d{4}))/i;
const TRAILING_NOISE = /[\s:|›»>]+$/;
/** Longer than any furniture label in the sets above, with room for trailing noise. */
const MAX_FURNITURE_LENGTH = 60;
/** Read-more links and copyright lines are one short line. */
const MAX_LINK_LINE_LENGTH = 200;

function furnitureKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").replace(TRAILING_NOISE, "");
}

/** Share and follow buttons, short links: page furniture found in article headers. */
export function isHeaderFurniture(text: string): boolean {
  return text.length <= MAX_FURNITURE_LENGTH && HEADER_FURNITURE.has(furnitureKey(text));
}

/** Advertisement slots, read-more links, reading times, copyright lines: furniture that may be anywhere. */
export function isLooseFurniture(text: string): boolean {
  if (text.length > MAX_LINK_LINE_LENGTH) return false;
  if (text.length <= MAX_FURNITURE_LENGTH && LOOSE_FURNITURE.has(furnitureKey(text))) return true;
  return LINK_LINE.test(text) || READING_TIME.test(text) || COPYRIGHT.test(text);
}
