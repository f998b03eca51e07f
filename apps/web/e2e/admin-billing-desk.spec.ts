import fs from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN, adminApi, apiSend, checkScreen, expectAccessible, expectNoHorizontalScroll, listRows, loginByApi, screenshot, streamed } from "./helpers";

/**
 * The billing desk, on a phone and on a desktop: staff write an invoice line by line (the keyboard
 * adds and moves lines), read the server's totals as they type, preview the draft's PDF, send it
 * and duplicate it; then credit part of a sent invoice and see its balance go down; narrow the
 * list by amount, read its totals, export it, and remind several invoices at once.
 */

const INVOICES = "/admin/facturation/factures";

type Price = { items: { total_ht: number }[]; total_ht: number; total_tva: number; total_ttc: number; tax_breakdown: { rate: string; tva: number }[] };
type Invoice = { id: string; number: string | null; status: string; title: string; balance_due: number; credited_amount: number; total_ttc: number; items: unknown[] };

/** `150 000 FCFA` as the app writes amounts (lib/format.ts): narrow no-break spaces, a no-break space before FCFA. */
const fcfa = (amount: number) => `${new Intl.NumberFormat("fr-FR").format(amount).replace(/\s/g, "\u202f")}\u00a0FCFA`;

async function akwaba(api: APIRequestContext): Promise<string> {
  const clients = (await (await api.get("/api/clients/?q=Akwaba")).json()) as { results: { id: string; name: string }[] };
  const client = clients.results.find((row) => row.name === "Akwaba Digital");
  expect(client, "the demo data has Akwaba Digital").toBeTruthy();
  return client!.id;
}

/** A line's field by its label, as a screen reader names it: « Désignation (ligne 2) ». */
const field = (page: Page, label: string, line: number) => page.getByLabel(`${label} (ligne ${line})`, { exact: true });

test("staff write an invoice with three lines and two VAT rates, read the server's totals, preview the PDF, send it and duplicate it", async ({ page, baseURL }, testInfo) => {
  const api = await adminApi(baseURL!);
  const clientId = await akwaba(api);
  const title = `Refonte du site ${testInfo.project.name} ${Date.now().toString(36)}`;

  await loginByApi(page, ADMIN);
  await page.goto(`${INVOICES}/nouvelle?client=${clientId}`);
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: "Nouvelle facture" })).toBeVisible();
  await expect(page.getByLabel("Client", { exact: true })).toHaveValue(clientId);
  await page.getByLabel(/^Objet/).fill(title);

  // Three lines from the keyboard: Enter in a line's discount adds the next one and goes to it.
  await field(page, "Désignation", 1).fill("Développement du site vitrine");
  await field(page, "Prix unitaire HT (FCFA)", 1).fill("150 000");
  await field(page, "Remise (%)", 1).fill("10");
  await field(page, "Remise (%)", 1).press("Enter");
  await expect(field(page, "Désignation", 2)).toBeFocused();
  await field(page, "Désignation", 2).fill("Hébergement annuel");
  await field(page, "Quantité", 2).fill("2");
  await field(page, "Prix unitaire HT (FCFA)", 2).fill("25000");
  await field(page, "TVA", 2).selectOption({ label: "Exonéré" });
  await field(page, "Remise (%)", 2).press("Enter");
  await field(page, "Désignation", 3).fill("Formation");
  await field(page, "Quantité", 3).fill("1,5");
  await field(page, "Prix unitaire HT (FCFA)", 3).fill("10000");

  // Alt+↑ moves the focused line up, Alt+↓ back down; the focus stays on it.
  await field(page, "Désignation", 3).press("Alt+ArrowUp");
  await expect(field(page, "Désignation", 2)).toHaveValue("Formation");
  await expect(field(page, "Désignation", 2)).toBeFocused();
  await field(page, "Désignation", 2).press("Alt+ArrowDown");
  await expect(field(page, "Désignation", 3)).toHaveValue("Formation");

  // The totals are the server's: the same lines priced by the API read the same.
  const price = await apiSend<Price>(api, "POST", "/api/billing/price/", {
    items: [
      { label: "Développement du site vitrine", quantity: "1", unit_price: 150000, tax_rate: "18", discount: "10" },
      { label: "Hébergement annuel", quantity: "2", unit_price: 25000, tax_rate: "0" },
      { label: "Formation", quantity: "1.5", unit_price: 10000, tax_rate: "18" },
    ],
  });
  expect(price.tax_breakdown.map((share) => share.rate)).toEqual(["18.00", "0.00"]);
  const totals = page.getByTestId("live-totals");
  await expect(totals.getByTestId("totals")).toContainText(fcfa(price.total_ttc));
  await expect(totals).toContainText(fcfa(price.total_ht));
  await expect(totals).toContainText(fcfa(price.total_tva));
  await expect(totals).toContainText("TVA 0\u202f%");
  const lineTotals = page.getByTestId("line-total");
  for (const [index, item] of price.items.entries()) await expect(lineTotals.nth(index)).toHaveText(fcfa(item.total_ht));
  await checkScreen(page, testInfo, "admin-invoice-editor");

  // "Aperçu PDF" saves the draft and opens its PDF in a new tab.
  const pdf = page.context().waitForEvent("response", (response) => /\/api\/invoices\/[0-9a-f-]+\/pdf\/$/.test(new URL(response.url()).pathname));
  const popup = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Aperçu PDF" }).click();
  const preview = await pdf;
  expect(preview.status()).toBe(200);
  expect(preview.headers()["content-type"]).toContain("application/pdf");
  await (await popup).close();
  await page.waitForURL(/\/admin\/facturation\/factures\/[0-9a-f-]+\/modifier$/);
  const id = page.url().split("/").at(-2)!;
  const draft = (await (await api.get(`/api/invoices/${id}/`)).json()) as Invoice;
  expect(draft).toMatchObject({ status: "draft", number: null, title, total_ttc: price.total_ttc });

  // "Envoyer" says the number is given and who gets the email, then lands on the invoice.
  await page.getByRole("button", { name: "Envoyer", exact: true }).click();
  const confirm = page.getByRole("alertdialog", { name: "Envoyer la facture ?" });
  await expect(confirm).toContainText("numéro définitif");
  await expect(confirm).toContainText("compta@akwaba.demo");
  await confirm.getByRole("button", { name: "Envoyer la facture" }).click();
  await page.waitForURL(`**${INVOICES}/${id}`);
  await streamed(page);
  const sent = (await (await api.get(`/api/invoices/${id}/`)).json()) as Invoice;
  expect(sent.status).toBe("sent");
  await expect(page.getByRole("heading", { level: 1, name: `Facture ${sent.number}` })).toBeVisible();
  await expect(page.getByTestId("payment-terms")).toBeVisible();
  await expect(page.getByTestId("totals")).toContainText("TVA 18\u202f%");

  // "Dupliquer" opens a new draft with the same lines.
  await page.getByRole("button", { name: "Dupliquer" }).click();
  await page.waitForURL((url) => /\/factures\/[0-9a-f-]+\/modifier$/.test(url.pathname) && !url.pathname.includes(id));
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: "Modifier la facture (brouillon)" })).toBeVisible();
  await expect(page.getByTestId("editor-line")).toHaveCount(3);
  await expect(page.getByLabel(/^Objet/)).toHaveValue(title);
  await expect(totals.getByTestId("totals")).toContainText(fcfa(price.total_ttc));
});

