//! Files of directives, "Dân vận khéo" models and disclosures over real HTTP: multipart upload,
//! list and download through the JSON API (with the petition attachments' error codes and the
//! OpenAPI document), and the staff pages' upload form (CSRF, a refused file explained next to
//! the file control, the download's name and type).

use danvan_domain::role::Role;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE, COOKIE, LOCATION};
use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;
use serde_json::{json, Value};

mod common;
use common::*;

async fn start() -> App {
    start_with(
        &[
            ("cb.a", Role::Officer, "2025/00004"),
            ("xem.a", Role::Viewer, "2025/00004"),
            ("cb.b", Role::Officer, "2025/00008"),
        ],
        &[],
    )
    .await
}

const PDF: &[u8] = b"%PDF-1.4\n% ke hoach\n%%EOF\n";

fn file(bytes: &[u8], name: &str) -> Form {
    Form::new().part("file", Part::bytes(bytes.to_vec()).file_name(name.to_string()))
}

async fn upload(app: &App, token: &str, path: &str, form: Form) -> (StatusCode, Value) {
    let res = app
        .client
        .post(format!("{}{path}", app.base))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    (res.status(), res.json().await.unwrap_or(Value::Null))
}

/// A directive, a model and a disclosure of the commune: their API paths.
async fn records(app: &App, token: &str) -> [String; 3] {
    let (s, d) = app
        .post(
            token,
            "/api/v1/directives",
            json!({ "unit": "2025/00004", "doc_type": "plan", "symbol": "85-KH/ĐU", "issued_on": "2025-09-02",
                    "issuer": "Đảng ủy phường", "title": "Kế hoạch công tác dân vận", "file": "Lưu tại Văn phòng, hộp 3" }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{d}");
    let (s, m) = app
        .post(
            token,
            "/api/v1/dvk/models",
            json!({ "unit": "2025/00004", "year": 2025, "holder": "collective", "name": "Hiến đất làm đường",
                    "owner": "Chi hội Nông dân khu 3", "field": "economy", "description": "Vận động hiến đất",
                    "registered_on": "2025-09-03" }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{m}");
    let (s, c) = app
        .post(
            token,
            "/api/v1/disclosures",
            json!({ "unit": "2025/00004", "item": "CK_01", "title": "Công khai kế hoạch sử dụng đất",
                    "decided_on": "2025-09-01", "forms": ["posting"], "start_on": "2025-09-03" }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    [
        format!("/api/v1/directives/{}/files", d["id"]),
        format!("/api/v1/dvk/models/{}/files", m["id"]),
        format!("/api/v1/disclosures/{}/files", c["id"]),
    ]
}

#[tokio::test]
async fn record_files_through_the_api() {
    let app = start().await;
    let a = app.token("cb.a").await;
    let viewer = app.token("xem.a").await;
    let other = app.token("cb.b").await;
    for path in records(&app, &a).await {
        let (status, f) = upload(&app, &a, &path, file(PDF, "../Kế hoạch 85.pdf")).await;
        assert_eq!(status, StatusCode::CREATED, "{path}: {f}");
        assert_eq!(
            (f["file_name"].as_str(), f["content_type"].as_str()),
            (Some("Kế hoạch 85.pdf"), Some("application/pdf"))
        );
        let got = app
            .client
            .get(format!("{}{path}/{}", app.base, f["id"]))
            .bearer_auth(&viewer)
            .send()
            .await
            .unwrap();
        assert_eq!(got.status(), StatusCode::OK);
        assert_eq!(got.headers()[CONTENT_TYPE], "application/pdf");
        assert_eq!(
            got.headers()[CONTENT_DISPOSITION].to_str().unwrap(),
            "attachment; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%2085.pdf"
        );
        assert_eq!(got.bytes().await.unwrap().to_vec(), PDF);

        let refusals = [
            (
                &a,
                file(b"MZ\x90\x00", "ke-hoach.pdf"),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "attachment_type",
            ),
            (
                &a,
                file(b"", "rong.pdf"),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "attachment_type",
            ),
            (&a, Form::new().text("note", "x"), StatusCode::BAD_REQUEST, "validation"),
            (&viewer, file(PDF, "x.pdf"), StatusCode::FORBIDDEN, "forbidden_role"),
            (&other, file(PDF, "x.pdf"), StatusCode::NOT_FOUND, "not_found"),
        ];
        for (token, form, status, code) in refusals {
            let (s, e) = upload(&app, token, &path, form).await;
            assert_eq!((s, e["code"].as_str().unwrap_or("")), (status, code), "{path}: {e}");
        }
        let (status, list) = app.get(&a, &path).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(list["count"], 1, "{path}: refused files store nothing");
        let (status, e) = app.get(&other, &path).await;
        assert_eq!((status, e["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
        let (status, e) = app.get(&a, &format!("{path}/999999")).await;
        assert_eq!((status, e["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    }
    let big = {
        let mut b = PDF.to_vec();
        b.resize(danvan_domain::attachment::MAX_ATTACHMENT_BYTES + 1, b' ');
        b
    };
    let path = &records_again(&app, &a).await;
    let (s, e) = upload(&app, &a, path, file(&big, "lon.pdf")).await;
    assert_eq!(
        (s, e["code"].as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("attachment_too_large"))
    );

    let (_, doc) = app.get(&a, "/api/v1/openapi.json").await;
    for p in [
        "/api/v1/directives/{id}/files",
        "/api/v1/directives/{id}/files/{file_id}",
        "/api/v1/dvk/models/{id}/files",
        "/api/v1/dvk/models/{id}/files/{file_id}",
        "/api/v1/disclosures/{id}/files",
        "/api/v1/disclosures/{id}/files/{file_id}",
    ] {
        assert!(doc["paths"][p].is_object(), "{p} in the OpenAPI document");
    }
    assert!(doc["paths"]["/api/v1/dvk/models/{id}/files"]["post"].is_object());
}

/// The first directive's files path (for the size test, which needs no fresh record).
async fn records_again(app: &App, token: &str) -> String {
    let (_, list) = app.get(token, "/api/v1/directives").await;
    format!("/api/v1/directives/{}/files", list["items"][0]["id"])
}

async fn page_upload(app: &App, session: &str, path: &str, csrf: &str, bytes: &[u8], name: &str) -> reqwest::Response {
    let form = Form::new()
        .text("csrf", csrf.to_string())
        .part("file", Part::bytes(bytes.to_vec()).file_name(name.to_string()));
    app.client
        .post(format!("{}{path}", app.base))
        .header(COOKIE, session)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn record_files_on_the_staff_pages() {
    let app = start().await;
    let a = app.token("cb.a").await;
    let [directive, model, disclosure] = records(&app, &a).await;
    let id = |p: &str| p.split('/').nth(p.split('/').count() - 2).unwrap().to_string();
    let (session, csrf) = app.web_login("cb.a").await;
    for (page, api) in [
        (format!("/directives/{}", id(&directive)), &directive),
        (format!("/dvk/{}", id(&model)), &model),
        (format!("/democracy/disclosures/{}", id(&disclosure)), &disclosure),
    ] {
        let (status, html) = app.page(&session, &page).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(html.contains("Chưa có tệp."), "{page}");
        assert!(
            html.contains(&format!("action=\"{page}/files\"")),
            "{page}: the upload form"
        );

        // A renamed executable: the same page again, the reason next to the file control.
        let res = page_upload(
            &app,
            &session,
            &format!("{page}/files"),
            &csrf,
            b"MZ\x90\x00",
            "bao-cao.pdf",
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE, "{page}");
        let html = res.text().await.unwrap();
        assert!(
            html.contains("id=\"rf-file-error\""),
            "{page}: error beside the control"
        );
        assert!(html.contains("Không lưu được tệp:"), "{page}");
        assert!(html.contains("chỉ nhận PDF"), "{page}: the reason in Vietnamese");
        assert!(html.contains("aria-describedby=\"rf-file-error\""), "{page}");

        // Without the CSRF token: refused.
        let res = page_upload(&app, &session, &format!("{page}/files"), "sai", PDF, "a.pdf").await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{page}");

        let res = page_upload(
            &app,
            &session,
            &format!("{page}/files"),
            &csrf,
            PDF,
            "Biên bản niêm yết.pdf",
        )
        .await;
        assert!(res.status().is_redirection(), "{page}: {}", res.status());
        assert_eq!(res.headers()[LOCATION].to_str().unwrap(), page);
        let (_, html) = app.page(&session, &page).await;
        assert!(html.contains("Biên bản niêm yết.pdf"), "{page}: listed");
        let (_, list) = app.get(&a, api).await;
        assert_eq!(list["count"], 1, "{page}: only the accepted file");
        let link = format!("{page}/files/{}", list["items"][0]["id"]);
        assert!(html.contains(&format!("href=\"{link}\"")), "{page}: the download link");
        let got = app
            .client
            .get(format!("{}{link}", app.base))
            .header(COOKIE, &session)
            .send()
            .await
            .unwrap();
        assert_eq!(got.headers()[CONTENT_TYPE], "application/pdf");
        assert!(got.headers()[CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("Bi%C3%AAn%20b%E1%BA%A3n"));
        assert_eq!(got.bytes().await.unwrap().to_vec(), PDF);
    }
    // The hand-typed reference is shown as such on the directive's page; the register links to it.
    let (_, html) = app.page(&session, &format!("/directives/{}", id(&directive))).await;
    assert!(html.contains("Lưu tại Văn phòng, hộp 3"));
    let (_, list) = app.page(&session, "/directives?from=2025-01-01").await;
    assert!(list.contains(&format!("href=\"/directives/{}\"", id(&directive))));
    let (_, list) = app.page(&session, "/democracy/disclosures").await;
    assert!(list.contains(&format!("href=\"/democracy/disclosures/{}\"", id(&disclosure))));
}
