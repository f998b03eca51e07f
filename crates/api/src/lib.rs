//! The NOURX HTTP API: an actix-web app under `/api/`, its sessions and CSRF
//! protection, its errors, and the OpenAPI document generated from the handlers.

pub mod admin;
pub mod auth;
pub mod billing;
pub mod branding;
pub mod clients;
pub mod documents;
pub mod events;
pub mod health;
pub mod http;
pub mod invoices;
pub mod line_items;
pub mod me;
pub mod milestones;
mod notices;
pub mod notifications;
pub mod pay_links;
pub mod payments;
pub mod pricing;
pub mod projects;
pub mod prospects;
pub mod quotes;
pub mod services;
pub mod storage;
pub mod tasks;
pub mod tickets;

use std::sync::Arc;

use actix_cors::Cors;
use actix_session::SessionMiddleware;
use actix_session::config::{CookieContentSecurity, PersistentSession, TtlExtensionPolicy};
use actix_web::body::MessageBody;
use actix_web::cookie::{Key, SameSite};
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpRequest, web};
use nourx_db::Db;
use utoipa_actix_web::AppExt;
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_swagger_ui::SwaggerUi;

use crate::http::{count_cache, csrf, error, extract, middleware, openapi, rate_limit, session_store};

pub use http::config::ApiConfig;
pub use http::error::{ApiError, ApiResult};

/// What every handler can reach.
pub struct AppState {
    pub db: Db,
    pub config: Arc<ApiConfig>,
    pub counts: count_cache::CountCache,
    /// Documents and generated PDFs: S3, or local files served by `storage`'s routes.
    pub storage: nourx_storage::Storage,
    /// CinetPay, for starting payments and re-checking them.
    pub payments: payments::PaymentService,
    /// Live events for the streams open in this process (listening starts with [`events::EventHub::listen`]).
    pub events: events::EventHub,
}

impl AppState {
    pub fn new(db: Db, config: Arc<ApiConfig>, storage: nourx_storage::Storage) -> AppState {
        let payments = payments::PaymentService::new(db.clone(), config.clone());
        AppState {
            db,
            config,
            counts: count_cache::CountCache::default(),
            storage,
            payments,
            events: events::EventHub::default(),
        }
    }
}

