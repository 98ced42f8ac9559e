//! Administrative units (đơn vị hành chính), versioned by scheme.
//!
//! A unit is identified by (scheme, code): codes are reused across the legacy (until
//! 30/6/2025) and the 2025 structures with different meanings. Every unit carries a
//! materialized `path` (`/scheme/province/…/code/`) so that "this unit and everything under
//! it" is one prefix test, the same in SQLite and PostgreSQL.

use crate::{DomainError, ErrorCode};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The structure in force until 30/6/2025: provinces → districts → communes.
pub const SCHEME_LEGACY: &str = "legacy";
/// The two-level structure in force from 1/7/2025: provinces → communes.
pub const SCHEME_2025: &str = "2025";

/// First day of the 2025 two-level government.
pub fn reform_2025_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).expect("valid date")
}

/// Last day of the legacy three-level structure.
pub fn legacy_end() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).expect("valid date")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// tỉnh, thành phố trực thuộc trung ương
    Province,
    /// huyện, quận, thị xã, thành phố thuộc tỉnh (legacy only)
    District,
    /// xã, phường, thị trấn, đặc khu
    Commune,
    /// thôn, tổ dân phố, khu dân cư
    Village,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Province, Level::District, Level::Commune, Level::Village];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::District => "district",
            Level::Commune => "commune",
            Level::Village => "village",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Level::Province => "Cấp tỉnh",
            Level::District => "Cấp huyện",
            Level::Commune => "Cấp xã",
            Level::Village => "Thôn, tổ dân phố",
        }
    }

    pub fn parse(s: &str) -> Result<Level, DomainError> {
        Level::ALL.into_iter().find(|l| l.as_str() == s).ok_or_else(|| {
            DomainError::validation(format!(
                "cấp đơn vị không hợp lệ '{s}' (province|district|commune|village)"
            ))
        })
    }

    /// Which level may sit directly under this one.
    pub fn allows_child(self, child: Level) -> bool {
        matches!(
            (self, child),
            (Level::Province, Level::District)
                | (Level::Province, Level::Commune)
                | (Level::District, Level::Commune)
                | (Level::Commune, Level::Village)
        )
    }
}

/// One administrative unit as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Unit {
    #[serde(skip)]
    pub id: i64,
    pub scheme: String,
    pub code: String,
    pub name: String,
    /// Official kind: "Tỉnh", "Thành phố", "Quận", "Phường", "Xã", "Thôn", …
    pub kind: String,
    pub level: Level,
    #[serde(skip)]
    pub parent_id: Option<i64>,
    pub parent_code: Option<String>,
    pub path: String,
    #[schema(value_type = Option<String>, format = Date)]
    pub valid_from: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub valid_to: Option<NaiveDate>,
}

impl Unit {
    pub fn is_valid_at(&self, date: NaiveDate) -> bool {
        is_valid_at(self.valid_from, self.valid_to, date)
    }

    /// "Phường Ba Đình (2025/00004)"
    pub fn label(&self) -> String {
        format!("{} ({}/{})", self.name, self.scheme, self.code)
    }
}

/// Whether [from, to] (either end open when None) contains `date`.
pub fn is_valid_at(from: Option<NaiveDate>, to: Option<NaiveDate>, date: NaiveDate) -> bool {
    from.is_none_or(|f| f <= date) && to.is_none_or(|t| date <= t)
}

/// A unit to be created: the rules below check it before the store writes anything.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct NewUnit {
    pub scheme: String,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub level: Level,
    /// Code of the parent in the same scheme; none only for a province.
    pub parent_code: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub valid_from: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub valid_to: Option<NaiveDate>,
}

/// Codes become path segments and SQL LIKE prefixes, so only safe characters are allowed.
pub fn validate_code(code: &str) -> Result<(), DomainError> {
    let ok =
        !code.is_empty() && code.len() <= 24 && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    if ok {
        Ok(())
    } else {
        Err(DomainError::validation(format!(
            "mã '{code}' chỉ gồm chữ, số, '-' hoặc '.', tối đa 24 ký tự"
        )))
    }
}

pub fn validate_scheme(scheme: &str) -> Result<(), DomainError> {
    let ok = !scheme.is_empty()
        && scheme.len() <= 16
        && scheme
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(DomainError::validation(format!(
            "hệ thống đơn vị '{scheme}' chỉ gồm chữ thường, số hoặc '-'"
        )))
    }
}

