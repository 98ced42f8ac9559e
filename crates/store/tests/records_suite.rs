//! The directive register, "Dân vận khéo" models, movements, funds, houses, new-rural
//! contributions and ordered tasks on both backends: seed 004's figures rebuilt from recorded
//! data, the life of a model, and bad input refused with nothing partly written.

mod common;

use chrono::NaiveDate;
use common::{add_user, system, with_units};
use danvan_domain::directive::{DocumentType, NewDirective};
use danvan_domain::dvk::{
    CommendationForm, DvkAction, DvkField, DvkStage, DvkStep, DvkSubField, Holder, NewDvkModel, RecognitionLevel,
};
use danvan_domain::figures::format_decimal;
use danvan_domain::money::{million_text, Amount};
use danvan_domain::movement::{
    ContributionSource, EntryKind, FundKind, GroupField, HouseKind, MovementKind, NewFund, NewFundEntry, NewGroup,
    NewHouse, NewMovement, NewOrderedTask, NewRuralContribution, TaskResult, TaskStatus,
};
use danvan_domain::role::Role;
use danvan_domain::scope::Actor;
use danvan_domain::unit::Unit;
use danvan_domain::ErrorCode;
use danvan_store::{DirectiveQuery, DvkQuery, ListOrder, RecordQuery, Store, StoreError, TaskQuery};

const DISTRICT: &str = "legacy/236";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn code_of<T: std::fmt::Debug>(r: Result<T, StoreError>) -> ErrorCode {
    r.expect_err("expected an error").code()
}

fn label(u: &Unit) -> String {
    format!("{}/{}", u.scheme, u.code)
}

async fn communes(store: &Store) -> Vec<Unit> {
    let unit = store.resolve_unit(DISTRICT, None).await.unwrap();
    store.children(&unit).await.unwrap()
}

async fn audit_len(store: &Store) -> i64 {
    store.verify_audit().await.unwrap().checked
}

fn registration(unit: &str, field: DvkField, holder: Holder, on: NaiveDate, n: usize) -> NewDvkModel {
    NewDvkModel {
        unit: unit.into(),
        year: chrono::Datelike::year(&on),
        holder,
        name: format!("Mô hình dân vận khéo số {n}"),
        owner: match holder {
            Holder::Collective => format!("Chi hội Nông dân khu {n}"),
            Holder::Individual => format!("Ông Nguyễn Văn {n}"),
        },
        organisation: Some("Hội Nông dân".into()),
        field,
        sub_field: None,
        description: "Vận động Nhân dân hiến đất, góp công làm đường giao thông nông thôn".into(),
        expected_results: Some("Hoàn thành 2 km đường bê tông".into()),
        evidence: vec!["bao-cao-ket-qua.pdf".into()],
        registered_on: Some(on),
    }
}

fn step(action: DvkAction, on: &str) -> DvkStep {
    DvkStep {
        action: Some(action),
        on: Some(d(on)),
        ..Default::default()
    }
}

fn appraise(on: &str) -> DvkStep {
    DvkStep {
        score: Some(82),
        opinion: Some("Mô hình thiết thực, có khả năng nhân rộng".into()),
        ..step(DvkAction::Appraise, on)
    }
}

fn recognise(on: &str, level: RecognitionLevel) -> DvkStep {
    DvkStep {
        level: Some(level),
        body: Some("Ban Chỉ đạo thực hiện QCDC huyện".into()),
        ..step(DvkAction::Recognise, on)
    }
}

