//! Reading one cell's value: kinds, channels, topics, yes/no marks and dates written the way
//! officers write them.

use crate::sheet::{excel_serial_date, Cell};
use chrono::{Datelike, NaiveDate};
use danvan_domain::petition::{Channel, PetitionKind, Topics};
use danvan_domain::text::fold;
use danvan_domain::unit::parse_date;

/// Other ways a kind is written, folded, besides its code and its label.
fn kind_aliases(kind: PetitionKind) -> &'static [&'static str] {
    match kind {
        PetitionKind::Complaint => &["don khieu nai"],
        PetitionKind::Denunciation => &["don to cao"],
        PetitionKind::Feedback => &["kien nghi", "phan anh", "phan anh kien nghi", "kien nghi va phan anh"],
        PetitionKind::Other => &["khac", "don khac"],
    }
}

/// Other ways a channel is written, folded, besides its code and its label.
fn channel_aliases(channel: Channel) -> &'static [&'static str] {
    match channel {
        Channel::InPerson => &["truc tiep", "tiep cong dan", "nop truc tiep"],
        Channel::Mail => &["buu chinh", "buu dien", "qua buu dien"],
        Channel::Online => &["qua mang", "email", "thu dien tu"],
        Channel::Hotline => &["duong day nong"],
        Channel::Forwarded => &["chuyen den", "co quan khac chuyen", "do co quan khac chuyen den"],
        Channel::Meeting => &["hoi nghi", "tiep xuc", "tiep xuc cu tri", "neu tai hoi nghi"],
    }
}

fn matches(value: &str, code: &str, label: &str, aliases: &[&str]) -> bool {
    let v = fold(value);
    !v.is_empty() && (v == fold(code) || v == fold(label) || aliases.contains(&v.as_str()))
}

pub(crate) fn parse_kind(value: &str) -> Option<PetitionKind> {
    PetitionKind::ALL
        .iter()
        .copied()
        .find(|k| matches(value, k.as_str(), k.label_vi(), kind_aliases(*k)))
}

pub(crate) fn parse_channel(value: &str) -> Option<Channel> {
    Channel::ALL
        .iter()
        .copied()
        .find(|c| matches(value, c.as_str(), c.label_vi(), channel_aliases(*c)))
}

/// An open topic of the taxonomy by its code or its label: returns the code.
pub(crate) fn parse_topic(value: &str, topics: &Topics) -> Option<String> {
    topics.find(value).map(|t| t.code.clone())
}

pub(crate) fn kind_choices() -> String {
    PetitionKind::ALL
        .iter()
        .map(|k| k.label_vi())
        .collect::<Vec<_>>()
        .join("; ")
}

pub(crate) fn channel_choices() -> String {
    Channel::ALL.iter().map(|c| c.label_vi()).collect::<Vec<_>>().join("; ")
}

pub(crate) fn topic_choices(topics: &Topics) -> String {
    topics.choices()
}

/// A yes/no mark: `x`, `có`, `yes`, `1`, ✓ are yes; blank, `không`, `no`, `0`, `-` are no.
pub(crate) fn parse_flag(cell: &Cell) -> Result<bool, String> {
    match cell {
        Cell::Empty => Ok(false),
        Cell::Bool(b) => Ok(*b),
        Cell::Number(n) if *n == 1.0 => Ok(true),
        Cell::Number(n) if *n == 0.0 => Ok(false),
        // Marks fold to nothing (so "-" or "✗" read as no): look at ticks before folding.
        Cell::Text(s) if matches!(s.trim(), "✓" | "✔" | "☑") => Ok(true),
        Cell::Text(s) => match fold(s).as_str() {
            "" | "khong" | "k" | "no" | "n" | "false" | "sai" | "0" => Ok(false),
            "x" | "co" | "c" | "yes" | "y" | "true" | "dung" | "1" => Ok(true),
            _ => Err(format!("'{}' không phải dấu đánh (dùng x hoặc để trống)", s.trim())),
        },
        other => Err(format!(
            "'{}' không phải dấu đánh (dùng x hoặc để trống)",
            cell_text(other)
        )),
    }
}

/// No register holds a petition received before this year: an earlier date is a typing slip
/// (`15/01/206`, `15/01/1026`).
const EARLIEST_YEAR: i32 = 1945;

/// A date cell: an Excel date, a serial day number, or text in `dd/mm/yyyy`, `yyyy-mm-dd`
/// (also with `-` or `.` between day, month and year, and with a time after it).
pub(crate) fn parse_date_cell(cell: &Cell) -> Result<NaiveDate, String> {
    let date = match cell {
        Cell::Date(d) => Some(*d),
        Cell::Number(n) => excel_serial_date(*n),
        Cell::Text(s) => parse_date_text(s),
        _ => None,
    };
    date.filter(|d| d.year() >= EARLIEST_YEAR)
        .ok_or_else(|| format!("'{}'", cell_text(cell).trim()))
}

