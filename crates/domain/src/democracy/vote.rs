//! Matters residents discuss and decide (Điều 15–24): the vote, the threshold that applies, the
//! computed outcome, and the commune's recognition within 5 working days.

use crate::calendar::Calendar;
use crate::figures::{format_count, Rate, Rounding};
use crate::petition::{named_enum, Count};
use crate::unit::Level;
use crate::{DomainError, ErrorCode};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Điều 20(3): the decision goes to the UBND and MTTQ xã within 05 working days of the vote.
pub const SEND_WORKING_DAYS: u32 = 5;
/// Điều 21(2): recognition (or a reasoned refusal) within 05 working days of receiving it.
pub const RECOGNITION_WORKING_DAYS: u32 = 5;
/// Điều 16(3): a citizen initiative needs the consent of at least 10 % of the thôn's households…
pub const INITIATIVE_MIN_PERCENT: i64 = 10;
/// …gathered no more than 3 months before the vote.
pub const INITIATIVE_CONSENT_MONTHS: u32 = 3;
/// Điều 19(2): the ballot plan is announced at least 2 days before the ballots are distributed.
pub const BALLOT_NOTICE_DAYS: i64 = 2;
/// Điều 19(1) and NĐ 59/2023 Điều 5: the ballot team and the online vote team have 3 to 5 members.
pub const TEAM_SIZE: std::ops::RangeInclusive<i64> = 3..=5;

named_enum!(
    /// Nội dung Nhân dân bàn và quyết định (Điều 15), `BQ_1` … `BQ_6`.
    DecisionMatter {
        Contribution => ("contribution", "Chủ trương và mức đóng góp xây dựng cơ sở hạ tầng, công trình công cộng"),
        CommunityFunds => ("community_funds", "Thu, chi, quản lý các khoản đóng góp tự nguyện, quỹ và tài sản cộng đồng"),
        Convention => ("convention", "Nội dung hương ước, quy ước của cộng đồng dân cư"),
        VillageHead => ("village_head", "Bầu, cho thôi làm trưởng thôn, tổ trưởng tổ dân phố"),
        BoardMembers => ("board_members", "Bầu, bãi nhiệm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng"),
        SelfGoverning => ("self_governing", "Công việc tự quản khác trong nội bộ cộng đồng dân cư"),
    }
);

named_enum!(
    /// Hình thức Nhân dân bàn và quyết định (Điều 17).
    VoteForm {
        Meeting => ("meeting", "Hội nghị cộng đồng dân cư"),
        Ballot => ("ballot", "Phát phiếu lấy ý kiến hộ gia đình"),
        Online => ("online", "Biểu quyết trực tuyến"),
    }
);

named_enum!(
    /// Ai đề xuất nội dung để Nhân dân bàn và quyết định (Điều 16).
    Proposer {
        /// Commune-wide matters, after agreeing with the Chủ tịch UB MTTQ xã
        CommuneChair => ("commune_chair", "Chủ tịch UBND xã"),
        /// Matters of the thôn, after agreeing with the Trưởng ban công tác Mặt trận
        VillageHead => ("village_head", "Trưởng thôn, tổ trưởng tổ dân phố"),
        /// At least 10 % of the thôn's households (or fewer, approved by the Ban công tác Mặt trận)
        Citizens => ("citizens", "Sáng kiến của công dân"),
    }
);

named_enum!(
    /// Phạm vi: one thôn / tổ dân phố, or the whole commune (items 1–2 commune-wide count thôn).
    DecisionScope {
        Village => ("village", "Thôn, tổ dân phố"),
        Commune => ("commune", "Toàn xã"),
    }
);

named_enum!(
    /// Tỷ lệ thông qua (Điều 21(1)).
    Threshold {
        /// ≥ 2/3: contributions and community funds (items 1–2)
        TwoThirds => ("two_thirds", "Từ 2/3 trở lên"),
        /// > 50 %: items 3–6
        Majority => ("majority", "Trên 50%"),
    }
);

named_enum!(
    VoteOutcome {
        Passed => ("passed", "Được thông qua"),
        Rejected => ("rejected", "Không được thông qua"),
    }
);

named_enum!(
    /// Công nhận của UBND xã (items 3–4) or MTTQ xã (item 5).
    RecognitionStatus {
        /// Takes effect on the vote (items 1, 2, 6) or was not passed
        NotNeeded => ("not_needed", "Không cần công nhận"),
        Awaiting => ("awaiting", "Chờ công nhận"),
        Recognised => ("recognised", "Đã công nhận"),
        Refused => ("refused", "Không công nhận"),
    }
);

