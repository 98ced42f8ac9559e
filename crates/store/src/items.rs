//! Items raised (ý kiến, kiến nghị) at meetings, supervisions and contributions: one table, one
//! code path for writing, deciding, turning into a petition and following up, whatever the
//! source. Every query is filtered by the caller's scope through the item's unit.

use crate::record_rows::{page, Keyset, ListOrder, RecordPage};
use crate::search_texts::{push_search, search_key};
use crate::sql::{col, Param, Sql};
use crate::units::{date_text, opt_date, push_scope};
use crate::write::WriteTx;
use crate::{Result, Store, StoreError};
use chrono::NaiveDate;
use danvan_domain::meeting::{
    decide, validate_item, Decided, Decision, Item, ItemOrigin, ItemOutcome, ItemState, ItemStatus, MeetingKind,
    MeetingStatus, NewItem, SourceKind, WorklistItem,
};
use danvan_domain::petition::{can_see_identity, Channel, NewPetition, Petition, PetitionKind, Viewer, REDACTED};
use danvan_domain::role::require;
use danvan_domain::scope::Actor;
use danvan_domain::text::normalize;
use danvan_domain::unit::Unit;
use danvan_domain::{DomainError, ErrorCode};
use sqlx::any::AnyRow;

pub(crate) const ITEM_COLUMNS: &str = "i.id, i.source_kind, i.source_id, i.unit_id, i.raised_on, i.origin, i.content, \
    i.topic, i.raised_by, i.denunciation, fu.scheme AS from_scheme, fu.code AS from_code, i.status, i.outcome, \
    i.answering_agency, i.answer_due, i.answered_on, i.answer, i.reason, p.code AS petition_code, i.created_by \
    FROM items i JOIN units u ON u.id = i.unit_id LEFT JOIN units fu ON fu.id = i.from_unit_id \
    LEFT JOIN petitions p ON p.id = i.petition_id";

/// Rows per INSERT: well under both backends' limit on bound parameters.
const INSERT_CHUNK: usize = 400;

fn parse<T>(row: &AnyRow, name: &str, f: fn(&str) -> std::result::Result<T, DomainError>) -> Result<T> {
    let s: String = col(row, name)?;
    f(&s).map_err(|e| StoreError::Corrupt(format!("{name}: {e}")))
}

/// An item row, with the facts the confidentiality rule needs.
pub(crate) struct ItemRow {
    pub item: Item,
    pub unit_id: i64,
    pub raised_on: NaiveDate,
    pub created_by: Option<i64>,
}

pub(crate) fn item_row(row: &AnyRow) -> Result<ItemRow> {
    let scheme: Option<String> = col(row, "from_scheme")?;
    let code: Option<String> = col(row, "from_code")?;
    let outcome: Option<String> = col(row, "outcome")?;
    Ok(ItemRow {
        unit_id: col(row, "unit_id")?,
        raised_on: opt_date(col(row, "raised_on")?)?.ok_or_else(|| StoreError::Corrupt("raised_on".into()))?,
        created_by: col(row, "created_by")?,
        item: Item {
            id: col(row, "id")?,
            source_kind: parse(row, "source_kind", SourceKind::parse)?,
            source_id: col(row, "source_id")?,
            origin: parse(row, "origin", ItemOrigin::parse)?,
            content: col(row, "content")?,
            topic: col(row, "topic")?,
            raised_by: col(row, "raised_by")?,
            denunciation: col::<i64>(row, "denunciation")? != 0,
            from_unit: scheme.zip(code).map(|(s, c)| format!("{s}/{c}")),
            status: parse(row, "status", ItemStatus::parse)?,
            outcome: outcome
                .as_deref()
                .map(ItemOutcome::parse)
                .transpose()
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            answering_agency: col(row, "answering_agency")?,
            answer_due: opt_date(col(row, "answer_due")?)?,
            answered_on: opt_date(col(row, "answered_on")?)?,
            answer: col(row, "answer")?,
            reason: col(row, "reason")?,
            petition_code: col(row, "petition_code")?,
        },
    })
}

