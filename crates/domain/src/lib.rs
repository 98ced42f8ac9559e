//! danvan's domain: plain types and rules for mass-mobilization work (công tác dân vận).
//!
//! No I/O lives here. Everything that needs the database is split into a pure rule in this
//! crate and a query in `danvan-store`.

pub mod attachment;
pub mod audit;
pub mod calendar;
pub mod dashboard;
pub mod deadline;
pub mod democracy;
pub mod directive;
pub mod document;
pub mod dvk;
pub mod error;
pub mod figures;
pub mod gpmb;
pub mod meeting;
pub mod money;
pub mod movement;
pub mod organisation;
pub mod period;
pub mod petition;
pub mod reception;
pub mod report;
pub mod role;
pub mod scope;
pub mod situation;
pub mod text;
pub mod unit;
pub mod user;

pub use error::{DomainError, ErrorCode};
