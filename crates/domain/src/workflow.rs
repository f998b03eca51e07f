//! The statuses of projects, milestones, tasks and tickets, and which moves between them are allowed.
//!
//! Each status enum is a small state machine. The rules live here, as data, so that the API, the
//! admin back-office and the tests all agree on them, and so that a refused move can be explained to
//! the person who tried it (what they asked for, and what they could do instead).
//!
//! Priorities and member roles live here too: they are the other closed lists of values stored as
//! snake_case text, with a French and an English label, that the screens around these statuses show.

use crate::i18n::Message;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A closed set of statuses and the moves allowed between them.
///
/// A move to the status one is already in is never allowed: an update that changes nothing should
/// not write history, send notifications or reset timers.
pub trait Workflow: Copy + Eq + fmt::Debug + 'static {
    /// Every status, in the order the product shows them.
    const ALL: &'static [Self];

    /// The stored and serialized value, in snake_case (`"in_progress"`).
    fn as_str(self) -> &'static str;

    /// The inverse of [`Workflow::as_str`]; exact match only (no trimming, no case folding),
    /// because these values come from our own database and API contract.
    fn parse(s: &str) -> Option<Self>;

    /// What a person reads for this status, in French and English.
    fn label(self) -> Message;

    /// The statuses this one may move to, in the order of [`Workflow::ALL`].
    fn allowed_targets(self) -> &'static [Self];

    fn can_transition_to(self, to: Self) -> bool {
        self.allowed_targets().contains(&to)
    }

    /// `Ok(())` when allowed; else a [`TransitionError`] listing the allowed targets.
    fn transition_to(self, to: Self) -> Result<(), TransitionError> {
        if self.can_transition_to(to) {
            Ok(())
        } else {
            let mut labels = vec![(self.as_str(), self.label()), (to.as_str(), to.label())];
            labels.extend(self.allowed_targets().iter().map(|s| (s.as_str(), s.label())));
            Err(TransitionError {
                from: self.as_str(),
                to: to.as_str(),
                allowed: self.allowed_targets().iter().map(|s| s.as_str()).collect(),
                labels,
            })
        }
    }
}

/// A refused status change: the values involved and the statuses that were possible instead.
///
/// It holds the snake_case values rather than the enum so that one error type serves every
/// workflow (and can be logged or sent as is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransitionError {
    pub from: &'static str,
    pub to: &'static str,
    pub allowed: Vec<&'static str>,
    /// The label of each value above, taken from its own workflow (so that an invoice is
    /// « annulée » while a project is « annulé »). A value without one is shown as is.
    pub labels: Vec<(&'static str, Message)>,
}

impl TransitionError {
    /// The explanation shown to the person, with human labels in both languages:
    /// "Transition impossible de « terminé » vers « à faire ». Statuts possibles : « en cours »."
    ///
    /// Labels come from the workflow that refused the move; an unknown value is shown as is.
    pub fn message(&self) -> Message {
        let from = self.label(self.from);
        let to = self.label(self.to);
        if self.from == self.to {
            return Message::owned(
                format!("Le statut est déjà « {} ».", from.fr),
                format!("The status is already “{}”.", from.en),
            );
        }
        if self.allowed.is_empty() {
            return Message::owned(
                format!("Transition impossible de « {} » vers « {} » : ce statut est définitif.", from.fr, to.fr),
                format!("Cannot change the status from “{}” to “{}”: this status is final.", from.en, to.en),
            );
        }
        let allowed: Vec<Message> = self.allowed.iter().map(|value| self.label(value)).collect();
        let allowed_fr: Vec<String> = allowed.iter().map(|m| format!("« {} »", m.fr)).collect();
        let allowed_en: Vec<String> = allowed.iter().map(|m| format!("“{}”", m.en)).collect();
        Message::owned(
            format!(
                "Transition impossible de « {} » vers « {} ». Statuts possibles : {}.",
                from.fr,
                to.fr,
                allowed_fr.join(", ")
            ),
            format!(
                "Cannot change the status from “{}” to “{}”. Possible statuses: {}.",
                from.en,
                to.en,
                allowed_en.join(", ")
            ),
        )
    }
}

