//! Knowing the people's situation: periodic situation reports, the register of hot, pressing
//! and long-running issues (sorted by severity and age), their steps and escalation to the
//! level above, links to petitions and meetings, and the statistics.

use crate::record_rows::{page, Keyset, RecordPage, RecordQuery};
use crate::records::{clean, date, parse};
use crate::search_texts::{push_search, search_key};
use crate::sql::{col, starts_with, Sql};
use crate::units::{date_text, opt_date, push_scope};
use crate::{Result, Store, StoreError};
use chrono::NaiveDate;
use danvan_domain::meeting::report_count;
use danvan_domain::petition::Count;
use danvan_domain::role::require;
use danvan_domain::scope::Actor;
use danvan_domain::situation::{
    check_issue_step, sort_issues, validate_issue, validate_report, Issue, IssueAction, IssueEvent, IssueKind,
    IssueStatus, IssueStep, Mood, NewIssue, NewSituationReport, Severity, SituationReport, SituationStats,
};
use danvan_domain::text::normalize;
use danvan_domain::unit::Level;
use danvan_domain::{DomainError, ErrorCode};
use sqlx::any::AnyRow;

const REPORT_COLUMNS: &str = "r.id, u.scheme AS unit_scheme, u.code AS unit_code, u.name AS unit_name, \
    u.level AS unit_level, r.period_from, r.period_to, r.submitted_on, r.mood, r.summary, r.issues, r.reporter \
    FROM situation_reports r JOIN units u ON u.id = r.unit_id";

const ISSUE_COLUMNS: &str = "i.id, u.scheme AS unit_scheme, u.code AS unit_code, u.name AS unit_name, \
    u.level AS unit_level, v.name AS village_name, i.place, i.title, i.description, i.kind, i.severity, \
    i.people_affected, i.first_seen_on, i.follower, i.status, h.scheme AS h_scheme, h.code AS h_code, \
    h.name AS h_name, i.escalations, i.resolved_on \
    FROM hot_issues i JOIN units u ON u.id = i.unit_id JOIN units h ON h.id = i.handling_unit_id \
    LEFT JOIN units v ON v.id = i.village_id";

const REPORT_PAGES: Keyset = Keyset {
    date: "r.submitted_on",
    id: "r.id",
};

/// Filters for the issue register.
#[derive(Debug, Clone, Default)]
pub struct IssueQuery {
    pub unit: Option<String>,
    pub kind: Option<IssueKind>,
    pub status: Option<IssueStatus>,
    /// Only unresolved issues
    pub open_only: bool,
    /// Words of the title, description or place, with or without diacritics
    pub q: Option<String>,
    pub limit: Option<i64>,
}

fn report_from(row: &AnyRow) -> Result<SituationReport> {
    Ok(SituationReport {
        id: col(row, "id")?,
        unit_scheme: col(row, "unit_scheme")?,
        unit_code: col(row, "unit_code")?,
        unit_name: col(row, "unit_name")?,
        unit_level: parse(row, "unit_level", Level::parse)?,
        period_from: date(row, "period_from")?,
        period_to: date(row, "period_to")?,
        submitted_on: date(row, "submitted_on")?,
        mood: parse(row, "mood", Mood::parse)?,
        summary: col(row, "summary")?,
        issues: col(row, "issues")?,
        reporter: col(row, "reporter")?,
    })
}

fn issue_from(row: &AnyRow, today: NaiveDate) -> Result<Issue> {
    let status = parse(row, "status", IssueStatus::parse)?;
    let first_seen_on = date(row, "first_seen_on")?;
    let resolved_on = opt_date(col(row, "resolved_on")?)?;
    let h_scheme: String = col(row, "h_scheme")?;
    let h_code: String = col(row, "h_code")?;
    Ok(Issue {
        id: col(row, "id")?,
        unit_scheme: col(row, "unit_scheme")?,
        unit_code: col(row, "unit_code")?,
        unit_name: col(row, "unit_name")?,
        unit_level: parse(row, "unit_level", Level::parse)?,
        village_name: col(row, "village_name")?,
        place: col(row, "place")?,
        title: col(row, "title")?,
        description: col(row, "description")?,
        kind: parse(row, "kind", IssueKind::parse)?,
        severity: parse(row, "severity", Severity::parse)?,
        people_affected: col(row, "people_affected")?,
        first_seen_on,
        follower: col(row, "follower")?,
        status,
        handling_unit: format!("{h_scheme}/{h_code}"),
        handling_unit_name: col(row, "h_name")?,
        escalations: col(row, "escalations")?,
        age_days: (resolved_on.unwrap_or(today) - first_seen_on).num_days().max(0),
        resolved_on,
        petitions: Vec::new(),
        meetings: Vec::new(),
        events: Vec::new(),
        allowed_actions: status.allowed_actions(),
    })
}

