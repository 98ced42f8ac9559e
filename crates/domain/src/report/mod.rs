//! Periodic reports (báo cáo định kỳ) as plain data: the figures of a unit and everything under it
//! for a period, rolled up from recorded and submitted values, compared with the same period of
//! the previous year and checked. No I/O: the store gathers the inputs, `danvan-report` renders.

mod checks;
pub mod figures;
mod record;

pub use checks::{check, LARGE_CHANGE_FACTOR, LARGE_CHANGE_MIN};
pub use figures::{definition, FigureDef, CATALOGUE};
pub use record::{
    ApprovedFigures, DocStyle, FreeSections, ReportAction, ReportHeader, ReportRecord, ReportStatus, FREE_SECTIONS,
};

use crate::figures::{format_count, format_decimal, Rate, Rounding};
use crate::period::Period;
use crate::unit::Level;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// Figure id → value (counts, or money in đồng).
pub type FigureValues = BTreeMap<String, i64>;

/// The areas of the work, in the order reports present them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SectionId {
    Directives,
    Petitions,
    Meetings,
    Supervision,
    Dvk,
    Democracy,
    Gpmb,
    Movements,
}

impl SectionId {
    pub const ALL: [SectionId; 8] = [
        SectionId::Directives,
        SectionId::Petitions,
        SectionId::Meetings,
        SectionId::Supervision,
        SectionId::Dvk,
        SectionId::Democracy,
        SectionId::Gpmb,
        SectionId::Movements,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SectionId::Directives => "directives",
            SectionId::Petitions => "petitions",
            SectionId::Meetings => "meetings",
            SectionId::Supervision => "supervision",
            SectionId::Dvk => "dvk",
            SectionId::Democracy => "democracy",
            SectionId::Gpmb => "gpmb",
            SectionId::Movements => "movements",
        }
    }

    /// The heading the reports use for the area.
    pub fn title_vi(self) -> &'static str {
        match self {
            SectionId::Directives => "Công tác lãnh đạo, chỉ đạo",
            SectionId::Petitions => "Công tác tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh",
            SectionId::Meetings => "Công tác tiếp xúc, đối thoại với Nhân dân",
            SectionId::Supervision => "Công tác giám sát, phản biện xã hội và góp ý xây dựng Đảng, chính quyền",
            SectionId::Dvk => "Phong trào thi đua “Dân vận khéo”",
            SectionId::Democracy => "Thực hiện dân chủ ở cơ sở",
            SectionId::Gpmb => "Công tác dân vận trong giải phóng mặt bằng",
            SectionId::Movements => "Các phong trào, cuộc vận động",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FigureKind {
    Count,
    /// Money in đồng, written in triệu đồng with one decimal (`2.808.657,0 triệu đồng`).
    Money,
    /// An area in tenths of a square metre, written `179.592,9 m²`.
    AreaTenths,
    /// `numerator/denominator, đạt x%` of two other figures.
    Rate {
        #[schema(value_type = String)]
        numerator: &'static str,
        #[schema(value_type = String)]
        denominator: &'static str,
    },
}

/// Where a figure's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Computed from the records in danvan
    Recorded,
    /// Entered by units not on the system yet (form or XLSX template)
    Submitted,
    /// Both
    Mixed,
}

impl Source {
    pub fn label_vi(self) -> &'static str {
        match self {
            Source::Recorded => "Ghi nhận trên hệ thống",
            Source::Submitted => "Đơn vị nộp số liệu",
            Source::Mixed => "Ghi nhận và đơn vị nộp",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReportUnit {
    pub scheme: String,
    pub code: String,
    pub name: String,
    pub level: Level,
}

impl ReportUnit {
    pub fn label(&self) -> String {
        format!("{}/{}", self.scheme, self.code)
    }
}

/// Figures a unit not on the system submitted for the period, and what danvan recorded for that
/// same unit (which the submission replaces, so nothing counts twice).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Submission {
    pub unit: ReportUnit,
    #[schema(value_type = Object)]
    pub values: FigureValues,
    #[schema(value_type = Object)]
    pub recorded: FigureValues,
    /// `form` or `xlsx`
    pub channel: String,
    pub submitted_at: String,
    pub submitted_by: String,
}

/// A consistency finding, shown with a link to what it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Warning {
    /// `parts_mismatch`, `part_exceeds_whole`, `large_change`, `silent_units`,
    /// `submitted_parts_mismatch`, `submitted_part_exceeds_whole`, `meeting_counts`
    pub code: String,
    pub message: String,
    pub figure: Option<String>,
    pub unit: Option<String>,
    pub link: Option<String>,
}

/// Everything a report's figures are computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportInput {
    pub unit: ReportUnit,
    pub period: Period,
    pub previous: Period,
    /// Recorded values for the whole subtree
    pub current: FigureValues,
    pub previous_values: FigureValues,
    pub submissions: Vec<Submission>,
    /// Units below the report's unit with no record and no submission in the period
    pub silent_units: Vec<ReportUnit>,
    /// Warnings found while gathering (e.g. meetings whose hand-entered counts do not add up)
    pub gathered_warnings: Vec<Warning>,
    /// Ready sentences from the statistics (`meetings.dialogues_text`, …)
    pub texts: BTreeMap<String, String>,
    pub notes: Vec<String>,
    pub rounding: Rounding,
}

