//! The demo clients' quotes and invoices, in every state, with realistic French labels.
//! Created once per client (skipped when the client already has quotes or invoices).

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use diesel::prelude::*;
use nourx_db::PgConn;
use nourx_db::invoices::{self, InvoiceChanges, NewInvoice};
use nourx_db::line_items::{self, ItemOwner, NewLineItem};
use nourx_db::quotes::{self, NewQuote, QuoteChanges};
use nourx_db::schema::{invoices as invoices_table, projects, quotes as quotes_table};
use nourx_db::sequences::{self, SequenceKind};
use nourx_domain::Workflow;
use nourx_domain::billing::{
    self, INVOICE_PREFIX, InvoiceStatus, LineInput, QUOTE_PREFIX, QuoteStatus, document_number,
};
use uuid::Uuid;

/// (label, description, quantity in hundredths, unit price in FCFA, tax rate in basis points)
pub(crate) type Line = (&'static str, &'static str, i64, i64, i32);

struct Doc {
    title: &'static str,
    /// draft, sent, accepted, declined, expired (quotes); draft, sent, partially_paid, paid,
    /// cancelled, overdue (invoices: `overdue` is a sent invoice past its due date).
    status: &'static str,
    /// Days from today to the issue date.
    issued: i64,
    /// Days from the issue date to the due date (invoices) or the end of validity (quotes).
    term: i64,
    /// Part of the TTC already paid, in percent.
    paid_percent: i64,
    note: &'static str,
    lines: &'static [Line],
}

const SITE: &[Line] = &[
    ("Conception UX et maquettes", "Ateliers, arborescence, maquettes mobiles et bureau", 100, 850_000, 1800),
    ("Intégration et développement", "Site bilingue, blog, formulaire de contact", 100, 1_450_000, 1800),
    ("Rédaction des contenus", "Pages institutionnelles, par page", 600, 35_000, 1800),
    ("Formation de l'équipe", "Demi-journée, prise en main de l'administration", 50, 120_000, 0),
];
const MOBILE: &[Line] = &[
    ("Application Android et iOS", "Carte de fidélité, solde de points, notifications", 100, 3_200_000, 1800),
    ("Intégration Orange Money et Wave", "", 100, 650_000, 1800),
    ("Tableau de bord boutiques", "", 100, 900_000, 1800),
];
const HOSTING: &[Line] = &[
    ("Hébergement et supervision", "Trimestre, serveur et sauvegardes", 300, 45_000, 1800),
    ("Maintenance corrective", "Forfait mensuel", 300, 60_000, 1800),
    ("Nom de domaine .ci", "Renouvellement annuel", 100, 25_000, 1800),
];
const CAMPAIGN: &[Line] = &[
    ("Conception des visuels", "Déclinaisons réseaux sociaux et affichage", 100, 480_000, 1800),
    ("Achat d'espace Facebook et Instagram", "Budget média, sans marge", 100, 750_000, 0),
    ("Gestion de campagne", "Jours de community management", 800, 45_000, 1800),
];
const SHOP: &[Line] = &[
    ("Boutique en ligne", "Catalogue, panier, paiement mobile", 100, 1_900_000, 1800),
    ("Photos produits", "Séance en studio, 40 produits", 4000, 7_500, 1800),
    ("Livraison Abidjan — module", "Zones et tarifs par commune", 100, 350_000, 1800),
];

