//! The dashboard's queries. Everything is read within the caller's scope (which includes the
//! older units merged into theirs), so a 2025 commune's dashboard also counts the cases its
//! predecessor wards received before 1/7/2025.

use crate::petition_stats::RESOLVED;
use crate::sql::{col, Sql};
use crate::units::{date_text, push_scope};
use crate::{Result, Store};
use chrono::NaiveDate;
use danvan_domain::dashboard::{
    bucket_of, last_months, last_whole_year, year_to_date, Activity, Dashboard, KeyFigures, MonthCount, UnitWorkload,
    DUE_SOON_DAYS,
};
use danvan_domain::scope::Actor;
use danvan_domain::unit::Unit;
use std::collections::BTreeMap;

impl Store {
    /// Open, overdue and due-within-`soon_days` petitions per unit directly below `unit` (and
    /// the unit itself), busiest first.
    pub async fn petition_workload(
        &self,
        actor: &Actor,
        unit: &Unit,
        today: NaiveDate,
        soon_days: i64,
    ) -> Result<Vec<UnitWorkload>> {
        actor.scope.require(unit)?;
        let today_text = date_text(Some(today));
        let soon_text = date_text(Some(today + chrono::Duration::days(soon_days)));
        // Both counts are kept by triggers (migration 0046): open cases per unit, and per current
        // deadline and unit of which only today onwards is read. Overdue is what is open and not
        // yet due, so the recompute reads a row per unit and per coming deadline, not every
        // open case.
        let mut totals = Sql::new(
            "SELECT u.path, o.cases FROM petition_open_units o JOIN units u ON u.id = o.unit_id WHERE o.cases <> 0",
        );
        push_scope(&mut totals, &actor.scope, "u.path");
        let mut coming = Sql::new(
            "SELECT u.path, CAST(SUM(d.cases) AS BIGINT) AS not_due, \
             CAST(SUM(CASE WHEN d.due <= ",
        );
        coming
            .bind(soon_text)
            .push(
                " THEN d.cases ELSE 0 END) AS BIGINT) AS due_soon \
                   FROM petition_open_dues d JOIN units u ON u.id = d.unit_id WHERE d.due >= ",
            )
            .bind(today_text);
        push_scope(&mut coming, &actor.scope, "u.path");
        coming.push(" GROUP BY u.path");
        let (totals, coming) = tokio::try_join!(
            totals.query().fetch_all(&self.pool),
            coming.query().fetch_all(&self.pool)
        )?;
        // (open, overdue, due soon) per bucket below `unit`.
        let mut buckets: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new();
        for row in &totals {
            let path: String = col(row, "path")?;
            let cases: i64 = col(row, "cases")?;
            let b = buckets.entry(bucket_of(&unit.path, &path)).or_default();
            b.0 += cases;
            b.1 += cases;
        }
        for row in &coming {
            let path: String = col(row, "path")?;
            let b = buckets.entry(bucket_of(&unit.path, &path)).or_default();
            b.1 -= col::<i64>(row, "not_due")?;
            b.2 += col::<i64>(row, "due_soon")?;
        }
        buckets.retain(|_, (open, _, _)| *open > 0);
        let names = self.units_by_path(buckets.keys().cloned().collect()).await?;
        let mut out: Vec<UnitWorkload> = buckets
            .into_iter()
            .filter_map(|(path, (open, overdue, due_soon))| {
                names.get(&path).map(|u| UnitWorkload {
                    unit_scheme: u.scheme.clone(),
                    unit_code: u.code.clone(),
                    unit_name: u.name.clone(),
                    open,
                    overdue,
                    due_soon,
                })
            })
            .collect();
        out.sort_by_key(|u| std::cmp::Reverse((u.overdue, u.due_soon, u.open)));
        Ok(out)
    }

    async fn units_by_path(&self, paths: Vec<String>) -> Result<BTreeMap<String, Unit>> {
        let mut found = BTreeMap::new();
        for chunk in paths.chunks(500) {
            let mut q = Sql::new(&format!("SELECT {} WHERE u.path IN ", crate::units::UNIT_COLUMNS));
            q.bind_row(chunk.iter().map(|p| p.clone().into()).collect());
            for row in q.query().fetch_all(&self.pool).await? {
                let u = crate::units::unit_from_row(&row)?;
                found.insert(u.path.clone(), u);
            }
        }
        Ok(found)
    }

