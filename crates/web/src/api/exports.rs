//! The record lists as files over the API: `GET /api/v1/{list}/export?format=csv|xlsx&…` with
//! the list's own filters (every row they pick, not one page), as the staff pages' export links
//! and `crate::export` build them. The petitions' and meetings' exports sit with their lists.

use super::directives::DirectiveParams;
use super::dvk::DvkParams;
use super::list_params::{Filters, Paging};
use super::meetings::ItemParams;
use super::movements::TaskParams;
use super::petitions::ExportParams;
use super::situation::IssueParams;
use super::ApiQuery;
use crate::auth::ApiCaller;
use crate::error::{ApiError, ErrorBody};
use crate::export;
use crate::AppState;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use utoipa::OpenApi;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/receptions/export", get(receptions))
        .route("/api/v1/movements/export", get(movements))
        .route("/api/v1/resident-decisions/export", get(resident_decisions))
        .route("/api/v1/supervisions/export", get(supervisions))
        .route("/api/v1/contributions/export", get(contributions))
        .route("/api/v1/disclosures/export", get(disclosures))
        .route("/api/v1/gpmb/projects/export", get(gpmb_projects))
        .route("/api/v1/directives/export", get(directives))
        .route("/api/v1/dvk/models/export", get(dvk_models))
        .route("/api/v1/ordered-tasks/export", get(ordered_tasks))
        .route("/api/v1/items/export", get(items))
        .route("/api/v1/issues/export", get(issues))
        .route("/api/v1/houses/export", get(houses))
        .route("/api/v1/new-rural/export", get(rural_contributions))
        .route("/api/v1/situation-reports/export", get(situation_reports))
        .route("/api/v1/consultations/export", get(consultations))
}

#[derive(OpenApi)]
#[openapi(paths(
    receptions,
    movements,
    resident_decisions,
    supervisions,
    contributions,
    disclosures,
    gpmb_projects,
    directives,
    dvk_models,
    ordered_tasks,
    items,
    issues,
    houses,
    rural_contributions,
    situation_reports,
    consultations
))]
pub struct ExportsDoc;

/// Adds [`ExportsDoc`]'s paths to the API document.
pub struct Exports;

impl utoipa::Modify for Exports {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        openapi.merge(ExportsDoc::openapi());
    }
}

/// Every row, not a page: the filters without the cursor.
fn whole() -> Paging {
    Paging::default()
}

/// Reception sessions, the list's filters, as CSV or XLSX.
#[utoipa::path(get, path = "/api/v1/receptions/export", params(ExportParams, Filters), security(("bearer" = [])),
    responses((status = 200, description = "The file"), (status = 400, body = ErrorBody)))]
pub async fn receptions(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(file): ApiQuery<ExportParams>,
    ApiQuery(f): ApiQuery<Filters>,
) -> Result<Response, ApiError> {
    let format = export::parse_format(&file.format)?;
    export::receptions(&state, &caller.actor, &f.record_query(&whole())?, format).await
}

/// Movements and campaigns running in the range, as CSV or XLSX.
#[utoipa::path(get, path = "/api/v1/movements/export", params(ExportParams, Filters), security(("bearer" = [])),
    responses((status = 200, description = "The file"), (status = 400, body = ErrorBody)))]
pub async fn movements(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(file): ApiQuery<ExportParams>,
    ApiQuery(f): ApiQuery<Filters>,
) -> Result<Response, ApiError> {
    let format = export::parse_format(&file.format)?;
    export::movements(&state, &caller.actor, &f.record_query(&whole())?, format).await
}

/// Resident decisions (votes), as CSV or XLSX.
#[utoipa::path(get, path = "/api/v1/resident-decisions/export", params(ExportParams, Filters), security(("bearer" = [])),
    responses((status = 200, description = "The file"), (status = 400, body = ErrorBody)))]
