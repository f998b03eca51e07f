//! What quotes and invoices share: drafts written by NOURX staff, checked and edited the same
//! way, then numbered, dated and emailed to the client's billing contacts when sent. The routes
//! live in `quotes/` and `invoices/`, after their URLs; each implements [`Document`] for its row.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use diesel::Connection;
use nourx_db::line_items::{self, ItemOwner, NewLineItem};
use nourx_db::{PgConn, Scope, audit};
use nourx_domain::billing::{
    self, DocumentKind, DocumentStatus, DocumentTotals, DraftEdit, Sending, draft_edit, sending,
};
use nourx_domain::{Lang, Locale, Message};
use nourx_mail::TemplateKey;
use serde::Serialize;
use uuid::Uuid;

use crate::AppState;
use crate::http::caller::{Caller, Staff};
use crate::http::dto_util::{long_text, not_found_reference};
use crate::http::error::{ApiError, FieldErrors};
use crate::http::pagination::choice;
use crate::line_items::{LineItemInput, percent, price_items};

pub(crate) const TITLE_MAX: usize = 200;
pub(crate) const NOTES_MAX: usize = 2_000;
pub(crate) const REASON_MAX: usize = 1_000;

/// Today in Côte d'Ivoire, whose time zone is UTC all year: the day due dates are compared with.
pub(crate) fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

pub(crate) fn lang_of(code: &str) -> Lang {
    if code == "en" { Lang::En } else { Lang::Fr }
}

/// `23/11/2026`, as dates are written in both languages of the product.
pub(crate) fn format_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// `?status=` parsed into one of `all` (named by `name`), with the 400 of [`choice`] listing them.
pub(crate) fn status_filter<T: Copy>(
    value: Option<&str>,
    all: &[T],
    name: impl Fn(T) -> &'static str,
) -> Result<Option<T>, ApiError> {
    let names: Vec<&str> = all.iter().map(|status| name(*status)).collect();
    let chosen = choice("status", value, &names)?;
    Ok(chosen.and_then(|chosen| all.iter().copied().find(|status| name(*status) == chosen)))
}

/// What the shared steps read of a quote or an invoice.
pub(crate) struct Header<'a, S> {
    pub id: Uuid,
    pub status: S,
    pub client_id: Uuid,
    pub title: &'a str,
    pub currency: &'a str,
    pub issue_date: Option<NaiveDate>,
    /// The due date (invoices) or the end of validity (quotes).
    pub term_end: Option<NaiveDate>,
    pub total_ttc: i64,
    pub discount_bp: i32,
    pub project_id: Option<Uuid>,
    pub notes: &'a str,
    pub payment_terms: &'a str,
}

/// A quote or an invoice row, and how each shared step reads and writes it.
pub(crate) trait Document: Serialize + Sized + 'static {
    type Status: DocumentStatus;
    /// What the API answers with.
    type Dto: Send + 'static;
    /// The document as `caller` sees it, as its DTO (404 when they cannot see it).
    fn dto(conn: &mut PgConn, caller: &Caller, id: Uuid) -> Result<Self::Dto, ApiError>;
    /// The document as `caller` may see it (never a draft for a client user).
    fn find_visible(conn: &mut PgConn, caller: &Caller, id: Uuid) -> Result<Option<Self>, ApiError>;
    /// The row, locked until the end of the transaction.
    fn lock(conn: &mut PgConn, id: Uuid) -> Result<Option<Self>, ApiError>;
    fn header(&self) -> Header<'_, Self::Status>;
    fn insert(conn: &mut PgConn, draft: &NewDraft, currency: &str, created_by: Uuid) -> Result<Self, ApiError>;
    fn apply(conn: &mut PgConn, id: Uuid, patch: &DraftPatch) -> Result<Self, ApiError>;
    fn mark_sent(conn: &mut PgConn, id: Uuid, issued: &Issued) -> Result<Self, ApiError>;
}

fn kind_of<D: Document>() -> DocumentKind {
    <D::Status as DocumentStatus>::KIND
}

