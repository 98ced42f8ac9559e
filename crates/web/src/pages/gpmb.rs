//! Staff pages of the "GPMB" area: the projects with their progress, and a project's page with
//! its households (state changes), the households still outstanding, the mobilization log,
//! progress by month and the linked dialogues, disclosures and petitions.

use super::democracy::{all_of, csrf_ok, fields_of, number, opt, opt_date, own_unit, Pairs};
use super::petitions::{today_vn, unit_choices};
use super::{field, Fields, Page};
use crate::error::ApiError;
use crate::i18n::{label_map, label_pairs};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use danvan_domain::gpmb::{
    HouseholdChange, HouseholdState, MobilizationForce, NewHousehold, NewMilestone, NewMobilization, NewProject,
};
use danvan_domain::unit::parse_date;
use danvan_domain::ErrorCode;
use minijinja::{context, Value};

fn labels(lang: &str) -> Value {
    context! {
        states => label_pairs(lang, "household_state", HouseholdState::ALL, HouseholdState::as_str, HouseholdState::label_vi),
        state_labels => label_map(lang, "household_state", HouseholdState::ALL, HouseholdState::as_str, HouseholdState::label_vi),
        forces => label_pairs(lang, "mobilization_force", MobilizationForce::ALL, MobilizationForce::as_str, MobilizationForce::label_vi),
        force_labels => label_map(lang, "mobilization_force", MobilizationForce::ALL, MobilizationForce::as_str, MobilizationForce::label_vi),
    }
}

pub async fn list(State(state): State<AppState>, page: Page) -> Response {
    render_list(&state, &page, StatusCode::OK, None, Fields::new()).await
}

async fn render_list(
    state: &AppState,
    page: &Page,
    status: StatusCode,
    error: Option<String>,
    mut v: Fields,
) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    v.entry("unit".into()).or_insert_with(|| own_unit(page));
    let result = async {
        let projects = state.store.list_gpmb_projects(&caller.actor, None).await?;
        let units = unit_choices(state, page).await?;
        Ok::<_, ApiError>(context! { projects, units, error, v => Value::from_serialize(&v) })
    }
    .await;
    match result {
        Ok(ctx) => page.render(
            state,
            "gpmb_projects.html",
            status,
            context! { ..ctx, ..labels(page.lang) },
        ),
        Err(e) => page.error(state, e),
    }
}

pub async fn create(State(state): State<AppState>, page: Page, Form(pairs): Form<Pairs>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let f = fields_of(&pairs);
    if !csrf_ok(&page, &f) {
        return page.error(&state, ApiError::new(ErrorCode::CsrfFailed, ""));
    }
    let result = async {
        let mut milestones = Vec::new();
        if let Some(label) = opt(&f, "milestone_label") {
            milestones.push(NewMilestone {
                label,
                due_on: parse_date(field(&f, "milestone_due"))?,
            });
        }
        let new = NewProject {
            unit: field(&f, "unit").to_string(),
            name: field(&f, "name").to_string(),
            units: all_of(&pairs, "units").map(String::from).collect(),
            scale: opt(&f, "scale"),
            investor: opt(&f, "investor"),
            area_m2: number(&f, "area_m2")?,
            households_planned: number(&f, "households_planned")?,
            started_on: opt_date(&f, "started_on")?,
            milestones,
        };
        Ok::<_, ApiError>(state.store.create_gpmb_project(&caller.actor, &new).await?)
    }
    .await;
    match result {
        Ok(p) => Redirect::to(&format!("/gpmb/{}", p.id)).into_response(),
        Err(e) => {
            let status = crate::error::status_of(e.code);
            render_list(&state, &page, status, Some(e.message), f).await
        }
    }
}

pub async fn show(State(state): State<AppState>, page: Page, Path(id): Path<i64>) -> Response {
    render_project(&state, &page, id, StatusCode::OK, None).await
}

