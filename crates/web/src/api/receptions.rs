use super::list_params::{Filters, Paging};
use super::ApiQuery;
use super::{ApiJson, Paged};
use crate::auth::ApiCaller;
use crate::error::{ApiError, ErrorBody};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use danvan_domain::petition::{NewPetition, Petition};
use danvan_domain::reception::{NewReception, Reception};

/// Citizen reception sessions in scope, newest first unless `sort=oldest`, a page at a time;
/// dates bound the day held, `q` searches the receiver, position and note.
#[utoipa::path(get, path = "/api/v1/receptions", params(Filters, Paging), security(("bearer" = [])),
    responses((status = 200, body = Paged<Reception>), (status = 400, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(f): ApiQuery<Filters>,
    ApiQuery(paging): ApiQuery<Paging>,
) -> Result<Json<Paged<Reception>>, ApiError> {
    let query = f.record_query(&paging)?;
    Ok(Json(state.store.list_receptions(&caller.actor, &query).await?.into()))
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
