use super::{ApiJson, List};
use crate::auth::ApiCaller;
use crate::error::{ApiError, ErrorBody};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use danvan_domain::role::{require, Role};
use danvan_domain::user::User;
use danvan_store::NewUser;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Users in the caller's scope.
#[utoipa::path(get, path = "/api/v1/users", security(("bearer" = [])),
    responses((status = 200, body = List<User>), (status = 401, body = ErrorBody)))]
pub async fn list_users(State(state): State<AppState>, caller: ApiCaller) -> Result<Json<List<User>>, ApiError> {
    Ok(Json(state.store.list_users(&caller.actor).await?.into()))
}

#[derive(Deserialize, ToSchema)]
pub struct NewUserBody {
    username: String,
    display_name: Option<String>,
    password: String,
    role: Role,
    /// `scheme/code` or a code valid today
    unit: String,
    organisation_id: Option<i64>,
}

/// Creates a user in the caller's scope (admins; only a system admin makes system admins).
#[utoipa::path(post, path = "/api/v1/users", request_body = NewUserBody, security(("bearer" = [])),
    responses((status = 201, body = User), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create_user(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(body): ApiJson<NewUserBody>,
) -> Result<(StatusCode, Json<User>), ApiError> {
    let new = NewUser {
        username: body.username,
        display_name: body.display_name.unwrap_or_default(),
        password: body.password,
        role: body.role,
        unit: body.unit,
        organisation_id: body.organisation_id,
    };
    let user = state.store.create_user(&caller.actor, &new).await?;
    Ok((StatusCode::CREATED, Json(user)))
}

/// Disables a user in the caller's scope and ends their sessions and tokens.
#[utoipa::path(post, path = "/api/v1/users/{username}/disable", security(("bearer" = [])),
    params(("username" = String, Path)),
    responses((status = 200, body = User), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn disable_user(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(username): Path<String>,
) -> Result<Json<User>, ApiError> {
    Ok(Json(state.store.disable_user(&caller.actor, &username).await?))
}

#[derive(Serialize, ToSchema)]
pub struct AuditVerify {
    ok: bool,
    checked: i64,
    broken_at: Option<i64>,
    reason: Option<String>,
}

/// Recomputes the audit log's hash chain (system admins).
#[utoipa::path(get, path = "/api/v1/audit/verify", security(("bearer" = [])),
    responses((status = 200, body = AuditVerify), (status = 403, body = ErrorBody)))]
pub async fn verify_audit(State(state): State<AppState>, caller: ApiCaller) -> Result<Json<AuditVerify>, ApiError> {
    require(caller.actor.role == Role::SystemAdmin, "kiểm tra nhật ký hệ thống")?;
    let r = state.store.verify_audit().await?;
    Ok(Json(AuditVerify {
        ok: r.broken_at.is_none(),
        checked: r.checked,
        broken_at: r.broken_at,
        reason: r.reason,
    }))
}
