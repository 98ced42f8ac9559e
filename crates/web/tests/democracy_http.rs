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
