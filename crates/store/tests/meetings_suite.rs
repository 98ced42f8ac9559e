//! Meetings, supervisions, contributions and their items on both backends: the seeds' figures
//! rebuilt from recorded items, the follow-up worklist, scope and bad input.

mod common;

use chrono::{Duration, NaiveDate};
use common::{add_user, held_meeting, system, with_units};
use danvan_domain::figures::Rounding;
use danvan_domain::meeting::{
    ContributionTarget, Decision, ItemOrigin, ItemOutcome, ItemStatus, MeetingAction, MeetingKind, MeetingStatus,
    MeetingStep, NewContribution, NewItem, NewMeeting, NewSupervision, SourceKind, SupervisionForm,
    MEETING_WARNINGS_LISTED,
};
use danvan_domain::petition::{Channel, NewPetition, PetitionKind, Petitioner, REDACTED};
use danvan_domain::role::Role;
use danvan_domain::scope::Actor;
use danvan_domain::unit::Unit;
use danvan_domain::ErrorCode;
use danvan_store::{FollowUpQuery, ListOrder, MeetingQuery, RecordQuery, Store, StoreError};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn code_of<T: std::fmt::Debug>(r: Result<T, StoreError>) -> ErrorCode {
    r.expect_err("expected an error").code()
}

fn label(u: &Unit) -> String {
    format!("{}/{}", u.scheme, u.code)
}

fn meeting(unit: &str, kind: MeetingKind, on: NaiveDate, participants: i64, items: Vec<NewItem>) -> NewMeeting {
    NewMeeting {
        participants,
        items,
        ..held_meeting(unit, kind, on)
    }
}

fn item(origin: ItemOrigin, content: &str, decision: Option<Decision>) -> NewItem {
    NewItem {
        origin,
        content: content.into(),
        topic: Some("compensation".into()),
        raised_by: Some("Ông Trần Văn Cường".into()),
        denunciation: false,
        from_unit: None,
        decision,
    }
}

fn at_meeting() -> Option<Decision> {
    Some(Decision {
        outcome: Some(ItemOutcome::AnsweredAtMeeting),
        ..Default::default()
    })
}

fn in_writing(due: Option<NaiveDate>, answered: Option<NaiveDate>) -> Option<Decision> {
    Some(Decision {
        outcome: Some(ItemOutcome::AnswerInWriting),
        answering_agency: Some("Phòng Tài nguyên và Môi trường".into()),
        answer_due: due,
        answered_on: answered,
        answer: answered.map(|_| "Đã trả lời bằng văn bản".into()),
        ..Default::default()
    })
}

async fn communes(store: &Store, district: &str) -> Vec<Unit> {
    let unit = store.resolve_unit(district, None).await.unwrap();
    store.children(&unit).await.unwrap()
}

async fn audit_len(store: &Store) -> i64 {
    store.verify_audit().await.unwrap().checked
}

