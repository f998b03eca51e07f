import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, loginByApi, screenshot, streamed } from "./helpers";

/**
 * Each main page at this project's width: it shows its content, it does not scroll sideways,
 * axe finds nothing serious, and a screenshot is kept under test-results/screenshots/.
 */

test("login page", async ({ page }, testInfo) => {
  await page.goto("/connexion");
  await expect(page.getByRole("heading", { level: 1, name: "Connexion à votre espace" })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "login");
  await expectAccessible(page);
});

test("forgotten password page", async ({ page }, testInfo) => {
  await page.goto("/mot-de-passe-oublie");
  await expect(page.getByRole("heading", { level: 1, name: "Mot de passe oublié" })).toBeVisible();
  await screenshot(page, testInfo, "forgot-password");
  await expectAccessible(page);
});

test.describe("portal pages", () => {
  test.beforeEach(async ({ page }) => {
    await loginByApi(page);
  });

  test("dashboard", async ({ page }, testInfo) => {
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto("/");
    await streamed(page);
    await expect(page.getByTestId("active-projects")).toBeVisible();
    await expect(page.getByTestId("waiting-tasks")).toBeVisible();
    // Rendered on the server with its data, then hydrated without a mismatch or a failed request.
    expect(errors).toEqual([]);
    await expectNoHorizontalScroll(page);
    await screenshot(page, testInfo, "dashboard");
    await expectAccessible(page);
  });

  test("projects", async ({ page }, testInfo) => {
    await page.goto("/projets");
    await expect(page.getByTestId("project-list")).toBeVisible();
    await page.getByLabel("Statut").selectOption("draft");
    await expect(page.getByTestId("project-list").getByText("Campagne réseaux sociaux Tabaski")).toBeVisible();
    await expect(page.getByTestId("project-list").getByText("Refonte du site vitrine")).toHaveCount(0);
    await page.getByLabel("Statut").selectOption("");
    await expectNoHorizontalScroll(page);
    await screenshot(page, testInfo, "projects");
    await expectAccessible(page);
  });

  test("project page, board and list", async ({ page }, testInfo) => {
    await page.goto("/projets");
    await page.getByTestId("project-list").getByRole("link", { name: /Refonte du site vitrine/ }).click();
    await expect(page.getByTestId("task-board")).toBeVisible();
    await expect(page.getByTestId("milestone-timeline")).toBeVisible();
    await expectNoHorizontalScroll(page);
    await screenshot(page, testInfo, "project");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Liste" }).click();
    await expect(page.getByTestId("task-list")).toBeVisible();
    await screenshot(page, testInfo, "project-list-view");
  });

  test("tasks", async ({ page }, testInfo) => {
    await page.goto("/taches");
    await expect(page.getByTestId("task-board")).toBeVisible();
    await expectNoHorizontalScroll(page);
    await screenshot(page, testInfo, "tasks");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Liste" }).click();
    // Phones keep the filters behind a button.
    const filters = page.getByRole("button", { name: "Filtrer" });
    if (await filters.isVisible()) await filters.click();
    await page.getByLabel("Assignées à moi").check();
    await expect(page.getByTestId("task-list").getByText("Valider la charte graphique")).toBeVisible();
    await expect(page.getByTestId("task-list").getByText("Intégration du blog")).toHaveCount(0);
    await screenshot(page, testInfo, "tasks-list-mine");
  });

  test("task sheet", async ({ page }, testInfo) => {
    await page.goto("/taches");
    await page.getByRole("button", { name: "Ouvrir la tâche Valider la charte graphique" }).click();
    const sheet = page.getByRole("dialog");
    await expect(sheet.getByRole("heading", { name: "Valider la charte graphique" })).toBeVisible();
    await screenshot(page, testInfo, "task-sheet");
    await expectAccessible(page);
    // A move the workflow refuses (to do → done): the API's 409 lists what is allowed, and the
    // optimistic move is undone.
    await sheet.getByLabel("Déplacer vers").selectOption("done");
    await expect(page.getByRole("alert").filter({ hasText: "Statuts possibles : En cours, Bloqué" })).toBeVisible();
    await expect(sheet.getByLabel("Déplacer vers")).toHaveValue("todo");
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("column-todo").getByText("Valider la charte graphique")).toBeVisible();
  });

  test("support list, ticket and new ticket", async ({ page }, testInfo) => {
    await page.goto("/support");
    await expect(page.getByTestId("ticket-list")).toBeVisible();
    await expectNoHorizontalScroll(page);
    await screenshot(page, testInfo, "support");
    await expectAccessible(page);

    await page.getByTestId("ticket-list").getByRole("link", { name: /Question sur la facture de novembre/ }).click();
    await expect(page.getByTestId("ticket-messages")).toBeVisible();
    // Internal notes between NOURX staff never show.
    await expect(page.getByText("Vérifier la configuration du serveur de messagerie.")).toHaveCount(0);
    await expectNoHorizontalScroll(page);
    await screenshot(page, testInfo, "ticket");
    await expectAccessible(page);

    await page.goto("/support/nouveau");
    await page.getByRole("button", { name: "Envoyer la demande" }).click();
    await expect(page.getByText("Donnez un sujet à votre demande.")).toBeVisible();
    await screenshot(page, testInfo, "new-ticket");
    await expectAccessible(page);
  });

  test("profile", async ({ page }, testInfo) => {
    await page.goto("/profil");
    await expect(page.getByLabel("Nom complet")).toHaveValue("Awa Koné");
    await expectNoHorizontalScroll(page);
    await screenshot(page, testInfo, "profile");
    await expectAccessible(page);
  });
});
