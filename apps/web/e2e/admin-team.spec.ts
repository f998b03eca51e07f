import { expect, test, type Page } from "@playwright/test";
import { ADMIN, expectAccessible, expectNoHorizontalScroll, loginByApi, screenshot, secondBrowser, streamed, tokenFromMail, totp } from "./helpers";

/**
 * A new member of NOURX's team, from the invitation to a login with two-factor authentication:
 * an admin invites them from "Équipe"; they choose a password from the link, enrol an
 * authenticator app before anything else, and from then on log in with a code. A new address for
 * each browser project.
 */

async function logOutOfBackOffice(page: Page) {
  if (!(await page.getByRole("button", { name: "Se déconnecter" }).first().isVisible())) {
    await page.getByRole("button", { name: "Menu" }).click();
  }
  await page.getByRole("button", { name: "Se déconnecter" }).filter({ visible: true }).first().click();
  await page.waitForURL((url) => url.pathname === "/connexion");
}

test("a new member of staff joins from the invitation, enrols two-factor authentication and logs in with a code", async ({
  page,
  browser,
}, testInfo) => {
  const email = `moussa.${testInfo.project.name}@nourx.ci`;
  const password = "une phrase de passe solide 2026";

  // An admin invites them with the staff role.
  await loginByApi(page, ADMIN);
  await page.goto("/admin/equipe");
  await streamed(page);
  await page.getByRole("button", { name: "Inviter un membre" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Nom complet").fill("Moussa Diabaté");
  await dialog.getByLabel("Adresse e-mail").fill(email);
  await dialog.getByLabel("Rôle").selectOption("staff");
  await dialog.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await expect(page.getByText(`Invitation envoyée à ${email}.`)).toBeVisible();
  await expect(page.getByText(email).filter({ visible: true }).first()).toBeVisible();

  // In their own browser: a password, then the authenticator app before the back-office.
  const token = await tokenFromMail(email, "/invitation/accepter");
  const moussa = await (await secondBrowser(browser, testInfo)).newPage();
  await moussa.goto(`/invitation/accepter?token=${encodeURIComponent(token)}`);
  await moussa.getByLabel("Mot de passe", { exact: true }).fill(password);
  await moussa.getByRole("button", { name: "Activer mon accès" }).click();
  await moussa.waitForURL((url) => url.pathname === "/double-authentification");
  await expect(moussa.getByRole("heading", { level: 1, name: "Activer la double authentification" })).toBeVisible();
  await moussa.getByRole("button", { name: "Commencer" }).click();
  const key = ((await moussa.getByTestId("two-factor-secret").textContent()) ?? "").replace(/\s/g, "");
  await moussa.getByLabel("Code de vérification").fill(totp(key));
  await moussa.getByRole("button", { name: "Activer" }).click();
  await expect(moussa.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  await moussa.getByRole("button", { name: "J'ai mis mes codes en lieu sûr" }).click();
  await moussa.waitForURL((url) => /^\/admin\/?$/.test(url.pathname));
  await expect(moussa.getByRole("heading", { level: 1, name: "Tableau de bord" })).toBeVisible();

  // From now on: the password, then a code from the app, and the dashboard.
  await logOutOfBackOffice(moussa);
  await moussa.getByLabel("Adresse e-mail").fill(email);
  await moussa.getByLabel("Mot de passe", { exact: true }).fill(password);
  await moussa.getByRole("button", { name: "Se connecter" }).click();
  await moussa.waitForURL((url) => url.pathname === "/connexion/verification");
  await moussa.getByLabel("Code de vérification").fill(totp(key, Date.now() + 30_000));
  await moussa.getByRole("button", { name: "Vérifier" }).click();
  await moussa.waitForURL((url) => /^\/admin\/?$/.test(url.pathname));
  await streamed(moussa);
  await expect(moussa.getByRole("heading", { level: 1, name: "Tableau de bord" })).toBeVisible();
  await expectAccessible(moussa);
  await expectNoHorizontalScroll(moussa);
  await screenshot(moussa, testInfo, "admin-staff-after-two-factor");

  // The team page shows them with two-factor authentication on.
  await page.reload();
  await streamed(page);
  const member = page.getByRole("row").or(page.getByRole("listitem")).filter({ hasText: email }).filter({ visible: true }).first();
  await expect(member).toContainText("Moussa Diabaté");
  await expect(member).toContainText("2FA activée");
});