const AKWABA_QUOTES: &[Doc] = &[
    Doc {
        title: "Refonte du site vitrine",
        status: "accepted",
        issued: -75,
        term: 30,
        paid_percent: 0,
        note: "",
        lines: SITE,
    },
    Doc {
        title: "Campagne d'affichage Abidjan",
        status: "declined",
        issued: -40,
        term: 30,
        paid_percent: 0,
        note: "",
        lines: CAMPAIGN,
    },
    Doc {
        title: "Hébergement premium 2026",
        status: "expired",
        issued: -50,
        term: 15,
        paid_percent: 0,
        note: "",
        lines: HOSTING,
    },
    Doc {
        title: "Application mobile de fidélité — phase 2",
        status: "sent",
        issued: -6,
        term: 30,
        paid_percent: 0,
        note: "Acompte de 40 % à la commande, solde à la livraison.",
        lines: MOBILE,
    },
    Doc {
        title: "Campagne réseaux sociaux Tabaski",
        status: "sent",
        issued: -2,
        term: 30,
        paid_percent: 0,
        note: "",
        lines: CAMPAIGN,
    },
    Doc {
        title: "Maintenance annuelle 2027",
        status: "draft",
        issued: 0,
        term: 30,
        paid_percent: 0,
        note: "",
        lines: HOSTING,
    },
];
const AKWABA_INVOICES: &[Doc] = &[
    Doc {
        title: "Refonte du site vitrine — acompte",
        status: "paid",
        issued: -70,
        term: 15,
        paid_percent: 100,
        note: "Acompte de 40 % sur le devis accepté.",
        lines: SITE,
    },
    Doc {
        title: "Facture émise en double",
        status: "cancelled",
        issued: -60,
        term: 30,
        paid_percent: 0,
        note: "",
        lines: HOSTING,
    },
    Doc {
        title: "Hébergement et maintenance — T3",
        status: "overdue",
        issued: -45,
        term: 30,
        paid_percent: 0,
        note: "",
        lines: HOSTING,
    },
    Doc {
        title: "Refonte du site vitrine — deuxième tranche",
        status: "partially_paid",
        issued: -20,
        term: 30,
        paid_percent: 35,
        note: "",
        lines: SITE,
    },
    Doc {
        title: "Application mobile — cadrage",
        status: "sent",
        issued: -3,
        term: 30,
        paid_percent: 0,
        note: "",
        lines: MOBILE,
    },
    Doc {
        title: "Hébergement et maintenance — T1 2027",
        status: "draft",
        issued: 0,
        term: 30,
        paid_percent: 0,
        note: "",
        lines: HOSTING,
    },
];
const BAOBAB_QUOTES: &[Doc] = &[
    Doc {
        title: "Boutique en ligne",
        status: "accepted",
        issued: -50,
        term: 30,
        paid_percent: 0,
        note: "",
        lines: SHOP,
    },
    Doc {
        title: "Campagne de lancement",
        status: "sent",
        issued: -4,
        term: 30,
        paid_percent: 0,
        note: "",
        lines: CAMPAIGN,
    },
];
const BAOBAB_INVOICES: &[Doc] = &[
    Doc {
        title: "Boutique en ligne — acompte",
        status: "paid",
        issued: -45,
        term: 15,
        paid_percent: 100,
        note: "",
        lines: SHOP,
    },
    Doc {
        title: "Hébergement — T3",
        status: "overdue",
        issued: -40,
        term: 20,
        paid_percent: 0,
        note: "",
        lines: HOSTING,
    },
    Doc {
        title: "Boutique en ligne — solde",
        status: "sent",
        issued: -5,
        term: 30,
        paid_percent: 0,
        note: "",
        lines: SHOP,
    },
];

fn day(offset: i64) -> NaiveDate {
    (Utc::now() + Duration::days(offset)).date_naive()
}

/// The terms the demo's documents print (the billing settings' default).
pub(crate) const DEMO_TERMS: &str = "Paiement à réception de facture, par Mobile Money, carte ou virement.";

