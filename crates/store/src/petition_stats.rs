//! Petition statistics for a unit subtree and a period (item 8 of the petitions issue): the
//! figures the reports quote, computed from the records, duplicates counted once.

use crate::sql::{col, Sql};
use crate::units::{date_text, Subtree};
use crate::{Result, Store};
use chrono::{Datelike, NaiveDate};
use danvan_domain::figures::{Rate, Rounding};
use danvan_domain::petition::{Channel, Count, PetitionKind, PetitionStats};
use danvan_domain::scope::Actor;
use danvan_domain::unit::Level;

/// The statuses of a resolved case, as the statistics count them.
pub(crate) const RESOLVED: &str = "('resolved', 'notified', 'closed')";

/// The open statuses, not linked duplicates, written exactly as the partial index
/// `petitions_open` is, so both backends can use it.
pub(crate) const OPEN_CASES: &str =
    "p.status IN ('received', 'processing', 'accepted', 'in_resolution') AND p.duplicate_of IS NULL";

/// How a period is read: whole months from `petition_months`, the days at its edges from the
/// petitions themselves.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct PeriodSplit {
    /// First and last whole month, `YYYY-MM`.
    pub months: Option<(String, String)>,
    /// Date ranges (inclusive) outside the whole months.
    pub days: Vec<(NaiveDate, NaiveDate)>,
}

fn month_end(d: NaiveDate) -> NaiveDate {
    let next = if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).unwrap_or(d)
}

pub(crate) fn split_period(from: NaiveDate, to: NaiveDate) -> PeriodSplit {
    let first = if from.day() == 1 {
        from
    } else {
        month_end(from).succ_opt().unwrap_or(from)
    };
    let last = if to == month_end(to) {
        to
    } else {
        to.with_day(1).and_then(|d| d.pred_opt()).unwrap_or(to)
    };
    if first > last {
        return PeriodSplit {
            months: None,
            days: if from <= to { vec![(from, to)] } else { Vec::new() },
        };
    }
    let mut days = Vec::new();
    if from < first {
        days.push((from, first.pred_opt().unwrap_or(first)));
    }
    if to > last {
        days.push((last.succ_opt().unwrap_or(last), to));
    }
    PeriodSplit {
        months: Some((first.format("%Y-%m").to_string(), last.format("%Y-%m").to_string())),
        days,
    }
}

/// The petitions received on the days at a period's edges, one row each, in the shape
/// `push_figures` reads.
const DAY_ROWS: &str = "SELECT p.unit_id, p.kind, p.channel, p.status, COALESCE(p.within_jurisdiction, -1) AS within, \
     CASE WHEN p.duplicate_of IS NULL THEN 0 ELSE 1 END AS dup, p.many_person AS many, \
     CASE WHEN p.resolved_on <= p.resolution_due THEN 1 ELSE 0 END AS on_time, 1 AS n FROM petitions p WHERE ";

const LEVELS: [Level; 3] = [Level::Province, Level::District, Level::Commune];

impl Store {
    /// Figures for petitions received in [from, to] by `unit` and the units below it (within the
    /// caller's scope). Open/overdue states are as of `min(to, today)`.
    pub async fn petition_stats(
        &self,
        actor: &Actor,
        unit: &str,
        from: NaiveDate,
        to: NaiveDate,
        rounding: Rounding,
    ) -> Result<PetitionStats> {
        let unit = self.resolve_unit(unit, Some(to)).await?;
        actor.scope.require(&unit)?;
        // Overdue counts are as of today (for a period reaching it): today is in the key.
        let key = format!(
            "petition_stats|{}|{}|{from}|{to}|{rounding:?}|{}",
            scope_key(actor),
            unit.id,
            crate::units::today()
        );
        let subtree = Subtree::of(&unit);
        self.cached(key, || {
            self.petition_stats_over(actor, &unit, &subtree, from, to, rounding)
        })
        .await
    }

