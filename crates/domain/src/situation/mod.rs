//! Knowing the people's situation (nắm tình hình nhân dân): periodic situation reports from
//! residential groups and communes, and the register of hot, pressing and long-running issues
//! (vấn đề nóng, bức xúc, kéo dài) with severity, place, people affected, linked petitions and
//! meetings, who follows them, their status and escalation to the level above.

use crate::petition::{named_enum, Count};
use crate::unit::Level;
use crate::{DomainError, ErrorCode};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

named_enum!(
    /// Tâm trạng, tư tưởng của Nhân dân.
    Mood {
        Stable => ("stable", "Ổn định, phấn khởi"),
        Concerned => ("concerned", "Có băn khoăn, lo lắng"),
        Tense => ("tense", "Bức xúc, diễn biến phức tạp"),
    }
);

named_enum!(
    IssueKind {
        Hot => ("hot", "Vấn đề nóng, nổi cộm"),
        Pressing => ("pressing", "Vấn đề bức xúc"),
        LongRunning => ("long_running", "Vấn đề kéo dài"),
    }
);

named_enum!(
    /// Mức độ.
    Severity {
        Low => ("low", "Thấp"),
        Medium => ("medium", "Trung bình"),
        High => ("high", "Cao"),
        Critical => ("critical", "Đặc biệt nghiêm trọng"),
    }
);

named_enum!(
    IssueStatus {
        Following => ("following", "Đang theo dõi"),
        Handling => ("handling", "Đang giải quyết"),
        Resolved => ("resolved", "Đã giải quyết ổn định"),
    }
);

named_enum!(
    IssueAction {
        /// Giải quyết: handling started
        Handle => ("handle", "Bắt đầu giải quyết"),
        Resolve => ("resolve", "Ghi nhận đã giải quyết"),
        /// Phát sinh lại
        Reopen => ("reopen", "Phát sinh trở lại"),
        /// Báo cáo, đề nghị cấp trên
        Escalate => ("escalate", "Báo cáo lên cấp trên"),
    }
);

impl Severity {
    /// Higher is worse.
    pub fn rank(self) -> u8 {
        match self {
            Severity::Low => 1,
            Severity::Medium => 2,
            Severity::High => 3,
            Severity::Critical => 4,
        }
    }
}

impl IssueStatus {
    /// The status an action leads to (escalation keeps the status; a resolved issue is reopened
    /// before anything else).
    pub fn after(self, action: IssueAction) -> Result<IssueStatus, DomainError> {
        use IssueAction as A;
        use IssueStatus as S;
        match (self, action) {
            (S::Following, A::Handle) => Ok(S::Handling),
            (S::Following | S::Handling, A::Resolve) => Ok(S::Resolved),
            (S::Resolved, A::Reopen) => Ok(S::Following),
            (S::Following | S::Handling, A::Escalate) => Ok(self),
            _ => Err(DomainError::new(
                ErrorCode::InvalidTransition,
                format!("vấn đề đang '{}', không thể '{}'", self.label_vi(), action.label_vi()),
            )),
        }
    }

