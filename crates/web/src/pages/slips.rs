//! The forwarding slip (phiếu chuyển đơn) and the guidance slip (phiếu hướng dẫn) of a case,
//! as a printable A4 page in the state document format (Nghị định 30/2020/NĐ-CP): the browser
//! prints it or saves it as PDF.

use super::Page;
use crate::error::ApiError;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use danvan_domain::document::{date_line, people_committee_header, place_name};
use danvan_domain::petition::PetitionKind;
use danvan_domain::ErrorCode;
use minijinja::context;

pub async fn show(State(state): State<AppState>, page: Page, Path(code): Path<String>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let result = async {
        let p = state.store.petition(&caller.actor, &code).await?;
        let events = state.store.petition_events(&caller.actor, &code).await?;
        let step = events
            .iter()
            .rev()
            .find(|e| e.action == "forward" || e.action == "guide")
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "hồ sơ chưa được chuyển đơn hoặc hướng dẫn"))?;
        let forward = step.action == "forward";
        // A forwarded denunciation never carries the denouncer's identity (Luật Tố cáo Điều 24),
        // whoever prints it.
        let hide = p.identity_redacted || (forward && p.kind == PetitionKind::Denunciation);
        let who = p.petitioners.first().filter(|_| !hide);
        let (body, unit_line) = people_committee_header(&p.unit_name);
        Ok::<_, ApiError>(context! {
            forward,
            title => if forward { "PHIẾU CHUYỂN ĐƠN" } else { "PHIẾU HƯỚNG DẪN" },
            symbol => if forward { "PCĐ-UBND" } else { "PHD-UBND" },
            body, unit_line,
            issuer => format!("Ủy ban nhân dân {}", p.unit_name.to_lowercase_first()),
            date_line => date_line(&place_name(&p.unit_name), step.on),
            agency => step.note.clone().unwrap_or_default(),
            petitioner => who.map(|w| w.name.clone()),
            address => who.and_then(|w| w.address.clone()),
            hidden => hide,
            p,
        })
    }
    .await;
    match result {
        Ok(ctx) => page.render(&state, "slip.html", StatusCode::OK, ctx),
        Err(e) => page.error(&state, e),
    }
}

/// "Phường Ba Đình" → "phường Ba Đình", as the name reads inside a sentence.
trait LowerFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowerFirst for String {
    fn to_lowercase_first(&self) -> String {
        let mut chars = self.chars();
        match chars.next() {
            Some(c) => c.to_lowercase().chain(chars).collect(),
            None => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LowerFirst;

    #[test]
    fn unit_names_read_inside_a_sentence() {
        assert_eq!("Phường Ba Đình".to_string().to_lowercase_first(), "phường Ba Đình");
        assert_eq!(String::new().to_lowercase_first(), "");
    }
}
