use super::ApiQuery;
use super::{ApiJson, List};
use crate::auth::ApiCaller;
use crate::error::{ApiError, ErrorBody};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use danvan_domain::petition::{NewPetition, Petition};
use danvan_domain::reception::{NewReception, Reception};
use danvan_domain::unit::parse_date;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReceptionParams {
    from: Option<String>,
    to: Option<String>,
}

/// Citizen reception sessions in scope, newest first.
#[utoipa::path(get, path = "/api/v1/receptions", params(ReceptionParams), security(("bearer" = [])),
    responses((status = 200, body = List<Reception>), (status = 400, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<ReceptionParams>,
) -> Result<Json<List<Reception>>, ApiError> {
    let date = |s: &Option<String>| s.as_deref().filter(|s| !s.is_empty()).map(parse_date).transpose();
    Ok(Json(
        state
            .store
            .list_receptions(&caller.actor, date(&p.from)?, date(&p.to)?)
            .await?
            .into(),
    ))
}

/// Records a reception session (tiếp công dân) with the matters raised.
#[utoipa::path(post, path = "/api/v1/receptions", request_body = NewReception, security(("bearer" = [])),
    responses((status = 201, body = Reception), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(new): ApiJson<NewReception>,
) -> Result<(StatusCode, Json<Reception>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.create_reception(&caller.actor, &new).await?),
    ))
}

/// One session with its matters.
#[utoipa::path(get, path = "/api/v1/receptions/{id}", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Reception), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<Reception>, ApiError> {
    Ok(Json(state.store.reception(&caller.actor, id).await?))
}

/// Turns a matter raised at a session into a petition (received on the day of the session).
#[utoipa::path(post, path = "/api/v1/receptions/matters/{id}/petition", params(("id" = i64, Path)), request_body = NewPetition,
    security(("bearer" = [])),
    responses((status = 201, body = Petition), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn to_petition(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    ApiJson(new): ApiJson<NewPetition>,
) -> Result<(StatusCode, Json<Petition>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.matter_to_petition(&caller.actor, id, &new).await?),
    ))
}
