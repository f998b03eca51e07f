//! The activity feed: the audit log as sentences ("Awa Koné a accepté le devis DV-2026-0004"),
//! each entry of a kind the feed filters by.

use serde_json::Value;

use crate::money::format_amount;
use crate::payments::method_label;
use crate::workflow::Workflow;
use crate::{InvoiceStatus, Lang, Message, MilestoneStatus, ProjectStatus, QuoteStatus, TaskStatus, TicketStatus};

/// What an entry is about, as the feed filters it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityKind {
    Billing,
    Payments,
    Projects,
    Support,
    Clients,
    Accounts,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 6] =
        [Self::Billing, Self::Payments, Self::Projects, Self::Support, Self::Clients, Self::Accounts];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Billing => "billing",
            Self::Payments => "payments",
            Self::Projects => "projects",
            Self::Support => "support",
            Self::Clients => "clients",
            Self::Accounts => "accounts",
        }
    }

    pub fn parse(value: &str) -> Option<ActivityKind> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == value)
    }

    /// The audit entities of the kind (what the feed's `kind` filter selects).
    pub fn entities(self) -> &'static [&'static str] {
        match self {
            Self::Billing => &["invoice", "quote"],
            Self::Payments => &["payment", "settings"],
            Self::Projects => &["project", "milestone", "task", "comment", "document"],
            Self::Support => &["ticket", "ticket_message", "sla_policy", "canned_reply", "holiday"],
            Self::Clients => &["client", "client_member", "invitation", "prospect", "pipeline_stage"],
            Self::Accounts => &["user", "staff_invitation", "saved_filter", "job"],
        }
    }

    /// What the business did, without logins and back-office housekeeping: every kind's
    /// entities but those of `Accounts` (the dashboard's feed, `kind=business`).
    pub fn business_entities() -> Vec<&'static str> {
        Self::ALL
            .into_iter()
            .filter(|kind| *kind != Self::Accounts)
            .flat_map(|kind| kind.entities().iter().copied())
            .collect()
    }

    /// The kind of an audit entity; anything else is about accounts and the back-office.
    pub fn of(entity: &str) -> ActivityKind {
        Self::ALL.into_iter().find(|kind| kind.entities().contains(&entity)).unwrap_or(Self::Accounts)
    }
}

/// One audit entry as the sentence needs it.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub diff: &'a Value,
    /// The person who did it; none for the system (a payment settled by CinetPay's word).
    pub actor: Option<&'a str>,
    /// The entity's label from its row (number, name, title, payment method), when it still exists.
    pub label: Option<&'a str>,
}

/// How an entity is named in a sentence: French with its article ("le devis") and after "de"
/// ("du devis"), English ("quote").
struct Noun {
    fr: &'static str,
    fr_of: &'static str,
    en: &'static str,
}

fn noun(entity: &str) -> Option<Noun> {
    let (fr, fr_of, en) = match entity {
        "quote" => ("le devis", "du devis", "quote"),
        "invoice" => ("la facture", "de la facture", "invoice"),
        "client" => ("le client", "du client", "client"),
        "project" => ("le projet", "du projet", "project"),
        "milestone" => ("le jalon", "du jalon", "milestone"),
        "task" => ("la tâche", "de la tâche", "task"),
        "ticket" => ("le ticket", "du ticket", "ticket"),
        "document" => ("le document", "du document", "document"),
        "user" => ("le compte", "du compte", "account"),
        "prospect" => ("le prospect", "du prospect", "prospect"),
        "canned_reply" => ("la réponse type", "de la réponse type", "canned reply"),
        "pipeline_stage" => ("l'étape", "de l'étape", "stage"),
        _ => return None,
    };
    Some(Noun { fr, fr_of, en })
}

/// A value of the diff: the value itself, or the newer side of a `[before, after]` change.
fn value<'a>(diff: &'a Value, key: &str) -> Option<&'a Value> {
    match diff.get(key)? {
        Value::Array(pair) if pair.len() == 2 => pair.get(1).filter(|after| !after.is_null()).or(pair.first()),
        value => Some(value),
    }
}

