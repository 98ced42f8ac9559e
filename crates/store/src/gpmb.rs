//! Land-clearance (GPMB) projects: the units crossed, milestones, households with their dated
//! state history, the mobilization log, links to dialogues, disclosures and petitions, progress
//! over time and the households still outstanding; and the statistics.

use crate::record_rows::RecordPage;
use crate::records::{clean, codes_text, date, parse, parse_codes};
use crate::search_texts::{push_search, search_key};
use crate::sql::{col, starts_with, Sql};
use crate::units::{date_text, opt_date, push_scope};
use crate::write::WriteTx;
use crate::{Result, Store, StoreError};
use chrono::NaiveDate;
use danvan_domain::figures::format_count;
use danvan_domain::gpmb::{
    check_change, month_ends, procedure_periods, procedure_warnings, progress, progress_over_time, validate_household,
    validate_mobilization, validate_procedure, validate_project, GpmbStats, Household, HouseholdChange, HouseholdState,
    LandType, Milestone, Mobilization, MobilizationForce, NewHousehold, NewMobilization, NewProject, ProcedureSteps,
    Progress, ProgressPoint, Project, ProjectLine, StateChange, UnitRef,
};
use danvan_domain::meeting::report_count;
use danvan_domain::petition::Count;
use danvan_domain::role::require;
use danvan_domain::scope::Actor;
use danvan_domain::text::normalize;
use danvan_domain::unit::{Level, Unit};
use danvan_domain::{DomainError, ErrorCode};
use sqlx::any::AnyRow;

const PROJECT_COLUMNS: &str = "g.id, u.scheme AS unit_scheme, u.code AS unit_code, u.name AS unit_name, \
    u.level AS unit_level, g.name, g.scale, g.investor, g.area_m2, g.households_planned, g.started_on, \
    g.land_type, g.notice_on, g.plan_posted_from, g.plan_posted_to, g.consulted_on, g.dialogue_on, \
    g.recovery_decided_on FROM gpmb_projects g JOIN units u ON u.id = g.unit_id";

/// Visible to whoever sees the leading unit or any unit the project crosses.
/// The most projects one unit's statistics read (before paging they stopped silently at 1,000).
const STATS_MAX_PROJECTS: usize = 100_000;

/// The GPMB project list's filters.
#[derive(Debug, Clone, Default)]
pub struct ProjectQuery {
    /// Led by this unit or one below it
    pub unit: Option<String>,
    /// Words of the name, scale or investor, with or without diacritics
    pub q: Option<String>,
    /// The previous page's `next`
    pub after: Option<String>,
    pub limit: Option<i64>,
}

fn push_project_scope(q: &mut Sql, actor: &Actor) {
    if actor.scope.is_everything() {
        return;
    }
    // push_scope writes " AND (…)": once for the leading unit, once for the units crossed.
    q.push(" AND (1 = 0 OR (1 = 1");
    push_scope(q, &actor.scope, "u.path");
    q.push(
        ") OR EXISTS (SELECT 1 FROM gpmb_project_units pu JOIN units cu ON cu.id = pu.unit_id \
            WHERE pu.project_id = g.id",
    );
    push_scope(q, &actor.scope, "cu.path");
    q.push("))");
}

const HOUSEHOLD_COLUMNS: &str = "h.id, h.project_id, h.head_name, hu.name AS unit_name, h.address, h.land_m2, \
    h.state, h.reason, h.state_since, h.listed_on FROM gpmb_households h LEFT JOIN units hu ON hu.id = h.unit_id";

fn household_from(row: &AnyRow) -> Result<Household> {
    Ok(Household {
        id: col(row, "id")?,
        project_id: col(row, "project_id")?,
        head_name: col(row, "head_name")?,
        unit_name: col(row, "unit_name")?,
        address: col(row, "address")?,
        land_m2: col(row, "land_m2")?,
        state: parse(row, "state", HouseholdState::parse)?,
        reason: col(row, "reason")?,
        state_since: date(row, "state_since")?,
        listed_on: date(row, "listed_on")?,
    })
}

/// A project's leading unit and start, for the checks of what is added to it.
pub(crate) struct ProjectHeader {
    pub unit: Unit,
    pub started_on: Option<NaiveDate>,
}

