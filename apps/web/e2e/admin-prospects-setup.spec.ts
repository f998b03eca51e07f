import fs from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN, adminApi, apiSend, checkScreen, loginByApi, streamed } from "./helpers";

/**
 * The prospects' setup pages: the CSV import (/admin/prospects/import), the pipeline's stages
 * (/admin/prospects/etapes), and the dashboard's pipeline figures and follow-ups. Both browser
 * projects share one database: each import uses its own emails, and the stage added is deleted
 * again (and removed first when a failed run left it behind).
 */

const STAFF = { email: "staff@nourx.demo", password: "demo-staff-2026" };
const ADDED = "Démo faite";
const RENAMED = "Démo réalisée";

/** A file as a French Excel saves it: `;`, Windows-1252 (latin1 holds every letter used here). */
function excelCsv(lines: string[]): Buffer {
  return Buffer.from(`${lines.join("\r\n")}\r\n`, "latin1");
}

const HEADER = "Entreprise;Contact;Email;Téléphone;Source;Valeur;Probabilité;Clôture;Ville";

async function chooseFile(page: Page, name: string, buffer: Buffer) {
  await page.getByTestId("import-file-input").setInputFiles({ name, mimeType: "text/csv", buffer });
}

type Stage = { id: string; name: string; kind: string; position: number };

/** Removes the stages a failed run may have left behind. */
async function removeLeftovers(api: APIRequestContext) {
  const stages = (await (await api.get("/api/admin/pipeline/stages/")).json()) as Stage[];
  for (const stage of stages.filter((s) => s.name === ADDED || s.name === RENAMED)) {
    await apiSend(api, "DELETE", `/api/admin/pipeline/stages/${stage.id}/`, undefined, [200, 204]);
  }
}

/** The stages' names as the page lists them, in order. */
async function stageNames(page: Page): Promise<string[]> {
  return page.getByTestId("stage-name").allTextContents();
}

test("an admin imports prospects from an Excel CSV: preview, import, then the same file is refused", async ({ page }, testInfo) => {
  const stamp = `${Date.now()}${testInfo.project.name === "phone" ? "p" : "d"}`;
  const file = excelCsv([
    HEADER,
    `Société Éburnée ${stamp};Aïcha Koné;aicha.${stamp}@exemple.ci;+225 07 01 02 03 04;Salon;1 500 000 FCFA;40 %;31/01/2027;Abidjan`,
    `Maquis Chez Hélène ${stamp};Hélène Yao;helene.${stamp}@exemple.ci;;Recommandation;250 000;;;Bouaké`,
  ]);
  await loginByApi(page, ADMIN);
  await page.goto("/admin/prospects/import");
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: "Importer des prospects" })).toBeVisible();
  await expect(page.getByTestId("format-help")).toContainText("Format accepté");
  await expect(page.getByTestId("format-help")).toContainText("Probabilité");

  // The template, made in the browser: the French headers and one example row.
  const downloading = page.waitForEvent("download");
  await page.getByTestId("template-download").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("modele-prospects.csv");
  const template = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  expect(template[0]).toBe("Entreprise;Contact;Email;Téléphone;WhatsApp;Source;Valeur;Probabilité;Clôture;Secteur;Ville;Taille;Étiquettes;Notes");
  expect(template).toHaveLength(2);

  // The dry run: the rows as they would be imported, read from Windows-1252.
  await chooseFile(page, "prospects.csv", file);
  const preview = page.getByTestId("import-preview");
  await expect(preview.getByTestId("preview-count")).toHaveText("2 prospects prêts à être importés.");
  await expect(preview).toContainText(`Société Éburnée ${stamp}`);
  await expect(preview).toContainText("Aïcha Koné");
  await expect(preview).toContainText(`Maquis Chez Hélène ${stamp}`);
  await expect(preview).toContainText("Salon");
  await expect(preview).toContainText("1\u202f500\u202f000\u00a0FCFA");
  await checkScreen(page, testInfo, "prospects-import-preview");

  await preview.getByRole("button", { name: "Importer 2 prospects" }).click();
  const done = page.getByTestId("import-done");
  await expect(done).toContainText("2 prospects importés.");
  await expect(done.getByRole("link", { name: "Voir la liste des prospects" })).toHaveAttribute("href", "/admin/prospects?vue=liste");

  // The same file again: both emails are prospects now, nothing is imported.
  await done.getByRole("button", { name: "Importer un autre fichier" }).click();
  await chooseFile(page, "prospects.csv", file);
  const refused = page.getByTestId("import-refused");
  await expect(refused.getByTestId("refused-detail")).toContainText("rien n'a été importé");
  const rows = refused.getByTestId("refused-table").locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("2");
  await expect(rows.nth(0)).toContainText("Un prospect avec cet e-mail existe déjà.");
  await expect(rows.nth(1)).toContainText("3");
  await expect(rows.nth(1)).toContainText("Un prospect avec cet e-mail existe déjà.");
  await expect(page.getByTestId("import-preview")).toHaveCount(0);
  await checkScreen(page, testInfo, "prospects-import-refused");

  // A bad amount: its line and the reason.
  await chooseFile(
    page,
    "montant.csv",
    excelCsv([HEADER, `Montant Faux ${stamp};Awa;awa.${stamp}@exemple.ci;;Autre;beaucoup;;;Abidjan`]),
  );
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toContainText("2");
  await expect(rows.nth(0)).toContainText("beaucoup");

  // Not a CSV file: refused before anything is sent.
  await chooseFile(page, "prospects.xlsx", Buffer.from("PK"));
  await expect(page.getByTestId("file-error")).toContainText("Choisissez un fichier CSV");
});

