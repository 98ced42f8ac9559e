//! Meeting statistics for a unit subtree and a period, computed from the records and split by
//! level and kind as the reports write them, and the compliance view (required vs held).

use crate::meetings::{meeting_from, INCONSISTENT, MEETING_COLUMNS};
use crate::sql::{col, Sql};
use crate::units::{date_text, opt_date, push_scope, Subtree};
use crate::{Result, Store};
use chrono::NaiveDate;
use danvan_domain::figures::{format_count, Rate, Rounding};
use danvan_domain::meeting::{
    compliance, compliance_rules, level_short, report_count, ContributionLine, ContributionTarget, Held, ItemOutcome,
    LevelCount, MeetingKind, MeetingStats, MeetingWarning, UnitCompliance, MEETING_WARNINGS_LISTED,
};
use danvan_domain::petition::Count;
use danvan_domain::scope::Actor;
use danvan_domain::unit::{Level, Unit};
use std::collections::HashMap;

const LEVELS: [Level; 3] = [Level::Province, Level::District, Level::Commune];

/// One grouped count read as whole months from a tally table and edge days from its rows
/// (see `Store::tallied`). `months` and `days` end in a WHERE clause the dates are added to.
struct Tally<'a> {
    months: &'a str,
    group_months: &'a str,
    days: &'a str,
    day_column: &'a str,
    group_days: &'a str,
}

/// Meetings held, by unit level and kind, with their participants (tally: migration 0050).
const MEETINGS_BY_KIND: Tally = Tally {
    months: "SELECT u.level AS a, t.kind AS b, CAST(SUM(t.meetings) AS BIGINT) AS n, \
             CAST(SUM(t.participants) AS BIGINT) AS s FROM meeting_months t JOIN units u ON u.id = t.unit_id \
             WHERE t.held = 1",
    group_months: "u.level, t.kind",
    days: "SELECT u.level AS a, m.kind AS b, COUNT(*) AS n, CAST(COALESCE(SUM(m.participants), 0) AS BIGINT) AS s \
           FROM meetings m JOIN units u ON u.id = m.unit_id WHERE m.status <> 'planned'",
    day_column: "m.held_on",
    group_days: "u.level, m.kind",
};

/// Meetings of the year's plans (kế hoạch), held or still open (tally: migration 0050).
const PLANS: Tally = Tally {
    months: "SELECT CASE WHEN t.held = 1 THEN 'held' ELSE 'open' END AS a, '' AS b, \
             CAST(SUM(t.meetings) AS BIGINT) AS n, 0 AS s FROM meeting_months t JOIN units u ON u.id = t.unit_id \
             WHERE t.from_plan = 1",
    group_months: "CASE WHEN t.held = 1 THEN 'held' ELSE 'open' END",
    days: "SELECT CASE WHEN m.status = 'planned' THEN 'open' ELSE 'held' END AS a, '' AS b, COUNT(*) AS n, 0 AS s \
           FROM meetings m JOIN units u ON u.id = m.unit_id WHERE m.from_plan = 1",
    day_column: "m.held_on",
    group_days: "CASE WHEN m.status = 'planned' THEN 'open' ELSE 'held' END",
};

/// Items raised at held meetings, by the item unit's level and `outcome:status`
/// (tally: migration 0048).
const ITEMS_BY_OUTCOME: Tally = Tally {
    months: "SELECT u.level AS a, t.outcome || ':' || t.status AS b, CAST(SUM(t.items) AS BIGINT) AS n, 0 AS s \
             FROM meeting_item_months t JOIN units u ON u.id = t.unit_id WHERE 1 = 1",
    group_months: "u.level, t.outcome || ':' || t.status",
    days: "SELECT u.level AS a, COALESCE(i.outcome, '') || ':' || i.status AS b, COUNT(*) AS n, 0 AS s \
           FROM items i JOIN meetings m ON i.source_kind = 'meeting' AND m.id = i.source_id \
           JOIN units u ON u.id = i.unit_id WHERE m.status <> 'planned'",
    day_column: "m.held_on",
    group_days: "u.level, COALESCE(i.outcome, '') || ':' || i.status",
};

/// "Cấp huyện" → "cấp huyện", for use inside a sentence.
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// "05 định kỳ và 23 đột xuất"; "05 định kỳ, 23 đột xuất và 02 chuyên đề".
fn joined(parts: &[String]) -> String {
    match parts.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} và {last}", rest.join(", ")),
    }
}

/// Grouped counts from one query: key columns → (n, sum).
type Groups = HashMap<(String, String), (i64, i64)>;

