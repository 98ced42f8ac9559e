//! The movement, fund, new-rural and ordered-task figures of a unit subtree over a period, and
//! the sentences the reports write with them.

use super::{ContributionSource, FundKind};
use crate::figures::{format_count, format_decimal, Rate, Rounding};
use crate::money::{million_text, rounded_text};
use crate::petition::Count;
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct MovementStats {
    pub unit: String,
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
    /// Movements and campaigns running at some time in the period
    pub movements: i64,
    pub by_kind: Vec<Count>,
    /// Units taking part in them
    pub participating_units: i64,
    /// Self-managed groups founded by the end of the period
    pub groups: i64,
    pub groups_by_field: Vec<Count>,
    pub group_members: i64,
    /// `487 tổ nhân dân tự quản (bảo vệ môi trường 487)`
    pub groups_text: String,
}

/// Money of one kind: whole đồng and the report's wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct MoneyLine {
    pub key: String,
    pub label: String,
    /// Whole đồng
    pub dong: i64,
    /// In millions with one decimal: `107.732,0`
    pub million: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FundLine {
    pub kind: FundKind,
    pub label: String,
    /// Receipts in the period, whole đồng
    pub received: i64,
    /// Spending in the period, whole đồng
    pub spent: i64,
    /// `Quỹ “Vì người nghèo” vận động được trên 3,7 tỷ đồng`
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FundStats {
    pub unit: String,
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
    pub funds: Vec<FundLine>,
    pub received: i64,
    pub spent: i64,
    /// Houses of great solidarity handed over in the period
    pub houses: i64,
    pub houses_new: i64,
    pub houses_repaired: i64,
    /// Their value, whole đồng
    pub houses_value: i64,
    /// `91 ngôi nhà đại đoàn kết, trị giá trên 1,9 tỷ đồng`
    pub houses_text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct NewRuralStats {
    pub unit: String,
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
    /// Whole đồng
    pub total: i64,
    /// `2.808.657,0` (triệu đồng)
    pub total_million: String,
    /// The three sources, in the report's order
    pub by_source: Vec<MoneyLine>,
    /// Land donated, tenths of a square metre
    pub land_m2_tenths: i64,
    /// `179.592,9`
    pub land_m2: String,
    pub workdays: i64,
    /// `huy động được 2.808.657,0 triệu đồng (ngân sách Nhà nước: 107.732,0 triệu đồng; …); hiến 179.592,9 m2 đất; 378 ngày công`
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct OrderedTaskStats {
    pub unit: String,
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
    /// Tasks ordered in the period
    pub ordered: i64,
    pub done: i64,
    pub done_on_time: i64,
    pub cancelled: i64,
    /// Still open past the deadline (as of the period's end or today, whichever is earlier)
    pub overdue: i64,
    /// Whole đồng
    pub budget: i64,
    pub spent: i64,
    pub by_contractor: Vec<Count>,
    pub done_rate: Rate,
    /// `12 nhiệm vụ đặt hàng, kinh phí 350 triệu đồng; hoàn thành 10/12, đạt 83,3%; 01 quá hạn`
    pub text: String,
}

/// `Quỹ “Vì người nghèo” vận động được trên 3,7 tỷ đồng, chi 1,9 tỷ đồng`
pub fn fund_text(kind: FundKind, received: i64, spent: i64) -> String {
    let mut s = format!("{} vận động được {}", kind.label_vi(), rounded_text(received));
    if spent > 0 {
        s.push_str(&format!(", đã chi {}", rounded_text(spent)));
    }
    s
}

/// `91 ngôi nhà đại đoàn kết, trị giá trên 1,9 tỷ đồng`
pub fn houses_text(houses: i64, value: i64) -> String {
    format!(
        "{} ngôi nhà đại đoàn kết, trị giá {}",
        format_count(houses),
        rounded_text(value)
    )
}

/// The seed's new-rural sentence from whole đồng by source.
pub fn new_rural_text(by_source: &[(ContributionSource, i64)], land_tenths: i64, workdays: i64) -> String {
    let total: i64 = by_source.iter().map(|(_, v)| v).sum();
    let word = |s: ContributionSource| match s {
        ContributionSource::StateBudget => "nguồn lực từ ngân sách Nhà nước",
        ContributionSource::People => "huy động Nhân dân đóng góp",
        ContributionSource::OtherProgrammes => "huy động lồng ghép từ các chương trình, dự án khác",
    };
    let parts: Vec<String> = by_source
        .iter()
        .map(|(s, v)| format!("{}: {} triệu đồng", word(*s), million_text(*v)))
        .collect();
    let mut text = format!(
        "huy động được {} triệu đồng ({})",
        million_text(total),
        parts.join("; ")
    );
    if land_tenths > 0 {
        text.push_str(&format!("; hiến {} m2 đất", format_decimal(land_tenths, 1)));
    }
    if workdays > 0 {
        text.push_str(&format!("; {} ngày công", format_count(workdays)));
    }
    text
}

/// `12 nhiệm vụ đặt hàng, kinh phí 350 triệu đồng; hoàn thành 10/12, đạt 83,3%; 01 quá hạn`
pub fn ordered_task_text(ordered: i64, budget: i64, done: i64, overdue: i64) -> String {
    let rate = Rate::new(done, ordered);
    let mut s = format!(
        "{} nhiệm vụ đặt hàng, kinh phí {}; hoàn thành {}",
        format_count(ordered),
        rounded_text(budget),
        rate.text(Rounding::Truncate)
    );
    if overdue > 0 {
        s.push_str(&format!("; {} quá hạn", crate::meeting::report_count(overdue)));
    }
    s
}