fn parse_date_text(s: &str) -> Option<NaiveDate> {
    let first = s.split_whitespace().next()?;
    let first = first.split('T').next().unwrap_or(first);
    if let Ok(d) = parse_date(first) {
        return Some(d);
    }
    let slashed = first.replace(['-', '.'], "/");
    NaiveDate::parse_from_str(&slashed, "%d/%m/%Y").ok()
}

/// A cell as text: numbers without a trailing `.0`, dates as `dd/mm/yyyy`.
pub(crate) fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.clone(),
        Cell::Number(n) => number_text(*n),
        Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
        Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Cell::Error(e) => e.clone(),
    }
}

pub(crate) fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_in_any_spelling() {
        for s in ["Khiếu nại", "khieu nai", "KHIẾU NẠI", "complaint"] {
            assert_eq!(parse_kind(s), Some(PetitionKind::Complaint), "{s}");
        }
        assert_eq!(parse_kind("Tố cáo"), Some(PetitionKind::Denunciation));
        assert_eq!(parse_kind("Kiến nghị, phản ánh"), Some(PetitionKind::Feedback));
        assert_eq!(parse_kind("Kiến nghị - phản ánh"), Some(PetitionKind::Feedback));
        assert_eq!(parse_kind("phản ánh"), Some(PetitionKind::Feedback));
        assert_eq!(parse_kind("Loại khác"), Some(PetitionKind::Other));
        assert_eq!(parse_kind("Thư"), None);
        assert_eq!(parse_kind(""), None);
    }

    #[test]
    fn channels_in_any_spelling() {
        let cases = [
            ("Trực tiếp", Channel::InPerson),
            ("Bưu chính", Channel::Mail),
            ("qua buu chinh", Channel::Mail),
            ("Trực tuyến", Channel::Online),
            ("Đường dây nóng", Channel::Hotline),
            ("Cơ quan khác chuyển đến", Channel::Forwarded),
            ("Hội nghị", Channel::Meeting),
            ("Nêu tại hội nghị, tiếp xúc", Channel::Meeting),
            ("in_person", Channel::InPerson),
            ("hotline", Channel::Hotline),
        ];
        for (s, c) in cases {
            assert_eq!(parse_channel(s), Some(c), "{s}");
        }
        assert_eq!(parse_channel("Fax"), None);
    }

    #[test]
    fn topics_by_code_or_label() {
        assert_eq!(parse_topic("land", &Topics::default()).as_deref(), Some("land"));
        assert_eq!(parse_topic("Đất đai", &Topics::default()).as_deref(), Some("land"));
        assert_eq!(parse_topic("dat dai", &Topics::default()).as_deref(), Some("land"));
        assert_eq!(
            parse_topic("social_policy", &Topics::default()).as_deref(),
            Some("social_policy")
        );
        assert_eq!(
            parse_topic("Bồi thường, hỗ trợ, tái định cư", &Topics::default()).as_deref(),
            Some("compensation")
        );
        assert_eq!(parse_topic("Giao thông", &Topics::default()).as_deref(), None);
    }

    #[test]
    fn flags() {
        for yes in ["x", "X", "có", "Co", "yes", "1", "✓"] {
            assert_eq!(parse_flag(&Cell::Text(yes.into())), Ok(true), "{yes}");
        }
        for no in ["không", "no", "0", "-"] {
            assert_eq!(parse_flag(&Cell::Text(no.into())), Ok(false), "{no}");
        }
        assert_eq!(parse_flag(&Cell::Empty), Ok(false));
        assert_eq!(parse_flag(&Cell::Bool(true)), Ok(true));
        assert_eq!(parse_flag(&Cell::Number(1.0)), Ok(true));
        assert!(parse_flag(&Cell::Text("có lẽ".into())).is_err());
    }

    #[test]
    fn dates_as_officers_write_them() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        for s in [
            "05/01/2026",
            "5/1/2026",
            "2026-01-05",
            "05-01-2026",
            "05.01.2026",
            "2026-01-05 00:00:00",
        ] {
            assert_eq!(parse_date_cell(&Cell::Text(s.into())), Ok(d), "{s}");
        }
        assert_eq!(parse_date_cell(&Cell::Date(d)), Ok(d));
        assert_eq!(parse_date_cell(&Cell::Number(46027.0)), Ok(d));
        assert!(parse_date_cell(&Cell::Text("31/02/2026".into())).is_err());
        assert!(parse_date_cell(&Cell::Text("15/01/206".into())).is_err());
        assert!(parse_date_cell(&Cell::Number(2026.0)).is_err());
        assert!(parse_date_cell(&Cell::Text("hôm qua".into())).is_err());
        assert!(parse_date_cell(&Cell::Bool(true)).is_err());
    }

    #[test]
    fn numbers_as_text() {
        assert_eq!(number_text(1088012345.0), "1088012345");
        assert_eq!(number_text(1.5), "1.5");
    }
}
