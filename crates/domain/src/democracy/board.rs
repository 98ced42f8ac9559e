//! People's Inspection Boards (Ban Thanh tra nhân dân, Điều 36–40) and community investment
//! supervision boards (Ban Giám sát đầu tư của cộng đồng, Điều 41–45): organisations with
//! members, a term and periodic reports to MTTQ xã. Their supervisions are recorded as the
//! meetings issue's supervisions, under the board's name.

use crate::petition::named_enum;
use crate::unit::Level;
use crate::{DomainError, ErrorCode};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Both boards have at least 05 members (Điều 36(1), Điều 41(2)).
pub const MIN_BOARD_MEMBERS: usize = 5;

named_enum!(
    BoardKind {
        Inspection => ("inspection", "Ban Thanh tra nhân dân"),
        InvestmentSupervision => ("investment_supervision", "Ban Giám sát đầu tư của cộng đồng"),
    }
);

named_enum!(
    BoardRole {
        Head => ("head", "Trưởng ban"),
        Deputy => ("deputy", "Phó Trưởng ban"),
        Member => ("member", "Thành viên"),
    }
);

named_enum!(
    /// Kỳ báo cáo của Ban với MTTQ xã.
    BoardReportPeriod {
        Quarter => ("quarter", "Báo cáo quý"),
        HalfYear => ("half_year", "Báo cáo 6 tháng"),
        Year => ("year", "Báo cáo năm"),
        Term => ("term", "Báo cáo nhiệm kỳ"),
        AdHoc => ("ad_hoc", "Báo cáo đột xuất"),
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct NewBoardMember {
    pub name: String,
    pub role: BoardRole,
    /// The thôn / tổ dân phố the member was elected from, `scheme/code`
    pub village: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct NewBoard {
    /// The commune, `scheme/code`
    pub unit: String,
    pub kind: BoardKind,
    /// Default: "Ban Thanh tra nhân dân <commune>"
    pub name: Option<String>,
    #[schema(value_type = String, format = Date)]
    pub term_from: NaiveDate,
    #[schema(value_type = Option<String>, format = Date)]
    pub term_to: Option<NaiveDate>,
    /// The project supervised (community investment supervision boards are set up per project)
    pub project: Option<String>,
    pub gpmb_project_id: Option<i64>,
    #[serde(default)]
    pub members: Vec<NewBoardMember>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct NewBoardReport {
    pub period: BoardReportPeriod,
    /// "Quý III/2024", "Nhiệm kỳ 2022–2025"
    pub period_label: String,
    #[schema(value_type = String, format = Date)]
    pub submitted_on: NaiveDate,
    pub content: String,
    /// Recommendations made (kiến nghị)
    #[serde(default)]
    pub recommendations: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct BoardMember {
    pub id: i64,
    pub name: String,
    pub role: BoardRole,
    pub village_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct BoardReport {
    pub id: i64,
    pub period: BoardReportPeriod,
    pub period_label: String,
    #[schema(value_type = String, format = Date)]
    pub submitted_on: NaiveDate,
    pub content: String,
    pub recommendations: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Board {
    pub id: i64,
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_level: Level,
    pub kind: BoardKind,
    pub name: String,
    /// The organisation row the board is, so supervisions can name it
    pub organisation_id: i64,
    #[schema(value_type = String, format = Date)]
    pub term_from: NaiveDate,
    #[schema(value_type = Option<String>, format = Date)]
    pub term_to: Option<NaiveDate>,
    pub project: Option<String>,
    pub gpmb_project_id: Option<i64>,
    pub members: Vec<BoardMember>,
    pub reports: Vec<BoardReport>,
    /// Supervisions recorded (meetings issue) under the board's name in its commune
    pub supervisions: i64,
    /// Rules not met yet (fewer than 5 members; fewer members than thôn for an inspection board)
    pub warnings: Vec<String>,
}

pub fn validate_board(b: &NewBoard) -> Result<(), DomainError> {
    if b.term_to.is_some_and(|to| to < b.term_from) {
        return Err(DomainError::new(
            ErrorCode::InvalidDate,
            "ngày kết thúc nhiệm kỳ không được trước ngày bắt đầu",
        ));
    }
    if b.name
        .as_deref()
        .is_some_and(|n| crate::text::normalize(n).is_empty() && !n.is_empty())
    {
        return Err(DomainError::validation("tên Ban không hợp lệ"));
    }
    if b.members.iter().any(|m| crate::text::normalize(&m.name).is_empty()) {
        return Err(DomainError::validation("mỗi thành viên cần có họ tên"));
    }
    if b.members.iter().filter(|m| m.role == BoardRole::Head).count() > 1 {
        return Err(DomainError::validation("Ban chỉ có một Trưởng ban"));
    }
    Ok(())
}

pub fn validate_board_report(r: &NewBoardReport, term_from: NaiveDate, today: NaiveDate) -> Result<(), DomainError> {
    if crate::text::normalize(&r.period_label).is_empty() || crate::text::normalize(&r.content).is_empty() {
        return Err(DomainError::validation("cần ghi kỳ báo cáo và nội dung báo cáo"));
    }
    if r.submitted_on > today {
        return Err(DomainError::new(
            ErrorCode::FutureDate,
            r.submitted_on.format("%d/%m/%Y").to_string(),
        ));
    }
    if r.submitted_on < term_from {
        return Err(DomainError::new(
            ErrorCode::InvalidDate,
            "ngày báo cáo không được trước ngày bắt đầu nhiệm kỳ",
        ));
    }
    if r.recommendations < 0 {
        return Err(DomainError::validation("số kiến nghị không được âm"));
    }
    Ok(())
}

/// What the board still lacks: 5 members at least, and for an inspection board one member per
/// thôn / tổ dân phố of the commune (Điều 36(1)).
pub fn board_warnings(kind: BoardKind, members: usize, villages: usize) -> Vec<String> {
    let mut out = Vec::new();
    if members < MIN_BOARD_MEMBERS {
        out.push(format!(
            "Ban có {members} thành viên, cần ít nhất {:02} thành viên",
            MIN_BOARD_MEMBERS
        ));
    }
    if kind == BoardKind::Inspection && villages > members {
        out.push(format!(
            "số thành viên ({members}) ít hơn số thôn, tổ dân phố của xã ({villages})"
        ));
    }
    out
}
