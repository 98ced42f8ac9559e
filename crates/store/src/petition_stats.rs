//! Petition statistics for a unit subtree and a period (item 8 of the petitions issue): the
//! figures the reports quote, computed from the records, duplicates counted once.

use crate::sql::{col, Sql};
use crate::units::{date_text, push_scope};
use crate::{Result, Store};
use chrono::NaiveDate;
use danvan_domain::figures::{Rate, Rounding};
use danvan_domain::petition::{Channel, Count, PetitionKind, PetitionStats};
use danvan_domain::scope::Actor;
use danvan_domain::unit::Level;

const RESOLVED: &str = "('resolved', 'notified', 'closed')";

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
        let as_of = to.min(crate::units::today());
        let from_where = |q: &mut Sql| {
            q.push(" FROM petitions p JOIN units u ON u.id = p.unit_id WHERE u.path LIKE ")
                .bind(format!("{}%", unit.path));
            q.push(" AND p.received_on >= ").bind(date_text(Some(from)));
            q.push(" AND p.received_on <= ").bind(date_text(Some(to)));
            push_scope(q, &actor.scope, "u.path");
        };
        let as_of_text = date_text(Some(as_of));
        let mut totals = Sql::new(&format!(
            "SELECT COUNT(*) FILTER (WHERE p.duplicate_of IS NULL) AS received, \
             COUNT(*) FILTER (WHERE p.duplicate_of IS NOT NULL) AS duplicates, \
             COUNT(*) FILTER (WHERE p.duplicate_of IS NULL AND p.within_jurisdiction = 1) AS within, \
             COUNT(*) FILTER (WHERE p.duplicate_of IS NULL AND p.within_jurisdiction = 1 AND p.status IN {RESOLVED}) AS resolved_within, \
             COUNT(*) FILTER (WHERE p.duplicate_of IS NULL AND p.status IN {RESOLVED} AND p.resolved_on <= p.resolution_due) AS on_time, \
             COUNT(*) FILTER (WHERE p.duplicate_of IS NULL AND p.many_person = 1) AS many_person, \
             COUNT(*) FILTER (WHERE p.duplicate_of IS NULL AND p.status IN ('received', 'processing', 'accepted', 'in_resolution') AND p.received_on < "
        ));
        totals.bind(date_text(Some(to - chrono::Duration::days(365))));
        totals.push(") AS long_running, COUNT(*) FILTER (WHERE p.duplicate_of IS NULL AND ((p.status IN ('received', 'processing') AND p.processing_due < ");
        totals.bind(as_of_text.clone());
        totals
            .push(") OR (p.status IN ('accepted', 'in_resolution') AND p.resolution_due < ")
            .bind(as_of_text)
            .push("))) AS overdue");
        from_where(&mut totals);
        let row = totals.query().fetch_one(&self.pool).await?;
        let n = |name: &str| col::<i64>(&row, name);
        let (within, resolved_within) = (n("within")?, n("resolved_within")?);
        let rate = Rate::new(resolved_within, within);

        let split = |column: &str| {
            let mut q = Sql::new(&format!("SELECT {column} AS k, COUNT(*) AS n"));
            from_where(&mut q);
            q.push(" AND p.duplicate_of IS NULL GROUP BY ").push(column);
            q
        };
        let counts = |rows: Vec<sqlx::any::AnyRow>| -> Result<Vec<(String, i64)>> {
            rows.iter()
                .map(|r| Ok((col::<String>(r, "k")?, col::<i64>(r, "n")?)))
                .collect()
        };
        let by_kind = counts(split("p.kind").query().fetch_all(&self.pool).await?)?;
        let by_channel = counts(split("p.channel").query().fetch_all(&self.pool).await?)?;
        let by_level = counts(split("u.level").query().fetch_all(&self.pool).await?)?;
        let pick = |all: &[(String, i64)], key: &str| all.iter().find(|(k, _)| k == key).map(|(_, n)| *n).unwrap_or(0);
        Ok(PetitionStats {
            unit: unit.label(),
            from,
            to,
            received: n("received")?,
            duplicates: n("duplicates")?,
            by_kind: PetitionKind::ALL
                .iter()
                .map(|k| Count {
                    key: k.as_str().into(),
                    label: k.label_vi().into(),
                    count: pick(&by_kind, k.as_str()),
                })
                .collect(),
            by_channel: Channel::ALL
                .iter()
                .map(|c| Count {
                    key: c.as_str().into(),
                    label: c.label_vi().into(),
                    count: pick(&by_channel, c.as_str()),
                })
                .collect(),
            by_level: [Level::Province, Level::District, Level::Commune]
                .iter()
                .map(|l| Count {
                    key: l.as_str().into(),
                    label: l.label_vi().into(),
                    count: pick(&by_level, l.as_str()),
                })
                .collect(),
            within_jurisdiction: within,
            resolved_within_jurisdiction: resolved_within,
            resolution_rate_text: format!(
                "{}/{} đơn, đạt {}",
                danvan_domain::figures::format_count(resolved_within),
                danvan_domain::figures::format_count(within),
                rate.percent_text(rounding)
            ),
            resolution_rate: rate,
            resolved_on_time: n("on_time")?,
            overdue: n("overdue")?,
            many_person: n("many_person")?,
            long_running: n("long_running")?,
        })
    }
}
