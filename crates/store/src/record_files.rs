//! Files of directives, "Dân vận khéo" models and disclosures (`record_files`): the document's
//! file, the model's evidence, the disclosure's posted documents. The bytes go to the files
//! folder exactly as petition attachments do (`blobs.rs`). A record's files are seen by whoever
//! may read the record (its unit in scope) and added by whoever may edit that record type.

use crate::sql::{col, Sql};
use crate::{Result, Store, StoreError};
use danvan_domain::attachment::{Attachment, RecordKind};
use danvan_domain::role::require;
use danvan_domain::scope::Actor;
use danvan_domain::ErrorCode;
use sqlx::any::AnyRow;

fn file_from(row: &AnyRow) -> Result<Attachment> {
    Ok(Attachment {
        id: col(row, "id")?,
        file_name: col(row, "file_name")?,
        content_type: col(row, "content_type")?,
        size_bytes: col(row, "size_bytes")?,
        sha256: col(row, "sha256")?,
        uploaded_by: col(row, "uploaded_by")?,
        uploaded_at: col(row, "uploaded_at")?,
    })
}

impl Store {
    /// The record, read the way its own page reads it: not found when it does not exist or its
    /// unit is outside the caller's scope.
    async fn require_record(&self, actor: &Actor, kind: RecordKind, id: i64) -> Result<()> {
        match kind {
            RecordKind::Directive => self.directive(actor, id).await.map(|_| ()),
            RecordKind::DvkModel => self.dvk_model(actor, id).await.map(|_| ()),
            RecordKind::Disclosure => self.disclosure(actor, id).await.map(|_| ()),
        }
    }

    /// Attaches a file to a record the caller may edit. A refused file (empty, too big, of a
    /// type not accepted) or record (unknown, out of scope) stores nothing.
    pub async fn add_record_file(
        &self,
        actor: &Actor,
        kind: RecordKind,
        id: i64,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<Attachment> {
        let what = match kind {
            RecordKind::Directive => "đính kèm tệp văn bản",
            RecordKind::DvkModel => "đính kèm tệp minh chứng mô hình “Dân vận khéo”",
            RecordKind::Disclosure => "đính kèm tệp nội dung công khai",
        };
        // The same rule as editing the record: create_directive, step_dvk_model and
        // update_disclosure_posting all ask for can_write_records.
        require(actor.role.can_write_records(), what)?;
        self.require_record(actor, kind, id).await?;
        let mut blob = self.stage_blob(file_name, bytes)?;
        let mut tx = self.begin_write().await?;
        let uploaded_at = tx.now().to_string();
        let mut q = Sql::new(
            "INSERT INTO record_files (record_kind, record_id, file_name, content_type, size_bytes, sha256, \
             uploaded_by, uploaded_at) VALUES ",
        );
        q.bind_row(vec![
            kind.as_str().into(),
            id.into(),
            blob.file_name.clone().into(),
            blob.content_type.into(),
            blob.size_bytes.into(),
            blob.sha256.clone().into(),
            actor.username.clone().into(),
            uploaded_at.clone().into(),
        ]);
        q.push(" RETURNING id");
        let file_id: i64 = col(&q.query().fetch_one(&mut *tx.tx).await?, "id")?;
        let file = Attachment {
            id: file_id,
            file_name: blob.file_name.clone(),
            content_type: blob.content_type.into(),
            size_bytes: blob.size_bytes,
            sha256: blob.sha256.clone(),
            uploaded_by: actor.username.clone(),
            uploaded_at,
        };
        let audited = serde_json::json!({
            "file": file_id, "name": file.file_name, "sha256": file.sha256, "size": file.size_bytes,
            "content_type": file.content_type,
        });
        tx.audit(
            actor,
            "attach",
            kind.as_str(),
            &id.to_string(),
            None::<&()>,
            Some(&audited),
        )
        .await?;
        blob.place()?;
        tx.commit().await?;
        Ok(file)
    }

    /// A record's files, oldest first.
    pub async fn record_files(&self, actor: &Actor, kind: RecordKind, id: i64) -> Result<Vec<Attachment>> {
        self.require_record(actor, kind, id).await?;
        let mut q = Sql::new(
            "SELECT id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at FROM record_files \
             WHERE record_kind = ",
        );
        q.bind(kind.as_str())
            .push(" AND record_id = ")
            .bind(id)
            .push(" ORDER BY id");
        q.query().fetch_all(&self.pool).await?.iter().map(file_from).collect()
    }

    /// One file of a record with its bytes, if the caller may read the record.
    pub async fn record_file_content(
        &self,
        actor: &Actor,
        kind: RecordKind,
        id: i64,
        file_id: i64,
    ) -> Result<(Attachment, Vec<u8>)> {
        self.require_record(actor, kind, id).await?;
        let mut q = Sql::new(
            "SELECT id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at FROM record_files \
             WHERE record_kind = ",
        );
        q.bind(kind.as_str())
            .push(" AND record_id = ")
            .bind(id)
            .push(" AND id = ")
            .bind(file_id);
        let row = q.query().fetch_optional(&self.pool).await?;
        let file = row
            .as_ref()
            .map(file_from)
            .transpose()?
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("tệp {file_id}")))?;
        let bytes = self.read_blob(&file.sha256)?;
        Ok((file, bytes))
    }
}
