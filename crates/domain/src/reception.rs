//! Citizen reception (tiếp công dân): regular sessions, the leader's periodic reception days
//! (tiếp định kỳ của người đứng đầu) and ad-hoc ones; who received, how many citizens came, the
//! many-person delegations (đoàn đông người), and the matters raised — each of which can become a
//! petition.

use crate::petition::{named_enum, validate_received_date, MANY_PERSON_THRESHOLD};
use crate::{DomainError, ErrorCode};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

named_enum!(
    /// Hình thức tiếp công dân.
    ReceptionKind {
        Regular => ("regular", "Tiếp thường xuyên"),
        LeaderPeriodic => ("leader_periodic", "Người đứng đầu tiếp định kỳ"),
        AdHoc => ("ad_hoc", "Tiếp đột xuất"),
    }
);

crate::petition::named_enum!(
    /// Whose periodic reception day it was: the head of government (Luật Tiếp công dân) or the
    /// Party secretary (Quy định 11-QĐi/TW as amended by Kết luận 215-KL/TW). They are counted
    /// against different rules.
    #[derive(Default)]
    ReceptionHost {
        #[default]
        GovernmentHead => ("government_head", "Chủ tịch UBND"),
        PartySecretary => ("party_secretary", "Bí thư cấp ủy"),
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct NewReception {
    /// `scheme/code`, or a code valid on the day
    pub unit: String,
    pub kind: ReceptionKind,
    #[schema(value_type = String, format = Date)]
    pub held_on: NaiveDate,
    /// Who received the citizens
    pub receiver: String,
    /// Their position, e.g. "Chủ tịch UBND phường"
    pub receiver_position: String,
    /// Whose periodic reception day (default: the head of government)
    #[serde(default)]
    pub host: ReceptionHost,
    /// Lượt công dân
    pub citizens: i64,
    /// Đoàn đông người
    #[serde(default)]
    pub delegations: i64,
    /// People in those delegations
    #[serde(default)]
    pub delegation_people: i64,
    /// The matters raised, one per entry
    #[serde(default)]
    pub matters: Vec<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Matter {
    pub id: i64,
    pub content: String,
    /// The petition it became, if any
    pub petition_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Reception {
    pub id: i64,
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    pub kind: ReceptionKind,
    #[schema(value_type = String, format = Date)]
    pub held_on: NaiveDate,
    pub receiver: String,
    pub receiver_position: String,
    pub host: ReceptionHost,
    pub citizens: i64,
    pub delegations: i64,
    pub delegation_people: i64,
    pub note: Option<String>,
    pub matters: Vec<Matter>,
}

/// Checks a session before anything is written.
pub fn validate_reception(r: &NewReception, today: NaiveDate) -> Result<(), DomainError> {
    validate_received_date(r.held_on, today)?;
    if crate::text::normalize(&r.receiver).is_empty() || crate::text::normalize(&r.receiver_position).is_empty() {
        return Err(DomainError::validation("cần ghi người tiếp và chức vụ"));
    }
    if r.citizens < 0 || r.delegations < 0 || r.delegation_people < 0 {
        return Err(DomainError::validation("số lượt, số đoàn không được âm"));
    }
    if r.delegation_people < r.delegations * MANY_PERSON_THRESHOLD as i64 {
        return Err(DomainError::new(
            ErrorCode::Validation,
            format!("mỗi đoàn đông người có từ {MANY_PERSON_THRESHOLD} người trở lên"),
        ));
    }
    if r.delegation_people > r.citizens {
        return Err(DomainError::validation(
            "số người trong các đoàn không thể vượt tổng lượt công dân",
        ));
    }
    if r.matters.iter().any(|m| crate::text::normalize(m).is_empty()) {
        return Err(DomainError::validation("nội dung vụ việc không được để trống"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> NewReception {
        NewReception {
            unit: "2025/00004".into(),
            kind: ReceptionKind::LeaderPeriodic,
            held_on: NaiveDate::from_ymd_opt(2025, 9, 10).unwrap(),
            receiver: "Nguyễn Văn A".into(),
            receiver_position: "Chủ tịch UBND phường".into(),
            host: ReceptionHost::GovernmentHead,
            citizens: 14,
            delegations: 1,
            delegation_people: 8,
            matters: vec!["Bồi thường dự án Vành đai 4".into()],
            note: None,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn a_plausible_session_passes() {
        assert!(validate_reception(&session(), today()).is_ok());
    }

    #[test]
    fn delegations_need_five_people_each() {
        let mut s = session();
        s.delegation_people = 4;
        assert!(validate_reception(&s, today()).is_err());
    }

    #[test]
    fn counts_must_add_up_and_dates_be_past() {
        let mut s = session();
        s.citizens = 5;
        assert!(validate_reception(&s, today()).is_err());
        let mut s = session();
        s.held_on = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        assert_eq!(validate_reception(&s, today()).unwrap_err().code, ErrorCode::FutureDate);
    }
}
