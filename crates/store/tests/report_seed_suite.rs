//! Seed 004 (huyện Tam Nông, nhiệm kỳ 2016–2021) from records to document: 2.588 petitions with
//! 2.453/2.484 resolved, 199 dialogues with 9.685 participants and 1.015 opinions all answered,
//! 173 supervisions, 151 recognised “Dân vận khéo” models by field — recorded, reported for the term, rendered as PDF (whose extracted text
//! carries the figures in Vietnamese format) and XLSX (numbers as numbers), on both backends.

mod common;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use chrono::{Duration, NaiveDate};
use common::{system, with_units};
use danvan_domain::dvk::{DvkAction, DvkField, DvkStep, Holder, NewDvkModel, RecognitionLevel};
use danvan_domain::figures::Rounding;
use danvan_domain::meeting::{
    Chair, Decision, ItemOrigin, ItemOutcome, MeetingKind, NewItem, NewMeeting, NewSupervision, SupervisionForm,
};
use danvan_domain::period::PeriodSpec;
use danvan_domain::petition::{Channel, PetitionKind, Petitioner, Status};
use danvan_domain::report::{FreeSections, ReportHeader};
use danvan_store::{PetitionSeed, Store};
use std::collections::BTreeMap;

const DISTRICT: &str = "legacy/236";

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn meeting(unit: String, kind: MeetingKind, on: NaiveDate, participants: i64, items: Vec<NewItem>) -> NewMeeting {
    NewMeeting {
        unit,
        kind,
        organiser: "Cấp ủy – chính quyền".into(),
        chairs: vec![Chair {
            name: "Nguyễn Văn Bình".into(),
            position: "Bí thư".into(),
        }],
        held_on: on,
        place: Some("Hội trường".into()),
        topic: "Đối thoại với Nhân dân".into(),
        gpmb_project: None,
        participants,
        opinions_total: None,
        opinions_collected: None,
        opinions_direct: None,
        schedule_posted_on: None,
        held: true,
        minutes: None,
        items,
    }
}

fn answered_item() -> NewItem {
    NewItem {
        origin: ItemOrigin::Direct,
        content: "Sửa chữa đường giao thông nội đồng".into(),
        topic: Some("infrastructure".into()),
        raised_by: Some("Ông Trần Văn Cường".into()),
        denunciation: false,
        from_unit: None,
        decision: Some(Decision {
            outcome: Some(ItemOutcome::AnsweredAtMeeting),
            ..Default::default()
        }),
    }
}

async fn record_the_term(store: &Store) {
    let sys = system();
    let district = store.resolve_unit(DISTRICT, Some(d("2018-01-01"))).await.unwrap();
    let communes = store.children(&district).await.unwrap();
    let label = |i: usize| {
        format!(
            "{}/{}",
            communes[i % communes.len()].scheme,
            communes[i % communes.len()].code
        )
    };
    let start = d("2016-08-01");
    let rows: Vec<PetitionSeed> = (0..2588usize)
        .map(|i| {
            let kind = match i {
                0..=20 => PetitionKind::Complaint,
                21..=56 => PetitionKind::Denunciation,
                _ => PetitionKind::Feedback,
            };
            let unit_id = if i % 2 == 0 && i < 1810 {
                district.id
            } else {
                communes[i % communes.len()].id
            };
            let received_on = start + Duration::days((i % 1700) as i64);
            let within = i < 2484;
            let resolved = i < 2453;
            PetitionSeed {
                unit_id,
                kind,
                channel: Channel::ALL[i % Channel::ALL.len()],
                received_on,
                subject: format!("Đơn số {i}"),
                content: "Nội dung".into(),
                topic: "land".into(),
                status: if resolved {
                    Status::Closed
                } else if within {
                    Status::InResolution
                } else {
                    Status::Forwarded
                },
                within_jurisdiction: Some(within),
                processing_due: Some(received_on + Duration::days(10)),
                accepted_on: within.then_some(received_on + Duration::days(3)),
                resolution_due: within.then_some(received_on + Duration::days(60)),
                resolved_on: resolved.then_some(received_on + Duration::days(20)),
                outcome: None,
                petitioners: vec![Petitioner {
                    name: "Người dân".into(),
                    cccd: None,
                    phone: None,
                    address: None,
                    address_unit: None,
                }],
            }
        })
        .collect();
    store.bulk_insert_petitions(&sys, "TN", &rows).await.unwrap();
    // 199 dialogues: district 05 periodic + 23 ad hoc, communes 92 + 79; 9.685 people, 1.015 opinions.
    let plan = [
        (false, MeetingKind::DialoguePeriodic, 5),
        (false, MeetingKind::DialogueAdHoc, 23),
        (true, MeetingKind::DialoguePeriodic, 92),
        (true, MeetingKind::DialogueAdHoc, 79),
    ];
    let (mut n, mut people_left, mut items_left) = (0i64, 9_685i64, 1_015i64);
    for (commune, kind, count) in plan {
        for _ in 0..count {
            let left = 199 - n;
            let people = people_left / left;
            let opinions = items_left / left;
            people_left -= people;
            items_left -= opinions;
            let unit = if commune {
                label(n as usize)
            } else {
                DISTRICT.to_string()
            };
            let items = (0..opinions).map(|_| answered_item()).collect();
            store
                .create_meeting(&sys, &meeting(unit, kind, start + Duration::days(n * 9), people, items))
                .await
                .unwrap();
            n += 1;
        }
    }
    for i in 0..173usize {
        let unit = if i < 17 { DISTRICT.to_string() } else { label(i) };
        store
            .create_supervision(
                &sys,
                &NewSupervision {
                    unit,
                    organisation: "Ủy ban MTTQ".into(),
                    subject: "UBND xã".into(),
                    topic: "Thực hiện dân chủ ở cơ sở".into(),
                    form: SupervisionForm::Direct,
                    held_on: start + Duration::days(i as i64 * 10),
                    conclusions: None,
                    items: vec![],
                },
            )
            .await
            .unwrap();
    }
}

