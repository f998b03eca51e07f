import { expect, request, test, type APIRequestContext, type Page } from "@playwright/test";
import { formatMoney } from "../lib/format";
import { ADMIN, AWA, adminApi, apiSend, checkScreen, expectAccessible, expectNoHorizontalScroll, loginByApi, SANDBOX_LABEL, screenshot, secondBrowser, streamed } from "./helpers";

/**
 * Pay links (issue 16): an invoice paid by someone without an account. Staff make the link on the
 * invoice's page; a browser with no session opens it, pays half through the CinetPay sandbox and
 * downloads the receipt; staff disable the link and it says so. On the desktop project, a client
 * shares an invoice from the portal and the link's page is checked in English and at phone width.
 *
 * The flow pays part of an invoice of Lagune Immobilier, a client no other spec pays or records
 * payments for; the portal's « Partager » only makes a link, which changes nothing on the invoice.
 */

type Invoice = { id: string; number: string | null; client_name: string; title: string; status: string; is_overdue: boolean; balance_due: number };

const money = (amount: number) => formatMoney(amount, "XOF", "fr");

async function unpaidInvoice(api: APIRequestContext, clientName: string, pick: (invoice: Invoice) => boolean): Promise<Invoice> {
  const page = (await (await api.get(`/api/invoices/?status=unpaid&search=${encodeURIComponent(clientName)}&page_size=50`)).json()) as { results: Invoice[] };
  const invoice = page.results.find((row) => row.client_name === clientName && pick(row));
  expect(invoice, `the demo data has an unpaid invoice of ${clientName}`).toBeTruthy();
  return invoice!;
}

/** An API context logged in as `user` through the web app (as `adminApi`). */
async function apiAs(baseURL: string, user: { email: string; password: string }): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: new URL(baseURL).origin } });
  const { csrftoken } = await (await api.get("/api/auth/csrf/")).json();
  expect((await api.post("/api/auth/login/", { data: user, headers: { "X-CSRFToken": csrftoken } })).status()).toBe(200);
  return api;
}

/** The link's address as the « Liens de paiement » or « Partager » panel shows it, and its WhatsApp message. */
async function sharedLink(page: Page, number: string, balance: number) {
  const panel = page.getByTestId("share-link");
  const url = await panel.getByTestId("share-url").inputValue();
  expect(url).toMatch(/\/payer\/[A-Za-z0-9_-]{43}$/);
  const whatsApp = (await panel.getByTestId("share-whatsapp").getAttribute("href")) ?? "";
  expect(whatsApp.startsWith("https://wa.me/?text=")).toBe(true);
  const message = decodeURIComponent(whatsApp.slice("https://wa.me/?text=".length));
  expect(message).toContain(number);
  expect(message).toContain(money(balance));
  expect(message.endsWith(url)).toBe(true);
  expect(await panel.getByTestId("share-sms").getAttribute("href")).toBe(`sms:?body=${encodeURIComponent(message)}`);
  return new URL(url).pathname;
}

