import { expect, test, type Page } from "@playwright/test";
import {
  ADMIN,
  AWA,
  adminApi,
  apiSend,
  checkScreen,
  clientIdByName,
  continueToCheckout,
  fcfa,
  loginByApi,
  openInvoiceFromList,
  openPayDialog,
  openSection,
  readStatement,
  screenshot,
  secondBrowser,
  streamed,
  totalsRow,
  waitForReturnPage,
} from "./helpers";

/**
 * The whole billing desk, as staff and a client go through it, on a phone and on a desktop, all
 * through the web app's /api proxy and the CinetPay sandbox over HTTPS:
 * 1. staff write an invoice for Akwaba Digital in the editor (three lines, 18 % and exempt, a
 *    line discount), check the live totals against figures worked out here, preview the PDF and
 *    send it;
 * 2. Awa (Akwaba's owner) pays half of it online and sees it « Partiellement payée »;
 * 3. staff record the other half as a bank transfer: the invoice is paid, the receipt numbered;
 * 4. staff credit part of another sent invoice of Akwaba: its balance goes down by as much;
 * 5. Awa reads the month's statement: the invoices, both payments and the credit note, each with
 *    the balance after it, and downloads its PDF.
 *
 * Both projects run one after the other on one database: each works on invoices of its own
 * (their subjects carry the project's name and a stamp), and the statement's checks hold whatever
 * other specs added to Akwaba's month.
 */

const INVOICES = "/admin/facturation/factures";

type Invoice = { id: string; number: string | null; status: string; balance_due: number; total_ttc: number };

/** One line as typed in the editor: quantity in hundredths, rates and discount in basis points. */
type Line = { label: string; quantity: string; hundredths: number; price: number; rateBp: number; exempt?: boolean; discountBp: number };

/** `numerator / denominator` rounded half away from zero (`denominator > 0`), as the API rounds. */
const divRound = (numerator: number, denominator: number) => Math.sign(numerator) * Math.floor((2 * Math.abs(numerator) + denominator) / (2 * denominator));

/** By hand: HT = quantity × price − the line's discount; TVA per line; TTC = HT + TVA. */
function priced(lines: Line[]) {
  const rows = lines.map((line) => {
    const gross = divRound(line.hundredths * line.price, 100);
    const ht = gross - divRound(gross * line.discountBp, 10_000);
    return { ht, tva: divRound(ht * line.rateBp, 10_000), rateBp: line.rateBp };
  });
  const ht = rows.reduce((sum, row) => sum + row.ht, 0);
  const tva = rows.reduce((sum, row) => sum + row.tva, 0);
  const tvaAt = (rateBp: number) => rows.filter((row) => row.rateBp === rateBp).reduce((sum, row) => sum + row.tva, 0);
  const baseAt = (rateBp: number) => rows.filter((row) => row.rateBp === rateBp).reduce((sum, row) => sum + row.ht, 0);
  return { rows, ht, tva, ttc: ht + tva, tvaAt, baseAt };
}

const LINES: Line[] = [
  // 3 × 45 250 = 135 750, less 10 % = 122 175; TVA 21 991,5 → 21 992 (half away from zero).
  { label: "Développement du site vitrine", quantity: "3", hundredths: 300, price: 45_250, rateBp: 1800, discountBp: 1000 },
  { label: "Hébergement annuel", quantity: "1", hundredths: 100, price: 60_000, rateBp: 0, exempt: true, discountBp: 0 },
  // 2,5 × 12 333 = 30 832,5 → 30 833; TVA 5 549,94 → 5 550.
  { label: "Formation des rédacteurs", quantity: "2,5", hundredths: 250, price: 12_333, rateBp: 1800, discountBp: 0 },
];

/** A line's field by its label, as a screen reader names it: « Désignation (ligne 2) ». */
const field = (page: Page, label: string, line: number) => page.getByLabel(`${label} (ligne ${line})`, { exact: true });

