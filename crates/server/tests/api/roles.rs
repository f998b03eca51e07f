//! The role matrix, generated from the route table: viewer, member, owner and NOURX staff
//! against every write route, each answering its documented status. A write route missing
//! from the table below fails the test.

use nourx_testkit::{MemberRole, TestApp, TestClient};
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

/// One client's space, fresh for each role so that one role's writes cannot change another's outcome.
struct World {
    client_id: Uuid,
    project_id: String,
    milestone_id: String,
    task_id: String,
    ticket_id: String,
    /// Uploaded by NOURX staff and not completed yet (a pending upload is its uploader's alone).
    pending_document_id: String,
    /// Uploaded by NOURX staff, ready.
    document_id: String,
    target_member: Uuid,
    removable_member: Uuid,
    target_user: Uuid,
    /// Quotes and invoices made by staff: drafts (invisible to client people), sent, accepted.
    draft_invoice: String,
    unsent_invoice: String,
    sent_invoice: String,
    draft_quote: String,
    unsent_quote: String,
    sent_quote: String,
    other_sent_quote: String,
    accepted_quote: String,
    /// A background job that gave up.
    dead_job: Uuid,
}

fn id(value: &Value) -> String {
    value["id"].as_str().unwrap_or_else(|| panic!("no id in {value}")).to_owned()
}

/// A draft quote or invoice (`kind`: quotes, invoices) made by `staff`, sent when `send`.
async fn billing_document(staff: &TestClient, kind: &str, client_id: Uuid, send: bool) -> String {
    let items = json!([{"label": "Prestation", "quantity": 1, "unit_price": 50_000}]);
    let draft = staff.post(&format!("/api/{kind}/"), &json!({"client_id": client_id, "items": items})).await;
    assert_eq!(draft.status, 201, "{}", draft.text);
    let document_id = id(&draft.body);
    if send {
        let sent = staff.post(&format!("/api/{kind}/{document_id}/send/"), &json!({})).await;
        assert_eq!(sent.status, 200, "{}", sent.text);
    }
    document_id
}

/// A document presigned by `staff` whose file is in the storage (as if a browser had sent it).
async fn uploaded_document(app: &TestApp, staff: &TestClient, project_id: &str) -> String {
    let body = json!({"project_id": project_id, "filename": "notes.txt", "size": 5, "content_type": "text/plain"});
    let presign = staff.post("/api/uploads/presign/", &body).await;
    assert_eq!(presign.status, 201, "{}", presign.text);
    let key = presign.body["fields"]["key"].as_str().expect("key");
    app.storage.put(key, b"Notes".to_vec(), "text/plain").await.expect("store the file");
    presign.body["document_id"].as_str().expect("document id").to_owned()
}

async fn world(app: &TestApp, staff: &TestClient, staff_id: Uuid, role: &'static str) -> (World, TestClient, Uuid) {
    let (client_id, owner) = app.client_with_owner().await;
    let project = staff.post("/api/projects/", &json!({"client_id": client_id, "name": "Projet"})).await;
    let project_id = id(&project.body);
    let milestone = staff.post("/api/milestones/", &json!({"project_id": project_id, "title": "Jalon"})).await;
    let task = staff.post("/api/tasks/", &json!({"project_id": project_id, "title": "Tâche"})).await;
    let ticket =
        staff.post("/api/tickets/", &json!({"client_id": client_id, "subject": "Sujet", "message": "Bonjour"})).await;
    assert_eq!(ticket.status, 201, "{}", ticket.text);
    let pending_document_id = uploaded_document(app, staff, &project_id).await;
    let document_id = uploaded_document(app, staff, &project_id).await;
    let completed = staff.request(Method::POST, &format!("/api/documents/{document_id}/complete/")).send().await;
    assert_eq!(completed.status, 200, "{}", completed.text);
    let target_member = app.member_of(client_id, MemberRole::Member).await.id;
    let removable_member = app.member_of(client_id, MemberRole::Member).await.id;
    let target_user = app.client_user().await.id;
    let accepted_quote = billing_document(staff, "quotes", client_id, true).await;
    let accepted = staff.post(&format!("/api/quotes/{accepted_quote}/accept/"), &json!({})).await;
    assert_eq!(accepted.status, 200, "{}", accepted.text);
    let (caller, caller_id) = match role {
        "admin" => (staff.clone(), staff_id),
        "owner" => (app.login(&owner).await, owner.id),
        other => {
            let user = app.member_of(client_id, MemberRole::parse(other).expect("a member role")).await;
            (app.login(&user).await, user.id)
        }
    };
    let world = World {
        client_id,
        project_id,
        milestone_id: id(&milestone.body),
        task_id: id(&task.body),
        ticket_id: id(&ticket.body),
        pending_document_id,
        document_id,
        target_member,
        removable_member,
        target_user,
        draft_invoice: billing_document(staff, "invoices", client_id, false).await,
        unsent_invoice: billing_document(staff, "invoices", client_id, false).await,
        sent_invoice: billing_document(staff, "invoices", client_id, true).await,
        draft_quote: billing_document(staff, "quotes", client_id, false).await,
        unsent_quote: billing_document(staff, "quotes", client_id, false).await,
        sent_quote: billing_document(staff, "quotes", client_id, true).await,
        other_sent_quote: billing_document(staff, "quotes", client_id, true).await,
        accepted_quote,
        dead_job: app
            .with_conn(|conn| {
                let id = nourx_db::jobs::enqueue(conn, &nourx_db::jobs::NewJob::new("test.dead", json!({})))
                    .expect("job")
                    .expect("new job");
                use diesel::prelude::*;
                use nourx_db::schema::jobs;
                diesel::update(jobs::table.find(id)).set(jobs::status.eq("dead")).execute(conn).expect("dead");
                id
            })
            .await,
    };
    (world, caller, caller_id)
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
    let admin = app.admin().await;
    let staff = app.login(&admin).await;
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
        let (world, caller, caller_id) = world(&app, &staff, admin.id, role).await;
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
