import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { ADMIN, adminApi, checkScreen, listRows, loginByApi, screenshot, streamed } from "./helpers";

/**
 * Staff deliver from the back-office, on a phone and on a desktop: create a client's project with
 * its manager and budget, add two milestones (one billed on approval, with an amount), edit the
 * project, and find it again in the list filtered by client, status and manager.
 */

const PROJECTS = "/admin/projets";
const FCFA = /\d[\d\u202f]*\u00a0FCFA/;

const projectRows = (page: Page, testInfo: TestInfo) => listRows(page, testInfo, { table: "project-table", card: "project-row" });

/** Adds a milestone from the project page's editor. */
async function addMilestone(page: Page, milestone: { title: string; due: string; amount?: string }) {
  await page.getByRole("button", { name: "Ajouter une étape" }).click();
  const form = page.getByTestId("milestone-form");
  await form.getByLabel("Titre").fill(milestone.title);
  await form.getByLabel(/^Échéance/).fill(milestone.due);
  if (milestone.amount) {
    await form.getByLabel("Un montant", { exact: true }).check();
    await form.getByLabel("Montant HT (FCFA)").fill(milestone.amount);
  }
  await form.getByRole("button", { name: "Ajouter une étape" }).click();
  await expect(form).toHaveCount(0);
  await expect(page.getByTestId("milestone-row").filter({ hasText: milestone.title })).toBeVisible();
}

