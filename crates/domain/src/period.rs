//! Reporting periods (kỳ báo cáo): first 6 months, 9 months, year, quarter, month, a term
//! (nhiệm kỳ) or any date range, written the way users and scripts name them (`2024-H1`,
//! `2024-9M`, `2024`, `2024-Q3`, `2024-03`, `2020-2025`, `2024-01-01..2024-03-15`), with the
//! same period of the previous year for comparison.
//!
//! The dates a named period covers depend on the report family: Party reports use calendar
//! periods; the state inspection family (TT 02/2021/TT-TTCP, NĐ 09/2019) runs from the 15th of
//! the month before to the 14th (the year 15/12 → 14/12). Families are data
//! (`report_families.json`), so a province with its own cut-off adds a line, not code.

use crate::error::{DomainError, ErrorCode};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;
use utoipa::ToSchema;

/// What the user asked for, before a family gives it dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PeriodSpec {
    /// 6 tháng đầu năm
    FirstHalf {
        year: i32,
    },
    /// 9 tháng đầu năm
    NineMonths {
        year: i32,
    },
    Year {
        year: i32,
    },
    Quarter {
        year: i32,
        quarter: u32,
    },
    Month {
        year: i32,
        month: u32,
    },
    /// Nhiệm kỳ `from_year–to_year`: 01/7 of the first year to 30/6 of the last, the mid-year
    /// boundary of the congress terms (and of the 2025 reform).
    Term {
        from_year: i32,
        to_year: i32,
    },
    Range {
        from: NaiveDate,
        to: NaiveDate,
    },
}

/// A report family's cut-off: `None` for calendar periods, `Some(15)` when periods run from the
/// 15th of the month before their first month to the 14th of their last month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReportFamily {
    pub id: String,
    pub name: String,
    pub cutoff_day: Option<u32>,
    /// Where the rule comes from
    pub basis: String,
}

/// The bundled families: `party` (calendar periods) and `state` (15 → 14).
pub fn bundled_families() -> Vec<ReportFamily> {
    serde_json::from_str(include_str!("report_families.json")).unwrap_or_default()
}

/// A period with its dates, for one family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Period {
    /// The canonical name: `2024-H1`, `2024-9M`, `2024`, `2024-Q3`, `2024-03`, `2020-2025`,
    /// `2024-01-01..2024-03-15`
    pub key: String,
    pub family: String,
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
    /// `6 tháng đầu năm 2024`, `nhiệm kỳ 2020–2025`, `từ 01/01/2024 đến 15/03/2024`
    pub label: String,
}

fn invalid(detail: impl Into<String>) -> DomainError {
    DomainError::new(ErrorCode::InvalidPeriod, detail)
}

fn ymd(y: i32, m: u32, d: u32) -> Result<NaiveDate, DomainError> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| invalid(format!("{d:02}/{m:02}/{y}")))
}

fn parse_year(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
        .filter(|y| (1945..=2200).contains(y))
}

fn parse_date(s: &str) -> Result<NaiveDate, DomainError> {
    crate::unit::parse_date(s).map_err(|_| invalid(format!("ngày “{s}”")))
}

impl PeriodSpec {
    /// Reads `2024-H1`, `2024-6T`, `2024-9M`, `2024-9T`, `2024`, `2024-Q3`, `2024-03`,
    /// `2020-2025`, `FROM..TO` (dates as `2024-01-31` or `31/01/2024`).
    pub fn parse(text: &str) -> Result<PeriodSpec, DomainError> {
        let s = text.trim();
        if let Some((a, b)) = s.split_once("..") {
            let (from, to) = (parse_date(a.trim())?, parse_date(b.trim())?);
            if to < from {
                return Err(invalid(format!(
                    "kỳ kết thúc ({}) trước khi bắt đầu ({})",
                    to.format("%d/%m/%Y"),
                    from.format("%d/%m/%Y")
                )));
            }
            return Ok(PeriodSpec::Range { from, to });
        }
        if let Some(year) = parse_year(s) {
            return Ok(PeriodSpec::Year { year });
        }
        let bad = || {
            invalid(format!(
                "“{s}” (ví dụ: 2024-H1, 2024-9M, 2024, 2024-Q3, 2024-03, 2020-2025)"
            ))
        };
        let (a, b) = s.split_once('-').ok_or_else(bad)?;
        let year = parse_year(a).ok_or_else(bad)?;
        let upper = b.to_ascii_uppercase();
        let spec = match upper.as_str() {
            "H1" | "6T" | "6M" => PeriodSpec::FirstHalf { year },
            "9M" | "9T" => PeriodSpec::NineMonths { year },
            q if q.len() == 2 && q.starts_with('Q') => {
                let quarter = q[1..].parse().map_err(|_| bad())?;
                if !(1..=4).contains(&quarter) {
                    return Err(bad());
                }
                PeriodSpec::Quarter { year, quarter }
            }
            m if m.len() == 2 && m.bytes().all(|c| c.is_ascii_digit()) => {
                let month = m.parse().map_err(|_| bad())?;
                if !(1..=12).contains(&month) {
                    return Err(bad());
                }
                PeriodSpec::Month { year, month }
            }
            y if y.len() == 4 => {
                let to_year = parse_year(y).ok_or_else(bad)?;
                if to_year <= year {
                    return Err(invalid(format!("nhiệm kỳ “{s}” kết thúc trước khi bắt đầu")));
                }
                PeriodSpec::Term {
                    from_year: year,
                    to_year,
                }
            }
            _ => return Err(bad()),
        };
        Ok(spec)
    }

