import { expect, request, test, type APIRequestContext, type Page, type TestInfo } from "@playwright/test";
import { ADMIN, AWA, adminApi, apiSend, checkScreen, expectAccessible, expectNoHorizontalScroll, listRows, loginByApi, screenshot, streamed } from "./helpers";

/**
 * The back-office in English, as a staff member who chose it: the language switch saves the
 * choice on the profile, so the pages and the API's own sentences (alerts, activity) follow it.
 * The demo staff account is put back in French at the end, whatever happens.
 *
 * Then the support desk and the prospect pipeline with only the language cookie set to English
 * (the accounts keep French): each page's heading and key labels in English, English
 * punctuation, amounts as `2,500,000 FCFA`; and the client's side of a ticket. Each browser
 * project opens its own tickets; the prospect it adds is deleted at the end.
 */

const STAFF = { email: "staff@nourx.demo", password: "demo-staff-2026" };

/** The FR / EN switch: in the header on a wide screen, in the menu drawer on a phone. */
async function chooseLanguage(page: Page, name: "English" | "Français") {
  const header = page.getByRole("banner").getByRole("button", { name, exact: true });
  if (!(await header.isVisible())) await page.getByRole("button", { name: /^(Menu)$/ }).click();
  const choice = page.getByRole("button", { name, exact: true }).filter({ visible: true }).first();
  await choice.click();
  await expect(choice).toHaveAttribute("aria-pressed", "true");
  // The phone's drawer stays open over the page: close it to read the page.
  if (await page.getByRole("dialog").isVisible()) await page.keyboard.press("Escape");
}

test("the back-office reads in English once a staff member chooses it", async ({ page }, testInfo) => {
  await loginByApi(page, STAFF);
  await page.goto("/admin");
  await streamed(page);
  try {
    await chooseLanguage(page, "English");
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    await page.goto("/admin?period=year");
    await streamed(page);
    await expect(page.getByTestId("period-range")).toHaveText(/^From \d{2}\/\d{2}\/\d{4} to \d{2}\/\d{2}\/\d{4}$/);
    await expect(page.getByTestId("alerts").locator("li").first()).toContainText(/Urgent|Watch/i);
    await expect(page.getByTestId("alerts")).not.toContainText("en retard de");
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await screenshot(page, testInfo, "admin-dashboard-en");

    for (const [path, heading, name] of [
      ["/admin/clients", "Clients", "admin-clients-en"],
      ["/admin/equipe", "Team", "admin-team-en"],
      ["/admin/journal", "Journal", "admin-journal-en"],
      ["/admin/paiements?status=flagged", "Payments", "admin-payments-en"],
    ] as const) {
      await page.goto(path);
      await streamed(page);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await screenshot(page, testInfo, name);
    }
  } finally {
    await page.goto("/admin");
    await chooseLanguage(page, "Français");
    await expect(page.getByRole("heading", { level: 1, name: "Tableau de bord" })).toBeVisible();
  }
});

/** English for this browser only (the `NEXT_LOCALE` cookie), after a login that may have set French. */
async function readInEnglish(page: Page, baseURL: string) {
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: new URL(baseURL).origin }]);
}

/** Opens a page once it has streamed in, and checks its level-1 heading. */
async function visit(page: Page, path: string, heading: string | RegExp) {
  await page.goto(path);
  await streamed(page);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
}

/** An API context logged in as `user` through the web app. */
async function apiAs(baseURL: string, user: { email: string; password: string }): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: new URL(baseURL).origin } });
  const { csrftoken } = await (await api.get("/api/auth/csrf/")).json();
  expect((await api.post("/api/auth/login/", { data: user, headers: { "X-CSRFToken": csrftoken } })).status()).toBe(200);
  return api;
}

/** A ticket Awa opens, answered by the desk (a public reply and an internal note), then set to `status`. */
async function answeredTicket(baseURL: string, testInfo: TestInfo, subject: string, status: "pending" | "resolved") {
  const client = await apiAs(baseURL, AWA);
  const ticket = await apiSend<{ id: string; number: number; subject: string }>(client, "POST", "/api/tickets/", {
    subject: `${subject} (${testInfo.project.name} ${Date.now().toString(36)})`,
    priority: "normal",
    message: "The invoice PDF does not open on our accountant's computer.",
  });
  await client.dispose();
  const admin = await adminApi(baseURL);
  await apiSend(admin, "POST", `/api/tickets/${ticket.id}/messages/`, { body: "Could you tell us which browser they use?" });
  await apiSend(admin, "POST", `/api/tickets/${ticket.id}/messages/`, { body: "Check the PDF viewer version first.", internal: true });
  await apiSend(admin, "PATCH", `/api/tickets/${ticket.id}/`, { status });
  await admin.dispose();
  return ticket;
}

