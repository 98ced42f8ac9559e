//! Meetings (dialogues, voter contacts, social-criticism conferences, working sessions) and
//! their life, supervisions and contributions. Their items go through `items.rs`, one path for
//! all of them.

use crate::items::{insert_items, SourceHeader};
use crate::record_rows::{clean, coded, date, page, push_range, Keyset, ListOrder, RecordPage, RecordQuery};
use crate::search_texts::{push_search, search_key};
use crate::sql::{col, Sql};
use crate::units::{date_text, opt_date, push_scope};
use crate::write::WriteTx;
use crate::{Result, Store, StoreError};
use chrono::NaiveDate;
use danvan_domain::meeting::{
    check_counts, check_step, validate_contribution, validate_meeting, validate_supervision, Chair, Contribution,
    ContributionTarget, HandCounts, Meeting, MeetingAction, MeetingKind, MeetingPage, MeetingStatus, MeetingStep,
    NewContribution, NewMeeting, NewSupervision, RecordedCounts, SourceKind, Supervision, SupervisionForm,
};
use danvan_domain::role::require;
use danvan_domain::scope::Actor;
use danvan_domain::text::normalize;
use danvan_domain::unit::Level;
use danvan_domain::{DomainError, ErrorCode};
use sqlx::any::AnyRow;

/// The meeting columns with the counts of its recorded items (for the consistency warnings).
pub(crate) const MEETING_COLUMNS: &str = "m.id, u.scheme AS unit_scheme, u.code AS unit_code, u.name AS unit_name, \
    u.level AS unit_level, m.kind, m.status, m.organiser, m.chairs_json, m.held_on, m.place, m.topic, m.gpmb_project, \
    m.participants, m.opinions_total, m.opinions_collected, m.opinions_direct, m.schedule_posted_on, m.minutes, \
    m.announced_on, m.announce_form, m.closed_on, \
    (SELECT COUNT(*) FROM items i WHERE i.source_kind = 'meeting' AND i.source_id = m.id) AS n_items, \
    (SELECT COUNT(*) FROM items i WHERE i.source_kind = 'meeting' AND i.source_id = m.id AND i.origin = 'collected') \
    AS n_collected \
    FROM meetings m JOIN units u ON u.id = m.unit_id";

/// The meetings whose hand-entered counts raised warnings when written (migration 0049). Both
/// terms: the first is the partial index's own condition, so SQLite can use it.
pub(crate) const INCONSISTENT: &str = "m.count_warnings <> 0 AND m.count_warnings > 0";

const SUPERVISION_COLUMNS: &str = "s.id, u.scheme AS unit_scheme, u.code AS unit_code, u.name AS unit_name, \
    u.level AS unit_level, s.organisation, s.subject, s.topic, s.form, s.held_on, s.conclusions \
    FROM supervisions s JOIN units u ON u.id = s.unit_id";

const CONTRIBUTION_COLUMNS: &str = "c.id, u.scheme AS unit_scheme, u.code AS unit_code, u.name AS unit_name, \
    u.level AS unit_level, c.target, c.organisation, c.given_on, c.document \
    FROM contributions c JOIN units u ON u.id = c.unit_id";

/// Filters for the meeting list. Dates bound `held_on`, inclusive.
#[derive(Debug, Clone, Default)]
pub struct MeetingQuery {
    /// Only this unit and those below it
    pub unit: Option<String>,
    pub kind: Option<MeetingKind>,
    pub status: Option<MeetingStatus>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Only meetings whose hand-entered counts do not match their parts or items
    pub inconsistent: bool,
    /// Words of the topic, organiser, place or GPMB project, with or without diacritics
    pub q: Option<String>,
    /// By date held, the newest first unless asked
    pub sort: ListOrder,
    /// Keyset cursor from the previous page (made with the same `sort`)
    pub after: Option<String>,
    pub limit: Option<i64>,
}

const MEETING_PAGES: Keyset = Keyset {
    date: "m.held_on",
    id: "m.id",
};

const SUPERVISION_PAGES: Keyset = Keyset {
    date: "s.held_on",
    id: "s.id",
};

