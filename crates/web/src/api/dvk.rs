//! "Dân vận khéo" models over JSON: registration, steps, lists, statistics, the admin's finer
//! fields, and the public showcase (no sign-in).

use super::records::{nonempty, opt_date, StatsParams};
use super::ApiQuery;
use super::{ApiJson, List};
use crate::auth::ApiCaller;
use crate::error::{ApiError, ErrorBody};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use danvan_domain::dvk::{
    DvkField, DvkModel, DvkPage, DvkStage, DvkStats, DvkStep, DvkSubField, Holder, NewDvkModel, ShowcaseModel,
};
use danvan_store::DvkQuery;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct DvkParams {
    /// This unit and those below it: `scheme/code`
    unit: Option<String>,
    year: Option<i32>,
    /// economy | culture_society | defence_security | political_system
    field: Option<String>,
    /// collective | individual
    holder: Option<String>,
    /// registered | appraised | recognised | proposed | commended | replicated
    stage: Option<String>,
    /// Only recognised models and further
    recognised: Option<bool>,
    /// Words of the name, owner, organisation or description; diacritics optional
    q: Option<String>,
    /// Registered on or after
    from: Option<String>,
    to: Option<String>,
    /// `newest` (default) or `oldest`, by the list's date
    sort: Option<String>,
    after: Option<String>,
    limit: Option<i64>,
}

impl DvkParams {
    pub fn into_query(self) -> Result<DvkQuery, ApiError> {
        Ok(DvkQuery {
            unit: nonempty(self.unit),
            year: self.year,
            field: nonempty(self.field).as_deref().map(DvkField::parse).transpose()?,
            holder: nonempty(self.holder).as_deref().map(Holder::parse).transpose()?,
            stage: nonempty(self.stage).as_deref().map(DvkStage::parse).transpose()?,
            recognised: self.recognised.unwrap_or(false),
            q: nonempty(self.q),
            from: opt_date(&self.from)?,
            to: opt_date(&self.to)?,
            sort: danvan_store::ListOrder::parse(self.sort.as_deref().unwrap_or(""))?,
            after: nonempty(self.after),
            limit: self.limit,
        })
    }
}

/// Models in scope, newest registration first, a page at a time.
#[utoipa::path(get, path = "/api/v1/dvk/models", params(DvkParams), security(("bearer" = [])),
    responses((status = 200, body = DvkPage), (status = 400, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<DvkParams>,
) -> Result<Json<DvkPage>, ApiError> {
    Ok(Json(
        state.store.list_dvk_models(&caller.actor, &p.into_query()?).await?,
    ))
}

/// Registers a model or exemplar for a year.
#[utoipa::path(post, path = "/api/v1/dvk/models", request_body = NewDvkModel, security(("bearer" = [])),
    responses((status = 201, body = DvkModel), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(new): ApiJson<NewDvkModel>,
) -> Result<(StatusCode, Json<DvkModel>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.create_dvk_model(&caller.actor, &new).await?),
    ))
}

/// One model with its replications and dated history.
#[utoipa::path(get, path = "/api/v1/dvk/models/{id}", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = DvkModel), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<DvkModel>, ApiError> {
    Ok(Json(state.store.dvk_model(&caller.actor, id).await?))
}

/// A step: appraise (score/opinion), recognise (level), propose (form), commend (decision
/// number), replicate (units), revert (to, reason; from commended only an admin with
/// `"override": true`, else `override_required`).
#[utoipa::path(post, path = "/api/v1/dvk/models/{id}/step", params(("id" = i64, Path)), request_body = DvkStep,
    security(("bearer" = [])),
    responses((status = 200, body = DvkModel), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn step(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    ApiJson(step): ApiJson<DvkStep>,
) -> Result<Json<DvkModel>, ApiError> {
    Ok(Json(state.store.step_dvk_model(&caller.actor, id, &step).await?))
}

/// Models registered, appraised, recognised, proposed, commended and replicated in a period,
/// by field, level and collective/individual.
#[utoipa::path(get, path = "/api/v1/dvk/models/stats", params(StatsParams), security(("bearer" = [])),
    responses((status = 200, body = DvkStats), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn stats(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<StatsParams>,
) -> Result<Json<DvkStats>, ApiError> {
    let (unit, from, to) = p.resolve(&caller)?;
    Ok(Json(state.store.dvk_stats(&caller.actor, &unit, from, to).await?))
}

/// The finer fields under the four.
#[utoipa::path(get, path = "/api/v1/dvk/sub-fields", security(("bearer" = [])),
    responses((status = 200, body = List<DvkSubField>)))]
pub async fn sub_fields(
    State(state): State<AppState>,
    _caller: ApiCaller,
) -> Result<Json<List<DvkSubField>>, ApiError> {
    Ok(Json(state.store.dvk_sub_fields().await?.into()))
}

/// Adds or renames a finer field (administrators).
#[utoipa::path(post, path = "/api/v1/dvk/sub-fields", request_body = DvkSubField, security(("bearer" = [])),
    responses((status = 200, body = DvkSubField), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn put_sub_field(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(sub): ApiJson<DvkSubField>,
) -> Result<Json<DvkSubField>, ApiError> {
    Ok(Json(state.store.put_dvk_sub_field(&caller.actor, &sub).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ShowcaseParams {
    /// Only this unit's subtree: `scheme/code`
    unit: Option<String>,
    field: Option<String>,
}

/// Public: recognised models, newest recognition first (no scores, opinions or files).
#[utoipa::path(get, path = "/api/v1/dvk/showcase", params(ShowcaseParams),
    responses((status = 200, body = List<ShowcaseModel>), (status = 400, body = ErrorBody)))]
pub async fn showcase(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<ShowcaseParams>,
) -> Result<Json<List<ShowcaseModel>>, ApiError> {
    let field = nonempty(p.field).as_deref().map(DvkField::parse).transpose()?;
    let unit = nonempty(p.unit);
    Ok(Json(
        state.store.dvk_showcase(unit.as_deref(), field, 200).await?.into(),
    ))
}
