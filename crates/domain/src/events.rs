//! The live event stream: what kinds of change it announces, and who may receive each.
//!
//! Events name ids only (a project, a ticket, a payment): the browser reads what changed through
//! the API, which applies its own scoping. Who receives an event is still decided here, so that
//! nobody learns even that another client's project moved.

use std::time::Duration;

use uuid::Uuid;

/// Each kind as stored in `events.kind` and sent as the SSE `event:` name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// Tasks of a project were created, edited, moved or deleted (`project_id`).
    TaskChanged,
    /// A comment on a task (`task_id`).
    TaskComment,
    /// Tickets changed: status, priority, assignee (`ticket_id` when one).
    TicketChanged,
    /// A message in a ticket's thread (`ticket_id`).
    TicketMessage,
    /// A payment started, settled, failed or was voided (`payment_id`, `invoice_id`, `status`).
    PaymentChanged,
    /// New notifications in the recipient's bell (`count`).
    NotificationCreated,
    /// Something audited changed: the staff dashboard's activity and alerts (`entities`).
    Activity,
    /// The server may have missed events (a lost database connection, a slow reader): read
    /// everything on screen again.
    Sync,
}

impl EventKind {
    pub const ALL: &'static [EventKind] = &[
        EventKind::TaskChanged,
        EventKind::TaskComment,
        EventKind::TicketChanged,
        EventKind::TicketMessage,
        EventKind::PaymentChanged,
        EventKind::NotificationCreated,
        EventKind::Activity,
        EventKind::Sync,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::TaskChanged => "task.changed",
            EventKind::TaskComment => "task.comment",
            EventKind::TicketChanged => "ticket.changed",
            EventKind::TicketMessage => "ticket.message",
            EventKind::PaymentChanged => "payment.changed",
            EventKind::NotificationCreated => "notification.created",
            EventKind::Activity => "activity",
            EventKind::Sync => "sync",
        }
    }

    pub fn parse(value: &str) -> Option<EventKind> {
        EventKind::ALL.iter().copied().find(|kind| kind.as_str() == value)
    }
}

/// Who may receive an event: NOURX staff, the people of one client, one person. Any that is set
/// is enough; none set means nobody.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Audience {
    pub staff: bool,
    pub client_id: Option<Uuid>,
    pub user_id: Option<Uuid>,
}

impl Audience {
    /// Everyone connected (a [`EventKind::Sync`] the server itself sends).
    pub const EVERYONE: Audience = Audience { staff: true, client_id: None, user_id: None };
}

/// The person an event stream is open for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    pub user_id: Uuid,
    pub staff: bool,
    /// The clients the person is a member of (none for staff).
    pub client_ids: Vec<Uuid>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Send,
    Withhold,
}

/// Whether `viewer` receives an event meant for `audience`.
pub fn delivery(viewer: &Viewer, audience: &Audience, kind: EventKind) -> Delivery {
    let mine = audience.user_id == Some(viewer.user_id);
    let as_staff = viewer.staff && audience.staff;
    let as_member = !viewer.staff && audience.client_id.is_some_and(|id| viewer.client_ids.contains(&id));
    let everyone = kind == EventKind::Sync && audience == &Audience::EVERYONE;
    if mine || as_staff || as_member || everyone { Delivery::Send } else { Delivery::Withhold }
}

/// A comment line sent this often keeps proxies from closing an idle stream, and tells the
/// server that a browser has gone.
pub const HEARTBEAT: Duration = Duration::from_secs(25);
/// A stream ends after this long; the browser reconnects at once, from the last event it read,
/// and the session and memberships are checked again.
pub const STREAM_LIFETIME: Duration = Duration::from_secs(15 * 60);
/// At most this many missed events are replayed on a reconnection; beyond, a [`EventKind::Sync`].
pub const REPLAY_LIMIT: i64 = 200;
/// Events of transactions that committed out of order: a replay starts this long before the last
/// event the browser read (the browser ignores the ids it has seen).
pub const REPLAY_MARGIN: Duration = Duration::from_secs(5);
/// Events are kept this long for replays.
pub const RETENTION: Duration = Duration::from_secs(24 * 3600);

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(staff: bool, clients: &[Uuid]) -> Viewer {
        Viewer { user_id: Uuid::from_u128(1), staff, client_ids: clients.to_vec() }
    }

    #[test]
    fn kinds_round_trip() {
        for kind in EventKind::ALL {
            assert_eq!(EventKind::parse(kind.as_str()), Some(*kind));
        }
        assert_eq!(EventKind::parse("task"), None);
    }

    #[test]
    fn a_client_s_people_receive_its_events_and_no_other_client_s() {
        let (a, b) = (Uuid::from_u128(10), Uuid::from_u128(11));
        let member_of_a = viewer(false, &[a]);
        let of_a = Audience { staff: true, client_id: Some(a), user_id: None };
        let of_b = Audience { staff: true, client_id: Some(b), user_id: None };
        assert_eq!(delivery(&member_of_a, &of_a, EventKind::TaskChanged), Delivery::Send);
        assert_eq!(delivery(&member_of_a, &of_b, EventKind::TaskChanged), Delivery::Withhold);
        assert_eq!(delivery(&viewer(false, &[]), &of_a, EventKind::TaskChanged), Delivery::Withhold);
    }

    #[test]
    fn staff_only_events_never_reach_clients() {
        let a = Uuid::from_u128(10);
        let internal = Audience { staff: true, client_id: None, user_id: None };
        assert_eq!(delivery(&viewer(false, &[a]), &internal, EventKind::TicketMessage), Delivery::Withhold);
        assert_eq!(delivery(&viewer(true, &[]), &internal, EventKind::TicketMessage), Delivery::Send);
        // Staff see every client's events that are meant for staff, and not a client-only one.
        let client_only = Audience { staff: false, client_id: Some(a), user_id: None };
        assert_eq!(delivery(&viewer(true, &[]), &client_only, EventKind::TaskChanged), Delivery::Withhold);
    }

    #[test]
    fn a_person_s_own_events_reach_them_only() {
        let mine = Audience { staff: false, client_id: None, user_id: Some(Uuid::from_u128(1)) };
        let theirs = Audience { staff: false, client_id: None, user_id: Some(Uuid::from_u128(2)) };
        for staff in [true, false] {
            assert_eq!(delivery(&viewer(staff, &[]), &mine, EventKind::NotificationCreated), Delivery::Send);
            assert_eq!(delivery(&viewer(staff, &[]), &theirs, EventKind::NotificationCreated), Delivery::Withhold);
        }
    }

    #[test]
    fn only_the_server_s_sync_goes_to_everyone() {
        let client = viewer(false, &[Uuid::from_u128(10)]);
        assert_eq!(delivery(&client, &Audience::EVERYONE, EventKind::Sync), Delivery::Send);
        assert_eq!(delivery(&client, &Audience::EVERYONE, EventKind::Activity), Delivery::Withhold);
        assert_eq!(delivery(&client, &Audience::default(), EventKind::Sync), Delivery::Withhold);
    }
}
