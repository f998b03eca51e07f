import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { ADMIN, adminApi, expectAccessible, expectNoHorizontalScroll, loginByApi, screenshot, streamed } from "./helpers";

/**
 * The back-office's read-only billing pages, on a phone and on a desktop: the overdue invoices of
 * every client (the dashboard's link), sorted by amount; one invoice with its lines, balance and
 * payments (a flagged one too); a quote; and the page of an unknown id.
 */

const INVOICES = "/admin/facturation/factures";
const UNKNOWN = "00000000-0000-7000-8000-000000000000";
const FCFA = /\d[\d\u202f]*\u00a0FCFA/;

type InvoiceRow = { id: string; number: string | null; total_ttc: number };
type Page_<T> = { count: number; results: T[] };

/** The list's rows as this screen shows them: table rows from `md` up, cards on a phone. */
function invoiceRows(page: Page, testInfo: TestInfo) {
  return testInfo.project.name === "phone" ? page.getByTestId("invoice-row") : page.getByTestId("invoice-table").locator("tbody tr");
}

async function checkPage(page: Page, testInfo: TestInfo, name: string) {
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, name);
  await expectAccessible(page);
}

test("staff read the overdue invoices, sort them by amount and open one: lines, balance, payments, PDF", async ({ page, baseURL }, testInfo) => {
  const api = await adminApi(baseURL!);
  const overdue = (await (await api.get("/api/invoices/?status=overdue&ordering=-total_ttc&page_size=100")).json()) as Page_<InvoiceRow>;
  expect(overdue.count, "the demo data has overdue invoices").toBeGreaterThan(0);

  await loginByApi(page, ADMIN);
  await page.goto(`${INVOICES}?status=overdue`);
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: "Factures" })).toBeVisible();
  await expect(page.getByText(overdue.count === 1 ? "1 facture" : `${overdue.count} factures`, { exact: true })).toBeVisible();
  await expect(page.getByLabel("Statut", { exact: true })).toHaveValue("overdue");
  await expect(page.getByRole("button", { name: "Retirer le filtre « Statut : En retard »" })).toBeVisible();

  // Only overdue invoices, their amounts in FCFA.
  const rows = invoiceRows(page, testInfo);
  await expect(rows).toHaveCount(Math.min(overdue.count, 25));
  for (const row of await rows.all()) {
    await expect(row).toContainText("En retard");
    await expect(row).toContainText(FCFA);
  }
  await checkPage(page, testInfo, "admin-invoices-overdue");

  // Sort by total, largest first: the address says so and the API's largest comes first.
  if (testInfo.project.name === "phone") {
    await page.getByLabel("Trier par").selectOption("-total_ttc");
  } else {
    await page.getByTestId("invoice-table").getByRole("button", { name: "Total TTC" }).click();
  }
  await page.waitForURL((url) => url.searchParams.get("ordering") === "-total_ttc" && url.searchParams.get("status") === "overdue");
  const first = overdue.results[0];
  await expect(rows.first()).toContainText(first.number!);
  if (testInfo.project.name !== "phone") {
    await expect(page.getByRole("columnheader", { name: "Total TTC" })).toHaveAttribute("aria-sort", "descending");
  }

  // Open the largest: its number as the heading, its lines, totals, balance and payments.
  await rows.first().getByRole("link", { name: first.number!, exact: true }).click();
  await page.waitForURL(`**${INVOICES}/${first.id}`);
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: `Facture ${first.number}` })).toBeVisible();
  await expect(page.getByText("En retard", { exact: true }).first()).toBeVisible();
  const lines = page.getByTestId(testInfo.project.name === "phone" ? "line-items-stacked" : "line-items-table");
  await expect(lines).toBeVisible();
  await expect(lines).toContainText(FCFA);
  await expect(page.getByTestId("totals")).toContainText("Total TTC");
  await expect(page.getByTestId("balance-due")).toHaveText(FCFA);
  const payments = page.locator("#paiements");
  await expect(payments.getByRole("heading", { name: /^Paiements/ })).toBeVisible();
  await expect(payments.getByTestId("staff-payment").or(payments.getByText("Aucun paiement pour cette facture", { exact: false })).first()).toBeVisible();
  await expect(page.getByTestId("pdf-link")).toHaveAttribute("href", `/api/invoices/${first.id}/pdf/`);
  await expect(page.getByRole("link", { name: "Toutes les factures" })).toHaveAttribute("href", INVOICES);
  await checkPage(page, testInfo, "admin-invoice");

  // The client's name leads to its 360° page.
  await expect(page.locator('main a[href^="/admin/clients/"]').first()).toBeVisible();

  // Removing the status chip lists every invoice again.
  await page.goBack();
  await page.waitForURL((url) => url.pathname === INVOICES && url.searchParams.get("status") === "overdue");
  await page.getByRole("button", { name: "Retirer le filtre « Statut : En retard »" }).click();
  await page.waitForURL((url) => url.pathname === INVOICES && !url.searchParams.has("status"));
  await expect(page.getByTestId("filter-chips")).toHaveCount(0);
});

