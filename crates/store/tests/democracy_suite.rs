//! Grassroots democracy, GPMB and the people's situation on both backends: the disclosure
//! compliance view flags a late and a too-short posting, votes compute their outcome with the
//! right threshold, GPMB progress comes from per-household records, issues are escalated, and
//! bad input writes nothing.

mod common;

use chrono::NaiveDate;
use common::{add_user, system, with_units};
use danvan_domain::democracy::{
    BoardKind, BoardReportPeriod, BoardRole, ConsultForm, ConsultMatter, DecisionMatter, DecisionScope, DisclosureForm,
    DisclosureTiming, NewBoard, NewBoardMember, NewBoardReport, NewConsultation, NewDisclosure, NewResidentDecision,
    PostingState, PostingUpdate, Proposer, Recognition, RecognitionStatus, Threshold, VoteForm, VoteOutcome,
};
use danvan_domain::gpmb::{
    HouseholdChange, HouseholdState, LandType, MobilizationForce, NewHousehold, NewMilestone, NewMobilization,
    NewProject, ProcedureSteps,
};
use danvan_domain::meeting::{Decision, ItemOrigin, ItemOutcome, ItemStatus, NewItem, SourceKind};
use danvan_domain::petition::{Channel, NewPetition, PetitionKind, Petitioner};
use danvan_domain::role::Role;
use danvan_domain::situation::{
    IssueAction, IssueKind, IssueStatus, IssueStep, Mood, NewIssue, NewSituationReport, Severity,
};
use danvan_domain::ErrorCode;
use danvan_store::{DisclosureQuery, FollowUpQuery, IssueQuery, ProjectQuery, RecordQuery, Store, StoreError};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn code_of<T: std::fmt::Debug>(r: Result<T, StoreError>) -> ErrorCode {
    r.expect_err("expected an error").code()
}

async fn audit_len(store: &Store) -> i64 {
    store.verify_audit().await.unwrap().checked
}

const COMMUNE: &str = "2025/00004";
const OTHER: &str = "2025/00008";

fn disclosure(item: &str, decided: &str, start: Option<&str>, end: Option<&str>) -> NewDisclosure {
    NewDisclosure {
        unit: COMMUNE.into(),
        item: item.into(),
        title: format!("Công khai {item}"),
        content: None,
        decision_ref: Some("12/QĐ-UBND".into()),
        decided_on: d(decided),
        forms: vec![DisclosureForm::Posting, DisclosureForm::Portal],
        place: Some("Trụ sở UBND phường".into()),
        start_on: start.map(d),
        end_on: end.map(d),
        required_days: None,
        loudspeaker_days: None,
        gpmb_project_id: None,
    }
}

