//! The test harness both HTTP suites share: the real server on a loopback port over a fresh
//! SQLite database, a client that does not follow redirects, and sign-in helpers.
// Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

use danvan_domain::role::Role;
use danvan_domain::scope::Actor;
use danvan_store::{NewOrganisation, NewUser, Store};
use reqwest::header::{HeaderMap, COOKIE, SET_COOKIE};
use reqwest::{redirect, Client, StatusCode};
use serde_json::{json, Value};

pub const PASSWORD: &str = "mat-khau-thu";

pub struct App {
    pub base: String,
    pub client: Client,
    pub store: Store,
    pub _dir: tempfile::TempDir,
}

/// Starts the server with the bundled units, these users (username, role, unit) and a
/// Fatherland Front organisation in each of `org_units`.
pub async fn start_with(users: &[(&str, Role, &str)], org_units: &[&str]) -> App {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&format!("sqlite://{}", dir.path().join("web.db").display()))
        .await
        .unwrap();
    let system = Actor::system("test");
    store.import_bundled_units(&system).await.unwrap();
    for (username, role, unit) in users {
        let new = NewUser {
            username: username.to_string(),
            display_name: format!("Người dùng {username}"),
            password: PASSWORD.into(),
            role: *role,
            unit: unit.to_string(),
            organisation_id: None,
        };
        store.create_user(&system, &new).await.unwrap();
    }
    for unit in org_units {
        let new = NewOrganisation {
            unit: unit.to_string(),
            kind: danvan_domain::organisation::OrganisationKind::FatherlandFront,
            name: None,
        };
        store.create_organisation(&system, &new).await.unwrap();
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let state = danvan_web::AppState::new(store.clone(), danvan_web::WebConfig::default());
    tokio::spawn(danvan_web::serve(listener, state));
    let client = Client::builder().redirect(redirect::Policy::none()).build().unwrap();
    App {
        base,
        client,
        store,
        _dir: dir,
    }
}

impl App {
    pub async fn token(&self, username: &str) -> String {
        let res = self
            .client
            .post(format!("{}/api/v1/auth/token", self.base))
            .json(&json!({ "username": username, "password": PASSWORD }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        res.json::<Value>().await.unwrap()["token"]
            .as_str()
            .unwrap()
            .to_string()
    }

    pub async fn get(&self, token: &str, path: &str) -> (StatusCode, Value) {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        (res.status(), res.json().await.unwrap_or(Value::Null))
    }

    pub async fn post(&self, token: &str, path: &str, body: Value) -> (StatusCode, Value) {
        let res = self
            .client
            .post(format!("{}{path}", self.base))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap();
        (res.status(), res.json().await.unwrap_or(Value::Null))
    }

    /// Signs in through the login form; returns the session cookie header and the page CSRF token.
    pub async fn web_login(&self, username: &str) -> (String, String) {
        let page = self.client.get(format!("{}/", self.base)).send().await.unwrap();
        let login_csrf = cookie(page.headers(), "danvan_login_csrf").unwrap();
        let form_csrf = hidden_csrf(&page.text().await.unwrap());
        let res = self
            .client
            .post(format!("{}/login", self.base))
            .header(COOKIE, format!("danvan_login_csrf={login_csrf}"))
            .form(&[
                ("username", username),
                ("password", PASSWORD),
                ("csrf", form_csrf.as_str()),
            ])
            .send()
            .await
            .unwrap();
        let session = format!("danvan_session={}", cookie(res.headers(), "danvan_session").unwrap());
        let home = self
            .client
            .get(format!("{}/", self.base))
            .header(COOKIE, &session)
            .send()
            .await
            .unwrap();
        let csrf = hidden_csrf(&home.text().await.unwrap());
        (session, csrf)
    }

    pub async fn page(&self, session: &str, path: &str) -> (StatusCode, String) {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .header(COOKIE, session)
            .send()
            .await
            .unwrap();
        // minijinja escapes '/' too; dates and links read better without it.
        (res.status(), res.text().await.unwrap().replace("&#x2f;", "/"))
    }

    pub async fn form(&self, session: &str, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.base))
            .header(COOKIE, session)
            .form(fields)
            .send()
            .await
            .unwrap()
    }
}

pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap().split_once('=').unwrap().1.to_string())
}

pub fn hidden_csrf(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").expect("csrf field") + "name=\"csrf\" value=\"".len();
    html[at..].split('"').next().unwrap().to_string()
}