fn items_of(kind: DocumentKind, id: Uuid) -> ItemOwner {
    match kind {
        DocumentKind::Quote => ItemOwner::Quote(id),
        DocumentKind::Invoice => ItemOwner::Invoice(id),
    }
}

/// The name of the date that ends the document's term, as its requests and errors spell it.
fn term_field(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Quote => "valid_until",
        DocumentKind::Invoice => "due_date",
    }
}

/// The document locked for a change by NOURX staff: 404 when the caller cannot see it (another
/// client's, or a draft seen by a client), then 403 when the caller is not staff; so a client
/// learns nothing of what is not theirs (the isolation matrix), which a `Staff` extractor's
/// early 403 would not give.
pub(crate) fn lock_for_staff<D: Document>(conn: &mut PgConn, caller: &Caller, id: Uuid) -> Result<D, ApiError> {
    D::find_visible(conn, caller, id)?.ok_or(ApiError::NotFound)?;
    caller.require_staff(nourx_domain::StaffAction::UseBackOffice)?;
    D::lock(conn, id)?.ok_or(ApiError::NotFound)
}

/// A currency code, upper-cased; an error when it is not three letters.
fn currency(errors: &mut FieldErrors, value: &str) -> String {
    let code = value.trim().to_ascii_uppercase();
    if !billing::is_currency_code(&code) {
        errors.add(
            "currency",
            Message::new(
                "Code de devise invalide : trois lettres ISO 4217 (XOF, EUR…).",
                "Invalid currency code: three ISO 4217 letters (XOF, EUR…).",
            ),
        );
    }
    code
}

fn date_order(errors: &mut FieldErrors, field: &str, start: Option<NaiveDate>, end: Option<NaiveDate>) {
    if let (Some(start), Some(end)) = (start, end)
        && end < start
    {
        errors.add(
            field,
            Message::new(
                "Cette date ne peut pas précéder la date d'émission.",
                "This date cannot be before the issue date.",
            ),
        );
    }
}

/// Adds a `project_id` error unless `project_id` is one of `client_id`'s projects (or none).
fn check_project(
    conn: &mut PgConn,
    errors: &mut FieldErrors,
    client_id: Uuid,
    project_id: Option<Uuid>,
) -> Result<(), ApiError> {
    if let Some(project_id) = project_id {
        let project = nourx_db::projects::find(conn, &Scope::All, project_id)?;
        if project.is_none_or(|p| p.client_id != client_id) {
            errors.add("project_id", not_found_reference("project_id"));
        }
    }
    Ok(())
}

/// A new quote or invoice as requested (`POST /api/quotes/`, `POST /api/invoices/`).
pub(crate) struct DraftRequest {
    pub client_id: Uuid,
    pub project_id: Option<Uuid>,
    pub title: String,
    pub currency: Option<String>,
    pub issue_date: Option<NaiveDate>,
    pub term_end: Option<NaiveDate>,
    pub notes: String,
    pub items: Vec<LineItemInput>,
    pub discount: Option<serde_json::Value>,
    pub payment_terms: Option<String>,
}

/// A new draft, checked and priced.
pub(crate) struct NewDraft {
    pub client_id: Uuid,
    pub project_id: Option<Uuid>,
    pub title: String,
    pub notes: String,
    pub currency: Option<String>,
    pub issue_date: Option<NaiveDate>,
    pub term_end: Option<NaiveDate>,
    pub items: Vec<NewLineItem>,
    pub totals: DocumentTotals,
    pub discount_bp: i32,
    /// `None`: the billing settings' terms.
    pub payment_terms: Option<String>,
}