const CONTRIBUTION_PAGES: Keyset = Keyset {
    date: "c.given_on",
    id: "c.id",
};

pub(crate) fn meeting_from(row: &AnyRow) -> Result<Meeting> {
    let chairs: String = col(row, "chairs_json")?;
    let status = coded(row, "status", MeetingStatus::parse)?;
    let mut m = Meeting {
        id: col(row, "id")?,
        unit_scheme: col(row, "unit_scheme")?,
        unit_code: col(row, "unit_code")?,
        unit_name: col(row, "unit_name")?,
        unit_level: coded(row, "unit_level", Level::parse)?,
        kind: coded(row, "kind", MeetingKind::parse)?,
        status,
        organiser: col(row, "organiser")?,
        chairs: serde_json::from_str::<Vec<Chair>>(&chairs).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        held_on: date(row, "held_on")?,
        place: col(row, "place")?,
        topic: col(row, "topic")?,
        gpmb_project: col(row, "gpmb_project")?,
        participants: col(row, "participants")?,
        opinions_total: col(row, "opinions_total")?,
        opinions_collected: col(row, "opinions_collected")?,
        opinions_direct: col(row, "opinions_direct")?,
        schedule_posted_on: opt_date(col(row, "schedule_posted_on")?)?,
        minutes: col(row, "minutes")?,
        announced_on: opt_date(col(row, "announced_on")?)?,
        announce_form: col(row, "announce_form")?,
        closed_on: opt_date(col(row, "closed_on")?)?,
        items: Vec::new(),
        warnings: Vec::new(),
        allowed_actions: status.allowed_actions(),
    };
    let total: i64 = col(row, "n_items")?;
    let collected: i64 = col(row, "n_collected")?;
    m.warnings = check_counts(
        HandCounts {
            total: m.opinions_total,
            collected: m.opinions_collected,
            direct: m.opinions_direct,
        },
        RecordedCounts {
            total,
            collected,
            direct: total - collected,
        },
    );
    Ok(m)
}

fn supervision_from(row: &AnyRow) -> Result<Supervision> {
    Ok(Supervision {
        id: col(row, "id")?,
        unit_scheme: col(row, "unit_scheme")?,
        unit_code: col(row, "unit_code")?,
        unit_name: col(row, "unit_name")?,
        unit_level: coded(row, "unit_level", Level::parse)?,
        organisation: col(row, "organisation")?,
        subject: col(row, "subject")?,
        topic: col(row, "topic")?,
        form: coded(row, "form", SupervisionForm::parse)?,
        held_on: date(row, "held_on")?,
        conclusions: col(row, "conclusions")?,
        items: Vec::new(),
    })
}

fn contribution_from(row: &AnyRow) -> Result<Contribution> {
    Ok(Contribution {
        id: col(row, "id")?,
        unit_scheme: col(row, "unit_scheme")?,
        unit_code: col(row, "unit_code")?,
        unit_name: col(row, "unit_name")?,
        unit_level: coded(row, "unit_level", Level::parse)?,
        target: coded(row, "target", ContributionTarget::parse)?,
        organisation: col(row, "organisation")?,
        given_on: date(row, "given_on")?,
        document: col(row, "document")?,
        items: Vec::new(),
    })
}

/// Sets a meeting's `count_warnings` (migration 0049) from its hand-entered counts and the
/// items recorded so far. Part of the transaction that records the meeting or adds items to it,
/// so the reports' search for inconsistent meetings never misses one.
pub(crate) async fn recheck_counts(tx: &mut WriteTx, id: i64) -> Result<()> {
    let mut q = Sql::new(&format!("SELECT {MEETING_COLUMNS} WHERE m.id = "));
    q.bind(id);
    let warnings = meeting_from(&q.query().fetch_one(&mut *tx.tx).await?)?.warnings.len();
    let mut q = Sql::new("UPDATE meetings SET count_warnings = ");
    q.bind(warnings as i64).push(" WHERE id = ").bind(id);
    q.query().execute(&mut *tx.tx).await?;
    Ok(())
}

