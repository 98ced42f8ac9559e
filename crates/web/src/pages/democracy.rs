//! Staff pages of the "Dân chủ cơ sở" area (disclosures with the compliance view and the
//! quarterly list, resident decisions, consultations, boards) and the register of the people's
//! situation (hot, pressing, long-running issues).

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
use chrono::{Datelike, NaiveDate};
use danvan_domain::democracy::{
    disclosure_catalogue, quarter_of, BoardKind, BoardReportPeriod, BoardRole, ConsultForm, ConsultMatter,
    DecisionMatter, DecisionScope, DisclosureForm, DisclosureTiming, NewBoard, NewBoardMember, NewBoardReport,
    NewConsultation, NewDisclosure, NewResidentDecision, PostingState, PostingUpdate, Proposer, Recognition,
    RecognitionStatus, Threshold, VoteForm, VoteOutcome,
};
use danvan_domain::meeting::{ItemOrigin, ItemOutcome, ItemStatus, NewItem};
use danvan_domain::situation::{
    IssueAction, IssueKind, IssueStatus, IssueStep, Mood, NewIssue, NewSituationReport, Severity,
};
use danvan_domain::ErrorCode;
use danvan_store::{DisclosureQuery, IssueQuery, ProjectQuery, RecordQuery};
use minijinja::{context, Value};

/// A submitted form with repeated fields (check boxes) kept.
pub(crate) type Pairs = Vec<(String, String)>;

pub(crate) fn fields_of(pairs: &Pairs) -> Fields {
    pairs.iter().cloned().collect()
}

pub(crate) fn all_of<'a>(pairs: &'a Pairs, k: &str) -> impl Iterator<Item = &'a str> {
    let k = k.to_string();
    pairs.iter().filter(move |(n, _)| *n == k).map(|(_, v)| v.as_str())
}

pub(crate) use super::{opt, opt_date, req_date};

pub(crate) fn number(f: &Fields, k: &str) -> Result<Option<i64>, ApiError> {
    Ok(danvan_domain::figures::parse_vn_number(field(f, k), 0)?)
}

pub(crate) fn own_unit(page: &Page) -> String {
    page.caller
        .as_ref()
        .map(|c| format!("{}/{}", c.user.unit_scheme, c.user.unit_code))
        .unwrap_or_default()
}