impl DraftRequest {
    /// Every field checked (400 with one message per field), the lines priced.
    pub(crate) fn check(self, kind: DocumentKind) -> Result<NewDraft, ApiError> {
        let DraftRequest {
            client_id,
            project_id,
            title,
            currency: code,
            issue_date,
            term_end,
            notes,
            items,
            discount,
            payment_terms,
        } = self;
        let mut errors = FieldErrors::new();
        let title = long_text(&mut errors, "title", &title, TITLE_MAX);
        let notes = long_text(&mut errors, "notes", &notes, NOTES_MAX);
        let payment_terms = payment_terms.as_deref().map(|t| long_text(&mut errors, "payment_terms", t, NOTES_MAX));
        let currency = code.as_deref().map(|c| currency(&mut errors, c));
        date_order(&mut errors, term_field(kind), issue_date, term_end);
        let discount_bp = percent(&mut errors, "discount", discount.as_ref());
        let priced = discount_bp.and_then(|discount_bp| price_items(&mut errors, &items, discount_bp));
        errors.into_result()?;
        let (items, totals) = priced.unwrap_or_default();
        let discount_bp = discount_bp.unwrap_or_default();
        Ok(NewDraft {
            client_id,
            project_id,
            title,
            notes,
            currency,
            issue_date,
            term_end,
            items,
            totals,
            discount_bp,
            payment_terms,
        })
    }
}

/// Runs `change` in a transaction, then answers with the DTO of the document it returns, as
/// `caller` sees it.
pub(crate) async fn change_then_show<D: Document>(
    state: &AppState,
    caller: Caller,
    change: impl FnOnce(&mut PgConn, &Caller) -> Result<Uuid, ApiError> + Send + 'static,
) -> Result<D::Dto, ApiError> {
    let transaction = move |conn: &mut PgConn| {
        conn.transaction(|conn| {
            let id = change(conn, &caller)?;
            D::dto(conn, &caller, id)
        })
    };
    state.db.run(transaction).await
}

/// `POST /api/quotes/`, `POST /api/invoices/`: the request checked, then the draft created.
pub(crate) async fn create<D: Document>(
    state: &AppState,
    staff: Staff,
    request: DraftRequest,
) -> Result<D::Dto, ApiError> {
    let draft = request.check(kind_of::<D>())?;
    change_then_show::<D>(state, staff.0.clone(), move |conn, _| create_draft::<D>(conn, &staff, draft)).await
}

/// `PATCH /api/quotes/{id}/`, `PATCH /api/invoices/{id}/`: see [`update_draft`].
pub(crate) async fn update<D: Document>(
    state: &AppState,
    caller: Caller,
    id: Uuid,
    request: DraftPatchRequest,
) -> Result<D::Dto, ApiError> {
    change_then_show::<D>(state, caller, move |conn, caller| update_draft::<D>(conn, caller, id, request).map(|()| id))
        .await
}

/// `POST /api/quotes/{id}/send/`, `POST /api/invoices/{id}/send/`: see [`send_draft`].
pub(crate) async fn send<D: Document>(state: &AppState, caller: Caller, id: Uuid) -> Result<D::Dto, ApiError> {
    let web_url = state.config.public_web_url.clone();
    change_then_show::<D>(state, caller, move |conn, caller| send_draft::<D>(conn, caller, id, &web_url).map(|()| id))
        .await
}