/// Seed 004: "151 mô hình … lĩnh vực kinh tế có 75 mô hình, điển hình; lĩnh vực văn hóa – xã hội
/// có 31 mô hình; lĩnh vực quốc phòng, an ninh có 31 mô hình; lĩnh vực xây dựng hệ thống chính
/// trị … có 14 mô hình" — registered across the district and its communes, appraised and
/// recognised; a registered-only model and one recognised after the period are left out.
async fn seed_004_models_by_field(store: &Store) {
    with_units(store).await;
    let sys = system();
    let communes = communes(store).await;
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
            let unit = if n % 5 == 0 {
                DISTRICT.to_string()
            } else {
                label(&communes[n % communes.len()])
            };
            let holder = if i % 3 == 0 {
                Holder::Individual
            } else {
                Holder::Collective
            };
            models.push(registration(
                &unit,
                field,
                holder,
                d("2021-03-01") + chrono::Duration::days(n as i64),
                n,
            ));
        }
    }
    // Not recognised (only registered), and recognised too late: neither is among the 151.
    models.push(registration(
        DISTRICT,
        DvkField::Economy,
        Holder::Collective,
        d("2022-01-05"),
        900,
    ));
    models.push(registration(
        DISTRICT,
        DvkField::Economy,
        Holder::Collective,
        d("2022-01-06"),
        901,
    ));
    let ids = store.import_dvk_models(&sys, &models).await.unwrap().unwrap();
    assert_eq!(ids.len(), 153);
    for (i, id) in ids.iter().enumerate().take(151) {
        store.step_dvk_model(&sys, *id, &appraise("2022-06-01")).await.unwrap();
        let level = if i % 5 == 0 {
            RecognitionLevel::District
        } else {
            RecognitionLevel::Commune
        };
        store
            .step_dvk_model(&sys, *id, &recognise("2023-11-18", level))
            .await
            .unwrap();
    }
    store
        .step_dvk_model(&sys, ids[152], &appraise("2022-06-01"))
        .await
        .unwrap();
    store
        .step_dvk_model(&sys, ids[152], &recognise("2025-11-18", RecognitionLevel::District))
        .await
        .unwrap();

    let stats = store
        .dvk_stats(&sys, DISTRICT, d("2020-09-01"), d("2025-06-30"))
        .await
        .unwrap();
    assert_eq!(stats.recognised, 151);
    let by_field: Vec<(&str, i64)> = stats
        .recognised_by_field
        .iter()
        .map(|c| (c.key.as_str(), c.count))
        .collect();
    assert_eq!(
        by_field,
        vec![
            ("economy", 75),
            ("culture_society", 31),
            ("defence_security", 31),
            ("political_system", 14)
        ]
    );
    assert_eq!(
        stats.recognised_text,
        "151 mô hình, điển hình: kinh tế 75, văn hóa – xã hội 31, quốc phòng – an ninh 31, xây dựng hệ thống chính trị 14"
    );
    assert_eq!(stats.registered, 153);
    let level = |k: &str| stats.recognised_by_level.iter().find(|c| c.key == k).unwrap().count;
    assert_eq!((level("district"), level("commune")), (31, 120));
    assert_eq!(stats.recognised_by_holder.iter().map(|c| c.count).sum::<i64>(), 151);
    // A commune's own figure is its share only.
    let one = store
        .dvk_stats(&sys, &label(&communes[1]), d("2020-09-01"), d("2025-06-30"))
        .await
        .unwrap();
    assert!(one.recognised > 0 && one.recognised < 151);
    // The showcase shows what is recognised, and nothing only registered.
    let shown = store.dvk_showcase(Some(DISTRICT), None, 500).await.unwrap();
    assert_eq!(shown.len(), 152);
    assert!(shown.iter().all(|m| m.level.is_some()));
    let recognised = store
        .list_dvk_models(
            &sys,
            &DvkQuery {
                recognised: true,
                field: Some(DvkField::PoliticalSystem),
                limit: Some(500),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(recognised.items.len(), 14);
}

/// Seed 001 and 000 style figures: registrations by collective and individual, and every step
/// reached in the period ("… đăng ký … đề nghị khen thưởng").
async fn models_by_stage_and_holder(store: &Store) {
    with_units(store).await;
    let sys = system();
    let communes = communes(store).await;
    let mut models = Vec::new();
    for n in 0..27 {
        let holder = if n < 17 { Holder::Collective } else { Holder::Individual };
        models.push(registration(
            &label(&communes[n % communes.len()]),
            DvkField::ALL[n % 4],
            holder,
            d("2023-02-01"),
            n,
        ));
    }
    let ids = store.import_dvk_models(&sys, &models).await.unwrap().unwrap();
    for id in ids.iter().take(9) {
        store.step_dvk_model(&sys, *id, &appraise("2023-05-01")).await.unwrap();
        store
            .step_dvk_model(&sys, *id, &recognise("2023-06-01", RecognitionLevel::District))
            .await
            .unwrap();
        let propose = DvkStep {
            form: Some(CommendationForm::Certificate),
            body: Some("UBND huyện".into()),
            ..step(DvkAction::Propose, "2023-10-01")
        };
        store.step_dvk_model(&sys, *id, &propose).await.unwrap();
    }
    let stats = store
        .dvk_stats(&sys, DISTRICT, d("2023-01-01"), d("2023-12-31"))
        .await
        .unwrap();
    assert_eq!(
        stats.registered_text,
        "27 mô hình, điển hình đăng ký (17 tập thể, 10 cá nhân)"
    );
    assert_eq!(
        stats.stage_text,
        "27 đăng ký; 9 thẩm định; 9 công nhận; 9 đề nghị khen thưởng"
    );
    let proposed = stats.by_stage.iter().find(|c| c.key == "proposed").unwrap();
    assert_eq!(proposed.count, 9);

    // The list's search box: the owner's words without diacritics pick one registration (the
    // imported ones were written with their search key too); the description's pick them all.
    let search = |text: &'static str| {
        let store = store.clone();
        async move {
            let query = DvkQuery {
                q: Some(text.into()),
                limit: Some(500),
                ..Default::default()
            };
            let page = store.list_dvk_models(&system(), &query).await.unwrap();
            page.items.into_iter().map(|m| m.owner).collect::<Vec<_>>()
        }
    };
    assert_eq!(search("ong NGUYEN van 20").await, vec!["Ông Nguyễn Văn 20"]);
    assert_eq!(search("hiến đất").await.len(), 27);
    assert!(search("trồng rừng").await.is_empty());
}

