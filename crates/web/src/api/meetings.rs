//! Meetings, supervisions, contributions, their items and the follow-up worklist, statistics
//! and compliance over JSON.

use super::list_params::{Filters, Paging};
use super::ApiQuery;
use super::{ApiJson, List, Paged};
use crate::auth::ApiCaller;
use crate::error::{ApiError, ErrorBody};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use danvan_domain::figures::Rounding;
use danvan_domain::meeting::{
    Contribution, Decision, Item, Meeting, MeetingKind, MeetingPage, MeetingStats, MeetingStatus, MeetingStep,
    NewContribution, NewItem, NewMeeting, NewSupervision, SourceKind, Supervision, UnitCompliance, WorklistItem,
};
use danvan_domain::movement::OrderedTask;
use danvan_domain::petition::{NewPetition, Petition};
use danvan_domain::unit::parse_date;
use danvan_domain::{DomainError, ErrorCode};
use danvan_store::{FollowUpQuery, MeetingQuery};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

fn opt_date(s: &Option<String>) -> Result<Option<chrono::NaiveDate>, ApiError> {
    Ok(s.as_deref().filter(|s| !s.is_empty()).map(parse_date).transpose()?)
}

fn nonempty(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty())
}

/// Filters; every one optional. Dates bound the meeting day.
#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct MeetingParams {
    /// This unit and those below it: `scheme/code`
    unit: Option<String>,
    /// dialogue_periodic | dialogue_ad_hoc | dialogue_thematic | voter_before_hdnd | … | working_session
    kind: Option<String>,
    /// planned | held | announced | closed
    status: Option<String>,
    from: Option<String>,
    to: Option<String>,
    /// Only meetings whose hand-entered opinion counts do not match their parts or items
    inconsistent: Option<bool>,
    /// Words of the topic, organiser, place or GPMB project; diacritics optional
    q: Option<String>,
    /// `newest` (default) or `oldest`, by the list's date
    sort: Option<String>,
    /// The `next` value of the previous page (made with the same `sort`)
    after: Option<String>,
    limit: Option<i64>,
}

impl MeetingParams {
    pub fn into_query(self) -> Result<MeetingQuery, ApiError> {
        Ok(MeetingQuery {
            unit: nonempty(self.unit),
            kind: nonempty(self.kind).as_deref().map(MeetingKind::parse).transpose()?,
            status: nonempty(self.status).as_deref().map(MeetingStatus::parse).transpose()?,
            from: opt_date(&self.from)?,
            to: opt_date(&self.to)?,
            inconsistent: self.inconsistent.unwrap_or(false),
            q: nonempty(self.q),
            sort: danvan_store::ListOrder::parse(self.sort.as_deref().unwrap_or(""))?,
            after: nonempty(self.after),
            limit: self.limit,
        })
    }
}

/// Meetings in scope, newest first, a page at a time.
#[utoipa::path(get, path = "/api/v1/meetings", params(MeetingParams), security(("bearer" = [])),
    responses((status = 200, body = MeetingPage), (status = 400, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<MeetingParams>,
) -> Result<Json<MeetingPage>, ApiError> {
    Ok(Json(state.store.list_meetings(&caller.actor, &p.into_query()?).await?))
}

/// Every meeting the filters pick (the list's filters), as CSV or XLSX.
#[utoipa::path(get, path = "/api/v1/meetings/export", params(super::petitions::ExportParams, MeetingParams), security(("bearer" = [])),
    responses((status = 200, description = "The file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, body = ErrorBody)))]
pub async fn export(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(format): ApiQuery<super::petitions::ExportParams>,
    ApiQuery(p): ApiQuery<MeetingParams>,
) -> Result<axum::response::Response, ApiError> {
    let format = crate::export::parse_format(&format.format)?;
    crate::export::meetings(&state, &caller.actor, &p.into_query()?, format).await
}

/// Records a meeting (a plan, or one already held) with the items raised at it.
#[utoipa::path(post, path = "/api/v1/meetings", request_body = NewMeeting, security(("bearer" = [])),
    responses((status = 201, body = Meeting), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(new): ApiJson<NewMeeting>,
) -> Result<(StatusCode, Json<Meeting>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.create_meeting(&caller.actor, &new).await?),
    ))
}

/// One meeting with its items and consistency warnings.
#[utoipa::path(get, path = "/api/v1/meetings/{id}", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Meeting), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<Meeting>, ApiError> {
    Ok(Json(state.store.meeting(&caller.actor, id).await?))
}

