//! What the admin screens say about each template: its group, name and purpose, what each of its
//! variables holds, and realistic sample values to preview (and check) an override with.

use nourx_domain::money::format_amount;
use nourx_domain::{Lang, Locale, Message};
use serde_json::{Value, json};

use crate::template::TemplateKey;

/// The section of the admin screen a template is listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TemplateGroup {
    /// Invitations and passwords.
    Account,
    /// Milestones and tasks.
    Projects,
    /// Quotes, invoices, reminders, receipts.
    Billing,
    /// Tickets.
    Support,
}

impl TemplateGroup {
    /// In the order of the admin screen.
    pub const ALL: &'static [TemplateGroup] =
        &[TemplateGroup::Account, TemplateGroup::Projects, TemplateGroup::Billing, TemplateGroup::Support];

    /// The stable name the API uses.
    pub fn as_str(self) -> &'static str {
        match self {
            TemplateGroup::Account => "account",
            TemplateGroup::Projects => "projects",
            TemplateGroup::Billing => "billing",
            TemplateGroup::Support => "support",
        }
    }

    pub fn label(self) -> Message {
        match self {
            TemplateGroup::Account => Message::new("Compte", "Account"),
            TemplateGroup::Projects => Message::new("Projets", "Projects"),
            TemplateGroup::Billing => Message::new("Facturation", "Billing"),
            TemplateGroup::Support => Message::new("Support", "Support"),
        }
    }
}

impl TemplateKey {
    pub fn group(self) -> TemplateGroup {
        match self {
            TemplateKey::Invitation | TemplateKey::PasswordReset | TemplateKey::StaffInvitation => {
                TemplateGroup::Account
            }
            TemplateKey::MilestoneAwaitingApproval
            | TemplateKey::MilestoneChangesRequested
            | TemplateKey::TaskAssigned
            | TemplateKey::TaskComment => TemplateGroup::Projects,
            TemplateKey::QuoteSent
            | TemplateKey::InvoiceSent
            | TemplateKey::InvoiceReminder
            | TemplateKey::PaymentReceipt => TemplateGroup::Billing,
            TemplateKey::TicketCreated
            | TemplateKey::TicketReply
            | TemplateKey::TicketResolved
            | TemplateKey::SlaAlert => TemplateGroup::Support,
        }
    }

    /// The template's name on the admin screen.
    pub fn label(self) -> Message {
        match self {
            TemplateKey::Invitation => Message::new("Invitation à l'espace client", "Client portal invitation"),
            TemplateKey::PasswordReset => Message::new("Nouveau mot de passe", "Password reset"),
            TemplateKey::StaffInvitation => Message::new("Invitation dans l'équipe", "Staff invitation"),
            TemplateKey::MilestoneAwaitingApproval => Message::new("Jalon à valider", "Milestone to approve"),
            TemplateKey::MilestoneChangesRequested => {
                Message::new("Modifications demandées sur un jalon", "Milestone changes requested")
            }
            TemplateKey::TaskAssigned => Message::new("Tâche assignée", "Task assigned"),
            TemplateKey::TaskComment => Message::new("Commentaire sur une tâche", "Task comment"),
            TemplateKey::QuoteSent => Message::new("Devis envoyé", "Quote sent"),
            TemplateKey::InvoiceSent => Message::new("Facture envoyée", "Invoice sent"),
            TemplateKey::InvoiceReminder => Message::new("Relance de facture", "Invoice reminder"),
            TemplateKey::PaymentReceipt => Message::new("Paiement reçu", "Payment received"),
            TemplateKey::TicketCreated => Message::new("Ticket reçu", "Ticket received"),
            TemplateKey::TicketReply => Message::new("Réponse à un ticket", "Ticket reply"),
            TemplateKey::TicketResolved => Message::new("Ticket résolu", "Ticket resolved"),
            TemplateKey::SlaAlert => Message::new("Alerte de délai (SLA)", "SLA alert"),
        }
    }

