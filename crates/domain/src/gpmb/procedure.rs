//! The land-recovery procedure steps a project records (§9 of `legal.md`): the notice of land
//! recovery, the public posting of the compensation plan, the consultation, the dialogue with
//! those who disagree and the recovery decision; the legal periods between them as data with
//! validity dates (`procedure_periods.json`, so a change of law is a data change); and the
//! warnings computed from both.

use crate::petition::named_enum;
use crate::{DomainError, ErrorCode};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

named_enum!(
    /// Loại đất bị thu hồi: the notice period depends on it.
    LandType {
        Agricultural => ("agricultural", "Đất nông nghiệp"),
        NonAgricultural => ("non_agricultural", "Đất phi nông nghiệp"),
    }
);

/// The dates of a project's procedure steps, as recorded (every one optional until it happens).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ProcedureSteps {
    pub land_type: Option<LandType>,
    /// Thông báo thu hồi đất
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub notice_on: Option<NaiveDate>,
    /// First day the compensation plan was posted publicly
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub plan_posted_from: Option<NaiveDate>,
    /// Last day it was posted (may be the planned last day)
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub plan_posted_to: Option<NaiveDate>,
    /// Day the opinions on the plan were collected (consultation)
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub consulted_on: Option<NaiveDate>,
    /// Dialogue with those who disagree
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub dialogue_on: Option<NaiveDate>,
    /// Quyết định thu hồi đất
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub recovery_decided_on: Option<NaiveDate>,
}

/// One version of the legal periods, in force from `valid_from` to `valid_to` (inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ProcedurePeriods {
    pub id: String,
    /// Căn cứ pháp lý
    pub basis: String,
    #[schema(value_type = Option<String>, format = Date)]
    pub valid_from: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub valid_to: Option<NaiveDate>,
    /// Notice at least this many days before the recovery decision, agricultural land
    pub notice_days_agricultural: i64,
    /// … and non-agricultural land
    pub notice_days_non_agricultural: i64,
    /// A notice is valid this many months
    pub notice_valid_months: u32,
    /// The compensation plan is posted at least this many days
    pub plan_posting_days: i64,
    /// The dialogue is held within this many days of the consultation
    pub dialogue_within_days: i64,
}

impl ProcedurePeriods {
    pub fn notice_days(&self, land: LandType) -> i64 {
        match land {
            LandType::Agricultural => self.notice_days_agricultural,
            LandType::NonAgricultural => self.notice_days_non_agricultural,
        }
    }

    fn in_force(&self, on: NaiveDate) -> bool {
        self.valid_from.is_none_or(|f| f <= on) && self.valid_to.is_none_or(|t| on <= t)
    }
}

/// `legal.md` §9 as data.
pub const PROCEDURE_PERIODS: &str = include_str!("procedure_periods.json");

/// The bundled periods, every version.
pub fn procedure_periods() -> Vec<ProcedurePeriods> {
    // The bundled file is checked by a test, so it always parses.
    serde_json::from_str(PROCEDURE_PERIODS).unwrap_or_default()
}

/// The periods in force on a day: the version whose dates cover it, else the nearest earlier
/// one, else the earliest (a date before every version is judged by the first).
pub fn periods_at(all: &[ProcedurePeriods], on: NaiveDate) -> Option<&ProcedurePeriods> {
    all.iter()
        .find(|p| p.in_force(on))
        .or_else(|| {
            all.iter()
                .filter(|p| p.valid_to.is_some_and(|t| t < on))
                .max_by_key(|p| p.valid_to)
        })
        .or_else(|| all.iter().min_by_key(|p| p.valid_from))
}

/// A procedure step that does not keep its legal period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ProcedureWarning {
    /// `notice_too_short`, `notice_expired`, `posting_too_short`, `dialogue_late`,
    /// `dialogue_overdue`, `land_type_missing`
    pub code: String,
    /// "thông báo thu hồi đất chưa đủ 120 ngày trước quyết định thu hồi (mới 92 ngày)"
    pub text: String,
    /// The rule version applied
    pub rule: String,
}

