import { expect, test, type Page, type TestInfo } from "@playwright/test";
import {
  AWA,
  continueToCheckout,
  expectAccessible,
  expectNoHorizontalScroll,
  loginByApi,
  openPayDialog,
  SANDBOX_LABEL,
  screenshot,
  streamed,
  waitForReturnPage,
} from "./helpers";

/**
 * Paying an invoice online through the CinetPay sandbox that `nourx up` starts (scripts/e2e.sh
 * gives it a free port, E2E_SANDBOX_URL): the pay dialog, the sandbox's checkout page over HTTPS
 * (Chromium trusts its certificate's key only, E2E_SANDBOX_SPKI), the return page, then the invoice
 * and its payment history.
 *
 * The phone and desktop projects share one database and run one after the other, and billing.spec
 * looks at Akwaba's unpaid invoices (the overdue "T3", the partly paid "deuxième tranche"), so:
 * - each project pays a different invoice in full, one nothing else looks at: Akwaba's
 *   "Application mobile — cadrage" on the phone, Baobab's "Boutique en ligne — solde" (as Kofi)
 *   on the desktop;
 * - each project has a payment refused on another invoice ("T3" on the phone, "deuxième tranche"
 *   on the desktop): a refused payment changes nothing on its invoice, and two projects on two
 *   invoices never meet the API's "a payment is already in progress" rule (15 minutes).
 */

const KOFI = { email: "kofi@baobab.demo", password: "demo-client-2026" };

const PAID_IN_FULL: Record<string, { user: typeof AWA; title: string }> = {
  phone: { user: AWA, title: "Application mobile — cadrage" },
  desktop: { user: KOFI, title: "Boutique en ligne — solde" },
};
const REFUSED: Record<string, { user: typeof AWA; title: string }> = {
  phone: { user: AWA, title: "Hébergement et maintenance — T3" },
  desktop: { user: AWA, title: "Refonte du site vitrine — deuxième tranche" },
};

/** Opens an unpaid invoice from the list, as a client would: a card on phones, a table row above. */
async function openUnpaidInvoice(page: Page, title: string) {
  await page.goto("/factures?statut=unpaid");
  const entry = page.getByTestId("invoice-list").locator("li, tr").filter({ hasText: title }).filter({ visible: true }).first();
  await entry.getByRole("link").first().click();
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: /Facture NX-\d{4}-\d{4}/ })).toBeVisible();
  return page.url();
}

async function shoot(page: Page, testInfo: TestInfo, name: string, options?: { fullPage?: boolean }) {
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, name, options);
}