impl Store {
    /// Checks the meetings that migration 0049 left unchecked (`count_warnings = -1`), a batch
    /// at a time: run after every migration, a no-op once they are all checked.
    pub(crate) async fn check_unchecked_meeting_counts(&self) -> Result<u64> {
        let mut checked = 0;
        loop {
            let q = Sql::new(&format!(
                "SELECT {MEETING_COLUMNS} WHERE m.count_warnings <> 0 AND m.count_warnings < 0 ORDER BY m.id LIMIT 500"
            ));
            let rows = q.query().fetch_all(&self.pool).await?;
            if rows.is_empty() {
                return Ok(checked);
            }
            let mut by_count: std::collections::BTreeMap<usize, Vec<i64>> = Default::default();
            for row in &rows {
                let m = meeting_from(row)?;
                by_count.entry(m.warnings.len()).or_default().push(m.id);
            }
            let mut tx = self.pool.begin().await?;
            for (warnings, ids) in by_count {
                let mut q = Sql::new("UPDATE meetings SET count_warnings = ");
                q.bind(warnings as i64).push(" WHERE id IN ");
                q.bind_row(ids.into_iter().map(Into::into).collect());
                q.query().execute(&mut *tx).await?;
            }
            tx.commit().await?;
            checked += rows.len() as u64;
        }
    }

    /// Records a meeting, planned or already held, with the items raised at it.
    pub async fn create_meeting(&self, actor: &Actor, new: &NewMeeting) -> Result<Meeting> {
        require(actor.role.can_write_records(), "ghi nhận hội nghị")?;
        validate_meeting(new, crate::units::today())?;
        let unit = self.resolve_unit(&new.unit, Some(new.held_on)).await?;
        actor.scope.require(&unit)?;
        let status = if new.held {
            MeetingStatus::Held
        } else {
            MeetingStatus::Planned
        };
        let header = SourceHeader {
            unit: unit.clone(),
            raised_on: new.held_on,
            held: new.held,
        };
        let items = self.prepare_items(&header, &new.items).await?;
        let chairs: Vec<Chair> = new
            .chairs
            .iter()
            .map(|c| Chair {
                name: normalize(&c.name),
                position: normalize(&c.position),
            })
            .collect();
        let chairs_json = serde_json::to_string(&chairs).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new(
            "INSERT INTO meetings (unit_id, kind, status, from_plan, organiser, chairs_json, held_on, place, topic, gpmb_project, \
             participants, opinions_total, opinions_collected, opinions_direct, schedule_posted_on, minutes, \
             search_text, created_by, created_at) VALUES ",
        );
        q.bind_row(vec![
            unit.id.into(),
            new.kind.as_str().into(),
            status.as_str().into(),
            (!new.held).into(),
            normalize(&new.organiser).into(),
            chairs_json.into(),
            date_text(Some(new.held_on)).into(),
            clean(&new.place).into(),
            normalize(&new.topic).into(),
            clean(&new.gpmb_project).into(),
            new.participants.into(),
            new.opinions_total.into(),
            new.opinions_collected.into(),
            new.opinions_direct.into(),
            date_text(new.schedule_posted_on).into(),
            clean(&new.minutes).into(),
            search_key(&[
                Some(new.topic.as_str()),
                Some(new.organiser.as_str()),
                new.place.as_deref(),
                new.gpmb_project.as_deref(),
            ])
            .into(),
            actor.user_id.into(),
            tx.now().to_string().into(),
        ]);
        q.push(" RETURNING id");
        let id: i64 = col(&q.query().fetch_one(&mut *tx.tx).await?, "id")?;
        let audited = serde_json::json!({
            "id": id, "unit": unit.label(), "kind": new.kind, "status": status, "held_on": new.held_on,
            "participants": new.participants, "opinions_total": new.opinions_total,
            "opinions_collected": new.opinions_collected, "opinions_direct": new.opinions_direct,
        });
        tx.audit(actor, "create", "meeting", &id.to_string(), None::<&()>, Some(&audited))
            .await?;
        if !items.is_empty() {
            insert_items(&mut tx, actor, SourceKind::Meeting, id, &header, &items).await?;
        }
        recheck_counts(&mut tx, id).await?;
        tx.commit().await?;
        self.meeting(actor, id).await
    }