pub(crate) fn priced(lines: &[Line]) -> (Vec<NewLineItem>, billing::DocumentTotals) {
    let mut items = Vec::new();
    let mut inputs = Vec::new();
    for (label, description, quantity_hundredths, unit_price, tax_rate_bp) in lines {
        let input = LineInput::plain(*quantity_hundredths, *unit_price, *tax_rate_bp);
        let totals = billing::line_totals(input).unwrap_or_default();
        inputs.push(input);
        items.push(NewLineItem {
            label: (*label).to_owned(),
            description: (*description).to_owned(),
            quantity_hundredths: *quantity_hundredths,
            unit_price: *unit_price,
            tax_rate_bp: *tax_rate_bp,
            total_ht: totals.ht,
            total_tva: totals.tva,
            discount_bp: 0,
        });
    }
    let totals = billing::document_totals(&inputs, 0).map(|(_, totals)| totals).unwrap_or_default();
    (items, totals)
}

/// Adds the demo quotes and invoices to `client_id` unless it already has some.
pub fn seed_client(conn: &mut PgConn, client_id: Uuid, owner: Uuid, admin: Uuid, big: bool) -> QueryResult<usize> {
    let quotes: i64 = quotes_table::table.filter(quotes_table::client_id.eq(client_id)).count().get_result(conn)?;
    let invoices: i64 =
        invoices_table::table.filter(invoices_table::client_id.eq(client_id)).count().get_result(conn)?;
    let existing = quotes + invoices;
    if existing > 0 {
        return Ok(0);
    }
    let client_projects: Vec<(Uuid, String)> =
        projects::table.filter(projects::client_id.eq(client_id)).select((projects::id, projects::name)).load(conn)?;
    // The project a document is about, told by its first line.
    let project_of = |lines: &[Line]| -> Option<Uuid> {
        let word = match lines.first().map(|line| line.0) {
            Some(label) if label == MOBILE[0].0 => "Application",
            Some(label) if label == CAMPAIGN[0].0 => "Campagne",
            Some(label) if label == SHOP[0].0 => "Boutique",
            _ => "site",
        };
        client_projects.iter().find(|(_, name)| name.contains(word)).or(client_projects.first()).map(|(id, _)| *id)
    };
    let (quote_docs, invoice_docs) =
        if big { (AKWABA_QUOTES, AKWABA_INVOICES) } else { (BAOBAB_QUOTES, BAOBAB_INVOICES) };
    let mut created = 0;
    for doc in quote_docs {
        let (items, totals) = priced(doc.lines);
        let issue = day(doc.issued);
        let quote = NewQuote {
            id: Uuid::now_v7(),
            client_id,
            project_id: project_of(doc.lines),
            title: doc.title,
            currency: "XOF",
            issue_date: (doc.status != "draft").then_some(issue),
            valid_until: (doc.status != "draft").then(|| issue + Duration::days(doc.term)),
            notes: doc.note,
            total_ht: totals.ht,
            total_tva: totals.tva,
            total_ttc: totals.ttc,
            discount_bp: 0,
            discount_total: 0,
            payment_terms: DEMO_TERMS,
            created_by: Some(admin),
        }
        .insert(conn)?;
        line_items::replace(conn, ItemOwner::Quote(quote.id), &items)?;
        created += 1;
        if doc.status == "draft" {
            continue;
        }
        let number =
            document_number(QUOTE_PREFIX, issue.year(), sequences::next(conn, SequenceKind::Quote, issue.year())?);
        let sent_at = issue.and_hms_opt(9, 30, 0).map(|t| t.and_utc());
        let decided_at = issue.and_hms_opt(16, 0, 0).map(|t| t.and_utc() + Duration::days(3));
        let decided = matches!(doc.status, "accepted" | "declined");
        quotes::update(
            conn,
            quote.id,
            &QuoteChanges {
                number: Some(Some(number)),
                // An expired quote is a sent one past its validity: the API shows it as expired.
                status: QuoteStatus::parse(if doc.status == "expired" { "sent" } else { doc.status }),
                sent_at: Some(sent_at),
                decided_at: decided.then_some(decided_at),
                decided_by: decided.then_some(Some(owner)),
                decided_ip: decided.then(|| Some("102.67.12.34".to_owned())),
                decline_reason: (doc.status == "declined").then(|| Some("Budget reporté à l'an prochain.".to_owned())),
                ..QuoteChanges::default()
            },
        )?;
    }
    for doc in invoice_docs {
        let (items, totals) = priced(doc.lines);
        let issue = day(doc.issued);
        let invoice = NewInvoice {
            id: Uuid::now_v7(),
            client_id,
            project_id: project_of(doc.lines),
            quote_id: None,
            title: doc.title,
            currency: "XOF",
            issue_date: (doc.status != "draft").then_some(issue),
            due_date: (doc.status != "draft").then(|| issue + Duration::days(doc.term)),
            notes: doc.note,
            total_ht: totals.ht,
            total_tva: totals.tva,
            total_ttc: totals.ttc,
            discount_bp: 0,
            discount_total: 0,
            payment_terms: DEMO_TERMS,
            created_by: Some(admin),
        }
        .insert(conn)?;
        line_items::replace(conn, ItemOwner::Invoice(invoice.id), &items)?;
        created += 1;
        if doc.status == "draft" {
            continue;
        }
        let number =
            document_number(INVOICE_PREFIX, issue.year(), sequences::next(conn, SequenceKind::Invoice, issue.year())?);
        let sent_at = issue.and_hms_opt(10, 0, 0).map(|t| t.and_utc());
        // Whole francs, rounded down to a multiple of 5 like a mobile-money instalment.
        let paid = (totals.ttc * doc.paid_percent / 100) / 5 * 5;
        let paid = if doc.paid_percent == 100 { totals.ttc } else { paid };
        invoices::update(
            conn,
            invoice.id,
            &InvoiceChanges {
                number: Some(Some(number)),
                status: InvoiceStatus::parse(if doc.status == "overdue" { "sent" } else { doc.status }),
                sent_at: Some(sent_at),
                amount_paid: Some(paid),
                paid_at: (doc.status == "paid")
                    .then(|| issue.and_hms_opt(15, 0, 0).map(|t| t.and_utc() + Duration::days(5))),
                cancelled_at: (doc.status == "cancelled").then(|| sent_at.map(|t| t + Duration::hours(2))),
                cancelled_by: (doc.status == "cancelled").then_some(Some(admin)),
                cancel_reason: (doc.status == "cancelled")
                    .then(|| Some("Facture émise deux fois par erreur.".to_owned())),
                ..InvoiceChanges::default()
            },
        )?;
        if doc.status == "partially_paid" {
            seed_instalment(conn, &invoice, owner, paid, issue)?;
        }
    }
    if big {
        seed_retainer(conn, client_id, project_of(&[]), admin)?;
    }
    Ok(created)
}

