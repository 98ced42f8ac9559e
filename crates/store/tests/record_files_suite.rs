//! Files of directives, "Dân vận khéo" models and disclosures on both backends: uploaded,
//! listed, downloaded byte for byte, the same bytes stored once, each upload audited, and a
//! refused file (wrong type, too big, empty, unknown record, out of scope, read-only role)
//! storing nothing — no row, no file under a real name.

mod common;

use chrono::NaiveDate;
use common::{add_user, with_units};
use danvan_domain::attachment::{RecordKind, MAX_ATTACHMENT_BYTES};
use danvan_domain::democracy::{DisclosureForm, NewDisclosure};
use danvan_domain::directive::{DocumentType, NewDirective};
use danvan_domain::dvk::{DvkField, Holder, NewDvkModel};
use danvan_domain::role::Role;
use danvan_domain::ErrorCode;
use danvan_store::{Store, StoreError};
use std::path::Path;

const COMMUNE: &str = "2025/00004";
const OTHER: &str = "2025/00008";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn code_of<T: std::fmt::Debug>(r: Result<T, StoreError>) -> ErrorCode {
    r.expect_err("expected an error").code()
}

/// Every file under the files folder, by name (temporary ones included).
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.push(p.file_name().unwrap().to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

async fn audit_len(store: &Store) -> i64 {
    store.verify_audit().await.unwrap().checked
}

fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {text}\n%%EOF\n").into_bytes()
}

/// One record of each kind in the commune: (directive, model, disclosure) ids.
async fn records(store: &Store, actor: &danvan_store::Actor) -> (i64, i64, i64) {
    let directive = store
        .create_directive(
            actor,
            &NewDirective {
                unit: COMMUNE.into(),
                doc_type: DocumentType::Plan,
                symbol: "12/KH-UBND".into(),
                issued_on: d("2025-08-01"),
                issuer: "Ủy ban nhân dân phường".into(),
                title: "Kế hoạch công tác dân vận năm 2025".into(),
                file: Some("Sổ công văn đến số 118".into()),
            },
        )
        .await
        .unwrap();
    let model = store
        .create_dvk_model(
            actor,
            &NewDvkModel {
                unit: COMMUNE.into(),
                year: 2025,
                holder: Holder::Collective,
                name: "Hiến đất làm đường".into(),
                owner: "Chi hội Nông dân khu 3".into(),
                organisation: None,
                field: DvkField::Economy,
                sub_field: None,
                description: "Vận động Nhân dân hiến đất làm đường".into(),
                expected_results: None,
                evidence: vec!["Biên bản họp khu dân cư".into()],
                registered_on: Some(d("2025-08-05")),
            },
        )
        .await
        .unwrap();
    let disclosure = store
        .create_disclosure(
            actor,
            &NewDisclosure {
                unit: COMMUNE.into(),
                item: "CK_01".into(),
                title: "Công khai kế hoạch sử dụng đất".into(),
                content: None,
                decision_ref: Some("12/QĐ-UBND".into()),
                decided_on: d("2025-08-04"),
                forms: vec![DisclosureForm::Posting],
                place: Some("Trụ sở UBND phường".into()),
                start_on: Some(d("2025-08-06")),
                end_on: None,
                required_days: None,
                loudspeaker_days: None,
                gpmb_project_id: None,
            },
        )
        .await
        .unwrap();
    (directive.id, model.id, disclosure.id)
}

