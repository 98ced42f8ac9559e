use super::*;
use crate::calendar::Calendar;
use crate::unit::Level;

fn d(s: &str) -> NaiveDate {
    crate::unit::parse_date(s).unwrap()
}

fn today() -> NaiveDate {
    d("2026-11-25")
}

fn dialogue() -> NewMeeting {
    NewMeeting {
        unit: "legacy/277".into(),
        kind: MeetingKind::DialoguePeriodic,
        organiser: "Huyện ủy – UBND huyện".into(),
        chairs: vec![Chair {
            name: "Nguyễn Văn A".into(),
            position: "Bí thư Huyện ủy".into(),
        }],
        held_on: d("2024-05-20"),
        place: Some("Hội trường UBND huyện".into()),
        topic: "Đối thoại 6 tháng đầu năm 2024".into(),
        gpmb_project: None,
        participants: 580,
        opinions_total: Some(67),
        opinions_collected: Some(45),
        opinions_direct: Some(23),
        schedule_posted_on: None,
        held: true,
        minutes: None,
        items: vec![],
    }
}

fn meeting(status: MeetingStatus, held_on: NaiveDate) -> Meeting {
    Meeting {
        id: 1,
        unit_scheme: "legacy".into(),
        unit_code: "277".into(),
        unit_name: "Huyện Chương Mỹ".into(),
        unit_level: Level::District,
        kind: MeetingKind::DialoguePeriodic,
        status,
        organiser: "UBND huyện".into(),
        chairs: vec![],
        held_on,
        place: None,
        topic: "x".into(),
        gpmb_project: None,
        participants: 0,
        opinions_total: None,
        opinions_collected: None,
        opinions_direct: None,
        schedule_posted_on: None,
        minutes: None,
        announced_on: None,
        announce_form: None,
        closed_on: None,
        items: vec![],
        warnings: vec![],
        allowed_actions: vec![],
    }
}

fn step(action: MeetingAction) -> MeetingStep {
    MeetingStep {
        action,
        on: Some(d("2024-06-01")),
        minutes: None,
        participants: None,
        form: Some("Niêm yết tại trụ sở, loa truyền thanh".into()),
    }
}

#[test]
fn seed_000s_figures_are_accepted_but_flagged() {
    let m = dialogue();
    assert!(
        validate_meeting(&m, today()).is_ok(),
        "a sum that does not add up is a warning"
    );
    let w = check_counts(
        HandCounts {
            total: m.opinions_total,
            collected: m.opinions_collected,
            direct: m.opinions_direct,
        },
        RecordedCounts::default(),
    );
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].code, "parts_sum");
    assert!(w[0].message.contains("45") && w[0].message.contains("23") && w[0].message.contains("67"));
}

#[test]
fn recorded_items_are_compared_with_the_typed_figures() {
    let hand = HandCounts {
        total: Some(95),
        collected: None,
        direct: Some(95),
    };
    let ok = RecordedCounts {
        total: 95,
        collected: 0,
        direct: 95,
    };
    assert!(check_counts(hand, ok).is_empty());
    let short = RecordedCounts {
        total: 94,
        collected: 0,
        direct: 94,
    };
    let codes: Vec<_> = check_counts(hand, short).into_iter().map(|w| w.code).collect();
    assert_eq!(codes, vec!["recorded_total", "recorded_direct"]);
}

#[test]
fn bad_meetings_are_refused_with_their_code() {
    let mut m = dialogue();
    m.held_on = d("2026-12-01");
    assert_eq!(validate_meeting(&m, today()).unwrap_err().code, ErrorCode::FutureDate);
    m.held = false;
    assert!(validate_meeting(&m, today()).is_ok(), "a plan may be in the future");

    let mut m = dialogue();
    m.participants = -1;
    assert_eq!(validate_meeting(&m, today()).unwrap_err().code, ErrorCode::Validation);

    let mut m = dialogue();
    m.opinions_collected = Some(80);
    let e = validate_meeting(&m, today()).unwrap_err();
    assert_eq!(e.code, ErrorCode::PartsExceedTotal);
    assert!(e.to_string().contains("80"));
}