    /// Petitions received per month in scope for the given months (`YYYY-MM`, oldest first);
    /// a month with none is there with 0. Read from `petition_months`.
    pub async fn petitions_by_month(&self, actor: &Actor, months: &[String]) -> Result<Vec<MonthCount>> {
        let (Some(first), Some(last)) = (months.first(), months.last()) else {
            return Ok(Vec::new());
        };
        let mut q =
            Sql::new("SELECT t.month, CAST(SUM(t.received) AS BIGINT) AS n FROM petition_months t WHERE t.month >= ");
        q.bind(first.clone()).push(" AND t.month <= ").bind(last.clone());
        push_unit_scope(&mut q, actor, "t.unit_id");
        q.push(" GROUP BY t.month");
        let mut by_month: BTreeMap<String, i64> = BTreeMap::new();
        for row in q.query().fetch_all(&self.pool).await? {
            by_month.insert(col(&row, "month")?, col(&row, "n")?);
        }
        Ok(months
            .iter()
            .map(|m| MonthCount {
                month: m.clone(),
                received: by_month.get(m).copied().unwrap_or(0),
            })
            .collect())
    }

    /// Received, within jurisdiction and resolved within jurisdiction, for petitions received
    /// in [from, to] in scope (duplicates once). Whole months come from `petition_months`.
    pub async fn key_figures(&self, actor: &Actor, from: NaiveDate, to: NaiveDate) -> Result<KeyFigures> {
        let split = crate::petition_stats::split_period(from, to);
        let mut total = KeyFigures::default();
        let mut add = |row: &sqlx::any::AnyRow| -> Result<()> {
            total.received += col::<i64>(row, "received")?;
            total.within_jurisdiction += col::<i64>(row, "within")?;
            total.resolved_within += col::<i64>(row, "resolved")?;
            Ok(())
        };
        if let Some((first, last)) = &split.months {
            let mut q = Sql::new(
                "SELECT CAST(COALESCE(SUM(t.received), 0) AS BIGINT) AS received, \
                 CAST(COALESCE(SUM(t.within_jurisdiction), 0) AS BIGINT) AS within, \
                 CAST(COALESCE(SUM(t.resolved_within), 0) AS BIGINT) AS resolved \
                 FROM petition_months t WHERE t.month >= ",
            );
            q.bind(first.clone()).push(" AND t.month <= ").bind(last.clone());
            push_unit_scope(&mut q, actor, "t.unit_id");
            add(&q.query().fetch_one(&self.pool).await?)?;
        }
        for (a, b) in &split.days {
            let mut q = Sql::new(&format!(
                "SELECT COUNT(*) AS received, \
                 COUNT(*) FILTER (WHERE t.within_jurisdiction = 1) AS within, \
                 COUNT(*) FILTER (WHERE t.within_jurisdiction = 1 AND t.status IN {RESOLVED}) AS resolved \
                 FROM petitions t WHERE t.duplicate_of IS NULL AND t.received_on >= "
            ));
            q.bind(date_text(Some(*a)))
                .push(" AND t.received_on <= ")
                .bind(date_text(Some(*b)));
            push_unit_scope(&mut q, actor, "t.unit_id");
            add(&q.query().fetch_one(&self.pool).await?)?;
        }
        Ok(total)
    }

    /// The latest steps taken on petitions in scope, newest first.
    pub async fn recent_petition_activity(&self, actor: &Actor, limit: i64) -> Result<Vec<Activity>> {
        let mut q = Sql::new(
            "SELECT e.at, e.actor, e.action, e.to_status, p.code, p.subject FROM petition_events e \
             JOIN petitions p ON p.id = e.petition_id JOIN units u ON u.id = p.unit_id WHERE 1 = 1",
        );
        push_scope(&mut q, &actor.scope, "u.path");
        q.push(" ORDER BY e.id DESC LIMIT ").bind(limit.clamp(1, 100));
        q.query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| {
                Ok(Activity {
                    at: col(row, "at")?,
                    actor: col(row, "actor")?,
                    action: col(row, "action")?,
                    petition_code: col(row, "code")?,
                    subject: col(row, "subject")?,
                    to_status: col(row, "to_status")?,
                })
            })
            .collect()
    }
}

