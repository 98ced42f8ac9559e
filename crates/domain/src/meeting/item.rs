//! Items raised (ý kiến, kiến nghị): one type and one life for an opinion at a dialogue, a
//! voter's petition at a voter contact, a recommendation after a supervision, a criticism point
//! on a draft and a contribution. The source only says where the item was raised.

use crate::calendar::Calendar;
use crate::petition::named_enum;
use crate::{DomainError, ErrorCode};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Default time for a written answer, in working days after the meeting: the 10 working days
/// Luật Tiếp công dân Điều 28(1) gives for replying to what a citizen raised. An officer may
/// set another deadline on the item; it may not be before the meeting.
pub const WRITTEN_ANSWER_WORKING_DAYS: u32 = 10;

named_enum!(
    /// Where an item was raised.
    SourceKind {
        Meeting => ("meeting", "Hội nghị"),
        Supervision => ("supervision", "Giám sát"),
        Contribution => ("contribution", "Góp ý"),
        /// Lấy ý kiến Nhân dân (Luật 10/2022 Điều 25–29)
        Consultation => ("consultation", "Lấy ý kiến Nhân dân"),
    }
);

named_enum!(
    /// How an item reached the meeting.
    ItemOrigin {
        /// Tổng hợp từ cơ sở (pre-collected from a lower unit)
        Collected => ("collected", "Tổng hợp từ cơ sở"),
        /// Nêu trực tiếp tại hội nghị
        Direct => ("direct", "Nêu trực tiếp"),
    }
);

named_enum!(
    /// Kết quả xử lý ý kiến.
    ItemOutcome {
        AnsweredAtMeeting => ("answered_at_meeting", "Trả lời trực tiếp tại hội nghị"),
        AnswerInWriting => ("answer_in_writing", "Tiếp thu, trả lời bằng văn bản"),
        Forwarded => ("forwarded", "Chuyển cơ quan có thẩm quyền giải quyết"),
        NotAccepted => ("not_accepted", "Không tiếp thu"),
    }
);

named_enum!(
    /// Where an item is in its life.
    ItemStatus {
        Open => ("open", "Chưa xử lý"),
        AwaitingAnswer => ("awaiting_answer", "Chờ trả lời bằng văn bản"),
        Closed => ("closed", "Đã xử lý xong"),
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct NewItem {
    pub origin: ItemOrigin,
    pub content: String,
    /// Petition topic code or free text ("compensation", "đất đai", …)
    pub topic: Option<String>,
    /// Who raised it (a person, a lower unit's summary, an organisation)
    pub raised_by: Option<String>,
    /// A denunciation: who raised it is confidential (Luật Tố cáo)
    #[serde(default)]
    pub denunciation: bool,
    /// The lower unit it was collected from, `scheme/code`
    pub from_unit: Option<String>,
    /// Its outcome, when the item is recorded after the meeting was held
    #[serde(default)]
    pub decision: Option<Decision>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Item {
    pub id: i64,
    pub source_kind: SourceKind,
    pub source_id: i64,
    pub origin: ItemOrigin,
    pub content: String,
    pub topic: Option<String>,
    /// `[đã ẩn]` when the caller may not see a denouncer
    pub raised_by: Option<String>,
    pub denunciation: bool,
    pub from_unit: Option<String>,
    pub status: ItemStatus,
    pub outcome: Option<ItemOutcome>,
    pub answering_agency: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub answer_due: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub answered_on: Option<NaiveDate>,
    pub answer: Option<String>,
    /// Why it was not accepted
    pub reason: Option<String>,
    /// The petition it became
    pub petition_code: Option<String>,
}

/// What an officer decides about an item. Recording the written answer of an item already
/// accepted for one needs only `answered_on` (and the answer).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, ToSchema)]
pub struct Decision {
    pub outcome: Option<ItemOutcome>,
    pub answering_agency: Option<String>,
    /// Default: [`WRITTEN_ANSWER_WORKING_DAYS`] working days after the meeting
    #[schema(value_type = Option<String>, format = Date)]
    pub answer_due: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub answered_on: Option<NaiveDate>,
    pub answer: Option<String>,
    pub reason: Option<String>,
}

/// The item's follow-up fields after a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decided {
    pub status: ItemStatus,
    pub outcome: ItemOutcome,
    pub answering_agency: Option<String>,
    pub answer_due: Option<NaiveDate>,
    pub answered_on: Option<NaiveDate>,
    pub answer: Option<String>,
    pub reason: Option<String>,
}

/// One line of the follow-up worklist: an item awaiting its written answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct WorklistItem {
    pub item_id: i64,
    pub source_kind: SourceKind,
    pub source_id: i64,
    /// "Đối thoại định kỳ", "Giám sát", …
    pub source_label: String,
    /// The meeting topic, the supervision topic or the document commented on
    pub source_title: String,
    pub unit_name: String,
    #[schema(value_type = String, format = Date)]
    pub raised_on: NaiveDate,
    pub content: String,
    pub answering_agency: Option<String>,
    #[schema(value_type = String, format = Date)]
    pub answer_due: NaiveDate,
    /// Negative when overdue
    pub days_left: i64,
    pub overdue: bool,
}

fn text(v: &Option<String>) -> Option<String> {
    v.as_deref().map(crate::text::normalize).filter(|s| !s.is_empty())
}

/// Checks an item before it is written.
pub fn validate_item(item: &NewItem) -> Result<(), DomainError> {
    if crate::text::normalize(&item.content).is_empty() {
        return Err(DomainError::validation("nội dung ý kiến không được để trống"));
    }
    Ok(())
}

/// An item's follow-up fields as stored, before a decision.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemState {
    pub status: Option<ItemStatus>,
    pub outcome: Option<ItemOutcome>,
    pub answering_agency: Option<String>,
    pub answer_due: Option<NaiveDate>,
}

