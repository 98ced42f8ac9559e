//! The directive register's page: the list with filters, the counts by type for the period,
//! and the form to enter a document (its symbol checked as it is saved).

use super::form_caller;
use super::petitions::{today_vn, unit_choices};
use super::records::{opt, own_unit, period, req_date, vn};
use super::{field, Fields, Page};
use crate::error::{status_of, ApiError};
use crate::i18n::{label_map, label_pairs};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use danvan_domain::directive::{DocumentType, NewDirective};
use danvan_store::DirectiveQuery;
use minijinja::{context, Value};

fn labels(lang: &str) -> Value {
    context! {
        types => label_pairs(lang, "document_type", DocumentType::ALL, DocumentType::as_str, DocumentType::label_vi),
        type_labels => label_map(lang, "document_type", DocumentType::ALL, DocumentType::as_str, DocumentType::label_vi),
    }
}

/// The register's filters: type, the period issued (this year unless given), words, order, page.
fn directive_query(f: &Fields) -> Result<DirectiveQuery, ApiError> {
    let (from, to) = period(f)?;
    Ok(DirectiveQuery {
        doc_type: opt(f, "doc_type").as_deref().map(DocumentType::parse).transpose()?,
        from: Some(from),
        to: Some(to),
        q: opt(f, "q"),
        sort: super::list_order(f)?,
        after: opt(f, "after"),
        limit: Some(100),
        ..Default::default()
    })
}

/// `/directives/export?format=xlsx|csv&…`: the register's current filter as a file.
pub async fn export(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let (state, f) = (&state, &f);
    super::export_list(state, &page, f, |actor, format| async move {
        crate::export::directives(state, &actor, &directive_query(f)?, format).await
    })
    .await
}

async fn render(
    state: &AppState,
    page: &Page,
    f: &Fields,
    v: Value,
    status: StatusCode,
    error: Option<String>,
) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let result: Result<Value, ApiError> = async {
        let (from, to) = period(f)?;
        let list = state.store.list_directives(&caller.actor, &directive_query(f)?).await?;
        let links = super::list_links("/directives", f, list.next.as_deref());
        let stats = state
            .store
            .directive_stats(&caller.actor, &own_unit(page), from, to)
            .await?;
        let units = unit_choices(state, page).await?;
        Ok(context! {
            list, stats, units, v, error, links,
            f => context! { doc_type => opt(f, "doc_type"), q => opt(f, "q"), from => vn(from), to => vn(to), sort => opt(f, "sort") },
            ..labels(page.lang)
        })
    }
    .await;
    match result {
        Ok(ctx) => page.render(state, "directives.html", status, ctx),
        Err(e) => page.error(state, e),
    }
}

pub async fn list(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let v = context! { unit => own_unit(&page), doc_type => "plan", issued_on => today_vn() };
    render(&state, &page, &f, v, StatusCode::OK, None).await
}

pub async fn create(State(state): State<AppState>, page: Page, Form(f): Form<Fields>) -> Response {
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
    let result: Result<(), ApiError> = async {
        let new = NewDirective {
            unit: field(&f, "unit").into(),
            doc_type: DocumentType::parse(field(&f, "doc_type"))?,
            symbol: field(&f, "symbol").into(),
            issued_on: req_date(&f, "issued_on")?,
            issuer: field(&f, "issuer").into(),
            title: field(&f, "title").into(),
            file: opt(&f, "file"),
        };
        state.store.create_directive(&caller.actor, &new).await?;
        Ok(())
    }
    .await;
    match result {
        Ok(()) => Redirect::to("/directives").into_response(),
        Err(e) => {
            let v = Value::from_serialize(&f);
            let empty = Fields::new();
            render(&state, &page, &empty, v, status_of(e.code), Some(e.message)).await
        }
    }
}
