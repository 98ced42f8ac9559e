//! The real server on a loopback port, over real HTTP, on a fresh SQLite database.

use danvan_domain::role::Role;
use danvan_domain::scope::Actor;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::StatusCode;
use serde_json::{json, Value};

mod common;
use common::*;

async fn start() -> App {
    start_with(
        &[
            ("admin", Role::SystemAdmin, "2025/01"),
            ("qt.a", Role::UnitAdmin, "2025/00004"),
            ("cb.a", Role::Officer, "2025/00004"),
            ("cb.b", Role::Officer, "2025/00008"),
            ("cb.tinh", Role::Officer, "2025/01"),
        ],
        &["2025/00004", "2025/00008"],
    )
    .await
}

#[tokio::test]
async fn health_login_page_and_anonymous_api() {
    let app = start().await;
    let res = app.client.get(format!("{}/healthz", app.base)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.json::<Value>().await.unwrap()["status"], "ok");

    let res = app.client.get(format!("{}/", app.base)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let csp = res.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"));
    let html = res.text().await.unwrap();
    assert!(html.contains("<form method=\"post\" action=\"/login\">"));
    assert!(html.contains("Đăng nhập") && html.contains("lang=\"vi\""));

    let res = app.client.get(format!("{}/api/v1/me", app.base)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "unauthorized");
    assert!(body["message"].as_str().unwrap().contains("đăng nhập"));
}

#[tokio::test]
async fn openapi_document_describes_the_api() {
    let app = start().await;
    let res = app
        .client
        .get(format!("{}/api/v1/openapi.json", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let doc: Value = res.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/units",
        "/api/v1/me",
        "/api/v1/auth/token",
        "/api/v1/users",
        "/api/v1/organisations",
        "/healthz",
        "/api/v1/petitions",
        "/api/v1/petitions/{code}/steps",
        "/api/v1/petitions/stats",
    ] {
        assert!(doc["paths"].get(path).is_some(), "missing {path}");
    }
    let params = doc["paths"]["/api/v1/units"]["get"]["parameters"].as_array().unwrap();
    assert!(params.iter().any(|p| p["name"] == "at"));
}

#[tokio::test]
async fn tokens_and_me() {
    let app = start().await;
    let res = app
        .client
        .post(format!("{}/api/v1/auth/token", app.base))
        .json(&json!({ "username": "cb.a", "password": "sai" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "invalid_credentials");
    let token = app.token("cb.a").await;
    let (status, me) = app.get(&token, "/api/v1/me").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["user"]["username"], "cb.a");
    assert_eq!(me["user"]["unit_name"], "Phường Ba Đình");
    assert!(me["scope"].as_array().unwrap().iter().any(|p| p == "/2025/01/00004/"));
    assert_eq!(app.get("not-a-token", "/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn units_api_filters_and_refuses_bad_input() {
    let app = start().await;
    let token = app.token("cb.a").await;
    let (s, body) = app.get(&token, "/api/v1/units?at=2024-06-30&level=province").await;
    assert_eq!((s, body["count"].as_u64()), (StatusCode::OK, Some(63)));
    let (_, body) = app.get(&token, "/api/v1/units?at=01/07/2025&level=province").await;
    assert_eq!(body["count"], 34);
    let (_, body) = app
        .get(&token, "/api/v1/units?q=phuong%20ba%20dinh&at=2025-07-01")
        .await;
    assert_eq!(body["items"][0]["name"], "Phường Ba Đình");
    let (_, body) = app.get(&token, "/api/v1/units/legacy/00004/successors").await;
    assert_eq!(body["items"][0]["successor"]["name"], "Phường Ba Đình");
    let (_, body) = app.get(&token, "/api/v1/units/2025/00004/predecessors").await;
    assert_eq!(body["count"], 10);
    let (_, body) = app.get(&token, "/api/v1/units/legacy/00004").await;
    assert_eq!(body["ancestors"][1]["name"], "Quận Ba Đình");

    let (s, body) = app.get(&token, "/api/v1/units?at=hom-qua").await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_date"))
    );
    let (s, body) = app.get(&token, "/api/v1/units?level=hamlet").await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("validation"))
    );
    let (s, body) = app.get(&token, "/api/v1/units/2025/99999").await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("unknown_unit"))
    );
}