test("an admin adds a stage, renames it, moves it up and deletes it", async ({ page, baseURL }, testInfo) => {
  const api = await adminApi(baseURL!);
  await removeLeftovers(api);
  await loginByApi(page, ADMIN);
  await page.goto("/admin/prospects/etapes");
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: "Étapes du pipeline" })).toBeVisible();
  await expect(page.getByTestId("read-only-note")).toHaveCount(0);
  await expect(page.getByTestId("stage").filter({ hasText: "Gagné" }).first()).toBeVisible();

  const add = page.getByTestId("stage-add-form");
  await add.getByLabel("Nom").fill(ADDED);
  await add.getByLabel("Probabilité (%)").fill("60");
  await add.getByRole("button", { name: "Ajouter l'étape" }).click();
  await expect(page.getByText(`Étape « ${ADDED} » ajoutée.`)).toBeVisible();
  const added = page.getByTestId("stage").filter({ hasText: ADDED });
  await expect(added).toContainText("Probabilité : 60 %");
  await expect(added).toContainText("Aucun prospect");
  // Added after the open stages, before the outcomes.
  const names = await stageNames(page);
  const at = names.indexOf(ADDED);
  expect(at).toBeGreaterThan(0);
  await expect(page.getByTestId("stage").nth(at + 1)).toHaveAttribute("data-kind", /won|lost/);

  // Renamed, with another probability.
  await added.getByRole("button", { name: `Modifier l'étape ${ADDED}` }).click();
  const edit = page.getByTestId("stage-edit-form");
  await edit.getByLabel("Nom").fill(RENAMED);
  await edit.getByLabel("Probabilité (%)").fill("70");
  await edit.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText(`Étape « ${RENAMED} » enregistrée.`)).toBeVisible();
  const renamed = page.getByTestId("stage").filter({ hasText: RENAMED });
  await expect(renamed).toContainText("Probabilité : 70 %");

  // Moved up one place among the open stages.
  const before = names[at - 1];
  await renamed.getByRole("button", { name: `Monter l'étape ${RENAMED}` }).click();
  await expect(page.getByText(`Étape « ${RENAMED} » déplacée.`)).toBeVisible();
  await expect.poll(async () => (await stageNames(page)).indexOf(RENAMED)).toBe(at - 1);
  expect((await stageNames(page))[at]).toBe(before);
  await checkScreen(page, testInfo, "prospects-stages");

  // A stage holding prospects cannot go: the API's reason shows.
  const first = page.getByTestId("stage").first();
  const firstName = (await first.getByTestId("stage-name").textContent())!;
  await first.getByRole("button", { name: `Supprimer l'étape ${firstName}` }).click();
  const dialog = page.getByRole("alertdialog");
  await dialog.getByRole("button", { name: "Supprimer l'étape" }).click();
  await expect(dialog.getByTestId("stage-delete-error")).toBeVisible();
  await dialog.getByRole("button", { name: "Annuler" }).click();

  // The empty one goes.
  await renamed.getByRole("button", { name: `Supprimer l'étape ${RENAMED}` }).click();
  await dialog.getByRole("button", { name: "Supprimer l'étape" }).click();
  await expect(page.getByText(`Étape « ${RENAMED} » supprimée.`)).toBeVisible();
  await expect(page.getByTestId("stage").filter({ hasText: RENAMED })).toHaveCount(0);
});

test("a member of staff reads the stages without changing them", async ({ page }, testInfo) => {
  await loginByApi(page, STAFF);
  await page.goto("/admin/prospects/etapes");
  await streamed(page);
  await expect(page.getByTestId("read-only-note")).toContainText("Seuls les administrateurs modifient les étapes du pipeline.");
  await expect(page.getByTestId("stage").first()).toBeVisible();
  await expect(page.getByRole("button", { name: /^Modifier l'étape/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Supprimer l'étape/ })).toHaveCount(0);
  await expect(page.getByTestId("stage-add-form")).toHaveCount(0);
  await checkScreen(page, testInfo, "prospects-stages-staff");
});

test("the dashboard shows the sales pipeline and today's follow-ups", async ({ page }, testInfo) => {
  await loginByApi(page, ADMIN);
  await page.goto("/admin");
  await streamed(page);
  const pipeline = page.getByTestId("pipeline-kpis");
  await expect(pipeline.getByRole("heading", { name: "Pipeline commercial" })).toBeVisible();
  await expect(pipeline.getByTestId("kpi-pipeline-value")).toContainText(/\d[\d\u202f]*\u00a0FCFA/);
  await expect(pipeline.getByTestId("kpi-pipeline-weighted")).toContainText("FCFA");
  await expect(pipeline.getByTestId("kpi-pipeline-conversion")).toContainText(/\d+\s?%|—/);
  await expect(pipeline.getByTestId("kpi-pipeline-days")).toContainText(/\d+ jours?|—/);

  const followUps = page.getByTestId("follow-ups");
  await expect(followUps.getByRole("heading", { name: /Relances du jour/ })).toBeVisible();
  const cafe = followUps.getByRole("link", { name: /Café Ivoire/ });
  await expect(cafe).toBeVisible();
  await expect(cafe).toHaveAttribute("href", /^\/admin\/prospects\/[0-9a-f-]{36}$/);
  await expect(cafe).toContainText("Aya Kouassi");
  await checkScreen(page, testInfo, "dashboard-pipeline");
});
