//! Server-rendered staff pages: the login form, and after login the unit browser for the
//! user's scope. Templates and the stylesheet are compiled into the binary.

use crate::auth::{
    session_caller, tokens_match, wants_secure_cookies, ClientAddr, SessionCaller, LOGIN_CSRF_COOKIE, SESSION_COOKIE,
};
use crate::error::{status_of, ApiError};
use crate::i18n::{catalogue, normalize_lang};
use crate::AppState;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::cookie::{Cookie, SameSite};
use axum_extra::extract::CookieJar;
use danvan_domain::unit::{Level, Unit, SCHEME_2025, SCHEME_LEGACY};
use danvan_domain::ErrorCode;
use danvan_store::ListOrder;
use danvan_store::UnitQuery;
use minijinja::{context, Environment, Value};
use rand::RngCore;
use std::collections::HashMap;

mod dashboard;
mod democracy;
mod gpmb;
mod meetings;
mod petitions;
mod receptions;
mod record_files;
mod reports;
mod slips;
mod topics;

mod directives;
mod dvk;
mod movements;
mod records;

pub const LANG_COOKIE: &str = "danvan_lang";

/// A submitted form or query string, by field name.
pub(crate) type Fields = HashMap<String, String>;

/// A field's trimmed value, empty when absent.
pub(crate) fn field<'a>(f: &'a Fields, k: &str) -> &'a str {
    f.get(k).map(|s| s.trim()).unwrap_or("")
}

/// A non-empty field's value.
pub(crate) fn opt(f: &Fields, k: &str) -> Option<String> {
    Some(field(f, k).to_string()).filter(|s| !s.is_empty())
}

/// A dated record list's filters from its query string (receptions, votes): the unit subtree,
/// the days (`from`, `to`), the search words, the order and the page of 50.
pub(crate) fn record_list_query(f: &Fields) -> Result<danvan_store::RecordQuery, ApiError> {
    Ok(danvan_store::RecordQuery {
        unit: opt(f, "unit"),
        from: opt_date(f, "from")?,
        to: opt_date(f, "to")?,
        q: opt(f, "q"),
        sort: list_order(f)?,
        after: opt(f, "after"),
        limit: Some(50),
    })
}

/// The order a list page was asked for (`sort`), newest first unless `oldest`.
pub(crate) fn list_order(f: &Fields) -> Result<danvan_store::ListOrder, ApiError> {
    list_order_or(f, ListOrder::Newest)
}

/// The order a list page was asked for, `default` when `sort` is blank.
pub(crate) fn list_order_or(f: &Fields, default: ListOrder) -> Result<ListOrder, ApiError> {
    match field(f, "sort") {
        "" => Ok(default),
        typed => Ok(ListOrder::parse(typed)?),
    }
}

/// The links of a filtered, ordered, paged list at `path` (the macros of `list.html` draw
/// them): the next page after cursor `next`, the export of the same filter
/// (`{path}/export?…&`, the format appended), and the date header's link that flips the order
/// from the first page. Blank filters and the page cursors (`after`, `s_after`, …) are left out
/// of every link.
pub(crate) fn list_links(path: &str, f: &Fields, next: Option<&str>) -> minijinja::Value {
    list_links_from(path, f, next, ListOrder::Newest)
}

/// `list_links` for a list whose order is `default` when `sort` is blank (the ordered tasks run
/// nearest deadline first).
pub(crate) fn list_links_from(path: &str, f: &Fields, next: Option<&str>, default: ListOrder) -> minijinja::Value {
    let mut filters: Vec<(String, String)> = f
        .iter()
        .filter(|(k, v)| !k.ends_with("after") && k.as_str() != "format" && !v.trim().is_empty())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    filters.sort();
    let url = |base: &str, pairs: &[(String, String)]| format!("{base}?{}", petitions::encode_query(pairs));
    let next_url = next_page_url(path, f, "after", next);
    let sort = list_order_or(f, default).unwrap_or(default);
    let flip = match sort {
        ListOrder::Newest => ListOrder::Oldest,
        ListOrder::Oldest => ListOrder::Newest,
    };
    let mut flipped: Vec<(String, String)> = filters.iter().filter(|(k, _)| k != "sort").cloned().collect();
    flipped.push(("sort".into(), flip.as_str().into()));
    let export = url(&format!("{path}/export"), &filters);
    minijinja::context! {
        next_url,
        export_url => if filters.is_empty() { export } else { format!("{export}&") },
        sort => sort.as_str(),
        sort_url => url(path, &flipped),
    }
}

