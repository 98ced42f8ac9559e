//! Administrative unit queries and admin-added units (villages, residential groups).
//!
//! The unit catalogue is public reference data (the GSO publishes it and the citizen portal
//! shows it), so any signed-in caller may read it; `UnitQuery::in_scope_only` narrows a list to
//! the caller's scope (the unit browser). Adding a unit is checked against the caller's scope.

use crate::error::on_unique;
use crate::sql::{col, starts_with, Sql};
use crate::{Result, Store, StoreError};
use chrono::NaiveDate;
use danvan_domain::role::require;
use danvan_domain::scope::{Actor, Scope};
use danvan_domain::text::{fold, normalize};
use danvan_domain::unit::{parse_date, unit_path, validate_new_unit, Level, NewUnit, Succession, SuccessionKind, Unit};
use danvan_domain::ErrorCode;
use sqlx::any::AnyRow;

pub(crate) const UNIT_COLUMNS: &str = "u.id, u.scheme, u.code, u.name, u.kind, u.level, u.parent_id, \
     p.code AS parent_code, u.path, u.valid_from, u.valid_to FROM units u LEFT JOIN units p ON p.id = u.parent_id";

/// Filters for listing units. All optional; `limit` defaults to all.
#[derive(Debug, Clone, Default)]
pub struct UnitQuery {
    /// Only units valid on this date.
    pub at: Option<NaiveDate>,
    pub level: Option<Level>,
    pub scheme: Option<String>,
    /// Only direct children of this parent code (resolved at `at`, or in `scheme`).
    pub parent: Option<String>,
    /// Name search, diacritics-insensitive.
    pub q: Option<String>,
    /// Only units in the caller's scope.
    pub in_scope_only: bool,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

pub(crate) fn unit_from_row(row: &AnyRow) -> Result<Unit> {
    let level: String = col(row, "level")?;
    Ok(Unit {
        id: col(row, "id")?,
        scheme: col(row, "scheme")?,
        code: col(row, "code")?,
        name: col(row, "name")?,
        kind: col(row, "kind")?,
        level: Level::parse(&level).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        parent_id: col(row, "parent_id")?,
        parent_code: col(row, "parent_code")?,
        path: col(row, "path")?,
        valid_from: opt_date(col(row, "valid_from")?)?,
        valid_to: opt_date(col(row, "valid_to")?)?,
    })
}

pub(crate) fn opt_date(s: Option<String>) -> Result<Option<NaiveDate>> {
    s.map(|s| parse_date(&s).map_err(|e| StoreError::Corrupt(e.to_string())))
        .transpose()
}

pub(crate) fn date_text(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

/// Adds "valid on `at`" to a WHERE clause over alias `u`.
fn push_valid_at(q: &mut Sql, at: NaiveDate) {
    let at = at.format("%Y-%m-%d").to_string();
    q.push(" AND (u.valid_from IS NULL OR u.valid_from <= ")
        .bind(at.clone())
        .push(") AND (u.valid_to IS NULL OR u.valid_to >= ")
        .bind(at)
        .push(")");
}

/// Adds "the unit's path is in scope" to a WHERE clause; `path_col` names the path column.
/// How long a unit read stays cached (units change rarely: villages are added, names fixed).
const UNIT_CACHE_TTL: std::time::Duration = std::time::Duration::from_secs(60);

pub(crate) type UnitCache =
    std::sync::Arc<std::sync::RwLock<std::collections::HashMap<String, (std::time::Instant, Unit)>>>;

pub(crate) fn push_scope(q: &mut Sql, scope: &Scope, path_col: &str) {
    if scope.is_everything() {
        return;
    }
    q.push(" AND (");
    for (i, p) in scope.prefixes().iter().enumerate() {
        if i > 0 {
            q.push(" OR ");
        }
        q.push(path_col).push(" LIKE ").bind(starts_with(p));
    }
    if scope.prefixes().is_empty() {
        q.push("1 = 0");
    }
    q.push(")");
}

/// `+{column} IN (the ids of the units that pass `narrow` and are in `scope`)`. The `+` keeps
/// SQLite from walking a (unit, date) index row by row where the date range over a covering
/// index is much faster for a province.
pub(crate) fn push_units_in(q: &mut Sql, column: &str, scope: &Scope, narrow: impl FnOnce(&mut Sql)) {
    q.push(&format!("+{column} IN (SELECT u.id FROM units u WHERE 1 = 1"));
    narrow(q);
    push_scope(q, scope, "u.path");
    q.push(")");
}

/// The units a figure counts: path prefixes, usually the one of a unit's subtree. A report of a
/// 2025 unit over a period before 1/7/2025 adds the legacy units that went into it (see
/// `Store::report_subtree`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subtree {
    pub(crate) prefixes: Vec<String>,
}

impl Subtree {
    pub fn of(unit: &Unit) -> Subtree {
        Subtree {
            prefixes: vec![unit.path.clone()],
        }
    }