fn labels(lang: &str) -> Value {
    context! {
        disclosure_forms => label_pairs(lang, "disclosure_form", DisclosureForm::ALL, DisclosureForm::as_str, DisclosureForm::label_vi),
        disclosure_form_labels => label_map(lang, "disclosure_form", DisclosureForm::ALL, DisclosureForm::as_str, DisclosureForm::label_vi),
        timing_labels => label_map(lang, "disclosure_timing", DisclosureTiming::ALL, DisclosureTiming::as_str, DisclosureTiming::label_vi),
        posting_labels => label_map(lang, "posting_state", PostingState::ALL, PostingState::as_str, PostingState::label_vi),
        matters => label_pairs(lang, "decision_matter", DecisionMatter::ALL, DecisionMatter::as_str, DecisionMatter::label_vi),
        matter_labels => label_map(lang, "decision_matter", DecisionMatter::ALL, DecisionMatter::as_str, DecisionMatter::label_vi),
        scopes => label_pairs(lang, "decision_scope", DecisionScope::ALL, DecisionScope::as_str, DecisionScope::label_vi),
        proposers => label_pairs(lang, "proposer", Proposer::ALL, Proposer::as_str, Proposer::label_vi),
        proposer_labels => label_map(lang, "proposer", Proposer::ALL, Proposer::as_str, Proposer::label_vi),
        vote_forms => label_pairs(lang, "vote_form", VoteForm::ALL, VoteForm::as_str, VoteForm::label_vi),
        vote_form_labels => label_map(lang, "vote_form", VoteForm::ALL, VoteForm::as_str, VoteForm::label_vi),
        threshold_labels => label_map(lang, "threshold", Threshold::ALL, Threshold::as_str, Threshold::label_vi),
        outcome_labels => label_map(lang, "vote_outcome", VoteOutcome::ALL, VoteOutcome::as_str, VoteOutcome::label_vi),
        recognition_labels => label_map(lang, "recognition_status", RecognitionStatus::ALL, RecognitionStatus::as_str, RecognitionStatus::label_vi),
        consult_matters => label_pairs(lang, "consult_matter", ConsultMatter::ALL, ConsultMatter::as_str, ConsultMatter::label_vi),
        consult_matter_labels => label_map(lang, "consult_matter", ConsultMatter::ALL, ConsultMatter::as_str, ConsultMatter::label_vi),
        consult_forms => label_pairs(lang, "consult_form", ConsultForm::ALL, ConsultForm::as_str, ConsultForm::label_vi),
        consult_form_labels => label_map(lang, "consult_form", ConsultForm::ALL, ConsultForm::as_str, ConsultForm::label_vi),
        board_kind_labels => label_map(lang, "board_kind", BoardKind::ALL, BoardKind::as_str, BoardKind::label_vi),
        board_role_labels => label_map(lang, "board_role", BoardRole::ALL, BoardRole::as_str, BoardRole::label_vi),
        board_kinds => label_pairs(lang, "board_kind", BoardKind::ALL, BoardKind::as_str, BoardKind::label_vi),
        report_periods => label_pairs(lang, "board_report_period", BoardReportPeriod::ALL, BoardReportPeriod::as_str, BoardReportPeriod::label_vi),
        issue_kinds => label_pairs(lang, "issue_kind", IssueKind::ALL, IssueKind::as_str, IssueKind::label_vi),
        issue_kind_labels => label_map(lang, "issue_kind", IssueKind::ALL, IssueKind::as_str, IssueKind::label_vi),
        severities => label_pairs(lang, "severity", Severity::ALL, Severity::as_str, Severity::label_vi),
        severity_labels => label_map(lang, "severity", Severity::ALL, Severity::as_str, Severity::label_vi),
        issue_status_labels => label_map(lang, "issue_status", IssueStatus::ALL, IssueStatus::as_str, IssueStatus::label_vi),
        issue_action_labels => label_map(lang, "issue_action", IssueAction::ALL, IssueAction::as_str, IssueAction::label_vi),
        moods => label_pairs(lang, "mood", Mood::ALL, Mood::as_str, Mood::label_vi),
        catalogue => disclosure_catalogue(),
    }
}

/// Renders a page, or the error page.
async fn show(state: &AppState, page: &Page, name: &str, status: StatusCode, ctx: Result<Value, ApiError>) -> Response {
    match ctx {
        Ok(ctx) => match unit_choices(state, page).await {
            Ok(units) => page.render(
                state,
                name,
                status,
                context! { ..context! { units }, ..ctx, ..labels(page.lang) },
            ),
            Err(e) => page.error(state, e),
        },
        Err(e) => page.error(state, e),
    }
}

fn values(f: &Fields) -> Value {
    Value::from_serialize(f)
}

/// `/democracy/disclosures`: the list and the form to record one.
pub async fn disclosures(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    render_disclosures(&state, &page, &f, StatusCode::OK, None, Fields::new()).await
}

/// The disclosure list's filters: item, the decision days, words, order and page.
fn disclosure_query(f: &Fields) -> Result<DisclosureQuery, ApiError> {
    Ok(DisclosureQuery {
        unit: None,
        item: opt(f, "item"),
        from: opt_date(f, "from")?,
        to: opt_date(f, "to")?,
        gpmb_project_id: None,
        q: opt(f, "q"),
        sort: super::list_order(f)?,
        after: opt(f, "after"),
        limit: Some(50),
    })
}

/// `/democracy/disclosures/export?format=xlsx|csv&…`: the list's current filter as a file.
pub async fn export_disclosures(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let (state, f) = (&state, &f);
    super::export_list(state, &page, f, |actor, format| async move {
        crate::export::disclosures(state, &actor, &disclosure_query(f)?, format).await
    })
    .await
}

