//! Who is calling: a bearer token for the API, a session cookie for pages. Both end in the same
//! `Actor` the store filters by.

use crate::error::ApiError;
use crate::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use danvan_domain::scope::Actor;
use danvan_domain::user::User;
use danvan_domain::ErrorCode;
use std::net::SocketAddr;

pub const SESSION_COOKIE: &str = "danvan_session";
pub const LOGIN_CSRF_COOKIE: &str = "danvan_login_csrf";

/// The client's address as the audit log records it.
pub fn client_addr(parts: &Parts) -> String {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// An API caller authenticated by `Authorization: Bearer <token>`.
pub struct ApiCaller {
    pub user: User,
    pub actor: Actor,
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or_else(|| ApiError::new(ErrorCode::Unauthorized, ""))?;
        let user = state
            .store
            .api_token_user(token)
            .await?
            .ok_or_else(|| ApiError::new(ErrorCode::Unauthorized, ""))?;
        let actor = state.store.actor_for(&user, &client_addr(parts)).await?;
        Ok(ApiCaller { user, actor })
    }
}

/// A signed-in page visitor, with the CSRF token their forms must carry.
pub struct SessionCaller {
    pub user: User,
    pub actor: Actor,
    pub csrf: String,
    pub token: String,
}

/// Looks up the session cookie; None for a visitor who is not signed in.
pub async fn session_caller(parts: &Parts, state: &AppState) -> Result<Option<SessionCaller>, ApiError> {
    let jar = CookieJar::from_headers(&parts.headers);
    let Some(token) = jar.get(SESSION_COOKIE).map(|c| c.value().to_string()) else {
        return Ok(None);
    };
    let Some((user, csrf)) = state.store.session(&token).await? else {
        return Ok(None);
    };
    let actor = state.store.actor_for(&user, &client_addr(parts)).await?;
    Ok(Some(SessionCaller {
        user,
        actor,
        csrf,
        token,
    }))
}

/// Constant-time comparison for CSRF tokens.
pub fn tokens_match(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether cookies should carry `Secure`: configured, or the request came over HTTPS.
pub fn wants_secure_cookies(parts: &Parts, state: &AppState) -> bool {
    state.config.secure_cookies
        || parts.headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()) == Some("https")
        || parts.uri.scheme_str() == Some("https")
}

/// The client address, for the audit log.
pub struct ClientAddr(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(client_addr(parts)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csrf_tokens_compare_exactly() {
        assert!(tokens_match("abc", "abc"));
        assert!(!tokens_match("abc", "abd"));
        assert!(!tokens_match("abc", "ab"));
    }
}
