//! Staff pages of the "GPMB" area: the projects with their progress, and a project's page with
//! its households (state changes), the households still outstanding, the mobilization log,
//! progress by month and the linked dialogues, disclosures and petitions.

use super::democracy::{all_of, fields_of, number, opt, opt_date, own_unit, Pairs};
use super::form_caller;
use super::petitions::{today_vn, unit_choices};
use super::{field, Fields, Page};
use crate::error::ApiError;
use crate::i18n::{label_map, label_pairs};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use danvan_domain::gpmb::{
    HouseholdChange, HouseholdState, LandType, MobilizationForce, NewHousehold, NewMilestone, NewMobilization,
    NewProject, ProcedureSteps,
};
use danvan_domain::unit::parse_date;
use danvan_domain::ErrorCode;
use danvan_store::ProjectQuery;
use minijinja::{context, Value};

fn labels(lang: &str) -> Value {
    context! {
        states => label_pairs(lang, "household_state", HouseholdState::ALL, HouseholdState::as_str, HouseholdState::label_vi),
        state_labels => label_map(lang, "household_state", HouseholdState::ALL, HouseholdState::as_str, HouseholdState::label_vi),
        land_types => label_pairs(lang, "land_type", LandType::ALL, LandType::as_str, LandType::label_vi),
        land_type_labels => label_map(lang, "land_type", LandType::ALL, LandType::as_str, LandType::label_vi),
        forces => label_pairs(lang, "mobilization_force", MobilizationForce::ALL, MobilizationForce::as_str, MobilizationForce::label_vi),
        force_labels => label_map(lang, "mobilization_force", MobilizationForce::ALL, MobilizationForce::as_str, MobilizationForce::label_vi),
    }
}

pub async fn list(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    render_list(&state, &page, &f, StatusCode::OK, None, Fields::new()).await
}

/// The project list's filters: the search words and the page.
fn project_query(f: &Fields) -> ProjectQuery {
    ProjectQuery {
        q: super::opt(f, "q"),
        after: super::opt(f, "after"),
        limit: Some(50),
        ..Default::default()
    }
}

/// `/gpmb/export?format=xlsx|csv&…`: the projects the search picks, with their progress.
pub async fn export(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let (state, f) = (&state, &f);
    super::export_list(state, &page, f, |actor, format| async move {
        crate::export::gpmb_projects(state, &actor, &project_query(f), format).await
    })
    .await
}

async fn render_list(
    state: &AppState,
    page: &Page,
    filters: &Fields,
    status: StatusCode,
    error: Option<String>,
    mut v: Fields,
) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    v.entry("unit".into()).or_insert_with(|| own_unit(page));
    let result = async {
        let projects = state
            .store
            .list_gpmb_projects(&caller.actor, &project_query(filters))
            .await?;
        let links = super::list_links("/gpmb", filters, projects.next.as_deref());
        let projects = projects.items;
        let units = unit_choices(state, page).await?;
        Ok::<_, ApiError>(context! {
            projects, units, error, links, q => super::opt(filters, "q"), v => Value::from_serialize(&v),
        })
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
    let f = fields_of(&pairs);
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
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
            procedure: ProcedureSteps {
                land_type: opt(&f, "land_type").as_deref().map(LandType::parse).transpose()?,
                ..Default::default()
            },
        };
        Ok::<_, ApiError>(state.store.create_gpmb_project(&caller.actor, &new).await?)
    }
    .await;
    match result {
        Ok(p) => Redirect::to(&format!("/gpmb/{}", p.id)).into_response(),
        Err(e) => {
            let status = crate::error::status_of(e.code);
            render_list(&state, &page, &Fields::new(), status, Some(e.message), f).await
        }
    }
}

pub async fn show(State(state): State<AppState>, page: Page, Path(id): Path<i64>) -> Response {
    render_project(&state, &page, id, StatusCode::OK, None, None).await
}

fn vn(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default()
}

/// The procedure form's values: as recorded, or as submitted when they were refused.
fn procedure_values(p: &ProcedureSteps) -> Fields {
    let mut f = Fields::new();
    f.insert(
        "land_type".into(),
        p.land_type.map(|l| l.as_str().to_string()).unwrap_or_default(),
    );
    for (k, d) in [
        ("notice_on", p.notice_on),
        ("plan_posted_from", p.plan_posted_from),
        ("plan_posted_to", p.plan_posted_to),
        ("consulted_on", p.consulted_on),
        ("dialogue_on", p.dialogue_on),
        ("recovery_decided_on", p.recovery_decided_on),
    ] {
        f.insert(k.into(), vn(d));
    }
    f
}

/// A refused procedure: its message goes beside this field.
fn procedure_field(code: ErrorCode) -> Option<&'static str> {
    match code {
        ErrorCode::PostingEndsBeforeStart => Some("plan_posted_to"),
        _ => None,
    }
}

async fn render_project(
    state: &AppState,
    page: &Page,
    id: i64,
    status: StatusCode,
    error: Option<String>,
    submitted: Option<(Fields, Option<&'static str>)>,
) -> Response {
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
        let (pv, error_field) = match &submitted {
            Some((f, at)) => (f.clone(), *at),
            None => (procedure_values(&project.procedure), None),
        };
        Ok::<_, ApiError>(context! {
            project, households, outstanding, log, series, error, error_field, today => today_vn(),
            pv => Value::from_serialize(&pv),
        })
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
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
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
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
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
    let f = fields_of(&pairs);
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
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
            render_project(state, page, project, status, Some(e.message), None).await
        }
        Err(e) => page.error(state, e),
    }
}

/// Records the land type and the procedure dates; refused dates are shown again as typed.
pub async fn set_procedure(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Response {
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
    let result = async {
        let steps = ProcedureSteps {
            land_type: opt(&f, "land_type").as_deref().map(LandType::parse).transpose()?,
            notice_on: opt_date(&f, "notice_on")?,
            plan_posted_from: opt_date(&f, "plan_posted_from")?,
            plan_posted_to: opt_date(&f, "plan_posted_to")?,
            consulted_on: opt_date(&f, "consulted_on")?,
            dialogue_on: opt_date(&f, "dialogue_on")?,
            recovery_decided_on: opt_date(&f, "recovery_decided_on")?,
        };
        Ok::<_, ApiError>(state.store.set_gpmb_procedure(&caller.actor, id, &steps).await?)
    }
    .await;
    match result {
        Ok(_) => Redirect::to(&format!("/gpmb/{id}")).into_response(),
        Err(e) if e.code == ErrorCode::NotFound => page.error(&state, e),
        Err(e) => {
            let status = crate::error::status_of(e.code);
            let at = procedure_field(e.code);
            render_project(&state, &page, id, status, Some(e.message), Some((f, at))).await
        }
    }
}

/// Links a dialogue (meeting number) or a petition (code) to the project.
pub async fn link(State(state): State<AppState>, page: Page, Path(id): Path<i64>, Form(f): Form<Fields>) -> Response {
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
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
