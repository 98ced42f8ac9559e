//! Movements, funds and ordered tasks pages: the period's overview (movements and groups,
//! funds, houses of great solidarity, new-rural contributions — figures as the reports write
//! them — with the forms to record each), a fund's book, and the ordered tasks.

use super::form_caller;
use super::petitions::{today_vn, unit_choices};
use super::records::{count, csrf_ok, opt, opt_date, own_unit, period, req_date, vn};
use super::{field, Fields, Page};
use crate::error::{status_of, ApiError};
use crate::i18n::{label_map, label_pairs};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::NaiveDate;
use danvan_domain::money::Amount;
use danvan_domain::movement::{
    ContributionSource, EntryKind, FundKind, GroupField, HouseKind, MovementKind, NewFund, NewFundEntry, NewGroup,
    NewHouse, NewMovement, NewOrderedTask, NewRuralContribution, TaskResult, TaskStatus,
};
use danvan_domain::ErrorCode;
use danvan_store::{ListOrder, RecordQuery, TaskQuery};
use minijinja::{context, Value};

fn labels(lang: &str) -> Value {
    context! {
        movement_kinds => label_pairs(lang, "movement_kind", MovementKind::ALL, MovementKind::as_str, MovementKind::label_vi),
        movement_kind_labels => label_map(lang, "movement_kind", MovementKind::ALL, MovementKind::as_str, MovementKind::label_vi),
        group_fields => label_pairs(lang, "group_field", GroupField::ALL, GroupField::as_str, GroupField::label_vi),
        fund_kinds => label_pairs(lang, "fund_kind", FundKind::ALL, FundKind::as_str, FundKind::label_vi),
        fund_kind_labels => label_map(lang, "fund_kind", FundKind::ALL, FundKind::as_str, FundKind::label_vi),
        entry_kinds => label_pairs(lang, "entry_kind", EntryKind::ALL, EntryKind::as_str, EntryKind::label_vi),
        entry_kind_labels => label_map(lang, "entry_kind", EntryKind::ALL, EntryKind::as_str, EntryKind::label_vi),
        house_kinds => label_pairs(lang, "house_kind", HouseKind::ALL, HouseKind::as_str, HouseKind::label_vi),
        house_kind_labels => label_map(lang, "house_kind", HouseKind::ALL, HouseKind::as_str, HouseKind::label_vi),
        sources => label_pairs(lang, "contribution_source", ContributionSource::ALL, ContributionSource::as_str, ContributionSource::label_vi),
        source_labels => label_map(lang, "contribution_source", ContributionSource::ALL, ContributionSource::as_str, ContributionSource::label_vi),
        task_status_labels => label_map(lang, "task_status", TaskStatus::ALL, TaskStatus::as_str, TaskStatus::label_vi),
    }
}

/// Money typed in a form: `1.500.000`, `1,5 triệu`; refused with `fractional_money` when it
/// leaves a fraction of a đồng.
fn amount(f: &Fields, k: &str) -> Amount {
    Amount::Text(field(f, k).to_string())
}

/// A chosen record's id from a select; blank is none.
fn opt_id(f: &Fields, k: &str, what: &str) -> Result<Option<i64>, ApiError> {
    opt(f, k)
        .map(|s| {
            s.parse::<i64>()
                .map_err(|_| ApiError::new(ErrorCode::Validation, &format!("{what} không hợp lệ")))
        })
        .transpose()
}

