//! Projects, milestones, kanban tasks and comments: workflows, roles and concurrency.

use futures_util::future::join_all;
use nourx_testkit::{TestApp, TestClient, TestUser};
use serde_json::{Value, json};
use uuid::Uuid;

struct Board {
    client_id: Uuid,
    owner: TestUser,
    staff: TestClient,
    project_id: Uuid,
}

async fn board(app: &TestApp) -> Board {
    let admin = app.admin().await;
    let staff = app.login(&admin).await;
    let (client_id, owner) = app.client_with_owner().await;
    let project = staff.post("/api/projects/", &json!({"client_id": client_id, "name": "Site vitrine"})).await;
    assert_eq!(project.status, 201, "{}", project.text);
    let project_id = project.body["id"].as_str().and_then(|s| s.parse().ok()).expect("id");
    Board { client_id, owner, staff, project_id }
}

async fn task(b: &Board, title: &str, extra: Value) -> Value {
    let mut body = json!({"project_id": b.project_id, "title": title});
    if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
        body.extend(extra.clone());
    }
    let response = b.staff.post("/api/tasks/", &body).await;
    assert_eq!(response.status, 201, "{}", response.text);
    response.body
}

fn id(value: &Value) -> String {
    value["id"].as_str().expect("id").to_owned()
}

#[actix_web::test]
async fn project_progress_follows_tasks_unless_overridden() {
    let app = TestApp::new().await;
    let b = board(&app).await;
    let t1 = task(&b, "Maquette", json!({})).await;
    task(&b, "Intégration", json!({})).await;
    task(&b, "Recette", json!({})).await;
    for status in ["in_progress", "review", "done"] {
        let r = b.staff.patch(&format!("/api/tasks/{}/", id(&t1)), &json!({"status": status})).await;
        assert_eq!(r.status, 200, "{}", r.text);
    }
    let project = b.staff.get(&format!("/api/projects/{}/", b.project_id)).await;
    assert_eq!(project.body["progress"], 33);
    assert_eq!(project.body["tasks_done"], 1);
    let overridden =
        b.staff.patch(&format!("/api/projects/{}/", b.project_id), &json!({"progress_override": 80})).await;
    assert_eq!(overridden.body["progress"], 80);
    let bad = b.staff.patch(&format!("/api/projects/{}/", b.project_id), &json!({"progress_override": 101})).await;
    assert_eq!(bad.status, 400);
    assert!(bad.body["progress_override"].is_array());
}

#[actix_web::test]
async fn refused_transitions_are_409_with_the_allowed_targets() {
    let app = TestApp::new().await;
    let b = board(&app).await;
    let t = task(&b, "Logo", json!({})).await;
    let refused = b.staff.patch(&format!("/api/tasks/{}/", id(&t)), &json!({"status": "done"})).await;
    assert_eq!(refused.status, 409, "{}", refused.text);
    assert_eq!(refused.body["code"], "invalid_transition");
    assert_eq!(refused.body["allowed"], json!(["in_progress", "blocked"]));
    let project = b.staff.patch(&format!("/api/projects/{}/", b.project_id), &json!({"status": "completed"})).await;
    assert_eq!(project.status, 409);
    assert!(project.body["allowed"].as_array().is_some_and(|a| a.contains(&json!("active"))));
}

#[actix_web::test]
async fn clients_move_only_their_own_tasks_and_change_nothing_else() {
    let app = TestApp::new().await;
    let b = board(&app).await;
    let member = app.member_of(b.client_id, "member").await;
    let viewer = app.member_of(b.client_id, "viewer").await;
    let mine = task(&b, "Valider les textes", json!({"assigned_to": member.id})).await;
    let theirs = task(&b, "Choisir les photos", json!({"assigned_to": b.owner.id})).await;
    let as_member = app.login(&member).await;

    let moved = as_member.patch(&format!("/api/tasks/{}/", id(&mine)), &json!({"status": "in_progress"})).await;
    assert_eq!(moved.status, 200, "{}", moved.text);
    assert_eq!(moved.body["status"], "in_progress");
    let other = as_member.patch(&format!("/api/tasks/{}/", id(&theirs)), &json!({"status": "in_progress"})).await;
    assert_eq!(other.status, 403);
    let retitle = as_member.patch(&format!("/api/tasks/{}/", id(&mine)), &json!({"title": "Autre"})).await;
    assert_eq!(retitle.status, 403);
    let unknown = as_member.patch(&format!("/api/tasks/{}/", id(&mine)), &json!({"project_id": Uuid::new_v4()})).await;
    assert_eq!(unknown.status, 400, "mass assignment is refused, naming the field");
    assert!(unknown.body["project_id"].is_array());

    let as_viewer = app.login(&viewer).await;
    let comment = as_viewer.post(&format!("/api/tasks/{}/comments/", id(&mine)), &json!({"body": "Vu"})).await;
    assert_eq!(comment.status, 403);
    let create = as_member.post("/api/tasks/", &json!({"project_id": b.project_id, "title": "X"})).await;
    assert_eq!(create.status, 403);
}

