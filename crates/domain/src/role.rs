//! Roles and what each may do. Where a role may act is the scope's job (`scope.rs`).

use crate::{DomainError, ErrorCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Quản trị hệ thống: units, users, calendars, templates everywhere.
    SystemAdmin,
    /// Quản trị đơn vị: users, villages and organisations within the unit's subtree.
    UnitAdmin,
    /// Cán bộ: records the work.
    Officer,
    /// Người đứng đầu: approves and answers.
    Leader,
    /// Cơ quan được giao xử lý: sees and answers the cases assigned to it.
    HandlingAgency,
    /// Chỉ xem.
    Viewer,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::SystemAdmin,
        Role::UnitAdmin,
        Role::Officer,
        Role::Leader,
        Role::HandlingAgency,
        Role::Viewer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::SystemAdmin => "system_admin",
            Role::UnitAdmin => "unit_admin",
            Role::Officer => "officer",
            Role::Leader => "leader",
            Role::HandlingAgency => "handling_agency",
            Role::Viewer => "viewer",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Role::SystemAdmin => "Quản trị hệ thống",
            Role::UnitAdmin => "Quản trị đơn vị",
            Role::Officer => "Cán bộ",
            Role::Leader => "Người đứng đầu",
            Role::HandlingAgency => "Cơ quan xử lý",
            Role::Viewer => "Chỉ xem",
        }
    }

    pub fn parse(s: &str) -> Result<Role, DomainError> {
        Role::ALL.into_iter().find(|r| r.as_str() == s).ok_or_else(|| {
            let names: Vec<_> = Role::ALL.iter().map(|r| r.as_str()).collect();
            DomainError::validation(format!("vai trò không hợp lệ '{s}' ({})", names.join("|")))
        })
    }

    /// Records work (petitions, meetings, …) in its scope.
    pub fn can_write_records(self) -> bool {
        matches!(self, Role::SystemAdmin | Role::UnitAdmin | Role::Officer | Role::Leader)
    }

    /// Manages users, organisations and villages in its scope.
    pub fn can_administer(self) -> bool {
        matches!(self, Role::SystemAdmin | Role::UnitAdmin)
    }

    /// Only a system admin can make another system admin.
    pub fn can_grant(self, other: Role) -> bool {
        match self {
            Role::SystemAdmin => true,
            Role::UnitAdmin => other != Role::SystemAdmin,
            _ => false,
        }
    }
}

/// Refuses with `forbidden_role` unless `allowed`.
pub fn require(allowed: bool, what: &str) -> Result<(), DomainError> {
    if allowed {
        Ok(())
    } else {
        Err(DomainError::new(ErrorCode::ForbiddenRole, what))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_names() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()).unwrap(), r);
        }
        assert!(Role::parse("god").is_err());
    }

    #[test]
    fn only_system_admin_grants_system_admin() {
        assert!(Role::SystemAdmin.can_grant(Role::SystemAdmin));
        assert!(!Role::UnitAdmin.can_grant(Role::SystemAdmin));
        assert!(Role::UnitAdmin.can_grant(Role::Officer));
        assert!(!Role::Officer.can_grant(Role::Viewer));
    }

    #[test]
    fn viewers_and_agencies_do_not_record() {
        assert!(!Role::Viewer.can_write_records());
        assert!(!Role::HandlingAgency.can_write_records());
        assert!(Role::Officer.can_write_records());
    }
}
