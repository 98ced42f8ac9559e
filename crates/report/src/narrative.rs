//! The sentences of a report, written by one minijinja template per section. Templates see
//! `f` (figure id → `{value, text, previous, previous_text, per_mille, denominator}`), `t` (the
//! ready sentences of the statistics), `unit` and `period`, and the filters `count` (`2.588`)
//! and `pad` (`05`, as reports write small counts). An admin may replace any of them; a
//! replacement is checked by compiling and rendering it before it is stored.

use crate::{ReportError, Result};
use danvan_domain::figures::format_count;
use danvan_domain::meeting::report_count;
use danvan_domain::report::{ReportFigures, ReportInput, SectionId};
use minijinja::{context, Environment, UndefinedBehavior, Value};
use std::collections::BTreeMap;

/// The names templates are stored under: the section ids.
pub const TEMPLATE_NAMES: [&str; 8] = [
    "directives",
    "petitions",
    "meetings",
    "supervision",
    "dvk",
    "democracy",
    "gpmb",
    "movements",
];

/// The bundled template of a section.
pub fn section_template(id: SectionId) -> &'static str {
    match id {
        SectionId::Directives => include_str!("templates/directives.j2"),
        SectionId::Petitions => include_str!("templates/petitions.j2"),
        SectionId::Meetings => include_str!("templates/meetings.j2"),
        SectionId::Supervision => include_str!("templates/supervision.j2"),
        SectionId::Dvk => include_str!("templates/dvk.j2"),
        SectionId::Democracy => include_str!("templates/democracy.j2"),
        SectionId::Gpmb => include_str!("templates/gpmb.j2"),
        SectionId::Movements => include_str!("templates/movements.j2"),
    }
}

fn count_filter(v: Value) -> String {
    i64::try_from(v).map(format_count).unwrap_or_default()
}

fn pad_filter(v: Value) -> String {
    i64::try_from(v).map(report_count).unwrap_or_default()
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    // A missing figure is an empty value the template can test, never a crash.
    env.set_undefined_behavior(UndefinedBehavior::Chainable);
    env.add_filter("count", count_filter);
    env.add_filter("pad", pad_filter);
    env
}

fn error(name: &str, e: minijinja::Error) -> ReportError {
    ReportError::Template {
        name: name.to_string(),
        message: e.to_string(),
    }
}

/// Renders section `name`'s template `source`.
pub(crate) fn render(name: &str, source: &str, figures: &ReportFigures, input: &ReportInput) -> Result<String> {
    let env = environment();
    let template = env.template_from_str(source).map_err(|e| error(name, e))?;
    let f: BTreeMap<&str, Value> = figures
        .figures
        .iter()
        .map(|row| (row.id.as_str(), Value::from_serialize(row)))
        .collect();
    let ctx = context! {
        f => f,
        t => &input.texts,
        unit => &input.unit,
        period => &input.period,
    };
    template.render(ctx).map_err(|e| error(name, e))
}

/// A report with every figure of the catalogue, to try templates on.
pub fn sample_input() -> ReportInput {
    use danvan_domain::period::{bundled_families, family, PeriodSpec};
    let families = bundled_families();
    let period = |key: &str| {
        PeriodSpec::parse(key)
            .and_then(|spec| family(&families, "party").and_then(|f| spec.resolve(f)))
            .unwrap_or_else(|_| unreachable!("a fixed period"))
    };
    ReportInput {
        unit: danvan_domain::report::ReportUnit {
            scheme: "2025".into(),
            code: "01".into(),
            name: "Thành phố Hà Nội".into(),
            level: danvan_domain::unit::Level::Province,
        },
        period: period("2024"),
        previous: period("2023"),
        current: danvan_domain::report::CATALOGUE
            .iter()
            .map(|f| (f.id.to_string(), 10))
            .collect(),
        previous_values: Default::default(),
        submissions: vec![],
        silent_units: vec![],
        gathered_warnings: vec![],
        texts: Default::default(),
        notes: vec![],
        rounding: danvan_domain::figures::Rounding::Truncate,
    }
}

/// Checks that an admin's template compiles and renders against a report with every figure.
pub fn validate_template(name: &str, source: &str, sample: &ReportInput) -> Result<()> {
    if !TEMPLATE_NAMES.contains(&name) {
        return Err(ReportError::Template {
            name: name.into(),
            message: format!("không có mẫu này ({})", TEMPLATE_NAMES.join("|")),
        });
    }
    let figures = danvan_domain::report::compute(sample);
    render(name, source, &figures, sample).map(|_| ())
}
