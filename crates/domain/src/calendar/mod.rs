//! The working-day calendar of state offices (lịch làm việc): the Vietnamese lunar calendar,
//! public holidays and compensatory days, the government's yearly announcements, and
//! deadline arithmetic in working days or calendar days.
//!
//! Counting follows the Civil Code 2015:
//! - Điều 147: a period counted in days starts on the day after the event, so
//!   [`Calendar::add_working_days`]`(anchor, 1)` is the first working day after `anchor`;
//! - Điều 148: when the last day of a period falls on a day off, the period ends on the next
//!   working day. [`Calendar::add_calendar_days`] is plain date arithmetic;
//!   [`Calendar::add_calendar_days_to_working_day`] applies Điều 148 on top of it.
//!
//! A working day is a Monday–Friday that is not a day off, or any day the year's
//! announcement lists as a working day (a make-up Saturday).

pub mod holidays;
pub mod lunar;

pub use holidays::{statutory_holidays, Announcement, DayKind, Holiday};
pub use lunar::{last_day_of_lunar_year, lunar_to_solar, solar_to_lunar, tet, LunarDate};

use crate::{DomainError, ErrorCode};
use chrono::{Datelike, NaiveDate, Weekday};
use holidays::is_weekend;
use std::collections::{BTreeMap, HashMap};

/// The bundled announcements as JSON (what `danvan settings show` prints when none are set).
pub const BUNDLED: &str = include_str!("announced_vn.json");

/// The longest period the deadline functions accept, in days (about 270 years).
pub const MAX_PERIOD_DAYS: u32 = 100_000;

/// "Thứ Hai" … "Chủ nhật".
pub fn weekday_vi(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

/// The rule plus the announced years. Years with an announcement use it as is; all other
/// years use [`statutory_holidays`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    announcements: BTreeMap<i32, Announcement>,
    /// Every special day (day off or make-up working day) of the years in [`PRECOMPUTED`],
    /// computed once: deadline arithmetic runs per record, a million times when seeding.
    special: std::sync::Arc<HashMap<NaiveDate, DayKind>>,
}

/// Years whose special days are computed when the calendar is built.
const PRECOMPUTED: std::ops::RangeInclusive<i32> = 2000..=2100;

impl Calendar {
    /// The bundled announcements (2024, 2025 for state civil servants).
    pub fn vietnam() -> Calendar {
        Calendar::from_json(BUNDLED).expect("bundled announced_vn.json is valid")
    }

    /// Announcements in the JSON shape of the bundled `announced_vn.json`: a list of
    /// `{"year", "days_off": [{"date", "name"}…], "work_days": [...]}`.
    pub fn from_json(text: &str) -> Result<Calendar, DomainError> {
        Calendar::with_announcements(holidays::parse_announcements(text)?)
    }

    /// A calendar from an (admin-edited) set of announcements, each checked; a year may be
    /// announced only once.
    pub fn with_announcements(list: Vec<Announcement>) -> Result<Calendar, DomainError> {
        let mut announcements = BTreeMap::new();
        for a in list {
            a.validate()?;
            let year = a.year;
            if announcements.insert(year, a).is_some() {
                return Err(DomainError::validation(format!("năm {year} được công bố hơn một lần")));
            }
        }
        let mut calendar = Calendar {
            announcements,
            special: Default::default(),
        };
        let special: HashMap<NaiveDate, DayKind> = PRECOMPUTED
            .flat_map(|y| calendar.holidays(y))
            .map(|h| (h.date, h.kind))
            .collect();
        calendar.special = std::sync::Arc::new(special);
        Ok(calendar)
    }

    /// The announcements, by year.
    pub fn announcements(&self) -> impl Iterator<Item = &Announcement> {
        self.announcements.values()
    }

    /// Whether `year` follows an announcement rather than the statutory rule.
    pub fn is_announced(&self, year: i32) -> bool {
        self.announcements.contains_key(&year)
    }

