//! Periodic reports on both backends: a province rolls up its communes' records and a
//! commune's submitted XLSX, flags a submitted figure whose parts do not add up, lists the
//! communes that sent nothing, maps legacy units into their 2025 successor for periods before
//! 1/7/2025 (with a note), freezes an approved report, and refuses bad input.

mod common;

use chrono::NaiveDate;
use common::{add_user, held_meeting, system, with_units};
use danvan_domain::figures::Rounding;
use danvan_domain::period::PeriodSpec;
use danvan_domain::petition::{Channel, NewPetition, PetitionKind, Petitioner};
use danvan_domain::report::{compute, FigureValues, FreeSections, ReportAction, ReportHeader, Source};
use danvan_domain::role::Role;
use danvan_domain::ErrorCode;
use danvan_store::{Store, StoreError};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn code_of<T: std::fmt::Debug>(r: Result<T, StoreError>) -> ErrorCode {
    match r.unwrap_err() {
        StoreError::Domain(e) => e.code,
        other => panic!("not a domain error: {other:?}"),
    }
}

fn petition(kind: PetitionKind, unit: &str, received: &str) -> NewPetition {
    NewPetition {
        unit: unit.into(),
        organisation_id: None,
        kind,
        round: 1,
        previous_code: None,
        channel: Channel::InPerson,
        received_on: d(received),
        subject: "Bồi thường khi thu hồi đất".into(),
        content: "Đề nghị xem xét".into(),
        topic: "compensation".into(),
        petitioners: vec![Petitioner {
            name: "Lê Văn An".into(),
            cccd: None,
            phone: None,
            address: None,
            address_unit: None,
        }],
        anonymous: false,
        remote: false,
    }
}

fn year(y: &str) -> PeriodSpec {
    PeriodSpec::parse(y).unwrap()
}

async fn record(store: &Store, unit: &str, kind: PetitionKind, on: &str, n: usize) {
    for _ in 0..n {
        store
            .create_petition(&system(), &petition(kind, unit, on))
            .await
            .unwrap();
    }
}

/// The first four communes of Hà Nội (2025): three record, the fourth submits an XLSX.
async fn communes(store: &Store) -> Vec<String> {
    let province = store.unit("2025", "01").await.unwrap();
    store
        .children(&province)
        .await
        .unwrap()
        .iter()
        .take(4)
        .map(|u| format!("{}/{}", u.scheme, u.code))
        .collect()
}

