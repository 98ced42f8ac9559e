//! Idempotency keys (see migration 0007): claim a key before doing the work, record what the
//! work produced, release the key if it failed so the user can try again.

use crate::sql::{col, Sql};
use crate::write::now_rfc3339;
use crate::{Result, Store};

/// Keys older than this are forgotten (a replay a day later is a new request).
const KEEP_HOURS: i64 = 24;

/// What claiming a key found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// First time: do the work, then `finish_request` (or `release_request` on failure).
    New,
    /// Done before; this is what it produced.
    Done(String),
    /// The first request with this key is still running.
    Pending,
}

impl Store {
    pub async fn claim_request(&self, user_id: i64, key: &str) -> Result<Claim> {
        let cutoff = (chrono::Utc::now() - chrono::Duration::hours(KEEP_HOURS))
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let mut forget = Sql::new("DELETE FROM idempotency_keys WHERE user_id = ");
        forget
            .bind(user_id)
            .push(" AND key = ")
            .bind(key)
            .push(" AND created_at < ")
            .bind(cutoff);
        forget.query().execute(&self.pool).await?;
        let mut q = Sql::new("INSERT INTO idempotency_keys (user_id, key, result, created_at) VALUES ");
        q.bind_row(vec![user_id.into(), key.into(), "".into(), now_rfc3339().into()]);
        q.push(" ON CONFLICT (user_id, key) DO NOTHING RETURNING key");
        if q.query().fetch_optional(&self.pool).await?.is_some() {
            return Ok(Claim::New);
        }
        let mut q = Sql::new("SELECT result FROM idempotency_keys WHERE user_id = ");
        q.bind(user_id).push(" AND key = ").bind(key);
        let result: String = match q.query().fetch_optional(&self.pool).await? {
            Some(row) => col(&row, "result")?,
            None => return Ok(Claim::Pending),
        };
        Ok(if result.is_empty() {
            Claim::Pending
        } else {
            Claim::Done(result)
        })
    }

    pub async fn finish_request(&self, user_id: i64, key: &str, result: &str) -> Result<()> {
        let mut q = Sql::new("UPDATE idempotency_keys SET result = ");
        q.bind(result)
            .push(" WHERE user_id = ")
            .bind(user_id)
            .push(" AND key = ")
            .bind(key);
        q.query().execute(&self.pool).await?;
        Ok(())
    }

    pub async fn release_request(&self, user_id: i64, key: &str) -> Result<()> {
        let mut q = Sql::new("DELETE FROM idempotency_keys WHERE user_id = ");
        q.bind(user_id).push(" AND key = ").bind(key).push(" AND result = ''");
        q.query().execute(&self.pool).await?;
        Ok(())
    }
}