test("staff make a pay link; someone without an account pays half on CinetPay and gets the receipt; disabled, the link says so", async ({ page, browser, baseURL }, testInfo) => {
  test.skip(testInfo.project.name !== "phone", "one payment per run: the phone is who pays through links");
  const api = await adminApi(baseURL!);
  const invoice = await unpaidInvoice(api, "Lagune Immobilier", (row) => row.is_overdue && row.balance_due > 100_000);
  const number = invoice.number!;

  // Staff make a link valid a week, from the invoice's page.
  await loginByApi(page, ADMIN);
  await page.goto(`/admin/facturation/factures/${invoice.id}`);
  await streamed(page);
  const section = page.getByTestId("pay-links");
  const days = section.getByLabel("Validité (jours)");
  await days.fill("120");
  await section.getByRole("button", { name: "Créer un lien" }).click();
  await expect(section.getByText("Indiquez un nombre de jours entre 1 et 90.")).toBeVisible();
  await days.fill("7");
  await section.getByRole("button", { name: "Créer un lien" }).click();
  const path = await sharedLink(page, number, invoice.balance_due);

  // Someone else's phone: no session, no cookie.
  const payer = await secondBrowser(browser, testInfo);
  const phone = await payer.newPage();
  expect((await phone.goto(path))?.status()).toBe(200);
  await expect(phone.getByRole("heading", { level: 1, name: `Facture ${number}` })).toBeVisible();
  await expect(phone.getByText("En retard", { exact: true })).toBeVisible();
  await expect(phone.getByTestId("pay-link-balance")).toContainText(money(invoice.balance_due));
  const pdf = await phone.request.get((await phone.getByTestId("pay-link-pdf").getAttribute("href"))!);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");

  // Half of it, by Mobile Money.
  const half = Math.floor(invoice.balance_due / 2 / 5) * 5;
  const form = phone.getByTestId("pay-link-form");
  await expect(form.getByRole("radio", { name: /Tout le solde/ })).toBeChecked();
  await form.getByRole("radio", { name: /Un acompte/ }).check();
  await form.getByLabel("Montant de l'acompte (FCFA)").fill(String(half));
  await expect(form.getByTestId("pay-summary")).toContainText(`Vous allez payer ${money(half)}`);
  await checkScreen(phone, testInfo, "pay-link");

  const sandbox = process.env.E2E_SANDBOX_URL ?? "";
  await form.getByRole("button", { name: "Continuer vers le paiement" }).click();
  await phone.waitForURL((url) => url.href.startsWith(`${sandbox}/payment/`), { timeout: 30_000 });
  await expect(phone.getByText(SANDBOX_LABEL)).toBeVisible();
  await phone.getByRole("radio", { name: "Orange Money" }).check();
  await phone.getByRole("button", { name: "Payer", exact: true }).click();

  // Back on the link's return page, which found the link again in the tab's storage.
  await phone.waitForURL(/\/payer\/retour\?paiement=[0-9a-f-]+$/, { timeout: 30_000 });
  await expect(phone.getByRole("status").filter({ hasText: "Paiement reçu" })).toBeVisible({ timeout: 30_000 });
  await expect(phone.getByTestId("payment-result")).toContainText(money(half));
  const receipt = await phone.request.get((await phone.getByTestId("receipt-download").getAttribute("href"))!);
  expect(receipt.status()).toBe(200);
  expect(receipt.headers()["content-type"]).toContain("application/pdf");
  expect((await receipt.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await checkScreen(phone, testInfo, "pay-link-paid");

  // The invoice now asks for the other half.
  await phone.getByRole("link", { name: "Revenir à la facture" }).click();
  await expect(phone.getByTestId("pay-link-balance")).toContainText(money(invoice.balance_due - half));

  // Staff see the link used, and disable it.
  await page.reload();
  await streamed(page);
  const link = section.getByTestId("pay-link").first();
  await expect(link.getByTestId("pay-link-state")).toHaveText("Actif");
  await expect(link).toContainText("Mariam Diallo");
  // Opened, back from CinetPay, back to the invoice: one visit, one use.
  await expect(link).toContainText("Ouvert 1 fois");
  await expect(section).toContainText("Une ouverture compte une fois par adresse internet et par demi-heure");
  await link.getByRole("button", { name: /^Désactiver le lien/ }).click();
  const confirm = page.getByRole("alertdialog", { name: "Désactiver ce lien ?" });
  await confirm.getByRole("button", { name: "Désactiver" }).click();
  await expect(confirm).toBeHidden();
  await expect(link.getByTestId("pay-link-state")).toHaveText("Désactivé");
  await screenshot(page, testInfo, "admin-pay-links");

  // A link that leads nowhere any more answers 404, with what happened and what to do.
  expect((await phone.goto(path))?.status()).toBe(404);
  await expect(phone.getByRole("heading", { level: 1, name: "Lien désactivé" })).toBeVisible();
  await expect(phone.getByText("Ce lien de paiement a été désactivé.", { exact: false })).toBeVisible();
  await expect(phone.getByText("Vous avez un compte client NOURX ?", { exact: false })).toBeVisible();
  await expect(phone.getByRole("button", { name: "Continuer vers le paiement" })).toHaveCount(0);
  await checkScreen(phone, testInfo, "pay-link-revoked");
  expect((await phone.goto(`/payer/${"x".repeat(43)}`))?.status()).toBe(404);
  await expect(phone.getByRole("heading", { level: 1, name: "Lien invalide" })).toBeVisible();
  await expect(phone.getByText("demandez-en un nouveau à la personne qui vous l'a envoyé, ou à NOURX", { exact: false })).toBeVisible();
  expect((await phone.goto("/payer/pas-un-lien"))?.status()).toBe(404);
  await expect(phone.getByRole("heading", { level: 1, name: "Lien invalide" })).toBeVisible();
  await payer.close();
});

test("a client shares an invoice from the portal; the link's page reads in English and fits a phone", async ({ page, browser }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "the phone project pays through a link above");
  await loginByApi(page, AWA);
  await page.goto("/factures?statut=unpaid");
  const entry = page.getByTestId("invoice-list").locator("li, tr").filter({ hasText: "Hébergement et maintenance — T3" }).filter({ visible: true }).first();
  await entry.getByRole("link").first().click();
  await streamed(page);
  const title = page.getByRole("heading", { level: 1, name: /^Facture NX-\d{4}-\d{4}$/ });
  await expect(title).toBeVisible();
  const number = /NX-\d{4}-\d{4}/.exec((await title.textContent()) ?? "")![0];
  const balance = Number((await (await page.request.get(`/api/invoices/${page.url().split("/").pop()}/`)).json()).balance_due);

  await page.getByRole("button", { name: "Partager" }).click();
  const dialog = page.getByRole("dialog", { name: `Partager la facture ${number}` });
  await expect(dialog.getByTestId("share-url")).toHaveValue(/\/payer\//);
  await expect(dialog).toContainText(/Valable jusqu'au \d{2}\/\d{2}\/\d{4}\./);
  const path = await sharedLink(page, number, balance);
  await screenshot(page, testInfo, "portal-share", { fullPage: false });
  await expectAccessible(page);

  // In English, on a wide screen, then on a 360 px phone.
  const reader = await secondBrowser(browser, testInfo);
  await reader.addCookies([{ name: "NEXT_LOCALE", value: "en", url: new URL(page.url()).origin }]);
  const other = await reader.newPage();
  await other.goto(path);
  await expect(other.getByRole("heading", { level: 1, name: `Invoice ${number}` })).toBeVisible();
  await expect(other.getByText("Overdue", { exact: true })).toBeVisible();
  await expect(other.getByRole("button", { name: "Continue to payment" })).toBeVisible();
  await checkScreen(other, testInfo, "pay-link-en");
  await other.setViewportSize({ width: 360, height: 740 });
  await expectNoHorizontalScroll(other);
  await screenshot(other, testInfo, "pay-link-en-360");
  await reader.close();
});

test("a payer whose browser prefers English reads the link in English, and the FR/EN switch sticks", async ({ browser, baseURL }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one run is enough: the page is the same on a phone");
  const api = await adminApi(baseURL!);
  const invoice = await unpaidInvoice(api, "Lagune Immobilier", () => true);
  const made = await apiSend<{ url: string }>(api, "POST", `/api/invoices/${invoice.id}/pay-links/`, {});
  const path = new URL(made.url).pathname;

  // No cookie, a browser set to English (Accept-Language: en-GB): the page is in English.
  const { viewport, timezoneId } = testInfo.project.use;
  const reader = await browser.newContext({ viewport, timezoneId, baseURL, locale: "en-GB" });
  const page = await reader.newPage();
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: `Invoice ${invoice.number}` })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  // « Français » from the switch, kept in the portal's locale cookie: a reload stays French.
  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Facture ${invoice.number}` })).toBeVisible();
  expect((await reader.cookies()).find((cookie) => cookie.name === "NEXT_LOCALE")?.value).toBe("fr");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: `Facture ${invoice.number}` })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Invoice ${invoice.number}` })).toBeVisible();
  await reader.close();
});