impl DecisionMatter {
    pub fn number(self) -> u8 {
        match self {
            DecisionMatter::Contribution => 1,
            DecisionMatter::CommunityFunds => 2,
            DecisionMatter::Convention => 3,
            DecisionMatter::VillageHead => 4,
            DecisionMatter::BoardMembers => 5,
            DecisionMatter::SelfGoverning => 6,
        }
    }

    /// Who recognises it, when it needs recognition to take effect.
    pub fn recognising_body(self) -> Option<&'static str> {
        match self {
            DecisionMatter::Convention | DecisionMatter::VillageHead => Some("UBND xã"),
            DecisionMatter::BoardMembers => Some("Ủy ban MTTQ Việt Nam xã"),
            _ => None,
        }
    }
}

/// The threshold for a matter: ≥ 2/3 for contributions and community funds, > 50 % otherwise.
pub fn threshold(matter: DecisionMatter) -> Threshold {
    match matter {
        DecisionMatter::Contribution | DecisionMatter::CommunityFunds => Threshold::TwoThirds,
        _ => Threshold::Majority,
    }
}

/// Passed when the votes in favour reach the threshold of ALL households (or of all thôn for a
/// commune-wide contribution), not of those present. Exact integer arithmetic.
pub fn outcome(threshold: Threshold, electorate: i64, votes_for: i64) -> VoteOutcome {
    let passed = electorate > 0
        && match threshold {
            Threshold::TwoThirds => votes_for * 3 >= electorate * 2,
            Threshold::Majority => votes_for * 2 > electorate,
        };
    if passed {
        VoteOutcome::Passed
    } else {
        VoteOutcome::Rejected
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct NewResidentDecision {
    /// The thôn / tổ dân phố, or the commune for a commune-wide matter, `scheme/code`
    pub unit: String,
    pub matter: DecisionMatter,
    pub scope: DecisionScope,
    pub form: VoteForm,
    pub title: String,
    #[schema(value_type = String, format = Date)]
    pub voted_on: NaiveDate,
    /// Total households (hộ gia đình) of the thôn — or, commune-wide for items 1–2, the thôn
    pub electorate: i64,
    /// Household representatives present (meeting) or ballots returned
    pub present: Option<i64>,
    pub votes_for: i64,
    #[serde(default)]
    pub votes_against: i64,
    /// Ý kiến khác, blank ballots
    #[serde(default)]
    pub votes_other: i64,
    /// A ballot for items 3–5 is allowed only after a meeting lacked its quorum (Điều 19(1)(b))
    #[serde(default)]
    pub quorum_failed: bool,
    /// The day the decision document reached the UBND and MTTQ xã
    #[schema(value_type = Option<String>, format = Date)]
    pub sent_on: Option<NaiveDate>,
    pub notes: Option<String>,
    /// Who proposed the matter (Điều 16); absent: the commune chair for a commune-wide matter,
    /// the trưởng thôn otherwise
    #[serde(default)]
    pub proposer: Option<Proposer>,
    /// Citizen initiative: households that consented (≥ 10 % of the thôn's households)
    #[serde(default)]
    pub initiative_households: Option<i64>,
    /// Citizen initiative: the day consent was gathered (valid 3 months)
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub consent_on: Option<NaiveDate>,
    /// Citizen initiative under 10 % that the Ban công tác Mặt trận approved
    #[serde(default)]
    pub front_approved: bool,
    /// Online vote: households that opted in to voting online (must be > 50 %)
    #[serde(default)]
    pub online_opt_in: Option<i64>,
    /// Household ballot: the day the plan, content, timing and team were announced
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub ballot_announced_on: Option<NaiveDate>,
    /// Household ballot: the day the ballots were distributed (≥ 2 days after the announcement)
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub ballot_distributed_on: Option<NaiveDate>,
    /// Members of the ballot team or of the online vote team (3–5)
    #[serde(default)]
    pub team_size: Option<i64>,
}

/// Recording the commune's recognition or reasoned refusal.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct Recognition {
    #[schema(value_type = String, format = Date)]
    pub on: NaiveDate,
    #[serde(default)]
    pub refused: bool,
    pub reason: Option<String>,
    /// Số quyết định công nhận
    pub decision_number: Option<String>,
    /// The day the decision was received, if not recorded yet
    #[schema(value_type = Option<String>, format = Date)]
    pub received_on: Option<NaiveDate>,
}

/// Deadlines of a decision and whether they were kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DecisionTimeline {
    /// Send to the UBND, MTTQ xã by
    #[schema(value_type = String, format = Date)]
    pub send_due: NaiveDate,
    pub sent_late: bool,
    /// Recognise by (5 working days after it was received)
    #[schema(value_type = Option<String>, format = Date)]
    pub recognition_due: Option<NaiveDate>,
    pub recognition_late: bool,
    /// Awaiting recognition past its deadline
    pub recognition_overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ResidentDecision {
    pub id: i64,
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_level: Level,
    pub matter: DecisionMatter,
    pub scope: DecisionScope,
    pub form: VoteForm,
    pub title: String,
    #[schema(value_type = String, format = Date)]
    pub voted_on: NaiveDate,
    pub electorate: i64,
    pub present: Option<i64>,
    pub votes_for: i64,
    pub votes_against: i64,
    pub votes_other: i64,
    pub threshold: Threshold,
    /// "450/600 hộ đồng ý (75,0%), cần từ 2/3 trở lên"
    pub tally_text: String,
    pub outcome: VoteOutcome,
    #[schema(value_type = Option<String>, format = Date)]
    pub sent_on: Option<NaiveDate>,
    pub recognising_body: Option<String>,
    pub recognition: RecognitionStatus,
    #[schema(value_type = Option<String>, format = Date)]
    pub recognised_on: Option<NaiveDate>,
    pub recognition_number: Option<String>,
    pub refusal_reason: Option<String>,
    pub timeline: DecisionTimeline,
    pub notes: Option<String>,
    pub proposer: Proposer,
    pub initiative_households: Option<i64>,
    #[schema(value_type = Option<String>, format = Date)]
    pub consent_on: Option<NaiveDate>,
    pub front_approved: bool,
    pub online_opt_in: Option<i64>,
    #[schema(value_type = Option<String>, format = Date)]
    pub ballot_announced_on: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub ballot_distributed_on: Option<NaiveDate>,
    pub team_size: Option<i64>,
}

/// The procedure of a vote as it is stored: the proposer, and only the facts that belong to its
/// proposer and form (an initiative's consent, a ballot's notice, an online vote's opt-in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteProcedure {
    pub proposer: Proposer,
    pub initiative_households: Option<i64>,
    pub consent_on: Option<NaiveDate>,
    pub front_approved: bool,
    pub online_opt_in: Option<i64>,
    pub ballot_announced_on: Option<NaiveDate>,
    pub ballot_distributed_on: Option<NaiveDate>,
    pub team_size: Option<i64>,
}

