//! Deadline rules as data (thời hạn xử lý, giải quyết đơn): one rule per (petition kind, round,
//! stage) and validity window, with its clock, anchor event, limits by complexity and area,
//! allowed extensions and legal basis. A case uses the rule in force on its anchor date (the
//! laws changed on 01/7/2026). The bundled set comes from `legal.md` §1–3 and §11; an admin may
//! replace it with an edited set in the same JSON shape.

use crate::petition::PetitionKind;
use crate::{DomainError, ErrorCode};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// The bundled rules as JSON (what `danvan settings show` prints when none are set).
pub const BUNDLED: &str = include_str!("rules_vn.json");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Xử lý đơn, thụ lý: from receipt to a decision on what to do with it.
    Processing,
    /// Giải quyết: from acceptance to the decision or answer.
    Resolution,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Clock {
    /// Ngày (calendar days).
    Days,
    /// Ngày làm việc.
    WorkingDays,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    Received,
    Accepted,
    Decision,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Complexity {
    #[default]
    Normal,
    /// Phức tạp
    Complex,
    /// Đặc biệt phức tạp
    EspeciallyComplex,
}

/// The limit in the rule's clock for each situation; missing entries fall back to `normal`
/// (or to `complex` / `remote` for the combined case).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Limits {
    pub normal: u32,
    pub complex: Option<u32>,
    pub remote: Option<u32>,
    pub remote_complex: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DeadlineRule {
    pub id: String,
    pub kind: PetitionKind,
    /// 1 for a first complaint, 2 for a second-time complaint.
    pub round: u8,
    pub stage: Stage,
    pub clock: Clock,
    pub anchor: Anchor,
    pub limits: Limits,
    /// Allowed extensions by complexity, each in the rule's clock, in order.
    #[serde(default)]
    pub extensions: BTreeMap<Complexity, Vec<u32>>,
    pub legal_basis: String,
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub valid_from: Option<NaiveDate>,
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub valid_to: Option<NaiveDate>,
}

/// The facts of a case that choose its limit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CaseFacts {
    pub complexity: Complexity,
    /// Vùng sâu, vùng xa, đi lại khó khăn.
    pub remote: bool,
    /// Extensions already granted.
    pub extensions_used: usize,
}

impl DeadlineRule {
    fn in_force(&self, date: NaiveDate) -> bool {
        crate::unit::is_valid_at(self.valid_from, self.valid_to, date)
    }

    /// Base limit for the case, before extensions.
    pub fn base_limit(&self, facts: &CaseFacts) -> u32 {
        let complex = facts.complexity >= Complexity::Complex;
        let l = &self.limits;
        match (complex, facts.remote) {
            (false, false) => l.normal,
            (true, false) => l.complex.unwrap_or(l.normal),
            (false, true) => l.remote.unwrap_or(l.normal),
            (true, true) => l.remote_complex.or(l.complex).or(l.remote).unwrap_or(l.normal),
        }
    }

