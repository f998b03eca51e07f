import { expect, test } from "@playwright/test";
import { columnOf, dragWithKeyboard, dragWithMouse, loginAs, openSection, screenshot } from "./helpers";

const TASK = "Fournir les photos de l'équipe";

test("a client follows a project, moves a task, comments, writes to support, switches language, logs out", async ({
  page,
}, testInfo) => {
  await loginAs(page);

  // The dashboard answers for Akwaba only.
  const projects = page.getByTestId("active-projects");
  await expect(projects.getByText("Refonte du site vitrine")).toBeVisible();
  await expect(projects.getByText("Application mobile de fidélité")).toBeVisible();
  await expect(page.getByText("Boutique en ligne")).toHaveCount(0);
  await expect(page.getByText("Identité visuelle")).toHaveCount(0);
  await expect(page.getByTestId("waiting-tasks").getByText(TASK)).toBeVisible();
  await expect(page.getByRole("heading", { name: "À payer" })).toBeVisible();

  // Open the project.
  await projects.getByRole("link", { name: /Refonte du site vitrine/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Refonte du site vitrine" })).toBeVisible();
  await expect(page.getByTestId("milestone-timeline").getByText("Maquettes validées")).toBeVisible();

  // Move the task assigned to Awa one column to the right: by keyboard on the phone, by mouse on the desktop.
  const card = page.getByTestId("task-card").filter({ hasText: TASK });
  const before = await columnOf(card);
  const next = before === "column-todo" ? "in_progress" : "review";
  expect(["column-todo", "column-in_progress"]).toContain(before);
  if (testInfo.project.name === "phone") {
    await dragWithKeyboard(page, card.getByRole("button", { name: `Déplacer la tâche ${TASK}` }), 1);
  } else {
    await dragWithMouse(page, card, page.getByTestId(`column-${next}`));
  }
  await expect(page.getByTestId(`column-${next}`).getByTestId("task-card").filter({ hasText: TASK })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Tâche déplacée" })).toBeVisible();

  // It stays there after a reload.
  await page.reload();
  await expect(page.getByTestId(`column-${next}`).getByTestId("task-card").filter({ hasText: TASK })).toBeVisible();

  // A card the user may not move has no handle.
  const other = page.getByTestId("task-card").filter({ hasText: "Intégration du blog" });
  await expect(other).toBeVisible();
  await expect(other.getByRole("button", { name: /^Déplacer la tâche/ })).toHaveCount(0);

  // Comment on the task.
  await page.getByRole("button", { name: `Ouvrir la tâche ${TASK}` }).click();
  const sheet = page.getByRole("dialog");
  await expect(sheet.getByRole("heading", { name: TASK })).toBeVisible();
  const comment = `Les photos arrivent demain (${testInfo.project.name}).`;
  await sheet.getByLabel("Votre commentaire").fill(comment);
  await sheet.getByRole("button", { name: "Envoyer" }).click();
  await expect(sheet.getByTestId("comments").getByText(comment)).toBeVisible();
  await sheet.getByRole("button", { name: "Fermer" }).first().click();
  await expect(sheet).toBeHidden();

  // Open a ticket, then reply in its thread.
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Support" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Support" })).toBeVisible();
  await page.getByRole("link", { name: "Nouvelle demande" }).first().click();
  const subject = `Accès au blog (${testInfo.project.name})`;
  await page.getByLabel("Sujet").fill(subject);
  await page.getByLabel("Projet concerné").selectOption({ label: "Refonte du site vitrine" });
  await page.getByLabel("Message").fill("Bonjour, pouvez-vous nous créer un accès rédacteur ?");
  await page.getByRole("button", { name: "Envoyer la demande" }).click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(page.getByText(/Réponse attendue avant/).first()).toBeVisible();
  await page.getByLabel("Votre réponse").fill("J'ajoute : deux accès si possible.");
  await page.getByRole("button", { name: "Répondre" }).click();
  await expect(page.getByTestId("ticket-messages").getByText("J'ajoute : deux accès si possible.")).toBeVisible();

  // Switch to English and back, from the profile.
  await openSection(page, "Profil");
  await page.getByLabel("Langue de l'interface et des e-mails").selectOption("en");
  await expect(page.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await screenshot(page, test.info(), "profile-en");
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Home" }).click();
  await expect(page.getByTestId("active-projects")).toBeVisible();
  await screenshot(page, test.info(), "dashboard-en");
  await openSection(page, "Profile");
  await page.getByLabel("Language of the interface and emails").selectOption("fr");
  await expect(page.getByRole("heading", { level: 1, name: "Profil" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");

  // Log out: the portal is closed again.
  await page.getByRole("main").getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/connexion/);
  await expect(page.getByText("Vous êtes déconnecté.")).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/connexion/);
});

test("another client sees only their own projects", async ({ page }) => {
  await loginAs(page, { email: "kofi@baobab.demo", password: "demo-client-2026" });
  await expect(page.getByTestId("active-projects").getByText("Boutique en ligne")).toBeVisible();
  await expect(page.getByText("Refonte du site vitrine")).toHaveCount(0);
});
