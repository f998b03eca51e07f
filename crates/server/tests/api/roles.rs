//! The role matrix, generated from the route table: viewer, member, owner, NOURX staff of the
//! `staff` role and admins against every write route, each answering its documented status, and
//! anonymous callers 401. A write route missing from the table below fails the test; so does a
//! back-office (`/api/admin/`) read route missing from the read table.

use nourx_testkit::{
    Actor, DocumentBuilder, InvoiceBuilder, MemberRole, MilestoneBuilder, OfflinePaymentBuilder, ProjectBuilder,
    QuoteBuilder, TaskBuilder, TestApp, TicketBuilder,
};
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

/// One client's space, fresh for each role so that one role's writes cannot change another's outcome.
struct World {
    client_id: Uuid,
    project_id: Uuid,
    milestone_id: Uuid,
    /// Two milestones submitted to the client (approving a billable one also writes its
    /// invoice's rows: see `delivery`).
    submitted_milestone: Uuid,
    other_submitted_milestone: Uuid,
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
    /// Another accepted quote, for its deposit invoice.
    deposit_quote: Uuid,
    /// Sent invoices for a credit note and for a payment recorded by hand.
    creditable_invoice: Uuid,
    payable_invoice: Uuid,
    /// A payment of 1 000 recorded by hand on `payable_invoice`.
    offline_payment: Uuid,
    /// A pay link to `payable_invoice`, made by NOURX staff.
    pay_link: Uuid,
    /// A monthly recurring invoice starting next month.
    recurring: Uuid,
    /// A background job that gave up.
    dead_job: Uuid,
    /// Two pending staff invitations sent by an admin: one to resend, one to revoke.
    staff_invitation: Uuid,
    revocable_staff_invitation: Uuid,
    /// A pending invitation into the client, sent by NOURX staff.
    invitation_id: Uuid,
    /// A saved filter of the caller's.
    saved_filter_id: Uuid,
    /// A ticket NOURX resolved (the client may rate it).
    resolved_ticket: Uuid,
    /// Two canned replies: one to change, one to delete.
    canned_reply: Uuid,
    deletable_canned_reply: Uuid,
    /// A public holiday far in the future, to remove.
    holiday: String,
    /// Prospects: one to change and move, one to delete, one with an email to convert.
    prospect: Uuid,
    deletable_prospect: Uuid,
    convertible_prospect: Uuid,
    /// Two empty open stages: one to change (and move prospects to), one to delete.
    stage: Uuid,
    deletable_stage: Uuid,
}

/// A prospect made by the kit's admin (with a unique email when `email`).
async fn a_prospect(app: &TestApp, email: bool) -> Uuid {
    let mut body = json!({"company": format!("Prospect {}", Uuid::new_v4())});
    if email {
        body["email"] = json!(format!("{}@prospect.ci", Uuid::new_v4().simple()));
    }
    app.kit_staff().await.post("/api/admin/prospects/", &body).await.assert_status(201).id()
}

/// An empty open stage with a unique name.
async fn a_stage(app: &TestApp) -> Uuid {
    let body = json!({"name": format!("Étape {}", &Uuid::new_v4().simple().to_string()[..8])});
    app.kit_staff().await.post("/api/admin/pipeline/stages/", &body).await.assert_status(201).id()
}

/// The English task-comment email, customised (so that admins have something to reset).
async fn customised_email_template(app: &TestApp) {
    app.kit_staff().await.put(EMAIL_TEMPLATE, &email_template_source()).await.assert_status(200);
}

const EMAIL_TEMPLATE: &str = "/api/admin/email-templates/task_comment/en/";

fn email_template_source() -> Value {
    json!({"subject": "Comment on {{ task_title }}", "text": "Hello {{ name }},\n\n{{ excerpt }}\n\n{{ task_url }}"})
}

/// A canned reply with a unique title.
async fn canned_reply(app: &TestApp) -> Uuid {
    let body =
        json!({"title": format!("R {}", Uuid::new_v4()), "body_fr": "Bonjour {{contact_name}}", "body_en": "Hello"});
    app.kit_staff().await.post("/api/admin/canned-replies/", &body).await.assert_status(201).id()
}

/// A public holiday on a day of the next century nobody else uses, and the client's own SLA policy.
async fn holiday_and_policy(app: &TestApp, client_id: Uuid) -> String {
    let offset = Uuid::new_v4().as_u128() % 30_000;
    let day =
        (chrono::NaiveDate::from_ymd_opt(2100, 1, 1).expect("a date") + chrono::Days::new(offset as u64)).to_string();
    let staff = app.kit_staff().await;
    staff.post("/api/admin/support/holidays/", &json!({"day": day, "name": "Fête"})).await.assert_status(201);
    let url = format!("/api/admin/support/sla-policies/clients/{client_id}/");
    staff.put(&url, &sla_policy()).await.assert_status(200);
    day
}