/// `POST /api/quotes/{id}/duplicate/`, `POST /api/invoices/{id}/duplicate/`: a new draft with the
/// document's client, project, title, lines, discount, notes and terms; no number, no dates.
pub(crate) async fn duplicate<D: Document>(state: &AppState, caller: Caller, id: Uuid) -> Result<D::Dto, ApiError> {
    change_then_show::<D>(state, caller, move |conn, caller| {
        let source = D::find_visible(conn, caller, id)?.ok_or(ApiError::NotFound)?;
        caller.require_staff(nourx_domain::StaffAction::UseBackOffice)?;
        let kind = kind_of::<D>();
        let header = source.header();
        let stored = match kind {
            DocumentKind::Quote => line_items::of_quotes(conn, &[id])?,
            DocumentKind::Invoice => line_items::of_invoices(conn, &[id])?,
        };
        let draft = NewDraft {
            client_id: header.client_id,
            project_id: header.project_id,
            title: header.title.to_owned(),
            notes: header.notes.to_owned(),
            currency: Some(header.currency.to_owned()),
            issue_date: None,
            term_end: None,
            totals: crate::line_items::totals_of(&stored, header.discount_bp),
            items: stored.into_iter().map(NewLineItem::from).collect(),
            discount_bp: header.discount_bp,
            payment_terms: Some(header.payment_terms.to_owned()),
        };
        let copy = D::insert(conn, &draft, header.currency, caller.id())?;
        let copy_id = copy.header().id;
        line_items::replace(conn, items_of(kind, copy_id), &draft.items)?;
        let mut values = audit::snapshot(&copy);
        if let Some(values) = values.as_object_mut() {
            values.insert("duplicated_from".into(), id.to_string().into());
        }
        audit::record(
            conn,
            &caller.audit(),
            "create",
            (kind.as_str(), header.client_id),
            Some(copy_id.to_string()),
            values,
        )?;
        Ok(copy_id)
    })
    .await
}

/// Creates a draft for its client (400 `client_id` when unknown) in the client's currency unless
/// another is given, with its lines; returns its id.
fn create_draft<D: Document>(conn: &mut PgConn, staff: &Staff, mut draft: NewDraft) -> Result<Uuid, ApiError> {
    let kind = kind_of::<D>();
    if draft.payment_terms.is_none() {
        draft.payment_terms = Some(crate::admin::billing_settings(conn)?.payment_terms);
    }
    let client = nourx_db::clients::find(conn, &Scope::All, draft.client_id)?
        .ok_or_else(|| ApiError::field("client_id", not_found_reference("client_id")))?;
    let mut errors = FieldErrors::new();
    check_project(conn, &mut errors, client.id, draft.project_id)?;
    errors.into_result()?;
    let document = D::insert(conn, &draft, draft.currency.as_deref().unwrap_or(&client.currency), staff.id())?;
    let id = document.header().id;
    line_items::replace(conn, items_of(kind, id), &draft.items)?;
    audit::record(
        conn,
        &staff.audit(),
        "create",
        (kind.as_str(), client.id),
        Some(id.to_string()),
        audit::snapshot(&document),
    )?;
    Ok(id)
}

/// Changes to a draft as requested; absent fields are kept, `items` replaces every line.
pub(crate) struct DraftPatchRequest {
    pub project_id: Option<Option<Uuid>>,
    pub title: Option<String>,
    pub currency: Option<String>,
    pub issue_date: Option<Option<NaiveDate>>,
    pub term_end: Option<Option<NaiveDate>>,
    pub notes: Option<String>,
    pub items: Option<Vec<LineItemInput>>,
    pub discount: Option<serde_json::Value>,
    pub payment_terms: Option<String>,
}

/// Changes to a draft, checked; `items` and `totals` go together (a new discount reprices the
/// stored lines).
pub(crate) struct DraftPatch {
    pub project_id: Option<Option<Uuid>>,
    pub title: Option<String>,
    pub notes: Option<String>,
    pub currency: Option<String>,
    pub issue_date: Option<Option<NaiveDate>>,
    pub term_end: Option<Option<NaiveDate>>,
    pub items: Option<Vec<NewLineItem>>,
    pub totals: Option<DocumentTotals>,
    pub discount_bp: Option<i32>,
    pub payment_terms: Option<String>,
}

