//! A year of business behind the demo, so that the back-office's dashboard means something: four
//! more clients billed every month and paying through every operator, some late at every age, a
//! flagged payment, tickets in and out of their SLA, a dead job and an email that failed.
//! Created once (skipped when the first of these clients exists).

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use nourx_db::PgConn;
use nourx_db::clients::{self, Client, NewClient};
use nourx_db::invoices::{self, Invoice, InvoiceChanges, NewInvoice};
use nourx_db::line_items::{self, ItemOwner};
use nourx_db::sequences::{self, SequenceKind};
use nourx_db::tickets::{NewTicket, NewTicketMessage, TicketChanges};
use nourx_db::users::{NewUser, User};
use nourx_domain::billing::{INVOICE_PREFIX, InvoiceStatus, document_number};
use nourx_domain::payments::PaymentStatus;
use nourx_domain::sla::default_plan;
use nourx_domain::{Locale, MemberRole, Priority, Role, TicketStatus};
use uuid::Uuid;

use crate::demo_billing::{Line, OnlinePayment, priced};

struct HistoryClient {
    name: &'static str,
    legal_name: &'static str,
    city: &'static str,
    owner_email: &'static str,
    owner_name: &'static str,
    lines: &'static [Line],
}

const CLIENTS: [HistoryClient; 4] = [
    HistoryClient {
        name: "Sahel Transit",
        legal_name: "Sahel Transit SARL",
        city: "Bouaké",
        owner_email: "ibrahim@saheltransit.demo",
        owner_name: "Ibrahim Traoré",
        lines: &[
            ("Suivi des expéditions — abonnement", "Application web de suivi, mois", 100, 285_000, 1800),
            ("Support et maintenance", "Forfait mensuel", 100, 95_000, 1800),
        ],
    },
    HistoryClient {
        name: "Lagune Immobilier",
        legal_name: "Lagune Immobilier SA",
        city: "Abidjan",
        owner_email: "fatou@laguneimmo.demo",
        owner_name: "Fatou Bamba",
        lines: &[
            ("Portail des annonces — maintenance", "Mises à jour, sauvegardes, supervision", 100, 180_000, 1800),
            ("Campagne sponsorisée", "Budget média du mois, sans marge", 100, 250_000, 0),
        ],
    },
    HistoryClient {
        name: "Kente Couture",
        legal_name: "Kente Couture SARL",
        city: "Grand-Bassam",
        owner_email: "adjoa@kentecouture.demo",
        owner_name: "Adjoa Mensah",
        lines: &[
            ("Boutique en ligne — hébergement", "Serveur, certificat, sauvegardes", 100, 65_000, 1800),
            ("Community management", "Jours du mois", 400, 45_000, 1800),
        ],
    },
    HistoryClient {
        name: "Savane Clinique",
        legal_name: "Clinique de la Savane SA",
        city: "Yamoussoukro",
        owner_email: "drkouame@savaneclinique.demo",
        owner_name: "Dr Kouamé N'Guessan",
        lines: &[
            ("Prise de rendez-vous en ligne", "Licence et hébergement, mois", 100, 420_000, 1800),
            ("Rappels SMS", "Forfait 2 000 SMS", 100, 60_000, 1800),
        ],
    },
];

/// CinetPay's `payment_method` codes, taken in turn so the dashboard shows every operator.
const METHODS: [&str; 7] = ["OMCIV2", "MOMO", "OMCIV2", "WAVECI", "FLOOZ", "CARD", "OMCIV2"];

/// What became of the invoice of `months_ago` for client `client`: the demo's late payers, one
/// per age bucket of the dashboard (0–30, 31–60, 61–90, 90+ days past due), and a partial payment.
enum Fate {
    Paid { days_to_pay: i64 },
    PartlyPaid { percent: i64 },
    Unpaid,
}