#[tokio::test]
async fn one_commune_cannot_read_or_change_another_through_the_api() {
    let app = start().await;
    let a = app.token("cb.a").await;
    let a_admin = app.token("qt.a").await;
    let province = app.token("cb.tinh").await;

    let (_, orgs) = app.get(&a, "/api/v1/organisations").await;
    let units: Vec<_> = orgs["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["unit_code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(units, vec!["00004"]);
    let (s, body) = app.get(&a, "/api/v1/organisations?unit=2025/00008").await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden_scope"))
    );
    let (_, users) = app.get(&a, "/api/v1/users").await;
    let names: Vec<_> = users["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"cb.a") && !names.contains(&"cb.b"), "{names:?}");

    let (s, body) = app
        .post(
            &a_admin,
            "/api/v1/organisations",
            json!({ "unit": "2025/00008", "kind": "womens_union" }),
        )
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden_scope"))
    );
    let (s, body) = app.post(&a_admin, "/api/v1/users/cb.b/disable", json!({})).await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("unknown_user"))
    );
    let village = json!({ "scheme": "2025", "code": "00008-T01", "name": "Tổ 1", "kind": "Tổ dân phố", "level": "village", "parent_code": "00008" });
    let (s, _) = app.post(&a_admin, "/api/v1/units", village).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, body) = app
        .post(
            &a,
            "/api/v1/organisations",
            json!({ "unit": "2025/00004", "kind": "womens_union" }),
        )
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden_role"))
    );
    assert!(!app.store.user(&Actor::system("t"), "cb.b").await.unwrap().disabled);

    let (_, orgs) = app.get(&province, "/api/v1/organisations").await;
    assert_eq!(orgs["count"], 2, "the province sees every commune below it");
    let (_, mine) = app.get(&a, "/api/v1/units?mine=true&level=commune&at=2025-07-01").await;
    assert_eq!(mine["count"], 1);
}

