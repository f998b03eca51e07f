//! What each person wants to hear about, and how: per topic, in the app (the bell) and by email
//! (at once, or not at all). Topics group the notification kinds a person
//! recognises ("a reply on my ticket"), each with a sensible default.

use crate::Message;

/// What a notification is about, as a person chooses to hear of it.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    // The client's people.
    TaskAssigned,
    TaskComment,
    TicketReply,
    MilestoneToApprove,
    InvoiceDue,
    PaymentReceived,
    TicketResolved,
    // NOURX staff.
    MilestoneChangesRequested,
    SlaAlert,
    PaymentFlagged,
    NewLead,
    FollowUpDue,
}

/// Who a topic is for: the preferences page shows a person only theirs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopicAudience {
    /// Both: a task assigned or commented is news to staff and clients alike.
    Everyone,
    Staff,
    Clients,
}

/// How a notification reaches a person by email.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EmailDelivery {
    Instant,
    Off,
}

impl EmailDelivery {
    pub const ALL: &'static [EmailDelivery] = &[EmailDelivery::Instant, EmailDelivery::Off];

    pub fn as_str(self) -> &'static str {
        match self {
            EmailDelivery::Instant => "instant",
            EmailDelivery::Off => "off",
        }
    }

    pub fn parse(value: &str) -> Option<EmailDelivery> {
        EmailDelivery::ALL.iter().copied().find(|d| d.as_str() == value)
    }
}

/// One person's choice for one topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preference {
    pub in_app: bool,
    pub email: EmailDelivery,
}

impl Topic {
    pub const ALL: &'static [Topic] = &[
        Topic::TaskAssigned,
        Topic::TaskComment,
        Topic::TicketReply,
        Topic::MilestoneToApprove,
        Topic::InvoiceDue,
        Topic::PaymentReceived,
        Topic::TicketResolved,
        Topic::MilestoneChangesRequested,
        Topic::SlaAlert,
        Topic::PaymentFlagged,
        Topic::NewLead,
        Topic::FollowUpDue,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Topic::TaskAssigned => "task_assigned",
            Topic::TaskComment => "task_comment",
            Topic::TicketReply => "ticket_reply",
            Topic::MilestoneToApprove => "milestone_to_approve",
            Topic::InvoiceDue => "invoice_due",
            Topic::PaymentReceived => "payment_received",
            Topic::TicketResolved => "ticket_resolved",
            Topic::MilestoneChangesRequested => "milestone_changes_requested",
            Topic::SlaAlert => "sla_alert",
            Topic::PaymentFlagged => "payment_flagged",
            Topic::NewLead => "new_lead",
            Topic::FollowUpDue => "follow_up_due",
        }
    }

    pub fn parse(value: &str) -> Option<Topic> {
        Topic::ALL.iter().copied().find(|t| t.as_str() == value)
    }

    /// The topic of a notification kind (`task.assigned`); `None` for kinds nobody can turn off.
    pub fn of_kind(kind: &str) -> Option<Topic> {
        Some(match kind {
            "task.assigned" => Topic::TaskAssigned,
            "task.comment" => Topic::TaskComment,
            "ticket.reply" => Topic::TicketReply,
            "milestone.awaiting_approval" => Topic::MilestoneToApprove,
            "invoice.reminder" => Topic::InvoiceDue,
            "payment.accepted" => Topic::PaymentReceived,
            "ticket.resolved" => Topic::TicketResolved,
            "milestone.changes_requested" => Topic::MilestoneChangesRequested,
            "ticket.sla_at_risk" | "ticket.sla_breached" => Topic::SlaAlert,
            "payment.flagged" => Topic::PaymentFlagged,
            "prospect.lead" => Topic::NewLead,
            "prospect.follow_up" => Topic::FollowUpDue,
            _ => return None,
        })
    }

    pub fn audience(self) -> TopicAudience {
        match self {
            Topic::TaskAssigned | Topic::TaskComment => TopicAudience::Everyone,
            Topic::TicketReply
            | Topic::MilestoneToApprove
            | Topic::InvoiceDue
            | Topic::PaymentReceived
            | Topic::TicketResolved => TopicAudience::Clients,
            Topic::MilestoneChangesRequested
            | Topic::SlaAlert
            | Topic::PaymentFlagged
            | Topic::NewLead
            | Topic::FollowUpDue => TopicAudience::Staff,
        }
    }

    /// Whether `staff` (or a client's person) has this topic on their preferences page.
    pub fn concerns(self, staff: bool) -> bool {
        match self.audience() {
            TopicAudience::Everyone => true,
            TopicAudience::Staff => staff,
            TopicAudience::Clients => !staff,
        }
    }

    /// What a person gets before choosing: the bell, and an email at once.
    pub fn default_preference(self) -> Preference {
        Preference { in_app: true, email: EmailDelivery::Instant }
    }

    pub fn label(self) -> Message {
        match self {
            Topic::TaskAssigned => Message::new("Une tâche m'est assignée", "A task is assigned to me"),
            Topic::TaskComment => Message::new("Un commentaire sur mes tâches", "A comment on my tasks"),
            Topic::TicketReply => Message::new("Une réponse à mes tickets", "A reply to my tickets"),
            Topic::MilestoneToApprove => Message::new("Un jalon à valider", "A milestone to approve"),
            Topic::InvoiceDue => Message::new("Une facture bientôt due ou en retard", "An invoice due soon or overdue"),
            Topic::PaymentReceived => Message::new("Un paiement reçu", "A payment received"),
            Topic::TicketResolved => Message::new("Un ticket résolu", "A ticket resolved"),
            Topic::MilestoneChangesRequested => {
                Message::new("Un client demande des modifications", "A client asks for changes")
            }
            Topic::SlaAlert => {
                Message::new("Un délai de support menacé ou dépassé", "A support deadline at risk or missed")
            }
            Topic::PaymentFlagged => Message::new("Un paiement à vérifier", "A payment to check"),
            Topic::NewLead => Message::new("Un nouveau prospect", "A new lead"),
            Topic::FollowUpDue => Message::new("Une relance de prospect due", "A prospect follow-up due"),
        }
    }
}