/// Answers a list's `/export?format=xlsx|csv&…` link: signed in, the format read, then the file
/// `build` makes for the caller; a refusal (a bad filter, too many rows) is the error page.
pub(crate) async fn export_list<F, Fut>(state: &AppState, page: &Page, f: &Fields, build: F) -> Response
where
    F: FnOnce(danvan_domain::scope::Actor, danvan_export::ExportFormat) -> Fut,
    Fut: std::future::Future<Output = Result<Response, ApiError>>,
{
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let file = match crate::export::parse_format(field(f, "format")) {
        Ok(format) => build(caller.actor.clone(), format).await,
        Err(e) => Err(e),
    };
    file.unwrap_or_else(|e| page.error(state, e))
}

/// The link to the page after cursor `next` of one list on a page that may page several: the
/// same query string with `key` (`after`, `s_after`, `c_after`) set to `next`, the other lists'
/// cursors kept where they were. `None` on the last page.
pub(crate) fn next_page_url(path: &str, f: &Fields, key: &str, next: Option<&str>) -> Option<String> {
    next.map(|n| {
        let mut pairs: Vec<(String, String)> = f
            .iter()
            .filter(|(k, v)| k.as_str() != key && k.as_str() != "format" && !v.trim().is_empty())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        pairs.sort();
        pairs.push((key.into(), n.into()));
        format!("{path}?{}", petitions::encode_query(&pairs))
    })
}

/// An optional date typed dd/mm/yyyy (or ISO).
pub(crate) fn opt_date(f: &Fields, k: &str) -> Result<Option<chrono::NaiveDate>, ApiError> {
    Ok(opt(f, k).as_deref().map(danvan_domain::unit::parse_date).transpose()?)
}

/// A required date typed dd/mm/yyyy (or ISO).
pub(crate) fn req_date(f: &Fields, k: &str) -> Result<chrono::NaiveDate, ApiError> {
    Ok(danvan_domain::unit::parse_date(field(f, k))?)
}

/// Whether the form carries the signed-in session's CSRF token.
pub(crate) fn csrf_ok(page: &Page, f: &Fields) -> bool {
    page.caller
        .as_ref()
        .is_some_and(|c| crate::auth::tokens_match(&c.csrf, field(f, "csrf")))
}

/// The caller of a state-changing form: signed in, and the form carries the session's CSRF
/// token. Otherwise the response to give instead: back to sign-in, or the CSRF error page.
pub(crate) fn form_caller<'p>(
    state: &AppState,
    page: &'p Page,
    f: &Fields,
) -> Result<&'p SessionCaller, Box<Response>> {
    let Some(caller) = &page.caller else {
        return Err(Box::new(Redirect::to("/").into_response()));
    };
    if !csrf_ok(page, f) {
        return Err(Box::new(page.error(state, ApiError::new(ErrorCode::CsrfFailed, ""))));
    }
    Ok(caller)
}

