import { createHmac } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, request, type APIRequestContext, type Browser, type Locator, type Page, type TestInfo } from "@playwright/test";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { formatMoney } from "../lib/format";

export const AWA = { email: "awa@akwaba.demo", password: "demo-client-2026" };
export const ADMIN = { email: "admin@nourx.demo", password: "demo-admin-2026" };
export const SCREENSHOTS = path.join(__dirname, "..", "test-results", "screenshots");

/**
 * Waits until the streamed page is in place: while a page streams, React keeps a hidden copy of
 * the segment (`<div hidden id="S:0">`) for a moment, which would match text locators twice.
 */
export async function streamed(page: Page) {
  await expect(page.locator('div[hidden][id^="S:"]')).toHaveCount(0);
}

/** Logs in through the form, as a person would, and waits for the dashboard. */
export async function loginAs(page: Page, user = AWA) {
  await page.goto("/connexion");
  await page.getByLabel("Adresse e-mail").fill(user.email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByRole("heading", { level: 1, name: /Bonjour/ })).toBeVisible();
  await streamed(page);
}

/** Logs in through the API (cookies land in the page's context): faster for page checks. */
export async function loginByApi(page: Page, user = AWA) {
  const csrf = await page.request.get("/api/auth/csrf/");
  const { csrftoken } = (await csrf.json()) as { csrftoken: string };
  const baseURL = new URL(page.url() === "about:blank" ? process.env.E2E_BASE_URL || "http://127.0.0.1:3000" : page.url());
  const response = await page.request.post("/api/auth/login/", {
    data: user,
    headers: { "X-CSRFToken": csrftoken, Origin: baseURL.origin },
  });
  expect(response.status()).toBe(200);
}

/**
 * A full-page screenshot under test-results/screenshots/<project>-<name>.png; only the screen with
 * `fullPage: false` (an open dialog, which a full page would show stretched over the whole page).
 */