/// Every endpoint, in one list: the router and the OpenAPI document both come from it.
fn routes(cfg: &mut ServiceConfig) {
    cfg.service(auth::csrf_token)
        .service(auth::login)
        .service(auth::logout)
        .service(auth::login_two_factor)
        .service(me::get_me)
        .service(me::update_me)
        .service(me::get_notification_preferences)
        .service(me::put_notification_preferences)
        .service(me::change_password)
        .service(me::get_two_factor)
        .service(me::setup_two_factor)
        .service(me::confirm_two_factor)
        .service(me::disable_two_factor)
        .service(me::regenerate_recovery_codes)
        .service(me::list_sessions)
        .service(me::revoke_other_sessions)
        .service(me::revoke_session)
        .service(health::health)
        .service(health::ready)
        // projects
        .service(projects::list_projects)
        .service(projects::create_project)
        .service(projects::get_project)
        .service(projects::update_project);
    // milestones, tasks, comments (core)
    cfg.service(milestones::list_milestones)
        .service(milestones::create_milestone)
        .service(milestones::get_milestone)
        .service(milestones::update_milestone)
        .service(milestones::approve_milestone)
        .service(milestones::request_milestone_changes)
        .service(tasks::list_tasks)
        .service(tasks::assign_tasks)
        .service(tasks::create_task)
        .service(tasks::get_task)
        .service(tasks::update_task)
        .service(tasks::list_comments)
        .service(tasks::create_comment);
    // clients and members
    cfg.service(clients::list_clients)
        .service(clients::create_client)
        .service(clients::get_client)
        .service(clients::update_client)
        .service(clients::archive_client)
        .service(clients::restore_client)
        .service(clients::delete_client)
        .service(clients::list_invitations)
        .service(clients::resend_invitation)
        .service(clients::revoke_invitation)
        .service(clients::list_members)
        .service(clients::invite_member)
        .service(clients::update_member)
        .service(clients::remove_member)
        .service(auth::accept_invitation)
        .service(auth::request_password_reset)
        .service(auth::confirm_password_reset);
    // tickets
    cfg.service(tickets::list_tickets)
        .service(tickets::create_ticket)
        .service(tickets::get_ticket)
        .service(tickets::update_ticket)
        .service(tickets::list_ticket_messages)
        .service(tickets::create_ticket_message)
        .service(tickets::rate_ticket)
        .service(tickets::bulk_update_tickets)
        .service(tickets::list_sla_events);
    // documents
    cfg.service(documents::presign_upload)
        .service(documents::complete_upload)
        .service(documents::list_documents)
        .service(documents::get_document)
        .service(documents::download_document)
        .service(documents::delete_document)
        .service(documents::storage_usage)
        .service(clients::client_statement)
        .service(clients::client_statement_pdf);
    // quotes and invoices (fixed paths before `{id}`)
    cfg.service(invoices::invoice_summary)
        .service(invoices::bulk_invoices)
        .service(invoices::list_invoices)
        .service(invoices::create_invoice)
        .service(invoices::get_invoice)
        .service(invoices::update_invoice)
        .service(invoices::send_invoice)
        .service(invoices::cancel_invoice)
        .service(invoices::invoice_pdf)
        .service(quotes::list_quotes)
        .service(quotes::create_quote)
        .service(quotes::get_quote)
        .service(quotes::update_quote)
        .service(quotes::send_quote)
        .service(quotes::accept_quote)
        .service(quotes::decline_quote)
        .service(quotes::invoice_from_quote)
        .service(quotes::deposit_invoice_from_quote)
        .service(quotes::quote_pdf)
        .service(quotes::duplicate_quote)
        .service(invoices::duplicate_invoice)
        .service(invoices::list_credit_notes)
        .service(invoices::create_credit_note)
        .service(invoices::credit_note_pdf)
        .service(invoices::list_reminders)
        .service(invoices::remind_invoice)
        .service(pricing::price);
    // payments (fixed paths before `{id}`)
    cfg.service(payments::init_payment)
        .service(payments::webhook_ping)
        .service(payments::webhook_notify)
        .service(payments::payment_return_get)
        .service(payments::payment_return_post)
        .service(payments::record_offline_payment)
        .service(payments::list_payments)
        .service(payments::get_payment)
        .service(payments::payment_status)
        .service(payments::payment_receipt)
        .service(pay_links::create_pay_link)
        .service(pay_links::list_pay_links)
        .service(pay_links::revoke_pay_link)
        .service(pay_links::pay_link_invoice)
        .service(pay_links::pay_link_pdf)
        .service(pay_links::pay_link_pay)
        .service(pay_links::pay_link_payment)
        .service(pay_links::pay_link_resume)
        .service(pay_links::pay_link_receipt)
        .service(payments::payment_journal)
        .service(payments::recheck_payment)
        .service(payments::resolve_payment)
        .service(payments::void_payment)
        .service(payments::upload_payment_proof)
        .service(payments::download_payment_proof);
    // notifications
    cfg.service(events::event_stream);
    cfg.service(notifications::list_notifications)
        .service(notifications::read_all_notifications)
        .service(notifications::read_notification);
    // admin
    cfg.service(admin::list_users)
        .service(admin::update_user)
        .service(admin::reset_two_factor)
        .service(admin::list_audit_log)
        .service(admin::list_emails)
        .service(admin::get_payment_settings)
        .service(admin::update_payment_settings)
        .service(admin::test_payment_connection)
        .service(admin::get_billing_settings)
        .service(admin::update_billing_settings)
        .service(admin::list_email_templates)
        .service(admin::get_email_template)
        .service(admin::put_email_template)
        .service(admin::reset_email_template)
        .service(admin::preview_email_template)
        .service(admin::test_email_template)
        .service(branding::get_branding)
        .service(branding::update_branding)
        .service(branding::presign_logo)
        .service(branding::set_logo)
        .service(branding::delete_logo)
        .service(branding::branding_sample_pdf)
        .service(branding::public_branding)
        .service(branding::branding_logo)
        .service(admin::list_jobs)
        .service(admin::retry_job)
        .service(admin::list_team)
        .service(admin::invite_staff)
        .service(admin::resend_staff_invitation)
        .service(admin::revoke_staff_invitation)
        .service(admin::global_search)
        .service(admin::list_saved_filters)
        .service(admin::create_saved_filter)
        .service(admin::delete_saved_filter)
        .service(admin::get_kpis)
        .service(admin::list_alerts)
        .service(admin::list_activity)
        .service(admin::get_workload)
        .service(invoices::export_invoices)
        .service(invoices::invoice_totals)
        .service(admin::list_recurring)
        .service(admin::create_recurring)
        .service(admin::get_recurring)
        .service(admin::update_recurring)
        .service(admin::set_recurring_status)
        .service(admin::import_statement)
        .service(admin::list_reconciliations)
        .service(admin::get_reconciliation)
        .service(admin::reconciliation_lines)
        .service(admin::collected_report)
        .service(admin::get_support_calendar)
        .service(admin::put_support_calendar)
        .service(admin::list_holidays)
        .service(admin::put_holiday)
        .service(admin::delete_holiday)
        .service(admin::list_sla_policies)
        .service(admin::put_default_sla_policy)
        .service(admin::put_client_sla_policy)
        .service(admin::delete_client_sla_policy)
        .service(admin::list_canned_replies)
        .service(admin::create_canned_reply)
        .service(admin::update_canned_reply)
        .service(admin::delete_canned_reply)
        .service(admin::render_canned_reply)
        // prospects (fixed paths before `{id}`)
        .service(prospects::list_stages)
        .service(prospects::create_stage)
        .service(prospects::update_stage)
        .service(prospects::delete_stage)
        .service(prospects::get_board)
        .service(prospects::import_prospects)
        .service(prospects::list_prospects)
        .service(prospects::create_prospect)
        .service(prospects::get_prospect)
        .service(prospects::update_prospect)
        .service(prospects::delete_prospect)
        .service(prospects::move_prospect)
        .service(prospects::list_activities)
        .service(prospects::create_activity)
        .service(prospects::prospect_quote_client)
        .service(prospects::convert_prospect)
        .service(prospects::create_lead);
    // local storage backend (404 with S3)
    cfg.service(storage::upload_object).service(storage::download_object);
}

