//! Who may do what inside a client's space.
//!
//! One function answers every authorization question the API asks once it knows who the person is
//! to the client (NOURX staff, or a member with a role), so that the rules can be read, and tested,
//! in one place. Whether the person belongs to the client at all is the caller's question: a person
//! who is not a member of the client has no [`Actor`] for it and must be refused before this.

use crate::user::Role;
use crate::workflow::MemberRole;
use serde::{Deserialize, Serialize};

/// Something done in NOURX's back-office rather than inside one client's space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffAction {
    /// Everything staff do today: every client's space (as [`Actor::Admin`]), accounts, the audit
    /// log, the outgoing emails, the job queue, and reading the team.
    UseBackOffice,
    /// The settings (`/api/admin/settings/*`: payment settings and CinetPay credentials).
    ManageSettings,
    /// Invite staff, change a role, activate or deactivate a staff account.
    ManageTeam,
    /// Undo money already booked: void a payment recorded by hand, resolve a flagged payment
    /// (apply it elsewhere, or record it refunded). Staff record payments and issue credit notes;
    /// taking money back off the books is the admins' call, so two people see every correction.
    CorrectPayments,
}

/// Whether an account of `role` may do `action` in the back-office: admins everything, the
/// `staff` role all but the settings and the team, clients nothing.
pub fn can_staff(role: Role, action: StaffAction) -> bool {
    match (role, action) {
        (Role::Admin, _) => true,
        (Role::Staff, StaffAction::UseBackOffice) => true,
        (Role::Staff, StaffAction::ManageSettings | StaffAction::ManageTeam | StaffAction::CorrectPayments) => false,
        (Role::Client, _) => false,
    }
}

/// The person acting, as seen from one client's space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// NOURX staff (role `admin` or `staff`): may do everything, in every client's space.
    Admin,
    /// A person of the client, with their role in this client.
    Member(MemberRole),
}

/// Something a person may try to do inside a client's space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Read projects, milestones, tasks, non-internal comments and tickets.
    ReadClientData,
    /// Edit the client's own profile (`PATCH /clients/{id}`).
    UpdateClientProfile,
    /// Invite members, change their roles, remove them.
    ManageMembers,
    /// Change a client's status, currency and whether it may pay in instalments: NOURX's terms.
    SetClientTerms,
    /// Delete a client created by mistake (one without records).
    DeleteClient,
    CreateProject,
    UpdateProject,
    CreateMilestone,
    UpdateMilestone,
    CreateTask,
    /// Change anything on a task but its status.
    UpdateTaskFields,
    /// Change a task's status. Clients may move the tasks assigned to them (to say "done" or
    /// "blocked"), not the others: the plan is NOURX's.
    UpdateTaskStatus {
        assigned_to_actor: bool,
    },
    CreateComment,
    /// Read internal comments and internal ticket notes.
    ReadInternal,
    /// Write internal comments and internal ticket notes.
    WriteInternal,
    CreateTicket,
    WriteTicketMessage,
    /// Assign a ticket, change its priority, make any status change.
    ManageTicket,
    /// The client's own say on a resolved ticket: reopen it or close it.
    ReopenOrCloseTicket,
    /// Accept or decline a quote: a commitment of the client, so its owners only.
    DecideQuote,
    /// Upload a document to one of the client's projects.
    UploadDocument,
    /// Complete an upload. Clients complete the uploads they started, not the others.
    CompleteUpload {
        uploaded_by_actor: bool,
    },
    /// See an upload not completed yet: only the person uploading it, and NOURX staff.
    SeePendingUpload {
        uploaded_by_actor: bool,
    },
    /// Delete a document. Clients may delete the documents they uploaded, not the others.
    DeleteDocument {
        uploaded_by_actor: bool,
    },
    /// Pay one of the client's invoices online. (NOURX staff record payments otherwise; the API
    /// refuses them this one.)
    PayInvoice,
    /// Approve a delivered milestone or ask for changes: the client's word (owners and members),
    /// never NOURX's on its behalf.
    ApproveMilestone,
}

