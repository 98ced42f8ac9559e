//! Routes and small helpers shared by the staff pages of the directive register, "Dân vận
//! khéo" models (with the public showcase) and movements / funds / ordered tasks.

use super::{directives, dvk, field, movements, Fields, Page};
use crate::error::ApiError;
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use chrono::{Datelike, NaiveDate};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/directives", get(directives::list).post(directives::create))
        .route("/directives/export", get(directives::export))
        .route("/dvk", get(dvk::list))
        .route("/dvk/export", get(dvk::export))
        .route("/dvk/new", get(dvk::new_form).post(dvk::create))
        .route("/dvk/stats", get(dvk::stats))
        .route("/dvk/showcase", get(dvk::showcase))
        .route("/dvk/{id}", get(dvk::show))
        .route("/dvk/{id}/step", post(dvk::step))
        .route("/movements", get(movements::overview).post(movements::create_movement))
        .route("/movements/export", get(movements::export))
        .route("/movements/groups", post(movements::create_group))
        .route("/movements/funds", post(movements::create_fund))
        .route("/movements/houses", post(movements::create_house))
        .route("/movements/houses/export", get(movements::export_houses))
        .route("/movements/new-rural", post(movements::create_rural))
        .route("/movements/new-rural/export", get(movements::export_rural))
        .route("/funds/{id}", get(movements::fund).post(movements::add_entry))
        .route("/ordered-tasks", get(movements::tasks).post(movements::create_task))
        .route("/ordered-tasks/export", get(movements::export_tasks))
        .route("/ordered-tasks/{id}/result", post(movements::finish_task))
}

pub(super) use super::{csrf_ok, opt, opt_date, req_date};

/// A count typed by hand: blank is none; "1.015" is 1015.
pub(super) fn count(f: &Fields, k: &str) -> Result<Option<i64>, ApiError> {
    Ok(danvan_domain::figures::parse_vn_count(field(f, k))?)
}

/// The period a statistics page shows: the typed one, or this year so far.
pub(super) fn period(f: &Fields) -> Result<(NaiveDate, NaiveDate), ApiError> {
    let today = danvan_store::today();
    let from = opt_date(f, "from")?.unwrap_or_else(|| NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today));
    let to = opt_date(f, "to")?.unwrap_or(today);
    Ok((from, to))
}

pub(super) fn vn(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// The caller's own unit as `scheme/code`.
pub(super) fn own_unit(page: &Page) -> String {
    page.caller
        .as_ref()
        .map(|c| format!("{}/{}", c.user.unit_scheme, c.user.unit_code))
        .unwrap_or_default()
}
