//! The built-in templates and how a template source becomes a [`RenderedEmail`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use minijinja::{AutoEscape, Environment, Template, UndefinedBehavior, Value};
use nourx_domain::Locale;
use serde::{Deserialize, Serialize};

use crate::error::MailError;
use crate::html;

/// Which email to send. Each key has one built-in source per language and a fixed set of variables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TemplateKey {
    /// A client's person invites someone to the client's portal.
    Invitation,
    /// A link to choose a new password.
    PasswordReset,
    /// Acknowledges a new ticket and says when the first response is due.
    TicketCreated,
    /// Someone replied on a ticket.
    TicketReply,
    /// NOURX sent a quote to the client's billing contacts.
    QuoteSent,
    /// NOURX sent an invoice to the client's billing contacts.
    InvoiceSent,
    /// An unpaid invoice is due soon, or overdue: a scheduled step or a reminder by staff.
    InvoiceReminder,
    /// An online payment of an invoice was settled: thanks, the amount, what is left, the receipt.
    PaymentReceipt,
    /// An admin invites someone to join NOURX's staff (set a password, then enrol 2FA).
    StaffInvitation,
    /// NOURX delivered a milestone: the client's owners and members are asked to approve it.
    MilestoneAwaitingApproval,
    /// A client asked for changes on a milestone: its project manager hears of it.
    MilestoneChangesRequested,
    /// A task was assigned to someone.
    TaskAssigned,
    /// Someone commented on a task one is assigned to or created.
    TaskComment,
    /// A ticket's SLA clock is at risk or breached: its assignee (or every staff member) hears of it.
    SlaAlert,
    /// NOURX resolved a ticket: the client is asked to rate it.
    TicketResolved,
}

impl TemplateKey {
    /// Every key, for admin screens and exhaustive tests.
    pub const ALL: &'static [TemplateKey] = &[
        TemplateKey::Invitation,
        TemplateKey::PasswordReset,
        TemplateKey::TicketCreated,
        TemplateKey::TicketReply,
        TemplateKey::QuoteSent,
        TemplateKey::InvoiceSent,
        TemplateKey::InvoiceReminder,
        TemplateKey::PaymentReceipt,
        TemplateKey::StaffInvitation,
        TemplateKey::MilestoneAwaitingApproval,
        TemplateKey::MilestoneChangesRequested,
        TemplateKey::TaskAssigned,
        TemplateKey::TaskComment,
        TemplateKey::SlaAlert,
        TemplateKey::TicketResolved,
    ];

    /// The stable name stored in the database (outbox rows, admin overrides).
    pub fn as_str(self) -> &'static str {
        match self {
            TemplateKey::Invitation => "invitation",
            TemplateKey::PasswordReset => "password_reset",
            TemplateKey::TicketCreated => "ticket_created",
            TemplateKey::TicketReply => "ticket_reply",
            TemplateKey::QuoteSent => "quote_sent",
            TemplateKey::InvoiceSent => "invoice_sent",
            TemplateKey::InvoiceReminder => "invoice_reminder",
            TemplateKey::PaymentReceipt => "payment_receipt",
            TemplateKey::StaffInvitation => "staff_invitation",
            TemplateKey::MilestoneAwaitingApproval => "milestone_awaiting_approval",
            TemplateKey::MilestoneChangesRequested => "milestone_changes_requested",
            TemplateKey::TaskAssigned => "task_assigned",
            TemplateKey::TaskComment => "task_comment",
            TemplateKey::SlaAlert => "sla_alert",
            TemplateKey::TicketResolved => "ticket_resolved",
        }
    }

    /// The inverse of [`as_str`](Self::as_str).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|key| key.as_str() == s)
    }

    /// The variables the template may use, all of which the built-in sources do use. Dates, durations
    /// and amounts arrive already formatted for the recipient's language, so templates stay almost
    /// logic-free: the one boolean, `fully_paid` of [`PaymentReceipt`](Self::PaymentReceipt), picks
    /// between "paid in full" and the balance.
    pub fn variables(self) -> &'static [&'static str] {
        match self {
            TemplateKey::Invitation => &["inviter_name", "client_name", "accept_url", "expires_at"],
            TemplateKey::PasswordReset => &["name", "reset_url", "valid_minutes"],
            TemplateKey::TicketCreated => &["name", "ticket_subject", "ticket_url", "first_response_due"],
            TemplateKey::TicketReply => &["name", "ticket_subject", "ticket_url", "author_name", "excerpt"],
            TemplateKey::QuoteSent => {
                &["client_name", "number", "title", "total", "valid_until", "quote_url", "pdf_url"]
            }
            TemplateKey::InvoiceSent => {
                &["client_name", "number", "title", "total", "due_date", "invoice_url", "pdf_url"]
            }
            TemplateKey::InvoiceReminder => {
                &["client_name", "number", "title", "balance", "due_date", "overdue", "invoice_url", "pdf_url"]
            }
            TemplateKey::StaffInvitation => &["name", "inviter_name", "role_label", "accept_url", "expires_at"],
            TemplateKey::MilestoneAwaitingApproval => {
                &["name", "project_name", "milestone_title", "amount", "milestone_url"]
            }
            TemplateKey::MilestoneChangesRequested => {
                &["name", "client_name", "project_name", "milestone_title", "author_name", "comment", "milestone_url"]
            }
            TemplateKey::TaskAssigned => {
                &["name", "assigner_name", "task_title", "project_name", "due_date", "task_url"]
            }
            TemplateKey::TaskComment => &["name", "author_name", "task_title", "project_name", "excerpt", "task_url"],
            TemplateKey::SlaAlert => {
                &["name", "ticket_number", "ticket_subject", "client_name", "what", "breached", "due", "ticket_url"]
            }
            TemplateKey::TicketResolved => &["name", "ticket_number", "ticket_subject", "rate_url"],
            TemplateKey::PaymentReceipt => &[
                "name",
                "client_name",
                "invoice_number",
                "amount",
                "balance",
                "fully_paid",
                "receipt_number",
                "receipt_url",
                "invoice_url",
                "method",
            ],
        }
    }
}

