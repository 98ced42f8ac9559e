//! Batched inserts for large loads (demo data and benchmarks): many rows per statement, one
//! transaction, one audit entry per batch instead of one per row.

use crate::sql::{Param, Sql};
use crate::{Result, Store};
use danvan_domain::organisation::OrganisationKind;
use danvan_domain::role::{require, Role};
use danvan_domain::scope::Actor;
use serde::Serialize;

const BATCH: usize = 500;

/// A user row for bulk loading; the password is already hashed.
#[derive(Debug, Clone)]
pub struct UserSeed {
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: Role,
    pub unit_id: i64,
    pub organisation_id: Option<i64>,
}

#[derive(Serialize)]
struct BatchSummary<'a> {
    entity: &'a str,
    rows: usize,
}

impl Store {
    /// Inserts organisations `(unit_id, kind, name)`; returns their ids in input order.
    pub async fn bulk_insert_organisations(
        &self,
        actor: &Actor,
        rows: &[(i64, OrganisationKind, String)],
    ) -> Result<Vec<i64>> {
        require(actor.scope.is_everything(), "nạp hàng loạt")?;
        let mut tx = self.begin_write().await?;
        let mut ids = Vec::with_capacity(rows.len());
        for chunk in rows.chunks(BATCH) {
            let mut q =
                Sql::new("INSERT INTO organisations (unit_id, kind, name, created_at) VALUES ");
            let now = tx.now().to_string();
            q.bind_rows(chunk.iter().map(|(unit_id, kind, name)| {
                vec![
                    (*unit_id).into(),
                    kind.as_str().into(),
                    name.into(),
                    now.clone().into(),
                ]
            }));
            q.push(" RETURNING id");
            for row in q.query().fetch_all(&mut *tx.tx).await? {
                ids.push(crate::sql::col::<i64>(&row, "id")?);
            }
        }
        let summary = BatchSummary {
            entity: "organisation",
            rows: rows.len(),
        };
        tx.audit(
            actor,
            "bulk_create",
            "organisation",
            "batch",
            None::<&()>,
            Some(&summary),
        )
        .await?;
        tx.commit().await?;
        Ok(ids)
    }

    pub async fn bulk_insert_users(&self, actor: &Actor, rows: &[UserSeed]) -> Result<u64> {
        require(actor.scope.is_everything(), "nạp hàng loạt")?;
        let mut tx = self.begin_write().await?;
        let mut added = 0;
        for chunk in rows.chunks(BATCH) {
            let mut q = Sql::new(
                "INSERT INTO users (username, display_name, password_hash, role, unit_id, organisation_id, created_at) VALUES ",
            );
            let now = tx.now().to_string();
            q.bind_rows(chunk.iter().map(|u| -> Vec<Param> {
                vec![
                    u.username.clone().into(),
                    u.display_name.clone().into(),
                    u.password_hash.clone().into(),
                    u.role.as_str().into(),
                    u.unit_id.into(),
                    u.organisation_id.into(),
                    now.clone().into(),
                ]
            }));
            added += q.query().execute(&mut *tx.tx).await?.rows_affected();
        }
        let summary = BatchSummary {
            entity: "user",
            rows: rows.len(),
        };
        tx.audit(
            actor,
            "bulk_create",
            "user",
            "batch",
            None::<&()>,
            Some(&summary),
        )
        .await?;
        tx.commit().await?;
        Ok(added)
    }

    /// Whether any user exists (demo data goes only into an empty database).
    pub async fn has_users(&self) -> Result<bool> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM users")
            .fetch_one(&self.pool)
            .await?;
        Ok(crate::sql::col::<i64>(&row, "n")? > 0)
    }

    pub async fn has_units(&self) -> Result<bool> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM units")
            .fetch_one(&self.pool)
            .await?;
        Ok(crate::sql::col::<i64>(&row, "n")? > 0)
    }
}
