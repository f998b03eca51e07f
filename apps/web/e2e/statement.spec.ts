import { expect, test } from "@playwright/test";
import { MONEY, adminApi, apiSend, checkScreen, loginByApi, openSection, streamed } from "./helpers";

/**
 * The statement of account (relevé de compte) of the demo client Akwaba Digital, read by its
 * owner: this month holds an invoice, a payment staff recorded and a credit note, each a line.
 */

type Invoice = { id: string; number: string };

test("a client owner reads their statement: another period, a credit note and a payment in the lines, the PDF", async ({ page, baseURL }, testInfo) => {
  const api = await adminApi(baseURL!);
  const clients = (await (await api.get("/api/clients/?q=Akwaba")).json()) as { results: { id: string; name: string }[] };
  const clientId = clients.results.find((row) => row.name === "Akwaba Digital")!.id;
  const draft = await apiSend<Invoice>(api, "POST", "/api/invoices/", {
    client_id: clientId,
    title: `Audit SEO ${testInfo.project.name} ${Date.now().toString(36)}`,
    items: [{ label: "Audit SEO", quantity: "1", unit_price: 80000, tax_rate: "0" }],
  });
  const invoice = await apiSend<Invoice>(api, "POST", `/api/invoices/${draft.id}/send/`);
  // The browser's day (Africa/Abidjan, UTC all year) is the API's.
  const today = new Date().toISOString().slice(0, 10);
  const payment = await apiSend<{ receipt_number: string }>(api, "POST", "/api/payments/offline/", {
    invoice_id: invoice.id,
    amount: 30000,
    method: "bank_transfer",
    received_on: today,
  });
  const note = await apiSend<{ number: string }>(api, "POST", `/api/invoices/${invoice.id}/credit-notes/`, { amount: 20000, reason: "Remise de fidélité" });

  await loginByApi(page);
  await page.goto("/");
  await streamed(page);
  await openSection(page, "Relevé de compte");
  await page.waitForURL("**/releve");
  await expect(page.getByRole("heading", { level: 1, name: "Relevé de compte" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cette année" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("statement-period")).toContainText(`Du 01/01/${today.slice(0, 4)}`);

  await page.getByRole("button", { name: "Ce mois-ci" }).click();
  await expect(page).toHaveURL(/\/releve\?periode=mois$/);
  await expect(page.getByTestId("statement-period")).toContainText(`Du 01/${today.slice(5, 7)}/${today.slice(0, 4)}`);
  const lines = page.getByTestId(testInfo.project.name === "phone" ? "statement-card" : "statement-line");
  await expect(lines.filter({ hasText: invoice.number })).toContainText("Facture");
  await expect(lines.filter({ hasText: payment.receipt_number })).toContainText("Paiement reçu");
  await expect(lines.filter({ hasText: note.number })).toContainText("Avoir");
  await expect(page.getByTestId("closing-balance")).toHaveText(new RegExp(`^-?${MONEY.source}$`));
  await expect(page.getByText("Un solde positif est dû à NOURX")).toBeVisible();
  await checkScreen(page, testInfo, "statement");

  const pdf = page.getByRole("link", { name: /^Télécharger le PDF du relevé/ });
  const href = (await pdf.getAttribute("href"))!;
  expect(href).toMatch(/\/statement\/pdf\/\?from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}.*&lang=fr$/);
  const answer = await page.request.get(href);
  expect(answer.status()).toBe(200);
  expect(answer.headers()["content-type"]).toContain("application/pdf");
  expect((await answer.body()).subarray(0, 5).toString()).toBe("%PDF-");

  // The invoice itself lists its credit note, with its PDF, and « Avoirs » in its totals.
  await page.goto(`/factures/${invoice.id}`);
  await streamed(page);
  await expect(page.getByTestId("credit-note")).toContainText(note.number);
  await expect(page.getByRole("link", { name: `Télécharger l'avoir ${note.number}` })).toBeVisible();
  await expect(page.getByTestId("totals")).toContainText("Avoirs");
});
