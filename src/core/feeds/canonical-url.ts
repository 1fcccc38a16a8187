import { isWebUrl } from "../text/web-url.ts";

/** Query parameters that track where a click came from and never change the page. */
const TRACKING_PARAMS = new Set([
  "fbclid",
  "gclid",
  "dclid",
  "gbraid",
  "wbraid",
  "msclkid",
  "yclid",
  "twclid",
  "igshid",
  "mc_cid",
  "mc_eid",
  "_ga",
  "_gl",
  "_hsenc",
  "_hsmi",
  "mkt_tok",
  "ref",
  "ref_src",
  "ref_url",
  "cmpid",
  "ncid",
  "ocid",
  "sr_share",
  "smid",
  "at_medium",
  "at_campaign",
  "guccounter",
]);
const TRACKING_PREFIXES = ["utm_", "at_", "pk_", "mtm_", "hmb_"];

/**
 * A URL in the form used to recognise the same page reached through different links: http(s) only, host in
 * lower case, default port, fragment, tracking parameters (utm_*, fbclid and the like) and a trailing slash
 * removed, remaining parameters sorted. Undefined for text that is not an http(s) URL.
 */
export function canonicalUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  url.hash = "";
  url.username = "";
  url.password = "";
  // The URL parser already drops a port that is the scheme's default and lower-cases the host.
  const kept = [...url.searchParams].filter(([name]) => !isTrackingParam(name.toLowerCase()));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = new URLSearchParams(kept).toString();
  if (url.pathname.length > 1 && url.pathname.endsWith("/")) url.pathname = url.pathname.replace(/\/+$/, "");
  let result = url.toString();
  if (url.pathname === "/" && url.search === "") result = result.replace(/\/$/, "");
  return isWebUrl(result) ? result : undefined;
}

function isTrackingParam(name: string): boolean {
  return TRACKING_PARAMS.has(name) || TRACKING_PREFIXES.some((prefix) => name.startsWith(prefix));
}
