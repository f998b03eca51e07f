import { expect, request, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN, AWA, adminApi, apiSend, checkScreen, listRows, loginByApi, secondBrowser, streamed } from "./helpers";

/**
 * The support desk (issue 17, staff side), on a phone and on a desktop: a ticket Awa opened is
 * found in the inbox with filters, taken with « M'assigner », then answered from its page with an
 * internal note and a public reply that starts from a canned reply and carries a PNG. Awa then
 * reads the reply and downloads nothing she should not see: the note stays with the staff.
 *
 * Each browser project opens its own ticket and canned reply (unique subject and title).
 */

/** A 1×1 transparent PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

type Ticket = { id: string; number: number; subject: string; assigned_to: string | null };

/** An API context logged in as `user` (cookies and CSRF as the web app has them). */
async function apiAs(baseURL: string, user: { email: string; password: string }): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: new URL(baseURL).origin } });
  const { csrftoken } = await (await api.get("/api/auth/csrf/")).json();
  const login = await api.post("/api/auth/login/", { data: user, headers: { "X-CSRFToken": csrftoken } });
  expect(login.status()).toBe(200);
  return api;
}

async function openInbox(page: Page, search = "") {
  await page.goto(`/admin/support${search}`);
  await expect(page.getByRole("heading", { level: 1, name: "Support" })).toBeVisible();
  await streamed(page);
}

