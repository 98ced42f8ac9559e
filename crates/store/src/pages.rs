//! Walking every keyset page of a list, for exports and whole-period statistics.

use crate::record_rows::RecordPage;
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

/// The rows an export reads per page.
const EXPORT_PAGE: i64 = 500;

/// A list's filters, asked for the page of `EXPORT_PAGE` rows after a cursor, so an export can
/// walk the same filter the list shows.
pub(crate) trait PagedQuery: Clone {
    fn page_after(&self, after: Option<String>) -> Self;
}

/// One page of a list: its rows and the cursor of the next.
pub(crate) trait ListPage {
    type Item;
    fn into_parts(self) -> (Vec<Self::Item>, Option<String>);
}

/// Every query type with `after` and `limit` pages the same way.
macro_rules! paged_queries {
    ($($query:ty),+ $(,)?) => {$(
        impl PagedQuery for $query {
            fn page_after(&self, after: Option<String>) -> Self {
                Self { after, limit: Some(EXPORT_PAGE), ..self.clone() }
            }
        }
    )+};
}

paged_queries!(
    crate::RecordQuery,
    crate::PetitionQuery,
    crate::MeetingQuery,
    crate::DirectiveQuery,
    crate::DvkQuery,
    crate::DisclosureQuery,
    crate::TaskQuery,
    crate::ProjectQuery,
    crate::FollowUpQuery,
);

/// Every page type is its rows and `next`.
macro_rules! list_pages {
    ($($page:ty => $item:ty),+ $(,)?) => {$(
        impl ListPage for $page {
            type Item = $item;
            fn into_parts(self) -> (Vec<$item>, Option<String>) {
                (self.items, self.next)
            }
        }
    )+};
}

list_pages!(
    danvan_domain::petition::PetitionPage => danvan_domain::petition::PetitionSummary,
    danvan_domain::meeting::MeetingPage => danvan_domain::meeting::Meeting,
    danvan_domain::directive::DirectivePage => danvan_domain::directive::Directive,
    danvan_domain::dvk::DvkPage => danvan_domain::dvk::DvkModel,
    danvan_domain::democracy::DisclosurePage => danvan_domain::democracy::Disclosure,
);

impl<T> ListPage for RecordPage<T> {
    type Item = T;
    fn into_parts(self) -> (Vec<T>, Option<String>) {
        (self.items, self.next)
    }
}

/// Every row a list's `query` picks, page after page (`list` fetches one page), refused with
/// `too_many_rows` beyond `max`.
pub(crate) async fn every_page<Q, P, F, Fut>(max: usize, what: &str, query: &Q, list: F) -> Result<Vec<P::Item>>
where
    Q: PagedQuery,
    P: ListPage,
    F: Fn(Q) -> Fut,
    Fut: Future<Output = Result<P>>,
{
    all_pages(max, what, |after| {
        let page = list(query.page_after(after));
        async move { Ok(page.await?.into_parts()) }
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