fn fate(client: usize, months_ago: u32) -> Fate {
    match (client, months_ago) {
        (_, 0) => Fate::Unpaid, // this month's, not due yet
        (0, 1) | (1, 2) | (3, 4) => Fate::Unpaid,
        (2, 3) => Fate::PartlyPaid { percent: 40 },
        (3, 5) => Fate::Unpaid,
        _ => Fate::Paid { days_to_pay: 3 + ((client as i64 * 7 + months_ago as i64 * 5) % 25) },
    }
}

/// Adds the year of history unless it is already there; `password_hash` is the demo clients' one.
pub fn seed(conn: &mut PgConn, admin: Uuid, password_hash: &str) -> diesel::QueryResult<usize> {
    if Client::find_by_name(conn, CLIENTS[0].name)?.is_some() {
        return Ok(0);
    }
    let today = Utc::now().date_naive();
    let mut created = 0;
    let mut owners = Vec::new();
    for plan in &CLIENTS {
        let client = NewClient {
            id: Uuid::now_v7(),
            name: plan.name,
            legal_name: Some(plan.legal_name),
            tax_id: None,
            address: None,
            city: Some(plan.city),
            country: "CI",
            phone: None,
            billing_email: Some(plan.owner_email),
            currency: "XOF",
        }
        .insert(conn)?;
        let owner = NewUser {
            id: Uuid::now_v7(),
            email: plan.owner_email,
            full_name: plan.owner_name,
            phone: None,
            locale: Locale::Fr,
            role: Role::Client,
            password_hash,
            is_active: true,
        }
        .insert(conn)?;
        clients::add_member(conn, client.id, owner.id, MemberRole::Owner)?;
        owners.push((client, owner.id));
        created += 2;
    }
    // Month by month, so that invoice numbers follow their issue dates as a real ledger does.
    for months_ago in (0..12u32).rev() {
        for (n, (client, owner)) in owners.iter().enumerate() {
            let issued = month_start(today, months_ago) + Duration::days(2 + n as i64);
            let invoice = issue_invoice(conn, client, &CLIENTS[n], issued, admin)?;
            // Last month's invoices are paid in the first days of this one: this month collects too.
            let paid_on = (months_ago == 1).then(|| today - Duration::days(1 + n as i64));
            let turn = n + months_ago as usize;
            created += 1 + settle(conn, &invoice, *owner, fate(n, months_ago), turn, paid_on)?;
        }
    }
    created += flagged_payment(conn, owners[1].1)?;
    for (n, (client, owner)) in owners.iter().enumerate() {
        created += tickets(conn, client.id, *owner, admin, n)?;
    }
    created += dead_job_and_failed_email(conn)?;
    Ok(created)
}

/// Sector, tags and size of every demo client, so that the back-office's filters have something
/// to filter. Run after every demo client exists.
pub fn segment(conn: &mut PgConn) -> diesel::QueryResult<()> {
    use diesel::prelude::*;
    use nourx_db::schema::clients;
    use nourx_domain::client::ClientSize;
    const SEGMENTS: [(&str, &str, &[&str], ClientSize); 6] = [
        ("Akwaba Digital", "Communication", &["vip", "site-web"], ClientSize::Small),
        ("Baobab Foods", "Agroalimentaire", &["mobile", "fidélité"], ClientSize::Medium),
        ("Sahel Transit", "Transport et logistique", &["abonnement"], ClientSize::Medium),
        ("Lagune Immobilier", "Immobilier", &["abonnement", "publicité"], ClientSize::Small),
        ("Kente Couture", "Mode", &["e-commerce"], ClientSize::Solo),
        ("Savane Clinique", "Santé", &["vip", "abonnement"], ClientSize::Large),
    ];
    for (name, sector, tags, size) in SEGMENTS {
        let tags: Vec<String> = tags.iter().map(|tag| (*tag).to_owned()).collect();
        diesel::update(clients::table.filter(clients::name.eq(name)))
            .set((clients::sector.eq(sector), clients::tags.eq(tags), clients::size.eq(size)))
            .execute(conn)?;
    }
    Ok(())
}

