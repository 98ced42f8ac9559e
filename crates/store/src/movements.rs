//! Movements and campaigns with their units and self-managed groups; funds with receipts and
//! spending (never more than the fund holds, checked under the writer's lock); houses of great
//! solidarity (a house paid by a fund is that fund's spending, in the same transaction);
//! new-rural contributions; and tasks ordered from MTTQ or an association.

use crate::record_rows::{clean, coded, date, day, maybe_date, page, Keyset, ListOrder, RecordPage, RecordQuery};
use crate::search_texts::{push_search, search_key};
use crate::sql::{col, Sql};
use crate::units::push_scope;
use crate::write::WriteTx;
use crate::{Result, Store, StoreError};
use chrono::NaiveDate;
use danvan_domain::movement::{
    check_entry, check_result, money, validate_fund, validate_group, validate_house, validate_movement, validate_rural,
    validate_task, ContributionSource, EntryKind, Fund, FundEntry, FundKind, Group, GroupField, House, HouseKind,
    Movement, MovementKind, NewFund, NewFundEntry, NewGroup, NewHouse, NewMovement, NewOrderedTask,
    NewRuralContribution, OrderedTask, RuralContribution, TaskResult, TaskStatus, UnitRef,
};
use danvan_domain::role::require;
use danvan_domain::scope::Actor;
use danvan_domain::text::normalize;
use danvan_domain::unit::Level;
use danvan_domain::{DomainError, ErrorCode};
use sqlx::any::AnyRow;

const UNIT_COLUMNS: &str = "u.scheme AS unit_scheme, u.code AS unit_code, u.name AS unit_name, u.level AS unit_level";

const FUND_COLUMNS: &str = "f.id, u.scheme AS unit_scheme, u.code AS unit_code, u.name AS unit_name, f.kind, f.name, \
    f.opened_on, \
    CAST(COALESCE((SELECT SUM(e.amount) FROM fund_entries e WHERE e.fund_id = f.id AND e.kind = 'receipt'), 0) AS BIGINT) AS received, \
    CAST(COALESCE((SELECT SUM(e.amount) FROM fund_entries e WHERE e.fund_id = f.id AND e.kind = 'spending'), 0) AS BIGINT) AS spent \
    FROM funds f JOIN units u ON u.id = f.unit_id";

/// The ordered-task list's filters.
#[derive(Debug, Clone)]
pub struct TaskQuery {
    /// This unit and those below it
    pub unit: Option<String>,
    pub status: Option<TaskStatus>,
    /// Only tasks still ordered past their deadline
    pub overdue: bool,
    /// Words of the orderer, contractor, content or project, with or without diacritics
    pub q: Option<String>,
    /// By deadline: `Oldest` (the default) is the nearest deadline first
    pub sort: ListOrder,
    /// The previous page's `next` (made with the same `sort`)
    pub after: Option<String>,
    pub limit: Option<i64>,
}

impl Default for TaskQuery {
    /// Every task in scope, the nearest deadline first, as the worklist reads them.
    fn default() -> Self {
        TaskQuery {
            unit: None,
            status: None,
            overdue: false,
            q: None,
            sort: ListOrder::Oldest,
            after: None,
            limit: None,
        }
    }
}

const HOUSE_PAGES: Keyset = Keyset {
    date: "h.handed_over_on",
    id: "h.id",
};

const RURAL_PAGES: Keyset = Keyset {
    date: "c.given_on",
    id: "c.id",
};

const TASK_PAGES: Keyset = Keyset {
    date: "t.deadline",
    id: "t.id",
};

/// A movement's row with its unit and its number of self-managed groups; `AND …` follows.
const MOVEMENT_SELECT: &str = "SELECT m.id, u.scheme AS unit_scheme, u.code AS unit_code, u.name AS unit_name, \
    u.level AS unit_level, m.kind, m.name, m.started_on, m.ended_on, m.description, \
    (SELECT COUNT(*) FROM movement_groups g WHERE g.movement_id = m.id) AS n_groups \
    FROM movements m JOIN units u ON u.id = m.unit_id WHERE 1 = 1";

const MOVEMENT_PAGES: Keyset = Keyset {
    date: "m.started_on",
    id: "m.id",
};

fn movement_from(row: &AnyRow) -> Result<Movement> {
    Ok(Movement {
        id: col(row, "id")?,
        unit_scheme: col(row, "unit_scheme")?,
        unit_code: col(row, "unit_code")?,
        unit_name: col(row, "unit_name")?,
        unit_level: coded(row, "unit_level", Level::parse)?,
        kind: coded(row, "kind", MovementKind::parse)?,
        name: col(row, "name")?,
        started_on: date(row, "started_on")?,
        ended_on: maybe_date(row, "ended_on")?,
        description: col(row, "description")?,
        units: Vec::new(),
        groups: col(row, "n_groups")?,
    })
}

