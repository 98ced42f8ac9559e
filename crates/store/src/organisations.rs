//! Organisations per unit (cơ quan, tổ chức), created on demand and listed per unit.

use crate::error::on_unique;
use crate::sql::{col, Sql};
use crate::units::push_scope;
use crate::{Result, Store, StoreError};
use danvan_domain::organisation::{Organisation, OrganisationKind};
use danvan_domain::role::require;
use danvan_domain::scope::Actor;
use danvan_domain::text::normalize;
use danvan_domain::unit::{Unit, SCHEME_LEGACY};
use danvan_domain::ErrorCode;
use sqlx::any::AnyRow;

const ORG_COLUMNS: &str = "o.id, o.kind, o.name, u.scheme AS unit_scheme, u.code AS unit_code \
    FROM organisations o JOIN units u ON u.id = o.unit_id";

/// An organisation to create; without a name it gets the standard one for its kind and unit.
#[derive(Debug, Clone)]
pub struct NewOrganisation {
    pub unit: String,
    pub kind: OrganisationKind,
    pub name: Option<String>,
}

fn org_from_row(row: &AnyRow) -> Result<Organisation> {
    let kind: String = col(row, "kind")?;
    Ok(Organisation {
        id: col(row, "id")?,
        unit_scheme: col(row, "unit_scheme")?,
        unit_code: col(row, "unit_code")?,
        kind: OrganisationKind::parse(&kind).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        name: col(row, "name")?,
    })
}

impl Store {
    pub async fn create_organisation(&self, actor: &Actor, new: &NewOrganisation) -> Result<Organisation> {
        require(actor.role.can_administer(), "tạo cơ quan, tổ chức")?;
        let unit = self.resolve_unit(&new.unit, None).await?;
        actor.scope.require(&unit)?;
        let name = match new.name.as_deref().map(normalize).filter(|n| !n.is_empty()) {
            Some(n) => n,
            None => new.kind.default_name(&unit.name, unit.scheme != SCHEME_LEGACY),
        };
        let mut tx = self.begin_write().await?;
        let org = insert_organisation(&mut tx, actor, &unit, new.kind, &name).await?;
        tx.commit().await?;
        Ok(org)
    }

    /// Creates the standard organisations a unit lacks (Party committee, board, UBND, HĐND,
    /// MTTQ and the socio-political organisations); returns all of the unit's organisations.
    pub async fn ensure_standard_organisations(&self, actor: &Actor, unit: &Unit) -> Result<Vec<Organisation>> {
        require(actor.role.can_administer(), "tạo cơ quan, tổ chức")?;
        actor.scope.require(unit)?;
        let existing = self.list_organisations(actor, Some(unit)).await?;
        let mut tx = self.begin_write().await?;
        for kind in OrganisationKind::STANDARD {
            if existing.iter().any(|o| o.kind == kind) {
                continue;
            }
            let name = kind.default_name(&unit.name, unit.scheme != SCHEME_LEGACY);
            insert_organisation(&mut tx, actor, unit, kind, &name).await?;
        }
        tx.commit().await?;
        self.list_organisations(actor, Some(unit)).await
    }

    /// Organisations in the caller's scope, optionally of one unit only.
    pub async fn list_organisations(&self, actor: &Actor, unit: Option<&Unit>) -> Result<Vec<Organisation>> {
        let mut q = Sql::new(&format!("SELECT {ORG_COLUMNS} WHERE 1 = 1"));
        if let Some(u) = unit {
            q.push(" AND o.unit_id = ").bind(u.id);
        }
        push_scope(&mut q, &actor.scope, "u.path");
        q.push(" ORDER BY u.path, o.id");
        let rows = q.query().fetch_all(&self.pool).await?;
        rows.iter().map(org_from_row).collect()
    }

    /// One organisation, if in the caller's scope.
    pub async fn organisation(&self, actor: &Actor, id: i64) -> Result<Organisation> {
        let mut q = Sql::new(&format!("SELECT {ORG_COLUMNS} WHERE o.id = "));
        q.bind(id);
        push_scope(&mut q, &actor.scope, "u.path");
        let row = q.query().fetch_optional(&self.pool).await?;
        row.as_ref()
            .map(org_from_row)
            .transpose()?
            .ok_or_else(|| StoreError::domain(ErrorCode::UnknownOrganisation, id.to_string()))
    }
}

/// Inserts an organisation and its audit entry inside a write transaction.
pub(crate) async fn insert_organisation(
    tx: &mut crate::write::WriteTx,
    actor: &Actor,
    unit: &Unit,
    kind: OrganisationKind,
    name: &str,
) -> Result<Organisation> {
    let mut q = Sql::new("INSERT INTO organisations (unit_id, kind, name, created_at) VALUES ");
    q.bind_row(vec![
        unit.id.into(),
        kind.as_str().into(),
        name.into(),
        tx.now().to_string().into(),
    ]);
    q.push(" RETURNING id");
    let row = q
        .query()
        .fetch_one(&mut *tx.tx)
        .await
        .map_err(|e| on_unique(e, ErrorCode::DuplicateOrganisation, name))?;
    let org = Organisation {
        id: col(&row, "id")?,
        unit_scheme: unit.scheme.clone(),
        unit_code: unit.code.clone(),
        kind,
        name: name.to_string(),
    };
    tx.audit(
        actor,
        "create",
        "organisation",
        &org.id.to_string(),
        None::<&()>,
        Some(&org),
    )
    .await?;
    Ok(org)
}
