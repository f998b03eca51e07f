import { expect, test } from "@playwright/test";
import { AWA } from "./helpers";

test("a wrong password shows the French error next to the form", async ({ page }) => {
  await page.goto("/connexion");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await page.getByLabel("Adresse e-mail").fill(AWA.email);
  await page.getByLabel("Mot de passe", { exact: true }).fill("pas-le-bon-mot-de-passe");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Adresse e-mail ou mot de passe incorrect." })).toBeVisible();
  await expect(page).toHaveURL(/\/connexion/);
});

test("the form checks fields before sending, and the password can be shown", async ({ page }) => {
  await page.goto("/connexion");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByText("Saisissez une adresse e-mail valide.")).toBeVisible();
  await expect(page.getByText("Saisissez votre mot de passe.")).toBeVisible();
  const password = page.getByLabel("Mot de passe", { exact: true });
  await password.fill("secret");
  await expect(password).toHaveAttribute("type", "password");
  await page.getByRole("button", { name: "Afficher le mot de passe" }).click();
  await expect(password).toHaveAttribute("type", "text");
});

test("a portal page without a session goes to the login page and comes back after", async ({ page }) => {
  await page.goto("/support");
  await expect(page).toHaveURL(/\/connexion\?next=%2Fsupport$/);
  await page.getByLabel("Adresse e-mail").fill(AWA.email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(AWA.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => url.pathname === "/support");
  await expect(page.getByRole("heading", { level: 1, name: "Support" })).toBeVisible();
});

test("forgotten password asks for a link", async ({ page }) => {
  await page.goto("/connexion");
  await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mot de passe oublié" })).toBeVisible();
  await page.getByLabel("Adresse e-mail").fill(AWA.email);
  await page.getByRole("button", { name: "Envoyer le lien" }).click();
  await expect(page.getByText(/Si un compte existe pour cette adresse/)).toBeVisible();
});

test("a reset with a bad token says so", async ({ page }) => {
  await page.goto("/mot-de-passe/reinitialiser?token=pas-un-vrai-jeton");
  await page.getByLabel("Nouveau mot de passe").fill("une phrase assez longue");
  await page.getByLabel("Confirmez le mot de passe").fill("une phrase assez longue");
  await page.getByRole("button", { name: "Changer le mot de passe" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toBeVisible();
});
