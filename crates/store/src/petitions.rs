//! Petitions (đơn thư): recording, the workflow with deadlines and its timeline, reading with
//! the denouncer's identity redacted where the law requires, lists with keyset pagination and
//! full-text search, and duplicate links. Every query is filtered by the caller's scope.

use crate::sql::{col, Param, Sql};
use crate::units::{date_text, opt_date, push_scope};
use crate::write::{AuditItem, WriteTx};
use crate::{Backend, Result, Store, StoreError};
use chrono::NaiveDate;
use danvan_domain::deadline::{CaseFacts, Complexity, Stage};
use danvan_domain::petition::{
    can_see_identity, search_text, validate_cccd, validate_phone, validate_received_date, Action, Channel,
    DuplicateCandidate, Event, NewPetition, Outcome, Petition, PetitionKind, PetitionPage, PetitionSummary, Petitioner,
    Status, Step, Viewer, MANY_PERSON_THRESHOLD, REDACTED,
};
use danvan_domain::role::require;
use danvan_domain::scope::Actor;
use danvan_domain::text::{fold, normalize};
use danvan_domain::{DomainError, ErrorCode};
use rand::Rng;
use sqlx::any::AnyRow;

/// The petition columns, without FROM.
macro_rules! petition_select {
    () => {
        "p.id, p.code, p.unit_id, u.scheme AS unit_scheme, u.code AS unit_code, \
         u.name AS unit_name, p.kind, p.round, prev.code AS previous_code, p.channel, p.received_on, p.subject, \
         p.content, p.topic, p.status, p.complexity, p.remote, p.many_person, p.anonymous, p.within_jurisdiction, \
         dup.code AS duplicate_code, p.processing_due, p.accepted_on, p.resolution_due, p.extensions_used, \
         p.handler_user_id, h.username AS handler, p.resolved_on, p.outcome, p.closed_on, p.created_by"
    };
}

/// The joins the columns need, after `petitions p`.
macro_rules! petition_joins {
    () => {
        "JOIN units u ON u.id = p.unit_id \
         LEFT JOIN petitions prev ON prev.id = p.previous_id \
         LEFT JOIN petitions dup ON dup.id = p.duplicate_of \
         LEFT JOIN users h ON h.id = p.handler_user_id"
    };
}

const PETITION_COLUMNS: &str = concat!(petition_select!(), " FROM petitions p ", petition_joins!());

/// Search ranks only the newest matches in scope, so a common word costs the same on a million
/// petitions as on a thousand.
const SEARCH_WINDOW: i64 = 2_000;

/// Filters for the petition list. Dates bound `received_on`, inclusive.
#[derive(Debug, Clone, Default)]
pub struct PetitionQuery {
    pub kind: Option<PetitionKind>,
    pub status: Option<Status>,
    pub topic: Option<String>,
    /// Only this unit and those below it (`scheme/code`).
    pub unit: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Only open cases (not linked duplicates) past their current deadline (as of `today`).
    pub overdue: bool,
    /// Only open cases (not yet resolved, forwarded, guided, filed or withdrawn; not duplicates).
    pub open: bool,
    /// Only open cases (not linked duplicates) due within this many days of `today`.
    pub due_within_days: Option<i64>,
    /// Full-text search, diacritics-insensitive.
    pub q: Option<String>,
    /// Keyset cursor from the previous page (it belongs to the sort it was made with).
    pub after: Option<String>,
    pub limit: Option<i64>,
    pub today: Option<NaiveDate>,
    /// The order of the list (a search is ordered by relevance instead).
    pub sort: PetitionSort,
}

/// A case's current deadline (`9999-12-31` when it has none), written exactly as the index
/// `petitions_open_current_due` is, so the overdue worklist reads it in order.
const CURRENT_DUE: &str = "COALESCE(CASE WHEN p.status IN ('received', 'processing') THEN p.processing_due \
     WHEN p.status IN ('accepted', 'in_resolution') THEN p.resolution_due END, '9999-12-31')";

/// How a petition list is ordered. Each order has its own keyset cursor, so paging stays fast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PetitionSort {
    /// Newest received first
    #[default]
    Newest,
    /// Oldest received first
    Oldest,
    /// The nearest current deadline first (cases without one last)
    DueFirst,
}

impl PetitionSort {
    /// `newest` | `oldest` | `due`
    pub fn parse(s: &str) -> std::result::Result<PetitionSort, DomainError> {
        match s {
            "" | "newest" => Ok(PetitionSort::Newest),
            "oldest" => Ok(PetitionSort::Oldest),
            "due" => Ok(PetitionSort::DueFirst),
            other => Err(DomainError::validation(format!(
                "cách sắp xếp “{other}” (newest|oldest|due)"
            ))),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PetitionSort::Newest => "newest",
            PetitionSort::Oldest => "oldest",
            PetitionSort::DueFirst => "due",
        }
    }

    /// The sort key as SQL over alias `p`, and whether it ascends.
    fn key(self) -> (&'static str, bool) {
        match self {
            PetitionSort::Newest => ("p.received_on", false),
            PetitionSort::Oldest => ("p.received_on", true),
            PetitionSort::DueFirst => (CURRENT_DUE, true),
        }
    }

    /// The cursor value of a row: its received date, or its current deadline.
    fn cursor_of(self, p: &danvan_domain::petition::Petition) -> String {
        let due = match p.status {
            Status::Received | Status::Processing => p.processing_due,
            Status::Accepted | Status::InResolution => p.resolution_due,
            _ => None,
        };
        match self {
            PetitionSort::DueFirst => due
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| "9999-12-31".into()),
            _ => p.received_on.format("%Y-%m-%d").to_string(),
        }
    }
}

fn bad(e: DomainError) -> StoreError {
    StoreError::Domain(e)
}

fn parse_col<T>(row: &AnyRow, name: &str, parse: fn(&str) -> std::result::Result<T, DomainError>) -> Result<T> {
    let s: String = col(row, name)?;
    parse(&s).map_err(|e| StoreError::Corrupt(format!("{name}: {e}")))
}

fn complexity_parse(s: &str) -> std::result::Result<Complexity, DomainError> {
    serde_json::from_value(serde_json::Value::String(s.into()))
        .map_err(|_| DomainError::validation(format!("mức độ phức tạp '{s}'")))
}

fn complexity_str(c: Complexity) -> &'static str {
    match c {
        Complexity::Normal => "normal",
        Complexity::Complex => "complex",
        Complexity::EspeciallyComplex => "especially_complex",
    }
}

/// A petition row before its petitioners are attached and redaction is decided.
struct Row {
    id: i64,
    unit_id: i64,
    handler_user_id: Option<i64>,
    created_by: Option<i64>,
    petition: Petition,
}

