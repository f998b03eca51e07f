import { expect, test, type Page } from "@playwright/test";
import {
  ADMIN,
  columnOf,
  dragWithKeyboard,
  dragWithMouse,
  expectAccessible,
  expectNoHorizontalScroll,
  loginByApi,
  screenshot,
  streamed,
} from "./helpers";

/**
 * The staff's global board (`/admin/taches`), on a phone and on a desktop: filters kept in the
 * address, a card moved by keyboard (and by mouse on the desktop), two cards given to a colleague
 * at once, the workload and « Mes tâches » views, a task created and an internal comment. Each
 * browser project moves its own cards; the assignment is the same in both and ends the same way.
 */

const card = (page: Page, title: string) => page.getByTestId("task-card").filter({ hasText: title });

async function openBoard(page: Page, search = "") {
  await page.goto(`/admin/taches${search}`);
  await expect(page.getByRole("heading", { level: 1, name: "Tâches" })).toBeVisible();
  await streamed(page);
}

test("staff filter the global board, move cards, assign two at once and read the workload", async ({ page }, testInfo) => {
  const desktop = testInfo.project.name === "desktop";
  await loginByApi(page, ADMIN);
  await openBoard(page);
  await expect(card(page, "Intégration CinetPay")).toBeVisible();
  await expect(card(page, "Intégration CinetPay")).toContainText("Baobab Foods · Boutique en ligne");
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "admin-tasks-board");

  // Filters land in the address and narrow every column.
  await page.getByRole("button", { name: "Filtres" }).click();
  await page.getByLabel("Client").selectOption({ label: "Baobab Foods" });
  await expect(page).toHaveURL(/client=/);
  await page.getByLabel("Priorité").selectOption("urgent");
  await expect(page).toHaveURL(/priority=urgent/);
  await expect(card(page, "Intégration CinetPay")).toBeVisible();
  await expect(card(page, "Valider la charte graphique")).toHaveCount(0);
  await expect(card(page, "Tunnel de commande")).toHaveCount(0);
  await screenshot(page, testInfo, "admin-tasks-filtered");
  await page.reload();
  await expect(page.getByLabel("Priorité")).toHaveValue("urgent");
  await expect(card(page, "Intégration CinetPay")).toBeVisible();
  await page.getByRole("button", { name: "Effacer les filtres" }).first().click();
  await expect(page).toHaveURL(/\/admin\/taches$/);
  await expect(card(page, "Valider la charte graphique")).toBeVisible();

  // « En retard »: open tasks due before today, as the API counts them (done ones are not late).
  await page.getByLabel("Échéance").selectOption("late");
  await expect(page).toHaveURL(/due=late/);
  await expect(card(page, "Écran solde de points")).toBeVisible();
  await expect(card(page, "Atelier de cadrage")).toHaveCount(0);
  await expect(card(page, "Intégration CinetPay")).toHaveCount(0);
  await page.getByLabel("Échéance").selectOption("this_week");
  await expect(card(page, "Intégration CinetPay")).toBeVisible();
  await expect(card(page, "Écran solde de points")).toHaveCount(0);
  await page.getByRole("button", { name: "Effacer les filtres" }).first().click();
  await expect(page).toHaveURL(/\/admin\/taches$/);

  // A move by keyboard: Space on the handle, an arrow to the next column, Space.
  const byKeyboard = desktop ? "Tests de charge" : "Propositions de visuels";
  await openBoard(page, `?q=${encodeURIComponent(byKeyboard)}`);
  expect(await columnOf(card(page, byKeyboard))).toBe("column-todo");
  await dragWithKeyboard(page, card(page, byKeyboard).getByRole("button", { name: `Déplacer la tâche ${byKeyboard}` }), 1);
  await expect(page.getByTestId("column-in_progress").getByTestId("task-card").filter({ hasText: byKeyboard })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Tâche déplacée" })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("column-in_progress").getByTestId("task-card").filter({ hasText: byKeyboard })).toBeVisible();

  // A move with the mouse, on the desktop.
  if (desktop) {
    const byMouse = "Emails de confirmation";
    await openBoard(page, `?q=${encodeURIComponent(byMouse)}`);
    await dragWithMouse(page, card(page, byMouse), page.getByTestId("column-in_progress"));
    await expect(page.getByTestId("column-in_progress").getByTestId("task-card").filter({ hasText: byMouse })).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("column-in_progress").getByTestId("task-card").filter({ hasText: byMouse })).toBeVisible();
  }

  // Two cards given to Ibrahim at once.
  await openBoard(page);
  await page.getByLabel("Sélectionner la tâche Formulaire de contact").check();
  await page.getByLabel("Sélectionner la tâche Optimisation des images").check();
  const bulk = page.getByTestId("bulk-bar");
  await expect(bulk).toContainText("2 tâches sélectionnées");
  await screenshot(page, testInfo, "admin-tasks-selected", { fullPage: false });
  await bulk.getByLabel("Assigner à…").selectOption({ label: "Ibrahim Ouattara" });
  await expect(page.getByRole("status").filter({ hasText: "2 tâches assignées à Ibrahim Ouattara." })).toBeVisible();
  await expect(bulk).toBeHidden();
  for (const title of ["Formulaire de contact", "Optimisation des images"]) {
    await expect(page.getByLabel(`Assigner la tâche ${title}`).locator("option:checked")).toHaveText("Ibrahim Ouattara");
  }

  // The workload: Ibrahim has those two; his name opens his board.
  await page.getByRole("link", { name: "Charge" }).click();
  const workload = page.getByTestId("workload");
  await expect(workload.getByRole("button", { name: "Ibrahim Ouattara" }).first()).toBeVisible();
  await expect(workload.getByRole("button", { name: "Mariam Diallo" }).first()).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "admin-tasks-workload");
  await workload.getByRole("button", { name: "Ibrahim Ouattara" }).first().click();
  await expect(page).toHaveURL(/assignee=/);
  await expect(card(page, "Formulaire de contact")).toBeVisible();
  await expect(card(page, "Optimisation des images")).toBeVisible();
  await expect(card(page, "Intégration CinetPay")).toHaveCount(0);

  // « Mes tâches »: Mariam's, not Ibrahim's.
  await page.getByRole("link", { name: "Mes tâches" }).click();
  await expect(card(page, "Intégration CinetPay")).toBeVisible();
  await expect(card(page, "Formulaire de contact")).toHaveCount(0);
  await screenshot(page, testInfo, "admin-tasks-mine");

  // The list: the same filters (Ibrahim's tasks), sorted and paged by the API.
  await page.getByRole("link", { name: "Liste" }).click();
  await expect(page).toHaveURL(/view=list/);
  const table = page.getByTestId("task-table");
  await expect(table.getByRole("button", { name: "Ouvrir la tâche Formulaire de contact" })).toBeVisible();
  await expect(table.getByRole("button", { name: "Ouvrir la tâche Intégration CinetPay" })).toHaveCount(0);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "admin-tasks-list");
});

