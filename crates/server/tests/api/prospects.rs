//! The sales pipeline through real HTTP on a real database: prospects and their filters, the
//! board and its moves (won and lost need a reason), stages, the CSV import (all or nothing),
//! the website's contact form (CORS, honeypot, limit), and the conversion into a client.

use insta::assert_json_snapshot;
use nourx_domain::limits::RateLimit;
use nourx_testkit::{Actor, QuoteBuilder, TestApp, TestResponse};
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

async fn prospect(staff: &Actor, body: Value) -> TestResponse {
    staff.post("/api/admin/prospects/", &body).await
}

async fn import(staff: &Actor, query: &str, csv: impl Into<Vec<u8>>) -> TestResponse {
    let path = format!("/api/admin/prospects/import/{query}");
    staff.http.request(Method::POST, &path).body(csv, "text/csv").send().await
}

fn stage_id(board: &Value, name: &str) -> String {
    board["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .find(|c| c["stage"]["name"] == name)
        .map(|c| c["stage"]["id"].as_str().expect("id").to_owned())
        .unwrap_or_else(|| panic!("no stage {name}"))
}

fn column<'a>(board: &'a Value, name: &str) -> &'a Value {
    board["columns"].as_array().expect("columns").iter().find(|c| c["stage"]["name"] == name).expect("column")
}

