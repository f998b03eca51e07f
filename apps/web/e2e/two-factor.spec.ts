import { expect, test, type Page } from "@playwright/test";
import { adminApi, csrfOf, expectAccessible, expectNoHorizontalScroll, screenshot, streamed, tokenFromMail, totp } from "./helpers";

/**
 * Two-factor authentication as a client lives it: enrol from the profile (QR code, key, first
 * code, recovery codes), log out, log in with a code from the app, then with a recovery code,
 * and sign out another session from "Mes sessions". The account is new for each browser project.
 */

test("RFC 6238's test vector", () => {
  // Appendix B, SHA-1, secret "12345678901234567890": 94287082 at 59 s (8 digits), so 287082 with 6.
  const base32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  expect(totp(base32, 59_000)).toBe("287082");
  expect(totp(base32, 1_111_111_109_000)).toBe("081804");
});

async function logOut(page: Page) {
  await page.goto("/profil");
  await streamed(page);
  await page.getByRole("region", { name: "Session" }).getByRole("button", { name: "Se déconnecter" }).click();
  await page.waitForURL((url) => url.pathname === "/connexion");
}

async function passwordStep(page: Page, email: string, password: string) {
  await page.goto("/connexion");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => url.pathname === "/connexion/verification");
  await expect(page.getByRole("heading", { level: 1, name: "Vérification en deux étapes" })).toBeVisible();
}

test("a client turns on two-factor authentication, logs in with a code and a recovery code, and signs out another session", async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  const email = `lena.2fa.${testInfo.project.name}@example.ci`;
  const password = "une phrase de passe solide 2026";
  const api = await adminApi(baseURL!);
  const clients = (await (await api.get("/api/clients/?ordering=name")).json()).results as { id: string; name: string }[];
  const akwaba = clients.find((c) => c.name === "Akwaba Digital");
  expect(akwaba).toBeTruthy();
  const invite = await api.post(`/api/clients/${akwaba!.id}/members/`, {
    data: { email, role: "member" },
    headers: { "X-CSRFToken": await csrfOf(api) },
  });
  expect(invite.status(), await invite.text()).toBe(201);
  const token = await tokenFromMail(email, "/invitation/accepter");
  await page.goto(`/invitation/accepter?token=${encodeURIComponent(token)}`);
  await page.getByLabel("Nom complet").fill("Léna Kouassi");
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Activer mon accès" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Léna" })).toBeVisible();

  // Profile: off, then the enrolment page.
  await page.goto("/profil");
  await streamed(page);
  const security = page.getByRole("region", { name: "Double authentification" });
  await expect(security.getByText("Désactivée")).toBeVisible();
  await security.getByRole("link", { name: "Activer" }).click();
  await page.waitForURL((url) => url.pathname === "/double-authentification");
  await expect(page.getByRole("heading", { level: 1, name: "Activer la double authentification" })).toBeVisible();
  await page.getByRole("button", { name: "Commencer" }).click();
  await expect(page.getByRole("img", { name: /Code QR/ })).toBeVisible();
  const key = (await page.getByTestId("two-factor-secret").textContent()) ?? "";
  expect(key.replace(/\s/g, "")).toMatch(/^[A-Z2-7]{32}$/);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "two-factor-enrol");

  // A wrong code is refused; the app's code turns it on and shows the ten recovery codes once.
  const code = totp(key);
  await page.getByLabel("Code de vérification").fill(code === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Activer" }).click();
  await expect(page.getByText("Code incorrect.")).toBeVisible();
  await page.getByLabel("Code de vérification").fill(totp(key));
  await page.getByRole("button", { name: "Activer" }).click();
  await expect(page.getByText("La double authentification est activée.")).toBeVisible();
  const codes = (await page.getByTestId("recovery-codes").getByRole("listitem").allTextContents()).map((c) => c.trim());
  expect(codes).toHaveLength(10);
  await expect(page.getByRole("button", { name: "Télécharger (.txt)" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, testInfo, "two-factor-recovery-codes");
  await page.getByRole("button", { name: "J'ai mis mes codes en lieu sûr" }).click();
  await page.waitForURL((url) => url.pathname === "/profil");
  await expect(page.getByRole("region", { name: "Double authentification" }).getByText("Activée", { exact: true })).toBeVisible();

  // Logged out, then in again: the password, then the app's next code.
  await logOut(page);
  await passwordStep(page, email, password);
  await expect(page.getByLabel("Faire confiance à cet appareil 30 jours")).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "two-factor-code");
  await page.getByLabel("Code de vérification").fill(totp(key, Date.now() + 30_000));
  await page.getByRole("button", { name: "Vérifier" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Léna" })).toBeVisible();

  // And with a recovery code, which then no longer works.
  await logOut(page);
  await passwordStep(page, email, password);
  await page.getByRole("button", { name: "Utiliser un code de secours" }).click();
  await page.getByLabel("Code de secours").fill(codes[0]);
  await screenshot(page, testInfo, "two-factor-recovery");
  await page.getByRole("button", { name: "Vérifier" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Léna" })).toBeVisible();

  // Another browser signs in (with another recovery code) ...
  const other = await browser.newContext({ baseURL: baseURL!, userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15" });
  const otherApi = other.request;
  const { csrftoken } = await (await otherApi.get("/api/auth/csrf/")).json();
  const headers = { "X-CSRFToken": csrftoken, Origin: new URL(baseURL!).origin };
  const first = await otherApi.post("/api/auth/login/", { data: { email, password }, headers });
  expect(first.status()).toBe(202);
  const refused = await otherApi.post("/api/auth/login/two-factor/", { data: { otp: codes[0] }, headers });
  expect(refused.status(), "a recovery code works once").toBe(400);
  const second = await otherApi.post("/api/auth/login/two-factor/", { data: { otp: codes[1] }, headers });
  expect(second.status(), await second.text()).toBe(200);
  expect((await otherApi.get("/api/me/")).status()).toBe(200);

  // ... and is signed out from "Mes sessions".
  await page.goto("/profil");
  await streamed(page);
  const sessions = page.getByRole("region", { name: "Mes sessions" });
  await expect(sessions.getByTestId("session-row")).toHaveCount(2);
  await expect(sessions.getByText("Cette session")).toBeVisible();
  await expect(sessions.getByText("Safari sur macOS")).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "profile-security");
  await sessions.getByRole("button", { name: "Déconnecter Safari sur macOS" }).click();
  await expect(sessions.getByTestId("session-row")).toHaveCount(1);
  await expect(sessions.getByText("Aucune autre session ouverte.")).toBeVisible();
  expect((await otherApi.get("/api/me/")).status()).toBe(401);
  await other.close();
  await api.dispose();
});
