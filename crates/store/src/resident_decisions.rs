//! Matters residents decide (votes, computed outcome, recognition), matters residents comment
//! on (consultations, whose opinions are `items` through `items.rs`), the People's Inspection
//! Boards and community investment supervision boards, and the statistics.

use crate::items::{insert_items, SourceHeader};
use crate::record_rows::{page, Keyset, RecordPage, RecordQuery};
use crate::records::{clean, codes_text, date, parse, parse_codes};
use crate::search_texts::search_key;
use crate::sql::{col, starts_with, Sql};
use crate::units::{date_text, opt_date, push_scope};
use crate::{Result, Store, StoreError};
use chrono::NaiveDate;
use danvan_domain::calendar::Calendar;
use danvan_domain::democracy::{
    board_warnings, check_recognition, decision_timeline, default_proposer, initial_recognition, outcome, tally_text,
    threshold, validate_board, validate_board_report, validate_consultation, validate_decision, Board, BoardKind,
    BoardMember, BoardReport, BoardReportPeriod, BoardRole, ConsultForm, ConsultMatter, Consultation,
    ConsultationStats, DecisionMatter, DecisionScope, NewBoard, NewBoardReport, NewConsultation, NewResidentDecision,
    Proposer, Recognition, RecognitionStatus, ResidentDecision, ResidentDecisionStats, Threshold, VoteForm,
    VoteOutcome,
};
use danvan_domain::figures::format_count;
use danvan_domain::meeting::{report_count, ItemOutcome, ItemStatus, SourceKind};
use danvan_domain::organisation::OrganisationKind;
use danvan_domain::petition::Count;
use danvan_domain::role::require;
use danvan_domain::scope::Actor;
use danvan_domain::text::normalize;
use danvan_domain::unit::Level;
use danvan_domain::{DomainError, ErrorCode};
use sqlx::any::AnyRow;

/// The most votes or consultations one period's figures read; beyond it they are refused
/// rather than cut (before paging, the figures silently stopped at 5,000).
const STATS_MAX_RECORDS: usize = 200_000;

const DECISION_PAGES: Keyset = Keyset {
    date: "r.voted_on",
    id: "r.id",
};

const CONSULTATION_PAGES: Keyset = Keyset {
    date: "k.opened_on",
    id: "k.id",
};

const DECISION_COLUMNS: &str = "r.id, u.scheme AS unit_scheme, u.code AS unit_code, u.name AS unit_name, \
    u.level AS unit_level, r.matter, r.scope, r.form, r.title, r.voted_on, r.electorate, r.present, r.votes_for, \
    r.votes_against, r.votes_other, r.threshold, r.outcome, r.sent_on, r.recognition, r.recognised_on, \
    r.recognition_number, r.refusal_reason, r.notes, r.proposer, r.initiative_households, r.consent_on, \
    r.front_approved, r.online_opt_in, r.ballot_announced_on, r.ballot_distributed_on, r.team_size \
    FROM resident_decisions r JOIN units u ON u.id = r.unit_id";

const CONSULTATION_COLUMNS: &str = "k.id, u.scheme AS unit_scheme, u.code AS unit_code, u.name AS unit_name, \
    u.level AS unit_level, k.matter, k.forms, k.title, k.opened_on, k.closes_on, k.summary, k.gpmb_project_id, \
    (SELECT COUNT(*) FROM items i WHERE i.source_kind = 'consultation' AND i.source_id = k.id) AS n_total, \
    (SELECT COUNT(*) FROM items i WHERE i.source_kind = 'consultation' AND i.source_id = k.id \
      AND i.outcome IS NOT NULL AND i.outcome <> 'not_accepted') AS n_taken, \
    (SELECT COUNT(*) FROM items i WHERE i.source_kind = 'consultation' AND i.source_id = k.id \
      AND i.status <> 'closed') AS n_open \
    FROM consultations k JOIN units u ON u.id = k.unit_id";