/// The proposer when none is recorded: the commune chair commune-wide, the trưởng thôn otherwise.
pub fn default_proposer(scope: DecisionScope) -> Proposer {
    match scope {
        DecisionScope::Commune => Proposer::CommuneChair,
        DecisionScope::Village => Proposer::VillageHead,
    }
}

fn team_ok(team: Option<i64>, what: &str) -> Result<i64, DomainError> {
    match team {
        Some(n) if TEAM_SIZE.contains(&n) => Ok(n),
        Some(n) => Err(DomainError::new(
            ErrorCode::TeamSizeOutOfRange,
            format!("{what} có {n} thành viên, phải từ 3 đến 5 người"),
        )),
        None => Err(DomainError::new(
            ErrorCode::TeamSizeOutOfRange,
            format!("cần ghi số thành viên {what} (từ 3 đến 5 người)"),
        )),
    }
}

/// Checks who proposed the matter (Điều 16) and how it is decided (Điều 17, 19; NĐ 59/2023
/// Điều 5), and returns what is to be stored.
pub fn check_procedure(d: &NewResidentDecision, today: NaiveDate) -> Result<VoteProcedure, DomainError> {
    let proposer = d.proposer.unwrap_or_else(|| default_proposer(d.scope));
    let mut p = VoteProcedure {
        proposer,
        initiative_households: None,
        consent_on: None,
        front_approved: false,
        online_opt_in: None,
        ballot_announced_on: None,
        ballot_distributed_on: None,
        team_size: None,
    };
    match (proposer, d.scope) {
        (Proposer::CommuneChair, DecisionScope::Village) => {
            return Err(DomainError::new(
                ErrorCode::ProposerNotAllowed,
                "nội dung của thôn, tổ dân phố do trưởng thôn, tổ trưởng tổ dân phố đề xuất hoặc theo sáng kiến của công dân (Điều 16)",
            ))
        }
        (Proposer::VillageHead | Proposer::Citizens, DecisionScope::Commune) => {
            return Err(DomainError::new(
                ErrorCode::ProposerNotAllowed,
                "nội dung trong phạm vi toàn xã do Chủ tịch UBND xã đề xuất (Điều 16 khoản 1)",
            ))
        }
        _ => {}
    }
    if proposer == Proposer::Citizens {
        let households = match d.initiative_households {
            Some(n) if n > 0 => n,
            Some(n) if n < 0 => return Err(DomainError::validation("số hộ không được âm")),
            _ => {
                return Err(DomainError::new(
                    ErrorCode::InitiativeTooFewHouseholds,
                    "cần ghi số hộ gia đình đồng thuận với sáng kiến",
                ))
            }
        };
        if households > d.electorate {
            return Err(DomainError::new(
                ErrorCode::VotesExceedHouseholds,
                format!("{households} hộ đồng thuận nhưng thôn chỉ có {} hộ", d.electorate),
            ));
        }
        if households * 100 < d.electorate * INITIATIVE_MIN_PERCENT && !d.front_approved {
            return Err(DomainError::new(
                ErrorCode::InitiativeTooFewHouseholds,
                format!(
                    "sáng kiến có {households}/{} hộ đồng thuận ({}), cần từ 10% số hộ của thôn trở lên, \
                     hoặc được Ban công tác Mặt trận đồng ý (Điều 16 khoản 3)",
                    d.electorate,
                    Rate::new(households, d.electorate).percent_text(Rounding::Truncate)
                ),
            ));
        }
        let Some(consent_on) = d.consent_on else {
            return Err(DomainError::new(
                ErrorCode::InitiativeConsentExpired,
                "cần ghi ngày lấy ý kiến đồng thuận của các hộ",
            ));
        };
        if consent_on > d.voted_on {
            return Err(DomainError::new(
                ErrorCode::DatesOutOfOrder,
                "ngày lấy ý kiến đồng thuận không được sau ngày biểu quyết",
            ));
        }
        let valid_until = consent_on
            .checked_add_months(chrono::Months::new(INITIATIVE_CONSENT_MONTHS))
            .unwrap_or(NaiveDate::MAX);
        if d.voted_on > valid_until {
            return Err(DomainError::new(
                ErrorCode::InitiativeConsentExpired,
                format!(
                    "sự đồng thuận lấy ngày {} chỉ có giá trị 03 tháng, đến ngày {} (Điều 16 khoản 3)",
                    consent_on.format("%d/%m/%Y"),
                    valid_until.format("%d/%m/%Y")
                ),
            ));
        }
        p.initiative_households = Some(households);
        p.consent_on = Some(consent_on);
        p.front_approved = d.front_approved;
    }
    match d.form {
        VoteForm::Meeting => {}
        VoteForm::Ballot => {
            let (Some(announced), Some(distributed)) = (d.ballot_announced_on, d.ballot_distributed_on) else {
                return Err(DomainError::new(
                    ErrorCode::BallotNoticeTooShort,
                    "cần ghi ngày công bố kế hoạch phát phiếu và ngày phát phiếu (Điều 19)",
                ));
            };
            if announced > today {
                return Err(DomainError::new(
                    ErrorCode::FutureDate,
                    "ngày công bố kế hoạch phát phiếu",
                ));
            }
            let notice = (distributed - announced).num_days();
            if notice < BALLOT_NOTICE_DAYS {
                return Err(DomainError::new(
                    ErrorCode::BallotNoticeTooShort,
                    format!(
                        "kế hoạch công bố ngày {}, phát phiếu ngày {}: phải công bố trước ít nhất 02 ngày (Điều 19 khoản 2)",
                        announced.format("%d/%m/%Y"),
                        distributed.format("%d/%m/%Y")
                    ),
                ));
            }
            if distributed > d.voted_on {
                return Err(DomainError::new(
                    ErrorCode::DatesOutOfOrder,
                    "ngày phát phiếu không được sau ngày tổng hợp kết quả biểu quyết",
                ));
            }
            p.team_size = Some(team_ok(d.team_size, "tổ phát phiếu")?);
            p.ballot_announced_on = Some(announced);
            p.ballot_distributed_on = Some(distributed);
        }
        VoteForm::Online => {
            let opt_in = d.online_opt_in.unwrap_or(0);
            if opt_in < 0 {
                return Err(DomainError::validation("số hộ không được âm"));
            }
            if opt_in > d.electorate {
                return Err(DomainError::new(
                    ErrorCode::VotesExceedHouseholds,
                    format!("{opt_in} hộ đăng ký nhưng chỉ có {} hộ", d.electorate),
                ));
            }
            if opt_in * 2 <= d.electorate {
                return Err(DomainError::new(
                    ErrorCode::OnlineOptInTooLow,
                    format!(
                        "{opt_in}/{} hộ đồng ý biểu quyết trực tuyến ({}), cần trên 50% số hộ (Nghị định 59/2023, Điều 5)",
                        d.electorate,
                        Rate::new(opt_in, d.electorate).percent_text(Rounding::Truncate)
                    ),
                ));
            }
            p.team_size = Some(team_ok(d.team_size, "tổ biểu quyết trực tuyến")?);
            p.online_opt_in = Some(opt_in);
        }
    }
    Ok(p)
}

