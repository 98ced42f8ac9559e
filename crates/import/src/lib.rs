//! Reading a petition register (sổ theo dõi đơn thư) kept in a spreadsheet into petitions.
//!
//! Offices have kept their registers in Excel for years. [`read_register`] reads one (CSV or
//! Excel, the first sheet) and checks every row the way the petition form does, so that an
//! officer gets back one list of everything to fix — row, column and a Vietnamese message — before
//! anything is recorded. Nothing here touches the database: the receiving unit is passed on as
//! written and is resolved when the petitions are recorded.
//!
//! The column layout is documented for officers in `docs/petition-import.md`; [`columns`] gives
//! it to code, and [`template_xlsx`] / [`template_csv`] give an empty register to fill in.

mod columns;
pub mod disclosures;
pub mod models;
mod row;
mod sheet;
mod template;
mod values;

pub use columns::{columns, ColumnSpec};
pub use template::{template_csv, template_xlsx};

pub use models::{model_template_xlsx, read_model_registrations, ModelRow, ModelSheet};

use chrono::NaiveDate;
use danvan_domain::petition::{NewPetition, Topics};
use danvan_domain::ErrorCode;
use serde::Serialize;
use std::fmt;

/// A problem with the file as a whole: nothing in it can be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("Chỉ nhận tệp .csv, .xlsx hoặc .xls (tệp '{0}')")]
    UnknownExtension(String),
    #[error("Không đọc được tệp: {0}")]
    Unreadable(String),
    #[error("Tệp không có dữ liệu")]
    Empty,
    #[error("Tệp chỉ có dòng tiêu đề, chưa có đơn nào")]
    NoRows,
    #[error("Thiếu cột bắt buộc: {}", .0.join(", "))]
    MissingColumns(Vec<String>),
    #[error("Cột bị ghi hai lần ở dòng tiêu đề: {0}")]
    DuplicateColumn(String),
}

impl ImportError {
    /// The stable machine code (always `validation`: the file is what is wrong).
    pub fn code(&self) -> ErrorCode {
        ErrorCode::Validation
    }
}

/// One thing wrong in one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Spreadsheet row number (1-based, as Excel shows it).
    pub row: usize,
    /// The column's header as written in the file.
    pub column: String,
    pub code: ErrorCode,
    /// What is wrong, in Vietnamese.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Dòng {}, cột \"{}\": {}", self.row, self.column, self.message)
    }
}

/// One data row of the register: the petition when the row is all right, otherwise its problems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowResult {
    /// Spreadsheet row number (1-based, as Excel shows it).
    pub row: usize,
    /// `Some` exactly when `problems` is empty.
    pub petition: Option<NewPetition>,
    pub problems: Vec<Problem>,
}

impl RowResult {
    pub fn is_valid(&self) -> bool {
        self.petition.is_some() && self.problems.is_empty()
    }
}

/// A register as read: one result per data row, in file order (blank rows and the template's
/// example row are left out).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Register {
    pub rows: Vec<RowResult>,
}

impl Register {
    /// The petitions of the rows that are all right.
    pub fn valid(&self) -> impl Iterator<Item = &NewPetition> {
        self.rows.iter().filter_map(|r| r.petition.as_ref())
    }

    /// Every problem, row by row.
    pub fn problems(&self) -> impl Iterator<Item = &Problem> {
        self.rows.iter().flat_map(|r| r.problems.iter())
    }

    /// Whether every row can be recorded.
    pub fn is_all_valid(&self) -> bool {
        self.rows.iter().all(RowResult::is_valid)
    }

    /// All the petitions when every row is all right, otherwise every problem: for an import
    /// that records all or nothing.
    pub fn into_petitions(self) -> Result<Vec<NewPetition>, Vec<Problem>> {
        if self.is_all_valid() {
            Ok(self.rows.into_iter().filter_map(|r| r.petition).collect())
        } else {
            Err(self.rows.into_iter().flat_map(|r| r.problems).collect())
        }
    }
}

/// Reads a register from a file's bytes. The format follows the extension of `file_name`
/// (`.csv`, `.xlsx`/`.xlsm`, `.xls`); for Excel the first sheet is read. Rows without a receiving
/// unit get `default_unit`; received dates after `today` are refused.
pub fn read_register(
    file_name: &str,
    bytes: &[u8],
    default_unit: &str,
    today: NaiveDate,
    topics: &Topics,
) -> Result<Register, ImportError> {
    let format = sheet::Format::from_file_name(file_name)?;
    let rows = sheet::read_rows(format, bytes)?;
    let (header, layout) = row::find_header(&rows)?;
    let rows = row::check_rows(&rows[header + 1..], &layout, default_unit, today, topics);
    if rows.is_empty() {
        return Err(ImportError::NoRows);
    }
    Ok(Register { rows })
}

#[cfg(test)]
mod tests;