async fn render_disclosures(
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
    v.entry("decided_on".into()).or_insert_with(today_vn);
    let ctx = async {
        let page_of = state
            .store
            .list_disclosures(&caller.actor, &disclosure_query(filters)?)
            .await?;
        let links = super::list_links("/democracy/disclosures", filters, page_of.next.as_deref());
        let list = page_of.items;
        // The form's project choice: the first 500 by name.
        let choices = ProjectQuery {
            limit: Some(500),
            ..Default::default()
        };
        let projects = state.store.list_gpmb_projects(&caller.actor, &choices).await?.items;
        Ok(context! { list, links, projects, error, v => values(&v), f => values(filters) })
    }
    .await;
    show(state, page, "dcs_disclosures.html", status, ctx).await
}

fn disclosure_from_form(pairs: &Pairs) -> Result<NewDisclosure, ApiError> {
    let f = fields_of(pairs);
    let forms = all_of(pairs, "forms")
        .map(DisclosureForm::parse)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(NewDisclosure {
        unit: field(&f, "unit").to_string(),
        item: field(&f, "item").to_string(),
        title: field(&f, "title").to_string(),
        content: opt(&f, "content"),
        decision_ref: opt(&f, "decision_ref"),
        decided_on: req_date(&f, "decided_on")?,
        forms,
        place: opt(&f, "place"),
        start_on: opt_date(&f, "start_on")?,
        end_on: opt_date(&f, "end_on")?,
        required_days: number(&f, "required_days")?.map(|n| n.clamp(0, 3650) as u32),
        loudspeaker_days: number(&f, "loudspeaker_days")?.map(|n| n.clamp(0, 3650) as u32),
        gpmb_project_id: number(&f, "gpmb_project_id")?,
    })
}

pub async fn create_disclosure(State(state): State<AppState>, page: Page, Form(pairs): Form<Pairs>) -> Response {
    let f = fields_of(&pairs);
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
    let result = async {
        let new = disclosure_from_form(&pairs)?;
        Ok::<_, ApiError>(state.store.create_disclosure(&caller.actor, &new).await?)
    }
    .await;
    match result {
        Ok(_) => Redirect::to("/democracy/disclosures").into_response(),
        Err(e) => {
            let status = crate::error::status_of(e.code);
            render_disclosures(&state, &page, &Fields::new(), status, Some(e.message), f).await
        }
    }
}

/// Records the posting start or end of a disclosure (the form on its page).
pub async fn posting(
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
        let up = PostingUpdate {
            forms: all_of(&pairs, "forms")
                .map(DisclosureForm::parse)
                .collect::<Result<Vec<_>, _>>()?,
            place: opt(&f, "place"),
            start_on: opt_date(&f, "start_on")?,
            end_on: opt_date(&f, "end_on")?,
            loudspeaker_days: None,
        };
        Ok::<_, ApiError>(state.store.update_disclosure_posting(&caller.actor, id, &up).await?)
    }
    .await;
    match result {
        Ok(_) => Redirect::to(&format!("/democracy/disclosures/{id}")).into_response(),
        Err(e) if e.code == ErrorCode::NotFound => page.error(&state, e),
        Err(e) => {
            let status = crate::error::status_of(e.code);
            super::record_files::render_disclosure(&state, &page, id, status, None, Some((e.message, f))).await
        }
    }
}

/// `/democracy/compliance`: what was due in the period, late, missing, too short; and the
/// quarterly list.
pub async fn compliance(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let today = danvan_store::today();
    let ctx = async {
        let unit = opt(&f, "unit").unwrap_or_else(|| own_unit(&page));
        let from = opt_date(&f, "from")?.unwrap_or_else(|| NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today));
        let to = opt_date(&f, "to")?.unwrap_or(today);
        let year = number(&f, "year")?.map(|y| y as i32).unwrap_or(today.year());
        let quarter = number(&f, "quarter")?.map(|q| q as u32).unwrap_or(quarter_of(today));
        let view = state.store.disclosure_compliance(&caller.actor, &unit, from, to).await?;
        let quarter_list = state.store.disclosure_quarter(&caller.actor, &unit, year, quarter).await?;
        Ok(context! {
            view, quarter_list, year, quarter,
            f => context! { unit, from => from.format("%d/%m/%Y").to_string(), to => to.format("%d/%m/%Y").to_string() },
        })
    }
    .await;
    show(&state, &page, "dcs_compliance.html", StatusCode::OK, ctx).await
}