fn row_from(row: &AnyRow) -> Result<Row> {
    let flag = |name: &str| -> Result<bool> { Ok(col::<i64>(row, name)? != 0) };
    let opt_flag: Option<i64> = col(row, "within_jurisdiction")?;
    let outcome: Option<String> = col(row, "outcome")?;
    let round: i64 = col(row, "round")?;
    let extensions: i64 = col(row, "extensions_used")?;
    let status = parse_col(row, "status", Status::parse)?;
    Ok(Row {
        id: col(row, "id")?,
        unit_id: col(row, "unit_id")?,
        handler_user_id: col(row, "handler_user_id")?,
        created_by: col(row, "created_by")?,
        petition: Petition {
            code: col(row, "code")?,
            unit_scheme: col(row, "unit_scheme")?,
            unit_code: col(row, "unit_code")?,
            unit_name: col(row, "unit_name")?,
            kind: parse_col(row, "kind", PetitionKind::parse)?,
            round: round as u8,
            previous_code: col(row, "previous_code")?,
            channel: parse_col(row, "channel", Channel::parse)?,
            received_on: opt_date(col(row, "received_on")?)?
                .ok_or_else(|| StoreError::Corrupt("received_on".into()))?,
            subject: col(row, "subject")?,
            content: col(row, "content")?,
            topic: col(row, "topic")?,
            status,
            complexity: parse_col(row, "complexity", complexity_parse)?,
            remote: flag("remote")?,
            many_person: flag("many_person")?,
            anonymous: flag("anonymous")?,
            within_jurisdiction: opt_flag.map(|v| v != 0),
            duplicate_of: col(row, "duplicate_code")?,
            processing_due: opt_date(col(row, "processing_due")?)?,
            accepted_on: opt_date(col(row, "accepted_on")?)?,
            resolution_due: opt_date(col(row, "resolution_due")?)?,
            extensions_used: extensions as u32,
            handler: col(row, "handler")?,
            resolved_on: opt_date(col(row, "resolved_on")?)?,
            outcome: outcome
                .as_deref()
                .map(Outcome::parse)
                .transpose()
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            closed_on: opt_date(col(row, "closed_on")?)?,
            petitioners: Vec::new(),
            identity_redacted: false,
            allowed_actions: status.allowed_actions(),
        },
    })
}

impl Row {
    /// Whether this caller may see who the petitioners are.
    fn identity_visible(&self, actor: &Actor) -> bool {
        let handles_case =
            actor.user_id.is_some() && (actor.user_id == self.handler_user_id || actor.user_id == self.created_by);
        let viewer = Viewer {
            role: actor.role,
            handles_case,
            in_own_unit: actor.unit_id == Some(self.unit_id),
        };
        can_see_identity(self.petition.kind, viewer)
    }
}

fn redacted(p: Petitioner) -> Petitioner {
    Petitioner {
        name: REDACTED.into(),
        cccd: p.cccd.map(|_| REDACTED.into()),
        phone: p.phone.map(|_| REDACTED.into()),
        address: p.address.map(|_| REDACTED.into()),
        address_unit: p.address_unit.map(|_| REDACTED.into()),
    }
}

/// Checks and normalizes what the officer typed; nothing is written when this fails.
fn clean_petitioners(new: &NewPetition) -> Result<Vec<Petitioner>> {
    if !new.anonymous && new.petitioners.is_empty() {
        return Err(bad(DomainError::validation(
            "cần ít nhất một người viết đơn (hoặc đánh dấu đơn nặc danh)",
        )));
    }
    new.petitioners
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let at = |e: DomainError| bad(DomainError::new(e.code, format!("người viết đơn thứ {}: {}", i + 1, e)));
            let name = normalize(&p.name);
            if name.is_empty() {
                return Err(at(DomainError::validation("họ tên không được để trống")));
            }
            let cccd = p
                .cccd
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                .map(validate_cccd)
                .transpose()
                .map_err(at)?;
            let phone = p
                .phone
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                .map(validate_phone)
                .transpose()
                .map_err(at)?;
            let address = p.address.as_deref().map(normalize).filter(|s| !s.is_empty());
            Ok(Petitioner {
                name,
                cccd,
                phone,
                address,
                address_unit: p.address_unit.clone().filter(|s| !s.is_empty()),
            })
        })
        .collect()
}

fn new_code(received: NaiveDate) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::thread_rng();
    let tail: String = (0..8)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect();
    format!("DT{}-{tail}", received.format("%Y"))
}

impl Store {
    /// Records a petition: validates it, sets the processing deadline by the rule in force on the
    /// received date, and writes the first timeline entry.
    pub async fn create_petition(&self, actor: &Actor, new: &NewPetition) -> Result<Petition> {
        let prepared = self.prepare_petition(actor, new).await?;
        let code = self.write_in_group(actor, &prepared).await?;
        Ok(prepared.recorded(code))
    }

