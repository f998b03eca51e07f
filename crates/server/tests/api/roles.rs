//! The role matrix, generated from the route table: viewer, member, owner and NOURX staff
//! against every write route, each answering its documented status. A write route missing
//! from the table below fails the test.

use nourx_testkit::{
    Actor, DocumentBuilder, InvoiceBuilder, MemberRole, MilestoneBuilder, ProjectBuilder, QuoteBuilder, TaskBuilder,
    TestApp, TicketBuilder,
};
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

/// One client's space, fresh for each role so that one role's writes cannot change another's outcome.
struct World {
    client_id: Uuid,
    project_id: Uuid,
    milestone_id: Uuid,
    task_id: Uuid,
    ticket_id: Uuid,
    /// Uploaded by NOURX staff and not completed yet (a pending upload is its uploader's alone).
    pending_document_id: Uuid,
    /// Uploaded by NOURX staff, ready.
    document_id: Uuid,
    target_member: Uuid,
    removable_member: Uuid,
    target_user: Uuid,
    /// Quotes and invoices made by staff: drafts (invisible to client people), sent, accepted.
    draft_invoice: Uuid,
    unsent_invoice: Uuid,
    sent_invoice: Uuid,
    draft_quote: Uuid,
    unsent_quote: Uuid,
    sent_quote: Uuid,
    other_sent_quote: Uuid,
    accepted_quote: Uuid,
    /// A background job that gave up.
    dead_job: Uuid,
}

/// A quote or an invoice of one line "Prestation" of 50 000 made by NOURX staff.
fn invoice(client_id: Uuid) -> InvoiceBuilder {
    InvoiceBuilder::new(&client_id).line("Prestation", 1, 50_000)
}

fn quote(client_id: Uuid) -> QuoteBuilder {
    QuoteBuilder::new(&client_id).line("Prestation", 1, 50_000)
}

/// A background job that gave up (its kind has no handler).
async fn dead_job(app: &TestApp) -> Uuid {
    let id = Uuid::now_v7();
    app.sql(format!("INSERT INTO jobs (id, kind, payload, status) VALUES ('{id}', 'test.dead', '{{}}', 'dead')")).await;
    id
}

/// A client's space built by NOURX staff, and a person of `role` in it ("admin": that staff member).
async fn world(app: &TestApp, role: &'static str) -> (World, Actor) {
    let tenant = app.tenant().await;
    let c = tenant.id;
    let project_id = ProjectBuilder::new(&tenant).name("Projet").build(app).await.id;
    let caller = match role {
        "admin" => app.kit_staff().await.clone(),
        "owner" => app.owner(&tenant).await,
        other => app.member(&tenant, MemberRole::parse(other).expect("a member role")).await,
    };
    let world = World {
        client_id: c,
        project_id,
        milestone_id: MilestoneBuilder::new(project_id).build(app).await.id,
        task_id: TaskBuilder::new(project_id).build(app).await.id,
        ticket_id: TicketBuilder::new(&tenant).build(app).await.id,
        pending_document_id: DocumentBuilder::new(project_id).pending().build(app).await.id,
        document_id: DocumentBuilder::new(project_id).build(app).await.id,
        target_member: app.member_of(c, MemberRole::Member).await.id,
        removable_member: app.member_of(c, MemberRole::Member).await.id,
        target_user: app.client_user().await.id,
        draft_invoice: invoice(c).build(app).await.id,
        unsent_invoice: invoice(c).build(app).await.id,
        sent_invoice: invoice(c).sent().build(app).await.id,
        draft_quote: quote(c).build(app).await.id,
        unsent_quote: quote(c).build(app).await.id,
        sent_quote: quote(c).sent().build(app).await.id,
        other_sent_quote: quote(c).sent().build(app).await.id,
        accepted_quote: quote(c).accepted().build(app).await.id,
        dead_job: dead_job(app).await,
    };
    (world, caller)
}

/// (number of audit rows, actor of the newest one).
async fn audit_state(app: &TestApp) -> (i64, Option<Uuid>) {
    #[derive(diesel::QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
        #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Uuid>)]
        actor: Option<Uuid>,
    }
    let row: Row = app
        .with_conn(|conn| {
            use diesel::RunQueryDsl;
            diesel::sql_query(
                "SELECT (SELECT count(*) FROM audit_log) AS n, (SELECT actor_id FROM audit_log ORDER BY id DESC LIMIT 1) AS actor",
            )
            .get_result(conn)
            .expect("audit state")
        })
        .await;
    (row.n, row.actor)
}

