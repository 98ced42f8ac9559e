//! Grassroots democracy over JSON: disclosures with the compliance view and the quarterly
//! list, resident decisions with recognition, consultations, boards, and the statistics.

use super::ApiQuery;
use super::{ApiJson, List, Paged};
use crate::auth::ApiCaller;
use crate::error::{ApiError, ErrorBody};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use danvan_domain::democracy::{
    disclosure_catalogue, Board, Consultation, Disclosure, DisclosureCompliance, DisclosureItem, DisclosureStats,
    NewBoard, NewBoardReport, NewConsultation, NewDisclosure, NewResidentDecision, PostingUpdate, Recognition,
    ResidentDecision, ResidentDecisionStats,
};
use danvan_domain::unit::parse_date;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/disclosure-items", get(catalogue))
        .route("/api/v1/disclosures", get(list).post(create))
        .route("/api/v1/disclosures/compliance", get(compliance))
        .route("/api/v1/disclosures/quarter", get(quarter))
        .route("/api/v1/disclosures/stats", get(stats))
        .route("/api/v1/disclosures/{id}", get(get_one))
        .route("/api/v1/disclosures/{id}/posting", post(posting))
        .route("/api/v1/resident-decisions", get(list_decisions).post(create_decision))
        .route("/api/v1/resident-decisions/stats", get(decision_stats))
        .route("/api/v1/resident-decisions/{id}", get(get_decision))
        .route("/api/v1/resident-decisions/{id}/recognition", post(recognise))
        .route(
            "/api/v1/consultations",
            get(list_consultations).post(create_consultation),
        )
        .route("/api/v1/consultations/{id}", get(get_consultation))
        .route("/api/v1/boards", get(list_boards).post(create_board))
        .route("/api/v1/boards/{id}", get(get_board))
        .route("/api/v1/boards/{id}/reports", post(add_report))
}

pub(crate) use super::list_params::{nonempty, opt_date, Filters, Paging};

/// A unit subtree (default the caller's unit) and a period.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Period {
    /// `scheme/code`; default the caller's unit
    pub unit: Option<String>,
    pub from: String,
    pub to: String,
}

impl Period {
    pub(crate) fn unit(&self, caller: &ApiCaller) -> String {
        nonempty(&self.unit).unwrap_or_else(|| format!("{}/{}", caller.user.unit_scheme, caller.user.unit_code))
    }
    pub(crate) fn dates(&self) -> Result<(chrono::NaiveDate, chrono::NaiveDate), ApiError> {
        Ok((parse_date(&self.from)?, parse_date(&self.to)?))
    }
}

/// The 14 items a commune must disclose (Luật 10/2022 Điều 11) with their legal basis and
/// posting rule.
#[utoipa::path(get, path = "/api/v1/disclosure-items", responses((status = 200, body = List<DisclosureItem>)))]
pub async fn catalogue() -> Json<List<DisclosureItem>> {
    Json(disclosure_catalogue().to_vec().into())
}

/// A page of disclosures.
#[derive(Serialize, ToSchema)]
pub struct DisclosureList {
    /// Rows on this page.
    pub count: usize,
    pub items: Vec<Disclosure>,
    /// Pass as `after` for the next page; absent on the last page.
    pub next: Option<String>,
}

/// Disclosures in scope, the newest decision first, a page at a time; dates bound the decision
/// day.
#[utoipa::path(get, path = "/api/v1/disclosures", params(Filters, Paging), security(("bearer" = [])),
    responses((status = 200, body = DisclosureList), (status = 400, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(f): ApiQuery<Filters>,
    ApiQuery(paging): ApiQuery<Paging>,
) -> Result<Json<DisclosureList>, ApiError> {
    let q = f.disclosure_query(&paging)?;
    let page = state.store.list_disclosures(&caller.actor, &q).await?;
    Ok(Json(DisclosureList {
        count: page.items.len(),
        items: page.items,
        next: page.next,
    }))
}

/// Records a disclosure: the decision that triggers it, and once disclosed its forms and
/// posting days. A posting that ends before it starts is `posting_ends_before_start`.
#[utoipa::path(post, path = "/api/v1/disclosures", request_body = NewDisclosure, security(("bearer" = [])),
    responses((status = 201, body = Disclosure), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(new): ApiJson<NewDisclosure>,
) -> Result<(StatusCode, Json<Disclosure>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.create_disclosure(&caller.actor, &new).await?),
    ))
}

