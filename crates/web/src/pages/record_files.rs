//! The staff side of record files: a directive's page and a disclosure's page (facts and files),
//! and for those and the "Dân vận khéo" model page the upload (multipart with the CSRF token; a
//! refused file re-renders the same page with the Vietnamese reason next to the file control)
//! and the download (the cleaned name and the sniffed type).

use super::{dvk, Page};
use crate::error::{status_of, ApiError};
use crate::i18n::label_map;
use crate::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use danvan_domain::attachment::{Attachment, RecordKind};
use danvan_domain::democracy::{DisclosureForm, DisclosureTiming, PostingState};
use danvan_domain::directive::DocumentType;
use danvan_domain::ErrorCode;
use minijinja::{context, Value};

pub fn routes() -> Router<AppState> {
    let limit = || axum::extract::DefaultBodyLimit::max(crate::api::UPLOAD_LIMIT);
    Router::new()
        .route("/directives/{id}", get(directive))
        .route("/directives/{id}/files", post(upload_directive).layer(limit()))
        .route("/directives/{id}/files/{file_id}", get(download_directive))
        .route("/dvk/{id}/files", post(upload_model).layer(limit()))
        .route("/dvk/{id}/files/{file_id}", get(download_model))
        .route("/democracy/disclosures/{id}", get(disclosure))
        .route(
            "/democracy/disclosures/{id}/files",
            post(upload_disclosure).layer(limit()),
        )
        .route("/democracy/disclosures/{id}/files/{file_id}", get(download_disclosure))
}

/// An upload form's fields: the CSRF token and the chosen file (name, bytes), if any.
pub(crate) struct UploadForm {
    pub csrf: String,
    pub file: Option<(String, Vec<u8>)>,
}

