//! Staff pages for meetings and items raised: the list with filters, the recording form with
//! per-field errors, a meeting's page (items, consistency warnings, steps, outcomes), the
//! follow-up worklist, the statistics with compliance, and supervisions with contributions.

mod minutes;

use super::form_caller;
use super::petitions::{today_vn, unit_choices};
use super::{field, Fields, Page};
use crate::error::{status_of, ApiError};
use crate::i18n::{label_map, label_pairs};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::NaiveDate;
use danvan_domain::figures::Rounding;
use danvan_domain::meeting::{
    Chair, ContributionTarget, Decision, ItemOrigin, ItemOutcome, ItemStatus, MeetingAction, MeetingKind,
    MeetingStatus, MeetingStep, NewItem, NewMeeting, SourceKind, SupervisionForm,
};
use danvan_domain::unit::parse_date;
use danvan_domain::ErrorCode;
use danvan_store::{FollowUpQuery, MeetingQuery, RecordQuery};
use minijinja::{context, Value};
use std::collections::BTreeMap;

/// Code → name maps and `(code, name)` lists the templates use, in the page's language.
fn labels(lang: &str) -> Value {
    context! {
        kinds => label_pairs(lang, "meeting_kind", MeetingKind::ALL, MeetingKind::as_str, MeetingKind::label_vi),
        kind_labels => label_map(lang, "meeting_kind", MeetingKind::ALL, MeetingKind::as_str, MeetingKind::label_vi),
        statuses => label_pairs(lang, "meeting_status", MeetingStatus::ALL, MeetingStatus::as_str, MeetingStatus::label_vi),
        status_labels => label_map(lang, "meeting_status", MeetingStatus::ALL, MeetingStatus::as_str, MeetingStatus::label_vi),
        action_labels => label_map(lang, "meeting_action", MeetingAction::ALL, MeetingAction::as_str, MeetingAction::label_vi),
        origins => label_pairs(lang, "item_origin", ItemOrigin::ALL, ItemOrigin::as_str, ItemOrigin::label_vi),
        origin_labels => label_map(lang, "item_origin", ItemOrigin::ALL, ItemOrigin::as_str, ItemOrigin::label_vi),
        outcomes => label_pairs(lang, "item_outcome", ItemOutcome::ALL, ItemOutcome::as_str, ItemOutcome::label_vi),
        outcome_labels => label_map(lang, "item_outcome", ItemOutcome::ALL, ItemOutcome::as_str, ItemOutcome::label_vi),
        item_status_labels => label_map(lang, "item_status", ItemStatus::ALL, ItemStatus::as_str, ItemStatus::label_vi),
        sources => label_pairs(lang, "item_source", SourceKind::ALL, SourceKind::as_str, SourceKind::label_vi),
        form_labels => label_map(lang, "supervision_form", SupervisionForm::ALL, SupervisionForm::as_str, SupervisionForm::label_vi),
        target_labels => label_map(lang, "contribution_target", ContributionTarget::ALL, ContributionTarget::as_str, ContributionTarget::label_vi),
    }
}

use super::{opt, opt_date};

/// The meeting list's filters from its query string.
fn meeting_query(f: &Fields) -> Result<MeetingQuery, ApiError> {
    Ok(MeetingQuery {
        unit: opt(f, "unit"),
        kind: opt(f, "kind").as_deref().map(MeetingKind::parse).transpose()?,
        status: opt(f, "status").as_deref().map(MeetingStatus::parse).transpose()?,
        from: opt_date(f, "from")?,
        to: opt_date(f, "to")?,
        inconsistent: opt(f, "inconsistent").is_some_and(|v| v == "true"),
        q: opt(f, "q"),
        sort: super::list_order(f)?,
        after: opt(f, "after"),
        limit: Some(50),
    })
}

