//! Users (người dùng) and the rules on what makes a valid one.

use crate::role::Role;
use crate::DomainError;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct User {
    #[serde(skip)]
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    #[serde(skip)]
    pub unit_id: i64,
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    pub organisation_id: Option<i64>,
    /// "vi" or "en"
    pub language: String,
    pub disabled: bool,
}

/// Failed logins in a row before the account is locked for a while.
pub const MAX_FAILED_LOGINS: i64 = 5;
/// How long a lock-out lasts.
pub const LOCKOUT_MINUTES: i64 = 15;

pub fn validate_username(u: &str) -> Result<(), DomainError> {
    let ok = (3..=64).contains(&u.len())
        && u.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    if ok {
        Ok(())
    } else {
        Err(DomainError::validation(format!(
            "tên đăng nhập '{u}' phải dài 3–64 ký tự, gồm chữ thường không dấu, số, '.', '_' hoặc '-'"
        )))
    }
}

pub fn validate_password(p: &str) -> Result<(), DomainError> {
    if p.chars().count() >= 8 {
        Ok(())
    } else {
        Err(DomainError::validation("mật khẩu phải có ít nhất 8 ký tự"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_plain_ascii() {
        assert!(validate_username("canbo.badinh").is_ok());
        assert!(validate_username("Cán bộ").is_err());
        assert!(validate_username("ab").is_err());
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(validate_password("1234567").is_err());
        assert!(validate_password("mật-khẩu-dài").is_ok());
    }
}
