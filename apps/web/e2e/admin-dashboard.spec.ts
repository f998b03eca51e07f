import { expect, test, type Page } from "@playwright/test";
import {
  ADMIN,
  AWA,
  adminApi,
  expectAccessible,
  expectNoHorizontalScroll,
  loginByApi,
  screenshot,
  streamed,
} from "./helpers";
import { ADMIN_NAV } from "../components/admin/shell/nav";

/**
 * The back-office's frame and dashboard as staff, at each project's width: log in, read the
 * figures, the charts and their tables, follow an alert, search an invoice by number with
 * Ctrl-K; a client session never sees /admin.
 */

const DASHBOARD = /^\/admin\/?$/;

/** Logs in through the form as the demo staff member and waits for the back-office. */
async function loginAsStaff(page: Page) {
  await page.goto("/connexion");
  await page.getByLabel("Adresse e-mail").fill(ADMIN.email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(ADMIN.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => DASHBOARD.test(url.pathname));
  await streamed(page);
}

/** The back-office's navigation: the sidebar on a wide screen, the drawer behind "Menu" on a phone. */
async function openAdminSection(page: Page, name: string) {
  const sidebar = page.getByRole("navigation", { name: "Navigation du back-office" }).getByRole("link", { name, exact: true });
  if (await sidebar.isVisible()) {
    await sidebar.click();
    return;
  }
  await page.getByRole("button", { name: "Menu" }).click();
  await page.getByRole("dialog").getByRole("link", { name, exact: true }).click();
}

test("staff log in to the dashboard: figures, charts with their tables, period picker", async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await loginAsStaff(page);
  await expect(page.getByRole("heading", { level: 1, name: "Tableau de bord" })).toBeVisible();
  await expect(page.getByTestId("period-range")).toHaveText(/^Du \d{2}\/\d{2}\/\d{4} au \d{2}\/\d{2}\/\d{4}$/);

  // Every figure is a link to the list it counts once that list's section is ready (the sidebar's
  // flag), plain text before; amounts written `150 000 FCFA`.
  for (const id of ["invoiced", "collected", "outstanding", "overdue", "dso", "active-projects", "open-tickets", "sla"]) {
    await expect(page.getByTestId(`kpi-${id}`)).toBeVisible();
  }
  await expect(page.getByTestId("kpi-invoiced")).toContainText(/\d[\d\u202f]*\u00a0FCFA/);
  const ready = (href: string) => ADMIN_NAV.find((item) => item.href === href)?.ready ?? false;
  if (ready("/admin/facturation")) {
    await expect(page.getByTestId("kpi-overdue")).toHaveAttribute("href", "/admin/facturation/factures?status=overdue");
  } else {
    await expect(page.getByTestId("kpi-overdue")).not.toHaveAttribute("href", /./);
  }
  if (!ready("/admin/support")) {
    await expect(page.getByTestId("kpi-open-tickets")).not.toHaveAttribute("href", /./);
    await expect(page.getByTestId("kpis").getByRole("link", { name: /Tickets ouverts/ })).toHaveCount(0);
  }

  await expect(page.getByTestId("activity").getByRole("link", { name: "Tout le journal" })).toHaveAttribute("href", "/admin/journal");
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "admin-dashboard");
  await expectAccessible(page);

  // The period lives in the URL; a year of demo data fills every chart.
  await page.getByRole("link", { name: "Cette année" }).click();
  await page.waitForURL(/\?period=year$/);
  await streamed(page);
  await expect(page.getByRole("link", { name: "Cette année" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("period-range")).toHaveText(/^Du \d{2}\/\d{2}\/\d{4} au \d{2}\/\d{2}\/\d{4}$/);

  // Each chart is an image with a name, and the same figures as a table behind "Voir les chiffres".
  for (const id of ["chart-monthly", "chart-ageing", "chart-operators"]) {
    const card = page.getByTestId(id);
    await expect(card.getByRole("img")).toHaveAccessibleName(/.+/);
    await card.getByText("Voir les chiffres").click();
    await expect(card.getByRole("table")).toBeVisible();
    expect(await card.getByRole("table").locator("tbody tr").count()).toBeGreaterThan(0);
  }
  await expect(page.getByTestId("chart-monthly").locator("tbody tr")).toHaveCount(12);
  await expect(page.getByTestId("chart-ageing").locator("tbody tr")).toHaveCount(4);
  await screenshot(page, testInfo, "admin-dashboard-year-tables");
  await expectAccessible(page);
  expect(errors).toEqual([]);

  // A custom period the API would refuse falls back to this month and says so.
  await page.goto("/admin?period=custom&from=2026-05-01&to=2026-04-01");
  await expect(page.getByRole("alert").filter({ hasText: "Période personnalisée invalide" })).toBeVisible();
});

test("an alert leads to the page that fixes it", async ({ page, baseURL }) => {
  await loginByApi(page, ADMIN);
  await page.goto("/admin");
  await streamed(page);
  const alerts = page.getByTestId("alerts");
  const first = alerts.locator("li").first();
  // Severity is written out, not only coloured.
  await expect(first).toContainText(/Urgent|À surveiller/);
  expect(await first.getByRole("link").getAttribute("href")).toMatch(/^\/admin\//);

  // An overdue invoice's alert (among the less urgent ones, behind "Voir les N autres") opens that invoice.
  const more = alerts.locator("summary");
  if (await more.count()) await more.click();
  // (A payment's alert may lead to its invoice's `#paiements`: not this one.)
  const link = alerts.locator('li a[href^="/admin/facturation/factures/"]:not([href*="#"])').first();
  await expect(link).toBeVisible();
  const href = (await link.getAttribute("href"))!;
  expect(href).toMatch(/^\/admin\/facturation\/factures\/[0-9a-f-]{36}$/);
  const api = await adminApi(baseURL!);
  const invoice = (await (await api.get(`/api/invoices/${href.split("/").pop()}/`)).json()) as { number: string; is_overdue: boolean };
  expect(invoice.is_overdue).toBe(true);
  await expect(link).toContainText(invoice.number);
  await link.click();
  await page.waitForURL((url) => url.pathname === href);
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: `Facture ${invoice.number}` })).toBeVisible();
  await expect(page.getByTestId("balance-due")).toHaveText(/\d[\d\u202f]*\u00a0FCFA/);
});