    /// When the email is sent, and to whom.
    pub fn description(self) -> Message {
        match self {
            TemplateKey::Invitation => Message::new(
                "Envoyé à une personne invitée dans l'espace client d'un client.",
                "Sent to someone invited into a client's portal.",
            ),
            TemplateKey::PasswordReset => Message::new(
                "Envoyé à qui demande à choisir un nouveau mot de passe.",
                "Sent to whoever asks to choose a new password.",
            ),
            TemplateKey::StaffInvitation => Message::new(
                "Envoyé à une personne invitée dans l'équipe NOURX.",
                "Sent to someone invited to join the NOURX team.",
            ),
            TemplateKey::MilestoneAwaitingApproval => Message::new(
                "Envoyé aux personnes du client quand NOURX livre un jalon à valider.",
                "Sent to the client's people when NOURX delivers a milestone to approve.",
            ),
            TemplateKey::MilestoneChangesRequested => Message::new(
                "Envoyé au chef de projet quand le client demande des modifications sur un jalon.",
                "Sent to the project manager when the client asks for changes on a milestone.",
            ),
            TemplateKey::TaskAssigned => Message::new(
                "Envoyé à la personne à qui une tâche est assignée.",
                "Sent to whoever a task is assigned to.",
            ),
            TemplateKey::TaskComment => Message::new(
                "Envoyé à la personne assignée et au créateur d'une tâche commentée.",
                "Sent to the assignee and the creator of a task someone commented on.",
            ),
            TemplateKey::QuoteSent => Message::new(
                "Envoyé aux contacts de facturation du client quand un devis lui est adressé.",
                "Sent to the client's billing contacts when a quote is sent to them.",
            ),
            TemplateKey::InvoiceSent => Message::new(
                "Envoyé aux contacts de facturation du client quand une facture lui est adressée.",
                "Sent to the client's billing contacts when an invoice is sent to them.",
            ),
            TemplateKey::InvoiceReminder => Message::new(
                "Envoyé aux contacts de facturation avant ou après l'échéance d'une facture impayée.",
                "Sent to the billing contacts before or after an unpaid invoice's due date.",
            ),
            TemplateKey::PaymentReceipt => Message::new(
                "Envoyé à qui a payé une facture en ligne, avec son reçu.",
                "Sent to whoever paid an invoice online, with the receipt.",
            ),
            TemplateKey::TicketCreated => Message::new(
                "Envoyé à la personne qui ouvre un ticket, avec l'échéance de la première réponse.",
                "Sent to whoever opens a ticket, with when the first response is due.",
            ),
            TemplateKey::TicketReply => {
                Message::new("Envoyé quand quelqu'un répond à un ticket.", "Sent when someone replies on a ticket.")
            }
            TemplateKey::TicketResolved => Message::new(
                "Envoyé au client quand NOURX résout son ticket, pour qu'il le note.",
                "Sent to the client when NOURX resolves their ticket, asking them to rate it.",
            ),
            TemplateKey::SlaAlert => Message::new(
                "Envoyé à l'équipe quand le délai d'un ticket est bientôt ou déjà dépassé.",
                "Sent to staff when a ticket's deadline is at risk or missed.",
            ),
        }
    }

