//! The committed OpenAPI document is exactly what the code produces.

use std::process::Command;

#[test]
fn committed_openapi_matches_the_code() {
    let output = Command::new(env!("CARGO_BIN_EXE_nourx")).args(["openapi", "-"]).output().expect("run nourx openapi");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let generated = String::from_utf8(output.stdout).expect("utf-8");
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi/openapi.json"))
        .expect("openapi/openapi.json is committed");
    assert!(generated == committed, "openapi/openapi.json is out of date: run `./x openapi` and commit the result");
}

#[test]
fn every_operation_documents_its_errors_and_security() {
    let document: serde_json::Value =
        serde_json::from_str(&nourx_api::openapi().to_json().expect("json")).expect("valid json");
    let paths = document["paths"].as_object().expect("paths");
    // Authenticated by their own signature or token instead of the session (the upload form of
    // the local storage, as on S3): no CSRF header.
    let csrf_exempt = nourx_api::ApiConfig::development(Vec::new()).csrf_exempt_paths;
    assert!(paths.len() >= 7, "every endpoint of the foundation is documented");
    for (path, item) in paths {
        for (method, operation) in item.as_object().expect("path item") {
            let responses = operation["responses"].as_object().expect("responses");
            // (A redirect is the success of CinetPay's return route.)
            assert!(
                responses.keys().any(|code| code.starts_with('2') || code.starts_with('3')),
                "{method} {path}: no success response"
            );
            if method != "get" && !csrf_exempt.contains(path) {
                let security = operation["security"].to_string();
                assert!(security.contains("csrf_token"), "{method} {path} must document the CSRF header");
                assert!(responses.contains_key("403"), "{method} {path} must document the CSRF 403");
            }
            if operation["security"].to_string().contains("session_cookie") {
                assert!(responses.contains_key("401"), "{method} {path} must document 401");
            }
        }
    }
    let schemes = &document["components"]["securitySchemes"];
    assert_eq!(schemes["session_cookie"]["in"], "cookie");
    assert_eq!(schemes["session_cookie"]["name"], "sessionid");
}

/// The `$ref`s a response documents as its JSON body (one, or the items of a `oneOf`).
fn body_schemas(response: &serde_json::Value) -> Vec<String> {
    let schema = &response["content"]["application/json"]["schema"];
    let refs = match schema["oneOf"].as_array() {
        Some(items) => items.iter().map(|item| &item["$ref"]).collect(),
        None => vec![&schema["$ref"]],
    };
    refs.into_iter()
        .filter_map(|r| r.as_str())
        .map(|r| r.trim_start_matches("#/components/schemas/").to_owned())
        .collect()
}

/// What the shared machinery answers whatever the handler says (the `Json` extractor, query and
/// path parsing, the NUL check, throttling) is documented on every operation it can reach.
#[test]
fn every_operation_documents_what_the_shared_extractors_answer() {
    let document: serde_json::Value =
        serde_json::from_str(&nourx_api::openapi().to_json().expect("json")).expect("valid json");
    let mut json_bodies = 0;
    for (path, item) in document["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("path item") {
            let responses = &operation["responses"];
            let json_body = operation["requestBody"]["content"]["application/json"].is_object();
            let parameters = operation["parameters"].as_array().cloned().unwrap_or_default();
            let in_place = |place: &str| parameters.iter().any(|p| p["in"] == place);
            if json_body {
                json_bodies += 1;
                let bad = body_schemas(&responses["400"]);
                assert!(
                    bad.contains(&"ValidationErrors".to_owned()) && bad.contains(&"ErrorDetail".to_owned()),
                    "{method} {path}: 400 must be field errors or a parse_error detail, is {bad:?}"
                );
                for status in ["413", "415"] {
                    assert_eq!(body_schemas(&responses[status]), ["ErrorDetail"], "{method} {path}: {status}");
                }
            }
            if in_place("query") {
                assert!(
                    body_schemas(&responses["400"]).contains(&"ValidationErrors".to_owned()),
                    "{method} {path}: a bad (or NUL) query parameter is a 400"
                );
            }
            if in_place("path") {
                assert!(responses["404"].is_object(), "{method} {path}: an unparsable path parameter is a 404");
            }
            if responses["429"].is_object() {
                assert_eq!(
                    responses["429"]["headers"]["Retry-After"]["schema"]["type"], "integer",
                    "{method} {path}: 429 carries Retry-After"
                );
            }
        }
    }
    assert!(json_bodies >= 26, "{json_bodies} operations take JSON");
}

/// Every route a pay link's holder reaches (no account) documents what the link's state and the
/// per-address limits answer: 410 once the link expired or was revoked, 429 with `Retry-After`.
#[test]
fn every_pay_link_route_documents_gone_links_and_throttling() {
    let document: serde_json::Value =
        serde_json::from_str(&nourx_api::openapi().to_json().expect("json")).expect("valid json");
    let mut operations = 0;
    for (path, item) in document["paths"].as_object().expect("paths") {
        if !path.starts_with("/api/public/pay/") {
            continue;
        }
        for (method, operation) in item.as_object().expect("path item") {
            operations += 1;
            let responses = &operation["responses"];
            let gone = responses["410"]["description"].as_str().unwrap_or_default();
            assert!(gone.contains("link_expired") && gone.contains("link_revoked"), "{method} {path}: 410 is `{gone}`");
            assert_eq!(body_schemas(&responses["410"]), ["ErrorDetail"], "{method} {path}: 410's body");
            assert!(responses["429"].is_object(), "{method} {path} must document 429");
            assert!(responses["429"]["headers"]["Retry-After"].is_object(), "{method} {path}: 429 without Retry-After");
        }
    }
    assert_eq!(operations, 6, "the invoice, its PDF, init, resume, the payment and its receipt");
}

/// A pay link's `state` is one of three words, and the document says which.
#[test]
fn a_pay_link_s_state_is_an_enum() {
    let document: serde_json::Value =
        serde_json::from_str(&nourx_api::openapi().to_json().expect("json")).expect("valid json");
    let schemas = &document["components"]["schemas"];
    let state = &schemas["PayLinkDto"]["properties"]["state"];
    assert_eq!(state["$ref"], "#/components/schemas/PayLinkState", "{state}");
    assert_eq!(schemas["PayLinkState"]["enum"], serde_json::json!(["active", "expired", "revoked"]));
}
