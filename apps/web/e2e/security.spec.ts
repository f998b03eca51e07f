import { expect, test, type Page, type Response } from "@playwright/test";
import { ADMIN, AWA, LoopbackClient, loginByApi, streamed } from "./helpers";

/**
 * What the production build sends and does about the people using it: the security headers of its
 * pages (the API's own are checked by the API's tests), no page tripping its own CSP, and the
 * client's real address reaching the API through the web app's /api proxy.
 */

/** Collects CSP violations (console reports and `securitypolicyviolation` events) of a page. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy|CSP violation/i.test(message.text())) violations.push(message.text());
  });
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`);
    });
  });
  return violations;
}

/** The headers every page has, and the nonce of its CSP on Next.js's own scripts. */
async function expectPageHeaders(response: Response | null, referrerPolicy: string) {
  expect(response, "the page answered").not.toBeNull();
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  const directives = new Map(csp.split(/;\s*/).map((d) => [d.split(" ")[0], d] as const));
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(directives.get("script-src") ?? "")?.[1];
  expect(nonce, csp).toBeTruthy();
  expect(directives.get("script-src")).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
  expect(csp).not.toContain("unsafe-eval");
  expect(directives.get("default-src")).toBe("default-src 'self'");
  expect(directives.get("object-src")).toBe("object-src 'none'");
  expect(directives.get("base-uri")).toBe("base-uri 'self'");
  expect(directives.get("form-action")).toBe("form-action 'self'");
  expect(directives.get("frame-ancestors")).toBe("frame-ancestors 'none'");
  expect(directives.get("connect-src")).toMatch(/^connect-src 'self'/);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe(referrerPolicy);
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["permissions-policy"]).toContain("geolocation=()");
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  // This run serves http://: HSTS only goes with an https NOURX_PUBLIC_URL.
  expect(headers["strict-transport-security"]).toBeUndefined();
  // Next.js put this request's nonce on its scripts, and only this one.
  const html = await response!.text();
  expect(html).toContain(`nonce="${nonce}"`);
  expect(html.match(/nonce="([^"]+)"/g)?.every((n) => n === `nonce="${nonce}"`)).toBe(true);
  return nonce!;
}

