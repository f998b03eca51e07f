//! Tenant isolation, generated from the route table: a member of client A aimed at any
//! object of client B gets the same 404 as for a missing id, and B's data is unchanged;
//! list routes never show B's rows to A, whatever the filters.

use std::collections::BTreeMap;

use diesel::RunQueryDsl;
use nourx_testkit::{
    DocumentBuilder, InvoiceBuilder, MilestoneBuilder, PaymentBuilder, ProjectBuilder, QuoteBuilder, TaskBuilder,
    Tenant, TestApp, TestClient, TicketBuilder,
};
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

/// One client's objects, created through the API as NOURX staff.
struct ClientData {
    tenant: Tenant,
    project_id: Uuid,
    milestone_id: Uuid,
    task_id: Uuid,
    ticket_id: Uuid,
    /// A ready document, visible to the client.
    document_id: Uuid,
    /// A sent invoice and a sent quote.
    invoice_id: Uuid,
    quote_id: Uuid,
    /// A settled instalment of the invoice (50 000 of 118 000), and the owner's notification of it.
    payment_id: Uuid,
    /// A credit note of 1 000 on the invoice.
    credit_note_id: Uuid,
    /// A pay link to the invoice, made by NOURX staff.
    pay_link_id: Uuid,
    notification_id: Uuid,
    /// The owner's session (from paying), as listed in "my sessions".
    session_id: Uuid,
    /// A pending invitation into the client, sent by NOURX staff.
    invitation_id: Uuid,
}

impl ClientData {
    fn client_id(&self) -> Uuid {
        self.tenant.id
    }
}

async fn client_data(app: &TestApp, word: &str) -> ClientData {
    let tenant = app.tenant().await;
    let project = ProjectBuilder::new(&tenant).name(&format!("Projet {word}")).status("active");
    let project_id = project.build(app).await.id;
    let milestone_id = MilestoneBuilder::new(project_id)
        .title(&format!("Jalon {word}"))
        .amount(10_000)
        .awaiting_approval()
        .build(app)
        .await
        .id;
    let task = TaskBuilder::new(project_id).title(&format!("Tâche {word}")).assigned_to(tenant.owner.id);
    let task_id = task.build(app).await.id;
    let comment = json!({"body": format!("Note {word}")});
    app.kit_staff().await.post(&format!("/api/tasks/{task_id}/comments/"), &comment).await.assert_status(201);
    let ticket_id = TicketBuilder::new(&tenant).subject(&format!("Ticket {word}")).build(app).await.id;
    let document_id = DocumentBuilder::new(project_id).filename(&format!("{word}.txt")).build(app).await.id;
    let line = format!("Prestation {word}");
    let invoice_id = InvoiceBuilder::new(&tenant).title(word).line(&line, 1, 100_000).sent().build(app).await.id;
    let quote_id = QuoteBuilder::new(&tenant).title(word).line(&line, 1, 100_000).sent().build(app).await.id;
    let payer = app.owner(&tenant).await;
    let payment_id = PaymentBuilder::new(&payer, invoice_id).amount(50_000).settled().build(app).await.id;
    let notification_id = payer.get("/api/notifications/").await.results()[0]["id"].as_str().expect("id").parse();
    let note = json!({"amount": 1_000, "reason": format!("Geste {word}")});
    let credit_notes = format!("/api/invoices/{invoice_id}/credit-notes/");
    let credit_note_id = app.kit_staff().await.post(&credit_notes, &note).await.assert_status(201).id();
    let pay_links = format!("/api/invoices/{invoice_id}/pay-links/");
    let pay_link_id = app.kit_staff().await.post(&pay_links, &json!({})).await.assert_status(201).id();
    let session_id = payer.get("/api/me/sessions/").await.results()[0]["id"].as_str().expect("id").parse();
    let invitation = json!({"email": format!("invite-{word}@test.nourx.ci"), "role": "member"});
    let invitations = format!("/api/clients/{}/members/", tenant.id);
    let invitation_id = app.kit_staff().await.post(&invitations, &invitation).await.assert_status(201).id();
    ClientData {
        tenant,
        project_id,
        milestone_id,
        task_id,
        ticket_id,
        document_id,
        invoice_id,
        quote_id,
        payment_id,
        credit_note_id,
        pay_link_id,
        notification_id: notification_id.expect("a notification"),
        session_id: session_id.expect("a session"),
        invitation_id,
    }
}