/// Done-when scenario: of the decisions of Q3/2024 one was disclosed on time and posted 30
/// days, one late, one posted only 20 days, one never; the view flags the late and the short
/// one, counts the missing one, and the quarterly list shows what was disclosed in the quarter.
async fn compliance_flags_a_late_and_a_too_short_posting(store: &Store) {
    with_units(store).await;
    let sys = system();
    // Thu 01/08/2024 → due Thu 08/08/2024.
    let good = store
        .create_disclosure(
            &sys,
            &disclosure("CK_02", "2024-08-01", Some("2024-08-05"), Some("2024-09-03")),
        )
        .await
        .unwrap();
    assert_eq!(good.check.due_on, d("2024-08-08"));
    assert_eq!(good.check.timing, DisclosureTiming::OnTime);
    assert_eq!(good.check.posting, PostingState::Complete);
    let late = store
        .create_disclosure(
            &sys,
            &disclosure("CK_03", "2024-08-01", Some("2024-08-12"), Some("2024-09-20")),
        )
        .await
        .unwrap();
    assert_eq!(late.check.timing, DisclosureTiming::Late);
    assert_eq!(late.check.working_days_late, 2);
    let short = store
        .create_disclosure(
            &sys,
            &disclosure("CK_05", "2024-09-02", Some("2024-09-05"), Some("2024-09-24")),
        )
        .await
        .unwrap();
    assert_eq!(short.check.days_posted, Some(20));
    assert_eq!(short.check.posting, PostingState::TooShort);
    let never = store
        .create_disclosure(&sys, &disclosure("CK_07", "2024-09-10", None, None))
        .await
        .unwrap();
    assert_eq!(never.check.timing, DisclosureTiming::Missing);
    // Another commune's disclosure stays out of this commune's view.
    let mut elsewhere = disclosure("CK_03", "2024-08-01", Some("2024-08-20"), None);
    elsewhere.unit = OTHER.into();
    store.create_disclosure(&sys, &elsewhere).await.unwrap();

    let view = store
        .disclosure_compliance(&sys, COMMUNE, d("2024-07-01"), d("2024-09-30"))
        .await
        .unwrap();
    assert_eq!(
        (view.due, view.on_time, view.late, view.missing, view.too_short),
        (4, 2, 1, 1, 1)
    );
    let flagged: Vec<(i64, Vec<String>)> = view
        .problems
        .iter()
        .map(|p| (p.id, p.check.findings.iter().map(|f| f.code.clone()).collect()))
        .collect();
    assert_eq!(
        flagged,
        vec![
            (late.id, vec!["late".to_string()]),
            (short.id, vec!["too_short".to_string()]),
            (never.id, vec!["missing".to_string()]),
        ]
    );
    assert_eq!(
        view.text,
        "Đến hạn 4 nội dung: đúng hạn 2, chậm 1, chưa công khai 1; 1 nội dung niêm yết chưa đủ thời gian"
    );

    let quarter = store.disclosure_quarter(&sys, COMMUNE, 2024, 3).await.unwrap();
    let ids: Vec<i64> = quarter.iter().map(|q| q.id).collect();
    assert_eq!(ids, vec![good.id, late.id, short.id]);

    // Recording the posting later turns the missing one into a late one.
    let posted = store
        .update_disclosure_posting(
            &sys,
            never.id,
            &PostingUpdate {
                forms: vec![DisclosureForm::Posting, DisclosureForm::Loudspeaker],
                place: None,
                start_on: Some(d("2024-10-01")),
                end_on: None,
                loudspeaker_days: Some(3),
            },
        )
        .await
        .unwrap();
    assert_eq!(posted.check.timing, DisclosureTiming::Late);
    assert_eq!(posted.check.posting, PostingState::Complete);

    let stats = store
        .disclosure_stats(&sys, COMMUNE, d("2024-07-01"), d("2024-09-30"))
        .await
        .unwrap();
    assert_eq!(
        (stats.recorded, stats.late, stats.missing, stats.too_short),
        (4, 2, 0, 1)
    );
    assert_eq!(
        stats.text,
        "Công khai 4 nội dung, đúng hạn 2, chậm 2, chưa công khai 0; 1 nội dung niêm yết chưa đủ thời gian"
    );
    assert_eq!(stats.by_item.len(), 4);

    // The list pages by keyset, newest decision first, ties by id, each row once.
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .list_disclosures(
                &sys,
                &DisclosureQuery {
                    after: after.clone(),
                    limit: Some(2),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert!(page.items.len() <= 2);
        seen.extend(page.items.iter().map(|d| (d.decided_on, d.id)));
        match page.next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    let mut sorted = seen.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!((seen.len(), &seen), (5, &sorted));
    assert_eq!(
        code_of(
            store
                .list_disclosures(
                    &sys,
                    &DisclosureQuery {
                        after: Some("hôm qua".into()),
                        ..Default::default()
                    }
                )
                .await
        ),
        ErrorCode::Validation
    );
}

/// A posting that ends before it starts is refused and writes nothing; so is an unknown item.
async fn bad_disclosures_write_nothing(store: &Store) {
    with_units(store).await;
    let sys = system();
    let before = audit_len(store).await;
    let e = store
        .create_disclosure(
            &sys,
            &disclosure("CK_03", "2024-08-01", Some("2024-08-10"), Some("2024-08-09")),
        )
        .await;
    assert_eq!(code_of(e), ErrorCode::PostingEndsBeforeStart);
    let e = store
        .create_disclosure(&sys, &disclosure("CK_15", "2024-08-01", None, None))
        .await;
    assert_eq!(code_of(e), ErrorCode::Validation);
    // An import with one bad row writes none of them.
    let rows = vec![
        disclosure("CK_01", "2024-08-01", Some("2024-08-02"), None),
        disclosure("CK_02", "2024-08-01", Some("2024-08-10"), Some("2024-08-01")),
    ];
    let failures = store.import_disclosures(&sys, &rows).await.unwrap().unwrap_err();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].0, 1);
    assert_eq!(failures[0].1.code(), ErrorCode::PostingEndsBeforeStart);
    assert_eq!(audit_len(store).await, before);
    assert!(store
        .list_disclosures(&sys, &DisclosureQuery::default())
        .await
        .unwrap()
        .items
        .is_empty());
    let ids = store.import_disclosures(&sys, &rows[..1]).await.unwrap().unwrap();
    assert_eq!(ids.len(), 1);
}

fn vote(matter: DecisionMatter, electorate: i64, yes: i64, no: i64) -> NewResidentDecision {
    NewResidentDecision {
        unit: COMMUNE.into(),
        matter,
        scope: DecisionScope::Village,
        form: VoteForm::Meeting,
        title: "Đóng góp bê tông hóa ngõ 12".into(),
        voted_on: d("2024-10-05"),
        electorate,
        present: None,
        votes_for: yes,
        votes_against: no,
        votes_other: 0,
        quorum_failed: false,
        sent_on: Some(d("2024-10-07")),
        notes: None,
        proposer: None,
        initiative_households: None,
        consent_on: None,
        front_approved: false,
        online_opt_in: None,
        ballot_announced_on: None,
        ballot_distributed_on: None,
        team_size: None,
    }
}