/// The audit log of what the demo's records say happened (invoices sent by NOURX, quotes
/// answered, tickets opened, payments settled by CinetPay), dated when it happened, so that the
/// back-office's activity feed reads like a year of business. Entries the seed already wrote
/// are not repeated. Run after every demo record exists.
pub fn backfill_activity(conn: &mut PgConn) -> diesel::QueryResult<usize> {
    use diesel::prelude::*;
    let missing = |entity: &str, actions: &str, id: &str| {
        format!(
            "NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = '{entity}' AND a.action IN ({actions}) AND a.entity_id = {id}::text)"
        )
    };
    let statements = [
        format!(
            "INSERT INTO audit_log (actor_id, action, entity, entity_id, diff, created_at, client_id) \
             SELECT (SELECT id FROM users WHERE email = 'admin@nourx.demo'), 'send', 'invoice', i.id::text, \
                    jsonb_build_object('number', jsonb_build_array(NULL, i.number), 'status', jsonb_build_array('draft', 'sent')), \
                    i.sent_at, i.client_id \
             FROM invoices i WHERE i.sent_at IS NOT NULL AND {}",
            missing("invoice", "'send'", "i.id")
        ),
        format!(
            "INSERT INTO audit_log (actor_id, action, entity, entity_id, diff, created_at, client_id) \
             SELECT q.decided_by, CASE q.status WHEN 'accepted' THEN 'accept' ELSE 'decline' END, 'quote', q.id::text, \
                    jsonb_build_object('status', jsonb_build_array('sent', q.status)), q.decided_at, q.client_id \
             FROM quotes q WHERE q.status IN ('accepted', 'declined') AND q.decided_at IS NOT NULL AND {}",
            missing("quote", "'accept', 'decline'", "q.id")
        ),
        format!(
            "INSERT INTO audit_log (actor_id, action, entity, entity_id, diff, created_at, client_id) \
             SELECT t.created_by, 'create', 'ticket', t.id::text, \
                    jsonb_build_object('number', t.number, 'subject', t.subject), t.created_at, t.client_id \
             FROM tickets t WHERE {}",
            missing("ticket", "'create'", "t.id")
        ),
        format!(
            "INSERT INTO audit_log (actor_id, action, entity, entity_id, diff, created_at, client_id) \
             SELECT NULL, 'payment.settled', 'payment', p.id::text, \
                    jsonb_build_object('invoice_id', p.invoice_id, 'amount', p.amount, 'currency', p.currency, \
                                       'transaction_id', p.transaction_id), \
                    p.settled_at, p.client_id \
             FROM payments p WHERE p.status = 'accepted' AND p.settled_at IS NOT NULL AND {}",
            missing("payment", "'payment.settled'", "p.id")
        ),
    ];
    let mut written = 0;
    for statement in statements {
        written += diesel::sql_query(statement).execute(conn)?;
    }
    Ok(written)
}

fn month_start(today: NaiveDate, months_ago: u32) -> NaiveDate {
    let first = today.with_day(1).unwrap_or(today);
    first.checked_sub_months(Months::new(months_ago)).unwrap_or(first)
}

fn at(day: NaiveDate, hour: u32) -> Option<DateTime<Utc>> {
    day.and_hms_opt(hour, 15, 0).map(|t| t.and_utc())
}

/// A monthly invoice, numbered in its year and sent on its issue date, due 30 days later.
fn issue_invoice(
    conn: &mut PgConn,
    client: &Client,
    plan: &HistoryClient,
    issued: NaiveDate,
    admin: Uuid,
) -> diesel::QueryResult<Invoice> {
    let (items, totals) = priced(plan.lines);
    let month = issued.format("%m/%Y").to_string();
    let invoice = NewInvoice {
        id: Uuid::now_v7(),
        client_id: client.id,
        project_id: None,
        quote_id: None,
        title: &format!("Prestations du mois {month}"),
        currency: "XOF",
        issue_date: Some(issued),
        due_date: Some(issued + Duration::days(30)),
        notes: "Paiement par Mobile Money ou carte depuis votre espace client.",
        total_ht: totals.ht,
        total_tva: totals.tva,
        total_ttc: totals.ttc,
        discount_bp: 0,
        discount_total: 0,
        payment_terms: crate::demo_billing::DEMO_TERMS,
        created_by: Some(admin),
    }
    .insert(conn)?;
    line_items::replace(conn, ItemOwner::Invoice(invoice.id), &items)?;
    let number =
        document_number(INVOICE_PREFIX, issued.year(), sequences::next(conn, SequenceKind::Invoice, issued.year())?);
    invoices::update(
        conn,
        invoice.id,
        &InvoiceChanges {
            number: Some(Some(number)),
            status: Some(InvoiceStatus::Sent),
            sent_at: Some(at(issued, 9)),
            ..InvoiceChanges::default()
        },
    )
}