impl ItemRow {
    /// The item as this caller may see it: a denouncer stays hidden from everyone but the
    /// officer who recorded the item and the leader of its unit (the petitions' rule).
    pub(crate) fn seen_by(self, actor: &Actor) -> Item {
        let mut item = self.item;
        if item.denunciation {
            let viewer = Viewer {
                role: actor.role,
                handles_case: actor.user_id.is_some() && actor.user_id == self.created_by,
                in_own_unit: actor.unit_id == Some(self.unit_id),
            };
            if !can_see_identity(PetitionKind::Denunciation, viewer) {
                item.raised_by = item.raised_by.map(|_| REDACTED.into());
            }
        }
        item
    }
}

/// Where items are raised: the source's unit, its date and whether it took place.
pub(crate) struct SourceHeader {
    pub unit: Unit,
    pub raised_on: NaiveDate,
    /// Only a held meeting's items may have an outcome; supervisions and contributions are
    /// recorded after the fact.
    pub held: bool,
}

/// An item checked and resolved, ready to write.
pub(crate) struct PreparedItem {
    origin: ItemOrigin,
    content: String,
    topic: Option<String>,
    raised_by: Option<String>,
    denunciation: bool,
    from_unit_id: Option<i64>,
    decided: Option<Decided>,
}

fn clean(v: &Option<String>) -> Option<String> {
    v.as_deref().map(normalize).filter(|s| !s.is_empty())
}

impl Store {
    /// Checks items and works out what to write, touching nothing.
    pub(crate) async fn prepare_items(&self, header: &SourceHeader, items: &[NewItem]) -> Result<Vec<PreparedItem>> {
        let calendar = &self.deadline_engine().await?.calendar;
        let today = crate::units::today();
        let mut out = Vec::with_capacity(items.len());
        for (i, new) in items.iter().enumerate() {
            let at =
                |e: DomainError| StoreError::Domain(DomainError::new(e.code, format!("ý kiến thứ {}: {e}", i + 1)));
            validate_item(new).map_err(at)?;
            let from_unit_id = match new.from_unit.as_deref().filter(|s| !s.trim().is_empty()) {
                Some(u) => Some(self.resolve_unit(u, Some(header.raised_on)).await?.id),
                None => None,
            };
            let decided = match &new.decision {
                Some(_) if !header.held => {
                    return Err(at(DomainError::new(
                        ErrorCode::InvalidTransition,
                        "hội nghị chưa tổ chức nên ý kiến chưa thể có kết quả",
                    )))
                }
                Some(d) => Some(decide(&ItemState::default(), d, header.raised_on, calendar, today).map_err(at)?),
                None => None,
            };
            out.push(PreparedItem {
                origin: new.origin,
                content: normalize(&new.content),
                topic: clean(&new.topic),
                raised_by: clean(&new.raised_by),
                denunciation: new.denunciation,
                from_unit_id,
                decided,
            });
        }
        Ok(out)
    }