test("staff create a task from the board and leave an internal comment", async ({ page }, testInfo) => {
  const title = `Vérifier les liens (${testInfo.project.name})`;
  await loginByApi(page, ADMIN);
  await openBoard(page);
  await page.getByRole("button", { name: "Nouvelle tâche" }).first().click();
  const sheet = page.getByRole("dialog");
  // The rules answer before any request.
  await sheet.getByRole("button", { name: "Créer la tâche" }).click();
  await expect(sheet.getByText("Choisissez le projet de la tâche.")).toBeVisible();
  await expect(sheet.getByText("Donnez un titre à la tâche.")).toBeVisible();
  await sheet.getByLabel("Projet").selectOption({ label: "Akwaba Digital · Refonte du site vitrine" });
  await sheet.getByLabel("Titre").fill(title);
  await sheet.getByLabel("Assignée à").selectOption({ label: "Ibrahim Ouattara" });
  await sheet.getByLabel("Priorité").selectOption("high");
  await sheet.getByLabel(/^Échéance/).fill("2026-12-24");
  await sheet.getByLabel(/^Jalon/).selectOption({ label: "Mise en ligne" });
  await expectAccessible(page);
  await screenshot(page, testInfo, "admin-task-new", { fullPage: false });
  await sheet.getByRole("button", { name: "Créer la tâche" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Tâche créée." })).toBeVisible();
  await expect(sheet).toBeHidden();

  // Open it: an internal comment is marked as such.
  await openBoard(page, `?q=${encodeURIComponent(title)}`);
  await expect(card(page, title)).toContainText("24/12/2026");
  await page.getByRole("button", { name: `Ouvrir la tâche ${title}` }).click();
  await expect(sheet.getByRole("heading", { name: title })).toBeVisible();
  await sheet.getByLabel("Votre commentaire").fill("Penser aux liens du pied de page.");
  await sheet.getByRole("switch", { name: "Commentaire interne" }).click();
  await sheet.getByRole("button", { name: "Envoyer" }).click();
  const comment = sheet.getByTestId("comments").getByRole("listitem").filter({ hasText: "Penser aux liens du pied de page." });
  await expect(comment).toBeVisible();
  await expect(comment.getByText("Interne")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, testInfo, "admin-task-edit", { fullPage: false });
});

test("staff keep a task internal and nobody's, find it from the workload, and open it from a link", async ({ page }, testInfo) => {
  const title = `Relire le contrat du prestataire (${testInfo.project.name})`;
  await loginByApi(page, ADMIN);
  await openBoard(page);
  await page.getByRole("button", { name: "Nouvelle tâche" }).first().click();
  const sheet = page.getByRole("dialog");
  await sheet.getByLabel("Projet").selectOption({ label: "Baobab Foods · Boutique en ligne" });
  await sheet.getByLabel("Titre").fill(title);
  const visible = sheet.getByRole("switch", { name: "Visible par le client" });
  await expect(visible).toBeChecked();
  await visible.click();
  await expect(visible).not.toBeChecked();
  await sheet.getByRole("button", { name: "Créer la tâche" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Tâche créée." })).toBeVisible();
  await expect(sheet).toBeHidden();

  // The workload counts it among the open tasks nobody has, and leads to them.
  await page.getByRole("link", { name: "Charge" }).click();
  await page.getByRole("link", { name: "Voir les tâches sans responsable" }).click();
  await expect(page).toHaveURL(/assignee=none/);
  await page.getByRole("button", { name: /^Filtres/ }).click();
  await expect(page.locator("#task-filter-assignee")).toHaveValue("none");
  const internal = card(page, title);
  await expect(internal).toBeVisible();
  await expect(internal.getByText("Interne", { exact: true })).toBeVisible();
  await expect(card(page, "Intégration CinetPay")).toHaveCount(0);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "admin-tasks-unassigned");

  // A notification's link opens its editor over the board; closing it leaves the board.
  const id = await internal.getAttribute("data-task-id");
  await page.goto(`/admin/taches?tache=${id}`);
  await expect(sheet.getByRole("heading", { name: title })).toBeVisible();
  await expect(sheet.getByLabel("Projet")).toHaveValue(/.+/);
  await expect(sheet.getByText("Interne", { exact: true })).toBeVisible();
  await expect(sheet.getByRole("switch", { name: "Visible par le client" })).not.toBeChecked();
  await screenshot(page, testInfo, "admin-task-linked", { fullPage: false });

  // Shown to the client after all: the badge goes.
  await sheet.getByRole("switch", { name: "Visible par le client" }).click();
  await sheet.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Tâche enregistrée." })).toBeVisible();
  await expect(sheet).toBeHidden();
  await expect(page).toHaveURL(/\/admin\/taches$/);
  await openBoard(page, `?q=${encodeURIComponent(title)}`);
  await expect(card(page, title)).toBeVisible();
  await expect(card(page, title).getByText("Interne", { exact: true })).toHaveCount(0);

  // A link to a task that does not exist says so.
  await page.goto("/admin/taches?tache=00000000-0000-4000-8000-000000000000");
  await expect(sheet.getByRole("alert")).toContainText("Cette tâche n'existe plus");
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();
  await expect(page).toHaveURL(/\/admin\/taches$/);
});
