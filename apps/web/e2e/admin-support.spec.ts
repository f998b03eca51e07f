import { expect, request, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN, AWA, adminApi, apiSend, checkScreen, listRows, loginByApi, secondBrowser, streamed } from "./helpers";

/**
 * The support desk (issue 17), on a phone and on a desktop. The journey: Awa opens an urgent
 * ticket from the portal's form and sends a screenshot with it; staff find it at the top of the
 * urgent tickets (sorted by time left) with its timer, take it with « M'assigner », add an internal
 * note, answer from a canned reply with a PNG, and resolve it; Awa reads the answer (never the
 * note), downloads the file and rates the ticket from the rating link (`?noter=1`); staff see her
 * rating. Then bulk changes: all the ticked tickets or none.
 *
 * Each browser project opens its own tickets and canned reply (unique subject and title).
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

/** The inbox's list, done loading (not the previous filters' rows standing in, dimmed). */
async function settled(page: Page) {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

test("a client opens an urgent ticket with a screenshot; staff find it on top, note it, answer with a canned reply and a file, resolve it; the client reads only the reply and rates it", async ({ page, browser, baseURL }, testInfo) => {
  test.slow();
  const project = testInfo.project.name;
  const stamp = Date.now().toString(36);
  const subject = `Paiement en ligne impossible ${project} ${stamp}`;
  const problem = "Le bouton « Payer » de la boutique affiche une erreur depuis ce matin.";
  const withScreenshot = `Voici la capture de l'erreur ${stamp}`;
  const note = `Note pour l'équipe : vérifier les journaux du serveur ${stamp}`;
  const extra = `Le correctif est en ligne, pouvez-vous confirmer ? ${stamp}`;
  const cannedTitle = `Accusé de réception ${project} ${stamp}`;
  const comment = `Réponse rapide et claire, merci ${stamp}`;

  // Staff keep a canned reply with variables.
  const admin = await adminApi(baseURL!);
  await apiSend(admin, "POST", "/api/admin/canned-replies/", {
    title: cannedTitle,
    body_fr: "Bonjour {{contact_name}}, nous avons bien reçu le ticket {{ticket_number}}.",
    body_en: "Hello {{contact_name}}, we have received ticket {{ticket_number}}.",
  });

  // Awa opens an urgent ticket from the portal's form.
  const context = await secondBrowser(browser, testInfo);
  const awa = await context.newPage();
  await loginByApi(awa, AWA);
  await awa.goto("/support");
  await expect(awa.getByRole("heading", { level: 1, name: "Support" })).toBeVisible();
  await streamed(awa);
  await awa.getByRole("link", { name: "Nouvelle demande" }).first().click();
  await expect(awa.getByRole("heading", { level: 1, name: "Nouvelle demande" })).toBeVisible();
  await awa.getByLabel("Sujet", { exact: true }).fill(subject);
  await awa.getByLabel("Priorité", { exact: true }).selectOption({ label: "Urgente" });
  await awa.getByLabel("Message", { exact: true }).fill(problem);
  await awa.getByRole("button", { name: "Envoyer la demande" }).click();
  await awa.waitForURL(/\/support\/[0-9a-f-]{36}$/);
  const ticketId = awa.url().split("/").at(-1)!;
  await expect(awa.getByText("Demande envoyée.")).toBeVisible();
  await expect(awa.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  const numberText = (await awa.getByText(/^Demande n° \d+$/).textContent()) ?? "";
  const number = Number(/\d+$/.exec(numberText)?.[0]);
  expect(number, numberText).toBeGreaterThan(0);
  const awaThread = awa.getByTestId("ticket-messages");
  await expect(awaThread).toContainText(problem);

  // The new-ticket form takes no file: the screenshot goes with her first message, right after.
  await awa.getByLabel("Votre réponse").fill(withScreenshot);
  await awa.getByTestId("attachment-input").setInputFiles({ name: "capture-paiement.png", mimeType: "image/png", buffer: PNG });
  await expect(awa.getByTestId("upload-row")).toHaveAttribute("data-status", "done");
  await awa.getByRole("button", { name: "Répondre", exact: true }).click();
  await expect(awa.getByText("Réponse envoyée.")).toBeVisible();
  await expect(awaThread.locator("li").filter({ hasText: withScreenshot }).getByTestId("message-attachments")).toContainText("capture-paiement.png");
  await expect(awa.getByTestId("upload-row")).toHaveCount(0);
  // The toasts gone, so that they do not hide the page on the screenshots.
  await expect(awa.getByText("Réponse envoyée.")).toBeHidden();
  await checkScreen(awa, testInfo, "support-ticket-new");

  // The inbox: the whole of it, then the urgent open tickets, the least time left first. The
  // ticket comes first, after those already late, with its first-response timer running.
  await loginByApi(page, ADMIN);
  await openInbox(page);
  const rows = listRows(page, testInfo, { table: "ticket-table", card: "ticket-card" });
  await expect(rows.first()).toBeVisible();
  await checkScreen(page, testInfo, "admin-support-inbox");

  await expect(page.getByLabel("Trier par")).toHaveValue("time_left");
  await page.getByLabel("Priorité", { exact: true }).selectOption("urgent");
  await expect(page).toHaveURL(/priority=urgent/);
  await page.getByLabel("Statut", { exact: true }).selectOption("open");
  await expect(page).toHaveURL(/status=open/);
  await expect(page.getByTestId("filter-chips")).toContainText("Priorité : Urgente");
  await settled(page);
  const urgent = rows.filter({ hasText: subject });
  await expect(urgent).toHaveCount(1);
  const timer = urgent.locator("[data-sla]");
  await expect(timer).toContainText(/^Reste \d/);
  await expect(timer).toContainText("1re réponse");
  await expect(timer).toHaveAttribute("title", /^1re réponse : échéance le \d{2}\/\d{2}\/\d{4}/);
  const order = await rows.evaluateAll(
    (elements, mine) => elements.map((element) => ({ mine: element.textContent?.includes(mine) ?? false, sla: element.querySelector("[data-sla]")?.getAttribute("data-sla") })),
    subject,
  );
  const at = order.findIndex((row) => row.mine);
  expect(order.slice(0, at).map((row) => row.sla), "only late tickets come before it").toEqual(order.slice(0, at).map(() => "breached"));
  for (const row of await rows.all()) await expect(row).toContainText("Urgente");
  await checkScreen(page, testInfo, "admin-support-urgent");

  // Filtered to the unassigned tickets and the subject.
  await page.getByLabel("Assigné à", { exact: true }).selectOption("none");
  await expect(page).toHaveURL(/assignee=none/);
  await page.getByRole("searchbox", { name: "Rechercher dans les sujets" }).fill(stamp);
  await expect(page).toHaveURL(new RegExp(`q=${stamp}`));
  await expect(rows).toHaveCount(1);
  const row = rows.filter({ hasText: subject });
  await expect(row).toContainText(`#${number}`);
  await expect(row).toContainText("Akwaba");
  await expect(page.getByTestId("filter-chips")).toContainText("Assigné à : Non assigné");
  await checkScreen(page, testInfo, "admin-support-filtered");

  // « M'assigner » from the row: the ticket leaves the unassigned list and shows under « Moi ».
  await row.getByRole("button", { name: `M'assigner le ticket ${number}` }).click();
  await expect(page.getByText(`Ticket ${number} assigné à vous.`)).toBeVisible();
  await expect(rows).toHaveCount(0);
  await expect(page.getByText("Aucun ticket ne correspond à ces filtres")).toBeVisible();
  await page.getByLabel("Assigné à", { exact: true }).selectOption("me");
  await expect(page).toHaveURL(/assignee=me/);
  await settled(page);
  await expect(rows.filter({ hasText: subject })).toHaveCount(1);

  // The ticket's page: header, SLA block, its history, and Awa's screenshot.
  await rows.filter({ hasText: subject }).getByRole("link", { name: subject }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/support/${ticketId}$`));
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await streamed(page);
  await expect(page.getByRole("link", { name: "Akwaba Digital" }).first()).toBeVisible();
  await expect(page.getByLabel("Assigné à")).not.toHaveValue("");
  await expect(page.getByLabel("Priorité", { exact: true })).toHaveValue("urgent");
  const sla = page.getByTestId("sla-block");
  await expect(sla).toContainText("Première réponse");
  await expect(sla).toContainText(/Compté en heures (ouvrées|calendaires)/);
  await expect(sla.getByTestId("sla-first_response")).toContainText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  await expect(page.getByTestId("sla-history")).toContainText("Délais démarrés");
  const clientMessage = page.getByTestId("thread-message").filter({ hasText: withScreenshot });
  await expect(clientMessage).toContainText("Client");
  await expect(clientMessage.getByTestId("message-attachments")).toContainText("capture-paiement.png");

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
  await expect(text).toHaveValue(new RegExp(`Bonjour .+, nous avons bien reçu le ticket ${number}\\.`));
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
  await expect(page.getByText("Réponse envoyée au client.")).toBeHidden();
  await checkScreen(page, testInfo, "admin-support-ticket");

  // Resolved from the ticket's page: the resolution clock is met, the history says so.
  await page.getByLabel("Statut", { exact: true }).selectOption("resolved");
  await expect(page.getByText("Ticket mis à jour.")).toBeVisible();
  await expect(page.getByLabel("Statut", { exact: true })).toHaveValue("resolved");
  await expect(page.getByTestId("sla-resolution")).toContainText("Respecté");
  await expect(page.getByTestId("sla-history")).toContainText("Résolu");

  // Awa opens the rating link: the stars have the focus; the reply and its file are there, the
  // internal note is not.
  await awa.goto(`/support/${ticketId}?noter=1`);
  await expect(awa.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await streamed(awa);
  const widget = awa.getByTestId("ticket-rating");
  await expect(widget.getByRole("heading", { name: "Votre avis" })).toBeVisible();
  await expect(widget.getByRole("radio", { name: "1 étoile sur 5 : Très insatisfait" })).toBeFocused();
  await expect(awa.getByText("Résolue", { exact: true })).toBeVisible();
  await expect(awaThread).toContainText(extra);
  await expect(awaThread.locator("li").filter({ hasText: extra }).getByTestId("message-attachments")).toContainText("capture-erreur.png");
  await expect(awaThread).not.toContainText(note);
  await expect(awa.getByText("Note interne")).toHaveCount(0);
  const download = awa.waitForEvent("download");
  await awaThread.getByRole("button", { name: "Télécharger capture-erreur.png" }).click();
  expect((await download).suggestedFilename()).toBe("capture-erreur.png");

  // Five stars and a comment.
  const five = widget.getByRole("radio", { name: "5 étoiles sur 5 : Très satisfait" });
  // The star drawn over the (visually hidden) radio is what a finger or the mouse meets.
  await five.locator("xpath=ancestor::label").click();
  await expect(five).toBeChecked();
  await widget.getByLabel(/^Commentaire/).fill(comment);
  await widget.getByRole("button", { name: "Envoyer mon avis" }).click();
  await expect(awa.getByText("Merci pour votre avis !")).toBeVisible();
  const given = widget.getByTestId("ticket-rating-given");
  await expect(given.getByRole("img", { name: "Votre note : 5 sur 5" })).toBeVisible();
  await expect(given).toContainText(comment);
  await expect(awa.getByText("Merci pour votre avis !")).toBeHidden();
  await checkScreen(awa, testInfo, "support-ticket-rated");
  await context.close();

  // Staff see the rating on the ticket.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await streamed(page);
  await expect(page.getByText(/^Avis du client\s*:\s*5 sur 5$/)).toBeVisible();
  await expect(page.getByText(comment)).toBeVisible();
  await admin.dispose();
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
  // Resolved, so that it does not stand above the next project's journey among the urgent open tickets.
  await apiSend(admin, "PATCH", `/api/tickets/${first.id}/`, { status: "resolved" });
});