test("an invoice's payments show each one's status, channel, operator and transaction, a flagged one included", async ({ page, baseURL }, testInfo) => {
  const api = await adminApi(baseURL!);
  type Payment = { invoice_id: string; transaction_id: string; invoice_number: string | null };
  const flagged = (await (await api.get("/api/payments/?status=flagged&page_size=1")).json()) as Page_<Payment>;
  const payment = flagged.results[0];
  expect(payment, "the demo data has a flagged payment").toBeTruthy();

  await loginByApi(page, ADMIN);
  await page.goto(`${INVOICES}/${payment.invoice_id}#paiements`);
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: `Facture ${payment.invoice_number}` })).toBeVisible();
  const section = page.locator("#paiements");
  await expect(section.getByText(payment.transaction_id).filter({ visible: true })).toBeVisible();
  await expect(section.getByTestId("payment-status").filter({ hasText: "Signalé" }).filter({ visible: true }).first()).toBeVisible();
  await expect(section.getByText("Mobile Money").filter({ visible: true }).first()).toBeVisible();
  await checkPage(page, testInfo, "admin-invoice-payments");
});

test("staff open a quote: status, validity, client, lines, totals and its PDF", async ({ page, baseURL }, testInfo) => {
  const api = await adminApi(baseURL!);
  type Quote = { id: string; number: string | null; client_id: string; client_name: string };
  const quotes = (await (await api.get("/api/quotes/?status=sent&page_size=1")).json()) as Page_<Quote>;
  const quote = quotes.results[0];
  expect(quote?.number, "the demo data has a sent quote").toBeTruthy();

  await loginByApi(page, ADMIN);
  await page.goto(`/admin/facturation/devis/${quote.id}`);
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: `Devis ${quote.number}` })).toBeVisible();
  await expect(page.getByText("À valider", { exact: true })).toBeVisible();
  await expect(page.getByText("Valable jusqu'au", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: quote.client_name, exact: true })).toHaveAttribute("href", `/admin/clients/${quote.client_id}`);
  await expect(page.getByTestId("totals")).toContainText(FCFA);
  await expect(page.getByTestId("pdf-link")).toHaveAttribute("href", `/api/quotes/${quote.id}/pdf/`);
  await checkPage(page, testInfo, "admin-quote");
});

test("an unknown invoice or quote shows the not-found page, with the way back", async ({ page }, testInfo) => {
  await loginByApi(page, ADMIN);
  await page.goto(`${INVOICES}/${UNKNOWN}`);
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: "Facture introuvable" })).toBeVisible();
  await expect(page.getByTestId("not-found").getByRole("link", { name: "Toutes les factures" })).toHaveAttribute("href", INVOICES);
  await checkPage(page, testInfo, "admin-invoice-not-found");

  await page.goto(`/admin/facturation/devis/${UNKNOWN}`);
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: "Devis introuvable" })).toBeVisible();

  // The section's own address opens the invoices.
  await page.goto("/admin/facturation");
  await page.waitForURL((url) => url.pathname === INVOICES);
  await expect(page.getByRole("heading", { level: 1, name: "Factures" })).toBeVisible();
});
