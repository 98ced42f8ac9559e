//! Meetings, items and their follow-up over real HTTP: the JSON API and the staff pages.

use danvan_domain::role::Role;
use reqwest::header::{COOKIE, LOCATION};
use reqwest::StatusCode;
use serde_json::{json, Value};

mod common;
use common::*;

async fn start() -> App {
    start_with(
        &[
            ("cb.a", Role::Officer, "2025/00004"),
            ("cb.b", Role::Officer, "2025/00008"),
            ("xem.a", Role::Viewer, "2025/00004"),
        ],
        &[],
    )
    .await
}

fn dialogue(unit: &str) -> Value {
    json!({
        "unit": unit,
        "kind": "dialogue_periodic",
        "organiser": "Đảng ủy – UBND phường",
        "chairs": [{ "name": "Nguyễn Văn An", "position": "Bí thư Đảng ủy phường" }],
        "held_on": "2026-04-24",
        "topic": "Đối thoại về bồi thường dự án Vành đai 4",
        "participants": 120,
        "opinions_total": 3,
        "opinions_collected": 1,
        "opinions_direct": 3,
        "held": true,
        "items": [
            { "origin": "collected", "content": "Đơn giá bồi thường đất nông nghiệp",
              "decision": { "outcome": "answer_in_writing", "answering_agency": "Phòng Kinh tế" } },
            { "origin": "direct", "content": "Thời gian chi trả tiền hỗ trợ",
              "decision": { "outcome": "answered_at_meeting" } }
        ]
    })
}