async fn a_province_rolls_up_recorded_and_submitted_figures(store: &Store) {
    with_units(store).await;
    let c = communes(store).await;
    record(store, &c[0], PetitionKind::Complaint, "2026-02-03", 2).await;
    record(store, &c[1], PetitionKind::Feedback, "2026-03-04", 3).await;
    record(store, &c[2], PetitionKind::Denunciation, "2026-04-05", 1).await;
    // Last year's petitions do not count this year.
    record(store, &c[0], PetitionKind::Feedback, "2025-11-20", 4).await;

    // The fourth commune is not on the system: it fills in the template. Its kinds add up to 28,
    // not to the 30 it gives as the total.
    let sys = system();
    let period = store.resolve_period(&year("2026"), "party").unwrap();
    let fourth = store.resolve_unit(&c[3], Some(period.to)).await.unwrap();
    let values: FigureValues = [
        ("petitions.received", 30),
        ("petitions.complaint", 5),
        ("petitions.denunciation", 2),
        ("petitions.feedback", 20),
        ("petitions.other", 1),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), *v))
    .collect();
    let xlsx = danvan_report::filled_template(&danvan_store::report_unit(&fourth), &period, &values).unwrap();
    let read = danvan_report::read_submission(&xlsx, &danvan_store::report_unit(&fourth), &period).unwrap();
    store
        .submit_report_figures(&sys, &c[3], "party", &year("2026"), &read, "xlsx")
        .await
        .unwrap();

    let input = store
        .report_input(&sys, "2025/01", &year("2026"), "party", Rounding::Truncate)
        .await
        .unwrap();
    let report = compute(&input);
    let received = report.get("petitions.received").unwrap();
    assert_eq!(received.value, 2 + 3 + 1 + 30);
    assert_eq!(received.source, Source::Mixed);
    assert_eq!(report.get("petitions.complaint").unwrap().value, 2 + 5);
    assert_eq!(
        report.get("petitions.received.commune").unwrap().source,
        Source::Recorded
    );
    let previous = input.previous_values.get("petitions.received").copied();
    assert_eq!(previous, Some(4), "the same period last year");
    let flagged = report
        .warnings
        .iter()
        .find(|w| w.code == "submitted_parts_mismatch")
        .expect("the submitted figure is flagged");
    assert!(flagged.message.contains(&fourth.name), "{}", flagged.message);
    assert!(
        flagged.message.contains("5 + 2 + 20 + 1 = 28, khác tổng 30"),
        "{}",
        flagged.message
    );
    let silent = report
        .warnings
        .iter()
        .find(|w| w.code == "silent_units")
        .expect("silent communes listed");
    assert!(!silent.message.contains(&fourth.name));

    // A second upload replaces the first; nothing counts twice.
    store
        .submit_report_figures(&sys, &c[3], "party", &year("2026"), &read, "xlsx")
        .await
        .unwrap();
    let again = compute(
        &store
            .report_input(&sys, "2025/01", &year("2026"), "party", Rounding::Truncate)
            .await
            .unwrap(),
    );
    assert_eq!(again.get("petitions.received").unwrap().value, 36);
    // The input is reused between reads, but a petition recorded since counts at once.
    record(store, &c[1], PetitionKind::Feedback, "2026-05-06", 1).await;
    let later = compute(
        &store
            .report_input(&sys, "2025/01", &year("2026"), "party", Rounding::Truncate)
            .await
            .unwrap(),
    );
    assert_eq!(later.get("petitions.received").unwrap().value, 37);

    // Silent communes: none of those that recorded or submitted, whole months or single days.
    let silent_codes = |input: &danvan_domain::report::ReportInput| -> Vec<String> {
        input
            .silent_units
            .iter()
            .map(|u| format!("{}/{}", u.scheme, u.code))
            .collect()
    };
    let silent = silent_codes(&input);
    assert!(!silent.is_empty());
    for recorded in &c {
        assert!(!silent.contains(recorded), "{recorded} in {silent:?}");
    }
    let one_day = store
        .report_input(
            &sys,
            "2025/01",
            &year("2026-03-04..2026-03-04"),
            "party",
            Rounding::Truncate,
        )
        .await
        .unwrap();
    let silent = silent_codes(&one_day);
    assert!(!silent.contains(&c[1]), "its petitions came that day");
    assert!(silent.contains(&c[0]) && silent.contains(&c[2]), "{silent:?}");

    // A meeting is a record too: its commune is no longer silent, that year or that day.
    let quiet = silent_codes(&input)[0].clone();
    let province = |spec: &'static str| {
        let store = store.clone();
        async move {
            store
                .report_input(&system(), "2025/01", &year(spec), "party", Rounding::Truncate)
                .await
                .unwrap()
        }
    };
    let dialogues =
        |input: danvan_domain::report::ReportInput| input.current.get("meetings.dialogues").copied().unwrap_or(0);
    let before = dialogues(province("2026").await);
    store
        .create_meeting(
            &sys,
            &danvan_domain::meeting::NewMeeting {
                participants: 60,
                ..held_meeting(
                    &quiet,
                    danvan_domain::meeting::MeetingKind::DialoguePeriodic,
                    d("2026-07-15"),
                )
            },
        )
        .await
        .unwrap();
    assert_eq!(
        dialogues(province("2026").await),
        before + 1,
        "a meeting recorded since counts at once"
    );
    assert!(!silent_codes(&province("2026").await).contains(&quiet));
    assert!(!silent_codes(&province("2026-07-15..2026-07-15").await).contains(&quiet));
    assert!(silent_codes(&province("2026-07-16..2026-07-16").await).contains(&quiet));
}

async fn a_report_spanning_the_reform_maps_legacy_units(store: &Store) {
    with_units(store).await;
    // Phường Trúc Bạch (legacy/00004) went whole into Phường Ba Đình (2025/00004).
    record(store, "legacy/00004", PetitionKind::Feedback, "2025-03-10", 2).await;
    record(store, "2025/00004", PetitionKind::Feedback, "2025-09-10", 1).await;
    let sys = system();
    let year = store
        .report_input(&sys, "2025/00004", &year("2025"), "party", Rounding::Truncate)
        .await
        .unwrap();
    assert_eq!(year.current.get("petitions.received"), Some(&3));
    assert_eq!(year.notes.len(), 1);
    assert!(
        year.notes[0].starts_with("Số liệu trước ngày 01/7/2025 được tính theo địa giới cũ"),
        "{:?}",
        year.notes
    );
    // A period after the reform needs no mapping and says nothing about it.
    let after = store
        .report_input(
            &sys,
            "2025/00004",
            &PeriodSpec::parse("2025-07-01..2025-12-31").unwrap(),
            "party",
            Rounding::Truncate,
        )
        .await
        .unwrap();
    assert_eq!(after.current.get("petitions.received"), Some(&1));
    assert!(after.notes.is_empty());
}