impl fmt::Display for TemplateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A template as written by a person: minijinja syntax (`{{ name }}`) in plain text.
///
/// Kept as data so that admins can override a built-in source per language (see [`crate::check_source`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateSource {
    /// One line; line breaks in the rendered subject are folded into spaces.
    pub subject: String,
    /// Plain text; blank lines separate paragraphs.
    pub body: String,
    /// The content of the HTML body (what goes inside the email's frame), with every value escaped
    /// when it is rendered. `None`, as in every built-in template: the HTML is derived from the text.
    #[serde(default)]
    pub html: Option<String>,
}

/// An email ready to send, as stored in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderedEmail {
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
}

/// The file of a built-in template: the subject on the first line, a blank line, then the body.
fn builtin_file(key: TemplateKey, locale: Locale) -> &'static str {
    match (key, locale) {
        (TemplateKey::Invitation, Locale::Fr) => include_str!("../templates/invitation.fr.txt"),
        (TemplateKey::Invitation, Locale::En) => include_str!("../templates/invitation.en.txt"),
        (TemplateKey::PasswordReset, Locale::Fr) => include_str!("../templates/password_reset.fr.txt"),
        (TemplateKey::PasswordReset, Locale::En) => include_str!("../templates/password_reset.en.txt"),
        (TemplateKey::TicketCreated, Locale::Fr) => include_str!("../templates/ticket_created.fr.txt"),
        (TemplateKey::TicketCreated, Locale::En) => include_str!("../templates/ticket_created.en.txt"),
        (TemplateKey::TicketReply, Locale::Fr) => include_str!("../templates/ticket_reply.fr.txt"),
        (TemplateKey::TicketReply, Locale::En) => include_str!("../templates/ticket_reply.en.txt"),
        (TemplateKey::QuoteSent, Locale::Fr) => include_str!("../templates/quote_sent.fr.txt"),
        (TemplateKey::QuoteSent, Locale::En) => include_str!("../templates/quote_sent.en.txt"),
        (TemplateKey::InvoiceSent, Locale::Fr) => include_str!("../templates/invoice_sent.fr.txt"),
        (TemplateKey::InvoiceSent, Locale::En) => include_str!("../templates/invoice_sent.en.txt"),
        (TemplateKey::InvoiceReminder, Locale::Fr) => include_str!("../templates/invoice_reminder.fr.txt"),
        (TemplateKey::InvoiceReminder, Locale::En) => include_str!("../templates/invoice_reminder.en.txt"),
        (TemplateKey::PaymentReceipt, Locale::Fr) => include_str!("../templates/payment_receipt.fr.txt"),
        (TemplateKey::PaymentReceipt, Locale::En) => include_str!("../templates/payment_receipt.en.txt"),
        (TemplateKey::StaffInvitation, Locale::Fr) => include_str!("../templates/staff_invitation.fr.txt"),
        (TemplateKey::StaffInvitation, Locale::En) => include_str!("../templates/staff_invitation.en.txt"),
        (TemplateKey::MilestoneAwaitingApproval, Locale::Fr) => {
            include_str!("../templates/milestone_awaiting_approval.fr.txt")
        }
        (TemplateKey::MilestoneAwaitingApproval, Locale::En) => {
            include_str!("../templates/milestone_awaiting_approval.en.txt")
        }
        (TemplateKey::MilestoneChangesRequested, Locale::Fr) => {
            include_str!("../templates/milestone_changes_requested.fr.txt")
        }
        (TemplateKey::MilestoneChangesRequested, Locale::En) => {
            include_str!("../templates/milestone_changes_requested.en.txt")
        }
        (TemplateKey::TaskAssigned, Locale::Fr) => include_str!("../templates/task_assigned.fr.txt"),
        (TemplateKey::TaskAssigned, Locale::En) => include_str!("../templates/task_assigned.en.txt"),
        (TemplateKey::TaskComment, Locale::Fr) => include_str!("../templates/task_comment.fr.txt"),
        (TemplateKey::TaskComment, Locale::En) => include_str!("../templates/task_comment.en.txt"),
        (TemplateKey::SlaAlert, Locale::Fr) => include_str!("../templates/sla_alert.fr.txt"),
        (TemplateKey::SlaAlert, Locale::En) => include_str!("../templates/sla_alert.en.txt"),
        (TemplateKey::TicketResolved, Locale::Fr) => include_str!("../templates/ticket_resolved.fr.txt"),
        (TemplateKey::TicketResolved, Locale::En) => include_str!("../templates/ticket_resolved.en.txt"),
    }
}