test("a partial credit note on a sent invoice lowers its balance and is listed with its PDF", async ({ page, baseURL }, testInfo) => {
  const api = await adminApi(baseURL!);
  const clientId = await akwaba(api);
  // An invoice of its own, sent: both screens run against one database.
  const draft = await apiSend<Invoice>(api, "POST", "/api/invoices/", {
    client_id: clientId,
    title: `Maintenance ${testInfo.project.name} ${Date.now().toString(36)}`,
    items: [{ label: "Maintenance trimestrielle", quantity: "1", unit_price: 100000, tax_rate: "18" }],
  });
  const invoice = await apiSend<Invoice>(api, "POST", `/api/invoices/${draft.id}/send/`);
  expect(invoice.balance_due).toBe(invoice.total_ttc);

  await loginByApi(page, ADMIN);
  await page.goto(`${INVOICES}/${invoice.id}`);
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: `Facture ${invoice.number}` })).toBeVisible();
  await expect(page.getByTestId("balance-due")).toHaveText(fcfa(invoice.balance_due));
  await expect(page.getByTestId("credit-notes")).toContainText("Aucun avoir");

  await page.getByRole("button", { name: "Créer un avoir" }).click();
  const dialog = page.getByRole("dialog", { name: `Avoir sur la facture ${invoice.number}` });
  await dialog.getByLabel("Une partie").check();
  await dialog.getByLabel("Montant TTC (FCFA)").fill("50 000");
  // The reason is required.
  await dialog.getByRole("button", { name: "Créer l'avoir" }).click();
  await expect(dialog.getByText("Indiquez le motif de l'avoir.")).toBeVisible();
  await dialog.getByLabel("Motif").fill("Geste commercial : un mois de maintenance offert");
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "admin-credit-note-dialog", { fullPage: false });
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Créer l'avoir" }).click();
  await expect(dialog).toBeHidden();

  const credited = (await (await api.get(`/api/invoices/${invoice.id}/`)).json()) as Invoice;
  expect(credited.credited_amount).toBe(50000);
  expect(credited.balance_due).toBeLessThan(invoice.balance_due);
  await expect(page.getByTestId("balance-due")).toHaveText(fcfa(credited.balance_due));
  await expect(page.getByTestId("credited-amount")).toHaveText(fcfa(50000));

  const notes = (await (await api.get(`/api/invoices/${invoice.id}/credit-notes/`)).json()) as { number: string; pdf_url: string }[];
  expect(notes).toHaveLength(1);
  const listed = page.getByTestId("credit-note");
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText(notes[0].number);
  await expect(listed).toContainText(fcfa(50000));
  await expect(listed.getByRole("link", { name: `Télécharger l'avoir ${notes[0].number}` })).toHaveAttribute("href", notes[0].pdf_url);
  const pdf = await api.get(notes[0].pdf_url);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  await checkScreen(page, testInfo, "admin-invoice-credited");
});

