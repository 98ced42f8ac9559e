//! Files of directives, "Dân vận khéo" models and disclosures over JSON: upload (multipart field
//! `file`), list, download — under each record's own path. Errors as for petition attachments:
//! `attachment_type`, `attachment_too_large`, `not_found`, `forbidden_role`, `validation`.

use super::attachments::{download, read_file_field};
use super::List;
use crate::auth::ApiCaller;
use crate::error::{ApiError, ErrorBody};
use crate::AppState;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use danvan_domain::attachment::{Attachment, RecordKind};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(paths(
    upload_directive,
    list_directive,
    get_directive,
    upload_model,
    list_model,
    get_model,
    upload_disclosure,
    list_disclosure,
    get_disclosure,
))]
pub struct RecordFilesDoc;

/// Adds [`RecordFilesDoc`]'s paths to the API document.
pub struct RecordFiles;

impl utoipa::Modify for RecordFiles {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        openapi.merge(RecordFilesDoc::openapi());
    }
}

pub fn routes() -> Router<AppState> {
    let limit = || DefaultBodyLimit::max(super::UPLOAD_LIMIT);
    Router::new()
        .route(
            "/api/v1/directives/{id}/files",
            get(list_directive).post(upload_directive).layer(limit()),
        )
        .route("/api/v1/directives/{id}/files/{file_id}", get(get_directive))
        .route(
            "/api/v1/dvk/models/{id}/files",
            get(list_model).post(upload_model).layer(limit()),
        )
        .route("/api/v1/dvk/models/{id}/files/{file_id}", get(get_model))
        .route(
            "/api/v1/disclosures/{id}/files",
            get(list_disclosure).post(upload_disclosure).layer(limit()),
        )
        .route("/api/v1/disclosures/{id}/files/{file_id}", get(get_disclosure))
}

async fn upload(
    state: &AppState,
    caller: &ApiCaller,
    kind: RecordKind,
    id: i64,
    form: Multipart,
) -> Result<(StatusCode, Json<Attachment>), ApiError> {
    let (name, bytes) = read_file_field(form).await?;
    let file = state
        .store
        .add_record_file(&caller.actor, kind, id, &name, &bytes)
        .await?;
    Ok((StatusCode::CREATED, Json(file)))
}

async fn list(
    state: &AppState,
    caller: &ApiCaller,
    kind: RecordKind,
    id: i64,
) -> Result<Json<List<Attachment>>, ApiError> {
    Ok(Json(state.store.record_files(&caller.actor, kind, id).await?.into()))
}

async fn get_one(
    state: &AppState,
    caller: &ApiCaller,
    kind: RecordKind,
    id: i64,
    file_id: i64,
) -> Result<Response, ApiError> {
    let (file, bytes) = state
        .store
        .record_file_content(&caller.actor, kind, id, file_id)
        .await?;
    Ok(download(file, bytes))
}

/// Attaches the document's file (PDF, JPEG, PNG, DOCX, XLSX; at most 20 MB) as the multipart
/// field `file`. The `file` field of the directive itself stays a reference typed by hand.
#[utoipa::path(post, path = "/api/v1/directives/{id}/files", params(("id" = i64, Path)), security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "field `file`"),
    responses((status = 201, body = Attachment), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody)))]
pub async fn upload_directive(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    form: Multipart,
) -> Result<(StatusCode, Json<Attachment>), ApiError> {
    upload(&state, &caller, RecordKind::Directive, id, form).await
}

/// A directive's files, oldest first.
#[utoipa::path(get, path = "/api/v1/directives/{id}/files", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = List<Attachment>), (status = 404, body = ErrorBody)))]
pub async fn list_directive(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<List<Attachment>>, ApiError> {
    list(&state, &caller, RecordKind::Directive, id).await
}

/// Downloads one file of a directive.
#[utoipa::path(get, path = "/api/v1/directives/{id}/files/{file_id}", params(("id" = i64, Path), ("file_id" = i64, Path)),
    security(("bearer" = [])), responses((status = 200, description = "the file"), (status = 404, body = ErrorBody)))]
pub async fn get_directive(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((id, file_id)): Path<(i64, i64)>,
) -> Result<Response, ApiError> {
    get_one(&state, &caller, RecordKind::Directive, id, file_id).await
}

/// Attaches an evidence file to a "Dân vận khéo" model (multipart field `file`). The model's
/// `evidence` list stays the references typed at registration.
#[utoipa::path(post, path = "/api/v1/dvk/models/{id}/files", params(("id" = i64, Path)), security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "field `file`"),
    responses((status = 201, body = Attachment), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody)))]
pub async fn upload_model(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    form: Multipart,
) -> Result<(StatusCode, Json<Attachment>), ApiError> {
    upload(&state, &caller, RecordKind::DvkModel, id, form).await
}

/// A model's evidence files, oldest first.
#[utoipa::path(get, path = "/api/v1/dvk/models/{id}/files", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = List<Attachment>), (status = 404, body = ErrorBody)))]
pub async fn list_model(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<List<Attachment>>, ApiError> {
    list(&state, &caller, RecordKind::DvkModel, id).await
}

/// Downloads one evidence file of a model.
#[utoipa::path(get, path = "/api/v1/dvk/models/{id}/files/{file_id}", params(("id" = i64, Path), ("file_id" = i64, Path)),
    security(("bearer" = [])), responses((status = 200, description = "the file"), (status = 404, body = ErrorBody)))]
pub async fn get_model(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((id, file_id)): Path<(i64, i64)>,
) -> Result<Response, ApiError> {
    get_one(&state, &caller, RecordKind::DvkModel, id, file_id).await
}

/// Attaches a file to a disclosure — the document posted, a photo of the notice board —
/// as the multipart field `file`.
#[utoipa::path(post, path = "/api/v1/disclosures/{id}/files", params(("id" = i64, Path)), security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "field `file`"),
    responses((status = 201, body = Attachment), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody)))]
pub async fn upload_disclosure(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    form: Multipart,
) -> Result<(StatusCode, Json<Attachment>), ApiError> {
    upload(&state, &caller, RecordKind::Disclosure, id, form).await
}

/// A disclosure's files, oldest first.
#[utoipa::path(get, path = "/api/v1/disclosures/{id}/files", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = List<Attachment>), (status = 404, body = ErrorBody)))]
pub async fn list_disclosure(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<List<Attachment>>, ApiError> {
    list(&state, &caller, RecordKind::Disclosure, id).await
}

/// Downloads one file of a disclosure.
#[utoipa::path(get, path = "/api/v1/disclosures/{id}/files/{file_id}", params(("id" = i64, Path), ("file_id" = i64, Path)),
    security(("bearer" = [])), responses((status = 200, description = "the file"), (status = 404, body = ErrorBody)))]
pub async fn get_disclosure(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((id, file_id)): Path<(i64, i64)>,
) -> Result<Response, ApiError> {
    get_one(&state, &caller, RecordKind::Disclosure, id, file_id).await
}
