//! Delivery in the back-office: milestones the client approves (and that bill on approval), the
//! requests for changes, internal tasks, the global board's order, bulk assignment and workload.

use futures_util::future::join_all;
use nourx_testkit::{MemberRole, MilestoneBuilder, ProjectBuilder, QuoteBuilder, TaskBuilder, TestApp};
use serde_json::json;

/// How many invoices a milestone's approval created.
async fn invoices_of_milestone(app: &TestApp, milestone_id: uuid::Uuid) -> i64 {
    app.count_where("invoices", format!("milestone_id = '{milestone_id}'")).await
}

#[actix_web::test]
async fn approving_a_billable_milestone_sends_its_invoice_once() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let project = ProjectBuilder::new(&tenant).name("Boutique en ligne").build(&app).await;
    let milestone =
        MilestoneBuilder::new(project.id).title("Maquettes").amount(250_000).awaiting_approval().build(&app).await;
    assert_eq!(milestone.body["status"], "awaiting_approval");
    // The owner heard of it, in the app and by email.
    let asked = app.last_email_to(&tenant.owner.email, "milestone_awaiting_approval").await;
    insta::assert_snapshot!("milestone_awaiting_approval_email", asked.redacted());
    let bell = owner.get("/api/notifications/").await;
    assert_eq!(bell.results()[0]["kind"], "milestone.awaiting_approval");

    let approved =
        owner.post(&format!("/api/milestones/{}/approve/", milestone.id), &json!({})).await.assert_status(200);
    assert_eq!(approved.body["milestone"]["status"], "done");
    assert_eq!(approved.body["milestone"]["approved_by_name"], tenant.owner.name.as_str());
    let invoice_id = approved.body["invoice_id"].as_str().expect("an invoice").to_owned();
    assert_eq!(approved.body["milestone"]["invoice_id"], invoice_id.as_str());
    // Sent at once, 18 % TVA on top, payable online.
    let invoice = owner.get(&format!("/api/invoices/{invoice_id}/")).await.assert_status(200);
    assert_eq!(invoice.body["status"], "sent");
    assert_eq!(invoice.body["total_ht"], 250_000);
    assert_eq!(invoice.body["total_ttc"], 295_000);
    assert_eq!(invoice.body["title"], "Boutique en ligne — Maquettes");
    assert!(invoice.body["number"].as_str().is_some_and(|n| n.starts_with("NX-")), "{}", invoice.text);
    app.last_email_to(&tenant.owner.email, "invoice_sent").await;

    let again = owner.post(&format!("/api/milestones/{}/approve/", milestone.id), &json!({})).await;
    insta::assert_json_snapshot!("milestone_already_approved", again.assert_error(409, "already_approved").snapshot());
    assert_eq!(invoices_of_milestone(&app, milestone.id).await, 1);
}

#[actix_web::test]
async fn two_approvals_at_once_create_one_invoice() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let member = app.member(&tenant, MemberRole::Member).await;
    let project = ProjectBuilder::new(&tenant).build(&app).await;
    let milestone = MilestoneBuilder::new(project.id).amount(100_000).awaiting_approval().build(&app).await;
    let path = format!("/api/milestones/{}/approve/", milestone.id);
    let body = json!({});
    let answers = join_all([owner.post(&path, &body), member.post(&path, &body)]).await;
    let mut statuses: Vec<u16> = answers.iter().map(|r| r.status).collect();
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409]);
    assert_eq!(invoices_of_milestone(&app, milestone.id).await, 1);
}

#[actix_web::test]
async fn a_request_for_changes_reopens_the_milestone_and_tells_its_manager() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let manager = app.staff_member().await;
    let staff = app.staff().await;
    let project = ProjectBuilder::new(&tenant).field("manager_id", manager.id().to_string()).build(&app).await;
    let milestone = MilestoneBuilder::new(project.id).title("Logo").awaiting_approval().build(&app).await;
    let path = format!("/api/milestones/{}/request-changes/", milestone.id);

    let blank = owner.post(&path, &json!({"comment": "  "})).await;
    insta::assert_json_snapshot!("change_request_without_comment", blank.assert_field_error("comment").snapshot());
    let changed = owner.post(&path, &json!({"comment": "Le logo doit être plus grand."})).await.assert_status(200);
    assert_eq!(changed.body["status"], "in_progress");
    assert_eq!(changed.body["change_request"]["comment"], "Le logo doit être plus grand.");
    assert_eq!(changed.body["change_request"]["requested_by_name"], tenant.owner.name.as_str());
    let told = app.last_email_to(&manager.user.email, "milestone_changes_requested").await;
    assert!(told.text.contains("Le logo doit être plus grand."), "{}", told.text);
    assert_eq!(manager.get("/api/notifications/").await.results()[0]["kind"], "milestone.changes_requested");
    // Approving now: nothing awaits approval.
    let early = owner.post(&format!("/api/milestones/{}/approve/", milestone.id), &json!({})).await;
    early.assert_error(409, "not_awaiting_approval");
    // Submitted again, the request is addressed.
    let again =
        staff.patch(&format!("/api/milestones/{}/", milestone.id), &json!({"status": "awaiting_approval"})).await;
    assert_eq!(again.assert_status(200).body["change_request"], serde_json::Value::Null);
}