/// Reads a multipart upload form (fields `csrf` and `file`). An empty file control counts as
/// no file.
pub(crate) async fn read_upload_form(mut form: Multipart) -> Result<UploadForm, ApiError> {
    let bad = |e: &dyn std::fmt::Display| {
        ApiError::new(ErrorCode::Validation, &format!("biểu mẫu tải tệp không hợp lệ: {e}"))
    };
    let mut out = UploadForm {
        csrf: String::new(),
        file: None,
    };
    while let Some(field) = form.next_field().await.map_err(|e| bad(&e))? {
        match field.name() {
            Some("csrf") => out.csrf = field.text().await.map_err(|e| bad(&e))?,
            Some("file") => {
                let name = field.file_name().unwrap_or("").to_string();
                let bytes = field.bytes().await.map_err(|e| bad(&e))?;
                if !(name.is_empty() && bytes.is_empty()) {
                    out.file = Some((if name.is_empty() { "tep".into() } else { name }, bytes.to_vec()));
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// The file list's part of a page's context.
pub(crate) fn files_context(
    page: &Page,
    files: Vec<Attachment>,
    url: String,
    heading: &str,
    error: Option<String>,
) -> Value {
    let tr = crate::i18n::catalogue(page.lang);
    context! {
        files, files_url => url, file_error => error,
        files_heading => tr.get(heading).cloned().unwrap_or_default(),
        can_upload => page.caller.as_ref().is_some_and(|c| c.actor.role.can_write_records()),
    }
}

fn files_url(kind: RecordKind, id: i64) -> String {
    match kind {
        RecordKind::Directive => format!("/directives/{id}/files"),
        RecordKind::DvkModel => format!("/dvk/{id}/files"),
        RecordKind::Disclosure => format!("/democracy/disclosures/{id}/files"),
    }
}

fn page_url(kind: RecordKind, id: i64) -> String {
    match kind {
        RecordKind::Directive => format!("/directives/{id}"),
        RecordKind::DvkModel => format!("/dvk/{id}"),
        RecordKind::Disclosure => format!("/democracy/disclosures/{id}"),
    }
}

/// The record's page, with a refused upload's reason next to the file control.
async fn render(
    state: &AppState,
    page: &Page,
    kind: RecordKind,
    id: i64,
    status: StatusCode,
    file_error: Option<String>,
) -> Response {
    match kind {
        RecordKind::Directive => render_directive(state, page, id, status, file_error).await,
        RecordKind::DvkModel => dvk::render_model_with(state, page, id, status, None, file_error).await,
        RecordKind::Disclosure => render_disclosure(state, page, id, status, file_error, None).await,
    }
}

async fn upload(state: AppState, page: Page, kind: RecordKind, id: i64, form: Multipart) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let form = match read_upload_form(form).await {
        Ok(f) => f,
        Err(e) => return render(&state, &page, kind, id, status_of(e.code), Some(e.message)).await,
    };
    if !crate::auth::tokens_match(&caller.csrf, &form.csrf) {
        return page.error(&state, ApiError::new(ErrorCode::CsrfFailed, ""));
    }
    let result = match form.file {
        Some((name, bytes)) => state
            .store
            .add_record_file(&caller.actor, kind, id, &name, &bytes)
            .await
            .map_err(ApiError::from),
        None => Err(ApiError::new(ErrorCode::Validation, "hãy chọn tệp")),
    };
    match result {
        Ok(_) => Redirect::to(&page_url(kind, id)).into_response(),
        Err(e) => render(&state, &page, kind, id, status_of(e.code), Some(e.message)).await,
    }
}

async fn download(state: AppState, page: Page, kind: RecordKind, id: i64, file_id: i64) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    match state.store.record_file_content(&caller.actor, kind, id, file_id).await {
        Ok((file, bytes)) => crate::api::download(file, bytes),
        Err(e) => page.error(&state, e.into()),
    }
}

pub async fn upload_directive(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    form: Multipart,
) -> Response {
    upload(state, page, RecordKind::Directive, id, form).await
}

pub async fn upload_model(State(state): State<AppState>, page: Page, Path(id): Path<i64>, form: Multipart) -> Response {
    upload(state, page, RecordKind::DvkModel, id, form).await
}

pub async fn upload_disclosure(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    form: Multipart,
) -> Response {
    upload(state, page, RecordKind::Disclosure, id, form).await
}

pub async fn download_directive(
    State(state): State<AppState>,
    page: Page,
    Path((id, f)): Path<(i64, i64)>,
) -> Response {
    download(state, page, RecordKind::Directive, id, f).await
}

pub async fn download_model(State(state): State<AppState>, page: Page, Path((id, f)): Path<(i64, i64)>) -> Response {
    download(state, page, RecordKind::DvkModel, id, f).await
}

pub async fn download_disclosure(
    State(state): State<AppState>,
    page: Page,
    Path((id, f)): Path<(i64, i64)>,
) -> Response {
    download(state, page, RecordKind::Disclosure, id, f).await
}

/// `/directives/{id}`: the document's entry in the register and its files.
pub async fn directive(State(state): State<AppState>, page: Page, Path(id): Path<i64>) -> Response {
    render_directive(&state, &page, id, StatusCode::OK, None).await
}

async fn render_directive(
    state: &AppState,
    page: &Page,
    id: i64,
    status: StatusCode,
    file_error: Option<String>,
) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let result: Result<Value, ApiError> = async {
        let d = state.store.directive(&caller.actor, id).await?;
        let files = state
            .store
            .record_files(&caller.actor, RecordKind::Directive, id)
            .await?;
        let type_labels = label_map(
            page.lang,
            "document_type",
            DocumentType::ALL,
            DocumentType::as_str,
            DocumentType::label_vi,
        );
        let files = files_context(
            page,
            files,
            files_url(RecordKind::Directive, id),
            "record_files_directive",
            file_error,
        );
        Ok(context! { d, type_labels, ..files })
    }
    .await;
    match result {
        Ok(ctx) => page.render(state, "directive.html", status, ctx),
        Err(e) => page.error(state, e),
    }
}

/// `/democracy/disclosures/{id}`: the disclosure, its check and its files.
pub async fn disclosure(State(state): State<AppState>, page: Page, Path(id): Path<i64>) -> Response {
    render_disclosure(&state, &page, id, StatusCode::OK, None, None).await
}

/// The disclosure page; `posting` is a refused posting form (its message and what was entered).
pub(crate) async fn render_disclosure(
    state: &AppState,
    page: &Page,
    id: i64,
    status: StatusCode,
    file_error: Option<String>,
    posting: Option<(String, super::Fields)>,
) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let result: Result<Value, ApiError> = async {
        let d = state.store.disclosure(&caller.actor, id).await?;
        let files = state.store.record_files(&caller.actor, RecordKind::Disclosure, id).await?;
        let lang = page.lang;
        let files = files_context(page, files, files_url(RecordKind::Disclosure, id), "record_files_disclosure", file_error);
        let (posting_error, entered) = posting.unzip();
        Ok(context! {
            d,
            posting_error,
            v => Value::from_serialize(entered.unwrap_or_default()),
            disclosure_form_labels => label_map(lang, "disclosure_form", DisclosureForm::ALL, DisclosureForm::as_str, DisclosureForm::label_vi),
            timing_labels => label_map(lang, "disclosure_timing", DisclosureTiming::ALL, DisclosureTiming::as_str, DisclosureTiming::label_vi),
            posting_labels => label_map(lang, "posting_state", PostingState::ALL, PostingState::as_str, PostingState::label_vi),
            ..files
        })
    }
    .await;
    match result {
        Ok(ctx) => page.render(state, "dcs_disclosure.html", status, ctx),
        Err(e) => page.error(state, e),
    }
}
