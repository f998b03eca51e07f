import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import {
  ADMIN,
  adminApi,
  amountOf,
  apiSend,
  checkScreen,
  csrfOf,
  dragWithKeyboard,
  expectAccessible,
  fcfa,
  listRows,
  loginByApi,
  openSection,
  screenshot,
  secondBrowser,
  sendWebsiteLead,
  streamed,
  tokenFromMail,
} from "./helpers";

/**
 * The prospects pipeline (issue 17, staff side), on a phone and on a desktop: cards move on the
 * board with the keyboard and the column totals follow; « Perdu » asks why (cancel puts the card
 * back); a prospect is created through the form, a call is logged with the next follow-up, and the
 * prospect becomes a client. The whole journey of a lead from the website's contact form: it lands
 * in « Nouveau », moves along the board with the keyboard, gets a quote written and sent from its
 * page, becomes a client, and its contact accepts the emailed invitation and finds the quote in the
 * portal. The board's filter bar narrows its columns and stays when the view changes; a column
 * with more prospects than its 30 cards links to the list of that stage. Each run uses its own
 * company names, so reruns on one database do not collide.
 */

const NOUVEAU = "00000000-0000-7000-8000-000000000001";

type Prospect = { id: string; company: string };

async function openBoard(page: Page) {
  await page.goto("/admin/prospects");
  await expect(page.getByRole("heading", { level: 1, name: "Prospects" })).toBeVisible();
  await streamed(page);
  await expect(page.getByTestId("pipeline-board")).toBeVisible();
}

const column = (page: Page, stage: string) => page.locator(`[data-testid="stage-column"][data-stage="${stage}"]`);
const cardIn = (scope: Locator, company: string) => scope.getByTestId("prospect-card").filter({ hasText: company });

