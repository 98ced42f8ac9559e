//! The petition topic taxonomy page: everyone signed in sees it; a system admin adds, renames,
//! retires and restores topics (each change checked and audited by the store).

use super::{field, Fields, Page};
use crate::error::{status_of, ApiError};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use danvan_domain::petition::TopicEdit;
use danvan_domain::role::Role;
use danvan_domain::ErrorCode;
use minijinja::context;

pub async fn show(State(state): State<AppState>, page: Page) -> Response {
    render(&state, &page, StatusCode::OK, None).await
}

async fn render(
    state: &AppState,
    page: &Page,
    status: StatusCode,
    error: Option<(String, String, String)>,
) -> Response {
    let Some(c) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    match state.store.petition_topics().await {
        Ok(topics) => {
            let can_edit = c.user.role == Role::SystemAdmin;
            let (error, code, label) = error.unwrap_or_default();
            let v = context! { code, label };
            page.render(
                state,
                "topics.html",
                status,
                context! { topics => topics.topics.clone(), can_edit, error => (!error.is_empty()).then_some(error), v },
            )
        }
        Err(e) => page.error(state, e.into()),
    }
}

/// What the submitted form asks for.
fn edit_from(f: &Fields) -> Result<TopicEdit, ApiError> {
    let code = field(f, "code").to_string();
    let label = field(f, "label").to_string();
    match field(f, "action") {
        "add" => Ok(TopicEdit::Add { code, label }),
        "rename" => Ok(TopicEdit::Rename { code, label }),
        "retire" => Ok(TopicEdit::Retire { code }),
        "restore" => Ok(TopicEdit::Restore { code }),
        other => Err(ApiError::new(ErrorCode::Validation, &format!("thao tác '{other}'"))),
    }
}

pub async fn edit(State(state): State<AppState>, page: Page, Form(f): Form<Fields>) -> Response {
    let Some(c) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    if !crate::auth::tokens_match(&c.csrf, field(&f, "csrf")) {
        return page.error(&state, ApiError::new(ErrorCode::CsrfFailed, ""));
    }
    let outcome: Result<(), ApiError> = async {
        let edit = edit_from(&f)?;
        let next = state.store.petition_topics().await?.edited(edit)?;
        let text =
            serde_json::to_string_pretty(&next).map_err(|e| ApiError::new(ErrorCode::Internal, &e.to_string()))?;
        state
            .store
            .put_setting(&c.actor, danvan_store::SETTING_PETITION_TOPICS, &text)
            .await?;
        Ok(())
    }
    .await;
    match outcome {
        Ok(()) => Redirect::to("/admin/topics").into_response(),
        Err(e) => {
            // Keep what was typed in the add form when it is refused.
            let kept = if field(&f, "action") == "add" {
                (field(&f, "code").to_string(), field(&f, "label").to_string())
            } else {
                Default::default()
            };
            render(&state, &page, status_of(e.code), Some((e.message, kept.0, kept.1))).await
        }
    }
}
