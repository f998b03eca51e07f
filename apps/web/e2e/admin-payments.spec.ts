import { expect, request, test, type APIRequestContext, type Page, type TestInfo } from "@playwright/test";
import { formatMoney } from "../lib/format";
import { ADMIN, adminApi, apiSend, checkScreen, listRows, loginByApi, screenshot, streamed } from "./helpers";

/**
 * The payments console (issue 16, staff side), on a phone and on a desktop: an offline payment
 * recorded by staff from the invoice's page and voided by an admin; the console filtered by
 * source; a payment's page with its whole journal (an online payment through the CinetPay
 * sandbox, re-checked by staff, then accepted).
 *
 * Both projects share one database and run one after the other, and other specs pay Akwaba's and
 * Baobab's invoices: these tests use the year-of-history clients' current invoices, a different
 * one per project, and leave every balance as they found it (the offline payment is voided, the
 * online one is a small instalment).
 */

const STAFF = { email: "staff@nourx.demo", password: "demo-staff-2026" };
const CLIENT_PASSWORD = "demo-client-2026";

/** Whose invoice each project records a transfer on, and whose it pays online. */
const OFFLINE_CLIENT: Record<string, string> = { phone: "Sahel Transit", desktop: "Kente Couture" };
const ONLINE_CLIENT: Record<string, { name: string; email: string }> = {
  phone: { name: "Savane Clinique", email: "drkouame@savaneclinique.demo" },
  desktop: { name: "Sahel Transit", email: "ibrahim@saheltransit.demo" },
};

type Invoice = { id: string; number: string | null; client_name: string; status: string; is_overdue: boolean; balance_due: number; currency: string };
type Payment = { id: string; status: string; transaction_id: string; receipt_number: string | null; source: string; invoice_id: string };
type Page_<T> = { count: number; results: T[] };

const money = (amount: number) => formatMoney(amount, "XOF", "fr");

/** A sent invoice of `clientName`, not overdue, with enough left to pay a part of it. */
async function sentInvoiceOf(api: APIRequestContext, clientName: string): Promise<Invoice> {
  const page = (await (await api.get(`/api/invoices/?status=unpaid&search=${encodeURIComponent(clientName)}&ordering=-issue_date&page_size=50`)).json()) as Page_<Invoice>;
  const invoice = page.results.find((row) => row.client_name === clientName && !row.is_overdue && row.balance_due > 50_000);
  expect(invoice, `the demo data has a current unpaid invoice of ${clientName}`).toBeTruthy();
  return invoice!;
}

async function balanceOf(api: APIRequestContext, invoiceId: string): Promise<number> {
  return ((await (await api.get(`/api/invoices/${invoiceId}/`)).json()) as Invoice).balance_due;
}

async function openInvoice(page: Page, invoice: Invoice) {
  await page.goto(`/admin/facturation/factures/${invoice.id}`);
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: `Facture ${invoice.number}` })).toBeVisible();
}

async function shootDialog(page: Page, testInfo: TestInfo, name: string) {
  await screenshot(page, testInfo, name, { fullPage: false });
}