#[tokio::test]
async fn meetings_items_and_follow_up_through_the_api() {
    let app = start().await;
    let a = app.token("cb.a").await;
    let (status, m) = app.post(&a, "/api/v1/meetings", dialogue("2025/00004")).await;
    assert_eq!(status, StatusCode::CREATED, "{m}");
    let id = m["id"].as_i64().unwrap();
    let codes: Vec<_> = m["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["parts_sum", "recorded_total", "recorded_direct"]);
    let written = m["items"][0]["id"].as_i64().unwrap();
    assert_eq!(m["items"][0]["answer_due"], "2026-05-13");

    let (status, list) = app.get(&a, "/api/v1/meetings?kind=dialogue_periodic&limit=10").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["items"][0]["id"], id);

    // The written answer is overdue (13/5/2026 is long past) and on the worklist.
    let (status, work) = app.get(&a, "/api/v1/items?awaiting=true&overdue=true").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(work["count"], 1);
    assert_eq!(work["items"][0]["item_id"], written);
    assert_eq!(work["items"][0]["overdue"], true);
    assert_eq!(work["items"][0]["source_label"], "Đối thoại định kỳ");

    let (status, e) = app
        .post(&a, &format!("/api/v1/items/{written}/outcome"), json!({}))
        .await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("outcome_required"))
    );
    let (status, item) = app
        .post(
            &a,
            &format!("/api/v1/items/{written}/outcome"),
            json!({ "answered_on": "2026-05-11", "answer": "Công văn số 12/UBND" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{item}");
    assert_eq!(item["status"], "closed");
    let (_, work) = app.get(&a, "/api/v1/items?awaiting=true").await;
    assert_eq!(work["count"], 0);

    let (status, added) = app
        .post(&a, &format!("/api/v1/meetings/{id}/items"), json!([{ "origin": "direct", "content": "Tố cáo cán bộ thu tiền sai quy định", "denunciation": true, "raised_by": "Ông Phạm Văn Dũng" }]))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    let denounced = added["items"][0]["id"].as_i64().unwrap();
    let (status, close) = app
        .post(&a, &format!("/api/v1/meetings/{id}/step"), json!({ "action": "close" }))
        .await;
    assert_eq!(
        (status, close["code"].as_str()),
        (StatusCode::CONFLICT, Some("invalid_transition"))
    );
    let (status, _) = app
        .post(
            &a,
            &format!("/api/v1/meetings/{id}/step"),
            json!({ "action": "announce", "on": "2026-05-20", "form": "Loa truyền thanh" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, close) = app
        .post(&a, &format!("/api/v1/meetings/{id}/step"), json!({ "action": "close" }))
        .await;
    assert_eq!(
        (status, close["code"].as_str()),
        (StatusCode::CONFLICT, Some("open_items"))
    );

    let petition = json!({
        "unit": "2025/00004", "kind": "denunciation", "channel": "in_person", "received_on": "2026-04-27",
        "subject": "Tố cáo thu tiền sai quy định", "content": "Cán bộ thu tiền hỗ trợ sai quy định", "topic": "compensation",
        "petitioners": [{ "name": "Phạm Văn Dũng" }]
    });
    let (status, p) = app
        .post(&a, &format!("/api/v1/items/{denounced}/petition"), petition)
        .await;
    assert_eq!(status, StatusCode::CREATED, "{p}");
    assert_eq!(p["channel"], "meeting");
    let (_, m) = app.get(&a, &format!("/api/v1/meetings/{id}")).await;
    assert_eq!(m["items"][2]["petition_code"], p["code"]);
    let (status, closed) = app
        .post(&a, &format!("/api/v1/meetings/{id}/step"), json!({ "action": "close" }))
        .await;
    assert_eq!((status, closed["status"].as_str()), (StatusCode::OK, Some("closed")));

    // Another commune sees nothing of it, and cannot record in this one.
    let b = app.token("cb.b").await;
    let (status, e) = app.get(&b, &format!("/api/v1/meetings/{id}")).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    let (status, e) = app.post(&b, "/api/v1/meetings", dialogue("2025/00004")).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden_scope"))
    );
    let viewer = app.token("xem.a").await;
    let (status, e) = app.post(&viewer, "/api/v1/meetings", dialogue("2025/00004")).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden_role"))
    );

    let (status, stats) = app
        .get(&a, "/api/v1/meetings/stats?from=2026-01-01&to=2026-12-31")
        .await;
    assert_eq!(status, StatusCode::OK, "{stats}");
    assert_eq!(
        stats["dialogues_text"],
        "1 hội nghị đối thoại: cấp xã 01 định kỳ và 00 đột xuất"
    );
    assert_eq!(stats["warnings"][0]["meeting_id"], id);
    let (status, view) = app.get(&a, "/api/v1/compliance?from=2026-01-01&to=2026-12-31").await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert!(view["items"][0]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["rule"] == "dialogue_commune_yearly" && l["held"] == 1));

    // The list, exported: the meeting with its date as a real date and its counts as numbers.
    let res = app
        .client
        .get(format!(
            "{}/api/v1/meetings/export?format=xlsx&kind=dialogue_periodic",
            app.base
        ))
        .bearer_auth(&a)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::Xlsx::new(std::io::Cursor::new(res.bytes().await.unwrap().to_vec())).unwrap();
    let sheet = book.worksheet_range("Hội nghị, đối thoại").unwrap();
    assert_eq!(sheet.height(), 2, "a header and the one dialogue");
    assert!(matches!(sheet.get((1, 0)), Some(calamine::Data::DateTime(_))));
    assert_eq!(sheet.get((1, 6)), Some(&calamine::Data::Float(120.0)));
    let (s, _) = app.get(&b, "/api/v1/meetings/export?format=csv").await;
    assert_eq!(s, StatusCode::OK);
    let other = app
        .client
        .get(format!("{}/api/v1/meetings/export?format=csv", app.base))
        .bearer_auth(&b)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(other.lines().count(), 1, "another commune exports only its own: none");

    // Only the meeting whose typed counts do not add up is on the "inconsistent" list, in the
    // API and on the page, and the statistics count it.
    let mut plain = dialogue("2025/00004");
    for k in ["opinions_total", "opinions_collected", "opinions_direct"] {
        plain[k] = Value::Null;
    }
    plain["kind"] = json!("dialogue_ad_hoc");
    let (status, p) = app.post(&a, "/api/v1/meetings", plain).await;
    assert_eq!(status, StatusCode::CREATED, "{p}");
    let ids = |list: &Value| -> Vec<i64> {
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].as_i64().unwrap())
            .collect()
    };
    let (_, all) = app.get(&a, "/api/v1/meetings").await;
    assert_eq!(ids(&all).len(), 2);
    let (status, flagged) = app.get(&a, "/api/v1/meetings?inconsistent=true").await;
    assert_eq!((status, ids(&flagged)), (StatusCode::OK, vec![id]));
    // A filter that does not parse is refused in our format, not in axum's English line.
    let (status, e) = app.get(&a, "/api/v1/meetings?inconsistent=yes").await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("validation"))
    );
    assert!(
        e["message"].as_str().unwrap().contains("tham số truy vấn không hợp lệ"),
        "{e}"
    );
    let (_, stats) = app
        .get(&a, "/api/v1/meetings/stats?from=2026-01-01&to=2026-12-31")
        .await;
    assert_eq!(stats["warnings_total"], 1);
    let (session, _) = app.web_login("cb.a").await;
    let (status, html) = app.page(&session, "/meetings?inconsistent=true").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(&format!("href=\"/meetings/{id}\"")),
        "the flagged meeting is listed"
    );
    assert!(
        !html.contains(&format!("href=\"/meetings/{}\"", p["id"])),
        "the other is not"
    );
    assert!(html.contains("value=\"true\" checked"), "the filter stays ticked");

    // The search box, without diacritics: both dialogues are about "Vành đai 4".
    let (_, both) = app.get(&a, "/api/v1/meetings?q=VANH%20DAI%204").await;
    assert_eq!(ids(&both).len(), 2);
    let (_, none) = app.get(&a, "/api/v1/meetings?q=cau%20thang%20long").await;
    assert!(ids(&none).is_empty());
    let (status, html) = app.page(&session, "/meetings?q=vanh+dai&inconsistent=true").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("name=\"q\" value=\"vanh dai\""),
        "the search stays in its box"
    );
    assert!(html.contains(&format!("href=\"/meetings/{id}\"")));
    assert!(!html.contains(&format!("href=\"/meetings/{}\"", p["id"])));
}

