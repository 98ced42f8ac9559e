//! Exports a list of records — the current filter of a worklist — as a table: CSV in UTF-8
//! with a byte-order mark (so Excel shows Vietnamese letters), or XLSX with real dates and
//! numbers in the cells (not text), a bold frozen header row and filters on it.

mod disclosures;
mod meetings;
mod petitions;
mod records;

pub use disclosures::disclosure_table;
pub use meetings::meeting_table;
pub use petitions::{petition_table, PetitionLabels};
pub use records::{
    consultation_table, contribution_table, directive_table, dvk_model_table, gpmb_project_table, house_table,
    issue_table, movement_table, ordered_task_table, reception_table, resident_decision_table,
    rural_contribution_table, situation_report_table, supervision_table, worklist_table,
};

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("không ghi được tệp Excel: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("không ghi được tệp CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("không ghi được tệp CSV: {0}")]
    Io(#[from] std::io::Error),
}

/// One cell: text, an integer, or a calendar date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Int(i64),
    Date(NaiveDate),
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}
impl From<Option<NaiveDate>> for Cell {
    fn from(d: Option<NaiveDate>) -> Cell {
        d.map(Cell::Date).unwrap_or(Cell::Empty)
    }
}

/// A sheet: a title (the sheet's name), the header row, the rows.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

/// `csv` | `xlsx`.
pub fn parse_format(s: &str) -> Option<ExportFormat> {
    match s.trim().to_ascii_lowercase().as_str() {
        "csv" => Some(ExportFormat::Csv),
        "xlsx" => Some(ExportFormat::Xlsx),
        _ => None,
    }
}

impl ExportFormat {
    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv; charset=utf-8",
            ExportFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }
}

pub fn write(table: &Table, format: ExportFormat) -> Result<Vec<u8>, ExportError> {
    match format {
        ExportFormat::Csv => to_csv(table),
        ExportFormat::Xlsx => to_xlsx(table),
    }
}

/// CSV with a BOM; dates as dd/mm/yyyy, the way officers type them.
pub fn to_csv(table: &Table) -> Result<Vec<u8>, ExportError> {
    let mut out = vec![0xEF, 0xBB, 0xBF];
    {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record(&table.headers)?;
        for row in &table.rows {
            w.write_record(row.iter().map(|c| match c {
                Cell::Text(s) => s.clone(),
                Cell::Int(n) => n.to_string(),
                Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
                Cell::Empty => String::new(),
            }))?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// An Excel sheet name: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(title: &str) -> String {
    let clean: String = title.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
    if clean.trim().is_empty() {
        "Danh sach".into()
    } else {
        clean
    }
}

pub fn to_xlsx(table: &Table) -> Result<Vec<u8>, ExportError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name(&table.title))?;
    let header = Format::new().set_bold().set_background_color("#EEF0F3");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (c, h) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &header)?;
        sheet.set_column_width(c as u16, (h.chars().count() as f64 + 4.0).max(12.0))?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => {
                    sheet.write_string(r, c, s)?;
                }
                Cell::Int(n) => {
                    sheet.write_number(r, c, *n as f64)?;
                }
                Cell::Date(d) => {
                    let day = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    sheet.write_datetime_with_format(r, c, &day, &date)?;
                }
                Cell::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    if !table.headers.is_empty() {
        sheet.autofilter(0, 0, table.rows.len() as u32, table.headers.len() as u16 - 1)?;
    }
    Ok(book.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};

    fn sample() -> Table {
        Table {
            title: "Đơn thư".into(),
            headers: vec!["Mã đơn".into(), "Ngày nhận".into(), "Số người".into()],
            rows: vec![vec![
                "Đ-2026-1".into(),
                Cell::Date(NaiveDate::from_ymd_opt(2026, 6, 21).unwrap()),
                Cell::Int(12),
            ]],
        }
    }

    #[test]
    fn csv_has_a_bom_and_vietnamese_dates() {
        let bytes = to_csv(&sample()).unwrap();
        assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF]);
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert_eq!(text, "Mã đơn,Ngày nhận,Số người\nĐ-2026-1,21/06/2026,12\n");
    }

    #[test]
    fn xlsx_cells_are_real_dates_and_numbers() {
        let bytes = to_xlsx(&sample()).unwrap();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("Đơn thư").unwrap();
        assert_eq!(range.get((0, 0)), Some(&Data::String("Mã đơn".into())));
        assert!(
            matches!(range.get((1, 1)), Some(Data::DateTime(_))),
            "{:?}",
            range.get((1, 1))
        );
        assert_eq!(range.get((1, 2)), Some(&Data::Float(12.0)));
    }

    #[test]
    fn sheet_names_are_what_excel_accepts() {
        assert_eq!(sheet_name("Đơn/thư: [2026]"), "Đơnthư 2026");
        assert_eq!(sheet_name("  "), "Danh sach");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
    }

    #[test]
    fn formats_parse() {
        assert_eq!(parse_format("XLSX"), Some(ExportFormat::Xlsx));
        assert_eq!(parse_format("pdf"), None);
    }
}
