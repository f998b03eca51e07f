//! The SLA alerts: a periodic task tells the assignee of a ticket (every staff member when nobody
//! handles it) in the app and by email when a clock is at risk, then when it is breached — once
//! each, the unique alert events of `ticket_sla_events` deciding who sends it.

use chrono::{DateTime, Utc};
use diesel::Connection;
use nourx_db::tickets::Ticket;
use nourx_db::{Db, PgConn, Scope};
use nourx_domain::sla::{Clock, SlaAlert, alert_for};
use nourx_domain::{Lang, Locale, Message};
use nourx_mail::TemplateKey;

use crate::clients::format_expiry;
use crate::http::error::ApiError;
use crate::notices::{Notice, NoticeEmail, notify};

/// Tickets looked at per run.
const BATCH: i64 = 200;

fn clock_words(clock: Clock) -> Message {
    match clock {
        Clock::FirstResponse => Message::new("première réponse", "first response"),
        Clock::Resolution => Message::new("résolution", "resolution"),
    }
}

/// Sends the alerts `ticket` calls for at `now`: returns how many went out.
fn alert_ticket(conn: &mut PgConn, ticket: &Ticket, now: DateTime<Utc>, web_url: &str) -> Result<usize, ApiError> {
    let mut sent = 0;
    for clock in [Clock::FirstResponse, Clock::Resolution] {
        let Some(alert) = alert_for(clock, ticket.clock_state(clock, now)) else { continue };
        if !nourx_db::sla::record(conn, ticket.id, ticket.client_id, alert.event_kind())? {
            continue;
        }
        send(conn, ticket, alert, web_url)?;
        sent += 1;
    }
    Ok(sent)
}

/// Tells the assignee, or every active staff member, about `alert`.
fn send(conn: &mut PgConn, ticket: &Ticket, alert: SlaAlert, web_url: &str) -> Result<(), ApiError> {
    let people = match ticket.assigned_to {
        Some(assignee) => nourx_db::users::recipients(conn, &[assignee])?,
        None => vec![],
    };
    let people = if people.is_empty() {
        let staff: Vec<_> = nourx_db::users::active_staff(conn)?.into_iter().map(|(id, _, _)| id).collect();
        nourx_db::users::recipients(conn, &staff)?
    } else {
        people
    };
    let (clock, breached) = match alert {
        SlaAlert::AtRisk(clock) => (clock, false),
        SlaAlert::Breached(clock) => (clock, true),
    };
    let due = if clock == Clock::FirstResponse { ticket.first_response_due } else { ticket.resolution_due };
    let client_name =
        nourx_db::projects::client_names(conn, &[ticket.client_id])?.remove(&ticket.client_id).unwrap_or_default();
    let what = clock_words(clock);
    let (n, subject) = (ticket.number, &ticket.subject);
    let title = if breached {
        Message::owned(
            format!("Délai de {} dépassé : ticket {n}", what.fr),
            format!("{} deadline missed: ticket {n}", what.en),
        )
    } else {
        Message::owned(
            format!("Délai de {} bientôt dépassé : ticket {n}", what.fr),
            format!("{} deadline at risk: ticket {n}", what.en),
        )
    };
    let link = format!("/admin/support/{}", ticket.id);
    let notice = Notice {
        kind: if breached { "ticket.sla_breached" } else { "ticket.sla_at_risk" },
        entity: "ticket",
        entity_id: ticket.id,
        link: link.clone(),
        title,
        body: Message::owned(format!("« {subject} » ({client_name})"), format!("\"{subject}\" ({client_name})")),
    };
    let url = format!("{web_url}{link}");
    let vars = |lang: Lang| {
        let locale = if lang == Lang::En { Locale::En } else { Locale::Fr };
        serde_json::json!({
            "ticket_number": n, "ticket_subject": subject, "client_name": client_name,
            "what": what.get(lang), "breached": breached, "due": format_expiry(due, locale), "ticket_url": url,
        })
    };
    notify(conn, &people, None, &notice, Some(NoticeEmail { template: TemplateKey::SlaAlert, vars: &vars }))
}

/// One run of the SLA alerts: each ticket in its own transaction. Returns how many alerts went out.
pub fn run_sla_alerts(db: &Db, web_url: &str) -> anyhow::Result<usize> {
    let mut conn = db.get()?;
    let candidates = nourx_db::sla::alert_candidates(&mut conn, BATCH)?;
    let mut sent = 0;
    for ticket in candidates {
        let outcome = conn.transaction(|conn| {
            // Read again under a lock: a reply may have stopped the clock since.
            let Some(ticket) = nourx_db::tickets::find_for_update(conn, &Scope::All, ticket.id)? else { return Ok(0) };
            alert_ticket(conn, &ticket, Utc::now(), web_url)
        });
        match outcome {
            Ok(count) => sent += count,
            Err(error) => tracing::error!(ticket.id = %ticket.id, error = %error, "SLA alert failed"),
        }
    }
    Ok(sent)
}

/// Tells the person who opened `ticket` that NOURX resolved it, and asks for a rating.
pub(crate) fn ask_for_rating(
    conn: &mut PgConn,
    ticket: &Ticket,
    actor: uuid::Uuid,
    web_url: &str,
) -> Result<(), ApiError> {
    let people = nourx_db::users::recipients(conn, &[ticket.created_by])?;
    let people: Vec<_> = people.into_iter().filter(|p| !p.role.is_staff()).collect();
    let (n, subject) = (ticket.number, &ticket.subject);
    let link = format!("/support/{}?noter=1", ticket.id);
    let notice = Notice {
        kind: "ticket.resolved",
        entity: "ticket",
        entity_id: ticket.id,
        link: link.clone(),
        title: Message::owned(format!("Ticket {n} résolu"), format!("Ticket {n} resolved")),
        body: Message::owned(
            format!("« {subject} » : donnez votre avis."),
            format!("\"{subject}\": tell us how we did."),
        ),
    };
    let url = format!("{web_url}{link}");
    let vars = |_: Lang| serde_json::json!({"ticket_number": n, "ticket_subject": subject, "rate_url": url});
    notify(
        conn,
        &people,
        Some(actor),
        &notice,
        Some(NoticeEmail { template: TemplateKey::TicketResolved, vars: &vars }),
    )
}
