//! Telling people about an event: an in-app notification (the bell) for each, and an email in
//! their language, both written in the transaction of the change they announce.

use nourx_db::PgConn;
use nourx_db::notifications::NewNotification;
use nourx_db::users::Recipient;
use nourx_domain::notification_preferences::{EmailDelivery, Topic, channels};
use nourx_domain::{Lang, Locale, Message};
use nourx_mail::TemplateKey;
use uuid::Uuid;

use crate::http::error::ApiError;

/// One event, as each recipient reads it.
pub(crate) struct Notice<'a> {
    /// What happened, as `entity.event` (`milestone.awaiting_approval`).
    pub kind: &'a str,
    pub entity: &'a str,
    pub entity_id: Uuid,
    /// The web page about it, from the site's root (`/projets/…`).
    pub link: String,
    pub title: Message,
    pub body: Message,
}

/// The email that goes with a notice: its template, and its variables in a language (the
/// recipient's `name` is added).
pub(crate) struct NoticeEmail<'a> {
    pub template: TemplateKey,
    pub vars: &'a dyn Fn(Lang) -> serde_json::Value,
}

/// Notifies each of `people` (but `actor`, who knows) in the app and, with `email`, by email,
/// each as their preferences say.
pub(crate) fn notify(
    conn: &mut PgConn,
    people: &[Recipient],
    actor: Option<Uuid>,
    notice: &Notice<'_>,
    email: Option<NoticeEmail<'_>>,
) -> Result<(), ApiError> {
    let people: Vec<&Recipient> = people.iter().filter(|p| Some(p.id) != actor).collect();
    let entity_id = notice.entity_id.to_string();
    let rows: Vec<NewNotification<'_>> = people
        .iter()
        .map(|person| {
            let lang = Lang::from(person.locale);
            NewNotification {
                id: Uuid::now_v7(),
                user_id: person.id,
                kind: notice.kind,
                title: notice.title.get(lang),
                body: notice.body.get(lang),
                link: Some(&notice.link),
                entity: Some(notice.entity),
                entity_id: Some(&entity_id),
            }
        })
        .collect();
    if !rows.is_empty() {
        nourx_db::notifications::insert_many(conn, &rows)?;
    }
    if let Some(email) = email {
        let choices = match Topic::of_kind(notice.kind) {
            Some(topic) => {
                let ids: Vec<Uuid> = people.iter().map(|p| p.id).collect();
                nourx_db::notification_preferences::about(conn, &ids, topic)?
            }
            None => Default::default(),
        };
        let wants_email = |id: &Uuid| channels(notice.kind, choices.get(id).copied()).email == EmailDelivery::Instant;
        for person in people.into_iter().filter(|p| wants_email(&p.id)) {
            let mut vars = (email.vars)(Lang::from(person.locale));
            if let Some(map) = vars.as_object_mut() {
                map.insert("name".into(), person.full_name.clone().into());
            }
            let locale = if person.locale == Locale::En { Locale::En } else { Locale::Fr };
            crate::services::mailer::enqueue(conn, &person.email, locale, email.template, &vars)?;
        }
    }
    Ok(())
}
