//! Each person chooses, per topic, to hear of it in the bell and by email; the choice is applied
//! where the notice is written.

use nourx_testkit::{MemberRole, ProjectBuilder, TaskBuilder, TestApp};
use serde_json::{Value, json};

fn topics(body: &Value) -> Vec<&str> {
    body.as_array().expect("topics").iter().map(|t| t["topic"].as_str().expect("topic")).collect()
}

#[actix_web::test]
async fn a_person_who_turns_a_topic_off_hears_nothing_of_it_and_others_still_do() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let (quiet, member) = (app.owner(&tenant).await, app.member(&tenant, MemberRole::Member).await);
    let listed = quiet.get("/api/me/notification-preferences/").await.assert_status(200);
    assert!(topics(&listed.body).contains(&"task_assigned") && !topics(&listed.body).contains(&"sla_alert"));
    let first = &listed.body[0];
    assert_eq!((&first["in_app"], &first["email"], &first["default"]), (&json!(true), &json!("instant"), &json!(true)));

    let off = json!({"preferences": [{"topic": "task_assigned", "in_app": false, "email": "off"}]});
    let saved = quiet.put("/api/me/notification-preferences/", &off).await.assert_status(200);
    let assigned =
        saved.body.as_array().expect("topics").iter().find(|t| t["topic"] == "task_assigned").expect("topic");
    assert_eq!(
        (&assigned["in_app"], &assigned["email"], &assigned["default"]),
        (&json!(false), &json!("off"), &json!(false))
    );

    let project = ProjectBuilder::new(&tenant).build(&app).await.id;
    TaskBuilder::new(project).title("Maquette").assigned_to(quiet.id()).build(&app).await;
    TaskBuilder::new(project).title("Recette").assigned_to(member.id()).build(&app).await;
    let quiet_bell = quiet.get("/api/notifications/").await.assert_status(200);
    assert_eq!(quiet_bell.body["count"], 0, "no bell");
    assert!(app.emails_to(&quiet.user.email, "task_assigned").await.is_empty(), "no email");
    assert_eq!(member.get("/api/notifications/").await.assert_status(200).body["count"], 1);
    assert_eq!(app.emails_to(&member.user.email, "task_assigned").await.len(), 1);
}

#[actix_web::test]
async fn only_one_s_own_topics_can_be_chosen() {
    let app = TestApp::new().await;
    let client = app.client_owner().await;
    let staff = app.staff_member().await;
    let staff_topics = staff.get("/api/me/notification-preferences/").await.assert_status(200);
    assert!(
        topics(&staff_topics.body).contains(&"sla_alert") && !topics(&staff_topics.body).contains(&"payment_received")
    );

    let not_mine = json!({"preferences": [{"topic": "sla_alert", "in_app": false, "email": "off"}]});
    let refused =
        client.put("/api/me/notification-preferences/", &not_mine).await.assert_field_error("preferences[0].topic");
    insta::assert_json_snapshot!(refused.snapshot());
    let twice = json!({"preferences": [
        {"topic": "task_assigned", "in_app": false, "email": "off"},
        {"topic": "task_assigned", "in_app": true, "email": "instant"},
    ]});
    client.put("/api/me/notification-preferences/", &twice).await.assert_field_error("preferences[1].topic");
    let unknown = json!({"preferences": [{"topic": "everything", "in_app": false, "email": "off"}]});
    client.put("/api/me/notification-preferences/", &unknown).await.assert_status(400);
    let digest = json!({"preferences": [{"topic": "task_assigned", "in_app": true, "email": "weekly"}]});
    client.put("/api/me/notification-preferences/", &digest).await.assert_status(400);
    let unchanged = client.get("/api/me/notification-preferences/").await.assert_status(200);
    assert!(unchanged.body.as_array().expect("topics").iter().all(|t| t["default"] == true), "nothing half-saved");
}