fn group_from(row: &AnyRow) -> Result<Group> {
    Ok(Group {
        id: col(row, "id")?,
        unit_scheme: col(row, "unit_scheme")?,
        unit_code: col(row, "unit_code")?,
        unit_name: col(row, "unit_name")?,
        movement_id: col(row, "movement_id")?,
        name: col(row, "name")?,
        field: coded(row, "field", GroupField::parse)?,
        members: col(row, "members")?,
        founded_on: date(row, "founded_on")?,
    })
}

fn fund_from(row: &AnyRow) -> Result<Fund> {
    let received: i64 = col(row, "received")?;
    let spent: i64 = col(row, "spent")?;
    Ok(Fund {
        id: col(row, "id")?,
        unit_scheme: col(row, "unit_scheme")?,
        unit_code: col(row, "unit_code")?,
        unit_name: col(row, "unit_name")?,
        kind: coded(row, "kind", FundKind::parse)?,
        name: col(row, "name")?,
        opened_on: date(row, "opened_on")?,
        received,
        spent,
        balance: received - spent,
        entries: Vec::new(),
    })
}

fn entry_from(row: &AnyRow) -> Result<FundEntry> {
    Ok(FundEntry {
        id: col(row, "id")?,
        kind: coded(row, "kind", EntryKind::parse)?,
        on: date(row, "entry_on")?,
        amount: col(row, "amount")?,
        counterpart: col(row, "counterpart")?,
        house_id: col(row, "house_id")?,
    })
}

fn house_from(row: &AnyRow) -> Result<House> {
    Ok(House {
        id: col(row, "id")?,
        unit_scheme: col(row, "unit_scheme")?,
        unit_code: col(row, "unit_code")?,
        unit_name: col(row, "unit_name")?,
        household: col(row, "household")?,
        kind: coded(row, "kind", HouseKind::parse)?,
        handed_over_on: date(row, "handed_over_on")?,
        value: col(row, "value")?,
        fund_id: col(row, "fund_id")?,
        from_fund: col(row, "from_fund")?,
    })
}

fn rural_from(row: &AnyRow) -> Result<RuralContribution> {
    Ok(RuralContribution {
        id: col(row, "id")?,
        unit_scheme: col(row, "unit_scheme")?,
        unit_code: col(row, "unit_code")?,
        unit_name: col(row, "unit_name")?,
        on: date(row, "given_on")?,
        source: coded(row, "source", ContributionSource::parse)?,
        amount: col(row, "amount")?,
        land_m2_tenths: col(row, "land_m2_tenths")?,
        workdays: col(row, "workdays")?,
        purpose: col(row, "purpose")?,
    })
}

fn task_from(row: &AnyRow, today: NaiveDate) -> Result<OrderedTask> {
    let status = coded(row, "status", TaskStatus::parse)?;
    let deadline = date(row, "deadline")?;
    Ok(OrderedTask {
        id: col(row, "id")?,
        unit_scheme: col(row, "unit_scheme")?,
        unit_code: col(row, "unit_code")?,
        unit_name: col(row, "unit_name")?,
        orderer: col(row, "orderer")?,
        contractor: col(row, "contractor")?,
        content: col(row, "content")?,
        budget: col(row, "budget")?,
        ordered_on: date(row, "ordered_on")?,
        deadline,
        gpmb_project: col(row, "gpmb_project")?,
        status,
        result: col(row, "result")?,
        done_on: maybe_date(row, "done_on")?,
        spent: col(row, "spent")?,
        overdue: status == TaskStatus::Ordered && deadline < today,
    })
}

/// One fund entry to write (after the balance check).
struct Entry<'a> {
    kind: EntryKind,
    on: NaiveDate,
    amount: i64,
    counterpart: &'a str,
    house_id: Option<i64>,
}

/// Inserts `sql`'s row and gives its id.
async fn insert(tx: &mut WriteTx, mut q: Sql) -> Result<i64> {
    q.push(" RETURNING id");
    Ok(col(&q.query().fetch_one(&mut *tx.tx).await?, "id")?)
}