impl TransitionError {
    /// The label of a status value, lower-cased at the start so that it reads inside a sentence.
    fn label(&self, value: &str) -> Message {
        match self.labels.iter().find(|(known, _)| *known == value) {
            Some((_, label)) => Message::owned(lower_first(&label.fr), lower_first(&label.en)),
            None => Message::owned(value, value),
        }
    }
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for TransitionError {}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `Display` and `FromStr` through `as_str` and `parse`, like `Role` and `Locale`.
macro_rules! text_value {
    ($type:ty) => {
        impl fmt::Display for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $type {
            type Err = ();
            fn from_str(s: &str) -> Result<Self, ()> {
                <$type>::parse(s).ok_or(())
            }
        }
    };
}

/// Where a project stands. `completed` and `cancelled` are final: a finished project that needs
/// more work becomes a new project, so that its history and invoices stay as they were.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    Draft,
    Active,
    OnHold,
    Completed,
    Cancelled,
}

impl Workflow for ProjectStatus {
    const ALL: &'static [Self] = &[Self::Draft, Self::Active, Self::OnHold, Self::Completed, Self::Cancelled];

    fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Active => "active",
            Self::OnHold => "on_hold",
            Self::Completed => "completed",
            Self::Cancelled => "cancelled",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(Self::Draft),
            "active" => Some(Self::Active),
            "on_hold" => Some(Self::OnHold),
            "completed" => Some(Self::Completed),
            "cancelled" => Some(Self::Cancelled),
            _ => None,
        }
    }

    fn label(self) -> Message {
        match self {
            Self::Draft => Message::new("Brouillon", "Draft"),
            Self::Active => Message::new("Actif", "Active"),
            Self::OnHold => Message::new("En pause", "On hold"),
            Self::Completed => Message::new("Terminé", "Completed"),
            Self::Cancelled => Message::new("Annulé", "Cancelled"),
        }
    }

    fn allowed_targets(self) -> &'static [Self] {
        match self {
            Self::Draft => &[Self::Active, Self::Cancelled],
            Self::Active => &[Self::OnHold, Self::Completed, Self::Cancelled],
            Self::OnHold => &[Self::Active, Self::Completed, Self::Cancelled],
            Self::Completed | Self::Cancelled => &[],
        }
    }
}

text_value!(ProjectStatus);

/// Where a milestone stands. `late` is set when a milestone passes its date unfinished; it can
/// still be worked on and finished. `done` is final.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneStatus {
    Planned,
    InProgress,
    /// Delivered, waiting for the client's word: « Valider » (done) or « Demander des
    /// modifications » (back to in progress). Only the client's approval makes it done.
    AwaitingApproval,
    Done,
    Late,
}

impl Workflow for MilestoneStatus {
    const ALL: &'static [Self] = &[Self::Planned, Self::InProgress, Self::AwaitingApproval, Self::Done, Self::Late];

    fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::InProgress => "in_progress",
            Self::AwaitingApproval => "awaiting_approval",
            Self::Done => "done",
            Self::Late => "late",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "planned" => Some(Self::Planned),
            "in_progress" => Some(Self::InProgress),
            "awaiting_approval" => Some(Self::AwaitingApproval),
            "done" => Some(Self::Done),
            "late" => Some(Self::Late),
            _ => None,
        }
    }

    fn label(self) -> Message {
        match self {
            Self::Planned => Message::new("Planifié", "Planned"),
            Self::InProgress => Message::new("En cours", "In progress"),
            Self::AwaitingApproval => Message::new("À valider", "Awaiting approval"),
            Self::Done => Message::new("Terminé", "Done"),
            Self::Late => Message::new("En retard", "Late"),
        }
    }

    fn allowed_targets(self) -> &'static [Self] {
        match self {
            Self::Planned => &[Self::InProgress, Self::Late],
            Self::InProgress => &[Self::AwaitingApproval, Self::Done, Self::Late],
            // Back to work: staff withdraw it, or the client asks for changes.
            Self::AwaitingApproval => &[Self::InProgress],
            Self::Late => &[Self::InProgress, Self::AwaitingApproval, Self::Done],
            Self::Done => &[],
        }
    }
}

