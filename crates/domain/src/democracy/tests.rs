use super::*;
use crate::calendar::Calendar;
use crate::ErrorCode;
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn new_disclosure(item: &str, decided: &str, start: Option<&str>, end: Option<&str>) -> NewDisclosure {
    NewDisclosure {
        unit: "2025/00004".into(),
        item: item.into(),
        title: "Phương án bồi thường, hỗ trợ dự án đường Vành đai 4".into(),
        content: None,
        decision_ref: Some("125/QĐ-UBND".into()),
        decided_on: d(decided),
        forms: vec![DisclosureForm::Posting, DisclosureForm::Loudspeaker],
        place: Some("Trụ sở UBND xã".into()),
        start_on: start.map(d),
        end_on: end.map(d),
        required_days: None,
        loudspeaker_days: None,
        gpmb_project_id: None,
    }
}

fn check(n: &NewDisclosure, today: &str) -> DisclosureCheck {
    let item = validate_disclosure(n, d(today)).unwrap();
    assess(
        item,
        n.decided_on,
        &n.forms,
        n.start_on,
        n.end_on,
        n.required_days,
        n.loudspeaker_days,
        &Calendar::vietnam(),
        d(today),
    )
    .unwrap()
}

#[test]
fn the_catalogue_has_the_fourteen_items_with_their_rules() {
    let items = disclosure_catalogue();
    assert_eq!(items.len(), 14);
    assert_eq!(items[0].code, "CK_01");
    assert_eq!(items[13].code, "CK_14");
    let posted: Vec<u32> = (1..=14)
        .filter(|n| disclosure_item(&n.to_string()).unwrap().posting_days == Some(30))
        .collect();
    assert_eq!(posted, vec![1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12]);
    assert!(disclosure_item("CK_04").unwrap().permanent);
    assert!(disclosure_item("ck_13").unwrap().permanent);
    assert_eq!(disclosure_item("CK_07").unwrap().loudspeaker_days, Some(3));
    assert!(items.iter().all(|i| i.legal_basis.contains("Điều 11")));
    assert_eq!(disclosure_item("CK_15").unwrap_err().code, ErrorCode::Validation);
}

#[test]
fn the_deadline_is_five_working_days_after_the_decision() {
    // Friday 06/09/2024: the 5th working day after is Friday 13/09/2024.
    let c = check(
        &new_disclosure("CK_03", "2024-09-06", Some("2024-09-13"), None),
        "2024-12-31",
    );
    assert_eq!(c.due_on, d("2024-09-13"));
    assert_eq!(c.timing, DisclosureTiming::OnTime);
    // Around the 2/9 holidays of 2024 (Mon 02 and Tue 03 off): decided Fri 30/08 → due Fri 09/09? no:
    // 04, 05, 06, 09, 10 → Tue 10/09.
    let c = check(
        &new_disclosure("CK_03", "2024-08-30", Some("2024-09-11"), None),
        "2024-12-31",
    );
    assert_eq!(c.due_on, d("2024-09-10"));
    assert_eq!(c.timing, DisclosureTiming::Late);
    assert_eq!(c.working_days_late, 1);
    assert_eq!(c.findings[0].code, "late");
}

#[test]
fn a_posting_shorter_than_thirty_days_is_flagged() {
    let c = check(
        &new_disclosure("CK_02", "2024-10-01", Some("2024-10-02"), Some("2024-10-21")),
        "2024-12-31",
    );
    assert_eq!(c.days_posted, Some(20));
    assert_eq!(c.posting, PostingState::TooShort);
    assert!(c.findings.iter().any(|f| f.code == "too_short"));
    // 30 consecutive days, first and last included, is enough.
    let c = check(
        &new_disclosure("CK_02", "2024-10-01", Some("2024-10-02"), Some("2024-10-31")),
        "2024-12-31",
    );
    assert_eq!(c.posting, PostingState::Complete);
    assert!(c.findings.is_empty());
    // Still posted after 10 days: running, not a problem yet.
    let c = check(
        &new_disclosure("CK_02", "2024-10-01", Some("2024-10-02"), None),
        "2024-10-11",
    );
    assert_eq!(c.posting, PostingState::Running);
    assert!(c.findings.is_empty());
}

