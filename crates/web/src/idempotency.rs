//! No double submission: every creating form carries a random key (and API clients may send an
//! `Idempotency-Key` header); a repeat of a request that already ran gets the first result.

use crate::error::ApiError;
use crate::AppState;
use danvan_domain::ErrorCode;
use danvan_store::Claim;
use std::future::Future;

/// The header API clients send.
pub const HEADER: &str = "idempotency-key";

/// Whether the result came from this call or from an earlier one with the same key.
#[derive(Debug, PartialEq, Eq)]
pub enum Ran {
    Now(String),
    Before(String),
}

/// Runs `work` (which returns what it produced, e.g. a petition code) unless a request with
/// this key already ran for this user. Without a key or a user it simply runs.
pub async fn run_once<Fut>(state: &AppState, user_id: Option<i64>, key: &str, work: Fut) -> Result<Ran, ApiError>
where
    Fut: Future<Output = Result<String, ApiError>>,
{
    let key = key.trim();
    let Some(user) = user_id.filter(|_| !key.is_empty()) else {
        return work.await.map(Ran::Now);
    };
    if key.len() > 200 {
        return Err(ApiError::new(ErrorCode::Validation, "khóa chống gửi trùng quá dài"));
    }
    match state.store.claim_request(user, key).await? {
        Claim::Done(result) => Ok(Ran::Before(result)),
        Claim::Pending => Err(ApiError::new(ErrorCode::RequestInProgress, "")),
        Claim::New => match work.await {
            Ok(result) => {
                state.store.finish_request(user, key, &result).await?;
                Ok(Ran::Now(result))
            }
            Err(e) => {
                state.store.release_request(user, key).await?;
                Err(e)
            }
        },
    }
}

impl Ran {
    pub fn result(&self) -> &str {
        match self {
            Ran::Now(r) | Ran::Before(r) => r,
        }
    }
}
