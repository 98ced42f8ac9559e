//! List exports as file downloads: the same filters as the list, every matching row, as CSV
//! or XLSX. Shared by the staff pages and the API.

use crate::error::ApiError;
use crate::AppState;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use danvan_domain::scope::Actor;
use danvan_domain::ErrorCode;
use danvan_export::{petition_table, ExportFormat, PetitionLabels};
use danvan_store::{
    DirectiveQuery, DisclosureQuery, DvkQuery, FollowUpQuery, IssueQuery, PetitionQuery, ProjectQuery, RecordQuery,
    TaskQuery,
};

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

/// The documents `query` picks for `actor`, as a download.
pub async fn directives(
    state: &AppState,
    actor: &Actor,
    query: &DirectiveQuery,
    format: ExportFormat,
) -> Result<Response, ApiError> {
    let items = state.store.export_directives(actor, query, EXPORT_MAX_ROWS).await?;
    download(&danvan_export::directive_table(&items), format, "van-ban")
}

/// The "Dân vận khéo" models `query` picks for `actor`, as a download.
pub async fn dvk_models(
    state: &AppState,
    actor: &Actor,
    query: &DvkQuery,
    format: ExportFormat,
) -> Result<Response, ApiError> {
    let items = state.store.export_dvk_models(actor, query, EXPORT_MAX_ROWS).await?;
    download(&danvan_export::dvk_model_table(&items), format, "dan-van-kheo")
}

/// The supervisions `query` picks for `actor`, as a download.
pub async fn supervisions(
    state: &AppState,
    actor: &Actor,
    query: &RecordQuery,
    format: ExportFormat,
) -> Result<Response, ApiError> {
    let items = state.store.export_supervisions(actor, query, EXPORT_MAX_ROWS).await?;
    download(&danvan_export::supervision_table(&items), format, "giam-sat")
}

/// The contributions `query` picks for `actor`, as a download.
pub async fn contributions(
    state: &AppState,
    actor: &Actor,
    query: &RecordQuery,
    format: ExportFormat,
) -> Result<Response, ApiError> {
    let items = state.store.export_contributions(actor, query, EXPORT_MAX_ROWS).await?;
    download(&danvan_export::contribution_table(&items), format, "gop-y")
}

/// The disclosures `query` picks for `actor`, as the same table as the quarterly list.
pub async fn disclosures(
    state: &AppState,
    actor: &Actor,
    query: &DisclosureQuery,
    format: ExportFormat,
) -> Result<Response, ApiError> {
    let items = state.store.export_disclosures(actor, query, EXPORT_MAX_ROWS).await?;
    download(&danvan_export::disclosure_table(&items), format, "cong-khai")
}

/// The ordered tasks `query` picks for `actor`, as a download.
pub async fn ordered_tasks(
    state: &AppState,
    actor: &Actor,
    query: &TaskQuery,
    format: ExportFormat,
) -> Result<Response, ApiError> {
    let items = state.store.export_ordered_tasks(actor, query, EXPORT_MAX_ROWS).await?;
    download(&danvan_export::ordered_task_table(&items), format, "nhiem-vu-dat-hang")
}

/// The GPMB projects `query` picks for `actor`, with their progress, as a download.
pub async fn gpmb_projects(
    state: &AppState,
    actor: &Actor,
    query: &ProjectQuery,
    format: ExportFormat,
) -> Result<Response, ApiError> {
    let items = state.store.all_gpmb_projects(actor, query, EXPORT_MAX_ROWS).await?;
    download(&danvan_export::gpmb_project_table(&items), format, "du-an-gpmb")
}

/// The register of hot issues `query` picks for `actor`, most severe first, as a download.
pub async fn issues(
    state: &AppState,
    actor: &Actor,
    query: &IssueQuery,
    format: ExportFormat,
) -> Result<Response, ApiError> {
    // The register is short (it sorts by severity, not by a keyset): its limit is the export's.
    let all = IssueQuery {
        limit: Some(5000),
        ..query.clone()
    };
    let items = state.store.list_issues(actor, &all).await?;
    download(&danvan_export::issue_table(&items), format, "van-de-nong")
}

/// The houses of great solidarity `query` picks for `actor`, as a download.
pub async fn houses(
    state: &AppState,
    actor: &Actor,
    query: &RecordQuery,
    format: ExportFormat,
) -> Result<Response, ApiError> {
    let items = state.store.export_houses(actor, query, EXPORT_MAX_ROWS).await?;
    download(&danvan_export::house_table(&items), format, "nha-dai-doan-ket")
}

/// The new-rural contributions `query` picks for `actor`, as a download.
pub async fn rural_contributions(
    state: &AppState,
    actor: &Actor,
    query: &RecordQuery,
    format: ExportFormat,
) -> Result<Response, ApiError> {
    let items = state
        .store
        .export_rural_contributions(actor, query, EXPORT_MAX_ROWS)
        .await?;
    download(
        &danvan_export::rural_contribution_table(&items),
        format,
        "nong-thon-moi",
    )
}

/// The reports on the people's situation `query` picks for `actor`, as a download.
pub async fn situation_reports(
    state: &AppState,
    actor: &Actor,
    query: &RecordQuery,
    format: ExportFormat,
) -> Result<Response, ApiError> {
    let items = state
        .store
        .export_situation_reports(actor, query, EXPORT_MAX_ROWS)
        .await?;
    download(
        &danvan_export::situation_report_table(&items),
        format,
        "bao-cao-tinh-hinh",
    )
}

/// The consultations of the residents `query` picks for `actor`, as a download.
pub async fn consultations(
    state: &AppState,
    actor: &Actor,
    query: &RecordQuery,
    format: ExportFormat,
) -> Result<Response, ApiError> {
    let items = state.store.all_consultations(actor, query, EXPORT_MAX_ROWS).await?;
    download(&danvan_export::consultation_table(&items), format, "lay-y-kien")
}

/// The follow-up worklist `query` picks for `actor`, as a download.
pub async fn follow_up(
    state: &AppState,
    actor: &Actor,
    query: &FollowUpQuery,
    format: ExportFormat,
) -> Result<Response, ApiError> {
    let items = state.store.export_follow_up(actor, query, EXPORT_MAX_ROWS).await?;
    download(&danvan_export::worklist_table(&items), format, "y-kien-cho-tra-loi")
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