    /// Records a petition, optionally as the follow-up of a reception matter (linked in the
    /// same transaction, so neither exists without the other).
    pub(crate) async fn create_petition_from(
        &self,
        actor: &Actor,
        new: &NewPetition,
        matter: Option<i64>,
    ) -> Result<Petition> {
        let prepared = self.prepare_petition(actor, new).await?;
        let mut tx = self.begin_write().await?;
        let (id, code) = write_one(&mut tx, actor, &prepared).await?;
        if let Some(matter_id) = matter {
            let mut link = Sql::new("UPDATE reception_matters SET petition_id = ");
            link.bind(id)
                .push(" WHERE id = ")
                .bind(matter_id)
                .push(" AND petition_id IS NULL");
            if link.query().execute(&mut *tx.tx).await?.rows_affected() != 1 {
                return Err(bad(DomainError::validation("vụ việc này đã được chuyển thành đơn")));
            }
            let after = serde_json::json!({ "matter": matter_id, "petition": code });
            tx.audit(
                actor,
                "to_petition",
                "reception_matter",
                &matter_id.to_string(),
                None::<&()>,
                Some(&after),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(prepared.recorded(code))
    }

    /// Imports a register: every petition is checked first; any failure means nothing is
    /// written and the failures come back with their index in `petitions`.
    pub async fn import_petitions(
        &self,
        actor: &Actor,
        petitions: &[NewPetition],
    ) -> Result<std::result::Result<Vec<String>, Vec<(usize, StoreError)>>> {
        let mut prepared = Vec::with_capacity(petitions.len());
        let mut failures = Vec::new();
        for (i, new) in petitions.iter().enumerate() {
            match self.prepare_petition(actor, new).await {
                Ok(p) => prepared.push(p),
                Err(e @ StoreError::Domain(_)) => failures.push((i, e)),
                Err(other) => return Err(other),
            }
        }
        if !failures.is_empty() {
            return Ok(Err(failures));
        }
        let mut tx = self.begin_write().await?;
        let jobs: Vec<(&Actor, &Prepared)> = prepared.iter().map(|p| (actor, p)).collect();
        let codes: Vec<String> = write_petitions(&mut tx, &jobs)
            .await?
            .into_iter()
            .map(|(_, c)| c)
            .collect();
        let summary = serde_json::json!({ "rows": prepared.len() });
        tx.audit(actor, "import", "petition", "register", None::<&()>, Some(&summary))
            .await?;
        tx.commit().await?;
        Ok(Ok(codes))
    }

    /// Runs every check `import_petitions` runs, writing nothing.
    pub async fn check_petitions(
        &self,
        actor: &Actor,
        petitions: &[NewPetition],
    ) -> Result<std::result::Result<(), Vec<(usize, StoreError)>>> {
        let mut failures = Vec::new();
        for (i, new) in petitions.iter().enumerate() {
            match self.prepare_petition(actor, new).await {
                Ok(_) => {}
                Err(e @ StoreError::Domain(_)) => failures.push((i, e)),
                Err(other) => return Err(other),
            }
        }
        Ok(if failures.is_empty() { Ok(()) } else { Err(failures) })
    }

    /// Checks a petition and works out everything to write, touching nothing.
    pub(crate) async fn prepare_petition(&self, actor: &Actor, new: &NewPetition) -> Result<Prepared> {
        require(actor.role.can_write_records(), "ghi nhận đơn thư")?;
        validate_received_date(new.received_on, crate::units::today()).map_err(bad)?;
        let unit = self.resolve_unit(&new.unit, Some(new.received_on)).await?;
        actor.scope.require(&unit)?;
        let subject = normalize(&new.subject);
        let content = normalize(&new.content);
        if subject.is_empty() || content.is_empty() {
            return Err(bad(DomainError::validation(
                "trích yếu và nội dung đơn không được để trống",
            )));
        }
        self.petition_topics().await?.require_open(&new.topic).map_err(bad)?;
        if !(1..=2).contains(&new.round) || (new.round == 2 && new.kind != PetitionKind::Complaint) {
            return Err(bad(DomainError::validation("chỉ khiếu nại mới có lần hai")));
        }
        let petitioners = clean_petitioners(new)?;
        let mut address_units = Vec::with_capacity(petitioners.len());
        for p in &petitioners {
            address_units.push(match &p.address_unit {
                Some(u) => Some(self.resolve_unit(u, Some(new.received_on)).await?),
                None => None,
            });
        }
        let previous_id = match &new.previous_code {
            Some(code) => Some(self.petition_row(actor, code).await?.id),
            None => None,
        };
        let engine = self.deadline_engine().await?;
        let facts = CaseFacts {
            remote: new.remote,
            ..Default::default()
        };
        let (processing_due, _) = engine
            .due(new.kind, new.round, Stage::Processing, new.received_on, &facts)
            .map_err(bad)?;
        Ok(Prepared {
            unit,
            new: new.clone(),
            subject,
            content,
            petitioners,
            address_units,
            previous_id,
            processing_due,
        })
    }

    async fn petition_row(&self, actor: &Actor, code: &str) -> Result<Row> {
        let mut q = Sql::new(&format!("SELECT {PETITION_COLUMNS} WHERE p.code = "));
        q.bind(code);
        push_scope(&mut q, &actor.scope, "u.path");
        let row = q.query().fetch_optional(&self.pool).await?;
        row.as_ref()
            .map(row_from)
            .transpose()?
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("đơn {code}")))
    }

    /// One petition in the caller's scope, identity redacted unless they may see it.
    pub async fn petition(&self, actor: &Actor, code: &str) -> Result<Petition> {
        let row = self.petition_row(actor, code).await?;
        let visible = row.identity_visible(actor);
        let mut p = row.petition.clone();
        let people = self.petitioners_of(&[row.id]).await?;
        p.petitioners = people
            .into_iter()
            .map(|(_, p)| if visible { p } else { redacted(p) })
            .collect();
        p.identity_redacted = !visible && !p.petitioners.is_empty();
        Ok(p)
    }