/// Checks a new unit against its (already looked-up) parent.
pub fn validate_new_unit(new: &NewUnit, parent: Option<&Unit>) -> Result<(), DomainError> {
    validate_scheme(&new.scheme)?;
    validate_code(&new.code)?;
    if crate::text::normalize(&new.name).is_empty() {
        return Err(DomainError::validation("tên đơn vị không được để trống"));
    }
    if let (Some(from), Some(to)) = (new.valid_from, new.valid_to) {
        if from > to {
            return Err(DomainError::new(
                ErrorCode::InvalidDate,
                "ngày bắt đầu hiệu lực sau ngày hết hiệu lực",
            ));
        }
    }
    match (new.level, parent) {
        (Level::Province, None) => Ok(()),
        (Level::Province, Some(_)) => Err(DomainError::validation("cấp tỉnh không có đơn vị cha")),
        (_, None) => Err(DomainError::validation("đơn vị này cần mã đơn vị cha")),
        (level, Some(p)) => {
            if p.scheme != new.scheme {
                return Err(DomainError::validation("đơn vị cha phải cùng hệ thống đơn vị"));
            }
            if !p.level.allows_child(level) {
                return Err(DomainError::validation(format!(
                    "không thể đặt {} dưới {}",
                    level.label_vi().to_lowercase(),
                    p.level.label_vi().to_lowercase()
                )));
            }
            Ok(())
        }
    }
}

/// The materialized path of a unit: its parent's path plus its own code.
pub fn unit_path(parent_path: Option<&str>, scheme: &str, code: &str) -> String {
    match parent_path {
        Some(p) => format!("{p}{code}/"),
        None => format!("/{scheme}/{code}/"),
    }
}

/// Accepts ISO `YYYY-MM-DD` and the Vietnamese `dd/mm/yyyy`.
pub fn parse_date(s: &str) -> Result<NaiveDate, DomainError> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .map_err(|_| DomainError::new(ErrorCode::InvalidDate, format!("'{s}'")))
}

/// The bundled scheme in force on a date.
pub fn bundled_scheme_at(date: NaiveDate) -> &'static str {
    if date < reform_2025_start() {
        SCHEME_LEGACY
    } else {
        SCHEME_2025
    }
}

/// How an old unit went into a new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SuccessionKind {
    /// The whole old unit went into the new one.
    Whole,
    /// Part of the old unit went into the new one (the old unit was divided).
    Divided,
}

impl SuccessionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SuccessionKind::Whole => "whole",
            SuccessionKind::Divided => "divided",
        }
    }
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        match s {
            "whole" => Ok(SuccessionKind::Whole),
            "divided" | "part" => Ok(SuccessionKind::Divided),
            _ => Err(DomainError::validation(format!(
                "loại kế thừa không hợp lệ '{s}' (whole|divided)"
            ))),
        }
    }
}

/// One edge of the old→new succession, with both ends resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Succession {
    pub predecessor: Unit,
    pub successor: Unit,
    pub kind: SuccessionKind,
    /// For a divided unit: the new unit most of it went to.
    pub is_default: bool,
    #[schema(value_type = Option<String>, format = Date)]
    pub effective: Option<NaiveDate>,
}

/// A derived succession between parents (e.g. provinces), from the successions of their children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParentSuccession {
    pub old_parent: String,
    pub new_parent: String,
    pub kind: SuccessionKind,
    pub is_default: bool,
}