#[tokio::test]
async fn supervisions_contributions_and_bad_input() {
    let app = start().await;
    let a = app.token("cb.a").await;
    let (status, s) = app
        .post(&a, "/api/v1/supervisions", json!({
            "unit": "2025/00004", "organisation": "Ủy ban MTTQ phường", "subject": "UBND phường",
            "topic": "Công khai thu, chi ngân sách", "form": "documents", "held_on": "2026-09-10",
            "items": [{ "origin": "direct", "content": "Niêm yết công khai dự toán",
                        "decision": { "outcome": "answer_in_writing", "answering_agency": "UBND phường", "answer_due": "2026-09-30" } }]
        }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{s}");
    let (status, c) = app
        .post(
            &a,
            "/api/v1/contributions",
            json!({
                "unit": "2025/00004", "target": "party", "organisation": "Hội Cựu chiến binh",
                "given_on": "2026-09-12", "document": "Dự thảo Báo cáo chính trị Đại hội Đảng bộ phường",
                "items": [{ "origin": "direct", "content": "Bổ sung chỉ tiêu về chuyển đổi số" }]
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{c}");
    let (_, list) = app.get(&a, "/api/v1/supervisions?from=2026-01-01").await;
    assert_eq!(list["count"], 1);
    let (_, list) = app.get(&a, "/api/v1/contributions").await;
    assert_eq!(
        list["items"][0]["items"].as_array().map(|v| v.len()),
        Some(0),
        "lists carry no items"
    );
    let (_, work) = app.get(&a, "/api/v1/items?awaiting=true&source=supervision").await;
    assert_eq!(work["items"][0]["source_kind"], "supervision");

    let mut future = dialogue("2025/00004");
    future["held_on"] = json!("2099-01-01");
    let (status, e) = app.post(&a, "/api/v1/meetings", future).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("future_date"))
    );
    assert!(e["message"].as_str().unwrap().contains("chưa diễn ra"));
    let mut parts = dialogue("2025/00004");
    parts["opinions_direct"] = json!(7);
    let (status, e) = app.post(&a, "/api/v1/meetings", parts).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("parts_exceed_total"))
    );
    let mut early = dialogue("2025/00004");
    early["items"][0]["decision"]["answer_due"] = json!("2026-04-01");
    let (status, e) = app.post(&a, "/api/v1/meetings", early).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("deadline_before_meeting"))
    );
    let (status, e) = app.post(&a, "/api/v1/meetings", json!({ "unit": 5 })).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("validation"))
    );
    let (_, list) = app.get(&a, "/api/v1/meetings").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 0, "nothing written");

    let res = app
        .client
        .get(format!("{}/api/v1/openapi.json", app.base))
        .send()
        .await
        .unwrap();
    let doc: Value = res.json().await.unwrap();
    for path in [
        "/api/v1/meetings",
        "/api/v1/meetings/{id}",
        "/api/v1/meetings/{id}/step",
        "/api/v1/meetings/{id}/items",
        "/api/v1/items",
        "/api/v1/items/{id}/outcome",
        "/api/v1/items/{id}/petition",
        "/api/v1/meetings/stats",
        "/api/v1/supervisions",
        "/api/v1/contributions",
        "/api/v1/compliance",
    ] {
        assert!(doc["paths"].get(path).is_some(), "missing {path}");
    }
}