/// Pays `invoice` as its fate says (on `paid_on` if given), online, through the `turn`-th operator;
/// returns the rows added.
fn settle(
    conn: &mut PgConn,
    invoice: &Invoice,
    payer: Uuid,
    fate: Fate,
    turn: usize,
    paid_on: Option<NaiveDate>,
) -> diesel::QueryResult<usize> {
    let issued = invoice.issue_date.unwrap_or_else(|| Utc::now().date_naive());
    let (amount, days, status) = match fate {
        Fate::Unpaid => return Ok(0),
        Fate::Paid { days_to_pay } => (invoice.total_ttc, days_to_pay, InvoiceStatus::Paid),
        Fate::PartlyPaid { percent } => (invoice.total_ttc * percent / 100 / 5 * 5, 6, InvoiceStatus::PartiallyPaid),
    };
    let day = paid_on.unwrap_or(issued + Duration::days(days));
    let Some(paid_at) = at(day, 11 + (turn as u32 % 8)) else { return Ok(0) };
    let payment = OnlinePayment { payer, amount, method: METHODS[turn % METHODS.len()], paid_at, paid_before: 0 };
    payment.record(conn, invoice, PaymentStatus::Accepted)?;
    invoices::update(
        conn,
        invoice.id,
        &InvoiceChanges {
            status: Some(status),
            amount_paid: Some(amount),
            paid_at: (status == InvoiceStatus::Paid).then_some(Some(paid_at)),
            ..InvoiceChanges::default()
        },
    )?;
    Ok(1)
}

/// Lagune Immobilier's late invoice received less than asked: flagged, never applied.
fn flagged_payment(conn: &mut PgConn, payer: Uuid) -> diesel::QueryResult<usize> {
    use diesel::prelude::*;
    use nourx_db::schema::{clients as clients_table, invoices as invoices_table};
    let invoice: Option<Invoice> = invoices_table::table
        .inner_join(clients_table::table)
        .filter(clients_table::name.eq(CLIENTS[1].name))
        .filter(invoices_table::status.eq(InvoiceStatus::Sent))
        .order(invoices_table::issue_date.asc())
        .select(Invoice::as_select())
        .first(conn)
        .optional()?;
    let Some(invoice) = invoice else { return Ok(0) };
    let paid_at = Utc::now() - Duration::hours(20);
    let payment = OnlinePayment { payer, amount: invoice.total_ttc - 5_000, method: "MOMO", paid_at, paid_before: 0 };
    payment.record(conn, &invoice, PaymentStatus::Flagged)?;
    Ok(1)
}