/// `/democracy/decisions`: votes and the form to record one.
pub async fn decisions(State(state): State<AppState>, page: Page, Query(filters): Query<Fields>) -> Response {
    render_decisions(&state, &page, &filters, StatusCode::OK, None, None, Fields::new()).await
}

/// The consultations on the vote page: the same search words and order, their own cursor
/// (`c_after`).
fn consultation_query(f: &Fields) -> Result<RecordQuery, ApiError> {
    Ok(RecordQuery {
        q: opt(f, "q"),
        sort: super::list_order(f)?,
        after: opt(f, "c_after"),
        limit: Some(50),
        ..Default::default()
    })
}

/// `/democracy/consultations/export?format=xlsx|csv&…`: the consultations the search picks.
pub async fn export_consultations(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let (state, f) = (&state, &f);
    super::export_list(state, &page, f, |actor, format| async move {
        crate::export::consultations(state, &actor, &consultation_query(f)?, format).await
    })
    .await
}

/// `/democracy/decisions/export?format=xlsx|csv&…`: the vote list's current filter as a file.
pub async fn export_decisions(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let (state, f) = (&state, &f);
    super::export_list(state, &page, f, |actor, format| async move {
        crate::export::resident_decisions(state, &actor, &super::record_list_query(f)?, format).await
    })
    .await
}

/// The field of the vote form a procedure error concerns, to show the message beside it.
fn decision_field(code: ErrorCode) -> Option<&'static str> {
    Some(match code {
        ErrorCode::ProposerNotAllowed => "proposer",
        ErrorCode::InitiativeTooFewHouseholds => "initiative_households",
        ErrorCode::InitiativeConsentExpired => "consent_on",
        ErrorCode::VoteFormNotAllowed => "form",
        ErrorCode::OnlineOptInTooLow => "online_opt_in",
        ErrorCode::BallotNoticeTooShort => "ballot_distributed_on",
        ErrorCode::TeamSizeOutOfRange => "team_size",
        _ => return None,
    })
}

async fn render_decisions(
    state: &AppState,
    page: &Page,
    filters: &Fields,
    status: StatusCode,
    error: Option<String>,
    error_field: Option<&'static str>,
    mut v: Fields,
) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    v.entry("unit".into()).or_insert_with(|| own_unit(page));
    v.entry("voted_on".into()).or_insert_with(today_vn);
    let ctx = async {
        let votes = state
            .store
            .list_resident_decisions(&caller.actor, &super::record_list_query(filters)?)
            .await?;
        let links = super::list_links("/democracy/decisions", filters, votes.next.as_deref());
        let list = votes.items;
        let consultations = state
            .store
            .list_consultations(&caller.actor, &consultation_query(filters)?)
            .await?;
        let c_links = super::list_links("/democracy/consultations", filters, None);
        let c_next = super::next_page_url(
            "/democracy/decisions",
            filters,
            "c_after",
            consultations.next.as_deref(),
        );
        let consultations = consultations.items;
        let boards = state.store.list_boards(&caller.actor, None).await?;
        Ok(context! {
            list, links, consultations, c_next, c_links, boards, error, error_field, v => values(&v), today => today_vn(),
            f => values(filters),
        })
    }
    .await;
    show(state, page, "dcs_decisions.html", status, ctx).await
}