/// A valid SLA policy: business hours, paused while waiting.
fn sla_policy() -> Value {
    let targets =
        |first: u32, resolution: u32| json!({"first_response_minutes": first, "resolution_minutes": resolution});
    json!({"counting": "business_hours", "pause_while_waiting": true, "urgent": targets(60, 240),
        "high": targets(120, 480), "normal": targets(240, 1440), "low": targets(480, 2880)})
}

/// A whole, valid branding.
fn branding_body() -> Value {
    json!({"display_name": "NOURX", "legal_name": "NOURX SARL", "address_lines": ["Abidjan"],
        "payment_instructions_fr": [], "payment_instructions_en": [], "primary_color": "#0b4f6c"})
}

/// A quote or an invoice of one line "Prestation" of 50 000 made by NOURX staff.
fn invoice(client_id: Uuid) -> InvoiceBuilder {
    InvoiceBuilder::new(&client_id).line("Prestation", 1, 50_000)
}

fn quote(client_id: Uuid) -> QuoteBuilder {
    QuoteBuilder::new(&client_id).line("Prestation", 1, 50_000)
}

/// A monthly hosting retainer of `client_id`, first invoiced in a month.
fn recurring_template(client_id: Uuid) -> Value {
    let start = (chrono::Utc::now().date_naive() + chrono::Duration::days(30)).to_string();
    json!({"client_id": client_id, "items": [{"label": "Hébergement", "quantity": 1, "unit_price": 25_000}],
        "rhythm": "monthly", "start_date": start})
}

/// A background job that gave up (its kind has no handler).
async fn dead_job(app: &TestApp) -> Uuid {
    let id = Uuid::now_v7();
    app.sql(format!("INSERT INTO jobs (id, kind, payload, status) VALUES ('{id}', 'test.dead', '{{}}', 'dead')")).await;
    id
}

/// A pending staff invitation sent by the kit's admin.
async fn staff_invitation(app: &TestApp) -> Uuid {
    let email = format!("{}@team.nourx.ci", Uuid::new_v4().simple());
    let body = json!({"email": email, "full_name": "Invité", "role": "staff", "locale": "fr"});
    app.kit_staff().await.post("/api/admin/team/invitations/", &body).await.assert_status(201).id()
}

async fn pending_invitation(app: &TestApp, client_id: Uuid) -> Uuid {
    let body = json!({"email": format!("invite-{}@test.nourx.ci", Uuid::new_v4()), "role": "member"});
    app.kit_staff().await.post(&format!("/api/clients/{client_id}/members/"), &body).await.assert_status(201).id()
}

async fn saved_filter(app: &TestApp, user_id: Uuid) -> Uuid {
    let id = Uuid::now_v7();
    app.sql(format!(
        "INSERT INTO saved_filters (id, user_id, scope, name, query) VALUES ('{id}', '{user_id}', 'clients', 'F {id}', '')"
    ))
    .await;
    id
}

