//! Browser uploads by HTTP POST: the policy document, and its AWS Signature Version 4.
//!
//! `aws-sdk-s3` presigns GET and PUT but not POST, so the form is built here: a JSON policy
//! (expiration + conditions), base64-encoded, signed with the SigV4 key of the day, region and
//! service (`aws_sigv4::sign::v4`). The local backend uses the same policy document, signed with
//! HMAC-SHA256 under its own key.
//!
//! Reference: "Creating a POST policy" and "Example: Browser-Based Upload using HTTP POST (Using
//! AWS Signature Version 4)" in the S3 API reference; the unit tests check the documented example.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};

use crate::{PresignedUpload, UploadPolicy};

pub const SIGV4_ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// One condition of a policy. Only the kinds NOURX signs: exact matches and the size range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// `{"field": "value"}` (or `["eq", "$field", "value"]`): the form field must equal `value`.
    Eq { field: String, value: String },
    /// `["content-length-range", min, max]`: the file's size in bytes, bounds included.
    ContentLengthRange { min: u64, max: u64 },
}

impl Condition {
    pub fn eq(field: &str, value: &str) -> Condition {
        Condition::Eq { field: field.to_owned(), value: value.to_owned() }
    }
}

/// A POST policy document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyDocument {
    pub expiration: DateTime<Utc>,
    pub conditions: Vec<Condition>,
}

impl PolicyDocument {
    /// The conditions every NOURX upload pins: bucket, exact key, exact content type, sizes.
    pub fn for_upload(bucket: &str, policy: &UploadPolicy, expiration: DateTime<Utc>) -> PolicyDocument {
        PolicyDocument {
            expiration,
            conditions: vec![
                Condition::eq("bucket", bucket),
                Condition::eq("key", &policy.key),
                Condition::eq("Content-Type", &policy.content_type),
                Condition::ContentLengthRange { min: policy.min_size, max: policy.max_size },
            ],
        }
    }

    pub fn to_json(&self) -> String {
        let conditions: Vec<Value> = self
            .conditions
            .iter()
            .map(|condition| match condition {
                Condition::Eq { field, value } => {
                    Value::Object(std::iter::once((field.clone(), Value::String(value.clone()))).collect())
                }
                Condition::ContentLengthRange { min, max } => json!(["content-length-range", min, max]),
            })
            .collect();
        json!({
            "expiration": self.expiration.to_rfc3339_opts(SecondsFormat::Millis, true),
            "conditions": conditions,
        })
        .to_string()
    }

    /// The `policy` form field, which is also what gets signed.
    pub fn to_base64(&self) -> String {
        BASE64.encode(self.to_json())
    }

    /// Reads a policy of the kinds above; anything else is an error (message in English).
    pub fn from_base64(encoded: &str) -> Result<PolicyDocument, String> {
        let json = BASE64.decode(encoded.trim()).map_err(|e| format!("policy is not base64: {e}"))?;
        let value: Value = serde_json::from_slice(&json).map_err(|e| format!("policy is not JSON: {e}"))?;
        let expiration = value
            .get("expiration")
            .and_then(Value::as_str)
            .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
            .ok_or("policy has no valid expiration")?
            .with_timezone(&Utc);
        let conditions = value
            .get("conditions")
            .and_then(Value::as_array)
            .ok_or("policy has no conditions")?
            .iter()
            .map(parse_condition)
            .collect::<Result<_, _>>()?;
        Ok(PolicyDocument { expiration, conditions })
    }
}

fn parse_condition(value: &Value) -> Result<Condition, String> {
    match value {
        Value::Object(map) if map.len() == 1 => {
            let (field, value) = map.iter().next().ok_or("empty condition")?;
            let value = value.as_str().ok_or_else(|| format!("condition on {field} is not a string"))?;
            Ok(Condition::eq(field, value))
        }
        Value::Array(items) => match items.as_slice() {
            [Value::String(op), Value::String(field), Value::String(value)] if op == "eq" => {
                let field = field.strip_prefix('$').ok_or("eq condition without $field")?;
                Ok(Condition::eq(field, value))
            }
            [Value::String(op), min, max] if op == "content-length-range" => {
                let (Some(min), Some(max)) = (min.as_u64(), max.as_u64()) else {
                    return Err("content-length-range bounds are not integers".into());
                };
                Ok(Condition::ContentLengthRange { min, max })
            }
            _ => Err(format!("unsupported condition {value}")),
        },
        _ => Err(format!("unsupported condition {value}")),
    }
}