/// `/meetings/export?format=xlsx|csv&…`: the list's current filter as a file.
pub async fn export(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    // The export walks every page itself: the list's own cursor does not matter.
    let (state, f) = (&state, &f);
    super::export_list(state, &page, f, |actor, format| async move {
        crate::export::meetings(state, &actor, &meeting_query(f)?, format).await
    })
    .await
}

pub async fn list(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let result: Result<Value, ApiError> = async {
        let query = meeting_query(&f)?;
        let result = state.store.list_meetings(&caller.actor, &query).await?;
        let links = super::list_links("/meetings", &f, result.next.as_deref());
        Ok(context! {
            page => result, links,
            f => context! {
                q => opt(&f, "q"), unit => opt(&f, "unit"), kind => opt(&f, "kind"), status => opt(&f, "status"), from => opt(&f, "from"),
                to => opt(&f, "to"), inconsistent => query.inconsistent, sort => opt(&f, "sort"),
            },
            ..labels(page.lang)
        })
    }
    .await;
    match result {
        Ok(ctx) => page.render(&state, "meetings.html", StatusCode::OK, ctx),
        Err(e) => page.error(&state, e),
    }
}

pub async fn new_form(State(state): State<AppState>, page: Page) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let v = context! {
        unit => format!("{}/{}", caller.user.unit_scheme, caller.user.unit_code),
        kind => "dialogue_periodic", held_on => today_vn(), held => true, participants => "0",
    };
    render_form(&state, &page, StatusCode::OK, v, BTreeMap::new()).await
}

async fn render_form(
    state: &AppState,
    page: &Page,
    status: StatusCode,
    v: Value,
    errors: BTreeMap<&'static str, String>,
) -> Response {
    match unit_choices(state, page).await {
        Ok(units) => page.render(
            state,
            "meeting_new.html",
            status,
            context! { v, errors, units, ..labels(page.lang) },
        ),
        Err(e) => page.error(state, e),
    }
}

/// Which form field an error from the store belongs next to.
fn field_of(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::FutureDate | ErrorCode::InvalidDate => "held_on",
        ErrorCode::PartsExceedTotal => "opinions_total",
        ErrorCode::UnknownUnit | ErrorCode::ForbiddenScope | ErrorCode::AmbiguousUnit => "unit",
        _ => "general",
    }
}

pub async fn create(State(state): State<AppState>, page: Page, Form(f): Form<Fields>) -> Response {
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
    let keys = [
        "unit",
        "kind",
        "organiser",
        "chair_name",
        "chair_position",
        "held_on",
        "place",
        "topic",
        "gpmb_project",
        "participants",
        "opinions_total",
        "opinions_collected",
        "opinions_direct",
        "schedule_posted_on",
        "items",
    ];
    let mut v: BTreeMap<&str, Value> = keys.iter().map(|k| (*k, Value::from(field(&f, k)))).collect();
    v.insert("held", Value::from(field(&f, "held") == "true"));
    let v = Value::from_serialize(&v);
    // Check every field first, so the officer sees all problems at once.
    let mut errors: BTreeMap<&'static str, String> = BTreeMap::new();
    let held_on = parse_date(field(&f, "held_on"))
        .map_err(|e| errors.insert("held_on", e.to_string()))
        .ok();
    let posted = parse_date_opt(&f, "schedule_posted_on", &mut errors);
    for (name, msg) in [
        ("organiser", "Hãy nhập cơ quan tổ chức hội nghị"),
        ("topic", "Hãy nhập nội dung, chủ đề hội nghị"),
    ] {
        if field(&f, name).is_empty() {
            errors.insert(name, msg.into());
        }
    }
    let participants = count(&f, "participants", &mut errors).unwrap_or(0);
    let totals = ["opinions_total", "opinions_collected", "opinions_direct"].map(|k| count(&f, k, &mut errors));
    let kind = MeetingKind::parse(field(&f, "kind"));
    if let Err(e) = &kind {
        errors.insert("kind", e.to_string());
    }
    let (Some(held_on), Ok(kind), true) = (held_on, kind, errors.is_empty()) else {
        return render_form(&state, &page, StatusCode::BAD_REQUEST, v, errors).await;
    };
    let chairs = opt(&f, "chair_name")
        .map(|name| Chair {
            name,
            position: field(&f, "chair_position").into(),
        })
        .into_iter()
        .collect();
    let items = field(&f, "items")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| NewItem {
            origin: ItemOrigin::Direct,
            content: l.into(),
            topic: None,
            raised_by: None,
            denunciation: false,
            from_unit: None,
            decision: None,
        })
        .collect();
    let new = NewMeeting {
        unit: field(&f, "unit").into(),
        kind,
        organiser: field(&f, "organiser").into(),
        chairs,
        held_on,
        place: opt(&f, "place"),
        topic: field(&f, "topic").into(),
        gpmb_project: opt(&f, "gpmb_project"),
        participants,
        opinions_total: totals[0],
        opinions_collected: totals[1],
        opinions_direct: totals[2],
        schedule_posted_on: posted,
        held: field(&f, "held") == "true",
        minutes: None,
        items,
    };
    match state.store.create_meeting(&caller.actor, &new).await {
        Ok(m) => Redirect::to(&format!("/meetings/{}", m.id)).into_response(),
        Err(e) => {
            let e = ApiError::from(e);
            errors.insert(field_of(e.code), e.message.clone());
            render_form(&state, &page, status_of(e.code), v, errors).await
        }
    }
}

