import { expect, test, type APIRequestContext, type Page, type TestInfo } from "@playwright/test";
import {
  adminApi,
  apiSend,
  continueToCheckout,
  expectAccessible,
  expectNoHorizontalScroll,
  loginByApi,
  openPayDialog,
  screenshot,
  streamed,
  uploadDocument,
  waitForReturnPage,
} from "./helpers";

/**
 * The flow no competitor has: NOURX submits two milestones of a project for approval; the client
 * (Awa, owner of Akwaba Digital) sees them on the dashboard, approves the billable one, lands on
 * its invoice, pays it with Orange Money on the CinetPay sandbox and sees it paid; she sends the
 * other back with a comment, which NOURX finds on the milestone, back in progress.
 *
 * Each project (phone, desktop) makes its own project, so the two runs never meet.
 */

type Id = { id: string };
type Milestone = Id & { status: string; change_request?: { comment: string } | null; invoice_id?: string | null };

const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

/** `250 000 FCFA HT`, as French writes it (narrow no-break space, no-break space). */
const BILLED = "250\u202f000\u00a0FCFA HT";

async function setUp(api: APIRequestContext, tag: string) {
  const clients = (await (await api.get("/api/clients/?search=Akwaba")).json()) as { results: (Id & { name: string })[] };
  const client = clients.results.find((c) => c.name === "Akwaba Digital");
  expect(client, "the demo client Akwaba Digital").toBeTruthy();
  const me = (await (await api.get("/api/me/")).json()) as Id;

  const project = await apiSend<Id>(api, "POST", "/api/projects/", {
    client_id: client!.id,
    name: `Site e-commerce ${tag}`,
    description: "Boutique en ligne avec paiement mobile.",
    status: "active",
    manager_id: me.id,
  });
  const billable = await apiSend<Milestone>(api, "POST", "/api/milestones/", {
    project_id: project.id,
    title: `Maquettes validées ${tag}`,
    description: "Les maquettes des pages d'accueil, produit et panier.",
    position: 0,
    amount: 250_000,
  });
  const other = await apiSend<Milestone>(api, "POST", "/api/milestones/", {
    project_id: project.id,
    title: `Intégration du catalogue ${tag}`,
    position: 1,
  });
  const tasks: Id[] = [];
  for (const title of ["Maquette de la page d'accueil", "Maquette du panier"]) {
    tasks.push(
      await apiSend<Id>(api, "POST", "/api/tasks/", {
        project_id: project.id,
        milestone_id: billable.id,
        title: `${title} ${tag}`,
        status: "done",
        client_visible: true,
      }),
    );
  }
  const document = `maquettes-${tag}.pdf`;
  await uploadDocument(api, project.id, { name: document, mimeType: "application/pdf", buffer: PDF });
  // Submitted for approval, as staff do from the back-office: in progress, then « à valider ».
  for (const milestone of [billable, other]) {
    await apiSend(api, "PATCH", `/api/milestones/${milestone.id}/`, { status: "in_progress" });
    const submitted = await apiSend<Milestone>(api, "PATCH", `/api/milestones/${milestone.id}/`, { status: "awaiting_approval" });
    expect(submitted.status).toBe("awaiting_approval");
  }
  return { project, billable, other, tasks, document };
}

/**
 * Leaves Akwaba's dashboard as it was for the tests that follow: nothing left to approve or in
 * the next milestones, the project completed.
 */
async function tidyUp(api: APIRequestContext, projectId: string, awaiting: string[], inProgress: string[]) {
  for (const id of awaiting) await apiSend(api, "PATCH", `/api/milestones/${id}/`, { status: "in_progress" });
  for (const id of [...awaiting, ...inProgress]) await apiSend(api, "PATCH", `/api/milestones/${id}/`, { status: "done" });
  await apiSend(api, "PATCH", `/api/projects/${projectId}/`, { status: "completed" });
}

async function shoot(page: Page, testInfo: TestInfo, name: string, options?: { fullPage?: boolean }) {
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, name, options);
}