    /// One meeting in scope, with its items and warnings.
    pub async fn meeting(&self, actor: &Actor, id: i64) -> Result<Meeting> {
        let mut q = Sql::new(&format!("SELECT {MEETING_COLUMNS} WHERE m.id = "));
        q.bind(id);
        push_scope(&mut q, &actor.scope, "u.path");
        let row = q.query().fetch_optional(&self.pool).await?;
        let mut m = row
            .as_ref()
            .map(meeting_from)
            .transpose()?
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("hội nghị {id}")))?;
        m.items = self.items_of(actor, SourceKind::Meeting, id).await?;
        Ok(m)
    }

    /// Every meeting the filters pick, for export (at most `max`, else `too_many_rows`).
    pub async fn export_meetings(&self, actor: &Actor, query: &MeetingQuery, max: usize) -> Result<Vec<Meeting>> {
        crate::pages::every_page(max, "hội nghị", query, |q| async move {
            self.list_meetings(actor, &q).await
        })
        .await
    }

    /// Meetings in scope, newest first unless asked, a page at a time.
    pub async fn list_meetings(&self, actor: &Actor, query: &MeetingQuery) -> Result<MeetingPage> {
        let limit = query.limit.unwrap_or(50).clamp(1, 500);
        let mut q = Sql::new(&format!("SELECT {MEETING_COLUMNS} WHERE 1 = 1"));
        push_scope(&mut q, &actor.scope, "u.path");
        if let Some(unit) = query.unit.as_deref().filter(|s| !s.is_empty()) {
            let unit = self.resolve_unit(unit, query.to).await?;
            q.push(" AND u.path LIKE ").bind(crate::sql::starts_with(&unit.path));
        }
        if let Some(kind) = query.kind {
            q.push(" AND m.kind = ").bind(kind.as_str());
        }
        if let Some(status) = query.status {
            q.push(" AND m.status = ").bind(status.as_str());
        }
        push_range(&mut q, "m.held_on", query.from, query.to);
        if query.inconsistent {
            q.push(" AND ").push(INCONSISTENT);
        }
        push_search(&mut q, "m.search_text", query.q.as_deref());
        MEETING_PAGES.push_page(&mut q, query.sort, query.after.as_deref(), limit)?;
        let rows: Vec<Meeting> = q
            .query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(meeting_from)
            .collect::<Result<_>>()?;
        let (items, next) = page(rows, limit, |m| (m.held_on, m.id));
        Ok(MeetingPage { items, next })
    }

    /// Moves a meeting on: held (with its minutes), outcomes announced (date and form), closed
    /// once every item is closed.
    pub async fn step_meeting(&self, actor: &Actor, id: i64, step: &MeetingStep) -> Result<Meeting> {
        require(actor.role.can_write_records(), "cập nhật hội nghị")?;
        let m = self.meeting(actor, id).await?;
        let open = m
            .items
            .iter()
            .filter(|i| i.status != danvan_domain::meeting::ItemStatus::Closed)
            .count();
        let today = crate::units::today();
        let next = check_step(&m, step, open, today)?;
        let on = step.on.unwrap_or(today);
        let mut q = Sql::new("UPDATE meetings SET status = ");
        q.bind(next.as_str());
        match step.action {
            MeetingAction::Hold => {
                q.push(", held_on = ")
                    .bind(date_text(Some(step.on.unwrap_or(m.held_on))));
                if let Some(minutes) = clean(&step.minutes) {
                    q.push(", minutes = ").bind(minutes);
                }
                if let Some(n) = step.participants {
                    q.push(", participants = ").bind(n);
                }
            }
            MeetingAction::Announce => {
                q.push(", announced_on = ")
                    .bind(date_text(Some(on)))
                    .push(", announce_form = ")
                    .bind(clean(&step.form));
            }
            MeetingAction::Close => {
                q.push(", closed_on = ").bind(date_text(Some(on)));
            }
        }
        q.push(" WHERE id = ")
            .bind(id)
            .push(" AND status = ")
            .bind(m.status.as_str());
        if step.action == MeetingAction::Close {
            // An item reopened or added meanwhile keeps the meeting open.
            q.push(" AND NOT EXISTS (SELECT 1 FROM items i WHERE i.source_kind = 'meeting' AND i.source_id = ")
                .bind(id)
                .push(" AND i.status <> 'closed')");
        }
        let mut tx = self.begin_write().await?;
        if q.query().execute(&mut *tx.tx).await?.rows_affected() != 1 {
            return Err(DomainError::new(ErrorCode::InvalidTransition, "hội nghị vừa được người khác cập nhật").into());
        }
        let before = serde_json::json!({ "status": m.status });
        let after = serde_json::json!({ "status": next, "action": step.action, "on": on, "form": clean(&step.form) });
        tx.audit(
            actor,
            step.action.as_str(),
            "meeting",
            &id.to_string(),
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        self.meeting(actor, id).await
    }

    /// Records a supervision with its recommendations.
    pub async fn create_supervision(&self, actor: &Actor, new: &NewSupervision) -> Result<Supervision> {
        require(actor.role.can_write_records(), "ghi nhận cuộc giám sát")?;
        validate_supervision(new, crate::units::today())?;
        let unit = self.resolve_unit(&new.unit, Some(new.held_on)).await?;
        actor.scope.require(&unit)?;
        let header = SourceHeader {
            unit: unit.clone(),
            raised_on: new.held_on,
            held: true,
        };
        let items = self.prepare_items(&header, &new.items).await?;
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new(
            "INSERT INTO supervisions (unit_id, organisation, subject, topic, form, held_on, conclusions, search_text, \
             created_by, created_at) VALUES ",
        );
        q.bind_row(vec![
            unit.id.into(),
            normalize(&new.organisation).into(),
            normalize(&new.subject).into(),
            normalize(&new.topic).into(),
            new.form.as_str().into(),
            date_text(Some(new.held_on)).into(),
            clean(&new.conclusions).into(),
            search_key(&[
                Some(new.organisation.as_str()),
                Some(new.subject.as_str()),
                Some(new.topic.as_str()),
                new.conclusions.as_deref(),
            ])
            .into(),
            actor.user_id.into(),
            tx.now().to_string().into(),
        ]);
        q.push(" RETURNING id");
        let id: i64 = col(&q.query().fetch_one(&mut *tx.tx).await?, "id")?;
        let audited = serde_json::json!({ "id": id, "unit": unit.label(), "form": new.form, "held_on": new.held_on });
        tx.audit(
            actor,
            "create",
            "supervision",
            &id.to_string(),
            None::<&()>,
            Some(&audited),
        )
        .await?;
        if !items.is_empty() {
            insert_items(&mut tx, actor, SourceKind::Supervision, id, &header, &items).await?;
        }
        tx.commit().await?;
        self.supervision(actor, id).await
    }

    pub async fn supervision(&self, actor: &Actor, id: i64) -> Result<Supervision> {
        let mut q = Sql::new(&format!("SELECT {SUPERVISION_COLUMNS} WHERE s.id = "));
        q.bind(id);
        push_scope(&mut q, &actor.scope, "u.path");
        let row = q.query().fetch_optional(&self.pool).await?;
        let mut s = row
            .as_ref()
            .map(supervision_from)
            .transpose()?
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("cuộc giám sát {id}")))?;
        s.items = self.items_of(actor, SourceKind::Supervision, id).await?;
        Ok(s)
    }

    /// Every supervision `query` picks (for an export), refused beyond `max`.
    pub async fn export_supervisions(
        &self,
        actor: &Actor,
        query: &RecordQuery,
        max: usize,
    ) -> Result<Vec<Supervision>> {
        crate::pages::every_page(max, "cuộc giám sát", query, |q| async move {
            self.list_supervisions(actor, &q).await
        })
        .await
    }

    /// Every contribution `query` picks (for an export), refused beyond `max`.
    pub async fn export_contributions(
        &self,
        actor: &Actor,
        query: &RecordQuery,
        max: usize,
    ) -> Result<Vec<Contribution>> {
        crate::pages::every_page(max, "văn bản góp ý", query, |q| async move {
            self.list_contributions(actor, &q).await
        })
        .await
    }

    /// A keyset page of the supervisions in scope, newest first unless asked.
    pub async fn list_supervisions(&self, actor: &Actor, query: &RecordQuery) -> Result<RecordPage<Supervision>> {
        let limit = query.limit.unwrap_or(50).clamp(1, 500);
        let mut q = Sql::new(&format!("SELECT {SUPERVISION_COLUMNS} WHERE 1 = 1"));
        push_scope(&mut q, &actor.scope, "u.path");
        self.push_record_filters(&mut q, query, "s.held_on", Some("s.search_text"))
            .await?;
        SUPERVISION_PAGES.push_page(&mut q, query.sort, query.after.as_deref(), limit)?;
        let rows: Vec<Supervision> = q
            .query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(supervision_from)
            .collect::<Result<_>>()?;
        let (items, next) = page(rows, limit, |s| (s.held_on, s.id));
        Ok(RecordPage { items, next })
    }

    /// Records a contribution (góp ý xây dựng Đảng, chính quyền) with its opinions.
    pub async fn create_contribution(&self, actor: &Actor, new: &NewContribution) -> Result<Contribution> {
        require(actor.role.can_write_records(), "ghi nhận ý kiến góp ý")?;
        validate_contribution(new, crate::units::today())?;
        let unit = self.resolve_unit(&new.unit, Some(new.given_on)).await?;
        actor.scope.require(&unit)?;
        let header = SourceHeader {
            unit: unit.clone(),
            raised_on: new.given_on,
            held: true,
        };
        let items = self.prepare_items(&header, &new.items).await?;
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new(
            "INSERT INTO contributions (unit_id, target, organisation, given_on, document, search_text, created_by, \
             created_at) VALUES ",
        );
        q.bind_row(vec![
            unit.id.into(),
            new.target.as_str().into(),
            normalize(&new.organisation).into(),
            date_text(Some(new.given_on)).into(),
            normalize(&new.document).into(),
            search_key(&[Some(new.organisation.as_str()), Some(new.document.as_str())]).into(),
            actor.user_id.into(),
            tx.now().to_string().into(),
        ]);
        q.push(" RETURNING id");
        let id: i64 = col(&q.query().fetch_one(&mut *tx.tx).await?, "id")?;
        let audited =
            serde_json::json!({ "id": id, "unit": unit.label(), "target": new.target, "given_on": new.given_on });
        tx.audit(
            actor,
            "create",
            "contribution",
            &id.to_string(),
            None::<&()>,
            Some(&audited),
        )
        .await?;
        if !items.is_empty() {
            insert_items(&mut tx, actor, SourceKind::Contribution, id, &header, &items).await?;
        }
        tx.commit().await?;
        self.contribution(actor, id).await
    }

    pub async fn contribution(&self, actor: &Actor, id: i64) -> Result<Contribution> {
        let mut q = Sql::new(&format!("SELECT {CONTRIBUTION_COLUMNS} WHERE c.id = "));
        q.bind(id);
        push_scope(&mut q, &actor.scope, "u.path");
        let row = q.query().fetch_optional(&self.pool).await?;
        let mut c = row
            .as_ref()
            .map(contribution_from)
            .transpose()?
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("góp ý {id}")))?;
        c.items = self.items_of(actor, SourceKind::Contribution, id).await?;
        Ok(c)
    }

    /// A keyset page of the contributions in scope, newest first unless asked.
    pub async fn list_contributions(&self, actor: &Actor, query: &RecordQuery) -> Result<RecordPage<Contribution>> {
        let limit = query.limit.unwrap_or(50).clamp(1, 500);
        let mut q = Sql::new(&format!("SELECT {CONTRIBUTION_COLUMNS} WHERE 1 = 1"));
        push_scope(&mut q, &actor.scope, "u.path");
        self.push_record_filters(&mut q, query, "c.given_on", Some("c.search_text"))
            .await?;
        CONTRIBUTION_PAGES.push_page(&mut q, query.sort, query.after.as_deref(), limit)?;
        let rows: Vec<Contribution> = q
            .query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(contribution_from)
            .collect::<Result<_>>()?;
        let (items, next) = page(rows, limit, |c| (c.given_on, c.id));
        Ok(RecordPage { items, next })
    }
}
