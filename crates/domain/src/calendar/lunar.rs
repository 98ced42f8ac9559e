//! The Vietnamese lunisolar calendar (âm lịch), computed astronomically.
//!
//! This follows the method published by Hồ Ngọc Đức: a lunar month starts on the local day
//! of a new moon; the month containing the winter solstice is month 11; in a year with 13
//! lunar months (between two months 11), the first month after month 11 that contains no
//! major solar term (trung khí) is the leap month and repeats the number of the month before
//! it. Days are local days at UTC+7, the time zone of Vietnam. The Chinese calendar uses
//! UTC+8 and therefore differs in some years (Tết 2007 is 17/02/2007 in Vietnam, 18/02/2007
//! in China).
//!
//! The astronomical series (truncated new-moon series after Meeus, low-precision sun
//! longitude) are those of the published algorithm, good for roughly 1800–2199, so results
//! match the calendars printed in Vietnam from it. They are a few minutes off the exact
//! ephemeris: in 2000–2100 only two months, whose new moons fall within two minutes of
//! midnight (12/2072 and 11/2077 in the Gregorian calendar), start a day later than an exact
//! computation would give. Outside that range the functions still return values, with
//! decreasing accuracy.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::f64::consts::PI;

/// Vietnam's time zone offset in hours (UTC+7).
pub const TIME_ZONE: f64 = 7.0;

/// Julian day number of 0001-01-01 minus chrono's day count for that date (which is 1).
const JDN_CE_OFFSET: i64 = 1_721_425;

/// Julian date (days) of the new moon of 1900-01-01, the origin of the new moon index `k`.
const NEW_MOON_EPOCH: f64 = 2_415_021.076_998_695;

/// Mean length of a synodic month in days.
const SYNODIC_MONTH: f64 = 29.530_588_853;

/// A day of the Vietnamese lunar calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LunarDate {
    /// 1–30.
    pub day: u32,
    /// 1–12.
    pub month: u32,
    /// The lunar year, numbered like the Gregorian year in which its Tết falls.
    pub year: i32,
    /// A leap month (tháng nhuận) repeats the number of the month before it.
    pub leap: bool,
}

impl std::fmt::Display for LunarDate {
    /// `10/3/2024` or `15/4 nhuận/2020`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let leap = if self.leap { " nhuận" } else { "" };
        write!(f, "{}/{}{}/{}", self.day, self.month, leap, self.year)
    }
}

fn jdn(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) + JDN_CE_OFFSET
}

fn date_from_jdn(jdn: i64) -> Option<NaiveDate> {
    let days = i32::try_from(jdn - JDN_CE_OFFSET).ok()?;
    NaiveDate::from_num_days_from_ce_opt(days)
}

/// Julian day number of 31 December of `year`, by arithmetic (no chrono range limit): the
/// day before 1 January of `year + 1` in the proleptic Gregorian calendar.
fn jdn_dec_31(year: i64) -> i64 {
    // The usual formula with January counted as month 10 of the previous March-based year.
    let y = year + 4800;
    let jan_1_next = 1 + 306 + 365 * y + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400) - 32045;
    jan_1_next - 1
}

/// Julian date (in days, dynamical time minus ΔT, i.e. roughly UT) of the `k`-th new moon
/// after the one of 1900-01-01.
fn new_moon(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85;
    let t2 = t * t;
    let t3 = t2 * t;
    let dr = PI / 180.0;
    let mut jd = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
    jd += 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * dr).sin();
    // Mean anomalies of the sun and the moon, and the moon's argument of latitude.
    let m = (359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3) * dr;
    let mp = (306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3) * dr;
    let f = (21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3) * dr;
    let c1 = (0.1734 - 0.000_393 * t) * m.sin() + 0.0021 * (2.0 * m).sin() - 0.4068 * mp.sin()
        + 0.0161 * (2.0 * mp).sin()
        - 0.0004 * (3.0 * mp).sin()
        + 0.0104 * (2.0 * f).sin()
        - 0.0051 * (m + mp).sin()
        - 0.0074 * (m - mp).sin()
        + 0.0004 * (2.0 * f + m).sin()
        - 0.0004 * (2.0 * f - m).sin()
        - 0.0006 * (2.0 * f + mp).sin()
        + 0.0010 * (2.0 * f - mp).sin()
        + 0.0005 * (2.0 * mp + m).sin();
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    jd + c1 - delta_t
}

/// The Julian day number of the local day (at UTC+7) on which the `k`-th new moon falls.
fn new_moon_day(k: i64, tz: f64) -> i64 {
    (new_moon(k) + 0.5 + tz / 24.0).floor() as i64
}

