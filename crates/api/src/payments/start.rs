//! Starting a payment: whether the caller may pay an invoice online (the invoice's
//! `online_payment` block and `POST /payments/init/` ask the same [`pay_decision`]), recording the
//! payment, asking CinetPay for its checkout page, and recording CinetPay's answer.

use chrono::{DateTime, Duration, Utc};
use nourx_cinetpay::{Credentials, InitRequest};
use nourx_db::audit;
use nourx_db::clients::Client;
use nourx_db::clock::transaction_now;
use nourx_db::invoices::{self, Invoice};
use nourx_db::payments::{self, NewPayment, Payment, PaymentChanges, PaymentRow};
use nourx_db::{PgConn, Scope};
use nourx_domain::payments::{
    AmountError, InstalmentRules, PayDecision, PaymentChannel, PaymentStatus, RECONCILE_HORIZON_HOURS,
    RESUME_WINDOW_MINUTES, instalment_amount, pay_decision, step_of, transaction_id, unpaid_balance,
};
use nourx_domain::{Lang, Message};
use uuid::Uuid;

use super::dto::{InitPaymentRequest, OnlinePaymentDto, OpenPaymentDto};
use super::{PaymentService, credentials, instalment_rules, provider_unavailable};
use crate::ApiConfig;
use crate::http::caller::Caller;
use crate::http::error::ApiError;

/// Who starts a payment: a signed-in person, or whoever holds a pay link to the invoice (who pays
/// as a member of the client would: the link is the client's own "Partager").
pub(crate) enum Payer<'a> {
    Person(&'a Caller),
    Link { link: &'a nourx_db::pay_links::PayLink, ip: Option<String> },
}

impl Payer<'_> {
    fn actor(&self, client_id: Uuid) -> Option<nourx_domain::Actor> {
        match self {
            Payer::Person(caller) => caller.actor(client_id),
            Payer::Link { link, .. } => (link.client_id == client_id)
                .then_some(nourx_domain::Actor::Member(nourx_domain::workflow::MemberRole::Member)),
        }
    }

    fn user_id(&self) -> Option<Uuid> {
        match self {
            Payer::Person(caller) => Some(caller.id()),
            Payer::Link { .. } => None,
        }
    }

    fn audit(&self) -> audit::AuditContext {
        match self {
            Payer::Person(caller) => caller.audit(),
            Payer::Link { ip, .. } => audit::AuditContext { actor_id: None, ip: ip.clone() },
        }
    }

    /// The invoice, if this payer may see it: the caller's scope, or the link's one invoice.
    fn sees(&self, conn: &mut PgConn, invoice_id: Uuid) -> Result<bool, ApiError> {
        Ok(match self {
            Payer::Person(caller) => invoices::find(conn, &caller.scope(), invoice_id, !caller.is_staff())?.is_some(),
            Payer::Link { link, .. } => link.invoice_id == invoice_id,
        })
    }
}

/// What paying `invoice` online looks like to one caller now.
struct PayOptions {
    decision: PayDecision,
    balance: i64,
    rules: InstalmentRules,
    /// A payment started less than [`RESUME_WINDOW_MINUTES`] ago, still open.
    open_payment: Option<Payment>,
    client: Client,
}

fn pay_options(conn: &mut PgConn, payer: &Payer<'_>, invoice: &Invoice) -> Result<PayOptions, ApiError> {
    let status = invoice.status;
    let balance = unpaid_balance(status, invoice.owed().owed_total(), invoice.amount_paid);
    let client = nourx_db::clients::find(conn, &Scope::All, invoice.client_id)?.ok_or(ApiError::NotFound)?;
    let rules = instalment_rules(conn, &client)?;
    let since = transaction_now(conn)? - Duration::minutes(RESUME_WINDOW_MINUTES);
    let open_payment = payments::open_since(conn, invoice.id, since)?;
    let actor = payer.actor(invoice.client_id);
    let decision = pay_decision(actor, status, balance, &invoice.currency, rules, open_payment.is_some());
    Ok(PayOptions { decision, balance, rules, open_payment, client })
}

/// Whether `caller` can pay `invoice` online now, and which amounts (the invoice's
/// `online_payment` block).
pub(crate) fn online_payment(
    conn: &mut PgConn,
    payer: &Payer<'_>,
    invoice: &Invoice,
) -> Result<OnlinePaymentDto, ApiError> {
    let options = pay_options(conn, payer, invoice)?;
    let range = options.decision.range();
    Ok(OnlinePaymentDto {
        can_pay: options.decision.reason().is_none(),
        reason: options.decision.reason().map(str::to_owned),
        balance: options.balance,
        max_amount: range.map_or(0, |range| range.max),
        min_amount: range.map_or(0, |range| range.min),
        partial_allowed: options.rules.partial_allowed,
        step: step_of(&invoice.currency),
        open_payment: options.open_payment.map(|open| OpenPaymentDto {
            id: open.id,
            checkout_url: open.checkout_url,
            expires_at: open.expires_at,
        }),
    })
}