/// Whether `actor` may do `action`.
///
/// Admins may do everything but pay online and approve milestones (the client's word). Owners and members take part (comments, tickets, the status of the
/// tasks assigned to them); owners also manage the client's profile and its members. Viewers only
/// read. Planning (projects, milestones, tasks), internal notes and ticket triage stay with NOURX.
pub fn can(actor: Actor, action: Action) -> bool {
    let role = match actor {
        Actor::Admin => return !matches!(action, Action::PayInvoice | Action::ApproveMilestone),
        Actor::Member(role) => role,
    };
    match action {
        Action::ReadClientData => true,
        Action::UpdateClientProfile | Action::ManageMembers | Action::DecideQuote => role == MemberRole::Owner,
        Action::UpdateTaskStatus { assigned_to_actor } => assigned_to_actor && takes_part(role),
        Action::DeleteDocument { uploaded_by_actor } | Action::CompleteUpload { uploaded_by_actor } => {
            uploaded_by_actor && takes_part(role)
        }
        Action::SeePendingUpload { uploaded_by_actor } => uploaded_by_actor,
        Action::CreateComment
        | Action::CreateTicket
        | Action::WriteTicketMessage
        | Action::ReopenOrCloseTicket
        | Action::UploadDocument
        | Action::ApproveMilestone
        | Action::PayInvoice => takes_part(role),
        Action::SetClientTerms
        | Action::DeleteClient
        | Action::CreateProject
        | Action::UpdateProject
        | Action::CreateMilestone
        | Action::UpdateMilestone
        | Action::CreateTask
        | Action::UpdateTaskFields
        | Action::ReadInternal
        | Action::WriteInternal
        | Action::ManageTicket => false,
    }
}

/// Owners and members work with NOURX; viewers only follow.
fn takes_part(role: MemberRole) -> bool {
    match role {
        MemberRole::Owner | MemberRole::Member => true,
        MemberRole::Viewer => false,
    }
}

/// What a task update touches: its fields (title, priority, assignee, dates…), and/or the card's
/// place on the board (`status`, `position`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskUpdate {
    pub fields: bool,
    pub moves_card: bool,
}

/// What a person may change on one task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskRight {
    /// Every field, and the card's place: NOURX staff.
    Everything,
    /// The card's place only (to say "done" or "blocked"): owners and members, on the tasks
    /// assigned to them.
    MoveCard,
    /// Nothing: viewers, and everyone but staff on the tasks of others.
    Nothing,
}

/// What `actor` may change on a task; `assigned_to_actor` when the task is assigned to them.
/// Editing fields without moving cards is no role's right (a test below checks it), so a right to
/// fields alone would be read as `Nothing`.
pub fn task_right(actor: Actor, assigned_to_actor: bool) -> TaskRight {
    let fields = can(actor, Action::UpdateTaskFields);
    let moves = can(actor, Action::UpdateTaskStatus { assigned_to_actor });
    match (fields, moves) {
        (true, true) => TaskRight::Everything,
        (false, true) => TaskRight::MoveCard,
        (_, false) => TaskRight::Nothing,
    }
}