pub async fn create_decision(State(state): State<AppState>, page: Page, Form(pairs): Form<Pairs>) -> Response {
    let f = fields_of(&pairs);
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
    let result = async {
        let new = NewResidentDecision {
            unit: field(&f, "unit").to_string(),
            matter: DecisionMatter::parse(field(&f, "matter"))?,
            scope: DecisionScope::parse(field(&f, "scope"))?,
            form: VoteForm::parse(field(&f, "form"))?,
            title: field(&f, "title").to_string(),
            voted_on: req_date(&f, "voted_on")?,
            electorate: number(&f, "electorate")?.unwrap_or(0),
            present: number(&f, "present")?,
            votes_for: number(&f, "votes_for")?.unwrap_or(0),
            votes_against: number(&f, "votes_against")?.unwrap_or(0),
            votes_other: number(&f, "votes_other")?.unwrap_or(0),
            quorum_failed: field(&f, "quorum_failed") == "true",
            sent_on: opt_date(&f, "sent_on")?,
            notes: opt(&f, "notes"),
            proposer: opt(&f, "proposer").as_deref().map(Proposer::parse).transpose()?,
            initiative_households: number(&f, "initiative_households")?,
            consent_on: opt_date(&f, "consent_on")?,
            front_approved: field(&f, "front_approved") == "true",
            online_opt_in: number(&f, "online_opt_in")?,
            ballot_announced_on: opt_date(&f, "ballot_announced_on")?,
            ballot_distributed_on: opt_date(&f, "ballot_distributed_on")?,
            team_size: number(&f, "team_size")?,
        };
        Ok::<_, ApiError>(state.store.create_resident_decision(&caller.actor, &new).await?)
    }
    .await;
    match result {
        Ok(_) => Redirect::to("/democracy/decisions").into_response(),
        Err(e) => {
            let status = crate::error::status_of(e.code);
            let at = decision_field(e.code);
            render_decisions(&state, &page, &Fields::new(), status, Some(e.message), at, f).await
        }
    }
}

pub async fn recognise(
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
        let r = Recognition {
            on: req_date(&f, "on")?,
            refused: field(&f, "refused") == "true",
            reason: opt(&f, "reason"),
            decision_number: opt(&f, "decision_number"),
            received_on: opt_date(&f, "received_on")?,
        };
        Ok::<_, ApiError>(state.store.recognise_decision(&caller.actor, id, &r).await?)
    }
    .await;
    match result {
        Ok(_) => Redirect::to("/democracy/decisions").into_response(),
        Err(e) => page.error(&state, e),
    }
}

/// `/democracy/consultations/{id}`: a consultation and its opinions, each decided with the
/// items' outcome form.
pub async fn consultation(State(state): State<AppState>, page: Page, Path(id): Path<i64>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let ctx = async {
        let c = state.store.consultation(&caller.actor, id).await?;
        Ok(context! {
            c,
            outcomes => label_pairs(page.lang, "item_outcome", ItemOutcome::ALL, ItemOutcome::as_str, ItemOutcome::label_vi),
            outcome_labels => label_map(page.lang, "item_outcome", ItemOutcome::ALL, ItemOutcome::as_str, ItemOutcome::label_vi),
            item_status_labels => label_map(page.lang, "item_status", ItemStatus::ALL, ItemStatus::as_str, ItemStatus::label_vi),
        })
    }
    .await;
    show(&state, &page, "dcs_consultation.html", StatusCode::OK, ctx).await
}

/// Records a consultation; each non-empty line of `opinions` is one opinion (an item).
pub async fn create_consultation(State(state): State<AppState>, page: Page, Form(pairs): Form<Pairs>) -> Response {
    let f = fields_of(&pairs);
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
    let result = async {
        let new = NewConsultation {
            unit: field(&f, "unit").to_string(),
            matter: ConsultMatter::parse(field(&f, "matter"))?,
            forms: all_of(&pairs, "forms")
                .map(ConsultForm::parse)
                .collect::<Result<Vec<_>, _>>()?,
            title: field(&f, "title").to_string(),
            opened_on: req_date(&f, "opened_on")?,
            closes_on: opt_date(&f, "closes_on")?,
            summary: opt(&f, "summary"),
            gpmb_project_id: number(&f, "gpmb_project_id")?,
            opinions: field(&f, "opinions")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| NewItem {
                    origin: ItemOrigin::Direct,
                    content: l.to_string(),
                    topic: None,
                    raised_by: None,
                    denunciation: false,
                    from_unit: None,
                    decision: None,
                })
                .collect(),
        };
        Ok::<_, ApiError>(state.store.create_consultation(&caller.actor, &new).await?)
    }
    .await;
    match result {
        Ok(_) => Redirect::to("/democracy/decisions").into_response(),
        Err(e) => {
            let status = crate::error::status_of(e.code);
            render_decisions(&state, &page, &Fields::new(), status, Some(e.message), None, f).await
        }
    }
}

/// `/situation`: the register, most severe and oldest first, and the form to add an issue.
pub async fn issues(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    render_issues(&state, &page, &f, StatusCode::OK, None, Fields::new()).await
}