test("Ctrl-K finds an invoice by its number and Enter opens it", async ({ page, baseURL }, testInfo) => {
  const api = await adminApi(baseURL!);
  const invoices = (await (await api.get("/api/invoices/?status=overdue&page_size=1")).json()) as { results: { number: string | null }[] };
  const number = invoices.results[0]?.number;
  expect(number, "the demo data has an overdue invoice with a number").toBeTruthy();

  await loginByApi(page, ADMIN);
  await page.goto("/admin");
  await streamed(page);
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Rechercher dans le back-office" });
  await expect(palette).toBeVisible();
  const box = palette.getByRole("combobox");
  await expect(box).toBeFocused();
  await box.fill(number!);
  const group = palette.getByRole("group", { name: "Factures" });
  const option = group.getByRole("option").filter({ hasText: number! }).first();
  await expect(option).toBeVisible();
  await screenshot(page, testInfo, "admin-search", { fullPage: false });
  await expectAccessible(page);

  // Walk to the invoice with the arrows, then open it.
  const options = palette.getByRole("option");
  const target = await options.evaluateAll((all, text) => all.findIndex((o) => o.textContent?.includes(text)), number!);
  for (let i = 0; i < target; i++) await box.press("ArrowDown");
  await expect(option).toHaveAttribute("aria-selected", "true");
  await box.press("Enter");
  await expect(palette).toBeHidden();
  await page.waitForURL(/\/admin\//);

  // The button opens it too, and Escape closes it.
  await page.goto("/admin");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(palette).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(palette).toBeHidden();
});

test("the frame: sections, language, portal link; the phone's menu drawer", async ({ page }, testInfo) => {
  await loginByApi(page, ADMIN);
  await page.goto("/admin");
  await streamed(page);
  if (testInfo.project.name === "phone") {
    await page.getByRole("button", { name: "Menu" }).click();
    const drawer = page.getByRole("dialog");
    for (const name of ["Tableau de bord", "Clients", "Projets", "Équipe", "Journal", "Espace client"]) {
      await expect(drawer.getByRole("link", { name, exact: true })).toBeVisible();
    }
    await expect(drawer.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
    await screenshot(page, testInfo, "admin-menu", { fullPage: false });
    await expectAccessible(page);
    await page.keyboard.press("Escape");
  } else {
    const nav = page.getByRole("navigation", { name: "Navigation du back-office" });
    await expect(nav.getByRole("link", { name: "Tableau de bord" })).toHaveAttribute("aria-current", "page");
    // Sections of later issues stay out of the menu until they land.
    await expect(nav.getByRole("link", { name: "Paramètres" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Support" })).toHaveAttribute("href", "/admin/support");
    await expect(nav.getByRole("link", { name: "Paiements" })).toHaveAttribute("href", "/admin/paiements");
    await expect(nav.getByRole("link", { name: "Facturation" })).toHaveAttribute("href", "/admin/facturation");
    await expect(page.getByTestId("staff-name")).not.toBeEmpty();
    await expect(page.getByRole("link", { name: "Espace client" })).toHaveAttribute("href", "/");
  }
  await openAdminSection(page, "Journal");
  await page.waitForURL(/\/admin\/journal/);
});

test("a client session is sent from /admin to the portal", async ({ page }) => {
  await loginByApi(page, AWA);
  await page.goto("/admin");
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByRole("heading", { level: 1, name: /Bonjour/ })).toBeVisible();
});