async fn render_overview(
    state: &AppState,
    page: &Page,
    f: &Fields,
    status: StatusCode,
    error: Option<String>,
) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let result: Result<Value, ApiError> = async {
        let (from, to) = period(f)?;
        let unit = own_unit(page);
        let a = &caller.actor;
        let st = &state.store;
        let movements = st.list_movements(a, &movement_query(f, from, to)?).await?;
        let links = super::list_links("/movements", f, movements.next.as_deref());
        let houses = st.list_houses(a, &section_query(f, from, to, "hq", "h_after")?).await?;
        let rural = st
            .list_rural_contributions(a, &section_query(f, from, to, "rq", "r_after")?)
            .await?;
        // Each list pages on its own cursor and has its own search box and file; one order.
        let h_next = super::next_page_url("/movements", f, "h_after", houses.next.as_deref());
        let r_next = super::next_page_url("/movements", f, "r_after", rural.next.as_deref());
        let h_links = super::list_links("/movements/houses", f, None);
        let r_links = super::list_links("/movements/new-rural", f, None);
        Ok(context! {
            movements => movements.items, links, q => opt(f, "q"), sort => opt(f, "sort"),
            houses => houses.items, h_next, h_links, hq => opt(f, "hq"),
            rural => rural.items, r_next, r_links, rq => opt(f, "rq"),
            movement_stats => st.movement_stats(a, &unit, from, to).await?,
            fund_stats => st.fund_stats(a, &unit, from, to).await?,
            rural_stats => st.new_rural_stats(a, &unit, from, to).await?,
            funds => st.list_funds(a).await?,
            units => unit_choices(state, page).await?,
            from => vn(from), to => vn(to), today => today_vn(), unit, error,
            ..labels(page.lang)
        })
    }
    .await;
    match result {
        Ok(ctx) => page.render(state, "movements.html", status, ctx),
        Err(e) => page.error(state, e),
    }
}

/// The movement list's filters: running in the page's period, the search words, order and page.
fn movement_query(f: &Fields, from: NaiveDate, to: NaiveDate) -> Result<RecordQuery, ApiError> {
    section_query(f, from, to, "q", "after")
}

/// The filters of one of the overview's lists: the page's period and order, with that list's
/// own search box (`words`) and cursor.
fn section_query(
    f: &Fields,
    from: NaiveDate,
    to: NaiveDate,
    words: &str,
    cursor: &str,
) -> Result<RecordQuery, ApiError> {
    Ok(RecordQuery {
        from: Some(from),
        to: Some(to),
        q: opt(f, words),
        sort: super::list_order(f)?,
        after: opt(f, cursor),
        limit: Some(50),
        ..Default::default()
    })
}

/// `/movements/houses/export?format=xlsx|csv&…`: the houses of the page's period and search.
pub async fn export_houses(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let (state, f) = (&state, &f);
    super::export_list(state, &page, f, |actor, format| async move {
        let (from, to) = period(f)?;
        let query = section_query(f, from, to, "hq", "")?;
        crate::export::houses(state, &actor, &query, format).await
    })
    .await
}

/// `/movements/new-rural/export?format=xlsx|csv&…`: the new-rural contributions of the page's
/// period and search.
pub async fn export_rural(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let (state, f) = (&state, &f);
    super::export_list(state, &page, f, |actor, format| async move {
        let (from, to) = period(f)?;
        let query = section_query(f, from, to, "rq", "")?;
        crate::export::rural_contributions(state, &actor, &query, format).await
    })
    .await
}

/// `/movements/export?format=xlsx|csv&…`: the movements of the page's period and search.
pub async fn export(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let (state, f) = (&state, &f);
    super::export_list(state, &page, f, |actor, format| async move {
        let (from, to) = period(f)?;
        crate::export::movements(state, &actor, &movement_query(f, from, to)?, format).await
    })
    .await
}

/// The task list's filters: overdue only, the search words, order (nearest deadline first
/// unless asked) and page.
fn task_query(f: &Fields) -> Result<TaskQuery, ApiError> {
    Ok(TaskQuery {
        overdue: field(f, "overdue") == "true",
        q: opt(f, "q"),
        sort: super::list_order_or(f, ListOrder::Oldest)?,
        after: opt(f, "after"),
        limit: Some(50),
        ..Default::default()
    })
}

/// `/ordered-tasks/export?format=xlsx|csv&…`: the task list's current filter as a file.
pub async fn export_tasks(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let (state, f) = (&state, &f);
    super::export_list(state, &page, f, |actor, format| async move {
        crate::export::ordered_tasks(state, &actor, &task_query(f)?, format).await
    })
    .await
}

