use super::*;
use crate::money::Amount;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn fund() -> Fund {
    Fund {
        id: 1,
        unit_scheme: "legacy".into(),
        unit_code: "236".into(),
        unit_name: "Huyện Tam Nông".into(),
        kind: FundKind::ForThePoor,
        name: "Quỹ “Vì người nghèo” huyện".into(),
        opened_on: d(2020, 1, 1),
        received: 0,
        spent: 0,
        balance: 0,
        entries: vec![],
    }
}

fn entry(kind: EntryKind, on: NaiveDate, amount: i64) -> FundEntry {
    FundEntry {
        id: 0,
        kind,
        on,
        amount,
        counterpart: "x".into(),
        house_id: None,
    }
}

#[test]
fn a_fund_cannot_spend_more_than_it_holds() {
    let today = d(2025, 1, 1);
    let entries = vec![
        entry(EntryKind::Receipt, d(2021, 1, 10), 50_000_000),
        entry(EntryKind::Spending, d(2021, 6, 1), 40_000_000),
    ];
    check_entry(&fund(), &entries, EntryKind::Spending, d(2021, 7, 1), 10_000_000, today).unwrap();
    let e = check_entry(&fund(), &entries, EntryKind::Spending, d(2021, 7, 1), 10_000_001, today).unwrap_err();
    assert_eq!(e.code, ErrorCode::FundOverdrawn);
    assert!(e.to_string().contains("10.000.000 đồng"), "{e}");
    // A back-dated spending that would leave a later one uncovered is refused too.
    let e = check_entry(&fund(), &entries, EntryKind::Spending, d(2021, 2, 1), 20_000_000, today).unwrap_err();
    assert_eq!(e.code, ErrorCode::FundOverdrawn);
    // Money given the same day counts before the day's spending.
    let same_day = vec![entry(EntryKind::Receipt, d(2021, 1, 10), 5_000_000)];
    check_entry(
        &fund(),
        &same_day,
        EntryKind::Spending,
        d(2021, 1, 10),
        5_000_000,
        today,
    )
    .unwrap();
    assert_eq!(
        check_entry(&fund(), &[], EntryKind::Receipt, d(2019, 1, 1), 1, today)
            .unwrap_err()
            .code,
        ErrorCode::InvalidDate
    );
    assert_eq!(
        check_entry(&fund(), &[], EntryKind::Receipt, d(2021, 1, 1), 0, today)
            .unwrap_err()
            .code,
        ErrorCode::Validation
    );
}

#[test]
fn money_with_fractions_of_a_dong_is_refused() {
    let today = d(2025, 1, 1);
    let c = NewRuralContribution {
        unit: "legacy/236".into(),
        on: d(2021, 5, 1),
        source: ContributionSource::People,
        amount: Amount::Text("1.500,5".into()),
        land_m2: None,
        workdays: None,
        purpose: "Đường thôn 3".into(),
    };
    let e = validate_rural(&c, today).unwrap_err();
    assert_eq!(e.code, ErrorCode::FractionalMoney);
    assert!(e.to_string().contains("số tiền"), "{e}");
    let c = NewRuralContribution {
        amount: Amount::Text("1.693.395 triệu".into()),
        land_m2: Some(Amount::Text("179.592,9".into())),
        workdays: Some(378),
        ..c
    };
    assert_eq!(validate_rural(&c, today).unwrap(), (1_693_395_000_000, 1_795_929, 378));
}

#[test]
fn houses_and_tasks_check_their_parts() {
    let today = d(2025, 1, 1);
    let h = NewHouse {
        unit: "legacy/236".into(),
        household: "Ông Hà Văn Tư".into(),
        kind: HouseKind::New,
        handed_over_on: d(2022, 3, 1),
        value: Amount::Whole(60_000_000),
        fund_id: Some(1),
        from_fund: Some(Amount::Whole(70_000_000)),
    };
    assert_eq!(validate_house(&h, today).unwrap_err().code, ErrorCode::PartsExceedTotal);
    let h = NewHouse { from_fund: None, ..h };
    assert_eq!(validate_house(&h, today).unwrap(), (60_000_000, 60_000_000));
    let t = NewOrderedTask {
        unit: "legacy/236".into(),
        orderer: "UBND huyện".into(),
        contractor: "Ủy ban MTTQ huyện".into(),
        content: "Vận động GPMB đường vành đai".into(),
        budget: Amount::Text("50 triệu".into()),
        ordered_on: d(2023, 3, 1),
        deadline: d(2023, 2, 1),
        gpmb_project: None,
    };
    assert_eq!(validate_task(&t, today).unwrap_err().code, ErrorCode::InvalidDate);
}

#[test]
fn the_seed_sentences_read_back() {
    let text = new_rural_text(
        &[
            (ContributionSource::StateBudget, 107_732_000_000),
            (ContributionSource::People, 1_693_395_000_000),
            (ContributionSource::OtherProgrammes, 1_007_530_000_000),
        ],
        1_795_929,
        378,
    );
    assert_eq!(
        text,
        "huy động được 2.808.657,0 triệu đồng (nguồn lực từ ngân sách Nhà nước: 107.732,0 triệu đồng; \
         huy động Nhân dân đóng góp: 1.693.395,0 triệu đồng; huy động lồng ghép từ các chương trình, dự án khác: \
         1.007.530,0 triệu đồng); hiến 179.592,9 m2 đất; 378 ngày công"
    );
    assert_eq!(
        houses_text(91, 1_954_000_000),
        "91 ngôi nhà đại đoàn kết, trị giá trên 1,9 tỷ đồng"
    );
    assert_eq!(
        fund_text(FundKind::ForThePoor, 3_750_000_000, 0),
        "Quỹ “Vì người nghèo” vận động được trên 3,7 tỷ đồng"
    );
    assert_eq!(
        ordered_task_text(12, 350_000_000, 10, 1),
        "12 nhiệm vụ đặt hàng, kinh phí 350 triệu đồng; hoàn thành 10/12, đạt 83,3%; 01 quá hạn"
    );
}