/// One figure of a report, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FigureRow {
    pub id: String,
    pub section: SectionId,
    pub label: String,
    /// The value; for a rate, its numerator
    pub value: i64,
    /// For a rate, its denominator
    pub denominator: Option<i64>,
    /// For a rate, the percentage in tenths (987 = 98,7%)
    pub per_mille: Option<i64>,
    /// `2.588 đơn`, `2.453/2.484 đơn, đạt 98,7%`, `2.808.657,0 triệu đồng`
    pub text: String,
    /// The same figure for the same period of the previous year
    pub previous: Option<i64>,
    pub previous_text: Option<String>,
    pub source: Source,
    /// The list page of the records behind it
    pub drill: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReportFigures {
    pub figures: Vec<FigureRow>,
    pub warnings: Vec<Warning>,
}

impl ReportFigures {
    pub fn get(&self, id: &str) -> Option<&FigureRow> {
        self.figures.iter().find(|f| f.id == id)
    }
}

/// `2.588 đơn`; money `2.808.657,0 triệu đồng`.
pub fn value_text(def: &FigureDef, value: i64) -> String {
    match def.kind {
        FigureKind::Money => format!("{} triệu đồng", format_decimal(value / 100_000, 1)),
        FigureKind::AreaTenths => format!("{} m²", format_decimal(value, 1)),
        _ => format!("{} {}", format_count(value), def.unit),
    }
}

/// The roll-up: recorded values for the subtree, with each submitting unit's recorded values
/// replaced by what it submitted.
pub fn rolled_up(input: &ReportInput) -> (FigureValues, BTreeMap<String, Source>) {
    let mut values = input.current.clone();
    // What is left of the recorded values once the submitting units' own records are taken out.
    let mut remainder = input.current.clone();
    for s in &input.submissions {
        for (id, submitted) in &s.values {
            let recorded = s.recorded.get(id).copied().unwrap_or(0);
            *values.entry(id.clone()).or_default() += submitted - recorded;
            *remainder.entry(id.clone()).or_default() -= recorded;
        }
    }
    let sources = values
        .keys()
        .map(|id| {
            let submitted = input.submissions.iter().any(|s| s.values.contains_key(id));
            let recorded_part = remainder.get(id).copied().unwrap_or(0) != 0;
            let source = match (submitted, recorded_part) {
                (false, _) => Source::Recorded,
                (true, false) => Source::Submitted,
                (true, true) => Source::Mixed,
            };
            (id.clone(), source)
        })
        .collect();
    (values, sources)
}

fn drill_link(template: &str, input: &ReportInput) -> String {
    template
        .replace("{unit}", &input.unit.label())
        .replace("{from}", &input.period.from.to_string())
        .replace("{to}", &input.period.to.to_string())
}

/// The report's figures, in catalogue order, with the consistency warnings.
pub fn compute(input: &ReportInput) -> ReportFigures {
    let (values, sources) = rolled_up(input);
    let mut figures = Vec::new();
    for def in CATALOGUE.iter() {
        let row = match def.kind {
            FigureKind::Rate { numerator, denominator } => {
                let (Some(n), Some(d)) = (values.get(numerator), values.get(denominator)) else {
                    continue;
                };
                let rate = Rate::new(*n, *d);
                let previous = match (
                    input.previous_values.get(numerator),
                    input.previous_values.get(denominator),
                ) {
                    (Some(pn), Some(pd)) => Some(Rate::new(*pn, *pd)),
                    _ => None,
                };
                let source = match (sources.get(numerator), sources.get(denominator)) {
                    (Some(Source::Recorded), Some(Source::Recorded)) => Source::Recorded,
                    (Some(Source::Submitted), Some(Source::Submitted)) => Source::Submitted,
                    _ => Source::Mixed,
                };
                FigureRow {
                    id: def.id.into(),
                    section: def.section,
                    label: def.label.into(),
                    value: *n,
                    denominator: Some(*d),
                    per_mille: rate.per_mille(input.rounding),
                    text: rate_text(&rate, def.unit, input.rounding),
                    previous: previous.and_then(|p| p.per_mille(input.rounding)),
                    previous_text: previous.map(|p| rate_text(&p, def.unit, input.rounding)),
                    source,
                    drill: def.drill.map(|t| drill_link(t, input)),
                }
            }
            _ => {
                let Some(v) = values.get(def.id) else { continue };
                let previous = input.previous_values.get(def.id).copied();
                FigureRow {
                    id: def.id.into(),
                    section: def.section,
                    label: def.label.into(),
                    value: *v,
                    denominator: None,
                    per_mille: None,
                    text: value_text(def, *v),
                    previous,
                    previous_text: previous.map(|p| value_text(def, p)),
                    source: sources.get(def.id).copied().unwrap_or(Source::Recorded),
                    drill: def.drill.map(|t| drill_link(t, input)),
                }
            }
        };
        figures.push(row);
    }
    let warnings = check(input, &values);
    ReportFigures { figures, warnings }
}

/// `2.453/2.484 đơn, đạt 98,7%`
pub fn rate_text(rate: &Rate, unit: &str, rounding: Rounding) -> String {
    format!(
        "{}/{} {unit}, đạt {}",
        format_count(rate.numerator),
        format_count(rate.denominator),
        rate.percent_text(rounding)
    )
}

#[cfg(test)]
mod tests;