/// Every template, by name. Also read by the i18n test that checks catalogue keys.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("list.html", include_str!("../../templates/list.html")),
    ("login.html", include_str!("../../templates/login.html")),
    ("home.html", include_str!("../../templates/home.html")),
    ("unit.html", include_str!("../../templates/unit.html")),
    ("units_table.html", include_str!("../../templates/units_table.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("error.html", include_str!("../../templates/error.html")),
    ("search_form.html", include_str!("../../templates/search_form.html")),
    ("petitions.html", include_str!("../../templates/petitions.html")),
    ("petition_new.html", include_str!("../../templates/petition_new.html")),
    ("petition.html", include_str!("../../templates/petition.html")),
    (
        "petition_stats.html",
        include_str!("../../templates/petition_stats.html"),
    ),
    ("receptions.html", include_str!("../../templates/receptions.html")),
    ("reception.html", include_str!("../../templates/reception.html")),
    ("topics.html", include_str!("../../templates/topics.html")),
    ("dashboard.html", include_str!("../../templates/dashboard.html")),
    ("slip.html", include_str!("../../templates/slip.html")),
    ("meetings.html", include_str!("../../templates/meetings.html")),
    ("meeting.html", include_str!("../../templates/meeting.html")),
    ("meeting_new.html", include_str!("../../templates/meeting_new.html")),
    ("follow_up.html", include_str!("../../templates/follow_up.html")),
    ("meeting_stats.html", include_str!("../../templates/meeting_stats.html")),
    ("supervisions.html", include_str!("../../templates/supervisions.html")),
    ("reports.html", include_str!("../../templates/reports.html")),
    ("directives.html", include_str!("../../templates/directives.html")),
    ("dvk_models.html", include_str!("../../templates/dvk_models.html")),
    ("dvk_model_new.html", include_str!("../../templates/dvk_model_new.html")),
    ("dvk_model.html", include_str!("../../templates/dvk_model.html")),
    ("directive.html", include_str!("../../templates/directive.html")),
    ("record_files.html", include_str!("../../templates/record_files.html")),
    (
        "dcs_disclosure.html",
        include_str!("../../templates/dcs_disclosure.html"),
    ),
    ("dvk_stats.html", include_str!("../../templates/dvk_stats.html")),
    ("dvk_showcase.html", include_str!("../../templates/dvk_showcase.html")),
    ("movements.html", include_str!("../../templates/movements.html")),
    ("fund.html", include_str!("../../templates/fund.html")),
    ("ordered_tasks.html", include_str!("../../templates/ordered_tasks.html")),
    (
        "dcs_disclosures.html",
        include_str!("../../templates/dcs_disclosures.html"),
    ),
    (
        "dcs_compliance.html",
        include_str!("../../templates/dcs_compliance.html"),
    ),
    ("dcs_decisions.html", include_str!("../../templates/dcs_decisions.html")),
    ("situation.html", include_str!("../../templates/situation.html")),
    ("gpmb_projects.html", include_str!("../../templates/gpmb_projects.html")),
    ("gpmb_project.html", include_str!("../../templates/gpmb_project.html")),
    (
        "dcs_consultation.html",
        include_str!("../../templates/dcs_consultation.html"),
    ),
];

const APP_CSS: &str = include_str!("../../static/app.css");
const APP_JS: &str = include_str!("../../static/app.js");

pub fn templates() -> Environment<'static> {
    let mut env = Environment::new();
    env.add_filter("vn_date", vn_date);
    env.add_function("n", |v: i64| danvan_domain::figures::format_count(v));
    env.add_function("label", coded_label);
    // Autoescape by file extension: every .html template escapes its output.
    for (name, text) in TEMPLATES.iter().copied() {
        env.add_template(name, text)
            .unwrap_or_else(|e| panic!("template {name}: {e}"));
    }
    env
}

/// `label(group, code, vi)`: a coded value's name in the page's language (`lang` in the
/// context), for values the Rust side hands over with their Vietnamese name only. A unit level
/// (`label("unit_level", l.level)`) needs no Vietnamese name: the domain has it.
fn coded_label(state: &minijinja::State, group: &str, code: &str, vi: Option<&str>) -> String {
    let lang = state.lookup("lang");
    let lang = lang.as_ref().and_then(|l| l.as_str()).unwrap_or("vi");
    let level_vi = || {
        danvan_domain::unit::Level::parse(code)
            .map(|l| l.label_vi())
            .unwrap_or(code)
    };
    let vi = vi.unwrap_or_else(|| if group == "unit_level" { level_vi() } else { code });
    crate::i18n::label(lang, group, code, vi)
}