/// Two tickets per client: one waiting past its first-response target, one answered in time.
fn tickets(conn: &mut PgConn, client_id: Uuid, owner: Uuid, admin: Uuid, n: usize) -> diesel::QueryResult<usize> {
    let subjects = [
        ("Impossible de télécharger la facture du mois", Priority::High),
        ("Ajouter un compte pour notre comptable", Priority::Normal),
        ("Le site est lent depuis ce matin", Priority::Urgent),
        ("Changer le logo sur la page d'accueil", Priority::Low),
    ];
    let (late_subject, late_priority) = subjects[n % subjects.len()];
    let (ok_subject, ok_priority) = subjects[(n + 1) % subjects.len()];
    let now = Utc::now();
    // Late: opened well before its first-response target, still unanswered.
    let late_opened = now - Duration::hours(30 + 6 * n as i64);
    open_ticket(conn, client_id, owner, late_subject, late_priority, late_opened)?;
    let ok_opened = now - Duration::days(3 + n as i64);
    let answered = open_ticket(conn, client_id, owner, ok_subject, ok_priority, ok_opened)?;
    NewTicketMessage {
        id: Uuid::now_v7(),
        ticket_id: answered,
        client_id,
        author_id: admin,
        body: "Bonjour, c'est fait : vous pouvez vérifier de votre côté.",
        internal: false,
    }
    .insert(conn)?;
    let changes = TicketChanges {
        status: Some(TicketStatus::Resolved),
        first_responded_at: Some(Some(ok_opened + Duration::minutes(35 + 10 * n as i64))),
        resolved_at: Some(Some(ok_opened + Duration::hours(5))),
        ..TicketChanges::default()
    };
    nourx_db::tickets::update(conn, answered, &changes)?;
    Ok(5)
}

fn open_ticket(
    conn: &mut PgConn,
    client_id: Uuid,
    owner: Uuid,
    subject: &str,
    priority: Priority,
    opened: DateTime<Utc>,
) -> diesel::QueryResult<Uuid> {
    use diesel::prelude::*;
    let sla = default_plan(opened, priority);
    let ticket = NewTicket {
        id: Uuid::now_v7(),
        client_id,
        project_id: None,
        subject,
        priority,
        created_by: owner,
        sla_policy_id: None,
        first_response_due: sla.first_response_due,
        first_response_risk_at: sla.first_response_risk_at,
        resolution_due: sla.resolution_due,
        resolution_risk_at: sla.resolution_risk_at,
    }
    .insert(conn)?;
    NewTicketMessage {
        id: Uuid::now_v7(),
        ticket_id: ticket.id,
        client_id,
        author_id: owner,
        body: subject,
        internal: false,
    }
    .insert(conn)?;
    diesel::sql_query("UPDATE tickets SET created_at = $1 WHERE id = $2")
        .bind::<diesel::sql_types::Timestamptz, _>(opened)
        .bind::<diesel::sql_types::Uuid, _>(ticket.id)
        .execute(conn)?;
    diesel::sql_query("UPDATE ticket_messages SET created_at = $1 WHERE ticket_id = $2")
        .bind::<diesel::sql_types::Timestamptz, _>(opened)
        .bind::<diesel::sql_types::Uuid, _>(ticket.id)
        .execute(conn)?;
    Ok(ticket.id)
}

/// What a bad night leaves for staff: a re-check that gave up and an email the server refused.
fn dead_job_and_failed_email(conn: &mut PgConn) -> diesel::QueryResult<usize> {
    use diesel::prelude::*;
    diesel::sql_query(
        "INSERT INTO jobs (id, kind, payload, status, attempts, max_attempts, run_at, last_error, finished_at, created_at) \
         SELECT $1, 'payment.recheck', jsonb_build_object('payment_id', p.id), 'dead', 10, 10, now() - interval '2 hours', \
                'CinetPay injoignable : délai dépassé après 10 tentatives', now() - interval '2 hours', \
                now() - interval '1 day' \
         FROM payments p WHERE p.status = 'flagged' LIMIT 1",
    )
    .bind::<diesel::sql_types::Uuid, _>(Uuid::now_v7())
    .execute(conn)?;
    let owner = User::find_by_email(conn, CLIENTS[2].owner_email)?;
    let Some(owner) = owner else { return Ok(1) };
    diesel::sql_query(
        "INSERT INTO outbox (id, to_email, template, locale, subject, text_body, html_body, status, attempts, last_error) \
         VALUES ($1, $2, 'invoice_sent', 'fr', 'Votre facture NOURX', 'Bonjour,', '<p>Bonjour,</p>', 'failed', 8, \
                 '550 5.1.1 mailbox unavailable')",
    )
    .bind::<diesel::sql_types::Uuid, _>(Uuid::now_v7())
    .bind::<diesel::sql_types::Text, _>(owner.email)
    .execute(conn)?;
    Ok(2)
}
