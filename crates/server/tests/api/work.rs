//! Projects, milestones, kanban tasks and comments: workflows, roles and concurrency.

use futures_util::future::join_all;
use nourx_testkit::{Actor, MemberRole, MilestoneBuilder, ProjectBuilder, TaskBuilder, Tenant, TestApp};
use serde_json::{Value, json};
use uuid::Uuid;

/// A client's project, and NOURX staff logged in.
struct Board {
    tenant: Tenant,
    staff: Actor,
    project_id: Uuid,
}

async fn board(app: &TestApp) -> Board {
    let tenant = app.tenant().await;
    let project_id = ProjectBuilder::new(&tenant).build(app).await.id;
    Board { tenant, staff: app.staff().await, project_id }
}

/// A task of the board's project titled `title`.
fn task(b: &Board, title: &str) -> TaskBuilder {
    TaskBuilder::new(b.project_id).title(title)
}

#[actix_web::test]
async fn project_progress_follows_tasks_unless_overridden() {
    let app = TestApp::new().await;
    let b = board(&app).await;
    let t1 = task(&b, "Maquette").build(&app).await;
    task(&b, "Intégration").build(&app).await;
    task(&b, "Recette").build(&app).await;
    for status in ["in_progress", "review", "done"] {
        b.staff.patch(&format!("/api/tasks/{}/", t1.id), &json!({"status": status})).await.assert_status(200);
    }
    let project = b.staff.get(&format!("/api/projects/{}/", b.project_id)).await;
    assert_eq!(project.body["progress"], 33);
    assert_eq!(project.body["tasks_done"], 1);
    let overridden =
        b.staff.patch(&format!("/api/projects/{}/", b.project_id), &json!({"progress_override": 80})).await;
    assert_eq!(overridden.body["progress"], 80);
    let bad = b.staff.patch(&format!("/api/projects/{}/", b.project_id), &json!({"progress_override": 101})).await;
    insta::assert_json_snapshot!("progress_out_of_range", bad.assert_field_error("progress_override").snapshot());
}

#[actix_web::test]
async fn refused_transitions_are_409_with_the_allowed_targets() {
    let app = TestApp::new().await;
    let b = board(&app).await;
    let t = task(&b, "Logo").build(&app).await;
    let refused = b.staff.patch(&format!("/api/tasks/{}/", t.id), &json!({"status": "done"})).await;
    let refused = refused.assert_error(409, "invalid_transition");
    assert_eq!(refused.body["allowed"], json!(["in_progress", "blocked"]));
    insta::assert_json_snapshot!("task_invalid_transition", refused.snapshot());
    let project = b.staff.patch(&format!("/api/projects/{}/", b.project_id), &json!({"status": "completed"})).await;
    let project = project.assert_error(409, "invalid_transition");
    assert!(project.body["allowed"].as_array().is_some_and(|a| a.contains(&json!("active"))));
    insta::assert_json_snapshot!("project_invalid_transition", project.snapshot());
}

#[actix_web::test]
async fn clients_move_only_their_own_tasks_and_change_nothing_else() {
    let app = TestApp::new().await;
    let b = board(&app).await;
    let as_member = app.member(&b.tenant, MemberRole::Member).await;
    let as_viewer = app.viewer(&b.tenant).await;
    let mine = task(&b, "Valider les textes").assigned_to(as_member.id()).build(&app).await;
    let theirs = task(&b, "Choisir les photos").assigned_to(b.tenant.owner.id).build(&app).await;

    let moved = as_member.patch(&format!("/api/tasks/{}/", mine.id), &json!({"status": "in_progress"})).await;
    assert_eq!(moved.assert_status(200).body["status"], "in_progress");
    let other = as_member.patch(&format!("/api/tasks/{}/", theirs.id), &json!({"status": "in_progress"})).await;
    insta::assert_json_snapshot!("task_not_assigned", other.assert_error(403, "permission_denied").snapshot());
    let retitle = as_member.patch(&format!("/api/tasks/{}/", mine.id), &json!({"title": "Autre"})).await;
    retitle.assert_status(403);
    // Mass assignment is refused, naming the field.
    let unknown = as_member.patch(&format!("/api/tasks/{}/", mine.id), &json!({"project_id": Uuid::new_v4()})).await;
    unknown.assert_field_error("project_id");

    let comment = as_viewer.post(&format!("/api/tasks/{}/comments/", mine.id), &json!({"body": "Vu"})).await;
    comment.assert_status(403);
    let create = as_member.post("/api/tasks/", &json!({"project_id": b.project_id, "title": "X"})).await;
    create.assert_status(403);
}

