//! Results of heavy reads (the dashboard, statistics) kept until the next write. Every write
//! moves `audit_head.seq` (see `begin_write`), so a cached result is served only while the
//! sequence it was computed at is still the database's: one indexed read of a one-row table
//! instead of counting a province's open cases again. Being in the database, the sequence also
//! invalidates the caches of other server processes on the same PostgreSQL. Results that read no
//! petitions key on `seq_beyond_petitions` instead, which recording a petition leaves alone.

use crate::sql::col;
use crate::{Result, Store};
use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

/// At most this many results; when full, it starts over (results are cheap to recompute once).
const CAPACITY: usize = 512;

type Entry = (i64, Arc<dyn Any + Send + Sync>);

#[derive(Clone, Default)]
pub(crate) struct ReadCache {
    entries: Arc<Mutex<HashMap<String, Entry>>>,
}

impl std::fmt::Debug for ReadCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadCache").finish_non_exhaustive()
    }
}

impl ReadCache {
    fn get<T: Clone + 'static>(&self, key: &str, seq: i64) -> Option<T> {
        let entries = self.entries.lock().ok()?;
        let (at, value) = entries.get(key)?;
        (*at == seq).then(|| value.downcast_ref::<T>().cloned()).flatten()
    }

    fn put<T: Send + Sync + 'static>(&self, key: String, seq: i64, value: T) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= CAPACITY {
                entries.clear();
            }
            entries.insert(key, (seq, Arc::new(value)));
        }
    }
}

/// Which writes make a cached result stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StaleAfter {
    /// Any write.
    AnyWrite,
    /// A write that changes anything besides petitions (the result reads none).
    NonPetitionWrite,
}

impl StaleAfter {
    fn column(self) -> &'static str {
        match self {
            StaleAfter::AnyWrite => "seq",
            StaleAfter::NonPetitionWrite => "seq_beyond_petitions",
        }
    }
}

impl Store {
    /// The write sequence `stale` watches: it changes with every committed write of that kind.
    async fn write_sequence(&self, stale: StaleAfter) -> Result<i64> {
        let row = sqlx::query(&format!(
            "SELECT {} AS seq FROM audit_head WHERE id = 1",
            stale.column()
        ))
        .fetch_one(&self.pool)
        .await?;
        Ok(col(&row, "seq")?)
    }

    /// `compute`'s result for `key`, reused until the next write. The key must hold everything
    /// the result depends on (the caller's scope or identity, the unit, the day).
    pub(crate) async fn cached<T, F, Fut>(&self, key: String, compute: F) -> Result<T>
    where
        T: Clone + Send + Sync + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        self.cached_until(StaleAfter::AnyWrite, key, compute).await
    }

    /// `compute`'s result for `key`, reused until a write of the kind `stale` names.
    pub(crate) async fn cached_until<T, F, Fut>(&self, stale: StaleAfter, key: String, compute: F) -> Result<T>
    where
        T: Clone + Send + Sync + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        let key = format!("{}|{key}", stale.column());
        let seq = self.write_sequence(stale).await?;
        if let Some(hit) = self.read_cache.get::<T>(&key, seq) {
            return Ok(hit);
        }
        let value = compute().await?;
        // Stored under the sequence read before computing: a write that landed meanwhile has a
        // newer sequence, so the next read recomputes.
        self.read_cache.put(key, seq, value.clone());
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_is_served_only_at_its_own_sequence_and_type() {
        let cache = ReadCache::default();
        cache.put("k".into(), 7, 42i64);
        assert_eq!(cache.get::<i64>("k", 7), Some(42));
        assert_eq!(cache.get::<i64>("k", 8), None, "a write happened since");
        assert_eq!(cache.get::<String>("k", 7), None, "another type under the same key");
        assert_eq!(cache.get::<i64>("other", 7), None);
    }

    #[test]
    fn a_full_cache_starts_over() {
        let cache = ReadCache::default();
        for i in 0..CAPACITY {
            cache.put(format!("k{i}"), 1, i);
        }
        cache.put("last".into(), 1, 0usize);
        assert_eq!(cache.get::<usize>("k0", 1), None);
        assert_eq!(cache.get::<usize>("last", 1), Some(0));
    }
}