/** The board, no longer standing in for the previous filters' one. */
async function settled(page: Page) {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/** A column's header: « 3 · 4 500 000 FCFA · pondéré 1 125 000 FCFA » → count and value. */
async function totalsOf(page: Page, stage: string) {
  const text = (await column(page, stage).getByTestId("stage-totals").textContent()) ?? "";
  return { count: Number(text.split("·")[0].trim()), value: amountOf(text) };
}

test("the board moves a prospect to the next stage, then to « Perdu » with a reason", async ({ page, baseURL }, testInfo) => {
  const stamp = Date.now().toString(36);
  const company = `Maquis Le Bon Goût ${testInfo.project.name} ${stamp}`;
  const admin = await adminApi(baseURL!);
  await apiSend<Prospect>(admin, "POST", "/api/admin/prospects/", { company, contact_name: "Adjoua Bamba", estimated_value: 1_000_000, stage_id: NOUVEAU });

  await loginByApi(page, ADMIN);
  await openBoard(page);
  // The demo pipeline: one column per stage, Café Ivoire in « Nouveau », Baobab BTP in « Qualifié ».
  await expect(page.getByTestId("stage-column")).toHaveCount(6);
  await expect(cardIn(column(page, "Nouveau"), "Café Ivoire")).toBeVisible();
  await expect(cardIn(column(page, "Qualifié"), "Baobab BTP")).toBeVisible();
  await expect(cardIn(column(page, "Nouveau"), company)).toBeVisible();
  await expect(column(page, "Qualifié").getByTestId("stage-totals")).toContainText("pondéré");
  await checkScreen(page, testInfo, "admin-prospects-board");

  // Keyboard: Space on the handle, one column to the right, Space. The totals follow.
  const before = await totalsOf(page, "Qualifié");
  await dragWithKeyboard(page, page.getByRole("button", { name: `Déplacer ${company}` }), 1);
  await expect(cardIn(column(page, "Qualifié"), company)).toBeVisible();
  await expect(page.getByText(`${company} est passé à l’étape « Qualifié ».`)).toBeVisible();
  await expect.poll(() => totalsOf(page, "Qualifié")).toEqual({ count: before.count + 1, value: before.value + 1_000_000 });

  // To « Perdu » (four columns on): the reason is asked; cancelling leaves the card where it was.
  await dragWithKeyboard(page, page.getByRole("button", { name: `Déplacer ${company}` }), 4);
  const dialog = page.getByRole("alertdialog", { name: `Pourquoi ${company} est-il perdu ?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Enregistrer" }).click();
  await expect(dialog.getByText("Indiquez une raison.")).toBeVisible();
  await dialog.getByRole("button", { name: "Annuler" }).click();
  await expect(dialog).toBeHidden();
  await expect(cardIn(column(page, "Qualifié"), company)).toBeVisible();

  await dragWithKeyboard(page, page.getByRole("button", { name: `Déplacer ${company}` }), 4);
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Raison").fill("Budget reporté à l’an prochain");
  await dialog.getByRole("button", { name: "Enregistrer" }).click();
  await expect(dialog).toBeHidden();
  await expect(cardIn(column(page, "Perdu"), company)).toBeVisible();
  await expect(cardIn(column(page, "Qualifié"), company)).toHaveCount(0);
  await expect.poll(() => totalsOf(page, "Qualifié")).toEqual(before);
  await expect(page.getByText(`${company} est passé à l’étape « Perdu ».`)).toBeHidden();

  // The list view keeps its state in the address and finds the prospect, now lost.
  await page.getByRole("button", { name: "Liste" }).click();
  await expect(page).toHaveURL(/vue=liste/);
  await page.getByRole("searchbox", { name: "Rechercher un prospect" }).fill(stamp);
  await expect(page).toHaveURL(new RegExp(`q=${stamp}`));
  const rows = listRows(page, testInfo, { table: "prospect-table", card: "prospect-row-card" });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(company);
  await expect(rows.first()).toContainText("Perdu");
  await page.getByLabel("Étape", { exact: true }).selectOption({ label: "En cours" });
  await expect(page).toHaveURL(/outcome=open/);
  await expect(page.getByText("Aucun prospect ne correspond à ces filtres.")).toBeVisible();
  await page.getByRole("button", { name: "Effacer les filtres" }).first().click();
  await expect(page).toHaveURL(/\/admin\/prospects\?vue=liste$/);
  await expect(listRows(page, testInfo, { table: "prospect-table", card: "prospect-row-card" }).first()).toBeVisible();
  await checkScreen(page, testInfo, "admin-prospects-list");

  // A prospect that never became a client can be deleted, after a confirmation.
  await page.goto(`/admin/prospects?vue=liste&q=${stamp}`);
  await listRows(page, testInfo, { table: "prospect-table", card: "prospect-row-card" }).first().getByRole("link", { name: company }).click();
  await expect(page.getByRole("heading", { level: 1, name: company })).toBeVisible();
  await expect(page.getByText("Raison : Budget reporté à l’an prochain")).toBeVisible();
  await page.getByRole("button", { name: "Supprimer" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Supprimer ${company} ?` });
  await confirm.getByRole("button", { name: "Supprimer le prospect" }).click();
  await expect(page).toHaveURL(/\/admin\/prospects$/);
  await expect(page.getByText(`${company} est supprimé.`)).toBeVisible();
});

test("a prospect is created through the form, a call is logged with a follow-up, and it becomes a client", async ({ page }, testInfo) => {
  const stamp = Date.now().toString(36);
  const company = `Imprimerie Akwaba ${testInfo.project.name} ${stamp}`;
  const email = `contact-${testInfo.project.name}-${stamp}@imprimerie.demo`;

  await loginByApi(page, ADMIN);
  await openBoard(page);
  await page.getByRole("link", { name: "Nouveau prospect" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Nouveau prospect" })).toBeVisible();

  // The form says what is wrong next to the field before anything is sent.
  await page.getByRole("button", { name: "Créer le prospect" }).click();
  await expect(page.getByText("Indiquez le nom de l’entreprise.")).toBeVisible();
  await page.getByLabel("Entreprise", { exact: true }).fill(company);
  await page.getByLabel(/^Nom du contact/).fill("Yao N’Guessan");
  await page.getByLabel(/^E-mail/).fill("pas-un-email");
  await page.getByRole("button", { name: "Créer le prospect" }).click();
  await expect(page.getByText("Cette adresse e-mail n’est pas valide.")).toBeVisible();
  await page.getByLabel(/^E-mail/).fill(email);
  await page.getByLabel(/^Téléphone/).fill("+225 07 08 09 10 11");
  await page.getByLabel(/^WhatsApp/).fill("+225 05 06 07 08 09");
  await page.getByLabel(/^Source/).selectOption({ label: "Recommandation" });
  await page.getByLabel(/^Valeur estimée/).fill("2 500 000");
  await page.getByLabel(/^Ville/).fill("Yamoussoukro");
  await page.getByLabel(/^Étiquettes/).fill("Impression, export");
  await page.getByRole("button", { name: "Créer le prospect" }).click();

  await expect(page.getByRole("heading", { level: 1, name: company })).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/prospects\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("prospect-value")).toHaveText(fcfa(2_500_000));
  await expect(page.getByRole("link", { name: "WhatsApp +225 05 06 07 08 09" })).toHaveAttribute("href", "https://wa.me/2250506070809");
  await expect(page.getByRole("link", { name: `Écrire à ${email}` })).toHaveAttribute("href", `mailto:${email}`);
  await expect(page.getByRole("link", { name: "Appeler +225 07 08 09 10 11" })).toHaveAttribute("href", "tel:+2250708091011");

  // The edit mode: the same form on the page, the API's answer shown at once.
  await page.getByRole("button", { name: "Modifier" }).click();
  await expect(page.getByRole("heading", { level: 2, name: `Modifier ${company}` })).toBeVisible();
  await page.getByLabel(/^Valeur estimée/).fill("3000000");
  await page.getByLabel(/^Probabilité/).fill("40");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByTestId("prospect-value")).toHaveText(fcfa(3_000_000));
  await expect(page.getByText("Pondérée (40 %)")).toBeVisible();

  // A call with the next follow-up in three days.
  const inThreeDays = new Date(Date.now() + 3 * 86_400_000);
  const day = inThreeDays.toISOString().slice(0, 10);
  const shown = day.split("-").reverse().join("/");
  const form = page.getByTestId("activity-form");
  await form.getByLabel("Type").selectOption({ label: "Appel" });
  await form.getByLabel(/^Ce qui s/).fill("Premier appel : besoin de 5 000 brochures pour la rentrée.");
  await form.getByLabel("Prochaine relance").fill(day);
  await form.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByTestId("activity").filter({ hasText: "5 000 brochures" })).toBeVisible();
  await expect(page.getByTestId("activity").filter({ hasText: "5 000 brochures" })).toContainText("Appel");
  await expect(page.getByTestId("prospect-follow-up")).toContainText(`Relance ${shown}`);
  // The toasts gone, so that they do not hide the page on the screenshots.
  await expect(page.getByText("Activité enregistrée.")).toBeHidden();
  await checkScreen(page, testInfo, "admin-prospect-page");

  // « Faire un devis » opens the billing editor for the prospect's own (still invisible) client.
  await page.getByRole("button", { name: "Faire un devis" }).click();
  await expect(page).toHaveURL(/\/admin\/facturation\/devis\/nouveau\?client=[0-9a-f-]{36}$/);
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: company })).toBeVisible();

  // The conversion says what happens, then links to the new client.
  await page.getByRole("button", { name: "Convertir en client" }).click();
  const dialog = page.getByRole("alertdialog", { name: `Convertir ${company} en client ?` });
  await expect(dialog).toContainText(`${email} est invité sur le portail`);
  await screenshot(page, testInfo, "admin-prospect-convert", { fullPage: false });
  await dialog.getByRole("button", { name: "Convertir" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/^Devenu client le \d{2}\/\d{2}\/\d{4}$/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Supprimer" })).toHaveCount(0);
  await expect(page.getByLabel("Changer d’étape")).toBeDisabled();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Voir la fiche client" }).click();
  await expect(page).toHaveURL(/\/admin\/clients\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: company })).toBeVisible();
});