impl Store {
    /// Unit and scope filters shared by every statistics query over alias `u`.
    fn push_subtree(q: &mut Sql, actor: &Actor, subtree: &Subtree) {
        q.push(" AND ");
        subtree.push(q, "u.path");
        push_scope(q, &actor.scope, "u.path");
    }

    async fn groups(&self, q: &Sql) -> Result<Groups> {
        let mut out = Groups::new();
        self.add_groups(q, &mut out).await?;
        Ok(out)
    }

    /// Adds one grouped query's counts to `into` (same keys add up).
    async fn add_groups(&self, q: &Sql, into: &mut Groups) -> Result<()> {
        for row in q.query().fetch_all(&self.pool).await? {
            let a: String = col(&row, "a")?;
            let b: Option<String> = col(&row, "b")?;
            let e = into.entry((a, b.unwrap_or_default())).or_default();
            e.0 += col::<i64>(&row, "n")?;
            e.1 += col::<i64>(&row, "s")?;
        }
        Ok(())
    }

    /// Grouped counts over [from, to]: the whole months from a tally kept by triggers, the days
    /// at the period's edges from the rows themselves. Each query names its tally `t`, its unit
    /// `u`, and groups as `a`, `b`, `n`, `s`.
    async fn tallied(
        &self,
        actor: &Actor,
        subtree: &Subtree,
        from: NaiveDate,
        to: NaiveDate,
        t: &Tally<'_>,
    ) -> Result<Groups> {
        let split = crate::petition_stats::split_period(from, to);
        let mut out = Groups::new();
        if let Some((first, last)) = &split.months {
            let mut q = Sql::new(t.months);
            q.push(" AND t.month >= ")
                .bind(first.clone())
                .push(" AND t.month <= ")
                .bind(last.clone());
            Self::push_subtree(&mut q, actor, subtree);
            q.push(" GROUP BY ").push(t.group_months);
            self.add_groups(&q, &mut out).await?;
        }
        for (a, b) in &split.days {
            let mut q = Sql::new(t.days);
            q.push(&format!(" AND {} >= ", t.day_column))
                .bind(date_text(Some(*a)))
                .push(&format!(" AND {} <= ", t.day_column))
                .bind(date_text(Some(*b)));
            Self::push_subtree(&mut q, actor, subtree);
            q.push(" GROUP BY ").push(t.group_days);
            self.add_groups(&q, &mut out).await?;
        }
        Ok(out)
    }

    /// Figures for meetings held, supervisions and contributions in [from, to] by `unit` and
    /// the units below it, within the caller's scope.
    pub async fn meeting_stats(
        &self,
        actor: &Actor,
        unit: &str,
        from: NaiveDate,
        to: NaiveDate,
        rounding: Rounding,
    ) -> Result<MeetingStats> {
        let unit = self.resolve_unit(unit, Some(to)).await?;
        actor.scope.require(&unit)?;
        let key = format!(
            "meeting_stats|{}|{}|{from}|{to}|{rounding:?}|{}",
            crate::petition_stats::scope_key(actor),
            unit.id,
            crate::units::today()
        );
        let subtree = Subtree::of(&unit);
        self.cached(key, || {
            self.meeting_stats_over(actor, &unit, &subtree, from, to, rounding)
        })
        .await
    }