/// What signs a request to S3.
#[derive(Clone)]
pub struct SigV4Credentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    /// Temporary credentials (STS) come with a token, sent as `x-amz-security-token`.
    pub session_token: Option<String>,
}

impl std::fmt::Debug for SigV4Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigV4Credentials").field("access_key_id", &self.access_key_id).finish_non_exhaustive()
    }
}

/// The hex SigV4 signature of `string_to_sign` (for POST: the base64 policy) for `s3` in
/// `region` on the day of `date`.
pub fn sigv4_signature(secret_access_key: &str, date: DateTime<Utc>, region: &str, string_to_sign: &str) -> String {
    let signing_key = aws_sigv4::sign::v4::generate_signing_key(secret_access_key, date.into(), region, "s3");
    aws_sigv4::sign::v4::calculate_signature(signing_key, string_to_sign.as_bytes())
}

/// A presigned POST to `url` (the bucket's address) for `policy`, signed at `now`.
pub fn presign_post(
    url: &str,
    bucket: &str,
    region: &str,
    credentials: &SigV4Credentials,
    policy: &UploadPolicy,
    now: DateTime<Utc>,
) -> PresignedUpload {
    let expires_at = now + policy.expires_in;
    let amz_date = now.format("%Y%m%dT%H%M%SZ").to_string();
    let credential = format!("{}/{}/{region}/s3/aws4_request", credentials.access_key_id, now.format("%Y%m%d"));
    let mut document = PolicyDocument::for_upload(bucket, policy, expires_at);
    // Every field of the form must be covered by a condition (the signature and policy aside).
    document.conditions.push(Condition::eq("x-amz-algorithm", SIGV4_ALGORITHM));
    document.conditions.push(Condition::eq("x-amz-credential", &credential));
    document.conditions.push(Condition::eq("x-amz-date", &amz_date));
    if let Some(token) = &credentials.session_token {
        document.conditions.push(Condition::eq("x-amz-security-token", token));
    }
    let encoded = document.to_base64();
    let signature = sigv4_signature(&credentials.secret_access_key, now, region, &encoded);
    let mut fields = vec![
        ("key".to_owned(), policy.key.clone()),
        ("Content-Type".to_owned(), policy.content_type.clone()),
        ("x-amz-algorithm".to_owned(), SIGV4_ALGORITHM.to_owned()),
        ("x-amz-credential".to_owned(), credential),
        ("x-amz-date".to_owned(), amz_date),
    ];
    if let Some(token) = &credentials.session_token {
        fields.push(("x-amz-security-token".to_owned(), token.clone()));
    }
    fields.push(("policy".to_owned(), encoded));
    fields.push(("x-amz-signature".to_owned(), signature));
    PresignedUpload { url: url.to_owned(), fields, expires_at }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use chrono::TimeZone;

    use super::*;

    // The worked example of the S3 API reference ("Example: Browser-Based Upload using HTTP POST
    // (Using AWS Signature Version 4)"): its credentials, policy as base64, and signature.
    const EXAMPLE_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const EXAMPLE_POLICY: &str = "eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7ImJ1Y2tldCI6ICJzaWd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci91c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0sDQogICAgeyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUxMjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iOiAiQUVTMjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIsICIkeC1hbXotbWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJQUlPU0ZPRE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9";
    const EXAMPLE_SIGNATURE: &str = "8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e";

    fn example_date() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2015, 12, 29, 0, 0, 0).single().expect("date")
    }

    #[test]
    fn signature_of_the_aws_documented_example() {
        assert_eq!(sigv4_signature(EXAMPLE_SECRET, example_date(), "us-east-1", EXAMPLE_POLICY), EXAMPLE_SIGNATURE);
        // Any other time of the same day gives the same key: only the date is in the scope.
        let later = example_date() + chrono::Duration::hours(22);
        assert_eq!(sigv4_signature(EXAMPLE_SECRET, later, "us-east-1", EXAMPLE_POLICY), EXAMPLE_SIGNATURE);
        assert_ne!(sigv4_signature(EXAMPLE_SECRET, example_date(), "eu-west-1", EXAMPLE_POLICY), EXAMPLE_SIGNATURE);
    }

    fn upload_policy() -> UploadPolicy {
        UploadPolicy {
            key: "documents/0190f3a2/contrat.pdf".into(),
            content_type: "application/pdf".into(),
            min_size: 1,
            max_size: 50 * 1024 * 1024,
            expires_in: Duration::from_secs(600),
        }
    }

    fn credentials(token: Option<&str>) -> SigV4Credentials {
        SigV4Credentials {
            access_key_id: "AKIAIOSFODNN7EXAMPLE".into(),
            secret_access_key: EXAMPLE_SECRET.into(),
            session_token: token.map(str::to_owned),
        }
    }

    #[test]
    fn presigned_post_pins_exactly_bucket_key_type_and_size() {
        let now = Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 5).single().expect("date");
        let form = presign_post(
            "https://nourx-docs.s3.eu-west-3.amazonaws.com",
            "nourx-docs",
            "eu-west-3",
            &credentials(None),
            &upload_policy(),
            now,
        );
        let names: Vec<&str> = form.fields.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(
            names,
            ["key", "Content-Type", "x-amz-algorithm", "x-amz-credential", "x-amz-date", "policy", "x-amz-signature"]
        );
        let field = |name: &str| form.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).expect(name);
        assert_eq!(field("x-amz-credential"), "AKIAIOSFODNN7EXAMPLE/20261124/eu-west-3/s3/aws4_request");
        assert_eq!(field("x-amz-date"), "20261124T093005Z");
        assert_eq!(form.expires_at, now + chrono::Duration::minutes(10));

        let json: Value =
            serde_json::from_slice(&BASE64.decode(field("policy")).expect("base64")).expect("policy is JSON");
        assert_eq!(
            json,
            json!({
                "expiration": "2026-11-24T09:40:05.000Z",
                "conditions": [
                    {"bucket": "nourx-docs"},
                    {"key": "documents/0190f3a2/contrat.pdf"},
                    {"Content-Type": "application/pdf"},
                    ["content-length-range", 1, 52428800],
                    {"x-amz-algorithm": "AWS4-HMAC-SHA256"},
                    {"x-amz-credential": "AKIAIOSFODNN7EXAMPLE/20261124/eu-west-3/s3/aws4_request"},
                    {"x-amz-date": "20261124T093005Z"},
                ]
            })
        );
        assert_eq!(field("x-amz-signature"), sigv4_signature(EXAMPLE_SECRET, now, "eu-west-3", field("policy")));
        assert_eq!(field("x-amz-signature").len(), 64);
    }

    #[test]
    fn temporary_credentials_add_the_token_to_form_and_policy() {
        let now = Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 5).single().expect("date");
        let form = presign_post("http://s3/b", "b", "us-east-1", &credentials(Some("tok+en/=")), &upload_policy(), now);
        assert!(form.fields.contains(&("x-amz-security-token".to_owned(), "tok+en/=".to_owned())));
        let policy = form.fields.iter().find(|(n, _)| n == "policy").map(|(_, v)| v.clone()).expect("policy");
        let document = PolicyDocument::from_base64(&policy).expect("parse");
        assert!(document.conditions.contains(&Condition::eq("x-amz-security-token", "tok+en/=")));
    }

    #[test]
    fn policies_round_trip_and_strange_ones_are_refused() {
        let expiration = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).single().expect("date");
        let document = PolicyDocument::for_upload("local", &upload_policy(), expiration);
        assert_eq!(PolicyDocument::from_base64(&document.to_base64()), Ok(document));

        let encode = |json: &str| BASE64.encode(json);
        let eq_form = encode(r#"{"expiration":"2026-01-02T03:04:05.000Z","conditions":[["eq","$key","a"]]}"#);
        assert_eq!(PolicyDocument::from_base64(&eq_form).expect("eq").conditions, [Condition::eq("key", "a")]);
        for bad in [
            r#"{"conditions":[]}"#,
            r#"{"expiration":"tomorrow","conditions":[]}"#,
            r#"{"expiration":"2026-01-02T03:04:05.000Z"}"#,
            r#"{"expiration":"2026-01-02T03:04:05.000Z","conditions":[["starts-with","$key",""]]}"#,
            r#"{"expiration":"2026-01-02T03:04:05.000Z","conditions":[["content-length-range",-1,5]]}"#,
            r#"{"expiration":"2026-01-02T03:04:05.000Z","conditions":[{"key":"a","acl":"b"}]}"#,
            r#"{"expiration":"2026-01-02T03:04:05.000Z","conditions":[{"key":1}]}"#,
        ] {
            assert!(PolicyDocument::from_base64(&encode(bad)).is_err(), "{bad}");
        }
        assert!(PolicyDocument::from_base64("not base64!").is_err());
    }
}
