//! Demo directive documents, "Dân vận khéo" models, movements with self-managed groups, the
//! "Vì người nghèo" fund with its houses of great solidarity, new-rural contributions and
//! ordered tasks for the demo province — in legacy units before 1/7/2025 and in the 2025
//! communes after — all written through the store's own checks.

use chrono::{Datelike, Duration, NaiveDate};
use danvan_domain::attachment::RecordKind;
use danvan_domain::directive::{DocumentType, NewDirective};
use danvan_domain::dvk::{CommendationForm, DvkAction, DvkField, DvkStep, Holder, NewDvkModel, RecognitionLevel};
use danvan_domain::money::Amount;
use danvan_domain::movement::{
    ContributionSource, EntryKind, FundKind, GroupField, HouseKind, MovementKind, NewFund, NewFundEntry, NewGroup,
    NewHouse, NewMovement, NewOrderedTask, NewRuralContribution, TaskResult, TaskStatus,
};
use danvan_domain::scope::Actor;
use danvan_domain::unit::{reform_2025_start, Unit};
use danvan_store::{Store, StoreError};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Where and when the demo records go.
pub struct RecordsPlan<'a> {
    pub seed: u64,
    pub legacy_province: &'a Unit,
    pub legacy_districts: &'a [Unit],
    pub province: &'a Unit,
    pub communes: &'a [Unit],
    pub from: NaiveDate,
    pub today: NaiveDate,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordCounts {
    pub directives: u64,
    pub models: u64,
    pub groups: u64,
    pub houses: u64,
    pub rural_contributions: u64,
    pub ordered_tasks: u64,
}

const MODEL_NAMES: [(&str, DvkField); 8] = [
    (
        "Dân vận khéo trong vận động hiến đất làm đường giao thông nông thôn",
        DvkField::Economy,
    ),
    ("Liên kết sản xuất rau an toàn theo chuỗi", DvkField::Economy),
    ("Khu dân cư không rác thải nhựa", DvkField::CultureSociety),
    ("Câu lạc bộ gia đình hạnh phúc", DvkField::CultureSociety),
    ("Tổ tự quản an ninh trật tự khu dân cư", DvkField::DefenceSecurity),
    ("Camera an ninh – mắt thần khu phố", DvkField::DefenceSecurity),
    (
        "Chi bộ gắn với Nhân dân, nắm chắc tình hình cơ sở",
        DvkField::PoliticalSystem,
    ),
    (
        "Tiếp công dân thân thiện, giải quyết dứt điểm kiến nghị",
        DvkField::PoliticalSystem,
    ),
];

const OWNERS: [&str; 6] = [
    "Chi hội Nông dân thôn",
    "Chi hội Phụ nữ khu dân cư",
    "Ban công tác Mặt trận khu dân cư",
    "Chi đoàn Thanh niên",
    "Chi hội Cựu chiến binh",
    "Chi bộ khu dân cư",
];

fn day_in(rng: &mut StdRng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(0);
    from + Duration::days(rng.gen_range(0..=span))
}

/// Moves `on` forward by `days`, not past `to`.
fn advance(on: &mut NaiveDate, days: i64, to: NaiveDate) -> NaiveDate {
    *on = (*on + Duration::days(days)).min(to);
    *on
}

fn label(u: &Unit) -> String {
    format!("{}/{}", u.scheme, u.code)
}