test("staff record part of an invoice as a bank transfer, with its proof; an admin voids it and the balance comes back", async ({ page, baseURL }, testInfo) => {
  const api = await adminApi(baseURL!);
  const invoice = await sentInvoiceOf(api, OFFLINE_CLIENT[testInfo.project.name]);
  const before = invoice.balance_due;
  const part = 25_000;

  await loginByApi(page, STAFF);
  await openInvoice(page, invoice);
  await expect(page.getByTestId("balance-due")).toHaveText(money(before));
  await page.locator("#paiements").getByRole("button", { name: "Enregistrer un paiement" }).click();
  const dialog = page.getByRole("dialog", { name: "Enregistrer un paiement" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`Facture ${invoice.number}`);

  // The whole balance by default; not more, not in the future.
  const amount = dialog.getByLabel("Montant (FCFA)");
  await expect(amount).toHaveValue(String(before));
  await amount.fill(String(before + 1));
  await dialog.getByLabel("Reçu le").fill("2099-01-01");
  await dialog.getByRole("button", { name: "Enregistrer le paiement" }).click();
  await expect(dialog.getByText(`Le montant dépasse le reste dû (${money(before)}).`)).toBeVisible();
  await expect(dialog.getByText("La date ne peut pas être dans le futur.")).toBeVisible();
  await expect(amount).toHaveAttribute("aria-invalid", "true");

  // A part of it, by bank transfer received yesterday, with the bank's slip.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await dialog.getByLabel("Moyen de paiement").selectOption({ label: "Virement bancaire" });
  await dialog.getByLabel("Reçu le").fill(yesterday);
  await amount.fill("25 000");
  const reference = `VIR-E2E-${testInfo.project.name}-${Date.now()}`;
  await dialog.getByLabel(/^Référence/).fill(reference);
  await dialog.getByLabel(/^Justificatif/).setInputFiles({ name: "bordereau.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% bordereau de virement\n%%EOF\n") });
  await expect(dialog.getByTestId("proof-name")).toHaveText("bordereau.pdf");
  await shootDialog(page, testInfo, "admin-offline-dialog");
  await dialog.getByRole("button", { name: "Enregistrer le paiement" }).click();

  // The receipt's number, its PDF, and the proof sent after.
  const saved = dialog.getByTestId("offline-saved");
  await expect(saved).toContainText(`Paiement de ${money(part)} enregistré`);
  const receipt = (await saved.getByTestId("receipt-number").textContent()) ?? "";
  expect(receipt).toMatch(/^REC-\d{4}-\d{4,}$/);
  await expect(saved.getByText("Justificatif joint au paiement.")).toBeVisible();
  const pdf = saved.getByRole("link", { name: `Reçu ${receipt} (PDF)` });
  await expect(pdf).toHaveAttribute("href", /^\/api\/payments\/[0-9a-f-]+\/receipt\/\?lang=fr$/);
  const receiptPdf = await page.request.get((await pdf.getAttribute("href"))!);
  expect(receiptPdf.status()).toBe(200);
  expect((await receiptPdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await shootDialog(page, testInfo, "admin-offline-saved");
  await saved.getByRole("button", { name: "Fermer" }).click();

  // The invoice's balance went down; the payment is in its list, offline.
  await expect(page.getByTestId("balance-due")).toHaveText(money(before - part));
  const section = page.locator("#paiements");
  const row = (testInfo.project.name === "phone" ? section.getByTestId("staff-payment") : section.locator("tbody tr")).filter({ hasText: reference });
  await expect(row).toContainText("Virement bancaire");
  await expect(row).toContainText("Hors ligne");

  // Staff open it: its facts and journal, but no "Annuler" (admins only).
  await row.getByRole("link", { name: /^Ouvrir le paiement / }).click();
  await page.waitForURL(/\/admin\/paiements\/[0-9a-f-]+$/);
  await streamed(page);
  const paymentUrl = page.url();
  await expect(page.getByRole("heading", { level: 1, name: `Paiement de ${money(part)}` })).toBeVisible();
  await expect(page.getByText("Virement bancaire", { exact: true })).toBeVisible();
  const proof = await page.request.get((await page.getByRole("link", { name: "bordereau.pdf" }).getAttribute("href"))!);
  expect(proof.status()).toBe(200);
  expect((await proof.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await expect(page.getByTestId("journal-entry").first()).toContainText("Paiement hors ligne enregistré");
  await expect(page.getByRole("button", { name: "Annuler le paiement" })).toHaveCount(0);

  // An admin voids it, with a reason (required).
  await loginByApi(page, ADMIN);
  await page.goto(paymentUrl);
  await streamed(page);
  await page.getByRole("button", { name: "Annuler le paiement" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Annuler ce paiement ?" });
  await confirm.getByRole("button", { name: "Annuler le paiement" }).click();
  await expect(confirm.getByText("Indiquez pourquoi vous annulez ce paiement.")).toBeVisible();
  await confirm.getByLabel("Motif de l'annulation").fill("Virement rejeté par la banque");
  await shootDialog(page, testInfo, "admin-payment-void");
  await confirm.getByRole("button", { name: "Annuler le paiement" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId("voided-notice")).toContainText("Motif : Virement rejeté par la banque");
  await expect(page.getByTestId("payment-status").first()).toHaveText("Annulé");
  await expect(page.getByTestId("journal-entry").last()).toContainText("Paiement annulé");
  await expect(page.getByRole("button", { name: "Annuler le paiement" })).toHaveCount(0);
  await checkScreen(page, testInfo, "admin-payment-voided");

  // The balance is back; the voided payment stays, struck through, with its reason.
  expect(await balanceOf(api, invoice.id)).toBe(before);
  await openInvoice(page, invoice);
  await expect(page.getByTestId("balance-due")).toHaveText(money(before));
  const voided = (testInfo.project.name === "phone" ? page.locator("#paiements").getByTestId("staff-payment") : page.locator("#paiements tbody tr")).filter({ hasText: reference });
  await expect(voided.getByTestId("payment-status")).toHaveText("Annulé");
  await expect(voided).toContainText("Motif : Virement rejeté par la banque");
  await api.dispose();
});

test("the console lists payments by source, flagged ones, and links to the dead jobs", async ({ page, baseURL }, testInfo) => {
  const api = await adminApi(baseURL!);
  const offline = (await (await api.get("/api/payments/?source=offline&page_size=100")).json()) as Page_<Payment>;
  expect(offline.results.every((payment) => payment.source === "offline")).toBe(true);

  await loginByApi(page, STAFF);
  await page.goto("/admin/paiements");
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: "Paiements" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Vérifications en échec" })).toHaveAttribute("href", "/admin/journal/travaux?status=dead");

  // Source: offline, in the address, as a chip; every row says so.
  await page.getByLabel("Source", { exact: true }).selectOption("offline");
  await page.waitForURL((url) => url.searchParams.get("source") === "offline");
  await expect(page.getByRole("button", { name: "Retirer le filtre « Source : Hors ligne »" })).toBeVisible();
  const rows = listRows(page, testInfo, { table: "payment-table", card: "payment-card" });
  if (offline.count === 0) {
    await expect(page.getByText("Aucun paiement ne correspond à ces filtres.", { exact: false })).toBeVisible();
  } else {
    await expect(page.getByText(offline.count === 1 ? "1 paiement" : `${offline.count} paiements`, { exact: true })).toBeVisible();
    await expect(rows).toHaveCount(Math.min(offline.count, 25));
    for (const row of await rows.all()) await expect(row).toContainText("Hors ligne");
  }
  await checkScreen(page, testInfo, "admin-payments-offline");

  // "Signalés": the flagged payments only, the reason on each.
  await page.getByRole("button", { name: "Retirer le filtre « Source : Hors ligne »" }).click();
  await page.waitForURL((url) => !url.searchParams.has("source"));
  await page.getByRole("button", { name: "Signalés", exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get("status") === "flagged");
  await expect(rows.first()).toContainText("Signalé");
  await expect(rows.first()).toContainText(/\d[\d\u202f]*\u00a0FCFA/);

  // A flagged payment: staff read why and that an admin decides; an admin can decide.
  await rows.first().getByRole("link").first().click();
  await page.waitForURL(/\/admin\/paiements\/[0-9a-f-]+$/);
  await streamed(page);
  const flagged = page.getByTestId("flagged-card");
  await expect(flagged).toContainText("Motif :");
  await expect(flagged).toContainText("Un administrateur décide de la suite");
  await expect(page.getByTestId("resolve-form")).toHaveCount(0);
  await loginByApi(page, ADMIN);
  await page.reload();
  await streamed(page);
  const form = page.getByTestId("resolve-form");
  await expect(form.getByRole("radio", { name: /^L'imputer à une autre facture de / })).toBeChecked();
  await form.getByRole("radio", { name: /^Le laisser signalé/ }).check();
  await form.getByRole("button", { name: "Enregistrer la décision" }).click();
  await expect(form.getByText("Indiquez le motif de votre décision.")).toBeVisible();
  await checkScreen(page, testInfo, "admin-payment-flagged");
  await api.dispose();
});

test("a payment's page shows its whole journal: start, notifications, checks (one asked by staff), settlement", async ({ page, baseURL }, testInfo) => {
  const { name, email } = ONLINE_CLIENT[testInfo.project.name];
  const api = await adminApi(baseURL!);
  const invoice = await sentInvoiceOf(api, name);

  // The client starts an instalment online; CinetPay's page is left waiting.
  const client = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: new URL(baseURL!).origin } });
  const { csrftoken } = await (await client.get("/api/auth/csrf/")).json();
  expect((await client.post("/api/auth/login/", { data: { email, password: CLIENT_PASSWORD }, headers: { "X-CSRFToken": csrftoken } })).status()).toBe(200);
  const started = await apiSend<Payment>(client, "POST", "/api/payments/init/", { invoice_id: invoice.id, amount: 5_000, channel: "MOBILE_MONEY" });

  // Staff ask CinetPay now: still waiting.
  await loginByApi(page, STAFF);
  await page.goto(`/admin/paiements/${started.id}`);
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: `Paiement de ${money(5_000)}` })).toBeVisible();
  await page.getByRole("button", { name: "Vérifier maintenant" }).click();
  await expect(page.getByTestId("recheck-result")).toContainText("CinetPay a répondu");
  await expect(page.getByTestId("journal-entry").filter({ hasText: "Vérification auprès de CinetPay" })).toHaveCount(1);

  // The payer accepts on CinetPay's side: ping, signed notification, check, settlement.
  const sandbox = await request.newContext({ baseURL: process.env.E2E_SANDBOX_URL, ignoreHTTPSErrors: true });
  const decided = await sandbox.post(`/_sandbox/transactions/${started.transaction_id}/decide`, { data: { outcome: "accept", operator: "OM" } });
  expect(decided.status(), await decided.text()).toBe(200);
  await expect
    .poll(async () => ((await (await api.get(`/api/payments/${started.id}/`)).json()) as Payment).status, { timeout: 30_000 })
    .toBe("accepted");

  await page.reload();
  await streamed(page);
  const entries = page.getByTestId("journal-entry");
  await expect(entries.first()).toContainText("Paiement initié");
  await expect(entries.filter({ hasText: "Notification reçue" }).filter({ hasText: "Valide : jeton vérifié" }).first()).toBeVisible();
  await expect(entries.filter({ hasText: "Déclenchée par : une notification" }).filter({ hasText: "Paiement confirmé" })).toHaveCount(1);
  await expect(entries.last()).toContainText("Paiement réglé");
  // The one staff asked for and the one the notification made (a reconciliation may add its own).
  expect(await entries.filter({ hasText: "Vérification auprès de CinetPay" }).count()).toBeGreaterThanOrEqual(2);
  await expect(page.getByRole("button", { name: "Vérifier maintenant" })).toHaveCount(0);
  await expect(page.getByText("Orange Money", { exact: true })).toBeVisible();
  await checkScreen(page, testInfo, "admin-payment-journal");

  await Promise.all([api.dispose(), client.dispose(), sandbox.dispose()]);
});