#[actix_web::test]
async fn write_routes_answer_by_role() {
    let app = TestApp::new().await;
    let b = board(&app).await;
    let t = task(&b, "Tâche", json!({})).await;
    let milestone = b.staff.post("/api/milestones/", &json!({"project_id": b.project_id, "title": "Jalon"})).await;
    let milestone_id = id(&milestone.body);
    let owner = app.login(&b.owner).await;
    let member = app.login(&app.member_of(b.client_id, "member").await).await;
    let viewer = app.login(&app.member_of(b.client_id, "viewer").await).await;
    let staff = b.staff.clone();
    let task_url = format!("/api/tasks/{}/", id(&t));
    let comments_url = format!("/api/tasks/{}/comments/", id(&t));
    let project_url = format!("/api/projects/{}/", b.project_id);
    let milestone_url = format!("/api/milestones/{milestone_id}/");
    // (who, method, url, body, expected status)
    let cases: Vec<(&str, &TestClient, &str, String, Value, u16)> = vec![
        ("viewer", &viewer, "POST", "/api/projects/".into(), json!({"client_id": b.client_id, "name": "P"}), 403),
        ("member", &member, "POST", "/api/projects/".into(), json!({"client_id": b.client_id, "name": "P"}), 403),
        ("owner", &owner, "POST", "/api/projects/".into(), json!({"client_id": b.client_id, "name": "P"}), 403),
        ("admin", &staff, "POST", "/api/projects/".into(), json!({"client_id": b.client_id, "name": "P"}), 201),
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
    let t = task(&b, "Tâche", json!({})).await;
    let url = format!("/api/tasks/{}/comments/", id(&t));
    assert_eq!(b.staff.post(&url, &json!({"body": "Visible"})).await.status, 201);
    assert_eq!(b.staff.post(&url, &json!({"body": "Marge à revoir", "internal": true})).await.status, 201);
    let client_view = app.login(&b.owner).await.get(&url).await;
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
        ids.push(id(&task(&b, &format!("Carte {n}"), json!({})).await));
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
    let (todo, doing) = app
        .with_conn(move |conn| {
            (
                nourx_db::tasks::column_positions(conn, project_id, nourx_domain::TaskStatus::Todo).expect("todo"),
                nourx_db::tasks::column_positions(conn, project_id, nourx_domain::TaskStatus::InProgress)
                    .expect("in_progress"),
            )
        })
        .await;
    assert_eq!(todo, (0..10).collect::<Vec<_>>());
    assert_eq!(doing, (0..10).collect::<Vec<_>>());
    let project = b.staff.get(&format!("/api/projects/{}/", b.project_id)).await;
    assert_eq!(project.body["task_count"], 20, "the counters survive concurrent moves");
}

#[actix_web::test]
async fn a_move_lands_where_asked() {
    let app = TestApp::new().await;
    let b = board(&app).await;
    let cards: Vec<String> = {
        let mut v = Vec::new();
        for n in 0..4 {
            v.push(id(&task(&b, &format!("C{n}"), json!({})).await));
        }
        v
    };
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
        task(&b, &format!("Page {n:02}"), json!({"priority": if n % 3 == 0 { "urgent" } else { "low" }})).await;
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
    let bad_order = b.staff.get("/api/tasks/?ordering=password_hash").await;
    assert_eq!(bad_order.status, 400);
    assert!(bad_order.body["ordering"].is_array());
    let bad_status = b.staff.get("/api/tasks/?status=flying").await;
    assert_eq!(bad_status.status, 400);
    let bad_page = b.staff.get("/api/tasks/?page_size=1000").await;
    assert_eq!(bad_page.status, 400);
    let bad_uuid = b.staff.get("/api/tasks/?project=not-a-uuid").await;
    assert_eq!(bad_uuid.status, 400);
}

#[actix_web::test]
async fn writes_leave_one_audit_row_each() {
    let app = TestApp::new().await;
    let b = board(&app).await;
    let t = task(&b, "Audit", json!({})).await;
    let task_id = id(&t);
    b.staff.patch(&format!("/api/tasks/{task_id}/"), &json!({"status": "in_progress", "title": "Audité"})).await;
    #[derive(diesel::QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        action: String,
        #[diesel(sql_type = diesel::sql_types::Jsonb)]
        diff: Value,
    }
    let entity_id = task_id.clone();
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
