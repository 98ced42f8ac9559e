//! The people's situation over JSON: situation reports, the issue register sorted by severity
//! and age, steps and escalation, and the statistics.

use super::democracy::{nonempty, Filters, Paging, Period};
use super::ApiQuery;
use super::{ApiJson, List, Paged};
use crate::auth::ApiCaller;
use crate::error::{ApiError, ErrorBody};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use danvan_domain::situation::{
    Issue, IssueKind, IssueStatus, IssueStep, NewIssue, NewSituationReport, SituationReport, SituationStats,
};
use danvan_store::IssueQuery;
use serde::Deserialize;
use utoipa::IntoParams;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/situation-reports", get(list_reports).post(create_report))
        .route("/api/v1/situation/stats", get(stats))
        .route("/api/v1/issues", get(list).post(create))
        .route("/api/v1/issues/{id}", get(get_one))
        .route("/api/v1/issues/{id}/step", post(step))
}

/// Reports on the people's situation in scope, newest first unless `sort=oldest`, a page at a
/// time; dates bound the day submitted, `q` searches the summary and the issues raised.
#[utoipa::path(get, path = "/api/v1/situation-reports", params(Filters, Paging), security(("bearer" = [])),
    responses((status = 200, body = Paged<SituationReport>), (status = 400, body = ErrorBody)))]
pub async fn list_reports(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(f): ApiQuery<Filters>,
    ApiQuery(paging): ApiQuery<Paging>,
) -> Result<Json<Paged<SituationReport>>, ApiError> {
    let query = f.record_query(&paging)?;
    Ok(Json(
        state.store.list_situation_reports(&caller.actor, &query).await?.into(),
    ))
}

/// Records a periodic situation report of a residential group or commune.
#[utoipa::path(post, path = "/api/v1/situation-reports", request_body = NewSituationReport, security(("bearer" = [])),
    responses((status = 201, body = SituationReport), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create_report(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(new): ApiJson<NewSituationReport>,
) -> Result<(StatusCode, Json<SituationReport>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.create_situation_report(&caller.actor, &new).await?),
    ))
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct IssueParams {
    unit: Option<String>,
    /// hot | pressing | long_running
    kind: Option<String>,
    /// following | handling | resolved
    status: Option<String>,
    /// Only unresolved issues
    #[serde(default)]
    open: bool,
    /// Words of the title, description or place, with or without diacritics
    q: Option<String>,
}

impl IssueParams {
    pub(crate) fn query(&self) -> Result<IssueQuery, ApiError> {
        Ok(IssueQuery {
            unit: nonempty(&self.unit),
            kind: nonempty(&self.kind).as_deref().map(IssueKind::parse).transpose()?,
            status: nonempty(&self.status).as_deref().map(IssueStatus::parse).transpose()?,
            open_only: self.open,
            q: nonempty(&self.q),
            limit: None,
        })
    }
}

/// The register of hot, pressing and long-running issues: the most severe first, then the
/// oldest.
#[utoipa::path(get, path = "/api/v1/issues", params(IssueParams), security(("bearer" = [])),
    responses((status = 200, body = List<Issue>), (status = 400, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<IssueParams>,
) -> Result<Json<List<Issue>>, ApiError> {
    Ok(Json(state.store.list_issues(&caller.actor, &p.query()?).await?.into()))
}

/// Registers an issue with its severity, place, people affected, follower and links.
#[utoipa::path(post, path = "/api/v1/issues", request_body = NewIssue, security(("bearer" = [])),
    responses((status = 201, body = Issue), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(new): ApiJson<NewIssue>,
) -> Result<(StatusCode, Json<Issue>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.create_issue(&caller.actor, &new).await?),
    ))
}

#[utoipa::path(get, path = "/api/v1/issues/{id}", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Issue), (status = 404, body = ErrorBody)))]
pub async fn get_one(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<Issue>, ApiError> {
    Ok(Json(state.store.issue(&caller.actor, id).await?))
}

/// Moves an issue on: handle, resolve, reopen, or escalate to the level above.
#[utoipa::path(post, path = "/api/v1/issues/{id}/step", params(("id" = i64, Path)), request_body = IssueStep,
    security(("bearer" = [])),
    responses((status = 200, body = Issue), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn step(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    ApiJson(s): ApiJson<IssueStep>,
) -> Result<Json<Issue>, ApiError> {
    Ok(Json(state.store.step_issue(&caller.actor, id, &s).await?))
}

/// Situation figures for the reports.
#[utoipa::path(get, path = "/api/v1/situation/stats", params(Period), security(("bearer" = [])),
    responses((status = 200, body = SituationStats), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn stats(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<Period>,
) -> Result<Json<SituationStats>, ApiError> {
    let (from, to) = p.dates()?;
    Ok(Json(
        state
            .store
            .situation_stats(&caller.actor, &p.unit(&caller), from, to)
            .await?,
    ))
}