/// The sun's apparent longitude in radians, in [0, 2π), at Julian date `jd` (UT).
fn sun_longitude(jd: f64) -> f64 {
    let t = (jd - 2_451_545.0) / 36_525.0;
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * (dr * m).sin()
        + (0.019_993 - 0.000_101 * t) * (dr * 2.0 * m).sin()
        + 0.000_290 * (dr * 3.0 * m).sin();
    let l = (l0 + dl) * dr;
    l.rem_euclid(2.0 * PI)
}

/// Which of the twelve 30° sectors (0 = from the spring equinox) the sun is in at the
/// start of the local day `day` (a Julian day number). Sector 9 starts at the winter
/// solstice; a month whose start and end share a sector contains no major solar term.
fn sun_sector(day: i64, tz: f64) -> i64 {
    let jd = day as f64 - 0.5 - tz / 24.0;
    (sun_longitude(jd) / PI * 6.0).floor() as i64
}

/// The Julian day number on which lunar month 11 of the lunar year that ends in
/// Gregorian `year` starts, i.e. the month containing that year's winter solstice.
fn month_11_start(year: i64, tz: f64) -> i64 {
    let off = jdn_dec_31(year) - 2_415_021;
    let k = (off as f64 / SYNODIC_MONTH).floor() as i64;
    let start = new_moon_day(k, tz);
    // If the month starting at that new moon already lies past the solstice, month 11
    // is the one before.
    if sun_sector(start, tz) >= 9 {
        new_moon_day(k - 1, tz)
    } else {
        start
    }
}

