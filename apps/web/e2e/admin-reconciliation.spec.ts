import { expect, request, test, type APIRequestContext, type Locator, type Page, type TestInfo } from "@playwright/test";
import { formatMoney } from "../lib/format";
import { ADMIN, adminApi, checkScreen, continueToCheckout, listRows, loginByApi, openPayDialog, streamed, waitForReturnPage } from "./helpers";

/**
 * Reconciliation with CinetPay (issue 16): a client pays an instalment through the CinetPay
 * sandbox; an admin downloads the sandbox's statement (`GET /merchant/transactions.csv`), adds a
 * transaction NOURX never saw, and imports it from the page: the paid transaction matches, the
 * other one is "Absent de NOURX". The collected-money report then counts the payment under its
 * operator.
 *
 * Both projects share one database and one sandbox: each pays Savane Clinique's current invoice
 * (a small instalment, as admin-payments.spec does) with its own operator, and counts what it
 * added to that operator's row; the statement holds every transaction of the run, so the test
 * finds its own lines by their transaction id.
 */

const SAVANE = { name: "Savane Clinique", email: "drkouame@savaneclinique.demo", password: "demo-client-2026" };
const INSTALMENT = 5_000;
/** The operator each project pays with: the sandbox's label, and the report's key and name. */
const OPERATOR: Record<string, { checkout: string; key: string; name: string }> = {
  phone: { checkout: "MTN MoMo", key: "mtn", name: "MTN MoMo" },
  desktop: { checkout: "Moov Money", key: "moov", name: "Moov Money" },
};

type Invoice = { id: string; number: string | null; client_name: string; is_overdue: boolean; balance_due: number };
type Payment = { id: string; status: string; transaction_id: string; amount: number; invoice_id: string };
type Collected = { count: number; amount: number; operators: { operator: string; count: number; amount: number }[] };

const money = (amount: number) => formatMoney(amount, "XOF", "fr");
const payments = (count: number) => (count === 1 ? "1 paiement" : `${count} paiements`);

/** A sent invoice of the client, not overdue, with enough left for an instalment. */
async function currentInvoice(api: APIRequestContext): Promise<Invoice> {
  const page = (await (await api.get(`/api/invoices/?status=unpaid&search=${encodeURIComponent(SAVANE.name)}&ordering=-issue_date&page_size=50`)).json()) as { results: Invoice[] };
  const invoice = page.results.find((row) => row.client_name === SAVANE.name && !row.is_overdue && row.balance_due > 50_000);
  expect(invoice, `the demo data has a current unpaid invoice of ${SAVANE.name}`).toBeTruthy();
  return invoice!;
}

/** What this month's report says of an operator (nothing yet: zero). */
async function collectedBy(api: APIRequestContext, operator: string) {
  const report = (await (await api.get("/api/admin/payments/collected/")).json()) as Collected;
  return report.operators.find((row) => row.operator === operator) ?? { count: 0, amount: 0 };
}

/** The client pays an instalment from the invoice's page on the sandbox's checkout; answers with the payment. */
async function payInstalment(page: Page, api: APIRequestContext, invoice: Invoice, operator: string): Promise<Payment> {
  await loginByApi(page, { email: SAVANE.email, password: SAVANE.password });
  await page.goto(`/factures/${invoice.id}`);
  await streamed(page);
  const { dialog } = await openPayDialog(page);
  await dialog.getByRole("radio", { name: /Un acompte/ }).check();
  await dialog.getByLabel("Montant de l'acompte (FCFA)").fill(String(INSTALMENT));
  await expect(dialog.getByTestId("pay-summary")).toContainText(`Vous allez payer ${money(INSTALMENT)}`);
  await continueToCheckout(page);
  await page.getByRole("radio", { name: operator }).check();
  await page.getByRole("button", { name: "Payer", exact: true }).click();
  await waitForReturnPage(page);
  await expect(page.getByRole("heading", { level: 1, name: "Paiement reçu" })).toBeVisible({ timeout: 30_000 });
  const id = new URL(page.url()).pathname.split("/").pop()!;
  const payment = (await (await api.get(`/api/payments/${id}/`)).json()) as Payment;
  expect(payment.status).toBe("accepted");
  return payment;
}

/**
 * The sandbox's statement with one more line: a transaction NOURX never saw, accepted today, in
 * the file's own columns and separator.
 */
