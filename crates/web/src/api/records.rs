//! Routes and OpenAPI paths of the directive register, "Dân vận khéo" models and movements /
//! funds / ordered tasks, gathered here so the router and the document take them in one line.

use super::{directives, dvk, movements};
use crate::auth::ApiCaller;
use crate::error::ApiError;
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use chrono::NaiveDate;
use danvan_domain::unit::parse_date;
use serde::Deserialize;
use utoipa::{IntoParams, OpenApi};

#[derive(OpenApi)]
#[openapi(paths(
    directives::list,
    directives::create,
    directives::get,
    directives::stats,
    dvk::list,
    dvk::create,
    dvk::get,
    dvk::step,
    dvk::stats,
    dvk::sub_fields,
    dvk::put_sub_field,
    dvk::showcase,
    movements::list_movements,
    movements::create_movement,
    movements::get_movement,
    movements::movement_stats,
    movements::list_groups,
    movements::create_group,
    movements::list_funds,
    movements::create_fund,
    movements::get_fund,
    movements::add_entry,
    movements::fund_stats,
    movements::list_houses,
    movements::create_house,
    movements::list_rural,
    movements::create_rural,
    movements::rural_stats,
    movements::list_tasks,
    movements::create_task,
    movements::get_task,
    movements::finish_task,
    movements::task_stats,
))]
pub struct RecordsDoc;

/// Adds [`RecordsDoc`]'s paths and schemas to the API document.
pub struct Records;

impl utoipa::Modify for Records {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        openapi.merge(RecordsDoc::openapi());
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/directives", get(directives::list).post(directives::create))
        .route("/api/v1/directives/stats", get(directives::stats))
        .route("/api/v1/directives/{id}", get(directives::get))
        .route("/api/v1/dvk/models", get(dvk::list).post(dvk::create))
        .route("/api/v1/dvk/models/stats", get(dvk::stats))
        .route("/api/v1/dvk/models/{id}", get(dvk::get))
        .route("/api/v1/dvk/models/{id}/step", post(dvk::step))
        .route("/api/v1/dvk/sub-fields", get(dvk::sub_fields).post(dvk::put_sub_field))
        .route("/api/v1/dvk/showcase", get(dvk::showcase))
        .route(
            "/api/v1/movements",
            get(movements::list_movements).post(movements::create_movement),
        )
        .route("/api/v1/movements/stats", get(movements::movement_stats))
        .route("/api/v1/movements/{id}", get(movements::get_movement))
        .route(
            "/api/v1/movement-groups",
            get(movements::list_groups).post(movements::create_group),
        )
        .route("/api/v1/funds", get(movements::list_funds).post(movements::create_fund))
        .route("/api/v1/funds/stats", get(movements::fund_stats))
        .route("/api/v1/funds/{id}", get(movements::get_fund))
        .route("/api/v1/funds/{id}/entries", post(movements::add_entry))
        .route(
            "/api/v1/houses",
            get(movements::list_houses).post(movements::create_house),
        )
        .route(
            "/api/v1/new-rural",
            get(movements::list_rural).post(movements::create_rural),
        )
        .route("/api/v1/new-rural/stats", get(movements::rural_stats))
        .route(
            "/api/v1/ordered-tasks",
            get(movements::list_tasks).post(movements::create_task),
        )
        .route("/api/v1/ordered-tasks/stats", get(movements::task_stats))
        .route("/api/v1/ordered-tasks/{id}", get(movements::get_task))
        .route("/api/v1/ordered-tasks/{id}/result", post(movements::finish_task))
}

/// A unit subtree and a period, for statistics.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsParams {
    /// `scheme/code`; default the caller's unit
    unit: Option<String>,
    /// YYYY-MM-DD or dd/mm/yyyy
    from: String,
    to: String,
}

impl StatsParams {
    pub fn resolve(&self, caller: &ApiCaller) -> Result<(String, NaiveDate, NaiveDate), ApiError> {
        let unit = self
            .unit
            .clone()
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| format!("{}/{}", caller.user.unit_scheme, caller.user.unit_code));
        Ok((unit, parse_date(&self.from)?, parse_date(&self.to)?))
    }
}

/// An optional date from a query string.
pub fn opt_date(s: &Option<String>) -> Result<Option<NaiveDate>, ApiError> {
    Ok(s.as_deref().filter(|s| !s.is_empty()).map(parse_date).transpose()?)
}

pub fn nonempty(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty())
}
