import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN, adminApi, checkScreen, listRows, loginByApi, streamed } from "./helpers";

/**
 * Recurring billing, on a phone and on a desktop: staff write a monthly template with two lines
 * for a demo client, find it in the list with its next invoice's date, pause it and see it paused.
 */

const RECURRING = "/admin/facturation/recurrentes";

async function akwaba(api: APIRequestContext): Promise<string> {
  const clients = (await (await api.get("/api/clients/?q=Akwaba")).json()) as { results: { id: string; name: string }[] };
  const client = clients.results.find((row) => row.name === "Akwaba Digital");
  expect(client, "the demo data has Akwaba Digital").toBeTruthy();
  return client!.id;
}

const field = (page: Page, label: string, line: number) => page.getByLabel(`${label} (ligne ${line})`, { exact: true });

/** A week from now: far enough that the worker issues nothing while the test runs. */
function inAWeek(): { iso: string; shown: string } {
  const day = new Date(Date.now() + 7 * 86_400_000);
  return {
    iso: day.toISOString().slice(0, 10),
    shown: new Intl.DateTimeFormat("fr-FR", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" }).format(day),
  };
}

test("staff create a monthly template with two lines, see it listed with its next date, and pause it", async ({ page, baseURL }, testInfo) => {
  const api = await adminApi(baseURL!);
  const clientId = await akwaba(api);
  const title = `Maintenance ${testInfo.project.name} ${Date.now().toString(36)}`;
  const start = inAWeek();

  await loginByApi(page, ADMIN);
  await page.goto(RECURRING);
  await streamed(page);
  await expect(page.getByRole("link", { name: "Récurrentes" })).toHaveAttribute("aria-current", "page");

  await page.goto(`${RECURRING}/nouvelle?client=${clientId}`);
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: "Nouvelle facturation récurrente" })).toBeVisible();
  await expect(page.getByLabel("Client", { exact: true })).toHaveValue(clientId);
  await page.getByLabel(/^Objet/).fill(title);
  await field(page, "Désignation", 1).fill("Maintenance du site");
  await field(page, "Prix unitaire HT (FCFA)", 1).fill("50 000");
  await field(page, "Remise (%)", 1).press("Enter");
  await field(page, "Désignation", 2).fill("Hébergement");
  await field(page, "Prix unitaire HT (FCFA)", 2).fill("10000");
  await expect(page.getByTestId("live-totals").getByTestId("totals")).toBeVisible();
  await page.getByLabel("Rythme").selectOption("monthly");
  await expect(page.getByLabel(/^Date de la première facture/)).toHaveValue(new Date().toISOString().slice(0, 10));
  await page.getByLabel(/^Date de la première facture/).fill(start.iso);
  await checkScreen(page, testInfo, "admin-recurring-editor");
  await page.getByRole("button", { name: "Créer le modèle" }).click();

  // The template's page: active, its first invoice on the start date, none issued yet.
  await expect(page).toHaveURL(/\/admin\/facturation\/recurrentes\/[0-9a-f-]{36}$/);
  const panel = page.getByTestId("recurring-status-panel");
  await expect(panel.getByTestId("recurring-status")).toHaveText("Active");
  await expect(panel.getByTestId("recurring-next")).toHaveText(start.shown);

  // Listed for its client, with its rhythm and next date.
  await page.goto(`${RECURRING}?client=${clientId}`);
  await streamed(page);
  const row = listRows(page, testInfo, { table: "recurring-table", card: "recurring-row" }).filter({ hasText: title });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Mensuelle");
  await expect(row.getByTestId("recurring-next")).toHaveText(start.shown);
  await checkScreen(page, testInfo, "admin-recurring-list");

  // Paused from its page, after a confirmation.
  await row.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/admin\/facturation\/recurrentes\/[0-9a-f-]{36}$/);
  await page.getByRole("button", { name: "Mettre en pause" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Mettre en pause ?" });
  await dialog.getByRole("button", { name: "Mettre en pause" }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByTestId("recurring-status")).toHaveText("En pause");
  await expect(page.getByRole("button", { name: "Reprendre" })).toBeVisible();
  await checkScreen(page, testInfo, "admin-recurring-detail");

  await page.goto(`${RECURRING}?status=paused&client=${clientId}`);
  await streamed(page);
  await expect(listRows(page, testInfo, { table: "recurring-table", card: "recurring-row" }).filter({ hasText: title }).getByTestId("recurring-status")).toHaveText(
    "En pause",
  );
});