/// A model's whole life, each step dated in its history and audited; going back from
/// commended needs the admin's override, and clears what the later steps recorded.
async fn a_model_lives_and_goes_back_only_by_override(store: &Store) {
    with_units(store).await;
    let sys = system();
    let communes = communes(store).await;
    let officer = add_user(store, "cb.huyen", Role::Officer, DISTRICT).await;
    let admin = add_user(store, "qt.huyen", Role::UnitAdmin, DISTRICT).await;
    store
        .put_dvk_sub_field(
            &admin,
            &DvkSubField {
                code: "nong_thon_moi".into(),
                field: DvkField::PoliticalSystem,
                name: "Xây dựng nông thôn mới".into(),
            },
        )
        .await
        .unwrap();
    let refused = store
        .put_dvk_sub_field(
            &officer,
            &DvkSubField {
                code: "x".into(),
                field: DvkField::Economy,
                name: "X".into(),
            },
        )
        .await;
    assert_eq!(code_of(refused), ErrorCode::ForbiddenRole);
    let mut new = registration(
        DISTRICT,
        DvkField::PoliticalSystem,
        Holder::Collective,
        d("2024-01-10"),
        1,
    );
    new.sub_field = Some("nong_thon_moi".into());
    let m = store.create_dvk_model(&officer, &new).await.unwrap();
    assert_eq!(m.stage, DvkStage::Registered);
    assert_eq!(m.allowed_actions, vec![DvkAction::Appraise]);
    let mut wrong_field = new.clone();
    wrong_field.field = DvkField::Economy;
    assert_eq!(
        code_of(store.create_dvk_model(&officer, &wrong_field).await),
        ErrorCode::Validation
    );

    store
        .step_dvk_model(&officer, m.id, &appraise("2024-05-02"))
        .await
        .unwrap();
    store
        .step_dvk_model(&officer, m.id, &recognise("2024-06-01", RecognitionLevel::District))
        .await
        .unwrap();
    let propose = DvkStep {
        form: Some(CommendationForm::Diploma),
        body: Some("UBND tỉnh Phú Thọ".into()),
        ..step(DvkAction::Propose, "2024-09-01")
    };
    store.step_dvk_model(&officer, m.id, &propose).await.unwrap();
    let bad_decision = DvkStep {
        decision: Some("ngày 18/11".into()),
        ..step(DvkAction::Commend, "2024-11-18")
    };
    assert_eq!(
        code_of(store.step_dvk_model(&officer, m.id, &bad_decision).await),
        ErrorCode::InvalidDocumentSymbol
    );
    let commend = DvkStep {
        decision: Some("Số: 2456/QĐ-UBND".into()),
        ..step(DvkAction::Commend, "2024-11-18")
    };
    let m = store.step_dvk_model(&officer, m.id, &commend).await.unwrap();
    assert_eq!(m.stage, DvkStage::Commended);
    assert_eq!(m.decision.as_deref(), Some("2456/QĐ-UBND"));
    assert_eq!(m.form, Some(CommendationForm::Diploma));
    let replicate = DvkStep {
        units: vec![label(&communes[0]), label(&communes[1])],
        ..step(DvkAction::Replicate, "2025-03-01")
    };
    let m = store.step_dvk_model(&officer, m.id, &replicate).await.unwrap();
    assert_eq!(m.stage, DvkStage::Replicated);
    assert_eq!(m.replications.len(), 2);
    let again = DvkStep {
        units: vec![label(&communes[0])],
        ..step(DvkAction::Replicate, "2025-04-01")
    };
    assert_eq!(
        code_of(store.step_dvk_model(&officer, m.id, &again).await),
        ErrorCode::Validation
    );
    assert_eq!(m.steps.len(), 5);
    assert!(m.steps[3].detail.contains("2456/QĐ-UBND"), "{:?}", m.steps[3]);

    // Back to registered: refused to the officer, even with the flag; refused to the admin
    // without it; done by the admin with it — and audited as an override.
    let mut back = DvkStep {
        to: Some(DvkStage::Registered),
        reason: Some("Hồ sơ đăng ký nhầm đơn vị".into()),
        ..step(DvkAction::Revert, "2025-05-01")
    };
    let before = audit_len(store).await;
    assert_eq!(
        code_of(store.step_dvk_model(&officer, m.id, &back).await),
        ErrorCode::OverrideRequired
    );
    back.override_commended = true;
    assert_eq!(
        code_of(store.step_dvk_model(&officer, m.id, &back).await),
        ErrorCode::OverrideRequired
    );
    back.override_commended = false;
    assert_eq!(
        code_of(store.step_dvk_model(&admin, m.id, &back).await),
        ErrorCode::OverrideRequired
    );
    assert_eq!(audit_len(store).await, before, "refusals write nothing");
    assert_eq!(store.dvk_model(&sys, m.id).await.unwrap().stage, DvkStage::Replicated);
    back.override_commended = true;
    let m = store.step_dvk_model(&admin, m.id, &back).await.unwrap();
    assert_eq!(m.stage, DvkStage::Registered);
    assert_eq!(
        (m.decision.clone(), m.commended_on, m.recognised_on, m.score),
        (None, None, None, None)
    );
    assert!(m.replications.is_empty());
    assert!(m.steps.last().unwrap().detail.contains("quản trị ghi đè"));
    assert_eq!(audit_len(store).await, before + 1);
    let stats = store
        .dvk_stats(&sys, DISTRICT, d("2024-01-01"), d("2025-12-31"))
        .await
        .unwrap();
    assert_eq!(
        stats.recognised, 0,
        "a model moved back is no longer counted as recognised"
    );
}