test("staff create a project with two milestones, one billable, edit it and find it in the filtered list", async ({ page, baseURL }, testInfo) => {
  const api = await adminApi(baseURL!);
  const clients = (await (await api.get("/api/clients/?q=Akwaba")).json()) as { results: { id: string; name: string }[] };
  const akwaba = clients.results.find((client) => client.name === "Akwaba Digital")!;
  expect(akwaba, "the demo data has Akwaba Digital").toBeTruthy();
  // Both screens run against one database: each creates its own project.
  const name = `Application mobile ${testInfo.project.name} ${Date.now().toString(36)}`;

  await loginByApi(page, ADMIN);
  await page.goto(PROJECTS);
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: "Projets" })).toBeVisible();
  await expect(projectRows(page, testInfo).first()).toBeVisible();
  await checkScreen(page, testInfo, "admin-projects");

  // Create: client, name, dates, manager, budget and status.
  await page.getByRole("link", { name: "Nouveau projet" }).first().click();
  await page.waitForURL(`**${PROJECTS}/nouveau`);
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: "Nouveau projet" })).toBeVisible();
  // The rules first: nothing filled in.
  await page.getByRole("button", { name: "Créer le projet" }).click();
  await expect(page.getByText("Choisissez le client du projet.")).toBeVisible();
  await expect(page.getByText("Donnez un nom au projet.")).toBeVisible();
  await page.getByLabel("Client", { exact: true }).selectOption({ label: "Akwaba Digital" });
  await page.getByLabel("Nom du projet").fill(name);
  await page.getByLabel(/^Description/).fill("L'application de commande pour les clients d'Akwaba.");
  await page.getByLabel(/^Début/).fill("2026-12-01");
  await page.getByLabel(/^Échéance/).fill("2027-03-31");
  await page.getByLabel(/^Chef de projet NOURX/).selectOption({ label: "Ibrahim Ouattara" });
  await page.getByLabel(/^Budget HT \(FCFA\)/).fill("2 500 000");
  await page.getByLabel("Statut").selectOption("active");
  await checkScreen(page, testInfo, "admin-project-new");
  await page.getByRole("button", { name: "Créer le projet" }).click();
  await page.waitForURL(/\/admin\/projets\/[0-9a-f-]{36}$/);
  const projectId = page.url().split("/").pop()!;
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Ibrahim Ouattara").first()).toBeVisible();
  await expect(page.getByText("Aucune étape pour ce projet", { exact: false })).toBeVisible();

  // Two milestones, the second billed 450 000 FCFA on approval.
  await addMilestone(page, { title: "Maquettes validées", due: "2026-12-20" });
  await addMilestone(page, { title: "Version bêta", due: "2027-02-15", amount: "450 000" });
  const rows = page.getByTestId("milestone-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("Maquettes validées");
  await expect(rows.nth(1)).toContainText("Version bêta");
  await expect(rows.nth(1)).toContainText("450\u202f000\u00a0FCFA");

  // The API agrees: one billable milestone, in this order.
  const milestones = (await (await api.get(`/api/milestones/?project=${projectId}&page_size=100`)).json()) as {
    results: { title: string; amount: number | null; position: number }[];
  };
  const byTitle = Object.fromEntries(milestones.results.map((m) => [m.title, m]));
  expect(byTitle["Version bêta"].amount).toBe(450000);
  expect(byTitle["Maquettes validées"].amount).toBeNull();
  expect(byTitle["Maquettes validées"].position).toBeLessThan(byTitle["Version bêta"].position);
  await checkScreen(page, testInfo, "admin-project");

  // Work starts on the billable one, then it goes to the client for approval (after a question).
  const beta = rows.nth(1);
  await beta.getByRole("button", { name: "Démarrer : Version bêta" }).click();
  await expect(beta).toContainText("En cours");
  await beta.getByRole("button", { name: "Soumettre au client : Version bêta" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Soumettre « Version bêta » au client ?");
  await expect(dialog).toContainText("450\u202f000\u00a0FCFA HT");
  await dialog.getByRole("button", { name: "Soumettre au client" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(beta).toContainText("À valider");
  await expect(beta).toContainText("Soumise au client le");
  await expect(beta.getByRole("button", { name: "Retirer la demande : Version bêta" })).toBeVisible();
  await screenshot(page, testInfo, "admin-project-submitted");

  // Edit: a new name and budget.
  await page.getByRole("link", { name: "Modifier", exact: true }).click();
  await page.waitForURL(`**${PROJECTS}/${projectId}/modifier`);
  await streamed(page);
  await expect(page.getByLabel("Nom du projet")).toHaveValue(name);
  await expect(page.getByLabel(/^Budget HT \(FCFA\)/)).toHaveValue("2500000");
  await page.getByLabel("Nom du projet").fill(`${name} v2`);
  await page.getByLabel(/^Budget HT \(FCFA\)/).fill("3 000 000");
  await checkScreen(page, testInfo, "admin-project-edit");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await page.waitForURL(`**${PROJECTS}/${projectId}`);
  await expect(page.getByRole("heading", { level: 1, name: `${name} v2` })).toBeVisible();
  await expect(page.getByText("3\u202f000\u202f000\u00a0FCFA", { exact: false }).first()).toBeVisible();

  // The list, filtered by client (from the client's page), status and manager, then searched.
  await page.goto(`/admin/clients/${akwaba.id}`);
  await streamed(page);
  await page.getByRole("link", { name: "Tous ses projets" }).click();
  await page.waitForURL((url) => url.pathname === PROJECTS && url.searchParams.get("client") === akwaba.id);
  await streamed(page);
  await expect(page.getByRole("button", { name: "Retirer le filtre « Client : Akwaba Digital »" })).toBeVisible();
  await page.getByLabel("Statut", { exact: true }).selectOption("active");
  await page.waitForURL((url) => url.searchParams.get("status") === "active");
  await page.getByRole("button", { name: /^Filtres/ }).click();
  await page.getByLabel("Chef de projet", { exact: true }).selectOption({ label: "Ibrahim Ouattara" });
  await page.getByRole("button", { name: "Appliquer" }).click();
  await page.waitForURL((url) => url.searchParams.has("manager") && url.searchParams.get("client") === akwaba.id);
  await page.getByRole("searchbox", { name: "Rechercher un projet" }).fill(`${name} v2`);
  await page.waitForURL((url) => url.searchParams.get("search") === `${name} v2`);
  const found = projectRows(page, testInfo);
  await expect(found).toHaveCount(1);
  await expect(found.first()).toContainText(`${name} v2`);
  await expect(found.first()).toContainText("Akwaba Digital");
  await expect(found.first()).toContainText("Ibrahim Ouattara");
  await expect(found.first()).toContainText("En cours");
  await expect(found.first()).toContainText(FCFA);
  await expect(page.getByRole("button", { name: "Retirer le filtre « Chef de projet : Ibrahim Ouattara »" })).toBeVisible();
  await checkScreen(page, testInfo, "admin-projects-filtered");

  // "En retard seulement" leaves it out (due in 2027), and the empty state says what to do.
  await page.getByRole("button", { name: /^Filtres/ }).click();
  await page.getByLabel("En retard seulement").check();
  await page.getByRole("button", { name: "Appliquer" }).click();
  await page.waitForURL((url) => url.searchParams.get("late") === "true");
  await expect(page.getByText("Aucun projet ne correspond à ces filtres", { exact: false })).toBeVisible();
  await page.getByRole("button", { name: "Effacer les filtres" }).first().click();
  await page.waitForURL((url) => url.pathname === PROJECTS && url.search === "");

  // The row opens the project.
  await page.goto(`${PROJECTS}?search=${encodeURIComponent(`${name} v2`)}`);
  await streamed(page);
  await projectRows(page, testInfo).first().getByRole("link", { name: `${name} v2` }).click();
  await page.waitForURL(`**${PROJECTS}/${projectId}`);
  await expect(page.getByRole("heading", { level: 1, name: `${name} v2` })).toBeVisible();
});

test("an unknown project says so, with the way back to the list", async ({ page }) => {
  await loginByApi(page, ADMIN);
  await page.goto(`${PROJECTS}/00000000-0000-7000-8000-000000000000`);
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: "Projet introuvable" })).toBeVisible();
  await expect(page.getByTestId("not-found").getByRole("link", { name: "Tous les projets" })).toHaveAttribute("href", PROJECTS);
});