    /// The same figures over `subtree` (a report's unit with the legacy units mapped into it).
    pub(crate) async fn meeting_stats_over(
        &self,
        actor: &Actor,
        unit: &Unit,
        subtree: &Subtree,
        from: NaiveDate,
        to: NaiveDate,
        rounding: Rounding,
    ) -> Result<MeetingStats> {
        let (f, t) = (date_text(Some(from)), date_text(Some(to)));

        let meetings = self.tallied(actor, subtree, from, to, &MEETINGS_BY_KIND).await?;
        // The year's plans (kế hoạch) against what became of them.
        let plans = self.tallied(actor, subtree, from, to, &PLANS).await?;
        let plan_n = |k: &str| plans.get(&(k.to_string(), String::new())).map_or(0, |v| v.0);
        let (planned_held, planned_open) = (plan_n("held"), plan_n("open"));
        let items = self.tallied(actor, subtree, from, to, &ITEMS_BY_OUTCOME).await?;

        let mut q = Sql::new(
            "SELECT u.level AS a, '' AS b, COUNT(*) AS n, \
             CAST(COALESCE(SUM((SELECT COUNT(*) FROM items i WHERE i.source_kind = 'supervision' AND i.source_id = s.id)), 0) AS BIGINT) AS s \
             FROM supervisions s JOIN units u ON u.id = s.unit_id WHERE s.held_on >= ",
        );
        q.bind(f.clone()).push(" AND s.held_on <= ").bind(t.clone());
        Self::push_subtree(&mut q, actor, subtree);
        q.push(" GROUP BY u.level");
        let supervisions = self.groups(&q).await?;

        let mut q = Sql::new(
            "SELECT c.target AS a, u.level AS b, COUNT(*) AS n, 0 AS s FROM items i \
             JOIN contributions c ON i.source_kind = 'contribution' AND c.id = i.source_id \
             JOIN units u ON u.id = i.unit_id WHERE c.given_on >= ",
        );
        q.bind(f.clone()).push(" AND c.given_on <= ").bind(t.clone());
        Self::push_subtree(&mut q, actor, subtree);
        q.push(" GROUP BY c.target, u.level");
        let contributions = self.groups(&q).await?;

        // The meetings flagged when written (migration 0049): how many, and the first few with
        // their warnings worked out again from the counts.
        let mut q = Sql::new("SELECT COUNT(*) AS n FROM meetings m JOIN units u ON u.id = m.unit_id WHERE ");
        q.push(INCONSISTENT)
            .push(" AND m.status <> 'planned' AND m.held_on >= ")
            .bind(f.clone())
            .push(" AND m.held_on <= ")
            .bind(t.clone());
        Self::push_subtree(&mut q, actor, subtree);
        let warnings_total: i64 = col(&q.query().fetch_one(&self.pool).await?, "n")?;
        let mut q = Sql::new(&format!(
            "SELECT {MEETING_COLUMNS} WHERE {INCONSISTENT} AND m.status <> 'planned' AND m.held_on >= "
        ));
        q.bind(f).push(" AND m.held_on <= ").bind(t);
        Self::push_subtree(&mut q, actor, subtree);
        q.push(" ORDER BY m.held_on, m.id LIMIT ").bind(MEETING_WARNINGS_LISTED);
        let mut warnings = Vec::new();
        for row in q.query().fetch_all(&self.pool).await? {
            let m = meeting_from(&row)?;
            if !m.warnings.is_empty() {
                warnings.push(MeetingWarning {
                    meeting_id: m.id,
                    unit_name: m.unit_name,
                    held_on: m.held_on,
                    topic: m.topic,
                    warnings: m.warnings,
                });
            }
        }
        let mut stats = assemble(
            unit,
            from,
            to,
            rounding,
            &meetings,
            &items,
            &supervisions,
            &contributions,
            warnings,
        );
        stats.warnings_total = warnings_total;
        stats.planned = planned_held + planned_open;
        stats.planned_held = planned_held;
        stats.plan_text = format!(
            "Kế hoạch {} hội nghị, đã tổ chức {}, còn {} chưa tổ chức",
            format_count(stats.planned),
            format_count(planned_held),
            format_count(planned_open)
        );
        Ok(stats)
    }