/// Seed 000: "ban hành 01 Chỉ thị; 01 Quyết định; 04 Công văn; 02 Chương trình; 03 Kế hoạch;
/// 04 Báo cáo" in the period, from the register.
async fn directives_by_type_in_a_period(store: &Store) {
    with_units(store).await;
    let sys = system();
    let communes = communes(store).await;
    let docs = [
        (DocumentType::Directive, "04-CT/HU"),
        (DocumentType::Decision, "127-QĐ/HU"),
        (DocumentType::OfficialLetter, "15-CV/BDVHU"),
        (DocumentType::OfficialLetter, "16-CV/BDVHU"),
        (DocumentType::OfficialLetter, "249/UBND-VP"),
        (DocumentType::OfficialLetter, "250/UBND-VP"),
        (DocumentType::Programme, "02-CTr/HU"),
        (DocumentType::Programme, "03-CTr/HU"),
        (DocumentType::Plan, "85-KH/HU"),
        (DocumentType::Plan, "86-KH/HU"),
        (DocumentType::Plan, "05/KH-UBND"),
        (DocumentType::Report, "152-BC/ĐU"),
        (DocumentType::Report, "05/BC-UBND"),
        (DocumentType::Report, "06/BC-UBND"),
        (DocumentType::Report, "153-BC/ĐU"),
    ];
    for (i, (t, symbol)) in docs.iter().enumerate() {
        let unit = if symbol.contains("ĐU") || symbol.contains("UBND") {
            label(&communes[i % 2])
        } else {
            DISTRICT.to_string()
        };
        store
            .create_directive(
                &sys,
                &NewDirective {
                    unit,
                    doc_type: *t,
                    symbol: symbol.to_string(),
                    issued_on: d("2021-01-05") + chrono::Duration::days(i as i64 * 10),
                    issuer: "Ban Thường vụ Huyện ủy".into(),
                    title: format!("Văn bản chỉ đạo công tác dân vận số {i}"),
                    file: None,
                },
            )
            .await
            .unwrap();
    }
    // Outside the period.
    let old = NewDirective {
        unit: DISTRICT.into(),
        doc_type: DocumentType::Directive,
        symbol: "Số 03-CT/HU".into(),
        issued_on: d("2020-06-01"),
        issuer: "Ban Thường vụ Huyện ủy".into(),
        title: "Về tăng cường công tác dân vận".into(),
        file: Some("03-CT-HU.pdf".into()),
    };
    let saved = store.create_directive(&sys, &old).await.unwrap();
    assert_eq!(saved.symbol, "03-CT/HU");
    assert_eq!(saved.printed_symbol, "Số 03-CT/HU");
    let stats = store
        .directive_stats(&sys, DISTRICT, d("2021-01-01"), d("2021-12-31"))
        .await
        .unwrap();
    assert_eq!(stats.total, 15);
    assert_eq!(
        stats.text,
        "ban hành 01 Chỉ thị; 01 Quyết định; 04 Công văn; 02 Chương trình; 03 Kế hoạch; 04 Báo cáo"
    );
    let communes_only = stats.by_level.iter().find(|c| c.key == "commune").unwrap();
    assert_eq!(communes_only.count, 7);

    // Bad input: a symbol that does not parse, a type that disagrees, a repeat — nothing written.
    let before = audit_len(store).await;
    let bad = NewDirective {
        symbol: "85 KH QU".into(),
        ..old.clone()
    };
    assert_eq!(
        code_of(store.create_directive(&sys, &bad).await),
        ErrorCode::InvalidDocumentSymbol
    );
    let disagree = NewDirective {
        symbol: "05/BC-UBND".into(),
        doc_type: DocumentType::Plan,
        ..old.clone()
    };
    assert_eq!(
        code_of(store.create_directive(&sys, &disagree).await),
        ErrorCode::InvalidDocumentSymbol
    );
    assert_eq!(
        code_of(store.create_directive(&sys, &old).await),
        ErrorCode::DuplicateDocument
    );
    assert_eq!(audit_len(store).await, before);
    let found = store
        .list_directives(
            &sys,
            &DirectiveQuery {
                doc_type: Some(DocumentType::Report),
                from: Some(d("2021-01-01")),
                limit: Some(3),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(found.items.len(), 3);
    let rest = store
        .list_directives(
            &sys,
            &DirectiveQuery {
                doc_type: Some(DocumentType::Report),
                from: Some(d("2021-01-01")),
                after: found.next.clone(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(rest.items.len(), 1);
    assert!(rest.next.is_none());

    // The search box: the title's words without diacritics, or the symbol as printed.
    let search = |text: &'static str| {
        let store = store.clone();
        async move {
            let query = DirectiveQuery {
                q: Some(text.into()),
                ..Default::default()
            };
            let page = store.list_directives(&system(), &query).await.unwrap();
            page.items.into_iter().map(|d| d.symbol).collect::<Vec<_>>()
        }
    };
    assert_eq!(search("TANG cuong cong tac dan van").await, vec!["03-CT/HU"]);
    assert_eq!(search("03-CT/HU").await, vec!["03-CT/HU"]);
    assert_eq!(search("Về tăng cường").await, vec!["03-CT/HU"]);
    assert!(search("dân vận khéo 2099").await.is_empty());
}

/// Seed 004: new-rural contributions "2.808.657,0 triệu đồng (… 107.732,0 triệu đồng; …
/// 1.693.395 triệu đồng; … 1.007.530 triệu đồng); … 179.592,9 m2 và … 378 ngày công" and the
/// "Vì người nghèo" fund "trên 3,7 tỷ đồng … 91 ngôi nhà đại đoàn kết … trị giá trên 1,9 tỷ đồng".
async fn seed_004_new_rural_fund_and_houses(store: &Store) {
    with_units(store).await;
    let sys = system();
    let communes = communes(store).await;
    // Each source split over the communes into whole-đồng contributions that add up exactly.
    let sources = [
        (ContributionSource::StateBudget, 107_732_000_000i64),
        (ContributionSource::People, 1_693_395_000_000),
        (ContributionSource::OtherProgrammes, 1_007_530_000_000),
    ];
    let mut land_left = 1_795_929i64;
    let mut days_left = 378i64;
    for (source, total) in sources {
        let mut left = total;
        for (i, c) in communes.iter().enumerate() {
            let parts = communes.len() - i;
            let amount = if parts == 1 {
                left
            } else {
                left / parts as i64 + 123_457
            };
            left -= amount;
            let (land, days) = if source == ContributionSource::People {
                let land = if parts == 1 {
                    land_left
                } else {
                    land_left / parts as i64
                };
                let days = if parts == 1 {
                    days_left
                } else {
                    days_left / parts as i64
                };
                land_left -= land;
                days_left -= days;
                (Some(Amount::Text(format_decimal(land, 1))), Some(days))
            } else {
                (None, None)
            };
            store
                .create_rural_contribution(
                    &sys,
                    &NewRuralContribution {
                        unit: label(c),
                        on: d("2021-04-01") + chrono::Duration::days(i as i64),
                        source,
                        amount: Amount::Text(danvan_domain::figures::format_count(amount)),
                        land_m2: land,
                        workdays: days,
                        purpose: "Đường giao thông nông thôn".into(),
                    },
                )
                .await
                .unwrap();
        }
    }
    let stats = store
        .new_rural_stats(&sys, DISTRICT, d("2020-09-01"), d("2025-06-30"))
        .await
        .unwrap();
    assert_eq!(stats.total, 2_808_657_000_000);
    assert_eq!(stats.total_million, "2.808.657,0");
    let million: Vec<String> = stats.by_source.iter().map(|s| s.million.clone()).collect();
    assert_eq!(million, vec!["107.732,0", "1.693.395,0", "1.007.530,0"]);
    assert_eq!(
        million_text(stats.by_source.iter().map(|s| s.dong).sum()),
        "2.808.657,0"
    );
    assert_eq!(stats.land_m2, "179.592,9");
    assert_eq!(stats.workdays, 378);
    assert!(stats
        .text
        .starts_with("huy động được 2.808.657,0 triệu đồng (nguồn lực từ ngân sách Nhà nước: 107.732,0 triệu đồng;"));
    assert!(
        stats.text.ends_with("; hiến 179.592,9 m2 đất; 378 ngày công"),
        "{}",
        stats.text
    );

    // The fund, its receipts, and 91 houses it paid for.
    let fund = store
        .create_fund(
            &sys,
            &NewFund {
                unit: DISTRICT.into(),
                kind: FundKind::ForThePoor,
                name: "Quỹ “Vì người nghèo” huyện Tam Nông".into(),
                opened_on: d("2020-01-01"),
            },
        )
        .await
        .unwrap();
    for (i, amount) in ["1,2 tỷ", "1.500.000.000", "1.054.000.000"].iter().enumerate() {
        store
            .add_fund_entry(
                &sys,
                fund.id,
                &NewFundEntry {
                    kind: EntryKind::Receipt,
                    on: d("2020-11-18") + chrono::Duration::days(365 * i as i64),
                    amount: Amount::Text(amount.to_string()),
                    counterpart: "Cán bộ, đảng viên và Nhân dân ủng hộ".into(),
                },
            )
            .await
            .unwrap();
    }
    let mut value_left = 1_954_000_000i64;
    for i in 0..91 {
        let value = if i == 90 {
            value_left
        } else {
            21_000_000 + (i % 3) * 500_000
        };
        value_left -= value;
        store
            .create_house(
                &sys,
                &NewHouse {
                    unit: label(&communes[i as usize % communes.len()]),
                    household: format!("Hộ nghèo số {i}"),
                    kind: if i % 10 == 0 { HouseKind::Repair } else { HouseKind::New },
                    handed_over_on: d("2021-01-15") + chrono::Duration::days(i * 12),
                    value: Amount::Whole(value),
                    fund_id: Some(fund.id),
                    from_fund: None,
                },
            )
            .await
            .unwrap();
    }
    // The 91 houses page by cursor, newest first; the household is found without diacritics.
    let (mut pages, mut seen, mut after) = (0, 0, None);
    loop {
        let query = RecordQuery {
            after: after.clone(),
            limit: Some(40),
            ..Default::default()
        };
        let page = store.list_houses(&sys, &query).await.unwrap();
        pages += 1;
        seen += page.items.len();
        match page.next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    assert_eq!((pages, seen), (3, 91));
    let words = |q: &str| RecordQuery {
        q: Some(q.into()),
        ..Default::default()
    };
    let found = store.list_houses(&sys, &words("ho ngheo SO 42")).await.unwrap().items;
    assert_eq!(
        found.iter().map(|h| h.household.as_str()).collect::<Vec<_>>(),
        ["Hộ nghèo số 42"]
    );
    let roads = store
        .export_rural_contributions(&sys, &words("duong giao thong"), 10_000)
        .await
        .unwrap();
    assert!(!roads.is_empty());
    assert!(store
        .list_rural_contributions(&sys, &words("trường học"))
        .await
        .unwrap()
        .items
        .is_empty());
    let f = store
        .fund_stats(&sys, DISTRICT, d("2020-09-01"), d("2025-06-30"))
        .await
        .unwrap();
    assert_eq!(f.houses, 91);
    assert_eq!(f.houses_value, 1_954_000_000);
    assert_eq!(f.houses_text, "91 ngôi nhà đại đoàn kết, trị giá trên 1,9 tỷ đồng");
    assert_eq!(f.funds[0].received, 3_754_000_000);
    assert_eq!(
        f.funds[0].text,
        "Quỹ “Vì người nghèo” vận động được trên 3,7 tỷ đồng, đã chi trên 1,9 tỷ đồng"
    );
    let fund = store.fund(&sys, fund.id).await.unwrap();
    assert_eq!(fund.balance, 3_754_000_000 - 1_954_000_000);
    assert_eq!(fund.entries.iter().filter(|e| e.house_id.is_some()).count(), 91);
}

/// A fund spending more than it holds, money with fractions of a đồng, a house the fund cannot
/// pay for: refused with their codes, nothing written (not even the house).
async fn money_rules_write_nothing(store: &Store) {
    with_units(store).await;
    let sys = system();
    let fund = store
        .create_fund(
            &sys,
            &NewFund {
                unit: DISTRICT.into(),
                kind: FundKind::DisasterRelief,
                name: "Quỹ cứu trợ huyện".into(),
                opened_on: d("2024-01-01"),
            },
        )
        .await
        .unwrap();
    let entry = |kind, on: &str, amount: &str| NewFundEntry {
        kind,
        on: d(on),
        amount: Amount::Text(amount.into()),
        counterpart: "Ủng hộ đồng bào bị lũ".into(),
    };
    store
        .add_fund_entry(&sys, fund.id, &entry(EntryKind::Receipt, "2024-09-10", "50 triệu"))
        .await
        .unwrap();
    let before = audit_len(store).await;
    let over = store
        .add_fund_entry(&sys, fund.id, &entry(EntryKind::Spending, "2024-09-12", "50.000.001"))
        .await;
    assert_eq!(code_of(over), ErrorCode::FundOverdrawn);
    let early = store
        .add_fund_entry(&sys, fund.id, &entry(EntryKind::Spending, "2024-09-01", "1.000.000"))
        .await;
    assert_eq!(code_of(early), ErrorCode::FundOverdrawn, "nothing was in the fund yet");
    let fraction = store
        .add_fund_entry(&sys, fund.id, &entry(EntryKind::Receipt, "2024-09-12", "1.000,5"))
        .await;
    assert_eq!(code_of(fraction), ErrorCode::FractionalMoney);
    let fraction = store
        .add_fund_entry(
            &sys,
            fund.id,
            &NewFundEntry {
                amount: Amount::Decimal(0.5),
                ..entry(EntryKind::Receipt, "2024-09-12", "0")
            },
        )
        .await;
    assert_eq!(code_of(fraction), ErrorCode::FractionalMoney);
    let house = NewHouse {
        unit: DISTRICT.into(),
        household: "Bà Lê Thị Mai".into(),
        kind: HouseKind::Repair,
        handed_over_on: d("2024-10-01"),
        value: Amount::Text("60 triệu".into()),
        fund_id: Some(fund.id),
        from_fund: None,
    };
    assert_eq!(
        code_of(store.create_house(&sys, &house).await),
        ErrorCode::FundOverdrawn
    );
    assert_eq!(audit_len(store).await, before);
    assert!(
        store
            .list_houses(&sys, &RecordQuery::default())
            .await
            .unwrap()
            .items
            .is_empty(),
        "the house is not half written"
    );
    let paid = NewHouse {
        from_fund: Some(Amount::Text("50 triệu".into())),
        ..house
    };
    let h = store.create_house(&sys, &paid).await.unwrap();
    assert_eq!((h.value, h.from_fund), (60_000_000, 50_000_000));
    assert_eq!(store.fund(&sys, fund.id).await.unwrap().balance, 0);
    let task = NewOrderedTask {
        unit: DISTRICT.into(),
        orderer: "UBND huyện".into(),
        contractor: "Ủy ban MTTQ huyện".into(),
        content: "Vận động GPMB".into(),
        budget: Amount::Decimal(1.5),
        ordered_on: d("2024-01-01"),
        deadline: d("2024-03-01"),
        gpmb_project: None,
    };
    assert_eq!(
        code_of(store.create_ordered_task(&sys, &task).await),
        ErrorCode::FractionalMoney
    );
}

/// Movements with their units and groups (seed 004: "487 Tổ nhân dân tự quản"), and ordered
/// tasks tracked to their end, late ones flagged.
async fn movements_groups_and_ordered_tasks(store: &Store) {
    with_units(store).await;
    let sys = system();
    let communes = communes(store).await;
    let m = store
        .create_movement(
            &sys,
            &NewMovement {
                unit: DISTRICT.into(),
                kind: MovementKind::Movement,
                name: "Mỗi người dân - Mỗi ngày một việc".into(),
                started_on: d("2021-02-01"),
                ended_on: None,
                description: None,
                units: communes.iter().map(label).collect(),
            },
        )
        .await
        .unwrap();
    assert_eq!(m.units.len(), communes.len());
    for i in 0..487 {
        store
            .create_group(
                &sys,
                &NewGroup {
                    unit: label(&communes[i % communes.len()]),
                    movement_id: Some(m.id),
                    name: format!("Tổ nhân dân tự quản bảo vệ môi trường số {i}"),
                    field: GroupField::Environment,
                    members: 12,
                    founded_on: d("2021-03-01"),
                },
            )
            .await
            .unwrap();
    }
    let stats = store
        .movement_stats(&sys, DISTRICT, d("2021-01-01"), d("2025-06-30"))
        .await
        .unwrap();
    assert_eq!((stats.movements, stats.groups, stats.group_members), (1, 487, 487 * 12));
    assert_eq!(stats.participating_units, communes.len() as i64);
    assert_eq!(stats.groups_text, "487 tổ nhân dân tự quản (bảo vệ môi trường 487)");
    assert_eq!(store.movement(&sys, m.id).await.unwrap().groups, 487);

    let order = |content: &str, deadline: &str| NewOrderedTask {
        unit: DISTRICT.into(),
        orderer: "UBND huyện Tam Nông".into(),
        contractor: "Ủy ban MTTQ huyện".into(),
        content: content.into(),
        budget: Amount::Text("100 triệu".into()),
        ordered_on: d("2023-01-10"),
        deadline: d(deadline),
        gpmb_project: Some("Đường Vành đai 4".into()),
    };
    let a = store
        .create_ordered_task(&sys, &order("Vận động 120 hộ bàn giao mặt bằng", "2023-12-31"))
        .await
        .unwrap();
    let b = store
        .create_ordered_task(&sys, &order("Tuyên truyền chính sách bồi thường", "2023-06-30"))
        .await
        .unwrap();
    store
        .create_ordered_task(&sys, &order("Đối thoại với các hộ còn vướng mắc", "2024-03-31"))
        .await
        .unwrap();
    let over_budget = TaskResult {
        status: TaskStatus::Done,
        on: Some(d("2023-12-20")),
        result: "118/120 hộ đã bàn giao".into(),
        spent: Some(Amount::Text("120 triệu".into())),
    };
    assert_eq!(
        code_of(store.finish_ordered_task(&sys, a.id, &over_budget).await),
        ErrorCode::PartsExceedTotal
    );
    let done = TaskResult {
        spent: Some(Amount::Text("95 triệu".into())),
        ..over_budget
    };
    let a = store.finish_ordered_task(&sys, a.id, &done).await.unwrap();
    assert_eq!((a.status, a.spent), (TaskStatus::Done, Some(95_000_000)));
    assert_eq!(
        code_of(store.finish_ordered_task(&sys, a.id, &done).await),
        ErrorCode::InvalidTransition
    );
    let only_overdue = TaskQuery {
        overdue: true,
        ..Default::default()
    };
    let overdue = store.list_ordered_tasks(&sys, &only_overdue).await.unwrap().items;
    assert_eq!(overdue.len(), 2);
    assert!(overdue.iter().any(|t| t.id == b.id && t.overdue));
    // The search box folds the words of the content and the project.
    let search = |words: &str| TaskQuery {
        q: Some(words.into()),
        ..Default::default()
    };
    let found = store
        .list_ordered_tasks(&sys, &search("chinh sach BOI THUONG"))
        .await
        .unwrap()
        .items;
    assert_eq!(found.iter().map(|t| t.id).collect::<Vec<_>>(), vec![b.id]);
    let on_project = store
        .list_ordered_tasks(&sys, &search("vành đai 4"))
        .await
        .unwrap()
        .items;
    assert_eq!(on_project.len(), 3);
    // Nearest deadline first unless asked; two a page, the cursor reaching the third.
    let deadlines =
        |tasks: &[danvan_domain::movement::OrderedTask]| tasks.iter().map(|t| t.deadline).collect::<Vec<_>>();
    assert_eq!(
        deadlines(&on_project),
        [d("2023-06-30"), d("2023-12-31"), d("2024-03-31")]
    );
    let paged = TaskQuery {
        limit: Some(2),
        ..Default::default()
    };
    let first = store.list_ordered_tasks(&sys, &paged).await.unwrap();
    let rest = TaskQuery {
        after: first.next.clone(),
        ..paged.clone()
    };
    let second = store.list_ordered_tasks(&sys, &rest).await.unwrap();
    assert_eq!((first.items.len(), second.items.len(), second.next), (2, 1, None));
    let latest = TaskQuery {
        sort: ListOrder::Newest,
        ..Default::default()
    };
    let latest = store.list_ordered_tasks(&sys, &latest).await.unwrap().items;
    assert_eq!(latest[0].deadline, d("2024-03-31"));
    assert_eq!(
        store
            .export_ordered_tasks(&sys, &TaskQuery::default(), 10)
            .await
            .unwrap()
            .len(),
        3
    );
    let s = store
        .ordered_task_stats(&sys, DISTRICT, d("2023-01-01"), d("2023-12-31"))
        .await
        .unwrap();
    assert_eq!(
        (s.ordered, s.done, s.done_on_time, s.overdue),
        (3, 1, 1, 1),
        "late as of the period's end"
    );
    assert_eq!(
        s.text,
        "3 nhiệm vụ đặt hàng, kinh phí 300 triệu đồng; hoàn thành 1/3, đạt 33,3%; 01 quá hạn"
    );
}

/// Nobody reads or writes outside their scope; a viewer writes nothing.
async fn scope_is_enforced(store: &Store) {
    with_units(store).await;
    let sys = system();
    let communes = communes(store).await;
    let (mine, other) = (label(&communes[0]), label(&communes[1]));
    let officer: Actor = add_user(store, "cb.xa", Role::Officer, &mine).await;
    let theirs = store
        .create_dvk_model(
            &sys,
            &registration(&other, DvkField::Economy, Holder::Collective, d("2024-02-01"), 1),
        )
        .await
        .unwrap();
    assert_eq!(code_of(store.dvk_model(&officer, theirs.id).await), ErrorCode::NotFound);
    assert_eq!(
        code_of(store.step_dvk_model(&officer, theirs.id, &appraise("2024-03-01")).await),
        ErrorCode::NotFound
    );
    assert_eq!(
        code_of(
            store
                .create_dvk_model(
                    &officer,
                    &registration(&other, DvkField::Economy, Holder::Collective, d("2024-02-01"), 2)
                )
                .await
        ),
        ErrorCode::ForbiddenScope
    );
    assert!(store
        .list_dvk_models(&officer, &DvkQuery::default())
        .await
        .unwrap()
        .items
        .is_empty());
    assert_eq!(
        code_of(
            store
                .dvk_stats(&officer, &other, d("2024-01-01"), d("2024-12-31"))
                .await
        ),
        ErrorCode::ForbiddenScope
    );
    assert_eq!(
        code_of(
            store
                .new_rural_stats(&officer, DISTRICT, d("2024-01-01"), d("2024-12-31"))
                .await
        ),
        ErrorCode::ForbiddenScope
    );
    let fund = store
        .create_fund(
            &sys,
            &NewFund {
                unit: other.clone(),
                kind: FundKind::ForThePoor,
                name: "Quỹ xã bên".into(),
                opened_on: d("2024-01-01"),
            },
        )
        .await
        .unwrap();
    let entry = NewFundEntry {
        kind: EntryKind::Receipt,
        on: d("2024-02-01"),
        amount: Amount::Whole(1_000_000),
        counterpart: "x".into(),
    };
    assert_eq!(
        code_of(store.add_fund_entry(&officer, fund.id, &entry).await),
        ErrorCode::NotFound
    );
    let viewer = add_user(store, "xem.xa", Role::Viewer, &mine).await;
    let refused = store
        .create_dvk_model(
            &viewer,
            &registration(&mine, DvkField::Economy, Holder::Collective, d("2024-02-01"), 3),
        )
        .await;
    assert_eq!(code_of(refused), ErrorCode::ForbiddenRole);
    let refused = store
        .create_directive(
            &officer,
            &NewDirective {
                unit: other,
                doc_type: DocumentType::Plan,
                symbol: "05/KH-UBND".into(),
                issued_on: d("2024-01-05"),
                issuer: "UBND xã".into(),
                title: "Kế hoạch".into(),
                file: None,
            },
        )
        .await;
    assert_eq!(code_of(refused), ErrorCode::ForbiddenScope);
}

/// Issue 6: ordered tasks past their deadline and not done are on the follow-up worklist,
/// nearest deadline first; a done one and one not yet due are not, nor one outside the scope.
async fn overdue_ordered_tasks_are_on_the_worklist(store: &Store) {
    with_units(store).await;
    let sys = system();
    let order = |unit: &str, content: &str, deadline: &str| NewOrderedTask {
        unit: unit.into(),
        orderer: "UBND phường".into(),
        contractor: "Ủy ban MTTQ phường".into(),
        content: content.into(),
        budget: Amount::Whole(20_000_000),
        ordered_on: d("2024-01-10"),
        deadline: d(deadline),
        gpmb_project: None,
    };
    let here = "2025/00004";
    let later = store
        .create_ordered_task(&sys, &order(here, "Vận động hiến đất mở đường", "2024-06-30"))
        .await
        .unwrap();
    let nearest = store
        .create_ordered_task(&sys, &order(here, "Tuyên truyền phân loại rác", "2024-03-31"))
        .await
        .unwrap();
    let done = store
        .create_ordered_task(&sys, &order(here, "Khảo sát hộ nghèo", "2024-02-28"))
        .await
        .unwrap();
    store
        .finish_ordered_task(
            &sys,
            done.id,
            &TaskResult {
                status: TaskStatus::Done,
                on: Some(d("2024-03-05")),
                result: "Đã khảo sát 45 hộ".into(),
                spent: None,
            },
        )
        .await
        .unwrap();
    store
        .create_ordered_task(&sys, &order(here, "Tổng kết phong trào", "2024-12-31"))
        .await
        .unwrap();
    let outside = store
        .create_ordered_task(&sys, &order("2025/00008", "Vận động giải phóng mặt bằng", "2024-04-30"))
        .await
        .unwrap();
    let query = danvan_store::FollowUpQuery {
        today: Some(d("2024-09-01")),
        ..Default::default()
    };
    let officer = add_user(store, "cb.ba.dinh.task", Role::Officer, here).await;
    let ids: Vec<i64> = store
        .follow_up_tasks(&officer, &query)
        .await
        .unwrap()
        .iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(ids, vec![nearest.id, later.id]);
    let all = store.follow_up_tasks(&sys, &query).await.unwrap();
    assert_eq!(
        all.iter().map(|t| t.id).collect::<Vec<_>>(),
        vec![nearest.id, outside.id, later.id]
    );
    assert!(all.iter().all(|t| t.overdue));
    // Filtered to a unit's subtree like the rest of the worklist.
    let there = danvan_store::FollowUpQuery {
        unit: Some("2025/00008".into()),
        ..query.clone()
    };
    assert_eq!(store.follow_up_tasks(&sys, &there).await.unwrap().len(), 1);
}

/// The movement list pages by keyset either way, finds the words of a name or description
/// without their diacritics (rows stored before the search key are folded by `migrate`), and an
/// export walks every page.
async fn movements_page_both_ways_and_are_searched(store: &Store) {
    with_units(store).await;
    let sys = system();
    let names = [
        "Toàn dân đoàn kết xây dựng đời sống văn hóa",
        "Ngày vì người nghèo",
        "Mỗi người dân - Mỗi ngày một việc",
        "Chung tay xây dựng nông thôn mới",
        "Đường hoa nông thôn",
        "Xanh - sạch - đẹp",
        "Ngày thứ bảy tình nguyện",
    ];
    let mut ids = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let m = store
            .create_movement(
                &sys,
                &NewMovement {
                    unit: DISTRICT.into(),
                    kind: MovementKind::Movement,
                    name: (*name).into(),
                    // Two start on the same day: the id breaks the tie, in both orders.
                    started_on: d("2024-01-01") + chrono::Duration::days(30 * (i as i64).min(5)),
                    ended_on: None,
                    description: (i == 4).then(|| "Trồng hoa hai bên đường liên thôn".into()),
                    units: vec![],
                },
            )
            .await
            .unwrap();
        ids.push(m.id);
    }
    let walk = |sort: ListOrder| {
        let store = store.clone();
        async move {
            let (mut seen, mut after) = (Vec::new(), None::<String>);
            loop {
                let query = RecordQuery {
                    sort,
                    after: after.clone(),
                    limit: Some(3),
                    ..Default::default()
                };
                let page = store.list_movements(&system(), &query).await.unwrap();
                assert!(page.items.len() <= 3);
                seen.extend(page.items.iter().map(|m| m.id));
                match page.next {
                    Some(n) => after = Some(n),
                    None => break seen,
                }
            }
        }
    };
    let oldest = walk(ListOrder::Oldest).await;
    assert_eq!(oldest, ids, "oldest first: in the order they started, ties by id");
    let mut newest = walk(ListOrder::Newest).await;
    newest.reverse();
    assert_eq!(newest, ids);

    let found = |words: &'static str| {
        let store = store.clone();
        async move {
            let query = RecordQuery {
                q: Some(words.into()),
                ..Default::default()
            };
            let page = store.list_movements(&system(), &query).await.unwrap();
            page.items.into_iter().map(|m| m.name).collect::<Vec<_>>()
        }
    };
    assert_eq!(found("MOI NGUOI DAN").await, vec![names[2]]);
    assert_eq!(found("trong hoa").await, vec![names[4]], "the description");
    assert_eq!(found("nông thôn").await.len(), 2);
    store
        .raw_execute_for_tests("UPDATE movements SET search_text = NULL")
        .await
        .unwrap();
    assert!(found("nong thon").await.is_empty(), "no key, no match");
    store.migrate().await.unwrap();
    assert_eq!(found("nong thon").await.len(), 2, "folded after migrating");

    let all = store
        .export_movements(&sys, &RecordQuery::default(), 100)
        .await
        .unwrap();
    assert_eq!(all.len(), names.len());
    let refused = store.export_movements(&sys, &RecordQuery::default(), 5).await;
    assert_eq!(code_of(refused), ErrorCode::TooManyRows);
    let bad = RecordQuery {
        after: Some("hôm qua".into()),
        ..Default::default()
    };
    assert_eq!(code_of(store.list_movements(&sys, &bad).await), ErrorCode::Validation);
}

store_tests!(
    movements_page_both_ways_and_are_searched,
    overdue_ordered_tasks_are_on_the_worklist,
    seed_004_models_by_field,
    models_by_stage_and_holder,
    a_model_lives_and_goes_back_only_by_override,
    directives_by_type_in_a_period,
    seed_004_new_rural_fund_and_houses,
    money_rules_write_nothing,
    movements_groups_and_ordered_tasks,
    scope_is_enforced,
);