text_value!(MilestoneStatus);

/// Where a task stands. Unlike milestones, a `done` task can be reopened (back to `in_progress`):
/// tasks are small and a client's review often finds one more thing to do.
///
/// French labels are masculine ("Terminé", "Bloqué"): they agree with « statut », so that the same
/// value reads the same for a milestone and a task.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    Todo,
    InProgress,
    Review,
    Done,
    Blocked,
}

impl TaskStatus {
    /// Whether the task still needs work: everything but `done` (a blocked task is open).
    pub fn is_open(self) -> bool {
        self != Self::Done
    }
}

impl Workflow for TaskStatus {
    const ALL: &'static [Self] = &[Self::Todo, Self::InProgress, Self::Review, Self::Done, Self::Blocked];

    fn as_str(self) -> &'static str {
        match self {
            Self::Todo => "todo",
            Self::InProgress => "in_progress",
            Self::Review => "review",
            Self::Done => "done",
            Self::Blocked => "blocked",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "todo" => Some(Self::Todo),
            "in_progress" => Some(Self::InProgress),
            "review" => Some(Self::Review),
            "done" => Some(Self::Done),
            "blocked" => Some(Self::Blocked),
            _ => None,
        }
    }

    fn label(self) -> Message {
        match self {
            Self::Todo => Message::new("À faire", "To do"),
            Self::InProgress => Message::new("En cours", "In progress"),
            Self::Review => Message::new("En revue", "In review"),
            Self::Done => Message::new("Terminé", "Done"),
            Self::Blocked => Message::new("Bloqué", "Blocked"),
        }
    }

    fn allowed_targets(self) -> &'static [Self] {
        match self {
            Self::Todo => &[Self::InProgress, Self::Blocked],
            Self::InProgress => &[Self::Todo, Self::Review, Self::Blocked],
            Self::Review => &[Self::InProgress, Self::Done, Self::Blocked],
            Self::Blocked => &[Self::Todo, Self::InProgress, Self::Review],
            Self::Done => &[Self::InProgress],
        }
    }
}

text_value!(TaskStatus);

/// Where a support ticket stands. `pending` means NOURX is waiting on the client (an answer, an
/// access, a file), which is why SLA clocks may treat it differently from `open`. A `resolved`
/// ticket can be reopened by the client or closed; `closed` is final.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    Open,
    Pending,
    Resolved,
    Closed,
}

impl TicketStatus {
    /// Whether the ticket still needs someone to act: `open` or `pending`.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Open | Self::Pending)
    }
}

impl Workflow for TicketStatus {
    const ALL: &'static [Self] = &[Self::Open, Self::Pending, Self::Resolved, Self::Closed];

    fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Pending => "pending",
            Self::Resolved => "resolved",
            Self::Closed => "closed",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "open" => Some(Self::Open),
            "pending" => Some(Self::Pending),
            "resolved" => Some(Self::Resolved),
            "closed" => Some(Self::Closed),
            _ => None,
        }
    }

    fn label(self) -> Message {
        match self {
            Self::Open => Message::new("Ouvert", "Open"),
            Self::Pending => Message::new("En attente du client", "Waiting on client"),
            Self::Resolved => Message::new("Résolu", "Resolved"),
            Self::Closed => Message::new("Fermé", "Closed"),
        }
    }

    fn allowed_targets(self) -> &'static [Self] {
        match self {
            Self::Open => &[Self::Pending, Self::Resolved],
            Self::Pending => &[Self::Open, Self::Resolved],
            Self::Resolved => &[Self::Open, Self::Closed],
            Self::Closed => &[],
        }
    }
}

