use super::ApiQuery;
use super::{ApiJson, List};
use crate::auth::ApiCaller;
use crate::error::{ApiError, ErrorBody};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use danvan_domain::figures::Rounding;
use danvan_domain::petition::{
    DuplicateCandidate, Event, NewPetition, Petition, PetitionKind, PetitionPage, PetitionStats, Status, Step,
};
use danvan_domain::unit::parse_date;
use danvan_store::PetitionQuery;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

/// Filters; every one optional. Dates as YYYY-MM-DD or dd/mm/yyyy; they bound the received date.
#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct PetitionParams {
    /// complaint | denunciation | feedback | other
    kind: Option<String>,
    status: Option<String>,
    topic: Option<String>,
    /// This unit and those below it: `scheme/code`
    unit: Option<String>,
    from: Option<String>,
    to: Option<String>,
    /// `true`: only open cases past their deadline
    overdue: Option<bool>,
    /// `true`: only open cases
    open: Option<bool>,
    /// Only open cases due within this many days
    due_within_days: Option<i64>,
    /// Full-text search without diacritics, e.g. "giai phong mat bang"
    q: Option<String>,
    /// The `next` value of the previous page (made with the same `sort`)
    after: Option<String>,
    limit: Option<i64>,
    /// `newest` (default) | `oldest` | `due` (nearest deadline first); a search is by relevance
    sort: Option<String>,
}

fn opt_date(s: &Option<String>) -> Result<Option<chrono::NaiveDate>, ApiError> {
    Ok(s.as_deref().filter(|s| !s.is_empty()).map(parse_date).transpose()?)
}

impl PetitionParams {
    pub fn into_query(self) -> Result<PetitionQuery, ApiError> {
        let nonempty = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
        Ok(PetitionQuery {
            kind: nonempty(self.kind).as_deref().map(PetitionKind::parse).transpose()?,
            status: nonempty(self.status).as_deref().map(Status::parse).transpose()?,
            topic: nonempty(self.topic),
            unit: nonempty(self.unit),
            from: opt_date(&self.from)?,
            to: opt_date(&self.to)?,
            overdue: self.overdue.unwrap_or(false),
            open: self.open.unwrap_or(false),
            due_within_days: self.due_within_days,
            q: nonempty(self.q),
            after: nonempty(self.after),
            limit: self.limit,
            today: None,
            sort: danvan_store::PetitionSort::parse(self.sort.as_deref().unwrap_or(""))?,
        })
    }
}

/// Petitions in the caller's scope, newest first (ranked by relevance when searching).
#[utoipa::path(get, path = "/api/v1/petitions", params(PetitionParams), security(("bearer" = [])),
    responses((status = 200, body = PetitionPage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(params): ApiQuery<PetitionParams>,
) -> Result<Json<PetitionPage>, ApiError> {
    Ok(Json(
        state.store.list_petitions(&caller.actor, &params.into_query()?).await?,
    ))
}

/// The format of an export.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// `csv` (UTF-8 with BOM, dates dd/mm/yyyy) or `xlsx` (real dates and numbers)
    pub format: String,
}