#[tokio::test]
async fn user_creation_refuses_duplicates_and_bad_json() {
    let app = start().await;
    let admin = app.token("qt.a").await;
    let body = json!({ "username": "cb.moi", "password": PASSWORD, "role": "officer", "unit": "2025/00004" });
    let (s, user) = app.post(&admin, "/api/v1/users", body.clone()).await;
    assert_eq!((s, user["username"].as_str()), (StatusCode::CREATED, Some("cb.moi")));
    let (s, err) = app.post(&admin, "/api/v1/users", body).await;
    assert_eq!(
        (s, err["code"].as_str()),
        (StatusCode::CONFLICT, Some("duplicate_username"))
    );
    let (s, err) = app
        .post(
            &admin,
            "/api/v1/users",
            json!({ "username": "x.y", "password": PASSWORD, "role": "system_admin", "unit": "2025/00004" }),
        )
        .await;
    assert_eq!(
        (s, err["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden_role"))
    );
    let res = app
        .client
        .post(format!("{}/api/v1/users", app.base))
        .bearer_auth(&admin)
        .header("content-type", "application/json")
        .body("{ not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "validation");
}

#[tokio::test]
async fn web_login_browse_escape_and_logout() {
    let app = start().await;
    let page = app.client.get(format!("{}/", app.base)).send().await.unwrap();
    let login_csrf = cookie(page.headers(), "danvan_login_csrf").expect("login csrf cookie");
    let form_csrf = hidden_csrf(&page.text().await.unwrap());
    let login = |csrf: String, password: &'static str| {
        let client = app.client.clone();
        let url = format!("{}/login", app.base);
        let cookie_header = format!("danvan_login_csrf={login_csrf}");
        async move {
            client
                .post(url)
                .header(COOKIE, cookie_header)
                .form(&[("username", "cb.a"), ("password", password), ("csrf", csrf.as_str())])
                .send()
                .await
                .unwrap()
        }
    };
    let forged = login("forged".into(), PASSWORD).await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let wrong = login(form_csrf.clone(), "sai-mat-khau").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let html = wrong.text().await.unwrap();
    assert!(html.contains("Sai tên đăng nhập hoặc mật khẩu") && html.contains("value=\"cb.a\""));
    let ok = login(form_csrf, PASSWORD).await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    assert_eq!(ok.headers()[LOCATION], "/");
    let set = ok
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect::<Vec<_>>();
    assert!(set
        .iter()
        .any(|c| c.starts_with("danvan_session=") && c.contains("HttpOnly") && c.contains("SameSite=Lax")));
    let session = cookie(ok.headers(), "danvan_session").unwrap();
    let with_session = format!("danvan_session={session}");

    // A village whose name is a script payload, shown on the commune page, must come out escaped.
    let admin = app.token("qt.a").await;
    let payload = "<script>alert('x')</script>";
    let village = json!({ "scheme": "2025", "code": "00004-T01", "name": payload, "kind": "Tổ dân phố", "level": "village", "parent_code": "00004" });
    assert_eq!(app.post(&admin, "/api/v1/units", village).await.0, StatusCode::CREATED);

    let home = app
        .client
        .get(format!("{}/", app.base))
        .header(COOKIE, &with_session)
        .send()
        .await
        .unwrap();
    assert!(
        home.text().await.unwrap().contains("Tổng quan: Phường Ba Đình"),
        "home is the dashboard"
    );
    let browser = app
        .client
        .get(format!("{}/units", app.base))
        .header(COOKIE, &with_session)
        .send()
        .await
        .unwrap();
    let html = browser.text().await.unwrap();
    assert!(
        html.contains("Phường Ba Đình") && html.contains("Phường Trúc Bạch"),
        "own unit and its predecessors"
    );
    assert!(!html.contains(payload));
    let unit_page = app
        .client
        .get(format!("{}/units/2025/00004", app.base))
        .header(COOKIE, &with_session)
        .send()
        .await
        .unwrap();
    let html = unit_page.text().await.unwrap();
    assert!(
        !html.contains(payload) && html.contains("&lt;script&gt;"),
        "escaped output"
    );
    let other = app
        .client
        .get(format!("{}/units/2025/00008", app.base))
        .header(COOKIE, &with_session)
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), StatusCode::FORBIDDEN);
    let search = app
        .client
        .get(format!("{}/units?q=truc%20bach", app.base))
        .header(COOKIE, &with_session)
        .send()
        .await
        .unwrap();
    assert!(search.text().await.unwrap().contains("Phường Trúc Bạch"));

    let csrf = hidden_csrf(&html);
    let bad_logout = app
        .client
        .post(format!("{}/logout", app.base))
        .header(COOKIE, &with_session)
        .form(&[("csrf", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(bad_logout.status(), StatusCode::FORBIDDEN);
    let logout = app
        .client
        .post(format!("{}/logout", app.base))
        .header(COOKIE, &with_session)
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), StatusCode::SEE_OTHER);
    let after = app
        .client
        .get(format!("{}/", app.base))
        .header(COOKIE, &with_session)
        .send()
        .await
        .unwrap();
    assert!(
        after.text().await.unwrap().contains("action=\"/login\""),
        "the old session no longer works"
    );
}

