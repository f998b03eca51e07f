import { expect, test, type Locator, type Page, type TestInfo } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, loginByApi, screenshot, streamed } from "./helpers";

/**
 * The header's bell: the unread count as a badge, the panel (a sheet from the bottom on phones, a
 * popover under the bell on a desktop), opening a notification, marking them all read.
 *
 * As Kofi (Baobab Foods). The test does not depend on the order of the specs: it looks at what
 * Kofi has first (the empty state when nothing yet), then makes its own notifications by paying
 * two small instalments of Baobab's overdue "Hébergement — T3" through the CinetPay sandbox (every
 * member of the client gets a "Paiement reçu"). No other spec looks at that invoice, and both
 * projects can pay it: it stays unpaid, and each payment is settled before the next one starts.
 */

const KOFI = { email: "kofi@baobab.demo", password: "demo-client-2026" };
const INVOICE_TITLE = "Hébergement — T3";
/** 5 000 FCFA, well above the minimum instalment and far below the invoice's balance. */
const INSTALMENT = 5_000;

type NotificationPage = { count: number; unread_count: number };
type Payment = { id: string; status: string; checkout_url?: string | null };

async function unsafeHeaders(page: Page) {
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === "csrftoken")?.value;
  expect(csrf, "the CSRF cookie after login").toBeTruthy();
  const origin = new URL(process.env.E2E_BASE_URL || "http://127.0.0.1:3000").origin;
  return { "X-CSRFToken": csrf!, Origin: origin };
}

async function notifications(page: Page): Promise<NotificationPage> {
  const response = await page.request.get("/api/notifications/?page_size=1");
  expect(response.status()).toBe(200);
  return (await response.json()) as NotificationPage;
}

/**
 * Pays an instalment as a client would, minus the web app's dialog (payments.spec covers it): the
 * API starts the payment, the sandbox's checkout page accepts it with Orange Money, and the API
 * settles it (which writes the notification in the same transaction).
 */
async function payInstalment(page: Page): Promise<string> {
  const list = await page.request.get("/api/invoices/?status=unpaid&page_size=100");
  expect(list.status()).toBe(200);
  const { results } = (await list.json()) as { results: { id: string; title: string }[] };
  const invoice = results.find((row) => row.title === INVOICE_TITLE);
  expect(invoice, `Baobab's unpaid "${INVOICE_TITLE}"`).toBeTruthy();

  const init = await page.request.post("/api/payments/init/", {
    data: { invoice_id: invoice!.id, amount: INSTALMENT, channel: "MOBILE_MONEY" },
    headers: await unsafeHeaders(page),
  });
  expect(init.status(), await init.text()).toBe(201);
  const payment = (await init.json()) as Payment;
  expect(payment.checkout_url).toBeTruthy();

  // The sandbox's checkout form: "Payer" with Orange Money.
  const checkout = await page.request.post(payment.checkout_url!, { form: { outcome: "accept", operator: "OM", phone: "" } });
  expect(checkout.status(), await checkout.text()).toBe(200);

  await expect
    .poll(
      async () => {
        const status = await page.request.get(`/api/payments/${payment.id}/status/`);
        return ((await status.json()) as Payment).status;
      },
      { timeout: 30_000, intervals: [500, 1_000, 2_000] },
    )
    .toBe("accepted");
  return payment.id;
}

function bellOf(page: Page): Locator {
  return page.getByRole("banner").getByRole("button", { name: "Notifications", exact: true });
}

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  await expectNoHorizontalScroll(page);
  // The panel is over the page: the screen as the person sees it, not the whole page.
  await screenshot(page, testInfo, name, { fullPage: false });
}

