//! Disclosures (công khai): recording them, recording the posting later, the commune's
//! compliance view, the quarterly list, the import of a register, and the statistics.

use crate::record_rows::{Keyset, ListOrder};
use crate::records::{clean, codes_text, date, parse, parse_codes};
use crate::search_texts::{push_search, search_key};
use crate::sql::{col, starts_with, Sql};
use crate::units::{date_text, opt_date, push_scope};
use crate::{Result, Store, StoreError};
use chrono::NaiveDate;
use danvan_domain::calendar::Calendar;
use danvan_domain::democracy::{
    assess, compliance_summary, disclosure_catalogue, disclosure_item, quarter_bounds, validate_disclosure, Disclosure,
    DisclosureCompliance, DisclosureForm, DisclosurePage, DisclosureStats, DisclosureTiming, NewDisclosure,
    PostingState, PostingUpdate,
};
use danvan_domain::figures::format_count;
use danvan_domain::petition::Count;
use danvan_domain::role::require;
use danvan_domain::scope::Actor;
use danvan_domain::text::normalize;
use danvan_domain::unit::Level;
use danvan_domain::ErrorCode;
use sqlx::any::AnyRow;

const DISCLOSURE_COLUMNS: &str = "d.id, u.scheme AS unit_scheme, u.code AS unit_code, u.name AS unit_name, \
    u.level AS unit_level, d.item, d.title, d.content, d.decision_ref, d.decided_on, d.forms, d.place, d.start_on, \
    d.end_on, d.required_days, d.loudspeaker_days, d.gpmb_project_id \
    FROM disclosures d JOIN units u ON u.id = d.unit_id";

/// Filters for the disclosure list. Dates bound the decision day, inclusive.
#[derive(Debug, Clone, Default)]
pub struct DisclosureQuery {
    /// This unit and those below it
    pub unit: Option<String>,
    pub item: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub gpmb_project_id: Option<i64>,
    /// Words of the title, content, decision or place, with or without diacritics
    pub q: Option<String>,
    /// By decision date, the newest first unless asked
    pub sort: ListOrder,
    /// Keyset cursor (`decided_on.id`) from the previous page (made with the same `sort`).
    pub after: Option<String>,
    /// Rows per page, 200 unless given (at most 5.000).
    pub limit: Option<i64>,
}

const DISCLOSURE_PAGES: Keyset = Keyset {
    date: "d.decided_on",
    id: "d.id",
};

fn opt_u32(row: &AnyRow, name: &str) -> Result<Option<u32>> {
    Ok(col::<Option<i64>>(row, name)?.map(|n| n.max(0) as u32))
}

fn disclosure_from(row: &AnyRow, calendar: &Calendar, today: NaiveDate) -> Result<Disclosure> {
    let code: String = col(row, "item")?;
    let item = disclosure_item(&code).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let forms: Vec<DisclosureForm> = parse_codes(&col::<String>(row, "forms")?, DisclosureForm::parse)?;
    let decided_on = date(row, "decided_on")?;
    let start_on = opt_date(col(row, "start_on")?)?;
    let end_on = opt_date(col(row, "end_on")?)?;
    let required_days = opt_u32(row, "required_days")?;
    let loudspeaker_days = opt_u32(row, "loudspeaker_days")?;
    let check = assess(
        item,
        decided_on,
        &forms,
        start_on,
        end_on,
        required_days,
        loudspeaker_days,
        calendar,
        today,
    )?;
    Ok(Disclosure {
        id: col(row, "id")?,
        unit_scheme: col(row, "unit_scheme")?,
        unit_code: col(row, "unit_code")?,
        unit_name: col(row, "unit_name")?,
        unit_level: parse(row, "unit_level", Level::parse)?,
        item: item.code.clone(),
        item_title: item.title.clone(),
        title: col(row, "title")?,
        content: col(row, "content")?,
        decision_ref: col(row, "decision_ref")?,
        decided_on,
        forms,
        place: col(row, "place")?,
        start_on,
        end_on,
        required_days,
        loudspeaker_days,
        gpmb_project_id: col(row, "gpmb_project_id")?,
        check,
    })
}

/// A disclosure checked and resolved, ready to write.
pub(crate) struct PreparedDisclosure {
    unit_id: i64,
    item: String,
    new: NewDisclosure,
}

