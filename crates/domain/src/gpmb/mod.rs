//! Land-clearance mobilization (dân vận trong GPMB): projects with the units they cross, their
//! scale and milestones; the affected households, each agreed / handed over / obstructing with
//! its reason and a dated history; the mobilization log; and the progress computed from the
//! per-household records, at any date.

use crate::figures::{format_count, Rate, Rounding};
use crate::petition::named_enum;
use crate::unit::Level;
use crate::{DomainError, ErrorCode};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::ToSchema;

mod procedure;
pub use procedure::{
    periods_at, procedure_periods, procedure_warnings, validate_procedure, LandType, ProcedurePeriods, ProcedureSteps,
    ProcedureWarning, PROCEDURE_PERIODS,
};

named_enum!(
    /// Where an affected household stands.
    HouseholdState {
        Pending => ("pending", "Chưa đồng ý"),
        Agreed => ("agreed", "Đã đồng ý phương án"),
        HandedOver => ("handed_over", "Đã bàn giao mặt bằng"),
        Obstructing => ("obstructing", "Chưa chấp hành, cản trở"),
    }
);

named_enum!(
    /// Who mobilised (lực lượng vận động).
    MobilizationForce {
        Mttq => ("mttq", "Mặt trận Tổ quốc"),
        Associations => ("associations", "Các đoàn thể chính trị – xã hội"),
        PartyMembers => ("party_members", "Đảng viên, chi bộ"),
        Respected => ("respected", "Người có uy tín"),
        Officials => ("officials", "Cán bộ chính quyền, tổ công tác GPMB"),
        Family => ("family", "Người thân, dòng họ"),
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NewMilestone {
    /// "Bàn giao toàn bộ mặt bằng"
    pub label: String,
    #[schema(value_type = String, format = Date)]
    pub due_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct NewProject {
    /// The unit leading the work, `scheme/code`
    pub unit: String,
    pub name: String,
    /// Units crossed, `scheme/code` each (the leading unit need not be repeated)
    #[serde(default)]
    pub units: Vec<String>,
    /// "Dài 12,5 km, thu hồi 45 ha"
    pub scale: Option<String>,
    pub investor: Option<String>,
    /// Area to clear, m²
    pub area_m2: Option<i64>,
    /// Households affected according to the recovery plan (hand-entered; the progress counts
    /// the recorded households)
    pub households_planned: Option<i64>,
    #[schema(value_type = Option<String>, format = Date)]
    pub started_on: Option<NaiveDate>,
    #[serde(default)]
    pub milestones: Vec<NewMilestone>,
    /// The land type and the dates of the recovery procedure steps known so far
    #[serde(default)]
    pub procedure: ProcedureSteps,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Milestone {
    pub id: i64,
    pub label: String,
    #[schema(value_type = String, format = Date)]
    pub due_on: NaiveDate,
    #[schema(value_type = Option<String>, format = Date)]
    pub done_on: Option<NaiveDate>,
    /// Not done and past its day
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct UnitRef {
    pub scheme: String,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Project {
    pub id: i64,
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_level: Level,
    pub name: String,
    pub units: Vec<UnitRef>,
    pub scale: Option<String>,
    pub investor: Option<String>,
    pub area_m2: Option<i64>,
    pub households_planned: Option<i64>,
    #[schema(value_type = Option<String>, format = Date)]
    pub started_on: Option<NaiveDate>,
    pub milestones: Vec<Milestone>,
    pub progress: Progress,
    pub procedure: ProcedureSteps,
    /// The steps that do not keep their legal period (notice, posting, dialogue)
    pub procedure_warnings: Vec<ProcedureWarning>,
    /// Linked dialogues (meeting ids), disclosures and petitions (codes)
    pub meetings: Vec<i64>,
    pub disclosures: Vec<i64>,
    pub petitions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct NewHousehold {
    /// Chủ hộ
    pub head_name: String,
    /// The thôn or commune, `scheme/code`
    pub unit: Option<String>,
    pub address: Option<String>,
    /// Land recovered, m²
    pub land_m2: Option<i64>,
    /// Default `pending`
    pub state: Option<HouseholdState>,
    pub reason: Option<String>,
    /// The day it was listed (default the project start, else today)
    #[schema(value_type = Option<String>, format = Date)]
    pub listed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Household {
    pub id: i64,
    pub project_id: i64,
    pub head_name: String,
    pub unit_name: Option<String>,
    pub address: Option<String>,
    pub land_m2: Option<i64>,
    pub state: HouseholdState,
    /// Why it obstructs
    pub reason: Option<String>,
    #[schema(value_type = String, format = Date)]
    pub state_since: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub listed_on: NaiveDate,
}

/// A household's state changes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct HouseholdChange {
    pub state: HouseholdState,
    #[schema(value_type = Option<String>, format = Date)]
    pub on: Option<NaiveDate>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct NewMobilization {
    /// The household mobilised (absent: a group session)
    pub household_id: Option<i64>,
    #[schema(value_type = String, format = Date)]
    pub on: NaiveDate,
    #[serde(default)]
    pub forces: Vec<MobilizationForce>,
    /// Who went ("Ông Nguyễn Văn A, Chủ tịch UB MTTQ xã; …")
    pub mobilisers: String,
    /// What came of it
    pub result: String,
    /// The household's new state, when the visit changed it
    pub new_state: Option<HouseholdState>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Mobilization {
    pub id: i64,
    pub project_id: i64,
    pub household_id: Option<i64>,
    pub household_name: Option<String>,
    #[schema(value_type = String, format = Date)]
    pub on: NaiveDate,
    pub forces: Vec<MobilizationForce>,
    pub mobilisers: String,
    pub result: String,
}

/// Households by state, computed from the per-household records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Progress {
    pub households: i64,
    pub pending: i64,
    pub agreed: i64,
    pub handed_over: i64,
    pub obstructing: i64,
    /// Not handed over yet
    pub outstanding: i64,
    /// Agreed or handed over, of all households
    pub agreement_rate: Rate,
    pub handover_rate: Rate,
    /// "120/150 hộ đã bàn giao mặt bằng, đạt 80,0%; còn 30 hộ (05 hộ chưa chấp hành)"
    pub text: String,
}

/// The progress of a set of household states.
pub fn progress<I: IntoIterator<Item = HouseholdState>>(states: I) -> Progress {
    let mut p = Progress {
        households: 0,
        pending: 0,
        agreed: 0,
        handed_over: 0,
        obstructing: 0,
        outstanding: 0,
        agreement_rate: Rate::new(0, 0),
        handover_rate: Rate::new(0, 0),
        text: String::new(),
    };
    for s in states {
        p.households += 1;
        match s {
            HouseholdState::Pending => p.pending += 1,
            HouseholdState::Agreed => p.agreed += 1,
            HouseholdState::HandedOver => p.handed_over += 1,
            HouseholdState::Obstructing => p.obstructing += 1,
        }
    }
    p.outstanding = p.households - p.handed_over;
    p.agreement_rate = Rate::new(p.agreed + p.handed_over, p.households);
    p.handover_rate = Rate::new(p.handed_over, p.households);
    p.text = format!(
        "{}/{} hộ đã bàn giao mặt bằng, đạt {}; còn {} hộ ({} hộ chưa chấp hành)",
        format_count(p.handed_over),
        format_count(p.households),
        p.handover_rate.percent_text(Rounding::Truncate),
        format_count(p.outstanding),
        crate::meeting::report_count(p.obstructing)
    );
    p
}

/// One state change of one household, as recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StateChange {
    pub household_id: i64,
    pub on: NaiveDate,
    /// Order of recording, for changes on the same day
    pub seq: i64,
    pub state: HouseholdState,
}

/// Progress at a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ProgressPoint {
    #[schema(value_type = String, format = Date)]
    pub on: NaiveDate,
    pub progress: Progress,
}

/// The progress as it stood at the end of each date: every household listed by then, in the
/// last state recorded on or before it. A household's first change is its listing.
pub fn progress_over_time(history: &[StateChange], dates: &[NaiveDate]) -> Vec<ProgressPoint> {
    let mut sorted: Vec<StateChange> = history.to_vec();
    sorted.sort_by_key(|c| (c.on, c.seq));
    dates
        .iter()
        .map(|&on| {
            let mut at: HashMap<i64, HouseholdState> = HashMap::new();
            for c in sorted.iter().take_while(|c| c.on <= on) {
                at.insert(c.household_id, c.state);
            }
            ProgressPoint {
                on,
                progress: progress(at.into_values()),
            }
        })
        .collect()
}

/// Month ends from `from` to `to` (and `to` itself), for a progress series.
pub fn month_ends(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    use chrono::Datelike;
    let mut out = Vec::new();
    let mut y = from.year();
    let mut m = from.month();
    loop {
        let next = if m == 12 {
            NaiveDate::from_ymd_opt(y + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(y, m + 1, 1)
        };
        let Some(end) = next.and_then(|n| n.pred_opt()) else {
            break;
        };
        if end >= to {
            break;
        }
        out.push(end);
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        if out.len() > 240 {
            break;
        }
    }
    out.push(to);
    out
}

/// Checks a project before it is written.
pub fn validate_project(p: &NewProject, today: NaiveDate) -> Result<(), DomainError> {
    if crate::text::normalize(&p.name).is_empty() {
        return Err(DomainError::validation("cần ghi tên dự án"));
    }
    if p.area_m2.is_some_and(|a| a < 0) || p.households_planned.is_some_and(|h| h < 0) {
        return Err(DomainError::validation("diện tích, số hộ không được âm"));
    }
    if p.started_on.is_some_and(|d| d > today) {
        return Err(DomainError::new(ErrorCode::FutureDate, "ngày bắt đầu GPMB"));
    }
    if p.milestones.iter().any(|m| crate::text::normalize(&m.label).is_empty()) {
        return Err(DomainError::validation("mỗi mốc tiến độ cần có nội dung"));
    }
    validate_procedure(&p.procedure, today)
}

fn reason_of(r: &Option<String>) -> Option<String> {
    r.as_deref().map(crate::text::normalize).filter(|s| !s.is_empty())
}

/// Checks a new household: a name, and a reason when it obstructs.
pub fn validate_household(h: &NewHousehold, today: NaiveDate) -> Result<(), DomainError> {
    if crate::text::normalize(&h.head_name).is_empty() {
        return Err(DomainError::validation("cần ghi họ tên chủ hộ"));
    }
    if h.land_m2.is_some_and(|a| a < 0) {
        return Err(DomainError::validation("diện tích không được âm"));
    }
    if h.state == Some(HouseholdState::Obstructing) && reason_of(&h.reason).is_none() {
        return Err(DomainError::validation("hộ chưa chấp hành cần ghi rõ lý do"));
    }
    if h.listed_on.is_some_and(|d| d > today) {
        return Err(DomainError::new(ErrorCode::FutureDate, "ngày lập danh sách"));
    }
    Ok(())
}

/// Checks a state change: a handed-over site stays handed over; obstructing needs its reason;
/// the day is not before the current state's nor in the future. Returns the day and reason.
pub fn check_change(
    current: HouseholdState,
    since: NaiveDate,
    change: &HouseholdChange,
    today: NaiveDate,
) -> Result<(NaiveDate, Option<String>), DomainError> {
    if current == HouseholdState::HandedOver {
        return Err(DomainError::new(
            ErrorCode::InvalidTransition,
            "hộ đã bàn giao mặt bằng, không chuyển sang trạng thái khác",
        ));
    }
    if current == change.state {
        return Err(DomainError::new(
            ErrorCode::InvalidTransition,
            format!("hộ đã ở trạng thái '{}'", current.label_vi()),
        ));
    }
    let on = change.on.unwrap_or(today);
    if on > today {
        return Err(DomainError::new(
            ErrorCode::FutureDate,
            on.format("%d/%m/%Y").to_string(),
        ));
    }
    if on < since {
        return Err(DomainError::new(
            ErrorCode::InvalidDate,
            format!(
                "ngày thay đổi trước ngày {} của trạng thái hiện tại",
                since.format("%d/%m/%Y")
            ),
        ));
    }
    let reason = reason_of(&change.reason);
    if change.state == HouseholdState::Obstructing && reason.is_none() {
        return Err(DomainError::validation("hộ chưa chấp hành cần ghi rõ lý do"));
    }
    Ok((on, reason))
}

pub fn validate_mobilization(m: &NewMobilization, today: NaiveDate) -> Result<(), DomainError> {
    if crate::text::normalize(&m.mobilisers).is_empty() || crate::text::normalize(&m.result).is_empty() {
        return Err(DomainError::validation("cần ghi người vận động và kết quả vận động"));
    }
    if m.on > today {
        return Err(DomainError::new(
            ErrorCode::FutureDate,
            m.on.format("%d/%m/%Y").to_string(),
        ));
    }
    if m.new_state.is_some() && m.household_id.is_none() {
        return Err(DomainError::validation("chọn hộ được vận động để ghi trạng thái mới"));
    }
    Ok(())
}

/// GPMB figures of a unit subtree: the projects led there, their households as they stood at
/// the end of the period, and the mobilization visits within it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct GpmbStats {
    pub unit: String,
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
    pub projects: i64,
    pub progress: Progress,
    /// Households that handed over during the period
    pub handed_over_in_period: i64,
    pub mobilizations: i64,
    pub by_force: Vec<crate::petition::Count>,
    pub per_project: Vec<ProjectLine>,
    /// "03 dự án GPMB: 120/150 hộ đã bàn giao …; 42 lượt vận động"
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ProjectLine {
    pub project_id: i64,
    pub name: String,
    pub progress: Progress,
    pub overdue_milestones: i64,
}

#[cfg(test)]
mod tests;