pub async fn resident_decisions(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(file): ApiQuery<ExportParams>,
    ApiQuery(f): ApiQuery<Filters>,
) -> Result<Response, ApiError> {
    let format = export::parse_format(&file.format)?;
    export::resident_decisions(&state, &caller.actor, &f.record_query(&whole())?, format).await
}

/// Supervisions, as CSV or XLSX.
#[utoipa::path(get, path = "/api/v1/supervisions/export", params(ExportParams, Filters), security(("bearer" = [])),
    responses((status = 200, description = "The file"), (status = 400, body = ErrorBody)))]
pub async fn supervisions(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(file): ApiQuery<ExportParams>,
    ApiQuery(f): ApiQuery<Filters>,
) -> Result<Response, ApiError> {
    let format = export::parse_format(&file.format)?;
    export::supervisions(&state, &caller.actor, &f.record_query(&whole())?, format).await
}

/// Contributions to the Party and government, as CSV or XLSX.
#[utoipa::path(get, path = "/api/v1/contributions/export", params(ExportParams, Filters), security(("bearer" = [])),
    responses((status = 200, description = "The file"), (status = 400, body = ErrorBody)))]
pub async fn contributions(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(file): ApiQuery<ExportParams>,
    ApiQuery(f): ApiQuery<Filters>,
) -> Result<Response, ApiError> {
    let format = export::parse_format(&file.format)?;
    export::contributions(&state, &caller.actor, &f.record_query(&whole())?, format).await
}

/// Disclosures (the list's filters, `item` and `gpmb_project_id` included), as CSV or XLSX.
#[utoipa::path(get, path = "/api/v1/disclosures/export", params(ExportParams, Filters), security(("bearer" = [])),
    responses((status = 200, description = "The file"), (status = 400, body = ErrorBody)))]
pub async fn disclosures(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(file): ApiQuery<ExportParams>,
    ApiQuery(f): ApiQuery<Filters>,
) -> Result<Response, ApiError> {
    let format = export::parse_format(&file.format)?;
    export::disclosures(&state, &caller.actor, &f.disclosure_query(&whole())?, format).await
}

/// GPMB projects with their progress, as CSV or XLSX.
#[utoipa::path(get, path = "/api/v1/gpmb/projects/export", params(ExportParams, Filters), security(("bearer" = [])),
    responses((status = 200, description = "The file"), (status = 400, body = ErrorBody)))]
pub async fn gpmb_projects(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(file): ApiQuery<ExportParams>,
    ApiQuery(f): ApiQuery<Filters>,
) -> Result<Response, ApiError> {
    let format = export::parse_format(&file.format)?;
    export::gpmb_projects(&state, &caller.actor, &f.project_query(&whole()), format).await
}

/// The directive register (the list's filters), as CSV or XLSX.
#[utoipa::path(get, path = "/api/v1/directives/export", params(ExportParams, DirectiveParams), security(("bearer" = [])),
    responses((status = 200, description = "The file"), (status = 400, body = ErrorBody)))]
pub async fn directives(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(file): ApiQuery<ExportParams>,
    ApiQuery(p): ApiQuery<DirectiveParams>,
) -> Result<Response, ApiError> {
    let format = export::parse_format(&file.format)?;
    export::directives(&state, &caller.actor, &p.into_query()?, format).await
}

/// "Dân vận khéo" models (the list's filters), as CSV or XLSX.
#[utoipa::path(get, path = "/api/v1/dvk/models/export", params(ExportParams, DvkParams), security(("bearer" = [])),
    responses((status = 200, description = "The file"), (status = 400, body = ErrorBody)))]
pub async fn dvk_models(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(file): ApiQuery<ExportParams>,
    ApiQuery(p): ApiQuery<DvkParams>,
) -> Result<Response, ApiError> {
    let format = export::parse_format(&file.format)?;
    export::dvk_models(&state, &caller.actor, &p.into_query()?, format).await
}

/// Ordered tasks (the list's filters), as CSV or XLSX.
#[utoipa::path(get, path = "/api/v1/ordered-tasks/export", params(ExportParams, TaskParams), security(("bearer" = [])),
    responses((status = 200, description = "The file"), (status = 400, body = ErrorBody)))]
