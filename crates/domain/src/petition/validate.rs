//! What a citizen gives us, checked: CCCD numbers, phone numbers, dates.

use crate::{DomainError, ErrorCode};
use chrono::NaiveDate;

/// A citizen identity card (CCCD) number: exactly 12 digits. Spaces are tolerated and removed.
pub fn validate_cccd(raw: &str) -> Result<String, DomainError> {
    let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 12 && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err(DomainError::new(ErrorCode::InvalidCccd, format!("'{raw}'")))
    }
}

/// A Vietnamese phone number: 10 digits starting with 0. Spaces, dots and dashes are removed;
/// a leading +84 becomes 0.
pub fn validate_phone(raw: &str) -> Result<String, DomainError> {
    let mut digits: String = raw.chars().filter(|c| !matches!(c, ' ' | '.' | '-')).collect();
    if let Some(rest) = digits.strip_prefix("+84") {
        digits = format!("0{rest}");
    }
    if digits.len() == 10 && digits.starts_with('0') && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err(DomainError::new(ErrorCode::InvalidPhone, format!("'{raw}'")))
    }
}

/// A received date may be today or earlier, never later.
pub fn validate_received_date(received: NaiveDate, today: NaiveDate) -> Result<(), DomainError> {
    if received > today {
        Err(DomainError::new(
            ErrorCode::FutureDate,
            received.format("%d/%m/%Y").to_string(),
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cccd_is_twelve_digits() {
        assert_eq!(validate_cccd("001 088 012345").unwrap(), "001088012345");
        assert_eq!(validate_cccd("00108801234").unwrap_err().code, ErrorCode::InvalidCccd);
        assert!(validate_cccd("00108801234a").is_err());
        assert!(validate_cccd("").is_err());
    }

    #[test]
    fn phones_are_ten_digits_from_zero() {
        assert_eq!(validate_phone("0912.345.678").unwrap(), "0912345678");
        assert_eq!(validate_phone("+84 912 345 678").unwrap(), "0912345678");
        assert_eq!(validate_phone("912345678").unwrap_err().code, ErrorCode::InvalidPhone);
        assert!(validate_phone("09123456789").is_err());
    }

    #[test]
    fn received_dates_cannot_be_in_the_future() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert!(validate_received_date(today, today).is_ok());
        let e = validate_received_date(today.succ_opt().unwrap(), today).unwrap_err();
        assert_eq!(e.code, ErrorCode::FutureDate);
    }
}
