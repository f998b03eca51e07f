import { expect, test } from "@playwright/test";
import { ADMIN, AWA, adminApi, apiSend, clientIdByName, expectAccessible, expectNoHorizontalScroll, loginByApi, screenshot, streamed } from "./helpers";

/**
 * The support desk's settings (/admin/support/reglages) and the client's rating of a resolved
 * ticket. Both browser projects share one database: what the first one adds, the second finds;
 * the default policy and the hours are put back as they were so later specs count as before.
 */

const NOTICE = "S'applique aux tickets ouverts à partir de maintenant ; les tickets en cours gardent leurs délais.";

test("an admin sets the SLA policies, the hours, the holidays and the canned replies", async ({ page, baseURL }, testInfo) => {
  const project = testInfo.project.name;
  const api = await adminApi(baseURL!);
  const before = (await (await api.get("/api/admin/support/sla-policies/")).json()) as { default: Record<string, unknown> };
  const calendar = (await (await api.get("/api/admin/support/calendar/")).json()) as Record<string, unknown>;
  try {
    await loginByApi(page, ADMIN);
    await page.goto("/admin/support/reglages");
    await streamed(page);
    await expect(page.getByRole("heading", { level: 1, name: "Réglages du support" })).toBeVisible();
    await expect(page.getByRole("tab", { name: "Politiques SLA" })).toHaveAttribute("aria-selected", "true");

    // The default policy, counted in business hours from now on.
    const fallback = page.getByTestId("sla-policy-default");
    await fallback.getByRole("button", { name: "Modifier la politique : Politique par défaut" }).click();
    await fallback.getByRole("radio", { name: /Heures ouvrées/ }).check();
    await fallback.getByLabel("Première réponse, priorité Urgente", { exact: true }).fill("2");
    await fallback.getByLabel("Unité : Première réponse, priorité Urgente", { exact: true }).selectOption("hours");
    await fallback.getByLabel("Résolution, priorité Urgente", { exact: true }).fill("1,5");
    await fallback.getByLabel("Unité : Résolution, priorité Urgente", { exact: true }).selectOption("days");
    await fallback.getByRole("button", { name: "Enregistrer la politique" }).click();
    await expect(page.getByTestId("sla-saved-notice")).toContainText(NOTICE);
    await expect(fallback).toContainText("Heures ouvrées");
    await expect(fallback.getByRole("row", { name: /Urgente/ })).toContainText("2 h");
    await expect(fallback.getByRole("row", { name: /Urgente/ })).toContainText("36 h");

    // A premium policy for a demo client: urgent answered in 30 minutes, solved in 4 hours.
    await page.getByRole("button", { name: "Ajouter une politique client" }).click();
    const created = page.getByTestId("sla-policy-new");
    await created.getByLabel("Client", { exact: true }).selectOption({ label: "Baobab Foods" });
    await created.getByLabel("Première réponse, priorité Urgente", { exact: true }).fill("30");
    await created.getByLabel("Unité : Première réponse, priorité Urgente", { exact: true }).selectOption("minutes");
    await created.getByLabel("Résolution, priorité Urgente", { exact: true }).fill("4");
    await created.getByLabel("Unité : Résolution, priorité Urgente", { exact: true }).selectOption("hours");
    await created.getByRole("button", { name: "Enregistrer la politique" }).click();
    await expect(page.getByTestId("sla-saved-notice")).toContainText("Politique « Baobab Foods » enregistrée.");
    const premium = page.getByTestId("sla-policy-client").filter({ hasText: "Baobab Foods" });
    await expect(premium.getByRole("row", { name: /Urgente/ })).toContainText("30 min");
    await expectNoHorizontalScroll(page);
    await screenshot(page, testInfo, "support-settings-policies");
    await expectAccessible(page);

    // A wrong target is refused on its field, before anything is sent.
    await premium.getByRole("button", { name: "Modifier la politique : Baobab Foods" }).click();
    await premium.getByLabel("Résolution, priorité Basse", { exact: true }).fill("0");
    await premium.getByRole("button", { name: "Enregistrer la politique" }).click();
    await expect(premium.getByLabel("Résolution, priorité Basse", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(premium.getByText("Saisissez une durée supérieure à zéro")).toBeVisible();
    await premium.getByRole("button", { name: "Annuler" }).click();

    // The client's own policy removed: its tickets follow the default again.
    await premium.getByRole("button", { name: "Retirer la politique : Baobab Foods" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Retirer la politique" }).click();
    await expect(page.getByText("Politique de Baobab Foods retirée.")).toBeVisible();
    await expect(page.getByTestId("sla-policy-client").filter({ hasText: "Baobab Foods" })).toHaveCount(0);

    // Hours: open on Saturday morning.
    await page.getByRole("tab", { name: "Horaires" }).click();
    await expect(page).toHaveURL(/onglet=horaires/);
    const saturday = page.getByRole("switch", { name: "Samedi : ouvert" });
    if ((await saturday.getAttribute("aria-checked")) !== "true") await saturday.click();
    await page.getByLabel("Samedi : heure d'ouverture").selectOption("09:00");
    await page.getByLabel("Samedi : heure de fermeture").selectOption("13:00");
    await page.getByLabel("Vendredi : heure de fermeture").selectOption("24:00");
    await page.getByRole("button", { name: "Enregistrer les horaires" }).click();
    await expect(page.getByTestId("hours-saved-notice")).toContainText("les tickets en cours gardent leurs délais");
    await page.reload();
    await streamed(page);
    await expect(page.getByLabel("Samedi : heure d'ouverture")).toHaveValue("09:00");
    await expect(page.getByLabel("Vendredi : heure de fermeture")).toHaveValue("24:00");
    await expectNoHorizontalScroll(page);
    await screenshot(page, testInfo, "support-settings-hours");
    await expectAccessible(page);

    // Holidays: Côte d'Ivoire's fixed ones in one click, then one added and removed by hand.
    await page.getByRole("tab", { name: "Jours fériés" }).click();
    const year = new Date().getFullYear() + 1;
    const ivorian = page.getByTestId("add-ivorian-holidays");
    if (await ivorian.isEnabled()) await ivorian.click();
    await expect(ivorian).toHaveText(`Jours fériés fixes ${year} déjà ajoutés`);
    const list = page.getByTestId("holiday-list");
    await expect(list).toContainText(`25/12/${year}Noël`);
    await expect(list).toContainText(new RegExp(`07/08/${year}Fête de l'indépendance`, "i"));
    const day = project === "phone" ? "14" : "15";
    const name = `Journée test ${project}`;
    await page.getByLabel("Date", { exact: true }).fill(`${year}-06-${day}`);
    await page.getByLabel("Nom", { exact: true }).fill(name);
    await page.getByRole("button", { name: "Ajouter", exact: true }).click();
    await expect(list.getByTestId("holiday").filter({ hasText: name })).toContainText(`${day}/06/${year}`);
    await expectNoHorizontalScroll(page);
    await screenshot(page, testInfo, "support-settings-holidays");
    await list.getByRole("button", { name: `Retirer ${name} (${day}/06/${year})` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Retirer" }).click();
    await expect(list.getByTestId("holiday").filter({ hasText: name })).toHaveCount(0);

    // Canned replies: an unknown variable is refused on its field, then created, changed, deleted.
    await page.getByRole("tab", { name: "Réponses types" }).click();
    await page.getByRole("button", { name: "Nouvelle réponse type" }).click();
    const editor = page.getByTestId("reply-editor");
    const title = `Accusé de réception ${project}`;
    await editor.getByLabel("Titre").fill(title);
    await editor.getByLabel("Texte en français").fill("Bonjour {{prenom}}, nous avons bien reçu votre demande.");
    await editor.getByLabel("Texte en anglais").fill("Hello, we have received your request ");
    await editor.getByRole("button", { name: /Insérer \{\{ticket_number\}\}/ }).click();
    await expect(editor.getByLabel("Texte en anglais")).toHaveValue("Hello, we have received your request {{ticket_number}}");
    await editor.getByRole("button", { name: "Enregistrer" }).click();
    await expect(editor.getByLabel("Texte en français")).toHaveAttribute("aria-invalid", "true");
    await expect(editor.locator("#reply-new-body_fr-error")).toContainText("{{prenom}}");
    await expect(editor.getByTestId("reply-variables")).toContainText("{{contact_name}}");
    await expectNoHorizontalScroll(page);
    await screenshot(page, testInfo, "support-settings-reply-error");
    await expectAccessible(page);
    await editor.getByLabel("Texte en français").fill("Bonjour {{contact_name}}, nous avons bien reçu votre demande.");
    await editor.getByRole("button", { name: "Enregistrer" }).click();
    await expect(page.getByText(`Réponse type « ${title} » créée.`)).toBeVisible();
    const reply = page.getByTestId("reply").filter({ hasText: title });
    await expect(reply).toContainText("Bonjour {{contact_name}}");

    await reply.getByRole("button", { name: `Modifier la réponse type ${title}` }).click();
    const editing = page.getByTestId("reply-editor");
    await editing.getByLabel("Texte en français").fill("Bonjour {{contact_name}}, votre demande n° {{ticket_number}} est bien reçue.");
    await editing.getByRole("button", { name: "Enregistrer" }).click();
    await expect(page.getByText(`Réponse type « ${title} » modifiée.`)).toBeVisible();
    await expect(reply).toContainText("votre demande n° {{ticket_number}}");
    await screenshot(page, testInfo, "support-settings-replies");

    await reply.getByRole("button", { name: `Supprimer la réponse type ${title}` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Supprimer" }).click();
    await expect(page.getByText(`Réponse type « ${title} » supprimée.`)).toBeVisible();
    await expect(page.getByTestId("reply").filter({ hasText: title })).toHaveCount(0);
  } finally {
    // The specs after this one count deadlines as before.
    const policy = before.default;
    const keep = ["counting", "pause_while_waiting", "urgent", "high", "normal", "low"];
    await apiSend(api, "PUT", "/api/admin/support/sla-policies/default/", Object.fromEntries(keep.map((key) => [key, policy[key]])));
    await apiSend(api, "PUT", "/api/admin/support/calendar/", calendar);
    await api.dispose();
  }
});

test("a member of staff reads the policies, hours and holidays and may write canned replies", async ({ page }) => {
  await loginByApi(page, { email: "staff@nourx.demo", password: "demo-staff-2026" });
  await page.goto("/admin/support/reglages");
  await streamed(page);
  await expect(page.getByTestId("read-only-note")).toContainText("Seuls les administrateurs");
  await expect(page.getByTestId("sla-policy-default").getByRole("row", { name: /Urgente/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Modifier la politique/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Ajouter une politique client" })).toHaveCount(0);
  await page.getByRole("tab", { name: "Horaires" }).click();
  await expect(page.getByRole("switch", { name: "Lundi : ouvert" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Enregistrer les horaires" })).toHaveCount(0);
  await page.getByRole("tab", { name: "Jours fériés" }).click();
  await expect(page.getByTestId("holiday-list")).toBeVisible();
  await expect(page.getByTestId("add-ivorian-holidays")).toHaveCount(0);
  await page.getByRole("tab", { name: "Réponses types" }).click();
  await expect(page.getByTestId("read-only-note")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Nouvelle réponse type" })).toBeVisible();
});

test("the client rates a resolved ticket from the email's link and the dashboard shows the average", async ({ page, baseURL }, testInfo) => {
  // A ticket of Akwaba Digital, answered and resolved by NOURX.
  const api = await adminApi(baseURL!);
  const akwaba = await clientIdByName(api, "Akwaba Digital");
  const ticket = await apiSend<{ id: string }>(api, "POST", "/api/tickets/", {
    client_id: akwaba,
    subject: `Sauvegardes du site (${testInfo.project.name})`,
    priority: "normal",
    message: "Les sauvegardes nocturnes ont échoué deux nuits de suite.",
  });
  await apiSend(api, "POST", `/api/tickets/${ticket.id}/messages/`, { body: "C'est réparé : l'espace disque était plein." });
  await apiSend(api, "PATCH", `/api/tickets/${ticket.id}/`, { status: "resolved" });
  await api.dispose();

  // Awa opens the link of the "ticket resolved" email: the stars have the focus.
  await loginByApi(page, AWA);
  await page.goto(`/support/${ticket.id}?noter=1`);
  await streamed(page);
  const widget = page.getByTestId("ticket-rating");
  await expect(widget.getByRole("heading", { name: "Votre avis" })).toBeVisible();
  const first = widget.getByRole("radio", { name: "1 étoile sur 5 : Très insatisfait" });
  await expect(first).toBeFocused();
  // Sent without a score: asked for one.
  await widget.getByRole("button", { name: "Envoyer mon avis" }).click();
  await expect(widget.getByText("Choisissez une note de 1 à 5 étoiles.")).toBeVisible();
  // With the keyboard: Space picks the first star, the arrows move along.
  await first.focus();
  await page.keyboard.press("Space");
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await expect(widget.getByRole("radio", { name: "4 étoiles sur 5 : Satisfait" })).toBeChecked();
  await widget.getByLabel(/Commentaire/).fill("Réactifs et clairs, merci.");
  await widget.getByRole("button", { name: "Envoyer mon avis" }).click();
  await expect(page.getByText("Merci pour votre avis !")).toBeVisible();
  await expect(widget.getByRole("img", { name: "Votre note : 4 sur 5" })).toBeVisible();
  await expect(widget).toContainText("« Réactifs et clairs, merci. »");

  // Changed afterwards.
  await widget.getByRole("button", { name: "Modifier" }).click();
  await expect(widget.getByRole("radio", { name: "4 étoiles sur 5 : Satisfait" })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await widget.getByRole("button", { name: "Enregistrer" }).click();
  await expect(widget.getByRole("img", { name: "Votre note : 5 sur 5" })).toBeVisible();
  await page.reload();
  await streamed(page);
  await expect(page.getByTestId("ticket-rating").getByRole("img", { name: "Votre note : 5 sur 5" })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "ticket-rated");
  await expectAccessible(page);

  // The admin's dashboard: the average out of 5 and how many ratings.
  await page.context().clearCookies();
  await loginByApi(page, ADMIN);
  await page.goto("/admin");
  await streamed(page);
  const satisfaction = page.getByTestId("kpi-satisfaction");
  await expect(satisfaction).toContainText("Satisfaction client");
  await expect(satisfaction).toContainText(/\d(,\d)? \/ 5/);
  await expect(satisfaction).toContainText(/\d+ avis/);
  await screenshot(page, testInfo, "dashboard-satisfaction");
});