/// Checks a vote before it is written: no more votes than households, a form the law allows for
/// the matter, dates in order, then who proposed it and the procedure of its form
/// ([`check_procedure`]); returns the procedure to store.
pub fn validate_decision(d: &NewResidentDecision, today: NaiveDate) -> Result<VoteProcedure, DomainError> {
    if crate::text::normalize(&d.title).is_empty() {
        return Err(DomainError::validation("cần ghi nội dung được bàn và quyết định"));
    }
    let what = if d.scope == DecisionScope::Commune && threshold(d.matter) == Threshold::TwoThirds {
        "thôn, tổ dân phố"
    } else {
        "hộ gia đình"
    };
    if d.electorate <= 0 {
        return Err(DomainError::validation(format!("tổng số {what} phải lớn hơn 0")));
    }
    let counts = [Some(d.votes_for), Some(d.votes_against), Some(d.votes_other), d.present];
    if counts.iter().flatten().any(|n| *n < 0) {
        return Err(DomainError::validation("số phiếu, số hộ không được âm"));
    }
    let votes = d.votes_for + d.votes_against + d.votes_other;
    if votes > d.electorate {
        return Err(DomainError::new(
            ErrorCode::VotesExceedHouseholds,
            format!("{votes} phiếu nhưng chỉ có {} {what}", d.electorate),
        ));
    }
    if let Some(present) = d.present {
        if present > d.electorate {
            return Err(DomainError::new(
                ErrorCode::VotesExceedHouseholds,
                format!("{present} đại diện có mặt nhưng chỉ có {} {what}", d.electorate),
            ));
        }
        if votes > present {
            return Err(DomainError::new(
                ErrorCode::VotesExceedHouseholds,
                format!("{votes} phiếu nhưng chỉ có {present} đại diện có mặt"),
            ));
        }
    }
    if d.form == VoteForm::Online && d.matter != DecisionMatter::SelfGoverning {
        return Err(DomainError::new(
            ErrorCode::VoteFormNotAllowed,
            "biểu quyết trực tuyến chỉ áp dụng cho công việc tự quản khác (Điều 17 khoản 2)",
        ));
    }
    let needs_meeting = matches!(
        d.matter,
        DecisionMatter::Convention | DecisionMatter::VillageHead | DecisionMatter::BoardMembers
    );
    if needs_meeting && d.form == VoteForm::Ballot && !d.quorum_failed {
        return Err(DomainError::new(
            ErrorCode::VoteFormNotAllowed,
            "nội dung này phải quyết định tại hội nghị; chỉ phát phiếu khi hội nghị không đủ số hộ tham dự (Điều 19)",
        ));
    }
    if d.scope == DecisionScope::Commune && needs_meeting {
        return Err(DomainError::validation(
            "nội dung này do cộng đồng dân cư thôn, tổ dân phố quyết định",
        ));
    }
    if d.voted_on > today {
        return Err(DomainError::new(
            ErrorCode::FutureDate,
            format!("ngày biểu quyết {}", d.voted_on.format("%d/%m/%Y")),
        ));
    }
    if let Some(sent) = d.sent_on {
        if sent < d.voted_on {
            return Err(DomainError::new(
                ErrorCode::InvalidDate,
                "ngày gửi văn bản không được trước ngày biểu quyết",
            ));
        }
        if sent > today {
            return Err(DomainError::new(
                ErrorCode::FutureDate,
                sent.format("%d/%m/%Y").to_string(),
            ));
        }
    }
    check_procedure(d, today)
}

