//! The support desk's demo settings: the default SLA policy in business hours (paused while
//! waiting for the client), a tighter one for Akwaba Digital, Côte d'Ivoire's fixed public
//! holidays, and a few canned replies. Idempotent: nothing is added twice.

use std::time::Duration;

use chrono::NaiveDate;
use nourx_db::PgConn;
use nourx_db::canned_replies::{self, NewCannedReply};
use nourx_db::clients::Client;
use nourx_domain::prospects::ProspectSource;
use nourx_domain::sla::{Counting, SlaPolicy, SlaTargets};
use uuid::Uuid;

fn targets(first_response_hours: u64, resolution_hours: u64) -> SlaTargets {
    SlaTargets {
        first_response: Duration::from_secs(first_response_hours * 3600),
        resolution: Duration::from_secs(resolution_hours * 3600),
    }
}

/// (month, day, name) of the holidays on a fixed date.
const FIXED_HOLIDAYS: [(u32, u32, &str); 7] = [
    (1, 1, "Jour de l'an"),
    (5, 1, "Fête du travail"),
    (8, 7, "Fête de l'indépendance"),
    (8, 15, "Assomption"),
    (11, 1, "Toussaint"),
    (11, 15, "Journée nationale de la paix"),
    (12, 25, "Noël"),
];

const CANNED_REPLIES: [(&str, &str, &str); 4] = [
    (
        "Accusé de réception",
        "Bonjour {{contact_name}},\n\nMerci pour votre message : nous avons bien reçu votre demande (ticket {{ticket_number}}) et nous nous en occupons.\n\nCordialement,\n{{agent_name}}",
        "Hello {{contact_name}},\n\nThank you for your message: we have received your request (ticket {{ticket_number}}) and are on it.\n\nBest regards,\n{{agent_name}}",
    ),
    (
        "Besoin d'informations",
        "Bonjour {{contact_name}},\n\nPour avancer sur « {{ticket_subject}} », pourriez-vous nous envoyer une capture d'écran et l'heure à laquelle le problème est apparu ?\n\nCordialement,\n{{agent_name}}",
        "Hello {{contact_name}},\n\nTo move forward on \"{{ticket_subject}}\", could you send us a screenshot and the time the problem appeared?\n\nBest regards,\n{{agent_name}}",
    ),
    (
        "Résolu",
        "Bonjour {{contact_name}},\n\nLe problème est corrigé. N'hésitez pas à rouvrir le ticket s'il réapparaît.\n\nCordialement,\n{{agent_name}}",
        "Hello {{contact_name}},\n\nThe problem is fixed. Feel free to reopen the ticket if it comes back.\n\nBest regards,\n{{agent_name}}",
    ),
    (
        "Mise en production planifiée",
        "Bonjour {{contact_name}},\n\nLa correction pour {{client_name}} sera mise en ligne lors de la prochaine mise en production. Nous vous tiendrons informé.\n\nCordialement,\n{{agent_name}}",
        "Hello {{contact_name}},\n\nThe fix for {{client_name}} will go live with the next release. We will keep you posted.\n\nBest regards,\n{{agent_name}}",
    ),
];

/// Adds what is missing; returns how many rows it added.
pub fn seed(conn: &mut PgConn, admin: Uuid, today: NaiveDate) -> diesel::QueryResult<usize> {
    let mut created = 0;
    if nourx_db::sla::current(conn)?.is_empty() {
        let business = SlaPolicy {
            urgent: targets(2, 8),
            high: targets(4, 24),
            normal: targets(8, 72),
            low: targets(24, 120),
            counting: Counting::BusinessHours,
            pause_while_waiting: true,
        };
        nourx_db::sla::insert(conn, None, &business, admin)?;
        created += 1;
        if let Some(akwaba) = Client::find_by_name(conn, "Akwaba Digital")? {
            let premium = SlaPolicy {
                urgent: targets(1, 4),
                high: targets(2, 8),
                normal: targets(4, 24),
                low: targets(8, 48),
                ..business
            };
            nourx_db::sla::insert(conn, Some(akwaba.id), &premium, admin)?;
            created += 1;
        }
    }
    if nourx_db::sla::holidays_from(conn, NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default())?.is_empty() {
        use chrono::Datelike;
        for year in [today.year(), today.year() + 1] {
            for (month, day, name) in FIXED_HOLIDAYS {
                if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                    nourx_db::sla::put_holiday(conn, date, name, admin)?;
                    created += 1;
                }
            }
        }
    }
    if canned_replies::list(conn, None)?.is_empty() {
        for (title, body_fr, body_en) in CANNED_REPLIES {
            let id = Uuid::now_v7();
            NewCannedReply { id, title, body_fr, body_en, created_by: Some(admin), updated_by: Some(admin) }
                .insert(conn)?;
            created += 1;
        }
    }
    Ok(created)
}