/// The built-in subject and body of a template in a language.
pub fn default_source(key: TemplateKey, locale: Locale) -> TemplateSource {
    let file = builtin_file(key, locale);
    let (subject, rest) = file.split_once('\n').unwrap_or((file, ""));
    // Tolerate a CRLF checkout: the subject's `\r` is trimmed, the body is normalised when rendered.
    let body = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix('\n')).unwrap_or(rest);
    TemplateSource { subject: subject.trim().to_owned(), body: body.to_owned(), html: None }
}

/// Renders `source` with `vars`, a JSON object whose values are strings, numbers or booleans (for
/// `{% if %}`).
///
/// Every variable the source uses must be present ([`MailError::MissingVariables`]); variables the
/// source does not use are ignored, so a caller can pass a key's full set of variables to any
/// override of it (an override may leave one out). Values are inserted verbatim in the subject and the
/// text body, and escaped in the HTML body. The HTML has no `lang` attribute: see [`render_in`].
pub fn render(source: &TemplateSource, vars: &serde_json::Value) -> Result<RenderedEmail, MailError> {
    render_with(source, None, vars)
}

/// Like [`render`], for a source known to be written in `locale` (the HTML declares its language,
/// which screen readers use).
pub fn render_in(
    source: &TemplateSource,
    locale: Locale,
    vars: &serde_json::Value,
) -> Result<RenderedEmail, MailError> {
    render_with(source, Some(locale), vars)
}

/// Renders the built-in source of `key` in `locale`.
pub fn render_default(key: TemplateKey, locale: Locale, vars: &serde_json::Value) -> Result<RenderedEmail, MailError> {
    render_with(&default_source(key, locale), Some(locale), vars)
}

/// Checks that `source` parses and uses only the variables of `key`, so that an admin's override is
/// refused when saved rather than failing for every email later.
pub fn validate_source(key: TemplateKey, source: &TemplateSource) -> Result<(), MailError> {
    let env = environment();
    let compiled = compile(&env, source)?;
    let mut unknown = BTreeSet::new();
    for template in compiled.all() {
        for name in free_variables(&env, template) {
            if !key.variables().contains(&name.as_str()) {
                unknown.insert(name);
            }
        }
    }
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(MailError::UnknownVariables { template: key.as_str(), names: unknown.into_iter().collect() })
    }
}

fn render_with(
    source: &TemplateSource,
    locale: Option<Locale>,
    vars: &serde_json::Value,
) -> Result<RenderedEmail, MailError> {
    let context = context(vars)?;
    let env = environment();
    let compiled = compile(&env, source)?;

    // Strict undefined behaviour would also stop at the first missing variable; checking up front
    // names all of them at once.
    let mut missing = BTreeSet::new();
    for template in compiled.all() {
        missing.extend(free_variables(&env, template).into_iter().filter(|name| !context.contains_key(name)));
    }
    if !missing.is_empty() {
        return Err(MailError::MissingVariables(missing.into_iter().collect()));
    }

    let context = Value::from_object(context);
    let subject = one_line(&compiled.subject.render(&context).map_err(template_error)?);
    if subject.is_empty() {
        return Err(MailError::Template("the subject is empty".to_owned()));
    }
    let text_body = normalize_text(&compiled.body.render(&context).map_err(template_error)?);
    let html_body = match &compiled.html {
        Some(template) => html::page(&subject, template.render(&context).map_err(template_error)?.trim(), locale),
        None => html::text_to_html(&subject, &text_body, locale),
    };
    Ok(RenderedEmail { subject, text_body, html_body })
}