/// Everything stored about client B, as JSON, to compare before and after the attack.
async fn snapshot(app: &TestApp, client_id: Uuid) -> Value {
    #[derive(diesel::QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Jsonb)]
        data: Value,
    }
    app.with_conn(move |conn| {
        let mut all = serde_json::Map::new();
        for table in ["clients", "client_members", "projects", "milestones", "tasks", "comments", "tickets", "ticket_messages", "invitations", "documents", "quotes", "invoices", "payments", "credit_notes", "pay_links"] {
            let column = if table == "clients" { "id" } else { "client_id" };
            let sql = format!(
                "SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY to_jsonb(t)::text), '[]') AS data FROM {table} t WHERE {column} = '{client_id}'"
            );
            let row: Row = diesel::sql_query(sql).get_result(conn).expect("snapshot");
            all.insert(table.to_owned(), row.data);
        }
        Value::Object(all)
    })
    .await
}

/// A request that would succeed against the caller's own object: (URL, body).
fn attack(method: &str, path: &str, b: &ClientData) -> Option<(String, Value)> {
    let ticket = b.ticket_id;
    let (url, body) = match (method, path) {
        ("get", "/api/projects/{id}/") => (format!("/api/projects/{}/", b.project_id), Value::Null),
        ("patch", "/api/projects/{id}/") => (format!("/api/projects/{}/", b.project_id), json!({"name": "piraté"})),
        ("patch", "/api/milestones/{id}/") => {
            (format!("/api/milestones/{}/", b.milestone_id), json!({"title": "piraté"}))
        }
        ("get", "/api/milestones/{id}/") => (format!("/api/milestones/{}/", b.milestone_id), Value::Null),
        ("post", "/api/milestones/{id}/approve/") => {
            (format!("/api/milestones/{}/approve/", b.milestone_id), Value::Null)
        }
        ("post", "/api/milestones/{id}/request-changes/") => {
            (format!("/api/milestones/{}/request-changes/", b.milestone_id), json!({"comment": "piraté"}))
        }
        ("get", "/api/tasks/{id}/") => (format!("/api/tasks/{}/", b.task_id), Value::Null),
        ("patch", "/api/tasks/{id}/") => (format!("/api/tasks/{}/", b.task_id), json!({"status": "in_progress"})),
        ("get", "/api/tasks/{id}/comments/") => (format!("/api/tasks/{}/comments/", b.task_id), Value::Null),
        ("post", "/api/tasks/{id}/comments/") => {
            (format!("/api/tasks/{}/comments/", b.task_id), json!({"body": "piraté"}))
        }
        ("get", "/api/tickets/{id}/") => (format!("/api/tickets/{ticket}/"), Value::Null),
        ("patch", "/api/tickets/{id}/") => (format!("/api/tickets/{ticket}/"), json!({"status": "closed"})),
        ("get", "/api/tickets/{id}/messages/") => (format!("/api/tickets/{ticket}/messages/"), Value::Null),
        ("put", "/api/tickets/{id}/rating/") => (format!("/api/tickets/{ticket}/rating/"), json!({"score": 5})),
        ("post", "/api/tickets/{id}/messages/") => {
            (format!("/api/tickets/{ticket}/messages/"), json!({"body": "piraté"}))
        }
        ("get", "/api/documents/{id}/") => (format!("/api/documents/{}/", b.document_id), Value::Null),
        ("get", "/api/documents/{id}/download/") => {
            (format!("/api/documents/{}/download/", b.document_id), Value::Null)
        }
        ("post", "/api/documents/{id}/complete/") => {
            (format!("/api/documents/{}/complete/", b.document_id), Value::Null)
        }
        ("delete", "/api/documents/{id}/") => (format!("/api/documents/{}/", b.document_id), Value::Null),
        ("get", "/api/invoices/{id}/") => (format!("/api/invoices/{}/", b.invoice_id), Value::Null),
        ("patch", "/api/invoices/{id}/") => (format!("/api/invoices/{}/", b.invoice_id), json!({"title": "piraté"})),
        ("post", "/api/invoices/{id}/send/") => (format!("/api/invoices/{}/send/", b.invoice_id), Value::Null),
        ("post", "/api/invoices/{id}/cancel/") => {
            (format!("/api/invoices/{}/cancel/", b.invoice_id), json!({"reason": "piraté"}))
        }
        ("get", "/api/invoices/{id}/pdf/") => (format!("/api/invoices/{}/pdf/", b.invoice_id), Value::Null),
        ("get", "/api/quotes/{id}/") => (format!("/api/quotes/{}/", b.quote_id), Value::Null),
        ("patch", "/api/quotes/{id}/") => (format!("/api/quotes/{}/", b.quote_id), json!({"title": "piraté"})),
        ("post", "/api/quotes/{id}/send/") => (format!("/api/quotes/{}/send/", b.quote_id), Value::Null),
        ("post", "/api/quotes/{id}/accept/") => (format!("/api/quotes/{}/accept/", b.quote_id), Value::Null),
        ("post", "/api/quotes/{id}/decline/") => (format!("/api/quotes/{}/decline/", b.quote_id), json!({})),
        ("post", "/api/quotes/{id}/invoice/") => (format!("/api/quotes/{}/invoice/", b.quote_id), Value::Null),
        ("get", "/api/quotes/{id}/pdf/") => (format!("/api/quotes/{}/pdf/", b.quote_id), Value::Null),
        ("get", "/api/payments/{id}/") => (format!("/api/payments/{}/", b.payment_id), Value::Null),
        ("get", "/api/payments/{id}/status/") => (format!("/api/payments/{}/status/", b.payment_id), Value::Null),
        ("get", "/api/payments/{id}/receipt/") => (format!("/api/payments/{}/receipt/", b.payment_id), Value::Null),
        ("get", "/api/payments/{id}/journal/") => (format!("/api/payments/{}/journal/", b.payment_id), Value::Null),
        ("post", "/api/payments/{id}/recheck/") => (format!("/api/payments/{}/recheck/", b.payment_id), Value::Null),
        ("post", "/api/payments/{id}/resolve/") => (
            format!("/api/payments/{}/resolve/", b.payment_id),
            json!({"action": "refunded_outside", "reason": "piraté"}),
        ),
        ("post", "/api/payments/{id}/void/") => {
            (format!("/api/payments/{}/void/", b.payment_id), json!({"reason": "piraté"}))
        }
        ("put", "/api/payments/{id}/proof/") => {
            (format!("/api/payments/{}/proof/?filename=x.pdf", b.payment_id), json!("%PDF-1.4"))
        }
        ("get", "/api/payments/{id}/proof/") => (format!("/api/payments/{}/proof/", b.payment_id), Value::Null),
        ("get", "/api/invoices/{id}/credit-notes/") => {
            (format!("/api/invoices/{}/credit-notes/", b.invoice_id), Value::Null)
        }
        ("post", "/api/invoices/{id}/credit-notes/") => {
            (format!("/api/invoices/{}/credit-notes/", b.invoice_id), json!({"reason": "piraté"}))
        }
        ("get", "/api/invoices/{id}/pay-links/") => (format!("/api/invoices/{}/pay-links/", b.invoice_id), Value::Null),
        ("post", "/api/invoices/{id}/pay-links/") => (format!("/api/invoices/{}/pay-links/", b.invoice_id), json!({})),
        ("post", "/api/pay-links/{id}/revoke/") => (format!("/api/pay-links/{}/revoke/", b.pay_link_id), Value::Null),
        ("get", "/api/invoices/{id}/reminders/") => (format!("/api/invoices/{}/reminders/", b.invoice_id), Value::Null),
        ("post", "/api/invoices/{id}/remind/") => (format!("/api/invoices/{}/remind/", b.invoice_id), Value::Null),
        ("post", "/api/invoices/{id}/duplicate/") => {
            (format!("/api/invoices/{}/duplicate/", b.invoice_id), Value::Null)
        }
        ("post", "/api/quotes/{id}/deposit-invoice/") => {
            (format!("/api/quotes/{}/deposit-invoice/", b.quote_id), json!({"percent": 30}))
        }
        ("post", "/api/quotes/{id}/duplicate/") => (format!("/api/quotes/{}/duplicate/", b.quote_id), Value::Null),
        ("get", "/api/credit-notes/{id}/pdf/") => (format!("/api/credit-notes/{}/pdf/", b.credit_note_id), Value::Null),
        ("delete", "/api/me/sessions/{id}/") => (format!("/api/me/sessions/{}/", b.session_id), Value::Null),
        ("post", "/api/notifications/{id}/read/") => {
            (format!("/api/notifications/{}/read/", b.notification_id), Value::Null)
        }
        ("get", "/api/clients/{id}/") => (format!("/api/clients/{}/", b.client_id()), Value::Null),
        ("patch", "/api/clients/{id}/") => (format!("/api/clients/{}/", b.client_id()), json!({"name": "piraté"})),
        ("get", "/api/clients/{id}/members/") => (format!("/api/clients/{}/members/", b.client_id()), Value::Null),
        ("get", "/api/clients/{id}/statement/") => (format!("/api/clients/{}/statement/", b.client_id()), Value::Null),
        ("get", "/api/clients/{id}/statement/pdf/") => {
            (format!("/api/clients/{}/statement/pdf/", b.client_id()), Value::Null)
        }
        ("get", "/api/clients/{id}/storage/") => (format!("/api/clients/{}/storage/", b.client_id()), Value::Null),
        ("post", "/api/clients/{id}/members/") => {
            (format!("/api/clients/{}/members/", b.client_id()), json!({"email": "pirate@evil.ci", "role": "owner"}))
        }
        ("patch", "/api/clients/{id}/members/{user_id}/") => {
            (format!("/api/clients/{}/members/{}/", b.client_id(), b.tenant.owner.id), json!({"role": "viewer"}))
        }
        ("delete", "/api/clients/{id}/members/{user_id}/") => {
            (format!("/api/clients/{}/members/{}/", b.client_id(), b.tenant.owner.id), Value::Null)
        }
        ("delete", "/api/clients/{id}/") => (format!("/api/clients/{}/", b.client_id()), Value::Null),
        ("post", "/api/clients/{id}/archive/") => (format!("/api/clients/{}/archive/", b.client_id()), json!({})),
        ("post", "/api/clients/{id}/restore/") => (format!("/api/clients/{}/restore/", b.client_id()), json!({})),
        ("get", "/api/clients/{id}/invitations/") => {
            (format!("/api/clients/{}/invitations/", b.client_id()), Value::Null)
        }
        ("post", "/api/clients/{id}/invitations/{invitation_id}/resend/") => {
            (format!("/api/clients/{}/invitations/{}/resend/", b.client_id(), b.invitation_id), json!({}))
        }
        ("delete", "/api/clients/{id}/invitations/{invitation_id}/") => {
            (format!("/api/clients/{}/invitations/{}/", b.client_id(), b.invitation_id), Value::Null)
        }
        _ => return None,
    };
    Some((url, body))
}

