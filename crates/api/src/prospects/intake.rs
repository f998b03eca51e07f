//! How prospects arrive besides one by one: a CSV import (checked whole, previewed, then all or
//! nothing) and the website's contact form (public, rate-limited, with a honeypot).

use actix_web::{HttpResponse, post, web};
use diesel::Connection;
use nourx_db::prospects::{self, NewProspect};
use nourx_db::{PgConn, audit};
use nourx_domain::email::Email;
use nourx_domain::prospects::{
    IMPORT_MAX_BYTES, ImportError, ImportedProspect, ProspectSource, RowError, RowProblem, read_prospects, refuse_rows,
};
use nourx_domain::{Lang, Message};
use uuid::Uuid;

use super::dto::*;
use crate::AppState;
use crate::http::caller::Staff;
use crate::http::dto_util::{long_text, text};
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::{ClientIp, Json, RequestLang};
use crate::http::rate_limit::{self, Bucket};
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::notices::{Notice, notify};

/// The refusal of a file: a DRF-style body on `file`, with each refused row under `rows`.
fn refused(error: ImportError) -> ApiError {
    let rows: Vec<serde_json::Value> = match &error {
        ImportError::Rows { errors, .. } => errors
            .iter()
            .map(|e| serde_json::json!({"line": e.line, "fr": e.problem.message().fr, "en": e.problem.message().en}))
            .collect(),
        _ => vec![],
    };
    ApiError::Conflict { code: "import_refused", message: error.message(), extra: serde_json::json!({"rows": rows}) }
}

/// The prospects of the file, in the first open stage.
fn new_rows(rows: &[ImportedProspect], stage: &prospects::Stage, by: Uuid) -> Vec<NewProspect> {
    rows.iter()
        .map(|row| NewProspect {
            id: Uuid::now_v7(),
            company: row.company.clone(),
            contact_name: row.contact_name.clone(),
            email: row.email.clone(),
            phone: row.phone.clone(),
            whatsapp: row.whatsapp.clone(),
            source: row.source.unwrap_or(ProspectSource::Other),
            estimated_value: row.estimated_value,
            probability: row.probability.unwrap_or(stage.probability),
            expected_close: row.expected_close,
            owner_id: Some(by),
            sector: row.sector.clone(),
            city: row.city.clone(),
            size: row.size,
            tags: row.tags.clone(),
            notes: row.notes.clone(),
            stage_id: stage.id,
            stage_rank: 0,
            next_follow_up: None,
            created_by: Some(by),
        })
        .collect()
}

/// Checks the rows against the pipeline (emails already known), then imports them unless a dry run.
fn import(
    conn: &mut PgConn,
    staff: &Staff,
    rows: Vec<ImportedProspect>,
    dry_run: bool,
) -> Result<ImportReportDto, ApiError> {
    let emails: Vec<String> = rows.iter().filter_map(|r| r.email.clone()).collect();
    let known = prospects::known_emails(conn, &emails)?;
    let errors = rows
        .iter()
        .filter(|r| r.email.as_ref().is_some_and(|e| known.contains(e)))
        .map(|r| RowError { line: r.line, problem: RowProblem::AlreadyKnown })
        .collect();
    refuse_rows(errors).map_err(refused)?;
    let stage = prospects::first_open_stage(conn)?.ok_or(ApiError::NotFound)?;
    let report_rows = rows
        .iter()
        .map(|r| ImportedRowDto {
            line: r.line,
            company: r.company.clone(),
            contact_name: r.contact_name.clone(),
            email: r.email.clone(),
            source: r.source.unwrap_or(ProspectSource::Other),
            estimated_value: r.estimated_value,
        })
        .collect();
    if dry_run {
        return Ok(ImportReportDto { dry_run, imported: 0, rows: report_rows });
    }
    let mut new = new_rows(&rows, &stage, staff.id());
    let inserted = prospects::insert_all(conn, &mut new)?;
    let summary =
        serde_json::json!({"imported": inserted.len(), "ids": inserted.iter().map(|p| p.id).collect::<Vec<_>>()});
    audit::record(conn, &staff.audit(), "import", "prospect", None, summary)?;
    Ok(ImportReportDto { dry_run, imported: inserted.len(), rows: report_rows })
}