/// The new moon index `k` of the month starting on `day`.
fn month_index(day: i64) -> i64 {
    ((day as f64 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5).floor() as i64
}

/// The first day of the lunar month containing the local day `day`, and the first day of
/// the next month.
fn month_containing(day: i64, tz: f64) -> (i64, i64) {
    // The mean new moon gives k within one; true new moons stray up to about 14 hours from
    // the mean, so settle on the right month by looking at the actual ones.
    let mut k = ((day as f64 - NEW_MOON_EPOCH) / SYNODIC_MONTH).floor() as i64;
    while new_moon_day(k, tz) > day {
        k -= 1;
    }
    while new_moon_day(k + 1, tz) <= day {
        k += 1;
    }
    (new_moon_day(k, tz), new_moon_day(k + 1, tz))
}

/// In a 13-month lunar year starting at month 11 on day `a11`, the position (1-based,
/// counting months after month 11) of the leap month: the first one without a major term.
fn leap_month_offset(a11: i64, tz: f64) -> i64 {
    let k = month_index(a11);
    let mut i = 1;
    let mut arc = sun_sector(new_moon_day(k + i, tz), tz);
    loop {
        let last = arc;
        i += 1;
        arc = sun_sector(new_moon_day(k + i, tz), tz);
        if arc == last || i >= 14 {
            return i - 1;
        }
    }
}

/// The lunar date of a Gregorian date.
pub fn solar_to_lunar(date: NaiveDate) -> LunarDate {
    solar_to_lunar_at(date, TIME_ZONE)
}

/// The lunar date of a Gregorian date for a calendar kept at UTC+`tz`.
fn solar_to_lunar_at(date: NaiveDate, tz: f64) -> LunarDate {
    let day = jdn(date);
    let year = i64::from(date.year());
    let (month_start, _) = month_containing(day, tz);
    let mut a11 = month_11_start(year, tz);
    let mut b11 = a11;
    let mut lunar_year = year;
    if a11 >= month_start {
        a11 = month_11_start(year - 1, tz);
    } else {
        lunar_year = year + 1;
        b11 = month_11_start(year + 1, tz);
    }
    let lunar_day = day - month_start + 1;
    let diff = (month_start - a11).div_euclid(29);
    let mut leap = false;
    let mut lunar_month = diff + 11;
    if b11 - a11 > 365 {
        let leap_diff = leap_month_offset(a11, tz);
        if diff >= leap_diff {
            lunar_month = diff + 10;
            leap = diff == leap_diff;
        }
    }
    if lunar_month > 12 {
        lunar_month -= 12;
    }
    if lunar_month >= 11 && diff < 4 {
        lunar_year -= 1;
    }
    LunarDate {
        day: lunar_day as u32,
        month: lunar_month as u32,
        year: lunar_year as i32,
        leap,
    }
}

/// The Gregorian date of a lunar date, or `None` if that lunar date does not exist (day 30
/// of a 29-day month, a leap month that year does not have, numbers out of range) or lies
/// outside chrono's date range.
pub fn lunar_to_solar(day: u32, month: u32, year: i32, leap: bool) -> Option<NaiveDate> {
    lunar_to_solar_at(day, month, year, leap, TIME_ZONE)
}

/// `lunar_to_solar` for a calendar kept at UTC+`tz`.
fn lunar_to_solar_at(day: u32, month: u32, year: i32, leap: bool, tz: f64) -> Option<NaiveDate> {
    if !(1..=30).contains(&day) || !(1..=12).contains(&month) {
        return None;
    }
    let year = i64::from(year);
    let month = i64::from(month);
    // Lunar year Y runs from month 11 of Gregorian year Y-1 (before Tết) to month 10.
    let (a11, b11) = if month < 11 {
        (month_11_start(year - 1, tz), month_11_start(year, tz))
    } else {
        (month_11_start(year, tz), month_11_start(year + 1, tz))
    };
    let mut off = (month - 11).rem_euclid(12);
    if b11 - a11 > 365 {
        let leap_off = leap_month_offset(a11, tz);
        // The leap month follows the month at offset leap_off - 1 and carries its number.
        let leap_month = (11 + leap_off - 1 - 1).rem_euclid(12) + 1;
        if leap && month != leap_month {
            return None;
        }
        if leap || off >= leap_off {
            off += 1;
        }
    } else if leap {
        return None;
    }
    let k = month_index(a11);
    let start = new_moon_day(k + off, tz);
    let next = new_moon_day(k + off + 1, tz);
    if i64::from(day) > next - start {
        return None;
    }
    date_from_jdn(start + i64::from(day) - 1)
}

/// Tết Nguyên đán: the first day of the first lunar month that falls in Gregorian `year`.
///
/// Panics only if that date is outside chrono's range (years near ±262,000).
pub fn tet(year: i32) -> NaiveDate {
    lunar_to_solar(1, 1, year, false).expect("Tết ngoài phạm vi ngày hỗ trợ")
}

/// The last day of the lunar year that ends before Tết of Gregorian `year + 1` (29 or 30
/// of the 12th month, "ngày cuối năm âm lịch"), i.e. the day before `tet(year + 1)`.
///
/// Panics only if that date is outside chrono's range.
pub fn last_day_of_lunar_year(year: i32) -> NaiveDate {
    tet(year + 1).pred_opt().expect("ngày ngoài phạm vi hỗ trợ")
}

/// The number of days (29 or 30) of the lunar month containing `date`.
pub fn lunar_month_length(date: NaiveDate) -> u32 {
    let (start, next) = month_containing(jdn(date), TIME_ZONE);
    (next - start) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn julian_day_numbers() {
        assert_eq!(jdn(d("2000-01-01")), 2_451_545);
        assert_eq!(jdn(d("1900-01-01")), 2_415_021);
        for y in [1899, 1900, 1999, 2000, 2023, 2024, 2100] {
            let dec31 = NaiveDate::from_ymd_opt(y, 12, 31).unwrap();
            assert_eq!(jdn_dec_31(i64::from(y)), jdn(dec31), "{y}");
        }
        assert_eq!(date_from_jdn(2_451_545), Some(d("2000-01-01")));
    }

    #[test]
    fn tet_matches_published_vietnamese_dates() {
        let published = [
            "2000-02-05",
            "2001-01-24",
            "2007-02-17",
            "2017-01-28",
            "2018-02-16",
            "2019-02-05",
            "2020-01-25",
            "2021-02-12",
            "2022-02-01",
            "2023-01-22",
            "2024-02-10",
            "2025-01-29",
            "2026-02-17",
            "2027-02-06",
            // Vietnam 02/02/2030 and 18/02/2053; China 03/02/2030 and 19/02/2053.
            "2030-02-02",
            "2053-02-18",
        ];
        for s in published {
            let date = d(s);
            assert_eq!(tet(date.year()), date, "Tết {}", date.year());
            assert_eq!(
                solar_to_lunar(date),
                LunarDate {
                    day: 1,
                    month: 1,
                    year: date.year(),
                    leap: false
                }
            );
        }
    }

    #[test]
    fn tet_2007_uses_vietnam_time_not_china_time() {
        // The new moon of 17/02/2007 was at 23:14 UTC+7, i.e. 00:14 on the 18th at UTC+8.
        assert_eq!(tet(2007), d("2007-02-17"));
        assert_eq!(last_day_of_lunar_year(2006), d("2007-02-16"));
        // Likewise 2030: new moon at 16:07 UT, 23:07 in Vietnam, 00:07 on the 3rd in China.
        assert_eq!(tet(2030), d("2030-02-02"));
        // The same method at UTC+8 gives the Chinese dates.
        assert_eq!(lunar_to_solar_at(1, 1, 2007, false, 8.0), Some(d("2007-02-18")));
        assert_eq!(lunar_to_solar_at(1, 1, 2030, false, 8.0), Some(d("2030-02-03")));
        assert_eq!(solar_to_lunar_at(d("2007-02-17"), 8.0).month, 12);
    }

    #[test]
    fn gio_to_hung_vuong_matches_published_dates() {
        for (year, s) in [(2024, "2024-04-18"), (2025, "2025-04-07"), (2026, "2026-04-26")] {
            assert_eq!(lunar_to_solar(10, 3, year, false), Some(d(s)));
        }
    }

    #[test]
    fn last_day_of_the_lunar_year() {
        // The 12th month of Quý Mão had 30 days; Tết 2025 and 2026 have no "30 Tết".
        assert_eq!(last_day_of_lunar_year(2023), d("2024-02-09"));
        assert_eq!(solar_to_lunar(d("2024-02-09")).day, 30);
        assert_eq!(last_day_of_lunar_year(2024), d("2025-01-28"));
        assert_eq!(solar_to_lunar(d("2025-01-28")).day, 29);
        assert_eq!(last_day_of_lunar_year(2025), d("2026-02-16"));
        assert_eq!(lunar_month_length(d("2026-02-16")), 29);
        assert_eq!(lunar_month_length(d("2024-02-09")), 30);
    }

    #[test]
    fn leap_months() {
        // Năm 2020 nhuận tháng 4, 2023 nhuận tháng 2, 2025 nhuận tháng 6.
        assert_eq!(lunar_to_solar(1, 4, 2020, true), Some(d("2020-05-23")));
        assert_eq!(lunar_to_solar(1, 2, 2023, true), Some(d("2023-03-22")));
        assert_eq!(lunar_to_solar(1, 6, 2025, true), Some(d("2025-07-25")));
        assert_eq!(
            solar_to_lunar(d("2023-03-22")),
            LunarDate {
                day: 1,
                month: 2,
                year: 2023,
                leap: true
            }
        );
        // 2024 has no leap month; 2023 has no leap 3rd month.
        assert_eq!(lunar_to_solar(1, 4, 2024, true), None);
        assert_eq!(lunar_to_solar(1, 3, 2023, true), None);
        // Giỗ Tổ 2023 came a month late because of the leap 2nd month.
        assert_eq!(lunar_to_solar(10, 3, 2023, false), Some(d("2023-04-29")));
    }

    #[test]
    fn impossible_lunar_dates() {
        assert_eq!(lunar_to_solar(0, 1, 2025, false), None);
        assert_eq!(lunar_to_solar(1, 13, 2025, false), None);
        // The 12th month of Giáp Thìn (2024) has 29 days.
        assert_eq!(lunar_to_solar(30, 12, 2024, false), None);
        assert_eq!(lunar_to_solar(29, 12, 2024, false), Some(d("2025-01-28")));
    }

    #[test]
    fn months_11_and_12_belong_to_the_lunar_year_before_tet() {
        // 01/01/2025 is 2/12 of Giáp Thìn (lunar year 2024).
        assert_eq!(
            solar_to_lunar(d("2025-01-01")),
            LunarDate {
                day: 2,
                month: 12,
                year: 2024,
                leap: false
            }
        );
        assert_eq!(lunar_to_solar(2, 12, 2024, false), Some(d("2025-01-01")));
        assert_eq!(format!("{}", solar_to_lunar(d("2020-05-23"))), "1/4 nhuận/2020");
    }

    #[test]
    fn round_trip_every_day_2000_to_2100() {
        let mut date = d("2000-01-01");
        let end = d("2100-12-31");
        let mut previous = solar_to_lunar(date.pred_opt().unwrap());
        while date <= end {
            let l = solar_to_lunar(date);
            assert!(
                (1..=30).contains(&l.day) && (1..=12).contains(&l.month),
                "{date}: {l:?}"
            );
            assert_eq!(
                lunar_to_solar(l.day, l.month, l.year, l.leap),
                Some(date),
                "{date} → {l:?}"
            );
            // Days advance by one within a month; a new month starts after day 29 or 30.
            if l.day == 1 {
                assert!(previous.day == 29 || previous.day == 30, "{date}");
            } else {
                assert_eq!(l.day, previous.day + 1, "{date}");
                assert_eq!(
                    (l.month, l.year, l.leap),
                    (previous.month, previous.year, previous.leap)
                );
            }
            previous = l;
            date = date.succ_opt().unwrap();
        }
    }

    #[test]
    fn every_year_2000_to_2100_has_twelve_or_thirteen_months() {
        for year in 2000..=2100 {
            let length = (tet(year + 1) - tet(year)).num_days();
            assert!(
                (353..=355).contains(&length) || (383..=385).contains(&length),
                "{year}: {length}"
            );
            let t = tet(year);
            assert!(
                t >= d(&format!("{year}-01-21")) && t <= d(&format!("{year}-02-20")),
                "{t}"
            );
        }
    }
}