/// Seed 004 (huyện Tam Nông, 5 years): 199 dialogues — district 05 periodic and 23 ad-hoc,
/// communes 92 periodic and 79 ad-hoc — with 9.685 participants and 1.015 opinions, all
/// answered; 173 supervisions (district 17, communes 156); one social-criticism conference.
async fn seed_004_dialogue_and_supervision_figures(store: &Store) {
    with_units(store).await;
    let sys = system();
    let district = "legacy/236";
    let communes = communes(store, district).await;
    let start = d("2020-09-01");
    let plan = [
        (None, MeetingKind::DialoguePeriodic, 5),
        (None, MeetingKind::DialogueAdHoc, 23),
        (Some(()), MeetingKind::DialoguePeriodic, 92),
        (Some(()), MeetingKind::DialogueAdHoc, 79),
    ];
    let (mut n, mut participants_left, mut items_left) = (0i64, 9_685i64, 1_015i64);
    for (commune, kind, count) in plan {
        for _ in 0..count {
            let unit = match commune {
                None => district.to_string(),
                Some(()) => label(&communes[n as usize % communes.len()]),
            };
            let left = 199 - n;
            let people = participants_left / left;
            let opinions = items_left / left;
            participants_left -= people;
            items_left -= opinions;
            let on = start + Duration::days(n * 8);
            let items = (0..opinions)
                .map(|i| {
                    if i % 4 == 3 {
                        item(
                            ItemOrigin::Collected,
                            "Tiến độ chi trả bồi thường",
                            in_writing(None, Some(on + Duration::days(9))),
                        )
                    } else {
                        item(ItemOrigin::Direct, "Sửa chữa đường giao thông nội đồng", at_meeting())
                    }
                })
                .collect();
            store
                .create_meeting(&sys, &meeting(&unit, kind, on, people, items))
                .await
                .unwrap();
            n += 1;
        }
    }
    for i in 0..173i64 {
        let unit = if i < 17 {
            district.to_string()
        } else {
            label(&communes[i as usize % communes.len()])
        };
        store
            .create_supervision(
                &sys,
                &NewSupervision {
                    unit,
                    organisation: "Ủy ban MTTQ".into(),
                    subject: "UBND xã".into(),
                    topic: "Thực hiện dân chủ ở cơ sở".into(),
                    form: SupervisionForm::Direct,
                    held_on: start + Duration::days(i * 9),
                    conclusions: Some("Cơ bản thực hiện đúng quy định".into()),
                    items: vec![],
                },
            )
            .await
            .unwrap();
    }
    let mut criticism = meeting(district, MeetingKind::SocialCriticism, d("2021-05-12"), 60, vec![]);
    criticism.topic = "Đề án phát triển công nghiệp – tiểu thủ công nghiệp giai đoạn 2021-2025".into();
    store.create_meeting(&sys, &criticism).await.unwrap();

    let stats = store
        .meeting_stats(&sys, district, d("2020-07-01"), d("2025-06-30"), Rounding::Truncate)
        .await
        .unwrap();
    assert_eq!(
        stats.dialogues_text,
        "199 hội nghị đối thoại: cấp huyện 05 định kỳ và 23 đột xuất; cấp xã 92 định kỳ và 79 đột xuất"
    );
    assert_eq!(stats.participants, 9_685 + 60);
    assert_eq!(stats.items, 1_015);
    assert_eq!(stats.answered_text, "1.015/1.015 ý kiến được trả lời, đạt 100,0%");
    assert_eq!(stats.supervisions_text, "173 cuộc: huyện 17, xã 156");
    // The list pages through all 173, newest first, each once; oldest first is the same list
    // reversed, each order with its own cursors.
    let walk = |sort: ListOrder| {
        let (store, sys) = (store.clone(), sys.clone());
        async move {
            let (mut seen, mut after) = (Vec::new(), None::<String>);
            loop {
                let query = RecordQuery {
                    sort,
                    after: after.clone(),
                    limit: Some(50),
                    ..Default::default()
                };
                let page = store.list_supervisions(&sys, &query).await.unwrap();
                seen.extend(page.items.iter().map(|r| (r.held_on, r.id)));
                match page.next {
                    Some(n) => after = Some(n),
                    None => break seen,
                }
            }
        }
    };
    let newest = walk(ListOrder::Newest).await;
    assert_eq!(newest.len(), 173);
    assert!(newest.windows(2).all(|w| w[0] > w[1]), "newest first, no repeats");
    let mut oldest = walk(ListOrder::Oldest).await;
    oldest.reverse();
    assert_eq!(oldest, newest);
    // The search box folds the words: the topic without diacritics finds all 173.
    let found = |words: &'static str| {
        let (store, sys) = (store.clone(), sys.clone());
        async move {
            let query = RecordQuery {
                q: Some(words.into()),
                limit: Some(500),
                ..Default::default()
            };
            store.list_supervisions(&sys, &query).await.unwrap().items.len()
        }
    };
    assert_eq!(found("DAN CHU o co so").await, 173);
    assert_eq!(found("trồng rừng").await, 0);
    assert_eq!(stats.criticism_conferences, 1);
    assert_eq!(stats.meetings_held, 200);
    assert!(stats.warnings.is_empty());

    // A commune's own figures are part of the district's.
    let one = store
        .meeting_stats(
            &sys,
            &label(&communes[0]),
            d("2020-07-01"),
            d("2025-06-30"),
            Rounding::Truncate,
        )
        .await
        .unwrap();
    assert!(one.dialogues > 0 && one.dialogues < 171);
    assert!(one
        .dialogues_text
        .starts_with(&format!("{} hội nghị đối thoại: cấp xã", one.dialogues)));
}