pub async fn overview(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    render_overview(&state, &page, &f, StatusCode::OK, None).await
}

/// Runs one recording form's write; back to the overview, or the overview with the error.
async fn save<F>(state: &AppState, page: &Page, f: &Fields, back: &str, write: F) -> Response
where
    F: std::future::Future<Output = Result<(), ApiError>>,
{
    if !csrf_ok(page, f) {
        return page.error(state, ApiError::new(ErrorCode::CsrfFailed, ""));
    }
    match write.await {
        Ok(()) => Redirect::to(back).into_response(),
        Err(e) => render_overview(state, page, &Fields::new(), status_of(e.code), Some(e.message)).await,
    }
}

pub async fn create_movement(
    State(state): State<AppState>,
    page: Page,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let f: Fields = pairs.iter().cloned().collect();
    let units: Vec<String> = pairs
        .iter()
        .filter(|(k, v)| k == "units" && !v.trim().is_empty())
        .map(|(_, v)| v.clone())
        .collect();
    let write = async {
        let new = NewMovement {
            unit: field(&f, "unit").into(),
            kind: MovementKind::parse(field(&f, "kind"))?,
            name: field(&f, "name").into(),
            started_on: req_date(&f, "started_on")?,
            ended_on: opt_date(&f, "ended_on")?,
            description: opt(&f, "description"),
            units,
        };
        state.store.create_movement(&caller.actor, &new).await?;
        Ok(())
    };
    save(&state, &page, &f, "/movements", write).await
}

pub async fn create_group(State(state): State<AppState>, page: Page, Form(f): Form<Fields>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let write = async {
        let movement_id = opt_id(&f, "movement_id", "phong trào")?;
        let new = NewGroup {
            unit: field(&f, "unit").into(),
            movement_id,
            name: field(&f, "name").into(),
            field: GroupField::parse(field(&f, "field"))?,
            members: count(&f, "members")?.unwrap_or(0),
            founded_on: req_date(&f, "founded_on")?,
        };
        state.store.create_group(&caller.actor, &new).await?;
        Ok(())
    };
    save(&state, &page, &f, "/movements", write).await
}

pub async fn create_fund(State(state): State<AppState>, page: Page, Form(f): Form<Fields>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let write = async {
        let new = NewFund {
            unit: field(&f, "unit").into(),
            kind: FundKind::parse(field(&f, "kind"))?,
            name: field(&f, "name").into(),
            opened_on: req_date(&f, "opened_on")?,
        };
        state.store.create_fund(&caller.actor, &new).await?;
        Ok(())
    };
    save(&state, &page, &f, "/movements", write).await
}

pub async fn create_house(State(state): State<AppState>, page: Page, Form(f): Form<Fields>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let write = async {
        let fund_id = opt_id(&f, "fund_id", "quỹ")?;
        let new = NewHouse {
            unit: field(&f, "unit").into(),
            household: field(&f, "household").into(),
            kind: HouseKind::parse(field(&f, "kind"))?,
            handed_over_on: req_date(&f, "handed_over_on")?,
            value: amount(&f, "value"),
            fund_id,
            from_fund: opt(&f, "from_fund").map(Amount::Text),
        };
        state.store.create_house(&caller.actor, &new).await?;
        Ok(())
    };
    save(&state, &page, &f, "/movements", write).await
}

pub async fn create_rural(State(state): State<AppState>, page: Page, Form(f): Form<Fields>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let write = async {
        let new = NewRuralContribution {
            unit: field(&f, "unit").into(),
            on: req_date(&f, "on")?,
            source: ContributionSource::parse(field(&f, "source"))?,
            amount: opt(&f, "amount").map(Amount::Text).unwrap_or_default(),
            land_m2: opt(&f, "land_m2").map(Amount::Text),
            workdays: count(&f, "workdays")?,
            purpose: field(&f, "purpose").into(),
        };
        state.store.create_rural_contribution(&caller.actor, &new).await?;
        Ok(())
    };
    save(&state, &page, &f, "/movements", write).await
}

