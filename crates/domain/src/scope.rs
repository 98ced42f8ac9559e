//! Scope: the set of units a caller may read and change.
//!
//! A user acts on their unit's subtree. Because a record keeps the unit it was made in, a user of
//! a 2025 unit also covers the legacy units that went into it (their predecessors), so a new
//! commune still sees the records of the old communes it absorbed. The store looks those
//! predecessors up; the rule of how they combine lives here.

use crate::role::Role;
use crate::unit::Unit;
use crate::{DomainError, ErrorCode};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scope {
    all: bool,
    /// Unit path prefixes (`/scheme/…/code/`): a unit is in scope when its path starts with one.
    prefixes: Vec<String>,
}

impl Scope {
    /// Everything: the system admin and the CLI acting as the system.
    pub fn everything() -> Scope {
        Scope {
            all: true,
            prefixes: Vec::new(),
        }
    }

    /// A user's scope: their unit's subtree plus the subtrees of the units that went into it.
    pub fn for_unit(own: &Unit, predecessors: &[Unit]) -> Scope {
        let mut prefixes = vec![own.path.clone()];
        for p in predecessors {
            if !prefixes.iter().any(|q| p.path.starts_with(q.as_str())) {
                prefixes.push(p.path.clone());
            }
        }
        Scope { all: false, prefixes }
    }

    pub fn for_role(role: Role, own: &Unit, predecessors: &[Unit]) -> Scope {
        if role == Role::SystemAdmin {
            Scope::everything()
        } else {
            Scope::for_unit(own, predecessors)
        }
    }

    pub fn is_everything(&self) -> bool {
        self.all
    }

    pub fn prefixes(&self) -> &[String] {
        &self.prefixes
    }

    pub fn contains_path(&self, path: &str) -> bool {
        self.all || self.prefixes.iter().any(|p| path.starts_with(p.as_str()))
    }

    /// Refuses with `forbidden_scope` when the unit is outside.
    pub fn require(&self, unit: &Unit) -> Result<(), DomainError> {
        if self.contains_path(&unit.path) {
            Ok(())
        } else {
            Err(DomainError::new(ErrorCode::ForbiddenScope, unit.label()))
        }
    }
}

/// Who is acting, from where, with which rights. Every store call takes one.
#[derive(Debug, Clone, Serialize)]
pub struct Actor {
    pub user_id: Option<i64>,
    /// The unit the user belongs to (None for the system).
    pub unit_id: Option<i64>,
    pub username: String,
    pub role: Role,
    pub scope: Scope,
    /// Where the call came from: a client IP address, or "cli".
    pub source: String,
}

impl Actor {
    /// The operator at the command line, acting as the system.
    pub fn system(source: &str) -> Actor {
        Actor {
            user_id: None,
            unit_id: None,
            username: "system".into(),
            role: Role::SystemAdmin,
            scope: Scope::everything(),
            source: source.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unit::Level;

    fn unit(path: &str) -> Unit {
        Unit {
            id: 0,
            scheme: path.split('/').nth(1).unwrap().into(),
            code: path.trim_end_matches('/').rsplit('/').next().unwrap().into(),
            name: "x".into(),
            kind: "x".into(),
            level: Level::Commune,
            parent_id: None,
            parent_code: None,
            path: path.into(),
            valid_from: None,
            valid_to: None,
        }
    }

    #[test]
    fn a_commune_sees_its_subtree_only() {
        let s = Scope::for_unit(&unit("/2025/01/00004/"), &[]);
        assert!(s.contains_path("/2025/01/00004/"));
        assert!(s.contains_path("/2025/01/00004/T01/"));
        assert!(!s.contains_path("/2025/01/00008/"));
        assert!(!s.contains_path("/2025/01/"));
        assert_eq!(
            s.require(&unit("/2025/01/00008/")).unwrap_err().code,
            ErrorCode::ForbiddenScope
        );
    }

    #[test]
    fn a_prefix_is_a_whole_segment() {
        // 0000 must not cover 00004: paths end in '/'.
        let s = Scope::for_unit(&unit("/2025/01/0000/"), &[]);
        assert!(!s.contains_path("/2025/01/00004/"));
    }

    #[test]
    fn a_new_commune_covers_its_predecessors() {
        let s = Scope::for_unit(
            &unit("/2025/01/00004/"),
            &[unit("/legacy/01/001/00004/"), unit("/legacy/01/001/00013/")],
        );
        assert!(s.contains_path("/legacy/01/001/00013/"));
        assert!(!s.contains_path("/legacy/01/001/00001/"));
        assert!(!s.contains_path("/2025/01/00001/"));
    }

    #[test]
    fn nested_predecessors_are_not_repeated() {
        let s = Scope::for_unit(&unit("/2025/01/"), &[unit("/legacy/01/"), unit("/legacy/01/001/")]);
        assert_eq!(s.prefixes().len(), 2);
    }

    #[test]
    fn system_admin_sees_everything() {
        let s = Scope::for_role(Role::SystemAdmin, &unit("/2025/01/00004/"), &[]);
        assert!(s.contains_path("/legacy/96/"));
    }
}
