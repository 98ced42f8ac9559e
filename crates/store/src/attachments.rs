//! Petition attachments: bytes in the files folder (`blobs.rs`), metadata in the database.
//! A denunciation's attachments may reveal who wrote it, so they follow the identity rule.

use crate::sql::{col, Sql};
use crate::{Result, Store, StoreError};
use danvan_domain::attachment::Attachment;
use danvan_domain::role::require;
use danvan_domain::scope::Actor;
use danvan_domain::ErrorCode;

impl Store {
    /// Attaches a file to a petition the caller may work on.
    pub async fn add_attachment(&self, actor: &Actor, code: &str, file_name: &str, bytes: &[u8]) -> Result<Attachment> {
        let petition = self.petition(actor, code).await?;
        let handles = petition.handler.as_deref() == Some(actor.username.as_str());
        require(actor.role.can_write_records() || handles, "đính kèm tệp")?;
        let mut blob = self.stage_blob(file_name, bytes)?;
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new(
            "INSERT INTO petition_attachments (petition_id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at) \
             SELECT id, ",
        );
        q.bind(blob.file_name.clone())
            .push(", ")
            .bind(blob.content_type)
            .push(", ")
            .bind(blob.size_bytes);
        q.push(", ")
            .bind(blob.sha256.clone())
            .push(", ")
            .bind(actor.username.clone())
            .push(", ")
            .bind(tx.now().to_string());
        q.push(" FROM petitions WHERE code = ").bind(code).push(" RETURNING id");
        let id: i64 = col(&q.query().fetch_one(&mut *tx.tx).await?, "id")?;
        let attachment = Attachment {
            id,
            file_name: blob.file_name.clone(),
            content_type: blob.content_type.into(),
            size_bytes: blob.size_bytes,
            sha256: blob.sha256.clone(),
            uploaded_by: actor.username.clone(),
            uploaded_at: tx.now().to_string(),
        };
        let audited = serde_json::json!({ "petition": code, "id": id, "sha256": attachment.sha256, "size": attachment.size_bytes });
        tx.audit(actor, "attach", "petition", code, None::<&()>, Some(&audited))
            .await?;
        blob.place()?;
        tx.commit().await?;
        Ok(attachment)
    }

    /// A petition's attachments; for a denunciation whose identity the caller may not see, the
    /// names are hidden too.
    pub async fn attachments(&self, actor: &Actor, code: &str) -> Result<Vec<Attachment>> {
        let petition = self.petition(actor, code).await?;
        let mut q = Sql::new(
            "SELECT a.id, a.file_name, a.content_type, a.size_bytes, a.sha256, a.uploaded_by, a.uploaded_at \
             FROM petition_attachments a JOIN petitions p ON p.id = a.petition_id WHERE p.code = ",
        );
        q.bind(code).push(" ORDER BY a.id");
        q.query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                let name: String = col(r, "file_name")?;
                Ok(Attachment {
                    id: col(r, "id")?,
                    file_name: if petition.identity_redacted {
                        danvan_domain::petition::REDACTED.into()
                    } else {
                        name
                    },
                    content_type: col(r, "content_type")?,
                    size_bytes: col(r, "size_bytes")?,
                    sha256: col(r, "sha256")?,
                    uploaded_by: col(r, "uploaded_by")?,
                    uploaded_at: col(r, "uploaded_at")?,
                })
            })
            .collect()
    }

    /// One attachment's bytes, if the caller may see them.
    pub async fn attachment_content(&self, actor: &Actor, code: &str, id: i64) -> Result<(Attachment, Vec<u8>)> {
        let petition = self.petition(actor, code).await?;
        if petition.identity_redacted {
            return Err(StoreError::domain(
                ErrorCode::ForbiddenRole,
                "tệp đính kèm của đơn tố cáo được bảo mật",
            ));
        }
        let found = self.attachments(actor, code).await?.into_iter().find(|a| a.id == id);
        let attachment = found.ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("tệp {id}")))?;
        let bytes = self.read_blob(&attachment.sha256)?;
        Ok((attachment, bytes))
    }
}