pub async fn ordered_tasks(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(file): ApiQuery<ExportParams>,
    ApiQuery(p): ApiQuery<TaskParams>,
) -> Result<Response, ApiError> {
    let format = export::parse_format(&file.format)?;
    export::ordered_tasks(&state, &caller.actor, &p.query(whole())?, format).await
}

/// The follow-up worklist (the items awaiting an answer the filters pick), as CSV or XLSX.
#[utoipa::path(get, path = "/api/v1/items/export", params(ExportParams, ItemParams), security(("bearer" = [])),
    responses((status = 200, description = "The file"), (status = 400, body = ErrorBody)))]
pub async fn items(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(file): ApiQuery<ExportParams>,
    ApiQuery(p): ApiQuery<ItemParams>,
) -> Result<Response, ApiError> {
    let format = export::parse_format(&file.format)?;
    export::follow_up(&state, &caller.actor, &p.query()?, format).await
}

/// The register of hot, pressing and long-running issues (the list's filters), most severe
/// first, as CSV or XLSX.
#[utoipa::path(get, path = "/api/v1/issues/export", params(ExportParams, IssueParams), security(("bearer" = [])),
    responses((status = 200, description = "The file"), (status = 400, body = ErrorBody)))]
pub async fn issues(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(file): ApiQuery<ExportParams>,
    ApiQuery(p): ApiQuery<IssueParams>,
) -> Result<Response, ApiError> {
    let format = export::parse_format(&file.format)?;
    export::issues(&state, &caller.actor, &p.query()?, format).await
}

/// Houses of great solidarity handed over in the range, as CSV or XLSX.
#[utoipa::path(get, path = "/api/v1/houses/export", params(ExportParams, Filters), security(("bearer" = [])),
    responses((status = 200, description = "The file"), (status = 400, body = ErrorBody)))]
pub async fn houses(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(file): ApiQuery<ExportParams>,
    ApiQuery(f): ApiQuery<Filters>,
) -> Result<Response, ApiError> {
    let format = export::parse_format(&file.format)?;
    export::houses(&state, &caller.actor, &f.record_query(&whole())?, format).await
}

/// New-rural contributions given in the range, as CSV or XLSX.
#[utoipa::path(get, path = "/api/v1/new-rural/export", params(ExportParams, Filters), security(("bearer" = [])),
    responses((status = 200, description = "The file"), (status = 400, body = ErrorBody)))]
pub async fn rural_contributions(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(file): ApiQuery<ExportParams>,
    ApiQuery(f): ApiQuery<Filters>,
) -> Result<Response, ApiError> {
    let format = export::parse_format(&file.format)?;
    export::rural_contributions(&state, &caller.actor, &f.record_query(&whole())?, format).await
}

/// Reports on the people's situation submitted in the range, as CSV or XLSX.
#[utoipa::path(get, path = "/api/v1/situation-reports/export", params(ExportParams, Filters), security(("bearer" = [])),
    responses((status = 200, description = "The file"), (status = 400, body = ErrorBody)))]
pub async fn situation_reports(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(file): ApiQuery<ExportParams>,
    ApiQuery(f): ApiQuery<Filters>,
) -> Result<Response, ApiError> {
    let format = export::parse_format(&file.format)?;
    export::situation_reports(&state, &caller.actor, &f.record_query(&whole())?, format).await
}

/// Consultations of the residents opened in the range, as CSV or XLSX.
#[utoipa::path(get, path = "/api/v1/consultations/export", params(ExportParams, Filters), security(("bearer" = [])),
    responses((status = 200, description = "The file"), (status = 400, body = ErrorBody)))]
pub async fn consultations(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(file): ApiQuery<ExportParams>,
    ApiQuery(f): ApiQuery<Filters>,
) -> Result<Response, ApiError> {
    let format = export::parse_format(&file.format)?;
    export::consultations(&state, &caller.actor, &f.record_query(&whole())?, format).await
}
