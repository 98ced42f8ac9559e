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
        // One pass over the period: counts per (kind, channel, level) group, with the flag
        // counts beside them; the splits and totals are sums of the groups.
        let mut q = Sql::new(&format!(
            "SELECT p.kind AS kind, p.channel AS channel, u.level AS level, \
             COUNT(*) FILTER (WHERE p.duplicate_of IS NULL) AS received, \
             COUNT(*) FILTER (WHERE p.duplicate_of IS NOT NULL) AS duplicates, \
             COUNT(*) FILTER (WHERE p.duplicate_of IS NULL AND p.within_jurisdiction = 1) AS within, \
             COUNT(*) FILTER (WHERE p.duplicate_of IS NULL AND p.within_jurisdiction = 1 AND p.status IN {RESOLVED}) AS resolved_within, \
             COUNT(*) FILTER (WHERE p.duplicate_of IS NULL AND p.status IN {RESOLVED} AND p.resolved_on <= p.resolution_due) AS on_time, \
             COUNT(*) FILTER (WHERE p.duplicate_of IS NULL AND p.many_person = 1) AS many_person, \
             COUNT(*) FILTER (WHERE p.duplicate_of IS NULL AND p.status IN ('received', 'processing', 'accepted', 'in_resolution') AND p.received_on < "
        ));
        q.bind(date_text(Some(to - chrono::Duration::days(365))));
        q.push(") AS long_running, COUNT(*) FILTER (WHERE p.duplicate_of IS NULL AND ((p.status IN ('received', 'processing') AND p.processing_due < ");
        q.bind(as_of_text.clone());
        q.push(") OR (p.status IN ('accepted', 'in_resolution') AND p.resolution_due < ")
            .bind(as_of_text)
            .push("))) AS overdue");
        from_where(&mut q);
        q.push(" GROUP BY p.kind, p.channel, u.level");
        let rows = q.query().fetch_all(&self.pool).await?;
        let mut total = std::collections::HashMap::<&str, i64>::new();
        let (mut by_kind, mut by_channel, mut by_level) = (Vec::new(), Vec::new(), Vec::new());
        for r in &rows {
            for name in [
                "received",
                "duplicates",
                "within",
                "resolved_within",
                "on_time",
                "many_person",
                "long_running",
                "overdue",
            ] {
                *total.entry(name).or_default() += col::<i64>(r, name)?;
            }
            let received = col::<i64>(r, "received")?;
            by_kind.push((col::<String>(r, "kind")?, received));
            by_channel.push((col::<String>(r, "channel")?, received));
            by_level.push((col::<String>(r, "level")?, received));
        }
        let n = |name: &str| -> Result<i64> { Ok(total.get(name).copied().unwrap_or(0)) };
        let (within, resolved_within) = (n("within")?, n("resolved_within")?);
        let rate = Rate::new(resolved_within, within);
        let pick =
            |all: &[(String, i64)], key: &str| all.iter().filter(|(k, _)| k == key).map(|(_, n)| *n).sum::<i64>();
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