fn text<'a>(diff: &'a Value, key: &str) -> Option<&'a str> {
    value(diff, key).and_then(Value::as_str).filter(|text| !text.is_empty())
}

/// The entity's label: from the diff when it carries it, else from the row.
pub fn label<'a>(entry: &Entry<'a>) -> Option<&'a str> {
    let keys: &[&str] = match entry.entity {
        "quote" | "invoice" => &["number"],
        "client" | "project" | "saved_filter" => &["name"],
        "milestone" | "task" => &["title"],
        "ticket" => &["subject"],
        "prospect" => &["company"],
        "canned_reply" => &["title"],
        "pipeline_stage" | "holiday" => &["name"],
        "document" => &["filename"],
        "invitation" | "staff_invitation" => &["email"],
        _ => &[],
    };
    keys.iter().find_map(|key| text(entry.diff, key)).or(entry.label.filter(|label| !label.is_empty()))
}

fn amount(diff: &Value, lang: Lang) -> Option<String> {
    let minor = value(diff, "amount")?.as_i64()?;
    Some(format_amount(minor, text(diff, "currency").unwrap_or("XOF"), lang))
}

/// "{actor} {verb} {noun} {label}", the label left out when there is none.
fn about(actor: &str, verb: (&str, &str), noun: &Noun, label: Option<&str>) -> Message {
    let label = label.map(|label| format!(" {label}")).unwrap_or_default();
    Message::owned(format!("{actor} {} {}{label}", verb.0, noun.fr), format!("{actor} {} {}{label}", verb.1, noun.en))
}

fn plain(fr: String, en: String) -> Message {
    Message::owned(fr, en)
}

/// The sentence of a payment event.
fn payment(entry: &Entry, actor: &str) -> Option<Message> {
    let (fr, en) = (amount(entry.diff, Lang::Fr)?, amount(entry.diff, Lang::En)?);
    Some(match entry.action {
        "payment.initiated" => {
            plain(format!("{actor} a lancé un paiement de {fr}"), format!("{actor} started a payment of {en}"))
        }
        "payment.settled" => match entry.label.filter(|method| !method.is_empty()).map(method_label) {
            Some(method) => plain(
                format!("Paiement de {fr} reçu par {}", method.fr),
                format!("Payment of {en} received by {}", method.en),
            ),
            None => plain(format!("Paiement de {fr} reçu"), format!("Payment of {en} received")),
        },
        "payment.flagged" => plain(format!("Paiement de {fr} à vérifier"), format!("Payment of {en} to review")),
        _ => return None,
    })
}

/// The sentence of an account event (the entity is the account itself).
fn account(action: &str, actor: &str, label: Option<&str>) -> Option<Message> {
    let whose = label.unwrap_or("?");
    Some(match action {
        "login" => plain(format!("Connexion de {actor}"), format!("{actor} logged in")),
        "logout" => plain(format!("Déconnexion de {actor}"), format!("{actor} logged out")),
        "password_change" => {
            plain(format!("{actor} a changé son mot de passe"), format!("{actor} changed their password"))
        }
        "password_reset" => {
            plain(format!("Mot de passe de {whose} réinitialisé"), format!("Password of {whose} reset"))
        }
        "session_revoke" => plain(format!("{actor} a fermé une session"), format!("{actor} closed a session")),
        "sessions_revoke_others" => {
            plain(format!("{actor} a fermé ses autres sessions"), format!("{actor} closed their other sessions"))
        }
        "two_factor_enable" => plain(
            format!("{actor} a activé la double authentification"),
            format!("{actor} turned on two-factor authentication"),
        ),
        "two_factor_disable" => plain(
            format!("{actor} a désactivé la double authentification"),
            format!("{actor} turned off two-factor authentication"),
        ),
        "two_factor_recovery_codes" => plain(
            format!("{actor} a régénéré ses codes de secours"),
            format!("{actor} regenerated their recovery codes"),
        ),
        "two_factor_reset" => plain(
            format!("{actor} a réinitialisé la double authentification de {whose}"),
            format!("{actor} reset the two-factor authentication of {whose}"),
        ),
        "role_change" => {
            plain(format!("{actor} a changé le rôle de {whose}"), format!("{actor} changed the role of {whose}"))
        }
        "activate" => {
            plain(format!("{actor} a réactivé le compte de {whose}"), format!("{actor} reactivated {whose}'s account"))
        }
        "deactivate" => {
            plain(format!("{actor} a désactivé le compte de {whose}"), format!("{actor} deactivated {whose}'s account"))
        }
        "update" => {
            plain(format!("{actor} a modifié le compte de {whose}"), format!("{actor} updated {whose}'s account"))
        }
        _ => return None,
    })
}

