//! Reading a commune's list of disclosures (danh mục thông tin công khai) from a spreadsheet.
//!
//! Columns, by their header (accents and case do not matter):
//! `Đơn vị` (optional, `scheme/code`; default the unit given), `Mã nội dung` (`CK_01`…`CK_14`
//! or the number), `Nội dung công khai`, `Số văn bản`, `Ngày ban hành`, `Hình thức` (codes or
//! names, separated by `,` or `;`), `Nơi niêm yết`, `Ngày bắt đầu`, `Ngày kết thúc`,
//! `Số ngày niêm yết`. Every row is checked with the same rules as the form; nothing here
//! touches the database.

use crate::sheet::{read_rows, Cell, Format, RawRow};
use crate::values::{cell_text, parse_date_cell};
use crate::{ImportError, Problem};
use chrono::NaiveDate;
use danvan_domain::democracy::{validate_disclosure, DisclosureForm, NewDisclosure};
use danvan_domain::text::fold;
use danvan_domain::ErrorCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Unit,
    Item,
    Title,
    DecisionRef,
    DecidedOn,
    Forms,
    Place,
    StartOn,
    EndOn,
    RequiredDays,
}

const COLUMNS: &[(Col, &[&str], bool)] = &[
    (Col::Unit, &["don vi", "unit"], false),
    (Col::Item, &["ma noi dung", "noi dung phai cong khai", "item"], true),
    (Col::Title, &["noi dung cong khai", "title"], true),
    (
        Col::DecisionRef,
        &["so van ban", "so ky hieu van ban", "decision ref"],
        false,
    ),
    (Col::DecidedOn, &["ngay ban hanh", "decided on"], true),
    (Col::Forms, &["hinh thuc", "hinh thuc cong khai", "forms"], false),
    (Col::Place, &["noi niem yet", "place"], false),
    (
        Col::StartOn,
        &["ngay bat dau", "ngay bat dau niem yet", "start on"],
        false,
    ),
    (
        Col::EndOn,
        &["ngay ket thuc", "ngay ket thuc niem yet", "end on"],
        false,
    ),
    (Col::RequiredDays, &["so ngay niem yet", "required days"], false),
];

/// The header names of the required columns, as an officer writes them.
pub const REQUIRED_HEADERS: [&str; 3] = ["Mã nội dung", "Nội dung công khai", "Ngày ban hành"];

/// One data row: the disclosure when the row is all right, otherwise its problems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisclosureRow {
    pub row: usize,
    pub disclosure: Option<NewDisclosure>,
    pub problems: Vec<Problem>,
}

/// The rows of a list, in file order (blank rows left out).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DisclosureList {
    pub rows: Vec<DisclosureRow>,
}

impl DisclosureList {
    pub fn problems(&self) -> impl Iterator<Item = &Problem> {
        self.rows.iter().flat_map(|r| r.problems.iter())
    }
}

fn key(s: &str) -> String {
    fold(s).trim().trim_end_matches('*').trim().to_string()
}

fn parse_forms(text: &str) -> Result<Vec<DisclosureForm>, String> {
    let mut out = Vec::new();
    for part in text.split([',', ';', '\n']).map(str::trim).filter(|s| !s.is_empty()) {
        let k = key(part);
        let found = DisclosureForm::ALL
            .iter()
            .copied()
            .find(|f| f.as_str() == part || key(f.label_vi()) == k || key(f.label_vi()).starts_with(&k));
        match found {
            Some(f) if !out.contains(&f) => out.push(f),
            Some(_) => {}
            None => {
                let names: Vec<_> = DisclosureForm::ALL.iter().map(|f| f.as_str()).collect();
                return Err(format!("hình thức '{part}' không hợp lệ ({})", names.join(", ")));
            }
        }
    }
    Ok(out)
}

/// Reads a list from a file's bytes (`.csv`, `.xlsx`, `.xls`; the first sheet). Rows without a
/// unit get `default_unit`; dates after `today` are refused like on the form.
pub fn read_disclosures(
    file_name: &str,
    bytes: &[u8],
    default_unit: &str,
    today: NaiveDate,
) -> Result<DisclosureList, ImportError> {
    let format = Format::from_file_name(file_name)?;
    let rows = read_rows(format, bytes)?;
    let (pos, header) = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.is_blank())
        .take(10)
        .find_map(|(i, r)| {
            let cols = layout(r);
            COLUMNS
                .iter()
                .filter(|(_, _, req)| *req)
                .all(|(c, _, _)| cols.iter().any(|(cc, _, _)| cc == c))
                .then_some((i, cols))
        })
        .ok_or_else(|| {
            if rows.iter().all(RawRow::is_blank) {
                ImportError::Empty
            } else {
                ImportError::MissingColumns(REQUIRED_HEADERS.iter().map(|s| s.to_string()).collect())
            }
        })?;
    let mut out = DisclosureList::default();
    for row in rows[pos + 1..].iter().filter(|r| !r.is_blank()) {
        out.rows.push(check_row(row, &header, default_unit, today));
    }
    if out.rows.is_empty() {
        return Err(ImportError::NoRows);
    }
    Ok(out)
}