#[actix_web::test]
async fn a_share_of_the_accepted_quote_bills_at_its_rate_and_is_frozen_once_submitted() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let staff = app.staff().await;
    let project = ProjectBuilder::new(&tenant).build(&app).await;
    let milestone =
        MilestoneBuilder::new(project.id).field("quote_percent", 30).field("status", "in_progress").build(&app).await;
    let path = format!("/api/milestones/{}/", milestone.id);
    let submit = json!({"status": "awaiting_approval"});
    staff.patch(&path, &submit).await.assert_error(409, "no_accepted_quote");

    QuoteBuilder::new(&tenant.id)
        .field("project_id", project.id.to_string())
        .line("Site", 2, 500_000)
        .accepted()
        .build(&app)
        .await;
    staff.patch(&path, &submit).await.assert_status(200);
    staff.patch(&path, &json!({"amount": 1})).await.assert_error(409, "billing_locked");
    let both =
        staff.patch(&format!("/api/milestones/{}/", milestone.id), &json!({"amount": 5, "quote_percent": 5})).await;
    both.assert_field_error("quote_percent");

    let approved =
        owner.post(&format!("/api/milestones/{}/approve/", milestone.id), &json!({})).await.assert_status(200);
    let invoice_id = approved.body["invoice_id"].as_str().expect("an invoice").to_owned();
    let invoice = owner.get(&format!("/api/invoices/{invoice_id}/")).await;
    assert_eq!(invoice.body["total_ht"], 300_000);
    assert_eq!(invoice.body["total_ttc"], 354_000);
}

#[actix_web::test]
async fn internal_tasks_stay_with_nourx() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let staff = app.staff().await;
    let project = ProjectBuilder::new(&tenant).build(&app).await;
    let shared = TaskBuilder::new(project.id).title("Partagée").build(&app).await;
    let internal = TaskBuilder::new(project.id).title("Marge").field("client_visible", false).build(&app).await;

    let seen = owner.get(&format!("/api/tasks/?project={}", project.id)).await;
    let titles: Vec<&str> = seen.results().iter().filter_map(|t| t["title"].as_str()).collect();
    assert_eq!(titles, ["Partagée"]);
    owner.get(&format!("/api/tasks/{}/", internal.id)).await.assert_status(404);
    owner.get(&format!("/api/tasks/{}/", shared.id)).await.assert_status(200);
    // Hidden later, gone for the client too.
    staff.patch(&format!("/api/tasks/{}/", shared.id), &json!({"client_visible": false})).await.assert_status(200);
    owner.get(&format!("/api/tasks/{}/", shared.id)).await.assert_status(404);
}

#[actix_web::test]
async fn the_global_board_orders_cards_across_projects() {
    let app = TestApp::new().await;
    let staff = app.staff().await;
    let (a, b) = (app.tenant().await, app.tenant().await);
    let pa = ProjectBuilder::new(&a).build(&app).await;
    let pb = ProjectBuilder::new(&b).build(&app).await;
    let one = TaskBuilder::new(pa.id).title("Un").build(&app).await;
    let two = TaskBuilder::new(pb.id).title("Deux").build(&app).await;
    let three = TaskBuilder::new(pa.id).title("Trois").build(&app).await;
    let column = |staff: &nourx_testkit::Actor| {
        let staff = staff.clone();
        async move {
            let page = staff.get("/api/tasks/?status=todo&ordering=board&page_size=100").await;
            page.results().iter().filter_map(|t| t["title"].as_str().map(str::to_owned)).collect::<Vec<_>>()
        }
    };
    let mine = |titles: Vec<String>| {
        titles.into_iter().filter(|t| ["Un", "Deux", "Trois"].contains(&t.as_str())).collect::<Vec<_>>()
    };
    assert_eq!(mine(column(&staff).await), ["Un", "Deux", "Trois"]);
    // Three above one: the top of the column.
    staff.patch(&format!("/api/tasks/{}/", three.id), &json!({"board_before": one.id})).await.assert_status(200);
    assert_eq!(mine(column(&staff).await), ["Trois", "Un", "Deux"]);
    // One after two, then into review under nothing: its own column.
    staff.patch(&format!("/api/tasks/{}/", one.id), &json!({"board_after": two.id})).await.assert_status(200);
    assert_eq!(mine(column(&staff).await), ["Trois", "Deux", "Un"]);
    let moved = staff.patch(&format!("/api/tasks/{}/", one.id), &json!({"status": "in_progress"})).await;
    assert_eq!(moved.assert_status(200).body["status"], "in_progress");
    // The project order the client sees is untouched by the global one.
    let client_board =
        app.owner(&a).await.get(&format!("/api/tasks/?project={}&ordering=position&status=todo", pa.id)).await;
    assert_eq!(client_board.results()[0]["title"], "Trois");
    // An anchor from another column is refused, naming the field.
    let wrong = staff.patch(&format!("/api/tasks/{}/", two.id), &json!({"board_after": one.id})).await;
    insta::assert_json_snapshot!("board_anchor_not_in_column", wrong.assert_field_error("board_after").snapshot());
    // Clients have no say on NOURX's board.
    let owner = app.owner(&b).await;
    owner.patch(&format!("/api/tasks/{}/", two.id), &json!({"board_before": three.id})).await.assert_status(403);
}

