use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn model(stage: DvkStage) -> DvkModel {
    DvkModel {
        id: 1,
        unit_scheme: "legacy".into(),
        unit_code: "236".into(),
        unit_name: "Huyện Tam Nông".into(),
        unit_level: Level::District,
        year: 2024,
        holder: Holder::Collective,
        name: "Dân vận khéo trong hiến đất làm đường".into(),
        owner: "Chi bộ khu 3".into(),
        organisation: None,
        field: DvkField::Economy,
        sub_field: None,
        description: "Vận động hiến đất".into(),
        expected_results: None,
        evidence: vec![],
        stage,
        registered_on: d(2024, 1, 10),
        appraised_on: None,
        score: None,
        opinion: None,
        recognised_on: None,
        level: None,
        body: None,
        proposed_on: None,
        form: Some(CommendationForm::Certificate),
        commended_on: None,
        decision: Some("12/QĐ-UBND".into()),
        replicated_on: None,
        replications: vec![],
        steps: vec![],
        allowed_actions: vec![],
    }
}

fn step(action: DvkAction) -> DvkStep {
    DvkStep {
        action: Some(action),
        on: Some(d(2024, 6, 1)),
        ..Default::default()
    }
}

#[test]
fn the_life_goes_forward_one_step_at_a_time() {
    let today = d(2025, 1, 1);
    let mut s = step(DvkAction::Appraise);
    s.score = Some(85);
    assert_eq!(
        check_step(&model(DvkStage::Registered), &s, false, today).unwrap(),
        DvkStage::Appraised
    );
    let mut s = step(DvkAction::Recognise);
    s.level = Some(RecognitionLevel::District);
    assert_eq!(
        check_step(&model(DvkStage::Appraised), &s, false, today).unwrap(),
        DvkStage::Recognised
    );
    let e = check_step(&model(DvkStage::Registered), &s, false, today).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidTransition);
    let mut s = step(DvkAction::Commend);
    s.decision = Some("Số: 125/QĐ-UBND".into());
    assert_eq!(
        check_step(&model(DvkStage::Proposed), &s, false, today).unwrap(),
        DvkStage::Commended
    );
    s.decision = Some("125/BC-UBND".into());
    assert_eq!(
        check_step(&model(DvkStage::Proposed), &s, false, today)
            .unwrap_err()
            .code,
        ErrorCode::InvalidDocumentSymbol
    );
    s.decision = Some("quyết định hôm qua".into());
    assert_eq!(
        check_step(&model(DvkStage::Proposed), &s, false, today)
            .unwrap_err()
            .code,
        ErrorCode::InvalidDocumentSymbol
    );
    let mut s = step(DvkAction::Appraise);
    s.score = Some(120);
    assert_eq!(
        check_step(&model(DvkStage::Registered), &s, false, today)
            .unwrap_err()
            .code,
        ErrorCode::Validation
    );
    s.score = Some(50);
    s.on = Some(d(2023, 12, 1));
    assert_eq!(
        check_step(&model(DvkStage::Registered), &s, false, today)
            .unwrap_err()
            .code,
        ErrorCode::InvalidDate
    );
}

#[test]
fn a_commended_model_goes_back_only_by_an_admins_override() {
    let today = d(2025, 1, 1);
    let mut s = step(DvkAction::Revert);
    s.to = Some(DvkStage::Registered);
    s.reason = Some("Nhập nhầm".into());
    let commended = model(DvkStage::Commended);
    let e = check_step(&commended, &s, false, today).unwrap_err();
    assert_eq!(e.code, ErrorCode::OverrideRequired);
    assert!(e.to_string().contains("12/QĐ-UBND"), "{e}");
    assert_eq!(
        check_step(&commended, &s, true, today).unwrap_err().code,
        ErrorCode::OverrideRequired
    );
    s.override_commended = true;
    assert_eq!(
        check_step(&commended, &s, false, today).unwrap_err().code,
        ErrorCode::OverrideRequired
    );
    assert_eq!(check_step(&commended, &s, true, today).unwrap(), DvkStage::Registered);
    // Before commendation an officer may correct a stage, with a reason.
    let mut s = step(DvkAction::Revert);
    s.to = Some(DvkStage::Appraised);
    assert_eq!(
        check_step(&model(DvkStage::Recognised), &s, false, today)
            .unwrap_err()
            .code,
        ErrorCode::Validation
    );
    s.reason = Some("Hội đồng thẩm định lại".into());
    assert_eq!(
        check_step(&model(DvkStage::Recognised), &s, false, today).unwrap(),
        DvkStage::Appraised
    );
    s.to = Some(DvkStage::Proposed);
    assert_eq!(
        check_step(&model(DvkStage::Recognised), &s, false, today)
            .unwrap_err()
            .code,
        ErrorCode::InvalidTransition
    );
}

#[test]
fn the_seed_sentences_read_back() {
    let by_field = counts(DvkField::ALL, DvkField::as_str, DvkField::label_vi, |f| match f {
        DvkField::Economy => 75,
        DvkField::CultureSociety | DvkField::DefenceSecurity => 31,
        DvkField::PoliticalSystem => 14,
    });
    assert_eq!(
        recognised_text(151, &by_field),
        "151 mô hình, điển hình: kinh tế 75, văn hóa – xã hội 31, quốc phòng – an ninh 31, xây dựng hệ thống chính trị 14"
    );
    let by_holder = counts(Holder::ALL, Holder::as_str, Holder::label_vi, |h| match h {
        Holder::Collective => 121,
        Holder::Individual => 68,
    });
    assert_eq!(
        registered_text(189, &by_holder),
        "189 mô hình, điển hình đăng ký (121 tập thể, 68 cá nhân)"
    );
    let by_stage = counts(DvkStage::ALL, DvkStage::as_str, DvkStage::label_vi, |s| match s {
        DvkStage::Registered => 2705,
        DvkStage::Proposed => 922,
        _ => 0,
    });
    assert_eq!(stage_text(&by_stage), "2.705 đăng ký; 922 đề nghị khen thưởng");
}

#[test]
fn registrations_need_a_name_an_owner_and_a_sane_year() {
    let today = d(2025, 1, 1);
    let mut m = NewDvkModel {
        unit: "legacy/236".into(),
        year: 2024,
        holder: Holder::Individual,
        name: "Mô hình".into(),
        owner: "Bà Nguyễn Thị Hoa".into(),
        organisation: None,
        field: DvkField::CultureSociety,
        sub_field: None,
        description: "Nội dung".into(),
        expected_results: None,
        evidence: vec!["bao-cao.pdf".into()],
        registered_on: None,
    };
    validate_model(&m, today).unwrap();
    m.year = 1999;
    assert_eq!(validate_model(&m, today).unwrap_err().code, ErrorCode::Validation);
    m.year = 2024;
    m.owner = " ".into();
    assert_eq!(validate_model(&m, today).unwrap_err().code, ErrorCode::Validation);
}