    /// The year's days off (holidays, compensatory and swapped days, including holidays
    /// that fall on a weekend) and make-up working days, sorted by date.
    pub fn holidays(&self, year: i32) -> Vec<Holiday> {
        match self.announcements.get(&year) {
            Some(a) => a.holidays(),
            None => statutory_holidays(year),
        }
    }

    /// A Monday–Friday that is not a day off, or an announced working day.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        Days::new(self).is_working(date)
    }

    /// The first working day on or after `date`.
    pub fn working_day_on_or_after(&self, date: NaiveDate) -> Result<NaiveDate, DomainError> {
        let mut days = Days::new(self);
        let mut d = date;
        while !days.is_working(d) {
            d = next(d)?;
        }
        Ok(d)
    }

    /// The `n`-th working day after `from` (Điều 147: counting starts the day after), so
    /// `n = 1` is the first working day after `from`; `n = 0` gives `from` itself.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> Result<NaiveDate, DomainError> {
        check_period(n)?;
        let mut days = Days::new(self);
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d = next(d)?;
            if days.is_working(d) {
                left -= 1;
            }
        }
        Ok(d)
    }

    /// `from + n` calendar days, whatever that day is. For a legal deadline use
    /// [`Calendar::add_calendar_days_to_working_day`].
    pub fn add_calendar_days(&self, from: NaiveDate, n: u32) -> Result<NaiveDate, DomainError> {
        check_period(n)?;
        from.checked_add_days(chrono::Days::new(u64::from(n)))
            .ok_or_else(out_of_range)
    }

    /// The deadline of a period of `n` calendar days from `from`: `from + n`, moved to the
    /// next working day if it falls on a day off (Civil Code Điều 148).
    pub fn add_calendar_days_to_working_day(&self, from: NaiveDate, n: u32) -> Result<NaiveDate, DomainError> {
        self.working_day_on_or_after(self.add_calendar_days(from, n)?)
    }

    /// The number of working days in (a, b]: 0 if `b <= a`.
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> u32 {
        if b <= a {
            return 0;
        }
        let mut count = weekdays_through(b) - weekdays_through(a);
        for year in a.year()..=b.year() {
            for h in self.holidays(year) {
                if h.date <= a || h.date > b {
                    continue;
                }
                match (h.kind, is_weekend(h.date)) {
                    (DayKind::DayOff, false) => count -= 1,
                    (DayKind::WorkDay, true) => count += 1,
                    _ => {}
                }
            }
        }
        u32::try_from(count).unwrap_or(u32::MAX)
    }
}

fn check_period(n: u32) -> Result<(), DomainError> {
    if n > MAX_PERIOD_DAYS {
        return Err(DomainError::validation(format!(
            "thời hạn tối đa {MAX_PERIOD_DAYS} ngày"
        )));
    }
    Ok(())
}

fn out_of_range() -> DomainError {
    DomainError::new(ErrorCode::InvalidDate, "ngoài phạm vi ngày hỗ trợ")
}

fn next(d: NaiveDate) -> Result<NaiveDate, DomainError> {
    d.succ_opt().ok_or_else(out_of_range)
}

/// Monday–Friday days from a fixed Monday (0001-01-01) through `d`, as a difference-friendly
/// count (may be negative before that Monday).
fn weekdays_through(d: NaiveDate) -> i64 {
    // Days since Monday 0001-01-01, plus one: the length of [0001-01-01, d].
    let len = i64::from(d.num_days_from_ce());
    len.div_euclid(7) * 5 + len.rem_euclid(7).min(5)
}

/// Day lookups for walks over many dates: one year's special days at a time.
struct Days<'a> {
    calendar: &'a Calendar,
    year: Option<i32>,
    special: HashMap<NaiveDate, DayKind>,
}