#[actix_web::test]
async fn prospects_are_created_checked_filtered_and_never_deleted_once_converted() {
    let app = TestApp::new().await;
    let staff = app.staff_member().await;
    let body = json!({"company": "Café Ivoire", "contact_name": "Aya Kouassi", "email": "AYA@cafe.ci", "source": "trade_show",
        "estimated_value": 1_500_000, "city": "Abidjan", "sector": "Agro", "tags": ["Export"], "owner_id": staff.user.id});
    let created = prospect(&staff, body).await.assert_status(201);
    assert_eq!(created.body["stage_name"], "Nouveau");
    assert_eq!(created.body["probability"], 10, "the stage's");
    assert_eq!(created.body["weighted_value"], 150_000);
    assert_eq!(created.body["email"], "aya@cafe.ci");
    assert_eq!(created.body["owner_name"], staff.user.name.as_str());

    let again = prospect(&staff, json!({"company": "Autre", "email": "aya@cafe.ci"})).await.assert_status(400);
    assert_eq!(again.body["email"][0], "Un prospect avec cet e-mail existe déjà.");
    let bad = prospect(
        &staff,
        json!({"email": "pas-un-email", "estimated_value": -1, "probability": 101, "owner_id": Uuid::new_v4()}),
    )
    .await;
    assert_json_snapshot!("prospect_invalid", bad.assert_status(400).snapshot());
    prospect(&staff, json!({"company": "Baobab BTP", "city": "Bouaké", "source": "referral"})).await.assert_status(201);

    let names = |page: &Value| -> Vec<String> {
        page["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|p| p["company"].as_str().expect("company").to_owned())
            .collect()
    };
    let by_city = staff.get("/api/admin/prospects/?city=abidjan").await.assert_status(200);
    assert_eq!(names(&by_city.body), ["Café Ivoire"]);
    let mine = staff.get("/api/admin/prospects/?owner=me&tag=export&source=trade_show").await.assert_status(200);
    assert_eq!(names(&mine.body), ["Café Ivoire"]);
    let searched = staff.get("/api/admin/prospects/?search=baobab&ordering=-estimated_value").await.assert_status(200);
    assert_eq!(names(&searched.body), ["Baobab BTP"]);
    staff.get("/api/admin/prospects/?source=pigeon").await.assert_status(400);

    let id = created.id();
    let changed =
        staff.patch(&format!("/api/admin/prospects/{id}/"), &json!({"estimated_value": 2_000_000, "city": null})).await;
    assert_eq!(changed.assert_status(200).body["city"], Value::Null);
    staff.delete(&format!("/api/admin/prospects/{id}/")).await.assert_status(204);
    assert_eq!(app.audit_actions("prospect", id).await, ["create", "update", "delete"]);
    let owner = app.client_owner().await;
    owner.get("/api/admin/prospects/").await.assert_status(403);
}

#[actix_web::test]
async fn the_board_moves_prospects_and_won_or_lost_need_a_reason() {
    let app = TestApp::new().await;
    let staff = app.staff_member().await;
    let first = prospect(&staff, json!({"company": "A", "estimated_value": 1_000_000})).await.assert_status(201).id();
    let second = prospect(&staff, json!({"company": "B", "estimated_value": 500_000})).await.assert_status(201).id();
    let board = staff.get("/api/admin/pipeline/").await.assert_status(200).body;
    let (qualified, won, lost) = (stage_id(&board, "Qualifié"), stage_id(&board, "Gagné"), stage_id(&board, "Perdu"));
    assert_eq!(column(&board, "Nouveau")["stage"]["count"], 2);
    assert_eq!(column(&board, "Nouveau")["stage"]["weighted_value"], 150_000);

    let moved = staff.post(&format!("/api/admin/prospects/{first}/move/"), &json!({"stage_id": qualified})).await;
    assert_eq!(moved.assert_status(200).body["probability"], 25);
    // B lands after A in the column.
    staff
        .post(&format!("/api/admin/prospects/{second}/move/"), &json!({"stage_id": qualified, "after": first}))
        .await
        .assert_status(200);
    let board = staff.get("/api/admin/pipeline/").await.assert_status(200).body;
    let order: Vec<&str> = column(&board, "Qualifié")["prospects"]
        .as_array()
        .expect("cards")
        .iter()
        .map(|p| p["company"].as_str().expect("c"))
        .collect();
    assert_eq!(order, ["A", "B"]);
    // And back on top.
    staff
        .post(&format!("/api/admin/prospects/{second}/move/"), &json!({"stage_id": qualified}))
        .await
        .assert_status(200);

    let no_reason =
        staff.post(&format!("/api/admin/prospects/{first}/move/"), &json!({"stage_id": lost, "reason": " "})).await;
    assert_json_snapshot!("prospect_lost_without_reason", no_reason.assert_status(400).snapshot());
    let lost_one = staff
        .post(&format!("/api/admin/prospects/{first}/move/"), &json!({"stage_id": lost, "reason": "Budget gelé"}))
        .await;
    let lost_one = lost_one.assert_status(200);
    assert_eq!(
        (&lost_one.body["outcome_reason"], &lost_one.body["stage_kind"]),
        (&json!("Budget gelé"), &json!("lost"))
    );
    assert!(!lost_one.body["closed_at"].is_null());
    let reopened = staff
        .post(&format!("/api/admin/prospects/{first}/move/"), &json!({"stage_id": qualified}))
        .await
        .assert_status(200);
    assert!(reopened.body["closed_at"].is_null() && reopened.body["outcome_reason"].is_null());
    staff
        .post(&format!("/api/admin/prospects/{second}/move/"), &json!({"stage_id": won, "reason": "Signé"}))
        .await
        .assert_status(200);
    staff
        .post(&format!("/api/admin/prospects/{second}/move/"), &json!({"stage_id": qualified, "after": Uuid::new_v4()}))
        .await
        .assert_status(400);

    let activities = staff.get(&format!("/api/admin/prospects/{first}/activities/")).await.assert_status(200);
    let bodies: Vec<&str> = activities.body["results"]
        .as_array()
        .expect("activities")
        .iter()
        .map(|a| a["body"].as_str().expect("b"))
        .collect();
    assert_eq!(bodies, ["→ Qualifié", "→ Perdu : Budget gelé", "→ Qualifié"]);
    let kpis = staff.get("/api/admin/kpis/").await.assert_status(200).body;
    // A was lost, then reopened: only B counts, won.
    assert_eq!((kpis["prospects_won"].as_i64(), kpis["prospects_lost"].as_i64()), (Some(1), Some(0)));
    assert_eq!(kpis["conversion_rate"], 1.0);
    assert_eq!(kpis["pipeline_value"], 1_000_000);
    assert_eq!(kpis["pipeline_weighted_value"], 250_000);

    // The board's totals come from a summary the triggers keep: it agrees with the prospects
    // themselves (a filtered board counts them), through moves, an edit and a deletion.
    let third = prospect(&staff, json!({"company": "C", "estimated_value": 333_333})).await.assert_status(201).id();
    staff.patch(&format!("/api/admin/prospects/{third}/"), &json!({"probability": 33})).await.assert_status(200);
    staff.delete(&format!("/api/admin/prospects/{second}/")).await.assert_status(204);
    let summary = staff.get("/api/admin/pipeline/").await.assert_status(200).body;
    let counted = staff.get("/api/admin/pipeline/?converted=false").await.assert_status(200).body;
    for name in ["Nouveau", "Qualifié", "Gagné", "Perdu"] {
        assert_eq!(column(&summary, name)["stage"], column(&counted, name)["stage"], "{name}");
    }
    assert_eq!(column(&summary, "Nouveau")["stage"]["weighted_value"], 110_000);
    assert_eq!(column(&summary, "Gagné")["stage"]["count"], 0);
}

#[actix_web::test]
async fn admins_shape_the_stages_and_a_stage_in_use_stays() {
    let app = TestApp::new().await;
    let (admin, staff) = (app.staff().await, app.staff_member().await);
    staff.post("/api/admin/pipeline/stages/", &json!({"name": "Démo faite"})).await.assert_status(403);
    let demo = admin
        .post("/api/admin/pipeline/stages/", &json!({"name": "Démo faite", "probability": 60}))
        .await
        .assert_status(201);
    admin.post("/api/admin/pipeline/stages/", &json!({"name": "démo FAITE"})).await.assert_status(400);
    admin
        .patch(&format!("/api/admin/pipeline/stages/{}/", demo.id()), &json!({"position": 1}))
        .await
        .assert_status(200);
    let stages = staff.get("/api/admin/pipeline/stages/").await.assert_status(200).body;
    let names: Vec<&str> = stages.as_array().expect("stages").iter().map(|s| s["name"].as_str().expect("n")).collect();
    assert_eq!(names, ["Démo faite", "Nouveau", "Qualifié", "Proposition envoyée", "Négociation", "Gagné", "Perdu"]);
    let won = stages.as_array().expect("stages").iter().find(|s| s["kind"] == "won").expect("won")["id"]
        .as_str()
        .expect("id")
        .to_owned();
    admin.patch(&format!("/api/admin/pipeline/stages/{won}/"), &json!({"position": 1})).await.assert_status(400);
    admin.delete(&format!("/api/admin/pipeline/stages/{won}/")).await.assert_error(409, "stage_in_use");
    prospect(&staff, json!({"company": "X", "stage_id": demo.id()})).await.assert_status(201);
    admin.delete(&format!("/api/admin/pipeline/stages/{}/", demo.id())).await.assert_error(409, "stage_in_use");
}

#[actix_web::test]
async fn a_prospect_gets_quotes_then_becomes_a_client_with_its_contact_invited() {
    let app = TestApp::new().await;
    let staff = app.staff_member().await;
    let without_email = prospect(&staff, json!({"company": "Sans Mail"})).await.assert_status(201).id();
    staff.post(&format!("/api/admin/prospects/{without_email}/convert/"), &json!({})).await.assert_status(400);

    let body = json!({"company": "Café Ivoire", "contact_name": "Aya Kouassi", "email": "aya@cafe.ci", "sector": "Agro", "tags": ["export"]});
    let id = prospect(&staff, body).await.assert_status(201).id();
    let quote_client =
        staff.post(&format!("/api/admin/prospects/{id}/quote-client/"), &json!({})).await.assert_status(200);
    let client_id = quote_client.uuid("client_id");
    let same = staff.post(&format!("/api/admin/prospects/{id}/quote-client/"), &json!({})).await.assert_status(200);
    assert_eq!(same.uuid("client_id"), client_id, "made once");
    let quote = QuoteBuilder::new(&client_id).line("Site vitrine", 1, 900_000).build(&app).await;
    // Not a client yet: not in the client list, unless asked.
    let listed = staff.get("/api/clients/?search=Café").await.assert_status(200);
    assert_eq!(listed.body["count"], 0);
    let prospects_only = staff.get("/api/clients/?status=prospect").await.assert_status(200);
    assert_eq!(prospects_only.body["count"], 1);

    let converted = staff.post(&format!("/api/admin/prospects/{id}/convert/"), &json!({})).await.assert_status(200);
    assert_eq!(converted.uuid("client_id"), client_id);
    assert_eq!(converted.body["prospect"]["stage_kind"], "won");
    assert_eq!(converted.body["invited_email"], "aya@cafe.ci");
    let client = staff.get(&format!("/api/clients/{client_id}/")).await.assert_status(200);
    assert_eq!((&client.body["status"], &client.body["sector"]), (&json!("active"), &json!("Agro")));
    let invitation = app.last_email_to("aya@cafe.ci", "invitation").await;
    assert!(invitation.text.contains("Café Ivoire"), "{}", invitation.text);
    let carried = staff.get(&format!("/api/quotes/{}/", quote.id)).await.assert_status(200);
    assert_eq!(carried.body["client_id"], client_id.to_string(), "the quote is the client's");

    staff
        .post(&format!("/api/admin/prospects/{id}/convert/"), &json!({}))
        .await
        .assert_error(409, "prospect_converted");
    staff.delete(&format!("/api/admin/prospects/{id}/")).await.assert_error(409, "prospect_converted");
    let board = staff.get("/api/admin/pipeline/").await.assert_status(200).body;
    let qualified = stage_id(&board, "Qualifié");
    staff
        .post(&format!("/api/admin/prospects/{id}/move/"), &json!({"stage_id": qualified}))
        .await
        .assert_error(409, "prospect_converted");
}

#[actix_web::test]
async fn a_prospect_named_like_a_client_is_refused_a_client_of_its_own() {
    let app = TestApp::new().await;
    let staff = app.staff_member().await;
    staff.post("/api/clients/", &json!({"name": "Baobab BTP"})).await.assert_status(201);
    let body = json!({"company": "baobab btp", "email": "koffi@baobab.ci"});
    let id = prospect(&staff, body).await.assert_status(201).id();
    let refused = staff.post(&format!("/api/admin/prospects/{id}/quote-client/"), &json!({})).await;
    refused.assert_error(409, "client_name_taken");
    staff.post(&format!("/api/admin/prospects/{id}/convert/"), &json!({})).await.assert_error(409, "client_name_taken");
    let unchanged = staff.get(&format!("/api/admin/prospects/{id}/")).await.assert_status(200);
    assert_eq!((&unchanged.body["client_id"], &unchanged.body["converted_at"]), (&Value::Null, &Value::Null));
    assert!(app.emails_to("koffi@baobab.ci", "invitation").await.is_empty(), "nobody invited");
}

#[actix_web::test]
async fn an_import_is_previewed_then_done_whole_or_refused_whole() {
    let app = TestApp::new().await;
    let staff = app.staff_member().await;
    let file = "Société;Contact;E-mail;Source;Valeur;Ville\n\
                Café Ivoire;Aya Kouassi;aya@cafe.ci;Salon;1 500 000;Abidjan\n\
                Baobab BTP;Koffi Yao;koffi@baobab.ci;Recommandation;800 000 FCFA;Bouaké\n";
    let latin1: Vec<u8> = file.chars().map(|c| u8::try_from(u32::from(c)).expect("latin-1")).collect();
    let preview = import(&staff, "?dry_run=true", latin1.clone()).await.assert_status(200);
    assert_eq!(
        (preview.body["imported"].as_u64(), preview.body["rows"][0]["company"].as_str()),
        (Some(0), Some("Café Ivoire"))
    );
    assert_eq!(
        staff.get("/api/admin/prospects/").await.assert_status(200).body["count"],
        0,
        "a preview changes nothing"
    );
    let done = import(&staff, "", latin1.clone()).await.assert_status(201);
    assert_eq!(done.body["imported"], 2);
    let baobab = staff.get("/api/admin/prospects/?search=baobab").await.assert_status(200);
    assert_eq!(
        (&baobab.body["results"][0]["source"], &baobab.body["results"][0]["estimated_value"]),
        (&json!("referral"), &json!(800_000))
    );

    // A bad row refuses the file, naming it; so do people already in the pipeline.
    let bad_row = import(&staff, "", format!("{file}Sans Mail;;pas-un-email;;;\n")).await;
    assert_json_snapshot!("prospect_import_refused", bad_row.assert_status(409).snapshot());
    let again = import(&staff, "", latin1).await.assert_error(409, "import_refused");
    let lines: Vec<(u64, &str)> = again.body["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| (r["line"].as_u64().expect("line"), r["fr"].as_str().expect("fr")))
        .collect();
    assert_eq!(
        lines,
        [(2, "Un prospect avec cet e-mail existe déjà."), (3, "Un prospect avec cet e-mail existe déjà.")]
    );
    assert_eq!(staff.get("/api/admin/prospects/").await.assert_status(200).body["count"], 2);
    let too_large = import(&staff, "", vec![b'a'; 3 * 1024 * 1024]).await.assert_status(400);
    assert_eq!(too_large.body["file"][0], "Le fichier dépasse 2 Mo.");
    import(&staff, "", "").await.assert_status(400);
}

#[actix_web::test]
async fn the_website_form_lands_a_lead_for_sales_and_robots_and_floods_are_kept_out() {
    let app = TestApp::with_config(|config| {
        config.lead_allowed_origins = vec!["https://www.nourx.ci".into()];
        config.limits.leads_per_ip = RateLimit::per_hour(3);
    })
    .await;
    let admin = app.staff().await;
    let visitor = app.client();
    let preflight = visitor
        .request(Method::OPTIONS, "/api/public/leads/")
        .header("Origin", "https://www.nourx.ci")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type")
        .send()
        .await;
    assert_eq!(preflight.header("access-control-allow-origin"), Some("https://www.nourx.ci"));
    let elsewhere = visitor
        .request(Method::OPTIONS, "/api/admin/prospects/")
        .header("Origin", "https://www.nourx.ci")
        .header("Access-Control-Request-Method", "GET")
        .send()
        .await;
    assert_eq!(elsewhere.header("access-control-allow-origin"), None, "the website reaches the lead route alone");

    let send = |body: Value| {
        let visitor = app.client();
        async move {
            visitor
                .request(Method::POST, "/api/public/leads/")
                .header("Origin", "https://www.nourx.ci")
                .json(&body)
                .send()
                .await
        }
    };
    let robot =
        send(json!({"name": "Bot", "email": "bot@spam.io", "message": "Buy", "website": "http://spam.io"})).await;
    robot.assert_status(201);
    let bad = send(json!({"name": " ", "email": "x", "message": ""})).await;
    assert_json_snapshot!("lead_invalid", bad.assert_status(400).snapshot());
    let lead = send(json!({"company": "Café Ivoire", "name": "Aya Kouassi", "email": "aya@cafe.ci", "message": "Un site pour exporter."})).await;
    assert_eq!(lead.assert_status(201).body["detail"], "Merci ! Nous vous recontactons sous 24 heures ouvrées.");
    send(json!({"name": "Aya", "email": "aya@cafe.ci", "message": "Encore moi"})).await.assert_error(429, "throttled");

    let leads = admin.get("/api/admin/prospects/").await.assert_status(200);
    assert_eq!(leads.body["count"], 1, "the robot left nothing");
    assert_eq!(
        (&leads.body["results"][0]["source"], &leads.body["results"][0]["stage_name"]),
        (&json!("website"), &json!("Nouveau"))
    );
    let bell = admin.get("/api/notifications/").await.assert_status(200);
    assert_eq!(bell.body["results"][0]["kind"], "prospect.lead");
}

#[actix_web::test]
async fn follow_ups_due_are_listed_and_announced_to_their_owner_once_a_day() {
    let app = TestApp::new().await;
    let staff = app.staff_member().await;
    let today = chrono::Utc::now().date_naive();
    let id =
        prospect(&staff, json!({"company": "À relancer", "owner_id": staff.user.id})).await.assert_status(201).id();
    prospect(
        &staff,
        json!({"company": "Plus tard", "owner_id": staff.user.id, "next_follow_up": today + chrono::Days::new(3)}),
    )
    .await
    .assert_status(201);
    let call = json!({"kind": "call", "body": "Rappeler après le devis", "next_follow_up": today});
    staff.post(&format!("/api/admin/prospects/{id}/activities/"), &call).await.assert_status(201);
    staff
        .post(&format!("/api/admin/prospects/{id}/activities/"), &json!({"kind": "stage_change", "body": "x"}))
        .await
        .assert_status(400);

    let due = staff.get("/api/admin/prospects/?owner=me&follow_up=due").await.assert_status(200);
    assert_eq!(due.body["count"], 1);
    let run = || {
        let db = app.db.clone();
        async move {
            tokio::task::spawn_blocking(move || nourx_api::prospects::activities::run_follow_ups(&db))
                .await
                .expect("joined")
                .expect("ran")
        }
    };
    assert_eq!(run().await, 1);
    assert_eq!(run().await, 0, "once a day");
    let bell = staff.get("/api/notifications/").await.assert_status(200);
    assert_eq!(bell.body["results"][0]["kind"], "prospect.follow_up");
}

#[actix_web::test]
async fn the_board_takes_the_list_s_filters_totals_included() {
    let app = TestApp::new().await;
    let (staff, colleague) = (app.staff_member().await, app.staff_member().await);
    prospect(&staff, json!({"company": "Mine", "estimated_value": 1_000_000, "owner_id": staff.user.id}))
        .await
        .assert_status(201);
    let other =
        json!({"company": "Theirs", "estimated_value": 3_000_000, "owner_id": colleague.user.id, "source": "website"});
    prospect(&staff, other).await.assert_status(201);
    let mine = staff.get("/api/admin/pipeline/?owner=me").await.assert_status(200).body;
    let new = column(&mine, "Nouveau");
    assert_eq!((&new["stage"]["count"], &new["stage"]["value"]), (&json!(1), &json!(1_000_000)));
    assert_eq!(new["prospects"][0]["company"], "Mine");
    let from_the_site = staff.get("/api/admin/pipeline/?source=website&search=the").await.assert_status(200).body;
    assert_eq!(column(&from_the_site, "Nouveau")["stage"]["value"], 3_000_000);
    let everything = staff.get("/api/admin/pipeline/").await.assert_status(200).body;
    assert_eq!(column(&everything, "Nouveau")["stage"]["count"], 2);
    staff.get("/api/admin/pipeline/?source=pigeon").await.assert_status(400);
}
