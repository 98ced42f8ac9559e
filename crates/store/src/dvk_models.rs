//! "Dân vận khéo" models: registration (one by one or a whole imported sheet, all or
//! nothing), the dated and audited steps of their life, the admin's finer fields, the lists
//! and the public showcase of recognised models.

use crate::record_rows::{clean, coded, date, day, maybe_date, opt_coded, page, Keyset, ListOrder};
use crate::search_texts::{push_search, search_key};
use crate::sql::{col, starts_with, Param, Sql};
use crate::units::push_scope;
use crate::{Result, Store, StoreError};
use chrono::NaiveDate;
use danvan_domain::directive::DocumentSymbol;
use danvan_domain::dvk::{
    check_step, validate_model, validate_sub_field, CommendationForm, DvkAction, DvkField, DvkModel, DvkPage, DvkStage,
    DvkStep, DvkStepRecord, DvkSubField, Holder, NewDvkModel, RecognitionLevel, Replication, ShowcaseModel,
};
use danvan_domain::role::require;
use danvan_domain::scope::Actor;
use danvan_domain::text::normalize;
use danvan_domain::unit::{Level, Unit};
use danvan_domain::{DomainError, ErrorCode};
use sqlx::any::AnyRow;

const COLUMNS: &str = "m.id, u.scheme AS unit_scheme, u.code AS unit_code, u.name AS unit_name, \
    u.level AS unit_level, m.year, m.holder, m.name, m.owner, m.organisation, m.field, m.sub_field, m.description, \
    m.expected_results, m.evidence_json, m.stage, m.registered_on, m.appraised_on, m.score, m.opinion, \
    m.recognised_on, m.level, m.body, m.proposed_on, m.form, m.commended_on, m.decision, m.replicated_on, \
    (SELECT COUNT(*) FROM dvk_replications r WHERE r.model_id = m.id) AS n_replications \
    FROM dvk_models m JOIN units u ON u.id = m.unit_id";

/// Filters for the model list. Dates bound the registration date, inclusive.
#[derive(Debug, Clone, Default)]
pub struct DvkQuery {
    /// This unit and those below it
    pub unit: Option<String>,
    pub year: Option<i32>,
    pub field: Option<DvkField>,
    pub holder: Option<Holder>,
    pub stage: Option<DvkStage>,
    /// Only recognised models (and further)
    pub recognised: bool,
    /// Words of the name, owner, organisation or description, with or without diacritics
    pub q: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// By registration date, the newest first unless asked
    pub sort: ListOrder,
    pub after: Option<String>,
    pub limit: Option<i64>,
}

const MODEL_PAGES: Keyset = Keyset {
    date: "m.registered_on",
    id: "m.id",
};

fn model_from(row: &AnyRow) -> Result<DvkModel> {
    let evidence: String = col(row, "evidence_json")?;
    let stage = coded(row, "stage", DvkStage::parse)?;
    let year: i64 = col(row, "year")?;
    Ok(DvkModel {
        id: col(row, "id")?,
        unit_scheme: col(row, "unit_scheme")?,
        unit_code: col(row, "unit_code")?,
        unit_name: col(row, "unit_name")?,
        unit_level: coded(row, "unit_level", Level::parse)?,
        year: year as i32,
        holder: coded(row, "holder", Holder::parse)?,
        name: col(row, "name")?,
        owner: col(row, "owner")?,
        organisation: col(row, "organisation")?,
        field: coded(row, "field", DvkField::parse)?,
        sub_field: col(row, "sub_field")?,
        description: col(row, "description")?,
        expected_results: col(row, "expected_results")?,
        evidence: serde_json::from_str(&evidence).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        stage,
        registered_on: date(row, "registered_on")?,
        appraised_on: maybe_date(row, "appraised_on")?,
        score: col(row, "score")?,
        opinion: col(row, "opinion")?,
        recognised_on: maybe_date(row, "recognised_on")?,
        level: opt_coded(row, "level", RecognitionLevel::parse)?,
        body: col(row, "body")?,
        proposed_on: maybe_date(row, "proposed_on")?,
        form: opt_coded(row, "form", CommendationForm::parse)?,
        commended_on: maybe_date(row, "commended_on")?,
        decision: col(row, "decision")?,
        replicated_on: maybe_date(row, "replicated_on")?,
        replications: Vec::new(),
        steps: Vec::new(),
        allowed_actions: stage.allowed_actions(),
    })
}