impl TaskRight {
    /// Whether this right covers `update`. An update that touches nothing is an edit of the
    /// fields (it writes `updated_at`), so staff only.
    pub fn allows(self, update: TaskUpdate) -> bool {
        match self {
            TaskRight::Everything => true,
            TaskRight::MoveCard => update.moves_card && !update.fields,
            TaskRight::Nothing => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const Y: bool = true;
    const N: bool = false;

    const ACTORS: [Actor; 4] = [
        Actor::Admin,
        Actor::Member(MemberRole::Owner),
        Actor::Member(MemberRole::Member),
        Actor::Member(MemberRole::Viewer),
    ];

    /// Fails to compile when an action is added, as a reminder to add it to the matrix below.
    fn _every_action_is_in_the_matrix(action: Action) {
        match action {
            Action::ReadClientData
            | Action::UpdateClientProfile
            | Action::ManageMembers
            | Action::SetClientTerms
            | Action::DeleteClient
            | Action::CreateProject
            | Action::UpdateProject
            | Action::CreateMilestone
            | Action::UpdateMilestone
            | Action::CreateTask
            | Action::UpdateTaskFields
            | Action::UpdateTaskStatus { assigned_to_actor: true }
            | Action::UpdateTaskStatus { assigned_to_actor: false }
            | Action::CreateComment
            | Action::ReadInternal
            | Action::WriteInternal
            | Action::CreateTicket
            | Action::WriteTicketMessage
            | Action::ManageTicket
            | Action::ReopenOrCloseTicket
            | Action::DecideQuote
            | Action::UploadDocument
            | Action::CompleteUpload { uploaded_by_actor: true }
            | Action::CompleteUpload { uploaded_by_actor: false }
            | Action::SeePendingUpload { uploaded_by_actor: true }
            | Action::SeePendingUpload { uploaded_by_actor: false }
            | Action::DeleteDocument { uploaded_by_actor: true }
            | Action::DeleteDocument { uploaded_by_actor: false }
            | Action::PayInvoice
            | Action::ApproveMilestone => {}
        }
    }

    #[test]
    fn the_whole_matrix() {
        #[rustfmt::skip]
        let matrix: [(Action, [bool; 4]); 30] = [
            //                                                      admin owner member viewer
            (Action::ReadClientData,                                [Y,   Y,    Y,     Y]),
            (Action::UpdateClientProfile,                           [Y,   Y,    N,     N]),
            (Action::ManageMembers,                                 [Y,   Y,    N,     N]),
            (Action::SetClientTerms,                                [Y,   N,    N,     N]),
            (Action::DeleteClient,                                  [Y,   N,    N,     N]),
            (Action::CreateProject,                                 [Y,   N,    N,     N]),
            (Action::UpdateProject,                                 [Y,   N,    N,     N]),
            (Action::CreateMilestone,                               [Y,   N,    N,     N]),
            (Action::UpdateMilestone,                               [Y,   N,    N,     N]),
            (Action::CreateTask,                                    [Y,   N,    N,     N]),
            (Action::UpdateTaskFields,                              [Y,   N,    N,     N]),
            (Action::UpdateTaskStatus { assigned_to_actor: true },  [Y,   Y,    Y,     N]),
            (Action::UpdateTaskStatus { assigned_to_actor: false }, [Y,   N,    N,     N]),
            (Action::CreateComment,                                 [Y,   Y,    Y,     N]),
            (Action::ReadInternal,                                  [Y,   N,    N,     N]),
            (Action::WriteInternal,                                 [Y,   N,    N,     N]),
            (Action::CreateTicket,                                  [Y,   Y,    Y,     N]),
            (Action::WriteTicketMessage,                            [Y,   Y,    Y,     N]),
            (Action::ManageTicket,                                  [Y,   N,    N,     N]),
            (Action::ReopenOrCloseTicket,                           [Y,   Y,    Y,     N]),
            (Action::DecideQuote,                                   [Y,   Y,    N,     N]),
            (Action::UploadDocument,                                [Y,   Y,    Y,     N]),
            (Action::CompleteUpload { uploaded_by_actor: true },    [Y,   Y,    Y,     N]),
            (Action::CompleteUpload { uploaded_by_actor: false },   [Y,   N,    N,     N]),
            (Action::SeePendingUpload { uploaded_by_actor: true },  [Y,   Y,    Y,     Y]),
            (Action::SeePendingUpload { uploaded_by_actor: false }, [Y,   N,    N,     N]),
            (Action::DeleteDocument { uploaded_by_actor: true },    [Y,   Y,    Y,     N]),
            (Action::DeleteDocument { uploaded_by_actor: false },   [Y,   N,    N,     N]),
            (Action::PayInvoice,                                    [N,   Y,    Y,     N]),
            (Action::ApproveMilestone,                              [N,   Y,    Y,     N]),
        ];
        for (index, (action, _)) in matrix.iter().enumerate() {
            assert!(!matrix[..index].iter().any(|(other, _)| other == action), "{action:?} is listed twice");
        }
        for (action, row) in matrix {
            for (actor, expected) in ACTORS.into_iter().zip(row) {
                assert_eq!(can(actor, action), expected, "{actor:?} / {action:?}");
            }
        }
    }

    #[test]
    fn the_staff_matrix() {
        use StaffAction::*;
        #[rustfmt::skip]
        let matrix = [
            //                  admin staff client
            (UseBackOffice,    [Y,    Y,    N]),
            (ManageSettings,   [Y,    N,    N]),
            (ManageTeam,       [Y,    N,    N]),
        ];
        for (action, row) in matrix {
            for (role, expected) in [Role::Admin, Role::Staff, Role::Client].into_iter().zip(row) {
                assert_eq!(can_staff(role, action), expected, "{role:?} / {action:?}");
            }
        }
        for role in Role::ALL {
            assert_eq!(can_staff(*role, UseBackOffice), role.is_staff(), "the back-office is for staff roles");
        }
    }

    #[test]
    fn a_member_may_do_what_an_owner_may_except_manage_the_client() {
        let owner = Actor::Member(MemberRole::Owner);
        let member = Actor::Member(MemberRole::Member);
        assert!(can(owner, Action::ManageMembers) && !can(member, Action::ManageMembers));
        assert!(can(owner, Action::UpdateClientProfile) && !can(member, Action::UpdateClientProfile));
        assert!(can(member, Action::UpdateTaskStatus { assigned_to_actor: true }));
    }

    #[test]
    fn task_rights_by_role_and_assignment() {
        #[rustfmt::skip]
        let expected = [
            //                                 assigned to them      assigned to another
            (Actor::Admin,                     TaskRight::Everything, TaskRight::Everything),
            (Actor::Member(MemberRole::Owner),  TaskRight::MoveCard,   TaskRight::Nothing),
            (Actor::Member(MemberRole::Member), TaskRight::MoveCard,   TaskRight::Nothing),
            (Actor::Member(MemberRole::Viewer), TaskRight::Nothing,    TaskRight::Nothing),
        ];
        for (actor, assigned, other) in expected {
            assert_eq!(task_right(actor, true), assigned, "{actor:?}, assigned to them");
            assert_eq!(task_right(actor, false), other, "{actor:?}, assigned to another");
        }
    }

    #[test]
    fn whoever_may_edit_task_fields_may_also_move_the_card() {
        for actor in ACTORS {
            for assigned_to_actor in [true, false] {
                if can(actor, Action::UpdateTaskFields) {
                    assert!(can(actor, Action::UpdateTaskStatus { assigned_to_actor }), "{actor:?}");
                }
            }
        }
    }

    #[test]
    fn what_each_task_right_allows() {
        let update = |fields, moves_card| TaskUpdate { fields, moves_card };
        let (nothing, fields, card, both) =
            (update(false, false), update(true, false), update(false, true), update(true, true));
        assert!([nothing, fields, card, both].into_iter().all(|u| TaskRight::Everything.allows(u)));
        assert!(TaskRight::MoveCard.allows(card));
        assert!(!TaskRight::MoveCard.allows(fields), "a client moves the card, it does not edit it");
        assert!(!TaskRight::MoveCard.allows(both));
        assert!(!TaskRight::MoveCard.allows(nothing), "an empty update is an edit: staff only");
        assert!([nothing, fields, card, both].into_iter().all(|u| !TaskRight::Nothing.allows(u)));
    }
}
