import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, loginByApi, screenshot, streamed } from "./helpers";

/**
 * Invoices and quotes of the demo client Akwaba Digital (seeded in every state): the lists, an
 * invoice and its PDF, a quote accepted after its confirmation, the dashboard's "À payer".
 */

/** Today as the portal writes it, in the browser's zone (Africa/Abidjan in playwright.config). */
function today(): string {
  return new Intl.DateTimeFormat("fr-FR", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Africa/Abidjan" }).format(
    new Date(),
  );
}

// Lists are cards on phones and a table on wide screens, both in the page: look at the visible one.

/** Opens an invoice or a quote from its list: a card on phones, the number in a table row on wide screens. */
async function openFromList(page: Page, listTestId: string, title: string) {
  const entry = page.getByTestId(listTestId).locator("li, tr").filter({ hasText: title }).filter({ visible: true }).first();
  await entry.getByRole("link").first().click();
  await streamed(page);
}

test.beforeEach(async ({ page }) => {
  await loginByApi(page);
});

test("the dashboard's À payer card shows the unpaid total and the next invoice due", async ({ page }, testInfo) => {
  await page.goto("/");
  await streamed(page);
  const card = page.getByTestId("to-pay");
  await expect(card).toBeVisible();
  await expect(card.getByText(/^[\d\s\u202f]+\u00a0?FCFA$/).filter({ visible: true }).first()).toBeVisible();
  await expect(card.getByText(/factures? à régler/)).toBeVisible();
  await expect(card.getByText(/factures? en retard/)).toBeVisible();
  const next = card.getByTestId("next-due");
  await expect(next).toContainText(/NX-\d{4}-\d{4}/);
  await expect(next).toContainText(/à régler le \d{2}\/\d{2}\/\d{4}/);
  await expect(next.getByText("Payer", { exact: true })).toBeVisible();
  await screenshot(page, testInfo, "dashboard-to-pay");
  // Straight to payment: the invoice opens with its pay dialog.
  await next.click();
  await expect(page).toHaveURL(/\/factures\/[0-9a-f-]+\?payer=1$/);
  await expect(page.getByRole("heading", { level: 1, name: /Facture NX-/ })).toBeVisible();
  await expect(page.getByRole("dialog", { name: /^Payer la facture NX-/ })).toBeVisible();
});

test("invoices: filters, overdue highlighted, an invoice with its totals and its PDF", async ({ page, context }, testInfo) => {
  await page.goto("/factures");
  const list = page.getByTestId("invoice-list");
  await expect(list).toBeVisible();
  // Clients never see drafts.
  await expect(list.getByText("Hébergement et maintenance — T1 2027")).toHaveCount(0);
  await expect(list.getByText(/En retard de \d+ jours?/).filter({ visible: true }).first()).toBeVisible();
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "invoices");
  await expectAccessible(page);

  await page.getByRole("button", { name: "En retard", exact: true }).click();
  await expect(page).toHaveURL(/statut=overdue/);
  await expect(list.getByText("Hébergement et maintenance — T3").filter({ visible: true }).first()).toBeVisible();
  await expect(list.getByText("Application mobile — cadrage")).toHaveCount(0);
  await page.getByRole("button", { name: "Payées", exact: true }).click();
  await expect(list.getByText("Refonte du site vitrine — acompte").filter({ visible: true }).first()).toBeVisible();
  await page.getByRole("button", { name: "Toutes", exact: true }).click();

  await openFromList(page, "invoice-list", "Refonte du site vitrine — deuxième tranche");
  await expect(page.getByRole("heading", { level: 1, name: /Facture NX-\d{4}-\d{4}/ })).toBeVisible();
  await expect(page.getByText("Partiellement payée").filter({ visible: true }).first()).toBeVisible();
  const totals = page.getByTestId("totals");
  await expect(totals).toContainText("Total TTC");
  await expect(totals).toContainText(/TVA 18\s?%/);
  await expect(totals).toContainText("Reste à payer");
  // Amounts are written `150 000 FCFA`: narrow no-break spaces between thousands.
  await expect(totals.getByText(/^\d{1,3}(\u202f\d{3})+\u00a0FCFA$/).filter({ visible: true }).first()).toBeVisible();
  // Unpaid: paid online from here (payments.spec.ts goes through with it).
  await expect(page.getByRole("button", { name: "Payer", exact: true })).toBeVisible();
  await expect(page.getByTestId("payment-history")).toBeVisible();
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "invoice");
  await expectAccessible(page);

  // The PDF opens in a new tab from a plain link, with the session cookie.
  const pdfLink = page.getByRole("link", { name: /Télécharger le PDF/ });
  const href = await pdfLink.getAttribute("href");
  expect(href).toMatch(/^\/api\/invoices\/[0-9a-f-]+\/pdf\/$/);
  const [response] = await Promise.all([
    context.waitForEvent("response", (r) => r.url().includes("/pdf/")),
    pdfLink.click(),
  ]);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/pdf");
  const direct = await page.request.get(href!);
  expect(direct.headers()["content-type"]).toContain("application/pdf");
  expect((await direct.body()).subarray(0, 5).toString()).toBe("%PDF-");
});

test("quotes: a client owner accepts a sent quote after confirming", async ({ page }, testInfo) => {
  // Each project accepts its own quote: they share one database.
  const title = testInfo.project.name === "phone" ? "Campagne réseaux sociaux Tabaski" : "Application mobile de fidélité — phase 2";
  await page.goto("/devis");
  const list = page.getByTestId("quote-list");
  await expect(list).toBeVisible();
  await expect(list.getByText("Maintenance annuelle 2027")).toHaveCount(0);
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "quotes");
  await expectAccessible(page);

  await page.getByRole("button", { name: "À valider", exact: true }).click();
  await openFromList(page, "quote-list", title);
  await expect(page.getByRole("heading", { level: 1, name: /Devis DV-\d{4}-\d{4}/ })).toBeVisible();
  await expect(page.getByText("Ce devis attend votre réponse.")).toBeVisible();
  await screenshot(page, testInfo, "quote");
  await expectAccessible(page);

  // Cancelling the confirmation changes nothing.
  await page.getByRole("button", { name: "Accepter le devis" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Accepter ce devis ?" });
  await expect(dialog).toContainText(/FCFA/);
  await dialog.getByRole("button", { name: "Annuler" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Ce devis attend votre réponse.")).toBeVisible();

  await page.getByRole("button", { name: "Accepter le devis" }).click();
  await expect(dialog).toBeVisible();
  await screenshot(page, testInfo, "quote-accept-dialog");
  await dialog.getByRole("button", { name: "Oui, j'accepte" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Devis accepté" })).toBeVisible();
  await expect(page.getByTestId("quote-outcome")).toHaveText(`Accepté le ${today()} par Awa Koné`);
  await expect(page.getByRole("button", { name: "Accepter le devis" })).toHaveCount(0);

  // It stays accepted.
  await page.reload();
  await expect(page.getByTestId("quote-outcome")).toHaveText(`Accepté le ${today()} par Awa Koné`);
  await page.goto("/devis?statut=accepted");
  await expect(page.getByTestId("quote-list").getByText(title).filter({ visible: true }).first()).toBeVisible();
});

test("an expired quote can no longer be answered and says what to do", async ({ page }) => {
  await page.goto("/devis?statut=expired");
  await openFromList(page, "quote-list", "Hébergement premium 2026");
  await expect(page.getByText("Expiré").filter({ visible: true }).first()).toBeVisible();
  await expect(page.getByText(/n'est plus valable/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Accepter le devis" })).toHaveCount(0);
});
