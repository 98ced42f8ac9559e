//! danvan's HTTP server: the JSON API under `/api/v1` (with its OpenAPI document), the staff web
//! pages, and static assets embedded in the binary (offices may have no internet).
//!
//! Handlers are thin: they authenticate, parse, call the store with the caller's Actor, and
//! render. Rules live in `danvan-domain`, scope filtering in `danvan-store`.

mod api;
mod auth;
mod chart;
mod error;
mod export;
mod i18n;
mod idempotency;
mod pages;
pub mod reports;
mod security;

use axum::Router;
use danvan_store::Store;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

pub use api::ApiDoc;
pub use error::ApiError;

/// Settings the server needs beyond the store.
#[derive(Debug, Clone, Default)]
pub struct WebConfig {
    /// Mark cookies `Secure` even on plain HTTP requests (set this behind a TLS proxy that does
    /// not send `X-Forwarded-Proto`).
    pub secure_cookies: bool,
}

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: WebConfig,
    templates: Arc<minijinja::Environment<'static>>,
}

impl AppState {
    pub fn new(store: Store, config: WebConfig) -> AppState {
        AppState {
            store,
            config,
            templates: Arc::new(pages::templates()),
        }
    }
}

/// The whole application: API, pages, assets, security headers, request tracing.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(api::routes())
        .merge(pages::routes())
        .layer(axum::middleware::from_fn(security::headers))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// Serves until the process is stopped (Ctrl-C).
pub async fn serve(listener: TcpListener, state: AppState) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
