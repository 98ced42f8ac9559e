//! Staff pages for petitions: the worklist with filters and search, the recording form, the case
//! page with its deadlines, timeline and next steps, and the figures table.

use super::Page;
use crate::error::{status_of, ApiError};
use crate::i18n::{label, label_map, label_pairs};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use danvan_domain::deadline::Complexity;
use danvan_domain::figures::Rounding;
use danvan_domain::petition::{
    validate_cccd, validate_phone, Action, Channel, NewPetition, Outcome, PetitionKind, Petitioner, Status, Step,
    Topics,
};
use danvan_domain::unit::{parse_date, Unit};
use danvan_domain::ErrorCode;
use danvan_store::PetitionQuery;
use minijinja::{context, Value};
use std::collections::BTreeMap;

use super::{field, Fields};

/// Code → name maps the templates look names up in, in the page's language. Forms offer the
/// open topics; every topic, retired or not, names the cases filed under it.
pub(super) fn labels(taxonomy: &Topics, lang: &str) -> Value {
    let topic = |t: &danvan_domain::petition::Topic| label(lang, "topic", &t.code, &t.label);
    let mut actions = label_map(lang, "petition_action", Action::ALL, Action::as_str, Action::label_vi);
    actions.insert("receive", label(lang, "petition_action", "receive", "Tiếp nhận đơn"));
    actions.insert(
        "mark_duplicate",
        label(lang, "petition_action", "mark_duplicate", "Đánh dấu đơn trùng"),
    );
    context! {
        kinds => label_pairs(lang, "petition_kind", PetitionKind::ALL, PetitionKind::as_str, PetitionKind::label_vi),
        statuses => label_pairs(lang, "petition_status", Status::ALL, Status::as_str, Status::label_vi),
        channels => label_pairs(lang, "channel", Channel::ALL, Channel::as_str, Channel::label_vi),
        outcomes => label_pairs(lang, "petition_outcome", Outcome::ALL, Outcome::as_str, Outcome::label_vi),
        topics => taxonomy.open().map(|t| (t.code.clone(), topic(t))).collect::<Vec<_>>(),
        kind_labels => label_map(lang, "petition_kind", PetitionKind::ALL, PetitionKind::as_str, PetitionKind::label_vi),
        status_labels => label_map(lang, "petition_status", Status::ALL, Status::as_str, Status::label_vi),
        channel_labels => label_map(lang, "channel", Channel::ALL, Channel::as_str, Channel::label_vi),
        outcome_labels => label_map(lang, "petition_outcome", Outcome::ALL, Outcome::as_str, Outcome::label_vi),
        topic_labels => taxonomy.topics.iter().map(|t| (t.code.clone(), topic(t))).collect::<BTreeMap<_, _>>(),
        action_labels => actions,
        irreversible => IRREVERSIBLE,
    }
}

/// Steps that cannot be undone: the form asks for a confirmation, and the server insists on it.
const IRREVERSIBLE: [&str; 6] = ["forward", "guide", "file", "resolve", "close", "withdraw"];

pub(super) fn today_vn() -> String {
    danvan_store::today().format("%d/%m/%Y").to_string()
}

/// The units a user records for: their own unit and the units directly below it.
pub(super) async fn unit_choices(state: &AppState, page: &Page) -> Result<Vec<Unit>, ApiError> {
    let Some(c) = &page.caller else { return Ok(Vec::new()) };
    let own = state.store.unit(&c.user.unit_scheme, &c.user.unit_code).await?;
    let mut units = vec![own.clone()];
    units.extend(state.store.children(&own).await?);
    Ok(units)
}