    /// The same figures over `subtree` (a report's unit with the legacy units mapped into it).
    pub(crate) async fn petition_stats_over(
        &self,
        actor: &Actor,
        unit: &danvan_domain::unit::Unit,
        subtree: &Subtree,
        from: NaiveDate,
        to: NaiveDate,
        rounding: Rounding,
    ) -> Result<PetitionStats> {
        let as_of = to.min(crate::units::today());
        let in_units = |q: &mut Sql, column: &str, level: Option<Level>| {
            crate::units::push_units_in(q, column, &actor.scope, |q| {
                q.push(" AND ");
                subtree.push(q, "u.path");
                if let Some(level) = level {
                    q.push(" AND u.level = ").bind(level.as_str());
                }
            });
        };
        let split = split_period(from, to);
        let read = |source: &dyn Fn(&mut Sql)| {
            let mut q = Sql::new("SELECT ");
            push_figures(&mut q, &in_units);
            source(&mut q);
            q
        };
        let months = split.months.as_ref().map(|(first, last)| {
            // Joined to the units once per row (its level for the per-level counts), not looked
            // up in a units subquery per figure.
            let mut q = Sql::new("SELECT ");
            push_month_figures(&mut q);
            q.push(" FROM petition_months m JOIN units u ON u.id = m.unit_id WHERE m.month >= ")
                .bind(first.clone())
                .push(" AND m.month <= ")
                .bind(last.clone())
                .push(" AND ");
            subtree.push(&mut q, "u.path");
            crate::units::push_scope(&mut q, &actor.scope, "u.path");
            q
        });
        let days = (!split.days.is_empty()).then(|| {
            read(&|q: &mut Sql| {
                q.push(" FROM (").push(DAY_ROWS).push("(");
                for (i, (a, b)) in split.days.iter().enumerate() {
                    if i > 0 {
                        q.push(" OR ");
                    }
                    q.push("(p.received_on >= ")
                        .bind(date_text(Some(*a)))
                        .push(" AND p.received_on <= ")
                        .bind(date_text(Some(*b)))
                        .push(")");
                }
                q.push(") AND ");
                in_units(q, "p.unit_id", None);
                q.push(") t");
            })
        });
        let mut open =
            Sql::new("SELECT COUNT(*) FILTER (WHERE (p.status IN ('received', 'processing') AND p.processing_due < ");
        open.bind(date_text(Some(as_of)));
        open.push(") OR (p.status IN ('accepted', 'in_resolution') AND p.resolution_due < ")
            .bind(date_text(Some(as_of)))
            .push(")) AS overdue, COUNT(*) FILTER (WHERE p.received_on < ")
            .bind(date_text(Some(to - chrono::Duration::days(365))))
            .push(&format!(
                ") AS long_running FROM petitions p WHERE {OPEN_CASES} AND p.received_on >= "
            ))
            .bind(date_text(Some(from)))
            .push(" AND p.received_on <= ")
            .bind(date_text(Some(to)))
            .push(" AND ");
        in_units(&mut open, "p.unit_id", None);
        // The three reads are independent: side by side on the pool's connections.
        let (from_months, from_days, row) = tokio::try_join!(self.read_tally(months), self.read_tally(days), async {
            Ok::<_, crate::StoreError>(open.query().fetch_one(&self.pool).await?)
        },)?;
        let mut tally = from_months;
        tally.add(&from_days);
        let (overdue, long_running): (i64, i64) = (col(&row, "overdue")?, col(&row, "long_running")?);
        tally.into_stats(unit, from, to, rounding, overdue, long_running)
    }
}

impl Store {
    /// The counts one source gives; none when the period does not need that source.
    async fn read_tally(&self, q: Option<Sql>) -> Result<Tally> {
        match q {
            Some(q) => Tally::from_row(&q.query().fetch_one(&self.pool).await?),
            None => Ok(Tally::default()),
        }
    }
}

