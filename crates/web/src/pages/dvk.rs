//! "Dân vận khéo" pages: the model list with filters, the registration form, a model's page
//! (facts, replications, dated history and the next step), the statistics, and the public
//! showcase of recognised models.

use super::form_caller;
use super::petitions::{today_vn, unit_choices};
use super::record_files::files_context;
use super::records::{count, opt, opt_date, own_unit, period, vn};
use super::{field, Fields, Page};
use crate::error::{status_of, ApiError};
use crate::i18n::{label_map, label_pairs};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use danvan_domain::attachment::RecordKind;
use danvan_domain::dvk::{
    CommendationForm, DvkAction, DvkField, DvkStage, DvkStep, Holder, NewDvkModel, RecognitionLevel,
};
use danvan_domain::ErrorCode;
use danvan_store::DvkQuery;
use minijinja::{context, Value};

fn labels(lang: &str) -> Value {
    context! {
        fields => label_pairs(lang, "dvk_field", DvkField::ALL, DvkField::as_str, DvkField::label_vi),
        field_labels => label_map(lang, "dvk_field", DvkField::ALL, DvkField::as_str, DvkField::label_vi),
        holders => label_pairs(lang, "dvk_holder", Holder::ALL, Holder::as_str, Holder::label_vi),
        holder_labels => label_map(lang, "dvk_holder", Holder::ALL, Holder::as_str, Holder::label_vi),
        stages => label_pairs(lang, "dvk_stage", DvkStage::ALL, DvkStage::as_str, DvkStage::label_vi),
        stage_labels => label_map(lang, "dvk_stage", DvkStage::ALL, DvkStage::as_str, DvkStage::label_vi),
        action_labels => label_map(lang, "dvk_action", DvkAction::ALL, DvkAction::as_str, DvkAction::label_vi),
        levels => label_pairs(lang, "recognition_level", RecognitionLevel::ALL, RecognitionLevel::as_str, RecognitionLevel::label_vi),
        level_labels => label_map(lang, "recognition_level", RecognitionLevel::ALL, RecognitionLevel::as_str, RecognitionLevel::label_vi),
        forms => label_pairs(lang, "commendation_form", CommendationForm::ALL, CommendationForm::as_str, CommendationForm::label_vi),
        form_labels => label_map(lang, "commendation_form", CommendationForm::ALL, CommendationForm::as_str, CommendationForm::label_vi),
    }
}

fn query(f: &Fields) -> Result<DvkQuery, ApiError> {
    let year = opt(f, "year")
        .map(|y| {
            y.parse::<i32>()
                .map_err(|_| ApiError::new(ErrorCode::Validation, &format!("năm '{y}' không hợp lệ")))
        })
        .transpose()?;
    Ok(DvkQuery {
        year,
        field: opt(f, "field").as_deref().map(DvkField::parse).transpose()?,
        holder: opt(f, "holder").as_deref().map(Holder::parse).transpose()?,
        stage: opt(f, "stage").as_deref().map(DvkStage::parse).transpose()?,
        q: opt(f, "q"),
        sort: super::list_order(f)?,
        after: opt(f, "after"),
        limit: Some(50),
        ..Default::default()
    })
}

/// `/dvk/export?format=xlsx|csv&…`: the model list's current filter as a file.
pub async fn export(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let (state, f) = (&state, &f);
    super::export_list(state, &page, f, |actor, format| async move {
        crate::export::dvk_models(state, &actor, &query(f)?, format).await
    })
    .await
}

pub async fn list(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let result: Result<Value, ApiError> = async {
        let list = state.store.list_dvk_models(&caller.actor, &query(&f)?).await?;
        let links = super::list_links("/dvk", &f, list.next.as_deref());
        Ok(context! {
            list, links,
            f => context! {
                q => opt(&f, "q"), year => opt(&f, "year"), field => opt(&f, "field"), holder => opt(&f, "holder"),
                stage => opt(&f, "stage"), sort => opt(&f, "sort"),
            },
            ..labels(page.lang)
        })
    }
    .await;
    match result {
        Ok(ctx) => page.render(&state, "dvk_models.html", StatusCode::OK, ctx),
        Err(e) => page.error(&state, e),
    }
}

async fn render_form(state: &AppState, page: &Page, status: StatusCode, v: Value, error: Option<String>) -> Response {
    let result: Result<Value, ApiError> = async {
        let units = unit_choices(state, page).await?;
        let sub_fields = state.store.dvk_sub_fields().await?;
        Ok(context! { v, error, units, sub_fields, ..labels(page.lang) })
    }
    .await;
    match result {
        Ok(ctx) => page.render(state, "dvk_model_new.html", status, ctx),
        Err(e) => page.error(state, e),
    }
}

pub async fn new_form(State(state): State<AppState>, page: Page) -> Response {
    if page.caller.is_none() {
        return Redirect::to("/").into_response();
    }
    let today = danvan_store::today();
    let v = context! {
        unit => own_unit(&page), year => chrono::Datelike::year(&today).to_string(), holder => "collective",
        field => "economy", registered_on => today_vn(),
    };
    render_form(&state, &page, StatusCode::OK, v, None).await
}

