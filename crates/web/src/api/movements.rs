//! Movements and self-managed groups, funds and their entries, houses of great solidarity,
//! new-rural contributions and ordered tasks over JSON, with their statistics.

use super::list_params::{Filters, Paging};
use super::records::StatsParams;
use super::ApiQuery;
use super::{ApiJson, List, Paged};
use crate::auth::ApiCaller;
use crate::error::{ApiError, ErrorBody};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use danvan_domain::movement::{
    Fund, FundStats, Group, House, Movement, MovementStats, NewFund, NewFundEntry, NewGroup, NewHouse, NewMovement,
    NewOrderedTask, NewRuralContribution, NewRuralStats, OrderedTask, OrderedTaskStats, RuralContribution, TaskResult,
    TaskStatus,
};
use danvan_store::TaskQuery;
use serde::Deserialize;
use utoipa::IntoParams;

/// Movements and campaigns in scope running at some time in the range, by start, newest first
/// unless `sort=oldest`, a page at a time; `q` searches the name and description.
#[utoipa::path(get, path = "/api/v1/movements", params(Filters, Paging), security(("bearer" = [])),
    responses((status = 200, body = Paged<Movement>), (status = 400, body = ErrorBody)))]
pub async fn list_movements(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(f): ApiQuery<Filters>,
    ApiQuery(paging): ApiQuery<Paging>,
) -> Result<Json<Paged<Movement>>, ApiError> {
    let query = f.record_query(&paging)?;
    Ok(Json(state.store.list_movements(&caller.actor, &query).await?.into()))
}

#[utoipa::path(post, path = "/api/v1/movements", request_body = NewMovement, security(("bearer" = [])),
    responses((status = 201, body = Movement), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create_movement(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(new): ApiJson<NewMovement>,
) -> Result<(StatusCode, Json<Movement>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.create_movement(&caller.actor, &new).await?),
    ))
}

#[utoipa::path(get, path = "/api/v1/movements/{id}", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Movement), (status = 404, body = ErrorBody)))]
pub async fn get_movement(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<Movement>, ApiError> {
    Ok(Json(state.store.movement(&caller.actor, id).await?))
}

/// Movements running in the period, the units taking part and the self-managed groups.
#[utoipa::path(get, path = "/api/v1/movements/stats", params(StatsParams), security(("bearer" = [])),
    responses((status = 200, body = MovementStats), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn movement_stats(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<StatsParams>,
) -> Result<Json<MovementStats>, ApiError> {
    let (unit, from, to) = p.resolve(&caller)?;
    Ok(Json(state.store.movement_stats(&caller.actor, &unit, from, to).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GroupParams {
    movement_id: Option<i64>,
}

/// Self-managed groups in scope.
#[utoipa::path(get, path = "/api/v1/movement-groups", params(GroupParams), security(("bearer" = [])),
    responses((status = 200, body = List<Group>)))]
pub async fn list_groups(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<GroupParams>,
) -> Result<Json<List<Group>>, ApiError> {
    Ok(Json(
        state.store.list_groups(&caller.actor, p.movement_id).await?.into(),
    ))
}

#[utoipa::path(post, path = "/api/v1/movement-groups", request_body = NewGroup, security(("bearer" = [])),
    responses((status = 201, body = Group), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create_group(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(new): ApiJson<NewGroup>,
) -> Result<(StatusCode, Json<Group>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.create_group(&caller.actor, &new).await?),
    ))
}

/// Funds in scope with what they received, spent and hold (whole đồng).
#[utoipa::path(get, path = "/api/v1/funds", security(("bearer" = [])), responses((status = 200, body = List<Fund>)))]
pub async fn list_funds(State(state): State<AppState>, caller: ApiCaller) -> Result<Json<List<Fund>>, ApiError> {
    Ok(Json(state.store.list_funds(&caller.actor).await?.into()))
}

#[utoipa::path(post, path = "/api/v1/funds", request_body = NewFund, security(("bearer" = [])),
    responses((status = 201, body = Fund), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create_fund(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(new): ApiJson<NewFund>,
) -> Result<(StatusCode, Json<Fund>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.create_fund(&caller.actor, &new).await?),
    ))
}