fn parse_date_opt(f: &Fields, k: &'static str, errors: &mut BTreeMap<&'static str, String>) -> Option<NaiveDate> {
    match opt(f, k).as_deref().map(parse_date).transpose() {
        Ok(d) => d,
        Err(e) => {
            errors.insert(k, e.to_string());
            None
        }
    }
}

/// A count typed by hand: blank is none; "1.015" is 1015; anything else is an error.
fn count(f: &Fields, k: &'static str, errors: &mut BTreeMap<&'static str, String>) -> Option<i64> {
    match danvan_domain::figures::parse_vn_count(field(f, k)) {
        Ok(n) => n,
        Err(e) => {
            errors.insert(k, e.detail);
            None
        }
    }
}

pub async fn show(State(state): State<AppState>, page: Page, Path(id): Path<i64>) -> Response {
    render_meeting(&state, &page, id, StatusCode::OK, None).await
}

async fn render_meeting(state: &AppState, page: &Page, id: i64, status: StatusCode, error: Option<String>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    match state.store.meeting(&caller.actor, id).await {
        Ok(m) => page.render(
            state,
            "meeting.html",
            status,
            context! { m, error, today => today_vn(), ..labels(page.lang) },
        ),
        Err(e) => page.error(state, e.into()),
    }
}

pub async fn step(State(state): State<AppState>, page: Page, Path(id): Path<i64>, Form(f): Form<Fields>) -> Response {
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
    let result: Result<(), ApiError> = async {
        let mut errors = BTreeMap::new();
        let participants = count(&f, "participants", &mut errors);
        if let Some(msg) = errors.into_values().next() {
            return Err(ApiError::new(ErrorCode::Validation, &msg));
        }
        let step = MeetingStep {
            action: MeetingAction::parse(field(&f, "action"))?,
            on: opt_date(&f, "on")?,
            minutes: opt(&f, "minutes"),
            participants,
            form: opt(&f, "form"),
        };
        state.store.step_meeting(&caller.actor, id, &step).await?;
        Ok(())
    }
    .await;
    match result {
        Ok(()) => Redirect::to(&format!("/meetings/{id}")).into_response(),
        Err(e) => render_meeting(&state, &page, id, status_of(e.code), Some(e.message)).await,
    }
}