#[actix_web::test]
async fn bulk_assignment_tells_the_assignee_and_workload_counts_it() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let staff = app.staff().await;
    let designer = app.staff_member().await;
    let project = ProjectBuilder::new(&tenant).name("Refonte").build(&app).await;
    let late = TaskBuilder::new(project.id).title("En retard").field("due_date", "2020-01-01").build(&app).await;
    let other = TaskBuilder::new(project.id).title("Autre").build(&app).await;

    let body = json!({"task_ids": [late.id, other.id, late.id], "assigned_to": designer.id()});
    let assigned = staff.post("/api/tasks/assign/", &body).await.assert_status(200);
    assert_eq!(assigned.body["results"].as_array().map(Vec::len), Some(2));
    assert!(
        assigned.body["results"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|t| t["assignee_name"] == designer.user.name.as_str())
    );
    assert_eq!(app.emails_to(&designer.user.email, "task_assigned").await.len(), 2);

    let workload = staff.get("/api/admin/workload/").await.assert_status(200);
    let row =
        workload.body["results"].as_array().into_iter().flatten().find(|r| r["user_id"] == designer.id().to_string());
    let row = row.expect("the designer's row");
    assert_eq!((row["open_tasks"].as_i64(), row["late_tasks"].as_i64()), (Some(2), Some(1)));
    let late_only = staff.get(&format!("/api/tasks/?due=late&assigned_to={}", designer.id())).await;
    assert_eq!(late_only.results().len(), 1);
    staff.get("/api/tasks/?due=soon").await.assert_field_error("due");

    // All or nothing: someone outside the client cannot take its tasks.
    let outsider = app.client_owner().await;
    let body = json!({"task_ids": [other.id, late.id], "assigned_to": outsider.id()});
    let refused = staff.post("/api/tasks/assign/", &body).await;
    refused.assert_field_error("assigned_to");
    staff
        .post("/api/tasks/assign/", &json!({"task_ids": [], "assigned_to": null}))
        .await
        .assert_field_error("task_ids");
}

#[actix_web::test]
async fn projects_carry_a_manager_and_a_budget_staff_alone_read() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let staff = app.staff().await;
    let manager = app.staff_member().await;
    let project = ProjectBuilder::new(&tenant)
        .field("manager_id", manager.id().to_string())
        .field("budget", 1_000_000)
        .field("status", "active")
        .field("due_date", "2020-01-31")
        .build(&app)
        .await;
    assert_eq!(project.body["manager_name"], manager.user.name.as_str());
    assert_eq!(project.body["late"], true);
    let invoiced = nourx_testkit::InvoiceBuilder::new(&tenant.id)
        .field("project_id", project.id.to_string())
        .line("Acompte", 1, 600_000)
        .sent()
        .build(&app)
        .await;
    assert_eq!(invoiced.body["status"], "sent");
    let read = staff.get(&format!("/api/projects/{}/", project.id)).await;
    assert_eq!((read.body["invoiced"].as_i64(), read.body["budget_used_percent"].as_i64()), (Some(600_000), Some(60)));
    let filtered = staff.get(&format!("/api/projects/?manager={}&late=true&budget_used_min=50", manager.id())).await;
    assert_eq!(filtered.results().len(), 1);
    let none = staff.get(&format!("/api/projects/?manager={}&budget_used_min=61", manager.id())).await;
    assert!(none.results().is_empty());
    // The client sees its manager, not NOURX's budget tracking.
    let seen = app.owner(&tenant).await.get(&format!("/api/projects/{}/", project.id)).await;
    assert_eq!(seen.body["manager_name"], manager.user.name.as_str());
    assert_eq!((seen.body["budget"].clone(), seen.body["invoiced"].clone()), (json!(null), json!(null)));
    // A manager is NOURX staff.
    let client_manager =
        staff.patch(&format!("/api/projects/{}/", project.id), &json!({"manager_id": tenant.owner.id})).await;
    client_manager.assert_field_error("manager_id");
}
