//! The hosted checkout ("guichet"): a French page where a person, or a browser test, chooses the
//! operator and the outcome; then the notifications, then the browser's POST back to `return_url`.
//! Mobile-first, inline CSS, no external asset, no JavaScript except the return's auto-submit
//! (which has a button and a `<noscript>` fallback).

use std::fmt::Write as _;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use crate::state::{Inner, Status, Transaction};
use crate::{OPERATORS, Outcome, SandboxError};

const SANDBOX_LABEL: &str = "Environnement de test CinetPay (bac à sable)";

const STYLE: &str = "\
*{box-sizing:border-box}\
body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#f3f4f6;color:#111827;line-height:1.5}\
.sandbox{margin:0;padding:.5rem 1rem;background:#fef3c7;color:#78350f;font-weight:600;text-align:center;font-size:.875rem}\
main{max-width:28rem;margin:0 auto;padding:1rem}\
.card{background:#fff;border-radius:.75rem;padding:1rem;box-shadow:0 1px 3px rgba(0,0,0,.12);margin-bottom:1rem}\
h1{font-size:1.25rem;margin:0 0 .75rem}\
.muted{color:#4b5563;font-size:.875rem;margin:.25rem 0}\
.amount{font-size:1.75rem;font-weight:700;margin:.5rem 0;color:#065f46}\
fieldset{border:0;padding:0;margin:0 0 1rem}\
legend{font-weight:600;margin-bottom:.5rem}\
.choice{display:flex;align-items:center;gap:.75rem;min-height:3rem;padding:.5rem .75rem;border:1px solid #d1d5db;border-radius:.5rem;margin-bottom:.5rem;cursor:pointer}\
.choice input{width:1.25rem;height:1.25rem;margin:0}\
label.field{display:block;font-weight:600;margin-bottom:.25rem}\
input[type=tel]{width:100%;min-height:3rem;padding:.5rem .75rem;font-size:1rem;border:1px solid #6b7280;border-radius:.5rem}\
.actions{display:flex;flex-direction:column;gap:.5rem;margin-top:1rem}\
button,input{font:inherit}\
button{min-height:3rem;padding:.75rem 1rem;font-size:1rem;font-weight:600;border-radius:.5rem;border:1px solid transparent;cursor:pointer;width:100%}\
.pay{background:#047857;color:#fff}\
.refuse{background:#fff;color:#991b1b;border-color:#991b1b}\
.wait{background:#fff;color:#1f2937;border-color:#6b7280}\
button:focus-visible,input:focus-visible{outline:3px solid #2563eb;outline-offset:2px}";

/// `GET /`: what this server is.
pub(crate) async fn index(inner: web::Data<Inner>) -> HttpResponse {
    let body = format!(
        "<div class=\"card\"><h1>Bac à sable CinetPay</h1>\
         <p class=\"muted\">Émulateur local de l'API Checkout v2 : <code>POST /v2/payment</code>, \
         <code>POST /v2/payment/check</code>, pages de paiement <code>/payment/{{token}}</code>.</p>\
         <p><a href=\"/merchant/transactions.csv\">Télécharger le relevé des transactions (CSV)</a></p>\
         <p class=\"muted\">Site n° {site_id}</p></div>",
        site_id = escape(&inner.config.site_id),
    );
    html(StatusCode::OK, "Bac à sable CinetPay", &body)
}

/// `GET /payment/{token}`
pub(crate) async fn page(token: web::Path<String>, inner: web::Data<Inner>) -> HttpResponse {
    let Some(transaction) = inner.by_token(&token) else {
        return not_found();
    };
    if transaction.status.is_final() {
        return already_final(&transaction);
    }
    html(StatusCode::OK, "Paiement", &checkout_form(&inner, &transaction))
}