/// Điều 16, 17, 19 and NĐ 59/2023 Điều 5: a citizen initiative is stored with its consent; an
/// initiative of under 10 %, an online vote with half the households opting in, a ballot
/// announced one day ahead or a team of six are refused with their codes, writing nothing.
async fn vote_procedure_rules_write_nothing_when_broken(store: &Store) {
    with_units(store).await;
    let sys = system();
    let mut initiative = vote(DecisionMatter::SelfGoverning, 120, 80, 10);
    initiative.title = "Lắp camera an ninh các ngõ".into();
    initiative.proposer = Some(Proposer::Citizens);
    initiative.initiative_households = Some(12);
    initiative.consent_on = Some(d("2024-08-01"));
    let r = store.create_resident_decision(&sys, &initiative).await.unwrap();
    assert_eq!(r.proposer, Proposer::Citizens);
    assert_eq!(
        (r.initiative_households, r.consent_on),
        (Some(12), Some(d("2024-08-01")))
    );
    assert!(!r.front_approved);
    // Read back the same from the list.
    let listed = store
        .list_resident_decisions(&sys, &RecordQuery::default())
        .await
        .unwrap()
        .items;
    assert_eq!(listed[0].initiative_households, Some(12));

    let mut ballot = vote(DecisionMatter::Contribution, 100, 70, 10);
    ballot.form = VoteForm::Ballot;
    ballot.ballot_announced_on = Some(d("2024-09-28"));
    ballot.ballot_distributed_on = Some(d("2024-09-30"));
    ballot.team_size = Some(5);
    let b = store.create_resident_decision(&sys, &ballot).await.unwrap();
    assert_eq!((b.ballot_distributed_on, b.team_size), (Some(d("2024-09-30")), Some(5)));
    assert_eq!(b.proposer, Proposer::VillageHead);

    let mut on = vote(DecisionMatter::SelfGoverning, 100, 60, 10);
    on.form = VoteForm::Online;
    on.online_opt_in = Some(51);
    on.team_size = Some(3);
    let o = store.create_resident_decision(&sys, &on).await.unwrap();
    assert_eq!((o.online_opt_in, o.team_size), (Some(51), Some(3)));

    let before = (audit_len(store).await, listed.len() + 2);
    let mut few = initiative.clone();
    few.initiative_households = Some(11);
    assert_eq!(
        code_of(store.create_resident_decision(&sys, &few).await),
        ErrorCode::InitiativeTooFewHouseholds
    );
    let mut stale = initiative.clone();
    stale.consent_on = Some(d("2024-07-04"));
    assert_eq!(
        code_of(store.create_resident_decision(&sys, &stale).await),
        ErrorCode::InitiativeConsentExpired
    );
    let mut half = on.clone();
    half.online_opt_in = Some(50);
    assert_eq!(
        code_of(store.create_resident_decision(&sys, &half).await),
        ErrorCode::OnlineOptInTooLow
    );
    let mut hurried = ballot.clone();
    hurried.ballot_announced_on = Some(d("2024-09-29"));
    assert_eq!(
        code_of(store.create_resident_decision(&sys, &hurried).await),
        ErrorCode::BallotNoticeTooShort
    );
    let mut six = ballot.clone();
    six.team_size = Some(6);
    assert_eq!(
        code_of(store.create_resident_decision(&sys, &six).await),
        ErrorCode::TeamSizeOutOfRange
    );
    let mut online_convention = on.clone();
    online_convention.matter = DecisionMatter::Convention;
    assert_eq!(
        code_of(store.create_resident_decision(&sys, &online_convention).await),
        ErrorCode::VoteFormNotAllowed
    );
    let after = store
        .list_resident_decisions(&sys, &RecordQuery::default())
        .await
        .unwrap()
        .items;
    assert_eq!((audit_len(store).await, after.len()), before);
}