pub async fn list(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let result: Result<Value, ApiError> = async {
        let opt = |k: &str| Some(field(&f, k).to_string()).filter(|s| !s.is_empty());
        let query = query_from(&f)?;
        let result = state.store.list_petitions(&caller.actor, &query).await?;
        let mut next: Vec<(String, String)> = f
            .iter()
            .filter(|(k, _)| k.as_str() != "after")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        next.sort();
        if let Some(n) = &result.next {
            next.push(("after".into(), n.clone()));
        }
        let next_url = format!("/petitions?{}", encode_query(&next));
        let filters: Vec<(String, String)> = next.iter().filter(|(k, _)| k.as_str() != "after").cloned().collect();
        let export_url = format!("/petitions/export?{}", encode_query(&filters));
        // Column headers re-sort the same filter from the first page.
        let sort_url = |sort: &str| {
            let mut pairs: Vec<(String, String)> =
                filters.iter().filter(|(k, _)| k.as_str() != "sort").cloned().collect();
            pairs.push(("sort".into(), sort.into()));
            format!("/petitions?{}", encode_query(&pairs))
        };
        let sort = query.sort.as_str();
        let received_sort = if sort == "newest" { "oldest" } else { "newest" };
        let sorting = context! {
            current => sort,
            received_url => sort_url(received_sort),
            due_url => sort_url("due"),
        };
        let topics = state.store.petition_topics().await?;
        Ok(
            context! { page => result, next_url, export_url, sorting, f => context! {
                q => opt("q"), kind => opt("kind"), status => opt("status"), overdue => query.overdue,
                open => query.open, due_within_days => query.due_within_days,
            }, ..labels(&topics, page.lang) },
        )
    }
    .await;
    match result {
        Ok(ctx) => page.render(&state, "petitions.html", StatusCode::OK, ctx),
        Err(e) => page.error(&state, e),
    }
}

/// The list's filters from its query string (the page's own form, so empty fields are absent).
fn query_from(f: &Fields) -> Result<PetitionQuery, ApiError> {
    let opt = |k: &str| Some(field(f, k).to_string()).filter(|s| !s.is_empty());
    Ok(PetitionQuery {
        kind: opt("kind").as_deref().map(PetitionKind::parse).transpose()?,
        status: opt("status").as_deref().map(Status::parse).transpose()?,
        q: opt("q"),
        overdue: field(f, "overdue") == "true",
        open: field(f, "open") == "true",
        due_within_days: opt("due_within_days")
            .and_then(|d| d.parse().ok())
            .filter(|d| (0..=366).contains(d)),
        // The records behind a report figure: `/petitions?unit=2025/01&from=2024-01-01&to=2024-06-30`.
        unit: opt("unit"),
        from: opt("from")
            .as_deref()
            .map(danvan_domain::unit::parse_date)
            .transpose()?,
        to: opt("to").as_deref().map(danvan_domain::unit::parse_date).transpose()?,
        after: opt("after"),
        limit: Some(50),
        // A worklist of deadlines reads nearest deadline first unless the user picks an order.
        sort: match field(f, "sort") {
            "" if field(f, "overdue") == "true" || !field(f, "due_within_days").is_empty() => {
                danvan_store::PetitionSort::DueFirst
            }
            other => danvan_store::PetitionSort::parse(other)?,
        },
        ..Default::default()
    })
}

/// `/petitions/export?format=xlsx|csv&…`: the list's current filter as a file.
pub async fn export(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    // The export walks every page itself: the list's own cursor does not matter.
    let (state, f) = (&state, &f);
    super::export_list(state, &page, f, |actor, format| async move {
        crate::export::petitions(state, &actor, &query_from(f)?, format).await
    })
    .await
}