    async fn petitioners_of(&self, ids: &[i64]) -> Result<Vec<(i64, Petitioner)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut q = Sql::new(
            "SELECT pp.petition_id, pp.name, pp.cccd, pp.phone, pp.address, au.scheme AS a_scheme, au.code AS a_code \
             FROM petitioners pp LEFT JOIN units au ON au.id = pp.address_unit_id WHERE pp.petition_id IN ",
        );
        q.bind_row(ids.iter().map(|i| Param::Int(*i)).collect());
        q.push(" ORDER BY pp.petition_id, pp.id");
        let rows = q.query().fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                let scheme: Option<String> = col(r, "a_scheme")?;
                let code: Option<String> = col(r, "a_code")?;
                Ok((
                    col(r, "petition_id")?,
                    Petitioner {
                        name: col(r, "name")?,
                        cccd: col(r, "cccd")?,
                        phone: col(r, "phone")?,
                        address: col(r, "address")?,
                        address_unit: scheme.zip(code).map(|(s, c)| format!("{s}/{c}")),
                    },
                ))
            })
            .collect()
    }

    /// The case timeline, oldest first.
    pub async fn petition_events(&self, actor: &Actor, code: &str) -> Result<Vec<Event>> {
        let row = self.petition_row(actor, code).await?;
        let mut q = Sql::new(
            "SELECT at, on_date, actor, action, from_status, to_status, note FROM petition_events WHERE petition_id = ",
        );
        q.bind(row.id).push(" ORDER BY id");
        let rows = q.query().fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                let from: Option<String> = col(r, "from_status")?;
                Ok(Event {
                    at: col(r, "at")?,
                    on: opt_date(col(r, "on_date")?)?.ok_or_else(|| StoreError::Corrupt("on_date".into()))?,
                    actor: col(r, "actor")?,
                    action: col(r, "action")?,
                    from_status: from
                        .as_deref()
                        .map(Status::parse)
                        .transpose()
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                    to_status: parse_col(r, "to_status", Status::parse)?,
                    note: col(r, "note")?,
                })
            })
            .collect()
    }

    /// Moves a case one step through its workflow. Refused with `invalid_transition` when the
    /// step is not allowed from the current state, `extension_not_allowed` past the rule.
    pub async fn advance_petition(&self, actor: &Actor, code: &str, step: &Step) -> Result<Petition> {
        let row = self.petition_row(actor, code).await?;
        let handles = actor.user_id.is_some() && actor.user_id == row.handler_user_id;
        require(actor.role.can_write_records() || handles, "xử lý đơn thư")?;
        let before = row.petition.clone();
        let next = before.status.apply(step.action).map_err(bad)?;
        let on = step.on.unwrap_or_else(crate::units::today);
        validate_received_date(on, crate::units::today()).map_err(bad)?;
        if on < before.received_on {
            return Err(bad(DomainError::new(
                ErrorCode::InvalidDate,
                "ngày thực hiện trước ngày nhận đơn",
            )));
        }
        let engine = self.deadline_engine().await?;
        let mut set: Vec<(&str, Param)> = vec![("status", next.as_str().into())];
        let complexity = step.complexity.unwrap_or(before.complexity);
        let facts = |extensions_used: usize| CaseFacts {
            complexity,
            remote: before.remote,
            extensions_used,
        };
        match step.action {
            Action::StartProcessing => {
                if let Some(c) = step.complexity {
                    set.push(("complexity", complexity_str(c).into()));
                    // A complex denunciation gets the longer processing period.
                    let (due, _) = engine
                        .due(
                            before.kind,
                            before.round,
                            Stage::Processing,
                            before.received_on,
                            &facts(0),
                        )
                        .map_err(bad)?;
                    set.push(("processing_due", date_text(Some(due)).into()));
                }
            }
            Action::Accept => {
                let (due, _) = engine
                    .due(before.kind, before.round, Stage::Resolution, on, &facts(0))
                    .map_err(bad)?;
                set.push(("within_jurisdiction", true.into()));
                set.push(("accepted_on", date_text(Some(on)).into()));
                set.push(("resolution_due", date_text(Some(due)).into()));
                set.push(("complexity", complexity_str(complexity).into()));
            }
            Action::Forward | Action::Guide => {
                // The slip names the competent agency: it is what the note must say.
                if step.note.as_deref().map(str::trim).unwrap_or("").is_empty() {
                    return Err(bad(DomainError::validation(if step.action == Action::Forward {
                        "chuyển đơn cần ghi cơ quan có thẩm quyền nhận đơn"
                    } else {
                        "hướng dẫn cần ghi cơ quan có thẩm quyền mà công dân cần gửi đơn đến"
                    })));
                }
                set.push(("within_jurisdiction", step.within_jurisdiction.unwrap_or(false).into()))
            }
            Action::File => {
                if step.note.as_deref().map(str::trim).unwrap_or("").is_empty() {
                    return Err(bad(DomainError::validation("lưu đơn cần ghi rõ lý do")));
                }
                if let Some(w) = step.within_jurisdiction {
                    set.push(("within_jurisdiction", w.into()));
                }
            }
            Action::Assign => {
                let name = step
                    .handler
                    .as_deref()
                    .ok_or_else(|| bad(DomainError::validation("cần người được giao giải quyết")))?;
                let handler = self.user(actor, name).await?;
                set.push(("handler_user_id", handler.id.into()));
            }
            Action::Extend => {
                if step.note.as_deref().map(str::trim).unwrap_or("").is_empty() {
                    return Err(bad(DomainError::validation("gia hạn cần ghi rõ lý do")));
                }
                let accepted = before
                    .accepted_on
                    .ok_or_else(|| StoreError::Corrupt("accepted_on".into()))?;
                let used = before.extensions_used as usize + 1;
                let (due, _) = engine
                    .due(before.kind, before.round, Stage::Resolution, accepted, &facts(used))
                    .map_err(bad)?;
                set.push(("extensions_used", (used as i64).into()));
                set.push(("resolution_due", date_text(Some(due)).into()));
                set.push(("complexity", complexity_str(complexity).into()));
            }
            Action::Resolve => {
                let needs_outcome = matches!(before.kind, PetitionKind::Complaint | PetitionKind::Denunciation);
                if needs_outcome && step.outcome.is_none() {
                    return Err(bad(DomainError::validation(
                        "khiếu nại, tố cáo cần kết luận đúng / đúng một phần / sai",
                    )));
                }
                set.push(("resolved_on", date_text(Some(on)).into()));
                set.push(("outcome", step.outcome.map(|o| o.as_str().to_string()).into()));
            }
            Action::Close | Action::Withdraw => set.push(("closed_on", date_text(Some(on)).into())),
            Action::Notify => {}
        }
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new("UPDATE petitions SET updated_at = ");
        q.bind(tx.now().to_string());
        for (column, value) in set {
            q.push(", ").push(column).push(" = ").bind(value);
        }
        // Optimistic check: the status must still be what we read.
        q.push(" WHERE id = ")
            .bind(row.id)
            .push(" AND status = ")
            .bind(before.status.as_str());
        if q.query().execute(&mut *tx.tx).await?.rows_affected() != 1 {
            return Err(bad(DomainError::new(
                ErrorCode::InvalidTransition,
                "hồ sơ vừa được người khác cập nhật, hãy tải lại",
            )));
        }
        insert_event(
            &mut tx,
            row.id,
            actor,
            step.action.as_str(),
            Some(before.status),
            next,
            on,
            step.note.clone(),
        )
        .await?;
        let audited = |s: Status| serde_json::json!({ "code": code, "status": s });
        tx.audit(
            actor,
            step.action.as_str(),
            "petition",
            code,
            Some(&audited(before.status)),
            Some(&audited(next)),
        )
        .await?;
        tx.commit().await?;
        self.petition(actor, code).await
    }

    /// Marks `code` as a duplicate of `of` (đơn trùng): it then counts once in statistics.
    pub async fn mark_duplicate(&self, actor: &Actor, code: &str, of: &str) -> Result<Petition> {
        require(actor.role.can_write_records(), "đánh dấu đơn trùng")?;
        if code == of {
            return Err(bad(DomainError::validation("một đơn không thể trùng với chính nó")));
        }
        let row = self.petition_row(actor, code).await?;
        let original = self.petition_row(actor, of).await?;
        if original.petition.duplicate_of.is_some() {
            return Err(bad(DomainError::validation(format!(
                "đơn {of} đã là đơn trùng; hãy chọn đơn gốc"
            ))));
        }
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new("UPDATE petitions SET duplicate_of = ");
        q.bind(original.id)
            .push(", updated_at = ")
            .bind(tx.now().to_string())
            .push(" WHERE id = ")
            .bind(row.id);
        q.query().execute(&mut *tx.tx).await?;
        tx.audit(
            actor,
            "mark_duplicate",
            "petition",
            code,
            None::<&()>,
            Some(&serde_json::json!({ "duplicate_of": of })),
        )
        .await?;
        tx.commit().await?;
        self.petition(actor, code).await
    }

    /// Likely duplicates in scope: the same petitioner (CCCD, or name and address) or the same
    /// subject and largely the same words.
    pub async fn find_duplicates(&self, actor: &Actor, code: &str) -> Result<Vec<DuplicateCandidate>> {
        let me = self.petition(actor, code).await?;
        let row = self.petition_row(actor, code).await?;
        let people = self.petitioners_of(&[row.id]).await?;
        let mut found: Vec<DuplicateCandidate> = Vec::new();
        let mut add = |code: String, subject: String, received_on: NaiveDate, reason: String| {
            if let Some(c) = found.iter_mut().find(|c| c.code == code) {
                if !c.reasons.contains(&reason) {
                    c.reasons.push(reason);
                }
            } else {
                found.push(DuplicateCandidate {
                    code,
                    subject,
                    received_on,
                    reasons: vec![reason],
                });
            }
        };
        for (_, p) in &people {
            let mut q = Sql::new(&format!(
                "SELECT {PETITION_COLUMNS} JOIN petitioners pp ON pp.petition_id = p.id WHERE p.id <> "
            ));
            q.bind(row.id).push(" AND (");
            match &p.cccd {
                Some(cccd) => q.push("pp.cccd = ").bind(cccd.clone()),
                None => q.push("1 = 0"),
            };
            q.push(" OR (pp.name_folded = ")
                .bind(fold(&p.name))
                .push(" AND pp.address = ")
                .bind(p.address.clone())
                .push("))");
            push_scope(&mut q, &actor.scope, "u.path");
            q.push(" LIMIT 20");
            for r in q.query().fetch_all(&self.pool).await? {
                let r = row_from(&r)?;
                let reason = if p.cccd.is_some() {
                    "cùng người viết đơn (CCCD hoặc họ tên và địa chỉ)"
                } else {
                    "cùng họ tên và địa chỉ"
                };
                add(
                    r.petition.code,
                    r.petition.subject,
                    r.petition.received_on,
                    reason.into(),
                );
            }
        }
        let words = significant_words(&format!("{} {}", me.subject, me.content));
        if !words.is_empty() {
            let query = PetitionQuery {
                q: Some(words.join(" ")),
                limit: Some(20),
                ..Default::default()
            };
            for s in self.list_petitions(actor, &query).await?.items {
                if s.code != me.code {
                    let same_subject = fold(&s.subject) == fold(&me.subject);
                    let reason = if same_subject {
                        "cùng trích yếu, nội dung tương tự"
                    } else {
                        "nội dung tương tự"
                    };
                    add(s.code, s.subject, s.received_on, reason.into());
                }
            }
        }
        Ok(found)
    }

    /// Petitions in scope by the filters, newest first, one page at a time.
    pub async fn list_petitions(&self, actor: &Actor, query: &PetitionQuery) -> Result<PetitionPage> {
        let limit = query.limit.unwrap_or(50).clamp(1, 500);
        let today = query.today.unwrap_or_else(crate::units::today);
        let terms: Vec<String> = query
            .q
            .as_deref()
            .map(fold)
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let searching = !terms.is_empty();
        if searching && self.backend() == Backend::Sqlite {
            return self.search_sqlite(actor, query, &terms, limit, today).await;
        }
        let mut q = Sql::new("SELECT ");
        if searching {
            // The inner query picks the newest matches in scope and scores them; the outer one
            // orders by score (lower is better on both backends) and adds the columns.
            q.push(concat!(petition_select!(), ", f.rank FROM (SELECT p.id AS fid, "));
            // (PostgreSQL only: SQLite searches in two steps, see `search_sqlite`.)
            q.push("-ts_rank(p.search_tsv, plainto_tsquery('simple', ")
                .bind(terms.join(" "));
            q.push(")) AS rank FROM petitions p JOIN units u ON u.id = p.unit_id ");
            q.push("WHERE p.search_tsv @@ plainto_tsquery('simple', ")
                .bind(terms.join(" "))
                .push(")");
        } else {
            q.push(PETITION_COLUMNS).push(" WHERE 1 = 1");
        }
        let unit_path = match &query.unit {
            Some(u) => Some(self.resolve_unit(u, query.to.or(query.from)).await?.path),
            None => None,
        };
        push_petition_filters(&mut q, actor, query, unit_path.as_deref(), today);
        if searching {
            let offset: i64 = query.after.as_deref().and_then(|a| a.parse().ok()).unwrap_or(0);
            q.push(" ORDER BY p.id DESC LIMIT ").bind(SEARCH_WINDOW);
            q.push(concat!(
                ") f JOIN petitions p ON p.id = f.fid ",
                petition_joins!(),
                " ORDER BY f.rank, p.id DESC"
            ));
            q.push(" LIMIT ").bind(limit + 1).push(" OFFSET ").bind(offset);
            let rows = q.query().fetch_all(&self.pool).await?;
            let next = (rows.len() as i64 > limit).then(|| (offset + limit).to_string());
            return self
                .summaries(actor, &rows[..rows.len().min(limit as usize)], next, today)
                .await;
        }
        let (key, ascending) = query.sort.key();
        let (cmp, dir) = if ascending { (">", "ASC") } else { ("<", "DESC") };
        if let Some((value, id)) = query.after.as_deref().and_then(parse_cursor) {
            q.push(&format!(" AND ({key} {cmp} "))
                .bind(value.clone())
                .push(&format!(" OR ({key} = "))
                .bind(value);
            q.push(&format!(" AND p.id {cmp} ")).bind(id).push("))");
        }
        q.push(&format!(" ORDER BY {key} {dir}, p.id {dir} LIMIT "))
            .bind(limit + 1);
        let rows = q.query().fetch_all(&self.pool).await?;
        let page = &rows[..rows.len().min(limit as usize)];
        let next = if rows.len() as i64 > limit {
            let last = row_from(&page[page.len() - 1])?;
            Some(format!("{}|{}", query.sort.cursor_of(&last.petition), last.id))
        } else {
            None
        };
        self.summaries(actor, page, next, today).await
    }

    /// Every petition the filters pick (as `list_petitions` shows them), for export; refuses
    /// with `too_many_rows` beyond `max` rather than cut the list silently.
    pub async fn export_petitions(
        &self,
        actor: &Actor,
        query: &PetitionQuery,
        max: usize,
    ) -> Result<Vec<PetitionSummary>> {
        let all = crate::pages::every_page(
            max,
            "đơn",
            query,
            |q| async move { self.list_petitions(actor, &q).await },
        )
        .await?;
        // Personal data leaving the system: who took which list is on the record.
        let mut tx = self.begin_write().await?;
        let summary = serde_json::json!({ "rows": all.len(), "filter": format!("{query:?}") });
        tx.audit(actor, "export", "petition", "list", None::<&()>, Some(&summary))
            .await?;
        tx.commit().await?;
        Ok(all)
    }

    /// SQLite search in two steps: walk the full-text index newest first in slices (FTS5 does
    /// that without sorting or scoring), keep the matches in scope and the filters, stop once
    /// the page is full. Ranked in tiers: the exact phrase first, then all the words anywhere;
    /// newest first within a tier. (bm25 over every match cost ~60 ms per thousand rows.)
    async fn search_sqlite(
        &self,
        actor: &Actor,
        query: &PetitionQuery,
        terms: &[String],
        limit: i64,
        today: NaiveDate,
    ) -> Result<PetitionPage> {
        const SLICE: i64 = 1_000;
        const MAX_SCANNED_PER_TIER: usize = 100_000;
        let unit_path = match &query.unit {
            Some(u) => Some(self.resolve_unit(u, query.to.or(query.from)).await?.path),
            None => None,
        };
        let offset = query
            .after
            .as_deref()
            .and_then(|a| a.parse::<usize>().ok())
            .unwrap_or(0);
        let wanted = (offset + limit as usize + 1).min(SEARCH_WINDOW as usize);
        let phrase = format!("\"{}\"", terms.join(" "));
        let words: Vec<String> = terms.iter().map(|t| format!("\"{t}\"")).collect();
        let mut tiers = vec![phrase];
        if terms.len() > 1 {
            tiers.push(words.join(" "));
        }
        let mut hits: Vec<i64> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for expr in tiers {
            let mut before: Option<i64> = None;
            let mut scanned = 0usize;
            while hits.len() < wanted && scanned < MAX_SCANNED_PER_TIER {
                let mut q = Sql::new("SELECT rowid AS id FROM petition_fts WHERE petition_fts MATCH ");
                q.bind(expr.clone());
                if let Some(b) = before {
                    q.push(" AND rowid < ").bind(b);
                }
                q.push(" ORDER BY rowid DESC LIMIT ").bind(SLICE);
                let ids: Vec<i64> = q
                    .query()
                    .fetch_all(&self.pool)
                    .await?
                    .iter()
                    .map(|r| col::<i64>(r, "id"))
                    .collect::<std::result::Result<_, _>>()?;
                let Some(last) = ids.last().copied() else { break };
                scanned += ids.len();
                before = Some(last);
                let fresh: Vec<i64> = ids.iter().copied().filter(|id| !seen.contains(id)).collect();
                if !fresh.is_empty() {
                    let mut keep =
                        Sql::new("SELECT p.id FROM petitions p JOIN units u ON u.id = p.unit_id WHERE p.id IN ");
                    keep.bind_row(fresh.iter().map(|id| Param::Int(*id)).collect());
                    push_petition_filters(&mut keep, actor, query, unit_path.as_deref(), today);
                    let kept: std::collections::HashSet<i64> = keep
                        .query()
                        .fetch_all(&self.pool)
                        .await?
                        .iter()
                        .map(|r| col::<i64>(r, "id"))
                        .collect::<std::result::Result<_, _>>()?;
                    for id in fresh {
                        seen.insert(id);
                        if kept.contains(&id) {
                            hits.push(id);
                        }
                    }
                }
                if (ids.len() as i64) < SLICE {
                    break;
                }
            }
        }
        let page: Vec<i64> = hits.iter().skip(offset).take(limit as usize).copied().collect();
        let next = (hits.len() > offset + page.len()).then(|| (offset + page.len()).to_string());
        if page.is_empty() {
            return Ok(PetitionPage {
                items: Vec::new(),
                next: None,
            });
        }
        let mut q = Sql::new(&format!("SELECT {PETITION_COLUMNS} WHERE p.id IN "));
        q.bind_row(page.iter().map(|id| Param::Int(*id)).collect());
        let mut rows = q.query().fetch_all(&self.pool).await?;
        let position = |r: &AnyRow| {
            col::<i64>(r, "id")
                .ok()
                .and_then(|id| page.iter().position(|p| *p == id))
        };
        rows.sort_by_key(|r| position(r).unwrap_or(usize::MAX));
        self.summaries(actor, &rows, next, today).await
    }

    async fn summaries(
        &self,
        actor: &Actor,
        rows: &[AnyRow],
        next: Option<String>,
        today: NaiveDate,
    ) -> Result<PetitionPage> {
        let rows: Vec<Row> = rows.iter().map(row_from).collect::<Result<_>>()?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let people = self.petitioners_of(&ids).await?;
        let items = rows
            .iter()
            .map(|r| {
                let first = people.iter().find(|(id, _)| *id == r.id).map(|(_, p)| p.name.clone());
                let visible = r.identity_visible(actor);
                let p = &r.petition;
                PetitionSummary {
                    code: p.code.clone(),
                    unit_name: p.unit_name.clone(),
                    kind: p.kind,
                    channel: p.channel,
                    received_on: p.received_on,
                    subject: p.subject.clone(),
                    topic: p.topic.clone(),
                    status: p.status,
                    petitioner: first.map(|n| if visible { n } else { REDACTED.into() }),
                    due: p.current_due(),
                    overdue: p.is_overdue(today),
                    duplicate_of: p.duplicate_of.clone(),
                }
            })
            .collect();
        Ok(PetitionPage { items, next })
    }
}