/// The sentence of an invitation (of a client's person or of a staff member) or of a client's member.
fn people(entry: &Entry, actor: &str, label: Option<&str>) -> Option<Message> {
    let email = label.unwrap_or("?");
    let team = entry.entity == "staff_invitation";
    Some(match (entry.entity, entry.action) {
        ("invitation" | "staff_invitation", "invite") if team => {
            plain(format!("{actor} a invité {email} dans l'équipe"), format!("{actor} invited {email} to the team"))
        }
        ("invitation" | "staff_invitation", "invite") => {
            plain(format!("{actor} a invité {email}"), format!("{actor} invited {email}"))
        }
        ("invitation" | "staff_invitation", "resend") => plain(
            format!("{actor} a renvoyé l'invitation de {email}"),
            format!("{actor} resent the invitation of {email}"),
        ),
        ("invitation" | "staff_invitation", "revoke") => plain(
            format!("{actor} a révoqué l'invitation de {email}"),
            format!("{actor} revoked the invitation of {email}"),
        ),
        ("staff_invitation", "accept_invitation") => {
            plain(format!("{actor} a rejoint l'équipe"), format!("{actor} joined the team"))
        }
        ("invitation", "accept_invitation") => {
            plain(format!("{actor} a accepté son invitation"), format!("{actor} accepted their invitation"))
        }
        ("client_member", "role_change") => {
            plain(format!("{actor} a changé le rôle d'un membre"), format!("{actor} changed a member's role"))
        }
        ("client_member", "delete") => {
            plain(format!("{actor} a retiré un membre"), format!("{actor} removed a member"))
        }
        _ => return None,
    })
}

/// The sentence of the other back-office events.
fn back_office(entry: &Entry, actor: &str, label: Option<&str>) -> Option<Message> {
    let name = label.unwrap_or("?");
    Some(match (entry.entity, entry.action) {
        ("comment", "create") => plain(format!("{actor} a commenté une tâche"), format!("{actor} commented on a task")),
        ("ticket_message", "create") => {
            plain(format!("{actor} a répondu à un ticket"), format!("{actor} replied to a ticket"))
        }
        ("saved_filter", "create") => {
            plain(format!("{actor} a enregistré le filtre « {name} »"), format!("{actor} saved the filter \"{name}\""))
        }
        ("saved_filter", "delete") => {
            plain(format!("{actor} a supprimé un filtre"), format!("{actor} deleted a filter"))
        }
        ("settings", "settings.payments.update") => plain(
            format!("{actor} a modifié les réglages de paiement"),
            format!("{actor} changed the payment settings"),
        ),
        ("sla_policy", _) => {
            plain(format!("{actor} a modifié une politique SLA"), format!("{actor} changed an SLA policy"))
        }
        ("holiday", "update") => {
            plain(format!("{actor} a ajouté le jour férié « {name} »"), format!("{actor} added the holiday \"{name}\""))
        }
        ("holiday", "delete") => plain(format!("{actor} a retiré un jour férié"), format!("{actor} removed a holiday")),
        ("prospect", "import") => {
            plain(format!("{actor} a importé des prospects"), format!("{actor} imported prospects"))
        }
        ("job", "job.retry") => {
            plain(format!("{actor} a relancé une tâche de fond"), format!("{actor} retried a background job"))
        }
        _ => return None,
    })
}