const BOARD_COLUMNS: &str = "b.id, u.scheme AS unit_scheme, u.code AS unit_code, u.name AS unit_name, \
    u.level AS unit_level, u.id AS unit_id, b.kind, b.name, b.organisation_id, b.term_from, b.term_to, b.project, \
    b.gpmb_project_id FROM boards b JOIN units u ON u.id = b.unit_id";

fn decision_from(row: &AnyRow, calendar: &Calendar, today: NaiveDate) -> Result<ResidentDecision> {
    let matter = parse(row, "matter", DecisionMatter::parse)?;
    let scope = parse(row, "scope", DecisionScope::parse)?;
    let th = parse(row, "threshold", Threshold::parse)?;
    let voted_on = date(row, "voted_on")?;
    let sent_on = opt_date(col(row, "sent_on")?)?;
    let recognition = parse(row, "recognition", RecognitionStatus::parse)?;
    let recognised_on = opt_date(col(row, "recognised_on")?)?;
    let electorate: i64 = col(row, "electorate")?;
    let votes_for: i64 = col(row, "votes_for")?;
    let proposer: Option<String> = col(row, "proposer")?;
    let proposer = match proposer {
        Some(p) => Proposer::parse(&p)?,
        None => default_proposer(scope),
    };
    Ok(ResidentDecision {
        id: col(row, "id")?,
        unit_scheme: col(row, "unit_scheme")?,
        unit_code: col(row, "unit_code")?,
        unit_name: col(row, "unit_name")?,
        unit_level: parse(row, "unit_level", Level::parse)?,
        matter,
        scope,
        form: parse(row, "form", VoteForm::parse)?,
        title: col(row, "title")?,
        voted_on,
        electorate,
        present: col(row, "present")?,
        votes_for,
        votes_against: col(row, "votes_against")?,
        votes_other: col(row, "votes_other")?,
        threshold: th,
        tally_text: tally_text(scope, th, electorate, votes_for),
        outcome: parse(row, "outcome", VoteOutcome::parse)?,
        sent_on,
        recognising_body: matter.recognising_body().map(String::from),
        recognition,
        recognised_on,
        recognition_number: col(row, "recognition_number")?,
        refusal_reason: col(row, "refusal_reason")?,
        timeline: decision_timeline(voted_on, sent_on, recognition, recognised_on, calendar, today)?,
        notes: col(row, "notes")?,
        proposer,
        initiative_households: col(row, "initiative_households")?,
        consent_on: opt_date(col(row, "consent_on")?)?,
        front_approved: col::<i64>(row, "front_approved")? != 0,
        online_opt_in: col(row, "online_opt_in")?,
        ballot_announced_on: opt_date(col(row, "ballot_announced_on")?)?,
        ballot_distributed_on: opt_date(col(row, "ballot_distributed_on")?)?,
        team_size: col(row, "team_size")?,
    })
}

fn consultation_from(row: &AnyRow) -> Result<Consultation> {
    Ok(Consultation {
        id: col(row, "id")?,
        unit_scheme: col(row, "unit_scheme")?,
        unit_code: col(row, "unit_code")?,
        unit_name: col(row, "unit_name")?,
        unit_level: parse(row, "unit_level", Level::parse)?,
        matter: parse(row, "matter", ConsultMatter::parse)?,
        forms: parse_codes(&col::<String>(row, "forms")?, ConsultForm::parse)?,
        title: col(row, "title")?,
        opened_on: date(row, "opened_on")?,
        closes_on: opt_date(col(row, "closes_on")?)?,
        summary: col(row, "summary")?,
        gpmb_project_id: col(row, "gpmb_project_id")?,
        opinions: Vec::new(),
        opinions_total: col(row, "n_total")?,
        opinions_taken_up: col(row, "n_taken")?,
        opinions_open: col(row, "n_open")?,
    })
}