test("an invoice written by staff, half paid online by the client, the rest by transfer; a credit note; the statement", async ({ page, browser, baseURL }, testInfo) => {
  const expected = priced(LINES);
  // The figures worked out above, and an even total so that half of it is a whole payment
  // (CinetPay takes multiples of 5 FCFA).
  expect({ ht: expected.ht, tva: expected.tva, ttc: expected.ttc }).toEqual({ ht: 213_008, tva: 27_542, ttc: 240_550 });
  const half = expected.ttc / 2;
  expect(half % 5).toBe(0);

  const stamp = `${testInfo.project.name} ${Date.now().toString(36)}`;
  const title = `Site vitrine et formation ${stamp}`;
  const api = await adminApi(baseURL!);
  const clientId = await clientIdByName(api, "Akwaba Digital");
  // Another invoice of Akwaba, already sent: the one staff credit in part (step 4).
  const other = await apiSend<Invoice>(
    api,
    "POST",
    `/api/invoices/${(await apiSend<Invoice>(api, "POST", "/api/invoices/", {
      client_id: clientId,
      title: `Maintenance trimestrielle ${stamp}`,
      items: [{ label: "Maintenance trimestrielle", quantity: "1", unit_price: 100_000, tax_rate: "18" }],
    })).id}/send/`,
  );
  expect(other.balance_due).toBe(118_000);

  // 1. Staff write the invoice in the editor.
  await test.step("staff write, preview and send the invoice", async () => {
    await loginByApi(page, ADMIN);
    await page.goto("/admin/facturation");
    await page.waitForURL(`**${INVOICES}`);
    await streamed(page);
    await page.getByRole("link", { name: "Nouvelle facture" }).first().click();
    await page.waitForURL(`**${INVOICES}/nouvelle`);
    await streamed(page);
    await expect(page.getByRole("heading", { level: 1, name: "Nouvelle facture" })).toBeVisible();
    await page.getByLabel("Client", { exact: true }).selectOption({ label: "Akwaba Digital" });
    await page.getByLabel(/^Objet/).fill(title);

    for (const [index, line] of LINES.entries()) {
      const position = index + 1;
      if (index > 0) await page.getByRole("button", { name: "Ajouter une ligne" }).click();
      await field(page, "Désignation", position).fill(line.label);
      await field(page, "Quantité", position).fill(line.quantity);
      await field(page, "Prix unitaire HT (FCFA)", position).fill(new Intl.NumberFormat("fr-FR").format(line.price));
      if (line.exempt) await field(page, "TVA", position).selectOption({ label: "Exonéré" });
      if (line.discountBp) await field(page, "Remise (%)", position).fill(String(line.discountBp / 100));
    }

    // The live totals are the figures worked out by hand.
    const lineTotals = page.getByTestId("line-total");
    for (const [index, row] of expected.rows.entries()) await expect(lineTotals.nth(index)).toHaveText(fcfa(row.ht));
    const totals = page.getByTestId("live-totals").getByTestId("totals");
    await expect(totalsRow(totals, "Total HT")).toHaveText(fcfa(expected.ht));
    await expect(totalsRow(totals, /^TVA 18\u202f%/)).toHaveText(fcfa(expected.tvaAt(1800)));
    await expect(totalsRow(totals, /^TVA 18\u202f%/).locator("xpath=..")).toContainText(`sur ${fcfa(expected.baseAt(1800))}`);
    await expect(totalsRow(totals, /^TVA 0\u202f%/)).toHaveText(fcfa(0));
    await expect(totalsRow(totals, "Total TVA")).toHaveText(fcfa(expected.tva));
    await expect(totalsRow(totals, "Total TTC")).toHaveText(fcfa(expected.ttc));
    await checkScreen(page, testInfo, "journey-editor");

    // « Aperçu PDF » saves the draft and opens its PDF in a new tab.
    const pdf = page.context().waitForEvent("response", (response) => /\/api\/invoices\/[0-9a-f-]+\/pdf\/$/.test(new URL(response.url()).pathname));
    const popup = page.waitForEvent("popup");
    await page.getByRole("button", { name: "Aperçu PDF" }).click();
    const preview = await pdf;
    expect(preview.status()).toBe(200);
    expect(preview.headers()["content-type"]).toContain("application/pdf");
    await (await popup).close();
    await page.waitForURL(/\/admin\/facturation\/factures\/[0-9a-f-]+\/modifier$/);

    await page.getByRole("button", { name: "Envoyer", exact: true }).click();
    const confirm = page.getByRole("alertdialog", { name: "Envoyer la facture ?" });
    await expect(confirm).toContainText("compta@akwaba.demo");
    await confirm.getByRole("button", { name: "Envoyer la facture" }).click();
    await page.waitForURL(/\/admin\/facturation\/factures\/[0-9a-f-]+$/);
    await streamed(page);
    await expect(page.getByRole("heading", { level: 1, name: /^Facture NX-\d{4}-\d{4,}$/ })).toBeVisible();
    await expect(page.getByText("À régler", { exact: true }).filter({ visible: true }).first()).toBeVisible();
    await expect(page.getByTestId("balance-due")).toHaveText(fcfa(expected.ttc));
  });
  const invoiceUrl = page.url();
  const number = /NX-\d{4}-\d{4,}/.exec((await page.getByRole("heading", { level: 1 }).textContent()) ?? "")![0];

  // 2. The client pays half of it online.
  const client = await secondBrowser(browser, testInfo);
  const portal = await client.newPage();
  let onlineReceipt = "";
  await test.step("the client pays half of it through CinetPay", async () => {
    await loginByApi(portal, AWA);
    await openInvoiceFromList(portal, title, "?statut=unpaid");
    await expect(portal.getByRole("heading", { level: 1, name: `Facture ${number}` })).toBeVisible();
    await expect(portal.getByTestId("totals")).toContainText(fcfa(expected.ttc));

    const { dialog, balance } = await openPayDialog(portal);
    expect(balance).toBe(fcfa(expected.ttc));
    await dialog.getByRole("radio", { name: /Un acompte/ }).check();
    await dialog.getByLabel("Montant de l'acompte (FCFA)").fill(new Intl.NumberFormat("fr-FR").format(half));
    const summary = dialog.getByTestId("pay-summary");
    await expect(summary).toContainText(`Vous allez payer ${fcfa(half)}`);
    await expect(summary).toContainText(`Il restera ${fcfa(expected.ttc - half)} à payer sur cette facture.`);
    await continueToCheckout(portal);
    await portal.getByRole("radio", { name: "Orange Money" }).check();
    await portal.getByRole("button", { name: "Payer", exact: true }).click();

    await waitForReturnPage(portal);
    await expect(portal.getByRole("heading", { level: 1, name: "Paiement reçu" })).toBeVisible({ timeout: 30_000 });
    const result = portal.getByTestId("payment-result");
    await expect(result).toContainText(fcfa(half));
    onlineReceipt = /REC-\d{4}-\d{4,}/.exec((await result.textContent()) ?? "")?.[0] ?? "";
    expect(onlineReceipt).not.toBe("");

    await portal.getByRole("link", { name: "Voir la facture" }).click();
    await streamed(portal);
    await expect(portal.getByText("Partiellement payée", { exact: true }).filter({ visible: true }).first()).toBeVisible();
    await expect(totalsRow(portal.getByTestId("totals"), "Déjà payé")).toHaveText(`− ${fcfa(half)}`);
    await expect(totalsRow(portal.getByTestId("totals"), "Reste à payer")).toHaveText(fcfa(expected.ttc - half));
    await expect(portal.getByRole("button", { name: "Payer", exact: true })).toBeVisible();
    await checkScreen(portal, testInfo, "journey-invoice-partly-paid");
  });

  // 3. Staff record the rest as a bank transfer.
  let transferReceipt = "";
  await test.step("staff record the rest as a bank transfer", async () => {
    await page.goto(invoiceUrl);
    await streamed(page);
    await expect(page.getByTestId("balance-due")).toHaveText(fcfa(expected.ttc - half));
    await page.locator("#paiements").getByRole("button", { name: "Enregistrer un paiement" }).click();
    const dialog = page.getByRole("dialog", { name: "Enregistrer un paiement" });
    await expect(dialog).toContainText(`Facture ${number}`);
    // The whole balance by default: the other half.
    await expect(dialog.getByLabel("Montant (FCFA)")).toHaveValue(String(expected.ttc - half));
    await dialog.getByLabel("Moyen de paiement").selectOption({ label: "Virement bancaire" });
    await dialog.getByLabel(/^Référence/).fill(`VIR-SGBCI-${Date.now()}`);
    await dialog.getByRole("button", { name: "Enregistrer le paiement" }).click();
    const saved = dialog.getByTestId("offline-saved");
    await expect(saved).toContainText(`Paiement de ${fcfa(expected.ttc - half)} enregistré`);
    transferReceipt = ((await saved.getByTestId("receipt-number").textContent()) ?? "").trim();
    expect(transferReceipt).toMatch(/^REC-\d{4}-\d{4,}$/);
    expect(transferReceipt).not.toBe(onlineReceipt);
    await screenshot(page, testInfo, "journey-transfer-recorded", { fullPage: false });
    await saved.getByRole("button", { name: "Fermer" }).click();
    await expect(dialog).toBeHidden();

    await expect(page.getByText("Payée", { exact: true }).filter({ visible: true }).first()).toBeVisible();
    const section = page.locator("#paiements");
    await expect(section).toContainText("Virement bancaire");
    await expect(section).toContainText("Orange Money");
    await expect(page.getByRole("button", { name: "Enregistrer un paiement" })).toHaveCount(0);
  });

  // 4. Staff credit part of the other invoice.
  const credit = 30_000;
  let creditNote = "";
  await test.step("staff credit part of another sent invoice", async () => {
    await page.goto(`${INVOICES}/${other.id}`);
    await streamed(page);
    await expect(page.getByRole("heading", { level: 1, name: `Facture ${other.number}` })).toBeVisible();
    await expect(page.getByTestId("balance-due")).toHaveText(fcfa(other.balance_due));
    await page.getByRole("button", { name: "Créer un avoir" }).click();
    const dialog = page.getByRole("dialog", { name: `Avoir sur la facture ${other.number}` });
    await dialog.getByLabel("Une partie").check();
    await dialog.getByLabel("Montant TTC (FCFA)").fill(new Intl.NumberFormat("fr-FR").format(credit));
    await dialog.getByLabel("Motif").fill("Geste commercial : un mois de maintenance offert");
    await dialog.getByRole("button", { name: "Créer l'avoir" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("credited-amount")).toHaveText(fcfa(credit));
    await expect(page.getByTestId("balance-due")).toHaveText(fcfa(other.balance_due - credit));
    const listed = page.getByTestId("credit-note");
    await expect(listed).toHaveCount(1);
    creditNote = /AV-\d{4}-\d{4,}/.exec((await listed.textContent()) ?? "")?.[0] ?? "";
    expect(creditNote).not.toBe("");
    await checkScreen(page, testInfo, "journey-credit-note");
  });

  // 5. The client's statement of the month.
  await test.step("the client reads the statement and downloads its PDF", async () => {
    await portal.goto("/");
    await streamed(portal);
    await openSection(portal, "Relevé de compte");
    await portal.waitForURL("**/releve");
    await portal.getByRole("button", { name: "Ce mois-ci" }).click();
    await expect(portal).toHaveURL(/\/releve\?periode=mois$/);
    const card = portal.getByTestId(testInfo.project.name === "phone" ? "statement-card" : "statement-line");
    await expect(card.filter({ hasText: creditNote })).toBeVisible();

    const statement = await readStatement(portal, testInfo);
    const line = (reference: string) => {
      const found = statement.lines.filter((entry) => entry.reference === reference);
      expect(found, `one line ${reference} in ${JSON.stringify(statement.lines)}`).toHaveLength(1);
      return found[0];
    };
    expect(line(number)).toMatchObject({ kind: "Facture", debit: expected.ttc, credit: 0 });
    expect(line(onlineReceipt)).toMatchObject({ kind: "Paiement reçu", debit: 0, credit: half });
    expect(line(transferReceipt)).toMatchObject({ kind: "Paiement reçu", debit: 0, credit: expected.ttc - half });
    expect(line(other.number!)).toMatchObject({ kind: "Facture", debit: other.total_ttc, credit: 0 });
    expect(line(creditNote)).toMatchObject({ kind: "Avoir", debit: 0, credit });
    // The running balance: each line's is the one before it, plus its debit, less its credit.
    let balance = statement.opening;
    for (const entry of statement.lines) {
      balance += entry.debit - entry.credit;
      expect(entry.balance, `balance after ${entry.reference}`).toBe(balance);
    }
    expect(statement.closing).toBe(balance);
    await checkScreen(portal, testInfo, "journey-statement");

    const link = portal.getByRole("link", { name: /^Télécharger le PDF du relevé/ });
    const answer = await portal.request.get((await link.getAttribute("href"))!);
    expect(answer.status()).toBe(200);
    expect(answer.headers()["content-type"]).toContain("application/pdf");
    expect((await answer.body()).subarray(0, 5).toString()).toBe("%PDF-");
  });

  await client.close();
  await api.dispose();
});