/// `2025-07-01` → `01/07/2025`, the way Vietnamese documents write dates; empty stays empty.
fn vn_date(iso: Option<String>) -> String {
    match iso.as_deref().map(|s| s.split('-').collect::<Vec<_>>()).as_deref() {
        Some([y, m, d]) => format!("{d}/{m}/{y}"),
        _ => iso.unwrap_or_default(),
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/login", post(login))
        .route("/logout", post(logout))
        .route("/lang", get(switch_language))
        .route("/units", get(search_units))
        .route("/units/{scheme}/{code}", get(unit_page))
        .route("/static/app.css", get(stylesheet))
        .route("/static/app.js", get(script))
        .route("/receptions", get(receptions::list).post(receptions::create))
        .route("/receptions/export", get(receptions::export))
        .route("/receptions/{id}", get(receptions::show))
        .route("/petitions", get(petitions::list))
        .route("/petitions/new", get(petitions::new_form).post(petitions::create))
        .route("/petitions/stats", get(petitions::stats))
        .route("/petitions/export", get(petitions::export))
        .route("/petitions/{code}", get(petitions::show))
        .route("/petitions/{code}/steps", post(petitions::step))
        .route("/petitions/{code}/slip", get(slips::show))
        .route(
            "/petitions/{code}/attachments",
            post(petitions::upload).layer(axum::extract::DefaultBodyLimit::max(crate::api::UPLOAD_LIMIT)),
        )
        .route("/petitions/{code}/attachments/{id}", get(petitions::attachment))
        .route("/admin/topics", get(topics::show).post(topics::edit))
        .route("/meetings", get(meetings::list))
        .route("/meetings/export", get(meetings::export))
        .route("/meetings/new", get(meetings::new_form).post(meetings::create))
        .route("/meetings/stats", get(meetings::stats))
        .route("/meetings/{id}", get(meetings::show))
        .route("/meetings/{id}/step", post(meetings::step))
        .route("/meetings/{id}/minutes.docx", get(meetings::minutes_docx))
        .route("/meetings/{id}/minutes.pdf", get(meetings::minutes_pdf))
        .route("/meetings/{id}/items", post(meetings::add_item))
        .route("/items/{id}/outcome", post(meetings::outcome))
        .route("/items/{id}/petition", post(meetings::to_petition))
        .route("/follow-up", get(meetings::follow_up))
        .route("/follow-up/export", get(meetings::export_follow_up))
        .route("/supervisions", get(meetings::supervisions))
        .route("/supervisions/export", get(meetings::export_supervisions))
        .route("/contributions/export", get(meetings::export_contributions))
        .route("/reports", get(reports::show))
        .route("/reports/download", get(reports::download))
        .route("/reports/template", get(reports::template))
        .route("/reports/save", post(reports::save))
        .route("/reports/step", post(reports::step))
        .route("/reports/submit", post(reports::submit))
        .route("/reports/submit-form", post(reports::submit_form))
        .merge(records::routes())
        .merge(record_files::routes())
        .route(
            "/democracy/disclosures",
            get(democracy::disclosures).post(democracy::create_disclosure),
        )
        .route("/democracy/disclosures/export", get(democracy::export_disclosures))
        .route("/democracy/disclosures/{id}/posting", post(democracy::posting))
        .route("/democracy/compliance", get(democracy::compliance))
        .route("/democracy/quarter.xlsx", get(democracy::quarter_file))
        .route(
            "/democracy/decisions",
            get(democracy::decisions).post(democracy::create_decision),
        )
        .route("/democracy/decisions/export", get(democracy::export_decisions))
        .route("/democracy/consultations/export", get(democracy::export_consultations))
        .route("/democracy/decisions/{id}/recognition", post(democracy::recognise))
        .route("/democracy/consultations", post(democracy::create_consultation))
        .route("/democracy/consultations/{id}", get(democracy::consultation))
        .route("/situation", get(democracy::issues).post(democracy::create_issue))
        .route("/situation/export", get(democracy::export_issues))
        .route("/situation/reports/export", get(democracy::export_reports))
        .route("/situation/{id}/step", post(democracy::step_issue))
        .route("/situation/reports", post(democracy::create_report))
        .route("/democracy/boards", post(democracy::create_board))
        .route("/democracy/boards/{id}/reports", post(democracy::board_report))
        .route("/gpmb", get(gpmb::list).post(gpmb::create))
        .route("/gpmb/export", get(gpmb::export))
        .route("/gpmb/{id}", get(gpmb::show))
        .route("/gpmb/{id}/households", post(gpmb::add_household))
        .route("/gpmb/{id}/mobilizations", post(gpmb::mobilize))
        .route("/gpmb/{id}/links", post(gpmb::link))
        .route("/gpmb/{id}/procedure", post(gpmb::set_procedure))
        .route("/gpmb/households/{id}/state", post(gpmb::change_state))
}

/// What every page needs: the caller (if signed in) and the language.
pub struct Page {
    caller: Option<SessionCaller>,
    lang: &'static str,
    secure: bool,
    /// The request path, to mark the current menu entry.
    path: String,
    /// The user's unit and the units above it, province first (the top bar's trail).
    unit_trail: Vec<Unit>,
}

impl FromRequestParts<AppState> for Page {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let caller = session_caller(parts, state).await.map_err(|e| e.into_response())?;
        let jar = CookieJar::from_headers(&parts.headers);
        // A signed-in user's own choice follows them from computer to computer; before sign-in
        // the browser's cookie decides.
        let lang = caller
            .as_ref()
            .map(|c| c.user.language.clone())
            .or_else(|| jar.get(LANG_COOKIE).map(|c| c.value().to_string()))
            .unwrap_or_else(|| "vi".into());
        let unit_trail = match &caller {
            Some(c) => own_unit_trail(state, &c.user.unit_scheme, &c.user.unit_code).await,
            None => Vec::new(),
        };
        Ok(Page {
            caller,
            lang: normalize_lang(&lang),
            secure: wants_secure_cookies(parts, state),
            path: parts.uri.path().to_string(),
            unit_trail,
        })
    }
}