test.describe("security headers", () => {
  test("login page: headers, a fresh nonce, and scripts that still run", async ({ page }) => {
    const violations = watchCsp(page);
    const first = await expectPageHeaders(await page.goto("/connexion"), "strict-origin-when-cross-origin");
    const second = await expectPageHeaders(await page.goto("/connexion"), "strict-origin-when-cross-origin");
    expect(second).not.toBe(first);
    // The page is hydrated under the CSP: its password toggle works.
    const toggle = page.getByRole("button", { name: "Afficher le mot de passe" });
    await toggle.click();
    await expect(page.getByRole("button", { name: "Masquer le mot de passe" })).toHaveAttribute("aria-pressed", "true");
    expect(violations).toEqual([]);
  });

  test("pages whose URL carries a token send no referrer", async ({ page }) => {
    const violations = watchCsp(page);
    await expectPageHeaders(await page.goto("/mot-de-passe/reinitialiser?token=not-a-real-token"), "no-referrer");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectPageHeaders(await page.goto("/invitation/accepter?token=not-a-real-token"), "no-referrer");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(violations).toEqual([]);
  });

  test("a portal page, and the redirect to the login page without a session", async ({ page, request }) => {
    const redirect = await request.get("/factures", { maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    expect(redirect.headers()["location"]).toContain("/connexion?next=%2Ffactures");
    expect(redirect.headers()["x-frame-options"]).toBe("DENY");

    const violations = watchCsp(page);
    await loginByApi(page);
    await expectPageHeaders(await page.goto("/factures"), "strict-origin-when-cross-origin");
    await streamed(page);
    await expect(page.getByRole("heading", { level: 1, name: "Factures" })).toBeVisible();
    expect(violations).toEqual([]);
  });

  test("no page of the portal trips its own CSP", async ({ page }) => {
    test.setTimeout(180_000);
    const violations = watchCsp(page);
    await loginByApi(page);
    const firstId = async (path: string) => {
      const answer = await page.request.get(path);
      expect(answer.status(), path).toBe(200);
      const body = (await answer.json()) as { results: { id: string }[] };
      return body.results[0]?.id;
    };
    const details = await Promise.all([
      firstId("/api/projects/").then((id) => id && `/projets/${id}`),
      firstId("/api/invoices/").then((id) => id && `/factures/${id}`),
      firstId("/api/quotes/").then((id) => id && `/devis/${id}`),
      firstId("/api/tickets/").then((id) => id && `/support/${id}`),
      firstId("/api/payments/").then((id) => id && `/paiements/${id}`),
    ]);
    const paths = ["/", "/projets", "/taches", "/documents", "/factures", "/devis", "/paiements", "/support", "/support/nouveau", "/profil"];
    for (const path of [...paths, ...details.filter((p): p is string => Boolean(p))]) {
      await page.goto(path, { waitUntil: "networkidle" });
      await streamed(page);
      expect(violations, path).toEqual([]);
    }
    // A panel over the page (on a phone a sheet, whose scroll lock injects a <style>).
    await page.goto("/", { waitUntil: "networkidle" });
    await page.getByRole("banner").getByRole("button", { name: "Notifications", exact: true }).click();
    await expect(page.getByRole("dialog", { name: "Notifications" })).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(violations).toEqual([]);
  });

  test("the back-office trips no CSP either", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations = watchCsp(page);
    await loginByApi(page, ADMIN);
    await expectPageHeaders(await page.goto("/admin", { waitUntil: "networkidle" }), "strict-origin-when-cross-origin");
    expect(violations).toEqual([]);
    await context.close();
  });
});

test.describe("the client's real address, through the web app", () => {
  // One API serves the whole run and its per-address limit is 50 failures in 15 minutes: these
  // failures happen once (127.0.0.2 and 127.0.0.3 are used by no other test).
  test("50 failures from one address lock that address only, whatever X-Forwarded-For claims, and the audit log keeps the real one", async ({}, testInfo) => {
    test.skip(testInfo.project.name !== "desktop", "runs once per API, in the desktop project");
    test.setTimeout(180_000);
    const attacker = new LoopbackClient("127.0.0.2");
    const other = new LoopbackClient("127.0.0.3");

    // Unknown accounts (the per-account limit is 5): only the per-address limit can add up. Every
    // other failure comes with a forged X-Forwarded-For, as if from someone else or from behind a
    // trusted proxy: if the web app passed it on, those would count elsewhere and no lock would come.
    for (let i = 1; i <= 50; i++) {
      const forged = i % 2 === 0 ? { "X-Forwarded-For": i % 4 === 0 ? `203.0.113.${i}` : `203.0.113.${i}, 127.0.0.1` } : undefined;
      const answer = await attacker.login({ email: `nobody-${i}@unknown.example`, password: "wrong-password-2026" }, forged);
      expect(answer.status, `failure ${i}: ${JSON.stringify(answer.body)}`).toBe(400);
    }
    const locked = await attacker.login(
      { email: "nobody-51@unknown.example", password: "wrong-password-2026" },
      { "X-Forwarded-For": "198.51.100.51" },
    );
    expect(locked.status, JSON.stringify(locked.body)).toBe(429);
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);

    // Someone else, on another address, logs in as usual.
    const login = await other.login(AWA);
    expect(login.status, JSON.stringify(login.body)).toBe(200);

    // The audit log records where a login came from: the real address, not the claimed one.
    const admin = new LoopbackClient("127.0.0.3");
    const adminLogin = await admin.login(ADMIN, { "X-Forwarded-For": "198.51.100.23" });
    expect(adminLogin.status, JSON.stringify(adminLogin.body)).toBe(200);
    const log = await admin.request("GET", "/api/admin/audit-log/?action=login&page_size=20");
    expect(log.status, JSON.stringify(log.body)).toBe(200);
    const entries = (log.body?.results ?? []) as { actor_email?: string | null; ip?: string | null }[];
    const latest = entries.find((entry) => entry.actor_email === ADMIN.email);
    expect(latest?.ip).toBe("127.0.0.3");
    expect(entries.find((entry) => entry.actor_email === AWA.email)?.ip).toBe("127.0.0.3");
  });
});

test.describe("the staff network allow-list, through the web app", () => {
  // scripts/e2e.sh runs the API with NOURX_STAFF_ALLOWED_NETWORKS=127.0.0.0/30: the browser's
  // 127.0.0.1 and the address test's 127.0.0.2-3 are inside, 127.0.0.9 is not.
  test("staff cannot log in nor use a session from outside; clients can", async ({}, testInfo) => {
    test.skip(testInfo.project.name !== "desktop", "runs once per API, in the desktop project");
    const outside = new LoopbackClient("127.0.0.9");
    const refused = await outside.login(ADMIN);
    expect(refused.status, JSON.stringify(refused.body)).toBe(403);
    expect(refused.body?.code).toBe("staff_network_not_allowed");
    const client = await new LoopbackClient("127.0.0.9").login(AWA);
    expect(client.status, JSON.stringify(client.body)).toBe(200);

    // A staff session opened from inside is refused from outside, and still works inside.
    const inside = new LoopbackClient("127.0.0.1");
    expect((await inside.login(ADMIN)).status).toBe(200);
    const carried = new LoopbackClient("127.0.0.9", inside);
    const me = await carried.request("GET", "/api/me/");
    expect(me.status, JSON.stringify(me.body)).toBe(403);
    expect(me.body?.code).toBe("staff_network_not_allowed");
    expect((await inside.request("GET", "/api/me/")).status).toBe(200);
  });
});