/// The scope and the list filters, over `p` (petitions) and `u` (their units).
fn push_petition_filters(q: &mut Sql, actor: &Actor, query: &PetitionQuery, unit_path: Option<&str>, today: NaiveDate) {
    push_scope(q, &actor.scope, "u.path");
    if let Some(k) = query.kind {
        q.push(" AND p.kind = ").bind(k.as_str());
    }
    if let Some(s) = query.status {
        q.push(" AND p.status = ").bind(s.as_str());
    }
    if let Some(t) = &query.topic {
        q.push(" AND p.topic = ").bind(t);
    }
    if let Some(path) = unit_path {
        q.push(" AND u.path LIKE ").bind(format!("{path}%"));
    }
    if let Some(f) = query.from {
        q.push(" AND p.received_on >= ").bind(date_text(Some(f)));
    }
    if let Some(t) = query.to {
        q.push(" AND p.received_on <= ").bind(date_text(Some(t)));
    }
    if query.open {
        q.push(" AND ").push(crate::petition_stats::OPEN_CASES);
    }
    if query.overdue || query.due_within_days.is_some() {
        let (lo, hi) = match query.due_within_days {
            Some(n) => (
                date_text(Some(today)),
                date_text(Some(today + chrono::Duration::days(n))),
            ),
            None => (None, date_text(Some(today - chrono::Duration::days(1)))),
        };
        // The same condition on the current deadline, which the partial index over open cases
        // can answer by a range (the OR below cannot). A linked duplicate is followed up through
        // its original, so it is not on the worklist, as the dashboard does not count it.
        q.push(" AND ").push(crate::petition_stats::OPEN_CASES);
        q.push(&format!(" AND {CURRENT_DUE} <= ")).bind(hi.clone());
        if let Some(lo) = &lo {
            q.push(&format!(" AND {CURRENT_DUE} >= ")).bind(lo.clone());
        }
        q.push(" AND ((p.status IN ('received', 'processing') AND p.processing_due <= ")
            .bind(hi.clone());
        if let Some(lo) = &lo {
            q.push(" AND p.processing_due >= ").bind(lo.clone());
        }
        q.push(") OR (p.status IN ('accepted', 'in_resolution') AND p.resolution_due <= ")
            .bind(hi);
        if let Some(lo) = lo {
            q.push(" AND p.resolution_due >= ").bind(lo);
        }
        q.push("))");
    }
}