async fn render_issues(
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
    v.entry("first_seen_on".into()).or_insert_with(today_vn);
    let ctx = async {
        let list = state.store.list_issues(&caller.actor, &issue_query(filters)?).await?;
        let links = super::list_links("/situation", filters, None);
        let reports = state
            .store
            .list_situation_reports(&caller.actor, &report_query(filters)?)
            .await?;
        let rp_next = super::next_page_url("/situation", filters, "rp_after", reports.next.as_deref());
        let rp_links = super::list_links("/situation/reports", filters, None);
        let reports = reports.items;
        Ok(context! {
            list, links, reports, rp_next, rp_links, error, v => values(&v), f => values(filters),
        })
    }
    .await;
    show(state, page, "situation.html", status, ctx).await
}

/// The register's filters: kind, open only unless `all=true`, the search words.
fn issue_query(f: &Fields) -> Result<IssueQuery, ApiError> {
    Ok(IssueQuery {
        unit: None,
        kind: opt(f, "kind").as_deref().map(IssueKind::parse).transpose()?,
        status: None,
        open_only: field(f, "all") != "true",
        q: opt(f, "q"),
        limit: Some(500),
    })
}

/// The report list's filters on the situation page: its own search box (`rq`) and cursor.
fn report_query(f: &Fields) -> Result<RecordQuery, ApiError> {
    Ok(RecordQuery {
        q: opt(f, "rq"),
        after: opt(f, "rp_after"),
        limit: Some(50),
        ..Default::default()
    })
}

/// `/situation/reports/export?format=xlsx|csv&…`: the reports the search picks.
pub async fn export_reports(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let (state, f) = (&state, &f);
    super::export_list(state, &page, f, |actor, format| async move {
        crate::export::situation_reports(state, &actor, &report_query(f)?, format).await
    })
    .await
}

/// `/situation/export?format=xlsx|csv&…`: the register as filtered, most severe first.
pub async fn export_issues(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let (state, f) = (&state, &f);
    super::export_list(state, &page, f, |actor, format| async move {
        crate::export::issues(state, &actor, &issue_query(f)?, format).await
    })
    .await
}

pub async fn create_issue(State(state): State<AppState>, page: Page, Form(f): Form<Fields>) -> Response {
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
    let result = async {
        let new = NewIssue {
            unit: field(&f, "unit").to_string(),
            village: opt(&f, "village"),
            place: opt(&f, "place"),
            title: field(&f, "title").to_string(),
            description: opt(&f, "description"),
            kind: IssueKind::parse(field(&f, "kind"))?,
            severity: Severity::parse(field(&f, "severity"))?,
            people_affected: number(&f, "people_affected")?.unwrap_or(0),
            first_seen_on: req_date(&f, "first_seen_on")?,
            follower: opt(&f, "follower"),
            petitions: field(&f, "petitions")
                .split([',', ' ', ';'])
                .filter(|s| !s.trim().is_empty())
                .map(|s| s.trim().to_string())
                .collect(),
            meetings: Vec::new(),
        };
        Ok::<_, ApiError>(state.store.create_issue(&caller.actor, &new).await?)
    }
    .await;
    match result {
        Ok(_) => Redirect::to("/situation").into_response(),
        Err(e) => {
            let status = crate::error::status_of(e.code);
            render_issues(&state, &page, &Fields::new(), status, Some(e.message), f).await
        }
    }
}

pub async fn step_issue(
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
        let step = IssueStep {
            action: IssueAction::parse(field(&f, "action"))?,
            on: opt_date(&f, "on")?,
            note: opt(&f, "note"),
        };
        Ok::<_, ApiError>(state.store.step_issue(&caller.actor, id, &step).await?)
    }
    .await;
    match result {
        Ok(_) => Redirect::to("/situation").into_response(),
        Err(e) => page.error(&state, e),
    }
}