/// Seed 000 (huyện Chương Mỹ, first half of 2024): the district's two periodic dialogues with
/// 580 delegates and "67 ý kiến (45 tổng hợp, 23 trực tiếp)" — flagged, 45 + 23 ≠ 67; the
/// communes' 8 dialogues with 95 opinions, 82 answered directly and 13 in writing; 369
/// contributions to Party building (district 83, communes 286) and 441 to government building
/// (district 131, communes 310).
async fn seed_000_contributions_and_the_flagged_sum(store: &Store) {
    with_units(store).await;
    let sys = system();
    let district = "legacy/277";
    let communes = communes(store, district).await;
    let mut first = meeting(district, MeetingKind::DialoguePeriodic, d("2024-04-18"), 300, vec![]);
    first.opinions_total = Some(67);
    first.opinions_collected = Some(45);
    first.opinions_direct = Some(23);
    first.items = (0..67)
        .map(|i| {
            let origin = if i < 45 {
                ItemOrigin::Collected
            } else {
                ItemOrigin::Direct
            };
            item(origin, "Ý kiến về công tác GPMB", at_meeting())
        })
        .collect();
    let flagged = store.create_meeting(&sys, &first).await.unwrap();
    let codes: Vec<_> = flagged.warnings.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(codes, vec!["parts_sum", "recorded_direct"], "{:?}", flagged.warnings);
    assert!(flagged.warnings[0].message.contains("= 68, khác tổng số 67"));
    store
        .create_meeting(
            &sys,
            &meeting(district, MeetingKind::DialoguePeriodic, d("2024-06-20"), 280, vec![]),
        )
        .await
        .unwrap();

    let commune_kinds = [MeetingKind::DialogueAdHoc]
        .into_iter()
        .chain(std::iter::repeat_n(MeetingKind::DialoguePeriodic, 7));
    let mut written = 0;
    let mut direct = 0;
    for (i, kind) in commune_kinds.enumerate() {
        let on = d("2024-03-04") + Duration::days(i as i64 * 14);
        let opinions = if i == 7 { 95 - 12 * 7 } else { 12 };
        let items = (0..opinions)
            .map(|_| {
                if written < 13 && direct >= written * 6 {
                    written += 1;
                    item(
                        ItemOrigin::Direct,
                        "Cấp giấy chứng nhận quyền sử dụng đất",
                        in_writing(None, None),
                    )
                } else {
                    direct += 1;
                    item(ItemOrigin::Direct, "Vệ sinh môi trường", at_meeting())
                }
            })
            .collect();
        let unit = label(&communes[i % communes.len()]);
        let people = if i == 7 { 820 - 102 * 7 } else { 102 };
        store
            .create_meeting(&sys, &meeting(&unit, kind, on, people, items))
            .await
            .unwrap();
    }
    for (target, level_district, level_commune) in [
        (ContributionTarget::Party, 83, 286),
        (ContributionTarget::Government, 131, 310),
    ] {
        for (unit, n) in [
            (district.to_string(), level_district),
            (label(&communes[1]), level_commune),
        ] {
            let items = (0..n)
                .map(|_| item(ItemOrigin::Direct, "Góp ý dự thảo báo cáo", None))
                .collect();
            store
                .create_contribution(
                    &sys,
                    &NewContribution {
                        unit,
                        target,
                        organisation: "Ủy ban MTTQ".into(),
                        given_on: d("2024-05-10"),
                        document: "Dự thảo báo cáo tình hình kinh tế – xã hội 6 tháng đầu năm 2024".into(),
                        items,
                    },
                )
                .await
                .unwrap();
        }
    }

    let stats = store
        .meeting_stats(&sys, district, d("2024-01-01"), d("2024-06-30"), Rounding::Truncate)
        .await
        .unwrap();
    assert_eq!(
        stats.dialogues_text,
        "10 hội nghị đối thoại: cấp huyện 02 định kỳ và 00 đột xuất; cấp xã 07 định kỳ và 01 đột xuất"
    );
    assert_eq!(stats.participants_text, "1.400 lượt người");
    let commune_line = |key: &str| {
        stats
            .items_by_level
            .iter()
            .find(|l| l.level == danvan_domain::unit::Level::Commune && l.key == key)
            .map_or(0, |l| l.count)
    };
    assert_eq!(
        (commune_line("answered_at_meeting"), commune_line("answer_in_writing")),
        (82, 13)
    );
    assert_eq!(stats.outcome_text, "149 trả lời trực tiếp, 13 trả lời bằng văn bản");
    let party = &stats.contributions[0];
    assert_eq!(party.text, "369 ý kiến xây dựng Đảng: cấp huyện 83, cấp xã 286");
    assert_eq!(
        stats.contributions[1].text,
        "441 ý kiến xây dựng chính quyền: cấp huyện 131, cấp xã 310"
    );
    assert_eq!(stats.warnings.len(), 1);
    assert_eq!(stats.warnings[0].meeting_id, flagged.id);
    // 13 written answers still awaited: not yet "answered".
    assert_eq!(stats.answered_text, "149/162 ý kiến được trả lời, đạt 91,9%");
}

