//! Periodic reports through the real server: the API renders every format and takes a unit's
//! template back (refusing one for another period), and the staff page shows the figures with
//! their drill-down, saves the header and approves.

mod common;

use common::{start_with, App};
use danvan_domain::role::Role;
use reqwest::StatusCode;
use serde_json::json;

async fn start() -> App {
    start_with(
        &[
            ("cb.badinh", Role::Officer, "2025/00004"),
            ("ld.badinh", Role::Leader, "2025/00004"),
            ("cb.tinh", Role::Officer, "2025/01"),
        ],
        &[],
    )
    .await
}

async fn bytes(app: &App, token: &str, path: &str) -> (StatusCode, String, Vec<u8>) {
    let res = app
        .client
        .get(format!("{}{path}", app.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = res.status();
    let kind = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, kind, res.bytes().await.unwrap().to_vec())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reports_render_and_take_submissions_through_the_api() {
    let app = start().await;
    let token = app.token("cb.badinh").await;
    let petition = json!({
        "unit": "2025/00004", "kind": "complaint", "channel": "in_person", "received_on": "2026-02-10",
        "subject": "Bồi thường", "content": "Đề nghị xem xét", "topic": "compensation",
        "petitioners": [{"name": "Lê Văn An"}]
    });
    let (status, _) = app.post(&token, "/api/v1/petitions", petition).await;
    assert_eq!(status, StatusCode::CREATED);

    let q = "unit=2025/00004&period=2026";
    let (status, kind, pdf) = bytes(&app, &token, &format!("/api/v1/reports/render?{q}&format=pdf")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind, "application/pdf");
    assert!(pdf.starts_with(b"%PDF"));
    let (_, _, json) = bytes(&app, &token, &format!("/api/v1/reports/render?{q}&format=json")).await;
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let received = json["figures"]["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "petitions.received")
        .unwrap()
        .clone();
    assert_eq!(received["value"], 1);
    assert_eq!(
        received["drill"],
        "/petitions?unit=2025/00004&from=2026-01-01&to=2026-12-31"
    );
    for format in ["docx", "xlsx"] {
        let (status, _, body) = bytes(&app, &token, &format!("/api/v1/reports/render?{q}&format={format}")).await;
        assert_eq!(status, StatusCode::OK, "{format}");
        assert!(body.starts_with(b"PK"), "{format} is a zip package");
    }
    let (status, body) = app
        .get(
            &token,
            "/api/v1/reports/render?unit=2025/00004&period=2026-05-01..2026-01-01&format=pdf",
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], "invalid_period");
    let (status, body) = app
        .get(&token, "/api/v1/reports/render?unit=2025/00097&period=2026&format=pdf")
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["code"], "forbidden_scope");

    // The province officer takes a commune's template for 2026 back; one for 2026-H1 is refused.
    let province = app.token("cb.tinh").await;
    let (status, _, template) = bytes(&app, &province, "/api/v1/reports/template?unit=2025/00004&period=2026").await;
    assert_eq!(status, StatusCode::OK);
    let upload = |period: &'static str, body: Vec<u8>| {
        let app = &app;
        let province = province.clone();
        async move {
            let res = app
                .client
                .post(format!(
                    "{}/api/v1/reports/submissions?unit=2025/00004&period={period}",
                    app.base
                ))
                .bearer_auth(province)
                .body(body)
                .send()
                .await
                .unwrap();
            (res.status(), res.json::<serde_json::Value>().await.unwrap())
        }
    };
    let (status, body) = upload("2026-H1", template.clone()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], "template_mismatch");
    assert!(body["message"].as_str().unwrap().contains("ô B3"), "{body}");
    // An empty template stores nothing.
    let (status, body) = upload("2026", template).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let families = danvan_domain::period::bundled_families();
    let period = danvan_domain::period::PeriodSpec::parse("2026")
        .unwrap()
        .resolve(danvan_domain::period::family(&families, "party").unwrap())
        .unwrap();
    let unit = danvan_store::report_unit(&app.store.unit("2025", "00004").await.unwrap());
    let values = [("petitions.received".to_string(), 9)].into_iter().collect();
    let filled = danvan_report::filled_template(&unit, &period, &values).unwrap();
    let (status, body) = upload("2026", filled).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["values"]["petitions.received"], 9);
    // The commune's own record is replaced by what it submitted.
    let (_, _, json) = bytes(
        &app,
        &province,
        "/api/v1/reports/render?unit=2025/01&period=2026&format=json",
    )
    .await;
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let received = json["figures"]["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "petitions.received")
        .unwrap()
        .clone();
    assert_eq!(received["value"], 9);
    assert_eq!(received["source"], "submitted");
    // Typed in instead: the same submission, replaced; a negative figure is refused.
    let (status, body) = app
        .post(
            &province,
            "/api/v1/reports/submissions/form?unit=2025/00004&period=2026",
            json!({ "values": { "petitions.received": 11 } }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["channel"], "form");
    let (status, body) = app
        .post(
            &province,
            "/api/v1/reports/submissions/form?unit=2025/00004&period=2026",
            json!({ "values": { "petitions.received": -1 } }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], "invalid_cell");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_page_shows_figures_saves_and_approves() {
    let app = start().await;
    let (session, csrf) = app.web_login("cb.badinh").await;
    let (status, html) = app
        .page(&session, "/reports?unit=2025/00004&period=2026&family=party")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Tổng số đơn thư tiếp nhận"), "{html}");
    assert!(html.contains("/reports/download?format=pdf"));
    let fields = [
        ("csrf", csrf.as_str()),
        ("unit", "2025/00004"),
        ("period", "2026"),
        ("family", "party"),
        ("style", "party"),
        ("number", "12-BC/ĐU"),
        ("signer_name", "Trần Văn Bình"),
        ("assessment", "Hoàn thành tốt nhiệm vụ."),
        ("date", "20/06/2026"),
    ];
    let res = app.form(&session, "/reports/save", &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app
        .form(
            &session,
            "/reports/step",
            &[
                ("csrf", csrf.as_str()),
                ("unit", "2025/00004"),
                ("period", "2026"),
                ("family", "party"),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = app
        .page(&session, "/reports?unit=2025/00004&period=2026&family=party")
        .await;
    assert!(html.contains("Đã trình"));
    assert!(html.contains("12-BC/ĐU"));
    // The officer cannot approve; the leader can, with the confirmation ticked.
    let res = app
        .form(
            &session,
            "/reports/step",
            &[
                ("csrf", csrf.as_str()),
                ("unit", "2025/00004"),
                ("period", "2026"),
                ("family", "party"),
                ("action", "approve"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // Figures typed in on the form: a fraction is refused with the figure's name, nothing stored.
    let base = [
        ("csrf", csrf.as_str()),
        ("unit", "2025/00004"),
        ("period", "2026"),
        ("family", "party"),
        ("submit_unit", "2025/00004"),
    ];
    let mut bad = base.to_vec();
    bad.push(("v.petitions.received", "1,5"));
    let res = app.form(&session, "/reports/submit-form", &bad).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.unwrap().contains("Tổng số đơn thư tiếp nhận"));
    let mut good = base.to_vec();
    good.push(("v.petitions.received", "1.234"));
    let res = app.form(&session, "/reports/submit-form", &good).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = app
        .page(&session, "/reports?unit=2025/00004&period=2026&family=party")
        .await;
    assert!(html.contains("1.234 đơn"), "the typed figure is in the report");
    let (leader, leader_csrf) = app.web_login("ld.badinh").await;
    let res = app
        .form(
            &leader,
            "/reports/step",
            &[
                ("csrf", leader_csrf.as_str()),
                ("unit", "2025/00004"),
                ("period", "2026"),
                ("family", "party"),
                ("action", "approve"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = app
        .page(&leader, "/reports?unit=2025/00004&period=2026&family=party")
        .await;
    assert!(html.contains("Đã duyệt"));
}