    /// The same period one year earlier (a term: the term before it, of the same length).
    pub fn previous(&self) -> PeriodSpec {
        use PeriodSpec::*;
        let back = |d: NaiveDate| {
            d.with_year(d.year() - 1)
                .unwrap_or_else(|| NaiveDate::from_ymd_opt(d.year() - 1, d.month(), 28).unwrap_or(d))
        };
        match *self {
            FirstHalf { year } => FirstHalf { year: year - 1 },
            NineMonths { year } => NineMonths { year: year - 1 },
            Year { year } => Year { year: year - 1 },
            Quarter { year, quarter } => Quarter {
                year: year - 1,
                quarter,
            },
            Month { year, month } => Month { year: year - 1, month },
            Term { from_year, to_year } => Term {
                from_year: 2 * from_year - to_year,
                to_year: from_year,
            },
            Range { from, to } => Range {
                from: back(from),
                to: back(to),
            },
        }
    }

    pub fn key(&self) -> String {
        use PeriodSpec::*;
        match *self {
            FirstHalf { year } => format!("{year}-H1"),
            NineMonths { year } => format!("{year}-9M"),
            Year { year } => format!("{year}"),
            Quarter { year, quarter } => format!("{year}-Q{quarter}"),
            Month { year, month } => format!("{year}-{month:02}"),
            Term { from_year, to_year } => format!("{from_year}-{to_year}"),
            Range { from, to } => format!("{from}..{to}"),
        }
    }

    fn label(&self, from: NaiveDate, to: NaiveDate) -> String {
        use PeriodSpec::*;
        const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];
        match *self {
            FirstHalf { year } => format!("6 tháng đầu năm {year}"),
            NineMonths { year } => format!("9 tháng đầu năm {year}"),
            Year { year } => format!("năm {year}"),
            Quarter { year, quarter } => format!("quý {} năm {year}", ROMAN[(quarter - 1) as usize]),
            Month { year, month } => format!("tháng {month:02} năm {year}"),
            Term { from_year, to_year } => format!("nhiệm kỳ {from_year}–{to_year}"),
            Range { .. } => format!("từ {} đến {}", from.format("%d/%m/%Y"), to.format("%d/%m/%Y")),
        }
    }

    /// First and last calendar month of a named period, as (year, month).
    fn months(&self) -> Option<((i32, u32), (i32, u32))> {
        use PeriodSpec::*;
        match *self {
            FirstHalf { year } => Some(((year, 1), (year, 6))),
            NineMonths { year } => Some(((year, 1), (year, 9))),
            Year { year } => Some(((year, 1), (year, 12))),
            Quarter { year, quarter } => Some(((year, 3 * quarter - 2), (year, 3 * quarter))),
            Month { year, month } => Some(((year, month), (year, month))),
            Term { .. } | Range { .. } => None,
        }
    }

    /// The dates this period covers in `family`.
    pub fn resolve(&self, family: &ReportFamily) -> Result<Period, DomainError> {
        let (from, to) = match (*self, self.months()) {
            (PeriodSpec::Range { from, to }, _) => (from, to),
            (PeriodSpec::Term { from_year, to_year }, _) => (ymd(from_year, 7, 1)?, ymd(to_year, 6, 30)?),
            (_, Some(((fy, fm), (ty, tm)))) => match family.cutoff_day {
                None => (ymd(fy, fm, 1)?, last_day_of_month(ty, tm)?),
                Some(day) => {
                    let (py, pm) = if fm == 1 { (fy - 1, 12) } else { (fy, fm - 1) };
                    (ymd(py, pm, day)?, ymd(ty, tm, day - 1)?)
                }
            },
            _ => return Err(invalid(self.key())),
        };
        Ok(Period {
            key: self.key(),
            family: family.id.clone(),
            from,
            to,
            label: self.label(from, to),
        })
    }
}