fn parse_cursor(s: &str) -> Option<(String, i64)> {
    let (date, id) = s.split_once('|')?;
    // `9999-12-31` stands for "no deadline" in the due-date order.
    if date != "9999-12-31" {
        danvan_domain::unit::parse_date(date).ok()?;
    }
    Some((date.to_string(), id.parse().ok()?))
}

/// The longer words of a text, for a "similar content" search (at most 8, in order).
fn significant_words(text: &str) -> Vec<String> {
    let folded = fold(text);
    let mut out: Vec<String> = Vec::new();
    for w in folded.split_whitespace() {
        if w.chars().count() >= 4 && !out.iter().any(|o| o == w) {
            out.push(w.to_string());
        }
        if out.len() == 8 {
            break;
        }
    }
    out
}

/// A checked petition, ready to write.
#[derive(Clone)]
pub(crate) struct Prepared {
    unit: danvan_domain::unit::Unit,
    new: NewPetition,
    subject: String,
    content: String,
    petitioners: Vec<Petitioner>,
    address_units: Vec<Option<danvan_domain::unit::Unit>>,
    previous_id: Option<i64>,
    processing_due: NaiveDate,
}

impl Prepared {
    /// The petition as just written, without reading it back: its recorder may see everything
    /// in it (they handle the case).
    pub(crate) fn recorded(&self, code: String) -> Petition {
        let new = &self.new;
        let petitioners = self
            .petitioners
            .iter()
            .zip(&self.address_units)
            .map(|(p, unit)| Petitioner {
                address_unit: unit.as_ref().map(|u| format!("{}/{}", u.scheme, u.code)),
                ..p.clone()
            })
            .collect();
        Petition {
            code,
            unit_scheme: self.unit.scheme.clone(),
            unit_code: self.unit.code.clone(),
            unit_name: self.unit.name.clone(),
            kind: new.kind,
            round: new.round,
            previous_code: new.previous_code.clone().filter(|_| self.previous_id.is_some()),
            channel: new.channel,
            received_on: new.received_on,
            subject: self.subject.clone(),
            content: self.content.clone(),
            topic: new.topic.clone(),
            status: Status::Received,
            complexity: Complexity::Normal,
            remote: new.remote,
            many_person: self.petitioners.len() >= MANY_PERSON_THRESHOLD,
            anonymous: new.anonymous,
            within_jurisdiction: None,
            duplicate_of: None,
            processing_due: Some(self.processing_due),
            accepted_on: None,
            resolution_due: None,
            extensions_used: 0,
            handler: None,
            resolved_on: None,
            outcome: None,
            closed_on: None,
            petitioners,
            identity_redacted: false,
            allowed_actions: Status::Received.allowed_actions(),
        }
    }
}

