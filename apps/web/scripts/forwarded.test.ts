import { describe, expect, it } from "vitest";
import { apiPath, clientAddress, forwardedHeaders, isApiRequest, parseAddress, parseTrustedProxies, stripHopByHop } from "./forwarded.mjs";

const none = parseTrustedProxies(undefined);
const tlsProxy = parseTrustedProxies("10.0.0.0/8, 192.168.1.7 fd00::/8");

describe("the client's address", () => {
  it("is the socket peer, whatever the request claims, when no proxy is trusted", () => {
    expect(clientAddress("127.0.0.2", "203.0.113.9", none)).toBe("127.0.0.2");
    expect(clientAddress("::ffff:127.0.0.2", "203.0.113.9, 10.0.0.1", none)).toBe("127.0.0.2");
    expect(clientAddress("2001:db8::5", undefined, none)).toBe("2001:db8::5");
  });

  it("is the right-most untrusted address of a trusted proxy's list", () => {
    // The client wrote 6.6.6.6 itself; the proxy appended the address it saw.
    expect(clientAddress("10.1.2.3", "6.6.6.6, 198.51.100.4", tlsProxy)).toBe("198.51.100.4");
    expect(clientAddress("10.1.2.3", "198.51.100.4, 192.168.1.7", tlsProxy)).toBe("198.51.100.4");
    expect(clientAddress("fd00::1", "[2001:db8::9]:443", tlsProxy)).toBe("2001:db8::9");
    expect(clientAddress("10.1.2.3", "198.51.100.4:5678", tlsProxy)).toBe("198.51.100.4");
  });

  it("falls back to the nearest trusted hop when the list is empty, all trusted, or garbled", () => {
    expect(clientAddress("10.1.2.3", undefined, tlsProxy)).toBe("10.1.2.3");
    expect(clientAddress("10.1.2.3", "10.9.9.9", tlsProxy)).toBe("10.9.9.9");
    // A garbled entry stops the walk: what lies left of it cannot be believed.
    expect(clientAddress("10.1.2.3", "6.6.6.6, unknown", tlsProxy)).toBe("10.1.2.3");
  });

  it("parses the forms proxies write and nothing else", () => {
    expect(parseAddress(" 1.2.3.4 ")).toBe("1.2.3.4");
    expect(parseAddress("[::1]")).toBe("::1");
    expect(parseAddress("::ffff:10.0.0.1")).toBe("10.0.0.1");
    expect(parseAddress("evil.example")).toBeUndefined();
    expect(parseAddress("1.2.3.4.5")).toBeUndefined();
  });

  it("refuses a trusted-proxy list with a typo", () => {
    for (const bad of ["10.0.0.0/33", "10.0.0/8", "proxy.internal", "10.0.0.0/8/1", "::1/129"]) {
      expect(() => parseTrustedProxies(bad)).toThrow(/NOURX_WEB_TRUSTED_PROXIES/);
    }
  });
});

describe("the X-Forwarded-* headers sent on", () => {
  it("replace what a browser sent", () => {
    const headers = { host: "portail.example", "x-forwarded-for": "1.1.1.1", "x-forwarded-proto": "https", "x-forwarded-host": "evil.example" };
    expect(forwardedHeaders({ peer: "127.0.0.2", headers, encrypted: false }, none)).toEqual({
      "x-forwarded-for": "127.0.0.2",
      "x-forwarded-proto": "http",
      "x-forwarded-host": "portail.example",
    });
  });

  it("keep a trusted proxy's scheme and host", () => {
    const headers = { host: "web:3000", "x-forwarded-for": "198.51.100.4", "x-forwarded-proto": "https", "x-forwarded-host": "portail.example" };
    expect(forwardedHeaders({ peer: "10.0.0.2", headers, encrypted: false }, tlsProxy)).toEqual({
      "x-forwarded-for": "198.51.100.4",
      "x-forwarded-proto": "https",
      "x-forwarded-host": "portail.example",
    });
  });
});

describe("the API request", () => {
  it("gets the trailing slash the API's paths have, query kept", () => {
    expect(apiPath("/api/me")).toBe("/api/me/");
    expect(apiPath("/api/me/")).toBe("/api/me/");
    expect(apiPath("/api/documents?search=a/b&page=2")).toBe("/api/documents/?search=a/b&page=2");
    expect(apiPath("/api/auth/csrf/?x=1")).toBe("/api/auth/csrf/?x=1");
  });

  it("is everything under /api/ and nothing else", () => {
    expect(isApiRequest("/api/me/")).toBe(true);
    expect(isApiRequest("/api")).toBe(true);
    expect(isApiRequest("/apis")).toBe(false);
    expect(isApiRequest("/connexion?next=/api/me")).toBe(false);
  });

  it("loses the hop-by-hop headers, and those Connection names, but keeps its framing", () => {
    const headers = {
      connection: "keep-alive, x-secret, transfer-encoding",
      "keep-alive": "timeout=5",
      "x-secret": "1",
      te: "trailers",
      upgrade: "h2c",
      "proxy-authorization": "Basic x",
      "transfer-encoding": "chunked",
      cookie: "sessionid=1",
    };
    expect(stripHopByHop(headers)).toEqual({ "transfer-encoding": "chunked", cookie: "sessionid=1" });
  });
});