fn not_payable() -> ApiError {
    ApiError::Conflict {
        code: "not_payable",
        message: Message::new(
            "Cette facture n'attend pas de paiement (brouillon, réglée ou annulée).",
            "This invoice is not awaiting payment (draft, paid or cancelled).",
        ),
        extra: serde_json::Value::Null,
    }
}

fn payment_in_progress(open: Option<&Payment>) -> ApiError {
    ApiError::Conflict {
        code: "payment_in_progress",
        message: Message::new(
            "Un paiement de cette facture est déjà en cours. Reprenez-le, ou attendez quelques minutes pour en commencer un autre.",
            "A payment of this invoice is already in progress. Resume it, or wait a few minutes to start another one.",
        ),
        extra: serde_json::json!({
            "payment_id": open.map(|open| open.id),
            "checkout_url": open.and_then(|open| open.checkout_url.as_deref()),
        }),
    }
}

fn amount_error(error: AmountError, currency: &str) -> ApiError {
    match error {
        AmountError::NothingDue => not_payable(),
        other => ApiError::field("amount", other.message(currency)),
    }
}

/// The amount `caller` may start paying now, or why not (403, 409, or 400 on `amount`).
fn amount_to_pay(options: &PayOptions, invoice: &Invoice, requested: Option<i64>) -> Result<i64, ApiError> {
    match options.decision {
        PayDecision::MayPay(_) => {}
        PayDecision::NotPayer => return Err(ApiError::PermissionDenied),
        PayDecision::NotPayable | PayDecision::NothingDue => return Err(not_payable()),
        PayDecision::InProgress(_) => return Err(payment_in_progress(options.open_payment.as_ref())),
        PayDecision::BelowMinimum(error) => return Err(amount_error(error, &invoice.currency)),
    }
    instalment_amount(requested, options.balance, &invoice.currency, options.rules)
        .map_err(|error| amount_error(error, &invoice.currency))
}

/// A payment recorded, before CinetPay is asked for its checkout page.
pub(crate) struct Started {
    pub payment: Payment,
    /// Who CinetPay's page is for: (full name, email).
    customer: (String, String),
    credentials: Credentials,
    invoice_number: String,
    description: String,
}

/// Records the payment `caller` asks for, if they may make it: the invoice locked (two payments
/// of one invoice start one after the other), the amount decided, the payment inserted `initiating`
/// and audited. Call inside a transaction.
pub(crate) fn record_payment(
    conn: &mut PgConn,
    config: &ApiConfig,
    payer: &Payer<'_>,
    request: &InitPaymentRequest,
) -> Result<Started, ApiError> {
    if !payer.sees(conn, request.invoice_id)? {
        return Err(ApiError::NotFound);
    }
    let invoice = invoices::lock(conn, request.invoice_id)?.ok_or(ApiError::NotFound)?;
    let options = pay_options(conn, payer, &invoice)?;
    let amount = amount_to_pay(&options, &invoice, request.amount)?;
    let credentials = credentials(conn, config)?.ok_or_else(|| {
        tracing::error!(
            "CinetPay credentials are missing: set CINETPAY_API_KEY, CINETPAY_SITE_ID and CINETPAY_SECRET_KEY"
        );
        provider_unavailable()
    })?;
    let now = transaction_now(conn)?;
    let payment = insert_payment(conn, payer, &invoice, amount, &credentials, request.channel, now)?;
    if let Payer::Link { link, .. } = payer {
        nourx_db::pay_links::link_payment(conn, payment.id, link.id)?;
    }
    let invoice_number = invoice.number.clone().unwrap_or_default();
    let billing_email = options.client.billing_email.clone();
    Ok(Started {
        customer: match payer {
            Payer::Person(caller) => (caller.current.user.full_name.clone(), caller.current.user.email.clone()),
            Payer::Link { .. } => (options.client.name.clone(), billing_email.unwrap_or_default()),
        },
        description: checkout_description(&invoice_number, &options.client.name),
        payment,
        credentials,
        invoice_number,
    })
}