/// "450/600 hộ đồng ý (75,0%), cần từ 2/3 trở lên".
pub fn tally_text(scope: DecisionScope, th: Threshold, electorate: i64, votes_for: i64) -> String {
    let what = if scope == DecisionScope::Commune && th == Threshold::TwoThirds {
        "thôn, tổ dân phố"
    } else {
        "hộ"
    };
    format!(
        "{}/{} {what} đồng ý ({}), cần {}",
        format_count(votes_for),
        format_count(electorate),
        Rate::new(votes_for, electorate).percent_text(Rounding::Truncate),
        th.label_vi().to_lowercase()
    )
}

/// The deadlines of a decision as of `today`.
pub fn decision_timeline(
    voted_on: NaiveDate,
    sent_on: Option<NaiveDate>,
    recognition: RecognitionStatus,
    recognised_on: Option<NaiveDate>,
    calendar: &Calendar,
    today: NaiveDate,
) -> Result<DecisionTimeline, DomainError> {
    let send_due = calendar.add_working_days(voted_on, SEND_WORKING_DAYS)?;
    let sent_late = match sent_on {
        Some(s) => s > send_due,
        None => today > send_due,
    };
    let needs = matches!(
        recognition,
        RecognitionStatus::Awaiting | RecognitionStatus::Recognised | RecognitionStatus::Refused
    );
    let recognition_due = match (needs, sent_on) {
        (true, Some(s)) => Some(calendar.add_working_days(s, RECOGNITION_WORKING_DAYS)?),
        _ => None,
    };
    let recognition_late = matches!((recognition_due, recognised_on), (Some(due), Some(on)) if on > due);
    let recognition_overdue =
        recognition == RecognitionStatus::Awaiting && recognition_due.is_some_and(|due| today > due);
    Ok(DecisionTimeline {
        send_due,
        sent_late,
        recognition_due,
        recognition_late,
        recognition_overdue,
    })
}