    /// Adds a prefix unless one already covers it.
    pub(crate) fn add(&mut self, path: &str) {
        if !self.prefixes.iter().any(|p| path.starts_with(p.as_str())) {
            self.prefixes.retain(|p| !p.starts_with(path));
            self.prefixes.push(path.to_string());
        }
    }

    /// `(path LIKE 'a%' OR path LIKE 'b%')` over `path_col`.
    pub(crate) fn push(&self, q: &mut Sql, path_col: &str) {
        q.push("(");
        for (i, p) in self.prefixes.iter().enumerate() {
            if i > 0 {
                q.push(" OR ");
            }
            q.push(path_col).push(" LIKE ").bind(starts_with(p));
        }
        q.push(")");
    }
}

impl Store {
    /// The unit (scheme, code), or `unknown_unit`.
    pub async fn unit(&self, scheme: &str, code: &str) -> Result<Unit> {
        self.find_unit(scheme, code)
            .await?
            .ok_or_else(|| StoreError::domain(ErrorCode::UnknownUnit, format!("{scheme}/{code}")))
    }

    pub async fn find_unit(&self, scheme: &str, code: &str) -> Result<Option<Unit>> {
        let key = format!("{scheme}/{code}");
        if let Some(u) = self.cached_unit(&key) {
            return Ok(Some(u));
        }
        let mut q = Sql::new(&format!("SELECT {UNIT_COLUMNS} WHERE u.scheme = "));
        q.bind(scheme).push(" AND u.code = ").bind(code);
        let row = q.query().fetch_optional(&self.pool).await?;
        let unit = row.as_ref().map(unit_from_row).transpose()?;
        if let Some(u) = &unit {
            self.cache_unit(key, u);
        }
        Ok(unit)
    }

    /// A unit read in the last minute. Only found units are kept: a unit added meanwhile (by
    /// this process, which clears the cache, or another) is never reported missing.
    fn cached_unit(&self, key: &str) -> Option<Unit> {
        let cache = self.unit_cache.read().ok()?;
        cache
            .get(key)
            .filter(|(at, _)| at.elapsed() < UNIT_CACHE_TTL)
            .map(|(_, u)| u.clone())
    }

    fn cache_unit(&self, key: String, unit: &Unit) {
        if let Ok(mut cache) = self.unit_cache.write() {
            if cache.len() > 50_000 {
                cache.clear();
            }
            cache.insert(key, (std::time::Instant::now(), unit.clone()));
        }
    }

    pub(crate) async fn unit_by_id(&self, id: i64) -> Result<Unit> {
        let key = format!("#{id}");
        if let Some(u) = self.cached_unit(&key) {
            return Ok(u);
        }
        let mut q = Sql::new(&format!("SELECT {UNIT_COLUMNS} WHERE u.id = "));
        q.bind(id);
        let row = q.query().fetch_one(&self.pool).await?;
        let unit = unit_from_row(&row)?;
        self.cache_unit(key, &unit);
        Ok(unit)
    }