async fn an_approved_report_is_frozen(store: &Store) {
    with_units(store).await;
    record(store, "2025/00004", PetitionKind::Complaint, "2026-01-15", 2).await;
    let officer = add_user(store, "cb.badinh", Role::Officer, "2025/00004").await;
    let leader = add_user(store, "ld.badinh", Role::Leader, "2025/00004").await;
    let header = ReportHeader {
        number: "12-BC/ĐU".into(),
        ..Default::default()
    };
    let mut free = FreeSections::new();
    free.insert("assessment".into(), "Hoàn thành tốt nhiệm vụ.".into());
    store
        .save_report(&officer, "2025/00004", "party", &year("2026"), &header, &free)
        .await
        .unwrap();
    store
        .advance_report(
            &officer,
            "2025/00004",
            "party",
            &year("2026"),
            ReportAction::Submit,
            None,
        )
        .await
        .unwrap();
    let input = store
        .report_input(&leader, "2025/00004", &year("2026"), "party", Rounding::Truncate)
        .await
        .unwrap();
    let figures = compute(&input);
    // An officer cannot approve.
    let e = store
        .advance_report(
            &officer,
            "2025/00004",
            "party",
            &year("2026"),
            ReportAction::Approve,
            Some(&figures),
        )
        .await;
    assert_eq!(code_of(e), ErrorCode::ForbiddenRole);
    let approved = store
        .advance_report(
            &leader,
            "2025/00004",
            "party",
            &year("2026"),
            ReportAction::Approve,
            Some(&figures),
        )
        .await
        .unwrap();
    assert_eq!(
        approved
            .approved
            .as_ref()
            .unwrap()
            .figures
            .get("petitions.received")
            .unwrap()
            .value,
        2
    );
    // Later records do not change the approved figures; the report cannot be edited.
    record(store, "2025/00004", PetitionKind::Complaint, "2026-01-20", 1).await;
    let stored = store
        .report_record(&leader, "2025/00004", "party", &year("2026"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored
            .approved
            .unwrap()
            .figures
            .get("petitions.received")
            .unwrap()
            .value,
        2
    );
    let e = store
        .save_report(&officer, "2025/00004", "party", &year("2026"), &header, &free)
        .await;
    assert_eq!(code_of(e), ErrorCode::ReportFrozen);
}

async fn bad_report_requests_are_refused(store: &Store) {
    with_units(store).await;
    let officer = add_user(store, "cb.badinh", Role::Officer, "2025/00004").await;
    // Another commune is outside this officer's scope.
    let e = store
        .report_input(&officer, "2025/00097", &year("2026"), "party", Rounding::Truncate)
        .await;
    assert_eq!(code_of(e), ErrorCode::ForbiddenScope);
    let e = store
        .submit_report_figures(
            &officer,
            "2025/00097",
            "party",
            &year("2026"),
            &FigureValues::new(),
            "form",
        )
        .await;
    assert_eq!(code_of(e), ErrorCode::ForbiddenScope);
    // An unknown figure, a rate or a negative value writes nothing.
    for (id, v) in [
        ("petitions.nonsense", 1),
        ("petitions.resolution_rate", 90),
        ("petitions.received", -1),
    ] {
        let values: FigureValues = [(id.to_string(), v)].into_iter().collect();
        let e = store
            .submit_report_figures(&officer, "2025/00004", "party", &year("2026"), &values, "form")
            .await;
        assert_eq!(code_of(e), ErrorCode::InvalidCell, "{id}");
    }
    let input = store
        .report_input(&officer, "2025/00004", &year("2026"), "party", Rounding::Truncate)
        .await
        .unwrap();
    assert!(input.submissions.is_empty());
    assert_eq!(
        PeriodSpec::parse("2026-03-01..2026-01-01").unwrap_err().code,
        ErrorCode::InvalidPeriod
    );
}

store_tests!(
    a_province_rolls_up_recorded_and_submitted_figures,
    a_report_spanning_the_reform_maps_legacy_units,
    an_approved_report_is_frozen,
    bad_report_requests_are_refused,
);