fn vn(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Dates that contradict each other are refused: posting ending before it starts, a recovery
/// decision before its notice, a dialogue before the consultation; recorded steps are not in
/// the future (the posting's last day may be planned).
pub fn validate_procedure(s: &ProcedureSteps, today: NaiveDate) -> Result<(), DomainError> {
    let facts = [
        (s.notice_on, "ngày thông báo thu hồi đất"),
        (s.plan_posted_from, "ngày bắt đầu niêm yết phương án"),
        (s.consulted_on, "ngày lấy ý kiến về phương án"),
        (s.dialogue_on, "ngày đối thoại"),
        (s.recovery_decided_on, "ngày quyết định thu hồi đất"),
    ];
    for (d, what) in facts {
        if d.is_some_and(|d| d > today) {
            return Err(DomainError::new(ErrorCode::FutureDate, what));
        }
    }
    match (s.plan_posted_from, s.plan_posted_to) {
        (None, Some(_)) => {
            return Err(DomainError::new(
                ErrorCode::PostingEndsBeforeStart,
                "cần ghi ngày bắt đầu niêm yết phương án",
            ))
        }
        (Some(from), Some(to)) if to < from => {
            return Err(DomainError::new(
                ErrorCode::PostingEndsBeforeStart,
                format!("niêm yết phương án từ {} đến {}", vn(from), vn(to)),
            ))
        }
        _ => {}
    }
    if let (Some(notice), Some(decided)) = (s.notice_on, s.recovery_decided_on) {
        if decided < notice {
            return Err(DomainError::new(
                ErrorCode::DatesOutOfOrder,
                format!(
                    "quyết định thu hồi đất ngày {} trước thông báo thu hồi đất ngày {}",
                    vn(decided),
                    vn(notice)
                ),
            ));
        }
    }
    if let (Some(consulted), Some(dialogue)) = (s.consulted_on, s.dialogue_on) {
        if dialogue < consulted {
            return Err(DomainError::new(
                ErrorCode::DatesOutOfOrder,
                format!(
                    "đối thoại ngày {} trước ngày lấy ý kiến {}",
                    vn(dialogue),
                    vn(consulted)
                ),
            ));
        }
    }
    if let (Some(posted), Some(consulted)) = (s.plan_posted_from, s.consulted_on) {
        if consulted < posted {
            return Err(DomainError::new(
                ErrorCode::DatesOutOfOrder,
                format!(
                    "lấy ý kiến ngày {} trước khi niêm yết phương án ngày {}",
                    vn(consulted),
                    vn(posted)
                ),
            ));
        }
    }
    Ok(())
}

/// The warnings of a project's procedure as of `today`. `disagreeing` is the number of
/// households that have not agreed yet (a dialogue is owed only to those who disagree).
pub fn procedure_warnings(
    s: &ProcedureSteps,
    all: &[ProcedurePeriods],
    disagreeing: i64,
    today: NaiveDate,
) -> Vec<ProcedureWarning> {
    let mut out = Vec::new();
    let mut warn = |code: &str, text: String, rule: &ProcedurePeriods| {
        out.push(ProcedureWarning {
            code: code.into(),
            text,
            rule: rule.id.clone(),
        })
    };
    if let Some(notice) = s.notice_on {
        // The period a recovery decision must keep is the one in force when it is (to be) made.
        let decided_or_today = s.recovery_decided_on.unwrap_or(today);
        if let Some(rule) = periods_at(all, decided_or_today) {
            match (s.land_type, s.recovery_decided_on) {
                (Some(land), Some(decided)) => {
                    let need = rule.notice_days(land);
                    let have = (decided - notice).num_days();
                    if have < need {
                        warn(
                            "notice_too_short",
                            format!(
                                "thông báo thu hồi đất chưa đủ {need} ngày trước quyết định thu hồi ({}; mới {have} ngày)",
                                land.label_vi().to_lowercase()
                            ),
                            rule,
                        );
                    }
                }
                (None, _) => warn(
                    "land_type_missing",
                    "chưa ghi loại đất thu hồi để kiểm tra thời hạn thông báo".into(),
                    rule,
                ),
                _ => {}
            }
        }
        if let Some(rule) = periods_at(all, notice) {
            let valid_until = notice
                .checked_add_months(chrono::Months::new(rule.notice_valid_months))
                .unwrap_or(NaiveDate::MAX);
            match s.recovery_decided_on {
                Some(decided) if decided > valid_until => warn(
                    "notice_expired",
                    format!(
                        "quyết định thu hồi ngày {} khi thông báo thu hồi đất ngày {} đã hết hiệu lực {} tháng",
                        vn(decided),
                        vn(notice),
                        rule.notice_valid_months
                    ),
                    rule,
                ),
                None if today > valid_until => warn(
                    "notice_expired",
                    format!(
                        "thông báo thu hồi đất ngày {} đã quá {} tháng mà chưa có quyết định thu hồi",
                        vn(notice),
                        rule.notice_valid_months
                    ),
                    rule,
                ),
                _ => {}
            }
        }
    }
    if let (Some(from), Some(to)) = (s.plan_posted_from, s.plan_posted_to) {
        if let Some(rule) = periods_at(all, from) {
            let days = (to - from).num_days() + 1;
            if days < rule.plan_posting_days {
                warn(
                    "posting_too_short",
                    format!(
                        "niêm yết phương án chưa đủ {} ngày (từ {} đến {}, {days} ngày)",
                        rule.plan_posting_days,
                        vn(from),
                        vn(to)
                    ),
                    rule,
                );
            }
        }
    }
    if let Some(consulted) = s.consulted_on {
        if let Some(rule) = periods_at(all, consulted) {
            let within = rule.dialogue_within_days;
            match s.dialogue_on {
                Some(dialogue) if (dialogue - consulted).num_days() > within => warn(
                    "dialogue_late",
                    format!(
                        "đối thoại với người không đồng ý sau {within} ngày kể từ ngày lấy ý kiến ({} ngày)",
                        (dialogue - consulted).num_days()
                    ),
                    rule,
                ),
                None if disagreeing > 0 && (today - consulted).num_days() > within => warn(
                    "dialogue_overdue",
                    format!(
                        "đã quá {within} ngày kể từ ngày lấy ý kiến {} mà chưa đối thoại với {disagreeing} hộ chưa đồng ý",
                        vn(consulted)
                    ),
                    rule,
                ),
                _ => {}
            }
        }
    }
    out
}