text_value!(TicketStatus);

/// How urgent a ticket or a task is. Not a workflow: any priority may be set at any time.
/// The declaration order is the sort order (`Low < Normal < High < Urgent`).
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Low,
    #[default]
    Normal,
    High,
    Urgent,
}

impl Priority {
    /// Every priority, lowest first.
    pub const ALL: &'static [Self] = &[Self::Low, Self::Normal, Self::High, Self::Urgent];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Normal => "normal",
            Self::High => "high",
            Self::Urgent => "urgent",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "low" => Some(Self::Low),
            "normal" => Some(Self::Normal),
            "high" => Some(Self::High),
            "urgent" => Some(Self::Urgent),
            _ => None,
        }
    }

    /// French labels are feminine: they agree with « priorité ».
    pub fn label(self) -> Message {
        match self {
            Self::Low => Message::new("Basse", "Low"),
            Self::Normal => Message::new("Normale", "Normal"),
            Self::High => Message::new("Haute", "High"),
            Self::Urgent => Message::new("Urgente", "Urgent"),
        }
    }
}

text_value!(Priority);

/// What a person may do inside one client's space (see `policy`). A person can hold a different
/// role in each client they belong to.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    /// Manages the client's profile and its members.
    Owner,
    /// Works on projects and tickets.
    Member,
    /// Reads only.
    Viewer,
}

impl MemberRole {
    pub const ALL: &'static [Self] = &[Self::Owner, Self::Member, Self::Viewer];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Member => "member",
            Self::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "owner" => Some(Self::Owner),
            "member" => Some(Self::Member),
            "viewer" => Some(Self::Viewer),
            _ => None,
        }
    }

    pub fn label(self) -> Message {
        match self {
            Self::Owner => Message::new("Propriétaire", "Owner"),
            Self::Member => Message::new("Membre", "Member"),
            Self::Viewer => Message::new("Lecteur", "Viewer"),
        }
    }
}