/// A hosting and maintenance retainer, invoiced on the 1st of each month from next month.
fn seed_retainer(conn: &mut PgConn, client_id: Uuid, project_id: Option<Uuid>, admin: Uuid) -> QueryResult<()> {
    use nourx_domain::recurring::{Rhythm, next_issue};
    let today = Utc::now().date_naive();
    let start = today.with_day(1).and_then(|first| first.checked_add_months(chrono::Months::new(1))).unwrap_or(today);
    let items = serde_json::json!([
        {"label": "Hébergement et sauvegardes", "description": "Serveur, certificat TLS, sauvegarde quotidienne",
         "quantity_hundredths": 100, "unit_price": 45_000, "tax_rate_bp": 1800, "discount_bp": 0},
        {"label": "Maintenance corrective", "description": "Jusqu'à 4 heures par mois",
         "quantity_hundredths": 400, "unit_price": 15_000, "tax_rate_bp": 1800, "discount_bp": 0},
    ]);
    let values = nourx_db::recurring::RecurringValues {
        client_id,
        project_id,
        title: "Hébergement et maintenance du site",
        currency: "XOF",
        notes: "",
        payment_terms: DEMO_TERMS,
        discount_bp: 0,
        items: &items,
        rhythm: Rhythm::Monthly,
        start_date: start,
        end_date: None,
        due_days: 15,
        next_date: next_issue(start, Rhythm::Monthly, 0, None),
    };
    nourx_db::recurring::insert(conn, Uuid::now_v7(), &values, admin).map(|_| ())
}

