import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, SCREENSHOTS, adminApi, apiSend, expectAccessible, expectNoHorizontalScroll, loginByApi, mailMatching, screenshot, streamed } from "./helpers";

/**
 * The email templates (/admin/parametres/emails): an admin rewords the French « Facture envoyée »
 * email, sees it in the preview with sample data, has a broken version refused at its line, saves
 * a good one, sends a test to themselves (read back from the emails the API writes), and restores
 * NOURX's wording. Both browser projects share the database: the template is reset before and after.
 */

const TEMPLATE = "/api/admin/email-templates/invoice_sent/fr/";

/** The editor's text field (not the preview's « Texte » tab). */
const textField = (page: Page) => page.getByRole("textbox", { name: "Texte", exact: true });

test("an admin rewords an email, previews it, is refused a broken version, tests it and resets it", async ({ page, baseURL }, testInfo) => {
  const project = testInfo.project.name;
  const api = await adminApi(baseURL!);
  await apiSend(api, "DELETE", TEMPLATE, undefined, 204);
  try {
    await loginByApi(page, ADMIN);
    await page.goto("/admin/parametres/emails");
    await streamed(page);
    await expect(page.getByRole("heading", { level: 2, name: "Modèles d'e-mails" })).toBeVisible();
    const list = page.getByTestId("email-template-list");
    for (const group of ["Compte", "Projets", "Facturation", "Support"]) {
      await expect(list.getByRole("heading", { level: 3, name: group })).toBeVisible();
    }
    await expect(page.getByTestId("email-template-invoice_sent")).not.toContainText("personnalisé");
    await expectNoHorizontalScroll(page);
    await screenshot(page, testInfo, "email-templates-list");

    await page.getByRole("link", { name: "Modifier « Facture envoyée »" }).click();
    await expect(page).toHaveURL(/modele=invoice_sent/);
    await expect(page.getByTestId("email-template-title")).toHaveText("Facture envoyée");
    await expect(page.getByRole("group", { name: "Langue du modèle" }).getByRole("button", { name: "Français" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    await expect(page.getByTestId("email-template-status")).toContainText("Texte d'origine de NOURX");
    const preview = page.getByTestId("email-preview");
    await expect(preview.getByTestId("preview-subject")).toHaveText("Facture NX-2026-0042 : Refonte du site vitrine");
    await expect(preview.frameLocator("iframe").getByText("Montant TTC : 150\u202f000\u00a0FCFA")).toBeVisible();

    // A variable the template does not have: refused at its line, in the preview and on save.
    await textField(page).fill("Bonjour,\n\nLa facture {{ number }} est prête.\nMontant : {{ montant }}\n\nL'équipe NOURX");
    const problems = page.getByTestId("email-invoice_sent-fr-text-problems");
    await expect(problems).toContainText("Ligne 4 : variable inconnue « montant ».");
    await expect(problems.getByLabel("Ligne 4")).toContainText("Montant : {{ montant }}");
    await expect(preview).toContainText("L'aperçu reprendra quand les erreurs ci-dessus seront corrigées.");
    await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await expect(page.getByText("Corrigez les erreurs signalées avant d'enregistrer.")).toBeVisible();
    await expect(textField(page)).toHaveAttribute("aria-invalid", "true");
    // « Aller à la ligne 4 » selects it in the text.
    await problems.getByRole("button", { name: "Aller à la ligne 4" }).click();
    await expect(textField(page)).toBeFocused();
    expect(await textField(page).evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd))).toBe(
      "Montant : {{ montant }}",
    );
    // An unclosed tag.
    await textField(page).fill("Bonjour,\n\nMontant : {{ total");
    await expect(problems).toContainText("Ligne 3 : balise {{ non fermée : il manque « }} ».");
    await expectNoHorizontalScroll(page);
    await screenshot(page, testInfo, "email-templates-refused");

    // A good wording, a variable inserted from the list at the cursor.
    const marker = `Merci de votre confiance (${project}).`;
    await textField(page).fill(`Bonjour,\n\nLa facture {{ number }} de {{ client_name }} est prête : \n\n${marker}\nL'équipe NOURX`);
    await textField(page).evaluate((el: HTMLTextAreaElement) => {
      const at = el.value.indexOf("prête : ") + "prête : ".length;
      el.focus();
      el.setSelectionRange(at, at);
    });
    await page.getByRole("button", { name: /^Insérer \{\{ total \}\}/ }).click();
    await expect(textField(page)).toHaveValue(new RegExp("est prête : \\{\\{ total \\}\\}"));
    await expect(problems).toHaveCount(0);
    await expect(preview.getByTestId("preview-subject")).toHaveText("Facture NX-2026-0042 : Refonte du site vitrine");
    await preview.getByRole("tab", { name: "Texte" }).click();
    await expect(preview.getByTestId("preview-text")).toContainText("La facture NX-2026-0042 de Akwaba Digital est prête : 150\u202f000\u00a0FCFA");
    await preview.getByRole("tab", { name: "HTML" }).click();
    await expect(preview.frameLocator("iframe").getByText(marker)).toBeVisible();
    await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await expect(page.getByText("Modèle enregistré : les prochains e-mails « Facture envoyée » en français l'utiliseront.")).toBeVisible();
    await expect(page.getByTestId("email-template-status")).toContainText("personnalisé");
    await expect(page.getByTestId("email-template-status")).toContainText(/Personnalisé le \d{2}\/\d{2}\/\d{4} par /);

    // « Envoyer un test à moi-même »: it reaches the admin's mailbox with the new text.
    await page.getByRole("button", { name: "Envoyer un test à moi-même" }).click();
    await expect(page.getByText("Test envoyé à admin@nourx.demo, avec les données d'exemple.")).toBeVisible();
    const mail = await mailMatching(ADMIN.email, new RegExp(marker.replace(/[().]/g, "\\$&")));
    expect(mail).toContain("La facture NX-2026-0042 de Akwaba Digital est prête : 150\u202f000\u00a0FCFA");
    expect(mail).toMatch(/^Subject: .*Test/im);
    await expectNoHorizontalScroll(page);
    await screenshot(page, testInfo, "email-templates-editor");
    // The preview's frame alone (a full-page capture may leave a sandboxed frame blank).
    await preview.getByTestId("preview-html").screenshot({ path: path.join(SCREENSHOTS, `${project}-email-templates-preview-html.png`) });
    await expectAccessible(page);

    // The list says it is customised in French.
    await page.getByRole("button", { name: "Tous les modèles" }).click();
    await expect(page.getByTestId("email-template-invoice_sent")).toContainText("FR personnalisé");

    // The same screens in English.
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: new URL(baseURL!).origin }]);
    await page.reload();
    await streamed(page);
    await expect(page.getByRole("heading", { level: 2, name: "Email templates" })).toBeVisible();
    await expect(page.getByTestId("email-template-invoice_sent")).toContainText("FR customised");
    await screenshot(page, testInfo, "email-templates-list-en");
    await page.getByRole("link", { name: "Edit “Invoice sent”" }).click();
    await expect(page.getByTestId("email-template-title")).toHaveText("Invoice sent");
    await page.getByRole("group", { name: "Template language" }).getByRole("button", { name: "English" }).click();
    await expect(page).toHaveURL(/langue=en/);
    await expect(preview.getByTestId("preview-subject")).toHaveText("Invoice NX-2026-0042: Website redesign");
    await expect(page.getByRole("button", { name: /^Insert \{\{ total \}\}: The total including tax/ })).toBeVisible();
    await expectNoHorizontalScroll(page);
    await screenshot(page, testInfo, "email-templates-editor-en");
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "fr", url: new URL(baseURL!).origin }]);

    // Back to NOURX's wording, after a confirmation.
    await page.goto("/admin/parametres/emails?modele=invoice_sent");
    await streamed(page);
    await page.getByRole("button", { name: "Rétablir le modèle par défaut" }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText("Rétablir le modèle par défaut ?");
    await dialog.getByRole("button", { name: "Rétablir le modèle" }).click();
    await expect(page.getByText("Modèle par défaut rétabli.")).toBeVisible();
    await expect(page.getByTestId("email-template-status")).toContainText("Texte d'origine de NOURX");
    await expect(textField(page)).toHaveValue(/Montant TTC : \{\{ total \}\}/);
    await expect(page.getByRole("button", { name: "Rétablir le modèle par défaut" })).toHaveCount(0);
  } finally {
    await apiSend(api, "DELETE", TEMPLATE, undefined, 204);
  }
});