impl DraftPatchRequest {
    /// Every field checked against the document as it is (its dates, its client's projects).
    fn check<S>(self, conn: &mut PgConn, kind: DocumentKind, current: &Header<'_, S>) -> Result<DraftPatch, ApiError> {
        let DraftPatchRequest {
            project_id,
            title,
            currency: code,
            issue_date,
            term_end,
            notes,
            items,
            discount,
            payment_terms,
        } = self;
        let mut errors = FieldErrors::new();
        let title = title.as_deref().map(|t| long_text(&mut errors, "title", t, TITLE_MAX));
        let notes = notes.as_deref().map(|n| long_text(&mut errors, "notes", n, NOTES_MAX));
        let payment_terms = payment_terms.as_deref().map(|t| long_text(&mut errors, "payment_terms", t, NOTES_MAX));
        let currency = code.as_deref().map(|c| currency(&mut errors, c));
        let (issue_date_after, term_end_after) =
            (issue_date.unwrap_or(current.issue_date), term_end.unwrap_or(current.term_end));
        date_order(&mut errors, term_field(kind), issue_date_after, term_end_after);
        let discount_bp = match &discount {
            Some(value) => percent(&mut errors, "discount", Some(value)),
            None => Some(current.discount_bp),
        };
        // A new discount without new lines prices the stored ones again.
        let items = match (items, &discount) {
            (Some(items), _) => Some(items),
            (None, Some(_)) => Some(stored_lines(conn, kind, current.id)?),
            (None, None) => None,
        };
        let priced = match (items.as_deref(), discount_bp) {
            (Some(items), Some(discount_bp)) => price_items(&mut errors, items, discount_bp),
            _ => None,
        };
        check_project(conn, &mut errors, current.client_id, project_id.flatten())?;
        errors.into_result()?;
        let (items, totals) = priced.unzip();
        let discount_bp = discount.and(discount_bp);
        Ok(DraftPatch {
            project_id,
            title,
            notes,
            currency,
            issue_date,
            term_end,
            items,
            totals,
            discount_bp,
            payment_terms,
        })
    }
}

/// The stored lines of a document as a request would give them (to price them again).
fn stored_lines(conn: &mut PgConn, kind: DocumentKind, id: Uuid) -> Result<Vec<LineItemInput>, ApiError> {
    let stored = match kind {
        DocumentKind::Quote => line_items::of_quotes(conn, &[id])?,
        DocumentKind::Invoice => line_items::of_invoices(conn, &[id])?,
    };
    Ok(stored.into_iter().map(LineItemInput::from).collect())
}

/// Changes a draft (409 `not_editable` once sent) and its lines.
fn update_draft<D: Document>(
    conn: &mut PgConn,
    caller: &Caller,
    id: Uuid,
    request: DraftPatchRequest,
) -> Result<(), ApiError> {
    let kind = kind_of::<D>();
    let before = lock_for_staff::<D>(conn, caller, id)?;
    let current = before.header();
    if draft_edit(current.status) == DraftEdit::Frozen {
        let message = kind.not_editable();
        return Err(ApiError::Conflict { code: "not_editable", message, extra: serde_json::Value::Null });
    }
    let patch = request.check(conn, kind, &current)?;
    if let Some(items) = &patch.items {
        line_items::replace(conn, items_of(kind, id), items)?;
    }
    let after = D::apply(conn, id, &patch)?;
    audit::record(
        conn,
        &caller.audit(),
        "update",
        (kind.as_str(), current.client_id),
        Some(id.to_string()),
        audit::changes(&before, &after),
    )?;
    Ok(())
}

/// What sending fixes on a document: its number, its dates and when.
pub(crate) struct Issued {
    pub number: String,
    pub issue_date: NaiveDate,
    /// The due date (invoices) or the end of validity (quotes).
    pub term_end: NaiveDate,
    pub sent_at: DateTime<Utc>,
}

/// Sends a draft (NOURX staff): gives it the next number of its issue date's year, taken inside
/// the caller's transaction (no gaps, no duplicates), dates it, emails the client's billing
/// contacts and records it in the audit log.
pub(crate) fn send_draft<D: Document>(
    conn: &mut PgConn,
    caller: &Caller,
    id: Uuid,
    web_url: &str,
) -> Result<(), ApiError> {
    let before = lock_for_staff::<D>(conn, caller, id)?;
    send_locked(conn, &caller.audit(), before, web_url)
}