/// `POST /payment/{token}`: `outcome` (accept, refuse, wait), `operator`, `phone`.
pub(crate) async fn submit(token: web::Path<String>, body: web::Bytes, inner: web::Data<Inner>) -> HttpResponse {
    let Some(transaction) = inner.by_token(&token) else {
        return not_found();
    };
    let form: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    let field = |name: &str| form.iter().find(|(key, _)| key == name).map(|(_, value)| value.trim());
    let outcome = match field("outcome") {
        Some("accept") => Outcome::Accept,
        Some("refuse") => Outcome::Refuse,
        Some("wait") => Outcome::Wait,
        _ => return bad_form("Choisissez « Payer », « Refuser le paiement » ou « Laisser en attente »."),
    };
    let operator = field("operator").unwrap_or("OM");
    if !OPERATORS.iter().any(|(code, _)| *code == operator) {
        return bad_form("Choisissez un moyen de paiement de la liste.");
    }
    let phone = if transaction.lock_phone_number { None } else { field("phone").filter(|phone| !phone.is_empty()) };
    match inner.decide(&transaction.transaction_id, outcome, operator, phone).await {
        Ok(()) => {}
        Err(SandboxError::AlreadyFinal { .. }) => return already_final(&transaction),
        Err(error) => {
            tracing::warn!(%error, "cinetpay sandbox: checkout form refused");
            return bad_form("Ce paiement ne peut pas être traité.");
        }
    }
    let (title, text) = match outcome {
        Outcome::Accept => ("Paiement accepté", "Votre paiement a été accepté."),
        Outcome::Refuse => ("Paiement refusé", "Le paiement a été refusé ; aucun montant n'a été débité."),
        Outcome::Wait => ("Paiement en attente", "Le paiement attend votre confirmation auprès de l'opérateur."),
    };
    let body = format!(
        "<div class=\"card\"><h1>{title}</h1><p>{text}</p>\
         <p class=\"muted\">Vous allez être redirigé vers le site du marchand.</p>{form}\
         <noscript><p class=\"muted\">Cliquez sur « Retour au site du marchand » pour revenir sur le site.</p></noscript>\
         </div><script>document.getElementById(\"retour\").submit();</script>",
        form = return_form(&transaction),
    );
    html(StatusCode::OK, title, &body)
}

fn checkout_form(inner: &Inner, transaction: &Transaction) -> String {
    let operators = offered_operators(&transaction.channels);
    let mut choices = String::new();
    for (index, (code, label)) in operators.iter().enumerate() {
        let _ = write!(
            choices,
            "<label class=\"choice\"><input type=\"radio\" name=\"operator\" value=\"{code}\"{checked}> {label}</label>",
            checked = if index == 0 { " checked" } else { "" },
        );
    }
    let phone = match (&transaction.customer_phone_number, transaction.lock_phone_number) {
        (Some(number), true) => format!(" value=\"{}\" readonly", escape(number)),
        (Some(number), false) => format!(" value=\"{}\"", escape(number)),
        (None, _) => String::new(),
    };
    format!(
        "<div class=\"card\"><h1>Paiement sécurisé</h1>\
         <p class=\"muted\">Marchand : site n° {site_id}</p>\
         <p>{description}</p>\
         <p class=\"amount\">{amount}</p>\
         <p class=\"muted\">Référence : {transaction_id}</p></div>\
         <form method=\"post\" class=\"card\">\
         <fieldset><legend>Moyen de paiement</legend>{choices}</fieldset>\
         <label class=\"field\" for=\"phone\">Numéro de téléphone (facultatif)</label>\
         <input id=\"phone\" name=\"phone\" type=\"tel\" inputmode=\"tel\" autocomplete=\"tel\" placeholder=\"07 07 07 07 07\"{phone}>\
         <div class=\"actions\">\
         <button type=\"submit\" name=\"outcome\" value=\"accept\" class=\"pay\">Payer</button>\
         <button type=\"submit\" name=\"outcome\" value=\"refuse\" class=\"refuse\">Refuser le paiement</button>\
         <button type=\"submit\" name=\"outcome\" value=\"wait\" class=\"wait\">Laisser en attente</button>\
         </div></form>\
         <p class=\"muted\">Aucun argent réel n'est débité : ce guichet simule CinetPay.</p>",
        site_id = escape(&inner.config.site_id),
        description = escape(&transaction.description),
        amount = format_amount(transaction.amount, &transaction.currency),
        transaction_id = escape(&transaction.transaction_id),
    )
}

/// The operators `channels` allows (all of them for `ALL` or an unknown mix), Orange Money first.
fn offered_operators(channels: &str) -> Vec<(&'static str, &'static str)> {
    let wanted: Vec<&str> = channels.split(',').map(str::trim).collect();
    let allowed = |code: &str| {
        let channel = match code {
            "CARD" => "CREDIT_CARD",
            "WAVECI" => "WALLET",
            _ => "MOBILE_MONEY",
        };
        wanted.contains(&"ALL") || wanted.contains(&channel)
    };
    let offered: Vec<_> = OPERATORS.iter().copied().filter(|(code, _)| allowed(code)).collect();
    if offered.is_empty() { OPERATORS.to_vec() } else { offered }
}

