//! Small readers shared by the meeting, directive, "Dân vận khéo" and movement stores: coded values and
//! dates out of a row, cleaned optional text, keyset cursors `date.id`, and date ranges.

use crate::sql::{col, Sql};
use crate::units::{date_text, opt_date};
use crate::{Result, StoreError};
use chrono::NaiveDate;
use danvan_domain::text::normalize;
use danvan_domain::{DomainError, ErrorCode};
use sqlx::any::AnyRow;

pub(crate) fn coded<T>(row: &AnyRow, name: &str, f: fn(&str) -> std::result::Result<T, DomainError>) -> Result<T> {
    let s: String = col(row, name)?;
    f(&s).map_err(|e| StoreError::Corrupt(format!("{name}: {e}")))
}

pub(crate) fn opt_coded<T>(
    row: &AnyRow,
    name: &str,
    f: fn(&str) -> std::result::Result<T, DomainError>,
) -> Result<Option<T>> {
    let s: Option<String> = col(row, name)?;
    s.map(|s| f(&s).map_err(|e| StoreError::Corrupt(format!("{name}: {e}"))))
        .transpose()
}

pub(crate) fn date(row: &AnyRow, name: &str) -> Result<NaiveDate> {
    opt_date(col(row, name)?)?.ok_or_else(|| StoreError::Corrupt(name.into()))
}

pub(crate) fn maybe_date(row: &AnyRow, name: &str) -> Result<Option<NaiveDate>> {
    opt_date(col(row, name)?)
}

pub(crate) fn clean(v: &Option<String>) -> Option<String> {
    v.as_deref().map(normalize).filter(|s| !s.is_empty())
}

pub(crate) fn day(d: NaiveDate) -> String {
    date_text(Some(d)).unwrap_or_default()
}

/// `2024-05-01.17` → (`2024-05-01`, 17). `2024-05-01|17`, the form the supervision and
/// contribution lists gave before they shared these readers, is still read.
pub(crate) fn parse_cursor(s: &str) -> Result<(String, i64)> {
    let bad = || StoreError::domain(ErrorCode::Validation, "con trỏ trang không hợp lệ");
    let (d, id) = s.split_once(['.', '|']).ok_or_else(bad)?;
    let date = danvan_domain::unit::parse_date(d).map_err(|_| bad())?;
    Ok((day(date), id.parse().map_err(|_| bad())?))
}

/// ` AND (col < d OR (col = d AND id < n))` for a newest-first keyset page.
pub(crate) fn push_before(q: &mut Sql, date_col: &str, id_col: &str, cursor: &str) -> Result<()> {
    let (d, id) = parse_cursor(cursor)?;
    q.push(&format!(" AND ({date_col} < "))
        .bind(d.clone())
        .push(&format!(" OR ({date_col} = "))
        .bind(d)
        .push(&format!(" AND {id_col} < "))
        .bind(id)
        .push("))");
    Ok(())
}

pub(crate) fn push_range(q: &mut Sql, column: &str, from: Option<NaiveDate>, to: Option<NaiveDate>) {
    if let Some(f) = from {
        q.push(&format!(" AND {column} >= ")).bind(day(f));
    }
    if let Some(t) = to {
        q.push(&format!(" AND {column} <= ")).bind(day(t));
    }
}

/// Trims a page fetched with `limit + 1` rows and gives the next cursor.
pub(crate) fn page<T>(mut items: Vec<T>, limit: i64, key: impl Fn(&T) -> (NaiveDate, i64)) -> (Vec<T>, Option<String>) {
    if items.len() as i64 > limit {
        items.truncate(limit as usize);
        let next = items.last().map(|t| {
            let (d, id) = key(t);
            format!("{}.{id}", day(d))
        });
        (items, next)
    } else {
        (items, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_are_read_in_both_forms_and_refused_otherwise() {
        let want = ("2024-05-01".to_string(), 17);
        assert_eq!(parse_cursor("2024-05-01.17").unwrap(), want);
        assert_eq!(parse_cursor("2024-05-01|17").unwrap(), want);
        for bad in ["", "2024-05-01", "2024-13-01.17", "2024-05-01.x", "17"] {
            assert_eq!(parse_cursor(bad).unwrap_err().code(), ErrorCode::Validation, "{bad}");
        }
    }

    #[test]
    fn a_page_names_the_cursor_of_its_last_row() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let rows = vec![(d("2024-05-03"), 9), (d("2024-05-02"), 8), (d("2024-05-01"), 7)];
        assert_eq!(
            page(rows.clone(), 2, |r| *r),
            (rows[..2].to_vec(), Some("2024-05-02.8".into()))
        );
        assert_eq!(page(rows.clone(), 3, |r| *r), (rows, None));
    }
}
