//! danvan's store: one API over SQLite (embedded default) and PostgreSQL (scale-out).
//!
//! Both backends go through sqlx's `Any` driver, so each query is written once. The schema keeps
//! one representation for both (dates as ISO text, flags as integers); each backend has its own
//! versioned migrations under `migrations/`. Every read and write takes an [`Actor`] and is
//! filtered by its scope here, not in the handlers above.

mod attachments;
mod audit;
mod backup;
mod blobs;
mod bulk;
mod dashboard;
mod db;
mod disclosures;
mod error;
mod gpmb;
mod idempotency;
mod items;
mod meeting_stats;
mod meetings;
mod organisations;
mod pages;
mod petition_stats;
mod petitions;
mod read_cache;
mod receptions;
mod record_files;
mod records;
mod reports;
mod resident_decisions;
mod search_texts;
mod settings;
mod situation;
mod sql;
mod units;
mod units_import;
mod users;
mod write;

mod directives;
mod dvk_models;
mod dvk_stats;
mod movement_stats;
mod movements;
mod record_rows;

pub use audit::AuditReport;
pub use bulk::{PetitionSeed, UserSeed};
pub use db::{Backend, Store};
pub use error::StoreError;
pub use idempotency::Claim;
pub use organisations::NewOrganisation;
pub use petitions::{PetitionQuery, PetitionSort};
pub use reports::{report_unit, validate_submitted, REFORM_DAY};
pub use settings::{SETTINGS, SETTING_CALENDAR, SETTING_DEADLINE_RULES, SETTING_PETITION_TOPICS};
pub use units::{today, Subtree, UnitQuery};
pub use units_import::ImportSummary;
pub use users::{hash_password, NewUser, SessionInfo};

pub use gpmb::ProjectQuery;
pub use items::FollowUpQuery;
pub use meetings::MeetingQuery;
pub use movements::TaskQuery;

pub use directives::DirectiveQuery;
pub use disclosures::DisclosureQuery;
pub use dvk_models::DvkQuery;
pub use record_rows::{ListOrder, RecordPage, RecordQuery};
pub use situation::IssueQuery;

pub use danvan_domain::scope::Actor;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