test("a client pays an invoice in full with Orange Money, gets a receipt, and the invoice is paid", async ({ page }, testInfo) => {
  const { user, title } = PAID_IN_FULL[testInfo.project.name];
  await loginByApi(page, user);
  const invoiceUrl = await openUnpaidInvoice(page, title);
  await expect(page.getByTestId("payment-history").getByText("Aucun paiement pour cette facture.")).toBeVisible();

  const { dialog, balance } = await openPayDialog(page);
  // The whole balance by default.
  await expect(dialog.getByRole("radio", { name: /Tout le solde/ })).toBeChecked();
  await expect(dialog.getByTestId("pay-summary")).toContainText(`Vous allez payer ${balance}`);
  await expect(dialog.getByTestId("pay-summary")).toContainText("La facture sera entièrement réglée.");

  // An instalment is checked as the API would, before anything is sent.
  await dialog.getByRole("radio", { name: /Un acompte/ }).check();
  const amount = dialog.getByLabel("Montant de l'acompte (FCFA)");
  await expect(amount).toBeFocused();
  await amount.fill("1002");
  await amount.blur();
  await expect(dialog.getByText("Le montant doit être un multiple de 5.")).toBeVisible();
  await expect(amount).toHaveAttribute("aria-invalid", "true");
  await amount.fill("50");
  await expect(dialog.getByText(/^Le montant minimum d'un acompte est de \d/)).toBeVisible();
  await amount.fill("999 999 995");
  await expect(dialog.getByText(/^Le montant dépasse le reste à payer/)).toBeVisible();
  await amount.fill("10 000");
  await expect(dialog.getByTestId("pay-summary")).toContainText("Vous allez payer 10\u202f000\u00a0FCFA");
  await expect(dialog.getByTestId("pay-summary")).toContainText(/Il restera .+ à payer sur cette facture\./);
  await expect(amount).not.toHaveAttribute("aria-invalid", "true");
  await shoot(page, testInfo, "pay-dialog-instalment", { fullPage: false });

  // Back to the whole balance, by Mobile Money.
  await dialog.getByRole("radio", { name: /Tout le solde/ }).check();
  await expect(dialog.getByRole("radio", { name: /^Mobile Money/ })).toBeChecked();
  await expect(dialog.getByTestId("pay-summary")).toContainText(`Vous allez payer ${balance}`);
  await shoot(page, testInfo, "pay-dialog", { fullPage: false });
  await expectAccessible(page);

  await continueToCheckout(page);
  await page.getByRole("radio", { name: "Orange Money" }).check();
  await page.getByRole("button", { name: "Payer", exact: true }).click();

  await waitForReturnPage(page);
  const result = page.getByTestId("payment-result");
  await expect(page.getByRole("heading", { level: 1, name: "Paiement reçu" })).toBeVisible({ timeout: 30_000 });
  await expect(result).toContainText(balance);
  await expect(result).toContainText("Orange Money");
  await expect(page.getByRole("status").filter({ hasText: "Paiement reçu" })).toBeVisible();
  await shoot(page, testInfo, "payment-success");
  await expectAccessible(page);

  // The receipt is a PDF, from a plain link with the session cookie.
  const receipt = await page.getByTestId("receipt-download").getAttribute("href");
  expect(receipt).toMatch(/^\/api\/payments\/[0-9a-f-]+\/receipt\/\?lang=fr$/);
  const pdf = await page.request.get(receipt!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  // The invoice is paid, with the payment and its receipt in its history.
  await page.getByRole("link", { name: "Voir la facture" }).click();
  await expect(page).toHaveURL(invoiceUrl);
  await expect(page.getByText("Payée", { exact: true }).filter({ visible: true }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Payer", exact: true })).toHaveCount(0);
  const history = page.getByTestId("payment-history");
  const row = history.getByTestId("payment-row").first();
  await expect(row.getByTestId("payment-status")).toHaveText("Payé");
  await expect(row).toContainText(balance);
  await expect(row).toContainText("Orange Money");
  await expect(row.getByTestId("receipt-link")).toHaveAttribute("href", receipt!);
  await shoot(page, testInfo, "invoice-paid");
  await expectAccessible(page);
});

test("a refused payment says so, and Réessayer opens the pay dialog again", async ({ page }, testInfo) => {
  const { user, title } = REFUSED[testInfo.project.name];
  await loginByApi(page, user);
  const invoiceUrl = await openUnpaidInvoice(page, title);

  await openPayDialog(page);
  await continueToCheckout(page);
  await page.getByRole("button", { name: "Refuser le paiement" }).click();

  await waitForReturnPage(page);
  await expect(page.getByRole("heading", { level: 1, name: "Paiement refusé" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/rien n'a été débité/)).toBeVisible();
  await shoot(page, testInfo, "payment-refused");
  await expectAccessible(page);

  await page.getByRole("link", { name: "Réessayer" }).click();
  await expect(page).toHaveURL(`${invoiceUrl}?payer=1`);
  const dialog = page.getByRole("dialog", { name: /^Payer la facture NX-/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Continuer vers le paiement" })).toBeEnabled();

  // Closed, the dialog leaves the address as it was; the refused attempt is in the history.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(invoiceUrl);
  const row = page.getByTestId("payment-history").getByTestId("payment-row").first();
  await expect(row.getByTestId("payment-status")).toHaveText("Refusé");
  await expect(row.getByTestId("receipt-link")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Payer", exact: true })).toBeVisible();
});

test("a payment left waiting shows as pending, and can be resumed on CinetPay's page", async ({ page }, testInfo) => {
  // The invoice of the refused test: its refused payment does not block a new one. This one ends
  // refused too, so that no payment stays open on an invoice other tests pay from the dashboard.
  const { user, title } = REFUSED[testInfo.project.name];
  // A clock the test can move: the return page stops asking after two minutes.
  await page.clock.install();
  await loginByApi(page, user);
  const invoiceUrl = await openUnpaidInvoice(page, title);
  await openPayDialog(page);
  await continueToCheckout(page);
  await page.getByRole("button", { name: "Laisser en attente" }).click();

  await waitForReturnPage(page);
  await expect(page.getByRole("heading", { level: 1, name: "En attente de confirmation…" })).toBeVisible();
  await expect(page.getByText("Validez le paiement sur votre téléphone si votre opérateur vous l'a demandé.", { exact: false })).toBeVisible();
  await expect(page.getByTestId("payment-result").getByTestId("payment-status")).toHaveText("En attente de confirmation");
  // Still pending after a few rounds of questions.
  await page.waitForTimeout(5_000);
  await expect(page.getByRole("heading", { level: 1, name: "En attente de confirmation…" })).toBeVisible();
  await shoot(page, testInfo, "payment-pending");
  await expectAccessible(page);

  // Two minutes later the page stops asking and offers to check again.
  await expect(page.getByRole("button", { name: "Vérifier à nouveau" })).toHaveCount(0);
  await page.clock.fastForward("02:05");
  const checkAgain = page.getByRole("button", { name: "Vérifier à nouveau" });
  await expect(checkAgain).toBeVisible();
  await expect(page.getByText(/^Pas encore de confirmation de CinetPay\./)).toBeVisible();
  await shoot(page, testInfo, "payment-pending-stopped");
  const status = page.waitForResponse((r) => /\/api\/payments\/[0-9a-f-]+\/status\/$/.test(new URL(r.url()).pathname));
  await checkAgain.click();
  expect((await status).status()).toBe(200);
  // Asking again: the button gives way to the waiting text until the next two minutes are up.
  await expect(checkAgain).toHaveCount(0);
  await expect(page.getByText("Cette page se met à jour toute seule.", { exact: false })).toBeVisible();

  // Meanwhile the invoice says a payment is in progress and offers to resume it.
  await page.goto(invoiceUrl);
  await expect(page.getByText("Un paiement est en cours pour cette facture.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Payer", exact: true })).toHaveCount(0);
  const row = page.getByTestId("payment-history").getByTestId("payment-row").first();
  await expect(row.getByTestId("payment-status")).toHaveText("En attente de confirmation");
  await shoot(page, testInfo, "invoice-payment-in-progress");

  await page.getByRole("link", { name: "Reprendre", exact: true }).first().click();
  await expect(page.getByText(SANDBOX_LABEL)).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "Refuser le paiement" }).click();
  await waitForReturnPage(page);
  await expect(page.getByRole("heading", { level: 1, name: "Paiement refusé" })).toBeVisible({ timeout: 30_000 });
});

test("the payments page lists the client's payments", async ({ page }, testInfo) => {
  await loginByApi(page, AWA);
  await page.goto("/paiements");
  await expect(page.getByRole("heading", { level: 1, name: "Paiements" })).toBeVisible();
  // Empty or not, depending on which tests ran before: either way it says something useful.
  await expect(
    page.getByTestId("payment-list").or(page.getByText("Aucun paiement pour le moment — vos paiements en ligne apparaîtront ici.")),
  ).toBeVisible();
  await shoot(page, testInfo, "payments");
  await expectAccessible(page);

  // In English too (the language cookie only; the account keeps French).
  const origin = new URL(page.url()).origin;
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: origin }]);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Payments" })).toBeVisible();
  await expect(
    page.getByTestId("payment-list").or(page.getByText("No payments yet — your online payments will appear here.")),
  ).toBeVisible();
  await shoot(page, testInfo, "payments-en");
});
