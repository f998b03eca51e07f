import { expect, request, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN, AWA, adminApi, apiSend, columnOf, dragWithKeyboard, loginByApi, secondBrowser, streamed } from "./helpers";

/**
 * Live updates (issue 18): two browsers, no reload. Staff move a card on their board and the
 * client's project board follows; staff answer a ticket and the reply appears in the client's open
 * thread, while their internal note never does. Everything goes through the web app's `/api`
 * proxy, as in production (the event stream included).
 */

/** An API context logged in as `user` through the web app. */
async function apiAs(baseURL: string, user: { email: string; password: string }): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: new URL(baseURL).origin } });
  const { csrftoken } = await (await api.get("/api/auth/csrf/")).json();
  const login = await api.post("/api/auth/login/", { data: user, headers: { "X-CSRFToken": csrftoken } });
  expect(login.status()).toBe(200);
  return api;
}

/** Marks the document, to tell later that the page was not reloaded. */
async function markDocument(page: Page) {
  await page.evaluate(() => Object.assign(window, { __liveMark: true }));
}

async function stillSameDocument(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __liveMark?: boolean }).__liveMark)).toBe(true);
}

/** The live stream is open (its `ready` event read): changes from now on arrive. */
async function liveReady(page: Page) {
  await page.waitForResponse((response) => response.url().includes("/api/events/") && response.status() === 200);
}

test("staff move a card on their board and the client's board follows without a reload", async ({ page, browser, baseURL }, testInfo) => {
  const title = `Intégration live ${testInfo.project.name} ${Date.now().toString(36)}`;
  const admin = await adminApi(baseURL!);
  const projects = await (await admin.get("/api/projects/?search=Refonte du site vitrine")).json();
  const projectId: string = projects.results[0].id;
  await apiSend(admin, "POST", "/api/tasks/", { project_id: projectId, title, client_visible: true });

  const ready = liveReady(page);
  await loginByApi(page, AWA);
  await page.goto(`/projets/${projectId}`);
  await streamed(page);
  await ready;
  const awaCard = page.getByTestId("task-card").filter({ hasText: title });
  await expect(awaCard).toBeVisible();
  expect(await columnOf(awaCard)).toBe("column-todo");
  await markDocument(page);

  const staffContext = await secondBrowser(browser, testInfo);
  const staff = await staffContext.newPage();
  await loginByApi(staff, ADMIN);
  await staff.goto(`/admin/taches?q=${encodeURIComponent(title)}`);
  await streamed(staff);
  const staffCard = staff.getByTestId("task-card").filter({ hasText: title });
  await expect(staffCard).toBeVisible();
  await dragWithKeyboard(staff, staffCard.getByRole("button", { name: `Déplacer la tâche ${title}` }), 1);
  await expect(staff.getByTestId("column-in_progress").getByTestId("task-card").filter({ hasText: title })).toBeVisible();

  // The client's board, untouched, shows it within seconds.
  await expect(page.getByTestId("column-in_progress").getByTestId("task-card").filter({ hasText: title })).toBeVisible({
    timeout: 5_000,
  });
  await stillSameDocument(page);
  await staffContext.close();
});

test("a staff reply appears in the client's open ticket, and their internal note never does", async ({ page, baseURL }, testInfo) => {
  const stamp = `${testInfo.project.name} ${Date.now().toString(36)}`;
  const awa = await apiAs(baseURL!, AWA);
  const ticket = await apiSend<{ id: string }>(awa, "POST", "/api/tickets/", {
    subject: `Question en direct ${stamp}`,
    message: "Le formulaire de contact ne répond plus.",
    priority: "normal",
  });

  const ready = liveReady(page);
  await loginByApi(page, AWA);
  await page.goto(`/support/${ticket.id}`);
  await streamed(page);
  await ready;
  const thread = page.getByTestId("ticket-messages");
  await expect(thread).toContainText("Le formulaire de contact ne répond plus.");
  await markDocument(page);

  const admin = await adminApi(baseURL!);
  const note = `Note interne : vérifier le serveur SMTP ${stamp}`;
  const reply = `Nous avons relancé le service, pouvez-vous réessayer ? ${stamp}`;
  await apiSend(admin, "POST", `/api/tickets/${ticket.id}/messages/`, { body: note, internal: true });
  await apiSend(admin, "POST", `/api/tickets/${ticket.id}/messages/`, { body: reply, internal: false });

  await expect(thread).toContainText(reply, { timeout: 5_000 });
  await expect(thread).not.toContainText(note);
  await stillSameDocument(page);
});
