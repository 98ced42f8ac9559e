use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn progress_counts_each_household_once() {
    use HouseholdState::*;
    let p = progress([HandedOver, HandedOver, HandedOver, Agreed, Obstructing, Pending]);
    assert_eq!(
        (p.households, p.handed_over, p.agreed, p.obstructing, p.pending),
        (6, 3, 1, 1, 1)
    );
    assert_eq!(p.outstanding, 3);
    assert_eq!(p.agreement_rate, Rate::new(4, 6));
    assert_eq!(
        p.text,
        "3/6 hộ đã bàn giao mặt bằng, đạt 50,0%; còn 3 hộ (01 hộ chưa chấp hành)"
    );
}

#[test]
fn progress_over_time_follows_the_history() {
    use HouseholdState::*;
    let ch = |h, on: &str, seq, state| StateChange {
        household_id: h,
        on: d(on),
        seq,
        state,
    };
    let history = [
        ch(1, "2023-01-10", 1, Pending),
        ch(2, "2023-01-10", 2, Pending),
        ch(3, "2023-02-05", 3, Obstructing),
        ch(1, "2023-02-20", 4, Agreed),
        ch(1, "2023-03-15", 5, HandedOver),
        ch(3, "2023-03-20", 6, Agreed),
        ch(2, "2023-03-20", 7, HandedOver),
    ];
    let points = progress_over_time(&history, &month_ends(d("2023-01-01"), d("2023-03-31")));
    let at: Vec<(i64, i64, i64)> = points
        .iter()
        .map(|p| (p.progress.households, p.progress.handed_over, p.progress.obstructing))
        .collect();
    assert_eq!(points[0].on, d("2023-01-31"));
    assert_eq!(at, vec![(2, 0, 0), (3, 0, 1), (3, 2, 0)]);
}

#[test]
fn a_handed_over_site_stays_handed_over_and_obstruction_needs_a_reason() {
    let today = d("2024-06-01");
    let change = |state, reason: Option<&str>| HouseholdChange {
        state,
        on: Some(d("2024-05-01")),
        reason: reason.map(String::from),
    };
    assert_eq!(
        check_change(
            HouseholdState::HandedOver,
            d("2024-01-01"),
            &change(HouseholdState::Agreed, None),
            today
        )
        .unwrap_err()
        .code,
        ErrorCode::InvalidTransition
    );
    assert_eq!(
        check_change(
            HouseholdState::Pending,
            d("2024-01-01"),
            &change(HouseholdState::Obstructing, None),
            today
        )
        .unwrap_err()
        .code,
        ErrorCode::Validation
    );
    let (on, reason) = check_change(
        HouseholdState::Pending,
        d("2024-01-01"),
        &change(HouseholdState::Obstructing, Some("Chưa đồng ý giá bồi thường")),
        today,
    )
    .unwrap();
    assert_eq!(
        (on, reason.as_deref()),
        (d("2024-05-01"), Some("Chưa đồng ý giá bồi thường"))
    );
    assert_eq!(
        check_change(
            HouseholdState::Pending,
            d("2024-05-10"),
            &change(HouseholdState::Agreed, None),
            today
        )
        .unwrap_err()
        .code,
        ErrorCode::InvalidDate
    );
}

fn steps(land: Option<LandType>) -> ProcedureSteps {
    ProcedureSteps {
        land_type: land,
        ..Default::default()
    }
}

fn codes(s: &ProcedureSteps, disagreeing: i64, today: &str) -> Vec<String> {
    procedure_warnings(s, &procedure_periods(), disagreeing, d(today))
        .into_iter()
        .map(|w| w.code)
        .collect()
}

#[test]
fn the_bundled_periods_parse_and_follow_nq_254_since_2026() {
    let all: Vec<ProcedurePeriods> = serde_json::from_str(PROCEDURE_PERIODS).unwrap();
    assert_eq!(all.len(), 2);
    let now = periods_at(&all, d("2026-08-01")).unwrap();
    assert_eq!(now.id, "NQ_254_2025");
    assert_eq!(
        (
            now.notice_days(LandType::Agricultural),
            now.notice_days(LandType::NonAgricultural)
        ),
        (60, 120)
    );
    assert_eq!(
        (now.notice_valid_months, now.plan_posting_days, now.dialogue_within_days),
        (12, 10, 30)
    );
    let before = periods_at(&all, d("2025-03-01")).unwrap();
    assert_eq!(
        (before.id.as_str(), before.notice_days(LandType::NonAgricultural)),
        ("LUAT_DAT_DAI_2024", 180)
    );
    // Before every version: the first.
    assert_eq!(periods_at(&all, d("2020-01-01")).unwrap().id, "LUAT_DAT_DAI_2024");
}