impl Store {
    /// Records a movement or campaign with the units taking part.
    pub async fn create_movement(&self, actor: &Actor, new: &NewMovement) -> Result<Movement> {
        require(actor.role.can_write_records(), "ghi nhận phong trào")?;
        validate_movement(new, crate::units::today())?;
        let unit = self.resolve_unit(&new.unit, Some(new.started_on)).await?;
        actor.scope.require(&unit)?;
        let mut units = Vec::new();
        for reference in new.units.iter().map(|u| u.trim()).filter(|u| !u.is_empty()) {
            let u = self.resolve_unit(reference, Some(new.started_on)).await?;
            actor.scope.require(&u)?;
            if !units.iter().any(|x: &danvan_domain::unit::Unit| x.id == u.id) {
                units.push(u);
            }
        }
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new(
            "INSERT INTO movements (unit_id, kind, name, started_on, ended_on, description, search_text, created_by, \
             created_at) VALUES ",
        );
        q.bind_row(vec![
            unit.id.into(),
            new.kind.as_str().into(),
            normalize(&new.name).into(),
            day(new.started_on).into(),
            new.ended_on.map(day).into(),
            clean(&new.description).into(),
            search_key(&[Some(new.name.as_str()), new.description.as_deref()]).into(),
            actor.user_id.into(),
            tx.now().to_string().into(),
        ]);
        let id = insert(&mut tx, q).await?;
        if !units.is_empty() {
            let mut q = Sql::new("INSERT INTO movement_units (movement_id, unit_id) VALUES ");
            q.bind_rows(units.iter().map(|u| vec![id.into(), u.id.into()]));
            q.query().execute(&mut *tx.tx).await?;
        }
        let audited = serde_json::json!({
            "id": id, "unit": unit.label(), "kind": new.kind, "name": normalize(&new.name),
            "started_on": new.started_on, "units": units.iter().map(|u| u.label()).collect::<Vec<_>>(),
        });
        tx.audit(
            actor,
            "create",
            "movement",
            &id.to_string(),
            None::<&()>,
            Some(&audited),
        )
        .await?;
        tx.commit().await?;
        self.movement(actor, id).await
    }

