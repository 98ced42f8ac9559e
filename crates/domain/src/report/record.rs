//! A report as a stored document: its header (who issues it, number and symbol, place, signer,
//! recipients), the sections the officer writes, and its life draft → submitted → approved. An
//! approved report is frozen: its figures are kept as they were approved, with the time.

use super::ReportFigures;
use crate::error::{DomainError, ErrorCode};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// Which document format the report follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocStyle {
    /// Hướng dẫn 36-HD/VPTW: Party bodies (Ban Tuyên giáo và Dân vận, Đảng ủy)
    #[default]
    Party,
    /// Nghị định 30/2020/NĐ-CP: state bodies (UBND)
    State,
}

/// The header block, number, place, signature and recipients.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct ReportHeader {
    pub style: DocStyle,
    /// `TỈNH ỦY PHÚ THỌ`, `ĐẢNG BỘ TỈNH …`, `UBND TỈNH …`
    pub parent_body: String,
    /// `BAN TUYÊN GIÁO VÀ DÂN VẬN`, `ĐẢNG ỦY XÃ …`
    pub issuing_body: String,
    /// Number and symbol without "Số": `15-BC/BDVHU`, `05/BC-UBND`
    pub number: String,
    /// Place name of the date line: `Tam Nông`
    pub place: String,
    /// The date line's date (ISO); the render date when empty
    pub date: Option<String>,
    /// `T/M BAN THƯỜNG VỤ`, `TM. ỦY BAN NHÂN DÂN`
    pub signer_authority: String,
    /// `TRƯỞNG BAN`, `CHỦ TỊCH`
    pub signer_title: String,
    pub signer_name: String,
    /// Nơi nhận
    pub recipients: Vec<String>,
    /// The report's own title line under "BÁO CÁO"; a default is built from the period.
    pub title: Option<String>,
}

/// The officer's own sections (đánh giá, hạn chế, nhiệm vụ) and any edited narrative.
pub type FreeSections = BTreeMap<String, String>;

/// The free-text sections every report has, with their headings.
pub const FREE_SECTIONS: [(&str, &str); 3] = [
    ("assessment", "Đánh giá chung"),
    ("limitations", "Hạn chế, nguyên nhân"),
    ("tasks", "Phương hướng, nhiệm vụ kỳ tới"),
];

crate::petition::named_enum!(
    /// Where a report is in its life.
    ReportStatus {
        Draft => ("draft", "Dự thảo"),
        Submitted => ("submitted", "Đã trình"),
        Approved => ("approved", "Đã duyệt"),
    }
);

crate::petition::named_enum!(
    /// A step of a report's life.
    ReportAction {
        Submit => ("submit", "Trình duyệt"),
        Approve => ("approve", "Duyệt"),
        ReturnToDraft => ("return", "Trả lại để sửa"),
    }
);

impl ReportStatus {
    pub fn apply(self, action: ReportAction) -> Result<ReportStatus, DomainError> {
        use ReportAction::*;
        use ReportStatus::*;
        match (self, action) {
            (Draft, Submit) => Ok(Submitted),
            (Submitted, Approve) => Ok(Approved),
            (Submitted, ReturnToDraft) => Ok(Draft),
            (Approved, _) => Err(DomainError::new(ErrorCode::ReportFrozen, "")),
            _ => Err(DomainError::new(
                ErrorCode::InvalidTransition,
                format!("{} → {}", self.label_vi(), action.label_vi()),
            )),
        }
    }
}

/// The figures as they were approved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ApprovedFigures {
    pub figures: ReportFigures,
    pub approved_at: String,
    pub approved_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReportRecord {
    pub id: i64,
    pub unit: super::ReportUnit,
    pub family: String,
    pub period_key: String,
    pub status: ReportStatus,
    pub header: ReportHeader,
    #[schema(value_type = Object)]
    pub sections: FreeSections,
    pub approved: Option<ApprovedFigures>,
    pub updated_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_submitted_then_approved_and_then_frozen() {
        let s = ReportStatus::Draft.apply(ReportAction::Submit).unwrap();
        assert_eq!(s, ReportStatus::Submitted);
        assert_eq!(s.apply(ReportAction::ReturnToDraft).unwrap(), ReportStatus::Draft);
        let approved = s.apply(ReportAction::Approve).unwrap();
        let e = approved.apply(ReportAction::ReturnToDraft).unwrap_err();
        assert_eq!(e.code, ErrorCode::ReportFrozen);
        let e = ReportStatus::Draft.apply(ReportAction::Approve).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidTransition);
    }
}