/// The unit and its ancestors, top first; empty if the unit cannot be read (the page still
/// renders, only without the trail).
async fn own_unit_trail(state: &AppState, scheme: &str, code: &str) -> Vec<Unit> {
    let Ok(unit) = state.store.unit(scheme, code).await else {
        return Vec::new();
    };
    let mut trail = state.store.ancestors(&unit).await.unwrap_or_default();
    trail.push(unit);
    trail
}

impl Page {
    fn render(&self, state: &AppState, name: &str, status: StatusCode, ctx: Value) -> Response {
        let base = context! {
            lang => self.lang,
            tr => catalogue(self.lang),
            user => self.caller.as_ref().map(|c| &c.user),
            role_label => self.caller.as_ref().map(|c| {
                let key = format!("role_{}", c.user.role.as_str());
                catalogue(self.lang).get(&key).cloned().unwrap_or_else(|| c.user.role.label_vi().to_string())
            }),
            csrf => self.caller.as_ref().map(|c| c.csrf.clone()),
            // A fresh key on every rendering of a form: a repeat of the same submission is
            // recognised, a corrected resubmission is a new request.
            idem => random_token(),
            path => &self.path,
            unit_trail => &self.unit_trail,
        };
        let merged = context! { ..ctx, ..base };
        match state.templates.get_template(name).and_then(|t| t.render(merged)) {
            Ok(html) => (status, Html(html)).into_response(),
            Err(e) => {
                tracing::error!(template = name, error = %e, "render failed");
                (StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal.message_vi()).into_response()
            }
        }
    }

