//! Settings an admin edits without a release (deadline rules, holiday announcements, the
//! petition topic taxonomy), and the topic list every form needs.

use super::{ApiJson, List};
use crate::auth::ApiCaller;
use crate::error::{ApiError, ErrorBody};
use crate::AppState;
use axum::extract::{Path, State};
use axum::Json;
use danvan_domain::petition::Topics;
use danvan_domain::ErrorCode;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct SettingInfo {
    key: &'static str,
    /// False while the bundled default is in force.
    customised: bool,
}

/// The settings and whether each has been changed from the bundled default.
#[utoipa::path(get, path = "/api/v1/settings", security(("bearer" = [])),
    responses((status = 200, body = List<SettingInfo>), (status = 401, body = ErrorBody)))]
pub async fn list(State(state): State<AppState>, _caller: ApiCaller) -> Result<Json<List<SettingInfo>>, ApiError> {
    let mut items = Vec::new();
    for key in danvan_store::SETTINGS {
        items.push(SettingInfo {
            key,
            customised: state.store.setting(key).await?.is_some(),
        });
    }
    Ok(Json(items.into()))
}

fn known(key: &str) -> Result<(), ApiError> {
    if danvan_store::SETTINGS.contains(&key) {
        Ok(())
    } else {
        Err(ApiError::new(ErrorCode::NotFound, &format!("cấu hình '{key}'")))
    }
}

/// A setting in force, as JSON (the bundled default until an admin changes it).
#[utoipa::path(get, path = "/api/v1/settings/{key}", security(("bearer" = [])),
    params(("key" = String, Path, description = "deadline_rules | calendar_announcements | petition_topics")),
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    _caller: ApiCaller,
    Path(key): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    known(&key)?;
    let text = state.store.setting_or_default(&key).await?;
    let value = serde_json::from_str(&text)
        .map_err(|e| ApiError::new(ErrorCode::Internal, &format!("cấu hình '{key}' hỏng: {e}")))?;
    Ok(Json(value))
}

/// Replaces a setting (system admins). The new value is checked before it is stored, and the
/// change is audited with the old and new values; a topic already used by records cannot be
/// removed (retire it instead).
#[utoipa::path(put, path = "/api/v1/settings/{key}", security(("bearer" = [])),
    params(("key" = String, Path)), request_body = Object,
    responses((status = 200, body = Object), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn put(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(key): Path<String>,
    ApiJson(value): ApiJson<serde_json::Value>,
) -> Result<Json<serde_json::Value>, ApiError> {
    known(&key)?;
    let text =
        serde_json::to_string_pretty(&value).map_err(|e| ApiError::new(ErrorCode::Validation, &e.to_string()))?;
    state.store.put_setting(&caller.actor, &key, &text).await?;
    Ok(Json(value))
}

/// The petition topic taxonomy in force (retired topics included, marked).
#[utoipa::path(get, path = "/api/v1/petitions/topics", security(("bearer" = [])),
    responses((status = 200, body = Topics), (status = 401, body = ErrorBody)))]
pub async fn topics(State(state): State<AppState>, _caller: ApiCaller) -> Result<Json<Topics>, ApiError> {
    Ok(Json((*state.store.petition_topics().await?).clone()))
}
