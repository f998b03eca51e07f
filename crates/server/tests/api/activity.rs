//! The activity feed (`/api/admin/activity/`): the audit log as sentences, newest first, filtered
//! by client, person and kind.

use nourx_testkit::{Actor, InvoiceBuilder, PaymentBuilder, QuoteBuilder, Record, Tenant, TestApp};
use serde_json::{Value, json};

fn results(body: &Value) -> &Vec<Value> {
    body["results"].as_array().expect("a page of results")
}

/// A quote sent by NOURX staff and accepted by `owner`.
async fn accepted_by(app: &TestApp, tenant: &Tenant, owner: &Actor) -> Record {
    let quote = QuoteBuilder::new(tenant).sent().build(app).await;
    owner.post(&format!("/api/quotes/{}/accept/", quote.id), &json!({})).await.assert_status(200);
    quote
}

fn sentences(body: &Value) -> Vec<&str> {
    results(body).iter().map(|entry| entry["sentence"].as_str().unwrap_or_default()).collect()
}

#[actix_web::test]
async fn what_staff_and_clients_did_reads_as_sentences_newest_first() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let staff = app.staff().await;
    let quote = accepted_by(&app, &tenant, &owner).await;
    let invoice = InvoiceBuilder::new(&tenant).sent().build(&app).await;
    PaymentBuilder::new(&owner, invoice.id).settled().build(&app).await;
    let created = staff.post("/api/clients/", &json!({"name": "Baobab Foods"})).await.assert_status(201);

    let feed = staff.get("/api/admin/activity/").await.assert_status(200).body;
    let ids: Vec<i64> = results(&feed).iter().map(|entry| entry["id"].as_i64().unwrap_or_default()).collect();
    assert!(ids.windows(2).all(|pair| pair[0] > pair[1]), "newest first: {ids:?}");
    let said = sentences(&feed);
    let creation = format!("{} a créé le client Baobab Foods", staff.user.name);
    let paid = "Paiement de 118\u{202F}000\u{A0}FCFA reçu par Orange Money";
    let accepted = format!("{} a accepté le devis {}", owner.user.name, quote.body["number"].as_str().unwrap_or("?"));
    let position = |sentence: &str| said.iter().position(|said| *said == sentence);
    assert_eq!(position(&creation), Some(0), "{said:#?}");
    assert!(position(paid) < position(&accepted) && position(paid).is_some(), "{said:#?}");
    assert!(position(&accepted).is_some(), "{said:#?}");

    let newest = &results(&feed)[0];
    assert_eq!(newest["kind"], "clients");
    assert_eq!(newest["actor"], json!({"id": staff.id(), "name": staff.user.name}));
    assert_eq!(newest["client"], json!({"id": created.uuid("id"), "name": "Baobab Foods"}));
    assert_eq!(newest["href"], format!("/admin/clients/{}", created.uuid("id")));
    assert_eq!((newest["action"].as_str(), newest["entity"].as_str()), (Some("create"), Some("client")));
    let payment = results(&feed).iter().find(|entry| entry["action"] == "payment.settled").expect("the settlement");
    assert_eq!((&payment["kind"], &payment["actor"]), (&json!("payments"), &Value::Null));
    assert_eq!(payment["client"]["id"], json!(tenant.id));
    assert_eq!(payment["diff"]["amount"], 118_000);
}

#[actix_web::test]
async fn filters_by_client_person_and_kind() {
    let app = TestApp::new().await;
    let (tenant, other) = (app.tenant().await, app.tenant().await);
    let owner = app.owner(&tenant).await;
    let staff = app.staff().await;
    accepted_by(&app, &tenant, &owner).await;
    let invoice = InvoiceBuilder::new(&tenant).sent().build(&app).await;
    PaymentBuilder::new(&owner, invoice.id).settled().build(&app).await;
    QuoteBuilder::new(&other).sent().build(&app).await;

    let of_client = staff.get(&format!("/api/admin/activity/?client={}", tenant.id)).await.assert_status(200).body;
    assert!(!results(&of_client).is_empty());
    assert!(results(&of_client).iter().all(|entry| entry["client"]["id"] == json!(tenant.id)), "{of_client:#}");
    assert_eq!(of_client["count"], results(&of_client).len());

    let by_owner = staff.get(&format!("/api/admin/activity/?actor={}", owner.id())).await.assert_status(200).body;
    let actions: Vec<&str> = results(&by_owner).iter().filter_map(|entry| entry["action"].as_str()).collect();
    assert_eq!(actions, ["payment.initiated", "accept", "login"], "{by_owner:#}");
    assert!(results(&by_owner).iter().all(|entry| entry["actor"]["id"] == json!(owner.id())));

    let payments = staff.get("/api/admin/activity/?kind=payments").await.assert_status(200).body;
    let actions: Vec<&str> = results(&payments).iter().filter_map(|entry| entry["action"].as_str()).collect();
    assert_eq!(actions, ["payment.settled", "payment.initiated"]);
    let billing = staff.get("/api/admin/activity/?kind=billing&page_size=2").await.assert_status(200).body;
    assert!(results(&billing).iter().all(|entry| entry["kind"] == "billing"));
    assert_eq!(results(&billing).len(), 2);
    assert!(billing["count"].as_i64() > Some(2), "{billing:#}");

    // The dashboard's feed: what the business did, without the logins.
    let business = staff.get("/api/admin/activity/?kind=business").await.assert_status(200).body;
    let actions: Vec<&str> = results(&business).iter().filter_map(|entry| entry["action"].as_str()).collect();
    assert!(actions.contains(&"payment.settled") && actions.contains(&"accept"), "{actions:?}");
    assert!(results(&business).iter().all(|entry| entry["kind"] != "accounts"), "{business:#}");
}

#[actix_web::test]
async fn clients_are_refused_and_bad_filters_are_named() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    app.owner(&tenant).await.get("/api/admin/activity/").await.assert_status(403);
    let staff = app.staff().await;
    staff.get("/api/admin/activity/?client=nope").await.assert_field_error("client");
    staff.get("/api/admin/activity/?actor=12").await.assert_field_error("actor");
    staff.get("/api/admin/activity/?kind=everything").await.assert_field_error("kind");
}
