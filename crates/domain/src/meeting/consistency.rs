//! Hand-entered counts checked against their parts and against the items recorded. A mismatch
//! is a warning shown on the meeting and in reports, not a refusal: real reports contain such
//! sums (seed 000: "67 lượt ý kiến (45 … tổng hợp, 23 … trực tiếp)", 45 + 23 = 68).

use crate::figures::format_count;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What the officer typed on the meeting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HandCounts {
    pub total: Option<i64>,
    pub collected: Option<i64>,
    pub direct: Option<i64>,
}

/// What the items recorded on the meeting add up to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecordedCounts {
    pub total: i64,
    pub collected: i64,
    pub direct: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CountWarning {
    /// `parts_sum`, `recorded_total`, `recorded_collected`, `recorded_direct`
    pub code: String,
    pub message: String,
}

fn warning(code: &str, message: String) -> CountWarning {
    CountWarning {
        code: code.into(),
        message,
    }
}

/// Every mismatch between the hand-entered counts, their parts and the recorded items. Items
/// are compared only once some are recorded: a meeting entered with its figures alone is not
/// inconsistent, merely summary.
pub fn check_counts(hand: HandCounts, recorded: RecordedCounts) -> Vec<CountWarning> {
    let mut out = Vec::new();
    if let (Some(total), Some(c), Some(d)) = (hand.total, hand.collected, hand.direct) {
        if c + d != total {
            out.push(warning(
                "parts_sum",
                format!(
                    "{} ý kiến tổng hợp + {} ý kiến trực tiếp = {}, khác tổng số {} ý kiến",
                    format_count(c),
                    format_count(d),
                    format_count(c + d),
                    format_count(total)
                ),
            ));
        }
    }
    if recorded.total == 0 {
        return out;
    }
    let pairs = [
        ("recorded_total", "ý kiến", hand.total, recorded.total),
        (
            "recorded_collected",
            "ý kiến tổng hợp từ cơ sở",
            hand.collected,
            recorded.collected,
        ),
        ("recorded_direct", "ý kiến nêu trực tiếp", hand.direct, recorded.direct),
    ];
    for (code, what, typed, counted) in pairs {
        if let Some(typed) = typed.filter(|t| *t != counted) {
            out.push(warning(
                code,
                format!(
                    "đã ghi nhận {} {what}, khác số {} đã nhập trên hội nghị",
                    format_count(counted),
                    format_count(typed)
                ),
            ));
        }
    }
    out
}