/// Moves a meeting on: hold (minutes), announce (date and form), close (every item closed).
#[utoipa::path(post, path = "/api/v1/meetings/{id}/step", params(("id" = i64, Path)), request_body = MeetingStep,
    security(("bearer" = [])),
    responses((status = 200, body = Meeting), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn step(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    ApiJson(step): ApiJson<MeetingStep>,
) -> Result<Json<Meeting>, ApiError> {
    Ok(Json(state.store.step_meeting(&caller.actor, id, &step).await?))
}

/// Adds items raised at a meeting.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/items", params(("id" = i64, Path)), request_body = Vec<NewItem>,
    security(("bearer" = [])),
    responses((status = 201, body = List<Item>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn add_items(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    ApiJson(items): ApiJson<Vec<NewItem>>,
) -> Result<(StatusCode, Json<List<Item>>), ApiError> {
    let added = state
        .store
        .add_items(&caller.actor, SourceKind::Meeting, id, &items)
        .await?;
    Ok((StatusCode::CREATED, Json(added.into())))
}

/// Records an item's outcome, or the written answer of an item awaiting one.
#[utoipa::path(post, path = "/api/v1/items/{id}/outcome", params(("id" = i64, Path)), request_body = Decision,
    security(("bearer" = [])),
    responses((status = 200, body = Item), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn outcome(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    ApiJson(decision): ApiJson<Decision>,
) -> Result<Json<Item>, ApiError> {
    Ok(Json(state.store.decide_item(&caller.actor, id, &decision).await?))
}

/// Turns an item into a petition, linked both ways; the item becomes "forwarded".
#[utoipa::path(post, path = "/api/v1/items/{id}/petition", params(("id" = i64, Path)), request_body = NewPetition,
    security(("bearer" = [])),
    responses((status = 201, body = Petition), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn to_petition(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    ApiJson(new): ApiJson<NewPetition>,
) -> Result<(StatusCode, Json<Petition>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.item_to_petition(&caller.actor, id, &new).await?),
    ))
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct ItemParams {
    /// Must be `true`: the worklist of items awaiting a written answer
    awaiting: Option<bool>,
    /// `true`: only those past their deadline
    overdue: Option<bool>,
    /// Only those due within this many days
    due_within_days: Option<i64>,
    /// meeting | supervision | contribution
    source: Option<String>,
    /// This unit and those below it
    unit: Option<String>,
    /// Words of the opinion's content, with or without diacritics
    q: Option<String>,
    /// The previous page's `next` (items only)
    after: Option<String>,
    /// Rows per page (200 unless given, at most 1.000)
    limit: Option<i64>,
}

impl ItemParams {
    pub(crate) fn query(self) -> Result<FollowUpQuery, ApiError> {
        Ok(FollowUpQuery {
            unit: nonempty(self.unit),
            q: nonempty(self.q),
            after: nonempty(self.after),
            source: nonempty(self.source).as_deref().map(SourceKind::parse).transpose()?,
            overdue: self.overdue.unwrap_or(false),
            due_within_days: self.due_within_days,
            today: None,
            limit: self.limit,
        })
    }
}

/// The follow-up worklist: items awaiting a written answer from every source, nearest deadline
/// first, with overdue flags, a page at a time.
#[utoipa::path(get, path = "/api/v1/items", params(ItemParams), security(("bearer" = [])),
    responses((status = 200, body = Paged<WorklistItem>), (status = 400, body = ErrorBody)))]
pub async fn worklist(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<ItemParams>,
) -> Result<Json<Paged<WorklistItem>>, ApiError> {
    if p.awaiting == Some(false) {
        return Err(DomainError::new(
            ErrorCode::Unsupported,
            "chỉ có danh sách ý kiến chờ trả lời (awaiting=true)",
        )
        .into());
    }
    let query = p.query()?;
    Ok(Json(state.store.follow_up(&caller.actor, &query).await?.into()))
}

/// The follow-up worklist as the staff page shows it: the items awaiting an answer, and the
/// tasks ordered from MTTQ or an association that are past their deadline and not done.
#[derive(Debug, Serialize, ToSchema)]
pub struct FollowUpWorklist {
    pub items: Vec<WorklistItem>,
    /// The `after` of the items' next page; absent on the last
    pub next: Option<String>,
    /// Nearest deadline first; empty when the list is filtered to one source of items
    pub ordered_tasks: Vec<OrderedTask>,
}

/// The follow-up worklist with the overdue ordered tasks beside the items (`/follow-up` on
/// the staff pages). Filters as `/api/v1/items`; `unit` and `limit` apply to both lists.
#[utoipa::path(get, path = "/api/v1/follow-up", params(ItemParams), security(("bearer" = [])),
    responses((status = 200, body = FollowUpWorklist), (status = 400, body = ErrorBody)))]