/// The template names of a source's parts; the HTML part is the one rendered with escaping.
pub(crate) const SUBJECT: &str = "subject";
pub(crate) const BODY: &str = "body";
pub(crate) const HTML: &str = "html";

/// Instructions (and, roughly, 64 bytes of memory each) one part of an email may use when it is
/// rendered: a hundred times what the longest built-in template needs, and a stop to an override
/// looping a hundred thousand times over a hundred thousand items.
const FUEL: u64 = 50_000;

/// The engine configuration shared by rendering and validation.
pub(crate) fn environment<'source>() -> Environment<'source> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // The text parts are never escaped: their HTML is derived from the text, escaping everything at
    // that single point (see the crate documentation). An HTML part escapes every value, and `safe`,
    // which would let a value (a client's ticket excerpt) through as markup, does not exist.
    env.set_auto_escape_callback(|name| if name == HTML { AutoEscape::Html } else { AutoEscape::None });
    env.remove_filter("safe");
    env.set_fuel(Some(FUEL));
    env
}

/// The compiled parts of a source.
pub(crate) struct Compiled<'env, 'source> {
    pub(crate) subject: Template<'env, 'source>,
    pub(crate) body: Template<'env, 'source>,
    pub(crate) html: Option<Template<'env, 'source>>,
}

impl<'env, 'source> Compiled<'env, 'source> {
    pub(crate) fn all(&self) -> impl Iterator<Item = &Template<'env, 'source>> {
        [Some(&self.subject), Some(&self.body), self.html.as_ref()].into_iter().flatten()
    }
}

fn compile<'env, 'source>(
    env: &'env Environment<'source>,
    source: &'source TemplateSource,
) -> Result<Compiled<'env, 'source>, MailError> {
    let subject = env.template_from_named_str(SUBJECT, &source.subject).map_err(template_error)?;
    let body = env.template_from_named_str(BODY, &source.body).map_err(template_error)?;
    let html = match &source.html {
        Some(html) => Some(env.template_from_named_str(HTML, html).map_err(template_error)?),
        None => None,
    };
    Ok(Compiled { subject, body, html })
}

/// The variables `template` reads from its context, leaving out the engine's own globals (`range`…).
pub(crate) fn free_variables(env: &Environment<'_>, template: &Template<'_, '_>) -> BTreeSet<String> {
    let globals: BTreeSet<&str> = env.globals().map(|(name, _)| name).collect();
    template.undeclared_variables(false).into_iter().filter(|name| !globals.contains(name.as_str())).collect()
}

/// Converts the JSON variables to template values, refusing anything but strings, numbers and
/// booleans: a `null` or a nested object would print as `none` or `{…}` in someone's inbox. Booleans
/// are for conditions (`fully_paid`); the built-in sources never print one.
pub(crate) fn context(vars: &serde_json::Value) -> Result<BTreeMap<String, Value>, MailError> {
    let Some(object) = vars.as_object() else {
        return Err(MailError::InvalidVariables("expected a JSON object".to_owned()));
    };
    let mut context = BTreeMap::new();
    for (name, value) in object {
        let value = match value {
            serde_json::Value::String(s) => Value::from(s.as_str()),
            serde_json::Value::Bool(b) => Value::from(*b),
            serde_json::Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    Value::from(i)
                } else if let Some(u) = n.as_u64() {
                    Value::from(u)
                } else if let Some(f) = n.as_f64() {
                    Value::from(f)
                } else {
                    return Err(MailError::InvalidVariables(format!("`{name}` is not a representable number")));
                }
            }
            _ => {
                return Err(MailError::InvalidVariables(format!("`{name}` must be a string, a number or a boolean")));
            }
        };
        context.insert(name.clone(), value);
    }
    Ok(context)
}

fn template_error(e: minijinja::Error) -> MailError {
    MailError::Template(e.to_string())
}

