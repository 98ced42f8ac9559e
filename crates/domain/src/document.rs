//! The formal parts of an official document (Nghị định 30/2020/NĐ-CP for state bodies,
//! Hướng dẫn 36-HD/VPTW for Party bodies): the place-and-date line and the issuing body's name.

use chrono::{Datelike, NaiveDate};

/// Unit kinds that open a unit's official name and are left out of the place name.
const KINDS: [&str; 9] = [
    "Thành phố",
    "Tỉnh",
    "Quận",
    "Huyện",
    "Thị xã",
    "Phường",
    "Xã",
    "Thị trấn",
    "Đặc khu",
];

/// The place a document is dated at: the unit's name without its kind ("Phường Ba Đình" →
/// "Ba Đình"); a name that is only a kind and a number keeps its kind ("Phường 1").
pub fn place_name(unit_name: &str) -> String {
    for kind in KINDS {
        if let Some(rest) = unit_name.strip_prefix(kind) {
            let rest = rest.trim();
            if !rest.is_empty() && !rest.chars().all(|c| c.is_ascii_digit()) {
                return rest.to_string();
            }
        }
    }
    unit_name.trim().to_string()
}

/// "Ba Đình, ngày 05 tháng 02 năm 2026": a day below 10 and the months 1 and 2 get a leading
/// zero, the other months none ("ngày 21 tháng 6 năm 2024").
pub fn date_line(place: &str, date: NaiveDate) -> String {
    let month = if date.month() <= 2 {
        format!("{:02}", date.month())
    } else {
        date.month().to_string()
    };
    format!("{place}, ngày {:02} tháng {month} năm {}", date.day(), date.year())
}

/// The issuing People's Committee of a unit, as the header prints it: "ỦY BAN NHÂN DÂN" over
/// the unit's name in capitals.
pub fn people_committee_header(unit_name: &str) -> (String, String) {
    ("ỦY BAN NHÂN DÂN".to_string(), unit_name.to_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_date_line_follows_the_decree() {
        assert_eq!(
            date_line("Ba Đình", d(2026, 2, 5)),
            "Ba Đình, ngày 05 tháng 02 năm 2026"
        );
        assert_eq!(date_line("Hà Nội", d(2024, 6, 21)), "Hà Nội, ngày 21 tháng 6 năm 2024");
        assert_eq!(date_line("Hà Nội", d(2026, 12, 1)), "Hà Nội, ngày 01 tháng 12 năm 2026");
    }

    #[test]
    fn places_drop_the_unit_kind() {
        assert_eq!(place_name("Phường Ba Đình"), "Ba Đình");
        assert_eq!(place_name("Thành phố Hà Nội"), "Hà Nội");
        assert_eq!(place_name("Xã Thanh Oai"), "Thanh Oai");
        assert_eq!(place_name("Phường 1"), "Phường 1");
        assert_eq!(place_name("Đặc khu Phú Quốc"), "Phú Quốc");
    }

    #[test]
    fn the_header_is_in_capitals_with_vietnamese_letters() {
        assert_eq!(
            people_committee_header("Phường Ba Đình"),
            ("ỦY BAN NHÂN DÂN".to_string(), "PHƯỜNG BA ĐÌNH".to_string())
        );
    }
}