pub async fn add_item(
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
        let item = NewItem {
            origin: ItemOrigin::parse(field(&f, "origin"))?,
            content: field(&f, "content").into(),
            topic: opt(&f, "topic"),
            raised_by: opt(&f, "raised_by"),
            denunciation: field(&f, "denunciation") == "true",
            from_unit: None,
            decision: None,
        };
        state
            .store
            .add_items(&caller.actor, SourceKind::Meeting, id, &[item])
            .await?;
        Ok(())
    }
    .await;
    match result {
        Ok(()) => Redirect::to(&format!("/meetings/{id}")).into_response(),
        Err(e) => render_meeting(&state, &page, id, status_of(e.code), Some(e.message)).await,
    }
}

/// Sets an item's outcome from the meeting page or the worklist; goes back to where it came from.
pub async fn outcome(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Response {
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
    let result: Result<danvan_domain::meeting::Item, ApiError> = async {
        let decision = Decision {
            outcome: opt(&f, "outcome").as_deref().map(ItemOutcome::parse).transpose()?,
            answering_agency: opt(&f, "answering_agency"),
            answer_due: opt_date(&f, "answer_due")?,
            answered_on: opt_date(&f, "answered_on")?,
            answer: opt(&f, "answer"),
            reason: opt(&f, "reason"),
        };
        Ok(state.store.decide_item(&caller.actor, id, &decision).await?)
    }
    .await;
    let back_to_worklist = field(&f, "back") == "follow-up";
    match result {
        Ok(_) if back_to_worklist => Redirect::to("/follow-up").into_response(),
        Ok(item) if item.source_kind == SourceKind::Meeting => {
            Redirect::to(&format!("/meetings/{}", item.source_id)).into_response()
        }
        Ok(item) if item.source_kind == SourceKind::Consultation => {
            Redirect::to(&format!("/democracy/consultations/{}", item.source_id)).into_response()
        }
        Ok(_) => Redirect::to("/follow-up").into_response(),
        Err(e) => match state.store.item(&caller.actor, id).await {
            Ok(item) if item.source_kind == SourceKind::Meeting && !back_to_worklist => {
                render_meeting(&state, &page, item.source_id, status_of(e.code), Some(e.message)).await
            }
            _ => render_follow_up(&state, &page, &Fields::new(), status_of(e.code), Some(e.message)).await,
        },
    }
}

/// The worklist's filters: the source, overdue only, the words of the opinion, and the page.
fn follow_up_query(f: &Fields) -> Result<FollowUpQuery, ApiError> {
    Ok(FollowUpQuery {
        source: opt(f, "source").as_deref().map(SourceKind::parse).transpose()?,
        overdue: field(f, "overdue") == "true",
        q: opt(f, "q"),
        after: opt(f, "after"),
        limit: Some(50),
        ..Default::default()
    })
}

/// `/follow-up/export?format=xlsx|csv&…`: the opinions awaiting an answer the filter picks.
pub async fn export_follow_up(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let (state, f) = (&state, &f);
    super::export_list(state, &page, f, |actor, format| async move {
        crate::export::follow_up(state, &actor, &follow_up_query(f)?, format).await
    })
    .await
}

pub async fn follow_up(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    render_follow_up(&state, &page, &f, StatusCode::OK, None).await
}

async fn render_follow_up(
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
        let query = follow_up_query(f)?;
        let page_of = state.store.follow_up(&caller.actor, &query).await?;
        let links = super::list_links("/follow-up", f, page_of.next.as_deref());
        let items = page_of.items;
        // Overdue petitions sit beside the overdue answers: one place to see what is late.
        let petitions = if query.source.is_none() {
            // Nearest deadline first, as the overdue worklist: that order reads the open-case
            // deadline index; newest-received first scanned a million cases (≈ 240 ms).
            let late = danvan_store::PetitionQuery {
                overdue: true,
                limit: Some(50),
                sort: danvan_store::PetitionSort::DueFirst,
                ..Default::default()
            };
            state.store.list_petitions(&caller.actor, &late).await?.items
        } else {
            Vec::new()
        };
        // …and the tasks ordered from MTTQ or an association that are late and not done.
        let tasks = if query.source.is_none() {
            state.store.follow_up_tasks(&caller.actor, &query).await?
        } else {
            Vec::new()
        };
        Ok(context! {
            items, petitions, tasks, error, links, today => today_vn(),
            f => context! { source => opt(f, "source"), overdue => query.overdue, q => opt(f, "q") },
            ..labels(page.lang)
        })
    }
    .await;
    match result {
        Ok(ctx) => page.render(state, "follow_up.html", status, ctx),
        Err(e) => page.error(state, e),
    }
}