/// One fund with its receipts and spending.
#[utoipa::path(get, path = "/api/v1/funds/{id}", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Fund), (status = 404, body = ErrorBody)))]
pub async fn get_fund(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<Fund>, ApiError> {
    Ok(Json(state.store.fund(&caller.actor, id).await?))
}

/// Money in or out. Amounts are whole đồng (`fractional_money` otherwise); spending more than
/// the fund holds on that day or later is `fund_overdrawn`.
#[utoipa::path(post, path = "/api/v1/funds/{id}/entries", params(("id" = i64, Path)), request_body = NewFundEntry,
    security(("bearer" = [])),
    responses((status = 201, body = Fund), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn add_entry(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    ApiJson(new): ApiJson<NewFundEntry>,
) -> Result<(StatusCode, Json<Fund>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.add_fund_entry(&caller.actor, id, &new).await?),
    ))
}

/// Fund receipts and spending in the period by kind, and the houses of great solidarity.
#[utoipa::path(get, path = "/api/v1/funds/stats", params(StatsParams), security(("bearer" = [])),
    responses((status = 200, body = FundStats), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn fund_stats(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<StatsParams>,
) -> Result<Json<FundStats>, ApiError> {
    let (unit, from, to) = p.resolve(&caller)?;
    Ok(Json(state.store.fund_stats(&caller.actor, &unit, from, to).await?))
}

/// Houses of great solidarity in scope handed over in the range, newest first unless
/// `sort=oldest`, a page at a time; `q` searches the household.
#[utoipa::path(get, path = "/api/v1/houses", params(Filters, Paging), security(("bearer" = [])),
    responses((status = 200, body = Paged<House>), (status = 400, body = ErrorBody)))]
pub async fn list_houses(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(f): ApiQuery<Filters>,
    ApiQuery(paging): ApiQuery<Paging>,
) -> Result<Json<Paged<House>>, ApiError> {
    let query = f.record_query(&paging)?;
    Ok(Json(state.store.list_houses(&caller.actor, &query).await?.into()))
}

/// Records a house; a fund's share is written as that fund's spending, or nothing is written.
#[utoipa::path(post, path = "/api/v1/houses", request_body = NewHouse, security(("bearer" = [])),
    responses((status = 201, body = House), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create_house(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(new): ApiJson<NewHouse>,
) -> Result<(StatusCode, Json<House>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.create_house(&caller.actor, &new).await?),
    ))
}

/// New-rural contributions in scope given in the range, newest first unless `sort=oldest`, a
/// page at a time; `q` searches what they were for.
#[utoipa::path(get, path = "/api/v1/new-rural", params(Filters, Paging), security(("bearer" = [])),
    responses((status = 200, body = Paged<RuralContribution>), (status = 400, body = ErrorBody)))]
pub async fn list_rural(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(f): ApiQuery<Filters>,
    ApiQuery(paging): ApiQuery<Paging>,
) -> Result<Json<Paged<RuralContribution>>, ApiError> {
    let query = f.record_query(&paging)?;
    Ok(Json(
        state
            .store
            .list_rural_contributions(&caller.actor, &query)
            .await?
            .into(),
    ))
}

#[utoipa::path(post, path = "/api/v1/new-rural", request_body = NewRuralContribution, security(("bearer" = [])),
    responses((status = 201, body = RuralContribution), (status = 400, body = ErrorBody)))]
pub async fn create_rural(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(new): ApiJson<NewRuralContribution>,
) -> Result<(StatusCode, Json<RuralContribution>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.create_rural_contribution(&caller.actor, &new).await?),
    ))
}