/// The same figures from whole months of `petition_months m` joined to its units `u`, one
/// column each, under the names `push_figures` gives them.
fn push_month_figures(q: &mut Sql) {
    let sum = |q: &mut Sql, column: &str, name: &str| {
        q.push(&format!("CAST(COALESCE(SUM(m.{column}), 0) AS BIGINT) AS {name}, "));
    };
    for (column, name) in [
        ("duplicates", "duplicates"),
        ("received", "received"),
        ("within_jurisdiction", "within"),
        ("resolved_within", "resolved_within"),
        ("resolved_on_time", "on_time"),
        ("many_person", "many_person"),
    ] {
        sum(q, column, name);
    }
    for k in PetitionKind::ALL {
        sum(q, &format!("kind_{}", k.as_str()), &format!("k_{}", k.as_str()));
    }
    for c in Channel::ALL {
        sum(q, &format!("channel_{}", c.as_str()), &format!("c_{}", c.as_str()));
    }
    for l in LEVELS {
        q.push("CAST(COALESCE(SUM(m.received) FILTER (WHERE u.level = ")
            .bind(l.as_str())
            .push(&format!("), 0) AS BIGINT) AS l_{}, ", l.as_str()));
    }
    q.push("0 AS unused");
}

/// One figure: `SUM(n)` over the rows its condition picks, as an integer on both backends.
fn push_sum(q: &mut Sql, condition: impl FnOnce(&mut Sql), name: &str) {
    q.push("CAST(COALESCE(SUM(t.n) FILTER (WHERE t.dup = 0 AND ");
    condition(q);
    q.push(&format!("), 0) AS BIGINT) AS {name}, "));
}

fn lit(text: &str) -> impl FnOnce(&mut Sql) + '_ {
    move |q| {
        q.push(text);
    }
}

/// Every figure of the statistics, in one pass over either source.
fn push_figures(q: &mut Sql, in_units: &dyn Fn(&mut Sql, &str, Option<Level>)) {
    q.push("CAST(COALESCE(SUM(t.n) FILTER (WHERE t.dup = 1), 0) AS BIGINT) AS duplicates, ");
    push_sum(q, lit("1 = 1"), "received");
    push_sum(q, lit("t.within = 1"), "within");
    push_sum(
        q,
        lit(&format!("t.within = 1 AND t.status IN {RESOLVED}")),
        "resolved_within",
    );
    push_sum(q, lit(&format!("t.status IN {RESOLVED} AND t.on_time = 1")), "on_time");
    push_sum(q, lit("t.many = 1"), "many_person");
    for k in PetitionKind::ALL {
        push_sum(
            q,
            |q| {
                q.push("t.kind = ").bind(k.as_str());
            },
            &format!("k_{}", k.as_str()),
        );
    }
    for c in Channel::ALL {
        push_sum(
            q,
            |q| {
                q.push("t.channel = ").bind(c.as_str());
            },
            &format!("c_{}", c.as_str()),
        );
    }
    for l in LEVELS {
        push_sum(q, |q| in_units(q, "t.unit_id", Some(l)), &format!("l_{}", l.as_str()));
    }
    q.push("0 AS unused");
}

/// The counts the statistics are made of, summed over the sources of a period.
#[derive(Debug, Default)]
struct Tally {
    received: i64,
    duplicates: i64,
    within: i64,
    resolved_within: i64,
    on_time: i64,
    many_person: i64,
    kinds: Vec<i64>,
    channels: Vec<i64>,
    levels: Vec<i64>,
}

impl Tally {
    fn from_row(row: &sqlx::any::AnyRow) -> Result<Tally> {
        let n = |name: &str| -> Result<i64> { Ok(col::<i64>(row, name)?) };
        let all = |prefix: &str, keys: Vec<&str>| -> Result<Vec<i64>> {
            keys.into_iter().map(|k| n(&format!("{prefix}_{k}"))).collect()
        };
        Ok(Tally {
            received: n("received")?,
            duplicates: n("duplicates")?,
            within: n("within")?,
            resolved_within: n("resolved_within")?,
            on_time: n("on_time")?,
            many_person: n("many_person")?,
            kinds: all("k", PetitionKind::ALL.iter().map(|k| k.as_str()).collect())?,
            channels: all("c", Channel::ALL.iter().map(|c| c.as_str()).collect())?,
            levels: all("l", LEVELS.iter().map(|l| l.as_str()).collect())?,
        })
    }