/// "and the row's unit (`column`) is in the caller's scope".
fn push_unit_scope(q: &mut Sql, actor: &Actor, column: &str) {
    if actor.scope.is_everything() {
        return;
    }
    q.push(" AND ");
    crate::units::push_units_in(q, column, &actor.scope, |_| {});
}

impl Store {
    /// The whole dashboard for `unit` (normally the user's own) as of `today`, reused until the
    /// next write. Per user: its case lists show identities by the viewer's rights.
    pub async fn dashboard(&self, actor: &Actor, unit: &Unit, today: NaiveDate) -> Result<Dashboard> {
        let key = format!("dashboard|{}|{:?}|{}|{today}", actor.username, actor.role, unit.id);
        self.cached(key, || self.compute_dashboard(actor, unit, today)).await
    }

    /// The last whole year's dialogue and reception-day compliance: it reads no petitions, so
    /// recording one does not recompute it.
    async fn dashboard_compliance(
        &self,
        actor: &Actor,
        unit_ref: &str,
        (from, to): (NaiveDate, NaiveDate),
    ) -> Result<Vec<danvan_domain::meeting::UnitCompliance>> {
        let key = format!(
            "compliance|{}|{unit_ref}|{from}|{to}",
            crate::petition_stats::scope_key(actor)
        );
        self.cached_until(crate::read_cache::StaleAfter::NonPetitionWrite, key, || {
            self.meeting_compliance(actor, unit_ref, from, to)
        })
        .await
    }

    async fn compute_dashboard(&self, actor: &Actor, unit: &Unit, today: NaiveDate) -> Result<Dashboard> {
        let cases = |overdue: bool| crate::PetitionQuery {
            overdue,
            due_within_days: (!overdue).then_some(DUE_SOON_DAYS),
            limit: Some(10),
            today: Some(today),
            sort: crate::PetitionSort::DueFirst,
            ..Default::default()
        };
        let (overdue_query, soon_query) = (cases(true), cases(false));
        let (this_period, last_period) = year_to_date(today);
        let compliance_period = last_whole_year(today);
        let unit_ref = format!("{}/{}", unit.scheme, unit.code);
        let month_keys = last_months(today, 12);
        // Independent reads: run them side by side on the pool's connections.
        let (units, overdue_page, soon_page, months, this_year, last_year, compliance, activity) = tokio::try_join!(
            self.petition_workload(actor, unit, today, DUE_SOON_DAYS),
            self.list_petitions(actor, &overdue_query),
            self.list_petitions(actor, &soon_query),
            self.petitions_by_month(actor, &month_keys),
            self.key_figures(actor, this_period.0, this_period.1),
            self.key_figures(actor, last_period.0, last_period.1),
            self.dashboard_compliance(actor, &unit_ref, compliance_period),
            self.recent_petition_activity(actor, 10),
        )?;
        let (overdue_cases, due_soon_cases) = (overdue_page.items, soon_page.items);
        let behind: Vec<_> = compliance.into_iter().filter(|u| u.behind).collect();
        Ok(Dashboard {
            compliance_period,
            units_behind_count: behind.len() as i64,
            units_behind: behind.into_iter().take(10).collect(),
            unit_scheme: unit.scheme.clone(),
            unit_code: unit.code.clone(),
            unit_name: unit.name.clone(),
            today,
            open: units.iter().map(|u| u.open).sum(),
            overdue: units.iter().map(|u| u.overdue).sum(),
            due_soon: units.iter().map(|u| u.due_soon).sum(),
            overdue_cases,
            due_soon_cases,
            units,
            months,
            this_period,
            this_year_rate: this_year.resolution_rate(),
            this_year,
            last_period,
            last_year_rate: last_year.resolution_rate(),
            last_year,
            activity,
        })
    }
}