/// Records a situation report from the form.
pub async fn create_report(State(state): State<AppState>, page: Page, Form(f): Form<Fields>) -> Response {
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
    let result = async {
        let new = NewSituationReport {
            unit: field(&f, "unit").to_string(),
            period_from: req_date(&f, "period_from")?,
            period_to: req_date(&f, "period_to")?,
            submitted_on: req_date(&f, "submitted_on")?,
            mood: Mood::parse(field(&f, "mood"))?,
            summary: field(&f, "summary").to_string(),
            issues: opt(&f, "issues"),
            reporter: opt(&f, "reporter"),
        };
        Ok::<_, ApiError>(state.store.create_situation_report(&caller.actor, &new).await?)
    }
    .await;
    match result {
        Ok(_) => Redirect::to("/situation").into_response(),
        Err(e) => {
            let status = crate::error::status_of(e.code);
            render_issues(&state, &page, &Fields::new(), status, Some(e.message), Fields::new()).await
        }
    }
}

/// Sets up a board from the form: the first member line is the head, the second the deputy.
pub async fn create_board(State(state): State<AppState>, page: Page, Form(f): Form<Fields>) -> Response {
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
    let result = async {
        let members = field(&f, "members")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .enumerate()
            .map(|(i, name)| NewBoardMember {
                name: name.to_string(),
                role: match i {
                    0 => BoardRole::Head,
                    1 => BoardRole::Deputy,
                    _ => BoardRole::Member,
                },
                village: None,
            })
            .collect();
        let new = NewBoard {
            unit: field(&f, "unit").to_string(),
            kind: BoardKind::parse(field(&f, "kind"))?,
            name: opt(&f, "name"),
            term_from: req_date(&f, "term_from")?,
            term_to: opt_date(&f, "term_to")?,
            project: opt(&f, "project"),
            gpmb_project_id: None,
            members,
        };
        Ok::<_, ApiError>(state.store.create_board(&caller.actor, &new).await?)
    }
    .await;
    match result {
        Ok(_) => Redirect::to("/democracy/decisions").into_response(),
        Err(e) => {
            let status = crate::error::status_of(e.code);
            render_decisions(
                &state,
                &page,
                &Fields::new(),
                status,
                Some(e.message),
                None,
                Fields::new(),
            )
            .await
        }
    }
}

/// Records a board's report to MTTQ xã.
pub async fn board_report(
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
        let r = NewBoardReport {
            period: BoardReportPeriod::parse(field(&f, "period"))?,
            period_label: field(&f, "period_label").to_string(),
            submitted_on: req_date(&f, "submitted_on")?,
            content: field(&f, "content").to_string(),
            recommendations: number(&f, "recommendations")?.unwrap_or(0),
        };
        Ok::<_, ApiError>(state.store.add_board_report(&caller.actor, id, &r).await?)
    }
    .await;
    match result {
        Ok(_) => Redirect::to("/democracy/decisions").into_response(),
        Err(e) => {
            let status = crate::error::status_of(e.code);
            render_decisions(
                &state,
                &page,
                &Fields::new(),
                status,
                Some(e.message),
                None,
                Fields::new(),
            )
            .await
        }
    }
}

/// `/democracy/quarter.xlsx?unit=…&year=…&quarter=…&format=xlsx|csv`: the quarterly list as the
/// sheet to post at the commune office.
pub async fn quarter_file(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let result = async {
        let format = crate::export::parse_format(if field(&f, "format").is_empty() {
            "xlsx"
        } else {
            field(&f, "format")
        })?;
        let unit = opt(&f, "unit").unwrap_or_else(|| own_unit(&page));
        let today = danvan_store::today();
        let year = number(&f, "year")?.map(|y| y as i32).unwrap_or(today.year());
        let quarter = number(&f, "quarter")?.map(|q| q as u32).unwrap_or(quarter_of(today));
        let list = state
            .store
            .disclosure_quarter(&caller.actor, &unit, year, quarter)
            .await?;
        let bytes = danvan_export::write(&danvan_export::disclosure_table(&list), format)
            .map_err(|e| ApiError::new(ErrorCode::Internal, &e.to_string()))?;
        let name = format!("cong-khai-quy-{quarter}-{year}.{}", format.extension());
        Ok::<_, ApiError>(
            (
                [
                    (axum::http::header::CONTENT_TYPE, format.content_type().to_string()),
                    (
                        axum::http::header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{name}\""),
                    ),
                ],
                bytes,
            )
                .into_response(),
        )
    }
    .await;
    result.unwrap_or_else(|e| page.error(&state, e))
}