test("the support desk and the prospect pipeline read in English", async ({ page, baseURL }, testInfo) => {
  const stamp = `${testInfo.project.name}-${Date.now().toString(36)}`;
  // A ticket waiting on the client (its deadlines paused), and a prospect with a logged call.
  const ticket = await answeredTicket(baseURL!, testInfo, "Invoice PDF will not open", "pending");
  const api = await adminApi(baseURL!);
  const company = `Harmattan Studio ${stamp}`;
  const prospect = await apiSend<{ id: string }>(api, "POST", "/api/admin/prospects/", {
    company,
    contact_name: "Grace Mensah",
    email: `grace.${stamp}@harmattan.demo`,
    phone: "+225 07 11 22 33 44",
    source: "referral",
    estimated_value: 2_500_000,
    city: "Abidjan",
    sector: "Media",
    size: "small",
    tags: ["video", "export"],
  });
  await apiSend(api, "POST", `/api/admin/prospects/${prospect.id}/activities/`, {
    kind: "call",
    body: "First call: they want a quote for a new website.",
    next_follow_up: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
  });

  try {
    await loginByApi(page, ADMIN);
    await readInEnglish(page, baseURL!);

    // The inbox.
    await visit(page, "/admin/support", "Support");
    await expect(page.getByLabel("Assigned to", { exact: true })).toBeVisible();
    await expect(page.getByRole("searchbox", { name: "Search subjects" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Support settings" })).toBeVisible();
    const rows = listRows(page, testInfo, { table: "ticket-table", card: "ticket-card" });
    await expect(rows.first()).toBeVisible();
    // The clocks in English: « 2 h 3 min left », « Late by 1 d 4 h », « Paused ».
    await expect(rows.locator("[data-sla]").first()).toHaveText(/^(\d.* left|Late by \d.*|Paused)(First response|Resolution)?$/);
    await checkScreen(page, testInfo, "en-admin-support-inbox");

    // A ticket: labels with an English colon, the clocks and their history.
    await visit(page, `/admin/support/${ticket.id}`, ticket.subject);
    await expect(page.getByText(`Ticket #${ticket.number}`, { exact: true })).toBeVisible();
    await expect(page.getByText("Client:", { exact: true })).toBeVisible();
    const sla = page.getByTestId("sla-block");
    await expect(sla.getByTestId("sla-first_response")).toContainText(/First response\s*Met\s*Due: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await expect(sla).toContainText(/Counted in (business|calendar) hours/);
    await expect(page.getByTestId("sla-history")).toContainText("First response sent");
    await expect(page.getByTestId("thread-message").filter({ hasText: "PDF viewer" })).toContainText("Internal note");
    await expect(page.getByRole("button", { name: "Send reply" })).toBeVisible();
    await expect(page.getByText("Client's latest invoices")).toBeVisible();
    await checkScreen(page, testInfo, "en-admin-support-ticket");

    // The settings, tab by tab.
    await visit(page, "/admin/support/reglages", "Support settings");
    await expect(page.getByRole("tab", { name: "SLA policies" })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByTestId("sla-policy-default")).toContainText("Default policy");
    await checkScreen(page, testInfo, "en-admin-support-policies");
    await page.getByRole("tab", { name: "Business hours" }).click();
    await expect(page.getByRole("switch", { name: "Monday: open" })).toBeVisible();
    await checkScreen(page, testInfo, "en-admin-support-hours");
    await page.getByRole("tab", { name: "Public holidays" }).click();
    await expect(page.getByRole("heading", { name: "Add a public holiday" })).toBeVisible();
    await expect(page.getByTestId("holiday").first()).toBeVisible();
    await checkScreen(page, testInfo, "en-admin-support-holidays");
    await page.getByRole("tab", { name: "Canned replies" }).click();
    await expect(page.getByRole("button", { name: "New canned reply" })).toBeVisible();
    await expect(page.getByTestId("reply").first()).toContainText("English text");
    await checkScreen(page, testInfo, "en-admin-support-replies");

    // The pipeline: board, list, a prospect.
    await visit(page, "/admin/prospects", "Prospects");
    await expect(page.getByTestId("pipeline-board")).toBeVisible();
    await expect(page.getByTestId("stage-totals").first()).toContainText("weighted");
    await expect(page.getByRole("button", { name: "List" })).toBeVisible();
    await checkScreen(page, testInfo, "en-admin-prospects-board");
    await visit(page, "/admin/prospects?vue=liste", "Prospects");
    await expect(page.getByRole("searchbox", { name: "Search prospects" })).toBeVisible();
    await expect(page.getByText(/^\d+ prospects$/).first()).toBeVisible();
    await checkScreen(page, testInfo, "en-admin-prospects-list");
    await visit(page, `/admin/prospects/${prospect.id}`, company);
    await expect(page.getByTestId("prospect-value")).toHaveText("2,500,000\u00a0FCFA");
    await expect(page.getByText(/^Weighted \(\d+%\)$/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Convert to client" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
    await expect(page.getByText("Call · Mariam Diallo")).toBeVisible();
    await checkScreen(page, testInfo, "en-admin-prospect");

    // The import: its help and template in English, and a preview (a dry run: nothing imported).
    await visit(page, "/admin/prospects/import", "Import prospects");
    const help = page.getByTestId("format-help");
    await expect(help).toContainText("Accepted format");
    await expect(help.locator("dt").nth(3)).toHaveText("Phone");
    await expect(help).not.toContainText("Téléphone");
    const template = decodeURIComponent((await page.getByTestId("template-download").getAttribute("href")) ?? "");
    expect(template).toContain("\uFEFFCompany,Contact,Email,Phone,WhatsApp,Source,Value,Probability,Expected close,");
    const csv = `Company,Contact,Email,Source,Value\nSavanna Foods ${stamp},Kwame Asante,kwame.${stamp}@savanna.demo,Referral,1500000\n`;
    await page.getByTestId("import-file-input").setInputFiles({ name: "prospects.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await expect(page.getByTestId("preview-count")).toHaveText("1 prospect ready to import.");
    await expect(page.getByTestId("import-preview")).toContainText("1,500,000\u00a0FCFA");
    await expect(page.getByRole("button", { name: "Import 1 prospect" })).toBeVisible();
    await checkScreen(page, testInfo, "en-admin-prospects-import");

    await visit(page, "/admin/prospects/etapes", "Pipeline stages");
    await expect(page.getByTestId("stages")).toContainText("In progress");
    await expect(page.getByTestId("stage-probability").first()).toHaveText(/^Probability: \d+%$/);
    await checkScreen(page, testInfo, "en-admin-prospects-stages");
  } finally {
    await apiSend(api, "DELETE", `/api/admin/prospects/${prospect.id}/`, undefined, [200, 204]);
    await api.dispose();
  }
});

test("a client reads their tickets in English: the paused deadline, the rating stars", async ({ page, baseURL }, testInfo) => {
  const waiting = await answeredTicket(baseURL!, testInfo, "Invoice sent to the wrong name", "pending");
  const solved = await answeredTicket(baseURL!, testInfo, "Website slow in the evening", "resolved");

  await loginByApi(page, AWA);
  await readInEnglish(page, baseURL!);
  await visit(page, `/support/${waiting.id}`, waiting.subject);
  await expect(page.getByText(`Request #${waiting.number}`)).toBeVisible();
  await expect(page.getByTestId("sla-paused")).toHaveText("Waiting for your answer: the deadline is paused");
  await expect(page.getByRole("button", { name: "Reply", exact: true })).toBeVisible();
  await checkScreen(page, testInfo, "en-support-ticket-paused");

  await visit(page, `/support/${solved.id}`, solved.subject);
  const rating = page.getByTestId("ticket-rating");
  await expect(rating.getByRole("heading", { name: "Your feedback" })).toBeVisible();
  await expect(rating.getByRole("radio", { name: "1 star out of 5: Very dissatisfied" })).toBeVisible();
  await checkScreen(page, testInfo, "en-support-ticket-rating");
  // Rated: the stars and the comment, in English quotes.
  await rating.getByRole("radio", { name: "4 stars out of 5: Satisfied" }).check({ force: true });
  await rating.getByLabel(/^Comment/).fill("Quick and clear, thank you.");
  await rating.getByRole("button", { name: "Send my feedback" }).click();
  await expect(page.getByText("Thank you for your feedback!")).toBeVisible();
  await expect(rating.getByRole("img", { name: "Your rating: 4 out of 5" })).toBeVisible();
  await expect(rating).toContainText("“Quick and clear, thank you.”");
  await checkScreen(page, testInfo, "en-support-ticket-rated");
});