async fn render_fund(state: &AppState, page: &Page, id: i64, status: StatusCode, error: Option<String>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    match state.store.fund(&caller.actor, id).await {
        Ok(fund) => page.render(
            state,
            "fund.html",
            status,
            context! { fund, error, today => today_vn(), ..labels(page.lang) },
        ),
        Err(e) => page.error(state, e.into()),
    }
}

pub async fn fund(State(state): State<AppState>, page: Page, Path(id): Path<i64>) -> Response {
    render_fund(&state, &page, id, StatusCode::OK, None).await
}

pub async fn add_entry(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Response {
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
    let result: Result<(), ApiError> = async {
        let new = NewFundEntry {
            kind: EntryKind::parse(field(&f, "kind"))?,
            on: req_date(&f, "on")?,
            amount: amount(&f, "amount"),
            counterpart: field(&f, "counterpart").into(),
        };
        state.store.add_fund_entry(&caller.actor, id, &new).await?;
        Ok(())
    }
    .await;
    match result {
        Ok(()) => Redirect::to(&format!("/funds/{id}")).into_response(),
        Err(e) => render_fund(&state, &page, id, status_of(e.code), Some(e.message)).await,
    }
}

async fn render_tasks(
    state: &AppState,
    page: &Page,
    f: &Fields,
    status: StatusCode,
    error: Option<String>,
) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let result: Result<Value, ApiError> = async {
        let (from, to) = period(f)?;
        let overdue = field(f, "overdue") == "true";
        let tasks = state.store.list_ordered_tasks(&caller.actor, &task_query(f)?).await?;
        let links = super::list_links_from("/ordered-tasks", f, tasks.next.as_deref(), ListOrder::Oldest);
        let tasks = tasks.items;
        let stats = state
            .store
            .ordered_task_stats(&caller.actor, &own_unit(page), from, to)
            .await?;
        Ok(context! {
            tasks, stats, overdue, error, links, units => unit_choices(state, page).await?, q => opt(f, "q"),
            sort => opt(f, "sort"),
            unit => own_unit(page), from => vn(from), to => vn(to), today => today_vn(),
            ..labels(page.lang)
        })
    }
    .await;
    match result {
        Ok(ctx) => page.render(state, "ordered_tasks.html", status, ctx),
        Err(e) => page.error(state, e),
    }
}

pub async fn tasks(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    render_tasks(&state, &page, &f, StatusCode::OK, None).await
}

pub async fn create_task(State(state): State<AppState>, page: Page, Form(f): Form<Fields>) -> Response {
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
    let result: Result<(), ApiError> = async {
        let new = NewOrderedTask {
            unit: field(&f, "unit").into(),
            orderer: field(&f, "orderer").into(),
            contractor: field(&f, "contractor").into(),
            content: field(&f, "content").into(),
            budget: amount(&f, "budget"),
            ordered_on: req_date(&f, "ordered_on")?,
            deadline: req_date(&f, "deadline")?,
            gpmb_project: opt(&f, "gpmb_project"),
        };
        state.store.create_ordered_task(&caller.actor, &new).await?;
        Ok(())
    }
    .await;
    match result {
        Ok(()) => Redirect::to("/ordered-tasks").into_response(),
        Err(e) => render_tasks(&state, &page, &Fields::new(), status_of(e.code), Some(e.message)).await,
    }
}

pub async fn finish_task(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Response {
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
    let result: Result<(), ApiError> = async {
        let r = TaskResult {
            status: TaskStatus::parse(field(&f, "status"))?,
            on: opt_date(&f, "on")?,
            result: field(&f, "result").into(),
            spent: opt(&f, "spent").map(Amount::Text),
        };
        state.store.finish_ordered_task(&caller.actor, id, &r).await?;
        Ok(())
    }
    .await;
    match result {
        Ok(()) => Redirect::to("/ordered-tasks").into_response(),
        Err(e) => render_tasks(&state, &page, &Fields::new(), status_of(e.code), Some(e.message)).await,
    }
}