async function statementWithUnknownLine(transactionId: string, unknownId: string): Promise<Buffer> {
  const sandbox = await request.newContext({ baseURL: process.env.E2E_SANDBOX_URL, ignoreHTTPSErrors: true });
  const response = await sandbox.get("/merchant/transactions.csv");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  const csv = (await response.body()).toString("utf8");
  await sandbox.dispose();
  expect(csv).toContain(transactionId);
  const newline = csv.includes("\r\n") ? "\r\n" : "\n";
  const [header, ...lines] = csv.replace(/^\uFEFF/, "").trimEnd().split(/\r?\n/);
  const columns = header.split(";");
  const paid = lines.find((line) => line.includes(transactionId))!.split(";");
  const at = (name: string) => columns.indexOf(name);
  expect(at("ID transaction"), header).toBeGreaterThanOrEqual(0);
  const made = [...paid];
  made[at("ID transaction")] = unknownId;
  if (at("Montant") >= 0) made[at("Montant")] = "12500";
  if (at("Frais") >= 0) made[at("Frais")] = "375";
  if (at("ID opérateur") >= 0) made[at("ID opérateur")] = "MP-E2E-INCONNU";
  return Buffer.from(`${csv.trimEnd()}${newline}${made.join(";")}${newline}`, "utf8");
}

/** The row (or card) of a transaction, paging through the lines until it shows. */
async function lineOf(page: Page, testInfo: TestInfo, transactionId: string): Promise<Locator> {
  const rows = listRows(page, testInfo, { table: "line-table", card: "line-card" }).filter({ hasText: transactionId });
  for (let turn = 0; turn < 20; turn++) {
    // The previous filter's or page's lines stay on screen, dimmed and busy, until the new ones come.
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await expect(listRows(page, testInfo, { table: "line-table", card: "line-card" }).first()).toBeVisible();
    if ((await rows.count()) > 0) return rows.first();
    const next = page.getByRole("navigation", { name: "Pages des lignes" }).getByRole("button", { name: "Suivante" });
    await expect(next, `${transactionId} is on one of the pages`).toBeEnabled();
    await next.click();
    await page.waitForURL((url) => url.searchParams.get("page") === String(turn + 2));
  }
  throw new Error(`${transactionId} not found`);
}