/// Numbers, dates and emails a draft already locked, in the name of `actor` (staff sending it,
/// or a client whose approval of a milestone bills it).
pub(crate) fn send_locked<D: Document>(
    conn: &mut PgConn,
    actor: &nourx_db::audit::AuditContext,
    before: D,
    web_url: &str,
) -> Result<(), ApiError> {
    let kind = kind_of::<D>();
    let draft = before.header();
    let id = draft.id;
    let settings = crate::admin::billing_settings(conn)?;
    let term_days = match kind {
        DocumentKind::Quote => settings.quote_validity_days,
        DocumentKind::Invoice => settings.default_due_days,
    };
    let (issue_date, term_end) =
        match sending(draft.status, draft.issue_date, draft.term_end, draft.total_ttc, today(), u64::from(term_days)) {
            Sending::Send { issue_date, term_end } => (issue_date, term_end),
            Sending::Refused(error) => return Err(ApiError::invalid_transition(error)),
            Sending::NothingToPay => return Err(ApiError::field("items", kind.nothing_to_send())),
        };
    let number = crate::admin::next_number(conn, kind.into(), issue_date.year())?;
    let issued = Issued { number, issue_date, term_end, sent_at: nourx_db::clock::transaction_now(conn)? };
    let after = D::mark_sent(conn, id, &issued)?;
    let sent = after.header();
    let template = match kind {
        DocumentKind::Quote => TemplateKey::QuoteSent,
        DocumentKind::Invoice => TemplateKey::InvoiceSent,
    };
    email_billing_contacts(conn, sent.client_id, template, |lang| sent_email(kind, &sent, &issued, web_url, lang))?;
    audit::record(
        conn,
        actor,
        "send",
        (kind.as_str(), sent.client_id),
        Some(id.to_string()),
        audit::changes(&before, &after),
    )?;
    Ok(())
}

/// The variables of the email telling the client a document was sent, in `lang`.
fn sent_email<S>(
    kind: DocumentKind,
    sent: &Header<'_, S>,
    issued: &Issued,
    web_url: &str,
    lang: Lang,
) -> serde_json::Value {
    let id = sent.id;
    let (page_field, page) = match kind {
        DocumentKind::Quote => ("quote_url", format!("{web_url}/devis/{id}")),
        DocumentKind::Invoice => ("invoice_url", format!("{web_url}/factures/{id}")),
    };
    let resource = match kind {
        DocumentKind::Quote => "quotes",
        DocumentKind::Invoice => "invoices",
    };
    let mut values = serde_json::json!({
        "number": issued.number,
        "title": if sent.title.is_empty() { issued.number.as_str() } else { sent.title },
        "total": nourx_domain::money::format_amount(sent.total_ttc, sent.currency, lang),
        "pdf_url": format!("{web_url}/api/{resource}/{id}/pdf/"),
    });
    if let Some(map) = values.as_object_mut() {
        map.insert(term_field(kind).into(), format_date(issued.term_end).into());
        map.insert(page_field.into(), page.into());
    }
    values
}

/// Emails its client's billing contacts with `template`, each in their language; `vars` gives the
/// template variables in a language (the client's name is added). Returns how many were written to.
pub(crate) fn email_billing_contacts(
    conn: &mut PgConn,
    client_id: Uuid,
    template: TemplateKey,
    vars: impl Fn(Lang) -> serde_json::Value,
) -> Result<usize, ApiError> {
    let client = nourx_db::clients::find(conn, &Scope::All, client_id)?.ok_or(ApiError::NotFound)?;
    let contacts = nourx_db::clients::billing_contacts(conn, &client)?;
    let count = contacts.len();
    for (email, locale) in contacts {
        let lang = Lang::from(locale);
        let mut values = vars(lang);
        if let Some(map) = values.as_object_mut() {
            map.insert("client_name".into(), serde_json::Value::String(client.name.clone()));
        }
        let locale = if lang == Lang::En { Locale::En } else { Locale::Fr };
        crate::services::mailer::enqueue(conn, &email, locale, template, &values)?;
    }
    Ok(count)
}
