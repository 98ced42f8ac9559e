//! The petition workflow as an explicit state machine. Anything not in the table is refused
//! with `invalid_transition`.
//!
//! received → processing → accepted (thụ lý) | forwarded (chuyển đơn) | guided (hướng dẫn) |
//! filed (lưu) ; accepted → in resolution → resolved → notified → closed. Forwarded and guided
//! cases close once the slip is sent. Withdrawal (rút đơn) is allowed at any open stage. A
//! second-time complaint is a new case linked to the closed one, not a transition.

use super::named_enum;
use crate::{DomainError, ErrorCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

named_enum!(
    /// Trạng thái hồ sơ.
    Status {
        Received => ("received", "Đã tiếp nhận"),
        Processing => ("processing", "Đang xử lý đơn"),
        Accepted => ("accepted", "Đã thụ lý"),
        Forwarded => ("forwarded", "Đã chuyển đơn"),
        Guided => ("guided", "Đã hướng dẫn"),
        Filed => ("filed", "Lưu đơn"),
        InResolution => ("in_resolution", "Đang giải quyết"),
        Resolved => ("resolved", "Đã giải quyết"),
        Notified => ("notified", "Đã thông báo cho công dân"),
        Closed => ("closed", "Kết thúc"),
        Withdrawn => ("withdrawn", "Đã rút đơn"),
    }
);

named_enum!(
    /// A step an officer takes on a case.
    Action {
        StartProcessing => ("start_processing", "Xử lý đơn"),
        Accept => ("accept", "Thụ lý"),
        Forward => ("forward", "Chuyển đơn"),
        Guide => ("guide", "Hướng dẫn công dân"),
        File => ("file", "Lưu đơn"),
        Assign => ("assign", "Giao giải quyết"),
        Extend => ("extend", "Gia hạn"),
        Resolve => ("resolve", "Giải quyết"),
        Notify => ("notify", "Thông báo kết quả"),
        Close => ("close", "Kết thúc hồ sơ"),
        Withdraw => ("withdraw", "Rút đơn"),
    }
);

impl Status {
    /// The state after `action`, or `invalid_transition`.
    pub fn apply(self, action: Action) -> Result<Status, DomainError> {
        use Action as A;
        use Status as S;
        let next = match (self, action) {
            (S::Received, A::StartProcessing) => S::Processing,
            (S::Processing, A::Accept) => S::Accepted,
            (S::Processing, A::Forward) => S::Forwarded,
            (S::Processing, A::Guide) => S::Guided,
            (S::Processing, A::File) => S::Filed,
            (S::Accepted, A::Assign) => S::InResolution,
            (S::InResolution, A::Assign) => S::InResolution,
            (S::InResolution, A::Extend) => S::InResolution,
            (S::InResolution, A::Resolve) => S::Resolved,
            (S::Resolved, A::Notify) => S::Notified,
            (S::Notified | S::Forwarded | S::Guided, A::Close) => S::Closed,
            (s, A::Withdraw) if s.is_open() => S::Withdrawn,
            (s, a) => {
                return Err(DomainError::new(
                    ErrorCode::InvalidTransition,
                    format!("'{}' khi hồ sơ đang ở trạng thái '{}'", a.label_vi(), s.label_vi()),
                ))
            }
        };
        Ok(next)
    }

    /// The actions an officer may take now (for the buttons on the case page).
    pub fn allowed_actions(self) -> Vec<Action> {
        Action::ALL.iter().copied().filter(|a| self.apply(*a).is_ok()).collect()
    }

    /// Still being worked on: may be withdrawn, counts in worklists.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Status::Received | Status::Processing | Status::Accepted | Status::InResolution
        )
    }

    /// The processing clock (from receipt) runs in these states.
    pub fn awaits_processing(self) -> bool {
        matches!(self, Status::Received | Status::Processing)
    }

    /// The resolution clock (from acceptance) runs in these states.
    pub fn awaits_resolution(self) -> bool {
        matches!(self, Status::Accepted | Status::InResolution)
    }

    /// Counted as resolved in statistics (đã giải quyết).
    pub fn is_resolved(self) -> bool {
        matches!(self, Status::Resolved | Status::Notified | Status::Closed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(actions: &[Action]) -> Result<Status, DomainError> {
        actions.iter().try_fold(Status::Received, |s, a| s.apply(*a))
    }

    #[test]
    fn the_full_resolution_path() {
        use Action::*;
        let s = run(&[StartProcessing, Accept, Assign, Extend, Resolve, Notify, Close]).unwrap();
        assert_eq!(s, Status::Closed);
    }

    #[test]
    fn forwarding_and_guiding_end_the_case_for_us() {
        use Action::*;
        assert_eq!(run(&[StartProcessing, Forward, Close]).unwrap(), Status::Closed);
        assert_eq!(run(&[StartProcessing, Guide]).unwrap(), Status::Guided);
        assert_eq!(run(&[StartProcessing, File]).unwrap(), Status::Filed);
    }

    #[test]
    fn skipping_a_step_is_refused_with_a_code() {
        let e = Status::Received.apply(Action::Resolve).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidTransition);
        assert!(e.to_string().contains("Đã tiếp nhận"));
        assert!(
            Status::Accepted.apply(Action::Extend).is_err(),
            "extend only once assigned"
        );
        assert!(Status::Filed.apply(Action::Accept).is_err());
    }

    #[test]
    fn withdrawal_only_while_open() {
        for s in [
            Status::Received,
            Status::Processing,
            Status::Accepted,
            Status::InResolution,
        ] {
            assert_eq!(s.apply(Action::Withdraw).unwrap(), Status::Withdrawn);
        }
        for s in [Status::Resolved, Status::Closed, Status::Withdrawn, Status::Filed] {
            assert!(s.apply(Action::Withdraw).is_err());
        }
    }

    #[test]
    fn allowed_actions_match_the_table() {
        assert_eq!(
            Status::Received.allowed_actions(),
            vec![Action::StartProcessing, Action::Withdraw]
        );
        assert!(Status::Closed.allowed_actions().is_empty());
    }
}