pub async fn follow_up(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<ItemParams>,
) -> Result<Json<FollowUpWorklist>, ApiError> {
    let query = p.query()?;
    let page = state.store.follow_up(&caller.actor, &query).await?;
    let (items, next) = (page.items, page.next);
    let ordered_tasks = if query.source.is_none() {
        state.store.follow_up_tasks(&caller.actor, &query).await?
    } else {
        Vec::new()
    };
    Ok(Json(FollowUpWorklist {
        items,
        next,
        ordered_tasks,
    }))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodParams {
    /// `scheme/code`; default the caller's unit
    unit: Option<String>,
    from: String,
    to: String,
    /// truncate (default) | half_up
    rounding: Option<Rounding>,
}

impl PeriodParams {
    fn unit(&self, caller: &ApiCaller) -> String {
        self.unit
            .clone()
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| format!("{}/{}", caller.user.unit_scheme, caller.user.unit_code))
    }
}

/// Meeting, item, supervision and contribution figures for a unit subtree and a period.
#[utoipa::path(get, path = "/api/v1/meetings/stats", params(PeriodParams), security(("bearer" = [])),
    responses((status = 200, body = MeetingStats), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn stats(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<PeriodParams>,
) -> Result<Json<MeetingStats>, ApiError> {
    let unit = p.unit(&caller);
    let (from, to) = (parse_date(&p.from)?, parse_date(&p.to)?);
    let rounding = p.rounding.unwrap_or_default();
    Ok(Json(
        state
            .store
            .meeting_stats(&caller.actor, &unit, from, to, rounding)
            .await?,
    ))
}

/// Per unit: what the compliance rules required in the period, what was held, who is behind.
#[utoipa::path(get, path = "/api/v1/compliance", params(PeriodParams), security(("bearer" = [])),
    responses((status = 200, body = List<UnitCompliance>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn compliance(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<PeriodParams>,
) -> Result<Json<List<UnitCompliance>>, ApiError> {
    let unit = p.unit(&caller);
    let (from, to) = (parse_date(&p.from)?, parse_date(&p.to)?);
    Ok(Json(
        state
            .store
            .meeting_compliance(&caller.actor, &unit, from, to)
            .await?
            .into(),
    ))
}

/// Supervisions in scope, newest first unless `sort=oldest`; `q` searches the organisation,
/// subject, topic and conclusions.
#[utoipa::path(get, path = "/api/v1/supervisions", params(Filters, Paging), security(("bearer" = [])),
    responses((status = 200, body = Paged<Supervision>), (status = 400, body = ErrorBody)))]
pub async fn list_supervisions(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(f): ApiQuery<Filters>,
    ApiQuery(paging): ApiQuery<Paging>,
) -> Result<Json<Paged<Supervision>>, ApiError> {
    let query = f.record_query(&paging)?;
    Ok(Json(state.store.list_supervisions(&caller.actor, &query).await?.into()))
}

/// Records a supervision (giám sát) with its recommendations.
#[utoipa::path(post, path = "/api/v1/supervisions", request_body = NewSupervision, security(("bearer" = [])),
    responses((status = 201, body = Supervision), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create_supervision(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(new): ApiJson<NewSupervision>,
) -> Result<(StatusCode, Json<Supervision>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.create_supervision(&caller.actor, &new).await?),
    ))
}

/// Contributions in scope, newest first unless `sort=oldest`; `q` searches the organisation and
/// document.
#[utoipa::path(get, path = "/api/v1/contributions", params(Filters, Paging), security(("bearer" = [])),
    responses((status = 200, body = Paged<Contribution>), (status = 400, body = ErrorBody)))]
pub async fn list_contributions(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(f): ApiQuery<Filters>,
    ApiQuery(paging): ApiQuery<Paging>,
) -> Result<Json<Paged<Contribution>>, ApiError> {
    let query = f.record_query(&paging)?;
    Ok(Json(
        state.store.list_contributions(&caller.actor, &query).await?.into(),
    ))
}

/// Records a contribution (góp ý xây dựng Đảng, chính quyền) with its opinions.
#[utoipa::path(post, path = "/api/v1/contributions", request_body = NewContribution, security(("bearer" = [])),
    responses((status = 201, body = Contribution), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create_contribution(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(new): ApiJson<NewContribution>,
) -> Result<(StatusCode, Json<Contribution>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.create_contribution(&caller.actor, &new).await?),
    ))
}
