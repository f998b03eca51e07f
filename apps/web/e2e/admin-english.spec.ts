import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, loginByApi, screenshot, streamed } from "./helpers";

/**
 * The back-office in English, as a staff member who chose it: the language switch saves the
 * choice on the profile, so the pages and the API's own sentences (alerts, activity) follow it.
 * The demo staff account is put back in French at the end, whatever happens.
 */

const STAFF = { email: "staff@nourx.demo", password: "demo-staff-2026" };

/** The FR / EN switch: in the header on a wide screen, in the menu drawer on a phone. */
async function chooseLanguage(page: Page, name: "English" | "Français") {
  const header = page.getByRole("banner").getByRole("button", { name, exact: true });
  if (!(await header.isVisible())) await page.getByRole("button", { name: /^(Menu)$/ }).click();
  const choice = page.getByRole("button", { name, exact: true }).filter({ visible: true }).first();
  await choice.click();
  await expect(choice).toHaveAttribute("aria-pressed", "true");
  // The phone's drawer stays open over the page: close it to read the page.
  if (await page.getByRole("dialog").isVisible()) await page.keyboard.press("Escape");
}

test("the back-office reads in English once a staff member chooses it", async ({ page }, testInfo) => {
  await loginByApi(page, STAFF);
  await page.goto("/admin");
  await streamed(page);
  try {
    await chooseLanguage(page, "English");
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    await page.goto("/admin?period=year");
    await streamed(page);
    await expect(page.getByTestId("period-range")).toHaveText(/^From \d{2}\/\d{2}\/\d{4} to \d{2}\/\d{2}\/\d{4}$/);
    await expect(page.getByTestId("alerts").locator("li").first()).toContainText(/Urgent|Watch/i);
    await expect(page.getByTestId("alerts")).not.toContainText("en retard de");
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await screenshot(page, testInfo, "admin-dashboard-en");

    for (const [path, heading, name] of [
      ["/admin/clients", "Clients", "admin-clients-en"],
      ["/admin/equipe", "Team", "admin-team-en"],
      ["/admin/journal", "Journal", "admin-journal-en"],
      ["/admin/paiements?status=flagged", "Payments", "admin-payments-en"],
    ] as const) {
      await page.goto(path);
      await streamed(page);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await screenshot(page, testInfo, name);
    }
  } finally {
    await page.goto("/admin");
    await chooseLanguage(page, "Français");
    await expect(page.getByRole("heading", { level: 1, name: "Tableau de bord" })).toBeVisible();
  }
});
