//! Petitions on both backends: recording, workflow and deadlines, confidentiality, search,
//! duplicates, worklists and pagination.

mod common;

use chrono::NaiveDate;
use common::{add_user, system, with_units};
use danvan_domain::deadline::Complexity;
use danvan_domain::figures::Rounding;
use danvan_domain::petition::Count;
use danvan_domain::petition::{
    Action, Channel, NewPetition, Outcome, PetitionKind, Petitioner, Status, Step, REDACTED,
};
use danvan_domain::role::Role;
use danvan_domain::scope::Actor;
use danvan_domain::ErrorCode;
use danvan_store::{ListOrder, PetitionQuery, PetitionSeed, PetitionSort, RecordQuery, Store, StoreError};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn code_of<T: std::fmt::Debug>(r: Result<T, StoreError>) -> ErrorCode {
    r.expect_err("expected an error").code()
}

fn person(name: &str, cccd: Option<&str>) -> Petitioner {
    Petitioner {
        name: name.into(),
        cccd: cccd.map(str::to_string),
        phone: Some("0912 345 678".into()),
        address: Some("Tổ 5, Phường Ba Đình".into()),
        address_unit: Some("2025/00004".into()),
    }
}

fn petition(kind: PetitionKind, unit: &str, received: &str, content: &str, who: Petitioner) -> NewPetition {
    NewPetition {
        unit: unit.into(),
        organisation_id: None,
        kind,
        round: 1,
        previous_code: None,
        channel: Channel::InPerson,
        received_on: d(received),
        subject: "Bồi thường khi thu hồi đất".into(),
        content: content.into(),
        topic: "compensation".into(),
        petitioners: vec![who],
        anonymous: false,
        remote: false,
    }
}

fn step(action: Action, on: &str) -> Step {
    Step {
        action,
        on: Some(d(on)),
        note: None,
        complexity: None,
        within_jurisdiction: None,
        handler: None,
        outcome: None,
    }
}