/// (column, index, header as written) for each recognised header cell.
fn layout(row: &RawRow) -> Vec<(Col, usize, String)> {
    let mut out = Vec::new();
    for (i, cell) in row.cells.iter().enumerate() {
        let text = cell_text(cell);
        let k = key(&text);
        if let Some((c, _, _)) = COLUMNS.iter().find(|(_, names, _)| names.contains(&k.as_str())) {
            if !out.iter().any(|(cc, _, _)| cc == c) {
                out.push((*c, i, text.trim().to_string()));
            }
        }
    }
    out
}

static EMPTY: Cell = Cell::Empty;

fn check_row(row: &RawRow, header: &[(Col, usize, String)], default_unit: &str, today: NaiveDate) -> DisclosureRow {
    let problems = std::cell::RefCell::new(Vec::new());
    let cell = |c: Col| -> (&Cell, String) {
        match header.iter().find(|(cc, _, _)| *cc == c) {
            Some((_, i, name)) => (row.cells.get(*i).unwrap_or(&EMPTY), name.clone()),
            None => (&EMPTY, String::new()),
        }
    };
    let text = |c: Col| -> Option<String> {
        let t = cell_text(cell(c).0).trim().to_string();
        (!t.is_empty()).then_some(t)
    };
    let problem = |c: Col, code: ErrorCode, message: String| {
        problems.borrow_mut().push(Problem {
            row: row.number,
            column: cell(c).1,
            code,
            message,
        })
    };
    let date = |c: Col, required: bool, problem: &dyn Fn(Col, ErrorCode, String)| -> Option<NaiveDate> {
        let (v, _) = cell(c);
        if v.is_blank() {
            if required {
                problem(c, ErrorCode::Validation, "chưa có ngày".into());
            }
            return None;
        }
        match parse_date_cell(v) {
            Ok(d) => Some(d),
            Err(e) => {
                problem(c, ErrorCode::InvalidDate, format!("ngày không hợp lệ {e} (dd/mm/yyyy)"));
                None
            }
        }
    };
    let decided_on = date(Col::DecidedOn, true, &problem);
    let start_on = date(Col::StartOn, false, &problem);
    let end_on = date(Col::EndOn, false, &problem);
    let forms = match text(Col::Forms).map(|t| parse_forms(&t)).transpose() {
        Ok(f) => f.unwrap_or_default(),
        Err(e) => {
            problem(Col::Forms, ErrorCode::Validation, e);
            Vec::new()
        }
    };
    let required_days = match text(Col::RequiredDays).map(|t| t.parse::<u32>()) {
        None => None,
        Some(Ok(n)) => Some(n),
        Some(Err(_)) => {
            problem(
                Col::RequiredDays,
                ErrorCode::Validation,
                "số ngày phải là số nguyên dương".into(),
            );
            None
        }
    };
    let new = decided_on.map(|decided_on| NewDisclosure {
        unit: text(Col::Unit).unwrap_or_else(|| default_unit.to_string()),
        item: text(Col::Item).unwrap_or_default(),
        title: text(Col::Title).unwrap_or_default(),
        content: None,
        decision_ref: text(Col::DecisionRef),
        decided_on,
        // Disclosed but no form written: a posting (niêm yết), the usual form.
        forms: if forms.is_empty() && start_on.is_some() {
            vec![DisclosureForm::Posting]
        } else {
            forms
        },
        place: text(Col::Place),
        start_on,
        end_on,
        required_days,
        loudspeaker_days: None,
        gpmb_project_id: None,
    });
    if let Some(n) = &new {
        if problems.borrow().is_empty() {
            if let Err(e) = validate_disclosure(n, today) {
                let col = match e.code {
                    ErrorCode::PostingEndsBeforeStart => Col::EndOn,
                    ErrorCode::FutureDate | ErrorCode::InvalidDate => Col::StartOn,
                    _ if e.detail.contains("danh mục") => Col::Item,
                    _ => Col::Title,
                };
                problem(col, e.code, e.detail.clone());
            }
        }
    }
    let problems = problems.into_inner();
    let ok = problems.is_empty();
    DisclosureRow {
        row: row.number,
        disclosure: new.filter(|_| ok),
        problems,
    }
}

