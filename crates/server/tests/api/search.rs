//! The staff's global search and saved filters, through real HTTP on a real database.

use nourx_testkit::{InvoiceBuilder, PaymentBuilder, ProjectBuilder, TestApp, TicketBuilder};
use serde_json::{Value, json};

/// The (kind, title) of each result.
fn found(body: &Value) -> Vec<(String, String)> {
    body["results"]
        .as_array()
        .map(|results| {
            results
                .iter()
                .map(|r| (r["kind"].as_str().unwrap_or("").to_owned(), r["title"].as_str().unwrap_or("").to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

#[actix_web::test]
async fn search_finds_an_invoice_by_number_and_a_payment_by_transaction_id() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let payer = app.owner(&tenant).await;
    let invoice = InvoiceBuilder::new(&tenant).line("Site web", 1, 100_000).sent().build(&app).await;
    let other = InvoiceBuilder::new(&tenant).line("Hébergement", 1, 10_000).sent().build(&app).await;
    let payment = PaymentBuilder::new(&payer, invoice.id).amount(50_000).settled().build(&app).await;
    ProjectBuilder::new(&tenant).name("Refonte Éléphant").build(&app).await;
    TicketBuilder::new(&tenant).subject("Facture illisible").build(&app).await;
    let staff = app.staff().await;

    let number = invoice.str("number");
    let by_number = staff.get(&format!("/api/admin/search/?q={number}")).await.assert_status(200);
    let first_invoice = by_number.body["results"].as_array().and_then(|r| r.iter().find(|r| r["kind"] == "invoice"));
    let first_invoice = first_invoice.expect("an invoice found");
    assert_eq!(first_invoice["title"], number, "the exact number first: {}", by_number.text);
    assert_eq!(first_invoice["href"], format!("/admin/facturation/factures/{}", invoice.id));
    assert!(first_invoice["subtitle"].as_str().is_some_and(|s| s.contains(&tenant.name) && s.contains("FCFA")));
    // The number's prefix finds both invoices, lower-case too.
    let prefix = &number[..number.len() - 2].to_lowercase();
    let invoices: Vec<_> = found(&staff.get(&format!("/api/admin/search/?q={prefix}")).await.body)
        .into_iter()
        .filter(|(kind, _)| kind == "invoice")
        .map(|(_, title)| title)
        .collect();
    assert!(invoices.contains(&other.str("number").to_owned()) && invoices.len() >= 2, "{invoices:?}");

    let transaction = payment.str("transaction_id");
    let by_transaction = staff.get(&format!("/api/admin/search/?q={transaction}")).await;
    assert!(
        found(&by_transaction.body).contains(&("payment".to_owned(), transaction.to_owned())),
        "{}",
        by_transaction.text
    );

    // Names whatever the case and accents; tickets by subject; contacts by email.
    let by_name = found(&staff.get("/api/admin/search/?q=elephant").await.body);
    assert_eq!(by_name, vec![("project".to_owned(), "Refonte Éléphant".to_owned())]);
    let tickets = found(&staff.get("/api/admin/search/?q=ILLISIBLE").await.body);
    assert_eq!(tickets, vec![("ticket".to_owned(), "Facture illisible".to_owned())]);
    let contact = found(&staff.get(&format!("/api/admin/search/?q={}", tenant.owner.email)).await.body);
    assert!(contact.contains(&("contact".to_owned(), tenant.owner.name.clone())), "{contact:?}");
    let limited = staff.get(&format!("/api/admin/search/?q={prefix}&limit=1")).await.assert_status(200);
    assert_eq!(found(&limited.body).iter().filter(|(kind, _)| kind == "invoice").count(), 1);

    staff.get("/api/admin/search/?q=a").await.assert_field_error("q");
    staff.get(&format!("/api/admin/search/?q={}", "x".repeat(101))).await.assert_field_error("q");
    staff.get("/api/admin/search/?q=ab&limit=0").await.assert_field_error("limit");
    // Never anything for a client's session.
    payer.get(&format!("/api/admin/search/?q={number}")).await.assert_error(403, "permission_denied");
    app.client().get(&format!("/api/admin/search/?q={number}")).await.assert_status(401);
}

#[actix_web::test]
async fn saved_filters_are_each_staff_members_own() {
    let app = TestApp::new().await;
    let (mine, theirs) = (app.staff().await, app.staff().await);
    let saved = mine
        .post(
            "/api/admin/saved-filters/",
            &json!({"scope": "clients", "name": "BTP actifs", "query": "?status=active&sector=btp"}),
        )
        .await
        .assert_status(201);
    assert_eq!(saved.body["query"], "status=active&sector=btp");
    let again = json!({"scope": "clients", "name": "btp ACTIFS", "query": ""});
    mine.post("/api/admin/saved-filters/", &again).await.assert_field_error("name");
    mine.post("/api/admin/saved-filters/", &json!({"scope": "crm", "name": "x", "query": ""})).await.assert_status(400);

    let listed = mine.get("/api/admin/saved-filters/?scope=clients").await.assert_status(200);
    assert_eq!(listed.body.as_array().map(Vec::len), Some(1));
    assert_eq!(theirs.get("/api/admin/saved-filters/").await.assert_status(200).body, json!([]));
    let path = format!("/api/admin/saved-filters/{}/", saved.id());
    theirs.delete(&path).await.assert_error(404, "not_found");
    mine.get("/api/admin/saved-filters/?scope=nope").await.assert_field_error("scope");
    app.client_owner().await.get("/api/admin/saved-filters/").await.assert_error(403, "permission_denied");
    mine.delete(&path).await.assert_status(204);
    assert_eq!(mine.get("/api/admin/saved-filters/").await.body, json!([]));
}