test("a payment started in the portal and resumed from the link comes back to the link's pages", async ({ browser, baseURL }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "the phone project pays through a link above");
  // Lagune's owner starts paying in the portal and leaves CinetPay's page; the payment is refused
  // at the end, so the invoice stays as it was.
  const fatou = await apiAs(baseURL!, { email: "fatou@laguneimmo.demo", password: "demo-client-2026" });
  const invoice = await unpaidInvoice(fatou, "Lagune Immobilier", (row) => row.balance_due >= 1_000);
  const started = await apiSend<{ id: string }>(fatou, "POST", "/api/payments/init/", { invoice_id: invoice.id }, 201);
  const made = await apiSend<{ url: string }>(fatou, "POST", `/api/invoices/${invoice.id}/pay-links/`, {}, 201);

  // Whoever holds the link resumes it, and CinetPay's return brings them back to the link's pages.
  const reader = await secondBrowser(browser, testInfo);
  const page = await reader.newPage();
  await page.goto(new URL(made.url).pathname);
  await expect(page.getByText("Un paiement de cette facture est déjà en cours.")).toBeVisible();
  const sandbox = process.env.E2E_SANDBOX_URL ?? "";
  await page.getByRole("link", { name: "Reprendre le paiement" }).click();
  await page.waitForURL((url) => url.href.startsWith(`${sandbox}/payment/`), { timeout: 30_000 });
  await page.getByRole("button", { name: "Refuser le paiement" }).click();
  await page.waitForURL(new RegExp(`/payer/retour\\?paiement=${started.id}$`), { timeout: 30_000 });
  await expect(page.getByRole("status").filter({ hasText: "Paiement refusé" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("link", { name: "Revenir à la facture" })).toBeVisible();
  await reader.close();
  await fatou.dispose();
});