/// New-rural money by source (whole đồng and triệu đồng), land and workdays in the period.
#[utoipa::path(get, path = "/api/v1/new-rural/stats", params(StatsParams), security(("bearer" = [])),
    responses((status = 200, body = NewRuralStats), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn rural_stats(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<StatsParams>,
) -> Result<Json<NewRuralStats>, ApiError> {
    let (unit, from, to) = p.resolve(&caller)?;
    Ok(Json(state.store.new_rural_stats(&caller.actor, &unit, from, to).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskParams {
    /// ordered | done | cancelled
    status: Option<String>,
    /// Only the open ones past their deadline
    overdue: Option<bool>,
    /// `scheme/code`: this unit and those below it
    unit: Option<String>,
    /// Words of the orderer, contractor, content or project, with or without diacritics
    q: Option<String>,
    /// By deadline: `oldest` (default, the nearest deadline first) or `newest`
    sort: Option<String>,
}

impl TaskParams {
    pub(crate) fn query(self, paging: Paging) -> Result<TaskQuery, ApiError> {
        use super::records::nonempty;
        Ok(TaskQuery {
            unit: nonempty(self.unit),
            status: nonempty(self.status).as_deref().map(TaskStatus::parse).transpose()?,
            overdue: self.overdue.unwrap_or(false),
            q: nonempty(self.q),
            sort: match nonempty(self.sort) {
                Some(s) => danvan_store::ListOrder::parse(&s)?,
                None => danvan_store::ListOrder::Oldest,
            },
            after: nonempty(paging.after),
            limit: paging.limit,
        })
    }
}

/// Ordered tasks in scope, nearest deadline first unless `sort=newest`, a page at a time.
#[utoipa::path(get, path = "/api/v1/ordered-tasks", params(TaskParams, Paging), security(("bearer" = [])),
    responses((status = 200, body = Paged<OrderedTask>), (status = 400, body = ErrorBody)))]
pub async fn list_tasks(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<TaskParams>,
    ApiQuery(paging): ApiQuery<Paging>,
) -> Result<Json<Paged<OrderedTask>>, ApiError> {
    let query = p.query(paging)?;
    Ok(Json(
        state.store.list_ordered_tasks(&caller.actor, &query).await?.into(),
    ))
}

/// Records a task the government orders from MTTQ or an association (cơ chế đặt hàng).
#[utoipa::path(post, path = "/api/v1/ordered-tasks", request_body = NewOrderedTask, security(("bearer" = [])),
    responses((status = 201, body = OrderedTask), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create_task(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(new): ApiJson<NewOrderedTask>,
) -> Result<(StatusCode, Json<OrderedTask>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.create_ordered_task(&caller.actor, &new).await?),
    ))
}

#[utoipa::path(get, path = "/api/v1/ordered-tasks/{id}", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = OrderedTask), (status = 404, body = ErrorBody)))]
pub async fn get_task(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<OrderedTask>, ApiError> {
    Ok(Json(state.store.ordered_task(&caller.actor, id).await?))
}

/// Ends a task: done with its result and the money used, or cancelled with the reason.
#[utoipa::path(post, path = "/api/v1/ordered-tasks/{id}/result", params(("id" = i64, Path)), request_body = TaskResult,
    security(("bearer" = [])),
    responses((status = 200, body = OrderedTask), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn finish_task(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    ApiJson(r): ApiJson<TaskResult>,
) -> Result<Json<OrderedTask>, ApiError> {
    Ok(Json(state.store.finish_ordered_task(&caller.actor, id, &r).await?))
}

/// Ordered tasks of the period: done, on time, cancelled, overdue, budget.
#[utoipa::path(get, path = "/api/v1/ordered-tasks/stats", params(StatsParams), security(("bearer" = [])),
    responses((status = 200, body = OrderedTaskStats), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn task_stats(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<StatsParams>,
) -> Result<Json<OrderedTaskStats>, ApiError> {
    let (unit, from, to) = p.resolve(&caller)?;
    Ok(Json(
        state.store.ordered_task_stats(&caller.actor, &unit, from, to).await?,
    ))
}