/// Every petition the filters pick (the same filters as the list), as CSV or XLSX. A
/// denouncer's identity is redacted as in the list; the export is audited.
#[utoipa::path(get, path = "/api/v1/petitions/export", params(ExportParams, PetitionParams), security(("bearer" = [])),
    responses((status = 200, description = "The file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn export(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(format): ApiQuery<ExportParams>,
    ApiQuery(params): ApiQuery<PetitionParams>,
) -> Result<axum::response::Response, ApiError> {
    let format = crate::export::parse_format(&format.format)?;
    crate::export::petitions(&state, &caller.actor, &params.into_query()?, format).await
}

/// Records a petition; the processing deadline follows the rule in force on the received date.
/// With an `Idempotency-Key` header, a repeat of the same request returns the petition the
/// first one recorded (200) instead of recording it twice.
#[utoipa::path(post, path = "/api/v1/petitions", request_body = NewPetition, security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Any unique string per intended petition")),
    responses((status = 201, body = Petition), (status = 200, description = "Repeat of an earlier request with the same key", body = Petition),
        (status = 409, description = "request_in_progress", body = ErrorBody), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    headers: axum::http::HeaderMap,
    ApiJson(new): ApiJson<NewPetition>,
) -> Result<(StatusCode, Json<Petition>), ApiError> {
    let key = headers
        .get(crate::idempotency::HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if key.is_empty() {
        // The common path stays one write: no key, nothing to remember.
        let created = state.store.create_petition(&caller.actor, &new).await?;
        return Ok((StatusCode::CREATED, Json(created)));
    }
    let create = async { Ok(state.store.create_petition(&caller.actor, &new).await?.code) };
    match crate::idempotency::run_once(&state, caller.actor.user_id, key, create).await? {
        crate::idempotency::Ran::Now(code) => Ok((
            StatusCode::CREATED,
            Json(state.store.petition(&caller.actor, &code).await?),
        )),
        crate::idempotency::Ran::Before(code) => {
            Ok((StatusCode::OK, Json(state.store.petition(&caller.actor, &code).await?)))
        }
    }
}

/// One petition; a denouncer's identity is redacted unless the caller handles the case or leads its unit.
#[utoipa::path(get, path = "/api/v1/petitions/{code}", params(("code" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Petition), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(code): Path<String>,
) -> Result<Json<Petition>, ApiError> {
    Ok(Json(state.store.petition(&caller.actor, &code).await?))
}

/// The case timeline.
#[utoipa::path(get, path = "/api/v1/petitions/{code}/events", params(("code" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = List<Event>), (status = 404, body = ErrorBody)))]
pub async fn events(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(code): Path<String>,
) -> Result<Json<List<Event>>, ApiError> {
    Ok(Json(state.store.petition_events(&caller.actor, &code).await?.into()))
}

/// One workflow step (accept, forward, assign, extend, resolve, …). A step not allowed from the
/// current state is refused with `invalid_transition`.
#[utoipa::path(post, path = "/api/v1/petitions/{code}/steps", params(("code" = String, Path)), request_body = Step, security(("bearer" = [])),
    responses((status = 200, body = Petition), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn step(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(code): Path<String>,
    ApiJson(step): ApiJson<Step>,
) -> Result<Json<Petition>, ApiError> {
    Ok(Json(state.store.advance_petition(&caller.actor, &code, &step).await?))
}

/// Likely duplicates in scope, with why each matched.
#[utoipa::path(get, path = "/api/v1/petitions/{code}/duplicates", params(("code" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = List<DuplicateCandidate>), (status = 404, body = ErrorBody)))]
pub async fn duplicates(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(code): Path<String>,
) -> Result<Json<List<DuplicateCandidate>>, ApiError> {
    Ok(Json(state.store.find_duplicates(&caller.actor, &code).await?.into()))
}

#[derive(Deserialize, ToSchema)]
pub struct DuplicateOf {
    /// Code of the original petition
    of: String,
}

/// Links a petition as a duplicate (đơn trùng) of another: it then counts once.
#[utoipa::path(post, path = "/api/v1/petitions/{code}/duplicate-of", params(("code" = String, Path)), request_body = DuplicateOf, security(("bearer" = [])),
    responses((status = 200, body = Petition), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn duplicate_of(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(code): Path<String>,
    ApiJson(body): ApiJson<DuplicateOf>,
) -> Result<Json<Petition>, ApiError> {
    Ok(Json(state.store.mark_duplicate(&caller.actor, &code, &body.of).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsParams {
    /// `scheme/code`; default the caller's unit
    unit: Option<String>,
    from: String,
    to: String,
    /// truncate (default: 98,75…% → 98,7%) | half_up
    rounding: Option<Rounding>,
}

/// Petition figures for a unit subtree and a period of received dates.
#[utoipa::path(get, path = "/api/v1/petitions/stats", params(StatsParams), security(("bearer" = [])),
    responses((status = 200, body = PetitionStats), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn stats(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<StatsParams>,
) -> Result<Json<PetitionStats>, ApiError> {
    let unit = p
        .unit
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| format!("{}/{}", caller.user.unit_scheme, caller.user.unit_code));
    let (from, to) = (parse_date(&p.from)?, parse_date(&p.to)?);
    Ok(Json(
        state
            .store
            .petition_stats(&caller.actor, &unit, from, to, p.rounding.unwrap_or_default())
            .await?,
    ))
}