impl Store {
    /// The project in the caller's scope (absent otherwise).
    pub(crate) async fn gpmb_project_header(&self, actor: &Actor, id: i64) -> Result<ProjectHeader> {
        let mut q = Sql::new(
            "SELECT g.id, g.unit_id, g.started_on FROM gpmb_projects g JOIN units u ON u.id = g.unit_id WHERE g.id = ",
        );
        q.bind(id);
        push_project_scope(&mut q, actor);
        let row = q
            .query()
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("dự án GPMB {id}")))?;
        Ok(ProjectHeader {
            unit: self.unit_by_id(col(&row, "unit_id")?).await?,
            started_on: opt_date(col(&row, "started_on")?)?,
        })
    }

    /// Records a project with the units it crosses and its milestones.
    pub async fn create_gpmb_project(&self, actor: &Actor, new: &NewProject) -> Result<Project> {
        require(actor.role.can_write_records(), "ghi nhận dự án GPMB")?;
        validate_project(new, crate::units::today())?;
        let unit = self.resolve_unit(&new.unit, new.started_on).await?;
        actor.scope.require(&unit)?;
        let mut crossed: Vec<i64> = Vec::new();
        for u in &new.units {
            let u = self.resolve_unit(u, new.started_on).await?;
            if u.id != unit.id && !crossed.contains(&u.id) {
                crossed.push(u.id);
            }
        }
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new(
            "INSERT INTO gpmb_projects (unit_id, name, scale, investor, area_m2, households_planned, started_on, \
             land_type, notice_on, plan_posted_from, plan_posted_to, consulted_on, dialogue_on, recovery_decided_on, \
             search_text, created_by, created_at) VALUES ",
        );
        q.bind_row(vec![
            unit.id.into(),
            normalize(&new.name).into(),
            clean(&new.scale).into(),
            clean(&new.investor).into(),
            new.area_m2.into(),
            new.households_planned.into(),
            date_text(new.started_on).into(),
            new.procedure.land_type.map(|l| l.as_str().to_string()).into(),
            date_text(new.procedure.notice_on).into(),
            date_text(new.procedure.plan_posted_from).into(),
            date_text(new.procedure.plan_posted_to).into(),
            date_text(new.procedure.consulted_on).into(),
            date_text(new.procedure.dialogue_on).into(),
            date_text(new.procedure.recovery_decided_on).into(),
            search_key(&[Some(new.name.as_str()), new.scale.as_deref(), new.investor.as_deref()]).into(),
            actor.user_id.into(),
            tx.now().to_string().into(),
        ]);
        q.push(" RETURNING id");
        let id: i64 = col(&q.query().fetch_one(&mut *tx.tx).await?, "id")?;
        if !crossed.is_empty() {
            let mut q = Sql::new("INSERT INTO gpmb_project_units (project_id, unit_id) VALUES ");
            q.bind_rows(crossed.iter().map(|u| vec![id.into(), (*u).into()]));
            q.query().execute(&mut *tx.tx).await?;
        }
        if !new.milestones.is_empty() {
            let mut q = Sql::new("INSERT INTO gpmb_milestones (project_id, label, due_on) VALUES ");
            q.bind_rows(
                new.milestones
                    .iter()
                    .map(|m| vec![id.into(), normalize(&m.label).into(), date_text(Some(m.due_on)).into()]),
            );
            q.query().execute(&mut *tx.tx).await?;
        }
        let audited = serde_json::json!({
            "id": id, "unit": unit.label(), "name": normalize(&new.name), "units": crossed.len(),
            "procedure": new.procedure,
        });
        tx.audit(
            actor,
            "create",
            "gpmb_project",
            &id.to_string(),
            None::<&()>,
            Some(&audited),
        )
        .await?;
        tx.commit().await?;
        self.gpmb_project(actor, id).await
    }

    async fn project_from(&self, row: &AnyRow, with_links: bool) -> Result<Project> {
        let id: i64 = col(row, "id")?;
        let today = crate::units::today();
        let mut q = Sql::new(
            "SELECT u.scheme, u.code, u.name FROM gpmb_project_units pu JOIN units u ON u.id = pu.unit_id \
             WHERE pu.project_id = ",
        );
        q.bind(id).push(" ORDER BY u.path");
        let units = q
            .query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(UnitRef {
                    scheme: col(r, "scheme")?,
                    code: col(r, "code")?,
                    name: col(r, "name")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let mut q = Sql::new("SELECT id, label, due_on, done_on FROM gpmb_milestones WHERE project_id = ");
        q.bind(id).push(" ORDER BY due_on, id");
        let milestones = q
            .query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                let due_on = date(r, "due_on")?;
                let done_on = opt_date(col(r, "done_on")?)?;
                Ok(Milestone {
                    id: col(r, "id")?,
                    label: col(r, "label")?,
                    due_on,
                    done_on,
                    overdue: done_on.is_none() && today > due_on,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let mut q = Sql::new("SELECT state FROM gpmb_households WHERE project_id = ");
        q.bind(id);
        let states = q
            .query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| parse(r, "state", HouseholdState::parse))
            .collect::<Result<Vec<_>>>()?;
        let (mut meetings, mut disclosures, mut petitions) = (Vec::new(), Vec::new(), Vec::new());
        if with_links {
            let mut q = Sql::new("SELECT meeting_id FROM gpmb_meetings WHERE project_id = ");
            q.bind(id).push(" ORDER BY meeting_id");
            for r in q.query().fetch_all(&self.pool).await? {
                meetings.push(col::<i64>(&r, "meeting_id")?);
            }
            let mut q = Sql::new("SELECT id FROM disclosures WHERE gpmb_project_id = ");
            q.bind(id).push(" ORDER BY id");
            for r in q.query().fetch_all(&self.pool).await? {
                disclosures.push(col::<i64>(&r, "id")?);
            }
            let mut q = Sql::new(
                "SELECT p.code FROM gpmb_petitions gp JOIN petitions p ON p.id = gp.petition_id WHERE gp.project_id = ",
            );
            q.bind(id).push(" ORDER BY p.code");
            for r in q.query().fetch_all(&self.pool).await? {
                petitions.push(col::<String>(&r, "code")?);
            }
        }
        let land_type: Option<String> = col(row, "land_type")?;
        let procedure = ProcedureSteps {
            land_type: land_type.as_deref().map(LandType::parse).transpose()?,
            notice_on: opt_date(col(row, "notice_on")?)?,
            plan_posted_from: opt_date(col(row, "plan_posted_from")?)?,
            plan_posted_to: opt_date(col(row, "plan_posted_to")?)?,
            consulted_on: opt_date(col(row, "consulted_on")?)?,
            dialogue_on: opt_date(col(row, "dialogue_on")?)?,
            recovery_decided_on: opt_date(col(row, "recovery_decided_on")?)?,
        };
        let progress = progress(states);
        let procedure_warnings = procedure_warnings(
            &procedure,
            &procedure_periods(),
            progress.pending + progress.obstructing,
            today,
        );
        Ok(Project {
            id,
            unit_scheme: col(row, "unit_scheme")?,
            unit_code: col(row, "unit_code")?,
            unit_name: col(row, "unit_name")?,
            unit_level: parse(row, "unit_level", Level::parse)?,
            name: col(row, "name")?,
            units,
            scale: col(row, "scale")?,
            investor: col(row, "investor")?,
            area_m2: col(row, "area_m2")?,
            households_planned: col(row, "households_planned")?,
            started_on: opt_date(col(row, "started_on")?)?,
            milestones,
            progress,
            procedure,
            procedure_warnings,
            meetings,
            disclosures,
            petitions,
        })
    }

    /// Records the land type and the dates of the recovery procedure steps (replacing those
    /// recorded before); contradicting dates are refused and nothing is written.
    pub async fn set_gpmb_procedure(&self, actor: &Actor, id: i64, steps: &ProcedureSteps) -> Result<Project> {
        require(actor.role.can_write_records(), "ghi nhận trình tự thu hồi đất")?;
        validate_procedure(steps, crate::units::today())?;
        let before = self.gpmb_project(actor, id).await?.procedure;
        let mut q = Sql::new("UPDATE gpmb_projects SET land_type = ");
        q.bind(steps.land_type.map(|l| l.as_str().to_string()))
            .push(", notice_on = ")
            .bind(date_text(steps.notice_on))
            .push(", plan_posted_from = ")
            .bind(date_text(steps.plan_posted_from))
            .push(", plan_posted_to = ")
            .bind(date_text(steps.plan_posted_to))
            .push(", consulted_on = ")
            .bind(date_text(steps.consulted_on))
            .push(", dialogue_on = ")
            .bind(date_text(steps.dialogue_on))
            .push(", recovery_decided_on = ")
            .bind(date_text(steps.recovery_decided_on))
            .push(" WHERE id = ")
            .bind(id);
        let mut tx = self.begin_write().await?;
        q.query().execute(&mut *tx.tx).await?;
        tx.audit(
            actor,
            "procedure",
            "gpmb_project",
            &id.to_string(),
            Some(&before),
            Some(steps),
        )
        .await?;
        tx.commit().await?;
        self.gpmb_project(actor, id).await
    }

    /// One project with its progress and links.
    pub async fn gpmb_project(&self, actor: &Actor, id: i64) -> Result<Project> {
        let mut q = Sql::new(&format!("SELECT {PROJECT_COLUMNS} WHERE g.id = "));
        q.bind(id);
        push_project_scope(&mut q, actor);
        let row = q
            .query()
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("dự án GPMB {id}")))?;
        self.project_from(&row, true).await
    }

    /// A page of the projects in scope (led in `query.unit`'s subtree when given, matching the
    /// search words of their name, scale or investor), by name. The cursor is the last project's
    /// id: the page after it starts past that project's (name, id).
    pub async fn list_gpmb_projects(&self, actor: &Actor, query: &ProjectQuery) -> Result<RecordPage<Project>> {
        let limit = query.limit.unwrap_or(50).clamp(1, 500);
        let mut q = Sql::new(&format!("SELECT {PROJECT_COLUMNS} WHERE 1 = 1"));
        push_project_scope(&mut q, actor);
        if let Some(unit) = query.unit.as_deref().filter(|s| !s.is_empty()) {
            let unit = self.resolve_unit(unit, None).await?;
            q.push(" AND u.path LIKE ").bind(starts_with(&unit.path));
        }
        push_search(&mut q, "g.search_text", query.q.as_deref());
        if let Some(after) = query.after.as_deref().filter(|s| !s.is_empty()) {
            let after: i64 = after
                .parse()
                .map_err(|_| StoreError::domain(ErrorCode::Validation, "con trỏ trang không hợp lệ"))?;
            let name_of = "(SELECT p.name FROM gpmb_projects p WHERE p.id = ";
            q.push(&format!(" AND (g.name > {name_of}"))
                .bind(after)
                .push(&format!(") OR (g.name = {name_of}"))
                .bind(after)
                .push(") AND g.id > ")
                .bind(after)
                .push("))");
        }
        q.push(" ORDER BY g.name, g.id LIMIT ").bind(limit + 1);
        let rows = q.query().fetch_all(&self.pool).await?;
        let mut items = Vec::with_capacity(rows.len());
        for r in rows.iter().take(limit as usize) {
            items.push(self.project_from(r, false).await?);
        }
        let next = (rows.len() as i64 > limit)
            .then(|| items.last().map(|p: &Project| p.id.to_string()))
            .flatten();
        Ok(RecordPage { items, next })
    }

    /// Every project `query` picks (for an export and the CLI), refused beyond `max`.
    pub async fn all_gpmb_projects(&self, actor: &Actor, query: &ProjectQuery, max: usize) -> Result<Vec<Project>> {
        crate::pages::every_page(max, "dự án GPMB", query, |q| async move {
            self.list_gpmb_projects(actor, &q).await
        })
        .await
    }

    /// Adds affected households (all or none), each with its first state dated its listing.
    pub async fn add_gpmb_households(
        &self,
        actor: &Actor,
        project_id: i64,
        households: &[NewHousehold],
    ) -> Result<Vec<Household>> {
        require(actor.role.can_write_records(), "ghi nhận hộ bị ảnh hưởng")?;
        let p = self.gpmb_project_header(actor, project_id).await?;
        actor.scope.require(&p.unit)?;
        if households.is_empty() {
            return Err(DomainError::validation("chưa có hộ nào").into());
        }
        let today = crate::units::today();
        let mut units = Vec::with_capacity(households.len());
        for (i, h) in households.iter().enumerate() {
            let at = |e: DomainError| StoreError::Domain(DomainError::new(e.code, format!("hộ thứ {}: {e}", i + 1)));
            validate_household(h, today).map_err(at)?;
            units.push(match h.unit.as_deref().filter(|s| !s.trim().is_empty()) {
                Some(u) => Some(self.resolve_unit(u, None).await?.id),
                None => None,
            });
        }
        let mut tx = self.begin_write().await?;
        let mut ids = Vec::with_capacity(households.len());
        for (h, unit_id) in households.iter().zip(&units) {
            let listed = h.listed_on.or(p.started_on).unwrap_or(today);
            let state = h.state.unwrap_or(HouseholdState::Pending);
            let reason = clean(&h.reason).filter(|_| state == HouseholdState::Obstructing);
            let mut q = Sql::new(
                "INSERT INTO gpmb_households (project_id, head_name, unit_id, address, land_m2, state, reason, \
                 state_since, listed_on, created_by, created_at) VALUES ",
            );
            q.bind_row(vec![
                project_id.into(),
                normalize(&h.head_name).into(),
                (*unit_id).into(),
                clean(&h.address).into(),
                h.land_m2.into(),
                state.as_str().into(),
                reason.clone().into(),
                date_text(Some(listed)).into(),
                date_text(Some(listed)).into(),
                actor.user_id.into(),
                tx.now().to_string().into(),
            ]);
            q.push(" RETURNING id");
            let id: i64 = col(&q.query().fetch_one(&mut *tx.tx).await?, "id")?;
            insert_event(&mut tx, actor, project_id, id, state, listed, reason).await?;
            ids.push(id);
        }
        let audited = serde_json::json!({ "project": project_id, "households": ids.len(), "first": ids.first(), "last": ids.last() });
        tx.audit(
            actor,
            "add_households",
            "gpmb_project",
            &project_id.to_string(),
            None::<&()>,
            Some(&audited),
        )
        .await?;
        tx.commit().await?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push(self.gpmb_household(actor, id).await?);
        }
        Ok(out)
    }

    pub async fn gpmb_household(&self, actor: &Actor, id: i64) -> Result<Household> {
        let mut q = Sql::new(&format!("SELECT {HOUSEHOLD_COLUMNS} WHERE h.id = "));
        q.bind(id);
        let row = q
            .query()
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("hộ {id}")))?;
        let h = household_from(&row)?;
        self.gpmb_project_header(actor, h.project_id).await?;
        Ok(h)
    }

    /// The project's households; `outstanding_only` leaves out those that handed over.
    pub async fn gpmb_households(
        &self,
        actor: &Actor,
        project_id: i64,
        outstanding_only: bool,
    ) -> Result<Vec<Household>> {
        self.gpmb_project_header(actor, project_id).await?;
        let mut q = Sql::new(&format!("SELECT {HOUSEHOLD_COLUMNS} WHERE h.project_id = "));
        q.bind(project_id);
        if outstanding_only {
            q.push(" AND h.state <> 'handed_over'");
        }
        // Obstructing first, then not yet agreed, then agreed: what needs mobilising on top.
        q.push(
            " ORDER BY CASE h.state WHEN 'obstructing' THEN 0 WHEN 'pending' THEN 1 WHEN 'agreed' THEN 2 ELSE 3 END, \
             h.head_name, h.id",
        );
        q.query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(household_from)
            .collect()
    }

    /// Changes a household's state (dated; a reason when it obstructs).
    pub async fn change_gpmb_household(&self, actor: &Actor, id: i64, change: &HouseholdChange) -> Result<Household> {
        require(actor.role.can_write_records(), "cập nhật trạng thái hộ")?;
        let h = self.gpmb_household(actor, id).await?;
        let (on, reason) = check_change(h.state, h.state_since, change, crate::units::today())?;
        let mut tx = self.begin_write().await?;
        apply_change(&mut tx, actor, &h, change.state, on, reason).await?;
        tx.commit().await?;
        self.gpmb_household(actor, id).await
    }

    /// Records a mobilization visit, and the household's new state when it changed.
    pub async fn add_gpmb_mobilization(
        &self,
        actor: &Actor,
        project_id: i64,
        new: &NewMobilization,
    ) -> Result<Mobilization> {
        require(actor.role.can_write_records(), "ghi nhận kết quả vận động")?;
        let today = crate::units::today();
        validate_mobilization(new, today)?;
        self.gpmb_project_header(actor, project_id).await?;
        let household = match new.household_id {
            Some(h) => {
                let h = self.gpmb_household(actor, h).await?;
                if h.project_id != project_id {
                    return Err(DomainError::validation("hộ này không thuộc dự án").into());
                }
                Some(h)
            }
            None => None,
        };
        let change = match (&household, new.new_state) {
            (Some(h), Some(state)) if state != h.state => {
                let c = HouseholdChange {
                    state,
                    on: Some(new.on),
                    reason: new.reason.clone(),
                };
                Some(check_change(h.state, h.state_since, &c, today)?)
            }
            _ => None,
        };
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new(
            "INSERT INTO gpmb_mobilizations (project_id, household_id, on_date, forces, mobilisers, result, created_by, \
             created_at) VALUES ",
        );
        q.bind_row(vec![
            project_id.into(),
            new.household_id.into(),
            date_text(Some(new.on)).into(),
            codes_text(&new.forces, MobilizationForce::as_str).into(),
            normalize(&new.mobilisers).into(),
            normalize(&new.result).into(),
            actor.user_id.into(),
            tx.now().to_string().into(),
        ]);
        q.push(" RETURNING id");
        let id: i64 = col(&q.query().fetch_one(&mut *tx.tx).await?, "id")?;
        let audited = serde_json::json!({ "project": project_id, "mobilization": id, "household": new.household_id, "on": new.on });
        tx.audit(
            actor,
            "mobilize",
            "gpmb_project",
            &project_id.to_string(),
            None::<&()>,
            Some(&audited),
        )
        .await?;
        if let (Some(h), Some((on, reason)), Some(state)) = (&household, change, new.new_state) {
            apply_change(&mut tx, actor, h, state, on, reason).await?;
        }
        tx.commit().await?;
        self.gpmb_mobilizations(actor, project_id)
            .await?
            .into_iter()
            .find(|m| m.id == id)
            .ok_or_else(|| StoreError::Corrupt("mobilization".into()))
    }

    /// The mobilization log, newest first.
    pub async fn gpmb_mobilizations(&self, actor: &Actor, project_id: i64) -> Result<Vec<Mobilization>> {
        self.gpmb_project_header(actor, project_id).await?;
        let mut q = Sql::new(
            "SELECT m.id, m.project_id, m.household_id, h.head_name, m.on_date, m.forces, m.mobilisers, m.result \
             FROM gpmb_mobilizations m LEFT JOIN gpmb_households h ON h.id = m.household_id WHERE m.project_id = ",
        );
        q.bind(project_id)
            .push(" ORDER BY m.on_date DESC, m.id DESC LIMIT 2000");
        q.query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(Mobilization {
                    id: col(r, "id")?,
                    project_id: col(r, "project_id")?,
                    household_id: col(r, "household_id")?,
                    household_name: col(r, "head_name")?,
                    on: date(r, "on_date")?,
                    forces: parse_codes(&col::<String>(r, "forces")?, MobilizationForce::parse)?,
                    mobilisers: col(r, "mobilisers")?,
                    result: col(r, "result")?,
                })
            })
            .collect()
    }

    /// Links a dialogue (meeting) to the project.
    pub async fn link_gpmb_meeting(&self, actor: &Actor, project_id: i64, meeting_id: i64) -> Result<Project> {
        require(actor.role.can_write_records(), "liên kết hội nghị với dự án")?;
        self.gpmb_project_header(actor, project_id).await?;
        self.meeting(actor, meeting_id).await?;
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new("INSERT INTO gpmb_meetings (project_id, meeting_id) SELECT ");
        q.bind(project_id)
            .push(", ")
            .bind(meeting_id)
            .push(" WHERE NOT EXISTS (SELECT 1 FROM gpmb_meetings WHERE project_id = ")
            .bind(project_id)
            .push(" AND meeting_id = ")
            .bind(meeting_id)
            .push(")");
        q.query().execute(&mut *tx.tx).await?;
        let after = serde_json::json!({ "meeting": meeting_id });
        tx.audit(
            actor,
            "link_meeting",
            "gpmb_project",
            &project_id.to_string(),
            None::<&()>,
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        self.gpmb_project(actor, project_id).await
    }

    /// Links a petition (by code) to the project.
    pub async fn link_gpmb_petition(&self, actor: &Actor, project_id: i64, code: &str) -> Result<Project> {
        require(actor.role.can_write_records(), "liên kết đơn với dự án")?;
        self.gpmb_project_header(actor, project_id).await?;
        let petition_id = self.petition_id_in_scope(actor, code).await?;
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new("INSERT INTO gpmb_petitions (project_id, petition_id) SELECT ");
        q.bind(project_id)
            .push(", ")
            .bind(petition_id)
            .push(" WHERE NOT EXISTS (SELECT 1 FROM gpmb_petitions WHERE project_id = ")
            .bind(project_id)
            .push(" AND petition_id = ")
            .bind(petition_id)
            .push(")");
        q.query().execute(&mut *tx.tx).await?;
        let after = serde_json::json!({ "petition": code });
        tx.audit(
            actor,
            "link_petition",
            "gpmb_project",
            &project_id.to_string(),
            None::<&()>,
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        self.gpmb_project(actor, project_id).await
    }

    /// A petition's id by code, if the caller may see it.
    pub(crate) async fn petition_id_in_scope(&self, actor: &Actor, code: &str) -> Result<i64> {
        let mut q = Sql::new("SELECT p.id FROM petitions p JOIN units u ON u.id = p.unit_id WHERE p.code = ");
        q.bind(code.trim());
        push_scope(&mut q, &actor.scope, "u.path");
        let row = q
            .query()
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("đơn {code}")))?;
        Ok(col(&row, "id")?)
    }

    /// The project's progress at each month end from its first listing to `to` (default today).
    pub async fn gpmb_progress(
        &self,
        actor: &Actor,
        project_id: i64,
        to: Option<NaiveDate>,
    ) -> Result<Vec<ProgressPoint>> {
        self.gpmb_project_header(actor, project_id).await?;
        let history = self.state_history(Some(project_id), None).await?;
        let to = to.unwrap_or_else(crate::units::today);
        let Some(first) = history.iter().map(|c| c.on).min() else {
            return Ok(Vec::new());
        };
        Ok(progress_over_time(&history, &month_ends(first, to.max(first))))
    }

    async fn state_history(&self, project_id: Option<i64>, projects_under: Option<&Unit>) -> Result<Vec<StateChange>> {
        let mut q = Sql::new(
            "SELECT e.id, e.household_id, e.on_date, e.state FROM gpmb_household_events e \
             JOIN gpmb_projects g ON g.id = e.project_id JOIN units u ON u.id = g.unit_id WHERE 1 = 1",
        );
        if let Some(p) = project_id {
            q.push(" AND e.project_id = ").bind(p);
        }
        if let Some(u) = projects_under {
            q.push(" AND u.path LIKE ").bind(starts_with(&u.path));
        }
        q.push(" ORDER BY e.on_date, e.id");
        q.query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(StateChange {
                    household_id: col(r, "household_id")?,
                    on: date(r, "on_date")?,
                    seq: col(r, "id")?,
                    state: parse(r, "state", HouseholdState::parse)?,
                })
            })
            .collect()
    }

    /// GPMB figures of the projects led in `unit`'s subtree: households as they stood at `to`,
    /// handovers and mobilization visits within [from, to].
    pub async fn gpmb_stats(&self, actor: &Actor, unit: &str, from: NaiveDate, to: NaiveDate) -> Result<GpmbStats> {
        let u = self.resolve_unit(unit, Some(to)).await?;
        actor.scope.require(&u)?;
        let projects = self
            .all_gpmb_projects(
                actor,
                &ProjectQuery {
                    unit: Some(format!("{}/{}", u.scheme, u.code)),
                    ..Default::default()
                },
                STATS_MAX_PROJECTS,
            )
            .await?;
        let history = self.state_history(None, Some(&u)).await?;
        let mut per_project = Vec::with_capacity(projects.len());
        let mut all: Vec<StateChange> = Vec::new();
        for p in &projects {
            let mut q = Sql::new("SELECT id FROM gpmb_households WHERE project_id = ");
            q.bind(p.id);
            let ids: Vec<i64> = q
                .query()
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|r| col::<i64>(r, "id"))
                .collect::<std::result::Result<_, _>>()?;
            let changes: Vec<StateChange> = history
                .iter()
                .copied()
                .filter(|c| ids.contains(&c.household_id))
                .collect();
            let at_end = progress_over_time(&changes, &[to]).remove(0).progress;
            per_project.push(ProjectLine {
                project_id: p.id,
                name: p.name.clone(),
                progress: at_end,
                overdue_milestones: p.milestones.iter().filter(|m| m.overdue).count() as i64,
            });
            all.extend(changes);
        }
        let total: Progress = progress_over_time(&all, &[to]).remove(0).progress;
        let handed_over_in_period = all
            .iter()
            .filter(|c| c.state == HouseholdState::HandedOver && c.on >= from && c.on <= to)
            .count() as i64;
        let mut q = Sql::new(
            "SELECT m.forces FROM gpmb_mobilizations m JOIN gpmb_projects g ON g.id = m.project_id \
             JOIN units u ON u.id = g.unit_id WHERE m.on_date >= ",
        );
        q.bind(date_text(Some(from)))
            .push(" AND m.on_date <= ")
            .bind(date_text(Some(to)))
            .push(" AND u.path LIKE ")
            .bind(starts_with(&u.path));
        push_project_scope(&mut q, actor);
        let rows = q.query().fetch_all(&self.pool).await?;
        let mut by_force: Vec<Count> = MobilizationForce::ALL
            .iter()
            .map(|f| Count {
                key: f.as_str().into(),
                label: f.label_vi().into(),
                count: 0,
            })
            .collect();
        for r in &rows {
            for f in parse_codes(&col::<String>(r, "forces")?, MobilizationForce::parse)? {
                if let Some(c) = by_force.iter_mut().find(|c| c.key == f.as_str()) {
                    c.count += 1;
                }
            }
        }
        by_force.retain(|c| c.count > 0);
        let text = format!(
            "{} dự án GPMB: {}; {} lượt vận động",
            report_count(projects.len() as i64),
            total.text,
            format_count(rows.len() as i64)
        );
        Ok(GpmbStats {
            unit: u.label(),
            from,
            to,
            projects: projects.len() as i64,
            progress: total,
            handed_over_in_period,
            mobilizations: rows.len() as i64,
            by_force,
            per_project,
            text,
        })
    }
}