    fn add(&mut self, other: &Tally) {
        let sum = |a: &mut Vec<i64>, b: &[i64]| {
            a.resize(b.len().max(a.len()), 0);
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        };
        self.received += other.received;
        self.duplicates += other.duplicates;
        self.within += other.within;
        self.resolved_within += other.resolved_within;
        self.on_time += other.on_time;
        self.many_person += other.many_person;
        sum(&mut self.kinds, &other.kinds);
        sum(&mut self.channels, &other.channels);
        sum(&mut self.levels, &other.levels);
    }

    fn into_stats(
        self,
        unit: &danvan_domain::unit::Unit,
        from: NaiveDate,
        to: NaiveDate,
        rounding: Rounding,
        overdue: i64,
        long_running: i64,
    ) -> Result<PetitionStats> {
        let counts = |values: &[i64], items: Vec<(&'static str, &'static str)>| -> Vec<Count> {
            items
                .into_iter()
                .enumerate()
                .map(|(i, (key, label))| Count {
                    key: key.into(),
                    label: label.into(),
                    count: values.get(i).copied().unwrap_or(0),
                })
                .collect()
        };
        let rate = Rate::new(self.resolved_within, self.within);
        Ok(PetitionStats {
            unit: unit.label(),
            from,
            to,
            received: self.received,
            duplicates: self.duplicates,
            by_kind: counts(
                &self.kinds,
                PetitionKind::ALL.iter().map(|k| (k.as_str(), k.label_vi())).collect(),
            ),
            by_channel: counts(
                &self.channels,
                Channel::ALL.iter().map(|c| (c.as_str(), c.label_vi())).collect(),
            ),
            by_level: counts(
                &self.levels,
                LEVELS.iter().map(|l| (l.as_str(), l.label_vi())).collect(),
            ),
            within_jurisdiction: self.within,
            resolved_within_jurisdiction: self.resolved_within,
            resolution_rate_text: format!(
                "{}/{} đơn, đạt {}",
                danvan_domain::figures::format_count(self.resolved_within),
                danvan_domain::figures::format_count(self.within),
                rate.percent_text(rounding)
            ),
            resolution_rate: rate,
            resolved_on_time: self.on_time,
            overdue,
            many_person: self.many_person,
            long_running,
        })
    }
}

/// What a caller's scope looks like in a cache key.
pub(crate) fn scope_key(actor: &Actor) -> String {
    if actor.scope.is_everything() {
        "*".into()
    } else {
        actor.scope.prefixes().join(",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn whole_months_come_from_petition_months_and_edges_from_days() {
        let year = split_period(d("2026-01-01"), d("2026-12-31"));
        assert_eq!(year.months, Some(("2026-01".into(), "2026-12".into())));
        assert!(year.days.is_empty());

        // The inspection family's year runs 15/12 → 14/12.
        let inspection = split_period(d("2025-12-15"), d("2026-12-14"));
        assert_eq!(inspection.months, Some(("2026-01".into(), "2026-11".into())));
        assert_eq!(
            inspection.days,
            vec![(d("2025-12-15"), d("2025-12-31")), (d("2026-12-01"), d("2026-12-14"))]
        );

        let february = split_period(d("2024-02-01"), d("2024-02-29"));
        assert_eq!(february.months, Some(("2024-02".into(), "2024-02".into())));

        let inside = split_period(d("2026-03-05"), d("2026-03-20"));
        assert_eq!(inside.months, None);
        assert_eq!(inside.days, vec![(d("2026-03-05"), d("2026-03-20"))]);

        let across = split_period(d("2026-03-05"), d("2026-04-20"));
        assert_eq!(across.months, None);
        assert_eq!(across.days, vec![(d("2026-03-05"), d("2026-04-20"))]);

        assert!(split_period(d("2026-03-05"), d("2026-03-01")).days.is_empty());
    }
}