    /// Resolves what a person types: `scheme/code`, or a bare code valid at `at` (default today).
    /// A bare code valid in two schemes on that date is `ambiguous_unit`.
    pub async fn resolve_unit(&self, reference: &str, at: Option<NaiveDate>) -> Result<Unit> {
        let reference = reference.trim();
        if let Some((scheme, code)) = reference.split_once('/') {
            return self.unit(scheme, code).await;
        }
        let at = at.unwrap_or_else(today);
        let mut q = Sql::new(&format!("SELECT {UNIT_COLUMNS} WHERE u.code = "));
        q.bind(reference);
        push_valid_at(&mut q, at);
        let rows = q.query().fetch_all(&self.pool).await?;
        match rows.len() {
            0 => Err(StoreError::domain(
                ErrorCode::UnknownUnit,
                format!("{reference} (ngày {})", at.format("%d/%m/%Y")),
            )),
            1 => unit_from_row(&rows[0]),
            _ => Err(StoreError::domain(ErrorCode::AmbiguousUnit, reference)),
        }
    }

    /// Lists units by the filters, ordered by path (tree order).
    pub async fn list_units(&self, actor: &Actor, query: &UnitQuery) -> Result<Vec<Unit>> {
        let mut q = Sql::new(&format!("SELECT {UNIT_COLUMNS} WHERE 1 = 1"));
        if let Some(at) = query.at {
            push_valid_at(&mut q, at);
        }
        if let Some(level) = query.level {
            q.push(" AND u.level = ").bind(level.as_str());
        }
        if let Some(scheme) = &query.scheme {
            q.push(" AND u.scheme = ").bind(scheme);
        }
        if let Some(parent) = &query.parent {
            let parent = match &query.scheme {
                Some(s) if !parent.contains('/') => self.unit(s, parent).await?,
                _ => self.resolve_unit(parent, query.at).await?,
            };
            q.push(" AND u.parent_id = ").bind(parent.id);
        }
        if let Some(text) = query.q.as_deref().map(fold).filter(|t| !t.is_empty()) {
            q.push(" AND u.name_folded LIKE ").bind(format!("%{text}%"));
        }
        if query.in_scope_only {
            push_scope(&mut q, &actor.scope, "u.path");
        }
        q.push(" ORDER BY u.path");
        if let Some(limit) = query.limit {
            q.push(" LIMIT ").bind(limit.clamp(1, 100_000));
            q.push(" OFFSET ").bind(query.offset.unwrap_or(0).max(0));
        }
        let rows = q.query().fetch_all(&self.pool).await?;
        rows.iter().map(unit_from_row).collect()
    }

    pub async fn children(&self, unit: &Unit) -> Result<Vec<Unit>> {
        let mut q = Sql::new(&format!("SELECT {UNIT_COLUMNS} WHERE u.parent_id = "));
        q.bind(unit.id).push(" ORDER BY u.code");
        let rows = q.query().fetch_all(&self.pool).await?;
        rows.iter().map(unit_from_row).collect()
    }

    /// From the province down to the unit's parent.
    pub async fn ancestors(&self, unit: &Unit) -> Result<Vec<Unit>> {
        let mut out = Vec::new();
        let mut next = unit.parent_id;
        while let Some(id) = next {
            let u = self.unit_by_id(id).await?;
            next = u.parent_id;
            out.push(u);
        }
        out.reverse();
        Ok(out)
    }

    /// The unit and everything under it, in tree order.
    pub async fn subtree(&self, unit: &Unit) -> Result<Vec<Unit>> {
        let mut q = Sql::new(&format!("SELECT {UNIT_COLUMNS} WHERE u.path LIKE "));
        q.bind(starts_with(&unit.path)).push(" ORDER BY u.path");
        let rows = q.query().fetch_all(&self.pool).await?;
        rows.iter().map(unit_from_row).collect()
    }

    /// The units this one went into.
    pub async fn successors(&self, unit: &Unit) -> Result<Vec<Succession>> {
        self.successions(unit, "s.successor_id", "s.predecessor_id").await
    }

    /// The units that went into this one.
    pub async fn predecessors(&self, unit: &Unit) -> Result<Vec<Succession>> {
        self.successions(unit, "s.predecessor_id", "s.successor_id").await
    }