#[actix_web::test]
async fn write_routes_answer_by_role() {
    let app = TestApp::new().await;
    let b = board(&app).await;
    let t = task(&b, "Tâche").build(&app).await;
    let milestone_id = MilestoneBuilder::new(b.project_id).build(&app).await.id;
    let owner = app.owner(&b.tenant).await;
    let member = app.member(&b.tenant, MemberRole::Member).await;
    let viewer = app.viewer(&b.tenant).await;
    let staff = b.staff.clone();
    let task_url = format!("/api/tasks/{}/", t.id);
    let comments_url = format!("/api/tasks/{}/comments/", t.id);
    let project_url = format!("/api/projects/{}/", b.project_id);
    let milestone_url = format!("/api/milestones/{milestone_id}/");
    let client_id = b.tenant.id;
    // (who, method, url, body, expected status)
    let cases: Vec<(&str, &Actor, &str, String, Value, u16)> = vec![
        ("viewer", &viewer, "POST", "/api/projects/".into(), json!({"client_id": client_id, "name": "P"}), 403),
        ("member", &member, "POST", "/api/projects/".into(), json!({"client_id": client_id, "name": "P"}), 403),
        ("owner", &owner, "POST", "/api/projects/".into(), json!({"client_id": client_id, "name": "P"}), 403),
        ("admin", &staff, "POST", "/api/projects/".into(), json!({"client_id": client_id, "name": "P"}), 201),
        ("viewer", &viewer, "PATCH", project_url.clone(), json!({"name": "Q"}), 403),
        ("member", &member, "PATCH", project_url.clone(), json!({"name": "Q"}), 403),
        ("owner", &owner, "PATCH", project_url.clone(), json!({"name": "Q"}), 403),
        ("admin", &staff, "PATCH", project_url.clone(), json!({"name": "Q"}), 200),
        ("owner", &owner, "POST", "/api/milestones/".into(), json!({"project_id": b.project_id, "title": "J"}), 403),
        ("admin", &staff, "POST", "/api/milestones/".into(), json!({"project_id": b.project_id, "title": "J"}), 201),
        ("owner", &owner, "PATCH", milestone_url.clone(), json!({"title": "K"}), 403),
        ("admin", &staff, "PATCH", milestone_url.clone(), json!({"title": "K"}), 200),
        ("owner", &owner, "POST", "/api/tasks/".into(), json!({"project_id": b.project_id, "title": "T"}), 403),
        ("admin", &staff, "POST", "/api/tasks/".into(), json!({"project_id": b.project_id, "title": "T"}), 201),
        ("viewer", &viewer, "PATCH", task_url.clone(), json!({"status": "in_progress"}), 403),
        ("owner", &owner, "PATCH", task_url.clone(), json!({"status": "in_progress"}), 403),
        ("admin", &staff, "PATCH", task_url.clone(), json!({"status": "in_progress"}), 200),
        ("viewer", &viewer, "POST", comments_url.clone(), json!({"body": "c"}), 403),
        ("member", &member, "POST", comments_url.clone(), json!({"body": "c"}), 201),
        ("owner", &owner, "POST", comments_url.clone(), json!({"body": "c"}), 201),
        ("owner", &owner, "POST", comments_url.clone(), json!({"body": "c", "internal": true}), 403),
        ("admin", &staff, "POST", comments_url.clone(), json!({"body": "c", "internal": true}), 201),
    ];
    for (who, client, method, url, body, expected) in cases {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let response = client.request(method.clone(), &url).json(&body).send().await;
        assert_eq!(response.status, expected, "{who} {method} {url}: {}", response.text);
    }
}

#[actix_web::test]
async fn internal_comments_never_reach_clients() {
    let app = TestApp::new().await;
    let b = board(&app).await;
    let t = task(&b, "Tâche").build(&app).await;
    let url = format!("/api/tasks/{}/comments/", t.id);
    b.staff.post(&url, &json!({"body": "Visible"})).await.assert_status(201);
    b.staff.post(&url, &json!({"body": "Marge à revoir", "internal": true})).await.assert_status(201);
    let client_view = app.owner(&b.tenant).await.get(&url).await;
    assert_eq!(client_view.body["count"], 1);
    assert!(!client_view.text.contains("Marge"));
    let staff_view = b.staff.get(&url).await;
    assert_eq!(staff_view.body["count"], 2);
}