/// An empty list to fill in: the headers this reader knows (required ones marked `*`), and a
/// second sheet with the 14 items and the forms.
pub fn disclosure_template_xlsx() -> Vec<u8> {
    build_template().expect("the template is built from fixed data and always writes")
}

fn build_template() -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format as XFormat, Workbook, Worksheet};
    let bold = XFormat::new().set_bold().set_text_wrap();
    let mut sheet = Worksheet::new();
    sheet.set_name("Danh mục công khai")?;
    let headers = [
        "Đơn vị",
        "Mã nội dung *",
        "Nội dung công khai *",
        "Số văn bản",
        "Ngày ban hành *",
        "Hình thức",
        "Nơi niêm yết",
        "Ngày bắt đầu",
        "Ngày kết thúc",
        "Số ngày niêm yết",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
        sheet.set_column_width(c as u16, 22)?;
    }
    let mut lists = Worksheet::new();
    lists.set_name("Danh mục")?;
    lists.write_string_with_format(0, 0, "Mã nội dung", &bold)?;
    lists.write_string_with_format(0, 1, "Nội dung phải công khai (Luật 10/2022 Điều 11)", &bold)?;
    lists.write_string_with_format(0, 2, "Căn cứ", &bold)?;
    for (r, item) in danvan_domain::democracy::disclosure_catalogue().iter().enumerate() {
        lists.write_string(r as u32 + 1, 0, &item.code)?;
        lists.write_string(r as u32 + 1, 1, &item.title)?;
        lists.write_string(r as u32 + 1, 2, &item.legal_basis)?;
    }
    lists.write_string_with_format(0, 4, "Hình thức", &bold)?;
    lists.write_string_with_format(0, 5, "Tên", &bold)?;
    for (r, f) in DisclosureForm::ALL.iter().enumerate() {
        lists.write_string(r as u32 + 1, 4, f.as_str())?;
        lists.write_string(r as u32 + 1, 5, f.label_vi())?;
    }
    lists.set_column_width(1, 70)?;
    let mut book = Workbook::new();
    book.push_worksheet(sheet);
    book.push_worksheet(lists);
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_csv_list_is_read_and_every_bad_row_reported() {
        let csv = "STT,Mã nội dung,Nội dung công khai,Ngày ban hành,Hình thức,Ngày bắt đầu,Ngày kết thúc\n\
                   1,CK_02,Dự toán ngân sách 2025,02/01/2025,niêm yết; portal,03/01/2025,02/02/2025\n\
                   2,CK_03,Phương án bồi thường,05/01/2025,posting,10/01/2025,08/01/2025\n\
                   3,CK_99,Nội dung lạ,05/01/2025,,,\n\
                   4,5,Quỹ vì người nghèo,31/02/2025,,,\n";
        let list = read_disclosures("ds.csv", csv.as_bytes(), "2025/00004", d("2025-06-01")).unwrap();
        assert_eq!(list.rows.len(), 4);
        let first = list.rows[0].disclosure.as_ref().unwrap();
        assert_eq!(first.forms, vec![DisclosureForm::Posting, DisclosureForm::Portal]);
        assert_eq!(first.unit, "2025/00004");
        assert_eq!(list.rows[1].problems[0].code, ErrorCode::PostingEndsBeforeStart);
        assert_eq!(list.rows[1].problems[0].column, "Ngày kết thúc");
        assert_eq!(list.rows[2].problems[0].column, "Mã nội dung");
        assert_eq!(list.rows[3].problems[0].code, ErrorCode::InvalidDate);
        assert_eq!(list.problems().count(), 3);
    }

    #[test]
    fn the_template_reads_back_as_an_empty_list() {
        let bytes = disclosure_template_xlsx();
        assert!(matches!(
            read_disclosures("mau.xlsx", &bytes, "2025/00004", d("2025-06-01")),
            Err(ImportError::NoRows)
        ));
    }

    #[test]
    fn a_list_without_the_required_columns_is_refused() {
        let csv = "STT,Tên\n1,x\n";
        assert!(matches!(
            read_disclosures("ds.csv", csv.as_bytes(), "2025/00004", d("2025-06-01")),
            Err(ImportError::MissingColumns(_))
        ));
    }
}
