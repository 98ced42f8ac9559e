//! Money as the reports use it: always whole đồng in an `i64`, never a float. Amounts arrive
//! typed the Vietnamese way (`1.693.395.000.000`, `107.732,0 triệu`, `1,9 tỷ`) or as JSON
//! numbers; anything that leaves a fraction of a đồng is refused with `fractional_money`.
//! Reports write sums in millions (`2.808.657,0 triệu đồng`) or billions (`trên 1,9 tỷ đồng`).

use crate::figures::{format_count, format_decimal};
use crate::{DomainError, ErrorCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub const MILLION: i64 = 1_000_000;
pub const BILLION: i64 = 1_000_000_000;

/// An amount as a caller sends it: a whole number of đồng, or text such as `1.500.000`,
/// `107.732,0 triệu`, `1,9 tỷ`. Read it with [`Amount::to_dong`].
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(untagged)]
pub enum Amount {
    Whole(i64),
    /// A JSON number with a decimal point; accepted only when it is a whole number of đồng
    Decimal(f64),
    Text(String),
}

impl Default for Amount {
    fn default() -> Self {
        Amount::Whole(0)
    }
}

impl From<i64> for Amount {
    fn from(v: i64) -> Self {
        Amount::Whole(v)
    }
}

impl Amount {
    /// A quantity with one decimal (land in m²: `179.592,9`), in tenths.
    pub fn to_tenths(&self) -> Result<i64, DomainError> {
        let text = match self {
            Amount::Whole(v) => return v.checked_mul(10).ok_or_else(|| DomainError::validation("số quá lớn")),
            Amount::Decimal(f) => {
                let t = (f * 10.0).round();
                if (t - f * 10.0).abs() > 1e-6 || !t.is_finite() {
                    return Err(DomainError::validation(format!(
                        "{f}: chỉ ghi tối đa một chữ số thập phân"
                    )));
                }
                return Ok(t as i64);
            }
            Amount::Text(s) => s,
        };
        let t = crate::text::normalize(text).to_lowercase();
        let t = t.trim_end_matches("m2").trim_end_matches("m²").trim();
        match parse_dong(&format!("{t} triệu")) {
            Ok(v) if v % (MILLION / 10) == 0 => Ok(v / (MILLION / 10)),
            Ok(_) => Err(DomainError::validation(format!(
                "{text}: chỉ ghi tối đa một chữ số thập phân"
            ))),
            Err(_) => Err(DomainError::validation(format!("'{text}' không phải là số"))),
        }
    }

    /// Whole đồng, or `fractional_money` / `validation`.
    pub fn to_dong(&self) -> Result<i64, DomainError> {
        match self {
            Amount::Whole(v) => Ok(*v),
            Amount::Decimal(f) => {
                if !f.is_finite() || f.abs() > 9.0e15 {
                    return Err(DomainError::validation("số tiền quá lớn"));
                }
                if f.fract() != 0.0 {
                    return Err(DomainError::new(ErrorCode::FractionalMoney, format!("{f}")));
                }
                Ok(*f as i64)
            }
            Amount::Text(s) => parse_dong(s),
        }
    }
}

/// Reads `1.693.395.000.000`, `1693395000000`, `107.732,0 triệu`, `2,3 tỷ`, `500.000 đồng`:
/// dots group thousands, a comma starts the decimals, and a trailing `triệu` / `tỷ` multiplies.
pub fn parse_dong(text: &str) -> Result<i64, DomainError> {
    let t = crate::text::normalize(text).to_lowercase();
    let bad = || DomainError::validation(format!("'{}' không phải là số tiền", text.trim()));
    let mut t = t.as_str().trim();
    for suffix in ["đồng", "vnđ", "vnd", "đ"] {
        if let Some(rest) = t.strip_suffix(suffix) {
            t = rest.trim_end();
            break;
        }
    }
    let (number, factor) = if let Some(rest) = t.strip_suffix("triệu") {
        (rest.trim_end(), MILLION)
    } else if let Some(rest) = t.strip_suffix("tỷ").or_else(|| t.strip_suffix("tỉ")) {
        (rest.trim_end(), BILLION)
    } else {
        (t, 1)
    };
    let (negative, number) = match number.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, number),
    };
    let (whole, frac) = match number.split_once(',') {
        Some((w, f)) => (w, f),
        None => (number, ""),
    };
    let groups: Vec<&str> = whole.split('.').collect();
    let grouped_ok = groups.len() == 1
        || (!groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    let whole_digits: String = groups.concat();
    if whole_digits.is_empty()
        || !grouped_ok
        || !whole_digits.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return Err(bad());
    }
    let too_big = || DomainError::validation(format!("số tiền '{}' quá lớn", text.trim()));
    let whole: i128 = whole_digits.parse().map_err(|_| too_big())?;
    let mut value = whole.checked_mul(factor as i128).ok_or_else(too_big)?;
    // The decimals: each must land on a whole đồng once multiplied.
    let frac = frac.trim_end_matches('0');
    if !frac.is_empty() {
        let scale = 10i128
            .checked_pow(frac.len() as u32)
            .ok_or_else(|| DomainError::new(ErrorCode::FractionalMoney, text.trim().to_string()))?;
        let digits: i128 = frac.parse().map_err(|_| bad())?;
        let scaled = digits * factor as i128;
        if scaled % scale != 0 {
            return Err(DomainError::new(ErrorCode::FractionalMoney, text.trim().to_string()));
        }
        value += scaled / scale;
    }
    let value = if negative { -value } else { value };
    i64::try_from(value).map_err(|_| too_big())
}

