//! Periodic reports over HTTP: render (PDF, DOCX, XLSX, JSON), the submission template and its
//! upload, the stored report's header and sections, its life (submit, approve, return) and the
//! narrative templates.

use super::ApiJson;
use super::ApiQuery;
use crate::auth::ApiCaller;
use crate::error::{ApiError, ErrorBody};
use crate::reports::{assemble, file_name, report_error, ReportRequest};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use danvan_domain::report::{FreeSections, ReportAction, ReportHeader, ReportRecord, Submission};
use danvan_report::Format;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

/// Which report.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportParams {
    /// The unit, `scheme/code` (e.g. `2025/01`); the report covers it and everything under it
    pub unit: String,
    /// `2024-H1`, `2024-9M`, `2024`, `2024-Q3`, `2024-03`, `2020-2025`, `2024-01-01..2024-03-15`
    pub period: String,
    /// `party` (calendar periods, default) or `state` (15th → 14th, TT 02/2021)
    pub family: Option<String>,
    /// `truncate` (default: 98,75% → 98,7%) or `half_up`
    pub rounding: Option<String>,
}

impl ReportParams {
    pub fn request(&self) -> Result<ReportRequest, ApiError> {
        ReportRequest::parse(
            &self.unit,
            &self.period,
            self.family.as_deref(),
            self.rounding.as_deref(),
        )
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FormatParam {
    /// pdf | docx | xlsx | json
    pub format: String,
}

pub(crate) fn file(bytes: Vec<u8>, content_type: &str, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response()
}

/// The report rendered: PDF or DOCX in the Party format (HD 36) or the state format (NĐ 30),
/// XLSX with one sheet per section and numbers in cells, or JSON with every figure, its
/// definition id and source (recorded / submitted / mixed) and the consistency warnings.
#[utoipa::path(get, path = "/api/v1/reports/render", params(ReportParams, FormatParam), security(("bearer" = [])),
    responses((status = 200, description = "The document", content_type = "application/pdf"),
        (status = 400, description = "invalid_period, validation", body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn render(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(params): ApiQuery<ReportParams>,
    ApiQuery(format): ApiQuery<FormatParam>,
) -> Result<Response, ApiError> {
    let format = Format::parse(&format.format)?;
    let report = assemble(&state.store, &caller.actor, &params.request()?).await?;
    let bytes = tokio::task::spawn_blocking({
        let report = report.clone();
        move || danvan_report::render(&report, format)
    })
    .await
    .map_err(|e| ApiError::new(danvan_domain::ErrorCode::Internal, &e.to_string()))?
    .map_err(report_error)?;
    Ok(file(bytes, format.content_type(), &file_name(&report, format)))
}

/// The XLSX template a unit not on the system fills in for this period.
#[utoipa::path(get, path = "/api/v1/reports/template", params(ReportParams), security(("bearer" = [])),
    responses((status = 200, description = "The template", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn template(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(params): ApiQuery<ReportParams>,
) -> Result<Response, ApiError> {
    let (bytes, name) = template_file(&state, &caller.actor, &params.request()?).await?;
    Ok(file(bytes, Format::Xlsx.content_type(), &name))
}

pub(crate) async fn template_file(
    state: &AppState,
    actor: &danvan_domain::scope::Actor,
    req: &ReportRequest,
) -> Result<(Vec<u8>, String), ApiError> {
    let period = state.store.resolve_period(&req.period, &req.family)?;
    let unit = state.store.resolve_unit(&req.unit, Some(period.to)).await?;
    actor.scope.require(&unit)?;
    let unit = danvan_store::report_unit(&unit);
    let bytes = danvan_report::submission_template(&unit, &period).map_err(report_error)?;
    Ok((
        bytes,
        format!(
            "bieu-mau-{}-{}-{}.xlsx",
            unit.scheme,
            unit.code,
            period.key.replace("..", "_")
        ),
    ))
}

/// Reads an uploaded template and stores its figures (nothing is stored from a rejected file).
pub(crate) async fn submit_file(
    state: &AppState,
    actor: &danvan_domain::scope::Actor,
    req: &ReportRequest,
    bytes: &[u8],
) -> Result<Submission, ApiError> {
    let period = state.store.resolve_period(&req.period, &req.family)?;
    let unit = state.store.resolve_unit(&req.unit, Some(period.to)).await?;
    actor.scope.require(&unit)?;
    let values =
        danvan_report::read_submission(bytes, &danvan_store::report_unit(&unit), &period).map_err(report_error)?;
    Ok(state
        .store
        .submit_report_figures(actor, &req.unit, &req.family, &req.period, &values, "xlsx")
        .await?)
}

/// Uploads a filled-in template (the request body is the XLSX file). A template for another
/// unit or period, text in a number cell or an edited check formula is refused with the cell.
#[utoipa::path(post, path = "/api/v1/reports/submissions", params(ReportParams), security(("bearer" = [])),
    request_body(content = Vec<u8>, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    responses((status = 200, body = Submission),
        (status = 400, description = "template_mismatch, invalid_cell", body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn submit(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(params): ApiQuery<ReportParams>,
    body: Bytes,
) -> Result<Json<Submission>, ApiError> {
    Ok(Json(
        submit_file(&state, &caller.actor, &params.request()?, &body).await?,
    ))
}

/// Figures typed in, as on the page's form: figure id → value (counts, money in whole đồng).
#[derive(Deserialize, ToSchema)]
pub struct FiguresForm {
    #[schema(value_type = Object)]
    pub values: danvan_domain::report::FigureValues,
}

/// Stores the figures of a unit not on the system, typed in rather than uploaded. Only count
/// and money figures of the catalogue, whole and not negative (`invalid_cell`).
#[utoipa::path(post, path = "/api/v1/reports/submissions/form", params(ReportParams), request_body = FiguresForm,
    security(("bearer" = [])),
    responses((status = 200, body = Submission), (status = 400, description = "invalid_cell", body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn submit_form(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(params): ApiQuery<ReportParams>,
    ApiJson(form): ApiJson<FiguresForm>,
) -> Result<Json<Submission>, ApiError> {
    let req = params.request()?;
    Ok(Json(
        state
            .store
            .submit_report_figures(&caller.actor, &req.unit, &req.family, &req.period, &form.values, "form")
            .await?,
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct ReportEdit {
    pub header: ReportHeader,
    /// `assessment`, `limitations`, `tasks` → text
    #[schema(value_type = Object)]
    #[serde(default)]
    pub sections: FreeSections,
}

/// The stored report (header, free sections, status, approved figures), if started.
#[utoipa::path(get, path = "/api/v1/reports/record", params(ReportParams), security(("bearer" = [])),
    responses((status = 200, body = Option<ReportRecord>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn record(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(params): ApiQuery<ReportParams>,
) -> Result<Json<Option<ReportRecord>>, ApiError> {
    let req = params.request()?;
    Ok(Json(
        state
            .store
            .report_record(&caller.actor, &req.unit, &req.family, &req.period)
            .await?,
    ))
}

/// Saves the header (number and symbol, signer, recipients, …) and the free sections. An
/// approved report is frozen (`report_frozen`).
#[utoipa::path(put, path = "/api/v1/reports/record", params(ReportParams), request_body = ReportEdit, security(("bearer" = [])),
    responses((status = 200, body = ReportRecord), (status = 409, description = "report_frozen", body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn save(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(params): ApiQuery<ReportParams>,
    ApiJson(edit): ApiJson<ReportEdit>,
) -> Result<Json<ReportRecord>, ApiError> {
    let req = params.request()?;
    Ok(Json(
        state
            .store
            .save_report(
                &caller.actor,
                &req.unit,
                &req.family,
                &req.period,
                &edit.header,
                &edit.sections,
            )
            .await?,
    ))
}

/// Moves the report: `submit`, `approve` (a leader; freezes the figures as computed now) or
/// `return` (back to draft).
#[utoipa::path(post, path = "/api/v1/reports/record/{action}", params(ReportParams, ("action" = String, Path, description = "submit | approve | return")),
    security(("bearer" = [])),
    responses((status = 200, body = ReportRecord), (status = 409, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn advance(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(action): Path<String>,
    ApiQuery(params): ApiQuery<ReportParams>,
) -> Result<Json<ReportRecord>, ApiError> {
    let req = params.request()?;
    Ok(Json(advance_report(&state, &caller.actor, &req, &action).await?))
}

pub(crate) async fn advance_report(
    state: &AppState,
    actor: &danvan_domain::scope::Actor,
    req: &ReportRequest,
    action: &str,
) -> Result<ReportRecord, ApiError> {
    let action = ReportAction::parse(action)?;
    let figures = if action == ReportAction::Approve {
        Some(assemble(&state.store, actor, req).await?.figures)
    } else {
        None
    };
    Ok(state
        .store
        .advance_report(actor, &req.unit, &req.family, &req.period, action, figures.as_ref())
        .await?)
}

/// Replaces a section's narrative template (minijinja; the body is the template text). It is
/// compiled and tried on a sample before it is stored.
#[utoipa::path(put, path = "/api/v1/reports/templates/{name}", params(("name" = String, Path, description = "directives | petitions | meetings | supervision | dvk | democracy | gpmb | movements")),
    request_body(content = String, content_type = "text/plain"), security(("bearer" = [])),
    responses((status = 204, description = "Stored"), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn put_template(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(name): Path<String>,
    body: String,
) -> Result<axum::http::StatusCode, ApiError> {
    danvan_report::validate_template(&name, &body, &danvan_report::sample_input()).map_err(report_error)?;
    state
        .store
        .set_report_template(&caller.actor, &name, Some(&body))
        .await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}
