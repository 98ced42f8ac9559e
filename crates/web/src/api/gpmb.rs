//! Land-clearance (GPMB) projects over JSON: households and their states, the mobilization
//! log, links to dialogues and petitions, progress over time, and the statistics.

use super::democracy::{opt_date, Filters, Paging, Period};
use super::ApiQuery;
use super::{ApiJson, List, Paged};
use crate::auth::ApiCaller;
use crate::error::{ApiError, ErrorBody};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use danvan_domain::gpmb::{
    GpmbStats, Household, HouseholdChange, Mobilization, NewHousehold, NewMobilization, NewProject, ProcedureSteps,
    ProgressPoint, Project,
};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/gpmb/projects", get(list).post(create))
        .route("/api/v1/gpmb/stats", get(stats))
        .route("/api/v1/gpmb/projects/{id}", get(get_one))
        .route("/api/v1/gpmb/projects/{id}/procedure", put(set_procedure))
        .route(
            "/api/v1/gpmb/projects/{id}/households",
            get(households).post(add_households),
        )
        .route("/api/v1/gpmb/projects/{id}/progress", get(progress))
        .route(
            "/api/v1/gpmb/projects/{id}/mobilizations",
            get(mobilizations).post(mobilize),
        )
        .route("/api/v1/gpmb/projects/{id}/meetings", post(link_meeting))
        .route("/api/v1/gpmb/projects/{id}/petitions", post(link_petition))
        .route("/api/v1/gpmb/households/{id}/state", post(change_state))
}

/// Projects in scope (led in the unit's subtree, or crossing a unit in scope), by name; `q`
/// searches the name, scale and investor.
#[utoipa::path(get, path = "/api/v1/gpmb/projects", params(Filters, Paging), security(("bearer" = [])),
    responses((status = 200, body = Paged<Project>), (status = 400, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(f): ApiQuery<Filters>,
    ApiQuery(paging): ApiQuery<Paging>,
) -> Result<Json<Paged<Project>>, ApiError> {
    let query = f.project_query(&paging);
    Ok(Json(
        state.store.list_gpmb_projects(&caller.actor, &query).await?.into(),
    ))
}

/// Records a project with the units it crosses, its scale and milestones, and the recovery
/// procedure steps known so far (`procedure`, checked as in `PUT …/procedure`).
#[utoipa::path(post, path = "/api/v1/gpmb/projects", request_body = NewProject, security(("bearer" = [])),
    responses((status = 201, body = Project), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(new): ApiJson<NewProject>,
) -> Result<(StatusCode, Json<Project>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.create_gpmb_project(&caller.actor, &new).await?),
    ))
}

/// Records the land type and the dates of the recovery procedure steps (replacing those recorded
/// before). The project comes back with `procedure_warnings`: a notice of land recovery short of
/// 60 / 120 days before the recovery decision, a notice older than 12 months, a compensation plan
/// posted under 10 days, a dialogue later than 30 days after the consultation (periods from the
/// rule version in force, `procedure_periods.json`). A posting that ends before it starts is
/// `posting_ends_before_start`; a recovery decision before its notice or a dialogue before the
/// consultation is `dates_out_of_order`; nothing is written then.
#[utoipa::path(put, path = "/api/v1/gpmb/projects/{id}/procedure", params(("id" = i64, Path)), request_body = ProcedureSteps,
    security(("bearer" = [])),
    responses((status = 200, body = Project), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn set_procedure(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    ApiJson(steps): ApiJson<ProcedureSteps>,
) -> Result<Json<Project>, ApiError> {
    Ok(Json(state.store.set_gpmb_procedure(&caller.actor, id, &steps).await?))
}

/// One project with its progress computed from the households, and its links.
#[utoipa::path(get, path = "/api/v1/gpmb/projects/{id}", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Project), (status = 404, body = ErrorBody)))]
pub async fn get_one(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<Project>, ApiError> {
    Ok(Json(state.store.gpmb_project(&caller.actor, id).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HouseholdParams {
    /// Only households that have not handed over
    #[serde(default)]
    outstanding: bool,
}

/// The project's households, obstructing first; `outstanding=true` leaves out those that
/// handed over.
#[utoipa::path(get, path = "/api/v1/gpmb/projects/{id}/households", params(("id" = i64, Path), HouseholdParams),
    security(("bearer" = [])), responses((status = 200, body = List<Household>), (status = 404, body = ErrorBody)))]
pub async fn households(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    ApiQuery(p): ApiQuery<HouseholdParams>,
) -> Result<Json<List<Household>>, ApiError> {
    Ok(Json(
        state
            .store
            .gpmb_households(&caller.actor, id, p.outstanding)
            .await?
            .into(),
    ))
}

/// Adds affected households (all or none).
#[utoipa::path(post, path = "/api/v1/gpmb/projects/{id}/households", params(("id" = i64, Path)),
    request_body = Vec<NewHousehold>, security(("bearer" = [])),
    responses((status = 201, body = List<Household>), (status = 400, body = ErrorBody)))]
pub async fn add_households(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    ApiJson(new): ApiJson<Vec<NewHousehold>>,
) -> Result<(StatusCode, Json<List<Household>>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.add_gpmb_households(&caller.actor, id, &new).await?.into()),
    ))
}

