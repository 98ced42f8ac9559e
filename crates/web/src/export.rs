//! List exports as file downloads: the same filters as the list, every matching row, as CSV
//! or XLSX. Shared by the staff pages and the API.

use crate::error::ApiError;
use crate::AppState;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use danvan_domain::scope::Actor;
use danvan_domain::ErrorCode;
use danvan_export::{petition_table, ExportFormat, PetitionLabels};
use danvan_store::{PetitionQuery, RecordQuery};

/// The most rows one export carries; beyond it the caller is asked to narrow the filter.
pub const EXPORT_MAX_ROWS: usize = 100_000;

pub fn parse_format(s: &str) -> Result<ExportFormat, ApiError> {
    danvan_export::parse_format(s)
        .ok_or_else(|| ApiError::new(ErrorCode::Validation, &format!("định dạng '{s}' (csv|xlsx)")))
}

/// A table as a file download named `{stem}-{today}.{ext}`.
fn download(table: &danvan_export::Table, format: ExportFormat, stem: &str) -> Result<Response, ApiError> {
    let bytes = danvan_export::write(table, format).map_err(|e| ApiError::new(ErrorCode::Internal, &e.to_string()))?;
    let name = format!(
        "{stem}-{}.{}",
        danvan_store::today().format("%Y-%m-%d"),
        format.extension()
    );
    Ok((
        [
            (header::CONTENT_TYPE, format.content_type().to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response())
}

/// The meetings `query` picks for `actor`, as a download.
pub async fn meetings(
    state: &AppState,
    actor: &Actor,
    query: &danvan_store::MeetingQuery,
    format: ExportFormat,
) -> Result<Response, ApiError> {
    let items = state.store.export_meetings(actor, query, EXPORT_MAX_ROWS).await?;
    download(&danvan_export::meeting_table(&items), format, "hoi-nghi")
}

/// The reception sessions `query` picks for `actor`, as a download.
pub async fn receptions(
    state: &AppState,
    actor: &Actor,
    query: &RecordQuery,
    format: ExportFormat,
) -> Result<Response, ApiError> {
    let items = state.store.export_receptions(actor, query, EXPORT_MAX_ROWS).await?;
    download(&danvan_export::reception_table(&items), format, "tiep-cong-dan")
}

/// The movements `query` picks for `actor`, as a download.
pub async fn movements(
    state: &AppState,
    actor: &Actor,
    query: &RecordQuery,
    format: ExportFormat,
) -> Result<Response, ApiError> {
    let items = state.store.export_movements(actor, query, EXPORT_MAX_ROWS).await?;
    download(&danvan_export::movement_table(&items), format, "phong-trao")
}

/// The resident decisions `query` picks for `actor`, as a download.
pub async fn resident_decisions(
    state: &AppState,
    actor: &Actor,
    query: &RecordQuery,
    format: ExportFormat,
) -> Result<Response, ApiError> {
    let items = state
        .store
        .all_resident_decisions(actor, query, EXPORT_MAX_ROWS)
        .await?;
    download(
        &danvan_export::resident_decision_table(&items),
        format,
        "nhan-dan-quyet-dinh",
    )
}

/// The petitions `query` picks for `actor`, as a download.
pub async fn petitions(
    state: &AppState,
    actor: &Actor,
    query: &PetitionQuery,
    format: ExportFormat,
) -> Result<Response, ApiError> {
    let items = state.store.export_petitions(actor, query, EXPORT_MAX_ROWS).await?;
    let topics = state.store.petition_topics().await?;
    let table = petition_table(&items, &PetitionLabels { topics: &topics });
    download(&table, format, "don-thu")
}