impl Store {
    pub async fn create_situation_report(&self, actor: &Actor, new: &NewSituationReport) -> Result<SituationReport> {
        require(actor.role.can_write_records(), "ghi nhận báo cáo tình hình Nhân dân")?;
        validate_report(new, crate::units::today())?;
        let unit = self.resolve_unit(&new.unit, Some(new.period_to)).await?;
        actor.scope.require(&unit)?;
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new(
            "INSERT INTO situation_reports (unit_id, period_from, period_to, submitted_on, mood, summary, issues, \
             reporter, search_text, created_by, created_at) VALUES ",
        );
        q.bind_row(vec![
            unit.id.into(),
            date_text(Some(new.period_from)).into(),
            date_text(Some(new.period_to)).into(),
            date_text(Some(new.submitted_on)).into(),
            new.mood.as_str().into(),
            normalize(&new.summary).into(),
            clean(&new.issues).into(),
            clean(&new.reporter).into(),
            search_key(&[Some(new.summary.as_str()), new.issues.as_deref()]).into(),
            actor.user_id.into(),
            tx.now().to_string().into(),
        ]);
        q.push(" RETURNING id");
        let id: i64 = col(&q.query().fetch_one(&mut *tx.tx).await?, "id")?;
        let audited =
            serde_json::json!({ "id": id, "unit": unit.label(), "mood": new.mood, "period_to": new.period_to });
        tx.audit(
            actor,
            "create",
            "situation_report",
            &id.to_string(),
            None::<&()>,
            Some(&audited),
        )
        .await?;
        tx.commit().await?;
        let mut q = Sql::new(&format!("SELECT {REPORT_COLUMNS} WHERE r.id = "));
        q.bind(id);
        report_from(&q.query().fetch_one(&self.pool).await?)
    }

    /// A keyset page of the reports on the people's situation in scope (in `query.unit`'s
    /// subtree, submitted within [from, to], matching the search words), newest first unless
    /// asked.
    pub async fn list_situation_reports(
        &self,
        actor: &Actor,
        query: &RecordQuery,
    ) -> Result<RecordPage<SituationReport>> {
        let limit = query.limit.unwrap_or(50).clamp(1, 500);
        let mut q = Sql::new(&format!("SELECT {REPORT_COLUMNS} WHERE 1 = 1"));
        push_scope(&mut q, &actor.scope, "u.path");
        self.push_record_filters(&mut q, query, "r.submitted_on", Some("r.search_text"))
            .await?;
        REPORT_PAGES.push_page(&mut q, query.sort, query.after.as_deref(), limit)?;
        let rows: Vec<SituationReport> = q
            .query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(report_from)
            .collect::<Result<_>>()?;
        let (items, next) = page(rows, limit, |r| (r.submitted_on, r.id));
        Ok(RecordPage { items, next })
    }

    /// Every report `query` picks (for an export and the period's figures), refused beyond `max`.
    pub async fn export_situation_reports(
        &self,
        actor: &Actor,
        query: &RecordQuery,
        max: usize,
    ) -> Result<Vec<SituationReport>> {
        crate::pages::every_page(max, "báo cáo tình hình", query, |q| async move {
            self.list_situation_reports(actor, &q).await
        })
        .await
    }

