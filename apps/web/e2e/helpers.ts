import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";
import path from "node:path";

export const AWA = { email: "awa@akwaba.demo", password: "demo-client-2026" };
export const SCREENSHOTS = path.join(__dirname, "..", "test-results", "screenshots");

/**
 * Waits until the streamed page is in place: while a page streams, React keeps a hidden copy of
 * the segment (`<div hidden id="S:0">`) for a moment, which would match text locators twice.
 */
export async function streamed(page: Page) {
  await expect(page.locator('div[hidden][id^="S:"]')).toHaveCount(0);
}

/** Logs in through the form, as a person would, and waits for the dashboard. */
export async function loginAs(page: Page, user = AWA) {
  await page.goto("/connexion");
  await page.getByLabel("Adresse e-mail").fill(user.email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByRole("heading", { level: 1, name: /Bonjour/ })).toBeVisible();
  await streamed(page);
}

/** Logs in through the API (cookies land in the page's context): faster for page checks. */
export async function loginByApi(page: Page, user = AWA) {
  const csrf = await page.request.get("/api/auth/csrf/");
  const { csrftoken } = (await csrf.json()) as { csrftoken: string };
  const baseURL = new URL(page.url() === "about:blank" ? process.env.E2E_BASE_URL || "http://127.0.0.1:3000" : page.url());
  const response = await page.request.post("/api/auth/login/", {
    data: user,
    headers: { "X-CSRFToken": csrftoken, Origin: baseURL.origin },
  });
  expect(response.status()).toBe(200);
}

/**
 * A full-page screenshot under test-results/screenshots/<project>-<name>.png; only the screen with
 * `fullPage: false` (an open dialog, which a full page would show stretched over the whole page).
 */
export async function screenshot(page: Page, testInfo: TestInfo, name: string, { fullPage = true } = {}) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${testInfo.project.name}-${name}.png`), fullPage });
}

/** No serious or critical accessibility violation (axe-core, WCAG 2 A/AA rules). */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const blocking = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  expect(blocking, JSON.stringify(blocking, null, 2)).toEqual([]);
}

/** The page does not scroll sideways (the board scrolls inside its own box). */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/**
 * Opens a section of the portal from its navigation: the side bar on a wide screen, the bottom
 * bar on a phone, or the phone's "Plus" panel for the sections that do not fit the bar.
 */
export async function openSection(page: Page, name: string) {
  const link = page
    .getByRole("navigation", { name: /^(Navigation principale|Main navigation)$/ })
    .getByRole("link", { name, exact: true });
  if (await link.isVisible()) {
    await link.click();
    return;
  }
  await page.getByRole("button", { name: /^(Plus|More)$/ }).click();
  await page.getByRole("dialog").getByRole("link", { name, exact: true }).click();
}
