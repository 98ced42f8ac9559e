//! The report page: pick a unit, period and family; see every figure with its source, the
//! records behind it, the comparison with last year, a chart, the warnings and the narrative;
//! edit the header and the free sections; submit, approve or return; download the PDF, DOCX,
//! XLSX or JSON; download a unit's submission template and upload it back.

use super::form_caller;
use super::petitions::unit_choices;
use super::{csrf_ok, field, Fields, Page};
use crate::api::reports::{advance_report, file, submit_file, template_file};
use crate::chart::{hbar_chart, Bar};
use crate::error::{status_of, ApiError};
use crate::reports::{assemble, file_name, report_error, ReportRequest};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use danvan_domain::report::{DocStyle, FreeSections, ReportHeader, FREE_SECTIONS};
use danvan_domain::ErrorCode;
use danvan_report::Format;
use minijinja::{context, Value};

fn request(f: &Fields) -> Result<ReportRequest, ApiError> {
    ReportRequest::parse(
        field(f, "unit"),
        field(f, "period"),
        Some(field(f, "family")),
        Some(field(f, "rounding")),
    )
}

/// `?unit=…&period=…&family=…` for links back to the same report.
fn query_of(req: &ReportRequest) -> String {
    super::petitions::encode_query(&[
        ("unit".to_string(), req.unit.clone()),
        ("period".to_string(), req.period.key()),
        ("family".to_string(), req.family.clone()),
    ])
}