fn last_day_of_month(year: i32, month: u32) -> Result<NaiveDate, DomainError> {
    let (ny, nm) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    Ok(ymd(ny, nm, 1)?.pred_opt().unwrap_or(NaiveDate::MIN))
}

impl fmt::Display for PeriodSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

/// Finds a family by id among `families`.
pub fn family<'a>(families: &'a [ReportFamily], id: &str) -> Result<&'a ReportFamily, DomainError> {
    families
        .iter()
        .find(|f| f.id == id)
        .ok_or_else(|| invalid(format!("không có loại báo cáo “{id}”")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn resolve(text: &str, family_id: &str) -> Period {
        let families = bundled_families();
        PeriodSpec::parse(text)
            .unwrap()
            .resolve(family(&families, family_id).unwrap())
            .unwrap()
    }

    #[test]
    fn party_reports_use_calendar_periods() {
        let p = resolve("2024-H1", "party");
        assert_eq!((p.from, p.to), (d("2024-01-01"), d("2024-06-30")));
        assert_eq!(p.label, "6 tháng đầu năm 2024");
        let p = resolve("2024-9M", "party");
        assert_eq!(
            (p.from, p.to, p.label.as_str()),
            (d("2024-01-01"), d("2024-09-30"), "9 tháng đầu năm 2024")
        );
        let p = resolve("2024", "party");
        assert_eq!((p.from, p.to), (d("2024-01-01"), d("2024-12-31")));
        let p = resolve("2024-Q1", "party");
        assert_eq!((p.to, p.label.as_str()), (d("2024-03-31"), "quý I năm 2024"));
        assert_eq!(resolve("2024-02", "party").to, d("2024-02-29"));
    }

    #[test]
    fn the_state_family_runs_from_the_15th_to_the_14th() {
        let p = resolve("2024", "state");
        assert_eq!((p.from, p.to), (d("2023-12-15"), d("2024-12-14")));
        let p = resolve("2024-H1", "state");
        assert_eq!((p.from, p.to), (d("2023-12-15"), d("2024-06-14")));
        let p = resolve("2024-9M", "state");
        assert_eq!(p.to, d("2024-09-14"));
        let p = resolve("2024-Q2", "state");
        assert_eq!((p.from, p.to), (d("2024-03-15"), d("2024-06-14")));
    }

    #[test]
    fn terms_and_ranges() {
        let p = resolve("2020-2025", "party");
        assert_eq!((p.from, p.to), (d("2020-07-01"), d("2025-06-30")));
        assert_eq!(p.label, "nhiệm kỳ 2020–2025");
        let p = resolve("2024-01-01..15/03/2024", "state");
        assert_eq!((p.from, p.to), (d("2024-01-01"), d("2024-03-15")));
        assert_eq!(p.key, "2024-01-01..2024-03-15");
        assert_eq!(p.label, "từ 01/01/2024 đến 15/03/2024");
    }

    #[test]
    fn the_previous_year_is_the_same_period_shifted() {
        let spec = PeriodSpec::parse("2024-9M").unwrap();
        assert_eq!(spec.previous().key(), "2023-9M");
        assert_eq!(PeriodSpec::parse("2020-2025").unwrap().previous().key(), "2015-2020");
        assert_eq!(
            PeriodSpec::parse("2024-02-29..2024-03-10").unwrap().previous().key(),
            "2023-02-28..2023-03-10"
        );
    }

    #[test]
    fn bad_periods_are_refused_with_the_period_code() {
        for bad in [
            "2024-H3",
            "2024-13",
            "24",
            "2025-2020",
            "2024-03-10..2024-03-01",
            "2024-Q5",
            "abc",
            "",
        ] {
            let e = PeriodSpec::parse(bad).unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidPeriod, "{bad}");
        }
        let e = PeriodSpec::parse("2024-03-10..2024-03-01").unwrap_err();
        assert!(e
            .to_string()
            .contains("kết thúc (01/03/2024) trước khi bắt đầu (10/03/2024)"));
    }
}
