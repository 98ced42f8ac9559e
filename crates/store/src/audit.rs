//! Reading and verifying the audit log.

use crate::sql::{col, Sql};
use crate::{Result, Store};
use danvan_domain::audit::{AuditEntry, ChainVerifier};
use danvan_domain::role::{require, Role};
use danvan_domain::scope::Actor;
use serde::Serialize;
use sqlx::any::AnyRow;

/// Rows read per batch while verifying, so memory stays flat on long logs.
const VERIFY_BATCH: i64 = 5_000;

/// Result of `danvan audit verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditReport {
    pub checked: i64,
    /// The first entry where the chain breaks, and why.
    pub broken_at: Option<i64>,
    pub reason: Option<String>,
}

fn entry_from_row(row: &AnyRow) -> Result<AuditEntry> {
    Ok(AuditEntry {
        seq: col(row, "seq")?,
        at: col(row, "at")?,
        actor: col(row, "actor")?,
        source: col(row, "source")?,
        action: col(row, "action")?,
        entity: col(row, "entity")?,
        entity_id: col(row, "entity_id")?,
        before: col(row, "before_json")?,
        after: col(row, "after_json")?,
        prev_hash: col(row, "prev_hash")?,
        hash: col(row, "hash")?,
    })
}

const AUDIT_COLUMNS: &str =
    "seq, at, actor, source, action, entity, entity_id, before_json, after_json, prev_hash, hash FROM audit_log";

impl Store {
    /// Recomputes the whole hash chain and checks it against the stored head.
    pub async fn verify_audit(&self) -> Result<AuditReport> {
        let mut v = ChainVerifier::default();
        let mut after = 0i64;
        loop {
            let mut q = Sql::new(&format!("SELECT {AUDIT_COLUMNS} WHERE seq > "));
            q.bind(after).push(" ORDER BY seq LIMIT ").bind(VERIFY_BATCH);
            let rows = q.query().fetch_all(&self.pool).await?;
            if rows.is_empty() {
                break;
            }
            for row in &rows {
                let e = entry_from_row(row)?;
                after = e.seq;
                if let Err(b) = v.check(&e) {
                    return Ok(AuditReport {
                        checked: v.checked,
                        broken_at: Some(b.seq),
                        reason: Some(b.reason.into()),
                    });
                }
            }
        }
        let head = sqlx::query("SELECT seq, last_hash FROM audit_head WHERE id = 1")
            .fetch_one(&self.pool)
            .await?;
        let (seq, hash): (i64, String) = (col(&head, "seq")?, col(&head, "last_hash")?);
        Ok(match v.finish(seq, &hash) {
            Ok(()) => AuditReport {
                checked: v.checked,
                broken_at: None,
                reason: None,
            },
            Err(b) => AuditReport {
                checked: v.checked,
                broken_at: Some(b.seq),
                reason: Some(b.reason.into()),
            },
        })
    }

    /// The newest audit entries, optionally for one entity kind. System admins only.
    pub async fn list_audit(&self, actor: &Actor, entity: Option<&str>, limit: i64) -> Result<Vec<AuditEntry>> {
        require(actor.role == Role::SystemAdmin, "xem nhật ký hệ thống")?;
        let mut q = Sql::new(&format!("SELECT {AUDIT_COLUMNS} WHERE 1 = 1"));
        if let Some(e) = entity {
            q.push(" AND entity = ").bind(e);
        }
        q.push(" ORDER BY seq DESC LIMIT ").bind(limit.clamp(1, 10_000));
        let rows = q.query().fetch_all(&self.pool).await?;
        rows.iter().map(entry_from_row).collect()
    }
}