/// One disclosure with its check against the deadline and the posting duration.
#[utoipa::path(get, path = "/api/v1/disclosures/{id}", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Disclosure), (status = 404, body = ErrorBody)))]
pub async fn get_one(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<Disclosure>, ApiError> {
    Ok(Json(state.store.disclosure(&caller.actor, id).await?))
}

/// Records the posting of a disclosure (start, forms, place) or its end.
#[utoipa::path(post, path = "/api/v1/disclosures/{id}/posting", params(("id" = i64, Path)), request_body = PostingUpdate,
    security(("bearer" = [])), responses((status = 200, body = Disclosure), (status = 400, body = ErrorBody)))]
pub async fn posting(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    ApiJson(up): ApiJson<PostingUpdate>,
) -> Result<Json<Disclosure>, ApiError> {
    Ok(Json(
        state.store.update_disclosure_posting(&caller.actor, id, &up).await?,
    ))
}

/// The compliance view over the decisions of a period: due, on time, late, not disclosed,
/// postings that ended too early, with every flagged disclosure.
#[utoipa::path(get, path = "/api/v1/disclosures/compliance", params(Period), security(("bearer" = [])),
    responses((status = 200, body = DisclosureCompliance), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn compliance(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<Period>,
) -> Result<Json<DisclosureCompliance>, ApiError> {
    let (from, to) = p.dates()?;
    Ok(Json(
        state
            .store
            .disclosure_compliance(&caller.actor, &p.unit(&caller), from, to)
            .await?,
    ))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QuarterParams {
    unit: Option<String>,
    year: i32,
    /// 1–4
    quarter: u32,
}

/// The quarterly list of what was disclosed (Điều 13(2)), in the order it was disclosed.
#[utoipa::path(get, path = "/api/v1/disclosures/quarter", params(QuarterParams), security(("bearer" = [])),
    responses((status = 200, body = List<Disclosure>), (status = 400, body = ErrorBody)))]
pub async fn quarter(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<QuarterParams>,
) -> Result<Json<List<Disclosure>>, ApiError> {
    let unit = nonempty(&p.unit).unwrap_or_else(|| format!("{}/{}", caller.user.unit_scheme, caller.user.unit_code));
    Ok(Json(
        state
            .store
            .disclosure_quarter(&caller.actor, &unit, p.year, p.quarter)
            .await?
            .into(),
    ))
}

/// Disclosure figures for the reports.
#[utoipa::path(get, path = "/api/v1/disclosures/stats", params(Period), security(("bearer" = [])),
    responses((status = 200, body = DisclosureStats), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn stats(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<Period>,
) -> Result<Json<DisclosureStats>, ApiError> {
    let (from, to) = p.dates()?;
    Ok(Json(
        state
            .store
            .disclosure_stats(&caller.actor, &p.unit(&caller), from, to)
            .await?,
    ))
}

/// Resident decisions in scope, the newest vote first unless `sort=oldest`, a page at a time;
/// `q` searches the title and notes.
#[utoipa::path(get, path = "/api/v1/resident-decisions", params(Filters, Paging), security(("bearer" = [])),
    responses((status = 200, body = Paged<ResidentDecision>), (status = 400, body = ErrorBody)))]
pub async fn list_decisions(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(f): ApiQuery<Filters>,
    ApiQuery(paging): ApiQuery<Paging>,
) -> Result<Json<Paged<ResidentDecision>>, ApiError> {
    let query = f.record_query(&paging)?;
    Ok(Json(
        state.store.list_resident_decisions(&caller.actor, &query).await?.into(),
    ))
}

/// Records a vote; the threshold (> 50 %, or ≥ 2/3 for contributions) and the outcome are
/// computed. More votes than households is `votes_exceed_households`. The procedure of Luật
/// 10/2022 is enforced: `proposer` (default the commune chair commune-wide, the trưởng thôn
/// otherwise; another is `proposer_not_allowed`); a citizen initiative needs
/// `initiative_households` ≥ 10 % of `electorate` (`initiative_too_few_households`, unless
/// `front_approved`) and `consent_on` at most 3 months before the vote
/// (`initiative_consent_expired`); items 3–5 at a meeting, a ballot only after `quorum_failed`,
/// online only for item 6 (`vote_form_not_allowed`); online needs `online_opt_in` > 50 % of the
/// households (`online_opt_in_too_low`); a ballot is announced ≥ 2 days before distribution
/// (`ballot_announced_on`, `ballot_distributed_on`; `ballot_notice_too_short`); the ballot or
/// online vote team has 3–5 members (`team_size`; `team_size_out_of_range`).
#[utoipa::path(post, path = "/api/v1/resident-decisions", request_body = NewResidentDecision, security(("bearer" = [])),
    responses((status = 201, body = ResidentDecision), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create_decision(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(new): ApiJson<NewResidentDecision>,
) -> Result<(StatusCode, Json<ResidentDecision>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.create_resident_decision(&caller.actor, &new).await?),
    ))
}