    /// Per unit of the subtree (province, district and commune levels): what the compliance
    /// rules required over [from, to], what was held, and who is behind.
    pub async fn meeting_compliance(
        &self,
        actor: &Actor,
        unit: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<UnitCompliance>> {
        let root = self.resolve_unit(unit, Some(to)).await?;
        actor.scope.require(&root)?;
        let (f, t) = (date_text(Some(from)), date_text(Some(to)));
        let units: Vec<Unit> = self
            .subtree(&root)
            .await?
            .into_iter()
            .filter(|u| LEVELS.contains(&u.level) && actor.scope.contains_path(&u.path))
            .filter(|u| u.valid_from.is_none_or(|d| d <= to) && u.valid_to.is_none_or(|d| d >= from))
            .collect();
        let mut held: HashMap<i64, Held> = HashMap::new();
        let mut q = Sql::new(
            "SELECT m.unit_id, m.kind, m.held_on, m.schedule_posted_on FROM meetings m JOIN units u ON u.id = m.unit_id \
             WHERE m.status <> 'planned' AND m.held_on >= ",
        );
        q.bind(f.clone()).push(" AND m.held_on <= ").bind(t.clone());
        Self::push_subtree(&mut q, actor, &Subtree::of(&root));
        for row in q.query().fetch_all(&self.pool).await? {
            let h = held.entry(col(&row, "unit_id")?).or_default();
            let on = opt_date(col(&row, "held_on")?)?.unwrap_or(from);
            let kind: String = col(&row, "kind")?;
            if MeetingKind::parse(&kind).is_ok_and(|k| k.is_dialogue()) {
                h.dialogues.push(on);
            }
            h.meetings.push((on, opt_date(col(&row, "schedule_posted_on")?)?));
        }
        let mut q = Sql::new(
            "SELECT r.unit_id, r.held_on, r.host FROM reception_sessions r JOIN units u ON u.id = r.unit_id \
             WHERE r.kind = 'leader_periodic' AND r.held_on >= ",
        );
        q.bind(f).push(" AND r.held_on <= ").bind(t);
        Self::push_subtree(&mut q, actor, &Subtree::of(&root));
        for row in q.query().fetch_all(&self.pool).await? {
            let on = opt_date(col(&row, "held_on")?)?.unwrap_or(from);
            let host: String = col(&row, "host")?;
            let h = held.entry(col(&row, "unit_id")?).or_default();
            if host == "party_secretary" {
                h.secretary_receptions.push(on);
            } else {
                h.leader_receptions.push(on);
            }
        }
        let rules = compliance_rules();
        let calendar = &self.deadline_engine().await?.calendar;
        let empty = Held::default();
        Ok(units
            .into_iter()
            .filter_map(|u| {
                let lines = compliance(&rules, u.level, from, to, held.get(&u.id).unwrap_or(&empty), calendar);
                (!lines.is_empty()).then(|| UnitCompliance {
                    unit: format!("{}/{}", u.scheme, u.code),
                    unit_name: u.name.clone(),
                    level: u.level,
                    behind: lines.iter().any(|l| l.behind),
                    lines,
                })
            })
            .collect())
    }
}

#[allow(clippy::too_many_arguments)]
fn assemble(
    unit: &Unit,
    from: NaiveDate,
    to: NaiveDate,
    rounding: Rounding,
    meetings: &Groups,
    items: &Groups,
    supervisions: &Groups,
    contributions: &Groups,
    warnings: Vec<MeetingWarning>,
) -> MeetingStats {
    let meeting_count = |level: Level, kind: MeetingKind| {
        meetings
            .get(&(level.as_str().to_string(), kind.as_str().to_string()))
            .map_or(0, |v| v.0)
    };
    let mut by_level_kind = Vec::new();
    for level in LEVELS {
        for kind in MeetingKind::ALL {
            let count = meeting_count(level, *kind);
            if count > 0 {
                by_level_kind.push(LevelCount {
                    level,
                    key: kind.as_str().into(),
                    label: kind.label_vi().into(),
                    count,
                });
            }
        }
    }
    let meetings_held: i64 = meetings.values().map(|v| v.0).sum();
    let participants: i64 = meetings.values().map(|v| v.1).sum();

    // "199 hội nghị đối thoại: cấp huyện 05 định kỳ và 23 đột xuất; cấp xã 92 định kỳ và 79 đột xuất"
    let dialogue_kinds = [
        (MeetingKind::DialoguePeriodic, "định kỳ"),
        (MeetingKind::DialogueAdHoc, "đột xuất"),
        (MeetingKind::DialogueThematic, "chuyên đề"),
    ];
    let mut dialogues = 0;
    let mut per_level = Vec::new();
    for level in LEVELS {
        let counts: Vec<(i64, &str)> = dialogue_kinds
            .iter()
            .map(|(k, w)| (meeting_count(level, *k), *w))
            .collect();
        let total: i64 = counts.iter().map(|c| c.0).sum();
        if total == 0 {
            continue;
        }
        dialogues += total;
        let parts: Vec<String> = counts
            .iter()
            .enumerate()
            .filter(|(i, (n, _))| *n > 0 || *i < 2)
            .map(|(_, (n, w))| format!("{} {w}", report_count(*n)))
            .collect();
        per_level.push(format!("{} {}", lower_first(level.label_vi()), joined(&parts)));
    }
    let dialogues_text = format!(
        "{} hội nghị đối thoại: {}",
        format_count(dialogues),
        per_level.join("; ")
    );

    // Items: "outcome:status" keys.
    let mut by_outcome: HashMap<String, i64> = HashMap::new();
    let mut items_by_level = Vec::new();
    let mut total_items = 0;
    let mut answered = 0;
    for ((level, key), (n, _)) in items {
        total_items += n;
        let (outcome, status) = key.split_once(':').unwrap_or((key.as_str(), ""));
        let written_done = outcome == ItemOutcome::AnswerInWriting.as_str() && status == "closed";
        if outcome == ItemOutcome::AnsweredAtMeeting.as_str() || written_done {
            answered += n;
        }
        let outcome_key = if outcome.is_empty() { "open" } else { outcome };
        *by_outcome.entry(outcome_key.to_string()).or_default() += n;
        if let Ok(level) = Level::parse(level) {
            items_by_level.push((level, outcome_key.to_string(), *n));
        }
    }
    let mut level_lines: Vec<LevelCount> = Vec::new();
    for level in LEVELS {
        for outcome in ItemOutcome::ALL
            .iter()
            .map(|o| (o.as_str(), o.label_vi()))
            .chain([("open", "Chưa xử lý")])
        {
            let count: i64 = items_by_level
                .iter()
                .filter(|(l, k, _)| *l == level && k == outcome.0)
                .map(|x| x.2)
                .sum();
            if count > 0 {
                level_lines.push(LevelCount {
                    level,
                    key: outcome.0.into(),
                    label: outcome.1.into(),
                    count,
                });
            }
        }
    }
    let outcome_n = |k: &str| by_outcome.get(k).copied().unwrap_or(0);
    let items_by_outcome: Vec<Count> = ItemOutcome::ALL
        .iter()
        .map(|o| (o.as_str(), o.label_vi()))
        .chain([("open", "Chưa xử lý")])
        .map(|(k, l)| Count {
            key: k.into(),
            label: l.into(),
            count: outcome_n(k),
        })
        .collect();
    let mut outcome_parts = vec![
        format!("{} trả lời trực tiếp", format_count(outcome_n("answered_at_meeting"))),
        format!("{} trả lời bằng văn bản", format_count(outcome_n("answer_in_writing"))),
    ];
    for (k, w) in [
        ("forwarded", "chuyển giải quyết"),
        ("not_accepted", "không tiếp thu"),
        ("open", "chưa xử lý"),
    ] {
        if outcome_n(k) > 0 {
            outcome_parts.push(format!("{} {w}", format_count(outcome_n(k))));
        }
    }
    let answered_rate = Rate::new(answered, total_items);

    // "173 cuộc: huyện 17, xã 156"
    let sup = |level: Level| {
        supervisions
            .get(&(level.as_str().to_string(), String::new()))
            .copied()
            .unwrap_or((0, 0))
    };
    let supervisions_total: i64 = supervisions.values().map(|v| v.0).sum();
    let supervision_items: i64 = supervisions.values().map(|v| v.1).sum();
    let supervisions_by_level: Vec<Count> = LEVELS
        .iter()
        .map(|l| Count {
            key: l.as_str().into(),
            label: l.label_vi().into(),
            count: sup(*l).0,
        })
        .collect();
    let sup_parts: Vec<String> = LEVELS
        .iter()
        .filter(|l| sup(**l).0 > 0)
        .map(|l| format!("{} {}", level_short(*l), format_count(sup(*l).0)))
        .collect();
    let supervisions_text = format!("{} cuộc: {}", format_count(supervisions_total), sup_parts.join(", "));

    // "369 ý kiến xây dựng Đảng: cấp huyện 83, cấp xã 286"
    let contributions = ContributionTarget::ALL
        .iter()
        .map(|target| {
            let n = |l: Level| {
                contributions
                    .get(&(target.as_str().to_string(), l.as_str().to_string()))
                    .map_or(0, |v| v.0)
            };
            let opinions: i64 = LEVELS.iter().map(|l| n(*l)).sum();
            let parts: Vec<String> = LEVELS
                .iter()
                .filter(|l| n(**l) > 0)
                .map(|l| format!("{} {}", lower_first(l.label_vi()), format_count(n(*l))))
                .collect();
            ContributionLine {
                target: *target,
                opinions,
                by_level: LEVELS
                    .iter()
                    .map(|l| Count {
                        key: l.as_str().into(),
                        label: l.label_vi().into(),
                        count: n(*l),
                    })
                    .collect(),
                text: format!(
                    "{} ý kiến {}: {}",
                    format_count(opinions),
                    lower_first(target.label_vi()),
                    parts.join(", ")
                ),
            }
        })
        .collect();

    MeetingStats {
        unit: unit.label(),
        from,
        to,
        meetings_held,
        by_level_kind,
        dialogues,
        dialogues_text,
        participants,
        participants_text: format!("{} lượt người", format_count(participants)),
        items: total_items,
        answered,
        answered_text: format!(
            "{}/{} ý kiến được trả lời, đạt {}",
            format_count(answered),
            format_count(total_items),
            answered_rate.percent_text(rounding)
        ),
        answered_rate,
        items_by_outcome,
        outcome_text: outcome_parts.join(", "),
        items_by_level: level_lines,
        supervisions: supervisions_total,
        supervisions_by_level,
        supervisions_text,
        supervision_items,
        planned: 0,
        planned_held: 0,
        plan_text: String::new(),
        criticism_conferences: LEVELS
            .iter()
            .map(|l| meeting_count(*l, MeetingKind::SocialCriticism))
            .sum(),
        contributions,
        warnings,
        warnings_total: 0,
    }
}