test("staff find a ticket, take it, add an internal note and a public reply with a file; the client sees only the reply", async ({ page, browser, baseURL }, testInfo) => {
  const project = testInfo.project.name;
  const stamp = Date.now().toString(36);
  const subject = `Formulaire de contact bloqué ${project} ${stamp}`;
  const note = `Note pour l'équipe : vérifier les journaux du serveur ${stamp}`;
  const extra = `Le correctif est en ligne, pouvez-vous confirmer ? ${stamp}`;
  const cannedTitle = `Accusé de réception ${project} ${stamp}`;

  // Awa opens the ticket; staff keep a canned reply with variables.
  const client = await apiAs(baseURL!, AWA);
  const ticket = await apiSend<Ticket>(client, "POST", "/api/tickets/", { subject, message: "Le formulaire de contact ne répond plus depuis ce matin.", priority: "high" });
  const admin = await adminApi(baseURL!);
  await apiSend(admin, "POST", "/api/admin/canned-replies/", {
    title: cannedTitle,
    body_fr: "Bonjour {{contact_name}}, nous avons bien reçu le ticket {{ticket_number}}.",
    body_en: "Hello {{contact_name}}, we have received ticket {{ticket_number}}.",
  });

  // The inbox, then filtered to the unassigned tickets and the subject.
  await loginByApi(page, ADMIN);
  await openInbox(page);
  const rows = listRows(page, testInfo, { table: "ticket-table", card: "ticket-card" });
  await expect(rows.first()).toBeVisible();
  await checkScreen(page, testInfo, "admin-support-inbox");

  await page.getByLabel("Assigné à", { exact: true }).selectOption("none");
  await expect(page).toHaveURL(/assignee=none/);
  await page.getByRole("searchbox", { name: "Rechercher dans les sujets" }).fill(stamp);
  await expect(page).toHaveURL(new RegExp(`q=${stamp}`));
  await expect(rows).toHaveCount(1);
  const row = rows.filter({ hasText: subject });
  await expect(row).toContainText(`#${ticket.number}`);
  await expect(row).toContainText("Akwaba");
  await expect(row.locator("[data-sla]")).toHaveText(/Reste|En retard|En pause/);
  await expect(page.getByTestId("filter-chips")).toContainText("Assigné à : Non assigné");
  await checkScreen(page, testInfo, "admin-support-filtered");

  // « M'assigner » from the row: the ticket leaves the unassigned list and shows under « Moi ».
  await row.getByRole("button", { name: `M'assigner le ticket ${ticket.number}` }).click();
  await expect(page.getByText(`Ticket ${ticket.number} assigné à vous.`)).toBeVisible();
  await expect(rows).toHaveCount(0);
  await expect(page.getByText("Aucun ticket ne correspond à ces filtres")).toBeVisible();
  await page.getByLabel("Assigné à", { exact: true }).selectOption("me");
  await expect(page).toHaveURL(/assignee=me/);
  await expect(rows.filter({ hasText: subject })).toHaveCount(1);

  // The ticket's page: header, SLA block and its history.
  await rows.filter({ hasText: subject }).getByRole("link", { name: subject }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/support/${ticket.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await streamed(page);
  await expect(page.getByRole("link", { name: "Akwaba Digital" }).first()).toBeVisible();
  await expect(page.getByLabel("Assigné à")).not.toHaveValue("");
  const sla = page.getByTestId("sla-block");
  await expect(sla).toContainText("Première réponse");
  await expect(sla).toContainText(/Compté en heures (ouvrées|calendaires)/);
  await expect(sla.getByTestId("sla-first_response")).toContainText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  await expect(page.getByTestId("sla-history")).toContainText("Délais démarrés");

  // An internal note: amber, labelled, apart from public messages.
  const box = page.getByTestId("reply-box");
  await box.getByText("Note interne", { exact: true }).click();
  await expect(box).toHaveAttribute("data-mode", "internal");
  await box.getByLabel("Message", { exact: true }).fill(note);
  await box.getByRole("button", { name: "Ajouter la note" }).click();
  await expect(page.getByText("Note interne ajoutée.")).toBeVisible();
  const noteMessage = page.getByTestId("thread-message").filter({ hasText: note });
  await expect(noteMessage).toHaveAttribute("data-internal", "true");
  await expect(noteMessage).toContainText("Note interne");
  const firstMessage = page.getByTestId("thread-message").first();
  const background = (locator: typeof firstMessage) => locator.evaluate((element) => getComputedStyle(element).backgroundColor);
  expect(await background(noteMessage)).not.toBe(await background(firstMessage));

  // A public reply from a canned reply (filled for the ticket, still editable) with a PNG.
  await box.getByText("Réponse publique", { exact: true }).click();
  await expect(box).toHaveAttribute("data-mode", "public");
  await box.getByLabel("Réponse type").selectOption({ label: cannedTitle });
  const text = box.getByLabel("Message", { exact: true });
  await expect(text).toHaveValue(new RegExp(`Bonjour .+, nous avons bien reçu le ticket ${ticket.number}\\.`));
  await text.press("End");
  await text.pressSequentially(` ${extra}`);
  await box.getByTestId("attachment-input").setInputFiles({ name: "capture-erreur.png", mimeType: "image/png", buffer: PNG });
  await expect(box.getByTestId("upload-row")).toHaveAttribute("data-status", "done");
  await box.getByRole("button", { name: "Envoyer la réponse" }).click();
  await expect(page.getByText("Réponse envoyée au client.")).toBeVisible();
  const publicReply = page.getByTestId("thread-message").filter({ hasText: extra });
  await expect(publicReply).toHaveAttribute("data-internal", "false");
  await expect(publicReply.getByTestId("message-attachments")).toContainText("capture-erreur.png");
  await expect(box.getByTestId("upload-row")).toHaveCount(0);
  await expect(page.getByTestId("sla-first_response")).toContainText("Respecté");
  await checkScreen(page, testInfo, "admin-support-ticket");

  // Awa reads the reply and its file; the internal note is not there.
  const context = await secondBrowser(browser, testInfo);
  const awa = await context.newPage();
  await loginByApi(awa, AWA);
  await awa.goto(`/support/${ticket.id}`);
  await expect(awa.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await streamed(awa);
  const thread = awa.getByTestId("ticket-messages");
  await expect(thread).toContainText(extra);
  await expect(thread.getByTestId("message-attachments")).toContainText("capture-erreur.png");
  await expect(thread).not.toContainText(note);
  await expect(awa.getByText("Note interne")).toHaveCount(0);
  const download = awa.waitForEvent("download");
  await thread.getByRole("button", { name: "Télécharger capture-erreur.png" }).click();
  expect((await download).suggestedFilename()).toBe("capture-erreur.png");
  await checkScreen(awa, testInfo, "support-ticket-client");
  await context.close();
});

test("bulk changes apply to every ticked ticket, and a refusal names the ticket and changes nothing", async ({ page, baseURL }, testInfo) => {
  const stamp = `${testInfo.project.name}-${Date.now().toString(36)}`;
  const client = await apiAs(baseURL!, AWA);
  const first = await apiSend<Ticket>(client, "POST", "/api/tickets/", { subject: `Lot A ${stamp}`, message: "Premier." });
  const second = await apiSend<Ticket>(client, "POST", "/api/tickets/", { subject: `Lot B ${stamp}`, message: "Second." });
  const admin = await adminApi(baseURL!);
  // A closed ticket cannot move back: the bulk change must refuse it and keep the other as it was.
  await apiSend(admin, "PATCH", `/api/tickets/${second.id}/`, { status: "resolved" });
  await apiSend(admin, "PATCH", `/api/tickets/${second.id}/`, { status: "closed" });

  await loginByApi(page, ADMIN);
  await openInbox(page, `?q=${encodeURIComponent(stamp)}`);
  const rows = listRows(page, testInfo, { table: "ticket-table", card: "ticket-card" });
  await expect(rows).toHaveCount(2);
  await page.getByLabel("Sélectionner toute la page").filter({ visible: true }).check();
  const bar = page.getByTestId("bulk-bar");
  await expect(bar).toContainText("2 tickets sélectionnés");
  await bar.getByLabel("Statut…").selectOption("pending");
  await bar.getByRole("button", { name: "Appliquer" }).click();
  await expect(bar.getByTestId("bulk-error")).toContainText(`Aucun ticket n'a été modifié. Ticket ${second.number}`);
  await checkScreen(page, testInfo, "admin-support-bulk-error");
  expect(((await (await admin.get(`/api/tickets/${first.id}/`)).json()) as { status: string }).status).toBe("open");

  // Only the open one, and a priority: done.
  await page.getByLabel(`Sélectionner le ticket ${second.number}`).filter({ visible: true }).uncheck();
  await expect(bar).toContainText("1 ticket sélectionné");
  await bar.getByLabel("Statut…").selectOption("");
  await bar.getByLabel("Priorité…").selectOption("urgent");
  await bar.getByRole("button", { name: "Appliquer" }).click();
  await expect(page.getByText("1 ticket modifié.")).toBeVisible();
  await expect(rows.filter({ hasText: `Lot A ${stamp}` })).toContainText("Urgente");
});
