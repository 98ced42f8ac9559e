//! Grassroots democracy (dân chủ ở cơ sở, Luật 10/2022/QH15): what the commune must disclose
//! and whether it did so in time and for long enough; the matters residents decide by vote and
//! their recognition; the matters residents comment on (their opinions are meeting items, one
//! follow-up life); the People's Inspection Boards and community investment supervision boards.

mod board;
mod consultation;
mod disclosure;
mod vote;

pub use board::{
    board_warnings, validate_board, validate_board_report, Board, BoardKind, BoardMember, BoardReport,
    BoardReportPeriod, BoardRole, NewBoard, NewBoardMember, NewBoardReport, MIN_BOARD_MEMBERS,
};
pub use consultation::{
    validate_consultation, ConsultForm, ConsultMatter, Consultation, ConsultationStats, NewConsultation,
};
pub use disclosure::{
    assess, compliance_summary, disclosure_catalogue, disclosure_item, quarter_bounds, quarter_of, validate_disclosure,
    Disclosure, DisclosureCheck, DisclosureCompliance, DisclosureForm, DisclosureItem, DisclosurePage, DisclosureStats,
    DisclosureTiming, Finding, NewDisclosure, PostingState, PostingUpdate, DISCLOSURE_WORKING_DAYS,
};
pub use vote::{
    check_procedure, check_recognition, decision_timeline, default_proposer, initial_recognition, outcome, tally_text,
    threshold, validate_decision, DecisionMatter, DecisionScope, DecisionTimeline, NewResidentDecision, Proposer,
    Recognition, RecognitionStatus, ResidentDecision, ResidentDecisionStats, Threshold, VoteForm, VoteOutcome,
    VoteProcedure, BALLOT_NOTICE_DAYS, INITIATIVE_CONSENT_MONTHS, INITIATIVE_MIN_PERCENT, RECOGNITION_WORKING_DAYS,
    SEND_WORKING_DAYS, TEAM_SIZE,
};

#[cfg(test)]
mod tests;