pub async fn stats(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let unit = opt(&f, "unit").unwrap_or_else(|| format!("{}/{}", caller.user.unit_scheme, caller.user.unit_code));
    let today = danvan_store::today();
    let from = opt(&f, "from").unwrap_or_else(|| format!("01/01/{}", today.format("%Y")));
    let to = opt(&f, "to").unwrap_or_else(today_vn);
    let units = match unit_choices(&state, &page).await {
        Ok(u) => u,
        Err(e) => return page.error(&state, e),
    };
    let figures: Result<_, ApiError> = async {
        let (a, b) = (parse_date(&from)?, parse_date(&to)?);
        let s = state
            .store
            .meeting_stats(&caller.actor, &unit, a, b, Rounding::Truncate)
            .await?;
        let compliance = state.store.meeting_compliance(&caller.actor, &unit, a, b).await?;
        Ok((s, compliance))
    }
    .await;
    let (s, compliance, error, status) = match figures {
        Ok((s, c)) => (Some(s), c, None, StatusCode::OK),
        Err(e) => (None, Vec::new(), Some(e.message.clone()), status_of(e.code)),
    };
    page.render(
        &state,
        "meeting_stats.html",
        status,
        context! { s, compliance, error, units, unit, from, to, ..labels(page.lang) },
    )
}

/// The filters of the supervision and contribution lists, which share one search box and one
/// order; each pages on its own cursor (`s_after`, `c_after`), and an export ignores both.
fn oversight_query(f: &Fields, cursor: &str) -> Result<RecordQuery, ApiError> {
    Ok(RecordQuery {
        q: opt(f, "q"),
        sort: super::list_order(f)?,
        after: opt(f, cursor),
        limit: Some(50),
        ..Default::default()
    })
}

/// `/supervisions/export?format=xlsx|csv&…`: the supervisions the search picks.
pub async fn export_supervisions(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let (state, f) = (&state, &f);
    super::export_list(state, &page, f, |actor, format| async move {
        crate::export::supervisions(state, &actor, &oversight_query(f, "")?, format).await
    })
    .await
}

/// `/contributions/export?format=xlsx|csv&…`: the contributions the search picks.
pub async fn export_contributions(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let (state, f) = (&state, &f);
    super::export_list(state, &page, f, |actor, format| async move {
        crate::export::contributions(state, &actor, &oversight_query(f, "")?, format).await
    })
    .await
}

pub async fn supervisions(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let result: Result<Value, ApiError> = async {
        // Each list pages on its own cursor (`s_after`, `c_after`); the other stays where it was.
        let supervisions = state
            .store
            .list_supervisions(&caller.actor, &oversight_query(&f, "s_after")?)
            .await?;
        let contributions = state
            .store
            .list_contributions(&caller.actor, &oversight_query(&f, "c_after")?)
            .await?;
        let (supervisions, s_next, contributions, c_next) = (
            supervisions.items,
            supervisions.next,
            contributions.items,
            contributions.next,
        );
        let link = |key: &str, next: &Option<String>| super::next_page_url("/supervisions", &f, key, next.as_deref());
        let (s_next, c_next) = (link("s_after", &s_next), link("c_after", &c_next));
        let criticism = state
            .store
            .list_meetings(
                &caller.actor,
                &MeetingQuery {
                    kind: Some(MeetingKind::SocialCriticism),
                    limit: Some(100),
                    ..Default::default()
                },
            )
            .await?
            .items;
        let links = super::list_links("/supervisions", &f, None);
        let c_links = super::list_links("/contributions", &f, None);
        Ok(context! {
            supervisions, contributions, criticism, s_next, c_next, links, c_links, q => opt(&f, "q"), sort => opt(&f, "sort"),
            ..labels(page.lang)
        })
    }
    .await;
    match result {
        Ok(ctx) => page.render(&state, "supervisions.html", StatusCode::OK, ctx),
        Err(e) => page.error(&state, e),
    }
}