crate::stored_as_text!(Topic, EmailDelivery);

/// How a notice of `kind` reaches a person whose stored choice is `stored` (none: the default).
/// Kinds outside every topic always reach them, by both ways.
pub fn channels(kind: &str, stored: Option<Preference>) -> Preference {
    match Topic::of_kind(kind) {
        Some(topic) => stored.unwrap_or_else(|| topic.default_preference()),
        None => Preference { in_app: true, email: EmailDelivery::Instant },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for topic in Topic::ALL {
            assert_eq!(Topic::parse(topic.as_str()), Some(*topic));
        }
        for delivery in EmailDelivery::ALL {
            assert_eq!(EmailDelivery::parse(delivery.as_str()), Some(*delivery));
        }
        assert_eq!(Topic::parse("everything"), None);
    }

    #[test]
    fn a_stored_choice_wins_over_the_default() {
        let quiet = Preference { in_app: false, email: EmailDelivery::Off };
        assert_eq!(channels("task.assigned", Some(quiet)), quiet);
        assert_eq!(channels("task.assigned", None), Preference { in_app: true, email: EmailDelivery::Instant });
    }

    #[test]
    fn kinds_outside_topics_cannot_be_turned_off() {
        let quiet = Preference { in_app: false, email: EmailDelivery::Off };
        assert_eq!(
            channels("account.security", Some(quiet)),
            Preference { in_app: true, email: EmailDelivery::Instant }
        );
    }

    #[test]
    fn each_person_sees_their_own_topics() {
        let staff: Vec<Topic> = Topic::ALL.iter().copied().filter(|t| t.concerns(true)).collect();
        let clients: Vec<Topic> = Topic::ALL.iter().copied().filter(|t| t.concerns(false)).collect();
        assert!(staff.contains(&Topic::SlaAlert) && !clients.contains(&Topic::SlaAlert));
        assert!(clients.contains(&Topic::PaymentReceived) && !staff.contains(&Topic::PaymentReceived));
        assert!(staff.contains(&Topic::TaskAssigned) && clients.contains(&Topic::TaskAssigned));
    }
}
