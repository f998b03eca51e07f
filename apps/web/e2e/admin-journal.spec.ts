import { expect, test } from "@playwright/test";
import { ADMIN, adminApi, expectAccessible, expectNoHorizontalScroll, loginByApi, screenshot, streamed } from "./helpers";

/**
 * The journal's background jobs and mail viewer as staff, at each project's width: the pages the
 * dashboard's dead-job and failing-email alerts open. The demo leaves one dead payment re-check
 * and one email the server refused.
 */

type JobRow = { id: string; kind: string; status: string };

test("staff find the dead job and run it again", async ({ page, baseURL }, testInfo) => {
  const api = await adminApi(baseURL!);
  const dead = (await (await api.get("/api/admin/jobs/?status=dead")).json()) as { results: JobRow[] };
  const job = dead.results.find((row) => row.kind === "payment.recheck");
  expect(job, "the demo data has a dead payment re-check").toBeTruthy();

  await loginByApi(page, ADMIN);
  await page.goto("/admin/journal/travaux?status=dead");
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: "Journal" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Vues du journal" }).getByRole("link", { name: "Tâches de fond" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByLabel("État")).toHaveValue("dead");
  const rows = page.getByTestId("job-row");
  const row = rows.filter({ hasText: "payment.recheck" }).first();
  await expect(row).toContainText("Revérification d'un paiement");
  await expect(row).toContainText("Abandonnée");
  await expect(row).toContainText("10 sur 10");
  await expect(row).toContainText("CinetPay injoignable");
  await expect(rows.filter({ hasNotText: "Abandonnée" })).toHaveCount(0);
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "admin-journal-jobs-dead");
  await expectAccessible(page);

  // The status filter writes the address.
  await page.getByLabel("État").selectOption({ label: "Tous les états" });
  await page.waitForURL((url) => url.pathname === "/admin/journal/travaux" && url.search === "");
  await expect(rows.first()).toBeVisible();
  await page.getByLabel("État").selectOption({ label: "Abandonnée" });
  await page.waitForURL(/\/admin\/journal\/travaux\?status=dead$/);

  // The demo has one dead job: the desktop run (after the phone's) sends it back to the queue.
  if (testInfo.project.name !== "desktop") return;
  await row.getByRole("button", { name: /^Relancer/ }).click();
  await expect(page.getByText("Tâche relancée")).toBeVisible();
  await expect(rows.filter({ hasText: "payment.recheck" })).toHaveCount(dead.results.filter((r) => r.kind === "payment.recheck").length - 1);
  const after = (await (await api.get("/api/admin/jobs/?kind=payment.recheck&page_size=100")).json()) as { results: JobRow[] };
  expect(after.results.find((row) => row.id === job!.id)?.status).not.toBe("dead");
  await screenshot(page, testInfo, "admin-journal-jobs-retried");
  await expectAccessible(page);
});

test("the mail viewer opens on the failed emails from its address", async ({ page }, testInfo) => {
  await loginByApi(page, ADMIN);
  await page.goto("/admin/journal/emails?status=failed");
  await streamed(page);
  await expect(page.getByLabel("État")).toHaveValue("failed");
  const list = page.getByTestId("email-list");
  const failed = list.locator("li").filter({ hasText: "Votre facture NOURX" }).first();
  await expect(failed).toContainText("Échec");
  // Only failed ones.
  await expect(list.locator("li").filter({ hasNotText: "Échec" })).toHaveCount(0);
  await failed.getByRole("button").click();
  await expect(failed).toContainText("550 5.1.1 mailbox unavailable");
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "admin-journal-emails-failed");
  await expectAccessible(page);

  // Another state goes into the address too.
  await page.getByLabel("État").selectOption({ label: "Tous les états" });
  await page.waitForURL((url) => url.pathname === "/admin/journal/emails" && url.search === "");
});