test("a lead from the website's form moves along the board, gets a quote and becomes a client; its contact joins the portal and finds the quote", async ({ page, browser, baseURL }, testInfo) => {
  test.slow();
  const project = testInfo.project.name;
  const stamp = `${Date.now().toString(36)}${project === "phone" ? "p" : "d"}`;
  const company = `Boulangerie du Plateau ${stamp}`;
  const email = `fatou.${stamp}@boulangerie.demo`;
  const message = `Bonjour, nous voulons un site avec la commande en ligne pour nos trois boutiques (${stamp}).`;
  const title = `Site vitrine et commande en ligne ${stamp}`;

  // The website's contact form sends the lead: no session, from the website's origin.
  const thanks = await sendWebsiteLead(baseURL!, { company, name: "Fatou Diabaté", email, phone: "+225 07 11 22 33 44", message });
  expect(thanks).toBe("Merci ! Nous vous recontactons sous 24 heures ouvrées.");

  // Staff find it in « Nouveau », alone on the board once searched for.
  await loginByApi(page, ADMIN);
  await openBoard(page);
  await page.getByRole("searchbox", { name: "Rechercher un prospect" }).fill(stamp);
  await expect(page).toHaveURL(new RegExp(`q=${stamp}`));
  await settled(page);
  await expect(page.getByTestId("prospect-card")).toHaveCount(1);
  await expect(cardIn(column(page, "Nouveau"), company)).toBeVisible();
  await checkScreen(page, testInfo, "admin-prospects-lead");

  // On to « Qualifié » with the keyboard.
  await dragWithKeyboard(page, page.getByRole("button", { name: `Déplacer ${company}` }), 1);
  await expect(cardIn(column(page, "Qualifié"), company)).toBeVisible();
  await expect(page.getByText(`${company} est passé à l’étape « Qualifié ».`)).toBeVisible();

  // Its page: the contact and the website's message, as a lead from the website.
  await page.getByRole("link", { name: `Ouvrir ${company}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: company })).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/prospects\/[0-9a-f-]{36}$/);
  await streamed(page);
  const prospectUrl = page.url();
  await expect(page.getByLabel("Changer d’étape")).toHaveValue("00000000-0000-7000-8000-000000000002");
  await expect(page.getByText("Fatou Diabaté", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: `Écrire à ${email}` })).toHaveAttribute("href", `mailto:${email}`);
  await expect(page.getByText("Site web", { exact: true })).toBeVisible();
  await expect(page.getByTestId("activity").filter({ hasText: message })).toBeVisible();

  // « Faire un devis »: the billing editor for the prospect's client; one line, then « Envoyer ».
  await page.getByRole("button", { name: "Faire un devis" }).click();
  await page.waitForURL(/\/admin\/facturation\/devis\/nouveau\?client=[0-9a-f-]{36}$/);
  const clientId = new URL(page.url()).searchParams.get("client")!;
  await expect(page.getByRole("heading", { level: 1, name: "Nouveau devis" })).toBeVisible();
  await streamed(page);
  await expect(page.getByLabel("Client", { exact: true })).toHaveValue(clientId);
  await page.getByLabel(/^Objet/).fill(title);
  await page.getByLabel("Désignation (ligne 1)", { exact: true }).fill("Site vitrine avec commande en ligne");
  await page.getByLabel("Prix unitaire HT (FCFA) (ligne 1)", { exact: true }).fill("1 200 000");
  // 18 % of VAT on 1 200 000 FCFA, as the server prices it.
  await expect(page.getByTestId("live-totals").getByTestId("totals")).toContainText(fcfa(1_416_000));
  await checkScreen(page, testInfo, "admin-prospect-quote-editor");
  await page.getByRole("button", { name: "Envoyer", exact: true }).click();
  const send = page.getByRole("alertdialog", { name: "Envoyer le devis ?" });
  await expect(send).toContainText("numéro définitif");
  await expect(send).toContainText(email);
  await send.getByRole("button", { name: "Envoyer le devis" }).click();
  await page.waitForURL(/\/admin\/facturation\/devis\/[0-9a-f-]{36}$/);
  await streamed(page);
  const heading = page.getByRole("heading", { level: 1, name: /^Devis DV-\d{4}-\d{4}$/ });
  await expect(heading).toBeVisible();
  const number = ((await heading.textContent()) ?? "").replace(/^Devis /, "");
  await expect(page.getByText(`Devis ${number} envoyé.`)).toBeVisible();
  await expect(page.getByText("À valider", { exact: true })).toBeVisible();

  // The proposal is out: one more column on the board.
  await page.goto(`/admin/prospects?q=${stamp}`);
  await expect(page.getByRole("heading", { level: 1, name: "Prospects" })).toBeVisible();
  await streamed(page);
  await settled(page);
  await expect(cardIn(column(page, "Qualifié"), company)).toBeVisible();
  await dragWithKeyboard(page, page.getByRole("button", { name: `Déplacer ${company}` }), 1);
  await expect(cardIn(column(page, "Proposition envoyée"), company)).toBeVisible();
  await expect(page.getByText(`${company} est passé à l’étape « Proposition envoyée ».`)).toBeVisible();

  // « Convertir en client »: the contact is invited, the prospect is won and stays so.
  await page.getByRole("link", { name: `Ouvrir ${company}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: company })).toBeVisible();
  await expect(page).toHaveURL(prospectUrl);
  await page.getByRole("button", { name: "Convertir en client" }).click();
  const dialog = page.getByRole("alertdialog", { name: `Convertir ${company} en client ?` });
  await expect(dialog).toContainText(`${email} est invité sur le portail`);
  await expect(dialog).toContainText("Les devis déjà préparés sont repris");
  await dialog.getByRole("button", { name: "Convertir" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${company} est maintenant client. Invitation envoyée à ${email}.`)).toBeVisible();
  await expect(page.getByText(/^Devenu client le \d{2}\/\d{2}\/\d{4}$/)).toBeVisible();
  await expect(page.getByLabel("Changer d’étape")).toBeDisabled();
  await expect(page.getByLabel("Changer d’étape")).toHaveValue("00000000-0000-7000-8000-000000000005");
  await expect(page.getByRole("link", { name: "Voir la fiche client" })).toHaveAttribute("href", `/admin/clients/${clientId}`);
  // The toast gone, so that it does not hide the page on the screenshot.
  await expect(page.getByText(`${company} est maintenant client. Invitation envoyée à ${email}.`)).toBeHidden();
  await checkScreen(page, testInfo, "admin-prospect-converted");

  // Fatou accepts the emailed invitation: her account, then the portal of her company.
  const token = await tokenFromMail(email, "/invitation/accepter");
  const context = await secondBrowser(browser, testInfo);
  const fatou = await context.newPage();
  await fatou.goto(`/invitation/accepter?token=${encodeURIComponent(token)}`);
  await expect(fatou.getByRole("heading", { level: 1, name: "Rejoindre l'espace client" })).toBeVisible();
  await fatou.getByLabel("Nom complet").fill("Fatou Diabaté");
  await fatou.getByLabel("Mot de passe", { exact: true }).fill("une phrase de passe solide 2026");
  await fatou.getByRole("button", { name: "Activer mon accès" }).click();
  await expect(fatou.getByRole("heading", { level: 1, name: "Bonjour Fatou" })).toBeVisible();
  await streamed(fatou);

  // The quote written for the prospect waits for her answer in « Devis ».
  await openSection(fatou, "Devis");
  await expect(fatou.getByRole("heading", { level: 1, name: "Devis" })).toBeVisible();
  await streamed(fatou);
  const entry = fatou.getByTestId("quote-list").locator("li, tr").filter({ hasText: title }).filter({ visible: true });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(number);
  await expect(entry).toContainText("À valider");
  await expect(entry).toContainText(fcfa(1_416_000));
  await checkScreen(fatou, testInfo, "prospect-portal-quotes");
  await entry.getByRole("link").first().click();
  await expect(fatou.getByRole("heading", { level: 1, name: `Devis ${number}` })).toBeVisible();
  await streamed(fatou);
  await expect(fatou.getByText("Ce devis attend votre réponse.")).toBeVisible();
  await expect(fatou.getByRole("button", { name: "Accepter le devis" })).toBeVisible();
  await checkScreen(fatou, testInfo, "prospect-portal-quote");
  await context.close();
});

/** Deletes the prospects whose company holds `stamp` (this run's). */
async function removeProspects(api: APIRequestContext, stamp: string) {
  const found = (await (await api.get(`/api/admin/prospects/?search=${encodeURIComponent(stamp)}&page_size=100`)).json()) as { results: Prospect[] };
  for (const prospect of found.results) await apiSend(api, "DELETE", `/api/admin/prospects/${prospect.id}/`, undefined, [200, 204]);
}

test("the board's filters narrow its columns and stay in the list; « Voir les N autres » opens the rest of a column", async ({ page, baseURL }, testInfo) => {
  const stamp = `${Date.now().toString(36)}${testInfo.project.name === "phone" ? "p" : "d"}`;
  const company = `Cabinet Émeraude ${stamp}`;
  const admin = await adminApi(baseURL!);
  try {
    await apiSend<Prospect>(admin, "POST", "/api/admin/prospects/", { company, contact_name: "Awa Traoré", source: "email", estimated_value: 700_000, stage_id: NOUVEAU });

    await loginByApi(page, ADMIN);
    await openBoard(page);
    const all = await totalsOf(page, "Nouveau");
    await expect(cardIn(column(page, "Nouveau"), "Café Ivoire")).toBeVisible();
    await expect(cardIn(column(page, "Qualifié"), "Baobab BTP")).toBeVisible();
    // The board has no stage or sort select: its columns are the stages, its cards in board order.
    await expect(page.getByLabel("Étape", { exact: true })).toHaveCount(0);
    await expect(page.getByLabel("Trier par")).toHaveCount(0);
    // A column showing all its prospects has no « Voir les N autres ».
    for (const section of await page.getByTestId("stage-column").all()) {
      const count = Number(((await section.getByTestId("stage-totals").textContent()) ?? "").split("·")[0].trim());
      const cards = await section.getByTestId("prospect-card").count();
      expect(cards).toBeLessThanOrEqual(count);
      await expect(section.getByTestId("stage-more")).toHaveCount(count > cards ? 1 : 0);
    }

    // By source: the e-mail prospects only (the demo's Ecole Les Palmiers, and this run's).
    await page.getByLabel("Source", { exact: true }).selectOption({ label: "E-mail" });
    await expect(page).toHaveURL(/\/admin\/prospects\?source=email$/);
    await expect(page.getByRole("button", { name: "Retirer le filtre Source : E-mail" })).toBeVisible();
    await expect(cardIn(column(page, "Nouveau"), "Café Ivoire")).toHaveCount(0);
    await expect(cardIn(column(page, "Qualifié"), "Baobab BTP")).toHaveCount(0);
    await settled(page);
    await expect(cardIn(column(page, "Nouveau"), company)).toBeVisible();
    await expect(cardIn(column(page, "Qualifié"), "Ecole Les Palmiers")).toBeVisible();
    const emailed = await totalsOf(page, "Nouveau");
    expect(emailed.count).toBeLessThan(all.count);
    expect(emailed.count).toBe(await column(page, "Nouveau").getByTestId("prospect-card").count());
    await expect(page.getByText(/^\d+ prospects?$/)).toBeVisible();
    await checkScreen(page, testInfo, "admin-prospects-board-filtered");

    // Nothing with this source and this search: the board says so and offers to clear the filters (not to add a prospect).
    await page.getByRole("searchbox", { name: "Rechercher un prospect" }).fill(`personne-${stamp}`);
    await expect(page.getByText("Aucun prospect ne correspond à ces filtres, à aucune étape.")).toBeVisible();
    await expect(page.getByTestId("pipeline-board")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Nouveau prospect" })).toHaveCount(1);
    const clear = page.getByRole("button", { name: "Effacer les filtres" });
    await expect(clear).toHaveCount(2);
    await clear.last().click();
    await expect(page).toHaveURL(/\/admin\/prospects$/);
    await expect(cardIn(column(page, "Nouveau"), "Café Ivoire")).toBeVisible();
    await expect(page.getByRole("searchbox", { name: "Rechercher un prospect" })).toHaveValue("");
    await page.getByLabel("Source", { exact: true }).selectOption({ label: "E-mail" });
    await expect(page).toHaveURL(/\/admin\/prospects\?source=email$/);
    await expect(cardIn(column(page, "Nouveau"), "Café Ivoire")).toHaveCount(0);
    await expect(cardIn(column(page, "Nouveau"), company)).toBeVisible();

    // The list keeps the filter, its chip and its select.
    await page.getByRole("button", { name: "Liste" }).click();
    await expect(page).toHaveURL(/\/admin\/prospects\?vue=liste&source=email$/);
    await expect(page.getByLabel("Source", { exact: true })).toHaveValue("email");
    await expect(page.getByRole("button", { name: "Retirer le filtre Source : E-mail" })).toBeVisible();
    const rows = listRows(page, testInfo, { table: "prospect-table", card: "prospect-row-card" });
    await expect(rows.filter({ hasText: company })).toHaveCount(1);
    await expect(rows.filter({ hasText: "Ecole Les Palmiers" })).toHaveCount(1);
    await expect(rows.filter({ hasText: "Café Ivoire" })).toHaveCount(0);
    await page.getByRole("button", { name: "Tableau" }).click();
    await expect(page).toHaveURL(/\/admin\/prospects\?source=email$/);
    await expect(cardIn(column(page, "Nouveau"), company)).toBeVisible();

    // A move on the filtered board shows there, totals included.
    const qualified = await totalsOf(page, "Qualifié");
    await dragWithKeyboard(page, page.getByRole("button", { name: `Déplacer ${company}` }), 1);
    await expect(cardIn(column(page, "Qualifié"), company)).toBeVisible();
    await expect(page.getByText(`${company} est passé à l’étape « Qualifié ».`)).toBeVisible();
    await expect.poll(() => totalsOf(page, "Qualifié")).toEqual({ count: qualified.count + 1, value: qualified.value + 700_000 });
    await expect.poll(() => totalsOf(page, "Nouveau")).toEqual({ count: emailed.count - 1, value: emailed.value - 700_000 });
    await expect(page).toHaveURL(/\/admin\/prospects\?source=email$/);

    // 32 more e-mail prospects in « Nouveau » (an import lands them there): more than its 30 cards.
    const csv = ["Entreprise;Source", ...Array.from({ length: 32 }, (_, i) => `Lot ${stamp} ${String(i + 1).padStart(2, "0")};E-mail`)].join("\r\n");
    const imported = await admin.fetch("/api/admin/prospects/import/?dry_run=false", {
      method: "POST",
      data: Buffer.from(`${csv}\r\n`, "utf8"),
      headers: { "Content-Type": "text/csv", "X-CSRFToken": await csrfOf(admin) },
    });
    expect(imported.status(), await imported.text()).toBe(201);
    await page.reload();
    await streamed(page);
    const full = await totalsOf(page, "Nouveau");
    expect(full.count).toBe(emailed.count - 1 + 32);
    await expect(column(page, "Nouveau").getByTestId("prospect-card")).toHaveCount(30);
    const more = column(page, "Nouveau").getByRole("link", { name: `Voir les ${full.count - 30} autres prospects de l’étape Nouveau, dans la liste` });
    await expect(more).toHaveText(`Voir les ${full.count - 30} autres`);
    await expect(column(page, "Qualifié").getByTestId("stage-more")).toHaveCount(0);
    await checkScreen(page, testInfo, "admin-prospects-board-more");
    await more.click();

    // The list of that stage, with the board's filter: every one of its prospects.
    await expect(page).toHaveURL(new RegExp(`/admin/prospects\\?vue=liste&source=email&stage=${NOUVEAU}$`));
    await expect(page.getByRole("button", { name: "Retirer le filtre Étape : Nouveau" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Retirer le filtre Source : E-mail" })).toBeVisible();
    await expect(page.getByText(`${full.count} prospects`, { exact: true })).toBeVisible();
    await expect(page.getByLabel("Étape", { exact: true })).toHaveValue(`stage:${NOUVEAU}`);
  } finally {
    await removeProspects(admin, stamp);
  }
});
