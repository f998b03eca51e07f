//! Who carries the open tasks: the global board's workload view.

use std::collections::HashMap;

use actix_web::{get, web};
use nourx_db::{tasks, users};
use nourx_domain::delivery::week_end;
use uuid::Uuid;

use crate::AppState;
use crate::http::caller::Staff;
use crate::http::error::{ApiError, ApiResult};
use crate::http::schemas::ErrorDetail;
use crate::tasks::{WorkloadDto, WorkloadRowDto};

/// Open, late and due-this-week tasks per person (NOURX staff): every active staff member, busiest
/// first, then the client people who hold open tasks.
#[utoipa::path(
    tag = "admin",
    responses(
        (status = 200, body = WorkloadDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/workload/")]
pub async fn get_workload(_staff: Staff, state: web::Data<AppState>) -> ApiResult<web::Json<WorkloadDto>> {
    let today = crate::billing::today();
    let dto = state
        .db
        .run(move |conn| {
            let loads = tasks::workload(conn, today, week_end(today))?;
            let staff: Vec<(Uuid, String)> = users::staff_members(conn)?
                .into_iter()
                .filter(|(user, _)| user.is_active)
                .map(|(user, _)| (user.id, user.full_name))
                .collect();
            let others: Vec<Uuid> =
                loads.iter().filter_map(|l| l.user_id).filter(|id| !staff.iter().any(|(s, _)| s == id)).collect();
            let other_names = users::names(conn, &others)?;
            Ok::<_, ApiError>(workload(loads, staff, other_names))
        })
        .await?;
    Ok(web::Json(dto))
}

fn workload(loads: Vec<tasks::Workload>, staff: Vec<(Uuid, String)>, others: HashMap<Uuid, String>) -> WorkloadDto {
    let by_user: HashMap<Option<Uuid>, &tasks::Workload> = loads.iter().map(|l| (l.user_id, l)).collect();
    let row = |user_id: Uuid, name: String| {
        let load = by_user.get(&Some(user_id));
        WorkloadRowDto {
            user_id,
            name,
            open_tasks: load.map_or(0, |l| l.open_tasks),
            late_tasks: load.map_or(0, |l| l.late_tasks),
            due_this_week: load.map_or(0, |l| l.due_this_week),
        }
    };
    let mut results: Vec<WorkloadRowDto> = staff.into_iter().map(|(id, name)| row(id, name)).collect();
    results.sort_by(|a, b| b.open_tasks.cmp(&a.open_tasks).then_with(|| a.name.cmp(&b.name)));
    let mut clients: Vec<WorkloadRowDto> = others.into_iter().map(|(id, name)| row(id, name)).collect();
    clients.sort_by(|a, b| b.open_tasks.cmp(&a.open_tasks).then_with(|| a.name.cmp(&b.name)));
    results.extend(clients);
    WorkloadDto { results, unassigned_open: by_user.get(&None).map_or(0, |l| l.open_tasks) }
}