/// The minutes (biên bản) of a meeting as DOCX.
pub async fn minutes_docx(State(state): State<AppState>, page: Page, Path(id): Path<i64>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let m = match state.store.meeting(&caller.actor, id).await {
        Ok(m) => m,
        Err(e) => return page.error(&state, e.into()),
    };
    match minutes::docx(&m) {
        Ok(bytes) => (
            [
                (
                    axum::http::header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document".to_string(),
                ),
                (
                    axum::http::header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"bien-ban-hoi-nghi-{id}.docx\""),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => page.error(&state, ApiError::new(ErrorCode::Internal, &e.to_string())),
    }
}

/// `/meetings/{id}/minutes.pdf`: the same minutes as a PDF.
pub async fn minutes_pdf(State(state): State<AppState>, page: Page, Path(id): Path<i64>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let m = match state.store.meeting(&caller.actor, id).await {
        Ok(m) => m,
        Err(e) => return page.error(&state, e.into()),
    };
    match tokio::task::spawn_blocking(move || minutes::pdf(&m)).await {
        Ok(Ok(bytes)) => crate::api::reports::file(bytes, "application/pdf", &format!("bien-ban-hoi-nghi-{id}.pdf")),
        Ok(Err(e)) => page.error(&state, crate::reports::report_error(e)),
        Err(e) => page.error(&state, ApiError::new(ErrorCode::Internal, &e.to_string())),
    }
}

/// Turns an item of a meeting into a petition received on the meeting day, and opens the case.
pub async fn to_petition(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Response {
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
    let result: Result<(i64, Result<String, ApiError>), ApiError> = async {
        let item = state.store.item(&caller.actor, id).await?;
        if item.source_kind != SourceKind::Meeting {
            return Err(ApiError::new(
                ErrorCode::Unsupported,
                "chỉ chuyển ý kiến tại hội nghị từ trang này",
            ));
        }
        let m = state.store.meeting(&caller.actor, item.source_id).await?;
        let topics = state.store.petition_topics().await?;
        let topic = item
            .topic
            .clone()
            .filter(|t| topics.require_open(t).is_ok())
            .unwrap_or_else(|| "other".into());
        let name = item
            .raised_by
            .clone()
            .filter(|n| n != danvan_domain::petition::REDACTED);
        let subject: String = item.content.chars().take(120).collect();
        let new = danvan_domain::petition::NewPetition {
            unit: format!("{}/{}", m.unit_scheme, m.unit_code),
            organisation_id: None,
            kind: if item.denunciation {
                danvan_domain::petition::PetitionKind::Denunciation
            } else {
                danvan_domain::petition::PetitionKind::Feedback
            },
            round: 1,
            previous_code: None,
            channel: danvan_domain::petition::Channel::Meeting,
            received_on: m.held_on,
            subject,
            content: item.content.clone(),
            topic,
            anonymous: name.is_none(),
            petitioners: name
                .map(|name| danvan_domain::petition::Petitioner {
                    name,
                    cccd: None,
                    phone: None,
                    address: None,
                    address_unit: None,
                })
                .into_iter()
                .collect(),
            remote: false,
        };
        let created = state.store.item_to_petition(&caller.actor, id, &new).await;
        Ok((m.id, created.map(|p| p.code).map_err(ApiError::from)))
    }
    .await;
    match result {
        Ok((_, Ok(code))) => Redirect::to(&format!("/petitions/{code}")).into_response(),
        Ok((meeting, Err(e))) => render_meeting(&state, &page, meeting, status_of(e.code), Some(e.message)).await,
        Err(e) => page.error(&state, e),
    }
}
