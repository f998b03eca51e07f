import { expect, test, type FileChooser, type Locator, type Page } from "@playwright/test";
import { promises as fs } from "node:fs";
import { expectAccessible, expectNoHorizontalScroll, loginByApi, screenshot, streamed } from "./helpers";

/**
 * Documents: upload with a progress bar (several files, errors, cancel), the list, download,
 * delete; on the project page and on the documents page.
 */

const MB = 1024 * 1024;
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

/** Picks files with the phone-friendly button, through the browser's real file chooser. */
async function pickFiles(page: Page, zone: Locator, files: Parameters<FileChooser["setFiles"]>[0]) {
  const [chooser] = await Promise.all([
    page.waitForEvent("filechooser"),
    zone.getByRole("button", { name: "Choisir des fichiers" }).click(),
  ]);
  expect(chooser.isMultiple()).toBe(true);
  await chooser.setFiles(files);
}

function uploadRow(scope: Locator, name: string) {
  return scope.getByTestId("upload-row").filter({ hasText: name });
}

async function openProject(page: Page) {
  await page.goto("/projets");
  await page.getByTestId("project-list").getByRole("link", { name: /Refonte du site vitrine/ }).click();
  await streamed(page);
  const section = page.locator('[data-slot="documents"]');
  await expect(section.getByRole("heading", { name: "Documents" })).toBeVisible();
  return section;
}

test.beforeEach(async ({ page }) => {
  await loginByApi(page);
});

test("a client uploads a file on the project page with progress, then downloads it", async ({ page }, testInfo) => {
  const name = `brief-${testInfo.project.name}.pdf`;
  const section = await openProject(page);
  await pickFiles(page, section, [{ name, mimeType: "application/pdf", buffer: PDF }]);

  const row = uploadRow(section, name);
  await expect(row.getByRole("progressbar", { name: `Envoi de ${name}` })).toHaveAttribute("aria-valuenow", "100");
  await expect(row).toHaveAttribute("data-status", "done");
  await expect(row).toContainText("Envoyé");
  await expect(section.getByText("1 fichier envoyé sur 1")).toBeVisible();

  // It is in the project's list at once, by Awa.
  const listed = section.getByTestId("document-row").filter({ hasText: name });
  await expect(listed).toBeVisible();
  await expect(listed).toContainText("Ajouté par Awa Koné");
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "project-documents");
  await expectAccessible(page);

  // Download: the signed link answers as an attachment with the same bytes.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    listed.getByRole("button", { name: `Télécharger ${name}` }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(name);
  const saved = await download.path();
  expect(Buffer.compare(await fs.readFile(saved), PDF)).toBe(0);
});

test("files that are too big or of a refused type get a clear error; an upload can be cancelled", async ({ page }, testInfo) => {
  const section = await openProject(page);
  const big = testInfo.outputPath("video-tournage.zip");
  const exe = testInfo.outputPath("installeur.exe");
  await fs.mkdir(testInfo.outputDir, { recursive: true });
  // A sparse file: 62 MiB on paper, nothing on disk.
  const handle = await fs.open(big, "w");
  await handle.truncate(62 * MB);
  await handle.close();
  await fs.writeFile(exe, "MZ");
  await pickFiles(page, section, [big, exe]);
  await expect(uploadRow(section, "video-tournage.zip")).toContainText("Fichier trop volumineux (62 Mo) — 50 Mo maximum");
  await expect(uploadRow(section, "installeur.exe")).toContainText("Type de fichier non accepté : .exe");
  await screenshot(page, testInfo, "upload-errors");

  // Hold the storage upload so that it can be cancelled halfway.
  let release: () => void = () => {};
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() === "POST" && (request.headers()["content-type"] ?? "").startsWith("multipart/form-data")) {
      await new Promise<void>((resolve) => (release = resolve));
      await route.continue().catch(() => {});
      return;
    }
    await route.fallback();
  });
  const name = `annule-${testInfo.project.name}.pdf`;
  await pickFiles(page, section, [{ name, mimeType: "application/pdf", buffer: PDF }]);
  const row = uploadRow(section, name);
  await expect(row).toHaveAttribute("data-status", "uploading");
  await row.getByRole("button", { name: `Annuler l'envoi de ${name}` }).click();
  await expect(row).toHaveAttribute("data-status", "cancelled");
  await expect(row).toContainText("Envoi annulé");
  release();
  await page.unroute("**/*");
  await expect(section.getByTestId("document-row").filter({ hasText: name })).toHaveCount(0);

  // Retry sends it for real.
  await row.getByRole("button", { name: `Réessayer l'envoi de ${name}` }).click();
  await expect(row).toHaveAttribute("data-status", "done");
  await expect(section.getByTestId("document-row").filter({ hasText: name })).toBeVisible();
});

test("the documents page: a 20 MB file through the app's own origin, filters, delete", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === "phone", "one large upload per run is enough");
  await page.goto("/documents");
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
  const zone = page.getByRole("region", { name: "Ajouter des fichiers" });
  await zone.getByLabel("Projet concerné").selectOption({ label: "Refonte du site vitrine" });

  // 20 MB is above Next's default proxy body limit (10 MB): the whole file must reach the API.
  const file = testInfo.outputPath("contacts-export.csv");
  await fs.mkdir(testInfo.outputDir, { recursive: true });
  const line = "Kouassi Aya;+225 07 01 02 03 04;Cocody\n";
  await fs.writeFile(file, line.repeat(Math.ceil((20 * MB) / line.length)).slice(0, 20 * MB));
  await pickFiles(page, zone, [file]);
  const row = uploadRow(zone, "contacts-export.csv");
  await expect(row).toHaveAttribute("data-status", "done", { timeout: 60_000 });

  const listed = page.getByTestId("document-row").filter({ hasText: "contacts-export.csv" });
  await expect(listed).toContainText("20 Mo");
  await expect(listed).toContainText("Refonte du site vitrine");

  // Filters: by project, then by name.
  await page.getByLabel("Projet", { exact: true }).selectOption({ label: "Application mobile de fidélité" });
  await expect(page.getByTestId("document-row").filter({ hasText: "contacts-export.csv" })).toHaveCount(0);
  await page.getByLabel("Projet", { exact: true }).selectOption("");
  await page.getByLabel("Rechercher un fichier").fill("contacts");
  await expect(page.getByTestId("document-row")).toHaveCount(1);
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "documents");
  await expectAccessible(page);

  // Delete, after confirming.
  await listed.getByRole("button", { name: "Supprimer contacts-export.csv" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Supprimer ce document ?" });
  await dialog.getByRole("button", { name: "Supprimer" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Document supprimé." })).toBeVisible();
  await expect(page.getByTestId("document-row").filter({ hasText: "contacts-export.csv" })).toHaveCount(0);
});
