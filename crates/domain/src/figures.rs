//! Numbers the way Vietnamese reports write them: `2.588`, `2.808.657,0`, and rates
//! `2.453/2.484, đạt 98,7%` computed from exact integers. A rate is cut down (not rounded) to
//! one decimal by default, so an achievement is never overstated; half-up is a per-report choice.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `2588` → `2.588`; `-1234567` → `-1.234.567`.
pub fn format_count(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A fixed-point amount with `scale` decimals (e.g. tenths of a million đồng, 1 decimal):
/// `format_decimal(28086570, 1)` → `2.808.657,0`.
pub fn format_decimal(value: i64, scale: u32) -> String {
    let factor = 10i64.pow(scale);
    let whole = value / factor;
    let frac = (value % factor).unsigned_abs();
    let sign = if value < 0 && whole == 0 { "-" } else { "" };
    if scale == 0 {
        return format_count(whole);
    }
    format!("{sign}{},{:0width$}", format_count(whole), frac, width = scale as usize)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Cut down to one decimal: 98,75…% → 98,7% (what the reports do).
    #[default]
    Truncate,
    /// Round half up: 98,75% → 98,8%.
    HalfUp,
}

/// `numerator / denominator`, kept as exact integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Rate {
    pub numerator: i64,
    pub denominator: i64,
}

impl Rate {
    pub fn new(numerator: i64, denominator: i64) -> Rate {
        Rate { numerator, denominator }
    }

    /// The percentage in tenths of a percent (987 means 98,7%), or None when the denominator is 0.
    pub fn per_mille(&self, rounding: Rounding) -> Option<i64> {
        if self.denominator == 0 {
            return None;
        }
        let scaled = self.numerator as i128 * 1000;
        let den = self.denominator as i128;
        let v = match rounding {
            Rounding::Truncate => scaled.div_euclid(den),
            Rounding::HalfUp => (2 * scaled + den).div_euclid(2 * den),
        };
        Some(v as i64)
    }

    /// `98,7%`, or `–` when there is nothing to divide by.
    pub fn percent_text(&self, rounding: Rounding) -> String {
        match self.per_mille(rounding) {
            Some(pm) => format!("{}%", format_decimal(pm, 1)),
            None => "–".into(),
        }
    }

    /// `2.453/2.484, đạt 98,7%`
    pub fn text(&self, rounding: Rounding) -> String {
        format!(
            "{}/{}, đạt {}",
            format_count(self.numerator),
            format_count(self.denominator),
            self.percent_text(rounding)
        )
    }
}

/// A number typed the Vietnamese way, as fixed point with `scale` decimals: `1.234,5` → 12345 at
/// scale 1; `1.015` → 1015 at scale 0. Dots group thousands (in threes), a comma starts the
/// decimals; spaces are ignored. Blank is `None`. More decimals than `scale`, a misplaced dot or
/// any other character is an error with a Vietnamese message.
pub fn parse_vn_number(text: &str, scale: u32) -> Result<Option<i64>, crate::DomainError> {
    let cleaned: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let bad = || {
        let example = if scale == 0 { "1.234" } else { "1.234,5" };
        crate::DomainError::validation(format!("“{}” không phải là số (ví dụ: {example})", text.trim()))
    };
    let (negative, body) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.as_str()),
    };
    let (whole, frac) = match body.split_once(',') {
        Some((w, f)) => (w, f),
        None => (body, ""),
    };
    let groups: Vec<&str> = whole.split('.').collect();
    let grouped_right = groups.len() == 1
        || (!groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !grouped_right || !groups.iter().all(|g| digits(g)) || (!frac.is_empty() && !digits(frac)) {
        return Err(bad());
    }
    if frac.len() > scale as usize {
        let what = if scale == 0 {
            "số nguyên".to_string()
        } else {
            format!("tối đa {scale} chữ số thập phân")
        };
        return Err(crate::DomainError::validation(format!("“{}”: cần {what}", text.trim())));
    }
    let mut value: i64 = groups.concat().parse().map_err(|_| bad())?;
    for i in 0..scale as usize {
        let d = frac.as_bytes().get(i).map(|b| i64::from(b - b'0')).unwrap_or(0);
        value = value.checked_mul(10).and_then(|v| v.checked_add(d)).ok_or_else(bad)?;
    }
    Ok(Some(if negative { -value } else { value }))
}