/// Routes with an id that are not client-owned data (admin back-office: 403 to clients, tested
/// elsewhere; the local storage's signed URLs, authorized by their signature: tested in `storage`).
/// Not client-scoped by the session: the back-office, the storage's signed URLs, the pay
/// links' pages (authorized by the link's token, checked in `billing_desk`), and the agency's
/// public branding (the same for everyone, checked in `settings`).
fn exempt(path: &str) -> bool {
    path.starts_with("/api/admin/")
        || path.starts_with("/api/storage/")
        || path.starts_with("/api/public/")
        || path.starts_with("/api/branding/")
}

async fn send(client: &TestClient, method: &str, url: &str, body: &Value) -> nourx_testkit::TestResponse {
    let method = Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
    let request = client.request(method, url);
    if body.is_null() { request.send().await } else { request.json(body).send().await }
}

#[actix_web::test]
async fn every_route_with_an_id_answers_404_for_another_clients_object() {
    let app = TestApp::new().await;
    let a = client_data(&app, "alpha").await;
    let b = client_data(&app, "beta").await;
    let attacker = app.owner(&a.tenant).await;
    let before = snapshot(&app, b.client_id()).await;

    let document: Value = serde_json::from_str(&nourx_api::openapi().to_json().expect("json")).expect("document");
    let mut covered = 0;
    let mut missing = Vec::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        if !path.contains('{') || exempt(path) {
            continue;
        }
        for method in item.as_object().expect("item").keys() {
            let Some((url, body)) = attack(method, path, &b) else {
                missing.push(format!("{method} {path}"));
                continue;
            };
            let response = send(&attacker, method, &url, &body).await;
            // The same request on a random id: a missing object.
            let random_url = url
                .replace(&b.project_id.to_string(), &Uuid::new_v4().to_string())
                .replace(&b.milestone_id.to_string(), &Uuid::new_v4().to_string())
                .replace(&b.task_id.to_string(), &Uuid::new_v4().to_string())
                .replace(&b.client_id().to_string(), &Uuid::new_v4().to_string())
                .replace(&b.document_id.to_string(), &Uuid::new_v4().to_string())
                .replace(&b.invoice_id.to_string(), &Uuid::new_v4().to_string())
                .replace(&b.quote_id.to_string(), &Uuid::new_v4().to_string())
                .replace(&b.payment_id.to_string(), &Uuid::new_v4().to_string())
                .replace(&b.credit_note_id.to_string(), &Uuid::new_v4().to_string())
                .replace(&b.pay_link_id.to_string(), &Uuid::new_v4().to_string())
                .replace(&b.notification_id.to_string(), &Uuid::new_v4().to_string())
                .replace(&b.session_id.to_string(), &Uuid::new_v4().to_string())
                .replace(&b.invitation_id.to_string(), &Uuid::new_v4().to_string())
                .replace(&b.ticket_id.to_string(), &Uuid::new_v4().to_string());
            let missing_response = send(&attacker, method, &random_url, &body).await;
            let response = response.assert_status(404);
            assert_eq!(response.body, missing_response.body, "{method} {path}: same body as a missing id");
            covered += 1;
        }
    }
    assert!(missing.is_empty(), "routes missing from the isolation matrix: {missing:?}");
    assert!(covered >= 6, "only {covered} routes checked");
    assert_eq!(before, snapshot(&app, b.client_id()).await, "client B's data must be unchanged");
}