    pub async fn movement(&self, actor: &Actor, id: i64) -> Result<Movement> {
        let mut q = Sql::new(&format!("{MOVEMENT_SELECT} AND m.id = "));
        q.bind(id);
        push_scope(&mut q, &actor.scope, "u.path");
        let row = q.query().fetch_optional(&self.pool).await?;
        let mut m = row
            .as_ref()
            .map(movement_from)
            .transpose()?
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("phong trào {id}")))?;
        let mut q = Sql::new(
            "SELECT u.scheme, u.code, u.name FROM movement_units mu JOIN units u ON u.id = mu.unit_id WHERE mu.movement_id = ",
        );
        q.bind(id).push(" ORDER BY u.path");
        for row in q.query().fetch_all(&self.pool).await? {
            m.units.push(UnitRef {
                scheme: col(&row, "scheme")?,
                code: col(&row, "code")?,
                name: col(&row, "name")?,
            });
        }
        Ok(m)
    }

    /// A keyset page of the movements in scope (launched in `query.unit`'s subtree, running at
    /// some time in [from, to], matching the search words), by start, the newest first unless
    /// asked.
    pub async fn list_movements(&self, actor: &Actor, query: &RecordQuery) -> Result<RecordPage<Movement>> {
        let limit = query.limit.unwrap_or(50).clamp(1, 500);
        let mut q = Sql::new(MOVEMENT_SELECT);
        push_scope(&mut q, &actor.scope, "u.path");
        self.push_unit_filter(&mut q, query).await?;
        if let Some(t) = query.to {
            q.push(" AND m.started_on <= ").bind(day(t));
        }
        if let Some(f) = query.from {
            q.push(" AND (m.ended_on IS NULL OR m.ended_on >= ")
                .bind(day(f))
                .push(")");
        }
        push_search(&mut q, "m.search_text", query.q.as_deref());
        MOVEMENT_PAGES.push_page(&mut q, query.sort, query.after.as_deref(), limit)?;
        let rows: Vec<Movement> = q
            .query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(movement_from)
            .collect::<Result<_>>()?;
        let (items, next) = page(rows, limit, |m| (m.started_on, m.id));
        Ok(RecordPage { items, next })
    }

    /// Every movement `query` picks (for an export and the yearly figures), refused beyond `max`.
    pub async fn export_movements(&self, actor: &Actor, query: &RecordQuery, max: usize) -> Result<Vec<Movement>> {
        crate::pages::every_page(max, "phong trào", query, |q| async move {
            self.list_movements(actor, &q).await
        })
        .await
    }

    /// Records a self-managed group (tổ tự quản), optionally under a movement.
    pub async fn create_group(&self, actor: &Actor, new: &NewGroup) -> Result<Group> {
        require(actor.role.can_write_records(), "ghi nhận tổ tự quản")?;
        validate_group(new, crate::units::today())?;
        let unit = self.resolve_unit(&new.unit, Some(new.founded_on)).await?;
        actor.scope.require(&unit)?;
        if let Some(m) = new.movement_id {
            self.movement(actor, m).await?;
        }
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new(
            "INSERT INTO movement_groups (unit_id, movement_id, name, field, members, founded_on, created_by, created_at) VALUES ",
        );
        q.bind_row(vec![
            unit.id.into(),
            new.movement_id.into(),
            normalize(&new.name).into(),
            new.field.as_str().into(),
            new.members.into(),
            day(new.founded_on).into(),
            actor.user_id.into(),
            tx.now().to_string().into(),
        ]);
        let id = insert(&mut tx, q).await?;
        let audited = serde_json::json!({
            "id": id, "unit": unit.label(), "name": normalize(&new.name), "field": new.field,
            "members": new.members, "movement_id": new.movement_id,
        });
        tx.audit(
            actor,
            "create",
            "movement_group",
            &id.to_string(),
            None::<&()>,
            Some(&audited),
        )
        .await?;
        tx.commit().await?;
        let mut q = Sql::new(&format!(
            "SELECT g.id, {UNIT_COLUMNS}, g.movement_id, g.name, g.field, g.members, g.founded_on \
             FROM movement_groups g JOIN units u ON u.id = g.unit_id WHERE g.id = "
        ));
        q.bind(id);
        group_from(&q.query().fetch_one(&self.pool).await?)
    }

    /// Self-managed groups in scope, by unit.
    pub async fn list_groups(&self, actor: &Actor, movement_id: Option<i64>) -> Result<Vec<Group>> {
        let mut q = Sql::new(&format!(
            "SELECT g.id, {UNIT_COLUMNS}, g.movement_id, g.name, g.field, g.members, g.founded_on \
             FROM movement_groups g JOIN units u ON u.id = g.unit_id WHERE 1 = 1"
        ));
        push_scope(&mut q, &actor.scope, "u.path");
        if let Some(m) = movement_id {
            q.push(" AND g.movement_id = ").bind(m);
        }
        q.push(" ORDER BY u.path, g.name LIMIT 1000");
        q.query().fetch_all(&self.pool).await?.iter().map(group_from).collect()
    }

    /// Opens a fund.
    pub async fn create_fund(&self, actor: &Actor, new: &NewFund) -> Result<Fund> {
        require(actor.role.can_write_records(), "lập quỹ")?;
        validate_fund(new, crate::units::today())?;
        let unit = self.resolve_unit(&new.unit, Some(new.opened_on)).await?;
        actor.scope.require(&unit)?;
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new("INSERT INTO funds (unit_id, kind, name, opened_on, created_by, created_at) VALUES ");
        q.bind_row(vec![
            unit.id.into(),
            new.kind.as_str().into(),
            normalize(&new.name).into(),
            day(new.opened_on).into(),
            actor.user_id.into(),
            tx.now().to_string().into(),
        ]);
        let id = insert(&mut tx, q).await?;
        let audited =
            serde_json::json!({ "id": id, "unit": unit.label(), "kind": new.kind, "name": normalize(&new.name) });
        tx.audit(actor, "create", "fund", &id.to_string(), None::<&()>, Some(&audited))
            .await?;
        tx.commit().await?;
        self.fund(actor, id).await
    }

    /// One fund in scope with its entries, oldest first.
    pub async fn fund(&self, actor: &Actor, id: i64) -> Result<Fund> {
        let mut q = Sql::new(&format!("SELECT {FUND_COLUMNS} WHERE f.id = "));
        q.bind(id);
        push_scope(&mut q, &actor.scope, "u.path");
        let row = q.query().fetch_optional(&self.pool).await?;
        let mut f = row
            .as_ref()
            .map(fund_from)
            .transpose()?
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("quỹ {id}")))?;
        let mut q =
            Sql::new("SELECT id, kind, entry_on, amount, counterpart, house_id FROM fund_entries WHERE fund_id = ");
        q.bind(id).push(" ORDER BY entry_on, id");
        f.entries = q
            .query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(entry_from)
            .collect::<Result<_>>()?;
        Ok(f)
    }

    /// Funds in scope with their totals.
    pub async fn list_funds(&self, actor: &Actor) -> Result<Vec<Fund>> {
        let mut q = Sql::new(&format!("SELECT {FUND_COLUMNS} WHERE 1 = 1"));
        push_scope(&mut q, &actor.scope, "u.path");
        q.push(" ORDER BY u.path, f.name LIMIT 500");
        q.query().fetch_all(&self.pool).await?.iter().map(fund_from).collect()
    }

    /// The fund's entries as of now, read inside the write transaction (so no other writer can
    /// spend the same money meanwhile), and the check of one more.
    async fn check_entry_in(tx: &mut WriteTx, fund: &Fund, kind: EntryKind, on: NaiveDate, amount: i64) -> Result<()> {
        let mut q =
            Sql::new("SELECT id, kind, entry_on, amount, counterpart, house_id FROM fund_entries WHERE fund_id = ");
        q.bind(fund.id);
        let entries: Vec<FundEntry> = q
            .query()
            .fetch_all(&mut *tx.tx)
            .await?
            .iter()
            .map(entry_from)
            .collect::<Result<_>>()?;
        check_entry(fund, &entries, kind, on, amount, crate::units::today())?;
        Ok(())
    }

    async fn insert_entry(tx: &mut WriteTx, actor: &Actor, fund: &Fund, e: Entry<'_>) -> Result<i64> {
        let Entry {
            kind,
            on,
            amount,
            counterpart,
            house_id,
        } = e;
        Self::check_entry_in(tx, fund, kind, on, amount).await?;
        let mut q = Sql::new(
            "INSERT INTO fund_entries (fund_id, kind, entry_on, amount, counterpart, house_id, created_by, created_at) VALUES ",
        );
        q.bind_row(vec![
            fund.id.into(),
            kind.as_str().into(),
            day(on).into(),
            amount.into(),
            normalize(counterpart).into(),
            house_id.into(),
            actor.user_id.into(),
            tx.now().to_string().into(),
        ]);
        let id = insert(tx, q).await?;
        let audited = serde_json::json!({
            "fund_id": fund.id, "kind": kind, "on": on, "amount": amount, "counterpart": normalize(counterpart),
            "house_id": house_id,
        });
        tx.audit(
            actor,
            "create",
            "fund_entry",
            &id.to_string(),
            None::<&()>,
            Some(&audited),
        )
        .await?;
        Ok(id)
    }

    /// Records money received into a fund or spent from it; spending more than the fund holds
    /// (on that day or any later one) is refused with `fund_overdrawn`.
    pub async fn add_fund_entry(&self, actor: &Actor, fund_id: i64, new: &NewFundEntry) -> Result<Fund> {
        require(actor.role.can_write_records(), "ghi thu, chi quỹ")?;
        let fund = self.fund(actor, fund_id).await?;
        let amount = money(&new.amount, "số tiền")?;
        if normalize(&new.counterpart).is_empty() {
            return Err(DomainError::validation("cần ghi người ủng hộ hoặc nội dung chi").into());
        }
        let mut tx = self.begin_write().await?;
        let entry = Entry {
            kind: new.kind,
            on: new.on,
            amount,
            counterpart: &new.counterpart,
            house_id: None,
        };
        Self::insert_entry(&mut tx, actor, &fund, entry).await?;
        tx.commit().await?;
        self.fund(actor, fund_id).await
    }

    /// Records a house of great solidarity; the fund's share (if a fund paid) is written as
    /// that fund's spending in the same transaction, so both are written or neither.
    pub async fn create_house(&self, actor: &Actor, new: &NewHouse) -> Result<House> {
        require(actor.role.can_write_records(), "ghi nhận nhà đại đoàn kết")?;
        let (value, from_fund) = validate_house(new, crate::units::today())?;
        let unit = self.resolve_unit(&new.unit, Some(new.handed_over_on)).await?;
        actor.scope.require(&unit)?;
        let fund = match new.fund_id {
            Some(id) => Some(self.fund(actor, id).await?),
            None => None,
        };
        let household = normalize(&new.household);
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new(
            "INSERT INTO houses (unit_id, household, kind, handed_over_on, value, fund_id, from_fund, search_text, \
             created_by, created_at) VALUES ",
        );
        q.bind_row(vec![
            unit.id.into(),
            household.clone().into(),
            new.kind.as_str().into(),
            day(new.handed_over_on).into(),
            value.into(),
            new.fund_id.into(),
            from_fund.into(),
            search_key(&[Some(household.as_str())]).into(),
            actor.user_id.into(),
            tx.now().to_string().into(),
        ]);
        let id = insert(&mut tx, q).await?;
        let audited = serde_json::json!({
            "id": id, "unit": unit.label(), "household": household, "kind": new.kind,
            "handed_over_on": new.handed_over_on, "value": value, "fund_id": new.fund_id, "from_fund": from_fund,
        });
        tx.audit(actor, "create", "house", &id.to_string(), None::<&()>, Some(&audited))
            .await?;
        if let (Some(fund), true) = (&fund, from_fund > 0) {
            let what = format!(
                "Hỗ trợ {} nhà đại đoàn kết hộ {household}",
                new.kind.label_vi().to_lowercase()
            );
            let entry = Entry {
                kind: EntryKind::Spending,
                on: new.handed_over_on,
                amount: from_fund,
                counterpart: &what,
                house_id: Some(id),
            };
            Self::insert_entry(&mut tx, actor, fund, entry).await?;
        }
        tx.commit().await?;
        let mut q = Sql::new(&format!(
            "SELECT h.id, {UNIT_COLUMNS}, h.household, h.kind, h.handed_over_on, h.value, h.fund_id, h.from_fund \
             FROM houses h JOIN units u ON u.id = h.unit_id WHERE h.id = "
        ));
        q.bind(id);
        house_from(&q.query().fetch_one(&self.pool).await?)
    }

    /// A keyset page of the houses of great solidarity in scope (handed over within [from, to],
    /// the household's name matching the search words), newest first unless asked.
    pub async fn list_houses(&self, actor: &Actor, query: &RecordQuery) -> Result<RecordPage<House>> {
        let limit = query.limit.unwrap_or(50).clamp(1, 500);
        let mut q = Sql::new(&format!(
            "SELECT h.id, {UNIT_COLUMNS}, h.household, h.kind, h.handed_over_on, h.value, h.fund_id, h.from_fund \
             FROM houses h JOIN units u ON u.id = h.unit_id WHERE 1 = 1"
        ));
        push_scope(&mut q, &actor.scope, "u.path");
        self.push_record_filters(&mut q, query, "h.handed_over_on", Some("h.search_text"))
            .await?;
        HOUSE_PAGES.push_page(&mut q, query.sort, query.after.as_deref(), limit)?;
        let rows: Vec<House> = q
            .query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(house_from)
            .collect::<Result<_>>()?;
        let (items, next) = page(rows, limit, |h| (h.handed_over_on, h.id));
        Ok(RecordPage { items, next })
    }

    /// Every house `query` picks (for an export), refused beyond `max`.
    pub async fn export_houses(&self, actor: &Actor, query: &RecordQuery, max: usize) -> Result<Vec<House>> {
        crate::pages::every_page(max, "nhà đại đoàn kết", query, |q| async move {
            self.list_houses(actor, &q).await
        })
        .await
    }

    /// Records a contribution to the new-rural programme.
    pub async fn create_rural_contribution(
        &self,
        actor: &Actor,
        new: &NewRuralContribution,
    ) -> Result<RuralContribution> {
        require(
            actor.role.can_write_records(),
            "ghi nhận đóng góp xây dựng nông thôn mới",
        )?;
        let (amount, land, workdays) = validate_rural(new, crate::units::today())?;
        let unit = self.resolve_unit(&new.unit, Some(new.on)).await?;
        actor.scope.require(&unit)?;
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new(
            "INSERT INTO rural_contributions (unit_id, given_on, source, amount, land_m2_tenths, workdays, purpose, \
             search_text, created_by, created_at) VALUES ",
        );
        q.bind_row(vec![
            unit.id.into(),
            day(new.on).into(),
            new.source.as_str().into(),
            amount.into(),
            land.into(),
            workdays.into(),
            normalize(&new.purpose).into(),
            search_key(&[Some(new.purpose.as_str())]).into(),
            actor.user_id.into(),
            tx.now().to_string().into(),
        ]);
        let id = insert(&mut tx, q).await?;
        let audited = serde_json::json!({
            "id": id, "unit": unit.label(), "on": new.on, "source": new.source, "amount": amount,
            "land_m2_tenths": land, "workdays": workdays,
        });
        tx.audit(
            actor,
            "create",
            "rural_contribution",
            &id.to_string(),
            None::<&()>,
            Some(&audited),
        )
        .await?;
        tx.commit().await?;
        let mut list = self.rural_where(actor, Some(id), &RecordQuery::default(), 1).await?;
        list.pop()
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("đóng góp {id}")))
    }

    /// A keyset page of the new-rural contributions in scope (given within [from, to], what they
    /// were for matching the search words), newest first unless asked.
    pub async fn list_rural_contributions(
        &self,
        actor: &Actor,
        query: &RecordQuery,
    ) -> Result<RecordPage<RuralContribution>> {
        let limit = query.limit.unwrap_or(50).clamp(1, 500);
        let rows = self.rural_where(actor, None, query, limit).await?;
        let (items, next) = page(rows, limit, |c| (c.on, c.id));
        Ok(RecordPage { items, next })
    }

    /// Every new-rural contribution `query` picks (for an export), refused beyond `max`.
    pub async fn export_rural_contributions(
        &self,
        actor: &Actor,
        query: &RecordQuery,
        max: usize,
    ) -> Result<Vec<RuralContribution>> {
        crate::pages::every_page(max, "khoản đóng góp", query, |q| async move {
            self.list_rural_contributions(actor, &q).await
        })
        .await
    }

    /// The contributions `query` picks (`limit + 1` of them, for the page trim), or the one with
    /// `id`.
    async fn rural_where(
        &self,
        actor: &Actor,
        id: Option<i64>,
        query: &RecordQuery,
        limit: i64,
    ) -> Result<Vec<RuralContribution>> {
        let mut q = Sql::new(&format!(
            "SELECT c.id, {UNIT_COLUMNS}, c.given_on, c.source, c.amount, c.land_m2_tenths, c.workdays, c.purpose \
             FROM rural_contributions c JOIN units u ON u.id = c.unit_id WHERE 1 = 1"
        ));
        if let Some(id) = id {
            q.push(" AND c.id = ").bind(id);
        }
        push_scope(&mut q, &actor.scope, "u.path");
        self.push_record_filters(&mut q, query, "c.given_on", Some("c.search_text"))
            .await?;
        RURAL_PAGES.push_page(&mut q, query.sort, query.after.as_deref(), limit)?;
        q.query().fetch_all(&self.pool).await?.iter().map(rural_from).collect()
    }

    /// Records a task the government orders from MTTQ or an association.
    pub async fn create_ordered_task(&self, actor: &Actor, new: &NewOrderedTask) -> Result<OrderedTask> {
        require(actor.role.can_write_records(), "ghi nhận nhiệm vụ đặt hàng")?;
        let budget = validate_task(new, crate::units::today())?;
        let unit = self.resolve_unit(&new.unit, Some(new.ordered_on)).await?;
        actor.scope.require(&unit)?;
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new(
            "INSERT INTO ordered_tasks (unit_id, orderer, contractor, content, budget, ordered_on, deadline, gpmb_project, \
             status, search_text, created_by, created_at) VALUES ",
        );
        q.bind_row(vec![
            unit.id.into(),
            normalize(&new.orderer).into(),
            normalize(&new.contractor).into(),
            normalize(&new.content).into(),
            budget.into(),
            day(new.ordered_on).into(),
            day(new.deadline).into(),
            clean(&new.gpmb_project).into(),
            TaskStatus::Ordered.as_str().into(),
            search_key(&[
                Some(new.orderer.as_str()),
                Some(new.contractor.as_str()),
                Some(new.content.as_str()),
                new.gpmb_project.as_deref(),
            ])
            .into(),
            actor.user_id.into(),
            tx.now().to_string().into(),
        ]);
        let id = insert(&mut tx, q).await?;
        let audited = serde_json::json!({
            "id": id, "unit": unit.label(), "orderer": normalize(&new.orderer), "contractor": normalize(&new.contractor),
            "budget": budget, "ordered_on": new.ordered_on, "deadline": new.deadline,
        });
        tx.audit(
            actor,
            "create",
            "ordered_task",
            &id.to_string(),
            None::<&()>,
            Some(&audited),
        )
        .await?;
        tx.commit().await?;
        self.ordered_task(actor, id).await
    }

    pub async fn ordered_task(&self, actor: &Actor, id: i64) -> Result<OrderedTask> {
        let mut list = self.tasks_where(actor, Some(id), &TaskQuery::default(), 1).await?;
        list.pop()
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("nhiệm vụ đặt hàng {id}")))
    }

    /// A keyset page of the ordered tasks in scope, by deadline (the nearest first unless
    /// asked), as `query` filters them.
    pub async fn list_ordered_tasks(&self, actor: &Actor, query: &TaskQuery) -> Result<RecordPage<OrderedTask>> {
        let limit = query.limit.unwrap_or(50).clamp(1, 500);
        let rows = self.tasks_where(actor, None, query, limit).await?;
        let (items, next) = page(rows, limit, |t| (t.deadline, t.id));
        Ok(RecordPage { items, next })
    }

    /// Every ordered task `query` picks (for an export), refused beyond `max`.
    pub async fn export_ordered_tasks(&self, actor: &Actor, query: &TaskQuery, max: usize) -> Result<Vec<OrderedTask>> {
        crate::pages::every_page(max, "nhiệm vụ đặt hàng", query, |q| async move {
            self.list_ordered_tasks(actor, &q).await
        })
        .await
    }

    /// The ordered tasks of the follow-up worklist: not done (nor cancelled) past their
    /// deadline, nearest deadline first, in scope (and in `query.unit`'s subtree when given).
    pub async fn follow_up_tasks(&self, actor: &Actor, query: &crate::FollowUpQuery) -> Result<Vec<OrderedTask>> {
        let today = query.today.unwrap_or_else(crate::units::today);
        let mut q = Sql::new(&format!(
            "SELECT t.id, {UNIT_COLUMNS}, t.orderer, t.contractor, t.content, t.budget, t.ordered_on, t.deadline, \
             t.gpmb_project, t.status, t.result, t.done_on, t.spent FROM ordered_tasks t JOIN units u ON u.id = t.unit_id \
             WHERE t.status = 'ordered' AND t.deadline < "
        ));
        q.bind(day(today));
        push_scope(&mut q, &actor.scope, "u.path");
        if let Some(unit) = query.unit.as_deref().filter(|s| !s.is_empty()) {
            let unit = self.resolve_unit(unit, None).await?;
            q.push(" AND u.path LIKE ").bind(crate::sql::starts_with(&unit.path));
        }
        q.push(" ORDER BY t.deadline, t.id LIMIT ")
            .bind(query.limit.unwrap_or(200).clamp(1, 1000));
        q.query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| task_from(r, today))
            .collect()
    }

    /// The tasks `query` picks (`limit + 1` of them, for the page trim), or the one with `id`.
    async fn tasks_where(
        &self,
        actor: &Actor,
        id: Option<i64>,
        query: &TaskQuery,
        limit: i64,
    ) -> Result<Vec<OrderedTask>> {
        let today = crate::units::today();
        let mut q = Sql::new(&format!(
            "SELECT t.id, {UNIT_COLUMNS}, t.orderer, t.contractor, t.content, t.budget, t.ordered_on, t.deadline, \
             t.gpmb_project, t.status, t.result, t.done_on, t.spent FROM ordered_tasks t JOIN units u ON u.id = t.unit_id \
             WHERE 1 = 1"
        ));
        if let Some(id) = id {
            q.push(" AND t.id = ").bind(id);
        }
        push_scope(&mut q, &actor.scope, "u.path");
        if let Some(unit) = query.unit.as_deref().filter(|s| !s.is_empty()) {
            let unit = self.resolve_unit(unit, None).await?;
            q.push(" AND u.path LIKE ").bind(crate::sql::starts_with(&unit.path));
        }
        if let Some(s) = query.status {
            q.push(" AND t.status = ").bind(s.as_str());
        }
        if query.overdue {
            q.push(" AND t.status = 'ordered' AND t.deadline < ").bind(day(today));
        }
        push_search(&mut q, "t.search_text", query.q.as_deref());
        TASK_PAGES.push_page(&mut q, query.sort, query.after.as_deref(), limit)?;
        q.query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| task_from(r, today))
            .collect()
    }

    /// Ends an ordered task: done with its result (and the money used, not above the budget),
    /// or cancelled with the reason.
    pub async fn finish_ordered_task(&self, actor: &Actor, id: i64, r: &TaskResult) -> Result<OrderedTask> {
        require(actor.role.can_write_records(), "cập nhật nhiệm vụ đặt hàng")?;
        let task = self.ordered_task(actor, id).await?;
        let today = crate::units::today();
        let spent = check_result(&task, r, today)?;
        let on = r.on.unwrap_or(today);
        let mut q = Sql::new("UPDATE ordered_tasks SET status = ");
        q.bind(r.status.as_str())
            .push(", result = ")
            .bind(normalize(&r.result))
            .push(", done_on = ")
            .bind(day(on))
            .push(", spent = ")
            .bind(spent)
            .push(" WHERE id = ")
            .bind(id)
            .push(" AND status = 'ordered'");
        let mut tx = self.begin_write().await?;
        if q.query().execute(&mut *tx.tx).await?.rows_affected() != 1 {
            return Err(DomainError::new(ErrorCode::InvalidTransition, "nhiệm vụ vừa được người khác cập nhật").into());
        }
        let before = serde_json::json!({ "status": task.status });
        let after = serde_json::json!({ "status": r.status, "on": on, "result": normalize(&r.result), "spent": spent });
        tx.audit(
            actor,
            r.status.as_str(),
            "ordered_task",
            &id.to_string(),
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        self.ordered_task(actor, id).await
    }
}