impl Store {
    /// Records a vote of the residents; the threshold and the outcome are computed here, never
    /// taken from the caller.
    pub async fn create_resident_decision(&self, actor: &Actor, new: &NewResidentDecision) -> Result<ResidentDecision> {
        require(
            actor.role.can_write_records(),
            "ghi nhận nội dung Nhân dân bàn và quyết định",
        )?;
        let procedure = validate_decision(new, crate::units::today())?;
        let unit = self.resolve_unit(&new.unit, Some(new.voted_on)).await?;
        actor.scope.require(&unit)?;
        let th = threshold(new.matter);
        let result = outcome(th, new.electorate, new.votes_for);
        let recognition = initial_recognition(new.matter, result);
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new(
            "INSERT INTO resident_decisions (unit_id, matter, scope, form, title, voted_on, electorate, present, \
             votes_for, votes_against, votes_other, quorum_failed, threshold, outcome, sent_on, recognition, notes, \
             proposer, initiative_households, consent_on, front_approved, online_opt_in, ballot_announced_on, \
             ballot_distributed_on, team_size, search_text, created_by, created_at) VALUES ",
        );
        q.bind_row(vec![
            unit.id.into(),
            new.matter.as_str().into(),
            new.scope.as_str().into(),
            new.form.as_str().into(),
            normalize(&new.title).into(),
            date_text(Some(new.voted_on)).into(),
            new.electorate.into(),
            new.present.into(),
            new.votes_for.into(),
            new.votes_against.into(),
            new.votes_other.into(),
            new.quorum_failed.into(),
            th.as_str().into(),
            result.as_str().into(),
            date_text(new.sent_on).into(),
            recognition.as_str().into(),
            clean(&new.notes).into(),
            procedure.proposer.as_str().into(),
            procedure.initiative_households.into(),
            date_text(procedure.consent_on).into(),
            i64::from(procedure.front_approved).into(),
            procedure.online_opt_in.into(),
            date_text(procedure.ballot_announced_on).into(),
            date_text(procedure.ballot_distributed_on).into(),
            procedure.team_size.into(),
            search_key(&[Some(new.title.as_str()), new.notes.as_deref()]).into(),
            actor.user_id.into(),
            tx.now().to_string().into(),
        ]);
        q.push(" RETURNING id");
        let id: i64 = col(&q.query().fetch_one(&mut *tx.tx).await?, "id")?;
        let audited = serde_json::json!({
            "id": id, "unit": unit.label(), "matter": new.matter, "electorate": new.electorate,
            "votes_for": new.votes_for, "votes_against": new.votes_against, "votes_other": new.votes_other,
            "threshold": th, "outcome": result, "proposer": procedure.proposer,
            "initiative_households": procedure.initiative_households, "consent_on": procedure.consent_on,
            "front_approved": procedure.front_approved, "online_opt_in": procedure.online_opt_in,
            "ballot_announced_on": procedure.ballot_announced_on, "team_size": procedure.team_size,
        });
        tx.audit(
            actor,
            "create",
            "resident_decision",
            &id.to_string(),
            None::<&()>,
            Some(&audited),
        )
        .await?;
        tx.commit().await?;
        self.resident_decision(actor, id).await
    }

