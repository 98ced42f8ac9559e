//! Movements and campaigns (phong trào, cuộc vận động) with the units and self-managed groups
//! taking part; funds ("Vì người nghèo", disaster relief) with their receipts and spending;
//! houses of great solidarity (nhà đại đoàn kết); new-rural contributions (money by source,
//! land donated, workdays); and tasks the government orders from MTTQ or an association
//! (cơ chế đặt hàng). Money is whole đồng (see [`crate::money`]).

mod stats;

pub use stats::{
    fund_text, houses_text, new_rural_text, ordered_task_text, FundLine, FundStats, MoneyLine, MovementStats,
    NewRuralStats, OrderedTaskStats,
};

use crate::money::Amount;
use crate::petition::named_enum;
use crate::unit::Level;
use crate::{DomainError, ErrorCode};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

named_enum!(
    /// Phong trào thi đua or cuộc vận động.
    MovementKind {
        Movement => ("movement", "Phong trào thi đua"),
        Campaign => ("campaign", "Cuộc vận động"),
    }
);

named_enum!(
    /// What a self-managed group (tổ tự quản) looks after.
    GroupField {
        Environment => ("environment", "Bảo vệ môi trường"),
        Security => ("security", "An ninh, trật tự"),
        Traffic => ("traffic", "An toàn giao thông"),
        Other => ("other", "Lĩnh vực khác"),
    }
);

named_enum!(
    /// Loại quỹ.
    FundKind {
        ForThePoor => ("for_the_poor", "Quỹ “Vì người nghèo”"),
        DisasterRelief => ("disaster_relief", "Quỹ cứu trợ"),
        Covid => ("covid", "Quỹ phòng, chống dịch Covid-19"),
        Other => ("other", "Quỹ khác"),
    }
);

named_enum!(
    /// Thu or chi.
    EntryKind {
        Receipt => ("receipt", "Thu"),
        Spending => ("spending", "Chi"),
    }
);

named_enum!(
    /// A house built new or repaired.
    HouseKind {
        New => ("new", "Xây mới"),
        Repair => ("repair", "Sửa chữa"),
    }
);

named_enum!(
    /// Where a new-rural contribution came from (the report's three sources).
    ContributionSource {
        StateBudget => ("state_budget", "Ngân sách Nhà nước"),
        People => ("people", "Nhân dân đóng góp"),
        OtherProgrammes => ("other_programmes", "Lồng ghép từ các chương trình, dự án khác"),
    }
);

named_enum!(
    /// Where an ordered task is.
    TaskStatus {
        Ordered => ("ordered", "Đang thực hiện"),
        Done => ("done", "Đã hoàn thành"),
        Cancelled => ("cancelled", "Đã hủy"),
    }
);