/// A registration checked against the rules and the database, ready to insert.
struct Prepared {
    unit: Unit,
    registered_on: NaiveDate,
    evidence_json: String,
}

/// The columns each stage fills in; going back to a stage clears those of the stages after it.
fn columns_after(stage: DvkStage) -> &'static [&'static str] {
    const ALL: [&str; 11] = [
        "appraised_on",
        "score",
        "opinion",
        "recognised_on",
        "level",
        "body",
        "proposed_on",
        "form",
        "commended_on",
        "decision",
        "replicated_on",
    ];
    match stage {
        DvkStage::Registered => &ALL,
        DvkStage::Appraised => &ALL[3..],
        DvkStage::Recognised => &ALL[6..],
        DvkStage::Proposed => &ALL[8..],
        DvkStage::Commended => &ALL[10..],
        DvkStage::Replicated => &[],
    }
}

impl Store {
    /// The finer fields an admin has added, by field then name.
    pub async fn dvk_sub_fields(&self) -> Result<Vec<DvkSubField>> {
        let rows = sqlx::query("SELECT code, field, name FROM dvk_subfields ORDER BY field, name")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(DvkSubField {
                    code: col(r, "code")?,
                    field: coded(r, "field", DvkField::parse)?,
                    name: col(r, "name")?,
                })
            })
            .collect()
    }

    /// Adds (or renames) a finer field; administrators only.
    pub async fn put_dvk_sub_field(&self, actor: &Actor, sub: &DvkSubField) -> Result<DvkSubField> {
        require(actor.role.can_administer(), "thêm lĩnh vực mô hình")?;
        validate_sub_field(sub)?;
        let sub = DvkSubField {
            name: normalize(&sub.name),
            ..sub.clone()
        };
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new("UPDATE dvk_subfields SET field = ");
        q.bind(sub.field.as_str())
            .push(", name = ")
            .bind(sub.name.clone())
            .push(" WHERE code = ")
            .bind(sub.code.clone());
        if q.query().execute(&mut *tx.tx).await?.rows_affected() == 0 {
            let mut q = Sql::new("INSERT INTO dvk_subfields (code, field, name) VALUES ");
            q.bind_row(vec![
                sub.code.clone().into(),
                sub.field.as_str().into(),
                sub.name.clone().into(),
            ]);
            q.query().execute(&mut *tx.tx).await?;
        }
        tx.audit(actor, "put", "dvk_subfield", &sub.code, None::<&()>, Some(&sub))
            .await?;
        tx.commit().await?;
        Ok(sub)
    }

    async fn prepare_model(&self, actor: &Actor, new: &NewDvkModel, subs: &[DvkSubField]) -> Result<Prepared> {
        let today = crate::units::today();
        validate_model(new, today)?;
        let registered_on = new.registered_on.unwrap_or(today);
        let unit = self.resolve_unit(&new.unit, Some(registered_on)).await?;
        actor.scope.require(&unit)?;
        if let Some(code) = clean(&new.sub_field) {
            match subs.iter().find(|s| s.code == code) {
                None => {
                    return Err(
                        DomainError::validation(format!("lĩnh vực chi tiết '{code}' chưa được khai báo")).into(),
                    )
                }
                Some(s) if s.field != new.field => {
                    return Err(DomainError::validation(format!(
                        "lĩnh vực chi tiết '{}' thuộc lĩnh vực {}, không phải {}",
                        s.name,
                        s.field.label_vi(),
                        new.field.label_vi()
                    ))
                    .into())
                }
                Some(_) => {}
            }
        }
        let evidence: Vec<String> = new.evidence.iter().map(|e| normalize(e)).collect();
        Ok(Prepared {
            unit,
            registered_on,
            evidence_json: serde_json::to_string(&evidence).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        })
    }

    fn model_row(actor: &Actor, new: &NewDvkModel, p: &Prepared, now: &str) -> Vec<Param> {
        vec![
            p.unit.id.into(),
            (new.year as i64).into(),
            new.holder.as_str().into(),
            normalize(&new.name).into(),
            normalize(&new.owner).into(),
            clean(&new.organisation).into(),
            new.field.as_str().into(),
            clean(&new.sub_field).into(),
            normalize(&new.description).into(),
            clean(&new.expected_results).into(),
            p.evidence_json.clone().into(),
            DvkStage::Registered.as_str().into(),
            day(p.registered_on).into(),
            search_key(&[
                Some(new.name.as_str()),
                Some(new.owner.as_str()),
                new.organisation.as_deref(),
                Some(new.description.as_str()),
            ])
            .into(),
            actor.user_id.into(),
            now.to_string().into(),
        ]
    }

    const MODEL_INSERT: &'static str = "INSERT INTO dvk_models (unit_id, year, holder, name, owner, organisation, \
        field, sub_field, description, expected_results, evidence_json, stage, registered_on, search_text, created_by, \
        created_at) \
        VALUES ";

    /// Registers a model (stage "registered").
    pub async fn create_dvk_model(&self, actor: &Actor, new: &NewDvkModel) -> Result<DvkModel> {
        require(actor.role.can_write_records(), "đăng ký mô hình “Dân vận khéo”")?;
        let subs = self.dvk_sub_fields().await?;
        let p = self.prepare_model(actor, new, &subs).await?;
        let mut tx = self.begin_write().await?;
        let id = insert_model(&mut tx, actor, new, &p).await?;
        tx.commit().await?;
        self.dvk_model(actor, id).await
    }

    /// Checks every registration of an imported sheet as `create_dvk_model` would, without
    /// writing: the failures by position, or nothing.
    pub async fn check_dvk_models(&self, actor: &Actor, models: &[NewDvkModel]) -> Result<Vec<(usize, StoreError)>> {
        require(actor.role.can_write_records(), "đăng ký mô hình “Dân vận khéo”")?;
        let subs = self.dvk_sub_fields().await?;
        let mut failures = Vec::new();
        for (i, m) in models.iter().enumerate() {
            if let Err(e) = self.prepare_model(actor, m, &subs).await {
                if matches!(e, StoreError::Domain(_)) {
                    failures.push((i, e));
                } else {
                    return Err(e);
                }
            }
        }
        Ok(failures)
    }

    /// Registers every model of an imported sheet in one transaction: all of them, or (when
    /// one fails a check) none, with the failures by position.
    pub async fn import_dvk_models(
        &self,
        actor: &Actor,
        models: &[NewDvkModel],
    ) -> Result<std::result::Result<Vec<i64>, Vec<(usize, StoreError)>>> {
        require(actor.role.can_write_records(), "đăng ký mô hình “Dân vận khéo”")?;
        let subs = self.dvk_sub_fields().await?;
        let mut prepared = Vec::with_capacity(models.len());
        let mut failures = Vec::new();
        for (i, m) in models.iter().enumerate() {
            match self.prepare_model(actor, m, &subs).await {
                Ok(p) => prepared.push(p),
                Err(e @ StoreError::Domain(_)) => failures.push((i, e)),
                Err(e) => return Err(e),
            }
        }
        if !failures.is_empty() {
            return Ok(Err(failures));
        }
        let mut tx = self.begin_write().await?;
        let mut ids = Vec::with_capacity(models.len());
        for (m, p) in models.iter().zip(&prepared) {
            ids.push(insert_model(&mut tx, actor, m, p).await?);
        }
        tx.commit().await?;
        Ok(Ok(ids))
    }

    /// One model in scope, with its replications and its history.
    pub async fn dvk_model(&self, actor: &Actor, id: i64) -> Result<DvkModel> {
        let mut q = Sql::new(&format!("SELECT {COLUMNS} WHERE m.id = "));
        q.bind(id);
        push_scope(&mut q, &actor.scope, "u.path");
        let row = q.query().fetch_optional(&self.pool).await?;
        let mut m = row
            .as_ref()
            .map(model_from)
            .transpose()?
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("mô hình {id}")))?;
        let mut q = Sql::new(
            "SELECT u.scheme, u.code, u.name, r.replicated_on FROM dvk_replications r JOIN units u ON u.id = r.unit_id \
             WHERE r.model_id = ",
        );
        q.bind(id).push(" ORDER BY r.replicated_on, r.id");
        for row in q.query().fetch_all(&self.pool).await? {
            m.replications.push(Replication {
                unit_scheme: col(&row, "scheme")?,
                unit_code: col(&row, "code")?,
                unit_name: col(&row, "name")?,
                on: date(&row, "replicated_on")?,
            });
        }
        let mut q = Sql::new("SELECT action, done_on, detail, by_name FROM dvk_steps WHERE model_id = ");
        q.bind(id).push(" ORDER BY id");
        for row in q.query().fetch_all(&self.pool).await? {
            m.steps.push(DvkStepRecord {
                action: coded(&row, "action", DvkAction::parse)?,
                on: date(&row, "done_on")?,
                by: col(&row, "by_name")?,
                detail: col(&row, "detail")?,
            });
        }
        Ok(m)
    }

    /// Models in scope, newest registration first, a page at a time.
    /// Every model `query` picks (for an export), refused beyond `max`.
    pub async fn export_dvk_models(&self, actor: &Actor, query: &DvkQuery, max: usize) -> Result<Vec<DvkModel>> {
        crate::pages::every_page(max, "mô hình", query, |q| async move {
            self.list_dvk_models(actor, &q).await
        })
        .await
    }

    pub async fn list_dvk_models(&self, actor: &Actor, query: &DvkQuery) -> Result<DvkPage> {
        let limit = query.limit.unwrap_or(50).clamp(1, 500);
        let mut q = Sql::new(&format!("SELECT {COLUMNS} WHERE 1 = 1"));
        push_scope(&mut q, &actor.scope, "u.path");
        if let Some(unit) = query.unit.as_deref().filter(|s| !s.is_empty()) {
            let unit = self.resolve_unit(unit, query.to).await?;
            q.push(" AND u.path LIKE ").bind(starts_with(&unit.path));
        }
        if let Some(y) = query.year {
            q.push(" AND m.year = ").bind(y as i64);
        }
        if let Some(f) = query.field {
            q.push(" AND m.field = ").bind(f.as_str());
        }
        if let Some(h) = query.holder {
            q.push(" AND m.holder = ").bind(h.as_str());
        }
        if let Some(s) = query.stage {
            q.push(" AND m.stage = ").bind(s.as_str());
        }
        if query.recognised {
            q.push(" AND m.recognised_on IS NOT NULL");
        }
        push_search(&mut q, "m.search_text", query.q.as_deref());
        crate::record_rows::push_range(&mut q, "m.registered_on", query.from, query.to);
        MODEL_PAGES.push_page(&mut q, query.sort, query.after.as_deref(), limit)?;
        let items: Vec<DvkModel> = q
            .query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(model_from)
            .collect::<Result<_>>()?;
        let (items, next) = page(items, limit, |m| (m.registered_on, m.id));
        Ok(DvkPage { items, next })
    }

    /// The public showcase: recognised models (and further), newest recognition first,
    /// optionally of one unit's subtree and one field. No sign-in: only what may be public.
    pub async fn dvk_showcase(
        &self,
        unit: Option<&str>,
        field: Option<DvkField>,
        limit: i64,
    ) -> Result<Vec<ShowcaseModel>> {
        let mut q = Sql::new(&format!("SELECT {COLUMNS} WHERE m.recognised_on IS NOT NULL"));
        if let Some(unit) = unit.filter(|s| !s.is_empty()) {
            let unit = self.resolve_unit(unit, None).await?;
            q.push(" AND u.path LIKE ").bind(starts_with(&unit.path));
        }
        if let Some(f) = field {
            q.push(" AND m.field = ").bind(f.as_str());
        }
        q.push(" ORDER BY m.recognised_on DESC, m.id DESC LIMIT ")
            .bind(limit.clamp(1, 500));
        let mut out = Vec::new();
        for row in q.query().fetch_all(&self.pool).await? {
            let m = model_from(&row)?;
            out.push(ShowcaseModel {
                id: m.id,
                unit_name: m.unit_name,
                year: m.year,
                holder: m.holder,
                name: m.name,
                owner: m.owner,
                organisation: m.organisation,
                field: m.field,
                description: m.description,
                expected_results: m.expected_results,
                level: m.level,
                recognised_on: m.recognised_on,
                commended: m.commended_on.is_some(),
                replications: col(&row, "n_replications")?,
            });
        }
        Ok(out)
    }

    /// Moves a model on (or back): every step dated, written to its history and audited.
    pub async fn step_dvk_model(&self, actor: &Actor, id: i64, step: &DvkStep) -> Result<DvkModel> {
        require(actor.role.can_write_records(), "cập nhật mô hình “Dân vận khéo”")?;
        let m = self.dvk_model(actor, id).await?;
        let today = crate::units::today();
        let next = check_step(&m, step, actor.role.can_administer(), today)?;
        let action = step.action.unwrap_or(DvkAction::Revert);
        let on = step.on.unwrap_or(today);
        let mut replicating = Vec::new();
        if action == DvkAction::Replicate {
            for reference in step.units.iter().map(|u| u.trim()).filter(|u| !u.is_empty()) {
                let unit = self.resolve_unit(reference, Some(on)).await?;
                let label = format!("{}/{}", unit.scheme, unit.code);
                if m.replications
                    .iter()
                    .any(|r| format!("{}/{}", r.unit_scheme, r.unit_code) == label)
                    || replicating.iter().any(|u: &Unit| u.id == unit.id)
                {
                    return Err(DomainError::validation(format!("{} đã được ghi nhận nhân rộng", unit.name)).into());
                }
                replicating.push(unit);
            }
        }
        let text = |s: &Option<String>| clean(s).unwrap_or_default();
        let mut q = Sql::new("UPDATE dvk_models SET stage = ");
        q.bind(next.as_str());
        let detail = match action {
            DvkAction::Appraise => {
                q.push(", appraised_on = ")
                    .bind(day(on))
                    .push(", score = ")
                    .bind(step.score)
                    .push(", opinion = ")
                    .bind(clean(&step.opinion));
                let mut parts = Vec::new();
                if let Some(s) = step.score {
                    parts.push(format!("điểm {s}/100"));
                }
                if let Some(o) = clean(&step.opinion) {
                    parts.push(format!("ý kiến: {o}"));
                }
                parts.join("; ")
            }
            DvkAction::Recognise => {
                let level = step.level.unwrap_or(RecognitionLevel::Commune);
                q.push(", recognised_on = ")
                    .bind(day(on))
                    .push(", level = ")
                    .bind(level.as_str())
                    .push(", body = ")
                    .bind(clean(&step.body));
                format!("{} công nhận {}", level.label_vi(), text(&step.body))
                    .trim()
                    .to_string()
            }
            DvkAction::Propose => {
                let form = step.form.unwrap_or(CommendationForm::Certificate);
                q.push(", proposed_on = ")
                    .bind(day(on))
                    .push(", form = ")
                    .bind(form.as_str());
                if let Some(b) = clean(&step.body) {
                    q.push(", body = ").bind(b);
                }
                format!("đề nghị {} {}", form.label_vi(), text(&step.body))
                    .trim()
                    .to_string()
            }
            DvkAction::Commend => {
                let decision = DocumentSymbol::parse(step.decision.as_deref().unwrap_or_default())?.text();
                let form = step.form.or(m.form).unwrap_or(CommendationForm::Certificate);
                q.push(", commended_on = ")
                    .bind(day(on))
                    .push(", decision = ")
                    .bind(decision.clone())
                    .push(", form = ")
                    .bind(form.as_str());
                format!("quyết định {decision}, {}", form.label_vi())
            }
            DvkAction::Replicate => {
                q.push(", replicated_on = ").bind(day(on));
                let names: Vec<&str> = replicating.iter().map(|u| u.name.as_str()).collect();
                format!("nhân rộng tại {}", names.join(", "))
            }
            DvkAction::Revert => {
                for column in columns_after(next) {
                    q.push(&format!(", {column} = NULL"));
                }
                let overridden = m.stage.rank() >= DvkStage::Commended.rank();
                format!(
                    "từ '{}' về '{}': {}{}",
                    m.stage.label_vi(),
                    next.label_vi(),
                    text(&step.reason),
                    if overridden { " (quản trị ghi đè)" } else { "" }
                )
            }
        };
        q.push(" WHERE id = ")
            .bind(id)
            .push(" AND stage = ")
            .bind(m.stage.as_str());
        let mut tx = self.begin_write().await?;
        if q.query().execute(&mut *tx.tx).await?.rows_affected() != 1 {
            return Err(DomainError::new(ErrorCode::InvalidTransition, "mô hình vừa được người khác cập nhật").into());
        }
        if action == DvkAction::Revert && next.rank() < DvkStage::Replicated.rank() {
            let mut q = Sql::new("DELETE FROM dvk_replications WHERE model_id = ");
            q.bind(id);
            q.query().execute(&mut *tx.tx).await?;
        }
        if !replicating.is_empty() {
            let mut q = Sql::new("INSERT INTO dvk_replications (model_id, unit_id, replicated_on) VALUES ");
            q.bind_rows(replicating.iter().map(|u| vec![id.into(), u.id.into(), day(on).into()]));
            q.query().execute(&mut *tx.tx).await?;
        }
        let mut q = Sql::new("INSERT INTO dvk_steps (model_id, action, done_on, detail, by_name, created_at) VALUES ");
        q.bind_row(vec![
            id.into(),
            action.as_str().into(),
            day(on).into(),
            detail.clone().into(),
            actor.username.clone().into(),
            tx.now().to_string().into(),
        ]);
        q.query().execute(&mut *tx.tx).await?;
        let before = serde_json::json!({
            "stage": m.stage, "decision": m.decision, "level": m.level,
            "replications": m.replications.iter().map(|r| format!("{}/{}", r.unit_scheme, r.unit_code)).collect::<Vec<_>>(),
        });
        let after = serde_json::json!({
            "stage": next, "action": action, "on": on, "detail": detail,
            "override": step.override_commended && action == DvkAction::Revert,
        });
        tx.audit(
            actor,
            action.as_str(),
            "dvk_model",
            &id.to_string(),
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        self.dvk_model(actor, id).await
    }
}

async fn insert_model(tx: &mut crate::write::WriteTx, actor: &Actor, new: &NewDvkModel, p: &Prepared) -> Result<i64> {
    let mut q = Sql::new(Store::MODEL_INSERT);
    q.bind_row(Store::model_row(actor, new, p, tx.now()));
    q.push(" RETURNING id");
    let id: i64 = col(&q.query().fetch_one(&mut *tx.tx).await?, "id")?;
    let audited = serde_json::json!({
        "id": id, "unit": p.unit.label(), "year": new.year, "holder": new.holder, "field": new.field,
        "name": normalize(&new.name), "owner": normalize(&new.owner), "registered_on": p.registered_on,
    });
    tx.audit(
        actor,
        "create",
        "dvk_model",
        &id.to_string(),
        None::<&()>,
        Some(&audited),
    )
    .await?;
    Ok(id)
}
