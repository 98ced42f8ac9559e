//! Petition attachments: bytes on disk named by their SHA-256 (written to a temporary file and
//! renamed, so a crash never leaves half a file under a real name), metadata in the database.
//! A denunciation's attachments may reveal who wrote it, so they follow the identity rule.

use crate::sql::{col, Sql};
use crate::{Backend, Result, Store, StoreError};
use danvan_domain::attachment::{check_attachment, clean_file_name, Attachment};
use danvan_domain::role::require;
use danvan_domain::scope::Actor;
use danvan_domain::ErrorCode;
use sha2::{Digest, Sha256};
use std::path::PathBuf;

impl Store {
    /// Where attachment files are kept: the configured folder, or beside a SQLite database file
    /// (`danvan.db` → `danvan.db-files/`), or `danvan-files/` in the working directory.
    pub fn files_dir(&self) -> PathBuf {
        if let Some(dir) = self.files_dir.read().ok().and_then(|d| d.clone()) {
            return dir;
        }
        if self.backend() == Backend::Sqlite {
            if let Some(path) = self
                .url
                .strip_prefix("sqlite://")
                .or_else(|| self.url.strip_prefix("sqlite:"))
            {
                let file = path.split('?').next().unwrap_or(path);
                if !file.is_empty() && !file.contains(":memory:") {
                    return PathBuf::from(format!("{file}-files"));
                }
            }
        }
        PathBuf::from("danvan-files")
    }

    pub fn set_files_dir(&self, dir: PathBuf) {
        if let Ok(mut d) = self.files_dir.write() {
            *d = Some(dir);
        }
    }

    fn blob_path(&self, sha: &str) -> PathBuf {
        self.files_dir().join(&sha[..2]).join(sha)
    }

    /// Attaches a file to a petition the caller may work on.
    pub async fn add_attachment(&self, actor: &Actor, code: &str, file_name: &str, bytes: &[u8]) -> Result<Attachment> {
        let petition = self.petition(actor, code).await?;
        let handles = petition.handler.as_deref() == Some(actor.username.as_str());
        require(actor.role.can_write_records() || handles, "đính kèm tệp")?;
        let content_type = check_attachment(file_name, bytes)?;
        let file_name = clean_file_name(file_name);
        let sha = hex::encode(Sha256::digest(bytes));
        let path = self.blob_path(&sha);
        if !path.exists() {
            let dir = path.parent().ok_or_else(|| StoreError::Corrupt("files dir".into()))?;
            std::fs::create_dir_all(dir)?;
            let tmp = dir.join(format!(".{sha}.{}.tmp", std::process::id()));
            std::fs::write(&tmp, bytes)?;
            std::fs::rename(&tmp, &path)?;
        }
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new(
            "INSERT INTO petition_attachments (petition_id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at) \
             SELECT id, ",
        );
        q.bind(file_name.clone())
            .push(", ")
            .bind(content_type)
            .push(", ")
            .bind(bytes.len() as i64);
        q.push(", ")
            .bind(sha.clone())
            .push(", ")
            .bind(actor.username.clone())
            .push(", ")
            .bind(tx.now().to_string());
        q.push(" FROM petitions WHERE code = ").bind(code).push(" RETURNING id");
        let id: i64 = col(&q.query().fetch_one(&mut *tx.tx).await?, "id")?;
        let attachment = Attachment {
            id,
            file_name,
            content_type: content_type.into(),
            size_bytes: bytes.len() as i64,
            sha256: sha,
            uploaded_by: actor.username.clone(),
            uploaded_at: tx.now().to_string(),
        };
        let audited = serde_json::json!({ "petition": code, "id": id, "sha256": attachment.sha256, "size": attachment.size_bytes });
        tx.audit(actor, "attach", "petition", code, None::<&()>, Some(&audited))
            .await?;
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
        let bytes = std::fs::read(self.blob_path(&attachment.sha256))?;
        Ok((attachment, bytes))
    }
}
