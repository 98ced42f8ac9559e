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
            let mut q = Sql::new("INSERT INTO organisations (unit_id, kind, name, created_at) VALUES ");
            let now = tx.now().to_string();
            q.bind_rows(chunk.iter().map(|(unit_id, kind, name)| {
                vec![(*unit_id).into(), kind.as_str().into(), name.into(), now.clone().into()]
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
        tx.audit(actor, "bulk_create", "user", "batch", None::<&()>, Some(&summary))
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

/// A petition row for bulk loading (demo data, benchmarks, register imports): the final state
/// is given, not walked through the workflow.
#[derive(Debug, Clone)]
pub struct PetitionSeed {
    pub unit_id: i64,
    pub kind: danvan_domain::petition::PetitionKind,
    pub channel: danvan_domain::petition::Channel,
    pub received_on: chrono::NaiveDate,
    pub subject: String,
    pub content: String,
    pub topic: String,
    pub status: danvan_domain::petition::Status,
    pub within_jurisdiction: Option<bool>,
    pub processing_due: Option<chrono::NaiveDate>,
    pub accepted_on: Option<chrono::NaiveDate>,
    pub resolution_due: Option<chrono::NaiveDate>,
    pub resolved_on: Option<chrono::NaiveDate>,
    pub outcome: Option<danvan_domain::petition::Outcome>,
    pub petitioners: Vec<danvan_domain::petition::Petitioner>,
}

impl Store {
    /// Inserts petitions and their petitioners in batches, one audit entry per call. Codes are
    /// `{prefix}-{n}`; the prefix must be new (it keeps re-runs from colliding).
    pub async fn bulk_insert_petitions(&self, actor: &Actor, prefix: &str, rows: &[PetitionSeed]) -> Result<u64> {
        use crate::units::date_text;
        use danvan_domain::petition::{search_text, MANY_PERSON_THRESHOLD};
        use danvan_domain::text::fold;
        require(actor.scope.is_everything(), "nạp hàng loạt")?;
        let mut tx = self.begin_write().await?;
        let now = tx.now().to_string();
        let mut added = 0;
        for (chunk_no, chunk) in rows.chunks(BATCH / 2).enumerate() {
            let mut q = Sql::new(
                "INSERT INTO petitions (code, unit_id, kind, round, channel, received_on, subject, content, topic, \
                 search_text, status, many_person, within_jurisdiction, processing_due, accepted_on, resolution_due, \
                 resolved_on, outcome, created_at, updated_at) VALUES ",
            );
            q.bind_rows(chunk.iter().enumerate().map(|(i, p)| -> Vec<Param> {
                vec![
                    format!("{prefix}-{}", chunk_no * (BATCH / 2) + i + 1).into(),
                    p.unit_id.into(),
                    p.kind.as_str().into(),
                    1i64.into(),
                    p.channel.as_str().into(),
                    date_text(Some(p.received_on)).into(),
                    p.subject.clone().into(),
                    p.content.clone().into(),
                    p.topic.clone().into(),
                    search_text(p.kind, &p.subject, &p.content, &p.petitioners).into(),
                    p.status.as_str().into(),
                    (p.petitioners.len() >= MANY_PERSON_THRESHOLD).into(),
                    p.within_jurisdiction.map(i64::from).into(),
                    date_text(p.processing_due).into(),
                    date_text(p.accepted_on).into(),
                    date_text(p.resolution_due).into(),
                    date_text(p.resolved_on).into(),
                    p.outcome.map(|o| o.as_str().to_string()).into(),
                    now.clone().into(),
                    now.clone().into(),
                ]
            }));
            q.push(" RETURNING id");
            let ids: Vec<i64> = q
                .query()
                .fetch_all(&mut *tx.tx)
                .await?
                .iter()
                .map(|r| crate::sql::col::<i64>(r, "id"))
                .collect::<std::result::Result<_, _>>()?;
            added += ids.len() as u64;
            let people: Vec<Vec<Param>> = chunk
                .iter()
                .zip(&ids)
                .flat_map(|(p, id)| {
                    p.petitioners.iter().map(move |pp| {
                        vec![
                            (*id).into(),
                            pp.name.clone().into(),
                            fold(&pp.name).into(),
                            pp.cccd.clone().into(),
                            pp.phone.clone().into(),
                            pp.address.clone().into(),
                        ]
                    })
                })
                .collect();
            for part in people.chunks(BATCH) {
                let mut q =
                    Sql::new("INSERT INTO petitioners (petition_id, name, name_folded, cccd, phone, address) VALUES ");
                q.bind_rows(part.iter().cloned());
                q.query().execute(&mut *tx.tx).await?;
            }
        }
        let summary = BatchSummary {
            entity: "petition",
            rows: rows.len(),
        };
        tx.audit(actor, "bulk_create", "petition", prefix, None::<&()>, Some(&summary))
            .await?;
        tx.commit().await?;
        Ok(added)
    }
}
