//! The directive register over JSON.

use super::records::{nonempty, opt_date, StatsParams};
use super::ApiJson;
use super::ApiQuery;
use crate::auth::ApiCaller;
use crate::error::{ApiError, ErrorBody};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use danvan_domain::directive::{Directive, DirectivePage, DirectiveStats, DocumentType, NewDirective};
use danvan_store::DirectiveQuery;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct DirectiveParams {
    /// This unit and those below it: `scheme/code`
    unit: Option<String>,
    /// directive | resolution | decision | regulation | conclusion | official_letter | programme | plan | guidance | report | notice | submission | other
    doc_type: Option<String>,
    from: Option<String>,
    to: Option<String>,
    /// Words of the title or the symbol
    q: Option<String>,
    /// `newest` (default) or `oldest`, by the list's date
    sort: Option<String>,
    after: Option<String>,
    limit: Option<i64>,
}

impl DirectiveParams {
    pub fn into_query(self) -> Result<DirectiveQuery, ApiError> {
        Ok(DirectiveQuery {
            unit: nonempty(self.unit),
            doc_type: nonempty(self.doc_type)
                .as_deref()
                .map(DocumentType::parse)
                .transpose()?,
            from: opt_date(&self.from)?,
            to: opt_date(&self.to)?,
            q: nonempty(self.q),
            sort: danvan_store::ListOrder::parse(self.sort.as_deref().unwrap_or(""))?,
            after: nonempty(self.after),
            limit: self.limit,
        })
    }
}

/// The register in scope, newest first, a page at a time.
#[utoipa::path(get, path = "/api/v1/directives", params(DirectiveParams), security(("bearer" = [])),
    responses((status = 200, body = DirectivePage), (status = 400, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<DirectiveParams>,
) -> Result<Json<DirectivePage>, ApiError> {
    Ok(Json(
        state.store.list_directives(&caller.actor, &p.into_query()?).await?,
    ))
}

/// Enters a document; its number and symbol (`85-KH/QU`, `05/BC-UBND`) must parse and agree
/// with its type (`invalid_document_symbol`), once per issuer and year (`duplicate_document`).
#[utoipa::path(post, path = "/api/v1/directives", request_body = NewDirective, security(("bearer" = [])),
    responses((status = 201, body = Directive), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(new): ApiJson<NewDirective>,
) -> Result<(StatusCode, Json<Directive>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.create_directive(&caller.actor, &new).await?),
    ))
}

#[utoipa::path(get, path = "/api/v1/directives/{id}", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Directive), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<Directive>, ApiError> {
    Ok(Json(state.store.directive(&caller.actor, id).await?))
}

/// Documents issued by a unit subtree in a period, by type: "ban hành 01 Chỉ thị; …".
#[utoipa::path(get, path = "/api/v1/directives/stats", params(StatsParams), security(("bearer" = [])),
    responses((status = 200, body = DirectiveStats), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn stats(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<StatsParams>,
) -> Result<Json<DirectiveStats>, ApiError> {
    let (unit, from, to) = p.resolve(&caller)?;
    Ok(Json(state.store.directive_stats(&caller.actor, &unit, from, to).await?))
}
