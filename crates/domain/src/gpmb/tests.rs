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