impl Store {
    async fn prepare_disclosure(&self, actor: &Actor, new: &NewDisclosure) -> Result<PreparedDisclosure> {
        let item = validate_disclosure(new, crate::units::today())?;
        let unit = self.resolve_unit(&new.unit, Some(new.decided_on)).await?;
        actor.scope.require(&unit)?;
        if let Some(p) = new.gpmb_project_id {
            self.gpmb_project_header(actor, p).await?;
        }
        Ok(PreparedDisclosure {
            unit_id: unit.id,
            item: item.code.clone(),
            new: new.clone(),
        })
    }

    /// Records a disclosure: the decision that triggers it and, once disclosed, its forms and
    /// posting days.
    pub async fn create_disclosure(&self, actor: &Actor, new: &NewDisclosure) -> Result<Disclosure> {
        require(actor.role.can_write_records(), "ghi nhận nội dung công khai")?;
        let prepared = self.prepare_disclosure(actor, new).await?;
        let mut tx = self.begin_write().await?;
        let id = insert_disclosure(&mut tx, actor, &prepared).await?;
        tx.commit().await?;
        self.disclosure(actor, id).await
    }

    /// Checks every row the way [`Store::create_disclosure`] would, writing nothing: the
    /// failures by row index.
    pub async fn check_disclosures(&self, actor: &Actor, rows: &[NewDisclosure]) -> Result<Vec<(usize, StoreError)>> {
        let mut failures = Vec::new();
        for (i, new) in rows.iter().enumerate() {
            match self.prepare_disclosure(actor, new).await {
                Ok(_) => {}
                Err(e @ StoreError::Domain(_)) => failures.push((i, e)),
                Err(other) => return Err(other),
            }
        }
        Ok(failures)
    }

    /// Records many disclosures in one transaction: all of them, or none when a row fails
    /// (the failures by row index).
    pub async fn import_disclosures(
        &self,
        actor: &Actor,
        rows: &[NewDisclosure],
    ) -> Result<std::result::Result<Vec<i64>, Vec<(usize, StoreError)>>> {
        require(actor.role.can_write_records(), "nhập danh sách công khai")?;
        let mut prepared = Vec::with_capacity(rows.len());
        let mut failures = Vec::new();
        for (i, new) in rows.iter().enumerate() {
            match self.prepare_disclosure(actor, new).await {
                Ok(p) => prepared.push(p),
                Err(e @ StoreError::Domain(_)) => failures.push((i, e)),
                Err(other) => return Err(other),
            }
        }
        if !failures.is_empty() {
            return Ok(Err(failures));
        }
        let mut tx = self.begin_write().await?;
        let mut ids = Vec::with_capacity(prepared.len());
        for p in &prepared {
            ids.push(insert_disclosure(&mut tx, actor, p).await?);
        }
        tx.commit().await?;
        Ok(Ok(ids))
    }

