use super::ApiJson;
use crate::auth::{ApiCaller, ClientAddr};
use crate::error::{ApiError, ErrorBody};
use crate::AppState;
use axum::extract::State;
use axum::Json;
use danvan_domain::user::User;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
pub struct TokenRequest {
    username: String,
    password: String,
}

#[derive(Serialize, ToSchema)]
pub struct TokenResponse {
    token: String,
    token_type: &'static str,
    expires_at: String,
}

/// Exchanges a username and password for a bearer token. Repeated failures lock the account.
#[utoipa::path(post, path = "/api/v1/auth/token", request_body = TokenRequest,
    responses((status = 200, body = TokenResponse), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn issue_token(
    State(state): State<AppState>,
    ClientAddr(source): ClientAddr,
    ApiJson(req): ApiJson<TokenRequest>,
) -> Result<Json<TokenResponse>, ApiError> {
    let user = state
        .store
        .authenticate(req.username.trim(), &req.password, &source)
        .await?;
    let (token, expires_at) = state.store.create_api_token(&user).await?;
    Ok(Json(TokenResponse {
        token,
        token_type: "Bearer",
        expires_at,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct Me {
    user: User,
    /// Unit path prefixes the caller may act on; empty with `everything` for a system admin.
    scope: Vec<String>,
    everything: bool,
}

/// The caller, their unit and scope.
#[utoipa::path(get, path = "/api/v1/me", security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)))]
pub async fn me(caller: ApiCaller) -> Json<Me> {
    Json(Me {
        scope: caller.actor.scope.prefixes().to_vec(),
        everything: caller.actor.scope.is_everything(),
        user: caller.user,
    })
}
