//! Grassroots democracy, GPMB and the people's situation over real HTTP: the JSON API (with
//! its OpenAPI paths and error codes) and the staff pages.

use danvan_domain::role::Role;
use reqwest::header::LOCATION;
use reqwest::StatusCode;
use serde_json::{json, Value};

mod common;
use common::*;

async fn start() -> App {
    start_with(
        &[
            ("cb.a", Role::Officer, "2025/00004"),
            ("cb.b", Role::Officer, "2025/00008"),
        ],
        &[],
    )
    .await
}

fn disclosure(item: &str, decided: &str, start: Option<&str>, end: Option<&str>) -> Value {
    json!({
        "unit": "2025/00004", "item": item, "title": format!("Công khai {item}"),
        "decided_on": decided, "forms": ["posting", "portal"], "start_on": start, "end_on": end,
    })
}

#[tokio::test]
async fn disclosures_votes_gpmb_and_issues_through_the_api() {
    let app = start().await;
    let a = app.token("cb.a").await;
    let (s, late) = app
        .post(
            &a,
            "/api/v1/disclosures",
            disclosure("CK_03", "2024-08-01", Some("2024-08-12"), Some("2024-09-20")),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{late}");
    assert_eq!(late["check"]["timing"], "late");
    let (s, short) = app
        .post(
            &a,
            "/api/v1/disclosures",
            disclosure("CK_05", "2024-09-02", Some("2024-09-05"), Some("2024-09-24")),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(short["check"]["posting"], "too_short");
    // A page at a time, newest decision first: the next page starts after the last row.
    let (s, first) = app.get(&a, "/api/v1/disclosures?limit=1").await;
    assert_eq!(s, StatusCode::OK, "{first}");
    assert_eq!(
        (first["count"].as_i64(), &first["items"][0]["id"]),
        (Some(1), &short["id"])
    );
    let next = first["next"].as_str().expect("a second page");
    let (_, second) = app.get(&a, &format!("/api/v1/disclosures?limit=1&after={next}")).await;
    assert_eq!(second["items"][0]["id"], late["id"]);
    assert!(second["next"].is_null(), "{second}");
    let (s, e) = app.get(&a, "/api/v1/disclosures?after=x").await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::BAD_REQUEST, Some("validation")));
    let (s, view) = app
        .get(&a, "/api/v1/disclosures/compliance?from=2024-07-01&to=2024-09-30")
        .await;
    assert_eq!(s, StatusCode::OK, "{view}");
    assert_eq!((view["late"].as_i64(), view["too_short"].as_i64()), (Some(1), Some(1)));
    assert_eq!(view["problems"].as_array().unwrap().len(), 2);
    let (s, e) = app
        .post(
            &a,
            "/api/v1/disclosures",
            disclosure("CK_03", "2024-08-01", Some("2024-08-12"), Some("2024-08-10")),
        )
        .await;
    assert_eq!(
        (s, e["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("posting_ends_before_start"))
    );
    let (_, items) = app.get(&a, "/api/v1/disclosure-items").await;
    assert_eq!(items["count"], 14);

    let vote = |yes: i64, no: i64| {
        json!({
            "unit": "2025/00004", "matter": "contribution", "scope": "village", "form": "meeting",
            "title": "Đóng góp làm đường", "voted_on": "2024-10-05", "electorate": 300,
            "votes_for": yes, "votes_against": no,
        })
    };
    let (s, v) = app.post(&a, "/api/v1/resident-decisions", vote(200, 100)).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(
        (v["threshold"].as_str(), v["outcome"].as_str()),
        (Some("two_thirds"), Some("passed"))
    );
    let (s, e) = app.post(&a, "/api/v1/resident-decisions", vote(200, 101)).await;
    assert_eq!(
        (s, e["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("votes_exceed_households"))
    );

    let (s, p) = app
        .post(
            &a,
            "/api/v1/gpmb/projects",
            json!({ "unit": "2025/00004", "name": "Đường Vành đai 4", "milestones": [{ "label": "Bàn giao", "due_on": "2023-12-31" }] }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    let pid = p["id"].as_i64().unwrap();
    let (s, hs) = app
        .post(
            &a,
            &format!("/api/v1/gpmb/projects/{pid}/households"),
            json!([{ "head_name": "Nguyễn Văn A", "listed_on": "2023-01-10" }, { "head_name": "Trần Thị B", "listed_on": "2023-01-10" }]),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{hs}");
    let hid = hs["items"][0]["id"].as_i64().unwrap();
    let (s, h) = app
        .post(
            &a,
            &format!("/api/v1/gpmb/households/{hid}/state"),
            json!({ "state": "handed_over", "on": "2023-03-01" }),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{h}");
    let (_, p) = app.get(&a, &format!("/api/v1/gpmb/projects/{pid}")).await;
    assert_eq!(
        (
            p["progress"]["handed_over"].as_i64(),
            p["progress"]["outstanding"].as_i64()
        ),
        (Some(1), Some(1))
    );
    let (_, out) = app
        .get(&a, &format!("/api/v1/gpmb/projects/{pid}/households?outstanding=true"))
        .await;
    assert_eq!(out["count"], 1);
    let b = app.token("cb.b").await;
    let (s, _) = app.get(&b, &format!("/api/v1/gpmb/projects/{pid}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    let (s, i) = app
        .post(
            &a,
            "/api/v1/issues",
            json!({ "unit": "2025/00004", "title": "Ngập úng", "kind": "pressing", "severity": "high", "first_seen_on": "2024-05-01" }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{i}");
    let (s, up) = app
        .post(
            &a,
            &format!("/api/v1/issues/{}/step", i["id"]),
            json!({ "action": "escalate", "on": "2024-05-02" }),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{up}");
    assert_eq!(up["handling_unit"], "2025/01");
    for path in [
        "/api/v1/disclosures/stats?from=2024-01-01&to=2024-12-31",
        "/api/v1/resident-decisions/stats?from=2024-01-01&to=2024-12-31",
        "/api/v1/gpmb/stats?from=2023-01-01&to=2023-12-31",
        "/api/v1/situation/stats?from=2024-01-01&to=2024-12-31",
    ] {
        let (s, body) = app.get(&a, path).await;
        assert_eq!(s, StatusCode::OK, "{path}: {body}");
        assert!(body["text"].as_str().is_some_and(|t| !t.is_empty()), "{path}");
    }

    let doc: Value = app
        .client
        .get(format!("{}/api/v1/openapi.json", app.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in [
        "/api/v1/disclosures",
        "/api/v1/disclosures/compliance",
        "/api/v1/disclosures/quarter",
        "/api/v1/resident-decisions",
        "/api/v1/resident-decisions/{id}/recognition",
        "/api/v1/consultations",
        "/api/v1/boards",
        "/api/v1/gpmb/projects",
        "/api/v1/gpmb/projects/{id}/progress",
        "/api/v1/gpmb/households/{id}/state",
        "/api/v1/issues",
        "/api/v1/issues/{id}/step",
        "/api/v1/situation-reports",
    ] {
        assert!(doc["paths"].get(path).is_some(), "missing {path}");
    }
}

#[tokio::test]
async fn staff_pages_record_disclosures_projects_and_issues() {
    let app = start().await;
    let (session, csrf) = app.web_login("cb.a").await;
    let (s, html) = app.page(&session, "/democracy/disclosures").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Dân chủ cơ sở") && html.contains("GPMB"), "menu areas");
    assert!(html.contains("CK_14"), "the catalogue in the form");

    let res = app
        .form(
            &session,
            "/democracy/disclosures",
            &[
                ("csrf", csrf.as_str()),
                ("unit", "2025/00004"),
                ("item", "CK_02"),
                ("title", "Dự toán ngân sách năm 2025"),
                ("decided_on", "02/01/2025"),
                ("forms", "posting"),
                ("forms", "loudspeaker"),
                ("start_on", "03/01/2025"),
                ("end_on", "20/01/2025"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = app
        .page(
            &session,
            "/democracy/compliance?from=01/01/2025&to=31/03/2025&year=2025&quarter=1",
        )
        .await;
    assert!(html.contains("Dự toán ngân sách năm 2025"));
    assert!(
        html.contains("chưa đủ 30 ngày liên tục"),
        "the short posting is flagged"
    );

    let res = app
        .form(
            &session,
            "/democracy/disclosures",
            &[
                ("csrf", csrf.as_str()),
                ("unit", "2025/00004"),
                ("item", "CK_02"),
                ("title", "Quyết toán"),
                ("decided_on", "02/01/2025"),
                ("forms", "posting"),
                ("start_on", "10/01/2025"),
                ("end_on", "05/01/2025"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let html = res.text().await.unwrap();
    assert!(html.contains("Ngày kết thúc niêm yết trước ngày bắt đầu") && html.contains("Quyết toán"));

    // The posting is recorded on the disclosure's own page; a refusal is shown there with what
    // was typed, and nothing changes.
    let (_, list) = app.page(&session, "/democracy/disclosures").await;
    let id: String = list
        .split("<a href=\"/democracy/disclosures/")
        .nth(1)
        .expect("a link to the disclosure")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let page = format!("/democracy/disclosures/{id}");
    let posting = format!("{page}/posting");
    let res = app
        .form(
            &session,
            &posting,
            &[
                ("csrf", csrf.as_str()),
                ("start_on", "03/01/2025"),
                ("end_on", "01/01/2025"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let html = res.text().await.unwrap();
    assert!(html.contains("Ngày kết thúc niêm yết trước ngày bắt đầu"), "{html}");
    // Templates escape `/` in values.
    let shown = |html: &str, day: &str| html.contains(day) || html.contains(&day.replace('/', "&#x2f;"));
    assert!(shown(&html, r#"value="01/01/2025""#), "the typed end day is kept");
    let (_, html) = app.page(&session, &page).await;
    assert!(shown(&html, "20/01/2025") && !shown(&html, "01/01/2025"), "unchanged");
    let res = app
        .form(
            &session,
            &posting,
            &[
                ("csrf", csrf.as_str()),
                ("start_on", "03/01/2025"),
                ("end_on", "05/02/2025"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], page.as_str());
    let (_, html) = app.page(&session, &page).await;
    assert!(shown(&html, "05/02/2025"), "the new end day");

    let res = app
        .form(
            &session,
            "/democracy/decisions",
            &[
                ("csrf", csrf.as_str()),
                ("unit", "2025/00004"),
                ("matter", "convention"),
                ("scope", "village"),
                ("form", "meeting"),
                ("title", "Hương ước tổ dân phố 5"),
                ("voted_on", "05/10/2024"),
                ("electorate", "120"),
                ("votes_for", "80"),
                ("votes_against", "41"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Số phiếu biểu quyết nhiều hơn số hộ gia đình"));

    let res = app
        .form(
            &session,
            "/gpmb",
            &[
                ("csrf", csrf.as_str()),
                ("unit", "2025/00004"),
                ("name", "Dự án đường H"),
                ("started_on", "02/01/2024"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let to = res.headers()[LOCATION].to_str().unwrap().to_string();
    let res = app
        .form(
            &session,
            &format!("{to}/households"),
            &[
                ("csrf", csrf.as_str()),
                ("head_name", "Lê Văn Cường"),
                ("listed_on", "05/01/2024"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (s, html) = app.page(&session, &to).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Lê Văn Cường") && html.contains("0/1 hộ đã bàn giao mặt bằng"));

    let res = app
        .form(
            &session,
            "/situation",
            &[
                ("csrf", csrf.as_str()),
                ("unit", "2025/00004"),
                ("title", "Ô nhiễm tiếng ồn công trình"),
                ("kind", "hot"),
                ("severity", "critical"),
                ("first_seen_on", "01/06/2024"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (s, html) = app.page(&session, "/situation").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Ô nhiễm tiếng ồn công trình"));
    let (s, _) = app.page(&session, "/democracy/decisions").await;
    assert_eq!(s, StatusCode::OK);

    // A consultation's opinions are decided on its page with the items' outcome form.
    let res = app
        .form(
            &session,
            "/democracy/consultations",
            &[
                ("csrf", csrf.as_str()),
                ("unit", "2025/00004"),
                ("matter", "compensation"),
                ("forms", "community_meeting"),
                ("title", "Dự thảo phương án bồi thường đường H"),
                ("opened_on", "02/09/2024"),
                ("opinions", "Nâng đơn giá đất\nTái định cư tại chỗ"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let a = app.token("cb.a").await;
    let (_, list) = app.get(&a, "/api/v1/consultations").await;
    let cid = list["items"][0]["id"].as_i64().unwrap();
    let (_, c) = app.get(&a, &format!("/api/v1/consultations/{cid}")).await;
    let item = c["opinions"][0]["id"].as_i64().unwrap();
    let res = app
        .form(
            &session,
            &format!("/items/{item}/outcome"),
            &[
                ("csrf", csrf.as_str()),
                ("outcome", "not_accepted"),
                ("reason", "Đơn giá theo bảng giá đất"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        res.headers()[LOCATION],
        format!("/democracy/consultations/{cid}").as_str()
    );
    let (s, html) = app.page(&session, &format!("/democracy/consultations/{cid}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Đơn giá theo bảng giá đất") && html.contains("Tái định cư tại chỗ"));

    // A board with three members is set up and warned; a situation report is recorded.
    let res = app
        .form(
            &session,
            "/democracy/boards",
            &[
                ("csrf", csrf.as_str()),
                ("unit", "2025/00004"),
                ("kind", "inspection"),
                ("term_from", "01/07/2025"),
                ("members", "Trần Văn An\nLê Thị Bình\nPhạm Văn Cường"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.page(&session, "/democracy/decisions").await;
    assert!(html.contains("Ban Thanh tra nhân dân Phường Ba Đình") && html.contains("cần ít nhất 05 thành viên"));
    let res = app
        .form(
            &session,
            "/situation/reports",
            &[
                ("csrf", csrf.as_str()),
                ("unit", "2025/00004"),
                ("period_from", "01/07/2025"),
                ("period_to", "30/09/2025"),
                ("submitted_on", "03/10/2025"),
                ("mood", "concerned"),
                ("summary", "Nhân dân quan tâm tiến độ tái định cư"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.page(&session, "/situation").await;
    assert!(html.contains("Nhân dân quan tâm tiến độ tái định cư"));
}

async fn put(app: &App, token: &str, path: &str, body: Value) -> (StatusCode, Value) {
    let res = app
        .client
        .put(format!("{}{path}", app.base))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    (res.status(), res.json().await.unwrap_or(Value::Null))
}

/// Issue 6 over the API: the Luật 10/2022 procedure fields and their error codes, the GPMB
/// procedure warnings, and the overdue ordered tasks on the follow-up worklist.
#[tokio::test]
async fn procedure_rules_and_the_worklist_through_the_api() {
    let app = start().await;
    let a = app.token("cb.a").await;
    let base = json!({
        "unit": "2025/00004", "matter": "self_governing", "scope": "village", "form": "meeting",
        "title": "Lắp đèn đường ngõ 7", "voted_on": "2024-10-05", "electorate": 100, "votes_for": 70,
    });
    let with = |extra: Value| {
        let mut v = base.clone();
        for (k, x) in extra.as_object().unwrap() {
            v[k] = x.clone();
        }
        v
    };
    let cases = [
        (
            json!({ "proposer": "citizens", "initiative_households": 9, "consent_on": "2024-09-01" }),
            "initiative_too_few_households",
        ),
        (
            json!({ "proposer": "citizens", "initiative_households": 10, "consent_on": "2024-07-04" }),
            "initiative_consent_expired",
        ),
        (json!({ "proposer": "commune_chair" }), "proposer_not_allowed"),
        (
            json!({ "form": "online", "online_opt_in": 50, "team_size": 3 }),
            "online_opt_in_too_low",
        ),
        (
            json!({ "form": "online", "online_opt_in": 60, "team_size": 6 }),
            "team_size_out_of_range",
        ),
        (
            json!({ "matter": "convention", "form": "online", "online_opt_in": 60, "team_size": 3 }),
            "vote_form_not_allowed",
        ),
        (
            json!({ "form": "ballot", "ballot_announced_on": "2024-09-30", "ballot_distributed_on": "2024-10-01", "team_size": 3 }),
            "ballot_notice_too_short",
        ),
    ];
    for (extra, code) in cases {
        let (s, e) = app.post(&a, "/api/v1/resident-decisions", with(extra.clone())).await;
        assert_eq!(
            (s, e["code"].as_str()),
            (StatusCode::BAD_REQUEST, Some(code)),
            "{extra}: {e}"
        );
        assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let (_, none) = app.get(&a, "/api/v1/resident-decisions").await;
    assert_eq!(none["count"], 0, "nothing written");
    let (s, v) = app
        .post(
            &a,
            "/api/v1/resident-decisions",
            with(json!({ "proposer": "citizens", "initiative_households": 10, "consent_on": "2024-07-05" })),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(
        (
            v["proposer"].as_str(),
            v["initiative_households"].as_i64(),
            v["consent_on"].as_str()
        ),
        (Some("citizens"), Some(10), Some("2024-07-05"))
    );
    let (s, v) = app
        .post(
            &a,
            "/api/v1/resident-decisions",
            with(json!({ "form": "online", "online_opt_in": 51, "team_size": 5 })),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(
        (
            v["proposer"].as_str(),
            v["online_opt_in"].as_i64(),
            v["team_size"].as_i64()
        ),
        (Some("village_head"), Some(51), Some(5))
    );

    // GPMB: a non-agricultural notice 119 days before the recovery decision is flagged.
    let (s, p) = app
        .post(
            &a,
            "/api/v1/gpmb/projects",
            json!({ "unit": "2025/00004", "name": "Mở rộng phố Đội Cấn", "procedure": {
                "land_type": "non_agricultural", "notice_on": "2026-02-01", "recovery_decided_on": "2026-05-31" } }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    let pid = p["id"].as_i64().unwrap();
    assert_eq!(p["procedure"]["land_type"], "non_agricultural");
    assert_eq!(p["procedure_warnings"][0]["code"], "notice_too_short");
    assert_eq!(p["procedure_warnings"][0]["rule"], "NQ_254_2025");
    assert!(p["procedure_warnings"][0]["text"]
        .as_str()
        .unwrap()
        .starts_with("thông báo thu hồi đất chưa đủ 120 ngày trước quyết định thu hồi"));
    let path = format!("/api/v1/gpmb/projects/{pid}/procedure");
    let (s, e) = put(
        &app,
        &a,
        &path,
        json!({ "plan_posted_from": "2026-03-10", "plan_posted_to": "2026-03-01" }),
    )
    .await;
    assert_eq!(
        (s, e["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("posting_ends_before_start"))
    );
    let (s, e) = put(
        &app,
        &a,
        &path,
        json!({ "notice_on": "2026-03-10", "recovery_decided_on": "2026-03-01" }),
    )
    .await;
    assert_eq!(
        (s, e["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("dates_out_of_order"))
    );
    let (_, unchanged) = app.get(&a, &format!("/api/v1/gpmb/projects/{pid}")).await;
    assert_eq!(unchanged["procedure"]["notice_on"], "2026-02-01");
    let (s, p) = put(
        &app,
        &a,
        &path,
        json!({ "land_type": "agricultural", "notice_on": "2026-02-01", "plan_posted_from": "2026-03-01",
                "plan_posted_to": "2026-03-09", "recovery_decided_on": "2026-05-31" }),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{p}");
    let codes: Vec<&str> = p["procedure_warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["posting_too_short"]);
    let b = app.token("cb.b").await;
    let (s, _) = put(&app, &b, &path, json!({})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // The worklist carries the overdue ordered tasks of the caller's scope.
    let task = |unit: &str, content: &str, deadline: &str| {
        json!({ "unit": unit, "orderer": "UBND phường", "contractor": "Hội Phụ nữ phường", "content": content,
                "budget": 15000000, "ordered_on": "2024-01-05", "deadline": deadline })
    };
    for (token, unit, content, deadline) in [
        (&a, "2025/00004", "Tuyên truyền bảo vệ môi trường", "2024-04-30"),
        (&a, "2025/00004", "Tổng kết năm", "2999-12-31"),
        (&b, "2025/00008", "Vận động hiến đất", "2024-03-31"),
    ] {
        let (s, t) = app
            .post(token, "/api/v1/ordered-tasks", task(unit, content, deadline))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{t}");
    }
    let (s, w) = app.get(&a, "/api/v1/follow-up").await;
    assert_eq!(s, StatusCode::OK, "{w}");
    let tasks = w["ordered_tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 1, "{w}");
    assert_eq!(tasks[0]["content"], "Tuyên truyền bảo vệ môi trường");
    assert_eq!(tasks[0]["overdue"], true);
    assert!(w["items"].is_array());
    let (_, w) = app.get(&a, "/api/v1/follow-up?source=meeting").await;
    assert_eq!(w["ordered_tasks"].as_array().unwrap().len(), 0);

    let doc: Value = app
        .client
        .get(format!("{}/api/v1/openapi.json", app.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["paths"]["/api/v1/gpmb/projects/{id}/procedure"]["put"].is_object());
    assert!(doc["paths"]["/api/v1/follow-up"]["get"].is_object());
    let schemas = &doc["components"]["schemas"];
    for (schema, prop) in [
        ("NewResidentDecision", "initiative_households"),
        ("NewResidentDecision", "online_opt_in"),
        ("NewResidentDecision", "ballot_announced_on"),
        ("ResidentDecision", "proposer"),
        ("NewProject", "procedure"),
        ("Project", "procedure_warnings"),
        ("ProcedureSteps", "recovery_decided_on"),
        ("FollowUpWorklist", "ordered_tasks"),
    ] {
        assert!(
            schemas[schema]["properties"].get(prop).is_some(),
            "{schema}.{prop} missing from the OpenAPI document"
        );
    }
}

/// The same rules through the staff pages: the message beside its field and the values kept;
/// the project page shows its warnings; the follow-up page lists the late ordered task.
#[tokio::test]
async fn procedure_rules_on_the_staff_pages() {
    let app = start().await;
    let (session, csrf) = app.web_login("cb.a").await;
    let res = app
        .form(
            &session,
            "/democracy/decisions",
            &[
                ("csrf", csrf.as_str()),
                ("unit", "2025/00004"),
                ("matter", "self_governing"),
                ("scope", "village"),
                ("form", "meeting"),
                ("title", "Sáng kiến lắp camera"),
                ("voted_on", "05/10/2024"),
                ("electorate", "100"),
                ("votes_for", "70"),
                ("proposer", "citizens"),
                ("initiative_households", "9"),
                ("consent_on", "01/09/2024"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let html = res.text().await.unwrap();
    assert!(
        html.contains(r#"id="initiative_households-err""#),
        "the message is beside its field"
    );
    assert!(html.contains("cần từ 10% số hộ của thôn trở lên"));
    assert!(
        html.contains(r#"value="9""#) && html.contains("Sáng kiến lắp camera"),
        "values kept"
    );
    assert!(html.contains(r#"<option value="citizens" selected>"#));

    let res = app
        .form(
            &session,
            "/democracy/decisions",
            &[
                ("csrf", csrf.as_str()),
                ("unit", "2025/00004"),
                ("matter", "contribution"),
                ("scope", "village"),
                ("form", "ballot"),
                ("title", "Đóng góp nạo vét kênh"),
                ("voted_on", "05/10/2024"),
                ("electorate", "100"),
                ("votes_for", "70"),
                ("ballot_announced_on", "01/10/2024"),
                ("ballot_distributed_on", "03/10/2024"),
                ("team_size", "4"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.page(&session, "/democracy/decisions").await;
    assert!(html.contains("Đóng góp nạo vét kênh") && html.contains("03/10/2024"));

    let res = app
        .form(
            &session,
            "/gpmb",
            &[
                ("csrf", csrf.as_str()),
                ("unit", "2025/00004"),
                ("name", "Dự án phố K"),
                ("land_type", "non_agricultural"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let to = res.headers()[LOCATION].to_str().unwrap().to_string();
    let res = app
        .form(
            &session,
            &format!("{to}/procedure"),
            &[
                ("csrf", csrf.as_str()),
                ("land_type", "non_agricultural"),
                ("notice_on", "01/02/2026"),
                ("plan_posted_from", "10/03/2026"),
                ("plan_posted_to", "01/03/2026"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let html = res.text().await.unwrap();
    assert!(html.contains(r#"id="plan_posted_to-err""#) && html.contains("Ngày kết thúc niêm yết trước ngày bắt đầu"));
    assert!(
        html.contains(r#"value="10/03/2026""#) || html.contains(r#"value="10&#x2f;03&#x2f;2026""#),
        "values kept"
    );
    let res = app
        .form(
            &session,
            &format!("{to}/procedure"),
            &[
                ("csrf", csrf.as_str()),
                ("land_type", "non_agricultural"),
                ("notice_on", "01/02/2026"),
                ("recovery_decided_on", "31/05/2026"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.page(&session, &to).await;
    assert!(html.contains("thông báo thu hồi đất chưa đủ 120 ngày trước quyết định thu hồi"));
    assert!(html.contains(r#"value="31/05/2026""#) || html.contains(r#"value="31&#x2f;05&#x2f;2026""#));

    let a = app.token("cb.a").await;
    let (s, t) = app
        .post(
            &a,
            "/api/v1/ordered-tasks",
            json!({ "unit": "2025/00004", "orderer": "UBND phường", "contractor": "Đoàn Thanh niên phường",
                    "content": "Ra quân làm sạch ngõ phố", "budget": 5000000, "ordered_on": "2024-01-05", "deadline": "2024-02-29" }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let (s, html) = app.page(&session, "/follow-up").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Nhiệm vụ đặt hàng quá hạn chưa hoàn thành"));
    assert!(html.contains(&format!("/ordered-tasks?overdue=true#task-{}", t["id"])));
    assert!(html.contains("Ra quân làm sạch ngõ phố"));
}
