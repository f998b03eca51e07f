// What scripts/serve.mjs tells the API (and Next.js) about a request's client: pure functions,
// unit-tested in forwarded.test.ts.
import { BlockList, isIP } from "node:net";

/** `::ffff:127.0.0.2` (an IPv4 client of a dual-stack socket) is `127.0.0.2`. */
function unmap(address) {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match ? match[1] : address;
}

/**
 * One address of an X-Forwarded-For list, as proxies write them: `1.2.3.4`, `1.2.3.4:5678`,
 * `2001:db8::1`, `[2001:db8::1]:443`. Undefined when it is none of these.
 */
export function parseAddress(text) {
  let value = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = unmap(value);
  return isIP(value) ? value : undefined;
}

/**
 * NOURX_WEB_TRUSTED_PROXIES: addresses or CIDR blocks separated by commas or spaces. Throws on
 * an entry that is neither (a typo must not silently trust nobody, or everybody).
 */
export function parseTrustedProxies(text) {
  const list = new BlockList();
  for (const entry of (text || "").split(/[\s,]+/).filter(Boolean)) {
    const [address, prefix, extra] = entry.split("/");
    const ip = address === undefined ? undefined : parseAddress(address);
    const family = ip ? (isIP(ip) === 4 ? "ipv4" : "ipv6") : undefined;
    const max = family === "ipv4" ? 32 : 128;
    const bits = prefix === undefined ? max : /^\d+$/.test(prefix) ? Number(prefix) : NaN;
    if (!ip || extra !== undefined || !(bits >= 0 && bits <= max)) {
      throw new Error(`NOURX_WEB_TRUSTED_PROXIES: "${entry}" is not an address or a CIDR block`);
    }
    list.addSubnet(ip, bits, family);
  }
  return list;
}

function isTrusted(trusted, ip) {
  return trusted.check(ip, isIP(ip) === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy; then the
 * right-most address of its X-Forwarded-For that is not a trusted proxy (what a client writes
 * itself is further left, and never believed). An entry that is no address stops the walk: the
 * last trusted hop is then the best address known.
 */
export function clientAddress(peer, forwardedFor, trusted) {
  const hop = peer === undefined ? undefined : parseAddress(peer);
  if (!hop || !isTrusted(trusted, hop)) return hop;
  const chain = (forwardedFor || "").split(",").filter((part) => part.trim() !== "");
  let last = hop;
  for (let i = chain.length - 1; i >= 0; i--) {
    const ip = parseAddress(chain[i]);
    if (!ip) return last;
    if (!isTrusted(trusted, ip)) return ip;
    last = ip;
  }
  return last;
}

/** The right-most value of a comma-separated header (the one the nearest proxy wrote). */
function lastValue(value) {
  const parts = (joined(value) || "").split(",").map((p) => p.trim()).filter(Boolean);
  return parts[parts.length - 1];
}

/**
 * The X-Forwarded-* headers to send on, replacing whatever came with the request: the client's
 * address; the scheme and host the browser used (a trusted proxy's word for them, else this
 * server's own connection and Host header).
 */
export function forwardedHeaders({ peer, headers, encrypted }, trusted) {
  const hop = peer === undefined ? undefined : parseAddress(peer);
  const fromProxy = hop !== undefined && isTrusted(trusted, hop);
  const proto = fromProxy ? lastValue(headers["x-forwarded-proto"])?.toLowerCase() : undefined;
  const host = fromProxy ? lastValue(headers["x-forwarded-host"]) : undefined;
  return {
    "x-forwarded-for": clientAddress(peer, joined(headers["x-forwarded-for"]), trusted),
    "x-forwarded-proto": proto === "https" || proto === "http" ? proto : encrypted ? "https" : "http",
    "x-forwarded-host": host || headers.host || "",
  };
}

function joined(value) {
  return Array.isArray(value) ? value.join(",") : value;
}

/** Headers that are about one connection, not the message (RFC 9110 §7.6.1); framing stays. */
const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer", "upgrade"];

/** Removes hop-by-hop headers, and those the Connection header names, from a Node headers object. */
export function stripHopByHop(headers) {
  const named = String(headers.connection || "")
    .split(",")
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token && token !== "transfer-encoding" && token !== "content-length");
  for (const name of [...HOP_BY_HOP, ...named]) delete headers[name];
  return headers;
}

/**
 * The API path of a request under /api: the API's paths end with "/" (a path without it is a
 * 404), so one is added, as the build-time rewrite did; the query is kept as sent.
 */
export function apiPath(url) {
  const at = url.indexOf("?");
  const path = at === -1 ? url : url.slice(0, at);
  const query = at === -1 ? "" : url.slice(at);
  return (path.endsWith("/") ? path : `${path}/`) + query;
}

/** Requests that go to the API: `/api` and everything under `/api/`. */
export function isApiRequest(url) {
  return url === "/api" || url.startsWith("/api/") || url.startsWith("/api?");
}
