//! Write transactions. Each one takes the audit chain's head first — which serializes writers
//! in both backends — and appends one hash-chained audit entry per change before committing.

use crate::sql::{col, Sql};
use crate::{Result, Store};
use danvan_domain::audit::AuditEntry;
use danvan_domain::scope::Actor;
use serde::Serialize;
use sqlx::{Any, Transaction};

pub(crate) struct WriteTx {
    pub tx: Transaction<'static, Any>,
    seq: i64,
    last_hash: String,
    at: String,
    /// Held until the transaction ends (declared after `tx`, so it is released after the
    /// rollback or commit).
    _turn: tokio::sync::OwnedMutexGuard<()>,
}

pub(crate) fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl Store {
    /// Forgets cached scopes after units or successions change.
    pub(crate) fn units_changed(&self) {
        if let Ok(mut c) = self.scope_cache.write() {
            c.clear();
        }
    }

    pub(crate) async fn begin_write(&self) -> Result<WriteTx> {
        // Writers of this process queue here, in arrival order, instead of meeting at the
        // database lock: SQLite's busy handler makes a blocked writer sleep for up to 100 ms
        // at a time, which under load costs more than the writes themselves. The audit_head
        // lock below still serializes writers from other processes.
        let turn = self.write_turn.clone().lock_owned().await;
        self.begin_write_holding(turn).await
    }

    /// Begins a write transaction for a caller that already holds the writer's turn.
    pub(crate) async fn begin_write_holding(&self, turn: tokio::sync::OwnedMutexGuard<()>) -> Result<WriteTx> {
        let mut tx = self.pool.begin().await?;
        // Writing first takes the lock before anything is read (SQLite would otherwise fail to
        // upgrade a read transaction under contention).
        sqlx::query("UPDATE audit_head SET seq = seq WHERE id = 1")
            .execute(&mut *tx)
            .await?;
        let row = sqlx::query("SELECT seq, last_hash FROM audit_head WHERE id = 1")
            .fetch_one(&mut *tx)
            .await?;
        Ok(WriteTx {
            seq: col(&row, "seq")?,
            last_hash: col(&row, "last_hash")?,
            tx,
            at: now_rfc3339(),
            _turn: turn,
        })
    }
}

impl WriteTx {
    /// Appends an audit entry for one change. `before`/`after` are the entity's JSON views.
    pub async fn audit<B: Serialize, A: Serialize>(
        &mut self,
        actor: &Actor,
        action: &str,
        entity: &str,
        entity_id: &str,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Result<()> {
        let mut e = AuditEntry {
            seq: self.seq + 1,
            at: self.at.clone(),
            actor: actor.username.clone(),
            source: actor.source.clone(),
            action: action.into(),
            entity: entity.into(),
            entity_id: entity_id.into(),
            before: before.map(to_json),
            after: after.map(to_json),
            prev_hash: self.last_hash.clone(),
            hash: String::new(),
        };
        e.hash = e.expected_hash(&self.last_hash);
        let mut q = Sql::new(
            "INSERT INTO audit_log (seq, at, actor, source, action, entity, entity_id, before_json, after_json, prev_hash, hash) VALUES ",
        );
        q.bind_row(vec![
            e.seq.into(),
            e.at.clone().into(),
            e.actor.clone().into(),
            e.source.clone().into(),
            e.action.clone().into(),
            e.entity.clone().into(),
            e.entity_id.clone().into(),
            e.before.clone().into(),
            e.after.clone().into(),
            e.prev_hash.clone().into(),
            e.hash.clone().into(),
        ]);
        q.query().execute(&mut *self.tx).await?;
        self.seq = e.seq;
        self.last_hash = e.hash;
        Ok(())
    }

    pub fn now(&self) -> &str {
        &self.at
    }

    pub async fn commit(mut self) -> Result<()> {
        let mut q = Sql::new("UPDATE audit_head SET seq = ");
        q.bind(self.seq)
            .push(", last_hash = ")
            .bind(self.last_hash.clone())
            .push(" WHERE id = 1");
        q.query().execute(&mut *self.tx).await?;
        self.tx.commit().await?;
        Ok(())
    }
}

fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|e| format!("{{\"serialize_error\":\"{e}\"}}"))
}