    /// The unit, date and state of an item source, in the caller's scope.
    pub(crate) async fn source_header(&self, actor: &Actor, kind: SourceKind, id: i64) -> Result<SourceHeader> {
        let (table, date, status) = match kind {
            SourceKind::Meeting => ("meetings", "held_on", "status"),
            SourceKind::Supervision => ("supervisions", "held_on", "'held'"),
            SourceKind::Contribution => ("contributions", "given_on", "'held'"),
            SourceKind::Consultation => ("consultations", "opened_on", "'held'"),
        };
        let mut q = Sql::new(&format!(
            "SELECT s.unit_id, s.{date} AS raised_on, {status} AS status FROM {table} s WHERE s.id = "
        ));
        q.bind(id);
        let row = q
            .query()
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("{} {id}", kind.label_vi())))?;
        let unit = self.unit_by_id(col(&row, "unit_id")?).await?;
        if !actor.scope.contains_path(&unit.path) {
            // Outside the scope reads as absent, like every other record.
            return Err(StoreError::domain(
                ErrorCode::NotFound,
                format!("{} {id}", kind.label_vi()),
            ));
        }
        let status: String = col(&row, "status")?;
        Ok(SourceHeader {
            unit,
            raised_on: opt_date(col(&row, "raised_on")?)?.ok_or_else(|| StoreError::Corrupt("raised_on".into()))?,
            held: status != MeetingStatus::Planned.as_str(),
        })
    }

    /// Adds items to a meeting, supervision or contribution.
    pub async fn add_items(
        &self,
        actor: &Actor,
        kind: SourceKind,
        source_id: i64,
        items: &[NewItem],
    ) -> Result<Vec<Item>> {
        require(actor.role.can_write_records(), "ghi nhận ý kiến, kiến nghị")?;
        if items.is_empty() {
            return Err(DomainError::validation("chưa có ý kiến nào").into());
        }
        let header = self.source_header(actor, kind, source_id).await?;
        let prepared = self.prepare_items(&header, items).await?;
        let mut tx = self.begin_write().await?;
        let ids = insert_items(&mut tx, actor, kind, source_id, &header, &prepared).await?;
        if kind == SourceKind::Meeting {
            crate::meetings::recheck_counts(&mut tx, source_id).await?;
        }
        tx.commit().await?;
        self.items_by_id(actor, &ids).await
    }

    /// Items by id, in scope, in id order.
    async fn items_by_id(&self, actor: &Actor, ids: &[i64]) -> Result<Vec<Item>> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(INSERT_CHUNK) {
            let mut q = Sql::new(&format!("SELECT {ITEM_COLUMNS} WHERE i.id IN "));
            q.bind_row(chunk.iter().map(|i| Param::Int(*i)).collect());
            push_scope(&mut q, &actor.scope, "u.path");
            q.push(" ORDER BY i.id");
            for row in q.query().fetch_all(&self.pool).await? {
                out.push(item_row(&row)?.seen_by(actor));
            }
        }
        Ok(out)
    }

    /// The items of one source, as the caller may see them.
    pub(crate) async fn items_of(&self, actor: &Actor, kind: SourceKind, source_id: i64) -> Result<Vec<Item>> {
        let mut q = Sql::new(&format!("SELECT {ITEM_COLUMNS} WHERE i.source_kind = "));
        q.bind(kind.as_str()).push(" AND i.source_id = ").bind(source_id);
        push_scope(&mut q, &actor.scope, "u.path");
        q.push(" ORDER BY i.id");
        q.query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok(item_row(r)?.seen_by(actor)))
            .collect()
    }

    async fn item_row_in_scope(&self, actor: &Actor, id: i64) -> Result<ItemRow> {
        let mut q = Sql::new(&format!("SELECT {ITEM_COLUMNS} WHERE i.id = "));
        q.bind(id);
        push_scope(&mut q, &actor.scope, "u.path");
        let row = q.query().fetch_optional(&self.pool).await?;
        row.as_ref()
            .map(item_row)
            .transpose()?
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("ý kiến {id}")))
    }

    /// One item in scope.
    pub async fn item(&self, actor: &Actor, id: i64) -> Result<Item> {
        Ok(self.item_row_in_scope(actor, id).await?.seen_by(actor))
    }

    /// Records what became of an item: answered at the meeting, accepted for a written answer
    /// (with its agency and deadline), its written answer, forwarded, or not accepted.
    pub async fn decide_item(&self, actor: &Actor, id: i64, decision: &Decision) -> Result<Item> {
        require(actor.role.can_write_records(), "ghi kết quả xử lý ý kiến")?;
        let row = self.item_row_in_scope(actor, id).await?;
        let header = self
            .source_header(actor, row.item.source_kind, row.item.source_id)
            .await?;
        if !header.held {
            return Err(DomainError::new(
                ErrorCode::InvalidTransition,
                "hội nghị chưa tổ chức nên ý kiến chưa thể có kết quả",
            )
            .into());
        }
        let state = ItemState {
            status: Some(row.item.status),
            outcome: row.item.outcome,
            answering_agency: row.item.answering_agency.clone(),
            answer_due: row.item.answer_due,
        };
        let calendar = &self.deadline_engine().await?.calendar;
        let decided = decide(&state, decision, row.raised_on, calendar, crate::units::today())?;
        let mut tx = self.begin_write().await?;
        write_decision(&mut tx, id, row.item.status, &decided).await?;
        let before = serde_json::json!({ "status": row.item.status, "outcome": row.item.outcome });
        tx.audit(actor, "decide", "item", &id.to_string(), Some(&before), Some(&decided))
            .await?;
        tx.commit().await?;
        self.item(actor, id).await
    }

    /// Turns an item into a petition, linked both ways, in one transaction: the item is
    /// forwarded for resolution and points at the petition; the petition comes from a meeting.
    pub async fn item_to_petition(&self, actor: &Actor, id: i64, new: &NewPetition) -> Result<Petition> {
        let row = self.item_row_in_scope(actor, id).await?;
        if row.item.petition_code.is_some() {
            return Err(DomainError::validation("ý kiến này đã được chuyển thành đơn").into());
        }
        let settled = row.item.status == ItemStatus::Closed && row.item.outcome != Some(ItemOutcome::Forwarded);
        if settled {
            return Err(DomainError::new(
                ErrorCode::InvalidTransition,
                "ý kiến đã xử lý xong bằng hình thức khác, không chuyển thành đơn",
            )
            .into());
        }
        if new.received_on < row.raised_on {
            return Err(
                DomainError::new(ErrorCode::InvalidDate, "ngày nhận đơn không được trước ngày nêu ý kiến").into(),
            );
        }
        let mut new = new.clone();
        new.channel = Channel::Meeting;
        let prepared = self.prepare_petition(actor, &new).await?;
        let mut tx = self.begin_write().await?;
        let (petition_id, code) = crate::petitions::write_one(&mut tx, actor, &prepared).await?;
        let agency = row
            .item
            .answering_agency
            .clone()
            .unwrap_or_else(|| prepared.recorded(String::new()).unit_name);
        let mut q = Sql::new("UPDATE items SET petition_id = ");
        q.bind(petition_id)
            .push(", outcome = ")
            .bind(ItemOutcome::Forwarded.as_str())
            .push(", status = ")
            .bind(ItemStatus::Closed.as_str())
            .push(", answering_agency = ")
            .bind(agency)
            .push(" WHERE id = ")
            .bind(id)
            .push(" AND petition_id IS NULL");
        if q.query().execute(&mut *tx.tx).await?.rows_affected() != 1 {
            return Err(DomainError::validation("ý kiến này đã được chuyển thành đơn").into());
        }
        let after = serde_json::json!({ "item": id, "petition": code });
        tx.audit(actor, "to_petition", "item", &id.to_string(), None::<&()>, Some(&after))
            .await?;
        tx.commit().await?;
        Ok(prepared.recorded(code))
    }

    /// The item a petition came from, if any: the other direction of the link.
    pub async fn item_of_petition(&self, actor: &Actor, code: &str) -> Result<Option<Item>> {
        let mut q = Sql::new(&format!("SELECT {ITEM_COLUMNS} WHERE p.code = "));
        q.bind(code);
        push_scope(&mut q, &actor.scope, "u.path");
        let row = q.query().fetch_optional(&self.pool).await?;
        Ok(row.as_ref().map(item_row).transpose()?.map(|r| r.seen_by(actor)))
    }

    /// The follow-up worklist: a keyset page of the items awaiting a written answer, from every
    /// source side by side, the nearest deadline first.
    pub async fn follow_up(&self, actor: &Actor, query: &FollowUpQuery) -> Result<RecordPage<WorklistItem>> {
        let today = query.today.unwrap_or_else(crate::units::today);
        let mut q = Sql::new(
            "SELECT i.id, i.source_kind, i.source_id, i.raised_on, i.content, i.answering_agency, i.answer_due, \
             u.name AS unit_name, m.kind AS meeting_kind, COALESCE(m.topic, s.topic, c.document, k.title) AS title \
             FROM items i JOIN units u ON u.id = i.unit_id \
             LEFT JOIN meetings m ON i.source_kind = 'meeting' AND m.id = i.source_id \
             LEFT JOIN supervisions s ON i.source_kind = 'supervision' AND s.id = i.source_id \
             LEFT JOIN contributions c ON i.source_kind = 'contribution' AND c.id = i.source_id \
             LEFT JOIN consultations k ON i.source_kind = 'consultation' AND k.id = i.source_id \
             WHERE i.status = 'awaiting_answer'",
        );
        push_scope(&mut q, &actor.scope, "u.path");
        if let Some(unit) = query.unit.as_deref().filter(|s| !s.is_empty()) {
            let unit = self.resolve_unit(unit, None).await?;
            q.push(" AND u.path LIKE ").bind(crate::sql::starts_with(&unit.path));
        }
        if let Some(kind) = query.source {
            q.push(" AND i.source_kind = ").bind(kind.as_str());
        }
        if query.overdue {
            q.push(" AND i.answer_due < ").bind(date_text(Some(today)));
        }
        if let Some(n) = query.due_within_days {
            let until = today + chrono::Duration::days(n.clamp(0, 3660));
            q.push(" AND i.answer_due <= ").bind(date_text(Some(until)));
        }
        push_search(&mut q, "i.search_text", query.q.as_deref());
        let limit = query.limit.unwrap_or(200).clamp(1, 1000);
        WORKLIST_PAGES.push_page(&mut q, ListOrder::Oldest, query.after.as_deref(), limit)?;
        let rows = q.query().fetch_all(&self.pool).await?;
        let items: Vec<WorklistItem> = rows
            .iter()
            .map(|r| {
                let kind = parse(r, "source_kind", SourceKind::parse)?;
                let meeting_kind: Option<String> = col(r, "meeting_kind")?;
                let label = match meeting_kind.as_deref().map(MeetingKind::parse).transpose() {
                    Ok(Some(k)) => k.label_vi().to_string(),
                    _ => kind.label_vi().to_string(),
                };
                let due = opt_date(col(r, "answer_due")?)?.ok_or_else(|| StoreError::Corrupt("answer_due".into()))?;
                let days_left = (due - today).num_days();
                Ok(WorklistItem {
                    item_id: col(r, "id")?,
                    source_kind: kind,
                    source_id: col(r, "source_id")?,
                    source_label: label,
                    source_title: col::<Option<String>>(r, "title")?.unwrap_or_default(),
                    unit_name: col(r, "unit_name")?,
                    raised_on: opt_date(col(r, "raised_on")?)?
                        .ok_or_else(|| StoreError::Corrupt("raised_on".into()))?,
                    content: col(r, "content")?,
                    answering_agency: col(r, "answering_agency")?,
                    answer_due: due,
                    days_left,
                    overdue: days_left < 0,
                })
            })
            .collect::<Result<_>>()?;
        let (items, next) = page(items, limit, |i| (i.answer_due, i.item_id));
        Ok(RecordPage { items, next })
    }

    /// Every item of the worklist `query` picks (for an export), refused beyond `max`.
    pub async fn export_follow_up(
        &self,
        actor: &Actor,
        query: &FollowUpQuery,
        max: usize,
    ) -> Result<Vec<WorklistItem>> {
        crate::pages::every_page(max, "ý kiến", query, |q| async move { self.follow_up(actor, &q).await }).await
    }
}