pub async fn create(State(state): State<AppState>, page: Page, Form(f): Form<Fields>) -> Response {
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
    let result: Result<i64, ApiError> = async {
        let year = count(&f, "year")?.ok_or_else(|| ApiError::new(ErrorCode::Validation, "cần ghi năm đăng ký"))?;
        let new = NewDvkModel {
            unit: field(&f, "unit").into(),
            year: year as i32,
            holder: Holder::parse(field(&f, "holder"))?,
            name: field(&f, "name").into(),
            owner: field(&f, "owner").into(),
            organisation: opt(&f, "organisation"),
            field: DvkField::parse(field(&f, "field"))?,
            sub_field: opt(&f, "sub_field"),
            description: field(&f, "description").into(),
            expected_results: opt(&f, "expected_results"),
            evidence: field(&f, "evidence")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
            registered_on: opt_date(&f, "registered_on")?,
        };
        Ok(state.store.create_dvk_model(&caller.actor, &new).await?.id)
    }
    .await;
    match result {
        Ok(id) => Redirect::to(&format!("/dvk/{id}")).into_response(),
        Err(e) => {
            render_form(
                &state,
                &page,
                status_of(e.code),
                Value::from_serialize(&f),
                Some(e.message),
            )
            .await
        }
    }
}

pub async fn show(State(state): State<AppState>, page: Page, Path(id): Path<i64>) -> Response {
    render_model(&state, &page, id, StatusCode::OK, None).await
}

async fn render_model(state: &AppState, page: &Page, id: i64, status: StatusCode, error: Option<String>) -> Response {
    render_model_with(state, page, id, status, error, None).await
}

/// The model's page; `file_error` is a refused upload's reason, shown next to the file control.
pub(super) async fn render_model_with(
    state: &AppState,
    page: &Page,
    id: i64,
    status: StatusCode,
    error: Option<String>,
    file_error: Option<String>,
) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let result: Result<Value, ApiError> = async {
        let m = state.store.dvk_model(&caller.actor, id).await?;
        let units = unit_choices(state, page).await?;
        let earlier: Vec<(&str, String)> = DvkStage::ALL
            .iter()
            .filter(|s| s.rank() < m.stage.rank())
            .map(|s| {
                (
                    s.as_str(),
                    crate::i18n::label(page.lang, "dvk_stage", s.as_str(), s.label_vi()),
                )
            })
            .collect();
        let files = state
            .store
            .record_files(&caller.actor, RecordKind::DvkModel, id)
            .await?;
        let files = files_context(page, files, format!("/dvk/{id}/files"), "record_files_dvk", file_error);
        let ctx = context! {
            m, error, units, earlier, today => today_vn(),
            is_admin => caller.actor.role.can_administer(),
            ..labels(page.lang)
        };
        Ok(context! { ..ctx, ..files })
    }
    .await;
    match result {
        Ok(ctx) => page.render(state, "dvk_model.html", status, ctx),
        Err(e) => page.error(state, e),
    }
}

pub async fn step(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let fields: Fields = f.iter().cloned().collect();
    let caller = match form_caller(&state, &page, &fields) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
    let result: Result<(), ApiError> = async {
        let step = DvkStep {
            action: Some(DvkAction::parse(field(&fields, "action"))?),
            on: opt_date(&fields, "on")?,
            score: count(&fields, "score")?,
            opinion: opt(&fields, "opinion"),
            level: opt(&fields, "level")
                .as_deref()
                .map(RecognitionLevel::parse)
                .transpose()?,
            body: opt(&fields, "body"),
            form: opt(&fields, "form")
                .as_deref()
                .map(CommendationForm::parse)
                .transpose()?,
            decision: opt(&fields, "decision"),
            units: f
                .iter()
                .filter(|(k, v)| k == "units" && !v.trim().is_empty())
                .map(|(_, v)| v.clone())
                .collect(),
            to: opt(&fields, "to").as_deref().map(DvkStage::parse).transpose()?,
            reason: opt(&fields, "reason"),
            override_commended: field(&fields, "override") == "true",
        };
        state.store.step_dvk_model(&caller.actor, id, &step).await?;
        Ok(())
    }
    .await;
    match result {
        Ok(()) => Redirect::to(&format!("/dvk/{id}")).into_response(),
        Err(e) => render_model(&state, &page, id, status_of(e.code), Some(e.message)).await,
    }
}

pub async fn stats(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let units = unit_choices(&state, &page).await.unwrap_or_default();
    let unit = opt(&f, "unit").unwrap_or_else(|| own_unit(&page));
    let result: Result<Value, ApiError> = async {
        let (from, to) = period(&f)?;
        let s = state.store.dvk_stats(&caller.actor, &unit, from, to).await?;
        Ok(context! { s, from => vn(from), to => vn(to) })
    }
    .await;
    let (ctx, error) = match result {
        Ok(ctx) => (ctx, None),
        Err(e) => (
            context! { from => field(&f, "from"), to => field(&f, "to") },
            Some(e.message),
        ),
    };
    page.render(
        &state,
        "dvk_stats.html",
        StatusCode::OK,
        context! { ..context! { units, unit, error }, ..ctx, ..labels(page.lang) },
    )
}

/// Public: the recognised models, by field. No sign-in needed.
pub async fn showcase(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let result: Result<Value, ApiError> = async {
        let field = opt(&f, "field").as_deref().map(DvkField::parse).transpose()?;
        let models = state.store.dvk_showcase(opt(&f, "unit").as_deref(), field, 200).await?;
        Ok(context! { models, selected => opt(&f, "field"), ..labels(page.lang) })
    }
    .await;
    match result {
        Ok(ctx) => page.render(&state, "dvk_showcase.html", StatusCode::OK, ctx),
        Err(e) => page.error(&state, e),
    }
}
