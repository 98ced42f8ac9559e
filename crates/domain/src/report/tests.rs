use super::*;
use crate::period::{bundled_families, family, PeriodSpec};

fn unit(code: &str, name: &str, level: Level) -> ReportUnit {
    ReportUnit {
        scheme: "2025".into(),
        code: code.into(),
        name: name.into(),
        level,
    }
}

fn values(pairs: &[(&str, i64)]) -> FigureValues {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

fn input(current: FigureValues) -> ReportInput {
    let families = bundled_families();
    let party = family(&families, "party").unwrap();
    let spec = PeriodSpec::parse("2024").unwrap();
    ReportInput {
        unit: unit("01", "Thành phố Hà Nội", Level::Province),
        period: spec.resolve(party).unwrap(),
        previous: spec.previous().resolve(party).unwrap(),
        current,
        previous_values: FigureValues::new(),
        submissions: vec![],
        silent_units: vec![],
        gathered_warnings: vec![],
        texts: Default::default(),
        notes: vec![],
        rounding: Rounding::Truncate,
    }
}

fn seed_petitions() -> FigureValues {
    values(&[
        ("petitions.received", 2588),
        ("petitions.complaint", 21),
        ("petitions.denunciation", 36),
        ("petitions.feedback", 2431),
        ("petitions.other", 100),
        ("petitions.received.province", 0),
        ("petitions.received.district", 905),
        ("petitions.received.commune", 1683),
        ("petitions.within_jurisdiction", 2484),
        ("petitions.resolved", 2453),
    ])
}

#[test]
fn figures_are_written_the_way_the_reports_write_them() {
    let report = compute(&input(seed_petitions()));
    assert_eq!(report.get("petitions.received").unwrap().text, "2.588 đơn");
    let rate = report.get("petitions.resolution_rate").unwrap();
    assert_eq!(rate.text, "2.453/2.484 đơn, đạt 98,7%");
    assert_eq!(rate.per_mille, Some(987));
    assert_eq!(rate.source, Source::Recorded);
    let received = report.get("petitions.received").unwrap();
    assert_eq!(
        received.drill.as_deref(),
        Some("/petitions?unit=2025/01&from=2024-01-01&to=2024-12-31")
    );
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[test]
fn a_submission_replaces_the_units_own_records_and_is_marked() {
    let mut i = input(seed_petitions());
    i.submissions.push(Submission {
        unit: unit("00097", "Phường Hồng Hà", Level::Commune),
        values: values(&[("petitions.received", 50)]),
        recorded: values(&[("petitions.received", 8)]),
        channel: "xlsx".into(),
        submitted_at: "2025-01-05T02:00:00Z".into(),
        submitted_by: "tinh.canbo".into(),
    });
    let report = compute(&i);
    let received = report.get("petitions.received").unwrap();
    assert_eq!(received.value, 2588 - 8 + 50);
    assert_eq!(received.source, Source::Mixed);
    assert_eq!(report.get("petitions.complaint").unwrap().source, Source::Recorded);
    // The kinds no longer add up to the new total: said, not corrected.
    assert!(report.warnings.iter().any(|w| w.code == "parts_mismatch"));
}

#[test]
fn a_submitted_figure_whose_parts_do_not_add_up_is_flagged() {
    let mut i = input(FigureValues::new());
    i.submissions.push(Submission {
        unit: unit("00100", "Xã Minh Châu", Level::Commune),
        values: values(&[
            ("petitions.received", 30),
            ("petitions.complaint", 5),
            ("petitions.denunciation", 2),
            ("petitions.feedback", 20),
            ("petitions.other", 1),
        ]),
        recorded: FigureValues::new(),
        channel: "form".into(),
        submitted_at: "2025-01-05T02:00:00Z".into(),
        submitted_by: "tinh.canbo".into(),
    });
    let report = compute(&i);
    let w = report
        .warnings
        .iter()
        .find(|w| w.code == "submitted_parts_mismatch")
        .expect("flagged");
    assert_eq!(w.unit.as_deref(), Some("2025/00100"));
    assert!(w.message.contains("Xã Minh Châu"), "{}", w.message);
    assert!(w.message.contains("5 + 2 + 20 + 1 = 28, khác tổng 30"), "{}", w.message);
    assert_eq!(report.get("petitions.received").unwrap().source, Source::Submitted);
    // Never silently corrected.
    assert_eq!(report.get("petitions.received").unwrap().value, 30);
}

#[test]
fn rates_above_their_whole_and_large_jumps_are_flagged() {
    let mut i = input(values(&[
        ("petitions.within_jurisdiction", 10),
        ("petitions.resolved", 12),
        ("meetings.dialogues", 50),
    ]));
    i.previous_values = values(&[("meetings.dialogues", 20)]);
    let report = compute(&i);
    let codes: Vec<&str> = report.warnings.iter().map(|w| w.code.as_str()).collect();
    assert!(codes.contains(&"part_exceeds_whole"), "{codes:?}");
    let jump = report.warnings.iter().find(|w| w.code == "large_change").unwrap();
    assert!(
        jump.message
            .contains("50 hội nghị so với cùng kỳ năm 2023 (20 hội nghị), tăng"),
        "{}",
        jump.message
    );
    // A change from a small base is not a finding.
    let mut small = input(values(&[("meetings.dialogues", 9)]));
    small.previous_values = values(&[("meetings.dialogues", 3)]);
    assert!(compute(&small).warnings.is_empty());
}

#[test]
fn silent_units_are_listed_once() {
    let mut i = input(FigureValues::new());
    i.silent_units = (0..12)
        .map(|n| unit(&format!("{n:05}"), &format!("Xã {n:02}"), Level::Commune))
        .collect();
    let report = compute(&i);
    assert_eq!(report.warnings.len(), 1);
    assert!(report.warnings[0].message.starts_with("12 đơn vị chưa có số liệu"));
    assert!(report.warnings[0].message.ends_with("và 2 đơn vị khác"));
}

#[test]
fn money_is_written_in_millions_with_one_decimal() {
    let def = FigureDef {
        id: "x",
        section: SectionId::Movements,
        label: "x",
        unit: "",
        kind: FigureKind::Money,
        drill: None,
    };
    assert_eq!(value_text(&def, 2_808_657_000_000), "2.808.657,0 triệu đồng");
    assert_eq!(value_text(&def, 107_732_000_000), "107.732,0 triệu đồng");
}

#[test]
fn every_figure_id_is_unique_and_rates_name_known_figures() {
    let mut ids: Vec<&str> = CATALOGUE.iter().map(|f| f.id).collect();
    ids.sort();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n);
    for f in CATALOGUE {
        if let FigureKind::Rate { numerator, denominator } = f.kind {
            assert!(
                definition(numerator).is_some() && definition(denominator).is_some(),
                "{}",
                f.id
            );
        }
    }
    for (total, parts, _) in figures::PARTS {
        assert!(definition(total).is_some());
        assert!(parts.iter().all(|p| definition(p).is_some()));
    }
}