/// A count typed by hand (`1.015`): blank is `None`; negative numbers are refused.
pub fn parse_vn_count(text: &str) -> Result<Option<i64>, crate::DomainError> {
    match parse_vn_number(text, 0)? {
        Some(n) if n < 0 => Err(crate::DomainError::validation(format!(
            "“{}”: không được âm",
            text.trim()
        ))),
        other => Ok(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_group_thousands_with_dots() {
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(905), "905");
        assert_eq!(format_count(2588), "2.588");
        assert_eq!(format_count(1_000_000), "1.000.000");
        assert_eq!(format_count(-1234), "-1.234");
    }

    #[test]
    fn decimals_use_a_comma() {
        assert_eq!(format_decimal(28_086_570, 1), "2.808.657,0");
        assert_eq!(format_decimal(1_077_320, 1), "107.732,0");
        assert_eq!(format_decimal(1_795_929, 1), "179.592,9");
        assert_eq!(format_decimal(-5, 1), "-0,5");
    }

    #[test]
    fn rates_are_cut_down_like_the_seed_reports() {
        assert_eq!(Rate::new(2453, 2484).text(Rounding::Truncate), "2.453/2.484, đạt 98,7%");
        assert_eq!(Rate::new(24, 172).percent_text(Rounding::Truncate), "13,9%");
        assert_eq!(Rate::new(1015, 1015).percent_text(Rounding::Truncate), "100,0%");
    }

    #[test]
    fn half_up_is_available_per_report() {
        assert_eq!(Rate::new(2453, 2484).percent_text(Rounding::HalfUp), "98,8%");
        assert_eq!(Rate::new(24, 172).percent_text(Rounding::HalfUp), "14,0%");
        assert_eq!(Rate::new(1, 8).percent_text(Rounding::HalfUp), "12,5%");
    }

    #[test]
    fn an_empty_denominator_is_not_a_percentage() {
        assert_eq!(Rate::new(0, 0).percent_text(Rounding::Truncate), "–");
    }

    #[test]
    fn truncation_never_overstates() {
        for den in 1..300 {
            for num in 0..=den {
                let pm = Rate::new(num, den).per_mille(Rounding::Truncate).unwrap();
                assert!(pm * den <= num * 1000, "{num}/{den}");
                assert!((pm + 1) * den > num * 1000, "{num}/{den}");
            }
        }
    }

    #[test]
    fn numbers_are_read_the_vietnamese_way() {
        assert_eq!(parse_vn_number("1.234,5", 1).unwrap(), Some(12345));
        assert_eq!(parse_vn_number("2.808.657,0", 1).unwrap(), Some(28086570));
        assert_eq!(parse_vn_number(" 1 015 ", 0).unwrap(), Some(1015));
        assert_eq!(parse_vn_number("1.015", 0).unwrap(), Some(1015));
        assert_eq!(parse_vn_number("7", 1).unwrap(), Some(70));
        assert_eq!(parse_vn_number("", 0).unwrap(), None);
        assert_eq!(parse_vn_number("-12,5", 1).unwrap(), Some(-125));
        for bad in ["1,5", "12.34", "1..234", "abc", "1.234,5x", ",5"] {
            assert!(parse_vn_number(bad, 0).is_err(), "{bad}");
        }
        assert!(parse_vn_number("1,25", 1)
            .unwrap_err()
            .to_string()
            .contains("tối đa 1 chữ số thập phân"));
        assert!(parse_vn_count("-3").is_err());
        assert_eq!(parse_vn_count("9.685").unwrap(), Some(9685));
    }
}