text_value!(MemberRole);

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::value::{Error as DeError, StrDeserializer};
    use std::collections::HashSet;

    const Y: bool = true;
    const N: bool = false;

    /// Checks every (from, to) pair against `expected`, a square matrix whose rows and columns
    /// follow `W::ALL`, and the error returned for every refused pair.
    fn check_matrix<W: Workflow>(expected: &[(W, &[bool])]) {
        let rows: Vec<W> = expected.iter().map(|(from, _)| *from).collect();
        assert_eq!(rows, W::ALL, "the expected table must list every status, in ALL order");
        for (from, row) in expected {
            let from = *from;
            assert_eq!(row.len(), W::ALL.len(), "row {from:?} must have one column per status");
            let expected_targets: Vec<&str> =
                W::ALL.iter().zip(row.iter()).filter(|(_, allowed)| **allowed).map(|(to, _)| to.as_str()).collect();
            let targets: Vec<&str> = from.allowed_targets().iter().map(|t| t.as_str()).collect();
            assert_eq!(targets, expected_targets, "allowed targets of {from:?}");
            for (to, allowed) in W::ALL.iter().zip(row.iter()) {
                let to = *to;
                assert_eq!(from.can_transition_to(to), *allowed, "{from:?} -> {to:?}");
                match from.transition_to(to) {
                    Ok(()) => assert!(*allowed, "{from:?} -> {to:?} should be refused"),
                    Err(error) => {
                        assert!(!*allowed, "{from:?} -> {to:?} should be allowed");
                        assert_eq!(error.from, from.as_str());
                        assert_eq!(error.to, to.as_str());
                        assert_eq!(error.allowed, expected_targets, "allowed listed for {from:?} -> {to:?}");
                    }
                }
            }
            assert!(!from.can_transition_to(from), "{from:?} must not move to itself");
        }
    }

    /// as_str/parse round-trip, the names serde uses, and strict parsing.
    fn check_values<W: Workflow + serde::de::DeserializeOwned>(expected: &[(W, &'static str)]) {
        let listed: Vec<W> = expected.iter().map(|(w, _)| *w).collect();
        assert_eq!(listed, W::ALL);
        for (value, text) in expected {
            assert_eq!(value.as_str(), *text);
            assert_eq!(W::parse(text), Some(*value));
            assert_eq!(W::parse(&text.to_uppercase()), None);
            assert_eq!(W::parse(&format!(" {text}")), None);
            let from_serde = W::deserialize(StrDeserializer::<DeError>::new(text));
            assert_eq!(from_serde.ok(), Some(*value), "serde name of {value:?}");
            let label = value.label();
            assert!(!label.fr.is_empty() && !label.en.is_empty());
        }
        assert_eq!(W::parse(""), None);
        assert_eq!(W::parse("in-progress"), None);
        let distinct: HashSet<&str> = W::ALL.iter().map(|w| w.as_str()).collect();
        assert_eq!(distinct.len(), W::ALL.len());
    }

    #[test]
    fn project_transitions() {
        use ProjectStatus::*;
        #[rustfmt::skip]
        check_matrix::<ProjectStatus>(&[
            //              draft active on_hold completed cancelled
            (Draft,     &[N,    Y,     N,      N,        Y]),
            (Active,    &[N,    N,     Y,      Y,        Y]),
            (OnHold,    &[N,    Y,     N,      Y,        Y]),
            (Completed, &[N,    N,     N,      N,        N]),
            (Cancelled, &[N,    N,     N,      N,        N]),
        ]);
    }

    #[test]
    fn milestone_transitions() {
        use MilestoneStatus::*;
        #[rustfmt::skip]
        check_matrix::<MilestoneStatus>(&[
            //                     planned in_progress awaiting done late
            (Planned,          &[N,      Y,          N,       N,   Y]),
            (InProgress,       &[N,      N,          Y,       Y,   Y]),
            (AwaitingApproval, &[N,      Y,          N,       N,   N]),
            (Done,             &[N,      N,          N,       N,   N]),
            (Late,             &[N,      Y,          Y,       Y,   N]),
        ]);
    }

    #[test]
    fn task_transitions() {
        use TaskStatus::*;
        #[rustfmt::skip]
        check_matrix::<TaskStatus>(&[
            //               todo in_progress review done blocked
            (Todo,       &[N,   Y,          N,     N,   Y]),
            (InProgress, &[Y,   N,          Y,     N,   Y]),
            (Review,     &[N,   Y,          N,     Y,   Y]),
            (Done,       &[N,   Y,          N,     N,   N]),
            (Blocked,    &[Y,   Y,          Y,     N,   N]),
        ]);
    }

    #[test]
    fn ticket_transitions() {
        use TicketStatus::*;
        #[rustfmt::skip]
        check_matrix::<TicketStatus>(&[
            //             open pending resolved closed
            (Open,     &[N,   Y,      Y,       N]),
            (Pending,  &[Y,   N,      Y,       N]),
            (Resolved, &[Y,   N,      N,       Y]),
            (Closed,   &[N,   N,      N,       N]),
        ]);
    }

    #[test]
    fn workflow_values_round_trip() {
        check_values(&[
            (ProjectStatus::Draft, "draft"),
            (ProjectStatus::Active, "active"),
            (ProjectStatus::OnHold, "on_hold"),
            (ProjectStatus::Completed, "completed"),
            (ProjectStatus::Cancelled, "cancelled"),
        ]);
        check_values(&[
            (MilestoneStatus::Planned, "planned"),
            (MilestoneStatus::InProgress, "in_progress"),
            (MilestoneStatus::AwaitingApproval, "awaiting_approval"),
            (MilestoneStatus::Done, "done"),
            (MilestoneStatus::Late, "late"),
        ]);
        check_values(&[
            (TaskStatus::Todo, "todo"),
            (TaskStatus::InProgress, "in_progress"),
            (TaskStatus::Review, "review"),
            (TaskStatus::Done, "done"),
            (TaskStatus::Blocked, "blocked"),
        ]);
        check_values(&[
            (TicketStatus::Open, "open"),
            (TicketStatus::Pending, "pending"),
            (TicketStatus::Resolved, "resolved"),
            (TicketStatus::Closed, "closed"),
        ]);
    }

    #[test]
    fn display_and_from_str_use_the_stored_value() {
        assert_eq!(TaskStatus::InProgress.to_string(), "in_progress");
        assert_eq!("on_hold".parse::<ProjectStatus>(), Ok(ProjectStatus::OnHold));
        assert_eq!("late".parse::<MilestoneStatus>(), Ok(MilestoneStatus::Late));
        assert_eq!("closed".parse::<TicketStatus>(), Ok(TicketStatus::Closed));
        assert_eq!("urgent".parse::<Priority>(), Ok(Priority::Urgent));
        assert_eq!("viewer".parse::<MemberRole>(), Ok(MemberRole::Viewer));
        assert!("Done".parse::<TaskStatus>().is_err());
        assert_eq!(MemberRole::Owner.to_string(), "owner");
    }

    #[test]
    fn task_openness() {
        let expected = [
            (TaskStatus::Todo, true),
            (TaskStatus::InProgress, true),
            (TaskStatus::Review, true),
            (TaskStatus::Done, false),
            (TaskStatus::Blocked, true),
        ];
        assert_eq!(expected.len(), TaskStatus::ALL.len());
        for (status, open) in expected {
            assert_eq!(status.is_open(), open, "{status:?}");
        }
    }

    #[test]
    fn ticket_openness() {
        let expected = [
            (TicketStatus::Open, true),
            (TicketStatus::Pending, true),
            (TicketStatus::Resolved, false),
            (TicketStatus::Closed, false),
        ];
        assert_eq!(expected.len(), TicketStatus::ALL.len());
        for (status, open) in expected {
            assert_eq!(status.is_open(), open, "{status:?}");
        }
    }

    #[test]
    fn labels() {
        assert_eq!(TaskStatus::InProgress.label(), Message::new("En cours", "In progress"));
        assert_eq!(TaskStatus::Todo.label(), Message::new("À faire", "To do"));
        assert_eq!(TicketStatus::Pending.label(), Message::new("En attente du client", "Waiting on client"));
        assert_eq!(ProjectStatus::OnHold.label(), Message::new("En pause", "On hold"));
        assert_eq!(Priority::Urgent.label(), Message::new("Urgente", "Urgent"));
        assert_eq!(MemberRole::Viewer.label(), Message::new("Lecteur", "Viewer"));
    }

    /// `TransitionError::message` finds labels by value, so a value used by two workflows must
    /// carry the same label in both.
    #[test]
    fn a_value_shared_by_two_workflows_has_one_label() {
        let mut all: Vec<(&str, Message)> = Vec::new();
        all.extend(ProjectStatus::ALL.iter().map(|s| (s.as_str(), s.label())));
        all.extend(MilestoneStatus::ALL.iter().map(|s| (s.as_str(), s.label())));
        all.extend(TaskStatus::ALL.iter().map(|s| (s.as_str(), s.label())));
        all.extend(TicketStatus::ALL.iter().map(|s| (s.as_str(), s.label())));
        for (value, label) in &all {
            for (other_value, other_label) in &all {
                if value == other_value {
                    assert_eq!(label, other_label, "{value}");
                }
            }
        }
    }

    #[test]
    fn transition_error_message_names_the_statuses_and_the_alternatives() {
        let error = TaskStatus::Done.transition_to(TaskStatus::Todo).err().unwrap_or_else(|| panic!("refused"));
        assert_eq!((error.from, error.to, error.allowed.clone()), ("done", "todo", vec!["in_progress"]));
        let message = error.message();
        assert_eq!(
            message.fr,
            "Transition impossible de « terminé » vers « à faire ». Statuts possibles : « en cours »."
        );
        assert_eq!(message.en, "Cannot change the status from “done” to “to do”. Possible statuses: “in progress”.");
        assert_eq!(error.to_string(), message.en);

        let error = TicketStatus::Open.transition_to(TicketStatus::Closed).err().unwrap_or_else(|| panic!("refused"));
        assert_eq!(error.allowed, vec!["pending", "resolved"]);
        assert_eq!(
            error.message().fr,
            "Transition impossible de « ouvert » vers « fermé ». Statuts possibles : « en attente du client », « résolu »."
        );
    }

    #[test]
    fn transition_error_message_for_final_and_unchanged_statuses() {
        let error =
            ProjectStatus::Cancelled.transition_to(ProjectStatus::Active).err().unwrap_or_else(|| panic!("refused"));
        assert!(error.allowed.is_empty());
        assert_eq!(error.message().fr, "Transition impossible de « annulé » vers « actif » : ce statut est définitif.");
        assert_eq!(error.message().en, "Cannot change the status from “cancelled” to “active”: this status is final.");

        let error =
            MilestoneStatus::Late.transition_to(MilestoneStatus::Late).err().unwrap_or_else(|| panic!("refused"));
        assert_eq!(error.allowed, vec!["in_progress", "awaiting_approval", "done"]);
        assert_eq!(error.message(), Message::new("Le statut est déjà « en retard ».", "The status is already “late”."));
    }

    #[test]
    fn transition_error_message_shows_unknown_values_as_is() {
        let error = TransitionError { from: "paid", to: "draft", allowed: vec![], labels: vec![] };
        assert_eq!(error.message().en, "Cannot change the status from “paid” to “draft”: this status is final.");
    }

    #[test]
    fn priority_values_order_and_default() {
        let expected = [
            (Priority::Low, "low"),
            (Priority::Normal, "normal"),
            (Priority::High, "high"),
            (Priority::Urgent, "urgent"),
        ];
        assert_eq!(expected.map(|(p, _)| p).as_slice(), Priority::ALL);
        for (priority, text) in expected {
            assert_eq!(priority.as_str(), text);
            assert_eq!(Priority::parse(text), Some(priority));
            assert_eq!(Priority::deserialize(StrDeserializer::<DeError>::new(text)).ok(), Some(priority));
        }
        assert_eq!(Priority::parse("URGENT"), None);
        assert_eq!(Priority::parse(""), None);
        assert_eq!(Priority::default(), Priority::Normal);
        assert!(Priority::Low < Priority::Normal);
        assert!(Priority::Normal < Priority::High);
        assert!(Priority::High < Priority::Urgent);
        assert!(Priority::ALL.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn member_role_values() {
        let expected = [(MemberRole::Owner, "owner"), (MemberRole::Member, "member"), (MemberRole::Viewer, "viewer")];
        assert_eq!(expected.map(|(r, _)| r).as_slice(), MemberRole::ALL);
        for (role, text) in expected {
            assert_eq!(role.as_str(), text);
            assert_eq!(MemberRole::parse(text), Some(role));
            assert_eq!(MemberRole::deserialize(StrDeserializer::<DeError>::new(text)).ok(), Some(role));
        }
        assert_eq!(MemberRole::parse("admin"), None);
        assert_eq!(MemberRole::parse("Owner"), None);
    }
}

crate::stored_as_text!(ProjectStatus, MilestoneStatus, TaskStatus, TicketStatus, Priority, MemberRole);
