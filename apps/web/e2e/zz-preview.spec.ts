import { test } from "@playwright/test";
import { ADMIN, adminApi, loginByApi, screenshot } from "./helpers";

test("preview", async ({ page, baseURL }, testInfo) => {
  const api = await adminApi(baseURL!);
  const clients = (await (await api.get("/api/clients/?ordering=name")).json()).results as { id: string; name: string }[];
  await loginByApi(page, ADMIN);
  for (const [name, url] of [
    ["p-clients", "/admin/clients"],
    ["p-new", "/admin/clients/nouveau"],
    ["p-360", `/admin/clients/${clients[0].id}`],
    ["p-edit", `/admin/clients/${clients[0].id}/modifier`],
    ["p-team", "/admin/equipe"],
    ["p-journal", "/admin/journal"],
    ["p-emails", "/admin/journal/emails"],
  ] as const) {
    await page.goto(url);
    await page.waitForTimeout(2500);
    await screenshot(page, testInfo, name);
  }
  await page.goto("/admin/journal/emails");
  await page.waitForTimeout(1500);
  await page.getByTestId("email-list").locator("button").first().click().catch(() => {});
  await page.waitForTimeout(500);
  await screenshot(page, testInfo, "p-emails-open");
});
