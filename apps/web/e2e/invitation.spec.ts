import { expect, test } from "@playwright/test";
import { adminApi, csrfOf, screenshot, streamed, tokenFromMail } from "./helpers";

/**
 * A person invited by email into two clients: accepts both invitations (creating the account,
 * then joining with it), switches between the clients, then resets a forgotten password. The
 * address is new for each browser project, so no other test sees it.
 */

test("an invited person joins two clients, switches between them, and resets a forgotten password", async ({
  page,
  baseURL,
}, testInfo) => {
  const email = `nadia.${testInfo.project.name}@example.ci`;
  const password = "une phrase de passe solide 2026";
  const api = await adminApi(baseURL!);
  const clients = (await (await api.get("/api/clients/?ordering=name")).json()).results as { id: string; name: string }[];
  for (const client of clients.filter((c) => ["Akwaba Digital", "Baobab Foods"].includes(c.name))) {
    const invite = await api.post(`/api/clients/${client.id}/members/`, {
      data: { email, role: "member" },
      headers: { "X-CSRFToken": await csrfOf(api) },
    });
    expect(invite.status(), await invite.text()).toBe(201);
  }
  const second = await tokenFromMail(email, "/invitation/accepter", 0);
  const first = await tokenFromMail(email, "/invitation/accepter", 1);

  // First invitation: a new account.
  await page.goto(`/invitation/accepter?token=${encodeURIComponent(first)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Rejoindre l'espace client" })).toBeVisible();
  await page.getByLabel("Nom complet").fill("Nadia Traoré");
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Activer mon accès" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Nadia" })).toBeVisible();

  // Second invitation: the same account joins the other client.
  await page.goto(`/invitation/accepter?token=${encodeURIComponent(second)}`);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Activer mon accès" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Nadia" })).toBeVisible();

  // Two clients: the switcher picks which one the portal shows.
  await streamed(page);
  const switcher = page.getByLabel("Changer de client");
  await expect(switcher).toBeVisible();
  await switcher.selectOption({ label: "Baobab Foods" });
  const projects = page.getByTestId("active-projects");
  await expect(projects.getByText("Boutique en ligne")).toBeVisible();
  await expect(projects.getByText("Refonte du site vitrine")).toHaveCount(0);
  await switcher.selectOption({ label: "Akwaba Digital" });
  await expect(projects.getByText("Refonte du site vitrine")).toBeVisible();
  await expect(projects.getByText("Boutique en ligne")).toHaveCount(0);
  await screenshot(page, testInfo, "dashboard-two-clients");

  // Forgotten password: the emailed link sets a new one, which then logs in.
  await page.context().clearCookies();
  await page.goto("/mot-de-passe-oublie");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByRole("button", { name: "Envoyer le lien" }).click();
  await expect(page.getByText(/Si un compte existe pour cette adresse/)).toBeVisible();
  const reset = await tokenFromMail(email, "/mot-de-passe/reinitialiser");
  await page.goto(`/mot-de-passe/reinitialiser?token=${encodeURIComponent(reset)}`);
  const fresh = "un autre mot de passe assez long";
  await page.getByLabel("Nouveau mot de passe").fill(fresh);
  await page.getByLabel("Confirmez le mot de passe").fill(fresh);
  await page.getByRole("button", { name: "Changer le mot de passe" }).click();
  await expect(page.getByText("Votre mot de passe est changé.", { exact: false })).toBeVisible();
  await page.getByRole("link", { name: "Retour à la connexion" }).click();
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(fresh);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Nadia" })).toBeVisible();
  await api.dispose();
});
