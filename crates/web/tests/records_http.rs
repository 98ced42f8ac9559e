//! The directive register, "Dân vận khéo" models, movements, funds and ordered tasks over real
//! HTTP: the JSON API (with its error codes and the OpenAPI document) and the staff pages.

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
            ("qt.a", Role::UnitAdmin, "2025/00004"),
            ("cb.b", Role::Officer, "2025/00008"),
        ],
        &[],
    )
    .await
}

fn code(v: &Value) -> &str {
    v["code"].as_str().unwrap_or("")
}

#[tokio::test]
async fn directives_and_models_through_the_api() {
    let app = start().await;
    let a = app.token("cb.a").await;
    let doc = |symbol: &str, doc_type: &str| {
        json!({ "unit": "2025/00004", "doc_type": doc_type, "symbol": symbol, "issued_on": "2026-03-02",
                "issuer": "Đảng ủy phường", "title": "Kế hoạch thực hiện công tác dân vận năm 2026" })
    };
    let (status, d) = app.post(&a, "/api/v1/directives", doc("85-KH/ĐU", "plan")).await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    assert_eq!(d["printed_symbol"], "Số 85-KH/ĐU");
    let (status, e) = app.post(&a, "/api/v1/directives", doc("85 KH ĐU", "plan")).await;
    assert_eq!((status, code(&e)), (StatusCode::BAD_REQUEST, "invalid_document_symbol"));
    assert!(e["message"].as_str().unwrap().starts_with("Số, ký hiệu văn bản"), "{e}");
    let (status, e) = app.post(&a, "/api/v1/directives", doc("85-KH/ĐU", "plan")).await;
    assert_eq!((status, code(&e)), (StatusCode::CONFLICT, "duplicate_document"));
    let (status, e) = app.post(&a, "/api/v1/directives", doc("05/BC-UBND", "plan")).await;
    assert_eq!((status, code(&e)), (StatusCode::BAD_REQUEST, "invalid_document_symbol"));
    app.post(&a, "/api/v1/directives", doc("05/BC-UBND", "report")).await;
    let (status, s) = app
        .get(&a, "/api/v1/directives/stats?from=2026-01-01&to=2026-12-31")
        .await;
    assert_eq!(status, StatusCode::OK, "{s}");
    assert_eq!(s["text"], "ban hành 01 Kế hoạch; 01 Báo cáo");

    let (status, m) = app
        .post(
            &a,
            "/api/v1/dvk/models",
            json!({ "unit": "2025/00004", "year": 2026, "holder": "collective", "name": "Tổ dân phố không rác thải nhựa",
                    "owner": "Ban công tác Mặt trận tổ dân phố số 5", "field": "culture_society",
                    "description": "Vận động các hộ phân loại rác tại nguồn", "registered_on": "2026-02-01" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{m}");
    let id = m["id"].as_i64().unwrap();
    let steps = [
        json!({ "action": "appraise", "on": "2026-04-01", "score": 90 }),
        json!({ "action": "recognise", "on": "2026-05-01", "level": "commune" }),
        json!({ "action": "propose", "on": "2026-06-01", "form": "certificate" }),
        json!({ "action": "commend", "on": "2026-07-01", "decision": "215/QĐ-UBND" }),
    ];
    for s in steps {
        let (status, m) = app.post(&a, &format!("/api/v1/dvk/models/{id}/step"), s).await;
        assert_eq!(status, StatusCode::OK, "{m}");
    }
    let back =
        json!({ "action": "revert", "on": "2026-08-01", "to": "registered", "reason": "Nhập nhầm", "override": true });
    let (status, e) = app
        .post(&a, &format!("/api/v1/dvk/models/{id}/step"), back.clone())
        .await;
    assert_eq!((status, code(&e)), (StatusCode::FORBIDDEN, "override_required"));
    let admin = app.token("qt.a").await;
    let (status, m) = app.post(&admin, &format!("/api/v1/dvk/models/{id}/step"), back).await;
    assert_eq!(status, StatusCode::OK, "{m}");
    assert_eq!(m["stage"], "registered");
    app.post(
        &a,
        &format!("/api/v1/dvk/models/{id}/step"),
        json!({ "action": "appraise", "score": 80 }),
    )
    .await;
    let (status, m) = app
        .post(
            &a,
            &format!("/api/v1/dvk/models/{id}/step"),
            json!({ "action": "recognise", "level": "commune" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{m}");
    let (status, s) = app
        .get(&a, "/api/v1/dvk/models/stats?from=2026-01-01&to=2026-12-31")
        .await;
    assert_eq!(status, StatusCode::OK, "{s}");
    assert_eq!(s["recognised_text"], "1 mô hình, điển hình: văn hóa – xã hội 1");

    // The showcase is public and shows no appraisal details.
    let res = app
        .client
        .get(format!("{}/api/v1/dvk/showcase", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let shown: Value = res.json().await.unwrap();
    assert_eq!(shown["count"], 1);
    assert!(shown["items"][0].get("score").is_none());
    let b = app.token("cb.b").await;
    let (status, _) = app.get(&b, &format!("/api/v1/dvk/models/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "another ward's officer does not see it");

    let (_, doc) = app.get(&a, "/api/v1/openapi.json").await;
    for path in [
        "/api/v1/directives",
        "/api/v1/dvk/models/{id}/step",
        "/api/v1/dvk/showcase",
        "/api/v1/funds/{id}/entries",
        "/api/v1/new-rural/stats",
        "/api/v1/ordered-tasks/{id}/result",
    ] {
        assert!(
            doc["paths"].get(path).is_some(),
            "{path} missing from the OpenAPI document"
        );
    }
    assert!(doc["components"]["schemas"].get("DvkStats").is_some());
}

#[tokio::test]
async fn funds_new_rural_and_tasks_through_the_api() {
    let app = start().await;
    let a = app.token("cb.a").await;
    let (status, f) = app
        .post(
            &a,
            "/api/v1/funds",
            json!({ "unit": "2025/00004", "kind": "for_the_poor", "name": "Quỹ “Vì người nghèo” phường", "opened_on": "2026-01-01" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{f}");
    let entries = format!("/api/v1/funds/{}/entries", f["id"]);
    let (status, f) = app
        .post(&a, &entries, json!({ "kind": "receipt", "on": "2026-02-01", "amount": "30 triệu", "counterpart": "Doanh nghiệp ủng hộ" }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{f}");
    assert_eq!(f["balance"], 30_000_000);
    let (status, e) = app
        .post(
            &app.token("cb.a").await,
            &entries,
            json!({ "kind": "spending", "on": "2026-02-02", "amount": 30_000_001, "counterpart": "Hỗ trợ" }),
        )
        .await;
    assert_eq!((status, code(&e)), (StatusCode::CONFLICT, "fund_overdrawn"));
    let (status, e) = app
        .post(
            &a,
            &entries,
            json!({ "kind": "receipt", "on": "2026-02-02", "amount": 100.5, "counterpart": "x" }),
        )
        .await;
    assert_eq!((status, code(&e)), (StatusCode::BAD_REQUEST, "fractional_money"));
    let (status, h) = app
        .post(
            &a,
            "/api/v1/houses",
            json!({ "unit": "2025/00004", "household": "Bà Trần Thị Lan", "kind": "repair", "handed_over_on": "2026-03-01",
                    "value": "25.000.000", "fund_id": f["id"] }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{h}");
    let (_, s) = app.get(&a, "/api/v1/funds/stats?from=2026-01-01&to=2026-12-31").await;
    assert_eq!(s["houses_text"], "1 ngôi nhà đại đoàn kết, trị giá 25 triệu đồng");

    let (status, c) = app
        .post(
            &a,
            "/api/v1/new-rural",
            json!({ "unit": "2025/00004", "on": "2026-04-01", "source": "people", "amount": "1.693.395 triệu",
                    "land_m2": "179.592,9", "workdays": 378, "purpose": "Đường ngõ xóm" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{c}");
    let (_, s) = app
        .get(&a, "/api/v1/new-rural/stats?from=2026-01-01&to=2026-12-31")
        .await;
    assert_eq!(s["total_million"], "1.693.395,0");
    assert_eq!(s["land_m2"], "179.592,9");

    let (status, t) = app
        .post(
            &a,
            "/api/v1/ordered-tasks",
            json!({ "unit": "2025/00004", "orderer": "UBND phường", "contractor": "Ủy ban MTTQ phường",
                    "content": "Vận động các hộ bàn giao mặt bằng", "budget": "40 triệu",
                    "ordered_on": "2026-02-01", "deadline": "2026-05-31" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{t}");
    assert_eq!(t["overdue"], true);
    let (_, list) = app.get(&a, "/api/v1/ordered-tasks?overdue=true").await;
    assert_eq!(list["count"], 1);
    let (status, t) = app
        .post(
            &a,
            &format!("/api/v1/ordered-tasks/{}/result", t["id"]),
            json!({ "status": "done", "on": "2026-05-20", "result": "42/42 hộ đã bàn giao", "spent": 38_000_000 }),
        )
        .await;
    assert_eq!((status, t["status"].as_str()), (StatusCode::OK, Some("done")), "{t}");
}

#[tokio::test]
async fn staff_pages_record_and_show() {
    let app = start().await;
    let (session, csrf) = app.web_login("cb.a").await;
    let (status, html) = app.page(&session, "/directives").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("“Dân vận khéo”") && html.contains("Sổ văn bản lãnh đạo, chỉ đạo"));
    let bad = app
        .form(
            &session,
            "/directives",
            &[
                ("csrf", &csrf),
                ("unit", "2025/00004"),
                ("doc_type", "plan"),
                ("symbol", "KH 85"),
                ("issued_on", "02/03/2026"),
                ("issuer", "Đảng ủy phường"),
                ("title", "Kế hoạch dân vận"),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let body = bad.text().await.unwrap();
    assert!(body.contains("Số, ký hiệu văn bản không đúng thể thức"), "{body}");
    assert!(body.contains("Kế hoạch dân vận"), "what was typed is kept");
    let ok = app
        .form(
            &session,
            "/directives",
            &[
                ("csrf", &csrf),
                ("unit", "2025/00004"),
                ("doc_type", "plan"),
                ("symbol", "85-KH/ĐU"),
                ("issued_on", "02/03/2026"),
                ("issuer", "Đảng ủy phường"),
                ("title", "Kế hoạch dân vận"),
            ],
        )
        .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.page(&session, "/directives").await;
    assert!(
        html.contains("Số 85-KH/ĐU") && html.contains("ban hành 01 Kế hoạch"),
        "{html}"
    );

    let created = app
        .form(
            &session,
            "/dvk/new",
            &[
                ("csrf", &csrf),
                ("unit", "2025/00004"),
                ("year", "2026"),
                ("holder", "individual"),
                ("name", "Người cao tuổi gương mẫu"),
                ("owner", "Ông Phạm Văn Hải"),
                ("field", "defence_security"),
                ("description", "Vận động con cháu chấp hành pháp luật"),
                ("evidence", "anh-1.jpg\nbao-cao.pdf"),
                ("registered_on", "01/02/2026"),
            ],
        )
        .await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let location = created.headers()[LOCATION].to_str().unwrap().to_string();
    let (status, html) = app.page(&session, &location).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Người cao tuổi gương mẫu") && html.contains("anh-1.jpg, bao-cao.pdf"));
    let stepped = app
        .form(
            &session,
            &format!("{location}/step"),
            &[
                ("csrf", &csrf),
                ("action", "appraise"),
                ("on", "01/04/2026"),
                ("score", "150"),
            ],
        )
        .await;
    assert_eq!(stepped.status(), StatusCode::BAD_REQUEST);
    assert!(stepped.text().await.unwrap().contains("điểm thẩm định từ 0 đến 100"));
    for fields in [
        vec![("action", "appraise"), ("on", "01/04/2026"), ("score", "88")],
        vec![("action", "recognise"), ("on", "02/05/2026"), ("level", "commune")],
    ] {
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend(fields);
        let res = app.form(&session, &format!("{location}/step"), &all).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    let (_, html) = app.page(&session, &location).await;
    assert!(html.contains("Đã công nhận") && html.contains("điểm 88/100"), "{html}");
    let (status, html) = app.page(&session, "/dvk/stats?from=01/01/2026&to=31/12/2026").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("1 mô hình, điển hình: quốc phòng – an ninh 1"), "{html}");
    let (status, html) = app.page(&session, "/dvk?field=defence_security").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Người cao tuổi gương mẫu"));
    // The showcase needs no sign-in.
    let res = app
        .client
        .get(format!("{}/dvk/showcase", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("Người cao tuổi gương mẫu"));

    let res = app
        .form(
            &session,
            "/movements",
            &[
                ("csrf", &csrf),
                ("unit", "2025/00004"),
                ("kind", "campaign"),
                ("name", "Toàn dân đoàn kết xây dựng đô thị văn minh"),
                ("started_on", "01/01/2026"),
                ("units", "2025/00004"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app
        .form(
            &session,
            "/movements/funds",
            &[
                ("csrf", &csrf),
                ("unit", "2025/00004"),
                ("kind", "disaster_relief"),
                ("name", "Quỹ cứu trợ phường"),
                ("opened_on", "01/01/2026"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (status, html) = app.page(&session, "/movements").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Quỹ cứu trợ phường"));
    assert!(html.contains("“Toàn dân đoàn kết xây dựng đô thị văn minh”"), "{html}");
    assert!(
        html.contains("1 (1 đơn vị)"),
        "the movement and its one participating unit"
    );
    let fund = app
        .store
        .list_funds(&danvan_domain::scope::Actor::system("t"))
        .await
        .unwrap()[0]
        .id;
    let over = app
        .form(
            &session,
            &format!("/funds/{fund}"),
            &[
                ("csrf", &csrf),
                ("kind", "spending"),
                ("on", "02/02/2026"),
                ("amount", "1.000.000"),
                ("counterpart", "Hỗ trợ hộ bị lũ"),
            ],
        )
        .await;
    assert_eq!(over.status(), StatusCode::CONFLICT);
    assert!(over.text().await.unwrap().contains("Số chi vượt quá số dư của quỹ"));
    let rural = app
        .form(
            &session,
            "/movements/new-rural",
            &[
                ("csrf", &csrf),
                ("unit", "2025/00004"),
                ("on", "01/03/2026"),
                ("source", "state_budget"),
                ("amount", "107.732,0 triệu"),
                ("purpose", "Nhà văn hóa tổ dân phố"),
            ],
        )
        .await;
    assert_eq!(rural.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.page(&session, "/movements").await;
    assert!(html.contains("huy động được 107.732,0 triệu đồng"), "{html}");
    let task = app
        .form(
            &session,
            "/ordered-tasks",
            &[
                ("csrf", &csrf),
                ("unit", "2025/00004"),
                ("orderer", "UBND phường"),
                ("contractor", "Hội Cựu chiến binh phường"),
                ("content", "Tuyên truyền phòng chống ma túy"),
                ("budget", "15 triệu"),
                ("ordered_on", "01/02/2026"),
                ("deadline", "01/01/2026"),
            ],
        )
        .await;
    assert_eq!(task.status(), StatusCode::BAD_REQUEST);
    assert!(task
        .text()
        .await
        .unwrap()
        .contains("hạn hoàn thành trước ngày đặt hàng"));
}

/// The reception and movement lists as a user meets them: the API pages by `after` in either
/// order and searches by folded words; the page has the search box, the date header that flips
/// the order, the next-page link and the export of the same filter.
#[tokio::test]
async fn record_lists_are_searched_sorted_paged_and_exported() {
    let app = start().await;
    let a = app.token("cb.a").await;
    for (day, receiver, note) in [
        ("2026-03-02", "Nguyễn Văn Hùng", None),
        ("2026-03-09", "Trần Thị Lan", Some("Đoàn đông người về bồi thường")),
        ("2026-03-16", "Lê Văn Tâm", None),
    ] {
        let body = json!({ "unit": "2025/00004", "kind": "regular", "held_on": day, "receiver": receiver,
                           "receiver_position": "Phó Chủ tịch UBND phường", "citizens": 12, "note": note });
        let (status, r) = app.post(&a, "/api/v1/receptions", body).await;
        assert_eq!(status, StatusCode::CREATED, "{r}");
    }
    let receivers = |v: &Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["receiver"].as_str().unwrap().to_string())
            .collect()
    };
    let (status, first) = app.get(&a, "/api/v1/receptions?limit=2").await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!(receivers(&first), ["Lê Văn Tâm", "Trần Thị Lan"]);
    let next = first["next"].as_str().expect("a next page");
    let (_, second) = app.get(&a, &format!("/api/v1/receptions?limit=2&after={next}")).await;
    assert_eq!(
        (receivers(&second), second["next"].is_null()),
        (vec!["Nguyễn Văn Hùng".to_string()], true)
    );
    let (_, oldest) = app.get(&a, "/api/v1/receptions?sort=oldest").await;
    assert_eq!(receivers(&oldest)[0], "Nguyễn Văn Hùng");
    let (_, found) = app.get(&a, "/api/v1/receptions?q=boi+thuong").await;
    assert_eq!(receivers(&found), ["Trần Thị Lan"]);
    let (status, e) = app.get(&a, "/api/v1/receptions?sort=due").await;
    assert_eq!((status, code(&e)), (StatusCode::BAD_REQUEST, "validation"));
    let (status, e) = app.get(&a, "/api/v1/receptions?after=hom-qua").await;
    assert_eq!((status, code(&e)), (StatusCode::BAD_REQUEST, "validation"));

    let (session, _) = app.web_login("cb.a").await;
    let (status, html) = app.page(&session, "/receptions?q=TRAN+THI").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Trần Thị Lan") && !html.contains("Lê Văn Tâm"), "{html}");
    assert!(html.contains(r#"value="TRAN THI""#), "the box keeps the typed words");
    assert!(html.contains(r#"aria-sort="descending""#));
    let flip = html.split("aria-sort=").nth(1).unwrap_or_default();
    assert!(
        flip.starts_with(r#""descending"><a href="/receptions?q=TRAN%20THI&amp;sort=oldest""#),
        "{flip}"
    );
    assert!(
        html.contains("/receptions/export?q=TRAN%20THI&amp;format=xlsx"),
        "{html}"
    );
    let (_, html) = app.page(&session, "/receptions?sort=oldest").await;
    let (hung, tam) = (html.find("Nguyễn Văn Hùng").unwrap(), html.find("Lê Văn Tâm").unwrap());
    assert!(hung < tam, "oldest first");
    assert!(html.contains(r#"aria-sort="ascending""#));
    let csv = app
        .client
        .get(format!("{}/receptions/export?q=tran+thi&format=csv", app.base))
        .header(reqwest::header::COOKIE, &session)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.contains("09/03/2026") && csv.contains("Trần Thị Lan"), "{csv}");

    // Movements: the same list shape in the API, and the overview's list is searched.
    for name in ["Ngày vì người nghèo", "Chung tay xây dựng nông thôn mới"] {
        let body = json!({ "unit": "2025/00004", "kind": "movement", "name": name, "started_on": "2026-01-05" });
        let (status, m) = app.post(&a, "/api/v1/movements", body).await;
        assert_eq!(status, StatusCode::CREATED, "{m}");
    }
    let (_, found) = app
        .get(&a, "/api/v1/movements?q=NONG+THON&from=2026-01-01&to=2026-12-31")
        .await;
    assert_eq!(
        (found["count"].as_u64(), found["next"].is_null()),
        (Some(1), true),
        "{found}"
    );
    let (status, html) = app
        .page(&session, "/movements?from=01/01/2026&to=31/12/2026&q=vi+nguoi+ngheo")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Ngày vì người nghèo") && !html.contains("Chung tay xây dựng"),
        "{html}"
    );

    // GPMB projects page by name, the cursor being the last project's id.
    for name in ["Cầu Tứ Liên", "Đường Vành đai 4", "Bệnh viện Nhi", "Công viên Thủ Lệ"] {
        let (status, p) = app
            .post(
                &a,
                "/api/v1/gpmb/projects",
                json!({ "unit": "2025/00004", "name": name }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{p}");
    }
    let names = |v: &Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, first) = app.get(&a, "/api/v1/gpmb/projects?limit=3").await;
    let next = first["next"].as_str().expect("a next page").to_string();
    let (_, rest) = app
        .get(&a, &format!("/api/v1/gpmb/projects?limit=3&after={next}"))
        .await;
    let mut all = names(&first);
    all.extend(names(&rest));
    assert_eq!(all.len(), 4, "each project once: {all:?}");
    assert!(rest["next"].is_null());
    let (_, found) = app.get(&a, "/api/v1/gpmb/projects?q=vanh+dai").await;
    assert_eq!(names(&found), ["Đường Vành đai 4"]);

    // Every list's export link answers with its current filter, as CSV and as XLSX.
    let download = |path: String| {
        let (client, session) = (app.client.clone(), session.clone());
        async move {
            let res = client
                .get(path)
                .header(reqwest::header::COOKIE, session)
                .send()
                .await
                .unwrap();
            let kind = res.headers()[reqwest::header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .to_string();
            (res.status(), kind, res.bytes().await.unwrap())
        }
    };
    for (path, header) in [
        ("/gpmb/export?q=vanh+dai&format=csv", "Tên dự án"),
        (
            "/movements/export?from=01/01/2026&to=31/12/2026&format=csv",
            "Ngày phát động",
        ),
        ("/ordered-tasks/export?format=csv", "Hạn hoàn thành"),
        ("/directives/export?from=01/01/2020&format=csv", "Số, ký hiệu"),
        ("/dvk/export?format=csv", "Tên mô hình"),
        ("/supervisions/export?format=csv", "Cơ quan giám sát"),
        ("/contributions/export?format=csv", "Văn bản góp ý"),
        ("/democracy/disclosures/export?format=csv", "Nội dung công khai"),
        ("/democracy/decisions/export?format=csv", "Ngày biểu quyết"),
        ("/follow-up/export?q=den+chieu+sang&format=csv", "Hạn trả lời"),
        ("/situation/export?all=true&format=csv", "Vấn đề"),
        ("/movements/houses/export?format=csv", "Ngày bàn giao"),
        ("/movements/new-rural/export?format=csv", "Công trình, nội dung"),
        ("/situation/reports/export?format=csv", "Ngày báo cáo"),
        ("/democracy/consultations/export?format=csv", "Ngày lấy ý kiến"),
    ] {
        let (status, kind, body) = download(format!("{}{path}", app.base)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(kind.starts_with("text/csv"), "{path}: {kind}");
        let text = String::from_utf8(body[3..].to_vec()).unwrap();
        assert!(text.lines().next().unwrap().contains(header), "{path}: {text}");
    }
    let (_, _, body) = download(format!("{}/gpmb/export?q=vanh+dai&format=csv", app.base)).await;
    let csv = String::from_utf8(body.to_vec()).unwrap();
    assert_eq!(csv.lines().count(), 2, "the header and the one project searched: {csv}");
    let (status, kind, body) = download(format!("{}/ordered-tasks/export?format=xlsx", app.base)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.contains("spreadsheetml"), "{kind}");
    assert_eq!(&body[..2], b"PK", "an XLSX is a zip");
    let (status, _, _) = download(format!("{}/receptions/export?format=pdf", app.base)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "an unknown format is refused");

    // The same files over the API, with a token, for every record list.
    for (path, header) in [
        ("/api/v1/receptions/export?q=tran+thi&format=csv", "Ngày tiếp"),
        ("/api/v1/movements/export?format=csv", "Ngày phát động"),
        ("/api/v1/resident-decisions/export?format=csv", "Ngày biểu quyết"),
        ("/api/v1/supervisions/export?format=csv", "Cơ quan giám sát"),
        ("/api/v1/contributions/export?format=csv", "Văn bản góp ý"),
        ("/api/v1/disclosures/export?format=csv", "Nội dung công khai"),
        ("/api/v1/gpmb/projects/export?q=vanh+dai&format=csv", "Tên dự án"),
        ("/api/v1/directives/export?format=csv", "Số, ký hiệu"),
        ("/api/v1/dvk/models/export?format=csv", "Tên mô hình"),
        ("/api/v1/ordered-tasks/export?format=csv", "Hạn hoàn thành"),
        ("/api/v1/items/export?format=csv", "Hạn trả lời"),
        ("/api/v1/issues/export?format=csv", "Mức độ"),
        ("/api/v1/houses/export?format=csv", "Hộ được hỗ trợ"),
        ("/api/v1/new-rural/export?format=csv", "Đất hiến"),
        ("/api/v1/situation-reports/export?format=csv", "Tâm trạng"),
        ("/api/v1/consultations/export?format=csv", "Dự thảo"),
    ] {
        let res = app
            .client
            .get(format!("{}{path}", app.base))
            .bearer_auth(&a)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let body = res.bytes().await.unwrap();
        let text = String::from_utf8(body[3..].to_vec()).unwrap();
        assert!(text.lines().next().unwrap().contains(header), "{path}: {text}");
    }
    let body = app
        .client
        .get(format!("{}/api/v1/receptions/export?q=tran+thi&format=csv", app.base))
        .bearer_auth(&a)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(body.lines().count(), 2, "the filter applies: {body}");
    let (status, e) = app.get(&a, "/api/v1/movements/export?format=csv&sort=due").await;
    assert_eq!((status, code(&e)), (StatusCode::BAD_REQUEST, "validation"));
    let (status, e) = app.get(&a, "/api/v1/receptions/export").await;
    assert_eq!(
        (status, code(&e)),
        (StatusCode::BAD_REQUEST, "validation"),
        "the format is required"
    );
    let (_, doc) = app.get(&a, "/api/v1/openapi.json").await;
    assert!(
        doc["paths"]["/api/v1/ordered-tasks/export"]["get"].is_object(),
        "documented"
    );
}