/// A client's space built by NOURX staff, and a person of `role` in it ("admin": that staff member;
/// "staff": a member of staff of the `staff` role; "anonymous": nobody logged in).
async fn world(app: &TestApp, role: &'static str) -> (World, Actor) {
    let tenant = app.tenant().await;
    let c = tenant.id;
    let project_id = ProjectBuilder::new(&tenant).name("Projet").build(app).await.id;
    let caller = match role {
        "admin" => app.kit_staff().await.clone(),
        "staff" => app.staff_member().await,
        "anonymous" => app.anonymous().await,
        "owner" => app.owner(&tenant).await,
        other => app.member(&tenant, MemberRole::parse(other).expect("a member role")).await,
    };
    let payable_invoice = invoice(c).sent().build(app).await.id;
    customised_email_template(app).await;
    let world = World {
        client_id: c,
        project_id,
        milestone_id: MilestoneBuilder::new(project_id).build(app).await.id,
        submitted_milestone: MilestoneBuilder::new(project_id).awaiting_approval().build(app).await.id,
        other_submitted_milestone: MilestoneBuilder::new(project_id).awaiting_approval().build(app).await.id,
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
        deposit_quote: quote(c).accepted().build(app).await.id,
        creditable_invoice: invoice(c).sent().build(app).await.id,
        payable_invoice,
        offline_payment: OfflinePaymentBuilder::new(payable_invoice).amount(1_000).build(app).await.id,
        recurring: app
            .kit_staff()
            .await
            .post("/api/admin/recurring-invoices/", &recurring_template(c))
            .await
            .assert_status(201)
            .id(),
        pay_link: app
            .kit_staff()
            .await
            .post(&format!("/api/invoices/{payable_invoice}/pay-links/"), &json!({}))
            .await
            .assert_status(201)
            .id(),
        dead_job: dead_job(app).await,
        staff_invitation: staff_invitation(app).await,
        revocable_staff_invitation: staff_invitation(app).await,
        invitation_id: pending_invitation(app, c).await,
        // The caller's own (nobody's when anonymous: then the tenant owner's, refused with 401 anyway).
        saved_filter_id: saved_filter(app, if role == "anonymous" { tenant.owner.id } else { caller.id() }).await,
        resolved_ticket: TicketBuilder::new(&tenant).resolved().build(app).await.id,
        canned_reply: canned_reply(app).await,
        deletable_canned_reply: canned_reply(app).await,
        holiday: holiday_and_policy(app, c).await,
        prospect: a_prospect(app, false).await,
        deletable_prospect: a_prospect(app, false).await,
        convertible_prospect: a_prospect(app, true).await,
        stage: a_stage(app).await,
        deletable_stage: a_stage(app).await,
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

/// The roles of the matrix, in the order of its status columns; anonymous callers get 401 everywhere.
const ROLES: [&str; 5] = ["viewer", "member", "owner", "staff", "admin"];

/// (method, path template) → (url, body, [viewer, member, owner, staff, admin] statuses).
fn case(method: &str, path: &str, w: &World) -> Option<(String, Value, [u16; 5])> {
    let c = w.client_id;
    Some(match (method, path) {
        ("post", "/api/projects/") => {
            ("/api/projects/".into(), json!({"client_id": c, "name": "P"}), [403, 403, 403, 201, 201])
        }
        ("patch", "/api/projects/{id}/") => {
            (format!("/api/projects/{}/", w.project_id), json!({"name": "Q"}), [403, 403, 403, 200, 200])
        }
        ("post", "/api/milestones/") => {
            ("/api/milestones/".into(), json!({"project_id": w.project_id, "title": "J"}), [403, 403, 403, 201, 201])
        }
        ("patch", "/api/milestones/{id}/") => {
            (format!("/api/milestones/{}/", w.milestone_id), json!({"title": "K"}), [403, 403, 403, 200, 200])
        }
        ("get", "/api/milestones/{id}/") => {
            (format!("/api/milestones/{}/", w.milestone_id), Value::Null, [200, 200, 200, 200, 200])
        }
        // The client's word: owners and members, never NOURX on their behalf.
        ("post", "/api/milestones/{id}/approve/") => {
            (format!("/api/milestones/{}/approve/", w.submitted_milestone), json!({}), [403, 200, 200, 403, 403])
        }
        ("post", "/api/milestones/{id}/request-changes/") => (
            format!("/api/milestones/{}/request-changes/", w.other_submitted_milestone),
            json!({"comment": "Le logo est trop petit."}),
            [403, 200, 200, 403, 403],
        ),
        ("post", "/api/tasks/assign/") => (
            "/api/tasks/assign/".into(),
            json!({"task_ids": [w.task_id], "assigned_to": w.target_member}),
            [403, 403, 403, 200, 200],
        ),
        ("post", "/api/tasks/") => {
            ("/api/tasks/".into(), json!({"project_id": w.project_id, "title": "T"}), [403, 403, 403, 201, 201])
        }
        // Not assigned to the caller: only staff may move it.
        ("patch", "/api/tasks/{id}/") => {
            (format!("/api/tasks/{}/", w.task_id), json!({"status": "in_progress"}), [403, 403, 403, 200, 200])
        }
        ("post", "/api/tasks/{id}/comments/") => {
            (format!("/api/tasks/{}/comments/", w.task_id), json!({"body": "c"}), [403, 201, 201, 201, 201])
        }
        ("post", "/api/clients/") => {
            ("/api/clients/".into(), json!({"name": format!("Société {}", Uuid::new_v4())}), [403, 403, 403, 201, 201])
        }
        ("patch", "/api/clients/{id}/") => {
            (format!("/api/clients/{c}/"), json!({"city": "Bouaké"}), [403, 403, 200, 200, 200])
        }
        // Archived before it is restored (the matrix runs the routes in path order).
        ("post", "/api/clients/{id}/archive/") => {
            (format!("/api/clients/{c}/archive/"), json!({}), [403, 403, 403, 200, 200])
        }
        ("post", "/api/clients/{id}/restore/") => {
            (format!("/api/clients/{c}/restore/"), json!({}), [403, 403, 403, 200, 200])
        }
        // The world has invoices and projects: only archived, never deleted.
        ("delete", "/api/clients/{id}/") => (format!("/api/clients/{c}/"), Value::Null, [403, 403, 403, 409, 409]),
        ("delete", "/api/clients/{id}/invitations/{invitation_id}/") => {
            (format!("/api/clients/{c}/invitations/{}/", w.invitation_id), Value::Null, [403, 403, 204, 204, 204])
        }
        ("post", "/api/clients/{id}/invitations/{invitation_id}/resend/") => {
            (format!("/api/clients/{c}/invitations/{}/resend/", w.invitation_id), json!({}), [403, 403, 200, 200, 200])
        }
        ("post", "/api/admin/saved-filters/") => (
            "/api/admin/saved-filters/".into(),
            json!({"scope": "clients", "name": format!("Filtre {}", Uuid::new_v4()), "query": "status=active"}),
            [403, 403, 403, 201, 201],
        ),
        ("delete", "/api/admin/saved-filters/{id}/") => {
            (format!("/api/admin/saved-filters/{}/", w.saved_filter_id), Value::Null, [403, 403, 403, 204, 204])
        }
        ("post", "/api/clients/{id}/members/") => (
            format!("/api/clients/{c}/members/"),
            json!({"email": format!("{}@invite.ci", Uuid::new_v4().simple()), "role": "member"}),
            [403, 403, 201, 201, 201],
        ),
        ("patch", "/api/clients/{id}/members/{user_id}/") => (
            format!("/api/clients/{c}/members/{}/", w.target_member),
            json!({"role": "viewer"}),
            [403, 403, 200, 200, 200],
        ),
        ("delete", "/api/clients/{id}/members/{user_id}/") => {
            (format!("/api/clients/{c}/members/{}/", w.removable_member), Value::Null, [403, 403, 204, 204, 204])
        }
        ("post", "/api/tickets/") => {
            ("/api/tickets/".into(), json!({"client_id": c, "subject": "S", "message": "M"}), [403, 201, 201, 201, 201])
        }
        ("patch", "/api/tickets/{id}/") => {
            (format!("/api/tickets/{}/", w.ticket_id), json!({"priority": "high"}), [403, 403, 403, 200, 200])
        }
        ("post", "/api/tickets/{id}/messages/") => {
            (format!("/api/tickets/{}/messages/", w.ticket_id), json!({"body": "m"}), [403, 201, 201, 201, 201])
        }
        ("post", "/api/uploads/presign/") => (
            "/api/uploads/presign/".into(),
            json!({"project_id": w.project_id, "filename": "f.txt", "size": 5, "content_type": "text/plain"}),
            [403, 201, 201, 201, 201],
        ),
        // Another person's pending upload does not exist for client people.
        ("post", "/api/documents/{id}/complete/") => {
            (format!("/api/documents/{}/complete/", w.pending_document_id), Value::Null, [404, 404, 404, 200, 200])
        }
        // Uploaded by staff: client people see it but may delete only their own uploads.
        ("delete", "/api/documents/{id}/") => {
            (format!("/api/documents/{}/", w.document_id), Value::Null, [403, 403, 403, 204, 204])
        }
        ("post", "/api/invoices/") => (
            "/api/invoices/".into(),
            json!({"client_id": c, "items": [{"label": "L", "quantity": 1, "unit_price": 10}]}),
            [403, 403, 403, 201, 201],
        ),
        // Drafts do not exist for client people.
        ("patch", "/api/invoices/{id}/") => {
            (format!("/api/invoices/{}/", w.draft_invoice), json!({"title": "Titre"}), [404, 404, 404, 200, 200])
        }
        ("post", "/api/invoices/{id}/send/") => {
            (format!("/api/invoices/{}/send/", w.unsent_invoice), Value::Null, [404, 404, 404, 200, 200])
        }
        ("post", "/api/invoices/{id}/cancel/") => (
            format!("/api/invoices/{}/cancel/", w.sent_invoice),
            json!({"reason": "Erreur"}),
            [403, 403, 403, 200, 200],
        ),
        ("post", "/api/quotes/") => (
            "/api/quotes/".into(),
            json!({"client_id": c, "items": [{"label": "L", "quantity": 1, "unit_price": 10}]}),
            [403, 403, 403, 201, 201],
        ),
        ("patch", "/api/quotes/{id}/") => {
            (format!("/api/quotes/{}/", w.draft_quote), json!({"title": "Titre"}), [404, 404, 404, 200, 200])
        }
        ("post", "/api/quotes/{id}/send/") => {
            (format!("/api/quotes/{}/send/", w.unsent_quote), Value::Null, [404, 404, 404, 200, 200])
        }
        // A commitment of the client: its owners (or staff on their behalf).
        ("post", "/api/quotes/{id}/accept/") => {
            (format!("/api/quotes/{}/accept/", w.sent_quote), Value::Null, [403, 403, 200, 200, 200])
        }
        ("post", "/api/quotes/{id}/decline/") => {
            (format!("/api/quotes/{}/decline/", w.other_sent_quote), json!({}), [403, 403, 200, 200, 200])
        }
        ("post", "/api/quotes/{id}/invoice/") => {
            (format!("/api/quotes/{}/invoice/", w.accepted_quote), Value::Null, [403, 403, 403, 201, 201])
        }
        ("post", "/api/quotes/{id}/duplicate/") => {
            (format!("/api/quotes/{}/duplicate/", w.accepted_quote), Value::Null, [403, 403, 403, 201, 201])
        }
        ("post", "/api/invoices/{id}/duplicate/") => {
            (format!("/api/invoices/{}/duplicate/", w.creditable_invoice), Value::Null, [403, 403, 403, 201, 201])
        }
        ("post", "/api/invoices/{id}/credit-notes/") => (
            format!("/api/invoices/{}/credit-notes/", w.creditable_invoice),
            json!({"amount": 1_000, "reason": "Geste commercial"}),
            [403, 403, 403, 201, 201],
        ),
        ("post", "/api/quotes/{id}/deposit-invoice/") => (
            format!("/api/quotes/{}/deposit-invoice/", w.deposit_quote),
            json!({"percent": 30}),
            [403, 403, 403, 201, 201],
        ),
        ("post", "/api/invoices/{id}/remind/") => {
            (format!("/api/invoices/{}/remind/", w.payable_invoice), Value::Null, [403, 403, 403, 201, 201])
        }
        ("post", "/api/invoices/bulk/") => (
            "/api/invoices/bulk/".into(),
            json!({"action": "remind", "ids": [w.creditable_invoice]}),
            [403, 403, 403, 200, 200],
        ),
        // Sharing an invoice for payment: who may pay it (not viewers), and NOURX staff.
        ("post", "/api/invoices/{id}/pay-links/") => {
            (format!("/api/invoices/{}/pay-links/", w.payable_invoice), json!({}), [403, 201, 201, 201, 201])
        }
        ("post", "/api/pay-links/{id}/revoke/") => {
            (format!("/api/pay-links/{}/revoke/", w.pay_link), Value::Null, [403, 200, 200, 200, 200])
        }
        ("post", "/api/admin/recurring-invoices/") => {
            ("/api/admin/recurring-invoices/".into(), recurring_template(c), [403, 403, 403, 201, 201])
        }
        ("patch", "/api/admin/recurring-invoices/{id}/") => (
            format!("/api/admin/recurring-invoices/{}/", w.recurring),
            recurring_template(c),
            [403, 403, 403, 200, 200],
        ),
        ("post", "/api/admin/recurring-invoices/{id}/status/") => (
            format!("/api/admin/recurring-invoices/{}/status/", w.recurring),
            json!({"status": "paused"}),
            [403, 403, 403, 200, 200],
        ),
        ("post", "/api/billing/price/") => (
            "/api/billing/price/".into(),
            json!({"items": [{"label": "L", "quantity": 1, "unit_price": 10}]}),
            [403, 403, 403, 200, 200],
        ),
        ("patch", "/api/admin/settings/billing/") => {
            ("/api/admin/settings/billing/".into(), json!({"default_due_days": 45}), [403, 403, 403, 403, 200])
        }
        // The email templates: admins alone.
        ("put", "/api/admin/email-templates/{key}/{locale}/") => {
            (EMAIL_TEMPLATE.into(), email_template_source(), [403, 403, 403, 403, 200])
        }
        ("delete", "/api/admin/email-templates/{key}/{locale}/") => {
            (EMAIL_TEMPLATE.into(), Value::Null, [403, 403, 403, 403, 204])
        }
        ("post", "/api/admin/email-templates/{key}/{locale}/preview/") => {
            (format!("{EMAIL_TEMPLATE}preview/"), email_template_source(), [403, 403, 403, 403, 200])
        }
        ("post", "/api/admin/email-templates/{key}/{locale}/test/") => {
            (format!("{EMAIL_TEMPLATE}test/"), json!({}), [403, 403, 403, 403, 202])
        }
        // NOURX staff record payments made outside the checkout; only admins take money off the books.
        ("post", "/api/payments/offline/") => (
            "/api/payments/offline/".into(),
            json!({"invoice_id": w.payable_invoice, "amount": 1_000, "method": "cash", "received_on": "2026-01-05"}),
            [403, 403, 403, 201, 201],
        ),
        ("post", "/api/payments/{id}/void/") => (
            format!("/api/payments/{}/void/", w.offline_payment),
            json!({"reason": "Erreur de saisie"}),
            [403, 403, 403, 403, 200],
        ),
        // Not open (recorded by hand): nothing to ask CinetPay, once past the role check.
        ("post", "/api/payments/{id}/recheck/") => {
            (format!("/api/payments/{}/recheck/", w.offline_payment), Value::Null, [403, 403, 403, 409, 409])
        }
        ("post", "/api/payments/{id}/resolve/") => (
            format!("/api/payments/{}/resolve/", w.offline_payment),
            json!({"action": "keep_flagged", "reason": "À voir"}),
            [403, 403, 403, 403, 409],
        ),
        // No statement in the body: refused once past the role check.
        ("post", "/api/admin/reconciliations/") => {
            ("/api/admin/reconciliations/?filename=releve.csv".into(), Value::Null, [403, 403, 403, 400, 400])
        }
        // No file in the body: refused once past the role check.
        ("put", "/api/payments/{id}/proof/") => (
            format!("/api/payments/{}/proof/?filename=preuve.pdf", w.offline_payment),
            Value::Null,
            [403, 403, 403, 400, 400],
        ),
        // Paying is for the client's people who take part; NOURX staff record payments otherwise.
        ("post", "/api/payments/init/") => {
            ("/api/payments/init/".into(), json!({"invoice_id": w.sent_invoice}), [403, 201, 201, 403, 403])
        }
        ("patch", "/api/admin/settings/payments/") => {
            ("/api/admin/settings/payments/".into(), json!({"min_instalment": 500}), [403, 403, 403, 403, 200])
        }
        // « Tester la connexion » against the test kit's CinetPay sandbox: stores nothing.
        ("post", "/api/admin/settings/payments/test/") => {
            ("/api/admin/settings/payments/test/".into(), Value::Null, [403, 403, 403, 403, 200])
        }
        // The branding: admins only.
        ("put", "/api/admin/settings/branding/") => {
            ("/api/admin/settings/branding/".into(), branding_body(), [403, 403, 403, 403, 200])
        }
        ("post", "/api/admin/settings/branding/logo/presign/") => (
            "/api/admin/settings/branding/logo/presign/".into(),
            json!({"content_type": "image/png", "size": 2_000}),
            [403, 403, 403, 403, 201],
        ),
        // No upload waits under this id: refused once past the role check (branding.rs sets logos).
        ("put", "/api/admin/settings/branding/logo/") => (
            "/api/admin/settings/branding/logo/".into(),
            json!({"upload_id": Uuid::now_v7()}),
            [403, 403, 403, 403, 400],
        ),
        ("delete", "/api/admin/settings/branding/logo/") => {
            ("/api/admin/settings/branding/logo/".into(), Value::Null, [403, 403, 403, 403, 200])
        }
        ("post", "/api/admin/jobs/{id}/retry/") => {
            (format!("/api/admin/jobs/{}/retry/", w.dead_job), Value::Null, [403, 403, 403, 200, 200])
        }
        ("post", "/api/admin/users/{id}/two-factor/reset/") => {
            (format!("/api/admin/users/{}/two-factor/reset/", w.target_user), Value::Null, [403, 403, 403, 204, 204])
        }
        ("patch", "/api/admin/users/{id}/") => {
            (format!("/api/admin/users/{}/", w.target_user), json!({"is_active": false}), [403, 403, 403, 200, 200])
        }
        // The client's say on the support: its owners and members rate a resolved ticket.
        ("put", "/api/tickets/{id}/rating/") => {
            (format!("/api/tickets/{}/rating/", w.resolved_ticket), json!({"score": 4}), [403, 200, 200, 403, 403])
        }
        ("post", "/api/admin/tickets/bulk/") => (
            "/api/admin/tickets/bulk/".into(),
            json!({"ids": [w.ticket_id], "priority": "high"}),
            [403, 403, 403, 200, 200],
        ),
        // The support desk's settings: admins; canned replies: every member of staff.
        ("put", "/api/admin/support/calendar/") => {
            let calendar = json!({"time_zone": "Africa/Abidjan", "week": [{"open": "08:00", "close": "18:00"}, null, null, null, null, null, null]});
            ("/api/admin/support/calendar/".into(), calendar, [403, 403, 403, 403, 200])
        }
        ("post", "/api/admin/support/holidays/") => {
            let body = json!({"day": w.holiday, "name": "Fête renommée"});
            ("/api/admin/support/holidays/".into(), body, [403, 403, 403, 403, 201])
        }
        ("delete", "/api/admin/support/holidays/{day}/") => {
            (format!("/api/admin/support/holidays/{}/", w.holiday), Value::Null, [403, 403, 403, 403, 204])
        }
        ("put", "/api/admin/support/sla-policies/default/") => {
            ("/api/admin/support/sla-policies/default/".into(), sla_policy(), [403, 403, 403, 403, 200])
        }
        ("put", "/api/admin/support/sla-policies/clients/{client_id}/") => {
            let url = format!("/api/admin/support/sla-policies/clients/{}/", w.client_id);
            (url, sla_policy(), [403, 403, 403, 403, 200])
        }
        ("delete", "/api/admin/support/sla-policies/clients/{client_id}/") => {
            let url = format!("/api/admin/support/sla-policies/clients/{}/", w.client_id);
            (url, Value::Null, [403, 403, 403, 403, 200])
        }
        ("post", "/api/admin/canned-replies/") => {
            let body = json!({"title": format!("T {}", Uuid::new_v4()), "body_fr": "Bonjour", "body_en": "Hello"});
            ("/api/admin/canned-replies/".into(), body, [403, 403, 403, 201, 201])
        }
        ("patch", "/api/admin/canned-replies/{id}/") => {
            let url = format!("/api/admin/canned-replies/{}/", w.canned_reply);
            (url, json!({"body_en": "Hi {{contact_name}}"}), [403, 403, 403, 200, 200])
        }
        ("delete", "/api/admin/canned-replies/{id}/") => {
            let url = format!("/api/admin/canned-replies/{}/", w.deletable_canned_reply);
            (url, Value::Null, [403, 403, 403, 204, 204])
        }
        // The pipeline: every member of staff works it; admins shape its stages.
        ("post", "/api/admin/pipeline/stages/") => {
            let body = json!({"name": format!("Nouvelle {}", &Uuid::new_v4().simple().to_string()[..8])});
            ("/api/admin/pipeline/stages/".into(), body, [403, 403, 403, 403, 201])
        }
        ("patch", "/api/admin/pipeline/stages/{id}/") => {
            (format!("/api/admin/pipeline/stages/{}/", w.stage), json!({"probability": 40}), [403, 403, 403, 403, 200])
        }
        ("delete", "/api/admin/pipeline/stages/{id}/") => {
            (format!("/api/admin/pipeline/stages/{}/", w.deletable_stage), Value::Null, [403, 403, 403, 403, 204])
        }
        ("post", "/api/admin/prospects/") => {
            ("/api/admin/prospects/".into(), json!({"company": "Nouveau prospect"}), [403, 403, 403, 201, 201])
        }
        ("patch", "/api/admin/prospects/{id}/") => (
            format!("/api/admin/prospects/{}/", w.prospect),
            json!({"estimated_value": 100_000}),
            [403, 403, 403, 200, 200],
        ),
        ("delete", "/api/admin/prospects/{id}/") => {
            (format!("/api/admin/prospects/{}/", w.deletable_prospect), Value::Null, [403, 403, 403, 204, 204])
        }
        ("post", "/api/admin/prospects/{id}/move/") => (
            format!("/api/admin/prospects/{}/move/", w.prospect),
            json!({"stage_id": w.stage}),
            [403, 403, 403, 200, 200],
        ),
        ("post", "/api/admin/prospects/{id}/activities/") => (
            format!("/api/admin/prospects/{}/activities/", w.prospect),
            json!({"kind": "call", "body": "Appel"}),
            [403, 403, 403, 201, 201],
        ),
        ("post", "/api/admin/prospects/{id}/quote-client/") => {
            (format!("/api/admin/prospects/{}/quote-client/", w.prospect), Value::Null, [403, 403, 403, 200, 200])
        }
        ("post", "/api/admin/prospects/{id}/convert/") => (
            format!("/api/admin/prospects/{}/convert/", w.convertible_prospect),
            Value::Null,
            [403, 403, 403, 200, 200],
        ),
        // No file in the body: refused once past the role check.
        ("post", "/api/admin/prospects/import/") => {
            ("/api/admin/prospects/import/".into(), Value::Null, [403, 403, 403, 400, 400])
        }
        // Team management: admins only.
        ("post", "/api/admin/team/invitations/") => (
            "/api/admin/team/invitations/".into(),
            json!({"email": format!("{}@team.nourx.ci", Uuid::new_v4().simple()), "full_name": "N", "role": "staff"}),
            [403, 403, 403, 403, 201],
        ),
        ("post", "/api/admin/team/invitations/{id}/resend/") => {
            let url = format!("/api/admin/team/invitations/{}/resend/", w.staff_invitation);
            (url, Value::Null, [403, 403, 403, 403, 200])
        }
        ("delete", "/api/admin/team/invitations/{id}/") => {
            let url = format!("/api/admin/team/invitations/{}/", w.revocable_staff_invitation);
            (url, Value::Null, [403, 403, 403, 403, 204])
        }
        _ => return None,
    })
}

/// Back-office read route (no path parameter) → [viewer, member, owner, staff, admin] statuses.
fn back_office_read(path: &str) -> Option<[u16; 5]> {
    Some(match path {
        "/api/admin/users/" | "/api/admin/audit-log/" | "/api/admin/emails/" | "/api/admin/jobs/" => {
            [403, 403, 403, 200, 200]
        }
        // Any member of staff may read the team; only admins manage it.
        "/api/admin/team/" => [403, 403, 403, 200, 200],
        "/api/admin/kpis/" | "/api/admin/alerts/" | "/api/admin/saved-filters/" => [403, 403, 403, 200, 200],
        "/api/admin/activity/" | "/api/admin/workload/" => [403, 403, 403, 200, 200],
        // A search needs its term: 400 without one, once past the role check.
        "/api/admin/search/" => [403, 403, 403, 400, 400],
        "/api/admin/settings/payments/" => [403, 403, 403, 403, 200],
        "/api/admin/email-templates/" => [403, 403, 403, 403, 200],
        "/api/admin/settings/branding/" | "/api/admin/settings/branding/sample-pdf/" => [403, 403, 403, 403, 200],
        // The editor reads the billing settings; only admins change them.
        "/api/admin/settings/billing/" => [403, 403, 403, 200, 200],
        "/api/admin/invoices/export/" | "/api/admin/invoices/totals/" => [403, 403, 403, 200, 200],
        "/api/admin/recurring-invoices/" => [403, 403, 403, 200, 200],
        "/api/admin/reconciliations/" | "/api/admin/payments/collected/" => [403, 403, 403, 200, 200],
        "/api/admin/canned-replies/" | "/api/admin/support/calendar/" | "/api/admin/support/holidays/" => {
            [403, 403, 403, 200, 200]
        }
        "/api/admin/support/sla-policies/" => [403, 403, 403, 200, 200],
        "/api/admin/pipeline/" | "/api/admin/pipeline/stages/" | "/api/admin/prospects/" => [403, 403, 403, 200, 200],
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
        // Pay links' pages: authorized by the link's token, not by a role (`billing_desk`); the
        // website's contact form: anyone's (`prospects`).
        || path.starts_with("/api/public/")
}

/// POST routes that compute an answer and store nothing (so leave no audit row).
const COMPUTES_ONLY: [&str; 3] =
    ["/api/billing/price/", "/api/admin/email-templates/{key}/{locale}/preview/", "/api/admin/settings/payments/test/"];

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
    for (index, role) in ROLES.into_iter().chain(["anonymous"]).enumerate() {
        let (world, caller) = world(&app, role).await;
        let caller_id = caller.id();
        for (method, path) in &routes {
            let (url, body, expected) =
                case(method, path, &world).unwrap_or_else(|| panic!("{method} {path} is missing from the role matrix"));
            let request = caller.request(Method::from_bytes(method.to_uppercase().as_bytes()).expect("method"), &url);
            let (rows_before, _) = audit_state(&app).await;
            let response = if body.is_null() { request.send().await } else { request.json(&body).send().await };
            let expected = expected.get(index).copied().unwrap_or(401);
            assert_eq!(response.status, expected, "{role} {method} {path}: {}", response.text);
            // A write that succeeded leaves exactly one audit row, by its caller; a refused one none.
            let (rows_after, actor) = audit_state(&app).await;
            if response.status < 300 && !COMPUTES_ONLY.contains(&path.as_str()) {
                assert_eq!(rows_after, rows_before + 1, "{role} {method} {path}: one audit row");
                assert_eq!(actor, Some(caller_id), "{role} {method} {path}: audit actor");
            } else {
                assert_eq!(rows_after, rows_before, "{role} {method} {path}: no audit row for a refusal");
            }
        }
    }
}

#[actix_web::test]
async fn every_back_office_read_route_answers_each_role_as_documented() {
    let app = TestApp::new().await;
    let document: Value = serde_json::from_str(&nourx_api::openapi().to_json().expect("json")).expect("document");
    let paths: Vec<String> = document["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .filter(|(path, item)| path.starts_with("/api/admin/") && !path.contains('{') && item.get("get").is_some())
        .map(|(path, _)| path.clone())
        .collect();
    assert!(paths.len() >= 6, "{paths:?}");
    for (index, role) in ROLES.into_iter().chain(["anonymous"]).enumerate() {
        let tenant = app.tenant().await;
        let caller = match role {
            "admin" => app.staff().await,
            "staff" => app.staff_member().await,
            "anonymous" => app.anonymous().await,
            "owner" => app.owner(&tenant).await,
            other => app.member(&tenant, MemberRole::parse(other).expect("a member role")).await,
        };
        for path in &paths {
            let expected =
                back_office_read(path).unwrap_or_else(|| panic!("GET {path} is missing from the read table"));
            let expected = expected.get(index).copied().unwrap_or(401);
            let response = caller.get(path).await;
            assert_eq!(response.status, expected, "{role} GET {path}: {}", response.text);
        }
    }
}
