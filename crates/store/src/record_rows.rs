//! Small readers shared by the record stores (meetings, directives, "Dân vận khéo", movements,
//! receptions, grassroots democracy): coded values and dates out of a row, cleaned optional
//! text, date ranges, and the dated lists' common filters, order and keyset pages (`date.id`
//! cursors).

use crate::search_texts::push_search;
use crate::sql::{col, starts_with, Sql};
use crate::units::{date_text, opt_date};
use crate::{Result, Store, StoreError};
use chrono::NaiveDate;
use danvan_domain::text::normalize;
use danvan_domain::{DomainError, ErrorCode};
use serde::Serialize;
use sqlx::any::AnyRow;

/// Which way a dated list runs, by its date column (the newest first unless asked). Each way has
/// its own keyset cursor, so paging stays fast either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ListOrder {
    #[default]
    Newest,
    Oldest,
}

impl ListOrder {
    /// `newest` | `oldest`; blank is the default.
    pub fn parse(s: &str) -> std::result::Result<ListOrder, DomainError> {
        match s.trim() {
            "" | "newest" => Ok(ListOrder::Newest),
            "oldest" => Ok(ListOrder::Oldest),
            other => Err(DomainError::validation(format!(
                "cách sắp xếp “{other}” (newest|oldest)"
            ))),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ListOrder::Newest => "newest",
            ListOrder::Oldest => "oldest",
        }
    }
}

/// The filters every dated record list takes: the unit's subtree, a date range, the folded
/// search words, the order and the keyset page.
#[derive(Debug, Clone, Default)]
pub struct RecordQuery {
    pub unit: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Words of the record's texts, with or without diacritics
    pub q: Option<String>,
    pub sort: ListOrder,
    /// The previous page's `next` (made with the same `sort`)
    pub after: Option<String>,
    pub limit: Option<i64>,
}

/// One keyset page of a record list; `next` is the cursor of the page after it.
#[derive(Debug, Clone, Serialize)]
pub struct RecordPage<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
}

/// A dated list's keyset: its date and id columns, e.g. `r.held_on` and `r.id`.
pub(crate) struct Keyset {
    pub date: &'static str,
    pub id: &'static str,
}

impl Keyset {
    /// The rows after `after` in `order`, then `ORDER BY` and `LIMIT limit + 1` (the extra row
    /// tells whether there is a next page; `page` trims it).
    pub(crate) fn push_page(&self, q: &mut Sql, order: ListOrder, after: Option<&str>, limit: i64) -> Result<()> {
        let (cmp, dir) = match order {
            ListOrder::Newest => ("<", "DESC"),
            ListOrder::Oldest => (">", "ASC"),
        };
        if let Some(cursor) = after.filter(|s| !s.is_empty()) {
            let (d, id) = parse_cursor(cursor)?;
            let (date, id_col) = (self.date, self.id);
            q.push(&format!(" AND ({date} {cmp} "))
                .bind(d.clone())
                .push(&format!(" OR ({date} = "))
                .bind(d)
                .push(&format!(" AND {id_col} {cmp} "))
                .bind(id)
                .push("))");
        }
        q.push(&format!(" ORDER BY {} {dir}, {} {dir} LIMIT ", self.date, self.id))
            .bind(limit + 1);
        Ok(())
    }
}

impl Store {
    /// ` AND …` for a record list's unit subtree, date range (on `date_col`) and search words
    /// (on `search_col`, the table's folded `search_text`, when it has one).
    pub(crate) async fn push_record_filters(
        &self,
        q: &mut Sql,
        query: &RecordQuery,
        date_col: &str,
        search_col: Option<&str>,
    ) -> Result<()> {
        self.push_unit_filter(q, query).await?;
        push_range(q, date_col, query.from, query.to);
        if let Some(column) = search_col {
            push_search(q, column, query.q.as_deref());
        }
        Ok(())
    }

    /// ` AND u.path LIKE …` for `query.unit`'s subtree (the unit as it stood at `query.to`).
    pub(crate) async fn push_unit_filter(&self, q: &mut Sql, query: &RecordQuery) -> Result<()> {
        if let Some(unit) = query.unit.as_deref().filter(|s| !s.is_empty()) {
            let unit = self.resolve_unit(unit, query.to).await?;
            q.push(" AND u.path LIKE ").bind(starts_with(&unit.path));
        }
        Ok(())
    }
}

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
    fn each_order_pages_its_own_way() {
        let keyset = Keyset {
            date: "r.held_on",
            id: "r.id",
        };
        let mut q = Sql::new("SELECT 1 WHERE 1 = 1");
        keyset
            .push_page(&mut q, ListOrder::Oldest, Some("2024-05-01.17"), 50)
            .unwrap();
        assert!(
            q.text().contains("(r.held_on > $1 OR (r.held_on = $2 AND r.id > $3))"),
            "{}",
            q.text()
        );
        assert!(
            q.text().ends_with("ORDER BY r.held_on ASC, r.id ASC LIMIT $4"),
            "{}",
            q.text()
        );
        let mut q = Sql::new("SELECT 1 WHERE 1 = 1");
        keyset.push_page(&mut q, ListOrder::Newest, None, 50).unwrap();
        assert!(
            q.text()
                .ends_with("WHERE 1 = 1 ORDER BY r.held_on DESC, r.id DESC LIMIT $1"),
            "{}",
            q.text()
        );
        let mut q = Sql::new("SELECT 1");
        let bad = keyset
            .push_page(&mut q, ListOrder::Newest, Some("hôm qua"), 50)
            .unwrap_err();
        assert_eq!(bad.code(), ErrorCode::Validation);
        assert_eq!(ListOrder::parse("oldest").unwrap(), ListOrder::Oldest);
        assert_eq!(ListOrder::parse("").unwrap(), ListOrder::Newest);
        assert!(ListOrder::parse("due").is_err());
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