/// A unit named in a record, as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct UnitRef {
    pub scheme: String,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct NewMovement {
    /// The launching unit
    pub unit: String,
    pub kind: MovementKind,
    pub name: String,
    #[schema(value_type = String, format = Date)]
    pub started_on: NaiveDate,
    #[schema(value_type = Option<String>, format = Date)]
    pub ended_on: Option<NaiveDate>,
    pub description: Option<String>,
    /// Participating units below the launching one (`scheme/code`)
    #[serde(default)]
    pub units: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Movement {
    pub id: i64,
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_level: Level,
    pub kind: MovementKind,
    pub name: String,
    #[schema(value_type = String, format = Date)]
    pub started_on: NaiveDate,
    #[schema(value_type = Option<String>, format = Date)]
    pub ended_on: Option<NaiveDate>,
    pub description: Option<String>,
    pub units: Vec<UnitRef>,
    /// Self-managed groups recorded under it
    pub groups: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct NewGroup {
    /// The commune or village the group works in
    pub unit: String,
    pub movement_id: Option<i64>,
    pub name: String,
    pub field: GroupField,
    #[serde(default)]
    pub members: i64,
    #[schema(value_type = String, format = Date)]
    pub founded_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Group {
    pub id: i64,
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    pub movement_id: Option<i64>,
    pub name: String,
    pub field: GroupField,
    pub members: i64,
    #[schema(value_type = String, format = Date)]
    pub founded_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct NewFund {
    pub unit: String,
    pub kind: FundKind,
    /// "Quỹ “Vì người nghèo” huyện Tam Nông"
    pub name: String,
    #[schema(value_type = String, format = Date)]
    pub opened_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Deserialize, ToSchema)]
pub struct NewFundEntry {
    pub kind: EntryKind,
    #[schema(value_type = String, format = Date)]
    pub on: NaiveDate,
    /// Whole đồng: `1500000` or `"1.500.000"` or `"1,5 triệu"`
    pub amount: Amount,
    /// Who gave it, or what it was spent on
    pub counterpart: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FundEntry {
    pub id: i64,
    pub kind: EntryKind,
    #[schema(value_type = String, format = Date)]
    pub on: NaiveDate,
    /// Whole đồng
    pub amount: i64,
    pub counterpart: String,
    /// The house this spending built
    pub house_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Fund {
    pub id: i64,
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    pub kind: FundKind,
    pub name: String,
    #[schema(value_type = String, format = Date)]
    pub opened_on: NaiveDate,
    pub received: i64,
    pub spent: i64,
    pub balance: i64,
    /// Filled when one fund is read
    pub entries: Vec<FundEntry>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, ToSchema)]
pub struct NewHouse {
    pub unit: String,
    /// The household (chủ hộ)
    pub household: String,
    pub kind: HouseKind,
    #[schema(value_type = String, format = Date)]
    pub handed_over_on: NaiveDate,
    /// The house's whole value, in đồng
    pub value: Amount,
    /// The fund that paid (its share becomes a spending of that fund)
    pub fund_id: Option<i64>,
    /// The fund's share; default the whole value
    pub from_fund: Option<Amount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct House {
    pub id: i64,
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    pub household: String,
    pub kind: HouseKind,
    #[schema(value_type = String, format = Date)]
    pub handed_over_on: NaiveDate,
    pub value: i64,
    pub fund_id: Option<i64>,
    pub from_fund: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize, ToSchema)]
pub struct NewRuralContribution {
    pub unit: String,
    #[schema(value_type = String, format = Date)]
    pub on: NaiveDate,
    pub source: ContributionSource,
    /// Whole đồng: `107732000000`, `"107.732,0 triệu"`
    #[serde(default)]
    pub amount: Amount,
    /// Land donated, m² with at most one decimal: `"179.592,9"`
    pub land_m2: Option<Amount>,
    /// Workdays given (ngày công)
    pub workdays: Option<i64>,
    /// What it went to: "đường giao thông nông thôn thôn 3"
    pub purpose: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct RuralContribution {
    pub id: i64,
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    #[schema(value_type = String, format = Date)]
    pub on: NaiveDate,
    pub source: ContributionSource,
    pub amount: i64,
    /// Tenths of a square metre
    pub land_m2_tenths: i64,
    pub workdays: i64,
    pub purpose: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, ToSchema)]
pub struct NewOrderedTask {
    /// The ordering government's unit
    pub unit: String,
    /// "UBND xã Dị Nậu"
    pub orderer: String,
    /// The MTTQ committee or association carrying it out
    pub contractor: String,
    pub content: String,
    /// Whole đồng
    pub budget: Amount,
    #[schema(value_type = String, format = Date)]
    pub ordered_on: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub deadline: NaiveDate,
    /// The land-clearance project it serves, if any
    pub gpmb_project: Option<String>,
}

/// The end of an ordered task: done with its result, or cancelled with a reason.
#[derive(Debug, Clone, PartialEq, Deserialize, ToSchema)]
pub struct TaskResult {
    pub status: TaskStatus,
    #[schema(value_type = Option<String>, format = Date)]
    pub on: Option<NaiveDate>,
    pub result: String,
    /// Money used, whole đồng
    pub spent: Option<Amount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct OrderedTask {
    pub id: i64,
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    pub orderer: String,
    pub contractor: String,
    pub content: String,
    pub budget: i64,
    #[schema(value_type = String, format = Date)]
    pub ordered_on: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub deadline: NaiveDate,
    pub gpmb_project: Option<String>,
    pub status: TaskStatus,
    pub result: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub done_on: Option<NaiveDate>,
    pub spent: Option<i64>,
    /// Still open past its deadline
    pub overdue: bool,
}

fn blank(s: &str) -> bool {
    crate::text::normalize(s).is_empty()
}

fn not_future(on: NaiveDate, today: NaiveDate) -> Result<(), DomainError> {
    if on > today {
        return Err(DomainError::new(
            ErrorCode::FutureDate,
            on.format("%d/%m/%Y").to_string(),
        ));
    }
    Ok(())
}

/// Whole đồng, not negative.
pub fn money(a: &Amount, what: &str) -> Result<i64, DomainError> {
    let v = a
        .to_dong()
        .map_err(|e| DomainError::new(e.code, format!("{what}: {}", e.detail)))?;
    if v < 0 {
        return Err(DomainError::validation(format!("{what} không được âm")));
    }
    Ok(v)
}

pub fn validate_movement(m: &NewMovement, today: NaiveDate) -> Result<(), DomainError> {
    if blank(&m.name) {
        return Err(DomainError::validation("cần ghi tên phong trào, cuộc vận động"));
    }
    not_future(m.started_on, today)?;
    if m.ended_on.is_some_and(|e| e < m.started_on) {
        return Err(DomainError::new(
            ErrorCode::InvalidDate,
            "ngày kết thúc trước ngày phát động",
        ));
    }
    Ok(())
}

pub fn validate_group(g: &NewGroup, today: NaiveDate) -> Result<(), DomainError> {
    if blank(&g.name) {
        return Err(DomainError::validation("cần ghi tên tổ tự quản"));
    }
    if g.members < 0 {
        return Err(DomainError::validation("số thành viên không được âm"));
    }
    not_future(g.founded_on, today)
}

pub fn validate_fund(f: &NewFund, today: NaiveDate) -> Result<(), DomainError> {
    if blank(&f.name) {
        return Err(DomainError::validation("cần ghi tên quỹ"));
    }
    not_future(f.opened_on, today)
}

/// Checks a new entry against the fund's entries so far: the amount is whole, positive đồng,
/// dated from the fund's opening and not in the future, and — taking receipts before spending
/// on the same day — the balance never goes below zero, then or on any later day.
pub fn check_entry(
    fund: &Fund,
    entries: &[FundEntry],
    kind: EntryKind,
    on: NaiveDate,
    amount: i64,
    today: NaiveDate,
) -> Result<(), DomainError> {
    if amount <= 0 {
        return Err(DomainError::validation("số tiền thu, chi phải lớn hơn 0"));
    }
    not_future(on, today)?;
    if on < fund.opened_on {
        return Err(DomainError::new(
            ErrorCode::InvalidDate,
            format!("ngày {} trước ngày lập quỹ", on.format("%d/%m/%Y")),
        ));
    }
    if kind == EntryKind::Receipt {
        return Ok(());
    }
    let mut moves: Vec<(NaiveDate, u8, i64)> = entries
        .iter()
        .map(|e| match e.kind {
            EntryKind::Receipt => (e.on, 0, e.amount),
            EntryKind::Spending => (e.on, 1, -e.amount),
        })
        .collect();
    moves.push((on, 1, -amount));
    moves.sort();
    let mut balance: i64 = 0;
    for (day, _, m) in moves {
        let before = balance;
        balance += m;
        if balance < 0 {
            return Err(DomainError::new(
                ErrorCode::FundOverdrawn,
                format!(
                    "chi {} đồng ngày {}: ngày {} quỹ chỉ còn {} đồng",
                    crate::figures::format_count(amount),
                    on.format("%d/%m/%Y"),
                    day.format("%d/%m/%Y"),
                    crate::figures::format_count(before)
                ),
            ));
        }
    }
    Ok(())
}

pub fn validate_house(h: &NewHouse, today: NaiveDate) -> Result<(i64, i64), DomainError> {
    if blank(&h.household) {
        return Err(DomainError::validation("cần ghi tên chủ hộ được hỗ trợ"));
    }
    not_future(h.handed_over_on, today)?;
    let value = money(&h.value, "trị giá nhà")?;
    if value == 0 {
        return Err(DomainError::validation("trị giá nhà phải lớn hơn 0"));
    }
    let from_fund = match (&h.fund_id, &h.from_fund) {
        (None, None) => 0,
        (None, Some(_)) => return Err(DomainError::validation("cần chọn quỹ hỗ trợ")),
        (Some(_), None) => value,
        (Some(_), Some(a)) => money(a, "số tiền quỹ hỗ trợ")?,
    };
    if from_fund > value {
        return Err(DomainError::new(
            ErrorCode::PartsExceedTotal,
            "số tiền quỹ hỗ trợ lớn hơn trị giá nhà",
        ));
    }
    Ok((value, from_fund))
}

/// Checks a new-rural contribution; gives (đồng, tenths of m², workdays).
pub fn validate_rural(c: &NewRuralContribution, today: NaiveDate) -> Result<(i64, i64, i64), DomainError> {
    if blank(&c.purpose) {
        return Err(DomainError::validation("cần ghi nội dung, công trình được đóng góp"));
    }
    not_future(c.on, today)?;
    let amount = money(&c.amount, "số tiền")?;
    let land = c.land_m2.as_ref().map(Amount::to_tenths).transpose()?.unwrap_or(0);
    let workdays = c.workdays.unwrap_or(0);
    if land < 0 || workdays < 0 {
        return Err(DomainError::validation("diện tích đất, số ngày công không được âm"));
    }
    if amount == 0 && land == 0 && workdays == 0 {
        return Err(DomainError::validation(
            "cần ghi số tiền, diện tích đất hiến hoặc số ngày công",
        ));
    }
    Ok((amount, land, workdays))
}

pub fn validate_task(t: &NewOrderedTask, today: NaiveDate) -> Result<i64, DomainError> {
    if blank(&t.orderer) || blank(&t.contractor) || blank(&t.content) {
        return Err(DomainError::validation(
            "cần ghi cơ quan đặt hàng, tổ chức nhận đặt hàng và nội dung nhiệm vụ",
        ));
    }
    not_future(t.ordered_on, today)?;
    if t.deadline < t.ordered_on {
        return Err(DomainError::new(
            ErrorCode::InvalidDate,
            "hạn hoàn thành trước ngày đặt hàng",
        ));
    }
    money(&t.budget, "kinh phí đặt hàng")
}

/// Checks the end of a task; gives the money used.
pub fn check_result(task: &OrderedTask, r: &TaskResult, today: NaiveDate) -> Result<Option<i64>, DomainError> {
    if task.status != TaskStatus::Ordered {
        return Err(DomainError::new(
            ErrorCode::InvalidTransition,
            format!("nhiệm vụ đã ở trạng thái '{}'", task.status.label_vi()),
        ));
    }
    if r.status == TaskStatus::Ordered {
        return Err(DomainError::validation("chọn hoàn thành hoặc hủy"));
    }
    if blank(&r.result) {
        return Err(DomainError::validation("cần ghi kết quả hoặc lý do hủy"));
    }
    let on = r.on.unwrap_or(today);
    not_future(on, today)?;
    if on < task.ordered_on {
        return Err(DomainError::new(
            ErrorCode::InvalidDate,
            "ngày kết thúc trước ngày đặt hàng",
        ));
    }
    let spent = r.spent.as_ref().map(|a| money(a, "kinh phí đã sử dụng")).transpose()?;
    if spent.is_some_and(|s| s > task.budget) {
        return Err(DomainError::new(
            ErrorCode::PartsExceedTotal,
            "kinh phí đã sử dụng lớn hơn kinh phí đặt hàng",
        ));
    }
    Ok(spent)
}

#[cfg(test)]
mod tests;