    /// Registers an issue with its linked petitions and meetings.
    pub async fn create_issue(&self, actor: &Actor, new: &NewIssue) -> Result<Issue> {
        require(actor.role.can_write_records(), "ghi nhận vấn đề nóng, bức xúc")?;
        validate_issue(new, crate::units::today())?;
        let unit = self.resolve_unit(&new.unit, Some(new.first_seen_on)).await?;
        actor.scope.require(&unit)?;
        let village = match new.village.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(v) => {
                let v = self.resolve_unit(v, Some(new.first_seen_on)).await?;
                if !v.path.starts_with(&unit.path) {
                    return Err(DomainError::validation(format!("{} không thuộc {}", v.name, unit.name)).into());
                }
                Some(v.id)
            }
            None => None,
        };
        let mut petitions = Vec::new();
        for code in new.petitions.iter().filter(|c| !c.trim().is_empty()) {
            let id = self.petition_id_in_scope(actor, code).await?;
            if !petitions.contains(&id) {
                petitions.push(id);
            }
        }
        let mut meetings = Vec::new();
        for m in &new.meetings {
            self.meeting(actor, *m).await?;
            if !meetings.contains(m) {
                meetings.push(*m);
            }
        }
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new(
            "INSERT INTO hot_issues (unit_id, village_id, place, title, description, kind, severity, severity_rank, \
             people_affected, first_seen_on, follower, status, handling_unit_id, search_text, created_by, created_at) \
             VALUES ",
        );
        q.bind_row(vec![
            unit.id.into(),
            village.into(),
            clean(&new.place).into(),
            normalize(&new.title).into(),
            clean(&new.description).into(),
            new.kind.as_str().into(),
            new.severity.as_str().into(),
            i64::from(new.severity.rank()).into(),
            new.people_affected.into(),
            date_text(Some(new.first_seen_on)).into(),
            clean(&new.follower).into(),
            IssueStatus::Following.as_str().into(),
            unit.id.into(),
            search_key(&[
                Some(new.title.as_str()),
                new.description.as_deref(),
                new.place.as_deref(),
            ])
            .into(),
            actor.user_id.into(),
            tx.now().to_string().into(),
        ]);
        q.push(" RETURNING id");
        let id: i64 = col(&q.query().fetch_one(&mut *tx.tx).await?, "id")?;
        if !petitions.is_empty() {
            let mut q = Sql::new("INSERT INTO hot_issue_petitions (issue_id, petition_id) VALUES ");
            q.bind_rows(petitions.iter().map(|p| vec![id.into(), (*p).into()]));
            q.query().execute(&mut *tx.tx).await?;
        }
        if !meetings.is_empty() {
            let mut q = Sql::new("INSERT INTO hot_issue_meetings (issue_id, meeting_id) VALUES ");
            q.bind_rows(meetings.iter().map(|m| vec![id.into(), (*m).into()]));
            q.query().execute(&mut *tx.tx).await?;
        }
        let audited = serde_json::json!({
            "id": id, "unit": unit.label(), "kind": new.kind, "severity": new.severity,
            "petitions": new.petitions, "meetings": meetings,
        });
        tx.audit(
            actor,
            "create",
            "hot_issue",
            &id.to_string(),
            None::<&()>,
            Some(&audited),
        )
        .await?;
        tx.commit().await?;
        self.issue(actor, id).await
    }

    /// One issue with its events and links.
    pub async fn issue(&self, actor: &Actor, id: i64) -> Result<Issue> {
        let mut q = Sql::new(&format!("SELECT {ISSUE_COLUMNS} WHERE i.id = "));
        q.bind(id);
        push_scope(&mut q, &actor.scope, "u.path");
        let row = q
            .query()
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("vấn đề {id}")))?;
        let mut issue = issue_from(&row, crate::units::today())?;
        self.fill_links(&mut issue).await?;
        let mut q = Sql::new(
            "SELECT e.action, e.on_date, e.note, t.scheme, t.code FROM hot_issue_events e \
             LEFT JOIN units t ON t.id = e.to_unit_id WHERE e.issue_id = ",
        );
        q.bind(id).push(" ORDER BY e.on_date, e.id");
        issue.events = q
            .query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                let scheme: Option<String> = col(r, "scheme")?;
                let code: Option<String> = col(r, "code")?;
                Ok(IssueEvent {
                    action: parse(r, "action", IssueAction::parse)?,
                    on: date(r, "on_date")?,
                    note: col(r, "note")?,
                    to_unit: scheme.zip(code).map(|(s, c)| format!("{s}/{c}")),
                })
            })
            .collect::<Result<_>>()?;
        Ok(issue)
    }

    async fn fill_links(&self, issue: &mut Issue) -> Result<()> {
        let mut q = Sql::new(
            "SELECT p.code FROM hot_issue_petitions l JOIN petitions p ON p.id = l.petition_id WHERE l.issue_id = ",
        );
        q.bind(issue.id).push(" ORDER BY p.code");
        for r in q.query().fetch_all(&self.pool).await? {
            issue.petitions.push(col(&r, "code")?);
        }
        let mut q = Sql::new("SELECT meeting_id FROM hot_issue_meetings WHERE issue_id = ");
        q.bind(issue.id).push(" ORDER BY meeting_id");
        for r in q.query().fetch_all(&self.pool).await? {
            issue.meetings.push(col(&r, "meeting_id")?);
        }
        Ok(())
    }

    /// The register: the most severe first, then the oldest.
    pub async fn list_issues(&self, actor: &Actor, query: &IssueQuery) -> Result<Vec<Issue>> {
        let mut q = Sql::new(&format!("SELECT {ISSUE_COLUMNS} WHERE 1 = 1"));
        push_scope(&mut q, &actor.scope, "u.path");
        if let Some(unit) = query.unit.as_deref().filter(|s| !s.is_empty()) {
            let unit = self.resolve_unit(unit, None).await?;
            // Its own issues and those escalated to it.
            q.push(" AND (u.path LIKE ")
                .bind(starts_with(&unit.path))
                .push(" OR h.path LIKE ")
                .bind(starts_with(&unit.path))
                .push(")");
        }
        if let Some(k) = query.kind {
            q.push(" AND i.kind = ").bind(k.as_str());
        }
        if let Some(s) = query.status {
            q.push(" AND i.status = ").bind(s.as_str());
        }
        if query.open_only {
            q.push(" AND i.status <> 'resolved'");
        }
        push_search(&mut q, "i.search_text", query.q.as_deref());
        q.push(" ORDER BY i.severity_rank DESC, i.first_seen_on, i.id LIMIT ")
            .bind(query.limit.unwrap_or(500).clamp(1, 5000));
        let today = crate::units::today();
        let mut out = Vec::new();
        for r in q.query().fetch_all(&self.pool).await? {
            let mut issue = issue_from(&r, today)?;
            self.fill_links(&mut issue).await?;
            out.push(issue);
        }
        sort_issues(&mut out);
        Ok(out)
    }

    /// Moves an issue on: handling, resolved, reopened, or escalated to the unit above the one
    /// now handling it.
    pub async fn step_issue(&self, actor: &Actor, id: i64, step: &IssueStep) -> Result<Issue> {
        require(actor.role.can_write_records(), "cập nhật vấn đề nóng, bức xúc")?;
        let issue = self.issue(actor, id).await?;
        let last = issue.events.last().map(|e| e.on);
        let (next, on) = check_issue_step(issue.status, issue.first_seen_on, last, step, crate::units::today())?;
        let mut to_unit = None;
        let mut q = Sql::new("UPDATE hot_issues SET status = ");
        q.bind(next.as_str());
        match step.action {
            IssueAction::Escalate => {
                let handling = self.resolve_unit(&issue.handling_unit, None).await?;
                let parent_id = handling.parent_id.ok_or_else(|| {
                    DomainError::new(
                        ErrorCode::InvalidTransition,
                        format!("{} không có cấp trên để báo cáo", handling.name),
                    )
                })?;
                q.push(", handling_unit_id = ")
                    .bind(parent_id)
                    .push(", escalations = escalations + 1");
                to_unit = Some(parent_id);
            }
            IssueAction::Resolve => {
                q.push(", resolved_on = ").bind(date_text(Some(on)));
            }
            IssueAction::Reopen => {
                q.push(", resolved_on = ").bind(None::<String>);
            }
            IssueAction::Handle => {}
        }
        q.push(" WHERE id = ")
            .bind(id)
            .push(" AND status = ")
            .bind(issue.status.as_str());
        let mut tx = self.begin_write().await?;
        if q.query().execute(&mut *tx.tx).await?.rows_affected() != 1 {
            return Err(DomainError::new(ErrorCode::InvalidTransition, "vấn đề vừa được người khác cập nhật").into());
        }
        let mut e = Sql::new(
            "INSERT INTO hot_issue_events (issue_id, action, on_date, note, to_unit_id, created_by, created_at) VALUES ",
        );
        e.bind_row(vec![
            id.into(),
            step.action.as_str().into(),
            date_text(Some(on)).into(),
            clean(&step.note).into(),
            to_unit.into(),
            actor.user_id.into(),
            tx.now().to_string().into(),
        ]);
        e.query().execute(&mut *tx.tx).await?;
        let before = serde_json::json!({ "status": issue.status, "handling_unit": issue.handling_unit });
        let after = serde_json::json!({ "status": next, "action": step.action, "on": on, "to_unit_id": to_unit });
        tx.audit(
            actor,
            step.action.as_str(),
            "hot_issue",
            &id.to_string(),
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        self.issue(actor, id).await
    }

    /// Situation figures of `unit`'s subtree: reports submitted in [from, to], issues that
    /// arose, were resolved or escalated in it, and those still open at its end.
    pub async fn situation_stats(
        &self,
        actor: &Actor,
        unit: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<SituationStats> {
        let u = self.resolve_unit(unit, Some(to)).await?;
        actor.scope.require(&u)?;
        // Every report of the period: before paging, the figures stopped at the first 1,000.
        let period = RecordQuery {
            unit: Some(format!("{}/{}", u.scheme, u.code)),
            from: Some(from),
            to: Some(to),
            ..Default::default()
        };
        let reports = self.export_situation_reports(actor, &period, 1_000_000).await?;
        let count_by = |keys: &[(&str, &str)], f: &dyn Fn(&str) -> i64| -> Vec<Count> {
            keys.iter()
                .map(|(k, l)| Count {
                    key: (*k).into(),
                    label: (*l).into(),
                    count: f(k),
                })
                .filter(|c| c.count > 0)
                .collect()
        };
        let moods: Vec<(&str, &str)> = Mood::ALL.iter().map(|m| (m.as_str(), m.label_vi())).collect();
        let reports_by_mood = count_by(&moods, &|k| {
            reports.iter().filter(|r| r.mood.as_str() == k).count() as i64
        });
        let levels: Vec<(&str, &str)> = [Level::Province, Level::District, Level::Commune, Level::Village]
            .iter()
            .map(|l| (l.as_str(), l.label_vi()))
            .collect();
        let reports_by_level = count_by(&levels, &|k| {
            reports.iter().filter(|r| r.unit_level.as_str() == k).count() as i64
        });

        let mut q = Sql::new(&format!("SELECT {ISSUE_COLUMNS} WHERE u.path LIKE "));
        q.bind(starts_with(&u.path))
            .push(" AND i.first_seen_on <= ")
            .bind(date_text(Some(to)));
        push_scope(&mut q, &actor.scope, "u.path");
        let today = crate::units::today();
        let issues: Vec<Issue> = q
            .query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| issue_from(r, today))
            .collect::<Result<_>>()?;
        let in_period = |d: NaiveDate| d >= from && d <= to;
        let issues_new = issues.iter().filter(|i| in_period(i.first_seen_on)).count() as i64;
        let resolved = issues.iter().filter(|i| i.resolved_on.is_some_and(in_period)).count() as i64;
        let open: Vec<&Issue> = issues.iter().filter(|i| i.resolved_on.is_none_or(|r| r > to)).collect();
        let mut q = Sql::new(
            "SELECT COUNT(DISTINCT e.issue_id) AS n FROM hot_issue_events e JOIN hot_issues i ON i.id = e.issue_id \
             JOIN units u ON u.id = i.unit_id WHERE e.action = 'escalate' AND e.on_date >= ",
        );
        q.bind(date_text(Some(from)))
            .push(" AND e.on_date <= ")
            .bind(date_text(Some(to)))
            .push(" AND u.path LIKE ")
            .bind(starts_with(&u.path));
        push_scope(&mut q, &actor.scope, "u.path");
        let escalated: i64 = col(&q.query().fetch_one(&self.pool).await?, "n")?;
        let kinds: Vec<(&str, &str)> = IssueKind::ALL.iter().map(|k| (k.as_str(), k.label_vi())).collect();
        let open_by_kind = count_by(&kinds, &|k| open.iter().filter(|i| i.kind.as_str() == k).count() as i64);
        let severities: Vec<(&str, &str)> = Severity::ALL.iter().rev().map(|s| (s.as_str(), s.label_vi())).collect();
        let open_by_severity = count_by(&severities, &|k| {
            open.iter().filter(|i| i.severity.as_str() == k).count() as i64
        });
        let text = format!(
            "{} báo cáo tình hình Nhân dân; {} vấn đề nóng, bức xúc, kéo dài mới phát sinh, đã giải quyết {}, còn theo dõi {}",
            report_count(reports.len() as i64),
            report_count(issues_new),
            report_count(resolved),
            report_count(open.len() as i64)
        );
        Ok(SituationStats {
            unit: u.label(),
            from,
            to,
            reports: reports.len() as i64,
            reports_by_mood,
            reports_by_level,
            issues_new,
            issues_open: open.len() as i64,
            issues_resolved: resolved,
            issues_escalated: escalated,
            open_by_kind,
            open_by_severity,
            people_affected_open: open.iter().map(|i| i.people_affected).sum(),
            text,
        })
    }
}
