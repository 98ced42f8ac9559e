//! "Dân vận khéo" models and exemplars (mô hình, điển hình; legal.md §6). A collective or an
//! individual registers a model for a year in one of the four fields (and a finer field an
//! admin adds); it is then appraised (thẩm định: a score or an opinion), recognised at a level,
//! proposed for commendation, commended by a decision, and replicated by other units. Each step
//! is dated and audited. Going back is possible with a reason; going back from commended needs
//! an administrator's explicit override.

use crate::directive::{DocumentSymbol, DocumentType};
use crate::figures::format_count;
use crate::petition::{named_enum, Count};
use crate::unit::Level;
use crate::{DomainError, ErrorCode};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

named_enum!(
    /// Lĩnh vực (the four fields of the movement).
    DvkField {
        Economy => ("economy", "Kinh tế"),
        CultureSociety => ("culture_society", "Văn hóa – xã hội"),
        DefenceSecurity => ("defence_security", "Quốc phòng – an ninh"),
        PoliticalSystem => ("political_system", "Xây dựng hệ thống chính trị"),
    }
);

named_enum!(
    /// Who registers: a collective (tập thể) or an individual (cá nhân).
    Holder {
        Collective => ("collective", "Tập thể"),
        Individual => ("individual", "Cá nhân"),
    }
);

named_enum!(
    /// Where a model is in its life. The order is the life's order.
    DvkStage {
        Registered => ("registered", "Đã đăng ký"),
        Appraised => ("appraised", "Đã thẩm định"),
        Recognised => ("recognised", "Đã công nhận"),
        Proposed => ("proposed", "Đề nghị khen thưởng"),
        Commended => ("commended", "Đã khen thưởng"),
        Replicated => ("replicated", "Đã nhân rộng"),
    }
);

named_enum!(
    /// A step in a model's life.
    DvkAction {
        Appraise => ("appraise", "Thẩm định"),
        Recognise => ("recognise", "Công nhận"),
        Propose => ("propose", "Đề nghị khen thưởng"),
        Commend => ("commend", "Khen thưởng"),
        Replicate => ("replicate", "Nhân rộng"),
        /// Back to an earlier stage (with a reason; from commended only by an admin's override)
        Revert => ("revert", "Đưa về bước trước"),
    }
);

named_enum!(
    /// The level that recognised a model.
    RecognitionLevel {
        Commune => ("commune", "Cấp xã"),
        District => ("district", "Cấp huyện"),
        Province => ("province", "Cấp tỉnh"),
        National => ("national", "Cấp Trung ương"),
    }
);

named_enum!(
    /// Hình thức khen thưởng.
    CommendationForm {
        Certificate => ("certificate", "Giấy khen"),
        Diploma => ("diploma", "Bằng khen"),
        Other => ("other", "Hình thức khác"),
    }
);