/// The OpenAPI document of the API, as served at `/api/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, api) = App::new()
        .into_utoipa_app()
        .openapi(openapi::base())
        .service(utoipa_actix_web::scope("/api").configure(routes))
        .split_for_parts();
    openapi::finish(api)
}

/// Builds the app for one worker. `openapi` is computed once by the caller and shared.
pub fn app(
    state: web::Data<AppState>,
    api_doc: Arc<utoipa::openapi::OpenApi>,
    route_table: Arc<openapi::RouteTable>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let config = state.config.clone();
    let session_store = session_store::PgSessionStore::new(state.db.clone(), &config);
    let session = SessionMiddleware::builder(session_store, Key::from(&config.secret_key))
        .cookie_name("sessionid".into())
        .cookie_http_only(true)
        .cookie_same_site(SameSite::Lax)
        .cookie_secure(!config.development)
        .cookie_path("/".into())
        .cookie_content_security(CookieContentSecurity::Signed)
        .session_lifecycle(
            PersistentSession::default()
                .session_ttl(actix_web::cookie::time::Duration::seconds(config.session_max_age.num_seconds()))
                .session_ttl_extension_policy(TtlExtensionPolicy::OnStateChanges),
        )
        .build();

    let mut cors = Cors::default()
        .supports_credentials()
        .allowed_methods(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
        .allowed_headers([
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::ACCEPT_LANGUAGE,
            header::HeaderName::from_static(csrf::CSRF_HEADER),
            middleware::X_REQUEST_ID,
        ])
        .expose_headers([header::RETRY_AFTER, middleware::X_REQUEST_ID, header::CONTENT_LANGUAGE])
        .max_age(3600);
    for origin in &config.cors_allowed_origins {
        cors = cors.allowed_origin(origin);
    }
    // The website's contact form: its origin for the lead route alone (which reads no cookie).
    let lead_origins = config.lead_allowed_origins.clone();
    if !lead_origins.is_empty() {
        cors = cors.allowed_origin_fn(move |origin, head| {
            head.uri.path() == "/api/public/leads/" && lead_origins.iter().any(|o| o.as_bytes() == origin.as_bytes())
        });
    }

    let table = route_table;
    let path_table = table.clone();
    App::new()
        .app_data(state)
        .app_data(web::PathConfig::default().error_handler(move |_, req| path_table.unparsable_path(req).into()))
        .app_data(web::QueryConfig::default().error_handler(|error, _| {
            ApiError::field(
                error::NON_FIELD_ERRORS,
                nourx_domain::Message::owned(
                    format!("Paramètres de requête invalides : {error}"),
                    format!("Invalid query parameters: {error}"),
                ),
            )
            .into()
        }))
        // NUL characters in query strings and paths, for every route (PostgreSQL refuses them).
        .wrap(from_fn(extract::refuse_nul_in_url))
        .wrap(from_fn(middleware::csrf))
        .wrap(from_fn(middleware::docs_access))
        .wrap(session)
        .wrap(cors)
        .wrap(Compress::default())
        .wrap(from_fn(middleware::localize))
        .wrap(from_fn(middleware::security_headers))
        .wrap(from_fn(middleware::request_id))
        // Before the `/api` scope, which would otherwise claim these paths.
        .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", (*api_doc).clone()))
        .service(web::redirect("/api/docs", "/api/docs/"))
        .into_utoipa_app()
        .service(utoipa_actix_web::scope("/api").configure(routes))
        .split_for_parts()
        .0
        .default_service(web::to(move |req: HttpRequest| {
            let table = table.clone();
            async move { Err::<actix_web::HttpResponse, ApiError>(table.unmatched(&req)) }
        }))
}

/// Periodic clean-up of expired sessions and stale login failures (and of the abuse limits'
/// finished windows and old webhook journal rows, see `rate_limit::delete_expired`).
pub fn delete_expired_records(db: &Db, config: &ApiConfig) -> anyhow::Result<(usize, usize)> {
    let mut conn = db.get()?;
    let sessions = nourx_db::sessions::delete_expired(&mut conn, config.session_idle_limits())?;
    nourx_db::two_factor::delete_expired_trusted_devices(&mut conn)?;
    let failures = nourx_db::login_throttle::delete_older_than(&mut conn, config.login_throttle.window)?;
    rate_limit::delete_expired(&mut conn, config)?;
    let retention = chrono::Duration::from_std(nourx_domain::events::RETENTION)?;
    nourx_db::events::delete_before(&mut conn, chrono::Utc::now() - retention)?;
    Ok((sessions, failures))
}