    /// A catalogue string in the page's language (for text built in Rust, like chart titles).
    fn text(&self, key: &str) -> String {
        catalogue(self.lang)
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    fn error(&self, state: &AppState, e: ApiError) -> Response {
        self.render(
            state,
            "error.html",
            status_of(e.code),
            context! { message => e.message },
        )
    }

    fn cookie(&self, name: &'static str, value: String) -> Cookie<'static> {
        Cookie::build((name, value))
            .path("/")
            .http_only(true)
            .secure(self.secure)
            .same_site(SameSite::Lax)
            .build()
    }
}

pub(crate) fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The login form, or after login the dashboard.
async fn home(State(state): State<AppState>, page: Page, jar: CookieJar) -> Response {
    if page.caller.is_none() {
        return login_form(&state, &page, jar, StatusCode::OK, None, "");
    }
    dashboard::render(&state, &page)
        .await
        .unwrap_or_else(|e| page.error(&state, e))
}

/// The unit browser: the caller's unit, the units below it and the older units merged into it.
async fn unit_browser(State(state): State<AppState>, page: &Page) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    match unit_browser_roots(&state, caller).await {
        Ok((roots, predecessors)) => page.render(&state, "home.html", StatusCode::OK, context! { roots, predecessors }),
        Err(e) => page.error(&state, e),
    }
}

#[derive(serde::Serialize)]
struct Root {
    unit: Unit,
    children: Vec<Unit>,
}

/// The roots of the caller's tree (their own unit, or every province for a system admin) and
/// the older units that went into theirs.
async fn unit_browser_roots(state: &AppState, caller: &SessionCaller) -> Result<(Vec<Root>, Vec<Unit>), ApiError> {
    let store = &state.store;
    let mut roots = Vec::new();
    if caller.actor.scope.is_everything() {
        for scheme in [SCHEME_2025, SCHEME_LEGACY] {
            let q = UnitQuery {
                scheme: Some(scheme.into()),
                level: Some(Level::Province),
                ..Default::default()
            };
            let provinces = store.list_units(&caller.actor, &q).await?;
            let label = store.unit(scheme, "01").await.ok();
            if let Some(first) = label.or_else(|| provinces.first().cloned()) {
                roots.push(Root {
                    unit: Unit {
                        name: scheme_title(scheme),
                        ..first
                    },
                    children: provinces,
                });
            }
        }
        return Ok((roots, Vec::new()));
    }
    let own = store
        .resolve_unit(&format!("{}/{}", caller.user.unit_scheme, caller.user.unit_code), None)
        .await?;
    let children = store.children(&own).await?;
    let predecessors = store
        .predecessors(&own)
        .await?
        .into_iter()
        .map(|s| s.predecessor)
        .collect();
    roots.push(Root { unit: own, children });
    Ok((roots, predecessors))
}

fn scheme_title(scheme: &str) -> String {
    match scheme {
        SCHEME_LEGACY => "Tỉnh, thành phố trước 01/7/2025".into(),
        _ => "Tỉnh, thành phố từ 01/7/2025".into(),
    }
}

fn login_form(
    state: &AppState,
    page: &Page,
    jar: CookieJar,
    status: StatusCode,
    error: Option<String>,
    username: &str,
) -> Response {
    let csrf = random_token();
    let jar = jar.add(page.cookie(LOGIN_CSRF_COOKIE, csrf.clone()));
    let body = page.render(state, "login.html", status, context! { csrf, error, username });
    (jar, body).into_response()
}

async fn login(
    State(state): State<AppState>,
    page: Page,
    jar: CookieJar,
    parts: ClientAddr,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let field = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let username = field("username").trim().to_string();
    let expected = jar
        .get(LOGIN_CSRF_COOKIE)
        .map(|c| c.value().to_string())
        .unwrap_or_default();
    if expected.is_empty() || !tokens_match(&expected, field("csrf")) {
        let msg = ErrorCode::CsrfFailed.message_vi().to_string();
        return login_form(&state, &page, jar, StatusCode::FORBIDDEN, Some(msg), &username);
    }
    let user = match state.store.authenticate(&username, field("password"), &parts.0).await {
        Ok(u) => u,
        Err(e) => {
            let e = ApiError::from(e);
            return login_form(&state, &page, jar, status_of(e.code), Some(e.message), &username);
        }
    };
    match state.store.create_session(&user).await {
        Ok(session) => {
            let jar = jar
                .remove(Cookie::build(LOGIN_CSRF_COOKIE).path("/"))
                .add(page.cookie(SESSION_COOKIE, session.token));
            (jar, Redirect::to("/")).into_response()
        }
        Err(e) => page.error(&state, e.into()),
    }
}

async fn logout(
    State(state): State<AppState>,
    page: Page,
    jar: CookieJar,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    if !tokens_match(&caller.csrf, form.get("csrf").map(String::as_str).unwrap_or("")) {
        return page.error(&state, ApiError::new(ErrorCode::CsrfFailed, ""));
    }
    if let Err(e) = state.store.end_session(&caller.token).await {
        return page.error(&state, e.into());
    }
    (jar.remove(Cookie::build(SESSION_COOKIE).path("/")), Redirect::to("/")).into_response()
}

/// Sets the language for this browser and, when signed in, for the user (so it follows them to
/// another computer).
async fn switch_language(
    State(state): State<AppState>,
    page: Page,
    jar: CookieJar,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let lang = normalize_lang(q.get("set").map(String::as_str).unwrap_or("vi"));
    if let Some(caller) = &page.caller {
        if let Err(e) = state.store.set_own_language(&caller.actor, lang).await {
            return page.error(&state, e.into());
        }
    }
    let mut c = page.cookie(LANG_COOKIE, lang.to_string());
    c.make_permanent();
    (jar.add(c), Redirect::to("/")).into_response()
}

/// `/units`: the unit browser, or with `q` the units in scope whose names match.
async fn search_units(State(state): State<AppState>, page: Page, Query(q): Query<HashMap<String, String>>) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let text = q.get("q").map(|s| s.trim().to_string()).unwrap_or_default();
    if text.is_empty() {
        return unit_browser(State(state), &page).await;
    }
    let query = UnitQuery {
        q: Some(text.clone()),
        in_scope_only: true,
        limit: Some(200),
        ..Default::default()
    };
    match state.store.list_units(&caller.actor, &query).await {
        Ok(units) => page.render(&state, "search.html", StatusCode::OK, context! { units, q => text }),
        Err(e) => page.error(&state, e.into()),
    }
}