#[test]
fn the_notice_comes_60_or_120_days_before_the_recovery_decision() {
    let mut s = steps(Some(LandType::NonAgricultural));
    s.notice_on = Some(d("2026-02-01"));
    // 01/02 → 01/06 is exactly 120 days.
    s.recovery_decided_on = Some(d("2026-06-01"));
    assert!(codes(&s, 0, "2026-11-30").is_empty());
    s.recovery_decided_on = Some(d("2026-05-31"));
    let w = procedure_warnings(&s, &procedure_periods(), 0, d("2026-11-30"));
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].code, "notice_too_short");
    assert_eq!(w[0].rule, "NQ_254_2025");
    assert!(
        w[0].text
            .starts_with("thông báo thu hồi đất chưa đủ 120 ngày trước quyết định thu hồi"),
        "{}",
        w[0].text
    );
    assert!(w[0].text.contains("mới 119 ngày"), "{}", w[0].text);
    // Agricultural land: 60 days.
    s.land_type = Some(LandType::Agricultural);
    s.recovery_decided_on = Some(d("2026-04-02"));
    assert!(codes(&s, 0, "2026-11-30").is_empty(), "01/02 → 02/04 is 60 days");
    s.recovery_decided_on = Some(d("2026-04-01"));
    assert_eq!(codes(&s, 0, "2026-11-30"), vec!["notice_too_short"]);
    s.land_type = None;
    assert_eq!(codes(&s, 0, "2026-11-30"), vec!["land_type_missing"]);
}

#[test]
fn a_notice_is_valid_twelve_months() {
    let mut s = steps(Some(LandType::Agricultural));
    s.notice_on = Some(d("2026-01-10"));
    assert!(codes(&s, 0, "2027-01-10").is_empty());
    assert_eq!(codes(&s, 0, "2027-01-11"), vec!["notice_expired"]);
    s.recovery_decided_on = Some(d("2027-01-11"));
    assert_eq!(codes(&s, 0, "2027-02-01"), vec!["notice_expired"]);
}

#[test]
fn the_plan_is_posted_ten_days_and_the_dialogue_held_within_thirty() {
    let mut s = steps(None);
    s.plan_posted_from = Some(d("2026-03-01"));
    s.plan_posted_to = Some(d("2026-03-10"));
    assert!(codes(&s, 0, "2026-11-30").is_empty(), "01/03–10/03 is 10 days");
    s.plan_posted_to = Some(d("2026-03-09"));
    let w = procedure_warnings(&s, &procedure_periods(), 0, d("2026-11-30"));
    assert_eq!(w[0].code, "posting_too_short");
    assert!(
        w[0].text.starts_with("niêm yết phương án chưa đủ 10 ngày"),
        "{}",
        w[0].text
    );
    let mut s = steps(None);
    s.consulted_on = Some(d("2026-03-11"));
    s.dialogue_on = Some(d("2026-04-10"));
    assert!(codes(&s, 3, "2026-11-30").is_empty(), "30 days after");
    s.dialogue_on = Some(d("2026-04-11"));
    assert_eq!(codes(&s, 3, "2026-11-30"), vec!["dialogue_late"]);
    s.dialogue_on = None;
    assert_eq!(codes(&s, 3, "2026-11-30"), vec!["dialogue_overdue"]);
    assert!(codes(&s, 0, "2026-11-30").is_empty(), "nobody disagrees");
}

#[test]
fn contradicting_procedure_dates_are_refused() {
    let today = d("2026-11-30");
    let mut s = steps(None);
    s.plan_posted_from = Some(d("2026-03-10"));
    s.plan_posted_to = Some(d("2026-03-09"));
    assert_eq!(
        validate_procedure(&s, today).unwrap_err().code,
        ErrorCode::PostingEndsBeforeStart
    );
    s.plan_posted_from = None;
    assert_eq!(
        validate_procedure(&s, today).unwrap_err().code,
        ErrorCode::PostingEndsBeforeStart
    );
    let mut s = steps(None);
    s.notice_on = Some(d("2026-03-10"));
    s.recovery_decided_on = Some(d("2026-03-01"));
    assert_eq!(
        validate_procedure(&s, today).unwrap_err().code,
        ErrorCode::DatesOutOfOrder
    );
    let mut s = steps(None);
    s.consulted_on = Some(d("2026-03-10"));
    s.dialogue_on = Some(d("2026-03-01"));
    assert_eq!(
        validate_procedure(&s, today).unwrap_err().code,
        ErrorCode::DatesOutOfOrder
    );
    let mut s = steps(None);
    s.notice_on = Some(d("2026-12-01"));
    assert_eq!(validate_procedure(&s, today).unwrap_err().code, ErrorCode::FutureDate);
    // The posting's last day may be planned.
    let mut s = steps(None);
    s.plan_posted_from = Some(d("2026-11-25"));
    s.plan_posted_to = Some(d("2026-12-04"));
    assert!(validate_procedure(&s, today).is_ok());
}