    pub async fn resident_decision(&self, actor: &Actor, id: i64) -> Result<ResidentDecision> {
        let calendar = &self.deadline_engine().await?.calendar;
        let mut q = Sql::new(&format!("SELECT {DECISION_COLUMNS} WHERE r.id = "));
        q.bind(id);
        push_scope(&mut q, &actor.scope, "u.path");
        let row = q.query().fetch_optional(&self.pool).await?;
        row.as_ref()
            .map(|r| decision_from(r, calendar, crate::units::today()))
            .transpose()?
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("nội dung biểu quyết {id}")))
    }

    /// A keyset page of the resident decisions in scope, by vote date, the newest first unless
    /// asked.
    pub async fn list_resident_decisions(
        &self,
        actor: &Actor,
        query: &RecordQuery,
    ) -> Result<RecordPage<ResidentDecision>> {
        let calendar = &self.deadline_engine().await?.calendar;
        let today = crate::units::today();
        let limit = query.limit.unwrap_or(50).clamp(1, 500);
        let mut q = Sql::new(&format!("SELECT {DECISION_COLUMNS} WHERE 1 = 1"));
        push_scope(&mut q, &actor.scope, "u.path");
        self.push_record_filters(&mut q, query, "r.voted_on", Some("r.search_text"))
            .await?;
        DECISION_PAGES.push_page(&mut q, query.sort, query.after.as_deref(), limit)?;
        let rows: Vec<ResidentDecision> = q
            .query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| decision_from(r, calendar, today))
            .collect::<Result<_>>()?;
        let (items, next) = page(rows, limit, |d| (d.voted_on, d.id));
        Ok(RecordPage { items, next })
    }

    /// Every resident decision `query` picks (exports, the period's figures), refused beyond `max`.
    pub async fn all_resident_decisions(
        &self,
        actor: &Actor,
        query: &RecordQuery,
        max: usize,
    ) -> Result<Vec<ResidentDecision>> {
        crate::pages::every_page(max, "nội dung biểu quyết", query, |q| async move {
            self.list_resident_decisions(actor, &q).await
        })
        .await
    }

    /// Records the commune's recognition (or reasoned refusal) of a passed decision.
    pub async fn recognise_decision(&self, actor: &Actor, id: i64, r: &Recognition) -> Result<ResidentDecision> {
        require(actor.role.can_write_records(), "ghi nhận việc công nhận")?;
        let d = self.resident_decision(actor, id).await?;
        let received = check_recognition(&d, r, crate::units::today())?;
        let next = if r.refused {
            RecognitionStatus::Refused
        } else {
            RecognitionStatus::Recognised
        };
        let mut q = Sql::new("UPDATE resident_decisions SET recognition = ");
        q.bind(next.as_str())
            .push(", recognised_on = ")
            .bind(date_text(Some(r.on)))
            .push(", sent_on = ")
            .bind(date_text(Some(received)))
            .push(", recognition_number = ")
            .bind(clean(&r.decision_number))
            .push(", refusal_reason = ")
            .bind(if r.refused { clean(&r.reason) } else { None })
            .push(" WHERE id = ")
            .bind(id)
            .push(" AND recognition = 'awaiting'");
        let mut tx = self.begin_write().await?;
        if q.query().execute(&mut *tx.tx).await?.rows_affected() != 1 {
            return Err(
                DomainError::new(ErrorCode::InvalidTransition, "quyết định vừa được người khác cập nhật").into(),
            );
        }
        let after = serde_json::json!({ "recognition": next, "on": r.on, "received_on": received });
        tx.audit(
            actor,
            "recognise",
            "resident_decision",
            &id.to_string(),
            Some(&serde_json::json!({ "recognition": d.recognition })),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        self.resident_decision(actor, id).await
    }

    /// Records a consultation with the opinions given (items, source `consultation`).
    pub async fn create_consultation(&self, actor: &Actor, new: &NewConsultation) -> Result<Consultation> {
        require(actor.role.can_write_records(), "ghi nhận việc lấy ý kiến Nhân dân")?;
        validate_consultation(new, crate::units::today())?;
        let unit = self.resolve_unit(&new.unit, Some(new.opened_on)).await?;
        actor.scope.require(&unit)?;
        if let Some(p) = new.gpmb_project_id {
            self.gpmb_project_header(actor, p).await?;
        }
        let header = SourceHeader {
            unit: unit.clone(),
            raised_on: new.opened_on,
            held: true,
        };
        let items = self.prepare_items(&header, &new.opinions).await?;
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new(
            "INSERT INTO consultations (unit_id, matter, forms, title, opened_on, closes_on, summary, gpmb_project_id, \
             search_text, created_by, created_at) VALUES ",
        );
        q.bind_row(vec![
            unit.id.into(),
            new.matter.as_str().into(),
            codes_text(&new.forms, ConsultForm::as_str).into(),
            normalize(&new.title).into(),
            date_text(Some(new.opened_on)).into(),
            date_text(new.closes_on).into(),
            clean(&new.summary).into(),
            new.gpmb_project_id.into(),
            search_key(&[Some(new.title.as_str()), new.summary.as_deref()]).into(),
            actor.user_id.into(),
            tx.now().to_string().into(),
        ]);
        q.push(" RETURNING id");
        let id: i64 = col(&q.query().fetch_one(&mut *tx.tx).await?, "id")?;
        let audited =
            serde_json::json!({ "id": id, "unit": unit.label(), "matter": new.matter, "opened_on": new.opened_on });
        tx.audit(
            actor,
            "create",
            "consultation",
            &id.to_string(),
            None::<&()>,
            Some(&audited),
        )
        .await?;
        if !items.is_empty() {
            insert_items(&mut tx, actor, SourceKind::Consultation, id, &header, &items).await?;
        }
        tx.commit().await?;
        self.consultation(actor, id).await
    }

    pub async fn consultation(&self, actor: &Actor, id: i64) -> Result<Consultation> {
        let mut q = Sql::new(&format!("SELECT {CONSULTATION_COLUMNS} WHERE k.id = "));
        q.bind(id);
        push_scope(&mut q, &actor.scope, "u.path");
        let row = q.query().fetch_optional(&self.pool).await?;
        let mut c = row
            .as_ref()
            .map(consultation_from)
            .transpose()?
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("cuộc lấy ý kiến {id}")))?;
        c.opinions = self.items_of(actor, SourceKind::Consultation, id).await?;
        Ok(c)
    }

    pub async fn list_consultations(&self, actor: &Actor, query: &RecordQuery) -> Result<RecordPage<Consultation>> {
        let limit = query.limit.unwrap_or(50).clamp(1, 500);
        let mut q = Sql::new(&format!("SELECT {CONSULTATION_COLUMNS} WHERE 1 = 1"));
        push_scope(&mut q, &actor.scope, "u.path");
        self.push_record_filters(&mut q, query, "k.opened_on", Some("k.search_text"))
            .await?;
        CONSULTATION_PAGES.push_page(&mut q, query.sort, query.after.as_deref(), limit)?;
        let rows: Vec<Consultation> = q
            .query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(consultation_from)
            .collect::<Result<_>>()?;
        let (items, next) = page(rows, limit, |k| (k.opened_on, k.id));
        Ok(RecordPage { items, next })
    }

    /// Every consultation `query` picks (exports, the period's figures), refused beyond `max`.
    pub async fn all_consultations(&self, actor: &Actor, query: &RecordQuery, max: usize) -> Result<Vec<Consultation>> {
        crate::pages::every_page(max, "lần lấy ý kiến", query, |q| async move {
            self.list_consultations(actor, &q).await
        })
        .await
    }

    /// Sets up a board: its organisation row (so supervisions can name it), term and members.
    pub async fn create_board(&self, actor: &Actor, new: &NewBoard) -> Result<Board> {
        require(
            actor.role.can_write_records(),
            "ghi nhận Ban Thanh tra nhân dân, Ban Giám sát đầu tư",
        )?;
        validate_board(new)?;
        let unit = self.resolve_unit(&new.unit, Some(new.term_from)).await?;
        actor.scope.require(&unit)?;
        let name = clean(&new.name).unwrap_or_else(|| format!("{} {}", new.kind.label_vi(), unit.name));
        let mut villages = Vec::with_capacity(new.members.len());
        for m in &new.members {
            villages.push(match m.village.as_deref().filter(|s| !s.trim().is_empty()) {
                Some(v) => {
                    let v = self.resolve_unit(v, Some(new.term_from)).await?;
                    if !v.path.starts_with(&unit.path) {
                        return Err(DomainError::new(
                            ErrorCode::ForbiddenScope,
                            format!("{} không thuộc {}", v.name, unit.name),
                        )
                        .into());
                    }
                    Some(v.id)
                }
                None => None,
            });
        }
        if let Some(p) = new.gpmb_project_id {
            self.gpmb_project_header(actor, p).await?;
        }
        let existing = self.list_organisations(actor, Some(&unit)).await?;
        let mut tx = self.begin_write().await?;
        let org_id = match existing
            .iter()
            .find(|o| o.kind == OrganisationKind::Other && o.name == name)
        {
            Some(o) => o.id,
            None => {
                crate::organisations::insert_organisation(&mut tx, actor, &unit, OrganisationKind::Other, &name)
                    .await?
                    .id
            }
        };
        let mut q = Sql::new(
            "INSERT INTO boards (unit_id, organisation_id, kind, name, term_from, term_to, project, gpmb_project_id, \
             created_by, created_at) VALUES ",
        );
        q.bind_row(vec![
            unit.id.into(),
            org_id.into(),
            new.kind.as_str().into(),
            name.clone().into(),
            date_text(Some(new.term_from)).into(),
            date_text(new.term_to).into(),
            clean(&new.project).into(),
            new.gpmb_project_id.into(),
            actor.user_id.into(),
            tx.now().to_string().into(),
        ]);
        q.push(" RETURNING id");
        let id: i64 = col(&q.query().fetch_one(&mut *tx.tx).await?, "id")?;
        if !new.members.is_empty() {
            let mut q = Sql::new("INSERT INTO board_members (board_id, name, role, village_id, created_at) VALUES ");
            let now = tx.now().to_string();
            q.bind_rows(new.members.iter().zip(&villages).map(|(m, v)| {
                vec![
                    id.into(),
                    normalize(&m.name).into(),
                    m.role.as_str().into(),
                    (*v).into(),
                    now.clone().into(),
                ]
            }));
            q.query().execute(&mut *tx.tx).await?;
        }
        let audited = serde_json::json!({ "id": id, "unit": unit.label(), "kind": new.kind, "name": name, "members": new.members.len() });
        tx.audit(actor, "create", "board", &id.to_string(), None::<&()>, Some(&audited))
            .await?;
        tx.commit().await?;
        self.board(actor, id).await
    }

    pub async fn board(&self, actor: &Actor, id: i64) -> Result<Board> {
        let mut q = Sql::new(&format!("SELECT {BOARD_COLUMNS} WHERE b.id = "));
        q.bind(id);
        push_scope(&mut q, &actor.scope, "u.path");
        let row = q
            .query()
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("Ban {id}")))?;
        self.board_from(&row).await
    }

    async fn board_from(&self, row: &AnyRow) -> Result<Board> {
        let id: i64 = col(row, "id")?;
        let kind = parse(row, "kind", BoardKind::parse)?;
        let mut q = Sql::new(
            "SELECT m.id, m.name, m.role, v.name AS village_name FROM board_members m \
             LEFT JOIN units v ON v.id = m.village_id WHERE m.board_id = ",
        );
        q.bind(id).push(" ORDER BY m.id");
        let members = q
            .query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(BoardMember {
                    id: col(r, "id")?,
                    name: col(r, "name")?,
                    role: parse(r, "role", BoardRole::parse)?,
                    village_name: col(r, "village_name")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let mut q = Sql::new(
            "SELECT id, period, period_label, submitted_on, content, recommendations FROM board_reports WHERE board_id = ",
        );
        q.bind(id).push(" ORDER BY submitted_on, id");
        let reports = q
            .query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(BoardReport {
                    id: col(r, "id")?,
                    period: parse(r, "period", BoardReportPeriod::parse)?,
                    period_label: col(r, "period_label")?,
                    submitted_on: date(r, "submitted_on")?,
                    content: col(r, "content")?,
                    recommendations: col(r, "recommendations")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let unit_id: i64 = col(row, "unit_id")?;
        let mut q = Sql::new("SELECT COUNT(*) AS n FROM units WHERE parent_id = ");
        q.bind(unit_id).push(" AND level = 'village'");
        let villages: i64 = col(&q.query().fetch_one(&self.pool).await?, "n")?;
        let name: String = col(row, "name")?;
        let mut q = Sql::new("SELECT COUNT(*) AS n FROM supervisions WHERE unit_id = ");
        q.bind(unit_id).push(" AND organisation = ").bind(name.clone());
        let supervisions: i64 = col(&q.query().fetch_one(&self.pool).await?, "n")?;
        Ok(Board {
            id,
            unit_scheme: col(row, "unit_scheme")?,
            unit_code: col(row, "unit_code")?,
            unit_name: col(row, "unit_name")?,
            unit_level: parse(row, "unit_level", Level::parse)?,
            kind,
            name,
            organisation_id: col(row, "organisation_id")?,
            term_from: date(row, "term_from")?,
            term_to: opt_date(col(row, "term_to")?)?,
            project: col(row, "project")?,
            gpmb_project_id: col(row, "gpmb_project_id")?,
            warnings: board_warnings(kind, members.len(), villages as usize),
            members,
            reports,
            supervisions,
        })
    }

    pub async fn list_boards(&self, actor: &Actor, unit: Option<&str>) -> Result<Vec<Board>> {
        let mut q = Sql::new(&format!("SELECT {BOARD_COLUMNS} WHERE 1 = 1"));
        push_scope(&mut q, &actor.scope, "u.path");
        self.push_record_filters(
            &mut q,
            &RecordQuery {
                unit: unit.map(String::from),
                ..Default::default()
            },
            "b.term_from",
            None,
        )
        .await?;
        q.push(" ORDER BY u.path, b.id LIMIT 1000");
        let rows = q.query().fetch_all(&self.pool).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(self.board_from(r).await?);
        }
        Ok(out)
    }

    /// Records a board's report to MTTQ xã.
    pub async fn add_board_report(&self, actor: &Actor, board_id: i64, r: &NewBoardReport) -> Result<Board> {
        require(actor.role.can_write_records(), "ghi nhận báo cáo của Ban")?;
        let b = self.board(actor, board_id).await?;
        validate_board_report(r, b.term_from, crate::units::today())?;
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new(
            "INSERT INTO board_reports (board_id, period, period_label, submitted_on, content, recommendations, \
             created_by, created_at) VALUES ",
        );
        q.bind_row(vec![
            board_id.into(),
            r.period.as_str().into(),
            normalize(&r.period_label).into(),
            date_text(Some(r.submitted_on)).into(),
            normalize(&r.content).into(),
            r.recommendations.into(),
            actor.user_id.into(),
            tx.now().to_string().into(),
        ]);
        q.push(" RETURNING id");
        let id: i64 = col(&q.query().fetch_one(&mut *tx.tx).await?, "id")?;
        let audited =
            serde_json::json!({ "board": board_id, "report": id, "period": r.period, "submitted_on": r.submitted_on });
        tx.audit(
            actor,
            "report",
            "board",
            &board_id.to_string(),
            None::<&()>,
            Some(&audited),
        )
        .await?;
        tx.commit().await?;
        self.board(actor, board_id).await
    }

    /// Votes and consultations in [from, to] in `unit`'s subtree.
    pub async fn resident_decision_stats(
        &self,
        actor: &Actor,
        unit: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<ResidentDecisionStats> {
        let u = self.resolve_unit(unit, Some(to)).await?;
        actor.scope.require(&u)?;
        let query = RecordQuery {
            unit: Some(format!("{}/{}", u.scheme, u.code)),
            from: Some(from),
            to: Some(to),
            ..Default::default()
        };
        let list = self.all_resident_decisions(actor, &query, STATS_MAX_RECORDS).await?;
        let count = |f: &dyn Fn(&ResidentDecision) -> bool| list.iter().filter(|d| f(d)).count() as i64;
        let by_matter = DecisionMatter::ALL
            .iter()
            .map(|m| Count {
                key: m.as_str().into(),
                label: m.label_vi().into(),
                count: count(&|d| d.matter == *m),
            })
            .filter(|c| c.count > 0)
            .collect();
        let by_form = VoteForm::ALL
            .iter()
            .map(|f| Count {
                key: f.as_str().into(),
                label: f.label_vi().into(),
                count: count(&|d| d.form == *f),
            })
            .filter(|c| c.count > 0)
            .collect();
        let passed = count(&|d| d.outcome == VoteOutcome::Passed);
        let rejected = list.len() as i64 - passed;
        let text = format!(
            "{} nội dung Nhân dân bàn và quyết định: {} được thông qua, {} không được thông qua",
            report_count(list.len() as i64),
            report_count(passed),
            report_count(rejected)
        );

        let consultations = self.all_consultations(actor, &query, STATS_MAX_RECORDS).await?;
        let mut q = Sql::new(
            "SELECT i.outcome, i.status, COUNT(*) AS n FROM items i JOIN consultations k \
             ON i.source_kind = 'consultation' AND k.id = i.source_id JOIN units u ON u.id = k.unit_id \
             WHERE k.opened_on >= ",
        );
        q.bind(date_text(Some(from)))
            .push(" AND k.opened_on <= ")
            .bind(date_text(Some(to)))
            .push(" AND u.path LIKE ")
            .bind(starts_with(&u.path));
        push_scope(&mut q, &actor.scope, "u.path");
        q.push(" GROUP BY i.outcome, i.status");
        let (mut opinions, mut taken_up, mut not_accepted, mut open) = (0i64, 0i64, 0i64, 0i64);
        for row in q.query().fetch_all(&self.pool).await? {
            let n: i64 = col(&row, "n")?;
            let outcome: Option<String> = col(&row, "outcome")?;
            let status: String = col(&row, "status")?;
            opinions += n;
            match outcome.as_deref().map(ItemOutcome::parse).transpose()? {
                Some(ItemOutcome::NotAccepted) => not_accepted += n,
                Some(_) => taken_up += n,
                None => {}
            }
            if status != ItemStatus::Closed.as_str() {
                open += n;
            }
        }
        let by_consult_matter = ConsultMatter::ALL
            .iter()
            .map(|m| Count {
                key: m.as_str().into(),
                label: m.label_vi().into(),
                count: consultations.iter().filter(|c| c.matter == *m).count() as i64,
            })
            .filter(|c| c.count > 0)
            .collect();
        let ctext = format!(
            "{} cuộc lấy ý kiến Nhân dân, {} ý kiến, tiếp thu {}, không tiếp thu {}",
            report_count(consultations.len() as i64),
            format_count(opinions),
            format_count(taken_up),
            format_count(not_accepted)
        );
        Ok(ResidentDecisionStats {
            unit: u.label(),
            from,
            to,
            decisions: list.len() as i64,
            passed,
            rejected,
            by_matter,
            by_form,
            recognised: count(&|d| d.recognition == RecognitionStatus::Recognised),
            refused: count(&|d| d.recognition == RecognitionStatus::Refused),
            awaiting: count(&|d| d.recognition == RecognitionStatus::Awaiting),
            recognition_late: count(&|d| d.timeline.recognition_late || d.timeline.recognition_overdue),
            text,
            consultations: ConsultationStats {
                consultations: consultations.len() as i64,
                by_matter: by_consult_matter,
                opinions,
                taken_up,
                not_accepted,
                open,
                text: ctext,
            },
        })
    }
}
