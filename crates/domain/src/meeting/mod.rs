//! Meetings with the people and what is raised at them (issue 5): dialogues (đối thoại), voter
//! contacts (tiếp xúc cử tri), social-criticism conferences (phản biện xã hội) and working
//! sessions with MTTQ; supervisions (giám sát) and contributions (góp ý xây dựng Đảng, chính
//! quyền). Every opinion, recommendation or criticism point is one [`item::Item`] with one
//! follow-up life, whatever it was raised at.

pub mod compliance;
pub mod consistency;
pub mod item;
mod record;

pub use compliance::{
    compliance, compliance_rules, ComplianceLine, ComplianceRule, Held, Obligation, Per, UnitCompliance,
};
pub use consistency::{check_counts, CountWarning, HandCounts, RecordedCounts};
pub use item::{
    decide, validate_item, Decided, Decision, Item, ItemOrigin, ItemOutcome, ItemState, ItemStatus, NewItem,
    SourceKind, WorklistItem, WRITTEN_ANSWER_WORKING_DAYS,
};
pub use record::{
    level_short, report_count, Chair, Contribution, ContributionLine, ContributionTarget, LevelCount, Meeting,
    MeetingPage, MeetingStats, MeetingStep, MeetingWarning, NewContribution, NewMeeting, NewSupervision, Supervision,
    SupervisionForm, MEETING_WARNINGS_LISTED,
};

use crate::petition::named_enum;
use crate::{DomainError, ErrorCode};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

named_enum!(
    /// Loại hội nghị.
    MeetingKind {
        /// Đối thoại định kỳ giữa người đứng đầu cấp ủy, chính quyền với Nhân dân
        DialoguePeriodic => ("dialogue_periodic", "Đối thoại định kỳ"),
        /// Đối thoại đột xuất
        DialogueAdHoc => ("dialogue_ad_hoc", "Đối thoại đột xuất"),
        /// Đối thoại chuyên đề (ví dụ bồi thường GPMB một dự án)
        DialogueThematic => ("dialogue_thematic", "Đối thoại chuyên đề"),
        VoterBeforeHdnd => ("voter_before_hdnd", "Tiếp xúc cử tri trước kỳ họp HĐND"),
        VoterAfterHdnd => ("voter_after_hdnd", "Tiếp xúc cử tri sau kỳ họp HĐND"),
        VoterBeforeNa => ("voter_before_na", "Tiếp xúc cử tri trước kỳ họp Quốc hội"),
        VoterAfterNa => ("voter_after_na", "Tiếp xúc cử tri sau kỳ họp Quốc hội"),
        /// Hội nghị phản biện xã hội vào một dự thảo
        SocialCriticism => ("social_criticism", "Hội nghị phản biện xã hội"),
        /// Làm việc của cấp ủy, chính quyền với MTTQ và các tổ chức chính trị – xã hội
        WorkingSession => ("working_session", "Làm việc với MTTQ và các đoàn thể"),
    }
);

impl MeetingKind {
    /// A dialogue of any kind: what Luật 10/2022 Điều 32 and the reports count as "đối thoại".
    pub fn is_dialogue(self) -> bool {
        matches!(
            self,
            MeetingKind::DialoguePeriodic | MeetingKind::DialogueAdHoc | MeetingKind::DialogueThematic
        )
    }
}

named_enum!(
    /// Trạng thái hội nghị.
    MeetingStatus {
        Planned => ("planned", "Kế hoạch"),
        Held => ("held", "Đã tổ chức"),
        Announced => ("announced", "Đã thông báo kết quả"),
        Closed => ("closed", "Đã kết thúc"),
    }
);

named_enum!(
    /// Bước chuyển của hội nghị.
    MeetingAction {
        /// Ghi nhận đã tổ chức (kèm biên bản)
        Hold => ("hold", "Ghi nhận đã tổ chức"),
        /// Thông báo kết quả tới Nhân dân (ngày và hình thức)
        Announce => ("announce", "Thông báo kết quả"),
        /// Kết thúc khi mọi ý kiến đã xử lý xong
        Close => ("close", "Kết thúc"),
    }
);

impl MeetingStatus {
    /// The steps open from here, for the UI.
    pub fn allowed_actions(self) -> Vec<MeetingAction> {
        MeetingAction::ALL
            .iter()
            .copied()
            .filter(|a| self.after(*a).is_ok())
            .collect()
    }

    /// The status `action` leads to, or `invalid_transition`.
    pub fn after(self, action: MeetingAction) -> Result<MeetingStatus, DomainError> {
        use MeetingAction as A;
        use MeetingStatus as S;
        match (self, action) {
            (S::Planned, A::Hold) => Ok(S::Held),
            (S::Held, A::Announce) => Ok(S::Announced),
            (S::Announced, A::Close) => Ok(S::Closed),
            _ => Err(DomainError::new(
                ErrorCode::InvalidTransition,
                format!(
                    "hội nghị đang ở trạng thái '{}', không thể '{}'",
                    self.label_vi(),
                    action.label_vi()
                ),
            )),
        }
    }

    pub fn is_held(self) -> bool {
        self != MeetingStatus::Planned
    }
}

