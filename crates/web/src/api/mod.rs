//! The JSON API under `/api/v1`, and its OpenAPI 3 document generated from these handlers.

mod attachments;
mod auth;
mod dashboard;
mod organisations;
pub(crate) use attachments::{download, percent};
mod democracy;
mod exports;
mod gpmb;
mod list_params;
mod meetings;
mod petitions;
mod receptions;
pub(crate) mod reports;
mod settings;
mod situation;
mod units;
mod users;

mod directives;
mod dvk;
mod movements;
mod records;
use exports::Exports;
use records::Records;
mod record_files;
use record_files::RecordFiles;

use crate::error::{ApiError, ErrorBody};
use crate::AppState;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::routing::{get, post};
use axum::{Json, Router};
use danvan_domain::ErrorCode;
use serde::de::DeserializeOwned;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

#[derive(OpenApi)]
#[openapi(
    info(title = "danvan API", version = "1", description = "Công tác dân vận — API JSON. Lỗi trả về { code, message } với mã ổn định."),
    paths(
        health,
        auth::issue_token,
        auth::me,
        units::list_units,
        units::get_unit,
        units::successors,
        units::predecessors,
        units::add_unit,
        organisations::list_organisations,
        organisations::create_organisation,
        users::list_users,
        users::create_user,
        users::disable_user,
        users::verify_audit,
        petitions::list,
        petitions::create,
        petitions::get,
        petitions::events,
        petitions::step,
        petitions::duplicates,
        petitions::duplicate_of,
        petitions::stats,
        petitions::export,
        dashboard::get,
        attachments::upload,
        attachments::list,
        attachments::get,
        receptions::list,
        receptions::create,
        receptions::get,
        receptions::to_petition,
        settings::list,
        settings::get,
        settings::put,
        settings::topics,
        meetings::list,
        meetings::export,
        meetings::create,
        meetings::get,
        meetings::step,
        meetings::add_items,
        meetings::outcome,
        meetings::to_petition,
        meetings::worklist,
        meetings::follow_up,
        meetings::stats,
        meetings::compliance,
        meetings::list_supervisions,
        meetings::create_supervision,
        meetings::list_contributions,
        meetings::create_contribution,
        reports::render,
        reports::template,
        reports::submit,
        reports::submit_form,
        reports::record,
        reports::save,
        reports::advance,
        reports::put_template,
        democracy::catalogue,
        democracy::list,
        democracy::create,
        democracy::get_one,
        democracy::posting,
        democracy::compliance,
        democracy::quarter,
        democracy::stats,
        democracy::list_decisions,
        democracy::create_decision,
        democracy::get_decision,
        democracy::recognise,
        democracy::decision_stats,
        democracy::list_consultations,
        democracy::create_consultation,
        democracy::get_consultation,
        democracy::list_boards,
        democracy::create_board,
        democracy::get_board,
        democracy::add_report,
        gpmb::list,
        gpmb::create,
        gpmb::get_one,
        gpmb::set_procedure,
        gpmb::households,
        gpmb::add_households,
        gpmb::change_state,
        gpmb::progress,
        gpmb::mobilizations,
        gpmb::mobilize,
        gpmb::link_meeting,
        gpmb::link_petition,
        gpmb::stats,
        situation::list_reports,
        situation::create_report,
        situation::list,
        situation::create,
        situation::get_one,
        situation::step,
        situation::stats,
    ),
    components(schemas(ErrorBody)),
    modifiers(&BearerAuth, &Records, &RecordFiles, &Exports),
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Request body limit for uploads: the largest attachment plus the multipart envelope.
pub const UPLOAD_LIMIT: usize = danvan_domain::attachment::MAX_ATTACHMENT_BYTES + 1024 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(health))
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/auth/token", post(auth::issue_token))
        .route("/api/v1/me", get(auth::me))
        .route("/api/v1/units", get(units::list_units).post(units::add_unit))
        .route("/api/v1/units/{scheme}/{code}", get(units::get_unit))
        .route("/api/v1/units/{scheme}/{code}/successors", get(units::successors))
        .route("/api/v1/units/{scheme}/{code}/predecessors", get(units::predecessors))
        .route(
            "/api/v1/organisations",
            get(organisations::list_organisations).post(organisations::create_organisation),
        )
        .route("/api/v1/users", get(users::list_users).post(users::create_user))
        .route("/api/v1/users/{username}/disable", post(users::disable_user))
        .route("/api/v1/audit/verify", get(users::verify_audit))
        .route("/api/v1/petitions", get(petitions::list).post(petitions::create))
        .route("/api/v1/petitions/stats", get(petitions::stats))
        .route("/api/v1/petitions/export", get(petitions::export))
        .route("/api/v1/dashboard", get(dashboard::get))
        .route("/api/v1/petitions/topics", get(settings::topics))
        .route("/api/v1/settings", get(settings::list))
        .route("/api/v1/settings/{key}", get(settings::get).put(settings::put))
        .route(
            "/api/v1/petitions/{code}/attachments",
            get(attachments::list)
                .post(attachments::upload)
                .layer(axum::extract::DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/api/v1/petitions/{code}/attachments/{id}", get(attachments::get))
        .route("/api/v1/receptions", get(receptions::list).post(receptions::create))
        .route("/api/v1/receptions/{id}", get(receptions::get))
        .route(
            "/api/v1/receptions/matters/{id}/petition",
            post(receptions::to_petition),
        )
        .route("/api/v1/petitions/{code}", get(petitions::get))
        .route("/api/v1/petitions/{code}/events", get(petitions::events))
        .route("/api/v1/petitions/{code}/steps", post(petitions::step))
        .route("/api/v1/petitions/{code}/duplicates", get(petitions::duplicates))
        .route("/api/v1/petitions/{code}/duplicate-of", post(petitions::duplicate_of))
        .route("/api/v1/meetings", get(meetings::list).post(meetings::create))
        .route("/api/v1/meetings/export", get(meetings::export))
        .route("/api/v1/meetings/stats", get(meetings::stats))
        .route("/api/v1/meetings/{id}", get(meetings::get))
        .route("/api/v1/meetings/{id}/step", post(meetings::step))
        .route("/api/v1/meetings/{id}/items", post(meetings::add_items))
        .route("/api/v1/items", get(meetings::worklist))
        .route("/api/v1/follow-up", get(meetings::follow_up))
        .route("/api/v1/items/{id}/outcome", post(meetings::outcome))
        .route("/api/v1/items/{id}/petition", post(meetings::to_petition))
        .route(
            "/api/v1/supervisions",
            get(meetings::list_supervisions).post(meetings::create_supervision),
        )
        .route(
            "/api/v1/contributions",
            get(meetings::list_contributions).post(meetings::create_contribution),
        )
        .route("/api/v1/compliance", get(meetings::compliance))
        .route("/api/v1/reports/render", get(reports::render))
        .route("/api/v1/reports/template", get(reports::template))
        .route("/api/v1/reports/submissions", post(reports::submit))
        .route("/api/v1/reports/submissions/form", post(reports::submit_form))
        .route("/api/v1/reports/record", get(reports::record).put(reports::save))
        .route("/api/v1/reports/record/{action}", post(reports::advance))
        .route(
            "/api/v1/reports/templates/{name}",
            axum::routing::put(reports::put_template),
        )
        .merge(records::routes())
        .merge(exports::routes())
        .merge(record_files::routes())
        .merge(democracy::routes())
        .merge(gpmb::routes())
        .merge(situation::routes())
        .fallback(not_found)
}

#[derive(Serialize, ToSchema)]
pub struct Health {
    status: &'static str,
}

/// Liveness and database reachability.
#[utoipa::path(get, path = "/healthz", responses((status = 200, body = Health)))]
async fn health(axum::extract::State(state): axum::extract::State<AppState>) -> Result<Json<Health>, ApiError> {
    state.store.has_units().await?;
    Ok(Json(Health { status: "ok" }))
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

async fn not_found() -> ApiError {
    ApiError::new(ErrorCode::NotFound, "")
}

/// A JSON list with its length.
#[derive(Serialize, ToSchema)]
pub struct List<T> {
    pub count: usize,
    pub items: Vec<T>,
}

impl<T> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> Self {
        List {
            count: items.len(),
            items,
        }
    }
}

/// One page of a keyset-paged list: `next` is the `after` of the following page.
#[derive(Serialize, ToSchema)]
pub struct Paged<T> {
    pub count: usize,
    pub items: Vec<T>,
    pub next: Option<String>,
}

impl<T> From<danvan_store::RecordPage<T>> for Paged<T> {
    fn from(page: danvan_store::RecordPage<T>) -> Self {
        Paged::new(page.items, page.next)
    }
}

impl<T> Paged<T> {
    pub fn new(items: Vec<T>, next: Option<String>) -> Self {
        Paged {
            count: items.len(),
            items,
            next,
        }
    }
}

/// Query-string parameters whose parse errors (`limit=abc`, `inconsistent=yes`) come back as
/// `validation` errors in our format, as `ApiJson` does for bodies; axum's own answer is a line
/// of English text.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(ApiQuery(v)),
            Err(e) => Err(ApiError::new(
                ErrorCode::Validation,
                &format!("tham số truy vấn không hợp lệ: {}", e.body_text()),
            )),
        }
    }
}

/// A JSON body whose parse errors come back as `validation` errors in our format.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(e) => Err(ApiError::new(
                ErrorCode::Validation,
                &format!("nội dung JSON không hợp lệ: {}", e.body_text()),
            )),
        }
    }
}