/// Provinces are not listed in the official old→new table, only communes. An old province
/// whose communes all went into one new province went there whole; one whose communes were
/// spread was divided, and its default successor is the one that took the most communes.
/// `child_edges` has one `(old_parent, new_parent)` pair per child succession edge.
pub fn derive_parent_successions<I>(child_edges: I) -> Vec<ParentSuccession>
where
    I: IntoIterator<Item = (String, String)>,
{
    use std::collections::BTreeMap;
    let mut counts: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for (old, new) in child_edges {
        *counts.entry(old).or_default().entry(new).or_default() += 1;
    }
    let mut out = Vec::new();
    for (old, news) in counts {
        let kind = if news.len() == 1 {
            SuccessionKind::Whole
        } else {
            SuccessionKind::Divided
        };
        // Most children wins; ties go to the lowest code so the result is deterministic.
        let default = news
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(k, _)| k.clone());
        for new in news.keys() {
            out.push(ParentSuccession {
                old_parent: old.clone(),
                new_parent: new.clone(),
                kind,
                is_default: kind == SuccessionKind::Divided && default.as_deref() == Some(new.as_str()),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    fn unit(level: Level, scheme: &str) -> Unit {
        Unit {
            id: 1,
            scheme: scheme.into(),
            code: "00004".into(),
            name: "Phường Ba Đình".into(),
            kind: "Phường".into(),
            level,
            parent_id: None,
            parent_code: None,
            path: "/2025/01/00004/".into(),
            valid_from: Some(d("2025-07-01")),
            valid_to: None,
        }
    }

    #[test]
    fn dates_parse_in_both_styles_and_refuse_nonsense() {
        assert_eq!(d("2024-06-30"), d("30/06/2024"));
        let e = parse_date("31/02/2024").unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidDate);
        assert!(parse_date("hôm qua").is_err());
    }

    #[test]
    fn validity_includes_both_ends() {
        let u = unit(Level::Commune, SCHEME_2025);
        assert!(!u.is_valid_at(d("2025-06-30")));
        assert!(u.is_valid_at(d("2025-07-01")));
        assert!(is_valid_at(None, Some(legacy_end()), d("2025-06-30")));
        assert!(!is_valid_at(None, Some(legacy_end()), d("2025-07-01")));
    }

    #[test]
    fn bundled_scheme_switches_on_first_july_2025() {
        assert_eq!(bundled_scheme_at(d("2025-06-30")), SCHEME_LEGACY);
        assert_eq!(bundled_scheme_at(d("2025-07-01")), SCHEME_2025);
    }

    #[test]
    fn paths_nest() {
        let p = unit_path(None, "legacy", "01");
        let d1 = unit_path(Some(&p), "legacy", "001");
        assert_eq!(d1, "/legacy/01/001/");
        assert!(unit_path(Some(&d1), "legacy", "00004").starts_with(&d1));
    }

    #[test]
    fn codes_with_like_wildcards_are_refused() {
        assert!(validate_code("00004").is_ok());
        assert!(validate_code("T01-a").is_ok());
        assert!(validate_code("a_b").is_err());
        assert!(validate_code("a%").is_err());
        assert!(validate_code("a/b").is_err());
        assert!(validate_code("").is_err());
    }

    #[test]
    fn a_village_goes_under_a_commune_only() {
        let commune = unit(Level::Commune, SCHEME_2025);
        let mut v = NewUnit {
            scheme: SCHEME_2025.into(),
            code: "00004-T01".into(),
            name: "Tổ dân phố số 1".into(),
            kind: "Tổ dân phố".into(),
            level: Level::Village,
            parent_code: Some("00004".into()),
            valid_from: None,
            valid_to: None,
        };
        assert!(validate_new_unit(&v, Some(&commune)).is_ok());
        let province = unit(Level::Province, SCHEME_2025);
        assert!(validate_new_unit(&v, Some(&province)).is_err());
        assert!(validate_new_unit(&v, None).is_err());
        v.scheme = SCHEME_LEGACY.into();
        assert!(
            validate_new_unit(&v, Some(&commune)).is_err(),
            "scheme must match parent"
        );
    }

    #[test]
    fn validity_window_must_be_ordered() {
        let v = NewUnit {
            scheme: "pre2019".into(),
            code: "09999".into(),
            name: "Xã Cũ".into(),
            kind: "Xã".into(),
            level: Level::Province,
            parent_code: None,
            valid_from: Some(d("2019-01-01")),
            valid_to: Some(d("2018-01-01")),
        };
        assert_eq!(validate_new_unit(&v, None).unwrap_err().code, ErrorCode::InvalidDate);
    }

    #[test]
    fn parents_inherit_whole_or_divided_from_their_children() {
        let edges = vec![
            ("15".to_string(), "15".to_string()),
            ("10".to_string(), "15".to_string()),
            ("10".to_string(), "15".to_string()),
            ("20".to_string(), "A".to_string()),
            ("20".to_string(), "B".to_string()),
            ("20".to_string(), "B".to_string()),
        ];
        let out = derive_parent_successions(edges);
        let find = |o: &str, n: &str| {
            out.iter()
                .find(|p| p.old_parent == o && p.new_parent == n)
                .unwrap()
                .clone()
        };
        assert_eq!(find("10", "15").kind, SuccessionKind::Whole);
        assert!(!find("10", "15").is_default);
        assert_eq!(find("20", "A").kind, SuccessionKind::Divided);
        assert!(find("20", "B").is_default);
        assert!(!find("20", "A").is_default);
        assert_eq!(out.len(), 4);
    }
}
