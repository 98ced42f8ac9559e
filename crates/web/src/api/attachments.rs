use super::List;
use crate::auth::ApiCaller;
use crate::error::{ApiError, ErrorBody};
use crate::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use danvan_domain::attachment::Attachment;
use danvan_domain::ErrorCode;

/// Reads the `file` field of a multipart form: (file name, bytes).
pub async fn read_file_field(mut form: Multipart) -> Result<(String, Vec<u8>), ApiError> {
    let bad = |e: &dyn std::fmt::Display| {
        ApiError::new(ErrorCode::Validation, &format!("biểu mẫu tải tệp không hợp lệ: {e}"))
    };
    while let Some(field) = form.next_field().await.map_err(|e| bad(&e))? {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("tep").to_string();
            let bytes = field.bytes().await.map_err(|e| bad(&e))?;
            return Ok((name, bytes.to_vec()));
        }
    }
    Err(ApiError::new(ErrorCode::Validation, "thiếu tệp (trường 'file')"))
}

/// Serves an attachment as a download.
pub fn download(attachment: Attachment, bytes: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename*=UTF-8''{}", percent(&attachment.file_name));
    (
        [
            (header::CONTENT_TYPE, attachment.content_type),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

/// Percent-encodes everything but unreserved characters (URLs and RFC 5987 file names).
pub(crate) fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Attaches a file (PDF, JPEG, PNG, DOCX, XLSX; at most 20 MB) as the multipart field `file`.
#[utoipa::path(post, path = "/api/v1/petitions/{code}/attachments", params(("code" = String, Path)), security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "field `file`"),
    responses((status = 201, body = Attachment), (status = 413, body = ErrorBody), (status = 415, body = ErrorBody)))]
pub async fn upload(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(code): Path<String>,
    form: Multipart,
) -> Result<(StatusCode, Json<Attachment>), ApiError> {
    let (name, bytes) = read_file_field(form).await?;
    Ok((
        StatusCode::CREATED,
        Json(state.store.add_attachment(&caller.actor, &code, &name, &bytes).await?),
    ))
}

/// A petition's attachments.
#[utoipa::path(get, path = "/api/v1/petitions/{code}/attachments", params(("code" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = List<Attachment>), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(code): Path<String>,
) -> Result<Json<List<Attachment>>, ApiError> {
    Ok(Json(state.store.attachments(&caller.actor, &code).await?.into()))
}

/// Downloads one attachment.
#[utoipa::path(get, path = "/api/v1/petitions/{code}/attachments/{id}", params(("code" = String, Path), ("id" = i64, Path)),
    security(("bearer" = [])), responses((status = 200, description = "the file"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((code, id)): Path<(String, i64)>,
) -> Result<Response, ApiError> {
    let (a, bytes) = state.store.attachment_content(&caller.actor, &code, id).await?;
    Ok(download(a, bytes))
}
