//! The dashboard's figures as JSON: the same the staff home page shows.

use super::ApiQuery;
use crate::auth::ApiCaller;
use crate::error::{ApiError, ErrorBody};
use crate::AppState;
use axum::extract::State;
use axum::Json;
use danvan_domain::dashboard::Dashboard;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DashboardParams {
    /// The unit whose units below are listed (`scheme/code`); default: the caller's own.
    unit: Option<String>,
}

/// Overdue and due-soon cases in the caller's scope, the workload per unit below, petitions
/// per month for a year, this year to date against the same days last year, recent activity.
#[utoipa::path(get, path = "/api/v1/dashboard", params(DashboardParams), security(("bearer" = [])),
    responses((status = 200, body = Dashboard), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<DashboardParams>,
) -> Result<Json<Dashboard>, ApiError> {
    let today = danvan_store::today();
    let unit = match p.unit.filter(|u| !u.trim().is_empty()) {
        Some(u) => state.store.resolve_unit(&u, Some(today)).await?,
        None => {
            state
                .store
                .unit(&caller.user.unit_scheme, &caller.user.unit_code)
                .await?
        }
    };
    Ok(Json(state.store.dashboard(&caller.actor, &unit, today).await?))
}
