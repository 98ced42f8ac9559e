//! The audit log's hash chain. Each entry's hash covers the previous hash and the entry's
//! content, so editing, inserting or deleting a row breaks the chain from there on.

use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

/// The hash before the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct AuditEntry {
    pub seq: i64,
    /// RFC 3339, UTC
    pub at: String,
    pub actor: String,
    /// Client address or "cli"
    pub source: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    /// JSON text of the entity before the change, if any
    pub before: Option<String>,
    /// JSON text of the entity after the change, if any
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEntry {
    /// The hash this entry must carry given the hash before it.
    pub fn expected_hash(&self, prev_hash: &str) -> String {
        let content = serde_json::json!([
            self.seq,
            self.at,
            self.actor,
            self.source,
            self.action,
            self.entity,
            self.entity_id,
            self.before,
            self.after,
        ]);
        let mut h = Sha256::new();
        h.update(prev_hash.as_bytes());
        h.update(b"\n");
        h.update(content.to_string().as_bytes());
        hex::encode(h.finalize())
    }
}

/// Where the chain broke and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    pub seq: i64,
    pub reason: &'static str,
}

/// Walks entries in order, carrying the running state so the caller can stream batches.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    prev_hash: String,
    next_seq: i64,
    pub checked: i64,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        ChainVerifier {
            prev_hash: GENESIS_HASH.into(),
            next_seq: 1,
            checked: 0,
        }
    }
}

impl ChainVerifier {
    pub fn check(&mut self, e: &AuditEntry) -> Result<(), ChainBreak> {
        if e.seq != self.next_seq {
            return Err(ChainBreak {
                seq: e.seq,
                reason: "thiếu hoặc chèn bản ghi (số thứ tự không liên tục)",
            });
        }
        if e.prev_hash != self.prev_hash {
            return Err(ChainBreak {
                seq: e.seq,
                reason: "mã băm trước không khớp",
            });
        }
        if e.hash != e.expected_hash(&self.prev_hash) {
            return Err(ChainBreak {
                seq: e.seq,
                reason: "nội dung bản ghi đã bị sửa",
            });
        }
        self.prev_hash = e.hash.clone();
        self.next_seq += 1;
        self.checked += 1;
        Ok(())
    }

    /// After the last entry: the stored head must point at it, or rows were cut off the end.
    pub fn finish(&self, head_seq: i64, head_hash: &str) -> Result<(), ChainBreak> {
        if head_seq != self.next_seq - 1 || head_hash != self.prev_hash {
            return Err(ChainBreak {
                seq: self.next_seq,
                reason: "bản ghi cuối đã bị xóa",
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<AuditEntry> {
        let mut prev = GENESIS_HASH.to_string();
        (1..=n)
            .map(|seq| {
                let mut e = AuditEntry {
                    seq,
                    at: "2026-11-25T10:00:00Z".into(),
                    actor: "admin".into(),
                    source: "cli".into(),
                    action: "create".into(),
                    entity: "user".into(),
                    entity_id: format!("u{seq}"),
                    before: None,
                    after: Some(format!("{{\"n\":{seq}}}")),
                    prev_hash: prev.clone(),
                    hash: String::new(),
                };
                e.hash = e.expected_hash(&prev);
                prev = e.hash.clone();
                e
            })
            .collect()
    }

    fn verify(entries: &[AuditEntry]) -> Result<(), ChainBreak> {
        let mut v = ChainVerifier::default();
        for e in entries {
            v.check(e)?;
        }
        let last = entries
            .last()
            .map(|e| (e.seq, e.hash.clone()))
            .unwrap_or((0, GENESIS_HASH.into()));
        v.finish(last.0, &last.1)
    }

    #[test]
    fn an_intact_chain_verifies() {
        assert!(verify(&chain(5)).is_ok());
    }

    #[test]
    fn an_edited_row_is_caught_at_its_seq() {
        let mut c = chain(5);
        c[2].after = Some("{\"n\":999}".into());
        assert_eq!(verify(&c).unwrap_err().seq, 3);
    }

    #[test]
    fn a_deleted_middle_row_is_caught() {
        let mut c = chain(5);
        c.remove(1);
        assert_eq!(verify(&c).unwrap_err().seq, 3);
    }

    #[test]
    fn a_cut_tail_is_caught_by_the_head() {
        let c = chain(5);
        let mut v = ChainVerifier::default();
        for e in &c[..3] {
            v.check(e).unwrap();
        }
        assert!(v.finish(5, &c[4].hash).is_err());
    }
}