/// The recognition status a freshly recorded vote starts in.
pub fn initial_recognition(matter: DecisionMatter, outcome: VoteOutcome) -> RecognitionStatus {
    if outcome == VoteOutcome::Passed && matter.recognising_body().is_some() {
        RecognitionStatus::Awaiting
    } else {
        RecognitionStatus::NotNeeded
    }
}

/// Checks a recognition against the decision: only a passed vote awaiting recognition, not
/// before it was received, not in the future; a refusal gives its reason.
pub fn check_recognition(d: &ResidentDecision, r: &Recognition, today: NaiveDate) -> Result<NaiveDate, DomainError> {
    if d.recognition != RecognitionStatus::Awaiting {
        return Err(DomainError::new(
            ErrorCode::InvalidTransition,
            format!("quyết định đang ở trạng thái '{}'", d.recognition.label_vi()),
        ));
    }
    let received = r.received_on.or(d.sent_on).unwrap_or(d.voted_on);
    if received < d.voted_on {
        return Err(DomainError::new(
            ErrorCode::InvalidDate,
            "ngày nhận văn bản không được trước ngày biểu quyết",
        ));
    }
    if r.on > today {
        return Err(DomainError::new(
            ErrorCode::FutureDate,
            r.on.format("%d/%m/%Y").to_string(),
        ));
    }
    if r.on < received {
        return Err(DomainError::new(
            ErrorCode::InvalidDate,
            "ngày công nhận không được trước ngày nhận văn bản",
        ));
    }
    if r.refused
        && r.reason
            .as_deref()
            .map(crate::text::normalize)
            .unwrap_or_default()
            .is_empty()
    {
        return Err(DomainError::validation("không công nhận thì cần nêu rõ lý do"));
    }
    Ok(received)
}

/// Resident decision and consultation figures of a unit subtree over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ResidentDecisionStats {
    pub unit: String,
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
    pub decisions: i64,
    pub passed: i64,
    pub rejected: i64,
    pub by_matter: Vec<Count>,
    pub by_form: Vec<Count>,
    pub recognised: i64,
    pub refused: i64,
    pub awaiting: i64,
    /// Recognised or refused after the 5 working days, or still awaiting past them
    pub recognition_late: i64,
    /// "18 nội dung Nhân dân bàn và quyết định: 16 được thông qua, 2 không được thông qua"
    pub text: String,
    pub consultations: super::ConsultationStats,
}