impl DvkStage {
    pub fn rank(self) -> usize {
        DvkStage::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// Recognised or further: what the showcase and "công nhận" counts show.
    pub fn is_recognised(self) -> bool {
        self.rank() >= DvkStage::Recognised.rank()
    }

    /// Steps open from here (a revert is open from every stage but the first).
    pub fn allowed_actions(self) -> Vec<DvkAction> {
        DvkAction::ALL
            .iter()
            .copied()
            .filter(|a| match a {
                DvkAction::Revert => self != DvkStage::Registered,
                _ => self.after(*a).is_ok(),
            })
            .collect()
    }

    /// The stage a forward step leads to, or `invalid_transition`.
    pub fn after(self, action: DvkAction) -> Result<DvkStage, DomainError> {
        use DvkAction as A;
        use DvkStage as S;
        match (self, action) {
            (S::Registered, A::Appraise) => Ok(S::Appraised),
            (S::Appraised, A::Recognise) => Ok(S::Recognised),
            (S::Recognised, A::Propose) => Ok(S::Proposed),
            (S::Proposed, A::Commend) => Ok(S::Commended),
            (S::Commended | S::Replicated, A::Replicate) => Ok(S::Replicated),
            _ => Err(DomainError::new(
                ErrorCode::InvalidTransition,
                format!(
                    "mô hình đang ở bước '{}', không thể '{}'",
                    self.label_vi(),
                    action.label_vi()
                ),
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct NewDvkModel {
    /// The registering unit, `scheme/code`
    pub unit: String,
    /// The movement year registered for
    pub year: i32,
    pub holder: Holder,
    /// Tên mô hình, điển hình
    pub name: String,
    /// The collective's or the person's name
    pub owner: String,
    /// Organisation in charge: "Hội Nông dân xã", "Chi bộ khu dân cư số 3"
    pub organisation: Option<String>,
    pub field: DvkField,
    /// A finer field's code (see the sub-field list)
    pub sub_field: Option<String>,
    /// Thực trạng, nội dung, cách thức
    pub description: String,
    /// Kết quả dự kiến
    pub expected_results: Option<String>,
    /// Evidence files (names or addresses)
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Default today
    #[schema(value_type = Option<String>, format = Date)]
    pub registered_on: Option<NaiveDate>,
}

/// A finer field an admin adds under one of the four ("xây dựng nông thôn mới").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DvkSubField {
    pub code: String,
    pub field: DvkField,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Replication {
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    #[schema(value_type = String, format = Date)]
    pub on: NaiveDate,
}

/// One dated, audited step of a model's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DvkStepRecord {
    pub action: DvkAction,
    #[schema(value_type = String, format = Date)]
    pub on: NaiveDate,
    pub by: String,
    /// What the step recorded, in words
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DvkModel {
    pub id: i64,
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_level: Level,
    pub year: i32,
    pub holder: Holder,
    pub name: String,
    pub owner: String,
    pub organisation: Option<String>,
    pub field: DvkField,
    pub sub_field: Option<String>,
    pub description: String,
    pub expected_results: Option<String>,
    pub evidence: Vec<String>,
    pub stage: DvkStage,
    #[schema(value_type = String, format = Date)]
    pub registered_on: NaiveDate,
    #[schema(value_type = Option<String>, format = Date)]
    pub appraised_on: Option<NaiveDate>,
    pub score: Option<i64>,
    pub opinion: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub recognised_on: Option<NaiveDate>,
    pub level: Option<RecognitionLevel>,
    /// The body that recognised it, or that was asked to commend it
    pub body: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub proposed_on: Option<NaiveDate>,
    pub form: Option<CommendationForm>,
    #[schema(value_type = Option<String>, format = Date)]
    pub commended_on: Option<NaiveDate>,
    /// The commendation decision's number and symbol
    pub decision: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub replicated_on: Option<NaiveDate>,
    /// Filled when one model is read
    pub replications: Vec<Replication>,
    /// Filled when one model is read
    pub steps: Vec<DvkStepRecord>,
    pub allowed_actions: Vec<DvkAction>,
}

impl DvkModel {
    /// The date of the latest step so far (a new step cannot be earlier).
    pub fn last_step_on(&self) -> NaiveDate {
        [
            Some(self.registered_on),
            self.appraised_on,
            self.recognised_on,
            self.proposed_on,
            self.commended_on,
            self.replicated_on,
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(self.registered_on)
    }
}

/// What the public showcase shows of a recognised model: no appraisal scores or opinions, no
/// evidence files, no history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ShowcaseModel {
    pub id: i64,
    pub unit_name: String,
    pub year: i32,
    pub holder: Holder,
    pub name: String,
    pub owner: String,
    pub organisation: Option<String>,
    pub field: DvkField,
    pub description: String,
    pub expected_results: Option<String>,
    pub level: Option<RecognitionLevel>,
    #[schema(value_type = Option<String>, format = Date)]
    pub recognised_on: Option<NaiveDate>,
    pub commended: bool,
    /// Units that copied it
    pub replications: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DvkPage {
    pub items: Vec<DvkModel>,
    /// Pass as `after` for the next page; absent on the last page.
    pub next: Option<String>,
}

/// A step in a model's life, with what that step records.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, ToSchema)]
pub struct DvkStep {
    pub action: Option<DvkAction>,
    /// When (default today)
    #[schema(value_type = Option<String>, format = Date)]
    pub on: Option<NaiveDate>,
    /// Appraise: score 0–100
    pub score: Option<i64>,
    /// Appraise: the appraisal opinion
    pub opinion: Option<String>,
    /// Recognise: the level
    pub level: Option<RecognitionLevel>,
    /// Recognise / propose: the recognising body or the body asked to commend
    pub body: Option<String>,
    /// Propose / commend: the form of commendation
    pub form: Option<CommendationForm>,
    /// Commend: the decision's number and symbol (`123/QĐ-UBND`, `45-QĐ/HU`)
    pub decision: Option<String>,
    /// Replicate: the units that copied it (`scheme/code`)
    #[serde(default)]
    pub units: Vec<String>,
    /// Revert: the stage to go back to
    pub to: Option<DvkStage>,
    /// Revert: why
    pub reason: Option<String>,
    /// Revert from commended: the administrator confirms the override
    #[serde(default, rename = "override")]
    pub override_commended: bool,
}

/// Checks a registration before anything is written.
pub fn validate_model(m: &NewDvkModel, today: NaiveDate) -> Result<(), DomainError> {
    let blank = |s: &str| crate::text::normalize(s).is_empty();
    if blank(&m.name) || blank(&m.owner) || blank(&m.description) {
        return Err(DomainError::validation(
            "cần ghi tên mô hình, tên tập thể hoặc cá nhân đăng ký và nội dung, cách thức",
        ));
    }
    let this_year = chrono::Datelike::year(&today);
    if m.year < 2000 || m.year > this_year + 1 {
        return Err(DomainError::validation(format!("năm đăng ký {} không hợp lệ", m.year)));
    }
    if let Some(on) = m.registered_on {
        if on > today {
            return Err(DomainError::new(
                ErrorCode::FutureDate,
                on.format("%d/%m/%Y").to_string(),
            ));
        }
    }
    if m.evidence.iter().any(|e| blank(e)) {
        return Err(DomainError::validation("tệp minh chứng không được để trống tên"));
    }
    Ok(())
}

/// Checks a sub-field an admin adds: a short lower-case code and a name.
pub fn validate_sub_field(s: &DvkSubField) -> Result<(), DomainError> {
    let ok = !s.code.is_empty()
        && s.code.len() <= 40
        && s.code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !ok {
        return Err(DomainError::validation(
            "mã lĩnh vực chỉ gồm chữ thường không dấu, chữ số và '_'",
        ));
    }
    if crate::text::normalize(&s.name).is_empty() {
        return Err(DomainError::validation("cần ghi tên lĩnh vực"));
    }
    Ok(())
}

/// Checks one step against the model; gives the stage it leads to. `is_admin` is whether the
/// caller administers the unit (needed, with the override flag, to move a commended model back).
pub fn check_step(model: &DvkModel, step: &DvkStep, is_admin: bool, today: NaiveDate) -> Result<DvkStage, DomainError> {
    let blank = |s: &Option<String>| s.as_deref().map(crate::text::normalize).unwrap_or_default().is_empty();
    let action = step
        .action
        .ok_or_else(|| DomainError::validation("cần chọn bước thực hiện"))?;
    let on = step.on.unwrap_or(today);
    if on > today {
        return Err(DomainError::new(
            ErrorCode::FutureDate,
            on.format("%d/%m/%Y").to_string(),
        ));
    }
    if action != DvkAction::Revert && on < model.last_step_on() {
        return Err(DomainError::new(
            ErrorCode::InvalidDate,
            format!(
                "ngày {} trước bước gần nhất ({})",
                on.format("%d/%m/%Y"),
                model.last_step_on().format("%d/%m/%Y")
            ),
        ));
    }
    match action {
        DvkAction::Revert => {
            let to = step
                .to
                .ok_or_else(|| DomainError::validation("cần chọn bước muốn đưa về"))?;
            if to.rank() >= model.stage.rank() {
                return Err(DomainError::new(
                    ErrorCode::InvalidTransition,
                    format!(
                        "'{}' không phải bước trước của '{}'",
                        to.label_vi(),
                        model.stage.label_vi()
                    ),
                ));
            }
            if blank(&step.reason) {
                return Err(DomainError::validation("cần ghi lý do đưa mô hình về bước trước"));
            }
            if model.stage.rank() >= DvkStage::Commended.rank() && !(is_admin && step.override_commended) {
                return Err(DomainError::new(
                    ErrorCode::OverrideRequired,
                    format!(
                        "mô hình đã khen thưởng (quyết định {})",
                        model.decision.as_deref().unwrap_or("?")
                    ),
                ));
            }
            return Ok(to);
        }
        DvkAction::Appraise => {
            if step.score.is_none() && blank(&step.opinion) {
                return Err(DomainError::validation("cần ghi điểm hoặc ý kiến thẩm định"));
            }
            if step.score.is_some_and(|s| !(0..=100).contains(&s)) {
                return Err(DomainError::validation("điểm thẩm định từ 0 đến 100"));
            }
        }
        DvkAction::Recognise => {
            if step.level.is_none() {
                return Err(DomainError::validation("cần chọn cấp công nhận"));
            }
        }
        DvkAction::Propose => {
            if step.form.is_none() {
                return Err(DomainError::validation("cần chọn hình thức khen thưởng đề nghị"));
            }
        }
        DvkAction::Commend => {
            let decision = step.decision.as_deref().map(crate::text::normalize).unwrap_or_default();
            if decision.is_empty() {
                return Err(DomainError::validation("cần ghi số quyết định khen thưởng"));
            }
            let symbol = DocumentSymbol::parse(&decision)?;
            if symbol.document_type().is_some_and(|t| t != DocumentType::Decision) {
                return Err(DomainError::new(
                    ErrorCode::InvalidDocumentSymbol,
                    format!("{} không phải số của một quyết định", symbol.text()),
                ));
            }
            if step.form.is_none() && model.form.is_none() {
                return Err(DomainError::validation("cần chọn hình thức khen thưởng"));
            }
        }
        DvkAction::Replicate => {
            if step.units.iter().all(|u| u.trim().is_empty()) {
                return Err(DomainError::validation("cần chọn đơn vị đã nhân rộng mô hình"));
            }
        }
    }
    model.stage.after(action)
}

/// "Dân vận khéo" figures of a unit subtree over a period, each counted by the date of the step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DvkStats {
    pub unit: String,
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
    /// Registered in the period
    pub registered: i64,
    pub registered_by_field: Vec<Count>,
    pub registered_by_holder: Vec<Count>,
    /// `189 mô hình, điển hình đăng ký (121 tập thể, 68 cá nhân)`
    pub registered_text: String,
    /// Steps taken in the period, by the stage they reached
    pub by_stage: Vec<Count>,
    /// `2.705 đăng ký; 2.100 thẩm định; 1.500 công nhận; 922 đề nghị khen thưởng; …`
    pub stage_text: String,
    /// Recognised in the period (and not moved back since)
    pub recognised: i64,
    pub recognised_by_field: Vec<Count>,
    pub recognised_by_level: Vec<Count>,
    pub recognised_by_holder: Vec<Count>,
    /// `151 mô hình, điển hình: kinh tế 75, văn hóa – xã hội 31, quốc phòng – an ninh 31, xây dựng hệ thống chính trị 14`
    pub recognised_text: String,
    /// Units that copied a model in the period
    pub replications: i64,
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Counts in `all`'s order, zeros kept (a report says "0 mô hình" as readily as any figure).
pub fn counts<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    n: impl Fn(T) -> i64,
) -> Vec<Count> {
    all.iter()
        .map(|v| Count {
            key: code(*v).into(),
            label: label(*v).into(),
            count: n(*v),
        })
        .collect()
}

/// `151 mô hình, điển hình: kinh tế 75, văn hóa – xã hội 31, …`
pub fn recognised_text(total: i64, by_field: &[Count]) -> String {
    let parts: Vec<String> = by_field
        .iter()
        .filter(|c| c.count > 0)
        .map(|c| format!("{} {}", lower_first(&c.label), format_count(c.count)))
        .collect();
    if parts.is_empty() {
        return format!("{} mô hình, điển hình được công nhận", format_count(total));
    }
    format!("{} mô hình, điển hình: {}", format_count(total), parts.join(", "))
}

/// `189 mô hình, điển hình đăng ký (121 tập thể, 68 cá nhân)`
pub fn registered_text(total: i64, by_holder: &[Count]) -> String {
    let parts: Vec<String> = by_holder
        .iter()
        .map(|c| format!("{} {}", format_count(c.count), lower_first(&c.label)))
        .collect();
    format!(
        "{} mô hình, điển hình đăng ký ({})",
        format_count(total),
        parts.join(", ")
    )
}

/// `2.705 đăng ký; 922 đề nghị khen thưởng` — every stage reached in the period.
pub fn stage_text(by_stage: &[Count]) -> String {
    let word = |key: &str| match key {
        "registered" => "đăng ký",
        "appraised" => "thẩm định",
        "recognised" => "công nhận",
        "proposed" => "đề nghị khen thưởng",
        "commended" => "được khen thưởng",
        _ => "nhân rộng",
    };
    by_stage
        .iter()
        .filter(|c| c.count > 0)
        .map(|c| format!("{} {}", format_count(c.count), word(&c.key)))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests;