/// Items awaiting a written answer from a dialogue, a supervision and a voter contact show side
/// by side, nearest deadline first, with their overdue flags; the default deadline is ten
/// working days after the meeting.
async fn follow_up_worklist_spans_every_source(store: &Store) {
    with_units(store).await;
    let sys = system();
    let commune = "2025/00004";
    let dialogue = store
        .create_meeting(
            &sys,
            &meeting(
                commune,
                MeetingKind::DialogueThematic,
                d("2026-04-24"),
                40,
                vec![item(
                    ItemOrigin::Direct,
                    "Đơn giá bồi thường dự án Vành đai 4",
                    in_writing(None, None),
                )],
            ),
        )
        .await
        .unwrap();
    assert_eq!(dialogue.items[0].answer_due, Some(d("2026-05-13")));
    assert_eq!(dialogue.items[0].status, ItemStatus::AwaitingAnswer);
    let voters = store
        .create_meeting(
            &sys,
            &meeting(
                commune,
                MeetingKind::VoterAfterNa,
                d("2026-10-05"),
                120,
                vec![item(
                    ItemOrigin::Collected,
                    "Nâng cấp trạm y tế phường",
                    in_writing(Some(d("2026-11-30")), None),
                )],
            ),
        )
        .await
        .unwrap();
    let supervision = store
        .create_supervision(
            &sys,
            &NewSupervision {
                unit: commune.into(),
                organisation: "Ban Thanh tra nhân dân".into(),
                subject: "UBND phường".into(),
                topic: "Thu, chi các loại quỹ".into(),
                form: SupervisionForm::Boards,
                held_on: d("2026-10-20"),
                conclusions: None,
                items: vec![item(
                    ItemOrigin::Direct,
                    "Công khai quyết toán quỹ",
                    in_writing(Some(d("2026-11-12")), None),
                )],
            },
        )
        .await
        .unwrap();
    let all = store
        .follow_up(
            &sys,
            &FollowUpQuery {
                today: Some(d("2026-11-15")),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .items;
    let kinds: Vec<_> = all.iter().map(|w| (w.source_kind, w.overdue)).collect();
    assert_eq!(
        kinds,
        vec![
            (SourceKind::Meeting, true),
            (SourceKind::Supervision, true),
            (SourceKind::Meeting, false)
        ]
    );
    assert_eq!(all[0].source_label, "Đối thoại chuyên đề");
    assert_eq!(all[1].days_left, -3);
    assert_eq!(all[2].source_label, "Tiếp xúc cử tri sau kỳ họp Quốc hội");
    let overdue = store
        .follow_up(
            &sys,
            &FollowUpQuery {
                overdue: true,
                today: Some(d("2026-11-15")),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .items;
    assert_eq!(overdue.len(), 2);
    let soon = store
        .follow_up(
            &sys,
            &FollowUpQuery {
                due_within_days: Some(20),
                source: Some(SourceKind::Meeting),
                today: Some(d("2026-11-15")),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .items;
    assert_eq!(
        soon.iter().map(|w| w.item_id).collect::<Vec<_>>(),
        vec![dialogue.items[0].id, voters.items[0].id]
    );
    // One a page: the cursor walks the three in the same order; the search box folds the words.
    let mut walked = Vec::new();
    let mut after = None;
    loop {
        let query = FollowUpQuery {
            today: Some(d("2026-11-15")),
            limit: Some(1),
            after: after.clone(),
            ..Default::default()
        };
        let page = store.follow_up(&sys, &query).await.unwrap();
        walked.extend(page.items.iter().map(|w| w.item_id));
        match page.next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    assert_eq!(walked, all.iter().map(|w| w.item_id).collect::<Vec<_>>());
    let words = |q: &str| FollowUpQuery {
        q: Some(q.into()),
        today: Some(d("2026-11-15")),
        ..Default::default()
    };
    let found = store
        .follow_up(&sys, &words("CONG KHAI quyet toan"))
        .await
        .unwrap()
        .items;
    assert_eq!(
        found.iter().map(|w| w.source_kind).collect::<Vec<_>>(),
        vec![SourceKind::Supervision]
    );
    assert!(store
        .follow_up(&sys, &words("trồng rừng"))
        .await
        .unwrap()
        .items
        .is_empty());

    // The written answer arrives: the item leaves the worklist, agency and deadline kept.
    let answered = store
        .decide_item(
            &sys,
            supervision.items[0].id,
            &Decision {
                answered_on: Some(d("2026-11-10")),
                answer: Some("Đã công khai tại nhà văn hóa".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(answered.status, ItemStatus::Closed);
    assert_eq!(answered.answer_due, Some(d("2026-11-12")));
    let left = store
        .follow_up(
            &sys,
            &FollowUpQuery {
                today: Some(d("2026-11-15")),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .items;
    assert_eq!(left.len(), 2);
}

/// A commune officer works in their commune only: elsewhere is refused or invisible.
async fn scope_is_enforced(store: &Store) {
    with_units(store).await;
    let officer = add_user(store, "cb.phuong", Role::Officer, "2025/00004").await;
    let other = "2025/00008";
    let refused = store
        .create_meeting(
            &officer,
            &meeting(other, MeetingKind::DialogueAdHoc, d("2026-10-01"), 10, vec![]),
        )
        .await;
    assert_eq!(code_of(refused), ErrorCode::ForbiddenScope);
    let outside = store
        .create_meeting(
            &system(),
            &meeting(
                other,
                MeetingKind::DialogueAdHoc,
                d("2026-10-01"),
                10,
                vec![item(ItemOrigin::Direct, "Ngập úng khu dân cư", in_writing(None, None))],
            ),
        )
        .await
        .unwrap();
    assert_eq!(code_of(store.meeting(&officer, outside.id).await), ErrorCode::NotFound);
    assert_eq!(
        code_of(store.item(&officer, outside.items[0].id).await),
        ErrorCode::NotFound
    );
    let add = store
        .add_items(
            &officer,
            SourceKind::Meeting,
            outside.id,
            &[item(ItemOrigin::Direct, "x", None)],
        )
        .await;
    assert_eq!(code_of(add), ErrorCode::NotFound);
    let decided = store
        .decide_item(&officer, outside.items[0].id, &at_meeting().unwrap())
        .await;
    assert_eq!(code_of(decided), ErrorCode::NotFound);
    assert!(store
        .follow_up(&officer, &FollowUpQuery::default())
        .await
        .unwrap()
        .items
        .is_empty());
    assert!(store
        .list_meetings(&officer, &MeetingQuery::default())
        .await
        .unwrap()
        .items
        .is_empty());
    let stats = store
        .meeting_stats(&officer, other, d("2026-01-01"), d("2026-12-31"), Rounding::Truncate)
        .await;
    assert_eq!(code_of(stats), ErrorCode::ForbiddenScope);
    let viewer = add_user(store, "xem", Role::Viewer, "2025/00004").await;
    let write = store
        .create_meeting(
            &viewer,
            &meeting("2025/00004", MeetingKind::DialogueAdHoc, d("2026-10-01"), 10, vec![]),
        )
        .await;
    assert_eq!(code_of(write), ErrorCode::ForbiddenRole);
}

/// Bad input is refused with its code and writes nothing — not even the meeting when only one
/// of its items is wrong.
async fn bad_input_writes_nothing(store: &Store) {
    with_units(store).await;
    let sys = system();
    let unit = "2025/00004";
    let before = audit_len(store).await;
    let tomorrow = danvan_store::today() + Duration::days(1);
    let future = meeting(unit, MeetingKind::DialoguePeriodic, tomorrow, 10, vec![]);
    assert_eq!(
        code_of(store.create_meeting(&sys, &future).await),
        ErrorCode::FutureDate
    );
    let mut negative = meeting(unit, MeetingKind::DialoguePeriodic, d("2026-10-01"), -5, vec![]);
    assert_eq!(
        code_of(store.create_meeting(&sys, &negative).await),
        ErrorCode::Validation
    );
    negative.participants = 5;
    negative.opinions_total = Some(10);
    negative.opinions_direct = Some(12);
    assert_eq!(
        code_of(store.create_meeting(&sys, &negative).await),
        ErrorCode::PartsExceedTotal
    );
    let early = meeting(
        unit,
        MeetingKind::DialoguePeriodic,
        d("2026-10-01"),
        5,
        vec![
            item(ItemOrigin::Direct, "Đèn chiếu sáng", at_meeting()),
            item(
                ItemOrigin::Direct,
                "Thoát nước",
                in_writing(Some(d("2026-09-01")), None),
            ),
        ],
    );
    let e = store.create_meeting(&sys, &early).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::DeadlineBeforeMeeting);
    assert!(e.to_string().contains("ý kiến thứ 2"), "{e}");
    let blank = meeting(
        unit,
        MeetingKind::DialoguePeriodic,
        d("2026-10-01"),
        5,
        vec![item(ItemOrigin::Direct, "  ", None)],
    );
    assert_eq!(code_of(store.create_meeting(&sys, &blank).await), ErrorCode::Validation);
    let mut planned = meeting(
        unit,
        MeetingKind::DialoguePeriodic,
        tomorrow,
        5,
        vec![item(ItemOrigin::Collected, "Tổng hợp từ tổ dân phố", at_meeting())],
    );
    planned.held = false;
    assert_eq!(
        code_of(store.create_meeting(&sys, &planned).await),
        ErrorCode::InvalidTransition
    );
    assert_eq!(audit_len(store).await, before, "nothing audited");
    assert!(store
        .list_meetings(&sys, &MeetingQuery::default())
        .await
        .unwrap()
        .items
        .is_empty());

    // A recorded meeting: an item with no outcome cannot close, nor can the meeting.
    let m = store
        .create_meeting(
            &sys,
            &meeting(
                unit,
                MeetingKind::DialoguePeriodic,
                d("2026-10-01"),
                5,
                vec![item(ItemOrigin::Direct, "Rác thải", None)],
            ),
        )
        .await
        .unwrap();
    let before = audit_len(store).await;
    let none = store.decide_item(&sys, m.items[0].id, &Decision::default()).await;
    assert_eq!(code_of(none), ErrorCode::OutcomeRequired);
    let no_reason = Decision {
        outcome: Some(ItemOutcome::NotAccepted),
        ..Default::default()
    };
    assert_eq!(
        code_of(store.decide_item(&sys, m.items[0].id, &no_reason).await),
        ErrorCode::Validation
    );
    let announce = MeetingStep {
        action: MeetingAction::Announce,
        on: Some(d("2026-10-05")),
        minutes: None,
        participants: None,
        form: Some("Loa truyền thanh phường".into()),
    };
    store.step_meeting(&sys, m.id, &announce).await.unwrap();
    let close = MeetingStep {
        action: MeetingAction::Close,
        on: None,
        minutes: None,
        participants: None,
        form: None,
    };
    assert_eq!(
        code_of(store.step_meeting(&sys, m.id, &close).await),
        ErrorCode::OpenItems
    );
    assert_eq!(
        code_of(store.step_meeting(&sys, m.id, &announce).await),
        ErrorCode::InvalidTransition
    );
    assert_eq!(audit_len(store).await, before + 1, "only the announcement was written");
    assert_eq!(
        store.meeting(&sys, m.id).await.unwrap().status,
        MeetingStatus::Announced
    );
}

/// Planned → held → announced → closed, with items decided on the way; the list pages by
/// keyset.
async fn a_meeting_lives_from_plan_to_close(store: &Store) {
    with_units(store).await;
    let sys = system();
    let unit = "2025/00004";
    let mut plan = meeting(
        unit,
        MeetingKind::VoterBeforeHdnd,
        d("2026-09-14"),
        0,
        vec![item(
            ItemOrigin::Collected,
            "Cử tri tổ 5 đề nghị lắp camera an ninh",
            None,
        )],
    );
    plan.held = false;
    plan.schedule_posted_on = Some(d("2026-09-07"));
    let m = store.create_meeting(&sys, &plan).await.unwrap();
    assert_eq!(
        (m.status, m.allowed_actions.clone()),
        (MeetingStatus::Planned, vec![MeetingAction::Hold])
    );
    assert_eq!(
        code_of(store.decide_item(&sys, m.items[0].id, &at_meeting().unwrap()).await),
        ErrorCode::InvalidTransition
    );
    let held = store
        .step_meeting(
            &sys,
            m.id,
            &MeetingStep {
                action: MeetingAction::Hold,
                on: Some(d("2026-09-15")),
                minutes: Some("Biên bản tiếp xúc cử tri".into()),
                participants: Some(135),
                form: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (held.status, held.held_on, held.participants),
        (MeetingStatus::Held, d("2026-09-15"), 135)
    );
    store
        .add_items(
            &sys,
            SourceKind::Meeting,
            m.id,
            &[item(ItemOrigin::Direct, "Đường ngõ 12 xuống cấp", at_meeting())],
        )
        .await
        .unwrap();
    store
        .decide_item(&sys, m.items[0].id, &at_meeting().unwrap())
        .await
        .unwrap();
    store
        .step_meeting(
            &sys,
            m.id,
            &MeetingStep {
                action: MeetingAction::Announce,
                on: Some(d("2026-09-20")),
                minutes: None,
                participants: None,
                form: Some("Niêm yết tại nhà văn hóa".into()),
            },
        )
        .await
        .unwrap();
    let closed = store
        .step_meeting(
            &sys,
            m.id,
            &MeetingStep {
                action: MeetingAction::Close,
                on: Some(d("2026-09-25")),
                minutes: None,
                participants: None,
                form: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(closed.status, MeetingStatus::Closed);
    assert_eq!(closed.announce_form.as_deref(), Some("Niêm yết tại nhà văn hóa"));
    assert_eq!(closed.items.len(), 2);
    let mut skipped = meeting(unit, MeetingKind::DialoguePeriodic, d("2026-12-20"), 0, vec![]);
    skipped.held = false;
    store.create_meeting(&sys, &skipped).await.unwrap();
    let stats = store
        .meeting_stats(&sys, unit, d("2026-01-01"), d("2026-12-31"), Rounding::Truncate)
        .await
        .unwrap();
    assert_eq!(stats.plan_text, "Kế hoạch 2 hội nghị, đã tổ chức 1, còn 1 chưa tổ chức");
    assert_eq!(stats.meetings_held, 1, "a plan is not a meeting held");
    // The items: raised while planned, counted once held; one added since; one decided. Whole
    // months are read from the monthly counts, the days of a cut month from the items: both
    // ways give the same figures.
    let items_of = |s: &danvan_domain::meeting::MeetingStats| (s.items, s.answered, s.items_by_outcome.clone());
    assert_eq!(stats.items, 2, "{:?}", stats.items_by_outcome);
    for (from, to) in [
        ("2026-09-01", "2026-09-30"),
        ("2026-09-15", "2026-09-15"),
        ("2026-09-10", "2026-10-31"),
    ] {
        let part = store
            .meeting_stats(&sys, unit, d(from), d(to), Rounding::Truncate)
            .await
            .unwrap();
        assert_eq!(items_of(&part), items_of(&stats), "{from}..{to}");
    }
    let before = store
        .meeting_stats(&sys, unit, d("2026-08-01"), d("2026-08-31"), Rounding::Truncate)
        .await
        .unwrap();
    assert_eq!(before.items, 0);
    // The meetings and the plans the same way: whole months from their monthly counts, the days
    // of a cut month from the meetings.
    assert_eq!(stats.participants, 135, "counted when held");
    let meetings_of = |s: &danvan_domain::meeting::MeetingStats| {
        (
            s.meetings_held,
            s.participants,
            s.by_level_kind.clone(),
            s.plan_text.clone(),
        )
    };
    for (from, to) in [
        ("2026-09-01", "2026-12-31"),
        ("2026-09-10", "2026-12-25"),
        ("2026-09-15", "2026-12-20"),
    ] {
        let part = store
            .meeting_stats(&sys, unit, d(from), d(to), Rounding::Truncate)
            .await
            .unwrap();
        assert_eq!(meetings_of(&part), meetings_of(&stats), "{from}..{to}");
    }

    for i in 0..4 {
        store
            .create_meeting(
                &sys,
                &meeting(
                    unit,
                    MeetingKind::DialogueAdHoc,
                    d("2026-08-01") + Duration::days(i),
                    5,
                    vec![],
                ),
            )
            .await
            .unwrap();
    }
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .list_meetings(
                &sys,
                &MeetingQuery {
                    after: after.clone(),
                    limit: Some(2),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        seen.extend(page.items.iter().map(|m| m.held_on));
        match page.next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    assert_eq!(seen.len(), 6);
    assert!(seen.windows(2).all(|w| w[0] >= w[1]), "newest first: {seen:?}");
    let voters = store
        .list_meetings(
            &sys,
            &MeetingQuery {
                kind: Some(MeetingKind::VoterBeforeHdnd),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(voters.items.len(), 1);
}

fn petition_for(unit: &str, on: &str) -> NewPetition {
    NewPetition {
        unit: unit.into(),
        organisation_id: None,
        kind: PetitionKind::Denunciation,
        round: 1,
        previous_code: None,
        channel: Channel::InPerson,
        received_on: d(on),
        subject: "Tố cáo sai phạm trong bồi thường".into(),
        content: "Cán bộ địa chính lập hồ sơ khống".into(),
        topic: "compensation".into(),
        petitioners: vec![Petitioner {
            name: "Lê Thị Hoa".into(),
            cccd: None,
            phone: None,
            address: None,
            address_unit: None,
        }],
        anonymous: false,
        remote: false,
    }
}

/// A denunciation raised at a dialogue becomes a petition, linked both ways; its author is
/// hidden from other officers.
async fn an_item_becomes_a_petition(store: &Store) {
    with_units(store).await;
    let officer = add_user(store, "cb.ghi", Role::Officer, "2025/00004").await;
    let colleague: Actor = add_user(store, "cb.khac", Role::Officer, "2025/00004").await;
    let mut raised = item(ItemOrigin::Direct, "Tố cáo cán bộ địa chính lập hồ sơ khống", None);
    raised.denunciation = true;
    raised.raised_by = Some("Bà Lê Thị Hoa".into());
    let m = store
        .create_meeting(
            &officer,
            &meeting(
                "2025/00004",
                MeetingKind::DialogueAdHoc,
                d("2026-10-02"),
                30,
                vec![raised],
            ),
        )
        .await
        .unwrap();
    let id = m.items[0].id;
    assert_eq!(m.items[0].raised_by.as_deref(), Some("Bà Lê Thị Hoa"));
    assert_eq!(
        store.item(&colleague, id).await.unwrap().raised_by.as_deref(),
        Some(REDACTED)
    );

    let early = store
        .item_to_petition(&officer, id, &petition_for("2025/00004", "2026-10-01"))
        .await;
    assert_eq!(code_of(early), ErrorCode::InvalidDate);
    let p = store
        .item_to_petition(&officer, id, &petition_for("2025/00004", "2026-10-05"))
        .await
        .unwrap();
    assert_eq!(p.channel, Channel::Meeting);
    let linked = store.item(&officer, id).await.unwrap();
    assert_eq!(linked.petition_code.as_deref(), Some(p.code.as_str()));
    assert_eq!(
        (linked.status, linked.outcome),
        (ItemStatus::Closed, Some(ItemOutcome::Forwarded))
    );
    let back = store.item_of_petition(&officer, &p.code).await.unwrap().unwrap();
    assert_eq!(back.id, id);
    let again = store
        .item_to_petition(&officer, id, &petition_for("2025/00004", "2026-10-05"))
        .await;
    assert_eq!(code_of(again), ErrorCode::Validation);
    assert_eq!(store.petition(&officer, &p.code).await.unwrap().code, p.code);
}

/// Communes that held no dialogue in a year are behind; one that did is not.
async fn compliance_shows_who_is_behind(store: &Store) {
    with_units(store).await;
    let sys = system();
    let district = "legacy/277";
    let communes = communes(store, district).await;
    store
        .create_meeting(
            &sys,
            &meeting(
                &label(&communes[0]),
                MeetingKind::DialoguePeriodic,
                d("2024-09-10"),
                90,
                vec![],
            ),
        )
        .await
        .unwrap();
    // The commune secretary's two reception days in each month of 2024, and one chair's day.
    for month in 1..=12u32 {
        for day in [5u32, 19] {
            let reception = danvan_domain::reception::NewReception {
                unit: label(&communes[0]),
                kind: danvan_domain::reception::ReceptionKind::LeaderPeriodic,
                held_on: NaiveDate::from_ymd_opt(2024, month, day).unwrap(),
                receiver: "Nguyễn Văn Bình".into(),
                receiver_position: "Bí thư Đảng ủy xã".into(),
                host: danvan_domain::reception::ReceptionHost::PartySecretary,
                citizens: 3,
                delegations: 0,
                delegation_people: 0,
                matters: vec![],
                note: None,
            };
            store.create_reception(&sys, &reception).await.unwrap();
        }
    }
    let view = store
        .meeting_compliance(&sys, district, d("2024-01-01"), d("2024-12-31"))
        .await
        .unwrap();
    let rule = |unit: &Unit, code: &str| {
        view.iter()
            .find(|u| u.unit == label(unit))
            .and_then(|u| u.lines.iter().find(|l| l.rule == code))
            .map(|l| (l.required, l.held, l.behind))
    };
    assert_eq!(
        rule(&communes[0], "party_secretary_commune_monthly"),
        Some((24, 24, false))
    );
    assert_eq!(
        rule(&communes[1], "party_secretary_commune_monthly"),
        Some((24, 0, true))
    );
    // The secretary's days are not the chair's.
    assert_eq!(
        rule(&communes[0], "reception_commune_chair_weekly").map(|r| r.1),
        Some(0)
    );
    let dialogue = |unit: &Unit| {
        view.iter()
            .find(|u| u.unit == label(unit))
            .and_then(|u| u.lines.iter().find(|l| l.rule == "dialogue_commune_yearly"))
            .map(|l| (l.required, l.held, l.behind))
    };
    assert_eq!(dialogue(&communes[0]), Some((1, 1, false)));
    assert_eq!(dialogue(&communes[1]), Some((1, 0, true)));
    assert!(
        view.iter().any(|u| u.unit == district && u.behind),
        "the district's chair held no reception"
    );
}

/// The ids of the meetings whose counts the statistics of [from, to] warn about.
async fn warned_meetings(store: &Store, unit: &str, from: NaiveDate, to: NaiveDate) -> Vec<i64> {
    let stats = store
        .meeting_stats(&system(), unit, from, to, Rounding::Truncate)
        .await
        .unwrap();
    let mut ids: Vec<i64> = stats.warnings.iter().map(|w| w.meeting_id).collect();
    ids.sort_unstable();
    ids
}

/// A report lists every inconsistent meeting of its period: one typed consistently that becomes
/// inconsistent when items are added later, one among many consistent ones, and one stored
/// before the check existed (migration 0049 leaves it unchecked; migrating checks it).
async fn every_inconsistent_meeting_reaches_the_report(store: &Store) {
    with_units(store).await;
    let sys = system();
    let district = "legacy/277";
    let period = (d("2024-01-01"), d("2024-06-30"));
    let typed = |on: &str, total, collected, direct| {
        let mut m = meeting(district, MeetingKind::DialogueAdHoc, d(on), 50, vec![]);
        m.opinions_total = Some(total);
        m.opinions_collected = Some(collected);
        m.opinions_direct = Some(direct);
        m
    };
    for day in 1..=20 {
        store
            .create_meeting(&sys, &typed(&format!("2024-02-{day:02}"), 3, 1, 2))
            .await
            .unwrap();
    }
    let later = store.create_meeting(&sys, &typed("2024-03-05", 2, 1, 1)).await.unwrap();
    assert!(later.warnings.is_empty());
    assert_eq!(
        warned_meetings(store, district, period.0, period.1).await,
        Vec::<i64>::new()
    );

    // Three direct opinions recorded against 2 typed (1 collected, 1 direct).
    let items: Vec<NewItem> = (0..3).map(|_| item(ItemOrigin::Direct, "Đường làng", None)).collect();
    store
        .add_items(&sys, SourceKind::Meeting, later.id, &items)
        .await
        .unwrap();
    assert_eq!(
        warned_meetings(store, district, period.0, period.1).await,
        vec![later.id]
    );

    let summed = store
        .create_meeting(&sys, &typed("2024-04-01", 67, 45, 23))
        .await
        .unwrap();
    assert_eq!(
        warned_meetings(store, district, period.0, period.1).await,
        vec![later.id, summed.id]
    );

    // As if stored before migration 0049: unchecked, and the figures cached before.
    store
        .raw_execute_for_tests(&format!(
            "UPDATE meetings SET count_warnings = -1 WHERE id IN ({}, {})",
            later.id, summed.id
        ))
        .await
        .unwrap();
    store.migrate().await.unwrap();
    store
        .raw_execute_for_tests("UPDATE meetings SET count_warnings = count_warnings WHERE count_warnings < 0")
        .await
        .map(|n| assert_eq!(n, 0, "every meeting is checked after migrating"))
        .unwrap();
    // A day shorter: not the figures cached before the migration.
    assert_eq!(
        warned_meetings(store, district, period.0, d("2024-06-29")).await,
        vec![later.id, summed.id]
    );

    // More than the statistics name one by one: the oldest are named, all are counted, the
    // meeting list's filter shows every one, and the report says how many it did not name.
    for day in 1..=MEETING_WARNINGS_LISTED {
        store
            .create_meeting(&sys, &typed(&format!("2024-05-{day:02}"), 5, 1, 1))
            .await
            .unwrap();
    }
    let stats = store
        .meeting_stats(&sys, district, period.0, period.1, Rounding::Truncate)
        .await
        .unwrap();
    assert_eq!(stats.warnings_total, MEETING_WARNINGS_LISTED + 2);
    assert_eq!(stats.warnings.len() as i64, MEETING_WARNINGS_LISTED);
    assert_eq!(
        (stats.warnings[0].meeting_id, stats.warnings[1].meeting_id),
        (later.id, summed.id)
    );
    let listed = store
        .list_meetings(
            &sys,
            &MeetingQuery {
                unit: Some(district.into()),
                inconsistent: true,
                limit: Some(500),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(listed.items.len() as i64, stats.warnings_total);
    assert!(listed.items.iter().all(|m| !m.warnings.is_empty()));
    let input = store
        .report_input(
            &sys,
            district,
            &danvan_domain::period::PeriodSpec::parse("2024-01-01..2024-06-30").unwrap(),
            "party",
            Rounding::Truncate,
        )
        .await
        .unwrap();
    let named = input
        .gathered_warnings
        .iter()
        .filter(|w| w.code == "meeting_counts")
        .count();
    let more = input
        .gathered_warnings
        .iter()
        .find(|w| w.code == "meeting_counts_more")
        .expect("the report counts the meetings it does not name");
    assert_eq!(named as i64, MEETING_WARNINGS_LISTED);
    assert!(more.message.starts_with("Còn 2 hội nghị khác"), "{}", more.message);
    assert!(
        more.link
            .as_deref()
            .is_some_and(|l| l.starts_with("/meetings?inconsistent=true&unit=legacy/277&from=01/01/2024")),
        "{:?}",
        more.link
    );
}

/// The meeting list's search box: words of the topic, organiser, place or GPMB project, with or
/// without diacritics, in any case; meetings stored before the search key existed are found
/// once migrating has folded theirs.
async fn meetings_are_found_by_their_words(store: &Store) {
    with_units(store).await;
    let sys = system();
    let unit = "2025/00004";
    let mut thematic = meeting(unit, MeetingKind::DialogueThematic, d("2026-04-24"), 120, vec![]);
    thematic.topic = "Đối thoại về bồi thường dự án Vành đai 4".into();
    thematic.organiser = "Đảng ủy – UBND phường Ba Đình".into();
    let thematic = store.create_meeting(&sys, &thematic).await.unwrap();
    let mut voters = meeting(unit, MeetingKind::VoterBeforeHdnd, d("2026-05-10"), 80, vec![]);
    voters.topic = "Tiếp xúc cử tri trước kỳ họp".into();
    voters.place = Some("Nhà văn hóa tổ dân phố 5".into());
    let voters = store.create_meeting(&sys, &voters).await.unwrap();
    let found = |text: &'static str| {
        let store = store.clone();
        async move {
            let query = MeetingQuery {
                q: Some(text.into()),
                ..Default::default()
            };
            let page = store.list_meetings(&system(), &query).await.unwrap();
            page.items.into_iter().map(|m| m.id).collect::<Vec<_>>()
        }
    };
    assert_eq!(found("vanh dai 4").await, vec![thematic.id]);
    assert_eq!(found("ĐẢNG ỦY").await, vec![thematic.id], "the organiser");
    assert_eq!(found("nha van hoa").await, vec![voters.id], "the place");
    assert_eq!(
        found("ủy").await,
        vec![voters.id, thematic.id],
        "both organisers, newest first"
    );
    assert!(found("cầu Thăng Long").await.is_empty());
    assert_eq!(found("  ").await.len(), 2, "a blank box filters nothing");

    store
        .raw_execute_for_tests("UPDATE meetings SET search_text = NULL")
        .await
        .unwrap();
    store.migrate().await.unwrap();
    assert_eq!(found("doi thoai").await, vec![thematic.id]);
}

store_tests!(
    seed_004_dialogue_and_supervision_figures,
    seed_000_contributions_and_the_flagged_sum,
    follow_up_worklist_spans_every_source,
    scope_is_enforced,
    bad_input_writes_nothing,
    a_meeting_lives_from_plan_to_close,
    an_item_becomes_a_petition,
    compliance_shows_who_is_behind,
    every_inconsistent_meeting_reaches_the_report,
    meetings_are_found_by_their_words,
);