    /// What `name`, one of [`variables`](Self::variables), holds in this template.
    pub fn variable_description(self, name: &str) -> Message {
        use TemplateKey as K;
        match (self, name) {
            (_, "name") => Message::new("Le nom du destinataire", "The recipient's name"),
            (_, "client_name") => Message::new("Le nom du client", "The client's name"),
            (_, "inviter_name") => Message::new("Qui envoie l'invitation", "Who sends the invitation"),
            (_, "accept_url") => {
                Message::new("Le lien pour accepter l'invitation (à usage unique)", "The link to accept (single use)")
            }
            (_, "expires_at") => Message::new("Jusqu'à quand le lien est valable", "Until when the link works"),
            (_, "reset_url") => Message::new(
                "Le lien pour choisir un nouveau mot de passe (à usage unique)",
                "The link to choose a new password (single use)",
            ),
            (_, "valid_minutes") => {
                Message::new("La durée de validité du lien, en minutes", "How many minutes the link works")
            }
            (_, "role_label") => {
                Message::new("Le rôle proposé (Administrateur, Équipe)", "The role offered (Admin, Staff)")
            }
            (_, "ticket_subject") => Message::new("L'objet du ticket", "The ticket's subject"),
            (_, "ticket_number") => Message::new("Le numéro du ticket", "The ticket's number"),
            (_, "ticket_url") => Message::new("Le lien vers le ticket", "The link to the ticket"),
            (_, "first_response_due") => {
                Message::new("L'échéance de la première réponse", "When the first response is due")
            }
            (K::TicketReply, "author_name") => Message::new("L'auteur de la réponse", "Who replied"),
            (K::TaskComment, "author_name") => Message::new("L'auteur du commentaire", "Who commented"),
            (_, "author_name") => Message::new("Qui demande des modifications", "Who asked for changes"),
            (K::TicketReply, "excerpt") => Message::new("Le début de la réponse", "The beginning of the reply"),
            (_, "excerpt") => Message::new("Le début du commentaire", "The beginning of the comment"),
            (K::QuoteSent, "number") => Message::new("Le numéro du devis", "The quote's number"),
            (_, "number") => Message::new("Le numéro de la facture", "The invoice's number"),
            (K::QuoteSent, "title") => Message::new("L'intitulé du devis", "The quote's title"),
            (_, "title") => Message::new("L'intitulé de la facture", "The invoice's title"),
            (_, "total") => Message::new("Le montant TTC", "The total including tax"),
            (_, "valid_until") => Message::new("La fin de validité du devis", "The last day the quote is valid"),
            (_, "quote_url") => {
                Message::new("Le lien vers le devis dans l'espace client", "The link to the quote in the portal")
            }
            (_, "invoice_url") => {
                Message::new("Le lien vers la facture dans l'espace client", "The link to the invoice in the portal")
            }
            (K::QuoteSent, "pdf_url") => Message::new("Le lien vers le PDF du devis", "The link to the quote's PDF"),
            (_, "pdf_url") => Message::new("Le lien vers le PDF de la facture", "The link to the invoice's PDF"),
            (K::TaskAssigned, "due_date") => {
                Message::new("L'échéance de la tâche (vide s'il n'y en a pas)", "The task's due date (empty when none)")
            }
            (_, "due_date") => Message::new("L'échéance de la facture", "The invoice's due date"),
            (K::PaymentReceipt, "balance") => {
                Message::new("Le reste à payer après ce paiement", "What is left to pay after this payment")
            }
            (_, "balance") => Message::new("Le reste à payer", "What is left to pay"),
            (_, "overdue") => Message::new(
                "Vrai si l'échéance est passée : {% if overdue %}…{% else %}…{% endif %}",
                "True once the due date has passed: {% if overdue %}…{% else %}…{% endif %}",
            ),
            (_, "project_name") => Message::new("Le nom du projet", "The project's name"),
            (_, "milestone_title") => Message::new("L'intitulé du jalon", "The milestone's title"),
            (K::MilestoneAwaitingApproval, "amount") => Message::new(
                "Le montant HT du jalon (vide s'il n'est pas facturé)",
                "The milestone's amount (empty when not billed)",
            ),
            (_, "amount") => Message::new("Le montant reçu", "The amount received"),
            (_, "milestone_url") => Message::new("Le lien vers le jalon", "The link to the milestone"),
            (_, "comment") => Message::new("Les modifications demandées", "The changes asked for"),
            (_, "assigner_name") => Message::new("Qui a assigné la tâche", "Who assigned the task"),
            (_, "task_title") => Message::new("L'intitulé de la tâche", "The task's title"),
            (_, "task_url") => Message::new("Le lien vers la tâche", "The link to the task"),
            (_, "what") => Message::new(
                "Le délai concerné (première réponse, résolution)",
                "Which deadline (first response, resolution)",
            ),
            (_, "breached") => Message::new(
                "Vrai si le délai est dépassé, faux s'il le sera bientôt",
                "True when the deadline is missed, false when it soon will be",
            ),
            (_, "due") => Message::new("L'échéance du délai", "When the deadline is"),
            (_, "rate_url") => Message::new("Le lien pour noter la réponse", "The link to rate the answer"),
            (_, "invoice_number") => Message::new("Le numéro de la facture", "The invoice's number"),
            (_, "fully_paid") => Message::new(
                "Vrai si la facture est entièrement réglée : {% if fully_paid %}…{% endif %}",
                "True when the invoice is paid in full: {% if fully_paid %}…{% endif %}",
            ),
            (_, "receipt_number") => Message::new("Le numéro du reçu", "The receipt's number"),
            (_, "receipt_url") => Message::new("Le lien vers le reçu (PDF)", "The link to the receipt (PDF)"),
            (_, "method") => {
                Message::new("Le moyen de paiement (Orange Money, carte…)", "The payment method (Orange Money, card…)")
            }
            _ => Message::new("", ""),
        }
    }
}