fn insert_payment(
    conn: &mut PgConn,
    payer: &Payer<'_>,
    invoice: &Invoice,
    amount: i64,
    credentials: &Credentials,
    channel: Option<PaymentChannel>,
    now: DateTime<Utc>,
) -> Result<Payment, ApiError> {
    let transaction = transaction_id(now, u128::from_be_bytes(*Uuid::new_v4().as_bytes()));
    let channel = channel.unwrap_or(PaymentChannel::All);
    let payment = NewPayment {
        id: Uuid::now_v7(),
        invoice_id: invoice.id,
        client_id: invoice.client_id,
        initiated_by: payer.user_id(),
        transaction_id: &transaction,
        amount,
        currency: &invoice.currency,
        site_id: &credentials.site_id,
        channel,
        expires_at: now + Duration::hours(RECONCILE_HORIZON_HOURS),
    }
    .insert(conn)?;
    // Should the process stop before CinetPay answers, the reconciliation finds it.
    payments::postpone_check(conn, payment.id, now + Duration::minutes(1))?;
    let diff = serde_json::json!({
        "invoice_id": invoice.id,
        "amount": amount,
        "currency": invoice.currency,
        "transaction_id": transaction,
        "channel": channel.as_str(),
    });
    audit::record(
        conn,
        &payer.audit(),
        "payment.initiated",
        ("payment", invoice.client_id),
        Some(payment.id.to_string()),
        diff,
    )?;
    Ok(payment)
}

/// "Facture NX-2026-0042 Akwaba Digital", without the characters CinetPay refuses in a
/// description ("do not put special characters (# / $ _ &)").
fn checkout_description(invoice_number: &str, client_name: &str) -> String {
    format!("Facture {invoice_number} {client_name}")
        .chars()
        .map(|c| if "#/$_&".contains(c) { ' ' } else { c })
        .collect()
}

/// "Koné Awa" style: CinetPay wants a name and a surname; we keep the first word as the first name.
fn split_name(full_name: &str) -> (String, String) {
    let mut words = full_name.split_whitespace();
    let first = words.next().unwrap_or("").to_owned();
    let rest = words.collect::<Vec<_>>().join(" ");
    if rest.is_empty() { (first.clone(), first) } else { (first, rest) }
}

/// CinetPay's answer to the initialisation, as changes to the payment: `pending` with its
/// checkout page, or `failed` with the error the payer gets (503: nothing stays pending).
pub(crate) struct Checkout {
    pub changes: PaymentChanges,
    pub failure: Option<ApiError>,
}

/// Asks CinetPay for the payment's checkout page, for `caller`, in `lang`.
pub(crate) async fn open_checkout(
    service: &PaymentService,
    started: &Started,
    lang: Lang,
) -> Result<Checkout, ApiError> {
    let client = service.client()?;
    let (surname, name) = split_name(&started.customer.0);
    let payment = &started.payment;
    let init = InitRequest {
        transaction_id: payment.transaction_id.clone(),
        amount: payment.amount,
        currency: payment.currency.clone(),
        description: started.description.clone(),
        notify_url: service.notify_url(),
        return_url: service.return_url(),
        channels: payment.channel.as_str().to_owned(),
        lang: Some(if lang == Lang::En { "en" } else { "fr" }.to_owned()),
        metadata: Some(started.invoice_number.clone()),
        customer_id: payment.initiated_by.map(|id| id.to_string()),
        customer_name: Some(name),
        customer_surname: Some(surname),
        customer_email: Some(started.customer.1.clone()).filter(|email| !email.is_empty()),
        customer_phone_number: None,
    };
    Ok(match client.init_payment(&started.credentials, &init).await {
        Ok(created) => Checkout {
            changes: PaymentChanges {
                status: Some(PaymentStatus::Pending),
                payment_token: Some(Some(created.payment_token)),
                checkout_url: Some(Some(created.payment_url)),
                ..Default::default()
            },
            failure: None,
        },
        Err(error) => {
            tracing::error!(payment = %payment.id, %error, "CinetPay refused or did not answer the payment's initialisation");
            let (code, message) = match &error {
                nourx_cinetpay::Error::Rejected { code, message, .. } => (Some(code.clone()), message.clone()),
                other => (None, other.to_string()),
            };
            let changes = PaymentChanges {
                status: Some(PaymentStatus::Failed),
                last_code: Some(code),
                last_message: Some(Some(message)),
                next_check_at: Some(None),
                ..Default::default()
            };
            Checkout { changes, failure: Some(provider_unavailable()) }
        }
    })
}

/// Records CinetPay's answer; the payment as `scope` sees it after.
pub(crate) fn record_checkout(
    conn: &mut PgConn,
    scope: &Scope,
    payment_id: Uuid,
    changes: &PaymentChanges,
) -> Result<PaymentRow, ApiError> {
    payments::update(conn, payment_id, changes)?;
    payments::get_row(conn, scope, payment_id)?.ok_or(ApiError::NotFound)
}