async fn record_files_are_kept_listed_downloaded_and_audited(store: &Store) {
    with_units(store).await;
    let dir = tempfile::tempdir().unwrap();
    store.set_files_dir(dir.path().to_path_buf());
    let officer = add_user(store, "cb.xa", Role::Officer, COMMUNE).await;
    let colleague = add_user(store, "xem.xa", Role::Viewer, COMMUNE).await;
    let (directive, model, disclosure) = records(store, &officer).await;

    let plan = pdf("ke hoach");
    for (kind, id) in [
        (RecordKind::Directive, directive),
        (RecordKind::DvkModel, model),
        (RecordKind::Disclosure, disclosure),
    ] {
        let before = audit_len(store).await;
        let f = store
            .add_record_file(&officer, kind, id, "C:\\Văn bản\\Kế hoạch 12.pdf", &plan)
            .await
            .unwrap();
        assert_eq!(
            (f.file_name.as_str(), f.content_type.as_str(), f.size_bytes),
            ("Kế hoạch 12.pdf", "application/pdf", plan.len() as i64),
            "{kind:?}"
        );
        assert_eq!(f.uploaded_by, "cb.xa");
        assert_eq!(audit_len(store).await, before + 1, "one audit entry per upload");
        // A read-only colleague of the same unit sees and downloads it.
        let listed = store.record_files(&colleague, kind, id).await.unwrap();
        assert_eq!(listed, vec![f.clone()]);
        let (got, bytes) = store.record_file_content(&colleague, kind, id, f.id).await.unwrap();
        assert_eq!((got.id, bytes), (f.id, plan.clone()));
    }
    // The same bytes three times: one file on disk. A second, different file: a second blob.
    assert_eq!(files_under(dir.path()).len(), 1, "same bytes share one blob");
    let photo = [0xFF, 0xD8, 0xFF, 0xE0, 0, 1, 2, 3];
    let p = store
        .add_record_file(&officer, RecordKind::DvkModel, model, "anh-hien-dat.jpg", &photo)
        .await
        .unwrap();
    assert_eq!(p.content_type, "image/jpeg");
    assert_eq!(files_under(dir.path()).len(), 2);
    let names: Vec<String> = store
        .record_files(&officer, RecordKind::DvkModel, model)
        .await
        .unwrap()
        .into_iter()
        .map(|f| f.file_name)
        .collect();
    assert_eq!(names, ["Kế hoạch 12.pdf", "anh-hien-dat.jpg"]);
    // A file belongs to its record: asked for under another record, it is not found.
    assert_eq!(
        code_of(
            store
                .record_file_content(&officer, RecordKind::Directive, directive, p.id)
                .await
        ),
        ErrorCode::NotFound
    );
    // The hand-typed references stay as they were.
    assert_eq!(
        store.directive(&officer, directive).await.unwrap().file.as_deref(),
        Some("Sổ công văn đến số 118")
    );
    assert_eq!(
        store.dvk_model(&officer, model).await.unwrap().evidence,
        ["Biên bản họp khu dân cư"]
    );
}

async fn refused_files_store_nothing(store: &Store) {
    with_units(store).await;
    let dir = tempfile::tempdir().unwrap();
    store.set_files_dir(dir.path().to_path_buf());
    let officer = add_user(store, "cb.xa", Role::Officer, COMMUNE).await;
    let viewer = add_user(store, "xem.xa", Role::Viewer, COMMUNE).await;
    let outsider = add_user(store, "cb.khac", Role::Officer, OTHER).await;
    let (directive, model, disclosure) = records(store, &officer).await;
    let before = audit_len(store).await;
    let good = pdf("minh chung");
    let too_big = {
        let mut b = b"%PDF-1.4\n".to_vec();
        b.resize(MAX_ATTACHMENT_BYTES + 1, b' ');
        b
    };
    for (kind, id) in [
        (RecordKind::Directive, directive),
        (RecordKind::DvkModel, model),
        (RecordKind::Disclosure, disclosure),
    ] {
        let refused = [
            (
                code_of(
                    store
                        .add_record_file(&officer, kind, id, "ke-hoach.pdf", b"MZ\x90\x00")
                        .await,
                ),
                ErrorCode::AttachmentType,
            ),
            (
                code_of(store.add_record_file(&officer, kind, id, "rong.pdf", b"").await),
                ErrorCode::AttachmentType,
            ),
            (
                code_of(store.add_record_file(&officer, kind, id, "lon.pdf", &too_big).await),
                ErrorCode::AttachmentTooLarge,
            ),
            (
                code_of(store.add_record_file(&officer, kind, id + 1000, "x.pdf", &good).await),
                ErrorCode::NotFound,
            ),
            (
                code_of(store.add_record_file(&outsider, kind, id, "x.pdf", &good).await),
                ErrorCode::NotFound,
            ),
            (
                code_of(store.add_record_file(&viewer, kind, id, "x.pdf", &good).await),
                ErrorCode::ForbiddenRole,
            ),
        ];
        for (i, (got, want)) in refused.iter().enumerate() {
            assert_eq!(got, want, "{kind:?} case {i}");
        }
        assert!(
            store.record_files(&officer, kind, id).await.unwrap().is_empty(),
            "{kind:?}: no row"
        );
        assert_eq!(
            code_of(store.record_files(&outsider, kind, id).await),
            ErrorCode::NotFound,
            "out of scope: not even the list"
        );
    }
    assert_eq!(files_under(dir.path()), Vec::<String>::new(), "no file left on disk");
    assert_eq!(audit_len(store).await, before, "nothing audited");
}

store_tests!(
    record_files_are_kept_listed_downloaded_and_audited,
    refused_files_store_nothing,
);