test("the bell shows the unread count, lists the notifications, opens one and marks them all read", async ({ page }, testInfo) => {
  await loginByApi(page, KOFI);
  const before = await notifications(page);
  await page.goto("/");
  await streamed(page);
  const bell = bellOf(page);
  const badge = page.getByTestId("notification-badge");
  const panel = page.getByRole("dialog", { name: "Notifications" });
  await expect(bell).toBeVisible();

  if (before.count === 0) {
    // Nothing yet (this spec alone, or the phone's run before the payments spec's).
    await expect(badge).toHaveCount(0);
    await bell.click();
    await expect(panel.getByText("Aucune notification pour le moment.")).toBeVisible();
    await expect(panel.getByRole("button", { name: "Tout marquer comme lu" })).toHaveCount(0);
    await shoot(page, testInfo, "notifications-empty");
    await expectAccessible(page);
    await page.keyboard.press("Escape");
    await expect(panel).toBeHidden();
    await expect(bell).toBeFocused();
  }

  const older = await payInstalment(page);
  const newer = await payInstalment(page);
  const unread = before.unread_count + 2;

  // The badge counts them (after a reload here; in real life within a minute, or on coming back).
  await page.reload();
  await streamed(page);
  await expect(badge).toHaveText(unread > 9 ? "9+" : String(unread));
  await expect(bell).toHaveAccessibleDescription(`${unread} notifications non lues`);

  await bell.click();
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId("notification-summary")).toHaveText(`${unread} non lues`);
  const items = panel.getByTestId("notification");
  await expect(items.first()).toBeVisible();
  expect(await items.count()).toBeLessThanOrEqual(20);
  // Newest first, highlighted while unread, with their text and how long ago.
  const newest = items.first();
  await expect(newest.getByRole("link")).toHaveAttribute("href", `/paiements/${newer}`);
  await expect(newest).toHaveAttribute("data-unread", "true");
  await expect(newest).toContainText("Paiement reçu");
  await expect(newest).toContainText(/5\u202f000\u00a0FCFA reçus pour la facture NX-\d{4}-\d{4}\. Merci !/);
  await expect(newest.locator("time")).toHaveText(/^(à l’instant|il y a \d+ minutes?)$/);
  await expect(items.nth(1).getByRole("link")).toHaveAttribute("href", `/paiements/${older}`);
  await expect(items.nth(1)).toHaveAttribute("data-unread", "true");
  await shoot(page, testInfo, "notifications");
  await expectAccessible(page);

  // Opening one marks it read and goes to its page.
  const read = page.waitForResponse(
    (r) => r.request().method() === "POST" && /^\/api\/notifications\/[0-9a-f-]+\/read\/$/.test(new URL(r.url()).pathname),
  );
  await newest.getByRole("link").click();
  expect((await read).status()).toBe(200);
  await expect(page).toHaveURL(new RegExp(`/paiements/${newer}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Paiement reçu" })).toBeVisible();
  await expect(panel).toBeHidden();
  await expect(badge).toHaveText(unread - 1 > 9 ? "9+" : String(unread - 1));

  // The list again: that one is no longer highlighted, the other still is; then all of them.
  await bell.click();
  await expect(panel.getByTestId("notification-summary")).toHaveText(unread - 1 === 1 ? "1 non lue" : `${unread - 1} non lues`);
  await expect(items.first()).not.toHaveAttribute("data-unread", "true");
  await expect(items.nth(1)).toHaveAttribute("data-unread", "true");
  const readAll = page.waitForResponse(
    (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/notifications/read-all/",
  );
  const markAll = panel.getByRole("button", { name: "Tout marquer comme lu" });
  await markAll.click();
  expect((await readAll).status()).toBe(200);
  await expect(panel.locator('[data-testid="notification"][data-unread]')).toHaveCount(0);
  await expect(panel.getByTestId("notification-summary")).toHaveText("Tout est lu");
  await expect(markAll).toBeDisabled();
  await expect(badge).toHaveCount(0);
  await shoot(page, testInfo, "notifications-read");
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();

  // Kept by the API: still nothing unread after a reload.
  await page.reload();
  await streamed(page);
  await expect(bellOf(page)).toBeVisible();
  expect((await notifications(page)).unread_count).toBe(0);
  await expect(badge).toHaveCount(0);

  // In English too (the language cookie only; the notifications keep the account's language).
  const origin = new URL(page.url()).origin;
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: origin }]);
  await page.reload();
  await streamed(page);
  await bellOf(page).click();
  await expect(panel.getByTestId("notification-summary")).toHaveText("All read");
  await expect(panel.getByRole("button", { name: "Mark all as read" })).toBeDisabled();
});

test("a person chooses on their profile, topic by topic, what reaches them in the app and by email", async ({ page }, testInfo) => {
  await loginByApi(page, KOFI);
  await page.goto("/profil");
  await streamed(page);
  const topics = page.getByTestId("notification-preferences");
  const comments = topics.getByTestId("notification-topic").filter({ hasText: "Un commentaire sur mes tâches" });
  await expect(comments).toBeVisible();
  // Client topics only: staff alerts are not offered.
  await expect(topics).not.toContainText("Un délai de support");
  const byEmail = comments.getByRole("checkbox", { name: "Par e-mail" });
  await expect(byEmail).toBeChecked();
  await byEmail.uncheck();
  await expect(page.getByRole("status").filter({ hasText: "Préférence enregistrée." })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "profile-notification-preferences");
  await page.reload();
  await expect(topics.getByTestId("notification-topic").filter({ hasText: "Un commentaire sur mes tâches" }).getByRole("checkbox", { name: "Par e-mail" })).not.toBeChecked();
  await expect(comments.getByRole("checkbox", { name: "Dans l'application" })).toBeChecked();
  await expectAccessible(page);
  // As it was, for the other specs.
  await comments.getByRole("checkbox", { name: "Par e-mail" }).check();
  await expect(comments.getByRole("checkbox", { name: "Par e-mail" })).toBeChecked();
  await expect(page.getByRole("status").filter({ hasText: "Préférence enregistrée." }).first()).toBeVisible();
});