/// (company, contact, email, source, value, stage position, days until the follow-up).
type DemoProspect = (&'static str, &'static str, &'static str, ProspectSource, i64, usize, Option<u64>);

const PROSPECTS: [DemoProspect; 8] = [
    ("Café Ivoire", "Aya Kouassi", "aya@cafe-ivoire.demo", ProspectSource::TradeShow, 1_500_000, 0, Some(0)),
    ("Baobab BTP", "Koffi Yao", "koffi@baobab-btp.demo", ProspectSource::Referral, 4_800_000, 1, Some(2)),
    (
        "Clinique Saint-Jean",
        "Dr Mariam Touré",
        "contact@clinique-sj.demo",
        ProspectSource::Website,
        2_200_000,
        2,
        Some(1),
    ),
    ("Sahel Transport", "Ibrahim Sanogo", "ibrahim@saheltransport.demo", ProspectSource::PhoneCall, 950_000, 3, None),
    ("Lagune Immo", "Nadia Kone", "nadia@lagune-immo.demo", ProspectSource::SocialMedia, 3_100_000, 0, None),
    ("Ecole Les Palmiers", "Serge Ahoua", "direction@palmiers.demo", ProspectSource::Email, 600_000, 1, Some(5)),
    ("Atelier Kita", "Fatou Diop", "fatou@kita.demo", ProspectSource::TradeShow, 450_000, 4, None),
    ("Pharma Plus", "Jean Kouadio", "jean@pharmaplus.demo", ProspectSource::Website, 1_200_000, 5, None),
];

/// A demo pipeline: prospects in every stage, follow-ups due for the admin.
pub fn seed_prospects(conn: &mut PgConn, admin: Uuid, today: NaiveDate) -> diesel::QueryResult<usize> {
    use nourx_db::prospects::{self, NewProspect};
    // Any prospect already there: the demo's pipeline was seeded.
    if !prospects::stage_totals(conn)?.is_empty() {
        return Ok(0);
    }
    let stages = prospects::stages(conn)?;
    let mut rows: Vec<NewProspect> = PROSPECTS
        .iter()
        .filter_map(|(company, contact, email, source, value, stage, follow_up)| {
            let stage = stages.get(*stage)?;
            Some(NewProspect {
                id: Uuid::now_v7(),
                company: (*company).into(),
                contact_name: (*contact).into(),
                email: Some((*email).into()),
                phone: Some("+225 07 00 00 00 00".into()),
                whatsapp: None,
                source: *source,
                estimated_value: *value,
                probability: stage.probability,
                expected_close: today.checked_add_days(chrono::Days::new(30)),
                owner_id: Some(admin),
                sector: Some("Services".into()),
                city: Some("Abidjan".into()),
                size: None,
                tags: vec![],
                notes: String::new(),
                stage_id: stage.id,
                stage_rank: 0,
                next_follow_up: follow_up.and_then(|days| today.checked_add_days(chrono::Days::new(days))),
                created_by: Some(admin),
            })
        })
        .collect();
    let inserted = prospects::insert_all(conn, &mut rows)?;
    for prospect in &inserted {
        let stage = stages.iter().find(|s| s.id == prospect.stage_id);
        if let Some(stage) = stage.filter(|s| s.kind != nourx_domain::prospects::StageKind::Open) {
            let reason =
                if stage.kind == nourx_domain::prospects::StageKind::Won { "Devis signé" } else { "Budget reporté" };
            let changes = nourx_db::prospects::ProspectChanges {
                outcome_reason: Some(Some(reason.into())),
                closed_at: Some(Some(chrono::Utc::now())),
                ..Default::default()
            };
            prospects::update(conn, prospect.id, &changes)?;
        }
    }
    Ok(inserted.len())
}
