import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, extraConnectSources, newNonce, securityHeaders } from "./security-headers";

const local = { NODE_ENV: "production", NOURX_PUBLIC_URL: "http://127.0.0.1:3000" };
const live = { NODE_ENV: "production", NOURX_PUBLIC_URL: "https://portail.nourx.ci" };

function directive(csp: string, name: string): string | undefined {
  return csp.split("; ").find((d) => d === name || d.startsWith(`${name} `));
}

describe("the Content-Security-Policy", () => {
  it("allows scripts by nonce only, never eval in production", () => {
    const csp = contentSecurityPolicy("abc123", local);
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(csp, "form-action")).toBe("form-action 'self'");
    expect(directive(csp, "object-src")).toBe("object-src 'none'");
    expect(directive(csp, "upgrade-insecure-requests")).toBeUndefined();
    expect(contentSecurityPolicy("n", { ...local, NODE_ENV: "development" })).toContain("'unsafe-eval'");
  });

  it("lets uploads reach the bucket the API presigns for", () => {
    const s3 = { S3_BUCKET: "docs", AWS_REGION: "eu-west-3" };
    expect(extraConnectSources(s3)).toEqual(["https://docs.s3.eu-west-3.amazonaws.com"]);
    expect(extraConnectSources({ ...s3, S3_ENDPOINT: "http://127.0.0.1:9000/", S3_FORCE_PATH_STYLE: "true" })).toEqual(["http://127.0.0.1:9000"]);
    expect(extraConnectSources({ ...s3, S3_ENDPOINT: "https://s3.example.net" })).toEqual(["https://docs.s3.example.net"]);
    expect(extraConnectSources({ NOURX_STORAGE_PUBLIC_URL: "https://files.nourx.ci/api/storage" })).toEqual(["https://files.nourx.ci"]);
    expect(extraConnectSources({})).toEqual([]);
    const csp = contentSecurityPolicy("n", { ...live, ...s3 });
    expect(directive(csp, "connect-src")).toBe("connect-src 'self' https://docs.s3.eu-west-3.amazonaws.com");
  });

  it("takes NOURX_WEB_CONNECT_SRC as written, but only origins", () => {
    const env = { S3_BUCKET: "docs", NOURX_WEB_CONNECT_SRC: "https://a.example, https://b.example/ 'unsafe-inline' https://c.example;script-src *" };
    expect(extraConnectSources(env)).toEqual(["https://a.example", "https://b.example"]);
  });
});

describe("the page headers", () => {
  it("forbid framing and sniffing, and keep referrers to the origin", () => {
    const headers = securityHeaders("/factures", "n", local);
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["Permissions-Policy"]).toContain("camera=()");
    expect(headers["Strict-Transport-Security"]).toBeUndefined();
  });

  it("send no referrer at all from pages whose URL carries a token", () => {
    expect(securityHeaders("/mot-de-passe/reinitialiser", "n", local)["Referrer-Policy"]).toBe("no-referrer");
    expect(securityHeaders("/invitation/accepter", "n", local)["Referrer-Policy"]).toBe("no-referrer");
    // A pay link is its token: neither CinetPay's page nor anything it links to may learn it.
    expect(securityHeaders("/payer/3q2-7wEvbIqRvA6ZlX1kO4k7y5hV9Dq2n0nXgq4bq1o", "n", local)["Referrer-Policy"]).toBe("no-referrer");
    expect(securityHeaders("/payer/retour", "n", local)["Referrer-Policy"]).toBe("no-referrer");
    expect(securityHeaders("/paiements", "n", local)["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(securityHeaders("/mot-de-passe-oublie", "n", local)["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("add HSTS and upgrade-insecure-requests on an https deployment", () => {
    const headers = securityHeaders("/", "n", live);
    expect(headers["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(headers["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
  });

  it("use a fresh 128-bit nonce each time", () => {
    const a = newNonce();
    expect(atob(a)).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});
