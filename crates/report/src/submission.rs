//! The XLSX template a unit not on the system fills in for one period
//! (`danvan report template --period … --unit …`), and its reader. The template names its unit,
//! period and family; each total has a check formula (total − parts, which should be 0). The
//! reader refuses a template for another unit or period, text in a number cell, a fraction or a
//! negative number, and an edited check formula — naming the cell — and returns nothing then.

use crate::{ReportError, Result};
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use danvan_domain::period::Period;
use danvan_domain::report::figures::PARTS;
use danvan_domain::report::{FigureKind, FigureValues, ReportUnit, CATALOGUE};
use danvan_domain::{DomainError, ErrorCode};
use rust_xlsxwriter::{Format, Formula, Workbook};
use std::collections::BTreeMap;

const SHEET: &str = "Số liệu";
/// The row of the first figure (0-based), after the header block and the column titles.
const FIRST_ROW: u32 = 6;

/// The count figures a unit submits, in catalogue order.
fn submitted_figures() -> Vec<&'static danvan_domain::report::FigureDef> {
    CATALOGUE
        .iter()
        // Rates follow from their parts; areas (tenths of m²) are not typed in by hand.
        .filter(|f| matches!(f.kind, FigureKind::Count | FigureKind::Money))
        .collect()
}

/// `C7-(C8+C9)` for each total row, keyed by the total's row (0-based).
fn check_formulas() -> BTreeMap<u32, String> {
    let figures = submitted_figures();
    let row_of = |id: &str| figures.iter().position(|f| f.id == id).map(|i| FIRST_ROW + i as u32);
    let mut out: BTreeMap<u32, String> = BTreeMap::new();
    for (total, parts, _) in PARTS {
        let (Some(t), Some(ps)) = (
            row_of(total),
            parts.iter().map(|p| row_of(p)).collect::<Option<Vec<_>>>(),
        ) else {
            continue;
        };
        let sum: Vec<String> = ps.iter().map(|r| format!("C{}", r + 1)).collect();
        let formula = format!("C{}-({})", t + 1, sum.join("+"));
        // A total with two splits gets both checks in one cell.
        out.entry(t)
            .and_modify(|f| *f = format!("{f}+ABS({formula})"))
            .or_insert(format!("ABS({formula})"));
    }
    out
}

/// The template for `unit` and `period` (of `family`).
pub fn submission_template(unit: &ReportUnit, period: &Period) -> Result<Vec<u8>> {
    filled_template(unit, period, &FigureValues::new())
}

/// The template with `values` already entered (what a unit sends back).
pub fn filled_template(unit: &ReportUnit, period: &Period, values: &FigureValues) -> Result<Vec<u8>> {
    build_template(unit, period, values).map_err(|e| ReportError::Write(e.to_string()))
}

fn build_template(
    unit: &ReportUnit,
    period: &Period,
    values: &FigureValues,
) -> std::result::Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET)?;
    let bold = Format::new().set_bold();
    let head = Format::new().set_bold().set_background_color("#EEF0F3");
    let input = Format::new().set_background_color("#FFF8DC").set_num_format("#,##0");
    sheet.write_string_with_format(
        0,
        0,
        format!("BIỂU MẪU SỐ LIỆU BÁO CÁO {}", period.label.to_uppercase()),
        &bold,
    )?;
    sheet.write_string_with_format(1, 0, "Đơn vị", &bold)?;
    sheet.write_string(1, 1, unit.label())?;
    sheet.write_string(1, 2, &unit.name)?;
    sheet.write_string_with_format(2, 0, "Kỳ báo cáo", &bold)?;
    sheet.write_string(2, 1, &period.key)?;
    sheet.write_string(
        2,
        2,
        format!(
            "{} ({} – {})",
            period.label,
            period.from.format("%d/%m/%Y"),
            period.to.format("%d/%m/%Y")
        ),
    )?;
    sheet.write_string_with_format(3, 0, "Loại báo cáo", &bold)?;
    sheet.write_string(3, 1, &period.family)?;
    sheet.write_string(
        4,
        0,
        "Nhập số nguyên không âm vào cột “Số liệu”; để trống chỉ tiêu không có. Cột “Kiểm tra” phải bằng 0 (tổng bằng các phần); không sửa cột này.",
    )?;
    for (c, h) in ["Mã chỉ tiêu", "Chỉ tiêu", "Số liệu", "Kiểm tra"].iter().enumerate() {
        sheet.write_string_with_format(FIRST_ROW - 1, c as u16, *h, &head)?;
    }
    let formulas = check_formulas();
    for (i, f) in submitted_figures().iter().enumerate() {
        let r = FIRST_ROW + i as u32;
        sheet.write_string(r, 0, f.id)?;
        let label = match f.kind {
            FigureKind::Money => format!("{} (đồng)", f.label),
            _ => f.label.to_string(),
        };
        sheet.write_string(r, 1, label)?;
        match values.get(f.id) {
            Some(v) => sheet.write_number_with_format(r, 2, *v as f64, &input)?,
            None => sheet.write_blank(r, 2, &input)?,
        };
        if let Some(formula) = formulas.get(&r) {
            sheet.write_formula(r, 3, Formula::new(format!("={formula}")))?;
        }
    }
    sheet.set_column_width(0, 36)?;
    sheet.set_column_width(1, 48)?;
    sheet.set_column_width(2, 14)?;
    sheet.set_column_width(3, 12)?;
    book.save_to_buffer()
}