#[test]
fn a_sector_law_duration_replaces_thirty_days() {
    let mut n = new_disclosure("CK_03", "2024-10-01", Some("2024-10-02"), Some("2024-10-11"));
    n.required_days = Some(10);
    assert_eq!(check(&n, "2024-12-31").posting, PostingState::Complete);
}

#[test]
fn permanent_items_must_stay_posted_and_undisclosed_items_go_overdue() {
    let c = check(
        &new_disclosure("CK_13", "2024-01-02", Some("2024-01-03"), Some("2024-06-30")),
        "2024-12-31",
    );
    assert_eq!(c.posting, PostingState::TooShort);
    let c = check(
        &new_disclosure("CK_13", "2024-01-02", Some("2024-01-03"), None),
        "2024-12-31",
    );
    assert_eq!(c.posting, PostingState::Complete);
    let c = check(&new_disclosure("CK_05", "2024-11-01", None, None), "2024-11-05");
    assert_eq!(c.timing, DisclosureTiming::Pending);
    let c = check(&new_disclosure("CK_05", "2024-11-01", None, None), "2024-11-20");
    assert_eq!(c.timing, DisclosureTiming::Missing);
    assert_eq!(c.findings[0].code, "missing");
}

#[test]
fn a_posting_item_disclosed_only_on_the_portal_is_not_posted() {
    let mut n = new_disclosure("CK_07", "2024-10-01", Some("2024-10-02"), None);
    n.forms = vec![DisclosureForm::Portal];
    assert_eq!(check(&n, "2024-12-31").posting, PostingState::NotPosted);
    // Item 14 has no posting rule.
    let mut n = new_disclosure("CK_14", "2024-10-01", Some("2024-10-02"), None);
    n.forms = vec![DisclosureForm::Portal];
    assert_eq!(check(&n, "2024-12-31").posting, PostingState::NotRequired);
}

#[test]
fn a_posting_that_ends_before_it_starts_is_refused() {
    let n = new_disclosure("CK_03", "2024-10-01", Some("2024-10-10"), Some("2024-10-09"));
    assert_eq!(
        validate_disclosure(&n, d("2024-12-31")).unwrap_err().code,
        ErrorCode::PostingEndsBeforeStart
    );
    let n = new_disclosure("CK_03", "2024-10-01", Some("2024-09-30"), None);
    assert_eq!(
        validate_disclosure(&n, d("2024-12-31")).unwrap_err().code,
        ErrorCode::InvalidDate
    );
}

#[test]
fn quarters_have_their_bounds() {
    assert_eq!(quarter_bounds(2024, 1).unwrap(), (d("2024-01-01"), d("2024-03-31")));
    assert_eq!(quarter_bounds(2024, 4).unwrap(), (d("2024-10-01"), d("2024-12-31")));
    assert!(quarter_bounds(2024, 5).is_err());
    assert_eq!(quarter_of(d("2024-08-15")), 3);
}