/// Writes the demo records; returns how many of each.
pub async fn seed_records(store: &Store, actor: &Actor, plan: &RecordsPlan<'_>) -> Result<RecordCounts, StoreError> {
    let mut rng = StdRng::seed_from_u64(plan.seed.wrapping_add(11));
    let mut counts = RecordCounts::default();
    let reform = reform_2025_start();
    let legacy_end = reform.pred_opt().unwrap_or(reform);
    let mut legacy_units: Vec<Unit> = Vec::new();
    for d in plan.legacy_districts.iter().take(3) {
        legacy_units.push(d.clone());
        legacy_units.extend(store.children(d).await?.into_iter().take(3));
    }
    let current: Vec<Unit> = plan.communes.iter().take(6).cloned().collect();
    // Each unit with the period it existed in (within the demo's span).
    let mut spans: Vec<(Unit, NaiveDate, NaiveDate)> = legacy_units
        .iter()
        .map(|u| (u.clone(), plan.from, legacy_end))
        .collect();
    if plan.today >= reform {
        spans.extend(current.iter().map(|u| (u.clone(), reform, plan.today)));
    }

    // The register: each unit's documents for the period, numbered per year.
    let kinds = [
        DocumentType::Directive,
        DocumentType::Decision,
        DocumentType::OfficialLetter,
        DocumentType::OfficialLetter,
        DocumentType::Programme,
        DocumentType::Plan,
        DocumentType::Plan,
        DocumentType::Report,
        DocumentType::Report,
    ];
    for (i, (unit, from, to)) in spans.iter().enumerate() {
        if from > to {
            continue;
        }
        let party = i % 2 == 0;
        for (n, kind) in kinds.iter().enumerate() {
            if rng.gen_range(0..3) == 0 {
                continue;
            }
            let on = day_in(&mut rng, *from, *to);
            let abbr = kind.abbr().unwrap_or("CV");
            let number = 10 + n as u32 * 7 + rng.gen_range(0..5);
            let symbol = if party {
                format!("{number}-{abbr}/ĐU")
            } else if *kind == DocumentType::OfficialLetter {
                format!("{number}/UBND-VP")
            } else {
                format!("{number}/{abbr}-UBND")
            };
            let new = NewDirective {
                unit: label(unit),
                doc_type: *kind,
                symbol,
                issued_on: on,
                issuer: if party {
                    "Ban Thường vụ Đảng ủy".into()
                } else {
                    "Ủy ban nhân dân".into()
                },
                title: format!(
                    "Về công tác dân vận năm {} ({})",
                    on.year(),
                    kind.label_vi().to_lowercase()
                ),
                file: None,
            };
            match store.create_directive(actor, &new).await {
                Ok(d) => {
                    counts.directives += 1;
                    // The first documents carry their file.
                    if counts.directives <= 3 {
                        let pdf = crate::files::demo_pdf(&format!("Van ban so {} ngay {}", d.symbol, d.issued_on));
                        let name = format!("{}.pdf", d.symbol.replace('/', "-"));
                        store
                            .add_record_file(actor, RecordKind::Directive, d.id, &name, &pdf)
                            .await?;
                    }
                }
                // Two random numbers can meet in one year: the register refuses the second.
                Err(e) if e.code() == danvan_domain::ErrorCode::DuplicateDocument => {}
                Err(e) => return Err(e),
            }
        }
    }

    // "Dân vận khéo": registrations each year, most appraised and recognised, some proposed
    // and commended, a few replicated by a neighbouring unit.
    for (i, (unit, from, to)) in spans.iter().enumerate() {
        if from > to {
            continue;
        }
        for k in 0..3 {
            let (name, field) = MODEL_NAMES[(i + k * 3) % MODEL_NAMES.len()];
            let registered = day_in(&mut rng, *from, *to - Duration::days(120).min(*to - *from));
            let holder = if rng.gen_range(0..3) == 0 {
                Holder::Individual
            } else {
                Holder::Collective
            };
            let owner = match holder {
                Holder::Individual => crate::person_name(&mut rng),
                Holder::Collective => format!("{} {}", OWNERS[rng.gen_range(0..OWNERS.len())], k + 1),
            };
            let new = NewDvkModel {
                unit: label(unit),
                year: registered.year(),
                holder,
                name: name.into(),
                owner,
                organisation: Some("Ban Thường trực Ủy ban MTTQ".into()),
                field,
                sub_field: None,
                description: "Vận động Nhân dân cùng bàn, cùng làm, cùng kiểm tra; phát huy vai trò người có uy tín"
                    .into(),
                expected_results: Some("Được Nhân dân đồng tình, duy trì và nhân rộng".into()),
                evidence: vec!["bao-cao-ket-qua.pdf".into()],
                registered_on: Some(registered),
            };
            let m = store.create_dvk_model(actor, &new).await?;
            counts.models += 1;
            // The first models carry their evidence as a file too.
            if counts.models <= 3 {
                let pdf = crate::files::demo_pdf(&format!("Bao cao ket qua mo hinh so {} nam {}", m.id, m.year));
                store
                    .add_record_file(actor, RecordKind::DvkModel, m.id, "bao-cao-ket-qua.pdf", &pdf)
                    .await?;
            }
            let roll = rng.gen_range(0..10);
            let mut on = registered;
            if roll >= 2 {
                let step = DvkStep {
                    action: Some(DvkAction::Appraise),
                    on: Some(advance(&mut on, 30, *to)),
                    score: Some(rng.gen_range(60..98)),
                    opinion: Some("Mô hình thiết thực, phù hợp điều kiện địa phương".into()),
                    ..Default::default()
                };
                store.step_dvk_model(actor, m.id, &step).await?;
            }
            if roll >= 3 {
                let level = if unit.level == danvan_domain::unit::Level::District {
                    RecognitionLevel::District
                } else {
                    RecognitionLevel::Commune
                };
                let step = DvkStep {
                    action: Some(DvkAction::Recognise),
                    on: Some(advance(&mut on, 30, *to)),
                    level: Some(level),
                    body: Some("Ban Chỉ đạo thực hiện QCDC và phong trào “Dân vận khéo”".into()),
                    ..Default::default()
                };
                store.step_dvk_model(actor, m.id, &step).await?;
            }
            if roll >= 7 {
                let step = DvkStep {
                    action: Some(DvkAction::Propose),
                    on: Some(advance(&mut on, 20, *to)),
                    form: Some(CommendationForm::Certificate),
                    body: Some("Ủy ban nhân dân".into()),
                    ..Default::default()
                };
                store.step_dvk_model(actor, m.id, &step).await?;
            }
            if roll >= 8 {
                let step = DvkStep {
                    action: Some(DvkAction::Commend),
                    on: Some(advance(&mut on, 20, *to)),
                    decision: Some(format!("{}/QĐ-UBND", 100 + counts.models)),
                    ..Default::default()
                };
                store.step_dvk_model(actor, m.id, &step).await?;
            }
            if roll == 9 {
                if let Some((other, ..)) = spans
                    .iter()
                    .find(|(u, f, t)| u.id != unit.id && u.scheme == unit.scheme && *f <= on && on <= *t)
                {
                    let step = DvkStep {
                        action: Some(DvkAction::Replicate),
                        on: Some(advance(&mut on, 10, *to)),
                        units: vec![label(other)],
                        ..Default::default()
                    };
                    store.step_dvk_model(actor, m.id, &step).await?;
                }
            }
        }
    }

    // The movement and its self-managed groups, in each structure's province.
    let structures: Vec<(&Unit, NaiveDate, NaiveDate, Vec<Unit>)> = {
        let mut v = vec![(plan.legacy_province, plan.from, legacy_end, legacy_units.clone())];
        if plan.today >= reform {
            v.push((plan.province, reform, plan.today, current.clone()));
        }
        v
    };
    for (province, from, to, units) in &structures {
        if from > to {
            continue;
        }
        let movement = store
            .create_movement(
                actor,
                &NewMovement {
                    unit: label(province),
                    kind: MovementKind::Movement,
                    name: "Mỗi người dân - Mỗi ngày một việc".into(),
                    started_on: *from,
                    ended_on: None,
                    description: Some("Mỗi người dân làm ít nhất một việc có ích cho cộng đồng mỗi ngày".into()),
                    units: units.iter().map(label).collect(),
                },
            )
            .await?;
        for (i, u) in units.iter().enumerate() {
            for g in 0..rng.gen_range(1..4) {
                let field = if g == 0 {
                    GroupField::Environment
                } else {
                    GroupField::ALL[i % 3]
                };
                store
                    .create_group(
                        actor,
                        &NewGroup {
                            unit: label(u),
                            movement_id: Some(movement.id),
                            name: format!("Tổ nhân dân tự quản số {} – {}", g + 1, u.name),
                            field,
                            members: rng.gen_range(8..25),
                            founded_on: day_in(&mut rng, *from, *to),
                        },
                    )
                    .await?;
                counts.groups += 1;
            }
        }

        // The "Vì người nghèo" fund: money raised each year around 18/11, houses built from it.
        let fund = store
            .create_fund(
                actor,
                &NewFund {
                    unit: label(province),
                    kind: FundKind::ForThePoor,
                    name: format!("Quỹ “Vì người nghèo” {}", province.name),
                    opened_on: *from,
                },
            )
            .await?;
        let mut year = from.year();
        while let Some(on) = NaiveDate::from_ymd_opt(year, 11, 18).filter(|d| d <= to) {
            if on >= *from {
                let amount = rng.gen_range(800..2_500) as i64 * 1_000_000;
                store
                    .add_fund_entry(
                        actor,
                        fund.id,
                        &NewFundEntry {
                            kind: EntryKind::Receipt,
                            on,
                            amount: Amount::Whole(amount),
                            counterpart: "Cán bộ, đảng viên, doanh nghiệp và Nhân dân ủng hộ".into(),
                        },
                    )
                    .await?;
            }
            year += 1;
        }
        let first_receipt = NaiveDate::from_ymd_opt(from.year(), 11, 18)
            .filter(|d| d >= from)
            .or_else(|| NaiveDate::from_ymd_opt(from.year() + 1, 11, 18))
            .unwrap_or(*from);
        for (i, u) in units.iter().enumerate().take(8) {
            if first_receipt > *to {
                break;
            }
            let on = day_in(&mut rng, first_receipt, *to);
            let value = rng.gen_range(40..80) as i64 * 1_000_000;
            let house = NewHouse {
                unit: label(u),
                household: format!("Hộ {}", crate::person_name(&mut rng)),
                kind: if i % 4 == 3 { HouseKind::Repair } else { HouseKind::New },
                handed_over_on: on,
                value: Amount::Whole(value),
                fund_id: Some(fund.id),
                from_fund: Some(Amount::Whole(value / 2)),
            };
            match store.create_house(actor, &house).await {
                Ok(_) => counts.houses += 1,
                // Early in a year the fund may not hold enough yet: the store refuses it.
                Err(e) if e.code() == danvan_domain::ErrorCode::FundOverdrawn => {}
                Err(e) => return Err(e),
            }
        }
    }

    // New-rural contributions in the legacy communes and districts, by the three sources.
    for (unit, from, to) in spans.iter().filter(|(u, ..)| u.scheme == plan.legacy_province.scheme) {
        for source in ContributionSource::ALL {
            let amount = match source {
                ContributionSource::StateBudget => rng.gen_range(500..3_000),
                ContributionSource::People => rng.gen_range(2_000..20_000),
                ContributionSource::OtherProgrammes => rng.gen_range(1_000..10_000),
            } as i64
                * 1_000_000;
            let people = *source == ContributionSource::People;
            store
                .create_rural_contribution(
                    actor,
                    &NewRuralContribution {
                        unit: label(unit),
                        on: day_in(&mut rng, *from, *to),
                        source: *source,
                        amount: Amount::Whole(amount),
                        land_m2: people.then(|| Amount::Whole(rng.gen_range(200..3_000))),
                        workdays: people.then(|| rng.gen_range(10..60)),
                        purpose: "Bê tông hóa đường giao thông nông thôn".into(),
                    },
                )
                .await?;
            counts.rural_contributions += 1;
        }
    }

    // Tasks ordered from MTTQ and the associations: one done on time, one late, one open.
    for (i, (unit, from, to)) in spans.iter().take(3).enumerate() {
        let ordered_on = day_in(&mut rng, *from, *to - Duration::days(90).min(*to - *from));
        let task = store
            .create_ordered_task(
                actor,
                &NewOrderedTask {
                    unit: label(unit),
                    orderer: format!("Ủy ban nhân dân {}", unit.name),
                    contractor: ["Ủy ban MTTQ", "Hội Nông dân", "Hội Cựu chiến binh"][i].into(),
                    content: "Tuyên truyền, vận động các hộ đồng thuận bàn giao mặt bằng".into(),
                    budget: Amount::Whole(rng.gen_range(20..80) as i64 * 1_000_000),
                    ordered_on,
                    deadline: ordered_on + Duration::days(60),
                    gpmb_project: Some("Đường Vành đai 4 – Vùng Thủ đô".into()),
                },
            )
            .await?;
        counts.ordered_tasks += 1;
        if i == 0 {
            let result = TaskResult {
                status: TaskStatus::Done,
                on: Some((ordered_on + Duration::days(45)).min(plan.today)),
                result: "Các hộ đã đồng thuận, bàn giao mặt bằng đúng tiến độ".into(),
                spent: Some(Amount::Whole(task.budget * 9 / 10)),
            };
            store.finish_ordered_task(actor, task.id, &result).await?;
        }
    }
    Ok(counts)
}