/// A petition waiting to be written with others in one transaction (group commit).
pub(crate) struct PetitionJob {
    actor: Actor,
    prepared: Prepared,
    done: tokio::sync::oneshot::Sender<Result<String>>,
}

pub(crate) type PetitionQueue = std::sync::Arc<std::sync::Mutex<Vec<PetitionJob>>>;

/// The most petitions written in one transaction.
const GROUP_LIMIT: usize = 256;

impl Store {
    /// Writes a prepared petition and returns its code. Petitions recorded at the same moment are
    /// written together: whoever gets the writer's turn takes every petition waiting and writes
    /// them in one transaction, so a busy server pays the transaction and audit-head costs once
    /// per group instead of once per petition. Each petition still has its own audit entry.
    async fn write_in_group(&self, actor: &Actor, prepared: &Prepared) -> Result<String> {
        let (done, mut result) = tokio::sync::oneshot::channel();
        self.queue_petition(PetitionJob {
            actor: actor.clone(),
            prepared: prepared.clone(),
            done,
        });
        loop {
            tokio::select! {
                biased;
                r = &mut result => {
                    return r.unwrap_or_else(|_| Err(StoreError::Corrupt("nhóm ghi đơn bị gián đoạn".into())));
                }
                turn = self.write_turn.clone().lock_owned() => {
                    let jobs = self.take_queued_petitions();
                    if !jobs.is_empty() {
                        // In its own task, so that a caller who goes away cannot leave the
                        // others of the group without an answer.
                        let store = self.clone();
                        let _ = tokio::spawn(async move { store.write_group(turn, jobs).await }).await;
                    }
                }
            }
        }
    }

    fn queue_petition(&self, job: PetitionJob) {
        match self.petition_queue.lock() {
            Ok(mut q) => q.push(job),
            Err(poisoned) => poisoned.into_inner().push(job),
        }
    }

    fn take_queued_petitions(&self) -> Vec<PetitionJob> {
        let mut q = match self.petition_queue.lock() {
            Ok(q) => q,
            Err(poisoned) => poisoned.into_inner(),
        };
        let n = q.len().min(GROUP_LIMIT);
        q.drain(..n).collect()
    }

    /// Writes a group in one transaction; if anything fails, writes each petition on its own so
    /// one bad petition does not fail the others.
    async fn write_group(&self, turn: tokio::sync::OwnedMutexGuard<()>, jobs: Vec<PetitionJob>) {
        let together: Result<Vec<String>> = async {
            let mut tx = self.begin_write_holding(turn).await?;
            let batch: Vec<(&Actor, &Prepared)> = jobs.iter().map(|j| (&j.actor, &j.prepared)).collect();
            let codes: Vec<String> = write_petitions(&mut tx, &batch)
                .await?
                .into_iter()
                .map(|(_, c)| c)
                .collect();
            tx.commit().await?;
            Ok(codes)
        }
        .await;
        match together {
            Ok(codes) => {
                for (job, code) in jobs.into_iter().zip(codes) {
                    let _ = job.done.send(Ok(code));
                }
            }
            Err(e) if jobs.len() == 1 => {
                let _ = jobs.into_iter().next().map(|job| job.done.send(Err(e)));
            }
            Err(_) => {
                for job in jobs {
                    let alone = async {
                        let mut tx = self.begin_write().await?;
                        let (_, code) = write_one(&mut tx, &job.actor, &job.prepared).await?;
                        tx.commit().await?;
                        Ok(code)
                    }
                    .await;
                    let _ = job.done.send(alone);
                }
            }
        }
    }
}

