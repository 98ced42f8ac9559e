//! The dashboard: what is late or due soon in the user's scope, this year against last year,
//! the units that are behind, petitions per month as a chart with its table, recent activity.

use super::Page;
use crate::chart::{bar_chart, hbar_chart, Bar};
use crate::error::ApiError;
use crate::i18n::{catalogue, Catalogue};
use crate::AppState;
use axum::http::StatusCode;
use axum::response::Response;
use danvan_domain::dashboard::Dashboard;
use minijinja::{context, Value};

/// `2026-03` → `03/2026`.
fn month_label(month: &str) -> String {
    match month.split_once('-') {
        Some((y, m)) => format!("{m}/{y}"),
        None => month.to_string(),
    }
}

fn charts(d: &Dashboard, tr: &Catalogue) -> (Value, Value) {
    let text = |k: &str| tr.get(k).cloned().unwrap_or_else(|| k.to_string());
    let labels: Vec<String> = d.months.iter().map(|m| month_label(&m.month)).collect();
    let months: Vec<Bar> = d
        .months
        .iter()
        .zip(&labels)
        .map(|(m, label)| Bar {
            label,
            value: m.received,
        })
        .collect();
    let behind: Vec<Bar> = d
        .units
        .iter()
        .filter(|u| u.overdue > 0)
        .take(10)
        .map(|u| Bar {
            label: &u.unit_name,
            value: u.overdue,
        })
        .collect();
    (
        Value::from_safe_string(bar_chart(&text("chart_received_by_month"), &months)),
        Value::from_safe_string(hbar_chart(&text("chart_overdue_by_unit"), &behind)),
    )
}

pub(super) async fn render(state: &AppState, page: &Page) -> Result<Response, ApiError> {
    let Some(caller) = &page.caller else {
        return Err(ApiError::new(danvan_domain::ErrorCode::Unauthorized, ""));
    };
    let unit = state
        .store
        .unit(&caller.user.unit_scheme, &caller.user.unit_code)
        .await?;
    let d = state
        .store
        .dashboard(&caller.actor, &unit, danvan_store::today())
        .await?;
    let topics = state.store.petition_topics().await?;
    let (month_chart, unit_chart) = charts(&d, catalogue(page.lang));
    let month_labels: Vec<String> = d.months.iter().map(|m| month_label(&m.month)).collect();
    Ok(page.render(
        state,
        "dashboard.html",
        StatusCode::OK,
        context! { d, month_chart, unit_chart, month_labels, ..super::petitions::labels(&topics, page.lang) },
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn months_read_as_in_documents() {
        assert_eq!(super::month_label("2026-03"), "03/2026");
    }
}