    pub fn allowed_actions(self) -> Vec<IssueAction> {
        IssueAction::ALL
            .iter()
            .copied()
            .filter(|a| self.after(*a).is_ok())
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct NewSituationReport {
    /// The residential group (thôn, tổ dân phố) or commune reporting, `scheme/code`
    pub unit: String,
    #[schema(value_type = String, format = Date)]
    pub period_from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub period_to: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub submitted_on: NaiveDate,
    pub mood: Mood,
    /// Tình hình tư tưởng, dư luận
    pub summary: String,
    /// Issues the people raise (free text; the register holds the followed ones)
    pub issues: Option<String>,
    pub reporter: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct SituationReport {
    pub id: i64,
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_level: Level,
    #[schema(value_type = String, format = Date)]
    pub period_from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub period_to: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub submitted_on: NaiveDate,
    pub mood: Mood,
    pub summary: String,
    pub issues: Option<String>,
    pub reporter: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct NewIssue {
    /// The commune (or district) where it arises, `scheme/code`
    pub unit: String,
    /// The thôn / tổ dân phố, `scheme/code`
    pub village: Option<String>,
    /// Where exactly ("khu đất dự án đường H")
    pub place: Option<String>,
    pub title: String,
    pub description: Option<String>,
    pub kind: IssueKind,
    pub severity: Severity,
    #[serde(default)]
    pub people_affected: i64,
    #[schema(value_type = String, format = Date)]
    pub first_seen_on: NaiveDate,
    /// Who follows it (cán bộ theo dõi)
    pub follower: Option<String>,
    /// Linked petitions, by code
    #[serde(default)]
    pub petitions: Vec<String>,
    /// Linked meetings (dialogues), by id
    #[serde(default)]
    pub meetings: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct IssueStep {
    pub action: IssueAction,
    #[schema(value_type = Option<String>, format = Date)]
    pub on: Option<NaiveDate>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct IssueEvent {
    pub action: IssueAction,
    #[schema(value_type = String, format = Date)]
    pub on: NaiveDate,
    pub note: Option<String>,
    /// For an escalation: the unit it went to
    pub to_unit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Issue {
    pub id: i64,
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_level: Level,
    pub village_name: Option<String>,
    pub place: Option<String>,
    pub title: String,
    pub description: Option<String>,
    pub kind: IssueKind,
    pub severity: Severity,
    pub people_affected: i64,
    #[schema(value_type = String, format = Date)]
    pub first_seen_on: NaiveDate,
    pub follower: Option<String>,
    pub status: IssueStatus,
    /// The unit now handling it (the issue's own, or the one it was escalated to)
    pub handling_unit: String,
    pub handling_unit_name: String,
    pub escalations: i64,
    /// Days since first seen (to the resolution, or today)
    pub age_days: i64,
    #[schema(value_type = Option<String>, format = Date)]
    pub resolved_on: Option<NaiveDate>,
    pub petitions: Vec<String>,
    pub meetings: Vec<i64>,
    /// Filled when one issue is read
    pub events: Vec<IssueEvent>,
    pub allowed_actions: Vec<IssueAction>,
}

/// The register's order: the most severe first, then the oldest, then by id.
pub fn sort_issues(list: &mut [Issue]) {
    list.sort_by(|a, b| {
        b.severity
            .rank()
            .cmp(&a.severity.rank())
            .then(a.first_seen_on.cmp(&b.first_seen_on))
            .then(a.id.cmp(&b.id))
    });
}

pub fn validate_report(r: &NewSituationReport, today: NaiveDate) -> Result<(), DomainError> {
    if crate::text::normalize(&r.summary).is_empty() {
        return Err(DomainError::validation(
            "cần ghi tình hình tư tưởng, dư luận trong Nhân dân",
        ));
    }
    if r.period_to < r.period_from {
        return Err(DomainError::new(
            ErrorCode::InvalidDate,
            "kỳ báo cáo kết thúc trước khi bắt đầu",
        ));
    }
    if r.submitted_on > today {
        return Err(DomainError::new(
            ErrorCode::FutureDate,
            r.submitted_on.format("%d/%m/%Y").to_string(),
        ));
    }
    if r.submitted_on < r.period_from {
        return Err(DomainError::new(
            ErrorCode::InvalidDate,
            "ngày báo cáo trước kỳ báo cáo",
        ));
    }
    Ok(())
}

pub fn validate_issue(i: &NewIssue, today: NaiveDate) -> Result<(), DomainError> {
    if crate::text::normalize(&i.title).is_empty() {
        return Err(DomainError::validation("cần ghi nội dung vấn đề"));
    }
    if i.people_affected < 0 {
        return Err(DomainError::validation("số người bị ảnh hưởng không được âm"));
    }
    if i.first_seen_on > today {
        return Err(DomainError::new(
            ErrorCode::FutureDate,
            i.first_seen_on.format("%d/%m/%Y").to_string(),
        ));
    }
    Ok(())
}

/// Checks a step; returns the new status and the day.
pub fn check_issue_step(
    status: IssueStatus,
    first_seen_on: NaiveDate,
    last_event_on: Option<NaiveDate>,
    step: &IssueStep,
    today: NaiveDate,
) -> Result<(IssueStatus, NaiveDate), DomainError> {
    let next = status.after(step.action)?;
    let on = step.on.unwrap_or(today);
    if on > today {
        return Err(DomainError::new(
            ErrorCode::FutureDate,
            on.format("%d/%m/%Y").to_string(),
        ));
    }
    if on < last_event_on.unwrap_or(first_seen_on).max(first_seen_on) {
        return Err(DomainError::new(
            ErrorCode::InvalidDate,
            "ngày không được trước lần cập nhật trước hoặc ngày phát sinh",
        ));
    }
    Ok((next, on))
}

/// Situation figures of a unit subtree over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct SituationStats {
    pub unit: String,
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
    /// Reports submitted in the period
    pub reports: i64,
    pub reports_by_mood: Vec<Count>,
    pub reports_by_level: Vec<Count>,
    /// Issues first seen in the period
    pub issues_new: i64,
    /// Issues not resolved at the end of the period (whenever they arose)
    pub issues_open: i64,
    pub issues_resolved: i64,
    pub issues_escalated: i64,
    pub open_by_kind: Vec<Count>,
    pub open_by_severity: Vec<Count>,
    pub people_affected_open: i64,
    /// "12 báo cáo tình hình Nhân dân; 05 vấn đề nóng, bức xúc, kéo dài mới phát sinh, đã giải quyết 03, còn theo dõi 04"
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn issue(id: i64, severity: Severity, first: &str) -> Issue {
        Issue {
            id,
            unit_scheme: "2025".into(),
            unit_code: "00004".into(),
            unit_name: "Phường Ba Đình".into(),
            unit_level: Level::Commune,
            village_name: None,
            place: None,
            title: format!("vấn đề {id}"),
            description: None,
            kind: IssueKind::Pressing,
            severity,
            people_affected: 0,
            first_seen_on: d(first),
            follower: None,
            status: IssueStatus::Following,
            handling_unit: "2025/00004".into(),
            handling_unit_name: "Phường Ba Đình".into(),
            escalations: 0,
            age_days: 0,
            resolved_on: None,
            petitions: vec![],
            meetings: vec![],
            events: vec![],
            allowed_actions: vec![],
        }
    }

    #[test]
    fn register_sorts_by_severity_then_age() {
        let mut list = vec![
            issue(1, Severity::Medium, "2024-01-01"),
            issue(2, Severity::Critical, "2024-06-01"),
            issue(3, Severity::Medium, "2023-05-01"),
            issue(4, Severity::Critical, "2024-02-01"),
        ];
        sort_issues(&mut list);
        let ids: Vec<i64> = list.iter().map(|i| i.id).collect();
        assert_eq!(ids, vec![4, 2, 3, 1]);
    }

    #[test]
    fn a_resolved_issue_is_reopened_before_escalation() {
        assert_eq!(
            IssueStatus::Resolved.after(IssueAction::Escalate).unwrap_err().code,
            ErrorCode::InvalidTransition
        );
        assert_eq!(
            IssueStatus::Resolved.after(IssueAction::Reopen).unwrap(),
            IssueStatus::Following
        );
        assert_eq!(
            IssueStatus::Handling.after(IssueAction::Escalate).unwrap(),
            IssueStatus::Handling
        );
    }

    #[test]
    fn a_step_cannot_predate_the_last_one() {
        let step = IssueStep {
            action: IssueAction::Handle,
            on: Some(d("2024-03-01")),
            note: None,
        };
        let e = check_issue_step(
            IssueStatus::Following,
            d("2024-01-01"),
            Some(d("2024-04-01")),
            &step,
            d("2024-12-01"),
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidDate);
        assert!(check_issue_step(IssueStatus::Following, d("2024-01-01"), None, &step, d("2024-12-01")).is_ok());
    }
}