/// `2_808_657_000_000` → `2.808.657,0` (millions of đồng, one decimal, cut down).
pub fn million_text(dong: i64) -> String {
    format_decimal(dong / (MILLION / 10), 1)
}

/// `1_900_000_000` → `1,9 tỷ đồng`; `1_954_000_000` → `trên 1,9 tỷ đồng` (the reports' "trên"
/// says the figure was cut down); below a billion, `350 triệu đồng` / `250.000 đồng`.
pub fn rounded_text(dong: i64) -> String {
    let (unit, word) = if dong.abs() >= BILLION {
        (BILLION, "tỷ")
    } else if dong.abs() >= MILLION {
        (MILLION, "triệu")
    } else {
        return format!("{} đồng", format_count(dong));
    };
    let tenths = dong / (unit / 10);
    let exact = dong % (unit / 10) == 0;
    let number = if tenths % 10 == 0 {
        format_count(tenths / 10)
    } else {
        format_decimal(tenths, 1)
    };
    if exact {
        format!("{number} {word} đồng")
    } else {
        format!("trên {number} {word} đồng")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_amounts_read_as_whole_dong() {
        assert_eq!(parse_dong("1.693.395.000.000").unwrap(), 1_693_395_000_000);
        assert_eq!(parse_dong("1693395000000").unwrap(), 1_693_395_000_000);
        assert_eq!(parse_dong("107.732,0 triệu").unwrap(), 107_732_000_000);
        assert_eq!(parse_dong("107.732,0 triệu đồng").unwrap(), 107_732_000_000);
        assert_eq!(parse_dong("2,3 tỷ").unwrap(), 2_300_000_000);
        assert_eq!(parse_dong("500.000 đ").unwrap(), 500_000);
        assert_eq!(parse_dong("0,000001 triệu").unwrap(), 1);
    }

    #[test]
    fn fractions_of_a_dong_are_refused() {
        assert_eq!(parse_dong("1.000,5").unwrap_err().code, ErrorCode::FractionalMoney);
        assert_eq!(
            parse_dong("0,0000005 triệu").unwrap_err().code,
            ErrorCode::FractionalMoney
        );
        assert_eq!(
            Amount::Decimal(1000.5).to_dong().unwrap_err().code,
            ErrorCode::FractionalMoney
        );
        assert_eq!(Amount::Decimal(1000.0).to_dong().unwrap(), 1000);
        assert_eq!(parse_dong("12.34").unwrap_err().code, ErrorCode::Validation);
        assert_eq!(parse_dong("mười nghìn").unwrap_err().code, ErrorCode::Validation);
    }

    #[test]
    fn sums_are_written_in_millions_and_billions() {
        assert_eq!(million_text(2_808_657_000_000), "2.808.657,0");
        assert_eq!(million_text(107_732_000_000), "107.732,0");
        assert_eq!(rounded_text(1_954_000_000), "trên 1,9 tỷ đồng");
        assert_eq!(rounded_text(3_700_000_000), "3,7 tỷ đồng");
        assert_eq!(rounded_text(2_000_000_000), "2 tỷ đồng");
        assert_eq!(rounded_text(350_000_000), "350 triệu đồng");
        assert_eq!(rounded_text(250_000), "250.000 đồng");
    }

    #[test]
    fn land_is_kept_in_tenths_of_a_square_metre() {
        assert_eq!(Amount::Text("179.592,9".into()).to_tenths().unwrap(), 1_795_929);
        assert_eq!(Amount::Text("120 m2".into()).to_tenths().unwrap(), 1200);
        assert_eq!(Amount::Decimal(12.5).to_tenths().unwrap(), 125);
        assert!(Amount::Text("1,25".into()).to_tenths().is_err());
    }

    #[test]
    fn amounts_deserialize_from_numbers_and_text() {
        let a: Amount = serde_json::from_str("1500000").unwrap();
        assert_eq!(a.to_dong().unwrap(), 1_500_000);
        let a: Amount = serde_json::from_str("\"1,9 tỷ\"").unwrap();
        assert_eq!(a.to_dong().unwrap(), 1_900_000_000);
        let a: Amount = serde_json::from_str("0.5").unwrap();
        assert_eq!(a.to_dong().unwrap_err().code, ErrorCode::FractionalMoney);
    }
}