/// (method, path template) → (url, body, [viewer, member, owner, admin] statuses).
fn case(method: &str, path: &str, w: &World) -> Option<(String, Value, [u16; 4])> {
    let c = w.client_id;
    Some(match (method, path) {
        ("post", "/api/projects/") => {
            ("/api/projects/".into(), json!({"client_id": c, "name": "P"}), [403, 403, 403, 201])
        }
        ("patch", "/api/projects/{id}/") => {
            (format!("/api/projects/{}/", w.project_id), json!({"name": "Q"}), [403, 403, 403, 200])
        }
        ("post", "/api/milestones/") => {
            ("/api/milestones/".into(), json!({"project_id": w.project_id, "title": "J"}), [403, 403, 403, 201])
        }
        ("patch", "/api/milestones/{id}/") => {
            (format!("/api/milestones/{}/", w.milestone_id), json!({"title": "K"}), [403, 403, 403, 200])
        }
        ("post", "/api/tasks/") => {
            ("/api/tasks/".into(), json!({"project_id": w.project_id, "title": "T"}), [403, 403, 403, 201])
        }
        // Not assigned to the caller: only staff may move it.
        ("patch", "/api/tasks/{id}/") => {
            (format!("/api/tasks/{}/", w.task_id), json!({"status": "in_progress"}), [403, 403, 403, 200])
        }
        ("post", "/api/tasks/{id}/comments/") => {
            (format!("/api/tasks/{}/comments/", w.task_id), json!({"body": "c"}), [403, 201, 201, 201])
        }
        ("post", "/api/clients/") => {
            ("/api/clients/".into(), json!({"name": format!("Société {}", Uuid::new_v4())}), [403, 403, 403, 201])
        }
        ("patch", "/api/clients/{id}/") => {
            (format!("/api/clients/{c}/"), json!({"city": "Bouaké"}), [403, 403, 200, 200])
        }
        ("post", "/api/clients/{id}/members/") => (
            format!("/api/clients/{c}/members/"),
            json!({"email": format!("{}@invite.ci", Uuid::new_v4().simple()), "role": "member"}),
            [403, 403, 201, 201],
        ),
        ("patch", "/api/clients/{id}/members/{user_id}/") => {
            (format!("/api/clients/{c}/members/{}/", w.target_member), json!({"role": "viewer"}), [403, 403, 200, 200])
        }
        ("delete", "/api/clients/{id}/members/{user_id}/") => {
            (format!("/api/clients/{c}/members/{}/", w.removable_member), Value::Null, [403, 403, 204, 204])
        }
        ("post", "/api/tickets/") => {
            ("/api/tickets/".into(), json!({"client_id": c, "subject": "S", "message": "M"}), [403, 201, 201, 201])
        }
        ("patch", "/api/tickets/{id}/") => {
            (format!("/api/tickets/{}/", w.ticket_id), json!({"priority": "high"}), [403, 403, 403, 200])
        }
        ("post", "/api/tickets/{id}/messages/") => {
            (format!("/api/tickets/{}/messages/", w.ticket_id), json!({"body": "m"}), [403, 201, 201, 201])
        }
        ("post", "/api/uploads/presign/") => (
            "/api/uploads/presign/".into(),
            json!({"project_id": w.project_id, "filename": "f.txt", "size": 5, "content_type": "text/plain"}),
            [403, 201, 201, 201],
        ),
        // Another person's pending upload does not exist for client people.
        ("post", "/api/documents/{id}/complete/") => {
            (format!("/api/documents/{}/complete/", w.pending_document_id), Value::Null, [404, 404, 404, 200])
        }
        // Uploaded by staff: client people see it but may delete only their own uploads.
        ("delete", "/api/documents/{id}/") => {
            (format!("/api/documents/{}/", w.document_id), Value::Null, [403, 403, 403, 204])
        }
        ("post", "/api/invoices/") => (
            "/api/invoices/".into(),
            json!({"client_id": c, "items": [{"label": "L", "quantity": 1, "unit_price": 10}]}),
            [403, 403, 403, 201],
        ),
        // Drafts do not exist for client people.
        ("patch", "/api/invoices/{id}/") => {
            (format!("/api/invoices/{}/", w.draft_invoice), json!({"title": "Titre"}), [404, 404, 404, 200])
        }
        ("post", "/api/invoices/{id}/send/") => {
            (format!("/api/invoices/{}/send/", w.unsent_invoice), Value::Null, [404, 404, 404, 200])
        }
        ("post", "/api/invoices/{id}/cancel/") => {
            (format!("/api/invoices/{}/cancel/", w.sent_invoice), json!({"reason": "Erreur"}), [403, 403, 403, 200])
        }
        ("post", "/api/quotes/") => (
            "/api/quotes/".into(),
            json!({"client_id": c, "items": [{"label": "L", "quantity": 1, "unit_price": 10}]}),
            [403, 403, 403, 201],
        ),
        ("patch", "/api/quotes/{id}/") => {
            (format!("/api/quotes/{}/", w.draft_quote), json!({"title": "Titre"}), [404, 404, 404, 200])
        }
        ("post", "/api/quotes/{id}/send/") => {
            (format!("/api/quotes/{}/send/", w.unsent_quote), Value::Null, [404, 404, 404, 200])
        }
        // A commitment of the client: its owners (or staff on their behalf).
        ("post", "/api/quotes/{id}/accept/") => {
            (format!("/api/quotes/{}/accept/", w.sent_quote), Value::Null, [403, 403, 200, 200])
        }
        ("post", "/api/quotes/{id}/decline/") => {
            (format!("/api/quotes/{}/decline/", w.other_sent_quote), json!({}), [403, 403, 200, 200])
        }
        ("post", "/api/quotes/{id}/invoice/") => {
            (format!("/api/quotes/{}/invoice/", w.accepted_quote), Value::Null, [403, 403, 403, 201])
        }
        // Paying is for the client's people who take part; NOURX staff record payments otherwise.
        ("post", "/api/payments/init/") => {
            ("/api/payments/init/".into(), json!({"invoice_id": w.sent_invoice}), [403, 201, 201, 403])
        }
        ("patch", "/api/admin/settings/payments/") => {
            ("/api/admin/settings/payments/".into(), json!({"min_instalment": 500}), [403, 403, 403, 200])
        }
        ("post", "/api/admin/jobs/{id}/retry/") => {
            (format!("/api/admin/jobs/{}/retry/", w.dead_job), Value::Null, [403, 403, 403, 200])
        }
        ("post", "/api/admin/users/{id}/two-factor/reset/") => {
            (format!("/api/admin/users/{}/two-factor/reset/", w.target_user), Value::Null, [403, 403, 403, 204])
        }
        ("patch", "/api/admin/users/{id}/") => {
            (format!("/api/admin/users/{}/", w.target_user), json!({"is_active": false}), [403, 403, 403, 200])
        }
        _ => return None,
    })
}

