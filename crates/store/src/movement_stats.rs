//! Movement, fund, house, new-rural and ordered-task figures for a unit subtree and a period,
//! from the records, with the sentences the reports write.

use crate::record_rows::day;
use crate::sql::{col, starts_with, Sql};
use crate::units::push_scope;
use crate::{Result, Store};
use chrono::NaiveDate;
use danvan_domain::dvk::counts;
use danvan_domain::figures::{format_count, format_decimal, Rate};
use danvan_domain::money::million_text;
use danvan_domain::movement::{
    fund_text, houses_text, new_rural_text, ordered_task_text, ContributionSource, FundKind, FundLine, FundStats,
    GroupField, MoneyLine, MovementKind, MovementStats, NewRuralStats, OrderedTaskStats,
};
use danvan_domain::petition::Count;
use danvan_domain::scope::Actor;
use danvan_domain::unit::Unit;
use std::collections::HashMap;

impl Store {
    async fn stats_root(&self, actor: &Actor, unit: &str, to: NaiveDate) -> Result<Unit> {
        let unit = self.resolve_unit(unit, Some(to)).await?;
        actor.scope.require(&unit)?;
        Ok(unit)
    }

    /// Rows of (key, n, sum) from a query that selects `k`, `n`, `s`.
    async fn keyed(&self, q: &Sql) -> Result<HashMap<String, (i64, i64)>> {
        let mut out = HashMap::new();
        for row in q.query().fetch_all(&self.pool).await? {
            out.insert(col(&row, "k")?, (col(&row, "n")?, col(&row, "s")?));
        }
        Ok(out)
    }

    fn subtree_filter(q: &mut Sql, actor: &Actor, unit: &Unit) {
        q.push(" AND u.path LIKE ").bind(starts_with(&unit.path));
        push_scope(q, &actor.scope, "u.path");
    }

