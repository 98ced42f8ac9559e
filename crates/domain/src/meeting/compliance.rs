//! Compliance: what the law requires a unit to hold, as data with effective dates, and a pure
//! function comparing it with what was held. Rules from `legal.md` §3.1 (heads' reception days,
//! Luật Tiếp công dân 2013 and Law 136/2025), §4.5 (Luật 10/2022 Điều 32: the commune UBND and
//! MTTQ hold at least one dialogue conference a year) and §3.1 Điều 24 (schedules posted at
//! least 5 working days ahead) and §5.2 (Party secretaries' reception days, Quy định 11 as
//! amended by KL 215: a periodic reception session records whose day it was).

use crate::calendar::Calendar;
use crate::unit::Level;
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What a rule counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Obligation {
    /// Dialogue conferences held in the unit itself
    Dialogue,
    /// The head of government's periodic reception days (sessions of kind `leader_periodic`)
    LeaderReception,
    /// The Party secretary's periodic reception days (`leader_periodic`, host `party_secretary`)
    SecretaryReception,
    /// Meetings whose schedule was posted at least `min` working days ahead
    ScheduleNotice,
}

/// The period a minimum applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    Week,
    Month,
    Year,
    /// Each meeting on its own (schedule notices)
    Event,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ComplianceRule {
    pub code: String,
    pub description: String,
    /// Căn cứ pháp lý
    pub basis: String,
    /// The level it binds; None for every level
    pub level: Option<Level>,
    pub obligation: Obligation,
    /// At least this many per period (working days for schedule notices)
    pub min: u32,
    pub per: Per,
    #[schema(value_type = Option<String>, format = Date)]
    pub valid_from: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub valid_to: Option<NaiveDate>,
}

/// What a unit held, as dates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Held {
    pub dialogues: Vec<NaiveDate>,
    pub leader_receptions: Vec<NaiveDate>,
    pub secretary_receptions: Vec<NaiveDate>,
    /// (held on, schedule posted on) of every meeting held
    pub meetings: Vec<(NaiveDate, Option<NaiveDate>)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ComplianceLine {
    pub rule: String,
    pub description: String,
    pub basis: String,
    /// How many the rule required over the whole periods inside the window
    pub required: i64,
    /// How many were held (or posted in time) in those periods
    pub held: i64,
    /// Whole periods counted (weeks, months, years; meetings for notices)
    pub periods: i64,
    /// Periods in which the minimum was not reached
    pub periods_behind: i64,
    pub behind: bool,
}

/// `legal.md` as data. The obligations of abolished levels keep their dates so old periods are
/// still judged by the rule then in force.
pub const COMPLIANCE_RULES: &str = include_str!("compliance_rules.json");

/// The bundled rules.
pub fn compliance_rules() -> Vec<ComplianceRule> {
    // The bundled file is checked by a test, so it always parses.
    serde_json::from_str(COMPLIANCE_RULES).unwrap_or_default()
}

/// The periods of kind `per` that lie wholly inside [from, to].
fn whole_periods(per: Per, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    let mut start = match per {
        Per::Week => from + Duration::days((7 - from.weekday().num_days_from_monday() as i64) % 7),
        Per::Month => {
            if from.day() == 1 {
                from
            } else {
                first_of_next_month(from)
            }
        }
        Per::Year => {
            if from.ordinal() == 1 {
                from
            } else {
                NaiveDate::from_ymd_opt(from.year() + 1, 1, 1).unwrap_or(NaiveDate::MAX)
            }
        }
        Per::Event => return out,
    };
    loop {
        let next = match per {
            Per::Week => start + Duration::days(7),
            Per::Month => first_of_next_month(start),
            Per::Year => NaiveDate::from_ymd_opt(start.year() + 1, 1, 1).unwrap_or(NaiveDate::MAX),
            Per::Event => break,
        };
        let end = next.pred_opt().unwrap_or(next);
        if end > to || start >= NaiveDate::MAX {
            break;
        }
        out.push((start, end));
        start = next;
    }
    out
}

fn first_of_next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MAX)
}

/// Required against held for one unit of `level` over [from, to], rule by rule. A period only
/// counts when it lies wholly inside both the window and the rule's validity, so a six-month
/// report does not demand the yearly dialogue yet.
pub fn compliance(
    rules: &[ComplianceRule],
    level: Level,
    from: NaiveDate,
    to: NaiveDate,
    held: &Held,
    calendar: &Calendar,
) -> Vec<ComplianceLine> {
    let mut out = Vec::new();
    for rule in rules.iter().filter(|r| r.level.is_none_or(|l| l == level)) {
        let a = from.max(rule.valid_from.unwrap_or(NaiveDate::MIN));
        let b = to.min(rule.valid_to.unwrap_or(NaiveDate::MAX));
        if a > b {
            continue;
        }
        let (periods, reached, count) = match rule.obligation {
            Obligation::ScheduleNotice => {
                let in_window: Vec<_> = held.meetings.iter().filter(|(on, _)| *on >= a && *on <= b).collect();
                let in_time = in_window
                    .iter()
                    .filter(|(on, posted)| posted.is_some_and(|p| calendar.working_days_between(p, *on) >= rule.min))
                    .count() as i64;
                (in_window.len() as i64, in_time, in_time)
            }
            Obligation::Dialogue | Obligation::LeaderReception | Obligation::SecretaryReception => {
                let dates = match rule.obligation {
                    Obligation::Dialogue => &held.dialogues,
                    Obligation::LeaderReception => &held.leader_receptions,
                    _ => &held.secretary_receptions,
                };
                let periods = whole_periods(rule.per, a, b);
                let mut reached = 0;
                let mut count = 0;
                for (s, e) in &periods {
                    let n = dates.iter().filter(|d| *d >= s && *d <= e).count() as i64;
                    count += n;
                    if n >= i64::from(rule.min) {
                        reached += 1;
                    }
                }
                (periods.len() as i64, reached, count)
            }
        };
        if periods == 0 {
            continue;
        }
        let required = if rule.obligation == Obligation::ScheduleNotice {
            periods
        } else {
            periods * i64::from(rule.min)
        };
        out.push(ComplianceLine {
            rule: rule.code.clone(),
            description: rule.description.clone(),
            basis: rule.basis.clone(),
            required,
            held: count,
            periods,
            periods_behind: periods - reached,
            behind: reached < periods,
        });
    }
    out
}

/// One unit's compliance over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct UnitCompliance {
    /// `scheme/code`
    pub unit: String,
    pub unit_name: String,
    pub level: Level,
    pub lines: Vec<ComplianceLine>,
    /// Behind on at least one rule
    pub behind: bool,
}