/// Values for every variable of `key`, as a real email in `locale` would have them: to preview an
/// override and to check, before it is saved, that it renders.
pub fn sample_vars(key: TemplateKey, locale: Locale) -> Value {
    let lang = if locale == Locale::En { Lang::En } else { Lang::Fr };
    let en = lang == Lang::En;
    let pick = |fr: &str, english: &str| if en { english.to_owned() } else { fr.to_owned() };
    let money = |amount: i64| format_amount(amount, "XOF", lang);
    let web = "https://app.nourx.ci";
    let expires = pick("30/11/2026 à 14:30 UTC", "November 30, 2026 at 14:30 UTC");
    let mut vars = serde_json::Map::new();
    for &name in key.variables() {
        let value = match name {
            "name" => json!("Awa Koné"),
            "client_name" => json!("Akwaba Digital"),
            "inviter_name" => json!(if key == TemplateKey::StaffInvitation { "Koffi Yao" } else { "Awa Koné" }),
            "accept_url" => json!(format!("{web}/invitation/accepter?token=exemple")),
            "expires_at" => json!(expires),
            "reset_url" => json!(format!("{web}/mot-de-passe/reinitialiser?token=exemple")),
            "valid_minutes" => json!(60),
            "role_label" => json!(pick("Équipe", "Staff")),
            "ticket_subject" => json!(pick("Le paiement Orange Money ne passe pas", "The Orange Money payment fails")),
            "ticket_number" => json!(128),
            "ticket_url" => json!(format!("{web}/support/0192f3a4-7b1c-7d2e-8f90-a1b2c3d4e5f6")),
            "first_response_due" => json!(pick("24/11/2026 à 10:00 UTC", "November 24, 2026 at 10:00 UTC")),
            "author_name" => {
                json!(if key == TemplateKey::MilestoneChangesRequested { "Awa Koné" } else { "Koffi Yao" })
            }
            "excerpt" => json!(pick(
                "Bonjour, nous avons relancé la transaction : pouvez-vous réessayer depuis votre espace client ?",
                "Hello, we have restarted the transaction: could you try again from your client portal?"
            )),
            "number" => json!(if key == TemplateKey::QuoteSent { "DV-2026-0042" } else { "NX-2026-0042" }),
            "invoice_number" => json!("NX-2026-0042"),
            "title" => json!(pick("Refonte du site vitrine", "Website redesign")),
            "total" => json!(money(150_000)),
            "valid_until" | "due_date" => json!("23/11/2026"),
            "quote_url" => json!(format!("{web}/devis/0192f3a4-7b1c-7d2e-8f90-a1b2c3d4e5f6")),
            "invoice_url" => json!(format!("{web}/factures/0192f3a4-7b1c-7d2e-8f90-a1b2c3d4e5f6")),
            "pdf_url" => json!(format!("{web}/api/invoices/0192f3a4-7b1c-7d2e-8f90-a1b2c3d4e5f6/pdf/")),
            "balance" => json!(money(if key == TemplateKey::PaymentReceipt { 50_000 } else { 150_000 })),
            "overdue" | "breached" => json!(true),
            "fully_paid" => json!(false),
            "amount" => json!(money(100_000)),
            "project_name" => json!(pick("Site vitrine Akwaba", "Akwaba website")),
            "milestone_title" => json!(pick("Maquettes validées", "Approved mock-ups")),
            "milestone_url" => json!(format!("{web}/projets/0192f3a4-7b1c-7d2e-8f90-a1b2c3d4e5f6")),
            "comment" => json!(pick(
                "Merci d'agrandir le logo et de passer le bouton en orange.",
                "Please make the logo bigger and the button orange."
            )),
            "assigner_name" => json!("Koffi Yao"),
            "task_title" => json!(pick("Intégrer la page Contact", "Build the Contact page")),
            "task_url" => json!(format!("{web}/taches?tache=0192f3a4-7b1c-7d2e-8f90-a1b2c3d4e5f6")),
            "what" => json!(pick("première réponse", "first response")),
            "due" => json!(pick("23/11/2026 à 16:00 UTC", "November 23, 2026 at 16:00 UTC")),
            "rate_url" => json!(format!("{web}/support/noter?token=exemple")),
            "receipt_number" => json!("REC-2026-0007"),
            "receipt_url" => json!(format!("{web}/api/payments/0192f3a4-7b1c-7d2e-8f90-a1b2c3d4e5f6/receipt/")),
            "method" => json!("Orange Money"),
            other => json!(other),
        };
        vars.insert(name.to_owned(), value);
    }
    Value::Object(vars)
}

