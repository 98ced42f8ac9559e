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
    /// Whether an audited change concerns anything but petitions (`seq_beyond_petitions`).
    beyond_petitions: bool,
    /// Held until the transaction ends (declared after `tx`, so it is released after the
    /// rollback or commit).
    _turn: tokio::sync::OwnedMutexGuard<()>,
}

/// The audit entity of petitions and everything done to them (steps, attachments, links).
pub(crate) const PETITION_ENTITY: &str = "petition";

pub(crate) fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl Store {
    /// Forgets cached scopes after units or successions change.
    pub(crate) fn units_changed(&self) {
        if let Ok(mut c) = self.scope_cache.write() {
            c.clear();
        }
        if let Ok(mut c) = self.unit_cache.write() {
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
            beyond_petitions: false,
            _turn: turn,
        })
    }
}

/// One change to put on the audit log.
pub(crate) struct AuditItem<'a> {
    pub actor: &'a Actor,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl<'a> AuditItem<'a> {
    pub fn new<B: Serialize, A: Serialize>(
        actor: &'a Actor,
        action: &'a str,
        entity: &'a str,
        entity_id: &str,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Self {
        AuditItem {
            actor,
            action,
            entity,
            entity_id: entity_id.to_string(),
            before: before.map(to_json),
            after: after.map(to_json),
        }
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
        self.audit_all(vec![AuditItem::new(actor, action, entity, entity_id, before, after)])
            .await
    }

    /// Appends one chained entry per change, in order, in one statement.
    pub async fn audit_all(&mut self, items: Vec<AuditItem<'_>>) -> Result<()> {
        for chunk in items.chunks(500) {
            let mut q = Sql::new(
                "INSERT INTO audit_log (seq, at, actor, source, action, entity, entity_id, before_json, after_json, prev_hash, hash) VALUES ",
            );
            let mut rows = Vec::with_capacity(chunk.len());
            for item in chunk {
                self.beyond_petitions |= item.entity != PETITION_ENTITY;
                let mut e = AuditEntry {
                    seq: self.seq + 1,
                    at: self.at.clone(),
                    actor: item.actor.username.clone(),
                    source: item.actor.source.clone(),
                    action: item.action.into(),
                    entity: item.entity.into(),
                    entity_id: item.entity_id.clone(),
                    before: item.before.clone(),
                    after: item.after.clone(),
                    prev_hash: self.last_hash.clone(),
                    hash: String::new(),
                };
                e.hash = e.expected_hash(&self.last_hash);
                self.seq = e.seq;
                self.last_hash = e.hash.clone();
                rows.push(vec![
                    e.seq.into(),
                    e.at.into(),
                    e.actor.into(),
                    e.source.into(),
                    e.action.into(),
                    e.entity.into(),
                    e.entity_id.into(),
                    e.before.into(),
                    e.after.into(),
                    e.prev_hash.into(),
                    e.hash.into(),
                ]);
            }
            q.bind_rows(rows);
            q.query().execute(&mut *self.tx).await?;
        }
        Ok(())
    }

    pub fn now(&self) -> &str {
        &self.at
    }

    pub async fn commit(mut self) -> Result<()> {
        let mut q = Sql::new("UPDATE audit_head SET seq = ");
        q.bind(self.seq).push(", last_hash = ").bind(self.last_hash.clone());
        if self.beyond_petitions {
            q.push(", seq_beyond_petitions = ").bind(self.seq);
        }
        q.push(" WHERE id = 1");
        q.query().execute(&mut *self.tx).await?;
        self.tx.commit().await?;
        Ok(())
    }
}

fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|e| format!("{{\"serialize_error\":\"{e}\"}}"))
}