    /// Extensions this case may have, by its complexity.
    pub fn allowed_extensions(&self, complexity: Complexity) -> &[u32] {
        self.extensions.get(&complexity).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Total days (in the rule's clock) after the anchor, with `extensions_used` extensions;
    /// `extension_not_allowed` when more were used than the rule allows for this complexity.
    pub fn total_limit(&self, facts: &CaseFacts) -> Result<u32, DomainError> {
        let allowed = self.allowed_extensions(facts.complexity);
        if facts.extensions_used > allowed.len() {
            return Err(DomainError::new(
                ErrorCode::ExtensionNotAllowed,
                format!("{} cho phép tối đa {} lần gia hạn", self.id, allowed.len()),
            ));
        }
        Ok(self.base_limit(facts) + allowed[..facts.extensions_used].iter().sum::<u32>())
    }
}

/// A validated set of rules.
#[derive(Debug, Clone)]
pub struct DeadlineRules {
    rules: Vec<DeadlineRule>,
}

impl DeadlineRules {
    /// The rules bundled with danvan (from `legal.md`).
    pub fn vietnam() -> DeadlineRules {
        DeadlineRules::from_json(BUNDLED).expect("bundled deadline rules are valid")
    }

    /// Parses and checks a rule set: no two versions of one (kind, round, stage) may overlap.
    pub fn from_json(text: &str) -> Result<DeadlineRules, DomainError> {
        let rules: Vec<DeadlineRule> = serde_json::from_str(text)
            .map_err(|e| DomainError::validation(format!("quy tắc thời hạn không đọc được: {e}")))?;
        DeadlineRules::new(rules)
    }

    pub fn new(rules: Vec<DeadlineRule>) -> Result<DeadlineRules, DomainError> {
        for (i, a) in rules.iter().enumerate() {
            if let (Some(f), Some(t)) = (a.valid_from, a.valid_to) {
                if f > t {
                    return Err(DomainError::new(
                        ErrorCode::InvalidDate,
                        format!("{}: hiệu lực từ sau ngày hết hiệu lực", a.id),
                    ));
                }
            }
            for b in &rules[i + 1..] {
                let same = (a.kind, a.round, a.stage) == (b.kind, b.round, b.stage);
                if same && windows_overlap(a, b) {
                    return Err(DomainError::validation(format!(
                        "quy tắc {} và {} cùng áp dụng cho một loại đơn, một bước, trong cùng thời gian",
                        a.id, b.id
                    )));
                }
            }
        }
        Ok(DeadlineRules { rules })
    }

    pub fn all(&self) -> &[DeadlineRule] {
        &self.rules
    }

    /// The rule in force on the anchor date for this kind, round and stage.
    pub fn rule_for(
        &self,
        kind: PetitionKind,
        round: u8,
        stage: Stage,
        anchor_date: NaiveDate,
    ) -> Result<&DeadlineRule, DomainError> {
        self.rules
            .iter()
            .find(|r| r.kind == kind && r.round == round.max(1) && r.stage == stage && r.in_force(anchor_date))
            .ok_or_else(|| {
                DomainError::new(
                    ErrorCode::NotFound,
                    format!(
                        "chưa có quy tắc thời hạn cho {} ({:?}) ngày {}",
                        kind.label_vi(),
                        stage,
                        anchor_date.format("%d/%m/%Y")
                    ),
                )
            })
    }
}

/// Rules plus the working-day calendar: everything needed to date a deadline.
#[derive(Debug, Clone)]
pub struct Engine {
    pub rules: DeadlineRules,
    pub calendar: crate::calendar::Calendar,
}

impl Engine {
    pub fn vietnam() -> Engine {
        Engine {
            rules: DeadlineRules::vietnam(),
            calendar: crate::calendar::Calendar::vietnam(),
        }
    }

    /// The deadline of a stage that started on `anchor` (counting from the day after, Civil Code
    /// Điều 147), with the rule in force on that date; a calendar-day period ending on a day off
    /// moves to the next working day (Điều 148).
    pub fn due(
        &self,
        kind: PetitionKind,
        round: u8,
        stage: Stage,
        anchor: NaiveDate,
        facts: &CaseFacts,
    ) -> Result<(NaiveDate, &DeadlineRule), DomainError> {
        let rule = self.rules.rule_for(kind, round, stage, anchor)?;
        let n = rule.total_limit(facts)?;
        let date = match rule.clock {
            Clock::WorkingDays => self.calendar.add_working_days(anchor, n)?,
            Clock::Days => self.calendar.add_calendar_days_to_working_day(anchor, n)?,
        };
        Ok((date, rule))
    }
}

fn windows_overlap(a: &DeadlineRule, b: &DeadlineRule) -> bool {
    let a_from = a.valid_from.unwrap_or(NaiveDate::MIN);
    let a_to = a.valid_to.unwrap_or(NaiveDate::MAX);
    let b_from = b.valid_from.unwrap_or(NaiveDate::MIN);
    let b_to = b.valid_to.unwrap_or(NaiveDate::MAX);
    a_from <= b_to && b_from <= a_to
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::unit::parse_date(s).unwrap()
    }

    #[test]
    fn the_bundled_rules_load_and_cover_every_kind() {
        let rules = DeadlineRules::vietnam();
        for kind in PetitionKind::ALL {
            for stage in [Stage::Processing, Stage::Resolution] {
                assert!(
                    rules.rule_for(*kind, 1, stage, d("2026-11-25")).is_ok(),
                    "{kind:?} {stage:?}"
                );
            }
        }
    }

    #[test]
    fn a_case_uses_the_rule_in_force_on_its_anchor_date() {
        let rules = DeadlineRules::vietnam();
        let before = rules
            .rule_for(PetitionKind::Complaint, 1, Stage::Processing, d("2026-06-30"))
            .unwrap();
        assert_eq!((before.clock, before.limits.normal), (Clock::Days, 10));
        let after = rules
            .rule_for(PetitionKind::Complaint, 1, Stage::Processing, d("2026-07-01"))
            .unwrap();
        assert_eq!((after.clock, after.limits.normal), (Clock::WorkingDays, 7));
    }

    #[test]
    fn complaint_limits_follow_complexity_and_area() {
        let rules = DeadlineRules::vietnam();
        let r = rules
            .rule_for(PetitionKind::Complaint, 1, Stage::Resolution, d("2025-03-01"))
            .unwrap();
        let f = |complexity, remote| CaseFacts {
            complexity,
            remote,
            extensions_used: 0,
        };
        assert_eq!(r.base_limit(&f(Complexity::Normal, false)), 30);
        assert_eq!(r.base_limit(&f(Complexity::Complex, false)), 45);
        assert_eq!(r.base_limit(&f(Complexity::Normal, true)), 45);
        assert_eq!(r.base_limit(&f(Complexity::Complex, true)), 60);
        let r2 = rules
            .rule_for(PetitionKind::Complaint, 2, Stage::Resolution, d("2025-03-01"))
            .unwrap();
        assert_eq!(r2.base_limit(&f(Complexity::Complex, true)), 70);
    }

    #[test]
    fn denunciation_extensions_are_bounded_by_complexity() {
        let rules = DeadlineRules::vietnam();
        let r = rules
            .rule_for(PetitionKind::Denunciation, 1, Stage::Resolution, d("2025-03-01"))
            .unwrap();
        let facts = |complexity, used| CaseFacts {
            complexity,
            remote: false,
            extensions_used: used,
        };
        assert_eq!(r.total_limit(&facts(Complexity::Complex, 1)).unwrap(), 60);
        assert_eq!(r.total_limit(&facts(Complexity::EspeciallyComplex, 2)).unwrap(), 90);
        let e = r.total_limit(&facts(Complexity::Complex, 2)).unwrap_err();
        assert_eq!(e.code, ErrorCode::ExtensionNotAllowed);
        assert!(r.total_limit(&facts(Complexity::Normal, 1)).is_err());
    }

    #[test]
    fn deadlines_count_from_the_day_after_and_skip_days_off() {
        let engine = Engine::vietnam();
        let facts = CaseFacts::default();
        // A denunciation received on Friday 24/01/2025: 7 working days; Tết 25/1–2/2 is off and
        // Saturday 8/2 is a make-up working day, so 3,4,5,6,7,8 and 10 February.
        let (due, rule) = engine
            .due(
                PetitionKind::Denunciation,
                1,
                Stage::Processing,
                d("2025-01-24"),
                &facts,
            )
            .unwrap();
        assert_eq!(rule.id, "TC_XU_LY_BAN_DAU");
        assert_eq!(due, d("2025-02-10"));
        // A complaint accepted 2025-03-03: 30 days → 02/04/2025 (a Wednesday).
        let (due, _) = engine
            .due(PetitionKind::Complaint, 1, Stage::Resolution, d("2025-03-03"), &facts)
            .unwrap();
        assert_eq!(due, d("2025-04-02"));
        // Ten calendar days from 24/01/2025 end on Monday 03/02/2025, a working day.
        let (due, _) = engine
            .due(PetitionKind::Complaint, 1, Stage::Processing, d("2025-01-24"), &facts)
            .unwrap();
        assert_eq!(due, d("2025-02-03"));
        // From 01/7/2026 the same step counts 7 working days.
        let (due, _) = engine
            .due(PetitionKind::Complaint, 1, Stage::Processing, d("2026-07-03"), &facts)
            .unwrap();
        assert_eq!(due, d("2026-07-14"));
    }

    #[test]
    fn overlapping_versions_are_refused() {
        let mut rules = DeadlineRules::vietnam().all().to_vec();
        let mut dup = rules[0].clone();
        dup.valid_to = None;
        dup.valid_from = Some(d("2026-01-01"));
        rules.push(dup);
        assert!(DeadlineRules::new(rules).is_err());
        assert!(DeadlineRules::from_json("{ not json").is_err());
    }
}