/// Imports prospects from a CSV file (NOURX staff; body: the file, ≤ 2 MB, ≤ 5 000 rows). Columns
/// are read by their header, French or English, any order, `;`, `,` or tab, UTF-8 or
/// Windows-1252 (Excel): Entreprise (required), Contact, Email, Téléphone, WhatsApp, Source,
/// Valeur, Probabilité, Clôture (`31/01/2027`), Secteur, Ville, Taille, Étiquettes, Notes. Every
/// row is checked first (and against the emails already in the pipeline): one refused row
/// refuses the file, listing each refused row with its reason; nothing is half-imported. With
/// `dry_run=true`, shows what would be imported and changes nothing. Imported prospects land in
/// the first open stage, owned by the importer.
#[utoipa::path(
    tag = "prospects",
    params(ImportQuery),
    request_body(content = Vec<u8>, content_type = "text/csv"),
    responses(
        (status = 200, description = "Dry run: what would be imported", body = ImportReportDto),
        (status = 201, body = ImportReportDto),
        (status = 400, description = "Empty or too large body (`file`)", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 409, description = "The file is refused (`import_refused`): missing columns, unreadable, too many rows, or refused rows listed in `rows` as {line, fr, en}; nothing imported", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/admin/prospects/import/")]
pub async fn import_prospects(
    staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<ImportQuery>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let too_large =
        || ApiError::field("file", Message::new("Le fichier dépasse 2 Mo.", "The file is larger than 2 MB."));
    let body = payload.to_bytes_limited(IMPORT_MAX_BYTES).await.map_err(|_| too_large())?.map_err(|error| {
        ApiError::field(
            "file",
            Message::owned(format!("Envoi interrompu : {error}"), format!("Upload interrupted: {error}")),
        )
    })?;
    if body.is_empty() {
        return Err(ApiError::field("file", Message::new("Le fichier est vide.", "The file is empty.")));
    }
    let rows = read_prospects(&body).map_err(refused)?;
    let dry_run = query.dry_run;
    let report = state.db.run(move |conn| conn.transaction(|conn| import(conn, &staff, rows, dry_run))).await?;
    Ok(if dry_run { HttpResponse::Ok().json(report) } else { HttpResponse::Created().json(report) })
}

/// A lead's fields, checked.
struct Lead {
    company: String,
    name: String,
    email: String,
    phone: Option<String>,
    message: String,
}

fn check_lead(body: LeadRequest) -> Result<Lead, ApiError> {
    let mut errors = FieldErrors::new();
    let name = text(&mut errors, "name", &body.name, 120);
    let email = Email::parse(&body.email).map(Email::into_inner).unwrap_or_else(|message| {
        errors.add("email", message);
        String::new()
    });
    let message = text(&mut errors, "message", &body.message, 5_000);
    let company = body.company.filter(|c| !c.trim().is_empty()).map(|c| text(&mut errors, "company", &c, 200));
    let phone = body.phone.filter(|p| !p.trim().is_empty()).map(|p| long_text(&mut errors, "phone", p.trim(), 40));
    errors.into_result()?;
    Ok(Lead { company: company.unwrap_or_else(|| name.clone()), name, email, phone, message })
}

/// Records the lead in the first stage (or adds its message to the prospect of that email) and
/// tells every active staff member.
fn record_lead(conn: &mut PgConn, lead: &Lead) -> Result<(), ApiError> {
    let stage = prospects::first_open_stage(conn)?.ok_or(ApiError::NotFound)?;
    let known = prospects::known_emails(conn, std::slice::from_ref(&lead.email))?;
    let prospect_id = if known.is_empty() {
        let mut rows = [NewProspect {
            id: Uuid::now_v7(),
            company: lead.company.clone(),
            contact_name: lead.name.clone(),
            email: Some(lead.email.clone()),
            phone: lead.phone.clone(),
            whatsapp: None,
            source: ProspectSource::Website,
            estimated_value: 0,
            probability: stage.probability,
            expected_close: None,
            owner_id: None,
            sector: None,
            city: None,
            size: None,
            tags: vec![],
            notes: String::new(),
            stage_id: stage.id,
            stage_rank: 0,
            next_follow_up: None,
            created_by: None,
        }];
        prospects::insert_all(conn, &mut rows)?.pop().ok_or(ApiError::NotFound)?.id
    } else {
        prospects::find_by_email(conn, &lead.email)?.ok_or(ApiError::NotFound)?.id
    };
    prospects::add_activity(
        conn,
        prospect_id,
        nourx_domain::prospects::ActivityKind::Email,
        &lead.message,
        None,
        None,
    )?;
    let staff: Vec<Uuid> = nourx_db::users::active_staff(conn)?.into_iter().map(|(id, _, _)| id).collect();
    let people = nourx_db::users::recipients(conn, &staff)?;
    let notice = Notice {
        kind: "prospect.lead",
        entity: "prospect",
        entity_id: prospect_id,
        link: format!("/admin/prospects/{prospect_id}"),
        title: Message::owned(format!("Nouveau contact : {}", lead.company), format!("New lead: {}", lead.company)),
        body: Message::owned(format!("{} via le site web", lead.name), format!("{} via the website", lead.name)),
    };
    notify(conn, &people, None, &notice, None)
}

fn thanks(lang: Lang) -> LeadReceivedDto {
    let message = Message::new(
        "Merci ! Nous vous recontactons sous 24 heures ouvrées.",
        "Thank you! We will get back to you within one business day.",
    );
    LeadReceivedDto { detail: message.get(lang).to_owned() }
}

/// The NOURX website's contact form (public; CORS for `NOURX_LEAD_ALLOWED_ORIGINS`; at most
/// `NOURX_LIMIT_LEADS_PER_IP_PER_HOUR` per address). The lead lands in the first stage as
/// « Site web » (an email already in the pipeline adds the message to that prospect) and every
/// staff member is told. `website` is a honeypot: filled, the answer is the same and nothing is kept.
#[utoipa::path(
    tag = "prospects",
    request_body = LeadRequest,
    responses(
        (status = 201, body = LeadReceivedDto),
        (status = 400, description = "Missing name or message, bad email", body = ValidationErrors),
        (status = 429, description = "Too many leads from this address; see `Retry-After`", body = ErrorDetail),
    )
)]
#[post("/public/leads/")]
pub async fn create_lead(
    state: web::Data<AppState>,
    ip: ClientIp,
    lang: RequestLang,
    Json(body): Json<LeadRequest>,
) -> ApiResult<HttpResponse> {
    rate_limit::check(&state.db, state.config.limits.leads_per_ip, Bucket::LeadsFrom(ip.0)).await?;
    if !body.website.trim().is_empty() {
        tracing::info!("lead dropped: the honeypot was filled");
        return Ok(HttpResponse::Created().json(thanks(lang.0)));
    }
    let lead = check_lead(body)?;
    state.db.run(move |conn| conn.transaction(|conn| record_lead(conn, &lead))).await?;
    Ok(HttpResponse::Created().json(thanks(lang.0)))
}
