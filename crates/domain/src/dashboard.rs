//! The dashboard's figures for a user's scope: the workload per unit below theirs, petitions
//! received per month, this period against the same period last year, and recent activity.
//! Plain data here; the store fills it.

use crate::figures::{Rate, Rounding};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use utoipa::ToSchema;

/// Open petitions of one unit (and everything below it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct UnitWorkload {
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    /// Open cases.
    pub open: i64,
    /// Open cases past their current deadline.
    pub overdue: i64,
    /// Open cases not yet overdue whose deadline falls within the coming days.
    pub due_soon: i64,
}

/// Petitions received in one month (duplicates counted once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct MonthCount {
    /// `YYYY-MM`
    pub month: String,
    pub received: i64,
}

/// The key figures of a period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct KeyFigures {
    pub received: i64,
    pub within_jurisdiction: i64,
    pub resolved_within: i64,
}

impl KeyFigures {
    /// "a/b, đạt x%", cut down to one decimal.
    pub fn resolution_rate(&self) -> String {
        Rate::new(self.resolved_within, self.within_jurisdiction).text(Rounding::Truncate)
    }
}

/// One recent step on a petition in scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Activity {
    /// RFC 3339, UTC
    pub at: String,
    pub actor: String,
    pub action: String,
    pub petition_code: String,
    pub subject: String,
    pub to_status: String,
}

/// How many days ahead "due soon" looks.
pub const DUE_SOON_DAYS: i64 = 7;

/// Everything the dashboard shows for one unit and the user's scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Dashboard {
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    #[schema(value_type = String, format = Date)]
    pub today: NaiveDate,
    pub open: i64,
    pub overdue: i64,
    pub due_soon: i64,
    /// Overdue cases, most recently received first.
    pub overdue_cases: Vec<crate::petition::PetitionSummary>,
    /// Cases due within [`DUE_SOON_DAYS`].
    pub due_soon_cases: Vec<crate::petition::PetitionSummary>,
    /// Per unit below, the ones with most overdue cases first.
    pub units: Vec<UnitWorkload>,
    /// The last twelve months.
    pub months: Vec<MonthCount>,
    #[schema(value_type = [String; 2])]
    pub this_period: (NaiveDate, NaiveDate),
    pub this_year: KeyFigures,
    #[schema(value_type = [String; 2])]
    pub last_period: (NaiveDate, NaiveDate),
    pub last_year: KeyFigures,
    /// "a/b, đạt x%" for each year
    pub this_year_rate: String,
    pub last_year_rate: String,
    pub activity: Vec<Activity>,
    /// The whole calendar year the compliance rules were last checked over (the last one ended).
    #[schema(value_type = [String; 2])]
    pub compliance_period: (NaiveDate, NaiveDate),
    /// How many units below were behind on a dialogue or reception rule in that year.
    pub units_behind_count: i64,
    /// The first of them, with what they missed.
    pub units_behind: Vec<crate::meeting::UnitCompliance>,
}

/// This year from 1 January to `today`, and the same days one year earlier (29 February falls
/// back to the 28th).
pub fn year_to_date(today: NaiveDate) -> ((NaiveDate, NaiveDate), (NaiveDate, NaiveDate)) {
    let start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let last_year = |d: NaiveDate| {
        d.with_year(d.year() - 1)
            .or_else(|| NaiveDate::from_ymd_opt(d.year() - 1, d.month(), 28))
            .unwrap_or(d)
    };
    ((start, today), (last_year(start), last_year(today)))
}

/// The last calendar year that has ended before `today`: compliance rules count whole periods.
pub fn last_whole_year(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let y = today.year() - 1;
    (
        NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(today),
        NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(today),
    )
}

/// The `count` months ending with `today`'s, oldest first, as `YYYY-MM`.
pub fn last_months(today: NaiveDate, count: u32) -> Vec<String> {
    let index = today.year() * 12 + today.month0() as i32;
    (0..count as i32)
        .rev()
        .map(|back| {
            let i = index - back;
            format!("{:04}-{:02}", i.div_euclid(12), i.rem_euclid(12) + 1)
        })
        .collect()
}

/// The path of the bucket a record's unit counts under on a dashboard for the unit at
/// `unit_path`: the child unit it lies under (or the unit itself for records made there).
/// Records of older units merged into this one (other trees) count under their own unit at the
/// same depth, e.g. a legacy district.
pub fn bucket_of(unit_path: &str, record_path: &str) -> String {
    let depth = unit_path.trim_matches('/').split('/').count();
    if record_path.starts_with(unit_path) && record_path.len() == unit_path.len() {
        return unit_path.to_string();
    }
    let segments: Vec<&str> = record_path.trim_matches('/').split('/').collect();
    let keep = (depth + 1).min(segments.len());
    format!("/{}/", segments[..keep].join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn year_to_date_compares_the_same_days_last_year() {
        let (this, last) = year_to_date(d("2026-12-01"));
        assert_eq!(this, (d("2026-01-01"), d("2026-12-01")));
        assert_eq!(last, (d("2025-01-01"), d("2025-12-01")));
        let (_, leap) = year_to_date(d("2028-02-29"));
        assert_eq!(leap.1, d("2027-02-28"));
    }

    #[test]
    fn compliance_looks_at_the_last_year_that_ended() {
        assert_eq!(last_whole_year(d("2026-12-01")), (d("2025-01-01"), d("2025-12-31")));
        assert_eq!(last_whole_year(d("2027-01-01")), (d("2026-01-01"), d("2026-12-31")));
    }

    #[test]
    fn last_months_cross_the_new_year() {
        assert_eq!(
            last_months(d("2026-02-15"), 4),
            vec!["2025-11", "2025-12", "2026-01", "2026-02"]
        );
        assert_eq!(last_months(d("2026-02-15"), 1), vec!["2026-02"]);
    }

    #[test]
    fn records_count_under_the_child_they_lie_in() {
        let province = "/2025/01/";
        assert_eq!(bucket_of(province, "/2025/01/00004/"), "/2025/01/00004/");
        assert_eq!(bucket_of(province, "/2025/01/00004/00004-T01/"), "/2025/01/00004/");
        assert_eq!(bucket_of(province, "/2025/01/"), "/2025/01/");
        // A commune of the old Hà Nội counts under its old district.
        assert_eq!(bucket_of(province, "/legacy/01/001/00004/"), "/legacy/01/001/");
        assert_eq!(
            bucket_of("/2025/01/00004/", "/legacy/01/001/00004/"),
            "/legacy/01/001/00004/"
        );
    }

    #[test]
    fn the_rate_is_cut_down() {
        let k = KeyFigures {
            received: 2588,
            within_jurisdiction: 2484,
            resolved_within: 2453,
        };
        assert_eq!(k.resolution_rate(), "2.453/2.484, đạt 98,7%");
    }
}