/// The browser's way back: a POST of `transaction_id` and `token` to `return_url`.
fn return_form(transaction: &Transaction) -> String {
    format!(
        "<form id=\"retour\" method=\"post\" action=\"{return_url}\">\
         <input type=\"hidden\" name=\"transaction_id\" value=\"{transaction_id}\">\
         <input type=\"hidden\" name=\"token\" value=\"{token}\">\
         <div class=\"actions\"><button type=\"submit\" class=\"pay\">Retour au site du marchand</button></div></form>",
        return_url = escape(&transaction.return_url),
        transaction_id = escape(&transaction.transaction_id),
        token = escape(&transaction.payment_token),
    )
}

fn already_final(transaction: &Transaction) -> HttpResponse {
    let outcome = match transaction.status {
        Status::Accepted => "accepté",
        Status::Refused => "refusé",
        Status::Waiting => "en attente",
    };
    let body = format!(
        "<div class=\"card\"><h1>Paiement déjà traité</h1>\
         <p>Ce paiement a déjà été {outcome}. Il ne peut plus être modifié.</p>\
         <p class=\"amount\">{amount}</p>{form}</div>",
        amount = format_amount(transaction.amount, &transaction.currency),
        form = return_form(transaction),
    );
    html(StatusCode::CONFLICT, "Paiement déjà traité", &body)
}

fn not_found() -> HttpResponse {
    html(
        StatusCode::NOT_FOUND,
        "Paiement introuvable",
        "<div class=\"card\"><h1>Paiement introuvable</h1>\
         <p>Ce lien de paiement n'existe pas ou a expiré. Retournez sur le site du marchand pour recommencer.</p></div>",
    )
}

fn bad_form(message: &str) -> HttpResponse {
    let body = format!("<div class=\"card\"><h1>Demande invalide</h1><p>{}</p></div>", escape(message));
    html(StatusCode::BAD_REQUEST, "Demande invalide", &body)
}

fn html(status: StatusCode, title: &str, body: &str) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(format!(
            "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{title} — CinetPay (bac à sable)</title><style>{STYLE}</style></head>\
             <body><header><p class=\"sandbox\">{SANDBOX_LABEL}</p></header><main>{body}</main></body></html>",
            title = escape(title),
        ))
}

/// `150 000 FCFA`: U+202F (narrow no-break space) between thousands, U+00A0 before the unit,
/// like the web app's `formatMoney`.
pub(crate) fn format_amount(amount: i64, currency: &str) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push('\u{202f}');
        }
        grouped.push(digit);
    }
    let sign = if amount < 0 { "-" } else { "" };
    let unit = match currency {
        "XOF" | "XAF" => "FCFA",
        other => other,
    };
    format!("{sign}{grouped}\u{a0}{}", escape(unit))
}

pub(crate) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_grouped_the_french_way() {
        assert_eq!(format_amount(150_000, "XOF"), "150\u{202f}000\u{a0}FCFA");
        assert_eq!(format_amount(100, "XAF"), "100\u{a0}FCFA");
        assert_eq!(format_amount(1_234_567, "GNF"), "1\u{202f}234\u{202f}567\u{a0}GNF");
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(escape("<a href=\"x\">O'k & co</a>"), "&lt;a href=&quot;x&quot;&gt;O&#39;k &amp; co&lt;/a&gt;");
    }

    #[test]
    fn channels_choose_the_operators() {
        let codes = |channels| offered_operators(channels).into_iter().map(|(code, _)| code).collect::<Vec<_>>();
        assert_eq!(codes("ALL"), ["OM", "MOMO", "FLOOZ", "WAVECI", "CARD"]);
        assert_eq!(codes("MOBILE_MONEY"), ["OM", "MOMO", "FLOOZ"]);
        assert_eq!(codes("CREDIT_CARD"), ["CARD"]);
        assert_eq!(codes("MOBILE_MONEY, WALLET"), ["OM", "MOMO", "FLOOZ", "WAVECI"]);
    }
}