    async fn successions(&self, unit: &Unit, other_col: &str, self_col: &str) -> Result<Vec<Succession>> {
        let mut q = Sql::new(&format!(
            "SELECT u.id, u.scheme, u.code, u.name, u.kind, u.level, u.parent_id, p.code AS parent_code, \
             u.path, u.valid_from, u.valid_to, s.kind AS succession_kind, s.is_default, s.effective \
             FROM unit_successions s JOIN units u ON u.id = {other_col} \
             LEFT JOIN units p ON p.id = u.parent_id WHERE {self_col} = "
        ));
        q.bind(unit.id).push(" ORDER BY s.is_default DESC, u.code");
        let rows = q.query().fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| {
                let other = unit_from_row(row)?;
                let kind: String = col(row, "succession_kind")?;
                let kind = SuccessionKind::parse(&kind).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                let is_default: i64 = col(row, "is_default")?;
                let effective = opt_date(col(row, "effective")?)?;
                let (predecessor, successor) = if self_col == "s.successor_id" {
                    (other, unit.clone())
                } else {
                    (unit.clone(), other)
                };
                Ok(Succession {
                    predecessor,
                    successor,
                    kind,
                    is_default: is_default != 0,
                    effective,
                })
            })
            .collect()
    }

    /// Every unit that went into this one, directly or through earlier successions.
    pub(crate) async fn all_predecessors(&self, unit: &Unit) -> Result<Vec<Unit>> {
        let mut seen: Vec<Unit> = Vec::new();
        let mut frontier = vec![unit.clone()];
        // Successions form a DAG backwards in time; a few hops reach any history an admin adds.
        while let Some(u) = frontier.pop() {
            for s in self.predecessors(&u).await? {
                if !seen.iter().any(|x| x.id == s.predecessor.id) {
                    frontier.push(s.predecessor.clone());
                    seen.push(s.predecessor);
                }
            }
        }
        Ok(seen)
    }

    /// Adds a unit (a village or residential group under a commune, or an earlier unit).
    pub async fn add_unit(&self, actor: &Actor, new: &NewUnit) -> Result<Unit> {
        require(actor.role.can_administer(), "thêm đơn vị hành chính")?;
        let parent = match &new.parent_code {
            Some(code) => Some(self.unit(&new.scheme, code).await?),
            None => None,
        };
        validate_new_unit(new, parent.as_ref())?;
        match &parent {
            Some(p) => actor.scope.require(p)?,
            None => require(actor.scope.is_everything(), "thêm đơn vị cấp tỉnh")?,
        }
        let mut tx = self.begin_write().await?;
        let unit = insert_unit(&mut tx, new, parent.as_ref()).await?;
        tx.audit(
            actor,
            "create",
            "unit",
            &format!("{}/{}", unit.scheme, unit.code),
            None::<&()>,
            Some(&unit),
        )
        .await?;
        tx.commit().await?;
        self.units_changed();
        Ok(unit)
    }
}

/// Inserts one unit inside a write transaction, refusing a duplicate (scheme, code).
pub(crate) async fn insert_unit(tx: &mut crate::write::WriteTx, new: &NewUnit, parent: Option<&Unit>) -> Result<Unit> {
    let name = normalize(&new.name);
    let path = unit_path(parent.map(|p| p.path.as_str()), &new.scheme, &new.code);
    let mut q = Sql::new(
        "INSERT INTO units (scheme, code, name, name_folded, kind, level, parent_id, path, valid_from, valid_to) VALUES ",
    );
    q.bind_row(vec![
        new.scheme.clone().into(),
        new.code.clone().into(),
        name.clone().into(),
        fold(&name).into(),
        normalize(&new.kind).into(),
        new.level.as_str().into(),
        parent.map(|p| p.id).into(),
        path.clone().into(),
        date_text(new.valid_from).into(),
        date_text(new.valid_to).into(),
    ]);
    q.push(" RETURNING id");
    let row = q
        .query()
        .fetch_one(&mut *tx.tx)
        .await
        .map_err(|e| on_unique(e, ErrorCode::DuplicateUnit, &format!("{}/{}", new.scheme, new.code)))?;
    Ok(Unit {
        id: col(&row, "id")?,
        scheme: new.scheme.clone(),
        code: new.code.clone(),
        name,
        kind: normalize(&new.kind),
        level: new.level,
        parent_id: parent.map(|p| p.id),
        parent_code: parent.map(|p| p.code.clone()),
        path,
        valid_from: new.valid_from,
        valid_to: new.valid_to,
    })
}

/// Today in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
pub fn today() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}
