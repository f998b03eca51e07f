//! Who hears about a task: its new assignee, and the people around it when someone comments.

use nourx_db::comments::Comment;
use nourx_db::tasks::Task;
use nourx_db::users::{self, Recipient};
use nourx_db::{PgConn, Scope, projects};
use nourx_domain::Message;
use nourx_mail::TemplateKey;
use uuid::Uuid;

use crate::billing::format_date;
use crate::http::error::ApiError;
use crate::notices::{Notice, NoticeEmail, notify};

/// The task's page for a recipient: the global board for staff, the project for a client.
fn link_for(person: &Recipient, task: &Task) -> String {
    if person.role.is_staff() {
        format!("/admin/taches?tache={}", task.id)
    } else {
        format!("/projets/{}?tache={}", task.project_id, task.id)
    }
}

/// Tells the task's assignee (unless they assigned it themselves) in the app and by email.
pub fn tell_assignee(conn: &mut PgConn, actor: Uuid, task: &Task, web_url: &str) -> Result<(), ApiError> {
    let Some(assignee) = task.assigned_to.filter(|id| *id != actor) else { return Ok(()) };
    let project = projects::find(conn, &Scope::All, task.project_id)?.ok_or(ApiError::NotFound)?;
    let assigner = users::names(conn, &[actor])?.remove(&actor).unwrap_or_default();
    for person in users::recipients(conn, &[assignee])? {
        let link = link_for(&person, task);
        let notice = Notice {
            kind: "task.assigned",
            entity: "task",
            entity_id: task.id,
            link: link.clone(),
            title: Message::owned(format!("Tâche assignée : {}", task.title), format!("Task assigned: {}", task.title)),
            body: Message::owned(
                format!("{assigner} vous a assigné « {} » ({}).", task.title, project.name),
                format!("{assigner} assigned you “{}” ({}).", task.title, project.name),
            ),
        };
        let vars = |_| {
            serde_json::json!({
                "assigner_name": assigner,
                "task_title": task.title,
                "project_name": project.name,
                "due_date": task.due_date.map(format_date).unwrap_or_default(),
                "task_url": format!("{web_url}{link}"),
            })
        };
        let email = NoticeEmail { template: TemplateKey::TaskAssigned, vars: &vars };
        notify(conn, std::slice::from_ref(&person), Some(actor), &notice, Some(email))?;
    }
    Ok(())
}

/// Tells the task's assignee and creator (but the author) of a new comment; an internal one
/// reaches NOURX staff only, and a task kept internal never reaches a client.
pub fn tell_about_comment(
    conn: &mut PgConn,
    task: &Task,
    comment: &Comment,
    author_name: &str,
    web_url: &str,
) -> Result<(), ApiError> {
    let people: Vec<Uuid> = [task.assigned_to, task.created_by].into_iter().flatten().collect();
    let hidden_from_clients = comment.internal || !task.client_visible;
    let recipients: Vec<Recipient> = users::recipients(conn, &people)?
        .into_iter()
        .filter(|person| person.role.is_staff() || !hidden_from_clients)
        .collect();
    let project = projects::find(conn, &Scope::All, task.project_id)?.ok_or(ApiError::NotFound)?;
    let excerpt: String = comment.body.chars().take(280).collect();
    for person in recipients {
        let link = link_for(&person, task);
        let notice = Notice {
            kind: "task.comment",
            entity: "task",
            entity_id: task.id,
            link: link.clone(),
            title: Message::owned(format!("Commentaire : {}", task.title), format!("Comment: {}", task.title)),
            body: Message::owned(format!("{author_name} : {excerpt}"), format!("{author_name}: {excerpt}")),
        };
        let vars = |_| {
            serde_json::json!({
                "author_name": author_name,
                "task_title": task.title,
                "project_name": project.name,
                "excerpt": excerpt,
                "task_url": format!("{web_url}{link}"),
            })
        };
        let email = NoticeEmail { template: TemplateKey::TaskComment, vars: &vars };
        notify(conn, std::slice::from_ref(&person), Some(comment.author_id), &notice, Some(email))?;
    }
    Ok(())
}