/// A subject is a single header line: any line break (from a value or an override) becomes a space,
/// which also rules out header injection.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// LF line endings, no trailing spaces, no leading or trailing blank lines, one final newline.
fn normalize_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 1);
    for line in s.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let trimmed = out.trim_matches('\n');
    let mut text = String::with_capacity(trimmed.len() + 1);
    text.push_str(trimmed);
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Sample values for every documented variable of `key`.
    fn sample_vars(key: TemplateKey) -> serde_json::Value {
        let mut vars = serde_json::Map::new();
        for &name in key.variables() {
            let value = match name {
                "valid_minutes" => json!(60),
                // False, so that the balance is printed too.
                "fully_paid" => json!(false),
                // True, so that the overdue wording is checked.
                "overdue" | "breached" => json!(true),
                "accept_url" => json!("https://app.nourx.ci/invitations/abc123"),
                "reset_url" => json!("https://app.nourx.ci/reset/xyz789"),
                "ticket_url" => json!("https://app.nourx.ci/tickets/42"),
                "receipt_url" => json!("https://app.nourx.ci/api/payments/7/receipt/"),
                "expires_at" | "first_response_due" => json!("30/11/2026 14:30"),
                other => json!(format!("value-of-{other}")),
            };
            vars.insert(name.to_owned(), value);
        }
        serde_json::Value::Object(vars)
    }

    #[test]
    fn keys_round_trip_and_are_unique() {
        assert_eq!(TemplateKey::ALL.len(), 15);
        for &key in TemplateKey::ALL {
            assert_eq!(TemplateKey::parse(key.as_str()), Some(key));
            assert_eq!(key.to_string(), key.as_str());
        }
        assert_eq!(TemplateKey::parse("Invitation"), None);
        assert_eq!(TemplateKey::parse(""), None);
    }

    #[test]
    fn builtin_files_have_a_subject_line_then_a_blank_line() {
        for &key in TemplateKey::ALL {
            for locale in [Locale::Fr, Locale::En] {
                let file = builtin_file(key, locale);
                let mut lines = file.lines();
                let subject = lines.next().unwrap_or("");
                assert!(!subject.trim().is_empty(), "{key} {locale:?}: empty subject");
                assert_eq!(lines.next(), Some(""), "{key} {locale:?}: second line must be blank");
                let source = default_source(key, locale);
                assert_eq!(source.subject, subject);
                assert!(!source.body.starts_with('\n'));
                let signature = source.body.trim_end().lines().last().unwrap_or("");
                assert!(signature == "L'équipe NOURX" || signature == "The NOURX team", "{key} {locale:?}: signed");
            }
        }
    }

    #[test]
    fn builtin_sources_use_exactly_the_documented_variables() {
        for &key in TemplateKey::ALL {
            for locale in [Locale::Fr, Locale::En] {
                let source = default_source(key, locale);
                validate_source(key, &source).unwrap_or_else(|e| panic!("{key} {locale:?}: {e}"));
                let env = environment();
                let compiled = compile(&env, &source).unwrap_or_else(|e| panic!("{key} {locale:?}: {e}"));
                let used: BTreeSet<String> = compiled.all().flat_map(|t| free_variables(&env, t)).collect();
                let documented: BTreeSet<String> = key.variables().iter().map(|v| (*v).to_owned()).collect();
                assert_eq!(used, documented, "{key} {locale:?}");
            }
        }
    }

    #[test]
    fn every_template_renders_in_both_languages() {
        for &key in TemplateKey::ALL {
            let vars = sample_vars(key);
            let fr = render_default(key, Locale::Fr, &vars).unwrap_or_else(|e| panic!("{key} fr: {e}"));
            let en = render_default(key, Locale::En, &vars).unwrap_or_else(|e| panic!("{key} en: {e}"));
            for (email, locale, signature) in [(&fr, Locale::Fr, "L'équipe NOURX"), (&en, Locale::En, "The NOURX team")]
            {
                assert!(!email.subject.is_empty());
                assert!(!email.subject.contains('\n'));
                assert!(!email.text_body.contains("{{"), "{key} {locale:?}: unrendered tag");
                assert!(email.text_body.trim_end().ends_with(signature), "{key} {locale:?}");
                assert!(email.html_body.contains(&format!("<html lang=\"{}\">", locale.as_str())));
                for (name, value) in vars.as_object().into_iter().flatten() {
                    let value = match value {
                        serde_json::Value::String(s) => s.clone(),
                        // A condition, not a text.
                        serde_json::Value::Bool(_) => continue,
                        other => other.to_string(),
                    };
                    let everywhere = format!("{}\n{}", email.subject, email.text_body);
                    assert!(everywhere.contains(&value), "{key} {locale:?}: {name} not rendered");
                }
                // The action link is clickable in the HTML.
                for url in ["accept_url", "reset_url", "ticket_url", "receipt_url"] {
                    if let Some(url) = vars.get(url).and_then(|v| v.as_str()) {
                        assert!(email.html_body.contains(&format!("<a href=\"{url}\"")), "{key} {locale:?}");
                    }
                }
            }
            assert_ne!(fr.subject, en.subject);
            assert_ne!(fr.text_body, en.text_body);
        }
    }

    #[test]
    fn the_invitation_reads_well() {
        let vars = json!({
            "inviter_name": "Awa Koné",
            "client_name": "Akwaba Digital",
            "accept_url": "https://app.nourx.ci/invitations/abc",
            "expires_at": "30/11/2026 à 14:30",
        });
        let email = render_default(TemplateKey::Invitation, Locale::Fr, &vars).unwrap();
        assert_eq!(email.subject, "Invitation à rejoindre l'espace client NOURX de Akwaba Digital");
        assert!(email.text_body.starts_with("Bonjour,\n\nAwa Koné vous invite"));
        assert!(email.text_body.contains("\nhttps://app.nourx.ci/invitations/abc\n"));
        assert!(email.text_body.contains("valable jusqu'au 30/11/2026 à 14:30."));
        assert!(email.text_body.ends_with("Cordialement,\nL'équipe NOURX\n"));
        assert!(email.html_body.contains("L&#39;équipe NOURX"));
    }

    fn payment_vars(fully_paid: bool) -> serde_json::Value {
        json!({
            "name": "Awa",
            "client_name": "Akwaba Digital",
            "invoice_number": "NX-2026-0042",
            "amount": "150\u{202F}000\u{A0}FCFA",
            "balance": if fully_paid { "0\u{A0}FCFA" } else { "3\u{202F}283\u{202F}900\u{A0}FCFA" },
            "fully_paid": fully_paid,
            "receipt_number": "REC-2026-0001",
            "receipt_url": "https://app.nourx.ci/api/payments/7/receipt/",
            "invoice_url": "https://app.nourx.ci/factures/42",
            "method": "Orange Money",
        })
    }

    #[test]
    fn the_payment_receipt_reads_well_in_french() {
        let email = render_default(TemplateKey::PaymentReceipt, Locale::Fr, &payment_vars(false)).unwrap();
        assert_eq!(email.subject, "Paiement reçu — facture NX-2026-0042");
        assert!(
            email.text_body.starts_with("Bonjour Awa,\n\nNous avons bien reçu votre paiement"),
            "{}",
            email.text_body
        );
        assert!(email.text_body.contains("pour la facture NX-2026-0042 de Akwaba Digital."));
        assert!(email.text_body.contains("Montant reçu : 150\u{202F}000\u{A0}FCFA\n"));
        assert!(email.text_body.contains("Moyen de paiement : Orange Money\n"));
        assert!(email.text_body.contains("Reste à payer : 3\u{202F}283\u{202F}900\u{A0}FCFA\n"));
        assert!(!email.text_body.contains("intégralement réglée"));
        assert!(
            email
                .text_body
                .contains("Votre reçu REC-2026-0001 (PDF) :\nhttps://app.nourx.ci/api/payments/7/receipt/\n")
        );
        assert!(email.text_body.contains("\nhttps://app.nourx.ci/factures/42\n"));
        assert!(email.text_body.ends_with("Cordialement,\nL'équipe NOURX\n"));
        assert!(email.html_body.contains("<a href=\"https://app.nourx.ci/api/payments/7/receipt/\""));
        assert!(email.html_body.contains("<html lang=\"fr\">"));

        let paid = render_default(TemplateKey::PaymentReceipt, Locale::Fr, &payment_vars(true)).unwrap();
        assert!(paid.text_body.contains("\nLa facture est désormais intégralement réglée.\n"), "{}", paid.text_body);
        assert!(!paid.text_body.contains("Reste à payer"));
        assert!(!paid.text_body.contains("true"));
    }

    #[test]
    fn the_payment_receipt_reads_well_in_english() {
        let email = render_default(TemplateKey::PaymentReceipt, Locale::En, &payment_vars(false)).unwrap();
        assert_eq!(email.subject, "Payment received — invoice NX-2026-0042");
        assert!(email.text_body.starts_with("Hello Awa,\n\nWe have received your payment for invoice NX-2026-0042"));
        assert!(email.text_body.contains("Amount received: 150\u{202F}000\u{A0}FCFA\n"));
        assert!(email.text_body.contains("Payment method: Orange Money\n"));
        assert!(email.text_body.contains("Balance due: 3\u{202F}283\u{202F}900\u{A0}FCFA\n"));
        assert!(
            email
                .text_body
                .contains("Your receipt REC-2026-0001 (PDF):\nhttps://app.nourx.ci/api/payments/7/receipt/\n")
        );
        assert!(email.text_body.ends_with("Kind regards,\nThe NOURX team\n"));
        assert!(email.html_body.contains("<html lang=\"en\">"));

        let paid = render_default(TemplateKey::PaymentReceipt, Locale::En, &payment_vars(true)).unwrap();
        assert!(paid.text_body.contains("\nThe invoice is now paid in full.\n"), "{}", paid.text_body);
        assert!(!paid.text_body.contains("Balance due"));
    }

    #[test]
    fn password_reset_says_it_can_be_ignored() {
        let vars = json!({"name": "Kofi", "reset_url": "https://app.nourx.ci/r/1", "valid_minutes": 60});
        let fr = render_default(TemplateKey::PasswordReset, Locale::Fr, &vars).unwrap();
        assert!(fr.text_body.contains("valable 60 minutes"));
        assert!(fr.text_body.contains("vous pouvez ignorer ce message"));
        let en = render_default(TemplateKey::PasswordReset, Locale::En, &vars).unwrap();
        assert!(en.text_body.contains("valid for 60 minutes"));
        assert!(en.text_body.contains("you can ignore this email"));
    }

    #[test]
    fn a_missing_variable_is_an_error_naming_every_missing_one() {
        let mut vars = sample_vars(TemplateKey::TicketReply);
        if let Some(object) = vars.as_object_mut() {
            object.remove("excerpt");
            object.remove("ticket_subject");
        }
        match render_default(TemplateKey::TicketReply, Locale::Fr, &vars) {
            Err(MailError::MissingVariables(names)) => assert_eq!(names, ["excerpt", "ticket_subject"]),
            other => panic!("expected missing variables, got {other:?}"),
        }
        let err = render_default(TemplateKey::Invitation, Locale::En, &json!({})).err();
        assert!(err.as_ref().is_some_and(MailError::is_permanent), "{err:?}");
    }

    #[test]
    fn strict_undefined_also_catches_what_the_static_check_cannot_see() {
        let source = TemplateSource { subject: "S".into(), body: "{{ user.name }}".into(), html: None };
        let err = render(&source, &json!({"user": "Awa"})).err();
        assert!(matches!(err, Some(MailError::Template(_))), "{err:?}");
    }

    #[test]
    fn extra_variables_are_ignored_when_rendering_but_unknown_ones_fail_validation() {
        // Rendering: a caller may pass more than the source uses.
        let mut vars = sample_vars(TemplateKey::PasswordReset);
        if let Some(object) = vars.as_object_mut() {
            object.insert("unused".into(), json!("whatever"));
        }
        let email = render_default(TemplateKey::PasswordReset, Locale::Fr, &vars).unwrap();
        assert!(!email.text_body.contains("whatever"));

        // Validation of an override: only the key's documented variables are allowed.
        let source = TemplateSource {
            subject: "Bonjour {{ name }}".into(),
            body: "{{ reset_url }} {{ password }} {% for i in range(2) %}{{ i }}{% endfor %}".into(),
            html: None,
        };
        match validate_source(TemplateKey::PasswordReset, &source) {
            Err(MailError::UnknownVariables { template, names }) => {
                assert_eq!(template, "password_reset");
                assert_eq!(names, ["password"]);
            }
            other => panic!("expected unknown variables, got {other:?}"),
        }
    }

    #[test]
    fn values_are_escaped_in_html_and_verbatim_in_text() {
        let mut vars = sample_vars(TemplateKey::TicketReply);
        if let Some(object) = vars.as_object_mut() {
            object.insert("excerpt".into(), json!("<script>alert('x')</script> & {{ name }}"));
            object.insert("ticket_subject".into(), json!("Bug <b>urgent</b>"));
        }
        let email = render_default(TemplateKey::TicketReply, Locale::Fr, &vars).unwrap();
        assert!(email.text_body.contains("<script>alert('x')</script> & {{ name }}"));
        assert_eq!(email.subject, "Nouvelle réponse au ticket : Bug <b>urgent</b>");
        assert!(email.html_body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; {{ name }}"));
        assert!(email.html_body.contains("Bug &lt;b&gt;urgent&lt;/b&gt;"));
        assert!(!email.html_body.contains("<script"));
        assert!(!email.html_body.contains("<b>"));
    }

    #[test]
    fn an_html_part_escapes_every_value_and_sits_in_the_same_frame() {
        let source = TemplateSource {
            subject: "Réponse : {{ ticket_subject }}".into(),
            body: "{{ excerpt }}".into(),
            html: Some("<p><b>{{ author_name }}</b> a répondu :</p>\n<blockquote>{{ excerpt }}</blockquote>\n".into()),
        };
        let vars = json!({"ticket_subject": "A & B", "author_name": "Koffi", "excerpt": "<script>x</script>"});
        let email = render_in(&source, Locale::Fr, &vars).unwrap();
        assert_eq!(email.text_body, "<script>x</script>\n");
        assert!(email.html_body.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">\n"), "{}", email.html_body);
        assert!(email.html_body.contains("<title>Réponse : A &amp; B</title>"));
        assert!(
            email.html_body.contains(
                "<p><b>Koffi</b> a répondu :</p>\n<blockquote>&lt;script&gt;x&lt;&#x2f;script&gt;</blockquote>\n</div>"
            ),
            "{}",
            email.html_body
        );
        // Without an HTML part, the HTML is still derived from the text.
        let derived = render_in(&TemplateSource { html: None, ..source }, Locale::Fr, &vars).unwrap();
        assert!(derived.html_body.contains("<p style=\"margin:0 0 16px 0;\">&lt;script&gt;x&lt;/script&gt;</p>"));
    }

    #[test]
    fn the_subject_stays_on_one_line() {
        let source = TemplateSource { subject: "Ticket : {{ s }}".into(), body: "Corps".into(), html: None };
        let email = render(&source, &json!({"s": "a\r\nBcc: victim@example.com"})).unwrap();
        assert_eq!(email.subject, "Ticket : a Bcc: victim@example.com");
        assert!(email.html_body.starts_with("<!DOCTYPE html>\n<html>\n"));
        let empty = TemplateSource { subject: "{{ s }}".into(), body: "Corps".into(), html: None };
        assert!(matches!(render(&empty, &json!({"s": "  "})), Err(MailError::Template(_))));
    }

    #[test]
    fn text_is_normalised() {
        let source =
            TemplateSource { subject: "S".into(), body: "\r\n\r\nLigne  \r\n\r\nFin\r\n\r\n".into(), html: None };
        let email = render(&source, &json!({})).unwrap();
        assert_eq!(email.text_body, "Ligne\n\nFin\n");
    }

    #[test]
    fn variables_must_be_an_object_of_strings_numbers_and_booleans() {
        let source = TemplateSource { subject: "S {{ a }}".into(), body: "B".into(), html: None };
        for bad in
            [json!(null), json!(["a"]), json!("a"), json!({"a": null}), json!({"a": {"b": 1}}), json!({"a": [true]})]
        {
            assert!(matches!(render(&source, &bad), Err(MailError::InvalidVariables(_))), "{bad}");
        }
        for (good, subject) in [(json!({"a": 1.5}), "S 1.5"), (json!({"a": -3}), "S -3"), (json!({"a": "x"}), "S x")] {
            assert_eq!(render(&source, &good).map(|e| e.subject).ok().as_deref(), Some(subject));
        }
        // Booleans drive conditions.
        let conditional =
            TemplateSource { subject: "S{% if a %} oui{% else %} non{% endif %}".into(), body: "B".into(), html: None };
        for (flag, subject) in [(true, "S oui"), (false, "S non")] {
            assert_eq!(render(&conditional, &json!({"a": flag})).map(|e| e.subject).ok().as_deref(), Some(subject));
        }
    }

    #[test]
    fn a_broken_override_is_a_template_error() {
        let source = TemplateSource { subject: "S".into(), body: "Bonjour {{ name ".into(), html: None };
        let err = validate_source(TemplateKey::PasswordReset, &source).err();
        assert!(matches!(&err, Some(MailError::Template(message)) if message.contains("body")), "{err:?}");
        assert!(matches!(render(&source, &json!({"name": "A"})), Err(MailError::Template(_))));
    }

    #[test]
    fn rendered_emails_and_sources_serialize() {
        let source = default_source(TemplateKey::Invitation, Locale::Fr);
        let back: TemplateSource = serde_json::from_value(serde_json::to_value(&source).unwrap()).unwrap();
        assert_eq!(back, source);
        let email =
            render_default(TemplateKey::PasswordReset, Locale::En, &sample_vars(TemplateKey::PasswordReset)).unwrap();
        let json = serde_json::to_value(&email).unwrap();
        assert_eq!(json["subject"], "Reset your NOURX password");
        let back: RenderedEmail = serde_json::from_value(json).unwrap();
        assert_eq!(back, email);
    }
}