/// Checks one step against the meeting before it is applied: dates in order, not in the
/// future, the announcement says how, and nothing is left open on closing.
pub fn check_step(
    meeting: &Meeting,
    step: &MeetingStep,
    open_items: usize,
    today: NaiveDate,
) -> Result<MeetingStatus, DomainError> {
    let next = meeting.status.after(step.action)?;
    let on = step.on.unwrap_or(today);
    if on > today {
        return Err(DomainError::new(
            ErrorCode::FutureDate,
            on.format("%d/%m/%Y").to_string(),
        ));
    }
    match step.action {
        MeetingAction::Hold => {
            // Held on the day given, or on the planned day; either way not in the future.
            let held_on = step.on.unwrap_or(meeting.held_on);
            if held_on > today {
                return Err(DomainError::new(
                    ErrorCode::FutureDate,
                    format!("hội nghị dự kiến ngày {} chưa diễn ra", held_on.format("%d/%m/%Y")),
                ));
            }
            if step.participants.is_some_and(|n| n < 0) {
                return Err(DomainError::validation("số người tham dự không được âm"));
            }
        }
        MeetingAction::Announce => {
            if step
                .form
                .as_deref()
                .map(crate::text::normalize)
                .unwrap_or_default()
                .is_empty()
            {
                return Err(DomainError::validation(
                    "cần ghi hình thức thông báo kết quả (niêm yết, loa truyền thanh, …)",
                ));
            }
            if on < meeting.held_on {
                return Err(DomainError::new(
                    ErrorCode::InvalidDate,
                    "ngày thông báo kết quả không được trước ngày hội nghị",
                ));
            }
        }
        MeetingAction::Close => {
            if open_items > 0 {
                return Err(DomainError::new(
                    ErrorCode::OpenItems,
                    format!("còn {open_items} ý kiến chưa có kết quả cuối cùng"),
                ));
            }
        }
    }
    Ok(next)
}

/// Checks a meeting before anything is written. A meeting recorded as held cannot be in the
/// future; counts are not negative; no part is larger than its total (a sum of parts that does
/// not match is only a warning — see [`consistency`] — because real reports contain such sums).
pub fn validate_meeting(m: &NewMeeting, today: NaiveDate) -> Result<(), DomainError> {
    let blank = |s: &str| crate::text::normalize(s).is_empty();
    if blank(&m.topic) || blank(&m.organiser) {
        return Err(DomainError::validation(
            "cần ghi nội dung (chủ đề) và cơ quan tổ chức hội nghị",
        ));
    }
    if m.held && m.held_on > today {
        return Err(DomainError::new(
            ErrorCode::FutureDate,
            format!(
                "hội nghị ngày {} chưa diễn ra nên không thể ghi là đã tổ chức",
                m.held_on.format("%d/%m/%Y")
            ),
        ));
    }
    if m.chairs.iter().any(|c| blank(&c.name) || blank(&c.position)) {
        return Err(DomainError::validation("mỗi người chủ trì cần có họ tên và chức vụ"));
    }
    let counts = [
        Some(m.participants),
        m.opinions_total,
        m.opinions_collected,
        m.opinions_direct,
    ];
    if counts.iter().flatten().any(|n| *n < 0) {
        return Err(DomainError::validation("số người tham dự, số ý kiến không được âm"));
    }
    if let Some(total) = m.opinions_total {
        for (part, label) in [
            (m.opinions_collected, "tổng hợp từ cơ sở"),
            (m.opinions_direct, "nêu trực tiếp"),
        ] {
            if let Some(p) = part.filter(|p| *p > total) {
                return Err(DomainError::new(
                    ErrorCode::PartsExceedTotal,
                    format!("{p} ý kiến {label} nhiều hơn tổng số {total} ý kiến"),
                ));
            }
        }
    }
    if let Some(posted) = m.schedule_posted_on {
        if posted > m.held_on {
            return Err(DomainError::new(
                ErrorCode::InvalidDate,
                "ngày niêm yết lịch không được sau ngày hội nghị",
            ));
        }
    }
    for item in &m.items {
        validate_item(item)?;
    }
    Ok(())
}

/// Checks a supervision before anything is written.
pub fn validate_supervision(s: &NewSupervision, today: NaiveDate) -> Result<(), DomainError> {
    let blank = |v: &str| crate::text::normalize(v).is_empty();
    if blank(&s.organisation) || blank(&s.subject) || blank(&s.topic) {
        return Err(DomainError::validation(
            "cần ghi tổ chức giám sát, đối tượng và nội dung giám sát",
        ));
    }
    if s.held_on > today {
        return Err(DomainError::new(
            ErrorCode::FutureDate,
            s.held_on.format("%d/%m/%Y").to_string(),
        ));
    }
    for item in &s.items {
        validate_item(item)?;
    }
    Ok(())
}

/// Checks a contribution before anything is written.
pub fn validate_contribution(c: &NewContribution, today: NaiveDate) -> Result<(), DomainError> {
    let blank = |v: &str| crate::text::normalize(v).is_empty();
    if blank(&c.organisation) || blank(&c.document) {
        return Err(DomainError::validation(
            "cần ghi tổ chức góp ý và văn bản, vấn đề được góp ý",
        ));
    }
    if c.given_on > today {
        return Err(DomainError::new(
            ErrorCode::FutureDate,
            c.given_on.format("%d/%m/%Y").to_string(),
        ));
    }
    for item in &c.items {
        validate_item(item)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