#[actix_web::test]
async fn list_routes_never_show_another_clients_rows() {
    let app = TestApp::new().await;
    let a = client_data(&app, "alpha").await;
    let b = client_data(&app, "beta").await;
    let reader = app.owner(&a.tenant).await;

    let document: Value = serde_json::from_str(&nourx_api::openapi().to_json().expect("json")).expect("document");
    // Not lists (`/api/invoices/summary/` is checked below).
    let not_client_data = [
        "/api/auth/csrf/",
        "/api/me/",
        // The caller's own sessions and two-factor state (their isolation: `DELETE /api/me/sessions/{id}/` above).
        "/api/me/sessions/",
        "/api/me/two-factor/",
        // The caller's own notification choices.
        "/api/me/notification-preferences/",
        "/api/health/",
        "/api/ready/",
        "/api/invoices/summary/",
        // CinetPay's ping and the payer's return: no data.
        "/api/payments/webhook/",
        "/api/payments/return/",
        // An endless stream: its isolation over every event kind is in `events.rs`.
        "/api/events/",
    ];
    let mut checked = BTreeMap::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        if path.contains('{') || item.get("get").is_none() || exempt(path) || not_client_data.contains(&path.as_str()) {
            continue;
        }
        let filters = [
            String::new(),
            format!("?client={}", b.client_id()),
            format!("?project={}", b.project_id),
            "?search=beta".to_owned(),
            format!("?client={}&search=beta&page_size=100", b.client_id()),
        ];
        for filter in &filters {
            let response = reader.get(&format!("{path}{filter}")).await.assert_status(200);
            for row in response.results() {
                let owner = row.get("client_id").or_else(|| row.get("id")).and_then(Value::as_str).unwrap_or("");
                assert_ne!(owner, b.client_id().to_string(), "GET {path}{filter} leaked {row}");
            }
        }
        // The reader does see their own rows, so the check above is not vacuous.
        let own = reader.get(&format!("{path}?page_size=100")).await;
        assert!(
            own.body["results"].as_array().is_some_and(|r| !r.is_empty()),
            "GET {path} shows nothing even to the owner: {}",
            own.text
        );
        checked.insert(path.clone(), true);
    }
    for expected in ["/api/projects/", "/api/milestones/", "/api/tasks/", "/api/invoices/", "/api/quotes/"] {
        assert!(checked.contains_key(expected), "{expected} not checked");
    }
    // What is left to pay counts the reader's own invoice only: 118 000 less 50 000 paid and a
    // credit note of 1 000.
    let summary = reader.get("/api/invoices/summary/").await;
    assert_eq!(
        summary.body["outstanding"],
        json!([{"currency": "XOF", "amount": 67_000, "count": 1}]),
        "{}",
        summary.text
    );
    assert_eq!(summary.body["next_due"]["client_id"], a.client_id().to_string());
    let foreign = reader.get(&format!("/api/invoices/summary/?client={}", b.client_id())).await;
    assert_eq!(foreign.body["outstanding"], json!([]), "{}", foreign.text);
    assert_eq!(foreign.body["next_due"], Value::Null);
}