async fn count(store: &Store, actor: &Actor) -> usize {
    store
        .list_petitions(
            actor,
            &PetitionQuery {
                limit: Some(500),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .items
        .len()
}

async fn recording_validates_input_and_sets_the_processing_deadline(store: &Store) {
    with_units(store).await;
    let officer = add_user(store, "cb.a", Role::Officer, "2025/00004").await;
    let new = petition(
        PetitionKind::Denunciation,
        "2025/00004",
        "2025-01-24",
        "Tố cáo cán bộ địa chính",
        person("Lê Văn Cường", Some("001088012345")),
    );
    let p = store.create_petition(&officer, &new).await.unwrap();
    assert_eq!(p.status, Status::Received);
    assert_eq!(p.processing_due, Some(d("2025-02-10")), "7 working days over Tết 2025");
    assert_eq!(p.petitioners[0].phone.as_deref(), Some("0912345678"));
    assert!(p.code.starts_with("DT2025-"));
    let events = store.petition_events(&officer, &p.code).await.unwrap();
    assert_eq!(events.len(), 1);

    let before = count(store, &officer).await;
    let future = petition(
        PetitionKind::Complaint,
        "2025/00004",
        "2999-01-01",
        "x",
        person("A", None),
    );
    assert_eq!(
        code_of(store.create_petition(&officer, &future).await),
        ErrorCode::FutureDate
    );
    let bad_cccd = petition(
        PetitionKind::Complaint,
        "2025/00004",
        "2025-03-01",
        "x",
        person("A", Some("12345")),
    );
    assert_eq!(
        code_of(store.create_petition(&officer, &bad_cccd).await),
        ErrorCode::InvalidCccd
    );
    let mut bad_phone = petition(
        PetitionKind::Complaint,
        "2025/00004",
        "2025-03-01",
        "x",
        person("A", None),
    );
    bad_phone.petitioners[0].phone = Some("12345".into());
    assert_eq!(
        code_of(store.create_petition(&officer, &bad_phone).await),
        ErrorCode::InvalidPhone
    );
    let other_unit = petition(
        PetitionKind::Complaint,
        "2025/00008",
        "2025-03-01",
        "x",
        person("A", None),
    );
    assert_eq!(
        code_of(store.create_petition(&officer, &other_unit).await),
        ErrorCode::ForbiddenScope
    );
    let unknown = petition(
        PetitionKind::Complaint,
        "2025/99999",
        "2025-03-01",
        "x",
        person("A", None),
    );
    assert_eq!(
        code_of(store.create_petition(&officer, &unknown).await),
        ErrorCode::UnknownUnit
    );
    let mut topic = petition(
        PetitionKind::Complaint,
        "2025/00004",
        "2025-03-01",
        "x",
        person("A", None),
    );
    topic.topic = "weather".into();
    assert_eq!(
        code_of(store.create_petition(&officer, &topic).await),
        ErrorCode::Validation
    );
    assert_eq!(count(store, &officer).await, before, "nothing written");
    let viewer = add_user(store, "xem.a", Role::Viewer, "2025/00004").await;
    let ok = petition(
        PetitionKind::Complaint,
        "2025/00004",
        "2025-03-01",
        "x",
        person("A", None),
    );
    assert_eq!(
        code_of(store.create_petition(&viewer, &ok).await),
        ErrorCode::ForbiddenRole
    );
}

async fn the_workflow_moves_step_by_step_with_deadlines(store: &Store) {
    with_units(store).await;
    let officer = add_user(store, "cb.a", Role::Officer, "2025/00004").await;
    add_user(store, "xl.a", Role::HandlingAgency, "2025/00004").await;
    let new = petition(
        PetitionKind::Complaint,
        "2025/00004",
        "2025-03-03",
        "Khiếu nại quyết định thu hồi đất",
        person("Phạm Thị Dung", None),
    );
    let p = store.create_petition(&officer, &new).await.unwrap();
    assert_eq!(p.processing_due, Some(d("2025-03-13")), "10 days under the 2011 law");

    let wrong = store
        .advance_petition(&officer, &p.code, &step(Action::Resolve, "2025-03-04"))
        .await;
    assert_eq!(code_of(wrong), ErrorCode::InvalidTransition);
    store
        .advance_petition(&officer, &p.code, &step(Action::StartProcessing, "2025-03-04"))
        .await
        .unwrap();
    let accepted = store
        .advance_petition(&officer, &p.code, &step(Action::Accept, "2025-03-10"))
        .await
        .unwrap();
    assert_eq!(accepted.resolution_due, Some(d("2025-04-09")));
    assert_eq!(accepted.within_jurisdiction, Some(true));
    let mut assign = step(Action::Assign, "2025-03-11");
    assign.handler = Some("xl.a".into());
    let assigned = store.advance_petition(&officer, &p.code, &assign).await.unwrap();
    assert_eq!(
        (assigned.status, assigned.handler.as_deref()),
        (Status::InResolution, Some("xl.a"))
    );
    let mut extend = step(Action::Extend, "2025-04-01");
    extend.note = Some("Cần xác minh thêm".into());
    assert_eq!(
        code_of(store.advance_petition(&officer, &p.code, &extend).await),
        ErrorCode::ExtensionNotAllowed,
        "complaints have no extension"
    );
    let no_outcome = store
        .advance_petition(&officer, &p.code, &step(Action::Resolve, "2025-04-02"))
        .await;
    assert_eq!(code_of(no_outcome), ErrorCode::Validation);
    let mut resolve = step(Action::Resolve, "2025-04-02");
    resolve.outcome = Some(Outcome::PartlyRight);
    store.advance_petition(&officer, &p.code, &resolve).await.unwrap();
    store
        .advance_petition(&officer, &p.code, &step(Action::Notify, "2025-04-03"))
        .await
        .unwrap();
    let closed = store
        .advance_petition(&officer, &p.code, &step(Action::Close, "2025-04-03"))
        .await
        .unwrap();
    assert_eq!(
        (closed.status, closed.outcome),
        (Status::Closed, Some(Outcome::PartlyRight))
    );
    let events = store.petition_events(&officer, &p.code).await.unwrap();
    assert_eq!(events.len(), 7, "receipt and six steps");
    assert_eq!(
        code_of(
            store
                .advance_petition(&officer, &p.code, &step(Action::Withdraw, "2025-04-04"))
                .await
        ),
        ErrorCode::InvalidTransition
    );
}

async fn denunciations_extend_within_the_law(store: &Store) {
    with_units(store).await;
    let officer = add_user(store, "cb.a", Role::Officer, "2025/00004").await;
    let new = petition(
        PetitionKind::Denunciation,
        "2025/00004",
        "2025-03-03",
        "Tố cáo",
        person("Ngô Văn Hải", None),
    );
    let p = store.create_petition(&officer, &new).await.unwrap();
    store
        .advance_petition(&officer, &p.code, &step(Action::StartProcessing, "2025-03-04"))
        .await
        .unwrap();
    let mut accept = step(Action::Accept, "2025-03-05");
    accept.complexity = Some(Complexity::Complex);
    let a = store.advance_petition(&officer, &p.code, &accept).await.unwrap();
    assert_eq!(a.resolution_due, Some(d("2025-04-04")));
    let mut assign = step(Action::Assign, "2025-03-06");
    assign.handler = Some("cb.a".into());
    store.advance_petition(&officer, &p.code, &assign).await.unwrap();
    let mut extend = step(Action::Extend, "2025-04-01");
    extend.note = Some("Vụ việc phức tạp".into());
    let e = store.advance_petition(&officer, &p.code, &extend).await.unwrap();
    assert_eq!(
        (e.extensions_used, e.resolution_due),
        (1, Some(d("2025-05-05"))),
        "30 + 30 days, 04/05 is a Sunday"
    );
    assert_eq!(
        code_of(store.advance_petition(&officer, &p.code, &extend).await),
        ErrorCode::ExtensionNotAllowed
    );
    let unchanged = store.petition(&officer, &p.code).await.unwrap();
    assert_eq!(unchanged.extensions_used, 1, "a refused step writes nothing");
}

async fn a_denouncer_is_hidden_from_everyone_but_handlers_and_the_unit_leader(store: &Store) {
    with_units(store).await;
    let recorder = add_user(store, "cb.ghi", Role::Officer, "2025/00004").await;
    let colleague = add_user(store, "cb.khac", Role::Officer, "2025/00004").await;
    let leader = add_user(store, "ld.xa", Role::Leader, "2025/00004").await;
    let province = add_user(store, "cb.tinh", Role::Officer, "2025/01").await;
    let province_leader = add_user(store, "ld.tinh", Role::Leader, "2025/01").await;
    let handler = add_user(store, "xl.a", Role::HandlingAgency, "2025/00004").await;
    let new = petition(
        PetitionKind::Denunciation,
        "2025/00004",
        "2025-03-03",
        "Tố cáo sai phạm đền bù",
        person("Đỗ Thị Mật", Some("001088099999")),
    );
    let p = store.create_petition(&recorder, &new).await.unwrap();
    assert_eq!(p.petitioners[0].name, "Đỗ Thị Mật", "the recorder handles the case");

    for who in [&colleague, &province, &province_leader, &handler, &system()] {
        let seen = store.petition(who, &p.code).await.unwrap();
        assert!(seen.identity_redacted, "{} must not see the denouncer", who.username);
        assert_eq!(seen.petitioners[0].name, REDACTED);
        assert_eq!(seen.petitioners[0].cccd.as_deref(), Some(REDACTED));
        let list = store.list_petitions(who, &PetitionQuery::default()).await.unwrap();
        assert_eq!(list.items[0].petitioner.as_deref(), Some(REDACTED));
    }
    assert_eq!(
        store.petition(&leader, &p.code).await.unwrap().petitioners[0].name,
        "Đỗ Thị Mật"
    );
    // Searching the denouncer's name finds nothing, even for those who may see it.
    let by_name = PetitionQuery {
        q: Some("do thi mat".into()),
        ..Default::default()
    };
    assert!(store.list_petitions(&leader, &by_name).await.unwrap().items.is_empty());
    // Once assigned, the handler sees who it is.
    store
        .advance_petition(&recorder, &p.code, &step(Action::StartProcessing, "2025-03-04"))
        .await
        .unwrap();
    store
        .advance_petition(&recorder, &p.code, &step(Action::Accept, "2025-03-05"))
        .await
        .unwrap();
    let mut assign = step(Action::Assign, "2025-03-06");
    assign.handler = Some("xl.a".into());
    store.advance_petition(&recorder, &p.code, &assign).await.unwrap();
    assert_eq!(
        store.petition(&handler, &p.code).await.unwrap().petitioners[0].name,
        "Đỗ Thị Mật"
    );
    // The audit log does not keep the identity either.
    let log = store.list_audit(&system(), Some("petition"), 50).await.unwrap();
    assert!(log.iter().all(|e| !e.after.clone().unwrap_or_default().contains("Mật")));
    // A complaint's petitioner is visible in scope.
    let c = store
        .create_petition(
            &recorder,
            &petition(
                PetitionKind::Complaint,
                "2025/00004",
                "2025-03-03",
                "Khiếu nại",
                person("Vũ Văn Lộ", None),
            ),
        )
        .await
        .unwrap();
    assert_eq!(
        store.petition(&province, &c.code).await.unwrap().petitioners[0].name,
        "Vũ Văn Lộ"
    );
}

async fn search_ignores_diacritics_case_and_scope(store: &Store) {
    with_units(store).await;
    let a = add_user(store, "cb.a", Role::Officer, "2025/00004").await;
    let b = add_user(store, "cb.b", Role::Officer, "2025/00008").await;
    let text = "Đề nghị xem xét việc GIẢI PHÓNG MẶT BẰNG dự án đường Vành đai 4";
    let pa = store
        .create_petition(
            &a,
            &petition(
                PetitionKind::Feedback,
                "2025/00004",
                "2025-05-01",
                text,
                person("Hà Văn Tư", None),
            ),
        )
        .await
        .unwrap();
    store
        .create_petition(
            &a,
            &petition(
                PetitionKind::Feedback,
                "2025/00004",
                "2025-05-02",
                "Ô nhiễm tiếng ồn",
                person("Hà Văn Năm", None),
            ),
        )
        .await
        .unwrap();
    store
        .create_petition(
            &b,
            &petition(
                PetitionKind::Feedback,
                "2025/00008",
                "2025-05-01",
                text,
                person("Lý Thị Sáu", None),
            ),
        )
        .await
        .unwrap();
    for q in [
        "giai phong mat bang",
        "Giải phóng mặt bằng",
        "GIAI PHONG",
        "vanh dai",
        "Gia\u{309}i pho\u{301}ng",
    ] {
        let found = store
            .list_petitions(
                &a,
                &PetitionQuery {
                    q: Some(q.into()),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(found.items.len(), 1, "{q}");
        assert_eq!(found.items[0].code, pa.code);
    }
    let by_petitioner = store
        .list_petitions(
            &a,
            &PetitionQuery {
                q: Some("ha van nam".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(by_petitioner.items.len(), 1);
    let nothing = store
        .list_petitions(
            &a,
            &PetitionQuery {
                q: Some("duong sat".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(nothing.items.is_empty());
    let filtered = PetitionQuery {
        q: Some("giai phong".into()),
        kind: Some(PetitionKind::Complaint),
        ..Default::default()
    };
    assert!(store.list_petitions(&a, &filtered).await.unwrap().items.is_empty());
}

async fn duplicates_are_found_and_linked(store: &Store) {
    with_units(store).await;
    let a = add_user(store, "cb.a", Role::Officer, "2025/00004").await;
    let first = store
        .create_petition(
            &a,
            &petition(
                PetitionKind::Complaint,
                "2025/00004",
                "2025-05-01",
                "Khiếu nại giá bồi thường đất nông nghiệp thấp",
                person("Trịnh Văn Bảy", Some("001077000111")),
            ),
        )
        .await
        .unwrap();
    let second = store
        .create_petition(
            &a,
            &petition(
                PetitionKind::Complaint,
                "2025/00004",
                "2025-06-01",
                "Tiếp tục khiếu nại giá bồi thường",
                person("Trinh Van Bay", Some("001077000111")),
            ),
        )
        .await
        .unwrap();
    let other = store
        .create_petition(
            &a,
            &petition(
                PetitionKind::Feedback,
                "2025/00004",
                "2025-06-02",
                "Đèn đường hỏng",
                person("Mai Thị Chín", None),
            ),
        )
        .await
        .unwrap();
    let found = store.find_duplicates(&a, &second.code).await.unwrap();
    assert!(found.iter().any(|c| c.code == first.code), "{found:?}");
    assert!(!found.iter().any(|c| c.code == other.code));
    // Whole months (May–June) are read from the monthly figures: linking moves the case there
    // from "received" to "duplicates" in the same transaction.
    async fn months(store: &Store) -> danvan_domain::petition::PetitionStats {
        store
            .petition_stats(
                &system(),
                "2025/00004",
                d("2025-05-01"),
                d("2025-06-30"),
                Rounding::Truncate,
            )
            .await
            .unwrap()
    }
    let before = months(store).await;
    assert_eq!((before.received, before.duplicates), (3, 0));
    let linked = store.mark_duplicate(&a, &second.code, &first.code).await.unwrap();
    assert_eq!(linked.duplicate_of.as_deref(), Some(first.code.as_str()));
    let after = months(store).await;
    assert_eq!((after.received, after.duplicates), (2, 1));
    let complaints = after.by_kind.iter().find(|k| k.key == "complaint").map(|k| k.count);
    assert_eq!(complaints, Some(1), "the duplicate complaint counts once");
    assert_eq!(
        code_of(store.mark_duplicate(&a, &first.code, &first.code).await),
        ErrorCode::Validation
    );
}

async fn worklists_and_keyset_pages(store: &Store) {
    with_units(store).await;
    let a = add_user(store, "cb.a", Role::Officer, "2025/00004").await;
    let mut codes = Vec::new();
    for day in 1..=7 {
        let p = store
            .create_petition(
                &a,
                &petition(
                    PetitionKind::Feedback,
                    "2025/00004",
                    &format!("2025-05-0{day}"),
                    "Phản ánh",
                    person("Tô Văn Mười", None),
                ),
            )
            .await
            .unwrap();
        codes.push(p.code);
    }
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .list_petitions(
                &a,
                &PetitionQuery {
                    limit: Some(3),
                    after: after.clone(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        seen.extend(page.items.iter().map(|i| i.code.clone()));
        match page.next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    codes.reverse();
    assert_eq!(seen, codes, "newest first, every petition exactly once");
    // The other orders page the same way: oldest first, and nearest deadline first (the
    // processing deadline follows the received date, so it is the same order here).
    let walk = |sort: PetitionSort| {
        let a = a.clone();
        async move {
            let mut seen = Vec::new();
            let mut after = None;
            loop {
                let page = store
                    .list_petitions(
                        &a,
                        &PetitionQuery {
                            limit: Some(2),
                            after: after.clone(),
                            sort,
                            ..Default::default()
                        },
                    )
                    .await
                    .unwrap();
                seen.extend(page.items.iter().map(|i| i.code.clone()));
                match page.next {
                    Some(n) => after = Some(n),
                    None => break,
                }
            }
            seen
        }
    };
    let mut oldest = codes.clone();
    oldest.reverse();
    assert_eq!(walk(PetitionSort::Oldest).await, oldest);
    assert_eq!(walk(PetitionSort::DueFirst).await, oldest);
    // All seven were received in May 2025: processing deadlines have long passed.
    let today = d("2025-06-30");
    let overdue = store
        .list_petitions(
            &a,
            &PetitionQuery {
                overdue: true,
                today: Some(today),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(overdue.items.len(), 7);
    assert!(overdue.items.iter().all(|i| i.overdue));
    let due_soon = PetitionQuery {
        due_within_days: Some(3),
        today: Some(d("2025-05-14")),
        ..Default::default()
    };
    let soon = store.list_petitions(&a, &due_soon).await.unwrap();
    assert!(!soon.items.is_empty() && soon.items.iter().all(|i| !i.overdue));
}

/// Seed 004's shape for a legacy district over the state reporting year 15/12/2023–14/12/2024:
/// 2.588 received = 21 complaints + 36 denunciations + 2.531 other (UBND huyện 905, UBND xã
/// 1.683); 2.484 within jurisdiction, 2.453 of them resolved: "2.453/2.484 đơn, đạt 98,7%".
async fn a_year_of_petitions_gives_the_seed_figures(store: &Store) {
    with_units(store).await;
    let district = store.unit("legacy", "001").await.unwrap();
    let communes = store.children(&district).await.unwrap();
    let (from, to) = (d("2023-12-15"), d("2024-12-14"));
    let mut rows = Vec::new();
    for i in 0..2588usize {
        let kind = match i {
            0..=20 => PetitionKind::Complaint,
            21..=56 => PetitionKind::Denunciation,
            57..=2487 => PetitionKind::Feedback,
            _ => PetitionKind::Other,
        };
        // Alternate rows up to 1.810 go to the district (905 in all); the rest to its communes.
        let unit_id = if i % 2 == 0 && i < 1810 {
            district.id
        } else {
            communes[i % communes.len()].id
        };
        let received_on = from + chrono::Duration::days((i % 360) as i64);
        let within = i < 2484;
        let resolved = i < 2453;
        let status = if resolved {
            Status::Closed
        } else if within {
            Status::InResolution
        } else {
            Status::Forwarded
        };
        let people = if i < 7 { 5 } else { 1 };
        rows.push(PetitionSeed {
            unit_id,
            kind,
            channel: Channel::ALL[i % Channel::ALL.len()],
            received_on,
            subject: format!("Đơn số {i}"),
            content: "Nội dung".into(),
            topic: "land".into(),
            status,
            within_jurisdiction: Some(within),
            processing_due: Some(received_on + chrono::Duration::days(10)),
            accepted_on: within.then_some(received_on + chrono::Duration::days(3)),
            // Twelve of the 31 unresolved cases are past their deadline on 14/12/2024.
            resolution_due: within.then(|| {
                if (2453..2465).contains(&i) {
                    d("2024-12-01")
                } else {
                    d("2025-01-30")
                }
            }),
            resolved_on: resolved.then_some(received_on + chrono::Duration::days(20)),
            outcome: None,
            petitioners: (0..people).map(|k| person(&format!("Người {k}"), None)).collect(),
        });
    }
    // Ten duplicates count once: they must not move any figure but `duplicates`.
    let originals = store.bulk_insert_petitions(&system(), "T", &rows).await.unwrap();
    assert_eq!(originals, 2588);
    let dup_rows: Vec<_> = rows[100..110].to_vec();
    store.bulk_insert_petitions(&system(), "TD", &dup_rows).await.unwrap();
    for n in 1..=10 {
        store
            .mark_duplicate(&system(), &format!("TD-{n}"), &format!("T-{}", 100 + n))
            .await
            .unwrap();
    }
    // One more received after the period must not count.
    let mut late = rows[0].clone();
    late.received_on = d("2024-12-15");
    store.bulk_insert_petitions(&system(), "TL", &[late]).await.unwrap();

    let stats = store
        .petition_stats(&system(), "legacy/001", from, to, Rounding::Truncate)
        .await
        .unwrap();
    let of = |list: &[Count], key: &str| list.iter().find(|c| c.key == key).unwrap().count;
    assert_eq!(stats.received, 2588);
    assert_eq!(stats.duplicates, 10);
    assert_eq!(of(&stats.by_kind, "complaint"), 21);
    assert_eq!(of(&stats.by_kind, "denunciation"), 36);
    assert_eq!(of(&stats.by_kind, "feedback") + of(&stats.by_kind, "other"), 2531);
    assert_eq!(of(&stats.by_level, "district"), 905);
    assert_eq!(of(&stats.by_level, "commune"), 1683);
    assert_eq!(stats.by_channel.iter().map(|c| c.count).sum::<i64>(), 2588);
    assert_eq!(stats.within_jurisdiction, 2484);
    assert_eq!(stats.resolved_within_jurisdiction, 2453);
    assert_eq!(stats.resolution_rate_text, "2.453/2.484 đơn, đạt 98,7%");
    assert_eq!(stats.resolved_on_time, 2453);
    assert_eq!(stats.overdue, 12);
    assert_eq!(stats.many_person, 7);
    assert_eq!(stats.long_running, 0);
    let half_up = store
        .petition_stats(&system(), "legacy/001", from, to, Rounding::HalfUp)
        .await
        .unwrap();
    assert!(half_up.resolution_rate_text.ends_with("98,8%"));
    // Whole months are read from `petition_months` and edge days from the petitions: any split
    // of the period adds up to the same figures.
    let mut parts = Vec::new();
    for (a, b) in [
        (from, d("2024-03-31")),
        (d("2024-04-01"), d("2024-06-10")),
        (d("2024-06-11"), to),
    ] {
        parts.push(
            store
                .petition_stats(&system(), "legacy/001", a, b, Rounding::Truncate)
                .await
                .unwrap(),
        );
    }
    assert_eq!(parts.iter().map(|p| p.received).sum::<i64>(), 2588);
    assert_eq!(parts.iter().map(|p| p.duplicates).sum::<i64>(), 10);
    assert_eq!(parts.iter().map(|p| p.resolved_within_jurisdiction).sum::<i64>(), 2453);
    assert_eq!(parts.iter().map(|p| of(&p.by_level, "district")).sum::<i64>(), 905);
    // A commune sees only its own share, and nothing outside its scope.
    let commune = add_user(store, "cb.xa", Role::Officer, &format!("legacy/{}", communes[1].code)).await;
    let own = store
        .petition_stats(
            &commune,
            &format!("legacy/{}", communes[1].code),
            from,
            to,
            Rounding::Truncate,
        )
        .await
        .unwrap();
    assert!(own.received > 0 && own.received < 200);
    assert_eq!(
        code_of(
            store
                .petition_stats(&commune, "legacy/001", from, to, Rounding::Truncate)
                .await
        ),
        ErrorCode::ForbiddenScope
    );
    // Still open a year on: long-running.
    let later = store
        .petition_stats(&system(), "legacy/001", from, d("2025-12-31"), Rounding::Truncate)
        .await
        .unwrap();
    assert_eq!(later.long_running, 31);
}

async fn reception_sessions_record_matters_that_become_petitions(store: &Store) {
    use danvan_domain::reception::{NewReception, ReceptionKind};
    with_units(store).await;
    let a = add_user(store, "cb.a", Role::Officer, "2025/00004").await;
    let b = add_user(store, "cb.b", Role::Officer, "2025/00008").await;
    let new = NewReception {
        unit: "2025/00004".into(),
        kind: ReceptionKind::LeaderPeriodic,
        held_on: d("2025-09-10"),
        receiver: "Nguyễn Văn Chủ Tịch".into(),
        receiver_position: "Chủ tịch UBND phường".into(),
        host: Default::default(),
        citizens: 14,
        delegations: 1,
        delegation_people: 8,
        matters: vec!["Bồi thường dự án Vành đai 4".into(), "Đèn đường ngõ 12".into()],
        note: None,
    };
    let r = store.create_reception(&a, &new).await.unwrap();
    assert_eq!((r.matters.len(), r.citizens), (2, 14));
    let bad = NewReception {
        delegation_people: 3,
        ..new.clone()
    };
    assert_eq!(code_of(store.create_reception(&a, &bad).await), ErrorCode::Validation);
    let elsewhere = NewReception {
        unit: "2025/00008".into(),
        ..new.clone()
    };
    assert_eq!(
        code_of(store.create_reception(&a, &elsewhere).await),
        ErrorCode::ForbiddenScope
    );
    assert_eq!(code_of(store.reception(&b, r.id).await), ErrorCode::NotFound);
    assert_eq!(
        store
            .list_receptions(&a, &RecordQuery::default())
            .await
            .unwrap()
            .items
            .len(),
        1
    );
    // A second, earlier session: the list runs newest first unless asked, and its search box
    // finds the receiver's or the note's words without diacritics.
    let earlier = store
        .create_reception(
            &a,
            &NewReception {
                held_on: d("2025-08-20"),
                receiver: "Trần Thị Bí Thư".into(),
                note: Some("Tiếp đột xuất đoàn đông người".into()),
                ..new.clone()
            },
        )
        .await
        .unwrap();
    let ids = |query: RecordQuery| {
        let (store, a) = (store.clone(), a.clone());
        async move {
            let page = store.list_receptions(&a, &query).await.unwrap();
            page.items.iter().map(|r| r.id).collect::<Vec<_>>()
        }
    };
    assert_eq!(ids(RecordQuery::default()).await, vec![r.id, earlier.id]);
    let oldest = RecordQuery {
        sort: ListOrder::Oldest,
        ..Default::default()
    };
    assert_eq!(ids(oldest).await, vec![earlier.id, r.id]);
    let words = |q: &str| RecordQuery {
        q: Some(q.into()),
        ..Default::default()
    };
    assert_eq!(ids(words("tran thi")).await, vec![earlier.id]);
    assert_eq!(ids(words("DOAN DONG NGUOI")).await, vec![earlier.id]);
    assert_eq!(ids(words("nguyen van")).await, vec![r.id]);
    assert_eq!(ids(words("chủ tịch")).await, vec![r.id, earlier.id], "both positions");
    let august = RecordQuery {
        from: Some(d("2025-08-01")),
        to: Some(d("2025-08-31")),
        ..Default::default()
    };
    assert_eq!(ids(august).await, vec![earlier.id]);

    let matter = r.matters[0].id;
    let mut p = petition(
        PetitionKind::Complaint,
        "2025/00004",
        "2025-09-10",
        "Khiếu nại giá bồi thường",
        person("Lò Văn Sáu", None),
    );
    let wrong_day = NewPetition {
        received_on: d("2025-09-11"),
        ..p.clone()
    };
    assert_eq!(
        code_of(store.matter_to_petition(&a, matter, &wrong_day).await),
        ErrorCode::InvalidDate
    );
    p.channel = Channel::InPerson;
    let made = store.matter_to_petition(&a, matter, &p).await.unwrap();
    let again = store.reception(&a, r.id).await.unwrap();
    assert_eq!(again.matters[0].petition_code.as_deref(), Some(made.code.as_str()));
    let before = count(store, &a).await;
    assert_eq!(
        code_of(store.matter_to_petition(&a, matter, &p).await),
        ErrorCode::Validation
    );
    assert_eq!(count(store, &a).await, before, "a second conversion writes nothing");
}

async fn attachments_are_checked_kept_and_confidential(store: &Store) {
    with_units(store).await;
    let files = tempfile::tempdir().unwrap();
    store.set_files_dir(files.path().to_path_buf());
    let recorder = add_user(store, "cb.a", Role::Officer, "2025/00004").await;
    let colleague = add_user(store, "cb.khac", Role::Officer, "2025/00004").await;
    let other = add_user(store, "cb.b", Role::Officer, "2025/00008").await;
    let c = store
        .create_petition(
            &recorder,
            &petition(
                PetitionKind::Complaint,
                "2025/00004",
                "2025-03-03",
                "Khiếu nại",
                person("Hứa Văn Bảy", None),
            ),
        )
        .await
        .unwrap();
    let pdf = b"%PDF-1.7\n% bien ban\n".to_vec();
    let a = store
        .add_attachment(&recorder, &c.code, "../Biên bản.pdf", &pdf)
        .await
        .unwrap();
    assert_eq!(
        (a.file_name.as_str(), a.content_type.as_str()),
        ("Biên bản.pdf", "application/pdf")
    );
    let (_, bytes) = store.attachment_content(&colleague, &c.code, a.id).await.unwrap();
    assert_eq!(bytes, pdf);
    assert_eq!(
        code_of(store.add_attachment(&recorder, &c.code, "x.pdf", b"MZ\x90").await),
        ErrorCode::AttachmentType
    );
    assert_eq!(
        store.attachments(&recorder, &c.code).await.unwrap().len(),
        1,
        "nothing written for a refused file"
    );
    assert_eq!(code_of(store.attachments(&other, &c.code).await), ErrorCode::NotFound);

    let t = store
        .create_petition(
            &recorder,
            &petition(
                PetitionKind::Denunciation,
                "2025/00004",
                "2025-03-03",
                "Tố cáo",
                person("Kín Danh", None),
            ),
        )
        .await
        .unwrap();
    let scan = store
        .add_attachment(
            &recorder,
            &t.code,
            "Đơn của Kín Danh.jpg",
            &[0xFF, 0xD8, 0xFF, 0xE0, 1, 2],
        )
        .await
        .unwrap();
    let listed = store.attachments(&colleague, &t.code).await.unwrap();
    assert_eq!(listed[0].file_name, REDACTED);
    assert_eq!(
        code_of(store.attachment_content(&colleague, &t.code, scan.id).await),
        ErrorCode::ForbiddenRole
    );
    assert!(store.attachment_content(&recorder, &t.code, scan.id).await.is_ok());
}

async fn the_topic_taxonomy_is_edited_as_audited_data(store: &Store) {
    with_units(store).await;
    let officer = add_user(store, "cb.topics", Role::Officer, "2025/00004").await;
    let mut new = petition(
        PetitionKind::Feedback,
        "2025/00004",
        "2025-03-03",
        "Đường giao thông nông thôn xuống cấp",
        person("Phạm Thị Hoa", None),
    );
    new.topic = "traffic".into();
    assert_eq!(
        code_of(store.create_petition(&officer, &new).await),
        ErrorCode::Validation
    );

    let added = r#"{"topics":[{"code":"land","label":"Đất đai"},{"code":"compensation","label":"Bồi thường, hỗ trợ, tái định cư"},
        {"code":"traffic","label":"Giao thông"},{"code":"other","label":"Khác"}]}"#;
    assert_eq!(
        code_of(
            store
                .put_setting(&officer, danvan_store::SETTING_PETITION_TOPICS, added)
                .await
        ),
        ErrorCode::ForbiddenRole,
        "only a system admin edits the taxonomy"
    );
    store
        .put_setting(&system(), danvan_store::SETTING_PETITION_TOPICS, added)
        .await
        .unwrap();
    let p = store.create_petition(&officer, &new).await.unwrap();
    assert_eq!(p.topic, "traffic");

    // A topic in use cannot disappear: it can only be retired, after which new cases may not use
    // it but the old case keeps it.
    let dropped = added.replace(r#"{"code":"traffic","label":"Giao thông"},"#, "");
    let e = store
        .put_setting(&system(), danvan_store::SETTING_PETITION_TOPICS, &dropped)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("'traffic' đang được dùng"), "{e}");
    let retired = added.replace(r#""label":"Giao thông"}"#, r#""label":"Giao thông","retired":true}"#);
    store
        .put_setting(&system(), danvan_store::SETTING_PETITION_TOPICS, &retired)
        .await
        .unwrap();
    let e = store.create_petition(&officer, &new).await.unwrap_err();
    assert!(e.to_string().contains("ngừng sử dụng"), "{e}");
    assert_eq!(store.petition(&officer, &p.code).await.unwrap().topic, "traffic");
    assert!(store.petition_topics().await.unwrap().get("traffic").unwrap().retired);

    let log = store.list_audit(&system(), Some("setting"), 10).await.unwrap();
    assert_eq!(log.len(), 2, "two accepted edits, refused ones leave no trace");
    assert!(store.verify_audit().await.unwrap().broken_at.is_none());
}

async fn petitions_recorded_at_once_are_all_written_and_audited(store: &Store) {
    with_units(store).await;
    let officer = add_user(store, "cb.group", Role::Officer, "2025/00004").await;
    let before = store.verify_audit().await.unwrap().checked;
    let mut tasks = Vec::new();
    for i in 0..40 {
        let (store, officer) = (store.clone(), officer.clone());
        tasks.push(tokio::spawn(async move {
            let new = petition(
                PetitionKind::Feedback,
                "2025/00004",
                "2025-03-03",
                &format!("Phản ánh số {i} về đèn chiếu sáng"),
                person(&format!("Người số {i}"), None),
            );
            store.create_petition(&officer, &new).await
        }));
    }
    let mut codes = std::collections::BTreeSet::new();
    for t in tasks {
        let p = t.await.unwrap().unwrap();
        assert_eq!(p.status, Status::Received);
        // What comes back is what a later read shows.
        assert_eq!(store.petition(&officer, &p.code).await.unwrap(), p);
        codes.insert(p.code);
    }
    assert_eq!(codes.len(), 40);
    let audit = store.verify_audit().await.unwrap();
    assert!(audit.broken_at.is_none());
    assert_eq!(audit.checked - before, 40, "one audit entry per petition");
    for code in codes.iter().take(3) {
        assert_eq!(store.petition_events(&officer, code).await.unwrap().len(), 1);
    }
}

async fn forwarding_and_guidance_name_the_competent_agency(store: &Store) {
    with_units(store).await;
    let officer = add_user(store, "cb.a", Role::Officer, "2025/00004").await;
    let new = petition(
        PetitionKind::Feedback,
        "2025/00004",
        "2025-03-03",
        "Phản ánh tiếng ồn karaoke",
        person("Vũ Văn Em", None),
    );
    let p = store.create_petition(&officer, &new).await.unwrap();
    store
        .advance_petition(&officer, &p.code, &step(Action::StartProcessing, "2025-03-04"))
        .await
        .unwrap();
    let unnamed = store
        .advance_petition(&officer, &p.code, &step(Action::Forward, "2025-03-05"))
        .await;
    assert_eq!(code_of(unnamed), ErrorCode::Validation);
    assert_eq!(
        store.petition(&officer, &p.code).await.unwrap().status,
        Status::Processing,
        "nothing changed"
    );
    let mut forward = step(Action::Forward, "2025-03-05");
    forward.note = Some("Công an phường Ba Đình".into());
    let forwarded = store.advance_petition(&officer, &p.code, &forward).await.unwrap();
    assert_eq!(forwarded.status, Status::Forwarded);
    assert_eq!(forwarded.within_jurisdiction, Some(false));
    let events = store.petition_events(&officer, &p.code).await.unwrap();
    assert_eq!(events.last().unwrap().note.as_deref(), Some("Công an phường Ba Đình"));
}

async fn the_dashboard_counts_what_is_late_in_scope(store: &Store) {
    with_units(store).await;
    let province = add_user(store, "cb.tinh", Role::Officer, "2025/01").await;
    let ward = add_user(store, "cb.a", Role::Officer, "2025/00004").await;
    let today = d("2025-12-01");
    let record = |unit: &str, received: &str| {
        let mut new = petition(
            PetitionKind::Feedback,
            unit,
            received,
            "Đường ngõ xuống cấp",
            person("Lê Văn Hai", None),
        );
        new.petitioners[0].address_unit = None;
        new
    };
    // Received by the old ward before 1/7/2025 and never processed: long past its deadline.
    let old = store
        .create_petition(&province, &record("legacy/00004", "2025-03-03"))
        .await
        .unwrap();
    let fresh = store
        .create_petition(&ward, &record("2025/00004", "2025-11-28"))
        .await
        .unwrap();
    store
        .create_petition(&province, &record("2025/00008", "2025-11-28"))
        .await
        .unwrap();

    let hanoi = store.unit("2025", "01").await.unwrap();
    let dash = store.dashboard(&province, &hanoi, today).await.unwrap();
    assert_eq!((dash.open, dash.overdue), (3, 1), "{dash:?}");
    assert_eq!(dash.overdue_cases.len(), 1);
    assert_eq!(dash.overdue_cases[0].code, old.code);
    let soon = store
        .list_petitions(
            &province,
            &PetitionQuery {
                due_within_days: Some(7),
                today: Some(today),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(dash.due_soon as usize, soon.items.len());
    let legacy = dash
        .units
        .iter()
        .find(|u| u.unit_scheme == "legacy")
        .expect("the old district's bucket");
    assert_eq!((legacy.open, legacy.overdue), (1, 1));
    assert_eq!(dash.units[0].unit_scheme, "legacy", "the unit most behind comes first");
    assert!(dash
        .units
        .iter()
        .any(|u| u.unit_code == "00004" && u.unit_scheme == "2025" && u.open == 1));
    assert!(dash.units.iter().any(|u| u.unit_code == "00008" && u.open == 1));
    assert_eq!(dash.this_year.received, 3);
    assert_eq!(dash.last_year.received, 0);
    assert_eq!(dash.months.len(), 12);
    assert_eq!(dash.months.last().unwrap().month, "2025-12");
    assert_eq!(dash.months.iter().map(|m| m.received).sum::<i64>(), 3);
    assert_eq!(dash.activity.len(), 3);
    assert_eq!(dash.compliance_period, (d("2024-01-01"), d("2024-12-31")));
    // 2024 had only the legacy units; the 2025 structure's compliance starts with 2025.
    let in_2026 = store.dashboard(&province, &hanoi, d("2026-03-01")).await.unwrap();
    assert_eq!(in_2026.compliance_period, (d("2025-01-01"), d("2025-12-31")));
    assert!(
        in_2026.units_behind_count >= 1,
        "no dialogue was recorded in 2025, so communes are behind"
    );
    assert!(in_2026.units_behind.len() <= 10 && in_2026.units_behind.iter().all(|u| u.behind));

    let own = store.unit("2025", "00004").await.unwrap();
    let mine = store.dashboard(&ward, &own, today).await.unwrap();
    assert_eq!(mine.open, 2, "its own case and its predecessor's, not the other ward's");
    assert_eq!(mine.activity.len(), 2);
    assert!(mine
        .units
        .iter()
        .any(|u| u.unit_code == fresh.unit_code && u.unit_scheme == "2025"));
    let other = store.unit("2025", "00008").await.unwrap();
    assert_eq!(
        code_of(store.dashboard(&ward, &other, today).await),
        ErrorCode::ForbiddenScope
    );
    // Compliance is reused across petition writes but follows a reception day recorded since.
    let held_by_ward = |d: &danvan_domain::dashboard::Dashboard| -> i64 {
        d.units_behind
            .iter()
            .filter(|u| u.unit == "2025/00004")
            .flat_map(|u| u.lines.iter().map(|l| l.held))
            .sum()
    };
    store
        .create_petition(&ward, &record("2025/00004", "2026-02-20"))
        .await
        .unwrap();
    let before = store.dashboard(&province, &hanoi, d("2026-03-01")).await.unwrap();
    assert_eq!(held_by_ward(&before), held_by_ward(&in_2026));
    assert_eq!(before.this_year.received, 1, "the petition itself is counted at once");
    store
        .create_reception(
            &ward,
            &danvan_domain::reception::NewReception {
                unit: "2025/00004".into(),
                kind: danvan_domain::reception::ReceptionKind::LeaderPeriodic,
                held_on: d("2025-09-10"),
                receiver: "Nguyễn Văn Chủ Tịch".into(),
                receiver_position: "Chủ tịch UBND phường".into(),
                host: Default::default(),
                citizens: 3,
                delegations: 0,
                delegation_people: 0,
                matters: vec![],
                note: None,
            },
        )
        .await
        .unwrap();
    let after = store.dashboard(&province, &hanoi, d("2026-03-01")).await.unwrap();
    assert_eq!(
        held_by_ward(&after),
        held_by_ward(&in_2026) + 1,
        "{:?}",
        after.units_behind
    );
}

/// The workload's counts are kept by triggers: after every kind of change they must equal a
/// recount of the cases themselves (the worklists' own queries).
async fn the_workload_follows_every_step_of_a_case(store: &Store) {
    with_units(store).await;
    let officer = add_user(store, "cb.a", Role::Officer, "2025/00004").await;
    let ward = store.unit("2025", "00004").await.unwrap();
    let today = d("2025-12-01");
    let record = |received: &str, content: &str| {
        let mut new = petition(
            PetitionKind::Feedback,
            "2025/00004",
            received,
            content,
            person("Lê Văn Hai", None),
        );
        new.petitioners[0].address_unit = None;
        new
    };
    async fn recount(store: &Store, actor: &Actor, today: NaiveDate) -> (i64, i64, i64) {
        let list = |overdue: bool, open: bool, soon: Option<i64>| PetitionQuery {
            overdue,
            open,
            due_within_days: soon,
            today: Some(today),
            limit: Some(500),
            ..Default::default()
        };
        let mut n = Vec::new();
        for q in [
            list(false, true, None),
            list(true, false, None),
            list(false, false, Some(7)),
        ] {
            n.push(store.list_petitions(actor, &q).await.unwrap().items.len() as i64);
        }
        (n[0], n[1], n[2])
    }
    async fn workload(
        store: &Store,
        actor: &Actor,
        unit: &danvan_domain::unit::Unit,
        today: NaiveDate,
    ) -> (i64, i64, i64) {
        let units = store.petition_workload(actor, unit, today, 7).await.unwrap();
        units
            .iter()
            .fold((0, 0, 0), |t, u| (t.0 + u.open, t.1 + u.overdue, t.2 + u.due_soon))
    }
    let late = store
        .create_petition(&officer, &record("2025-11-03", "Đường ngõ xuống cấp"))
        .await
        .unwrap();
    let soon = store
        .create_petition(&officer, &record("2025-11-20", "Cống thoát nước tắc"))
        .await
        .unwrap();
    let fresh = store
        .create_petition(&officer, &record("2025-11-28", "Cống thoát nước bị tắc"))
        .await
        .unwrap();
    let counts = workload(store, &officer, &ward, today).await;
    assert_eq!(counts, recount(store, &officer, today).await);
    assert_eq!(counts.0, 3);
    assert!(counts.1 >= 1 && counts.2 >= 1, "one late and one due soon: {counts:?}");

    // Accepting moves the case to its (later) resolution deadline: no longer overdue.
    store
        .advance_petition(&officer, &late.code, &step(Action::StartProcessing, "2025-11-04"))
        .await
        .unwrap();
    store
        .advance_petition(&officer, &late.code, &step(Action::Accept, "2025-11-10"))
        .await
        .unwrap();
    let accepted = workload(store, &officer, &ward, today).await;
    assert_eq!(accepted, recount(store, &officer, today).await);
    assert_eq!(accepted.1, counts.1 - 1, "{accepted:?}");
    // A linked duplicate and a withdrawn case are no longer open.
    store.mark_duplicate(&officer, &fresh.code, &soon.code).await.unwrap();
    store
        .advance_petition(&officer, &soon.code, &step(Action::Withdraw, "2025-11-30"))
        .await
        .unwrap();
    let left = workload(store, &officer, &ward, today).await;
    assert_eq!(left, recount(store, &officer, today).await);
    assert_eq!((left.0, left.1), (1, 0), "only the accepted case is open: {left:?}");
    // Read on another day, the same counts split differently.
    let later = d("2026-03-01");
    assert_eq!(
        workload(store, &officer, &ward, later).await,
        recount(store, &officer, later).await
    );
    assert_eq!(workload(store, &officer, &ward, later).await.1, 1);

    // Start-up drops the tallies that fell to zero (the withdrawn case's deadline); a new case
    // with that deadline is counted again.
    store.migrate().await.unwrap();
    store
        .create_petition(&officer, &record("2025-11-20", "Đèn đường hỏng"))
        .await
        .unwrap();
    let again = workload(store, &officer, &ward, today).await;
    assert_eq!(again, recount(store, &officer, today).await);
    assert_eq!((again.0, again.2), (2, left.2 + 1), "{again:?}");
}

async fn a_request_key_runs_once(store: &Store) {
    use danvan_store::Claim;
    with_units(store).await;
    let user = add_user(store, "cb.a", Role::Officer, "2025/00004")
        .await
        .user_id
        .unwrap();
    assert_eq!(store.claim_request(user, "k1").await.unwrap(), Claim::New);
    assert_eq!(
        store.claim_request(user, "k1").await.unwrap(),
        Claim::Pending,
        "the first is still running"
    );
    store.finish_request(user, "k1", "DT2025-ABC").await.unwrap();
    assert_eq!(
        store.claim_request(user, "k1").await.unwrap(),
        Claim::Done("DT2025-ABC".into())
    );
    assert_eq!(
        store.claim_request(user + 1, "k1").await.unwrap(),
        Claim::New,
        "keys are per user"
    );
    assert_eq!(store.claim_request(user, "k2").await.unwrap(), Claim::New);
    store.release_request(user, "k2").await.unwrap();
    assert_eq!(
        store.claim_request(user, "k2").await.unwrap(),
        Claim::New,
        "a failed request can be sent again"
    );
    store.release_request(user, "k1").await.unwrap();
    assert_eq!(
        store.claim_request(user, "k1").await.unwrap(),
        Claim::Done("DT2025-ABC".into()),
        "a done key stays"
    );
}

store_tests!(
    a_request_key_runs_once,
    the_dashboard_counts_what_is_late_in_scope,
    the_workload_follows_every_step_of_a_case,
    forwarding_and_guidance_name_the_competent_agency,
    petitions_recorded_at_once_are_all_written_and_audited,
    the_topic_taxonomy_is_edited_as_audited_data,
    attachments_are_checked_kept_and_confidential,
    reception_sessions_record_matters_that_become_petitions,
    a_year_of_petitions_gives_the_seed_figures,
    recording_validates_input_and_sets_the_processing_deadline,
    the_workflow_moves_step_by_step_with_deadlines,
    denunciations_extend_within_the_law,
    a_denouncer_is_hidden_from_everyone_but_handlers_and_the_unit_leader,
    search_ignores_diacritics_case_and_scope,
    duplicates_are_found_and_linked,
    worklists_and_keyset_pages,
);
