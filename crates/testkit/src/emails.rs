//! The emails the app queued (its outbox), the single-use links in them, and a redacted text of
//! each for snapshots: what changes from run to run (ids, tokens, dates, the API's port, the year
//! in document numbers) is replaced by a placeholder.

use std::sync::OnceLock;

use diesel::prelude::*;
use nourx_db::schema::outbox;
use regex::Regex;

use crate::TestApp;

/// One email of the outbox.
#[derive(Debug, Clone)]
pub struct SentEmail {
    pub to: String,
    pub template: String,
    pub locale: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// pending, sent, kept or failed.
    pub status: String,
    api_url: String,
}

impl SentEmail {
    /// The token of the single-use link in the text (`…?token=…`).
    #[track_caller]
    pub fn token(&self) -> String {
        token_in(&self.text)
    }

    /// The recipient, subject and text with what changes between runs replaced: for snapshots.
    pub fn redacted(&self) -> String {
        let text = format!("To: {}\nSubject: {}\n\n{}", self.to, self.subject, self.text);
        redact(&text.replace(&self.api_url, "http://[api]"))
    }
}

/// The token of the first single-use link (`?token=…`) in `text`.
#[track_caller]
pub fn token_in(text: &str) -> String {
    let start = text.find("?token=").unwrap_or_else(|| panic!("no link with a token in {text}")) + "?token=".len();
    text[start..].split(|c: char| c.is_whitespace() || c == '"').next().unwrap_or_default().to_owned()
}

/// `text` with ids, tokens, dates, times and the year of document numbers replaced.
pub fn redact(text: &str) -> String {
    static RULES: OnceLock<Vec<(Regex, &'static str)>> = OnceLock::new();
    let rules = RULES.get_or_init(|| {
        [
            (r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "[uuid]"),
            (r"token=[A-Za-z0-9_\-]+", "token=[token]"),
            (r"\b\d{2}/\d{2}/\d{4}\b", "[date]"),
            (
                r"\b(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}\b",
                "[date]",
            ),
            (r"\b\d{2}:\d{2}\b", "[time]"),
            (r"\b(NX|DV|REC)-\d{4}-", "$1-[year]-"),
        ]
        .into_iter()
        .map(|(pattern, replacement)| (Regex::new(pattern).expect("a redaction pattern"), replacement))
        .collect()
    });
    rules
        .iter()
        .fold(text.to_owned(), |text, (pattern, replacement)| pattern.replace_all(&text, *replacement).into_owned())
}

impl TestApp {
    /// Every email queued so far, oldest first.
    pub async fn emails(&self) -> Vec<SentEmail> {
        let api_url = self.base_url.clone();
        let rows: Vec<(String, String, String, String, String, String, String)> = self
            .with_conn(|conn| {
                outbox::table
                    .order((outbox::created_at.asc(), outbox::id.asc()))
                    .select((
                        outbox::to_email,
                        outbox::template,
                        outbox::locale,
                        outbox::subject,
                        outbox::text_body,
                        outbox::html_body,
                        outbox::status,
                    ))
                    .load(conn)
                    .expect("the outbox")
            })
            .await;
        rows.into_iter()
            .map(|(to, template, locale, subject, text, html, status)| SentEmail {
                to,
                template,
                locale,
                subject,
                text,
                html,
                status,
                api_url: api_url.clone(),
            })
            .collect()
    }

    /// The emails of `template` queued for `to`, oldest first.
    pub async fn emails_to(&self, to: &str, template: &str) -> Vec<SentEmail> {
        self.emails().await.into_iter().filter(|email| email.to == to && email.template == template).collect()
    }

    /// The newest email of `template` queued for `to`; panics when there is none.
    pub async fn last_email_to(&self, to: &str, template: &str) -> SentEmail {
        let emails = self.emails_to(to, template).await;
        emails.into_iter().last().unwrap_or_else(|| panic!("no {template} email to {to} in the outbox"))
    }
}