impl<'a> Days<'a> {
    fn new(calendar: &'a Calendar) -> Days<'a> {
        Days {
            calendar,
            year: None,
            special: HashMap::new(),
        }
    }

    fn is_working(&mut self, date: NaiveDate) -> bool {
        if PRECOMPUTED.contains(&date.year()) {
            return match self.calendar.special.get(&date) {
                Some(kind) => *kind == DayKind::WorkDay,
                None => !is_weekend(date),
            };
        }
        if self.year != Some(date.year()) {
            self.year = Some(date.year());
            self.special = self
                .calendar
                .holidays(date.year())
                .into_iter()
                .map(|h| (h.date, h.kind))
                .collect();
        }
        match self.special.get(&date) {
            Some(kind) => *kind == DayKind::WorkDay,
            None => !is_weekend(date),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn off_dates(cal: &Calendar, year: i32) -> Vec<String> {
        cal.holidays(year)
            .iter()
            .filter(|h| h.kind == DayKind::DayOff)
            .map(|h| h.date.format("%d/%m").to_string())
            .collect()
    }

    #[test]
    fn bundled_2024() {
        let cal = Calendar::vietnam();
        assert!(cal.is_announced(2024));
        assert_eq!(
            off_dates(&cal, 2024),
            [
                "01/01", "08/02", "09/02", "10/02", "11/02", "12/02", "13/02", "14/02", "18/04", "29/04", "30/04",
                "01/05", "02/09", "03/09"
            ]
        );
        let work: Vec<_> = cal
            .holidays(2024)
            .into_iter()
            .filter(|h| h.kind == DayKind::WorkDay)
            .collect();
        assert_eq!(work.len(), 1);
        assert_eq!(work[0].date, d("2024-05-04"));
        assert!(cal.is_working_day(d("2024-05-04")), "make-up Saturday");
        assert!(!cal.is_working_day(d("2024-04-29")), "swapped Monday");
        assert!(!cal.is_working_day(d("2024-05-05")), "ordinary Sunday");
        assert!(cal.is_working_day(d("2024-05-02")));
        assert!(cal.is_working_day(d("2024-02-15")));
    }

    #[test]
    fn bundled_2025() {
        let cal = Calendar::vietnam();
        assert_eq!(
            off_dates(&cal, 2025),
            [
                "01/01", "25/01", "26/01", "27/01", "28/01", "29/01", "30/01", "31/01", "01/02", "02/02", "07/04",
                "30/04", "01/05", "02/05", "01/09", "02/09"
            ]
        );
        for s in ["2025-02-08", "2025-04-26"] {
            assert!(cal.is_working_day(d(s)), "{s} is a make-up Saturday");
        }
        for s in ["2025-01-27", "2025-05-02", "2025-09-01", "2025-04-07"] {
            assert!(!cal.is_working_day(d(s)), "{s}");
        }
        // 2025 is announced, so the rule's 4th-day-of-Tết Saturday gives no extra Monday.
        assert!(cal.is_working_day(d("2025-02-03")));
        let names: Vec<_> = cal.holidays(2025).into_iter().map(|h| h.name).collect();
        assert!(names.iter().any(|n| n == "Giỗ Tổ Hùng Vương"));
        assert!(names.iter().any(|n| n.starts_with("Làm bù cho ngày 27/01/2025")));
        assert!(names.iter().any(|n| n.starts_with("Hoán đổi ngày làm việc")));
    }

    #[test]
    fn computed_2026() {
        let cal = Calendar::vietnam();
        assert!(!cal.is_announced(2026));
        for s in [
            "2026-01-01",
            "2026-02-16",
            "2026-02-17",
            "2026-02-18",
            "2026-02-19",
            "2026-02-20",
            "2026-04-27",
            "2026-04-30",
            "2026-05-01",
            "2026-09-01",
            "2026-09-02",
        ] {
            assert!(!cal.is_working_day(d(s)), "{s}");
        }
        assert!(cal.is_working_day(d("2026-02-23")));
        assert!(cal.is_working_day(d("2026-04-28")));
        let gio_to: Vec<_> = cal
            .holidays(2026)
            .into_iter()
            .filter(|h| h.date.month() == 4)
            .map(|h| (h.date.day(), h.name))
            .collect();
        assert_eq!(
            gio_to,
            [
                (26, "Giỗ Tổ Hùng Vương".to_string()),
                (27, "Nghỉ bù Giỗ Tổ Hùng Vương".to_string()),
                (30, "Ngày Chiến thắng".to_string()),
            ]
        );
    }

    #[test]
    fn adding_working_days_across_tet_2025() {
        let cal = Calendar::vietnam();
        assert_eq!(cal.add_working_days(d("2025-01-24"), 1).unwrap(), d("2025-02-03"));
        assert_eq!(cal.add_working_days(d("2025-01-24"), 0).unwrap(), d("2025-01-24"));
        // Counting starts the day after the anchor, even when the anchor is a day off.
        assert_eq!(cal.add_working_days(d("2025-01-25"), 1).unwrap(), d("2025-02-03"));
        // 03/02–07/02 (5), Saturday 08/02 is worked (6), then 10/02 (7).
        assert_eq!(cal.add_working_days(d("2025-01-24"), 7).unwrap(), d("2025-02-10"));
        assert_eq!(cal.add_working_days(d("2025-01-23"), 1).unwrap(), d("2025-01-24"));
        // 15 working days from Friday 24/04/2026: 27/04, 30/04 and 01/05 are off.
        assert_eq!(cal.add_working_days(d("2026-04-24"), 15).unwrap(), d("2026-05-20"));
    }

    #[test]
    fn adding_calendar_days() {
        let cal = Calendar::vietnam();
        // 10 days from 20/01/2025 is Thursday 30/01, in the Tết break.
        assert_eq!(cal.add_calendar_days(d("2025-01-20"), 10).unwrap(), d("2025-01-30"));
        assert_eq!(
            cal.add_calendar_days_to_working_day(d("2025-01-20"), 10).unwrap(),
            d("2025-02-03")
        );
        // A deadline on an ordinary Saturday moves to Monday; on a make-up Saturday it stays.
        assert_eq!(
            cal.add_calendar_days_to_working_day(d("2025-03-01"), 14).unwrap(),
            d("2025-03-17")
        );
        assert_eq!(
            cal.add_calendar_days_to_working_day(d("2025-04-16"), 10).unwrap(),
            d("2025-04-26")
        );
        assert_eq!(
            cal.add_calendar_days_to_working_day(d("2025-03-03"), 0).unwrap(),
            d("2025-03-03")
        );
    }

    #[test]
    fn out_of_range_periods_are_errors() {
        let cal = Calendar::vietnam();
        let e = cal.add_working_days(d("2025-01-01"), MAX_PERIOD_DAYS + 1).unwrap_err();
        assert_eq!(e.code, ErrorCode::Validation);
        let e = cal.add_calendar_days(NaiveDate::MAX, 1).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidDate);
        let near_end = NaiveDate::MAX - chrono::Duration::days(3);
        let e = cal.add_working_days(near_end, 10).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidDate);
        // The ends of chrono's range work without panicking.
        let _ = cal.is_working_day(NaiveDate::MAX);
        let _ = cal.is_working_day(NaiveDate::MIN);
        assert!(cal.working_days_between(near_end, NaiveDate::MAX) <= 3);
    }

    #[test]
    fn counting_working_days_between() {
        let cal = Calendar::vietnam();
        assert_eq!(cal.working_days_between(d("2025-01-24"), d("2025-02-03")), 1);
        assert_eq!(cal.working_days_between(d("2025-01-24"), d("2025-02-08")), 6);
        assert_eq!(cal.working_days_between(d("2025-02-03"), d("2025-01-24")), 0);
        assert_eq!(cal.working_days_between(d("2025-02-03"), d("2025-02-03")), 0);
        // 2025: 261 weekdays − 12 weekday days off + 2 make-up Saturdays.
        assert_eq!(cal.working_days_between(d("2024-12-31"), d("2025-12-31")), 251);
        // 2026 (computed): 261 weekdays − 11 weekday holidays and compensation days.
        assert_eq!(cal.working_days_between(d("2025-12-31"), d("2026-12-31")), 250);
    }

    #[test]
    fn counting_matches_a_day_by_day_walk() {
        let cal = Calendar::vietnam();
        let start = d("2023-11-01");
        let mut b = start;
        let mut walked = 0;
        for _ in 0..1200 {
            b = b.succ_opt().unwrap();
            if cal.is_working_day(b) {
                walked += 1;
            }
            assert_eq!(cal.working_days_between(start, b), walked, "{b}");
        }
    }

    #[test]
    fn adding_then_counting_gives_back_n() {
        let cal = Calendar::vietnam();
        let mut from = d("2023-12-01");
        let end = d("2027-03-01");
        while from < end {
            for n in [0, 1, 2, 3, 5, 7, 10, 15, 30, 45, 60, 90] {
                let to = cal.add_working_days(from, n).unwrap();
                assert_eq!(cal.working_days_between(from, to), n, "{from} + {n}");
                if n > 0 {
                    assert!(cal.is_working_day(to), "{from} + {n} = {to}");
                }
            }
            from = from.succ_opt().unwrap();
        }
        // And over the whole supported century, more sparsely.
        let mut from = d("2000-01-01");
        while from < d("2100-12-01") {
            let to = cal.add_working_days(from, 23).unwrap();
            assert_eq!(cal.working_days_between(from, to), 23, "{from}");
            from += chrono::Duration::days(37);
        }
    }

    #[test]
    fn weekday_counting() {
        // 0001-01-01 is a Monday; a week holds 5 weekdays.
        assert_eq!(d("0001-01-01").weekday(), Weekday::Mon);
        assert_eq!(weekdays_through(d("2025-01-05")) - weekdays_through(d("2024-12-29")), 5);
        assert_eq!(weekdays_through(d("2025-01-03")) - weekdays_through(d("2025-01-02")), 1);
        assert_eq!(weekdays_through(d("2025-01-04")) - weekdays_through(d("2025-01-03")), 0);
        assert_eq!(weekday_vi(d("2025-02-03").weekday()), "Thứ Hai");
        assert_eq!(weekday_vi(d("2025-02-02").weekday()), "Chủ nhật");
    }

    #[test]
    fn admin_sets_are_checked() {
        let text = r#"[
            {"year": 2026, "days_off": [{"date": "2026-02-16", "name": "Tết Nguyên đán"}]},
            {"year": 2026, "days_off": []}
        ]"#;
        let e = Calendar::from_json(text).unwrap_err();
        assert_eq!(e.code, ErrorCode::Validation);
        assert!(e.detail.contains("năm 2026"), "{e}");
        let e = Calendar::from_json("{").unwrap_err();
        assert_eq!(e.code, ErrorCode::Validation);
        let e = Calendar::from_json(r#"[{"year": 2026, "day_off": []}]"#).unwrap_err();
        assert_eq!(e.code, ErrorCode::Validation);

        // An announced year replaces the rule entirely.
        let cal = Calendar::from_json(
            r#"[{"year": 2026,
                 "days_off": [{"date": "2026-01-02", "name": "Nghỉ bù Tết Dương lịch"}],
                 "work_days": [{"date": "2026-01-10", "name": "Làm bù cho ngày 02/01/2026"}]}]"#,
        )
        .unwrap();
        assert!(cal.is_working_day(d("2026-01-01")));
        assert!(!cal.is_working_day(d("2026-01-02")));
        assert!(cal.is_working_day(d("2026-01-10")));
        assert_eq!(cal.holidays(2026).len(), 2);
        assert_eq!(cal.announcements().count(), 1);
        // Other years still follow the rule.
        assert!(!cal.is_working_day(d("2027-01-01")));
    }
}