async fn render_page(state: &AppState, page: &Page, f: &Fields, status: StatusCode, error: Option<String>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let units = unit_choices(state, page).await.unwrap_or_default();
    let own = format!("{}/{}", caller.user.unit_scheme, caller.user.unit_code);
    let unit = Some(field(f, "unit").to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or(own);
    let period = Some(field(f, "period").to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| format!("{}-H1", danvan_store::today().format("%Y")));
    let family = Some(field(f, "family").to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "party".into());
    let mut ctx = context! { units, unit, period, family, error, form_figures => form_figures() };
    if field(f, "period").is_empty() {
        return page.render(state, "reports.html", status, ctx);
    }
    let result: Result<Value, ApiError> = async {
        let req = request(f)?;
        let report = assemble(&state.store, &caller.actor, &req).await?;
        let record = state
            .store
            .report_record(&caller.actor, &req.unit, &req.family, &req.period)
            .await?;
        let bars: Vec<Bar> = report
            .figures
            .figures
            .iter()
            // Counts of their own (no split, no rate, not people): comparable bars.
            .filter(|r| r.denominator.is_none() && r.id.matches('.').count() == 1 && r.id != "meetings.participants")
            .map(|r| Bar {
                label: &r.label,
                value: r.value,
                })
            .collect();
        let chart = Value::from_safe_string(hbar_chart(&page.text("report_chart"), &bars));
        let free: Vec<Value> = FREE_SECTIONS
            .iter()
            .map(|(id, title)| {
                let text = record.as_ref().and_then(|r| r.sections.get(*id)).cloned().unwrap_or_default();
                context! { id, title, text }
            })
            .collect();
        Ok(context! { r => report, record, chart, free, q => query_of(&req), party => report.header.style == DocStyle::Party })
    }
    .await;
    match result {
        Ok(more) => {
            ctx = context! { ..more, ..ctx };
            page.render(state, "reports.html", status, ctx)
        }
        Err(e) => {
            let ctx = context! { error => e.message, ..ctx };
            page.render(state, "reports.html", status_of(e.code), ctx)
        }
    }
}

pub async fn show(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    render_page(&state, &page, &f, StatusCode::OK, None).await
}

/// `/reports/download?format=pdf|docx|xlsx|json&…`
pub async fn download(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let result = async {
        let format = Format::parse(field(&f, "format"))?;
        let report = assemble(&state.store, &caller.actor, &request(&f)?).await?;
        let name = file_name(&report, format);
        let bytes = tokio::task::spawn_blocking(move || danvan_report::render(&report, format))
            .await
            .map_err(|e| ApiError::new(ErrorCode::Internal, &e.to_string()))?
            .map_err(report_error)?;
        Ok::<_, ApiError>(file(bytes, format.content_type(), &name))
    }
    .await;
    result.unwrap_or_else(|e| page.error(&state, e))
}

/// `/reports/template?unit=…&period=…`: the XLSX a unit not on the system fills in.
pub async fn template(State(state): State<AppState>, page: Page, Query(f): Query<Fields>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let result = async {
        let (bytes, name) = template_file(&state, &caller.actor, &request(&f)?).await?;
        Ok::<_, ApiError>(file(bytes, Format::Xlsx.content_type(), &name))
    }
    .await;
    result.unwrap_or_else(|e| page.error(&state, e))
}

fn header_from(f: &Fields) -> ReportHeader {
    let text = |k: &str| field(f, k).trim().to_string();
    ReportHeader {
        style: if field(f, "style") == "state" {
            DocStyle::State
        } else {
            DocStyle::Party
        },
        parent_body: text("parent_body"),
        issuing_body: text("issuing_body"),
        number: text("number"),
        place: text("place"),
        date: Some(text("date")).filter(|d| !d.is_empty()),
        signer_authority: text("signer_authority"),
        signer_title: text("signer_title"),
        signer_name: text("signer_name"),
        recipients: field(f, "recipients")
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect(),
        title: Some(text("title")).filter(|t| !t.is_empty()),
    }
}

/// Saves the header and the free sections.
pub async fn save(State(state): State<AppState>, page: Page, Form(f): Form<Fields>) -> Response {
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
    let result = async {
        let req = request(&f)?;
        if let Some(d) = Some(field(&f, "date")).filter(|d| !d.is_empty()) {
            danvan_domain::unit::parse_date(d)?;
        }
        let mut sections = FreeSections::new();
        for (id, _) in FREE_SECTIONS {
            sections.insert(id.to_string(), field(&f, id).to_string());
        }
        state
            .store
            .save_report(
                &caller.actor,
                &req.unit,
                &req.family,
                &req.period,
                &header_from(&f),
                &sections,
            )
            .await?;
        Ok::<_, ApiError>(query_of(&req))
    }
    .await;
    match result {
        Ok(q) => Redirect::to(&format!("/reports?{q}")).into_response(),
        Err(e) => render_page(&state, &page, &f, status_of(e.code), Some(e.message)).await,
    }
}

/// Submit, approve or return (with the confirmation box ticked).
pub async fn step(State(state): State<AppState>, page: Page, Form(f): Form<Fields>) -> Response {
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
    let result = async {
        if field(&f, "action") == "approve" && field(&f, "confirm") != "yes" {
            return Err(ApiError::new(ErrorCode::Validation, &page.text("confirm_step")));
        }
        let req = request(&f)?;
        advance_report(&state, &caller.actor, &req, field(&f, "action")).await?;
        Ok(query_of(&req))
    }
    .await;
    match result {
        Ok(q) => Redirect::to(&format!("/reports?{q}")).into_response(),
        Err(e) => render_page(&state, &page, &f, status_of(e.code), Some(e.message)).await,
    }
}

/// The figures a unit submits on the page's form: counts and money, in catalogue order.
fn form_figures() -> Vec<Value> {
    use danvan_domain::report::{FigureKind, CATALOGUE};
    CATALOGUE
        .iter()
        .filter(|f| matches!(f.kind, FigureKind::Count | FigureKind::Money))
        .map(|f| {
            let money = f.kind == FigureKind::Money;
            context! { id => f.id, label => f.label, money }
        })
        .collect()
}

/// Stores figures typed in for a unit not on the system (`v.{figure id}` fields, `1.234` style).
pub async fn submit_form(State(state): State<AppState>, page: Page, Form(f): Form<Fields>) -> Response {
    let caller = match form_caller(&state, &page, &f) {
        Ok(caller) => caller,
        Err(refused) => return *refused,
    };
    let result = async {
        let mut values = danvan_domain::report::FigureValues::new();
        for (key, text) in &f {
            let Some(id) = key.strip_prefix("v.") else { continue };
            let label = danvan_domain::report::definition(id).map(|d| d.label).unwrap_or(id);
            let value = danvan_domain::figures::parse_vn_count(text)
                .map_err(|e| ApiError::new(ErrorCode::InvalidCell, &format!("{label}: {}", e.detail)))?;
            if let Some(v) = value {
                values.insert(id.to_string(), v);
            }
        }
        let mut sub = f.clone();
        sub.insert("unit".into(), field(&f, "submit_unit").to_string());
        let req = request(&sub)?;
        state
            .store
            .submit_report_figures(&caller.actor, &req.unit, &req.family, &req.period, &values, "form")
            .await?;
        Ok::<_, ApiError>(query_of(&request(&f)?))
    }
    .await;
    match result {
        Ok(q) => Redirect::to(&format!("/reports?{q}")).into_response(),
        Err(e) => render_page(&state, &page, &f, status_of(e.code), Some(e.message)).await,
    }
}

/// Uploads a unit's filled-in template (multipart: csrf, unit, period, family, file).
pub async fn submit(State(state): State<AppState>, page: Page, mut form: axum::extract::Multipart) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let mut f = Fields::new();
    let mut bytes: Option<Vec<u8>> = None;
    loop {
        match form.next_field().await {
            Ok(Some(part)) => {
                let name = part.name().unwrap_or("").to_string();
                if name == "file" {
                    bytes = part.bytes().await.ok().map(|b| b.to_vec()).filter(|b| !b.is_empty());
                } else {
                    let value = part.text().await.unwrap_or_default();
                    f.insert(name, value);
                }
            }
            Ok(None) => break,
            Err(e) => {
                let e = ApiError::new(ErrorCode::Validation, &format!("biểu mẫu tải tệp không hợp lệ: {e}"));
                return render_page(&state, &page, &f, status_of(e.code), Some(e.message)).await;
            }
        }
    }
    if !csrf_ok(&page, &f) {
        return page.error(&state, ApiError::new(ErrorCode::CsrfFailed, ""));
    }
    let result = async {
        let Some(bytes) = bytes else {
            return Err(ApiError::new(ErrorCode::Validation, "hãy chọn tệp biểu mẫu XLSX"));
        };
        // The upload names the submitting unit; the page stays on the report it came from.
        let mut sub = f.clone();
        sub.insert("unit".into(), field(&f, "submit_unit").to_string());
        submit_file(&state, &caller.actor, &request(&sub)?, &bytes).await?;
        Ok(query_of(&request(&f)?))
    }
    .await;
    match result {
        Ok(q) => Redirect::to(&format!("/reports?{q}")).into_response(),
        Err(e) => render_page(&state, &page, &f, status_of(e.code), Some(e.message)).await,
    }
}
