//! The shapes of a petition as recorded and as shown.

use super::{Action, Channel, Outcome, PetitionKind, Status};
use crate::deadline::Complexity;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A person who signed the petition (người viết đơn).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Petitioner {
    pub name: String,
    /// 12-digit CCCD number
    pub cccd: Option<String>,
    /// 10 digits starting with 0
    pub phone: Option<String>,
    pub address: Option<String>,
    /// The unit of the address, `scheme/code` (e.g. `2025/00004`)
    pub address_unit: Option<String>,
}

/// A petition to record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct NewPetition {
    /// Receiving unit: `scheme/code`, or a code valid on the received date
    pub unit: String,
    pub organisation_id: Option<i64>,
    pub kind: PetitionKind,
    /// 2 for a second-time complaint
    #[serde(default = "first_round")]
    pub round: u8,
    /// Code of the earlier case a second-time complaint follows
    pub previous_code: Option<String>,
    pub channel: Channel,
    #[schema(value_type = String, format = Date)]
    pub received_on: NaiveDate,
    pub subject: String,
    pub content: String,
    /// One of the topic codes (land, compensation, …)
    pub topic: String,
    #[serde(default)]
    pub petitioners: Vec<Petitioner>,
    /// No name or address given (đơn nặc danh)
    #[serde(default)]
    pub anonymous: bool,
    /// Vùng sâu, vùng xa
    #[serde(default)]
    pub remote: bool,
}

fn first_round() -> u8 {
    1
}

/// A petition as a caller may see it (identity redacted where the law requires).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Petition {
    pub code: String,
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    pub kind: PetitionKind,
    pub round: u8,
    pub previous_code: Option<String>,
    pub channel: Channel,
    #[schema(value_type = String, format = Date)]
    pub received_on: NaiveDate,
    pub subject: String,
    pub content: String,
    pub topic: String,
    pub status: Status,
    pub complexity: Complexity,
    pub remote: bool,
    pub many_person: bool,
    pub anonymous: bool,
    pub within_jurisdiction: Option<bool>,
    pub duplicate_of: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub processing_due: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub accepted_on: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub resolution_due: Option<NaiveDate>,
    pub extensions_used: u32,
    pub handler: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub resolved_on: Option<NaiveDate>,
    pub outcome: Option<Outcome>,
    #[schema(value_type = Option<String>, format = Date)]
    pub closed_on: Option<NaiveDate>,
    pub petitioners: Vec<Petitioner>,
    /// True when the petitioners' identity is hidden from this caller.
    pub identity_redacted: bool,
    pub allowed_actions: Vec<Action>,
}

impl Petition {
    /// The deadline the case is working against now, if any.
    pub fn current_due(&self) -> Option<NaiveDate> {
        if self.status.awaits_processing() {
            self.processing_due
        } else if self.status.awaits_resolution() {
            self.resolution_due
        } else {
            None
        }
    }

    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.current_due().is_some_and(|d| d < today)
    }
}

/// A workflow step as requested.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct Step {
    pub action: Action,
    /// The date the step happened (default today)
    #[schema(value_type = Option<String>, format = Date)]
    pub on: Option<NaiveDate>,
    pub note: Option<String>,
    /// When processing or extending: how complex the case is
    pub complexity: Option<Complexity>,
    /// When accepting, forwarding or guiding: whether it is within our competence
    pub within_jurisdiction: Option<bool>,
    /// When assigning: the handler's username
    pub handler: Option<String>,
    /// When resolving a complaint or denunciation
    pub outcome: Option<Outcome>,
}

/// One line of the case timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Event {
    pub at: String,
    #[schema(value_type = String, format = Date)]
    pub on: NaiveDate,
    pub actor: String,
    pub action: String,
    pub from_status: Option<Status>,
    pub to_status: Status,
    pub note: Option<String>,
}

/// One row of a petition list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PetitionSummary {
    pub code: String,
    pub unit_name: String,
    pub kind: PetitionKind,
    pub channel: Channel,
    #[schema(value_type = String, format = Date)]
    pub received_on: NaiveDate,
    pub subject: String,
    pub topic: String,
    pub status: Status,
    /// First petitioner, or the redaction mark
    pub petitioner: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub due: Option<NaiveDate>,
    pub overdue: bool,
    pub duplicate_of: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PetitionPage {
    pub items: Vec<PetitionSummary>,
    /// Pass as `after` for the next page; absent on the last page.
    pub next: Option<String>,
}

/// A likely duplicate of a petition, with why it matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DuplicateCandidate {
    pub code: String,
    pub subject: String,
    #[schema(value_type = String, format = Date)]
    pub received_on: NaiveDate,
    pub reasons: Vec<String>,
}

/// One line of a split: a key, its Vietnamese label and the count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Count {
    pub key: String,
    pub label: String,
    pub count: i64,
}

/// The petition figures of a unit subtree over a period of received dates. Duplicates
/// (đơn trùng) count once: they are left out of every figure but `duplicates`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PetitionStats {
    pub unit: String,
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
    pub received: i64,
    pub duplicates: i64,
    pub by_kind: Vec<Count>,
    pub by_channel: Vec<Count>,
    /// By the level of the receiving unit (cấp tỉnh / cấp huyện / cấp xã)
    pub by_level: Vec<Count>,
    /// Đơn thuộc thẩm quyền giải quyết (accepted for resolution)
    pub within_jurisdiction: i64,
    /// Of those, resolved (đã xem xét, giải quyết)
    pub resolved_within_jurisdiction: i64,
    pub resolution_rate: crate::figures::Rate,
    /// "2.453/2.484 đơn, đạt 98,7%"
    pub resolution_rate_text: String,
    /// Resolved no later than their resolution deadline
    pub resolved_on_time: i64,
    /// Open and past their current deadline (as of the end of the period, or today)
    pub overdue: i64,
    /// Đơn đông người (≥ 5 signers)
    pub many_person: i64,
    /// Kéo dài: still open and received more than a year before the end of the period
    pub long_running: i64,
}
