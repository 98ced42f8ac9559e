//! Periodic reports: gathering a report's inputs (recorded figures for the unit's subtree — with
//! the legacy units that went into a 2025 unit for periods before 1/7/2025 —, submissions of
//! units not on the system, units that sent nothing), submitted figures, the stored reports with
//! their life, and the narrative templates.

use crate::read_cache::StaleAfter;
use crate::sql::{col, Sql};
use crate::units::{date_text, push_scope, unit_from_row, Subtree, UNIT_COLUMNS};
use crate::{Result, Store, StoreError};
use chrono::NaiveDate;
use danvan_domain::figures::Rounding;
use danvan_domain::period::{bundled_families, family, Period, PeriodSpec};
use danvan_domain::report::figures::{
    democracy_values, directive_values, dvk_values, gpmb_values, meeting_values, movement_values, petition_values,
};
use danvan_domain::report::{
    definition, ApprovedFigures, FigureKind, FigureValues, FreeSections, ReportAction, ReportFigures, ReportHeader,
    ReportInput, ReportRecord, ReportStatus, ReportUnit, Submission, Warning,
};
use danvan_domain::role::{require, Role};
use danvan_domain::scope::Actor;
use danvan_domain::unit::{Level, Unit};
use danvan_domain::{DomainError, ErrorCode};
use std::collections::BTreeMap;

/// The day the two-level government began.
pub const REFORM_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2025, 7, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

pub fn report_unit(u: &Unit) -> ReportUnit {
    ReportUnit {
        scheme: u.scheme.clone(),
        code: u.code.clone(),
        name: u.name.clone(),
        level: u.level,
    }
}

/// What the statistics of one subtree give a report.
#[derive(Clone)]
struct Gathered {
    values: FigureValues,
    texts: BTreeMap<String, String>,
    warnings: Vec<Warning>,
}

impl Store {
    /// The units a report of `unit` counts over a period starting `from`: its subtree and, when the
    /// period starts before 1/7/2025 and the unit is a 2025 one, the legacy units that went into
    /// it — whole, or divided with this unit as the default successor. Returns the note the
    /// report prints about it.
    pub async fn report_subtree(&self, unit: &Unit, from: NaiveDate) -> Result<(Subtree, Option<String>)> {
        let mut subtree = Subtree::of(unit);
        if unit.scheme != "2025" || from >= REFORM_DAY {
            return Ok((subtree, None));
        }
        let mut q = Sql::new(
            "SELECT o.path AS path, s.kind AS kind FROM unit_successions s JOIN units n ON n.id = s.successor_id \
             JOIN units o ON o.id = s.predecessor_id WHERE o.scheme = 'legacy' AND n.path LIKE ",
        );
        q.bind(crate::sql::starts_with(&unit.path))
            .push(" AND (s.kind = 'whole' OR s.is_default = 1)");
        let rows = q.query().fetch_all(&self.pool).await?;
        let (mut whole, mut divided) = (0, 0);
        for row in &rows {
            let path: String = col(row, "path")?;
            let kind: String = col(row, "kind")?;
            if kind == "whole" {
                whole += 1;
            } else {
                divided += 1;
            }
            subtree.add(&path);
        }
        if rows.is_empty() {
            return Ok((subtree, None));
        }
        let mut note = format!(
            "Số liệu trước ngày 01/7/2025 được tính theo địa giới cũ và quy về {} theo bảng kế thừa đơn vị hành chính: \
             {} đơn vị cũ nhập toàn bộ",
            unit.name,
            danvan_domain::figures::format_count(whole)
        );
        if divided > 0 {
            note.push_str(&format!(
                ", {} đơn vị cũ bị chia tách được tính về đơn vị kế thừa mặc định thuộc {}",
                danvan_domain::figures::format_count(divided),
                unit.name
            ));
        }
        note.push('.');
        Ok((subtree, Some(note)))
    }