#[tokio::test]
async fn english_is_one_click_away() {
    let app = start().await;
    let res = app
        .client
        .get(format!("{}/lang?set=en", app.base))
        .send()
        .await
        .unwrap();
    let lang = cookie(res.headers(), "danvan_lang").unwrap();
    assert_eq!(lang, "en");
    let page = app
        .client
        .get(format!("{}/", app.base))
        .header(COOKIE, "danvan_lang=en")
        .send()
        .await
        .unwrap();
    let html = page.text().await.unwrap();
    assert!(html.contains("Sign in") && html.contains("lang=\"en\""));

    // Signed in, the choice is the user's: another browser (no cookie) gets it too.
    let (session, _) = app.web_login("cb.a").await;
    let switched = app
        .client
        .get(format!("{}/lang?set=en", app.base))
        .header(COOKIE, &session)
        .send()
        .await
        .unwrap();
    assert_eq!(switched.status(), StatusCode::SEE_OTHER);
    let (elsewhere, _) = app.web_login("cb.a").await;
    let home = app
        .client
        .get(format!("{}/", app.base))
        .header(COOKIE, &elsewhere)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("lang=\"en\"") && home.contains("Dashboard"), "{home}");
    // The statistics' breakdowns (coded values named by the domain in Vietnamese) follow too.
    let stats = app
        .client
        .get(format!("{}/petitions/stats", app.base))
        .header(COOKIE, &elsewhere)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for english in ["Denunciation", "Online", "Commune"] {
        assert!(stats.contains(&format!("<td>{english}</td>")), "{english}: {stats}");
    }
    assert!(!stats.contains("<td>Tố cáo</td>"), "{stats}");
    let (other, _) = app.web_login("cb.b").await;
    let theirs = app
        .client
        .get(format!("{}/", app.base))
        .header(COOKIE, &other)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(theirs.contains("lang=\"vi\""), "another user keeps Vietnamese");
}

