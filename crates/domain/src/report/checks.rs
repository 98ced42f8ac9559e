//! Consistency checks run on every report: parts against totals, parts against their whole,
//! this period against the same period last year, each submission on its own, and units that
//! sent nothing. A finding is a warning with a link; nothing is corrected silently.

use super::figures::{definition, AT_MOST, PARTS};
use super::{value_text, FigureKind, FigureValues, ReportInput, Warning};
use crate::figures::format_count;

/// A figure that at least doubled or at least halved since last year is flagged…
pub const LARGE_CHANGE_FACTOR: i64 = 2;
/// …when last year's value was at least this large (small counts jump by nature).
pub const LARGE_CHANGE_MIN: i64 = 10;

fn label(id: &str) -> &str {
    definition(id).map(|d| d.label).unwrap_or(id)
}

fn warning(code: &str, message: String, figure: Option<&str>, unit: Option<String>, link: Option<String>) -> Warning {
    Warning {
        code: code.into(),
        message,
        figure: figure.map(str::to_string),
        unit,
        link,
    }
}

/// Totals that are not the sum of their parts, and parts larger than their whole, in `values`.
/// `whose` names the values' owner in the message ("" for the report itself).
fn parts_findings(values: &FigureValues, whose: &str, code_prefix: &str, unit: Option<String>) -> Vec<Warning> {
    let mut out = Vec::new();
    for (total, parts, split) in PARTS {
        let Some(t) = values.get(*total) else { continue };
        let found: Vec<i64> = parts.iter().filter_map(|p| values.get(*p).copied()).collect();
        // A submission may give only a total: the split is checked when it is given in full.
        if found.len() != parts.len() {
            continue;
        }
        let sum: i64 = found.iter().sum();
        if sum != *t {
            let items: Vec<String> = parts.iter().map(|p| format_count(values[*p])).collect();
            out.push(warning(
                &format!("{code_prefix}parts_mismatch"),
                format!(
                    "{whose}{} {split}: {} = {}, khác tổng {}",
                    label(total),
                    items.join(" + "),
                    format_count(sum),
                    format_count(*t)
                ),
                Some(total),
                unit.clone(),
                None,
            ));
        }
    }
    for (part, whole) in AT_MOST {
        if let (Some(p), Some(w)) = (values.get(*part), values.get(*whole)) {
            if p > w {
                out.push(warning(
                    &format!("{code_prefix}part_exceeds_whole"),
                    format!(
                        "{whose}{} ({}) lớn hơn {} ({})",
                        label(part),
                        format_count(*p),
                        label(whole).to_lowercase(),
                        format_count(*w)
                    ),
                    Some(part),
                    unit.clone(),
                    None,
                ));
            }
        }
    }
    out
}

/// Every warning of a report whose rolled-up values are `values`.
pub fn check(input: &ReportInput, values: &FigureValues) -> Vec<Warning> {
    let mut out = parts_findings(values, "", "", None);
    for s in &input.submissions {
        let whose = format!("Số liệu do {} nộp: ", s.unit.name);
        out.extend(parts_findings(&s.values, &whose, "submitted_", Some(s.unit.label())));
    }
    for def in super::CATALOGUE {
        if matches!(def.kind, FigureKind::Rate { .. }) {
            continue;
        }
        let (Some(now), Some(before)) = (values.get(def.id), input.previous_values.get(def.id)) else {
            continue;
        };
        if *before < LARGE_CHANGE_MIN {
            continue;
        }
        if *now >= before * LARGE_CHANGE_FACTOR || now * LARGE_CHANGE_FACTOR <= *before {
            let direction = if now > before { "tăng" } else { "giảm" };
            out.push(warning(
                "large_change",
                format!(
                    "{}: {} so với cùng kỳ {} ({}), {direction} bất thường",
                    def.label,
                    value_text(def, *now),
                    input.previous.label,
                    value_text(def, *before)
                ),
                Some(def.id),
                None,
                None,
            ));
        }
    }
    if !input.silent_units.is_empty() {
        const SHOWN: usize = 10;
        let mut names: Vec<&str> = input.silent_units.iter().take(SHOWN).map(|u| u.name.as_str()).collect();
        let more = input.silent_units.len().saturating_sub(SHOWN);
        let extra = if more > 0 {
            format!(" và {more} đơn vị khác")
        } else {
            String::new()
        };
        names.sort();
        out.push(warning(
            "silent_units",
            format!(
                "{} đơn vị chưa có số liệu trong kỳ (không ghi nhận, không nộp): {}{extra}",
                format_count(input.silent_units.len() as i64),
                names.join(", ")
            ),
            None,
            None,
            None,
        ));
    }
    out.extend(input.gathered_warnings.iter().cloned());
    out
}