/// 151 models recognised during the term: kinh tế 75, văn hóa – xã hội 31, quốc phòng – an ninh
/// 31, xây dựng hệ thống chính trị 14.
async fn record_the_models(store: &Store) {
    let sys = system();
    let plan = [
        (DvkField::Economy, 75),
        (DvkField::CultureSociety, 31),
        (DvkField::DefenceSecurity, 31),
        (DvkField::PoliticalSystem, 14),
    ];
    let mut models = Vec::new();
    for (field, count) in plan {
        for i in 0..count {
            let n = models.len();
            let holder = if i % 3 == 0 {
                Holder::Individual
            } else {
                Holder::Collective
            };
            let on = d("2019-03-01") + Duration::days(n as i64);
            models.push(NewDvkModel {
                unit: DISTRICT.into(),
                year: 2019,
                holder,
                name: format!("Mô hình dân vận khéo số {n}"),
                owner: format!("Chi hội Nông dân khu {n}"),
                organisation: Some("Hội Nông dân".into()),
                field,
                sub_field: None,
                description: "Vận động Nhân dân hiến đất làm đường giao thông nông thôn".into(),
                expected_results: None,
                evidence: vec![],
                registered_on: Some(on),
            });
        }
    }
    let ids = store.import_dvk_models(&sys, &models).await.unwrap().unwrap();
    for id in ids {
        for (action, on) in [
            (DvkAction::Appraise, "2020-05-04"),
            (DvkAction::Recognise, "2020-11-18"),
        ] {
            let step = DvkStep {
                action: Some(action),
                on: Some(d(on)),
                score: (action == DvkAction::Appraise).then_some(80),
                level: (action == DvkAction::Recognise).then_some(RecognitionLevel::District),
                body: Some("Ban Chỉ đạo thực hiện QCDC huyện".into()),
                ..Default::default()
            };
            store.step_dvk_model(&sys, id, &step).await.unwrap();
        }
    }
}

fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed: apt-get install poppler-utils");
    String::from_utf8(out.stdout).unwrap()
}

async fn seed_004_term_report_from_records(store: &Store) {
    with_units(store).await;
    record_the_term(store).await;
    record_the_models(store).await;
    let term = PeriodSpec::parse("2016-2021").unwrap();
    let input = store
        .report_input(&system(), DISTRICT, &term, "party", Rounding::Truncate)
        .await
        .unwrap();
    let header = ReportHeader {
        parent_body: "Huyện ủy Tam Nông".into(),
        issuing_body: "Ban Dân vận".into(),
        number: "15-BC/BDVHU".into(),
        place: "Tam Nông".into(),
        ..Default::default()
    };
    let report = danvan_report::build(
        &input,
        &header,
        &FreeSections::new(),
        None,
        None,
        &BTreeMap::new(),
        d("2021-06-25"),
    )
    .unwrap();
    let text = pdf_text(&danvan_report::render(&report, danvan_report::Format::Pdf).unwrap());
    for needle in [
        "nhiệm kỳ 2016–2021",
        "Số 15-BC/BDVHU",
        "Tam Nông, ngày 25 tháng 6 năm 2021",
        "Tiếp nhận 2.588 đơn (cấp huyện 905 đơn, cấp xã 1.683 đơn)",
        "21 đơn khiếu nại, 36 đơn tố cáo",
        "2.453/2.484 đơn, đạt 98,7%",
        "199 hội nghị đối thoại: cấp huyện 05 định kỳ và 23 đột xuất; cấp xã 92 định kỳ và 79 đột xuất",
        "9.685 lượt người",
        "1.015/1.015 ý kiến được trả lời",
        "173 cuộc: huyện 17, xã 156",
        "151 mô hình, điển hình: kinh tế 75, văn hóa – xã hội 31, quốc phòng – an ninh 31, xây dựng hệ thống chính trị 14",
    ] {
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(needle), "missing {needle:?} in:\n{text}");
    }
    let xlsx = danvan_report::render(&report, danvan_report::Format::Xlsx).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
    let mut value = |sheet: &str, id: &str| {
        let range = book.worksheet_range(sheet).unwrap();
        let row = (0..range.height() as u32)
            .find(|r| range.get_value((*r, 0)) == Some(&Data::String(id.into())))
            .unwrap_or_else(|| panic!("{id} in {sheet}"));
        range.get_value((row, 2)).cloned()
    };
    assert_eq!(
        value("Tiếp dân, đơn thư", "petitions.received"),
        Some(Data::Float(2588.0))
    );
    assert_eq!(value("Đối thoại", "meetings.dialogues"), Some(Data::Float(199.0)));
    assert_eq!(value("Đối thoại", "meetings.items.answered"), Some(Data::Float(1015.0)));
    assert_eq!(
        value("Giám sát, phản biện", "supervision.count"),
        Some(Data::Float(173.0))
    );
}

store_tests!(seed_004_term_report_from_records);