/// A stored status as people read it (« en cours »), in the entity's own workflow; an unknown
/// value as is.
fn status_label(entity: &str, value: &str) -> Message {
    fn of<W: Workflow>(value: &str) -> Option<Message> {
        W::parse(value).map(W::label)
    }
    let label = match entity {
        "project" => of::<ProjectStatus>(value),
        "milestone" => of::<MilestoneStatus>(value),
        "task" => of::<TaskStatus>(value),
        "ticket" => of::<TicketStatus>(value),
        "quote" => of::<QuoteStatus>(value),
        "invoice" => of::<InvoiceStatus>(value),
        _ => None,
    };
    match label {
        Some(label) => Message::owned(lower_first(&label.fr), lower_first(&label.en)),
        None => Message::owned(value, value),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// The sentence of a change to a quote, an invoice, a client, a project, a milestone, a task,
/// a ticket or a document.
fn record(entry: &Entry, actor: &str, label: Option<&str>) -> Option<Message> {
    let noun = noun(entry.entity)?;
    let verb = match (entry.entity, entry.action) {
        ("ticket", "create") => ("a ouvert", "opened"),
        ("document", "upload" | "presign") => ("a déposé", "uploaded"),
        ("milestone", "approve") => ("a validé", "approved"),
        ("milestone", "submit") => ("a soumis à validation", "submitted for approval"),
        ("milestone", "request_changes") => ("a demandé des modifications sur", "asked for changes on"),
        ("ticket", "rate") => ("a noté", "rated"),
        ("prospect", "move") => ("a déplacé", "moved"),
        ("prospect", "convert") => ("a converti en client", "converted into a client"),
        ("prospect", "activity") => ("a noté un échange avec", "logged an exchange with"),
        ("prospect", "quote_client") => ("a préparé un devis pour", "started a quote for"),
        (_, "create") => ("a créé", "created"),
        (_, "update") => ("a modifié", "updated"),
        (_, "send") => ("a envoyé", "sent"),
        (_, "accept") => ("a accepté", "accepted"),
        (_, "decline") => ("a refusé", "declined"),
        (_, "cancel") => ("a annulé", "cancelled"),
        (_, "archive") => ("a archivé", "archived"),
        (_, "restore") => ("a restauré", "restored"),
        (_, "delete") => ("a supprimé", "deleted"),
        (_, "status_change") => {
            let status = status_label(entry.entity, text(entry.diff, "status").unwrap_or("?"));
            let label = label.map(|label| format!(" {label}")).unwrap_or_default();
            return Some(plain(
                format!("{actor} a passé le statut {}{label} à « {} »", noun.fr_of, status.fr),
                format!("{actor} set the status of {}{label} to \"{}\"", noun.en, status.en),
            ));
        }
        _ => return None,
    };
    Some(about(actor, verb, &noun, label))
}

/// The entry as a sentence in both languages; a plain "{actor} : {action} ({entity})" for
/// anything it does not know.
pub fn sentence(entry: &Entry) -> Message {
    let actor = entry.actor.filter(|name| !name.is_empty()).unwrap_or("NOURX");
    let label = label(entry);
    let known = match entry.entity {
        "payment" => payment(entry, actor),
        "user" => account(entry.action, actor, label),
        "invitation" | "staff_invitation" | "client_member" => people(entry, actor, label),
        _ => record(entry, actor, label).or_else(|| back_office(entry, actor, label)),
    };
    known.unwrap_or_else(|| {
        let (action, entity) = (entry.action, entry.entity);
        plain(format!("{actor} : {action} ({entity})"), format!("{actor}: {action} ({entity})"))
    })
}

/// The back-office page of the entry's entity, when there is one.
pub fn href(entity: &str, entity_id: Option<&str>, client_id: Option<&str>) -> Option<String> {
    let id = entity_id?;
    Some(match entity {
        "invoice" => format!("/admin/facturation/factures/{id}"),
        "quote" => format!("/admin/facturation/devis/{id}"),
        "payment" => format!("/admin/paiements/{id}"),
        "ticket" => format!("/admin/support/{id}"),
        "prospect" => format!("/admin/prospects/{id}"),
        "project" => format!("/admin/projets/{id}"),
        "milestone" => format!("/admin/projets/jalons/{id}"),
        "client" => format!("/admin/clients/{id}"),
        "task" => format!("/admin/taches?tache={id}"),
        "invitation" | "client_member" | "document" | "comment" | "ticket_message" => {
            format!("/admin/clients/{}", client_id?)
        }
        "user" | "staff_invitation" => "/admin/equipe".into(),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn say(action: &str, entity: &str, diff: Value, label: Option<&str>) -> (String, String) {
        let entry = Entry { action, entity, diff: &diff, actor: Some("Awa Koné"), label };
        let message = sentence(&entry);
        (message.get(Lang::Fr).to_owned(), message.get(Lang::En).to_owned())
    }

    #[test]
    fn business_is_every_kind_but_accounts() {
        let business = ActivityKind::business_entities();
        assert!(business.contains(&"invoice") && business.contains(&"ticket") && business.contains(&"client"));
        assert!(!business.contains(&"user") && !business.contains(&"job"));
        assert!(business.iter().all(|entity| ActivityKind::of(entity) != ActivityKind::Accounts));
    }

    fn fr(action: &str, entity: &str, diff: Value, label: Option<&str>) -> String {
        say(action, entity, diff, label).0
    }

    #[test]
    fn the_support_desk_and_the_pipeline_read_as_sentences() {
        assert_eq!(
            fr("rate", "ticket", json!({"score": 5}), Some("Site en panne")),
            "Awa Koné a noté le ticket Site en panne"
        );
        assert_eq!(
            fr("convert", "prospect", json!({"company": "Café Ivoire"}), None),
            "Awa Koné a converti en client le prospect Café Ivoire"
        );
        assert_eq!(fr("update", "sla_policy", json!({}), None), "Awa Koné a modifié une politique SLA");
        assert_eq!(href("prospect", Some("p1"), None).as_deref(), Some("/admin/prospects/p1"));
    }

    #[test]
    fn kinds_round_trip_and_cover_the_entities() {
        for kind in ActivityKind::ALL {
            assert_eq!(ActivityKind::parse(kind.as_str()), Some(kind));
            for entity in kind.entities() {
                assert_eq!(ActivityKind::of(entity), kind);
            }
        }
        assert_eq!(ActivityKind::parse("nope"), None);
        assert_eq!(ActivityKind::of("quote"), ActivityKind::Billing);
        assert_eq!(ActivityKind::of("something_new"), ActivityKind::Accounts);
    }

    #[test]
    fn quotes_and_invoices_by_their_number() {
        let status = json!({"status": ["sent", "accepted"]});
        assert_eq!(
            say("accept", "quote", status, Some("DV-2026-0004")),
            ("Awa Koné a accepté le devis DV-2026-0004".into(), "Awa Koné accepted quote DV-2026-0004".into())
        );
        assert_eq!(fr("decline", "quote", json!({}), Some("DV-1")), "Awa Koné a refusé le devis DV-1");
        assert_eq!(fr("create", "quote", json!({"number": null}), None), "Awa Koné a créé le devis");
        assert_eq!(fr("update", "quote", json!({}), Some("DV-1")), "Awa Koné a modifié le devis DV-1");
        assert_eq!(
            fr("send", "invoice", json!({"number": [null, "FA-2026-0012"]}), None),
            "Awa Koné a envoyé la facture FA-2026-0012"
        );
        assert_eq!(fr("create", "invoice", json!({}), Some("FA-1")), "Awa Koné a créé la facture FA-1");
        assert_eq!(say("cancel", "invoice", json!({}), Some("FA-1")).1, "Awa Koné cancelled invoice FA-1");
    }

    #[test]
    fn payments_with_amount_and_operator() {
        let settled = json!({"amount": 150_000, "currency": "XOF", "invoice_number": "FA-1"});
        let entry =
            Entry { action: "payment.settled", entity: "payment", diff: &settled, actor: None, label: Some("OMCIV2") };
        let message = sentence(&entry);
        assert_eq!(message.get(Lang::Fr), "Paiement de 150\u{202F}000\u{A0}FCFA reçu par Orange Money");
        assert_eq!(
            message.get(Lang::En),
            format!("Payment of {} received by Orange Money", format_amount(150_000, "XOF", Lang::En))
        );
        let no_method = Entry { label: None, ..entry };
        assert_eq!(sentence(&no_method).get(Lang::Fr), "Paiement de 150\u{202F}000\u{A0}FCFA reçu");
        assert_eq!(
            fr("payment.initiated", "payment", json!({"amount": 5000, "currency": "XOF"}), Some("OM")),
            "Awa Koné a lancé un paiement de 5\u{202F}000\u{A0}FCFA"
        );
        assert_eq!(
            fr("payment.flagged", "payment", json!({"amount": 5000, "reason": "x"}), None),
            "Paiement de 5\u{202F}000\u{A0}FCFA à vérifier"
        );
        assert_eq!(fr("payment.settled", "payment", json!({}), None), "Awa Koné : payment.settled (payment)");
    }

    #[test]
    fn clients_and_their_people() {
        assert_eq!(
            say("create", "client", json!({"name": "Akwaba SARL"}), None),
            ("Awa Koné a créé le client Akwaba SARL".into(), "Awa Koné created client Akwaba SARL".into())
        );
        for (action, verb) in
            [("update", "a modifié"), ("archive", "a archivé"), ("restore", "a restauré"), ("delete", "a supprimé")]
        {
            assert_eq!(fr(action, "client", json!({}), Some("Akwaba")), format!("Awa Koné {verb} le client Akwaba"));
        }
        assert_eq!(
            fr("status_change", "client", json!({"status": ["active", "archived"]}), Some("Akwaba")),
            "Awa Koné a passé le statut du client Akwaba à « archived »"
        );
        let email = json!({"email": "a@b.ci"});
        assert_eq!(fr("invite", "invitation", email.clone(), None), "Awa Koné a invité a@b.ci");
        assert_eq!(fr("resend", "invitation", email.clone(), None), "Awa Koné a renvoyé l'invitation de a@b.ci");
        assert_eq!(fr("revoke", "invitation", email.clone(), None), "Awa Koné a révoqué l'invitation de a@b.ci");
        assert_eq!(fr("accept_invitation", "invitation", json!({}), None), "Awa Koné a accepté son invitation");
        assert_eq!(fr("invite", "staff_invitation", email.clone(), None), "Awa Koné a invité a@b.ci dans l'équipe");
        assert_eq!(fr("resend", "staff_invitation", email.clone(), None), "Awa Koné a renvoyé l'invitation de a@b.ci");
        assert_eq!(fr("revoke", "staff_invitation", email, None), "Awa Koné a révoqué l'invitation de a@b.ci");
        assert_eq!(fr("accept_invitation", "staff_invitation", json!({}), None), "Awa Koné a rejoint l'équipe");
        assert_eq!(fr("role_change", "client_member", json!({}), None), "Awa Koné a changé le rôle d'un membre");
        assert_eq!(fr("delete", "client_member", json!({}), None), "Awa Koné a retiré un membre");
    }

    #[test]
    fn projects_tasks_tickets_and_documents() {
        assert_eq!(fr("create", "project", json!({"name": "Site"}), None), "Awa Koné a créé le projet Site");
        assert_eq!(fr("update", "project", json!({}), Some("Site")), "Awa Koné a modifié le projet Site");
        assert_eq!(
            say("status_change", "task", json!({"status": ["todo", "done"]}), Some("Maquettes")).1,
            "Awa Koné set the status of task Maquettes to \"done\""
        );
        assert_eq!(fr("create", "milestone", json!({"title": "V1"}), None), "Awa Koné a créé le jalon V1");
        assert_eq!(fr("approve", "milestone", json!({}), Some("V1")), "Awa Koné a validé le jalon V1");
        assert_eq!(
            fr("request_changes", "milestone", json!({}), Some("V1")),
            "Awa Koné a demandé des modifications sur le jalon V1"
        );
        assert_eq!(
            fr("status_change", "milestone", json!({"status": ["in_progress", "awaiting_approval"]}), Some("V1")),
            "Awa Koné a passé le statut du jalon V1 à « à valider »"
        );
        assert_eq!(fr("create", "task", json!({"title": "Logo"}), None), "Awa Koné a créé la tâche Logo");
        assert_eq!(fr("create", "comment", json!({}), None), "Awa Koné a commenté une tâche");
        assert_eq!(fr("create", "ticket", json!({"subject": "Panne"}), None), "Awa Koné a ouvert le ticket Panne");
        assert_eq!(fr("update", "ticket", json!({}), Some("Panne")), "Awa Koné a modifié le ticket Panne");
        assert_eq!(fr("create", "ticket_message", json!({}), None), "Awa Koné a répondu à un ticket");
        for action in ["presign", "upload"] {
            assert_eq!(
                fr(action, "document", json!({"filename": "plan.pdf"}), None),
                "Awa Koné a déposé le document plan.pdf"
            );
        }
        assert_eq!(
            fr("delete", "document", json!({"filename": "plan.pdf"}), None),
            "Awa Koné a supprimé le document plan.pdf"
        );
    }

    #[test]
    fn accounts_and_back_office() {
        let cases = [
            ("login", "Connexion de Awa Koné"),
            ("logout", "Déconnexion de Awa Koné"),
            ("password_change", "Awa Koné a changé son mot de passe"),
            ("password_reset", "Mot de passe de Moussa réinitialisé"),
            ("session_revoke", "Awa Koné a fermé une session"),
            ("sessions_revoke_others", "Awa Koné a fermé ses autres sessions"),
            ("two_factor_enable", "Awa Koné a activé la double authentification"),
            ("two_factor_disable", "Awa Koné a désactivé la double authentification"),
            ("two_factor_recovery_codes", "Awa Koné a régénéré ses codes de secours"),
            ("two_factor_reset", "Awa Koné a réinitialisé la double authentification de Moussa"),
            ("role_change", "Awa Koné a changé le rôle de Moussa"),
            ("activate", "Awa Koné a réactivé le compte de Moussa"),
            ("deactivate", "Awa Koné a désactivé le compte de Moussa"),
            ("update", "Awa Koné a modifié le compte de Moussa"),
        ];
        for (action, expected) in cases {
            assert_eq!(fr(action, "user", json!({}), Some("Moussa")), expected, "{action}");
            assert!(!say(action, "user", json!({}), Some("Moussa")).1.is_empty());
        }
        assert_eq!(
            fr("create", "saved_filter", json!({"name": "BTP"}), None),
            "Awa Koné a enregistré le filtre « BTP »"
        );
        assert_eq!(fr("delete", "saved_filter", json!({}), None), "Awa Koné a supprimé un filtre");
        assert_eq!(
            fr("settings.payments.update", "settings", json!({}), None),
            "Awa Koné a modifié les réglages de paiement"
        );
        assert_eq!(fr("job.retry", "job", json!({}), None), "Awa Koné a relancé une tâche de fond");
    }

    #[test]
    fn unknown_actions_and_missing_actors_still_read() {
        let diff = json!({});
        let entry = Entry { action: "merge", entity: "galaxy", diff: &diff, actor: None, label: None };
        assert_eq!(sentence(&entry).get(Lang::Fr), "NOURX : merge (galaxy)");
        assert_eq!(sentence(&entry).get(Lang::En), "NOURX: merge (galaxy)");
    }

    #[test]
    fn pages_of_the_entities() {
        assert_eq!(href("invoice", Some("i"), None).as_deref(), Some("/admin/facturation/factures/i"));
        assert_eq!(href("client_member", Some("c:u"), Some("c")).as_deref(), Some("/admin/clients/c"));
        assert_eq!(href("client_member", Some("c:u"), None), None);
        assert_eq!(href("settings", Some("payments"), None), None);
        assert_eq!(href("quote", None, None), None);
    }
}