/// The first instalment of a partly paid invoice, paid online with Orange Money, with its receipt.
fn seed_instalment(
    conn: &mut PgConn,
    invoice: &nourx_db::invoices::Invoice,
    owner: Uuid,
    amount: i64,
    issued: NaiveDate,
) -> QueryResult<()> {
    let paid_at = issued.and_hms_opt(18, 42, 0).map(|t| t.and_utc() + Duration::days(3));
    let Some(paid_at) = paid_at else { return Ok(()) };
    let paid = OnlinePayment { payer: owner, amount, method: "OMCIV2", paid_at, paid_before: 0 };
    paid.record(conn, invoice, nourx_domain::payments::PaymentStatus::Accepted).map(|_| ())
}

/// A payment made through CinetPay as the demo tells it: already checked, settled (or flagged).
pub(crate) struct OnlinePayment<'a> {
    pub payer: Uuid,
    pub amount: i64,
    /// CinetPay's `payment_method`: OMCIV2, MOMO, FLOOZ, WAVECI or CARD.
    pub method: &'a str,
    pub paid_at: DateTime<Utc>,
    /// What the invoice had received before this payment.
    pub paid_before: i64,
}

impl OnlinePayment<'_> {
    /// Inserts the payment with `status` (accepted: numbered receipt; flagged: money kept apart).
    pub(crate) fn record(
        &self,
        conn: &mut PgConn,
        invoice: &nourx_db::invoices::Invoice,
        status: nourx_domain::payments::PaymentStatus,
    ) -> QueryResult<Uuid> {
        use nourx_db::payments::{self, NewPayment, PaymentChanges};
        use nourx_domain::payments::{PaymentChannel, PaymentStatus};
        let paid_at = self.paid_at;
        let unique = u128::from_be_bytes(*invoice.id.as_bytes()) ^ (self.paid_before as u128);
        let transaction = nourx_domain::payments::transaction_id(paid_at, unique);
        let channel = if self.method == "CARD" { PaymentChannel::CreditCard } else { PaymentChannel::MobileMoney };
        let payment = NewPayment {
            id: Uuid::now_v7(),
            invoice_id: invoice.id,
            client_id: invoice.client_id,
            initiated_by: Some(self.payer),
            transaction_id: &transaction,
            amount: self.amount,
            currency: &invoice.currency,
            site_id: "105900",
            channel,
            expires_at: paid_at + Duration::hours(24),
        }
        .insert(conn)?;
        let accepted = status == PaymentStatus::Accepted;
        let receipt = if accepted {
            let year = paid_at.year();
            let sequence = sequences::next(conn, SequenceKind::Receipt, year)?;
            Some(document_number(nourx_domain::payments::RECEIPT_PREFIX, year, sequence))
        } else {
            None
        };
        payments::update(
            conn,
            payment.id,
            &PaymentChanges {
                status: Some(status),
                payment_method: Some(Some(self.method.into())),
                operator_id: Some(Some(format!("MP{}.1842.A{:05}", paid_at.format("%y%m%d"), self.amount % 100_000))),
                last_code: Some(Some("00".into())),
                last_message: Some(Some("SUCCES".into())),
                check_count: Some(1),
                last_checked_at: Some(Some(paid_at)),
                settled_at: Some(accepted.then_some(paid_at)),
                flag_reason: Some((!accepted).then(|| {
                    format!("amount: {} XOF expected, CinetPay reported {} XOF", self.amount + 5_000, self.amount)
                })),
                receipt_number: Some(receipt),
                paid_before: Some(accepted.then_some(self.paid_before)),
                balance_after: Some(accepted.then_some(invoice.total_ttc - self.paid_before - self.amount)),
                ..PaymentChanges::default()
            },
        )?;
        Ok(payment.id)
    }
}