/// Changes a household's state: agreed, handed over, obstructing (with its reason).
#[utoipa::path(post, path = "/api/v1/gpmb/households/{id}/state", params(("id" = i64, Path)),
    request_body = HouseholdChange, security(("bearer" = [])),
    responses((status = 200, body = Household), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn change_state(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    ApiJson(c): ApiJson<HouseholdChange>,
) -> Result<Json<Household>, ApiError> {
    Ok(Json(state.store.change_gpmb_household(&caller.actor, id, &c).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProgressParams {
    /// Last day of the series (default today)
    to: Option<String>,
}

/// Progress at each month end, from the households' dated history.
#[utoipa::path(get, path = "/api/v1/gpmb/projects/{id}/progress", params(("id" = i64, Path), ProgressParams),
    security(("bearer" = [])), responses((status = 200, body = List<ProgressPoint>), (status = 404, body = ErrorBody)))]
pub async fn progress(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    ApiQuery(p): ApiQuery<ProgressParams>,
) -> Result<Json<List<ProgressPoint>>, ApiError> {
    Ok(Json(
        state
            .store
            .gpmb_progress(&caller.actor, id, opt_date(&p.to)?)
            .await?
            .into(),
    ))
}

/// The mobilization log, newest first.
#[utoipa::path(get, path = "/api/v1/gpmb/projects/{id}/mobilizations", params(("id" = i64, Path)),
    security(("bearer" = [])), responses((status = 200, body = List<Mobilization>), (status = 404, body = ErrorBody)))]
pub async fn mobilizations(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<List<Mobilization>>, ApiError> {
    Ok(Json(state.store.gpmb_mobilizations(&caller.actor, id).await?.into()))
}

/// Records a mobilization visit (and the household's new state when it changed).
#[utoipa::path(post, path = "/api/v1/gpmb/projects/{id}/mobilizations", params(("id" = i64, Path)),
    request_body = NewMobilization, security(("bearer" = [])),
    responses((status = 201, body = Mobilization), (status = 400, body = ErrorBody)))]
pub async fn mobilize(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    ApiJson(m): ApiJson<NewMobilization>,
) -> Result<(StatusCode, Json<Mobilization>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.add_gpmb_mobilization(&caller.actor, id, &m).await?),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct MeetingLink {
    meeting_id: i64,
}

#[derive(Deserialize, ToSchema)]
pub struct PetitionLink {
    code: String,
}

/// Links a dialogue to the project.
#[utoipa::path(post, path = "/api/v1/gpmb/projects/{id}/meetings", params(("id" = i64, Path)), request_body = MeetingLink,
    security(("bearer" = [])), responses((status = 200, body = Project), (status = 404, body = ErrorBody)))]
pub async fn link_meeting(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    ApiJson(l): ApiJson<MeetingLink>,
) -> Result<Json<Project>, ApiError> {
    Ok(Json(
        state.store.link_gpmb_meeting(&caller.actor, id, l.meeting_id).await?,
    ))
}

/// Links a petition to the project.
#[utoipa::path(post, path = "/api/v1/gpmb/projects/{id}/petitions", params(("id" = i64, Path)), request_body = PetitionLink,
    security(("bearer" = [])), responses((status = 200, body = Project), (status = 404, body = ErrorBody)))]
pub async fn link_petition(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    ApiJson(l): ApiJson<PetitionLink>,
) -> Result<Json<Project>, ApiError> {
    Ok(Json(state.store.link_gpmb_petition(&caller.actor, id, &l.code).await?))
}

/// GPMB figures for the reports: households as they stood at the end of the period.
#[utoipa::path(get, path = "/api/v1/gpmb/stats", params(Period), security(("bearer" = [])),
    responses((status = 200, body = GpmbStats), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn stats(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<Period>,
) -> Result<Json<GpmbStats>, ApiError> {
    let (from, to) = p.dates()?;
    Ok(Json(
        state
            .store
            .gpmb_stats(&caller.actor, &p.unit(&caller), from, to)
            .await?,
    ))
}