/// [`sample_vars`] with each boolean variable both ways, so that a check renders every branch of an
/// `{% if %}` on them (a key has at most one).
pub(crate) fn sample_variants(key: TemplateKey, locale: Locale) -> Vec<Value> {
    let base = sample_vars(key, locale);
    let flags: Vec<String> = base
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(_, value)| value.is_boolean())
        .map(|(name, _)| name.clone())
        .collect();
    let mut variants = vec![base];
    for flag in flags {
        let flipped: Vec<Value> = variants
            .iter()
            .map(|vars| {
                let mut vars = vars.clone();
                if let Some(value) = vars.get_mut(&flag) {
                    *value = Value::Bool(!value.as_bool().unwrap_or(false));
                }
                vars
            })
            .collect();
        variants.extend(flipped);
    }
    variants
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::render_default;

    #[test]
    fn every_key_has_a_group_a_label_a_description_and_described_variables() {
        for &key in TemplateKey::ALL {
            assert!(TemplateGroup::ALL.contains(&key.group()));
            for message in [key.label(), key.description()] {
                assert!(!message.fr.is_empty() && !message.en.is_empty(), "{key}");
                assert_ne!(message.fr, message.en, "{key}");
            }
            for name in key.variables() {
                let description = key.variable_description(name);
                assert!(!description.fr.is_empty() && !description.en.is_empty(), "{key} {name}");
            }
        }
        let labels: std::collections::BTreeSet<_> = TemplateKey::ALL.iter().map(|k| k.label().fr).collect();
        assert_eq!(labels.len(), TemplateKey::ALL.len(), "labels are unique");
    }

    #[test]
    fn sample_data_fills_every_variable_and_reads_like_a_real_email() {
        for &key in TemplateKey::ALL {
            for locale in [Locale::Fr, Locale::En] {
                let vars = sample_vars(key, locale);
                let object = vars.as_object().expect("an object");
                assert_eq!(object.len(), key.variables().len(), "{key}");
                for variant in sample_variants(key, locale) {
                    render_default(key, locale, &variant).unwrap_or_else(|e| panic!("{key} {locale:?}: {e}"));
                }
            }
        }
        let invoice =
            render_default(TemplateKey::InvoiceSent, Locale::Fr, &sample_vars(TemplateKey::InvoiceSent, Locale::Fr))
                .expect("renders");
        assert!(invoice.text_body.contains("Montant TTC : 150\u{202F}000\u{A0}FCFA"), "{}", invoice.text_body);
        assert!(invoice.text_body.contains("Échéance : 23/11/2026"));
        let reply =
            render_default(TemplateKey::TicketReply, Locale::Fr, &sample_vars(TemplateKey::TicketReply, Locale::Fr))
                .expect("renders");
        assert!(reply.text_body.starts_with("Bonjour Awa Koné,"), "{}", reply.text_body);
        let english = sample_vars(TemplateKey::InvoiceSent, Locale::En);
        assert_eq!(english["total"], "150,000\u{A0}FCFA");
    }

    #[test]
    fn boolean_variables_are_tried_both_ways() {
        let variants = sample_variants(TemplateKey::PaymentReceipt, Locale::Fr);
        let flags: Vec<_> = variants.iter().map(|v| v["fully_paid"].clone()).collect();
        assert_eq!(flags, [json!(false), json!(true)]);
        assert_eq!(sample_variants(TemplateKey::TicketReply, Locale::Fr).len(), 1);
    }
}