async fn render_project(state: &AppState, page: &Page, id: i64, status: StatusCode, error: Option<String>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let result = async {
        let store = &state.store;
        let project = store.gpmb_project(&caller.actor, id).await?;
        let households = store.gpmb_households(&caller.actor, id, false).await?;
        let outstanding = households
            .iter()
            .filter(|h| h.state != HouseholdState::HandedOver)
            .count();
        let log = store.gpmb_mobilizations(&caller.actor, id).await?;
        let series = store.gpmb_progress(&caller.actor, id, None).await?;
        Ok::<_, ApiError>(context! { project, households, outstanding, log, series, error, today => today_vn() })
    }
    .await;
    match result {
        Ok(ctx) => page.render(
            state,
            "gpmb_project.html",
            status,
            context! { ..ctx, ..labels(page.lang) },
        ),
        Err(e) => page.error(state, e),
    }
}

/// Adds one household from the form.
pub async fn add_household(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    if !csrf_ok(&page, &f) {
        return page.error(&state, ApiError::new(ErrorCode::CsrfFailed, ""));
    }
    let result = async {
        let h = NewHousehold {
            head_name: field(&f, "head_name").to_string(),
            unit: None,
            address: opt(&f, "address"),
            land_m2: number(&f, "land_m2")?,
            state: opt(&f, "state").as_deref().map(HouseholdState::parse).transpose()?,
            reason: opt(&f, "reason"),
            listed_on: opt_date(&f, "listed_on")?,
        };
        Ok::<_, ApiError>(state.store.add_gpmb_households(&caller.actor, id, &[h]).await?)
    }
    .await;
    after(&state, &page, id, result).await
}

pub async fn change_state(
    State(state): State<AppState>,
    page: Page,
    Path(hid): Path<i64>,
    Form(f): Form<Fields>,
) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    if !csrf_ok(&page, &f) {
        return page.error(&state, ApiError::new(ErrorCode::CsrfFailed, ""));
    }
    let project = number(&f, "project").ok().flatten().unwrap_or(0);
    let result = async {
        let c = HouseholdChange {
            state: HouseholdState::parse(field(&f, "state"))?,
            on: opt_date(&f, "on")?,
            reason: opt(&f, "reason"),
        };
        Ok::<_, ApiError>(state.store.change_gpmb_household(&caller.actor, hid, &c).await?)
    }
    .await;
    after(&state, &page, project, result).await
}

pub async fn mobilize(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let f = fields_of(&pairs);
    if !csrf_ok(&page, &f) {
        return page.error(&state, ApiError::new(ErrorCode::CsrfFailed, ""));
    }
    let result = async {
        let m = NewMobilization {
            household_id: number(&f, "household_id")?,
            on: parse_date(field(&f, "on"))?,
            forces: all_of(&pairs, "forces")
                .map(MobilizationForce::parse)
                .collect::<Result<Vec<_>, _>>()?,
            mobilisers: field(&f, "mobilisers").to_string(),
            result: field(&f, "result").to_string(),
            new_state: opt(&f, "new_state").as_deref().map(HouseholdState::parse).transpose()?,
            reason: opt(&f, "reason"),
        };
        Ok::<_, ApiError>(state.store.add_gpmb_mobilization(&caller.actor, id, &m).await?)
    }
    .await;
    after(&state, &page, id, result).await
}

async fn after<T>(state: &AppState, page: &Page, project: i64, result: Result<T, ApiError>) -> Response {
    match result {
        Ok(_) => Redirect::to(&format!("/gpmb/{project}")).into_response(),
        Err(e) if project > 0 => {
            let status = crate::error::status_of(e.code);
            render_project(state, page, project, status, Some(e.message)).await
        }
        Err(e) => page.error(state, e),
    }
}

/// Links a dialogue (meeting number) or a petition (code) to the project.
pub async fn link(State(state): State<AppState>, page: Page, Path(id): Path<i64>, Form(f): Form<Fields>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    if !csrf_ok(&page, &f) {
        return page.error(&state, ApiError::new(ErrorCode::CsrfFailed, ""));
    }
    let result = async {
        if let Some(m) = number(&f, "meeting_id")? {
            state.store.link_gpmb_meeting(&caller.actor, id, m).await?;
        }
        if let Some(code) = opt(&f, "petition_code") {
            state.store.link_gpmb_petition(&caller.actor, id, &code).await?;
        }
        Ok::<_, ApiError>(())
    }
    .await;
    after(&state, &page, id, result).await
}