#[actix_web::test]
async fn twenty_concurrent_moves_keep_the_column_numbered() {
    let app = TestApp::new().await;
    let b = board(&app).await;
    let mut ids = Vec::new();
    for n in 0..20 {
        ids.push(task(&b, &format!("Carte {n}")).build(&app).await.id);
    }
    let moves = ids.iter().enumerate().map(|(n, task_id)| {
        let staff = b.staff.clone();
        let url = format!("/api/tasks/{task_id}/");
        async move { staff.patch(&url, &json!({"position": (n * 7) % 20})).await.status }
    });
    let statuses = join_all(moves).await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    // Half of them to another column and back, concurrently too.
    let cross = ids.iter().take(10).map(|task_id| {
        let staff = b.staff.clone();
        let url = format!("/api/tasks/{task_id}/");
        async move { staff.patch(&url, &json!({"status": "in_progress", "position": 0})).await.status }
    });
    assert!(join_all(cross).await.iter().all(|s| *s == 200));
    let project_id = b.project_id;
    let positions = |status: nourx_domain::TaskStatus| {
        app.with_conn(move |conn| {
            nourx_db::tasks::column_positions(conn, project_id, status).expect("the column's positions")
        })
    };
    assert_eq!(positions(nourx_domain::TaskStatus::Todo).await, (0..10).collect::<Vec<_>>());
    assert_eq!(positions(nourx_domain::TaskStatus::InProgress).await, (0..10).collect::<Vec<_>>());
    let project = b.staff.get(&format!("/api/projects/{}/", b.project_id)).await;
    assert_eq!(project.body["task_count"], 20, "the counters survive concurrent moves");
}

#[actix_web::test]
async fn a_move_lands_where_asked() {
    let app = TestApp::new().await;
    let b = board(&app).await;
    let mut cards = Vec::new();
    for n in 0..4 {
        cards.push(task(&b, &format!("C{n}")).build(&app).await.id);
    }
    let moved = b.staff.patch(&format!("/api/tasks/{}/", cards[3]), &json!({"position": 0})).await;
    assert_eq!(moved.body["position"], 0);
    let list = b.staff.get(&format!("/api/tasks/?project={}&ordering=position", b.project_id)).await;
    let order: Vec<&str> =
        list.body["results"].as_array().expect("results").iter().map(|t| t["title"].as_str().unwrap_or("")).collect();
    assert_eq!(order, vec!["C3", "C0", "C1", "C2"]);
}

#[actix_web::test]
async fn filters_search_ordering_and_pagination() {
    let app = TestApp::new().await;
    let b = board(&app).await;
    for n in 0..30 {
        task(&b, &format!("Page {n:02}")).priority(if n % 3 == 0 { "urgent" } else { "low" }).build(&app).await;
    }
    let page = b.staff.get(&format!("/api/tasks/?project={}&page_size=10&page=2&ordering=title", b.project_id)).await;
    assert_eq!(page.body["count"], 30);
    assert_eq!(page.body["results"][0]["title"], "Page 10");
    assert!(page.body["next"].as_str().is_some_and(|n| n.contains("page=3")));
    assert!(page.body["previous"].as_str().is_some());
    let urgent = b.staff.get("/api/tasks/?priority=urgent&page_size=100").await;
    assert_eq!(urgent.body["count"], 10);
    let search = b.staff.get("/api/tasks/?search=page%2007").await;
    assert_eq!(search.body["count"], 1);
    let bad_order = b.staff.get("/api/tasks/?ordering=password_hash").await.assert_field_error("ordering");
    insta::assert_json_snapshot!("unknown_ordering", bad_order.snapshot());
    let bad_status = b.staff.get("/api/tasks/?status=flying").await.assert_status(400);
    insta::assert_json_snapshot!("unknown_task_status", bad_status.snapshot());
    let bad_page = b.staff.get("/api/tasks/?page_size=1000").await.assert_status(400);
    insta::assert_json_snapshot!("page_size_too_large", bad_page.snapshot());
    let bad_uuid = b.staff.get("/api/tasks/?project=not-a-uuid").await.assert_status(400);
    insta::assert_json_snapshot!("malformed_uuid_filter", bad_uuid.snapshot());
}

#[actix_web::test]
async fn writes_leave_one_audit_row_each() {
    let app = TestApp::new().await;
    let b = board(&app).await;
    let task_id = task(&b, "Audit").build(&app).await.id;
    let change = json!({"status": "in_progress", "title": "Audité"});
    b.staff.patch(&format!("/api/tasks/{task_id}/"), &change).await.assert_status(200);
    #[derive(diesel::QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        action: String,
        #[diesel(sql_type = diesel::sql_types::Jsonb)]
        diff: Value,
    }
    let entity_id = task_id;
    let rows: Vec<Row> = app
        .with_conn(move |conn| {
            use diesel::RunQueryDsl;
            diesel::sql_query(format!(
                "SELECT action, diff FROM audit_log WHERE entity = 'task' AND entity_id = '{entity_id}' ORDER BY id"
            ))
            .load(conn)
            .expect("audit rows")
        })
        .await;
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].action, "create");
    assert_eq!(rows[1].action, "status_change");
    assert_eq!(rows[1].diff["status"], json!(["todo", "in_progress"]));
    assert_eq!(rows[1].diff["title"], json!(["Audit", "Audité"]));
    // Append-only, even for the database owner.
    let tampered = app
        .with_conn(|conn| {
            use diesel::RunQueryDsl;
            diesel::sql_query("DELETE FROM audit_log").execute(conn)
        })
        .await;
    assert!(tampered.is_err());
}
