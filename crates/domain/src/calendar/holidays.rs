//! Public holidays for state offices (nghỉ lễ, tết), after Bộ luật Lao động 2019, Điều 112,
//! and the schedules the government announces each year.
//!
//! The statutory rule, used for any year without an announcement:
//! - Tết Dương lịch: 1/1 (1 day);
//! - Tết Âm lịch: 5 days — by default the last day of the old lunar year and the 1st–4th
//!   days of the new one;
//! - Giỗ Tổ Hùng Vương: 10/3 lunar (1 day);
//! - Ngày Chiến thắng 30/4 and Quốc tế Lao động 1/5 (1 day each);
//! - Quốc khánh: 2/9 plus one adjacent day, by default 1/9, or 3/9 when 2/9 is a Monday;
//! - nghỉ bù (Điều 111 khoản 3): a holiday on a Saturday or Sunday gives a day off on the
//!   next working day that is not itself a holiday or another compensatory day.
//!
//! Saturdays and Sundays are days off for state offices. Each year the government announces
//! the actual schedule, often swapping a working day next to a holiday for a Saturday
//! worked later (hoán đổi ngày làm việc, làm bù). An [`Announcement`] records that schedule
//! and replaces the rule for its year.
//!
//! The rule is the 2019 Labour Code's; for years before 2021 it does not reproduce the law
//! then in force (e.g. Quốc khánh was one day).

use super::lunar;
use crate::{DomainError, ErrorCode};
use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use utoipa::ToSchema;

/// Holiday names, as printed.
pub mod names {
    pub const NEW_YEAR: &str = "Tết Dương lịch";
    pub const LUNAR_NEW_YEAR: &str = "Tết Nguyên đán";
    pub const HUNG_KINGS: &str = "Giỗ Tổ Hùng Vương";
    pub const VICTORY_DAY: &str = "Ngày Chiến thắng";
    pub const LABOUR_DAY: &str = "Quốc tế Lao động";
    pub const NATIONAL_DAY: &str = "Quốc khánh";
    /// Prefix of a compensatory day off: "Nghỉ bù Giỗ Tổ Hùng Vương".
    pub const COMPENSATION_PREFIX: &str = "Nghỉ bù";
    /// A working day moved next to a holiday and made up on a Saturday.
    pub const SWAPPED: &str = "Hoán đổi ngày làm việc";
    /// Prefix of a make-up working day: "Làm bù cho ngày 29/04/2024".
    pub const MAKE_UP_PREFIX: &str = "Làm bù cho";
}

/// Whether a listed day is a day off or a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// Ngày nghỉ (holiday, compensatory or swapped day off).
    DayOff,
    /// Ngày làm việc (a Saturday or Sunday worked to make up a swapped day).
    WorkDay,
}

impl DayKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DayKind::DayOff => "day_off",
            DayKind::WorkDay => "work_day",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            DayKind::DayOff => "Nghỉ",
            DayKind::WorkDay => "Làm bù",
        }
    }
}

/// One special day of a year's calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: String,
    pub kind: DayKind,
}

/// A year's schedule as announced by the government. For its year it replaces the rule:
/// `days_off` is the complete list of that year's holiday days off (weekend dates may be
/// listed), and `work_days` are working days even on a weekend. Every date lies in `year`
/// (a swap across New Year belongs to the announcement of the year of each date).
///
/// In JSON each entry is an object `{"date": "2024-04-29", "name": "…"}`; `work_days`
/// may be omitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Announcement {
    pub year: i32,
    #[serde(with = "dated_names")]
    pub days_off: Vec<(NaiveDate, String)>,
    #[serde(default, with = "dated_names")]
    pub work_days: Vec<(NaiveDate, String)>,
}

impl Announcement {
    /// The announced days, sorted by date.
    pub fn holidays(&self) -> Vec<Holiday> {
        let off = self.days_off.iter().map(|(d, n)| (d, n, DayKind::DayOff));
        let work = self.work_days.iter().map(|(d, n)| (d, n, DayKind::WorkDay));
        let mut list: Vec<Holiday> = off
            .chain(work)
            .map(|(date, name, kind)| Holiday {
                date: *date,
                name: name.clone(),
                kind,
            })
            .collect();
        list.sort_by_key(|h| h.date);
        list
    }

    /// Every date in its year, none twice, none both off and worked, every name given.
    pub fn validate(&self) -> Result<(), DomainError> {
        let mut seen = BTreeSet::new();
        for (date, name) in self.days_off.iter().chain(&self.work_days) {
            let shown = date.format("%d/%m/%Y");
            if date.year() != self.year {
                return Err(DomainError::validation(format!(
                    "ngày {shown} không thuộc năm {}",
                    self.year
                )));
            }
            if name.trim().is_empty() {
                return Err(DomainError::validation(format!("ngày {shown} chưa có tên")));
            }
            if !seen.insert(*date) {
                return Err(DomainError::validation(format!(
                    "ngày {shown} có hơn một lần trong lịch năm {}",
                    self.year
                )));
            }
        }
        Ok(())
    }
}

