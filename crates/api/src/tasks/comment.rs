//! Writing a comment on a task, inside the caller's transaction.

use nourx_db::comments::NewComment;
use nourx_db::{PgConn, audit, tasks};
use nourx_domain::Action;
use uuid::Uuid;

use super::dto::{CommentDraft, CommentDto};
use crate::http::caller::Caller;
use crate::http::error::ApiError;

/// Comments on a task in the caller's scope (404 otherwise); internal comments need the right
/// to write internal notes.
pub fn create(
    conn: &mut PgConn,
    caller: &Caller,
    task_id: Uuid,
    draft: CommentDraft,
    web_url: &str,
) -> Result<CommentDto, ApiError> {
    let task = tasks::find(conn, &caller.scope(), task_id)?.ok_or(ApiError::NotFound)?;
    caller.require(task.client_id, Action::CreateComment)?;
    if draft.internal {
        caller.require(task.client_id, Action::WriteInternal)?;
    }
    let comment = NewComment {
        id: Uuid::now_v7(),
        task_id: task.id,
        client_id: task.client_id,
        author_id: caller.id(),
        body: &draft.body,
        internal: draft.internal,
    }
    .insert(conn)?;
    let values = audit::snapshot(&comment);
    audit::record(
        conn,
        &caller.audit(),
        "create",
        ("comment", comment.client_id),
        Some(comment.id.to_string()),
        values,
    )?;
    let author_name = caller.current.user.full_name.clone();
    super::notices::tell_about_comment(conn, &task, &comment, &author_name, web_url)?;
    Ok(CommentDto::new(comment, author_name))
}