    /// The figures of one subtree over a period: the petitions' recomputed, everything else
    /// reused until a write beyond petitions (recording a petition leaves the meeting, movement,
    /// democracy and GPMB figures as they were).
    async fn gather(
        &self,
        actor: &Actor,
        unit: &Unit,
        subtree: &Subtree,
        period: &Period,
        rounding: Rounding,
    ) -> Result<Gathered> {
        let key = format!(
            "report_records|{}|{}|{}|{}|{}|{rounding:?}|{}",
            crate::petition_stats::scope_key(actor),
            unit.id,
            subtree.prefixes.join(","),
            period.from,
            period.to,
            crate::units::today()
        );
        let (p, mut gathered) = tokio::try_join!(
            self.petition_stats_over(actor, unit, subtree, period.from, period.to, rounding),
            self.cached_until(StaleAfter::NonPetitionWrite, key, || {
                self.gather_records(actor, unit, subtree, period, rounding)
            }),
        )?;
        petition_values(&p, &mut gathered.values);
        gathered
            .texts
            .insert("petitions.resolution_rate".into(), p.resolution_rate_text.clone());
        Ok(gathered)
    }

    /// Every figure but the petitions' over one subtree and period.
    async fn gather_records(
        &self,
        actor: &Actor,
        unit: &Unit,
        subtree: &Subtree,
        period: &Period,
        rounding: Rounding,
    ) -> Result<Gathered> {
        let m = self
            .meeting_stats_over(actor, unit, subtree, period.from, period.to, rounding)
            .await?;
        // The newer record types are kept by 2025 units only: their own subtree is enough.
        let label = format!("{}/{}", unit.scheme, unit.code);
        let (from, to) = (period.from, period.to);
        let (directives, dvk, movements, funds, new_rural, ordered) = tokio::try_join!(
            self.directive_stats(actor, &label, from, to),
            self.dvk_stats(actor, &label, from, to),
            self.movement_stats(actor, &label, from, to),
            self.fund_stats(actor, &label, from, to),
            self.new_rural_stats(actor, &label, from, to),
            self.ordered_task_stats(actor, &label, from, to),
        )?;
        let (disclosures, decisions, gpmb) = tokio::try_join!(
            self.disclosure_stats(actor, &label, from, to),
            self.resident_decision_stats(actor, &label, from, to),
            self.gpmb_stats(actor, &label, from, to),
        )?;
        let mut values = FigureValues::new();
        meeting_values(&m, &mut values);
        directive_values(&directives, &mut values);
        dvk_values(&dvk, &mut values);
        movement_values(&movements, &funds, &new_rural, &ordered, &mut values);
        democracy_values(&disclosures, &decisions, &mut values);
        gpmb_values(&gpmb, &mut values);
        let mut texts = BTreeMap::new();
        let mut text = |k: &str, v: &str| {
            texts.insert(k.to_string(), v.to_string());
        };
        text("meetings.dialogues", &m.dialogues_text);
        text("meetings.participants", &m.participants_text);
        text("meetings.answered", &m.answered_text);
        text("meetings.outcomes", &m.outcome_text);
        text("meetings.plan", &m.plan_text);
        text("supervision.count", &m.supervisions_text);
        for c in &m.contributions {
            text(&format!("supervision.contributions.{}", c.target.as_str()), &c.text);
        }
        text("directives.by_type", &directives.text);
        text("dvk.registered", &dvk.registered_text);
        text("dvk.stages", &dvk.stage_text);
        text("dvk.recognised", &dvk.recognised_text);
        text("movements.groups", &movements.groups_text);
        for (i, f) in funds.funds.iter().enumerate() {
            text(&format!("funds.{i}"), &f.text);
        }
        text("houses", &funds.houses_text);
        text("new_rural", &new_rural.text);
        text("ordered", &ordered.text);
        text("democracy.disclosures", &disclosures.text);
        text("democracy.decisions", &decisions.text);
        text("democracy.consultations", &decisions.consultations.text);
        text("gpmb", &gpmb.text);
        for (i, p) in gpmb.per_project.iter().enumerate().take(10) {
            text(
                &format!("gpmb.project.{i}"),
                &format!("{}: {}", p.name, p.progress.text),
            );
        }
        let mut warnings: Vec<Warning> = m
            .warnings
            .iter()
            .map(|w| Warning {
                code: "meeting_counts".into(),
                message: format!(
                    "Hội nghị “{}” ({}, {}): {}",
                    w.topic,
                    w.unit_name,
                    w.held_on.format("%d/%m/%Y"),
                    w.warnings
                        .iter()
                        .map(|c| c.message.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
                figure: Some("meetings.items".into()),
                unit: None,
                link: Some(format!("/meetings/{}", w.meeting_id)),
            })
            .collect();
        let unlisted = m.warnings_total - m.warnings.len() as i64;
        if unlisted > 0 {
            warnings.push(Warning {
                code: "meeting_counts_more".into(),
                message: format!(
                    "Còn {} hội nghị khác có số ý kiến nhập tay không khớp",
                    danvan_domain::figures::format_count(unlisted)
                ),
                figure: Some("meetings.items".into()),
                unit: None,
                link: Some(format!(
                    "/meetings?inconsistent=true&unit={}&from={}&to={}",
                    label,
                    period.from.format("%d/%m/%Y"),
                    period.to.format("%d/%m/%Y")
                )),
            });
        }
        Ok(Gathered {
            values,
            texts,
            warnings,
        })
    }

    /// Resolves a period name in a report family (`party`, `state`).
    pub fn resolve_period(&self, spec: &PeriodSpec, family_id: &str) -> Result<Period> {
        let families = bundled_families();
        Ok(spec.resolve(family(&families, family_id)?)?)
    }

    /// Everything a report of `unit` for `spec` is computed from, reused until the next write
    /// (a province-year reads every statistic of the year twice: this and the previous period).
    pub async fn report_input(
        &self,
        actor: &Actor,
        unit: &str,
        spec: &PeriodSpec,
        family_id: &str,
        rounding: Rounding,
    ) -> Result<ReportInput> {
        // Postings still running are counted to today: the day is part of the key.
        let key = format!(
            "report|{}|{unit}|{spec:?}|{family_id}|{rounding:?}|{}",
            crate::petition_stats::scope_key(actor),
            crate::units::today()
        );
        self.cached(key, || {
            self.compute_report_input(actor, unit, spec, family_id, rounding)
        })
        .await
    }

    async fn compute_report_input(
        &self,
        actor: &Actor,
        unit: &str,
        spec: &PeriodSpec,
        family_id: &str,
        rounding: Rounding,
    ) -> Result<ReportInput> {
        let period = self.resolve_period(spec, family_id)?;
        let previous = self.resolve_period(&spec.previous(), family_id)?;
        let unit = self.resolve_unit(unit, Some(period.to)).await?;
        actor.scope.require(&unit)?;
        let (subtree, note) = self.report_subtree(&unit, period.from).await?;
        let (prev_subtree, _) = self.report_subtree(&unit, previous.from).await?;
        let (now, before) = tokio::try_join!(
            self.gather(actor, &unit, &subtree, &period, rounding),
            self.gather(actor, &unit, &prev_subtree, &previous, rounding),
        )?;
        let mut submissions = Vec::new();
        for (u, values, channel, at, by) in self.submissions_under(actor, &subtree, family_id, &period.key).await? {
            let own = Subtree::of(&u);
            let recorded = self.gather(actor, &u, &own, &period, rounding).await?.values;
            let recorded = recorded.into_iter().filter(|(k, _)| values.contains_key(k)).collect();
            submissions.push(Submission {
                unit: report_unit(&u),
                values,
                recorded,
                channel,
                submitted_at: at,
                submitted_by: by,
            });
        }
        let silent_units = self.silent_units(actor, &unit, &period, family_id).await?;
        Ok(ReportInput {
            unit: report_unit(&unit),
            period,
            previous,
            current: now.values,
            previous_values: before.values,
            submissions,
            silent_units,
            gathered_warnings: now.warnings,
            texts: now.texts,
            notes: note.into_iter().collect(),
            rounding,
        })
    }

    async fn submissions_under(
        &self,
        actor: &Actor,
        subtree: &Subtree,
        family_id: &str,
        period_key: &str,
    ) -> Result<Vec<(Unit, FigureValues, String, String, String)>> {
        let mut q = Sql::new(&format!(
            "SELECT s.values_json, s.channel, s.submitted_at, s.submitted_by, {UNIT_COLUMNS} \
             JOIN report_submissions s ON s.unit_id = u.id WHERE s.family = "
        ));
        q.bind(family_id)
            .push(" AND s.period_key = ")
            .bind(period_key)
            .push(" AND ");
        subtree.push(&mut q, "u.path");
        push_scope(&mut q, &actor.scope, "u.path");
        q.push(" ORDER BY u.path");
        let mut out = Vec::new();
        for row in q.query().fetch_all(&self.pool).await? {
            let json: String = col(&row, "values_json")?;
            let values: FigureValues =
                serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(format!("report_submissions: {e}")))?;
            out.push((
                unit_from_row(&row)?,
                values,
                col(&row, "channel")?,
                col(&row, "submitted_at")?,
                col(&row, "submitted_by")?,
            ));
        }
        Ok(out)
    }

    /// Communes under `unit` in force during the period with no petition, no meeting and no
    /// submission in it.
    async fn silent_units(
        &self,
        actor: &Actor,
        unit: &Unit,
        period: &Period,
        family_id: &str,
    ) -> Result<Vec<ReportUnit>> {
        if unit.level == Level::Commune || unit.level == Level::Village {
            return Ok(Vec::new());
        }
        let (f, t) = (date_text(Some(period.from)), date_text(Some(period.to)));
        let mut q = Sql::new(&format!(
            "SELECT {UNIT_COLUMNS} WHERE u.level = 'commune' AND u.path LIKE "
        ));
        q.bind(crate::sql::starts_with(&unit.path))
            .push(" AND (u.valid_from IS NULL OR u.valid_from <= ")
            .bind(t)
            .push(") AND (u.valid_to IS NULL OR u.valid_to >= ")
            .bind(f)
            .push(")");
        push_scope(&mut q, &actor.scope, "u.path");
        q.push(" AND NOT EXISTS (SELECT 1 FROM report_submissions s WHERE s.unit_id = u.id AND s.family = ")
            .bind(family_id)
            .push(" AND s.period_key = ")
            .bind(period.key.clone())
            .push(") ORDER BY u.name");
        let communes = q
            .query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(unit_from_row)
            .collect::<Result<Vec<_>>>()?;
        if communes.is_empty() {
            return Ok(Vec::new());
        }
        let active = self.active_unit_paths(&unit.path, period).await?;
        Ok(communes
            .iter()
            .filter(|c| !active.iter().any(|p| p.starts_with(&c.path)))
            .map(report_unit)
            .collect())
    }

    /// The paths of the units under `prefix` with a petition received or a meeting recorded in
    /// the period. Read in one pass (whole months from `petition_months` and `meeting_months`,
    /// the edge days from the records), then matched to communes by path in Rust: a subquery
    /// per commune over the unit paths read every unit once per commune.
    async fn active_unit_paths(&self, prefix: &str, period: &Period) -> Result<Vec<String>> {
        let split = crate::petition_stats::split_period(period.from, period.to);
        let mut q = Sql::new("SELECT u.path FROM units u WHERE u.path LIKE ");
        // No unit has id 0: it only starts the union.
        q.bind(crate::sql::starts_with(prefix)).push(" AND u.id IN (SELECT 0");
        if let Some((first, last)) = &split.months {
            q.push(" UNION SELECT t.unit_id FROM petition_months t WHERE t.month >= ")
                .bind(first.clone())
                .push(" AND t.month <= ")
                .bind(last.clone())
                .push(" AND t.received + t.duplicates > 0");
            q.push(" UNION SELECT t.unit_id FROM meeting_months t WHERE t.month >= ")
                .bind(first.clone())
                .push(" AND t.month <= ")
                .bind(last.clone())
                .push(" AND t.meetings > 0");
        }
        for (a, b) in &split.days {
            let (a, b) = (date_text(Some(*a)), date_text(Some(*b)));
            q.push(" UNION SELECT p.unit_id FROM petitions p WHERE p.received_on >= ")
                .bind(a.clone())
                .push(" AND p.received_on <= ")
                .bind(b.clone());
            q.push(" UNION SELECT m.unit_id FROM meetings m WHERE m.held_on >= ")
                .bind(a)
                .push(" AND m.held_on <= ")
                .bind(b);
        }
        q.push(")");
        let rows = q.query().fetch_all(&self.pool).await?;
        Ok(rows
            .iter()
            .map(|r| col::<String>(r, "path"))
            .collect::<std::result::Result<_, _>>()?)
    }

    /// Stores the figures a unit not on the system submitted for a period (replacing an earlier
    /// submission for the same period). Only count figures of the catalogue, whole and ≥ 0.
    pub async fn submit_report_figures(
        &self,
        actor: &Actor,
        unit: &str,
        family_id: &str,
        spec: &PeriodSpec,
        values: &FigureValues,
        channel: &str,
    ) -> Result<Submission> {
        require(actor.role.can_write_records(), "nộp số liệu báo cáo")?;
        let period = self.resolve_period(spec, family_id)?;
        let unit = self.resolve_unit(unit, Some(period.to)).await?;
        actor.scope.require(&unit)?;
        validate_submitted(values)?;
        if values.is_empty() {
            return Err(DomainError::validation("chưa có số liệu nào").into());
        }
        let json = serde_json::to_string(values).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let mut tx = self.begin_write().await?;
        let now = tx.now().to_string();
        let mut del = Sql::new("DELETE FROM report_submissions WHERE unit_id = ");
        del.bind(unit.id)
            .push(" AND family = ")
            .bind(family_id)
            .push(" AND period_key = ")
            .bind(period.key.clone());
        let replaced = del.query().execute(&mut *tx.tx).await?.rows_affected() > 0;
        let mut q = Sql::new(
            "INSERT INTO report_submissions (unit_id, family, period_key, values_json, channel, submitted_by, submitted_at) VALUES ",
        );
        q.bind_row(vec![
            unit.id.into(),
            family_id.into(),
            period.key.clone().into(),
            json.into(),
            channel.into(),
            actor.username.clone().into(),
            now.clone().into(),
        ]);
        q.query().execute(&mut *tx.tx).await?;
        let entity = format!("{}:{}:{}", report_unit(&unit).label(), family_id, period.key);
        let action = if replaced { "resubmit_figures" } else { "submit_figures" };
        tx.audit(actor, action, "report_submission", &entity, None::<&()>, Some(values))
            .await?;
        tx.commit().await?;
        Ok(Submission {
            unit: report_unit(&unit),
            values: values.clone(),
            recorded: FigureValues::new(),
            channel: channel.into(),
            submitted_at: now,
            submitted_by: actor.username.clone(),
        })
    }

    /// The stored report of a unit for a period, if one was started.
    pub async fn report_record(
        &self,
        actor: &Actor,
        unit: &str,
        family_id: &str,
        spec: &PeriodSpec,
    ) -> Result<Option<ReportRecord>> {
        let period = self.resolve_period(spec, family_id)?;
        let unit = self.resolve_unit(unit, Some(period.to)).await?;
        actor.scope.require(&unit)?;
        let mut q = Sql::new(
            "SELECT id, status, header_json, sections_json, approved_json, updated_at FROM reports WHERE unit_id = ",
        );
        q.bind(unit.id)
            .push(" AND family = ")
            .bind(family_id)
            .push(" AND period_key = ")
            .bind(period.key.clone());
        let Some(row) = q.query().fetch_optional(&self.pool).await? else {
            return Ok(None);
        };
        let json = |name: &str| -> Result<Option<String>> { Ok(col::<Option<String>>(&row, name)?) };
        let parse_err = |e: serde_json::Error| StoreError::Corrupt(format!("reports: {e}"));
        let header: ReportHeader =
            serde_json::from_str(&json("header_json")?.unwrap_or_default()).map_err(parse_err)?;
        let sections: FreeSections =
            serde_json::from_str(&json("sections_json")?.unwrap_or_default()).map_err(parse_err)?;
        let approved: Option<ApprovedFigures> = json("approved_json")?
            .map(|j| serde_json::from_str(&j))
            .transpose()
            .map_err(parse_err)?;
        let status: String = col(&row, "status")?;
        Ok(Some(ReportRecord {
            id: col(&row, "id")?,
            unit: report_unit(&unit),
            family: family_id.into(),
            period_key: period.key,
            status: ReportStatus::parse(&status).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            header,
            sections,
            approved,
            updated_at: col(&row, "updated_at")?,
        }))
    }

    /// Creates or updates a report's header and free sections. An approved report is frozen.
    pub async fn save_report(
        &self,
        actor: &Actor,
        unit: &str,
        family_id: &str,
        spec: &PeriodSpec,
        header: &ReportHeader,
        sections: &FreeSections,
    ) -> Result<ReportRecord> {
        require(actor.role.can_write_records(), "soạn báo cáo")?;
        let existing = self.report_record(actor, unit, family_id, spec).await?;
        let period = self.resolve_period(spec, family_id)?;
        let u = self.resolve_unit(unit, Some(period.to)).await?;
        let header_json = serde_json::to_string(header).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let sections_json = serde_json::to_string(sections).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let mut tx = self.begin_write().await?;
        let now = tx.now().to_string();
        match &existing {
            Some(r) if r.status == ReportStatus::Approved => {
                return Err(DomainError::new(ErrorCode::ReportFrozen, period.label).into());
            }
            Some(r) => {
                let mut q = Sql::new("UPDATE reports SET header_json = ");
                q.bind(header_json)
                    .push(", sections_json = ")
                    .bind(sections_json)
                    .push(", number = ")
                    .bind(header.number.clone())
                    .push(", updated_at = ")
                    .bind(now.clone())
                    .push(" WHERE id = ")
                    .bind(r.id)
                    .push(" AND status <> 'approved'");
                if q.query().execute(&mut *tx.tx).await?.rows_affected() != 1 {
                    return Err(DomainError::new(ErrorCode::ReportFrozen, period.label).into());
                }
            }
            None => {
                let mut q = Sql::new(
                    "INSERT INTO reports (unit_id, family, period_key, status, number, header_json, sections_json, \
                     created_by, created_at, updated_at) VALUES ",
                );
                q.bind_row(vec![
                    u.id.into(),
                    family_id.into(),
                    period.key.clone().into(),
                    "draft".into(),
                    header.number.clone().into(),
                    header_json.into(),
                    sections_json.into(),
                    actor.username.clone().into(),
                    now.clone().into(),
                    now.clone().into(),
                ]);
                q.query().execute(&mut *tx.tx).await?;
            }
        }
        let entity = format!("{}:{}:{}", report_unit(&u).label(), family_id, period.key);
        tx.audit(
            actor,
            "save_report",
            "report",
            &entity,
            existing.as_ref().map(|r| (&r.header, &r.sections)).as_ref(),
            Some(&(header, sections)),
        )
        .await?;
        tx.commit().await?;
        self.report_record(actor, unit, family_id, spec)
            .await?
            .ok_or_else(|| StoreError::Corrupt("report vanished".into()))
    }

    /// Moves a report through its life. Approving (a leader's step) stores `figures` as approved.
    pub async fn advance_report(
        &self,
        actor: &Actor,
        unit: &str,
        family_id: &str,
        spec: &PeriodSpec,
        action: ReportAction,
        figures: Option<&ReportFigures>,
    ) -> Result<ReportRecord> {
        require(actor.role.can_write_records(), "trình báo cáo")?;
        if action == ReportAction::Approve {
            require(
                matches!(actor.role, Role::Leader | Role::SystemAdmin),
                "duyệt báo cáo (chỉ người đứng đầu)",
            )?;
        }
        let record = self
            .report_record(actor, unit, family_id, spec)
            .await?
            .ok_or_else(|| DomainError::new(ErrorCode::NotFound, "chưa có báo cáo cho kỳ này"))?;
        let next = record.status.apply(action)?;
        let mut tx = self.begin_write().await?;
        let now = tx.now().to_string();
        let approved = match (action, figures) {
            (ReportAction::Approve, Some(f)) => Some(ApprovedFigures {
                figures: f.clone(),
                approved_at: now.clone(),
                approved_by: actor.username.clone(),
            }),
            (ReportAction::Approve, None) => {
                return Err(DomainError::validation("thiếu số liệu để duyệt").into());
            }
            _ => None,
        };
        let approved_json = approved
            .as_ref()
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let mut q = Sql::new("UPDATE reports SET status = ");
        q.bind(next.as_str())
            .push(", approved_json = ")
            .bind(approved_json)
            .push(", approved_at = ")
            .bind(approved.as_ref().map(|a| a.approved_at.clone()))
            .push(", approved_by = ")
            .bind(approved.as_ref().map(|a| a.approved_by.clone()))
            .push(", updated_at = ")
            .bind(now)
            .push(" WHERE id = ")
            .bind(record.id)
            .push(" AND status = ")
            .bind(record.status.as_str());
        if q.query().execute(&mut *tx.tx).await?.rows_affected() != 1 {
            return Err(DomainError::new(ErrorCode::InvalidTransition, "báo cáo vừa được người khác cập nhật").into());
        }
        let entity = format!("{}:{}:{}", record.unit.label(), family_id, record.period_key);
        tx.audit(
            actor,
            action.as_str(),
            "report",
            &entity,
            Some(&record.status),
            Some(&next),
        )
        .await?;
        tx.commit().await?;
        self.report_record(actor, unit, family_id, spec)
            .await?
            .ok_or_else(|| StoreError::Corrupt("report vanished".into()))
    }

    /// An admin's narrative template, if one replaced the bundled one.
    pub async fn report_template(&self, name: &str) -> Result<Option<String>> {
        let mut q = Sql::new("SELECT body FROM report_templates WHERE name = ");
        q.bind(name);
        let row = q.query().fetch_optional(&self.pool).await?;
        row.map(|r| col::<String>(&r, "body")).transpose().map_err(Into::into)
    }

    /// Replaces (or, with `None`, resets) a narrative template. The caller checks that it compiles.
    pub async fn set_report_template(&self, actor: &Actor, name: &str, body: Option<&str>) -> Result<()> {
        require(actor.role == Role::SystemAdmin, "sửa mẫu báo cáo")?;
        let before = self.report_template(name).await?;
        let mut tx = self.begin_write().await?;
        let now = tx.now().to_string();
        let mut del = Sql::new("DELETE FROM report_templates WHERE name = ");
        del.bind(name);
        del.query().execute(&mut *tx.tx).await?;
        if let Some(body) = body {
            let mut q = Sql::new("INSERT INTO report_templates (name, body, updated_by, updated_at) VALUES ");
            q.bind_row(vec![
                name.into(),
                body.into(),
                actor.username.clone().into(),
                now.into(),
            ]);
            q.query().execute(&mut *tx.tx).await?;
        }
        tx.audit(
            actor,
            "set_report_template",
            "report_template",
            name,
            before.as_ref(),
            body.as_ref(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Submitted values: known count figures, whole numbers ≥ 0.
pub fn validate_submitted(values: &FigureValues) -> std::result::Result<(), DomainError> {
    for (id, v) in values {
        let Some(def) = definition(id) else {
            return Err(DomainError::new(
                ErrorCode::InvalidCell,
                format!("không có chỉ tiêu “{id}”"),
            ));
        };
        if matches!(def.kind, FigureKind::Rate { .. }) {
            return Err(DomainError::new(
                ErrorCode::InvalidCell,
                format!("“{}” là tỷ lệ, được tính từ tử số và mẫu số", def.label),
            ));
        }
        if *v < 0 {
            return Err(DomainError::new(
                ErrorCode::InvalidCell,
                format!("“{}” không được âm", def.label),
            ));
        }
    }
    Ok(())
}