test("a client approves a billable milestone, pays its invoice with Orange Money, and asks for changes on another", async ({
  page,
  baseURL,
}, testInfo) => {
  test.setTimeout(180_000);
  const tag = `${testInfo.project.name}-${Date.now().toString(36)}`;
  const api = await adminApi(baseURL!);
  const { project, billable, other, tasks, document } = await setUp(api, tag);

  // The dashboard asks first: « Jalons à valider », with what approving bills.
  await loginByApi(page);
  await page.goto("/");
  await streamed(page);
  const card = page.getByRole("region", { name: "Jalons à valider" });
  await expect(card).toBeVisible();
  const entry = card.getByRole("link").filter({ hasText: `Maquettes validées ${tag}` });
  await expect(entry).toContainText(`Site e-commerce ${tag}`);
  await expect(entry).toContainText(`Facturé à la validation : ${BILLED}`);
  await expect(card.getByRole("link").filter({ hasText: `Intégration du catalogue ${tag}` })).toBeVisible();
  await shoot(page, testInfo, "dashboard-approvals");
  await expectAccessible(page);

  // The link lands on the milestone, scrolled to and highlighted.
  await entry.click();
  await page.waitForURL((url) => url.pathname === `/projets/${project.id}` && url.hash === `#jalon-${billable.id}`);
  const milestone = page.locator(`#jalon-${billable.id}`);
  await expect(milestone).toHaveAttribute("data-highlighted", "true");
  await expect(milestone).toBeInViewport();
  await expect(milestone).toBeFocused();
  await expect(milestone.getByText("À valider", { exact: true })).toBeVisible();
  const approval = milestone.getByTestId("milestone-approval");
  await expect(approval).toContainText(/NOURX attend votre validation depuis le \d{2}\/\d{2}\/\d{4}\./);
  await expect(approval.getByTestId("milestone-tasks").getByRole("button")).toHaveCount(2);
  await expect(approval.getByTestId("milestone-tasks")).toContainText(`Maquette du panier ${tag}`);
  await expect(approval.getByTestId("milestone-documents").getByRole("button", { name: `Télécharger ${document}` })).toBeVisible();
  await expect(approval.getByTestId("milestone-amount")).toHaveText(`Facturé à la validation${BILLED}`);
  await expectNoHorizontalScroll(page);
  await screenshot(page, testInfo, "milestone-awaiting", { fullPage: false });
  await shoot(page, testInfo, "project-awaiting");
  await expectAccessible(page);

  // A delivered task opens in its sheet from the milestone.
  await approval.getByRole("button", { name: new RegExp(`Maquette du panier ${tag}`) }).click();
  const sheet = page.getByRole("dialog", { name: `Maquette du panier ${tag}` });
  await expect(sheet).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();

  // Valider: the confirmation says what will be billed.
  await approval.getByRole("button", { name: "Valider", exact: true }).click();
  const confirm = page.getByRole("alertdialog", { name: "Valider ce jalon ?" });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText(`«\u00a0Maquettes validées ${tag}\u00a0»`);
  await expect(confirm).toContainText(`La facture de ${BILLED} vous sera envoyée aussitôt`);
  await expect(confirm.getByRole("button", { name: "Annuler" })).toBeFocused();
  await shoot(page, testInfo, "approve-dialog", { fullPage: false });
  await expectAccessible(page);
  await confirm.getByRole("button", { name: "Valider le jalon" }).click();

  // Straight to the invoice it sent, « Payer » ready.
  await page.waitForURL(/\/factures\/[0-9a-f-]+$/);
  await expect(page.getByRole("status").filter({ hasText: /^Jalon validé — facture NX-\d{4}-\d{4} envoyée$/ })).toBeVisible();
  await streamed(page);
  const heading = page.getByRole("heading", { level: 1, name: /Facture NX-\d{4}-\d{4}/ });
  await expect(heading).toBeVisible();
  const invoiceUrl = page.url();
  const invoiceId = invoiceUrl.split("/").pop()!;
  const number = /NX-\d{4}-\d{4}/.exec((await heading.textContent()) ?? "")![0];
  await expect(page.getByText(`Maquettes validées ${tag}`).first()).toBeVisible();
  await shoot(page, testInfo, "milestone-invoice");

  // Paid by Orange Money on the CinetPay sandbox.
  const { balance } = await openPayDialog(page);
  await continueToCheckout(page);
  await page.getByRole("radio", { name: "Orange Money" }).check();
  await page.getByRole("button", { name: "Payer", exact: true }).click();
  await waitForReturnPage(page);
  await expect(page.getByRole("heading", { level: 1, name: "Paiement reçu" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("payment-result")).toContainText(balance);
  await expect(page.getByTestId("payment-result")).toContainText("Orange Money");
  await page.getByRole("link", { name: "Voir la facture" }).click();
  await expect(page).toHaveURL(invoiceUrl);
  await expect(page.getByText("Payée", { exact: true }).filter({ visible: true }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Payer", exact: true })).toHaveCount(0);
  await expect(page.getByTestId("payment-history").getByTestId("payment-row").first()).toContainText("Orange Money");
  await shoot(page, testInfo, "milestone-invoice-paid");
  await expectAccessible(page);

  // Back on the project: approved, by whom and when, with its invoice.
  await page.goto(`/projets/${project.id}`);
  await streamed(page);
  const done = page.locator(`#jalon-${billable.id}`);
  await expect(done.getByText("Terminé", { exact: true })).toBeVisible();
  await expect(done.getByTestId("milestone-approved")).toContainText(/Validé par Awa .+ le \d{2}\/\d{2}\/\d{4}/);
  await expect(done.getByRole("link", { name: `Voir la facture ${number}` })).toHaveAttribute("href", `/factures/${invoiceId}`);
  await expect(done.getByRole("button", { name: "Valider", exact: true })).toHaveCount(0);

  // Demander des modifications on the other one: a comment is required.
  const second = page.locator(`#jalon-${other.id}`);
  await expect(second.getByTestId("milestone-approval")).toContainText("Ce jalon ne donne lieu à aucune facture.");
  await second.getByRole("button", { name: "Demander des modifications" }).click();
  const changes = page.getByRole("dialog", { name: "Demander des modifications" });
  await expect(changes).toBeVisible();
  const comment = changes.getByLabel("Modifications souhaitées");
  await expect(comment).toBeFocused();
  await changes.getByRole("button", { name: "Envoyer la demande" }).click();
  await expect(changes.getByText("Dites ce qu'il faut modifier.")).toBeVisible();
  await expect(comment).toHaveAttribute("aria-invalid", "true");
  const text = `Les fiches produit doivent afficher le prix en FCFA et le stock (${tag}).`;
  await comment.fill(text);
  await shoot(page, testInfo, "changes-dialog", { fullPage: false });
  await expectAccessible(page);
  await changes.getByRole("button", { name: "Envoyer la demande" }).click();
  await expect(changes).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Demande de modifications envoyée à NOURX" })).toBeVisible();
  await expect(second.getByText("En cours", { exact: true })).toBeVisible();
  await expect(second.getByTestId("milestone-approval")).toHaveCount(0);
  const request = second.getByTestId("milestone-change-request");
  await expect(request).toContainText(/Modifications demandées par Awa .+ le \d{2}\/\d{2}\/\d{4}/);
  await expect(request).toContainText(text);
  await shoot(page, testInfo, "project-after");
  await expectAccessible(page);

  // NOURX sees the milestone back in progress, with the comment; the first one billed once.
  const back = (await (await api.get(`/api/milestones/${other.id}/`)).json()) as Milestone;
  expect(back.status).toBe("in_progress");
  expect(back.change_request?.comment).toBe(text);
  const approved = (await (await api.get(`/api/milestones/${billable.id}/`)).json()) as Milestone;
  expect(approved.status).toBe("done");
  expect(approved.invoice_id).toBe(invoiceId);

  // Approving again is refused: the page says so instead of billing twice.
  const again = await page.request.post(`/api/milestones/${billable.id}/approve/`, {
    headers: { "X-CSRFToken": (await page.context().cookies()).find((c) => c.name === "csrftoken")?.value ?? "" },
  });
  expect(again.status()).toBe(409);
  expect(((await again.json()) as { code: string }).code).toBe("already_approved");

  // A notification's task link opens the task's sheet.
  await page.goto(`/projets/${project.id}?tache=${tasks[0].id}`);
  await expect(page.getByRole("dialog", { name: `Maquette de la page d'accueil ${tag}` })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(`/projets/${project.id}`);
  await tidyUp(api, project.id, [], [other.id]);
});

test("a milestone approved from another phone: the page says so and shows it approved", async ({ page, baseURL }, testInfo) => {
  const tag = `${testInfo.project.name}-twice-${Date.now().toString(36)}`;
  const api = await adminApi(baseURL!);
  const { project, billable, other } = await setUp(api, tag);

  await loginByApi(page);
  await page.goto(`/projets/${project.id}#jalon-${other.id}`);
  await streamed(page);
  const milestone = page.locator(`#jalon-${other.id}`);
  await expect(milestone).toHaveAttribute("data-highlighted", "true");
  await milestone.getByRole("button", { name: "Valider", exact: true }).click();
  const confirm = page.getByRole("alertdialog", { name: "Valider ce jalon ?" });
  await expect(confirm).toBeVisible();

  // Someone else in the team approves it meanwhile (same account, another session).
  const csrf = (await page.context().cookies()).find((c) => c.name === "csrftoken")?.value ?? "";
  const first = await page.request.post(`/api/milestones/${other.id}/approve/`, { headers: { "X-CSRFToken": csrf } });
  expect(first.status()).toBe(200);

  await confirm.getByRole("button", { name: "Valider le jalon" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Ce jalon a déjà été validé" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/projets/${project.id}`));
  await expect(milestone.getByText("Terminé", { exact: true })).toBeVisible();
  await expect(milestone.getByTestId("milestone-approved")).toBeVisible();
  await expect(milestone.getByRole("button", { name: "Valider", exact: true })).toHaveCount(0);
  await tidyUp(api, project.id, [billable.id], []);
});