#[test]
fn a_meeting_goes_planned_held_announced_closed_and_no_other_way() {
    let planned = meeting(MeetingStatus::Planned, d("2024-05-20"));
    assert_eq!(
        check_step(&planned, &step(MeetingAction::Hold), 0, today()).unwrap(),
        MeetingStatus::Held
    );
    let e = check_step(&planned, &step(MeetingAction::Close), 0, today()).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidTransition);
    assert_eq!(e.code.as_str(), "invalid_transition");

    let held = meeting(MeetingStatus::Held, d("2024-05-20"));
    assert_eq!(
        check_step(&held, &step(MeetingAction::Announce), 0, today()).unwrap(),
        MeetingStatus::Announced
    );
    let mut no_form = step(MeetingAction::Announce);
    no_form.form = None;
    assert_eq!(
        check_step(&held, &no_form, 0, today()).unwrap_err().code,
        ErrorCode::Validation
    );

    let announced = meeting(MeetingStatus::Announced, d("2024-05-20"));
    assert_eq!(
        check_step(&announced, &step(MeetingAction::Close), 2, today())
            .unwrap_err()
            .code,
        ErrorCode::OpenItems
    );
    assert_eq!(
        check_step(&announced, &step(MeetingAction::Close), 0, today()).unwrap(),
        MeetingStatus::Closed
    );
    assert_eq!(MeetingStatus::Held.allowed_actions(), vec![MeetingAction::Announce]);
    assert!(MeetingStatus::Closed.allowed_actions().is_empty());
}

#[test]
fn a_future_meeting_cannot_be_marked_held() {
    let planned = meeting(MeetingStatus::Planned, d("2026-12-10"));
    let mut s = step(MeetingAction::Hold);
    s.on = None;
    assert_eq!(
        check_step(&planned, &s, 0, today()).unwrap_err().code,
        ErrorCode::FutureDate
    );
}

fn decision(outcome: Option<ItemOutcome>) -> Decision {
    Decision {
        outcome,
        ..Default::default()
    }
}

#[test]
fn a_written_answer_is_due_ten_working_days_after_the_meeting() {
    let cal = Calendar::vietnam();
    let mut dec = decision(Some(ItemOutcome::AnswerInWriting));
    dec.answering_agency = Some("Phòng Tài nguyên và Môi trường".into());
    // Friday 24/4/2026: Giỗ Tổ (Sunday 26/4) is taken on Monday 27/4, and 30/4 and 1/5 are
    // days off, so ten working days end on Wednesday 13/5.
    let out = decide(&ItemState::default(), &dec, d("2026-04-24"), &cal, today()).unwrap();
    assert_eq!(out.status, ItemStatus::AwaitingAnswer);
    assert_eq!(out.answer_due, Some(d("2026-05-13")));

    // Later the answer arrives: agency and deadline stay.
    let state = ItemState {
        status: Some(out.status),
        outcome: Some(out.outcome),
        answering_agency: out.answering_agency.clone(),
        answer_due: out.answer_due,
    };
    let mut answer = decision(None);
    answer.answered_on = Some(d("2026-05-08"));
    let done = decide(&state, &answer, d("2026-04-24"), &cal, today()).unwrap();
    assert_eq!(done.status, ItemStatus::Closed);
    assert_eq!(done.answer_due, Some(d("2026-05-13")));
    assert_eq!(done.answering_agency.as_deref(), Some("Phòng Tài nguyên và Môi trường"));
}

#[test]
fn bad_decisions_are_refused_with_their_code() {
    let cal = Calendar::vietnam();
    let on = d("2026-04-24");
    let open = ItemState::default();
    let e = decide(&open, &decision(None), on, &cal, today()).unwrap_err();
    assert_eq!(e.code, ErrorCode::OutcomeRequired);

    let mut early = decision(Some(ItemOutcome::AnswerInWriting));
    early.answering_agency = Some("UBND xã".into());
    early.answer_due = Some(d("2026-04-20"));
    assert_eq!(
        decide(&open, &early, on, &cal, today()).unwrap_err().code,
        ErrorCode::DeadlineBeforeMeeting
    );

    let no_reason = decision(Some(ItemOutcome::NotAccepted));
    assert_eq!(
        decide(&open, &no_reason, on, &cal, today()).unwrap_err().code,
        ErrorCode::Validation
    );

    let closed = ItemState {
        status: Some(ItemStatus::Closed),
        outcome: Some(ItemOutcome::AnsweredAtMeeting),
        ..Default::default()
    };
    let again = decision(Some(ItemOutcome::AnsweredAtMeeting));
    assert_eq!(
        decide(&closed, &again, on, &cal, today()).unwrap_err().code,
        ErrorCode::InvalidTransition
    );
}

#[test]
fn answered_at_the_meeting_closes_on_the_meeting_day() {
    let out = decide(
        &ItemState::default(),
        &decision(Some(ItemOutcome::AnsweredAtMeeting)),
        d("2024-05-20"),
        &Calendar::vietnam(),
        today(),
    )
    .unwrap();
    assert_eq!(
        (out.status, out.answered_on),
        (ItemStatus::Closed, Some(d("2024-05-20")))
    );
}

