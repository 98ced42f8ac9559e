//! Walking every keyset page of a list, for exports and whole-period statistics.

use crate::record_rows::{RecordPage, RecordQuery};
use crate::{Result, StoreError};
use danvan_domain::ErrorCode;
use std::future::Future;

/// Fetches page after page (`fetch(cursor)` → items and the next cursor) until the last one;
/// refuses with `too_many_rows` beyond `max` rather than cut the list silently.
pub(crate) async fn all_pages<T, F, Fut>(max: usize, what: &str, mut fetch: F) -> Result<Vec<T>>
where
    F: FnMut(Option<String>) -> Fut,
    Fut: Future<Output = Result<(Vec<T>, Option<String>)>>,
{
    let mut all = Vec::new();
    let mut cursor = None;
    loop {
        let (items, next) = fetch(cursor).await?;
        all.extend(items);
        if all.len() > max {
            return Err(StoreError::domain(
                ErrorCode::TooManyRows,
                format!("hơn {} {what}", danvan_domain::figures::format_count(max as i64)),
            ));
        }
        match next {
            Some(n) => cursor = Some(n),
            None => return Ok(all),
        }
    }
}

/// Every row a record list's `query` picks, page after page of 500 (`list` fetches one page).
pub(crate) async fn every_record_page<T, F, Fut>(max: usize, what: &str, query: &RecordQuery, list: F) -> Result<Vec<T>>
where
    F: Fn(RecordQuery) -> Fut,
    Fut: Future<Output = Result<RecordPage<T>>>,
{
    all_pages(max, what, |after| {
        let page = list(RecordQuery {
            limit: Some(500),
            after,
            ..query.clone()
        });
        async move {
            let page = page.await?;
            Ok((page.items, page.next))
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn numbers(cursor: Option<String>) -> Result<(Vec<u32>, Option<String>)> {
        let start: u32 = cursor.map(|c| c.parse().unwrap()).unwrap_or(0);
        let page: Vec<u32> = (start..(start + 3).min(7)).collect();
        let next = (start + 3 < 7).then(|| (start + 3).to_string());
        Ok((page, next))
    }

    #[tokio::test]
    async fn every_page_is_taken_and_too_many_are_refused() {
        assert_eq!(all_pages(100, "số", numbers).await.unwrap(), (0..7).collect::<Vec<_>>());
        let refused = all_pages(5, "số", numbers).await.unwrap_err();
        assert_eq!(refused.code(), ErrorCode::TooManyRows);
    }
}