/// Contributions pass with ≥ 2/3 of all households, other matters with > 50 %; a passed
/// convention awaits the commune's recognition, due 5 working days after receipt.
async fn votes_compute_their_outcome(store: &Store) {
    with_units(store).await;
    let sys = system();
    let two_thirds = store
        .create_resident_decision(&sys, &vote(DecisionMatter::Contribution, 300, 200, 90))
        .await
        .unwrap();
    assert_eq!(two_thirds.threshold, Threshold::TwoThirds);
    assert_eq!(two_thirds.outcome, VoteOutcome::Passed);
    assert_eq!(two_thirds.recognition, RecognitionStatus::NotNeeded);
    let short = store
        .create_resident_decision(&sys, &vote(DecisionMatter::Contribution, 300, 199, 90))
        .await
        .unwrap();
    assert_eq!(short.outcome, VoteOutcome::Rejected);
    // 60 % is a majority but not enough for a contribution.
    let sixty = store
        .create_resident_decision(&sys, &vote(DecisionMatter::CommunityFunds, 100, 60, 40))
        .await
        .unwrap();
    assert_eq!(sixty.outcome, VoteOutcome::Rejected);
    let half = store
        .create_resident_decision(&sys, &vote(DecisionMatter::Convention, 100, 50, 50))
        .await
        .unwrap();
    assert_eq!(
        (half.threshold, half.outcome),
        (Threshold::Majority, VoteOutcome::Rejected)
    );
    let convention = store
        .create_resident_decision(&sys, &vote(DecisionMatter::Convention, 100, 51, 49))
        .await
        .unwrap();
    assert_eq!(convention.outcome, VoteOutcome::Passed);
    assert_eq!(convention.recognition, RecognitionStatus::Awaiting);
    assert_eq!(convention.recognising_body.as_deref(), Some("UBND xã"));
    assert_eq!(convention.timeline.recognition_due, Some(d("2024-10-14")));
    assert!(convention.timeline.recognition_overdue);

    let recognised = store
        .recognise_decision(
            &sys,
            convention.id,
            &Recognition {
                on: d("2024-10-16"),
                refused: false,
                reason: None,
                decision_number: Some("45/QĐ-UBND".into()),
                received_on: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(recognised.recognition, RecognitionStatus::Recognised);
    assert!(recognised.timeline.recognition_late);
    let again = store
        .recognise_decision(
            &sys,
            convention.id,
            &Recognition {
                on: d("2024-10-16"),
                refused: false,
                reason: None,
                decision_number: None,
                received_on: None,
            },
        )
        .await;
    assert_eq!(code_of(again), ErrorCode::InvalidTransition);
    let not_passed = store
        .recognise_decision(
            &sys,
            half.id,
            &Recognition {
                on: d("2024-10-16"),
                refused: false,
                reason: None,
                decision_number: None,
                received_on: None,
            },
        )
        .await;
    assert_eq!(code_of(not_passed), ErrorCode::InvalidTransition);

    // More votes than households: refused, nothing written.
    let before = audit_len(store).await;
    let e = store
        .create_resident_decision(&sys, &vote(DecisionMatter::Contribution, 100, 70, 31))
        .await;
    assert_eq!(code_of(e), ErrorCode::VotesExceedHouseholds);
    assert_eq!(audit_len(store).await, before);

    let stats = store
        .resident_decision_stats(&sys, COMMUNE, d("2024-01-01"), d("2024-12-31"))
        .await
        .unwrap();
    assert_eq!((stats.decisions, stats.passed, stats.rejected), (5, 2, 3));
    assert_eq!((stats.recognised, stats.recognition_late), (1, 1));
    assert_eq!(
        stats.text,
        "05 nội dung Nhân dân bàn và quyết định: 02 được thông qua, 03 không được thông qua"
    );
}

fn opinion(content: &str) -> NewItem {
    NewItem {
        origin: ItemOrigin::Direct,
        content: content.into(),
        topic: Some("compensation".into()),
        raised_by: Some("Ông Nguyễn Văn Tư".into()),
        denunciation: false,
        from_unit: None,
        decision: None,
    }
}

/// A consultation's opinions are items: decided with the items' rules, on the follow-up
/// worklist next to the meetings' items, and counted as taken up or not.
async fn consultation_opinions_follow_the_items_life(store: &Store) {
    with_units(store).await;
    let sys = system();
    let c = store
        .create_consultation(
            &sys,
            &NewConsultation {
                unit: COMMUNE.into(),
                matter: ConsultMatter::Compensation,
                forms: vec![ConsultForm::CommunityMeeting, ConsultForm::SuggestionBox],
                title: "Dự thảo phương án bồi thường, hỗ trợ dự án đường H".into(),
                opened_on: d("2024-09-02"),
                closes_on: Some(d("2024-09-30")),
                summary: None,
                gpmb_project_id: None,
                opinions: vec![
                    opinion("Đề nghị nâng đơn giá đất nông nghiệp"),
                    opinion("Bố trí tái định cư tại chỗ"),
                    opinion("Không đồng ý vị trí tái định cư"),
                ],
            },
        )
        .await
        .unwrap();
    assert_eq!(c.opinions.len(), 3);
    assert!(c.opinions.iter().all(|i| i.source_kind == SourceKind::Consultation));
    let written = store
        .decide_item(
            &sys,
            c.opinions[0].id,
            &Decision {
                outcome: Some(ItemOutcome::AnswerInWriting),
                answering_agency: Some("UBND phường".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(written.status, ItemStatus::AwaitingAnswer);
    store
        .decide_item(
            &sys,
            c.opinions[2].id,
            &Decision {
                outcome: Some(ItemOutcome::NotAccepted),
                reason: Some("Vị trí đã được phê duyệt quy hoạch".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let worklist = store.follow_up(&sys, &FollowUpQuery::default()).await.unwrap().items;
    assert_eq!(worklist.len(), 1);
    assert_eq!(worklist[0].source_kind, SourceKind::Consultation);
    assert_eq!(
        worklist[0].source_title,
        "Dự thảo phương án bồi thường, hỗ trợ dự án đường H"
    );
    let c = store.consultation(&sys, c.id).await.unwrap();
    assert_eq!((c.opinions_total, c.opinions_taken_up, c.opinions_open), (3, 1, 2));
    let stats = store
        .resident_decision_stats(&sys, COMMUNE, d("2024-01-01"), d("2024-12-31"))
        .await
        .unwrap();
    let cs = stats.consultations;
    assert_eq!(
        (cs.consultations, cs.opinions, cs.taken_up, cs.not_accepted, cs.open),
        (1, 3, 1, 1, 2)
    );
    assert_eq!(
        cs.text,
        "01 cuộc lấy ý kiến Nhân dân, 3 ý kiến, tiếp thu 1, không tiếp thu 1"
    );
    assert_eq!(
        store
            .list_consultations(&sys, &RecordQuery::default())
            .await
            .unwrap()
            .items
            .len(),
        1
    );
}

/// A People's Inspection Board is an organisation with members, a term and reports.
async fn boards_have_members_and_reports(store: &Store) {
    with_units(store).await;
    let sys = system();
    let member = |name: &str, role| NewBoardMember {
        name: name.into(),
        role,
        village: None,
    };
    let b = store
        .create_board(
            &sys,
            &NewBoard {
                unit: COMMUNE.into(),
                kind: BoardKind::Inspection,
                name: None,
                term_from: d("2022-07-01"),
                term_to: Some(d("2025-06-30")),
                project: None,
                gpmb_project_id: None,
                members: vec![
                    member("Trần Văn An", BoardRole::Head),
                    member("Lê Thị Bình", BoardRole::Deputy),
                    member("Phạm Văn Cường", BoardRole::Member),
                ],
            },
        )
        .await
        .unwrap();
    assert_eq!(b.name, "Ban Thanh tra nhân dân Phường Ba Đình");
    assert_eq!(b.members.len(), 3);
    assert_eq!(b.warnings.len(), 1, "fewer than 5 members: {:?}", b.warnings);
    let unit = store.resolve_unit(COMMUNE, None).await.unwrap();
    let orgs = store.list_organisations(&sys, Some(&unit)).await.unwrap();
    assert!(orgs.iter().any(|o| o.id == b.organisation_id && o.name == b.name));
    let b = store
        .add_board_report(
            &sys,
            b.id,
            &NewBoardReport {
                period: BoardReportPeriod::Quarter,
                period_label: "Quý III/2024".into(),
                submitted_on: d("2024-10-10"),
                content: "Giám sát việc thu, chi quỹ phòng chống thiên tai".into(),
                recommendations: 2,
            },
        )
        .await
        .unwrap();
    assert_eq!(b.reports.len(), 1);
    // A supervision recorded under the board's name counts as the board's.
    store
        .create_supervision(
            &sys,
            &danvan_domain::meeting::NewSupervision {
                unit: COMMUNE.into(),
                organisation: b.name.clone(),
                subject: "UBND phường".into(),
                topic: "Thu, chi quỹ phòng chống thiên tai".into(),
                form: danvan_domain::meeting::SupervisionForm::Boards,
                held_on: d("2024-09-15"),
                conclusions: None,
                items: vec![],
            },
        )
        .await
        .unwrap();
    assert_eq!(store.board(&sys, b.id).await.unwrap().supervisions, 1);
    let early = store
        .add_board_report(
            &sys,
            b.id,
            &NewBoardReport {
                period: BoardReportPeriod::AdHoc,
                period_label: "Đột xuất".into(),
                submitted_on: d("2021-01-10"),
                content: "x".into(),
                recommendations: 0,
            },
        )
        .await;
    assert_eq!(code_of(early), ErrorCode::InvalidDate);
    assert_eq!(store.list_boards(&sys, Some(COMMUNE)).await.unwrap().len(), 1);
}

fn petition(unit: &str, on: &str) -> NewPetition {
    NewPetition {
        unit: unit.into(),
        organisation_id: None,
        kind: PetitionKind::Complaint,
        round: 1,
        previous_code: None,
        channel: Channel::InPerson,
        received_on: d(on),
        subject: "Khiếu nại giá bồi thường".into(),
        content: "Không đồng ý đơn giá bồi thường đất ở".into(),
        topic: "compensation".into(),
        petitioners: vec![Petitioner {
            name: "Nguyễn Văn Hải".into(),
            cccd: None,
            phone: None,
            address: None,
            address_unit: None,
        }],
        anonymous: false,
        remote: false,
    }
}

fn household(name: &str) -> NewHousehold {
    NewHousehold {
        head_name: name.into(),
        unit: None,
        address: Some("Tổ 5".into()),
        land_m2: Some(120),
        state: None,
        reason: None,
        listed_on: Some(d("2023-01-10")),
    }
}

/// Done-when: progress and the outstanding households come from the per-household records,
/// and progress at the end of each month follows their dated history.
async fn gpmb_progress_comes_from_households(store: &Store) {
    with_units(store).await;
    let sys = system();
    let p = store
        .create_gpmb_project(
            &sys,
            &NewProject {
                unit: COMMUNE.into(),
                name: "Đường Vành đai 4".into(),
                units: vec![OTHER.into()],
                scale: Some("Dài 2,1 km qua 2 phường".into()),
                investor: Some("Ban QLDA giao thông".into()),
                area_m2: Some(45_000),
                households_planned: Some(5),
                started_on: Some(d("2023-01-02")),
                milestones: vec![NewMilestone {
                    label: "Bàn giao toàn bộ mặt bằng".into(),
                    due_on: d("2023-12-31"),
                }],
                procedure: ProcedureSteps::default(),
            },
        )
        .await
        .unwrap();
    assert_eq!(p.units.len(), 1);
    assert!(p.milestones[0].overdue);
    let hs = store
        .add_gpmb_households(
            &sys,
            p.id,
            &[
                household("Nguyễn Văn A"),
                household("Trần Thị B"),
                household("Lê Văn C"),
                household("Phạm Văn D"),
                household("Hoàng Thị E"),
            ],
        )
        .await
        .unwrap();
    let change = |state, on: &str, reason: Option<&str>| HouseholdChange {
        state,
        on: Some(d(on)),
        reason: reason.map(String::from),
    };
    store
        .change_gpmb_household(&sys, hs[0].id, &change(HouseholdState::Agreed, "2023-02-10", None))
        .await
        .unwrap();
    store
        .change_gpmb_household(&sys, hs[0].id, &change(HouseholdState::HandedOver, "2023-03-05", None))
        .await
        .unwrap();
    store
        .change_gpmb_household(&sys, hs[1].id, &change(HouseholdState::HandedOver, "2023-03-20", None))
        .await
        .unwrap();
    store
        .change_gpmb_household(
            &sys,
            hs[2].id,
            &change(
                HouseholdState::Obstructing,
                "2023-02-15",
                Some("Chưa đồng ý đơn giá bồi thường"),
            ),
        )
        .await
        .unwrap();
    // A mobilization visit that brings a household to agree.
    let m = store
        .add_gpmb_mobilization(
            &sys,
            p.id,
            &NewMobilization {
                household_id: Some(hs[3].id),
                on: d("2023-03-25"),
                forces: vec![MobilizationForce::Mttq, MobilizationForce::Respected],
                mobilisers: "Chủ tịch UB MTTQ phường; ông Đỗ Văn Lâm, trưởng dòng họ".into(),
                result: "Gia đình đồng ý phương án".into(),
                new_state: Some(HouseholdState::Agreed),
                reason: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(m.household_name.as_deref(), Some("Phạm Văn D"));

    let p = store.gpmb_project(&sys, p.id).await.unwrap();
    let pr = &p.progress;
    assert_eq!(
        (
            pr.households,
            pr.handed_over,
            pr.agreed,
            pr.obstructing,
            pr.pending,
            pr.outstanding
        ),
        (5, 2, 1, 1, 1, 3)
    );
    assert_eq!(
        pr.text,
        "2/5 hộ đã bàn giao mặt bằng, đạt 40,0%; còn 3 hộ (01 hộ chưa chấp hành)"
    );
    let outstanding = store.gpmb_households(&sys, p.id, true).await.unwrap();
    let names: Vec<&str> = outstanding.iter().map(|h| h.head_name.as_str()).collect();
    assert_eq!(names, vec!["Lê Văn C", "Hoàng Thị E", "Phạm Văn D"]);
    assert_eq!(outstanding[0].reason.as_deref(), Some("Chưa đồng ý đơn giá bồi thường"));

    let series = store.gpmb_progress(&sys, p.id, Some(d("2023-03-31"))).await.unwrap();
    let at: Vec<(NaiveDate, i64, i64)> = series
        .iter()
        .map(|s| (s.on, s.progress.handed_over, s.progress.obstructing))
        .collect();
    assert_eq!(
        at,
        vec![
            (d("2023-01-31"), 0, 0),
            (d("2023-02-28"), 0, 1),
            (d("2023-03-31"), 2, 1)
        ]
    );

    // A handed-over site stays handed over; obstruction needs its reason.
    let back = store
        .change_gpmb_household(&sys, hs[0].id, &change(HouseholdState::Agreed, "2023-04-01", None))
        .await;
    assert_eq!(code_of(back), ErrorCode::InvalidTransition);
    let no_reason = store
        .change_gpmb_household(&sys, hs[4].id, &change(HouseholdState::Obstructing, "2023-04-01", None))
        .await;
    assert_eq!(code_of(no_reason), ErrorCode::Validation);

    // Links: a dialogue, a petition and a disclosure.
    let meeting = store
        .create_meeting(
            &sys,
            &danvan_domain::meeting::NewMeeting {
                unit: COMMUNE.into(),
                kind: danvan_domain::meeting::MeetingKind::DialogueThematic,
                organiser: "UBND phường".into(),
                chairs: vec![],
                held_on: d("2023-02-20"),
                place: None,
                topic: "Đối thoại về phương án bồi thường".into(),
                gpmb_project: Some("Đường Vành đai 4".into()),
                participants: 40,
                opinions_total: None,
                opinions_collected: None,
                opinions_direct: None,
                schedule_posted_on: None,
                held: true,
                minutes: None,
                items: vec![],
            },
        )
        .await
        .unwrap();
    store.link_gpmb_meeting(&sys, p.id, meeting.id).await.unwrap();
    let pet = store
        .create_petition(&sys, &petition(COMMUNE, "2023-03-01"))
        .await
        .unwrap();
    store.link_gpmb_petition(&sys, p.id, &pet.code).await.unwrap();
    let mut disc = disclosure("CK_03", "2023-01-05", Some("2023-01-06"), Some("2023-01-15"));
    disc.required_days = Some(10);
    disc.gpmb_project_id = Some(p.id);
    let disc = store.create_disclosure(&sys, &disc).await.unwrap();
    let p = store.link_gpmb_meeting(&sys, p.id, meeting.id).await.unwrap();
    assert_eq!(p.meetings, vec![meeting.id]);
    assert_eq!(p.petitions, vec![pet.code.clone()]);
    assert_eq!(p.disclosures, vec![disc.id]);

    let stats = store
        .gpmb_stats(&sys, COMMUNE, d("2023-03-01"), d("2023-03-31"))
        .await
        .unwrap();
    assert_eq!(
        (stats.projects, stats.progress.handed_over, stats.handed_over_in_period),
        (1, 2, 2)
    );
    assert_eq!(stats.mobilizations, 1);
    assert_eq!(stats.by_force.len(), 2);
    // At the end of February nothing had been handed over yet.
    let feb = store
        .gpmb_stats(&sys, COMMUNE, d("2023-02-01"), d("2023-02-28"))
        .await
        .unwrap();
    assert_eq!((feb.progress.handed_over, feb.progress.obstructing), (0, 1));

    // An officer of the crossed ward sees the project; one elsewhere does not.
    let crossed = add_user(store, "cb.phuong8", Role::Officer, OTHER).await;
    assert!(store.gpmb_project(&crossed, p.id).await.is_ok());
    let elsewhere = add_user(store, "cb.phuong25", Role::Officer, "2025/00025").await;
    assert_eq!(code_of(store.gpmb_project(&elsewhere, p.id).await), ErrorCode::NotFound);
    assert!(store
        .list_gpmb_projects(&elsewhere, &ProjectQuery::default())
        .await
        .unwrap()
        .items
        .is_empty());
}

fn issue(title: &str, severity: Severity, first: &str) -> NewIssue {
    NewIssue {
        unit: COMMUNE.into(),
        village: None,
        place: Some("Khu tái định cư đường H".into()),
        title: title.into(),
        description: None,
        kind: IssueKind::Pressing,
        severity,
        people_affected: 40,
        first_seen_on: d(first),
        follower: Some("Đ/c Hoa, Phó Chủ tịch UB MTTQ".into()),
        petitions: vec![],
        meetings: vec![],
    }
}

/// The register is sorted by severity and age; an issue is escalated to the level above, and a
/// province-level issue has nowhere further to go.
async fn issues_are_sorted_and_escalated(store: &Store) {
    with_units(store).await;
    let sys = system();
    let pet = store
        .create_petition(&sys, &petition(COMMUNE, "2024-03-01"))
        .await
        .unwrap();
    let mut first = issue("Ô nhiễm mùi từ bãi rác", Severity::Medium, "2024-01-05");
    first.petitions = vec![pet.code.clone()];
    let a = store.create_issue(&sys, &first).await.unwrap();
    assert_eq!(a.petitions, vec![pet.code.clone()]);
    let b = store
        .create_issue(
            &sys,
            &issue("Tranh chấp ranh giới đất", Severity::Critical, "2024-05-01"),
        )
        .await
        .unwrap();
    let c = store
        .create_issue(&sys, &issue("Ngập úng tổ 3", Severity::Medium, "2023-11-20"))
        .await
        .unwrap();
    let list = store.list_issues(&sys, &IssueQuery::default()).await.unwrap();
    let ids: Vec<i64> = list.iter().map(|i| i.id).collect();
    assert_eq!(ids, vec![b.id, c.id, a.id]);
    // The register's search box folds the words of the title.
    let search = |q: &str| IssueQuery {
        q: Some(q.into()),
        ..Default::default()
    };
    let found = store.list_issues(&sys, &search("ngap ung")).await.unwrap();
    assert_eq!(found.iter().map(|i| i.id).collect::<Vec<_>>(), vec![c.id]);
    assert!(store.list_issues(&sys, &search("cầu treo")).await.unwrap().is_empty());

    let up = store
        .step_issue(
            &sys,
            b.id,
            &IssueStep {
                action: IssueAction::Escalate,
                on: Some(d("2024-05-10")),
                note: Some("Vượt thẩm quyền phường".into()),
            },
        )
        .await
        .unwrap();
    assert_eq!(up.handling_unit, "2025/01");
    assert_eq!(up.escalations, 1);
    assert_eq!(up.events[0].to_unit.as_deref(), Some("2025/01"));
    let top = store
        .step_issue(
            &sys,
            b.id,
            &IssueStep {
                action: IssueAction::Escalate,
                on: Some(d("2024-05-11")),
                note: None,
            },
        )
        .await;
    assert_eq!(code_of(top), ErrorCode::InvalidTransition);
    let resolved = store
        .step_issue(
            &sys,
            a.id,
            &IssueStep {
                action: IssueAction::Resolve,
                on: Some(d("2024-06-30")),
                note: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(resolved.status, IssueStatus::Resolved);
    assert_eq!(resolved.age_days, 177);

    store
        .create_situation_report(
            &sys,
            &NewSituationReport {
                unit: COMMUNE.into(),
                period_from: d("2024-04-01"),
                period_to: d("2024-06-30"),
                submitted_on: d("2024-07-02"),
                mood: Mood::Concerned,
                summary: "Nhân dân quan tâm tiến độ tái định cư".into(),
                issues: None,
                reporter: None,
            },
        )
        .await
        .unwrap();
    let bad = store
        .create_situation_report(
            &sys,
            &NewSituationReport {
                unit: COMMUNE.into(),
                period_from: d("2024-06-30"),
                period_to: d("2024-04-01"),
                submitted_on: d("2024-07-02"),
                mood: Mood::Stable,
                summary: "x".into(),
                issues: None,
                reporter: None,
            },
        )
        .await;
    assert_eq!(code_of(bad), ErrorCode::InvalidDate);
    let stats = store
        .situation_stats(&sys, COMMUNE, d("2024-01-01"), d("2024-06-30"))
        .await
        .unwrap();
    assert_eq!(
        (
            stats.reports,
            stats.issues_new,
            stats.issues_resolved,
            stats.issues_open,
            stats.issues_escalated
        ),
        (0, 2, 1, 2, 1)
    );
    let year = store
        .situation_stats(&sys, COMMUNE, d("2024-01-01"), d("2024-12-31"))
        .await
        .unwrap();
    assert_eq!(year.reports, 1);
    // The report list finds the summary's words without diacritics.
    let words = |q: &str| RecordQuery {
        q: Some(q.into()),
        ..Default::default()
    };
    let found = store.list_situation_reports(&sys, &words("TAI DINH CU")).await.unwrap();
    assert_eq!((found.items.len(), found.next), (1, None));
    assert!(store
        .list_situation_reports(&sys, &words("lũ lụt"))
        .await
        .unwrap()
        .items
        .is_empty());
    assert_eq!(
        year.text,
        "01 báo cáo tình hình Nhân dân; 02 vấn đề nóng, bức xúc, kéo dài mới phát sinh, đã giải quyết 01, còn theo dõi 02"
    );

    // Scope: an officer elsewhere sees none of it and cannot write here.
    let elsewhere = add_user(store, "cb.khac", Role::Officer, OTHER).await;
    assert!(store
        .list_issues(&elsewhere, &IssueQuery::default())
        .await
        .unwrap()
        .is_empty());
    assert_eq!(code_of(store.issue(&elsewhere, a.id).await), ErrorCode::NotFound);
    assert_eq!(
        code_of(
            store
                .create_issue(&elsewhere, &issue("x", Severity::Low, "2024-01-01"))
                .await
        ),
        ErrorCode::ForbiddenScope
    );
    assert_eq!(
        code_of(
            store
                .disclosure_compliance(&elsewhere, COMMUNE, d("2024-01-01"), d("2024-12-31"))
                .await
        ),
        ErrorCode::ForbiddenScope
    );
}

/// §9: a project records its land type and procedure dates; the project shows a notice of
/// fewer than 120 days before the recovery decision (non-agricultural land) and a plan posted
/// 9 days; dates that contradict each other are refused and change nothing.
async fn gpmb_procedure_periods_are_checked(store: &Store) {
    with_units(store).await;
    let sys = system();
    let steps = ProcedureSteps {
        land_type: Some(LandType::NonAgricultural),
        notice_on: Some(d("2026-02-01")),
        plan_posted_from: Some(d("2026-03-01")),
        plan_posted_to: Some(d("2026-03-09")),
        consulted_on: Some(d("2026-03-12")),
        dialogue_on: Some(d("2026-04-01")),
        recovery_decided_on: Some(d("2026-05-31")),
    };
    let new = NewProject {
        unit: COMMUNE.into(),
        name: "Mở rộng đường Kim Mã".into(),
        units: vec![],
        scale: None,
        investor: None,
        area_m2: None,
        households_planned: None,
        started_on: Some(d("2026-01-15")),
        milestones: vec![],
        procedure: steps.clone(),
    };
    let p = store.create_gpmb_project(&sys, &new).await.unwrap();
    assert_eq!(p.procedure, steps);
    let codes: Vec<&str> = p.procedure_warnings.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(codes, vec!["notice_too_short", "posting_too_short"]);
    assert!(p.procedure_warnings[0]
        .text
        .starts_with("thông báo thu hồi đất chưa đủ 120 ngày trước quyết định thu hồi"));
    assert!(p.procedure_warnings[1]
        .text
        .starts_with("niêm yết phương án chưa đủ 10 ngày"));

    // Correcting the dates clears the warnings.
    let fixed = ProcedureSteps {
        plan_posted_to: Some(d("2026-03-10")),
        recovery_decided_on: Some(d("2026-06-01")),
        ..steps.clone()
    };
    let p = store.set_gpmb_procedure(&sys, p.id, &fixed).await.unwrap();
    assert!(p.procedure_warnings.is_empty(), "{:?}", p.procedure_warnings);

    // Posting that ends before it starts: refused, on create and on update; nothing changes.
    let before = (
        audit_len(store).await,
        store
            .list_gpmb_projects(&sys, &ProjectQuery::default())
            .await
            .unwrap()
            .items
            .len(),
    );
    let backwards = ProcedureSteps {
        plan_posted_to: Some(d("2026-02-28")),
        ..fixed.clone()
    };
    let bad = NewProject {
        procedure: backwards.clone(),
        ..new.clone()
    };
    assert_eq!(
        code_of(store.create_gpmb_project(&sys, &bad).await),
        ErrorCode::PostingEndsBeforeStart
    );
    assert_eq!(
        code_of(store.set_gpmb_procedure(&sys, p.id, &backwards).await),
        ErrorCode::PostingEndsBeforeStart
    );
    let early = ProcedureSteps {
        recovery_decided_on: Some(d("2026-01-01")),
        ..fixed.clone()
    };
    assert_eq!(
        code_of(store.set_gpmb_procedure(&sys, p.id, &early).await),
        ErrorCode::DatesOutOfOrder
    );
    assert_eq!(
        (
            audit_len(store).await,
            store
                .list_gpmb_projects(&sys, &ProjectQuery::default())
                .await
                .unwrap()
                .items
                .len()
        ),
        before
    );
    assert_eq!(store.gpmb_project(&sys, p.id).await.unwrap().procedure, fixed);
    // Outside the project's units: not found.
    let elsewhere = add_user(store, "cb.gpmb.khac", Role::Officer, "2025/00008").await;
    assert_eq!(
        code_of(store.set_gpmb_procedure(&elsewhere, p.id, &fixed).await),
        ErrorCode::NotFound
    );
}

store_tests!(
    vote_procedure_rules_write_nothing_when_broken,
    gpmb_procedure_periods_are_checked,
    compliance_flags_a_late_and_a_too_short_posting,
    bad_disclosures_write_nothing,
    votes_compute_their_outcome,
    consultation_opinions_follow_the_items_life,
    boards_have_members_and_reports,
    gpmb_progress_comes_from_households,
    issues_are_sorted_and_escalated,
);