    /// Movements running in [from, to] launched in the subtree, their participating units, and
    /// the self-managed groups founded by `to`: "487 tổ nhân dân tự quản (bảo vệ môi trường 487)".
    pub async fn movement_stats(
        &self,
        actor: &Actor,
        unit: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<MovementStats> {
        let root = self.stats_root(actor, unit, to).await?;
        let mut q = Sql::new(
            "SELECT m.kind AS k, COUNT(*) AS n, \
             CAST(COALESCE(SUM((SELECT COUNT(*) FROM movement_units mu WHERE mu.movement_id = m.id)), 0) AS BIGINT) AS s \
             FROM movements m JOIN units u ON u.id = m.unit_id WHERE m.started_on <= ",
        );
        q.bind(day(to))
            .push(" AND (m.ended_on IS NULL OR m.ended_on >= ")
            .bind(day(from))
            .push(")");
        Self::subtree_filter(&mut q, actor, &root);
        q.push(" GROUP BY m.kind");
        let movements = self.keyed(&q).await?;
        let mut q = Sql::new(
            "SELECT g.field AS k, COUNT(*) AS n, CAST(COALESCE(SUM(g.members), 0) AS BIGINT) AS s \
             FROM movement_groups g JOIN units u ON u.id = g.unit_id WHERE g.founded_on <= ",
        );
        q.bind(day(to));
        Self::subtree_filter(&mut q, actor, &root);
        q.push(" GROUP BY g.field");
        let groups = self.keyed(&q).await?;
        let n = |m: &HashMap<String, (i64, i64)>, k: &str| m.get(k).map_or(0, |v| v.0);
        let groups_by_field = counts(GroupField::ALL, GroupField::as_str, GroupField::label_vi, |f| {
            n(&groups, f.as_str())
        });
        let total_groups: i64 = groups.values().map(|v| v.0).sum();
        let parts: Vec<String> = groups_by_field
            .iter()
            .filter(|c| c.count > 0)
            .map(|c| format!("{} {}", c.label.to_lowercase(), format_count(c.count)))
            .collect();
        let groups_text = if parts.is_empty() {
            "chưa có tổ nhân dân tự quản".to_string()
        } else {
            format!(
                "{} tổ nhân dân tự quản ({})",
                format_count(total_groups),
                parts.join(", ")
            )
        };
        Ok(MovementStats {
            unit: format!("{}/{}", root.scheme, root.code),
            from,
            to,
            movements: movements.values().map(|v| v.0).sum(),
            by_kind: counts(MovementKind::ALL, MovementKind::as_str, MovementKind::label_vi, |k| {
                n(&movements, k.as_str())
            }),
            participating_units: movements.values().map(|v| v.1).sum(),
            groups: total_groups,
            groups_by_field,
            group_members: groups.values().map(|v| v.1).sum(),
            groups_text,
        })
    }

    /// Money received and spent in [from, to] by the subtree's funds, by kind, and the houses of
    /// great solidarity handed over: "91 ngôi nhà đại đoàn kết, trị giá trên 1,9 tỷ đồng".
    pub async fn fund_stats(&self, actor: &Actor, unit: &str, from: NaiveDate, to: NaiveDate) -> Result<FundStats> {
        let root = self.stats_root(actor, unit, to).await?;
        let mut q = Sql::new(
            "SELECT f.kind || ':' || e.kind AS k, COUNT(*) AS n, CAST(COALESCE(SUM(e.amount), 0) AS BIGINT) AS s \
             FROM fund_entries e JOIN funds f ON f.id = e.fund_id JOIN units u ON u.id = f.unit_id WHERE e.entry_on >= ",
        );
        q.bind(day(from)).push(" AND e.entry_on <= ").bind(day(to));
        Self::subtree_filter(&mut q, actor, &root);
        q.push(" GROUP BY f.kind || ':' || e.kind");
        let entries = self.keyed(&q).await?;
        let sum = |k: String| entries.get(&k).map_or(0, |v| v.1);
        let funds: Vec<FundLine> = FundKind::ALL
            .iter()
            .map(|kind| {
                let received = sum(format!("{}:receipt", kind.as_str()));
                let spent = sum(format!("{}:spending", kind.as_str()));
                FundLine {
                    kind: *kind,
                    label: kind.label_vi().into(),
                    received,
                    spent,
                    text: fund_text(*kind, received, spent),
                }
            })
            .filter(|l| l.received > 0 || l.spent > 0)
            .collect();
        let mut q = Sql::new(
            "SELECT h.kind AS k, COUNT(*) AS n, CAST(COALESCE(SUM(h.value), 0) AS BIGINT) AS s \
             FROM houses h JOIN units u ON u.id = h.unit_id WHERE h.handed_over_on >= ",
        );
        q.bind(day(from)).push(" AND h.handed_over_on <= ").bind(day(to));
        Self::subtree_filter(&mut q, actor, &root);
        q.push(" GROUP BY h.kind");
        let houses = self.keyed(&q).await?;
        let n_houses: i64 = houses.values().map(|v| v.0).sum();
        let value: i64 = houses.values().map(|v| v.1).sum();
        Ok(FundStats {
            unit: format!("{}/{}", root.scheme, root.code),
            from,
            to,
            received: funds.iter().map(|f| f.received).sum(),
            spent: funds.iter().map(|f| f.spent).sum(),
            funds,
            houses: n_houses,
            houses_new: houses.get("new").map_or(0, |v| v.0),
            houses_repaired: houses.get("repair").map_or(0, |v| v.0),
            houses_value: value,
            houses_text: houses_text(n_houses, value),
        })
    }

    /// New-rural contributions given in [from, to] in the subtree, by source, with the land and
    /// workdays: "huy động được 2.808.657,0 triệu đồng (…)".
    pub async fn new_rural_stats(
        &self,
        actor: &Actor,
        unit: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<NewRuralStats> {
        let root = self.stats_root(actor, unit, to).await?;
        let mut q = Sql::new(
            "SELECT c.source AS k, CAST(COALESCE(SUM(c.amount), 0) AS BIGINT) AS s, \
             CAST(COALESCE(SUM(c.land_m2_tenths), 0) AS BIGINT) AS land, CAST(COALESCE(SUM(c.workdays), 0) AS BIGINT) AS days \
             FROM rural_contributions c JOIN units u ON u.id = c.unit_id WHERE c.given_on >= ",
        );
        q.bind(day(from)).push(" AND c.given_on <= ").bind(day(to));
        Self::subtree_filter(&mut q, actor, &root);
        q.push(" GROUP BY c.source");
        let mut by: HashMap<String, i64> = HashMap::new();
        let (mut land, mut workdays) = (0i64, 0i64);
        for row in q.query().fetch_all(&self.pool).await? {
            by.insert(col(&row, "k")?, col(&row, "s")?);
            land += col::<i64>(&row, "land")?;
            workdays += col::<i64>(&row, "days")?;
        }
        let sources: Vec<(ContributionSource, i64)> = ContributionSource::ALL
            .iter()
            .map(|s| (*s, by.get(s.as_str()).copied().unwrap_or(0)))
            .collect();
        let total: i64 = sources.iter().map(|(_, v)| v).sum();
        Ok(NewRuralStats {
            unit: format!("{}/{}", root.scheme, root.code),
            from,
            to,
            total,
            total_million: million_text(total),
            by_source: sources
                .iter()
                .map(|(s, v)| MoneyLine {
                    key: s.as_str().into(),
                    label: s.label_vi().into(),
                    dong: *v,
                    million: million_text(*v),
                })
                .collect(),
            land_m2_tenths: land,
            land_m2: format_decimal(land, 1),
            workdays,
            text: new_rural_text(&sources, land, workdays),
        })
    }

    /// Tasks ordered in [from, to] in the subtree: how many, their budget, how many are done
    /// (and on time), cancelled, or open past the deadline.
    pub async fn ordered_task_stats(
        &self,
        actor: &Actor,
        unit: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<OrderedTaskStats> {
        let root = self.stats_root(actor, unit, to).await?;
        let as_of = to.min(crate::units::today());
        let mut q = Sql::new(
            "SELECT t.status, t.contractor, t.budget, t.spent, t.deadline, t.done_on FROM ordered_tasks t \
             JOIN units u ON u.id = t.unit_id WHERE t.ordered_on >= ",
        );
        q.bind(day(from)).push(" AND t.ordered_on <= ").bind(day(to));
        Self::subtree_filter(&mut q, actor, &root);
        let (mut ordered, mut done, mut on_time, mut cancelled, mut overdue, mut budget, mut spent) =
            (0i64, 0i64, 0i64, 0i64, 0i64, 0i64, 0i64);
        let mut by_contractor: Vec<Count> = Vec::new();
        for row in q.query().fetch_all(&self.pool).await? {
            let status: String = col(&row, "status")?;
            let deadline: String = col(&row, "deadline")?;
            let done_on: Option<String> = col(&row, "done_on")?;
            ordered += 1;
            budget += col::<i64>(&row, "budget")?;
            spent += col::<Option<i64>>(&row, "spent")?.unwrap_or(0);
            match status.as_str() {
                "done" => {
                    done += 1;
                    if done_on.is_some_and(|d| d <= deadline) {
                        on_time += 1;
                    }
                }
                "cancelled" => cancelled += 1,
                _ if deadline < day(as_of) => overdue += 1,
                _ => {}
            }
            let contractor: String = col(&row, "contractor")?;
            match by_contractor.iter_mut().find(|c| c.key == contractor) {
                Some(c) => c.count += 1,
                None => by_contractor.push(Count {
                    label: contractor.clone(),
                    key: contractor,
                    count: 1,
                }),
            }
        }
        by_contractor.sort_by(|a, b| b.count.cmp(&a.count).then(a.key.cmp(&b.key)));
        Ok(OrderedTaskStats {
            unit: format!("{}/{}", root.scheme, root.code),
            from,
            to,
            ordered,
            done,
            done_on_time: on_time,
            cancelled,
            overdue,
            budget,
            spent,
            by_contractor,
            done_rate: Rate::new(done, ordered),
            text: ordered_task_text(ordered, budget, done, overdue),
        })
    }
}