fn cell_name(row: u32, col: u32) -> String {
    format!("{}{}", (b'A' + col as u8) as char, row + 1)
}

fn refuse(code: ErrorCode, detail: String) -> ReportError {
    ReportError::Domain(DomainError::new(code, detail))
}

fn text(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.trim().to_string(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        _ => String::new(),
    }
}

/// Reads a filled-in template for `unit` and `period`: the values given, or the first problem.
pub fn read_submission(bytes: &[u8], unit: &ReportUnit, period: &Period) -> Result<FigureValues> {
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| refuse(ErrorCode::Validation, format!("không đọc được tệp XLSX ({e})")))?;
    let range = book.worksheet_range(SHEET).map_err(|_| {
        refuse(
            ErrorCode::TemplateMismatch,
            format!("không có trang “{SHEET}” của biểu mẫu"),
        )
    })?;
    let expect = [
        (1, unit.label(), "đơn vị"),
        (2, period.key.clone(), "kỳ báo cáo"),
        (3, period.family.clone(), "loại báo cáo"),
    ];
    for (row, want, what) in expect {
        let got = text(&range, row, 1);
        if got != want {
            return Err(refuse(
                ErrorCode::TemplateMismatch,
                format!("ô {}: biểu mẫu của {what} “{got}”, cần “{want}”", cell_name(row, 1)),
            ));
        }
    }
    let formulas = book
        .worksheet_formula(SHEET)
        .map_err(|e| refuse(ErrorCode::Validation, format!("không đọc được công thức ({e})")))?;
    for (row, want) in check_formulas() {
        let got = formulas.get_value((row, 3)).cloned().unwrap_or_default();
        if got.replace(' ', "").trim_start_matches('=') != want {
            return Err(refuse(
                ErrorCode::InvalidCell,
                format!("ô {}: công thức kiểm tra đã bị sửa, cần “={want}”", cell_name(row, 3)),
            ));
        }
    }
    let mut values = FigureValues::new();
    for (i, f) in submitted_figures().iter().enumerate() {
        let r = FIRST_ROW + i as u32;
        let id = text(&range, r, 0);
        if id != f.id {
            return Err(refuse(
                ErrorCode::TemplateMismatch,
                format!(
                    "ô {}: mã chỉ tiêu “{id}”, cần “{}” (dòng đã bị sửa hoặc xóa)",
                    cell_name(r, 0),
                    f.id
                ),
            ));
        }
        let value = match range.get_value((r, 2)) {
            None | Some(Data::Empty) => continue,
            Some(Data::Int(n)) => *n,
            Some(Data::Float(x)) if x.fract() == 0.0 && x.abs() < 1e15 => *x as i64,
            Some(Data::Float(x)) => {
                return Err(refuse(
                    ErrorCode::InvalidCell,
                    format!("ô {}: “{x}” không phải số nguyên", cell_name(r, 2)),
                ))
            }
            Some(Data::String(s)) if s.trim().is_empty() => continue,
            Some(other) => {
                return Err(refuse(
                    ErrorCode::InvalidCell,
                    format!("ô {}: “{other}” không phải là số ({})", cell_name(r, 2), f.label),
                ))
            }
        };
        if value < 0 {
            return Err(refuse(
                ErrorCode::InvalidCell,
                format!("ô {}: số liệu không được âm", cell_name(r, 2)),
            ));
        }
        values.insert(f.id.to_string(), value);
    }
    Ok(values)
}