export async function screenshot(page: Page, testInfo: TestInfo, name: string, { fullPage = true } = {}) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${testInfo.project.name}-${name}.png`), fullPage });
}

/** No serious or critical accessibility violation (axe-core, WCAG 2 A/AA rules). */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const blocking = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  expect(blocking, JSON.stringify(blocking, null, 2)).toEqual([]);
}

/** The page does not scroll sideways (the board scrolls inside its own box). */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** The board column holding a task card, read from the page (`column-todo`…). */
export async function columnOf(card: Locator) {
  return card.locator("xpath=ancestor::section[starts-with(@data-testid,'column-')]").getAttribute("data-testid");
}

/** Drags a card onto a column with the mouse, in small steps as a hand would. */
export async function dragWithMouse(page: Page, card: Locator, target: Locator) {
  // Measure once everything above the board has loaded, so nothing moves under the pointer.
  await page.waitForLoadState("networkidle");
  // Centred: a card left at the viewport's edge would make the board scroll the page under the
  // pointer while it drags (dnd-kit's auto-scroll).
  await card.evaluate((element) => element.scrollIntoView({ block: "center" }));
  const from = await card.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error("card or column not visible");
  await page.mouse.move(from.x + from.width / 3, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 3 + 12, from.y + from.height / 2 + 4, { steps: 4 });
  // Columns start at the same height: aim beside the card, inside the target column.
  await page.mouse.move(to.x + to.width / 2, Math.max(from.y + from.height / 2, to.y + 40), { steps: 15 });
  await page.mouse.up();
}

/** Moves a card with the keyboard: Space on its handle, `steps` columns to the right, Space. */
export async function dragWithKeyboard(page: Page, handle: Locator, steps: number) {
  await page.waitForLoadState("networkidle");
  await handle.focus();
  await page.keyboard.press("Space");
  // Picked up (dnd-kit says so in its live region) and the columns measured: an arrow pressed
  // sooner finds no column to move to, and the card is dropped where it was.
  await expect(page.locator('[id^="DndLiveRegion"]').first()).not.toBeEmpty();
  await page.waitForTimeout(150);
  for (let i = 0; i < steps; i++) {
    await page.keyboard.press("ArrowRight");
    await page.waitForTimeout(150);
  }
  await page.keyboard.press("Space");
}

/**
 * Opens a section of the portal from its navigation: the side bar on a wide screen, the bottom
 * bar on a phone, or the phone's "Plus" panel for the sections that do not fit the bar.
 */
export async function openSection(page: Page, name: string) {
  const link = page
    .getByRole("navigation", { name: /^(Navigation principale|Main navigation)$/ })
    .getByRole("link", { name, exact: true });
  if (await link.isVisible()) {
    await link.click();
    return;
  }
  await page.getByRole("button", { name: /^(Plus|More)$/ }).click();
  await page.getByRole("dialog").getByRole("link", { name, exact: true }).click();
}

/**
 * The `token=` in the newest (or `nth` newest) email to `to` whose link goes to `linkPath`, read
 * from the `.eml` files the API writes in development (`E2E_MAIL_DIR`, set by scripts/e2e.sh):
 * the admin mail viewer masks tokens, as it must.
 */
export async function tokenFromMail(to: string, linkPath: string, nth = 0): Promise<string> {
  const dir = process.env.E2E_MAIL_DIR;
  expect(dir, "E2E_MAIL_DIR is set by scripts/e2e.sh").toBeTruthy();
  const pattern = new RegExp(`${linkPath.replace(/[/?]/g, "\\$&")}\\?token=([A-Za-z0-9_%.~-]+)`);
  let tokens: string[] = [];
  // Delivery runs every few seconds in the API's worker.
  await expect
    .poll(
      () => {
        const names = fs.readdirSync(dir!).filter((name) => name.endsWith(".eml")).sort().reverse();
        tokens = names
          .map((name) => mailText(fs.readFileSync(path.join(dir!, name), "utf8")))
          .filter((text) => new RegExp(`^To: .*${to.replace(/[.+]/g, "\\$&")}`, "im").test(text))
          .map((text) => pattern.exec(text)?.[1])
          .filter((token): token is string => Boolean(token));
        return tokens.length > nth;
      },
      { timeout: 20_000, message: `an email to ${to} linking to ${linkPath}` },
    )
    .toBe(true);
  return decodeURIComponent(tokens[nth]);
}

/**
 * The headers and decoded parts of the newest email to `to` whose decoded text matches `pattern`,
 * read from the `.eml` files the API writes in development (`E2E_MAIL_DIR`); waits for delivery.
 */
export async function mailMatching(to: string, pattern: RegExp): Promise<string> {
  const dir = process.env.E2E_MAIL_DIR;
  expect(dir, "E2E_MAIL_DIR is set by scripts/e2e.sh").toBeTruthy();
  let found = "";
  await expect
    .poll(
      () => {
        const names = fs.readdirSync(dir!).filter((name) => name.endsWith(".eml")).sort().reverse();
        found =
          names
            .map((name) => mailText(fs.readFileSync(path.join(dir!, name), "utf8")))
            .find((text) => new RegExp(`^To: .*${to.replace(/[.+]/g, "\\$&")}`, "im").test(text) && pattern.test(text)) ?? "";
        return found !== "";
      },
      { timeout: 20_000, message: `an email to ${to} matching ${pattern}` },
    )
    .toBe(true);
  return found;
}

/** The headers and every decoded text part of a MIME message. */
function mailText(raw: string): string {
  const decoded = raw.split(/\r?\n--[^\r\n]+\r?\n/).map((part) => {
    const [head, ...rest] = part.split(/\r?\n\r?\n/);
    const body = rest.join("\n\n");
    if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
      const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, "latin1").toString("utf8");
    }
    return body;
  });
  return `${raw.split(/\r?\n\r?\n/)[0]}\n${decoded.join("\n")}`;
}

/** The web app under test. */
function base() {
  return new URL(process.env.E2E_BASE_URL || "http://127.0.0.1:3000");
}

export type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Record<string, unknown> | null };

/**
 * A client of the web app from one loopback address (Linux routes all of 127.0.0.0/8 to the
 * loopback interface), with its own cookies: Node's http client, since a browser cannot choose
 * the address it connects from.
 */
export class LoopbackClient {
  private cookies = new Map<string, string>();
  /** `carrying`: start with another client's cookies (its session, from another address). */
  constructor(
    readonly address: string,
    carrying?: LoopbackClient,
  ) {
    if (carrying) this.cookies = new Map(carrying.cookies);
  }

  request(method: string, path: string, options: { json?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
    const data = options.json === undefined ? undefined : JSON.stringify(options.json);
    const headers: Record<string, string | number> = { Accept: "application/json", Origin: base().origin, ...options.headers };
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    if (data !== undefined) Object.assign(headers, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(data) });
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: base().hostname, port: base().port, path, method, headers, localAddress: this.address, agent: false },
        (res) => {
          for (const cookie of res.headers["set-cookie"] ?? []) {
            const pair = cookie.split(";")[0];
            const at = pair.indexOf("=");
            this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
          }
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (text += chunk));
          res.on("end", () => {
            let body: Answer["body"] = null;
            try {
              body = text ? (JSON.parse(text) as Answer["body"]) : null;
            } catch {
              body = { text };
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
          });
        },
      );
      req.on("error", reject);
      req.end(data);
    });
  }

  async login(user: { email: string; password: string }, headers: Record<string, string> = {}): Promise<Answer> {
    if (!this.cookies.has("csrftoken")) {
      const csrf = await this.request("GET", "/api/auth/csrf/");
      expect(csrf.status).toBe(200);
    }
    const token = this.cookies.get("csrftoken") ?? "";
    return this.request("POST", "/api/auth/login/", { json: user, headers: { "X-CSRFToken": token, ...headers } });
  }
}


/**
 * The NOURX website's origin: the API lets it post leads, on that route alone
 * (`NOURX_LEAD_ALLOWED_ORIGINS`, set by scripts/e2e.sh).
 */
export const WEBSITE_ORIGIN = process.env.E2E_WEBSITE_ORIGIN || "https://www.nourx.ci";

export type WebsiteLead = { company: string; name: string; email: string; phone?: string; message: string };

/**
 * Sends the website's contact form as the NOURX website does (docs/api-guide.md, Web-to-lead):
 * no session, no CSRF token, its own origin; the browser's CORS preflight first, then the JSON.
 * Both answers must let the website read them. Answers with the thanks the website shows.
 */
export async function sendWebsiteLead(baseURL: string, lead: WebsiteLead): Promise<string> {
  const website = await request.newContext({ baseURL });
  try {
    const preflight = await website.fetch("/api/public/leads/", {
      method: "OPTIONS",
      headers: { Origin: WEBSITE_ORIGIN, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
    });
    expect(preflight.headers()["access-control-allow-origin"], `the API lets ${WEBSITE_ORIGIN} post leads`).toBe(WEBSITE_ORIGIN);
    const response = await website.post("/api/public/leads/", {
      data: { ...lead, website: "" },
      headers: { Origin: WEBSITE_ORIGIN, "Accept-Language": "fr" },
    });
    expect(response.status(), await response.text()).toBe(201);
    expect(response.headers()["access-control-allow-origin"]).toBe(WEBSITE_ORIGIN);
    return ((await response.json()) as { detail: string }).detail;
  } finally {
    await website.dispose();
  }
}

/** An API context logged in as the demo admin, through the web app. */
export async function adminApi(baseURL: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: new URL(baseURL).origin } });
  const { csrftoken } = await (await api.get("/api/auth/csrf/")).json();
  const login = await api.post("/api/auth/login/", { data: ADMIN, headers: { "X-CSRFToken": csrftoken } });
  expect(login.status()).toBe(200);
  return api;
}

/** The CSRF token an API context holds (for its unsafe requests' `X-CSRFToken`). */
export async function csrfOf(api: APIRequestContext) {
  const state = await api.storageState();
  return state.cookies.find((c) => c.name === "csrftoken")?.value ?? "";
}

/** RFC 4648 base32 (the key as shown, groups and case ignored). */
function base32Decode(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const clean = text.replace(/[\s=]/g, "").toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 6238 TOTP (HMAC-SHA-1, 6 digits, 30 s), as an authenticator app computes it. */
export function totp(key: string, at = Date.now()): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac("sha1", base32Decode(key)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const number = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return number.toString().padStart(6, "0");
}

/** A second browser (the invited person's), the same size as this project's. */
export async function secondBrowser(browser: Browser, testInfo: TestInfo) {
  const { viewport, isMobile, hasTouch, deviceScaleFactor, locale, timezoneId, baseURL } = testInfo.project.use;
  return browser.newContext({ viewport, isMobile, hasTouch, deviceScaleFactor, locale, timezoneId, baseURL });
}

/** A finished screen: no sideways scroll, its screenshot taken, no serious accessibility violation. */
export async function checkScreen(page: Page, testInfo: TestInfo, name: string) {
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, name);
  await expectAccessible(page);
}

/**
 * A back-office list's rows as this screen shows them (components/admin/table/data-table.tsx):
 * the table's rows from `md` up, the cards (`cardTestId`) on a phone.
 */
export function listRows(page: Page, testInfo: TestInfo, { table, card }: { table: string; card: string }) {
  return testInfo.project.name === "phone" ? page.getByTestId(card) : page.getByTestId(table).locator("tbody tr");
}

/**
 * A JSON request from an API context logged in through the web app (`adminApi`): CSRF token set,
 * the answer's status checked (`expected`), its body returned.
 */
export async function apiSend<T = Record<string, unknown>>(
  api: APIRequestContext,
  method: "POST" | "PATCH" | "PUT" | "DELETE",
  url: string,
  data?: unknown,
  expected: number | number[] = [200, 201],
): Promise<T> {
  const response = await api.fetch(url, { method, data, headers: { "X-CSRFToken": await csrfOf(api) } });
  const statuses = Array.isArray(expected) ? expected : [expected];
  const text = await response.text();
  expect(statuses, `${method} ${url} → ${response.status()} ${text}`).toContain(response.status());
  return (text ? JSON.parse(text) : null) as T;
}

/** `150 000 FCFA`: narrow no-break spaces between thousands, a no-break space before FCFA. */
export const MONEY = /\d{1,3}(?:\u202f\d{3})*\u00a0FCFA/;

/** An amount in FCFA as the app writes it in French (lib/format.ts): `fcfa(150000)` is `150 000 FCFA`. */
export const fcfa = (amount: number) => formatMoney(amount, "XOF", "fr");

/** The amount an app's text shows: `150 000 FCFA` → 150000, `-2 500 FCFA` or `− 2 500 FCFA` → -2500. */
export function amountOf(text: string): number {
  const match = /([-\u2212]?)\s*(\d{1,3}(?:[\u202f\u00a0 ,]\d{3})*)\s*FCFA/.exec(text);
  expect(match, `an amount in « ${text} »`).toBeTruthy();
  const value = Number(match![2].replace(/\D/g, ""));
  return match![1] ? -value : value;
}

/** The id of a demo client, by its name (`Akwaba Digital`), from an API context of NOURX staff. */
export async function clientIdByName(api: APIRequestContext, name: string): Promise<string> {
  const clients = (await (await api.get(`/api/clients/?q=${encodeURIComponent(name)}`)).json()) as { results: { id: string; name: string }[] };
  const client = clients.results.find((row) => row.name === name);
  expect(client, `the demo data has the client ${name}`).toBeTruthy();
  return client!.id;
}

/** Opens an invoice of the portal from its list, by its subject: a card on phones, a table row above. */
export async function openInvoiceFromList(page: Page, title: string, filter = "") {
  await page.goto(`/factures${filter}`);
  await streamed(page);
  const entry = page.getByTestId("invoice-list").locator("li, tr").filter({ hasText: title }).filter({ visible: true }).first();
  await entry.getByRole("link").first().click();
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: /Facture NX-\d{4}-\d{4}/ })).toBeVisible();
}

/** One row of a totals block (`data-testid="totals"`): the amount beside its label (« Total TTC », /^TVA 18/). */
export function totalsRow(totals: Locator, label: string | RegExp): Locator {
  return totals.locator("div").filter({ has: totals.page().locator("dt").filter({ hasText: label }) }).locator("dd");
}

export type StatementEntry = { reference: string; kind: string; debit: number; credit: number; balance: number };

/**
 * The statement of account as this screen shows it (components/billing/statement.tsx): the
 * table's rows from `md` up, the cards on a phone, each read into numbers; and its opening and
 * closing balances.
 */
export async function readStatement(page: Page, testInfo: TestInfo) {
  const lines: StatementEntry[] = [];
  if (testInfo.project.name === "phone") {
    for (const card of await page.getByTestId("statement-card").all()) {
      await expect(card).toBeVisible();
      const text = (await card.textContent()) ?? "";
      const amount = /(Débit|Crédit)\s*[+\u2212-]/.exec(text);
      const [head, balance] = text.split("Solde :");
      // « + 150 000 FCFA » or « − 150 000 FCFA »: the sign is the column's.
      const value = Math.abs(amountOf(head));
      lines.push({
        kind: (await card.locator("span.font-medium").first().textContent()) ?? "",
        // Invoices, credit notes (and their refunds), payments: NX-…, AV-…, REC-… (the amount's
        // « FCFA » runs into it in the text).
        reference: /(?:NX|AV|REC)-\d{4}-\d{4,}/.exec(text)?.[0] ?? "",
        debit: amount?.[1] === "Débit" ? value : 0,
        credit: amount?.[1] === "Crédit" ? value : 0,
        balance: amountOf(balance ?? ""),
      });
    }
  } else {
    for (const row of await page.getByTestId("statement-line").all()) {
      await expect(row).toBeVisible();
      const cells = (await row.locator("td").allTextContents()).map((cell) => cell.trim());
      lines.push({
        kind: cells[1],
        reference: cells[2],
        debit: cells[3] ? amountOf(cells[3]) : 0,
        credit: cells[4] ? amountOf(cells[4]) : 0,
        balance: amountOf(cells[5]),
      });
    }
  }
  const opening = amountOf((await page.getByTestId("opening-balance").textContent()) ?? "");
  const closing = amountOf((await page.getByTestId("closing-balance").textContent()) ?? "");
  return { opening, lines, closing };
}
/** What the CinetPay sandbox's checkout page says of itself. */
export const SANDBOX_LABEL = "Environnement de test CinetPay (bac à sable)";

/** Opens the invoice's pay dialog and answers with the balance it offers (`150 000 FCFA`). */
export async function openPayDialog(page: Page) {
  await page.getByRole("button", { name: "Payer", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: /^Payer la facture NX-\d{4}-\d{4}$/ });
  await expect(dialog).toBeVisible();
  const description = (await dialog.getByText(/^Reste à payer :/).textContent()) ?? "";
  const balance = MONEY.exec(description)?.[0];
  expect(balance, description).toBeTruthy();
  return { dialog, balance: balance! };
}

/** From the open pay dialog to CinetPay's checkout page (the sandbox, over HTTPS), and waits for it. */
export async function continueToCheckout(page: Page) {
  const dialog = page.getByTestId("pay-dialog");
  const sandbox = process.env.E2E_SANDBOX_URL ?? "";
  expect(sandbox, "scripts/e2e.sh sets E2E_SANDBOX_URL").toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  // The page itself answers: a certificate error would show Chromium's interstitial instead.
  const checkout = page.waitForResponse((response) => response.url().startsWith(`${sandbox}/payment/`));
  await dialog.getByRole("button", { name: "Continuer vers le paiement" }).click();
  expect((await checkout).status()).toBe(200);
  await page.waitForURL((url) => url.href.startsWith(`${sandbox}/payment/`), { timeout: 30_000 });
  await expect(page.getByText(SANDBOX_LABEL)).toBeVisible({ timeout: 30_000 });
  expect(new URL(page.url()).protocol).toBe("https:");
}

/** Back from CinetPay on `/paiements/{id}`. */
export async function waitForReturnPage(page: Page) {
  await page.waitForURL(/\/paiements\/[0-9a-f-]+$/, { timeout: 30_000 });
  await streamed(page);
}

/**
 * Adds a document to a project through the API, as the upload zone does: presign, the file to the
 * storage (its form's fields, then the file), complete. Answers with the document's id.
 */
export async function uploadDocument(
  api: APIRequestContext,
  projectId: string,
  file: { name: string; mimeType: string; buffer: Buffer },
): Promise<string> {
  const form = await apiSend<{ document_id: string; url: string; fields: Record<string, string> }>(api, "POST", "/api/uploads/presign/", {
    project_id: projectId,
    filename: file.name,
    size: file.buffer.length,
    content_type: file.mimeType,
  });
  const stored = await api.post(form.url, { multipart: { ...form.fields, file } });
  expect(stored.ok(), `storage answered ${stored.status()}`).toBe(true);
  await apiSend(api, "POST", `/api/documents/${form.document_id}/complete/`);
  return form.document_id;
}