pub(super) fn encode_query(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", crate::api::percent(k), crate::api::percent(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The recording form. A link may prefill it (`unit`, `received_on`, `channel`, `content`, and
/// `matter` when the petition follows a matter raised at a reception session).
pub async fn new_form(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let given = |k: &str, default: String| {
        Some(field(&f, k).to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or(default)
    };
    let content = field(&f, "content");
    let v = context! {
        unit => given("unit", format!("{}/{}", caller.user.unit_scheme, caller.user.unit_code)),
        received_on => given("received_on", today_vn()),
        kind => given("kind", "feedback".into()),
        channel => given("channel", "in_person".into()),
        topic => given("topic", "land".into()),
        content => content,
        subject => given("subject", content.chars().take(120).collect()),
        matter => field(&f, "matter").parse::<i64>().ok(),
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
    let choices = async { Ok::<_, ApiError>((unit_choices(state, page).await?, state.store.petition_topics().await?)) };
    match choices.await {
        Ok((units, topics)) => page.render(
            state,
            "petition_new.html",
            status,
            context! { v, errors, units, ..labels(&topics, page.lang) },
        ),
        Err(e) => page.error(state, e),
    }
}

/// Which form field an error belongs next to.
fn field_of(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::InvalidCccd => "cccd",
        ErrorCode::InvalidPhone => "phone",
        ErrorCode::FutureDate | ErrorCode::InvalidDate => "received_on",
        ErrorCode::UnknownUnit | ErrorCode::ForbiddenScope | ErrorCode::AmbiguousUnit => "unit",
        _ => "general",
    }
}

pub async fn create(State(state): State<AppState>, page: Page, Form(f): Form<Fields>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    if !crate::auth::tokens_match(&caller.csrf, field(&f, "csrf")) {
        return page.error(&state, ApiError::new(ErrorCode::CsrfFailed, ""));
    }
    let values = context! {
        unit => field(&f, "unit"), kind => field(&f, "kind"), channel => field(&f, "channel"),
        received_on => field(&f, "received_on"), topic => field(&f, "topic"), subject => field(&f, "subject"),
        content => field(&f, "content"), name => field(&f, "name"), cccd => field(&f, "cccd"),
        phone => field(&f, "phone"), address => field(&f, "address"),
        anonymous => field(&f, "anonymous") == "true", remote => field(&f, "remote") == "true",
        matter => field(&f, "matter"),
    };
    // Check every field first, so the officer sees all problems at once.
    let mut errors: BTreeMap<&'static str, String> = BTreeMap::new();
    let received = parse_date(field(&f, "received_on"))
        .map_err(|e| errors.insert("received_on", e.to_string()))
        .ok();
    for (name, msg) in [("subject", "Hãy nhập trích yếu"), ("content", "Hãy nhập nội dung đơn")] {
        if field(&f, name).is_empty() {
            errors.insert(name, msg.into());
        }
    }
    let anonymous = field(&f, "anonymous") == "true";
    if !anonymous && field(&f, "name").is_empty() {
        errors.insert(
            "name",
            "Hãy nhập họ tên người viết đơn, hoặc đánh dấu đơn nặc danh".into(),
        );
    }
    if !field(&f, "cccd").is_empty() {
        if let Err(e) = validate_cccd(field(&f, "cccd")) {
            errors.insert("cccd", e.to_string());
        }
    }
    if !field(&f, "phone").is_empty() {
        if let Err(e) = validate_phone(field(&f, "phone")) {
            errors.insert("phone", e.to_string());
        }
    }
    let kind = PetitionKind::parse(field(&f, "kind"));
    let channel = Channel::parse(field(&f, "channel"));
    let (Some(received_on), Ok(kind), Ok(channel), true) = (received, kind, channel, errors.is_empty()) else {
        return render_form(&state, &page, StatusCode::BAD_REQUEST, values, errors).await;
    };
    let opt = |k: &str| Some(field(&f, k).to_string()).filter(|s| !s.is_empty());
    let new = NewPetition {
        unit: field(&f, "unit").into(),
        organisation_id: None,
        kind,
        round: 1,
        previous_code: None,
        channel,
        received_on,
        subject: field(&f, "subject").into(),
        content: field(&f, "content").into(),
        topic: field(&f, "topic").into(),
        petitioners: opt("name")
            .map(|name| Petitioner {
                name,
                cccd: opt("cccd"),
                phone: opt("phone"),
                address: opt("address"),
                address_unit: None,
            })
            .into_iter()
            .collect(),
        anonymous,
        remote: field(&f, "remote") == "true",
    };
    let create = async {
        let created = match field(&f, "matter").parse::<i64>() {
            Ok(matter) => state.store.matter_to_petition(&caller.actor, matter, &new).await,
            Err(_) => state.store.create_petition(&caller.actor, &new).await,
        };
        Ok(created?.code)
    };
    match crate::idempotency::run_once(&state, caller.actor.user_id, field(&f, "idem"), create).await {
        Ok(ran) => Redirect::to(&format!("/petitions/{}", ran.result())).into_response(),
        Err(e) => {
            errors.insert(field_of(e.code), e.message.clone());
            render_form(&state, &page, status_of(e.code), values, errors).await
        }
    }
}

pub async fn show(State(state): State<AppState>, page: Page, Path(code): Path<String>) -> Response {
    render_case(&state, &page, &code, StatusCode::OK, None).await
}

async fn render_case(state: &AppState, page: &Page, code: &str, status: StatusCode, error: Option<String>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let result: Result<Value, ApiError> = async {
        let p = state.store.petition(&caller.actor, code).await?;
        let events = state.store.petition_events(&caller.actor, code).await?;
        let attachments = state.store.attachments(&caller.actor, code).await?;
        let overdue = p.is_overdue(danvan_store::today());
        let topics = state.store.petition_topics().await?;
        Ok(context! { p, events, attachments, overdue, error, today => today_vn(), ..labels(&topics, page.lang) })
    }
    .await;
    match result {
        Ok(ctx) => page.render(state, "petition.html", status, ctx),
        Err(e) => page.error(state, e),
    }
}

pub async fn step(
    State(state): State<AppState>,
    page: Page,
    Path(code): Path<String>,
    Form(f): Form<Fields>,
) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    if !crate::auth::tokens_match(&caller.csrf, field(&f, "csrf")) {
        return page.error(&state, ApiError::new(ErrorCode::CsrfFailed, ""));
    }
    let parsed: Result<Step, ApiError> = (|| {
        let opt = |k: &str| Some(field(&f, k).to_string()).filter(|s| !s.is_empty());
        let complexity = match opt("complexity").as_deref() {
            Some("complex") => Some(Complexity::Complex),
            Some("especially_complex") => Some(Complexity::EspeciallyComplex),
            Some(_) => Some(Complexity::Normal),
            None => None,
        };
        Ok(Step {
            action: Action::parse(field(&f, "action"))?,
            on: opt("on").as_deref().map(parse_date).transpose()?,
            note: opt("note"),
            complexity,
            within_jurisdiction: None,
            handler: opt("handler"),
            outcome: opt("outcome").as_deref().map(Outcome::parse).transpose()?,
        })
    })();
    let confirmed = |step: &Step| !IRREVERSIBLE.contains(&step.action.as_str()) || field(&f, "confirm") == "yes";
    let result = match parsed {
        Ok(step) if !confirmed(&step) => Err(ApiError::new(
            ErrorCode::Validation,
            "bước này không thể hoàn tác: hãy đánh dấu ô xác nhận",
        )),
        Ok(step) => state
            .store
            .advance_petition(&caller.actor, &code, &step)
            .await
            .map_err(ApiError::from),
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Redirect::to(&format!("/petitions/{code}")).into_response(),
        Err(e) => render_case(&state, &page, &code, status_of(e.code), Some(e.message)).await,
    }
}

pub async fn stats(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let unit = Some(field(&f, "unit").to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| format!("{}/{}", caller.user.unit_scheme, caller.user.unit_code));
    let today = danvan_store::today();
    let from = Some(field(&f, "from").to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| format!("01/01/{}", today.format("%Y")));
    let to = Some(field(&f, "to").to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(today_vn);
    let units = match unit_choices(&state, &page).await {
        Ok(u) => u,
        Err(e) => return page.error(&state, e),
    };
    let figures: Result<_, ApiError> = async {
        let (a, b) = (parse_date(&from)?, parse_date(&to)?);
        Ok(state
            .store
            .petition_stats(&caller.actor, &unit, a, b, Rounding::Truncate)
            .await?)
    }
    .await;
    let (s, error, status) = match figures {
        Ok(s) => (Some(s), None, StatusCode::OK),
        Err(e) => (None, Some(e.message.clone()), status_of(e.code)),
    };
    page.render(
        &state,
        "petition_stats.html",
        status,
        context! { s, error, units, unit, from, to },
    )
}

/// Uploads an attachment from the case page (multipart form with the CSRF token).
pub async fn upload(
    State(state): State<AppState>,
    page: Page,
    Path(code): Path<String>,
    form: axum::extract::Multipart,
) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let (csrf, file) = match super::record_files::read_upload_form(form).await {
        Ok(f) => (f.csrf, f.file),
        Err(e) => return render_case(&state, &page, &code, status_of(e.code), Some(e.message)).await,
    };
    if !crate::auth::tokens_match(&caller.csrf, &csrf) {
        return page.error(&state, ApiError::new(ErrorCode::CsrfFailed, ""));
    }
    let result = match file {
        Some((name, bytes)) => state
            .store
            .add_attachment(&caller.actor, &code, &name, &bytes)
            .await
            .map_err(ApiError::from),
        None => Err(ApiError::new(ErrorCode::Validation, "hãy chọn tệp")),
    };
    match result {
        Ok(_) => Redirect::to(&format!("/petitions/{code}")).into_response(),
        Err(e) => render_case(&state, &page, &code, status_of(e.code), Some(e.message)).await,
    }
}

pub async fn attachment(State(state): State<AppState>, page: Page, Path((code, id)): Path<(String, i64)>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    match state.store.attachment_content(&caller.actor, &code, id).await {
        Ok((a, bytes)) => crate::api::download(a, bytes),
        Err(e) => page.error(&state, e.into()),
    }
}