/// (De)serializes `Vec<(NaiveDate, String)>` as a list of `{"date", "name"}` objects.
mod dated_names {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize)]
    struct EntryRef<'a> {
        date: NaiveDate,
        name: &'a str,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Entry {
        date: NaiveDate,
        name: String,
    }

    pub fn serialize<S: Serializer>(list: &[(NaiveDate, String)], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(list.iter().map(|(date, name)| EntryRef { date: *date, name }))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<(NaiveDate, String)>, D::Error> {
        let entries = Vec::<Entry>::deserialize(deserializer)?;
        Ok(entries.into_iter().map(|e| (e.date, e.name)).collect())
    }
}

pub(crate) fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The statutory holidays of `year` with their compensatory days off, sorted by date. The
/// holidays themselves are listed even on a weekend. Two holidays on the same date (which
/// the lunar Giỗ Tổ could in principle do) are listed once with both names and give no
/// extra day.
pub fn statutory_holidays(year: i32) -> Vec<Holiday> {
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("ngày cố định hợp lệ");
    let mut days: BTreeMap<NaiveDate, Vec<&'static str>> = BTreeMap::new();
    let mut add = |date: NaiveDate, name: &'static str| {
        let names = days.entry(date).or_default();
        if !names.contains(&name) {
            names.push(name);
        }
    };

    add(ymd(1, 1), names::NEW_YEAR);

    // The lunar dates exist for any year chrono can hold; `if let` only keeps the extreme
    // ends of that range from panicking.
    if let Some(tet) = lunar::lunar_to_solar(1, 1, year, false) {
        if let Some(eve) = tet.pred_opt() {
            add(eve, names::LUNAR_NEW_YEAR);
        }
        for date in tet.iter_days().take(4) {
            add(date, names::LUNAR_NEW_YEAR);
        }
    }

    if let Some(date) = lunar::lunar_to_solar(10, 3, year, false) {
        add(date, names::HUNG_KINGS);
    }
    add(ymd(4, 30), names::VICTORY_DAY);
    add(ymd(5, 1), names::LABOUR_DAY);

    let national_day = ymd(9, 2);
    add(national_day, names::NATIONAL_DAY);
    let adjacent = if national_day.weekday() == Weekday::Mon {
        ymd(9, 3)
    } else {
        ymd(9, 1)
    };
    add(adjacent, names::NATIONAL_DAY);

    // Nghỉ bù, in date order so that consecutive weekend holidays get consecutive days.
    let mut compensation: BTreeMap<NaiveDate, String> = BTreeMap::new();
    for (date, names) in &days {
        if !is_weekend(*date) {
            continue;
        }
        let mut next = *date;
        loop {
            next = next.succ_opt().expect("ngày trong phạm vi");
            if !is_weekend(next) && !days.contains_key(&next) && !compensation.contains_key(&next) {
                break;
            }
        }
        compensation.insert(next, format!("{} {}", names::COMPENSATION_PREFIX, names.join(", ")));
    }

    let mut list: Vec<Holiday> = days
        .into_iter()
        .map(|(date, names)| Holiday {
            date,
            name: names.join(", "),
            kind: DayKind::DayOff,
        })
        .chain(compensation.into_iter().map(|(date, name)| Holiday {
            date,
            name,
            kind: DayKind::DayOff,
        }))
        .collect();
    list.sort_by_key(|h| h.date);
    list
}