test("an admin imports CinetPay's statement: the paid transaction matches, an unknown one is flagged; the collected report counts the payment under its operator", async ({ page, baseURL }, testInfo) => {
  const operator = OPERATOR[testInfo.project.name];
  const api = await adminApi(baseURL!);
  const invoice = await currentInvoice(api);
  const before = await collectedBy(api, operator.key);

  // The client pays an instalment through the sandbox.
  const paid = await payInstalment(page, api, invoice, operator.checkout);
  const unknownId = `E2E-INCONNU-${testInfo.project.name}-${Date.now()}`;
  const statement = await statementWithUnknownLine(paid.transaction_id, unknownId);

  // The admin opens the reconciliation from the payments console's tabs.
  await loginByApi(page, ADMIN);
  await page.goto("/admin/paiements");
  await streamed(page);
  await page.getByRole("navigation", { name: "Sections des paiements" }).getByRole("link", { name: "Rapprochement" }).click();
  await page.waitForURL((url) => url.pathname === "/admin/paiements/rapprochement");
  await expect(page.getByRole("heading", { level: 1, name: "Rapprochement CinetPay" })).toBeVisible();
  await page.getByText("Format accepté").click();
  await expect(page.getByTestId("format-help")).toContainText("ID transaction");
  await expect(page.getByTestId("format-help")).toContainText("Windows-1252");

  const card = page.getByTestId("import-card");
  const fileInput = card.getByLabel("Relevé CinetPay (CSV)");
  const submit = card.getByRole("button", { name: "Importer et comparer" });

  // Not a CSV: refused before anything is sent.
  await fileInput.setInputFiles({ name: "releve.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
  await expect(card.locator("#statement-file-error")).toHaveText("Ce fichier n'est pas un CSV : exportez le relevé au format CSV.");
  await card.getByRole("button", { name: "Retirer releve.pdf" }).click();

  // A file without the columns needed: the API's reason beside the file.
  await card.getByLabel("Relevé CinetPay (CSV)").setInputFiles({ name: "export.csv", mimeType: "text/csv", buffer: Buffer.from("Référence;Somme\nA-1;1000\n") });
  await submit.click();
  await expect(card.locator("#statement-file-error")).toContainText("Colonnes introuvables");
  await card.getByRole("button", { name: "Retirer export.csv" }).click();

  // A statement without dates: the period is asked for.
  await card.getByLabel("Relevé CinetPay (CSV)").setInputFiles({ name: "sans-dates.csv", mimeType: "text/csv", buffer: Buffer.from("ID transaction;Montant;Statut\nX-1;1000;ACCEPTED\n") });
  await submit.click();
  await expect(card.getByTestId("period-error")).toContainText("indiquez la période");
  await expect(card.getByLabel("Du", { exact: true })).toBeFocused();
  // The focus scrolled the page: back to the top, so the full-page screenshot shows the header in its place.
  await page.evaluate(() => window.scrollTo(0, 0));
  await checkScreen(page, testInfo, "admin-reconciliation-errors");
  await card.getByRole("button", { name: "Retirer sans-dates.csv" }).click();

  // The sandbox's statement with its made-up line: imported, then its page opens.
  await card.getByLabel("Relevé CinetPay (CSV)").setInputFiles({ name: "transactions.csv", mimeType: "text/csv", buffer: statement });
  await expect(card.getByTestId("statement-name")).toHaveText("transactions.csv");
  await submit.click();
  await page.waitForURL(/\/admin\/paiements\/rapprochement\/[0-9a-f-]{36}$/);
  await streamed(page);
  const importUrl = page.url();
  await expect(page.getByRole("heading", { level: 1, name: "Relevé transactions.csv" })).toBeVisible();
  await expect(page.getByTestId("reconciliation-summary")).toContainText("Encaissé selon CinetPay");

  // The problems first: exactly one transaction unknown to NOURX, the made-up one.
  await expect(page.getByTestId("filter-problems")).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("filter-missing_in_nourx")).toHaveText("Absent de NOURX (1)");
  const unknown = await lineOf(page, testInfo, unknownId);
  await expect(unknown.getByTestId("verdict")).toHaveText("Absent de NOURX");
  await expect(unknown).toContainText("Inconnue de NOURX");
  await expect(unknown).toContainText(money(12_500));
  await expect(page.getByTestId("difference-note")).toContainText(/À examiner : .*Absent de NOURX \(1\)/);
  await expect(unknown.getByTestId("next-step")).toContainText("recherchez-la dans le back-office CinetPay");
  await checkScreen(page, testInfo, "admin-reconciliation-import");

  // The paid one agrees, with its client, invoice and payment.
  await page.getByTestId("filter-matched").click();
  await page.waitForURL((url) => url.searchParams.get("verdict") === "matched");
  const matched = await lineOf(page, testInfo, paid.transaction_id);
  await expect(matched.getByTestId("verdict")).toHaveText("Concordant");
  await expect(matched).toContainText(SAVANE.name);
  await expect(matched.getByText("Payé", { exact: true })).toBeVisible();
  await expect(matched.getByRole("link", { name: `Facture ${invoice.number}` })).toHaveAttribute("href", `/admin/facturation/factures/${invoice.id}`);
  await expect(matched.getByRole("link", { name: new RegExp(`Ouvrir le paiement ${paid.transaction_id}$`) })).toHaveAttribute("href", `/admin/paiements/${paid.id}`);
  // CinetPay's code for the operator, in words.
  await expect(matched).toContainText(`ACCEPTED · ${operator.name}`);
  await checkScreen(page, testInfo, "admin-reconciliation-matched");

  // The import is in the list, newest first, with its counts.
  await page.getByRole("link", { name: "Rapprochement", exact: true }).first().click();
  await page.waitForURL((url) => url.pathname === "/admin/paiements/rapprochement");
  const imports = listRows(page, testInfo, { table: "import-table", card: "import-card-row" });
  await expect(imports.first()).toContainText("transactions.csv");
  await expect(imports.first()).toContainText("1 Absent de NOURX");
  await expect(imports.first().getByRole("link", { name: "Ouvrir le rapprochement transactions.csv" })).toHaveAttribute("href", new URL(importUrl).pathname);
  await checkScreen(page, testInfo, "admin-reconciliation");

  // The collected report: this month, the payment under its operator.
  await page.getByRole("navigation", { name: "Sections des paiements" }).getByRole("link", { name: "Encaissements" }).click();
  await page.waitForURL((url) => url.pathname === "/admin/paiements/encaissements");
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: "Encaissements" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ce mois" })).toHaveAttribute("aria-current", "page");
  const row = page.getByTestId(`collected-operators-${operator.key}`);
  await expect(row).toContainText(operator.name);
  await expect(row.getByTestId("row-amount")).toHaveText(money(before.amount + INSTALMENT));
  await expect(row.getByTestId("row-count")).toHaveText(payments(before.count + 1));
  await expect(row.getByRole("link", { name: `Voir les paiements ${operator.name}` })).toHaveAttribute("href", /^\/admin\/paiements\?status=accepted&method=(MOMO|FLOOZ)&date_from=/);
  await expect(page.getByTestId("collected-channels-mobile_money")).toBeVisible();
  await checkScreen(page, testInfo, "admin-collected");

  // Another period, in the address.
  await page.getByRole("link", { name: "Mois dernier" }).click();
  await page.waitForURL((url) => url.searchParams.get("period") === "last_month");
  await expect(page.getByRole("link", { name: "Mois dernier" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("collected-total")).toBeVisible();
  await api.dispose();
});
