import { expect, test } from "@playwright/test";
import { ADMIN, expectAccessible, expectNoHorizontalScroll, loginByApi, screenshot, secondBrowser, streamed, tokenFromMail } from "./helpers";

/**
 * The back-office's client life cycle, on a phone and on a desktop: a member of staff creates a
 * client (a wrong field first, answered on the field), invites its owner, who accepts in another
 * browser and finds an empty portal; then staff archive the client and its owner can no longer
 * log in. Names and addresses are new for each browser project, so no other test sees them.
 */

test("staff create a client, its owner joins an empty portal, and is refused once the client is archived", async ({ page, browser }, testInfo) => {
  const project = testInfo.project.name;
  const name = `Kente Studio ${project}`;
  const email = `kofi.kente.${project}@example.ci`;
  const password = "une phrase de passe solide 2026";

  await loginByApi(page, ADMIN);
  await page.goto("/admin/clients");
  await expect(page.getByRole("heading", { level: 1, name: "Clients" })).toBeVisible();
  await streamed(page);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "admin-clients");

  // The form checks as the API does: a wrong email is answered on its field, before any request.
  await page.getByRole("link", { name: "Nouveau client" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Nouveau client" })).toBeVisible();
  await page.getByLabel("Nom", { exact: true }).fill(name);
  await page.getByLabel("Ville").fill("Abidjan");
  await page.getByLabel("E-mail de facturation").fill("compta@kente");
  await page.getByRole("button", { name: "Créer le client" }).click();
  await expect(page.getByText("Saisissez une adresse e-mail valide.")).toBeVisible();
  await expect(page.getByLabel("E-mail de facturation")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await screenshot(page, testInfo, "admin-client-new");
  await page.getByLabel("E-mail de facturation").fill("compta@kente.ci");
  await page.getByLabel("Secteur").fill("Design");
  await page.getByLabel("Étiquettes").fill("vip, export");
  await page.getByRole("button", { name: "Créer le client" }).click();

  // The 360° page, with its empty sections saying what comes next.
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Aucune facture pour ce client.")).toBeVisible();
  // No project yet: the section says how to start one, for this client.
  const projects = page.locator("#projects");
  await expect(projects.getByText(/Aucun projet pour ce client/)).toBeVisible();
  await expect(projects.getByRole("link", { name: "Nouveau projet" })).toHaveAttribute("href", /^\/admin\/projets\/nouveau\?client=[0-9a-f-]{36}$/);
  await expect(page.getByText(/Aucun contact pour l'instant/)).toBeVisible();
  const clientUrl = page.url();

  // Invite the owner.
  await page.getByRole("button", { name: "Inviter", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Adresse e-mail").fill(email);
  await dialog.getByLabel("Rôle").selectOption("owner");
  await dialog.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await expect(dialog).toBeHidden();
  const invitations = page.locator("#invitations");
  await expect(invitations.getByText(email)).toBeVisible();
  await expect(invitations.getByText("En attente")).toBeVisible();
  await streamed(page);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "admin-client-360");

  // The invited person accepts in their own browser and finds an empty portal.
  const token = await tokenFromMail(email, "/invitation/accepter");
  const other = await secondBrowser(browser, testInfo);
  const kofi = await other.newPage();
  await kofi.goto(`/invitation/accepter?token=${encodeURIComponent(token)}`);
  await kofi.getByLabel("Nom complet").fill("Kofi Mensah");
  await kofi.getByLabel("Mot de passe", { exact: true }).fill(password);
  await kofi.getByRole("button", { name: "Activer mon accès" }).click();
  await expect(kofi.getByRole("heading", { level: 1, name: "Bonjour Kofi" })).toBeVisible();
  // Scoped to the visible region: while the router swaps trees a second, hidden copy can exist.
  await expect(kofi.getByRole("region", { name: "Projets en cours" }).getByText(/Aucun projet en cours/)).toBeVisible();
  await screenshot(kofi, testInfo, "admin-client-invitee-portal");

  // Staff see the invitation accepted and the new contact with their role.
  await page.goto(clientUrl);
  await expect(invitations.getByText("Acceptée")).toBeVisible();
  await expect(page.locator("#contacts").getByText("Kofi Mensah")).toBeVisible();
  await expect(page.getByLabel("Rôle de Kofi Mensah")).toHaveValue("owner");

  // Archive: confirmed in a dialog; the page then says what it means.
  await page.getByRole("button", { name: "Archiver", exact: true }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("ne pourront plus se connecter");
  await confirm.getByRole("button", { name: "Archiver", exact: true }).click();
  await expect(page.getByText(/Ce client est archivé/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Restaurer", exact: true })).toBeVisible();

  // The archived client's owner is refused at login.
  await other.clearCookies();
  await kofi.goto("/connexion");
  await kofi.getByLabel("Adresse e-mail").fill(email);
  await kofi.getByLabel("Mot de passe", { exact: true }).fill(password);
  await kofi.getByRole("button", { name: "Se connecter" }).click();
  await expect(kofi.getByRole("alert")).toBeVisible();
  await expect(kofi).toHaveURL(/\/connexion/);
  await other.close();

  // The list finds it by name, archived, with the filter kept in the address.
  await page.goto("/admin/clients?status=archived");
  await page.getByRole("searchbox", { name: "Rechercher un client" }).fill("Kente Studio");
  await expect(page).toHaveURL(/q=Kente/);
  await expect(page.getByRole("link", { name })).toBeVisible();
  await expect(page.getByText("Archivé").filter({ visible: true }).first()).toBeVisible();

  // Saved filters: the current query under a name, picked again from the list, then deleted.
  const filterName = `Archivés ${project}`;
  await page.goto("/admin/clients?status=archived&ordering=-outstanding");
  await page.getByRole("button", { name: "Enregistrer ce filtre" }).click();
  await page.getByRole("dialog").getByLabel("Nom du filtre").fill(filterName);
  await page.getByRole("dialog").getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByLabel("Filtres enregistrés")).toHaveValue(/.+/);
  await page.goto("/admin/clients");
  await page.getByLabel("Filtres enregistrés").selectOption({ label: filterName });
  await expect(page).toHaveURL(/status=archived/);
  await expect(page).toHaveURL(/ordering=-outstanding/);
  await page.getByRole("button", { name: `Supprimer le filtre « ${filterName} »` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Supprimer le filtre" }).click();
  await expect(page.getByRole("option", { name: filterName })).toHaveCount(0);
});

test("a client with invoices cannot be deleted: the reason is shown and archiving offered", async ({ page }, testInfo) => {
  await loginByApi(page, ADMIN);
  await page.goto("/admin/clients?q=Akwaba");
  await page.getByRole("link", { name: "Akwaba Digital" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Akwaba Digital" })).toBeVisible();
  await expect(page.locator("#invoices").getByText(/NX-2026-/).first()).toBeVisible();
  await page.getByRole("button", { name: "Supprimer", exact: true }).click();
  const confirm = page.getByRole("alertdialog");
  await confirm.getByRole("button", { name: "Supprimer définitivement" }).click();
  await expect(confirm.getByRole("alert")).toBeVisible();
  await expect(confirm.getByRole("button", { name: "Archiver plutôt" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, testInfo, "admin-client-delete-refused", { fullPage: false });
  await confirm.getByRole("button", { name: "Annuler" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Akwaba Digital" })).toBeVisible();
});

test("the team and the journal read well on every screen", async ({ page }, testInfo) => {
  await loginByApi(page, ADMIN);

  await page.goto("/admin/equipe");
  await expect(page.getByRole("heading", { level: 1, name: "Équipe" })).toBeVisible();
  await expect(page.getByText(ADMIN.email).filter({ visible: true }).first()).toBeVisible();
  await streamed(page);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "admin-team");
  await page.getByRole("button", { name: "Inviter un membre" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, testInfo, "admin-team-invite", { fullPage: false });
  await page.keyboard.press("Escape");

  await page.goto("/admin/journal");
  await expect(page.getByRole("heading", { level: 1, name: "Journal" })).toBeVisible();
  await page.getByLabel("Domaine").selectOption("clients");
  await expect(page).toHaveURL(/kind=clients/);
  // The previous filter's rows stay on screen (busy) until the new ones arrive: open a row of the new list.
  await expect(page.getByTestId("activity-list")).toHaveAttribute("aria-busy", "false");
  const first = page.getByRole("button", { name: "Voir les changements" }).first();
  await expect(first).toBeVisible();
  await first.click();
  await expect(page.getByRole("columnheader", { name: "Avant" }).first()).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "admin-journal");

  await page.getByRole("link", { name: "E-mails envoyés" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Journal" })).toBeVisible();
  await expect(page.getByTestId("email-list")).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "admin-journal-emails");
});

test("a member of staff with the staff role sees the team but none of its admin-only actions", async ({ page }) => {
  await loginByApi(page, { email: "staff@nourx.demo", password: "demo-staff-2026" });
  await page.goto("/admin/equipe");
  await expect(page.getByRole("heading", { level: 1, name: "Équipe" })).toBeVisible();
  await expect(page.getByText(ADMIN.email).filter({ visible: true }).first()).toBeVisible();
  await expect(page.getByText(/Seuls les administrateurs/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Inviter un membre" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Désactiver|Réinitialiser la 2FA/ })).toHaveCount(0);
  await expect(page.getByRole("combobox", { name: /^Rôle de / })).toHaveCount(0);
});