async fn unit_page(
    State(state): State<AppState>,
    page: Page,
    Path((scheme, code)): Path<(String, String)>,
) -> Response {
    let Some(caller) = &page.caller else {
        return Redirect::to("/").into_response();
    };
    let result: Result<Value, ApiError> = async {
        let store = &state.store;
        let unit = store.unit(&scheme, &code).await?;
        caller.actor.scope.require(&unit)?;
        let ancestors = store.ancestors(&unit).await?;
        let children = store.children(&unit).await?;
        let predecessors = store.predecessors(&unit).await?;
        let successors = store.successors(&unit).await?;
        let organisations = store.list_organisations(&caller.actor, Some(&unit)).await?;
        Ok(context! {
            unit, ancestors, children, predecessors, successors, organisations,
        })
    }
    .await;
    match result {
        Ok(ctx) => page.render(&state, "unit.html", StatusCode::OK, ctx),
        Err(e) => page.error(&state, e),
    }
}

async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        APP_JS,
    )
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        APP_CSS,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn list_links_keep_the_filter_and_flip_the_order() {
        let f = fields(&[
            ("q", "vành đai"),
            ("after", "2026-01-02.7"),
            ("from", ""),
            ("sort", "oldest"),
        ]);
        let links = list_links("/receptions", &f, Some("2025-12-01.3"));
        let get = |k: &str| links.get_attr(k).unwrap().to_string();
        assert_eq!(
            get("next_url"),
            "/receptions?q=v%C3%A0nh%20%C4%91ai&sort=oldest&after=2025-12-01.3"
        );
        assert_eq!(get("sort"), "oldest");
        assert_eq!(get("sort_url"), "/receptions?q=v%C3%A0nh%20%C4%91ai&sort=newest");
        assert_eq!(
            get("export_url"),
            "/receptions/export?q=v%C3%A0nh%20%C4%91ai&sort=oldest&"
        );
        // A list that runs oldest first by default says so, and flips to newest.
        let tasks = list_links_from("/ordered-tasks", &Fields::new(), None, ListOrder::Oldest);
        assert_eq!(tasks.get_attr("sort").unwrap().to_string(), "oldest");
        assert_eq!(
            tasks.get_attr("sort_url").unwrap().to_string(),
            "/ordered-tasks?sort=newest"
        );
        assert!(tasks.get_attr("next_url").unwrap().is_none());
        assert_eq!(
            tasks.get_attr("export_url").unwrap().to_string(),
            "/ordered-tasks/export?"
        );
    }

    #[test]
    fn one_list_pages_without_moving_the_other() {
        let f = fields(&[("q", "x"), ("s_after", "2026-01-02.7")]);
        assert_eq!(
            next_page_url("/supervisions", &f, "c_after", Some("2025-05-05.1")).unwrap(),
            "/supervisions?q=x&s_after=2026-01-02.7&c_after=2025-05-05.1"
        );
        assert_eq!(next_page_url("/supervisions", &f, "c_after", None), None);
    }

    #[test]
    fn dates_render_day_first() {
        assert_eq!(vn_date(Some("2025-07-01".into())), "01/07/2025");
        assert_eq!(vn_date(None), "");
    }
}