fn vote(matter: DecisionMatter, electorate: i64, yes: i64, no: i64) -> NewResidentDecision {
    NewResidentDecision {
        unit: "2025/00004".into(),
        matter,
        scope: DecisionScope::Village,
        form: VoteForm::Meeting,
        title: "Đóng góp làm đường ngõ xóm".into(),
        voted_on: d("2024-10-05"),
        electorate,
        present: None,
        votes_for: yes,
        votes_against: no,
        votes_other: 0,
        quorum_failed: false,
        sent_on: None,
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

#[test]
fn contributions_need_two_thirds_of_all_households() {
    assert_eq!(threshold(DecisionMatter::Contribution), Threshold::TwoThirds);
    assert_eq!(threshold(DecisionMatter::CommunityFunds), Threshold::TwoThirds);
    // 200 of 300 is exactly 2/3: passed; 199 is not.
    assert_eq!(outcome(Threshold::TwoThirds, 300, 200), VoteOutcome::Passed);
    assert_eq!(outcome(Threshold::TwoThirds, 300, 199), VoteOutcome::Rejected);
    // 60 % of the households is a majority, but not enough for a contribution.
    assert_eq!(outcome(Threshold::TwoThirds, 100, 60), VoteOutcome::Rejected);
}

#[test]
fn other_matters_need_more_than_half_of_all_households() {
    assert_eq!(threshold(DecisionMatter::Convention), Threshold::Majority);
    assert_eq!(outcome(Threshold::Majority, 100, 50), VoteOutcome::Rejected);
    assert_eq!(outcome(Threshold::Majority, 100, 51), VoteOutcome::Passed);
    assert_eq!(outcome(Threshold::Majority, 101, 51), VoteOutcome::Passed);
    assert_eq!(outcome(Threshold::Majority, 0, 0), VoteOutcome::Rejected);
    assert_eq!(
        tally_text(DecisionScope::Village, Threshold::TwoThirds, 300, 200),
        "200/300 hộ đồng ý (66,6%), cần từ 2/3 trở lên"
    );
}

#[test]
fn more_votes_than_households_is_refused() {
    let e = validate_decision(&vote(DecisionMatter::Contribution, 100, 80, 21), d("2024-12-31")).unwrap_err();
    assert_eq!(e.code, ErrorCode::VotesExceedHouseholds);
    let mut v = vote(DecisionMatter::Contribution, 100, 60, 10);
    v.present = Some(65);
    assert_eq!(
        validate_decision(&v, d("2024-12-31")).unwrap_err().code,
        ErrorCode::VotesExceedHouseholds
    );
    assert!(validate_decision(&vote(DecisionMatter::Contribution, 100, 80, 20), d("2024-12-31")).is_ok());
}

fn code(v: &NewResidentDecision) -> Option<ErrorCode> {
    validate_decision(v, d("2024-12-31")).err().map(|e| e.code)
}

/// A ballot announced on the 1st, distributed on the 3rd, counted on the 5th, by 3 members.
fn ballot(mut v: NewResidentDecision) -> NewResidentDecision {
    v.form = VoteForm::Ballot;
    v.ballot_announced_on = Some(d("2024-10-01"));
    v.ballot_distributed_on = Some(d("2024-10-03"));
    v.team_size = Some(3);
    v
}

fn online(mut v: NewResidentDecision, opt_in: i64) -> NewResidentDecision {
    v.form = VoteForm::Online;
    v.online_opt_in = Some(opt_in);
    v.team_size = Some(5);
    v
}

#[test]
fn forms_follow_the_matter() {
    // Items 3–5 are decided at a meeting; online only for item 6 (Điều 17).
    let v = vote(DecisionMatter::Convention, 100, 60, 10);
    assert_eq!(code(&online(v.clone(), 80)), Some(ErrorCode::VoteFormNotAllowed));
    let mut b = ballot(v.clone());
    assert_eq!(code(&b), Some(ErrorCode::VoteFormNotAllowed));
    // A ballot only after a meeting lacked its quorum (Điều 19(1)(b)).
    b.quorum_failed = true;
    assert_eq!(code(&b), None);
    assert_eq!(
        code(&online(vote(DecisionMatter::SelfGoverning, 100, 60, 10), 51)),
        None
    );
    // Contributions may be balloted without a failed meeting.
    assert_eq!(code(&ballot(vote(DecisionMatter::Contribution, 100, 70, 10))), None);
}

#[test]
fn online_needs_more_than_half_of_households_opting_in() {
    let v = vote(DecisionMatter::SelfGoverning, 100, 60, 10);
    // Exactly 50 % is not more than half.
    let e = validate_decision(&online(v.clone(), 50), d("2024-12-31")).unwrap_err();
    assert_eq!(e.code, ErrorCode::OnlineOptInTooLow);
    assert!(e.to_string().contains("50/100 hộ"), "{e}");
    assert_eq!(code(&online(v.clone(), 51)), None);
    // 51 of 101 is 50.5 %: enough; 50 of 101 is not.
    let odd = vote(DecisionMatter::SelfGoverning, 101, 60, 10);
    assert_eq!(code(&online(odd.clone(), 51)), None);
    assert_eq!(code(&online(odd, 50)), Some(ErrorCode::OnlineOptInTooLow));
    let mut none = online(v.clone(), 0);
    none.online_opt_in = None;
    assert_eq!(code(&none), Some(ErrorCode::OnlineOptInTooLow));
    assert_eq!(code(&online(v.clone(), 101)), Some(ErrorCode::VotesExceedHouseholds));
    // The online vote team has 3–5 members too.
    let mut t = online(v, 80);
    for (n, ok) in [(2, false), (3, true), (5, true), (6, false)] {
        t.team_size = Some(n);
        assert_eq!(code(&t).is_none(), ok, "team of {n}");
    }
    t.team_size = None;
    assert_eq!(code(&t), Some(ErrorCode::TeamSizeOutOfRange));
    let p = validate_decision(
        &online(vote(DecisionMatter::SelfGoverning, 100, 60, 10), 70),
        d("2024-12-31"),
    )
    .unwrap();
    assert_eq!((p.online_opt_in, p.team_size), (Some(70), Some(5)));
}

#[test]
fn a_ballot_is_announced_two_days_ahead_by_a_team_of_three_to_five() {
    let v = ballot(vote(DecisionMatter::Contribution, 100, 70, 10));
    // Announced the 1st, distributed the 3rd: exactly 2 days, accepted.
    let p = validate_decision(&v, d("2024-12-31")).unwrap();
    assert_eq!(p.ballot_announced_on, Some(d("2024-10-01")));
    assert_eq!(p.team_size, Some(3));
    let mut short = v.clone();
    short.ballot_distributed_on = Some(d("2024-10-02"));
    let e = validate_decision(&short, d("2024-12-31")).unwrap_err();
    assert_eq!(e.code, ErrorCode::BallotNoticeTooShort);
    assert!(e.to_string().contains("01/10/2024"), "{e}");
    let mut missing = v.clone();
    missing.ballot_announced_on = None;
    assert_eq!(code(&missing), Some(ErrorCode::BallotNoticeTooShort));
    let mut after_vote = v.clone();
    after_vote.ballot_distributed_on = Some(d("2024-10-06"));
    assert_eq!(code(&after_vote), Some(ErrorCode::DatesOutOfOrder));
    for (n, ok) in [(2, false), (3, true), (4, true), (5, true), (6, false)] {
        let mut t = v.clone();
        t.team_size = Some(n);
        assert_eq!(code(&t).is_none(), ok, "team of {n}");
    }
    // A meeting stores none of the ballot's facts.
    let mut m = v.clone();
    m.form = VoteForm::Meeting;
    let p = validate_decision(&m, d("2024-12-31")).unwrap();
    assert_eq!((p.ballot_announced_on, p.team_size), (None, None));
}

fn initiative(households: i64, consent: &str) -> NewResidentDecision {
    let mut v = vote(DecisionMatter::SelfGoverning, 100, 60, 10);
    v.proposer = Some(Proposer::Citizens);
    v.initiative_households = Some(households);
    v.consent_on = Some(d(consent));
    v
}

#[test]
fn a_citizen_initiative_needs_ten_percent_of_households_within_three_months() {
    // Voted 05/10/2024. Exactly 10 % is enough; 9 % is not.
    let p = validate_decision(&initiative(10, "2024-09-01"), d("2024-12-31")).unwrap();
    assert_eq!(p.proposer, Proposer::Citizens);
    assert_eq!(
        (p.initiative_households, p.consent_on),
        (Some(10), Some(d("2024-09-01")))
    );
    let e = validate_decision(&initiative(9, "2024-09-01"), d("2024-12-31")).unwrap_err();
    assert_eq!(e.code, ErrorCode::InitiativeTooFewHouseholds);
    assert!(e.to_string().contains("9/100 hộ"), "{e}");
    // 10 of 101 households is 9.9 %.
    let mut v = initiative(10, "2024-09-01");
    v.electorate = 101;
    assert_eq!(code(&v), Some(ErrorCode::InitiativeTooFewHouseholds));
    // Under 10 % but approved by the Ban công tác Mặt trận: accepted, and recorded.
    let mut v = initiative(5, "2024-09-01");
    v.front_approved = true;
    assert!(validate_decision(&v, d("2024-12-31")).unwrap().front_approved);
    // Consent is valid 3 months: gathered 05/07 for a vote on 05/10 is still valid; 04/07 is not.
    assert_eq!(code(&initiative(10, "2024-07-05")), None);
    let e = validate_decision(&initiative(10, "2024-07-04"), d("2024-12-31")).unwrap_err();
    assert_eq!(e.code, ErrorCode::InitiativeConsentExpired);
    assert!(e.to_string().contains("04/10/2024"), "{e}");
    assert_eq!(code(&initiative(10, "2024-10-06")), Some(ErrorCode::DatesOutOfOrder));
    let mut v = initiative(10, "2024-09-01");
    v.consent_on = None;
    assert_eq!(code(&v), Some(ErrorCode::InitiativeConsentExpired));
    let mut v = initiative(10, "2024-09-01");
    v.initiative_households = None;
    assert_eq!(code(&v), Some(ErrorCode::InitiativeTooFewHouseholds));
    assert_eq!(
        code(&initiative(120, "2024-09-01")),
        Some(ErrorCode::VotesExceedHouseholds)
    );
}

#[test]
fn the_proposer_matches_the_scope() {
    let v = vote(DecisionMatter::Contribution, 100, 70, 10);
    assert_eq!(
        validate_decision(&v, d("2024-12-31")).unwrap().proposer,
        Proposer::VillageHead
    );
    let mut c = v.clone();
    c.scope = DecisionScope::Commune;
    assert_eq!(
        validate_decision(&c, d("2024-12-31")).unwrap().proposer,
        Proposer::CommuneChair
    );
    c.proposer = Some(Proposer::Citizens);
    assert_eq!(code(&c), Some(ErrorCode::ProposerNotAllowed));
    let mut t = v;
    t.proposer = Some(Proposer::CommuneChair);
    assert_eq!(code(&t), Some(ErrorCode::ProposerNotAllowed));
    // The initiative's facts are dropped when the trưởng thôn proposed it.
    let mut h = initiative(3, "2024-09-01");
    h.proposer = Some(Proposer::VillageHead);
    let p = validate_decision(&h, d("2024-12-31")).unwrap();
    assert_eq!((p.initiative_households, p.consent_on), (None, None));
}

#[test]
fn recognition_is_due_five_working_days_after_receipt() {
    let cal = Calendar::vietnam();
    assert_eq!(
        initial_recognition(DecisionMatter::VillageHead, VoteOutcome::Passed),
        RecognitionStatus::Awaiting
    );
    assert_eq!(
        initial_recognition(DecisionMatter::Contribution, VoteOutcome::Passed),
        RecognitionStatus::NotNeeded
    );
    assert_eq!(
        initial_recognition(DecisionMatter::VillageHead, VoteOutcome::Rejected),
        RecognitionStatus::NotNeeded
    );
    // Voted Sat 05/10/2024, received Mon 07/10 → recognise by Mon 14/10.
    let t = decision_timeline(
        d("2024-10-05"),
        Some(d("2024-10-07")),
        RecognitionStatus::Awaiting,
        None,
        &cal,
        d("2024-10-15"),
    )
    .unwrap();
    assert_eq!(t.recognition_due, Some(d("2024-10-14")));
    assert!(t.recognition_overdue);
    assert!(!t.sent_late);
    let t = decision_timeline(
        d("2024-10-05"),
        Some(d("2024-10-07")),
        RecognitionStatus::Recognised,
        Some(d("2024-10-16")),
        &cal,
        d("2024-10-20"),
    )
    .unwrap();
    assert!(t.recognition_late);
    assert!(!t.recognition_overdue);
}

#[test]
fn boards_lacking_members_are_warned() {
    assert_eq!(board_warnings(BoardKind::Inspection, 5, 7).len(), 1);
    assert_eq!(board_warnings(BoardKind::Inspection, 3, 3).len(), 1);
    assert!(board_warnings(BoardKind::InvestmentSupervision, 5, 9).is_empty());
}