#[tokio::test]
async fn petitions_through_the_api() {
    let app = start().await;
    let a = app.token("cb.a").await;
    let province = app.token("cb.tinh").await;
    let body = json!({
        "unit": "2025/00004", "kind": "denunciation", "channel": "mail", "received_on": "2025-03-03",
        "subject": "Tố cáo sai phạm trong giải phóng mặt bằng", "content": "Cán bộ địa chính thu tiền trái phép",
        "topic": "compensation",
        "petitioners": [{ "name": "Đinh Thị Kín", "cccd": "001088012345", "phone": "0912345678" }]
    });
    let (s, created) = app.post(&a, "/api/v1/petitions", body.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{created}");
    let code = created["code"].as_str().unwrap().to_string();
    assert_eq!(created["petitioners"][0]["name"], "Đinh Thị Kín");
    assert_eq!(created["processing_due"], "2025-03-12");

    let (s, seen) = app.get(&province, &format!("/api/v1/petitions/{code}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(seen["identity_redacted"], true);
    assert_eq!(seen["petitioners"][0]["name"], "[đã ẩn]");
    assert_eq!(seen["petitioners"][0]["cccd"], "[đã ẩn]");

    let (_, found) = app
        .get(&province, "/api/v1/petitions?q=giai%20phong%20mat%20bang")
        .await;
    assert_eq!(found["items"][0]["code"], code.as_str());
    assert_eq!(found["items"][0]["petitioner"], "[đã ẩn]");

    let mut bad = body.clone();
    bad["petitioners"][0]["cccd"] = json!("123");
    let (s, err) = app.post(&a, "/api/v1/petitions", bad).await;
    assert_eq!(
        (s, err["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_cccd"))
    );
    let (s, err) = app
        .post(
            &a,
            &format!("/api/v1/petitions/{code}/steps"),
            json!({ "action": "resolve" }),
        )
        .await;
    assert_eq!(
        (s, err["code"].as_str()),
        (StatusCode::CONFLICT, Some("invalid_transition"))
    );
    let (s, p) = app
        .post(
            &a,
            &format!("/api/v1/petitions/{code}/steps"),
            json!({ "action": "start_processing", "on": "2025-03-04" }),
        )
        .await;
    assert_eq!((s, p["status"].as_str()), (StatusCode::OK, Some("processing")));
    let (_, events) = app.get(&a, &format!("/api/v1/petitions/{code}/events")).await;
    assert_eq!(events["count"], 2);

    let b = app.token("cb.b").await;
    let (s, _) = app.get(&b, &format!("/api/v1/petitions/{code}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "another commune cannot read it");
    let (s, stats) = app
        .get(
            &province,
            "/api/v1/petitions/stats?unit=2025/01&from=2025-01-01&to=2025-12-31",
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(stats["received"], 1);
    let (s, err) = app.get(&province, "/api/v1/petitions?kind=letter").await;
    assert_eq!((s, err["code"].as_str()), (StatusCode::BAD_REQUEST, Some("validation")));
}

#[tokio::test]
async fn attachments_upload_and_download() {
    let app = start().await;
    app.store.set_files_dir(app._dir.path().join("files"));
    let a = app.token("cb.a").await;
    let body = json!({
        "unit": "2025/00004", "kind": "complaint", "channel": "mail", "received_on": "2025-03-03",
        "subject": "Khiếu nại", "content": "Nội dung", "topic": "land", "petitioners": [{ "name": "Lê Thị Tệp" }]
    });
    let (_, p) = app.post(&a, "/api/v1/petitions", body).await;
    let code = p["code"].as_str().unwrap();
    let url = format!("{}/api/v1/petitions/{code}/attachments", app.base);
    let pdf = b"%PDF-1.4 bien ban".to_vec();
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(pdf.clone()).file_name("Biên bản đối thoại.pdf"),
    );
    let res = app
        .client
        .post(&url)
        .bearer_auth(&a)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let att: Value = res.json().await.unwrap();
    assert_eq!(att["content_type"], "application/pdf");
    let bad = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(b"MZ\x90\x00".to_vec()).file_name("don.pdf"),
    );
    let res = app
        .client
        .post(&url)
        .bearer_auth(&a)
        .multipart(bad)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "attachment_type");
    let got = app
        .client
        .get(format!("{url}/{}", att["id"]))
        .bearer_auth(&a)
        .send()
        .await
        .unwrap();
    assert_eq!(got.status(), StatusCode::OK);
    assert!(got.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment;"));
    assert_eq!(got.bytes().await.unwrap().to_vec(), pdf);
    let (_, list) = app.get(&a, &format!("/api/v1/petitions/{code}/attachments")).await;
    assert_eq!(list["count"], 1);
}

#[tokio::test]
async fn topic_taxonomy_through_the_api_and_the_admin_page() {
    let app = start().await;
    let admin = app.token("admin").await;
    let officer = app.token("cb.a").await;
    let (s, topics) = app.get(&officer, "/api/v1/petitions/topics").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(topics["topics"].as_array().unwrap().len(), 8);

    let mut edited = topics.clone();
    edited["topics"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "code": "traffic", "label": "Giao thông" }));
    let put = |token: &str, body: &Value| {
        app.client
            .put(format!("{}/api/v1/settings/petition_topics", app.base))
            .bearer_auth(token)
            .json(body)
            .send()
    };
    let res = put(&officer, &edited).await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "forbidden_role");
    let res = put(&admin, &json!({ "topics": [{ "code": "Giao thông", "label": "x" }] }))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "validation");
    assert_eq!(put(&admin, &edited).await.unwrap().status(), StatusCode::OK);

    let body = json!({
        "unit": "2025/00004", "kind": "feedback", "channel": "online", "received_on": "2025-03-03",
        "subject": "Đường hư hỏng", "content": "Đường liên thôn hư hỏng nặng", "topic": "traffic",
        "petitioners": [{ "name": "Trần Văn Bình" }]
    });
    let (s, created) = app.post(&officer, "/api/v1/petitions", body).await;
    assert_eq!(s, StatusCode::CREATED, "{created}");
    let (s, settings) = app.get(&officer, "/api/v1/settings").await;
    assert_eq!(s, StatusCode::OK);
    assert!(settings["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["key"] == "petition_topics" && i["customised"] == true));
    let (s, rules) = app.get(&officer, "/api/v1/settings/deadline_rules").await;
    assert_eq!(s, StatusCode::OK);
    assert!(rules.is_object() || rules.is_array());
    let (s, _) = app.get(&officer, "/api/v1/settings/nope").await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // The admin page: retiring a topic through the form takes it off the new-petition form.
    let (cookie, csrf) = app.web_login("admin").await;
    let page = app
        .client
        .get(format!("{}/admin/topics", app.base))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Giao thông"), "{page}");
    let res = app
        .client
        .post(format!("{}/admin/topics", app.base))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.as_str()), ("action", "retire"), ("code", "traffic")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let form = app
        .client
        .get(format!("{}/petitions/new", app.base))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!form.contains("value=\"traffic\""));
    assert!(form.contains("value=\"land\""));
    let res = app
        .client
        .post(format!("{}/admin/topics", app.base))
        .header("cookie", &cookie)
        .form(&[
            ("csrf", csrf.as_str()),
            ("action", "add"),
            ("code", "đất"),
            ("label", "Đất mới"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let html = res.text().await.unwrap();
    assert!(html.contains("chữ thường không dấu"), "{html}");
    assert!(html.contains("value=\"Đất mới\""), "typed values are kept");
}

#[tokio::test]
async fn dashboard_shows_what_is_late_and_lists_export_as_files() {
    let app = start().await;
    let a = app.token("cb.a").await;
    let province = app.token("cb.tinh").await;
    let today = danvan_store::today();
    let petition = |kind: &str, received: chrono::NaiveDate, subject: &str| {
        json!({
            "unit": "2025/00004", "kind": kind, "channel": "mail", "received_on": received.format("%Y-%m-%d").to_string(),
            "subject": subject, "content": "Nội dung đơn", "topic": "land",
            "petitioners": [{ "name": "Đinh Thị Kín", "cccd": "001088012345" }]
        })
    };
    // Received 60 days ago and never processed: past its processing deadline.
    let (s, late) = app
        .post(
            &a,
            "/api/v1/petitions",
            petition(
                "denunciation",
                today - chrono::Duration::days(60),
                "Tố cáo lấn chiếm đất",
            ),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{late}");
    let (s, fresh) = app
        .post(
            &a,
            "/api/v1/petitions",
            petition("feedback", today, "Kiến nghị sửa đường"),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{fresh}");

    let (s, d) = app.get(&province, "/api/v1/dashboard").await;
    assert_eq!(s, StatusCode::OK, "{d}");
    assert_eq!((d["open"].as_i64(), d["overdue"].as_i64()), (Some(2), Some(1)), "{d}");
    assert_eq!(d["overdue_cases"][0]["code"], late["code"]);
    assert_eq!(
        d["overdue_cases"][0]["petitioner"], "[đã ẩn]",
        "a denouncer stays hidden on the dashboard"
    );
    assert_eq!(d["units"][0]["unit_code"], "00004", "{d}");
    assert_eq!(d["units"][0]["overdue"], 1);
    assert_eq!(d["months"].as_array().unwrap().len(), 12);
    let this_month: i64 = d["months"][11]["received"].as_i64().unwrap();
    assert!(this_month >= 1, "{d}");
    assert_eq!(d["activity"].as_array().unwrap().len(), 2);
    let (s, _) = app
        .get(&app.token("cb.b").await, "/api/v1/dashboard?unit=2025/00004")
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "another commune's dashboard is out of scope");

    let (session, _) = app.web_login("cb.tinh").await;
    let home = app
        .client
        .get(format!("{}/", app.base))
        .header(COOKIE, &session)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        home.contains("Tổng quan") && home.contains("<svg class=\"chart\""),
        "{home}"
    );
    assert!(home.contains(late["code"].as_str().unwrap()));
    assert!(
        !home.contains("Đinh Thị Kín"),
        "the denouncer's name never reaches the province page"
    );

    // The list's filter, exported: only the overdue case, the denouncer redacted.
    let csv = app
        .client
        .get(format!("{}/petitions/export?overdue=true&format=csv", app.base))
        .header(COOKIE, &session)
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(csv.headers()["content-disposition"].to_str().unwrap().contains(".csv"));
    let bytes = csv.bytes().await.unwrap();
    assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF], "Excel needs the BOM to read UTF-8");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(
        text.contains(late["code"].as_str().unwrap()) && text.contains("[đã ẩn]"),
        "{text}"
    );
    assert!(!text.contains("Đinh Thị Kín"));

    let xlsx = app
        .client
        .get(format!("{}/api/v1/petitions/export?format=xlsx", app.base))
        .bearer_auth(&a)
        .send()
        .await
        .unwrap();
    assert_eq!(xlsx.status(), StatusCode::OK);
    let book = xlsx.bytes().await.unwrap();
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(book.to_vec())).unwrap();
    let sheet = book.worksheet_range("Đơn thư").unwrap();
    assert_eq!(sheet.height(), 3, "a header and two petitions");
    assert!(
        matches!(sheet.get((1, 1)), Some(calamine::Data::DateTime(_))),
        "dates are real dates"
    );
    assert_eq!(
        sheet.get((2, 6)),
        Some(&calamine::Data::String("Đinh Thị Kín".into())),
        "the handler's own unit sees the name"
    );

    let (s, err) = app.get(&a, "/api/v1/petitions/export?format=pdf").await;
    assert_eq!((s, err["code"].as_str()), (StatusCode::BAD_REQUEST, Some("validation")));
    let (_, audit) = app.get(&app.token("admin").await, "/api/v1/audit/verify").await;
    assert_eq!(audit["ok"], true, "{audit}");
}