#[tokio::test]
async fn staff_pages_record_a_meeting_and_follow_it_up() {
    let app = start().await;
    let (session, csrf) = app.web_login("cb.a").await;
    let (status, html) = app.page(&session, "/meetings/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Hội nghị &amp; đối thoại")
            && html.contains("Theo dõi trả lời")
            && html.contains("Giám sát – phản biện")
    );

    // Every problem at once, next to its field, with what was typed kept.
    let res = app
        .form(
            &session,
            "/meetings/new",
            &[
                ("csrf", csrf.as_str()),
                ("unit", "2025/00004"),
                ("kind", "dialogue_periodic"),
                ("organiser", ""),
                ("held_on", "31/02/2026"),
                ("topic", "Bồi thường <b>Vành đai 4</b>"),
                ("participants", "abc"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("id=\"organiser-error\"")
            && html.contains("id=\"held_on-error\"")
            && html.contains("id=\"participants-error\"")
    );
    assert!(html.contains("Bồi thường &lt;b&gt;Vành đai 4&lt;"), "kept and escaped");
    assert!(!html.contains("<b>Vành đai 4"));

    let res = app
        .form(
            &session,
            "/meetings/new",
            &[
                ("csrf", csrf.as_str()),
                ("unit", "2025/00004"),
                ("kind", "dialogue_periodic"),
                ("organiser", "Đảng ủy – UBND phường"),
                ("chair_name", "Nguyễn Văn An"),
                ("chair_position", "Bí thư Đảng ủy"),
                ("held_on", "20/05/2026"),
                ("held", "true"),
                ("topic", "Bồi thường <b>Vành đai 4</b>"),
                ("participants", "1.200"),
                ("opinions_total", "67"),
                ("opinions_collected", "45"),
                ("opinions_direct", "23"),
                ("items", "Đơn giá bồi thường\nThời gian chi trả"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let location = res.headers()[LOCATION].to_str().unwrap().to_string();
    let (status, html) = app.page(&session, &location).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("45 ý kiến tổng hợp + 23 ý kiến trực tiếp = 68, khác tổng số 67 ý kiến"),
        "warning shown"
    );
    assert!(html.contains("Bồi thường &lt;b&gt;Vành đai 4&lt;") && !html.contains("<b>Vành đai 4"));
    assert!(html.contains("1.200") && html.contains("20/05/2026"));
    let item = html
        .split("action=\"/items/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();

    let res = app
        .form(
            &session,
            &format!("/items/{item}/outcome"),
            &[("csrf", csrf.as_str()), ("outcome", "")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(
        res.text().await.unwrap().contains("Ý kiến chưa có kết quả xử lý"),
        "the message is shown"
    );
    let res = app
        .form(
            &session,
            &format!("/items/{item}/outcome"),
            &[
                ("csrf", csrf.as_str()),
                ("outcome", "answer_in_writing"),
                ("answering_agency", "Phòng Kinh tế"),
                ("answer_due", "01/06/2026"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // An overdue petition shows beside the overdue answers.
    let petition = json!({
        "unit": "2025/00004", "kind": "feedback", "channel": "in_person", "received_on": "2026-01-05",
        "subject": "Phản ánh ngập úng ngõ 8", "content": "Mưa lớn gây ngập úng kéo dài", "topic": "environment",
        "petitioners": [{ "name": "Vũ Thị Mai" }]
    });
    let token = app.token("cb.a").await;
    assert_eq!(
        app.post(&token, "/api/v1/petitions", petition).await.0,
        StatusCode::CREATED
    );
    let (status, html) = app.page(&session, "/follow-up?overdue=true").await;
    assert!(html.contains("Phản ánh ngập úng ngõ 8"), "{html}");
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Đơn giá bồi thường") && html.contains("01/06/2026") && html.contains("Đối thoại định kỳ"));
    let res = app
        .form(
            &session,
            &format!("/items/{item}/outcome"),
            &[
                ("csrf", csrf.as_str()),
                ("back", "follow-up"),
                ("answered_on", "29/05/2026"),
                ("answer", "Công văn 15/UBND"),
            ],
        )
        .await;
    assert_eq!(res.headers()[LOCATION], "/follow-up");
    let (_, html) = app.page(&session, "/follow-up").await;
    assert!(!html.contains("Đơn giá bồi thường"));

    let res = app
        .form(
            &session,
            &format!("{location}/step"),
            &[("csrf", "wrong"), ("action", "announce")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = app
        .form(
            &session,
            &format!("{location}/step"),
            &[("csrf", csrf.as_str()), ("action", "announce"), ("on", "30/05/2026")],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::BAD_REQUEST,
        "the form of announcement is required"
    );

    // The second opinion becomes a petition from the meeting page.
    let (_, html) = app.page(&session, &location).await;
    let second = html
        .split("action=\"/items/")
        .skip(1)
        .filter_map(|p| p.split('/').next())
        .find(|i| *i != item)
        .unwrap()
        .to_string();
    let res = app
        .form(
            &session,
            &format!("/items/{second}/petition"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let case = res.headers()[LOCATION].to_str().unwrap().to_string();
    assert!(case.starts_with("/petitions/DT2026-"), "{case}");
    let (_, html) = app.page(&session, &location).await;
    assert!(html.contains(&case), "the meeting links to the petition");

    let (status, html) = app
        .page(&session, "/meetings/stats?from=01/01/2026&to=31/12/2026")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("1 hội nghị đối thoại: cấp xã 01 định kỳ và 00 đột xuất"));
    assert!(html.contains("1/2 ý kiến được trả lời, đạt 50,0%"));
    let (status, html) = app.page(&session, "/meetings?kind=dialogue_periodic").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&location));
    let res = app
        .client
        .get(format!("{}{location}/minutes.docx", app.base))
        .header(COOKIE, &session)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("wordprocessingml"));
    assert!(res.bytes().await.unwrap().starts_with(b"PK"), "a zip (DOCX)");
    let (status, _) = app.page(&session, "/supervisions").await;
    assert_eq!(status, StatusCode::OK);

    let (other, _) = app.web_login("cb.b").await;
    let (status, _) = app.page(&other, &location).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