async fn insert_event(
    tx: &mut WriteTx,
    actor: &Actor,
    project_id: i64,
    household_id: i64,
    state: HouseholdState,
    on: NaiveDate,
    reason: Option<String>,
) -> Result<()> {
    let mut q = Sql::new(
        "INSERT INTO gpmb_household_events (household_id, project_id, state, on_date, reason, created_by, created_at) \
         VALUES ",
    );
    q.bind_row(vec![
        household_id.into(),
        project_id.into(),
        state.as_str().into(),
        date_text(Some(on)).into(),
        reason.into(),
        actor.user_id.into(),
        tx.now().to_string().into(),
    ]);
    q.query().execute(&mut *tx.tx).await?;
    Ok(())
}

async fn apply_change(
    tx: &mut WriteTx,
    actor: &Actor,
    h: &Household,
    state: HouseholdState,
    on: NaiveDate,
    reason: Option<String>,
) -> Result<()> {
    let mut q = Sql::new("UPDATE gpmb_households SET state = ");
    q.bind(state.as_str())
        .push(", reason = ")
        .bind(reason.clone())
        .push(", state_since = ")
        .bind(date_text(Some(on)))
        .push(" WHERE id = ")
        .bind(h.id)
        .push(" AND state = ")
        .bind(h.state.as_str());
    if q.query().execute(&mut *tx.tx).await?.rows_affected() != 1 {
        return Err(DomainError::new(ErrorCode::InvalidTransition, "hộ vừa được người khác cập nhật").into());
    }
    insert_event(tx, actor, h.project_id, h.id, state, on, reason.clone()).await?;
    let before = serde_json::json!({ "state": h.state });
    let after = serde_json::json!({ "state": state, "on": on, "reason": reason });
    tx.audit(
        actor,
        "change_state",
        "gpmb_household",
        &h.id.to_string(),
        Some(&before),
        Some(&after),
    )
    .await?;
    Ok(())
}
