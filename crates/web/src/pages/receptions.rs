//! Staff pages for citizen reception: the list with the recording form, and a session's page
//! whose matters link to a prefilled petition form.

use super::Page;
use crate::error::{status_of, ApiError};
use crate::i18n::{label_map, label_pairs};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use danvan_domain::reception::{NewReception, ReceptionHost, ReceptionKind};
use danvan_domain::unit::parse_date;
use danvan_domain::ErrorCode;
use minijinja::{context, Value};

use super::{field, list_links, opt, record_list_query, Fields};

fn labels(lang: &str) -> Value {
    let all = ReceptionKind::ALL;
    context! {
        kinds => label_pairs(lang, "reception_kind", all, ReceptionKind::as_str, ReceptionKind::label_vi),
        kind_labels => label_map(lang, "reception_kind", all, ReceptionKind::as_str, ReceptionKind::label_vi),
        hosts => label_pairs(lang, "reception_host", ReceptionHost::ALL, ReceptionHost::as_str, ReceptionHost::label_vi),
    }
}

pub async fn list(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let Some(c) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let v = context! {
        unit => format!("{}/{}", c.user.unit_scheme, c.user.unit_code),
        kind => "regular", held_on => super::petitions::today_vn(), citizens => "0", delegations => "0", delegation_people => "0",
    };
    render_list(&state, &page, &f, StatusCode::OK, v, None).await
}

/// `/receptions/export?format=xlsx|csv&…`: the list's current filter as a file.
pub async fn export(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let (state, f) = (&state, &f);
    super::export_list(state, &page, f, |actor, format| async move {
        crate::export::receptions(state, &actor, &record_list_query(f)?, format).await
    })
    .await
}

async fn render_list(
    state: &AppState,
    page: &Page,
    f: &Fields,
    status: StatusCode,
    v: Value,
    error: Option<String>,
) -> Response {
    let Some(c) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let data: Result<_, ApiError> = async {
        Ok((
            state.store.list_receptions(&c.actor, &record_list_query(f)?).await?,
            super::petitions::unit_choices(state, page).await?,
        ))
    }
    .await;
    match data {
        Ok((sessions, units)) => {
            let links = list_links("/receptions", f, sessions.next.as_deref());
            let sessions = sessions.items;
            let filters = context! { q => opt(f, "q"), from => opt(f, "from"), to => opt(f, "to"), unit => opt(f, "unit"), sort => opt(f, "sort") };
            page.render(
                state,
                "receptions.html",
                status,
                context! { sessions, units, v, error, links, f => filters, ..labels(page.lang) },
            )
        }
        Err(e) => page.error(state, e),
    }
}

pub async fn create(State(state): State<AppState>, page: Page, Form(f): Form<Fields>) -> Response {
    let Some(c) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    if !crate::auth::tokens_match(&c.csrf, field(&f, "csrf")) {
        return page.error(&state, ApiError::new(ErrorCode::CsrfFailed, ""));
    }
    let v = context! {
        unit => field(&f, "unit"), kind => field(&f, "kind"), held_on => field(&f, "held_on"),
        receiver => field(&f, "receiver"), receiver_position => field(&f, "receiver_position"), host => field(&f, "host"),
        citizens => field(&f, "citizens"), delegations => field(&f, "delegations"),
        delegation_people => field(&f, "delegation_people"), matters => field(&f, "matters"),
    };
    let parsed: Result<NewReception, ApiError> = (|| {
        let number = |k: &str, label: &str| -> Result<i64, ApiError> {
            danvan_domain::figures::parse_vn_count(field(&f, k))
                .map(|n| n.unwrap_or(0))
                .map_err(|e| ApiError::new(ErrorCode::Validation, &format!("{label}: {}", e.detail)))
        };
        Ok(NewReception {
            unit: field(&f, "unit").into(),
            kind: ReceptionKind::parse(field(&f, "kind"))?,
            held_on: parse_date(field(&f, "held_on"))?,
            receiver: field(&f, "receiver").into(),
            receiver_position: field(&f, "receiver_position").into(),
            host: ReceptionHost::parse(
                Some(field(&f, "host"))
                    .filter(|h| !h.is_empty())
                    .unwrap_or("government_head"),
            )?,
            citizens: number("citizens", "Số lượt công dân")?,
            delegations: number("delegations", "Số đoàn")?,
            delegation_people: number("delegation_people", "Số người trong các đoàn")?,
            matters: field(&f, "matters")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
            note: None,
        })
    })();
    let create = async { Ok(state.store.create_reception(&c.actor, &parsed?).await?.id.to_string()) };
    match crate::idempotency::run_once(&state, c.actor.user_id, field(&f, "idem"), create).await {
        Ok(ran) => Redirect::to(&format!("/receptions/{}", ran.result())).into_response(),
        Err(e) => render_list(&state, &page, &Fields::new(), status_of(e.code), v, Some(e.message)).await,
    }
}

pub async fn show(State(state): State<AppState>, page: Page, Path(id): Path<i64>) -> Response {
    let Some(c) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    match state.store.reception(&c.actor, id).await {
        Ok(r) => page.render(
            &state,
            "reception.html",
            StatusCode::OK,
            context! { r, ..labels(page.lang) },
        ),
        Err(e) => page.error(&state, e.into()),
    }
}
