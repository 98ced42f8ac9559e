//! A denouncer's identity is confidential (Luật Tố cáo): only the people handling that case and
//! the leader of the unit that holds it see it. Everyone else — other officers, exports, search,
//! reports — sees it redacted.

use super::PetitionKind;
use crate::role::Role;

/// What stands in for a hidden value.
pub const REDACTED: &str = "[đã ẩn]";

/// The viewer's relation to one case.
#[derive(Debug, Clone, Copy)]
pub struct Viewer {
    pub role: Role,
    /// Assigned to handle this case (or recorded it as the receiving officer).
    pub handles_case: bool,
    /// The case sits in the viewer's own unit (not merely in their subtree).
    pub in_own_unit: bool,
}

/// Whether this viewer may see the petitioner's identity on a case of this kind.
pub fn can_see_identity(kind: PetitionKind, viewer: Viewer) -> bool {
    if kind != PetitionKind::Denunciation {
        return true;
    }
    viewer.handles_case || (viewer.role == Role::Leader && viewer.in_own_unit)
}

/// The value itself, or the redaction mark.
pub fn redact(value: &str, visible: bool) -> String {
    if visible {
        value.to_string()
    } else {
        REDACTED.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(role: Role, handles_case: bool, in_own_unit: bool) -> Viewer {
        Viewer {
            role,
            handles_case,
            in_own_unit,
        }
    }

    #[test]
    fn only_handlers_and_the_unit_leader_see_a_denouncer() {
        let k = PetitionKind::Denunciation;
        assert!(can_see_identity(k, viewer(Role::Officer, true, true)));
        assert!(can_see_identity(k, viewer(Role::Leader, false, true)));
        assert!(
            !can_see_identity(k, viewer(Role::Leader, false, false)),
            "a higher level's leader"
        );
        assert!(!can_see_identity(k, viewer(Role::Officer, false, true)));
        assert!(!can_see_identity(k, viewer(Role::SystemAdmin, false, false)));
        assert!(!can_see_identity(k, viewer(Role::Viewer, false, true)));
    }

    #[test]
    fn other_petitioners_are_visible_in_scope() {
        assert!(can_see_identity(
            PetitionKind::Complaint,
            viewer(Role::Viewer, false, false)
        ));
    }

    #[test]
    fn redaction_hides_the_value() {
        assert_eq!(redact("Nguyễn Văn A", false), REDACTED);
        assert_eq!(redact("Nguyễn Văn A", true), "Nguyễn Văn A");
    }
}
