//! Small row helpers shared by the grassroots-democracy, GPMB and situation stores.

use crate::sql::col;
use crate::units::opt_date;
use crate::{Result, StoreError};
use chrono::NaiveDate;
use danvan_domain::text::normalize;
use danvan_domain::DomainError;
use sqlx::any::AnyRow;

pub(crate) fn parse<T>(row: &AnyRow, name: &str, f: fn(&str) -> std::result::Result<T, DomainError>) -> Result<T> {
    let s: String = col(row, name)?;
    f(&s).map_err(|e| StoreError::Corrupt(format!("{name}: {e}")))
}

pub(crate) fn date(row: &AnyRow, name: &str) -> Result<NaiveDate> {
    opt_date(col(row, name)?)?.ok_or_else(|| StoreError::Corrupt(name.into()))
}

pub(crate) fn clean(v: &Option<String>) -> Option<String> {
    v.as_deref().map(normalize).filter(|s| !s.is_empty())
}

/// Codes stored comma-separated: `posting,loudspeaker`.
pub(crate) fn codes_text<T: Copy>(values: &[T], code: fn(T) -> &'static str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for v in values {
        let c = code(*v);
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out.join(",")
}

pub(crate) fn parse_codes<T>(text: &str, f: fn(&str) -> std::result::Result<T, DomainError>) -> Result<Vec<T>> {
    text.split(',')
        .filter(|s| !s.is_empty())
        .map(|s| f(s).map_err(|e| StoreError::Corrupt(e.to_string())))
        .collect()
}
