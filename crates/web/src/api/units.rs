use super::ApiQuery;
use super::{ApiJson, List};
use crate::auth::ApiCaller;
use crate::error::{ApiError, ErrorBody};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use danvan_domain::unit::{parse_date, Level, NewUnit, Succession, Unit};
use danvan_store::UnitQuery;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Filters; every one optional. Dates as YYYY-MM-DD or dd/mm/yyyy.
#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct UnitsParams {
    /// Only units valid on this date.
    at: Option<String>,
    /// province | district | commune | village
    level: Option<String>,
    /// Parent unit code (resolved at `at`), or `scheme/code`.
    parent: Option<String>,
    /// legacy | 2025 | a history scheme
    scheme: Option<String>,
    /// Name search without diacritics, e.g. "phuong ba dinh".
    q: Option<String>,
    /// `true`: only units in the caller's scope.
    mine: Option<bool>,
    limit: Option<i64>,
    offset: Option<i64>,
}

impl UnitsParams {
    fn into_query(self) -> Result<UnitQuery, ApiError> {
        Ok(UnitQuery {
            at: self
                .at
                .as_deref()
                .filter(|s| !s.is_empty())
                .map(parse_date)
                .transpose()?,
            level: self
                .level
                .as_deref()
                .filter(|s| !s.is_empty())
                .map(Level::parse)
                .transpose()?,
            parent: self.parent.filter(|s| !s.is_empty()),
            scheme: self.scheme.filter(|s| !s.is_empty()),
            q: self.q,
            in_scope_only: self.mine.unwrap_or(false),
            limit: Some(self.limit.unwrap_or(5_000)),
            offset: self.offset,
        })
    }
}

/// Administrative units, in tree order. The unit catalogue is public reference data; `mine=true`
/// narrows it to the caller's scope.
#[utoipa::path(get, path = "/api/v1/units", params(UnitsParams), security(("bearer" = [])),
    responses((status = 200, body = List<Unit>), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn list_units(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(params): ApiQuery<UnitsParams>,
) -> Result<Json<List<Unit>>, ApiError> {
    let query = params.into_query()?;
    Ok(Json(state.store.list_units(&caller.actor, &query).await?.into()))
}

#[derive(Serialize, ToSchema)]
pub struct UnitDetail {
    unit: Unit,
    ancestors: Vec<Unit>,
    children: Vec<Unit>,
}

/// One unit with its ancestors (province first) and children.
#[utoipa::path(get, path = "/api/v1/units/{scheme}/{code}", security(("bearer" = [])),
    params(("scheme" = String, Path), ("code" = String, Path)),
    responses((status = 200, body = UnitDetail), (status = 404, body = ErrorBody)))]
pub async fn get_unit(
    State(state): State<AppState>,
    _caller: ApiCaller,
    Path((scheme, code)): Path<(String, String)>,
) -> Result<Json<UnitDetail>, ApiError> {
    let unit = state.store.unit(&scheme, &code).await?;
    let ancestors = state.store.ancestors(&unit).await?;
    let children = state.store.children(&unit).await?;
    Ok(Json(UnitDetail {
        unit,
        ancestors,
        children,
    }))
}

/// The units this one went into (for a legacy commune: its 2025 commune or communes).
#[utoipa::path(get, path = "/api/v1/units/{scheme}/{code}/successors", security(("bearer" = [])),
    params(("scheme" = String, Path), ("code" = String, Path)),
    responses((status = 200, body = List<Succession>), (status = 404, body = ErrorBody)))]
pub async fn successors(
    State(state): State<AppState>,
    _caller: ApiCaller,
    Path((scheme, code)): Path<(String, String)>,
) -> Result<Json<List<Succession>>, ApiError> {
    let unit = state.store.unit(&scheme, &code).await?;
    Ok(Json(state.store.successors(&unit).await?.into()))
}

/// The units that went into this one.
#[utoipa::path(get, path = "/api/v1/units/{scheme}/{code}/predecessors", security(("bearer" = [])),
    params(("scheme" = String, Path), ("code" = String, Path)),
    responses((status = 200, body = List<Succession>), (status = 404, body = ErrorBody)))]
pub async fn predecessors(
    State(state): State<AppState>,
    _caller: ApiCaller,
    Path((scheme, code)): Path<(String, String)>,
) -> Result<Json<List<Succession>>, ApiError> {
    let unit = state.store.unit(&scheme, &code).await?;
    Ok(Json(state.store.predecessors(&unit).await?.into()))
}

/// Adds a unit: a village or residential group under a commune in the caller's scope (unit
/// admins), or an earlier unit (system admins).
#[utoipa::path(post, path = "/api/v1/units", request_body = NewUnit, security(("bearer" = [])),
    responses((status = 201, body = Unit), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn add_unit(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(new): ApiJson<NewUnit>,
) -> Result<(StatusCode, Json<Unit>), ApiError> {
    let unit = state.store.add_unit(&caller.actor, &new).await?;
    Ok((StatusCode::CREATED, Json(unit)))
}