/// Write routes that are not about a client's space: the caller's own account and notifications,
/// the auth flows, the local storage's upload URL (authorized by its signature, not by a role),
/// and CinetPay's calls.
fn outside_the_matrix(path: &str) -> bool {
    path.starts_with("/api/auth/")
        || path.starts_with("/api/me/")
        || path.starts_with("/api/storage/")
        // The person's own notifications, like `/api/me/`.
        || path.starts_with("/api/notifications/")
        // CinetPay's calls: authorized by the HMAC token (webhook), or changing nothing (return).
        || path == "/api/payments/webhook/"
        || path == "/api/payments/return/"
}

#[actix_web::test]
async fn every_write_route_answers_each_role_as_documented() {
    let app = TestApp::new().await;
    // Staff retry the dead job of each world: its kind has no handler, so it stays queued.
    app.leave_jobs_queued();
    let document: Value = serde_json::from_str(&nourx_api::openapi().to_json().expect("json")).expect("document");
    let mut routes = Vec::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("item").keys() {
            if method != "get" && !outside_the_matrix(path) {
                routes.push((method.clone(), path.clone()));
            }
        }
    }
    assert!(routes.len() >= 15, "{routes:?}");
    for (index, role) in ["viewer", "member", "owner", "admin"].into_iter().enumerate() {
        let (world, caller) = world(&app, role).await;
        let caller_id = caller.id();
        for (method, path) in &routes {
            let (url, body, expected) =
                case(method, path, &world).unwrap_or_else(|| panic!("{method} {path} is missing from the role matrix"));
            let request = caller.request(Method::from_bytes(method.to_uppercase().as_bytes()).expect("method"), &url);
            let (rows_before, _) = audit_state(&app).await;
            let response = if body.is_null() { request.send().await } else { request.json(&body).send().await };
            assert_eq!(response.status, expected[index], "{role} {method} {path}: {}", response.text);
            // A write that succeeded leaves exactly one audit row, by its caller; a refused one none.
            let (rows_after, actor) = audit_state(&app).await;
            if response.status < 300 {
                assert_eq!(rows_after, rows_before + 1, "{role} {method} {path}: one audit row");
                assert_eq!(actor, Some(caller_id), "{role} {method} {path}: audit actor");
            } else {
                assert_eq!(rows_after, rows_before, "{role} {method} {path}: no audit row for a refusal");
            }
        }
    }
}

/// The back-office's read routes without an id (generated from the route table): 403 to every
/// person of a client, 200 to NOURX staff.
#[actix_web::test]
async fn every_admin_read_route_is_for_nourx_staff_only() {
    let app = TestApp::new().await;
    let document: Value = serde_json::from_str(&nourx_api::openapi().to_json().expect("json")).expect("document");
    let routes: Vec<String> = document["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .filter(|(path, item)| path.starts_with("/api/admin/") && !path.contains('{') && item.get("get").is_some())
        .map(|(path, _)| path.clone())
        .collect();
    for expected in ["/api/admin/kpis/", "/api/admin/users/"] {
        assert!(routes.iter().any(|path| path == expected), "{expected} not in {routes:?}");
    }
    let tenant = app.tenant().await;
    let people = [app.owner(&tenant).await, app.member(&tenant, MemberRole::Member).await, app.viewer(&tenant).await];
    let staff = app.kit_staff().await;
    for path in &routes {
        for person in &people {
            person.get(path).await.assert_error(403, "permission_denied");
        }
        // Routes that need a query (a search term) answer 400 without one, never 403.
        let status = staff.get(path).await.status;
        assert!(status == 200 || status == 400, "staff GET {path}: {status}");
    }
}