    pub async fn disclosure(&self, actor: &Actor, id: i64) -> Result<Disclosure> {
        let calendar = &self.deadline_engine().await?.calendar;
        let mut q = Sql::new(&format!("SELECT {DISCLOSURE_COLUMNS} WHERE d.id = "));
        q.bind(id);
        push_scope(&mut q, &actor.scope, "u.path");
        let row = q.query().fetch_optional(&self.pool).await?;
        row.as_ref()
            .map(|r| disclosure_from(r, calendar, crate::units::today()))
            .transpose()?
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("nội dung công khai {id}")))
    }

    /// Every disclosure `query` picks (for an export), refused beyond `max`.
    pub async fn export_disclosures(
        &self,
        actor: &Actor,
        query: &DisclosureQuery,
        max: usize,
    ) -> Result<Vec<Disclosure>> {
        crate::pages::every_page(max, "nội dung công khai", query, |q| async move {
            self.list_disclosures(actor, &q).await
        })
        .await
    }

    /// Disclosures in scope, the newest decision first unless asked.
    pub async fn list_disclosures(&self, actor: &Actor, query: &DisclosureQuery) -> Result<DisclosurePage> {
        let limit = query.limit.unwrap_or(200).clamp(1, 5000);
        let mut q = Sql::new(&format!("SELECT {DISCLOSURE_COLUMNS} WHERE 1 = 1"));
        push_scope(&mut q, &actor.scope, "u.path");
        if let Some(unit) = query.unit.as_deref().filter(|s| !s.is_empty()) {
            let unit = self.resolve_unit(unit, query.to).await?;
            q.push(" AND u.path LIKE ").bind(starts_with(&unit.path));
        }
        if let Some(item) = query.item.as_deref().filter(|s| !s.is_empty()) {
            q.push(" AND d.item = ").bind(disclosure_item(item)?.code.clone());
        }
        if let Some(f) = query.from {
            q.push(" AND d.decided_on >= ").bind(date_text(Some(f)));
        }
        if let Some(t) = query.to {
            q.push(" AND d.decided_on <= ").bind(date_text(Some(t)));
        }
        if let Some(p) = query.gpmb_project_id {
            q.push(" AND d.gpmb_project_id = ").bind(p);
        }
        push_search(&mut q, "d.search_text", query.q.as_deref());
        DISCLOSURE_PAGES.push_page(&mut q, query.sort, query.after.as_deref(), limit)?;
        let items = self.read_disclosures(&q).await?;
        let (items, next) = crate::record_rows::page(items, limit, |d| (d.decided_on, d.id));
        Ok(DisclosurePage { items, next })
    }

    async fn read_disclosures(&self, q: &Sql) -> Result<Vec<Disclosure>> {
        let calendar = &self.deadline_engine().await?.calendar;
        let today = crate::units::today();
        q.query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| disclosure_from(r, calendar, today))
            .collect()
    }

    /// Records the posting of a disclosure (its start, forms, place) or its end.
    pub async fn update_disclosure_posting(&self, actor: &Actor, id: i64, up: &PostingUpdate) -> Result<Disclosure> {
        require(actor.role.can_write_records(), "cập nhật việc công khai")?;
        let d = self.disclosure(actor, id).await?;
        let merged = NewDisclosure {
            unit: format!("{}/{}", d.unit_scheme, d.unit_code),
            item: d.item.clone(),
            title: d.title.clone(),
            content: d.content.clone(),
            decision_ref: d.decision_ref.clone(),
            decided_on: d.decided_on,
            forms: if up.forms.is_empty() {
                d.forms.clone()
            } else {
                up.forms.clone()
            },
            place: clean(&up.place).or(d.place.clone()),
            start_on: up.start_on.or(d.start_on),
            end_on: up.end_on.or(d.end_on),
            required_days: d.required_days,
            loudspeaker_days: up.loudspeaker_days.or(d.loudspeaker_days),
            gpmb_project_id: d.gpmb_project_id,
        };
        validate_disclosure(&merged, crate::units::today())?;
        let mut q = Sql::new("UPDATE disclosures SET forms = ");
        q.bind(codes_text(&merged.forms, DisclosureForm::as_str))
            .push(", place = ")
            .bind(merged.place.clone())
            .push(", start_on = ")
            .bind(date_text(merged.start_on))
            .push(", end_on = ")
            .bind(date_text(merged.end_on))
            .push(", loudspeaker_days = ")
            .bind(merged.loudspeaker_days.map(i64::from))
            .push(" WHERE id = ")
            .bind(id);
        let mut tx = self.begin_write().await?;
        q.query().execute(&mut *tx.tx).await?;
        let before = serde_json::json!({ "start_on": d.start_on, "end_on": d.end_on, "forms": d.forms });
        let after = serde_json::json!({ "start_on": merged.start_on, "end_on": merged.end_on, "forms": merged.forms });
        tx.audit(
            actor,
            "posting",
            "disclosure",
            &id.to_string(),
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        self.disclosure(actor, id).await
    }

    /// The commune's (or any unit subtree's) compliance over the decisions of [from, to]:
    /// what was due, what was late or not disclosed, postings that ended too early.
    pub async fn disclosure_compliance(
        &self,
        actor: &Actor,
        unit: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<DisclosureCompliance> {
        let u = self.resolve_unit(unit, Some(to)).await?;
        actor.scope.require(&u)?;
        let list = self
            .list_disclosures(
                actor,
                &DisclosureQuery {
                    unit: Some(format!("{}/{}", u.scheme, u.code)),
                    from: Some(from),
                    to: Some(to),
                    limit: Some(5000),
                    ..Default::default()
                },
            )
            .await?
            .items;
        Ok(compliance_summary(&u.label(), from, to, list))
    }

    /// The quarterly list (Điều 13(2)): what was disclosed in the quarter, with form and date,
    /// in the order it was disclosed.
    pub async fn disclosure_quarter(
        &self,
        actor: &Actor,
        unit: &str,
        year: i32,
        quarter: u32,
    ) -> Result<Vec<Disclosure>> {
        let (from, to) = quarter_bounds(year, quarter)?;
        let u = self.resolve_unit(unit, Some(to)).await?;
        actor.scope.require(&u)?;
        let mut q = Sql::new(&format!("SELECT {DISCLOSURE_COLUMNS} WHERE d.start_on >= "));
        q.bind(date_text(Some(from)))
            .push(" AND d.start_on <= ")
            .bind(date_text(Some(to)))
            .push(" AND u.path LIKE ")
            .bind(starts_with(&u.path));
        push_scope(&mut q, &actor.scope, "u.path");
        q.push(" ORDER BY d.start_on, d.id LIMIT 5000");
        self.read_disclosures(&q).await
    }

    /// Disclosure figures over the decisions of [from, to] in `unit`'s subtree.
    pub async fn disclosure_stats(
        &self,
        actor: &Actor,
        unit: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<DisclosureStats> {
        let c = self.disclosure_compliance(actor, unit, from, to).await?;
        let list = &c.disclosures;
        let by_item = disclosure_catalogue()
            .iter()
            .map(|i| Count {
                key: i.code.clone(),
                label: i.title.clone(),
                count: list.iter().filter(|d| d.item == i.code).count() as i64,
            })
            .filter(|c| c.count > 0)
            .collect();
        let by_form = DisclosureForm::ALL
            .iter()
            .map(|f| Count {
                key: f.as_str().into(),
                label: f.label_vi().into(),
                count: list.iter().filter(|d| d.forms.contains(f)).count() as i64,
            })
            .filter(|c| c.count > 0)
            .collect();
        let disclosed = list.iter().filter(|d| d.start_on.is_some()).count() as i64;
        let too_short = list
            .iter()
            .filter(|d| d.check.posting == PostingState::TooShort)
            .count() as i64;
        let n = |t: DisclosureTiming| list.iter().filter(|d| d.check.timing == t).count() as i64;
        let mut text = format!(
            "Công khai {} nội dung, đúng hạn {}, chậm {}, chưa công khai {}",
            format_count(disclosed),
            format_count(n(DisclosureTiming::OnTime)),
            format_count(n(DisclosureTiming::Late)),
            format_count(n(DisclosureTiming::Missing)),
        );
        if too_short > 0 {
            text.push_str(&format!(
                "; {} nội dung niêm yết chưa đủ thời gian",
                format_count(too_short)
            ));
        }
        Ok(DisclosureStats {
            unit: c.unit.clone(),
            from,
            to,
            recorded: list.len() as i64,
            due: c.due,
            on_time: c.on_time,
            late: c.late,
            missing: c.missing,
            too_short,
            by_item,
            by_form,
            text,
        })
    }
}

async fn insert_disclosure(tx: &mut crate::write::WriteTx, actor: &Actor, p: &PreparedDisclosure) -> Result<i64> {
    let n = &p.new;
    let mut q = Sql::new(
        "INSERT INTO disclosures (unit_id, item, title, content, decision_ref, decided_on, forms, place, start_on, \
         end_on, required_days, loudspeaker_days, gpmb_project_id, search_text, created_by, created_at) VALUES ",
    );
    q.bind_row(vec![
        p.unit_id.into(),
        p.item.clone().into(),
        normalize(&n.title).into(),
        clean(&n.content).into(),
        clean(&n.decision_ref).into(),
        date_text(Some(n.decided_on)).into(),
        codes_text(&n.forms, DisclosureForm::as_str).into(),
        clean(&n.place).into(),
        date_text(n.start_on).into(),
        date_text(n.end_on).into(),
        n.required_days.map(i64::from).into(),
        n.loudspeaker_days.map(i64::from).into(),
        n.gpmb_project_id.into(),
        search_key(&[
            Some(n.title.as_str()),
            n.content.as_deref(),
            n.decision_ref.as_deref(),
            n.place.as_deref(),
        ])
        .into(),
        actor.user_id.into(),
        tx.now().to_string().into(),
    ]);
    q.push(" RETURNING id");
    let id: i64 = col(&q.query().fetch_one(&mut *tx.tx).await?, "id")?;
    let audited = serde_json::json!({
        "id": id, "item": p.item, "decided_on": n.decided_on, "start_on": n.start_on, "end_on": n.end_on,
    });
    tx.audit(
        actor,
        "create",
        "disclosure",
        &id.to_string(),
        None::<&()>,
        Some(&audited),
    )
    .await?;
    Ok(id)
}
