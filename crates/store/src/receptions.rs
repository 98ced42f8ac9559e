//! Citizen reception sessions and their matters; a matter becomes a petition in one step.

use crate::record_rows::{page, Keyset, RecordPage, RecordQuery};
use crate::search_texts::search_key;
use crate::sql::{col, Sql};
use crate::units::{date_text, opt_date, push_scope};
use crate::{Result, Store, StoreError};
use danvan_domain::petition::{NewPetition, Petition};
use danvan_domain::reception::{validate_reception, Matter, NewReception, Reception, ReceptionHost, ReceptionKind};
use danvan_domain::role::require;
use danvan_domain::scope::Actor;
use danvan_domain::text::normalize;
use danvan_domain::{DomainError, ErrorCode};
use sqlx::any::AnyRow;

const SESSION_COLUMNS: &str = "r.id, u.scheme AS unit_scheme, u.code AS unit_code, u.name AS unit_name, r.kind, \
    r.held_on, r.receiver, r.receiver_position, r.host, r.citizens, r.delegations, r.delegation_people, r.note \
    FROM reception_sessions r JOIN units u ON u.id = r.unit_id";

const RECEPTION_PAGES: Keyset = Keyset {
    date: "r.held_on",
    id: "r.id",
};

fn session_from(row: &AnyRow) -> Result<Reception> {
    let kind: String = col(row, "kind")?;
    Ok(Reception {
        id: col(row, "id")?,
        unit_scheme: col(row, "unit_scheme")?,
        unit_code: col(row, "unit_code")?,
        unit_name: col(row, "unit_name")?,
        kind: ReceptionKind::parse(&kind).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        held_on: opt_date(col(row, "held_on")?)?.ok_or_else(|| StoreError::Corrupt("held_on".into()))?,
        receiver: col(row, "receiver")?,
        receiver_position: col(row, "receiver_position")?,
        host: ReceptionHost::parse(&col::<String>(row, "host")?).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        citizens: col(row, "citizens")?,
        delegations: col(row, "delegations")?,
        delegation_people: col(row, "delegation_people")?,
        note: col(row, "note")?,
        matters: Vec::new(),
    })
}

impl Store {
    /// Records a reception session with its matters.
    pub async fn create_reception(&self, actor: &Actor, new: &NewReception) -> Result<Reception> {
        require(actor.role.can_write_records(), "ghi nhận buổi tiếp công dân")?;
        validate_reception(new, crate::units::today())?;
        let unit = self.resolve_unit(&new.unit, Some(new.held_on)).await?;
        actor.scope.require(&unit)?;
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new(
            "INSERT INTO reception_sessions (unit_id, kind, held_on, receiver, receiver_position, host, citizens, \
             delegations, delegation_people, note, search_text, created_by, created_at) VALUES ",
        );
        q.bind_row(vec![
            unit.id.into(),
            new.kind.as_str().into(),
            date_text(Some(new.held_on)).into(),
            normalize(&new.receiver).into(),
            normalize(&new.receiver_position).into(),
            new.host.as_str().into(),
            new.citizens.into(),
            new.delegations.into(),
            new.delegation_people.into(),
            new.note.as_deref().map(normalize).filter(|s| !s.is_empty()).into(),
            search_key(&[
                Some(new.receiver.as_str()),
                Some(new.receiver_position.as_str()),
                new.note.as_deref(),
            ])
            .into(),
            actor.user_id.into(),
            tx.now().to_string().into(),
        ]);
        q.push(" RETURNING id");
        let id: i64 = col(&q.query().fetch_one(&mut *tx.tx).await?, "id")?;
        if !new.matters.is_empty() {
            let mut m = Sql::new("INSERT INTO reception_matters (session_id, content) VALUES ");
            m.bind_rows(new.matters.iter().map(|c| vec![id.into(), normalize(c).into()]));
            m.query().execute(&mut *tx.tx).await?;
        }
        let audited = serde_json::json!({ "id": id, "unit": unit.label(), "kind": new.kind, "held_on": new.held_on, "citizens": new.citizens });
        tx.audit(
            actor,
            "create",
            "reception",
            &id.to_string(),
            None::<&()>,
            Some(&audited),
        )
        .await?;
        tx.commit().await?;
        self.reception(actor, id).await
    }

    /// One session in scope, with its matters.
    pub async fn reception(&self, actor: &Actor, id: i64) -> Result<Reception> {
        let mut q = Sql::new(&format!("SELECT {SESSION_COLUMNS} WHERE r.id = "));
        q.bind(id);
        push_scope(&mut q, &actor.scope, "u.path");
        let row = q.query().fetch_optional(&self.pool).await?;
        let mut r = row
            .as_ref()
            .map(session_from)
            .transpose()?
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("buổi tiếp {id}")))?;
        let mut m = Sql::new(
            "SELECT m.id, m.content, p.code AS petition_code FROM reception_matters m \
             LEFT JOIN petitions p ON p.id = m.petition_id WHERE m.session_id = ",
        );
        m.bind(id).push(" ORDER BY m.id");
        r.matters = m
            .query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| {
                Ok(Matter {
                    id: col(row, "id")?,
                    content: col(row, "content")?,
                    petition_code: col(row, "petition_code")?,
                })
            })
            .collect::<Result<_>>()?;
        Ok(r)
    }

    /// A keyset page of the sessions in scope (in `query.unit`'s subtree, held within
    /// [from, to], matching the search words), newest first unless asked.
    pub async fn list_receptions(&self, actor: &Actor, query: &RecordQuery) -> Result<RecordPage<Reception>> {
        let limit = query.limit.unwrap_or(50).clamp(1, 500);
        let mut q = Sql::new(&format!("SELECT {SESSION_COLUMNS} WHERE 1 = 1"));
        push_scope(&mut q, &actor.scope, "u.path");
        self.push_record_filters(&mut q, query, "r.held_on", Some("r.search_text"))
            .await?;
        RECEPTION_PAGES.push_page(&mut q, query.sort, query.after.as_deref(), limit)?;
        let rows: Vec<Reception> = q
            .query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(session_from)
            .collect::<Result<_>>()?;
        let (items, next) = page(rows, limit, |r| (r.held_on, r.id));
        Ok(RecordPage { items, next })
    }

    /// Every session `query` picks (for an export), refused beyond `max`.
    pub async fn export_receptions(&self, actor: &Actor, query: &RecordQuery, max: usize) -> Result<Vec<Reception>> {
        crate::pages::every_page(max, "buổi tiếp công dân", query, |q| async move {
            self.list_receptions(actor, &q).await
        })
        .await
    }

    /// Turns a matter raised at a session into a petition and links the two.
    pub async fn matter_to_petition(&self, actor: &Actor, matter_id: i64, new: &NewPetition) -> Result<Petition> {
        let mut q = Sql::new("SELECT session_id, petition_id FROM reception_matters WHERE id = ");
        q.bind(matter_id);
        let row = q
            .query()
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("vụ việc {matter_id}")))?;
        let session = self.reception(actor, col(&row, "session_id")?).await?;
        if col::<Option<i64>>(&row, "petition_id")?.is_some() {
            return Err(DomainError::validation("vụ việc này đã được chuyển thành đơn").into());
        }
        if new.received_on != session.held_on {
            return Err(DomainError::new(ErrorCode::InvalidDate, "ngày nhận đơn phải là ngày tiếp công dân").into());
        }
        self.create_petition_from(actor, new, Some(matter_id)).await
    }
}