#[test]
fn the_bundled_compliance_rules_parse() {
    let rules = compliance_rules();
    assert_eq!(rules.len(), 9);
    let parsed: Vec<ComplianceRule> = serde_json::from_str(compliance::COMPLIANCE_RULES).unwrap();
    assert_eq!(parsed, rules);
}

#[test]
fn a_commune_without_a_dialogue_in_a_year_is_behind() {
    let rules = compliance_rules();
    let cal = Calendar::vietnam();
    let held = Held {
        dialogues: vec![d("2024-09-10")],
        ..Default::default()
    };
    let lines = compliance(&rules, Level::Commune, d("2024-01-01"), d("2025-12-31"), &held, &cal);
    let dialogue = lines.iter().find(|l| l.rule == "dialogue_commune_yearly").unwrap();
    assert_eq!((dialogue.required, dialogue.held, dialogue.periods_behind), (2, 1, 1));
    assert!(dialogue.behind);

    // Six months: the yearly dialogue is not yet due.
    let half = compliance(&rules, Level::Commune, d("2024-01-01"), d("2024-06-30"), &held, &cal);
    assert!(!half.iter().any(|l| l.rule == "dialogue_commune_yearly"));
    // Before Luật 10/2022 took effect nothing was required.
    let before = compliance(&rules, Level::Commune, d("2022-01-01"), d("2022-12-31"), &held, &cal);
    assert!(!before.iter().any(|l| l.rule == "dialogue_commune_yearly"));
}

#[test]
fn the_commune_chairs_reception_rule_changes_on_1_july_2026() {
    let rules = compliance_rules();
    let cal = Calendar::vietnam();
    // Two reception days in July 2026, none in the weeks of June.
    let held = Held {
        leader_receptions: vec![d("2026-07-07"), d("2026-07-21")],
        ..Default::default()
    };
    let lines = compliance(&rules, Level::Commune, d("2026-06-01"), d("2026-07-31"), &held, &cal);
    let weekly = lines
        .iter()
        .find(|l| l.rule == "reception_commune_chair_weekly")
        .unwrap();
    assert!(weekly.behind && weekly.held == 0);
    let monthly = lines
        .iter()
        .find(|l| l.rule == "reception_commune_chair_monthly")
        .unwrap();
    assert_eq!((monthly.required, monthly.held, monthly.behind), (2, 2, false));
}

#[test]
fn party_secretaries_reception_days_are_counted_apart_from_the_chairs() {
    let rules = compliance_rules();
    let cal = Calendar::vietnam();
    // The commune secretary received citizens once in March 2026 and twice in April; the chair's
    // days do not count for the secretary.
    let held = Held {
        secretary_receptions: vec![d("2026-03-10"), d("2026-04-07"), d("2026-04-21")],
        leader_receptions: vec![d("2026-03-03"), d("2026-03-17")],
        ..Default::default()
    };
    let lines = compliance(&rules, Level::Commune, d("2026-03-01"), d("2026-04-30"), &held, &cal);
    let secretary = lines
        .iter()
        .find(|l| l.rule == "party_secretary_commune_monthly")
        .unwrap();
    assert_eq!(
        (secretary.required, secretary.held, secretary.periods_behind),
        (4, 3, 1)
    );
    assert!(secretary.basis.contains("215-KL/TW"));
    // No district secretary rule after the districts were abolished.
    let district = compliance(&rules, Level::District, d("2025-07-01"), d("2025-12-31"), &held, &cal);
    assert!(!district.iter().any(|l| l.rule == "party_secretary_district_monthly"));
}

#[test]
fn schedules_must_be_posted_five_working_days_ahead() {
    let rules = compliance_rules();
    let cal = Calendar::vietnam();
    let held = Held {
        // Posted Monday for the next Monday: 5 working days. Posted Tuesday: 4.
        meetings: vec![
            (d("2026-11-16"), Some(d("2026-11-09"))),
            (d("2026-11-23"), Some(d("2026-11-17"))),
            (d("2026-11-24"), None),
        ],
        ..Default::default()
    };
    let lines = compliance(&rules, Level::Commune, d("2026-11-01"), d("2026-11-30"), &held, &cal);
    let notice = lines
        .iter()
        .find(|l| l.rule == "schedule_posted_5_working_days")
        .unwrap();
    assert_eq!((notice.required, notice.held, notice.periods_behind), (3, 1, 2));
}

#[test]
fn kinds_round_trip_and_report_counts_have_two_digits() {
    for k in MeetingKind::ALL {
        assert_eq!(MeetingKind::parse(k.as_str()).unwrap(), *k);
    }
    assert!(MeetingKind::DialogueAdHoc.is_dialogue() && !MeetingKind::SocialCriticism.is_dialogue());
    assert_eq!(report_count(5), "05");
    assert_eq!(report_count(1015), "1.015");
}