/// Applies a decision to an item raised on `raised_on`. A closed item stays closed; an item
/// awaiting its written answer may get it (keeping its agency and deadline), or be re-decided
/// (e.g. forwarded instead).
pub fn decide(
    state: &ItemState,
    d: &Decision,
    raised_on: NaiveDate,
    calendar: &Calendar,
    today: NaiveDate,
) -> Result<Decided, DomainError> {
    let current = state.outcome;
    if state.status == Some(ItemStatus::Closed) {
        return Err(DomainError::new(
            ErrorCode::InvalidTransition,
            "ý kiến này đã xử lý xong",
        ));
    }
    let outcome = match (d.outcome, current) {
        (Some(o), _) => o,
        // Only the written answer of an item already accepted for one may come alone.
        (None, Some(ItemOutcome::AnswerInWriting)) if d.answered_on.is_some() => ItemOutcome::AnswerInWriting,
        _ => {
            return Err(DomainError::new(
                ErrorCode::OutcomeRequired,
                "chọn một kết quả: trả lời trực tiếp, trả lời bằng văn bản, chuyển giải quyết hoặc không tiếp thu",
            ))
        }
    };
    if let Some(on) = d.answered_on {
        if on > today {
            return Err(DomainError::new(
                ErrorCode::FutureDate,
                on.format("%d/%m/%Y").to_string(),
            ));
        }
        if on < raised_on {
            return Err(DomainError::new(
                ErrorCode::InvalidDate,
                "ngày trả lời không được trước ngày nêu ý kiến",
            ));
        }
    }
    let keeps = outcome == ItemOutcome::AnswerInWriting && current == Some(ItemOutcome::AnswerInWriting);
    let agency = text(&d.answering_agency).or_else(|| state.answering_agency.clone().filter(|_| keeps));
    let mut out = Decided {
        status: ItemStatus::Closed,
        outcome,
        answering_agency: agency.clone(),
        answer_due: None,
        answered_on: d.answered_on,
        answer: text(&d.answer),
        reason: None,
    };
    match outcome {
        ItemOutcome::AnsweredAtMeeting => {
            out.answered_on = Some(d.answered_on.unwrap_or(raised_on));
        }
        ItemOutcome::AnswerInWriting => {
            if agency.is_none() {
                return Err(DomainError::validation("cần ghi cơ quan trả lời bằng văn bản"));
            }
            let due = match d.answer_due.or(state.answer_due.filter(|_| keeps)) {
                Some(due) => due,
                None => calendar.add_working_days(raised_on, WRITTEN_ANSWER_WORKING_DAYS)?,
            };
            if due < raised_on {
                return Err(DomainError::new(
                    ErrorCode::DeadlineBeforeMeeting,
                    format!(
                        "hạn {} trước ngày {}",
                        due.format("%d/%m/%Y"),
                        raised_on.format("%d/%m/%Y")
                    ),
                ));
            }
            out.answer_due = Some(due);
            if d.answered_on.is_none() {
                out.status = ItemStatus::AwaitingAnswer;
            }
        }
        ItemOutcome::Forwarded => {
            if agency.is_none() {
                return Err(DomainError::validation("cần ghi cơ quan được chuyển giải quyết"));
            }
        }
        ItemOutcome::NotAccepted => {
            out.reason = text(&d.reason);
            if out.reason.is_none() {
                return Err(DomainError::validation("cần ghi lý do không tiếp thu"));
            }
            out.answered_on = None;
        }
    }
    Ok(out)
}