/// The worklist runs by answer deadline, then id.
const WORKLIST_PAGES: Keyset = Keyset {
    date: "i.answer_due",
    id: "i.id",
};

/// Filters for the follow-up worklist.
#[derive(Debug, Clone, Default)]
pub struct FollowUpQuery {
    /// Only this unit and those below it
    pub unit: Option<String>,
    /// Words of the opinion's content, with or without diacritics
    pub q: Option<String>,
    /// The previous page's `next`
    pub after: Option<String>,
    pub source: Option<SourceKind>,
    /// Only items past their deadline
    pub overdue: bool,
    /// Only items due within this many days
    pub due_within_days: Option<i64>,
    pub today: Option<NaiveDate>,
    pub limit: Option<i64>,
}

/// Writes prepared items of one source; returns their ids. Part of the caller's transaction.
pub(crate) async fn insert_items(
    tx: &mut WriteTx,
    actor: &Actor,
    kind: SourceKind,
    source_id: i64,
    header: &SourceHeader,
    items: &[PreparedItem],
) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(items.len());
    for chunk in items.chunks(INSERT_CHUNK) {
        let mut q = Sql::new(
            "INSERT INTO items (source_kind, source_id, unit_id, raised_on, origin, content, topic, raised_by, \
             denunciation, from_unit_id, status, outcome, answering_agency, answer_due, answered_on, answer, reason, \
             search_text, created_by, created_at) VALUES ",
        );
        q.bind_rows(chunk.iter().map(|it| {
            let d = it.decided.as_ref();
            vec![
                kind.as_str().into(),
                source_id.into(),
                header.unit.id.into(),
                date_text(Some(header.raised_on)).into(),
                it.origin.as_str().into(),
                it.content.clone().into(),
                it.topic.clone().into(),
                it.raised_by.clone().into(),
                it.denunciation.into(),
                it.from_unit_id.into(),
                d.map_or(ItemStatus::Open, |d| d.status).as_str().into(),
                d.map(|d| d.outcome.as_str().to_string()).into(),
                d.and_then(|d| d.answering_agency.clone()).into(),
                date_text(d.and_then(|d| d.answer_due)).into(),
                date_text(d.and_then(|d| d.answered_on)).into(),
                d.and_then(|d| d.answer.clone()).into(),
                d.and_then(|d| d.reason.clone()).into(),
                search_key(&[Some(it.content.as_str())]).into(),
                actor.user_id.into(),
                tx.now().to_string().into(),
            ]
        }));
        q.push(" RETURNING id");
        for row in q.query().fetch_all(&mut *tx.tx).await? {
            ids.push(col::<i64>(&row, "id")?);
        }
    }
    ids.sort_unstable();
    // One audit entry per batch: the entry names the source and the ids written.
    let after = serde_json::json!({
        "source": kind, "source_id": source_id, "items": ids.len(),
        "first": ids.first(), "last": ids.last(),
    });
    tx.audit(
        actor,
        "add_items",
        kind.as_str(),
        &source_id.to_string(),
        None::<&()>,
        Some(&after),
    )
    .await?;
    Ok(ids)
}

async fn write_decision(tx: &mut WriteTx, id: i64, was: ItemStatus, d: &Decided) -> Result<()> {
    let mut q = Sql::new("UPDATE items SET status = ");
    q.bind(d.status.as_str())
        .push(", outcome = ")
        .bind(d.outcome.as_str())
        .push(", answering_agency = ")
        .bind(d.answering_agency.clone())
        .push(", answer_due = ")
        .bind(date_text(d.answer_due))
        .push(", answered_on = ")
        .bind(date_text(d.answered_on))
        .push(", answer = ")
        .bind(d.answer.clone())
        .push(", reason = ")
        .bind(d.reason.clone())
        .push(" WHERE id = ")
        .bind(id)
        .push(" AND status = ")
        .bind(was.as_str());
    if q.query().execute(&mut *tx.tx).await?.rows_affected() != 1 {
        return Err(DomainError::new(ErrorCode::InvalidTransition, "ý kiến vừa được người khác cập nhật").into());
    }
    Ok(())
}