#[tokio::test]
async fn a_double_submission_records_one_petition() {
    let app = start().await;
    let (session, _) = app.web_login("cb.a").await;
    let form = app
        .client
        .get(format!("{}/petitions/new", app.base))
        .header(COOKIE, &session)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let at = form.find("name=\"idem\" value=\"").expect("the form carries a key") + "name=\"idem\" value=\"".len();
    let idem = form[at..].split('"').next().unwrap().to_string();
    let csrf = hidden_csrf(&form);
    let submit = || {
        app.client
            .post(format!("{}/petitions/new", app.base))
            .header(COOKIE, &session)
            .form(&[
                ("csrf", csrf.as_str()),
                ("idem", idem.as_str()),
                ("unit", "2025/00004"),
                ("kind", "feedback"),
                ("channel", "in_person"),
                ("received_on", &danvan_store::today().format("%d/%m/%Y").to_string()),
                ("topic", "land"),
                ("subject", "Kiến nghị làm đường"),
                ("content", "Đường ngõ 5 xuống cấp"),
                ("name", "Lê Văn Hai"),
            ])
            .send()
    };
    let (first, second) = tokio::join!(submit(), submit());
    let (first, second) = (first.unwrap(), second.unwrap());
    let statuses = [first.status(), second.status()];
    let locations: Vec<String> = [&first, &second]
        .iter()
        .filter_map(|r| r.headers().get(LOCATION).map(|l| l.to_str().unwrap().to_string()))
        .collect();
    assert!(statuses.contains(&StatusCode::SEE_OTHER), "{statuses:?}");
    // The second either waits for nothing (409 while the first runs) or goes to the same case.
    assert!(locations.windows(2).all(|w| w[0] == w[1]), "{locations:?}");
    let third = submit().await.unwrap();
    assert_eq!(
        third.headers()[LOCATION].to_str().unwrap(),
        locations[0],
        "a later repeat goes to the same case"
    );
    let token = app.token("cb.a").await;
    let (_, list) = app.get(&token, "/api/v1/petitions").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1, "one petition, not two");

    let body = json!({
        "unit": "2025/00004", "kind": "feedback", "channel": "online", "received_on": danvan_store::today().format("%Y-%m-%d").to_string(),
        "subject": "Phản ánh đèn đường", "content": "Đèn hỏng", "topic": "other", "petitioners": [{ "name": "Hà" }]
    });
    let post = |key: &'static str| {
        app.client
            .post(format!("{}/api/v1/petitions", app.base))
            .bearer_auth(&token)
            .header("idempotency-key", key)
            .json(&body)
            .send()
    };
    let once = post("k-1").await.unwrap();
    assert_eq!(once.status(), StatusCode::CREATED);
    let code = once.json::<Value>().await.unwrap()["code"].clone();
    let again = post("k-1").await.unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.json::<Value>().await.unwrap()["code"], code);
    assert_eq!(
        post("k-2").await.unwrap().status(),
        StatusCode::CREATED,
        "another key is another petition"
    );
    let (_, list) = app.get(&token, "/api/v1/petitions").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn a_forwarded_case_prints_its_slip_without_the_denouncer() {
    let app = start().await;
    let a = app.token("cb.a").await;
    let today = danvan_store::today().format("%Y-%m-%d").to_string();
    let body = json!({
        "unit": "2025/00004", "kind": "denunciation", "channel": "mail", "received_on": today,
        "subject": "Tố cáo lấn chiếm vỉa hè", "content": "Nội dung", "topic": "construction",
        "petitioners": [{ "name": "Đinh Thị Kín", "address": "Số 5 ngõ 12" }]
    });
    let (_, created) = app.post(&a, "/api/v1/petitions", body).await;
    let code = created["code"].as_str().unwrap().to_string();
    let steps = format!("/api/v1/petitions/{code}/steps");
    app.post(&a, &steps, json!({ "action": "start_processing" })).await;
    let (s, err) = app.post(&a, &steps, json!({ "action": "forward" })).await;
    assert_eq!(
        (s, err["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("validation")),
        "{err}"
    );
    let (s, _) = app
        .post(
            &a,
            &steps,
            json!({ "action": "forward", "note": "Ủy ban nhân dân quận Hoàn Kiếm" }),
        )
        .await;
    assert_eq!(s, StatusCode::OK);

    let (session, _) = app.web_login("cb.a").await;
    let slip = app
        .client
        .get(format!("{}/petitions/{code}/slip", app.base))
        .header(COOKIE, &session)
        .send()
        .await
        .unwrap();
    assert_eq!(slip.status(), StatusCode::OK);
    let html = slip.text().await.unwrap();
    assert!(
        html.contains("PHIẾU CHUYỂN ĐƠN") && html.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        "{html}"
    );
    assert!(html.contains("Kính gửi: Ủy ban nhân dân quận Hoàn Kiếm"));
    assert!(html.contains("PHƯỜNG BA ĐÌNH") && html.contains("Ba Đình, ngày "));
    assert!(
        !html.contains("Đinh Thị Kín"),
        "a forwarded denunciation hides the denouncer even from its handler"
    );

    let (_, other) = app
        .post(
            &a,
            "/api/v1/petitions",
            json!({
                "unit": "2025/00004", "kind": "feedback", "channel": "mail", "received_on": today,
                "subject": "Kiến nghị", "content": "Nội dung", "topic": "other", "petitioners": [{ "name": "Lê Hoa" }]
            }),
        )
        .await;
    let not_yet = app
        .client
        .get(format!(
            "{}/petitions/{}/slip",
            app.base,
            other["code"].as_str().unwrap()
        ))
        .header(COOKIE, &session)
        .send()
        .await
        .unwrap();
    assert_eq!(
        not_yet.status(),
        StatusCode::NOT_FOUND,
        "no slip before the case is forwarded or guided"
    );
}
