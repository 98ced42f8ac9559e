//! The query-string filters the record lists share: a unit subtree, a date range, search words,
//! the order and the keyset page, read once into the store's `RecordQuery`.

use crate::error::ApiError;
use danvan_domain::unit::parse_date;
use danvan_store::{ListOrder, RecordQuery};
use serde::Deserialize;
use utoipa::IntoParams;

pub(crate) fn opt_date(s: &Option<String>) -> Result<Option<chrono::NaiveDate>, ApiError> {
    Ok(s.as_deref().filter(|s| !s.is_empty()).map(parse_date).transpose()?)
}

pub(crate) fn nonempty(s: &Option<String>) -> Option<String> {
    s.clone().filter(|s| !s.trim().is_empty())
}

/// Optional unit subtree, date range, search words and order.
#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct Filters {
    /// `scheme/code`: this unit and those below it
    pub unit: Option<String>,
    /// From this day (dd/mm/yyyy or yyyy-mm-dd)
    pub from: Option<String>,
    /// To this day
    pub to: Option<String>,
    /// Search words of the record's texts, with or without diacritics (lists with a search box)
    pub q: Option<String>,
    /// `newest` (default) or `oldest`, by the list's date (paged lists)
    pub sort: Option<String>,
    /// `CK_01` … `CK_14` (disclosures only)
    pub item: Option<String>,
    /// GPMB project id (disclosures only)
    pub gpmb_project_id: Option<i64>,
}

impl Filters {
    pub(crate) fn sort(&self) -> Result<ListOrder, ApiError> {
        Ok(ListOrder::parse(self.sort.as_deref().unwrap_or(""))?)
    }

    /// The store's filters of a paged record list.
    pub(crate) fn record_query(&self, paging: &Paging) -> Result<RecordQuery, ApiError> {
        Ok(RecordQuery {
            unit: nonempty(&self.unit),
            from: opt_date(&self.from)?,
            to: opt_date(&self.to)?,
            q: nonempty(&self.q),
            sort: self.sort()?,
            after: nonempty(&paging.after),
            limit: paging.limit,
        })
    }

    /// The store's filters of the disclosure list (`item` and `gpmb_project_id` apply).
    pub(crate) fn disclosure_query(&self, paging: &Paging) -> Result<danvan_store::DisclosureQuery, ApiError> {
        Ok(danvan_store::DisclosureQuery {
            unit: nonempty(&self.unit),
            item: nonempty(&self.item),
            from: opt_date(&self.from)?,
            to: opt_date(&self.to)?,
            gpmb_project_id: self.gpmb_project_id,
            q: nonempty(&self.q),
            sort: self.sort()?,
            after: nonempty(&paging.after),
            limit: paging.limit,
        })
    }

    /// The store's filters of the GPMB project list (`unit`, `q`; by name).
    pub(crate) fn project_query(&self, paging: &Paging) -> danvan_store::ProjectQuery {
        danvan_store::ProjectQuery {
            unit: nonempty(&self.unit),
            q: nonempty(&self.q),
            after: nonempty(&paging.after),
            limit: paging.limit,
        }
    }
}

/// A keyset page: `after` is the previous page's `next` (made with the same `sort`); `limit`
/// rows (50 unless given, at most 500; disclosures 200 and 5.000).
#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    pub after: Option<String>,
    pub limit: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use danvan_domain::ErrorCode;

    #[test]
    fn blank_filters_are_no_filters_and_a_bad_order_is_refused() {
        let f = Filters {
            unit: Some(" ".into()),
            q: Some("".into()),
            from: Some("01/07/2025".into()),
            ..Default::default()
        };
        let q = f.record_query(&Paging::default()).unwrap();
        assert_eq!((q.unit, q.q, q.sort), (None, None, ListOrder::Newest));
        assert_eq!(q.from, chrono::NaiveDate::from_ymd_opt(2025, 7, 1));
        let bad = Filters {
            sort: Some("due".into()),
            ..Default::default()
        };
        assert_eq!(
            bad.record_query(&Paging::default()).unwrap_err().code,
            ErrorCode::Validation
        );
    }
}
