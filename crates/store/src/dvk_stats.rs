//! "Dân vận khéo" figures for a unit subtree and a period: registrations by field and by
//! collective/individual, the steps reached (each counted by its own date), and the models
//! recognised by field, level and holder.

use crate::record_rows::day;
use crate::sql::{col, starts_with, Sql};
use crate::units::push_scope;
use crate::{Result, Store};
use chrono::NaiveDate;
use danvan_domain::dvk::{
    counts, recognised_text, registered_text, stage_text, DvkField, DvkStage, DvkStats, Holder, RecognitionLevel,
};
use danvan_domain::scope::Actor;
use std::collections::HashMap;

/// The date column that says when a model reached each stage.
fn stage_column(stage: DvkStage) -> &'static str {
    match stage {
        DvkStage::Registered => "registered_on",
        DvkStage::Appraised => "appraised_on",
        DvkStage::Recognised => "recognised_on",
        DvkStage::Proposed => "proposed_on",
        DvkStage::Commended => "commended_on",
        DvkStage::Replicated => "replicated_on",
    }
}

impl Store {
    /// (field, holder, level) → count of the models whose `date_column` falls in [from, to].
    async fn dvk_groups(
        &self,
        actor: &Actor,
        path: &str,
        date_column: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<HashMap<(String, String, String), i64>> {
        let mut q = Sql::new(&format!(
            "SELECT m.field, m.holder, COALESCE(m.level, '') AS lvl, COUNT(*) AS n FROM dvk_models m \
             JOIN units u ON u.id = m.unit_id WHERE m.{date_column} >= "
        ));
        q.bind(day(from))
            .push(&format!(" AND m.{date_column} <= "))
            .bind(day(to));
        q.push(" AND u.path LIKE ").bind(starts_with(path));
        push_scope(&mut q, &actor.scope, "u.path");
        q.push(" GROUP BY m.field, m.holder, COALESCE(m.level, '')");
        let mut out = HashMap::new();
        for row in q.query().fetch_all(&self.pool).await? {
            out.insert(
                (col(&row, "field")?, col(&row, "holder")?, col(&row, "lvl")?),
                col::<i64>(&row, "n")?,
            );
        }
        Ok(out)
    }

    /// The "Dân vận khéo" figures of `unit` and the units below it over [from, to]:
    /// "2.705 đăng ký … 922 đề nghị khen thưởng"; "151 mô hình, điển hình: kinh tế 75, …".
    pub async fn dvk_stats(&self, actor: &Actor, unit: &str, from: NaiveDate, to: NaiveDate) -> Result<DvkStats> {
        let unit = self.resolve_unit(unit, Some(to)).await?;
        actor.scope.require(&unit)?;
        let mut reached = HashMap::new();
        let mut registered = HashMap::new();
        let mut recognised = HashMap::new();
        for stage in DvkStage::ALL {
            let groups = self
                .dvk_groups(actor, &unit.path, stage_column(*stage), from, to)
                .await?;
            reached.insert(*stage, groups.values().sum::<i64>());
            match stage {
                DvkStage::Registered => registered = groups,
                DvkStage::Recognised => recognised = groups,
                _ => {}
            }
        }
        let sum = |g: &HashMap<(String, String, String), i64>, pick: &dyn Fn(&(String, String, String)) -> bool| {
            g.iter().filter(|(k, _)| pick(k)).map(|(_, n)| n).sum::<i64>()
        };
        let by_field = |g: &HashMap<_, i64>| {
            counts(DvkField::ALL, DvkField::as_str, DvkField::label_vi, |f| {
                sum(g, &|k| k.0 == f.as_str())
            })
        };
        let by_holder = |g: &HashMap<_, i64>| {
            counts(Holder::ALL, Holder::as_str, Holder::label_vi, |h| {
                sum(g, &|k| k.1 == h.as_str())
            })
        };
        let registered_by_holder = by_holder(&registered);
        let recognised_by_field = by_field(&recognised);
        let total_registered = reached[&DvkStage::Registered];
        let total_recognised = reached[&DvkStage::Recognised];
        let by_stage = counts(DvkStage::ALL, DvkStage::as_str, DvkStage::label_vi, |s| reached[&s]);
        let mut q = Sql::new(
            "SELECT COUNT(*) AS n FROM dvk_replications r JOIN dvk_models m ON m.id = r.model_id \
             JOIN units u ON u.id = m.unit_id WHERE r.replicated_on >= ",
        );
        q.bind(day(from)).push(" AND r.replicated_on <= ").bind(day(to));
        q.push(" AND u.path LIKE ").bind(starts_with(&unit.path));
        push_scope(&mut q, &actor.scope, "u.path");
        let replications: i64 = col(&q.query().fetch_one(&self.pool).await?, "n")?;
        Ok(DvkStats {
            unit: format!("{}/{}", unit.scheme, unit.code),
            from,
            to,
            registered: total_registered,
            registered_by_field: by_field(&registered),
            registered_text: registered_text(total_registered, &registered_by_holder),
            registered_by_holder,
            stage_text: stage_text(&by_stage),
            by_stage,
            recognised: total_recognised,
            recognised_text: recognised_text(total_recognised, &recognised_by_field),
            recognised_by_field,
            recognised_by_level: counts(
                RecognitionLevel::ALL,
                RecognitionLevel::as_str,
                RecognitionLevel::label_vi,
                |l| sum(&recognised, &|k| k.2 == l.as_str()),
            ),
            recognised_by_holder: by_holder(&recognised),
            replications,
        })
    }
}
