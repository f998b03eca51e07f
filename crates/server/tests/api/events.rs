//! The live event stream: each change reaches exactly the people who may see it, through any
//! API process, and a browser that reconnects receives what it missed.

use std::path::Path;
use std::time::Duration;

use nourx_testkit::{
    ApiProcess, EventStream, InvoiceBuilder, PaymentBuilder, ProjectBuilder, SseEvent, TaskBuilder, TestApp,
    TicketBuilder,
};
use serde_json::json;

/// What a client's stream received after a step: the kinds, sorted.
async fn kinds(stream: &mut EventStream) -> Vec<String> {
    let mut kinds: Vec<String> = stream.drain(Duration::from_millis(400)).await.into_iter().map(|e| e.kind).collect();
    kinds.sort();
    kinds
}

/// Reads staff's stream up to the first event of `kind` (staff also receive `activity` and others).
async fn staff_sees(stream: &mut EventStream, kind: &str) -> SseEvent {
    loop {
        let event = stream.next(Duration::from_secs(5)).await.unwrap_or_else(|| panic!("staff: no `{kind}`"));
        if event.kind == kind {
            return event;
        }
    }
}

#[actix_web::test]
async fn each_change_reaches_exactly_the_people_who_may_see_it() {
    let app = TestApp::new().await;
    let staff = app.staff_member().await;
    let (a, b) = (app.tenant().await, app.tenant().await);
    let (alice, bob) = (app.owner(&a).await, app.owner(&b).await);
    let project_a = ProjectBuilder::new(&a).build(&app).await.id;
    let ticket_a = TicketBuilder::new(&a).build(&app).await.id;
    let visible_task = TaskBuilder::new(project_a).build(&app).await.id;
    let invoice_a = InvoiceBuilder::new(&a).line("Site", 1, 100_000).sent().build(&app).await;

    let mut to_alice = alice.events(None).await;
    assert_eq!(to_alice.status, 200);
    assert_eq!(to_alice.headers["content-type"], "text/event-stream");
    assert!(
        to_alice.headers.get("content-encoding").is_none_or(|v| v == "identity"),
        "frames are never held to compress"
    );
    let (mut to_bob, mut to_staff) = (bob.events(None).await, staff.events(None).await);
    for stream in [&mut to_alice, &mut to_bob, &mut to_staff] {
        stream.expect("ready").await;
    }

    // A task the client sees.
    TaskBuilder::new(project_a).build(&app).await;
    let event = staff_sees(&mut to_staff, "task.changed").await;
    assert_eq!(event.data["data"]["project_id"], project_a.to_string());
    assert_eq!(kinds(&mut to_alice).await, ["task.changed"]);
    // An internal task, and an internal note on a task and on a ticket: staff only.
    let internal = json!({"project_id": project_a, "title": "Marge", "client_visible": false});
    staff.post("/api/tasks/", &internal).await.assert_status(201);
    staff_sees(&mut to_staff, "task.changed").await;
    let note = json!({"body": "Client difficile", "internal": true});
    staff.post(&format!("/api/tasks/{visible_task}/comments/"), &note).await.assert_status(201);
    staff_sees(&mut to_staff, "task.comment").await;
    staff.post(&format!("/api/tickets/{ticket_a}/messages/"), &note).await.assert_status(201);
    staff_sees(&mut to_staff, "ticket.message").await;
    assert_eq!(kinds(&mut to_alice).await, Vec::<String>::new(), "internal work stays internal");
    // A public reply: the thread, the ticket's clock, and the bell.
    let reply = json!({"body": "Nous regardons.", "internal": false});
    staff.post(&format!("/api/tickets/{ticket_a}/messages/"), &reply).await.assert_status(201);
    staff_sees(&mut to_staff, "ticket.message").await;
    let seen = kinds(&mut to_alice).await;
    assert!(seen.contains(&"ticket.message".to_owned()), "{seen:?}");
    assert!(seen.iter().all(|k| ["ticket.message", "ticket.changed", "notification.created"].contains(&k.as_str())));
    // A payment, from start to settlement.
    PaymentBuilder::new(&alice, invoice_a.id).settled().build(&app).await;
    staff_sees(&mut to_staff, "payment.changed").await;
    let seen = kinds(&mut to_alice).await;
    assert!(seen.contains(&"payment.changed".to_owned()) && !seen.contains(&"activity".to_owned()), "{seen:?}");

    // Bob heard nothing of all that: the first event he receives is about his own project.
    let project_b = ProjectBuilder::new(&b).build(&app).await.id;
    TaskBuilder::new(project_b).build(&app).await;
    let first = to_bob.next(Duration::from_secs(5)).await.expect("bob's own event");
    assert_eq!((first.kind.as_str(), &first.data["data"]["project_id"]), ("task.changed", &json!(project_b)));
}

#[actix_web::test]
async fn a_change_made_through_one_api_process_reaches_a_browser_on_another() {
    let app = TestApp::new().await;
    let second = ApiProcess::start(Path::new(env!("CARGO_BIN_EXE_nourx")), &app).await;
    let (a, b) = (app.tenant().await, app.tenant().await);
    let (alice, bob) = (app.owner(&a).await, app.owner(&b).await);
    let project_a = ProjectBuilder::new(&a).build(&app).await.id;
    // The sessions were made through this process; the streams are opened on the other.
    let mut to_alice = alice.at(&second.base_url).events(None).await;
    let mut to_bob = bob.at(&second.base_url).events(None).await;
    to_alice.expect("ready").await;
    to_bob.expect("ready").await;

    TaskBuilder::new(project_a).build(&app).await;
    let event = to_alice.expect("task.changed").await;
    assert_eq!(event.data["data"]["project_id"], project_a.to_string());
    let project_b = ProjectBuilder::new(&b).build(&app).await.id;
    TaskBuilder::new(project_b).build(&app).await;
    assert_eq!(to_bob.expect("task.changed").await.data["data"]["project_id"], project_b.to_string());
}

#[actix_web::test]
async fn a_browser_that_reconnects_receives_what_it_missed_and_only_that() {
    let app = TestApp::new().await;
    let staff = app.staff_member().await;
    let a = app.tenant().await;
    let alice = app.owner(&a).await;
    let project_a = ProjectBuilder::new(&a).build(&app).await.id;
    let mut first = alice.events(None).await;
    let ready = first.expect("ready").await;
    let last_id = ready.data["last_id"].as_i64().expect("last_id");
    drop(first);

    TaskBuilder::new(project_a).title("Maquette").build(&app).await;
    let internal = json!({"project_id": project_a, "title": "Marge", "client_visible": false});
    staff.post("/api/tasks/", &internal).await.assert_status(201);
    TaskBuilder::new(project_a).title("Recette").build(&app).await;

    let mut again = alice.events(Some(last_id)).await;
    again.expect("ready").await;
    let missed = again.drain(Duration::from_millis(400)).await;
    let kinds: Vec<&str> = missed.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["task.changed", "task.changed"], "the two tasks the client sees, not the internal one");
    assert!(missed.iter().all(|e| e.id.is_some_and(|id| id > last_id)));

    // Too old to replay (or never existed): read everything again.
    let mut lost = alice.events(Some(i64::from(i32::MAX))).await;
    lost.expect("ready").await;
    lost.expect("sync").await;
    let bad = alice.raw_get("/api/events/").header("Last-Event-ID", "demain").send().await.expect("answered");
    assert_eq!(bad.status().as_u16(), 400);
    let anonymous = app.client().raw_get("/api/events/").send().await.expect("answered");
    assert_eq!(anonymous.status().as_u16(), 401);
}