/// Writes one prepared petition (see `write_petitions`).
pub(crate) async fn write_one(tx: &mut WriteTx, actor: &Actor, p: &Prepared) -> Result<(i64, String)> {
    let mut one = write_petitions(tx, &[(actor, p)]).await?;
    one.pop()
        .ok_or_else(|| StoreError::Corrupt("đơn không được ghi".into()))
}

/// Writes prepared petitions, their petitioners, their first timeline rows and their audit
/// entries — a handful of statements for the whole batch, not a handful per petition (each
/// statement is a round trip to the database); returns each one's id and code, in order.
/// Codes are random (not guessable from the sequence); the rare clash with an existing code is
/// retried with a new one.
async fn write_petitions(tx: &mut WriteTx, jobs: &[(&Actor, &Prepared)]) -> Result<Vec<(i64, String)>> {
    let mut written: Vec<Option<(i64, String)>> = vec![None; jobs.len()];
    for chunk_start in (0..jobs.len()).step_by(GROUP_LIMIT) {
        let chunk = chunk_start..(chunk_start + GROUP_LIMIT).min(jobs.len());
        let mut pending: Vec<usize> = chunk.collect();
        let mut attempt = 0;
        while !pending.is_empty() {
            attempt += 1;
            if attempt > 8 {
                return Err(StoreError::Corrupt("không tạo được mã đơn mới".into()));
            }
            let codes: Vec<String> = pending.iter().map(|&i| new_code(jobs[i].1.new.received_on)).collect();
            let mut q = Sql::new(
                "INSERT INTO petitions (code, unit_id, organisation_id, kind, round, channel, received_on, subject, content, \
                 topic, search_text, status, remote, many_person, anonymous, previous_id, processing_due, created_by, \
                 created_at, updated_at) VALUES ",
            );
            q.bind_rows(
                pending
                    .iter()
                    .zip(&codes)
                    .map(|(&i, code)| petition_row_values(tx.now(), jobs[i], code)),
            );
            q.push(" ON CONFLICT (code) DO NOTHING RETURNING id, code");
            let mut ids = std::collections::HashMap::new();
            for row in q.query().fetch_all(&mut *tx.tx).await? {
                ids.insert(col::<String>(&row, "code")?, col::<i64>(&row, "id")?);
            }
            let mut clashed = Vec::new();
            for (&i, code) in pending.iter().zip(codes) {
                match ids.get(&code) {
                    Some(&id) => written[i] = Some((id, code)),
                    None => clashed.push(i),
                }
            }
            pending = clashed;
        }
    }
    let written: Vec<(i64, String)> = written.into_iter().flatten().collect();
    let people: Vec<Vec<Param>> = jobs
        .iter()
        .zip(&written)
        .flat_map(|((_, p), (id, _))| {
            p.petitioners.iter().zip(&p.address_units).map(move |(pp, unit)| {
                vec![
                    (*id).into(),
                    pp.name.clone().into(),
                    fold(&pp.name).into(),
                    pp.cccd.clone().into(),
                    pp.phone.clone().into(),
                    pp.address.clone().into(),
                    unit.as_ref().map(|u| u.id).into(),
                ]
            })
        })
        .collect();
    for part in people.chunks(500) {
        let mut q = Sql::new(
            "INSERT INTO petitioners (petition_id, name, name_folded, cccd, phone, address, address_unit_id) VALUES ",
        );
        q.bind_rows(part.iter().cloned());
        q.query().execute(&mut *tx.tx).await?;
    }
    let events: Vec<Vec<Param>> = jobs
        .iter()
        .zip(&written)
        .map(|((actor, p), (id, _))| {
            event_values(
                tx,
                *id,
                actor,
                "receive",
                None,
                Status::Received,
                p.new.received_on,
                None,
            )
        })
        .collect();
    for part in events.chunks(500) {
        let mut q = Sql::new(EVENT_INSERT);
        q.bind_rows(part.iter().cloned());
        q.query().execute(&mut *tx.tx).await?;
    }
    // The audit log never holds a denouncer's identity in clear.
    let audited: Vec<serde_json::Value> = jobs
        .iter()
        .zip(&written)
        .map(|((_, p), (_, code))| {
            serde_json::json!({ "code": code, "kind": p.new.kind, "unit": p.unit.label(), "subject": p.subject })
        })
        .collect();
    let items = jobs
        .iter()
        .zip(&written)
        .zip(&audited)
        .map(|(((actor, _), (_, code)), after)| {
            AuditItem::new(actor, "create", "petition", code, None::<&()>, Some(after))
        })
        .collect();
    tx.audit_all(items).await?;
    Ok(written)
}

/// One petition's row of the petitions INSERT.
fn petition_row_values(now: &str, (actor, p): (&Actor, &Prepared), code: &str) -> Vec<Param> {
    let new = &p.new;
    vec![
        code.into(),
        p.unit.id.into(),
        new.organisation_id.into(),
        new.kind.as_str().into(),
        (new.round as i64).into(),
        new.channel.as_str().into(),
        date_text(Some(new.received_on)).into(),
        p.subject.clone().into(),
        p.content.clone().into(),
        new.topic.clone().into(),
        search_text(new.kind, &p.subject, &p.content, &p.petitioners).into(),
        Status::Received.as_str().into(),
        new.remote.into(),
        (p.petitioners.len() >= MANY_PERSON_THRESHOLD).into(),
        new.anonymous.into(),
        p.previous_id.into(),
        date_text(Some(p.processing_due)).into(),
        actor.user_id.into(),
        now.into(),
        now.into(),
    ]
}

const EVENT_INSERT: &str =
    "INSERT INTO petition_events (petition_id, at, on_date, actor, action, from_status, to_status, note) VALUES ";

#[allow(clippy::too_many_arguments)]
fn event_values(
    tx: &WriteTx,
    id: i64,
    actor: &Actor,
    action: &str,
    from: Option<Status>,
    to: Status,
    on: NaiveDate,
    note: Option<String>,
) -> Vec<Param> {
    vec![
        id.into(),
        tx.now().to_string().into(),
        date_text(Some(on)).into(),
        actor.username.clone().into(),
        action.into(),
        from.map(|s| s.as_str().to_string()).into(),
        to.as_str().into(),
        note.into(),
    ]
}

#[allow(clippy::too_many_arguments)]
async fn insert_event(
    tx: &mut WriteTx,
    id: i64,
    actor: &Actor,
    action: &str,
    from: Option<Status>,
    to: Status,
    on: NaiveDate,
    note: Option<String>,
) -> Result<()> {
    let mut q = Sql::new(EVENT_INSERT);
    q.bind_row(event_values(tx, id, actor, action, from, to, on, note));
    q.query().execute(&mut *tx.tx).await?;
    Ok(())
}

impl std::fmt::Debug for PetitionJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PetitionJob")
            .field("unit", &self.prepared.unit.code)
            .finish()
    }
}