test("staff narrow the list by amount, read the totals, export the CSV, and remind invoices in bulk", async ({ page, baseURL }, testInfo) => {
  const api = await adminApi(baseURL!);
  const clientId = await akwaba(api);
  // Three sent invoices of an amount no other invoice has: the amount range finds exactly them.
  const amount = 7_000_000 + Math.floor(Math.random() * 900_000);
  const invoices: Invoice[] = [];
  for (const lot of [1, 2, 3]) {
    const draft = await apiSend<Invoice>(api, "POST", "/api/invoices/", {
      client_id: clientId,
      title: `Lot ${lot} ${testInfo.project.name} ${amount}`,
      items: [{ label: "Développement", quantity: "1", unit_price: amount, tax_rate: "0" }],
    });
    invoices.push(await apiSend<Invoice>(api, "POST", `/api/invoices/${draft.id}/send/`));
  }
  // The third was reminded a moment ago: the bulk reminder says it is not reminded twice.
  await apiSend(api, "POST", `/api/invoices/${invoices[2].id}/remind/`);

  await loginByApi(page, ADMIN);
  await page.goto(INVOICES);
  await streamed(page);
  await page.getByRole("button", { name: /^Filtres/ }).click();
  await page.getByLabel("Au moins").fill(new Intl.NumberFormat("fr-FR").format(amount));
  await page.getByLabel("Au plus").fill(String(amount));
  await page.getByRole("button", { name: "Appliquer" }).click();
  await expect(page).toHaveURL(new RegExp(`amount_min=${amount}&amount_max=${amount}`));
  const rows = listRows(page, testInfo, { table: "invoice-table", card: "invoice-row" });
  await expect(rows).toHaveCount(3);
  const totals = page.getByTestId("invoice-totals");
  await expect(totals.getByTestId("totals-count")).toHaveText("3");
  await expect(totals).toContainText(fcfa(3 * amount));

  // The CSV of the filtered set: a plain link the browser downloads, UTF-8 with a BOM.
  const exportLink = page.getByRole("link", { name: "Exporter (CSV)" });
  const href = (await exportLink.getAttribute("href"))!;
  expect(href).toContain(`amount_min=${amount}`);
  const download = page.waitForEvent("download");
  await exportLink.click();
  const csv = fs.readFileSync((await (await download).path())!);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  for (const invoice of invoices) expect(csv.toString("utf8")).toContain(invoice.number!);
  const answer = await page.request.get(href);
  expect(answer.headers()["content-type"]).toContain("text/csv");
  await expect(page.getByRole("link", { name: "CSV détaillé (lignes)" })).toHaveAttribute("href", `${href}&layout=lines`);

  // The whole page ticked, "Relancer": two reminded, the third refused with its reason.
  await page.getByRole("checkbox", { name: "Sélectionner toute la page" }).filter({ visible: true }).check();
  await expect(page.getByTestId("bulk-bar")).toContainText("3 factures sélectionnées");
  await checkScreen(page, testInfo, "admin-invoices-bulk");
  await page.getByRole("button", { name: "Relancer (3)" }).click();
  const dialog = page.getByRole("dialog", { name: "Relancer 3 factures ?" });
  await dialog.getByRole("button", { name: "Relancer les 3 factures" }).click();
  await expect(page.getByTestId("bulk-done")).toHaveText("2 factures relancées.");
  const failures = page.getByTestId("bulk-failures");
  await expect(failures).toContainText(invoices[2].number!);
  await expect(failures).toContainText("Déjà relancée il y a moins d'une heure");
  await screenshot(page, testInfo, "admin-invoices-bulk-result", { fullPage: false });
  await page.getByRole("button", { name: "Fermer" }).first().click();
  await expect(page.getByTestId("bulk-bar")).toHaveCount(0);

  // The reminder is in the invoice's history, by hand, with who sent it.
  await page.goto(`${INVOICES}/${invoices[0].id}`);
  await streamed(page);
  await expect(page.getByTestId("reminder")).toHaveCount(1);
  await expect(page.getByTestId("reminder")).toContainText("Manuelle, par Mariam Diallo");
  await expect(page.getByRole("button", { name: "Relancer le client" })).toBeVisible();
  await checkScreen(page, testInfo, "admin-invoice-reminders");
});