#[utoipa::path(get, path = "/api/v1/resident-decisions/{id}", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = ResidentDecision), (status = 404, body = ErrorBody)))]
pub async fn get_decision(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<ResidentDecision>, ApiError> {
    Ok(Json(state.store.resident_decision(&caller.actor, id).await?))
}

/// Records the commune's recognition or reasoned refusal of a passed decision.
#[utoipa::path(post, path = "/api/v1/resident-decisions/{id}/recognition", params(("id" = i64, Path)),
    request_body = Recognition, security(("bearer" = [])),
    responses((status = 200, body = ResidentDecision), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn recognise(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    ApiJson(r): ApiJson<Recognition>,
) -> Result<Json<ResidentDecision>, ApiError> {
    Ok(Json(state.store.recognise_decision(&caller.actor, id, &r).await?))
}

/// Votes and consultations figures for the reports.
#[utoipa::path(get, path = "/api/v1/resident-decisions/stats", params(Period), security(("bearer" = [])),
    responses((status = 200, body = ResidentDecisionStats), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn decision_stats(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(p): ApiQuery<Period>,
) -> Result<Json<ResidentDecisionStats>, ApiError> {
    let (from, to) = p.dates()?;
    Ok(Json(
        state
            .store
            .resident_decision_stats(&caller.actor, &p.unit(&caller), from, to)
            .await?,
    ))
}

/// Consultations of the residents in scope, the newest first unless `sort=oldest`, a page at a
/// time; `q` searches the title and summary.
#[utoipa::path(get, path = "/api/v1/consultations", params(Filters, Paging), security(("bearer" = [])),
    responses((status = 200, body = Paged<Consultation>), (status = 400, body = ErrorBody)))]
pub async fn list_consultations(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(f): ApiQuery<Filters>,
    ApiQuery(paging): ApiQuery<Paging>,
) -> Result<Json<Paged<Consultation>>, ApiError> {
    let query = f.record_query(&paging)?;
    Ok(Json(
        state.store.list_consultations(&caller.actor, &query).await?.into(),
    ))
}

/// Records a consultation with the opinions given; the opinions are items (decided through
/// `/api/v1/items/{id}/outcome`, listed on the follow-up worklist).
#[utoipa::path(post, path = "/api/v1/consultations", request_body = NewConsultation, security(("bearer" = [])),
    responses((status = 201, body = Consultation), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create_consultation(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(new): ApiJson<NewConsultation>,
) -> Result<(StatusCode, Json<Consultation>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.create_consultation(&caller.actor, &new).await?),
    ))
}

#[utoipa::path(get, path = "/api/v1/consultations/{id}", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Consultation), (status = 404, body = ErrorBody)))]
pub async fn get_consultation(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<Consultation>, ApiError> {
    Ok(Json(state.store.consultation(&caller.actor, id).await?))
}

/// People's Inspection Boards and community investment supervision boards in scope.
#[utoipa::path(get, path = "/api/v1/boards", params(Filters), security(("bearer" = [])),
    responses((status = 200, body = List<Board>), (status = 400, body = ErrorBody)))]
pub async fn list_boards(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(f): ApiQuery<Filters>,
) -> Result<Json<List<Board>>, ApiError> {
    Ok(Json(
        state
            .store
            .list_boards(&caller.actor, nonempty(&f.unit).as_deref())
            .await?
            .into(),
    ))
}

/// Sets up a board with its term and members; it becomes an organisation of the commune.
#[utoipa::path(post, path = "/api/v1/boards", request_body = NewBoard, security(("bearer" = [])),
    responses((status = 201, body = Board), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create_board(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(new): ApiJson<NewBoard>,
) -> Result<(StatusCode, Json<Board>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.store.create_board(&caller.actor, &new).await?),
    ))
}

#[utoipa::path(get, path = "/api/v1/boards/{id}", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Board), (status = 404, body = ErrorBody)))]
pub async fn get_board(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<Board>, ApiError> {
    Ok(Json(state.store.board(&caller.actor, id).await?))
}

/// Records a board's report to MTTQ xã.
#[utoipa::path(post, path = "/api/v1/boards/{id}/reports", params(("id" = i64, Path)), request_body = NewBoardReport,
    security(("bearer" = [])), responses((status = 200, body = Board), (status = 400, body = ErrorBody)))]
pub async fn add_report(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    ApiJson(r): ApiJson<NewBoardReport>,
) -> Result<Json<Board>, ApiError> {
    Ok(Json(state.store.add_board_report(&caller.actor, id, &r).await?))
}
