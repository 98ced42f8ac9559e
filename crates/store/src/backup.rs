//! Online backup of the embedded database.

use crate::sql::Sql;
use crate::{Backend, Result, Store, StoreError};
use danvan_domain::ErrorCode;
use std::path::Path;

impl Store {
    /// Writes a consistent copy of a live SQLite database to `to` (`VACUUM INTO`, which reads
    /// one snapshot while writers go on). PostgreSQL is backed up with its own `pg_dump`.
    pub async fn backup_to(&self, to: &Path) -> Result<()> {
        if self.backend() == Backend::Postgres {
            return Err(StoreError::domain(
                ErrorCode::Unsupported,
                "với PostgreSQL hãy dùng pg_dump (xem docs/operations.md)",
            ));
        }
        if to.exists() {
            return Err(StoreError::domain(
                ErrorCode::Validation,
                format!("tệp {} đã tồn tại", to.display()),
            ));
        }
        let mut q = Sql::new("VACUUM INTO ");
        q.bind(to.to_string_lossy().to_string());
        q.query().execute(&self.pool).await?;
        Ok(())
    }
}
