//! What is written and read back: meetings, supervisions, contributions and the statistics.

use super::consistency::CountWarning;
use super::item::{Item, NewItem};
use super::{MeetingAction, MeetingKind, MeetingStatus};
use crate::figures::Rate;
use crate::petition::{named_enum, Count};
use crate::unit::Level;
use crate::DomainError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Người chủ trì and their position ("Bí thư Huyện ủy", "Chủ tịch UBND xã").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Chair {
    pub name: String,
    pub position: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct NewMeeting {
    /// `scheme/code`, or a code valid on the meeting day
    pub unit: String,
    pub kind: MeetingKind,
    /// Cơ quan tổ chức, e.g. "Huyện ủy – UBND huyện"
    pub organiser: String,
    #[serde(default)]
    pub chairs: Vec<Chair>,
    /// The day it is (or was) held
    #[schema(value_type = String, format = Date)]
    pub held_on: NaiveDate,
    pub place: Option<String>,
    pub topic: String,
    /// Dự án GPMB liên quan (free text until GPMB records exist)
    pub gpmb_project: Option<String>,
    /// Số đại biểu, lượt người tham dự
    #[serde(default)]
    pub participants: i64,
    /// Hand-entered: total opinions (lượt ý kiến)
    pub opinions_total: Option<i64>,
    /// Hand-entered: opinions pre-collected from lower units (tổng hợp từ cơ sở)
    pub opinions_collected: Option<i64>,
    /// Hand-entered: opinions raised directly at the meeting
    pub opinions_direct: Option<i64>,
    /// The day the schedule was posted (niêm yết lịch)
    #[schema(value_type = Option<String>, format = Date)]
    pub schedule_posted_on: Option<NaiveDate>,
    /// Already held (recording a past meeting); otherwise it is a plan
    #[serde(default)]
    pub held: bool,
    /// Biên bản (summary of the minutes)
    pub minutes: Option<String>,
    /// Items raised, recorded with the meeting
    #[serde(default)]
    pub items: Vec<NewItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Meeting {
    pub id: i64,
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_level: Level,
    pub kind: MeetingKind,
    pub status: MeetingStatus,
    pub organiser: String,
    pub chairs: Vec<Chair>,
    #[schema(value_type = String, format = Date)]
    pub held_on: NaiveDate,
    pub place: Option<String>,
    pub topic: String,
    pub gpmb_project: Option<String>,
    pub participants: i64,
    pub opinions_total: Option<i64>,
    pub opinions_collected: Option<i64>,
    pub opinions_direct: Option<i64>,
    #[schema(value_type = Option<String>, format = Date)]
    pub schedule_posted_on: Option<NaiveDate>,
    pub minutes: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub announced_on: Option<NaiveDate>,
    pub announce_form: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub closed_on: Option<NaiveDate>,
    /// Filled when one meeting is read; empty in lists
    pub items: Vec<Item>,
    /// Hand-entered counts that do not match their parts or the recorded items
    pub warnings: Vec<CountWarning>,
    pub allowed_actions: Vec<MeetingAction>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct MeetingPage {
    pub items: Vec<Meeting>,
    /// Pass as `after` for the next page; absent on the last page.
    pub next: Option<String>,
}

/// A step in a meeting's life.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct MeetingStep {
    pub action: MeetingAction,
    /// When it happened (default today)
    #[schema(value_type = Option<String>, format = Date)]
    pub on: Option<NaiveDate>,
    /// Biên bản, when holding
    pub minutes: Option<String>,
    /// Participants, when holding (replaces the planned figure)
    pub participants: Option<i64>,
    /// Hình thức thông báo, when announcing
    pub form: Option<String>,
}

named_enum!(
    /// Hình thức giám sát (Luật MTTQ Điều 27).
    SupervisionForm {
        Direct => ("direct", "Thành lập đoàn giám sát"),
        Documents => ("documents", "Nghiên cứu, xem xét văn bản"),
        Conference => ("conference", "Thông qua hội nghị"),
        /// Qua Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng
        Boards => ("boards", "Qua Ban TTND, Ban GSĐTCĐ"),
    }
);

named_enum!(
    /// Góp ý xây dựng Đảng hay xây dựng chính quyền.
    ContributionTarget {
        Party => ("party", "Xây dựng Đảng"),
        Government => ("government", "Xây dựng chính quyền"),
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct NewSupervision {
    pub unit: String,
    /// The organisation running it: MTTQ, Hội Nông dân, Ban TTND, Ban GSĐTCĐ, …
    pub organisation: String,
    /// Đối tượng giám sát
    pub subject: String,
    pub topic: String,
    pub form: SupervisionForm,
    #[schema(value_type = String, format = Date)]
    pub held_on: NaiveDate,
    /// Kết luận giám sát
    pub conclusions: Option<String>,
    /// Recommendations after the supervision (kiến nghị sau giám sát)
    #[serde(default)]
    pub items: Vec<NewItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Supervision {
    pub id: i64,
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_level: Level,
    pub organisation: String,
    pub subject: String,
    pub topic: String,
    pub form: SupervisionForm,
    #[schema(value_type = String, format = Date)]
    pub held_on: NaiveDate,
    pub conclusions: Option<String>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct NewContribution {
    pub unit: String,
    pub target: ContributionTarget,
    pub organisation: String,
    #[schema(value_type = String, format = Date)]
    pub given_on: NaiveDate,
    /// The document or matter commented on
    pub document: String,
    /// The opinions given
    #[serde(default)]
    pub items: Vec<NewItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Contribution {
    pub id: i64,
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_level: Level,
    pub target: ContributionTarget,
    pub organisation: String,
    #[schema(value_type = String, format = Date)]
    pub given_on: NaiveDate,
    pub document: String,
    pub items: Vec<Item>,
}

/// A count split by level: `cấp huyện 05 định kỳ`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct LevelCount {
    pub level: Level,
    pub key: String,
    pub label: String,
    pub count: i64,
}

/// The meeting figures of a unit subtree over a period, computed from the records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct MeetingStats {
    pub unit: String,
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
    /// Meetings held (every kind)
    pub meetings_held: i64,
    /// Held meetings by level and kind
    pub by_level_kind: Vec<LevelCount>,
    pub dialogues: i64,
    /// `199 hội nghị đối thoại: cấp huyện 05 định kỳ và 23 đột xuất; …`
    pub dialogues_text: String,
    pub participants: i64,
    /// `9.685 lượt người`
    pub participants_text: String,
    /// Items raised at meetings held in the period
    pub items: i64,
    pub answered: i64,
    pub answered_rate: Rate,
    /// `1.015/1.015 ý kiến được trả lời`
    pub answered_text: String,
    pub items_by_outcome: Vec<Count>,
    /// `82 trả lời trực tiếp, 13 trả lời bằng văn bản`
    pub outcome_text: String,
    /// Items by the level of the meeting and their outcome
    pub items_by_level: Vec<LevelCount>,
    pub supervisions: i64,
    pub supervisions_by_level: Vec<Count>,
    /// `173 cuộc: huyện 17, xã 156`
    pub supervisions_text: String,
    pub supervision_items: i64,
    /// Meetings entered as plans for the period (kế hoạch)
    pub planned: i64,
    /// Of those, the ones held
    pub planned_held: i64,
    /// `Kế hoạch 12 hội nghị, đã tổ chức 9, còn 3 chưa tổ chức`
    pub plan_text: String,
    pub criticism_conferences: i64,
    pub contributions: Vec<ContributionLine>,
    /// Meetings whose hand-entered counts do not add up: the first `MEETING_WARNINGS_LISTED`,
    /// oldest first
    pub warnings: Vec<MeetingWarning>,
    /// How many meetings of the period have such counts (the list shows at most the first
    /// `MEETING_WARNINGS_LISTED`; the meeting list's `inconsistent` filter shows them all)
    pub warnings_total: i64,
}

/// How many inconsistent meetings the statistics and reports name one by one.
pub const MEETING_WARNINGS_LISTED: i64 = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ContributionLine {
    pub target: ContributionTarget,
    /// Opinions given
    pub opinions: i64,
    pub by_level: Vec<Count>,
    /// `369 ý kiến xây dựng Đảng: cấp huyện 83, cấp xã 286`
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct MeetingWarning {
    pub meeting_id: i64,
    pub unit_name: String,
    #[schema(value_type = String, format = Date)]
    pub held_on: NaiveDate,
    pub topic: String,
    pub warnings: Vec<CountWarning>,
}

/// Reports write small counts with two digits: "05 hội nghị định kỳ".
pub fn report_count(n: i64) -> String {
    if (0..10).contains(&n) {
        format!("0{n}")
    } else {
        crate::figures::format_count(n)
    }
}

/// Short level names the reports use inside a sentence: "huyện", "xã".
pub fn level_short(level: Level) -> &'static str {
    match level {
        Level::Province => "tỉnh",
        Level::District => "huyện",
        Level::Commune => "xã",
        Level::Village => "thôn",
    }
}