/// Parses a list of announcements in the JSON shape of the bundled `announced_vn.json`.
pub fn parse_announcements(text: &str) -> Result<Vec<Announcement>, DomainError> {
    serde_json::from_str(text)
        .map_err(|e| DomainError::new(ErrorCode::Validation, format!("lịch nghỉ lễ không đọc được: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn dates(list: &[Holiday]) -> Vec<String> {
        list.iter().map(|h| h.date.to_string()).collect()
    }

    #[test]
    fn statutory_2026() {
        let list = statutory_holidays(2026);
        assert_eq!(
            dates(&list),
            [
                "2026-01-01",
                "2026-02-16",
                "2026-02-17",
                "2026-02-18",
                "2026-02-19",
                "2026-02-20",
                "2026-04-26",
                "2026-04-27",
                "2026-04-30",
                "2026-05-01",
                "2026-09-01",
                "2026-09-02",
            ]
        );
        assert_eq!(list[6].name, "Giỗ Tổ Hùng Vương");
        assert_eq!(list[7].name, "Nghỉ bù Giỗ Tổ Hùng Vương");
        assert!(list.iter().all(|h| h.kind == DayKind::DayOff));
    }

    #[test]
    fn consecutive_weekend_holidays_get_consecutive_compensation() {
        // Tết 2027 is Saturday 06/02: 05/02 (last day), 06, 07, 08, 09 off; 06 and 07 are a
        // weekend, so 10 and 11 are compensatory days.
        let list = statutory_holidays(2027);
        let feb: Vec<_> = list.iter().filter(|h| h.date.month() == 2).collect();
        let shown: Vec<_> = feb.iter().map(|h| h.date.day()).collect();
        assert_eq!(shown, [5, 6, 7, 8, 9, 10, 11]);
        assert_eq!(feb[5].name, "Nghỉ bù Tết Nguyên đán");
        // 2027: 01/05 is a Saturday → Monday 03/05; 02/09 is a Thursday → 01/09 adjacent.
        assert!(list
            .iter()
            .any(|h| h.date == d("2027-05-03") && h.name == "Nghỉ bù Quốc tế Lao động"));
        assert!(list.iter().any(|h| h.date == d("2027-09-01")));
    }

    #[test]
    fn national_day_on_a_monday_takes_the_tuesday() {
        // 02/09/2030 is a Monday.
        let list = statutory_holidays(2030);
        assert!(list.iter().any(|h| h.date == d("2030-09-03")));
        assert!(!list.iter().any(|h| h.date == d("2030-09-01")));
        // New Year's Day on a weekend: 01/01/2028 is a Saturday → Monday 03/01.
        let list = statutory_holidays(2028);
        assert!(list
            .iter()
            .any(|h| h.date == d("2028-01-03") && h.name == "Nghỉ bù Tết Dương lịch"));
    }

    #[test]
    fn every_computed_year_has_eleven_holiday_days() {
        for year in 2000..=2100 {
            let list = statutory_holidays(year);
            let holidays = list
                .iter()
                .filter(|h| !h.name.starts_with(names::COMPENSATION_PREFIX))
                .count();
            let weekend = list
                .iter()
                .filter(|h| !h.name.starts_with(names::COMPENSATION_PREFIX) && is_weekend(h.date))
                .count();
            let compensation = list.len() - holidays;
            assert_eq!(holidays, 11, "{year}");
            assert_eq!(compensation, weekend, "{year}");
            assert!(list.iter().all(|h| h.date.year() == year), "{year}");
            assert!(list.windows(2).all(|w| w[0].date < w[1].date), "{year}");
        }
    }

    #[test]
    fn any_year_chrono_holds_computes_without_panicking() {
        let (min, max) = (NaiveDate::MIN.year(), NaiveDate::MAX.year());
        let mut years: Vec<i32> = (min..=max).step_by(9_973).collect();
        years.extend([min, min + 1, -1, 0, 1, 1582, 1900, 9999, max - 1, max]);
        for year in years {
            let list = statutory_holidays(year);
            assert!(list.len() >= 11, "{year}");
        }
    }

    #[test]
    fn announcement_validation() {
        let good = Announcement {
            year: 2024,
            days_off: vec![(d("2024-01-01"), "Tết Dương lịch".into())],
            work_days: vec![(d("2024-05-04"), "Làm bù".into())],
        };
        assert!(good.validate().is_ok());
        let mut bad = good.clone();
        bad.days_off.push((d("2025-01-01"), "Tết Dương lịch".into()));
        assert!(bad.validate().unwrap_err().detail.contains("không thuộc năm 2024"));
        let mut bad = good.clone();
        bad.work_days.push((d("2024-01-01"), "x".into()));
        assert_eq!(bad.validate().unwrap_err().code, ErrorCode::Validation);
        let mut bad = good;
        bad.days_off[0].1 = " ".into();
        assert!(bad.validate().unwrap_err().detail.contains("chưa có tên"));
    }

    #[test]
    fn announcements_round_trip_through_json() {
        let a = Announcement {
            year: 2024,
            days_off: vec![(d("2024-04-29"), names::SWAPPED.into())],
            work_days: vec![],
        };
        let text = serde_json::to_string(&vec![a.clone()]).unwrap();
        assert_eq!(
            text,
            r#"[{"year":2024,"days_off":[{"date":"2024-04-29","name":"Hoán đổi ngày làm việc"}],"work_days":[]}]"#
        );
        assert_eq!(parse_announcements(&text).unwrap(), vec![a]);
        let e = parse_announcements(r#"[{"year":2024,"days_off":[{"date":"29/04/2024","name":"x"}]}]"#).unwrap_err();
        assert_eq!(e.code, ErrorCode::Validation);
        assert!(e.to_string().contains("lịch nghỉ lễ không đọc được"), "{e}");
    }
}
